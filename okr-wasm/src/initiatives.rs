//! Initiative bindings (methods of `Graph`): okr-core's `add_initiative`,
//! `update_initiative`, `remove_initiative`, `record_initiative_update`, `initiative_status`
//! and `initiative_summary` (work items under key results, excluded from progress unless the
//! key result weighs them in). Conversion only: every rule is okr-core's.

use js_sys::{Object, Reflect};
use okr_core::{Initiative, InitiativeUpdate};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::Graph;
use crate::convert::{self, JsResult, OrThrow, from_js, invalid, number_prop, to_js, to_js_camel};

/// An initiative in the document's form (`{id, key_result, title, owner?, due?, updates?,
/// extra?}`), read by okr-core's own `Deserialize` (a `Date` in `updates[i].at` is its ISO
/// text, an instant).
fn initiative(v: &JsValue) -> JsResult<Initiative> {
    from_js("initiative", v)
}

/// The fields of `recordInitiativeUpdate`'s argument.
const UPDATE_KEYS: [&str; 5] = ["initiative", "at", "done", "percent", "note"];

#[wasm_bindgen]
impl Graph {
    /// Adds an initiative `{id, key_result, title, owner?, due?, updates?, extra?}` under key
    /// result `key_result`: `due` `YYYY-MM-DD`; `updates` `[{at, done | percent, note?}]`
    /// (exactly one of `done` and `percent`, 0 to 100; kept in time order). Its id shares the
    /// space of objective, key result and KPI ids. It counts in the key result's progress
    /// only when the key result has an `initiatives_weight` above 0.
    #[wasm_bindgen(js_name = addInitiative)]
    pub fn add_initiative(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "InitiativeInput")] x: JsValue,
    ) -> JsResult<()> {
        let x = initiative(&x)?;
        self.inner.add_initiative(x).or_throw()
    }

    /// Replaces the initiative with the same id, its updates included; it may serve another
    /// key result.
    #[wasm_bindgen(js_name = updateInitiative)]
    pub fn update_initiative(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "InitiativeInput")] x: JsValue,
    ) -> JsResult<()> {
        let x = initiative(&x)?;
        self.inner.update_initiative(x).or_throw()
    }

    /// Removes an initiative; returns it.
    #[wasm_bindgen(js_name = removeInitiative, unchecked_return_type = "Initiative")]
    pub fn remove_initiative(&mut self, id: &str) -> JsResult<JsValue> {
        let x = self.inner.remove_initiative(id).or_throw()?;
        to_js(&x)
    }

    /// The initiative with this id (its updates' `at` as RFC 3339 text, UTC), or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Initiative | undefined")]
    pub fn initiative(&self, id: &str) -> JsResult<JsValue> {
        match self.inner.initiative(id) {
            Some(x) => to_js(x),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Every initiative, in insertion order.
    #[wasm_bindgen(unchecked_return_type = "Initiative[]")]
    pub fn initiatives(&self) -> JsResult<JsValue> {
        to_js(&self.inner.initiatives().collect::<Vec<_>>())
    }

    /// The initiatives under key result `kr`, in insertion order.
    #[wasm_bindgen(js_name = initiativesOf, unchecked_return_type = "Initiative[]")]
    pub fn initiatives_of(&self, kr: &str) -> JsResult<JsValue> {
        to_js(&self.inner.initiatives_of(kr))
    }

    /// Records an update `{initiative, at, done | percent, note?}` of an initiative (`at`: an
    /// RFC 3339 time with a zone, `YYYY-MM-DD` (00:00 UTC) or a `Date`). `percent` is read as
    /// a raw number, so NaN reaches okr-core's check. A kept `RollupResult` is brought up to
    /// date with `refresh(graph, keyResult)` on the initiative's key result.
    #[wasm_bindgen(js_name = recordInitiativeUpdate)]
    pub fn record_initiative_update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "InitiativeUpdateInput")] v: JsValue,
    ) -> JsResult<()> {
        const WHAT: &str = "recordInitiativeUpdate";
        if !v.is_object() {
            return Err(invalid(
                WHAT,
                "expected an object {initiative, at, done | percent, note?}",
            ));
        }
        for key in Object::keys(v.unchecked_ref::<Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if !UPDATE_KEYS.contains(&key.as_str()) {
                return Err(invalid(WHAT, format!("unknown field `{key}`")));
            }
        }
        let get = |k: &str| Reflect::get(&v, &JsValue::from_str(k));
        let given = |x: &JsValue| !(x.is_undefined() || x.is_null());
        let id = get("initiative")?
            .as_string()
            .ok_or_else(|| invalid("recordInitiativeUpdate.initiative", "expected a string"))?;
        let at = get("at")?;
        let text = convert::time_text(&at).ok_or_else(|| {
            invalid(
                "recordInitiativeUpdate.at",
                "expected a YYYY-MM-DD string, an RFC 3339 timestamp or a Date",
            )
        })?;
        let at = okr_core::time::parse_timestamp(&text).or_throw()?;
        let done = get("done")?;
        let done = match done.as_bool() {
            Some(d) => Some(d),
            None if !given(&done) => None,
            None => return Err(invalid("recordInitiativeUpdate.done", "expected a boolean")),
        };
        let percent = get("percent")?;
        let percent = match number_prop(&v, "percent") {
            Some(p) => Some(p),
            None if !given(&percent) => None,
            None => {
                return Err(invalid(
                    "recordInitiativeUpdate.percent",
                    "expected a number",
                ));
            }
        };
        let note = get("note")?;
        let note = match note.as_string() {
            Some(n) => Some(n),
            None if !given(&note) => None,
            None => return Err(invalid("recordInitiativeUpdate.note", "expected a string")),
        };
        let update = InitiativeUpdate {
            at,
            done,
            percent,
            note,
        };
        self.inner.record_initiative_update(&id, update).or_throw()
    }

    /// Every initiative's state at `asOf`, in insertion order (`okr initiatives --format
    /// json`, keys in camelCase): `{id, keyResult, title, owner, due, share, done, overdue,
    /// updated}` (`share`: done, 0 to 1; `updated`: the time of the update in force, RFC 3339
    /// text, UTC, or `null`).
    #[wasm_bindgen(js_name = initiativeStatus, unchecked_return_type = "InitiativeStatus[]")]
    pub fn initiative_status(
        &self,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "AsOfInput")] as_of: Option<
            JsValue,
        >,
    ) -> JsResult<JsValue> {
        to_js_camel(&self.inner.initiative_status(convert::as_of(as_of)?))
    }

    /// Key result `kr`'s initiatives at `asOf`, counted: `{count, done, overdue, share,
    /// weight}` (`weight`: its initiatives weight when above 0, else `null`: not counted), or
    /// `undefined` when it has none.
    #[wasm_bindgen(
        js_name = initiativeSummary,
        unchecked_return_type = "InitiativeSummary | undefined"
    )]
    pub fn initiative_summary(
        &self,
        kr: &str,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "AsOfInput")] as_of: Option<
            JsValue,
        >,
    ) -> JsResult<JsValue> {
        match self.inner.initiative_summary(kr, convert::as_of(as_of)?) {
            Some(s) => to_js_camel(&s),
            None => Ok(JsValue::UNDEFINED),
        }
    }
}
