//! The target and the baseline among a statement's quantities, whether the
//! target is a change, and the direction of the goal.

use super::lexicon::VerbClass;
use super::token::Token;
use super::w;
use super::{ChangeDirection, Quantity, QuantityKind};

/// Words of a comparator before a quantity ("at least", "no more than", "≥").
pub(super) const COMPARATOR_WORDS: &[&str] = &[
    "at",
    "least",
    "most",
    "or",
    "above",
    "below",
    "under",
    "over",
    "more",
    "less",
    "fewer",
    "than",
    "no",
    "a",
    "minimum",
    "maximum",
    "greater",
    "higher",
    "lower",
    ">",
    "<",
    "=",
    "≥",
    "≤",
    "~",
    "about",
    "around",
    "approximately",
    "roughly",
    "exceeding",
    "beneath",
    "min",
    "max",
    "an",
    "just",
    "only",
];

/// Where the comparator words before the quantity starting at token `first`
/// begin (at most four are skipped).
fn comparator_start(toks: &[Token], first: usize) -> usize {
    let mut k = first;
    let mut steps = 0;
    while k > 0 && steps < 4 && COMPARATOR_WORDS.contains(&w(toks, k - 1)) {
        k -= 1;
        steps += 1;
    }
    k
}

/// The word before a quantity, skipping comparator words.
fn word_before(toks: &[Token], first: usize) -> &str {
    let k = comparator_start(toks, first);
    if k == 0 { "" } else { w(toks, k - 1) }
}

/// Chooses the baseline and the target among the quantities (indices into
/// `quantities`): "from X to Y", "X vs Y", "currently X", then the quantity
/// after "to", after "by", or the first that is not a multiple. A rate's
/// denominator ("per 1,000 orders") is neither.
pub(super) fn choose_baseline_and_target(
    toks: &[Token],
    quantities: &[Quantity],
) -> (Option<usize>, Option<usize>) {
    let mut baseline_idx: Option<usize> = None;
    let mut target_idx: Option<usize> = None;
    // `per 1,000 orders`: a rate's denominator is neither target nor baseline.
    let denominator: Vec<bool> = quantities
        .iter()
        .map(|q| q.first > 0 && w(toks, q.first - 1) == "per")
        .collect();
    for (qi, q) in quantities.iter().enumerate() {
        if denominator[qi] {
            continue;
        }
        let k = comparator_start(toks, q.first);
        let before = if k == 0 { "" } else { w(toks, k - 1) };
        let before2 = if k >= 2 { w(toks, k - 2) } else { "" };
        if before == "from" {
            // Look for "to <q>" after.
            if let Some((ri, _)) = quantities
                .iter()
                .enumerate()
                .skip(qi + 1)
                .take_while(|(_, r)| r.first <= q.last + 8)
                .find(|(_, r)| {
                    r.first > q.last
                        && (q.last + 1..r.first).any(|k| matches!(w(toks, k), "to" | "→" | ">"))
                })
            {
                baseline_idx = Some(qi);
                target_idx = Some(ri);
                break;
            }
            if baseline_idx.is_none() {
                baseline_idx = Some(qi);
            }
        } else if matches!(before, "vs" | "versus" | "currently" | "baseline" | "today")
            || (before == "from" && matches!(before2, "up" | "down"))
            || (matches!(before, "to" | "with") && before2 == "compared")
            || (before == "of" && before2 == "baseline")
        {
            if baseline_idx.is_none() {
                baseline_idx = Some(qi);
            }
        } else if w(toks, q.last + 1) == "to"
            && target_idx.is_none()
            && baseline_idx.is_none()
            && before != "by"
            && q.kind != QuantityKind::Multiple
            && let Some(r) = quantities.get(qi + 1)
            && r.first <= q.last + 4
            && r.kind != QuantityKind::Multiple
        {
            baseline_idx = Some(qi);
            target_idx = Some(qi + 1);
            break;
        }
    }
    if target_idx.is_none() {
        let mut cands: Vec<usize> = (0..quantities.len())
            .filter(|&i| Some(i) != baseline_idx && !denominator[i])
            .collect();
        if cands.is_empty() {
            cands = (0..quantities.len())
                .filter(|&i| Some(i) != baseline_idx)
                .collect();
        }
        target_idx = cands
            .iter()
            .copied()
            .find(|&i| matches!(word_before(toks, quantities[i].first), "to" | "→"))
            .or_else(|| {
                // "Increase customers using two or more products by 30%":
                // the change after "by" is the target, not a qualifier.
                cands
                    .iter()
                    .copied()
                    .find(|&i| word_before(toks, quantities[i].first) == "by")
            })
            .or_else(|| {
                cands
                    .iter()
                    .copied()
                    .find(|&i| quantities[i].kind != QuantityKind::Multiple)
            })
            .or_else(|| cands.first().copied());
    }
    (baseline_idx, target_idx)
}

/// The target is a change (`by 30%`, `double`, `20% more`) rather than a level.
pub(super) fn is_relative_change(toks: &[Token], target: Option<&Quantity>) -> bool {
    target.is_some_and(|t| {
        t.kind == QuantityKind::Multiple
            || word_before(toks, t.first) == "by"
            || matches!(
                w(toks, t.last + 1),
                "increase"
                    | "decrease"
                    | "growth"
                    | "reduction"
                    | "more"
                    | "less"
                    | "fewer"
                    | "higher"
                    | "lower"
                    | "uplift"
                    | "improvement"
                    | "drop"
                    | "yoy"
                    | "boost"
            )
            || (t.unit.as_deref().is_some_and(|u| {
                [
                    "increase",
                    "growth",
                    "reduction",
                    "decrease",
                    "more",
                    "uplift",
                ]
                .iter()
                .any(|x| u.starts_with(x))
            }))
    })
}

/// The direction of the goal: from the verb's class, then a multiple
/// ("halve" is down), then baseline and target compared; any other measurable
/// goal is to reach its target.
/// Whether two quantities are in one unit, so that their values compare: no two different
/// currencies or unit words (a plural `s` aside), and the same kind unless one of them is a
/// bare number, which takes the other's unit ("from €2.0M to 3.6M", "from 40 to 60
/// customers"). "From 5 minutes to 30 seconds" or "from 40% to €2M" do not compare.
pub(super) fn comparable(a: &Quantity, b: &Quantity) -> bool {
    let bare =
        |q: &Quantity| q.kind == QuantityKind::Number && q.unit.is_none() && q.currency.is_none();
    if let (Some(x), Some(y)) = (&a.currency, &b.currency)
        && x != y
    {
        return false;
    }
    let word = |u: &str| u.to_lowercase().trim_end_matches('s').to_string();
    if let (Some(x), Some(y)) = (&a.unit, &b.unit)
        && word(x) != word(y)
    {
        return false;
    }
    a.kind == b.kind || bare(a) || bare(b)
}

/// The intended direction: from the verb, a multiple, or the baseline and target compared
/// when they are in one unit ([`comparable`]).
pub(super) fn direction(
    verb: Option<VerbClass>,
    baseline: Option<&Quantity>,
    target: Option<&Quantity>,
    relative_change: bool,
) -> Option<ChangeDirection> {
    let mut direction = verb.and_then(|v| match v {
        VerbClass::Increase => Some(ChangeDirection::Increase),
        VerbClass::Decrease => Some(ChangeDirection::Decrease),
        VerbClass::Maintain => Some(ChangeDirection::Maintain),
        VerbClass::Reach => Some(ChangeDirection::Reach),
        VerbClass::Activity | VerbClass::Effort => None,
    });
    if let Some(t) = target
        && t.kind == QuantityKind::Multiple
    {
        direction = Some(if t.value < 1.0 {
            ChangeDirection::Decrease
        } else {
            ChangeDirection::Increase
        });
    }
    if let (Some(b), Some(t)) = (baseline, target)
        && direction != Some(ChangeDirection::Maintain)
        && t.kind != QuantityKind::Multiple
        && !relative_change
        && comparable(b, t)
    {
        if t.value > b.value {
            direction = Some(ChangeDirection::Increase);
        } else if t.value < b.value {
            direction = Some(ChangeDirection::Decrease);
        }
    }
    if direction.is_none() && target.is_some() {
        direction = Some(ChangeDirection::Reach);
    }
    direction
}
