//! Binary snapshots (`OkrGraph::to_snapshot`, `document::load_snapshot_with`), the format: as
//! its documentation states it (checked against the reference encoder and CRC-32 of
//! `snapshot_common`), every cut and every flipped bit refused, crafted bodies refused with a
//! typed error and never a panic, raw values in either form. `snapshot_documents.rs` holds
//! what a snapshot's document must do as its JSON does.

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

mod snapshot_common;

use okr_core::document::{
    Limits, check_bytes_with, is_snapshot, load_bytes_with, load_snapshot_with,
};
use okr_core::{OkrError, OkrGraph};
use serde_json::Value;
use snapshot_common::*;

#[test]
fn every_document_that_loads_round_trips_through_a_snapshot() {
    let mut loaded = 0;
    for (name, text) in documents() {
        let Ok(g) = OkrGraph::from_json(&text) else {
            continue;
        };
        loaded += 1;
        let snap = g.to_snapshot();
        assert!(is_snapshot(&snap), "{name}");
        let back = OkrGraph::from_snapshot(&snap).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back.to_json(), g.to_json(), "{name}");
        assert_eq!(back.to_snapshot(), snap, "{name}: not the same bytes again");
        // through the one entry point for bytes, too
        let b = load_bytes_with(&snap, &Limits::default()).unwrap();
        assert_eq!(b.to_json(), g.to_json(), "{name}");
    }
    assert!(loaded >= 10, "only {loaded} documents loaded");
}

#[test]
fn the_header_is_as_documented() {
    let snap = acme().to_snapshot();
    assert_eq!(&snap[..8], b"\x89OKR\r\n\x1a\n");
    assert_eq!(u32::from_le_bytes(snap[8..12].try_into().unwrap()), 1);
    assert_eq!(u32::from_le_bytes(snap[12..16].try_into().unwrap()), 0);
    let len = u64::from_le_bytes(snap[16..24].try_into().unwrap());
    assert_eq!(len as usize, snap.len() - 32);
    let crc = u32::from_le_bytes(snap[24..28].try_into().unwrap());
    assert_eq!(crc, crc32(&[&snap[..24], &snap[32..]]));
    assert_eq!(&snap[28..32], &[0; 4]);
    // the body starts with the document object
    assert_eq!(snap[32], 8);
    // and is much smaller than the pretty JSON
    assert!(snap.len() * 2 < acme().to_json().len());
}

#[test]
fn the_reference_encoding_of_a_document_reads_as_its_json() {
    for (name, text) in documents() {
        let Ok(g) = OkrGraph::from_json(&text) else {
            continue;
        };
        let value: Value = serde_json::from_str(&g.to_json()).unwrap();
        let snap = seal(&encode(&value));
        let back = OkrGraph::from_snapshot(&snap).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back.to_json(), g.to_json(), "{name}");
    }
}

#[test]
fn every_cut_is_refused() {
    let snap = acme().to_snapshot();
    for n in 0..snap.len() {
        let e = OkrGraph::from_snapshot(&snap[..n]).unwrap_err();
        assert_eq!(e.code(), "invalid_snapshot", "{n}: {e}");
        let m = e.to_string();
        match n {
            0..8 => assert!(m.contains("not a snapshot"), "{n}: {m}"),
            8..32 => assert!(
                m.contains("cut short") && m.contains("header alone"),
                "{n}: {m}"
            ),
            _ => assert!(m.contains("cut short: the header says"), "{n}: {m}"),
        }
    }
}

#[test]
fn every_flipped_bit_is_found() {
    // CRC-32 finds every single flipped bit: each bit of a small snapshot, and bits spread
    // over the example company's
    let snap = small().to_snapshot();
    let big = acme().to_snapshot();
    let spread = (0..big.len()).step_by(61).map(|i| (&big, i));
    for (snap, i) in (0..snap.len()).map(|i| (&snap, i)).chain(spread) {
        for bit in 0..8 {
            let mut bad = snap.clone();
            bad[i] ^= 1 << bit;
            let e = OkrGraph::from_snapshot(&bad).unwrap_err();
            assert_eq!(e.code(), "invalid_snapshot", "byte {i} bit {bit}: {e}");
        }
    }
}

#[test]
fn the_header_tells_newer_formats_flags_and_trailing_bytes() {
    let snap = acme().to_snapshot();
    let body = &snap[32..];
    let e = OkrGraph::from_snapshot(&seal_with(body, 2, 0)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid snapshot: written by a newer okr (snapshot format 2; this build reads 1)"
    );
    let e = OkrGraph::from_snapshot(&seal_with(body, 0, 0)).unwrap_err();
    assert_eq!(e.to_string(), "invalid snapshot: unknown snapshot format 0");
    let e = OkrGraph::from_snapshot(&seal_with(body, 1, 4)).unwrap_err();
    assert_eq!(e.to_string(), "invalid snapshot: unknown flags 0x4");
    let mut longer = snap.clone();
    longer.extend_from_slice(b"more");
    let e = OkrGraph::from_snapshot(&longer).unwrap_err();
    assert!(e.to_string().contains("4 bytes after its end"), "{e}");
    // a body with a value after the document
    let mut body2 = body.to_vec();
    body2.push(0);
    let e = OkrGraph::from_snapshot(&seal(&body2)).unwrap_err();
    assert_eq!(e.code(), "invalid_snapshot");
    assert!(e.to_string().contains("1 bytes after the document"), "{e}");
    // JSON text is no snapshot
    let e = OkrGraph::from_snapshot(acme_text().as_bytes()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid snapshot: not a snapshot (it does not start with okr's magic bytes)"
    );
}

#[test]
fn crafted_bodies_are_refused_with_their_place() {
    // a tag no value has
    let e = OkrGraph::from_snapshot(&seal(&[9])).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid snapshot: unknown value tag 9 at byte 32"
    );
    // a number JSON cannot hold
    let odd = 12_345.678_9_f64;
    let snap = acme_with(|v| {
        v["objectives"][0]["key_results"][0]["check_ins"][0]["value"] = Value::from(odd);
    });
    let mut body = snap[32..].to_vec();
    let at = body
        .windows(8)
        .position(|w| w == odd.to_le_bytes())
        .unwrap();
    body[at..at + 8].copy_from_slice(&f64::NAN.to_le_bytes());
    let e = OkrGraph::from_snapshot(&seal(&body)).unwrap_err();
    assert_eq!(e.code(), "invalid_snapshot");
    assert!(e.to_string().contains("not finite"), "{e}");
    assert!(
        e.to_string()
            .contains("objectives[0].key_results[0].check_ins[0].value"),
        "{e}"
    );
    // text that is not UTF-8
    let snap = acme_with(|v| v["objectives"][0]["title"] = Value::String("\u{e9}t\u{e9}".into()));
    let mut bad = snap[32..].to_vec();
    let at = bad.windows(2).position(|w| w == "é".as_bytes()).unwrap();
    bad[at + 1] = b'X';
    let e = OkrGraph::from_snapshot(&seal(&bad)).unwrap_err();
    assert!(e.to_string().contains("not UTF-8"), "{e}");
    assert!(e.to_string().contains("objectives[0].title"), "{e}");
    // a key never defined
    let e = OkrGraph::from_snapshot(&seal(&[8, 1, 0, 0, 0, 5, 0])).unwrap_err();
    assert!(
        e.to_string().contains("key number 4 of a table of 0"),
        "{e}"
    );
    // a count the body cannot hold: refused before any allocation
    let e = OkrGraph::from_snapshot(&seal(&[8, 0xff, 0xff, 0xff, 0xff])).unwrap_err();
    assert!(
        e.to_string()
            .contains("4294967295 entries in the 0 bytes left"),
        "{e}"
    );
    // a number longer than 64 bits
    let e = OkrGraph::from_snapshot(&seal(&[
        4, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
    ]))
    .unwrap_err();
    assert!(e.to_string().contains("longer than 64 bits"), "{e}");
    // a document error is a document error, with the path, as in JSON
    let snap = acme_with(|v| v["objectives"][0]["titel"] = Value::String("x".into()));
    let e = OkrGraph::from_snapshot(&snap).unwrap_err();
    let mut v: Value = serde_json::from_str(&acme_text()).unwrap();
    v["objectives"][0]["titel"] = Value::String("x".into());
    let j = OkrGraph::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.code(), "document");
    assert_eq!(e.to_string(), without_place(&j.to_string()));
}

#[test]
fn deep_nesting_is_refused_without_running_out_of_stack() {
    // a document whose `extra` is 100,000 arrays inside each other
    let mut e = Enc::new();
    e.out.push(8);
    e.out.extend_from_slice(&2u32.to_le_bytes());
    e.key("version");
    e.value(&Value::from(2), None);
    e.key("extra");
    let mut body = e.out;
    for _ in 0..100_000 {
        body.extend_from_slice(&[7, 1, 0, 0, 0]);
    }
    body.push(0);
    let e = OkrGraph::from_snapshot(&seal(&body)).unwrap_err();
    assert_eq!(e.code(), "limit_exceeded", "{e}");
    assert!(e.to_string().contains("JSON nesting depth"), "{e}");
    assert!(e.to_string().contains("at extra[0][0]"), "{e}");
    let e = load_snapshot_with(&seal(&body), &Limits::none()).unwrap_err();
    assert!(e.to_string().contains("recursion limit exceeded"), "{e}");
}

#[test]
fn raw_values_may_be_written_as_values() {
    // where okr keeps a value's JSON text (`extra`), a snapshot may hold the value itself
    let mut v: Value = serde_json::from_str(&acme_text()).unwrap();
    let extra = serde_json::json!({"a": [1, -2, 2.5, "x\"y", null, true], "b": {"c": {}}});
    v["objectives"][0]["extra"] = extra.clone();
    let mut e = Enc::new();
    // the reference encoder writes `extra` as text: write this one as a value
    e.value(&v, Some("document"));
    let g = OkrGraph::from_json(&v.to_string()).unwrap();
    let plain = {
        let mut e2 = Enc::new();
        e2.value_plain(&v);
        e2.out
    };
    let back = OkrGraph::from_snapshot(&seal(&plain)).unwrap();
    let id = v["objectives"][0]["id"].as_str().unwrap();
    assert_eq!(
        back.objective(id).unwrap().extra.as_json(),
        serde_json::to_string(&extra).unwrap()
    );
    assert_eq!(back.to_json(), g.to_json());
    // and a duplicate key in it is refused, as in JSON text
    let mut e3 = Enc::new();
    e3.out.push(8);
    e3.out.extend_from_slice(&2u32.to_le_bytes());
    e3.key("version");
    e3.value(&Value::from(2), None);
    e3.key("extra");
    e3.out.push(8);
    e3.out.extend_from_slice(&2u32.to_le_bytes());
    e3.key("k");
    e3.out.push(0);
    e3.key("k");
    e3.out.push(0);
    let err = OkrGraph::from_snapshot(&seal(&e3.out)).unwrap_err();
    assert_eq!(err.code(), "document");
    assert!(err.to_string().contains("duplicate key"), "{err}");
    let _ = e;
}

#[test]
fn bytes_are_read_as_snapshot_or_text() {
    let limits = Limits::default();
    let text = acme_text();
    let g = load_bytes_with(text.as_bytes(), &limits).unwrap();
    let with_bom = format!("\u{feff}{text}");
    let g2 = load_bytes_with(with_bom.as_bytes(), &limits).unwrap();
    assert_eq!(g.to_json(), g2.to_json());
    let e = load_bytes_with(b"{\"version\": \xff}", &limits).unwrap_err();
    assert!(e.to_string().contains("invalid UTF-8"), "{e}");
    let check = check_bytes_with(&g.to_snapshot(), &limits);
    assert!(check.readable && check.problems.is_empty());
    let check = check_bytes_with(&g.to_snapshot()[..40], &limits);
    assert!(!check.readable);
    assert_eq!(check.problems[0].code, "invalid_snapshot");
}

#[test]
fn a_failed_load_is_an_error_value_not_a_panic_for_any_prefix_of_a_crafted_body() {
    // every prefix of a valid body, sealed (the checksum then passes): the reader meets the
    // end of the body at every possible place
    let body = small().to_snapshot()[32..].to_vec();
    let big = acme().to_snapshot()[32..].to_vec();
    let spread = (0..big.len()).step_by(37).map(|n| &big[..n]);
    for cut in (0..body.len()).map(|n| &body[..n]).chain(spread) {
        let n = cut.len();
        let e = OkrGraph::from_snapshot(&seal(cut)).unwrap_err();
        assert!(
            matches!(
                e,
                OkrError::InvalidSnapshot { .. } | OkrError::Document { .. }
            ),
            "{n}: {e}"
        );
    }
}
