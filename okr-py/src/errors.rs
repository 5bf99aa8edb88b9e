//! The exception hierarchy of `okr._okr`: `OkrError` and one subclass per okr-core error name,
//! with `.code` and `.ids` (and `.problems` on `TableError`), and the mapping of [`OkrError`]
//! to them.

use std::collections::HashMap;
use std::ffi::CString;

use okr_core::OkrError;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyType};

/// One exception class per `OkrError::name()` of okr-core, with its docstring, from the core's
/// own table. Mapping a core error to a class is a lookup of `name()`; there is no per-rule code.
pub(crate) const ERROR_CLASSES: &[(&str, &str)] = okr_core::ERROR_NAMES;

pub(crate) struct Classes {
    pub(crate) base: Py<PyType>,
    pub(crate) by_name: HashMap<&'static str, Py<PyType>>,
}

pub(crate) static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

pub(crate) fn make_classes(py: Python<'_>) -> PyResult<Classes> {
    let value_error = py.get_type::<PyValueError>();
    let base = PyErr::new_type(
        py,
        c"okr._okr.OkrError",
        Some(c"Base class of every okr error. Attributes: code (str), ids (list[str])."),
        Some(&value_error),
        None,
    )?;
    let mut by_name = HashMap::new();
    for (name, doc) in ERROR_CLASSES {
        let qual = CString::new(format!("okr._okr.{name}"))?;
        let doc = CString::new(*doc)?;
        let ty = PyErr::new_type(py, &qual, Some(&doc), Some(base.bind(py)), None)?;
        by_name.insert(*name, ty);
    }
    Ok(Classes { base, by_name })
}

/// Converts a core error into an instance of its exception class with `.code`, `.ids` (and
/// `.path` for document errors, `.problems` for tables).
pub(crate) fn raise(e: OkrError) -> PyErr {
    Python::attach(|py| {
        let Some(classes) = CLASSES.get(py) else {
            return PyValueError::new_err(e.to_string());
        };
        let ty = classes
            .by_name
            .get(e.name())
            .unwrap_or(&classes.base)
            .bind(py)
            .clone();
        let err = PyErr::from_type(ty, (e.to_string(),));
        let value = err.value(py);
        let set = || -> PyResult<()> {
            value.setattr("code", e.code())?;
            value.setattr("ids", e.ids().collect::<Vec<_>>())?;
            if let OkrError::Document { path, .. } = &e {
                value.setattr("path", path)?;
            }
            if let OkrError::InvalidTables { problems } = &e {
                value.setattr("problems", table_problems(py, problems)?)?;
            }
            Ok(())
        };
        match set() {
            Ok(()) => err,
            Err(other) => other,
        }
    })
}

/// The problems of tables as dicts: table, row (from 1; None for the whole table), column,
/// value (None when not about one), code, message, ids.
fn table_problems<'py>(
    py: Python<'py>,
    problems: &[okr_core::tables::TableProblem],
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for p in problems {
        let d = PyDict::new(py);
        d.set_item("table", &p.table)?;
        d.set_item("row", p.row)?;
        d.set_item("column", &p.column)?;
        d.set_item("value", &p.value)?;
        d.set_item("code", p.code)?;
        d.set_item("message", &p.message)?;
        d.set_item("ids", &p.ids)?;
        list.append(d)?;
    }
    Ok(list)
}

pub(crate) fn invalid_value(field: &str, reason: impl Into<String>) -> PyErr {
    raise(OkrError::InvalidValue {
        field: field.to_string(),
        reason: reason.into(),
    })
}
