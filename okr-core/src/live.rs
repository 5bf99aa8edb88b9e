//! [`LiveRollup`]: a rollup that cannot go stale, because every change to its graph goes
//! through it.

use crate::error::Result;
use crate::graph::OkrGraph;
use crate::model::CheckIn;
use crate::rollup::{Rollup, RollupConfig};
use crate::time::AsOf;

/// A graph and its rollup at one moment, kept current together.
///
/// A [`Rollup`] kept beside its graph is a snapshot: after [`OkrGraph::check_in`] it shows the
/// old figures until [`Rollup::refresh_key_result`] is called, and nothing reminds you to.
/// A `LiveRollup` owns the graph, so the only ways to change it are its own methods, and each
/// brings the figures up to date: a check-in recomputes only the key result's ancestors, any
/// other change (through [`edit`](Self::edit)) recomputes everything.
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use okr_core::{CheckIn, Cycle, KeyResult, LiveRollup, Measure, Objective, OkrGraph, Owner};
///
/// let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
/// let mut g = OkrGraph::new();
/// g.add_owner(Owner::new("acme", "Acme", "organisation"))?;
/// g.add_cycle(Cycle::new("q4", day(10, 1), day(12, 31)))?;
/// g.add_objective(Objective::new("grow", "Grow", "acme", "q4"))?;
/// g.add_key_result(KeyResult::new("new", "500 new customers", "grow",
///     Measure::numeric(0.0, 500.0)))?;
///
/// let mut live = LiveRollup::new(g, day(11, 15))?;
/// live.check_in("new", CheckIn::value(Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap(), 250.0))?;
/// assert_eq!(live.rollup().objective("grow").unwrap().progress, Some(0.5));
///
/// // Any other change goes through `edit`, which recomputes.
/// live.edit(|g| g.add_objective(Objective::new("keep", "Keep them", "acme", "q4")))?;
/// assert!(live.rollup().objective("keep").is_some());
/// # Ok::<(), okr_core::OkrError>(())
/// ```
#[derive(Debug)]
pub struct LiveRollup {
    graph: OkrGraph,
    rollup: Rollup,
}

impl LiveRollup {
    /// Rolls `graph` up at `as_of` with the default [`RollupConfig`] and keeps both.
    ///
    /// # Errors
    /// None today with the default configuration; the `Result` is kept for symmetry with
    /// [`with_config`](Self::with_config).
    ///
    /// # Complexity
    /// As [`OkrGraph::rollup`].
    pub fn new(graph: OkrGraph, as_of: impl Into<AsOf>) -> Result<LiveRollup> {
        Self::with_config(graph, as_of, &RollupConfig::default())
    }

    /// Rolls `graph` up at `as_of` with `config` and keeps both.
    ///
    /// # Errors
    /// `InvalidConfig` when the configuration is out of range.
    ///
    /// # Complexity
    /// As [`OkrGraph::rollup`].
    pub fn with_config(
        graph: OkrGraph,
        as_of: impl Into<AsOf>,
        config: &RollupConfig,
    ) -> Result<LiveRollup> {
        let rollup = graph.rollup_with(as_of, config)?;
        Ok(LiveRollup { graph, rollup })
    }

    /// The graph.
    pub fn graph(&self) -> &OkrGraph {
        &self.graph
    }

    /// The figures, current for the graph as it is.
    pub fn rollup(&self) -> &Rollup {
        &self.rollup
    }

    /// Records a check-in and updates the figures of its key result and the ancestors it
    /// changes.
    ///
    /// # Errors
    /// As [`OkrGraph::check_in`]; then nothing changes.
    ///
    /// # Complexity
    /// As [`OkrGraph::check_in`] plus [`Rollup::refresh_key_result`].
    pub fn check_in(&mut self, kr: &str, check_in: CheckIn) -> Result<()> {
        self.graph.check_in(kr, check_in)?;
        self.rollup.refresh_key_result(&self.graph, kr)
    }

    /// Records many check-ins, all of them or none, and updates the figures.
    ///
    /// # Errors
    /// As [`OkrGraph::check_in_many`]; then nothing changes.
    ///
    /// # Complexity
    /// As [`OkrGraph::check_in_many`] plus one [`Rollup::refresh_key_result`] per check-in.
    pub fn check_in_many<K: AsRef<str>>(&mut self, batch: Vec<(K, CheckIn)>) -> Result<()> {
        let krs: Vec<String> = batch.iter().map(|(k, _)| k.as_ref().to_owned()).collect();
        self.graph.check_in_many(batch)?;
        for kr in &krs {
            self.rollup.refresh_key_result(&self.graph, kr)?;
        }
        Ok(())
    }

    /// Makes any change to the graph, then brings the figures up to date (also when the
    /// change failed, which leaves the graph as it was):
    /// - after changes of values only (revisions of key results' weights, measures, due
    ///   dates and overrides, of objectives' states, cycles, overrides and titles, of link
    ///   weights), the graph patches its flat layout in place and the rollup recomputes the
    ///   changed nodes and the ancestors whose figures change, as
    ///   [`check_in`](Self::check_in) does;
    /// - after a change of structure (objectives, key results or links added or removed, a
    ///   key result moved, a rollup mode or a plan changed), and when the rollup's time is
    ///   before the latest revision, it recomputes everything.
    ///
    /// The figures are those of a fresh rollup either way.
    ///
    /// # Errors
    /// Whatever `change` returns.
    ///
    /// # Complexity
    /// The change's, plus for changes of values O(A (F + log A)) as
    /// [`Rollup::refresh_key_result`] (and O(F) per changed weight of an objective with F
    /// inputs when its largest weight may have changed); otherwise a full rollup. When
    /// another rollup of the graph is kept meanwhile, the first change of values copies the
    /// layout, O(V + K).
    pub fn edit<T>(&mut self, change: impl FnOnce(&mut OkrGraph) -> Result<T>) -> Result<T> {
        let as_of = self.rollup.as_of();
        // a rollup of the latest state lets go of its layout, so the graph can patch it
        let synced = if self.graph.is_latest(as_of) {
            self.rollup.detach(&self.graph.cache)
        } else {
            None
        };
        let result = change(&mut self.graph);
        if self.graph.is_latest(as_of) {
            self.rollup
                .catch_up(&self.graph.store, &self.graph.cache, synced);
        } else {
            self.rollup.recompute(&self.graph, as_of);
        }
        result
    }

    /// Moves the figures to another moment.
    ///
    /// # Complexity
    /// A full rollup, into the memory of this one.
    pub fn set_as_of(&mut self, as_of: impl Into<AsOf>) {
        self.rollup.recompute(&self.graph, as_of);
    }

    /// The graph and the rollup, apart.
    pub fn into_parts(self) -> (OkrGraph, Rollup) {
        (self.graph, self.rollup)
    }
}
