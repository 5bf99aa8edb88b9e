//! Replays every committed fuzz input: each crash the fuzzers (`fuzz/`) found is saved under
//! `tests/fuzz/regressions/<target>/` and checked here with the same property the target
//! checks, so `cargo test` keeps it fixed. Seed-like examples live there too (`seed-*`, made by
//! hand to reach each target's interesting paths), so that no target's folder is empty: a
//! folder without an input fails its test rather than passing without checking anything.
//!
//! - `document_load_never_panics/`: a document with a bad check-in and an alignment cycle
//!   (`load_str` and `check_str` must agree on the first problem), a valid one with every measure
//!   kind that loads and round-trips but exceeds the small limits, and a truncated one (a JSON
//!   syntax error at a line and column), and a version 2 document with every kind of node and
//!   link of richer alignment: aggregate key results (`sum` with a conversion factor,
//!   `count_done`), a supporting link, dependencies (one blocking), KPIs (a threshold with
//!   monthly targets, a band) and a key result taking its values from one, the `worst` status
//!   rule.
//! - `graph_ops_keep_invariants/`: operation sequences as `arbitrary` decodes them. The
//!   operations gained aggregates, supporting links, dependencies and KPIs (issue 20), which
//!   changed how bytes decode: the two older inputs (a hand-made seed of links, refused links
//!   and check-ins; the crash of a check-in inside `LiveRollup::edit`, which has its own unit
//!   test in `rollup/patch/tests.rs`) now decode to other operations and are kept as inputs.
//!   `seed-richer-alignment` is written operation by operation (as `arbitrary` 1.5 decodes
//!   enums and integers): four objectives, one of them with the `worst` status rule, a
//!   contributing and a supporting link and a link made supporting later; a `sum` aggregate in
//!   EUR with key results under it in EUR and in clinics with a factor of 0.5, and one taken
//!   out again; a `count_done` aggregate over a boolean key result; a KPI in EUR with two
//!   values and a threshold key result taking them; two dependencies, one blocking at the
//!   as-of date (November 15); refused: clinics under EUR without a factor
//!   (`unit_mismatch`), a cycle of dependencies, removing the KPI in use.
//! - `analytics_over_documents/`: the example company and three hostile documents behind two
//!   date bytes, and the first crash the target found: check-ins of -1e308 (in 1013), 1e308
//!   and -180e3, whose forecast was finite but whose band's ends were not.
//! - `views_never_leak/`: byte strings that decode (as `arbitrary` 1.x decodes structs,
//!   vectors and integers) to organisations of several objectives, some of them private or
//!   owner-line, with key results, check-ins and history, found by searching seeds for ones
//!   whose organisation loads and hides something from a viewer.
//! - `snapshot_never_panics/`: a mode byte (odd: seal the rest as a snapshot's body) and the
//!   bodies of snapshots of the example company and of documents with history, dependencies
//!   and initiatives; a snapshot as written (even mode).
//! - `tables_never_panic/`: the CSV texts of the starter tables and of the example company (a
//!   first byte of 0: from `owners`), and texts with problems in every table.
//! - `lint_config_checked/`: a document-chooser byte and a configuration: low thresholds,
//!   select / ignore / severity by prefix, extreme thresholds.
//! - `lint_text_spans_on_char_boundaries/`: statements with multi-byte characters next to the
//!   quantities and deadlines the analysis finds (`€1.2M`, a no-break space, emoji, `İ` and `ẞ`,
//!   whose lower case has another length, full-width forms, invalid UTF-8).

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

#[path = "fuzz/graph_ops.rs"]
mod graph_ops;
#[path = "fuzz/props.rs"]
mod props;
#[path = "fuzz/snapshot.rs"]
mod snapshot;
#[path = "fuzz/tables.rs"]
mod tables;
#[path = "fuzz/views.rs"]
mod views;

use std::path::Path;

fn replay(target: &str, property: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz/regressions")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != ".gitkeep"))
        .collect();
    assert!(
        !files.is_empty(),
        "{}: no input to replay; commit at least one (a minimised crash, or a seed)",
        dir.display()
    );
    files.sort();
    for f in files {
        let data = std::fs::read(&f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let outcome = std::panic::catch_unwind(|| property(&data));
        assert!(outcome.is_ok(), "{target}: {name} fails again");
    }
}

#[test]
fn document_load_never_panics() {
    replay("document_load_never_panics", props::document_load);
}

#[test]
fn lint_text_spans_on_char_boundaries() {
    replay("lint_text_spans_on_char_boundaries", props::lint_text);
}

#[test]
fn graph_ops_keep_invariants() {
    replay("graph_ops_keep_invariants", graph_ops::graph_ops);
}

#[test]
fn lint_config_checked() {
    replay("lint_config_checked", props::lint_config);
}

#[test]
fn analytics_over_documents() {
    replay("analytics_over_documents", props::analytics);
}

#[test]
fn views_never_leak() {
    replay("views_never_leak", views::views);
}

#[test]
fn snapshot_never_panics() {
    replay("snapshot_never_panics", snapshot::snapshot);
}

#[test]
fn tables_never_panic() {
    replay("tables_never_panic", tables::tables);
}
