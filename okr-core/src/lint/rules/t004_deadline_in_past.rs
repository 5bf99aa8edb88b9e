//! `T004` deadline-in-past: a TEXT rule.

use super::{Finding, RuleInput};

declare_rule! {
    /// ## What it does
    /// Flags deadlines that are already past at the as-of date.
    ///
    /// ## Complexity
    /// Linear in the statement: it reads what the statement's analysis found (the analysis
    /// is made once per statement for every text rule).
    ///
    /// ## Why is this bad?
    /// A past deadline is either a typo (often the wrong year) or a result
    /// that should be scored and closed rather than kept open.
    ///
    /// ## Example
    /// ```text
    /// Sign 40 reseller partners by March 31, 2025
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Sign 40 reseller partners by March 31, 2027
    /// ```
    pub struct DeadlineInPast;
}

pub(crate) fn check(input: &RuleInput<'_>) -> Vec<Finding> {
    match &input.analysis.deadline {
        Some(d) if d.date < input.as_of => vec![Finding {
            message: format!(
                "Deadline {} is already past (as of {})",
                d.date, input.as_of
            ),
            span: Some(d.span),
            help: Some("Check the year, or score and close the statement".into()),
        }],
        _ => Vec::new(),
    }
}
