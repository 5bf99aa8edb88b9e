//! The data layer: owners, cycles, objectives, key results and check-ins, with objectives
//! aligned in a petgraph DAG. Every mutation validates first and changes nothing when it
//! returns an error. The store knows nothing of rollups: it exposes change marks (a structure
//! stamp, and which key result a check-in went to) that the layers above use to keep their
//! caches.
//!
//! Ids are strings at the API; petgraph indices never leave the store and the layers built on
//! it inside the crate.

mod aggregates;
mod alignment;
pub(crate) mod dependencies;
mod history;
mod initiatives;
mod key_results;
mod kpis;
mod limits;
mod owners;
mod revise;
mod units;
mod visibility;
pub(crate) mod workflow;

pub use history::Revise;
pub(crate) use history::{OldValue, Op, Revision, link_name};
pub(crate) use kpis::kpi_fixed;
pub(crate) use limits::check_one_more;

use indexmap::IndexMap;
use petgraph::algo::DfsSpace;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::Visitable;

use crate::error::{EntityKind, OkrError};
use crate::model::{CheckIn, Cycle, Extra, KeyResult, Objective, Owner};

/// An alignment edge: child contributes to (or supports) parent with `weight`. `seq` records
/// insertion order so that parents are always listed in the order they were linked.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LinkData {
    pub(crate) weight: f64,
    pub(crate) seq: u64,
    /// Whether the link counts in the parent's figures (supporting links never do).
    pub(crate) kind: crate::model::LinkKind,
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

/// A change to values that a rollup layout holds but that leave its structure (which
/// objectives, key results and links there are) as it was: see [`Store::touched`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Touched {
    /// The key result at this position: its weight, due date, measure (`measure`: that
    /// changed), override, or fields the rollup does not read.
    KeyResult { k: usize, measure: bool },
    /// The objective at this position: its state, cycle (`cycle`: that changed), override,
    /// or fields the rollup does not read.
    Objective { d: usize, cycle: bool },
    /// The weight of the link between the objectives at these positions.
    Link { child: usize, parent: usize },
}

/// At most this many [`Touched`] marks wait for the caches; more count as a change of
/// structure (the caches then rebuild once instead of patching each).
const TOUCHED_MAX: usize = 1024;

/// The hasher of the maps keyed by id: foldhash (hashbrown's default), seeded at random
/// per process and per map, several times faster than the standard library's SipHash on
/// short ids; its "minimal DoS resistance" (no attacker without a view of the process's
/// random state can build colliding ids) is what a document's ids need.
pub(crate) type IdHasher = foldhash::fast::RandomState;

/// A map keyed by id, in insertion order.
pub(crate) type IdMap<V> = IndexMap<String, V, IdHasher>;

/// The alignment DAG: objective ids as node weights, edges from child to parent.
pub(crate) type Dag = StableDiGraph<String, LinkData>;

/// The OKR data and the rules every change to it must keep.
#[derive(Debug, Default)]
pub(crate) struct Store {
    pub(crate) owners: IdMap<Owner>,
    pub(crate) cycles: IdMap<Cycle>,
    pub(crate) objectives: IdMap<ObjEntry>,
    pub(crate) key_results: IdMap<KrEntry>,
    /// Alignment DAG, edges from child to parent. Node weights are objective ids.
    pub(crate) dag: Dag,
    /// Document-level data kept for the embedding product.
    pub(crate) extra: Extra,
    /// KPIs, in insertion order, their values sorted by time (see [`crate::kpi`]).
    pub(crate) kpis: IdMap<crate::kpi::Kpi>,
    /// Initiatives, in insertion order, their updates sorted by time (see
    /// [`crate::initiative`]).
    pub(crate) initiatives: IdMap<crate::initiative::Initiative>,
    /// Named groups of viewers (see [`crate::model::Group`]).
    pub(crate) groups: IdMap<crate::model::Group>,
    next_seq: u64,
    /// Replaced by a new process-wide unique stamp on every change to the objectives, key
    /// results or links (see [`Store::stamp`]).
    stamp: u64,
    /// Replaced by a new stamp on every change to the structure (see [`Store::shape`]).
    shape: u64,
    /// The changes of values since the caches last took them ([`Store::take_touched`]).
    touched: Vec<Touched>,
    /// Set once a key result moved to another objective: from then on an objective's key
    /// results (in its own insertion order) may not follow the store's key result order.
    pub(crate) key_results_reordered: bool,
    /// The cycle check's visited set, kept from one link to the next.
    dfs: Option<DfsSpace<NodeIndex, <Dag as Visitable>::Map>>,
    /// Every change after creation, in time order (the fields above are the latest state).
    pub(crate) history: history::History,
    /// The dependencies between objectives and key results (current data, not revisioned).
    pub(crate) dependencies: dependencies::Dependencies,
    /// The limits every change is held to (see `store/limits.rs`): the graph's.
    pub(crate) limits: crate::limits::Limits,
}

impl Clone for Store {
    fn clone(&self) -> Self {
        self.clone_with(self.history.clone())
    }
}

impl Store {
    /// A copy with `history` in place of this store's.
    pub(crate) fn clone_with(&self, history: history::History) -> Store {
        Store {
            owners: self.owners.clone(),
            cycles: self.cycles.clone(),
            objectives: self.objectives.clone(),
            key_results: self.key_results.clone(),
            dag: self.dag.clone(),
            extra: self.extra.clone(),
            kpis: self.kpis.clone(),
            initiatives: self.initiatives.clone(),
            groups: self.groups.clone(),
            next_seq: self.next_seq,
            stamp: self.stamp,
            shape: self.shape,
            touched: self.touched.clone(),
            key_results_reordered: self.key_results_reordered,
            dfs: None,
            history,
            dependencies: self.dependencies.clone(),
            limits: self.limits,
        }
    }
}

pub(crate) fn unknown(kind: EntityKind, id: &str) -> OkrError {
    OkrError::UnknownId {
        kind,
        id: id.to_string(),
    }
}

impl Store {
    /// The structure stamp: changes (to a value unique in the process) with every change to
    /// the objectives, key results or links; check-ins, owners and cycles leave it alone. A
    /// clone keeps its original's.
    ///
    /// # Complexity
    /// O(1).
    pub(crate) fn stamp(&self) -> u64 {
        self.stamp
    }

    /// The shape stamp: changes (to a value unique in the process) with every change to
    /// which objectives, key results and links there are, where key results belong, rollup
    /// modes and plans; not with the changes of values listed by [`Touched`]. A clone keeps
    /// its original's.
    ///
    /// # Complexity
    /// O(1).
    pub(crate) fn shape(&self) -> u64 {
        self.shape
    }

    /// The changes of values (see [`Touched`]) since the last call, in the order made; empty
    /// when the structure changed since (the shape tells).
    ///
    /// # Complexity
    /// O(1).
    pub(crate) fn take_touched(&mut self) -> Vec<Touched> {
        std::mem::take(&mut self.touched)
    }

    fn new_stamp() -> u64 {
        static STAMPS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        STAMPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    fn structure_changed(&mut self) {
        self.stamp = Self::new_stamp();
        self.shape = self.stamp;
        self.touched.clear();
    }

    /// Records a change of values; too many waiting count as a change of structure.
    fn value_changed(&mut self, touched: Touched) {
        if self.touched.len() >= TOUCHED_MAX {
            return self.structure_changed();
        }
        self.stamp = Self::new_stamp();
        self.touched.push(touched);
    }

    /// `DuplicateId` when an objective, a key result or a KPI has `id` already: the three
    /// share one space of ids, so that an id names one thing whatever the call that takes
    /// it. `kind` is the kind being added; the error names the kind that has it.
    ///
    /// # Complexity
    /// O(1): four hash look-ups (the id of a removed entity stays taken).
    pub(crate) fn check_new_id(&self, kind: EntityKind, id: &str) -> crate::Result<()> {
        let existing = if self.objectives.contains_key(id) {
            EntityKind::Objective
        } else if self.key_results.contains_key(id) {
            EntityKind::KeyResult
        } else if self.kpis.contains_key(id) {
            EntityKind::Kpi
        } else if self.initiatives.contains_key(id) {
            EntityKind::Initiative
        } else if let Some(&(kind, _)) = self.history.retired.get(id) {
            // removed, but its history keeps the id: never used again
            kind
        } else {
            return Ok(());
        };
        Err(OkrError::DuplicateId {
            kind,
            id: id.to_string(),
            existing,
        })
    }

    /// The objective entry with this id, or `UnknownId`.
    pub(crate) fn objective_entry(&self, id: &str) -> crate::Result<&ObjEntry> {
        self.objectives
            .get(id)
            .ok_or_else(|| unknown(EntityKind::Objective, id))
    }
}
