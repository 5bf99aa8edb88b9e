//! CSV text in and out of a [`Table`] (through the `csv` crate: RFC 4180 quoting, line ends
//! and byte order marks are where hand-written readers go wrong).

use super::Table;
use super::cell::Cell;
use crate::error::{OkrError, Result};

fn invalid(reason: String) -> OkrError {
    OkrError::InvalidValue {
        field: "csv".into(),
        reason,
    }
}

/// A text that does not read as a table: the row of data it stops at (counting from 1; `None`
/// for the header), and why.
pub(super) struct Unread {
    pub(super) row: Option<usize>,
    pub(super) reason: String,
}

/// See [`Table::from_csv`].
pub(super) fn read(text: &str) -> Result<Table> {
    read_rows(text).map_err(|u| invalid(u.reason))
}

/// [`read`], saying which row stops it.
pub(super) fn read_rows(text: &str) -> std::result::Result<Table, Unread> {
    let header_problem = |reason: String| Unread { row: None, reason };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = r
        .headers()
        .map_err(|e| header_problem(format!("the header row does not read: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if header.len() == 1 && header[0].is_empty() {
        // an empty text: a table without columns
        return Ok(Table::new());
    }
    let mut cols: Vec<Vec<Cell>> = header.iter().map(|_| Vec::new()).collect();
    for record in r.records() {
        let row = cols.first().map_or(0, Vec::len) + 1;
        let record = record.map_err(|e| Unread {
            row: Some(row),
            reason: match e.kind() {
                ::csv::ErrorKind::UnequalLengths {
                    pos,
                    expected_len,
                    len,
                } => format!(
                    "line {} has {len} fields, the header has {expected_len}",
                    pos.as_ref().map_or(0, |p| p.line())
                ),
                _ => e.to_string(),
            },
        })?;
        for (col, field) in cols.iter_mut().zip(record.iter()) {
            col.push(if field.is_empty() {
                Cell::Null
            } else {
                Cell::Text(field.to_string())
            });
        }
    }
    Table::from_columns(header.into_iter().zip(cols)).map_err(|e| Unread {
        row: None,
        reason: super::error_reason(&e),
    })
}

/// See [`Table::to_csv`].
pub(super) fn write(t: &Table) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let names: Vec<&str> = t.columns().map(|(n, _)| n).collect();
    // writing into memory cannot fail
    let _ = w.write_record(&names);
    let cols: Vec<&[Cell]> = t.columns().map(|(_, c)| c).collect();
    let mut row: Vec<String> = Vec::with_capacity(cols.len());
    for i in 0..t.rows() {
        row.clear();
        row.extend(cols.iter().map(|c| field(&c[i])));
        let _ = w.write_record(&row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A cell as a CSV field (the shortest text that reads back to the same value).
fn field(c: &Cell) -> String {
    match c {
        Cell::Null => String::new(),
        Cell::Float(x) if x.is_nan() => String::new(),
        // `{}` on f64 gives the shortest text that reads back exactly
        Cell::Float(x) => format!("{x}"),
        other => other.display(),
    }
}
