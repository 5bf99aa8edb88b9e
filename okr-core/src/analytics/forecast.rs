//! Forecasts: where each key result will be at the end of its period if it keeps its pace.
//!
//! # Formulas
//! For a numeric or threshold key result, the points are its value check-ins made up to the
//! as-of moment, `x` = days since the start of its period (fractional, from the check-in's
//! timestamp), `y` = the value. With a single check-in, the start value at `x = 0` is added as
//! a second point when the measure has one. The ordinary least-squares line
//! `y = a + b x` (`b = Sxy / Sxx`, `a = ȳ - b x̄`) is evaluated at the end of the period,
//! `X` = days from its start to the end of its last day (the objective's cycle, ending at the
//! key result's due date when one is set): the projected value `ŷ = a + b X`.
//!
//! The band is `ŷ ± 1.96 · s · sqrt(1 + 1/n + (X - x̄)² / Sxx)`, the usual prediction
//! interval with `s² = SSE / (n - 2)` (a normal approximation; with two points the line is
//! exact and the band has zero width). Projected progress applies the key result's own
//! measure to `ŷ` (and to the band's ends). Objective forecasts are the rollup of the projected
//! key result values (key results without a forecast keep their current values), so they
//! follow the rollup rules exactly.
//!
//! The values are multiplied by a power of two (exact) that brings the largest to about 1
//! before any sum of squares, and the results divided by it, so values of any magnitude fit.
//! A key result has no forecast, and [`NoForecast::reason`] says why, when it has no check-in,
//! one check-in and no earlier start value, all its check-ins at the same moment, or values too
//! large or too far apart: the projected value, its slope or its band beyond the range of
//! `f64` (about ±1.8e308).

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use crate::error::Result;
use crate::graph::OkrGraph;
use crate::model::{CheckIn, CheckInValue, KeyResult, Measure};
use crate::rollup::{RollupConfig, measure_progress};
use crate::time::AsOf;

/// The projection of one key result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyResultForecast {
    /// The key result.
    pub key_result: String,
    /// The last day of its period.
    pub period_end: NaiveDate,
    /// Points the line was fitted to.
    pub points: usize,
    /// Fitted change of the value per day.
    pub slope_per_day: f64,
    /// Projected value at the end of the period.
    pub value: f64,
    /// Lower end of the band.
    pub low: f64,
    /// Upper end of the band.
    pub high: f64,
    /// Projected progress (the measure applied to `value`).
    pub progress: Option<f64>,
    /// Projected unclamped attainment.
    pub attainment: Option<f64>,
    /// Lowest progress within the band.
    pub progress_low: Option<f64>,
    /// Highest progress within the band.
    pub progress_high: Option<f64>,
}

/// Why a key result has no forecast.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoForecast {
    /// The key result.
    pub key_result: String,
    /// The reason, in words.
    pub reason: String,
}

/// An objective's projected progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectiveForecast {
    /// The objective.
    pub objective: String,
    /// Its progress with every key result at its projected value.
    pub progress: Option<f64>,
}

/// Forecasts of every key result and objective.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    /// Key results with a projection, in insertion order.
    pub key_results: Vec<KeyResultForecast>,
    /// Key results without one, and why.
    pub skipped: Vec<NoForecast>,
    /// Every objective, in insertion order.
    pub objectives: Vec<ObjectiveForecast>,
}

/// Days from `start` (midnight UTC) to `t`.
fn days_since(start: NaiveDate, t: chrono::DateTime<chrono::Utc>) -> f64 {
    (t - start.and_time(NaiveTime::MIN).and_utc()).num_milliseconds() as f64 / 86_400_000.0
}

/// Why a line cannot be drawn through a key result's points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unfit {
    /// Every point at the same `x`: no slope.
    SameMoment,
    /// The projected value, its slope or its band is beyond the range of `f64` (about
    /// ±1.8e308): values too large, or too far apart, for the line through them to be drawn.
    OutOfRange,
}

impl Unfit {
    /// The reason in words, for [`NoForecast::reason`].
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Unfit::SameMoment => "all check-ins at the same moment",
            Unfit::OutOfRange => {
                "the values are too large or too far apart: the projection or its band is beyond the range of numbers (about 1.8e308)"
            }
        }
    }
}

/// Least-squares projection of `points` at `x_end`: (value, slope, half-width of the band).
///
/// The values are scaled by a power of two (exact) that brings the largest to about 1 and the
/// results scaled back, so that no sum of squares overflows: a projection is refused as out of
/// range only when the value, the slope, the band or either of its ends is itself beyond the
/// range of `f64`.
pub(crate) fn project(points: &[(f64, f64)], x_end: f64) -> Result<(f64, f64, f64), Unfit> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return Err(Unfit::SameMoment);
    }
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    if sxx.is_nan() || sxx <= 0.0 {
        return Err(Unfit::SameMoment);
    }
    let scale = crate::rollup::weight_scale(points.iter().fold(0.0, |m: f64, p| p.1.abs().max(m)));
    let y = |p: &(f64, f64)| p.1 * scale;
    let my = points.iter().map(y).sum::<f64>() / n;
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (y(p) - my)).sum();
    let b = sxy / sxx;
    let a = my - b * mx;
    let value = a + b * x_end;
    let sse: f64 = points.iter().map(|p| (y(p) - (a + b * p.0)).powi(2)).sum();
    let s = if points.len() > 2 {
        (sse / (n - 2.0)).sqrt()
    } else {
        0.0
    };
    let half = 1.96 * s * (1.0 + 1.0 / n + (x_end - mx).powi(2) / sxx).sqrt();
    // scaled back (exact: a power of two)
    let (value, b, half) = (value / scale, b / scale, half / scale);
    // the band's ends too: a finite value and half-width can still add up beyond f64
    if [value, b, half, value - half, value + half]
        .iter()
        .all(|x| x.is_finite())
    {
        Ok((value, b, half))
    } else {
        Err(Unfit::OutOfRange)
    }
}

fn progress_of(measure: &Measure, v: f64) -> (Option<f64>, Option<f64>) {
    let c = CheckIn::value(chrono::DateTime::UNIX_EPOCH, v);
    let (p, a, _) = measure_progress(measure, Some(&c));
    (p, a)
}

impl OkrGraph {
    fn forecast_key_result(
        &self,
        kr: &KeyResult,
        as_of: AsOf,
    ) -> std::result::Result<KeyResultForecast, String> {
        let start_value = match &kr.measure {
            Measure::Numeric { start, .. } => Some(*start),
            Measure::Threshold { start, .. } => *start,
            _ => return Err("not a numeric or threshold key result".into()),
        };
        let o = self.objective(&kr.objective).ok_or("no objective")?;
        let cycle = self.cycle(&o.cycle).ok_or("no cycle")?;
        let (start, end) = (cycle.start, kr.due.unwrap_or(cycle.end));
        let mut points: Vec<(f64, f64)> = self
            .check_ins(&kr.id)
            .iter()
            .filter(|c| c.at <= as_of.0)
            .filter_map(|c| match c.value {
                CheckInValue::Value(v) => Some((days_since(start, c.at), v)),
                _ => None,
            })
            .collect();
        if points.is_empty() {
            return Err("no check-in yet".into());
        }
        if points.len() == 1 {
            match start_value {
                Some(s) if points[0].0 > 0.0 => points.insert(0, (0.0, s)),
                _ => return Err("one check-in and no earlier start value to draw a line".into()),
            }
        }
        let x_end = (end - start).num_days() as f64 + 1.0;
        let (value, slope, half) = project(&points, x_end).map_err(Unfit::describe)?;
        let (progress, attainment) = progress_of(&kr.measure, value);
        let (pl, _) = progress_of(&kr.measure, value - half);
        let (ph, _) = progress_of(&kr.measure, value + half);
        let (progress_low, progress_high) = match (pl, ph) {
            (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b))),
            _ => (None, None),
        };
        Ok(KeyResultForecast {
            key_result: kr.id.clone(),
            period_end: end,
            points: points.len(),
            slope_per_day: slope,
            value,
            low: value - half,
            high: value + half,
            progress,
            attainment,
            progress_low,
            progress_high,
        })
    }

    /// Projects every key result to the end of its period from its check-ins up to `as_of`,
    /// and rolls the projections up (see the [module docs](crate::analytics::forecast)), on
    /// the model as it stood at `as_of` ([`at`](Self::at)): the key results, measures, due
    /// dates, weights and links of then.
    ///
    /// # Errors
    /// `InvalidConfig` for a bad `config`.
    ///
    /// # Complexity
    /// O(check-ins) for the lines, then a copy of the graph and a full rollup; at a past
    /// time, plus building that state the first time: see [`OkrGraph::at`].
    pub fn forecast(&self, as_of: impl Into<AsOf>, config: &RollupConfig) -> Result<Forecast> {
        let as_of = as_of.into();
        let g = self.at(as_of);
        let mut key_results = Vec::new();
        let mut skipped = Vec::new();
        for kr in g.key_results() {
            match g.forecast_key_result(kr, as_of) {
                Ok(f) => key_results.push(f),
                Err(reason) => skipped.push(NoForecast {
                    key_result: kr.id.clone(),
                    reason,
                }),
            }
        }
        let values: Vec<(String, CheckInValue)> = key_results
            .iter()
            .map(|f| (f.key_result.clone(), CheckInValue::Value(f.value)))
            .collect();
        // a view: the hidden key results are projected too, in the full graph its figures
        // come from (none of theirs is shown)
        let full_values = match self.view.as_deref() {
            Some(v) => {
                let full = v.full.at(as_of);
                let list: Vec<(String, CheckInValue)> = full
                    .key_results()
                    .filter_map(|kr| full.forecast_key_result(kr, as_of).ok())
                    .map(|f| (f.key_result, CheckInValue::Value(f.value)))
                    .collect();
                Some(list)
            }
            None => None,
        };
        let projected = g.what_if_with(as_of, &values, full_values.as_deref(), config)?;
        let objectives = g
            .objectives()
            .map(|o| ObjectiveForecast {
                objective: o.id.clone(),
                progress: projected.objective(&o.id).and_then(|v| v.progress),
            })
            .collect();
        Ok(Forecast {
            key_results,
            skipped,
            objectives,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_band_whose_ends_leave_f64_is_out_of_range() {
        // a finite projection (1.7e308) with a finite half-width whose sum with it is not
        // finite: refused, where the low and high ends were once infinite (found by the
        // extreme-values property)
        let points = [
            (1.0, 1.7e308),
            (2.0, 1.7e308),
            (3.0, 1.0e308),
            (4.0, 1.7e308),
        ];
        let x_end = 2.5;
        assert_eq!(project(&points, x_end), Err(Unfit::OutOfRange));
        // the same shape scaled down is drawn, with finite ends
        let small: Vec<(f64, f64)> = points.iter().map(|&(x, y)| (x, y / 1e10)).collect();
        let (v, _, half) = project(&small, x_end).unwrap();
        assert!((v - half).is_finite() && (v + half).is_finite());
    }
}
