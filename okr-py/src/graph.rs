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

use okr_core::{OkrGraph, Revise};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::convert::{to_change_time, to_py};
use crate::errors::raise;

/// The OKR graph: owners, cycles, objectives aligned in a weighted DAG, key results and
/// check-ins. Every mutation validates first and changes nothing when it raises.
#[pyclass(module = "okr._okr", name = "Graph")]
pub(crate) struct Graph {
    pub(crate) inner: OkrGraph,
}

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
        &mut self,
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
        self.inner
            .change_with(entity, at, by, reason, arg, revised, plain)
            .map_err(raise)
    }
}

#[pymethods]
impl Graph {
    /// An empty graph.
    #[new]
    fn new() -> Self {
        Graph {
            inner: OkrGraph::new(),
        }
    }

    /// A deep copy.
    fn copy(&self) -> Self {
        Graph {
            inner: self.inner.clone(),
        }
    }

    fn __copy__(&self) -> Self {
        self.copy()
    }

    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.copy()
    }

    /// Pickles as its snapshot (`to_snapshot`). A view does not pickle (`TypeError`): loaded again it
    /// would be an ordinary graph of the view's document, neither read-only nor with the
    /// figures of the hidden inputs; pickle the full graph and take the view again.
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        if let Some(viewer) = self.inner.view_viewer() {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "a view (for {viewer:?}) cannot be pickled: pickle the full graph and take the view again"
            )));
        }
        let from_snapshot = py.import("okr._okr")?.getattr("from_snapshot")?;
        let bytes = PyBytes::new(py, &py.detach(|| self.inner.to_snapshot()));
        Ok((from_snapshot, (bytes.into_any(),)))
    }

    fn __len__(&self) -> usize {
        self.inner.objective_count()
    }

    fn __contains__(&self, id: &str) -> bool {
        self.inner.objective(id).is_some() || self.inner.key_result(id).is_some()
    }

    fn __repr__(&self) -> String {
        let view = match (self.inner.view_viewer(), self.inner.view_policy()) {
            (Some(v), Some(p)) => format!(" view for {v:?} ({})", p.as_str()),
            _ => String::new(),
        };
        format!(
            "<okr.Graph{view}: {} owners, {} cycles, {} objectives, {} key results>",
            self.inner.owners().count(),
            self.inner.cycles().count(),
            self.inner.objective_count(),
            self.inner.key_results().count()
        )
    }

    // --- documents ---

    /// The graph as document JSON text.
    fn dumps(&self) -> String {
        self.inner.to_json()
    }

    /// The graph as a binary snapshot: the whole document, history included, that `okr.load`,
    /// `okr.loads` and `okr.from_snapshot` read back (and the `okr` command reads as a file).
    fn to_snapshot<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let bytes = py.detach(|| self.inner.to_snapshot());
        PyBytes::new(py, &bytes)
    }

    /// Writes the document JSON to `path`.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        let text = self.inner.to_json();
        py.detach(|| std::fs::write(&path, text))?;
        Ok(())
    }

    /// The graph as a document dict (the JSON document format).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.to_document())
    }
}
