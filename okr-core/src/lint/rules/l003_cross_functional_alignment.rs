//! `L003` cross-functional-alignment: a STRUCTURE rule.

use super::{GraphInput, StructureFinding};
use crate::align::OwnerTree;

declare_rule! {
    /// ## What it does
    /// Notes alignment links to an objective owned outside the child owner's
    /// line of the owner tree (neither the owner itself nor one of its
    /// ancestors).
    ///
    /// ## Definition
    /// For every link child -> parent: noted when the parent's owner is not on
    /// the chain from the child's owner up to the root. This is information, not
    /// a fault: cross-functional work is often exactly right, but it is worth
    /// knowing that the parent's owner has not asked for it through the line.
    ///
    /// ## Complexity
    /// O(V + E log E + owners): whether an owner is on another's line is answered from one
    /// walk of the owner tree, not by walking the line for each link. (V objectives, E
    /// links.)
    ///
    /// ## Why is this bad?
    /// It is not bad in itself. Cross-functional contributions need agreement
    /// between two lines of management; when nobody in the parent's line knows
    /// about the link, the contribution is counted but not managed.
    ///
    /// ## Example
    /// ```text
    /// Engineering team objective aligned under the Sales department objective
    /// "Grow retainer sales by 80%"
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Keep the link, and agree it with the Sales department (or align under an
    /// engineering objective that supports the sales goal)
    /// ```
    pub struct CrossFunctionalAlignment;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let tree = OwnerTree::new(g);
    let mut out = Vec::new();
    for child in g.objectives() {
        let child_owner = tree.get(&child.owner);
        for (pid, _) in g.parents_of(&child.id) {
            let Some(parent) = g.objective(pid) else {
                continue;
            };
            if let (Some(c), Some(p)) = (child_owner, tree.get(&parent.owner))
                && tree.on_line(p, c)
            {
                continue;
            }
            out.push(StructureFinding {
                entity: child.id.clone(),
                message: format!(
                    "Aligned under `{pid}`, owned by `{}`, outside the line of owner `{}`",
                    parent.owner, child.owner
                ),
                help: Some(format!(
                    "Make sure `{}` knows about and agrees with this contribution",
                    parent.owner
                )),
            });
        }
    }
    out
}
