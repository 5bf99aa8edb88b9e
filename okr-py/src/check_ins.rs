//! Check-ins from Python arguments and rows, and back to dicts, through okr-core's
//! `DocCheckIn` (the one encoding of a value as `value` / `done` / `milestones_done`).

use okr_core::document::DocCheckIn;
use okr_core::{CheckIn, CheckInValue, OkrError};
use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyTuple};

use crate::convert::{extra_from, py_datetime, rfc3339, to_py, to_timestamp};
use crate::errors::raise;

/// The `value`, `done` and `milestones_done` fields of a check-in from Python arguments:
/// `value` may be a number, or a bool (boolean key results) or a list of milestone names as
/// an alias of `done` / `milestones_done`. Which combinations make a check-in value is
/// okr-core's rule ([`CheckInValue::from_parts`], through [`DocCheckIn`]).
type ValueFields = (Option<f64>, Option<bool>, Option<Vec<String>>);

fn value_fields(
    kr: &str,
    value: Option<&Bound<'_, PyAny>>,
    done: Option<bool>,
    milestones_done: Option<Vec<String>>,
) -> PyResult<ValueFields> {
    let twice = || {
        // giving the alias and the keyword together is an argument error, like any argument
        // given twice
        PyTypeError::new_err(
            "check_in() got the same value twice: as `value` and as `done`/`milestones_done`",
        )
    };
    match value.filter(|v| !v.is_none()) {
        None => Ok((None, done, milestones_done)),
        Some(v) if v.cast::<PyBool>().is_ok() => match done {
            Some(_) => Err(twice()),
            None => Ok((None, Some(v.extract()?), milestones_done)),
        },
        Some(v) if v.cast::<PyList>().is_ok() || v.cast::<PyTuple>().is_ok() => {
            match milestones_done {
                Some(_) => Err(twice()),
                None => Ok((None, done, Some(v.extract()?))),
            }
        }
        Some(v) => {
            let number = v.extract().map_err(|_| {
                raise(OkrError::InvalidCheckIn {
                    id: kr.to_string(),
                    reason: format!("value {v} is not a number"),
                })
            })?;
            Ok((Some(number), done, milestones_done))
        }
    }
}

/// A hypothetical check-in value (`what_if`): a number, a bool or a list of milestone names.
pub(crate) fn check_in_value(kr: &str, value: &Bound<'_, PyAny>) -> PyResult<CheckInValue> {
    let (value, done, milestones_done) = value_fields(kr, Some(value), None, None)?;
    CheckInValue::from_parts(kr, value, done, milestones_done).map_err(raise)
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
    let (value, done, milestones_done) = value_fields(kr, value, done, milestones_done)?;
    DocCheckIn {
        at: to_timestamp(at, "at")?,
        value,
        done,
        milestones_done,
        confidence,
        note,
        author,
        extra: extra_from(extra, "extra")?,
    }
    .into_check_in(kr)
    .map_err(raise)
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
    // only the field that holds the value, as in documents
    match DocCheckIn::value_fields(&c.value) {
        (Some(v), _, _) => d.set_item("value", v)?,
        (_, Some(b), _) => d.set_item("done", b)?,
        (_, _, m) => d.set_item("milestones_done", m)?,
    }
    d.set_item("confidence", c.confidence)?;
    d.set_item("note", c.note.as_deref())?;
    d.set_item("author", c.author.as_deref())?;
    if !c.extra.is_empty() {
        d.set_item("extra", to_py(py, &c.extra)?)?;
    }
    Ok(d)
}
