//! Check-ins: a timestamped report of a key result's value, and its checks against the
//! measure in force.

use chrono::{DateTime, Utc};

use super::{KeyResult, Measure};
use crate::error::{OkrError, Result};
use crate::format::number;

use crate::extra::Extra;

/// What a check-in reports; it must match the key result's measure.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckInValue {
    /// A value for a numeric or threshold key result.
    Value(f64),
    /// Done or not, for a boolean key result.
    Done(bool),
    /// The names of the milestones done at this time (the full set, not a delta).
    Milestones(Vec<String>),
}

impl CheckInValue {
    /// The check-in value from its three optional parts, exactly one of which must be given:
    /// `value` (numeric and threshold key results), `done` (boolean) or `milestones_done`
    /// (milestones). `kr` names the key result in errors. Documents and bindings use this.
    ///
    /// # Errors
    /// `InvalidCheckIn` when none or more than one part is given.
    pub fn from_parts(
        kr: &str,
        value: Option<f64>,
        done: Option<bool>,
        milestones_done: Option<Vec<String>>,
    ) -> Result<Self> {
        let bad = |reason: &str| OkrError::InvalidCheckIn {
            id: kr.to_string(),
            reason: reason.to_string(),
        };
        match (value, done, milestones_done) {
            (Some(v), None, None) => Ok(CheckInValue::Value(v)),
            (None, Some(d), None) => Ok(CheckInValue::Done(d)),
            (None, None, Some(m)) => Ok(CheckInValue::Milestones(m)),
            (None, None, None) => Err(bad("needs one of `value`, `done` or `milestones_done`")),
            _ => Err(bad("give only one of `value`, `done` or `milestones_done`")),
        }
    }
}

/// A timestamped progress report on a key result.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckIn {
    /// When the value was observed.
    pub at: DateTime<Utc>,
    /// What was observed.
    pub value: CheckInValue,
    /// Optional confidence of reaching the target, in `[0, 1]`.
    pub confidence: Option<f64>,
    /// Optional note.
    pub note: Option<String>,
    /// Optional author (an owner id or any name).
    pub author: Option<String>,
    /// Data kept exactly for the embedding product: any JSON object, no key twice in one object.
    pub extra: Extra,
}

impl CheckIn {
    /// A check-in of a plain value.
    pub fn value(at: DateTime<Utc>, value: f64) -> Self {
        CheckIn {
            at,
            value: CheckInValue::Value(value),
            confidence: None,
            note: None,
            author: None,
            extra: Extra::new(),
        }
    }

    /// Sets the confidence.
    pub fn with_confidence(mut self, confidence: f64) -> Self {
        self.confidence = Some(confidence);
        self
    }

    /// Checks the check-in against a key result's measure.
    pub(crate) fn validate(&self, kr: &KeyResult) -> Result<()> {
        self.validate_against(&kr.id, &kr.measure)
    }

    /// Checks the check-in against `measure`, the measure of key result `id` in force at its
    /// time.
    pub(crate) fn validate_against(&self, id: &str, measure: &Measure) -> Result<()> {
        let bad = |reason: String| OkrError::InvalidCheckIn {
            id: id.to_string(),
            reason,
        };
        crate::time::check_instant(self.at).map_err(|r| bad(format!("the time {r}")))?;
        if let Some(c) = self.confidence
            && !(0.0..=1.0).contains(&c)
        {
            return Err(bad(format!("confidence {} is outside [0, 1]", number(c))));
        }
        match (measure, &self.value) {
            (Measure::Aggregate { .. }, _) => {
                return Err(bad(
                    "an aggregate key result takes its value from the key results under it, \
                     not from check-ins"
                        .into(),
                ));
            }
            (Measure::Numeric { .. } | Measure::Threshold { .. }, CheckInValue::Value(v)) => {
                if !v.is_finite() {
                    return Err(bad(format!("value {} must be a finite number", number(*v))));
                }
            }
            (Measure::Boolean, CheckInValue::Done(_)) => {}
            (Measure::Milestones { milestones }, CheckInValue::Milestones(done)) => {
                for name in done {
                    if !milestones.iter().any(|m| &m.name == name) {
                        return Err(bad(format!(
                            "unknown milestone {name:?} (known: {})",
                            milestones
                                .iter()
                                .map(|m| m.name.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )));
                    }
                }
            }
            (measure, value) => {
                let got = match value {
                    CheckInValue::Value(_) => "a value",
                    CheckInValue::Done(_) => "done: true/false",
                    CheckInValue::Milestones(_) => "a list of milestones",
                };
                let want = match measure {
                    Measure::Numeric { .. }
                    | Measure::Threshold { .. }
                    | Measure::Aggregate { .. } => "a value",
                    Measure::Boolean => "done: true/false",
                    Measure::Milestones { .. } => "a list of milestones done",
                };
                return Err(bad(format!(
                    "a {} key result takes {want}, not {got}",
                    measure.kind_name()
                )));
            }
        }
        Ok(())
    }
}
