//! `M003` relative-change-without-baseline: a TEXT rule.

use super::{Finding, RuleInput};

declare_rule! {
    /// ## What it does
    /// Notes statements that express the target as a change (`by 30%`,
    /// `double`, `by $150k`) without stating the starting value.
    ///
    /// ## Complexity
    /// Linear in the statement: it reads what the statement's analysis found (the analysis
    /// is made once per statement for every text rule).
    ///
    /// ## Why is this bad?
    /// A relative target can only be scored if the baseline is known and
    /// agreed; otherwise the baseline tends to be chosen after the fact.
    ///
    /// ## Example
    /// ```text
    /// Grow the customer base by 30% this year
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Grow the customer base from 1,200 to 1,560 customers this year
    /// ```
    pub struct RelativeChangeWithoutBaseline;
}

pub(crate) fn check(input: &RuleInput<'_>) -> Vec<Finding> {
    let a = input.analysis;
    match &a.target {
        Some(t) if a.relative_change && a.baseline.is_none() => vec![Finding {
            message: format!("Relative change \"{}\" has no baseline", t.text),
            span: Some(t.span),
            help: Some("State the starting value, e.g. \"from <now> to <target>\", so progress can be scored".into()),
        }],
        _ => Vec::new(),
    }
}
