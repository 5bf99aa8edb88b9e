//! `T001` missing-deadline: a TEXT rule.

use super::{Finding, RuleInput};

declare_rule! {
    /// ## What it does
    /// Flags statements with no deadline or time window, when the entity does
    /// not belong to a cycle either.
    ///
    /// ## Complexity
    /// Linear in the statement: it reads what the statement's analysis found (the analysis
    /// is made once per statement for every text rule).
    ///
    /// ## Why is this bad?
    /// Without a deadline there is no moment to score the result, and the work
    /// can slip indefinitely.
    ///
    /// ## Example
    /// ```text
    /// Cut median onboarding time from 8 days to 4 days
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Cut median onboarding time from 8 days to 4 days by the end of Q1
    /// ```
    pub struct MissingDeadline;
}

pub(crate) fn check(input: &RuleInput<'_>) -> Vec<Finding> {
    if input.analysis.time_bound || input.ctx.cycle.is_some() {
        return Vec::new();
    }
    vec![Finding {
        message: "No deadline and no cycle".into(),
        span: None,
        help: Some("Add a deadline (\"by March 31\", \"by the end of Q2\") or attach the statement to a cycle".into()),
    }]
}
