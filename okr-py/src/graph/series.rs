//! Series and charts: okr-core's `OkrGraph::series` and `OkrGraph::chart_svg`.

use okr_core::RollupConfig;
use okr_core::analytics::Frequency;
use pyo3::prelude::*;
use pyo3::types::PyList;

use super::Graph;
use crate::convert::{py_datetime, rfc3339, to_as_of_field, to_date};
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

    /// Progress, attainment, expected progress, planned value, status and value of every
    /// node (or the nodes `ids`) at the points of a range, as one `Series`: `start`, then
    /// every `freq` after it while before `end`, then `end` itself (okr-core's
    /// `OkrGraph::series_every`; one rollup per point, not per day). `freq`: "D", "W", "M",
    /// "Q" or "day", "week", "month", "quarter" (None: weekly, okr-core's default). `start`
    /// and `end` follow the one rule for times: a `datetime.date` or "YYYY-MM-DD" is the end
    /// of that day (UTC), an aware `datetime` or pandas `Timestamp` that instant (steps keep
    /// its UTC time of day); a time without a zone raises `InvalidValueError`. Each point's
    /// figures are those of `rollup(point)`; `Series.as_of` holds the points.
    #[pyo3(signature = (start, end, freq=None, ids=None))]
    fn history(
        &self,
        py: Python<'_>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        freq: Option<&str>,
        ids: Option<Vec<String>>,
    ) -> PyResult<Series> {
        let (start, end) = (to_as_of_field(start, "start")?, to_as_of_field(end, "end")?);
        let every = freq
            .map(Frequency::parse)
            .transpose()
            .map_err(raise)?
            .unwrap_or_default();
        let g = &*self.read();
        let inner = py
            .detach(|| {
                let ids: Option<Vec<&str>> =
                    ids.as_ref().map(|v| v.iter().map(String::as_str).collect());
                g.series_every(start, end, every, ids.as_deref(), &RollupConfig::default())
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

// `Series.as_of` here rather than beside the other methods in series.rs (pyo3's
// multiple-pymethods): the moments of `history`'s points.
#[pymethods]
impl Series {
    /// The moment of each point (aware `datetime`s, UTC): what each point's figures are as of,
    /// the end of the day (23:59:59.999999) for a date, the instant for a zoned time. Python
    /// holds microseconds: the end of a day shows as 23:59:59.999999.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let times = self
            .inner
            .as_of
            .iter()
            .map(|&t| py_datetime(py, &rfc3339(t)))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, times)
    }
}
