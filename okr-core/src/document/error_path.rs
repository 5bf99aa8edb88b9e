//! Where in a document a parse error happened, as a document path
//! (`objectives[1].key_results[0].measure`).
//!
//! serde_json reports the line and column where it stopped; one pass over the text up to that
//! point rebuilds the path of the value being read there. Doing it after the fact, on the
//! failed parse only, keeps the successful parse a plain `serde_json::from_str` and avoids a
//! second, path-tracking copy of every `Deserialize` implementation (in the WebAssembly build
//! that copy alone was about 100 KB).

use std::ops::ControlFlow;

use crate::json_scan::{Expect, Keys, Kind, Scanner, Seg, Token, Undecoded, Visit};

/// The path of an error and, when the error lies at the end of a whole value (a scalar, or a
/// container whose closing bracket was the last byte read), that value's byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ErrorPlace {
    pub(crate) path: String,
    pub(crate) span: Option<(usize, usize)>,
    /// When the error came just after an object key (before its value): the length of the
    /// object's own path, a prefix of `path`. An enum written as an object
    /// (`{"variant": ...}`) fails there, and the place to name is the enum, not the key.
    pub(crate) key_parent_len: Option<usize>,
}

/// The place of a serde_json error in `text`, the text it was reading: the place serde's own
/// path tracking (serde_path_to_error) names, as checked by tests/error_paths.rs.
pub(crate) fn error_place(text: &str, e: &serde_json::Error) -> ErrorPlace {
    let message = e.to_string();
    let mut offset = offset_of(text, e.line(), e.column());
    // An enum given as an array: serde_json reports it after reading the `[`, which would
    // name the array's first element; the enum is the array.
    if message.starts_with("expected value") && offset > 0 && text.as_bytes()[offset - 1] == b'[' {
        offset -= 1;
    }
    let mut place = place_at(text, offset);
    if let Some(n) = place.key_parent_len {
        // An enum given as an object (`{"variant": ...}`) fails on its key: name the enum.
        if message.starts_with("unknown variant") {
            place.path.truncate(n);
        }
    }
    place
}

/// The byte offset serde_json's `line` and `column` (1-based line, bytes into the line) point
/// at: the number of bytes it had read.
pub(crate) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let b = text.as_bytes();
    let mut start = 0;
    for _ in 1..line {
        match memchr::memchr(b'\n', &b[start..]) {
            Some(k) => start += k + 1,
            None => return b.len(),
        }
    }
    (start + column).min(b.len())
}

/// The place of the value being read when a parser stopped after reading `offset` bytes of
/// `text`. The path is the one serde's own error paths use: `a.b[2].c`, empty for the top
/// level. An error just after a key (an unknown field) or between a key and its value (a
/// value of the wrong kind) is placed at that member; one just after a closing bracket (a
/// missing field) at the container closed.
///
/// Tolerates any text: on malformed JSON it names the innermost place it had reached.
///
/// # Complexity
/// O(offset), allocating only the path.
pub(crate) fn place_at(text: &str, offset: usize) -> ErrorPlace {
    let mut s = Scanner::new(text, Keys::UnlessValue);
    let mut until = Until {
        offset: offset.min(text.len()),
    };
    match s.run(&mut until) {
        ControlFlow::Break(place) => place,
        ControlFlow::Continue(()) => stopped(&s),
    }
}

/// The visitor of [`place_at`]: stops at the token that reaches `offset`.
struct Until {
    offset: usize,
}

impl Visit<()> for Until {
    type Break = ErrorPlace;

    #[inline(always)]
    fn token(&mut self, s: &Scanner<'_>, tok: Token) -> ControlFlow<ErrorPlace> {
        if tok.end < self.offset {
            return ControlFlow::Continue(());
        }
        if tok.start >= self.offset {
            return ControlFlow::Break(stopped(s));
        }
        ControlFlow::Break(match tok.kind {
            // Just after a closing bracket: the container closed, with its span.
            Kind::Close => {
                let span = s.top().map(|f| (f.start, tok.end));
                place(s, Seg::Root, span)
            }
            Kind::Key => {
                // (a key without its closing quote loses its last byte)
                let start = tok.inner.0;
                let key = Seg::Key(start, tok.end.saturating_sub(1).max(start));
                let mut at_key = place(s, Seg::Root, None);
                at_key.key_parent_len = Some(at_key.path.len());
                s.push_seg(&mut at_key.path, key, Undecoded::Raw);
                at_key
            }
            Kind::Str | Kind::Scalar => place(s, s.place(), Some((tok.start, tok.end))),
            // Just after `[`, serde is reading the first element: the stop at the next token
            // names `[0]`; just after `{`, the object; after `:` or `,`, the value to come.
            Kind::Open | Kind::Colon | Kind::Comma => return ControlFlow::Continue(()),
        })
    }
}

/// Stopped before the next token: the place of the value about to start, if any (the member
/// whose key was read, the next element of an array).
fn stopped(s: &Scanner<'_>) -> ErrorPlace {
    let next = match s.top() {
        Some(f) if f.array && f.expect != Expect::Value => Seg::Root,
        _ => s.place(),
    };
    place(s, next, None)
}

/// The path of the innermost open container, then `last`.
fn place(s: &Scanner<'_>, last: Seg, span: Option<(usize, usize)>) -> ErrorPlace {
    let mut path = s.path(usize::MAX, Undecoded::Raw);
    s.push_seg(&mut path, last, Undecoded::Raw);
    ErrorPlace {
        path,
        span,
        key_parent_len: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path where `serde_json` stops reading `text` as `T`.
    fn at(text: &str) -> String {
        let err = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        place_at(text, offset_of(text, err.line(), err.column())).path
    }

    #[test]
    fn offsets_from_lines_and_columns() {
        let t = "ab\ncd\n\nef";
        assert_eq!(offset_of(t, 1, 0), 0);
        assert_eq!(offset_of(t, 1, 2), 2);
        assert_eq!(offset_of(t, 2, 1), 4);
        assert_eq!(offset_of(t, 4, 2), 9);
        assert_eq!(offset_of(t, 9, 9), t.len());
    }

    #[test]
    fn places() {
        let t = r#"{"a": [1, {"b": "x", "c": [true]}], "d\u0065": {}}"#;
        let p = |needle: &str, extra: usize| place_at(t, t.find(needle).expect(needle) + extra);
        // inside and at the end of a scalar
        assert_eq!(p("\"x\"", 2).path, "a[1].b");
        assert_eq!(
            p("\"x\"", 3),
            ErrorPlace {
                path: "a[1].b".into(),
                span: Some((16, 19)),
                key_parent_len: None,
            }
        );
        // just after a key, and between a key and its value
        assert_eq!(p("\"c\"", 3).path, "a[1].c");
        assert_eq!(p("\"c\"", 3).key_parent_len, Some("a[1]".len()));
        assert_eq!(p("\"c\"", 5).path, "a[1].c");
        // an element about to start (also just after `[`), just after one; an object just opened
        assert_eq!(p("[true", 1).path, "a[1].c[0]");
        assert_eq!(p("[true", 2).path, "a[1].c[0]");
        assert_eq!(p("{\"b", 1).path, "a[1]");
        assert_eq!(p("1,", 1).path, "a[0]");
        assert_eq!(p("1,", 2).path, "a[1]");
        // just after a closing bracket: the container closed, with its span
        let close = p("]}]", 2);
        assert_eq!(close.path, "a[1]");
        assert_eq!(
            close.span,
            Some((t.find("{\"b").unwrap(), t.find("]}]").unwrap() + 2))
        );
        // escaped keys are decoded; the top level is the empty path
        assert_eq!(p("{}", 1).path, "de");
        assert_eq!(place_at(t, t.len()).path, "");
        assert_eq!(place_at(t, 0).path, "");
    }

    #[test]
    fn malformed_text_names_the_innermost_place() {
        assert_eq!(at(r#"{"a": [1, 2"#), "a[1]");
        assert_eq!(at(r#"{"a": [1, "#), "a[1]");
        assert_eq!(at(r#"{"a": [1, ]"#), "a");
        // a bad literal is found at the byte after it: the container's place
        assert_eq!(at(r#"{"a": {"b": tru, "c": 1}}"#), "a");
        assert_eq!(at(r#"{"a" 1}"#), "a");
        assert_eq!(at(""), "");
        assert_eq!(at("]]]"), "");
        for garbage in ["\"", "\"\\", "{\"", "{\"a\":", "[,", "}{", "{\"a\\u00\": 1"] {
            place_at(garbage, garbage.len());
        }
    }
}
