//! The rollup table binding: `graph.rollupTable(asOf?, config?)`, okr-core's
//! `Rollup::table` (one row per node in rollup order: what an analyst filters and groups by
//! beside the figures) as an object of columns. Conversion only: which rows there are, what
//! counts, which owner a key result has and what a view shows are okr-core's.
//!
//! Layout, chosen for speed (see README, "JavaScript"): numbers are `Float64Array`s (NaN =
//! undefined), booleans `Uint8Array`s of 0/1 (one copy of n bytes; an array of n booleans
//! costs n crossings of the boundary), categories `Uint8Array` codes into `legends`
//! (okr-core's `RollupTable::legends`, in code order; `255` where `undefinedReason` has none,
//! so `legends.undefinedReason[code]` is `undefined` there), text arrays of strings (`null`
//! where absent) made by one native split of one string, `lastCheckIn` epoch milliseconds
//! (NaN for none), `asOf` RFC 3339 text.

use chrono::SecondsFormat;
use js_sys::{Array, Float64Array, JsString, Object, Uint8Array};
use okr_core::{RollupTable, TextColumn};
use wasm_bindgen::prelude::*;

use crate::convert::{JsResult, OrThrow, as_of, rollup_config};
use crate::{Graph, set};

/// The code of "no reason" in `undefinedReason` (none of the legend's indices).
const NO_REASON: u8 = u8::MAX;

/// A text column as a JavaScript array (`null` where the column has none): its values joined
/// by NUL into one string that crosses the boundary once and is split natively; one crossing
/// per null. Values holding a NUL fall back to one crossing per value.
fn text_column(c: &TextColumn) -> Array {
    if c.is_empty() {
        return Array::new();
    }
    if c.bytes().contains('\0') {
        return c
            .iter()
            .map(|v| v.map_or(JsValue::NULL, JsValue::from_str))
            .collect();
    }
    let mut joined = String::with_capacity(c.bytes().len() + c.len());
    for v in c.iter() {
        joined.push_str(v.unwrap_or(""));
        joined.push('\0');
    }
    joined.pop();
    let out = JsString::from(joined).split("\0");
    if c.null_count() > 0 {
        for (i, &valid) in c.validity().iter().enumerate() {
            if !valid {
                out.set(i as u32, JsValue::NULL);
            }
        }
    }
    out
}

fn bytes(v: impl Iterator<Item = u8>) -> Uint8Array {
    let v: Vec<u8> = v.collect();
    Uint8Array::from(&v[..])
}

/// Flags as 0/1.
fn flags(v: &[bool]) -> Uint8Array {
    bytes(v.iter().map(|&b| u8::from(b)))
}

/// `"undefined_reason"` -> `"undefinedReason"`.
fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut up = false;
    for ch in name.chars() {
        if ch == '_' {
            up = true;
        } else if up {
            out.extend(ch.to_uppercase());
            up = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// okr-core's legends by camelCase column name.
fn legends() -> JsResult<JsValue> {
    let out = Object::new();
    for (name, values) in RollupTable::legends() {
        let names: Array = values.into_iter().map(JsValue::from_str).collect();
        set(&out, &camel(name), &names)?;
    }
    Ok(out.into())
}

/// The `rollupTable` object of `t`, with `ids` as its id column.
fn table(t: &RollupTable, ids: &Array) -> JsResult<JsValue> {
    let f = &t.figures;
    let out = Object::new();
    // as rollupResult.asOf and report give it
    let as_of = t.as_of.0.to_rfc3339_opts(SecondsFormat::Secs, true);
    set(&out, "asOf", &JsValue::from_str(&as_of))?;
    set(&out, "id", ids)?;
    set(&out, "kind", &bytes(f.kind.iter().map(|k| k.code())))?;
    set(&out, "title", &text_column(&t.title))?;
    set(&out, "owner", &text_column(&t.owner))?;
    set(&out, "objective", &text_column(&t.objective))?;
    set(&out, "cycle", &text_column(&t.cycle))?;
    set(&out, "state", &bytes(t.state.iter().map(|s| s.code())))?;
    set(&out, "counted", &flags(&t.counted))?;
    let numbers = [
        ("progress", &f.progress),
        ("attainment", &f.attainment),
        ("expected", &f.expected),
        ("confidence", &f.confidence),
        ("computedProgress", &f.computed_progress),
        ("computedAttainment", &f.computed_attainment),
        ("plannedValue", &f.planned_value),
        ("value", &t.value),
    ];
    for (name, v) in numbers {
        set(&out, name, &Float64Array::from(&v[..]))?;
    }
    set(&out, "status", &bytes(f.status.iter().map(|s| s.code())))?;
    set(&out, "stale", &flags(&f.stale))?;
    set(&out, "source", &bytes(f.source.iter().map(|s| s.code())))?;
    set(&out, "blocked", &flags(&f.blocked))?;
    let reason = t.undefined_reason.iter();
    let reason = reason.map(|r| r.map_or(NO_REASON, |r| r.code()));
    set(&out, "undefinedReason", &bytes(reason))?;
    let last: Vec<f64> = (t.last_check_in.iter())
        .map(|t| t.map_or(f64::NAN, |t| t.timestamp_millis() as f64))
        .collect();
    set(&out, "lastCheckIn", &Float64Array::from(&last[..]))?;
    set(&out, "legends", &legends()?)?;
    Ok(out.into())
}

#[wasm_bindgen]
impl Graph {
    /// The rollup as one table (okr-core's `Rollup::table`), one row per node in rollup order
    /// (objectives children first, then key results): `id`, `title`, `owner` (a key result's
    /// own, else its objective's), `objective` (key results; `null` for objectives), `cycle`
    /// (arrays of strings); `kind`, `state`, `status`, `source`, `undefinedReason`
    /// (`Uint8Array` codes into `legends`; `undefinedReason` 255 = none); `counted`, `stale`,
    /// `blocked` (`Uint8Array`, 0/1); `progress`, `attainment`, `expected`, `confidence`,
    /// `computedProgress`, `computedAttainment`, `plannedValue`, `value` (`Float64Array`, NaN =
    /// undefined); `lastCheckIn` (`Float64Array` of epoch milliseconds, NaN = none); `asOf`
    /// (RFC 3339); `legends`. Same arguments as `rollup`. On a view, hidden objectives appear
    /// only as the view's combined entries.
    #[wasm_bindgen(js_name = rollupTable, unchecked_return_type = "RollupTable")]
    pub fn rollup_table(
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
        let t = r.table(&self.inner).or_throw()?;
        // the table's ids are the rollup's, in its order: the kept column of rollupColumns
        table(&t, &self.ids.get(self.inner.structure_stamp(), &r))
    }
}
