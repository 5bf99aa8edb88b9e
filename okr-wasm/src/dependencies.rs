//! Link kinds and dependencies (methods of `Graph` and `RollupResult`): the kind of a link
//! (`setLinkKind`, `linkKind`, `parentLinks`, `childLinks`), dependencies (`addDependency`,
//! `removeDependency`, `dependencies`, `dependenciesOf`, `dependencyStatus`) and what blocks a
//! node (`RollupResult.blockers`). Conversion only: every rule is okr-core's.

use okr_core::{Dependency, LinkKind, OkrGraph};
use serde::{Deserialize, Serialize};
use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::convert::{JsResult, OrThrow, Stamp, as_of, from_js, rollup_config, to_js, to_js_camel};
use crate::{Graph, RollupResult};

/// `addDependency`'s argument.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DependencyInput {
    blocker: String,
    blocked: String,
    #[serde(default)]
    start_by: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

/// A dependency as JavaScript sees it (camelCase; `startBy` and `note` absent when none).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DependencyOut<'a> {
    blocker: &'a str,
    blocked: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

impl<'a> From<&'a Dependency> for DependencyOut<'a> {
    fn from(d: &'a Dependency) -> Self {
        DependencyOut {
            blocker: &d.blocker,
            blocked: &d.blocked,
            start_by: d.start_by.map(|x| x.to_string()),
            note: d.note.as_deref(),
        }
    }
}

/// A link kind named by JavaScript (`"contributes"` or `"supports"`), read by okr-core.
pub(crate) fn link_kind(v: &JsValue) -> JsResult<LinkKind> {
    match v.as_string() {
        Some(s) => LinkKind::parse(&s).or_throw(),
        None => Err(crate::convert::invalid(
            "kind",
            "expected \"contributes\" or \"supports\"",
        )),
    }
}

/// Links seen from one end, as `{id, weight, kind}`.
fn link_infos(links: Vec<okr_core::LinkInfo<'_>>) -> JsResult<JsValue> {
    to_js(&links)
}

#[wasm_bindgen]
impl Graph {
    /// Changes the kind of a link (`"contributes"`: counted; `"supports"`: shown, never
    /// counted) from `change.at` (or the clock's time) on, as a revision. Throws `LinkError`
    /// (no such link), `InvalidValueError` (another kind), `MissingTimeError`.
    #[wasm_bindgen(js_name = setLinkKind)]
    pub fn set_link_kind(
        &mut self,
        child: &str,
        parent: &str,
        #[wasm_bindgen(unchecked_param_type = "LinkKind")] kind: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Revise")] change: Option<JsValue>,
    ) -> JsResult<()> {
        let kind = link_kind(&kind)?;
        let stamp = Stamp::from_options("change", change)?;
        self.change(
            &OkrGraph::link_name(child, parent),
            stamp,
            kind,
            |g, k, meta| g.set_link_kind_at(child, parent, k, meta),
            |g, k| g.set_link_kind(child, parent, k),
        )
    }

    /// The kind of the link `child -> parent`, `undefined` when there is none.
    #[wasm_bindgen(js_name = linkKind, unchecked_return_type = "LinkKind | undefined")]
    pub fn link_kind(&self, child: &str, parent: &str) -> JsValue {
        match self.inner.link_kind(child, parent) {
            Some(k) => JsValue::from_str(k.as_str()),
            None => JsValue::UNDEFINED,
        }
    }

    /// The links up from `id`, in link order: `{id, weight, kind}` (`id` the parent).
    #[wasm_bindgen(js_name = parentLinks, unchecked_return_type = "Link[]")]
    pub fn parent_links(&self, id: &str) -> JsResult<JsValue> {
        link_infos(self.inner.parent_links(id))
    }

    /// The links down from `id`, in link order: `{id, weight, kind}` (`id` the child).
    #[wasm_bindgen(js_name = childLinks, unchecked_return_type = "Link[]")]
    pub fn child_links(&self, id: &str) -> JsResult<JsValue> {
        link_infos(self.inner.child_links(id))
    }

    /// Adds a dependency `{blocker, blocked, startBy?, note?}`: `blocker` blocks `blocked`
    /// (objectives or key results); `startBy` (`YYYY-MM-DD`) the day by which the blocker must
    /// have started. Throws `UnknownIdError`, `DependencyCycleError` (the path in `ids`),
    /// `DependencyError` (the same dependency twice), `InvalidValueError`.
    #[wasm_bindgen(js_name = addDependency)]
    pub fn add_dependency(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "DependencyInput")] dependency: JsValue,
    ) -> JsResult<()> {
        let d: DependencyInput = from_js("dependency", &dependency)?;
        let mut dep = Dependency::new(d.blocker, d.blocked);
        dep.start_by = d
            .start_by
            .map(|s| okr_core::time::parse_date(&s))
            .transpose()
            .or_throw()?;
        dep.note = d.note;
        self.inner.add_dependency(dep).or_throw()
    }

    /// Removes the dependency `blocker -> blocked` (`DependencyError` when there is none).
    #[wasm_bindgen(js_name = removeDependency)]
    pub fn remove_dependency(&mut self, blocker: &str, blocked: &str) -> JsResult<()> {
        self.inner
            .remove_dependency(blocker, blocked)
            .map(drop)
            .or_throw()
    }

    /// Every dependency, in the order added: `{blocker, blocked, startBy?, note?}`.
    #[wasm_bindgen(unchecked_return_type = "Dependency[]")]
    pub fn dependencies(&self) -> JsResult<JsValue> {
        let v: Vec<DependencyOut<'_>> = self.inner.dependencies().map(Into::into).collect();
        to_js(&v)
    }

    /// What blocks `id` and what it blocks: `{blockedBy, blocks}`, lists of dependencies.
    #[wasm_bindgen(js_name = dependenciesOf, unchecked_return_type = "DependenciesOf")]
    pub fn dependencies_of(&self, id: &str) -> JsResult<JsValue> {
        let of = self.inner.dependencies_of(id);
        let blocked_by: Vec<DependencyOut<'_>> =
            of.blocked_by.iter().map(|d| (*d).into()).collect();
        let blocks: Vec<DependencyOut<'_>> = of.blocks.iter().map(|d| (*d).into()).collect();
        to_js(&json!({ "blockedBy": blocked_by, "blocks": blocks }))
    }

    /// Every dependency with whether it blocks at `asOf` (same arguments as `rollup`):
    /// `{blocker, blocked, startBy?, note?, blocksNow, reason?}` (`reason`: `off_track` or
    /// `not_started`).
    #[wasm_bindgen(js_name = dependencyStatus, unchecked_return_type = "DependencyStatus[]")]
    pub fn dependency_status(
        &self,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "AsOfInput")] as_of_: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_param_type = "RollupConfig")] config: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let list = self
            .inner
            .dependency_status(as_of(as_of_)?, &rollup_config(config)?)
            .or_throw()?;
        to_js_camel(&list)
    }
}

#[wasm_bindgen]
impl RollupResult {
    /// What blocks `id` at this result's moment: `{id, kind, reason, startBy?}` (`reason`:
    /// `off_track` or `not_started`); empty when nothing blocks it or the id is unknown.
    #[wasm_bindgen(unchecked_return_type = "Blocker[]")]
    pub fn blockers(&self, id: &str) -> JsResult<JsValue> {
        to_js_camel(&self.inner.blockers(id))
    }
}
