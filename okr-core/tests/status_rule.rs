//! The status rule `worst`: an objective's status is the worst among its counting inputs'.

mod common;

use common::*;
use okr_core::{
    LiveRollup, ManualOverride, Measure, Objective, ObjectivePatch, ObjectiveState, OkrGraph,
    Revise, Status, StatusRule,
};

/// `p` (rule `rule`) with key results `good` (at 90 of 100) and `bad` (at 10), and a child
/// objective `c` with key result `ck` (at 60); as of 2026-11-15 the pace expects about 50%.
fn graph(rule: StatusRule) -> OkrGraph {
    let mut g = base();
    let mut o = Objective::new("p", "Objective p", "o", "q");
    o.status_rule = rule;
    g.add_objective(o).unwrap();
    obj(&mut g, "c");
    g.link("c", "p", 1.0).unwrap();
    kr_at(&mut g, "good", "p", 90.0, 3.0);
    kr_at(&mut g, "bad", "p", 10.0, 1.0);
    kr_at(&mut g, "ck", "c", 60.0, 1.0);
    g.set_clock(Some(Revise::on(d(10, 20))));
    g
}

fn status(g: &OkrGraph, id: &str) -> Status {
    g.rollup(d(11, 15)).get(id).unwrap().values.status
}

#[test]
fn the_worst_input_decides_the_status_not_the_progress() {
    let mean = graph(StatusRule::WeightedMean);
    let worst = graph(StatusRule::Worst);
    // the progress is the same weighted mean either way
    let (a, b) = (mean.rollup(d(11, 15)), worst.rollup(d(11, 15)));
    assert_eq!(
        a.objective("p").unwrap().progress,
        b.objective("p").unwrap().progress
    );
    assert_eq!(status(&mean, "p"), Status::OnTrack);
    assert_eq!(status(&mean, "bad"), Status::OffTrack);
    assert_eq!(status(&worst, "p"), Status::OffTrack);
    // the other nodes are as they were
    for id in ["c", "good", "bad", "ck"] {
        assert_eq!(status(&mean, id), status(&worst, id), "{id}");
    }
}

#[test]
fn inputs_that_do_not_count_take_no_part() {
    let mut g = graph(StatusRule::Worst);
    // the off-track key result is no longer counted: the rollup mode counts children only
    let p = ObjectivePatch {
        rollup: Some(okr_core::RollupMode::Children),
        ..Default::default()
    };
    g.patch_objective("p", p).unwrap();
    assert_eq!(status(&g, "p"), status(&g, "c"));
    // an abandoned child does not count either: nothing takes part, the status follows the
    // progress (undefined: no data)
    let p = ObjectivePatch {
        state: Some(ObjectiveState::Abandoned),
        ..Default::default()
    };
    g.patch_objective("c", p).unwrap();
    assert_eq!(status(&g, "p"), Status::NoData);
}

#[test]
fn a_manual_override_decides_its_own_status() {
    let mut g = graph(StatusRule::Worst);
    let p = ObjectivePatch {
        r#override: Some(Some(ManualOverride::new(0.9))),
        ..Default::default()
    };
    g.patch_objective("p", p).unwrap();
    assert_eq!(status(&g, "p"), Status::OnTrack);
}

#[test]
fn worst_statuses_propagate_through_levels_incrementally() {
    let mut g = graph(StatusRule::Worst);
    // a worst-rule grandparent above p
    obj(&mut g, "top");
    g.link("p", "top", 1.0).unwrap();
    let p = ObjectivePatch {
        status_rule: Some(StatusRule::Worst),
        ..Default::default()
    };
    g.patch_objective("top", p).unwrap();
    // p's good key result is on track; bad recovers, then ck falls behind
    let mut kept = g.rollup(d(11, 15));
    assert_eq!(kept.objective("top").unwrap().status, Status::OffTrack);
    for (k, v) in [("bad", 70.0), ("ck", 5.0), ("ck", 65.0), ("good", 20.0)] {
        g.check_in(k, val(t(11, 1, 9, 0), v)).unwrap();
        kept.refresh_key_result(&g, k).unwrap();
        let fresh = g.rollup(d(11, 15));
        assert_eq!(
            kept.nodes().collect::<Vec<_>>(),
            fresh.nodes().collect::<Vec<_>>(),
            "after {k} = {v}"
        );
    }
    // and through a live rollup, with a change of rule in between
    let mut live = LiveRollup::new(g, d(11, 15)).unwrap();
    live.edit(|g| {
        let p = ObjectivePatch {
            status_rule: Some(StatusRule::WeightedMean),
            ..Default::default()
        };
        g.patch_objective("p", p)
    })
    .unwrap();
    live.check_in("bad", val(t(11, 2, 9, 0), 0.0)).unwrap();
    let fresh = live.graph().rollup(d(11, 15));
    assert_eq!(
        live.rollup().nodes().collect::<Vec<_>>(),
        fresh.nodes().collect::<Vec<_>>()
    );
}

#[test]
fn the_rule_is_kept_in_documents_and_history() {
    let mut g = graph(StatusRule::WeightedMean);
    let p = ObjectivePatch {
        status_rule: Some(StatusRule::Worst),
        ..Default::default()
    };
    g.revise_objective("p", p, Revise::on(d(11, 10))).unwrap();
    let json = g.to_json();
    assert!(json.contains(r#""set": {"status_rule":"worst"}"#), "{json}");
    let again = OkrGraph::from_json(&json).unwrap();
    assert_eq!(again.to_json(), json);
    // before the revision the rule was the weighted mean
    assert_eq!(
        again.rollup(d(11, 5)).objective("p").unwrap().status,
        Status::OnTrack
    );
    assert_eq!(status(&again, "p"), Status::OffTrack);
    let _ = Measure::Boolean;
}
