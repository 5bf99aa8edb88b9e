//! Link kinds on [`OkrGraph`]: alignment links that contribute (count in the parent's
//! progress) or only support (shown, traced by coverage, never counted).
//!
//! A supporting link is part of the alignment graph like any other: the graph stays one DAG
//! over both kinds, so a supporting link that would close a cycle is refused as a
//! contributing one would be. It is never an input of the rollup: no progress, attainment,
//! confidence, staleness or status counts it (a rollup of the graph is the rollup of the
//! same graph without its supporting links, figure for figure), whatever its weight (kept,
//! and counted again when the link becomes contributing). Changing a link's kind is a revision
//! (`okr log` and [`OkrGraph::at`] show it).

use petgraph::Direction as PgDirection;
use petgraph::visit::EdgeRef;

use crate::error::Result;
use crate::graph::OkrGraph;
use crate::model::LinkKind;
use crate::store::Revise;

/// One alignment link seen from one end: the objective at the other end, the weight and the
/// kind (serialized as the bindings hand it out: `{"id", "weight", "kind"}`).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct LinkInfo<'a> {
    /// The objective at the other end (the parent from a child, the child from a parent).
    pub id: &'a str,
    /// The link weight.
    pub weight: f64,
    /// Contributes or supports.
    pub kind: LinkKind,
}

impl OkrGraph {
    /// Aligns `child` under `parent` with `weight` and `kind`: as [`link`](Self::link)
    /// (which is `link_with(.., LinkKind::Contributes)`), from the beginning or at the
    /// graph's clock.
    ///
    /// # Errors
    /// As [`link`](Self::link): `UnknownId`, `InvalidWeight`, `AlreadyLinked`, `Cycle`
    /// (over links of both kinds), `InvalidRevision`, `MissingTime`.
    ///
    /// # Complexity
    /// As [`link`](Self::link).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use okr_core::{Cycle, LinkKind, Objective, OkrGraph, Owner};
    /// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// let mut g = OkrGraph::new();
    /// g.add_owner(Owner::new("acme", "Acme", "organisation"))?;
    /// g.add_cycle(Cycle::new("q4", d(10, 1), d(12, 31)))?;
    /// for id in ["grow", "brand"] {
    ///     g.add_objective(Objective::new(id, id, "acme", "q4"))?;
    /// }
    /// g.link_with("brand", "grow", 1.0, LinkKind::Supports)?;
    /// assert_eq!(g.link_kind("brand", "grow"), Some(LinkKind::Supports));
    /// // a supporting link is not an input: nothing counts towards "grow"
    /// assert_eq!(g.rollup(d(11, 1)).objective("grow").unwrap().progress, None);
    /// # Ok::<(), okr_core::OkrError>(())
    /// ```
    pub fn link_with(
        &mut self,
        child: &str,
        parent: &str,
        weight: f64,
        kind: LinkKind,
    ) -> Result<()> {
        self.writable()?;
        match self.clock.clone() {
            Some(meta) => self.link_with_at(child, parent, weight, kind, meta),
            None => {
                self.check_from_the_beginning(&[child, parent], || {
                    crate::store::link_name(child, parent)
                })?;
                self.edit(|s| s.link_from_start(child, parent, weight, kind))
            }
        }
    }

    /// Aligns `child` under `parent` with `weight` and `kind` from `meta.at` on.
    ///
    /// # Errors
    /// As [`link_with`](Self::link_with), and `InvalidRevision`.
    ///
    /// # Complexity
    /// As [`link`](Self::link).
    pub fn link_with_at(
        &mut self,
        child: &str,
        parent: &str,
        weight: f64,
        kind: LinkKind,
        meta: Revise,
    ) -> Result<()> {
        self.writable()?;
        self.check_open(child, meta.at)?;
        self.check_open(parent, meta.at)?;
        self.edit(|s| s.link_at(child, parent, weight, kind, meta))
    }

    /// Changes the kind of the link `child -> parent`, at the graph's clock
    /// ([`set_link_kind_at`](Self::set_link_kind_at)).
    ///
    /// # Errors
    /// `MissingTime` without a clock, `UnknownId`, `NotLinked`, `InvalidRevision`.
    ///
    /// # Complexity
    /// O(degree of `child`) plus the rollup layout rebuilt on the next rollup (a change of
    /// kind is a change of structure).
    pub fn set_link_kind(&mut self, child: &str, parent: &str, kind: LinkKind) -> Result<()> {
        self.writable()?;
        let meta = self.clock_for(|| crate::store::link_name(child, parent))?;
        self.set_link_kind_at(child, parent, kind, meta)
    }

    /// Changes the kind of the link `child -> parent` from `meta.at` on, as a revision (the
    /// log shows `kind` from and to; the graph at an earlier time has the old kind). The
    /// kind it has already changes nothing and records nothing.
    ///
    /// # Errors
    /// `UnknownId`, `NotLinked`, `InvalidRevision`.
    ///
    /// # Complexity
    /// As [`set_link_kind`](Self::set_link_kind).
    pub fn set_link_kind_at(
        &mut self,
        child: &str,
        parent: &str,
        kind: LinkKind,
        meta: Revise,
    ) -> Result<()> {
        self.writable()?;
        self.check_open(child, meta.at)?;
        self.check_open(parent, meta.at)?;
        self.edit(|s| s.set_link_kind_at(child, parent, kind, meta).map(drop))
    }

    /// The kind of the link `child -> parent`, `None` when there is no such link.
    ///
    /// # Complexity
    /// O(degree of `child`).
    pub fn link_kind(&self, child: &str, parent: &str) -> Option<LinkKind> {
        let e = self.store.edge(child, parent).ok()?;
        Some(self.store.dag[e].kind)
    }

    /// The objectives this one is aligned under, with weights and kinds, in link order.
    ///
    /// # Complexity
    /// O(d log d) for d links.
    pub fn parent_links(&self, objective: &str) -> Vec<LinkInfo<'_>> {
        self.link_infos(objective, PgDirection::Outgoing)
    }

    /// The objectives aligned under this one, with weights and kinds, in link order.
    ///
    /// # Complexity
    /// O(d log d) for d links.
    pub fn child_links(&self, objective: &str) -> Vec<LinkInfo<'_>> {
        self.link_infos(objective, PgDirection::Incoming)
    }

    fn link_infos(&self, objective: &str, dir: PgDirection) -> Vec<LinkInfo<'_>> {
        let Some(e) = self.store.objectives.get(objective) else {
            return Vec::new();
        };
        let dag = &self.store.dag;
        let mut out: Vec<(u64, LinkInfo<'_>)> = dag
            .edges_directed(e.node, dir)
            .map(|edge| {
                let other = match dir {
                    PgDirection::Outgoing => edge.target(),
                    PgDirection::Incoming => edge.source(),
                };
                let data = edge.weight();
                let info = LinkInfo {
                    id: dag[other].as_str(),
                    weight: data.weight,
                    kind: data.kind,
                };
                (data.seq, info)
            })
            .collect();
        crate::sort::sort_by_key(&mut out, |t| t.0);
        out.into_iter().map(|(_, l)| l).collect()
    }
}
