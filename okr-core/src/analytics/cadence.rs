//! Check-in cadences: which key results owe a check-in at a time, since when, and whether it
//! is due, late or missed. The embedding product sends the reminders; okr knows whom to
//! remind.
//!
//! # The effective cadence of a key result
//! The first of:
//! 1. its objective's own `cadence`;
//! 2. the cadence of the nearest aligned ancestor objective that has one (fewest links up;
//!    every link counts, whatever its weight or the ancestor's state). When several are
//!    equally near (an objective with several parents), the **most frequent** one wins: the
//!    shortest interval (a month counts as 30.436875 days, so every 30 days is more frequent
//!    than monthly and every 31 days less), then the shortest grace; a tie left is the one
//!    reached through the earlier link;
//! 3. the cadence of the objective's owner, else of the nearest owner above it in the owner
//!    tree that has one (the objective's owner, not the key result's own owner: the cadence
//!    is set where the goal is);
//! 4. none: the key result owes no check-ins.
//!
//! # Intervals
//! A cadence counts from the start of the key result's period, `S` = 00:00 UTC of its
//! objective's cycle start; the period ends at `E` = the end of its due date (or of the
//! cycle's end when it has none), as in the rollup. Interval `i` is `[S_i, S_{i+1})` with
//! `S_i = S + i * N days` (a week is 7 days) or, monthly, `i` calendar months after the start
//! day (clamped to the month's end: from January 31, February 29 or 28, then March 31). The
//! last interval is cut at `E`. Each interval expects a check-in; its deadline `D_i` is its
//! end, and its grace ends `grace_days` after the deadline (a grace is always shorter than
//! an interval). An interval
//! is kept **on time** by a check-in inside it, **late** by none inside and one before its
//! grace ends (that check-in also lies in the next interval, and keeps it on time too), and
//! is **missed** otherwise.
//!
//! # What is owed at a time T
//! Only key results that take check-ins (not aggregates, nor key results fed by a KPI: see
//! `KeyResult::takes_check_ins`) of objectives active at T (on the model as it stood at T), whose period
//! has started (`S <= T`) and whose last grace has not ended (`T < E + grace`) are
//! considered: after the period's end, a last check-in is still owed until the last interval's
//! grace ends, then nothing (the scorecards keep the record). Check-ins count when they are
//! at or after `S` and at or before T. The **outstanding** intervals are those that started
//! at or before T after the last check-in (every interval when there is none); with the first
//! outstanding interval `f`:
//! - `due`: `f` is the current interval (T before its deadline): nothing earlier is
//!   outstanding; `due_since` = the start of `f`;
//! - `late`: T is past `f`'s deadline but within its grace; `due_since` = its deadline;
//! - `missed`: `f`'s grace has passed; `due_since` = its deadline, the first unmet deadline
//!   since the last check-in. `missed_intervals` counts the outstanding intervals whose grace
//!   has passed.
//!
//! No outstanding interval: nothing owed. The owner of a key result is its own owner, else its
//! objective's.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use crate::align::AlignIndex;
use crate::cadence::Cadence;
use crate::error::Result;
use crate::graph::OkrGraph;
use crate::model::{KeyResult, ObjectiveState};
use crate::time::{AsOf, midnight, ser_opt_ts, ser_ts};

/// The state of a check-in owed ([`DueCheckIn::state`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    /// The current interval has no check-in yet, and nothing earlier is outstanding.
    Due,
    /// The previous interval has none, and its grace has not ended.
    Late,
    /// An interval's grace ended without a check-in since the last one.
    Missed,
}

impl DueState {
    /// `due`, `late` or `missed`.
    ///
    /// # Complexity
    /// O(1).
    pub fn as_str(self) -> &'static str {
        match self {
            DueState::Due => "due",
            DueState::Late => "late",
            DueState::Missed => "missed",
        }
    }
}

/// A key result that owes a check-in at a time ([`OkrGraph::due`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueCheckIn {
    /// The key result.
    pub key_result: String,
    /// Its objective.
    pub objective: String,
    /// Who owes it: the key result's own owner, else its objective's.
    pub owner: String,
    /// Its effective cadence (see the [module docs](self)).
    pub cadence: Cadence,
    /// `due`, `late` or `missed`.
    pub state: DueState,
    /// Since when: the start of the current interval (`due`), else the first unmet deadline
    /// since the last check-in.
    #[serde(serialize_with = "ser_ts")]
    pub due_since: DateTime<Utc>,
    /// The last check-in counted (inside the period, at or before the time asked), if any.
    #[serde(serialize_with = "ser_opt_ts")]
    pub last_check_in: Option<DateTime<Utc>>,
    /// Outstanding intervals whose grace has passed (0 unless `missed`).
    pub missed_intervals: u64,
}

/// A key result's period as instants: `[S, E)` (the start of the cycle, the end of its due
/// date or of the cycle's end); `None` when it is empty or the objective or cycle is unknown.
pub(crate) fn period(g: &OkrGraph, kr: &KeyResult) -> Option<(NaiveDate, DateTime<Utc>)> {
    let o = g.objective(&kr.objective)?;
    let c = g.cycle(&o.cycle)?;
    let end = kr.due.unwrap_or(c.end);
    let e = end
        .succ_opt()
        .map(midnight)
        .unwrap_or_else(|| *crate::time::instant_range().end());
    (midnight(c.start) < e).then_some((c.start, e))
}

/// The intervals of `cadence` over a period `[start, e)`.
pub(crate) struct Intervals {
    cadence: Cadence,
    start: NaiveDate,
    end: DateTime<Utc>,
    /// The index of the last interval (the one holding the last instant before `end`).
    last: u64,
}

impl Intervals {
    pub(crate) fn new(cadence: Cadence, start: NaiveDate, end: DateTime<Utc>) -> Self {
        let last = cadence.interval_of(start, end - Duration::nanoseconds(1));
        Intervals {
            cadence,
            start,
            end,
            last,
        }
    }

    /// The index of the interval holding `t` (`S <= t`), at most the last.
    pub(crate) fn of(&self, t: DateTime<Utc>) -> u64 {
        self.cadence.interval_of(self.start, t).min(self.last)
    }

    /// The start of interval `i`.
    pub(crate) fn start(&self, i: u64) -> DateTime<Utc> {
        self.cadence
            .interval_start(self.start, i)
            .map_or(self.end, |s| s.min(self.end))
    }

    /// The deadline of interval `i`: its end, cut at the period's end.
    pub(crate) fn deadline(&self, i: u64) -> DateTime<Utc> {
        self.start(i + 1)
    }

    /// The last interval's index.
    pub(crate) fn last(&self) -> u64 {
        self.last
    }

    /// The intervals kept (on time or late, by check-ins at or before `t`) among the first
    /// `n`, given the check-in times inside the period in any order: one pass over them.
    pub(crate) fn kept(&self, times: &[DateTime<Utc>], n: u64, t: DateTime<Utc>) -> u64 {
        let s = midnight(self.start);
        let grace = self.cadence.grace();
        let mut hit: Vec<u64> = Vec::with_capacity(times.len() * 2);
        for &at in times {
            if at < s || at > t {
                continue;
            }
            // its own interval (inside the period), then each interval before whose grace it
            // falls in: one at most inside the period (a grace is shorter than an interval),
            // possibly two after it (the last interval may be cut shorter than the grace)
            let i = self.of(at);
            if at < self.end + grace {
                hit.push(i);
            }
            let mut j = i;
            while j > 0 && at < self.deadline(j - 1) + grace {
                j -= 1;
                hit.push(j);
            }
        }
        crate::sort::sort_unstable(&mut hit);
        hit.dedup();
        hit.iter().filter(|&&i| i < n).count() as u64
    }
}

impl OkrGraph {
    /// The effective cadence of every key result that has one (see the
    /// [module docs](crate::analytics::cadence)), by key result id, on the latest state.
    ///
    /// # Complexity
    /// O(V + E + K + W) for V objectives, E links, K key results and W owners: one pass over
    /// the objectives parents first, one over the owners parents first.
    pub fn cadences(&self) -> HashMap<&str, Cadence> {
        // owners: added parents first, so one pass in order sees each parent's answer
        let mut by_owner: HashMap<&str, Option<Cadence>> = HashMap::new();
        for w in self.owners() {
            let inherited = w.cadence.or_else(|| {
                let mut p = w.parent.as_deref();
                // a parent not seen yet (never, as owners are added parents first): walk up
                while let Some(id) = p {
                    if let Some(c) = by_owner.get(id) {
                        return *c;
                    }
                    let o = self.owner(id)?;
                    if o.cadence.is_some() {
                        return o.cadence;
                    }
                    p = o.parent.as_deref();
                }
                None
            });
            by_owner.insert(w.id.as_str(), inherited);
        }
        let index = AlignIndex::new(self);
        // per position: (distance up to the cadence, the cadence), parents first
        let mut near: Vec<Option<(usize, Cadence)>> = vec![None; index.len()];
        for i in 0..index.len() {
            near[i] = match index.objectives[i].cadence {
                Some(c) => Some((0, c)),
                None => {
                    let mut best: Option<(usize, Cadence)> = None;
                    for &(p, _) in &index.parents[i] {
                        if let Some((d, c)) = near[p] {
                            let cand = (d + 1, c);
                            if best.is_none_or(|(bd, bc)| {
                                (cand.0, c.frequency_key()) < (bd, bc.frequency_key())
                            }) {
                                best = Some(cand);
                            }
                        }
                    }
                    best
                }
            };
        }
        let mut out = HashMap::new();
        for k in self.key_results() {
            let Some(&i) = index.pos.get(k.objective.as_str()) else {
                continue;
            };
            let c = near[i].map(|(_, c)| c).or_else(|| {
                by_owner
                    .get(index.objectives[i].owner.as_str())
                    .copied()
                    .flatten()
            });
            if let Some(c) = c {
                out.insert(k.id.as_str(), c);
            }
        }
        out
    }

    /// The key results that owe a check-in at `as_of` (see the
    /// [module docs](crate::analytics::cadence) for every rule), on the model as it stood
    /// then ([`at`](Self::at)), ordered by owner (in owner order), then key result order.
    ///
    /// # Errors
    /// None today; a `Result` for the options a later version may take.
    ///
    /// # Complexity
    /// O(V + E + K + W + C) for C check-ins, plus O(n log n) to order the n results; each
    /// interval is found by arithmetic, not by walking the intervals. At a past time, plus
    /// building that state the first time: see [`OkrGraph::at`].
    pub fn due(&self, as_of: impl Into<AsOf>) -> Result<Vec<DueCheckIn>> {
        let t = as_of.into().0;
        let g = self.at(t);
        let cadences = g.cadences();
        let owner_pos: HashMap<&str, usize> = g
            .owners()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        let mut out: Vec<(usize, usize, DueCheckIn)> = Vec::new();
        for (n, k) in g.key_results().enumerate() {
            // an aggregate, or a key result fed by a KPI: nobody checks in on it
            if !k.takes_check_ins() {
                continue;
            }
            let Some(&cadence) = cadences.get(k.id.as_str()) else {
                continue;
            };
            let Some(o) = g.objective(&k.objective) else {
                continue;
            };
            if o.state != ObjectiveState::Active {
                continue;
            }
            let Some((start, end)) = period(&g, k) else {
                continue;
            };
            let s = midnight(start);
            if t < s || t >= end + cadence.grace() {
                continue;
            }
            let iv = Intervals::new(cadence, start, end);
            let last = g
                .check_ins(&k.id)
                .iter()
                .map(|c| c.at)
                .filter(|&at| at >= s && at <= t)
                .max();
            let first = match last {
                Some(l) if l >= end => continue, // a late check-in for the last interval
                Some(l) => iv.of(l) + 1,
                None => 0,
            };
            // the current interval, or one past the last after the period's end
            let current = if t < end { iv.of(t) } else { iv.last() + 1 };
            if first > current || first > iv.last() {
                continue;
            }
            let deadline = iv.deadline(first);
            let (state, due_since) = if first == current {
                (DueState::Due, iv.start(first))
            } else if t < deadline + cadence.grace() {
                (DueState::Late, deadline)
            } else {
                (DueState::Missed, deadline)
            };
            let missed_intervals = if state == DueState::Missed {
                // the ended outstanding intervals whose grace has passed: all but the last
                // one or two (a short last interval can put two within their grace)
                let mut i = current.min(iv.last() + 1) - 1;
                while t < iv.deadline(i) + cadence.grace() {
                    i -= 1; // stops at `first`, whose grace has passed
                }
                i - first + 1
            } else {
                0
            };
            let owner = g.effective_owner(k).unwrap_or(&o.owner).to_string();
            let pos = owner_pos.get(owner.as_str()).copied().unwrap_or(usize::MAX);
            out.push((
                pos,
                n,
                DueCheckIn {
                    key_result: k.id.clone(),
                    objective: o.id.clone(),
                    owner,
                    cadence,
                    state,
                    due_since,
                    last_check_in: last,
                    missed_intervals,
                },
            ));
        }
        crate::sort::sort_unstable_by_key(&mut out, |a| (a.0, a.1));
        Ok(out.into_iter().map(|(_, _, d)| d).collect())
    }
}
