//! Rollup results: `RollupResult` and `NodeResult`, with their column, pandas and HTML views.

use std::sync::Mutex;

use okr_core::format::percent;
use okr_core::render::{html_escape, progress_bar_html};
use okr_core::{FigureSource, NodeResult as CoreNode, Rollup};
use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList, PyTuple};

use crate::arrow::Table;
use crate::convert::{py_datetime, rfc3339, to_py};
use crate::errors::raise;
use crate::graph::Graph;
use crate::table_specs;

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

    /// Equal when every figure is: same id, kind, numbers (bit for bit), flags, status and
    /// time. A figure that is undefined (None) equals None in the same place.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        let Ok(o) = other.cast::<NodeResult>() else {
            return false;
        };
        let o = o.get();
        let bits = |x: Option<f64>| x.map(f64::to_bits);
        let numbers = |n: &NodeResult| {
            [
                bits(n.progress),
                bits(n.attainment),
                bits(n.computed_progress),
                bits(n.computed_attainment),
                bits(Some(n.expected)),
                bits(n.planned_value),
                bits(n.confidence),
                bits(n.value),
            ]
        };
        (self.id == o.id && self.kind == o.kind && self.source == o.source)
            && (self.status == o.status && self.stale == o.stale && self.blocked == o.blocked)
            && self.undefined_reason == o.undefined_reason
            && self.last_check_in_text == o.last_check_in_text
            && numbers(self) == numbers(o)
    }

    /// Pickles as its fields (`okr._okr._node_result`).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let f = py.import("okr._okr")?.getattr("_node_result")?;
        let state = (
            (
                &self.id,
                &self.kind,
                self.progress,
                self.attainment,
                self.source,
            ),
            (
                self.computed_progress,
                self.computed_attainment,
                self.expected,
            ),
            (
                self.planned_value,
                &self.status,
                self.confidence,
                self.stale,
            ),
            (&self.undefined_reason, self.value, self.blocked),
            &self.last_check_in_text,
        );
        PyTuple::new(py, [f, (state,).into_pyobject(py)?.into_any()])
    }

    /// One node's figures as an HTML table for Jupyter.
    ///
    /// Returns
    /// -------
    /// str
    ///     A two-column table (figure, value): the progress bar and the figures as
    ///     ``okr report`` prints them. Inline styles only, no script; the id escaped.
    fn _repr_html_(&self) -> String {
        let status = okr_core::Status::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == self.status)
            .unwrap_or(okr_core::Status::NoData);
        let opt = |x: Option<f64>| x.map(|c| format!("{c:.2}")).unwrap_or_default();
        let rows: [(&str, String); 11] = [
            ("progress", progress_bar_html(self.progress, status)),
            ("attainment", percent(self.attainment)),
            ("expected", percent(self.expected)),
            ("status", html_escape(&self.status.replace('_', " "))),
            ("source", self.source.to_string()),
            ("computed progress", percent(self.computed_progress)),
            ("confidence", opt(self.confidence)),
            (
                "value",
                self.value.map(okr_core::format::number).unwrap_or_default(),
            ),
            (
                "last check-in",
                html_escape(self.last_check_in_text.as_deref().unwrap_or("")),
            ),
            (
                "stale / blocked",
                format!("{} / {}", self.stale, self.blocked),
            ),
            (
                "undefined because",
                html_escape(self.undefined_reason.as_deref().unwrap_or("")),
            ),
        ];
        let mut s = format!(
            "<table class=\"okr-node\" style=\"border-collapse:collapse;font-family:Helvetica,Arial,sans-serif;font-size:13px\">\
             <caption style=\"text-align:left;font-weight:bold;padding:4px 0\">{} {}</caption><tbody>",
            self.kind.replace('_', " "),
            html_escape(&self.id)
        );
        for (k, v) in rows {
            s.push_str(&format!(
                "<tr style=\"border-bottom:1px solid #eee\"><th style=\"text-align:left;padding:3px 8px\">{k}</th><td style=\"padding:3px 8px\">{v}</td></tr>"
            ));
        }
        s.push_str("</tbody></table>");
        s
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

type NodeState = (
    (String, String, Option<f64>, Option<f64>, String),
    (Option<f64>, Option<f64>, f64),
    (Option<f64>, String, Option<f64>, bool),
    (Option<String>, Option<f64>, bool),
    Option<String>,
);

/// Rebuilds a pickled [`NodeResult`].
#[pyfunction]
pub(crate) fn _node_result(state: NodeState) -> PyResult<NodeResult> {
    let ((id, kind, progress, attainment, source), a, b, c, last) = state;
    let source = FigureSource::ALL
        .iter()
        .map(|s| s.as_str())
        .find(|s| *s == source)
        .ok_or_else(|| PyValueError::new_err(format!("okr: no figure source {source:?}")))?;
    Ok(NodeResult {
        id,
        kind,
        progress,
        attainment,
        source,
        computed_progress: a.0,
        computed_attainment: a.1,
        expected: a.2,
        planned_value: b.0,
        status: b.1,
        confidence: b.2,
        stale: b.3,
        undefined_reason: c.0,
        value: c.1,
        blocked: c.2,
        last_check_in_text: last,
    })
}

/// A rollup of a graph at one moment: `result[id]`, iteration (objectives in topological
/// order, then key results), columns, pandas and HTML views.
#[pyclass(module = "okr._okr", name = "RollupResult", frozen)]
pub(crate) struct RollupResult {
    pub(crate) inner: Mutex<Rollup>,
    /// The graph (or view) it was computed from: the table's titles, owners, cycles and
    /// states are read from it (as it stood at the rollup's time), and a pickled result is
    /// this graph with the moment and configuration.
    pub(crate) graph: Py<Graph>,
    /// A `what_if` rollup: hypothetical check-ins the graph does not hold (it does not pickle).
    pub(crate) hypothetical: bool,
}

impl RollupResult {
    /// A result of `graph`.
    pub(crate) fn new(rollup: Rollup, graph: Py<Graph>, hypothetical: bool) -> Self {
        RollupResult {
            inner: Mutex::new(rollup),
            graph,
            hypothetical,
        }
    }

    /// The rollup table (okr-core's `Rollup::table`) as a record batch.
    fn batch(&self, py: Python<'_>) -> PyResult<arrow_array::RecordBatch> {
        let graph = self.graph.bind(py).get();
        let table = {
            let g = graph.read();
            self.with(|r| r.table(&g)).map_err(raise)?
        };
        table_specs::rollup(table)
    }

    /// The whole table as a `Table`.
    fn table(&self, py: Python<'_>) -> PyResult<Table> {
        Ok(Table::new("rollup", self.batch(py)?))
    }

    /// Everything equality compares: the moment, the configuration and every column of
    /// figures, printed (NaN prints as NaN: undefined in the same place compares equal).
    fn key(&self) -> String {
        self.with(|r| {
            let c = r.columns();
            format!(
                "{:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                r.as_of(),
                r.config(),
                c.ids,
                c.figures,
                c.undefined_reason,
                c.value,
                c.last_check_in
            )
        })
    }
}

/// Rebuilds a pickled [`RollupResult`]: `graph` rolled up again at the same moment with the
/// same configuration (the result is a function of them).
#[pyfunction]
pub(crate) fn _rollup_result(
    py: Python<'_>,
    graph: Py<Graph>,
    as_of: &str,
    config: &str,
) -> PyResult<RollupResult> {
    let as_of = okr_core::AsOf::parse(as_of).map_err(raise)?;
    let config: okr_core::RollupConfig =
        serde_json::from_str(config).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let r = {
        let g = graph.bind(py).get().read();
        g.rollup_with(as_of, &config).map_err(raise)?
    };
    Ok(RollupResult::new(r, graph, false))
}

impl RollupResult {
    fn with<T>(&self, f: impl FnOnce(&Rollup) -> T) -> T {
        let guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        f(&guard)
    }
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

    /// The columns of `to_arrow()` as a dict of lists, one entry per node: text as str (None
    /// where there is none), categories as their names, figures as floats (None where
    /// undefined), times as aware UTC datetimes (microseconds).
    fn to_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        crate::arrow::to_lists(py, &self.batch(py)?, true)
    }

    /// Same as `to_columns()`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.to_columns(py)
    }

    /// The rollup table (`to_arrow()`'s columns) as a `Table`.
    fn to_table(&self, py: Python<'_>) -> PyResult<Table> {
        self.table(py)
    }

    /// One row per node as a `pyarrow.Table` (needs pyarrow); the columns and types are in
    /// the stubs (`okr/_okr.pyi`).
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Bound::new(py, self.table(py)?)?.call_method0("to_arrow")
    }

    /// One row per node as a polars DataFrame (needs polars only).
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Bound::new(py, self.table(py)?)?.call_method0("to_polars")
    }

    /// One row per node as a pandas DataFrame (needs pandas and pyarrow).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Bound::new(py, self.table(py)?)?.call_method0("to_pandas")
    }

    /// The Arrow C stream of the table (the PyCapsule interface: `pyarrow.table(r)`,
    /// `polars.DataFrame(r)`, DuckDB).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        crate::arrow::stream_capsule(py, &self.batch(py)?)
    }

    /// Equal when the moment, the configuration and every figure of every node are (NaN
    /// where undefined compares equal in the same place): two rollups of the same graph at
    /// the same moment are equal. Unhashable: `refresh` changes a result in place.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<RollupResult>() {
            Ok(o) => std::ptr::eq(self, o.get()) || self.key() == o.get().key(),
            Err(_) => false,
        }
    }

    /// Pickles as its graph, moment and configuration (`okr._okr._rollup_result` rolls the
    /// graph up again). A result out of date with its graph (checked in since, not
    /// refreshed) and a `what_if` result refuse to pickle: `ValueError`.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        if self.hypothetical {
            return Err(PyValueError::new_err(
                "a what_if result does not pickle (its check-ins are not in the graph): \
                 pickle the graph and the values",
            ));
        }
        let (as_of, config) = self.with(|r| (r.as_of(), *r.config()));
        let fresh = {
            let g = self.graph.bind(py).get().read();
            g.rollup_with(as_of, &config).map_err(raise)?
        };
        let same = RollupResult::new(fresh, self.graph.clone_ref(py), false);
        if same.key() != self.key() {
            return Err(PyValueError::new_err(
                "this result is out of date with its graph (changed since): call \
                 refresh() or roll up again before pickling it",
            ));
        }
        let f = py.import("okr._okr")?.getattr("_rollup_result")?;
        let config =
            serde_json::to_string(&config).map_err(|e| PyValueError::new_err(e.to_string()))?;
        let args = (self.graph.clone_ref(py), rfc3339(as_of.0), config);
        PyTuple::new(py, [f, args.into_pyobject(py)?.into_any()])
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

    /// The alignment tree as an HTML table for Jupyter (okr-core's `Report::render_html`).
    ///
    /// Returns
    /// -------
    /// str
    ///     One row per line of ``okr report``, parents before children, indented by depth:
    ///     title and id, owner, a progress bar with the percentage, expected pace, status,
    ///     confidence and notes (stale, blocked by, not counted, shown above). Inline styles
    ///     only, no script; every text from the document escaped.
    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        let graph = self.graph.bind(py).get();
        let g = graph.read();
        self.with(|r| okr_core::report::Report::render_html(&g, r))
            .map_err(raise)
    }
}
