//! The property of the `tables_never_panic` fuzz target, replayed by
//! `tests/fuzz_regressions.rs`: reading any CSV texts as tables never panics, and what
//! imports exports and imports again unchanged.
//!
//! Input: the texts of the tables, separated by the byte 0x1e (record separator), given to
//! the tables in `TABLE_NAMES` order starting at the one the first byte picks (one more name
//! past the end: a name that is not a table's). Invalid UTF-8 is replaced.
//!
//! Checked, under the default limits and under small ones:
//! - `Tables::graph_from_csv_texts` returns a graph or an error, never panics; an
//!   `invalid_tables` error lists at least one problem;
//! - `from_csv_texts` then `to_graph` agrees (the same graph, or an error);
//! - a text that reads as a table writes as CSV that reads back to the same table;
//! - a graph that imports exports to tables that import to a graph with the same tables.

use okr_core::OkrError;
use okr_core::document::Limits;
use okr_core::tables::{TABLE_NAMES, Table, Tables};

fn small() -> Limits {
    Limits {
        max_document_bytes: 1 << 16,
        max_string_bytes: 64,
        max_objectives: 20,
        max_key_results: 40,
        max_check_ins_per_key_result: 8,
        max_parents_per_objective: 4,
        ..Limits::default()
    }
}

/// See the module.
pub fn tables(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let names: Vec<&str> = TABLE_NAMES.iter().copied().chain(["goals"]).collect();
    let start = usize::from(first) % names.len();
    let texts: Vec<(&str, String)> = rest
        .split(|&b| b == 0x1e)
        .enumerate()
        .map(|(i, t)| {
            (
                names[(start + i) % names.len()],
                String::from_utf8_lossy(t).into_owned(),
            )
        })
        .collect();
    for (_, text) in &texts {
        if let Ok(t) = Table::from_csv(text) {
            let again = Table::from_csv(&t.to_csv()).expect("written CSV reads");
            assert_eq!(again, t, "CSV round trip");
        }
    }
    let borrowed = || texts.iter().map(|(n, t)| (*n, t.as_str()));
    for limits in [Limits::default(), small()] {
        let graph = Tables::graph_from_csv_texts(borrowed(), &limits);
        if let Err(OkrError::InvalidTables { problems }) = &graph {
            assert!(!problems.is_empty());
        }
        let two_steps = Tables::from_csv_texts(borrowed()).and_then(|t| t.to_graph(&limits));
        assert_eq!(
            graph.as_ref().map(Tables::of_graph).ok(),
            two_steps.as_ref().map(Tables::of_graph).ok(),
            "one step and two"
        );
        let Ok(g) = graph else { continue };
        let exported = Tables::of_graph(&g);
        let csv = exported.to_csv_texts();
        let again =
            Tables::graph_from_csv_texts(csv.iter().map(|(n, t)| (*n, t.as_str())), &limits)
                .unwrap_or_else(|e| panic!("an exported graph imports: {e}"));
        assert_eq!(Tables::of_graph(&again), exported, "export, import, export");
    }
}
