//! Rollup semantics on hand-built graphs. Every expected figure is worked out by hand in a
//! comment from the module docs of `rollup.rs`.
//!
//! The cycle `q` used throughout runs 2026-10-01 ..= 2026-12-31: 31 + 30 + 31 = 92 days.

mod common;

use common::*;
use okr_core::{
    AsOf, Bound, Measure, NodeKind, ObjectiveState, OkrGraph, RollupConfig, RollupMode, Status,
    UndefinedReason,
};

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

// ----- as-of ----------------------------------------------------------------------------

#[test]
fn current_value_is_latest_check_in_at_or_before_as_of() {
    let mut g = base();
    obj(&mut g, "a");
    kr(&mut g, "k", "a", Measure::numeric(0.0, 100.0));
    // added out of order
    g.check_in("k", val(t(11, 20, 8, 0), 80.0)).unwrap();
    g.check_in("k", val(t(11, 1, 8, 0), 20.0)).unwrap();
    g.check_in("k", val(t(11, 10, 15, 0), 50.0)).unwrap();
    let times: Vec<_> = g.check_ins("k").iter().map(|c| c.at).collect();
    assert_eq!(
        times,
        vec![t(11, 1, 8, 0), t(11, 10, 15, 0), t(11, 20, 8, 0)]
    );
    let at = |a: AsOf| g.rollup(a).key_result("k").unwrap();
    // before any check-in: the start value
    assert_eq!(at(d(10, 31).into()).value, Some(0.0));
    assert_eq!(at(d(10, 31).into()).last_check_in, None);
    assert_eq!(at(d(11, 5).into()).value, Some(20.0));
    // a date means the end of that day: the 15:00 check-in counts
    assert_eq!(at(d(11, 10).into()).value, Some(50.0));
    assert_eq!(at(d(11, 10).into()).last_check_in, Some(t(11, 10, 15, 0)));
    // a DateTime at noon excludes the 15:00 check-in that day
    assert_eq!(at(t(11, 10, 12, 0).into()).value, Some(20.0));
    // exactly at the check-in's time: included
    assert_eq!(at(t(11, 10, 15, 0).into()).value, Some(50.0));
    assert_eq!(at(d(12, 1).into()).value, Some(80.0));
    assert_close(at(d(12, 1).into()).progress, 0.8);
}

#[test]
fn check_in_times_are_kept_to_the_nanosecond_leap_seconds_included() {
    let mut g = base();
    obj(&mut g, "a");
    kr(&mut g, "k", "a", Measure::numeric(0.0, 100.0));
    let second = t(11, 10, 15, 0);
    let early = second + chrono::Duration::nanoseconds(1);
    let late = second + chrono::Duration::nanoseconds(999_999_999);
    // 23:59:60.5, a leap second: chrono counts its nanoseconds past 1e9
    let leap = chrono::NaiveDate::from_ymd_opt(2026, 11, 12)
        .unwrap()
        .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
        .unwrap()
        .and_utc();
    g.check_in("k", val(late, 30.0)).unwrap();
    g.check_in("k", val(early, 10.0)).unwrap();
    g.check_in("k", val(leap, 60.0)).unwrap();
    // the same rollup from the check-in columns (fresh) and from the graph (after a change)
    for fresh in [true, false] {
        if !fresh {
            g.check_in("k", val(t(11, 1, 0, 0), 0.0)).unwrap();
        }
        let at = |a: AsOf| g.rollup(a).key_result("k").unwrap();
        let mid = second + chrono::Duration::nanoseconds(500_000_000);
        assert_eq!(at(mid.into()).value, Some(10.0));
        assert_eq!(at(mid.into()).last_check_in, Some(early));
        assert_eq!(at(late.into()).last_check_in, Some(late));
        assert_eq!(at(d(11, 13).into()).last_check_in, Some(leap));
        assert_eq!(at(d(11, 13).into()).value, Some(60.0));
        // a date ends at 23:59:59.999999999: the leap second falls after it
        assert_eq!(at(d(11, 12).into()).value, Some(30.0));
    }
}

#[test]
fn a_rollup_after_a_dropped_one_reuses_its_memory_and_matches_a_fresh_graph() {
    let mut g = base();
    obj(&mut g, "a");
    kr_at(&mut g, "ka", "a", 50.0, 1.0);
    let rows = |r: &okr_core::Rollup| format!("{:?}", r.nodes().collect::<Vec<_>>());
    let small = g.rollup(d(11, 1));
    let first = rows(&small);
    drop(small); // the graph keeps its arrays
    // the next rollup is larger, then smaller again, at other dates
    for (i, id) in ["b", "c", "d"].into_iter().enumerate() {
        obj(&mut g, id);
        kr_at(&mut g, &format!("k{id}"), id, 10.0 * i as f64, 2.0);
        g.link(id, "a", 1.0 + i as f64).unwrap();
        let reused = rows(&g.rollup(d(11, 2 + i as u32)));
        // a clone starts without kept arrays
        assert_eq!(reused, rows(&g.clone().rollup(d(11, 2 + i as u32))));
    }
    for id in ["b", "c", "d"] {
        g.remove_objective(id).unwrap();
    }
    assert_eq!(rows(&g.rollup(d(11, 1))), first);
    // two rollups alive at once each have their own arrays
    let (x, y) = (g.rollup(d(11, 1)), g.rollup(d(12, 1)));
    assert_eq!(rows(&x), first);
    assert_ne!(rows(&y), first);
}

#[test]
fn a_kept_rollup_is_a_snapshot_until_refreshed() {
    // Objective a with key results k0..k7, each at 10 * i. A kept rollup must not see later
    // check-ins, neither while they are read from the graph (one key result changed) nor
    // after the check-in columns are rebuilt (every key result changed); refreshing it then
    // gives exactly a fresh rollup, also after several check-ins on one key result.
    let mut g = base();
    obj(&mut g, "a");
    for i in 0..8 {
        kr_at(&mut g, &format!("k{i}"), "a", 10.0 * f64::from(i), 1.0);
    }
    let rows = |r: &okr_core::Rollup| format!("{:?}", r.nodes().collect::<Vec<_>>());
    let mut kept = g.rollup(d(11, 20));
    let before = rows(&kept);
    assert_close(kept.objective("a").unwrap().progress, 0.35);
    let mut c = val(t(11, 10, 9, 0), 90.0);
    c.confidence = Some(0.25);
    g.check_in("k0", c).unwrap();
    assert_ne!(rows(&g.rollup(d(11, 20))), before);
    assert_eq!(rows(&kept), before);
    for i in 0..8 {
        g.check_in(&format!("k{i}"), val(t(11, 11, 9, 0), 80.0))
            .unwrap();
    }
    let fresh = g.rollup(d(11, 20));
    assert_close(fresh.objective("a").unwrap().progress, 0.8);
    assert_eq!(rows(&kept), before);
    // k0 twice more: its figures come from the graph until the columns are rebuilt
    g.check_in("k0", val(t(11, 12, 9, 0), 0.0)).unwrap();
    g.check_in("k0", val(t(11, 13, 9, 0), 40.0)).unwrap();
    for i in (0..8).rev() {
        kept.refresh_key_result(&g, &format!("k{i}")).unwrap();
    }
    let fresh = g.rollup(d(11, 20));
    assert_eq!(rows(&kept), rows(&fresh));
    let k0 = kept.key_result("k0").unwrap();
    assert_eq!(k0.value, Some(40.0));
    assert_eq!(k0.confidence, Some(0.25));
    assert_eq!(k0.last_check_in, Some(t(11, 13, 9, 0)));
    assert_close(kept.objective("a").unwrap().progress, 0.75);
}

#[test]
fn ids_are_the_nodes_ids_in_order() {
    // Objectives in topological order, key results in insertion order (not objective order),
    // also after a key result moved to another objective.
    let mut g = base();
    for o in ["top", "b", "a"] {
        obj(&mut g, o);
    }
    g.link("a", "top", 1.0).unwrap();
    g.link("b", "top", 1.0).unwrap();
    for (k, o) in [("k1", "top"), ("k2", "a"), ("k3", "b"), ("k4", "a")] {
        kr_at(&mut g, k, o, 10.0, 1.0);
    }
    let check = |g: &OkrGraph| {
        let r = g.rollup(d(11, 20));
        let nodes: Vec<(&str, NodeKind)> = r.nodes().map(|n| (n.id, n.kind)).collect();
        assert_eq!(r.ids().collect::<Vec<_>>(), nodes);
        assert_eq!(nodes.len(), 7);
        let krs: Vec<&str> = nodes[3..].iter().map(|n| n.0).collect();
        assert_eq!(krs, ["k1", "k2", "k3", "k4"]);
    };
    check(&g);
    let mut k2 = g.key_result("k2").unwrap().clone();
    k2.objective = "b".into();
    g.update_key_result(k2).unwrap();
    check(&g);
}

#[test]
fn equal_timestamps_keep_insertion_order() {
    let mut g = base();
    obj(&mut g, "a");
    kr(&mut g, "k", "a", Measure::numeric(0.0, 100.0));
    g.check_in("k", val(t(11, 1, 8, 0), 10.0)).unwrap();
    g.check_in("k", val(t(11, 1, 8, 0), 30.0)).unwrap();
    // the later-recorded one of two at the same moment is in force
    assert_eq!(
        g.rollup(d(11, 1)).key_result("k").unwrap().value,
        Some(30.0)
    );
}

// ----- pace and status ------------------------------------------------------------------

/// One objective with one numeric 0 -> 100 key result at `v`.
fn single(v: f64) -> OkrGraph {
    let mut g = base();
    obj(&mut g, "a");
    kr_at(&mut g, "k", "a", v, 1.0);
    g
}

#[test]
fn expected_pace_at_several_dates() {
    let g = single(50.0);
    let e = |day: AsOf| g.rollup(day).objective("a").unwrap().expected;
    // before the cycle: (0 days) clamp -> 0
    assert_eq!(
        e(chrono::NaiveDate::from_ymd_opt(2026, 9, 30).unwrap().into()),
        0.0
    );
    // first day: 1 / 92
    assert_close(Some(e(d(10, 1).into())), 1.0 / 92.0);
    // Nov 15: Oct 1 + 45 days -> 46 / 92 = 0.5
    assert_eq!(e(d(11, 15).into()), 0.5);
    // last day: 92 / 92
    assert_eq!(e(d(12, 31).into()), 1.0);
    // after: clamp -> 1
    assert_eq!(
        e(chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap().into()),
        1.0
    );
    // a DateTime as-of uses its date
    assert_eq!(e(t(11, 15, 0, 0).into()), 0.5);
}

#[test]
fn status_with_default_margins() {
    // Nov 15: expected 0.5; on track down to 0.4, at risk down to 0.25, off track below.
    let st = |v: f64| single(v).rollup(d(11, 15)).objective("a").unwrap().status;
    assert_eq!(st(90.0), Status::OnTrack);
    assert_eq!(st(50.0), Status::OnTrack);
    assert_eq!(st(40.0), Status::OnTrack); // exactly at 0.5 - 0.10
    assert_eq!(st(39.0), Status::AtRisk);
    assert_eq!(st(25.0), Status::AtRisk); // exactly at 0.5 - 0.25
    assert_eq!(st(24.0), Status::OffTrack);
    assert_eq!(st(0.0), Status::OffTrack);
    let g = single(0.0);
    let before = chrono::NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();
    let after = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    assert_eq!(
        g.rollup(before).objective("a").unwrap().status,
        Status::NotStarted
    );
    assert_eq!(
        g.rollup(before).key_result("k").unwrap().status,
        Status::NotStarted
    );
    assert_eq!(
        g.rollup(after).objective("a").unwrap().status,
        Status::Closed
    );
    assert_eq!(
        g.rollup(after).key_result("k").unwrap().status,
        Status::Closed
    );
    // on the last day it is still judged: 0 against 1.0 -> off track
    assert_eq!(
        g.rollup(d(12, 31)).objective("a").unwrap().status,
        Status::OffTrack
    );
    // no data: undefined progress inside the period
    let mut g = base();
    obj(&mut g, "a");
    assert_eq!(
        g.rollup(d(11, 15)).objective("a").unwrap().status,
        Status::NoData
    );
    // ...but before/after the period that undefined objective is not_started / closed
    assert_eq!(
        g.rollup(before).objective("a").unwrap().status,
        Status::NotStarted
    );
    assert_eq!(
        g.rollup(after).objective("a").unwrap().status,
        Status::Closed
    );
}

#[test]
fn status_with_custom_margins() {
    let cfg = RollupConfig {
        on_track_margin: 0.0,
        at_risk_margin: 0.05,
        stale_days: 14,
    };
    let st = |v: f64| {
        single(v)
            .rollup_with(d(11, 15), &cfg)
            .unwrap()
            .objective("a")
            .unwrap()
            .status
    };
    // expected 0.5: on track from 0.5, at risk from 0.45, off track below
    assert_eq!(st(50.0), Status::OnTrack);
    assert_eq!(st(49.0), Status::AtRisk);
    assert_eq!(st(45.0), Status::AtRisk);
    assert_eq!(st(44.0), Status::OffTrack);
    // wide margins: 0.1 against 0.5 is still on track with on_track_margin 0.4
    let wide = RollupConfig {
        on_track_margin: 0.4,
        at_risk_margin: 0.5,
        stale_days: 14,
    };
    let r = single(10.0).rollup_with(d(11, 15), &wide).unwrap();
    assert_eq!(r.objective("a").unwrap().status, Status::OnTrack);
    assert_eq!(r.config(), &wide);
    assert_eq!(r.as_of(), AsOf::from(d(11, 15)));
}

#[test]
fn key_result_due_date_bounds_its_period() {
    let mut g = base();
    obj(&mut g, "a");
    let mut k = okr_core::KeyResult::new("k", "K", "a", Measure::numeric(0.0, 100.0));
    k.due = Some(d(11, 15));
    g.add_key_result(k).unwrap();
    // key result period Oct 1 ..= Nov 15 = 46 days; Oct 23 is day 23 -> 0.5
    let r = g.rollup(d(10, 23));
    assert_eq!(r.key_result("k").unwrap().expected, 0.5);
    // the objective keeps the cycle: 23 / 92 = 0.25
    assert_eq!(r.objective("a").unwrap().expected, 0.25);
    assert_eq!(g.rollup(d(11, 15)).key_result("k").unwrap().expected, 1.0);
    let r = g.rollup(d(11, 16));
    assert_eq!(r.key_result("k").unwrap().status, Status::Closed);
    assert_eq!(r.key_result("k").unwrap().expected, 1.0);
    // objective: 0 against 47 / 92 = 0.51 -> off track, not closed
    assert_eq!(r.objective("a").unwrap().status, Status::OffTrack);
}

// ----- stale ----------------------------------------------------------------------------

#[test]
fn stale_key_results_and_objectives() {
    let mut g = base();
    obj(&mut g, "a");
    kr(&mut g, "k1", "a", Measure::numeric(0.0, 100.0));
    kr(&mut g, "k2", "a", Measure::numeric(0.0, 100.0));
    g.check_in("k1", val(t(11, 1, 23, 0), 10.0)).unwrap();
    // k2 never checked in: counted from Oct 1. Oct 15 is 14 days after -> not stale;
    // Oct 16 is 15 days -> stale.
    let r = g.rollup(d(10, 15));
    assert!(!r.key_result("k2").unwrap().stale);
    let r = g.rollup(d(10, 16));
    assert!(r.key_result("k2").unwrap().stale);
    // k1 checked in Nov 1: Nov 15 is 14 days -> fresh; Nov 16 is 15 days -> stale.
    let r = g.rollup(d(11, 15));
    assert!(!r.key_result("k1").unwrap().stale);
    assert!(r.key_result("k2").unwrap().stale);
    assert!(!r.objective("a").unwrap().stale, "one fresh key result");
    let r = g.rollup(d(11, 16));
    assert!(r.key_result("k1").unwrap().stale);
    assert!(r.objective("a").unwrap().stale, "all key results stale");
    // outside the period nothing is stale
    let after = chrono::NaiveDate::from_ymd_opt(2027, 1, 2).unwrap();
    let r = g.rollup(after);
    assert!(!r.key_result("k1").unwrap().stale);
    assert!(!r.objective("a").unwrap().stale);
    // custom stale_days 3: Nov 4 is 3 days after Nov 1 -> fresh, Nov 5 -> stale
    let cfg = RollupConfig {
        stale_days: 3,
        ..RollupConfig::default()
    };
    assert!(
        !g.rollup_with(d(11, 4), &cfg)
            .unwrap()
            .key_result("k1")
            .unwrap()
            .stale
    );
    assert!(
        g.rollup_with(d(11, 5), &cfg)
            .unwrap()
            .key_result("k1")
            .unwrap()
            .stale
    );
    // an objective without key results is never stale
    obj(&mut g, "nokr");
    assert!(!g.rollup(d(12, 20)).objective("nokr").unwrap().stale);
}

#[test]
fn stale_only_for_active_objectives() {
    let mut g = base();
    obj_with(&mut g, "dr", ObjectiveState::Draft, RollupMode::Both);
    obj_with(&mut g, "cl", ObjectiveState::Closed, RollupMode::Both);
    kr(&mut g, "k1", "dr", Measure::numeric(0.0, 1.0));
    kr(&mut g, "k2", "cl", Measure::numeric(0.0, 1.0));
    let r = g.rollup(d(12, 1));
    for id in ["dr", "cl", "k1", "k2"] {
        assert!(!r.get(id).unwrap().values.stale, "{id}");
    }
}

// ----- confidence -----------------------------------------------------------------------

#[test]
fn confidence_latest_and_weighted_mean() {
    let mut g = base();
    obj(&mut g, "a");
    kr_w(&mut g, "k1", "a", Measure::numeric(0.0, 100.0), 3.0);
    kr_w(&mut g, "k2", "a", Measure::numeric(0.0, 100.0), 1.0);
    kr_w(&mut g, "k3", "a", Measure::numeric(0.0, 100.0), 5.0);
    g.check_in("k1", val(t(11, 1, 0, 0), 10.0).with_confidence(0.8))
        .unwrap();
    // a later check-in without confidence keeps the earlier reported one
    g.check_in("k1", val(t(11, 10, 0, 0), 20.0)).unwrap();
    g.check_in("k1", val(t(11, 20, 0, 0), 30.0).with_confidence(0.2))
        .unwrap();
    g.check_in("k2", val(t(11, 1, 0, 0), 10.0).with_confidence(0.4))
        .unwrap();
    // k3 has none
    let r = g.rollup(d(10, 20));
    assert_eq!(r.key_result("k1").unwrap().confidence, None);
    assert_eq!(r.objective("a").unwrap().confidence, None);
    let r = g.rollup(d(11, 12));
    assert_eq!(r.key_result("k1").unwrap().confidence, Some(0.8));
    assert_eq!(r.key_result("k3").unwrap().confidence, None);
    // (3 * 0.8 + 1 * 0.4) / (3 + 1) = 0.7
    assert_close(r.objective("a").unwrap().confidence, 0.7);
    let r = g.rollup(d(11, 25));
    assert_eq!(r.key_result("k1").unwrap().confidence, Some(0.2));
    // (3 * 0.2 + 0.4) / 4 = 0.25
    assert_close(r.objective("a").unwrap().confidence, 0.25);
}

// ----- config ---------------------------------------------------------------------------

#[test]
fn invalid_config_rejected() {
    let g = single(10.0);
    let bad = [
        (-0.1, 0.25, "on_track_margin"),
        (f64::NAN, 0.25, "on_track_margin"),
        (f64::INFINITY, f64::INFINITY, "on_track_margin"),
        (0.3, 0.2, "at_risk_margin"),
        (0.1, f64::NAN, "at_risk_margin"),
        (0.1, f64::INFINITY, "at_risk_margin"),
    ];
    for (on, risk, field) in bad {
        let cfg = RollupConfig {
            on_track_margin: on,
            at_risk_margin: risk,
            stale_days: 14,
        };
        let err = g.rollup_with(d(11, 1), &cfg).unwrap_err();
        assert_eq!(err.code(), "invalid_config", "{on} {risk}");
        match &err {
            okr_core::OkrError::InvalidConfig { field: f, .. } => assert_eq!(f, field),
            other => panic!("{other:?}"),
        }
        assert!(cfg.validate().is_err());
        let err = g.explain_progress_with("a", d(11, 1), &cfg).unwrap_err();
        assert_eq!(err.code(), "invalid_config");
    }
    // equal margins and zero margins are fine
    let ok = RollupConfig {
        on_track_margin: 0.0,
        at_risk_margin: 0.0,
        stale_days: 0,
    };
    assert!(g.rollup_with(d(11, 1), &ok).is_ok());
    assert!(RollupConfig::default().validate().is_ok());
}

// ----- explain --------------------------------------------------------------------------

#[test]
fn explain_contributions_sum_to_progress() {
    let mut g = base();
    obj(&mut g, "p");
    obj(&mut g, "a");
    obj(&mut g, "b");
    obj_with(&mut g, "dr", ObjectiveState::Draft, RollupMode::Both);
    obj(&mut g, "undef");
    kr_at(&mut g, "k1", "p", 30.0, 2.0);
    kr(&mut g, "kt", "p", threshold(Bound::AtOrAbove, 5.0, None));
    kr_at(&mut g, "ka", "a", 70.0, 1.0);
    kr_at(&mut g, "kb", "b", 125.0, 1.0);
    kr_at(&mut g, "kd", "dr", 100.0, 1.0);
    g.link("a", "p", 1.5).unwrap();
    g.link("b", "p", 0.5).unwrap();
    g.link("dr", "p", 1.0).unwrap();
    g.link("undef", "p", 1.0).unwrap();
    let e = g.explain_progress("p", d(11, 1)).unwrap();
    assert_eq!(e.kind, NodeKind::Objective);
    assert_eq!(e.rollup_mode, Some(RollupMode::Both));
    // counted: k1 (2 x 0.3), a (1.5 x 0.7), b (0.5 x 1.0): (0.6 + 1.05 + 0.5) / 4 = 0.5375
    assert_close(e.values.progress, 0.5375);
    let sum: f64 = e.contributions.iter().filter_map(|c| c.contribution).sum();
    assert_close(Some(sum), e.values.progress.unwrap());
    let share: f64 = e.contributions.iter().filter_map(|c| c.weight_share).sum();
    assert_close(Some(share), 1.0);
    let by = |id: &str| e.contributions.iter().find(|c| c.id == id).unwrap().clone();
    assert_eq!(e.contributions.len(), 6);
    assert!(by("k1").counted && by("a").counted && by("b").counted);
    assert_close(by("k1").contribution, 0.6 / 4.0);
    assert_close(by("a").weight_share, 1.5 / 4.0);
    assert!(!by("dr").counted);
    assert_eq!(by("dr").note.as_deref(), Some("left out: draft"));
    assert!(!by("kt").counted);
    assert!(by("kt").note.unwrap().starts_with("left out"));
    assert!(!by("undef").counted);
    assert!(by("undef").note.unwrap().contains("undefined"));
    // the explanation's figures are the rollup's
    assert_eq!(e.values, g.rollup(d(11, 1)).objective("p").unwrap());
    // mode notes
    let mut o = g.objective("p").unwrap().clone();
    o.rollup = RollupMode::KeyResults;
    g.update_objective(o).unwrap();
    let e = g.explain_progress("p", d(11, 1)).unwrap();
    assert!(
        !e.contributions
            .iter()
            .find(|c| c.id == "a")
            .unwrap()
            .counted
    );
    assert_eq!(e.values.progress, Some(0.3));
    let sum: f64 = e.contributions.iter().filter_map(|c| c.contribution).sum();
    assert_close(Some(sum), 0.3);
}

#[test]
fn explain_key_result_and_unknown_id() {
    let g = single(50.0);
    let e = g.explain_progress("k", d(11, 1)).unwrap();
    assert_eq!(e.kind, NodeKind::KeyResult);
    assert_eq!(e.values.progress, Some(0.5));
    assert!(e.key_result.is_some());
    assert!(e.contributions.is_empty());
    let err = g.explain_progress("nope", d(11, 1)).unwrap_err();
    assert_eq!(err.code(), "unknown_id");
    assert_eq!(err.ids().collect::<Vec<_>>(), ["nope"]);
}

#[test]
fn rollup_lookup_api() {
    let g = single(50.0);
    let r = g.rollup(d(11, 1));
    assert_eq!(r.len(), 2);
    assert!(!r.is_empty());
    assert_eq!(r.get("a").unwrap().kind, NodeKind::Objective);
    assert_eq!(r.get("k").unwrap().kind, NodeKind::KeyResult);
    assert!(r.get("zz").is_none());
    assert!(r.objective("k").is_none());
    assert!(r.key_result("a").is_none());
    assert_eq!(r.nodes().count(), 2);
    assert!(OkrGraph::new().rollup(d(11, 1)).is_empty());
}
