//! A check-in cadence: how often a key result is expected to be checked in, and how late a
//! check-in may still come (a grace period). Set on objectives and owners (`cadence` in a
//! document); see [`analytics::cadence`](crate::analytics::cadence) for what it means.
//!
//! In JSON, exactly one of `every` (`"week"` or `"month"`) and `every_days` (a whole number
//! of days, 1 to 366), and optionally `grace_days` (a whole number of days, default 0, less
//! than the shortest interval: 7 for a week, 28 for a month, N for every N days):
//!
//! ```json
//! {"every": "week", "grace_days": 2}
//! {"every_days": 10}
//! {"every": "month", "grace_days": 5}
//! ```

use chrono::{DateTime, Duration, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{OkrError, Result};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// How the message of an error reading a cadence starts.
pub(crate) const ERROR_PREFIX: &str = "invalid cadence: ";

/// The longest interval in days that `every_days` may give.
pub const MAX_EVERY_DAYS: u32 = 366;

/// How often a check-in is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Every {
    /// Every 7 days.
    Week,
    /// Every calendar month from the start day (clamped to the month's end).
    Month,
    /// Every N days (1 to [`MAX_EVERY_DAYS`]).
    Days(u32),
}

/// A check-in cadence: an interval and a grace period in days (shorter than the interval).
/// Made by [`Cadence::new`] (or read from JSON), which checks both, so every `Cadence` is
/// valid.
///
/// ```
/// use okr_core::{Cadence, Every};
/// let c = Cadence::new(Every::Week, 2)?;
/// assert_eq!(c.to_string(), "weekly, 2 days grace");
/// assert_eq!(Cadence::new(Every::Days(0), 0).unwrap_err().code(), "invalid_value");
/// let c: Cadence = serde_json::from_str(r#"{"every_days": 10, "grace_days": 2}"#).unwrap();
/// assert_eq!((c.every(), c.grace_days()), (Every::Days(10), 2));
/// # Ok::<(), okr_core::OkrError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "CadenceFields", into = "CadenceFields")]
pub struct Cadence {
    every: Every,
    grace_days: u32,
}

#[cfg(feature = "schema")]
impl JsonSchema for Cadence {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cadence".into()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        CadenceFields::json_schema(g)
    }
}

/// A unit of `every`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
enum Unit {
    Week,
    Month,
}

/// A cadence as written: exactly one of `every` and `every_days`, and `grace_days`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
struct CadenceFields {
    /// `week` or `month` (or give `every_days`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    every: Option<Unit>,
    /// An interval of this many days, 1 to 366 (or give `every`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    every_days: Option<i64>,
    /// Days after an interval's end in which a check-in still counts (late); default 0,
    /// less than the shortest interval (7 for a week, 28 for a month, N for N days).
    #[serde(default, skip_serializing_if = "is_zero")]
    grace_days: i64,
}

fn is_zero(x: &i64) -> bool {
    *x == 0
}

impl TryFrom<CadenceFields> for Cadence {
    type Error = String;
    fn try_from(f: CadenceFields) -> std::result::Result<Self, String> {
        let every = match (f.every, f.every_days) {
            (Some(Unit::Week), None) => Every::Week,
            (Some(Unit::Month), None) => Every::Month,
            (None, Some(n)) => Every::Days(
                u32::try_from(n)
                    .ok()
                    .filter(|n| (1..=MAX_EVERY_DAYS).contains(n))
                    .ok_or_else(|| {
                        format!("{ERROR_PREFIX}every_days {n} must be from 1 to {MAX_EVERY_DAYS}")
                    })?,
            ),
            (None, None) => {
                return Err(format!(
                    "{ERROR_PREFIX}give `every` (week, month) or `every_days`"
                ));
            }
            (Some(_), Some(_)) => {
                return Err(format!(
                    "{ERROR_PREFIX}give one of `every` and `every_days`"
                ));
            }
        };
        let grace = u32::try_from(f.grace_days).unwrap_or(u32::MAX);
        Cadence::new(every, grace).map_err(|_| {
            format!(
                "{ERROR_PREFIX}grace_days {} must be from 0 to {}",
                f.grace_days,
                min_days(every) - 1
            )
        })
    }
}

impl From<Cadence> for CadenceFields {
    fn from(c: Cadence) -> Self {
        let (every, every_days) = match c.every {
            Every::Week => (Some(Unit::Week), None),
            Every::Month => (Some(Unit::Month), None),
            Every::Days(n) => (None, Some(i64::from(n))),
        };
        CadenceFields {
            every,
            every_days,
            grace_days: i64::from(c.grace_days),
        }
    }
}

/// The shortest interval of `every`, in days.
fn min_days(every: Every) -> u32 {
    match every {
        Every::Week => 7,
        Every::Month => 28,
        Every::Days(n) => n,
    }
}

impl Cadence {
    /// A cadence of `every` with `grace_days` of grace.
    ///
    /// # Errors
    /// `InvalidValue` (field `cadence`): `Every::Days` of 0 or more than [`MAX_EVERY_DAYS`];
    /// a grace not shorter than the shortest interval (7 days for a week, 28 for a month, N
    /// for N days).
    ///
    /// # Complexity
    /// O(1).
    pub fn new(every: Every, grace_days: u32) -> Result<Cadence> {
        let bad = |reason: String| {
            Err(OkrError::InvalidValue {
                field: "cadence".into(),
                reason,
            })
        };
        if let Every::Days(n) = every
            && !(1..=MAX_EVERY_DAYS).contains(&n)
        {
            return bad(format!("every_days {n} must be from 1 to {MAX_EVERY_DAYS}"));
        }
        if grace_days >= min_days(every) {
            return bad(format!(
                "grace_days {grace_days} must be from 0 to {}",
                min_days(every) - 1
            ));
        }
        Ok(Cadence { every, grace_days })
    }

    /// Every `days` days, no grace: the scorecards' `cadence_days` override.
    ///
    /// # Errors
    /// `InvalidValue` as [`Cadence::new`].
    ///
    /// # Complexity
    /// O(1).
    pub fn days(days: u32) -> Result<Cadence> {
        Cadence::new(Every::Days(days), 0)
    }

    /// The interval.
    ///
    /// # Complexity
    /// O(1).
    pub fn every(&self) -> Every {
        self.every
    }

    /// The grace period in days.
    ///
    /// # Complexity
    /// O(1).
    pub fn grace_days(&self) -> u32 {
        self.grace_days
    }

    /// The grace period.
    ///
    /// # Complexity
    /// O(1).
    pub fn grace(&self) -> Duration {
        Duration::days(i64::from(self.grace_days))
    }

    /// How often, on one scale for comparing cadences (shorter is more frequent): the
    /// interval's mean length in millidays (a month is 30.436875 days, the Gregorian mean),
    /// then the grace.
    ///
    /// # Complexity
    /// O(1).
    pub fn frequency_key(&self) -> (u64, u32) {
        let len = match self.every {
            Every::Week => 7_000,
            Every::Month => 30_437,
            Every::Days(n) => u64::from(n) * 1000,
        };
        (len, self.grace_days)
    }

    /// The start of interval `i` of a cadence counted from `start` (00:00 UTC that day):
    /// `start + i * N days`, or `i` calendar months after `start` (the day clamped to the
    /// month's end: from January 31, February 28 or 29, then March 31). `None` past the
    /// calendar's end.
    ///
    /// # Complexity
    /// O(1).
    pub fn interval_start(&self, start: NaiveDate, i: u64) -> Option<DateTime<Utc>> {
        let day = match self.every {
            Every::Week => start.checked_add_days(chrono::Days::new(i.checked_mul(7)?))?,
            Every::Days(n) => {
                start.checked_add_days(chrono::Days::new(i.checked_mul(u64::from(n))?))?
            }
            Every::Month => start.checked_add_months(Months::new(u32::try_from(i).ok()?))?,
        };
        Some(day.and_time(chrono::NaiveTime::MIN).and_utc())
    }

    /// The index of the interval (counted from `start`) that holds `t`, for `t` at or after
    /// 00:00 UTC of `start`.
    ///
    /// # Complexity
    /// O(1).
    pub fn interval_of(&self, start: NaiveDate, t: DateTime<Utc>) -> u64 {
        let s = start.and_time(chrono::NaiveTime::MIN).and_utc();
        if t <= s {
            return 0;
        }
        let days = (t - s).num_days().max(0) as u64;
        match self.every {
            Every::Week => days / 7,
            Every::Days(n) => days / u64::from(n),
            Every::Month => {
                let d = t.date_naive();
                use chrono::Datelike;
                let months = (i64::from(d.year()) * 12 + i64::from(d.month0()))
                    - (i64::from(start.year()) * 12 + i64::from(start.month0()));
                let mut i = months.max(0) as u64;
                while i > 0 && self.interval_start(start, i).is_none_or(|x| x > t) {
                    i -= 1;
                }
                while self.interval_start(start, i + 1).is_some_and(|x| x <= t) {
                    i += 1;
                }
                i
            }
        }
    }
}

impl std::fmt::Display for Cadence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.every {
            Every::Week => f.write_str("weekly")?,
            Every::Month => f.write_str("monthly")?,
            Every::Days(1) => f.write_str("daily")?,
            Every::Days(n) => write!(f, "every {n} days")?,
        }
        match self.grace_days {
            0 => Ok(()),
            1 => f.write_str(", 1 day grace"),
            g => write!(f, ", {g} days grace"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shapes_round_trip_and_bad_ones_are_refused() {
        for text in [
            r#"{"every":"week","grace_days":2}"#,
            r#"{"every":"month"}"#,
            r#"{"every_days":10,"grace_days":9}"#,
        ] {
            let c: Cadence = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&c).unwrap(), text);
        }
        for (text, msg) in [
            (r#"{"every_days":0}"#, "every_days 0 must be from 1 to 366"),
            (
                r#"{"every_days":-3}"#,
                "every_days -3 must be from 1 to 366",
            ),
            (r#"{"every_days":367}"#, "every_days 367"),
            (
                r#"{"every":"week","grace_days":-1}"#,
                "grace_days -1 must be from 0 to 6",
            ),
            (
                r#"{"every":"month","grace_days":1000000000000}"#,
                "from 0 to 27",
            ),
            (r#"{"every_days":3,"grace_days":3}"#, "from 0 to 2"),
            (r#"{"every":"fortnight"}"#, "unknown variant `fortnight`"),
            (r#"{"every":"week","every_days":7}"#, "one of"),
            (r#"{}"#, "give `every`"),
            (r#"{"every":"week","days":1}"#, "unknown field `days`"),
        ] {
            let e = serde_json::from_str::<Cadence>(text)
                .unwrap_err()
                .to_string();
            assert!(e.contains(msg), "{text}: {e}");
        }
    }

    #[test]
    fn months_clamp_from_the_start_day_and_intervals_are_found() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let c = Cadence::new(Every::Month, 0).unwrap();
        let starts: Vec<NaiveDate> = (0..4)
            .map(|i| c.interval_start(d(2028, 1, 31), i).unwrap().date_naive())
            .collect();
        assert_eq!(
            starts,
            [
                d(2028, 1, 31),
                d(2028, 2, 29),
                d(2028, 3, 31),
                d(2028, 4, 30)
            ]
        );
        let at = |y, m, dd| d(y, m, dd).and_hms_opt(12, 0, 0).unwrap().and_utc();
        assert_eq!(c.interval_of(d(2028, 1, 31), at(2028, 2, 28)), 0);
        assert_eq!(c.interval_of(d(2028, 1, 31), at(2028, 2, 29)), 1);
        assert_eq!(c.interval_of(d(2028, 1, 31), at(2028, 3, 30)), 1);
        assert_eq!(c.interval_of(d(2028, 1, 31), at(2028, 3, 31)), 2);
        let w = Cadence::new(Every::Week, 0).unwrap();
        assert_eq!(w.interval_of(d(2026, 10, 1), at(2026, 10, 8)), 1);
        assert_eq!(w.interval_of(d(2026, 10, 1), at(2026, 10, 7)), 0);
    }
}
