//! `T002` vague-time-word: a TEXT rule.

use super::{Finding, RuleInput};

declare_rule! {
    /// ## What it does
    /// Flags vague time words such as `soon`, `ASAP`, `eventually` and
    /// `someday`.
    ///
    /// ## Complexity
    /// Linear in the statement: it reads what the statement's analysis found (the analysis
    /// is made once per statement for every text rule).
    ///
    /// ## Why is this bad?
    /// A vague time word sounds like a commitment but sets no date, so the
    /// result cannot be scored on time.
    ///
    /// ## Example
    /// ```text
    /// Fix the onboarding emails ASAP
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Raise onboarding email click-through from 3% to 6% by November 30
    /// ```
    pub struct VagueTimeWord;
}

pub(crate) fn check(input: &RuleInput<'_>) -> Vec<Finding> {
    input
        .analysis
        .vague_time
        .iter()
        .map(|p| Finding {
            message: format!("Vague time word \"{}\"", p.text),
            span: Some(p.span),
            help: Some("Replace it with a date or period, e.g. \"by November 30\"".into()),
        })
        .collect()
}
