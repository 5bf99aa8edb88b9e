//! `L007` active-child-of-closed: a STRUCTURE rule.

use super::{GraphInput, StructureFinding};
use crate::model::ObjectiveState;

declare_rule! {
    /// ## What it does
    /// Flags active objectives aligned under a closed objective.
    ///
    /// ## Definition
    /// For every link child -> parent: flagged when the child is `active` and
    /// the parent is `closed`.
    ///
    /// ## Complexity
    /// O(V + E log E): each link once. (V objectives, E links.)
    ///
    /// ## Why is this bad?
    /// Work still in progress feeds a goal that has already been reviewed and
    /// scored: its progress changes a closed number, and the work itself has
    /// lost the goal that justified it.
    ///
    /// ## Example
    /// ```text
    /// Active "Sign 8 clinics in Tromsø" under the closed "Open up the northern
    /// region"
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Close the child too, or align it under a current objective
    /// ```
    pub struct ActiveChildOfClosed;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let mut out = Vec::new();
    for child in g.objectives() {
        if child.state != ObjectiveState::Active {
            continue;
        }
        for (pid, _) in g.parents_of(&child.id) {
            if g.objective(pid).map(|p| p.state) == Some(ObjectiveState::Closed) {
                out.push(StructureFinding {
                    entity: child.id.clone(),
                    message: format!("Active objective aligned under closed `{pid}`"),
                    help: Some(format!(
                        "Close this objective too, or align it under a current objective instead of `{pid}`"
                    )),
                });
            }
        }
    }
    out
}
