//! The property of the `snapshot_never_panics` fuzz target, replayed by
//! `tests/fuzz_regressions.rs`: reading any bytes as a snapshot never panics, and what reads
//! behaves as the same document's JSON.
//!
//! Input: a mode byte, then bytes. Mode even: the bytes are read as a snapshot as they are
//! (most stop at the magic bytes or the checksum). Mode odd: the bytes are a body, sealed
//! with a sound header first, so that the reader itself is fuzzed past the checksum (the
//! seeds are bodies of real snapshots).
//!
//! Checked, under the default limits and under small ones:
//! - loading returns a graph or an error, never panics (bytes that are no snapshot are read
//!   as JSON text, as every front end reads a file);
//! - `check_bytes_with` agrees (problems exactly when loading fails);
//! - a graph that loads saves to a snapshot that loads to the same JSON and the same bytes;
//! - a body that reads as a document is accepted or refused as that document's JSON text is;
//! - WebAssembly's reader (through JSON text) reads the same document or refuses the same way;
//! - owned bytes (`load_vec_with`, let go before the graph is built) load as borrowed ones.

use okr_core::OkrGraph;
use okr_core::document::{
    self, Limits, check_bytes_with, is_snapshot, load_bytes_with, load_snapshot_with,
    load_str_with, load_vec_with, parse_snapshot,
};

fn small() -> Limits {
    Limits {
        max_document_bytes: 1 << 20,
        max_json_depth: 24,
        max_string_bytes: 4096,
        max_objectives: 40,
        max_key_results: 120,
        max_check_ins_per_key_result: 40,
        max_revisions: 200,
        ..Limits::default()
    }
}

/// See the module.
pub fn snapshot(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        document::snapshot::seal(rest)
    };
    for limits in [Limits::default(), small()] {
        // bytes are read as a snapshot or as JSON text, by their first bytes; `check` reads
        // them the same way
        let loaded = load_bytes_with(&bytes, &limits);
        let check = check_bytes_with(&bytes, &limits);
        // what a load came to: the graph's JSON or the error's message
        let outcome = |r: &okr_core::Result<OkrGraph>| {
            r.as_ref().map(OkrGraph::to_json).map_err(|e| e.to_string())
        };
        // owned bytes, let go before the graph is built: the same outcome
        assert_eq!(
            outcome(&load_vec_with(bytes.clone(), &limits)),
            outcome(&loaded)
        );
        if is_snapshot(&bytes) {
            assert_eq!(
                outcome(&load_snapshot_with(&bytes, &limits)),
                outcome(&loaded)
            );
        }
        match &loaded {
            Ok(g) => {
                assert!(check.readable && check.problems.is_empty(), "{check:?}");
                let snap = g.to_snapshot();
                let back = load_snapshot_with(&snap, &Limits::none())
                    .expect("a graph's own snapshot loads");
                assert_eq!(back.to_json(), g.to_json());
                assert_eq!(back.to_snapshot(), snap);
            }
            Err(e) => {
                assert!(!check.problems.is_empty(), "{e} but no problem listed");
                let _ = e.to_string();
            }
        }
        // WebAssembly builds read through JSON text: the same outcome
        match (
            parse_snapshot(&bytes, &limits),
            document::snapshot::parse_snapshot_via_json(&bytes, &limits),
        ) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            (Err(a), Err(b)) => assert_eq!(a.code(), b.code(), "{a} / {b}"),
            (a, b) => panic!("direct {:?} / through JSON {:?}", a.err(), b.err()),
        }
        // a document that reads is refused or accepted as its JSON text is
        if let Ok(doc) = parse_snapshot(&bytes, &limits) {
            let text = doc.to_json_pretty();
            match (
                load_str_with(&text, &Limits::none()),
                doc.into_graph_with(&limits),
            ) {
                (Ok(a), Ok(b)) => assert_eq!(a.to_json(), b.to_json()),
                (Err(a), Err(b)) => {
                    if a.code() != "limit_exceeded" && b.code() != "limit_exceeded" {
                        assert_eq!(a.code(), b.code(), "{a} / {b}");
                    }
                }
                (a, b) => {
                    // the alignment depth is the one limit the build checks
                    let e = a.as_ref().err().or(b.as_ref().err()).unwrap();
                    assert_eq!(
                        e.code(),
                        "limit_exceeded",
                        "JSON {:?} / snapshot {:?}",
                        a.err(),
                        b.err()
                    );
                }
            }
            let _ = OkrGraph::from_snapshot(&bytes);
        }
    }
}
