//! Coverage: how much of the organisation's work traces to each top-level objective.
//!
//! # Formulas
//! A **top-level objective** is aligned under nothing and owned by a root owner (the
//! organisation). An objective **traces to** a top-level objective `T` when `T` is the objective
//! itself or lies above it along alignment links (any weight, any state). Over the objectives
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

use serde::{Deserialize, Serialize};

use crate::align::{AlignIndex, is_top_level};
use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;

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

impl OkrGraph {
    /// The coverage report (see the [module docs](crate::analytics::coverage)).
    ///
    /// # Errors
    /// `UnknownId` when the cycle filter names no cycle.
    ///
    /// # Complexity
    /// O(T · (V + E)) for T top-level objectives (a walk down from each), plus O(V + owners).
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
        let is_people: std::collections::HashSet<&str> = people.iter().copied().collect();
        let total = considered.iter().filter(|&&c| c).count();
        let mut traced = vec![false; index.len()];
        let mut top_level = Vec::new();
        for (t, o) in index.objectives.iter().enumerate() {
            if !is_top_level(self, o) {
                continue;
            }
            let below: Vec<usize> = index
                .descendants(t)
                .into_iter()
                .filter(|&i| considered[i])
                .collect();
            let mut owners: Vec<&str> = below
                .iter()
                .map(|&i| index.objectives[i].owner.as_str())
                .filter(|w| is_people.contains(w))
                .collect();
            crate::sort::sort_unstable(&mut owners);
            owners.dedup();
            for &i in &below {
                traced[i] = true;
            }
            top_level.push(TopCoverage {
                objective: o.id.clone(),
                title: o.title.clone(),
                objectives: below.len(),
                objective_share: share(below.len(), total),
                people: owners.len(),
                people_share: share(owners.len(), people.len()),
            });
        }
        // Document order for the report, whatever the topological order.
        let doc_order: std::collections::HashMap<&str, usize> = self
            .objectives()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        crate::sort::sort_by_key(&mut top_level, |t| doc_order[t.objective.as_str()]);
        let aligned_people: std::collections::HashSet<&str> = (0..index.len())
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
