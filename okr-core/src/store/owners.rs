//! Owners (a tree) and cycles (nested periods).

use super::{Store, unknown};
use crate::error::{EntityKind, OkrError, Result};
use crate::model::{Cycle, Owner, check_id};

impl Store {
    /// Adds an owner; its parent, if any, must already exist.
    pub(crate) fn add_owner(&mut self, owner: Owner) -> Result<()> {
        check_id("owner.id", &owner.id)?;
        let existing = if self.owners.contains_key(&owner.id) {
            Some(EntityKind::Owner)
        } else if self.groups.contains_key(&owner.id) {
            // a viewer id names an owner or a group
            Some(EntityKind::Group)
        } else {
            None
        };
        if let Some(existing) = existing {
            return Err(OkrError::DuplicateId {
                kind: EntityKind::Owner,
                id: owner.id,
                existing,
            });
        }
        if let Some(p) = &owner.parent
            && !self.owners.contains_key(p)
        {
            return Err(unknown(EntityKind::Owner, p));
        }
        self.check_owner_limits(&owner)?;
        self.owners.insert(owner.id.clone(), owner);
        Ok(())
    }

    /// Removes an owner that nothing refers to.
    pub(crate) fn remove_owner(&mut self, id: &str) -> Result<Owner> {
        if !self.owners.contains_key(id) {
            return Err(unknown(EntityKind::Owner, id));
        }
        let in_use = |by_kind: EntityKind, by: &str| OkrError::InUse {
            kind: EntityKind::Owner,
            id: id.to_string(),
            by_kind,
            by: by.to_string(),
        };
        if let Some(o) = self
            .owners
            .values()
            .find(|o| o.parent.as_deref() == Some(id))
        {
            return Err(in_use(EntityKind::Owner, &o.id));
        }
        if let Some(o) = self.objectives.values().find(|o| o.data.owner == id) {
            return Err(in_use(EntityKind::Objective, &o.data.id));
        }
        if let Some(k) = self
            .key_results
            .values()
            .find(|k| k.data.owner.as_deref() == Some(id))
        {
            return Err(in_use(EntityKind::KeyResult, &k.data.id));
        }
        if let Some(k) = self.kpis.values().find(|k| k.owner.as_deref() == Some(id)) {
            return Err(in_use(EntityKind::Kpi, &k.id));
        }
        if let Some(i) = (self.initiatives.values()).find(|i| i.owner.as_deref() == Some(id)) {
            return Err(in_use(EntityKind::Initiative, &i.id));
        }
        if let Some(o) = self.objective_naming_viewer(id) {
            return Err(in_use(EntityKind::Objective, o));
        }
        if let Some(g) = self.group_with_member(id) {
            return Err(in_use(EntityKind::Group, g));
        }
        if let Some((kind, by)) = self.history_refers_to_owner(id) {
            // an earlier state still names it
            return Err(in_use(kind, &by));
        }
        Ok(self.owners.shift_remove(id).expect("checked above"))
    }

    /// Puts the owners in the order `rank` gives (owners it does not rank come first, in
    /// their order): the document loader adds parents first, then restores the
    /// document's order.
    ///
    /// # Complexity
    /// O(n log n).
    pub(crate) fn order_owners(&mut self, rank: impl Fn(&str) -> Option<usize>) {
        crate::sort::sort_map_by_key(&mut self.owners, |k, _| rank(k));
    }

    /// Adds a cycle: `start <= end`; a child cycle must lie inside its parent, which must exist.
    pub(crate) fn add_cycle(&mut self, cycle: Cycle) -> Result<()> {
        check_id("cycle.id", &cycle.id)?;
        if self.cycles.contains_key(&cycle.id) {
            return Err(OkrError::DuplicateId {
                kind: EntityKind::Cycle,
                id: cycle.id,
                existing: EntityKind::Cycle,
            });
        }
        for d in [cycle.start, cycle.end] {
            crate::time::check_date(d).map_err(|reason| OkrError::InvalidCycle {
                id: cycle.id.clone(),
                reason,
            })?;
        }
        if cycle.end < cycle.start {
            return Err(OkrError::InvalidCycle {
                id: cycle.id.clone(),
                reason: format!("ends ({}) before it starts ({})", cycle.end, cycle.start),
            });
        }
        if let Some(p) = &cycle.parent {
            let parent = self
                .cycles
                .get(p)
                .ok_or_else(|| unknown(EntityKind::Cycle, p))?;
            if cycle.start < parent.start || cycle.end > parent.end {
                return Err(OkrError::InvalidCycle {
                    id: cycle.id.clone(),
                    reason: format!(
                        "{}..{} does not fit inside its parent {:?} ({}..{})",
                        cycle.start, cycle.end, parent.id, parent.start, parent.end
                    ),
                });
            }
        }
        self.check_cycle_limits(&cycle)?;
        self.cycles.insert(cycle.id.clone(), cycle);
        Ok(())
    }

    /// Removes a cycle that nothing refers to.
    pub(crate) fn remove_cycle(&mut self, id: &str) -> Result<Cycle> {
        if !self.cycles.contains_key(id) {
            return Err(unknown(EntityKind::Cycle, id));
        }
        let by = self
            .cycles
            .values()
            .find(|c| c.parent.as_deref() == Some(id))
            .map(|c| (EntityKind::Cycle, c.id.clone()))
            .or_else(|| {
                self.objectives
                    .values()
                    .find(|o| o.data.cycle == id)
                    .map(|o| (EntityKind::Objective, o.data.id.clone()))
            })
            // an earlier state still names it
            .or_else(|| self.history_refers_to_cycle(id));
        if let Some((by_kind, by)) = by {
            return Err(OkrError::InUse {
                kind: EntityKind::Cycle,
                id: id.to_string(),
                by_kind,
                by,
            });
        }
        Ok(self.cycles.shift_remove(id).expect("checked above"))
    }

    /// Puts the cycles in the order `rank` gives (see [`order_owners`](Self::order_owners)).
    ///
    /// # Complexity
    /// O(n log n).
    pub(crate) fn order_cycles(&mut self, rank: impl Fn(&str) -> Option<usize>) {
        crate::sort::sort_map_by_key(&mut self.cycles, |k, _| rank(k));
    }
}
