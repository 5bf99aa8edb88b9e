//! Proposals and review, comments and acknowledgements (issue 19): who may decide, what an
//! approval changes and when, that a refused or failed decision changes nothing, and that a
//! document keeps all of it.

use chrono::{DateTime, NaiveDate, Utc};
use okr_core::workflow::{
    Acknowledgement, Comment, Proposal, ProposedChange, ReviewPolicy, Subject,
};
use okr_core::{
    CheckIn, Cycle, KeyResult, KeyResultPatch, LogFilter, Measure, Objective, OkrError, OkrGraph,
    Owner, Revise,
};

fn t(m: u32, d: u32) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(2026, m, d)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
        .and_utc()
}

/// acme > sales > (anna, bjorn); acme > ops > carl. Objective `grow` (acme) with key result
/// `revenue`; `sell` (sales) under it with `deals` (owned by anna), checked in by anna.
fn company() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    for (id, parent) in [
        ("sales", "acme"),
        ("ops", "acme"),
        ("anna", "sales"),
        ("bjorn", "sales"),
        ("carl", "ops"),
    ] {
        g.add_owner(Owner::new(id, id, "person").with_parent(parent))
            .unwrap();
    }
    let q4 = Cycle::new(
        "q4",
        NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
    );
    g.add_cycle(q4).unwrap();
    g.add_objective(Objective::new("grow", "Grow", "acme", "q4"))
        .unwrap();
    g.add_key_result(KeyResult::new(
        "revenue",
        "Revenue",
        "grow",
        Measure::numeric(0.0, 100.0),
    ))
    .unwrap();
    g.add_objective(Objective::new("sell", "Sell more", "sales", "q4"))
        .unwrap();
    g.link("sell", "grow", 1.0).unwrap();
    let mut deals = KeyResult::new("deals", "Deals", "sell", Measure::numeric(0.0, 50.0));
    deals.owner = Some("anna".into());
    g.add_key_result(deals).unwrap();
    let mut c = CheckIn::value(t(10, 20), 10.0);
    c.author = Some("anna".into());
    g.check_in("deals", c).unwrap();
    g
}

fn new_objective(id: &str, owner: &str) -> ProposedChange {
    let objective = Objective::new(id, "Open the north", owner, "q4");
    let kr = KeyResult::new(
        format!("{id}-kr"),
        "Ten clinics",
        id,
        Measure::numeric(0.0, 10.0),
    );
    ProposedChange::NewObjective {
        objective,
        key_results: vec![kr],
        parents: vec![("sell".into(), 2.0, okr_core::LinkKind::Contributes)],
    }
}

#[test]
fn a_proposed_objective_counts_nowhere_until_approved_then_from_the_approval_time() {
    let mut g = company();
    let before = g.rollup(t(11, 30));
    g.propose(Proposal::new(
        "p1",
        "anna",
        t(10, 25),
        new_objective("north", "anna"),
    ))
    .unwrap();
    assert_eq!(g.objective_count(), 2);
    assert!(g.rollup(t(11, 30)).get("north").is_none());
    assert_eq!(
        g.rollup(t(11, 30)).objective("grow").unwrap().progress,
        before.objective("grow").unwrap().progress
    );
    assert_eq!(g.proposal("p1").unwrap().state(), "pending");

    // bjorn is anna's peer, carl is in another department: neither may decide
    for actor in ["bjorn", "carl"] {
        let e = g.approve("p1", actor, t(11, 2), None).unwrap_err();
        assert_eq!(e.code(), "forbidden");
        assert_eq!(e.ids().collect::<Vec<_>>(), ["p1", actor]);
        assert!(e.to_string().contains("neither above"), "{e}");
    }
    // anna may not approve her own proposal
    let e = g.approve("p1", "anna", t(11, 2), None).unwrap_err();
    assert_eq!(e.code(), "forbidden");
    assert!(e.to_string().contains("self-approval"), "{e}");
    assert_eq!(g.proposal("p1").unwrap().state(), "pending");

    // sales is above anna
    g.approve("p1", "sales", t(11, 2), Some("good plan".into()))
        .unwrap();
    assert_eq!(g.proposal("p1").unwrap().state(), "approved");
    assert_eq!(g.parents_of("north"), vec![("sell", 2.0)]);
    assert!(g.at(t(11, 1)).objective("north").is_none());
    assert!(g.at(t(11, 2)).objective("north").is_some());
    assert!(g.rollup(t(11, 30)).get("north-kr").is_some());
    let log = g.log(&LogFilter::default()).unwrap();
    assert!(
        log.iter()
            .all(|e| e.by.as_deref() == Some("sales") && e.at == t(11, 2))
    );
    assert!(log.iter().all(|e| e.reason.as_deref() == Some("good plan")));
    assert_eq!(log.len(), 3, "the objective, its key result and its link");

    let e = g.approve("p1", "acme", t(11, 3), None).unwrap_err();
    assert_eq!(e.code(), "already_decided");
    let e = g.reject("p1", "acme", t(11, 3), None).unwrap_err();
    assert_eq!(e.code(), "already_decided");
}

#[test]
fn the_policy_names_reviewers_and_may_allow_self_approval() {
    let mut g = company();
    let change = |target: f64| ProposedChange::KeyResult {
        id: "deals".into(),
        patch: KeyResultPatch {
            measure: Some(Measure::numeric(0.0, target)),
            ..Default::default()
        },
    };
    let mut p = Proposal::new("p1", "anna", t(10, 25), change(60.0));
    p.reviewers = vec!["carl".into()];
    g.propose(p).unwrap();
    g.propose(Proposal::new("p2", "anna", t(10, 25), change(70.0)))
        .unwrap();
    // carl is named on p1 only
    g.may_decide("p1", "carl").unwrap();
    assert_eq!(g.may_decide("p2", "carl").unwrap_err().code(), "forbidden");
    // a policy reviewer may decide on any proposal; with self-approval the proposer may
    g.set_review_policy(ReviewPolicy {
        allow_self_approval: true,
        reviewers: vec!["bjorn".into()],
    })
    .unwrap();
    g.may_decide("p2", "bjorn").unwrap();
    g.approve("p2", "anna", t(11, 1), None).unwrap();
    assert_eq!(
        g.key_result("deals").unwrap().measure,
        Measure::numeric(0.0, 70.0)
    );
    // the change took effect at the approval: the target before was 50
    assert_eq!(
        g.at(t(10, 31)).key_result("deals").unwrap().measure,
        Measure::numeric(0.0, 50.0)
    );
    let log = g.log(&LogFilter::default()).unwrap();
    assert_eq!(log[0].reason.as_deref(), Some("proposal p2 approved"));
    // p1 is rejected: nothing changes
    let before = g.to_json();
    g.reject("p1", "carl", t(11, 2), Some("too low".into()))
        .unwrap();
    assert_eq!(g.proposal("p1").unwrap().state(), "rejected");
    let d = g.proposal("p1").unwrap().decision.clone().unwrap();
    assert_eq!(
        (d.by.as_str(), d.comment.as_deref()),
        ("carl", Some("too low"))
    );
    let after = g.to_json();
    assert_ne!(before, after, "the decision is kept");
    assert_eq!(
        g.key_result("deals").unwrap().measure,
        Measure::numeric(0.0, 70.0)
    );
    // an unknown reviewer in a policy is refused
    let e = g
        .set_review_policy(ReviewPolicy {
            allow_self_approval: false,
            reviewers: vec!["nobody".into()],
        })
        .unwrap_err();
    assert_eq!(e.code(), "unknown_id");
    assert!(g.review_policy().allow_self_approval);
}

#[test]
fn a_failed_approval_changes_nothing_and_leaves_the_proposal_pending() {
    let mut g = company();
    g.propose(Proposal::new(
        "p1",
        "anna",
        t(10, 25),
        new_objective("north", "anna"),
    ))
    .unwrap();
    // since the proposal, someone took its key result's id: the objective is added, then
    // the key result fails, and the objective is taken back
    g.add_key_result_at(
        KeyResult::new("north-kr", "Taken", "grow", Measure::numeric(0.0, 1.0)),
        Revise::at(t(10, 28)),
    )
    .unwrap();
    let before = (
        g.to_json(),
        g.revision_count(),
        g.rollup(t(11, 30)).objective("grow").unwrap().progress,
    );
    let e = g.approve("p1", "sales", t(11, 2), None).unwrap_err();
    assert_eq!(e.code(), "duplicate_id");
    assert_eq!(
        (
            g.to_json(),
            g.revision_count(),
            g.rollup(t(11, 30)).objective("grow").unwrap().progress
        ),
        before
    );
    assert!(g.objective("north").is_none());
    assert_eq!(g.proposal("p1").unwrap().state(), "pending");
    // the objective's id was not retired by the attempt: a later revision may use it
    g.add_objective_at(
        Objective::new("north", "North", "anna", "q4"),
        Revise::at(t(11, 3)),
    )
    .unwrap();

    // deciding before the proposal was made, or deciding an unknown one
    let mut g = company();
    g.propose(Proposal::new(
        "p1",
        "anna",
        t(10, 25),
        new_objective("north", "anna"),
    ))
    .unwrap();
    let e = g.approve("p1", "sales", t(10, 24), None).unwrap_err();
    assert_eq!(e.code(), "invalid_revision");
    let e = g.approve("p9", "sales", t(11, 2), None).unwrap_err();
    assert_eq!(
        (e.code(), e.to_string().as_str()),
        ("unknown_id", "unknown proposal \"p9\"")
    );
}

#[test]
fn proposals_are_checked_when_made() {
    let mut g = company();
    let bad = [
        (
            Proposal::new("", "anna", t(10, 25), new_objective("x", "anna")),
            "invalid_value",
        ),
        (
            Proposal::new("p", "nobody", t(10, 25), new_objective("x", "anna")),
            "unknown_id",
        ),
        (
            Proposal::new("p", "anna", t(10, 25), new_objective("grow", "anna")),
            "duplicate_id",
        ),
        (
            Proposal::new("p", "anna", t(10, 25), new_objective("x", "nobody")),
            "unknown_id",
        ),
        (
            Proposal::new(
                "p",
                "anna",
                t(10, 25),
                ProposedChange::Objective {
                    id: "grow".into(),
                    patch: Default::default(),
                },
            ),
            "invalid_value",
        ),
        (
            Proposal::new(
                "p",
                "anna",
                t(10, 25),
                ProposedChange::NewKeyResult(KeyResult::new(
                    "k",
                    "K",
                    "missing",
                    Measure::numeric(0.0, 1.0),
                )),
            ),
            "unknown_id",
        ),
    ];
    for (p, code) in bad {
        let e = g.propose(p).unwrap_err();
        assert_eq!(e.code(), code, "{e}");
    }
    assert!(g.proposals().is_empty());
    g.propose(Proposal::new(
        "p",
        "anna",
        t(10, 25),
        new_objective("x", "anna"),
    ))
    .unwrap();
    let e = g
        .propose(Proposal::new(
            "p",
            "anna",
            t(10, 26),
            new_objective("y", "anna"),
        ))
        .unwrap_err();
    assert_eq!(e.code(), "duplicate_id");
    // what a pending proposal refers to cannot be removed
    let e = g
        .remove_objective_at("sell", Revise::at(t(11, 1)))
        .unwrap_err();
    assert!(
        matches!(e, OkrError::InUse { ref by, .. } if by == "p"),
        "{e}"
    );
    let e = g.remove_owner("bjorn");
    assert!(e.is_ok(), "nothing refers to bjorn");
    assert_eq!(g.remove_owner("anna").unwrap_err().code(), "in_use");
}

#[test]
fn comments_and_acknowledgements() {
    let mut g = company();
    let comment = |id: &str, by: &str, at, on: Subject, reply: Option<&str>| Comment {
        id: id.into(),
        by: by.into(),
        at,
        on,
        text: format!("{id} says hello"),
        reply_to: reply.map(Into::into),
    };
    let check_in = Subject::CheckIn {
        key_result: "deals".into(),
        at: t(10, 20),
    };
    g.add_comment(comment("c2", "sales", t(10, 22), check_in.clone(), None))
        .unwrap();
    g.add_comment(comment(
        "c1",
        "acme",
        t(10, 21),
        Subject::Objective("grow".into()),
        None,
    ))
    .unwrap();
    g.add_comment(comment(
        "c3",
        "anna",
        t(10, 23),
        check_in.clone(),
        Some("c2"),
    ))
    .unwrap();
    let ids: Vec<&str> = g.comments(None).iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["c1", "c2", "c3"], "time order");
    let on: Vec<&str> = g
        .comments(Some(&check_in))
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(on, ["c2", "c3"]);

    let bad = [
        (
            comment("c1", "anna", t(10, 24), check_in.clone(), None),
            "duplicate_id",
        ),
        (
            comment("c4", "nobody", t(10, 24), check_in.clone(), None),
            "unknown_id",
        ),
        (
            comment("c4", "anna", t(10, 24), check_in.clone(), Some("c9")),
            "unknown_id",
        ),
        (
            comment(
                "c4",
                "anna",
                t(10, 24),
                Subject::KeyResult("deals".into()),
                Some("c2"),
            ),
            "invalid_value",
        ),
        (
            comment("c4", "anna", t(10, 21), check_in.clone(), Some("c2")),
            "invalid_value",
        ),
        (
            comment(
                "c4",
                "anna",
                t(10, 24),
                Subject::CheckIn {
                    key_result: "deals".into(),
                    at: t(10, 19),
                },
                None,
            ),
            "unknown_id",
        ),
        (
            comment(
                "c4",
                "anna",
                t(10, 24),
                Subject::Objective("nope".into()),
                None,
            ),
            "unknown_id",
        ),
    ];
    for (c, code) in bad {
        let e = g.add_comment(c).unwrap_err();
        assert_eq!(e.code(), code, "{e}");
    }
    let mut empty = comment("c5", "anna", t(10, 24), check_in.clone(), None);
    empty.text = "  ".into();
    assert_eq!(g.add_comment(empty).unwrap_err().code(), "invalid_value");
    assert_eq!(g.comments(None).len(), 3);

    let ack = |by: &str, at| Acknowledgement {
        key_result: "deals".into(),
        check_in: t(10, 20),
        by: by.into(),
        at,
        comment: None,
    };
    // anna wrote the check-in; bjorn is her peer
    assert_eq!(
        g.acknowledge(ack("anna", t(10, 21))).unwrap_err().code(),
        "forbidden"
    );
    assert_eq!(
        g.acknowledge(ack("bjorn", t(10, 21))).unwrap_err().code(),
        "forbidden"
    );
    assert_eq!(
        g.acknowledge(ack("sales", t(10, 19))).unwrap_err().code(),
        "invalid_value"
    );
    g.acknowledge(ack("sales", t(10, 21))).unwrap();
    let e = g.acknowledge(ack("sales", t(10, 22))).unwrap_err();
    assert_eq!(e.code(), "already_decided");
    assert_eq!(
        e.ids().collect::<Vec<_>>(),
        ["deals @ 2026-10-20T09:00:00Z"]
    );
    g.acknowledge(ack("acme", t(10, 22))).unwrap();
    assert_eq!(g.acknowledgements(Some("deals")).len(), 2);
    assert!(g.acknowledgements(Some("revenue")).is_empty());
}

/// Everything above, saved and loaded: the same text again, the same decisions.
#[test]
fn documents_keep_the_workflow() {
    let mut g = company();
    g.set_review_policy(ReviewPolicy {
        allow_self_approval: false,
        reviewers: vec!["carl".into()],
    })
    .unwrap();
    g.propose(Proposal::new(
        "p1",
        "anna",
        t(10, 25),
        new_objective("north", "anna"),
    ))
    .unwrap();
    let mut p2 = Proposal::new(
        "p2",
        "bjorn",
        t(10, 26),
        ProposedChange::NewKeyResult(KeyResult::new(
            "calls",
            "Calls",
            "sell",
            Measure::numeric(0.0, 9.0),
        )),
    );
    p2.note = Some("more calls".into());
    g.propose(p2).unwrap();
    g.propose(Proposal::new(
        "p3",
        "anna",
        t(10, 27),
        ProposedChange::Objective {
            id: "sell".into(),
            patch: okr_core::ObjectivePatch {
                title: Some("Sell much more".into()),
                ..Default::default()
            },
        },
    ))
    .unwrap();
    g.approve("p1", "sales", t(11, 2), None).unwrap();
    g.reject("p2", "carl", t(11, 3), Some("not now".into()))
        .unwrap();
    g.add_comment(Comment {
        id: "c1".into(),
        by: "sales".into(),
        at: t(10, 22),
        on: Subject::CheckIn {
            key_result: "deals".into(),
            at: t(10, 20),
        },
        text: "Good start".into(),
        reply_to: None,
    })
    .unwrap();
    g.acknowledge(Acknowledgement {
        key_result: "deals".into(),
        check_in: t(10, 20),
        by: "sales".into(),
        at: t(10, 22),
        comment: Some("seen".into()),
    })
    .unwrap();
    let text = g.to_json();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["proposals"].as_array().unwrap().len(), 3);
    assert_eq!(
        doc["proposals"][2]["set"],
        serde_json::json!({"title": "Sell much more"})
    );
    assert_eq!(doc["proposals"][1]["under"], "sell");
    assert_eq!(doc["review"]["reviewers"], serde_json::json!(["carl"]));
    assert_eq!(doc["comments"][0]["check_in"], "2026-10-20T09:00:00Z");
    let back = OkrGraph::from_json(&text).unwrap();
    assert_eq!(back.to_json(), text);
    assert_eq!(back.proposal("p3").unwrap().state(), "pending");
    assert_eq!(back.proposal("p1").unwrap().state(), "approved");
    assert_eq!(back.comments(None).len(), 1);
    // the pending one can still be decided after loading
    let mut back = back;
    back.approve("p3", "acme", t(11, 4), None).unwrap();
    assert_eq!(back.objective("sell").unwrap().title, "Sell much more");

    // version 1 has none of it
    let v1 = text.replacen("\"version\": 2", "\"version\": 1", 1);
    let v1 = serde_json::from_str::<serde_json::Value>(&v1).unwrap();
    let mut v1 = v1;
    v1.as_object_mut().unwrap().remove("history");
    let e = OkrGraph::from_json(&v1.to_string()).unwrap_err();
    assert!(e.to_string().contains("need version 2"), "{e}");
}

#[test]
fn bad_workflow_in_documents_names_the_place() {
    let g = company();
    let mut doc: serde_json::Value = serde_json::from_str(&g.to_json()).unwrap();
    let cases = [
        (
            "comments",
            serde_json::json!([{"id": "c", "by": "anna", "at": "2026-10-21", "text": "x", "reply_to": "nope", "objective": "grow"}]),
            "comments[0]",
        ),
        (
            "comments",
            serde_json::json!([{"id": "c", "by": "anna", "at": "2026-10-21", "text": "x", "objective": "grow", "key_result": "deals"}]),
            "comments[0]",
        ),
        (
            "proposals",
            serde_json::json!([{"id": "p", "by": "anna", "at": "2026-10-21", "objective": "grow"}]),
            "proposals[0]",
        ),
        (
            "proposals",
            serde_json::json!([{"id": "p", "by": "anna", "at": "2026-10-21", "objective": "grow", "set": {"title": "T"},
                "decision": {"approved": true, "by": "acme", "at": "2026-10-20"}}]),
            "proposals[0]",
        ),
        (
            "acknowledgements",
            serde_json::json!([{"key_result": "deals", "check_in": "2026-10-21T09:00:00Z", "by": "acme", "at": "2026-10-22"}]),
            "acknowledgements[0]",
        ),
    ];
    for (field, value, path) in cases {
        doc[field] = value;
        let e = OkrGraph::from_json(&doc.to_string()).unwrap_err();
        assert!(e.to_string().starts_with(path), "{field}: {e}");
        doc.as_object_mut().unwrap().remove(field);
    }
}
