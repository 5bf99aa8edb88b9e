//! `extra`: the embedding product's own JSON object on an entity, kept exactly.
//!
//! An [`Extra`] holds the object's JSON text, checked once when it is made (a JSON object, no
//! key twice in any object at any depth) and written back as it was read: key order, numbers
//! of any size or precision (`12345678901234567890123`, `1e400`, `-0`, `1.50`) and string
//! escapes are kept; only the whitespace between tokens is dropped. A value view
//! ([`Extra::to_map`], [`Extra::get`]) is there for convenience and is lossy where
//! `serde_json::Value` is (numbers beyond `i64`/`u64`/`f64`; keys sorted).

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};
use std::ops::ControlFlow;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::error::{OkrError, Result};
use crate::json_scan::{Keys, Kind, Scanner, Seg, Token, Undecoded, Visit};

/// Free-form data an embedding product attaches to an entity: a JSON object that okr keeps
/// exactly. The default is the empty object.
///
/// It holds the object's JSON text, checked once when it is made (a JSON object, no key twice
/// in any object at any depth) and written back as it was read: key order, numbers of any size
/// or precision (`12345678901234567890123`, `1e400`, `-0`, `1.50`) and string escapes are
/// kept; only the whitespace between tokens is dropped. The value view ([`Extra::to_map`],
/// [`Extra::get`]) is lossy where `serde_json::Value` is (numbers beyond `i64`/`u64`/`f64`;
/// keys sorted).
///
/// ```
/// use okr_core::Extra;
/// let e = Extra::from_json(r#"{"z": 12345678901234567890123, "a": [1.50, -0]}"#)?;
/// assert_eq!(e.as_json(), r#"{"z":12345678901234567890123,"a":[1.50,-0]}"#);
/// let dup = Extra::from_json(r#"{"a": {"b": 1, "b": 2}}"#).unwrap_err();
/// assert_eq!(dup.code(), "invalid_value");
/// assert!(dup.to_string().contains("a.b: duplicate key"), "{dup}");
/// # Ok::<(), okr_core::OkrError>(())
/// ```
#[derive(Clone, Default)]
pub struct Extra(Option<Box<RawValue>>);

/// Why a text is not an `extra` object: where (a path inside it, `a.b[2]`, empty for the
/// object itself) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExtraError {
    pub(crate) path: String,
    pub(crate) reason: String,
}

impl std::fmt::Display for ExtraError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.reason)
        } else {
            write!(f, "{}: {}", self.path, self.reason)
        }
    }
}

impl Extra {
    /// The empty object.
    pub const fn new() -> Self {
        Extra(None)
    }

    /// Whether this is the empty object.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// The object's JSON text, compact, exactly as it was given (`{}` when empty).
    pub fn as_json(&self) -> &str {
        self.0.as_deref().map_or("{}", RawValue::get)
    }

    /// Reads an object from JSON text, kept exactly (whitespace between tokens dropped).
    ///
    /// # Errors
    /// `InvalidValue` (field `extra`) when the text is not JSON, not an object, or has a key
    /// twice in one object: the reason names the path inside the object (`a.b: duplicate
    /// key "b"`).
    ///
    /// # Complexity
    /// O(n) time in the text's length; memory O(n) for the copy, plus the keys of the
    /// objects open at once.
    pub fn from_json(text: &str) -> Result<Extra> {
        let bad = |reason: String| OkrError::InvalidValue {
            field: "extra".into(),
            reason,
        };
        let raw = serde_json::from_str::<Box<RawValue>>(text).map_err(|e| bad(e.to_string()))?;
        Extra::from_raw(raw).map_err(|e| bad(e.to_string()))
    }

    /// Checks a JSON value's text (valid JSON: serde_json read it) and keeps it compact.
    pub(crate) fn from_raw(raw: Box<RawValue>) -> std::result::Result<Extra, ExtraError> {
        match check(raw.get())? {
            None => Ok(Extra::keep(raw)),
            Some(compact) => {
                let raw = RawValue::from_string(compact).map_err(|e| ExtraError {
                    path: String::new(),
                    reason: e.to_string(),
                })?;
                Ok(Extra::keep(raw))
            }
        }
    }

    fn keep(raw: Box<RawValue>) -> Extra {
        if raw.get() == "{}" {
            Extra(None)
        } else {
            Extra(Some(raw))
        }
    }

    /// The members in order: each key decoded (as written when its escapes do not decode),
    /// the key as written (with its quotes) and the value's text. Read with the scanner, so a
    /// key that is no Rust string (a lone surrogate escape) is kept like any other.
    fn members(&self) -> Vec<Member<'_>> {
        let text = self.as_json();
        let mut v = Members {
            text,
            out: Vec::new(),
        };
        let _ = Scanner::<()>::new(text, Keys::WhereExpected).run(&mut v);
        v.out
    }

    /// The value of the member `key`, if any (through `serde_json::Value`: see [`Extra`] for
    /// what that view loses; `None` too for a value holding a string that is no Rust string,
    /// a lone surrogate escape).
    pub fn get(&self, key: &str) -> Option<Value> {
        let m = self.members().into_iter().find(|m| m.key == key)?;
        serde_json::from_str(m.value).ok()
    }

    /// Sets the member `key` to `value`: in its place if it exists, else last. The other
    /// members stay exactly as they were written.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Value>) {
        let key = key.into();
        let value = serde_json::to_string(&value.into()).expect("a Value always serialises");
        let quoted = serde_json::to_string(&key).expect("a string always serialises");
        let mut out = String::from("{");
        let mut found = false;
        for m in self.members() {
            if out.len() > 1 {
                out.push(',');
            }
            if m.key == key.as_str() && !found {
                found = true;
                out.push_str(&quoted);
                out.push(':');
                out.push_str(&value);
            } else {
                out.push_str(m.raw_key);
                out.push(':');
                out.push_str(m.value);
            }
        }
        if !found {
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(&quoted);
            out.push(':');
            out.push_str(&value);
        }
        out.push('}');
        let raw = RawValue::from_string(out).expect("written as valid JSON");
        *self = Extra::keep(raw);
    }

    /// Removes the member `key`; whether it was there. The other members stay exactly as
    /// they were written.
    pub fn remove(&mut self, key: &str) -> bool {
        let members = self.members();
        if !members.iter().any(|m| m.key == key) {
            return false;
        }
        let mut out = String::from("{");
        for m in members.iter().filter(|m| m.key != key) {
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(m.raw_key);
            out.push(':');
            out.push_str(m.value);
        }
        out.push('}');
        let raw = RawValue::from_string(out).expect("written as valid JSON");
        *self = Extra::keep(raw);
        true
    }

    /// The object as a `serde_json` map (lossy: see [`Extra`]).
    ///
    /// # Errors
    /// When a string in it is no Rust string (a lone surrogate escape, `"\ud800"`: valid
    /// JSON, kept in the text).
    pub fn to_map(&self) -> serde_json::Result<Map<String, Value>> {
        serde_json::from_str(self.as_json())
    }
}

impl std::fmt::Debug for Extra {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Extra({})", self.as_json())
    }
}

impl std::fmt::Display for Extra {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_json())
    }
}

/// Equal when written the same: the same members in the same order, numbers and strings
/// spelled the same.
impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        self.as_json() == other.as_json()
    }
}

impl Eq for Extra {}

impl From<Map<String, Value>> for Extra {
    fn from(map: Map<String, Value>) -> Self {
        let raw = serde_json::value::to_raw_value(&map).expect("a map always serialises");
        Extra::keep(raw)
    }
}

impl FromIterator<(String, Value)> for Extra {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        let mut e = Extra::new();
        for (k, v) in iter {
            e.insert(k, v);
        }
        e
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match &self.0 {
            Some(raw) => raw.serialize(s),
            None => serde::ser::SerializeMap::end(s.serialize_map(Some(0))?),
        }
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        Extra::from_raw(raw)
            .map_err(|e| serde::de::Error::custom(format_args!("{ERROR_PREFIX}{e}")))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Extra {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Extra".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "additionalProperties": true
        })
    }
}

/// How the message of an error reading an `extra` value starts.
pub(crate) const ERROR_PREFIX: &str = "extra: ";

/// Checks the text of a JSON value (valid JSON) as an `extra` object: an object, no key twice
/// in any one object. Returns the compact text when the text has whitespace between tokens
/// (`None`: it is compact already).
///
/// # Complexity
/// One pass over the text, O(n + k log k) for k keys in one object: each object's keys are
/// kept as 64-bit hashes (a random key per call, so that no input can be made to collide on
/// purpose), sorted when the object closes and compared. Memory: 8 bytes per key of the
/// objects open at once (a 91 MB object of 7 million keys peaked at 490 MB with a set of the
/// keys themselves). Only when two hashes are equal (a duplicate key, or a 2^-64 accident)
/// is the text checked again with the keys themselves, which names the first duplicate by
/// its path.
pub(crate) fn check(text: &str) -> std::result::Result<Option<String>, ExtraError> {
    let first = text.trim_start_matches([' ', '\t', '\n', '\r']);
    if !first.starts_with('{') {
        return Err(ExtraError {
            path: String::new(),
            reason: "expected a JSON object".into(),
        });
    }
    let mut v = Check::new(text, Seen::Hashes(RandomState::new(), Vec::new()));
    let mut run = Scanner::<()>::new(text, Keys::WhereExpected).run(&mut v);
    if let ControlFlow::Break(e) = &run
        && e.reason.is_empty()
    {
        // two equal hashes: the keys themselves say whether they are equal, and where
        v = Check::new(text, Seen::Keys(Vec::new()));
        run = Scanner::<()>::new(text, Keys::WhereExpected).run(&mut v);
    }
    if let ControlFlow::Break(e) = run {
        return Err(e);
    }
    let first = v.first.unwrap_or(0);
    if v.compact.is_none() && (first != 0 || v.end != text.len()) {
        // whitespace around the object
        return Ok(Some(text[first..v.end].to_string()));
    }
    Ok(v.compact)
}

/// The path of the first problem of `text` as an `extra` object (`None`: none found): for a
/// document error found in an `extra` value, to name the place inside it.
pub(crate) fn problem_path(text: &str) -> Option<String> {
    check(text).err().map(|e| e.path)
}

/// The keys seen in each open object, by nesting depth (reused).
enum Seen<'t> {
    /// Their hashes, sorted and compared when the object closes.
    Hashes(RandomState, Vec<Vec<u64>>),
    /// The keys themselves: a duplicate is found where it is, with its path.
    Keys(Vec<HashSet<Cow<'t, str>>>),
}

struct Check<'t> {
    text: &'t str,
    keys: Seen<'t>,
    /// Where the first token started.
    first: Option<usize>,
    /// Where the last token ended.
    end: usize,
    /// The compact text so far, once a gap between tokens was found.
    compact: Option<String>,
}

impl<'t> Check<'t> {
    fn new(text: &'t str, keys: Seen<'t>) -> Self {
        Check {
            text,
            keys,
            first: None,
            end: 0,
            compact: None,
        }
    }
}

/// Empties the list of one object's keys for the next object at its depth: a large one is
/// dropped, not cleared (clearing a set costs its capacity, and many small objects may follow).
fn reset<T: Default>(seen: &mut T, large: bool, clear: impl FnOnce(&mut T)) {
    if large {
        *seen = T::default();
    } else {
        clear(seen);
    }
}

impl<'t> Visit<()> for Check<'t> {
    type Break = ExtraError;

    fn token(&mut self, s: &Scanner<'_, ()>, tok: Token) -> ControlFlow<ExtraError> {
        // whitespace before this token: from here on, write the compact text
        let first = *self.first.get_or_insert(tok.start);
        if tok.start != self.end.max(first) && self.compact.is_none() {
            let mut c = String::with_capacity(self.text.len());
            c.push_str(&self.text[first..self.end.max(first)]);
            self.compact = Some(c);
        }
        if let Some(c) = &mut self.compact {
            c.push_str(&self.text[tok.start..tok.end]);
        }
        self.end = tok.end;
        let depth = s.stack().len();
        match tok.kind {
            Kind::Key => {
                let key = decode_key(self.text, tok.inner);
                let keys = match &mut self.keys {
                    Seen::Hashes(state, hashes) => {
                        if hashes.len() < depth {
                            hashes.resize_with(depth, Vec::new);
                        }
                        hashes[depth - 1].push(state.hash_one(key.as_ref()));
                        return ControlFlow::Continue(());
                    }
                    Seen::Keys(keys) => keys,
                };
                if keys.len() < depth {
                    keys.resize_with(depth, HashSet::new);
                }
                // one hash per key: the set says whether it was there
                if !keys[depth - 1].insert(key) {
                    let mut path = s.path(usize::MAX, Undecoded::Raw);
                    s.push_seg(
                        &mut path,
                        Seg::Key(tok.inner.0, tok.inner.1),
                        Undecoded::Raw,
                    );
                    let key = decode_key(self.text, tok.inner);
                    return ControlFlow::Break(ExtraError {
                        path,
                        reason: format!("duplicate key {:?}", key.as_ref()),
                    });
                }
            }
            Kind::Close => match &mut self.keys {
                Seen::Hashes(_, hashes) => {
                    if let Some(seen) = hashes.get_mut(depth.wrapping_sub(1)) {
                        crate::sort::sort_unstable(seen);
                        if seen.windows(2).any(|w| w[0] == w[1]) {
                            // not a finding yet: `check` looks again with the keys
                            return ControlFlow::Break(ExtraError {
                                path: String::new(),
                                reason: String::new(),
                            });
                        }
                        reset(seen, seen.capacity() > 1024, Vec::clear);
                    }
                }
                Seen::Keys(keys) => {
                    if let Some(seen) = keys.get_mut(depth.wrapping_sub(1)) {
                        reset(seen, seen.capacity() > 64, HashSet::clear);
                    }
                }
            },
            _ => {}
        }
        ControlFlow::Continue(())
    }
}

/// A member of an `extra` object (see [`Extra::members`]).
struct Member<'t> {
    key: Cow<'t, str>,
    raw_key: &'t str,
    value: &'t str,
}

/// The visitor of [`Extra::members`]: the top-level members, each value from its first token
/// to its last.
struct Members<'t> {
    text: &'t str,
    out: Vec<Member<'t>>,
}

impl<'t> Visit<()> for Members<'t> {
    type Break = ();

    fn token(&mut self, s: &Scanner<'_, ()>, tok: Token) -> ControlFlow<()> {
        let depth = s.stack().len();
        let text = self.text;
        match (tok.kind, depth) {
            (Kind::Key, 1) => self.out.push(Member {
                key: decode_key(text, tok.inner),
                raw_key: &text[tok.start..tok.end],
                value: "",
            }),
            // a value in the object (a container about to open is still shown at depth 1)
            (Kind::Str | Kind::Scalar | Kind::Open, 1) => {
                if let Some(m) = self.out.last_mut() {
                    m.value = &text[tok.start..tok.end];
                }
            }
            // a container value closing: the value runs from its opening bracket
            (Kind::Close, 2) => {
                if let (Some(m), Some(f)) = (self.out.last_mut(), s.top()) {
                    m.value = &text[f.start..tok.end];
                }
            }
            _ => {}
        }
        ControlFlow::Continue(())
    }
}

/// A key's text, decoded: `"a"` and `"\u0061"` are the same key. A key whose escapes do not
/// decode (a lone surrogate) is compared as written.
fn decode_key(text: &str, (s, e): (usize, usize)) -> Cow<'_, str> {
    let raw = &text[s..e];
    if !raw.contains('\\') {
        return raw.into();
    }
    match serde_json::from_str::<String>(&text[s - 1..e + 1]) {
        Ok(k) => k.into(),
        Err(_) => raw.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> ExtraError {
        check(text).unwrap_err()
    }

    #[test]
    fn kept_exactly_but_compact() {
        let text = r#" { "z" : 12345678901234567890123 , "a" : [ 1.50 , -0 , 1E400 ] ,
            "\u00e9" : { "x" : "\u0041\n" } } "#;
        let e = Extra::from_json(text).unwrap();
        assert_eq!(
            e.as_json(),
            r#"{"z":12345678901234567890123,"a":[1.50,-0,1E400],"\u00e9":{"x":"\u0041\n"}}"#
        );
        assert_eq!(check(e.as_json()).unwrap(), None, "compact stays as it is");
        assert_eq!(Extra::from_json(" {  } ").unwrap(), Extra::new());
        assert!(Extra::from_json("{}").unwrap().is_empty());
    }

    #[test]
    fn duplicate_keys_are_named_by_path() {
        assert_eq!(err(r#"{"a":1,"\u0061":2}"#).path, "a");
        assert_eq!(
            err(r#"{"a":{"b":[{},{"c":1,"d":2,"c":3}]}}"#).path,
            "a.b[1].c"
        );
        let e = err(r#"{"a":{"b":1},"c":{"b":2},"a":3}"#);
        assert_eq!(
            (e.path.as_str(), e.reason.as_str()),
            ("a", "duplicate key \"a\"")
        );
        // the same key in sibling objects at one depth is fine
        check(r#"{"a":[{"k":1},{"k":2}],"b":{"k":3}}"#).unwrap();
        check(r#"{"a":{"k":1},"k":2}"#).unwrap();
    }

    #[test]
    fn only_objects() {
        for text in ["[]", "1", "\"x\"", "null"] {
            assert_eq!(err(text).reason, "expected a JSON object");
        }
        assert!(Extra::from_json("{").is_err());
        assert!(Extra::from_json("{} {}").is_err());
    }

    #[test]
    fn many_small_objects_after_a_large_one_stay_linear() {
        let mut text = String::from("{\"big\":{");
        for i in 0..100_000 {
            text.push_str(&format!("\"k{i}\":0,"));
        }
        text.push_str("\"end\":0},\"small\":[");
        for _ in 0..100_000 {
            text.push_str("{\"a\":1},");
        }
        text.push_str("{}]}");
        let t = std::time::Instant::now();
        check(&text).unwrap();
        assert!(t.elapsed().as_secs() < 5);
    }

    #[test]
    fn insert_keeps_the_other_members() {
        let mut e = Extra::from_json(r#"{"z":1e400,"b":2}"#).unwrap();
        e.insert("b", 3);
        e.insert("a", "x");
        assert_eq!(e.as_json(), r#"{"z":1e400,"b":3,"a":"x"}"#);
        assert_eq!(e.get("a"), Some(Value::from("x")));
        assert_eq!(e.get("nope"), None);
        let mut empty = Extra::new();
        empty.insert("k", Value::Null);
        assert_eq!(empty.as_json(), r#"{"k":null}"#);
        // keys stay as written, a lone surrogate included; values of every kind are found
        let mut e =
            Extra::from_json(r#"{"\ud800":1,"\u0061":{"x":[1,{"y":2}]},"b":[],"c":"s"}"#).unwrap();
        assert_eq!(e.get("a"), Some(serde_json::json!({"x": [1, {"y": 2}]})));
        assert_eq!(e.get("b"), Some(serde_json::json!([])));
        e.insert("c", 5);
        e.insert("a", true);
        assert_eq!(e.as_json(), r#"{"\ud800":1,"a":true,"b":[],"c":5}"#);
    }

    #[test]
    fn serde_writes_the_text() {
        let e = Extra::from_json(r#"{"n":12345678901234567890123}"#).unwrap();
        assert_eq!(serde_json::to_string(&e).unwrap(), e.as_json());
        assert_eq!(serde_json::to_string(&Extra::new()).unwrap(), "{}");
        let back: Extra = serde_json::from_str(e.as_json()).unwrap();
        assert_eq!(back, e);
        let bad = serde_json::from_str::<Extra>(r#"{"a":1,"a":1}"#).unwrap_err();
        assert!(
            bad.to_string().starts_with("extra: a: duplicate key"),
            "{bad}"
        );
    }
}

#[cfg(test)]
mod seen_tests {
    use super::*;

    /// Both ways of remembering keys agree: on texts without a duplicate (as after two equal
    /// hashes of different keys, a 2^-64 accident, when the keys themselves are looked at)
    /// they give the same compact text, and on duplicates the same first path.
    #[test]
    fn hashes_and_keys_agree() {
        let texts = [
            r#" { "a" : 1 , "b" : { "a" : [ { "a" : 1 } , { "a" : 2 } ] } } "#,
            r#"{"a":1,"\u0061":2}"#,
            r#"{"x":{"b":1,"b":2},"c":1,"c":2}"#,
            r#"{"k":[{"z":1,"y":2,"z":3}],"k2":{}}"#,
        ];
        for text in texts {
            let run = |seen: Seen<'_>| {
                let mut v = Check::new(text, seen);
                let r = Scanner::<()>::new(text, Keys::WhereExpected).run(&mut v);
                (r, v.compact)
            };
            let (hashed, hashed_compact) = run(Seen::Hashes(RandomState::new(), Vec::new()));
            let (exact, exact_compact) = run(Seen::Keys(Vec::new()));
            match (hashed, exact) {
                (ControlFlow::Continue(()), ControlFlow::Continue(())) => {
                    assert_eq!(hashed_compact, exact_compact, "{text}");
                }
                (ControlFlow::Break(h), ControlFlow::Break(e)) => {
                    // the hashes only say that there is a duplicate; the keys say where
                    assert!(h.reason.is_empty() && !e.reason.is_empty(), "{text}");
                    assert_eq!(check(text).unwrap_err().path, e.path);
                }
                (h, e) => panic!("{text}: hashes {h:?}, keys {e:?}"),
            }
        }
    }
}
