//! How a key result is measured: the measures, their checks, and plans (planned values at
//! dates).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{OkrError, Result};
use crate::format::number;

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// Whether a numeric key result should go up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Target above start.
    Increase,
    /// Target below start.
    Decrease,
}

/// The bound of a threshold key result (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// Met while the value is `>=` the threshold.
    AtOrAbove,
    /// Met while the value is `<=` the threshold.
    AtOrBelow,
}

/// A named step of a milestone key result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Name, unique within the key result.
    pub name: String,
    /// Weight of this step (default 1).
    #[serde(default = "one")]
    pub weight: f64,
}

pub(super) fn one() -> f64 {
    1.0
}

/// How an aggregate key result computes its value from the key results aligned under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AggregateFunction {
    /// The sum of their values.
    Sum,
    /// The mean of their values.
    Mean,
    /// The smallest value.
    Min,
    /// The largest value.
    Max,
    /// How many are done (progress 1: target reached, done, every milestone).
    CountDone,
}

impl AggregateFunction {
    /// The snake_case name used in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            AggregateFunction::Sum => "sum",
            AggregateFunction::Mean => "mean",
            AggregateFunction::Min => "min",
            AggregateFunction::Max => "max",
            AggregateFunction::CountDone => "count_done",
        }
    }
}

/// How a key result is measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Measure {
    /// From `start` to `target`; the direction follows from the two.
    Numeric {
        /// The value at the start of the cycle.
        start: f64,
        /// The value to reach.
        target: f64,
        /// Unit (`"customers"`, `"%"`, `"USD"`).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        unit: String,
        /// An optional declared direction; it must agree with start and target.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        direction: Option<Direction>,
    },
    /// Stay at or above / at or below `value` (KPI style, inclusive).
    Threshold {
        /// Which side of the threshold is good.
        bound: Bound,
        /// The threshold.
        value: f64,
        /// Unit.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        unit: String,
        /// The value before any check-in; without it and without check-ins progress is undefined.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start: Option<f64>,
    },
    /// Done or not done.
    Boolean,
    /// Named steps with weights; progress is the done weight over the total weight.
    Milestones {
        /// The steps.
        milestones: Vec<Milestone>,
    },
    /// A value computed from the key results aligned under it (their `parent`), from `start`
    /// to `target` like a numeric key result; it takes no check-ins.
    Aggregate {
        /// How the value is computed.
        function: AggregateFunction,
        /// The value at the start of the cycle.
        start: f64,
        /// The value to reach.
        target: f64,
        /// Unit: the key results under it must have the same one, or declare a conversion
        /// factor (`count_done` counts, whatever their units).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        unit: String,
        /// An optional declared direction; it must agree with start and target.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        direction: Option<Direction>,
    },
}

impl Measure {
    /// A numeric measure without unit or declared direction.
    pub fn numeric(start: f64, target: f64) -> Self {
        Measure::Numeric {
            start,
            target,
            unit: String::new(),
            direction: None,
        }
    }

    /// The measure's kind as used in documents (`"numeric"`, ...).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Measure::Numeric { .. } => "numeric",
            Measure::Threshold { .. } => "threshold",
            Measure::Boolean => "boolean",
            Measure::Milestones { .. } => "milestones",
            Measure::Aggregate { .. } => "aggregate",
        }
    }

    /// The direction of a numeric or aggregate measure, from start and target.
    pub fn direction(&self) -> Option<Direction> {
        match self {
            Measure::Numeric { start, target, .. } | Measure::Aggregate { start, target, .. }
                if target > start =>
            {
                Some(Direction::Increase)
            }
            Measure::Numeric { start, target, .. } | Measure::Aggregate { start, target, .. }
                if target < start =>
            {
                Some(Direction::Decrease)
            }
            _ => None,
        }
    }

    /// The unit of a measure with values (numeric, threshold, aggregate); `None` for boolean
    /// and milestone measures, which have none.
    pub fn unit(&self) -> Option<&str> {
        match self {
            Measure::Numeric { unit, .. }
            | Measure::Threshold { unit, .. }
            | Measure::Aggregate { unit, .. } => Some(unit),
            Measure::Boolean | Measure::Milestones { .. } => None,
        }
    }

    /// Checks the measure on its own. `id` names the key result in errors.
    pub(crate) fn validate(&self, id: &str) -> Result<()> {
        let bad = |reason: String| OkrError::InvalidMeasure {
            id: id.to_string(),
            reason,
        };
        match self {
            Measure::Numeric {
                start,
                target,
                direction,
                ..
            }
            | Measure::Aggregate {
                start,
                target,
                direction,
                ..
            } => {
                if !start.is_finite() || !target.is_finite() {
                    return Err(bad(format!(
                        "start ({}) and target ({}) must be finite numbers",
                        number(*start),
                        number(*target)
                    )));
                }
                if start == target {
                    return Err(bad(format!(
                        "start and target are both {}: there is nothing to measure",
                        number(*start)
                    )));
                }
                let actual = self.direction();
                if let Some(declared) = direction
                    && Some(*declared) != actual
                {
                    return Err(bad(format!(
                        "declared direction {declared:?} disagrees with start {} and target {}",
                        number(*start),
                        number(*target)
                    )));
                }
            }
            Measure::Threshold { value, start, .. } => {
                if !value.is_finite() {
                    return Err(bad(format!(
                        "threshold value {} must be finite",
                        number(*value)
                    )));
                }
                if let Some(s) = start
                    && !s.is_finite()
                {
                    return Err(bad(format!("start {} must be finite", number(*s))));
                }
            }
            Measure::Boolean => {}
            Measure::Milestones { milestones } => {
                if milestones.is_empty() {
                    return Err(bad(
                        "a milestone key result needs at least one milestone".into()
                    ));
                }
                let mut seen = std::collections::HashSet::new();
                for m in milestones {
                    if m.name.trim().is_empty() {
                        return Err(bad("a milestone has an empty name".into()));
                    }
                    if !seen.insert(m.name.as_str()) {
                        return Err(bad(format!("milestone {:?} appears twice", m.name)));
                    }
                    if !m.weight.is_finite() || m.weight < 0.0 {
                        return Err(bad(format!(
                            "milestone {:?} has weight {}: weights must be finite and >= 0",
                            m.name,
                            number(m.weight)
                        )));
                    }
                }
                // all zero (not a sum: weights of 1e308 add up to infinity, subnormal ones
                // to more than 0, both fine)
                if milestones.iter().all(|m| m.weight == 0.0) {
                    return Err(bad("the milestones' weights add up to 0".into()));
                }
            }
        }
        Ok(())
    }
}

/// A planned value of a numeric key result: `value` reached by the end of `date`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanPoint {
    /// The day (`YYYY-MM-DD`), inside the key result's period (its cycle's start to its due
    /// date or its cycle's end); the points' dates strictly increase.
    #[serde(deserialize_with = "crate::time::de_date")]
    pub date: NaiveDate,
    /// The value planned by the end of that day: finite, between the measure's start and
    /// target (inclusive).
    pub value: f64,
}

impl PlanPoint {
    /// `value` planned by the end of `date`.
    pub fn new(date: NaiveDate, value: f64) -> Self {
        PlanPoint { date, value }
    }
}

/// Checks the plan of key result `id` measured by `measure` over the period `period` (first
/// and last day, inclusive): numeric measures only, dates strictly increasing and inside the
/// period, values finite and between start and target.
///
/// # Errors
/// `InvalidValue` with field `plan of key result "id"` (a plan on a measure that is not
/// numeric) or `plan[i] of key result "id"` (the point at index `i`).
pub(crate) fn check_plan(
    id: &str,
    measure: &Measure,
    plan: &[PlanPoint],
    period: (NaiveDate, NaiveDate),
) -> Result<()> {
    if plan.is_empty() {
        return Ok(());
    }
    let (Measure::Numeric { start, target, .. } | Measure::Aggregate { start, target, .. }) =
        measure
    else {
        return Err(OkrError::InvalidValue {
            field: format!("plan of key result {id:?}"),
            reason: format!(
                "only numeric and aggregate key results take a plan, this one is {}",
                measure.kind_name()
            ),
        });
    };
    let (lo, hi) = (start.min(*target), start.max(*target));
    let bad = |i: usize, reason: String| OkrError::InvalidValue {
        field: format!("plan[{i}] of key result {id:?}"),
        reason,
    };
    for (i, p) in plan.iter().enumerate() {
        crate::time::check_date(p.date).map_err(|r| bad(i, format!("the date {r}")))?;
        if !p.value.is_finite() || p.value < lo || p.value > hi {
            return Err(bad(
                i,
                format!(
                    "value {} is outside the measure's range [{}, {}]",
                    number(p.value),
                    number(lo),
                    number(hi)
                ),
            ));
        }
        if p.date < period.0 || p.date > period.1 {
            return Err(bad(
                i,
                format!(
                    "date {} is outside the key result's period {}..{}",
                    p.date, period.0, period.1
                ),
            ));
        }
        if i > 0 && p.date <= plan[i - 1].date {
            return Err(bad(
                i,
                format!(
                    "date {} is not after the previous point's ({}): dates must strictly increase",
                    p.date,
                    plan[i - 1].date
                ),
            ));
        }
    }
    Ok(())
}
