//! Initiatives over [`OkrGraph`]: adding, replacing and removing them, recording their
//! updates, and their state at a time (the rules are in [`crate::initiative`]).

use crate::error::Result;
use crate::graph::OkrGraph;
use crate::initiative::{Initiative, InitiativeStatus, InitiativeUpdate};
use crate::time::AsOf;

impl OkrGraph {
    /// Adds an initiative under its key result; its updates are sorted by time (equal times
    /// keep their order).
    ///
    /// # Errors
    /// `DuplicateId` (an objective, key result, KPI or initiative has the id: `existing` says
    /// which), `UnknownId` (its key result, its owner), `InvalidValue` naming the part
    /// (`updates[1].percent of initiative "crm"`): an empty id, an update with neither or
    /// both of `done` and `percent`, a percent that is not a number from 0 to 100, a time or
    /// due date outside the range okr writes. Nothing changes on an error.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): `max_initiatives`
    /// initiatives already; more updates, or a string or `extra` over them.
    ///
    /// # Complexity
    /// O(U log U) for its U updates; the next rollup rebuilds its layout when the key
    /// result weighs its initiatives in.
    pub fn add_initiative(&mut self, initiative: Initiative) -> Result<()> {
        self.writable()?;
        self.edit(|s| s.add_initiative(initiative))
    }

    /// Replaces an initiative (the one with the same id), its updates included; it may serve
    /// another key result.
    ///
    /// # Errors
    /// `UnknownId` (the initiative, its key result, its owner), `InvalidValue` as for
    /// [`add_initiative`](Self::add_initiative). Nothing changes on an error.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): more updates, or a
    /// string or `extra` over them.
    ///
    /// # Complexity
    /// O(U log U) for its U updates.
    pub fn update_initiative(&mut self, initiative: Initiative) -> Result<()> {
        self.writable()?;
        self.edit(|s| s.update_initiative(initiative))
    }

    /// Removes an initiative.
    ///
    /// # Errors
    /// `UnknownId`.
    ///
    /// # Complexity
    /// O(I) for I initiatives.
    pub fn remove_initiative(&mut self, id: &str) -> Result<Initiative> {
        self.writable()?;
        self.edit(|s| s.remove_initiative(id))
    }

    /// The initiative with this id.
    pub fn initiative(&self, id: &str) -> Option<&Initiative> {
        self.store.initiatives.get(id)
    }

    /// All initiatives, in insertion order.
    pub fn initiatives(&self) -> impl Iterator<Item = &Initiative> {
        self.store.initiatives.values()
    }

    /// The initiatives under key result `kr`, in insertion order.
    ///
    /// # Complexity
    /// O(I) for I initiatives.
    pub fn initiatives_of(&self, kr: &str) -> Vec<&Initiative> {
        self.initiatives().filter(|x| x.key_result == kr).collect()
    }

    /// Records an update of initiative `id` (updates may arrive out of order; they are kept
    /// sorted by time). When its key result weighs its initiatives in, a
    /// [`Rollup`](crate::Rollup) is brought up to date with
    /// [`Rollup::refresh_key_result`](crate::Rollup::refresh_key_result) on that key result,
    /// as after a check-in.
    ///
    /// # Errors
    /// `UnknownId`, `InvalidValue` (field `update.percent` ... of the initiative: see
    /// [`add_initiative`](Self::add_initiative)). Nothing changes on an error.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): the initiative has
    /// `max_check_ins_per_key_result` updates already.
    ///
    /// # Complexity
    /// O(log U) to place it among the initiative's U updates (O(U) to shift).
    pub fn record_initiative_update(&mut self, id: &str, update: InitiativeUpdate) -> Result<()> {
        self.writable()?;
        let k = self.store.record_initiative_update(id, update)?;
        self.past.clear();
        if let Some(k) = k {
            self.cache.mark(k);
        }
        Ok(())
    }

    /// Every initiative's state at `as_of`, in insertion order: the share done, done,
    /// overdue, the time of the update in force (see [`crate::initiative`]).
    ///
    /// # Complexity
    /// O(I log U) for I initiatives of at most U updates.
    pub fn initiative_status(&self, as_of: impl Into<AsOf>) -> Vec<InitiativeStatus> {
        let as_of = as_of.into();
        self.initiatives().map(|x| x.status(as_of)).collect()
    }
}

impl OkrGraph {
    /// The initiatives of key result `kr` at `as_of`, counted (see [`InitiativeSummary`]);
    /// `None` when it has none.
    ///
    /// # Complexity
    /// O(I + N log U) for I initiatives, N of them under `kr`.
    pub fn initiative_summary(
        &self,
        kr: &str,
        as_of: impl Into<AsOf>,
    ) -> Option<crate::initiative::InitiativeSummary> {
        let as_of = as_of.into();
        let states: Vec<InitiativeStatus> = (self.initiatives())
            .filter(|x| x.key_result == kr)
            .map(|x| x.status(as_of))
            .collect();
        let weight = self.key_result(kr).and_then(|k| k.initiatives_weight);
        crate::initiative::InitiativeSummary::of(&states, weight)
    }
}

impl crate::LiveRollup {
    /// Records an update of initiative `id` ([`OkrGraph::record_initiative_update`]) and
    /// updates the figures of its key result (when it weighs its initiatives in) and of the
    /// ancestors that change.
    ///
    /// # Errors
    /// As [`OkrGraph::record_initiative_update`]; then nothing changes.
    ///
    /// # Complexity
    /// As `record_initiative_update`, plus the refresh of the key result and its ancestors,
    /// as after a check-in ([`LiveRollup::edit`](crate::LiveRollup::edit)).
    pub fn record_initiative_update(&mut self, id: &str, update: InitiativeUpdate) -> Result<()> {
        self.edit(|g| g.record_initiative_update(id, update))
    }
}
