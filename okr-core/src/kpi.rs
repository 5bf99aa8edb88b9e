//! KPIs: health metrics kept apart from objectives and key results. A KPI has a unit, a rule
//! for its health (a direction, a threshold or a band), optional targets per month and its own
//! series of values, across cycles (a KPI belongs to no cycle).
//!
//! # Health at a time T
//! The value **in force** at T is the latest value at or before T (equal times: the one
//! recorded last); the **previous** value is the one before it; the **trend** is `up`, `down`
//! or `flat` from the previous value to the value in force. The **target in force** at T is
//! the target of T's month (UTC) when there is one, and then:
//! - `at_or_above {value}` / `at_or_below {value}`: healthy while the value in force is at or
//!   above (at or below) the month's target, else the threshold `value` (inclusive);
//! - `between {min, max}`: healthy while `min <= value <= max` (a band takes no monthly
//!   targets);
//! - `increase` / `decrease`: with a target this month, healthy while the value in force is at
//!   or above (at or below) it; without one, healthy while the trend is not against the
//!   direction (flat counts as healthy), `no_data` with a single value (no trend yet).
//!
//! With no value at or before T the health is `no_data`.
//!
//! KPI ids share the one space of ids of objectives and key results: an id names one thing in
//! every call that takes one (`explain`, `log`, comments).

use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{OkrError, Result};
use crate::format::number;
use crate::model::Extra;
use crate::time::{AsOf, de_ts, ser_ts};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// A KPI: a health metric with a unit, a health rule, optional monthly targets and a series
/// of values across cycles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    /// Unique id (shared with objectives and key results).
    pub id: String,
    /// What it measures (`"Customer satisfaction"`).
    pub name: String,
    /// The owner's id, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Unit of its values and targets (`"%"`, `"EUR"`); may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// When it is healthy.
    pub health: KpiHealth,
    /// Targets per month (`YYYY-MM`), months unique and increasing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<KpiTarget>,
    /// Its values, oldest first (kept sorted by time; equal times keep their order).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<KpiValue>,
    /// Data kept exactly for the embedding product: any JSON object, no key twice in one object.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// When a KPI is healthy (see the [module](self) for the rules).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum KpiHealth {
    /// Healthy while it rises (or meets the month's target).
    Increase {},
    /// Healthy while it falls (or meets the month's target).
    Decrease {},
    /// Healthy while at or above `value` (or the month's target).
    AtOrAbove {
        /// The threshold (inclusive).
        value: f64,
    },
    /// Healthy while at or below `value` (or the month's target).
    AtOrBelow {
        /// The threshold (inclusive).
        value: f64,
    },
    /// Healthy while between `min` and `max` (inclusive).
    Between {
        /// The lowest healthy value.
        min: f64,
        /// The highest healthy value.
        max: f64,
    },
}

impl KpiHealth {
    /// The kind as written in documents (`"at_or_above"`, ...).
    pub fn kind_name(&self) -> &'static str {
        match self {
            KpiHealth::Increase {} => "increase",
            KpiHealth::Decrease {} => "decrease",
            KpiHealth::AtOrAbove { .. } => "at_or_above",
            KpiHealth::AtOrBelow { .. } => "at_or_below",
            KpiHealth::Between { .. } => "between",
        }
    }
}

/// A KPI's target for one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KpiTarget {
    /// The month, `YYYY-MM` (0000-01 to 9999-12).
    pub month: String,
    /// The target (finite).
    pub value: f64,
}

impl KpiTarget {
    /// A target of `value` for `month` (`YYYY-MM`).
    pub fn new(month: impl Into<String>, value: f64) -> Self {
        KpiTarget {
            month: month.into(),
            value,
        }
    }
}

/// One value of a KPI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KpiValue {
    /// When it was observed: RFC 3339 with a zone, or a date (00:00 UTC that day), as a
    /// check-in's `at`.
    #[serde(serialize_with = "ser_ts", deserialize_with = "de_ts")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<Utc>,
    /// The value (finite).
    pub value: f64,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl KpiValue {
    /// A value observed at `at`.
    pub fn new(at: DateTime<Utc>, value: f64) -> Self {
        KpiValue {
            at,
            value,
            note: None,
        }
    }

    /// Sets the note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// `(field, reason)` when the value is not finite or its time outside the range okr
    /// writes.
    pub(crate) fn problem(&self) -> Option<(&'static str, String)> {
        if let Err(r) = crate::time::check_instant(self.at) {
            return Some(("at", format!("the time {r}")));
        }
        if !self.value.is_finite() {
            return Some((
                "value",
                format!("{} is not a finite number", number(self.value)),
            ));
        }
        None
    }
}

impl Kpi {
    /// A KPI with no owner, unit, targets or values.
    pub fn new(id: impl Into<String>, name: impl Into<String>, health: KpiHealth) -> Self {
        Kpi {
            id: id.into(),
            name: name.into(),
            owner: None,
            unit: String::new(),
            health,
            targets: Vec::new(),
            values: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// Sets the unit.
    pub fn with_unit(mut self, unit: impl Into<String>) -> Self {
        self.unit = unit.into();
        self
    }

    /// Sets the owner.
    pub fn with_owner(mut self, owner: impl Into<String>) -> Self {
        self.owner = Some(owner.into());
        self
    }

    /// Adds a monthly target.
    pub fn with_target(mut self, month: impl Into<String>, value: f64) -> Self {
        self.targets.push(KpiTarget::new(month, value));
        self
    }

    /// The first problem of the KPI on its own (its owner aside), as `(path, reason)` with a
    /// path relative to the KPI (`health.min`, `targets[2].month`, `values[0].at`).
    ///
    /// # Complexity
    /// O(T + V) for T targets and V values.
    pub(crate) fn problem(&self) -> Option<(String, String)> {
        if self.id.trim().is_empty() {
            return Some(("id".into(), "ids must not be empty".into()));
        }
        let finite = |field: &str, v: f64| {
            (!v.is_finite()).then(|| {
                (
                    format!("health.{field}"),
                    format!("{} is not a finite number", number(v)),
                )
            })
        };
        match self.health {
            KpiHealth::Increase {} | KpiHealth::Decrease {} => {}
            KpiHealth::AtOrAbove { value } | KpiHealth::AtOrBelow { value } => {
                if let Some(p) = finite("value", value) {
                    return Some(p);
                }
            }
            KpiHealth::Between { min, max } => {
                if let Some(p) = finite("min", min).or_else(|| finite("max", max)) {
                    return Some(p);
                }
                if min > max {
                    return Some((
                        "health".into(),
                        format!(
                            "the band's min {} is above its max {}",
                            number(min),
                            number(max)
                        ),
                    ));
                }
                if !self.targets.is_empty() {
                    return Some((
                        "targets".into(),
                        "a band (`between`) takes no monthly targets".into(),
                    ));
                }
            }
        }
        let mut last: Option<u32> = None;
        for (i, t) in self.targets.iter().enumerate() {
            let Some(m) = month_number(&t.month) else {
                return Some((
                    format!("targets[{i}].month"),
                    format!("{:?} is not a month (YYYY-MM)", t.month),
                ));
            };
            if last.is_some_and(|l| l >= m) {
                return Some((
                    format!("targets[{i}].month"),
                    format!(
                        "{:?} does not come after the month before it: months are unique and increasing",
                        t.month
                    ),
                ));
            }
            last = Some(m);
            if !t.value.is_finite() {
                return Some((
                    format!("targets[{i}].value"),
                    format!("{} is not a finite number", number(t.value)),
                ));
            }
        }
        for (i, v) in self.values.iter().enumerate() {
            if let Some((field, reason)) = v.problem() {
                return Some((format!("values[{i}].{field}"), reason));
            }
        }
        None
    }

    /// Checks the KPI on its own (its owner aside).
    ///
    /// # Errors
    /// `InvalidValue` whose field names the KPI and the part (`targets[2].month of KPI
    /// "csat"`).
    pub(crate) fn validate(&self) -> Result<()> {
        match self.problem() {
            Some((path, reason)) => Err(invalid(&self.id, &path, reason)),
            None => Ok(()),
        }
    }

    /// Sorts the values by time, stably (equal times keep their order).
    ///
    /// # Complexity
    /// O(V log V).
    pub(crate) fn sort_values(&mut self) {
        crate::sort::sort_by_key(&mut self.values, |v| v.at);
    }

    /// The target of the month of `as_of` (UTC), if any.
    ///
    /// # Complexity
    /// O(log T).
    pub fn target_at(&self, as_of: AsOf) -> Option<f64> {
        let d = as_of.0.date_naive();
        let m = d.year() as u32 * 12 + d.month0();
        let i = self
            .targets
            .partition_point(|t| month_number(&t.month).is_some_and(|x| x < m));
        self.targets
            .get(i)
            .filter(|t| month_number(&t.month) == Some(m))
            .map(|t| t.value)
    }

    /// Its health at `as_of` (see the [module](self)).
    ///
    /// # Complexity
    /// O(log V + log T) for V values and T targets.
    pub fn status(&self, as_of: AsOf) -> KpiStatus {
        let n = self.values.partition_point(|v| v.at <= as_of.0);
        let current = n.checked_sub(1).map(|i| &self.values[i]);
        let previous = n.checked_sub(2).map(|i| self.values[i].value);
        let trend = match (current, previous) {
            (Some(c), Some(p)) if c.value > p => Some(Trend::Up),
            (Some(c), Some(p)) if c.value < p => Some(Trend::Down),
            (Some(_), Some(_)) => Some(Trend::Flat),
            _ => None,
        };
        let month = self.target_at(as_of);
        let (target, min, max) = match self.health {
            KpiHealth::Increase {} | KpiHealth::Decrease {} => (month, None, None),
            KpiHealth::AtOrAbove { value } | KpiHealth::AtOrBelow { value } => {
                (Some(month.unwrap_or(value)), None, None)
            }
            KpiHealth::Between { min, max } => (None, Some(min), Some(max)),
        };
        let healthy = current.and_then(|c| {
            let v = c.value;
            match (self.health, target) {
                (KpiHealth::Increase {} | KpiHealth::AtOrAbove { .. }, Some(t)) => Some(v >= t),
                (KpiHealth::Decrease {} | KpiHealth::AtOrBelow { .. }, Some(t)) => Some(v <= t),
                (KpiHealth::Between { min, max }, _) => Some(min <= v && v <= max),
                (KpiHealth::Increase {}, None) => trend.map(|t| t != Trend::Down),
                (KpiHealth::Decrease {}, None) => trend.map(|t| t != Trend::Up),
                (KpiHealth::AtOrAbove { .. } | KpiHealth::AtOrBelow { .. }, None) => {
                    unreachable!("a threshold is always in force")
                }
            }
        });
        KpiStatus {
            id: self.id.clone(),
            name: self.name.clone(),
            owner: self.owner.clone(),
            unit: self.unit.clone(),
            kind: self.health.kind_name(),
            value: current.map(|c| c.value),
            at: current.map(|c| c.at),
            previous,
            trend,
            target,
            min,
            max,
            health: match healthy {
                Some(true) => Health::Healthy,
                Some(false) => Health::Unhealthy,
                None => Health::NoData,
            },
        }
    }
}

/// `InvalidValue` about part `path` of KPI `id`.
pub(crate) fn invalid(id: &str, path: &str, reason: String) -> OkrError {
    OkrError::InvalidValue {
        field: format!("{path} of KPI {id:?}"),
        reason,
    }
}

/// `YYYY-MM` as months since year 0 (0000-01 is 0), or `None` when it is not one.
fn month_number(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    if b.len() != 7
        || b[4] != b'-'
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit())
    {
        return None;
    }
    let year: u32 = s[..4].parse().ok()?;
    let month: u32 = s[5..].parse().ok()?;
    (1..=12).contains(&month).then_some(year * 12 + month - 1)
}

/// Whether a KPI is healthy at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    /// Its rule holds.
    Healthy,
    /// Its rule does not hold.
    Unhealthy,
    /// No value yet at that time (or, for a direction without a target that month, a single
    /// value: no trend yet).
    NoData,
}

impl Health {
    /// The name used in output (`"no_data"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Health::Healthy => "healthy",
            Health::Unhealthy => "unhealthy",
            Health::NoData => "no_data",
        }
    }
}

/// How the value in force moved from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Higher than the previous value.
    Up,
    /// Lower.
    Down,
    /// Equal.
    Flat,
}

impl Trend {
    /// The name used in output (`"up"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Up => "up",
            Trend::Down => "down",
            Trend::Flat => "flat",
        }
    }
}

/// A KPI's health at a time ([`OkrGraph::kpi_health`](crate::OkrGraph::kpi_health)).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiStatus {
    /// The KPI's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its owner.
    pub owner: Option<String>,
    /// Its unit (of the value and the targets).
    pub unit: String,
    /// Its health rule's kind (`"at_or_above"`, `"between"`, `"increase"`, ...).
    pub kind: &'static str,
    /// The value in force: the latest at or before the time.
    pub value: Option<f64>,
    /// When that value was observed.
    #[serde(serialize_with = "crate::time::ser_opt_ts")]
    pub at: Option<DateTime<Utc>>,
    /// The value before it.
    pub previous: Option<f64>,
    /// From the previous value to the value in force.
    pub trend: Option<Trend>,
    /// The target in force: the month's target, else (thresholds) the threshold.
    pub target: Option<f64>,
    /// A band's lowest healthy value.
    pub min: Option<f64>,
    /// A band's highest healthy value.
    pub max: Option<f64>,
    /// Healthy, unhealthy or no data.
    pub health: Health,
}
