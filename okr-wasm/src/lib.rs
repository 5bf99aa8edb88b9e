//! # okr-wasm
//!
//! JavaScript bindings of [`okr_core`] (wasm-bindgen). Thin by design: every OKR rule lives in
//! okr-core; this crate converts values and maps errors. Errors are thrown as `Error`s whose
//! `name` is `OkrError::name()` (`CycleError`, ...) with `code`, `ids` and, for documents,
//! `path` (for tables, `problems`). Objects holding Rust memory (`Graph`) must be released
//! with `free()`.

mod analytics;
mod appraisal;
mod convert;
mod dependencies;
mod initiatives;
mod kpis;
mod limits;
mod lint;
mod revisions;
mod rollup_table;
mod series;
mod snapshot;
mod suggest;
mod tables;
mod views;
mod visibility;
mod workflow;

use std::cell::RefCell;

use js_sys::{Array, Float64Array, JsString, Object, Reflect, Uint8Array};
use okr_core::document::{DocCheckIn, Limits};
use okr_core::report::Report;
use okr_core::{
    Cycle, FigureSource, KeyResult, KeyResultPatch, LinkKind, Objective, ObjectivePatch, OkrGraph,
    Owner, Revise, Status,
};
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

use convert::{
    JsResult, OrThrow, Stamp, as_of, check_in, document_text, from_js, invalid, number_prop,
    rollup_config, to_js, to_js_camel,
};

pub use lint::*;
pub use suggest::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../types.d.ts");

/// Installs the panic hook: a Rust panic is printed with its message (console.error) before the
/// module traps, instead of an anonymous `unreachable`.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// A ratio as okr-core prints it everywhere (`okr report`, explanations, Python's reprs):
/// `0.392` -> `"39.2%"`, one decimal rounded as Rust does (`0.0125` -> `"1.2%"`, where
/// `toFixed` gives `"1.3"`), and `"undefined"` for `null`, `undefined` or NaN (an undefined
/// figure, as `rollup` and `rollupColumns` give it). okr-core's `format::percent`: one formatter,
/// so a page prints the numbers and the word the command and the report print.
#[wasm_bindgen(js_name = formatPercent)]
pub fn format_percent(p: Option<f64>) -> String {
    okr_core::format::percent(p.filter(|p| !p.is_nan()))
}

/// Test hook: panics on purpose, to check that panics surface. Not part of the API.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__debugPanic", skip_typescript)]
pub fn debug_panic() {
    panic!("okr-wasm: deliberate panic from __debugPanic()");
}

/// Test hook: a document's text as `Graph.fromJson` takes it, within a document size limit of
/// `max_bytes` instead of okr-core's default; returns its length in UTF-8 bytes. Not part of
/// the API.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__documentText", skip_typescript)]
pub fn document_text_within(text: JsValue, max_bytes: usize) -> JsResult<usize> {
    let limits = Limits {
        max_document_bytes: max_bytes,
        ..Limits::default()
    };
    let text = document_text("text", &text, &limits)?;
    okr_core::document::check_size(text.len() as u64, &limits).or_throw()?;
    Ok(text.len())
}

/// Test hook: the module's `WebAssembly.Memory`. Not part of the API.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__wasmMemory", skip_typescript)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

fn links(v: Vec<(&str, f64)>) -> Value {
    Value::Array(
        v.into_iter()
            .map(|(id, weight)| json!({"id": id, "weight": weight}))
            .collect(),
    )
}

/// The ids of a rollup's nodes, in its order.
fn id_column(r: &okr_core::Rollup) -> Array {
    let mut ids = String::new();
    let mut plain = true;
    for (id, _) in r.ids() {
        plain &= !id.contains('\0');
        ids.push_str(id);
        ids.push('\0');
    }
    // One string crossing the boundary, split natively, instead of n crossings.
    if !plain {
        r.ids().map(|(id, _)| JsValue::from_str(id)).collect()
    } else if ids.pop().is_some() {
        JsString::from(ids).split("\0")
    } else {
        Array::new()
    }
}

/// The `ids` column of a rollup, kept with the structure stamp and the moment it was made for:
/// made again only after a structural change or for another moment (a graph with revisions
/// has other nodes, in another order, at other times); each call hands out a copy.
#[derive(Default)]
struct KeptIds(RefCell<Option<(IdsKey, Array)>>);

/// What an id column depends on: the graph's structure stamp and the rollup's moment.
type IdsKey = (u64, chrono::DateTime<chrono::Utc>);

impl KeptIds {
    /// A copy of the id column of `r`, whose graph has the structure stamp `stamp`.
    fn get(&self, stamp: u64, r: &okr_core::Rollup) -> Array {
        let key = (stamp, r.as_of().0);
        let mut kept = self.0.borrow_mut();
        let ids = match &*kept {
            Some((k, ids)) if *k == key => ids,
            _ => &kept.insert((key, id_column(r))).1,
        };
        ids.slice(0, ids.length())
    }
}

/// The `rollupColumns` object of `r`, with `ids` (in `r.nodes()` order) as its ids column.
fn columns(r: &okr_core::Rollup, ids: &Array) -> JsResult<JsValue> {
    let c = &r.figure_columns();
    let status: Vec<u8> = c.status.iter().map(|s| s.code()).collect();
    let stale: Vec<u8> = c.stale.iter().map(|&s| u8::from(s)).collect();
    let kind: Vec<u8> = c.kind.iter().map(|k| k.code()).collect();
    let source: Vec<u8> = c.source.iter().map(|s| s.code()).collect();
    let out = Object::new();
    set(&out, "ids", ids)?;
    set(&out, "kind", &Uint8Array::from(&kind[..]))?;
    set(&out, "progress", &Float64Array::from(&c.progress[..]))?;
    set(&out, "attainment", &Float64Array::from(&c.attainment[..]))?;
    set(&out, "expected", &Float64Array::from(&c.expected[..]))?;
    set(&out, "confidence", &Float64Array::from(&c.confidence[..]))?;
    set(&out, "status", &Uint8Array::from(&status[..]))?;
    set(&out, "stale", &Uint8Array::from(&stale[..]))?;
    let blocked: Vec<u8> = c.blocked.iter().map(|&b| u8::from(b)).collect();
    set(&out, "blocked", &Uint8Array::from(&blocked[..]))?;
    let legend: Array = (Status::ALL.iter())
        .map(|s| JsValue::from_str(s.as_str()))
        .collect();
    set(&out, "statusLegend", &legend)?;
    set(&out, "source", &Uint8Array::from(&source[..]))?;
    let legend: Array = (FigureSource::ALL.iter())
        .map(|s| JsValue::from_str(s.as_str()))
        .collect();
    set(&out, "sourceLegend", &legend)?;
    set(
        &out,
        "computedProgress",
        &Float64Array::from(&c.computed_progress[..]),
    )?;
    set(
        &out,
        "computedAttainment",
        &Float64Array::from(&c.computed_attainment[..]),
    )?;
    set(
        &out,
        "plannedValue",
        &Float64Array::from(&c.planned_value[..]),
    )?;
    Ok(out.into())
}

fn set(o: &Object, k: &str, v: &JsValue) -> JsResult<()> {
    Reflect::set(o, &JsValue::from_str(k), v).map(|_| ())
}

/// An OKR graph: owners, cycles, objectives aligned in a weighted DAG, key results, check-ins.
/// Holds Rust memory: call `free()` when done.
#[wasm_bindgen]
pub struct Graph {
    inner: OkrGraph,
    /// The `ids` column of `rollupColumns`.
    ids: KeptIds,
}

impl From<OkrGraph> for Graph {
    fn from(inner: OkrGraph) -> Graph {
        Graph {
            inner,
            ids: KeptIds::default(),
        }
    }
}

impl Default for Graph {
    fn default() -> Self {
        OkrGraph::new().into()
    }
}

impl Graph {
    /// The wrapped core graph.
    pub fn core(&self) -> &OkrGraph {
        &self.inner
    }

    /// A change with the stamp given (okr-core's `OkrGraph::change_with`: through `revised`
    /// with a revision, else through `plain`).
    fn change<A, T>(
        &mut self,
        entity: &str,
        stamp: Stamp,
        arg: A,
        revised: impl FnOnce(&mut OkrGraph, A, Revise) -> okr_core::Result<T>,
        plain: impl FnOnce(&mut OkrGraph, A) -> okr_core::Result<T>,
    ) -> JsResult<T> {
        let Stamp { at, by, reason } = stamp;
        self.inner
            .change_with(entity, at, by, reason, arg, revised, plain)
            .or_throw()
    }
}

#[wasm_bindgen]
impl Graph {
    /// An empty graph, held to `options.limits` (okr-core's defaults when not given; see
    /// `limits()`). Every change is refused over them with `LimitExceededError`, changing
    /// nothing.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<crate::limits::GraphOptions>) -> JsResult<Graph> {
        let limits = limits::from_options("options", options.map(JsValue::from))?;
        Ok(limits::empty(limits))
    }

    /// Reads a document's JSON text (a leading byte order mark is skipped) within
    /// `options.limits` (okr-core's defaults when not given), which the graph keeps. A string
    /// longer than the document size limit is refused before it is copied into the module's
    /// memory. Throws `DocumentError` (with `path`), `LimitExceededError` and the graph errors.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        options: Option<crate::limits::GraphOptions>,
    ) -> JsResult<Graph> {
        let limits = limits::from_options("options", options.map(JsValue::from))?;
        let text = document_text("text", &text, &limits)?;
        // a graph takes at least its JSON text's size again (2.8 times in all for the
        // benchmark organisation)
        convert::make_room(text.len());
        okr_core::document::load_str_with(&text, &limits)
            .or_throw()
            .map(Graph::from)
    }

    /// Reads a document given as a plain object (the JSON document format), within
    /// `options.limits` as `fromJson`.
    #[wasm_bindgen(js_name = fromObject)]
    pub fn from_object(
        #[wasm_bindgen(unchecked_param_type = "OkrDocument")] doc: JsValue,
        options: Option<crate::limits::GraphOptions>,
    ) -> JsResult<Graph> {
        let limits = limits::from_options("options", options.map(JsValue::from))?;
        let json = js_sys::JSON::stringify(&doc).map_err(|_| {
            invalid(
                "document",
                "cannot be converted to JSON (a cycle or a BigInt?)",
            )
        })?;
        if !json.is_string() {
            return Err(invalid("document", "cannot be converted to JSON"));
        }
        let text = document_text("document", &json, &limits)?;
        // as for `fromJson`
        convert::make_room(text.len());
        okr_core::document::load_str_with(&text, &limits)
            .or_throw()
            .map(Graph::from)
    }

    /// The graph as document JSON text (pretty-printed).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The graph as a plain document object.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "OkrDocument")]
    pub fn to_object(&self) -> JsResult<JsValue> {
        // Through the core's own document writer: one compiled copy of the document's
        // `Serialize` in the .wasm instead of two.
        js_sys::JSON::parse(&self.inner.to_json())
    }

    /// An independent copy.
    #[wasm_bindgen(js_name = clone)]
    pub fn clone_graph(&self) -> Graph {
        self.inner.clone().into()
    }

    // --- owners and cycles ---

    /// Adds an owner `{id, name?, kind?, parent?, extra?}`.
    #[wasm_bindgen(js_name = addOwner)]
    pub fn add_owner(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "OwnerInput")] owner: JsValue,
    ) -> JsResult<()> {
        let o: Owner = from_js("owner", &owner)?;
        self.inner.add_owner(o).or_throw()
    }

    /// Removes an owner; returns it.
    #[wasm_bindgen(js_name = removeOwner, unchecked_return_type = "Owner")]
    pub fn remove_owner(&mut self, id: &str) -> JsResult<JsValue> {
        to_js(&self.inner.remove_owner(id).or_throw()?)
    }

    /// Adds a cycle `{id, name?, start, end, parent?, extra?}`; dates as `YYYY-MM-DD` (a `Date`,
    /// a moment, is refused: see the README's "Times").
    #[wasm_bindgen(js_name = addCycle)]
    pub fn add_cycle(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CycleInput")] cycle: JsValue,
    ) -> JsResult<()> {
        let c: Cycle = from_js("cycle", &cycle)?;
        self.inner.add_cycle(c).or_throw()
    }

    /// Removes a cycle; returns it.
    #[wasm_bindgen(js_name = removeCycle, unchecked_return_type = "Cycle")]
    pub fn remove_cycle(&mut self, id: &str) -> JsResult<JsValue> {
        to_js(&self.inner.remove_cycle(id).or_throw()?)
    }

    /// All owners.
    #[wasm_bindgen(unchecked_return_type = "Owner[]")]
    pub fn owners(&self) -> JsResult<JsValue> {
        to_js(&self.inner.owners().collect::<Vec<_>>())
    }

    /// All cycles.
    #[wasm_bindgen(unchecked_return_type = "Cycle[]")]
    pub fn cycles(&self) -> JsResult<JsValue> {
        to_js(&self.inner.cycles().collect::<Vec<_>>())
    }

    // --- objectives and alignment ---

    /// Adds an objective `{id, title, owner, cycle, description?, state?, type?, rollup?,
    /// override?, cadence?, visibility?, viewers?, extra?}` (`override`: `{attainment}`, an
    /// attainment set by hand; `cadence`: `{every: "week" | "month"}` or `{every_days}`, with
    /// `grace_days?`, okr-core's `Cadence`, inherited below it; `visibility`: `"public"` (the
    /// default), `"owner_line"` or `"private"`; `viewers`: owner or group ids who may see it
    /// besides, not with `public`).
    /// With `change.at` (or a clock) it exists from then on, as a revision; without, from the
    /// beginning.
    #[wasm_bindgen(js_name = addObjective)]
    pub fn add_objective(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ObjectiveInput")] objective: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Revise")] change: Option<JsValue>,
    ) -> JsResult<()> {
        let o: Objective = from_js("objective", &objective)?;
        let stamp = Stamp::from_options("change", change)?;
        let id = o.id.clone();
        self.change(
            &id,
            stamp,
            o,
            OkrGraph::add_objective_at,
            OkrGraph::add_objective,
        )
    }

    /// Changes the given fields of objective `id` (`{title?, description?, owner?, cycle?,
    /// state?, type?, rollup?, override?, cadence?, visibility?, viewers?, extra?}`; `viewers`
    /// replaced as a whole); the others, its links and its key
    /// results stay. okr-core's `ObjectivePatch` reads the fields (`undefined` / `null` keeps a
    /// field, except `override` and `cadence`, which `null` clears; an unknown field throws `InvalidValueError`) and `revise_objective` applies them, all or
    /// nothing, as a revision at `fields.at` by `fields.by` for `fields.reason` (taken out of
    /// the fields); without `at`, at the graph's clock (`patch_objective`: `MissingTimeError`
    /// without one).
    #[wasm_bindgen(js_name = updateObjective)]
    pub fn update_objective(
        &mut self,
        #[wasm_bindgen(js_name = "objId")] obj_id: &str,
        #[wasm_bindgen(unchecked_param_type = "ObjectivePatch & Revise")] fields: JsValue,
    ) -> JsResult<()> {
        let (stamp, fields) = Stamp::split("fields", &fields)?;
        let text = convert::object_json("fields", &fields)?;
        let patch = ObjectivePatch::from_json(&text).or_throw()?;
        self.change(
            obj_id,
            stamp,
            patch,
            |g, p, meta| g.revise_objective(obj_id, p, meta),
            |g, p| g.patch_objective(obj_id, p),
        )
    }

    /// Removes an objective (its links and key results go with it) from `change.at` (or the
    /// clock's time) on; returns it. Its history stays and its id is never used again.
    #[wasm_bindgen(js_name = removeObjective, unchecked_return_type = "Objective")]
    pub fn remove_objective(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "Revise")] change: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let stamp = Stamp::from_options("change", change)?;
        let removed = self.change(
            id,
            stamp,
            id,
            OkrGraph::remove_objective_at,
            OkrGraph::remove_objective,
        )?;
        to_js(&removed)
    }

    /// One objective, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Objective | undefined")]
    pub fn objective(&self, id: &str) -> JsResult<JsValue> {
        match self.inner.objective(id) {
            Some(o) => to_js(o),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// All objectives, in insertion order.
    #[wasm_bindgen(unchecked_return_type = "Objective[]")]
    pub fn objectives(&self) -> JsResult<JsValue> {
        to_js(&self.inner.objectives().collect::<Vec<_>>())
    }

    /// Number of objectives.
    #[wasm_bindgen(getter, js_name = objectiveCount)]
    pub fn objective_count(&self) -> usize {
        self.inner.objective_count()
    }

    /// Aligns `child` under `parent` with `weight` (default okr-core's, 1) and `kind`
    /// (`"contributes"`, the default, counted; `"supports"`: shown, never counted), from
    /// `change.at` (or the clock's time) on, else from the beginning. `link(child, parent,
    /// weight, change)` (a `Revise` in place of the kind) reads as before. Throws `CycleError`
    /// with the whole cycle in `ids`, `InvalidWeightError`, `LinkError`, `UnknownIdError`.
    pub fn link(
        &mut self,
        child: &str,
        parent: &str,
        weight: Option<f64>,
        #[wasm_bindgen(unchecked_param_type = "LinkKind | Revise")] kind: Option<JsValue>,
        #[wasm_bindgen(unchecked_param_type = "Revise")] change: Option<JsValue>,
    ) -> JsResult<()> {
        let weight = weight.unwrap_or(okr_core::defaults::WEIGHT);
        // the fourth argument: a kind (text), or the change of the older form
        let (kind, change) = match kind {
            Some(k) if k.is_string() => (dependencies::link_kind(&k)?, change),
            Some(k) if !k.is_undefined() && !k.is_null() => (LinkKind::default(), Some(k)),
            _ => (LinkKind::default(), change),
        };
        let stamp = Stamp::from_options("change", change)?;
        self.change(
            &OkrGraph::link_name(child, parent),
            stamp,
            weight,
            |g, w, meta| g.link_with_at(child, parent, w, kind, meta),
            |g, w| g.link_with(child, parent, w, kind),
        )
    }

    /// Removes an alignment link from `change.at` (or the clock's time) on.
    pub fn unlink(
        &mut self,
        child: &str,
        parent: &str,
        #[wasm_bindgen(unchecked_param_type = "Revise")] change: Option<JsValue>,
    ) -> JsResult<()> {
        let stamp = Stamp::from_options("change", change)?;
        self.change(
            &OkrGraph::link_name(child, parent),
            stamp,
            (),
            |g, (), meta| g.unlink_at(child, parent, meta),
            |g, ()| g.unlink(child, parent),
        )
    }

    /// Changes a link's weight from `change.at` (or the clock's time) on.
    #[wasm_bindgen(js_name = setLinkWeight)]
    pub fn set_link_weight(
        &mut self,
        child: &str,
        parent: &str,
        weight: f64,
        #[wasm_bindgen(unchecked_param_type = "Revise")] change: Option<JsValue>,
    ) -> JsResult<()> {
        let stamp = Stamp::from_options("change", change)?;
        self.change(
            &OkrGraph::link_name(child, parent),
            stamp,
            weight,
            |g, w, meta| g.set_link_weight_at(child, parent, w, meta),
            |g, w| g.set_link_weight(child, parent, w),
        )
    }

    /// The objectives `id` is aligned under, with link weights.
    #[wasm_bindgen(js_name = parentsOf, unchecked_return_type = "Link[]")]
    pub fn parents_of(&self, id: &str) -> JsResult<JsValue> {
        to_js(&links(self.inner.parents_of(id)))
    }

    /// The objectives aligned under `id`, with link weights.
    #[wasm_bindgen(js_name = childrenOf, unchecked_return_type = "Link[]")]
    pub fn children_of(&self, id: &str) -> JsResult<JsValue> {
        to_js(&links(self.inner.children_of(id)))
    }

    /// Ids of the objectives aligned under nothing.
    pub fn roots(&self) -> Vec<String> {
        self.inner
            .roots()
            .into_iter()
            .map(|o| o.id.clone())
            .collect()
    }

    // --- key results and check-ins ---

    /// Adds a key result `{id, title, objective, measure, weight?, due?, owner?, plan?,
    /// override?, initiatives_weight?, extra?}` (`plan`: `[{date, value}]`, numeric key results
    /// only; `override`: `{attainment}`, an attainment set by hand; `initiatives_weight`: how
    /// much its initiatives count in its progress, absent or 0: not at all). With `change.at` (or a clock) it exists from
    /// then on; without, from the beginning.
    #[wasm_bindgen(js_name = addKeyResult)]
    pub fn add_key_result(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "KeyResultInput")] kr: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Revise")] change: Option<JsValue>,
    ) -> JsResult<()> {
        let k = key_result(&kr)?;
        let stamp = Stamp::from_options("change", change)?;
        let id = k.id.clone();
        self.change(
            &id,
            stamp,
            k,
            OkrGraph::add_key_result_at,
            OkrGraph::add_key_result,
        )
    }

    /// Changes the given fields of key result `id` (`{title?, objective?, measure?, weight?,
    /// owner?, due?, parent?, initiatives_weight?, plan?, override?, extra?}`); the others and
    /// its check-ins stay. okr-core's `KeyResultPatch` reads the fields (`undefined` keeps a
    /// field, and so does `null` except for `owner` and `due`, which it empties, and `parent`,
    /// `initiatives_weight` and `override`, which it clears; an unknown field throws
    /// `InvalidValueError`) and
    /// `revise_key_result` applies them, all or nothing, as a revision at `fields.at` by
    /// `fields.by` for `fields.reason` (taken out of the fields; the check-ins from `at` on
    /// must fit a new measure); without `at`, at the graph's clock (`patch_key_result`:
    /// `MissingTimeError` without one). `weight` is read as a raw number so NaN reaches
    /// okr-core's weight check (and `initiatives_weight` too).
    #[wasm_bindgen(js_name = updateKeyResult)]
    pub fn update_key_result(
        &mut self,
        #[wasm_bindgen(js_name = "krId")] kr_id: &str,
        #[wasm_bindgen(unchecked_param_type = "KeyResultPatch & Revise")] fields: JsValue,
    ) -> JsResult<()> {
        let (stamp, fields) = Stamp::split("fields", &fields)?;
        let text = convert::object_json("fields", &fields)?;
        let mut patch = KeyResultPatch::from_json(&text).or_throw()?;
        if let Some(w) = number_prop(&fields, "weight") {
            patch.weight = Some(w);
        }
        if let Some(w) = number_prop(&fields, "initiatives_weight") {
            patch.initiatives_weight = Some(Some(w));
        }
        self.change(
            kr_id,
            stamp,
            patch,
            |g, p, meta| g.revise_key_result(kr_id, p, meta),
            |g, p| g.patch_key_result(kr_id, p),
        )
    }

    /// Removes a key result from `change.at` (or the clock's time) on; returns it. Its history
    /// and check-ins stay for earlier times, and its id is never used again.
    #[wasm_bindgen(js_name = removeKeyResult, unchecked_return_type = "KeyResult")]
    pub fn remove_key_result(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "Revise")] change: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let stamp = Stamp::from_options("change", change)?;
        let removed = self.change(
            id,
            stamp,
            id,
            OkrGraph::remove_key_result_at,
            OkrGraph::remove_key_result,
        )?;
        to_js(&removed)
    }

    /// One key result, or `undefined`.
    #[wasm_bindgen(js_name = keyResult, unchecked_return_type = "KeyResult | undefined")]
    pub fn key_result(&self, id: &str) -> JsResult<JsValue> {
        match self.inner.key_result(id) {
            Some(k) => to_js(k),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// All key results.
    #[wasm_bindgen(js_name = keyResults, unchecked_return_type = "KeyResult[]")]
    pub fn key_results(&self) -> JsResult<JsValue> {
        to_js(&self.inner.key_results().collect::<Vec<_>>())
    }

    /// The key results under the aggregate key result `id` (those whose `parent` names it);
    /// empty for any other id.
    #[wasm_bindgen(js_name = keyResultsUnder, unchecked_return_type = "KeyResult[]")]
    pub fn key_results_under(&self, id: &str) -> JsResult<JsValue> {
        to_js(&self.inner.key_results_under(id))
    }

    /// The key results of one objective.
    #[wasm_bindgen(js_name = keyResultsOf, unchecked_return_type = "KeyResult[]")]
    pub fn key_results_of(&self, objective: &str) -> JsResult<JsValue> {
        to_js(&self.inner.key_results_of(objective))
    }

    /// Records a check-in `{at, value | done | milestonesDone, confidence?, note?, author?}`.
    /// `at`: an RFC 3339 time with a zone, `YYYY-MM-DD` (00:00 UTC) or a `Date` (that instant).
    #[wasm_bindgen(js_name = checkIn)]
    pub fn check_in(
        &mut self,
        kr_id: &str,
        #[wasm_bindgen(unchecked_param_type = "CheckInInput")] check_in: JsValue,
    ) -> JsResult<()> {
        let (kr, c) = convert::check_in("checkIn", Some(kr_id), &check_in)?;
        self.inner.check_in(&kr, c).or_throw()
    }

    /// Records many check-ins `[{krId, at, value, ...}]` atomically: all or none. Returns the
    /// number recorded.
    #[wasm_bindgen(js_name = checkInMany)]
    pub fn check_in_many(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CheckInRow[]")] rows: JsValue,
    ) -> JsResult<usize> {
        let rows: Array = rows
            .dyn_into()
            .map_err(|_| invalid("checkInMany", "expected an array of check-ins"))?;
        let mut batch = Vec::with_capacity(rows.length() as usize);
        for (i, row) in rows.iter().enumerate() {
            batch.push(check_in(&format!("checkInMany[{i}]"), None, &row)?);
        }
        let n = batch.len();
        self.inner.check_in_many(batch).or_throw()?;
        Ok(n)
    }

    /// The check-ins of a key result, in time order.
    #[wasm_bindgen(js_name = checkIns, unchecked_return_type = "CheckIn[]")]
    pub fn check_ins(&self, kr_id: &str) -> JsResult<JsValue> {
        let v: Vec<DocCheckIn> = (self.inner.check_ins(kr_id).iter())
            .map(DocCheckIn::from_check_in)
            .collect();
        to_js_camel(&v)
    }

    // --- rollup, report, explanations ---

    /// Every node's figures at `asOf` (`YYYY-MM-DD` = end of that day UTC, RFC 3339 with a
    /// zone, `Date`; default today): objectives first, then key results. For small graphs; see
    /// `rollupColumns` for bulk use.
    #[wasm_bindgen(unchecked_return_type = "NodeResult[]")]
    pub fn rollup(
        &self,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "AsOfInput")] as_of_: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_param_type = "RollupConfig")] config: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let r = self
            .inner
            .rollup_with(as_of(as_of_)?, &rollup_config(config)?)
            .or_throw()?;
        to_js_camel(&r.nodes().collect::<Vec<_>>())
    }

    /// The rollup as columns: `ids`, `kind` (0 objective, 1 key result), `progress`,
    /// `attainment`, `expected`, `confidence` (`Float64Array`, NaN = undefined), `status`
    /// (`Uint8Array`, names in `statusLegend`), `stale` (`Uint8Array`, 0/1), `source`
    /// (`Uint8Array`, names in `sourceLegend`: 0 computed, 1 manual), `computedProgress`,
    /// `computedAttainment`, `plannedValue` (`Float64Array`, NaN = undefined or no plan).
    #[wasm_bindgen(js_name = rollupColumns, unchecked_return_type = "RollupColumns")]
    pub fn rollup_columns(
        &self,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "AsOfInput")] as_of_: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_param_type = "RollupConfig")] config: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let r = self
            .inner
            .rollup_with(as_of(as_of_)?, &rollup_config(config)?)
            .or_throw()?;
        columns(&r, &self.ids.get(self.inner.structure_stamp(), &r))
    }

    /// A kept rollup at `asOf` (same arguments as `rollup`): a `RollupResult` that `refresh`
    /// brings up to date after check-ins, recomputing only the key result's ancestors.
    /// Call `free()` when done.
    #[wasm_bindgen(js_name = rollupResult)]
    pub fn rollup_result(
        &self,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "AsOfInput")] as_of_: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_param_type = "RollupConfig")] config: Option<JsValue>,
    ) -> JsResult<RollupResult> {
        let inner = self
            .inner
            .rollup_with(as_of(as_of_)?, &rollup_config(config)?)
            .or_throw()?;
        Ok(RollupResult {
            inner,
            stamp: self.inner.structure_stamp(),
            ids: KeptIds::default(),
        })
    }

    /// The alignment report (every node with its place in the tree and its figures).
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(
        &self,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "AsOfInput")] as_of_: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_param_type = "RollupConfig")] config: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let r = self
            .inner
            .rollup_with(as_of(as_of_)?, &rollup_config(config)?)
            .or_throw()?;
        to_js_camel(&Report::new(&self.inner, &r))
    }

    /// The report as text, as printed by `okr report`.
    #[wasm_bindgen(js_name = reportText)]
    pub fn report_text(
        &self,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "AsOfInput")] as_of_: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_param_type = "RollupConfig")] config: Option<JsValue>,
    ) -> JsResult<String> {
        let r = self
            .inner
            .rollup_with(as_of(as_of_)?, &rollup_config(config)?)
            .or_throw()?;
        Ok(Report::render_text(&self.inner, &r))
    }

    /// "Why is this 39%?": the breakdown of one node's progress.
    #[wasm_bindgen(js_name = explainProgress, unchecked_return_type = "Explanation")]
    pub fn explain_progress(
        &self,
        id: &str,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "AsOfInput")] as_of_: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_param_type = "RollupConfig")] config: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let e = self
            .inner
            .explain_progress_with(id, as_of(as_of_)?, &rollup_config(config)?)
            .or_throw()?;
        to_js_camel(&e)
    }
}

/// A key result from JavaScript (`due`: `YYYY-MM-DD`; `weight` and `initiatives_weight` read
/// as raw numbers so NaN reaches okr-core's checks).
fn key_result(kr: &JsValue) -> JsResult<KeyResult> {
    let weight = number_prop(kr, "weight");
    let mut k: KeyResult = match weight {
        Some(_) => {
            let copy: JsValue = Object::assign(&Object::new(), kr.unchecked_ref()).into();
            Reflect::delete_property(copy.unchecked_ref::<Object>(), &JsValue::from_str("weight"))?;
            from_js("keyResult", &copy)?
        }
        None => from_js("keyResult", kr)?,
    };
    if let Some(w) = weight {
        k.weight = w;
    }
    if let Some(w) = number_prop(kr, "initiatives_weight") {
        k.initiatives_weight = Some(w);
    }
    Ok(k)
}

/// A kept rollup (okr-core's `Rollup`): every node's figures at one moment, which `refresh`
/// brings up to date after check-ins by recomputing only the key result and those of its
/// ancestors whose figures change. Made by `Graph.rollupResult`. Holds Rust memory: call
/// `free()` when done.
#[wasm_bindgen]
pub struct RollupResult {
    inner: okr_core::Rollup,
    /// The structure stamp of the graph last rolled up or refreshed from: its nodes are
    /// this result's.
    stamp: u64,
    /// The `ids` column of `columns()`.
    ids: KeptIds,
}

#[wasm_bindgen]
impl RollupResult {
    /// Brings this result up to date, in place, after check-ins on key result `krId` of
    /// `graph`. The figures then equal a fresh `graph.rollupColumns(asOf)` at this result's
    /// moment; after a structural change of the graph (or with another graph) everything is
    /// recomputed. Throws `UnknownIdError` for an id that is not a key result of `graph`, and
    /// leaves the result as it was.
    pub fn refresh(
        &mut self,
        graph: &Graph,
        #[wasm_bindgen(js_name = "krId")] kr_id: &str,
    ) -> JsResult<()> {
        self.inner
            .refresh_key_result(&graph.inner, kr_id)
            .or_throw()?;
        self.stamp = graph.inner.structure_stamp();
        Ok(())
    }

    /// One node's figures, or `undefined` for an id not in this result.
    #[wasm_bindgen(unchecked_return_type = "NodeResult | undefined")]
    pub fn get(&self, id: &str) -> JsResult<JsValue> {
        match self.inner.get(id) {
            Some(node) => to_js_camel(&node),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Every node's figures: objectives first, then key results (as `Graph.rollup`).
    #[wasm_bindgen(unchecked_return_type = "NodeResult[]")]
    pub fn nodes(&self) -> JsResult<JsValue> {
        to_js_camel(&self.inner.nodes().collect::<Vec<_>>())
    }

    /// The figures as columns, in `nodes()` order (the shape of `Graph.rollupColumns`).
    #[wasm_bindgen(unchecked_return_type = "RollupColumns")]
    pub fn columns(&self) -> JsResult<JsValue> {
        columns(&self.inner, &self.ids.get(self.stamp, &self.inner))
    }

    /// Number of nodes (objectives plus key results).
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.len()
    }

    /// The moment of the figures (RFC 3339, UTC, to the second as `report().asOf`).
    #[wasm_bindgen(getter, js_name = asOf)]
    pub fn as_of(&self) -> String {
        self.inner
            .as_of()
            .0
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}
