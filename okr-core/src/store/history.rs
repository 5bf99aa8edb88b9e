//! The history of a store: every change after an entity's creation is a revision with the
//! time it takes effect, an optional author and an optional reason, kept in time order with
//! what is needed to undo it. The store itself always holds the latest state; the state at an
//! earlier time is the latest one with the revisions after that time undone
//! ([`Store::state_at`]).
//!
//! Revisions are recorded in time order: a revision may not take effect before the latest one
//! already recorded (equal times are fine and keep their recording order). This keeps one
//! rule simple and cheap to check: every revision is validated against the state at its own
//! time, which is the latest state, so the model (an acyclic alignment graph, measures that fit
//! their check-ins) holds at every time, not only at the end.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use petgraph::Direction as PgDirection;
use petgraph::visit::EdgeRef;

use super::{KrEntry, LinkData, ObjEntry, Store};
use crate::error::{EntityKind, OkrError, Result};
use crate::model::{Measure, Objective};
use crate::patch::{KeyResultPatch, ObjectivePatch};

/// When a change takes effect, who made it and why: given with every change after an
/// entity's creation (or set once as the graph's clock, [`OkrGraph::set_clock`](crate::OkrGraph::set_clock)).
///
/// ```
/// use chrono::NaiveDate;
/// use okr_core::Revise;
/// let r = Revise::on(NaiveDate::from_ymd_opt(2026, 11, 3).unwrap())
///     .by("anna")
///     .reason("re-planned after the fair");
/// assert_eq!(r.at.to_rfc3339(), "2026-11-03T00:00:00+00:00");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revise {
    /// When the change takes effect.
    pub at: DateTime<Utc>,
    /// Who made it (an owner id or any name).
    pub by: Option<String>,
    /// Why.
    pub reason: Option<String>,
}

impl Revise {
    /// A change taking effect at `at`, with no author or reason.
    pub fn at(at: DateTime<Utc>) -> Self {
        Revise {
            at,
            by: None,
            reason: None,
        }
    }

    /// A change taking effect on `date`: at 00:00 UTC that day (the one rule for a date given
    /// as the time of a change).
    pub fn on(date: NaiveDate) -> Self {
        Self::at(date.and_time(chrono::NaiveTime::MIN).and_utc())
    }

    /// Sets the author.
    pub fn by(mut self, by: impl Into<String>) -> Self {
        self.by = Some(by.into());
        self
    }

    /// Sets the reason.
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    /// Reads the time of a change from text, the one reader of every front end: a date
    /// (`YYYY-MM-DD`) is 00:00 UTC that day, an RFC 3339 time with a zone that instant.
    ///
    /// # Errors
    /// `InvalidValue` (field `at`) for anything else, or a time outside the years 0000-9999.
    pub fn parse_at(text: &str) -> Result<DateTime<Utc>> {
        Self::parse_time(text, "at")
    }

    /// [`parse_at`](Self::parse_at) for a time given under another name (a log's `since`):
    /// errors name `field`.
    ///
    /// # Errors
    /// `InvalidValue` (field `field`).
    pub fn parse_time(text: &str, field: &str) -> Result<DateTime<Utc>> {
        crate::time::parse_timestamp(text.trim()).map_err(|e| match e {
            OkrError::InvalidValue { reason, .. } => OkrError::InvalidValue {
                field: field.into(),
                reason,
            },
            other => other,
        })
    }
}

/// A removed objective with everything removed with it, kept to undo the removal.
#[derive(Debug, Clone)]
pub(crate) struct RemovedObjective {
    pub(crate) entry: ObjEntry,
    /// Its position among the objectives.
    pub(crate) index: usize,
    /// Its key results with their positions among the key results (ascending).
    pub(crate) key_results: Vec<(usize, KrEntry)>,
    /// Its links (child id, parent id, data), in and out.
    pub(crate) links: Vec<(String, String, LinkData)>,
}

/// A removed key result, kept to undo the removal.
#[derive(Debug, Clone)]
pub(crate) struct RemovedKeyResult {
    pub(crate) entry: KrEntry,
    /// Its position among the key results.
    pub(crate) index: usize,
    /// Its position among its objective's key results.
    pub(crate) in_objective: usize,
}

/// What a revision changed, with what is needed to undo it.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    /// Fields of an objective: their old values and their new ones (the same fields given).
    Objective {
        id: String,
        from: Box<ObjectivePatch>,
        to: Box<ObjectivePatch>,
    },
    /// Fields of a key result; `moved` is its position among the old objective's key results
    /// when it moved to another objective.
    KeyResult {
        id: String,
        from: Box<KeyResultPatch>,
        to: Box<KeyResultPatch>,
        moved: Option<usize>,
    },
    /// An objective created (with the fields it was created with).
    AddObjective { data: Box<Objective> },
    /// An objective removed, with its key results and links.
    RemoveObjective { removed: Box<RemovedObjective> },
    /// A key result created.
    AddKeyResult { data: Box<crate::model::KeyResult> },
    /// A key result removed.
    RemoveKeyResult { removed: Box<RemovedKeyResult> },
    /// A link added.
    Link {
        child: String,
        parent: String,
        weight: f64,
        kind: crate::model::LinkKind,
    },
    /// A link removed.
    Unlink {
        child: String,
        parent: String,
        data: LinkData,
    },
    /// A link's weight changed.
    LinkWeight {
        child: String,
        parent: String,
        from: f64,
        to: f64,
    },
    /// A link's kind changed (a change of structure for the rollup: only contributing links
    /// are inputs).
    LinkKind {
        child: String,
        parent: String,
        from: crate::model::LinkKind,
        to: crate::model::LinkKind,
    },
}

impl Op {
    /// The entity the revision is about: an objective or key result id, or `child -> parent`.
    pub(crate) fn entity(&self) -> String {
        match self {
            Op::Objective { id, .. } | Op::KeyResult { id, .. } => id.clone(),
            Op::AddObjective { data } => data.id.clone(),
            Op::AddKeyResult { data } => data.id.clone(),
            Op::RemoveObjective { removed } => removed.entry.data.id.clone(),
            Op::RemoveKeyResult { removed } => removed.entry.data.id.clone(),
            Op::Link { child, parent, .. }
            | Op::Unlink { child, parent, .. }
            | Op::LinkWeight { child, parent, .. }
            | Op::LinkKind { child, parent, .. } => link_name(child, parent),
        }
    }

    /// The ids this revision concerns (one entity; a link's child and parent).
    pub(crate) fn ids(&self) -> Vec<&str> {
        match self {
            Op::Objective { id, .. } | Op::KeyResult { id, .. } => vec![id],
            Op::AddObjective { data } => vec![&data.id],
            Op::AddKeyResult { data } => vec![&data.id],
            Op::RemoveObjective { removed } => vec![&removed.entry.data.id],
            Op::RemoveKeyResult { removed } => vec![&removed.entry.data.id],
            Op::Link { child, parent, .. }
            | Op::Unlink { child, parent, .. }
            | Op::LinkWeight { child, parent, .. }
            | Op::LinkKind { child, parent, .. } => vec![child, parent],
        }
    }

    /// Whether it changes values only, as a rollup layout sees them: a key result's weight,
    /// due date, override, or measure between numeric and threshold kinds (whose check-ins'
    /// values stay as they are), an objective's state, cycle, override or fields the layout
    /// does not hold, a link's weight. Not: anything added, removed, linked or unlinked, a key
    /// result moved, given another plan, initiatives weight or aggregate parent, a rollup mode or status
    /// rule, a measure of another kind.
    pub(crate) fn values_only(&self) -> bool {
        let plain = |m: &Measure| matches!(m, Measure::Numeric { .. } | Measure::Threshold { .. });
        match self {
            Op::KeyResult { from, to, .. } => {
                from.objective.is_none()
                    && from.plan.is_none()
                    && from.initiatives_weight.is_none()
                    && from.parent.is_none()
                    && match (&from.measure, &to.measure) {
                        (Some(a), Some(b)) => plain(a) && plain(b),
                        _ => true,
                    }
            }
            Op::Objective { from, .. } => from.rollup.is_none() && from.status_rule.is_none(),
            Op::LinkWeight { .. } => true,
            _ => false,
        }
    }

    /// Whether undoing it changes the alignment graph (links or objectives).
    pub(crate) fn structural(&self) -> bool {
        matches!(
            self,
            Op::AddObjective { .. }
                | Op::RemoveObjective { .. }
                | Op::Link { .. }
                | Op::Unlink { .. }
        )
    }
}

/// `child -> parent`, the name of a link in messages and logs.
pub(crate) fn link_name(child: &str, parent: &str) -> String {
    format!("{child} -> {parent}")
}

/// One recorded change.
#[derive(Debug, Clone)]
pub(crate) struct Revision {
    pub(crate) meta: Revise,
    pub(crate) op: Op,
}

/// The revisions of a store, in time order, shared with the past states built from it: a
/// past state holds the same list and a shorter length (a prefix), so building one copies no
/// revision. Changing a shared list copies its prefix first (a past state is dropped before
/// its graph changes, so that happens only while someone keeps one).
#[derive(Debug, Clone, Default)]
pub(crate) struct RevisionLog {
    all: std::sync::Arc<Vec<Revision>>,
    len: usize,
}

impl std::ops::Deref for RevisionLog {
    type Target = [Revision];
    fn deref(&self) -> &[Revision] {
        &self.all[..self.len]
    }
}

impl<'a> IntoIterator for &'a RevisionLog {
    type Item = &'a Revision;
    type IntoIter = std::slice::Iter<'a, Revision>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl RevisionLog {
    /// The list to change: this log's own (its prefix copied when it is shared).
    fn own(&mut self) -> &mut Vec<Revision> {
        if std::sync::Arc::get_mut(&mut self.all).is_none() {
            self.all = std::sync::Arc::new(self.all[..self.len].to_vec());
        }
        let all = std::sync::Arc::get_mut(&mut self.all).expect("unique");
        all.truncate(self.len);
        all
    }

    pub(crate) fn push(&mut self, r: Revision) {
        self.own().push(r);
        self.len += 1;
    }

    /// Keeps the first `n` revisions. O(1): the list itself is left as it is.
    pub(crate) fn truncate(&mut self, n: usize) {
        self.len = self.len.min(n);
    }

    pub(crate) fn get_mut(&mut self, i: usize) -> &mut Revision {
        &mut self.own()[i]
    }
}

/// What a revision of values changed, as it was before, by position in the store: what a
/// rollup layout of the latest state is patched back with to give the layout at an earlier
/// time, without building that state (see `Layout::before`). Measures and cycles are read
/// from the revision itself.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum OldValue {
    KrWeight {
        k: u32,
        weight: f64,
    },
    KrDue {
        k: u32,
        due: Option<NaiveDate>,
    },
    KrMeasure {
        k: u32,
    },
    KrOverride {
        k: u32,
        attainment: Option<f64>,
    },
    ObjState {
        d: u32,
        state: crate::model::ObjectiveState,
    },
    ObjCycle {
        d: u32,
    },
    ObjOverride {
        d: u32,
        attainment: Option<f64>,
    },
    LinkWeight {
        child: u32,
        parent: u32,
        weight: f64,
    },
}

/// Where a history stood: see [`History::rollback`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct HistoryMark {
    log: usize,
    values: usize,
    last_structural: Option<usize>,
}

/// Every revision of a store, in time order, with indexes over it.
#[derive(Debug, Clone, Default)]
pub(crate) struct History {
    pub(crate) log: RevisionLog,
    /// The old values of the revisions of values, (position in `log`, value), in log order.
    pub(crate) values: Vec<(u32, OldValue)>,
    /// The position in `log` of the latest revision that is not a change of values only
    /// (see [`Op::values_only`]), or before which `values` is not kept.
    pub(crate) last_structural: Option<usize>,
    /// Ids of removed objectives and key results (never used again), with the position in
    /// `log` of the revision that removed them.
    pub(crate) retired: HashMap<String, (EntityKind, usize)>,
    /// The positions in `log` of each key result's measure revisions, ascending.
    measures: HashMap<String, Vec<usize>>,
    /// Objectives and key results a revision created (they do not exist from the beginning),
    /// with the position of that revision.
    pub(crate) created: HashMap<String, usize>,
}

impl History {
    /// The old values of the revisions after the first `n`, when each of them changed values
    /// only (a rollup layout of the latest state then has the structure of the state after
    /// `n` revisions and can be patched back); `None` otherwise.
    ///
    /// # Complexity
    /// O(log R).
    pub(crate) fn values_after(&self, n: usize) -> Option<&[(u32, OldValue)]> {
        if self.last_structural.is_some_and(|i| i >= n) {
            return None;
        }
        let start = self.values.partition_point(|&(i, _)| (i as usize) < n);
        Some(&self.values[start..])
    }

    /// Where the history stands, for [`rollback`](Self::rollback).
    pub(crate) fn mark(&self) -> HistoryMark {
        HistoryMark {
            log: self.log.len(),
            values: self.values.len(),
            last_structural: self.last_structural,
        }
    }

    /// Drops the revisions recorded since `mark` and their entries in the indexes (a change
    /// made of several revisions that failed part way).
    ///
    /// # Complexity
    /// O(the revisions dropped), plus O(X) for the X removed ids when one of them removed some.
    pub(crate) fn rollback(&mut self, mark: HistoryMark) {
        for i in (mark.log..self.log.len()).rev() {
            match &self.log[i].op {
                Op::AddObjective { data } => {
                    self.created.remove(&data.id);
                }
                Op::AddKeyResult { data } => {
                    self.created.remove(&data.id);
                }
                Op::RemoveObjective { .. } | Op::RemoveKeyResult { .. } => {
                    self.retired.retain(|_, (_, at)| *at != i);
                }
                Op::KeyResult { id, from, .. } if from.measure.is_some() => {
                    if let Some(positions) = self.measures.get_mut(id) {
                        positions.retain(|&at| at != i);
                        if positions.is_empty() {
                            self.measures.remove(id);
                        }
                    }
                }
                _ => {}
            }
        }
        self.log.truncate(mark.log);
        self.values.truncate(mark.values);
        self.last_structural = mark.last_structural;
    }

    /// Indexes `log[i]`, the latest revision.
    fn index(&mut self, i: usize) {
        if !self.log[i].op.values_only() {
            self.last_structural = Some(i);
        }
        match &self.log[i].op {
            Op::RemoveObjective { removed } => {
                let id = removed.entry.data.id.clone();
                self.retired.insert(id, (EntityKind::Objective, i));
                for (_, k) in &removed.key_results {
                    let id = k.data.id.clone();
                    self.retired.insert(id, (EntityKind::KeyResult, i));
                }
            }
            Op::RemoveKeyResult { removed } => {
                let id = removed.entry.data.id.clone();
                self.retired.insert(id, (EntityKind::KeyResult, i));
            }
            Op::KeyResult { id, from, .. } if from.measure.is_some() => {
                // no copy of the id for a key result indexed already
                match self.measures.get_mut(id) {
                    Some(positions) => positions.push(i),
                    None => {
                        self.measures.insert(id.clone(), vec![i]);
                    }
                }
            }
            Op::AddObjective { data } => {
                self.created.insert(data.id.clone(), i);
            }
            Op::AddKeyResult { data } => {
                self.created.insert(data.id.clone(), i);
            }
            _ => {}
        }
    }

    /// The history of the first `n` revisions: the same log (nothing copied), indexed anew.
    ///
    /// # Complexity
    /// O(n).
    fn prefix(&self, n: usize) -> History {
        let mut log = self.log.clone();
        log.truncate(n);
        let mut h = History {
            log,
            ..History::default()
        };
        for i in 0..h.log.len() {
            h.index(i);
        }
        // the old values are not kept for a past state: its layouts are built, not patched
        h.last_structural = n.checked_sub(1);
        h
    }

    /// The time of the latest revision.
    pub(crate) fn latest(&self) -> Option<DateTime<Utc>> {
        self.log.last().map(|r| r.meta.at)
    }

    /// How many revisions take effect at or before `t`.
    ///
    /// # Complexity
    /// O(log R).
    pub(crate) fn count_until(&self, t: DateTime<Utc>) -> usize {
        self.log.partition_point(|r| r.meta.at <= t)
    }

    /// Whether a revision may take effect at `at` for `id`: not before the latest one.
    pub(crate) fn check_order(&self, id: &str, at: DateTime<Utc>) -> Result<()> {
        crate::time::check_instant(at).map_err(|reason| OkrError::InvalidRevision {
            id: id.to_string(),
            reason: format!("the time {reason}"),
        })?;
        if let Some(latest) = self.latest()
            && at < latest
        {
            return Err(OkrError::InvalidRevision {
                id: id.to_string(),
                reason: format!(
                    "it takes effect at {}, before the latest change already recorded ({}): \
                     changes are recorded in time order",
                    crate::time::format_instant(at),
                    crate::time::format_instant(latest)
                ),
            });
        }
        Ok(())
    }
}

impl Store {
    /// Keeps the old values of the revision about to be recorded (see [`OldValue`]).
    pub(crate) fn record_values(&mut self, old: impl IntoIterator<Item = OldValue>) {
        let rev = self.history.log.len() as u32;
        self.history
            .values
            .extend(old.into_iter().map(|v| (rev, v)));
    }

    /// Records a revision already applied to the latest state.
    pub(crate) fn record(&mut self, meta: Revise, op: Op) {
        self.history.log.push(Revision { meta, op });
        self.history.index(self.history.log.len() - 1);
    }

    /// The measure of key result `id` in force at `t`: from its latest state (or, for a
    /// removed key result, its state when removed), with the measure revisions after `t`
    /// undone. `None` for an id that never was a key result.
    ///
    /// # Complexity
    /// O(log R) over the key result's measure revisions (an index kept with the history).
    pub(crate) fn measure_at(&self, id: &str, t: DateTime<Utc>) -> Option<&Measure> {
        let log = &self.history.log;
        let m = match self.key_results.get(id) {
            Some(e) => &e.data.measure,
            None => &self.removed_key_result(id)?.1.data.measure,
        };
        // the first measure revision after `t` holds the measure in force at `t`
        let changes = self.history.measures.get(id).map_or(&[][..], Vec::as_slice);
        let first_later = changes.partition_point(|&i| log[i].meta.at <= t);
        if let Some(&i) = changes.get(first_later)
            && let Op::KeyResult { from, .. } = &log[i].op
            && let Some(old) = &from.measure
        {
            return Some(old);
        }
        Some(m)
    }

    /// Whether a revision changed the measure of key result `id`.
    ///
    /// # Complexity
    /// O(1) expected.
    pub(crate) fn measure_revised(&self, id: &str) -> bool {
        self.history.measures.get(id).is_some_and(|v| !v.is_empty())
    }

    /// The revision that removed key result `id` (alone or with its objective) and the key
    /// result as it was then.
    ///
    /// # Complexity
    /// O(1) expected (an index kept with the history), plus a scan of the removed objective's
    /// key results.
    pub(crate) fn removed_key_result(&self, id: &str) -> Option<(usize, &KrEntry)> {
        let &(_, i) = self.history.retired.get(id)?;
        match &self.history.log[i].op {
            Op::RemoveKeyResult { removed } => Some((i, &removed.entry)),
            Op::RemoveObjective { removed } => removed
                .key_results
                .iter()
                .find(|(_, k)| k.data.id == id)
                .map(|(_, k)| (i, k)),
            _ => None,
        }
    }

    /// The key result `id` as kept by the revision that removed it, to change (the document
    /// loader gives removed key results their check-ins).
    pub(crate) fn removed_key_result_mut(
        &mut self,
        id: &str,
    ) -> Option<(DateTime<Utc>, &mut KrEntry)> {
        let &(_, i) = self.history.retired.get(id)?;
        let r = self.history.log.get_mut(i);
        let at = r.meta.at;
        match &mut r.op {
            Op::RemoveKeyResult { removed } => Some((at, &mut removed.entry)),
            Op::RemoveObjective { removed } => removed
                .key_results
                .iter_mut()
                .find(|(_, k)| k.data.id == id)
                .map(|(_, k)| (at, k)),
            _ => None,
        }
    }

    /// The state after the first `n` revisions: a copy of the store with every later
    /// revision undone. Check-ins are kept whatever their time (a computation at a time reads
    /// the check-ins made at or before it, as on the latest state). Its history holds the first
    /// `n` revisions.
    ///
    /// # Complexity
    /// O(V + E + K + C) to copy (C check-ins), plus the undone revisions (a removal undone
    /// puts an objective back in its place, O(V)).
    pub(crate) fn state_after(&self, n: usize) -> Store {
        let mut past = self.clone_with(History::default());
        for r in self.history.log[n..].iter().rev() {
            past.undo(&r.op);
        }
        past.history = self.history.prefix(n);
        // dependencies have no history: those between the nodes that exist then
        let (objectives, key_results) = (&past.objectives, &past.key_results);
        past.dependencies
            .retain(|id| objectives.contains_key(id) || key_results.contains_key(id));
        past.structure_changed();
        past
    }

    /// The edge of the link from `child` to `parent`, when both and the link exist.
    fn link_edge(&self, child: &str, parent: &str) -> Option<petgraph::stable_graph::EdgeIndex> {
        let (c, p) = (self.objectives.get(child)?, self.objectives.get(parent)?);
        self.dag.find_edge(c.node, p.node)
    }

    /// Undoes one revision on this (past) state, without validation: the revision was valid
    /// when it was recorded against the state it is undone into.
    fn undo(&mut self, op: &Op) {
        match op {
            Op::Objective { id, from, .. } => {
                if let Some(e) = self.objectives.get_mut(id) {
                    (**from).clone().apply(&mut e.data);
                }
            }
            Op::KeyResult {
                id,
                from,
                to,
                moved,
            } => {
                let Some(e) = self.key_results.get_mut(id) else {
                    return;
                };
                (**from).clone().apply(&mut e.data);
                if let (Some(pos), Some(old), Some(new)) =
                    (moved, from.objective.as_ref(), to.objective.as_ref())
                {
                    if let Some(n) = self.objectives.get_mut(new) {
                        n.key_results.retain(|k| k != id);
                    }
                    if let Some(o) = self.objectives.get_mut(old) {
                        let at = (*pos).min(o.key_results.len());
                        o.key_results.insert(at, id.clone());
                        let node = o.node;
                        self.key_results.get_mut(id).expect("there").objective_node = node;
                    }
                }
            }
            Op::AddObjective { data } => {
                if let Some(e) = self.objectives.shift_remove(&data.id) {
                    for kr in &e.key_results {
                        self.key_results.shift_remove(kr);
                    }
                    self.dag.remove_node(e.node);
                }
            }
            Op::RemoveObjective { removed } => {
                let mut entry = removed.entry.clone();
                entry.node = self.dag.add_node(entry.data.id.clone());
                let node = entry.node;
                let (i, _) = self.objectives.insert_full(entry.data.id.clone(), entry);
                self.objectives.move_index(i, removed.index.min(i));
                for (k, kr) in &removed.key_results {
                    let mut kr = kr.clone();
                    kr.objective_node = node;
                    let (i, _) = self.key_results.insert_full(kr.data.id.clone(), kr);
                    self.key_results.move_index(i, (*k).min(i));
                }
                for (child, parent, data) in &removed.links {
                    if let (Some(c), Some(p)) =
                        (self.objectives.get(child), self.objectives.get(parent))
                    {
                        self.dag.add_edge(c.node, p.node, *data);
                    }
                }
            }
            Op::AddKeyResult { data } => {
                if self.key_results.shift_remove(&data.id).is_some()
                    && let Some(o) = self.objectives.get_mut(&data.objective)
                {
                    o.key_results.retain(|k| k != &data.id);
                }
            }
            Op::RemoveKeyResult { removed } => {
                let mut kr = removed.entry.clone();
                if let Some(o) = self.objectives.get_mut(&kr.data.objective) {
                    let at = removed.in_objective.min(o.key_results.len());
                    o.key_results.insert(at, kr.data.id.clone());
                    kr.objective_node = o.node;
                }
                let (i, _) = self.key_results.insert_full(kr.data.id.clone(), kr);
                self.key_results.move_index(i, removed.index.min(i));
            }
            Op::Link { child, parent, .. } => {
                if let Some(e) = self.link_edge(child, parent) {
                    self.dag.remove_edge(e);
                }
            }
            Op::Unlink {
                child,
                parent,
                data,
            } => {
                if let (Some(c), Some(p)) =
                    (self.objectives.get(child), self.objectives.get(parent))
                {
                    self.dag.add_edge(c.node, p.node, *data);
                }
            }
            Op::LinkWeight {
                child,
                parent,
                from,
                ..
            } => {
                if let Some(e) = self.link_edge(child, parent) {
                    self.dag[e].weight = *from;
                }
            }
            Op::LinkKind {
                child,
                parent,
                from,
                ..
            } => {
                if let Some(e) = self.link_edge(child, parent) {
                    self.dag[e].kind = *from;
                }
            }
        }
    }

    /// The links of an objective, in and out, as (child id, parent id, data).
    pub(crate) fn links_of(&self, id: &str) -> Vec<(String, String, LinkData)> {
        let Some(e) = self.objectives.get(id) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for edge in self.dag.edges_directed(e.node, PgDirection::Outgoing) {
            out.push((
                id.to_string(),
                self.dag[edge.target()].clone(),
                *edge.weight(),
            ));
        }
        for edge in self.dag.edges_directed(e.node, PgDirection::Incoming) {
            out.push((
                self.dag[edge.source()].clone(),
                id.to_string(),
                *edge.weight(),
            ));
        }
        out
    }

    /// Whether adding the link `child -> parent` from the beginning keeps the alignment graph
    /// acyclic at every earlier time as well (the latest state is checked by the link
    /// itself): the states before each structural revision are rebuilt, latest first.
    ///
    /// # Errors
    /// `AlreadyLinked` when an earlier state has the link already (a revision removed it);
    /// `Cycle` with the path in the first state (latest first) where the link closes one.
    ///
    /// # Complexity
    /// O(1) without structural revisions; else O(R (V + E)) for R structural revisions.
    pub(crate) fn check_link_in_past(&self, child: &str, parent: &str) -> Result<()> {
        if !self.history.log.iter().any(|r| r.op.structural()) {
            return Ok(());
        }
        // The link was there before a revision removed it: from the beginning, the states
        // before that removal would hold it twice (undoing the removal adds a second edge
        // `child -> parent`, counted twice by the rollup). Refused as at the latest state.
        if self.history.log.iter().any(|r| {
            matches!(&r.op, Op::Unlink { child: c, parent: p, .. } if c == child && p == parent)
        }) {
            return Err(OkrError::AlreadyLinked {
                child: child.to_string(),
                parent: parent.to_string(),
            });
        }
        let mut past = self.clone();
        for r in self.history.log.iter().rev() {
            past.undo(&r.op);
            if !r.op.structural() {
                continue;
            }
            let (Some(c), Some(p)) = (past.objectives.get(child), past.objectives.get(parent))
            else {
                continue;
            };
            let (c, p) = (c.node, p.node);
            let mut space = petgraph::algo::DfsSpace::new(&past.dag);
            if let Some(path) = crate::algo::paths::path_between(&past.dag, p, c, &mut space) {
                let mut full = vec![child.to_string()];
                full.extend(path.into_iter().map(|n| past.dag[n].clone()));
                return Err(OkrError::Cycle {
                    child: child.to_string(),
                    parent: parent.to_string(),
                    path: full,
                });
            }
        }
        Ok(())
    }
}
