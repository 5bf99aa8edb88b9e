//! Analytics bindings (methods of `Graph`): coverage, contributions, whatIf, whatIfDiff, forecast,
//! scores, scorecards, diff, renderGraph. Conversion only: every figure is okr-core's.

use js_sys::{Array, Object, Reflect};
use okr_core::CheckInValue;
use okr_core::analytics::{CoverageOptions, GradeBands, GraphFormat, ScorecardOptions};
use wasm_bindgen::prelude::*;

use crate::Graph;
use crate::convert::{
    JsResult, OrThrow, as_of, date_or_today, invalid, options, rollup_config, to_js, to_js_camel,
};

/// A hypothetical value: a number, a boolean (boolean key results) or an array of milestone
/// names, as the `value`, `done` or `milestones_done` field of okr-core's check-in value.
fn hypothetical(kr: &str, v: &JsValue) -> JsResult<CheckInValue> {
    let names = || -> Option<Vec<String>> {
        Array::is_array(v)
            .then(|| Array::from(v).iter().map(|x| x.as_string()).collect())
            .flatten()
    };
    let (value, done, milestones) = (v.as_f64(), v.as_bool(), names());
    if value.is_none() && done.is_none() && milestones.is_none() {
        return Err(invalid(
            &format!("values.{kr}"),
            "expected a number, a boolean or an array of milestone names",
        ));
    }
    CheckInValue::from_parts(kr, value, done, milestones).or_throw()
}

/// The hypothetical check-ins of `whatIf` / `whatIfDiff`: `{krId: value}`.
fn hypotheticals(values: &JsValue) -> JsResult<Vec<(String, CheckInValue)>> {
    if !values.is_object() || Array::is_array(values) {
        return Err(invalid("values", "expected an object {krId: value}"));
    }
    Object::entries(values.unchecked_ref::<Object>())
        .iter()
        .map(|pair| {
            let pair = Array::from(&pair);
            let kr = pair.get(0).as_string().unwrap_or_default();
            hypothetical(&kr, &pair.get(1)).map(|v| (kr, v))
        })
        .collect()
}

#[wasm_bindgen]
impl Graph {
    /// Share of objectives and of people tracing to each top-level objective, and the people
    /// with no aligned objective. `options`: `{cycle, personKinds}`.
    #[wasm_bindgen(unchecked_return_type = "Coverage")]
    pub fn coverage(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CoverageOptions")] options_: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let o: CoverageOptions = options("options", options_, &[])?;
        to_js_camel(&self.core().coverage(&o).or_throw()?)
    }

    /// Each key result's exact share of objective `id`'s progress, and `topMovers` (the `top`
    /// key results that would raise it most per point of progress, default 5).
    #[wasm_bindgen(unchecked_return_type = "Contributions")]
    pub fn contributions(
        &self,
        id: &str,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "AsOfInput")] as_of_: Option<
            JsValue,
        >,
        top: Option<f64>,
    ) -> JsResult<JsValue> {
        let top =
            okr_core::options::count("top", top, okr_core::defaults::TOP_MOVERS).or_throw()?;
        let c = self
            .core()
            .contributions(id, as_of(as_of_)?, &Default::default())
            .or_throw()?;
        let movers: Vec<&str> = c
            .top_movers(top)
            .iter()
            .map(|k| k.key_result.as_str())
            .collect();
        /// The core's result with the movers beside it (destructured below: a new field in
        /// `Contributions` fails to compile here instead of going missing).
        #[derive(serde::Serialize)]
        struct WithMovers<'a> {
            objective: &'a str,
            progress: Option<f64>,
            key_results: &'a [okr_core::analytics::KeyResultShare],
            top_movers: Vec<&'a str>,
        }
        let okr_core::analytics::Contributions {
            objective,
            progress,
            key_results,
        } = &c;
        to_js_camel(&WithMovers {
            objective,
            progress: *progress,
            key_results,
            top_movers: movers,
        })
    }

    /// The rollup (as `rollup()` returns it) as if each `{krId: value}` had been checked in at
    /// `asOf`; the graph is not changed. Values: numbers, booleans or milestone-name arrays.
    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "NodeResult[]")]
    pub fn what_if(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, number | boolean | string[]>")]
        values: JsValue,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "AsOfInput")] as_of_: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_param_type = "RollupConfig")] config: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let values = hypotheticals(&values)?;
        let r = self
            .core()
            .what_if(as_of(as_of_)?, &values, &rollup_config(config)?)
            .or_throw()?;
        to_js_camel(&r.nodes().collect::<Vec<_>>())
    }

    /// What the hypothetical check-ins of `whatIf` would change at `asOf`: okr-core's
    /// `RollupDiff` (`what_if_diff`), the list `okr what-if --format json` prints, with
    /// camelCase keys: one `ChangedNode` per node whose progress or status changes. The graph
    /// is not changed.
    #[wasm_bindgen(js_name = whatIfDiff, unchecked_return_type = "ChangedNode[]")]
    pub fn what_if_diff(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, number | boolean | string[]>")]
        values: JsValue,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "AsOfInput")] as_of_: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_param_type = "RollupConfig")] config: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let values = hypotheticals(&values)?;
        let d = self
            .core()
            .what_if_diff(as_of(as_of_)?, &values, &rollup_config(config)?)
            .or_throw()?;
        to_js_camel(&d)
    }

    /// Least-squares projection of every key result to the end of its period, rolled up.
    #[wasm_bindgen(unchecked_return_type = "Forecast")]
    pub fn forecast(
        &self,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "AsOfInput")] as_of_: Option<
            JsValue,
        >,
    ) -> JsResult<JsValue> {
        to_js_camel(
            &self
                .core()
                .forecast(as_of(as_of_)?, &Default::default())
                .or_throw()?,
        )
    }

    /// End-of-cycle scores and grades as of the date `today` (`YYYY-MM-DD`, default: today,
    /// UTC). `bands`:
    /// `{aspirationalSuccess, committedSuccess, partial}`.
    #[wasm_bindgen(unchecked_return_type = "Scores")]
    pub fn scores(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] today: Option<JsValue>,
        #[wasm_bindgen(unchecked_param_type = "GradeBands")] bands: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let b: GradeBands = options("bands", bands, &[])?;
        let today = date_or_today("today", today)?;
        to_js_camel(&self.core().scores(today, &b).or_throw()?)
    }

    /// Per-owner scorecards (for performance conversations, not for pay) as of the date `today`
    /// (`YYYY-MM-DD`, default: today, UTC). `options`:
    /// `{cadenceDays, bands, lowStretch, highAttainment, owners}` (`owners`: only these owners'
    /// cards; an unknown owner throws `UnknownIdError`).
    #[wasm_bindgen(unchecked_return_type = "Scorecard[]")]
    pub fn scorecards(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] today: Option<JsValue>,
        #[wasm_bindgen(unchecked_param_type = "ScorecardOptions")] options_: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let o: ScorecardOptions = options("options", options_, &["bands"])?;
        let today = date_or_today("today", today)?;
        to_js_camel(&self.core().scorecards(today, &o).or_throw()?)
    }

    /// What moved and what changed status between two moments (`changes`), and the changes to
    /// the goals that took effect in between (`revisions`, oldest first, as `log` gives them:
    /// `from` / `to` as in a document, their keys as written).
    #[wasm_bindgen(unchecked_return_type = "Diff")]
    pub fn diff(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AsOfInput")] from: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AsOfInput")] to: JsValue,
    ) -> JsResult<JsValue> {
        let d = self
            .core()
            .diff(as_of(Some(from))?, as_of(Some(to))?, &Default::default())
            .or_throw()?;
        let out = to_js_camel(&d)?;
        // the log entries as `log` gives them: values of the document (an `extra` object's
        // keys, say) are not renamed
        Reflect::set(&out, &JsValue::from_str("revisions"), &to_js(&d.revisions)?)?;
        Ok(out)
    }

    /// The key results that owe a check-in at `asOf` on their cadence (okr-core's
    /// `OkrGraph::due`), by owner: `{keyResult, objective, owner, cadence, state, dueSince,
    /// lastCheckIn, missedIntervals}` (`state`: `"due"`, `"late"` or `"missed"`; times as RFC
    /// 3339 text in UTC; `cadence` in the document's form, as on objectives and owners).
    #[wasm_bindgen(unchecked_return_type = "DueCheckIn[]")]
    pub fn due(
        &self,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "AsOfInput")] as_of_: Option<
            JsValue,
        >,
    ) -> JsResult<JsValue> {
        let rows = self.core().due(as_of(as_of_)?).or_throw()?;
        let out = to_js_camel(&rows)?;
        for (i, r) in rows.iter().enumerate() {
            let row = Reflect::get_u32(&out, i as u32)?;
            Reflect::set(&row, &JsValue::from_str("cadence"), &to_js(&r.cadence)?)?;
        }
        Ok(out)
    }

    /// The effective check-in cadence of every key result that has one (its objective's, else
    /// the nearest aligned ancestor's, else its objective owner's or the nearest above it):
    /// `{krId: cadence}` in key result order.
    #[wasm_bindgen(unchecked_return_type = "Record<string, Cadence>")]
    pub fn cadences(&self) -> JsResult<JsValue> {
        let g = self.core();
        let c = g.cadences();
        let out = Object::new();
        for k in g.key_results() {
            if let Some(x) = c.get(k.id.as_str()) {
                Reflect::set(&out, &JsValue::from_str(&k.id), &to_js(x)?)?;
            }
        }
        Ok(out.into())
    }

    /// The alignment graph as `"dot"`, `"mermaid"` or `"svg"` text, coloured by status.
    #[wasm_bindgen(js_name = renderGraph)]
    pub fn render_graph(
        &self,
        format: &str,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "AsOfInput")] as_of_: Option<
            JsValue,
        >,
    ) -> JsResult<String> {
        let format: GraphFormat = format.parse().or_throw()?;
        self.core()
            .render_graph(format, as_of(as_of_)?, &Default::default())
            .or_throw()
    }
}
