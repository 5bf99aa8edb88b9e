//! `L004` skip-level-alignment: a STRUCTURE rule.

use std::collections::HashSet;

use super::{GraphInput, StructureFinding};

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

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    // (owner, cycle) pairs that have at least one objective.
    let owns: HashSet<(&str, &str)> = g
        .objectives()
        .map(|o| (o.owner.as_str(), o.cycle.as_str()))
        .collect();
    let mut out = Vec::new();
    for child in g.objectives() {
        let line = g.owner_line(&child.owner);
        for (pid, _) in g.parents_of(&child.id) {
            let Some(parent) = g.objective(pid) else {
                continue;
            };
            let Some(at) = line.iter().position(|w| w.id == parent.owner) else {
                continue;
            };
            let skipped: Vec<&str> = line[1.min(at)..at]
                .iter()
                .map(|w| w.id.as_str())
                .filter(|w| owns.contains(&(*w, parent.cycle.as_str())))
                .collect();
            if skipped.is_empty() {
                continue;
            }
            let names = skipped
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(StructureFinding {
                entity: child.id.clone(),
                message: format!(
                    "Aligned directly under `{pid}` of `{}`, skipping {names} (with objectives in cycle `{}`)",
                    parent.owner, parent.cycle
                ),
                help: Some(format!(
                    "Align it under an objective of {names} that serves `{pid}`"
                )),
            });
        }
    }
    out
}
