//! `R001` unaligned-objective: a STRUCTURE rule.

use std::collections::HashMap;

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
    // The first three objectives (document order) of each owner: enough to name candidates
    // without scanning every objective for every unaligned one.
    let mut owned: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
    for (i, p) in g.objectives().enumerate() {
        let list = owned.entry(p.owner.as_str()).or_default();
        if list.len() < 3 {
            list.push((i, p.id.as_str()));
        }
    }
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
        let mut candidates: Vec<(usize, &str)> = ancestors
            .iter()
            .filter_map(|a| owned.get(a))
            .flatten()
            .copied()
            .collect();
        if candidates.is_empty() {
            continue;
        }
        crate::sort::sort_unstable(&mut candidates);
        candidates.truncate(3);
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
                    .map(|(_, c)| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        });
    }
    out
}
