//! The frozen flat layout the rollup runs over.
//!
//! Objectives are renumbered in topological order (every child before all of its parents) and
//! their counting inputs are stored in flat arrays (CSR style), so a full rollup is one pass
//! over contiguous memory. The layout is rebuilt lazily after any structural change; check-ins
//! do not touch it.

use std::collections::HashMap;

use chrono::NaiveDate;
use petgraph::Direction as PgDirection;
use petgraph::visit::EdgeRef;

use crate::graph::OkrGraph;
use crate::model::ObjectiveState;

/// Days since 0001-01-01 (day 1): integer date arithmetic for the rollup's hot loop.
pub(crate) fn day_number(d: NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&d)
}

#[derive(Debug)]
pub(crate) struct Layout {
    /// Objective ids by topological position.
    pub(crate) obj_ids: Vec<String>,
    /// Topological position of each objective id.
    pub(crate) obj_pos: HashMap<String, u32>,
    /// Per position: state of the objective.
    pub(crate) obj_state: Vec<ObjectiveState>,
    /// Per position: the cycle's first and last day, as day numbers (see [`day_number`]).
    pub(crate) obj_period: Vec<(i32, i32)>,
    /// Per position: whether its key results count in its progress.
    pub(crate) obj_counts_krs: Vec<bool>,
    /// Own key results: `kr_items[kr_start[p]..kr_start[p + 1]]` are (kr dense index, weight).
    pub(crate) kr_start: Vec<u32>,
    pub(crate) kr_items: Vec<(u32, f64)>,
    /// Counting child objectives: (child position, link weight).
    pub(crate) child_start: Vec<u32>,
    pub(crate) child_items: Vec<(u32, f64)>,
    /// Parents in which this objective counts (positions), for incremental propagation.
    pub(crate) parent_start: Vec<u32>,
    pub(crate) parent_items: Vec<u32>,
    /// Key result ids by dense index.
    pub(crate) kr_ids: Vec<String>,
    /// Dense index of each key result id.
    pub(crate) kr_index: HashMap<String, u32>,
    /// Per key result: the position of its objective.
    pub(crate) kr_obj: Vec<u32>,
    /// Per key result: the period its pace is measured over (cycle start to due date or
    /// cycle end), as day numbers.
    pub(crate) kr_period: Vec<(i32, i32)>,
}

impl Layout {
    pub(crate) fn build(g: &OkrGraph) -> Layout {
        let n = g.objectives.len();
        // dense index by petgraph node index
        let mut dense_of_node = vec![u32::MAX; petgraph::visit::NodeIndexable::node_bound(&g.dag)];
        for (i, e) in g.objectives.values().enumerate() {
            dense_of_node[e.node.index()] = i as u32;
        }
        // Kahn's algorithm, children first: a node is ready when all its children are placed.
        let mut pending: Vec<u32> = g
            .objectives
            .values()
            .map(|e| g.dag.edges_directed(e.node, PgDirection::Incoming).count() as u32)
            .collect();
        let mut order: Vec<u32> = (0..n as u32)
            .filter(|&i| pending[i as usize] == 0)
            .collect();
        let mut head = 0;
        while head < order.len() {
            let i = order[head] as usize;
            head += 1;
            let node = g.objectives[i].node;
            let mut parents: Vec<(u64, u32)> = g
                .dag
                .edges_directed(node, PgDirection::Outgoing)
                .map(|e| (e.weight().seq, dense_of_node[e.target().index()]))
                .collect();
            parents.sort_unstable();
            for (_, p) in parents {
                pending[p as usize] -= 1;
                if pending[p as usize] == 0 {
                    order.push(p);
                }
            }
        }
        debug_assert_eq!(
            order.len(),
            n,
            "the alignment graph is acyclic by construction"
        );
        let mut pos_of_dense = vec![0u32; n];
        for (pos, &d) in order.iter().enumerate() {
            pos_of_dense[d as usize] = pos as u32;
        }

        let mut obj_ids = Vec::with_capacity(n);
        let mut obj_pos = HashMap::with_capacity(n);
        let mut obj_state = Vec::with_capacity(n);
        let mut obj_period = Vec::with_capacity(n);
        let mut obj_counts_krs = Vec::with_capacity(n);
        let mut kr_start = Vec::with_capacity(n + 1);
        let mut kr_items = Vec::with_capacity(g.key_results.len());
        let mut child_start = Vec::with_capacity(n + 1);
        let mut child_items = Vec::new();
        let mut parents_of: Vec<Vec<u32>> = vec![Vec::new(); n];
        let nk = g.key_results.len();
        let mut kr_obj = vec![0u32; nk];
        let mut kr_period = vec![(0, 0); nk];

        for (pos, &d) in order.iter().enumerate() {
            let e = &g.objectives[d as usize];
            let o = &e.data;
            obj_ids.push(o.id.clone());
            obj_pos.insert(o.id.clone(), pos as u32);
            obj_state.push(o.state);
            let cycle = &g.cycles[&o.cycle];
            obj_period.push((day_number(cycle.start), day_number(cycle.end)));
            obj_counts_krs.push(o.rollup.counts_key_results());

            kr_start.push(kr_items.len() as u32);
            for kid in &e.key_results {
                let (k, _, kr) = g.key_results.get_full(kid).expect("consistent");
                kr_items.push((k as u32, kr.data.weight));
                kr_obj[k] = pos as u32;
                let end = kr.data.due.unwrap_or(cycle.end);
                kr_period[k] = (day_number(cycle.start.min(end)), day_number(end));
            }

            child_start.push(child_items.len() as u32);
            if o.rollup.counts_children() {
                let mut children: Vec<(u64, u32, f64)> = g
                    .dag
                    .edges_directed(e.node, PgDirection::Incoming)
                    .filter_map(|edge| {
                        let cd = dense_of_node[edge.source().index()];
                        let child = &g.objectives[cd as usize].data;
                        child.state.counts().then(|| {
                            (
                                edge.weight().seq,
                                pos_of_dense[cd as usize],
                                edge.weight().weight,
                            )
                        })
                    })
                    .collect();
                children.sort_unstable_by_key(|c| c.0);
                for (_, cpos, w) in children {
                    child_items.push((cpos, w));
                    parents_of[cpos as usize].push(pos as u32);
                }
            }
        }
        kr_start.push(kr_items.len() as u32);
        child_start.push(child_items.len() as u32);

        let mut parent_start = Vec::with_capacity(n + 1);
        let mut parent_items = Vec::new();
        for ps in parents_of {
            parent_start.push(parent_items.len() as u32);
            parent_items.extend(ps);
        }
        parent_start.push(parent_items.len() as u32);

        Layout {
            obj_ids,
            obj_pos,
            obj_state,
            obj_period,
            obj_counts_krs,
            kr_start,
            kr_items,
            child_start,
            child_items,
            parent_start,
            parent_items,
            kr_ids: g.key_results.keys().cloned().collect(),
            kr_index: g
                .key_results
                .keys()
                .enumerate()
                .map(|(i, k)| (k.clone(), i as u32))
                .collect(),
            kr_obj,
            kr_period,
        }
    }

    #[inline]
    pub(crate) fn krs(&self, pos: usize) -> &[(u32, f64)] {
        &self.kr_items[self.kr_start[pos] as usize..self.kr_start[pos + 1] as usize]
    }

    #[inline]
    pub(crate) fn children(&self, pos: usize) -> &[(u32, f64)] {
        &self.child_items[self.child_start[pos] as usize..self.child_start[pos + 1] as usize]
    }

    #[inline]
    pub(crate) fn parents(&self, pos: usize) -> &[u32] {
        &self.parent_items[self.parent_start[pos] as usize..self.parent_start[pos + 1] as usize]
    }
}
