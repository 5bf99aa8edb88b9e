//! A table's cells and how each column type reads them (see the [module](super) for the rules).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::de::DeserializeOwned;

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Cell {
    /// No value (an empty CSV field, `None`, NaN, NaT).
    Null,
    /// True or false.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float (NaN reads as no value).
    Float(f64),
    /// Text.
    Text(String),
    /// A day.
    Date(NaiveDate),
    /// An instant.
    Time(DateTime<Utc>),
    /// A date and time of day without a time zone (a spreadsheet's date-and-time cell, a
    /// data frame's zoneless timestamp): at midnight a date column takes its day; a time
    /// column refuses it by the one rule for times (a time needs its zone).
    LocalTime(NaiveDateTime),
}

impl Cell {
    /// Whether the cell holds no value (`Null`, a NaN float, or empty text).
    pub fn is_null(&self) -> bool {
        match self {
            Cell::Null => true,
            Cell::Float(x) => x.is_nan(),
            Cell::Text(s) => s.is_empty(),
            _ => false,
        }
    }

    /// The value as a problem quotes it.
    pub fn display(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Bool(b) => b.to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Float(x) => crate::format::number(*x),
            Cell::Text(s) => s.clone(),
            Cell::Date(d) => d.to_string(),
            Cell::Time(t) => crate::time::format_instant(*t),
            Cell::LocalTime(t) => local_text(t),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(x: f64) -> Cell {
        Cell::Float(x)
    }
}

impl From<i64> for Cell {
    fn from(x: i64) -> Cell {
        Cell::Int(x)
    }
}

impl From<bool> for Cell {
    fn from(b: bool) -> Cell {
        Cell::Bool(b)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(x: Option<T>) -> Cell {
        x.map_or(Cell::Null, Into::into)
    }
}

/// A zoneless date and time as text (`2027-01-31T17:00:00`, with a fraction if it has one).
fn local_text(t: &NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
}

/// The largest magnitude below which every integer is exact in an `f64` (2^53).
const EXACT: f64 = 9_007_199_254_740_992.0;

/// An id or a text: text as it is, an integer (or an integral float) as its decimal string.
pub(super) fn text(c: &Cell) -> Result<String, String> {
    match c {
        Cell::Text(s) => Ok(s.clone()),
        Cell::Int(i) => Ok(i.to_string()),
        Cell::Float(x) if x.fract() == 0.0 && x.abs() < EXACT => Ok(format!("{}", *x as i64)),
        Cell::Float(_) => Err("a number with a fraction is not an id or a text".into()),
        Cell::Bool(_) => Err("true or false is not an id or a text".into()),
        Cell::Date(_) | Cell::Time(_) | Cell::LocalTime(_) => {
            Err("a date or time is not an id or a text".into())
        }
        Cell::Null => Err("no value".into()),
    }
}

/// A finite number.
pub(super) fn number(c: &Cell) -> Result<f64, String> {
    let x = match c {
        Cell::Int(i) => *i as f64,
        Cell::Float(x) => *x,
        Cell::Text(s) => s
            .trim()
            .parse::<f64>()
            .map_err(|_| "not a number".to_string())?,
        Cell::Bool(_) => return Err("true or false is not a number".into()),
        Cell::Date(_) | Cell::Time(_) | Cell::LocalTime(_) => {
            return Err("a date or time is not a number".into());
        }
        Cell::Null => return Err("no value".into()),
    };
    if x.is_finite() {
        Ok(x)
    } else {
        Err("not a finite number".into())
    }
}

/// True or false.
pub(super) fn flag(c: &Cell) -> Result<bool, String> {
    const NOT: &str = "not a flag: give true or false, 1 or 0, yes or no";
    match c {
        Cell::Bool(b) => Ok(*b),
        Cell::Int(0) => Ok(false),
        Cell::Int(1) => Ok(true),
        Cell::Float(x) if *x == 0.0 => Ok(false),
        Cell::Float(x) if *x == 1.0 => Ok(true),
        Cell::Text(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Ok(true),
            "false" | "no" | "0" => Ok(false),
            _ => Err(NOT.into()),
        },
        _ => Err(NOT.into()),
    }
}

/// A day: a date value, an instant at 00:00 UTC, or `YYYY-MM-DD` text.
pub(super) fn date(c: &Cell) -> Result<NaiveDate, String> {
    match c {
        Cell::Date(d) => crate::time::check_date(*d).map(|()| *d),
        Cell::Time(t) if t.time() == chrono::NaiveTime::MIN => Ok(t.date_naive()),
        Cell::LocalTime(t) if t.time() == chrono::NaiveTime::MIN => {
            crate::time::check_date(t.date()).map(|()| t.date())
        }
        Cell::Time(_) | Cell::LocalTime(_) => Err("a time of day where a date is expected".into()),
        Cell::Text(s) => crate::time::parse_date(s).map_err(|e| super::error_reason(&e)),
        _ => Err("not a date: give YYYY-MM-DD".into()),
    }
}

/// An instant: a time value, a date (00:00 UTC that day) or text as a document's `at`.
pub(super) fn time(c: &Cell) -> Result<DateTime<Utc>, String> {
    match c {
        Cell::Time(t) => crate::time::check_instant(*t).map(|()| *t),
        Cell::Date(d) => crate::time::check_date(*d).map(|()| crate::time::midnight(*d)),
        Cell::Text(s) => crate::time::parse_timestamp(s).map_err(|e| super::error_reason(&e)),
        // refused as its text is: the one rule's message says what to give instead
        Cell::LocalTime(t) => {
            crate::time::parse_timestamp(&local_text(t)).map_err(|e| super::error_reason(&e))
        }
        _ => Err("not a time: give an RFC 3339 time with a zone, or a date".into()),
    }
}

/// One of the document's words for `T` (its serde name).
pub(super) fn word<T: DeserializeOwned>(c: &Cell) -> Result<T, String> {
    let s = text(c)?;
    serde_json::from_value(serde_json::Value::String(s.trim().to_string()))
        .map_err(|e| e.to_string())
}

/// Names separated by `;` (each trimmed; empty ones dropped).
pub(super) fn list(c: &Cell) -> Result<Vec<String>, String> {
    Ok(text(c)?
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect())
}
