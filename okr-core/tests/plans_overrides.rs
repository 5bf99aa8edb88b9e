//! Planned targets and manual overrides: expected values and pace by a plan, status against
//! it, explanations naming it, bad plans refused; overrides reported as `manual` beside the
//! computed figures, rolled up, explained, set and cleared as revisions. Every expected
//! figure is worked out by hand in a comment from the rules in `rollup/mod.rs`.
//!
//! The cycle `q` runs 2026-10-01 ..= 2026-12-31 (92 days). A plan's expectation is piecewise
//! linear in time through (the start of 2026-10-01, start value), (the end of each point's
//! day, its value) and, when the last point is before 2026-12-31, (the end of 2026-12-31,
//! target). "As of day D" is the end of day D.

mod common;

use chrono::NaiveDate;
use common::*;
use okr_core::{
    FigureSource, KeyResult, KeyResultPatch, LogFilter, ManualOverride, Measure, Objective,
    ObjectivePatch, OkrGraph, PlanPoint, Revise, RollupConfig, Status,
};
use proptest::prelude::*;

fn plan(points: &[(NaiveDate, f64)]) -> Vec<PlanPoint> {
    points.iter().map(|&(d, v)| PlanPoint::new(d, v)).collect()
}

/// 100 by the end of October, 250 by the end of November, 500 by the end of December.
fn q4_plan() -> Vec<PlanPoint> {
    plan(&[(d(10, 31), 100.0), (d(11, 30), 250.0), (d(12, 31), 500.0)])
}

/// Objective `a` with `rev` (100 -> 500, planned by `q4_plan`) and `lin` (the same measure,
/// no plan), both at 110 from 2026-10-10.
fn planned_graph() -> OkrGraph {
    let mut g = base();
    obj(&mut g, "a");
    let mut k = KeyResult::new("rev", "Revenue", "a", Measure::numeric(100.0, 500.0));
    k.plan = q4_plan();
    g.add_key_result(k).unwrap();
    kr(&mut g, "lin", "a", Measure::numeric(100.0, 500.0));
    for id in ["rev", "lin"] {
        g.check_in(id, val(t(10, 10, 9, 0), 110.0)).unwrap();
    }
    g
}

// ----- plans ----------------------------------------------------------------------------

#[test]
fn mid_october_on_track_by_the_plan_off_track_by_the_linear_pace() {
    let g = planned_graph();
    // progress (110 - 100) / (500 - 100) = 0.025 for both.
    // Plan as of 10-15 (t = start of 10-16): between (10-01, 100) and (end of 10-31, 100):
    // expected value 100, pace 0: on track.
    // Linear: 15 / 92 = 0.163; with margins 0.05 / 0.10, 0.025 < 0.163 - 0.10: off track.
    let cfg = RollupConfig {
        on_track_margin: 0.05,
        at_risk_margin: 0.10,
        ..RollupConfig::default()
    };
    let r = g.rollup_with(d(10, 15), &cfg).unwrap();
    let rev = r.key_result("rev").unwrap();
    let lin = r.key_result("lin").unwrap();
    assert_close(rev.progress, 0.025);
    assert_close(lin.progress, 0.025);
    assert_eq!(rev.planned_value, Some(100.0));
    assert_eq!(rev.expected, 0.0);
    assert_eq!(rev.status, Status::OnTrack);
    assert_eq!(lin.planned_value, None);
    assert!(close(lin.expected, 15.0 / 92.0));
    assert_eq!(lin.status, Status::OffTrack);
    // with the default margins (0.10 / 0.25) the linear pace says at risk
    let r = g.rollup(d(10, 15));
    assert_eq!(r.key_result("rev").unwrap().status, Status::OnTrack);
    assert_eq!(r.key_result("lin").unwrap().status, Status::AtRisk);
}

#[test]
fn expected_values_at_and_between_the_points() {
    let g = planned_graph();
    let at = |day: NaiveDate| g.rollup(day).key_result("rev").unwrap();
    // (as of, expected value, expected pace = (value - 100) / 400)
    let cases = [
        // the first day: t = end of 10-01, 1 of 31 days from 100 to 100
        (d(10, 1), 100.0),
        // at the first point (end of 10-31): 100
        (d(10, 31), 100.0),
        // 11-15: t = end of 11-15, 15 of the 30 days from (end of 10-31, 100) to
        // (end of 11-30, 250): 100 + 150 * 15 / 30 = 175
        (d(11, 15), 175.0),
        // at the second point: 250
        (d(11, 30), 250.0),
        // 12-16: 16 of the 31 days from (end of 11-30, 250) to (end of 12-31, 500):
        // 250 + 250 * 16 / 31
        (d(12, 16), 250.0 + 250.0 * 16.0 / 31.0),
        // the last point, the period's last day: 500
        (d(12, 31), 500.0),
    ];
    for (day, value) in cases {
        let v = at(day);
        assert_close(v.planned_value, value);
        assert!(
            close(v.expected, (value - 100.0) / 400.0),
            "{day}: {}",
            v.expected
        );
    }
    assert_eq!(at(d(11, 15)).expected, 0.1875);
    assert_eq!(at(d(11, 30)).expected, 0.375);
    // 11-15 with 110: 0.025 against 0.1875 - 0.10 and - 0.25: at risk
    assert_eq!(at(d(11, 15)).status, Status::AtRisk);
    // after the period: closed, the last value planned
    let after = g.rollup(NaiveDate::from_ymd_opt(2027, 1, 5).unwrap());
    let v = after.key_result("rev").unwrap();
    assert_eq!(
        (v.planned_value, v.expected, v.status),
        (Some(500.0), 1.0, Status::Closed)
    );
    // before the period: the start value, not started
    let before = g.rollup(NaiveDate::from_ymd_opt(2026, 9, 20).unwrap());
    let v = before.key_result("rev").unwrap();
    assert_eq!(
        (v.planned_value, v.expected, v.status),
        (Some(100.0), 0.0, Status::NotStarted)
    );
}

#[test]
fn a_plan_ending_before_the_period_ends_runs_on_to_the_target() {
    let mut g = base();
    obj(&mut g, "a");
    let mut k = KeyResult::new("rev", "Revenue", "a", Measure::numeric(100.0, 500.0));
    k.plan = plan(&[(d(11, 30), 250.0)]);
    g.add_key_result(k).unwrap();
    let at = |day| g.rollup(day).key_result("rev").unwrap();
    // 11-15: 46 of the 61 days from (start of 10-01, 100) to (end of 11-30, 250):
    // 100 + 150 * 46 / 61
    assert_close(at(d(11, 15)).planned_value, 100.0 + 150.0 * 46.0 / 61.0);
    // 12-16: 16 of the 31 days from (end of 11-30, 250) to (end of 12-31, target 500)
    assert_close(at(d(12, 16)).planned_value, 250.0 + 250.0 * 16.0 / 31.0);
    assert_close(at(d(12, 31)).planned_value, 500.0);
}

#[test]
fn a_plan_of_the_target_at_the_end_is_the_linear_pace() {
    let mut g = base();
    obj(&mut g, "a");
    let mut k = KeyResult::new("p", "Planned", "a", Measure::numeric(0.0, 92.0));
    k.plan = plan(&[(d(12, 31), 92.0)]);
    g.add_key_result(k).unwrap();
    kr(&mut g, "l", "a", Measure::numeric(0.0, 92.0));
    for day in [d(10, 1), d(10, 20), d(11, 15), d(12, 30)] {
        let r = g.rollup(day);
        let (p, l) = (r.key_result("p").unwrap(), r.key_result("l").unwrap());
        assert!(close(p.expected, l.expected), "{day}");
    }
}

#[test]
fn a_decreasing_key_result_follows_its_plan_down() {
    let mut g = base();
    obj(&mut g, "a");
    // 10 -> 2: 6 by the end of October
    let mut k = KeyResult::new("bugs", "Bugs", "a", Measure::numeric(10.0, 2.0));
    k.plan = plan(&[(d(10, 31), 6.0)]);
    g.add_key_result(k).unwrap();
    let v = g.rollup(d(10, 31)).key_result("bugs").unwrap();
    // expected value 6: (6 - 10) / (2 - 10) = 0.5
    assert_eq!((v.planned_value, v.expected), (Some(6.0), 0.5));
}

#[test]
fn explain_names_the_plan_and_the_points() {
    let g = planned_graph();
    let e = g.explain_progress("rev", d(11, 30)).unwrap();
    assert!(e.expectation.contains("by the plan"), "{}", e.expectation);
    assert!(
        e.expectation.contains("expected 250 of 500"),
        "{}",
        e.expectation
    );
    assert!(
        e.expectation.contains("point 2026-11-30 = 250"),
        "{}",
        e.expectation
    );
    assert!(e.summary.contains("by the plan"), "{}", e.summary);
    let e = g.explain_progress("rev", d(11, 15)).unwrap();
    assert!(
        e.expectation.contains(
            "expected 175 of 500 by the plan (between point 2026-10-31 = 100 and point 2026-11-30 = 250)"
        ),
        "{}",
        e.expectation
    );
    assert!(e.render_text().contains("by the plan"));
    // without a plan: the linear pace, and the summary as before
    let e = g.explain_progress("lin", d(11, 15)).unwrap();
    assert!(e.expectation.contains("linear pace"), "{}", e.expectation);
    assert!(!e.summary.contains("plan"), "{}", e.summary);
}

#[test]
fn bad_plans_are_typed_errors_and_change_nothing() {
    let mut g = planned_graph();
    g.add_cycle(okr_core::Cycle::new(
        "q1",
        NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
    ))
    .unwrap();
    let json = g.to_json();
    let revisions = g.revision_count();
    let meta = || Revise::on(d(11, 1)).by("anna");
    let cases: Vec<(Vec<PlanPoint>, &str)> = vec![
        // decreasing dates
        (plan(&[(d(11, 30), 250.0), (d(10, 31), 100.0)]), "plan[1]"),
        // the same date twice
        (plan(&[(d(11, 30), 250.0), (d(11, 30), 260.0)]), "plan[1]"),
        // outside the measure's range [100, 500]
        (plan(&[(d(10, 31), 100.0), (d(11, 30), 600.0)]), "plan[1]"),
        (plan(&[(d(10, 31), 99.0)]), "plan[0]"),
        (plan(&[(d(10, 31), f64::NAN)]), "plan[0]"),
        (plan(&[(d(10, 31), f64::INFINITY)]), "plan[0]"),
        // outside the period
        (plan(&[(d(9, 30), 100.0)]), "plan[0]"),
        (
            plan(&[(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), 500.0)]),
            "plan[0]",
        ),
    ];
    for (p, field) in cases {
        let patch = KeyResultPatch {
            plan: Some(p.clone()),
            ..Default::default()
        };
        let e = g.revise_key_result("rev", patch, meta()).unwrap_err();
        assert_eq!(e.code(), "invalid_value", "{p:?}");
        let msg = e.to_string();
        assert!(msg.contains(field) && msg.contains("\"rev\""), "{msg}");
        // the same on a new key result
        let mut k = KeyResult::new("new", "New", "a", Measure::numeric(100.0, 500.0));
        k.plan = p;
        assert_eq!(g.add_key_result(k).unwrap_err().code(), "invalid_value");
    }
    // a plan on a key result that is not numeric
    let mut k = KeyResult::new("b", "Boolean", "a", Measure::Boolean);
    k.plan = plan(&[(d(10, 31), 0.0)]);
    let e = g.add_key_result(k).unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    assert!(
        e.to_string()
            .contains("only numeric and aggregate key results take a plan"),
        "{e}"
    );
    // a measure changed to boolean under a plan
    let patch = KeyResultPatch {
        measure: Some(Measure::Boolean),
        ..Default::default()
    };
    assert_eq!(
        g.revise_key_result("rev", patch, meta())
            .unwrap_err()
            .code(),
        "invalid_value"
    );
    // a due date before a point
    let patch = KeyResultPatch {
        due: Some(Some(d(12, 15))),
        ..Default::default()
    };
    let e = g.revise_key_result("rev", patch, meta()).unwrap_err();
    assert!(e.to_string().contains("plan[2]"), "{e}");
    // its objective moved to a cycle the plan does not fit
    let patch = ObjectivePatch {
        cycle: Some("q1".into()),
        ..Default::default()
    };
    let e = g.revise_objective("a", patch, meta()).unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    assert!(e.to_string().contains("plan[0]"), "{e}");
    assert_eq!(g.to_json(), json, "nothing changed");
    assert_eq!(g.revision_count(), revisions);
}

#[test]
fn a_plan_is_a_revision_undone_in_the_past_and_logged() {
    let mut g = base();
    obj(&mut g, "a");
    kr(&mut g, "rev", "a", Measure::numeric(100.0, 500.0));
    let patch = KeyResultPatch {
        plan: Some(q4_plan()),
        ..Default::default()
    };
    g.revise_key_result(
        "rev",
        patch,
        Revise::on(d(11, 1)).by("anna").reason("re-planned"),
    )
    .unwrap();
    // before: the linear pace; after: the plan
    assert_eq!(
        g.rollup(d(10, 31)).key_result("rev").unwrap().planned_value,
        None
    );
    assert_eq!(
        g.rollup(d(11, 30)).key_result("rev").unwrap().planned_value,
        Some(250.0)
    );
    let log = g.log(&LogFilter::default()).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].field, "plan");
    assert_eq!(log[0].from, serde_json::json!([]));
    assert_eq!(
        log[0].to[1],
        serde_json::json!({"date": "2026-11-30", "value": 250.0})
    );
    assert_eq!(log[0].by.as_deref(), Some("anna"));
    // cleared with []
    let p = KeyResultPatch::from_json(r#"{"plan": []}"#).unwrap();
    g.revise_key_result("rev", p, Revise::on(d(12, 1))).unwrap();
    assert_eq!(
        g.rollup(d(12, 10)).key_result("rev").unwrap().planned_value,
        None
    );
    assert_eq!(
        g.rollup(d(11, 30)).key_result("rev").unwrap().planned_value,
        Some(250.0)
    );
}

// ----- overrides ------------------------------------------------------------------------

/// `top` <- `a` (key results `a1` at 52, `a2` at 20, 0 -> 100, from 2026-10-10).
fn override_graph() -> OkrGraph {
    let mut g = base();
    obj(&mut g, "top");
    obj(&mut g, "a");
    g.link("a", "top", 1.0).unwrap();
    kr(&mut g, "a1", "a", Measure::numeric(0.0, 100.0));
    kr(&mut g, "a2", "a", Measure::numeric(0.0, 100.0));
    g.check_in("a1", val(t(10, 10, 9, 0), 52.0)).unwrap();
    g.check_in("a2", val(t(10, 10, 9, 0), 20.0)).unwrap();
    g
}

fn set(x: f64) -> KeyResultPatch {
    KeyResultPatch {
        r#override: Some(Some(ManualOverride::new(x))),
        ..Default::default()
    }
}

#[test]
fn an_override_is_reported_as_manual_and_rolled_up() {
    let mut g = override_graph();
    let meta = Revise::on(d(11, 1)).by("anna").reason("counted by hand");
    g.revise_key_result("a1", set(0.8), meta).unwrap();
    // before the revision: computed, a = (0.52 + 0.20) / 2 = 0.36
    let r = g.rollup(d(10, 20));
    let a1 = r.key_result("a1").unwrap();
    assert_eq!(a1.source, FigureSource::Computed);
    assert_close(a1.progress, 0.52);
    assert_close(r.objective("a").unwrap().progress, 0.36);
    // after: a1 is 0.8 by hand, its computed 0.52 beside it; a = (0.8 + 0.2) / 2 = 0.5
    let r = g.rollup(d(11, 15));
    let a1 = r.key_result("a1").unwrap();
    assert_eq!(a1.source, FigureSource::Manual);
    assert_eq!((a1.progress, a1.attainment), (Some(0.8), Some(0.8)));
    assert_close(a1.computed_progress, 0.52);
    assert_close(a1.computed_attainment, 0.52);
    assert_eq!(a1.value, Some(52.0), "the value in force stays");
    assert_eq!(a1.undefined_reason, None);
    assert_close(r.objective("a").unwrap().progress, 0.5);
    assert_close(r.objective("top").unwrap().progress, 0.5);
    assert_eq!(r.objective("a").unwrap().source, FigureSource::Computed);
    // status from the overridden progress: 0.8 against 46 / 92 = 0.5: on track
    assert_eq!(a1.status, Status::OnTrack);
    // the columns say the same
    let c = r.columns();
    let i = c.ids.iter().position(|&id| id == "a1").unwrap();
    assert_eq!(c.figures.source[i], FigureSource::Manual);
    assert_eq!(c.figures.progress[i], 0.8);
    assert!(close(c.figures.computed_progress[i], 0.52));
    let j = c.ids.iter().position(|&id| id == "a2").unwrap();
    assert_eq!(c.figures.source[j], FigureSource::Computed);
    assert_eq!(c.figures.computed_progress[j], c.figures.progress[j]);
    // JSON
    let json = serde_json::to_value(r.get("a1").unwrap()).unwrap();
    assert_eq!(json["source"], "manual");
    assert_eq!(json["computed_progress"], 0.52);
    // explain says manual, by whom and why
    let e = g.explain_progress("a1", d(11, 15)).unwrap();
    let m = e.manual.clone().unwrap();
    assert!(m.contains("set by hand") && m.contains("manual"), "{m}");
    assert!(m.contains("anna") && m.contains("counted by hand"), "{m}");
    assert!(
        e.summary.contains("manual") && e.summary.contains("52.0%"),
        "{}",
        e.summary
    );
    let e = g.explain_progress("a", d(11, 15)).unwrap();
    assert!(e.summary.contains("a1, set by hand"), "{}", e.summary);
    assert_eq!(e.contributions[0].source, FigureSource::Manual);
    assert_eq!(g.explain_progress("a1", d(10, 20)).unwrap().manual, None);
    // the log
    let log = g.log(&LogFilter::default()).unwrap();
    assert_eq!(log[0].field, "override");
    assert_eq!(log[0].from, serde_json::Value::Null);
    assert_eq!(log[0].to, serde_json::json!({"attainment": 0.8}));
    assert_eq!(log[0].reason.as_deref(), Some("counted by hand"));
}

#[test]
fn an_override_above_one_clamps_progress_only() {
    let mut g = override_graph();
    g.revise_key_result("a1", set(1.3), Revise::on(d(11, 1)))
        .unwrap();
    let r = g.rollup(d(11, 15));
    let a1 = r.key_result("a1").unwrap();
    assert_eq!((a1.progress, a1.attainment), (Some(1.0), Some(1.3)));
    // a: progress (1 + 0.2) / 2 = 0.6, attainment (1.3 + 0.2) / 2 = 0.75
    let a = r.objective("a").unwrap();
    assert_close(a.progress, 0.6);
    assert_close(a.attainment, 0.75);
}

#[test]
fn bad_overrides_are_refused_and_change_nothing() {
    let mut g = override_graph();
    let json = g.to_json();
    for x in [1.6, -0.1, f64::NAN, f64::INFINITY] {
        let e = g
            .revise_key_result("a1", set(x), Revise::on(d(11, 1)))
            .unwrap_err();
        assert_eq!(e.code(), "invalid_value", "{x}");
        assert!(
            e.to_string().contains("override of key result \"a1\""),
            "{e}"
        );
        let p = ObjectivePatch {
            r#override: Some(Some(ManualOverride::new(x))),
            ..Default::default()
        };
        let e = g
            .revise_objective("a", p, Revise::on(d(11, 1)))
            .unwrap_err();
        assert!(e.to_string().contains("override of objective \"a\""), "{e}");
        let mut o = Objective::new("b", "B", "o", "q");
        o.r#override = Some(ManualOverride::new(x));
        assert_eq!(g.add_objective(o).unwrap_err().code(), "invalid_value");
    }
    assert_eq!(g.to_json(), json);
    assert_eq!(g.revision_count(), 0);
    // the bounds themselves are fine
    g.revise_key_result("a1", set(0.0), Revise::on(d(11, 1)))
        .unwrap();
    g.revise_key_result("a1", set(1.5), Revise::on(d(11, 2)))
        .unwrap();
}

#[test]
fn an_override_is_cleared_by_a_later_revision() {
    let mut g = override_graph();
    g.revise_key_result("a1", set(0.8), Revise::on(d(11, 1)))
        .unwrap();
    let clear = KeyResultPatch::from_json(r#"{"override": null}"#).unwrap();
    assert_eq!(clear.r#override, Some(None));
    g.revise_key_result("a1", clear, Revise::on(d(11, 20)).by("ben"))
        .unwrap();
    assert_eq!(g.key_result("a1").unwrap().r#override, None);
    let at = |day| g.rollup(day).key_result("a1").unwrap();
    assert_eq!(at(d(11, 15)).source, FigureSource::Manual);
    assert_eq!(at(d(11, 25)).source, FigureSource::Computed);
    assert_close(at(d(11, 25)).progress, 0.52);
    assert_eq!(
        g.log(&LogFilter::default()).unwrap()[0].to,
        serde_json::Value::Null
    );
}

#[test]
fn an_objective_override_rolls_up_and_keeps_its_computed_figure() {
    let mut g = override_graph();
    let p = ObjectivePatch::from_json(r#"{"override": {"attainment": 0.9}}"#).unwrap();
    g.revise_objective("a", p, Revise::on(d(11, 1)).by("carla"))
        .unwrap();
    let r = g.rollup(d(11, 15));
    let a = r.objective("a").unwrap();
    assert_eq!(a.source, FigureSource::Manual);
    assert_eq!((a.progress, a.attainment), (Some(0.9), Some(0.9)));
    // computed: (0.52 + 0.20) / 2
    assert_close(a.computed_progress, 0.36);
    assert_close(a.computed_attainment, 0.36);
    assert_close(r.objective("top").unwrap().progress, 0.9);
    let e = g.explain_progress("a", d(11, 15)).unwrap();
    assert!(
        e.summary.contains("set by hand") && e.summary.contains("computed 36.0%"),
        "{}",
        e.summary
    );
    let e = g.explain_progress("top", d(11, 15)).unwrap();
    assert!(e.summary.contains("a, set by hand"), "{}", e.summary);
    // an objective with nothing that counts, overridden: defined by hand
    obj(&mut g, "empty");
    let mut o = g.objective("empty").unwrap().clone();
    o.r#override = Some(ManualOverride::new(0.4));
    g.set_clock(Some(Revise::on(d(11, 2))));
    g.update_objective(o).unwrap();
    let v = g.rollup(d(11, 15)).objective("empty").unwrap();
    assert_eq!((v.progress, v.computed_progress), (Some(0.4), None));
}

#[test]
fn refresh_after_a_check_in_under_an_override_equals_a_full_rollup() {
    let mut g = override_graph();
    g.revise_key_result("a1", set(0.8), Revise::on(d(10, 1)))
        .unwrap();
    let mut kept = g.rollup(d(11, 15));
    g.check_in("a1", val(t(11, 2, 9, 0), 90.0)).unwrap();
    kept.refresh_key_result(&g, "a1").unwrap();
    let fresh = g.rollup(d(11, 15));
    assert_eq!(
        kept.nodes().collect::<Vec<_>>(),
        fresh.nodes().collect::<Vec<_>>()
    );
    assert_close(fresh.key_result("a1").unwrap().computed_progress, 0.9);
    assert_eq!(fresh.key_result("a1").unwrap().progress, Some(0.8));
}

// ----- documents ------------------------------------------------------------------------

#[test]
fn documents_carry_plans_and_overrides() {
    let mut g = planned_graph();
    g.set_clock(Some(Revise::on(d(11, 1))));
    g.patch_key_result("lin", set(0.7)).unwrap();
    g.patch_objective(
        "a",
        ObjectivePatch {
            r#override: Some(Some(ManualOverride::new(0.6))),
            ..Default::default()
        },
    )
    .unwrap();
    let json = g.to_json();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let o = &v["objectives"][0];
    // set by revisions: in the history, not in the state at the beginning
    assert!(o.get("override").is_none());
    assert_eq!(
        v["history"][1],
        serde_json::json!({"at": "2026-11-01T00:00:00Z", "objective": "a",
                           "set": {"override": {"attainment": 0.6}}})
    );
    // as the state at the beginning, they are written in the objectives
    let mut plain = planned_graph();
    plain.set_clock(Some(Revise::on(d(11, 1))));
    let mut lin = plain.key_result("lin").unwrap().clone();
    lin.r#override = Some(ManualOverride::new(0.7));
    let mut a = plain.objective("a").unwrap().clone();
    a.r#override = Some(ManualOverride::new(0.6));
    let mut fresh = OkrGraph::new();
    for x in plain.owners() {
        fresh.add_owner(x.clone()).unwrap();
    }
    for c in plain.cycles() {
        fresh.add_cycle(c.clone()).unwrap();
    }
    fresh.add_objective(a).unwrap();
    for k in plain.key_results_of("a") {
        fresh
            .add_key_result(if k.id == "lin" {
                lin.clone()
            } else {
                k.clone()
            })
            .unwrap();
    }
    let json = fresh.to_json();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let o = &v["objectives"][0];
    assert_eq!(o["override"], serde_json::json!({"attainment": 0.6}));
    assert_eq!(
        o["key_results"][0]["plan"][0],
        serde_json::json!({"date": "2026-10-31", "value": 100.0})
    );
    assert_eq!(
        o["key_results"][1]["override"],
        serde_json::json!({"attainment": 0.7})
    );
    assert!(
        o["key_results"][1].get("plan").is_none(),
        "an empty plan is left out"
    );
    let back = OkrGraph::from_json(&json).unwrap();
    assert_eq!(back.to_json(), json);
    assert_eq!(back.key_result("rev").unwrap().plan, q4_plan());
}

#[test]
fn a_bad_plan_in_a_document_points_at_the_point() {
    let doc = |plan: &str, over: &str| {
        format!(
            r#"{{"version": 1,
            "owners": [{{"id": "o"}}],
            "cycles": [{{"id": "q", "start": "2026-10-01", "end": "2026-12-31"}}],
            "objectives": [{{"id": "a", "title": "A", "owner": "o", "cycle": "q",
              "key_results": [{{"id": "k", "title": "K",
                "measure": {{"kind": "numeric", "start": 0, "target": 10}},
                "plan": {plan}{over}}}]}}]}}"#
        )
    };
    let e = OkrGraph::from_json(&doc(
        r#"[{"date": "2026-11-01", "value": 5}, {"date": "2026-10-01", "value": 6}]"#,
        "",
    ))
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("objectives[0].key_results[0].plan[1]"),
        "{e}"
    );
    let e = OkrGraph::from_json(&doc("[]", r#", "override": {"attainment": 2}"#)).unwrap_err();
    assert!(
        e.to_string()
            .contains("objectives[0].key_results[0].override"),
        "{e}"
    );
    let e = OkrGraph::from_json(&doc(r#"[{"date": "2026-11-01", "value": 5, "x": 1}]"#, ""))
        .unwrap_err();
    assert_eq!(e.code(), "document");
    let g = OkrGraph::from_json(&doc(r#"[{"date": "2026-11-01", "value": 5}]"#, "")).unwrap();
    assert_eq!(g.key_result("k").unwrap().plan.len(), 1);
}

// ----- incremental refresh ----------------------------------------------------------------

/// A small graph: objectives 0..n, each linked under a random earlier one (or none), with one
/// or two numeric 0 -> 100 key results; some key results planned, some overridden, some
/// objectives overridden.
#[derive(Debug, Clone)]
struct Spec {
    parents: Vec<Option<usize>>,
    krs: Vec<(usize, bool, Option<f64>)>,
    obj_overrides: Vec<Option<f64>>,
    check_ins: Vec<(usize, u32, f64)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (1usize..7).prop_flat_map(|n| {
        let parents = (0..n)
            .map(|i| {
                if i == 0 {
                    Just(None).boxed()
                } else {
                    proptest::option::of(0..i).boxed()
                }
            })
            .collect::<Vec<_>>();
        let over = proptest::option::of(prop_oneof![Just(0.0), Just(1.5), 0.0..1.5f64]);
        let krs = proptest::collection::vec((0..n, any::<bool>(), over.clone()), 1..10);
        let obj_overrides = proptest::collection::vec(over, n);
        (parents, krs, obj_overrides).prop_flat_map(|(parents, krs, obj_overrides)| {
            let nk = krs.len();
            let check_ins = proptest::collection::vec((0..nk, 1u32..60, -20.0..140.0f64), 1..12);
            (Just(parents), Just(krs), Just(obj_overrides), check_ins).prop_map(
                |(parents, krs, obj_overrides, check_ins)| Spec {
                    parents,
                    krs,
                    obj_overrides,
                    check_ins,
                },
            )
        })
    })
}

fn build(s: &Spec) -> OkrGraph {
    let mut g = base();
    for (i, over) in s.obj_overrides.iter().enumerate() {
        let mut o = Objective::new(format!("o{i}"), "O", "o", "q");
        o.r#override = over.map(ManualOverride::new);
        g.add_objective(o).unwrap();
    }
    for (i, p) in s.parents.iter().enumerate() {
        if let Some(p) = p {
            g.link(&format!("o{i}"), &format!("o{p}"), 1.0 + i as f64)
                .unwrap();
        }
    }
    for (j, &(o, planned, over)) in s.krs.iter().enumerate() {
        let mut k = KeyResult::new(
            format!("k{j}"),
            "K",
            format!("o{o}"),
            Measure::numeric(0.0, 100.0),
        );
        if planned {
            k.plan = plan(&[(d(10, 20), 10.0), (d(11, 10), 70.0)]);
        }
        k.r#override = over.map(ManualOverride::new);
        g.add_key_result(k).unwrap();
    }
    g
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn refresh_equals_a_full_rollup_with_plans_and_overrides(s in spec()) {
        let mut g = build(&s);
        let as_of = d(11, 30);
        let mut kept = g.rollup(as_of);
        for &(k, day, v) in &s.check_ins {
            let id = format!("k{k}");
            let at = t(10, 1, 0, 0) + chrono::Duration::days(i64::from(day));
            g.check_in(&id, val(at, v)).unwrap();
            kept.refresh_key_result(&g, &id).unwrap();
            let fresh = g.rollup(as_of);
            prop_assert_eq!(kept.nodes().collect::<Vec<_>>(), fresh.nodes().collect::<Vec<_>>());
        }
        // every overridden node reports its override, computed figures beside it
        let r = g.rollup(as_of);
        for (j, &(_, _, over)) in s.krs.iter().enumerate() {
            let v = r.key_result(&format!("k{j}")).unwrap();
            match over {
                Some(x) => {
                    prop_assert_eq!(v.source, FigureSource::Manual);
                    prop_assert_eq!(v.attainment, Some(x));
                    prop_assert_eq!(v.progress, Some(x.clamp(0.0, 1.0)));
                }
                None => {
                    prop_assert_eq!(v.source, FigureSource::Computed);
                    prop_assert_eq!(v.progress, v.computed_progress);
                }
            }
        }
    }
}

#[test]
fn overrides_in_objectives_summed_in_blocks() {
    // two objectives of 150 key results each (summed in blocks of 64), the same values; one
    // overridden, with an overridden key result in both
    let mut g = base();
    for o in ["x", "y"] {
        obj(&mut g, o);
        for i in 0..150 {
            let id = format!("{o}{i}");
            kr_w(
                &mut g,
                &id,
                o,
                Measure::numeric(0.0, 100.0),
                1.0 + (i % 7) as f64,
            );
            g.check_in(&id, val(t(10, 10, 9, 0), (i * 37 % 101) as f64))
                .unwrap();
        }
    }
    let meta = |day| Revise::on(d(11, day));
    g.revise_key_result("x70", set(1.2), meta(1)).unwrap();
    g.revise_key_result("y70", set(1.2), meta(1)).unwrap();
    let p = ObjectivePatch {
        r#override: Some(Some(ManualOverride::new(0.3))),
        ..Default::default()
    };
    g.revise_objective("x", p, meta(2)).unwrap();
    let mut kept = g.rollup(d(11, 15));
    let (x, y) = (kept.objective("x").unwrap(), kept.objective("y").unwrap());
    assert_eq!((x.progress, x.source), (Some(0.3), FigureSource::Manual));
    // the computed figure is what the same objective without an override gets, to the bit
    assert_eq!(x.computed_progress, y.progress);
    assert_eq!(x.computed_attainment, y.attainment);
    for id in ["x3", "y3", "x70", "y70", "x140", "y140"] {
        g.check_in(id, val(t(11, 3, 9, 0), 99.0)).unwrap();
        kept.refresh_key_result(&g, id).unwrap();
        let fresh = g.rollup(d(11, 15));
        assert_eq!(
            kept.nodes().collect::<Vec<_>>(),
            fresh.nodes().collect::<Vec<_>>()
        );
    }
    let (x, y) = (kept.objective("x").unwrap(), kept.objective("y").unwrap());
    assert_eq!(x.computed_progress, y.progress);
    assert_eq!(x.progress, Some(0.3));
}
