//! `Q003` key-result-count: a STRUCTURE rule.

use super::{GraphInput, StructureFinding, counting_children};

declare_rule! {
    /// ## What it does
    /// Flags objectives with fewer than `thresholds.min_key_results` (2) or more
    /// than `thresholds.max_key_results` (5) key results.
    ///
    /// ## Definition
    /// With `n` the number of the objective's own key results (any measure,
    /// any weight): flagged when `n > max_key_results`, or when
    /// `1 <= n < min_key_results` and the objective has no counting child
    /// objective (a child that is active or closed, linked with a weight above 0,
    /// under an objective whose rollup mode counts children): such children are
    /// further measures of the objective. `n = 0` is left to `Q002`.
    ///
    /// ## Complexity
    /// O(V + E log E + K): each objective's key results and children once. (V objectives, E
    /// links, K key results.)
    ///
    /// ## Why is this bad?
    /// One key result rarely captures an objective and invites gaming; more than
    /// five dilutes focus and makes the objective hard to steer.
    ///
    /// ## Example
    /// ```text
    /// Objective: Delight first-time buyers
    ///   KR: Raise checkout conversion from 2.1% to 3% by Q4
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Objective: Delight first-time buyers
    ///   KR: Raise checkout conversion from 2.1% to 3% by Q4
    ///   KR: Cut first-order refund requests from 6% to 3% by Q4
    /// ```
    pub struct KeyResultCount;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let t = &input.config.thresholds;
    let mut out = Vec::new();
    for o in g.objectives() {
        let n = g.key_results_of(&o.id).len();
        let plural = if n == 1 { "" } else { "s" };
        if n > t.max_key_results {
            out.push(StructureFinding {
                entity: o.id.clone(),
                message: format!(
                    "Objective has {n} key results (more than {} dilutes focus)",
                    t.max_key_results
                ),
                help: Some(
                    "Keep the key results that best show success; move the rest to another objective or to business-as-usual metrics".into(),
                ),
            });
        } else if n >= 1 && n < t.min_key_results && counting_children(g, &o.id) == 0 {
            out.push(StructureFinding {
                entity: o.id.clone(),
                message: format!(
                    "Objective has only {n} key result{plural} (at least {} recommended)",
                    t.min_key_results
                ),
                help: Some(
                    "Add a key result that measures the objective from another angle (e.g. quality next to quantity)".into(),
                ),
            });
        }
    }
    out
}
