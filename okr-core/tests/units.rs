//! Nothing sums or compares values of different units silently (issue 20): a key result's
//! values stay in one unit across revisions, a scorecard does not call a change of unit a
//! lowered target, a chart never puts two units on one axis, a KPI's removed users agree with
//! its unit, and a drafted key result takes no baseline in another unit.

use chrono::{DateTime, NaiveDate, Utc};
use okr_core::analytics::ScorecardOptions;
use okr_core::{
    CheckIn, Cycle, KeyResult, Kpi, KpiHealth, KpiValue, Measure, Objective, OkrGraph, Owner,
    Revise, RollupConfig,
};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn at(m: u32, day: u32) -> DateTime<Utc> {
    d(m, day).and_hms_opt(9, 0, 0).unwrap().and_utc()
}

fn eur(start: f64, target: f64, unit: &str) -> Measure {
    Measure::Numeric {
        start,
        target,
        unit: unit.into(),
        direction: None,
    }
}

/// One objective in q4 with key result `revenue` (0 to 50,000 EUR).
fn graph() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    g.add_cycle(Cycle::new("q4", d(10, 1), d(12, 31))).unwrap();
    g.add_objective(Objective::new("grow", "Grow", "acme", "q4"))
        .unwrap();
    g.add_key_result(KeyResult::new(
        "revenue",
        "Revenue",
        "grow",
        eur(0.0, 50000.0, "EUR"),
    ))
    .unwrap();
    g
}

fn in_kilo(g: &OkrGraph) -> KeyResult {
    let mut kr = g.key_result("revenue").unwrap().clone();
    kr.measure = eur(0.0, 50.0, "kEUR");
    kr
}

#[test]
fn a_revision_does_not_change_the_unit_of_values_already_checked_in() {
    let mut g = graph();
    g.check_in("revenue", CheckIn::value(at(10, 20), 20000.0))
        .unwrap();
    let before = g.to_json();
    // 20,000 EUR would read as 20,000 kEUR against a target of 50 kEUR: refused
    g.set_clock(Some(Revise::on(d(11, 1))));
    let e = g.update_key_result(in_kilo(&g)).unwrap_err();
    assert_eq!(e.code(), "invalid_measure");
    assert_eq!(e.ids().collect::<Vec<_>>(), ["revenue"]);
    let text = e.to_string();
    assert!(
        text.contains("from \"EUR\" to \"kEUR\"") && text.contains("2026-10-20"),
        "{text}"
    );
    assert_eq!(g.to_json(), before, "nothing changed");
    // the target in the same unit may change; so may the unit of a key result with no value
    // checked in, or one with no unit declared before
    let mut kr = g.key_result("revenue").unwrap().clone();
    kr.measure = eur(0.0, 60000.0, "EUR");
    g.update_key_result(kr).unwrap();
    let mut fresh = graph();
    fresh.set_clock(Some(Revise::on(d(11, 1))));
    fresh.update_key_result(in_kilo(&fresh)).unwrap();
    let mut plain = graph();
    let mut kr = plain.key_result("revenue").unwrap().clone();
    kr.measure = eur(0.0, 50000.0, "");
    plain
        .add_key_result({
            let mut k = kr.clone();
            k.id = "plain".into();
            k
        })
        .unwrap();
    plain
        .check_in("plain", CheckIn::value(at(10, 20), 20000.0))
        .unwrap();
    plain.set_clock(Some(Revise::on(d(11, 1))));
    let mut declared = plain.key_result("plain").unwrap().clone();
    declared.measure = eur(0.0, 50000.0, "EUR");
    plain.update_key_result(declared).unwrap();
}

#[test]
fn a_check_in_in_a_unit_that_a_later_revision_changed_is_refused() {
    let mut g = graph();
    g.set_clock(Some(Revise::on(d(11, 1))));
    g.update_key_result(in_kilo(&g)).unwrap();
    // in October the unit was EUR: a value then cannot sit beside kEUR values
    let e = g
        .check_in("revenue", CheckIn::value(at(10, 20), 20000.0))
        .unwrap_err();
    assert_eq!(e.code(), "invalid_check_in");
    assert!(e.to_string().contains("its unit was \"EUR\""), "{e}");
    let e = g
        .check_in_many(vec![
            ("revenue".to_string(), CheckIn::value(at(11, 5), 20.0)),
            ("revenue".to_string(), CheckIn::value(at(10, 20), 20000.0)),
        ])
        .unwrap_err();
    assert_eq!(e.code(), "invalid_check_in");
    assert!(g.check_ins("revenue").is_empty());
    // after the change, in kEUR
    g.check_in("revenue", CheckIn::value(at(11, 5), 20.0))
        .unwrap();
    assert_eq!(
        g.rollup(d(11, 15)).key_result("revenue").unwrap().progress,
        Some(0.4)
    );
}

#[test]
fn a_document_whose_history_changes_the_unit_under_a_check_in_does_not_load() {
    let doc = r#"{"version": 2,
 "owners": [{"id": "acme", "name": "Acme", "kind": "organisation"}],
 "cycles": [{"id": "q4", "start": "2026-10-01", "end": "2026-12-31"}],
 "objectives": [{"id": "grow", "title": "Grow", "owner": "acme", "cycle": "q4",
   "key_results": [{"id": "revenue", "title": "Revenue",
     "measure": {"kind": "numeric", "start": 0, "target": 50000, "unit": "EUR"},
     "check_ins": [{"at": "2026-10-20", "value": 20000}]}]}],
 "history": [{"at": "2026-11-01", "key_result": "revenue",
   "set": {"measure": {"kind": "numeric", "start": 0, "target": 50, "unit": "kEUR"}}}]}"#;
    let e = okr_core::document::load_str(doc).unwrap_err();
    assert_eq!(e.code(), "document", "{e}");
    assert!(e.to_string().contains("its unit was \"EUR\""), "{e}");
    let problems = okr_core::document::check_str(doc);
    assert_eq!(problems.len(), 1, "{problems:?}");
    // the check-in after the change, in kEUR, loads
    let ok = doc.replace(
        r#"{"at": "2026-10-20", "value": 20000}"#,
        r#"{"at": "2026-11-20", "value": 20}"#,
    );
    let g = okr_core::document::load_str(&ok).unwrap();
    assert_eq!(
        g.rollup(d(11, 25)).key_result("revenue").unwrap().progress,
        Some(0.4)
    );
}

#[test]
fn a_change_of_unit_is_not_a_lowered_target() {
    let mut g = graph();
    g.set_clock(Some(Revise::on(d(10, 15)).by("anna")));
    g.update_key_result(in_kilo(&g)).unwrap();
    let cards = g
        .scorecards(d(11, 15), &ScorecardOptions::default())
        .unwrap();
    let lowered = cards[0].signal("target_lowered").unwrap();
    assert!(!lowered.raised, "{}", lowered.explanation);
    assert_eq!(lowered.value, Some(0.0));
    // a lower target in the same unit is one
    let mut kr = g.key_result("revenue").unwrap().clone();
    kr.measure = eur(0.0, 40.0, "kEUR");
    g.set_clock(Some(Revise::on(d(10, 20))));
    g.update_key_result(kr).unwrap();
    let cards = g
        .scorecards(d(11, 15), &ScorecardOptions::default())
        .unwrap();
    let lowered = cards[0].signal("target_lowered").unwrap();
    assert!(lowered.raised);
    assert!(
        lowered.explanation.contains("revenue 50 -> 40"),
        "{}",
        lowered.explanation
    );
}

#[test]
fn a_chart_never_puts_two_units_on_one_axis() {
    let mut g = graph();
    g.set_clock(Some(Revise::on(d(11, 1))));
    g.update_key_result(in_kilo(&g)).unwrap();
    g.check_in("revenue", CheckIn::value(at(11, 5), 20.0))
        .unwrap();
    let cfg = RollupConfig::default();
    // October (EUR) and November (kEUR) in one range: progress, which has no unit
    let svg = g.chart_svg("revenue", None, None, &cfg).unwrap();
    assert!(svg.contains("]: progress from 2026-10-01"), "{svg}");
    // November on: values, in kEUR
    let svg = g
        .chart_svg("revenue", Some(d(11, 1)), Some(d(12, 31)), &cfg)
        .unwrap();
    assert!(svg.contains("]: value from 2026-11-01"), "{svg}");
    assert!(svg.contains("kEUR"), "{svg}");
}

#[test]
fn a_kpi_keeps_the_unit_of_the_removed_key_results_that_took_its_values() {
    let mut g = graph();
    g.add_kpi(
        Kpi::new("sales", "Sales", KpiHealth::Increase {})
            .with_unit("EUR")
            .with_owner("acme"),
    )
    .unwrap();
    let mut kr = KeyResult::new("fed", "Fed", "grow", eur(0.0, 100.0, "EUR"));
    kr.kpi = Some("sales".into());
    g.add_key_result(kr).unwrap();
    g.record_kpi_value("sales", KpiValue::new(at(10, 10), 30.0))
        .unwrap();
    // with a user in EUR the unit cannot change
    let mut kilo = g.kpi("sales").unwrap().clone();
    kilo.unit = "kEUR".into();
    let e = g.update_kpi(kilo.clone()).unwrap_err();
    assert_eq!(e.code(), "unit_mismatch");
    // removed in November, it still takes the KPI's values for October: the unit stays
    g.set_clock(Some(Revise::on(d(11, 1))));
    g.remove_key_result("fed").unwrap();
    let before = g.to_json();
    let e = g.update_kpi(kilo).unwrap_err();
    assert_eq!(e.code(), "unit_mismatch");
    assert_eq!(e.ids().collect::<Vec<_>>(), ["fed", "sales"]);
    assert_eq!(g.to_json(), before);
    assert_eq!(
        g.rollup(d(10, 15)).key_result("fed").unwrap().value,
        Some(30.0)
    );
}
