//! Closing a cycle (issue 19): frozen scores, decisions, carry-over with the last value as
//! the baseline, the refusal of changes to a closed cycle, dry runs, documents.

use chrono::{DateTime, NaiveDate, Utc};
use okr_core::workflow::{CloseDecisions, Decided, ReflectionInput};
use okr_core::{
    CheckIn, Cycle, KeyResult, KeyResultPatch, Measure, Objective, ObjectiveState, ObjectiveType,
    OkrGraph, Owner, Revise,
};
use proptest::prelude::*;

fn day(m: u32, d: u32) -> NaiveDate {
    let y = if m >= 10 { 2026 } else { 2027 };
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn t(m: u32, d: u32) -> DateTime<Utc> {
    day(m, d).and_hms_opt(12, 0, 0).unwrap().and_utc()
}

fn numeric(start: f64, target: f64, unit: &str) -> Measure {
    Measure::Numeric {
        start,
        target,
        unit: unit.into(),
        direction: None,
    }
}

/// q4 (Oct-Dec 2026) and q1 (Jan-Mar 2027). `company` (acme) > `sales` (anna), both in q4.
/// `revenue` (company, done), `deals` (sales, 30 of 50), `calls` (sales, no check-in).
fn company() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    g.add_owner(Owner::new("anna", "Anna", "person").with_parent("acme"))
        .unwrap();
    g.add_cycle(Cycle::new("q4", day(10, 1), day(12, 31)))
        .unwrap();
    g.add_cycle(Cycle::new("q1", day(1, 1), day(3, 31)))
        .unwrap();
    g.add_cycle(Cycle::new(
        "q3",
        NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
    ))
    .unwrap();
    g.add_objective(Objective::new("company", "Lead", "acme", "q4"))
        .unwrap();
    let mut sales = Objective::new("sales", "Sell more", "anna", "q4");
    sales.kind = ObjectiveType::Aspirational;
    g.add_objective(sales).unwrap();
    g.link("sales", "company", 2.0).unwrap();
    g.add_key_result(KeyResult::new(
        "revenue",
        "Revenue",
        "company",
        numeric(0.0, 100.0, "kEUR"),
    ))
    .unwrap();
    g.add_key_result(
        KeyResult::new("deals", "Deals", "sales", numeric(10.0, 50.0, "deals")).with_weight(3.0),
    )
    .unwrap();
    g.add_key_result(KeyResult::new(
        "calls",
        "Calls",
        "sales",
        numeric(0.0, 200.0, ""),
    ))
    .unwrap();
    g.check_in("revenue", CheckIn::value(t(12, 1), 100.0))
        .unwrap();
    g.check_in("deals", CheckIn::value(t(11, 1), 20.0)).unwrap();
    g.check_in("deals", CheckIn::value(t(12, 20), 30.0))
        .unwrap();
    g
}

fn close(
    g: &mut OkrGraph,
    decisions: &CloseDecisions,
) -> okr_core::Result<okr_core::workflow::CloseReport> {
    g.close_cycle("q4", Some("q1"), Revise::at(t(1, 5)).by("acme"), decisions)
}

#[test]
fn unfinished_work_is_carried_from_its_last_value_and_finished_work_closes() {
    let mut g = company();
    let scores = g.scores(day(12, 31), &Default::default()).unwrap();
    let report = close(&mut g, &CloseDecisions::default()).unwrap();
    assert_eq!(report.closed_key_results, ["revenue"]);
    let pairs: Vec<(&str, &str, &str)> = report
        .closed
        .carried
        .iter()
        .map(|c| (c.kind.as_str(), c.from.as_str(), c.to.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("objective", "sales", "sales-q1"),
            ("key_result", "deals", "deals-q1"),
            ("key_result", "calls", "calls-q1"),
        ]
    );
    // the copy: baseline = last value, target, unit, weight and type kept, in the next cycle
    let deals = g.key_result("deals-q1").unwrap();
    assert_eq!(deals.measure, numeric(30.0, 50.0, "deals"));
    assert_eq!(
        (deals.weight, deals.objective.as_str(), deals.due),
        (3.0, "sales-q1", None)
    );
    assert_eq!(
        g.key_result("calls-q1").unwrap().measure,
        numeric(0.0, 200.0, "")
    );
    let copy = g.objective("sales-q1").unwrap();
    assert_eq!(
        (copy.cycle.as_str(), copy.kind, copy.state),
        ("q1", ObjectiveType::Aspirational, ObjectiveState::Active)
    );
    // company was not carried (its only key result closed): the copy stays aligned under it
    assert_eq!(g.parents_of("sales-q1"), vec![("company", 2.0)]);
    // the cycle's objectives closed with it, by a revision at the close
    assert_eq!(g.objective("sales").unwrap().state, ObjectiveState::Closed);
    assert_eq!(
        g.at(t(1, 4)).objective("sales").unwrap().state,
        ObjectiveState::Active
    );
    // the scores frozen are the scores at the cycle's end
    let frozen = &g.closed_cycle("q4").unwrap().scores;
    for f in frozen {
        let s = scores.get(&f.id).unwrap();
        assert_eq!(
            (f.score, f.attainment, f.grade.as_str()),
            (s.score, s.attainment, s.grade.as_str()),
            "{}",
            f.id
        );
    }
    assert_eq!(frozen.len(), 5);
    assert!(
        g.log(&Default::default())
            .unwrap()
            .iter()
            .all(|e| e.at == t(1, 5) && e.by.as_deref() == Some("acme"))
    );
}

#[test]
fn decisions_reflections_and_ids_taken() {
    let mut g = company();
    // the first choice of id is taken
    g.add_objective(Objective::new("sales-q1", "Taken", "anna", "q1"))
        .unwrap();
    let mut d = CloseDecisions::default();
    d.key_results.insert("calls".into(), Decided::Close);
    d.key_results.insert("revenue".into(), Decided::Close);
    d.reflections.insert(
        "sales".into(),
        ReflectionInput::Text("We started late".into()),
    );
    d.reflections.insert(
        "company".into(),
        serde_json::from_str(r#"{"text": "Fine", "prompts": [{"question": "What did we learn?", "answer": "Plan earlier"}]}"#).unwrap(),
    );
    let report = close(&mut g, &d).unwrap();
    assert_eq!(report.closed_key_results, ["revenue", "calls"]);
    assert!(g.key_result("deals-q1").is_some());
    assert_eq!(g.key_result("deals-q1").unwrap().objective, "sales-q1-2");
    let c = g.closed_cycle("q4").unwrap();
    assert_eq!(c.reflections.len(), 2);
    assert_eq!(c.reflections[0].prompts[0].answer, "Plan earlier");
    // the same decisions from a file's text
    let text = r#"{"key_results": {"calls": "close", "revenue": "close"},
        "reflections": {"sales": "We started late", "company": {"text": "Fine", "prompts": [{"question": "What did we learn?", "answer": "Plan earlier"}]}}}"#;
    assert_eq!(CloseDecisions::from_json(text).unwrap(), d);
    assert_eq!(
        CloseDecisions::from_json("{\"key_result\": {}}")
            .unwrap_err()
            .code(),
        "invalid_value"
    );
}

#[test]
fn bad_closes_are_errors_and_change_nothing() {
    let mut g = company();
    let before = g.to_json();
    let carry = |id: &str| {
        let mut d = CloseDecisions::default();
        d.key_results.insert(id.into(), Decided::Carry);
        d
    };
    let cases: Vec<(okr_core::Result<okr_core::workflow::CloseReport>, &str)> = vec![
        (
            g.clone()
                .close_cycle("q9", Some("q1"), Revise::at(t(1, 5)), &Default::default()),
            "unknown_id",
        ),
        (
            g.clone()
                .close_cycle("q4", Some("q3"), Revise::at(t(1, 5)), &Default::default()),
            "invalid_cycle",
        ),
        (
            g.clone()
                .close_cycle("q4", Some("q4"), Revise::at(t(1, 5)), &Default::default()),
            "invalid_cycle",
        ),
        (
            g.clone()
                .close_cycle("q4", None, Revise::at(t(1, 5)), &Default::default()),
            "invalid_value",
        ),
        (close(&mut g.clone(), &carry("revenue")), "invalid_value"),
        (close(&mut g.clone(), &carry("nope")), "unknown_id"),
        (
            g.clone().close_cycle(
                "q4",
                Some("q1"),
                Revise::at(t(1, 5)).by("nobody"),
                &Default::default(),
            ),
            "unknown_id",
        ),
    ];
    for (i, (r, code)) in cases.into_iter().enumerate() {
        assert_eq!(r.unwrap_err().code(), code, "case {i}");
    }
    // a key result of another cycle
    g.add_objective(Objective::new("next", "Next", "acme", "q1"))
        .unwrap();
    g.add_key_result(KeyResult::new(
        "later",
        "Later",
        "next",
        numeric(0.0, 1.0, ""),
    ))
    .unwrap();
    let before2 = g.to_json();
    let e = close(&mut g, &carry("later")).unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    assert_eq!(g.to_json(), before2);
    assert_ne!(before, before2);
    // a revision recorded after the close's time
    g.revise_key_result(
        "later",
        KeyResultPatch {
            weight: Some(2.0),
            ..Default::default()
        },
        Revise::at(t(1, 6)),
    )
    .unwrap();
    assert_eq!(
        close(&mut g, &Default::default()).unwrap_err().code(),
        "invalid_revision"
    );
}

#[test]
fn a_closed_cycle_takes_no_change_dated_at_or_before_its_close() {
    let mut g = company();
    close(&mut g, &CloseDecisions::default()).unwrap();
    let before = g.to_json();
    let e = g
        .check_in("deals", CheckIn::value(t(12, 30), 45.0))
        .unwrap_err();
    assert_eq!(e.code(), "cycle_closed");
    assert_eq!(e.ids().collect::<Vec<_>>(), ["deals", "q4"]);
    let e = g
        .revise_key_result(
            "deals",
            KeyResultPatch {
                weight: Some(1.0),
                ..Default::default()
            },
            Revise::at(t(1, 5)),
        )
        .unwrap_err();
    assert_eq!(e.code(), "cycle_closed");
    let e = g
        .add_objective_at(
            Objective::new("late", "Late", "acme", "q4"),
            Revise::at(t(1, 5)),
        )
        .unwrap_err();
    assert_eq!(e.code(), "cycle_closed");
    let e = g
        .link_at("sales-q1", "sales", 1.0, Revise::at(t(1, 5)))
        .unwrap_err();
    assert_eq!(e.code(), "cycle_closed");
    let e = close(&mut g, &CloseDecisions::default()).unwrap_err();
    assert_eq!(
        (e.code(), e.ids().collect::<Vec<_>>()),
        ("cycle_closed", vec!["q4"])
    );
    assert_eq!(g.to_json(), before);
    // the carried copies are in an open cycle; after the close, changes are taken again
    g.check_in("deals-q1", CheckIn::value(t(1, 10), 35.0))
        .unwrap();
    g.revise_key_result(
        "deals",
        KeyResultPatch {
            weight: Some(1.0),
            ..Default::default()
        },
        Revise::at(t(1, 6)),
    )
    .unwrap();
    // the frozen scores do not move
    assert_eq!(
        g.closed_cycle("q4").unwrap(),
        okr_core::OkrGraph::from_json(&before)
            .unwrap()
            .closed_cycle("q4")
            .unwrap()
    );
    // the cycles a record names cannot be removed
    assert_eq!(g.remove_cycle("q3").map(drop), Ok(()));
    assert_eq!(g.remove_cycle("q4").unwrap_err().code(), "in_use");
}

#[test]
fn a_dry_run_reports_what_the_real_run_does_and_changes_nothing() {
    let mut g = company();
    let before = g.to_json();
    let dry = g
        .close_cycle_dry_run(
            "q4",
            Some("q1"),
            Revise::at(t(1, 5)).by("acme"),
            &Default::default(),
        )
        .unwrap();
    assert_eq!(g.to_json(), before);
    assert!(g.closed_cycle("q4").is_none());
    let real = close(&mut g, &CloseDecisions::default()).unwrap();
    assert_eq!(dry, real);
    assert_eq!(dry.render_text(), real.render_text());
    // saved and loaded: the record, the copies and their links
    let text = g.to_json();
    let back = OkrGraph::from_json(&text).unwrap();
    assert_eq!(back.to_json(), text);
    assert_eq!(back.closed_cycle("q4"), g.closed_cycle("q4"));
    let mut back = back;
    assert_eq!(
        back.check_in("deals", CheckIn::value(t(12, 30), 1.0))
            .unwrap_err()
            .code(),
        "cycle_closed",
        "the refusal holds after loading"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Whatever the check-ins, a carried numeric key result starts the next cycle at the value
    /// of its latest check-in at or before the close (or at its own start without one).
    #[test]
    fn a_carried_key_result_starts_from_its_last_value(
        values in proptest::collection::vec((1u32..=90, 0.0f64..99.0), 0..8),
        close_day in 80u32..100,
    ) {
        let mut g = company();
        let start = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        for (d, v) in &values {
            let at = (start + chrono::Duration::days(i64::from(*d))).and_hms_opt(9, 0, 0).unwrap().and_utc();
            g.check_in("calls", CheckIn::value(at, *v)).unwrap();
        }
        let at = (start + chrono::Duration::days(i64::from(close_day))).and_hms_opt(10, 0, 0).unwrap().and_utc();
        let mut d = CloseDecisions::default();
        d.key_results.insert("calls".into(), Decided::Carry);
        d.key_results.insert("deals".into(), Decided::Close);
        g.close_cycle("q4", Some("q1"), Revise::at(at), &d).unwrap();
        let expected = g.check_ins("calls").iter().rev().find(|c| c.at <= at).map_or(0.0, |c| match c.value {
            okr_core::CheckInValue::Value(v) => v,
            _ => unreachable!(),
        });
        prop_assert_eq!(&g.key_result("calls-q1").unwrap().measure, &numeric(expected, 200.0, ""));
    }
}

#[test]
fn work_of_an_abandoned_or_draft_objective_closes_unless_carried_explicitly() {
    let mut g = company();
    let abandon = okr_core::ObjectivePatch {
        state: Some(ObjectiveState::Abandoned),
        ..Default::default()
    };
    g.revise_objective("sales", abandon, Revise::at(t(12, 1)))
        .unwrap();
    let report = close(&mut g.clone(), &CloseDecisions::default()).unwrap();
    assert_eq!(report.closed_key_results, ["revenue", "deals", "calls"]);
    assert!(report.closed.carried.is_empty());
    // the abandoned objective keeps its state
    let mut d = CloseDecisions::default();
    d.key_results.insert("deals".into(), Decided::Carry);
    let report = close(&mut g, &d).unwrap();
    assert_eq!(report.closed_key_results, ["revenue", "calls"]);
    assert_eq!(
        g.objective("sales").unwrap().state,
        ObjectiveState::Abandoned
    );
    assert_eq!(
        g.objective("sales-q1").unwrap().state,
        ObjectiveState::Active
    );
}

#[test]
fn a_copy_is_aligned_under_the_copy_of_a_carried_parent() {
    let mut g = company();
    g.add_key_result(KeyResult::new(
        "nps",
        "NPS",
        "company",
        numeric(0.0, 50.0, ""),
    ))
    .unwrap();
    let report = close(&mut g, &CloseDecisions::default()).unwrap();
    let objectives: Vec<&str> = report
        .closed
        .carried
        .iter()
        .filter(|c| c.kind == "objective")
        .map(|c| c.to.as_str())
        .collect();
    assert_eq!(objectives, ["company-q1", "sales-q1"], "parents first");
    assert_eq!(g.parents_of("sales-q1"), vec![("company-q1", 2.0)]);
    assert!(g.parents_of("company-q1").is_empty());
}
