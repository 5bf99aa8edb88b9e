//! Aggregate key results: a key result whose value is computed from the key results under it.

mod common;

use common::*;
use okr_core::{
    AggregateFunction, CheckIn, KeyResult, KeyResultParent, KeyResultPatch, Measure, OkrGraph,
    Revise, UndefinedReason,
};

fn aggregate(function: AggregateFunction, start: f64, target: f64, unit: &str) -> Measure {
    Measure::Aggregate {
        function,
        start,
        target,
        unit: unit.into(),
        direction: None,
    }
}

fn numeric(start: f64, target: f64, unit: &str) -> Measure {
    Measure::Numeric {
        start,
        target,
        unit: unit.into(),
        direction: None,
    }
}

/// A regional objective with an aggregate key result `region` (sum, 0 -> 100 customers) and
/// three team objectives aligned under it, each with a key result under `region`.
fn region(function: AggregateFunction) -> OkrGraph {
    let mut g = base();
    obj(&mut g, "r");
    kr(
        &mut g,
        "region",
        "r",
        aggregate(function, 0.0, 100.0, "customers"),
    );
    for team in ["a", "b", "c"] {
        obj(&mut g, team);
        g.link(team, "r", 1.0).unwrap();
        let k = KeyResult::new(
            format!("k{team}"),
            format!("Team {team}"),
            team,
            numeric(0.0, 40.0, "customers"),
        )
        .with_parent("region");
        g.add_key_result(k).unwrap();
    }
    // changes after creation take their time from the clock
    g.set_clock(Some(Revise::on(d(10, 15))));
    g
}

fn check_in(g: &mut OkrGraph, kr: &str, v: f64) {
    g.check_in(kr, val(t(11, 1, 9, 0), v)).unwrap();
}

#[test]
fn a_sum_cascades_the_values_not_their_progress() {
    // Quantive's example: 29 + 30 + 20 = 79 of a target of 100
    let mut g = region(AggregateFunction::Sum);
    check_in(&mut g, "ka", 29.0);
    check_in(&mut g, "kb", 30.0);
    check_in(&mut g, "kc", 20.0);
    let r = g.rollup(d(11, 15));
    let v = r.key_result("region").unwrap();
    assert_eq!(v.value, Some(79.0));
    assert_close(v.progress, 0.79);
    assert_eq!(v.last_check_in, Some(t(11, 1, 9, 0)));
    assert_eq!(v.undefined_reason, None);
    // the regional objective counts its own key result and the three teams
    let teams = (29.0 + 30.0 + 20.0) / 40.0;
    assert_close(r.objective("r").unwrap().progress, (0.79 + teams) / 4.0);
}

#[test]
fn a_sum_weighs_each_key_result_by_its_size() {
    // Viva Goals #518: targets of $100k, $20k and $1k weigh 82.6%, 16.5% and 0.8%
    let mut g = base();
    obj(&mut g, "o");
    kr(
        &mut g,
        "total",
        "o",
        aggregate(AggregateFunction::Sum, 0.0, 121_000.0, "USD"),
    );
    for (id, target) in [("big", 100_000.0), ("mid", 20_000.0), ("small", 1_000.0)] {
        let k = KeyResult::new(id, id, "o", numeric(0.0, target, "USD")).with_parent("total");
        g.add_key_result(k).unwrap();
    }
    // only the smallest is done: a third of the key results, 0.8% of the money
    check_in(&mut g, "small", 1_000.0);
    let r = g.rollup(d(11, 15));
    assert_close(r.key_result("total").unwrap().progress, 1_000.0 / 121_000.0);
    check_in(&mut g, "big", 100_000.0);
    let r = g.rollup(d(11, 15));
    assert_close(
        r.key_result("total").unwrap().progress,
        101_000.0 / 121_000.0,
    );
}

#[test]
fn mean_min_max_and_count_done() {
    for (function, expected) in [
        (AggregateFunction::Mean, 20.0),
        (AggregateFunction::Min, 0.0),
        (AggregateFunction::Max, 40.0),
        (AggregateFunction::CountDone, 1.0),
    ] {
        let mut g = region(function);
        check_in(&mut g, "ka", 40.0);
        check_in(&mut g, "kb", 20.0);
        // kc has no check-in: its start value, 0
        let r = g.rollup(d(11, 15));
        assert_eq!(
            r.key_result("region").unwrap().value,
            Some(expected),
            "{function:?}"
        );
    }
}

#[test]
fn count_done_counts_key_results_of_any_kind() {
    let mut g = base();
    obj(&mut g, "o");
    kr(
        &mut g,
        "launched",
        "o",
        aggregate(AggregateFunction::CountDone, 0.0, 3.0, "launches"),
    );
    for id in ["x", "y", "z"] {
        let k = KeyResult::new(id, id, "o", Measure::Boolean).with_parent("launched");
        g.add_key_result(k).unwrap();
    }
    g.check_in("x", done(t(10, 20, 9, 0), true)).unwrap();
    g.check_in("y", done(t(10, 21, 9, 0), false)).unwrap();
    let r = g.rollup(d(11, 1));
    let v = r.key_result("launched").unwrap();
    assert_eq!(v.value, Some(1.0));
    assert_close(v.progress, 1.0 / 3.0);
    assert_eq!(v.last_check_in, Some(t(10, 21, 9, 0)));
}

#[test]
fn units_must_agree_unless_a_factor_is_declared() {
    let mut g = region(AggregateFunction::Sum);
    let k = KeyResult::new("kd", "Team d", "a", numeric(0.0, 10.0, "k customers"))
        .with_parent("region");
    let e = g.add_key_result(k.clone()).unwrap_err();
    assert_eq!(e.code(), "unit_mismatch");
    assert_eq!(e.ids().collect::<Vec<_>>(), ["kd", "region"]);
    assert!(e.to_string().contains("\"k customers\""), "{e}");
    let mut k = k;
    k.parent = Some(KeyResultParent {
        id: "region".into(),
        factor: Some(1000.0),
    });
    g.add_key_result(k).unwrap();
    g.check_in("kd", val(t(11, 1, 9, 0), 0.05)).unwrap();
    check_in(&mut g, "ka", 10.0);
    let r = g.rollup(d(11, 15));
    assert_eq!(r.key_result("region").unwrap().value, Some(60.0));
    // a boolean has no value to sum
    let b = KeyResult::new("kb2", "b2", "a", Measure::Boolean).with_parent("region");
    assert_eq!(g.add_key_result(b).unwrap_err().code(), "invalid_value");
    // the parent must be an aggregate
    let n = KeyResult::new("kn", "n", "a", numeric(0.0, 1.0, "customers")).with_parent("ka");
    assert_eq!(g.add_key_result(n).unwrap_err().code(), "invalid_value");
    // and exist
    let n = KeyResult::new("kn", "n", "a", numeric(0.0, 1.0, "customers")).with_parent("nope");
    assert_eq!(g.add_key_result(n).unwrap_err().code(), "unknown_id");
}

#[test]
fn a_change_of_unit_is_checked_against_both_sides() {
    let mut g = region(AggregateFunction::Sum);
    let json = g.to_json();
    // the aggregate's unit changes: its key results no longer agree
    let p = KeyResultPatch {
        measure: Some(aggregate(AggregateFunction::Sum, 0.0, 100.0, "USD")),
        ..Default::default()
    };
    assert_eq!(
        g.patch_key_result("region", p).unwrap_err().code(),
        "unit_mismatch"
    );
    // an aggregate with key results under it stays an aggregate
    let p = KeyResultPatch {
        measure: Some(numeric(0.0, 100.0, "customers")),
        ..Default::default()
    };
    assert_eq!(
        g.patch_key_result("region", p).unwrap_err().code(),
        "invalid_measure"
    );
    // a key result under it changes unit
    let p = KeyResultPatch {
        measure: Some(numeric(0.0, 40.0, "USD")),
        ..Default::default()
    };
    assert_eq!(
        g.patch_key_result("ka", p).unwrap_err().code(),
        "unit_mismatch"
    );
    assert_eq!(g.to_json(), json, "nothing changed");
}

#[test]
fn parent_chains_never_close_a_cycle() {
    let mut g = base();
    obj(&mut g, "o");
    kr(
        &mut g,
        "x",
        "o",
        aggregate(AggregateFunction::Sum, 0.0, 10.0, ""),
    );
    let y = KeyResult::new(
        "y",
        "y",
        "o",
        aggregate(AggregateFunction::Sum, 0.0, 10.0, ""),
    )
    .with_parent("x");
    g.add_key_result(y).unwrap();
    g.set_clock(Some(Revise::on(d(10, 15))));
    let p = KeyResultPatch {
        parent: Some(Some(KeyResultParent::new("y"))),
        ..Default::default()
    };
    let e = g.patch_key_result("x", p).unwrap_err();
    assert_eq!(e.code(), "cycle");
    assert_eq!(e.ids().collect::<Vec<_>>(), ["x", "y", "x"]);
    let p = KeyResultPatch {
        parent: Some(Some(KeyResultParent::new("x"))),
        ..Default::default()
    };
    assert_eq!(g.patch_key_result("x", p).unwrap_err().code(), "cycle");
}

#[test]
fn an_aggregate_takes_no_check_ins_and_is_not_removed_under_its_key_results() {
    let mut g = region(AggregateFunction::Sum);
    let e = g.check_in("region", val(t(11, 1, 9, 0), 5.0)).unwrap_err();
    assert_eq!(e.code(), "invalid_check_in");
    let e = g.remove_key_result("region").unwrap_err();
    assert_eq!(e.code(), "in_use");
    assert_eq!(e.ids().collect::<Vec<_>>(), ["region"]);
    assert_eq!(g.remove_objective("r").unwrap_err().code(), "in_use");
    // a key result under it may go; then the aggregate once nothing is under it
    g.remove_objective("a").unwrap();
    g.remove_key_result("kb").unwrap();
    let p = KeyResultPatch {
        parent: Some(None),
        ..Default::default()
    };
    g.patch_key_result("kc", p).unwrap();
    assert!(g.key_results_under("region").is_empty());
    g.remove_key_result("region").unwrap();
}

#[test]
fn nothing_under_it_means_no_value() {
    let mut g = base();
    obj(&mut g, "o");
    kr(
        &mut g,
        "x",
        "o",
        aggregate(AggregateFunction::Max, 0.0, 10.0, ""),
    );
    let r = g.rollup(d(11, 1));
    let v = r.key_result("x").unwrap();
    assert_eq!((v.progress, v.value), (None, None));
    assert_eq!(v.undefined_reason, Some(UndefinedReason::NoValue));
    assert_eq!(r.objective("o").unwrap().progress, None);
}

#[test]
fn a_check_in_under_an_aggregate_refreshes_it_and_its_ancestors() {
    let mut g = region(AggregateFunction::Sum);
    // a second level: the company sums the region
    let top = KeyResult::new(
        "company",
        "c",
        "r",
        aggregate(AggregateFunction::Sum, 0.0, 300.0, "customers"),
    );
    g.add_key_result(top).unwrap();
    let p = KeyResultPatch {
        parent: Some(Some(KeyResultParent::new("company"))),
        ..Default::default()
    };
    g.patch_key_result("region", p).unwrap();
    let mut kept = g.rollup(d(11, 15));
    for (k, v) in [("ka", 10.0), ("kb", 25.0), ("ka", 12.0), ("kc", 3.0)] {
        check_in(&mut g, k, v);
        kept.refresh_key_result(&g, k).unwrap();
        let fresh = g.rollup(d(11, 15));
        assert_eq!(
            kept.nodes().collect::<Vec<_>>(),
            fresh.nodes().collect::<Vec<_>>()
        );
    }
    assert_eq!(
        kept.key_result("company").unwrap().value,
        Some(12.0 + 25.0 + 3.0)
    );
}

#[test]
fn as_of_and_history_see_the_parent_of_their_time() {
    let mut g = region(AggregateFunction::Sum);
    check_in(&mut g, "ka", 10.0);
    check_in(&mut g, "kb", 20.0);
    // kb leaves the region on 2026-11-10
    let p = KeyResultPatch {
        parent: Some(None),
        ..Default::default()
    };
    g.revise_key_result("kb", p, Revise::on(d(11, 10))).unwrap();
    assert_eq!(
        g.rollup(d(11, 5)).key_result("region").unwrap().value,
        Some(30.0)
    );
    assert_eq!(
        g.rollup(d(11, 15)).key_result("region").unwrap().value,
        Some(10.0)
    );
    // and a document keeps it
    let again = OkrGraph::from_json(&g.to_json()).unwrap();
    assert_eq!(again.to_json(), g.to_json());
    assert_eq!(
        again.rollup(d(11, 5)).key_result("region").unwrap().value,
        Some(30.0)
    );
    let e = again.explain_progress("region", d(11, 5)).unwrap();
    let detail = e.key_result.unwrap();
    assert_eq!(detail.inputs.len(), 3);
    assert!(
        detail.formula.contains("sum(10 + 20 + 0) = 30"),
        "{}",
        detail.formula
    );
}

const LATER_PARENT: &str = r#"{
  "version": 2,
  "owners": [{"id": "o", "name": "Org", "kind": "organisation"}],
  "cycles": [{"id": "q", "name": "q", "start": "2026-10-01", "end": "2026-12-31"}],
  "objectives": [
    {"id": "a", "title": "Team a", "owner": "o", "cycle": "q",
     "parents": [{"id": "r"}],
     "key_results": [
       {"id": "ka", "title": "a", "parent": {"id": "region"},
        "measure": {"kind": "numeric", "start": 0, "target": 40, "unit": "customers"},
        "check_ins": [{"at": "2026-11-01", "value": 12}]},
       {"id": "kb", "title": "b", "parent": {"id": "region", "factor": 1000},
        "measure": {"kind": "numeric", "start": 0, "target": 0.04, "unit": "k customers"},
        "check_ins": [{"at": "2026-11-02", "value": 0.005}]}
     ]},
    {"id": "r", "title": "Region", "owner": "o", "cycle": "q", "status_rule": "worst",
     "key_results": [
       {"id": "region", "title": "Region",
        "measure": {"kind": "aggregate", "function": "sum", "start": 0, "target": 100, "unit": "customers"}}
     ]}
  ]
}"#;

#[test]
fn a_document_names_parents_that_come_later() {
    let g = OkrGraph::from_json(LATER_PARENT).unwrap();
    let r = g.rollup(d(11, 15));
    assert_eq!(r.key_result("region").unwrap().value, Some(17.0));
    assert_eq!(
        r.key_result("region").unwrap().last_check_in,
        Some(t(11, 2, 0, 0))
    );
    let json = g.to_json();
    assert_eq!(OkrGraph::from_json(&json).unwrap().to_json(), json);
    // the errors point at the key result's parent
    for (from, to, code) in [
        (
            r#""parent": {"id": "region"}"#,
            r#""parent": {"id": "nope"}"#,
            "unknown_id",
        ),
        (
            r#""parent": {"id": "region", "factor": 1000}"#,
            r#""parent": {"id": "region"}"#,
            "unit_mismatch",
        ),
        (
            r#""parent": {"id": "region", "factor": 1000}"#,
            r#""parent": {"id": "region", "factor": -1}"#,
            "invalid_value",
        ),
        (
            r#""parent": {"id": "region"}"#,
            r#""parent": {"id": "ka"}"#,
            "invalid_value",
        ),
    ] {
        let doc = LATER_PARENT.replacen(from, to, 1);
        assert_ne!(doc, LATER_PARENT);
        let e = OkrGraph::from_json(&doc).unwrap_err();
        assert_eq!(e.code(), "document", "{e}");
        assert!(e.to_string().contains(".parent"), "{e}");
        let said = match code {
            "unknown_id" => "unknown key result \"nope\"",
            "unit_mismatch" => "unit mismatch: \"kb\" is in \"k customers\"",
            _ => "parent of key result",
        };
        assert!(e.to_string().contains(said), "{e}");
    }
    // a cycle of aggregates
    let doc = LATER_PARENT.replacen(
        r#""measure": {"kind": "aggregate""#,
        r#""parent": {"id": "region"}, "measure": {"kind": "aggregate""#,
        1,
    );
    let e = OkrGraph::from_json(&doc).unwrap_err();
    assert!(e.to_string().contains("region -> region"), "{e}");
    let _ = CheckIn::value(t(10, 2, 9, 0), 1.0);
}

#[test]
fn closing_a_cycle_carries_key_results_under_the_copy_of_their_aggregate() {
    let mut g = region(AggregateFunction::Sum);
    check_in(&mut g, "ka", 29.0);
    check_in(&mut g, "kb", 40.0);
    check_in(&mut g, "kc", 20.0);
    g.add_cycle(okr_core::Cycle::new(
        "q1",
        d(12, 31) + chrono::Days::new(1),
        d(12, 31) + chrono::Days::new(90),
    ))
    .unwrap();
    let report = g
        .close_cycle(
            "q",
            Some("q1"),
            Revise::at(t(12, 31, 23, 0)).by("o"),
            &okr_core::workflow::CloseDecisions::default(),
        )
        .unwrap();
    let copy = |id: &str| {
        report
            .closed
            .carried
            .iter()
            .find(|c| c.from == id)
            .map(|c| c.to.clone())
    };
    // kb is done: it closes; the others and the aggregate go on, under its copy
    assert_eq!(copy("kb"), None);
    let region_copy = copy("region").expect("carried");
    let under: Vec<String> = g
        .key_results_under(&region_copy)
        .iter()
        .map(|k| k.id.clone())
        .collect();
    assert_eq!(under, [copy("ka").unwrap(), copy("kc").unwrap()]);
    // the copies start from their last values: the aggregate's copy starts at their sum
    let r = g.rollup(d(12, 31) + chrono::Days::new(10));
    assert_eq!(r.key_result(&region_copy).unwrap().value, Some(49.0));
    assert_eq!(
        g.rollup(d(12, 30)).key_result("region").unwrap().value,
        Some(89.0)
    );
}

#[test]
fn nobody_owes_a_check_in_on_an_aggregate() {
    let mut g = region(AggregateFunction::Sum);
    let mut o = g.objective("r").unwrap().clone();
    o.cadence = Some(okr_core::Cadence::days(7).unwrap());
    g.revise_objective(
        "r",
        okr_core::ObjectivePatch::whole(o),
        Revise::on(d(10, 16)),
    )
    .unwrap();
    let due = g.due(d(11, 15)).unwrap();
    let ids: Vec<&str> = due.iter().map(|x| x.key_result.as_str()).collect();
    assert!(ids.contains(&"ka") && !ids.contains(&"region"), "{ids:?}");
    assert!(!g.key_result("region").unwrap().takes_check_ins());
    assert!(g.key_result("ka").unwrap().takes_check_ins());
}

#[test]
fn a_mean_of_huge_values_does_not_overflow_and_a_sum_beyond_range_has_no_value() {
    let mut g = base();
    obj(&mut g, "o");
    for (id, function) in [
        ("avg", AggregateFunction::Mean),
        ("all", AggregateFunction::Sum),
    ] {
        kr(&mut g, id, "o", aggregate(function, 0.0, 1e308, ""));
    }
    for (id, parent) in [("x", "avg"), ("y", "avg"), ("z", "all"), ("w", "all")] {
        let k = KeyResult::new(id, id, "o", numeric(0.0, 1.7e308, "")).with_parent(parent);
        g.add_key_result(k).unwrap();
        g.check_in(id, val(t(11, 1, 9, 0), 1.5e308)).unwrap();
    }
    let r = g.rollup(d(11, 15));
    assert_eq!(r.key_result("avg").unwrap().value, Some(1.5e308));
    let all = r.key_result("all").unwrap();
    assert_eq!((all.value, all.progress), (None, None));
    assert_eq!(all.undefined_reason, Some(UndefinedReason::NoValue));
}

#[test]
fn an_aggregate_scores_its_value_at_the_end_of_its_period() {
    let mut g = region(AggregateFunction::Sum);
    check_in(&mut g, "ka", 10.0);
    check_in(&mut g, "kb", 20.0);
    // due before the cycle ends: scored then, a later check-in leaves it as it was
    g.patch_key_result(
        "region",
        KeyResultPatch {
            due: Some(Some(d(11, 10))),
            ..KeyResultPatch::default()
        },
    )
    .unwrap();
    g.check_in("kc", val(t(11, 20, 9, 0), 30.0)).unwrap();
    let bands = okr_core::analytics::GradeBands::default();
    let s = g.scores(d(12, 1), &bands).unwrap();
    let region = s.key_results.iter().find(|x| x.id == "region").unwrap();
    assert_eq!(region.score, Some(0.3));
    assert!(region.is_final);
    // the rollup now counts the later check-in
    assert_eq!(
        g.rollup(d(12, 1)).key_result("region").unwrap().value,
        Some(60.0)
    );
}
