//! `L002` cycle-outside-parent: a STRUCTURE rule.

use super::{GraphInput, StructureFinding};

declare_rule! {
    /// ## What it does
    /// Flags alignment links where the child objective's cycle does not lie
    /// inside the parent objective's cycle.
    ///
    /// ## Definition
    /// For every link child -> parent: flagged when the child's cycle starts
    /// before the parent's cycle starts or ends after it ends (dates inclusive).
    /// A quarter under its own year, or under the same quarter, is fine.
    ///
    /// ## Complexity
    /// O(V + E log E): each link once. (V objectives, E links.)
    ///
    /// ## Why is this bad?
    /// A child that runs longer than its parent keeps moving a number that is
    /// already closed, and one that starts earlier contributes progress from
    /// before the parent existed. Either way the parent's progress and score
    /// mix periods.
    ///
    /// ## Example
    /// ```text
    /// "Win 500 customers" in FY2027 aligned under "Lead the market" in Q4 2026
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Align the FY2027 objective under an FY2027 (or longer) parent, or split
    /// it into quarterly objectives under the matching parents
    /// ```
    pub struct CycleOutsideParent;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let mut out = Vec::new();
    for child in g.objectives() {
        let Some(cc) = g.cycle(&child.cycle) else {
            continue;
        };
        for (pid, _) in g.parents_of(&child.id) {
            let Some(pc) = g.objective(pid).and_then(|p| g.cycle(&p.cycle)) else {
                continue;
            };
            if cc.start < pc.start || cc.end > pc.end {
                out.push(StructureFinding {
                    entity: child.id.clone(),
                    message: format!(
                        "Cycle `{}` ({} to {}) does not fit inside the cycle `{}` ({} to {}) of parent `{pid}`",
                        cc.id, cc.start, cc.end, pc.id, pc.start, pc.end
                    ),
                    help: Some(format!(
                        "Align it under a parent whose cycle covers {} to {}, or move it to a cycle inside `{}`",
                        cc.start, cc.end, pc.id
                    )),
                });
            }
        }
    }
    out
}
