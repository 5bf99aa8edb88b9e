//! Property tests over random graphs mixing aggregate key results (of every function, with
//! conversion factors and aggregates of aggregates), key results of every kind, and objectives
//! with either status rule, and initiatives weighed into every other key result: the
//! incremental rollup after each check-in and initiative update equals a full one; an
//! aggregate's value equals a plain recursive reference (initiatives never count in it); a
//! `worst` objective's status is the worst of its counting inputs' statuses.
#![allow(clippy::disallowed_methods)] // tests may sort with std

mod common;

use common::*;
use okr_core::{
    AggregateFunction, CheckInValue, Initiative, InitiativeUpdate, KeyResult, KeyResultParent,
    Measure, NodeKind, Objective, OkrGraph, RollupMode, Status, StatusRule,
};
use proptest::prelude::*;

const FUNCTIONS: [AggregateFunction; 5] = [
    AggregateFunction::Sum,
    AggregateFunction::Mean,
    AggregateFunction::Min,
    AggregateFunction::Max,
    AggregateFunction::CountDone,
];

#[derive(Debug, Clone)]
struct Spec {
    /// Per objective: worst rule, rollup mode index, parents (indices below it).
    objs: Vec<(bool, usize, Vec<usize>)>,
    /// Per key result: objective, kind (0 numeric u, 1 numeric v, 2 threshold, 3 boolean,
    /// 4.. aggregate of FUNCTIONS[kind - 4]), parent (index of an earlier key result).
    krs: Vec<(usize, usize, Option<usize>)>,
    /// (key result, value 0..100, day of November 1..28)
    check_ins: Vec<(usize, u32, u32)>,
    /// Initiatives: key result (every other key result weighs its initiatives in).
    initiatives: Vec<usize>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (1usize..6).prop_flat_map(|n| {
        let objs = proptest::collection::vec(
            (
                any::<bool>(),
                0usize..3,
                proptest::collection::vec(0usize..n, 0..3),
            ),
            n,
        );
        let krs = proptest::collection::vec(
            (
                0usize..n,
                prop_oneof![0usize..4, 4usize..9],
                proptest::option::weighted(0.8, 0usize..12),
            ),
            1..12,
        );
        let check_ins = proptest::collection::vec((0usize..12, 0u32..100, 1u32..28), 0..16);
        let initiatives = proptest::collection::vec(0usize..12, 0..6);
        (objs, krs, check_ins, initiatives).prop_map(|(objs, krs, check_ins, initiatives)| Spec {
            objs,
            krs,
            check_ins,
            initiatives,
        })
    })
}

fn measure(kind: usize) -> Measure {
    let numeric = |unit: &str| Measure::Numeric {
        start: 10.0,
        target: 90.0,
        unit: unit.into(),
        direction: None,
    };
    match kind {
        0 => numeric("u"),
        1 => numeric("v"),
        2 => threshold(okr_core::Bound::AtOrAbove, 50.0, None),
        3 => Measure::Boolean,
        k => Measure::Aggregate {
            function: FUNCTIONS[k - 4],
            start: 0.0,
            target: 200.0,
            unit: "u".into(),
            direction: None,
        },
    }
}

/// The graph of `spec`; a link or parent the rules refuse is left out (the refusal itself is
/// tested elsewhere).
fn build(spec: &Spec) -> OkrGraph {
    let mut g = base();
    let modes = [
        RollupMode::Both,
        RollupMode::KeyResults,
        RollupMode::Children,
    ];
    for (i, (worst, mode, _)) in spec.objs.iter().enumerate() {
        let mut o = Objective::new(format!("o{i}"), format!("o{i}"), "o", "q");
        o.rollup = modes[*mode];
        if *worst {
            o.status_rule = StatusRule::Worst;
        }
        g.add_objective(o).unwrap();
    }
    for (i, (_, _, parents)) in spec.objs.iter().enumerate() {
        for &p in parents {
            if p < i {
                let _ = g.link(&format!("o{i}"), &format!("o{p}"), 1.0 + p as f64);
            }
        }
    }
    for (k, &(o, kind, parent)) in spec.krs.iter().enumerate() {
        let mut kr = KeyResult::new(
            format!("k{k}"),
            format!("k{k}"),
            format!("o{o}"),
            measure(kind),
        );
        if k % 2 == 0 {
            kr.initiatives_weight = Some(0.5);
        }
        let mut with = kr.clone();
        if let Some(p) = parent.filter(|_| k > 0).map(|p| p % k.max(1)) {
            with.parent = Some(KeyResultParent {
                id: format!("k{p}"),
                // the other unit converts
                factor: (kind == 1 && spec.krs[p].1 != 8).then_some(0.5),
            });
        }
        if g.add_key_result(with).is_err() {
            g.add_key_result(kr).unwrap();
        }
    }
    for (i, &k) in spec.initiatives.iter().enumerate() {
        let kr = format!("k{}", k % spec.krs.len());
        g.add_initiative(Initiative::new(format!("i{i}"), kr, "work"))
            .unwrap();
    }
    g
}

fn check_in_value(m: &Measure, v: u32) -> Option<CheckInValue> {
    match m {
        Measure::Numeric { .. } | Measure::Threshold { .. } => Some(CheckInValue::Value(v.into())),
        Measure::Boolean => Some(CheckInValue::Done(v > 50)),
        _ => None,
    }
}

/// The value of aggregate `id` as of the rollup's day, from the definition: the values in
/// force of the key results under it (the latest check-in, else the start; aggregates
/// recursively), times their factors.
fn reference_value(g: &OkrGraph, id: &str, day: chrono::NaiveDate) -> Option<f64> {
    let Measure::Aggregate { function, .. } = g.key_result(id)?.measure else {
        return None;
    };
    let end = day.and_hms_opt(23, 59, 59).unwrap().and_utc();
    let mut values = Vec::new();
    let mut done = 0.0;
    let under = g.key_results_under(id);
    for kr in &under {
        let latest = g.check_ins(&kr.id).iter().rev().find(|c| c.at <= end);
        let (value, progress) = match &kr.measure {
            Measure::Numeric { start, target, .. } => {
                let v = match latest.map(|c| &c.value) {
                    Some(CheckInValue::Value(v)) => *v,
                    _ => *start,
                };
                (Some(v), ((v - start) / (target - start)).clamp(0.0, 1.0))
            }
            Measure::Threshold { value: x, .. } => match latest.map(|c| &c.value) {
                Some(CheckInValue::Value(v)) => (Some(*v), if v >= x { 1.0 } else { 0.0 }),
                _ => (None, 0.0),
            },
            Measure::Boolean => {
                let d = matches!(latest.map(|c| &c.value), Some(CheckInValue::Done(true)));
                (None, if d { 1.0 } else { 0.0 })
            }
            Measure::Aggregate { start, target, .. } => {
                let v = reference_value(g, &kr.id, day);
                (
                    v,
                    v.map_or(0.0, |v| ((v - start) / (target - start)).clamp(0.0, 1.0)),
                )
            }
            Measure::Milestones { .. } => unreachable!("none made"),
        };
        if progress >= 1.0 {
            done += 1.0;
        }
        if let Some(v) = value {
            values.push(v * kr.parent.as_ref().unwrap().factor.unwrap_or(1.0));
        }
    }
    if function == AggregateFunction::CountDone {
        return (!under.is_empty()).then_some(done);
    }
    if values.is_empty() {
        return None;
    }
    let sum: f64 = values.iter().sum();
    Some(match function {
        AggregateFunction::Sum => sum,
        AggregateFunction::Mean => sum / values.len() as f64,
        AggregateFunction::Min => values.iter().copied().fold(f64::INFINITY, f64::min),
        AggregateFunction::Max => values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        AggregateFunction::CountDone => unreachable!(),
    })
}

fn severity(s: Status) -> u8 {
    match s {
        Status::OffTrack => 4,
        Status::AtRisk => 3,
        Status::NoData => 2,
        Status::OnTrack => 1,
        _ => 0,
    }
}

fn check_rules(g: &OkrGraph, r: &okr_core::Rollup) -> Result<(), TestCaseError> {
    let day = r.as_of().date();
    for kr in g.key_results() {
        if matches!(kr.measure, Measure::Aggregate { .. }) {
            let got = r.key_result(&kr.id).unwrap().value;
            prop_assert_eq!(got, reference_value(g, &kr.id, day), "aggregate {}", kr.id);
        }
    }
    for o in g.objectives() {
        let v = r.objective(&o.id).unwrap();
        if o.status_rule != StatusRule::Worst
            || !matches!(
                v.status,
                Status::OnTrack | Status::AtRisk | Status::OffTrack | Status::NoData
            )
        {
            continue;
        }
        let mut inputs = Vec::new();
        if o.rollup.counts_key_results() {
            for kr in g.key_results_of(&o.id) {
                inputs.push(r.key_result(&kr.id).unwrap().status);
            }
        }
        if o.rollup.counts_children() {
            for (c, _) in g.children_of(&o.id) {
                if g.objective(c).unwrap().state.counts() {
                    inputs.push(r.objective(c).unwrap().status);
                }
            }
        }
        let worst = inputs
            .into_iter()
            .filter(|s| severity(*s) > 0)
            .max_by_key(|s| severity(*s));
        if let Some(w) = worst {
            prop_assert_eq!(v.status, w, "objective {}", o.id);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn incremental_equals_full_and_the_reference(spec in spec()) {
        let mut g = build(&spec);
        let at = d(11, 28);
        let mut kept = g.rollup(at);
        check_rules(&g, &kept)?;
        for &(k, v, day) in &spec.check_ins {
            let id = format!("k{}", k % spec.krs.len());
            let m = g.key_result(&id).unwrap().measure.clone();
            let Some(value) = check_in_value(&m, v) else { continue };
            g.check_in(&id, ci(t(11, day, 9, 0), value)).unwrap();
            kept.refresh_key_result(&g, &id).unwrap();
            if !spec.initiatives.is_empty() {
                // and an update of an initiative
                let i = format!("i{}", (k + v as usize) % spec.initiatives.len());
                let u = InitiativeUpdate::percent(t(11, day, 10, 0), f64::from(v));
                g.record_initiative_update(&i, u).unwrap();
                let kr = g.initiative(&i).unwrap().key_result.clone();
                kept.refresh_key_result(&g, &kr).unwrap();
            }
            let fresh = g.rollup(at);
            prop_assert_eq!(
                kept.nodes().collect::<Vec<_>>(),
                fresh.nodes().collect::<Vec<_>>()
            );
            check_rules(&g, &fresh)?;
        }
        // a document keeps it all
        let json = g.to_json();
        let again = OkrGraph::from_json(&json).unwrap();
        prop_assert_eq!(again.to_json(), json);
        let (a, b) = (again.rollup(at), g.rollup(at));
        // a document lists key results by objective: compare by id
        let sorted = |r: &okr_core::Rollup| {
            let mut v: Vec<_> = r.nodes().map(|n| (n.id.to_string(), n.values)).collect();
            v.sort_by(|x, y| x.0.cmp(&y.0));
            v
        };
        prop_assert_eq!(sorted(&a), sorted(&b));
        prop_assert!(b.nodes().all(|n| n.kind == NodeKind::Objective || n.values.value.is_none_or(f64::is_finite)));
    }
}
