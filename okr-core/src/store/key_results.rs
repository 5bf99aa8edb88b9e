//! Key results and their check-ins.

use super::{KrEntry, Store, unknown};
use crate::error::{EntityKind, OkrError, Result};
use crate::model::{CheckIn, KeyResult, check_id, check_plan, check_weight, key_result_period};

impl Store {
    /// Checks `kr`, the new state of key result `old` (`None` for a new one): its
    /// objective and owner are looked up only when they are new.
    fn check_key_result(&self, kr: &KeyResult, old: Option<&KeyResult>) -> Result<()> {
        check_id("key_result.id", &kr.id)?;
        if old.is_none_or(|o| o.objective != kr.objective)
            && !self.objectives.contains_key(&kr.objective)
        {
            return Err(unknown(EntityKind::Objective, &kr.objective));
        }
        if let Some(o) = &kr.owner
            && old.is_none_or(|old| old.owner.as_ref() != Some(o))
            && !self.owners.contains_key(o)
        {
            return Err(unknown(EntityKind::Owner, o));
        }
        check_weight(|| kr.id.clone(), kr.weight)?;
        crate::initiative::check_weight(&kr.id, kr.initiatives_weight)?;
        if let Some(due) = kr.due {
            crate::time::check_date(due).map_err(|reason| OkrError::InvalidValue {
                field: format!("due of key result {:?}", kr.id),
                reason,
            })?;
        }
        kr.measure.validate(&kr.id)?;
        if old.is_none_or(|o| o.parent != kr.parent || o.measure != kr.measure) {
            self.check_parent(kr)?;
        }
        if let Some(old) = old
            && old.measure != kr.measure
            && (Store::aggregated(old) || Store::aggregated(kr))
        {
            self.check_children(kr)?;
        }
        if old.is_some_and(|o| o.kpi != kr.kpi) {
            return Err(super::kpis::kpi_fixed(&kr.id));
        }
        if let Some(kpi) = &kr.kpi {
            self.check_kpi_source(kr, kpi)?;
        }
        if let Some(o) = &kr.r#override {
            o.validate(|| format!("key result {:?}", kr.id))?;
        }
        if !kr.plan.is_empty() {
            let cycle = &self.cycles[&self.objectives[&kr.objective].data.cycle];
            check_plan(
                &kr.id,
                &kr.measure,
                &kr.plan,
                key_result_period(cycle, kr.due),
            )?;
        }
        self.check_key_result_limits(kr, old.is_none())
    }

    /// Adds a key result to its objective; returns its position in the store. Its id must be
    /// new to the key results and the objectives (they share one space of ids).
    pub(crate) fn add_key_result(&mut self, kr: KeyResult) -> Result<usize> {
        self.check_key_result(&kr, None)?;
        self.check_new_id(EntityKind::KeyResult, &kr.id)?;
        let objective = self.objectives.get_mut(&kr.objective).expect("checked");
        objective.key_results.push(kr.id.clone());
        let objective_node = objective.node;
        // a key result that takes its values from a KPI has them as its check-ins
        let check_ins = self.kpi_check_ins(&kr);
        let (k, _) = self.key_results.insert_full(
            kr.id.clone(),
            KrEntry {
                data: kr,
                objective_node,
                check_ins,
            },
        );
        self.structure_changed();
        Ok(k)
    }

    /// Replaces the fields of the key result at position `k` (with the same id; it may move
    /// to another objective) as a revision at `from`; its check-ins stay, and only the
    /// check-ins at or after `from` must fit the new measure (those before keep the measure in
    /// force at their time, and no value among them may be in a unit the new measure changes:
    /// see `store::units`). Returns the key result's old position among its old objective's
    /// key results when it moved.
    pub(crate) fn update_key_result_at(
        &mut self,
        k: usize,
        kr: KeyResult,
        from: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<Option<usize>> {
        let entry = &self.key_results[k];
        debug_assert_eq!(entry.data.id, kr.id);
        self.check_key_result(&kr, Some(&entry.data))?;
        if let Some(t) = from {
            self.check_unit_kept(k, &kr.measure, t)?;
        }
        let first = from.map_or(0, |t| entry.check_ins.partition_point(|c| c.at < t));
        for c in &entry.check_ins[first..] {
            c.validate(&kr)?;
        }
        let mut moved = None;
        // the rollup layout holds its objective and plan as structure, the rest as values;
        // and what an aggregate reads (the links, measures and overrides of the key results
        // taking part in one)
        let aggregated = Store::aggregated(&entry.data) || Store::aggregated(&kr);
        let structural = entry.data.objective != kr.objective
            || entry.data.plan != kr.plan
            || entry.data.parent != kr.parent
            || entry.data.initiatives_weight.map(f64::to_bits)
                != kr.initiatives_weight.map(f64::to_bits)
            || (aggregated
                && (entry.data.measure != kr.measure || entry.data.r#override != kr.r#override));
        let measure = entry.data.measure != kr.measure;
        let old_objective = entry.data.objective.clone();
        if old_objective != kr.objective {
            let old = self.objectives.get_mut(&old_objective).expect("consistent");
            moved = old.key_results.iter().position(|k| k == &kr.id);
            old.key_results.retain(|k| k != &kr.id);
            let new = self.objectives.get_mut(&kr.objective).expect("checked");
            new.key_results.push(kr.id.clone());
            let node = new.node;
            // its objective's key results are no longer in store order
            self.key_results_reordered = true;
            self.key_results[k].objective_node = node;
        }
        self.key_results[k].data = kr;
        if structural {
            self.structure_changed();
        } else {
            self.value_changed(super::Touched::KeyResult { k, measure });
        }
        Ok(moved)
    }

    /// Removes a key result and its check-ins.
    pub(crate) fn remove_key_result(&mut self, id: &str) -> Result<KeyResult> {
        self.check_none_under(&[id.to_string()])?;
        let entry = self
            .key_results
            .shift_remove(id)
            .ok_or_else(|| unknown(EntityKind::KeyResult, id))?;
        if let Some(o) = self.objectives.get_mut(&entry.data.objective) {
            o.key_results.retain(|k| k != id);
        }
        self.remove_dependencies_of(id);
        self.structure_changed();
        Ok(entry.data)
    }

    /// The position of a key result in the store, or `UnknownId`.
    #[inline]
    pub(crate) fn key_result_index(&self, kr: &str) -> Result<usize> {
        self.key_results
            .get_index_of(kr)
            .ok_or_else(|| unknown(EntityKind::KeyResult, kr))
    }

    /// Whether `check_in` fits the key result at position `k`: its measure in force at the
    /// check-in's time (the latest one unless a later revision changed it). A key result that
    /// takes its values from a KPI takes no check-ins of its own.
    #[inline]
    pub(crate) fn validate_check_in(&self, k: usize, check_in: &CheckIn) -> Result<()> {
        let kr = &self.key_results[k].data;
        if let Some(kpi) = &kr.kpi {
            return Err(OkrError::InvalidCheckIn {
                id: kr.id.clone(),
                reason: format!(
                    "it takes its values from KPI {kpi:?}: record the value on the KPI"
                ),
            });
        }
        self.fits_measure(k, check_in)
    }

    /// Whether `check_in` fits the measure in force at its time of the key result at
    /// position `k`, and a value is in the key result's unit now (see `store::units`).
    #[inline]
    pub(crate) fn fits_measure(&self, k: usize, check_in: &CheckIn) -> Result<()> {
        let kr = &self.key_results[k].data;
        match self.history.latest() {
            Some(latest) if check_in.at < latest => {
                let m = self.measure_at(&kr.id, check_in.at).expect("present");
                check_in.validate_against(&kr.id, m)?;
                self.check_unit_then(&kr.id, check_in, m)
            }
            _ => check_in.validate(kr),
        }
    }

    /// Records a check-in (kept sorted by time; equal times keep their insertion order);
    /// returns the key result's position, the change mark for caches of check-ins.
    ///
    /// # Complexity
    /// O(log C) to find the place among the key result's C check-ins (O(C) to shift).
    #[inline]
    pub(crate) fn check_in(&mut self, kr: &str, check_in: CheckIn) -> Result<usize> {
        let k = self.key_result_index(kr)?;
        self.validate_check_in(k, &check_in)?;
        self.check_check_in_limits(kr, &check_in)?;
        self.check_check_in_count(k, 1)?;
        let entry = &mut self.key_results[k];
        let at = check_in.at;
        let pos = entry.check_ins.partition_point(|c| c.at <= at);
        entry.check_ins.insert(pos, check_in);
        Ok(k)
    }

    /// Records many check-ins of the key result at position `k`, all of them or none: the
    /// first one that does not fit (its index in `check_ins`) is the error. Sorted once,
    /// stably, as [`check_in`](Self::check_in) one by one would.
    ///
    /// # Complexity
    /// O((C + N) log (C + N)) for C check-ins before and N added, not the O(N^2) of inserting
    /// N check-ins given newest first one by one.
    pub(crate) fn add_check_ins(
        &mut self,
        k: usize,
        mut check_ins: Vec<CheckIn>,
    ) -> std::result::Result<(), (usize, OkrError)> {
        for (i, c) in check_ins.iter().enumerate() {
            self.validate_check_in(k, c).map_err(|e| (i, e))?;
            let kr = &self.key_results[k].data.id;
            self.check_check_in_limits(kr, c).map_err(|e| (i, e))?;
        }
        // the first check-in over the limit
        let limit = self.limits.max_check_ins_per_key_result;
        let over = limit.saturating_sub(self.key_results[k].check_ins.len());
        self.check_check_in_count(k, check_ins.len())
            .map_err(|e| (over.min(check_ins.len().saturating_sub(1)), e))?;
        let entry = &mut self.key_results[k].check_ins;
        if entry.is_empty() {
            *entry = check_ins;
        } else {
            entry.append(&mut check_ins);
        }
        crate::sort::sort_by_key(entry, |c| c.at);
        Ok(())
    }
}
