//! `T003` deadline-outside-cycle: a TEXT rule.

use super::{Finding, RuleInput};

declare_rule! {
    /// ## What it does
    /// Flags deadlines that fall outside the cycle of the objective the
    /// statement belongs to.
    ///
    /// ## Complexity
    /// Linear in the statement: it reads what the statement's analysis found (the analysis
    /// is made once per statement for every text rule).
    ///
    /// ## Why is this bad?
    /// The result will be scored when the cycle closes; a deadline after the
    /// cycle ends cannot be met within it, and one before it starts is stale.
    ///
    /// ## Example
    /// ```text
    /// Reach 2.5M app installs by the end of Q2 2027   (cycle: Q4 2026)
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Reach 1.5M app installs by the end of Q4   (cycle: Q4 2026)
    /// ```
    pub struct DeadlineOutsideCycle;
}

pub(crate) fn check(input: &RuleInput<'_>) -> Vec<Finding> {
    let (Some(d), Some((start, end))) = (&input.analysis.deadline, input.ctx.cycle) else {
        return Vec::new();
    };
    if d.date >= start && d.date <= end {
        return Vec::new();
    }
    let side = if d.date > end {
        "after the cycle ends"
    } else {
        "before the cycle starts"
    };
    vec![Finding {
        message: format!("Deadline {} is {side} ({start} to {end})", d.date),
        span: Some(d.span),
        help: Some(format!(
            "Move the deadline inside the cycle, e.g. \"by {end}\", or move the statement to another cycle"
        )),
    }]
}
