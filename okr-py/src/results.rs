//! Rollup results: `RollupResult` and `NodeResult`, with their column, pandas and HTML views.

use std::sync::Mutex;

use okr_core::format::percent;
use okr_core::{FigureSource, NodeKind, NodeResult as CoreNode, Rollup, Status, UndefinedReason};
use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

use crate::convert::{frame, py_datetime, rfc3339, to_py};
use crate::errors::raise;
use crate::graph::Graph;

/// The figures of one objective or key result in a rollup.
#[pyclass(module = "okr._okr", name = "NodeResult", frozen)]
pub(crate) struct NodeResult {
    #[pyo3(get)]
    id: String,
    #[pyo3(get)]
    kind: String,
    #[pyo3(get)]
    progress: Option<f64>,
    #[pyo3(get)]
    attainment: Option<f64>,
    #[pyo3(get)]
    source: &'static str,
    #[pyo3(get)]
    computed_progress: Option<f64>,
    #[pyo3(get)]
    computed_attainment: Option<f64>,
    #[pyo3(get)]
    expected: f64,
    #[pyo3(get)]
    planned_value: Option<f64>,
    #[pyo3(get)]
    status: String,
    #[pyo3(get)]
    confidence: Option<f64>,
    #[pyo3(get)]
    stale: bool,
    #[pyo3(get)]
    undefined_reason: Option<String>,
    #[pyo3(get)]
    value: Option<f64>,
    #[pyo3(get)]
    blocked: bool,
    last_check_in_text: Option<String>,
}

impl NodeResult {
    fn from_core(n: &CoreNode<'_>) -> Self {
        let v = &n.values;
        NodeResult {
            id: n.id.to_string(),
            kind: n.kind.as_str().to_string(),
            progress: v.progress,
            attainment: v.attainment,
            source: v.source.as_str(),
            computed_progress: v.computed_progress,
            computed_attainment: v.computed_attainment,
            expected: v.expected,
            planned_value: v.planned_value,
            status: v.status.as_str().to_string(),
            confidence: v.confidence,
            stale: v.stale,
            undefined_reason: v.undefined_reason.map(|r| r.as_str().to_string()),
            value: v.value,
            blocked: v.blocked,
            last_check_in_text: v.last_check_in.map(rfc3339),
        }
    }
}

#[pymethods]
impl NodeResult {
    /// Time of the check-in the value comes from (aware UTC datetime), or None.
    #[getter]
    fn last_check_in<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.last_check_in_text
            .as_deref()
            .map(|t| py_datetime(py, t))
            .transpose()
    }

    /// The figures as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("id", &self.id)?;
        d.set_item("kind", &self.kind)?;
        d.set_item("progress", self.progress)?;
        d.set_item("attainment", self.attainment)?;
        d.set_item("source", self.source)?;
        d.set_item("computed_progress", self.computed_progress)?;
        d.set_item("computed_attainment", self.computed_attainment)?;
        d.set_item("expected", self.expected)?;
        d.set_item("planned_value", self.planned_value)?;
        d.set_item("status", &self.status)?;
        d.set_item("confidence", self.confidence)?;
        d.set_item("stale", self.stale)?;
        d.set_item("undefined_reason", self.undefined_reason.as_deref())?;
        d.set_item("value", self.value)?;
        d.set_item("last_check_in", self.last_check_in(py)?)?;
        d.set_item("blocked", self.blocked)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "NodeResult(id={:?}, kind={:?}, progress={}{}, expected={}, status={:?}{})",
            self.id,
            self.kind,
            percent(self.progress),
            if self.source == "manual" {
                " (manual)"
            } else {
                ""
            },
            percent(self.expected),
            self.status,
            match (self.stale, self.blocked) {
                (true, true) => ", stale, blocked",
                (true, false) => ", stale",
                (false, true) => ", blocked",
                (false, false) => "",
            }
        )
    }
}

/// A rollup of a graph at one moment: `result[id]`, iteration (objectives in topological
/// order, then key results), columns, pandas and HTML views.
#[pyclass(module = "okr._okr", name = "RollupResult", frozen)]
pub(crate) struct RollupResult {
    pub(crate) inner: Mutex<Rollup>,
}

impl RollupResult {
    fn with<T>(&self, f: impl FnOnce(&Rollup) -> T) -> T {
        let guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        f(&guard)
    }
}

/// Native-endian float64 bytes (NaN for none, as in okr-core's columns): numpy reads them
/// without a Python object each.
fn f64_bytes<'py>(py: Python<'py>, xs: &[f64]) -> Bound<'py, PyBytes> {
    let bytes: Vec<u8> = xs.iter().flat_map(|x| x.to_ne_bytes()).collect();
    PyBytes::new(py, &bytes)
}

/// A column of okr-core's columns, NaN as None.
fn nan_none(xs: &[f64]) -> Vec<Option<f64>> {
    xs.iter().map(|&x| (!x.is_nan()).then_some(x)).collect()
}

/// okr-core's `UndefinedReason` column as names.
fn reason_names(rs: &[Option<UndefinedReason>]) -> Vec<Option<&'static str>> {
    rs.iter().map(|r| r.map(UndefinedReason::as_str)).collect()
}

impl RollupResult {
    /// okr-core's columns (`Rollup::columns`) as lists of Python values.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let c = guard.columns();
        let f = &c.figures;
        let d = PyDict::new(py);
        d.set_item("id", &c.ids)?;
        let kind: Vec<&str> = f.kind.iter().map(|k| k.as_str()).collect();
        d.set_item("kind", kind)?;
        d.set_item("progress", nan_none(&f.progress))?;
        d.set_item("attainment", nan_none(&f.attainment))?;
        d.set_item("expected", &f.expected)?;
        let status: Vec<&str> = f.status.iter().map(|s| s.as_str()).collect();
        d.set_item("status", status)?;
        d.set_item("confidence", nan_none(&f.confidence))?;
        d.set_item("stale", &f.stale)?;
        d.set_item("undefined_reason", reason_names(&c.undefined_reason))?;
        d.set_item("value", nan_none(&c.value))?;
        let last: Vec<Option<String>> = c.last_check_in.iter().map(|t| t.map(rfc3339)).collect();
        d.set_item("last_check_in", last)?;
        let source: Vec<&str> = f.source.iter().map(|s| s.as_str()).collect();
        d.set_item("source", source)?;
        d.set_item("computed_progress", nan_none(&c.figures.computed_progress))?;
        d.set_item(
            "computed_attainment",
            nan_none(&c.figures.computed_attainment),
        )?;
        d.set_item("planned_value", nan_none(&c.figures.planned_value))?;
        d.set_item("blocked", &c.figures.blocked)?;
        Ok(d)
    }

    /// The same columns for `to_pandas()`, numbers as raw native-endian arrays that numpy
    /// reads without a Python object per value: float64 with NaN for none; `kind`, `status`
    /// and `source` as uint8 codes (okr-core's `NodeKind::code`, `Status::code`,
    /// `FigureSource::code`) into the name lists `kind_names`, `status_names` and
    /// `source_names` (`NodeKind::ALL`, `Status::ALL`, `FigureSource::ALL`); `stale` as uint8;
    /// `last_check_in` as int64 epoch nanoseconds (int64's minimum, NaT, for none).
    /// `id` and `undefined_reason` stay lists.
    fn frame_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let c = guard.columns();
        let f = &c.figures;
        let d = PyDict::new(py);
        d.set_item("id", &c.ids)?;
        let kind: Vec<u8> = f.kind.iter().map(|k| k.code()).collect();
        d.set_item("kind", PyBytes::new(py, &kind))?;
        let kind_names: Vec<&str> = NodeKind::ALL.iter().map(|k| k.as_str()).collect();
        d.set_item("kind_names", kind_names)?;
        d.set_item("progress", f64_bytes(py, &f.progress))?;
        d.set_item("attainment", f64_bytes(py, &f.attainment))?;
        d.set_item("expected", f64_bytes(py, &f.expected))?;
        let status: Vec<u8> = f.status.iter().map(|s| s.code()).collect();
        d.set_item("status", PyBytes::new(py, &status))?;
        let status_names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        d.set_item("status_names", status_names)?;
        d.set_item("confidence", f64_bytes(py, &f.confidence))?;
        let stale: Vec<u8> = f.stale.iter().map(|&s| u8::from(s)).collect();
        d.set_item("stale", PyBytes::new(py, &stale))?;
        d.set_item("undefined_reason", reason_names(&c.undefined_reason))?;
        d.set_item("value", f64_bytes(py, &c.value))?;
        // i64::MIN is NaT in numpy's datetime64[ns]
        let last: Vec<u8> = (c.last_check_in.iter())
            .flat_map(|t| {
                t.and_then(|t| t.timestamp_nanos_opt())
                    .unwrap_or(i64::MIN)
                    .to_ne_bytes()
            })
            .collect();
        d.set_item("last_check_in", PyBytes::new(py, &last))?;
        let source: Vec<u8> = f.source.iter().map(|s| s.code()).collect();
        d.set_item("source", PyBytes::new(py, &source))?;
        let source_names: Vec<&str> = FigureSource::ALL.iter().map(|s| s.as_str()).collect();
        d.set_item("source_names", source_names)?;
        d.set_item(
            "computed_progress",
            f64_bytes(py, &c.figures.computed_progress),
        )?;
        d.set_item(
            "computed_attainment",
            f64_bytes(py, &c.figures.computed_attainment),
        )?;
        d.set_item("planned_value", f64_bytes(py, &c.figures.planned_value))?;
        let blocked: Vec<u8> = c.figures.blocked.iter().map(|&b| u8::from(b)).collect();
        d.set_item("blocked", PyBytes::new(py, &blocked))?;
        Ok(d)
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[pymethods]
impl RollupResult {
    fn __getitem__(&self, id: &str) -> PyResult<NodeResult> {
        self.with(|r| r.get(id).map(|n| NodeResult::from_core(&n)))
            .ok_or_else(|| PyKeyError::new_err(id.to_string()))
    }

    /// The node's figures, or `default` when the id is not in the rollup.
    #[pyo3(signature = (id, default=None))]
    fn get<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        default: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        match self.with(|r| r.get(id).map(|n| NodeResult::from_core(&n))) {
            Some(n) => Ok(Bound::new(py, n)?.into_any()),
            None => Ok(default.unwrap_or_else(|| py.None().into_bound(py))),
        }
    }

    fn __contains__(&self, id: &str) -> bool {
        self.with(|r| r.get(id).is_some())
    }

    fn __len__(&self) -> usize {
        self.with(|r| r.len())
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let nodes: Vec<NodeResult> =
            self.with(|r| r.nodes().map(|n| NodeResult::from_core(&n)).collect());
        PyList::new(py, nodes)?.try_iter().map(|i| i.into_any())
    }

    /// What blocks `id` at this rollup's time: dicts with `id`, `kind`, `reason`
    /// (`"off_track"` or `"not_started"`) and `start_by` (when the dependency has one); empty
    /// when nothing blocks it or the id is unknown.
    fn blockers<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        guard.blockers(id).iter().map(|b| to_py(py, b)).collect()
    }

    /// Objectives, in topological order (children before parents).
    fn objectives(&self) -> Vec<NodeResult> {
        self.with(|r| r.objectives().map(|n| NodeResult::from_core(&n)).collect())
    }

    /// Key results, in insertion order.
    fn key_results(&self) -> Vec<NodeResult> {
        self.with(|r| r.key_results().map(|n| NodeResult::from_core(&n)).collect())
    }

    /// The moment of the rollup (aware UTC datetime).
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let t = self.with(|r| rfc3339(r.as_of().0));
        py_datetime(py, &t)
    }

    /// The configuration used (on_track_margin, at_risk_margin, stale_days).
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let c = self.with(|r| *r.config());
        to_py(py, &c)
    }

    /// Brings this result up to date, in place, after check-ins on key result `kr_id` of
    /// `graph` (okr-core's `Rollup::refresh_key_result`): only the key result and the ancestors
    /// whose figures change are recomputed; the result equals a fresh `graph.rollup(...)` at
    /// the same moment. After a structural change it recomputes everything.
    fn refresh(&self, graph: PyRef<'_, Graph>, kr_id: &str) -> PyResult<()> {
        let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        guard
            .refresh_key_result(&graph.read(), kr_id)
            .map_err(raise)
    }

    /// Columns (a dict of lists, one entry per node): id, kind, progress, attainment, expected,
    /// status, confidence, stale, undefined_reason, value, last_check_in (RFC 3339 text),
    /// source (`computed` / `manual`), computed_progress, computed_attainment, planned_value,
    /// blocked.
    fn to_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.columns(py)
    }

    /// Same as `to_columns()`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.to_columns(py)
    }

    /// One row per node as a pandas DataFrame (needs pandas).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frame(py, self.frame_columns(py)?, "rollup")
    }

    fn __repr__(&self) -> String {
        self.with(|r| {
            let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
            for o in r.objectives() {
                *counts.entry(o.values.status.as_str()).or_default() += 1;
            }
            let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
            format!(
                "<okr.RollupResult as of {}: {} objectives ({}), {} key results>",
                r.as_of().date(),
                r.objectives().count(),
                parts.join(", "),
                r.key_results().count()
            )
        })
    }

    /// An HTML table for Jupyter (first 200 rows); figures printed by okr-core's
    /// `format::percent`, as `okr report` prints them (`undefined` for an undefined one);
    /// `blocked` names what blocks a blocked node and why (`Rollup::blockers`), as
    /// `okr report` does.
    fn _repr_html_(&self) -> String {
        const MAX: usize = 200;
        self.with(|r| {
            let mut s = format!(
                "<table><caption>okr rollup as of {}</caption><thead><tr><th>id</th><th>kind</th>\
                 <th>progress</th><th>expected</th><th>status</th><th>confidence</th>\
                 <th>stale</th><th>blocked</th></tr></thead><tbody>",
                r.as_of().date()
            );
            for n in r.nodes().take(MAX) {
                let v = n.values;
                let blocked = if v.blocked {
                    let by: Vec<String> = (r.blockers(n.id).iter())
                        .map(|b| format!("{} ({})", escape(b.id), b.reason.describe()))
                        .collect();
                    format!("blocked by {}", by.join(", "))
                } else {
                    String::new()
                };
                s.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(n.id),
                    n.kind.as_str(),
                    percent(v.progress),
                    percent(v.expected),
                    v.status.as_str(),
                    v.confidence.map(|c| format!("{c:.2}")).unwrap_or_default(),
                    if v.stale { "stale" } else { "" },
                    blocked
                ));
            }
            s.push_str("</tbody></table>");
            if r.len() > MAX {
                s.push_str(&format!("<p>… {} more rows</p>", r.len() - MAX));
            }
            s
        })
    }
}
