//! Revisions and history: updating objectives and key results, the graph's clock, and the
//! audit trail (`log`).

use okr_core::{KeyResultPatch, LogFilter, ObjectivePatch, Revise};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::Graph;
use crate::convert::{patch_fields, py_datetime, rfc3339, to_change_time, to_py};
use crate::errors::raise;

/// A revision's stamp as a dict: `at` (an aware `datetime`, UTC), `by`, `reason`.
fn revise_dict<'py>(py: Python<'py>, r: &Revise) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("at", py_datetime(py, &rfc3339(r.at))?)?;
    d.set_item("by", r.by.as_deref())?;
    d.set_item("reason", r.reason.as_deref())?;
    Ok(d)
}

#[pymethods]
impl Graph {
    /// Changes the given fields of an objective (title, description, owner, cycle, state, type,
    /// rollup, override, cadence, extra); the others, its links and its key results stay.
    /// okr-core's `ObjectivePatch` reads the fields (None keeps a field, except `override`
    /// and `cadence`, which it clears; an unknown one is `InvalidValueError`) and applies them, all or nothing, as a
    /// revision at `at` by `by` for `reason` (`OkrGraph::revise_objective`); `at=None` takes
    /// the graph's clock (`OkrGraph::patch_objective`: `MissingTimeError` without one).
    #[pyo3(signature = (obj_id, *, at=None, by=None, reason=None, **fields))]
    fn update_objective(
        &self,
        obj_id: &str,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let (text, _) = patch_fields(fields, "objective", None)?;
        let patch = ObjectivePatch::from_json(&text).map_err(raise)?;
        self.change(
            obj_id,
            (at, by, reason),
            patch,
            |g, patch, meta| g.revise_objective(obj_id, patch, meta),
            |g, patch| g.patch_objective(obj_id, patch),
        )
    }

    /// Changes the given fields of a key result (title, objective, measure, weight, owner, due,
    /// parent, initiatives_weight, plan, override, extra); the others and its check-ins stay.
    /// okr-core's `KeyResultPatch` reads the fields (None keeps a field, except `owner` and
    /// `due`, which it empties, and `parent`, `initiatives_weight` and `override`, which it
    /// clears; an unknown field is `InvalidValueError`) and applies them,
    /// all or nothing, as a revision at `at` by `by` for `reason` (`OkrGraph::revise_key_result`:
    /// the check-ins from `at` on must fit a new measure); `at=None` takes the graph's clock
    /// (`OkrGraph::patch_key_result`: `MissingTimeError` without one).
    #[pyo3(signature = (kr_id, *, at=None, by=None, reason=None, **fields))]
    fn update_key_result(
        &self,
        kr_id: &str,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let (text, weight) = patch_fields(fields, "key_result", Some("weight"))?;
        let mut patch = KeyResultPatch::from_json(&text).map_err(raise)?;
        if weight.is_some() {
            patch.weight = weight;
        }
        self.change(
            kr_id,
            (at, by, reason),
            patch,
            |g, patch, meta| g.revise_key_result(kr_id, patch, meta),
            |g, patch| g.patch_key_result(kr_id, patch),
        )
    }

    /// Sets the graph's clock: the time, author and reason of the changes made without their
    /// own `at` (okr-core's `OkrGraph::set_clock`; the library never reads the wall clock).
    /// `set_clock()` (`at=None`) removes it; `by` or `reason` without `at` is a `TypeError`.
    #[pyo3(signature = (at=None, by=None, reason=None))]
    fn set_clock(
        &self,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<()> {
        let clock = match at.filter(|a| !a.is_none()) {
            Some(at) => Some(Revise {
                at: to_change_time(at, "at")?,
                by,
                reason,
            }),
            None if by.is_some() || reason.is_some() => {
                return Err(PyTypeError::new_err(
                    "set_clock(): `by` and `reason` need `at` (set_clock() removes the clock)",
                ));
            }
            None => None,
        };
        self.write().set_clock(clock);
        Ok(())
    }

    /// The graph's clock as a dict (`at`: an aware `datetime`, `by`, `reason`), or None.
    fn clock<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.read().clock().map(|c| revise_dict(py, c)).transpose()
    }

    /// Number of revisions recorded.
    fn revision_count(&self) -> usize {
        self.read().revision_count()
    }

    /// The time of the latest revision (an aware `datetime`), or None.
    fn latest_revision<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.read()
            .latest_revision()
            .map(|t| py_datetime(py, &rfc3339(t)))
            .transpose()
    }

    /// The audit trail (okr-core's `OkrGraph::log`), newest first: one dict per changed field,
    /// with `at` (an aware `datetime`), `by`, `entity` (an id, or `child -> parent` for a
    /// link), `kind` (objective, key_result, link), `field`, `from`, `to` (Python values of
    /// the document's JSON) and `reason`. `id`: only the revisions about that objective or key
    /// result (an objective's links too); `since`: only those taking effect at or after it.
    #[pyo3(signature = (id=None, since=None))]
    fn log<'py>(
        &self,
        py: Python<'py>,
        id: Option<String>,
        since: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let since = since
            .filter(|s| !s.is_none())
            .map(|s| to_change_time(s, "since"))
            .transpose()?;
        let entries = self.read().log(&LogFilter { id, since }).map_err(raise)?;
        let out = to_py(py, &entries)?;
        for (i, e) in entries.iter().enumerate() {
            out.get_item(i)?
                .set_item("at", py_datetime(py, &rfc3339(e.at))?)?;
        }
        Ok(out)
    }
}
