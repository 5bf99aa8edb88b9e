//! Initiatives: okr-core's `OkrGraph::add_initiative`, `update_initiative`,
//! `remove_initiative`, `record_initiative_update`, `initiative_status` and
//! `initiative_summary` (work items under key results, excluded from progress unless the key
//! result weighs them in). Every rule is okr-core's; this file converts arguments and results.

use okr_core::{Initiative, InitiativeUpdate};
use pyo3::prelude::*;

use super::Graph;
use crate::convert::{
    extra_from, from_py, py_datetime, rfc3339, to_as_of, to_date, to_py, to_timestamp,
};
use crate::errors::raise;

/// An initiative from the arguments of `add_initiative` / `update_initiative`: `due` a date
/// (okr-core's `parse_date`), `updates` in the document's form (`updates[i]["at"]` a date, a
/// zoned datetime or ISO text), read by okr-core's serde types; okr-core checks the rest when
/// it is added.
#[allow(clippy::too_many_arguments)]
fn initiative_from(
    id: &str,
    key_result: &str,
    title: &str,
    owner: Option<String>,
    due: Option<&Bound<'_, PyAny>>,
    updates: Option<&Bound<'_, PyAny>>,
    extra: Option<&Bound<'_, PyAny>>,
) -> PyResult<Initiative> {
    let mut x = Initiative::new(id, key_result, title);
    x.owner = owner;
    x.due = due
        .filter(|d| !d.is_none())
        .map(|d| to_date(d, "due"))
        .transpose()?;
    if let Some(u) = updates.filter(|u| !u.is_none()) {
        x.updates = from_py(u, "updates")?;
    }
    x.extra = extra_from(extra, "extra")?;
    Ok(x)
}

/// An initiative as a dict (the document's form), its updates' `at` as aware datetimes (UTC).
fn initiative_dict<'py>(py: Python<'py>, x: &Initiative) -> PyResult<Bound<'py, PyAny>> {
    let d = to_py(py, x)?;
    if let Ok(updates) = d.get_item("updates") {
        for (i, u) in x.updates.iter().enumerate() {
            updates
                .get_item(i)?
                .set_item("at", py_datetime(py, &rfc3339(u.at))?)?;
        }
    }
    Ok(d)
}

#[pymethods]
impl Graph {
    /// Adds an initiative (a work item) under key result `key_result`: `owner` (None: the key
    /// result's), `due` a date, `updates` `[{"at", "done" | "percent", "note"}]` (kept in time
    /// order). Its id shares the space of objective, key result and KPI ids. It counts in its
    /// key result's progress only when the key result has an `initiatives_weight` above 0.
    #[pyo3(signature = (id, key_result, title, owner=None, due=None, updates=None, extra=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_initiative(
        &self,
        id: &str,
        key_result: &str,
        title: &str,
        owner: Option<String>,
        due: Option<&Bound<'_, PyAny>>,
        updates: Option<&Bound<'_, PyAny>>,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let x = initiative_from(id, key_result, title, owner, due, updates, extra)?;
        self.write().add_initiative(x).map_err(raise)
    }

    /// Replaces initiative `id` (its updates included); it may serve another key result.
    #[pyo3(signature = (id, key_result, title, owner=None, due=None, updates=None, extra=None))]
    #[allow(clippy::too_many_arguments)]
    fn update_initiative(
        &self,
        id: &str,
        key_result: &str,
        title: &str,
        owner: Option<String>,
        due: Option<&Bound<'_, PyAny>>,
        updates: Option<&Bound<'_, PyAny>>,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let x = initiative_from(id, key_result, title, owner, due, updates, extra)?;
        self.write().update_initiative(x).map_err(raise)
    }

    /// Removes initiative `id`; returns it as a dict.
    fn remove_initiative<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        let x = self.write().remove_initiative(id).map_err(raise)?;
        initiative_dict(py, &x)
    }

    /// The initiative with this id as a dict, or None.
    fn initiative<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.read()
            .initiative(id)
            .map(|x| initiative_dict(py, x))
            .transpose()
    }

    /// Every initiative as a dict, in insertion order.
    fn initiatives<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.read()
            .initiatives()
            .map(|x| initiative_dict(py, x))
            .collect()
    }

    /// The initiatives under key result `kr` as dicts, in insertion order.
    fn initiatives_of<'py>(&self, py: Python<'py>, kr: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.read()
            .initiatives_of(kr)
            .into_iter()
            .map(|x| initiative_dict(py, x))
            .collect()
    }

    /// Records an update of initiative `id` from `at` on (a date is 00:00 UTC; a zoned
    /// datetime that instant): `done` or `percent` (0 to 100), exactly one, and a `note`.
    #[pyo3(signature = (id, at, *, done=None, percent=None, note=None))]
    fn record_initiative_update(
        &self,
        id: &str,
        at: &Bound<'_, PyAny>,
        done: Option<bool>,
        percent: Option<f64>,
        note: Option<String>,
    ) -> PyResult<()> {
        let update = InitiativeUpdate {
            at: to_timestamp(at, "at")?,
            done,
            percent,
            note,
        };
        self.write()
            .record_initiative_update(id, update)
            .map_err(raise)
    }

    /// Every initiative's state at `as_of`, in insertion order (as `okr initiatives --format
    /// json`): dicts with `id`, `key_result`, `title`, `owner`, `due`, `share` (done, 0 to 1),
    /// `done`, `overdue` and `updated` (the time of the update in force, an aware datetime,
    /// or None).
    fn initiative_status<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let rows = self.read().initiative_status(to_as_of(as_of)?);
        let out = to_py(py, &rows)?;
        for (i, r) in rows.iter().enumerate() {
            if let Some(t) = r.updated {
                out.get_item(i)?
                    .set_item("updated", py_datetime(py, &rfc3339(t))?)?;
            }
        }
        Ok(out)
    }

    /// The initiatives of key result `kr` at `as_of`, counted: a dict with `count`, `done`,
    /// `overdue`, `share` (their mean share done) and `weight` (the key result's initiatives
    /// weight when above 0, else None: not counted); None when it has none.
    fn initiative_summary<'py>(
        &self,
        py: Python<'py>,
        kr: &str,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.read()
            .initiative_summary(kr, to_as_of(as_of)?)
            .map(|s| to_py(py, &s))
            .transpose()
    }
}
