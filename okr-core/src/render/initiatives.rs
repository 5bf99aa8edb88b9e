//! Initiatives at a time as text ([`OkrGraph::initiative_status`](crate::OkrGraph::initiative_status)).

use super::table::{Col, line};
use crate::format::{escape, percent};
use crate::initiative::InitiativeStatus;

/// Every initiative's state as text: one line per initiative (`done`, `overdue` or `open`,
/// the share done, the due date, the time of the update in force, its key result, its id)
/// with its title; `no initiatives` when there are none.
///
/// # Complexity
/// O(N) for N initiatives (and the length of their texts).
pub fn initiatives_text(initiatives: &[InitiativeStatus]) -> String {
    if initiatives.is_empty() {
        return "no initiatives\n".into();
    }
    let header = [
        "state",
        "done",
        "due",
        "updated",
        "key result",
        "initiative",
    ];
    let rows: Vec<[String; 6]> = initiatives
        .iter()
        .map(|x| {
            let state = if x.done {
                "done"
            } else if x.overdue {
                "overdue"
            } else {
                "open"
            };
            [
                state.to_string(),
                percent(x.share),
                x.due.map_or("-".into(), |d| d.to_string()),
                x.updated.map_or("-".into(), |t| t.date_naive().to_string()),
                x.key_result.clone(),
                x.id.clone(),
            ]
        })
        .collect();
    // each column as wide as its widest cell, escaped
    let mut widths = header.map(str::len);
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(escape(cell).chars().count());
        }
    }
    let columns = &[
        Col::Left(widths[0]),
        Col::Right(widths[1]),
        Col::Left(widths[2]),
        Col::Left(widths[3]),
        Col::Left(widths[4]),
        Col::Left(widths[5]),
    ];
    let mut s = String::new();
    line(&mut s, columns, &header, "title");
    for (x, r) in initiatives.iter().zip(&rows) {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        line(&mut s, columns, &cells, &x.title);
    }
    s
}
