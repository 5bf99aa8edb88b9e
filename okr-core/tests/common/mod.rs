//! Small helpers shared by the integration tests.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use okr_core::{
    CheckIn, CheckInValue, Cycle, Extra, KeyResult, Measure, Milestone, Objective, ObjectiveState,
    OkrGraph, Owner, RollupMode,
};

/// A date in 2026.
pub fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

/// A UTC timestamp in 2026.
pub fn t(m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, day, h, min, 0).unwrap()
}

pub fn ci(at: DateTime<Utc>, value: CheckInValue) -> CheckIn {
    CheckIn {
        at,
        value,
        confidence: None,
        note: None,
        author: None,
        extra: Extra::new(),
    }
}

pub fn val(at: DateTime<Utc>, v: f64) -> CheckIn {
    CheckIn::value(at, v)
}

pub fn done(at: DateTime<Utc>, b: bool) -> CheckIn {
    ci(at, CheckInValue::Done(b))
}

pub fn ms_done(at: DateTime<Utc>, names: &[&str]) -> CheckIn {
    ci(
        at,
        CheckInValue::Milestones(names.iter().map(|s| s.to_string()).collect()),
    )
}

pub fn milestones(items: &[(&str, f64)]) -> Measure {
    Measure::Milestones {
        milestones: items
            .iter()
            .map(|(n, w)| Milestone {
                name: n.to_string(),
                weight: *w,
            })
            .collect(),
    }
}

pub fn threshold(bound: okr_core::Bound, value: f64, start: Option<f64>) -> Measure {
    Measure::Threshold {
        bound,
        value,
        unit: String::new(),
        start,
    }
}

/// A graph with owner `o` and cycle `q` (2026-10-01 ..= 2026-12-31, 92 days).
pub fn base() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("o", "Org", "organisation")).unwrap();
    g.add_cycle(Cycle::new("q", d(10, 1), d(12, 31))).unwrap();
    g
}

pub fn obj(g: &mut OkrGraph, id: &str) {
    g.add_objective(Objective::new(id, format!("Objective {id}"), "o", "q"))
        .unwrap();
}

pub fn obj_with(g: &mut OkrGraph, id: &str, state: ObjectiveState, mode: RollupMode) {
    let mut o = Objective::new(id, format!("Objective {id}"), "o", "q");
    o.state = state;
    o.rollup = mode;
    g.add_objective(o).unwrap();
}

pub fn kr(g: &mut OkrGraph, id: &str, objective: &str, measure: Measure) {
    g.add_key_result(KeyResult::new(id, format!("KR {id}"), objective, measure))
        .unwrap();
}

pub fn kr_w(g: &mut OkrGraph, id: &str, objective: &str, measure: Measure, w: f64) {
    g.add_key_result(KeyResult::new(id, format!("KR {id}"), objective, measure).with_weight(w))
        .unwrap();
}

/// A numeric 0 -> 100 key result checked in at `v` on 2026-10-02.
pub fn kr_at(g: &mut OkrGraph, id: &str, objective: &str, v: f64, w: f64) {
    kr_w(g, id, objective, Measure::numeric(0.0, 100.0), w);
    g.check_in(id, val(t(10, 2, 9, 0), v)).unwrap();
}

pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9
}

#[track_caller]
pub fn assert_close(a: Option<f64>, b: f64) {
    let a = a.expect("a defined value");
    assert!(close(a, b), "{a} != {b}");
}

/// One objective with one numeric 0 -> 100 key result at `v`.
pub fn single(v: f64) -> OkrGraph {
    let mut g = base();
    obj(&mut g, "a");
    kr_at(&mut g, "k", "a", v, 1.0);
    g
}
