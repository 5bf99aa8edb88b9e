//! The comparison of two rollups of the same graph: which nodes changed progress or status,
//! with both figures. What-if answers are one ([`OkrGraph::what_if_diff`](crate::OkrGraph::what_if_diff)); the history diff
//! between two dates ([`OkrGraph::diff`](crate::OkrGraph::diff)) is built on it.

use serde::{Deserialize, Serialize};

use crate::rollup::{NodeKind, Rollup, Status};

/// One node whose progress or status differs between two rollups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangedNode {
    /// The objective or key result.
    pub id: String,
    /// Objective or key result.
    pub kind: NodeKind,
    /// Progress in the first rollup (`None` when undefined).
    pub progress_before: Option<f64>,
    /// Progress in the second rollup (`None` when undefined).
    pub progress_after: Option<f64>,
    /// Status in the first rollup.
    pub status_before: Status,
    /// Status in the second rollup.
    pub status_after: Status,
}

impl ChangedNode {
    /// Whether the status changed (else only the progress did).
    ///
    /// # Complexity
    /// O(1).
    pub fn status_changed(&self) -> bool {
        self.status_before != self.status_after
    }

    /// `after - before` (`None` when either is undefined).
    ///
    /// # Complexity
    /// O(1).
    pub fn delta(&self) -> Option<f64> {
        self.progress_before
            .zip(self.progress_after)
            .map(|(b, a)| a - b)
    }
}

/// The nodes that differ between two rollups of the same graph structure (before and after a
/// hypothetical check-in, or at two moments).
///
/// Serialised as the bare list of [`ChangedNode`]s, the shape every front end returns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RollupDiff {
    /// The changed nodes, in the first rollup's [`nodes`](Rollup::nodes) order (objectives,
    /// then key results). A node counts as changed when its progress differs (a change between
    /// defined and undefined counts) or its status does.
    pub changes: Vec<ChangedNode>,
}

impl RollupDiff {
    /// Compares `before` with `after`, node by node. Nodes of `before` missing from `after`
    /// are left out (the two rollups are meant to be of the same graph structure).
    ///
    /// # Complexity
    /// O(nodes), one hash lookup per node.
    pub fn new(before: &Rollup, after: &Rollup) -> RollupDiff {
        let changes = before
            .nodes()
            .filter_map(|b| {
                let a = after.get(b.id)?;
                let (p, q) = (b.values.progress, a.values.progress);
                (p != q || b.values.status != a.values.status).then(|| ChangedNode {
                    id: b.id.to_string(),
                    kind: b.kind,
                    progress_before: p,
                    progress_after: q,
                    status_before: b.values.status,
                    status_after: a.values.status,
                })
            })
            .collect();
        RollupDiff { changes }
    }

    /// Whether nothing changed.
    ///
    /// # Complexity
    /// O(1).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// A changed node by id.
    ///
    /// # Complexity
    /// O(changes): a scan. For many lookups, map the ids once.
    pub fn get(&self, id: &str) -> Option<&ChangedNode> {
        self.changes.iter().find(|c| c.id == id)
    }
}
