//! `Series` (every node's figures at each date of a range, okr-core's `OkrGraph::series`)
//! and `Chart` (the burn-up chart's SVG, shown inline by Jupyter).

use okr_core::analytics::Series as CoreSeries;
use okr_core::{NodeKind, Status};
use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::errors::invalid_value;

/// Python `datetime.date`s of the series' dates (a date Python cannot hold, before the year
/// 1, is `InvalidValueError`).
fn py_dates<'py>(py: Python<'py>, s: &CoreSeries) -> PyResult<Bound<'py, PyList>> {
    let from_iso = py
        .import("datetime")?
        .getattr("date")?
        .getattr("fromisoformat")?;
    let dates = s
        .dates
        .iter()
        .map(|d| {
            let text = d.to_string();
            from_iso
                .call1((&text,))
                .map_err(|e| invalid_value("date", format!("{text} is not a Python date ({e})")))
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, dates)
}

fn status_names(xs: &[Option<Status>]) -> Vec<Option<&'static str>> {
    xs.iter().map(|s| s.map(Status::as_str)).collect()
}

/// Figures at each date of a range (`Graph.series`): `dates`, `ids`, `series[id]` (one node's
/// columns), `to_columns()` / `to_pandas()` (one row per date and node that exists then).
#[pyclass(module = "okr._okr", name = "Series", frozen)]
pub(crate) struct Series {
    pub(crate) inner: CoreSeries,
}

#[pymethods]
impl Series {
    /// The dates of the range (`datetime.date`), each meaning the end of that day, UTC.
    #[getter]
    fn dates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        py_dates(py, &self.inner)
    }

    /// The nodes' ids: those asked for, in that order, else every node that exists at some
    /// date of the range.
    #[getter]
    fn ids(&self) -> Vec<String> {
        self.inner.nodes.iter().map(|n| n.id.clone()).collect()
    }

    fn __len__(&self) -> usize {
        self.inner.nodes.len()
    }

    fn __contains__(&self, id: &str) -> bool {
        self.inner.nodes.iter().any(|n| n.id == id)
    }

    /// One node's columns, one entry per date (None where it does not exist or a figure is
    /// undefined): kind, value, progress, attainment, expected, planned_value, status.
    fn __getitem__<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyDict>> {
        let n = self
            .inner
            .nodes
            .iter()
            .find(|n| n.id == id)
            .ok_or_else(|| PyKeyError::new_err(id.to_string()))?;
        let d = PyDict::new(py);
        d.set_item("id", &n.id)?;
        d.set_item("kind", n.kind.as_str())?;
        d.set_item("value", &n.value)?;
        d.set_item("progress", &n.progress)?;
        d.set_item("attainment", &n.attainment)?;
        d.set_item("expected", &n.expected)?;
        d.set_item("planned_value", &n.planned_value)?;
        d.set_item("status", status_names(&n.status))?;
        Ok(d)
    }

    /// Long columns (a dict of lists), one entry per date and node that exists at that date,
    /// dates first, nodes in `ids` order: date (`datetime.date`), id, kind, value, progress,
    /// attainment, expected, planned_value, status.
    fn to_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = &self.inner;
        let dates = py_dates(py, s)?;
        let (mut date, mut id, mut kind) = (Vec::new(), Vec::new(), Vec::new());
        let (mut value, mut progress, mut attainment) = (Vec::new(), Vec::new(), Vec::new());
        let (mut expected, mut planned, mut status) = (Vec::new(), Vec::new(), Vec::new());
        for i in 0..s.dates.len() {
            for n in &s.nodes {
                let Some(st) = n.status[i] else { continue };
                date.push(dates.get_item(i)?);
                id.push(n.id.as_str());
                kind.push(n.kind.as_str());
                value.push(n.value[i]);
                progress.push(n.progress[i]);
                attainment.push(n.attainment[i]);
                expected.push(n.expected[i]);
                planned.push(n.planned_value[i]);
                status.push(st.as_str());
            }
        }
        let d = PyDict::new(py);
        d.set_item("date", date)?;
        d.set_item("id", id)?;
        d.set_item("kind", kind)?;
        d.set_item("value", value)?;
        d.set_item("progress", progress)?;
        d.set_item("attainment", attainment)?;
        d.set_item("expected", expected)?;
        d.set_item("planned_value", planned)?;
        d.set_item("status", status)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let s = &self.inner;
        let count = |k: NodeKind| s.nodes.iter().filter(|n| n.kind == k).count();
        match (s.dates.first(), s.dates.last()) {
            (Some(a), Some(b)) => format!(
                "<okr.Series {a} to {b} ({} days): {} objectives, {} key results>",
                s.dates.len(),
                count(NodeKind::Objective),
                count(NodeKind::KeyResult)
            ),
            _ => "<okr.Series (empty)>".to_string(),
        }
    }

    /// The long columns of `to_columns()` as a `pyarrow.Table` (needs pyarrow): date
    /// (`date32`, the calendar day; each figure is as of the end of that day, UTC), id, kind
    /// and status (categories of the whole legend), figures `float64` (null where undefined).
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.table(py)?.call_method0("to_arrow")
    }

    /// The same table as a polars DataFrame (needs polars only).
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.table(py)?.call_method0("to_polars")
    }

    /// The same table as a pandas DataFrame (needs pandas and pyarrow): `date` as
    /// `datetime64[ms]` (midnight of the day), `kind` and `status` categorical with every
    /// category, undefined figures NaN. `df.pivot(index="date", columns="id",
    /// values="progress")` gives one column per node.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.table(py)?.call_method0("to_pandas")
    }
}

impl Series {
    /// The long table as a `Table`.
    fn table<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, crate::arrow::Table>> {
        let batch = crate::table_specs::series(&self.inner)?;
        Bound::new(py, crate::arrow::Table::new("series", batch))
    }
}

/// A burn-up chart (`Graph.chart`): `svg` (a self-contained SVG document), shown inline in
/// Jupyter (`_repr_svg_`); `str(chart)` is the SVG.
#[pyclass(module = "okr._okr", name = "Chart", frozen)]
pub(crate) struct Chart {
    /// The objective or key result charted.
    #[pyo3(get)]
    pub(crate) id: String,
    /// The SVG document.
    #[pyo3(get)]
    pub(crate) svg: String,
}

#[pymethods]
impl Chart {
    fn _repr_svg_(&self) -> String {
        self.svg.clone()
    }

    fn __str__(&self) -> String {
        self.svg.clone()
    }

    fn __repr__(&self) -> String {
        format!(
            "<okr.Chart of {:?}: {} bytes of SVG>",
            self.id,
            self.svg.len()
        )
    }
}
