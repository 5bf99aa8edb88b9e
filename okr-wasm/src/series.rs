//! Series and burn-up chart bindings (methods of `Graph`): `series({from, to, ids})` and
//! `chart(id, {from, to})`. Conversion only: okr-core's `OkrGraph::series` and
//! `OkrGraph::chart_svg`.

use chrono::NaiveDate;
use js_sys::{Array, Object, Reflect};
use okr_core::AsOf;
use okr_core::analytics::Frequency;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::Graph;
use crate::convert::{JsResult, OrThrow, date, invalid, time_text, to_js_camel};

/// The properties of an options object (`undefined` / `null`: none), each checked against
/// `known`; a property `undefined` or `null` is not given.
fn props(field: &str, v: Option<JsValue>, known: &[&str]) -> JsResult<Vec<(String, JsValue)>> {
    let v = match v {
        Some(v) if !v.is_undefined() && !v.is_null() => v,
        _ => return Ok(Vec::new()),
    };
    if !v.is_object() || Array::is_array(&v) {
        return Err(invalid(field, "expected an object"));
    }
    let mut out = Vec::new();
    for key in Object::keys(v.unchecked_ref::<Object>()).iter() {
        let name = key.as_string().unwrap_or_default();
        if !known.contains(&name.as_str()) {
            return Err(invalid(
                field,
                format!("unknown option {name:?} (known: {})", known.join(", ")),
            ));
        }
        let value = Reflect::get(&v, &key)?;
        if !value.is_undefined() && !value.is_null() {
            out.push((name, value));
        }
    }
    Ok(out)
}

/// The date option `name` (`YYYY-MM-DD`, read by okr-core), if given.
fn date_prop(props: &[(String, JsValue)], name: &str) -> JsResult<Option<NaiveDate>> {
    props
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| date(name, v))
        .transpose()
}

/// A required as-of argument `field` (`start`, `end`), read by okr-core's
/// [`AsOf::parse_field`]: a `YYYY-MM-DD` date (the end of that day, UTC), an RFC 3339 time
/// with a zone or a `Date` (that instant).
fn point(field: &str, v: &JsValue) -> JsResult<AsOf> {
    let text = time_text(v).ok_or_else(|| {
        invalid(
            field,
            "expected a YYYY-MM-DD string, an RFC 3339 timestamp or a Date",
        )
    })?;
    AsOf::parse_field(&text, field).or_throw()
}

/// An optional array of ids (`undefined` / `null`: none).
fn opt_ids(v: Option<JsValue>) -> JsResult<Option<Vec<String>>> {
    let v = match v {
        Some(v) if !v.is_undefined() && !v.is_null() => v,
        _ => return Ok(None),
    };
    let bad = || invalid("ids", "expected an array of ids");
    if !Array::is_array(&v) {
        return Err(bad());
    }
    let ids: Option<Vec<String>> = Array::from(&v).iter().map(|x| x.as_string()).collect();
    Ok(Some(ids.ok_or_else(bad)?))
}

#[wasm_bindgen]
impl Graph {
    /// [`series`](Self::series) at the points of a range: `start`, then every `freq` after it
    /// while before `end`, then `end` itself (okr-core's `OkrGraph::series_every`: one
    /// rollup per point). `freq`: `"D"`, `"W"`, `"M"`, `"Q"` or `"day"`, `"week"`,
    /// `"month"`, `"quarter"` (`undefined`: weekly, okr-core's default). `start` and `end`:
    /// a `YYYY-MM-DD` date is the end of that day (UTC), an RFC 3339 time with a zone or a
    /// `Date` that instant (steps keep its UTC time of day); a time without a zone throws
    /// `InvalidValueError`. Columns as `series`, plus `asOf` (each point's moment, RFC 3339
    /// in UTC).
    #[wasm_bindgen(unchecked_return_type = "Series")]
    pub fn history(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] end: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Frequency")] freq: Option<JsValue>,
        #[wasm_bindgen(unchecked_param_type = "string[]")] ids: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let (start, end) = (point("start", &start)?, point("end", &end)?);
        let every = match freq.filter(|v| !v.is_undefined() && !v.is_null()) {
            None => Frequency::default(),
            Some(v) => {
                let text = v.as_string().ok_or_else(|| {
                    invalid(
                        "freq",
                        format!("expected a string: {}", Frequency::ACCEPTED),
                    )
                })?;
                Frequency::parse(&text).or_throw()?
            }
        };
        let ids = opt_ids(ids)?;
        let ids: Option<Vec<&str>> = ids.as_ref().map(|v| v.iter().map(String::as_str).collect());
        let s = self
            .core()
            .series_every(start, end, every, ids.as_deref(), &Default::default())
            .or_throw()?;
        to_js_camel(&s)
    }

    /// Every node's (or the nodes `ids`') value, progress, attainment, expected progress,
    /// planned value and status at each date from `from` to `to` (`YYYY-MM-DD`, both
    /// included, each the end of that day, UTC): at every date what `rollup(date)` gives, on
    /// the model as it stood then. Columns: `{dates, nodes: [{id, kind, value, progress,
    /// attainment, expected, plannedValue, status}]}`, one entry per date, `null` where the
    /// node does not exist or the figure is undefined. A backwards range or one longer than
    /// 3,660 days throws `InvalidValueError`; an id that exists at no date `UnknownIdError`.
    #[wasm_bindgen(unchecked_return_type = "Series")]
    pub fn series(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SeriesOptions")] options_: JsValue,
    ) -> JsResult<JsValue> {
        let p = props("options", Some(options_), &["from", "to", "ids"])?;
        let from = date_prop(&p, "from")?.ok_or_else(|| invalid("from", "required"))?;
        let to = date_prop(&p, "to")?.ok_or_else(|| invalid("to", "required"))?;
        let ids: Option<Vec<String>> = match p.iter().find(|(k, _)| k == "ids") {
            None => None,
            Some((_, v)) => {
                let bad = || invalid("ids", "expected an array of ids");
                if !Array::is_array(v) {
                    return Err(bad());
                }
                let ids: Option<Vec<String>> =
                    Array::from(v).iter().map(|x| x.as_string()).collect();
                Some(ids.ok_or_else(bad)?)
            }
        };
        let ids: Option<Vec<&str>> = ids.as_ref().map(|v| v.iter().map(String::as_str).collect());
        let s = self
            .core()
            .series(from, to, ids.as_deref(), &Default::default())
            .or_throw()?;
        to_js_camel(&s)
    }

    /// The burn-up chart of objective or key result `id` as an SVG document (no script, no
    /// external resource): a key result's value against the expected or planned line with
    /// its check-ins as dots, an objective's progress against the expected pace. `options`:
    /// `{from, to}` (`YYYY-MM-DD`), each defaulting to the node's period.
    pub fn chart(
        &self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "ChartOptions")] options_: Option<JsValue>,
    ) -> JsResult<String> {
        let p = props("options", options_, &["from", "to"])?;
        let (from, to) = (date_prop(&p, "from")?, date_prop(&p, "to")?);
        self.core()
            .chart_svg(id, from, to, &Default::default())
            .or_throw()
    }
}
