//! What a key result's progress is: the one definition, used by the rollup's hot path (over
//! [`KrMeasure`], a measure reduced to what the rollup needs) and by everything that asks
//! about one key result ([`measure_progress`]).

use crate::model::{Bound, CheckIn, CheckInValue, Measure};

/// What the rollup needs of a key result's measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum KrMeasure {
    /// `(v - start) / (target - start)`.
    Numeric { start: f64, target: f64 },
    /// Met when `v >= value` (`above`) or `v <= value`; `start` is NaN when absent.
    Threshold { above: bool, value: f64, start: f64 },
    /// The effective value of a check-in is the progress (boolean 0/1, milestones the done
    /// share); 0 without a check-in.
    Direct,
}

impl KrMeasure {
    pub(crate) fn of(m: &Measure) -> KrMeasure {
        match m {
            Measure::Numeric { start, target, .. } => KrMeasure::Numeric {
                start: *start,
                target: *target,
            },
            Measure::Threshold {
                bound,
                value,
                start,
                ..
            } => KrMeasure::Threshold {
                above: *bound == Bound::AtOrAbove,
                value: *value,
                start: start.unwrap_or(f64::NAN),
            },
            Measure::Boolean | Measure::Milestones { .. } => KrMeasure::Direct,
        }
    }
}

/// The value a check-in contributes under `measure`: the number for numeric and threshold
/// key results, 0/1 for booleans, the done share of the milestones' weight for milestones
/// (a check-in that does not match the measure counts as no value: the start, NaN for a
/// threshold without one, 0 otherwise).
pub(crate) fn effective_value(measure: &Measure, c: &CheckIn) -> f64 {
    match (measure, &c.value) {
        (Measure::Numeric { .. } | Measure::Threshold { .. }, CheckInValue::Value(v)) => *v,
        (Measure::Numeric { start, .. }, _) => *start,
        (Measure::Threshold { start, .. }, _) => start.unwrap_or(f64::NAN),
        (Measure::Boolean, v) => f64::from(u8::from(matches!(v, CheckInValue::Done(true)))),
        (Measure::Milestones { milestones }, v) => {
            let total: f64 = milestones.iter().map(|m| m.weight).sum();
            let done: f64 = match v {
                CheckInValue::Milestones(names) => milestones
                    .iter()
                    .filter(|m| names.contains(&m.name))
                    .map(|m| m.weight)
                    .sum(),
                _ => 0.0,
            };
            if total > 0.0 { done / total } else { 0.0 }
        }
    }
}

/// The value in force of a key result measured by `m` with `current` in force: the
/// check-in's effective value, else the start value (NaN for a threshold without one, 0 for
/// boolean and milestone key results).
#[inline]
pub(crate) fn value_in_force(m: &KrMeasure, current: Option<f64>) -> f64 {
    current.unwrap_or(match *m {
        KrMeasure::Numeric { start, .. } | KrMeasure::Threshold { start, .. } => start,
        KrMeasure::Direct => 0.0,
    })
}

/// (progress, attainment) of a key result whose value in force is `v`.
#[inline]
pub(crate) fn kr_figures(m: &KrMeasure, v: f64) -> (f64, f64) {
    match *m {
        KrMeasure::Numeric { start, target } => {
            let att = (v - start) / (target - start);
            (att.clamp(0.0, 1.0), att)
        }
        KrMeasure::Threshold {
            above, value: x, ..
        } => {
            let met = if above { v >= x } else { v <= x };
            let p = if v.is_nan() {
                f64::NAN
            } else {
                f64::from(u8::from(met))
            };
            (p, p)
        }
        KrMeasure::Direct => (v, v),
    }
}

/// Progress, attainment and value (numeric and threshold key results) of a measure given the
/// check-in in force (if any): [`effective_value`], [`value_in_force`] and [`kr_figures`], the
/// rollup's own steps.
pub(crate) fn measure_progress(
    measure: &Measure,
    current: Option<&CheckIn>,
) -> (Option<f64>, Option<f64>, Option<f64>) {
    let m = KrMeasure::of(measure);
    let v = value_in_force(&m, current.map(|c| effective_value(measure, c)));
    let (p, a) = kr_figures(&m, v);
    let some = |x: f64| (!x.is_nan()).then_some(x);
    let value = match m {
        KrMeasure::Direct => None,
        _ => some(v),
    };
    (some(p), some(a), value)
}
