//! Binary snapshots (`OkrGraph::to_snapshot`, `document::load_snapshot_with`): the format as
//! its documentation states it (checked against a reference encoder and a reference CRC-32
//! written here from the documentation), every cut and every flipped bit refused, crafted
//! bodies refused with a typed error and never a panic, the limits held as for JSON, and a
//! snapshot of any document refused or accepted exactly as its JSON is.

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

use std::path::Path;

use okr_core::document::{
    self, Limits, SNAPSHOT_MAGIC, SNAPSHOT_VERSION, check_bytes_with, check_str_with, is_snapshot,
    load_bytes_with, load_snapshot_with, load_str_with, load_vec_with, parse_snapshot,
};
use okr_core::{OkrError, OkrGraph};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn acme_text() -> String {
    std::fs::read_to_string(root().join("examples/acme.okr.json")).unwrap()
}

fn acme() -> OkrGraph {
    OkrGraph::from_json(&acme_text()).unwrap()
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit.
fn crc32(parts: &[&[u8]]) -> u32 {
    let mut c = !0u32;
    for p in parts {
        for &b in *p {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    (c >> 1) ^ 0xEDB8_8320
                } else {
                    c >> 1
                };
            }
        }
    }
    !c
}

/// A snapshot of `body` with a sound header (format `version`, `flags`).
fn seal_with(body: &[u8], version: u32, flags: u32) -> Vec<u8> {
    let mut out = Vec::from(SNAPSHOT_MAGIC);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&flags.to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    let crc = crc32(&[&out[..24], body]);
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(body);
    out
}

fn seal(body: &[u8]) -> Vec<u8> {
    seal_with(body, SNAPSHOT_VERSION, 0)
}

/// The reference encoder of a JSON value, from the format's documentation: every key new
/// (key 0 then its text), or numbered when seen before; `extra` and a revision's `set` as
/// their text, as okr writes them (a reader also takes the value itself: see
/// `raw_values_may_be_written_as_values`).
struct Enc {
    out: Vec<u8>,
    keys: Vec<String>,
}

impl Enc {
    fn new() -> Enc {
        Enc {
            out: Vec::new(),
            keys: Vec::new(),
        }
    }

    fn leb(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.out.push(b);
                return;
            }
            self.out.push(b | 0x80);
        }
    }

    fn text(&mut self, s: &str) {
        self.leb(s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }

    fn key(&mut self, k: &str) {
        match self.keys.iter().position(|x| x == k) {
            Some(n) => self.leb(n as u64 + 1),
            None => {
                self.out.push(0);
                self.text(k);
                self.keys.push(k.to_string());
            }
        }
    }

    fn value(&mut self, v: &Value, key: Option<&str>) {
        match v {
            Value::Null => self.out.push(0),
            Value::Bool(b) => self.out.push(1 + u8::from(*b)),
            Value::Number(n) if n.is_u64() => {
                self.out.push(4);
                self.leb(n.as_u64().unwrap());
            }
            Value::Number(n) if n.is_i64() => {
                self.out.push(5);
                self.leb(!(n.as_i64().unwrap() as u64));
            }
            Value::Number(n) => {
                self.out.push(3);
                self.out
                    .extend_from_slice(&n.as_f64().unwrap().to_le_bytes());
            }
            Value::String(s) => {
                self.out.push(6);
                self.text(s);
            }
            Value::Array(a) => {
                self.out.push(7);
                self.out.extend_from_slice(&(a.len() as u32).to_le_bytes());
                for x in a {
                    self.value(x, None);
                }
            }
            Value::Object(_) if matches!(key, Some("extra" | "set")) => {
                self.out.push(8);
                self.out.extend_from_slice(&1u32.to_le_bytes());
                self.key("$serde_json::private::RawValue");
                self.out.push(6);
                self.text(&v.to_string());
            }
            Value::Object(m) => {
                self.out.push(8);
                self.out.extend_from_slice(&(m.len() as u32).to_le_bytes());
                for (k, x) in m {
                    self.key(k);
                    self.value(x, Some(k));
                }
            }
        }
    }
}

impl Enc {
    /// Every object as an object, `extra` too.
    fn value_plain(&mut self, v: &Value) {
        match v {
            Value::Array(a) => {
                self.out.push(7);
                self.out.extend_from_slice(&(a.len() as u32).to_le_bytes());
                for x in a {
                    self.value_plain(x);
                }
            }
            Value::Object(m) => {
                self.out.push(8);
                self.out.extend_from_slice(&(m.len() as u32).to_le_bytes());
                for (k, x) in m {
                    self.key(k);
                    if k == "set" {
                        self.value(x, Some(k));
                    } else {
                        self.value_plain(x);
                    }
                }
            }
            v => self.value(v, None),
        }
    }
}

fn encode(v: &Value) -> Vec<u8> {
    let mut e = Enc::new();
    e.value(v, None);
    e.out
}

/// Every document among the repository's examples and test fixtures, by name.
fn documents() -> Vec<(String, String)> {
    let mut out = vec![("acme".to_string(), acme_text())];
    for dir in [
        "okr-core/tests/fixtures/rules",
        "okr-core/tests/fixtures/hostile",
        "okr-core/tests/fuzz/regressions/document_load_never_panics",
    ] {
        let mut files: Vec<_> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            if let Ok(text) = std::fs::read_to_string(&f) {
                out.push((f.display().to_string(), text));
            }
        }
    }
    out
}

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

/// A small document: one of everything a rollup needs.
fn small() -> OkrGraph {
    OkrGraph::from_json(
        r#"{"version": 2, "owners": [{"id": "a"}],
        "cycles": [{"id": "q", "start": "2026-10-01", "end": "2026-12-31"}],
        "objectives": [{"id": "o", "title": "Grow", "owner": "a", "cycle": "q",
          "key_results": [{"id": "k", "title": "Sell 10", "measure":
            {"kind": "numeric", "start": 0, "target": 10},
            "check_ins": [{"at": "2026-11-01", "value": 4, "note": "on the way"}]}]}]}"#,
    )
    .unwrap()
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

/// The acme document as a JSON value, changed by `f`, sealed as a snapshot.
fn acme_with(f: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v: Value = serde_json::from_str(&acme_text()).unwrap();
    f(&mut v);
    seal(&encode(&v))
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

/// A JSON error's message without serde_json's ` at line L column C` (a snapshot has no
/// lines).
fn without_place(m: &str) -> String {
    match m.rfind(" at line ") {
        Some(i) if m[i..].contains(" column ") => m[..i].to_string(),
        _ => m.to_string(),
    }
}

/// Documents that break one rule each (they parse; building them fails), made from acme.
fn broken_documents() -> Vec<(String, String)> {
    type Edit = fn(&mut Value);
    let edits: [(&str, Edit); 14] = [
        ("a value of the wrong type in a measure", |v| {
            v["objectives"][1]["key_results"][0]["measure"]["target"] = "lots".into();
        }),
        ("a bad milestone", |v| {
            let kr = serde_json::json!({"id": "ms", "title": "Steps", "measure": {"kind":
                "milestones", "milestones": [{"name": "a"}, {"name": "b", "weight": "x"}]}});
            v["objectives"][1]["key_results"]
                .as_array_mut()
                .unwrap()
                .push(kr);
        }),
        ("a misspelt measure field", |v| {
            let m = &mut v["objectives"][1]["key_results"][0]["measure"];
            m["taget"] = m["target"].take();
            m.as_object_mut().unwrap().remove("target");
        }),
        ("a bad cadence", |v| {
            v["objectives"][0]["cadence"] = "every blue moon".into()
        }),
        ("unknown owner", |v| {
            v["objectives"][0]["owner"] = "nobody".into()
        }),
        ("duplicate id", |v| {
            let id = v["objectives"][0]["id"].clone();
            v["objectives"][1]["id"] = id;
        }),
        ("cycle of links", |v| {
            let child = v["objectives"][1]["id"].clone();
            v["objectives"][0]["parents"] = serde_json::json!([{"id": child}]);
        }),
        ("negative weight", |v| {
            v["objectives"][1]["key_results"][0]["weight"] = (-1.0).into();
        }),
        ("cycle ends before it starts", |v| {
            v["cycles"][0]["end"] = "2020-01-01".into()
        }),
        ("a check-in of the wrong kind", |v| {
            v["objectives"][1]["key_results"][0]["check_ins"][0]["done"] = true.into();
        }),
        ("a version not read", |v| v["version"] = 99.into()),
        ("a bad date", |v| {
            v["objectives"][1]["key_results"][0]["check_ins"][0]["at"] = "2026-13-01".into();
        }),
        ("an unknown measure", |v| {
            v["objectives"][1]["key_results"][0]["measure"]["kind"] = "vibes".into();
        }),
        ("an extra that is not an object", |v| {
            v["objectives"][0]["extra"] = 3.into()
        }),
    ];
    edits
        .into_iter()
        .map(|(name, edit)| {
            let mut v: Value = serde_json::from_str(&acme_text()).unwrap();
            edit(&mut v);
            (name.to_string(), serde_json::to_string_pretty(&v).unwrap())
        })
        .collect()
}

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
