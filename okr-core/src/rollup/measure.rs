//! What a key result's progress is: the one definition, used by the rollup's hot path (over
//! [`KrMeasure`], a measure reduced to what the rollup needs) and by everything that asks
//! about one key result ([`measure_progress`]); and the arithmetic that keeps every figure
//! finite for any finite input: [`attainment`] (a ratio of differences that cannot overflow),
//! [`weight_scale`] (weights scaled by one exact power of two before they are summed) and
//! [`weighted_mean`].

use crate::model::{Bound, CheckIn, CheckInValue, Measure};

/// What the rollup needs of a key result's measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum KrMeasure {
    /// [`attainment`]`(v, start, target)`, with `target - start` finite.
    Numeric { start: f64, target: f64 },
    /// The same with `target - start` beyond the range of `f64` (start -1e308, target 1e308).
    NumericWide { start: f64, target: f64 },
    /// Met when `v >= value` (`above`) or `v <= value`; `start` is NaN when absent.
    Threshold { above: bool, value: f64, start: f64 },
    /// The effective value of a check-in is the progress (boolean 0/1, milestones the done
    /// share); 0 without a check-in.
    Direct,
    /// A manual override: attainment `attainment` (finite, in `[0, 1.5]`) whatever the
    /// value; the key result's own measure is kept aside (`Layout::real_measure`).
    Manual { attainment: f64 },
}

impl KrMeasure {
    pub(crate) fn of(m: &Measure) -> KrMeasure {
        match m {
            // an aggregate's value (computed from the key results under it) counts like a
            // numeric key result's
            Measure::Numeric { start, target, .. } | Measure::Aggregate { start, target, .. }
                if (target - start).is_finite() =>
            {
                KrMeasure::Numeric {
                    start: *start,
                    target: *target,
                }
            }
            Measure::Numeric { start, target, .. } | Measure::Aggregate { start, target, .. } => {
                KrMeasure::NumericWide {
                    start: *start,
                    target: *target,
                }
            }
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
        (Measure::Numeric { start, .. } | Measure::Aggregate { start, .. }, _) => *start,
        (Measure::Threshold { start, .. }, _) => start.unwrap_or(f64::NAN),
        (Measure::Boolean, v) => f64::from(u8::from(matches!(v, CheckInValue::Done(true)))),
        (Measure::Milestones { milestones }, v) => {
            // the weights scaled so that the largest is about 1: the sums neither overflow
            // (two weights of 1e308) nor lose precision (subnormal weights)
            let scale = weight_scale(milestones.iter().fold(0.0, |m, x| x.weight.max(m)));
            let total: f64 = milestones.iter().map(|m| m.weight * scale).sum();
            let done: f64 = match v {
                CheckInValue::Milestones(names) => milestones
                    .iter()
                    .filter(|m| names.contains(&m.name))
                    .map(|m| m.weight * scale)
                    .sum(),
                _ => 0.0,
            };
            if total > 0.0 { done / total } else { 0.0 }
        }
    }
}

/// The power of two `2^s` that brings `max` (finite, `>= 0`) to `[1, 2)`: weights multiplied
/// by it keep their ratios exactly (a multiplication by a power of two is exact unless the
/// product is subnormal), so a weighted mean over the scaled weights has the same bits as over
/// the given ones while no sum of them can overflow or underflow. `s` is kept to
/// `[-1022, 1023]` (a normal number): `max >= 2^1023` comes to `[2, 4)`, a subnormal `max` to
/// at least `2^-51`. 1 for `max` 0 (and for every `max` in `[1, 2)`).
#[inline]
pub(crate) fn weight_scale(max: f64) -> f64 {
    if max == 0.0 {
        return 1.0;
    }
    // the unbiased exponent; -1023 for subnormals
    let e = ((max.to_bits() >> 52) & 0x7ff) as i64 - 1023;
    let s = (-e).clamp(-1022, 1023);
    f64::from_bits(((s + 1023) as u64) << 52)
}

/// A numeric key result's attainment `(v - start) / (target - start)` (`start != target`, all
/// finite), computed so that no difference overflows: as written when that is finite (the
/// same bits as ever), otherwise from halved operands. Infinite (with the sign of the true
/// ratio) only when the ratio itself is beyond the range of `f64`, about ±1.8e308 (a target
/// a hair's breadth from the start); never NaN.
#[inline]
pub(crate) fn attainment(v: f64, start: f64, target: f64) -> f64 {
    let range = target - start;
    let a = (v - start) / range;
    // an infinite range gives a finite (wrong) 0 for a finite `v - start`
    if a.is_finite() & range.is_finite() {
        a
    } else {
        attainment_wide(v, start, target)
    }
}

/// [`attainment`] when the plain form overflows: `v - start` or `target - start` beyond the
/// range of `f64`, or the ratio itself.
#[cold]
#[inline(never)]
fn attainment_wide(v: f64, start: f64, target: f64) -> f64 {
    // Halves cannot overflow when subtracted. Halving is exact except for subnormals, whose
    // lost bit is far below the result's precision whenever a difference overflows.
    let n = v * 0.5 - start * 0.5;
    let d = target - start;
    if d.is_finite() {
        // only `v - start` (or the ratio) is too large: `d` is exact and not 0
        n / d * 2.0
    } else {
        // `|target - start| > f64::MAX`: the halved range is at least f64::MAX / 2
        n / (target * 0.5 - start * 0.5)
    }
}

/// The weighted mean `Σ w x / Σ w` of `(w, x)` pairs (`w` finite, `>= 0`), computed so that no
/// sum overflows or underflows: the weights are scaled by [`weight_scale`] of the largest, and
/// when the weighted sum of the values would overflow, the values are scaled down by a power of
/// two first and the mean scaled back. Pairs with `w == 0` take no part (whatever `x` is).
/// `None` when every `w` is 0 (or there are none); NaN when an `x` with `w > 0` is not finite
/// or the mean itself is beyond the range of `f64`.
pub(crate) fn weighted_mean(items: &[(f64, f64)]) -> Option<f64> {
    let max = items.iter().fold(0.0, |m: f64, &(w, _)| w.max(m));
    if max <= 0.0 {
        return None;
    }
    let scale = weight_scale(max);
    let (mut num, mut den) = (0.0, 0.0);
    for &(w, x) in items.iter().filter(|p| p.0 > 0.0) {
        num += w * scale * x;
        den += w * scale;
    }
    // `den >= 1`: the largest weight alone is scaled to at least 1 (or, subnormal, 2^-51)
    let mean = num / den;
    if mean.is_finite() {
        return Some(mean);
    }
    if items.iter().any(|&(w, x)| w > 0.0 && !x.is_finite()) {
        return Some(f64::NAN);
    }
    // Σ w x overflowed: with the scaled weights (each below 4, `den` below 4n) and the values
    // scaled by `f <= 1 / 8n`, the sum stays below f64::MAX / 2.
    let f = 0.5 * weight_scale(8.0 * items.len() as f64);
    let mut num = 0.0;
    for &(w, x) in items.iter().filter(|p| p.0 > 0.0) {
        num += w * scale * (x * f);
    }
    let mean = num / den / f;
    Some(if mean.is_finite() { mean } else { f64::NAN })
}

/// The value in force of a key result measured by `m` with `current` in force: the
/// check-in's effective value, else the start value (NaN for a threshold without one, 0 for
/// boolean and milestone key results).
#[inline]
pub(crate) fn value_in_force(m: &KrMeasure, current: Option<f64>) -> f64 {
    current.unwrap_or(match *m {
        KrMeasure::Numeric { start, .. }
        | KrMeasure::NumericWide { start, .. }
        | KrMeasure::Threshold { start, .. } => start,
        KrMeasure::Direct | KrMeasure::Manual { .. } => 0.0,
    })
}

/// (progress, attainment) of a key result whose value in force is `v`: attainment infinite
/// (with its sign) when it is beyond the range of `f64`.
#[inline]
pub(crate) fn kr_figures(m: &KrMeasure, v: f64) -> (f64, f64) {
    match *m {
        KrMeasure::Numeric { start, target } | KrMeasure::NumericWide { start, target } => {
            let att = attainment(v, start, target);
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
        KrMeasure::Manual { attainment } => (attainment.clamp(0.0, 1.0), attainment),
    }
}

/// [`kr_figures`] as the rollup's sums take them, without a check: a numeric attainment is
/// `(v - start) / (target - start)` as written (`target - start` is finite: see
/// [`KrMeasure::NumericWide`]). It differs from [`kr_figures`] only when `v - start`
/// overflows, and then only in attainment: ±∞ instead of the exact ratio (whose magnitude is
/// above 1, so progress is the same 0 or 1). An objective summing it gets a non-finite sum of
/// attainments and takes the careful path, which reads [`kr_figures`].
#[inline]
pub(crate) fn kr_figures_summed(m: &KrMeasure, v: f64) -> (f64, f64) {
    match *m {
        KrMeasure::Numeric { start, target } => {
            let att = (v - start) / (target - start);
            (att.clamp(0.0, 1.0), att)
        }
        _ => kr_figures(m, v),
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
        KrMeasure::Direct | KrMeasure::Manual { .. } => None,
        _ => some(v),
    };
    (some(p), a.is_finite().then_some(a), value)
}

/// Progress and attainment of an aggregate key result (`measure`) whose value is `value`
/// (`None`: none of its inputs has one, progress undefined), as the rollup computes them.
pub(crate) fn aggregate_progress(
    measure: &Measure,
    value: Option<f64>,
) -> (Option<f64>, Option<f64>) {
    let Some(v) = value else {
        return (None, None);
    };
    let (p, a) = kr_figures(&KrMeasure::of(measure), v);
    ((!p.is_nan()).then_some(p), a.is_finite().then_some(a))
}

/// The value a plan expects at the end of day `d` (a day number), and its attainment clamped
/// to `[0, 1]` (the expected pace), for a numeric key result from `start` to `target` over
/// the period `(first, last)` (day numbers, inclusive) with planned `points` (day number,
/// value; days strictly increasing inside the period). The expectation is piecewise linear in
/// time through (the start of the first day, `start`), (the end of each point's day, its
/// value) and, when the last point is before the last day, (the end of the last day,
/// `target`); before the period it is `start`, after the last of these the last value.
pub(crate) fn planned(
    d: i32,
    (first, last): (i32, i32),
    start: f64,
    target: f64,
    points: &[(i32, f64)],
) -> (f64, f64) {
    // times in days: the end of day `x` is `x + 1`
    let t = i64::from(d) + 1;
    let (mut x0, mut v0) = (i64::from(first), start);
    let close = (points.last().is_none_or(|p| p.0 < last)).then_some((last, target));
    let mut value = if t <= x0 { Some(start) } else { None };
    if value.is_none() {
        for (day, v1) in points.iter().copied().chain(close) {
            let x1 = i64::from(day) + 1;
            if t <= x1 {
                value = Some(if x1 <= x0 {
                    v1
                } else {
                    let f = (t - x0) as f64 / (x1 - x0) as f64;
                    let v = v0 + (v1 - v0) * f;
                    // a range beyond f64 (start -1e308, target 1e308): without the difference
                    if v.is_finite() {
                        v
                    } else {
                        v0 * (1.0 - f) + v1 * f
                    }
                });
                break;
            }
            (x0, v0) = (x1, v1);
        }
    }
    let value = value.unwrap_or(v0);
    (value, attainment(value, start, target).clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_is_piecewise_linear_through_start_points_and_target() {
        // period days 0..=9 (10 days), 0 -> 100, 40 by the end of day 3
        let p = [(3, 40.0)];
        let at = |d| planned(d, (0, 9), 0.0, 100.0, &p);
        // the end of day 1: 2 of the 4 days to (end of day 3, 40)
        assert_eq!(at(1), (20.0, 0.2));
        assert_eq!(at(3), (40.0, 0.4));
        // then on to the target: the end of day 6 is 3 of the 6 days from 40 to 100
        assert_eq!(at(6), (70.0, 0.7));
        assert_eq!(at(9), (100.0, 1.0));
        assert_eq!(at(20), (100.0, 1.0));
        assert_eq!(at(-5), (0.0, 0.0));
        // a plan ending on the last day holds its last value after it
        assert_eq!(planned(20, (0, 9), 0.0, 100.0, &[(9, 80.0)]), (80.0, 0.8));
        // decreasing: 10 -> 2, 6 by the end of day 4 (half the period)
        assert_eq!(planned(4, (0, 9), 10.0, 2.0, &[(4, 6.0)]), (6.0, 0.5));
        // a range beyond f64: no overflow
        let (v, e) = planned(4, (0, 9), -1e308, 1e308, &[]);
        assert!(v.is_finite() && (e - 0.5).abs() < 1e-12, "{v} {e}");
    }

    #[test]
    fn a_manual_measure_reports_its_attainment() {
        let m = KrMeasure::Manual { attainment: 1.3 };
        assert_eq!(kr_figures(&m, 0.0), (1.0, 1.3));
        assert_eq!(kr_figures_summed(&m, f64::NAN), (1.0, 1.3));
    }
}
