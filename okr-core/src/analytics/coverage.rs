//! Coverage: how much of the organisation's work traces to each top-level objective.
//!
//! # Formulas
//! A **top-level objective** is aligned under nothing and owned by a root owner (the
//! organisation). An objective **traces to** a top-level objective `T` when `T` is the objective
//! itself or lies above it along alignment links (any weight, any state, contributing or
//! supporting: coverage traces alignment, not progress). Over the objectives
//! considered (those of one cycle, or all):
//! - a top-level objective's **objective share** = objectives tracing to it / objectives;
//! - its **people share** = people with at least one objective tracing to it / people, where
//!   people are the owners whose `kind` is one of the person kinds (default `person`);
//! - **traced share** = objectives tracing to any top-level objective / objectives;
//! - **people without aligned objectives**: people none of whose objectives traces to a
//!   top-level objective (including people with no objective at all).
//!
//! A top-level objective of another cycle still counts as the anchor of a chain: cycles are a
//! filter on the objectives counted, not on the links followed.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::align::{AlignIndex, is_top_level};
use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;
use crate::time::AsOf;

/// Options of [`OkrGraph::coverage`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CoverageOptions {
    /// Count only the objectives of this cycle (default: all).
    pub cycle: Option<String>,
    /// Owner kinds that are people (compared ignoring case). Default `["person"]`.
    pub person_kinds: Vec<String>,
}

impl Default for CoverageOptions {
    fn default() -> Self {
        CoverageOptions {
            cycle: None,
            person_kinds: vec!["person".into()],
        }
    }
}

/// Coverage of one top-level objective.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopCoverage {
    /// The top-level objective.
    pub objective: String,
    /// Its title.
    pub title: String,
    /// Objectives considered that trace to it (itself included when considered).
    pub objectives: usize,
    /// `objectives / objectives considered` (0 when none are considered).
    pub objective_share: f64,
    /// People with an objective tracing to it.
    pub people: usize,
    /// `people / people` (0 when there are no people).
    pub people_share: f64,
}

/// The coverage report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// The cycle filter, if any.
    pub cycle: Option<String>,
    /// Objectives considered.
    pub objectives: usize,
    /// People (owners of a person kind).
    pub people: usize,
    /// Objectives tracing to any top-level objective.
    pub traced_objectives: usize,
    /// `traced_objectives / objectives` (0 when none are considered).
    pub traced_share: f64,
    /// Every top-level objective, in document order.
    pub top_level: Vec<TopCoverage>,
    /// People with no objective tracing to a top-level objective, in owner order.
    pub people_without_aligned_objectives: Vec<String>,
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// No top-level objective above (the tag of an objective tracing to none).
const NO: u32 = u32::MAX;
/// Several top-level objectives above.
const SEVERAL: u32 = u32::MAX - 1;

/// The top-level objectives above an objective, from its parents': none, one (its
/// position), or several.
fn combine(a: u32, b: u32) -> u32 {
    match (a, b) {
        (NO, x) | (x, NO) => x,
        (x, y) if x == y => x,
        _ => SEVERAL,
    }
}

/// The positions of the bits set in `word`, lowest first.
fn set_bits(mut word: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (word != 0).then(|| {
            let j = word.trailing_zeros() as usize;
            word &= word - 1;
            j
        })
    })
}

impl OkrGraph {
    /// The coverage report at `as_of`: [`coverage`](Self::coverage) of the model as it stood
    /// then ([`at`](Self::at)): its objectives, their owners, cycles and links.
    ///
    /// # Errors
    /// As [`coverage`](Self::coverage).
    ///
    /// # Complexity
    /// As [`coverage`](Self::coverage); at a past time, plus building that state the first
    /// time: see [`OkrGraph::at`].
    pub fn coverage_at(
        &self,
        as_of: impl Into<AsOf>,
        options: &CoverageOptions,
    ) -> Result<Coverage> {
        self.at(as_of).coverage(options)
    }

    /// The coverage report of the latest state (see the
    /// [module docs](crate::analytics::coverage)); at an earlier time, see
    /// [`coverage_at`](Self::coverage_at).
    ///
    /// # Errors
    /// `UnknownId` when the cycle filter names no cycle.
    ///
    /// # Complexity
    /// O(V + E + owners) when each objective traces to at most one top-level objective
    /// (one pass, parents first, tags each objective with the top-level objective above
    /// it). Objectives that trace to several are counted with bit sets, 64 top-level
    /// objectives a word, over their classes: an objective with one parent is in its
    /// parent's. That part is O((S + E_S) · ⌈T_S / 64⌉ + S · T_S + P · T_S) for S
    /// objectives with several parents among them, their E_S links, the T_S top-level
    /// objectives above them and P groups of people with the same such objectives: it is
    /// not linear in general, as no algorithm is known to count the objectives below each
    /// of many sources in a DAG in less than quadratic time (the counting version of
    /// reachability, hard under the orthogonal vectors conjecture).
    pub fn coverage(&self, options: &CoverageOptions) -> Result<Coverage> {
        if let Some(c) = &options.cycle
            && self.cycle(c).is_none()
        {
            return Err(OkrError::UnknownId {
                kind: EntityKind::Cycle,
                id: c.clone(),
            });
        }
        let index = AlignIndex::new(self);
        let n = index.len();
        let considered: Vec<bool> = index
            .objectives
            .iter()
            .map(|o| options.cycle.as_ref().is_none_or(|c| &o.cycle == c))
            .collect();
        let is_person = |kind: &str| {
            options
                .person_kinds
                .iter()
                .any(|k| k.eq_ignore_ascii_case(kind))
        };
        let people: Vec<&str> = self
            .owners()
            .filter(|w| is_person(&w.kind))
            .map(|w| w.id.as_str())
            .collect();
        let person: HashMap<&str, u32> = people
            .iter()
            .enumerate()
            .map(|(i, w)| (*w, i as u32))
            .collect();
        let total = considered.iter().filter(|&&c| c).count();

        // Parents first: each objective's top-level objectives (none, one, several).
        let top: Vec<bool> = index
            .objectives
            .iter()
            .map(|o| is_top_level(self, o))
            .collect();
        let mut tag = vec![NO; n];
        for v in 0..n {
            tag[v] = if top[v] {
                v as u32
            } else {
                index.parents[v]
                    .iter()
                    .fold(NO, |acc, &(p, _)| combine(acc, tag[p]))
            };
        }
        let mut below = vec![0usize; n];
        let mut people_below = vec![0usize; n];
        let traced: Vec<bool> = (0..n).map(|v| considered[v] && tag[v] != NO).collect();
        // (top-level objective, person) of the objectives tracing to one
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        // Objectives tracing to several: each in the class of its one parent, or its own
        // class when it has several parents. `weight`: objectives considered per class.
        let mut class = vec![NO; n];
        let mut classes: Vec<usize> = Vec::new();
        let mut weight: Vec<usize> = Vec::new();
        for v in 0..n {
            match tag[v] {
                NO => {}
                SEVERAL => {
                    class[v] = match index.parents[v].as_slice() {
                        [(p, _)] => class[*p],
                        _ => {
                            classes.push(v);
                            weight.push(0);
                            (classes.len() - 1) as u32
                        }
                    };
                    if considered[v] {
                        weight[class[v] as usize] += 1;
                    }
                }
                t if considered[v] => {
                    below[t as usize] += 1;
                    if let Some(&w) = person.get(index.objectives[v].owner.as_str()) {
                        pairs.push((t, w));
                    }
                }
                _ => {}
            }
        }
        // The top-level objectives some class traces to, by a dense index.
        let mut dense = vec![NO; n];
        let mut shared: Vec<u32> = Vec::new();
        for &v in &classes {
            for &(p, _) in &index.parents[v] {
                let t = tag[p];
                if t < SEVERAL && dense[t as usize] == NO {
                    dense[t as usize] = shared.len() as u32;
                    shared.push(t);
                }
            }
        }
        // People: pairs with a top-level objective no class traces to are counted as they
        // are; the rest join each person's classes (a top-level objective `t` as the
        // pseudo-class `classes.len() + dense[t]`), and people with the same classes are
        // counted together.
        crate::sort::sort_unstable(&mut pairs);
        pairs.dedup();
        let mut keys: Vec<(u32, u32)> = Vec::new();
        for &(t, w) in &pairs {
            match dense[t as usize] {
                NO => people_below[t as usize] += 1,
                d => keys.push((w, (classes.len() as u32) + d)),
            }
        }
        for v in 0..n {
            if considered[v]
                && tag[v] == SEVERAL
                && let Some(&w) = person.get(index.objectives[v].owner.as_str())
            {
                keys.push((w, class[v]));
            }
        }
        crate::sort::sort_unstable(&mut keys);
        keys.dedup();
        let mut groups: HashMap<Vec<u32>, usize> = HashMap::new();
        for run in keys.chunk_by(|a, b| a.0 == b.0) {
            *groups
                .entry(run.iter().map(|&(_, c)| c).collect())
                .or_default() += 1;
        }
        let mut bits = vec![0u64; classes.len()];
        for base in (0..shared.len()).step_by(64) {
            let bit = |t: u32| match dense[t as usize] {
                d if d != NO && (base..base + 64).contains(&(d as usize)) => {
                    1u64 << (d as usize - base)
                }
                _ => 0,
            };
            for (c, &v) in classes.iter().enumerate() {
                bits[c] = index.parents[v]
                    .iter()
                    .map(|&(p, _)| match tag[p] {
                        SEVERAL => bits[class[p] as usize],
                        NO => 0,
                        t => bit(t),
                    })
                    .fold(0, |a, b| a | b);
            }
            for (c, &word) in bits.iter().enumerate() {
                for j in set_bits(word) {
                    below[shared[base + j] as usize] += weight[c];
                }
            }
            for (run, &count) in &groups {
                let word = run
                    .iter()
                    .map(|&c| match (c as usize).checked_sub(classes.len()) {
                        None => bits[c as usize],
                        Some(d) => bit(shared[d]),
                    })
                    .fold(0, |a, b| a | b);
                for j in set_bits(word) {
                    people_below[shared[base + j] as usize] += count;
                }
            }
        }

        let mut top_level = Vec::new();
        for (t, o) in index.objectives.iter().enumerate() {
            if !top[t] {
                continue;
            }
            top_level.push(TopCoverage {
                objective: o.id.clone(),
                title: o.title.clone(),
                objectives: below[t],
                objective_share: share(below[t], total),
                people: people_below[t],
                people_share: share(people_below[t], people.len()),
            });
        }
        // Document order for the report, whatever the topological order.
        let doc_order: HashMap<&str, usize> = self
            .objectives()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        crate::sort::sort_by_key(&mut top_level, |t| doc_order[t.objective.as_str()]);
        let aligned_people: std::collections::HashSet<&str> = (0..n)
            .filter(|&i| traced[i])
            .map(|i| index.objectives[i].owner.as_str())
            .collect();
        let traced_objectives = traced.iter().filter(|&&t| t).count();
        Ok(Coverage {
            cycle: options.cycle.clone(),
            objectives: total,
            people: people.len(),
            traced_objectives,
            traced_share: share(traced_objectives, total),
            top_level,
            people_without_aligned_objectives: people
                .iter()
                .filter(|p| !aligned_people.contains(*p))
                .map(|p| p.to_string())
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use proptest::prelude::*;

    use super::*;
    use crate::model::{Cycle, Objective, Owner};

    /// Coverage as it was: a walk down from each top-level objective.
    fn reference(g: &OkrGraph, options: &CoverageOptions) -> Coverage {
        let considered = |o: &Objective| options.cycle.as_ref().is_none_or(|c| &o.cycle == c);
        let is_person = |kind: &str| {
            options
                .person_kinds
                .iter()
                .any(|k| k.eq_ignore_ascii_case(kind))
        };
        let people: Vec<&str> = g
            .owners()
            .filter(|w| is_person(&w.kind))
            .map(|w| w.id.as_str())
            .collect();
        let total = g.objectives().filter(|o| considered(o)).count();
        let mut traced: HashSet<&str> = HashSet::new();
        let mut top_level = Vec::new();
        for o in g.objectives() {
            if !is_top_level(g, o) {
                continue;
            }
            let mut seen: HashSet<&str> = HashSet::from([o.id.as_str()]);
            let mut stack = vec![o.id.as_str()];
            while let Some(v) = stack.pop() {
                for (c, _) in g.children_of(v) {
                    if seen.insert(c) {
                        stack.push(c);
                    }
                }
            }
            let below: Vec<&Objective> = seen
                .iter()
                .map(|id| g.objective(id).unwrap())
                .filter(|o| considered(o))
                .collect();
            let owners: HashSet<&str> = below
                .iter()
                .map(|o| o.owner.as_str())
                .filter(|w| people.contains(w))
                .collect();
            traced.extend(below.iter().map(|o| o.id.as_str()));
            top_level.push(TopCoverage {
                objective: o.id.clone(),
                title: o.title.clone(),
                objectives: below.len(),
                objective_share: share(below.len(), total),
                people: owners.len(),
                people_share: share(owners.len(), people.len()),
            });
        }
        let aligned: HashSet<&str> = traced
            .iter()
            .map(|id| g.objective(id).unwrap().owner.as_str())
            .collect();
        Coverage {
            cycle: options.cycle.clone(),
            objectives: total,
            people: people.len(),
            traced_objectives: traced.len(),
            traced_share: share(traced.len(), total),
            top_level,
            people_without_aligned_objectives: people
                .iter()
                .filter(|p| !aligned.contains(*p))
                .map(|p| p.to_string())
                .collect(),
        }
    }

    /// Owners: `org` (the root), people `p0..` and a team under it; objectives
    /// `(owner, cycle, parents among earlier ones)`, owner 0 the organisation.
    fn graph(people: usize, objs: &[(usize, usize, Vec<usize>)]) -> OkrGraph {
        let mut g = OkrGraph::new();
        g.add_owner(Owner::new("org", "", "organisation")).unwrap();
        g.add_owner(Owner::new("team", "", "team").with_parent("org"))
            .unwrap();
        for p in 0..people {
            g.add_owner(Owner::new(format!("p{p}"), "", "Person").with_parent("team"))
                .unwrap();
        }
        let d = |m| chrono::NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
        g.add_cycle(Cycle::new("fy", d(1), d(12))).unwrap();
        g.add_cycle(Cycle::new("q4", d(10), d(12))).unwrap();
        for (i, (w, c, _)) in objs.iter().enumerate() {
            let owner = match w {
                0 => "org".to_string(),
                1 => "team".to_string(),
                w if people == 0 => ["org", "team"][w % 2].to_string(),
                w => format!("p{}", (w - 2) % people),
            };
            let cycle = if *c == 0 { "fy" } else { "q4" };
            g.add_objective(Objective::new(format!("x{i}"), "", owner, cycle))
                .unwrap();
        }
        for (i, (_, _, ps)) in objs.iter().enumerate() {
            for &p in ps {
                let _ = g.link(&format!("x{i}"), &format!("x{p}"), 1.0);
            }
        }
        g
    }

    fn check(g: &OkrGraph) {
        for cycle in [None, Some("q4".to_string())] {
            let options = CoverageOptions {
                cycle,
                ..CoverageOptions::default()
            };
            assert_eq!(g.coverage(&options).unwrap(), reference(g, &options));
        }
    }

    #[test]
    fn many_top_level_objectives_above_shared_chains() {
        // 150 top-level objectives (more than two words of bits), merged pairwise into
        // objectives with several parents, above a chain; people along the way
        let tops = 150;
        let mut objs: Vec<(usize, usize, Vec<usize>)> = (0..tops).map(|_| (0, 0, vec![])).collect();
        for i in 0..tops - 1 {
            objs.push((2 + i % 7, i % 2, vec![i, i + 1]));
        }
        let merged = objs.len();
        objs.push((2, 1, (tops..merged).step_by(3).collect()));
        for j in 0..200 {
            objs.push((2 + j % 11, j % 2, vec![objs.len() - 1]));
        }
        let g = graph(12, &objs);
        check(&g);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn same_coverage_as_walking_down_from_each_top_level_objective(
            people in 0usize..6,
            objs in prop::collection::vec(
                (0usize..8, 0usize..2, prop::collection::vec(0usize..40, 0..4)),
                0..40,
            ),
        ) {
            let objs: Vec<(usize, usize, Vec<usize>)> = objs
                .into_iter()
                .enumerate()
                .map(|(i, (w, c, ps))| (w, c, ps.into_iter().filter(|&p| p < i).collect()))
                .collect();
            check(&graph(people, &objs));
        }
    }
}
