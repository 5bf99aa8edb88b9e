//! Suggestion bindings: `suggestKeyResults`, `draftKeyResult`, `draftKeyResultFor`.

use okr_core::document::parse_date;
use okr_core::suggest::{
    DraftOptions, SuggestOptions, catalog, draft_for_objective, draft_template, load_catalog,
    suggest,
};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::Graph;
use crate::convert::{self, JsResult, OrThrow, date, js_error, to_js_camel};

/// `{baseline, target, asOf}` from JavaScript (`asOf` only for `draftKeyResultFor`).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct JsDraftOptions {
    baseline: Option<f64>,
    target: Option<f64>,
    as_of: Option<String>,
}

/// Installs the KPI catalog (the text of `kpi_catalog.json`, shipped beside the `.wasm`) once,
/// before `suggestKeyResults` and the draft functions. Loading the same catalog again does
/// nothing; a different one throws `InvalidValueError`. Returns the number of templates.
#[wasm_bindgen(js_name = loadKpiCatalog)]
pub fn load_kpi_catalog(text: &str) -> JsResult<usize> {
    load_catalog(text).map_err(js_error)?;
    Ok(catalog().len())
}

/// Ranked key-result / KPI suggestions for an objective's text from okr-core's built-in
/// catalog, best first (offline, deterministic). `options` is okr-core's `SuggestOptions`:
/// `function` boosts a business function's KPIs; `top` (default okr-core's, 5) caps the count.
/// Throws `InvalidValueError` for an unknown function, `ConfigError` for a bad option.
#[wasm_bindgen(js_name = suggestKeyResults, unchecked_return_type = "Suggestion[]")]
pub fn suggest_key_results(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "SuggestOptions")] options: Option<JsValue>,
) -> JsResult<JsValue> {
    let opts: SuggestOptions = convert::options("options", options, &[])?;
    to_js_camel(&suggest(text, &opts).map_err(js_error)?)
}

/// A catalog template filled into a SMART key result (`deadline`: `YYYY-MM-DD`).
/// Throws `InvalidValueError` for an unknown template.
#[wasm_bindgen(js_name = draftKeyResult, unchecked_return_type = "KeyResultDraft")]
pub fn draft_key_result(
    template: &str,
    #[wasm_bindgen(unchecked_param_type = "DateInput")] deadline: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DraftOptions")] options: Option<JsValue>,
) -> JsResult<JsValue> {
    let deadline = date("deadline", &deadline)?;
    let o: JsDraftOptions = convert::options("options", options, &[])?;
    to_js_camel(&draft_template(template, o.baseline, o.target, deadline).map_err(js_error)?)
}

/// A catalog template drafted into a key result for an objective of `graph`: the deadline is
/// the end of the objective's cycle and, unless `options.baseline` is given, the baseline comes
/// from a key result on the same metric in the objective or an ancestor (as of
/// `options.asOf`). Throws `UnknownIdError` / `InvalidValueError`.
#[wasm_bindgen(js_name = draftKeyResultFor, unchecked_return_type = "KeyResultDraft")]
pub fn draft_key_result_for(
    graph: &Graph,
    objective: &str,
    template: &str,
    #[wasm_bindgen(unchecked_param_type = "GraphDraftOptions")] options: Option<JsValue>,
) -> JsResult<JsValue> {
    let o: JsDraftOptions = convert::options("options", options, &[])?;
    let opts = DraftOptions {
        target: o.target,
        baseline: o.baseline,
        as_of: o.as_of.as_deref().map(parse_date).transpose().or_throw()?,
    };
    to_js_camel(&draft_for_objective(graph.core(), objective, template, &opts).map_err(js_error)?)
}
