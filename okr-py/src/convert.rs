//! Conversions of Python values to okr-core's types (JSON values, serde types, enums, dates,
//! as-of moments, the rollup configuration) and back.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use okr_core::document::{parse_date, parse_timestamp};
use okr_core::{AsOf, Extra, Revise, RollupConfig};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Number;

use crate::errors::{invalid_value, raise};

/// The ISO text of a Python date or time (`datetime.date`, `datetime.datetime`, a pandas
/// `Timestamp`: anything with `isoformat()`), or of a `numpy.datetime64` (its `str()`); `None`
/// for any other value. A time keeps its zone, or the lack of one: okr-core's readers decide
/// (see `okr_core::time`).
fn iso_text(obj: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    if obj.hasattr("isoformat")? {
        return Ok(Some(obj.call_method0("isoformat")?.extract()?));
    }
    if obj.get_type().name()? == "datetime64" {
        return Ok(Some(obj.str()?.to_string()));
    }
    Ok(None)
}

/// Converts a Python value to JSON text: dicts (str keys, in their order), lists/tuples, str,
/// int (any size, written exactly), float (finite: JSON has no NaN), bool, None, and dates and
/// times as ISO text (a time without a zone stays without one: okr-core refuses it where a
/// time is read). `Err` carries (path, reason).
pub(crate) fn py_to_json(obj: &Bound<'_, PyAny>, path: &str) -> Result<String, (String, String)> {
    let mut out = String::new();
    py_to_json_at(obj, path, 0, false, &mut out)?;
    Ok(out)
}

/// Keyword arguments that are an options object (the lint configuration, scorecard options),
/// read by okr-core's [`okr_core::options::from_json`]: a bad option is `ConfigError`, as in
/// every binding. Non-finite floats become JSON `null`, as JavaScript's `JSON.stringify` makes
/// them, for okr-core to refuse.
pub(crate) fn options<T: serde::de::DeserializeOwned>(
    kwargs: &Bound<'_, PyDict>,
    what: &str,
) -> PyResult<T> {
    let mut text = String::new();
    py_to_json_at(kwargs.as_any(), what, 0, true, &mut text)
        .map_err(|(p, r)| invalid_value(&p, r))?;
    okr_core::options::from_json(what, &text).map_err(raise)
}

/// The keyword arguments of an update (`update_objective`, `update_key_result`) as JSON text
/// for okr-core's patch readers (`ObjectivePatch::from_json`, ...); a value that does not
/// convert to JSON is `InvalidValueError` naming `what` and the field. The number field
/// `number` (a key result's `weight`), when given as a number, is taken out and returned beside
/// the text: read directly, so that NaN reaches okr-core's own check (JSON has no NaN).
pub(crate) fn patch_fields(
    fields: Option<&Bound<'_, PyDict>>,
    what: &str,
    number: Option<&str>,
) -> PyResult<(String, Option<f64>)> {
    let Some(fields) = fields else {
        return Ok(("{}".into(), None));
    };
    let fields = fields.copy()?;
    let mut taken = None;
    if let Some(name) = number
        && let Some(v) = fields.get_item(name)?
        && !v.is_none()
        && v.cast::<PyBool>().is_err()
        && let Ok(n) = v.extract::<f64>()
    {
        taken = Some(n);
        fields.del_item(name)?;
    }
    let text = py_to_json(fields.as_any(), what).map_err(|(p, r)| invalid_value(&p, r))?;
    Ok((text, taken))
}

/// Nesting deeper than this is refused before it can exhaust the stack (a self-containing or
/// million-deep dict); documents allow 64 (okr-core's `Limits::max_json_depth`).
const MAX_DEPTH: usize = 128;

/// A string as JSON text.
fn push_str_json(out: &mut String, s: &str) {
    out.push_str(&serde_json::to_string(s).expect("a string always serialises"));
}

fn py_to_json_at(
    obj: &Bound<'_, PyAny>,
    path: &str,
    depth: usize,
    nonfinite_null: bool,
    out: &mut String,
) -> Result<(), (String, String)> {
    let fail = |reason: String| (path.to_string(), reason);
    if depth > MAX_DEPTH {
        return Err(fail(format!("nested more than {MAX_DEPTH} levels deep")));
    }
    if obj.is_none() {
        out.push_str("null");
        return Ok(());
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        out.push_str(if b.is_true() { "true" } else { "false" });
        return Ok(());
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            out.push_str(&i.to_string());
            return Ok(());
        }
        // any size, exactly: int's own decimal text (not a subclass's str, an IntEnum's name)
        let text = obj
            .py()
            .get_type::<PyInt>()
            .call_method1("__repr__", (obj,))
            .and_then(|t| t.extract::<String>())
            .map_err(|e| fail(e.to_string()))?;
        out.push_str(&text);
        return Ok(());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        push_str_json(out, &s.to_string());
        return Ok(());
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        out.push('{');
        for (i, (k, v)) in d.iter().enumerate() {
            let key: String = k
                .extract()
                .map_err(|_| fail("dictionary keys must be strings".into()))?;
            let sub = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            if i > 0 {
                out.push(',');
            }
            push_str_json(out, &key);
            out.push(':');
            py_to_json_at(&v, &sub, depth + 1, nonfinite_null, out)?;
        }
        out.push('}');
        return Ok(());
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        out.push('[');
        for (i, item) in obj.try_iter().map_err(|e| fail(e.to_string()))?.enumerate() {
            let item = item.map_err(|e| fail(e.to_string()))?;
            if i > 0 {
                out.push(',');
            }
            py_to_json_at(
                &item,
                &format!("{path}[{i}]"),
                depth + 1,
                nonfinite_null,
                out,
            )?;
        }
        out.push(']');
        return Ok(());
    }
    if let Some(text) = iso_text(obj).map_err(|e| fail(e.to_string()))? {
        push_str_json(out, &text);
        return Ok(());
    }
    if obj.cast::<PyFloat>().is_ok() || obj.hasattr("__float__").unwrap_or(false) {
        let f: f64 = obj.extract().map_err(|e: PyErr| fail(e.to_string()))?;
        if nonfinite_null && !f.is_finite() {
            out.push_str("null");
            return Ok(());
        }
        let n = Number::from_f64(f).ok_or_else(|| {
            fail(format!(
                "{f} is not a finite number (JSON has no NaN or infinity)"
            ))
        })?;
        out.push_str(&n.to_string());
        return Ok(());
    }
    let ty = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    Err(fail(format!("cannot convert a {ty} to JSON")))
}

/// Python's `json.loads`, looked up once.
static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A core value as Python objects, through its JSON text and Python's own `json.loads`: dicts
/// keep the order of the JSON text (an `extra` object's own order), integers of any size stay
/// exact.
pub(crate) fn to_py<'py, T: serde::Serialize>(
    py: Python<'py>,
    t: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(t).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let loads = JSON_LOADS.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("json")?.getattr("loads")?.unbind())
    })?;
    loads.bind(py).call1((text,))
}

/// A core serde type from a Python value, errors as `InvalidValueError` naming `field`.
pub(crate) fn from_py<T: serde::de::DeserializeOwned>(
    obj: &Bound<'_, PyAny>,
    field: &str,
) -> PyResult<T> {
    let text = py_to_json(obj, field).map_err(|(p, r)| invalid_value(&p, r))?;
    serde_json::from_str(&text).map_err(|e| invalid_value(field, e.to_string()))
}

pub(crate) fn enum_from_str<T: serde::de::DeserializeOwned>(s: &str, field: &str) -> PyResult<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|e| invalid_value(field, e.to_string()))
}

/// An `extra` dict, kept exactly by okr-core (key order, integers of any size); checked by
/// okr-core's [`Extra::from_json`] (an object).
pub(crate) fn extra_from(obj: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Extra> {
    match obj {
        None => Ok(Extra::new()),
        Some(o) if o.is_none() => Ok(Extra::new()),
        Some(o) => {
            let text = py_to_json(o, field).map_err(|(p, r)| invalid_value(&p, r))?;
            Extra::from_json(&text).map_err(raise)
        }
    }
}

// ----- dates ----------------------------------------------------------------------------------

/// The text of a date or time argument: a str as it is, a date or time as ISO text
/// ([`iso_text`]). What the text means is okr-core's rule (`okr_core::time`): a date is a
/// calendar date, a time with a zone an instant, a time without a zone is refused.
fn time_text(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<String> {
    if let Ok(s) = obj.extract::<String>() {
        return Ok(s);
    }
    iso_text(obj)?.ok_or_else(|| {
        PyTypeError::new_err(format!(
            "{field}: expected a datetime.date, a datetime.datetime with a zone or ISO text"
        ))
    })
}

/// A calendar date (cycle bounds, due dates, deadlines): okr-core's [`parse_date`], which
/// refuses a time.
pub(crate) fn to_date(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<NaiveDate> {
    parse_date(&time_text(obj, field)?).map_err(raise)
}

/// The time of an event (a check-in): okr-core's [`parse_timestamp`] (a date is 00:00 UTC).
pub(crate) fn to_timestamp(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<DateTime<Utc>> {
    parse_timestamp(&time_text(obj, field)?).map_err(raise)
}

/// An as-of moment: okr-core's [`AsOf::parse`] (a date is the end of that day, UTC).
pub(crate) fn to_as_of(obj: &Bound<'_, PyAny>) -> PyResult<AsOf> {
    AsOf::parse(&time_text(obj, "as_of")?).map_err(raise)
}

/// An as-of moment given as argument `field` (`start`, `end` of `Graph.history`): okr-core's
/// [`AsOf::parse_field`] (a date is the end of that day, UTC; a zoned time that instant; a
/// time without a zone refused). A Python time it refuses (a naive `datetime` or pandas
/// `Timestamp`) gets, after okr-core's reason, what to pass in Python.
pub(crate) fn to_as_of_field(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<AsOf> {
    let text = time_text(obj, field)?;
    AsOf::parse_field(&text, field).map_err(|e| match e {
        okr_core::OkrError::InvalidValue { field, reason } if !obj.is_instance_of::<PyString>() => {
            invalid_value(
                &field,
                format!(
                    "{reason}; in Python: a datetime.date, or a datetime or pandas Timestamp \
                     with a zone (datetime(..., tzinfo=timezone.utc), \
                     pd.Timestamp(..., tz=\"UTC\"), ts.tz_localize(\"UTC\"))"
                ),
            )
        }
        e => raise(e),
    })
}

/// The time of a change (`at` of an update, a removal, the clock) or a bound on it (`since`
/// of the log): okr-core's [`Revise::parse_at`] (a date is 00:00 UTC that day, a time needs a
/// zone), its error naming `field`.
pub(crate) fn to_change_time(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<DateTime<Utc>> {
    Revise::parse_time(&time_text(obj, field)?, field).map_err(raise)
}

pub(crate) fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

/// A stored time as an aware Python `datetime`. okr stores times from the year 0 (see
/// `okr_core::time::instant_range`), Python's `datetime` starts in the year 1: a time it cannot
/// hold is `InvalidValueError` naming it (the `*_columns` methods give times as text).
pub(crate) fn py_datetime<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("datetime")?
        .getattr("datetime")?
        .call_method1("fromisoformat", (text,))
        .map_err(|e| {
            invalid_value(
                "time",
                format!(
                    "{text} is not a Python datetime ({e}); check_ins_columns() gives it as text"
                ),
            )
        })
}

/// A rollup configuration from keyword arguments (None: not given), read by okr-core's
/// `RollupConfig::from_settings` over its defaults.
pub(crate) fn config(
    on_track_margin: Option<f64>,
    at_risk_margin: Option<f64>,
    stale_days: Option<f64>,
) -> PyResult<RollupConfig> {
    let given = [
        ("on_track_margin", on_track_margin),
        ("at_risk_margin", at_risk_margin),
        ("stale_days", stale_days),
    ];
    let settings = given
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, Some(v))));
    RollupConfig::from_settings(settings).map_err(raise)
}

pub(crate) fn frame<'py>(
    py: Python<'py>,
    columns: Bound<'py, PyDict>,
    kind: &str,
) -> PyResult<Bound<'py, PyAny>> {
    py.import("okr._frames")?
        .getattr("frame")?
        .call1((columns, kind))
}
