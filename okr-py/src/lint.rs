//! Module functions of the linter, and the lint configuration from keyword arguments.

use okr_core::lint;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{enum_from_str, options, to_py};
use crate::errors::{invalid_value, raise};

/// A lint configuration from keyword arguments (the fields of okr-core's `LintConfig`: select,
/// ignore, severity, thresholds, today, fiscal_year_start_month).
pub(crate) fn lint_config(config: Option<&Bound<'_, PyDict>>) -> PyResult<lint::LintConfig> {
    let Some(config) = config else {
        return Ok(lint::LintConfig::default());
    };
    let cfg: lint::LintConfig = options(config, "lint")?;
    cfg.validate().map_err(raise)?;
    Ok(cfg)
}

/// Lints one statement (`kind` default okr-core's `StatementKind::default()`, a goal); returns
/// okr-core's TextReport as a dict (text, kind, specific,
/// measurable, time_bound, outcome, target, baseline, deadline, diagnostics).
#[pyfunction]
#[pyo3(signature = (text, kind=None, **config))]
pub(crate) fn lint_text<'py>(
    py: Python<'py>,
    text: &str,
    kind: Option<&str>,
    config: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let kind = match kind {
        Some(k) => enum_from_str(k, "kind")?,
        None => okr_core::lint::StatementKind::default(),
    };
    let cfg = lint_config(config)?;
    let report = py.detach(|| lint::lint_text_report(text, kind, &cfg, today_utc()));
    to_py(py, &report)
}

/// The documentation of a lint rule (by code or name) as Markdown.
#[pyfunction]
pub(crate) fn explain_rule(code: &str) -> PyResult<String> {
    lint::explain(code)
        .map(|d| d.markdown.clone())
        .ok_or_else(|| invalid_value("code", format!("no lint rule {code:?}")))
}

/// Every lint rule: code, name, category, severity, kind.
#[pyfunction]
pub(crate) fn rules(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &lint::rules())
}

/// Today's UTC date from the system clock (okr-core never reads it): lint's as-of date unless
/// the configuration gives `today`.
pub(crate) fn today_utc() -> chrono::NaiveDate {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    let days = chrono::Days::new(secs.map_or(0, |d| d.as_secs()) / 86_400);
    chrono::NaiveDate::default()
        .checked_add_days(days)
        .unwrap_or_default()
}
