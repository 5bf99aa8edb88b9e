//! `Q002` objective-without-key-results: a STRUCTURE rule.

use super::{GraphInput, StructureFinding, counting_children};

declare_rule! {
    /// ## What it does
    /// Flags objectives that have no key results.
    ///
    /// ## Definition
    /// An objective (in any state, drafts and abandoned ones included) is flagged
    /// when it has no key result, unless its progress rolls up from aligned child
    /// objectives: rollup mode `children` or `both`, and at least one child
    /// objective that is active or closed and linked with a weight above 0. Such
    /// a parent is measured through its children.
    ///
    /// ## Complexity
    /// O(V + E log E + K): each objective's key results and children once. (V objectives, E
    /// links, K key results.)
    ///
    /// ## Why is this bad?
    /// An objective without key results has no definition of success: nobody can
    /// score it, and it cannot roll up progress.
    ///
    /// ## Example
    /// ```text
    /// Objective: Win the trust of mid-market finance teams
    ///   (no key results)
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Objective: Win the trust of mid-market finance teams
    ///   KR: Raise mid-market NPS from 21 to 40 by the end of Q2
    ///   KR: Cut finance-team churn from 4% to 2% per quarter by June 30
    /// ```
    pub struct ObjectiveWithoutKeyResults;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    g.objectives()
        .filter(|o| g.key_results_of(&o.id).is_empty() && counting_children(g, &o.id) == 0)
        .map(|o| StructureFinding {
            entity: o.id.clone(),
            message: "Objective has no key results: nobody can tell whether it was achieved"
                .into(),
            help: Some(format!(
                "Add {}-{} key results that define success, e.g. \"Raise <metric> from <now> to <target> by <date>\"",
                input.config.thresholds.min_key_results, input.config.thresholds.max_key_results
            )),
        })
        .collect()
}
