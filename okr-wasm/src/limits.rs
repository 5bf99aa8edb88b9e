//! Limits bindings: okr-core's `Limits` as a plain options object with the fields' names in
//! camelCase (`{ maxObjectives: 1000, maxCheckInsPerKeyResult: 500 }`), taken as
//! `{ limits }` by `new Graph(options)`, `Graph.fromJson(text, options)`,
//! `Graph.fromObject(doc, options)`, `Graph.fromSnapshot(bytes, options)` and
//! `Graph.fromCsv(texts, options)`; `graph.limits()` gives a graph's back. A limit not given
//! keeps okr-core's default; `Infinity` is no limit. Which names there are is okr-core's
//! (`Limits::set`): another is its `InvalidValueError`. Every change to a graph is held to its
//! limits by okr-core.

use js_sys::{Object, Reflect};
use okr_core::OkrGraph;
use okr_core::document::Limits;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::Graph;
use crate::convert::{self, JsResult, invalid};

#[wasm_bindgen]
extern "C" {
    /// The options object `{ limits? }` (`GraphOptions` in TypeScript): typed so that
    /// wasm-bindgen declares the argument optional.
    #[wasm_bindgen(typescript_type = "GraphOptions")]
    pub type GraphOptions;
}

/// `max_objectives` -> `maxObjectives`.
fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut up = false;
    for c in name.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.push(c.to_ascii_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The limits of an options object `{ limits? }` (`undefined` or `null`: okr-core's
/// defaults). Other keys of the options, keys of `limits` that name no limit and values that
/// are not non-negative integers (or `Infinity`) are `InvalidValueError`.
pub(crate) fn from_options(field: &str, options: Option<JsValue>) -> JsResult<Limits> {
    let mut limits = Limits::default();
    let Some(options) = options.filter(|o| !o.is_undefined() && !o.is_null()) else {
        return Ok(limits);
    };
    convert::expect_object(field, &options)?;
    for key in Object::keys(options.unchecked_ref::<Object>()).iter() {
        let name = key.as_string().unwrap_or_default();
        if name != "limits" {
            return Err(invalid(
                &format!("{field}.{name}"),
                "unknown option (the options are: limits)",
            ));
        }
    }
    let given = Reflect::get(&options, &JsValue::from_str("limits"))?;
    if given.is_undefined() || given.is_null() {
        return Ok(limits);
    }
    let field = format!("{field}.limits");
    convert::expect_object(&field, &given)?;
    for key in Object::keys(given.unchecked_ref::<Object>()).iter() {
        let name = key.as_string().unwrap_or_default();
        let value = Reflect::get(&given, &key)?;
        if value.is_undefined() {
            continue;
        }
        let at = format!("{field}.{name}");
        let n = value
            .as_f64()
            .ok_or_else(|| invalid(&at, "a limit is a number"))?;
        let n = if n == f64::INFINITY {
            usize::MAX
        } else if n.fract() != 0.0 || n.is_nan() || n < 0.0 {
            return Err(invalid(
                &at,
                format!("a limit is a non-negative integer or Infinity, not {n}"),
            ));
        } else if n > usize::MAX as f64 {
            return Err(invalid(
                &at,
                format!(
                    "{n} is larger than the largest limit ({}); Infinity is none",
                    usize::MAX
                ),
            ));
        } else {
            n as usize
        };
        // the names are camelCase (`max_objectives` is no name in JavaScript)
        let snake = convert::snake(&name);
        if camel(&snake) != name || !Limits::NAMES.contains(&snake.as_str()) {
            let names: Vec<String> = Limits::NAMES.iter().map(|n| camel(n)).collect();
            return Err(invalid(
                &at,
                format!(
                    "no limit is named {name:?}; the limits are {}",
                    names.join(", ")
                ),
            ));
        }
        limits.set(&snake, n).map_err(|e| {
            invalid(
                &at,
                match e {
                    okr_core::OkrError::InvalidValue { reason, .. } => reason,
                    e => e.to_string(),
                },
            )
        })?;
    }
    Ok(limits)
}

/// The limits as a plain object, camelCase keys, `Infinity` for no limit.
pub(crate) fn to_js(limits: &Limits) -> JsResult<JsValue> {
    let out = Object::new();
    for (name, v) in limits.entries() {
        let v = if v == usize::MAX {
            f64::INFINITY
        } else {
            v as f64
        };
        Reflect::set(
            &out,
            &JsValue::from_str(&camel(name)),
            &JsValue::from_f64(v),
        )?;
    }
    Ok(out.into())
}

#[wasm_bindgen]
impl Graph {
    /// The limits this graph is held to, as `{ maxDocumentBytes, maxJsonDepth, ... }`
    /// (`Infinity`: no limit): those it was made or read with, okr-core's defaults when none
    /// were given. A clone keeps them; a snapshot or document does not hold them (pass them
    /// again when reading it).
    #[wasm_bindgen(js_name = limits, unchecked_return_type = "Limits")]
    pub fn limits(&self) -> JsResult<JsValue> {
        to_js(self.inner.limits())
    }
}

/// An empty graph held to `limits`.
pub(crate) fn empty(limits: Limits) -> Graph {
    OkrGraph::with_limits(limits).into()
}
