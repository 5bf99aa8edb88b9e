//! Series and charts: okr-core's `OkrGraph::series` and `OkrGraph::chart_svg`.

use okr_core::RollupConfig;
use pyo3::prelude::*;

use super::Graph;
use crate::convert::to_date;
use crate::errors::raise;
use crate::series::{Chart, Series};

/// A date argument that may be None.
fn opt_date(obj: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Option<chrono::NaiveDate>> {
    obj.filter(|o| !o.is_none())
        .map(|o| to_date(o, field))
        .transpose()
}

#[pymethods]
impl Graph {
    /// Every node's (or the nodes `ids`') value, progress, attainment, expected progress,
    /// planned value and status at each date from `from_` to `to` (dates, both included, each
    /// the end of that day, UTC): at every date what `rollup(date)` gives, on the model as it
    /// stood then. Raises `InvalidValueError` for a backwards range or one longer than 3,660
    /// days, `UnknownIdError` for an id that exists at no date of the range.
    #[pyo3(signature = (from_, to, ids=None))]
    fn series(
        &self,
        py: Python<'_>,
        from_: &Bound<'_, PyAny>,
        to: &Bound<'_, PyAny>,
        ids: Option<Vec<String>>,
    ) -> PyResult<Series> {
        let (from, to) = (to_date(from_, "from")?, to_date(to, "to")?);
        let g = &*self.read();
        let inner = py
            .detach(|| {
                let ids: Option<Vec<&str>> =
                    ids.as_ref().map(|v| v.iter().map(String::as_str).collect());
                g.series(from, to, ids.as_deref(), &RollupConfig::default())
            })
            .map_err(raise)?;
        Ok(Series { inner })
    }

    /// The burn-up chart of objective or key result `id` as SVG, shown inline in Jupyter:
    /// a key result's value against the expected or planned line with its check-ins, an
    /// objective's progress against the expected pace. `from_` and `to` (dates) default to
    /// the node's period.
    #[pyo3(signature = (id, from_=None, to=None))]
    fn chart(
        &self,
        py: Python<'_>,
        id: &str,
        from_: Option<&Bound<'_, PyAny>>,
        to: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Chart> {
        let (from, to) = (opt_date(from_, "from")?, opt_date(to, "to")?);
        let g = &*self.read();
        let svg = py
            .detach(|| g.chart_svg(id, from, to, &RollupConfig::default()))
            .map_err(raise)?;
        Ok(Chart {
            id: id.to_string(),
            svg,
        })
    }
}
