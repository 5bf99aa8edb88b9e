//! The company the revision tests share (`revisions.rs`, `revisions_read.rs`) and their
//! helpers.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use okr_core::{
    Cycle, KeyResult, LogFilter, Measure, Objective, ObjectivePatch, OkrGraph, Owner, Revise,
};

use crate::common::{d, t, val};

/// acme (org) with team `two`; cycles q4 and q1; objectives grow <- sales, key result rev
/// (numeric 0 -> 100) on sales with a check-in of 40 on Oct 10; all from the beginning.
pub fn graph() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    g.add_owner(Owner::new("two", "Two", "team")).unwrap();
    g.add_cycle(Cycle::new("q4", d(10, 1), d(12, 31))).unwrap();
    g.add_cycle(Cycle::new(
        "q1",
        d(12, 1),
        NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
    ))
    .unwrap();
    g.add_objective(Objective::new("grow", "Grow", "acme", "q4"))
        .unwrap();
    g.add_objective(Objective::new("sales", "Sell more", "acme", "q4"))
        .unwrap();
    g.link("sales", "grow", 1.0).unwrap();
    g.add_key_result(KeyResult::new(
        "rev",
        "Revenue",
        "sales",
        Measure::numeric(0.0, 100.0),
    ))
    .unwrap();
    g.check_in("rev", val(t(10, 10, 9, 0), 40.0)).unwrap();
    g
}

pub fn on(m: u32, day: u32) -> Revise {
    Revise::on(d(m, day))
}

/// What a failed change must leave as it was.
pub fn state(g: &OkrGraph) -> (String, usize, usize, Option<DateTime<Utc>>) {
    (
        g.to_json(),
        g.revision_count(),
        g.log(&LogFilter::default()).unwrap().len(),
        g.latest_revision(),
    )
}

pub fn progress(g: &OkrGraph, as_of: impl Into<okr_core::AsOf>, id: &str) -> Option<f64> {
    g.rollup(as_of).get(id).unwrap().values.progress
}

pub fn title(s: &str) -> ObjectivePatch {
    ObjectivePatch {
        title: Some(s.into()),
        ..ObjectivePatch::default()
    }
}

pub fn code<T: std::fmt::Debug>(r: okr_core::Result<T>) -> &'static str {
    r.unwrap_err().code()
}
