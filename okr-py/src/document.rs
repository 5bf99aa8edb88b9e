//! Module functions on documents: `load`, `loads`, `from_dict`, `from_snapshot` and `check`.
//!
//! Sizes, the byte order mark, UTF-8 and telling a snapshot from JSON text are okr-core's
//! (`okr_core::document::read_file_bytes`, `read_bytes`, `load_bytes_with`); this file hands
//! it paths, file objects, `str` and `bytes`.

use std::io::Read;

use okr_core::OkrError;
use okr_core::document::{self, DocProblem, Limits, READ_CHUNK, ReadError};
use pyo3::exceptions::{PyOSError, PyTypeError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};

use crate::convert::{py_to_json, to_py};
use crate::errors::raise;
use crate::graph::Graph;
use crate::limits::PyLimits;

/// Reads a document from a path (`str` or `os.PathLike`: a file, a pipe, a device) or from a
/// file object (anything with `read(n)`, binary or text), in bounded chunks within okr-core's
/// limits.
/// Either is JSON text or a binary snapshot (`Graph.to_snapshot()`), told apart by okr-core.
/// `limits` (an `okr.Limits`, okr-core's defaults when not given) hold the read and the graph.
#[pyfunction]
#[pyo3(signature = (source, *, limits=None))]
pub(crate) fn load(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    limits: Option<PyRef<'_, PyLimits>>,
) -> PyResult<Graph> {
    let limits = PyLimits::or_default(limits.map(|l| *l));
    let bytes = if source.hasattr("read")? {
        let mut reader = PyReader::new(source);
        let bytes = document::read_bytes(&mut reader, &limits);
        bytes.map_err(|e| read_error(e, reader.error.take()))?
    } else {
        let path: std::path::PathBuf = source.extract()?;
        py.detach(|| document::read_file_bytes(&path, &limits))
            .map_err(|e| read_error(e, None))?
    };
    let inner = py
        .detach(|| document::load_vec_with(bytes, &limits))
        .map_err(raise)?;
    Ok(Graph::from_core(inner))
}

/// Reads a document from its JSON text: `str`, or `bytes`/`bytearray` holding UTF-8 or a
/// binary snapshot. `limits` as for `load`.
#[pyfunction]
#[pyo3(signature = (text, *, limits=None))]
pub(crate) fn loads(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    limits: Option<PyRef<'_, PyLimits>>,
) -> PyResult<Graph> {
    let limits = PyLimits::or_default(limits.map(|l| *l));
    let inner = with_document(
        py,
        text,
        &limits,
        |t| document::load_str_with(t, &limits),
        |b, limits| Ok(document::load_bytes_with(b, limits)),
    )?
    .and_then(|t| t)
    .map_err(raise)?;
    Ok(Graph::from_core(inner))
}

/// Reads a binary snapshot (`Graph.to_snapshot()`): `bytes` or `bytearray`. `limits` as for
/// `load` (a snapshot does not hold them: a pickled graph passes its own here).
#[pyfunction]
#[pyo3(signature = (data, limits=None))]
pub(crate) fn from_snapshot(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    limits: Option<PyRef<'_, PyLimits>>,
) -> PyResult<Graph> {
    let limits = PyLimits::or_default(limits.map(|l| *l));
    let Ok(bytes) = data.extract::<PyBackedBytes>() else {
        return Err(PyTypeError::new_err(format!(
            "a snapshot must be bytes or bytearray, not {}",
            data.get_type().name()?
        )));
    };
    let inner = py
        .detach(|| document::load_snapshot_with(&bytes, &limits))
        .map_err(raise)?;
    Ok(Graph::from_core(inner))
}

/// Builds a Graph from a document dict (as `Graph.to_dict()` returns). `limits` as for `load`.
#[pyfunction]
#[pyo3(signature = (data, *, limits=None))]
pub(crate) fn from_dict(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    limits: Option<PyRef<'_, PyLimits>>,
) -> PyResult<Graph> {
    let limits = PyLimits::or_default(limits.map(|l| *l));
    let text = py_to_json(data, "")
        .map_err(|(path, message)| raise(OkrError::Document { path, message }))?;
    let inner = py
        .detach(|| document::load_str_with(&text, &limits))
        .map_err(raise)?;
    Ok(Graph::from_core(inner))
}

/// Every problem of a document (not only the first) as dicts with path, code and message; the
/// text as `loads` takes it.
#[pyfunction]
pub(crate) fn check<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let limits = Limits::default();
    let problems = match with_document(py, text, &limits, document::check_str, |b, limits| {
        Ok(document::check_bytes_with(b, limits).problems)
    })? {
        Ok(problems) => problems,
        Err(e) => vec![DocProblem::from(e)],
    };
    to_py(py, &problems)
}

/// Runs `f` on a document's text given as `str`, or `bytes_f` on `bytes`/`bytearray` (JSON
/// text or a snapshot: okr-core tells them apart, then checks the size and UTF-8 within
/// `limits`), without the GIL. `Err` inside: the bytes are not a document.
fn with_document<T: Send>(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    limits: &Limits,
    f: impl FnOnce(&str) -> T + Send,
    bytes_f: impl FnOnce(&[u8], &Limits) -> Result<T, OkrError> + Send,
) -> PyResult<Result<T, OkrError>> {
    if let Ok(s) = data.extract::<PyBackedStr>() {
        return Ok(py.detach(|| Ok(f(&s))));
    }
    if let Ok(b) = data.extract::<PyBackedBytes>() {
        return Ok(py.detach(|| bytes_f(&b, limits)));
    }
    Err(PyTypeError::new_err(format!(
        "a document's text must be str, bytes or bytearray, not {}",
        data.get_type().name()?
    )))
}

/// The Python exception for a failed read: the file object's own exception when it raised one.
fn read_error(e: ReadError, raised: Option<PyErr>) -> PyErr {
    match e {
        ReadError::Okr(e) => raise(e),
        ReadError::Io(e) => raised.unwrap_or_else(|| e.into()),
        other => raised.unwrap_or_else(|| PyOSError::new_err(other.to_string())),
    }
}

/// A Python file object as a [`Read`]: each `read` asks the object for at most what okr-core
/// asks for (`read(n)`, `n` at most [`READ_CHUNK`]); a text file's characters are handed on as
/// UTF-8, the bytes a buffer cannot take kept for the next call.
struct PyReader<'a, 'py> {
    file: &'a Bound<'py, PyAny>,
    /// Bytes read from the file and not yet handed on.
    pending: Vec<u8>,
    /// The exception the file raised, or a `TypeError` for what `read` returned.
    error: Option<PyErr>,
}

impl<'a, 'py> PyReader<'a, 'py> {
    fn new(file: &'a Bound<'py, PyAny>) -> Self {
        PyReader {
            file,
            pending: Vec::new(),
            error: None,
        }
    }

    /// Keeps `e` to raise it, and stops the read.
    fn fail(&mut self, e: PyErr) -> std::io::Error {
        self.error = Some(e);
        std::io::Error::other("the file object raised an exception")
    }
}

impl Read for PyReader<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() {
            let n = buf.len().min(READ_CHUNK);
            let got = match self.file.call_method1("read", (n,)) {
                Ok(got) => got,
                Err(e) => return Err(self.fail(e)),
            };
            if let Ok(b) = got.extract::<PyBackedBytes>() {
                self.pending.extend_from_slice(&b);
            } else if let Ok(s) = got.extract::<PyBackedStr>() {
                self.pending.extend_from_slice(s.as_bytes());
            } else {
                let what = match got.get_type().name() {
                    Ok(name) => name.to_string(),
                    Err(e) => return Err(self.fail(e)),
                };
                let e = PyTypeError::new_err(format!(
                    "read() of a file object must return bytes or str, not {what}"
                ));
                return Err(self.fail(e));
            }
        }
        let n = self.pending.len().min(buf.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }
}
