//! Property tests of the rollup: incremental == full rollup, a differential test against a plain
//! reference implementation written from the `rollup.rs` semantics text (also over extreme finite
//! values: ±1e308, subnormals, mixed magnitudes), rescaled weights, wide parents. Random links
//! are in `link_properties.rs`, document round trips in `document_properties.rs`.

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

mod spec;

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use okr_core::{
    AsOf, Bound, CheckIn, CheckInValue, Cycle, KeyResult, Measure, Objective, ObjectiveState,
    OkrGraph, Owner, RollupConfig, RollupMode,
};
use proptest::prelude::*;
use proptest::sample::Index;

use spec::*;

// ----- reference implementation (from the semantics text only) --------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
struct RefValues {
    progress: Option<f64>,
    attainment: Option<f64>,
    expected: f64,
    status: &'static str,
    confidence: Option<f64>,
    stale: bool,
    reason: Option<&'static str>,
}

/// Progress and attainment of an input, `None` when progress is undefined (attainment
/// alone is undefined when out of range).
type RefFigures = Option<(f64, Option<f64>)>;

struct Reference<'a> {
    spec: &'a Spec,
    links: Vec<(usize, usize, f64)>,
    /// Check-ins per key result in insertion order.
    cis: Vec<Vec<CheckIn>>,
    at: DateTime<Utc>,
    cfg: RollupConfig,
    kr_memo: HashMap<usize, RefValues>,
    obj_memo: HashMap<usize, RefValues>,
}

fn ref_expected(d: NaiveDate, (s, e): (NaiveDate, NaiveDate)) -> f64 {
    let elapsed = (d - s).num_days() + 1;
    let len = (e - s).num_days() + 1;
    (elapsed as f64 / len as f64).clamp(0.0, 1.0)
}

fn ref_status(
    d: NaiveDate,
    (s, e): (NaiveDate, NaiveDate),
    p: Option<f64>,
    exp: f64,
    cfg: &RollupConfig,
) -> &'static str {
    if d < s {
        "not_started"
    } else if d > e {
        "closed"
    } else {
        match p {
            None => "no_data",
            Some(p) if p + 1e-12 >= exp - cfg.on_track_margin => "on_track",
            Some(p) if p + 1e-12 >= exp - cfg.at_risk_margin => "at_risk",
            Some(_) => "off_track",
        }
    }
}

impl<'a> Reference<'a> {
    fn new(spec: &'a Spec, checkins: &[(usize, CheckIn)], at: AsOf, cfg: RollupConfig) -> Self {
        let mut cis = vec![Vec::new(); spec.krs.len()];
        for (k, c) in checkins {
            cis[*k].push(c.clone());
        }
        Reference {
            spec,
            links: spec.links(),
            cis,
            at: at.0,
            cfg,
            kr_memo: HashMap::new(),
            obj_memo: HashMap::new(),
        }
    }

    fn day(&self) -> NaiveDate {
        self.at.date_naive()
    }

    fn kr(&mut self, k: usize) -> RefValues {
        if let Some(v) = self.kr_memo.get(&k) {
            return *v;
        }
        let at = self.at;
        // the latest check-in at or before `at`; of equal times, the one recorded last
        let visible: Vec<&CheckIn> = self.cis[k].iter().filter(|c| c.at <= at).collect();
        let mut current: Option<&CheckIn> = None;
        for c in &visible {
            if current.is_none_or(|cur| c.at >= cur.at) {
                current = Some(c);
            }
        }
        let mut confidence = None;
        let mut conf_at = None;
        for c in &visible {
            if let Some(x) = c.confidence
                && conf_at.is_none_or(|t| c.at >= t)
            {
                confidence = Some(x);
                conf_at = Some(c.at);
            }
        }
        let (p, a) = match self.spec.measure(k) {
            Measure::Numeric { start, target, .. } => {
                let v = match current.map(|c| &c.value) {
                    Some(CheckInValue::Value(v)) => *v,
                    _ => start,
                };
                let a = ref_attainment(v, start, target);
                if a.is_finite() {
                    (Some(a.clamp(0.0, 1.0)), Some(a))
                } else {
                    // beyond the range of f64: progress by its sign, attainment undefined
                    (Some(if a > 0.0 { 1.0 } else { 0.0 }), None)
                }
            }
            Measure::Threshold {
                bound,
                value,
                start,
                ..
            } => {
                let v = match current.map(|c| &c.value) {
                    Some(CheckInValue::Value(v)) => Some(*v),
                    _ => start,
                };
                let p = v.map(|v| {
                    let met = match bound {
                        Bound::AtOrAbove => v >= value,
                        Bound::AtOrBelow => v <= value,
                    };
                    if met { 1.0 } else { 0.0 }
                });
                (p, p)
            }
            Measure::Boolean => {
                let p = match current.map(|c| &c.value) {
                    Some(CheckInValue::Done(true)) => 1.0,
                    _ => 0.0,
                };
                (Some(p), Some(p))
            }
            Measure::Milestones { milestones } => {
                // weights relative to the largest: the sums cannot overflow
                let max = milestones.iter().map(|m| m.weight).fold(0.0, f64::max);
                let total: f64 = milestones.iter().map(|m| m.weight / max).sum();
                let done: f64 = match current.map(|c| &c.value) {
                    Some(CheckInValue::Milestones(names)) => milestones
                        .iter()
                        .filter(|m| names.contains(&m.name))
                        .map(|m| m.weight / max)
                        .sum(),
                    _ => 0.0,
                };
                (Some(done / total), Some(done / total))
            }
            Measure::Aggregate { .. } => unreachable!("these specs make no aggregates"),
        };
        let o = self.spec.kr_obj(k);
        let cycle = cycle_period(self.spec.objs[o].2);
        let period = (cycle.0, self.spec.kr_due(k).unwrap_or(cycle.1));
        let d = self.day();
        let expected = ref_expected(d, period);
        let since = current.map(|c| c.at.date_naive()).unwrap_or(period.0);
        let stale = STATES[self.spec.objs[o].0] == ObjectiveState::Active
            && d >= period.0
            && d <= period.1
            && (d - since).num_days() > self.cfg.stale_days as i64;
        let v = RefValues {
            progress: p,
            attainment: a,
            expected,
            status: ref_status(d, period, p, expected, &self.cfg),
            confidence,
            stale,
            reason: if p.is_none() {
                Some("no_value")
            } else {
                a.is_none().then_some("out_of_range")
            },
        };
        self.kr_memo.insert(k, v);
        v
    }

    fn obj(&mut self, i: usize) -> RefValues {
        if let Some(v) = self.obj_memo.get(&i) {
            return *v;
        }
        let (st, mode, cycle) = self.spec.objs[i];
        let mode = MODES[mode];
        let own: Vec<usize> = (0..self.spec.krs.len())
            .filter(|&k| self.spec.kr_obj(k) == i)
            .collect();
        // (weight, progress and attainment) of every counting input
        let mut inputs: Vec<(f64, RefFigures)> = Vec::new();
        if mode != RollupMode::Children {
            for &k in &own {
                let v = self.kr(k);
                let w = self.spec.weights[self.spec.krs[k].w];
                inputs.push((w, v.progress.map(|p| (p, v.attainment))));
            }
        }
        if mode != RollupMode::KeyResults {
            let children: Vec<(usize, f64)> = self
                .links
                .iter()
                .filter(|l| l.1 == i)
                .map(|l| (l.0, l.2))
                .collect();
            for (c, w) in children {
                let cs = STATES[self.spec.objs[c].0];
                if cs == ObjectiveState::Draft || cs == ObjectiveState::Abandoned {
                    continue;
                }
                let v = self.obj(c);
                inputs.push((w, v.progress.map(|p| (p, v.attainment))));
            }
        }
        let defined: Vec<(f64, f64, Option<f64>)> = inputs
            .iter()
            .filter_map(|(w, pa)| pa.map(|(p, a)| (*w, p, a)))
            .collect();
        // only weights above 0 take part in the means
        let counted: Vec<(f64, f64, Option<f64>)> =
            defined.iter().copied().filter(|x| x.0 > 0.0).collect();
        let (progress, attainment, reason) = if inputs.is_empty() {
            (None, None, Some("no_counting_children"))
        } else if defined.is_empty() {
            (None, None, Some("no_child_progress"))
        } else if counted.is_empty() {
            (None, None, Some("all_weights_zero"))
        } else {
            let shares = ref_shares(&counted.iter().map(|x| x.0).collect::<Vec<_>>());
            let p: f64 = shares.iter().zip(&counted).map(|(s, x)| s * x.1).sum();
            // halves, doubled: a mean of values up to f64::MAX cannot overflow on the way
            let a = counted
                .iter()
                .zip(&shares)
                .map(|(x, s)| x.2.map(|a| s * (a / 2.0)))
                .sum::<Option<f64>>()
                .map(|h| h * 2.0)
                .filter(|a| a.is_finite());
            (Some(p), a, a.is_none().then_some("out_of_range"))
        };
        // confidence: weighted mean over own key results that have one
        let mut confident = Vec::new();
        let mut all_stale = !own.is_empty();
        for &k in &own {
            let v = self.kr(k);
            let w = self.spec.weights[self.spec.krs[k].w];
            if let Some(c) = v.confidence
                && w > 0.0
            {
                confident.push((w, c));
            }
            all_stale &= v.stale;
        }
        let confidence = (!confident.is_empty()).then(|| {
            let shares = ref_shares(&confident.iter().map(|x| x.0).collect::<Vec<_>>());
            shares.iter().zip(&confident).map(|(s, x)| s * x.1).sum()
        });
        let period = cycle_period(cycle);
        let d = self.day();
        let expected = ref_expected(d, period);
        let v = RefValues {
            progress,
            attainment,
            expected,
            status: ref_status(d, period, progress, expected, &self.cfg),
            confidence,
            stale: STATES[st] == ObjectiveState::Active
                && d >= period.0
                && d <= period.1
                && all_stale,
            reason,
        };
        self.obj_memo.insert(i, v);
        v
    }
}

/// `(v - s) / (t - s)`, the exact ratio rounded: as written when neither difference
/// overflows, else from halves (whose differences cannot). Beyond the range of f64 it is
/// infinite with the sign of the true ratio, read from comparisons (not from a quotient by a
/// difference that may have rounded to 0).
fn ref_attainment(v: f64, s: f64, t: f64) -> f64 {
    let a = if (v - s).is_finite() && (t - s).is_finite() {
        (v - s) / (t - s)
    } else {
        (v / 2.0 - s / 2.0) / (t / 2.0 - s / 2.0)
    };
    if a.is_finite() {
        a
    } else if (v > s) == (t > s) {
        f64::INFINITY
    } else {
        f64::NEG_INFINITY
    }
}

/// Each weight's share of their sum (weights above 0), computed relative to the largest so
/// that the sum cannot overflow.
fn ref_shares(weights: &[f64]) -> Vec<f64> {
    let max = weights.iter().copied().fold(0.0, f64::max);
    let total: f64 = weights.iter().map(|w| w / max).sum();
    weights.iter().map(|w| w / max / total).collect()
}

fn reason_name(r: Option<okr_core::UndefinedReason>) -> Option<&'static str> {
    use okr_core::UndefinedReason::*;
    r.map(|r| match r {
        NoCountingChildren => "no_counting_children",
        NoChildProgress => "no_child_progress",
        AllWeightsZero => "all_weights_zero",
        NoValue => "no_value",
        OutOfRange => "out_of_range",
        #[allow(unreachable_patterns)]
        _ => "other",
    })
}

fn check_against_reference(
    g: &OkrGraph,
    spec: &Spec,
    checkins: &[(usize, CheckIn)],
) -> Result<(), TestCaseError> {
    let at = spec.as_of();
    let r = g.rollup_with(at, &spec.cfg).unwrap();
    let mut reference = Reference::new(spec, checkins, at, spec.cfg);
    let mut nodes: Vec<(String, RefValues)> = Vec::new();
    for i in 0..spec.n() {
        nodes.push((spec.oid(i), reference.obj(i)));
    }
    for k in 0..spec.krs.len() {
        nodes.push((format!("k{k}"), reference.kr(k)));
    }
    prop_assert_eq!(r.len(), nodes.len());
    for (id, want) in nodes {
        let got = r.get(&id).unwrap().values;
        prop_assert!(
            opt_close(got.progress, want.progress),
            "{id} progress {:?} != {:?}",
            got.progress,
            want.progress
        );
        prop_assert!(
            opt_close(got.attainment, want.attainment),
            "{id} attainment {:?} != {:?}",
            got.attainment,
            want.attainment
        );
        prop_assert!(
            (got.expected - want.expected).abs() <= 1e-12,
            "{id} expected"
        );
        prop_assert_eq!(got.status.as_str(), want.status, "{} status", id);
        prop_assert!(
            opt_close(got.confidence, want.confidence),
            "{id} confidence {:?} != {:?}",
            got.confidence,
            want.confidence
        );
        prop_assert_eq!(got.stale, want.stale, "{} stale", id);
        prop_assert_eq!(
            reason_name(got.undefined_reason),
            want.reason,
            "{} reason",
            id
        );
    }
    Ok(())
}

/// After each of the spec's check-ins (and its structural change half way), refreshing a kept
/// rollup gives exactly a fresh rollup.
fn check_incremental(spec: &Spec) -> Result<(), TestCaseError> {
    let mut g = spec.build();
    g.set_clock(Some(okr_core::Revise::on(
        chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
    )));
    let at = spec.as_of();
    let mut r = g.rollup_with(at, &spec.cfg).unwrap();
    let cis = spec.check_ins();
    let half = cis.len() / 2;
    for (i, (k, c)) in cis.into_iter().enumerate() {
        if i == half
            && let Some((o, st)) = &spec.midway
        {
            // a structural change: the kept rollup must notice it
            let id = spec.oid(o.index(spec.n()));
            let mut obj = g.objective(&id).unwrap().clone();
            obj.state = STATES[*st];
            g.update_objective(obj).unwrap();
        }
        let kid = format!("k{k}");
        g.check_in(&kid, c).unwrap();
        r.refresh_key_result(&g, &kid).unwrap();
        let fresh = g.rollup_with(at, &spec.cfg).unwrap();
        prop_assert_eq!(
            snapshot(&r),
            snapshot(&fresh),
            "after check-in {} on {}",
            i,
            kid
        );
    }
    Ok(())
}

/// The spec's graph with all its check-ins, rolled up at its as-of time.
fn rolled_up(spec: &Spec) -> (OkrGraph, okr_core::Rollup, Vec<(usize, CheckIn)>) {
    let mut g = spec.build();
    let cis = spec.check_ins();
    for (k, c) in &cis {
        g.check_in(&format!("k{k}"), c.clone()).unwrap();
    }
    let r = g.rollup_with(spec.as_of(), &spec.cfg).unwrap();
    (g, r, cis)
}

/// The spec with every key result, link and milestone weight multiplied by one factor `c`,
/// and `c`: at `u` (0 to 1) of the way, in magnitude, through the factors that keep every
/// weight above 0 in the normal range (where a product keeps its ratio to the others),
/// rounded to a power of two when `pow2`. 1 when no factor but 1 does.
fn rescaled(spec: &Spec, u: f64, pow2: bool) -> (Spec, f64) {
    let mut all: Vec<f64> = spec.weights.clone();
    for k in &spec.krs {
        if let MSpec::Milestones { weights } = &k.m {
            all.extend(weights);
        }
    }
    let nonzero = all.iter().copied().filter(|&w| w > 0.0);
    let (min, max) = nonzero.fold((f64::INFINITY, 0.0f64), |(a, b), w| (a.min(w), b.max(w)));
    let (lo, hi) = (
        (f64::MIN_POSITIVE / min).log2() + 1e-6,
        (f64::MAX / max).log2() - 1e-6,
    );
    let mut e = lo + u * (hi - lo);
    if pow2 {
        e = e.ceil();
    }
    let mut c = e.exp2();
    if !(max == 0.0 || lo <= e && e <= hi && all.iter().all(|&w| w == 0.0 || (w * c).is_normal())) {
        c = 1.0;
    }
    let mut out = spec.clone();
    out.weights = spec.weights.iter().map(|w| w * c).collect();
    for k in &mut out.krs {
        if let MSpec::Milestones { weights } = &mut k.m {
            weights.iter_mut().for_each(|w| *w *= c);
        }
    }
    (out, c)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    /// (a) After each check-in, refreshing a kept rollup gives exactly a fresh rollup.
    #[test]
    fn incremental_equals_full(spec in spec(8, Vals::Grid)) {
        check_incremental(&spec)?;
    }

    /// (a) The same over extreme values (see `extreme`): the careful paths (wide weights,
    /// attainments out of range) are taken alike by a refresh and a full rollup.
    #[test]
    fn incremental_equals_full_extreme(spec in spec(8, Vals::Extreme)) {
        check_incremental(&spec)?;
    }

    /// (a, live) A `LiveRollup` fed the same check-ins and structural change, one by one or
    /// in batches, always equals a fresh rollup of its graph.
    #[test]
    fn live_rollup_equals_fresh(spec in spec(8, Vals::Grid), batch in 1usize..4) {
        let at = spec.as_of();
        let mut live = okr_core::LiveRollup::with_config(spec.build(), at, &spec.cfg).unwrap();
        let cis = spec.check_ins();
        let half = cis.len() / 2;
        let mut pending: Vec<(String, CheckIn)> = Vec::new();
        for (i, (k, c)) in cis.into_iter().enumerate() {
            if i == half
                && let Some((o, st)) = &spec.midway {
                    let id = spec.oid(o.index(spec.n()));
                    live.edit(|g| {
                        let mut obj = g.objective(&id).unwrap().clone();
                        obj.state = STATES[*st];
                        g.set_clock(Some(okr_core::Revise::on(chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap())));
                        g.update_objective(obj)
                    })
                    .unwrap();
                }
            pending.push((format!("k{k}"), c));
            if pending.len() >= batch {
                live.check_in_many(std::mem::take(&mut pending)).unwrap();
            }
            let fresh = live.graph().rollup_with(at, &spec.cfg).unwrap();
            prop_assert_eq!(snapshot(live.rollup()), snapshot(&fresh), "after check-in {}", i);
        }
        // a refused change leaves graph and figures as they were
        let before = snapshot(live.rollup());
        prop_assert!(live.check_in("no-such-kr", CheckIn::value(at.0, 1.0)).is_err());
        prop_assert_eq!(snapshot(live.rollup()), before);
    }

    /// (a') Rolling up again into a kept result (`Rollup::recompute`, which reuses its
    /// memory), after check-ins, a structural change and at another date, gives exactly a
    /// fresh rollup at that date with the kept result's configuration.
    #[test]
    fn recompute_equals_fresh(spec in spec(8, Vals::Grid), later in 0i64..200) {
        let mut g = spec.build();
        let at = spec.as_of();
        let mut kept = g.rollup_with(at, &spec.cfg).unwrap();
        let cis = spec.check_ins();
        let half = cis.len() / 2;
        for (i, (k, c)) in cis.into_iter().enumerate() {
            if i == half {
                kept.recompute(&g, at);
                prop_assert_eq!(snapshot(&kept), snapshot(&g.rollup_with(at, &spec.cfg).unwrap()));
                if let Some((o, st)) = &spec.midway {
                    let id = spec.oid(o.index(spec.n()));
                    let mut obj = g.objective(&id).unwrap().clone();
                    obj.state = STATES[*st];
                    g.set_clock(Some(okr_core::Revise::on(chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap())));
                    g.update_objective(obj).unwrap();
                }
            }
            g.check_in(&format!("k{k}"), c).unwrap();
        }
        let at2 = AsOf::from(at.0 + Duration::days(later - 100));
        kept.recompute(&g, at2);
        let fresh = g.rollup_with(at2, &spec.cfg).unwrap();
        prop_assert_eq!(kept.as_of(), at2);
        prop_assert_eq!(kept.config(), fresh.config());
        prop_assert_eq!(snapshot(&kept), snapshot(&fresh));
    }

    /// (a'') `Rollup::figure_columns` holds exactly the figures of `nodes()`, in its order,
    /// also for key results whose check-in in force was read from the graph by a refresh; and
    /// `Rollup::columns` the whole rows.
    #[test]
    fn figure_columns_equal_nodes(spec in spec(8, Vals::Grid)) {
        let mut g = spec.build();
        let cis = spec.check_ins();
        let half = cis.len() / 2;
        for (k, c) in &cis[..half] {
            g.check_in(&format!("k{k}"), c.clone()).unwrap();
        }
        let mut r = g.rollup_with(spec.as_of(), &spec.cfg).unwrap();
        for (k, c) in &cis[half..] {
            g.check_in(&format!("k{k}"), c.clone()).unwrap();
            r.refresh_key_result(&g, &format!("k{k}")).unwrap();
        }
        let c = r.figure_columns();
        let bits = |x: Option<f64>| x.unwrap_or(f64::NAN).to_bits();
        let nodes: Vec<_> = r.nodes().collect();
        prop_assert_eq!(c.kind.len(), nodes.len());
        for (i, n) in nodes.iter().enumerate() {
            let v = &n.values;
            prop_assert_eq!(c.kind[i], n.kind, "{}", n.id);
            prop_assert_eq!(c.progress[i].to_bits(), bits(v.progress), "{}", n.id);
            prop_assert_eq!(c.attainment[i].to_bits(), bits(v.attainment), "{}", n.id);
            prop_assert_eq!(c.expected[i].to_bits(), v.expected.to_bits(), "{}", n.id);
            prop_assert_eq!(c.confidence[i].to_bits(), bits(v.confidence), "{}", n.id);
            prop_assert_eq!(c.status[i], v.status, "{}", n.id);
            prop_assert_eq!(c.stale[i], v.stale, "{}", n.id);
        }
        // and `Rollup::columns`, the whole rows: the same figures, ids and the rest
        let rows = r.columns();
        let f = &rows.figures;
        let all_bits = |xs: &[f64]| xs.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        for (a, b) in [
            (&f.progress, &c.progress),
            (&f.attainment, &c.attainment),
            (&f.expected, &c.expected),
            (&f.confidence, &c.confidence),
        ] {
            prop_assert_eq!(all_bits(a), all_bits(b));
        }
        prop_assert_eq!((&f.kind, &f.status, &f.stale), (&c.kind, &c.status, &c.stale));
        prop_assert_eq!(rows.ids.len(), nodes.len());
        for (i, n) in nodes.iter().enumerate() {
            let v = &n.values;
            prop_assert_eq!(rows.ids[i], n.id);
            prop_assert_eq!(rows.undefined_reason[i], v.undefined_reason, "{}", n.id);
            prop_assert_eq!(rows.value[i].to_bits(), bits(v.value), "{}", n.id);
            prop_assert_eq!(rows.last_check_in[i], v.last_check_in, "{}", n.id);
        }
    }

    /// (b) The engine agrees with a plain recursive reference implementation.
    #[test]
    fn differential_against_reference(spec in spec(8, Vals::Grid)) {
        let mut g = spec.build();
        let cis = spec.check_ins();
        for (k, c) in &cis {
            g.check_in(&format!("k{k}"), c.clone()).unwrap();
        }
        check_against_reference(&g, &spec, &cis)?;
    }

    /// (e) Over extreme finite values (weights, measures and check-in values from ±f64::MAX
    /// and ±1e308 to subnormals, mixed in one graph): every progress is finite and in
    /// [0, 1], every attainment finite or undefined with the reason `out_of_range` (progress
    /// stays defined then), every confidence in [0, 1], scores in [0, 1], scorecard signals
    /// and forecasts finite, and the engine agrees with the reference.
    #[test]
    fn extreme_values_stay_finite(spec in spec(6, Vals::Extreme)) {
        let (g, r, cis) = rolled_up(&spec);
        for n in r.nodes() {
            let v = n.values;
            match (v.progress, v.attainment) {
                (Some(p), a) => {
                    prop_assert!((0.0..=1.0).contains(&p), "{} progress {}", n.id, p);
                    match a {
                        Some(a) => prop_assert!(a.is_finite(), "{} attainment {}", n.id, a),
                        None => prop_assert_eq!(
                            v.undefined_reason,
                            Some(okr_core::UndefinedReason::OutOfRange),
                            "{}", n.id
                        ),
                    }
                }
                (None, a) => {
                    prop_assert_eq!(a, None, "{}", n.id);
                    prop_assert!(v.undefined_reason.is_some(), "{}", n.id);
                }
            }
            if let Some(c) = v.confidence {
                prop_assert!((0.0..=1.0).contains(&c), "{} confidence {}", n.id, c);
            }
        }
        // the analytics over the same values: scores in [0, 1], every scorecard signal and
        // forecast figure finite
        let day = r.as_of().0.date_naive();
        let scores = g.scores(day, &Default::default()).unwrap();
        for s in scores.objectives.iter().chain(&scores.key_results) {
            prop_assert!(s.score.is_none_or(|x| (0.0..=1.0).contains(&x)), "{} {:?}", s.id, s.score);
            prop_assert!(s.attainment.is_none_or(f64::is_finite), "{} {:?}", s.id, s.attainment);
        }
        let cards = g.scorecards(day, &Default::default()).unwrap();
        for sig in cards.iter().flat_map(|c| &c.signals) {
            prop_assert!(sig.value.is_none_or(f64::is_finite), "{} {:?}", sig.name, sig.value);
        }
        let f = g.forecast(day, &Default::default()).unwrap();
        for k in &f.key_results {
            for x in [k.slope_per_day, k.value, k.low, k.high] {
                prop_assert!(x.is_finite(), "forecast of {}: {}", k.key_result, x);
            }
        }
        check_against_reference(&g, &spec, &cis)?;
    }

    /// (f) Weights `w` and `c w` give the same figures, within a tight tolerance (key result,
    /// link and milestone weights all multiplied by `c`, extreme weights included).
    #[test]
    fn rescaled_weights_give_the_same_figures(
        spec in spec(6, Vals::Extreme),
        u in 0.0f64..=1.0,
        pow2 in any::<bool>(),
    ) {
        let (scaled, c) = rescaled(&spec, u, pow2);
        let (_, r, _) = rolled_up(&spec);
        let (_, rs, _) = rolled_up(&scaled);
        let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => (a - b).abs() <= 1e-12 * (1.0 + a.abs().max(b.abs())),
            _ => false,
        };
        for n in r.nodes() {
            let (v, w) = (n.values, rs.get(n.id).unwrap().values);
            prop_assert!(close(v.progress, w.progress), "{} progress {:?} {:?} (c = {})", n.id, v.progress, w.progress, c);
            prop_assert!(close(v.attainment, w.attainment), "{} attainment {:?} {:?} (c = {})", n.id, v.attainment, w.attainment, c);
            prop_assert!(close(v.confidence, w.confidence), "{} confidence {:?} {:?} (c = {})", n.id, v.confidence, w.confidence, c);
            prop_assert_eq!(v.undefined_reason, w.undefined_reason, "{} (c = {})", n.id, c);
        }
    }

    /// (b') The same with check-in values of full precision.
    #[test]
    fn differential_against_reference_any_values(spec in spec(6, Vals::Full)) {
        let mut g = spec.build();
        let cis = spec.check_ins();
        for (k, c) in &cis {
            g.check_in(&format!("k{k}"), c.clone()).unwrap();
        }
        check_against_reference(&g, &spec, &cis)?;
    }
}

// ----- (e) wide parents: block sums and check-in columns ------------------------------------

/// A parent `top` with `kids` children (every `skip`-th a draft, every `zero`-th linked with
/// weight 0) and `own` key results of its own, a second parent `mid` (under `top`) that
/// shares every third child, so that sums run in blocks of 64 and changes meet in diamonds.
fn wide_graph(kids: usize, own: usize, skip: usize, zero: usize) -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("own", "O", "team")).unwrap();
    let (s, e) = cycle_period(0);
    g.add_cycle(Cycle::new("c", s, e)).unwrap();
    g.add_objective(Objective::new("top", "T", "own", "c"))
        .unwrap();
    g.add_objective(Objective::new("mid", "M", "own", "c"))
        .unwrap();
    g.link("mid", "top", 2.0).unwrap();
    for k in 0..own {
        let m = if k % 5 == 4 {
            Measure::Threshold {
                bound: Bound::AtOrAbove,
                value: 10.0,
                unit: String::new(),
                start: None,
            }
        } else {
            Measure::numeric(0.0, 10.0 + k as f64)
        };
        g.add_key_result(
            KeyResult::new(format!("t{k}"), "K", "top", m).with_weight((k % 3) as f64),
        )
        .unwrap();
    }
    for i in 0..kids {
        let id = format!("c{i}");
        let mut o = Objective::new(&id, "C", "own", "c");
        if skip > 0 && i % skip == 0 {
            o.state = ObjectiveState::Draft;
        }
        g.add_objective(o).unwrap();
        let w = if zero > 0 && i % zero == 0 {
            0.0
        } else {
            1.0 + (i % 2) as f64
        };
        g.link(&id, "top", w).unwrap();
        if i % 3 == 0 {
            g.link(&id, "mid", 1.0).unwrap();
        }
        g.add_key_result(KeyResult::new(
            format!("k{i}"),
            "K",
            &id,
            Measure::numeric(0.0, 100.0),
        ))
        .unwrap();
    }
    g
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// (e) With parents of hundreds of inputs (summed in blocks) and many check-ins (so that
    /// the check-in columns go dirty and get rebuilt), refreshing a kept rollup after each
    /// check-in still gives exactly a fresh rollup, and the sums agree with a plain weighted
    /// mean.
    #[test]
    fn incremental_equals_full_with_wide_parents(
        kids in 60usize..300,
        own in 0usize..80,
        skip in 0usize..9,
        zero in 0usize..13,
        cis in proptest::collection::vec((any::<Index>(), 0u32..2000, 0i64..100, proptest::option::of(0u8..=20)), 1..120),
    ) {
        let mut g = wide_graph(kids, own, skip, zero);
        let at = AsOf::from(cycle_period(0).0 + Duration::days(40));
        let mut kept = g.rollup(at);
        let krs: Vec<String> = g.key_results().map(|k| k.id.clone()).collect();
        for (i, (k, v, minutes, conf)) in cis.into_iter().enumerate() {
            let kr = &krs[k.index(krs.len())];
            let t = base_time() + Duration::days(15) + Duration::minutes(minutes * 600);
            let mut c = CheckIn::value(t, f64::from(v) / 10.0);
            c.confidence = conf.map(|c| f64::from(c) / 20.0);
            g.check_in(kr, c).unwrap();
            kept.refresh_key_result(&g, kr).unwrap();
            if i % 7 == 0 || i < 3 {
                let fresh = g.rollup(at);
                prop_assert_eq!(snapshot(&kept), snapshot(&fresh), "after check-in {} on {}", i, kr);
            }
        }
        let fresh = g.rollup(at);
        prop_assert_eq!(snapshot(&kept), snapshot(&fresh));
        // top's progress is the plain weighted mean of its counting inputs
        let (mut num, mut den) = (0.0, 0.0);
        for kr in g.key_results_of("top") {
            if let Some(p) = fresh.key_result(&kr.id).unwrap().progress {
                num += kr.weight * p;
                den += kr.weight;
            }
        }
        for (c, w) in g.children_of("top") {
            if g.objective(c).unwrap().state.counts()
                && let Some(p) = fresh.objective(c).unwrap().progress {
                    num += w * p;
                    den += w;
                }
        }
        let want = (den > 0.0).then(|| (num / den).clamp(0.0, 1.0));
        prop_assert!(opt_close(fresh.objective("top").unwrap().progress, want));
    }
}
