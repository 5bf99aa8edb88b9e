//! Objectives and the links that align them: a weighted DAG in petgraph.

use petgraph::Direction as PgDirection;
use petgraph::algo::DfsSpace;
use petgraph::stable_graph::NodeIndex;

use super::{LinkData, ObjEntry, Store, unknown};
use crate::error::{EntityKind, OkrError, Result};
use crate::model::{LinkKind, Objective, check_id, check_plan, check_weight, key_result_period};

impl Store {
    /// Checks `o`, the new state of objective `old` (`None` for a new one): its owner and
    /// cycle are looked up only when they are new.
    fn check_objective_refs(&self, o: &Objective, old: Option<&Objective>) -> Result<()> {
        check_id("objective.id", &o.id)?;
        if old.is_none_or(|old| old.owner != o.owner) && !self.owners.contains_key(&o.owner) {
            return Err(unknown(EntityKind::Owner, &o.owner));
        }
        if old.is_none_or(|old| old.cycle != o.cycle) && !self.cycles.contains_key(&o.cycle) {
            return Err(unknown(EntityKind::Cycle, &o.cycle));
        }
        if let Some(x) = &o.r#override {
            x.validate(|| format!("objective {:?}", o.id))?;
        }
        if old.is_none_or(|old| old.viewers != o.viewers || old.visibility != o.visibility) {
            self.check_viewers(o)?;
        }
        self.check_objective_limits(o, old.is_none())
    }

    /// Adds an objective (not yet aligned to anything); owner and cycle must exist, and its
    /// id must be new to the objectives and the key results (they share one space of ids).
    pub(crate) fn add_objective(&mut self, objective: Objective) -> Result<()> {
        self.check_objective_refs(&objective, None)?;
        self.check_new_id(EntityKind::Objective, &objective.id)?;
        let node = self.dag.add_node(objective.id.clone());
        self.objectives.insert(
            objective.id.clone(),
            ObjEntry {
                data: objective,
                node,
                key_results: Vec::new(),
            },
        );
        self.structure_changed();
        Ok(())
    }

    /// Replaces the fields of the objective at position `d` (with the same id); links and
    /// key results stay.
    pub(crate) fn update_objective_at(&mut self, d: usize, objective: Objective) -> Result<()> {
        let entry = &self.objectives[d];
        debug_assert_eq!(entry.data.id, objective.id);
        self.check_objective_refs(&objective, Some(&entry.data))?;
        let cycle_changed = entry.data.cycle != objective.cycle;
        if cycle_changed {
            // its key results' plans must fit the new cycle
            let cycle = &self.cycles[&objective.cycle];
            for k in &entry.key_results {
                let kr = &self.key_results[k].data;
                check_plan(
                    &kr.id,
                    &kr.measure,
                    &kr.plan,
                    key_result_period(cycle, kr.due),
                )?;
            }
        }
        let entry = &mut self.objectives[d];
        // the rollup layout holds the rollup mode as structure, the rest as values
        let structural = entry.data.rollup != objective.rollup
            || entry.data.status_rule != objective.status_rule;
        entry.data = objective;
        if structural {
            self.structure_changed();
        } else {
            self.value_changed(super::Touched::Objective {
                d,
                cycle: cycle_changed,
            });
        }
        Ok(())
    }

    /// Removes an objective with its key results, their check-ins, all its links and the
    /// dependencies naming it or its key results.
    pub(crate) fn remove_objective(&mut self, id: &str) -> Result<Objective> {
        if let Some(e) = self.objectives.get(id) {
            self.check_none_under(&e.key_results)?;
        }
        let entry = self
            .objectives
            .shift_remove(id)
            .ok_or_else(|| unknown(EntityKind::Objective, id))?;
        for kr in &entry.key_results {
            self.key_results.shift_remove(kr);
            self.remove_dependencies_of(kr);
        }
        self.remove_dependencies_of(id);
        self.dag.remove_node(entry.node);
        self.structure_changed();
        Ok(entry.data)
    }

    fn node_of(&self, id: &str) -> Result<NodeIndex> {
        self.objective_entry(id).map(|e| e.node)
    }

    /// Aligns `child` under `parent` with `weight`, refusing a link that closes a cycle
    /// (whatever the kinds: the alignment graph is one DAG).
    pub(crate) fn link(
        &mut self,
        child: &str,
        parent: &str,
        weight: f64,
        kind: LinkKind,
    ) -> Result<()> {
        let c = self.node_of(child)?;
        let p = self.node_of(parent)?;
        check_weight(|| format!("{child} -> {parent}"), weight)?;
        if self.dag.find_edge(c, p).is_some() {
            return Err(OkrError::AlreadyLinked {
                child: child.to_string(),
                parent: parent.to_string(),
            });
        }
        let mut space = self.dfs.take().unwrap_or_else(|| DfsSpace::new(&self.dag));
        let path = crate::algo::paths::path_between(&self.dag, p, c, &mut space);
        self.dfs = Some(space);
        if let Some(path) = path {
            let mut full = vec![child.to_string()];
            full.extend(path.into_iter().map(|n| self.dag[n].clone()));
            return Err(OkrError::Cycle {
                child: child.to_string(),
                parent: parent.to_string(),
                path: full,
            });
        }
        self.check_link_limits(c, p, child, parent)?;
        self.add_edge(c, p, weight, kind);
        Ok(())
    }

    fn add_edge(&mut self, c: NodeIndex, p: NodeIndex, weight: f64, kind: LinkKind) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.dag.add_edge(c, p, LinkData { weight, seq, kind });
        self.structure_changed();
    }

    /// Adds many links at once, given as (child, parent, weight, kind) with the objectives' positions
    /// in the store: all of them, or none when any weight is invalid, any link exists already
    /// or is given twice, or the links would close a cycle (checked in one topological pass
    /// over the whole alignment graph, not one search per link). `Cycle` then names the first
    /// link in `links` that closes one. The document loader's way in.
    ///
    /// # Complexity
    /// O(V + E + L) for V objectives, E links before and L links added.
    pub(crate) fn link_many(&mut self, links: &[(usize, usize, f64, LinkKind)]) -> Result<()> {
        let n = self.objectives.len();
        let id = |i: usize| self.objectives.get_index(i).map(|(k, _)| k.as_str());
        let mut edges: Vec<(u32, u32)> = Vec::with_capacity(self.dag.edge_count() + links.len());
        for (c, e) in self.objectives.values().enumerate() {
            for p in self.dag.neighbors_directed(e.node, PgDirection::Outgoing) {
                let pi = self
                    .objectives
                    .get_index_of(&self.dag[p])
                    .expect("consistent");
                edges.push((c as u32, pi as u32));
            }
        }
        let mut seen = std::collections::HashSet::with_capacity(links.len());
        for &(c, p, w, _) in links {
            let (Some(child), Some(parent)) = (id(c), id(p)) else {
                return Err(unknown(EntityKind::Objective, &format!("#{}", c.max(p))));
            };
            check_weight(|| format!("{child} -> {parent}"), w)?;
            let (cn, pn) = (self.objectives[c].node, self.objectives[p].node);
            if !seen.insert((c, p)) || self.dag.find_edge(cn, pn).is_some() {
                return Err(OkrError::AlreadyLinked {
                    child: child.to_string(),
                    parent: parent.to_string(),
                });
            }
            edges.push((c as u32, p as u32));
        }
        if !crate::algo::topo::is_acyclic(n, &edges) {
            // rare: add one by one into a copy to name the first link that closes a cycle
            // (the copy cannot accept them all: they close a cycle)
            let mut probe = self.clone();
            for &(c, p, w, kind) in links {
                let (child, parent) = (id(c).expect("checked"), id(p).expect("checked"));
                probe.link(child, parent, w, kind)?;
            }
        }
        for &(c, p, w, kind) in links {
            let (cn, pn) = (self.objectives[c].node, self.objectives[p].node);
            self.add_edge(cn, pn, w, kind);
        }
        Ok(())
    }

    /// Removes the link from `child` to `parent`.
    pub(crate) fn unlink(&mut self, child: &str, parent: &str) -> Result<()> {
        let e = self.edge(child, parent)?;
        self.dag.remove_edge(e);
        self.structure_changed();
        Ok(())
    }

    /// Changes the weight of an existing link.
    pub(crate) fn set_link_weight(&mut self, child: &str, parent: &str, weight: f64) -> Result<()> {
        let e = self.edge(child, parent)?;
        check_weight(|| format!("{child} -> {parent}"), weight)?;
        self.dag[e].weight = weight;
        let index = |id: &str| self.objectives.get_index_of(id).expect("linked");
        let (child, parent) = (index(child), index(parent));
        self.value_changed(super::Touched::Link { child, parent });
        Ok(())
    }

    /// Changes the kind of an existing link: a change of structure (the rollup layout holds
    /// only the links that count). Returns whether it changed.
    pub(crate) fn set_link_kind(
        &mut self,
        child: &str,
        parent: &str,
        kind: LinkKind,
    ) -> Result<bool> {
        let e = self.edge(child, parent)?;
        if self.dag[e].kind == kind {
            return Ok(false);
        }
        self.dag[e].kind = kind;
        self.structure_changed();
        Ok(true)
    }

    pub(crate) fn edge(
        &self,
        child: &str,
        parent: &str,
    ) -> Result<petgraph::stable_graph::EdgeIndex> {
        let c = self.node_of(child)?;
        let p = self.node_of(parent)?;
        self.dag.find_edge(c, p).ok_or_else(|| OkrError::NotLinked {
            child: child.to_string(),
            parent: parent.to_string(),
        })
    }
}
