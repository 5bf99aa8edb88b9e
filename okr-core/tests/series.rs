//! `OkrGraph::series` against its definition: at every date of the range, each node's figures
//! are those of a fresh `OkrGraph::rollup` at the end of that day, on the model as it stood
//! then. Random check-in histories on a small company with every kind of key result (a plan,
//! a due date, a threshold, a boolean, milestones, a manual override), and random revisions
//! inside the range (targets, weights, links, key results added and removed).

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

use chrono::{DateTime, Days, NaiveDate, Utc};
use okr_core::analytics::{MAX_SERIES_DAYS, MAX_SERIES_ENTRIES, Series};
use okr_core::{
    Bound, CheckIn, CheckInValue, Cycle, KeyResult, KeyResultPatch, ManualOverride, Measure,
    Milestone, Objective, OkrGraph, Owner, PlanPoint, Revise, RollupConfig,
};
use proptest::prelude::*;

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 1)
        .unwrap()
        .checked_add_days(Days::new(n))
        .unwrap()
}

fn at(n: u64, hour: u32) -> DateTime<Utc> {
    day(n).and_hms_opt(hour, 0, 0).unwrap().and_utc()
}

const KRS: [&str; 6] = ["k0", "k1", "k2", "k3", "k4", "k5"];

fn company() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    g.add_cycle(Cycle::new("q4", day(0), day(91))).unwrap();
    g.add_cycle(Cycle::new("nov", day(31), day(60))).unwrap();
    for (id, cycle) in [("o0", "q4"), ("o1", "q4"), ("o2", "nov"), ("o3", "q4")] {
        g.add_objective(Objective::new(id, format!("Objective {id}"), "acme", cycle))
            .unwrap();
    }
    g.link("o1", "o0", 1.0).unwrap();
    g.link("o2", "o0", 2.0).unwrap();
    g.link("o3", "o1", 1.0).unwrap();
    let mut k0 = KeyResult::new("k0", "Up", "o1", Measure::numeric(0.0, 100.0));
    k0.plan = vec![PlanPoint::new(day(30), 10.0), PlanPoint::new(day(60), 70.0)];
    g.add_key_result(k0).unwrap();
    let mut k1 = KeyResult::new("k1", "Down", "o1", Measure::numeric(50.0, 10.0));
    k1.due = Some(day(45));
    g.add_key_result(k1).unwrap();
    g.add_key_result(KeyResult::new(
        "k2",
        "Threshold",
        "o2",
        Measure::Threshold {
            bound: Bound::AtOrAbove,
            value: 20.0,
            unit: "x".into(),
            start: Some(5.0),
        },
    ))
    .unwrap();
    g.add_key_result(KeyResult::new("k3", "Bool", "o3", Measure::Boolean))
        .unwrap();
    g.add_key_result(KeyResult::new(
        "k4",
        "Steps",
        "o3",
        Measure::Milestones {
            milestones: vec![
                Milestone {
                    name: "a".into(),
                    weight: 1.0,
                },
                Milestone {
                    name: "b".into(),
                    weight: 3.0,
                },
            ],
        },
    ))
    .unwrap();
    let mut k5 = KeyResult::new("k5", "By hand", "o0", Measure::numeric(0.0, 10.0));
    k5.r#override = Some(ManualOverride::new(0.4));
    g.add_key_result(k5).unwrap();
    g
}

#[derive(Debug, Clone)]
enum Op {
    CheckIn {
        kr: usize,
        day: u64,
        hour: u32,
        value: f64,
        confidence: Option<f64>,
    },
    Target {
        kr: usize,
        day: u64,
        target: f64,
    },
    Weight {
        kr: usize,
        day: u64,
        weight: f64,
    },
    LinkWeight {
        day: u64,
        weight: f64,
    },
    Unlink {
        day: u64,
    },
    Remove {
        kr: usize,
        day: u64,
    },
    Add {
        day: u64,
        value: f64,
    },
}

impl Op {
    fn day(&self) -> u64 {
        match *self {
            Op::CheckIn { day, .. }
            | Op::Target { day, .. }
            | Op::Weight { day, .. }
            | Op::LinkWeight { day, .. }
            | Op::Unlink { day }
            | Op::Remove { day, .. }
            | Op::Add { day, .. } => day,
        }
    }
}

fn op() -> impl Strategy<Value = Op> {
    let kr = 0..KRS.len();
    let d = 0u64..100;
    prop_oneof![
        6 => (kr.clone(), d.clone(), 0u32..24, -20.0f64..120.0, proptest::option::of(0.0f64..=1.0))
            .prop_map(|(kr, day, hour, value, confidence)| Op::CheckIn { kr, day, hour, value, confidence }),
        1 => (kr.clone(), d.clone(), 1.0f64..200.0).prop_map(|(kr, day, target)| Op::Target { kr, day, target }),
        1 => (kr.clone(), d.clone(), 0.0f64..3.0).prop_map(|(kr, day, weight)| Op::Weight { kr, day, weight }),
        1 => (d.clone(), 0.0f64..3.0).prop_map(|(day, weight)| Op::LinkWeight { day, weight }),
        1 => d.clone().prop_map(|day| Op::Unlink { day }),
        1 => (kr, d.clone()).prop_map(|(kr, day)| Op::Remove { kr, day }),
        1 => (d, 0.0f64..50.0).prop_map(|(day, value)| Op::Add { day, value }),
    ]
}

/// The check-in value `v` as the key result's current measure takes it.
fn value_for(g: &OkrGraph, kr: &str, v: f64) -> Option<CheckInValue> {
    Some(match &g.key_result(kr)?.measure {
        Measure::Numeric { .. } | Measure::Threshold { .. } => CheckInValue::Value(v),
        Measure::Boolean => CheckInValue::Done(v > 50.0),
        Measure::Milestones { .. } => CheckInValue::Milestones(if v > 80.0 {
            vec!["a".into(), "b".into()]
        } else if v > 30.0 {
            vec!["a".into()]
        } else {
            vec![]
        }),
        // takes no check-ins
        Measure::Aggregate { .. } => return None,
    })
}

/// The company with `ops` applied: revisions in time order, check-ins as given; a change the
/// graph refuses is skipped (and changes nothing).
fn build(mut ops: Vec<Op>) -> OkrGraph {
    let mut g = company();
    ops.sort_by_key(Op::day);
    let mut added = 0;
    for op in ops {
        let _ = match op {
            Op::CheckIn {
                kr,
                day,
                hour,
                value,
                confidence,
            } => {
                let id = KRS[kr];
                match value_for(&g, id, value) {
                    Some(v) => {
                        let mut c = CheckIn::value(at(day, hour), 0.0);
                        c.value = v;
                        c.confidence = confidence;
                        g.check_in(id, c)
                    }
                    None => Ok(()),
                }
            }
            Op::Target { kr, day, target } => g.revise_key_result(
                KRS[kr],
                KeyResultPatch {
                    measure: Some(Measure::numeric(0.0, target)),
                    plan: Some(vec![]),
                    ..Default::default()
                },
                Revise::on(day_n(day)),
            ),
            Op::Weight { kr, day, weight } => g.revise_key_result(
                KRS[kr],
                KeyResultPatch {
                    weight: Some(weight),
                    ..Default::default()
                },
                Revise::on(day_n(day)),
            ),
            Op::LinkWeight { day, weight } => {
                g.set_link_weight_at("o2", "o0", weight, Revise::on(day_n(day)))
            }
            Op::Unlink { day } => g.unlink_at("o3", "o1", Revise::on(day_n(day))),
            Op::Remove { kr, day } => g
                .remove_key_result_at(KRS[kr], Revise::on(day_n(day)))
                .map(drop),
            Op::Add { day, value } => {
                added += 1;
                let id = format!("new{added}");
                let r = g.add_key_result_at(
                    KeyResult::new(id.clone(), "New", "o2", Measure::numeric(0.0, 50.0)),
                    Revise::on(day_n(day)),
                );
                if r.is_ok() {
                    let _ = g.check_in(&id, CheckIn::value(at(day + 1, 3), value));
                }
                r
            }
        };
    }
    g
}

fn day_n(n: u64) -> NaiveDate {
    day(n)
}

/// Every figure of the series equals the fresh rollup's at its date; a node missing from the
/// rollup is all `None` at that date; every node of every rollup is in the series.
fn check(g: &OkrGraph, s: &Series, ids: Option<&[&str]>) -> Result<(), TestCaseError> {
    for (i, &date) in s.dates.iter().enumerate() {
        let r = g.rollup(date);
        for n in &s.nodes {
            match r.get(&n.id) {
                Some(row) => {
                    let v = row.values;
                    prop_assert_eq!(n.kind, row.kind);
                    prop_assert_eq!(
                        n.value[i].map(f64::to_bits),
                        v.value.map(f64::to_bits),
                        "{} {}",
                        n.id,
                        date
                    );
                    prop_assert_eq!(
                        n.progress[i].map(f64::to_bits),
                        v.progress.map(f64::to_bits),
                        "{} {}",
                        n.id,
                        date
                    );
                    prop_assert_eq!(
                        n.attainment[i].map(f64::to_bits),
                        v.attainment.map(f64::to_bits)
                    );
                    prop_assert_eq!(n.expected[i].map(f64::to_bits), Some(v.expected.to_bits()));
                    prop_assert_eq!(
                        n.planned_value[i].map(f64::to_bits),
                        v.planned_value.map(f64::to_bits)
                    );
                    prop_assert_eq!(n.status[i], Some(v.status), "{} {}", n.id, date);
                }
                None => {
                    prop_assert!(!n.exists_at(i));
                    prop_assert_eq!(n.value[i], None);
                    prop_assert_eq!(n.progress[i], None);
                    prop_assert_eq!(n.expected[i], None);
                }
            }
        }
        if ids.is_none() {
            for row in r.nodes() {
                prop_assert!(s.nodes.iter().any(|n| n.id == row.id), "{} missing", row.id);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn series_equals_a_rollup_at_every_date(
        ops in proptest::collection::vec(op(), 0..40),
        from in 0u64..95,
        len in 0u64..40,
    ) {
        let g = build(ops);
        let (from, to) = (day(from.saturating_sub(5)), day(from + len));
        let s = g.series(from, to, None, &RollupConfig::default()).unwrap();
        prop_assert_eq!(s.dates.len() as u64, (to - from).num_days() as u64 + 1);
        prop_assert_eq!(s.dates.first(), Some(&from));
        prop_assert_eq!(s.dates.last(), Some(&to));
        for n in &s.nodes {
            for col in [&n.value, &n.progress, &n.attainment, &n.expected, &n.planned_value] {
                prop_assert_eq!(col.len(), s.dates.len());
            }
            prop_assert_eq!(n.status.len(), s.dates.len());
            prop_assert!(n.status.iter().any(Option::is_some), "{} never exists", n.id);
        }
        check(&g, &s, None)?;

        // restricted to some ids, in the order asked: the same columns
        let ids: Vec<&str> = ["k2", "o0", "k0"].into_iter().filter(|id| s.nodes.iter().any(|n| n.id == *id)).collect();
        let some = g.series(from, to, Some(&ids), &RollupConfig::default()).unwrap();
        prop_assert_eq!(some.nodes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), ids.clone());
        for n in &some.nodes {
            let full = s.nodes.iter().find(|m| m.id == n.id).unwrap();
            prop_assert_eq!(n, full);
        }
        check(&g, &some, Some(&ids))?;
    }
}

#[test]
fn a_revision_inside_the_range_shows_from_its_date() {
    let mut g = company();
    g.check_in("k1", CheckIn::value(at(10, 9), 30.0)).unwrap();
    g.revise_key_result(
        "k1",
        KeyResultPatch {
            measure: Some(Measure::numeric(50.0, 0.0)),
            ..Default::default()
        },
        Revise::on(day(20)),
    )
    .unwrap();
    g.remove_key_result_at("k3", Revise::on(day(25))).unwrap();
    let s = g
        .series(day(15), day(30), None, &RollupConfig::default())
        .unwrap();
    let k1 = s.nodes.iter().find(|n| n.id == "k1").unwrap();
    // 30 from 50 towards 10 is 50%, towards 0 is 40%: the revision at 00:00 on day 20 is in
    // force at the end of day 20, not of day 19
    assert_eq!(k1.progress[4], Some(0.5)); // day 19
    assert_eq!(k1.progress[5], Some(0.4)); // day 20
    let k3 = s.nodes.iter().find(|n| n.id == "k3").unwrap();
    assert!(k3.exists_at(9)); // day 24
    assert!(!k3.exists_at(10)); // day 25: removed
    assert_eq!(k3.status[10], None);
}

#[test]
fn hostile_ranges_are_typed_errors() {
    let g = company();
    let cfg = RollupConfig::default();
    let e = g.series(day(10), day(9), None, &cfg).unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    assert!(e.to_string().contains("from"), "{e}");
    let far = day(0).checked_add_days(Days::new(MAX_SERIES_DAYS)).unwrap();
    let e = g.series(day(0), far, None, &cfg).unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    assert!(e.to_string().contains("to"), "{e}");
    // the longest range allowed works
    let last = day(0)
        .checked_add_days(Days::new(MAX_SERIES_DAYS - 1))
        .unwrap();
    let s = g.series(day(0), last, Some(&["k0"]), &cfg).unwrap();
    assert_eq!(s.dates.len() as u64, MAX_SERIES_DAYS);
    // the whole date range okr writes: refused, not allocated
    let e = g
        .series(NaiveDate::MIN, NaiveDate::MAX, None, &cfg)
        .unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    // dates times nodes over the limit: refused before the columns are allocated
    let many: Vec<String> = (0..MAX_SERIES_ENTRIES / 3000 + 1)
        .map(|i| format!("n{i}"))
        .collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    let e = g.series(day(0), day(2999), Some(&many), &cfg).unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    assert!(e.to_string().contains("give the ids wanted"), "{e}");
    let e = g
        .series(day(0), day(3), Some(&["k0", "nope"]), &cfg)
        .unwrap_err();
    assert_eq!(e.code(), "unknown_id");
    assert!(e.to_string().contains("nope"));
    // the ends of chrono's calendar: one day each, no overflow
    for d in [NaiveDate::MIN, NaiveDate::MAX] {
        let s = g.series(d, d, None, &cfg).unwrap();
        assert_eq!(s.dates, vec![d]);
        assert!(
            g.chart_svg("k0", Some(d), Some(d), &cfg)
                .unwrap()
                .ends_with("</svg>\n")
        );
    }
    let bad = RollupConfig {
        on_track_margin: f64::NAN,
        ..cfg
    };
    assert_eq!(
        g.series(day(0), day(3), None, &bad).unwrap_err().code(),
        "invalid_config"
    );
}

#[test]
fn one_day_and_serialisation() {
    let mut g = company();
    g.check_in("k0", CheckIn::value(at(5, 12), 20.0)).unwrap();
    let s = g
        .series(
            day(5),
            day(5),
            Some(&["k0", "o1"]),
            &RollupConfig::default(),
        )
        .unwrap();
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["dates"], serde_json::json!(["2026-10-06"]));
    assert_eq!(json["nodes"][0]["id"], "k0");
    assert_eq!(json["nodes"][0]["kind"], "key_result");
    assert_eq!(json["nodes"][0]["value"], serde_json::json!([20.0]));
    assert_eq!(json["nodes"][1]["kind"], "objective");
    assert_eq!(json["nodes"][1]["value"], serde_json::json!([null]));
    let r = g.rollup(day(5));
    assert_eq!(
        json["nodes"][0]["status"][0],
        serde_json::to_value(r.key_result("k0").unwrap().status).unwrap()
    );
}
