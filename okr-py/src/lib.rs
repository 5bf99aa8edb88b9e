//! `okr._okr`: the Python extension module of okr.
//!
//! A thin binding: every OKR rule lives in okr-core. This crate only converts Python values to
//! the core's types (through the core's serde types where it can), maps [`OkrError`] to a table
//! of exception classes, and converts results back. The pure-Python layer is `python/okr`.
#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::ffi::CString;
use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use okr_core::analytics;
use okr_core::document::{self, parse_date, parse_timestamp};
use okr_core::lint;
use okr_core::report::Report;
use okr_core::{
    AsOf, CheckIn, CheckInValue, Cycle, EntityKind, Extra, KeyResult, Measure, NodeKind,
    NodeResult as CoreNode, Objective, ObjectiveState, ObjectiveType, OkrError, OkrGraph, Owner,
    Rollup, RollupConfig, RollupMode,
};
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use serde_json::{Map, Number, Value};

// ----- errors ---------------------------------------------------------------------------------

/// One exception class per `OkrError::name()` of okr-core, with its docstring, from the core's
/// own table. Mapping a core error to a class is a lookup of `name()`; there is no per-rule code.
const ERROR_CLASSES: &[(&str, &str)] = okr_core::ERROR_NAMES;

struct Classes {
    base: Py<PyType>,
    by_name: HashMap<&'static str, Py<PyType>>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

fn make_classes(py: Python<'_>) -> PyResult<Classes> {
    let value_error = py.get_type::<PyValueError>();
    let base = PyErr::new_type(
        py,
        c"okr._okr.OkrError",
        Some(c"Base class of every okr error. Attributes: code (str), ids (list[str])."),
        Some(&value_error),
        None,
    )?;
    let mut by_name = HashMap::new();
    for (name, doc) in ERROR_CLASSES {
        let qual = CString::new(format!("okr._okr.{name}"))?;
        let doc = CString::new(*doc)?;
        let ty = PyErr::new_type(py, &qual, Some(&doc), Some(base.bind(py)), None)?;
        by_name.insert(*name, ty);
    }
    Ok(Classes { base, by_name })
}

/// Converts a core error into an instance of its exception class with `.code`, `.ids` (and
/// `.path` for document errors).
fn raise(e: OkrError) -> PyErr {
    Python::attach(|py| {
        let Some(classes) = CLASSES.get(py) else {
            return PyValueError::new_err(e.to_string());
        };
        let ty = classes
            .by_name
            .get(e.name())
            .unwrap_or(&classes.base)
            .bind(py)
            .clone();
        let err = PyErr::from_type(ty, (e.to_string(),));
        let value = err.value(py);
        let set = || -> PyResult<()> {
            value.setattr("code", e.code())?;
            value.setattr("ids", e.ids())?;
            if let OkrError::Document { path, .. } = &e {
                value.setattr("path", path)?;
            }
            Ok(())
        };
        match set() {
            Ok(()) => err,
            Err(other) => other,
        }
    })
}

fn invalid_value(field: &str, reason: impl Into<String>) -> PyErr {
    raise(OkrError::InvalidValue {
        field: field.to_string(),
        reason: reason.into(),
    })
}

// ----- Python <-> JSON ------------------------------------------------------------------------

fn is_datetime(obj: &Bound<'_, PyAny>) -> bool {
    obj.hasattr("hour").unwrap_or(false) && obj.hasattr("utcoffset").unwrap_or(false)
}

fn is_date(obj: &Bound<'_, PyAny>) -> bool {
    obj.hasattr("isoformat").unwrap_or(false) && obj.hasattr("year").unwrap_or(false)
}

/// RFC 3339 text of a Python datetime; a naive one means UTC.
fn datetime_text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let iso: String = obj.call_method0("isoformat")?.extract()?;
    if obj.call_method0("utcoffset")?.is_none() {
        Ok(format!("{iso}Z"))
    } else {
        Ok(iso)
    }
}

/// Converts a Python value to JSON: dicts (str keys), lists/tuples, str, int, float (finite:
/// JSON has no NaN), bool, None, and dates/datetimes as ISO text. `Err` carries (path, reason).
fn py_to_json(obj: &Bound<'_, PyAny>, path: &str) -> Result<Value, (String, String)> {
    py_to_json_at(obj, path, 0)
}

/// Nesting deeper than this is refused before it can exhaust the stack (a self-containing or
/// million-deep dict); documents allow 64 (okr-core's `Limits::max_json_depth`).
const MAX_DEPTH: usize = 128;

fn py_to_json_at(
    obj: &Bound<'_, PyAny>,
    path: &str,
    depth: usize,
) -> Result<Value, (String, String)> {
    let fail = |reason: String| (path.to_string(), reason);
    if depth > MAX_DEPTH {
        return Err(fail(format!("nested more than {MAX_DEPTH} levels deep")));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_string()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key: String = k
                .extract()
                .map_err(|_| fail("dictionary keys must be strings".into()))?;
            let sub = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            map.insert(key, py_to_json_at(&v, &sub, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        let mut out = Vec::new();
        for (i, item) in obj.try_iter().map_err(|e| fail(e.to_string()))?.enumerate() {
            let item = item.map_err(|e| fail(e.to_string()))?;
            out.push(py_to_json_at(&item, &format!("{path}[{i}]"), depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if is_datetime(obj) {
        return datetime_text(obj)
            .map(Value::String)
            .map_err(|e| fail(e.to_string()));
    }
    if is_date(obj) {
        return obj
            .call_method0("isoformat")
            .and_then(|s| s.extract::<String>())
            .map(Value::String)
            .map_err(|e| fail(e.to_string()));
    }
    if obj.cast::<PyFloat>().is_ok() || obj.hasattr("__float__").unwrap_or(false) {
        let f: f64 = obj.extract().map_err(|e: PyErr| fail(e.to_string()))?;
        return Number::from_f64(f).map(Value::Number).ok_or_else(|| {
            fail(format!(
                "{f} is not a finite number (JSON has no NaN or infinity)"
            ))
        });
    }
    let ty = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    Err(fail(format!("cannot convert a {ty} to JSON")))
}

fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                dict.set_item(k, json_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

fn to_py<'py, T: serde::Serialize>(py: Python<'py>, t: &T) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(t).map_err(|e| PyValueError::new_err(e.to_string()))?;
    json_to_py(py, &v)
}

/// A core serde type from a Python value, errors as `InvalidValueError` naming `field`.
fn from_py<T: serde::de::DeserializeOwned>(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<T> {
    let v = py_to_json(obj, field).map_err(|(p, r)| invalid_value(&p, r))?;
    serde_json::from_value(v).map_err(|e| invalid_value(field, e.to_string()))
}

fn enum_from_str<T: serde::de::DeserializeOwned>(s: &str, field: &str) -> PyResult<T> {
    serde_json::from_value(Value::String(s.to_string()))
        .map_err(|e| invalid_value(field, e.to_string()))
}

fn enum_name<T: serde::Serialize>(t: &T) -> String {
    match serde_json::to_value(t) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

fn extra_from(obj: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Extra> {
    match obj {
        None => Ok(Extra::new()),
        Some(o) if o.is_none() => Ok(Extra::new()),
        Some(o) => from_py::<Extra>(o, field),
    }
}

// ----- dates ----------------------------------------------------------------------------------

/// Text of a date-like argument: str as is, datetime as RFC 3339 (naive = UTC), date as ISO.
fn date_like_text(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<(String, bool)> {
    if let Ok(s) = obj.extract::<String>() {
        return Ok((s, false));
    }
    if is_datetime(obj) {
        return Ok((datetime_text(obj)?, true));
    }
    if is_date(obj) {
        return Ok((obj.call_method0("isoformat")?.extract()?, false));
    }
    Err(PyTypeError::new_err(format!(
        "{field}: expected a datetime.date, datetime.datetime or ISO string"
    )))
}

/// A calendar date (cycle bounds, due dates); a datetime gives its date.
fn to_date(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<NaiveDate> {
    if is_datetime(obj) {
        return to_date(&obj.call_method0("date")?, field);
    }
    let (text, _) = date_like_text(obj, field)?;
    parse_date(&text).map_err(raise)
}

/// A moment (check-in times): a date means midnight UTC, as in documents.
fn to_timestamp(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<DateTime<Utc>> {
    let (text, _) = date_like_text(obj, field)?;
    parse_timestamp(&text).map_err(raise)
}

/// An as-of moment: a date (or `YYYY-MM-DD`) means the end of that day UTC, a datetime that
/// moment.
fn to_as_of(obj: &Bound<'_, PyAny>) -> PyResult<AsOf> {
    let (text, is_moment) = date_like_text(obj, "as_of")?;
    if !is_moment {
        if let Ok(d) = parse_date(&text) {
            return Ok(AsOf::from(d));
        }
    }
    parse_timestamp(&text).map(AsOf::from).map_err(raise)
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

fn py_datetime<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("datetime")?
        .getattr("datetime")?
        .call_method1("fromisoformat", (text,))
}

fn config(on_track_margin: f64, at_risk_margin: f64, stale_days: i64) -> PyResult<RollupConfig> {
    let stale_days = u32::try_from(stale_days).map_err(|_| {
        raise(OkrError::InvalidConfig {
            field: "stale_days".into(),
            reason: format!("{stale_days} must be a whole number of days >= 0"),
        })
    })?;
    let cfg = RollupConfig {
        on_track_margin,
        at_risk_margin,
        stale_days,
    };
    cfg.validate().map_err(raise)?;
    Ok(cfg)
}

// ----- check-ins ------------------------------------------------------------------------------

/// The value of a check-in from Python: `value` may be a number, a bool (boolean key results)
/// or a list of milestone names; or give `done` / `milestones_done` explicitly.
fn check_in_value(
    kr: &str,
    value: Option<&Bound<'_, PyAny>>,
    done: Option<bool>,
    milestones_done: Option<Vec<String>>,
) -> PyResult<CheckInValue> {
    let value = value.filter(|v| !v.is_none());
    let from_value = match value {
        None => None,
        Some(v) if v.cast::<PyBool>().is_ok() => Some(CheckInValue::Done(v.extract()?)),
        Some(v) if v.cast::<PyList>().is_ok() || v.cast::<PyTuple>().is_ok() => {
            Some(CheckInValue::Milestones(v.extract()?))
        }
        Some(v) => Some(CheckInValue::Value(v.extract().map_err(|_| {
            raise(OkrError::InvalidCheckIn {
                id: kr.to_string(),
                reason: format!("value {v} is not a number"),
            })
        })?)),
    };
    let (value, from_done, from_milestones) = match from_value {
        Some(CheckInValue::Value(v)) => (Some(v), None, None),
        Some(CheckInValue::Done(d)) => (None, Some(d), None),
        Some(CheckInValue::Milestones(m)) => (None, None, Some(m)),
        None => (None, None, None),
    };
    // A bool or list passed as `value` is an alias of `done` / `milestones_done`; giving the
    // alias and the keyword together is an argument error, like any argument given twice.
    if (from_done.is_some() && done.is_some())
        || (from_milestones.is_some() && milestones_done.is_some())
    {
        return Err(PyTypeError::new_err(
            "check_in() got the same value twice: as `value` and as `done`/`milestones_done`",
        ));
    }
    // The "exactly one of value / done / milestones_done" rule is the core's.
    CheckInValue::from_parts(
        kr,
        value,
        from_done.or(done),
        from_milestones.or(milestones_done),
    )
    .map_err(raise)
}

#[allow(clippy::too_many_arguments)]
fn make_check_in(
    kr: &str,
    value: Option<&Bound<'_, PyAny>>,
    at: &Bound<'_, PyAny>,
    done: Option<bool>,
    milestones_done: Option<Vec<String>>,
    confidence: Option<f64>,
    note: Option<String>,
    author: Option<String>,
    extra: Option<&Bound<'_, PyAny>>,
) -> PyResult<CheckIn> {
    Ok(CheckIn {
        at: to_timestamp(at, "at")?,
        value: check_in_value(kr, value, done, milestones_done)?,
        confidence,
        note,
        author,
        extra: extra_from(extra, "extra")?,
    })
}

/// One row of `check_in_many`: a `(kr_id, value, at)` tuple or a dict.
fn row_check_in(row: &Bound<'_, PyAny>) -> PyResult<(String, CheckIn)> {
    if let Ok(d) = row.cast::<PyDict>() {
        let kr: String = match d.get_item("kr_id")? {
            Some(k) => k.extract()?,
            None => d
                .get_item("kr")?
                .ok_or_else(|| PyKeyError::new_err("check-in row needs \"kr_id\""))?
                .extract()?,
        };
        let at = d
            .get_item("at")?
            .ok_or_else(|| PyKeyError::new_err("check-in row needs \"at\""))?;
        let opt = |k: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
            Ok(d.get_item(k)?.filter(|v| !v.is_none()))
        };
        let c = make_check_in(
            &kr,
            opt("value")?.as_ref(),
            &at,
            opt("done")?.map(|v| v.extract()).transpose()?,
            opt("milestones_done")?.map(|v| v.extract()).transpose()?,
            opt("confidence")?.map(|v| v.extract()).transpose()?,
            opt("note")?.map(|v| v.extract()).transpose()?,
            opt("author")?.map(|v| v.extract()).transpose()?,
            opt("extra")?.as_ref(),
        )?;
        return Ok((kr, c));
    }
    let (kr, value, at): (String, Bound<'_, PyAny>, Bound<'_, PyAny>) =
        row.extract().map_err(|_| {
            PyTypeError::new_err("a check-in row is a (kr_id, value, at) tuple or a dict")
        })?;
    let c = make_check_in(&kr, Some(&value), &at, None, None, None, None, None, None)?;
    Ok((kr, c))
}

fn check_in_dict<'py>(py: Python<'py>, kr: &str, c: &CheckIn) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("kr_id", kr)?;
    d.set_item("at", py_datetime(py, &rfc3339(c.at))?)?;
    match &c.value {
        CheckInValue::Value(v) => d.set_item("value", v)?,
        CheckInValue::Done(b) => d.set_item("done", b)?,
        CheckInValue::Milestones(m) => d.set_item("milestones_done", m)?,
    }
    d.set_item("confidence", c.confidence)?;
    d.set_item("note", c.note.as_deref())?;
    d.set_item("author", c.author.as_deref())?;
    if !c.extra.is_empty() {
        d.set_item("extra", to_py(py, &c.extra)?)?;
    }
    Ok(d)
}

fn frame<'py>(
    py: Python<'py>,
    columns: Bound<'py, PyDict>,
    kind: &str,
) -> PyResult<Bound<'py, PyAny>> {
    py.import("okr._frames")?
        .getattr("frame")?
        .call1((columns, kind))
}

// ----- Graph ----------------------------------------------------------------------------------

/// The OKR graph: owners, cycles, objectives aligned in a weighted DAG, key results and
/// check-ins. Every mutation validates first and changes nothing when it raises.
#[pyclass(module = "okr._okr", name = "Graph")]
struct Graph {
    inner: OkrGraph,
}

impl Graph {
    fn objective_or_err(&self, id: &str) -> PyResult<&Objective> {
        self.inner.objective(id).ok_or_else(|| {
            raise(OkrError::UnknownId {
                kind: EntityKind::Objective,
                id: id.to_string(),
            })
        })
    }

    fn rollup_core(&self, py: Python<'_>, as_of: AsOf, cfg: &RollupConfig) -> PyResult<Rollup> {
        let g = &self.inner;
        py.detach(|| g.rollup_with(as_of, cfg)).map_err(raise)
    }
}

#[pymethods]
impl Graph {
    /// An empty graph.
    #[new]
    fn new() -> Self {
        Graph {
            inner: OkrGraph::new(),
        }
    }

    /// A deep copy.
    fn copy(&self) -> Self {
        Graph {
            inner: self.inner.clone(),
        }
    }

    fn __copy__(&self) -> Self {
        self.copy()
    }

    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.copy()
    }

    /// Pickles as its document JSON.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let loads = py.import("okr._okr")?.getattr("loads")?;
        Ok((loads, (self.inner.to_json(),)))
    }

    fn __len__(&self) -> usize {
        self.inner.objective_count()
    }

    fn __contains__(&self, id: &str) -> bool {
        self.inner.objective(id).is_some() || self.inner.key_result(id).is_some()
    }

    fn __repr__(&self) -> String {
        format!(
            "<okr.Graph: {} owners, {} cycles, {} objectives, {} key results>",
            self.inner.owners().count(),
            self.inner.cycles().count(),
            self.inner.objective_count(),
            self.inner.key_results().count()
        )
    }

    // --- documents ---

    /// The graph as document JSON text.
    fn dumps(&self) -> String {
        self.inner.to_json()
    }

    /// Writes the document JSON to `path`.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        let text = self.inner.to_json();
        py.detach(|| std::fs::write(&path, text))?;
        Ok(())
    }

    /// The graph as a document dict (the JSON document format).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.to_document())
    }

    // --- owners and cycles ---

    /// Adds an owner (person or organisational unit); its parent must exist.
    #[pyo3(signature = (id, name="", kind="", parent=None, extra=None))]
    fn add_owner(
        &mut self,
        id: &str,
        name: &str,
        kind: &str,
        parent: Option<String>,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let mut owner = Owner::new(id, name, kind);
        owner.parent = parent;
        owner.extra = extra_from(extra, "extra")?;
        self.inner.add_owner(owner).map_err(raise)
    }

    /// Removes an owner nothing refers to.
    fn remove_owner(&mut self, id: &str) -> PyResult<()> {
        self.inner.remove_owner(id).map(|_| ()).map_err(raise)
    }

    /// Adds a cycle (time period) from `start` to `end` inclusive.
    #[pyo3(signature = (id, start, end, name=None, parent=None, extra=None))]
    fn add_cycle(
        &mut self,
        id: &str,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        name: Option<String>,
        parent: Option<String>,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let mut cycle = Cycle::new(id, to_date(start, "start")?, to_date(end, "end")?);
        if let Some(n) = name {
            cycle.name = n;
        }
        cycle.parent = parent;
        cycle.extra = extra_from(extra, "extra")?;
        self.inner.add_cycle(cycle).map_err(raise)
    }

    /// Removes a cycle nothing refers to.
    fn remove_cycle(&mut self, id: &str) -> PyResult<()> {
        self.inner.remove_cycle(id).map(|_| ()).map_err(raise)
    }

    // --- objectives ---

    /// Adds an objective (not yet aligned under anything).
    #[pyo3(signature = (id, title, owner, cycle, description="", state="active", r#type="committed", rollup="both", extra=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_objective(
        &mut self,
        id: &str,
        title: &str,
        owner: &str,
        cycle: &str,
        description: &str,
        state: &str,
        r#type: &str,
        rollup: &str,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let mut o = Objective::new(id, title, owner, cycle);
        o.description = description.to_string();
        o.state = enum_from_str::<ObjectiveState>(state, "state")?;
        o.kind = enum_from_str::<ObjectiveType>(r#type, "type")?;
        o.rollup = enum_from_str::<RollupMode>(rollup, "rollup")?;
        o.extra = extra_from(extra, "extra")?;
        self.inner.add_objective(o).map_err(raise)
    }

    /// Changes the given fields of an objective (None keeps a field). Links and key results
    /// stay.
    #[pyo3(signature = (id, *, title=None, owner=None, cycle=None, description=None, state=None, r#type=None, rollup=None, extra=None))]
    #[allow(clippy::too_many_arguments)]
    fn update_objective(
        &mut self,
        id: &str,
        title: Option<String>,
        owner: Option<String>,
        cycle: Option<String>,
        description: Option<String>,
        state: Option<&str>,
        r#type: Option<&str>,
        rollup: Option<&str>,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let mut o = self.objective_or_err(id)?.clone();
        if let Some(v) = title {
            o.title = v;
        }
        if let Some(v) = owner {
            o.owner = v;
        }
        if let Some(v) = cycle {
            o.cycle = v;
        }
        if let Some(v) = description {
            o.description = v;
        }
        if let Some(v) = state {
            o.state = enum_from_str(v, "state")?;
        }
        if let Some(v) = r#type {
            o.kind = enum_from_str(v, "type")?;
        }
        if let Some(v) = rollup {
            o.rollup = enum_from_str(v, "rollup")?;
        }
        if let Some(v) = extra {
            o.extra = extra_from(Some(v), "extra")?;
        }
        self.inner.update_objective(o).map_err(raise)
    }

    /// Removes an objective with its key results, their check-ins and all its links.
    fn remove_objective(&mut self, id: &str) -> PyResult<()> {
        self.inner.remove_objective(id).map(|_| ()).map_err(raise)
    }

    /// Aligns `child` under `parent` with `weight` (finite, >= 0; 0 = aligned, not counted).
    #[pyo3(signature = (child, parent, weight=1.0))]
    fn link(&mut self, child: &str, parent: &str, weight: f64) -> PyResult<()> {
        self.inner.link(child, parent, weight).map_err(raise)
    }

    /// Removes the link from `child` to `parent`.
    fn unlink(&mut self, child: &str, parent: &str) -> PyResult<()> {
        self.inner.unlink(child, parent).map_err(raise)
    }

    /// Changes the weight of an existing link.
    fn set_link_weight(&mut self, child: &str, parent: &str, weight: f64) -> PyResult<()> {
        self.inner
            .set_link_weight(child, parent, weight)
            .map_err(raise)
    }

    // --- key results ---

    /// Adds a key result; `measure` is the document's measure dict.
    #[pyo3(signature = (id, title, objective, measure, weight=1.0, owner=None, due=None, extra=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_key_result(
        &mut self,
        id: &str,
        title: &str,
        objective: &str,
        measure: &Bound<'_, PyAny>,
        weight: f64,
        owner: Option<String>,
        due: Option<&Bound<'_, PyAny>>,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let measure: Measure = from_py(measure, "measure")?;
        let mut kr = KeyResult::new(id, title, objective, measure).with_weight(weight);
        kr.owner = owner;
        kr.due = due
            .filter(|d| !d.is_none())
            .map(|d| to_date(d, "due"))
            .transpose()?;
        kr.extra = extra_from(extra, "extra")?;
        self.inner.add_key_result(kr).map_err(raise)
    }

    /// Removes a key result and its check-ins.
    fn remove_key_result(&mut self, id: &str) -> PyResult<()> {
        self.inner.remove_key_result(id).map(|_| ()).map_err(raise)
    }

    // --- check-ins ---

    /// Records a check-in: `value` (numeric/threshold; a bool or a list of milestone names
    /// also work), or `done=`, or `milestones_done=`.
    #[pyo3(signature = (kr_id, value=None, *, at, done=None, milestones_done=None, confidence=None, note=None, author=None, extra=None))]
    #[allow(clippy::too_many_arguments)]
    fn check_in(
        &mut self,
        kr_id: &str,
        value: Option<&Bound<'_, PyAny>>,
        at: &Bound<'_, PyAny>,
        done: Option<bool>,
        milestones_done: Option<Vec<String>>,
        confidence: Option<f64>,
        note: Option<String>,
        author: Option<String>,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let c = make_check_in(
            kr_id,
            value,
            at,
            done,
            milestones_done,
            confidence,
            note,
            author,
            extra,
        )?;
        self.inner.check_in(kr_id, c).map_err(raise)
    }

    /// Records many check-ins atomically: all or none. Rows are `(kr_id, value, at)` tuples or
    /// dicts with `kr_id`, `at` and the keyword arguments of `check_in`.
    fn check_in_many(&mut self, rows: &Bound<'_, PyAny>) -> PyResult<usize> {
        let mut batch = Vec::new();
        for row in rows.try_iter()? {
            batch.push(row_check_in(&row?)?);
        }
        let n = batch.len();
        self.inner.check_in_many(batch).map_err(raise)?;
        Ok(n)
    }

    /// Records one check-in per row of a pandas DataFrame (atomic: all or none).
    #[pyo3(signature = (df, kr="kr_id", value="value", at="at"))]
    fn check_in_from_pandas(
        &mut self,
        df: &Bound<'_, PyAny>,
        kr: &str,
        value: &str,
        at: &str,
    ) -> PyResult<usize> {
        let col = |name: &str| -> PyResult<Bound<'_, PyAny>> {
            df.get_item(name)?.call_method0("tolist")
        };
        let krs: Vec<String> = col(kr)?.extract()?;
        let values = col(value)?;
        let ats = col(at)?;
        let mut batch = Vec::with_capacity(krs.len());
        for (i, k) in krs.into_iter().enumerate() {
            let v = values.get_item(i)?;
            let t = ats.get_item(i)?;
            let c = make_check_in(&k, Some(&v), &t, None, None, None, None, None, None)?;
            batch.push((k, c));
        }
        let n = batch.len();
        self.inner.check_in_many(batch).map_err(raise)?;
        Ok(n)
    }

    /// The check-ins of a key result, oldest first, as dicts.
    fn check_ins<'py>(&self, py: Python<'py>, kr_id: &str) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.inner
            .check_ins(kr_id)
            .iter()
            .map(|c| check_in_dict(py, kr_id, c))
            .collect()
    }

    /// Every check-in as columns (dict of lists): kr_id, objective, at (RFC 3339 text), value,
    /// done, milestones_done, confidence, note, author.
    fn check_ins_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let (mut kr, mut obj, mut at, mut value, mut done, mut ms) =
            (vec![], vec![], vec![], vec![], vec![], vec![]);
        let (mut conf, mut note, mut author) = (vec![], vec![], vec![]);
        for k in self.inner.key_results() {
            for c in self.inner.check_ins(&k.id) {
                kr.push(k.id.as_str());
                obj.push(k.objective.as_str());
                at.push(rfc3339(c.at));
                let (v, d, m) = match &c.value {
                    CheckInValue::Value(v) => (Some(*v), None, None),
                    CheckInValue::Done(b) => (None, Some(*b), None),
                    CheckInValue::Milestones(m) => (None, None, Some(m.clone())),
                };
                value.push(v);
                done.push(d);
                ms.push(m);
                conf.push(c.confidence);
                note.push(c.note.as_deref());
                author.push(c.author.as_deref());
            }
        }
        let d = PyDict::new(py);
        d.set_item("kr_id", kr)?;
        d.set_item("objective", obj)?;
        d.set_item("at", at)?;
        d.set_item("value", value)?;
        d.set_item("done", done)?;
        d.set_item("milestones_done", ms)?;
        d.set_item("confidence", conf)?;
        d.set_item("note", note)?;
        d.set_item("author", author)?;
        Ok(d)
    }

    /// Every check-in as a pandas DataFrame (needs pandas).
    fn check_ins_frame<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frame(py, self.check_ins_columns(py)?, "check_ins")
    }

    // --- queries ---

    /// All owners, as dicts, in insertion order.
    fn owners<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner.owners().map(|o| to_py(py, o)).collect()
    }

    /// The owner with this id, or None.
    fn owner<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.owner(id).map(|o| to_py(py, o)).transpose()
    }

    /// All cycles, as dicts, in insertion order.
    fn cycles<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner.cycles().map(|c| to_py(py, c)).collect()
    }

    /// All objectives, as dicts, in insertion order.
    fn objectives<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner.objectives().map(|o| to_py(py, o)).collect()
    }

    /// The objective with this id, or None.
    fn objective<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.objective(id).map(|o| to_py(py, o)).transpose()
    }

    /// All key results, as dicts, in insertion order.
    fn key_results<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner.key_results().map(|k| to_py(py, k)).collect()
    }

    /// The key result with this id, or None.
    fn key_result<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.key_result(id).map(|k| to_py(py, k)).transpose()
    }

    /// The key results of an objective, as dicts.
    fn key_results_of<'py>(
        &self,
        py: Python<'py>,
        objective: &str,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner
            .key_results_of(objective)
            .into_iter()
            .map(|k| to_py(py, k))
            .collect()
    }

    /// The objectives `objective` is aligned under, as (id, weight) in link order.
    fn parents_of(&self, objective: &str) -> Vec<(String, f64)> {
        self.inner
            .parents_of(objective)
            .into_iter()
            .map(|(id, w)| (id.to_string(), w))
            .collect()
    }

    /// The objectives aligned under `objective`, as (id, weight) in link order.
    fn children_of(&self, objective: &str) -> Vec<(String, f64)> {
        self.inner
            .children_of(objective)
            .into_iter()
            .map(|(id, w)| (id.to_string(), w))
            .collect()
    }

    /// Ids of the objectives aligned under nothing.
    fn roots(&self) -> Vec<String> {
        self.inner
            .roots()
            .into_iter()
            .map(|o| o.id.clone())
            .collect()
    }

    // --- rollup, report, explanations ---

    /// Rolls the whole graph up at `as_of` (a date means the end of that day, UTC).
    #[pyo3(signature = (as_of, on_track_margin=0.10, at_risk_margin=0.25, stale_days=14))]
    fn rollup(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        on_track_margin: f64,
        at_risk_margin: f64,
        stale_days: i64,
    ) -> PyResult<RollupResult> {
        let cfg = config(on_track_margin, at_risk_margin, stale_days)?;
        let r = self.rollup_core(py, to_as_of(as_of)?, &cfg)?;
        Ok(RollupResult {
            inner: Mutex::new(r),
        })
    }

    /// The text report (the alignment tree, as `okr report`).
    #[pyo3(signature = (as_of, on_track_margin=0.10, at_risk_margin=0.25, stale_days=14))]
    fn report(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        on_track_margin: f64,
        at_risk_margin: f64,
        stale_days: i64,
    ) -> PyResult<String> {
        let cfg = config(on_track_margin, at_risk_margin, stale_days)?;
        let as_of = to_as_of(as_of)?;
        let g = &self.inner;
        py.detach(|| {
            g.rollup_with(as_of, &cfg)
                .map(|r| Report::render_text(g, &r))
        })
        .map_err(raise)
    }

    /// The report as JSON text (as `okr report --format json`).
    #[pyo3(signature = (as_of, on_track_margin=0.10, at_risk_margin=0.25, stale_days=14))]
    fn report_json(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        on_track_margin: f64,
        at_risk_margin: f64,
        stale_days: i64,
    ) -> PyResult<String> {
        let cfg = config(on_track_margin, at_risk_margin, stale_days)?;
        let as_of = to_as_of(as_of)?;
        let g = &self.inner;
        let report = py
            .detach(|| g.rollup_with(as_of, &cfg).map(|r| Report::new(g, &r)))
            .map_err(raise)?;
        serde_json::to_string_pretty(&report).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// Lints the whole graph (structure rules and every title) with okr-core's graph linter;
    /// keyword arguments are the lint configuration. Returns the diagnostics as dicts (code,
    /// severity, message, entity, span, help).
    #[pyo3(signature = (**config))]
    fn lint<'py>(
        &self,
        py: Python<'py>,
        config: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let cfg = lint_config(config)?;
        let g = &self.inner;
        let diags = py.detach(|| lint::lint_graph(g, &cfg));
        to_py(py, &diags)
    }

    /// A catalog template drafted into a key result for an objective: baseline from the
    /// objective's or an ancestor's key result on the same metric, deadline from its cycle.
    #[pyo3(signature = (objective, template, *, target=None, baseline=None, as_of=None))]
    fn draft_key_result<'py>(
        &self,
        py: Python<'py>,
        objective: &str,
        template: &str,
        target: Option<f64>,
        baseline: Option<f64>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let opts = okr_core::suggest::DraftOptions {
            target,
            baseline,
            as_of: as_of.map(|d| to_date(d, "as_of")).transpose()?,
        };
        let g = &self.inner;
        let d = py
            .detach(|| okr_core::suggest::draft_for_objective(g, objective, template, &opts))
            .map_err(raise)?;
        to_py(py, &d)
    }

    /// Why is this node at this number: its figures, every contribution and a summary.
    #[pyo3(signature = (id, as_of, on_track_margin=0.10, at_risk_margin=0.25, stale_days=14))]
    fn explain_progress<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        as_of: &Bound<'_, PyAny>,
        on_track_margin: f64,
        at_risk_margin: f64,
        stale_days: i64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let cfg = config(on_track_margin, at_risk_margin, stale_days)?;
        let as_of = to_as_of(as_of)?;
        let g = &self.inner;
        let ex = py
            .detach(|| g.explain_progress_with(id, as_of, &cfg))
            .map_err(raise)?;
        to_py(py, &ex)
    }

    // ----- analytics (okr_core::analytics) -----

    /// Share of objectives and of people tracing to each top-level objective, and the people
    /// with no aligned objective.
    #[pyo3(signature = (cycle=None, person_kinds=None))]
    fn coverage<'py>(
        &self,
        py: Python<'py>,
        cycle: Option<String>,
        person_kinds: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut options = analytics::CoverageOptions {
            cycle,
            ..Default::default()
        };
        if let Some(kinds) = person_kinds {
            options.person_kinds = kinds;
        }
        let g = &self.inner;
        let c = py.detach(|| g.coverage(&options)).map_err(raise)?;
        to_py(py, &c)
    }

    /// Each key result's exact share of objective `id`'s progress, and the `top` movers.
    #[pyo3(signature = (id, as_of, top=5))]
    fn contributions<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        as_of: &Bound<'_, PyAny>,
        top: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = to_as_of(as_of)?;
        let g = &self.inner;
        let c = py
            .detach(|| g.contributions(id, as_of, &RollupConfig::default()))
            .map_err(raise)?;
        let d = to_py(py, &c)?;
        let movers: Vec<&str> = c
            .top_movers(top)
            .iter()
            .map(|k| k.key_result.as_str())
            .collect();
        d.set_item("top_movers", movers)?;
        Ok(d)
    }

    /// Rolls up as if each `{kr_id: value}` had been checked in at `as_of`; the graph is not
    /// changed. Values are numbers, bools (boolean key results) or lists of milestone names.
    fn what_if(
        &self,
        py: Python<'_>,
        values: &Bound<'_, PyDict>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<RollupResult> {
        let as_of = to_as_of(as_of)?;
        let values = values
            .iter()
            .map(|(k, v)| {
                let kr: String = k.extract()?;
                let value = check_in_value(&kr, Some(&v), None, None)?;
                Ok((kr, value))
            })
            .collect::<PyResult<Vec<_>>>()?;
        let g = &self.inner;
        let r = py
            .detach(|| g.what_if(as_of, &values, &RollupConfig::default()))
            .map_err(raise)?;
        Ok(RollupResult {
            inner: Mutex::new(r),
        })
    }

    /// Least-squares projection of every key result to the end of its period, rolled up.
    fn forecast<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = to_as_of(as_of)?;
        let g = &self.inner;
        let f = py
            .detach(|| g.forecast(as_of, &RollupConfig::default()))
            .map_err(raise)?;
        to_py(py, &f)
    }

    /// End-of-cycle scores and grades (provisional before a period ends).
    #[pyo3(signature = (today, aspirational_success=0.7, committed_success=1.0, partial=0.4))]
    fn scores<'py>(
        &self,
        py: Python<'py>,
        today: &Bound<'_, PyAny>,
        aspirational_success: f64,
        committed_success: f64,
        partial: f64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let today = to_date(today, "today")?;
        let bands = analytics::GradeBands {
            aspirational_success,
            committed_success,
            partial,
        };
        let g = &self.inner;
        let s = py.detach(|| g.scores(today, &bands)).map_err(raise)?;
        to_py(py, &s)
    }

    /// Per-owner scorecards (for performance conversations, not for pay), every figure
    /// explained. Keyword arguments are okr-core's ScorecardOptions (cadence_days, bands,
    /// low_stretch, high_attainment).
    #[pyo3(signature = (today, **options))]
    fn scorecards<'py>(
        &self,
        py: Python<'py>,
        today: &Bound<'_, PyAny>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let today = to_date(today, "today")?;
        let options: analytics::ScorecardOptions = match options {
            Some(d) => {
                let v = py_to_json(d.as_any(), "options").map_err(|(p, r)| invalid_value(&p, r))?;
                serde_json::from_value(v).map_err(|e| {
                    raise(OkrError::InvalidConfig {
                        field: "scorecards".into(),
                        reason: e.to_string(),
                    })
                })?
            }
            None => Default::default(),
        };
        let g = &self.inner;
        let cards = py.detach(|| g.scorecards(today, &options)).map_err(raise)?;
        to_py(py, &cards)
    }

    /// What moved and what changed status between two moments.
    fn diff<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (a, b) = (to_as_of(start)?, to_as_of(end)?);
        let g = &self.inner;
        let d = py
            .detach(|| g.diff(a, b, &RollupConfig::default()))
            .map_err(raise)?;
        to_py(py, &d)
    }

    /// The alignment graph as `"dot"`, `"mermaid"` or `"svg"` text, coloured by status.
    #[pyo3(signature = (format, as_of))]
    fn render_graph(
        &self,
        py: Python<'_>,
        format: &str,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<String> {
        let format: analytics::GraphFormat = format.parse().map_err(raise)?;
        let as_of = to_as_of(as_of)?;
        let g = &self.inner;
        py.detach(|| g.render_graph(format, as_of, &RollupConfig::default()))
            .map_err(raise)
    }
}

// ----- results --------------------------------------------------------------------------------

/// The figures of one objective or key result in a rollup.
#[pyclass(module = "okr._okr", name = "NodeResult", frozen)]
struct NodeResult {
    #[pyo3(get)]
    id: String,
    #[pyo3(get)]
    kind: String,
    #[pyo3(get)]
    progress: Option<f64>,
    #[pyo3(get)]
    attainment: Option<f64>,
    #[pyo3(get)]
    expected: f64,
    #[pyo3(get)]
    status: String,
    #[pyo3(get)]
    confidence: Option<f64>,
    #[pyo3(get)]
    stale: bool,
    #[pyo3(get)]
    undefined_reason: Option<String>,
    #[pyo3(get)]
    value: Option<f64>,
    last_check_in_text: Option<String>,
}

fn kind_name(k: NodeKind) -> &'static str {
    match k {
        NodeKind::Objective => "objective",
        NodeKind::KeyResult => "key_result",
    }
}

impl NodeResult {
    fn from_core(n: &CoreNode<'_>) -> Self {
        let v = &n.values;
        NodeResult {
            id: n.id.to_string(),
            kind: kind_name(n.kind).to_string(),
            progress: v.progress,
            attainment: v.attainment,
            expected: v.expected,
            status: v.status.as_str().to_string(),
            confidence: v.confidence,
            stale: v.stale,
            undefined_reason: v.undefined_reason.as_ref().map(enum_name),
            value: v.value,
            last_check_in_text: v.last_check_in.map(rfc3339),
        }
    }
}

#[pymethods]
impl NodeResult {
    /// Time of the check-in the value comes from (aware UTC datetime), or None.
    #[getter]
    fn last_check_in<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.last_check_in_text
            .as_deref()
            .map(|t| py_datetime(py, t))
            .transpose()
    }

    /// The figures as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("id", &self.id)?;
        d.set_item("kind", &self.kind)?;
        d.set_item("progress", self.progress)?;
        d.set_item("attainment", self.attainment)?;
        d.set_item("expected", self.expected)?;
        d.set_item("status", &self.status)?;
        d.set_item("confidence", self.confidence)?;
        d.set_item("stale", self.stale)?;
        d.set_item("undefined_reason", self.undefined_reason.as_deref())?;
        d.set_item("value", self.value)?;
        d.set_item("last_check_in", self.last_check_in(py)?)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let pct = |p: Option<f64>| match p {
            Some(p) => format!("{:.1}%", p * 100.0),
            None => "undefined".into(),
        };
        format!(
            "NodeResult(id={:?}, kind={:?}, progress={}, expected={:.1}%, status={:?}{})",
            self.id,
            self.kind,
            pct(self.progress),
            self.expected * 100.0,
            self.status,
            if self.stale { ", stale" } else { "" }
        )
    }
}

/// A rollup of a graph at one moment: `result[id]`, iteration (objectives in topological
/// order, then key results), columns, pandas and HTML views.
#[pyclass(module = "okr._okr", name = "RollupResult", frozen)]
struct RollupResult {
    inner: Mutex<Rollup>,
}

impl RollupResult {
    fn with<T>(&self, f: impl FnOnce(&Rollup) -> T) -> T {
        let guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        f(&guard)
    }
}

/// Every node's figures column by column, in the rollup's order: gathered in one pass, then
/// handed to Python as lists (`to_columns`) or as raw arrays (`to_pandas`).
struct Gathered<'a> {
    id: Vec<&'a str>,
    kind: Vec<&'static str>,
    progress: Vec<Option<f64>>,
    attainment: Vec<Option<f64>>,
    expected: Vec<f64>,
    status: Vec<&'static str>,
    confidence: Vec<Option<f64>>,
    stale: Vec<bool>,
    reason: Vec<Option<String>>,
    value: Vec<Option<f64>>,
    last: Vec<Option<DateTime<Utc>>>,
}

impl<'a> Gathered<'a> {
    fn of(r: &'a okr_core::Rollup) -> Self {
        let n = r.len();
        let mut g = Gathered {
            id: Vec::with_capacity(n),
            kind: Vec::with_capacity(n),
            progress: Vec::with_capacity(n),
            attainment: Vec::with_capacity(n),
            expected: Vec::with_capacity(n),
            status: Vec::with_capacity(n),
            confidence: Vec::with_capacity(n),
            stale: Vec::with_capacity(n),
            reason: Vec::with_capacity(n),
            value: Vec::with_capacity(n),
            last: Vec::with_capacity(n),
        };
        for node in r.nodes() {
            let v = node.values;
            g.id.push(node.id);
            g.kind.push(kind_name(node.kind));
            g.progress.push(v.progress);
            g.attainment.push(v.attainment);
            g.expected.push(v.expected);
            g.status.push(v.status.as_str());
            g.confidence.push(v.confidence);
            g.stale.push(v.stale);
            g.reason.push(v.undefined_reason.as_ref().map(enum_name));
            g.value.push(v.value);
            g.last.push(v.last_check_in);
        }
        g
    }
}

/// Native-endian float64 bytes, NaN for none: numpy reads them without a Python object each.
fn f64_bytes<'py>(py: Python<'py>, xs: &[Option<f64>]) -> Bound<'py, PyBytes> {
    let bytes: Vec<u8> = xs
        .iter()
        .flat_map(|x| x.unwrap_or(f64::NAN).to_ne_bytes())
        .collect();
    PyBytes::new(py, &bytes)
}

/// uint8 codes into the returned list of names (in order of first appearance).
fn name_codes<'py>(
    py: Python<'py>,
    names: &[&'static str],
) -> (Bound<'py, PyBytes>, Vec<&'static str>) {
    let mut legend: Vec<&'static str> = Vec::new();
    let codes: Vec<u8> = names
        .iter()
        .map(|name| {
            legend.iter().position(|x| x == name).unwrap_or_else(|| {
                legend.push(name);
                legend.len() - 1
            }) as u8
        })
        .collect();
    (PyBytes::new(py, &codes), legend)
}

impl RollupResult {
    /// The columns as lists of Python values.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let c = Gathered::of(&guard);
        let d = PyDict::new(py);
        d.set_item("id", c.id)?;
        d.set_item("kind", c.kind)?;
        d.set_item("progress", c.progress)?;
        d.set_item("attainment", c.attainment)?;
        d.set_item("expected", c.expected)?;
        d.set_item("status", c.status)?;
        d.set_item("confidence", c.confidence)?;
        d.set_item("stale", c.stale)?;
        d.set_item("undefined_reason", c.reason)?;
        d.set_item("value", c.value)?;
        let last: Vec<Option<String>> = c.last.into_iter().map(|t| t.map(rfc3339)).collect();
        d.set_item("last_check_in", last)?;
        Ok(d)
    }

    /// The same columns for `to_pandas()`, numbers as raw native-endian arrays that numpy
    /// reads without a Python object per value: float64 with NaN for none; `kind` and
    /// `status` as uint8 codes into the name lists `kind_names` and `status_names`; `stale` as
    /// uint8; `last_check_in` as int64 epoch nanoseconds (int64's minimum, NaT, for none).
    /// `id` and `undefined_reason` stay lists.
    fn frame_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let c = Gathered::of(&guard);
        let d = PyDict::new(py);
        d.set_item("id", c.id)?;
        let (kind, kind_names) = name_codes(py, &c.kind);
        d.set_item("kind", kind)?;
        d.set_item("kind_names", kind_names)?;
        d.set_item("progress", f64_bytes(py, &c.progress))?;
        d.set_item("attainment", f64_bytes(py, &c.attainment))?;
        let expected: Vec<Option<f64>> = c.expected.into_iter().map(Some).collect();
        d.set_item("expected", f64_bytes(py, &expected))?;
        let (status, status_names) = name_codes(py, &c.status);
        d.set_item("status", status)?;
        d.set_item("status_names", status_names)?;
        d.set_item("confidence", f64_bytes(py, &c.confidence))?;
        let stale: Vec<u8> = c.stale.into_iter().map(u8::from).collect();
        d.set_item("stale", PyBytes::new(py, &stale))?;
        d.set_item("undefined_reason", c.reason)?;
        d.set_item("value", f64_bytes(py, &c.value))?;
        // i64::MIN is NaT in numpy's datetime64[ns]
        let last: Vec<u8> = c
            .last
            .into_iter()
            .flat_map(|t| {
                t.and_then(|t| t.timestamp_nanos_opt())
                    .unwrap_or(i64::MIN)
                    .to_ne_bytes()
            })
            .collect();
        d.set_item("last_check_in", PyBytes::new(py, &last))?;
        Ok(d)
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[pymethods]
impl RollupResult {
    fn __getitem__(&self, id: &str) -> PyResult<NodeResult> {
        self.with(|r| r.get(id).map(|n| NodeResult::from_core(&n)))
            .ok_or_else(|| PyKeyError::new_err(id.to_string()))
    }

    /// The node's figures, or `default` when the id is not in the rollup.
    #[pyo3(signature = (id, default=None))]
    fn get<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        default: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        match self.with(|r| r.get(id).map(|n| NodeResult::from_core(&n))) {
            Some(n) => Ok(Bound::new(py, n)?.into_any()),
            None => Ok(default.unwrap_or_else(|| py.None().into_bound(py))),
        }
    }

    fn __contains__(&self, id: &str) -> bool {
        self.with(|r| r.get(id).is_some())
    }

    fn __len__(&self) -> usize {
        self.with(|r| r.len())
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let nodes: Vec<NodeResult> =
            self.with(|r| r.nodes().map(|n| NodeResult::from_core(&n)).collect());
        PyList::new(py, nodes)?.try_iter().map(|i| i.into_any())
    }

    /// Objectives, in topological order (children before parents).
    fn objectives(&self) -> Vec<NodeResult> {
        self.with(|r| r.objectives().map(|n| NodeResult::from_core(&n)).collect())
    }

    /// Key results, in insertion order.
    fn key_results(&self) -> Vec<NodeResult> {
        self.with(|r| r.key_results().map(|n| NodeResult::from_core(&n)).collect())
    }

    /// The moment of the rollup (aware UTC datetime).
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let t = self.with(|r| rfc3339(r.as_of().0));
        py_datetime(py, &t)
    }

    /// The configuration used (on_track_margin, at_risk_margin, stale_days).
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let c = self.with(|r| *r.config());
        to_py(py, &c)
    }

    /// Brings this result up to date, in place, after check-ins on key result `kr_id` of
    /// `graph` (okr-core's `Rollup::refresh_key_result`): only the key result and the ancestors
    /// whose figures change are recomputed; the result equals a fresh `graph.rollup(...)` at
    /// the same moment. After a structural change it recomputes everything.
    fn refresh(&self, graph: PyRef<'_, Graph>, kr_id: &str) -> PyResult<()> {
        let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        guard.refresh_key_result(&graph.inner, kr_id).map_err(raise)
    }

    /// Columns (a dict of lists, one entry per node): id, kind, progress, attainment, expected,
    /// status, confidence, stale, undefined_reason, value, last_check_in (RFC 3339 text).
    fn to_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.columns(py)
    }

    /// Same as `to_columns()`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.to_columns(py)
    }

    /// One row per node as a pandas DataFrame (needs pandas).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frame(py, self.frame_columns(py)?, "rollup")
    }

    fn __repr__(&self) -> String {
        self.with(|r| {
            let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
            for o in r.objectives() {
                *counts.entry(o.values.status.as_str()).or_default() += 1;
            }
            let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
            format!(
                "<okr.RollupResult as of {}: {} objectives ({}), {} key results>",
                r.as_of().date(),
                r.objectives().count(),
                parts.join(", "),
                r.key_results().count()
            )
        })
    }

    /// An HTML table for Jupyter (first 200 rows).
    fn _repr_html_(&self) -> String {
        const MAX: usize = 200;
        self.with(|r| {
            let pct = |p: Option<f64>| match p {
                Some(p) => format!("{:.1}%", p * 100.0),
                None => "n/a".into(),
            };
            let mut s = format!(
                "<table><caption>okr rollup as of {}</caption><thead><tr><th>id</th><th>kind</th>\
                 <th>progress</th><th>expected</th><th>status</th><th>confidence</th>\
                 <th>stale</th></tr></thead><tbody>",
                r.as_of().date()
            );
            for n in r.nodes().take(MAX) {
                let v = n.values;
                s.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(n.id),
                    kind_name(n.kind),
                    pct(v.progress),
                    pct(Some(v.expected)),
                    v.status.as_str(),
                    v.confidence.map(|c| format!("{c:.2}")).unwrap_or_default(),
                    if v.stale { "stale" } else { "" }
                ));
            }
            s.push_str("</tbody></table>");
            if r.len() > MAX {
                s.push_str(&format!("<p>… {} more rows</p>", r.len() - MAX));
            }
            s
        })
    }
}

// ----- module functions -----------------------------------------------------------------------

/// Reads a document file into a Graph.
#[pyfunction]
fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Graph> {
    // the size limit is checked before the file is read
    let len = std::fs::metadata(&path)?.len();
    document::check_size(len, &document::Limits::default()).map_err(raise)?;
    let text = py.detach(|| std::fs::read_to_string(&path))?;
    loads(py, &text)
}

/// Reads document JSON text into a Graph.
#[pyfunction]
fn loads(py: Python<'_>, text: &str) -> PyResult<Graph> {
    let inner = py.detach(|| document::load_str(text)).map_err(raise)?;
    Ok(Graph { inner })
}

/// Builds a Graph from a document dict (as `Graph.to_dict()` returns).
#[pyfunction]
fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Graph> {
    let v = py_to_json(data, "")
        .map_err(|(path, message)| raise(OkrError::Document { path, message }))?;
    loads(py, &v.to_string())
}

// ----- lint -----------------------------------------------------------------------------------

/// A lint configuration from keyword arguments (the fields of okr-core's `LintConfig`: select,
/// ignore, severity, thresholds, today, fiscal_year_start_month).
fn lint_config(config: Option<&Bound<'_, PyDict>>) -> PyResult<lint::LintConfig> {
    let Some(config) = config else {
        return Ok(lint::LintConfig::default());
    };
    let v = py_to_json(config.as_any(), "lint").map_err(|(p, r)| invalid_value(&p, r))?;
    let cfg: lint::LintConfig = serde_json::from_value(v).map_err(|e| {
        raise(OkrError::InvalidConfig {
            field: "lint".into(),
            reason: e.to_string(),
        })
    })?;
    cfg.validate().map_err(raise)?;
    Ok(cfg)
}

/// Lints one statement; returns okr-core's TextReport as a dict (text, kind, specific,
/// measurable, time_bound, outcome, target, baseline, deadline, diagnostics).
#[pyfunction]
#[pyo3(signature = (text, kind="goal", **config))]
fn lint_text<'py>(
    py: Python<'py>,
    text: &str,
    kind: &str,
    config: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let kind: lint::StatementKind = enum_from_str(kind, "kind")?;
    let cfg = lint_config(config)?;
    let report = py.detach(|| lint::lint_text_report(text, kind, &cfg));
    to_py(py, &report)
}

/// The documentation of a lint rule (by code or name) as Markdown.
#[pyfunction]
fn explain_rule(code: &str) -> PyResult<String> {
    lint::explain(code)
        .map(|d| d.markdown.clone())
        .ok_or_else(|| invalid_value("code", format!("no lint rule {code:?}")))
}

/// Every lint rule: code, name, category, severity, kind.
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &lint::rules())
}

/// Every problem of a document (not only the first) as dicts with path, code and message.
#[pyfunction]
fn check<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let problems = py.detach(|| document::check_str(text));
    to_py(py, &problems)
}

// ----- suggestions ----------------------------------------------------------------------------

/// Ranked KPI / key-result suggestions for an objective's text, as dicts (okr-core's
/// `Suggestion`).
#[pyfunction]
#[pyo3(signature = (text, function=None, top=5))]
fn suggest_key_results<'py>(
    py: Python<'py>,
    text: &str,
    function: Option<String>,
    top: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let opts = okr_core::suggest::SuggestOptions { function, top };
    let found = py
        .detach(|| okr_core::suggest::suggest(text, &opts))
        .map_err(raise)?;
    to_py(py, &found)
}

/// A catalog template filled into a SMART key result, as a dict (okr-core's `Draft`).
#[pyfunction]
#[pyo3(signature = (template, deadline, baseline=None, target=None))]
fn draft_key_result<'py>(
    py: Python<'py>,
    template: &str,
    deadline: &Bound<'_, PyAny>,
    baseline: Option<f64>,
    target: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let deadline = to_date(deadline, "deadline")?;
    let d =
        okr_core::suggest::draft_template(template, baseline, target, deadline).map_err(raise)?;
    to_py(py, &d)
}

#[pymodule]
fn _okr(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let classes = CLASSES.get_or_try_init(py, || make_classes(py))?;
    m.add("OkrError", classes.base.bind(py))?;
    for (name, _) in ERROR_CLASSES {
        if let Some(ty) = classes.by_name.get(name) {
            m.add(*name, ty.bind(py))?;
        }
    }
    m.add_class::<Graph>()?;
    m.add_class::<RollupResult>()?;
    m.add_class::<NodeResult>()?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(loads, m)?)?;
    m.add_function(wrap_pyfunction!(from_dict, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(lint_text, m)?)?;
    m.add_function(wrap_pyfunction!(explain_rule, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(suggest_key_results, m)?)?;
    m.add_function(wrap_pyfunction!(draft_key_result, m)?)?;
    m.add("FORMAT_VERSION", document::FORMAT_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
