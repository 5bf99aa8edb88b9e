//! History: check-ins are an event log and changes to the goals are revisions, so the graph
//! can be rolled up as of any past moment ([`OkrGraph::rollup`] ignores later check-ins and
//! reads the model as it stood then, [`OkrGraph::at`]), and two moments can be compared (a
//! [`RollupDiff`] of the two rollups, each on its own state, biggest moves first).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::diff::RollupDiff;
use crate::error::Result;
use crate::graph::OkrGraph;
use crate::rollup::{NodeKind, RollupConfig, Status};
use crate::time::AsOf;

/// How one node changed between two moments.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The objective or key result.
    pub id: String,
    /// Objective or key result.
    pub kind: NodeKind,
    /// Progress at the first moment.
    pub from_progress: Option<f64>,
    /// Progress at the second moment.
    pub to_progress: Option<f64>,
    /// `to - from` (`None` when either is undefined).
    pub delta: Option<f64>,
    /// Status at the first moment.
    pub from_status: Status,
    /// Status at the second moment.
    pub to_status: Status,
}

impl Change {
    /// Whether the status changed.
    ///
    /// # Complexity
    /// O(1).
    pub fn status_changed(&self) -> bool {
        self.from_status != self.to_status
    }
}

/// What moved between two moments.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// The first moment.
    pub from: DateTime<Utc>,
    /// The second moment.
    pub to: DateTime<Utc>,
    /// Nodes whose progress or status changed (a change between defined and undefined
    /// progress counts), largest absolute progress change first, then nodes whose only change
    /// is their status or definedness; ties by id.
    pub changes: Vec<Change>,
    /// The changes to the goals that took effect after the first moment and up to the second
    /// (targets, weights, links, states, objectives and key results added or removed), oldest
    /// first, one per changed field as [`OkrGraph::log`] gives them.
    pub revisions: Vec<crate::revise::LogEntry>,
}

impl OkrGraph {
    /// Compares the rollups at two moments: what moved and what changed status. Each side is
    /// rolled up on the model as it stood at its own moment ([`at`](Self::at)): a target
    /// raised, a weight or a link changed in between moves the figures like a check-in does.
    /// Only the objectives and key results that exist at both moments are compared (one
    /// added or removed in between is left out); the revisions in between are listed
    /// ([`Diff::revisions`]).
    ///
    /// # Errors
    /// `InvalidConfig` for a bad `config`.
    ///
    /// # Complexity
    /// Two full rollups, then O(nodes log nodes) to sort the changes, O(R) for the R
    /// revisions found by binary search, plus theirs; for each moment in the
    /// past, plus building that state the first time: see [`OkrGraph::at`].
    pub fn diff(
        &self,
        from: impl Into<AsOf>,
        to: impl Into<AsOf>,
        config: &RollupConfig,
    ) -> Result<Diff> {
        let (from, to) = (from.into(), to.into());
        let a = self.at(from).rollup_with(from, config)?;
        let b = self.at(to).rollup_with(to, config)?;
        let mut changes: Vec<Change> = RollupDiff::new(&a, &b)
            .changes
            .into_iter()
            .map(|c| Change {
                delta: c.delta(),
                id: c.id,
                kind: c.kind,
                from_progress: c.progress_before,
                to_progress: c.progress_after,
                from_status: c.status_before,
                to_status: c.status_after,
            })
            .collect();
        crate::sort::sort_by(&mut changes, |x, y| {
            let m = |c: &Change| c.delta.map_or(-1.0, f64::abs);
            m(y).total_cmp(&m(x)).then_with(|| x.id.cmp(&y.id))
        });
        // the revisions in (from, to]: those at `from` are in force on both sides
        let revisions = self.log_between(from.0.min(to.0), from.0.max(to.0));
        Ok(Diff {
            from: from.0,
            to: to.0,
            changes,
            revisions,
        })
    }
}
