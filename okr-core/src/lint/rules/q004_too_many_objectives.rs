//! `Q004` too-many-objectives: a STRUCTURE rule.

use indexmap::IndexMap;

use super::{GraphInput, StructureFinding};
use crate::model::ObjectiveState;

declare_rule! {
    /// ## What it does
    /// Flags owners with more than `thresholds.max_objectives_per_owner` (5)
    /// objectives in one cycle.
    ///
    /// ## Definition
    /// Objectives are grouped by (owner, cycle); abandoned objectives are not
    /// counted (they no longer claim attention), drafts are. When a group has
    /// more than `max_objectives_per_owner` objectives, one diagnostic is
    /// reported on the first objective beyond the limit (in document order),
    /// listing the group.
    ///
    /// ## Complexity
    /// O(V): one pass grouping objectives by owner and cycle (the message lists the group).
    /// (V objectives.)
    ///
    /// ## Why is this bad?
    /// OKRs are a focusing tool: an owner with many objectives has no priorities,
    /// and most of them will be neglected.
    ///
    /// ## Example
    /// ```text
    /// Owner: growth-team, cycle 2026-Q4: 8 objectives
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Owner: growth-team, cycle 2026-Q4: the 3 objectives that matter most;
    /// the rest moved to the backlog or to business-as-usual metrics
    /// ```
    pub struct TooManyObjectives;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let max = input.config.thresholds.max_objectives_per_owner;
    let mut groups: IndexMap<(&str, &str), Vec<&str>> = IndexMap::new();
    for o in input.graph.objectives() {
        if o.state == ObjectiveState::Abandoned {
            continue;
        }
        groups
            .entry((o.owner.as_str(), o.cycle.as_str()))
            .or_default()
            .push(o.id.as_str());
    }
    groups
        .into_iter()
        .filter(|(_, ids)| ids.len() > max)
        .map(|((owner, cycle), ids)| StructureFinding {
            entity: ids[max].to_string(),
            message: format!(
                "Owner `{owner}` has {} objectives in cycle `{cycle}` (max {max}): {}",
                ids.len(),
                ids.join(", ")
            ),
            help: Some(format!(
                "Pick the {max} objectives that matter most; move the others to the backlog or another cycle"
            )),
        })
        .collect()
}
