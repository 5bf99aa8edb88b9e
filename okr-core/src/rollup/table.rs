//! A rollup as one table: each node's figures beside what an analyst filters and groups by
//! (title, owner, objective, cycle, lifecycle state, whether it counts), as columns.
//!
//! The figures are [`Rollup::columns`](crate::Rollup::columns)'; the rest is read from the graph as it stood at the
//! rollup's time ([`OkrGraph::at`](crate::OkrGraph::at)), the state the rollup was computed on. Text columns are
//! laid out as Arrow's large strings ([`TextColumn`]), so a binding hands them over without a
//! copy per value. Categorical columns hold the core's enums; their fixed legends are
//! [`NodeKind::ALL`], [`Status::ALL`], [`ObjectiveState::ALL`], [`FigureSource::ALL`] and
//! [`UndefinedReason::ALL`], whatever the data.

use chrono::{DateTime, Utc};

use super::types::{FigureColumns, FigureSource, NodeKind, Status, UndefinedReason};
use crate::model::ObjectiveState;
use crate::time::AsOf;

/// A column of optional text in Arrow's large-string layout: row `i` is
/// `bytes[offsets[i]..offsets[i + 1]]`, `None` where [`validity`](Self::validity) is false
/// (an empty range).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextColumn {
    offsets: Vec<i64>,
    bytes: String,
    validity: Vec<bool>,
    nulls: usize,
}

impl Default for TextColumn {
    fn default() -> Self {
        Self::with_capacity(0, 0)
    }
}

impl TextColumn {
    /// An empty column with room for `rows` values of `bytes` bytes in all.
    pub fn with_capacity(rows: usize, bytes: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        TextColumn {
            offsets,
            bytes: String::with_capacity(bytes),
            validity: Vec::with_capacity(rows),
            nulls: 0,
        }
    }

    /// Appends a value (`None`: a null).
    ///
    /// # Complexity
    /// O(length of the text), amortised.
    pub fn push(&mut self, value: Option<&str>) {
        if let Some(v) = value {
            self.bytes.push_str(v);
        } else {
            self.nulls += 1;
        }
        self.validity.push(value.is_some());
        // a String's length fits in isize, so in i64
        self.offsets.push(self.bytes.len() as i64);
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.validity.len()
    }

    /// Whether it has no rows.
    pub fn is_empty(&self) -> bool {
        self.validity.is_empty()
    }

    /// Row `i`: `None` for a null or an index out of range.
    pub fn get(&self, i: usize) -> Option<&str> {
        if !*self.validity.get(i)? {
            return None;
        }
        let (a, b) = (self.offsets[i] as usize, self.offsets[i + 1] as usize);
        self.bytes.get(a..b)
    }

    /// Every row, in order.
    pub fn iter(&self) -> impl Iterator<Item = Option<&str>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// How many rows are null.
    pub fn null_count(&self) -> usize {
        self.nulls
    }

    /// The `len() + 1` offsets into [`bytes`](Self::bytes), starting at 0.
    pub fn offsets(&self) -> &[i64] {
        &self.offsets
    }

    /// Every value, one after the other.
    pub fn bytes(&self) -> &str {
        &self.bytes
    }

    /// Whether each row has a value.
    pub fn validity(&self) -> &[bool] {
        &self.validity
    }

    /// The offsets, the bytes and the validity, for a binding to own without a copy.
    pub fn into_parts(self) -> (Vec<i64>, String, Vec<bool>) {
        (self.offsets, self.bytes, self.validity)
    }
}

impl<'a> FromIterator<Option<&'a str>> for TextColumn {
    fn from_iter<I: IntoIterator<Item = Option<&'a str>>>(iter: I) -> Self {
        let iter = iter.into_iter();
        let mut c = TextColumn::with_capacity(iter.size_hint().0, 0);
        for v in iter {
            c.push(v);
        }
        c
    }
}

/// One row per node of a rollup, in [`Rollup::nodes`] order (objectives children first, then
/// key results in insertion order), as columns (see [`Rollup::table`]). Undefined numbers are
/// NaN, as in [`RollupColumns`](crate::RollupColumns).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RollupTable {
    /// The rollup's moment (the same for every row).
    pub as_of: AsOf,
    /// The objective's or key result's id.
    pub id: TextColumn,
    /// The title.
    pub title: TextColumn,
    /// The owner's id: an objective's owner; a key result's own owner, else its objective's
    /// ([`OkrGraph::effective_owner`]).
    pub owner: TextColumn,
    /// A key result's objective; null for an objective.
    pub objective: TextColumn,
    /// The cycle's id (a key result's objective's).
    pub cycle: TextColumn,
    /// The lifecycle state (a key result's objective's; key results have none of their own).
    pub state: Vec<ObjectiveState>,
    /// Whether the node counts: [`ObjectiveState::counts`] of `state`, the rule by which the
    /// report counts objectives by status and marks draft and abandoned ones "not counted".
    /// A key result of a draft or abandoned objective does not count either. It is about the
    /// node: an objective aligned under a parent by a `supports` link is not in that parent's
    /// figures, yet counts here when its state does.
    pub counted: Vec<bool>,
    /// Kind and the figures (progress, attainment, expected, status, confidence, stale,
    /// source, computed figures, planned value, blocked).
    pub figures: FigureColumns,
    /// Why progress (or attainment) is undefined.
    pub undefined_reason: Vec<Option<UndefinedReason>>,
    /// Key results: the value in force, NaN when none.
    pub value: Vec<f64>,
    /// Key results: the time of the check-in the value comes from.
    pub last_check_in: Vec<Option<DateTime<Utc>>>,
}

impl RollupTable {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.id.len()
    }

    /// Whether it has no rows.
    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }

    /// The fixed legends of the categorical columns, by column name: every value each can
    /// take, in the order of their codes, whatever the data.
    pub fn legends() -> [(&'static str, Vec<&'static str>); 5] {
        [
            ("kind", NodeKind::ALL.iter().map(|k| k.as_str()).collect()),
            ("status", Status::ALL.iter().map(|s| s.as_str()).collect()),
            (
                "state",
                ObjectiveState::ALL.iter().map(|s| s.as_str()).collect(),
            ),
            (
                "source",
                FigureSource::ALL.iter().map(|s| s.as_str()).collect(),
            ),
            (
                "undefined_reason",
                UndefinedReason::ALL.iter().map(|r| r.as_str()).collect(),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_columns_keep_values_and_nulls_apart() {
        let c: TextColumn = [Some("ab"), None, Some(""), Some("é")]
            .into_iter()
            .collect();
        assert_eq!(c.len(), 4);
        assert_eq!(c.null_count(), 1);
        let got: Vec<Option<&str>> = c.iter().collect();
        assert_eq!(got, [Some("ab"), None, Some(""), Some("é")]);
        assert_eq!(c.offsets(), [0, 2, 2, 2, 4]);
        assert_eq!(c.validity(), [true, false, true, true]);
        assert_eq!(c.get(9), None);
        let (offsets, bytes, validity) = c.into_parts();
        assert_eq!(
            (offsets.len(), bytes.as_str(), validity.len()),
            (5, "abé", 4)
        );
    }

    #[test]
    fn legends_are_every_value_in_code_order() {
        let legends = RollupTable::legends();
        let state = &legends[2];
        assert_eq!(state.0, "state");
        assert_eq!(state.1, ["draft", "active", "closed", "abandoned"]);
        for (i, s) in ObjectiveState::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(s.code()), i);
            assert_eq!(ObjectiveState::from_code(s.code()), Some(s));
        }
        assert_eq!(ObjectiveState::from_code(4), None);
        assert_eq!(legends[1].1.len(), Status::ALL.len());
        assert_eq!(legends[4].1.len(), UndefinedReason::ALL.len());
    }
}
