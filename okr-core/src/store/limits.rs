//! The document [`Limits`] held on every change, so that whatever the store accepts a
//! document of it loads within the same limits (issue 23). The loader's scan counts what a
//! document holds; these checks count what the store holds, in O(1) per count (the maps and
//! lists know their lengths), plus the strings given (O(1) each unless one is near the
//! limit: see [`Limits::check_str`]).
//!
//! Each refusal is [`OkrError::LimitExceeded`] with the loader's message shape
//! (`limit exceeded: check-ins of key result "kr" is 10001, the limit is 10000`), made
//! before anything changes.

use petgraph::Direction as PgDirection;
use petgraph::stable_graph::NodeIndex;

use super::Store;
use crate::error::Result;
use crate::initiative::{Initiative, InitiativeUpdate};
use crate::kpi::{Kpi, KpiValue};
use crate::limits::{Limits, check_count, short};
use crate::model::{CheckIn, CheckInValue, Cycle, Group, KeyResult, Measure, Objective, Owner};

/// Containers around an entity's `extra` in a document: `{ "owners": [ {` (and the same
/// for cycles, groups, objectives, KPIs, initiatives).
const TOP_EXTRA: usize = 3;
/// Containers around a key result's `extra`: `objectives[i].key_results[j]`.
const KEY_RESULT_EXTRA: usize = 5;
/// Containers around a check-in's `extra`: `objectives[i].key_results[j].check_ins[c]`.
const CHECK_IN_EXTRA: usize = 7;

impl Store {
    /// The limits this store holds its content to.
    pub(crate) fn limits(&self) -> &Limits {
        &self.limits
    }

    /// One more of something counted in all (`owners`, `objectives`, ...) with `len` now.
    fn check_one_more(what: &str, len: usize, limit: usize) -> Result<()> {
        check_count(|| what.to_string(), limit, len.saturating_add(1))
    }

    /// An owner to add: the count and its strings.
    pub(crate) fn check_owner_limits(&self, o: &Owner) -> Result<()> {
        let l = &self.limits;
        let of = || format!("owner {}", short(&o.id));
        l.check_str(|| "an owner id".into(), &o.id)?;
        l.check_str(|| format!("the name of {}", of()), &o.name)?;
        l.check_str(|| format!("the kind of {}", of()), &o.kind)?;
        l.check_opt(|| format!("the parent of {}", of()), o.parent.as_deref())?;
        l.check_extra(of, &o.extra, TOP_EXTRA)?;
        Self::check_one_more("owners", self.owners.len(), l.max_owners)
    }

    /// A cycle to add: the count and its strings.
    pub(crate) fn check_cycle_limits(&self, c: &Cycle) -> Result<()> {
        let l = &self.limits;
        let of = || format!("cycle {}", short(&c.id));
        l.check_str(|| "a cycle id".into(), &c.id)?;
        l.check_str(|| format!("the name of {}", of()), &c.name)?;
        l.check_opt(|| format!("the parent of {}", of()), c.parent.as_deref())?;
        l.check_extra(of, &c.extra, TOP_EXTRA)?;
        Self::check_one_more("cycles", self.cycles.len(), l.max_cycles)
    }

    /// A group of viewers to add (`new`) or replace: the count of groups, its members and
    /// its strings.
    pub(crate) fn check_group_limits(&self, g: &Group, new: bool) -> Result<()> {
        let l = &self.limits;
        let of = || format!("group {}", short(&g.id));
        check_count(
            || format!("group members of {}", of()),
            l.max_owners,
            g.members.len(),
        )?;
        l.check_str(|| "a group id".into(), &g.id)?;
        l.check_str(|| format!("the name of {}", of()), &g.name)?;
        for m in &g.members {
            l.check_str(|| format!("a member of {}", of()), m)?;
        }
        l.check_extra(of, &g.extra, TOP_EXTRA)?;
        if new {
            Self::check_one_more("groups", self.groups.len(), l.max_owners)?;
        }
        Ok(())
    }

    /// An objective to add (`new`) or its new fields: the count of objectives, its viewers
    /// and its strings.
    pub(crate) fn check_objective_limits(&self, o: &Objective, new: bool) -> Result<()> {
        let l = &self.limits;
        let of = || format!("objective {}", short(&o.id));
        check_count(
            || format!("viewers of {}", of()),
            l.max_owners,
            o.viewers.len(),
        )?;
        l.check_str(|| "an objective id".into(), &o.id)?;
        l.check_str(|| format!("the title of {}", of()), &o.title)?;
        l.check_str(|| format!("the description of {}", of()), &o.description)?;
        l.check_str(|| format!("the owner of {}", of()), &o.owner)?;
        l.check_str(|| format!("the cycle of {}", of()), &o.cycle)?;
        for v in &o.viewers {
            l.check_str(|| format!("a viewer of {}", of()), v)?;
        }
        l.check_extra(of, &o.extra, TOP_EXTRA)?;
        if new {
            Self::check_one_more("objectives", self.objectives.len(), l.max_objectives)?;
        }
        Ok(())
    }

    /// A key result to add (`new`) or its new fields: the count of key results, its plan
    /// points, its milestones and its strings.
    pub(crate) fn check_key_result_limits(&self, kr: &KeyResult, new: bool) -> Result<()> {
        let l = &self.limits;
        let of = || format!("key result {}", short(&kr.id));
        check_count(
            || format!("plan points of {}", of()),
            l.max_plan_points,
            kr.plan.len(),
        )?;
        l.check_str(|| "a key result id".into(), &kr.id)?;
        l.check_str(|| format!("the title of {}", of()), &kr.title)?;
        l.check_opt(|| format!("the owner of {}", of()), kr.owner.as_deref())?;
        l.check_opt(|| format!("the KPI of {}", of()), kr.kpi.as_deref())?;
        if let Some(p) = &kr.parent {
            l.check_str(|| format!("the parent of {}", of()), &p.id)?;
        }
        match &kr.measure {
            Measure::Numeric { unit, .. }
            | Measure::Threshold { unit, .. }
            | Measure::Aggregate { unit, .. } => {
                l.check_str(|| format!("the unit of {}", of()), unit)?;
            }
            Measure::Milestones { milestones } => {
                check_count(
                    || format!("milestones of {}", of()),
                    l.max_milestones,
                    milestones.len(),
                )?;
                for m in milestones {
                    l.check_str(|| format!("a milestone of {}", of()), &m.name)?;
                }
            }
            Measure::Boolean => {}
        }
        l.check_extra(of, &kr.extra, KEY_RESULT_EXTRA)?;
        if new {
            Self::check_one_more("key results", self.key_results.len(), l.max_key_results)?;
        }
        Ok(())
    }

    /// `n` more check-ins of the key result at position `k` (`n` = 1 for one check-in, the
    /// batch's size for many).
    ///
    /// # Complexity
    /// O(1).
    pub(crate) fn check_check_in_count(&self, k: usize, n: usize) -> Result<()> {
        let e = &self.key_results[k];
        check_count(
            || format!("check-ins of key result {}", short(&e.data.id)),
            self.limits.max_check_ins_per_key_result,
            e.check_ins.len().saturating_add(n),
        )
    }

    /// What one check-in of key result `kr` holds: the milestones it names and its strings.
    pub(crate) fn check_check_in_limits(&self, kr: &str, c: &CheckIn) -> Result<()> {
        let l = &self.limits;
        let of = || format!("a check-in of key result {}", short(kr));
        if let CheckInValue::Milestones(done) = &c.value {
            check_count(
                || format!("milestones done of {}", of()),
                l.max_milestones,
                done.len(),
            )?;
            for m in done {
                l.check_str(|| format!("a milestone done of {}", of()), m)?;
            }
        }
        l.check_opt(|| format!("the note of {}", of()), c.note.as_deref())?;
        l.check_opt(|| format!("the author of {}", of()), c.author.as_deref())?;
        l.check_extra(of, &c.extra, CHECK_IN_EXTRA)
    }

    /// One more link from the objective at node `c` (`child`) to the one at `p`: the
    /// parents of the child, and the alignment depth (objectives in the longest chain
    /// through the new link), as the loader counts it.
    ///
    /// # Complexity
    /// O(P) for the child's P parents; the depth, only when the graph has more objectives
    /// than `max_link_depth`, O(A + D) for the A ancestors of the parent and the D
    /// descendants of the child, with their links (the cycle check already walks the
    /// ancestors).
    pub(crate) fn check_link_limits(
        &self,
        c: NodeIndex,
        p: NodeIndex,
        child: &str,
        parent: &str,
    ) -> Result<()> {
        let l = &self.limits;
        let parents = self.dag.edges_directed(c, PgDirection::Outgoing).count();
        check_count(
            || format!("parents of objective {}", short(child)),
            l.max_parents_per_objective,
            parents.saturating_add(1),
        )?;
        if self.objectives.len() <= l.max_link_depth {
            return Ok(());
        }
        let up = self.chain(p, PgDirection::Outgoing);
        let down = self.chain(c, PgDirection::Incoming);
        check_count(
            || {
                format!(
                    "alignment depth at objective {} (objectives in a chain through the link {} -> {})",
                    short(child),
                    short(child),
                    short(parent)
                )
            },
            l.max_link_depth,
            up.saturating_add(down),
        )
    }

    /// Objectives in the longest chain from `start` (counted) following links in `dir`
    /// (outgoing: up to its parents; incoming: down to its children). Iterative, memoised.
    ///
    /// # Complexity
    /// O(N + L) for the N objectives reached and their L links.
    fn chain(&self, start: NodeIndex, dir: PgDirection) -> usize {
        use std::collections::HashMap;
        let mut memo: HashMap<NodeIndex, usize> = HashMap::new();
        // (node, its neighbours, the next to visit, the longest chain below it so far)
        let next_of = |n: NodeIndex| self.dag.neighbors_directed(n, dir).collect::<Vec<_>>();
        let mut stack = vec![(start, next_of(start), 0usize, 0usize)];
        while let Some(top) = stack.last_mut() {
            if let Some(&m) = top.1.get(top.2) {
                top.2 += 1;
                match memo.get(&m) {
                    Some(&len) => top.3 = top.3.max(len),
                    None => {
                        let next = next_of(m);
                        stack.push((m, next, 0, 0));
                    }
                }
                continue;
            }
            let (n, _, _, best) = stack.pop().expect("non-empty");
            let len = best + 1;
            memo.insert(n, len);
            if let Some(parent) = stack.last_mut() {
                parent.3 = parent.3.max(len);
            }
        }
        memo.get(&start).copied().unwrap_or(1)
    }

    /// The first objective (in topological order) at the end of a chain of more than
    /// `max` objectives, and that chain's length; `None` when no chain is that long.
    ///
    /// # Complexity
    /// O(V + E): one topological pass (none when there are at most `max` objectives).
    pub(crate) fn deepest_chain(&self, max: usize) -> Option<(usize, &str)> {
        let n = self.objectives.len();
        if n <= max {
            return None;
        }
        let mut edges: Vec<(u32, u32)> = Vec::with_capacity(self.dag.edge_count());
        for (c, e) in self.objectives.values().enumerate() {
            for p in self.dag.neighbors_directed(e.node, PgDirection::Outgoing) {
                let p = self
                    .objectives
                    .get_index_of(&self.dag[p])
                    .expect("consistent");
                edges.push((c as u32, p as u32));
            }
        }
        let out = crate::algo::csr::Csr::group(n, &edges, |&(c, p)| (c, p));
        let order = crate::algo::topo::order(&out);
        let depth = crate::algo::topo::chain_lengths(&out, &order);
        let v = *order.iter().find(|&&v| depth[v as usize] > max)?;
        let id = self.objectives.get_index(v as usize).expect("in range").0;
        Some((depth[v as usize], id.as_str()))
    }

    /// A revision of `id` at `meta.at` to record: in time order (`InvalidRevision`), one
    /// more revision, and the strings of its author and reason.
    pub(crate) fn check_revision(&self, id: &str, meta: &super::Revise) -> Result<()> {
        self.history.check_order(id, meta.at)?;
        self.check_revision_limits(meta)
    }

    /// One more revision in the history, and the strings of its author and reason.
    pub(crate) fn check_revision_limits(&self, meta: &super::Revise) -> Result<()> {
        let l = &self.limits;
        Self::check_one_more("revisions", self.history.log.len(), l.max_revisions)?;
        l.check_opt(|| "the author of a revision".into(), meta.by.as_deref())?;
        l.check_opt(|| "the reason of a revision".into(), meta.reason.as_deref())
    }

    /// A KPI to add (`new`) or replace: the count of KPIs, its values and targets and its
    /// strings.
    pub(crate) fn check_kpi_limits(&self, kpi: &Kpi, new: bool) -> Result<()> {
        let l = &self.limits;
        let of = || format!("KPI {}", short(&kpi.id));
        check_count(
            || format!("KPI values of {}", of()),
            l.max_check_ins_per_key_result,
            kpi.values.len(),
        )?;
        check_count(
            || format!("KPI targets of {}", of()),
            l.max_plan_points,
            kpi.targets.len(),
        )?;
        l.check_str(|| "a KPI id".into(), &kpi.id)?;
        l.check_str(|| format!("the name of {}", of()), &kpi.name)?;
        l.check_opt(|| format!("the owner of {}", of()), kpi.owner.as_deref())?;
        l.check_str(|| format!("the unit of {}", of()), &kpi.unit)?;
        for t in &kpi.targets {
            l.check_str(|| format!("a target month of {}", of()), &t.month)?;
        }
        for v in &kpi.values {
            l.check_opt(
                || format!("the note of a value of {}", of()),
                v.note.as_deref(),
            )?;
        }
        l.check_extra(of, &kpi.extra, TOP_EXTRA)?;
        if new {
            Self::check_one_more("KPIs", self.kpis.len(), l.max_kpis)?;
        }
        Ok(())
    }

    /// One more value of KPI `kpi` (with `len` values now).
    pub(crate) fn check_kpi_value_limits(&self, kpi: &Kpi, v: &KpiValue) -> Result<()> {
        let l = &self.limits;
        let of = || format!("KPI {}", short(&kpi.id));
        check_count(
            || format!("KPI values of {}", of()),
            l.max_check_ins_per_key_result,
            kpi.values.len().saturating_add(1),
        )?;
        l.check_opt(
            || format!("the note of a value of {}", of()),
            v.note.as_deref(),
        )
    }

    /// An initiative to add (`new`) or replace: the count of initiatives, its updates and
    /// its strings.
    pub(crate) fn check_initiative_limits(&self, x: &Initiative, new: bool) -> Result<()> {
        let l = &self.limits;
        let of = || format!("initiative {}", short(&x.id));
        check_count(
            || format!("initiative updates of {}", of()),
            l.max_check_ins_per_key_result,
            x.updates.len(),
        )?;
        l.check_str(|| "an initiative id".into(), &x.id)?;
        l.check_str(|| format!("the key result of {}", of()), &x.key_result)?;
        l.check_str(|| format!("the title of {}", of()), &x.title)?;
        l.check_opt(|| format!("the owner of {}", of()), x.owner.as_deref())?;
        for u in &x.updates {
            l.check_opt(
                || format!("the note of an update of {}", of()),
                u.note.as_deref(),
            )?;
        }
        l.check_extra(of, &x.extra, TOP_EXTRA)?;
        if new {
            Self::check_one_more("initiatives", self.initiatives.len(), l.max_initiatives)?;
        }
        Ok(())
    }

    /// One more update of initiative `x`.
    pub(crate) fn check_initiative_update_limits(
        &self,
        x: &Initiative,
        u: &InitiativeUpdate,
    ) -> Result<()> {
        let l = &self.limits;
        let of = || format!("initiative {}", short(&x.id));
        check_count(
            || format!("initiative updates of {}", of()),
            l.max_check_ins_per_key_result,
            x.updates.len().saturating_add(1),
        )?;
        l.check_opt(
            || format!("the note of an update of {}", of()),
            u.note.as_deref(),
        )
    }

    /// One more dependency, and its note.
    pub(crate) fn check_dependency_limits(
        &self,
        d: &super::dependencies::Dependency,
    ) -> Result<()> {
        let l = &self.limits;
        Self::check_one_more(
            "dependencies",
            self.dependencies.all.len(),
            l.max_dependencies,
        )?;
        let of = || {
            format!(
                "the dependency {} -> {}",
                short(&d.blocker),
                short(&d.blocked)
            )
        };
        l.check_opt(|| format!("the note of {}", of()), d.note.as_deref())
    }
}

/// `LimitExceeded` for `what` (one more of something counted in all) when `len` are held
/// already; for the workflow, which the store does not hold.
pub(crate) fn check_one_more(what: &str, len: usize, limit: usize) -> Result<()> {
    Store::check_one_more(what, len, limit)
}
