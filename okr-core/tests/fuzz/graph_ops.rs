//! The property of the `graph_ops_keep_invariants` fuzz target, replayed by
//! `tests/fuzz_regressions.rs`: any sequence of graph operations (many of them invalid) keeps
//! the graph's invariants, matches a plain model, leaves the graph unchanged after a failed
//! operation, and keeps incremental rollups equal to full ones.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};

use arbitrary::{Arbitrary, Unstructured};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use okr_core::document::{Limits, load_str_with};
use okr_core::{
    AggregateFunction, CheckIn, CheckInValue, Cycle, Dependency, Extra, Initiative,
    InitiativeUpdate, KeyResult, KeyResultParent, Kpi, KpiHealth, KpiValue, LinkKind, LiveRollup,
    Measure, Milestone, Objective, ObjectiveState, OkrError, OkrGraph, Owner, Rollup, RollupMode,
    StatusRule,
};

/// A weight, some of them invalid.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum W {
    Zero,
    Half,
    One,
    Two,
    Nan,
    Inf,
    Negative,
}

impl W {
    fn value(self) -> f64 {
        match self {
            W::Zero => 0.0,
            W::Half => 0.5,
            W::One => 1.0,
            W::Two => 2.0,
            W::Nan => f64::NAN,
            W::Inf => f64::INFINITY,
            W::Negative => -1.0,
        }
    }
}

/// A key result measure, some of them invalid. `unit` picks one of [`UNITS`].
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum M {
    Numeric(i8, i8, u8),
    Threshold {
        above: bool,
        value: i8,
        start: Option<i8>,
        unit: u8,
    },
    Boolean,
    /// Milestones `a`, `b`, `c` with these weights (none, or all zero, is invalid).
    Milestones([Option<u8>; 3]),
    /// An aggregate of the key results under it: `function` picks one of [`FUNCTIONS`].
    Aggregate {
        function: u8,
        start: i8,
        target: i8,
        unit: u8,
    },
}

/// Units of measures and KPIs: the empty one and two others, so that units mismatch.
const UNITS: [&str; 3] = ["", "EUR", "clinics"];

const FUNCTIONS: [AggregateFunction; 5] = [
    AggregateFunction::Sum,
    AggregateFunction::Mean,
    AggregateFunction::Min,
    AggregateFunction::Max,
    AggregateFunction::CountDone,
];

/// A conversion factor of a key result under an aggregate, some of them invalid.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum F {
    None,
    Half,
    Thousand,
    Zero,
    Negative,
    Nan,
}

impl F {
    fn value(self) -> Option<f64> {
        match self {
            F::None => None,
            F::Half => Some(0.5),
            F::Thousand => Some(1000.0),
            F::Zero => Some(0.0),
            F::Negative => Some(-2.0),
            F::Nan => Some(f64::NAN),
        }
    }
}

/// An optional field that is set one time in four, so that the operations that also take
/// it succeed often enough to build up rich graphs.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Rare<T> {
    No,
    Not,
    Never,
    Yes(T),
}

impl<T: Copy> Rare<T> {
    fn get(self) -> Option<T> {
        match self {
            Rare::Yes(t) => Some(t),
            _ => None,
        }
    }
}

/// A KPI's health rule.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum H {
    Increase,
    Decrease,
    AtOrAbove(i8),
    AtOrBelow(i8),
    Between(i8, i8),
}

impl H {
    fn health(self) -> KpiHealth {
        match self {
            H::Increase => KpiHealth::Increase {},
            H::Decrease => KpiHealth::Decrease {},
            H::AtOrAbove(v) => KpiHealth::AtOrAbove {
                value: f64::from(v),
            },
            H::AtOrBelow(v) => KpiHealth::AtOrBelow {
                value: f64::from(v),
            },
            H::Between(a, b) => KpiHealth::Between {
                min: f64::from(a),
                max: f64::from(b),
            },
        }
    }
}

/// A check-in value, some of them invalid.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum V {
    Value(i16),
    Nan,
    Done(bool),
    /// A set of milestone names among `a`, `b`, `c` and the unknown `z`.
    Milestones(u8),
}

/// One operation on a graph. Ids are small numbers so that operations collide.
#[derive(Debug, Clone, Arbitrary)]
pub enum Op {
    AddObjective {
        id: u8,
        state: u8,
        mode: u8,
    },
    UpdateObjective {
        id: u8,
        state: u8,
        mode: u8,
        cycle: bool,
        /// The `worst` status rule.
        worst: bool,
    },
    RemoveObjective {
        id: u8,
    },
    Link {
        child: u8,
        parent: u8,
        w: W,
    },
    Unlink {
        child: u8,
        parent: u8,
    },
    SetLinkWeight {
        child: u8,
        parent: u8,
        w: W,
    },
    AddKeyResult {
        id: u8,
        objective: u8,
        m: M,
        w: W,
        due: Option<u8>,
        /// Under this key result (an aggregate, or refused), with a conversion factor.
        parent: Rare<(u8, F)>,
        /// Its values from this KPI.
        kpi: Rare<u8>,
    },
    /// Puts a key result under another (an aggregate, or refused), or under none.
    SetKeyResultParent {
        id: u8,
        parent: Option<(u8, F)>,
    },
    /// A link that supports without counting.
    LinkSupports {
        child: u8,
        parent: u8,
        w: W,
    },
    SetLinkKind {
        child: u8,
        parent: u8,
        supports: bool,
    },
    /// `blocker` blocks `blocked`: even numbers are objectives, odd ones key results.
    AddDependency {
        blocker: u8,
        blocked: u8,
        start_by: Option<u8>,
    },
    RemoveDependency {
        blocker: u8,
        blocked: u8,
    },
    AddKpi {
        id: u8,
        unit: u8,
        health: H,
    },
    RemoveKpi {
        id: u8,
    },
    RecordKpiValue {
        kpi: u8,
        day: u8,
        v: V,
    },
    RemoveKeyResult {
        id: u8,
    },
    MoveKeyResult {
        id: u8,
        objective: u8,
        w: W,
    },
    CheckIn {
        kr: u8,
        day: u8,
        v: V,
        confidence: Option<u8>,
    },
    CheckInMany(Vec<(u8, u8, V)>),
    /// An initiative under a key result, with an update on `day` (done or a percent, some
    /// invalid).
    AddInitiative {
        id: u8,
        kr: u8,
        update: Option<(u8, u8)>,
    },
    /// Another update of an initiative: `v` above 200 is done, else a percent (over 100:
    /// invalid).
    RecordInitiativeUpdate {
        id: u8,
        day: u8,
        v: u8,
    },
    RemoveInitiative {
        id: u8,
    },
    /// How much a key result's initiatives count (0 to 3; 4: NaN, refused; 5: none).
    SetInitiativesWeight {
        kr: u8,
        w: u8,
    },
}

fn iid(i: u8) -> String {
    format!("i{}", i % 4)
}

/// An initiative update at `day`: `v` above 200 is done, else `v` percent.
fn initiative_update(day: u8, v: u8) -> InitiativeUpdate {
    if v > 200 {
        InitiativeUpdate::done(time(day), v.is_multiple_of(2))
    } else {
        InitiativeUpdate::percent(time(day), f64::from(v))
    }
}

fn oid(i: u8) -> String {
    format!("o{}", i % 6)
}

fn kid(i: u8) -> String {
    format!("k{}", i % 8)
}

fn pid(i: u8) -> String {
    format!("p{}", i % 3)
}

/// An objective (even) or a key result (odd), for dependencies.
fn node(i: u8) -> String {
    if i.is_multiple_of(2) {
        oid(i / 2)
    } else {
        kid(i / 2)
    }
}

fn kr_parent(p: Option<(u8, F)>) -> Option<KeyResultParent> {
    p.map(|(id, f)| KeyResultParent {
        id: kid(id),
        factor: f.value(),
    })
}

const STATES: [ObjectiveState; 4] = [
    ObjectiveState::Active,
    ObjectiveState::Closed,
    ObjectiveState::Draft,
    ObjectiveState::Abandoned,
];
const MODES: [RollupMode; 3] = [
    RollupMode::Both,
    RollupMode::KeyResults,
    RollupMode::Children,
];

fn day(d: u8) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 9, 20).unwrap() + Duration::days(i64::from(d % 120))
}

fn time(d: u8) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 9, 20, 9, 0, 0).unwrap() + Duration::hours(i64::from(d) * 13)
}

fn measure(m: M) -> Measure {
    match m {
        M::Numeric(s, t, unit) => Measure::Numeric {
            start: f64::from(s),
            target: f64::from(t),
            unit: UNITS[usize::from(unit) % 3].into(),
            direction: None,
        },
        M::Aggregate {
            function,
            start,
            target,
            unit,
        } => Measure::Aggregate {
            function: FUNCTIONS[usize::from(function) % 5],
            start: f64::from(start),
            target: f64::from(target),
            unit: UNITS[usize::from(unit) % 3].into(),
            direction: None,
        },
        M::Threshold {
            above,
            value,
            start,
            unit,
        } => Measure::Threshold {
            bound: if above {
                okr_core::Bound::AtOrAbove
            } else {
                okr_core::Bound::AtOrBelow
            },
            value: f64::from(value),
            unit: UNITS[usize::from(unit) % 3].into(),
            start: start.map(f64::from),
        },
        M::Boolean => Measure::Boolean,
        M::Milestones(ws) => Measure::Milestones {
            milestones: ws
                .iter()
                .zip(["a", "b", "c"])
                .filter_map(|(w, name)| {
                    w.map(|w| Milestone {
                        name: name.into(),
                        weight: f64::from(w % 4),
                    })
                })
                .collect(),
        },
    }
}

fn value(v: V) -> CheckInValue {
    match v {
        V::Value(x) => CheckInValue::Value(f64::from(x) / 4.0),
        V::Nan => CheckInValue::Value(f64::NAN),
        V::Done(d) => CheckInValue::Done(d),
        V::Milestones(bits) => CheckInValue::Milestones(
            ["a", "b", "c", "z"]
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .map(|(_, n)| n.to_string())
                .collect(),
        ),
    }
}

fn check_in(at: u8, v: V, confidence: Option<u8>) -> CheckIn {
    CheckIn {
        at: time(at),
        value: value(v),
        confidence: confidence.map(|c| f64::from(c) / 200.0),
        note: None,
        author: None,
        extra: Extra::new(),
    }
}

/// Objectives and links as plain sets: the model the engine's link outcomes are predicted from.
#[derive(Default, Clone)]
struct Model {
    objectives: HashSet<String>,
    /// (child, parent)
    links: HashSet<(String, String)>,
}

impl Model {
    fn reaches(&self, from: &str, to: &str) -> bool {
        let mut seen = HashSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n.clone()) {
                for (c, p) in &self.links {
                    if *c == n {
                        stack.push(p.clone());
                    }
                }
            }
        }
        false
    }

    /// The error code `link(child, parent, w)` must return, or `None` for success.
    fn link_outcome(&self, child: &str, parent: &str, w: f64) -> Option<&'static str> {
        if !self.objectives.contains(child) || !self.objectives.contains(parent) {
            Some("unknown_id")
        } else if !(w.is_finite() && w >= 0.0) {
            Some("invalid_weight")
        } else if self
            .links
            .contains(&(child.to_string(), parent.to_string()))
        {
            Some("already_linked")
        } else if self.reaches(parent, child) {
            Some("cycle")
        } else {
            None
        }
    }
}

fn is_acyclic(g: &OkrGraph) -> bool {
    let ids: Vec<String> = g.objectives().map(|o| o.id.clone()).collect();
    let mut pending: HashMap<&str, usize> = ids
        .iter()
        .map(|id| (id.as_str(), g.children_of(id).len()))
        .collect();
    let mut ready: Vec<&str> = ids
        .iter()
        .map(String::as_str)
        .filter(|id| pending[id] == 0)
        .collect();
    let mut placed = 0;
    while let Some(n) = ready.pop() {
        placed += 1;
        for (p, _) in g.parents_of(n) {
            let c = pending.get_mut(p).expect("parent exists");
            *c -= 1;
            if *c == 0 {
                ready.push(p);
            }
        }
    }
    placed == ids.len()
}

fn snapshot(r: &Rollup) -> Vec<(String, okr_core::NodeValues)> {
    let mut v: Vec<_> = r.nodes().map(|n| (n.id.to_string(), n.values)).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// Applies `op` to `g` (at its clock).
pub fn apply(g: &mut OkrGraph, op: &Op) -> okr_core::Result<()> {
    match op {
        Op::AddObjective { id, state, mode } => {
            let mut o = Objective::new(oid(*id), "Objective", "org", "q4");
            o.state = STATES[usize::from(*state) % 4];
            o.rollup = MODES[usize::from(*mode) % 3];
            g.add_objective(o)
        }
        Op::UpdateObjective {
            id,
            state,
            mode,
            cycle,
            worst,
        } => {
            let mut o =
                Objective::new(oid(*id), "Changed", "org", if *cycle { "h2" } else { "q4" });
            o.state = STATES[usize::from(*state) % 4];
            o.rollup = MODES[usize::from(*mode) % 3];
            if *worst {
                o.status_rule = StatusRule::Worst;
            }
            g.update_objective(o)
        }
        Op::RemoveObjective { id } => g.remove_objective(&oid(*id)).map(|_| ()),
        Op::Link { child, parent, w } => g.link(&oid(*child), &oid(*parent), w.value()),
        Op::Unlink { child, parent } => g.unlink(&oid(*child), &oid(*parent)),
        Op::SetLinkWeight { child, parent, w } => {
            g.set_link_weight(&oid(*child), &oid(*parent), w.value())
        }
        Op::AddKeyResult {
            id,
            objective,
            m,
            w,
            due,
            parent,
            kpi,
        } => {
            let mut kr = KeyResult::new(kid(*id), "Key result", oid(*objective), measure(*m));
            kr.weight = w.value();
            kr.due = due.map(day);
            kr.parent = kr_parent(parent.get());
            kr.kpi = kpi.get().map(pid);
            g.add_key_result(kr)
        }
        Op::SetKeyResultParent { id, parent } => match g.key_result(&kid(*id)) {
            Some(kr) => {
                let mut kr = kr.clone();
                kr.parent = kr_parent(*parent);
                g.update_key_result(kr)
            }
            None => Ok(()),
        },
        Op::LinkSupports { child, parent, w } => {
            g.link_with(&oid(*child), &oid(*parent), w.value(), LinkKind::Supports)
        }
        Op::SetLinkKind {
            child,
            parent,
            supports,
        } => {
            let kind = if *supports {
                LinkKind::Supports
            } else {
                LinkKind::Contributes
            };
            g.set_link_kind(&oid(*child), &oid(*parent), kind)
        }
        Op::AddDependency {
            blocker,
            blocked,
            start_by,
        } => {
            let mut d = Dependency::new(node(*blocker), node(*blocked));
            if let Some(b) = start_by {
                d = d.start_by(day(*b));
            }
            g.add_dependency(d)
        }
        Op::RemoveDependency { blocker, blocked } => g
            .remove_dependency(&node(*blocker), &node(*blocked))
            .map(|_| ()),
        Op::AddKpi { id, unit, health } => g.add_kpi(
            Kpi::new(pid(*id), "KPI", health.health()).with_unit(UNITS[usize::from(*unit) % 3]),
        ),
        Op::RemoveKpi { id } => g.remove_kpi(&pid(*id)).map(|_| ()),
        Op::RecordKpiValue { kpi, day, v } => {
            let x = match v {
                V::Value(x) => f64::from(*x) / 4.0,
                V::Nan => f64::NAN,
                V::Done(d) => f64::from(u8::from(*d)),
                V::Milestones(b) => f64::from(*b),
            };
            g.record_kpi_value(&pid(*kpi), KpiValue::new(time(*day), x))
        }
        Op::RemoveKeyResult { id } => g.remove_key_result(&kid(*id)).map(|_| ()),
        Op::MoveKeyResult { id, objective, w } => match g.key_result(&kid(*id)) {
            Some(kr) => {
                let mut kr = kr.clone();
                kr.objective = oid(*objective);
                kr.weight = w.value();
                g.update_key_result(kr)
            }
            None => Ok(()),
        },
        Op::CheckIn {
            kr,
            day,
            v,
            confidence,
        } => g.check_in(&kid(*kr), check_in(*day, *v, *confidence)),
        Op::CheckInMany(items) => {
            let batch: Vec<(String, CheckIn)> = items
                .iter()
                .take(8)
                .map(|(k, d, v)| (kid(*k), check_in(*d, *v, None)))
                .collect();
            g.check_in_many(batch)
        }
        Op::AddInitiative { id, kr, update } => {
            let mut x = Initiative::new(iid(*id), kid(*kr), "Initiative");
            if let Some((d, v)) = update {
                x = x.with_update(initiative_update(*d, *v));
            }
            g.add_initiative(x)
        }
        Op::RecordInitiativeUpdate { id, day, v } => {
            g.record_initiative_update(&iid(*id), initiative_update(*day, *v))
        }
        Op::RemoveInitiative { id } => g.remove_initiative(&iid(*id)).map(|_| ()),
        Op::SetInitiativesWeight { kr, w } => match g.key_result(&kid(*kr)) {
            Some(k) => {
                let mut k = k.clone();
                k.initiatives_weight = match w % 6 {
                    4 => Some(f64::NAN),
                    5 => None,
                    w => Some(f64::from(w)),
                };
                g.update_key_result(k)
            }
            None => Ok(()),
        },
    }
}

/// Applies random operation sequences to a graph and checks after each one: the alignment
/// graph stays acyclic; link outcomes match a plain model; a failed operation leaves the graph
/// exactly as it was (same document, same rollup); a rollup kept up to date with
/// `refresh_key_result`, and a `LiveRollup` the same changes go through, equal a fresh full
/// rollup, bit for bit; a node is `blocked` exactly when `Rollup::blockers` names something,
/// and its explanation names the same blockers. At the end the graph's document loads back
/// to the same document and the same figures.
///
/// The operations mix every kind of node and link: key results under aggregate key results
/// (every function, units that agree or not, conversion factors, some invalid), supporting
/// links and changes of a link's kind, dependencies (with and without `start_by`), KPIs with
/// values and key results taking their values from them, objectives with the `worst` status
/// rule.
pub fn graph_ops(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(as_of_day) = u8::arbitrary(&mut u) else {
        return;
    };
    let as_of = day(as_of_day);
    let mut g = OkrGraph::new();
    let d = |m, dd| NaiveDate::from_ymd_opt(2026, m, dd).unwrap();
    g.add_owner(Owner::new("org", "Org", "organisation"))
        .unwrap();
    g.add_cycle(Cycle::new("q4", d(10, 1), d(12, 31))).unwrap();
    g.add_cycle(Cycle::new("h2", d(7, 1), d(12, 31))).unwrap();
    // each step's changes take effect one second after the last step's, all before the
    // cycles: the rollups below see the latest state, and each earlier step is a past state
    let start = d(1, 1).and_hms_opt(0, 0, 0).unwrap().and_utc();
    let mut model = Model::default();
    // the model after each step, to compare with the graph as it stood then
    let mut past: Vec<(chrono::DateTime<chrono::Utc>, Model)> = Vec::new();
    let mut kept = g.rollup(as_of);
    let mut live = LiveRollup::new(g.clone(), as_of).expect("the default configuration");
    let mut steps = 0;
    while let Ok(op) = Op::arbitrary(&mut u) {
        steps += 1;
        if steps > 64 {
            break;
        }
        let now = start + chrono::Duration::seconds(steps);
        g.set_clock(Some(okr_core::Revise::at(now)));
        let before = g.clone();
        let mut touched: Vec<String> = Vec::new();
        let want = match &op {
            Op::Link { child, parent, w } | Op::LinkSupports { child, parent, w } => {
                model.link_outcome(&oid(*child), &oid(*parent), w.value())
            }
            _ => None,
        };
        let result = apply(&mut g, &op);
        // the same change through a LiveRollup, which patches its layout after changes of
        // values and recomputes in full after changes of structure
        let live_result = live.edit(|lg| {
            lg.set_clock(Some(okr_core::Revise::at(now)));
            apply(lg, &op)
        });
        assert_eq!(
            live_result.as_ref().err().map(OkrError::code),
            result.as_ref().err().map(OkrError::code),
            "{op:?} through the LiveRollup"
        );
        match &op {
            Op::AddObjective { id, .. } if result.is_ok() => {
                model.objectives.insert(oid(*id));
            }
            Op::RemoveObjective { id } if result.is_ok() => {
                model.objectives.remove(&oid(*id));
                model
                    .links
                    .retain(|(c, p)| *c != oid(*id) && *p != oid(*id));
            }
            Op::Link { child, parent, .. } | Op::LinkSupports { child, parent, .. } => {
                let (c, p) = (oid(*child), oid(*parent));
                assert_eq!(result.as_ref().err().map(OkrError::code), want, "{op:?}");
                if let Err(OkrError::Cycle { path, .. }) = &result {
                    assert_eq!(path.first(), Some(&c));
                    assert_eq!(path.last(), Some(&c));
                }
                if result.is_ok() {
                    model.links.insert((c, p));
                }
            }
            Op::Unlink { child, parent } => {
                let (c, p) = (oid(*child), oid(*parent));
                let linked = model.links.contains(&(c.clone(), p.clone()));
                assert_eq!(result.is_ok(), linked, "{op:?}");
                model.links.remove(&(c, p));
            }
            Op::SetLinkKind { child, parent, .. } => {
                let linked = model.links.contains(&(oid(*child), oid(*parent)));
                if !linked {
                    assert!(result.is_err(), "{op:?} on no link");
                }
            }
            Op::AddKeyResult { id, .. }
            | Op::MoveKeyResult { id, .. }
            | Op::SetKeyResultParent { id, .. } => touched.push(kid(*id)),
            // the key results that take their values from the KPI
            Op::RecordKpiValue { kpi, .. } => touched.extend(
                (g.key_results())
                    .filter(|k| k.kpi.as_deref() == Some(pid(*kpi).as_str()))
                    .map(|k| k.id.clone()),
            ),
            Op::CheckIn { kr, .. } => touched.push(kid(*kr)),
            Op::SetInitiativesWeight { kr, .. } => touched.push(kid(*kr)),
            // an update reaches the rollup through its key result, as a check-in does
            Op::RecordInitiativeUpdate { id, .. } => {
                touched.extend(g.initiative(&iid(*id)).map(|x| x.key_result.clone()))
            }
            Op::CheckInMany(items) => touched.extend(items.iter().take(8).map(|(k, ..)| kid(*k))),
            _ => {}
        }
        if result.is_err() {
            assert_eq!(
                before.to_json(),
                g.to_json(),
                "failed {op:?} changed the graph"
            );
            assert_eq!(
                snapshot(&before.rollup(as_of)),
                snapshot(&g.rollup(as_of)),
                "failed {op:?} changed the rollup"
            );
        }
        assert!(is_acyclic(&g), "cycle after {op:?}");
        let model_objectives: HashSet<String> = g.objectives().map(|o| o.id.clone()).collect();
        assert_eq!(model_objectives, model.objectives);
        // the graph as it stood after an earlier step (the last, and one halfway): that
        // step's objectives and links, acyclic
        past.push((now, model.clone()));
        for j in [past.len().saturating_sub(2), past.len() / 2] {
            let (t, then) = &past[j];
            let at = g.at(*t);
            let objectives: HashSet<String> = at.objectives().map(|o| o.id.clone()).collect();
            assert_eq!(
                &objectives, &then.objectives,
                "objectives at step {j} after {op:?}"
            );
            let links: HashSet<(String, String)> = at
                .objectives()
                .flat_map(|o| {
                    at.parents_of(&o.id)
                        .into_iter()
                        .map(|(p, _)| (o.id.clone(), p.to_string()))
                        .collect::<Vec<_>>()
                })
                .collect();
            assert_eq!(&links, &then.links, "links at step {j} after {op:?}");
            assert!(is_acyclic(&at), "cycle at step {j} after {op:?}");
        }

        // incremental == full
        touched.retain(|k| g.key_result(k).is_some());
        if touched.is_empty()
            && let Some(k) = g.key_results().next()
        {
            touched.push(k.id.clone());
        }
        if touched.is_empty() {
            kept = g.rollup(as_of);
        }
        for k in &touched {
            kept.refresh_key_result(&g, k).expect("known key result");
        }
        let rollup = g.rollup(as_of);
        let full = snapshot(&rollup);
        assert_eq!(snapshot(&kept), full, "incremental != full after {op:?}");
        assert_eq!(snapshot(live.rollup()), full, "live != full after {op:?}");
        // the blocked flag is exactly "something blocks it", and explanations say what
        for n in rollup.nodes() {
            let blockers = rollup.blockers(n.id);
            assert_eq!(
                n.values.blocked,
                !blockers.is_empty(),
                "{} after {op:?}",
                n.id
            );
            if n.values.blocked {
                let e = g.explain_progress(n.id, as_of).expect("explain a node");
                let ids: Vec<&str> = e.blockers.iter().map(|b| b.id.as_str()).collect();
                let want: Vec<&str> = blockers.iter().map(|b| b.id).collect();
                assert_eq!(ids, want, "explained blockers of {} after {op:?}", n.id);
                e.render_text();
            }
        }
    }
    // the document of what was built loads back to the same document and the same figures
    let saved = g.to_json();
    let again = load_str_with(&saved, &Limits::none()).expect("saved documents load");
    assert_eq!(again.to_json(), saved, "round trip");
    assert_eq!(snapshot(&again.rollup(as_of)), snapshot(&g.rollup(as_of)));
}
