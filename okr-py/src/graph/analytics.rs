//! Analytics (`okr_core::analytics`): coverage, contributions, forecast, scores and
//! scorecards, the diff between two moments, and the rendered alignment graph.

use okr_core::{RollupConfig, analytics, defaults};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::Graph;
use crate::convert::{py_datetime, rfc3339, to_as_of, to_date, to_py};
use crate::errors::raise;

#[pymethods]
impl Graph {
    /// Share of objectives and of people tracing to each top-level objective, and the people
    /// with no aligned objective.
    #[pyo3(signature = (cycle=None, person_kinds=None))]
    fn coverage<'py>(
        &self,
        py: Python<'py>,
        cycle: Option<String>,
        person_kinds: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut options = analytics::CoverageOptions {
            cycle,
            ..Default::default()
        };
        if let Some(kinds) = person_kinds {
            options.person_kinds = kinds;
        }
        let g = &*self.read();
        let c = py.detach(|| g.coverage(&options)).map_err(raise)?;
        to_py(py, &c)
    }

    /// Each key result's exact share of objective `id`'s progress, and the `top` movers.
    #[pyo3(signature = (id, as_of, top=None))]
    fn contributions<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        as_of: &Bound<'_, PyAny>,
        top: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let top = okr_core::options::count("top", top, defaults::TOP_MOVERS).map_err(raise)?;
        let as_of = to_as_of(as_of)?;
        let g = &*self.read();
        let c = py
            .detach(|| g.contributions(id, as_of, &RollupConfig::default()))
            .map_err(raise)?;
        let d = to_py(py, &c)?;
        let movers: Vec<&str> = c
            .top_movers(top)
            .iter()
            .map(|k| k.key_result.as_str())
            .collect();
        d.set_item("top_movers", movers)?;
        Ok(d)
    }

    /// Least-squares projection of every key result to the end of its period, rolled up.
    fn forecast<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = to_as_of(as_of)?;
        let g = &*self.read();
        let f = py
            .detach(|| g.forecast(as_of, &RollupConfig::default()))
            .map_err(raise)?;
        to_py(py, &f)
    }

    /// End-of-cycle scores and grades (provisional before a period ends).
    /// The bands default to okr-core's (`GradeBands::default()`).
    #[pyo3(signature = (today, aspirational_success=None, committed_success=None, partial=None))]
    fn scores<'py>(
        &self,
        py: Python<'py>,
        today: &Bound<'_, PyAny>,
        aspirational_success: Option<f64>,
        committed_success: Option<f64>,
        partial: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let today = to_date(today, "today")?;
        let d = analytics::GradeBands::default();
        let bands = analytics::GradeBands {
            aspirational_success: aspirational_success.unwrap_or(d.aspirational_success),
            committed_success: committed_success.unwrap_or(d.committed_success),
            partial: partial.unwrap_or(d.partial),
        };
        let g = &*self.read();
        let s = py.detach(|| g.scores(today, &bands)).map_err(raise)?;
        to_py(py, &s)
    }

    /// Per-owner scorecards (for performance conversations, not for pay), every figure
    /// explained. Keyword arguments are okr-core's ScorecardOptions (cadence_days, bands,
    /// low_stretch, high_attainment, owners: only these owners' cards, each must exist).
    #[pyo3(signature = (today, **options))]
    fn scorecards<'py>(
        &self,
        py: Python<'py>,
        today: &Bound<'_, PyAny>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let today = to_date(today, "today")?;
        let options: analytics::ScorecardOptions = match options {
            Some(d) => crate::convert::options(d, "scorecards")?,
            None => Default::default(),
        };
        let g = &*self.read();
        let cards = py.detach(|| g.scorecards(today, &options)).map_err(raise)?;
        to_py(py, &cards)
    }

    /// What moved and what changed status between two moments, and the changes to the goals
    /// that took effect in between (`revisions`, oldest first, as `log()` gives them: `at` an
    /// aware `datetime`).
    fn diff<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (a, b) = (to_as_of(start)?, to_as_of(end)?);
        let g = &*self.read();
        let d = py
            .detach(|| g.diff(a, b, &RollupConfig::default()))
            .map_err(raise)?;
        let out = to_py(py, &d)?;
        let revisions = out.get_item("revisions")?;
        for (i, e) in d.revisions.iter().enumerate() {
            revisions
                .get_item(i)?
                .set_item("at", py_datetime(py, &rfc3339(e.at))?)?;
        }
        Ok(out)
    }

    /// The key results that owe a check-in at `as_of` on their cadence (okr-core's
    /// `OkrGraph::due`): dicts with `key_result`, `objective`, `owner`, `cadence`, `state`
    /// (`"due"`, `"late"`, `"missed"`), `due_since` and `last_check_in` (aware `datetime`s in
    /// UTC; `last_check_in` None when there is none) and `missed_intervals`, by owner.
    fn due<'py>(&self, py: Python<'py>, as_of: &Bound<'_, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let as_of = to_as_of(as_of)?;
        let g = &*self.read();
        let rows = py.detach(|| g.due(as_of)).map_err(raise)?;
        let out = to_py(py, &rows)?;
        for (i, r) in rows.iter().enumerate() {
            let d = out.get_item(i)?;
            d.set_item("due_since", py_datetime(py, &rfc3339(r.due_since))?)?;
            match r.last_check_in {
                Some(t) => d.set_item("last_check_in", py_datetime(py, &rfc3339(t))?)?,
                None => d.set_item("last_check_in", py.None())?,
            }
        }
        Ok(out)
    }

    /// The effective check-in cadence of every key result that has one (its objective's, else
    /// the nearest aligned ancestor's, else its objective owner's or the nearest above it), as
    /// `{key_result_id: cadence dict}` in key result order.
    fn cadences<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let g = self.read();
        let c = g.cadences();
        let out = PyDict::new(py);
        for k in g.key_results() {
            if let Some(x) = c.get(k.id.as_str()) {
                out.set_item(&k.id, to_py(py, x)?)?;
            }
        }
        Ok(out)
    }

    /// The alignment graph as `"dot"`, `"mermaid"` or `"svg"` text, coloured by status.
    #[pyo3(signature = (format, as_of))]
    fn render_graph(
        &self,
        py: Python<'_>,
        format: &str,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<String> {
        let format: analytics::GraphFormat = format.parse().map_err(raise)?;
        let as_of = to_as_of(as_of)?;
        let g = &*self.read();
        py.detach(|| g.render_graph(format, as_of, &RollupConfig::default()))
            .map_err(raise)
    }
}
