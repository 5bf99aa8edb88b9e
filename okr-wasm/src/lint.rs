//! Lint bindings: `lintText`, `lintGraph`, `explainRule`, `rules`.

use chrono::NaiveDate;
use okr_core::OkrError;
use okr_core::lint::{LintConfig, StatementKind, explain, lint_text_report, rules as core_rules};
use wasm_bindgen::prelude::*;

use crate::Graph;
use crate::convert::{JsResult, invalid, js_error, options, to_js_camel, today};

/// A lint configuration from JavaScript (`{select, ignore, severity, thresholds, today,
/// fiscalYearStartMonth}`, camelCase), over okr-core's defaults, and its as-of date: `today`,
/// else the JavaScript clock's UTC date (wasm32 has no system clock).
fn lint_config(v: Option<JsValue>) -> JsResult<(LintConfig, NaiveDate)> {
    let cfg: LintConfig = options("config", v, &["thresholds"])?;
    cfg.validate().map_err(js_error)?;
    let as_of = match cfg.as_of {
        Some(d) => d,
        None => today()?,
    };
    Ok((cfg, as_of))
}

/// Lints one statement (`kind`: `"goal"` (okr-core's default), `"objective"` or `"key_result"`) and
/// returns the text report: SMART flags, target, baseline, deadline and diagnostics.
#[wasm_bindgen(js_name = lintText, unchecked_return_type = "TextReport")]
pub fn lint_text(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "StatementKind")] kind: Option<String>,
    #[wasm_bindgen(unchecked_param_type = "LintConfig")] config: Option<JsValue>,
) -> JsResult<JsValue> {
    let kind: StatementKind = match kind.as_deref() {
        None => okr_core::lint::StatementKind::default(),
        Some(k) => k.parse().map_err(|other| {
            invalid(
                "kind",
                format!("unknown statement kind {other:?} (goal, objective, key_result)"),
            )
        })?,
    };
    let (cfg, as_of) = lint_config(config)?;
    to_js_camel(&lint_text_report(text, kind, &cfg, as_of))
}

/// Lints a whole graph (structure rules and every title): the diagnostics.
#[wasm_bindgen(js_name = lintGraph, unchecked_return_type = "Diagnostic[]")]
pub fn lint_graph(
    graph: &Graph,
    #[wasm_bindgen(unchecked_param_type = "LintConfig")] config: Option<JsValue>,
) -> JsResult<JsValue> {
    let (cfg, as_of) = lint_config(config)?;
    to_js_camel(&okr_core::lint_graph(graph.core(), &cfg, as_of))
}

/// The documentation of one rule (`"M001"`). Throws `InvalidValueError` for an unknown code.
#[wasm_bindgen(js_name = explainRule, unchecked_return_type = "RuleDoc")]
pub fn explain_rule(code: &str) -> JsResult<JsValue> {
    match explain(code) {
        Some(doc) => to_js_camel(doc),
        None => Err(js_error(OkrError::InvalidValue {
            field: "code".into(),
            reason: format!("unknown lint rule {code:?}"),
        })),
    }
}

/// Every lint rule: code, name, category, default severity, kind (text or structure).
#[wasm_bindgen(unchecked_return_type = "RuleMeta[]")]
pub fn rules() -> JsResult<JsValue> {
    to_js_camel(&core_rules())
}
