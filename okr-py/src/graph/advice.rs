//! Advice on writing the goals: the graph's lint and key results drafted from the catalog.

use okr_core::lint;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::Graph;
use crate::convert::{to_date, to_py};
use crate::errors::raise;
use crate::lint::lint_config;

#[pymethods]
impl Graph {
    /// Lints the whole graph (structure rules and every title) with okr-core's graph linter;
    /// keyword arguments are the lint configuration. Returns the diagnostics as dicts (code,
    /// severity, message, entity, span, help).
    #[pyo3(signature = (**config))]
    fn lint<'py>(
        &self,
        py: Python<'py>,
        config: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let cfg = lint_config(config)?;
        let g = &*self.read();
        let diags = py.detach(|| lint::lint_graph(g, &cfg, crate::lint::today_utc()));
        to_py(py, &diags)
    }

    /// A catalog template drafted into a key result for an objective: baseline from the
    /// objective's or an ancestor's key result on the same metric, deadline from its cycle.
    #[pyo3(signature = (objective, template, *, target=None, baseline=None, as_of=None))]
    fn draft_key_result<'py>(
        &self,
        py: Python<'py>,
        objective: &str,
        template: &str,
        target: Option<f64>,
        baseline: Option<f64>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let opts = okr_core::suggest::DraftOptions {
            target,
            baseline,
            as_of: as_of.map(|d| to_date(d, "as_of")).transpose()?,
        };
        let g = &*self.read();
        let d = py
            .detach(|| okr_core::suggest::draft_for_objective(g, objective, template, &opts))
            .map_err(raise)?;
        to_py(py, &d)
    }
}
