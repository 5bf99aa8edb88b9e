//! View bindings (methods of `Graph` and `RollupResult`): okr-core's read-only views
//! (`view_for_with`, `is_view`, `view_viewer`, `view_policy`, `hidden_entry_parent`) and a
//! combined entry's figures in a rollup (`Rollup::hidden_entry`). A view is a `Graph` like any
//! other: every query runs on it, and every change throws okr-core's `ReadOnlyViewError`
//! (`read_only_view`, `ids` = `[viewer]`). Conversion only: every rule is okr-core's.

use okr_core::ViewPolicy;
use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::convert::{JsResult, OrThrow, invalid, to_js};
use crate::{Graph, RollupResult};

/// A view policy from JavaScript: absent (`undefined` / `null`) is okr-core's default
/// (`count_hidden`); a string is read by `ViewPolicy::from_name`.
fn policy(v: Option<JsValue>) -> JsResult<ViewPolicy> {
    match v {
        None => Ok(ViewPolicy::default()),
        Some(v) if v.is_undefined() || v.is_null() => Ok(ViewPolicy::default()),
        Some(v) => match v.as_string() {
            Some(name) => ViewPolicy::from_name(&name).or_throw(),
            None => Err(invalid(
                "policy",
                "expected \"count_hidden\" or \"exclude_hidden\"",
            )),
        },
    }
}

#[wasm_bindgen]
impl Graph {
    /// A read-only view of this graph for owner `viewerId` (okr-core's `view_for_with`): a new
    /// `Graph` holding only what the viewer may see, with one combined entry per visible
    /// objective in place of its hidden inputs (id `<parent>~hidden`, title "Hidden
    /// objectives", owner `hidden`). `policy`: `"count_hidden"` (the default: hidden progress
    /// still counts, every visible figure is the full graph's) or `"exclude_hidden"` (it does
    /// not; the combined entry is a `supports` link, never counted). Every query runs on the
    /// view; a query naming a hidden id throws what a nonexistent id throws; every change
    /// throws `ReadOnlyViewError`. The view is a copy: later changes to this graph do not reach
    /// it. Throws `UnknownIdError` for a viewer who is not an owner, `InvalidValueError` for an
    /// unknown policy. Call `free()` when done.
    #[wasm_bindgen(js_name = viewFor)]
    pub fn view_for(
        &self,
        #[wasm_bindgen(js_name = "viewerId")] viewer_id: &str,
        #[wasm_bindgen(unchecked_param_type = "ViewPolicy")] policy_: Option<JsValue>,
    ) -> JsResult<Graph> {
        let policy = policy(policy_)?;
        (self.inner.view_for_with(viewer_id, policy))
            .or_throw()
            .map(Graph::from)
    }

    /// Whether this graph is a view (`viewFor`).
    #[wasm_bindgen(getter, js_name = isView)]
    pub fn is_view(&self) -> bool {
        self.inner.is_view()
    }

    /// The viewer of this view, `undefined` for a graph that is not a view.
    #[wasm_bindgen(getter, js_name = viewViewer)]
    pub fn view_viewer(&self) -> Option<String> {
        self.inner.view_viewer().map(str::to_string)
    }

    /// The policy of this view (`"count_hidden"` or `"exclude_hidden"`), `undefined` for a
    /// graph that is not a view.
    #[wasm_bindgen(getter, js_name = viewPolicy, unchecked_return_type = "ViewPolicy | undefined")]
    pub fn view_policy(&self) -> JsValue {
        match self.inner.view_policy() {
            Some(p) => JsValue::from_str(p.as_str()),
            None => JsValue::UNDEFINED,
        }
    }

    /// If `id` is one of this view's combined entries, the id of the visible objective it
    /// stands under; else `undefined` (always on a graph that is not a view).
    #[wasm_bindgen(js_name = hiddenEntryParent)]
    pub fn hidden_entry_parent(&self, id: &str) -> Option<String> {
        self.inner.hidden_entry_parent(id).map(str::to_string)
    }
}

#[wasm_bindgen]
impl RollupResult {
    /// If `id` is a combined entry of the view this result was made on, the hidden inputs it
    /// stands for at this result's moment: `{count, weight}` (`count`: how many hidden
    /// objectives and key results, counting or not; `weight`: their combined weight in the
    /// parent, of those whose progress is defined and counts, 0 when none does); else
    /// `undefined` (always for a result of a graph that is not a view).
    #[wasm_bindgen(js_name = hiddenEntry, unchecked_return_type = "HiddenEntry | undefined")]
    pub fn hidden_entry(&self, id: &str) -> JsResult<JsValue> {
        match self.inner.hidden_entry(id) {
            Some(e) => to_js(&json!({"count": e.count, "weight": e.weight})),
            None => Ok(JsValue::UNDEFINED),
        }
    }
}
