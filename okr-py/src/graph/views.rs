//! Views: okr-core's `OkrGraph::view_for_with` (a read-only graph of what one viewer may see,
//! with one combined entry per visible objective in place of its hidden inputs), the view's
//! accessors, and `Rollup::hidden_entry` on `RollupResult`. Every rule is okr-core's (the
//! policy names are `ViewPolicy::from_name`; every change on a view fails in the core with
//! `ReadOnlyView`); this file converts arguments and results.

use okr_core::ViewPolicy;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::Graph;
use crate::errors::raise;
use crate::results::RollupResult;

#[pymethods]
impl Graph {
    /// A read-only view of this graph for owner `viewer_id` (okr-core's
    /// `OkrGraph::view_for_with`): a new `Graph` holding only what the viewer may see, with one
    /// combined entry (`<parent>~hidden`, "Hidden objectives", owner `hidden`) per visible
    /// objective in place of its hidden inputs. `policy`: `"count_hidden"` (the default: hidden
    /// progress still counts, every visible figure is the full graph's) or `"exclude_hidden"`
    /// (it does not count). Every query works on it; every change raises `ReadOnlyViewError`.
    /// Raises `UnknownIdError` for an unknown viewer, `InvalidValueError` for another policy.
    ///
    /// # Complexity
    /// O(size of the document), without the GIL.
    #[pyo3(signature = (viewer_id, policy="count_hidden"))]
    fn view_for(&self, py: Python<'_>, viewer_id: &str, policy: &str) -> PyResult<Graph> {
        let policy = ViewPolicy::from_name(policy).map_err(raise)?;
        let g = &*self.read();
        let inner = py
            .detach(|| g.view_for_with(viewer_id, policy))
            .map_err(raise)?;
        Ok(Graph::from_core(inner))
    }

    /// Whether this graph is a view (`view_for`).
    #[getter]
    fn is_view(&self) -> bool {
        self.read().is_view()
    }

    /// The viewer of this view; None for a graph that is not a view.
    #[getter]
    fn view_viewer(&self) -> Option<String> {
        self.read().view_viewer().map(str::to_string)
    }

    /// The policy of this view (`"count_hidden"` or `"exclude_hidden"`); None for a graph
    /// that is not a view.
    #[getter]
    fn view_policy(&self) -> Option<&'static str> {
        self.read().view_policy().map(ViewPolicy::as_str)
    }

    /// The visible objective the combined entry `id` stands under; None when `id` is not a
    /// combined entry of this view (and on a graph that is not a view).
    fn hidden_entry_parent(&self, id: &str) -> Option<String> {
        self.read().hidden_entry_parent(id).map(str::to_string)
    }
}

#[pymethods]
impl RollupResult {
    /// What the combined entry `id` of a view stands for at this rollup's time (okr-core's
    /// `Rollup::hidden_entry`): a dict with `count` (how many hidden objectives and key
    /// results) and `weight` (their combined weight in the parent); None for any other id and
    /// on a rollup that is not a view's.
    fn hidden_entry<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyDict>>> {
        let entry = {
            let guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            guard.hidden_entry(id)
        };
        entry
            .map(|e| {
                let d = PyDict::new(py);
                d.set_item("count", e.count)?;
                d.set_item("weight", e.weight)?;
                Ok(d)
            })
            .transpose()
    }
}
