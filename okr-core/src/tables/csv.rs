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

/// See [`Table::from_csv`].
pub(super) fn read(text: &str) -> Result<Table> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = r
        .headers()
        .map_err(|e| invalid(format!("the header row does not read: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if header.len() == 1 && header[0].is_empty() {
        // an empty text: a table without columns
        return Ok(Table::new());
    }
    let mut cols: Vec<Vec<Cell>> = header.iter().map(|_| Vec::new()).collect();
    for record in r.records() {
        let record = record.map_err(|e| match e.kind() {
            ::csv::ErrorKind::UnequalLengths {
                pos,
                expected_len,
                len,
            } => invalid(format!(
                "line {} has {len} fields, the header has {expected_len}",
                pos.as_ref().map_or(0, |p| p.line())
            )),
            _ => invalid(e.to_string()),
        })?;
        for (col, field) in cols.iter_mut().zip(record.iter()) {
            col.push(if field.is_empty() {
                Cell::Null
            } else {
                Cell::Text(field.to_string())
            });
        }
    }
    Table::from_columns(header.into_iter().zip(cols))
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
