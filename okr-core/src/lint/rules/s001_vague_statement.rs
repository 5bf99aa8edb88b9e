//! `S001` vague-statement: a TEXT rule.

use super::{Finding, RuleInput};

declare_rule! {
    /// ## What it does
    /// Flags statements that do not name a concrete result: vague verbs with
    /// no amount (`improve`, `optimize`, `streamline`), filler words (`stuff`,
    /// `misc`, `a lot`), effort phrases (`work on`, `try to`, `look into`) and
    /// empty superlatives (`be the best`).
    ///
    /// ## Complexity
    /// Linear in the statement: it reads what the statement's analysis found (the analysis
    /// is made once per statement for every text rule).
    ///
    /// ## Why is this bad?
    /// Nobody can tell whether a vague statement was achieved, so it cannot
    /// guide decisions or be scored at the end of the cycle.
    ///
    /// ## Example
    /// ```text
    /// Improve quality a lot
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Cut escaped P1 defects from 12 to 3 per release by the end of Q2
    /// ```
    pub struct VagueStatement;
}

pub(crate) fn check(input: &RuleInput<'_>) -> Vec<Finding> {
    let a = input.analysis;
    if !a.vague.is_empty() {
        let words: Vec<String> = a.vague.iter().map(|p| format!("\"{}\"", p.text)).collect();
        return vec![Finding {
            message: format!("Vague wording: {}", words.join(", ")),
            span: a.vague.first().map(|p| p.span),
            help: Some(
                "Name the concrete result and how you will know it happened, e.g. \"Raise <metric> from <now> to <target> by <date>\"".into(),
            ),
        }];
    }
    if !a.specific {
        return vec![Finding {
            message: "Statement does not name a concrete result".into(),
            span: None,
            help: Some("Say what will be different and for whom".into()),
        }];
    }
    Vec::new()
}
