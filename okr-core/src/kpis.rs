//! KPIs over [`OkrGraph`]: adding, replacing and removing them, recording their values, and
//! their health at a time, reported apart from OKR progress (the rules are in [`crate::kpi`]).
//!
//! A key result may take its values from a KPI ([`KeyResult::kpi`](crate::KeyResult::kpi)):
//! its check-ins are then the KPI's values, recorded with each value (and replaced with the
//! KPI's), and it takes no check-ins of its own. Its measure must be numeric or threshold in
//! the KPI's unit (`UnitMismatch` otherwise). The KPI's values are its own history across
//! cycles: a value is a check-in of every key result that takes values from the KPI, closed
//! cycles included (their frozen scores stay as they were frozen).

use crate::error::Result;
use crate::graph::OkrGraph;
use crate::kpi::{Kpi, KpiStatus, KpiValue};
use crate::time::AsOf;

impl OkrGraph {
    /// Adds a KPI; its values are sorted by time (equal times keep their order).
    ///
    /// # Errors
    /// `DuplicateId` (an objective, key result or KPI has the id: `existing` says which),
    /// `UnknownId` (its owner), `InvalidValue` naming the part (`targets[1].month of KPI
    /// "csat"`): an empty id, a health threshold or band bound that is not finite, a band
    /// whose `min` is above its `max` or that has monthly targets, a month that is not
    /// `YYYY-MM` or not after the one before it, a target or value that is not finite, a
    /// value's time outside the range okr writes. Nothing changes on an error.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): `max_kpis` KPIs already;
    /// more values or targets, or a string or `extra` over them.
    ///
    /// # Complexity
    /// O(T + V log V) for T targets and V values.
    pub fn add_kpi(&mut self, kpi: Kpi) -> Result<()> {
        self.writable()?;
        self.past.clear();
        self.store.add_kpi(kpi)
    }

    /// Replaces a KPI (the one with the same id), its values included; the key results that
    /// take their values from it get the new values as their check-ins.
    ///
    /// # Errors
    /// `UnknownId` (the KPI, its owner), `InvalidValue` as for [`add_kpi`](Self::add_kpi),
    /// `UnitMismatch` (a key result taking its values from it, or a removed one that took
    /// them, measures in another unit),
    /// `InvalidCheckIn` (a value does not fit such a key result's measure in force at its
    /// time). Nothing changes on an error.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): more values or targets,
    /// or a string or `extra` over them.
    ///
    /// # Complexity
    /// O(T + V log V + K + U V) for K key results, U of them taking values from it.
    pub fn update_kpi(&mut self, kpi: Kpi) -> Result<()> {
        self.writable()?;
        self.past.clear();
        for k in self.store.update_kpi(kpi)? {
            self.cache.mark(k);
        }
        Ok(())
    }

    /// Removes a KPI that no key result takes its values from (now or at an earlier time).
    ///
    /// # Errors
    /// `UnknownId`, `InUse` (naming the key result).
    ///
    /// # Complexity
    /// O(K + R) for K key results and R revisions.
    pub fn remove_kpi(&mut self, id: &str) -> Result<Kpi> {
        self.writable()?;
        self.past.clear();
        self.store.remove_kpi(id)
    }

    /// The KPI with this id.
    pub fn kpi(&self, id: &str) -> Option<&Kpi> {
        self.store.kpis.get(id)
    }

    /// All KPIs, in insertion order.
    pub fn kpis(&self) -> impl Iterator<Item = &Kpi> {
        self.store.kpis.values()
    }

    /// Records a value of KPI `id` (values may arrive out of order; they are kept sorted by
    /// time), and so a check-in of each key result that takes its values from it: a
    /// [`Rollup`](crate::Rollup) is brought up to date with
    /// [`Rollup::refresh_key_result`](crate::Rollup::refresh_key_result) on those key
    /// results, as after a check-in.
    ///
    /// # Errors
    /// `UnknownId`, `InvalidValue` (field `value.value` or `value.at` of the KPI: a value that
    /// is not finite, a time outside the range okr writes), `InvalidCheckIn` (the value does
    /// not fit the measure in force at its time of a key result taking values from it).
    /// Nothing changes on an error.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): the KPI has
    /// `max_check_ins_per_key_result` values already.
    ///
    /// A key result removed by a revision keeps taking the KPI's values too (for the times it
    /// existed, as loading a document gives it).
    ///
    /// # Complexity
    /// O(K + R) to find the key results taking values from it (R revisions, for removed
    /// ones), and O(log V) to place the value among the KPI's V values and each of theirs
    /// (O(V) to shift).
    pub fn record_kpi_value(&mut self, id: &str, value: KpiValue) -> Result<()> {
        self.writable()?;
        let users = self.store.record_kpi_value(id, value)?;
        // the past states kept hold the KPI too
        self.past.clear();
        for k in users {
            self.cache.mark(k);
        }
        Ok(())
    }

    /// Records hypothetical check-ins (what-if, forecast) on a copy: as
    /// [`check_in_many`](Self::check_in_many), on key results that take their values from a
    /// KPI too (a value as if the KPI had it).
    ///
    /// # Errors
    /// As `check_in_many`; the graph is then unchanged.
    pub(crate) fn check_in_as_if<K: AsRef<str>>(
        &mut self,
        batch: Vec<(K, crate::CheckIn)>,
    ) -> Result<()> {
        for (kr, c) in &batch {
            let k = self.store.key_result_index(kr.as_ref())?;
            self.store.fits_measure(k, c)?;
            self.check_open(kr.as_ref(), c.at)?;
        }
        self.past.clear();
        for (kr, c) in batch {
            let k = self.store.check_in_as_if(kr.as_ref(), c)?;
            self.cache.mark(k);
        }
        Ok(())
    }

    /// The key results that take their values from KPI `id`, in insertion order.
    ///
    /// # Complexity
    /// O(K) for K key results.
    pub fn key_results_of_kpi(&self, id: &str) -> Vec<&crate::KeyResult> {
        self.store
            .kpi_users(id)
            .into_iter()
            .map(|k| &self.store.key_results[k].data)
            .collect()
    }

    /// Every KPI's health at `as_of`, in insertion order: the value in force, its time, the
    /// previous value and the trend, the target in force and the health (see
    /// [`crate::kpi`] for the rules). Reported apart from OKR progress.
    ///
    /// # Complexity
    /// O(N (log V + log T)) for N KPIs with at most V values and T targets each.
    pub fn kpi_health(&self, as_of: impl Into<AsOf>) -> Vec<KpiStatus> {
        let as_of = as_of.into();
        self.kpis().map(|k| k.status(as_of)).collect()
    }
}

impl crate::LiveRollup {
    /// Records a value of KPI `kpi` ([`OkrGraph::record_kpi_value`]) and updates the figures
    /// of the key results taking their values from it and of the ancestors they change.
    ///
    /// # Errors
    /// As [`OkrGraph::record_kpi_value`]; then nothing changes.
    ///
    /// # Complexity
    /// As `record_kpi_value`, plus the refresh of those key results and their ancestors, as
    /// after a check-in ([`LiveRollup::edit`](crate::LiveRollup::edit)).
    pub fn record_kpi_value(&mut self, kpi: &str, value: KpiValue) -> Result<()> {
        // the graph marks the key results' slots, as a check-in does; `edit` catches up
        self.edit(|g| g.record_kpi_value(kpi, value))
    }
}
