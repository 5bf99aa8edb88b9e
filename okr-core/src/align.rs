//! A dense, read-only view of the alignment graph for whole-graph analyses (alignment rules,
//! coverage, contributions): every link, not only the counting ones the rollup layout keeps.

use std::collections::HashMap;

use crate::graph::OkrGraph;
use crate::model::Objective;

/// Objectives by dense position in topological order, **parents first**, with every link.
pub(crate) struct AlignIndex<'g> {
    /// The objectives by position.
    pub(crate) objectives: Vec<&'g Objective>,
    /// Position of each objective id.
    pub(crate) pos: HashMap<&'g str, usize>,
    /// Per position: (parent position, link weight), in link order.
    pub(crate) parents: Vec<Vec<(usize, f64)>>,
    /// Per position: (child position, link weight), in link order.
    pub(crate) children: Vec<Vec<(usize, f64)>>,
}

impl<'g> AlignIndex<'g> {
    /// Builds the index in O(objectives + links).
    pub(crate) fn new(g: &'g OkrGraph) -> Self {
        let layout = g.layout();
        // The rollup layout orders children first; reverse it for parents first.
        let objectives: Vec<&'g Objective> = layout
            .obj_ids
            .iter()
            .rev()
            .filter_map(|id| g.objective(id))
            .collect();
        let pos: HashMap<&'g str, usize> = objectives
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        let mut parents = vec![Vec::new(); objectives.len()];
        let mut children = vec![Vec::new(); objectives.len()];
        for (i, o) in objectives.iter().enumerate() {
            for (p, w) in g.parents_of(&o.id) {
                if let Some(&pi) = pos.get(p) {
                    parents[i].push((pi, w));
                }
            }
            for (c, w) in g.children_of(&o.id) {
                if let Some(&ci) = pos.get(c) {
                    children[i].push((ci, w));
                }
            }
        }
        AlignIndex {
            objectives,
            pos,
            parents,
            children,
        }
    }

    /// Number of objectives.
    pub(crate) fn len(&self) -> usize {
        self.objectives.len()
    }

    /// Per position: the longest chain of links from the objective up to an objective with no
    /// parent (0 for those). O(objectives + links).
    pub(crate) fn depths(&self) -> Vec<usize> {
        let mut depth = vec![0usize; self.len()];
        for i in 0..self.len() {
            // Parents come first, so their depths are final.
            depth[i] = self.parents[i]
                .iter()
                .map(|&(p, _)| depth[p] + 1)
                .max()
                .unwrap_or(0);
        }
        depth
    }

    /// Per position: whether `anchor` holds for the objective or for any objective above it.
    /// O(objectives + links).
    pub(crate) fn reaches(&self, anchor: impl Fn(&Objective) -> bool) -> Vec<bool> {
        let mut out = vec![false; self.len()];
        for i in 0..self.len() {
            out[i] = anchor(self.objectives[i]) || self.parents[i].iter().any(|&(p, _)| out[p]);
        }
        out
    }

    /// Positions of the objectives at or below `top` (following every link down), in
    /// topological order. O(size of the result + its links).
    pub(crate) fn descendants(&self, top: usize) -> Vec<usize> {
        let mut seen = vec![false; self.len()];
        let mut stack = vec![top];
        seen[top] = true;
        let mut out = Vec::new();
        while let Some(i) = stack.pop() {
            out.push(i);
            for &(c, _) in &self.children[i] {
                if !seen[c] {
                    seen[c] = true;
                    stack.push(c);
                }
            }
        }
        crate::sort::sort_unstable(&mut out);
        out
    }
}

/// Whether an owner is a root of the owner tree (no parent).
pub(crate) fn is_root_owner(g: &OkrGraph, owner: &str) -> bool {
    g.owner(owner).is_some_and(|o| o.parent.is_none())
}

/// A top-level objective: aligned under nothing and owned by a root owner (the organisation).
pub(crate) fn is_top_level(g: &OkrGraph, o: &Objective) -> bool {
    g.parents_of(&o.id).is_empty() && is_root_owner(g, &o.owner)
}
