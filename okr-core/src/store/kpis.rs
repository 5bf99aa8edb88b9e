//! KPIs, and the key results that take their values from one: such a key result's check-ins
//! are the KPI's values (made here whenever a value is recorded or the KPI replaced; never
//! written to documents, made again when loading).

use super::{Op, Store, unknown};
use crate::error::{EntityKind, OkrError, Result};
use crate::kpi::{Kpi, KpiValue, invalid};
use crate::model::{CheckIn, CheckInValue, Extra, KeyResult, Measure};

/// The check-in a KPI value is for a key result that takes its values from the KPI.
fn mirror(v: &KpiValue) -> CheckIn {
    CheckIn {
        at: v.at,
        value: CheckInValue::Value(v.value),
        confidence: None,
        note: v.note.clone(),
        author: None,
        extra: Extra::new(),
    }
}

/// Inserts `c` among `list` sorted by time, after those at the same time.
fn insert(list: &mut Vec<CheckIn>, c: CheckIn) {
    let pos = list.partition_point(|x| x.at <= c.at);
    list.insert(pos, c);
}

/// The unit of a numeric or threshold measure (an aggregate takes its value from the key
/// results under it, never from a KPI).
fn unit_of(m: &Measure) -> Option<&str> {
    match m {
        Measure::Numeric { unit, .. } | Measure::Threshold { unit, .. } => Some(unit),
        Measure::Boolean | Measure::Milestones { .. } | Measure::Aggregate { .. } => None,
    }
}

impl Store {
    /// Checks that key result `kr` may take its values from KPI `kpi`: the KPI exists, and
    /// the measure is numeric or threshold in the KPI's unit.
    pub(super) fn check_kpi_source(&self, kr: &KeyResult, kpi: &str) -> Result<()> {
        let k = self
            .kpis
            .get(kpi)
            .ok_or_else(|| unknown(EntityKind::Kpi, kpi))?;
        let Some(unit) = unit_of(&kr.measure) else {
            return Err(OkrError::InvalidMeasure {
                id: kr.id.clone(),
                reason: format!(
                    "it takes its values from KPI {kpi:?}: its measure must be numeric or threshold, not {}",
                    kr.measure.kind_name()
                ),
            });
        };
        if unit != k.unit {
            return Err(OkrError::UnitMismatch {
                id: kr.id.clone(),
                unit: unit.to_string(),
                other: kpi.to_string(),
                other_unit: k.unit.clone(),
            });
        }
        Ok(())
    }

    /// The check-ins of a new key result: the values of the KPI it takes them from, if any.
    pub(super) fn kpi_check_ins(&self, kr: &KeyResult) -> Vec<CheckIn> {
        kr.kpi
            .as_ref()
            .and_then(|id| self.kpis.get(id))
            .map(|k| k.values.iter().map(mirror).collect())
            .unwrap_or_default()
    }

    /// The positions of the key results that take their values from KPI `id`.
    ///
    /// # Complexity
    /// O(K) for K key results.
    pub(crate) fn kpi_users(&self, id: &str) -> Vec<usize> {
        self.key_results
            .values()
            .enumerate()
            .filter(|(_, e)| e.data.kpi.as_deref() == Some(id))
            .map(|(k, _)| k)
            .collect()
    }

    /// The ids of the removed key results that took their values from KPI `id`.
    ///
    /// # Complexity
    /// O(R) for R revisions, plus the key results they removed.
    fn retired_kpi_users(&self, id: &str) -> Vec<String> {
        self.history
            .log
            .iter()
            .flat_map(|r| removed_key_results(&r.op))
            .filter(|k| k.kpi.as_deref() == Some(id))
            .map(|k| k.id.clone())
            .collect()
    }

    /// Checks a KPI on its own and its owner.
    fn check_kpi(&self, kpi: &Kpi) -> Result<()> {
        kpi.validate()?;
        if let Some(o) = &kpi.owner
            && !self.owners.contains_key(o)
        {
            return Err(unknown(EntityKind::Owner, o));
        }
        Ok(())
    }

    /// Adds a KPI (its values sorted by time). Its id must be new to the objectives, key
    /// results and KPIs.
    ///
    /// # Complexity
    /// O(V log V) for its V values.
    pub(crate) fn add_kpi(&mut self, mut kpi: Kpi) -> Result<()> {
        self.check_kpi(&kpi)?;
        self.check_new_id(EntityKind::Kpi, &kpi.id)?;
        self.check_kpi_limits(&kpi, true)?;
        kpi.sort_values();
        self.kpis.insert(kpi.id.clone(), kpi);
        Ok(())
    }

    /// Replaces a KPI (same id): its name, owner, unit, health, targets, values and extra.
    /// The key results that take their values from it (and the removed ones that did) get the
    /// new values as their check-ins, and must agree with its unit. Returns their positions.
    ///
    /// # Complexity
    /// O(V log V + K + U V) for V values, K key results and U of them using the KPI.
    pub(crate) fn update_kpi(&mut self, mut kpi: Kpi) -> Result<Vec<usize>> {
        if !self.kpis.contains_key(&kpi.id) {
            return Err(unknown(EntityKind::Kpi, &kpi.id));
        }
        self.check_kpi(&kpi)?;
        self.check_kpi_limits(&kpi, false)?;
        kpi.sort_values();
        let users = self.kpi_users(&kpi.id);
        for &k in &users {
            let kr = &self.key_results[k].data;
            let unit = unit_of(&kr.measure).unwrap_or_default();
            if unit != kpi.unit {
                return Err(OkrError::UnitMismatch {
                    id: kr.id.clone(),
                    unit: unit.to_string(),
                    other: kpi.id.clone(),
                    other_unit: kpi.unit.clone(),
                });
            }
            for v in &kpi.values {
                self.fits_measure(k, &mirror(v))?;
            }
        }
        // a removed key result takes the new values too (the graph at an earlier time reads
        // them): it must agree with the unit as well
        let retired = self.retired_kpi_users(&kpi.id);
        for id in &retired {
            if let Some((_, e)) = self.removed_key_result(id) {
                let unit = unit_of(&e.data.measure).unwrap_or_default();
                if unit != kpi.unit {
                    return Err(OkrError::UnitMismatch {
                        id: id.clone(),
                        unit: unit.to_string(),
                        other: kpi.id.clone(),
                        other_unit: kpi.unit.clone(),
                    });
                }
            }
        }
        for &k in &users {
            self.key_results[k].check_ins = kpi.values.iter().map(mirror).collect();
        }
        for id in retired {
            if let Some((_, e)) = self.removed_key_result_mut(&id) {
                e.check_ins = kpi.values.iter().map(mirror).collect();
            }
        }
        self.kpis.insert(kpi.id.clone(), kpi);
        Ok(users)
    }

    /// Removes a KPI that no key result takes its values from, now or at an earlier time.
    ///
    /// # Complexity
    /// O(K + R) for K key results and R revisions.
    pub(crate) fn remove_kpi(&mut self, id: &str) -> Result<Kpi> {
        if !self.kpis.contains_key(id) {
            return Err(unknown(EntityKind::Kpi, id));
        }
        let by = self
            .key_results
            .values()
            .map(|e| &e.data)
            .chain(
                self.history
                    .log
                    .iter()
                    .flat_map(|r| removed_key_results(&r.op)),
            )
            .find(|k| k.kpi.as_deref() == Some(id));
        if let Some(k) = by {
            return Err(OkrError::InUse {
                kind: EntityKind::Kpi,
                id: id.to_string(),
                by_kind: EntityKind::KeyResult,
                by: k.id.clone(),
            });
        }
        Ok(self.kpis.shift_remove(id).expect("checked above"))
    }

    /// Records a value of KPI `id` (kept sorted by time; equal times keep their order), and
    /// the check-in it is for each key result that takes its values from the KPI. Returns
    /// their positions.
    ///
    /// # Complexity
    /// O(K + R) to find the key results using it (R revisions, for removed ones), O(log V)
    /// to place the value among the KPI's V values and each of theirs (O(V) to shift).
    pub(crate) fn record_kpi_value(&mut self, id: &str, value: KpiValue) -> Result<Vec<usize>> {
        let kpi = self
            .kpis
            .get(id)
            .ok_or_else(|| unknown(EntityKind::Kpi, id))?;
        if let Some((field, reason)) = value.problem() {
            return Err(invalid(&kpi.id, &format!("value.{field}"), reason));
        }
        self.check_kpi_value_limits(kpi, &value)?;
        let users = self.kpi_users(id);
        let check_in = mirror(&value);
        for &k in &users {
            self.fits_measure(k, &check_in)?;
        }
        for &k in &users {
            insert(&mut self.key_results[k].check_ins, check_in.clone());
        }
        // a removed key result keeps the KPI's values as its check-ins too (for the times it
        // existed), as loading a document gives it
        for id in self.retired_kpi_users(id) {
            if let Some((_, e)) = self.removed_key_result_mut(&id) {
                insert(&mut e.check_ins, check_in.clone());
            }
        }
        let values = &mut self.kpis.get_mut(id).expect("checked above").values;
        let pos = values.partition_point(|v| v.at <= value.at);
        values.insert(pos, value);
        Ok(users)
    }
}

impl Store {
    /// Records a hypothetical check-in (what-if, forecast) as [`check_in`](Self::check_in)
    /// does, on a key result that takes its values from a KPI too.
    ///
    /// # Complexity
    /// As `check_in`.
    pub(crate) fn check_in_as_if(&mut self, kr: &str, check_in: CheckIn) -> Result<usize> {
        let k = self.key_result_index(kr)?;
        self.fits_measure(k, &check_in)?;
        let list = &mut self.key_results[k].check_ins;
        let pos = list.partition_point(|c| c.at <= check_in.at);
        list.insert(pos, check_in);
        Ok(k)
    }
}

/// `InvalidValue`: a key result's KPI is set when it is created.
pub(crate) fn kpi_fixed(id: &str) -> OkrError {
    OkrError::InvalidValue {
        field: format!("kpi of key result {id:?}"),
        reason: "the KPI a key result takes its values from is set when it is created".into(),
    }
}

/// The key results a revision removed (kept to undo it).
fn removed_key_results(op: &Op) -> Vec<&KeyResult> {
    match op {
        Op::RemoveKeyResult { removed } => vec![&removed.entry.data],
        Op::RemoveObjective { removed } => {
            removed.key_results.iter().map(|(_, e)| &e.data).collect()
        }
        _ => Vec::new(),
    }
}
