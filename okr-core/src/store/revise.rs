//! Changes recorded as revisions: each one is checked against the time order of the history,
//! applied to the latest state through the same validation as any change, then recorded with
//! what undoes it. A change that fails records nothing and leaves the store as it was.

use super::history::{OldValue, Op, RemovedKeyResult, RemovedObjective, Revise, link_name};
use super::{Store, unknown};
use crate::error::{EntityKind, Result};
use crate::model::{KeyResult, LinkKind, Objective};
use crate::patch::{KeyResultPatch, ObjectivePatch};

/// Moves into `from`/`to` the fields of a patch whose new value differs from the old one.
macro_rules! changed_fields {
    ($old:expr, $new:expr, $from:ident, $to:ident; $($f:ident),*) => {
        $(
            if $old.$f != $new.$f {
                $from.$f = Some($old.$f.clone());
                $to.$f = Some($new.$f.clone());
            }
        )*
    };
}

impl Store {
    /// Changes the fields `patch` gives of objective `id`, as a revision.
    /// Returns whether anything changed (a patch that changes nothing records nothing).
    pub(crate) fn revise_objective(
        &mut self,
        id: &str,
        patch: ObjectivePatch,
        meta: Revise,
    ) -> Result<bool> {
        let (d, _, entry) = self
            .objectives
            .get_full(id)
            .ok_or_else(|| unknown(EntityKind::Objective, id))?;
        // the entity as it is, borrowed: only the fields that change are copied
        let old = &entry.data;
        self.history.check_order(id, meta.at)?;
        let mut new = old.clone();
        patch.apply(&mut new);
        let (mut from, mut to) = (ObjectivePatch::default(), ObjectivePatch::default());
        changed_fields!(old, new, from, to; title, description, owner, cycle, state, kind, rollup, status_rule, r#override, cadence, visibility, viewers, extra);
        if to == ObjectivePatch::default() {
            return Ok(false);
        }
        // a patch that changes nothing records nothing: held to the limits only now
        self.check_revision_limits(&meta)?;
        self.update_objective_at(d, new)?;
        let d32 = d as u32;
        let old = [
            from.state.map(|state| OldValue::ObjState { d: d32, state }),
            from.cycle.as_ref().map(|_| OldValue::ObjCycle { d: d32 }),
            from.r#override.map(|x| OldValue::ObjOverride {
                d: d32,
                attainment: x.map(|x| x.attainment),
            }),
        ];
        self.record_values(old.into_iter().flatten());
        self.record(
            meta,
            Op::Objective {
                id: id.to_string(),
                from: Box::new(from),
                to: Box::new(to),
            },
        );
        Ok(true)
    }

    /// Changes the fields `patch` gives of key result `id`, as a revision: check-ins at or
    /// after its time must fit the new measure. Returns whether anything changed.
    pub(crate) fn revise_key_result(
        &mut self,
        id: &str,
        patch: KeyResultPatch,
        meta: Revise,
    ) -> Result<bool> {
        let (k, _, entry) = self
            .key_results
            .get_full(id)
            .ok_or_else(|| unknown(EntityKind::KeyResult, id))?;
        let old = &entry.data;
        self.history.check_order(id, meta.at)?;
        let mut new = old.clone();
        patch.apply(&mut new);
        let (mut from, mut to) = (KeyResultPatch::default(), KeyResultPatch::default());
        changed_fields!(old, new, from, to; title, objective, measure, parent, owner, due, plan, r#override, extra);
        // bit-exact, as the weight
        if old.initiatives_weight.map(f64::to_bits) != new.initiatives_weight.map(f64::to_bits) {
            from.initiatives_weight = Some(old.initiatives_weight);
            to.initiatives_weight = Some(new.initiatives_weight);
        }
        // bit-exact: -0.0 and 0.0 are different weights as far as a history goes
        if old.weight.to_bits() != new.weight.to_bits() {
            from.weight = Some(old.weight);
            to.weight = Some(new.weight);
        }
        if to == KeyResultPatch::default() {
            return Ok(false);
        }
        self.check_revision_limits(&meta)?;
        let moved = self.update_key_result_at(k, new, Some(meta.at))?;
        let k32 = k as u32;
        let old = [
            from.weight
                .map(|weight| OldValue::KrWeight { k: k32, weight }),
            from.due.map(|due| OldValue::KrDue { k: k32, due }),
            from.measure
                .as_ref()
                .map(|_| OldValue::KrMeasure { k: k32 }),
            from.r#override.map(|x| OldValue::KrOverride {
                k: k32,
                attainment: x.map(|x| x.attainment),
            }),
        ];
        self.record_values(old.into_iter().flatten());
        self.record(
            meta,
            Op::KeyResult {
                id: id.to_string(),
                from: Box::new(from),
                to: Box::new(to),
                moved,
            },
        );
        Ok(true)
    }

    /// Adds an objective that exists from `meta.at` on.
    pub(crate) fn add_objective_at(&mut self, objective: Objective, meta: Revise) -> Result<()> {
        self.check_revision(&objective.id, &meta)?;
        let data = Box::new(objective.clone());
        self.add_objective(objective)?;
        self.record(meta, Op::AddObjective { data });
        Ok(())
    }

    /// Adds a key result that exists from `meta.at` on.
    pub(crate) fn add_key_result_at(&mut self, kr: KeyResult, meta: Revise) -> Result<usize> {
        self.check_revision(&kr.id, &meta)?;
        let data = Box::new(kr.clone());
        let k = self.add_key_result(kr)?;
        self.record(meta, Op::AddKeyResult { data });
        Ok(k)
    }

    /// Removes an objective (with its key results and links) from `meta.at` on; its history
    /// stays and its id is never used again.
    pub(crate) fn remove_objective_at(&mut self, id: &str, meta: Revise) -> Result<Objective> {
        let (index, _, entry) = self
            .objectives
            .get_full(id)
            .ok_or_else(|| unknown(EntityKind::Objective, id))?;
        self.check_revision(id, &meta)?;
        let entry = entry.clone();
        let mut key_results: Vec<(usize, super::KrEntry)> = entry
            .key_results
            .iter()
            .filter_map(|k| self.key_results.get_full(k))
            .map(|(i, _, e)| (i, e.clone()))
            .collect();
        crate::sort::sort_unstable_by_key(&mut key_results, |(i, _)| *i);
        let links = self.links_of(id);
        let data = self.remove_objective(id)?;
        self.record(
            meta,
            Op::RemoveObjective {
                removed: Box::new(RemovedObjective {
                    entry,
                    index,
                    key_results,
                    links,
                }),
            },
        );
        Ok(data)
    }

    /// Removes a key result (with its check-ins) from `meta.at` on; its history stays and its
    /// id is never used again.
    pub(crate) fn remove_key_result_at(&mut self, id: &str, meta: Revise) -> Result<KeyResult> {
        let (index, _, entry) = self
            .key_results
            .get_full(id)
            .ok_or_else(|| unknown(EntityKind::KeyResult, id))?;
        self.check_revision(id, &meta)?;
        let entry = entry.clone();
        let in_objective = self
            .objectives
            .get(&entry.data.objective)
            .and_then(|o| o.key_results.iter().position(|k| k == id))
            .unwrap_or(0);
        let data = self.remove_key_result(id)?;
        self.record(
            meta,
            Op::RemoveKeyResult {
                removed: Box::new(RemovedKeyResult {
                    entry,
                    index,
                    in_objective,
                }),
            },
        );
        Ok(data)
    }

    /// Adds an objective with its key results and its links to `parents`, all as revisions at
    /// `meta.at`, all or nothing: when one of them fails, the ones made are taken back (the
    /// objective removed again, its revisions dropped from the history).
    pub(crate) fn add_objective_with(
        &mut self,
        objective: Objective,
        key_results: Vec<KeyResult>,
        parents: &[(String, f64, LinkKind)],
        meta: Revise,
    ) -> Result<()> {
        let mark = self.history.mark();
        let id = objective.id.clone();
        self.add_objective_at(objective, meta.clone())?;
        let mut rest = Ok(());
        for k in key_results {
            rest = self.add_key_result_at(k, meta.clone()).map(drop);
            if rest.is_err() {
                break;
            }
        }
        if rest.is_ok() {
            for (parent, weight, kind) in parents {
                rest = self.link_at(&id, parent, *weight, *kind, meta.clone());
                if rest.is_err() {
                    break;
                }
            }
        }
        if rest.is_err() {
            self.remove_objective(&id).expect("added above");
            self.history.rollback(mark);
        }
        rest
    }

    /// Aligns `child` under `parent` from `meta.at` on.
    pub(crate) fn link_at(
        &mut self,
        child: &str,
        parent: &str,
        weight: f64,
        kind: LinkKind,
        meta: Revise,
    ) -> Result<()> {
        self.check_revision(&link_name(child, parent), &meta)?;
        self.link(child, parent, weight, kind)?;
        self.record(
            meta,
            Op::Link {
                child: child.to_string(),
                parent: parent.to_string(),
                weight,
                kind,
            },
        );
        Ok(())
    }

    /// Changes the kind of the link `child -> parent` from `meta.at` on. Returns whether it
    /// changed (a kind unchanged records nothing).
    pub(crate) fn set_link_kind_at(
        &mut self,
        child: &str,
        parent: &str,
        kind: LinkKind,
        meta: Revise,
    ) -> Result<bool> {
        let e = self.edge(child, parent)?;
        self.check_revision(&link_name(child, parent), &meta)?;
        let from = self.dag[e].kind;
        if !self.set_link_kind(child, parent, kind)? {
            return Ok(false);
        }
        self.record(
            meta,
            Op::LinkKind {
                child: child.to_string(),
                parent: parent.to_string(),
                from,
                to: kind,
            },
        );
        Ok(true)
    }

    /// Aligns `child` under `parent` from the beginning: the link must keep the alignment
    /// graph acyclic at every earlier time too, and not be there already at one.
    pub(crate) fn link_from_start(
        &mut self,
        child: &str,
        parent: &str,
        weight: f64,
        kind: LinkKind,
    ) -> Result<()> {
        self.link(child, parent, weight, kind)?;
        if let Err(e) = self.check_link_in_past(child, parent) {
            self.unlink(child, parent).expect("just linked");
            return Err(e);
        }
        Ok(())
    }

    /// Removes the link `child -> parent` from `meta.at` on.
    pub(crate) fn unlink_at(&mut self, child: &str, parent: &str, meta: Revise) -> Result<()> {
        let e = self.edge(child, parent)?;
        self.check_revision(&link_name(child, parent), &meta)?;
        let data = self.dag[e];
        self.unlink(child, parent)?;
        self.record(
            meta,
            Op::Unlink {
                child: child.to_string(),
                parent: parent.to_string(),
                data,
            },
        );
        Ok(())
    }

    /// Changes the weight of the link `child -> parent` from `meta.at` on. Returns whether
    /// it changed.
    pub(crate) fn set_link_weight_at(
        &mut self,
        child: &str,
        parent: &str,
        weight: f64,
        meta: Revise,
    ) -> Result<bool> {
        let e = self.edge(child, parent)?;
        self.check_revision(&link_name(child, parent), &meta)?;
        let from = self.dag[e].weight;
        if from.to_bits() == weight.to_bits() {
            return Ok(false);
        }
        self.set_link_weight(child, parent, weight)?;
        let index = |id: &str| self.objectives.get_index_of(id).expect("linked") as u32;
        let (c, p) = (index(child), index(parent));
        self.record_values([OldValue::LinkWeight {
            child: c,
            parent: p,
            weight: from,
        }]);
        self.record(
            meta,
            Op::LinkWeight {
                child: child.to_string(),
                parent: parent.to_string(),
                from,
                to: weight,
            },
        );
        Ok(true)
    }

    /// The first revision that refers to owner `id` (as an objective's or a key result's
    /// owner at some time), as (kind, entity id).
    ///
    /// # Complexity
    /// O(R).
    pub(crate) fn history_refers_to_owner(&self, id: &str) -> Option<(EntityKind, String)> {
        let o = |x: &Objective| x.owner == id || x.viewers.iter().any(|v| v == id);
        let k = |x: &KeyResult| x.owner.as_deref() == Some(id);
        self.history.log.iter().find_map(|r| {
            let hit = match &r.op {
                Op::Objective { from, to, .. } => {
                    from.owner.as_deref() == Some(id)
                        || to.owner.as_deref() == Some(id)
                        || names_viewer(&from.viewers, id)
                        || names_viewer(&to.viewers, id)
                }
                Op::KeyResult { from, to, .. } => {
                    from.owner
                        .as_ref()
                        .is_some_and(|x| x.as_deref() == Some(id))
                        || to.owner.as_ref().is_some_and(|x| x.as_deref() == Some(id))
                }
                Op::AddObjective { data } => o(data),
                Op::AddKeyResult { data } => k(data),
                Op::RemoveObjective { removed } => {
                    o(&removed.entry.data) || removed.key_results.iter().any(|(_, e)| k(&e.data))
                }
                Op::RemoveKeyResult { removed } => k(&removed.entry.data),
                _ => false,
            };
            hit.then(|| history_entity(&r.op))
        })
    }

    /// The first revision that refers to cycle `id` (as an objective's cycle at some time).
    ///
    /// # Complexity
    /// O(R).
    pub(crate) fn history_refers_to_cycle(&self, id: &str) -> Option<(EntityKind, String)> {
        self.history.log.iter().find_map(|r| {
            let hit = match &r.op {
                Op::Objective { from, to, .. } => {
                    from.cycle.as_deref() == Some(id) || to.cycle.as_deref() == Some(id)
                }
                Op::AddObjective { data } => data.cycle == id,
                Op::RemoveObjective { removed } => removed.entry.data.cycle == id,
                _ => false,
            };
            hit.then(|| history_entity(&r.op))
        })
    }
}

/// Whether a patch's viewers (if it gives them) name `id`.
fn names_viewer(viewers: &Option<Vec<String>>, id: &str) -> bool {
    viewers.as_ref().is_some_and(|v| v.iter().any(|x| x == id))
}

impl Store {
    /// The first revision that names group `id` among an objective's viewers (at some time).
    ///
    /// # Complexity
    /// O(R W) for R revisions of at most W viewers.
    pub(crate) fn history_refers_to_group(&self, id: &str) -> Option<(EntityKind, String)> {
        let o = |x: &Objective| x.viewers.iter().any(|v| v == id);
        self.history.log.iter().find_map(|r| {
            let hit = match &r.op {
                Op::Objective { from, to, .. } => {
                    names_viewer(&from.viewers, id) || names_viewer(&to.viewers, id)
                }
                Op::AddObjective { data } => o(data),
                Op::RemoveObjective { removed } => o(&removed.entry.data),
                _ => false,
            };
            hit.then(|| history_entity(&r.op))
        })
    }
}

fn history_entity(op: &Op) -> (EntityKind, String) {
    let kind = match op {
        Op::KeyResult { .. } | Op::AddKeyResult { .. } | Op::RemoveKeyResult { .. } => {
            EntityKind::KeyResult
        }
        _ => EntityKind::Objective,
    };
    (kind, op.entity())
}
