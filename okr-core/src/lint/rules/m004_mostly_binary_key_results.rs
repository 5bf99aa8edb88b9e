//! `M004` mostly-binary-key-results: a STRUCTURE rule.

use super::{GraphInput, StructureFinding};
use crate::model::Measure;

declare_rule! {
    /// ## What it does
    /// Flags objectives where more than `thresholds.binary_share` (half) of the key
    /// results are binary (done / not done) rather than measured on a scale.
    ///
    /// ## Definition
    /// Binary key results are those measured `boolean` or `milestones`. With `b`
    /// binary key results out of `n >= 1` (counted, not weighted), the objective
    /// is flagged when `b / n > binary_share`.
    ///
    /// ## Complexity
    /// O(V + K) for V objectives and K key results.
    ///
    /// ## Why is this bad?
    /// Binary key results are task lists: they report effort, give no partial
    /// credit and say nothing about impact.
    ///
    /// ## Example
    /// ```text
    /// Objective: Modernise billing
    ///   KR: Migrate invoices to the new provider (binary)
    ///   KR: Launch the self-serve plan page (binary)
    ///   KR: Reduce failed payments from 4% to 2%
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Objective: Modernise billing
    ///   KR: Reduce failed payments from 4% to 2%
    ///   KR: Raise self-serve plan upgrades from 30 to 120 per month
    /// ```
    pub struct MostlyBinaryKeyResults;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let share_max = input.config.thresholds.binary_share;
    let mut out = Vec::new();
    for o in g.objectives() {
        let krs = g.key_results_of(&o.id);
        if krs.is_empty() {
            continue;
        }
        let binary = krs
            .iter()
            .filter(|k| matches!(k.measure, Measure::Boolean | Measure::Milestones { .. }))
            .count();
        let share = binary as f64 / krs.len() as f64;
        if share > share_max {
            out.push(StructureFinding {
                entity: o.id.clone(),
                message: if krs.len() == 1 {
                    "Its only key result is a done/not-done task".to_string()
                } else {
                    format!(
                        "{binary} of {} key results are done/not-done tasks ({:.0}%, limit {:.0}%)",
                        krs.len(),
                        share * 100.0,
                        share_max * 100.0
                    )
                },
                help: Some(
                    "Replace tasks with measured results: what number should the work move, from what to what?".into(),
                ),
            });
        }
    }
    out
}
