//! The reference implementation behind `revisions_reference.rs`: the random changes, and
//! the recorded history it rebuilds the graph at a time from, from scratch (no undo
//! machinery).
#![allow(clippy::disallowed_methods, dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use okr_core::{
    Cadence, CheckIn, CheckInValue, Cycle, Every, KeyResult, KeyResultPatch, Measure, Objective,
    ObjectivePatch, OkrGraph, Owner, Revise,
};
use proptest::prelude::*;
use proptest::sample::Index;

use crate::spec::{MODES, MSpec, STATES, Vals, WEIGHTS, cycle_period, mspec};

// ----- setup and values -------------------------------------------------------------------

/// The first revision time the generator uses; check-ins range from 10 days before it.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 9, 25, 0, 0, 0).unwrap()
}

/// The reference graph's clock: before every time the tests use.
pub fn early() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap()
}

pub fn setup() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("own", "Owner", "organisation"))
        .unwrap();
    let mut two = Owner::new("two", "Two", "team");
    two.cadence = cadence(1);
    g.add_owner(two).unwrap();
    for c in 0..2 {
        let (s, e) = cycle_period(c);
        g.add_cycle(Cycle::new(format!("c{c}"), s, e)).unwrap();
    }
    g
}

/// A few cadences: `cadence(0)` is none.
pub fn cadence(i: usize) -> Option<Cadence> {
    let every = [
        None,
        Some(Every::Week),
        Some(Every::Month),
        Some(Every::Days(10)),
    ][i % 4]?;
    Some(Cadence::new(every, (i / 4) as u32 % 3).unwrap())
}

pub fn measure(m: &MSpec) -> Measure {
    match m {
        MSpec::Numeric {
            start,
            delta,
            declare,
        } => Measure::Numeric {
            start: f64::from(*start) / 4.0,
            target: f64::from(*start + *delta) / 4.0,
            unit: String::new(),
            direction: declare.then_some(if *delta > 0 {
                okr_core::Direction::Increase
            } else {
                okr_core::Direction::Decrease
            }),
        },
        MSpec::Threshold {
            above,
            value,
            start,
        } => Measure::Threshold {
            bound: if *above {
                okr_core::Bound::AtOrAbove
            } else {
                okr_core::Bound::AtOrBelow
            },
            value: *value,
            unit: "u".into(),
            start: *start,
        },
        MSpec::Boolean => Measure::Boolean,
        MSpec::Milestones { weights } => Measure::Milestones {
            milestones: weights
                .iter()
                .enumerate()
                .map(|(i, &w)| okr_core::Milestone {
                    name: format!("m{i}"),
                    weight: w,
                })
                .collect(),
        },
        MSpec::NumericF { start, target } => Measure::numeric(*start, *target),
    }
}

/// Whether a check-in value fits a measure (values here are finite, confidences in range).
pub fn fits(m: &Measure, v: &CheckInValue) -> bool {
    match (m, v) {
        (Measure::Numeric { .. } | Measure::Threshold { .. }, CheckInValue::Value(_)) => true,
        (Measure::Boolean, CheckInValue::Done(_)) => true,
        (Measure::Milestones { milestones }, CheckInValue::Milestones(names)) => names
            .iter()
            .all(|n| milestones.iter().any(|m| &m.name == n)),
        _ => false,
    }
}

/// The value a check-in that does not fit `m` carries under it, as a check-in that fits
/// (a check-in that fits `m` is kept as it is, whatever its time: see the module docs):
/// none (the measure's start: 0 for boolean and milestones) after a change of kind, the
/// known milestones of a milestones check-in. `None` when no check-in can say it (a threshold
/// without a start: its "no value" is NaN).
pub fn carried(m: &Measure, c: &CheckIn) -> Option<CheckIn> {
    let value = match (m, &c.value) {
        (Measure::Milestones { milestones }, CheckInValue::Milestones(names)) => {
            CheckInValue::Milestones(
                names
                    .iter()
                    .filter(|n| milestones.iter().any(|m| &m.name == *n))
                    .cloned()
                    .collect(),
            )
        }
        (Measure::Numeric { start, .. }, _) => CheckInValue::Value(*start),
        (Measure::Threshold { start, .. }, _) => CheckInValue::Value((*start)?),
        (Measure::Boolean, _) => CheckInValue::Done(false),
        (Measure::Milestones { .. }, _) => CheckInValue::Milestones(Vec::new()),
        // takes no check-ins (these references make no aggregates)
        (Measure::Aggregate { .. }, _) => return None,
    };
    Some(CheckIn { value, ..c.clone() })
}

// ----- the operations ---------------------------------------------------------------------

/// When a timed change takes effect: `dt` seconds after the previous one (0: the same
/// time), or a day before the latest (`back`: refused unless no revision is that late).
/// `clock`: made through the graph's clock and the plain method instead of the `*_at` one.
#[derive(Debug, Clone)]
pub struct Step {
    pub dt: i64,
    pub back: bool,
    pub clock: bool,
}

pub fn step() -> impl Strategy<Value = Step> {
    (
        prop_oneof![
            2 => Just(0i64),
            3 => 1i64..3 * 86_400,
            2 => 5 * 86_400i64..25 * 86_400,
        ],
        proptest::bool::weighted(0.06),
        any::<bool>(),
    )
        .prop_map(|(dt, back, clock)| Step { dt, back, clock })
}

#[derive(Debug, Clone)]
pub enum GOp {
    AddObj {
        step: Option<Step>,
        st: usize,
        mode: usize,
        cycle: usize,
        /// Try an id used before (refused: ids are never used again).
        reuse: Option<Index>,
    },
    AddKr {
        step: Option<Step>,
        obj: Index,
        m: MSpec,
        w: usize,
        due: Option<u8>,
        reuse: Option<Index>,
    },
    Link {
        step: Option<Step>,
        a: Index,
        b: Index,
        w: usize,
    },
    Unlink {
        step: Step,
        link: Index,
    },
    Weight {
        step: Step,
        link: Index,
        w: usize,
    },
    /// The link's kind turned to the other one (contributes <-> supports).
    Kind {
        step: Step,
        link: Index,
    },
    ReviseObj {
        step: Step,
        obj: Index,
        st: Option<usize>,
        mode: Option<usize>,
        cycle: Option<usize>,
        owner: bool,
        title: bool,
    },
    ReviseKr {
        step: Step,
        kr: Index,
        m: Option<MSpec>,
        w: Option<usize>,
        due: Option<Option<u8>>,
        to: Option<Index>,
        /// Its own owner set (`true`) or emptied.
        owner: Option<bool>,
    },
    RemoveObj {
        step: Step,
        obj: Index,
    },
    RemoveKr {
        step: Step,
        kr: Index,
    },
    CheckIn {
        kr: Index,
        /// Seconds after `t0() - 10 days`.
        secs: i64,
        v: i32,
        b: bool,
        mask: u8,
        conf: Option<u8>,
        /// Shape the value after the current measure instead of the one in force at its
        /// time (refused when they differ in kind).
        current: bool,
        /// Dated exactly at a revision's time instead (`secs` unused).
        exact: Option<Index>,
    },
}

pub fn gop() -> impl Strategy<Value = GOp> {
    let when = || proptest::option::weighted(0.7, step());
    prop_oneof![
        3 => (when(), 0..STATES.len(), 0..MODES.len(), 0usize..2,
              proptest::option::weighted(0.08, any::<Index>()))
            .prop_map(|(step, st, mode, cycle, reuse)| GOp::AddObj { step, st, mode, cycle, reuse }),
        4 => (when(), any::<Index>(), mspec(Vals::Grid), 0..WEIGHTS.len(),
              proptest::option::of(0u8..120), proptest::option::weighted(0.08, any::<Index>()))
            .prop_map(|(step, obj, m, w, due, reuse)| GOp::AddKr { step, obj, m, w, due, reuse }),
        5 => (when(), any::<Index>(), any::<Index>(), 0..WEIGHTS.len())
            .prop_map(|(step, a, b, w)| GOp::Link { step, a, b, w }),
        2 => (step(), any::<Index>()).prop_map(|(step, link)| GOp::Unlink { step, link }),
        2 => (step(), any::<Index>(), 0..WEIGHTS.len())
            .prop_map(|(step, link, w)| GOp::Weight { step, link, w }),
        2 => (step(), any::<Index>()).prop_map(|(step, link)| GOp::Kind { step, link }),
        3 => (step(), any::<Index>(), proptest::option::of(0..STATES.len()),
              proptest::option::of(0..MODES.len()), proptest::option::weighted(0.2, 0usize..2),
              proptest::bool::weighted(0.2), any::<bool>())
            .prop_map(|(step, obj, st, mode, cycle, owner, title)|
                GOp::ReviseObj { step, obj, st, mode, cycle, owner, title }),
        5 => (step(), any::<Index>(), proptest::option::weighted(0.6, mspec(Vals::Grid)),
              proptest::option::of(0..WEIGHTS.len()),
              proptest::option::weighted(0.3, proptest::option::of(0u8..120)),
              proptest::option::weighted(0.15, any::<Index>()),
              proptest::option::weighted(0.15, any::<bool>()))
            .prop_map(|(step, kr, m, w, due, to, owner)| GOp::ReviseKr { step, kr, m, w, due, to, owner }),
        1 => (step(), any::<Index>()).prop_map(|(step, obj)| GOp::RemoveObj { step, obj }),
        1 => (step(), any::<Index>()).prop_map(|(step, kr)| GOp::RemoveKr { step, kr }),
        8 => (any::<Index>(), 0i64..110 * 86_400, -40i32..160, any::<bool>(), any::<u8>(),
              proptest::option::of(0u8..=4), proptest::bool::weighted(0.15),
              proptest::option::weighted(0.2, any::<Index>()))
            .prop_map(|(kr, secs, v, b, mask, conf, current, exact)|
                GOp::CheckIn { kr, secs, v, b, mask, conf, current, exact }),
    ]
}

/// An operation with everything resolved, as both sides apply it.
#[derive(Debug, Clone)]
pub enum ROp {
    AddObj(Objective),
    AddKr(KeyResult),
    Link(String, String, f64),
    Unlink(String, String),
    Weight(String, String, f64),
    Kind(String, String, okr_core::LinkKind),
    ReviseObj(String, ObjectivePatch),
    ReviseKr(String, KeyResultPatch),
    RemoveObj(String),
    RemoveKr(String),
    CheckIn(String, CheckIn),
}

/// Applies `op` to `g` at `meta` (`None`: without a time), through the `*_at` methods or,
/// with `clock`, through the graph's clock and the plain methods.
pub fn apply(
    g: &mut OkrGraph,
    op: &ROp,
    meta: Option<Revise>,
    clock: bool,
) -> okr_core::Result<()> {
    let plain = clock || meta.is_none();
    if clock {
        g.set_clock(meta.clone());
    }
    let r = match (op, plain) {
        (ROp::AddObj(o), true) => g.add_objective(o.clone()),
        (ROp::AddObj(o), false) => g.add_objective_at(o.clone(), meta.unwrap()),
        (ROp::AddKr(k), true) => g.add_key_result(k.clone()),
        (ROp::AddKr(k), false) => g.add_key_result_at(k.clone(), meta.unwrap()),
        (ROp::Link(c, p, w), true) => g.link(c, p, *w),
        (ROp::Link(c, p, w), false) => g.link_at(c, p, *w, meta.unwrap()),
        (ROp::Unlink(c, p), true) => g.unlink(c, p),
        (ROp::Unlink(c, p), false) => g.unlink_at(c, p, meta.unwrap()),
        (ROp::Weight(c, p, w), true) => g.set_link_weight(c, p, *w),
        (ROp::Weight(c, p, w), false) => g.set_link_weight_at(c, p, *w, meta.unwrap()),
        (ROp::Kind(c, p, k), true) => g.set_link_kind(c, p, *k),
        (ROp::Kind(c, p, k), false) => g.set_link_kind_at(c, p, *k, meta.unwrap()),
        (ROp::ReviseObj(id, p), true) => g.patch_objective(id, p.clone()),
        (ROp::ReviseObj(id, p), false) => g.revise_objective(id, p.clone(), meta.unwrap()),
        (ROp::ReviseKr(id, p), true) => g.patch_key_result(id, p.clone()),
        (ROp::ReviseKr(id, p), false) => g.revise_key_result(id, p.clone(), meta.unwrap()),
        (ROp::RemoveObj(id), true) => g.remove_objective(id).map(drop),
        (ROp::RemoveObj(id), false) => g.remove_objective_at(id, meta.unwrap()).map(drop),
        (ROp::RemoveKr(id), true) => g.remove_key_result(id).map(drop),
        (ROp::RemoveKr(id), false) => g.remove_key_result_at(id, meta.unwrap()).map(drop),
        (ROp::CheckIn(k, c), _) => g.check_in(k, c.clone()),
    };
    if clock {
        g.set_clock(None);
    }
    r
}

/// What the generator tracks of the real graph to resolve its indices.
#[derive(Default)]
pub struct Names {
    /// Every objective id used, present or removed.
    pub objs: Vec<String>,
    /// Every key result id used.
    pub krs: Vec<String>,
    pub next: usize,
}

/// The recorded history the reference rebuilds from: the accepted changes, in order.
#[derive(Default, Debug)]
pub struct Recorded {
    pub ops: Vec<(Option<DateTime<Utc>>, ROp)>,
    /// The codes of the refusals met on the way (for the generator's own test).
    pub refused: Vec<&'static str>,
    /// How many check-ins the reference re-expressed (see [`carried`]), by `graph_at`.
    pub carried: std::cell::Cell<usize>,
}

impl Recorded {
    /// The measure of key result `kr` in force at `t` by the recorded changes: the one it was
    /// added with, then every measure revision at or before `t`.
    pub fn measure_at(&self, kr: &str, t: DateTime<Utc>) -> Option<Measure> {
        let mut m = None;
        for (when, op) in &self.ops {
            match op {
                ROp::AddKr(k) if k.id == kr => m = Some(k.measure.clone()),
                ROp::ReviseKr(id, p) if id == kr && when.is_some_and(|w| w <= t) => {
                    if let Some(x) = &p.measure {
                        m = Some(x.clone());
                    }
                }
                _ => {}
            }
        }
        m
    }

    /// The time of the latest revision of `kr`'s measure at or before `t`.
    pub fn last_measure_change(&self, kr: &str, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.ops
            .iter()
            .filter_map(|(when, op)| match op {
                ROp::ReviseKr(id, p) if id == kr && p.measure.is_some() => *when,
                _ => None,
            })
            .filter(|w| *w <= t)
            .max()
    }

    /// The graph as it stood at `t`, rebuilt from scratch; `None` when a check-in's carried
    /// value cannot be said (see [`carried`]).
    pub fn graph_at(&self, t: DateTime<Utc>) -> Option<OkrGraph> {
        let mut g = setup();
        g.set_clock(Some(Revise::at(early())));
        for (when, op) in &self.ops {
            if matches!(op, ROp::CheckIn(..)) {
                continue;
            }
            match when {
                Some(w) if *w > t => continue,
                Some(w) => {
                    if let Err(e) = apply(&mut g, op, None, false) {
                        panic!("reference at {t}: {op:?} at {w} refused: {e}");
                    }
                }
                None => {
                    if let Err(e) = apply(&mut g, op, None, false) {
                        // from the beginning, on an objective that does not exist yet at t
                        let absent = |id: &String| g.objective(id).is_none();
                        let ok = match op {
                            ROp::AddKr(k) => absent(&k.objective),
                            ROp::Link(c, p, _) => absent(c) || absent(p),
                            _ => false,
                        };
                        assert!(
                            ok,
                            "reference at {t}: {op:?} from the beginning refused: {e}"
                        );
                    }
                }
            }
        }
        // The check-ins at or before t of the key results there at t, in recording order.
        for (_, op) in &self.ops {
            let ROp::CheckIn(k, c) = op else { continue };
            if c.at > t || g.key_result(k).is_none() {
                continue;
            }
            let m = g.key_result(k).unwrap().measure.clone();
            if fits(&m, &c.value) {
                g.check_in(k, c.clone()).unwrap();
                continue;
            }
            // only a check-in dated before a change of measure may not fit the one at t
            let changed = self.last_measure_change(k, t);
            assert!(
                changed.is_some_and(|ch| c.at < ch),
                "check-in {c:?} of {k} does not fit {m:?} at {t} (measure changed: {changed:?})"
            );
            g.check_in(k, carried(&m, c)?).unwrap();
            self.carried.set(self.carried.get() + 1);
        }
        Some(g)
    }
}
