//! KPI bindings (methods of `Graph`): okr-core's `add_kpi`, `update_kpi`, `remove_kpi`,
//! `record_kpi_value` and `kpi_health` (health metrics reported apart from OKR progress).
//! Conversion only: every rule is okr-core's.

use js_sys::{Object, Reflect};
use okr_core::{Kpi, KpiValue};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::Graph;
use crate::convert::{self, JsResult, OrThrow, from_js, invalid, number_prop, to_js, to_js_camel};

/// A KPI in the document's form (`{id, name, health, unit?, owner?, targets?, values?,
/// extra?}`), read by okr-core's own `Deserialize` (a `Date` in `values[i].at` is its ISO
/// text, an instant).
fn kpi(v: &JsValue) -> JsResult<Kpi> {
    from_js("kpi", v)
}

#[wasm_bindgen]
impl Graph {
    /// Adds a KPI `{id, name, health, unit?, owner?, targets?, values?, extra?}`: `health` is
    /// `{kind: "increase" | "decrease"}`, `{kind: "at_or_above" | "at_or_below", value}` or
    /// `{kind: "between", min, max}`; `targets` `[{month: "YYYY-MM", value}]`; `values`
    /// `[{at, value, note?}]`. Its id shares the space of objective and key result ids.
    #[wasm_bindgen(js_name = addKpi)]
    pub fn add_kpi(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "KpiInput")] k: JsValue,
    ) -> JsResult<()> {
        let k = kpi(&k)?;
        self.inner.add_kpi(k).or_throw()
    }

    /// Replaces the KPI with the same id, its values included; the key results taking their
    /// values from it get them as their check-ins (`UnitMismatchError` when a unit disagrees).
    #[wasm_bindgen(js_name = updateKpi)]
    pub fn update_kpi(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "KpiInput")] k: JsValue,
    ) -> JsResult<()> {
        let k = kpi(&k)?;
        self.inner.update_kpi(k).or_throw()
    }

    /// Removes a KPI no key result takes its values from (`InUseError` otherwise); returns it.
    #[wasm_bindgen(js_name = removeKpi, unchecked_return_type = "Kpi")]
    pub fn remove_kpi(&mut self, id: &str) -> JsResult<JsValue> {
        let k = self.inner.remove_kpi(id).or_throw()?;
        to_js(&k)
    }

    /// The KPI with this id (its values' `at` as RFC 3339 text, UTC), or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Kpi | undefined")]
    pub fn kpi(&self, id: &str) -> JsResult<JsValue> {
        match self.inner.kpi(id) {
            Some(k) => to_js(k),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Every KPI, in insertion order.
    #[wasm_bindgen(unchecked_return_type = "Kpi[]")]
    pub fn kpis(&self) -> JsResult<JsValue> {
        to_js(&self.inner.kpis().collect::<Vec<_>>())
    }

    /// Records a value `{kpi, at, value, note?}` of a KPI (`at`: an RFC 3339 time with a
    /// zone, `YYYY-MM-DD` (00:00 UTC) or a `Date`), and so a check-in of each key result
    /// taking its values from it. `value` is read as a raw number, so NaN reaches okr-core's
    /// check.
    #[wasm_bindgen(js_name = recordKpiValue)]
    pub fn record_kpi_value(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "KpiValueInput")] v: JsValue,
    ) -> JsResult<()> {
        if !v.is_object() {
            return Err(invalid(
                "recordKpiValue",
                "expected an object {kpi, at, value, note?}",
            ));
        }
        let id = Reflect::get(&v, &JsValue::from_str("kpi"))?
            .as_string()
            .ok_or_else(|| invalid("recordKpiValue.kpi", "expected a string"))?;
        let at = Reflect::get(&v, &JsValue::from_str("at"))?;
        let text = convert::time_text(&at).ok_or_else(|| {
            invalid(
                "recordKpiValue.at",
                "expected a YYYY-MM-DD string, an RFC 3339 timestamp or a Date",
            )
        })?;
        let at = okr_core::time::parse_timestamp(&text).or_throw()?;
        let value = number_prop(&v, "value")
            .ok_or_else(|| invalid("recordKpiValue.value", "expected a number"))?;
        let note = Reflect::get(&v, &JsValue::from_str("note"))?;
        let note = match note.as_string() {
            Some(n) => Some(n),
            None if note.is_undefined() || note.is_null() => None,
            None => return Err(invalid("recordKpiValue.note", "expected a string")),
        };
        for key in Object::keys(v.unchecked_ref::<Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if !["kpi", "at", "value", "note"].contains(&key.as_str()) {
                return Err(invalid("recordKpiValue", format!("unknown field `{key}`")));
            }
        }
        let mut kv = KpiValue::new(at, value);
        kv.note = note;
        self.inner.record_kpi_value(&id, kv).or_throw()
    }

    /// Every KPI's health at `asOf`, apart from OKR progress: `{id, name, owner, unit, kind,
    /// value, at, previous, trend, target, min, max, health}` (`at`: RFC 3339 text, UTC;
    /// `trend`: `"up"`, `"down"`, `"flat"` or `null`; `health`: `"healthy"`, `"unhealthy"` or
    /// `"no_data"`).
    #[wasm_bindgen(js_name = kpiHealth, unchecked_return_type = "KpiStatus[]")]
    pub fn kpi_health(
        &self,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "AsOfInput")] as_of: Option<
            JsValue,
        >,
    ) -> JsResult<JsValue> {
        let rows = self.inner.kpi_health(convert::as_of(as_of)?);
        to_js_camel(&rows)
    }
}
