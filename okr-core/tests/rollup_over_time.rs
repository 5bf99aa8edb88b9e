//! Rollup semantics over time on hand-built graphs: the value as of a moment, kept rollups,
//! expected pace and status, staleness and confidence. Every expected figure is worked out by
//! hand in a comment from the module docs of `rollup.rs`.
//!
//! The cycle `q` used throughout runs 2026-10-01 ..= 2026-12-31: 31 + 30 + 31 = 92 days.

mod common;

use common::*;
use okr_core::{
    AsOf, Measure, NodeKind, ObjectiveState, OkrGraph, RollupConfig, RollupMode, Status,
};

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
    g.set_clock(Some(okr_core::Revise::on(
        chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
    )));
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
    g.set_clock(Some(okr_core::Revise::on(
        chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
    )));
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
