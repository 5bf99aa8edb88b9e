//! Dependencies on [`OkrGraph`]: "X blocks Y" between objectives and key results of any owners
//! and any cycles, never counted in any figure. The rollup flags a node as
//! [`blocked`](crate::NodeValues::blocked) when something that blocks it (directly) is off
//! track, or has not started after the dependency's `start_by` day (see
//! [`Rollup::blockers`](crate::Rollup::blockers)).
//!
//! Dependencies are current data without revisions (like comments): the graph at an earlier
//! time holds today's dependencies between the nodes that existed then. Removing an objective
//! or a key result removes the dependencies naming it.

use serde::Serialize;

use crate::error::Result;
use crate::graph::OkrGraph;
use crate::rollup::{BlockReason, RollupConfig};
use crate::store::dependencies::Dependency;
use crate::time::AsOf;

/// A dependency with whether it blocks at a time ([`OkrGraph::dependency_status`]): what
/// `okr dependencies` lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DependencyStatus {
    /// The dependency.
    #[serde(flatten)]
    pub dependency: Dependency,
    /// Whether the blocker blocks at that time.
    pub blocks_now: bool,
    /// Why it blocks (`off_track`, `not_started`), when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<BlockReason>,
}

/// The dependencies of one node: what blocks it and what it blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DependenciesOf<'a> {
    /// The dependencies in which it is `blocked`, in the order added.
    pub blocked_by: Vec<&'a Dependency>,
    /// The dependencies in which it is the `blocker`, in the order added.
    pub blocks: Vec<&'a Dependency>,
}

impl OkrGraph {
    /// Adds a dependency: `d.blocker` blocks `d.blocked` (objectives or key results).
    ///
    /// # Errors
    /// `UnknownId` (either end); `InvalidValue` (a `start_by` outside the dates okr writes);
    /// `AlreadyDependent` (the same pair twice); `DependencyCycle` with the path when the
    /// two are the same or `d.blocked` already blocks `d.blocker`, directly or not.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): `max_dependencies`
    /// dependencies already; a note over the string limit.
    ///
    /// # Complexity
    /// O(D) for D dependencies (the search for a cycle), plus the rollup layout rebuilt on
    /// the next rollup.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use okr_core::{Cycle, Dependency, Objective, OkrGraph, Owner};
    /// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// let mut g = OkrGraph::new();
    /// g.add_owner(Owner::new("acme", "Acme", "organisation"))?;
    /// g.add_cycle(Cycle::new("q4", d(10, 1), d(12, 31)))?;
    /// for id in ["platform", "launch"] {
    ///     g.add_objective(Objective::new(id, id, "acme", "q4"))?;
    /// }
    /// g.add_dependency(Dependency::new("platform", "launch").start_by(d(10, 15)))?;
    /// let err = g.add_dependency(Dependency::new("launch", "platform")).unwrap_err();
    /// assert_eq!(err.code(), "dependency_cycle");
    /// assert_eq!(err.ids().collect::<Vec<_>>(), ["launch", "platform", "launch"]);
    /// // nothing started by the 15th: "launch" is blocked after that day
    /// let r = g.rollup(d(11, 1));
    /// assert!(r.objective("launch").unwrap().blocked);
    /// assert_eq!(r.blockers("launch")[0].id, "platform");
    /// # Ok::<(), okr_core::OkrError>(())
    /// ```
    pub fn add_dependency(&mut self, d: Dependency) -> Result<()> {
        self.writable()?;
        self.edit(|s| s.add_dependency(d))
    }

    /// Removes the dependency `blocker -> blocked` and returns it.
    ///
    /// # Errors
    /// `UnknownId` (either end), `NotDependent` (no such dependency).
    ///
    /// # Complexity
    /// O(D).
    pub fn remove_dependency(&mut self, blocker: &str, blocked: &str) -> Result<Dependency> {
        self.writable()?;
        self.edit(|s| s.remove_dependency(blocker, blocked))
    }

    /// Every dependency, in the order added.
    ///
    /// # Complexity
    /// O(1) per item.
    pub fn dependencies(&self) -> impl ExactSizeIterator<Item = &Dependency> {
        self.store.dependencies.all.values()
    }

    /// The dependency `blocker -> blocked`, if any.
    ///
    /// # Complexity
    /// O(1) expected.
    pub fn dependency(&self, blocker: &str, blocked: &str) -> Option<&Dependency> {
        self.store.dependencies.get(blocker, blocked)
    }

    /// What blocks `id` and what `id` blocks (both empty for an unknown id).
    ///
    /// # Complexity
    /// O(degree of `id`).
    pub fn dependencies_of(&self, id: &str) -> DependenciesOf<'_> {
        let deps = &self.store.dependencies;
        let get = |a: &str, b: &str| deps.get(a, b).expect("indexed");
        DependenciesOf {
            blocked_by: deps.blocked_by(id).iter().map(|b| get(b, id)).collect(),
            blocks: deps.blocks(id).iter().map(|b| get(id, b)).collect(),
        }
    }

    /// Every dependency (in the order added) with whether it blocks at `as_of`, from a
    /// rollup at that time with `config` (see [`Rollup::blockers`](crate::Rollup::blockers)).
    /// A dependency one of whose ends did not exist then blocks nothing.
    ///
    /// # Errors
    /// `InvalidConfig` for a bad `config`.
    ///
    /// # Complexity
    /// A rollup, then O(D (log D + degree)) for D dependencies.
    pub fn dependency_status(
        &self,
        as_of: impl Into<AsOf>,
        config: &RollupConfig,
    ) -> Result<Vec<DependencyStatus>> {
        let rollup = self.rollup_with(as_of, config)?;
        Ok(self
            .dependencies()
            .map(|d| {
                let reason = (rollup.blockers(&d.blocked).into_iter())
                    .find(|b| b.id == d.blocker)
                    .map(|b| b.reason);
                DependencyStatus {
                    dependency: d.clone(),
                    blocks_now: reason.is_some(),
                    reason,
                }
            })
            .collect())
    }
}
