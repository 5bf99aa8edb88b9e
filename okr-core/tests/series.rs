//! `OkrGraph::series` against its definition: at every date of the range, each node's figures
//! are those of a fresh `OkrGraph::rollup` at the end of that day, on the model as it stood
//! then. Random check-in histories on a small company with every kind of key result (a plan,
//! a due date, a threshold, a boolean, milestones, a manual override), and random revisions
//! inside the range (targets, weights, links, key results added and removed).

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use okr_core::analytics::{Frequency, MAX_SERIES_DAYS, MAX_SERIES_ENTRIES, Series};
use okr_core::{
    AsOf, Bound, CheckIn, CheckInValue, Cycle, KeyResult, KeyResultPatch, ManualOverride, Measure,
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

// ----- series_every: fewer points, each a rollup ---------------------------------------------

/// The plain reference: `rollup_with` at each point, every figure equal to the series'.
fn check_points(g: &OkrGraph, s: &Series) -> Result<(), TestCaseError> {
    prop_assert_eq!(s.as_of.len(), s.dates.len());
    for (i, &t) in s.as_of.iter().enumerate() {
        prop_assert_eq!(s.dates[i], t.date_naive());
        let r = g.rollup_with(t, &RollupConfig::default()).unwrap();
        for n in &s.nodes {
            match r.get(&n.id) {
                Some(row) => {
                    let v = row.values;
                    prop_assert_eq!(n.kind, row.kind);
                    prop_assert_eq!(n.value[i].map(f64::to_bits), v.value.map(f64::to_bits));
                    prop_assert_eq!(
                        n.progress[i].map(f64::to_bits),
                        v.progress.map(f64::to_bits),
                        "{} {}",
                        n.id,
                        t
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
                    prop_assert_eq!(n.status[i], Some(v.status), "{} {}", n.id, t);
                }
                None => prop_assert!(!n.exists_at(i), "{} at {}", n.id, t),
            }
        }
        for row in r.nodes() {
            prop_assert!(s.nodes.iter().any(|n| n.id == row.id), "{} missing", row.id);
        }
    }
    Ok(())
}

fn end_of(d: NaiveDate) -> DateTime<Utc> {
    AsOf::from(d).0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn series_every_equals_a_rollup_at_every_point(
        ops in proptest::collection::vec(op(), 0..40),
        from in 0u64..95,
        len in 0u64..120,
        freq in 0usize..4,
        hours in proptest::option::of((0u32..24, 0u32..24)),
    ) {
        let g = build(ops);
        let every = [Frequency::Day, Frequency::Week, Frequency::Month, Frequency::Quarter][freq];
        // dates (the end of each day) or zoned instants
        let (start, end) = match hours {
            None => (AsOf::from(day(from)), AsOf::from(day(from + len))),
            Some((h1, h2)) => (AsOf(at(from, h1)), AsOf(at(from + len, h2))),
        };
        if start > end {
            let e = g.series_every(start, end, every, None, &RollupConfig::default()).unwrap_err();
            prop_assert_eq!(e.code(), "invalid_value");
            return Ok(());
        }
        let s = g.series_every(start, end, every, None, &RollupConfig::default()).unwrap();
        // the points: start, then whole steps from start while before end, then end
        prop_assert_eq!(s.as_of.first(), Some(&start.0));
        prop_assert_eq!(s.as_of.last(), Some(&end.0));
        prop_assert!(s.as_of.windows(2).all(|w| w[0] < w[1]) || s.as_of.len() == 1);
        let step = |k: u32| match every {
            Frequency::Day => start.0.checked_add_days(Days::new(u64::from(k))),
            Frequency::Week => start.0.checked_add_days(Days::new(7 * u64::from(k))),
            Frequency::Month => start.0.checked_add_months(Months::new(k)),
            Frequency::Quarter => start.0.checked_add_months(Months::new(3 * k)),
        }.unwrap();
        let stepped = s.as_of.len() - 1;
        for (k, t) in s.as_of[..stepped].iter().enumerate() {
            prop_assert_eq!(*t, step(k as u32));
        }
        prop_assert!(step(stepped as u32) >= end.0);
        for n in &s.nodes {
            prop_assert_eq!(n.status.len(), s.dates.len());
            prop_assert_eq!(n.value.len(), s.dates.len());
        }
        check_points(&g, &s)?;
        // daily from a date to a date: the daily series, entry for entry
        if every == Frequency::Day && hours.is_none() {
            let daily = g.series(day(from), day(from + len), None, &RollupConfig::default()).unwrap();
            prop_assert_eq!(&s, &daily);
        }
    }
}

#[test]
fn weekly_points_end_on_the_range_s_end() {
    let mut g = company();
    g.check_in("k0", CheckIn::value(at(14, 0), 30.0)).unwrap();
    g.check_in("k0", CheckIn::value(at(14, 15), 40.0)).unwrap();
    let cfg = RollupConfig::default();
    // day(0) is 2026-10-01; 2026-12-31 is day(91)
    let s = g
        .series_every(day(0), day(91), Frequency::Week, Some(&["k0", "o1"]), &cfg)
        .unwrap();
    let dates: Vec<String> = s.dates.iter().map(|d| d.to_string()).collect();
    assert_eq!(dates[..3], ["2026-10-01", "2026-10-08", "2026-10-15"]);
    assert_eq!(dates[12..], ["2026-12-24", "2026-12-31"]);
    assert_eq!(s.dates.len(), 14);
    assert!(s.as_of.iter().zip(&s.dates).all(|(t, &d)| *t == end_of(d)));
    // the point of 2026-10-15 (the end of that day) has both check-ins of that day
    assert_eq!(s.nodes[0].value[2], Some(40.0));
    // monthly: the first of each month, then the end; quarterly: the start and the end
    let m = g
        .series_every(day(0), day(91), Frequency::Month, Some(&["k0"]), &cfg)
        .unwrap();
    let dates: Vec<String> = m.dates.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        dates,
        ["2026-10-01", "2026-11-01", "2026-12-01", "2026-12-31"]
    );
    let q = g
        .series_every(day(0), day(91), Frequency::Quarter, None, &cfg)
        .unwrap();
    assert_eq!(q.dates, vec![day(0), day(91)]);
    // one point when start is end
    let one = g
        .series_every(day(5), day(5), Frequency::Month, None, &cfg)
        .unwrap();
    assert_eq!(one.dates, vec![day(5)]);
    // a month from the 31st: the last day of a shorter month, counted from the start
    let jan31 = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
    let may1 = NaiveDate::from_ymd_opt(2027, 5, 1).unwrap();
    let m = g
        .series_every(jan31, may1, Frequency::Month, Some(&["k0"]), &cfg)
        .unwrap();
    let dates: Vec<String> = m.dates.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2027-01-31",
            "2027-02-28",
            "2027-03-31",
            "2027-04-30",
            "2027-05-01"
        ]
    );
}

#[test]
fn a_zoned_instant_is_that_instant_and_a_date_the_end_of_its_day() {
    let mut g = company();
    g.check_in("k0", CheckIn::value(at(14, 0), 30.0)).unwrap();
    g.check_in("k0", CheckIn::value(at(14, 15), 40.0)).unwrap();
    let cfg = RollupConfig::default();
    let midnight = AsOf::parse("2026-10-15T00:00:00Z").unwrap();
    let date = AsOf::parse("2026-10-15").unwrap();
    let a = g
        .series_every(midnight, midnight, Frequency::Week, Some(&["k0"]), &cfg)
        .unwrap();
    let b = g
        .series_every(date, date, Frequency::Week, Some(&["k0"]), &cfg)
        .unwrap();
    // the same calendar date, two moments: each what the rollup says then
    assert_eq!(a.dates, b.dates);
    assert_eq!(a.nodes[0].value[0], Some(30.0));
    assert_eq!(b.nodes[0].value[0], Some(40.0));
    assert_eq!(
        a.nodes[0].value[0],
        g.rollup(midnight).key_result("k0").unwrap().value
    );
    assert_eq!(
        b.nodes[0].value[0],
        g.rollup(date).key_result("k0").unwrap().value
    );
    // steps keep the time of day (UTC)
    let s = g
        .series_every(
            AsOf::parse("2026-10-01T09:30:00+02:00").unwrap(),
            AsOf::parse("2026-10-20T00:00:00Z").unwrap(),
            Frequency::Week,
            None,
            &cfg,
        )
        .unwrap();
    let times: Vec<String> = s
        .as_of
        .iter()
        .map(|&t| okr_core::time::format_instant(t))
        .collect();
    assert_eq!(
        times,
        [
            "2026-10-01T07:30:00Z",
            "2026-10-08T07:30:00Z",
            "2026-10-15T07:30:00Z",
            "2026-10-20T00:00:00Z"
        ]
    );
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["as_of"][0], "2026-10-01T07:30:00Z");
    assert_eq!(json["dates"][0], "2026-10-01");
}

#[test]
fn frequencies_read_and_bad_ones_are_refused() {
    for (text, f) in [
        ("D", Frequency::Day),
        ("d", Frequency::Day),
        ("day", Frequency::Day),
        ("W", Frequency::Week),
        (" week ", Frequency::Week),
        ("M", Frequency::Month),
        ("Month", Frequency::Month),
        ("Q", Frequency::Quarter),
        ("quarter", Frequency::Quarter),
    ] {
        assert_eq!(Frequency::parse(text).unwrap(), f, "{text}");
        assert_eq!(text.parse::<Frequency>().unwrap(), f);
        assert_eq!(Frequency::parse(f.as_str()).unwrap(), f);
    }
    assert_eq!(Frequency::default(), Frequency::Week);
    for bad in ["", "ME", "MS", "W-SUN", "2W", "weekly", "h", "year"] {
        let e = Frequency::parse(bad).unwrap_err();
        assert_eq!(e.code(), "invalid_value");
        let m = e.to_string();
        assert!(
            m.contains("freq") && m.contains("D, W, M, Q, day, week, month or quarter"),
            "{m}"
        );
    }
}

#[test]
fn series_every_keeps_the_limits() {
    let g = company();
    let cfg = RollupConfig::default();
    let e = g
        .series_every(day(10), day(9), Frequency::Week, None, &cfg)
        .unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    assert!(e.to_string().contains("start"), "{e}");
    // an instant before another on the same day is backwards too
    let e = g
        .series_every(AsOf(at(3, 12)), AsOf(at(3, 11)), Frequency::Day, None, &cfg)
        .unwrap_err();
    assert!(e.to_string().contains("start"), "{e}");
    // the span limit counts calendar days, whatever the frequency
    let far = day(0).checked_add_days(Days::new(MAX_SERIES_DAYS)).unwrap();
    let e = g
        .series_every(day(0), far, Frequency::Quarter, None, &cfg)
        .unwrap_err();
    assert!(e.to_string().contains("end"), "{e}");
    let last = day(0)
        .checked_add_days(Days::new(MAX_SERIES_DAYS - 1))
        .unwrap();
    let s = g
        .series_every(day(0), last, Frequency::Quarter, None, &cfg)
        .unwrap();
    // 2026-10-01 and the 40 quarters after it (to 2036-10-01), then the end, 2036-10-04
    assert_eq!(s.dates.len(), 42);
    assert_eq!(s.dates.last(), Some(&last));
    // entries: points times nodes
    let many: Vec<String> = (0..MAX_SERIES_ENTRIES / 100 + 1)
        .map(|i| format!("n{i}"))
        .collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    let e = g
        .series_every(day(0), day(99 * 7), Frequency::Week, Some(&many), &cfg)
        .unwrap_err();
    assert!(e.to_string().contains("give the ids wanted"), "{e}");
    let e = g
        .series_every(day(0), day(30), Frequency::Week, Some(&["nope"]), &cfg)
        .unwrap_err();
    assert_eq!(e.code(), "unknown_id");
    // the ends of chrono's calendar: no overflow
    for d in [NaiveDate::MIN, NaiveDate::MAX] {
        for f in [Frequency::Day, Frequency::Month, Frequency::Quarter] {
            let s = g.series_every(d, d, f, None, &cfg).unwrap();
            assert_eq!(s.dates, vec![d]);
        }
    }
    let near_end = NaiveDate::MAX.checked_sub_days(Days::new(200)).unwrap();
    let s = g
        .series_every(near_end, NaiveDate::MAX, Frequency::Quarter, None, &cfg)
        .unwrap();
    assert_eq!(s.dates.last(), Some(&NaiveDate::MAX));
}

#[test]
fn a_series_as_one_long_table() {
    let mut g = company();
    g.check_in("k0", CheckIn::value(at(5, 12), 20.0)).unwrap();
    g.remove_key_result_at("k3", Revise::on(day(8))).unwrap();
    let cfg = RollupConfig::default();
    let s = g
        .series_every(day(0), day(14), Frequency::Week, None, &cfg)
        .unwrap();
    let t = s.to_table();
    let names: Vec<&str> = t.columns().map(|(n, _)| n).collect();
    assert_eq!(names, okr_core::analytics::series::SERIES_COLUMNS);
    // one row per point and node that exists then (points 2026-10-01, 08 and 15): k3,
    // removed on 2026-10-09, is gone at the last
    let entries: usize = s
        .nodes
        .iter()
        .map(|n| n.status.iter().filter(|x| x.is_some()).count())
        .sum();
    assert_eq!(t.rows(), entries);
    assert_eq!(t.rows(), 3 * s.nodes.len() - 1);
    let csv = t.to_csv();
    assert!(csv.starts_with(
        "date,as_of,id,kind,value,progress,attainment,expected,planned_value,status\n"
    ));
    let k0_day7 = csv
        .lines()
        .find(|l| l.starts_with("2026-10-08,2026-10-08T23:59:59.999999999Z,k0,key_result,20,"))
        .unwrap();
    let k0 = s.nodes.iter().find(|n| n.id == "k0").unwrap();
    assert!(k0_day7.ends_with(&format!(",{}", k0.status[1].unwrap().as_str())));
    assert_eq!(csv.lines().filter(|l| l.contains(",k3,")).count(), 2);
}
