//! `M002` quantity-without-metric: a TEXT rule.

use super::{Finding, RuleInput};

declare_rule! {
    /// ## What it does
    /// Flags statements whose target number has no unit and no named metric:
    /// it is not clear what the number counts.
    ///
    /// ## Complexity
    /// Linear in the statement: it reads what the statement's analysis found (the analysis
    /// is made once per statement for every text rule).
    ///
    /// ## Why is this bad?
    /// `Hit 500` can be read as 500 users, 500 deals or 500 dollars; people
    /// will score it differently, or not at all.
    ///
    /// ## Example
    /// ```text
    /// Get to 500 by the end of Q4
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Get to 500 paying customers by the end of Q4
    /// ```
    pub struct QuantityWithoutMetric;
}

pub(crate) fn check(input: &RuleInput<'_>) -> Vec<Finding> {
    let a = input.analysis;
    match &a.target {
        Some(t) if !a.has_metric() => vec![Finding {
            message: format!("\"{}\" has no unit or metric", t.text),
            span: Some(t.span),
            help: Some(format!(
                "Say what the number counts, e.g. \"{} paying customers\"",
                t.text
            )),
        }],
        _ => Vec::new(),
    }
}
