//! The appraisal view (methods of `Graph`): `appraisal(owner, cycle, asOf)` and
//! `appraisalHtml(owner, cycle, asOf)`. Conversion only: okr-core's `OkrGraph::appraisal` and
//! `OkrGraph::appraisal_html`.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use crate::Graph;
use crate::convert::{JsResult, OrThrow, date, to_js, to_js_camel};

#[wasm_bindgen]
impl Graph {
    /// One person's cycle for a performance conversation (okr-core's `OkrGraph::appraisal`),
    /// camelCase keys: `{owner, ownerName, cycle, cycleName, start, end, asOf, cycleClosed,
    /// statement, objectives, keyResults, checkInDiscipline, checkInExplanation, feedback,
    /// acknowledgements, targetRevisions, signals}`; each score with its `basis`
    /// (`"frozen"`, `"final"` or `"provisional"`). `targetRevisions` are log entries as `log`
    /// gives them. `asOf`: a date (`YYYY-MM-DD`). An unknown owner or cycle throws
    /// `UnknownIdError`.
    #[wasm_bindgen(unchecked_return_type = "Appraisal")]
    pub fn appraisal(
        &self,
        owner: &str,
        cycle: &str,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "DateInput")] as_of: JsValue,
    ) -> JsResult<JsValue> {
        let day = date("asOf", &as_of)?;
        let a = self.core().appraisal(owner, cycle, day).or_throw()?;
        let out = to_js_camel(&a)?;
        // the log entries as `log` gives them: values of the document are not renamed
        Reflect::set(
            &out,
            &JsValue::from_str("targetRevisions"),
            &to_js(&a.target_revisions)?,
        )?;
        Ok(out)
    }

    /// The appraisal as one self-contained printable HTML page (no script, no external
    /// resource, every text escaped), a burn-up chart per key result as inline SVG.
    #[wasm_bindgen(js_name = appraisalHtml)]
    pub fn appraisal_html(
        &self,
        owner: &str,
        cycle: &str,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "DateInput")] as_of: JsValue,
    ) -> JsResult<String> {
        let day = date("asOf", &as_of)?;
        self.core().appraisal_html(owner, cycle, day).or_throw()
    }
}
