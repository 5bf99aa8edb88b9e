//! `AppraisalPage` (`Graph.appraisal_html`): the appraisal's HTML page, shown inline in
//! Jupyter, and its text.

use pyo3::prelude::*;

/// The appraisal view of one person for one cycle as a self-contained HTML page (`html`,
/// shown inline in Jupyter through `_repr_html_`) and as text (`text`, also `str(page)`).
#[pyclass(module = "okr._okr", name = "AppraisalPage", frozen)]
pub(crate) struct AppraisalPage {
    /// The person (an owner id).
    #[pyo3(get)]
    pub(crate) owner: String,
    /// The cycle id.
    #[pyo3(get)]
    pub(crate) cycle: String,
    /// The HTML page.
    #[pyo3(get)]
    pub(crate) html: String,
    /// The text rendering.
    #[pyo3(get)]
    pub(crate) text: String,
}

#[pymethods]
impl AppraisalPage {
    fn _repr_html_(&self) -> String {
        self.html.clone()
    }

    fn __str__(&self) -> String {
        self.text.clone()
    }

    fn __repr__(&self) -> String {
        format!(
            "<okr.AppraisalPage of {:?} in {:?}: {} bytes of HTML>",
            self.owner,
            self.cycle,
            self.html.len()
        )
    }
}
