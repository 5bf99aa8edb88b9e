//! Fixed-width text tables: each column's alignment and width are said once, for the header
//! and for every row.

use std::fmt::Write as _;

/// A column: its cells padded to a width (a longer cell overflows).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Col {
    /// Left-aligned.
    Left(usize),
    /// Right-aligned.
    Right(usize),
}

/// Appends one line of a table: `cells` padded to their `columns`, one space apart, then
/// `last` (free text: a note, a status, a title) two spaces after them unless it is empty.
pub(crate) fn line(s: &mut String, columns: &[Col], cells: &[&str], last: &str) {
    debug_assert_eq!(columns.len(), cells.len(), "a cell per column");
    for (i, (col, cell)) in columns.iter().zip(cells).enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let _ = match *col {
            Col::Left(w) => write!(s, "{cell:<w$}"),
            Col::Right(w) => write!(s, "{cell:>w$}"),
        };
    }
    if !last.is_empty() {
        s.push_str("  ");
        s.push_str(last);
    }
    s.push('\n');
}
