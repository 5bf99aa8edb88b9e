//! `A001` target-already-reached: a STRUCTURE rule.

use chrono::NaiveDate;

use super::{GraphInput, StructureFinding, kr_period, num, value_check_ins};
use crate::OkrGraph;
use crate::model::{Bound, Direction, Measure};

declare_rule! {
    /// ## What it does
    /// Flags key results whose target is already met (or beaten) by the baseline
    /// or the first check-in of the cycle.
    ///
    /// ## Definition
    /// - Numeric key result (start and target always differ): flagged when its
    ///   first value check-in made up to the as-of date already meets the
    ///   target (`value >= target` when increasing, `value <= target` when
    ///   decreasing) and that check-in was made early, no later than a quarter
    ///   into the key result's period (`at <= start + (end - start) / 4` in whole
    ///   days; the period is the objective's cycle, ending at the due date when
    ///   one is set). A target reached by a late first check-in is progress, not
    ///   sandbagging.
    /// - Threshold key result: flagged when its `start` already meets the bound
    ///   (`start >= value` for `at_or_above`, `start <= value` for `at_or_below`).
    /// - Boolean and milestone key results are never flagged.
    ///
    /// ## Complexity
    /// O(K + C) for K key results and C check-ins: each key result's check-ins up to the
    /// as-of day, once.
    ///
    /// ## Why is this bad?
    /// A target reached on day one is a sandbagging signal: it measures nothing and
    /// hides the real ambition.
    ///
    /// ## Example
    /// ```text
    /// KR: Keep NPS above 30   (baseline 42)
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// KR: Raise NPS from 42 to 50 by the end of the quarter
    /// ```
    pub struct TargetAlreadyReached;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    targets_already_reached(input.graph, input.as_of)
}

/// The `A001` findings of `g` as of `today` (check-ins after that day are
/// ignored), one per flagged key result, in key-result order. The scorecards'
/// `target_already_reached` signal reads them directly.
pub(crate) fn targets_already_reached(g: &OkrGraph, as_of: NaiveDate) -> Vec<StructureFinding> {
    let mut out = Vec::new();
    for kr in g.key_results() {
        match &kr.measure {
            Measure::Numeric { target, .. } => {
                let Some(dir) = kr.measure.direction() else {
                    continue;
                };
                let Some((start, end)) = kr_period(g, kr) else {
                    continue;
                };
                let Some(&(at, v)) = value_check_ins(g, &kr.id, as_of).first() else {
                    continue;
                };
                let early = start + chrono::Days::new(((end - start).num_days().max(0) / 4) as u64);
                let met = match dir {
                    Direction::Increase => v >= *target,
                    Direction::Decrease => v <= *target,
                };
                if met && at.date_naive() <= early {
                    out.push(StructureFinding {
                        entity: kr.id.clone(),
                        message: format!(
                            "Target {} was already met by the first check-in ({} on {})",
                            num(*target),
                            num(v),
                            at.date_naive()
                        ),
                        help: Some(
                            "Set a target beyond what was already reached, or update the start value".into(),
                        ),
                    });
                }
            }
            Measure::Threshold {
                bound,
                value,
                start: Some(s),
                ..
            } => {
                let (met, op) = match bound {
                    Bound::AtOrAbove => (*s >= *value, ">="),
                    Bound::AtOrBelow => (*s <= *value, "<="),
                };
                if met {
                    out.push(StructureFinding {
                        entity: kr.id.clone(),
                        message: format!(
                            "Threshold is already met at the start ({} {op} {}): the key result asks for no change",
                            num(*s),
                            num(*value)
                        ),
                        help: Some(
                            "Raise the bar (\"from <start> to <better value>\"), or track it as a health metric outside the OKR".into(),
                        ),
                    });
                }
            }
            _ => {}
        }
    }
    out
}
