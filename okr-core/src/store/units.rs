//! One unit per key result's values: a revision may not change the unit of a key result
//! whose value check-ins before it are in the old unit, and a check-in may not be recorded
//! at a time whose unit is not the key result's unit now. Otherwise the rollup would measure
//! an old value against a target in another unit, and forecasts, charts, lint rules, the
//! baseline of a carried key result and drafted key results would mix values of two units.
//!
//! A unit is the `unit` of a numeric, threshold or aggregate measure; an empty unit (none
//! declared) agrees with every unit, so that a key result may declare the unit its values
//! were in all along. A change of unit from the beginning (an update with no revision time)
//! restates the measure for every check-in and is not refused.

use chrono::{DateTime, Utc};

use super::Store;
use crate::error::{OkrError, Result};
use crate::model::{CheckIn, CheckInValue, Measure};

/// The two units when both are declared and differ.
fn changed<'a>(before: &'a Measure, after: &'a Measure) -> Option<(&'a str, &'a str)> {
    match (before.unit(), after.unit()) {
        (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() && a != b => Some((a, b)),
        _ => None,
    }
}

impl Store {
    /// `InvalidMeasure` when `new` (the measure of key result `k` from `from` on) changes the
    /// unit of its measure and the key result has a value check-in before `from`.
    ///
    /// # Complexity
    /// O(C) for its C check-ins before `from`.
    pub(crate) fn check_unit_kept(
        &self,
        k: usize,
        new: &Measure,
        from: DateTime<Utc>,
    ) -> Result<()> {
        let entry = &self.key_results[k];
        let Some((old, unit)) = changed(&entry.data.measure, new) else {
            return Ok(());
        };
        let before = entry.check_ins.partition_point(|c| c.at < from);
        let Some(c) = (entry.check_ins[..before].iter())
            .rev()
            .find(|c| matches!(c.value, CheckInValue::Value(_)))
        else {
            return Ok(());
        };
        Err(OkrError::InvalidMeasure {
            id: entry.data.id.clone(),
            reason: format!(
                "its unit would change from {old:?} to {unit:?} at {}, but its check-in of {} holds a value in {old:?}: values of two units would be compared; keep the unit (convert the target) or measure in {unit:?} with a new key result",
                crate::time::format_instant(from),
                crate::time::format_instant(c.at),
            ),
        })
    }

    /// `InvalidCheckIn` when the value check-in `c` of key result `id` (present or removed)
    /// falls at a time whose measure (`then`) is in another unit than the key result's last
    /// measure.
    ///
    /// # Complexity
    /// O(log R) for the R revisions of its measure.
    pub(crate) fn check_unit_then(&self, id: &str, c: &CheckIn, then: &Measure) -> Result<()> {
        if !matches!(c.value, CheckInValue::Value(_)) {
            return Ok(());
        }
        let Some(now) = self.measure_at(id, DateTime::<Utc>::MAX_UTC) else {
            return Ok(());
        };
        match changed(then, now) {
            None => Ok(()),
            Some((old, unit)) => Err(OkrError::InvalidCheckIn {
                id: id.to_string(),
                reason: format!(
                    "at {} its unit was {old:?}, and it is {unit:?} now: a value then would be compared with values and targets in {unit:?}",
                    crate::time::format_instant(c.at)
                ),
            }),
        }
    }
}
