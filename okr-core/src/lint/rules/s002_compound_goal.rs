//! `S002` compound-goal: a TEXT rule.

use super::{Finding, RuleInput};

declare_rule! {
    /// ## What it does
    /// Flags statements that join two goals with `and` (or `;`, `as well as`),
    /// each with its own verb.
    ///
    /// ## Complexity
    /// Linear in the statement: it reads what the statement's analysis found (the analysis
    /// is made once per statement for every text rule).
    ///
    /// ## Why is this bad?
    /// A compound goal hides two results behind one score: when one half is
    /// done and the other is not, progress and ownership become ambiguous.
    ///
    /// ## Example
    /// ```text
    /// Launch the partner portal and reach 200 active partners by Q3
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Reach 200 active partners on the partner portal by the end of Q3
    /// ```
    pub struct CompoundGoal;
}

pub(crate) fn check(input: &RuleInput<'_>) -> Vec<Finding> {
    match &input.analysis.compound {
        Some(p) => vec![Finding {
            message: format!("Statement joins two goals with \"{}\"", p.text),
            span: Some(p.span),
            help: Some("Split it into separate statements, one result each".into()),
        }],
        None => Vec::new(),
    }
}
