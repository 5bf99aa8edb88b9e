//! `R001` unaligned-objective: a STRUCTURE rule.

use super::{GraphInput, StructureFinding};

declare_rule! {
    /// ## What it does
    /// Flags objectives that are not aligned to any parent objective while their
    /// owner has a parent (for example a team inside a department with objectives).
    ///
    /// ## Definition
    /// An objective is flagged when it has no parent link (a link with weight 0
    /// counts as aligned), its owner has a parent owner, and at least one other
    /// objective (any cycle, any state) is owned by an ancestor of its owner, so
    /// there is something to align to.
    ///
    /// ## Why is this bad?
    /// Unaligned objectives are hard to justify and make roll-ups incomplete:
    /// nobody can see how the work contributes to the organisation's goals.
    ///
    /// ## Example
    /// ```text
    /// Team objective "Rebuild the internal wiki", no parent, while the
    /// department has objectives this cycle
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Team objective "Cut onboarding time for new engineers", aligned to the
    /// department objective "Double engineering throughput"
    /// ```
    pub struct UnalignedObjective;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let mut out = Vec::new();
    for o in g.objectives() {
        if !g.parents_of(&o.id).is_empty() {
            continue;
        }
        let line = g.owner_line(&o.owner);
        let ancestors: Vec<&str> = line.iter().skip(1).map(|w| w.id.as_str()).collect();
        if ancestors.is_empty() {
            continue;
        }
        let candidates: Vec<&str> = g
            .objectives()
            .filter(|p| p.id != o.id && ancestors.contains(&p.owner.as_str()))
            .map(|p| p.id.as_str())
            .take(3)
            .collect();
        if candidates.is_empty() {
            continue;
        }
        out.push(StructureFinding {
            entity: o.id.clone(),
            message: format!(
                "Objective is not aligned to any parent objective, although owner `{}` sits under `{}`",
                o.owner, ancestors[0]
            ),
            help: Some(format!(
                "Link it to the objective it contributes to (e.g. {}), or explain why it stands alone",
                candidates
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        });
    }
    out
}
