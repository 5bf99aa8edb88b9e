//! `L009` conflicting-key-results: a STRUCTURE rule.

use std::collections::{BTreeSet, HashMap};

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
    /// ## Complexity
    /// O(K log K) for K key results, plus, per metric pulled both ways, one pass over the
    /// objectives on or above its key results' objectives and their links, with a sort of
    /// them (in a tree-shaped alignment at most the depth per key result; the whole graph
    /// once for one metric shared by every key result): never a comparison per pair of key
    /// results. Naming the nearest common objective searches upward from each flagged key
    /// result's objective, once per earlier key result named (an objective with one parent
    /// reuses its parent's answer).
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

/// No key result (a group index larger than any).
const NONE: u32 = u32::MAX;

/// Working arrays over the objectives' positions, reused from one metric to the next; a
/// position's entries count only when its stamp is the current one.
struct Scratch {
    /// In the current metric's closure (the ancestors of its objectives).
    closure: Vec<u32>,
    /// Per direction (down, up): the first key result of the metric with that direction
    /// on or below the objective, then the first under any root above it.
    first: [Vec<u32>; 2],
    under_root: [Vec<u32>; 2],
    /// The nearest common objective search: ancestors of the earlier key result's
    /// objective, the answer per objective, a breadth-first search's visits.
    above_b: Vec<u32>,
    nearest: Vec<u32>,
    nearest_at: Vec<u32>,
    seen: Vec<u32>,
    stamp: u32,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            closure: vec![0; n],
            first: [vec![NONE; n], vec![NONE; n]],
            under_root: [vec![NONE; n], vec![NONE; n]],
            above_b: vec![0; n],
            nearest: vec![0; n],
            nearest_at: vec![0; n],
            seen: vec![0; n],
            stamp: 0,
        }
    }

    fn next(&mut self) -> u32 {
        self.stamp += 1;
        self.stamp
    }
}

/// The first objective, in breadth-first order from `a` up (`a` itself first, parents in
/// link order), that is also `b` or above it: the nearest common objective, or `None`.
/// The ancestors of `b` are marked once per `b` (`marks`); an objective with one parent
/// answers with its parent's answer, so a chain is searched once per `b`.
fn nearest_common(
    index: &AlignIndex<'_>,
    s: &mut Scratch,
    marks: u32,
    a: usize,
) -> Option<usize> {
    let mut chain = Vec::new();
    let mut v = a;
    let found = loop {
        if s.above_b[v] == marks {
            break Some(v);
        }
        if s.nearest_at[v] == marks {
            break (s.nearest[v] != NONE).then_some(s.nearest[v] as usize);
        }
        match index.parents[v].as_slice() {
            [] => break None,
            [(p, _)] => {
                chain.push(v);
                v = *p;
            }
            _ => {
                // several parents: breadth-first, as written
                let seen = s.next();
                s.seen[v] = seen;
                let mut order = vec![v];
                let mut head = 0;
                let mut hit = None;
                'bfs: while head < order.len() {
                    for &(p, _) in &index.parents[order[head]] {
                        if s.seen[p] != seen {
                            s.seen[p] = seen;
                            if s.above_b[p] == marks {
                                hit = Some(p);
                                break 'bfs;
                            }
                            order.push(p);
                        }
                    }
                    head += 1;
                }
                chain.push(v);
                break hit;
            }
        }
    };
    for c in chain {
        s.nearest_at[c] = marks;
        s.nearest[c] = found.map_or(NONE, |f| f as u32);
    }
    found
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
    let mut index: Option<(AlignIndex<'_>, Scratch)> = None;
    let mut out = Vec::new();
    for key in &order {
        let group = &groups[key];
        if !(group.iter().any(|g| g.1) && group.iter().any(|g| !g.1)) {
            continue;
        }
        let (index, s) = index.get_or_insert_with(|| {
            let index = AlignIndex::new(g);
            let n = index.len();
            (index, Scratch::new(n))
        });
        let at: Vec<Option<usize>> = group
            .iter()
            .map(|(kr, _)| index.pos.get(kr.objective.as_str()).copied())
            .collect();
        // The closure: every objective on or above one of the metric's, parents first.
        let inside = s.next();
        let mut closure: Vec<usize> = Vec::new();
        for &a in at.iter().flatten() {
            if s.closure[a] == inside {
                continue;
            }
            s.closure[a] = inside;
            closure.push(a);
            let mut stack = vec![a];
            while let Some(v) = stack.pop() {
                for &(p, _) in &index.parents[v] {
                    if s.closure[p] != inside {
                        s.closure[p] = inside;
                        closure.push(p);
                        stack.push(p);
                    }
                }
            }
        }
        crate::sort::sort_unstable(&mut closure);
        // Per direction: the first key result on or below each objective (children first),
        // then the first under some root above each objective (parents first). Two key
        // results share an objective above them exactly when they share a root above them.
        for d in 0..2 {
            for &v in &closure {
                s.first[d][v] = NONE;
            }
            for (i, ((_, up), a)) in group.iter().zip(&at).enumerate() {
                if let Some(a) = *a
                    && usize::from(*up) == d
                {
                    s.first[d][a] = s.first[d][a].min(i as u32);
                }
            }
            for &v in closure.iter().rev() {
                let f = s.first[d][v];
                for &(p, _) in &index.parents[v] {
                    s.first[d][p] = s.first[d][p].min(f);
                }
            }
            for &v in &closure {
                s.under_root[d][v] = match index.parents[v].as_slice() {
                    [] => s.first[d][v],
                    ps => ps
                        .iter()
                        .map(|&(p, _)| s.under_root[d][p])
                        .min()
                        .unwrap_or(NONE),
                };
            }
        }
        // Each key result's first earlier one pulling the other way under a common root.
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for (i, ((_, up), a)) in group.iter().zip(&at).enumerate() {
            let Some(a) = *a else { continue };
            let j = s.under_root[usize::from(!*up)][a];
            if (j as usize) < i {
                pairs.push((i, j as usize));
            }
        }
        // The nearest common objective of each pair, one earlier key result at a time.
        let mut by_earlier: Vec<usize> = (0..pairs.len()).collect();
        crate::sort::sort_by_key(&mut by_earlier, |&p| pairs[p].1);
        let mut common: Vec<usize> = vec![0; pairs.len()];
        let mut marks = 0;
        let mut marked_for = usize::MAX;
        for p in by_earlier {
            let (i, j) = pairs[p];
            if marked_for != j {
                marked_for = j;
                marks = s.next();
                let b = at[j].expect("paired");
                s.above_b[b] = marks;
                let mut stack = vec![b];
                while let Some(v) = stack.pop() {
                    for &(q, _) in &index.parents[v] {
                        if s.above_b[q] != marks {
                            s.above_b[q] = marks;
                            stack.push(q);
                        }
                    }
                }
            }
            common[p] = nearest_common(index, s, marks, at[i].expect("paired"))
                .expect("a common root is a common objective");
        }
        for (&(i, j), &common) in pairs.iter().zip(&common) {
            let ((later, up), (earlier, other_up)) = (group[i], group[j]);
            let common = &index.objectives[common].id;
            out.push(finding(key, (later, up), (earlier, other_up), common));
        }
    }
    out
}

/// The finding of key result `later`, which pulls the metric `key` the other way from
/// `earlier` (each with whether it pulls up), both under objective `common`.
fn finding(
    key: &MetricKey,
    (later, up): (&KeyResult, bool),
    (earlier, other_up): (&KeyResult, bool),
    common: &str,
) -> StructureFinding {
    let way = |up: bool| if up { "up" } else { "down" };
    StructureFinding {
        entity: later.id.clone(),
        message: format!(
            "Pulls {} the metric \"{}\"{} that `{}` pulls {}, both under `{common}`",
            way(up),
            key.1.iter().cloned().collect::<Vec<_>>().join(" "),
            if key.0.is_empty() {
                String::new()
            } else {
                format!(" ({})", key.0)
            },
            earlier.id,
            way(other_up)
        ),
        help: Some(format!(
            "Agree one direction and target with the owner of `{}`, and keep one key result for the metric",
            earlier.id
        )),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::lint::LintConfig;
    use crate::model::{Cycle, Objective, Owner};
    use crate::OkrGraph;
    use proptest::prelude::*;

    // The rule as it was: every pair of key results of a metric compared.
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

    fn check_reference(input: &GraphInput<'_>) -> Vec<StructureFinding> {
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
                    out.push(finding(key, (later, up), (earlier, other_up), common));
                    break;
                }
            }
        }
        out
    }

    const TITLES: &[&str] = &[
        "Customers acquired",
        "Raise churn rate",
        "Cut churn rate",
        "Average discount",
        "Release",
    ];

    /// Objectives `(parents among earlier ones)`, key results `(objective, title, up,
    /// threshold)`.
    fn graph(objs: &[Vec<usize>], krs: &[(usize, usize, bool, bool)]) -> OkrGraph {
        let mut g = OkrGraph::new();
        g.add_owner(Owner::new("o", "", "team")).unwrap();
        let d = |m| chrono::NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
        g.add_cycle(Cycle::new("fy", d(1), d(12))).unwrap();
        for i in 0..objs.len() {
            g.add_objective(Objective::new(format!("x{i}"), "", "o", "fy"))
                .unwrap();
        }
        for (i, ps) in objs.iter().enumerate() {
            for &p in ps {
                let _ = g.link(&format!("x{i}"), &format!("x{p}"), 1.0);
            }
        }
        for (k, &(o, t, up, threshold)) in krs.iter().enumerate() {
            let measure = match (threshold, up) {
                (false, true) => Measure::numeric(0.0, 10.0),
                (false, false) => Measure::numeric(10.0, 0.0),
                (true, up) => Measure::Threshold {
                    bound: if up { Bound::AtOrAbove } else { Bound::AtOrBelow },
                    value: 5.0,
                    start: None,
                    unit: String::new(),
                },
            };
            g.add_key_result(KeyResult::new(
                format!("k{k}"),
                TITLES[t],
                format!("x{o}"),
                measure,
            ))
            .unwrap();
        }
        g
    }

    fn both(g: &OkrGraph) -> (Vec<StructureFinding>, Vec<StructureFinding>) {
        let config = LintConfig::default();
        let input = GraphInput {
            graph: g,
            config: &config,
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap(),
        };
        (check(&input), check_reference(&input))
    }

    #[test]
    fn one_metric_under_one_root_and_under_none() {
        // p_conflict's shape (every objective a root), then the same under one root, then
        // under a chain with the key results on leaves hanging off it
        let n = 300;
        let krs: Vec<(usize, usize, bool, bool)> =
            (0..n).map(|i| (i, 0, i % 2 == 1, false)).collect();
        let g = graph(&vec![vec![]; n], &krs);
        let (new, old) = both(&g);
        assert!(new.is_empty());
        assert_eq!(new, old);
        let objs: Vec<Vec<usize>> = (0..=n).map(|i| if i == 0 { vec![] } else { vec![0] }).collect();
        let krs: Vec<_> = (1..=n).map(|i| (i, 0, i % 3 == 0, false)).collect();
        let (new, old) = both(&graph(&objs, &krs));
        assert_eq!(new.len(), n - 2, "all but the two before the first pulling up");
        assert_eq!(new, old);
        let objs: Vec<Vec<usize>> = (0..2 * n)
            .map(|i| match i {
                0 => vec![],
                i if i < n => vec![i - 1],
                _ => vec![n - 1 - (i % 7)],
            })
            .collect();
        let krs: Vec<_> = (n..2 * n).map(|i| (i, 0, i % 2 == 0, i % 5 == 0)).collect();
        let (new, old) = both(&graph(&objs, &krs));
        assert!(!new.is_empty());
        assert_eq!(new, old);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn same_findings_as_comparing_every_pair(
            objs in prop::collection::vec(prop::collection::vec(0usize..30, 0..4), 1..30),
            krs in prop::collection::vec((0usize..30, 0usize..5, any::<bool>(), any::<bool>()), 0..40),
        ) {
            let objs: Vec<Vec<usize>> = objs
                .into_iter()
                .enumerate()
                .map(|(i, ps)| ps.into_iter().filter(|&p| p < i).collect())
                .collect();
            let n = objs.len();
            let krs: Vec<_> = krs.into_iter().map(|(o, t, u, th)| (o % n, t, u, th)).collect();
            let (new, old) = both(&graph(&objs, &krs));
            prop_assert_eq!(new, old);
        }
    }
}
