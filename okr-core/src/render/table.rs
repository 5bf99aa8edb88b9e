//! Fixed-width text tables: each column's alignment and width are said once, for the header
//! and for every row. Every cell is [escaped](crate::format::escape) (cells hold ids, titles
//! and names from the document) before it is padded, so widths are those of what is printed.

use std::fmt::Write as _;

use crate::format::{Escaped, escape};

/// A column: its cells padded to a width (a longer cell overflows).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Col {
    /// Left-aligned.
    Left(usize),
    /// Right-aligned.
    Right(usize),
}

/// Appends one line of a table: `cells` padded to their `columns`, one space apart, then
/// `last` (free text: a note, a status, a title) two spaces after them unless it is empty;
/// all of them escaped.
pub(crate) fn line(s: &mut String, columns: &[Col], cells: &[&str], last: &str) {
    debug_assert_eq!(columns.len(), cells.len(), "a cell per column");
    for (i, (col, cell)) in columns.iter().zip(cells).enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let _ = match *col {
            Col::Left(w) => write!(s, "{:<w$}", Escaped(cell)),
            Col::Right(w) => write!(s, "{:>w$}", Escaped(cell)),
        };
    }
    if !last.is_empty() {
        s.push_str("  ");
        s.push_str(&escape(last));
    }
    s.push('\n');
}

/// A whole table: the `header` line (with `last_header` after it), then one line per row
/// (its cells, then its free text), each column as wide as its widest escaped cell and
/// right-aligned where `right` says so.
///
/// # Complexity
/// O(total length of the cells).
pub(crate) fn table<const N: usize>(
    header: [&str; N],
    right: [bool; N],
    last_header: &str,
    rows: &[([String; N], &str)],
) -> String {
    let mut widths = header.map(|h| escape(h).chars().count());
    for (cells, _) in rows {
        for (w, cell) in widths.iter_mut().zip(cells) {
            *w = (*w).max(escape(cell).chars().count());
        }
    }
    let columns: Vec<Col> = (widths.iter().zip(right))
        .map(|(&w, r)| if r { Col::Right(w) } else { Col::Left(w) })
        .collect();
    let mut s = String::new();
    line(&mut s, &columns, &header, last_header);
    for (cells, last) in rows {
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        line(&mut s, &columns, &cells, last);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_escaped_then_padded() {
        let mut s = String::new();
        let cols = [Col::Left(10), Col::Right(6)];
        line(&mut s, &cols, &["k\u{1b}[8m", "\u{202e}1"], "a\rb");
        assert_eq!(s, "k\\u{1b}[8m \\u{202e}1  a\\rb\n");
        let mut s = String::new();
        line(&mut s, &cols, &["k\u{7}", "1"], "");
        assert_eq!(s, "k\\u{7}          1\n");
    }
}
