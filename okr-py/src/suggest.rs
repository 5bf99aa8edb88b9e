//! Module functions of the key-result suggester.

use pyo3::prelude::*;

use crate::convert::{to_date, to_py};
use crate::errors::raise;

/// Ranked KPI / key-result suggestions for an objective's text, as dicts (okr-core's
/// `Suggestion`); `top` defaults to okr-core's `SuggestOptions::default().top`.
#[pyfunction]
#[pyo3(signature = (text, function=None, top=None))]
pub(crate) fn suggest_key_results<'py>(
    py: Python<'py>,
    text: &str,
    function: Option<String>,
    top: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let defaults = okr_core::suggest::SuggestOptions::default();
    let opts = okr_core::suggest::SuggestOptions {
        function,
        top: top.unwrap_or(defaults.top),
    };
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
