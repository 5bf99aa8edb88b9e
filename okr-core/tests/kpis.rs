//! KPIs: health rules, monthly targets, values across cycles, typed errors that change nothing,
//! key results that take their values from a KPI (units agree; no own check-ins; incremental
//! rollups stay equal to a fresh one), documents that keep all of it.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use okr_core::{
    CheckIn, Cycle, EntityKind, Health, KeyResult, Kpi, KpiHealth, KpiValue, Measure, Objective,
    OkrError, OkrGraph, Owner, Trend,
};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(y: i32, m: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, 12, 0, 0).unwrap()
}

fn graph() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    g.add_cycle(Cycle::new("q3", d(2026, 7, 1), d(2026, 9, 30)))
        .unwrap();
    g.add_cycle(Cycle::new("q4", d(2026, 10, 1), d(2026, 12, 31)))
        .unwrap();
    g.add_objective(Objective::new("happy", "Happy customers", "acme", "q4"))
        .unwrap();
    g
}

fn csat() -> Kpi {
    Kpi::new(
        "csat",
        "Customer satisfaction",
        KpiHealth::AtOrAbove { value: 90.0 },
    )
    .with_unit("%")
    .with_owner("acme")
    .with_target("2026-11", 92.0)
}

fn numeric(id: &str, start: f64, target: f64, unit: &str) -> KeyResult {
    KeyResult::new(
        id,
        id,
        "happy",
        Measure::Numeric {
            start,
            target,
            unit: unit.into(),
            direction: None,
        },
    )
}

#[test]
fn a_threshold_with_a_monthly_target() {
    let mut g = graph();
    g.add_kpi(csat()).unwrap();
    // out of order: kept sorted
    g.record_kpi_value("csat", KpiValue::new(at(2026, 10, 5), 91.0))
        .unwrap();
    g.record_kpi_value("csat", KpiValue::new(at(2026, 9, 5), 93.0))
        .unwrap();
    g.record_kpi_value(
        "csat",
        KpiValue::new(at(2026, 11, 5), 91.5).with_note("survey"),
    )
    .unwrap();
    let values: Vec<f64> = g
        .kpi("csat")
        .unwrap()
        .values
        .iter()
        .map(|v| v.value)
        .collect();
    assert_eq!(values, [93.0, 91.0, 91.5]);

    let before = &g.kpi_health(d(2026, 8, 31))[0];
    assert_eq!(before.health, Health::NoData);
    assert_eq!(before.value, None);
    assert_eq!(before.target, Some(90.0));

    // October: no monthly target, the threshold 90 holds
    let oct = &g.kpi_health(d(2026, 10, 20))[0];
    assert_eq!((oct.value, oct.previous), (Some(91.0), Some(93.0)));
    assert_eq!(oct.trend, Some(Trend::Down));
    assert_eq!(oct.target, Some(90.0));
    assert_eq!(oct.health, Health::Healthy);
    assert_eq!(oct.at, Some(at(2026, 10, 5)));

    // November's target is 92: 91.5 misses it
    let nov = &g.kpi_health(d(2026, 11, 20))[0];
    assert_eq!(nov.target, Some(92.0));
    assert_eq!(nov.trend, Some(Trend::Up));
    assert_eq!(nov.health, Health::Unhealthy);
    assert_eq!((nov.unit.as_str(), nov.kind), ("%", "at_or_above"));
}

#[test]
fn directions_and_bands() {
    let mut g = graph();
    g.add_kpi(Kpi::new("churn", "Churn", KpiHealth::Decrease {}).with_target("2026-12", 2.0))
        .unwrap();
    g.add_kpi(Kpi::new(
        "nps",
        "NPS",
        KpiHealth::Between {
            min: 30.0,
            max: 60.0,
        },
    ))
    .unwrap();
    g.record_kpi_value("churn", KpiValue::new(at(2026, 10, 1), 3.0))
        .unwrap();
    // a single value, no target: no trend yet
    let s = &g.kpi_health(d(2026, 10, 2))[0];
    assert_eq!((s.health, s.trend), (Health::NoData, None));
    g.record_kpi_value("churn", KpiValue::new(at(2026, 11, 1), 2.5))
        .unwrap();
    // falling: healthy
    assert_eq!(g.kpi_health(d(2026, 11, 2))[0].health, Health::Healthy);
    // December's target 2 is not met by 2.5, though the trend was right
    let dec = &g.kpi_health(d(2026, 12, 2))[0];
    assert_eq!((dec.target, dec.health), (Some(2.0), Health::Unhealthy));
    g.record_kpi_value("churn", KpiValue::new(at(2026, 12, 1), 2.5))
        .unwrap();
    g.record_kpi_value("churn", KpiValue::new(at(2026, 12, 10), 2.6))
        .unwrap();
    let s = &g.kpi_health(d(2027, 1, 2))[0];
    assert_eq!((s.trend, s.health), (Some(Trend::Up), Health::Unhealthy));

    for (v, health) in [
        (29.9, Health::Unhealthy),
        (30.0, Health::Healthy),
        (60.0, Health::Healthy),
        (61.0, Health::Unhealthy),
    ] {
        let mut g = g.clone();
        g.record_kpi_value("nps", KpiValue::new(at(2026, 11, 1), v))
            .unwrap();
        let s = &g.kpi_health(d(2026, 11, 2))[1];
        assert_eq!(
            (s.min, s.max, s.health),
            (Some(30.0), Some(60.0), health),
            "{v}"
        );
    }
}

#[test]
fn bad_kpis_are_typed_errors_that_change_nothing() {
    let mut g = graph();
    g.add_kpi(csat()).unwrap();
    let before = g.to_json();
    let field = |e: OkrError| match e {
        OkrError::InvalidValue { field, .. } => field,
        e => panic!("{e}"),
    };
    let bad = |k: Kpi| k;
    let cases = [
        (
            bad(Kpi::new("x", "X", KpiHealth::AtOrAbove { value: f64::NAN })),
            "health.value of KPI \"x\"",
        ),
        (
            bad(Kpi::new(
                "x",
                "X",
                KpiHealth::Between { min: 2.0, max: 1.0 },
            )),
            "health of KPI \"x\"",
        ),
        (
            bad(
                Kpi::new("x", "X", KpiHealth::Between { min: 1.0, max: 2.0 })
                    .with_target("2026-01", 1.5),
            ),
            "targets of KPI \"x\"",
        ),
        (
            bad(Kpi::new("x", "X", KpiHealth::Increase {}).with_target("2026-13", 1.0)),
            "targets[0].month of KPI \"x\"",
        ),
        (
            bad(Kpi::new("x", "X", KpiHealth::Increase {})
                .with_target("2026-02", 1.0)
                .with_target("2026-02", 2.0)),
            "targets[1].month of KPI \"x\"",
        ),
        (
            bad(Kpi::new("x", "X", KpiHealth::Increase {}).with_target("2026-02", f64::INFINITY)),
            "targets[0].value of KPI \"x\"",
        ),
        (
            bad(Kpi::new(" ", "X", KpiHealth::Increase {})),
            "id of KPI \" \"",
        ),
    ];
    for (k, want) in cases {
        assert_eq!(field(g.add_kpi(k).unwrap_err()), want);
    }
    let mut k = Kpi::new("x", "X", KpiHealth::Increase {});
    k.values.push(KpiValue::new(at(2026, 1, 1), f64::NAN));
    assert_eq!(
        field(g.add_kpi(k).unwrap_err()),
        "values[0].value of KPI \"x\""
    );

    let e = g
        .add_kpi(Kpi::new("happy", "X", KpiHealth::Increase {}))
        .unwrap_err();
    assert!(
        matches!(
            e,
            OkrError::DuplicateId {
                kind: EntityKind::Kpi,
                existing: EntityKind::Objective,
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(
        e.to_string(),
        "duplicate KPI id \"happy\": already the id of an objective"
    );
    let e = g
        .add_objective(Objective::new("csat", "X", "acme", "q4"))
        .unwrap_err();
    assert!(
        matches!(
            e,
            OkrError::DuplicateId {
                existing: EntityKind::Kpi,
                ..
            }
        ),
        "{e}"
    );
    let e = g.add_kpi(csat().with_owner("nobody")).unwrap_err();
    assert_eq!(
        e,
        OkrError::UnknownId {
            kind: EntityKind::Owner,
            id: "nobody".into()
        }
    );
    let e = g
        .record_kpi_value("nope", KpiValue::new(at(2026, 1, 1), 1.0))
        .unwrap_err();
    assert_eq!(
        e,
        OkrError::UnknownId {
            kind: EntityKind::Kpi,
            id: "nope".into()
        }
    );
    assert_eq!(e.to_string(), "unknown KPI \"nope\"");
    let e = g
        .record_kpi_value("csat", KpiValue::new(at(2026, 1, 1), f64::INFINITY))
        .unwrap_err();
    assert_eq!(field(e), "value.value of KPI \"csat\"");
    let e = g.remove_owner("acme").unwrap_err();
    assert_eq!(e.code(), "in_use");
    assert_eq!(g.to_json(), before, "nothing changed");

    assert_eq!(g.remove_kpi("csat").unwrap().id, "csat");
    assert!(g.kpi("csat").is_none());
}

#[test]
fn a_key_result_takes_its_values_from_a_kpi() {
    let mut g = graph();
    g.add_kpi(csat()).unwrap();
    g.record_kpi_value("csat", KpiValue::new(at(2026, 9, 30), 88.0))
        .unwrap();
    g.add_key_result(numeric("kr-csat", 88.0, 95.0, "%").with_kpi("csat"))
        .unwrap();
    g.add_key_result(numeric("other", 0.0, 10.0, "")).unwrap();
    // its check-ins are the KPI's values, the one before it was added included
    assert_eq!(g.check_ins("kr-csat").len(), 1);
    let as_of = d(2026, 11, 15);
    let mut rollup = g.rollup(as_of);
    g.record_kpi_value(
        "csat",
        KpiValue::new(at(2026, 11, 1), 91.5).with_note("survey"),
    )
    .unwrap();
    assert_eq!(g.check_ins("kr-csat")[1].note.as_deref(), Some("survey"));
    rollup.refresh_key_result(&g, "kr-csat").unwrap();
    let fresh = g.rollup(as_of);
    let kr = rollup.key_result("kr-csat").unwrap();
    assert_eq!(kr.progress, fresh.key_result("kr-csat").unwrap().progress);
    assert!((kr.progress.unwrap() - 0.5).abs() < 1e-9);
    assert_eq!(
        rollup.objective("happy").unwrap().progress,
        fresh.objective("happy").unwrap().progress
    );
    assert_eq!(g.key_results_of_kpi("csat")[0].id, "kr-csat");

    // no check-ins of its own
    let before = g.to_json();
    let e = g
        .check_in("kr-csat", CheckIn::value(at(2026, 11, 2), 93.0))
        .unwrap_err();
    assert_eq!(e.code(), "invalid_check_in");
    assert!(
        e.to_string().contains("takes its values from KPI \"csat\""),
        "{e}"
    );
    // units agree
    let e = g
        .add_key_result(numeric("eur", 0.0, 10.0, "EUR").with_kpi("csat"))
        .unwrap_err();
    assert_eq!(
        e,
        OkrError::UnitMismatch {
            id: "eur".into(),
            unit: "EUR".into(),
            other: "csat".into(),
            other_unit: "%".into()
        }
    );
    assert_eq!(e.ids().collect::<Vec<_>>(), ["eur", "csat"]);
    assert_eq!(
        e.to_string(),
        "unit mismatch: \"eur\" is in \"EUR\" but \"csat\" is in \"%\""
    );
    let e = g
        .add_key_result(KeyResult::new("b", "b", "happy", Measure::Boolean).with_kpi("csat"))
        .unwrap_err();
    assert_eq!(e.code(), "invalid_measure");
    let e = g
        .add_key_result(numeric("u", 0.0, 1.0, "%").with_kpi("nope"))
        .unwrap_err();
    assert_eq!(
        e,
        OkrError::UnknownId {
            kind: EntityKind::Kpi,
            id: "nope".into()
        }
    );
    let e = g.update_kpi(csat().with_unit("pts")).unwrap_err();
    assert_eq!(e.code(), "unit_mismatch");
    let e = g.remove_kpi("csat").unwrap_err();
    assert_eq!(e.code(), "in_use");
    g.set_clock(Some(okr_core::Revise::on(d(2026, 11, 20))));
    let e = g
        .update_key_result(numeric("kr-csat", 88.0, 95.0, "%"))
        .unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    let e = g
        .update_key_result(numeric("kr-csat", 88.0, 95.0, "pts").with_kpi("csat"))
        .unwrap_err();
    assert_eq!(e.code(), "unit_mismatch");
    g.set_clock(None);
    assert_eq!(g.to_json(), before, "nothing changed");

    // a live rollup follows the KPI's values
    let mut live = okr_core::LiveRollup::new(g.clone(), as_of).unwrap();
    live.record_kpi_value("csat", KpiValue::new(at(2026, 11, 14), 94.0))
        .unwrap();
    let fresh = live.graph().rollup(as_of);
    assert_eq!(
        live.rollup().key_result("kr-csat").unwrap().progress,
        fresh.key_result("kr-csat").unwrap().progress
    );
    assert_eq!(
        live.rollup().objective("happy").unwrap().progress,
        fresh.objective("happy").unwrap().progress
    );
    assert!(
        live.record_kpi_value("nope", KpiValue::new(at(2026, 11, 14), 1.0))
            .is_err()
    );

    // replacing the KPI's values replaces the key result's check-ins
    let mut k = g.kpi("csat").unwrap().clone();
    k.values.truncate(1);
    let mut rollup = g.rollup(as_of);
    g.update_kpi(k).unwrap();
    assert_eq!(g.check_ins("kr-csat").len(), 1);
    rollup.refresh_key_result(&g, "kr-csat").unwrap();
    assert_eq!(
        rollup.key_result("kr-csat").unwrap().progress,
        g.rollup(as_of).key_result("kr-csat").unwrap().progress
    );
}

#[test]
fn documents_keep_kpis_and_make_the_check_ins_again() {
    let mut g = graph();
    g.add_kpi(csat()).unwrap();
    for (m, v) in [(7, 89.0), (8, 90.5), (9, 92.0), (10, 91.0)] {
        g.record_kpi_value("csat", KpiValue::new(at(2026, m, 28), v))
            .unwrap();
    }
    g.add_key_result(numeric("kr-csat", 88.0, 95.0, "%").with_kpi("csat"))
        .unwrap();
    let json = g.to_json();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        doc["kpis"][0]["health"],
        serde_json::json!({"kind": "at_or_above", "value": 90.0})
    );
    assert_eq!(doc["kpis"][0]["targets"][0]["month"], "2026-11");
    let kr = &doc["objectives"][0]["key_results"][0];
    assert_eq!(kr["kpi"], "csat");
    assert!(
        kr.get("check_ins").is_none(),
        "the KPI's values are not written twice"
    );
    let g2 = OkrGraph::from_json(&json).unwrap();
    assert_eq!(g2.to_json(), json);
    assert_eq!(g2.check_ins("kr-csat"), g.check_ins("kr-csat"));
    assert_eq!(g2.kpi_health(d(2026, 11, 1)), g.kpi_health(d(2026, 11, 1)));

    // check-ins written under it are refused at their path
    let bad = json.replacen(
        "\"kpi\": \"csat\"",
        "\"kpi\": \"csat\", \"check_ins\": [{\"at\": \"2026-11-01\", \"value\": 90}]",
        1,
    );
    let e = OkrGraph::from_json(&bad).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("objectives[0].key_results[0].check_ins[0]: invalid check-in"),
        "{e}"
    );
    // the KPI's own problems at theirs
    let bad = json.replacen("\"2026-11\"", "\"2026-1\"", 1);
    let e = OkrGraph::from_json(&bad).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("kpis[0].targets[0].month: invalid value"),
        "{e}"
    );
    let bad = json.replacen("\"kpi\": \"csat\"", "\"kpi\": \"nps\"", 1);
    let e = OkrGraph::from_json(&bad).unwrap_err();
    assert_eq!(
        e.to_string(),
        "objectives[0].key_results[0].kpi: unknown KPI \"nps\""
    );
    let bad = json.replacen(
        "\"unit\": \"%\",\n      \"health\"",
        "\"unit\": \"pts\",\n      \"health\"",
        1,
    );
    assert_ne!(bad, json);
    let e = OkrGraph::from_json(&bad).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("objectives[0].key_results[0].kpi: unit mismatch"),
        "{e}"
    );
    // one space of ids: the place of the KPI that has it
    let bad = json.replacen("\"id\": \"csat\"", "\"id\": \"happy\"", 1);
    let problems = okr_core::document::check_str(&bad);
    assert!(
        problems.iter().any(|p| p.path == "objectives[0].id"
            && p.message
                == "duplicate objective id \"happy\": already the id of the KPI at kpis[0]"),
        "{problems:?}"
    );
    let twice = json.replacen(
        "\"kpis\": [",
        "\"kpis\": [{\"id\": \"csat\", \"name\": \"x\", \"health\": {\"kind\": \"increase\"}},",
        1,
    );
    let problems = okr_core::document::check_str(&twice);
    assert_eq!(problems[0].path, "kpis[1].id", "{problems:?}");
    assert_eq!(problems[0].code, "duplicate_id");
    let bad = json.replacen("\"version\": 2", "\"version\": 1", 1);
    let e = OkrGraph::from_json(&bad).unwrap_err();
    assert_eq!(e.to_string(), "kpis: `kpis` needs version 2");
    let limits = okr_core::document::Limits {
        max_kpis: 0,
        ..Default::default()
    };
    let e = okr_core::document::load_str_with(&json, &limits).unwrap_err();
    assert_eq!(e.code(), "limit_exceeded");
    let limits = okr_core::document::Limits {
        max_check_ins_per_key_result: 3,
        ..Default::default()
    };
    let e = okr_core::document::load_str_with(&json, &limits).unwrap_err();
    assert!(
        e.to_string().contains("KPI values at kpis[0].values"),
        "{e}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Values recorded in any order: the KPI's values and its key result's check-ins agree,
    /// sorted stably by time; the health at every as-of reads the latest value at or before
    /// it; an incremental rollup equals a fresh one; the document round-trips.
    #[test]
    fn values_in_any_order(values in proptest::collection::vec((0u32..60, -50i32..150), 1..20), probe in 0u32..70) {
        let mut g = graph();
        g.add_kpi(Kpi::new("k", "K", KpiHealth::Increase {}).with_unit("u")).unwrap();
        g.add_key_result(numeric("kr", 0.0, 100.0, "u").with_kpi("k")).unwrap();
        let as_of = d(2026, 10, 1) + chrono::Duration::days(i64::from(probe));
        let mut rollup = g.rollup(as_of);
        let base = at(2026, 10, 1);
        let mut model: Vec<(DateTime<Utc>, f64)> = Vec::new();
        for (day, v) in &values {
            let t = base + chrono::Duration::days(i64::from(*day));
            g.record_kpi_value("k", KpiValue::new(t, f64::from(*v))).unwrap();
            let pos = model.partition_point(|(a, _)| *a <= t);
            model.insert(pos, (t, f64::from(*v)));
            rollup.refresh_key_result(&g, "kr").unwrap();
        }
        let kpi: Vec<(DateTime<Utc>, f64)> = g.kpi("k").unwrap().values.iter().map(|v| (v.at, v.value)).collect();
        prop_assert_eq!(&kpi, &model);
        let checks: Vec<DateTime<Utc>> = g.check_ins("kr").iter().map(|c| c.at).collect();
        prop_assert_eq!(checks, model.iter().map(|m| m.0).collect::<Vec<_>>());
        let s = &g.kpi_health(as_of)[0];
        let seen: Vec<f64> = model.iter().filter(|(t, _)| *t <= as_of.and_hms_opt(23, 59, 59).unwrap().and_utc()).map(|m| m.1).collect();
        prop_assert_eq!(s.value, seen.last().copied());
        prop_assert_eq!(s.previous, seen.len().checked_sub(2).map(|i| seen[i]));
        let fresh = g.rollup(as_of);
        prop_assert_eq!(rollup.key_result("kr").unwrap().progress, fresh.key_result("kr").unwrap().progress);
        prop_assert_eq!(rollup.objective("happy").unwrap().progress, fresh.objective("happy").unwrap().progress);
        let json = g.to_json();
        let g2 = OkrGraph::from_json(&json).unwrap();
        prop_assert_eq!(g2.to_json(), json);
        prop_assert_eq!(g2.check_ins("kr"), g.check_ins("kr"));
    }
}

#[test]
fn a_carried_key_result_goes_on_taking_values_from_its_kpi() {
    let mut g = graph();
    g.add_cycle(Cycle::new("q1", d(2027, 1, 1), d(2027, 3, 31)))
        .unwrap();
    g.add_kpi(csat()).unwrap();
    g.add_key_result(numeric("kr-csat", 88.0, 95.0, "%").with_kpi("csat"))
        .unwrap();
    g.record_kpi_value("csat", KpiValue::new(at(2026, 11, 1), 91.0))
        .unwrap();
    let report = g
        .close_cycle(
            "q4",
            Some("q1"),
            okr_core::Revise::at(at(2027, 1, 5)),
            &Default::default(),
        )
        .unwrap();
    let copy = g
        .key_results()
        .find(|k| k.id != "kr-csat" && k.kpi.as_deref() == Some("csat"))
        .map(|k| k.id.clone())
        .unwrap_or_else(|| panic!("carried: {report:?}"));
    // its baseline is the last value, and the KPI's values are its check-ins
    assert_eq!(g.check_ins(&copy).len(), 1);
    // a KPI value is a check-in of both, the closed cycle's included (its frozen score stays)
    g.record_kpi_value("csat", KpiValue::new(at(2027, 2, 1), 93.0))
        .unwrap();
    assert_eq!(g.check_ins(&copy).len(), 2);
    assert_eq!(g.check_ins("kr-csat").len(), 2);
    let json = g.to_json();
    let g2 = OkrGraph::from_json(&json).unwrap();
    assert_eq!(g2.to_json(), json);
    assert_eq!(g2.check_ins(&copy), g.check_ins(&copy));
    let as_of = d(2027, 2, 15);
    assert_eq!(
        g2.rollup(as_of).key_result(&copy).unwrap().progress,
        g.rollup(as_of).key_result(&copy).unwrap().progress
    );
}

#[test]
fn a_removed_key_result_keeps_the_kpis_values_as_loading_gives_them() {
    let mut g = graph();
    g.add_kpi(csat()).unwrap();
    g.add_key_result(numeric("kr-csat", 88.0, 95.0, "%").with_kpi("csat"))
        .unwrap();
    g.record_kpi_value("csat", KpiValue::new(at(2026, 10, 1), 89.0))
        .unwrap();
    g.remove_key_result_at("kr-csat", okr_core::Revise::on(d(2026, 11, 20)))
        .unwrap();
    // recorded after the removal, dated before it
    g.record_kpi_value("csat", KpiValue::new(at(2026, 11, 1), 93.0))
        .unwrap();
    let json = g.to_json();
    let g2 = OkrGraph::from_json(&json).unwrap();
    assert_eq!(g2.to_json(), json);
    let as_of = d(2026, 11, 10);
    let (r1, r2) = (g.rollup(as_of), g2.rollup(as_of));
    let p = r1.key_result("kr-csat").unwrap().progress;
    assert_eq!(p, r2.key_result("kr-csat").unwrap().progress);
    assert!((p.unwrap() - 5.0 / 7.0).abs() < 1e-9, "{p:?}");
    // and it cannot be removed while a removed key result names it
    assert_eq!(g.remove_kpi("csat").unwrap_err().code(), "in_use");
}
