//! `L011` no-check-in-by-mid-cycle: a STRUCTURE rule.

use chrono::Days;

use super::{GraphInput, StructureFinding, kr_period};
use crate::model::ObjectiveState;

declare_rule! {
    /// ## What it does
    /// Flags key results of active objectives that have never been checked in
    /// although half of their period has passed (not aggregates, whose value comes
    /// from the key results under them, nor key results fed by a KPI).
    ///
    /// ## Definition
    /// The period is the objective's cycle, ending at the key result's due date
    /// when one is set. Its midpoint is `start + (end - start) / 2` in whole
    /// days. Flagged when the as-of date is on or after the midpoint and the key
    /// result has no check-in at or before the as-of date.
    ///
    /// ## Complexity
    /// O(K + C) for K key results and C check-ins.
    ///
    /// ## Why is this bad?
    /// A key result without a single check-in by mid-cycle has progress equal
    /// to its start value: the roll-up counts it as zero (or not at all), and
    /// the owner has had half the cycle without feedback.
    ///
    /// ## Example
    /// ```text
    /// "Cut the remake rate from 4% to 2%" in Q4, no check-in on November 20
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// A first check-in in the first two weeks of the cycle, then a regular cadence
    /// ```
    pub struct NoCheckInByMidCycle;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let mut out = Vec::new();
    for kr in g.key_results() {
        if !kr.takes_check_ins()
            || g.objective(&kr.objective).map(|o| o.state) != Some(ObjectiveState::Active)
        {
            continue;
        }
        let Some((start, end)) = kr_period(g, kr) else {
            continue;
        };
        let half = u64::try_from((end - start).num_days() / 2).unwrap_or(0);
        let Some(mid) = start.checked_add_days(Days::new(half)) else {
            continue;
        };
        if input.as_of < mid
            || g.check_ins(&kr.id)
                .iter()
                .any(|c| c.at.date_naive() <= input.as_of)
        {
            continue;
        }
        out.push(StructureFinding {
            entity: kr.id.clone(),
            message: format!(
                "Never checked in, and the middle of its period ({mid}, period {start} to {end}) has passed"
            ),
            help: Some("Check in the current value now, then on a regular cadence".into()),
        });
    }
    out
}
