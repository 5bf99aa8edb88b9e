//! `L009` conflicting-key-results: a STRUCTURE rule.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::l008_near_duplicate_objectives::words;
use super::{GraphInput, StructureFinding};
use crate::align::AlignIndex;
use crate::model::{Bound, Direction, KeyResult, Measure};

declare_rule! {
    /// ## What it does
    /// Flags pairs of key results under one common objective that measure the
    /// same metric in the same unit but pull in opposite directions.
    ///
    /// ## Definition
    /// A key result's direction is up for an increasing numeric measure or an
    /// `at_or_above` threshold, down for a decreasing numeric measure or an
    /// `at_or_below` threshold (boolean and milestone key results have none).
    /// Its metric is the set of words of its title once numbers, dates, units
    /// and direction words (`increase`, `cut`, `keep`, `from`, `to`, ...) are
    /// removed. Two key results conflict when their units are equal (ignoring
    /// case), their metrics are equal and not empty, their directions are
    /// opposite, and their objectives are the same objective or share an
    /// ancestor (following every alignment link). The later key result in
    /// document order is flagged, naming the earlier one and the nearest common
    /// objective.
    ///
    /// ## Why is this bad?
    /// Progress on one is regress on the other: the common objective's progress
    /// cannot move however hard both teams work, and the teams are set against
    /// each other.
    ///
    /// ## Example
    /// ```text
    /// Sales: "Increase average discount from 5% to 10%"
    /// Finance: "Cut average discount from 8% to 4%", both under "Grow profit"
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Agree one target for average discount and keep one key result for it
    /// ```
    pub struct ConflictingKeyResults;
}

const NOT_METRIC: &[&str] = &[
    "increase",
    "grow",
    "raise",
    "boost",
    "improve",
    "reach",
    "achieve",
    "hit",
    "expand",
    "double",
    "triple",
    "reduce",
    "cut",
    "decrease",
    "lower",
    "shrink",
    "drop",
    "halve",
    "minimize",
    "minimise",
    "maximize",
    "maximise",
    "keep",
    "maintain",
    "stay",
    "hold",
    "get",
    "bring",
    "below",
    "above",
    "under",
    "over",
    "least",
    "most",
    "than",
    "less",
    "more",
    "per",
    "or",
    "up",
    "down",
    "end",
    "through",
    "throughout",
    "until",
    "before",
    "after",
    "within",
    "during",
    "this",
    "next",
    "quarter",
    "year",
    "month",
    "week",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "q1",
    "q2",
    "q3",
    "q4",
    "h1",
    "h2",
    "mid",
    "percent",
    "percentage",
    "point",
];

/// A metric: the unit (lower case) and the metric words of the title.
type MetricKey = (String, BTreeSet<String>);

/// Up (`true`) or down (`false`), or `None` for boolean and milestone key results.
fn direction(kr: &KeyResult) -> Option<bool> {
    match &kr.measure {
        Measure::Numeric { .. } => kr.measure.direction().map(|d| d == Direction::Increase),
        Measure::Threshold { bound, .. } => Some(*bound == Bound::AtOrAbove),
        _ => None,
    }
}

fn unit(kr: &KeyResult) -> String {
    match &kr.measure {
        Measure::Numeric { unit, .. } | Measure::Threshold { unit, .. } => unit.to_lowercase(),
        _ => String::new(),
    }
}

fn metric(kr: &KeyResult, unit: &str) -> BTreeSet<String> {
    let unit_words = words(unit);
    // `extend` inserts one by one: `collect` into a `BTreeSet` sorts a Vec first, which costs
    // the WebAssembly build a sort instantiation of its own (see `crate::sort`). Same set.
    let mut set = BTreeSet::new();
    set.extend(
        words(&kr.title)
            .into_iter()
            .filter(|w| w.chars().all(char::is_alphabetic))
            .filter(|w| !NOT_METRIC.contains(&w.as_str()) && !unit_words.contains(w)),
    );
    set
}

/// Ancestor positions of `start` (itself first), nearest first (breadth-first).
fn ancestors(index: &AlignIndex<'_>, start: usize) -> Vec<usize> {
    let mut seen = HashSet::from([start]);
    let mut order = vec![start];
    let mut head = 0;
    while head < order.len() {
        for &(p, _) in &index.parents[order[head]] {
            if seen.insert(p) {
                order.push(p);
            }
        }
        head += 1;
    }
    order
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    // (unit, metric) -> key results in document order with their direction.
    let mut groups: HashMap<MetricKey, Vec<(&KeyResult, bool)>> = HashMap::new();
    let mut order: Vec<MetricKey> = Vec::new();
    for kr in g.key_results() {
        let Some(up) = direction(kr) else { continue };
        let u = unit(kr);
        let m = metric(kr, &u);
        if m.is_empty() {
            continue;
        }
        let key = (u, m);
        let entry = groups.entry(key.clone()).or_default();
        if entry.is_empty() {
            order.push(key);
        }
        entry.push((kr, up));
    }
    let mut index: Option<AlignIndex<'_>> = None;
    let mut memo: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut out = Vec::new();
    for key in &order {
        let group = &groups[key];
        if !(group.iter().any(|g| g.1) && group.iter().any(|g| !g.1)) {
            continue;
        }
        let index = index.get_or_insert_with(|| AlignIndex::new(g));
        for (i, &(later, up)) in group.iter().enumerate() {
            for &(earlier, other_up) in &group[..i] {
                if up == other_up {
                    continue;
                }
                let (Some(&a), Some(&b)) = (
                    index.pos.get(later.objective.as_str()),
                    index.pos.get(earlier.objective.as_str()),
                ) else {
                    continue;
                };
                let up_b: HashSet<usize> = memo
                    .entry(b)
                    .or_insert_with(|| ancestors(index, b))
                    .iter()
                    .copied()
                    .collect();
                let common = memo
                    .entry(a)
                    .or_insert_with(|| ancestors(index, a))
                    .iter()
                    .copied()
                    .find(|p| up_b.contains(p));
                let Some(common) = common else { continue };
                let common = &index.objectives[common].id;
                out.push(StructureFinding {
                    entity: later.id.clone(),
                    message: format!(
                        "Pulls {} the metric \"{}\"{} that `{}` pulls {}, both under `{common}`",
                        if up { "up" } else { "down" },
                        key.1.iter().cloned().collect::<Vec<_>>().join(" "),
                        if key.0.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", key.0)
                        },
                        earlier.id,
                        if other_up { "up" } else { "down" }
                    ),
                    help: Some(format!(
                        "Agree one direction and target with the owner of `{}`, and keep one key result for the metric",
                        earlier.id
                    )),
                });
                break;
            }
        }
    }
    out
}
