//! `L010` stale-key-result: a STRUCTURE rule.

use super::{GraphInput, StructureFinding};
use crate::rollup::RollupConfig;

declare_rule! {
    /// ## What it does
    /// Flags key results of active objectives with no check-in for more than
    /// `thresholds.stale_days` days (14 by default) inside their period.
    ///
    /// ## Definition
    /// Exactly the rollup's `stale` flag at the as-of date, with
    /// `thresholds.stale_days` as the stale window: the key result's objective
    /// is active, the as-of date lies inside the key result's period (its
    /// objective's cycle, ending at the due date when one is set), and its
    /// latest check-in at or before the as-of date is older than the window,
    /// or it has none and the period started before the window.
    ///
    /// ## Complexity
    /// A full rollup, then O(K + C) for K key results and C check-ins.
    ///
    /// ## Why is this bad?
    /// A key result nobody reports on is a number nobody manages. Its progress,
    /// and every parent's progress above it, describe the past, and a problem
    /// found late in the cycle can no longer be fixed.
    ///
    /// ## Example
    /// ```text
    /// "Sign 25 new clinics north of Trondheim", last check-in 30 days ago
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// A check-in at least every two weeks, even when the number has not moved
    /// (with a note saying why)
    /// ```
    pub struct StaleKeyResult;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let days = input.config.thresholds.stale_days;
    let config = RollupConfig {
        stale_days: days,
        ..RollupConfig::default()
    };
    let Ok(rollup) = g.rollup_with(input.as_of, &config) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for kr in g.key_results() {
        if !rollup.key_result(&kr.id).is_some_and(|v| v.stale) {
            continue;
        }
        let last = g
            .check_ins(&kr.id)
            .iter()
            .rev()
            .find(|c| c.at.date_naive() <= input.as_of)
            .map(|c| c.at.date_naive());
        out.push(StructureFinding {
            entity: kr.id.clone(),
            message: match last {
                Some(d) => format!("No check-in for more than {days} days (last on {d})"),
                None => {
                    format!("No check-in yet, and its period started more than {days} days ago")
                }
            },
            help: Some("Check in the current value, with a note when it has not moved".into()),
        });
    }
    out
}
