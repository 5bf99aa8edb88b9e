//! Binary snapshots, their documents: refused or accepted exactly as the same document's JSON
//! (broken documents, any document, `extra` text), within the limits JSON has, owned bytes as
//! borrowed ones, and WebAssembly's reader (through JSON text) as the direct one.

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

mod snapshot_common;

use okr_core::document::{
    self, Limits, check_bytes_with, check_str_with, load_bytes_with, load_snapshot_with,
    load_str_with, load_vec_with, parse_snapshot,
};
use okr_core::{OkrError, OkrGraph};
use serde_json::Value;
use snapshot_common::*;

#[test]
fn a_broken_document_is_refused_as_its_json_is() {
    let limits = Limits::default();
    for (name, text) in broken_documents() {
        let j = load_str_with(&text, &limits).unwrap_err();
        let v: Value = serde_json::from_str(&text).unwrap();
        let s = load_snapshot_with(&seal(&encode(&v)), &limits).unwrap_err();
        assert_eq!(s.code(), j.code(), "{name}: {s} / {j}");
        assert_eq!(s.to_string(), without_place(&j.to_string()), "{name}");
    }
}

/// `load_vec_with` (owned bytes, let go before the graph is built) loads what
/// `load_bytes_with` loads and refuses what it refuses with the same error: JSON and snapshots,
/// sound and broken, cut short and over a limit.
#[test]
fn owned_bytes_load_as_borrowed_ones() {
    let same = |name: &str, bytes: &[u8], limits: &Limits| {
        let borrowed = load_bytes_with(bytes, limits);
        let owned = load_vec_with(bytes.to_vec(), limits);
        match (&borrowed, &owned) {
            (Ok(b), Ok(o)) => assert_eq!(b.to_json(), o.to_json(), "{name}"),
            (Err(b), Err(o)) => {
                assert_eq!(
                    (b.code(), b.to_string()),
                    (o.code(), o.to_string()),
                    "{name}"
                )
            }
            _ => panic!("{name}: {borrowed:?} / {owned:?}"),
        }
        borrowed.is_ok()
    };
    let small = Limits {
        max_string_bytes: 64,
        ..Limits::default()
    };
    let (mut loaded, mut refused) = (0, 0);
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, text) in documents().into_iter().chain(broken_documents()) {
        if let Ok(v) = serde_json::from_str::<Value>(&text) {
            inputs.push((format!("{name} (snapshot)"), seal(&encode(&v))));
        }
        inputs.push((
            format!("{name} (bom)"),
            format!("\u{feff}{text}").into_bytes(),
        ));
        inputs.push((name, text.into_bytes()));
    }
    let snap = acme().to_snapshot();
    inputs.push(("cut snapshot".into(), snap[..snap.len() - 1].to_vec()));
    inputs.push(("not UTF-8".into(), b"{\"version\": \xff}".to_vec()));
    for (name, bytes) in &inputs {
        for limits in [Limits::default(), small] {
            if same(name, bytes, &limits) {
                loaded += 1;
            } else {
                refused += 1;
            }
        }
    }
    assert!(
        loaded >= 20 && refused >= 20,
        "{loaded} loaded, {refused} refused"
    );
}

#[test]
fn limits_hold_as_for_json() {
    let text = acme_text();
    let snap = acme().to_snapshot();
    let cases = [
        Limits {
            max_objectives: 2,
            ..Limits::default()
        },
        Limits {
            max_key_results: 3,
            ..Limits::default()
        },
        Limits {
            max_owners: 2,
            ..Limits::default()
        },
        Limits {
            max_check_ins_per_key_result: 1,
            ..Limits::default()
        },
        Limits {
            max_string_bytes: 10,
            ..Limits::default()
        },
        Limits {
            max_json_depth: 3,
            ..Limits::default()
        },
        Limits {
            max_document_bytes: 100,
            ..Limits::default()
        },
    ];
    for limits in cases {
        let j = load_str_with(&OkrGraph::from_json(&text).unwrap().to_json(), &limits).unwrap_err();
        let s = load_snapshot_with(&snap, &limits).unwrap_err();
        assert_eq!(s.code(), "limit_exceeded", "{limits:?}: {s}");
        if limits.max_string_bytes == 10 || limits.max_document_bytes == 100 {
            // the first long string, and the size, differ between the two forms
            assert_eq!(j.code(), "limit_exceeded");
            continue;
        }
        if let (
            OkrError::LimitExceeded { what, actual, .. },
            OkrError::LimitExceeded {
                what: w2,
                actual: a2,
                ..
            },
        ) = (&s, &j)
            && matches!(what.as_str(), "owners" | "objectives" | "key results")
        {
            // a snapshot is refused as soon as a total passes its limit: the count so far
            assert_eq!(what, w2);
            assert!(
                actual
                    > &(limits
                        .max_key_results
                        .min(limits.max_owners)
                        .min(limits.max_objectives) as u64)
            );
            assert!(actual <= a2);
            continue;
        }
        assert_eq!(s.to_string(), j.to_string(), "{limits:?}");
    }
}

#[test]
fn a_snapshot_of_any_document_is_refused_or_accepted_as_its_json() {
    let limits = Limits::default();
    let mut refused = 0;
    for (name, text) in documents().into_iter().chain(broken_documents()) {
        // documents that parse: their rules decide (a cycle, an unknown id, ...)
        let Ok(doc) = document::parse_str(&text) else {
            continue;
        };
        let snap = document::snapshot::snapshot_of(&doc);
        let from_json = load_str_with(&text, &limits);
        let from_snap = load_snapshot_with(&snap, &limits);
        match (from_json, from_snap) {
            (Ok(a), Ok(b)) => assert_eq!(a.to_json(), b.to_json(), "{name}"),
            (Err(a), Err(b)) => {
                refused += 1;
                assert_eq!(a.to_string(), b.to_string(), "{name}");
                assert_eq!(a.code(), b.code(), "{name}");
            }
            (a, b) => panic!("{name}: JSON {:?}, snapshot {:?}", a.err(), b.err()),
        }
        // every problem, as `okr check` lists them
        let a = check_str_with(&text, &limits);
        let b = check_bytes_with(&snap, &limits);
        if limits_scan_free(&text) {
            assert_eq!(a, b.problems, "{name}");
        }
        // the parsed document itself comes back
        assert_eq!(parse_snapshot(&snap, &limits).unwrap(), doc, "{name}");
    }
    assert!(refused >= 10, "only {refused} documents refused");
}

/// Whether a document's problems come from its rules rather than its text's limits (which a
/// snapshot, smaller, may not reach).
fn limits_scan_free(text: &str) -> bool {
    !check_str_with(text, &Limits::default())
        .iter()
        .any(|p| p.code == "limit_exceeded")
}

/// A snapshot whose document has an objective `extra` written as the text `text`.
fn with_extra_text(text: &str) -> Vec<u8> {
    let mut v: Value = serde_json::from_str(&acme_text()).unwrap();
    v["objectives"][0]["extra"] = serde_json::json!({"placeholder": 1});
    let mut body = encode(&v);
    let old = r#"{"placeholder":1}"#;
    let at = body
        .windows(old.len())
        .position(|w| w == old.as_bytes())
        .unwrap();
    // the text's length (one LEB128 byte for this short text) precedes it
    assert_eq!(body[at - 1] as usize, old.len());
    let mut len = Vec::new();
    let mut n = text.len() as u64;
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            len.push(b);
            break;
        }
        len.push(b | 0x80);
    }
    let mut out = body[..at - 1].to_vec();
    out.extend_from_slice(&len);
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(&body.split_off(at + old.len()));
    seal(&out)
}

#[test]
fn the_text_of_an_extra_is_json_within_the_limits_json_has() {
    // text that is no JSON is refused, as it is in a document's text (found by fuzzing)
    let e = OkrGraph::from_snapshot(&with_extra_text(r#"{"a": tru}"#)).unwrap_err();
    assert_eq!(e.code(), "document");
    assert!(
        e.to_string()
            .starts_with("objectives[0].extra: expected ident"),
        "{e}"
    );
    // a big extra of small strings: the document limit is on each string, not the whole
    let big: serde_json::Map<String, Value> = (0..40_000)
        .map(|i| (format!("k{i}"), Value::String("x".repeat(40))))
        .collect();
    let text = Value::Object(big).to_string();
    assert!(text.len() > Limits::default().max_string_bytes);
    let g = OkrGraph::from_snapshot(&with_extra_text(&text)).unwrap();
    let again = OkrGraph::from_snapshot(&g.to_snapshot()).unwrap();
    assert_eq!(again.to_json(), g.to_json());
    // nesting inside it counts the containers around it, as in JSON text
    let deep = format!("{}1{}", r#"{"a":["#.repeat(40), "]}".repeat(40));
    let e = OkrGraph::from_snapshot(&with_extra_text(&deep)).unwrap_err();
    let mut v: Value = serde_json::from_str(&acme_text()).unwrap();
    v["objectives"][0]["extra"] = serde_json::from_str(&deep).unwrap();
    let j = OkrGraph::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.code(), "limit_exceeded");
    assert_eq!(e.to_string(), j.to_string());
    // and a long string inside it is over the string limit, named where it is
    let long = format!(r#"{{"a": {{"b": "{}"}}}}"#, "y".repeat(2 << 20));
    let e = OkrGraph::from_snapshot(&with_extra_text(&long)).unwrap_err();
    assert_eq!(e.code(), "limit_exceeded");
    assert!(e.to_string().contains("at objectives[0].extra.a.b"), "{e}");
}

#[test]
fn the_webassembly_reader_reads_as_the_direct_one() {
    // WebAssembly builds read a snapshot through its JSON text (see `parse_snapshot`): the
    // same documents, the same refusals
    let limits = Limits::default();
    let mut snaps: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, text) in documents().into_iter().chain(broken_documents()) {
        if let Ok(v) = serde_json::from_str::<Value>(&text) {
            snaps.push((name.clone(), seal(&encode(&v))));
            let mut plain = Enc::new();
            plain.value_plain(&v);
            snaps.push((format!("{name} (extra as values)"), seal(&plain.out)));
        }
    }
    let snap = acme().to_snapshot();
    snaps.push(("cut".into(), snap[..snap.len() - 3].to_vec()));
    snaps.push(("tag".into(), seal(&[9])));
    snaps.push(("extra not json".into(), with_extra_text(r#"{"a": tru}"#)));
    let deep = format!("{}1{}", r#"{"a":["#.repeat(40), "]}".repeat(40));
    snaps.push(("deep extra".into(), with_extra_text(&deep)));
    // okr's form of a value kept as text, where a plain value is read: the value its text
    // holds (a title), and text that is no JSON there
    for (name, text) in [
        ("raw title", r#""Grow, as text""#),
        ("raw title not json", "[1,"),
    ] {
        let mut v: Value = serde_json::from_str(&acme_text()).unwrap();
        let sentinel = "sentinel title 4711";
        v["objectives"][0]["title"] = Value::String(sentinel.into());
        let mut e = Enc::new();
        e.value(&v, None);
        // the raw value's key is in the table before the objectives (`history` sorts first)
        let n = (e.keys.iter())
            .position(|k| k == "$serde_json::private::RawValue")
            .unwrap();
        let mut old = vec![6, sentinel.len() as u8];
        old.extend_from_slice(sentinel.as_bytes());
        let at = e
            .out
            .windows(old.len())
            .position(|w| w == old.as_slice())
            .unwrap();
        assert!(
            at > e
                .out
                .windows(31)
                .position(|w| &w[1..] == b"$serde_json::private::RawValue")
                .unwrap()
        );
        let mut raw = Enc::new();
        raw.out.extend_from_slice(&[8, 1, 0, 0, 0]);
        raw.leb(n as u64 + 1);
        raw.out.push(6);
        raw.text(text);
        let mut out = e.out[..at].to_vec();
        out.extend_from_slice(&raw.out);
        out.extend_from_slice(&e.out[at + old.len()..]);
        snaps.push((name.into(), seal(&out)));
        if name == "raw title" {
            let g = OkrGraph::from_snapshot(&seal(&out)).unwrap();
            let id = v["objectives"][0]["id"].as_str().unwrap();
            assert_eq!(g.objective(id).unwrap().title, "Grow, as text");
        }
    }
    let small_limits = Limits {
        max_objectives: 3,
        max_check_ins_per_key_result: 2,
        ..Limits::default()
    };
    for (name, bytes) in &snaps {
        for limits in [&limits, &small_limits] {
            let a = parse_snapshot(bytes, limits);
            let b = document::snapshot::parse_snapshot_via_json(bytes, limits);
            match (a, b) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{name}"),
                (Err(a), Err(b)) => {
                    assert_eq!(a.code(), b.code(), "{name}: {a} / {b}");
                    assert_eq!(a.to_string(), b.to_string(), "{name}");
                }
                (a, b) => panic!("{name}: {:?} / {:?}", a.err(), b.err()),
            }
        }
    }
}
