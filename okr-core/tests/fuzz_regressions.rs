//! Replays every committed fuzz input: each crash the fuzzers (`fuzz/`) found is saved under
//! `tests/fuzz/regressions/<target>/` and checked here with the same property the target
//! checks, so `cargo test` keeps it fixed. Seed-like examples live there too.

#[path = "fuzz/props.rs"]
mod props;

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
    replay("graph_ops_keep_invariants", props::graph_ops);
}
