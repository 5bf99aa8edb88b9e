//! KPIs: okr-core's `OkrGraph::add_kpi`, `update_kpi`, `remove_kpi`, `record_kpi_value` and
//! `kpi_health` (health metrics reported apart from OKR progress). Every rule is okr-core's;
//! this file converts arguments and results.

use okr_core::{Kpi, KpiValue};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use super::Graph;
use crate::convert::{
    extra_from, frame, from_py, py_datetime, rfc3339, to_as_of, to_py, to_timestamp,
};
use crate::errors::raise;

/// A KPI from the arguments of `add_kpi` / `update_kpi`: `health`, `targets` and `values` in
/// the document's form (`values[i]["at"]` a date, a zoned datetime or ISO text), read by
/// okr-core's serde types; okr-core checks the rest when it is added.
#[allow(clippy::too_many_arguments)]
fn kpi_from(
    id: &str,
    name: &str,
    health: &Bound<'_, PyAny>,
    unit: &str,
    owner: Option<String>,
    targets: Option<&Bound<'_, PyAny>>,
    values: Option<&Bound<'_, PyAny>>,
    extra: Option<&Bound<'_, PyAny>>,
) -> PyResult<Kpi> {
    let mut kpi = Kpi::new(id, name, from_py(health, "health")?);
    kpi.unit = unit.to_string();
    kpi.owner = owner;
    if let Some(t) = targets.filter(|t| !t.is_none()) {
        kpi.targets = from_py(t, "targets")?;
    }
    if let Some(v) = values.filter(|v| !v.is_none()) {
        kpi.values = from_py(v, "values")?;
    }
    kpi.extra = extra_from(extra, "extra")?;
    Ok(kpi)
}

/// A KPI as a dict (the document's form), its values' `at` as aware datetimes (UTC).
fn kpi_dict<'py>(py: Python<'py>, k: &Kpi) -> PyResult<Bound<'py, PyAny>> {
    let d = to_py(py, k)?;
    if let Ok(values) = d.get_item("values") {
        for (i, v) in k.values.iter().enumerate() {
            values
                .get_item(i)?
                .set_item("at", py_datetime(py, &rfc3339(v.at))?)?;
        }
    }
    Ok(d)
}

#[pymethods]
impl Graph {
    /// Adds a KPI: a health metric apart from the objectives, with `health` (`{"kind":
    /// "increase"}`, `"decrease"`, `{"kind": "at_or_above", "value": 95}`, `"at_or_below"`,
    /// `{"kind": "between", "min": 30, "max": 60}`), a `unit`, monthly `targets`
    /// (`[{"month": "2026-11", "value": 92}]`) and `values` (`[{"at", "value", "note"}]`).
    /// Its id shares the space of objective and key result ids.
    #[pyo3(signature = (id, name, health, *, unit="", owner=None, targets=None, values=None, extra=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_kpi(
        &self,
        id: &str,
        name: &str,
        health: &Bound<'_, PyAny>,
        unit: &str,
        owner: Option<String>,
        targets: Option<&Bound<'_, PyAny>>,
        values: Option<&Bound<'_, PyAny>>,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let kpi = kpi_from(id, name, health, unit, owner, targets, values, extra)?;
        self.write().add_kpi(kpi).map_err(raise)
    }

    /// Replaces KPI `id` (its values included); the key results taking their values from it
    /// get the new values as their check-ins.
    #[pyo3(signature = (id, name, health, *, unit="", owner=None, targets=None, values=None, extra=None))]
    #[allow(clippy::too_many_arguments)]
    fn update_kpi(
        &self,
        id: &str,
        name: &str,
        health: &Bound<'_, PyAny>,
        unit: &str,
        owner: Option<String>,
        targets: Option<&Bound<'_, PyAny>>,
        values: Option<&Bound<'_, PyAny>>,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let kpi = kpi_from(id, name, health, unit, owner, targets, values, extra)?;
        self.write().update_kpi(kpi).map_err(raise)
    }

    /// Removes a KPI no key result takes its values from (`InUseError` otherwise).
    fn remove_kpi(&self, id: &str) -> PyResult<()> {
        self.write().remove_kpi(id).map(drop).map_err(raise)
    }

    /// The KPI with this id as a dict, or None.
    fn kpi<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.read().kpi(id).map(|k| kpi_dict(py, k)).transpose()
    }

    /// Every KPI as a dict, in insertion order.
    fn kpis<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.read().kpis().map(|k| kpi_dict(py, k)).collect()
    }

    /// Records a value of KPI `kpi_id` at `at` (a date is 00:00 UTC; a zoned datetime that
    /// instant), and so a check-in of each key result taking its values from it.
    #[pyo3(signature = (kpi_id, at, value, note=None))]
    fn record_kpi_value(
        &self,
        kpi_id: &str,
        at: &Bound<'_, PyAny>,
        value: f64,
        note: Option<String>,
    ) -> PyResult<()> {
        let mut v = KpiValue::new(to_timestamp(at, "at")?, value);
        v.note = note;
        self.write().record_kpi_value(kpi_id, v).map_err(raise)
    }

    /// Every KPI's health at `as_of`, apart from OKR progress: dicts with `id`, `name`,
    /// `owner`, `unit`, `kind` (the health rule), `value` (the latest at or before `as_of`),
    /// `at` (its time, an aware datetime), `previous`, `trend` (`"up"`, `"down"`, `"flat"`),
    /// `target` (the month's target, else a threshold), `min` and `max` (a band) and
    /// `health` (`"healthy"`, `"unhealthy"`, `"no_data"`).
    fn kpi_health<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let rows = self.read().kpi_health(to_as_of(as_of)?);
        let out = to_py(py, &rows)?;
        for (i, r) in rows.iter().enumerate() {
            if let Some(t) = r.at {
                out.get_item(i)?
                    .set_item("at", py_datetime(py, &rfc3339(t))?)?;
            }
        }
        Ok(out)
    }

    /// `kpi_health(as_of)` as a pandas DataFrame, one row per KPI (needs pandas).
    fn kpi_health_frame<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let rows = self.read().kpi_health(to_as_of(as_of)?);
        let d = PyDict::new(py);
        let names = [
            "id", "name", "owner", "unit", "kind", "value", "at", "previous", "trend", "target",
            "min", "max", "health",
        ];
        let json = to_py(py, &rows)?;
        for name in names {
            let col = PyList::empty(py);
            for (i, r) in rows.iter().enumerate() {
                if name == "at" {
                    col.append(r.at.map(rfc3339))?;
                } else {
                    col.append(json.get_item(i)?.get_item(name)?)?;
                }
            }
            d.set_item(name, col)?;
        }
        frame(py, d, "kpi_health")
    }
}
