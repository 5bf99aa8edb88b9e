//! Visibility: who may see an objective and everything under it (public, owner line,
//! private with named viewers and groups); typed errors that change nothing; documents keep
//! it all. Views that show nothing hidden are built on these rules.

mod common;

use common::*;
use okr_core::{
    EntityKind, Group, Initiative, KeyResult, Measure, Objective, ObjectivePatch, OkrError,
    OkrGraph, Owner, Revise, Visibility,
};

/// acme > sales > (anna, bo); acme > ceo; objectives of each visibility owned by sales.
fn graph() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    g.add_owner(Owner::new("sales", "Sales", "department").with_parent("acme"))
        .unwrap();
    g.add_owner(Owner::new("anna", "Anna", "person").with_parent("sales"))
        .unwrap();
    g.add_owner(Owner::new("bo", "Bo", "person").with_parent("sales"))
        .unwrap();
    g.add_owner(Owner::new("ceo", "CEO", "person").with_parent("acme"))
        .unwrap();
    g.add_cycle(okr_core::Cycle::new("q", d(10, 1), d(12, 31)))
        .unwrap();
    g.add_group(Group::new("board", ["ceo"])).unwrap();
    for (id, visibility, viewers) in [
        ("open", Visibility::Public, vec![]),
        ("line", Visibility::OwnerLine, vec![]),
        ("secret", Visibility::Private, vec!["anna".to_string()]),
        ("board-only", Visibility::Private, vec!["board".to_string()]),
    ] {
        let mut o = Objective::new(id, id, "sales", "q");
        o.visibility = visibility;
        o.viewers = viewers;
        g.add_objective(o).unwrap();
    }
    g.add_key_result(KeyResult::new(
        "secret-kr",
        "k",
        "secret",
        Measure::numeric(0.0, 1.0),
    ))
    .unwrap();
    g.add_initiative(Initiative::new("secret-work", "secret-kr", "w"))
        .unwrap();
    g
}

#[test]
fn who_sees_what() {
    let g = graph();
    let sees = |viewer: &str, id: &str| g.can_see(viewer, id).unwrap();
    // public: everyone
    for v in ["acme", "sales", "anna", "bo", "ceo"] {
        assert!(sees(v, "open"), "{v}");
    }
    // owner line: the owner and those above it, not those below or beside
    assert!(sees("sales", "line") && sees("acme", "line"));
    assert!(!sees("anna", "line") && !sees("ceo", "line"));
    // private: the owner and named viewers, directly or through a group
    assert!(sees("sales", "secret") && sees("anna", "secret"));
    assert!(!sees("acme", "secret") && !sees("bo", "secret"));
    assert!(sees("ceo", "board-only") && !sees("anna", "board-only"));
    // what is under an objective goes with it
    assert!(sees("anna", "secret-kr") && sees("anna", "secret-work"));
    assert!(!sees("bo", "secret-kr") && !sees("bo", "secret-work"));
    assert_eq!(g.visible_objectives("bo").unwrap(), ["open"]);
    assert_eq!(g.visible_objectives("acme").unwrap(), ["open", "line"]);
}

#[test]
fn errors_are_typed_and_change_nothing() {
    let mut g = graph();
    let json = g.to_json();
    assert!(matches!(
        g.can_see("nobody", "open").unwrap_err(),
        OkrError::UnknownId {
            kind: EntityKind::Owner,
            ..
        }
    ));
    assert!(matches!(
        g.can_see("anna", "nothing").unwrap_err(),
        OkrError::UnknownId { .. }
    ));
    // viewers on a public objective, unknown viewers, a viewer twice
    let mut o = Objective::new("x", "x", "sales", "q");
    o.viewers = vec!["anna".into()];
    assert_eq!(
        g.add_objective(o.clone()).unwrap_err().code(),
        "invalid_value"
    );
    o.visibility = Visibility::Private;
    o.viewers = vec!["zed".into()];
    assert_eq!(g.add_objective(o.clone()).unwrap_err().code(), "unknown_id");
    o.viewers = vec!["anna".into(), "anna".into()];
    assert_eq!(g.add_objective(o).unwrap_err().code(), "invalid_value");
    // groups and owners share one space of ids; members are owners
    assert!(matches!(
        g.add_group(Group::new("sales", ["anna"])).unwrap_err(),
        OkrError::DuplicateId {
            existing: EntityKind::Owner,
            ..
        }
    ));
    assert!(matches!(
        g.add_owner(Owner::new("board", "B", "team")).unwrap_err(),
        OkrError::DuplicateId {
            existing: EntityKind::Group,
            ..
        }
    ));
    assert_eq!(
        g.add_group(Group::new("g", ["zed"])).unwrap_err().code(),
        "unknown_id"
    );
    // what is named cannot go
    assert_eq!(g.remove_group("board").unwrap_err().code(), "in_use");
    assert_eq!(g.remove_owner("ceo").unwrap_err().code(), "in_use");
    assert_eq!(g.to_json(), json);
}

#[test]
fn a_change_of_visibility_is_a_revision_and_documents_keep_it_all() {
    let mut g = graph();
    g.revise_objective(
        "open",
        ObjectivePatch {
            visibility: Some(Visibility::OwnerLine),
            viewers: Some(vec!["board".into()]),
            ..ObjectivePatch::default()
        },
        Revise::on(d(11, 1)).by("sales"),
    )
    .unwrap();
    assert!(!g.can_see("bo", "open").unwrap());
    assert!(g.can_see("ceo", "open").unwrap());
    let log = g.log(&Default::default()).unwrap();
    let fields: Vec<&str> = log.iter().map(|e| e.field.as_str()).collect();
    assert!(
        fields.contains(&"visibility") && fields.contains(&"viewers"),
        "{fields:?}"
    );
    let json = g.to_json();
    assert!(json.contains("\"groups\""));
    let again = OkrGraph::from_json(&json).unwrap();
    assert_eq!(again.to_json(), json);
    assert_eq!(again.visible_objectives("bo").unwrap(), Vec::<&str>::new());
    // version 1 has no groups
    let v1 = graph()
        .to_json()
        .replacen("\"version\": 2", "\"version\": 1", 1);
    assert!(
        okr_core::document::check_str(&v1)
            .iter()
            .any(|p| p.path == "groups")
    );
    // a bad group is named at its path
    let bad = json.replacen(
        "\"members\": [\n        \"ceo\"",
        "\"members\": [\n        \"zed\"",
        1,
    );
    assert_ne!(bad, json);
    assert_eq!(
        okr_core::document::check_str(&bad)[0].path,
        "groups[0].members"
    );
}

#[test]
fn document_limits_hold_on_groups_members_and_viewers() {
    let json = graph().to_json();
    // five owners: a limit of 5 passes, groups and viewers under it
    let limits = okr_core::document::Limits {
        max_owners: 5,
        ..Default::default()
    };
    assert!(okr_core::document::load_str_with(&json, &limits).is_ok());
    let many: Vec<String> = (0..6).map(|i| format!("\"v{i}\"")).collect();
    let text = json.replacen(
        "\"members\": [\n        \"ceo\"\n      ]",
        &format!("\"members\": [{}]", many.join(", ")),
        1,
    );
    assert_ne!(text, json);
    let e = okr_core::document::load_str_with(&text, &limits).unwrap_err();
    assert_eq!(e.code(), "limit_exceeded");
    assert!(
        e.to_string().contains("group members at groups[0].members"),
        "{e}"
    );
}

#[test]
fn the_example_company_keeps_a_private_and_an_owner_line_objective() {
    let text = include_str!("../../examples/acme.okr.json");
    let g = OkrGraph::from_json(text).unwrap();
    // private to its owner and the sales leads
    assert!(g.can_see("gustav", "tromso-clinics").unwrap());
    assert!(g.can_see("bjorn", "gustav-tromso").unwrap());
    assert!(!g.can_see("sales-north", "gustav-tromso").unwrap());
    // the owner line of hanna: production and the company see it, sales does not
    assert!(g.can_see("production", "production-quality").unwrap());
    assert!(!g.can_see("sales", "production-quality").unwrap());
    assert_eq!(g.group("sales-leads").unwrap().members, ["bjorn", "astrid"]);
}

#[test]
fn a_group_or_owner_an_earlier_state_names_stays_and_a_bad_viewer_has_its_path() {
    let mut g = graph();
    g.add_group(Group::new("partners", ["bo"])).unwrap();
    g.revise_objective(
        "line",
        ObjectivePatch {
            viewers: Some(vec!["partners".into()]),
            ..ObjectivePatch::default()
        },
        Revise::on(d(11, 1)),
    )
    .unwrap();
    g.revise_objective(
        "line",
        ObjectivePatch {
            viewers: Some(vec![]),
            ..ObjectivePatch::default()
        },
        Revise::on(d(11, 2)),
    )
    .unwrap();
    // no objective names it now, but the history does: the document must load again
    assert!(matches!(
        g.remove_group("partners").unwrap_err(),
        OkrError::InUse {
            by_kind: EntityKind::Objective,
            ..
        }
    ));
    let again = OkrGraph::from_json(&g.to_json()).unwrap();
    assert_eq!(again.to_json(), g.to_json());
    // a viewer that is neither an owner nor a group is named as such, at its path
    let json = graph().to_json();
    let bad = json.replacen("\"anna\"\n      ]", "\"zed\"\n      ]", 1);
    assert_ne!(bad, json);
    let p = &okr_core::document::check_str(&bad)[0];
    assert!(p.path.ends_with(".viewers"), "{p:?}");
    assert!(
        p.message
            .contains("unknown viewer (owner or group) \"zed\""),
        "{p:?}"
    );
}
