//! History in analytics: scorecards flag a target lowered during its cycle (and note one
//! raised), a diff lists the changes to the goals between its two moments, scores say which
//! target they used.

use chrono::NaiveDate;
use okr_core::analytics::{GradeBands, ScorecardOptions};
use okr_core::{
    Cycle, KeyResult, KeyResultPatch, Measure, Objective, OkrGraph, Owner, Revise, RollupConfig,
};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn target(start: f64, t: f64) -> KeyResultPatch {
    KeyResultPatch {
        measure: Some(Measure::numeric(start, t)),
        ..Default::default()
    }
}

fn company() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    g.add_owner(Owner::new("anna", "Anna", "person").with_parent("acme"))
        .unwrap();
    g.add_cycle(Cycle::new("q4", d(10, 1), d(12, 31))).unwrap();
    g.add_objective(Objective::new("grow", "Grow", "anna", "q4"))
        .unwrap();
    g.add_key_result(KeyResult::new(
        "leads",
        "Leads",
        "grow",
        Measure::numeric(0.0, 500.0),
    ))
    .unwrap();
    // a decreasing key result: a higher target asks for less
    g.add_key_result(KeyResult::new(
        "churn",
        "Churn",
        "grow",
        Measure::numeric(10.0, 4.0),
    ))
    .unwrap();
    g
}

#[test]
fn a_target_lowered_during_the_cycle_is_a_sandbagging_signal() {
    let mut g = company();
    // before the cycle: a plan being written, not a signal
    g.revise_key_result("leads", target(0.0, 450.0), Revise::on(d(9, 20)))
        .unwrap();
    g.revise_key_result(
        "leads",
        target(0.0, 300.0),
        Revise::on(d(11, 3))
            .by("anna")
            .reason("the fair was cancelled"),
    )
    .unwrap();
    // churn 4 -> 6: asks for a smaller fall, lowered too
    g.revise_key_result("churn", target(10.0, 6.0), Revise::on(d(11, 4)))
        .unwrap();
    let cards = g
        .scorecards(d(11, 15), &ScorecardOptions::default())
        .unwrap();
    let anna = cards.iter().find(|c| c.owner == "anna").unwrap();
    let lowered = anna.signal("target_lowered").unwrap();
    assert!(lowered.raised);
    assert_eq!(lowered.value, Some(2.0));
    assert!(
        lowered
            .explanation
            .contains("leads 450 -> 300 on 2026-11-03 by anna (the fair was cancelled)"),
        "{}",
        lowered.explanation
    );
    assert!(
        lowered.explanation.contains("churn 4 -> 6"),
        "{}",
        lowered.explanation
    );
    let raised = anna.signal("target_raised").unwrap();
    assert_eq!((raised.value, raised.raised), (Some(0.0), false));
    // as of before the lowering, nothing yet
    let cards = g
        .scorecards(d(11, 2), &ScorecardOptions::default())
        .unwrap();
    let anna = cards.iter().find(|c| c.owner == "anna").unwrap();
    assert!(!anna.signal("target_lowered").unwrap().raised);
}

#[test]
fn a_target_raised_is_noted_not_flagged() {
    let mut g = company();
    g.revise_key_result("leads", target(0.0, 800.0), Revise::on(d(11, 3)))
        .unwrap();
    let cards = g
        .scorecards(d(11, 15), &ScorecardOptions::default())
        .unwrap();
    let s = cards[0].signal("target_raised").unwrap();
    assert_eq!((s.value, s.raised), (Some(1.0), false));
    assert!(
        s.explanation.contains("leads 500 -> 800"),
        "{}",
        s.explanation
    );
}

#[test]
fn a_diff_lists_the_changes_between_its_moments_oldest_first() {
    let mut g = company();
    g.revise_key_result(
        "leads",
        target(0.0, 800.0),
        Revise::on(d(10, 20)).by("anna"),
    )
    .unwrap();
    g.revise_key_result("churn", target(10.0, 5.0), Revise::on(d(11, 10)))
        .unwrap();
    g.revise_key_result("leads", target(0.0, 900.0), Revise::on(d(12, 1)))
        .unwrap();
    let cfg = RollupConfig::default();
    let diff = g.diff(d(10, 15), d(11, 15), &cfg).unwrap();
    let seen: Vec<(&str, &str)> = diff
        .revisions
        .iter()
        .map(|e| (e.entity.as_str(), e.field.as_str()))
        .collect();
    assert_eq!(seen, [("leads", "target"), ("churn", "target")]);
    let text = diff.render_text();
    assert!(
        text.contains("leads: target 500 -> 800 by anna on 2026-10-20"),
        "{text}"
    );
    // a revision at the first moment is in force on both sides: not listed
    let diff = g.diff(d(10, 20), d(11, 15), &cfg).unwrap();
    assert_eq!(diff.revisions.len(), 1);
    assert!(
        g.diff(d(12, 2), d(12, 3), &cfg)
            .unwrap()
            .revisions
            .is_empty()
    );
}

#[test]
fn scores_name_the_target_in_force_at_the_end_of_the_period() {
    let mut g = company();
    let mut due = g.key_result("leads").unwrap().clone();
    due.due = Some(d(11, 30));
    g.set_clock(Some(Revise::on(d(10, 2))));
    g.update_key_result(due).unwrap();
    g.revise_key_result("leads", target(0.0, 800.0), Revise::on(d(12, 10)))
        .unwrap();
    let bands = GradeBands::default();
    // scored at the period's end (2026-11-30): the target then was 500
    let s = g.scores(d(12, 20), &bands).unwrap();
    assert_eq!(s.get("leads").unwrap().target, Some(500.0));
    assert!(
        s.render_text()
            .contains("target in force at the end of their period")
    );
    // objectives have none
    assert_eq!(s.get("grow").unwrap().target, None);
}
