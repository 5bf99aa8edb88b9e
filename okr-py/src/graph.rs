//! The `Graph` class: the struct, its copies, pickling and document output here, and one
//! `#[pymethods]` block per concern in the submodules (pyo3's `multiple-pymethods`):
//! `build` (owners, cycles, objectives, key results, links), `revisions` (updates, the clock,
//! the audit trail), `check_ins`, `queries` (reading the entities back), `rollups` (rollup,
//! report, explanations, what-if), `analytics` and `advice` (lint, drafted key results),
//! `series` (figures over a range of dates, burn-up charts), `workflow` (proposals, review,
//! comments, acknowledgements), `dependencies` (what blocks what; links with their kinds),
//! `kpis` (KPIs, their values and health), `initiatives` (work items under key results),
//! `visibility` (groups of viewers, who may see what), `views` (read-only views for one
//! viewer).

mod advice;
mod analytics;
mod appraisal;
mod build;
mod check_ins;
mod dependencies;
mod initiatives;
mod kpis;
mod queries;
mod revisions;
mod rollups;
mod series;
mod views;
mod visibility;
mod workflow;

use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard, TryLockError};

use okr_core::{OkrGraph, Revise};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::convert::{to_change_time, to_py};
use crate::errors::raise;

/// The OKR graph: owners, cycles, objectives aligned in a weighted DAG, key results and
/// check-ins. Every mutation validates first and changes nothing when it raises.
///
/// Shared between threads: readers (queries, rollups) run side by side, a writer (any change)
/// waits until they are done and they wait for it, never an error. The lock is `frozen` pyclass
/// state rather than pyo3's borrow flag, whose "Already borrowed" was the error a check-in met
/// while another thread rolled up. A thread that has to wait does so with the GIL released
/// ([`Graph::read`], [`Graph::write`]), so that the thread it waits for can finish.
#[pyclass(module = "okr._okr", name = "Graph", frozen)]
pub(crate) struct Graph {
    lock: RwLock<OkrGraph>,
}

/// Takes a lock with `try_lock`; when another thread holds it, waits for it with the GIL
/// released (the holder may need the GIL to finish), then tries again. A poisoned lock (a
/// panic inside okr-core, itself a bug reported as `PanicException`) is taken as it is: every
/// change validates before it writes, so the graph is as the last change left it.
fn take<'a, G>(
    lock: &'a RwLock<OkrGraph>,
    try_lock: impl Fn(&'a RwLock<OkrGraph>) -> Result<G, TryLockError<G>>,
    wait: impl Fn(&'a RwLock<OkrGraph>) + Sync,
) -> G {
    loop {
        match try_lock(lock) {
            Ok(g) => return g,
            Err(TryLockError::Poisoned(e)) => return e.into_inner(),
            Err(TryLockError::WouldBlock) => Python::attach(|py| py.detach(|| wait(lock))),
        }
    }
}

impl Graph {
    /// A Python graph over `inner`.
    pub(crate) fn from_core(inner: OkrGraph) -> Self {
        Graph {
            lock: RwLock::new(inner),
        }
    }

    /// The graph to read, shared with other readers. Never hold two in one thread (a writer
    /// waiting between them would wait forever): take one per method.
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, OkrGraph> {
        take(&self.lock, RwLock::try_read, |l| drop(l.read()))
    }

    /// The graph to change, alone.
    pub(crate) fn write(&self) -> RwLockWriteGuard<'_, OkrGraph> {
        take(&self.lock, RwLock::try_write, |l| drop(l.write()))
    }
}

/// What `Graph.__reduce__` gives pickle: `okr.from_snapshot` and its arguments (the snapshot
/// and the limits).
type Reduced<'py> = (
    Bound<'py, PyAny>,
    (Bound<'py, PyAny>, Bound<'py, crate::limits::PyLimits>),
);

/// The `at`, `by` and `reason` arguments of a change, as given.
type Stamp<'a, 'py> = (
    Option<&'a Bound<'py, PyAny>>,
    Option<String>,
    Option<String>,
);

impl Graph {
    /// Makes a change that okr-core offers in two forms, recorded as a revision (`revised`, the
    /// `*_at` / `revise_*` method) or not (`plain`): the revision is okr-core's
    /// `OkrGraph::revision_for` (the one rule), `at` read by `Revise::parse_at`. With neither a
    /// time nor a clock there is none and `plain` decides (a change after creation raises
    /// `MissingTimeError`; an addition exists from the beginning). `arg` goes to the one that
    /// runs.
    fn change<A, T>(
        &self,
        entity: &str,
        (at, by, reason): Stamp<'_, '_>,
        arg: A,
        revised: impl FnOnce(&mut OkrGraph, A, Revise) -> okr_core::Result<T>,
        plain: impl FnOnce(&mut OkrGraph, A) -> okr_core::Result<T>,
    ) -> PyResult<T> {
        let at = at
            .filter(|a| !a.is_none())
            .map(|a| to_change_time(a, "at"))
            .transpose()?;
        self.write()
            .change_with(entity, at, by, reason, arg, revised, plain)
            .map_err(raise)
    }
}

#[pymethods]
impl Graph {
    /// An empty graph, held to `limits` (an `okr.Limits`; okr-core's defaults when not given).
    #[new]
    #[pyo3(signature = (*, limits=None))]
    fn new(limits: Option<PyRef<'_, crate::limits::PyLimits>>) -> Self {
        let limits = crate::limits::PyLimits::or_default(limits.map(|l| *l));
        Graph::from_core(OkrGraph::with_limits(limits))
    }

    /// A deep copy.
    fn copy(&self) -> Self {
        Graph::from_core(self.read().clone())
    }

    fn __copy__(&self) -> Self {
        self.copy()
    }

    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.copy()
    }

    /// Pickles as its snapshot (`to_snapshot`) and its limits. A view does not pickle
    /// (`TypeError`): loaded again it would be an ordinary graph of the view's document, neither read-only nor with the
    /// figures of the hidden inputs; pickle the full graph and take the view again.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
        let g = self.read();
        if let Some(viewer) = g.view_viewer() {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "a view (for {viewer:?}) cannot be pickled: pickle the full graph and take the view again"
            )));
        }
        let from_snapshot = py.import("okr._okr")?.getattr("from_snapshot")?;
        let bytes = PyBytes::new(py, &py.detach(|| g.to_snapshot()));
        let limits = Bound::new(py, crate::limits::PyLimits::from(*g.limits()))?;
        Ok((from_snapshot, (bytes.into_any(), limits)))
    }

    fn __len__(&self) -> usize {
        self.read().objective_count()
    }

    fn __contains__(&self, id: &str) -> bool {
        let g = self.read();
        g.objective(id).is_some() || g.key_result(id).is_some()
    }

    fn __repr__(&self) -> String {
        let g = self.read();
        let view = match (g.view_viewer(), g.view_policy()) {
            (Some(v), Some(p)) => format!(" view for {v:?} ({})", p.as_str()),
            _ => String::new(),
        };
        format!(
            "<okr.Graph{view}: {} owners, {} cycles, {} objectives, {} key results>",
            g.owners().count(),
            g.cycles().count(),
            g.objective_count(),
            g.key_results().count()
        )
    }

    // --- documents ---

    /// The graph as document JSON text.
    fn dumps(&self) -> String {
        self.read().to_json()
    }

    /// The graph as a binary snapshot: the whole document, history included, that `okr.load`,
    /// `okr.loads` and `okr.from_snapshot` read back (and the `okr` command reads as a file).
    fn to_snapshot<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let g = self.read();
        let bytes = py.detach(|| g.to_snapshot());
        PyBytes::new(py, &bytes)
    }

    /// Writes the document JSON to `path`.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        let text = self.read().to_json();
        py.detach(|| std::fs::write(&path, text))?;
        Ok(())
    }

    /// The graph as a document dict (the JSON document format).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.read().to_document())
    }
}
