//! Rollups: the rollup itself (`RollupResult`), the report (text and JSON), the explanation
//! of a node's progress, and the hypothetical rollups of `what_if`.

use okr_core::report::Report;
use okr_core::{CheckInValue, OkrGraph, Rollup, RollupConfig};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::Graph;
use crate::check_ins::check_in_value;
use crate::convert::{config, to_as_of, to_py};
use crate::errors::raise;
use crate::results::RollupResult;

impl Graph {
    /// Rolls the graph up at `as_of` with `cfg` and hands the rollup to `then`, both without
    /// the GIL (`rollup`, `report`, `report_json`).
    fn rolled_up<T: Send>(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        cfg: RollupConfig,
        then: impl FnOnce(&OkrGraph, Rollup) -> T + Send,
    ) -> PyResult<T> {
        let as_of = to_as_of(as_of)?;
        let g = &*self.read();
        py.detach(|| g.rollup_with(as_of, &cfg).map(|r| then(g, r)))
            .map_err(raise)
    }
}

#[pymethods]
impl Graph {
    /// Rolls the whole graph up at `as_of` (a date means the end of that day, UTC).
    #[pyo3(signature = (as_of, on_track_margin=None, at_risk_margin=None, stale_days=None))]
    fn rollup(
        slf: &Bound<'_, Self>,
        as_of: &Bound<'_, PyAny>,
        on_track_margin: Option<f64>,
        at_risk_margin: Option<f64>,
        stale_days: Option<f64>,
    ) -> PyResult<RollupResult> {
        let cfg = config(on_track_margin, at_risk_margin, stale_days)?;
        let r = slf.get().rolled_up(slf.py(), as_of, cfg, |_, r| r)?;
        Ok(RollupResult::new(r, slf.clone().unbind(), false))
    }

    /// The text report (the alignment tree, as `okr report`).
    #[pyo3(signature = (as_of, on_track_margin=None, at_risk_margin=None, stale_days=None))]
    fn report(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        on_track_margin: Option<f64>,
        at_risk_margin: Option<f64>,
        stale_days: Option<f64>,
    ) -> PyResult<String> {
        let cfg = config(on_track_margin, at_risk_margin, stale_days)?;
        self.rolled_up(py, as_of, cfg, |g, r| Report::render_text(g, &r))
    }

    /// The report as JSON text (as `okr report --format json`).
    #[pyo3(signature = (as_of, on_track_margin=None, at_risk_margin=None, stale_days=None))]
    fn report_json(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        on_track_margin: Option<f64>,
        at_risk_margin: Option<f64>,
        stale_days: Option<f64>,
    ) -> PyResult<String> {
        let cfg = config(on_track_margin, at_risk_margin, stale_days)?;
        let report = self.rolled_up(py, as_of, cfg, |g, r| Report::new(g, &r))?;
        serde_json::to_string_pretty(&report).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// Why is this node at this number: its figures, every contribution and a summary.
    #[pyo3(signature = (id, as_of, on_track_margin=None, at_risk_margin=None, stale_days=None))]
    fn explain_progress<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        as_of: &Bound<'_, PyAny>,
        on_track_margin: Option<f64>,
        at_risk_margin: Option<f64>,
        stale_days: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let cfg = config(on_track_margin, at_risk_margin, stale_days)?;
        let as_of = to_as_of(as_of)?;
        let g = &*self.read();
        let ex = py
            .detach(|| g.explain_progress_with(id, as_of, &cfg))
            .map_err(raise)?;
        to_py(py, &ex)
    }

    /// Rolls up as if each `{kr_id: value}` had been checked in at `as_of`; the graph is not
    /// changed. Values are numbers, bools (boolean key results) or lists of milestone names.
    /// Like `contributions`, `forecast`, `diff` and `render_graph`, it takes no margins: okr-core's
    /// default `RollupConfig` (unlike `rollup`, `report` and `explain_progress`).
    fn what_if(
        slf: &Bound<'_, Self>,
        values: &Bound<'_, PyDict>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<RollupResult> {
        let py = slf.py();
        let as_of = to_as_of(as_of)?;
        let values = hypothetical(values)?;
        let r = {
            let g = &*slf.get().read();
            py.detach(|| g.what_if(as_of, &values, &RollupConfig::default()))
                .map_err(raise)?
        };
        Ok(RollupResult::new(r, slf.clone().unbind(), true))
    }

    /// What the hypothetical check-ins of `what_if` would change at `as_of`: okr-core's
    /// `RollupDiff` (`OkrGraph::what_if_diff`), the list `okr what-if --format json` prints, one
    /// dict per node whose progress or status changes (id, kind, progress_before,
    /// progress_after, status_before, status_after). The graph is not changed.
    fn what_if_diff<'py>(
        &self,
        py: Python<'py>,
        values: &Bound<'_, PyDict>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = to_as_of(as_of)?;
        let values = hypothetical(values)?;
        let g = &*self.read();
        let d = py
            .detach(|| g.what_if_diff(as_of, &values, &RollupConfig::default()))
            .map_err(raise)?;
        to_py(py, &d)
    }
}

/// The hypothetical check-ins of `what_if` / `what_if_diff`: `{kr_id: value}`.
fn hypothetical(values: &Bound<'_, PyDict>) -> PyResult<Vec<(String, CheckInValue)>> {
    values
        .iter()
        .map(|(k, v)| {
            let kr: String = k.extract()?;
            let value = check_in_value(&kr, &v)?;
            Ok((kr, value))
        })
        .collect()
}
