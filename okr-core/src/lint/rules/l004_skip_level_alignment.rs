//! `L004` skip-level-alignment: a STRUCTURE rule.

use std::collections::HashMap;

use super::{GraphInput, StructureFinding};
use crate::algo::csr::Csr;
use crate::align::OwnerTree;
use crate::model::Objective;

declare_rule! {
    /// ## What it does
    /// Notes alignment links that skip a level of the owner tree, such as a
    /// person's objective directly under the company's.
    ///
    /// ## Definition
    /// For every link child -> parent where the parent's owner is an ancestor of
    /// the child's owner: noted when at least one owner in between owns an
    /// objective in the same cycle as the parent objective, so there was a
    /// nearer objective to align to. The message names the skipped owners.
    ///
    /// ## Complexity
    /// O(V log V + E log E + owners + the owners named): one walk of the owner tree finds,
    /// for each link, the nearest owner above the child's that owns an objective in the
    /// parent's cycle, and for each such owner the next one up; the line between is never
    /// walked owner by owner. (V objectives, E links.)
    ///
    /// ## Why is this bad?
    /// It is not always bad, so it is information. But a skipped level often
    /// means the manager in between cannot see the work, and the company
    /// objective collects many small direct contributions whose weights nobody
    /// balances.
    ///
    /// ## Example
    /// ```text
    /// Frida's objective "Close 40 clinic deals" aligned directly under the
    /// company objective, while her Sales department has objectives this cycle
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Align it under the Sales department objective it serves
    /// ```
    pub struct SkipLevelAlignment;
}

/// A link whose parent's owner is on the line of the child's owner: the owners strictly
/// between the two that own an objective in the parent's cycle are named.
struct Query<'g> {
    child: &'g Objective,
    pid: &'g str,
    parent: &'g Objective,
    /// The child's owner, the parent's owner, the parent's cycle (positions).
    from: u32,
    top: u32,
    cycle: u32,
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let tree = OwnerTree::new(g);
    let cycles: HashMap<&str, u32> = g
        .cycles()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i as u32))
        .collect();
    // (owner, cycle) pairs that have at least one objective, by owner.
    let mut marks: Vec<(u32, u32)> = g
        .objectives()
        .filter_map(|o| Some((tree.get(&o.owner)?, *cycles.get(o.cycle.as_str())?)))
        .collect();
    crate::sort::sort_unstable(&mut marks);
    marks.dedup();
    let marked = Csr::group(tree.owners.len(), &marks, |&(w, c)| (w, c));
    let mut queries: Vec<Query<'_>> = Vec::new();
    for child in g.objectives() {
        let Some(from) = tree.get(&child.owner) else {
            continue;
        };
        for (pid, _) in g.parents_of(&child.id) {
            let Some(parent) = g.objective(pid) else {
                continue;
            };
            let (Some(top), Some(&cycle)) =
                (tree.get(&parent.owner), cycles.get(parent.cycle.as_str()))
            else {
                continue;
            };
            if from != top && tree.on_line(top, from) {
                queries.push(Query {
                    child,
                    pid,
                    parent,
                    from,
                    top,
                    cycle,
                });
            }
        }
    }
    // One walk of the owner tree with, per cycle, the owners on the current line that own an
    // objective in it: each query's nearest such owner above its child's owner, and each
    // such owner's next one up in the same cycle.
    let starts = Csr::group(
        tree.owners.len(),
        &queries.iter().enumerate().collect::<Vec<_>>(),
        |&(q, query)| (query.from, q as u32),
    );
    let mut nearest = vec![OwnerTree::NONE; queries.len()];
    let mut up = vec![OwnerTree::NONE; marks.len()];
    let mut lines: Vec<Vec<u32>> = vec![Vec::new(); cycles.len()];
    // depth first, without recursion: enter an owner, then leave it after its children
    let mut path: Vec<(u32, bool)> = (0..tree.owners.len() as u32)
        .rev()
        .filter(|&w| tree.parent[w as usize] == OwnerTree::NONE)
        .map(|w| (w, false))
        .collect();
    while let Some((w, done)) = path.pop() {
        let range = marked.start[w as usize] as usize..marked.start[w as usize + 1] as usize;
        if done {
            for m in range {
                lines[marked.items[m] as usize].pop();
            }
            continue;
        }
        for &q in starts.get(w as usize) {
            let c = queries[q as usize].cycle as usize;
            nearest[q as usize] = lines[c].last().copied().unwrap_or(OwnerTree::NONE);
        }
        for m in range {
            let line = &mut lines[marked.items[m] as usize];
            up[m] = line.last().copied().unwrap_or(OwnerTree::NONE);
            line.push(w);
        }
        path.push((w, true));
        for &c in tree.children.get(w as usize).iter().rev() {
            path.push((c, false));
        }
    }
    let mut out = Vec::new();
    for (q, query) in queries.iter().enumerate() {
        // nearest first, up to (not including) the parent's owner
        let mut skipped: Vec<&str> = Vec::new();
        let mut w = nearest[q];
        while w != OwnerTree::NONE && tree.depth[w as usize] > tree.depth[query.top as usize] {
            skipped.push(tree.owners[w as usize].id.as_str());
            let mine = marked.get(w as usize);
            let at = mine
                .binary_search(&query.cycle)
                .expect("an owner on a line of the cycle owns an objective in it");
            w = up[marked.start[w as usize] as usize + at];
        }
        if skipped.is_empty() {
            continue;
        }
        let (pid, parent) = (query.pid, query.parent);
        let names = skipped
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(StructureFinding {
            entity: query.child.id.clone(),
            message: format!(
                "Aligned directly under `{pid}` of `{}`, skipping {names} (with objectives in cycle `{}`)",
                parent.owner, parent.cycle
            ),
            help: Some(format!(
                "Align it under an objective of {names} that serves `{pid}`"
            )),
        });
    }
    out
}
