//! Module functions on documents: `load`, `loads`, `from_dict` and `check`.

use okr_core::OkrError;
use okr_core::document;
use pyo3::prelude::*;

use crate::convert::{py_to_json, to_py};
use crate::errors::raise;
use crate::graph::Graph;

/// Reads a document file into a Graph.
#[pyfunction]
pub(crate) fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Graph> {
    // the size limit is checked before the file is read
    let len = std::fs::metadata(&path)?.len();
    document::check_size(len, &document::Limits::default()).map_err(raise)?;
    let text = py.detach(|| std::fs::read_to_string(&path))?;
    loads(py, &text)
}

/// Reads document JSON text into a Graph.
#[pyfunction]
pub(crate) fn loads(py: Python<'_>, text: &str) -> PyResult<Graph> {
    let inner = py.detach(|| document::load_str(text)).map_err(raise)?;
    Ok(Graph { inner })
}

/// Builds a Graph from a document dict (as `Graph.to_dict()` returns).
#[pyfunction]
pub(crate) fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Graph> {
    let v = py_to_json(data, "")
        .map_err(|(path, message)| raise(OkrError::Document { path, message }))?;
    loads(py, &v.to_string())
}

/// Every problem of a document (not only the first) as dicts with path, code and message.
#[pyfunction]
pub(crate) fn check<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let problems = py.detach(|| document::check_str(text));
    to_py(py, &problems)
}
