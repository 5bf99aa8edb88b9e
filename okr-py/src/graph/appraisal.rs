//! The appraisal view: okr-core's `OkrGraph::appraisal` and `OkrGraph::appraisal_html`.

use pyo3::prelude::*;

use super::Graph;
use crate::appraisal::AppraisalPage;
use crate::convert::{py_datetime, rfc3339, to_date, to_py};
use crate::errors::raise;

#[pymethods]
impl Graph {
    /// One person's cycle for a performance conversation (OKR attainment is one input to it,
    /// not a rating: `statement`): their objectives and key results with the score and its
    /// `basis` (`"frozen"`, `"final"`, `"provisional"`), check-in discipline, feedback,
    /// target revisions (as `log()` gives them: `at` an aware `datetime`), calibration and the
    /// sandbagging signals. Other times are RFC 3339 text, as in `okr appraisal --format
    /// json`. Raises `UnknownIdError` for an unknown owner or cycle.
    fn appraisal<'py>(
        &self,
        py: Python<'py>,
        owner: &str,
        cycle: &str,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let day = to_date(as_of, "as_of")?;
        let g = &*self.read();
        let a = py
            .detach(|| g.appraisal(owner, cycle, day))
            .map_err(raise)?;
        let out = to_py(py, &a)?;
        let revisions = out.get_item("target_revisions")?;
        for (i, e) in a.target_revisions.iter().enumerate() {
            revisions
                .get_item(i)?
                .set_item("at", py_datetime(py, &rfc3339(e.at))?)?;
        }
        Ok(out)
    }

    /// The appraisal as one self-contained printable HTML page (no script, no external
    /// resource; a burn-up chart per key result), shown inline in Jupyter: an
    /// `AppraisalPage` with `html` and `text` (the text rendering).
    fn appraisal_html(
        &self,
        py: Python<'_>,
        owner: &str,
        cycle: &str,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<AppraisalPage> {
        let day = to_date(as_of, "as_of")?;
        let g = &*self.read();
        let (html, text) = py
            .detach(|| {
                let text = g.appraisal(owner, cycle, day)?.render_text();
                Ok::<_, okr_core::OkrError>((g.appraisal_html(owner, cycle, day)?, text))
            })
            .map_err(raise)?;
        Ok(AppraisalPage {
            owner: owner.to_string(),
            cycle: cycle.to_string(),
            html,
            text,
        })
    }
}
