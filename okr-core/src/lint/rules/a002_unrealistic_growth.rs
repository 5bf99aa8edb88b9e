//! `A002` unrealistic-growth: a STRUCTURE rule.

use chrono::{Days, NaiveTime};

use super::{GraphInput, StructureFinding, kr_period, num, value_check_ins};
use crate::model::{Direction, Measure};

declare_rule! {
    /// ## What it does
    /// Flags key results whose target exceeds the baseline by more than
    /// `thresholds.growth_factor` (3x by default), or whose required pace is far
    /// beyond the pace observed in check-ins so far.
    ///
    /// ## Definition
    /// Numeric key results only; `f = thresholds.growth_factor`.
    ///
    /// 1. Growth: an increasing key result with `start > 0` is flagged when
    ///    `target / start > f`.
    /// 2. Pace: with the value check-ins made up to the as-of date
    ///    `(t_i, v_i)`, `i = 1..n`, `n >= 2` (`t_i` in days, fractional), the
    ///    observed pace is the least-squares slope
    ///    `s = Σ (t_i - t̄)(v_i - v̄) / Σ (t_i - t̄)²` (skipped when all `t_i`
    ///    are equal). With `d = +1` for increasing and `-1` for decreasing key
    ///    results, the period end `E` (end of the due date, else of the cycle's
    ///    last day), the remaining distance `r = d (target - v_n)` and the time
    ///    left `L = E - t_n` in days, the key result is flagged when `r > 0`,
    ///    `L > 0` and the projected gain `d · s · L < r / f`: at the observed pace
    ///    it would cover less than `1/f` of the remaining distance by the end of
    ///    its period.
    ///
    /// ## Complexity
    /// O(K + C) for K key results and C check-ins: one least-squares line per key result
    /// over its check-ins up to the as-of day.
    ///
    /// ## Why is this bad?
    /// Stretch goals motivate, impossible ones demoralise and get ignored; a
    /// growth far beyond history usually means a typo or a missing plan.
    ///
    /// ## Example
    /// ```text
    /// KR: Grow weekly signups from 1,000 to 10,000 this quarter
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// KR: Grow weekly signups from 1,000 to 2,500 this quarter
    /// ```
    pub struct UnrealisticGrowth;
}

/// Least-squares slope of `(x, y)`; `None` when all `x` are equal.
pub(crate) fn slope(points: &[(f64, f64)]) -> Option<f64> {
    let n = points.len() as f64;
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    (sxx > 0.0).then(|| sxy / sxx)
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let f = input.config.thresholds.growth_factor;
    let mut out = Vec::new();
    for kr in g.key_results() {
        let Measure::Numeric { start, target, .. } = &kr.measure else {
            continue;
        };
        let Some(dir) = kr.measure.direction() else {
            continue;
        };
        if dir == Direction::Increase && *start > 0.0 && target / start > f {
            out.push(StructureFinding {
                entity: kr.id.clone(),
                message: format!(
                    "Target {} is {}x the start value {} (more than {}x)",
                    num(*target),
                    crate::format::fixed(target / start, 1),
                    num(*start),
                    num(f)
                ),
                help: Some(
                    "Check the numbers for a typo, or set an ambitious but credible target and a plan to reach it".into(),
                ),
            });
        }
        let points = value_check_ins(g, &kr.id, input.as_of);
        if points.len() < 2 {
            continue;
        }
        let Some((_, end)) = kr_period(g, kr) else {
            continue;
        };
        let t0 = points[0].0;
        let days = |t: chrono::DateTime<chrono::Utc>| (t - t0).num_seconds() as f64 / 86_400.0;
        let xy: Vec<(f64, f64)> = points.iter().map(|&(t, v)| (days(t), v)).collect();
        let Some(s) = slope(&xy) else {
            continue;
        };
        let d = if dir == Direction::Increase {
            1.0
        } else {
            -1.0
        };
        let (t_n, v_n) = *points.last().expect("two points");
        let end_instant = (end + Days::new(1)).and_time(NaiveTime::MIN).and_utc();
        let left = days(end_instant) - days(t_n);
        let remaining = d * (target - v_n);
        if remaining <= 0.0 || left <= 0.0 {
            continue;
        }
        let gain = d * s * left;
        if gain < remaining / f {
            let projected = v_n + s * left;
            let pace = format!("{}{}/day", if s >= 0.0 { "+" } else { "" }, num(s));
            out.push(StructureFinding {
                entity: kr.id.clone(),
                message: if gain <= 0.0 {
                    format!(
                        "Check-ins move away from the target ({pace}): at this pace it would be about {} by {end}, target {}",
                        num(projected),
                        num(*target)
                    )
                } else {
                    format!(
                        "At the pace seen in check-ins ({pace}) it would reach about {} by {end}, {}% of the remaining way to {} (less than 1/{})",
                        num(projected),
                        crate::format::fixed(gain / remaining * 100.0, 0),
                        num(*target),
                        num(f)
                    )
                },
                help: Some(
                    "Change the plan to speed up, or reset the target to what the trend supports".into(),
                ),
            });
        }
    }
    out
}
