//! `L005` nothing-counts: a STRUCTURE rule.

use super::{GraphInput, StructureFinding};

declare_rule! {
    /// ## What it does
    /// Flags objectives that have key results or aligned objectives, none of
    /// which can count in their progress: the rollup mode excludes all of them,
    /// or every one that could count has weight 0.
    ///
    /// ## Definition
    /// The candidates are the objective's own key results when its rollup mode
    /// counts key results, and its child objectives aligned with a contributing
    /// link that are active or closed when the mode counts children (a supporting
    /// link never counts). Flagged when the objective has at
    /// least one key result or aligned objective and either there is no
    /// candidate (for example mode `children` with key results only), or every
    /// candidate has weight 0 (key result weight or link weight). Objectives
    /// with nothing at all under them are left to `Q002`.
    ///
    /// ## Complexity
    /// O(V + E log E + K): each objective's key results and children once. (V objectives, E
    /// links, K key results.)
    ///
    /// ## Why is this bad?
    /// Such an objective's progress is undefined forever: the rollup reports
    /// "no data" although work is tracked under it. Zero weights are meant for
    /// "aligned, not counted" on some links, not on all of them.
    ///
    /// ## Example
    /// ```text
    /// Objective with rollup mode `children` and three key results, no aligned
    /// objectives
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Rollup mode `both` (or `key_results`), or give at least one link or key
    /// result a weight above 0
    /// ```
    pub struct NothingCounts;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let mut out = Vec::new();
    for o in g.objectives() {
        let krs = g.key_results_of(&o.id);
        let children = g.children_of(&o.id);
        if krs.is_empty() && children.is_empty() {
            continue;
        }
        let mut weights: Vec<f64> = Vec::new();
        if o.rollup.counts_key_results() {
            weights.extend(krs.iter().map(|k| k.weight));
        }
        if o.rollup.counts_children() {
            weights.extend(
                g.child_links(&o.id)
                    .iter()
                    .filter(|l| l.kind.counts())
                    .filter(|l| g.objective(l.id).is_some_and(|c| c.state.counts()))
                    .map(|l| l.weight),
            );
        }
        let mode = o.rollup.as_str();
        let (message, help) = if weights.is_empty() {
            (
                format!(
                    "Rollup mode `{mode}` counts none of its {} key result(s) and {} aligned objective(s) (draft and abandoned ones never count)",
                    krs.len(),
                    children.len()
                ),
                "Change the rollup mode so that what is tracked under it counts".to_string(),
            )
        } else if weights.iter().all(|&w| w == 0.0) {
            (
                format!(
                    "All {} key result(s) and links that could count have weight 0: progress is always undefined",
                    weights.len()
                ),
                "Give at least one key result or link a weight above 0".to_string(),
            )
        } else {
            continue;
        };
        out.push(StructureFinding {
            entity: o.id.clone(),
            message,
            help: Some(help),
        });
    }
    out
}
