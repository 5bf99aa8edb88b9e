//! Reading the graph back: owners, cycles, objectives and key results as dicts, and the
//! alignment (parents, children, roots).

use pyo3::prelude::*;

use super::Graph;
use crate::convert::to_py;

#[pymethods]
impl Graph {
    /// All owners, as dicts, in insertion order.
    fn owners<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.read().owners().map(|o| to_py(py, o)).collect()
    }

    /// The owner with this id, or None.
    fn owner<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.read().owner(id).map(|o| to_py(py, o)).transpose()
    }

    /// All cycles, as dicts, in insertion order.
    fn cycles<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.read().cycles().map(|c| to_py(py, c)).collect()
    }

    /// All objectives, as dicts, in insertion order.
    fn objectives<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.read().objectives().map(|o| to_py(py, o)).collect()
    }

    /// The objective with this id, or None.
    fn objective<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.read().objective(id).map(|o| to_py(py, o)).transpose()
    }

    /// All key results, as dicts, in insertion order.
    fn key_results<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.read().key_results().map(|k| to_py(py, k)).collect()
    }

    /// The key result with this id, or None.
    fn key_result<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.read().key_result(id).map(|k| to_py(py, k)).transpose()
    }

    /// The key results under the aggregate key result `id` (those whose `parent` names it), as
    /// dicts; empty for any other id.
    fn key_results_under<'py>(
        &self,
        py: Python<'py>,
        id: &str,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.read()
            .key_results_under(id)
            .into_iter()
            .map(|k| to_py(py, k))
            .collect()
    }

    /// The key results of an objective, as dicts.
    fn key_results_of<'py>(
        &self,
        py: Python<'py>,
        objective: &str,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.read()
            .key_results_of(objective)
            .into_iter()
            .map(|k| to_py(py, k))
            .collect()
    }

    /// The objectives `objective` is aligned under, as (id, weight) in link order.
    fn parents_of(&self, objective: &str) -> Vec<(String, f64)> {
        self.read()
            .parents_of(objective)
            .into_iter()
            .map(|(id, w)| (id.to_string(), w))
            .collect()
    }

    /// The objectives aligned under `objective`, as (id, weight) in link order.
    fn children_of(&self, objective: &str) -> Vec<(String, f64)> {
        self.read()
            .children_of(objective)
            .into_iter()
            .map(|(id, w)| (id.to_string(), w))
            .collect()
    }

    /// Ids of the objectives aligned under nothing.
    fn roots(&self) -> Vec<String> {
        self.read()
            .roots()
            .into_iter()
            .map(|o| o.id.clone())
            .collect()
    }
}
