//! Spreadsheets: one workbook, one sheet per table (named as the table), a header row of
//! column names; read through calamine and written through rust_xlsxwriter (the `xlsx`
//! feature: the WebAssembly build leaves both out).
//!
//! Cells read as their kind: numbers as numbers, text as text, booleans as flags, a date
//! cell as a date. A date-and-time cell has no time zone ([`Cell::LocalTime`]): a time
//! column refuses it with the one rule for times (give a date, or write the time as text with
//! its zone); an error cell (`#DIV/0!`) is read as its
//! text too, and refused where a number is expected. Dates and times are written as text
//! (`2027-01-31`, `2027-01-31T17:00:00Z`), so that what is written reads back exactly.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::cell::Cell;
use super::{Table, TableProblem, Tables, columns_of, problem_of_table};
use crate::error::{OkrError, Result};

fn invalid(reason: String) -> OkrError {
    OkrError::InvalidValue {
        field: "xlsx".into(),
        reason,
    }
}

/// A spreadsheet cell as a table's cell.
fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Null,
        Data::Int(i) => Cell::Int(*i),
        Data::Float(x) => Cell::Float(*x),
        Data::Bool(b) => Cell::Bool(*b),
        Data::String(s) if s.is_empty() => Cell::Null,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::DateTime(t) => match t.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => Cell::Date(t.date()),
            Some(t) => Cell::LocalTime(t),
            None => Cell::Text(t.as_f64().to_string()),
        },
        Data::Error(e) => Cell::Text(e.to_string()),
    }
}

/// The tables of a workbook, and the problems of its sheets that are not tables.
pub(super) fn read(bytes: &[u8]) -> Result<(Tables, Vec<TableProblem>)> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| invalid(format!("not a workbook okr reads (.xlsx): {e}")))?;
    let mut tables = Tables::default();
    let mut problems = Vec::new();
    for name in book.sheet_names() {
        if columns_of(&name).is_none() {
            problems.push(problem_of_table(
                &name,
                format!("not a table of okr's ({})", super::TABLE_NAMES.join(", ")),
            ));
            continue;
        }
        let range = book
            .worksheet_range(&name)
            .map_err(|e| invalid(format!("the sheet {name:?} does not read: {e}")))?;
        let mut rows = range.rows();
        let Some(header) = rows.next() else {
            tables.set(&name, Table::new())?;
            continue;
        };
        let header: Vec<String> = header
            .iter()
            .map(|h| match cell(h) {
                Cell::Null => String::new(),
                c => c.display().trim().to_string(),
            })
            .collect();
        // trailing columns without a name and without values are layout, not data
        let mut cols: Vec<(String, Vec<Cell>)> =
            header.into_iter().map(|h| (h, Vec::new())).collect();
        for row in rows {
            for (i, col) in cols.iter_mut().enumerate() {
                col.1.push(row.get(i).map_or(Cell::Null, cell));
            }
        }
        cols.retain(|(h, cells)| !h.is_empty() || cells.iter().any(|c| !c.is_null()));
        match Table::from_columns(cols) {
            Ok(t) => tables.set(&name, t)?,
            Err(e) => problems.push(problem_of_table(&name, super::error_reason(&e))),
        }
    }
    Ok((tables, problems))
}

/// The most rows of data a sheet holds (1,048,576 rows, one of them the header).
const MAX_ROWS: usize = 1_048_575;

/// The workbook of `tables`.
pub(super) fn write(tables: &Tables) -> Result<Vec<u8>> {
    // refused before any work: a sheet holds at most MAX_ROWS rows of data
    if let Some((name, t)) = tables.iter().find(|(_, t)| t.rows() > MAX_ROWS) {
        return Err(invalid(format!(
            "{name} has {} rows, more than a sheet holds ({MAX_ROWS} and a header): write CSV \
             instead",
            t.rows()
        )));
    }
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, table) in tables.iter() {
        let sheet = book.add_worksheet();
        sheet
            .set_name(name)
            .map_err(|e| invalid(format!("{name}: {e}")))?;
        for (c, (col, cells)) in table.columns().enumerate() {
            let c = u16::try_from(c).map_err(|_| invalid(format!("{name}: too many columns")))?;
            let put = |e: rust_xlsxwriter::XlsxError, row: usize| {
                invalid(format!("{name}, row {row}, column {col}: {e}"))
            };
            sheet.write_string(0, c, col).map_err(|e| put(e, 0))?;
            for (r, cell) in cells.iter().enumerate() {
                let row = u32::try_from(r + 1)
                    .map_err(|_| invalid(format!("{name}: too many rows for a sheet")))?;
                let written = match cell {
                    Cell::Null => continue,
                    Cell::Float(x) if x.is_nan() => continue,
                    Cell::Float(x) => sheet.write_number(row, c, *x),
                    Cell::Int(i) => sheet.write_string(row, c, i.to_string()),
                    Cell::Bool(b) => sheet.write_boolean(row, c, *b),
                    other => sheet.write_string(row, c, other.display()),
                };
                written.map_err(|e| put(e, r + 1))?;
            }
        }
    }
    book.save_to_buffer()
        .map_err(|e| invalid(format!("the workbook could not be written: {e}")))
}
