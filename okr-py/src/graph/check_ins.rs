//! Check-ins: recording them (one, many, from a pandas DataFrame) and reading them back (per
//! key result, as columns, as a DataFrame). The conversions are in `crate::check_ins`.

use okr_core::document::DocCheckIn;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::Graph;
use crate::arrow::Table;
use crate::check_ins::{check_in_dict, make_check_in, row_check_in};
use crate::convert::rfc3339;
use crate::errors::raise;

#[pymethods]
impl Graph {
    /// Records a check-in: `value` (numeric/threshold; a bool or a list of milestone names
    /// also work), or `done=`, or `milestones_done=`.
    #[pyo3(signature = (kr_id, value=None, *, at, done=None, milestones_done=None, confidence=None, note=None, author=None, extra=None))]
    #[allow(clippy::too_many_arguments)]
    fn check_in(
        &self,
        kr_id: &str,
        value: Option<&Bound<'_, PyAny>>,
        at: &Bound<'_, PyAny>,
        done: Option<bool>,
        milestones_done: Option<Vec<String>>,
        confidence: Option<f64>,
        note: Option<String>,
        author: Option<String>,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let c = make_check_in(
            kr_id,
            value,
            at,
            done,
            milestones_done,
            confidence,
            note,
            author,
            extra,
        )?;
        self.write().check_in(kr_id, c).map_err(raise)
    }

    /// Records many check-ins atomically: all or none. Rows are `(kr_id, value, at)` tuples or
    /// dicts with `kr_id`, `at` and the keyword arguments of `check_in`.
    fn check_in_many(&self, rows: &Bound<'_, PyAny>) -> PyResult<usize> {
        let mut batch = Vec::new();
        for row in rows.try_iter()? {
            batch.push(row_check_in(&row?)?);
        }
        let n = batch.len();
        self.write().check_in_many(batch).map_err(raise)?;
        Ok(n)
    }

    /// Records one check-in per row of a frame (atomic: all or none): a pandas or polars
    /// DataFrame, a pyarrow Table, or a dict of columns. `kr`, `value` and `at` name its
    /// columns of key result ids, values and times; `done`, `milestones_done`,
    /// `confidence`, `note` and `author` name optional ones, used when the frame has them.
    /// Other columns are ignored. The rows are read as a `check_ins` table (okr-core's
    /// `Tables::check_ins_for`): every bad row is reported at once as `TableError`, each
    /// problem with its row (from 1) and key result: an unknown key result, a value or time
    /// that does not read (a time without a zone among them), a key result and time given
    /// twice or recorded already. Then as `check_in_many`.
    #[pyo3(signature = (
        df, kr="kr_id", value="value", at="at", *, done="done",
        milestones_done="milestones_done", confidence="confidence", note="note",
        author="author"
    ))]
    #[allow(clippy::too_many_arguments)]
    fn check_in_from_pandas(
        &self,
        py: Python<'_>,
        df: &Bound<'_, PyAny>,
        kr: &str,
        value: &str,
        at: &str,
        done: &str,
        milestones_done: &str,
        confidence: &str,
        note: &str,
        author: &str,
    ) -> PyResult<usize> {
        let names = [
            ("key_result", kr),
            ("at", at),
            ("value", value),
            ("done", done),
            ("milestones_done", milestones_done),
            ("confidence", confidence),
            ("note", note),
            ("author", author),
        ];
        let table = crate::tables::frame_table(py, "check_ins", df, &names)?;
        let mut g = self.write();
        let batch = py
            .detach(|| okr_core::tables::Tables::check_ins_for(&g, &table))
            .map_err(|e| raise(crate::tables::frame_names(e, &names)))?;
        let n = batch.len();
        g.check_in_many(batch).map_err(raise)?;
        Ok(n)
    }

    /// The check-ins of a key result, oldest first, as dicts.
    fn check_ins<'py>(&self, py: Python<'py>, kr_id: &str) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.read()
            .check_ins(kr_id)
            .iter()
            .map(|c| check_in_dict(py, kr_id, c))
            .collect()
    }

    /// Every check-in as columns (dict of lists): kr_id, objective, at (RFC 3339 text), value,
    /// done, milestones_done, confidence, note, author.
    fn check_ins_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let (mut kr, mut obj, mut at, mut value, mut done, mut ms) =
            (vec![], vec![], vec![], vec![], vec![], vec![]);
        let (mut conf, mut note, mut author) = (vec![], vec![], vec![]);
        let g = self.read();
        for k in g.key_results() {
            for c in g.check_ins(&k.id) {
                kr.push(k.id.as_str());
                obj.push(k.objective.as_str());
                at.push(rfc3339(c.at));
                let (v, d, m) = DocCheckIn::value_fields(&c.value);
                value.push(v);
                done.push(d);
                ms.push(m);
                conf.push(c.confidence);
                note.push(c.note.as_deref());
                author.push(c.author.as_deref());
            }
        }
        let d = PyDict::new(py);
        d.set_item("kr_id", kr)?;
        d.set_item("objective", obj)?;
        d.set_item("at", at)?;
        d.set_item("value", value)?;
        d.set_item("done", done)?;
        d.set_item("milestones_done", ms)?;
        d.set_item("confidence", conf)?;
        d.set_item("note", note)?;
        d.set_item("author", author)?;
        Ok(d)
    }

    /// Every check-in as a `Table` (`to_arrow()`, `to_polars()`, `to_pandas()`): kr_id,
    /// objective, at, value, done, milestones_done, confidence, note, author; key results in
    /// insertion order, each one's check-ins oldest first.
    fn check_ins_table(&self) -> PyResult<Table> {
        let batch = crate::table_specs::check_ins(&self.read())?;
        Ok(Table::new("check_ins", batch))
    }

    /// `check_ins_table().to_pandas()` (needs pandas and pyarrow).
    fn check_ins_frame<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Bound::new(py, self.check_ins_table()?)?.call_method0("to_pandas")
    }
}
