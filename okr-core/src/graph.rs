//! [`OkrGraph`]: the facade over the store (the data and its rules) and the rollup's caches.
//! Each mutation asks the store, then tells the caches what changed; reads go to the store;
//! rollups run over the caches.

use petgraph::Direction as PgDirection;
use petgraph::visit::EdgeRef;

use crate::error::{EntityKind, Result};
use crate::model::{CheckIn, Cycle, KeyResult, LinkKind, Objective, Owner};
use crate::rollup::{Rollup, RollupCache, RollupConfig};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::store::{Revise, Store};
use crate::time::AsOf;

/// The OKR graph: the single owner of all OKR data.
///
/// Objectives form a directed acyclic graph: an objective may be aligned under any number of
/// parent objectives, each link with its own weight. Every mutation validates first and changes
/// nothing when it returns an error.
///
/// Ids are strings; petgraph indices never leave this type.
///
/// ```
/// use okr_core::{OkrGraph, Owner, Cycle, Objective, KeyResult, Measure, CheckIn};
/// use chrono::{NaiveDate, TimeZone, Utc};
///
/// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
/// let mut g = OkrGraph::new();
/// g.add_owner(Owner::new("acme", "Acme", "organisation"))?;
/// g.add_cycle(Cycle::new("q4", d(10, 1), d(12, 31)))?;
/// g.add_objective(Objective::new("grow", "Grow the business", "acme", "q4"))?;
/// g.add_objective(Objective::new("sales", "Sell more", "acme", "q4"))?;
/// g.link("sales", "grow", 2.0)?;
/// g.add_key_result(KeyResult::new("rev", "Revenue from $80k to $120k", "sales",
///     Measure::numeric(80_000.0, 120_000.0)))?;
/// g.check_in("rev", CheckIn::value(Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap(), 100_000.0))?;
///
/// let rollup = g.rollup(d(11, 15));
/// assert_eq!(rollup.objective("grow").unwrap().progress, Some(0.5));
///
/// // A link that would close a cycle is refused and changes nothing.
/// let err = g.link("grow", "sales", 1.0).unwrap_err();
/// assert_eq!(err.code(), "cycle");
/// # Ok::<(), okr_core::OkrError>(())
/// ```
#[derive(Debug, Default, Clone)]
pub struct OkrGraph {
    pub(crate) store: Store,
    pub(crate) cache: RollupCache,
    /// The time, author and reason of changes made without their own.
    pub(crate) clock: Option<Revise>,
    /// Past states built for [`at`](Self::at).
    pub(crate) past: PastStates,
    /// Proposals, comments and acknowledgements (not part of the model's figures).
    pub(crate) workflow: crate::store::workflow::Workflow,
    /// Set on a view ([`view_for`](Self::view_for)): the full graph and the viewer.
    pub(crate) view: Option<Arc<ViewLink>>,
}

/// What makes a graph a view: the full graph it shows part of, and for whom.
#[derive(Debug)]
pub(crate) struct ViewLink {
    /// The full graph, as it was when the view was taken.
    pub(crate) full: Arc<OkrGraph>,
    /// The viewer.
    pub(crate) viewer: String,
    pub(crate) policy: crate::model::ViewPolicy,
    /// Each combined entry's id, and the visible objective it stands under.
    pub(crate) entries: HashMap<String, String>,
    /// The visible key results once under a hidden objective (see `view/filter.rs`).
    pub(crate) rehomed: Vec<String>,
    /// Where the view's nodes are in the full graph's layout (see `rollup/pin.rs`).
    pub(crate) pins: crate::rollup::PinCache,
}

impl ViewLink {
    /// The same view over another full graph (a copy with hypothetical check-ins: what-if
    /// on a view), with a map of its own.
    pub(crate) fn over(&self, full: OkrGraph) -> ViewLink {
        ViewLink {
            full: Arc::new(full),
            viewer: self.viewer.clone(),
            policy: self.policy,
            entries: self.entries.clone(),
            rehomed: self.rehomed.clone(),
            pins: Default::default(),
        }
    }
}

/// The past states built for [`OkrGraph::at`](OkrGraph::at), by number of revisions in force; emptied by
/// every change to the graph.
#[derive(Debug, Default)]
pub(crate) struct PastStates(Mutex<Vec<(usize, Arc<OkrGraph>)>>, PastLayouts);

/// Rollup layouts at earlier times patched back from the latest one (`Layout::before`), by
/// number of revisions in force: kept through check-ins (a layout holds none), dropped by
/// every other change.
#[derive(Debug, Default)]
pub(crate) struct PastLayouts(Mutex<Vec<(usize, Arc<crate::rollup::Layout>)>>);

/// How many past states a graph keeps.
pub(crate) const KEPT_PAST_STATES: usize = 4;

impl Clone for PastStates {
    fn clone(&self) -> Self {
        PastStates::default()
    }
}

impl PastStates {
    pub(crate) fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(usize, Arc<OkrGraph>)>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn clear(&mut self) {
        self.0.get_mut().unwrap_or_else(|e| e.into_inner()).clear();
        (self.1)
            .0
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Drops the kept past layouts (and keeps the past states).
    pub(crate) fn drop_layouts(&mut self) {
        (self.1)
            .0
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Whether any past state is kept.
    pub(crate) fn has_any(&mut self) -> bool {
        !self
            .0
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .is_empty()
    }

    /// Records a check-in (valid in the latest state) in each past state kept where its key
    /// result exists. A state someone else holds (a [`GraphAt`](crate::GraphAt) kept), or
    /// that refuses it, is dropped instead: the next question about that time builds it anew.
    pub(crate) fn follow_check_in(&mut self, kr: &str, check_in: CheckIn) {
        let kept = self.0.get_mut().unwrap_or_else(|e| e.into_inner());
        kept.retain_mut(|(_, g)| {
            let Some(g) = Arc::get_mut(g) else {
                return false;
            };
            if !g.store.key_results.contains_key(kr) {
                return true;
            }
            match g.store.check_in(kr, check_in.clone()) {
                Ok(k) => {
                    g.cache.mark(k);
                    true
                }
                Err(_) => false,
            }
        });
    }
}

impl OkrGraph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// A stamp of the graph's structure: its objectives, key results and links and their
    /// states, which fix the nodes of a rollup and their order ([`Rollup::nodes`](crate::Rollup::nodes)).
    /// Every change to them gives the graph a new stamp, unique in the process (a clone keeps
    /// its original's); check-ins leave it as it is. Lets an embedding product keep data by
    /// node order, such as an id column, for as long as the stamp stays the same.
    ///
    /// # Complexity
    /// O(1).
    pub fn structure_stamp(&self) -> u64 {
        self.store.stamp()
    }

    /// Document-level data kept for the embedding product.
    pub fn extra(&self) -> &crate::model::Extra {
        &self.store.extra
    }

    /// Mutable access to the document-level extra data.
    pub fn extra_mut(&mut self) -> &mut crate::model::Extra {
        self.past.clear();
        &mut self.store.extra
    }

    // ----- owners -----------------------------------------------------------------------

    /// Adds an owner. Its parent, if any, must already exist.
    ///
    /// # Errors
    /// `DuplicateId`, `UnknownId` (the parent), `InvalidValue` (empty id), `LimitExceeded`
    /// (`max_owners` owners already; a string or `extra` over the [limits](Self::limits)).
    pub fn add_owner(&mut self, owner: Owner) -> Result<()> {
        self.writable()?;
        self.past.clear();
        self.store.add_owner(owner)
    }

    /// Removes an owner that nothing refers to.
    ///
    /// # Errors
    /// `UnknownId`; `InUse` when an owner, objective or key result still refers to it, now
    /// or at an earlier time (a revision names it).
    pub fn remove_owner(&mut self, id: &str) -> Result<Owner> {
        self.writable()?;
        self.workflow.check_unused(EntityKind::Owner, id)?;
        self.past.clear();
        self.store.remove_owner(id)
    }

    /// The owner with this id.
    pub fn owner(&self, id: &str) -> Option<&Owner> {
        self.store.owners.get(id)
    }

    /// All owners, in insertion order.
    pub fn owners(&self) -> impl Iterator<Item = &Owner> {
        self.store.owners.values()
    }

    /// The chain of owners from `id` up to the root, starting with `id` itself.
    pub fn owner_line(&self, id: &str) -> Vec<&Owner> {
        let owners = &self.store.owners;
        let mut line = Vec::new();
        let mut cur = owners.get(id);
        while let Some(o) = cur {
            if line.len() > owners.len() {
                break; // defensive: the tree is acyclic by construction
            }
            line.push(o);
            cur = o.parent.as_deref().and_then(|p| owners.get(p));
        }
        line
    }

    // ----- cycles -----------------------------------------------------------------------

    /// Adds a cycle. `start <= end`; a child cycle must lie inside its parent, which must exist.
    ///
    /// # Errors
    /// `DuplicateId`, `UnknownId` (the parent), `InvalidCycle`, `InvalidValue` (empty id),
    /// `LimitExceeded` (`max_cycles` cycles already; a string or `extra` over the
    /// [limits](Self::limits)).
    pub fn add_cycle(&mut self, cycle: Cycle) -> Result<()> {
        self.writable()?;
        self.past.clear();
        self.store.add_cycle(cycle)
    }

    /// Removes a cycle that nothing refers to.
    ///
    /// # Errors
    /// `UnknownId`; `InUse` when an objective or a child cycle refers to it, now or at an
    /// earlier time.
    pub fn remove_cycle(&mut self, id: &str) -> Result<Cycle> {
        self.writable()?;
        self.workflow.check_unused(EntityKind::Cycle, id)?;
        self.past.clear();
        self.store.remove_cycle(id)
    }

    /// The cycle with this id.
    pub fn cycle(&self, id: &str) -> Option<&Cycle> {
        self.store.cycles.get(id)
    }

    /// All cycles, in insertion order.
    pub fn cycles(&self) -> impl Iterator<Item = &Cycle> {
        self.store.cycles.values()
    }

    // ----- objectives -------------------------------------------------------------------

    /// Adds an objective (not yet aligned to anything). Owner and cycle must exist; the id
    /// must be new to the objectives and the key results, which share one space of ids (an
    /// id once used stays taken after a removal). It exists from the beginning, or from the
    /// clock's time when a clock is set ([`add_objective_at`](Self::add_objective_at)).
    ///
    /// # Errors
    /// `DuplicateId` (an objective or a key result has the id: `existing` says which),
    /// `UnknownId` (owner or cycle), `InvalidValue` (empty id), `InvalidRevision` (a clock
    /// before the latest revision), `LimitExceeded` (`max_objectives` objectives already,
    /// more viewers than `max_owners`, a string or `extra` over the [limits](Self::limits);
    /// with a clock, `max_revisions` revisions already).
    pub fn add_objective(&mut self, objective: Objective) -> Result<()> {
        self.writable()?;
        match self.clock.clone() {
            Some(meta) => self.add_objective_at(objective, meta),
            None => self.edit(|s| s.add_objective(objective)),
        }
    }

    /// Replaces an objective's fields (title, owner, cycle, state, type, rollup mode, extra)
    /// at the graph's clock, as a revision. Links and key results stay. To change some fields
    /// only, see [`patch_objective`](Self::patch_objective); with an explicit time,
    /// [`revise_objective`](Self::revise_objective).
    ///
    /// # Errors
    /// `MissingTime` without a clock, `UnknownId` (the objective, owner or cycle),
    /// `InvalidRevision`, `LimitExceeded` (`max_revisions` revisions already; a string,
    /// viewers or `extra` over the [limits](Self::limits)).
    pub fn update_objective(&mut self, objective: Objective) -> Result<()> {
        self.writable()?;
        let meta = self.clock_for(|| objective.id.clone())?;
        let id = objective.id.clone();
        let patch = crate::patch::ObjectivePatch::whole(objective);
        self.revise_objective(&id, patch, meta)
    }

    /// Removes an objective with its key results and all its links, at the graph's clock
    /// ([`remove_objective_at`](Self::remove_objective_at)).
    ///
    /// # Errors
    /// `MissingTime` without a clock, `UnknownId`, `InvalidRevision`.
    ///
    /// # Complexity
    /// O(V) for the order-keeping removal from the id index.
    pub fn remove_objective(&mut self, id: &str) -> Result<Objective> {
        self.writable()?;
        let meta = self.clock_for(|| id.to_string())?;
        self.remove_objective_at(id, meta)
    }

    /// The objective with this id.
    pub fn objective(&self, id: &str) -> Option<&Objective> {
        self.store.objectives.get(id).map(|e| &e.data)
    }

    /// All objectives, in insertion order.
    pub fn objectives(&self) -> impl Iterator<Item = &Objective> {
        self.store.objectives.values().map(|e| &e.data)
    }

    /// Number of objectives.
    pub fn objective_count(&self) -> usize {
        self.store.objectives.len()
    }

    /// The key results of an objective, in insertion order.
    pub fn key_results_of(&self, objective: &str) -> Vec<&KeyResult> {
        self.store
            .objectives
            .get(objective)
            .map(|e| {
                e.key_results
                    .iter()
                    .filter_map(|k| self.store.key_results.get(k).map(|k| &k.data))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The key results under the aggregate key result `id` (those whose `parent` names it), in
    /// insertion order; empty for any other id.
    ///
    /// # Complexity
    /// O(K) for K key results.
    pub fn key_results_under(&self, id: &str) -> Vec<&KeyResult> {
        self.store.key_results_under(id)
    }

    /// The objectives this one is aligned under, with link weights, in link order: every
    /// link, contributing or supporting ([`parent_links`](Self::parent_links) gives the kinds).
    pub fn parents_of(&self, objective: &str) -> Vec<(&str, f64)> {
        self.neighbours(objective, PgDirection::Outgoing)
    }

    /// The objectives aligned under this one, with link weights, in link order: every link,
    /// contributing or supporting ([`child_links`](Self::child_links) gives the kinds).
    pub fn children_of(&self, objective: &str) -> Vec<(&str, f64)> {
        self.neighbours(objective, PgDirection::Incoming)
    }

    fn neighbours(&self, objective: &str, dir: PgDirection) -> Vec<(&str, f64)> {
        let Some(e) = self.store.objectives.get(objective) else {
            return Vec::new();
        };
        let dag = &self.store.dag;
        let mut out: Vec<(u64, &str, f64)> = dag
            .edges_directed(e.node, dir)
            .map(|edge| {
                let other = match dir {
                    PgDirection::Outgoing => edge.target(),
                    PgDirection::Incoming => edge.source(),
                };
                (edge.weight().seq, dag[other].as_str(), edge.weight().weight)
            })
            .collect();
        crate::sort::sort_by_key(&mut out, |t| t.0);
        out.into_iter().map(|(_, id, w)| (id, w)).collect()
    }

    /// Objectives aligned under nothing.
    pub fn roots(&self) -> Vec<&Objective> {
        let dag = &self.store.dag;
        self.store
            .objectives
            .values()
            .filter(|e| {
                dag.edges_directed(e.node, PgDirection::Outgoing)
                    .next()
                    .is_none()
            })
            .map(|e| &e.data)
            .collect()
    }

    // ----- links ------------------------------------------------------------------------

    /// Aligns `child` under `parent` with `weight` (finite, `>= 0`; 0 means "aligned, not
    /// counted"). An objective may have any number of parents. The link exists from the
    /// beginning (it must then keep every earlier state acyclic too), or from the clock's
    /// time when a clock is set ([`link_at`](Self::link_at)).
    ///
    /// # Errors
    /// `UnknownId` (either objective), `InvalidWeight`, `AlreadyLinked`, and `Cycle` with the
    /// whole cycle path when `parent` already contributes (directly or not) to `child`, now
    /// or at an earlier time; `InvalidRevision` (a clock before the latest revision);
    /// `MissingTime` (no clock, and an objective created by a revision).
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits):
    /// `max_parents_per_objective` parents already; a chain of more than `max_link_depth`
    /// objectives through the link.
    ///
    /// # Complexity
    /// O(1) when `child` has no children or `parent` has no parents (most inserts in an org
    /// chart); otherwise a search over the ancestors of `parent`, O(V + E) at worst. From the
    /// beginning in a graph with R revisions of its structure, O(R (V + E)) more.
    pub fn link(&mut self, child: &str, parent: &str, weight: f64) -> Result<()> {
        self.writable()?;
        match self.clock.clone() {
            Some(meta) => self.link_at(child, parent, weight, meta),
            None => {
                self.check_from_the_beginning(&[child, parent], || {
                    crate::store::link_name(child, parent)
                })?;
                self.edit(|s| s.link_from_start(child, parent, weight, LinkKind::Contributes))
            }
        }
    }

    /// `MissingTime` when one of `ids` was created by a revision: what is added to it
    /// cannot exist from the beginning, and takes a time too.
    pub(crate) fn check_from_the_beginning(
        &self,
        ids: &[&str],
        entity: impl FnOnce() -> String,
    ) -> Result<()> {
        if ids
            .iter()
            .any(|id| self.store.history.created.contains_key(*id))
        {
            return Err(crate::error::OkrError::MissingTime { id: entity() });
        }
        Ok(())
    }

    /// Removes the link from `child` to `parent`, at the graph's clock
    /// ([`unlink_at`](Self::unlink_at)).
    ///
    /// # Errors
    /// `MissingTime` without a clock, `UnknownId`, `NotLinked`, `InvalidRevision`.
    pub fn unlink(&mut self, child: &str, parent: &str) -> Result<()> {
        self.writable()?;
        let meta = self.clock_for(|| crate::store::link_name(child, parent))?;
        self.unlink_at(child, parent, meta)
    }

    /// Changes the weight of an existing link, at the graph's clock
    /// ([`set_link_weight_at`](Self::set_link_weight_at)).
    ///
    /// # Errors
    /// `MissingTime` without a clock, `UnknownId`, `NotLinked`, `InvalidWeight`,
    /// `InvalidRevision`.
    pub fn set_link_weight(&mut self, child: &str, parent: &str, weight: f64) -> Result<()> {
        self.writable()?;
        let meta = self.clock_for(|| crate::store::link_name(child, parent))?;
        self.set_link_weight_at(child, parent, weight, meta)
    }

    // ----- key results ------------------------------------------------------------------

    /// Adds a key result to its objective. The id must be new to the key results and the
    /// objectives, which share one space of ids. It exists from the beginning, or from the
    /// clock's time when a clock is set ([`add_key_result_at`](Self::add_key_result_at)).
    ///
    /// # Errors
    /// `DuplicateId` (a key result or an objective has the id: `existing` says which),
    /// `UnknownId` (objective or owner), `InvalidWeight`, `InvalidMeasure`,
    /// `InvalidRevision` (a clock before the latest revision), `MissingTime` (no clock, and
    /// its objective was created by a revision: it cannot exist from the beginning),
    /// `LimitExceeded` (`max_key_results` key results already; more plan points or
    /// milestones than the [limits](Self::limits) allow, a string or `extra` over them;
    /// with a clock, `max_revisions` revisions already).
    pub fn add_key_result(&mut self, kr: KeyResult) -> Result<()> {
        self.writable()?;
        match self.clock.clone() {
            Some(meta) => self.add_key_result_at(kr, meta),
            None => {
                self.check_from_the_beginning(&[&kr.objective], || kr.id.clone())?;
                self.edit(|s| s.add_key_result(kr).map(drop))
            }
        }
    }

    /// Replaces a key result's fields at the graph's clock, as a revision; its check-ins
    /// stay, and those from the clock's time on must fit the measure. It may move to another
    /// objective. To change some fields only, see [`patch_key_result`](Self::patch_key_result);
    /// with an explicit time, [`revise_key_result`](Self::revise_key_result).
    ///
    /// # Errors
    /// `MissingTime` without a clock, `UnknownId`, `InvalidWeight`, `InvalidMeasure`,
    /// `InvalidCheckIn` (a check-in does not fit the new measure), `InvalidRevision`,
    /// `InvalidValue` (another [`kpi`](KeyResult::kpi): it is set at creation),
    /// `UnitMismatch` (a unit other than its KPI's), `LimitExceeded` (`max_revisions`
    /// revisions already; plan points, milestones, a string or `extra` over the
    /// [limits](Self::limits)).
    pub fn update_key_result(&mut self, kr: KeyResult) -> Result<()> {
        self.writable()?;
        if self.key_result(&kr.id).is_some_and(|old| old.kpi != kr.kpi) {
            return Err(crate::store::kpi_fixed(&kr.id));
        }
        let meta = self.clock_for(|| kr.id.clone())?;
        let id = kr.id.clone();
        let patch = crate::patch::KeyResultPatch::whole(kr);
        self.revise_key_result(&id, patch, meta)
    }

    /// Removes a key result at the graph's clock
    /// ([`remove_key_result_at`](Self::remove_key_result_at)).
    ///
    /// # Errors
    /// `MissingTime` without a clock, `UnknownId`, `InvalidRevision`.
    pub fn remove_key_result(&mut self, id: &str) -> Result<KeyResult> {
        self.writable()?;
        let meta = self.clock_for(|| id.to_string())?;
        self.remove_key_result_at(id, meta)
    }

    /// The key result with this id.
    pub fn key_result(&self, id: &str) -> Option<&KeyResult> {
        self.store.key_results.get(id).map(|e| &e.data)
    }

    /// All key results, in insertion order.
    pub fn key_results(&self) -> impl Iterator<Item = &KeyResult> {
        self.store.key_results.values().map(|e| &e.data)
    }

    /// The owner of a key result: its own, else its objective's.
    pub fn effective_owner<'a>(&'a self, kr: &'a KeyResult) -> Option<&'a str> {
        kr.owner
            .as_deref()
            .or_else(|| self.objective(&kr.objective).map(|o| o.owner.as_str()))
    }

    // ----- check-ins --------------------------------------------------------------------

    /// Records a check-in. Check-ins may arrive out of order; they are kept sorted by time.
    /// This does not change the structure, so a [`Rollup`](crate::Rollup) can be brought up to
    /// date with [`Rollup::refresh_key_result`](crate::Rollup::refresh_key_result).
    ///
    /// # Errors
    /// `UnknownId`, `InvalidCheckIn` (wrong kind of value, non-finite value, confidence outside
    /// `[0, 1]`, unknown milestone; a key result that takes its values from a KPI, see
    /// [`record_kpi_value`](Self::record_kpi_value)), `LimitExceeded` (the key result has
    /// `max_check_ins_per_key_result` check-ins already; more milestones done than
    /// `max_milestones`; a note, author or `extra` over the [limits](Self::limits) on strings).
    ///
    /// The states at earlier times kept for [`at`](Self::at) take the check-in too (it
    /// counts at its own time in every state where its key result exists), so a rollup at a
    /// past time is refreshed as one at the latest time is, without building that state anew.
    ///
    /// # Complexity
    /// O(log C) to find the place among the key result's C check-ins (O(C) to shift), in the
    /// graph and in each of the (at most four) past states kept.
    pub fn check_in(&mut self, kr: &str, check_in: CheckIn) -> Result<()> {
        self.writable()?;
        self.check_open(kr, check_in.at)?;
        let past = self.past.has_any().then(|| check_in.clone());
        // A layout at an earlier time reads this key result's check-ins as values: one of
        // another kind counts as the start of the measure then, which a revision changed
        // (see `Layout::before`): the kept ones are dropped.
        let other_kind = !matches!(check_in.value, crate::model::CheckInValue::Value(_))
            && self.store.measure_revised(kr);
        let k = self.store.check_in(kr, check_in)?;
        if other_kind {
            self.past.drop_layouts();
        }
        if let Some(c) = past {
            self.past.follow_check_in(kr, c);
        }
        self.cache.mark(k);
        Ok(())
    }

    /// Records many check-ins at once: all of them, or none when any is invalid.
    ///
    /// # Errors
    /// The first error met, as for [`check_in`](Self::check_in); `LimitExceeded` when the
    /// check-ins of a key result, with the batch's, would be more than
    /// `max_check_ins_per_key_result` (the count named is all of them, as loading the
    /// document would count them). The graph is then unchanged.
    ///
    /// # Complexity
    /// O(N) expected to check the N check-ins, then as [`check_in`](Self::check_in) each.
    pub fn check_in_many<K: AsRef<str>>(&mut self, batch: Vec<(K, CheckIn)>) -> Result<()> {
        self.writable()?;
        // the batch's check-ins of each key result, in the order first met, for the limit
        let mut counts: Vec<(usize, usize)> = Vec::new();
        let mut slot: HashMap<usize, usize> = HashMap::new();
        for (kr, c) in &batch {
            let k = self.store.key_result_index(kr.as_ref())?;
            self.store.validate_check_in(k, c)?;
            self.store.check_check_in_limits(kr.as_ref(), c)?;
            self.check_open(kr.as_ref(), c.at)?;
            let i = *slot.entry(k).or_insert_with(|| {
                counts.push((k, 0));
                counts.len() - 1
            });
            counts[i].1 += 1;
        }
        for (k, n) in counts {
            self.store.check_check_in_count(k, n)?;
        }
        for (kr, c) in batch {
            self.check_in(kr.as_ref(), c)?;
        }
        Ok(())
    }

    /// The check-ins of a key result, oldest first.
    pub fn check_ins(&self, kr: &str) -> &[CheckIn] {
        self.store
            .key_results
            .get(kr)
            .map(|e| e.check_ins.as_slice())
            .unwrap_or(&[])
    }

    /// Runs a change to the objectives, key results or links on the store and brings the
    /// caches along: a change of structure drops those built for the old one; a change of
    /// values (a weight, a measure, a due date, a state, an override) patches them in place.
    pub(crate) fn edit<T>(&mut self, change: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.past.clear();
        let (stamp, shape) = (self.store.stamp(), self.store.shape());
        // left by changes made to the store before it was this graph's
        self.store.take_touched();
        let result = change(&mut self.store);
        let touched = self.store.take_touched();
        if self.store.shape() != shape {
            self.cache.structure_changed();
        } else if self.store.stamp() != stamp {
            self.cache.values_changed(&self.store, &touched);
        }
        result
    }

    /// Whether nothing was revised after `as_of` (the graph itself is the state then).
    ///
    /// # Complexity
    /// O(1).
    pub(crate) fn is_latest(&self, as_of: AsOf) -> bool {
        self.store.history.latest().is_none_or(|t| t <= as_of.0)
    }

    /// The rollup layout at `as_of`, when that is before the latest revision and every
    /// revision since changed values only: the layout of the latest state patched back
    /// (`Layout::before`), kept for the next question about the same time; `None` at the
    /// latest time, or when the state then must be built ([`at`](Self::at)).
    ///
    /// # Complexity
    /// O(log R) to find it kept; the first time O(V + K) plus the old values since.
    pub(crate) fn layout_before(&self, as_of: AsOf) -> Option<Arc<crate::rollup::Layout>> {
        if self.is_latest(as_of) {
            return None;
        }
        let n = self.store.history.count_until(as_of.0);
        self.store.history.values_after(n)?;
        let mut kept = (self.past.1).0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, l)) = kept.iter().find(|(m, _)| *m == n) {
            return Some(l.clone());
        }
        let layout = Arc::new(self.cache.layout(&self.store).before(&self.store, n)?);
        if kept.len() >= KEPT_PAST_STATES {
            kept.remove(0);
        }
        kept.push((n, layout.clone()));
        Some(layout)
    }

    /// A graph over `store`, with empty caches.
    pub(crate) fn from_store(mut store: Store) -> OkrGraph {
        // the new caches are built from the store as it is
        store.take_touched();
        OkrGraph {
            store,
            cache: RollupCache::default(),
            clock: None,
            past: PastStates::default(),
            workflow: Default::default(),
            view: None,
        }
    }

    /// The frozen rollup layout of the current structure (built on first use after a change).
    ///
    /// # Complexity
    /// O(V + E log E + K) to build, O(1) afterwards.
    pub(crate) fn layout(&self) -> std::sync::Arc<crate::rollup::Layout> {
        self.cache.layout(&self.store)
    }

    // ----- rollups ----------------------------------------------------------------------

    /// Rolls the whole graph up at `as_of` with the default [`RollupConfig`].
    ///
    /// # Complexity
    /// O(V + E + K log C): one pass over key results, then one over objectives in topological
    /// order, over flat arrays; each of the K key results finds its current check-in by binary
    /// search among its C check-ins. The first rollup after a structural change also builds
    /// the flat layout and the check-in columns, O(V + E log E + K + total check-ins).
    ///
    /// At a time before the latest revision, the model as it stood then (see
    /// [`at`](Self::at)): when every revision since changed values only (weights, measures
    /// between numeric and threshold, due dates, states, cycles, overrides, titles), the
    /// layout of the latest state patched back with their old values, O(V + K) plus the
    /// revisions since, kept for the next rollup at that time (through check-ins); otherwise
    /// the state then, built once and kept.
    ///
    /// # Memory
    /// 32 bytes per objective and 8 per key result: a key result's figures are read from
    /// the check-in in force, in the graph's check-in columns, which the rollup shares
    /// (when later check-ins make the graph rebuild its columns, a rollup kept from before
    /// holds the old ones until it is dropped or recomputed).
    /// When a rollup is dropped, the graph keeps its result arrays (one set at most) and the
    /// next rollup writes into them instead of new memory; [`Rollup::recompute`] reuses a
    /// result you keep.
    pub fn rollup(&self, as_of: impl Into<AsOf>) -> Rollup {
        self.rollup_with(as_of, &RollupConfig::default())
            .expect("the default configuration is valid")
    }

    /// Rolls the whole graph up at `as_of` with `config`.
    ///
    /// # Errors
    /// `InvalidConfig` when the configuration is out of range.
    ///
    /// # Complexity
    /// As [`rollup`](Self::rollup).
    pub fn rollup_with(&self, as_of: impl Into<AsOf>, config: &RollupConfig) -> Result<Rollup> {
        let as_of = as_of.into();
        let mut rollup = if let Some(layout) = self.layout_before(as_of) {
            Rollup::compute_on(&self.store, &self.cache, layout, as_of, config)?
        } else {
            let g = self.at(as_of);
            Rollup::compute(&g.store, &g.cache, as_of, config)?
        };
        self.pin_view(&mut rollup);
        Ok(rollup)
    }
}

impl Rollup {
    /// Rolls `g` up again at `as_of` into this result, with this result's configuration,
    /// reusing its memory: the same figures as a fresh [`OkrGraph::rollup_with`], without
    /// allocating (and the system zeroing) new result arrays unless the graph has grown
    /// since. For dashboards that roll the same organisation up again and again (another
    /// date, after a batch of check-ins).
    ///
    /// # Complexity
    /// As [`OkrGraph::rollup`].
    pub fn recompute(&mut self, g: &OkrGraph, as_of: impl Into<AsOf>) {
        let as_of = as_of.into();
        if let Some(layout) = g.layout_before(as_of) {
            self.recompute_on(&g.store, &g.cache, layout, as_of);
        } else {
            let past = g.at(as_of);
            self.recompute_from(&past.store, &past.cache, as_of);
        }
        g.pin_view(self);
    }

    /// Brings the rollup up to date after check-ins on key result `kr`, recomputing only that
    /// key result and those of its ancestors whose figures change. When the graph's structure
    /// changed since this rollup was made (or it is another graph), it recomputes everything.
    ///
    /// The result is identical to a fresh [`OkrGraph::rollup_with`] at the same moment.
    ///
    /// A key result created after this rollup's time has nothing to refresh.
    ///
    /// # Errors
    /// `UnknownId` when `kr` is not a key result of the graph.
    ///
    /// # Complexity
    /// O(A (F + log A)) for A affected ancestors with at most F inputs each, where an
    /// objective with more than 64 inputs counts as F = 64 + its inputs / 64 (its sums are
    /// kept per block of 64): independent of the size of the rest of the graph, and of how
    /// many siblings share a parent up to a few thousand.
    /// Check-ins made since the last full rollup are read from the graph: only a full
    /// rollup rebuilds the flat check-in columns.
    pub fn refresh_key_result(&mut self, g: &OkrGraph, kr: &str) -> Result<()> {
        if g.is_view() {
            // nothing changes in a view: a check on the id, then the figures as they are
            if g.key_result(kr).is_none() {
                return Err(crate::OkrError::UnknownId {
                    kind: crate::EntityKind::KeyResult,
                    id: kr.to_string(),
                });
            }
            self.recompute(g, self.as_of());
            return Ok(());
        }
        if let Some(layout) = g.layout_before(self.as_of()) {
            return self.refresh_on(&g.store, &g.cache, layout, kr);
        }
        let past = g.at(self.as_of());
        if !past.store.key_results.contains_key(kr) && g.store.key_results.contains_key(kr) {
            // created after this rollup's time: nothing of it to show then
            return Ok(());
        }
        self.refresh_from(&past.store, &past.cache, kr)
    }
}
