//! Helpers shared by the snapshot tests (`snapshot_format.rs`, `snapshot_documents.rs`): the
//! example company, a reference CRC-32 and a reference encoder written from the format's
//! documentation, the documents of the fixtures and broken variants of the example.
#![allow(dead_code)]
// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

use std::path::Path;

use okr_core::OkrGraph;
use okr_core::document::{SNAPSHOT_MAGIC, SNAPSHOT_VERSION};
use serde_json::Value;

pub fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

pub fn acme_text() -> String {
    std::fs::read_to_string(root().join("examples/acme.okr.json")).unwrap()
}

pub fn acme() -> OkrGraph {
    OkrGraph::from_json(&acme_text()).unwrap()
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit.
pub fn crc32(parts: &[&[u8]]) -> u32 {
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
pub fn seal_with(body: &[u8], version: u32, flags: u32) -> Vec<u8> {
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

pub fn seal(body: &[u8]) -> Vec<u8> {
    seal_with(body, SNAPSHOT_VERSION, 0)
}

/// The reference encoder of a JSON value, from the format's documentation: every key new
/// (key 0 then its text), or numbered when seen before; `extra` and a revision's `set` as
/// their text, as okr writes them (a reader also takes the value itself: see
/// `raw_values_may_be_written_as_values`).
pub struct Enc {
    pub out: Vec<u8>,
    pub keys: Vec<String>,
}

impl Enc {
    pub fn new() -> Enc {
        Enc {
            out: Vec::new(),
            keys: Vec::new(),
        }
    }

    pub fn leb(&mut self, mut v: u64) {
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

    pub fn text(&mut self, s: &str) {
        self.leb(s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }

    pub fn key(&mut self, k: &str) {
        match self.keys.iter().position(|x| x == k) {
            Some(n) => self.leb(n as u64 + 1),
            None => {
                self.out.push(0);
                self.text(k);
                self.keys.push(k.to_string());
            }
        }
    }

    pub fn value(&mut self, v: &Value, key: Option<&str>) {
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
    pub fn value_plain(&mut self, v: &Value) {
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

pub fn encode(v: &Value) -> Vec<u8> {
    let mut e = Enc::new();
    e.value(v, None);
    e.out
}

/// Every document among the repository's examples and test fixtures, by name.
pub fn documents() -> Vec<(String, String)> {
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

/// A small document: one of everything a rollup needs.
pub fn small() -> OkrGraph {
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

/// The acme document as a JSON value, changed by `f`, sealed as a snapshot.
pub fn acme_with(f: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v: Value = serde_json::from_str(&acme_text()).unwrap();
    f(&mut v);
    seal(&encode(&v))
}

/// A JSON error's message without serde_json's ` at line L column C` (a snapshot has no
/// lines).
pub fn without_place(m: &str) -> String {
    match m.rfind(" at line ") {
        Some(i) if m[i..].contains(" column ") => m[..i].to_string(),
        _ => m.to_string(),
    }
}

/// Documents that break one rule each (they parse; building them fails), made from acme.
pub fn broken_documents() -> Vec<(String, String)> {
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
