//! Initiatives: work items under key results (see [`crate::initiative`]). The rollup layout
//! holds which initiatives count in which key result; an update of one only changes the
//! share its key result reads (the graph marks the key result as a check-in does).

use super::{Store, unknown};
use crate::error::{EntityKind, Result};
use crate::initiative::{Initiative, InitiativeUpdate, invalid};

impl Store {
    /// Whether the initiatives of key result `kr` count in its figures.
    fn weighs_initiatives(&self, kr: &str) -> bool {
        self.key_results
            .get(kr)
            .is_some_and(|e| e.data.initiatives_counted_weight().is_some())
    }

    /// Checks an initiative on its own, its key result and its owner.
    fn check_initiative(&self, x: &Initiative) -> Result<()> {
        if let Some((path, reason)) = x.problem() {
            return Err(invalid(&x.id, &path, reason));
        }
        if !self.key_results.contains_key(&x.key_result) {
            return Err(unknown(EntityKind::KeyResult, &x.key_result));
        }
        if let Some(o) = &x.owner
            && !self.owners.contains_key(o)
        {
            return Err(unknown(EntityKind::Owner, o));
        }
        if let Some(due) = x.due {
            crate::time::check_date(due).map_err(|reason| invalid(&x.id, "due", reason))?;
        }
        Ok(())
    }

    /// Adds an initiative (its updates sorted by time). Its id must be new to the
    /// objectives, key results, KPIs and initiatives.
    ///
    /// # Complexity
    /// O(U log U) for its U updates.
    pub(crate) fn add_initiative(&mut self, mut x: Initiative) -> Result<()> {
        self.check_initiative(&x)?;
        self.check_new_id(EntityKind::Initiative, &x.id)?;
        self.check_initiative_limits(&x, true)?;
        x.sort_updates();
        let counts = self.weighs_initiatives(&x.key_result);
        self.initiatives.insert(x.id.clone(), x);
        if counts {
            self.structure_changed();
        }
        Ok(())
    }

    /// Replaces an initiative (same id): it may serve another key result.
    ///
    /// # Complexity
    /// O(U log U) for its U updates.
    pub(crate) fn update_initiative(&mut self, mut x: Initiative) -> Result<()> {
        let old = self
            .initiatives
            .get(&x.id)
            .ok_or_else(|| unknown(EntityKind::Initiative, &x.id))?;
        self.check_initiative(&x)?;
        self.check_initiative_limits(&x, false)?;
        x.sort_updates();
        let counts =
            self.weighs_initiatives(&old.key_result) || self.weighs_initiatives(&x.key_result);
        self.initiatives.insert(x.id.clone(), x);
        if counts {
            self.structure_changed();
        }
        Ok(())
    }

    /// Removes an initiative.
    ///
    /// # Complexity
    /// O(I) for I initiatives (the later ones shift).
    pub(crate) fn remove_initiative(&mut self, id: &str) -> Result<Initiative> {
        let x = self
            .initiatives
            .shift_remove(id)
            .ok_or_else(|| unknown(EntityKind::Initiative, id))?;
        if self.weighs_initiatives(&x.key_result) {
            self.structure_changed();
        }
        Ok(x)
    }

    /// Records an update of initiative `id` (kept sorted by time; equal times keep their
    /// order). Returns the store position of its key result when its initiatives count in
    /// its figures (the rollup must read them again).
    ///
    /// # Complexity
    /// O(log U) to place it among the initiative's U updates (O(U) to shift).
    pub(crate) fn record_initiative_update(
        &mut self,
        id: &str,
        update: InitiativeUpdate,
    ) -> Result<Option<usize>> {
        let x = self
            .initiatives
            .get(id)
            .ok_or_else(|| unknown(EntityKind::Initiative, id))?;
        if let Some((field, reason)) = update.problem() {
            return Err(invalid(id, &format!("update.{field}"), reason));
        }
        self.check_initiative_update_limits(x, &update)?;
        let x = self.initiatives.get_mut(id).expect("checked above");
        let pos = x.updates.partition_point(|u| u.at <= update.at);
        x.updates.insert(pos, update);
        let kr = x.key_result.clone();
        Ok(self
            .weighs_initiatives(&kr)
            .then(|| self.key_results.get_index_of(&kr))
            .flatten())
    }
}
