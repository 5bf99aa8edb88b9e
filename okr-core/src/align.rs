//! Dense, read-only views for whole-graph analyses (alignment rules, coverage,
//! contributions, scorecards): the alignment graph with every link, not only the counting
//! ones the rollup layout keeps ([`AlignIndex`]), and the owner tree with what answers
//! questions about owner lines without walking them ([`OwnerTree`]).

use std::collections::HashMap;

use crate::algo::csr::Csr;
use crate::graph::OkrGraph;
use crate::model::{Objective, Owner};

/// Objectives by dense position in topological order, **parents first**, with every link.
pub(crate) struct AlignIndex<'g> {
    /// The objectives by position.
    pub(crate) objectives: Vec<&'g Objective>,
    /// Position of each objective id.
    pub(crate) pos: HashMap<&'g str, usize>,
    /// Per position: (parent position, link weight), in link order: every link,
    /// contributing or supporting (the alignment rules and coverage see both kinds).
    pub(crate) parents: Vec<Vec<(usize, f64)>>,
    /// The supporting links, as (child position, parent position): drawn differently,
    /// never counted.
    pub(crate) supporting: std::collections::HashSet<(usize, usize)>,
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
        let mut supporting = std::collections::HashSet::new();
        for (i, o) in objectives.iter().enumerate() {
            for l in g.parent_links(&o.id) {
                if let Some(&pi) = pos.get(l.id) {
                    parents[i].push((pi, l.weight));
                    if !l.kind.counts() {
                        supporting.insert((i, pi));
                    }
                }
            }
        }
        AlignIndex {
            objectives,
            pos,
            parents,
            supporting,
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
}

/// The owner tree by dense position (the graph's owner order): each owner's parent, children
/// and depth, a preorder (parents before children) and an Euler tour, so that "is `a` on the
/// line of `b`" (the chain from `b` up to the root, [`OkrGraph::owner_line`]) is O(1).
pub(crate) struct OwnerTree<'g> {
    /// The owners by position.
    pub(crate) owners: Vec<&'g Owner>,
    /// Position of each owner id.
    pub(crate) pos: HashMap<&'g str, u32>,
    /// Per position: the parent's position, or [`OwnerTree::NONE`] for a root.
    pub(crate) parent: Vec<u32>,
    /// Per position: the children's positions, in owner order.
    pub(crate) children: Csr<u32>,
    /// Per position: owners above it (0 for a root).
    pub(crate) depth: Vec<u32>,
    /// Every position, each parent before its children (roots in owner order).
    pub(crate) preorder: Vec<u32>,
    /// Per position: its place in `preorder`, and one past its last descendant's.
    enter: Vec<u32>,
    exit: Vec<u32>,
}

impl<'g> OwnerTree<'g> {
    /// No owner: the parent of a root.
    pub(crate) const NONE: u32 = u32::MAX;

    /// Builds the tree of `g`'s owners. An owner whose parent is not an owner (the store
    /// never allows it) counts as a root, as [`OkrGraph::owner_line`] stops there.
    ///
    /// # Complexity
    /// O(owners).
    pub(crate) fn new(g: &'g OkrGraph) -> Self {
        let owners: Vec<&'g Owner> = g.owners().collect();
        let pos: HashMap<&'g str, u32> = owners
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i as u32))
            .collect();
        let parent: Vec<u32> = owners
            .iter()
            .map(|o| {
                o.parent
                    .as_deref()
                    .and_then(|p| pos.get(p).copied())
                    .unwrap_or(Self::NONE)
            })
            .collect();
        let n = owners.len();
        let links: Vec<(u32, u32)> = (0..n as u32)
            .filter(|&i| parent[i as usize] != Self::NONE)
            .map(|i| (parent[i as usize], i))
            .collect();
        let children = Csr::group(n, &links, |&(p, c)| (p, c));
        let mut depth = vec![0u32; n];
        let mut preorder = Vec::with_capacity(n);
        let (mut enter, mut exit) = (vec![0u32; n], vec![0u32; n]);
        // depth-first, without recursion: (owner, next child)
        let mut path: Vec<(u32, u32)> = Vec::new();
        for root in (0..n as u32).filter(|&i| parent[i as usize] == Self::NONE) {
            enter[root as usize] = preorder.len() as u32;
            preorder.push(root);
            path.push((root, 0));
            while let Some(top) = path.last_mut() {
                let (v, next) = (top.0 as usize, top.1 as usize);
                if let Some(&c) = children.get(v).get(next) {
                    top.1 += 1;
                    depth[c as usize] = depth[v] + 1;
                    enter[c as usize] = preorder.len() as u32;
                    preorder.push(c);
                    path.push((c, 0));
                } else {
                    exit[v] = preorder.len() as u32;
                    path.pop();
                }
            }
        }
        OwnerTree {
            owners,
            pos,
            parent,
            children,
            depth,
            preorder,
            enter,
            exit,
        }
    }

    /// The position of owner `id`.
    pub(crate) fn get(&self, id: &str) -> Option<u32> {
        self.pos.get(id).copied()
    }

    /// Whether `a` is on the line of `b`: `b` itself or one of its ancestors.
    ///
    /// # Complexity
    /// O(1).
    pub(crate) fn on_line(&self, a: u32, b: u32) -> bool {
        let (a, b) = (a as usize, b as usize);
        self.enter[a] <= self.enter[b] && self.enter[b] < self.exit[a]
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
