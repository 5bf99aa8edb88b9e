//! `L006` inactive-child: a STRUCTURE rule.

use super::{GraphInput, StructureFinding};
use crate::model::ObjectiveState;

declare_rule! {
    /// ## What it does
    /// Notes draft or abandoned objectives aligned under an active objective.
    ///
    /// ## Definition
    /// For every link child -> parent: noted when the parent is `active` and the
    /// child is `draft` or `abandoned`. Such a child does not count in the
    /// parent's progress (by the rollup rules), whatever the link weight.
    ///
    /// ## Complexity
    /// O(V + E log E): each link once. (V objectives, E links.)
    ///
    /// ## Why is this bad?
    /// A draft left under an active parent is planned work that nobody
    /// committed to, and an abandoned one is a hole in the parent's plan: the
    /// parent's progress silently rests on fewer children than its owner thinks.
    ///
    /// ## Example
    /// ```text
    /// Draft "Launch a referral programme" under the active "Grow the customer
    /// base by 30%"
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Activate the draft (or remove its link), and replace or unlink the
    /// abandoned objective
    /// ```
    pub struct InactiveChild;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let mut out = Vec::new();
    for child in g.objectives() {
        if !matches!(
            child.state,
            ObjectiveState::Draft | ObjectiveState::Abandoned
        ) {
            continue;
        }
        for (pid, _) in g.parents_of(&child.id) {
            if g.objective(pid).map(|p| p.state) != Some(ObjectiveState::Active) {
                continue;
            }
            out.push(StructureFinding {
                entity: child.id.clone(),
                message: format!(
                    "{} objective aligned under active `{pid}`: it does not count in `{pid}`'s progress",
                    if child.state == ObjectiveState::Draft {
                        "Draft"
                    } else {
                        "Abandoned"
                    }
                ),
                help: Some(if child.state == ObjectiveState::Draft {
                    "Activate it when it is agreed, or unlink it until then".to_string()
                } else {
                    format!("Unlink it from `{pid}`, or replace it with an active objective")
                }),
            });
        }
    }
    out
}
