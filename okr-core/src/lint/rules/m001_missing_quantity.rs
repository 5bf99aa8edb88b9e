//! `M001` missing-quantity: a TEXT rule.

use super::{Finding, RuleInput};
use crate::lint::StatementKind;

declare_rule! {
    /// ## What it does
    /// Flags key results and goals that state no quantity to reach (no number,
    /// percentage, amount or multiple). Objectives are exempt: they may be
    /// qualitative.
    ///
    /// ## Complexity
    /// Linear in the statement: it reads what the statement's analysis found (the analysis
    /// is made once per statement for every text rule).
    ///
    /// ## Why is this bad?
    /// Without a number there is no way to score progress or to agree, at
    /// the end of the cycle, whether the key result was achieved.
    ///
    /// ## Example
    /// ```text
    /// Increase revenue
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Increase monthly recurring revenue from $80k to $120k by December 31
    /// ```
    pub struct MissingQuantity;
}

pub(crate) fn check(input: &RuleInput<'_>) -> Vec<Finding> {
    if input.ctx.kind == StatementKind::Objective || input.analysis.measurable {
        return Vec::new();
    }
    let what = input
        .analysis
        .object
        .as_ref()
        .map(|o| o.text.clone())
        .unwrap_or_else(|| "<metric>".into());
    vec![Finding {
        message: "No quantity to reach".into(),
        span: None,
        help: Some(format!(
            "State the number to reach, e.g. \"... {what} from <now> to <target>\""
        )),
    }]
}
