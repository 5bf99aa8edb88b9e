//! The rollup as one table (issue 23): titles, owners, objectives, cycles, states and the
//! counted flag beside the figures, on graphs, past states and views.

mod common;

use chrono::NaiveDate;
use common::*;
use okr_core::report::Report;
use okr_core::{
    KeyResult, Measure, NodeKind, ObjectiveState, OkrError, OkrGraph, RollupMode, RollupTable,
    Status, ViewPolicy,
};

fn example() -> OkrGraph {
    OkrGraph::from_json(include_str!("../../examples/acme.okr.json")).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn row_of(t: &RollupTable, id: &str) -> usize {
    t.id.iter().position(|x| x == Some(id)).unwrap()
}

#[test]
fn rows_follow_the_rollup_and_carry_the_model() {
    let g = example();
    let r = g.rollup(day(2026, 11, 15));
    let t = r.table(&g).unwrap();
    let c = r.columns();
    assert_eq!(t.len(), r.len());
    let ids: Vec<&str> = t.id.iter().map(Option::unwrap).collect();
    assert_eq!(ids, c.ids);
    // NaN for undefined figures: compared as printed
    assert_eq!(format!("{:?}", t.figures), format!("{:?}", c.figures));
    assert_eq!(t.as_of, r.as_of());
    for (i, node) in r.nodes().enumerate() {
        match node.kind {
            NodeKind::Objective => {
                let o = g.objective(node.id).unwrap();
                assert_eq!(t.title.get(i), Some(o.title.as_str()));
                assert_eq!(t.owner.get(i), Some(o.owner.as_str()));
                assert_eq!(t.objective.get(i), None);
                assert_eq!(t.cycle.get(i), Some(o.cycle.as_str()));
                assert_eq!(t.state[i], o.state);
            }
            NodeKind::KeyResult => {
                let k = g.key_result(node.id).unwrap();
                let o = g.objective(&k.objective).unwrap();
                assert_eq!(t.title.get(i), Some(k.title.as_str()));
                assert_eq!(t.owner.get(i), g.effective_owner(k));
                assert_eq!(t.objective.get(i), Some(k.objective.as_str()));
                assert_eq!(t.cycle.get(i), Some(o.cycle.as_str()));
                assert_eq!(t.state[i], o.state);
            }
        }
        assert_eq!(t.undefined_reason[i], node.values.undefined_reason);
        assert_eq!(t.last_check_in[i], node.values.last_check_in);
    }
    assert_eq!(t.objective.null_count(), r.objectives().count());
}

/// The report's summary counts objectives by status only where they count, and names how many
/// are "draft or abandoned (not counted)": the table's `counted` agrees line for line.
#[test]
fn counted_is_what_the_report_counts() {
    let g = example();
    let r = g.rollup(day(2026, 11, 15));
    let t = r.table(&g).unwrap();
    let text = Report::render_text(&g, &r);
    let objectives: Vec<usize> = (0..t.len())
        .filter(|&i| t.figures.kind[i] == NodeKind::Objective)
        .collect();
    let not_counted = objectives.iter().filter(|&&i| !t.counted[i]).count();
    assert!(
        not_counted >= 2,
        "the example has a draft and an abandoned objective"
    );
    assert!(
        text.contains(&format!("{not_counted} draft or abandoned (not counted)")),
        "{text}"
    );
    let mut off_track = 0;
    for &i in &objectives {
        let id = t.id.get(i).unwrap();
        let title = t.title.get(i).unwrap();
        let line = text
            .lines()
            .find(|l| l.contains(&format!("[{id}]")))
            .unwrap();
        assert_eq!(
            !t.counted[i],
            line.contains("not counted") && line.contains(title)
        );
        if t.counted[i] && t.figures.status[i] == Status::OffTrack {
            off_track += 1;
        }
    }
    if off_track > 0 {
        assert!(text.contains(&format!("{off_track} off track")), "{text}");
    }
    // a key result counts as its objective does
    for i in 0..t.len() {
        if t.figures.kind[i] == NodeKind::KeyResult {
            let o = g.objective(t.objective.get(i).unwrap()).unwrap();
            assert_eq!(t.counted[i], o.state.counts());
        }
    }
}

#[test]
fn states_and_owners_of_key_results() {
    let mut g = base();
    obj_with(
        &mut g,
        "draft",
        ObjectiveState::Draft,
        RollupMode::default(),
    );
    obj_with(
        &mut g,
        "gone",
        ObjectiveState::Abandoned,
        RollupMode::default(),
    );
    obj(&mut g, "live");
    g.add_owner(okr_core::Owner::new("p", "Pat", "person"))
        .unwrap();
    let mut k = KeyResult::new("k1", "Own owner", "live", Measure::numeric(0.0, 10.0));
    k.owner = Some("p".into());
    g.add_key_result(k).unwrap();
    kr(&mut g, "k2", "draft", Measure::numeric(0.0, 10.0));
    let t = g.rollup(d(11, 1)).table(&g).unwrap();
    let at = |id| row_of(&t, id);
    assert_eq!(t.state[at("draft")], ObjectiveState::Draft);
    assert!(!t.counted[at("draft")] && !t.counted[at("gone")] && t.counted[at("live")]);
    assert_eq!(t.owner.get(at("k1")), Some("p"));
    assert_eq!(t.owner.get(at("k2")), Some("o"));
    assert_eq!(t.state[at("k2")], ObjectiveState::Draft);
    assert!(!t.counted[at("k2")] && t.counted[at("k1")]);
    assert_eq!(t.objective.get(at("k2")), Some("draft"));
}

#[test]
fn an_empty_graph_has_an_empty_table() {
    let g = OkrGraph::new();
    let t = g.rollup(d(11, 1)).table(&g).unwrap();
    assert!(t.is_empty());
    assert_eq!(t.title.offsets(), [0]);
}

#[test]
fn a_rollup_of_another_graph_is_refused() {
    let g = example();
    let r = g.rollup(day(2026, 11, 15));
    let other = base();
    match r.table(&other) {
        Err(OkrError::UnknownId { .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_past_rollup_shows_the_model_as_it_stood() {
    let mut g = base();
    obj(&mut g, "a");
    kr(&mut g, "k", "a", Measure::numeric(0.0, 10.0));
    let before = g.rollup(d(10, 20));
    let patch = okr_core::ObjectivePatch {
        title: Some("Renamed".into()),
        state: Some(ObjectiveState::Abandoned),
        ..Default::default()
    };
    g.revise_objective("a", patch, okr_core::Revise::on(d(11, 1)))
        .unwrap();
    let then = before.table(&g).unwrap();
    assert_eq!(then.title.get(row_of(&then, "a")), Some("Objective a"));
    assert!(then.counted[row_of(&then, "a")]);
    let now = g.rollup(d(11, 20)).table(&g).unwrap();
    assert_eq!(now.title.get(row_of(&now, "a")), Some("Renamed"));
    assert!(!now.counted[row_of(&now, "a")] && !now.counted[row_of(&now, "k")]);
}

/// A view's table shows the view's combined entries, and no title or owner of what it hides.
#[test]
fn a_views_table_hides_what_the_view_hides() {
    let g = example();
    for policy in [ViewPolicy::CountHidden, ViewPolicy::ExcludeHidden] {
        for viewer in g.owners().map(|o| o.id.clone()).collect::<Vec<_>>() {
            let view = g.view_for_with(&viewer, policy).unwrap();
            let t = view.rollup(day(2026, 11, 20)).table(&view).unwrap();
            let ids: Vec<&str> = t.id.iter().map(Option::unwrap).collect();
            for o in g.objectives() {
                if view.objective(&o.id).is_some() {
                    continue;
                }
                assert!(!ids.contains(&o.id.as_str()), "{viewer}: {}", o.id);
                assert!(
                    !t.title.iter().any(|x| x == Some(o.title.as_str())),
                    "{viewer} sees the title of {}",
                    o.id
                );
            }
            for i in 0..t.len() {
                let id = t.id.get(i).unwrap();
                if view.hidden_entry_parent(id).is_some() {
                    assert!(t.title.get(i).unwrap().starts_with("Hidden objectives"));
                    assert_eq!(t.owner.get(i), Some("hidden"));
                } else if let Some(owner) = t.owner.get(i) {
                    assert!(view.owner(owner).is_some(), "{viewer}: {owner}");
                }
            }
        }
    }
    // hanna does not see gustav-tromso: her table has its combined entry instead
    let view = g.view_for("hanna").unwrap();
    let t = view.rollup(day(2026, 11, 20)).table(&view).unwrap();
    assert!(t.id.iter().any(|x| x == Some("northern-clinics~hidden")));
    assert!(!t.id.iter().any(|x| x == Some("gustav-tromso")));
}
