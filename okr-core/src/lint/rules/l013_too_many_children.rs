//! `L013` too-many-children: a STRUCTURE rule.

use super::{GraphInput, StructureFinding};

declare_rule! {
    /// ## What it does
    /// Flags objectives with more than `thresholds.max_children` aligned
    /// objectives (12 by default).
    ///
    /// ## Definition
    /// Counts every objective linked under it, whatever its state, cycle,
    /// link weight or link kind (a supporting objective needs following too).
    ///
    /// ## Complexity
    /// O(V + E log E): each objective's children once. (V objectives, E links.)
    ///
    /// ## Why is this bad?
    /// With that many contributions each one moves the parent by a few
    /// percent, nobody can weigh them against each other, and the parent's
    /// owner cannot follow them all.
    ///
    /// ## Example
    /// ```text
    /// "Grow revenue" with 30 team and personal objectives aligned under it
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Group the contributions under a few intermediate objectives (one per
    /// department or theme), each aligned under "Grow revenue"
    /// ```
    pub struct TooManyChildren;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let limit = input.config.thresholds.max_children;
    g.objectives()
        .filter_map(|o| {
            let n = g.children_of(&o.id).len();
            (n > limit).then(|| StructureFinding {
                entity: o.id.clone(),
                message: format!("{n} objectives are aligned under it, more than {limit}"),
                help: Some(
                    "Group them under a few intermediate objectives, each aligned under this one"
                        .into(),
                ),
            })
        })
        .collect()
}
