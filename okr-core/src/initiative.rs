//! Initiatives: work items under a key result (a project, an epic, a task list), with a
//! title, an owner, a due date and updates that say how far along they are.
//!
//! # Progress
//! An initiative's state at a time T is its latest update at or before T (equal times: the
//! one recorded last): `done: true` is 1, `done: false` is 0, `percent: x` is `x / 100`
//! (`0 <= x <= 100`). With no update at or before T it is 0 (not started). It is **done** at T
//! when that share is 1, and **overdue** at T when it has a due date, is not done and T's day
//! (UTC) is after the due date.
//!
//! # In the rollup
//! Initiatives are excluded from progress unless their key result opts in with a weight
//! ([`KeyResult::initiatives_weight`](crate::KeyResult::initiatives_weight), `w > 0`). Then the
//! key result's computed progress `p` and attainment `a` (from its measure) become
//! `(p + w q) / (1 + w)` and `(a + w q) / (1 + w)`, where `q` is the plain mean of its
//! initiatives' shares at the as-of time. Without initiatives, with an undefined progress
//! (a threshold with no value yet) or with a manual override the figures are the measure's (an
//! override is reported as set; the blend shows in the computed figures). Only the progress
//! blends: the key result's value, what an aggregate above it sums, its `count_done` and its
//! status thresholds read the measure; its status follows the blended progress.
//!
//! Initiative ids share the one space of ids of objectives, key results and KPIs.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::OkrError;
use crate::format::number;
use crate::model::Extra;
use crate::time::{AsOf, de_ts, ser_ts};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// A work item under a key result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    /// Unique id (shared with objectives, key results and KPIs).
    pub id: String,
    /// The key result it serves.
    pub key_result: String,
    /// What is to be done.
    pub title: String,
    /// The owner's id; `None`: the key result's owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When it is due (inclusive).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::de_opt_date"
    )]
    pub due: Option<NaiveDate>,
    /// How far along it is, oldest first (kept sorted by time; equal times keep their order).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<InitiativeUpdate>,
    /// Data kept exactly for the embedding product: any JSON object, no key twice in one object.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// How far along an initiative is from a time on: `done` (true or false) or `percent`
/// (0 to 100), exactly one of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InitiativeUpdate {
    /// From when: RFC 3339 with a zone, or a date (00:00 UTC that day), as a check-in's `at`.
    #[serde(serialize_with = "ser_ts", deserialize_with = "de_ts")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<Utc>,
    /// Done (`true`) or not (`false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
    /// The share done, in percent (finite, 0 to 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl InitiativeUpdate {
    /// Done (or not) from `at` on.
    pub fn done(at: DateTime<Utc>, done: bool) -> Self {
        InitiativeUpdate {
            at,
            done: Some(done),
            percent: None,
            note: None,
        }
    }

    /// `percent` (0 to 100) done from `at` on.
    pub fn percent(at: DateTime<Utc>, percent: f64) -> Self {
        InitiativeUpdate {
            at,
            done: None,
            percent: Some(percent),
            note: None,
        }
    }

    /// Sets the note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// The share done it says, in `[0, 1]` (a valid update).
    pub fn share(&self) -> f64 {
        match (self.done, self.percent) {
            (Some(d), _) => f64::from(u8::from(d)),
            (None, Some(p)) => p / 100.0,
            (None, None) => 0.0,
        }
    }

    /// `(field, reason)` of the update's first problem: its time outside the range okr
    /// writes, neither or both of `done` and `percent`, a percent that is not a finite
    /// number from 0 to 100.
    pub(crate) fn problem(&self) -> Option<(&'static str, String)> {
        if let Err(r) = crate::time::check_instant(self.at) {
            return Some(("at", format!("the time {r}")));
        }
        match (self.done, self.percent) {
            (Some(_), Some(_)) => Some((
                "done",
                "an update gives `done` or `percent`, not both".into(),
            )),
            (None, None) => Some(("done", "an update gives `done` or `percent`".into())),
            (None, Some(p)) if !(p.is_finite() && (0.0..=100.0).contains(&p)) => Some((
                "percent",
                format!("{} is not a number from 0 to 100", number(p)),
            )),
            _ => None,
        }
    }
}

impl Initiative {
    /// An initiative with no owner, due date or update.
    pub fn new(
        id: impl Into<String>,
        key_result: impl Into<String>,
        title: impl Into<String>,
    ) -> Self {
        Initiative {
            id: id.into(),
            key_result: key_result.into(),
            title: title.into(),
            owner: None,
            due: None,
            updates: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// Sets the owner.
    pub fn with_owner(mut self, owner: impl Into<String>) -> Self {
        self.owner = Some(owner.into());
        self
    }

    /// Sets the due date.
    pub fn with_due(mut self, due: NaiveDate) -> Self {
        self.due = Some(due);
        self
    }

    /// Adds an update (kept in time order).
    pub fn with_update(mut self, update: InitiativeUpdate) -> Self {
        let pos = self.updates.partition_point(|u| u.at <= update.at);
        self.updates.insert(pos, update);
        self
    }

    /// The first problem of the initiative on its own (its key result and owner aside), as
    /// `(path, reason)` with a path inside it (`updates[1].percent`).
    pub(crate) fn problem(&self) -> Option<(String, String)> {
        if self.id.trim().is_empty() {
            return Some(("id".into(), "ids must not be empty".into()));
        }
        self.updates.iter().enumerate().find_map(|(i, u)| {
            u.problem()
                .map(|(field, reason)| (format!("updates[{i}].{field}"), reason))
        })
    }

    /// Sorts the updates by time (equal times keep their order).
    pub(crate) fn sort_updates(&mut self) {
        crate::sort::sort_by_key(&mut self.updates, |u| u.at);
    }

    /// The update in force at `as_of`: the latest at or before it.
    ///
    /// # Complexity
    /// O(log U) for U updates.
    pub fn update_at(&self, as_of: impl Into<AsOf>) -> Option<&InitiativeUpdate> {
        let at = as_of.into().0;
        let n = self.updates.partition_point(|u| u.at <= at);
        n.checked_sub(1).map(|i| &self.updates[i])
    }

    /// The share done at `as_of`, in `[0, 1]`: 0 before its first update.
    ///
    /// # Complexity
    /// O(log U) for U updates.
    pub fn share_at(&self, as_of: impl Into<AsOf>) -> f64 {
        self.update_at(as_of).map_or(0.0, InitiativeUpdate::share)
    }

    /// Its state at `as_of` (see the [module](self) for the rules).
    ///
    /// # Complexity
    /// O(log U) for U updates.
    pub fn status(&self, as_of: impl Into<AsOf>) -> InitiativeStatus {
        let as_of = as_of.into();
        let update = self.update_at(as_of);
        let share = update.map_or(0.0, InitiativeUpdate::share);
        let done = share >= 1.0;
        InitiativeStatus {
            id: self.id.clone(),
            key_result: self.key_result.clone(),
            title: self.title.clone(),
            owner: self.owner.clone(),
            due: self.due,
            share,
            done,
            overdue: !done && self.due.is_some_and(|d| as_of.date() > d),
            updated: update.map(|u| u.at),
        }
    }
}

/// An initiative's state at a time ([`Initiative::status`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InitiativeStatus {
    /// The initiative's id.
    pub id: String,
    /// The key result it serves.
    pub key_result: String,
    /// Its title.
    pub title: String,
    /// Its own owner, if any.
    pub owner: Option<String>,
    /// Its due date, if any.
    pub due: Option<NaiveDate>,
    /// The share done, in `[0, 1]`.
    pub share: f64,
    /// Whether it is done (share 1).
    pub done: bool,
    /// Not done, and the as-of day is after its due date.
    pub overdue: bool,
    /// The time of the update in force, if any.
    #[serde(serialize_with = "crate::time::ser_opt_ts")]
    pub updated: Option<DateTime<Utc>>,
}

/// A key result's initiatives at a time, counted: how many, done, overdue, their mean share
/// done and the weight they count with in its figures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct InitiativeSummary {
    /// How many initiatives serve the key result.
    pub count: usize,
    /// How many are done.
    pub done: usize,
    /// How many are overdue.
    pub overdue: usize,
    /// Their mean share done, in `[0, 1]`.
    pub share: f64,
    /// The key result's initiatives weight when above 0 (they count in its figures), else
    /// `None` (they are excluded from progress).
    pub weight: Option<f64>,
}

impl InitiativeSummary {
    /// The summary of `initiatives` (their states at one time) for a key result whose
    /// initiatives weight is `weight`; `None` without initiatives.
    ///
    /// # Complexity
    /// O(N).
    pub fn of(initiatives: &[InitiativeStatus], weight: Option<f64>) -> Option<Self> {
        if initiatives.is_empty() {
            return None;
        }
        let count = initiatives.len();
        Some(InitiativeSummary {
            count,
            done: initiatives.iter().filter(|x| x.done).count(),
            overdue: initiatives.iter().filter(|x| x.overdue).count(),
            share: initiatives.iter().map(|x| x.share).sum::<f64>() / count as f64,
            weight: weight.filter(|w| *w > 0.0),
        })
    }

    /// In words: `initiatives 1/2 done, 70.0% on average, 1 overdue, weighted 0.25`.
    pub fn describe(&self) -> String {
        let mut s = format!(
            "initiatives {}/{} done, {} on average",
            self.done,
            self.count,
            crate::format::percent(self.share)
        );
        if self.overdue > 0 {
            s.push_str(&format!(", {} overdue", self.overdue));
        }
        match self.weight {
            Some(w) => s.push_str(&format!(", weighted {}", number(w))),
            None => s.push_str(", not counted"),
        }
        s
    }
}

/// `InvalidValue` naming a part of initiative `id` (`updates[0].percent of initiative "x"`).
pub(crate) fn invalid(id: &str, path: &str, reason: String) -> OkrError {
    OkrError::InvalidValue {
        field: format!("{path} of initiative {id:?}"),
        reason,
    }
}

/// Checks a key result's initiatives weight: finite and `>= 0`.
pub(crate) fn check_weight(kr: &str, w: Option<f64>) -> crate::Result<()> {
    match w {
        Some(w) if !(w.is_finite() && w >= 0.0) => Err(OkrError::InvalidValue {
            field: format!("initiatives_weight of key result {kr:?}"),
            reason: format!("{} is not a finite number >= 0", number(w)),
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(d: u32) -> DateTime<Utc> {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
    }

    #[test]
    fn the_update_in_force_gives_the_share_and_the_flags() {
        let i = Initiative::new("i", "kr", "Roll out")
            .with_due(NaiveDate::from_ymd_opt(2026, 11, 10).unwrap())
            .with_update(InitiativeUpdate::done(at(12), true))
            .with_update(InitiativeUpdate::percent(at(3), 40.0));
        assert_eq!(i.updates[0].at, at(3), "kept in time order");
        assert_eq!(i.share_at(AsOf(at(2))), 0.0);
        let s = i.status(AsOf(at(5)));
        assert_eq!((s.share, s.done, s.overdue), (0.4, false, false));
        // after the due day, not done yet
        let s = i.status(AsOf(at(11)));
        assert_eq!((s.share, s.done, s.overdue), (0.4, false, true));
        let s = i.status(AsOf(at(12)));
        assert_eq!((s.share, s.done, s.overdue), (1.0, true, false));
    }

    #[test]
    fn problems_name_the_part() {
        let bad =
            Initiative::new("i", "kr", "x").with_update(InitiativeUpdate::percent(at(1), 101.0));
        assert_eq!(bad.problem().unwrap().0, "updates[0].percent");
        let mut both = InitiativeUpdate::done(at(1), true);
        both.percent = Some(5.0);
        assert_eq!(both.problem().unwrap().0, "done");
        let mut none = InitiativeUpdate::done(at(1), true);
        none.done = None;
        assert!(none.problem().is_some());
        assert!(
            InitiativeUpdate::percent(at(1), f64::NAN)
                .problem()
                .is_some()
        );
        assert!(Initiative::new("", "kr", "x").problem().is_some());
        assert!(check_weight("k", Some(-1.0)).is_err());
        assert!(check_weight("k", Some(f64::INFINITY)).is_err());
        assert!(check_weight("k", Some(0.5)).is_ok());
    }
}
