//! Initiatives at a time as text ([`OkrGraph::initiative_status`](crate::OkrGraph::initiative_status)).

use super::table::table;
use crate::format::percent;
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
    let rows: Vec<([String; 6], &str)> = initiatives
        .iter()
        .map(|x| {
            let state = if x.done {
                "done"
            } else if x.overdue {
                "overdue"
            } else {
                "open"
            };
            let cells = [
                state.to_string(),
                percent(x.share),
                x.due.map_or("-".into(), |d| d.to_string()),
                x.updated.map_or("-".into(), |t| t.date_naive().to_string()),
                x.key_result.clone(),
                x.id.clone(),
            ];
            (cells, x.title.as_str())
        })
        .collect();
    table(
        [
            "state",
            "done",
            "due",
            "updated",
            "key result",
            "initiative",
        ],
        [false, true, false, false, false, false],
        "title",
        &rows,
    )
}
