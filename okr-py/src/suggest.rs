//! Module functions of the key-result suggester.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{options, to_date, to_py};
use crate::errors::raise;

/// Ranked KPI / key-result suggestions for an objective's text, as dicts (okr-core's
/// `Suggestion`). `function` and `top` (None: not given) are okr-core's `SuggestOptions`, read
/// by its options reader, which fills the defaults (`top`: 5): a bad option (`top` negative or
/// not a whole number) is `ConfigError`, as in every binding.
#[pyfunction]
#[pyo3(signature = (text, function=None, top=None))]
pub(crate) fn suggest_key_results<'py>(
    py: Python<'py>,
    text: &str,
    function: Option<&Bound<'py, PyAny>>,
    top: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let given = PyDict::new(py);
    for (name, v) in [("function", function), ("top", top)] {
        if let Some(v) = v.filter(|v| !v.is_none()) {
            given.set_item(name, v)?;
        }
    }
    let opts: okr_core::suggest::SuggestOptions = options(&given, "suggest_key_results")?;
    let found = py
        .detach(|| okr_core::suggest::suggest(text, &opts))
        .map_err(raise)?;
    to_py(py, &found)
}

/// A catalog template filled into a SMART key result, as a dict (okr-core's `Draft`).
#[pyfunction]
#[pyo3(signature = (template, deadline, baseline=None, target=None))]
pub(crate) fn draft_key_result<'py>(
    py: Python<'py>,
    template: &str,
    deadline: &Bound<'_, PyAny>,
    baseline: Option<f64>,
    target: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let deadline = to_date(deadline, "deadline")?;
    let d =
        okr_core::suggest::draft_template(template, baseline, target, deadline).map_err(raise)?;
    to_py(py, &d)
}
