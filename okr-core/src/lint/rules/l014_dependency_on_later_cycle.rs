//! `L014` dependency-on-later-cycle: a STRUCTURE rule.

use super::{GraphInput, StructureFinding};
use crate::graph::OkrGraph;
use crate::model::Cycle;

declare_rule! {
    /// ## What it does
    /// Flags dependencies on work planned in a later cycle: the blocker's
    /// cycle starts after the blocked objective's (or key result's) cycle
    /// ends.
    ///
    /// ## Definition
    /// For every dependency "blocker blocks blocked": the cycle of an
    /// objective is its own, that of a key result its objective's. Flagged,
    /// on the blocked node, when the blocker's cycle starts after the last day
    /// of the blocked node's cycle. Overlapping cycles, and blockers in earlier
    /// cycles, are fine.
    ///
    /// ## Complexity
    /// O(D) for D dependencies: each dependency once, with hash look-ups.
    ///
    /// ## Why is this bad?
    /// The blocked work cannot finish in its own cycle: what it waits for is
    /// not even planned to start before that cycle is over. The dependency
    /// shows a plan that does not hold, or a blocker filed in the wrong cycle.
    ///
    /// ## Example
    /// ```text
    /// "Launch the Nordic app" (Q4 2026) blocked by "Build the payments
    /// platform" (FY2027)
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Move the blocked work to a cycle after the blocker's, or plan the
    /// blocker (or the part of it that is needed) in an earlier cycle
    /// ```
    pub struct DependencyOnLaterCycle;
}

/// The cycle of an objective, or of a key result's objective.
fn cycle_of<'g>(g: &'g OkrGraph, id: &str) -> Option<&'g Cycle> {
    let objective = match g.objective(id) {
        Some(o) => o,
        None => g.objective(&g.key_result(id)?.objective)?,
    };
    g.cycle(&objective.cycle)
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let mut out = Vec::new();
    for d in g.dependencies() {
        let (Some(blocked), Some(blocker)) = (cycle_of(g, &d.blocked), cycle_of(g, &d.blocker))
        else {
            continue;
        };
        if blocker.start > blocked.end {
            out.push(StructureFinding {
                entity: d.blocked.clone(),
                message: format!(
                    "Blocked by `{}` in cycle `{}` (from {}), which starts after its own cycle `{}` ends ({})",
                    d.blocker, blocker.id, blocker.start, blocked.id, blocked.end
                ),
                help: Some(format!(
                    "Move it to a cycle after `{}`, or plan `{}` in an earlier cycle",
                    blocker.id, d.blocker
                )),
            });
        }
    }
    out
}
