//! `Q001` objective-title-too-long: a TEXT rule.

use super::{Finding, RuleInput};
use crate::lint::StatementKind;

declare_rule! {
    /// ## What it does
    /// Flags objective titles longer than `thresholds.max_title_len`
    /// characters (70 by default).
    ///
    /// ## Complexity
    /// Linear in the statement: it reads what the statement's analysis found (the analysis
    /// is made once per statement for every text rule).
    ///
    /// ## Why is this bad?
    /// An objective should be a short, memorable headline; details belong in
    /// its key results or description.
    ///
    /// ## Example
    /// ```text
    /// Make self-service onboarding effortless for small businesses in every market we serve today
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Make self-service onboarding effortless for small businesses
    /// ```
    pub struct ObjectiveTitleTooLong;
}

pub(crate) fn check(input: &RuleInput<'_>) -> Vec<Finding> {
    if input.ctx.kind != StatementKind::Objective {
        return Vec::new();
    }
    let max = input.config.thresholds.max_title_len;
    let text = input.text.trim_end();
    let len = text.chars().count();
    if len <= max {
        return Vec::new();
    }
    let cut = text
        .char_indices()
        .nth(max)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    vec![Finding {
        message: format!("Objective title is {len} characters long (max {max})"),
        span: Some((cut, text.len())),
        help: Some(
            "Keep the headline short and move details into key results or the description".into(),
        ),
    }]
}
