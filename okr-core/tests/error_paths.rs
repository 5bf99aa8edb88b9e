//! Differential test of document error paths: okr-core finds the path of a parse error from
//! serde_json's line and column (one pass over the text, on failure only); the reference is
//! serde_path_to_error, which tracks the path while deserialising (what okr-core used before).
//! Both must name the same place for every way a valid document can be broken by one edit:
//! a value of the wrong kind anywhere, an unknown field in any object, a missing field.

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

use okr_core::document::{self, Document};
use okr_core::{Bound, Direction, Milestone, OkrError};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{Value, json};

/// A document with every kind of object and measure.
fn base() -> Value {
    json!({
        "version": 1,
        "owners": [
            {"id": "acme", "name": "Acme", "kind": "organisation"},
            {"id": "team", "name": "Team", "kind": "team", "parent": "acme"}
        ],
        "cycles": [{"id": "q4", "name": "Q4", "start": "2026-10-01", "end": "2026-12-31"}],
        "objectives": [
            {
                "id": "top", "title": "Top", "owner": "acme", "cycle": "q4",
                "state": "active", "type": "committed", "rollup": "both",
                "key_results": [
                    {"id": "k0", "title": "K0", "due": "2026-12-01",
                     "measure": {"kind": "numeric", "start": 0, "target": 10, "unit": "x",
                                 "direction": "increase"}},
                    {"id": "k3", "title": "K3",
                     "measure": {"kind": "threshold", "bound": "at_or_below", "value": 5, "start": 9}},
                    {"id": "k4", "title": "K4", "measure": {"kind": "boolean"},
                     "check_ins": [{"at": "2026-11-02", "done": true, "note": "n", "author": "a"}]}
                ],
                "extra": {"any": {"thing": [1, 2]}}
            },
            {
                "id": "mid", "title": "Mid", "owner": "team", "cycle": "q4",
                "parents": [{"id": "top", "weight": 2}],
                "key_results": [
                    {"id": "k1", "title": "K1", "weight": 2, "owner": "team",
                     "measure": {"kind": "numeric", "start": 0, "target": 500},
                     "check_ins": [{"at": "2026-11-01", "value": 200, "confidence": 0.5}]},
                    {"id": "k2", "title": "K2",
                     "measure": {"kind": "milestones",
                                 "milestones": [{"name": "a"}, {"name": "b", "weight": 2}]},
                     "check_ins": [{"at": "2026-11-01T10:00:00.5Z", "milestones_done": ["a"]}]}
                ]
            }
        ]
    })
}

/// The path serde_path_to_error gives, refined inside measures the way okr-core did before.
fn reference_path(text: &str) -> Option<String> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let err = serde_path_to_error::deserialize::<_, Document>(de).err()?;
    let path = err.path().to_string();
    let path = if path == "." { String::new() } else { path };
    if !(path == "measure" || path.ends_with(".measure")) {
        return Some(path);
    }
    // Internally tagged measures are buffered: re-read the measure alone, by its kind.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Numeric {
        start: f64,
        target: f64,
        #[serde(default)]
        unit: String,
        #[serde(default)]
        direction: Option<Direction>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Threshold {
        bound: Bound,
        value: f64,
        #[serde(default)]
        unit: String,
        #[serde(default)]
        start: Option<f64>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Boolean {}
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Milestones {
        milestones: Vec<Milestone>,
    }
    fn inner<T: serde::de::DeserializeOwned>(v: Value) -> Option<String> {
        serde_path_to_error::deserialize::<_, T>(v)
            .err()
            .map(|e| e.path().to_string())
    }
    let root: Value = serde_json::from_str(text).ok()?;
    let mut v = &root;
    for seg in path.split('.') {
        let (name, indices) = seg.split_once('[').unwrap_or((seg, ""));
        v = v.get(name)?;
        for idx in indices.split('[').filter(|s| !s.is_empty()) {
            v = v.get(idx.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    let mut v = v.clone();
    let Some(kind) = v
        .as_object_mut()
        .and_then(|m| m.remove("kind"))
        .and_then(|k| k.as_str().map(str::to_string))
    else {
        return Some(path);
    };
    let found = match kind.as_str() {
        "numeric" => inner::<Numeric>(v),
        "threshold" => inner::<Threshold>(v),
        "boolean" => inner::<Boolean>(v),
        "milestones" => inner::<Milestones>(v),
        _ => None,
    };
    Some(match found {
        Some(p) if p != "." => format!("{path}.{p}"),
        _ => path,
    })
}

/// okr-core's path for a document that fails to parse.
fn okr_path(text: &str) -> Option<String> {
    match document::parse_str(text) {
        Ok(_) => None,
        Err(OkrError::Document { path, .. }) => Some(path),
        Err(other) => panic!("parse_str gave {other:?}"),
    }
}

/// Every place (as a list of steps) of a value in `v`, objects' keys and arrays' indices.
fn places(v: &Value, here: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                here.push(json!(k));
                places(x, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                here.push(json!(i));
                places(x, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn at<'a>(v: &'a mut Value, steps: &[Value]) -> &'a mut Value {
    steps.iter().fold(v, |v, s| match s {
        Value::String(k) => &mut v[k.as_str()],
        _ => &mut v[s.as_u64().unwrap() as usize],
    })
}

/// Replacement values of every JSON kind.
fn odd_values() -> Vec<Value> {
    vec![
        json!(null),
        json!(true),
        json!(-3),
        json!(2.5),
        json!(""),
        json!("2026-13-40"),
        json!("sideways"),
        json!([]),
        json!([1, "x"]),
        json!({}),
        json!({"kind": "numeric"}),
        json!({"kind": "percent"}),
    ]
}

/// How a document is written: serde_json's (keys sorted), pretty-printed, or in the order a
/// JavaScript object literal tends to have (`id` and `kind` first, `measure` last), which
/// puts the buffered measure at the end of its key result.
#[derive(Clone, Copy)]
enum Layout {
    Compact,
    Pretty,
    ScriptOrder,
}

fn write_script_order(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            let rank = |k: &str| match k {
                "id" | "kind" => 0,
                "measure" => 2,
                _ => 1,
            };
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_by_key(|k| (rank(k), k.as_str()));
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::from(k.as_str()).to_string());
                out.push(':');
                write_script_order(&m[k.as_str()], out);
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_script_order(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// One edit of the base document: replace the value at a place, add an unknown field to an
/// object, or remove a field. `None` when the edit does not apply.
fn edited(place: usize, edit: usize, layout: Layout) -> Option<String> {
    let mut doc = base();
    let mut all = Vec::new();
    places(&doc, &mut Vec::new(), &mut all);
    let steps = &all[place % all.len()];
    let odd = odd_values();
    let target = at(&mut doc, steps);
    match edit % (odd.len() + 2) {
        e if e < odd.len() => *target = odd[e].clone(),
        e if e == odd.len() => {
            target.as_object_mut()?.insert("bogus".into(), json!(1));
        }
        _ => {
            let (last, parent_steps) = steps.split_last()?;
            let key = last.as_str()?.to_string();
            at(&mut doc, parent_steps).as_object_mut()?.remove(&key)?;
        }
    }
    Some(written(&doc, layout))
}

fn written(doc: &Value, layout: Layout) -> String {
    match layout {
        Layout::Compact => doc.to_string(),
        Layout::Pretty => serde_json::to_string_pretty(doc).unwrap(),
        Layout::ScriptOrder => {
            let mut out = String::new();
            write_script_order(doc, &mut out);
            out
        }
    }
}

#[test]
fn base_document_parses() {
    for layout in [Layout::Compact, Layout::Pretty, Layout::ScriptOrder] {
        assert_eq!(okr_path(&written(&base(), layout)), None);
    }
}

/// Every single edit of the base document, exhaustively, in each layout.
#[test]
fn same_paths_as_serde_path_to_error_for_every_single_edit() {
    let mut all = Vec::new();
    places(&base(), &mut Vec::new(), &mut all);
    let edits = odd_values().len() + 2;
    let mut compared = 0;
    for place in 0..all.len() {
        for edit in 0..edits {
            for layout in [Layout::Compact, Layout::Pretty, Layout::ScriptOrder] {
                let Some(text) = edited(place, edit, layout) else {
                    continue;
                };
                let expected = reference_path(&text);
                assert_eq!(okr_path(&text), expected, "{text}");
                compared += usize::from(expected.is_some());
            }
        }
    }
    // the edits really break documents (most of them)
    assert!(
        compared > all.len() * edits,
        "only {compared} errors compared"
    );
}

proptest! {
    /// Truncated and byte-mangled documents (malformed JSON, where the two may name different
    /// places): finding the path never panics.
    #[test]
    fn mangled_text_never_panics(cut in 0usize..2000, byte in any::<u8>(), at_ in 0usize..2000) {
        let mut text = serde_json::to_string_pretty(&base()).unwrap().into_bytes();
        let i = at_ % text.len();
        text[i] = byte;
        text.truncate(cut % (text.len() + 1));
        if let Ok(text) = String::from_utf8(text) {
            let _ = okr_path(&text);
        }
    }
}
