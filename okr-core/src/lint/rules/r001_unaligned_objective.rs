//! `R001` unaligned-objective: a STRUCTURE rule.

use super::{GraphInput, StructureFinding};
use crate::align::OwnerTree;

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
    /// ## Complexity
    /// O(V + E log E + owners): the candidates above each owner are gathered once, parents
    /// first, not along each unaligned objective's owner line. (V objectives, E links.)
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
    let tree = OwnerTree::new(g);
    // The first three objectives (document order) of each owner, then of each owner's
    // ancestors (parents first, so a parent's are final before its children's): enough to
    // name candidates without walking the line of every unaligned objective's owner.
    let mut owned: Vec<Vec<(usize, &str)>> = vec![Vec::new(); tree.owners.len()];
    for (i, p) in g.objectives().enumerate() {
        if let Some(w) = tree.get(&p.owner) {
            let list = &mut owned[w as usize];
            if list.len() < 3 {
                list.push((i, p.id.as_str()));
            }
        }
    }
    let mut above: Vec<Vec<(usize, &str)>> = vec![Vec::new(); tree.owners.len()];
    for &w in &tree.preorder {
        let parent = tree.parent[w as usize];
        if parent == OwnerTree::NONE {
            continue;
        }
        let mut candidates: Vec<(usize, &str)> = above[parent as usize]
            .iter()
            .chain(&owned[parent as usize])
            .copied()
            .collect();
        crate::sort::sort_unstable(&mut candidates);
        candidates.truncate(3);
        above[w as usize] = candidates;
    }
    let mut out = Vec::new();
    for o in g.objectives() {
        if !g.parents_of(&o.id).is_empty() {
            continue;
        }
        let Some(w) = tree.get(&o.owner) else {
            continue;
        };
        let parent = tree.parent[w as usize];
        if parent == OwnerTree::NONE {
            continue;
        }
        let candidates = &above[w as usize];
        if candidates.is_empty() {
            continue;
        }
        out.push(StructureFinding {
            entity: o.id.clone(),
            message: format!(
                "Objective is not aligned to any parent objective, although owner `{}` sits under `{}`",
                o.owner, tree.owners[parent as usize].id
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
