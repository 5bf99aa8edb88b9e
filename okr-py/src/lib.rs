//! `okr._okr`: the Python extension module of okr.
//!
//! A thin binding: every OKR rule lives in okr-core. This crate only converts Python values to
//! the core's types (through the core's serde types where it can), maps
//! [`OkrError`](okr_core::OkrError) to a table of exception classes, and converts results back.
//! The pure-Python layer is `python/okr`.
//!
//! This file only registers the module. The exceptions are in `errors`, conversions of values in
//! `convert` (and of check-ins in `check_ins`), the `Graph` class in `graph`, `RollupResult` and
//! `NodeResult` in `results`, the module functions in `document`, `lint` and `suggest`, and
//! tables (`from_tables`, `from_csv`, `Graph.to_tables`, `Graph.to_csv`) in `tables`.
#![forbid(unsafe_code)]

mod appraisal;
mod arrow;
mod check_ins;
mod convert;
mod document;
mod errors;
mod graph;
mod limits;
mod lint;
mod results;
mod series;
mod suggest;
mod table_specs;
mod tables;

use pyo3::prelude::*;

use crate::errors::{CLASSES, ERROR_CLASSES, make_classes};
use crate::graph::Graph;
use crate::results::{NodeResult, RollupResult};

#[pymodule]
fn _okr(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let classes = CLASSES.get_or_try_init(py, || make_classes(py))?;
    m.add("OkrError", classes.base.bind(py))?;
    for (name, _) in ERROR_CLASSES {
        if let Some(ty) = classes.by_name.get(name) {
            m.add(*name, ty.bind(py))?;
        }
    }
    m.add_class::<Graph>()?;
    m.add_class::<limits::PyLimits>()?;
    m.add_class::<RollupResult>()?;
    m.add_class::<NodeResult>()?;
    m.add_class::<arrow::Table>()?;
    m.add_function(wrap_pyfunction!(arrow::_table, m)?)?;
    m.add_function(wrap_pyfunction!(results::_node_result, m)?)?;
    m.add_function(wrap_pyfunction!(results::_rollup_result, m)?)?;
    m.add_class::<series::Series>()?;
    m.add_class::<series::Chart>()?;
    m.add_class::<appraisal::AppraisalPage>()?;
    m.add_function(wrap_pyfunction!(document::load, m)?)?;
    m.add_function(wrap_pyfunction!(document::loads, m)?)?;
    m.add_function(wrap_pyfunction!(document::from_dict, m)?)?;
    m.add_function(wrap_pyfunction!(document::from_snapshot, m)?)?;
    m.add_function(wrap_pyfunction!(document::check, m)?)?;
    m.add_function(wrap_pyfunction!(tables::from_tables, m)?)?;
    m.add_function(wrap_pyfunction!(tables::from_csv, m)?)?;
    m.add_function(wrap_pyfunction!(lint::lint_text, m)?)?;
    m.add_function(wrap_pyfunction!(lint::explain_rule, m)?)?;
    m.add_function(wrap_pyfunction!(lint::rules, m)?)?;
    m.add_function(wrap_pyfunction!(suggest::suggest_key_results, m)?)?;
    m.add_function(wrap_pyfunction!(suggest::draft_key_result, m)?)?;
    m.add("FORMAT_VERSION", okr_core::document::FORMAT_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
