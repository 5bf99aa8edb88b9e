//! [`OkrGraph`]: owners, cycles, objectives, key results and check-ins, with objectives aligned
//! in a weighted DAG.

use std::sync::{Arc, Mutex, OnceLock};

use indexmap::IndexMap;
use petgraph::Direction as PgDirection;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;

use crate::error::{EntityKind, OkrError, Result};
use crate::layout::{CheckInCache, Layout};
use crate::model::{CheckIn, Cycle, KeyResult, Objective, Owner, check_id, check_weight};

/// An alignment edge: child contributes to parent with `weight`. `seq` records insertion order
/// so that parents are always listed in the order they were linked.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LinkData {
    pub(crate) weight: f64,
    pub(crate) seq: u64,
}

#[derive(Debug, Clone)]
pub(crate) struct ObjEntry {
    pub(crate) data: Objective,
    pub(crate) node: NodeIndex,
    /// Ids of its key results, in insertion order.
    pub(crate) key_results: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct KrEntry {
    pub(crate) data: KeyResult,
    /// The alignment-graph node of its objective (lets the rollup layout group key results
    /// by objective without hashing ids).
    pub(crate) objective_node: NodeIndex,
    /// Sorted by `at`; check-ins with equal timestamps keep their insertion order.
    pub(crate) check_ins: Vec<CheckIn>,
}

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
#[derive(Debug, Default)]
pub struct OkrGraph {
    pub(crate) owners: IndexMap<String, Owner>,
    pub(crate) cycles: IndexMap<String, Cycle>,
    pub(crate) objectives: IndexMap<String, ObjEntry>,
    pub(crate) key_results: IndexMap<String, KrEntry>,
    /// Alignment DAG, edges from child to parent. Node weights are objective ids.
    pub(crate) dag: StableDiGraph<String, LinkData>,
    /// Document-level data kept for the embedding product.
    pub(crate) extra: crate::model::Extra,
    next_seq: u64,
    /// Replaced by a new process-wide unique stamp on every change that affects the rollup
    /// layout (see [`OkrGraph::structure_stamp`]).
    pub(crate) version: u64,
    /// Set once a key result moved to another objective: from then on an objective's key
    /// results (in its own insertion order) may not follow the graph's key result order.
    pub(crate) key_results_reordered: bool,
    layout: OnceLock<Arc<Layout>>,
    /// Flat copies of the check-ins for the rollup, and which key results changed since.
    pub(crate) check_in_cache: Mutex<CheckInCache>,
    /// Result arrays of a dropped rollup, reused by the next one.
    pub(crate) spare: Arc<crate::rollup::SpareResults>,
}

impl Clone for OkrGraph {
    fn clone(&self) -> Self {
        OkrGraph {
            owners: self.owners.clone(),
            cycles: self.cycles.clone(),
            objectives: self.objectives.clone(),
            key_results: self.key_results.clone(),
            dag: self.dag.clone(),
            extra: self.extra.clone(),
            next_seq: self.next_seq,
            version: self.version,
            key_results_reordered: self.key_results_reordered,
            layout: self.layout.clone(),
            check_in_cache: Mutex::new(
                self.check_in_cache
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .clone(),
            ),
            spare: Arc::default(),
        }
    }
}

fn unknown(kind: EntityKind, id: &str) -> OkrError {
    OkrError::UnknownId {
        kind,
        id: id.to_string(),
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
        self.version
    }

    fn structure_changed(&mut self) {
        static STAMPS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        self.version = STAMPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.layout = OnceLock::new();
        *self.check_in_cache_mut() = CheckInCache::default();
    }

    fn check_in_cache_mut(&mut self) -> &mut CheckInCache {
        self.check_in_cache
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// The frozen rollup layout for the current structure, built on first use after a change.
    ///
    /// # Complexity
    /// O(V + E + K) to build (K key results), O(1) afterwards.
    pub(crate) fn layout(&self) -> Arc<Layout> {
        self.layout
            .get_or_init(|| Arc::new(Layout::build(self)))
            .clone()
    }

    /// Document-level data kept for the embedding product.
    pub fn extra(&self) -> &crate::model::Extra {
        &self.extra
    }

    /// Mutable access to the document-level extra data.
    pub fn extra_mut(&mut self) -> &mut crate::model::Extra {
        &mut self.extra
    }

    // ----- owners -----------------------------------------------------------------------

    /// Adds an owner. Its parent, if any, must already exist.
    ///
    /// # Errors
    /// `DuplicateId`, `UnknownId` (the parent), `InvalidValue` (empty id).
    pub fn add_owner(&mut self, owner: Owner) -> Result<()> {
        check_id("owner.id", &owner.id)?;
        if self.owners.contains_key(&owner.id) {
            return Err(OkrError::DuplicateId {
                kind: EntityKind::Owner,
                id: owner.id,
            });
        }
        if let Some(p) = &owner.parent {
            if !self.owners.contains_key(p) {
                return Err(unknown(EntityKind::Owner, p));
            }
        }
        self.owners.insert(owner.id.clone(), owner);
        Ok(())
    }

    /// Removes an owner that nothing refers to.
    ///
    /// # Errors
    /// `UnknownId`; `InUse` when an owner, objective or key result still refers to it.
    pub fn remove_owner(&mut self, id: &str) -> Result<Owner> {
        if !self.owners.contains_key(id) {
            return Err(unknown(EntityKind::Owner, id));
        }
        let in_use = |by: String| OkrError::InUse {
            kind: EntityKind::Owner,
            id: id.to_string(),
            by,
        };
        if let Some(o) = self
            .owners
            .values()
            .find(|o| o.parent.as_deref() == Some(id))
        {
            return Err(in_use(format!("owner {:?}", o.id)));
        }
        if let Some(o) = self.objectives.values().find(|o| o.data.owner == id) {
            return Err(in_use(format!("objective {:?}", o.data.id)));
        }
        if let Some(k) = self
            .key_results
            .values()
            .find(|k| k.data.owner.as_deref() == Some(id))
        {
            return Err(in_use(format!("key result {:?}", k.data.id)));
        }
        Ok(self.owners.shift_remove(id).expect("checked above"))
    }

    /// The owner with this id.
    pub fn owner(&self, id: &str) -> Option<&Owner> {
        self.owners.get(id)
    }

    /// All owners, in insertion order.
    pub fn owners(&self) -> impl Iterator<Item = &Owner> {
        self.owners.values()
    }

    /// The chain of owners from `id` up to the root, starting with `id` itself.
    pub fn owner_line(&self, id: &str) -> Vec<&Owner> {
        let mut line = Vec::new();
        let mut cur = self.owners.get(id);
        while let Some(o) = cur {
            if line.len() > self.owners.len() {
                break; // defensive: the tree is acyclic by construction
            }
            line.push(o);
            cur = o.parent.as_deref().and_then(|p| self.owners.get(p));
        }
        line
    }

    // ----- cycles -----------------------------------------------------------------------

    /// Adds a cycle. `start <= end`; a child cycle must lie inside its parent, which must exist.
    ///
    /// # Errors
    /// `DuplicateId`, `UnknownId` (the parent), `InvalidCycle`, `InvalidValue` (empty id).
    pub fn add_cycle(&mut self, cycle: Cycle) -> Result<()> {
        check_id("cycle.id", &cycle.id)?;
        if self.cycles.contains_key(&cycle.id) {
            return Err(OkrError::DuplicateId {
                kind: EntityKind::Cycle,
                id: cycle.id,
            });
        }
        if cycle.end < cycle.start {
            return Err(OkrError::InvalidCycle {
                id: cycle.id.clone(),
                reason: format!("ends ({}) before it starts ({})", cycle.end, cycle.start),
            });
        }
        if let Some(p) = &cycle.parent {
            let parent = self
                .cycles
                .get(p)
                .ok_or_else(|| unknown(EntityKind::Cycle, p))?;
            if cycle.start < parent.start || cycle.end > parent.end {
                return Err(OkrError::InvalidCycle {
                    id: cycle.id.clone(),
                    reason: format!(
                        "{}..{} does not fit inside its parent {:?} ({}..{})",
                        cycle.start, cycle.end, parent.id, parent.start, parent.end
                    ),
                });
            }
        }
        self.cycles.insert(cycle.id.clone(), cycle);
        Ok(())
    }

    /// Removes a cycle that nothing refers to.
    ///
    /// # Errors
    /// `UnknownId`; `InUse` when an objective or a child cycle refers to it.
    pub fn remove_cycle(&mut self, id: &str) -> Result<Cycle> {
        if !self.cycles.contains_key(id) {
            return Err(unknown(EntityKind::Cycle, id));
        }
        let by = self
            .cycles
            .values()
            .find(|c| c.parent.as_deref() == Some(id))
            .map(|c| format!("cycle {:?}", c.id))
            .or_else(|| {
                self.objectives
                    .values()
                    .find(|o| o.data.cycle == id)
                    .map(|o| format!("objective {:?}", o.data.id))
            });
        if let Some(by) = by {
            return Err(OkrError::InUse {
                kind: EntityKind::Cycle,
                id: id.to_string(),
                by,
            });
        }
        Ok(self.cycles.shift_remove(id).expect("checked above"))
    }

    /// The cycle with this id.
    pub fn cycle(&self, id: &str) -> Option<&Cycle> {
        self.cycles.get(id)
    }

    /// All cycles, in insertion order.
    pub fn cycles(&self) -> impl Iterator<Item = &Cycle> {
        self.cycles.values()
    }

    // ----- objectives -------------------------------------------------------------------

    fn check_objective_refs(&self, o: &Objective) -> Result<()> {
        check_id("objective.id", &o.id)?;
        if !self.owners.contains_key(&o.owner) {
            return Err(unknown(EntityKind::Owner, &o.owner));
        }
        if !self.cycles.contains_key(&o.cycle) {
            return Err(unknown(EntityKind::Cycle, &o.cycle));
        }
        Ok(())
    }

    /// Adds an objective (not yet aligned to anything). Owner and cycle must exist.
    ///
    /// # Errors
    /// `DuplicateId`, `UnknownId` (owner or cycle), `InvalidValue` (empty id).
    pub fn add_objective(&mut self, objective: Objective) -> Result<()> {
        self.check_objective_refs(&objective)?;
        if self.objectives.contains_key(&objective.id) {
            return Err(OkrError::DuplicateId {
                kind: EntityKind::Objective,
                id: objective.id,
            });
        }
        let node = self.dag.add_node(objective.id.clone());
        self.objectives.insert(
            objective.id.clone(),
            ObjEntry {
                data: objective,
                node,
                key_results: Vec::new(),
            },
        );
        self.structure_changed();
        Ok(())
    }

    /// Replaces an objective's fields (title, owner, cycle, state, type, rollup mode, extra).
    /// Links and key results stay.
    ///
    /// # Errors
    /// `UnknownId` (the objective, owner or cycle).
    pub fn update_objective(&mut self, objective: Objective) -> Result<()> {
        if !self.objectives.contains_key(&objective.id) {
            return Err(unknown(EntityKind::Objective, &objective.id));
        }
        self.check_objective_refs(&objective)?;
        let entry = self.objectives.get_mut(&objective.id).expect("checked");
        entry.data = objective;
        self.structure_changed();
        Ok(())
    }

    /// Removes an objective with its key results, their check-ins and all its links.
    ///
    /// # Errors
    /// `UnknownId`.
    ///
    /// # Complexity
    /// O(V) for the order-keeping removal from the id index.
    pub fn remove_objective(&mut self, id: &str) -> Result<Objective> {
        let entry = self
            .objectives
            .shift_remove(id)
            .ok_or_else(|| unknown(EntityKind::Objective, id))?;
        for kr in &entry.key_results {
            self.key_results.shift_remove(kr);
        }
        self.dag.remove_node(entry.node);
        self.structure_changed();
        Ok(entry.data)
    }

    /// The objective with this id.
    pub fn objective(&self, id: &str) -> Option<&Objective> {
        self.objectives.get(id).map(|e| &e.data)
    }

    /// All objectives, in insertion order.
    pub fn objectives(&self) -> impl Iterator<Item = &Objective> {
        self.objectives.values().map(|e| &e.data)
    }

    /// Number of objectives.
    pub fn objective_count(&self) -> usize {
        self.objectives.len()
    }

    /// The key results of an objective, in insertion order.
    pub fn key_results_of(&self, objective: &str) -> Vec<&KeyResult> {
        self.objectives
            .get(objective)
            .map(|e| {
                e.key_results
                    .iter()
                    .filter_map(|k| self.key_results.get(k).map(|k| &k.data))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The objectives this one is aligned under, with link weights, in link order.
    pub fn parents_of(&self, objective: &str) -> Vec<(&str, f64)> {
        self.neighbours(objective, PgDirection::Outgoing)
    }

    /// The objectives aligned under this one, with link weights, in link order.
    pub fn children_of(&self, objective: &str) -> Vec<(&str, f64)> {
        self.neighbours(objective, PgDirection::Incoming)
    }

    fn neighbours(&self, objective: &str, dir: PgDirection) -> Vec<(&str, f64)> {
        let Some(e) = self.objectives.get(objective) else {
            return Vec::new();
        };
        let mut out: Vec<(u64, &str, f64)> = self
            .dag
            .edges_directed(e.node, dir)
            .map(|edge| {
                let other = match dir {
                    PgDirection::Outgoing => edge.target(),
                    PgDirection::Incoming => edge.source(),
                };
                (
                    edge.weight().seq,
                    self.dag[other].as_str(),
                    edge.weight().weight,
                )
            })
            .collect();
        crate::sort::sort_by_key(&mut out, |t| t.0);
        out.into_iter().map(|(_, id, w)| (id, w)).collect()
    }

    /// Objectives aligned under nothing.
    pub fn roots(&self) -> Vec<&Objective> {
        self.objectives
            .values()
            .filter(|e| {
                self.dag
                    .edges_directed(e.node, PgDirection::Outgoing)
                    .next()
                    .is_none()
            })
            .map(|e| &e.data)
            .collect()
    }

    // ----- links ------------------------------------------------------------------------

    fn node_of(&self, id: &str) -> Result<NodeIndex> {
        self.objectives
            .get(id)
            .map(|e| e.node)
            .ok_or_else(|| unknown(EntityKind::Objective, id))
    }

    /// Aligns `child` under `parent` with `weight` (finite, `>= 0`; 0 means "aligned, not
    /// counted"). An objective may have any number of parents.
    ///
    /// # Errors
    /// `UnknownId` (either objective), `InvalidWeight`, `AlreadyLinked`, and `Cycle` with the
    /// whole cycle path when `parent` already contributes (directly or not) to `child`.
    ///
    /// # Complexity
    /// O(1) when `child` has no children or `parent` has no parents (most inserts in an org
    /// chart); otherwise a search over the ancestors of `parent`, O(V + E) at worst.
    pub fn link(&mut self, child: &str, parent: &str, weight: f64) -> Result<()> {
        let c = self.node_of(child)?;
        let p = self.node_of(parent)?;
        check_weight(|| format!("{child} -> {parent}"), weight)?;
        if self.dag.find_edge(c, p).is_some() {
            return Err(OkrError::AlreadyLinked {
                child: child.to_string(),
                parent: parent.to_string(),
            });
        }
        if let Some(path) = self.path_between(p, c) {
            let mut full = vec![child.to_string()];
            full.extend(path.into_iter().map(|n| self.dag[n].clone()));
            return Err(OkrError::Cycle {
                child: child.to_string(),
                parent: parent.to_string(),
                path: full,
            });
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        self.dag.add_edge(c, p, LinkData { weight, seq });
        self.structure_changed();
        Ok(())
    }

    /// Adds the link between the objectives at positions `child` and `parent` of the id index
    /// without any check: the document loader checks a whole document's links at once.
    pub(crate) fn link_unchecked(&mut self, child: usize, parent: usize, weight: f64) {
        let c = self.objectives[child].node;
        let p = self.objectives[parent].node;
        let seq = self.next_seq;
        self.next_seq += 1;
        self.dag.add_edge(c, p, LinkData { weight, seq });
        self.structure_changed();
    }

    /// A path `from -> ... -> to` along "contributes to" edges, if one exists (including the
    /// trivial path when `from == to`).
    fn path_between(&self, from: NodeIndex, to: NodeIndex) -> Option<Vec<NodeIndex>> {
        if from == to {
            return Some(vec![from]);
        }
        // Fast exits: nothing can reach `to` if it has no children; `from` reaches nothing
        // if it has no parents.
        if self
            .dag
            .edges_directed(to, PgDirection::Incoming)
            .next()
            .is_none()
            || self
                .dag
                .edges_directed(from, PgDirection::Outgoing)
                .next()
                .is_none()
        {
            return None;
        }
        let mut pred: std::collections::HashMap<NodeIndex, NodeIndex> =
            std::collections::HashMap::new();
        let mut stack = vec![from];
        pred.insert(from, from);
        while let Some(n) = stack.pop() {
            for next in self.dag.neighbors_directed(n, PgDirection::Outgoing) {
                if pred.contains_key(&next) {
                    continue;
                }
                pred.insert(next, n);
                if next == to {
                    let mut path = vec![to];
                    let mut cur = to;
                    while cur != from {
                        cur = pred[&cur];
                        path.push(cur);
                    }
                    path.reverse();
                    return Some(path);
                }
                stack.push(next);
            }
        }
        None
    }

    /// Removes the link from `child` to `parent`.
    ///
    /// # Errors
    /// `UnknownId`, `NotLinked`.
    pub fn unlink(&mut self, child: &str, parent: &str) -> Result<()> {
        let c = self.node_of(child)?;
        let p = self.node_of(parent)?;
        let e = self
            .dag
            .find_edge(c, p)
            .ok_or_else(|| OkrError::NotLinked {
                child: child.to_string(),
                parent: parent.to_string(),
            })?;
        self.dag.remove_edge(e);
        self.structure_changed();
        Ok(())
    }

    /// Changes the weight of an existing link.
    ///
    /// # Errors
    /// `UnknownId`, `NotLinked`, `InvalidWeight`.
    pub fn set_link_weight(&mut self, child: &str, parent: &str, weight: f64) -> Result<()> {
        let c = self.node_of(child)?;
        let p = self.node_of(parent)?;
        let e = self
            .dag
            .find_edge(c, p)
            .ok_or_else(|| OkrError::NotLinked {
                child: child.to_string(),
                parent: parent.to_string(),
            })?;
        check_weight(|| format!("{child} -> {parent}"), weight)?;
        self.dag[e].weight = weight;
        self.structure_changed();
        Ok(())
    }

    // ----- key results ------------------------------------------------------------------

    fn check_key_result(&self, kr: &KeyResult) -> Result<()> {
        check_id("key_result.id", &kr.id)?;
        if !self.objectives.contains_key(&kr.objective) {
            return Err(unknown(EntityKind::Objective, &kr.objective));
        }
        if let Some(o) = &kr.owner {
            if !self.owners.contains_key(o) {
                return Err(unknown(EntityKind::Owner, o));
            }
        }
        check_weight(|| kr.id.clone(), kr.weight)?;
        kr.measure.validate(&kr.id)
    }

    /// Adds a key result to its objective.
    ///
    /// # Errors
    /// `DuplicateId`, `UnknownId` (objective or owner), `InvalidWeight`, `InvalidMeasure`.
    pub fn add_key_result(&mut self, kr: KeyResult) -> Result<()> {
        self.check_key_result(&kr)?;
        if self.key_results.contains_key(&kr.id) {
            return Err(OkrError::DuplicateId {
                kind: EntityKind::KeyResult,
                id: kr.id,
            });
        }
        let objective = self.objectives.get_mut(&kr.objective).expect("checked");
        objective.key_results.push(kr.id.clone());
        let objective_node = objective.node;
        self.key_results.insert(
            kr.id.clone(),
            KrEntry {
                data: kr,
                objective_node,
                check_ins: Vec::new(),
            },
        );
        self.structure_changed();
        Ok(())
    }

    /// Replaces a key result's fields; its check-ins stay and must still fit the measure.
    /// It may move to another objective.
    ///
    /// # Errors
    /// `UnknownId`, `InvalidWeight`, `InvalidMeasure`, `InvalidCheckIn` (an existing check-in
    /// does not fit the new measure).
    pub fn update_key_result(&mut self, kr: KeyResult) -> Result<()> {
        let entry = self
            .key_results
            .get(&kr.id)
            .ok_or_else(|| unknown(EntityKind::KeyResult, &kr.id))?;
        self.check_key_result(&kr)?;
        for c in &entry.check_ins {
            c.validate(&kr)?;
        }
        let old_objective = entry.data.objective.clone();
        if old_objective != kr.objective {
            let old = self.objectives.get_mut(&old_objective).expect("consistent");
            old.key_results.retain(|k| k != &kr.id);
            let new = self.objectives.get_mut(&kr.objective).expect("checked");
            new.key_results.push(kr.id.clone());
            let node = new.node;
            // its objective's key results are no longer in graph order
            self.key_results_reordered = true;
            self.key_results
                .get_mut(&kr.id)
                .expect("checked")
                .objective_node = node;
        }
        let id = kr.id.clone();
        self.key_results.get_mut(&id).expect("checked").data = kr;
        self.structure_changed();
        Ok(())
    }

    /// Removes a key result and its check-ins.
    ///
    /// # Errors
    /// `UnknownId`.
    pub fn remove_key_result(&mut self, id: &str) -> Result<KeyResult> {
        let entry = self
            .key_results
            .shift_remove(id)
            .ok_or_else(|| unknown(EntityKind::KeyResult, id))?;
        if let Some(o) = self.objectives.get_mut(&entry.data.objective) {
            o.key_results.retain(|k| k != id);
        }
        self.structure_changed();
        Ok(entry.data)
    }

    /// The key result with this id.
    pub fn key_result(&self, id: &str) -> Option<&KeyResult> {
        self.key_results.get(id).map(|e| &e.data)
    }

    /// All key results, in insertion order.
    pub fn key_results(&self) -> impl Iterator<Item = &KeyResult> {
        self.key_results.values().map(|e| &e.data)
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
    /// `[0, 1]`, unknown milestone).
    ///
    /// # Complexity
    /// O(log C) to find the place among the key result's C check-ins (O(C) to shift).
    pub fn check_in(&mut self, kr: &str, check_in: CheckIn) -> Result<()> {
        let (k, _, entry) = self
            .key_results
            .get_full_mut(kr)
            .ok_or_else(|| unknown(EntityKind::KeyResult, kr))?;
        check_in.validate(&entry.data)?;
        let at = check_in.at;
        let pos = entry.check_ins.partition_point(|c| c.at <= at);
        entry.check_ins.insert(pos, check_in);
        self.check_in_cache_mut().mark(k);
        Ok(())
    }

    /// Records many check-ins at once: all of them, or none when any is invalid.
    ///
    /// # Errors
    /// The first error met, as for [`check_in`](Self::check_in); the graph is then unchanged.
    pub fn check_in_many(&mut self, batch: Vec<(String, CheckIn)>) -> Result<()> {
        for (kr, c) in &batch {
            let entry = self
                .key_results
                .get(kr)
                .ok_or_else(|| unknown(EntityKind::KeyResult, kr))?;
            c.validate(&entry.data)?;
        }
        for (kr, c) in batch {
            self.check_in(&kr, c).expect("validated above");
        }
        Ok(())
    }

    /// The check-ins of a key result, oldest first.
    pub fn check_ins(&self, kr: &str) -> &[CheckIn] {
        self.key_results
            .get(kr)
            .map(|e| e.check_ins.as_slice())
            .unwrap_or(&[])
    }
}
