//! Rollup semantics on hand-built graphs: key result measures and weights. Every expected
//! figure is worked out by hand in a comment from the module docs of `rollup.rs`. Time (as-of,
//! pace, status, staleness, confidence) is in `rollup_over_time.rs`; options, explanations and
//! lookups in `rollup_api.rs`.
//!
//! The cycle `q` used throughout runs 2026-10-01 ..= 2026-12-31: 31 + 30 + 31 = 92 days.

mod common;

use common::*;
use okr_core::{Bound, Measure, ObjectiveState, RollupMode, Status, UndefinedReason};

// ----- key result measures --------------------------------------------------------------

#[test]
fn numeric_increasing_and_decreasing() {
    let mut g = base();
    obj(&mut g, "a");
    kr(&mut g, "up", "a", Measure::numeric(80.0, 120.0));
    kr(&mut g, "down", "a", Measure::numeric(60.0, 45.0));
    g.check_in("up", val(t(11, 1, 9, 0), 100.0)).unwrap();
    g.check_in("down", val(t(11, 1, 9, 0), 50.0)).unwrap();
    let r = g.rollup(d(11, 15));
    // up: (100 - 80) / (120 - 80) = 0.5
    let up = r.key_result("up").unwrap();
    assert_close(up.progress, 0.5);
    assert_eq!(up.value, Some(100.0));
    // down: (50 - 60) / (45 - 60) = -10 / -15 = 0.6667
    let down = r.key_result("down").unwrap();
    assert_close(down.progress, 2.0 / 3.0);
    assert_close(down.attainment, 2.0 / 3.0);
    assert_eq!(down.value, Some(50.0));
    // objective: (0.5 + 0.6667) / 2 = 0.5833
    assert_close(r.objective("a").unwrap().progress, (0.5 + 2.0 / 3.0) / 2.0);
    // without check-in a numeric key result sits at its start value: progress 0
    let r0 = g.rollup(d(10, 15));
    assert_eq!(r0.key_result("down").unwrap().progress, Some(0.0));
    assert_eq!(r0.key_result("down").unwrap().value, Some(60.0));
    assert_eq!(r0.key_result("down").unwrap().last_check_in, None);
}

#[test]
fn attainment_unclamped_progress_clamped() {
    let mut g = base();
    obj(&mut g, "a");
    obj(&mut g, "b");
    kr(&mut g, "over", "a", Measure::numeric(0.0, 100.0));
    kr(&mut g, "half", "a", Measure::numeric(0.0, 100.0));
    kr(&mut g, "under", "b", Measure::numeric(0.0, 100.0));
    g.check_in("over", val(t(11, 1, 0, 0), 125.0)).unwrap();
    g.check_in("half", val(t(11, 1, 0, 0), 50.0)).unwrap();
    g.check_in("under", val(t(11, 1, 0, 0), -20.0)).unwrap();
    // decreasing and overshooting: start 60, target 45, value 40 -> -20 / -15 = 1.333
    kr(&mut g, "down_over", "b", Measure::numeric(60.0, 45.0));
    g.check_in("down_over", val(t(11, 1, 0, 0), 40.0)).unwrap();
    let r = g.rollup(d(11, 15));
    let over = r.key_result("over").unwrap();
    assert_close(over.attainment, 1.25);
    assert_eq!(over.progress, Some(1.0));
    let under = r.key_result("under").unwrap();
    assert_close(under.attainment, -0.2);
    assert_eq!(under.progress, Some(0.0));
    let dover = r.key_result("down_over").unwrap();
    assert_close(dover.attainment, 4.0 / 3.0);
    assert_eq!(dover.progress, Some(1.0));
    // a: progress (1 + 0.5) / 2 = 0.75, attainment (1.25 + 0.5) / 2 = 0.875
    let a = r.objective("a").unwrap();
    assert_close(a.progress, 0.75);
    assert_close(a.attainment, 0.875);
    // b: progress (0 + 1) / 2 = 0.5, attainment (-0.2 + 1.3333) / 2 = 0.5667
    let b = r.objective("b").unwrap();
    assert_close(b.progress, 0.5);
    assert_close(b.attainment, (-0.2 + 4.0 / 3.0) / 2.0);
}

#[test]
fn threshold_bounds_are_inclusive() {
    let mut g = base();
    obj(&mut g, "a");
    kr(
        &mut g,
        "above",
        "a",
        threshold(Bound::AtOrAbove, 99.9, None),
    );
    kr(
        &mut g,
        "below",
        "a",
        threshold(Bound::AtOrBelow, 200.0, None),
    );
    g.check_in("above", val(t(11, 1, 0, 0), 99.9)).unwrap();
    g.check_in("below", val(t(11, 1, 0, 0), 200.0)).unwrap();
    g.check_in("above", val(t(11, 10, 0, 0), 99.89)).unwrap();
    g.check_in("below", val(t(11, 10, 0, 0), 200.01)).unwrap();
    // Nov 5: exactly at the bound -> met (1) on both
    let r = g.rollup(d(11, 5));
    assert_eq!(r.key_result("above").unwrap().progress, Some(1.0));
    assert_eq!(r.key_result("above").unwrap().attainment, Some(1.0));
    assert_eq!(r.key_result("below").unwrap().progress, Some(1.0));
    assert_eq!(r.key_result("below").unwrap().value, Some(200.0));
    // Nov 15: just on the wrong side -> 0
    let r = g.rollup(d(11, 15));
    assert_eq!(r.key_result("above").unwrap().progress, Some(0.0));
    assert_eq!(r.key_result("below").unwrap().progress, Some(0.0));
    assert_eq!(r.key_result("below").unwrap().value, Some(200.01));
}

#[test]
fn threshold_start_value_counts_before_check_ins() {
    let mut g = base();
    obj(&mut g, "a");
    // start 50 >= 40 holds -> 1 with no check-in
    kr(
        &mut g,
        "k",
        "a",
        threshold(Bound::AtOrAbove, 40.0, Some(50.0)),
    );
    let r = g.rollup(d(10, 5));
    let k = r.key_result("k").unwrap();
    assert_eq!(k.progress, Some(1.0));
    assert_eq!(k.value, Some(50.0));
    assert_eq!(k.undefined_reason, None);
}

#[test]
fn threshold_without_start_or_check_in_is_undefined() {
    let mut g = base();
    obj(&mut g, "a");
    kr(&mut g, "k", "a", threshold(Bound::AtOrAbove, 40.0, None));
    let r = g.rollup(d(10, 5));
    let k = r.key_result("k").unwrap();
    assert_eq!(k.progress, None);
    assert_eq!(k.attainment, None);
    assert_eq!(k.value, None);
    assert_eq!(k.undefined_reason, Some(UndefinedReason::NoValue));
    assert_eq!(k.status, Status::NoData);
    // its objective: one counting key result, none defined
    let a = r.objective("a").unwrap();
    assert_eq!(a.progress, None);
    assert_eq!(a.undefined_reason, Some(UndefinedReason::NoChildProgress));
    assert_eq!(a.status, Status::NoData);
    // after a check-in (41 >= 40) it is defined
    g.check_in("k", val(t(10, 6, 0, 0), 41.0)).unwrap();
    let r = g.rollup(d(10, 6));
    assert_eq!(r.key_result("k").unwrap().progress, Some(1.0));
    assert_eq!(r.objective("a").unwrap().progress, Some(1.0));
    // an undefined key result does not count in its objective: 0.5 from the other alone
    let mut g = base();
    obj(&mut g, "a");
    kr(&mut g, "k", "a", threshold(Bound::AtOrAbove, 40.0, None));
    kr_at(&mut g, "n", "a", 50.0, 1.0);
    assert_eq!(
        g.rollup(d(10, 5)).objective("a").unwrap().progress,
        Some(0.5)
    );
}

#[test]
fn boolean_key_result() {
    let mut g = base();
    obj(&mut g, "a");
    kr(&mut g, "b", "a", Measure::Boolean);
    g.check_in("b", done(t(11, 1, 0, 0), true)).unwrap();
    g.check_in("b", done(t(11, 20, 0, 0), false)).unwrap();
    assert_eq!(
        g.rollup(d(10, 20)).key_result("b").unwrap().progress,
        Some(0.0)
    );
    assert_eq!(
        g.rollup(d(11, 2)).key_result("b").unwrap().progress,
        Some(1.0)
    );
    assert_eq!(
        g.rollup(d(11, 25)).key_result("b").unwrap().progress,
        Some(0.0)
    );
    assert_eq!(g.rollup(d(11, 2)).key_result("b").unwrap().value, None);
}

#[test]
fn milestones_with_weights() {
    let mut g = base();
    obj(&mut g, "a");
    kr(
        &mut g,
        "m",
        "a",
        milestones(&[("x", 1.0), ("y", 3.0), ("z", 1.0)]),
    );
    g.check_in("m", ms_done(t(11, 1, 0, 0), &["y"])).unwrap();
    // the set is the full set, not a delta
    g.check_in("m", ms_done(t(11, 10, 0, 0), &["x", "z"]))
        .unwrap();
    g.check_in("m", ms_done(t(11, 20, 0, 0), &["x", "y", "z"]))
        .unwrap();
    // none yet: 0 / 5
    assert_eq!(
        g.rollup(d(10, 20)).key_result("m").unwrap().progress,
        Some(0.0)
    );
    // y: 3 / 5 = 0.6
    assert_close(g.rollup(d(11, 2)).key_result("m").unwrap().progress, 0.6);
    // x, z: 2 / 5 = 0.4
    assert_close(g.rollup(d(11, 12)).key_result("m").unwrap().progress, 0.4);
    assert_close(g.rollup(d(11, 21)).key_result("m").unwrap().progress, 1.0);
}

#[test]
fn milestone_with_zero_weight_counts_for_nothing() {
    let mut g = base();
    obj(&mut g, "a");
    kr(
        &mut g,
        "m",
        "a",
        milestones(&[("free", 0.0), ("real", 2.0)]),
    );
    g.check_in("m", ms_done(t(11, 1, 0, 0), &["free"])).unwrap();
    assert_eq!(
        g.rollup(d(11, 2)).key_result("m").unwrap().progress,
        Some(0.0)
    );
}

// ----- weights --------------------------------------------------------------------------

#[test]
fn key_result_weights() {
    let mut g = base();
    obj(&mut g, "a");
    kr_at(&mut g, "k1", "a", 50.0, 3.0);
    kr_at(&mut g, "k2", "a", 100.0, 1.0);
    // (3 * 0.5 + 1 * 1.0) / (3 + 1) = 2.5 / 4 = 0.625
    assert_close(g.rollup(d(11, 1)).objective("a").unwrap().progress, 0.625);
}

#[test]
fn link_weights() {
    let mut g = base();
    obj_with(&mut g, "p", ObjectiveState::Active, RollupMode::Children);
    obj(&mut g, "a");
    obj(&mut g, "b");
    kr_at(&mut g, "ka", "a", 25.0, 1.0);
    kr_at(&mut g, "kb", "b", 100.0, 1.0);
    g.link("a", "p", 2.0).unwrap();
    g.link("b", "p", 1.0).unwrap();
    // (2 * 0.25 + 1 * 1.0) / 3 = 0.5
    assert_close(g.rollup(d(11, 1)).objective("p").unwrap().progress, 0.5);
}

#[test]
fn weight_zero_is_aligned_not_counted() {
    let mut g = base();
    obj(&mut g, "p");
    obj(&mut g, "a");
    obj(&mut g, "z");
    kr_at(&mut g, "kp", "p", 20.0, 1.0);
    kr_at(&mut g, "ka", "a", 40.0, 1.0);
    kr_at(&mut g, "kz", "z", 100.0, 1.0);
    // a zero-weight key result too
    kr_at(&mut g, "kp0", "p", 100.0, 0.0);
    g.link("a", "p", 1.0).unwrap();
    g.link("z", "p", 0.0).unwrap();
    // (1 * 0.2 + 1 * 0.4 + 0 * 1.0 + 0 * 1.0) / 2 = 0.3
    let r = g.rollup(d(11, 1));
    assert_close(r.objective("p").unwrap().progress, 0.3);
    assert_eq!(g.parents_of("z"), vec![("p", 0.0)]);
    let e = g.explain_progress("p", d(11, 1)).unwrap();
    let z = e.contributions.iter().find(|c| c.id == "z").unwrap();
    assert!(z.counted);
    assert_eq!(z.contribution, Some(0.0));
    assert!(
        z.note.as_deref().unwrap().contains("weight 0"),
        "{:?}",
        z.note
    );
}

#[test]
fn all_weights_zero_is_undefined() {
    let mut g = base();
    obj(&mut g, "p");
    obj(&mut g, "a");
    kr_at(&mut g, "kp", "p", 20.0, 0.0);
    kr_at(&mut g, "ka", "a", 40.0, 1.0);
    g.link("a", "p", 0.0).unwrap();
    let p = g.rollup(d(11, 1)).objective("p").unwrap();
    assert_eq!(p.progress, None);
    assert_eq!(p.attainment, None);
    assert_eq!(p.undefined_reason, Some(UndefinedReason::AllWeightsZero));
    assert_eq!(p.status, Status::NoData);
    let e = g.explain_progress("p", d(11, 1)).unwrap();
    assert!(e.contributions.iter().all(|c| c.contribution.is_none()));
}

#[test]
fn no_counting_child_is_undefined() {
    let mut g = base();
    // nothing at all
    obj(&mut g, "empty");
    // only children but mode key_results
    obj_with(
        &mut g,
        "kronly",
        ObjectiveState::Active,
        RollupMode::KeyResults,
    );
    // only key results but mode children
    obj_with(
        &mut g,
        "chonly",
        ObjectiveState::Active,
        RollupMode::Children,
    );
    // only draft / abandoned children
    obj(&mut g, "excl");
    obj(&mut g, "c");
    kr_at(&mut g, "kc", "c", 50.0, 1.0);
    kr_at(&mut g, "kch", "chonly", 50.0, 1.0);
    obj_with(&mut g, "dr", ObjectiveState::Draft, RollupMode::Both);
    obj_with(&mut g, "ab", ObjectiveState::Abandoned, RollupMode::Both);
    kr_at(&mut g, "kdr", "dr", 50.0, 1.0);
    kr_at(&mut g, "kab", "ab", 50.0, 1.0);
    g.link("c", "kronly", 1.0).unwrap();
    g.link("dr", "excl", 1.0).unwrap();
    g.link("ab", "excl", 1.0).unwrap();
    let r = g.rollup(d(11, 1));
    for id in ["empty", "kronly", "chonly", "excl"] {
        let v = r.objective(id).unwrap();
        assert_eq!(v.progress, None, "{id}");
        assert_eq!(
            v.undefined_reason,
            Some(UndefinedReason::NoCountingChildren),
            "{id}"
        );
        assert_eq!(v.status, Status::NoData, "{id}");
    }
    // draft and abandoned objectives still have their own progress
    assert_eq!(r.objective("dr").unwrap().progress, Some(0.5));
    assert_eq!(r.objective("ab").unwrap().progress, Some(0.5));
}

#[test]
fn draft_and_abandoned_excluded_closed_counts() {
    let mut g = base();
    obj_with(&mut g, "p", ObjectiveState::Active, RollupMode::Children);
    obj(&mut g, "act");
    obj_with(&mut g, "dr", ObjectiveState::Draft, RollupMode::Both);
    obj_with(&mut g, "ab", ObjectiveState::Abandoned, RollupMode::Both);
    obj_with(&mut g, "cl", ObjectiveState::Closed, RollupMode::Both);
    kr_at(&mut g, "k1", "act", 20.0, 1.0);
    kr_at(&mut g, "k2", "dr", 100.0, 1.0);
    kr_at(&mut g, "k3", "ab", 100.0, 1.0);
    kr_at(&mut g, "k4", "cl", 60.0, 1.0);
    for c in ["act", "dr", "ab", "cl"] {
        g.link(c, "p", 1.0).unwrap();
    }
    // (0.2 + 0.6) / 2 = 0.4: draft and abandoned left out, closed counted
    assert_close(g.rollup(d(11, 1)).objective("p").unwrap().progress, 0.4);
    // changing the state changes the rollup
    g.set_clock(Some(okr_core::Revise::on(
        chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
    )));
    let mut o = g.objective("dr").unwrap().clone();
    o.state = ObjectiveState::Active;
    g.update_objective(o).unwrap();
    // (0.2 + 1.0 + 0.6) / 3 = 0.6
    assert_close(g.rollup(d(11, 1)).objective("p").unwrap().progress, 0.6);
    let e = g.explain_progress("p", d(11, 1)).unwrap();
    let ab = e.contributions.iter().find(|c| c.id == "ab").unwrap();
    assert!(!ab.counted);
    assert_eq!(ab.note.as_deref(), Some("left out: abandoned"));
}

#[test]
fn rollup_modes() {
    // p has its own key result at 1.0 and a child at 0.0 (weights 1).
    let build = |mode: RollupMode| {
        let mut g = base();
        obj_with(&mut g, "p", ObjectiveState::Active, mode);
        obj(&mut g, "c");
        kr_at(&mut g, "kp", "p", 100.0, 1.0);
        kr_at(&mut g, "kc", "c", 0.0, 1.0);
        g.link("c", "p", 1.0).unwrap();
        g.rollup(d(11, 1)).objective("p").unwrap().progress
    };
    assert_eq!(build(RollupMode::Both), Some(0.5)); // (1 + 0) / 2
    assert_eq!(build(RollupMode::KeyResults), Some(1.0));
    assert_eq!(build(RollupMode::Children), Some(0.0));
}

#[test]
fn child_with_two_parents_counts_fully_in_each() {
    let mut g = base();
    obj(&mut g, "p1");
    obj(&mut g, "p2");
    obj(&mut g, "top");
    obj(&mut g, "shared");
    obj(&mut g, "other");
    kr_at(&mut g, "ks", "shared", 50.0, 1.0);
    kr_at(&mut g, "ko", "other", 100.0, 1.0);
    g.link("shared", "p1", 1.0).unwrap();
    g.link("other", "p1", 1.0).unwrap();
    g.link("shared", "p2", 3.0).unwrap();
    g.link("p1", "top", 1.0).unwrap();
    g.link("p2", "top", 1.0).unwrap();
    let r = g.rollup(d(11, 1));
    // p1: (0.5 + 1.0) / 2 = 0.75; p2: 3 * 0.5 / 3 = 0.5 (not split between parents)
    assert_close(r.objective("p1").unwrap().progress, 0.75);
    assert_close(r.objective("p2").unwrap().progress, 0.5);
    // top: (0.75 + 0.5) / 2 = 0.625 (the diamond counts shared twice, by design)
    assert_close(r.objective("top").unwrap().progress, 0.625);
}
