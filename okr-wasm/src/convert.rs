//! Type conversion between JavaScript values and okr-core types, and error mapping.
//!
//! Nothing here decides anything about OKRs: values are converted and handed to okr-core, whose
//! errors are turned into JavaScript `Error`s (`name` = `OkrError::name()`, `code` =
//! `OkrError::code()`, `ids`, and `path` for document errors).

use chrono::{DateTime, NaiveDate, Utc};
use js_sys::{Array, Object, Reflect};
use okr_core::document::{DocCheckIn, parse_date};
use okr_core::tables::TableProblem;
use okr_core::{AsOf, CheckIn, LogFilter, OkrError, Revise, RollupConfig};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Result of a binding call: `Err` is thrown as a JavaScript exception.
pub type JsResult<T> = Result<T, JsValue>;

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// An okr-core error as a JavaScript `Error` with `name`, `code`, `ids` (and `path` for a
/// document, `problems` for tables).
pub fn js_error(e: OkrError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name(e.name());
    let v: JsValue = err.into();
    set(&v, "code", &JsValue::from_str(e.code()));
    let ids: Array = e.ids().map(JsValue::from_str).collect();
    set(&v, "ids", &ids);
    if let OkrError::Document { path, .. } = &e {
        set(&v, "path", &JsValue::from_str(path));
    }
    if let OkrError::InvalidTables { problems } = &e {
        set(&v, "problems", &table_problems(problems));
    }
    v
}

/// The problems of tables as plain objects `{table, row, column, value, code, message, ids}`
/// (`row`, `column` and `value` `null` when the problem has none), made in one piece through
/// JSON: tables with many bad rows have many problems.
fn table_problems(problems: &[TableProblem]) -> JsValue {
    /// A problem as JavaScript sees it, its fields in this order.
    #[derive(Serialize)]
    struct Problem<'a> {
        table: &'a str,
        row: Option<usize>,
        column: Option<&'a str>,
        value: Option<&'a str>,
        code: &'a str,
        message: &'a str,
        ids: &'a [String],
    }
    let list: Vec<Problem<'_>> = (problems.iter())
        .map(|p| Problem {
            table: &p.table,
            row: p.row,
            column: p.column.as_deref(),
            value: p.value.as_deref(),
            code: p.code,
            message: &p.message,
            ids: &p.ids,
        })
        .collect();
    // a list of strings and numbers always converts
    to_js(&list).unwrap_or_else(|_| Array::new().into())
}

/// A JavaScript argument of the wrong shape, reported as okr-core's `InvalidValue`.
pub fn invalid(field: &str, reason: impl std::fmt::Display) -> JsValue {
    js_error(OkrError::InvalidValue {
        field: field.to_string(),
        reason: reason.to_string(),
    })
}

/// `okr_core::Result` -> thrown JavaScript error.
pub trait OrThrow<T> {
    /// Maps the error with [`js_error`].
    fn or_throw(self) -> JsResult<T>;
}

impl<T> OrThrow<T> for okr_core::Result<T> {
    fn or_throw(self) -> JsResult<T> {
        self.map_err(js_error)
    }
}

/// A document's text from a JavaScript string, refused before it is copied into the module's
/// memory when its length alone puts it over `limits` (okr-core's `check_utf16_len`: a UTF-16
/// unit is at least one byte of UTF-8); the exact size is checked by okr-core when it loads the
/// text. `field` names the argument in the error for a value that is not a string.
pub fn document_text(
    field: &str,
    text: &JsValue,
    limits: &okr_core::document::Limits,
) -> JsResult<String> {
    let Some(s) = text.dyn_ref::<js_sys::JsString>() else {
        return Err(invalid(field, "must be a string"));
    };
    okr_core::document::check_utf16_len(u64::from(s.length()), limits).or_throw()?;
    s.as_string()
        .ok_or_else(|| invalid(field, "must be a string"))
}

/// Room for `bytes` more in the module's memory, taken and given back at once: the
/// allocator keeps it for what follows. Without it the allocator grows the memory a few
/// pages at a time as a load needs more, and Node and Chromium collect garbage on every
/// growth (on the 320 MB benchmark document in Node: 1,106 collections, a quarter of
/// `fromJson`'s time). WebAssembly memory never shrinks, so a caller asks for about what its
/// load will use (room not used stays the allocator's, for whatever follows); memory that
/// cannot grow that far is left as it is (the load then grows it as before, or fails as it
/// would have). A global allocator growing memory by an eighth at a time did as well for
/// loading but made the module 115 KB larger.
pub fn make_room(bytes: usize) {
    let mut room: Vec<u8> = Vec::new();
    // refused: nothing taken, nothing to give back
    let _ = room.try_reserve_exact(bytes);
}

/// `JSON.stringify(value)` as a Rust string.
pub fn stringify(field: &str, value: &JsValue) -> JsResult<String> {
    let s = js_sys::JSON::stringify(value)
        .map_err(|_| invalid(field, "cannot be converted to JSON (a cycle or a BigInt?)"))?;
    s.as_string()
        .ok_or_else(|| invalid(field, "cannot be converted to JSON"))
}

/// Rust value -> plain JavaScript value (through JSON; for small results only).
pub fn to_js<T: Serialize>(value: &T) -> JsResult<JsValue> {
    to_js_with(value, false)
}

/// Rust value -> plain JavaScript value with camelCase keys (user `extra` data kept as is).
pub fn to_js_camel<T: Serialize>(value: &T) -> JsResult<JsValue> {
    to_js_with(value, true)
}

/// Both of the above through one serializer type, so each result type's `Serialize` is
/// compiled once into the `.wasm` (size matters to web pages), keys renamed as written.
fn to_js_with<T: Serialize>(value: &T, camel_case: bool) -> JsResult<JsValue> {
    let text = to_json_text(value, camel_case).map_err(|e| invalid("result", e))?;
    js_sys::JSON::parse(&text)
}

/// Compact JSON text, keys in camelCase when `camel_case` (see [`KeyCase`]).
fn to_json_text<T: Serialize>(value: &T, camel_case: bool) -> Result<String, String> {
    let mut out = Vec::with_capacity(256);
    let formatter = KeyCase {
        camel_case,
        ..KeyCase::default()
    };
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    value.serialize(&mut ser).map_err(|e| e.to_string())?;
    // serde_json writes UTF-8 only.
    String::from_utf8(out).map_err(|e| e.to_string())
}

/// Compact JSON whose object keys are written in camelCase (`undefined_reason` ->
/// `undefinedReason`; ASCII letters only are upper-cased) when `camel_case` is set, except
/// inside the value of an `extra` key (the embedding product's own data, kept as given).
#[derive(Default)]
struct KeyCase {
    camel_case: bool,
    /// Objects and arrays open.
    depth: usize,
    /// Writing a key.
    in_key: bool,
    /// The key being written (to recognise `extra`).
    key: String,
    /// The next character of the key is upper-cased (an `_` was dropped).
    upper_next: bool,
    /// The value of an `extra` key comes next.
    extra_next: bool,
    /// Inside an `extra` value opened at this depth: keys kept as they are.
    raw_from: Option<usize>,
}

impl KeyCase {
    fn open(&mut self) {
        self.depth += 1;
        if self.extra_next && self.raw_from.is_none() {
            self.raw_from = Some(self.depth);
        }
        self.extra_next = false;
    }

    fn close(&mut self) {
        if self.raw_from == Some(self.depth) {
            self.raw_from = None;
        }
        self.depth -= 1;
    }
}

impl serde_json::ser::Formatter for KeyCase {
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open();
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close();
        w.write_all(b"}")
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open();
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close();
        w.write_all(b"]")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.in_key = true;
        self.upper_next = false;
        self.key.clear();
        if first { Ok(()) } else { w.write_all(b",") }
    }

    fn end_object_key<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.in_key = false;
        self.extra_next = self.raw_from.is_none() && self.key == "extra";
        Ok(())
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.extra_next = false;
        Ok(())
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if !(self.in_key && self.camel_case && self.raw_from.is_none()) {
            return w.write_all(fragment.as_bytes());
        }
        self.key.push_str(fragment);
        let mut buf = [0u8; 4];
        for c in fragment.chars() {
            if c == '_' {
                self.upper_next = true;
            } else if self.upper_next {
                // ASCII only: the keys are Rust field names, and Unicode upper-casing would
                // bring its ~12 KB conversion table into the .wasm.
                w.write_all(c.to_ascii_uppercase().encode_utf8(&mut buf).as_bytes())?;
                self.upper_next = false;
            } else {
                w.write_all(c.encode_utf8(&mut buf).as_bytes())?;
            }
        }
        Ok(())
    }
}

/// `fiscalYearStartMonth` -> `fiscal_year_start_month`.
pub fn snake(k: &str) -> String {
    let mut out = String::with_capacity(k.len() + 4);
    for c in k.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Requires a plain object (not null, not an array).
pub fn expect_object(field: &str, v: &JsValue) -> JsResult<()> {
    if !v.is_object() || Array::is_array(v) {
        return Err(invalid(field, "expected an object"));
    }
    Ok(())
}

/// A plain JavaScript object as JSON text (`JSON.stringify`: `undefined` properties are left
/// out, a `Date` becomes its ISO text), for okr-core's own readers. Not an object:
/// `InvalidValueError` naming `field`.
pub fn object_json(field: &str, obj: &JsValue) -> JsResult<String> {
    expect_object(field, obj)?;
    stringify(field, obj)
}

/// A plain JavaScript object -> a serde type (okr-core's own `Deserialize`). A `Date` becomes
/// its ISO text (`JSON.stringify`): an instant where okr-core reads a time, refused where it
/// reads a calendar date.
pub fn from_js<T: DeserializeOwned>(field: &str, obj: &JsValue) -> JsResult<T> {
    let text = object_json(field, obj)?;
    serde_json::from_str(&text).map_err(|e| invalid(field, e))
}

/// An options object (`undefined` / `null`: `T`'s defaults, okr-core's `Default`): keys (and
/// those of the nested objects named in `nested`) renamed from camelCase to snake_case, then
/// read by okr-core's [`okr_core::options::from_json`], so that a bad option is
/// `ConfigError` (`invalid_config`) as in every binding. An argument that is not an object is
/// `InvalidValueError`, as any argument of the wrong type.
pub fn options<T: DeserializeOwned + Default>(
    field: &str,
    v: Option<JsValue>,
    nested: &[&str],
) -> JsResult<T> {
    let v = match v {
        Some(v) if !v.is_undefined() && !v.is_null() => v,
        _ => return Ok(T::default()),
    };
    expect_object(field, &v)?;
    let renamed = snake_keys(&v)?;
    for name in nested {
        let key = JsValue::from_str(&snake(name));
        let inner = Reflect::get(&renamed, &key)?;
        if inner.is_object() && !Array::is_array(&inner) {
            Reflect::set(&renamed, &key, &snake_keys(&inner)?)?;
        }
    }
    let text = stringify(field, &renamed)?;
    okr_core::options::from_json(field, &text).or_throw()
}

/// A shallow copy of a plain object with its own keys in snake_case.
fn snake_keys(obj: &JsValue) -> JsResult<JsValue> {
    let out = Object::new();
    for key in Object::keys(obj.unchecked_ref::<Object>()).iter() {
        let value = Reflect::get(obj, &key)?;
        let name = key.as_string().unwrap_or_default();
        Reflect::set(&out, &JsValue::from_str(&snake(&name)), &value)?;
    }
    Ok(out.into())
}

/// A number property read directly (so NaN and infinities reach okr-core's own checks instead
/// of becoming JSON `null`). `None` when absent or not a number.
pub fn number_prop(obj: &JsValue, name: &str) -> Option<f64> {
    Reflect::get(obj, &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_f64())
}

/// The text of a date or time argument: a string as it is, a `Date` as its ISO text (an
/// instant, `Invalid Date` for an invalid one); `None` for any other value. What the text
/// means is okr-core's rule (`okr_core::time`): a date is a calendar date, a time with a zone
/// an instant, a time without a zone is refused.
pub fn time_text(v: &JsValue) -> Option<String> {
    match v.dyn_ref::<js_sys::Date>() {
        Some(d) if d.get_time().is_nan() => Some("Invalid Date".into()),
        Some(d) => Some(d.to_iso_string().into()),
        None => v.as_string(),
    }
}

/// An as-of argument, read by okr-core's [`AsOf::parse`]: a `YYYY-MM-DD` date (the end of
/// that day, UTC), an RFC 3339 time with a zone, a JavaScript `Date` (that instant), or
/// `undefined` for the end of today (UTC).
pub fn as_of(v: Option<JsValue>) -> JsResult<AsOf> {
    let v = v.unwrap_or(JsValue::UNDEFINED);
    if v.is_undefined() || v.is_null() {
        return today().map(AsOf::from);
    }
    let text = time_text(&v).ok_or_else(|| {
        invalid(
            "asOf",
            "expected a YYYY-MM-DD string, an RFC 3339 timestamp or a Date",
        )
    })?;
    AsOf::parse(&text).or_throw()
}

/// The time of a change (`at`) or a bound on it (`since`), read by okr-core's
/// [`Revise::parse_time`]: a `YYYY-MM-DD` date (00:00 UTC that day), an RFC 3339 time with a
/// zone, or a `Date` (that instant). Errors name `field`.
pub fn change_time(field: &str, v: &JsValue) -> JsResult<DateTime<Utc>> {
    let text = time_text(v).ok_or_else(|| {
        invalid(
            field,
            "expected a YYYY-MM-DD string, an RFC 3339 timestamp or a Date",
        )
    })?;
    Revise::parse_time(&text, field).map_err(js_error)
}

/// A property of `obj`, `None` when `undefined` or `null`.
fn given_prop(obj: &JsValue, name: &str) -> JsResult<Option<JsValue>> {
    let v = Reflect::get(obj, &JsValue::from_str(name))?;
    Ok((!v.is_undefined() && !v.is_null()).then_some(v))
}

/// An optional string property (`undefined` / `null`: `None`).
fn string_prop(field: &str, obj: &JsValue, name: &str) -> JsResult<Option<String>> {
    given_prop(obj, name)?
        .map(|v| {
            v.as_string()
                .ok_or_else(|| invalid(&format!("{field}.{name}"), "expected a string"))
        })
        .transpose()
}

/// The `{at, by, reason}` of a change, each `None` when not given (`undefined` or `null`).
#[derive(Debug, Default)]
pub struct Stamp {
    /// When the change takes effect.
    pub at: Option<DateTime<Utc>>,
    /// Who made it.
    pub by: Option<String>,
    /// Why.
    pub reason: Option<String>,
}

/// The names of a [`Stamp`]'s properties.
const STAMP_KEYS: [&str; 3] = ["at", "by", "reason"];

impl Stamp {
    /// Reads `at`, `by` and `reason` from an object (`at` with [`change_time`]).
    fn read(field: &str, obj: &JsValue) -> JsResult<Stamp> {
        let at = given_prop(obj, "at")?
            .map(|v| change_time(&format!("{field}.at"), &v))
            .transpose()?;
        Ok(Stamp {
            at,
            by: string_prop(field, obj, "by")?,
            reason: string_prop(field, obj, "reason")?,
        })
    }

    /// An optional `{at?, by?, reason?}` argument (`undefined` / `null`: nothing given).
    pub fn from_options(field: &str, v: Option<JsValue>) -> JsResult<Stamp> {
        match v {
            Some(v) if !v.is_undefined() && !v.is_null() => {
                expect_object(field, &v)?;
                Stamp::read(field, &v)
            }
            _ => Ok(Stamp::default()),
        }
    }

    /// Takes `at`, `by` and `reason` out of a fields object (`updateObjective(id, {at, by,
    /// reason, ...fields})`): the stamp, and a shallow copy of the object without them.
    pub fn split(field: &str, obj: &JsValue) -> JsResult<(Stamp, JsValue)> {
        expect_object(field, obj)?;
        let stamp = Stamp::read(field, obj)?;
        let rest: JsValue = Object::assign(&Object::new(), obj.unchecked_ref()).into();
        for k in STAMP_KEYS {
            Reflect::delete_property(rest.unchecked_ref::<Object>(), &JsValue::from_str(k))?;
        }
        Ok((stamp, rest))
    }
}

/// The filter of `Graph.log` (`{id?, since?}`; `undefined` / `null`: every revision).
pub fn log_filter(v: Option<JsValue>) -> JsResult<LogFilter> {
    let Some(v) = v.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(LogFilter::default());
    };
    expect_object("filter", &v)?;
    Ok(LogFilter {
        id: string_prop("filter", &v, "id")?,
        since: given_prop(&v, "since")?
            .map(|s| change_time("filter.since", &s))
            .transpose()?,
    })
}

/// A calendar date argument (`YYYY-MM-DD`), read by okr-core's [`parse_date`], which refuses
/// a time and so a `Date`.
pub fn date(field: &str, v: &JsValue) -> JsResult<NaiveDate> {
    let text = time_text(v).ok_or_else(|| invalid(field, "expected a YYYY-MM-DD string"))?;
    parse_date(&text).or_throw()
}

/// A calendar date argument, `undefined` for today (UTC).
pub fn date_or_today(field: &str, v: Option<JsValue>) -> JsResult<NaiveDate> {
    match v {
        Some(v) if !v.is_undefined() && !v.is_null() => date(field, &v),
        _ => today(),
    }
}

/// Today's UTC date from the JavaScript clock (wasm32 has no system clock).
pub fn today() -> JsResult<NaiveDate> {
    let now = time_text(&js_sys::Date::new_0().into()).unwrap_or_default();
    AsOf::parse(&now).map(AsOf::date).or_throw()
}

/// A rollup configuration `{onTrackMargin, atRiskMargin, staleDays}` (`undefined` / `null`:
/// the defaults; a setting `undefined` is not given, as `JSON.stringify` drops it from the
/// other options objects), read by okr-core's `RollupConfig::from_settings` (numbers read
/// directly, so NaN reaches its checks; a value that is not a number is given as `None`): a
/// bad setting is `ConfigError`, as in every binding.
pub fn rollup_config(v: Option<JsValue>) -> JsResult<RollupConfig> {
    let v = v.unwrap_or(JsValue::UNDEFINED);
    if v.is_undefined() || v.is_null() {
        return Ok(RollupConfig::default());
    }
    expect_object("config", &v)?;
    let keys: Vec<String> = (Object::keys(v.unchecked_ref::<Object>()).iter())
        .filter_map(|k| k.as_string())
        .collect();
    let given =
        |k: &String| !Reflect::get(&v, &JsValue::from_str(k)).is_ok_and(|x| x.is_undefined());
    let settings: Vec<(String, Option<f64>)> = (keys.iter().filter(|k| given(k)))
        .map(|k| (snake(k), number_prop(&v, k)))
        .collect();
    RollupConfig::from_settings(settings.iter().map(|(k, n)| (k.as_str(), *n))).or_throw()
}

/// `{at, value | done | milestonesDone, confidence?, note?, author?, extra?}` (with `krId` when
/// `kr_id` is `None`) -> a key result id and a core `CheckIn`, read as okr-core's
/// [`DocCheckIn`] (the one encoding of `value` / `done` / `milestones_done`, and `at` by the
/// rule for times: a `Date` is its ISO text).
pub fn check_in(field: &str, kr_id: Option<&str>, obj: &JsValue) -> JsResult<(String, CheckIn)> {
    expect_object(field, obj)?;
    let fields = snake_keys(obj)?;
    let key = JsValue::from_str("kr_id");
    let row_kr = Reflect::get(&fields, &key)?;
    Reflect::delete_property(fields.unchecked_ref::<Object>(), &key)?;
    let kr = match (kr_id, row_kr.as_string()) {
        (Some(k), _) => k.to_string(),
        (None, Some(k)) => k,
        (None, None) if row_kr.is_undefined() => {
            return Err(invalid(&format!("{field}.krId"), "missing"));
        }
        (None, None) => return Err(invalid(&format!("{field}.krId"), "expected a string")),
    };
    let text = stringify(field, &fields)?;
    let mut c: DocCheckIn = serde_json::from_str(&text).map_err(|e| invalid(field, e))?;
    // Numbers are read directly so NaN reaches okr-core's validation (JSON has no NaN).
    if let Some(v) = number_prop(obj, "value") {
        c.value = Some(v);
    }
    if let Some(v) = number_prop(obj, "confidence") {
        c.confidence = Some(v);
    }
    let c = c.into_check_in(&kr).or_throw()?;
    Ok((kr, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_case() {
        let v = serde_json::json!({
            "undefined_reason": "no_check_ins",
            "id": "a_b",
            "nodes": [{"last_check_in": null, "extra": {"my_key": {"deep_key": [{"x_y": 1}]}}}],
            "extra": [{"keep_me": true}],
            "after_extra": {"k_é_z": 1, "two__under": 2, "trailing_": 3}
        });
        assert_eq!(
            to_json_text(&v, true).unwrap(),
            r#"{"afterExtra":{"kéZ":1,"trailing":3,"twoUnder":2},"extra":[{"keep_me":true}],"#
                .to_string()
                + r#""id":"a_b","nodes":[{"extra":{"my_key":{"deep_key":[{"x_y":1}]}},"#
                + r#""lastCheckIn":null}],"undefinedReason":"no_check_ins"}"#
        );
        assert_eq!(to_json_text(&v, false).unwrap(), v.to_string());
        assert_eq!(snake("fiscalYearStartMonth"), "fiscal_year_start_month");
        assert_eq!(snake("select"), "select");
    }
}
