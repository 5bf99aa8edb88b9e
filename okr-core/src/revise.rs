//! Goals over time: changes as revisions (a time, an author, a reason), the graph as it stood
//! at a time ([`OkrGraph::at`]) and the audit trail ([`OkrGraph::log`]).
//!
//! # Semantics
//! - The graph holds the latest state. Every change after an entity's creation is a
//!   revision: an objective's fields, a key result's fields (measure, weight, due date, ...),
//!   a link added, removed or re-weighted, an objective or key result added or removed.
//! - Entities added without a time exist from the beginning. Every other change needs a time:
//!   an explicit [`Revise`] (the `*_at` and `revise_*` methods), or a clock the embedder sets
//!   on the graph ([`OkrGraph::set_clock`]) which the plain methods (`update_objective`,
//!   `remove_key_result`, `unlink`, ...) then use; with neither they return
//!   [`MissingTime`](crate::OkrError::MissingTime). With a clock set, additions take its
//!   time too. The library never reads the wall clock.
//! - Revisions are recorded in time order: one that takes effect before the latest recorded
//!   is refused ([`InvalidRevision`](crate::OkrError::InvalidRevision)); equal times keep
//!   their order. So every revision is checked against the state at its own time, and the
//!   alignment graph is acyclic at every time (a link removed in October and its reverse
//!   added in November is fine). A link added from the beginning must keep every earlier
//!   state acyclic too.
//! - A removed objective or key result keeps its history, and its id is never used again.
//! - Every computation at an as-of time T (rollups, reports, explanations, analytics, lint,
//!   pictures) uses the model as it stood at T: the latest state with the revisions after T
//!   undone. Check-ins keep their own times: at T the check-ins at or before T count.
//! - A key result's measure in force at a check-in's time is the one that check-in must fit;
//!   a measure revision at t requires the check-ins at or after t to fit the new measure.
//!   At a time T the latest check-in at or before T is read against the measure in force at
//!   T: one of another kind (a value for a boolean key result, done for a numeric one) reads
//!   as no value, the new measure's start; one of the same kind counts (a value checked in
//!   against a numeric measure is read against a threshold that replaced it).
//! - Entities added without a time exist from the beginning; a key result or a link of an
//!   objective a revision created cannot, and needs a time (`MissingTime`).
//! - A removed key result takes no more check-ins, even dated before its removal.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;
use crate::model::{KeyResult, Objective};
use crate::patch::{KeyResultPatch, ObjectivePatch};
use crate::store::{Op, Revise, Revision};
use crate::time::AsOf;

/// The graph as it stood at a time ([`OkrGraph::at`]): the graph itself when no revision
/// takes effect after that time, else a read-only copy with the later revisions undone.
#[derive(Debug, Clone)]
pub enum GraphAt<'a> {
    /// No revision after the time: the graph itself.
    Latest(&'a OkrGraph),
    /// The state at an earlier time.
    Past(Arc<OkrGraph>),
}

impl std::ops::Deref for GraphAt<'_> {
    type Target = OkrGraph;
    fn deref(&self) -> &OkrGraph {
        match self {
            GraphAt::Latest(g) => g,
            GraphAt::Past(g) => g,
        }
    }
}

/// One change of one field, as the audit trail shows it ([`OkrGraph::log`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    /// When the change takes effect.
    #[serde(serialize_with = "crate::time::ser_ts")]
    pub at: DateTime<Utc>,
    /// Who made it.
    pub by: Option<String>,
    /// The entity: an objective or key result id, or `child -> parent` for a link.
    pub entity: String,
    /// `objective`, `key_result` or `link`.
    pub kind: &'static str,
    /// The field: an objective's or key result's field name (a measure's parts by their own
    /// names: `target`, `start`, ...; `measure` when its kind changes), `weight` for a link
    /// (from `null` when the link is added, to `null` when it is removed), `kind` for a link
    /// whose kind changed (or a supporting link added or removed), `exists` when an
    /// objective or key result is added (`false` to `true`) or removed.
    pub field: String,
    /// The value before (JSON, as in a document).
    pub from: serde_json::Value,
    /// The value after.
    pub to: serde_json::Value,
    /// Why.
    pub reason: Option<String>,
}

/// Which revisions [`OkrGraph::log`] lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LogFilter {
    /// Only those about this objective or key result (for an objective, its links too).
    pub id: Option<String>,
    /// Only those taking effect at or after this time.
    pub since: Option<DateTime<Utc>>,
}

fn json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// Pushes one entry per field given in both `from` and `to` (patches of the same fields).
macro_rules! field_entries {
    ($out:ident, $from:expr, $to:expr; $($f:ident => $name:expr),*) => {
        $(
            if let (Some(a), Some(b)) = (&$from.$f, &$to.$f) {
                $out.push(($name.to_string(), json(a), json(b)));
            }
        )*
    };
}

/// The changed fields of one revision: (field, from, to).
fn fields(op: &Op) -> Vec<(String, serde_json::Value, serde_json::Value)> {
    use serde_json::Value;
    let mut out = Vec::new();
    match op {
        Op::Objective { from, to, .. } => {
            field_entries!(out, from, to; title => "title", description => "description",
                owner => "owner", cycle => "cycle", state => "state", kind => "type",
                rollup => "rollup", r#override => "override", cadence => "cadence",
                visibility => "visibility", viewers => "viewers", extra => "extra");
        }
        Op::KeyResult { from, to, .. } => {
            field_entries!(out, from, to; title => "title", objective => "objective");
            if let (Some(a), Some(b)) = (&from.measure, &to.measure) {
                let (ja, jb) = (json(a), json(b));
                match (&ja, &jb) {
                    (Value::Object(ma), Value::Object(mb)) if a.kind_name() == b.kind_name() => {
                        let mut keys: Vec<&String> = ma.keys().chain(mb.keys()).collect();
                        crate::sort::sort_unstable(&mut keys);
                        keys.dedup();
                        for k in keys {
                            let (x, y) = (ma.get(k), mb.get(k));
                            if x != y {
                                out.push((
                                    k.clone(),
                                    x.cloned().unwrap_or(Value::Null),
                                    y.cloned().unwrap_or(Value::Null),
                                ));
                            }
                        }
                    }
                    _ => out.push(("measure".into(), ja, jb)),
                }
            }
            field_entries!(out, from, to; weight => "weight", parent => "parent",
                initiatives_weight => "initiatives_weight", owner => "owner",
                due => "due", plan => "plan", r#override => "override", extra => "extra");
        }
        Op::AddObjective { .. } | Op::AddKeyResult { .. } => {
            out.push(("exists".into(), Value::Bool(false), Value::Bool(true)));
        }
        Op::RemoveObjective { .. } | Op::RemoveKeyResult { .. } => {
            out.push(("exists".into(), Value::Bool(true), Value::Bool(false)));
        }
        Op::Link { weight, kind, .. } => {
            out.push(("weight".into(), Value::Null, json(weight)));
            if !kind.is_default() {
                out.push(("kind".into(), Value::Null, json(kind)));
            }
        }
        Op::Unlink { data, .. } => {
            out.push(("weight".into(), json(&data.weight), Value::Null));
            if !data.kind.is_default() {
                out.push(("kind".into(), json(&data.kind), Value::Null));
            }
        }
        Op::LinkWeight { from, to, .. } => out.push(("weight".into(), json(from), json(to))),
        Op::LinkKind { from, to, .. } => out.push(("kind".into(), json(from), json(to))),
    }
    out
}

fn kind_of(op: &Op) -> &'static str {
    match op {
        Op::Objective { .. } | Op::AddObjective { .. } | Op::RemoveObjective { .. } => "objective",
        Op::KeyResult { .. } | Op::AddKeyResult { .. } | Op::RemoveKeyResult { .. } => "key_result",
        _ => "link",
    }
}

impl OkrGraph {
    // ----- the clock --------------------------------------------------------------------

    /// Sets the time, author and reason that changes made without their own take (the
    /// plain `update_*`, `remove_*`, `unlink`, `set_link_weight`, `patch_*`, and additions,
    /// which then exist from that time on). `None` removes the clock: changes after creation
    /// then need an explicit time. The embedding product sets it per request ("now, by this
    /// user"); the library never reads the wall clock.
    pub fn set_clock(&mut self, clock: Option<Revise>) {
        self.clock = clock;
    }

    /// The clock set with [`set_clock`](Self::set_clock).
    pub fn clock(&self) -> Option<&Revise> {
        self.clock.as_ref()
    }

    /// The revision a change to `entity` made through a front end records, from what its
    /// caller gave: at `at` with `by` and `reason` (the clock is not used); without `at`, at
    /// the clock's time, with `by` / `reason` in place of the clock's when given; `None` with
    /// neither a time nor a clock (the plain methods then decide: a change after creation
    /// fails with `MissingTime`, an addition exists from the beginning).
    ///
    /// # Errors
    /// `MissingTime` naming `entity` for an author or a reason with neither a time nor a
    /// clock: they belong to a revision, which needs a time.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use okr_core::{OkrGraph, Revise};
    /// let day = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
    /// let mut g = OkrGraph::new();
    /// assert_eq!(g.revision_for("grow", None, None, None)?, None);
    /// let e = g.revision_for("grow", None, Some("anna".into()), None).unwrap_err();
    /// assert_eq!(e.code(), "missing_time");
    /// g.set_clock(Some(Revise::on(day).by("system")));
    /// let r = g.revision_for("grow", None, Some("anna".into()), None)?.unwrap();
    /// assert_eq!((r.at, r.by.as_deref()), (Revise::on(day).at, Some("anna")));
    /// # Ok::<(), okr_core::OkrError>(())
    /// ```
    pub fn revision_for(
        &self,
        entity: &str,
        at: Option<DateTime<Utc>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> Result<Option<Revise>> {
        if let Some(at) = at {
            return Ok(Some(Revise { at, by, reason }));
        }
        match &self.clock {
            Some(c) => Ok(Some(Revise {
                at: c.at,
                by: by.or_else(|| c.by.clone()),
                reason: reason.or_else(|| c.reason.clone()),
            })),
            None if by.is_some() || reason.is_some() => Err(OkrError::MissingTime {
                id: entity.to_string(),
            }),
            None => Ok(None),
        }
    }

    /// Makes a change as a front end asks for it, with an optional time, author and reason:
    /// through `revised` (an `*_at` method) with the revision
    /// [`revision_for`](Self::revision_for) gives, or, with neither a time nor a clock,
    /// through `plain` (the method without one: an addition then exists from the beginning,
    /// a change after creation is `MissingTime`). The bindings make every change this way.
    ///
    /// # Errors
    /// As `revision_for`, then as the method called.
    ///
    /// ```
    /// use okr_core::{OkrGraph, Owner, Revise};
    /// let mut g = OkrGraph::new();
    /// g.add_owner(Owner::new("acme", "Acme", "organisation"))?;
    /// let at = Revise::parse_at("2026-11-03")?;
    /// let cycle = okr_core::Cycle::new("q4", at.date_naive(), at.date_naive());
    /// g.add_cycle(cycle)?;
    /// let grow = okr_core::Objective::new("grow", "Grow", "acme", "q4");
    /// g.change_with("grow", Some(at), Some("anna".into()), None, grow,
    ///     OkrGraph::add_objective_at, OkrGraph::add_objective)?;
    /// assert_eq!(g.log(&Default::default())?[0].by.as_deref(), Some("anna"));
    /// # Ok::<(), okr_core::OkrError>(())
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn change_with<A, T>(
        &mut self,
        entity: &str,
        at: Option<DateTime<Utc>>,
        by: Option<String>,
        reason: Option<String>,
        arg: A,
        revised: impl FnOnce(&mut OkrGraph, A, Revise) -> Result<T>,
        plain: impl FnOnce(&mut OkrGraph, A) -> Result<T>,
    ) -> Result<T> {
        self.writable()?;
        match self.revision_for(entity, at, by, reason)? {
            Some(meta) => revised(self, arg, meta),
            None => plain(self, arg),
        }
    }

    /// `child -> parent`: how errors and the audit trail name a link (the `entity` of a
    /// link's [`revision_for`](Self::revision_for)).
    pub fn link_name(child: &str, parent: &str) -> String {
        crate::store::link_name(child, parent)
    }

    /// The clock's stamp, or `MissingTime` naming `entity`.
    pub(crate) fn clock_for(&self, entity: impl FnOnce() -> String) -> Result<Revise> {
        self.clock
            .clone()
            .ok_or_else(|| OkrError::MissingTime { id: entity() })
    }

    // ----- revisions --------------------------------------------------------------------

    /// Changes the fields of objective `id` that `patch` gives, as a revision at `meta.at`;
    /// the others, its links and its key results stay. A patch that changes nothing records
    /// nothing. On an error nothing changes.
    ///
    /// # Errors
    /// `UnknownId` (the objective, or the owner or cycle given), `InvalidRevision` (before
    /// the latest revision recorded, or a time outside 0000-9999).
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): `max_revisions`
    /// revisions already; a string, viewers or `extra` over them.
    ///
    /// # Complexity
    /// O(1) expected and a copy of the objective. A change of its state, cycle, override,
    /// title or other fields the layout does not hold patches the rollup layout in place
    /// (O(its key results)); a change of rollup mode drops it (the next rollup builds it).
    pub fn revise_objective(
        &mut self,
        id: &str,
        patch: ObjectivePatch,
        meta: Revise,
    ) -> Result<()> {
        self.writable()?;
        self.check_open(id, meta.at)?;
        if let Some(cycle) = &patch.cycle {
            self.check_open_cycle(cycle, id, meta.at)?;
        }
        self.edit(|s| s.revise_objective(id, patch, meta).map(drop))
    }

    /// Changes the fields of key result `id` that `patch` gives, as a revision at `meta.at`:
    /// its check-ins at or after that time must fit the new measure. A patch that changes
    /// nothing records nothing. On an error nothing changes.
    ///
    /// # Errors
    /// `UnknownId`, `InvalidWeight`, `InvalidMeasure`, `InvalidCheckIn` (a check-in at or
    /// after `meta.at` does not fit the new measure), `InvalidRevision`.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): `max_revisions`
    /// revisions already; plan points, milestones, a string or `extra` over them.
    ///
    /// # Complexity
    /// O(C) for its C check-ins, a move to another objective O(K) in the old one's key
    /// results. A change of weight, measure, due date, override or title patches the rollup
    /// layout in place (O(1), or O(F) for the F inputs of its objective when its largest
    /// weight may change); a move or a new plan drops it (the next rollup builds it).
    pub fn revise_key_result(
        &mut self,
        id: &str,
        patch: KeyResultPatch,
        meta: Revise,
    ) -> Result<()> {
        self.writable()?;
        self.check_open(id, meta.at)?;
        if let Some(o) = &patch.objective {
            self.check_open(o, meta.at)?;
        }
        self.edit(|s| s.revise_key_result(id, patch, meta).map(drop))
    }

    /// Adds an objective that exists from `meta.at` on (before, it does not).
    ///
    /// # Errors
    /// As [`add_objective`](Self::add_objective), and `InvalidRevision`.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): as for `add_objective`;
    /// `max_revisions` revisions already.
    pub fn add_objective_at(&mut self, objective: Objective, meta: Revise) -> Result<()> {
        self.writable()?;
        self.check_open_cycle(&objective.cycle, &objective.id, meta.at)?;
        self.edit(|s| s.add_objective_at(objective, meta))
    }

    /// Adds a key result that exists from `meta.at` on.
    ///
    /// # Errors
    /// As [`add_key_result`](Self::add_key_result), and `InvalidRevision`.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): as for `add_key_result`;
    /// `max_revisions` revisions already.
    pub fn add_key_result_at(&mut self, kr: KeyResult, meta: Revise) -> Result<()> {
        self.writable()?;
        self.check_open(&kr.objective, meta.at)?;
        self.edit(|s| s.add_key_result_at(kr, meta).map(drop))
    }

    /// Removes an objective, its key results and its links from `meta.at` on. Its history
    /// stays (it is there at earlier times) and its id is never used again.
    ///
    /// # Errors
    /// `UnknownId`, `InvalidRevision`.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): `max_revisions`
    /// revisions already.
    ///
    /// # Complexity
    /// O(V) for the order-keeping removal, plus a copy of what is removed.
    pub fn remove_objective_at(&mut self, id: &str, meta: Revise) -> Result<Objective> {
        self.writable()?;
        self.check_open(id, meta.at)?;
        self.workflow.check_unused(EntityKind::Objective, id)?;
        for k in self.key_results_of(id) {
            self.workflow.check_unused(EntityKind::KeyResult, &k.id)?;
        }
        self.edit(|s| s.remove_objective_at(id, meta))
    }

    /// Removes a key result from `meta.at` on; its history and check-ins stay for earlier
    /// times, and its id is never used again.
    ///
    /// # Errors
    /// `UnknownId`, `InvalidRevision`.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): `max_revisions`
    /// revisions already.
    pub fn remove_key_result_at(&mut self, id: &str, meta: Revise) -> Result<KeyResult> {
        self.writable()?;
        self.check_open(id, meta.at)?;
        self.workflow.check_unused(EntityKind::KeyResult, id)?;
        self.edit(|s| s.remove_key_result_at(id, meta))
    }

    /// Aligns `child` under `parent` from `meta.at` on.
    ///
    /// # Errors
    /// As [`link`](Self::link), and `InvalidRevision`.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): as for `link`;
    /// `max_revisions` revisions already.
    pub fn link_at(&mut self, child: &str, parent: &str, weight: f64, meta: Revise) -> Result<()> {
        self.writable()?;
        self.check_open(child, meta.at)?;
        self.check_open(parent, meta.at)?;
        self.edit(|s| {
            s.link_at(
                child,
                parent,
                weight,
                crate::model::LinkKind::Contributes,
                meta,
            )
        })
    }

    /// Removes the link `child -> parent` from `meta.at` on.
    ///
    /// # Errors
    /// `UnknownId`, `NotLinked`, `InvalidRevision`.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): `max_revisions`
    /// revisions already.
    pub fn unlink_at(&mut self, child: &str, parent: &str, meta: Revise) -> Result<()> {
        self.writable()?;
        self.check_open(child, meta.at)?;
        self.check_open(parent, meta.at)?;
        self.edit(|s| s.unlink_at(child, parent, meta))
    }

    /// Changes the weight of the link `child -> parent` from `meta.at` on.
    ///
    /// # Errors
    /// `UnknownId`, `NotLinked`, `InvalidWeight`, `InvalidRevision`.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): `max_revisions`
    /// revisions already.
    pub fn set_link_weight_at(
        &mut self,
        child: &str,
        parent: &str,
        weight: f64,
        meta: Revise,
    ) -> Result<()> {
        self.writable()?;
        self.check_open(child, meta.at)?;
        self.check_open(parent, meta.at)?;
        self.edit(|s| s.set_link_weight_at(child, parent, weight, meta).map(drop))
    }

    /// Changes the fields of objective `id` that `patch` gives, at the graph's clock
    /// ([`revise_objective`](Self::revise_objective)).
    ///
    /// # Errors
    /// `MissingTime` without a clock; as [`revise_objective`](Self::revise_objective).
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): as for
    /// `revise_objective`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use okr_core::{Cycle, Objective, ObjectivePatch, OkrGraph, Owner, Revise};
    /// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// let mut g = OkrGraph::new();
    /// g.add_owner(Owner::new("acme", "Acme", "organisation"))?;
    /// g.add_cycle(Cycle::new("q4", d(10, 1), d(12, 31)))?;
    /// g.add_objective(Objective::new("grow", "Grow", "acme", "q4"))?;
    /// let title = |t: &str| ObjectivePatch { title: Some(t.into()), ..Default::default() };
    /// assert_eq!(g.patch_objective("grow", title("Grow faster")).unwrap_err().code(), "missing_time");
    /// g.set_clock(Some(Revise::on(d(11, 3)).by("anna")));
    /// g.patch_objective("grow", title("Grow faster"))?;
    /// assert_eq!(g.objective("grow").unwrap().title, "Grow faster");
    /// assert_eq!(g.at(d(11, 2)).objective("grow").unwrap().title, "Grow");
    /// # Ok::<(), okr_core::OkrError>(())
    /// ```
    pub fn patch_objective(&mut self, id: &str, patch: ObjectivePatch) -> Result<()> {
        self.writable()?;
        let meta = self.clock_for(|| id.to_string())?;
        self.revise_objective(id, patch, meta)
    }

    /// Changes the fields of key result `id` that `patch` gives, at the graph's clock
    /// ([`revise_key_result`](Self::revise_key_result)).
    ///
    /// # Errors
    /// `MissingTime` without a clock; as [`revise_key_result`](Self::revise_key_result).
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): as for
    /// `revise_key_result`.
    pub fn patch_key_result(&mut self, id: &str, patch: KeyResultPatch) -> Result<()> {
        self.writable()?;
        let meta = self.clock_for(|| id.to_string())?;
        self.revise_key_result(id, patch, meta)
    }

    // ----- the past ---------------------------------------------------------------------

    /// The graph as it stood at `as_of`: itself when no revision takes effect after that
    /// time, else a read-only copy with the later revisions undone. The copies of the last
    /// few past states asked for are kept until the graph changes, so repeated questions
    /// about the same past do not rebuild them.
    ///
    /// # Complexity
    /// O(log R) for R revisions when no revision is later; else, the first time, a copy of
    /// the graph, O(V + E + K + C), plus the undone revisions; then O(log R).
    pub fn at(&self, as_of: impl Into<AsOf>) -> GraphAt<'_> {
        let t = as_of.into().0;
        // no revision after `t`: O(1), without searching the history
        if self.store.history.latest().is_none_or(|latest| latest <= t) {
            return GraphAt::Latest(self);
        }
        let n = self.store.history.count_until(t);
        let mut kept = self.past.lock();
        if let Some(i) = kept.iter().position(|(m, _)| *m == n) {
            let entry = kept.remove(i);
            let g = entry.1.clone();
            kept.push(entry);
            return GraphAt::Past(g);
        }
        let mut past = OkrGraph::from_store(self.store.state_after(n));
        // a view's past is a view's: its rollups are pinned too
        past.view = self.view.clone();
        let g = Arc::new(past);
        if kept.len() >= crate::graph::KEPT_PAST_STATES {
            kept.remove(0);
        }
        kept.push((n, g.clone()));
        GraphAt::Past(g)
    }

    /// Number of revisions recorded.
    pub fn revision_count(&self) -> usize {
        self.store.history.log.len()
    }

    /// The time of the latest revision, if any.
    pub fn latest_revision(&self) -> Option<DateTime<Utc>> {
        self.store.history.latest()
    }

    /// The audit trail: one entry per changed field of every revision that `filter` keeps,
    /// newest first (revisions at the same time: the one recorded last first; the fields of
    /// one revision in field order). Filtered by the id of a key result, the removal of its
    /// objective shows as an entry of its own (the key result's `exists`, true to false).
    ///
    /// # Errors
    /// `UnknownId` when `filter.id` is not, and never was, an objective or a key result.
    ///
    /// # Complexity
    /// O(R) over the R revisions, plus the entries' values.
    pub fn log(&self, filter: &LogFilter) -> Result<Vec<LogEntry>> {
        if let Some(id) = &filter.id {
            let s = &self.store;
            if !s.objectives.contains_key(id)
                && !s.key_results.contains_key(id)
                && !s.history.retired.contains_key(id)
            {
                return Err(OkrError::UnknownId {
                    kind: crate::error::EntityKind::Objective,
                    id: id.clone(),
                });
            }
        }
        // revisions are in time order: those at or after `since` are a suffix
        let log = &self.store.history.log;
        let first = filter
            .since
            .map_or(0, |s| log.partition_point(|r| r.meta.at < s));
        let mut out = Vec::new();
        for r in log[first..].iter().rev() {
            match filter.id.as_deref() {
                None => push_entries(&mut out, r),
                Some(id) if r.op.ids().contains(&id) => push_entries(&mut out, r),
                // a key result removed with its objective: its own entry
                Some(id) => {
                    if let Op::RemoveObjective { removed } = &r.op
                        && removed.key_results.iter().any(|(_, k)| k.data.id == id)
                    {
                        out.push(LogEntry {
                            at: r.meta.at,
                            by: r.meta.by.clone(),
                            entity: id.to_string(),
                            kind: "key_result",
                            field: "exists".into(),
                            from: serde_json::Value::Bool(true),
                            to: serde_json::Value::Bool(false),
                            reason: r.meta.reason.clone(),
                        });
                    }
                }
            }
        }
        Ok(out)
    }

    /// The revisions taking effect after `after` and at or before `until`, oldest first (the
    /// fields of one revision in field order), as [`log`](Self::log) gives them.
    ///
    /// # Complexity
    /// O(log R) to find them, plus their entries.
    pub(crate) fn log_between(&self, after: DateTime<Utc>, until: DateTime<Utc>) -> Vec<LogEntry> {
        let log = &self.store.history.log;
        let (a, b) = (
            log.partition_point(|r| r.meta.at <= after),
            log.partition_point(|r| r.meta.at <= until),
        );
        let mut out = Vec::new();
        for r in log.get(a..b).unwrap_or(&[]) {
            push_entries(&mut out, r);
        }
        out
    }
}

/// One entry per changed field of `r`.
fn push_entries(out: &mut Vec<LogEntry>, r: &Revision) {
    for (field, from, to) in fields(&r.op) {
        out.push(LogEntry {
            at: r.meta.at,
            by: r.meta.by.clone(),
            entity: r.op.entity(),
            kind: kind_of(&r.op),
            field,
            from,
            to,
            reason: r.meta.reason.clone(),
        });
    }
}
