//! Check-ins from Python arguments and rows, and back to dicts.

use okr_core::{CheckIn, CheckInValue, OkrError};
use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyTuple};

use crate::convert::{extra_from, py_datetime, rfc3339, to_py, to_timestamp};
use crate::errors::raise;

/// The value of a check-in from Python: `value` may be a number, a bool (boolean key results)
/// or a list of milestone names; or give `done` / `milestones_done` explicitly.
pub(crate) fn check_in_value(
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
pub(crate) fn make_check_in(
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
pub(crate) fn row_check_in(row: &Bound<'_, PyAny>) -> PyResult<(String, CheckIn)> {
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

pub(crate) fn check_in_dict<'py>(
    py: Python<'py>,
    kr: &str,
    c: &CheckIn,
) -> PyResult<Bound<'py, PyDict>> {
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
