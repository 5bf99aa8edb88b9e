//! Where in a document a parse error happened, as a document path
//! (`objectives[1].key_results[0].measure`).
//!
//! serde_json reports the line and column where it stopped; one pass over the text up to that
//! point rebuilds the path of the value being read there. Doing it after the fact, on the
//! failed parse only, keeps the successful parse a plain `serde_json::from_str` and avoids a
//! second, path-tracking copy of every `Deserialize` implementation (in the WebAssembly build
//! that copy alone was about 100 KB).

use super::limits::{closing_quote, key_text, token_end};

/// How a value is reached from its container.
#[derive(Debug, Clone, Copy)]
enum Seg {
    /// The top-level value.
    Root,
    /// An object member: the key's byte span (inside the quotes).
    Key(usize, usize),
    /// An array element.
    Index(usize),
}

#[derive(Debug)]
struct Frame {
    array: bool,
    /// Byte offset of the opening bracket.
    start: usize,
    seg: Seg,
    /// Arrays: elements started so far.
    len: usize,
    /// Objects: the last key read, while its value is pending.
    pending_key: Option<(usize, usize)>,
    /// A value (not a key, not a comma) comes next.
    expect_value: bool,
}

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
    let b = text.as_bytes();
    let offset = offset.min(b.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    loop {
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        if i >= offset || i >= b.len() {
            // Stopped before the next token: the value about to start, if any (the member whose
            // key was read, the next element of an array).
            let next = stack.last().and_then(|f| match (f.array, f.pending_key) {
                (true, _) if f.expect_value => Some(Seg::Index(f.len)),
                (false, Some((s, e))) => Some(Seg::Key(s, e)),
                _ => None,
            });
            return place(text, &stack, next, None);
        }
        let c = b[i];
        match c {
            b'{' | b'[' => {
                let seg = value_seg(&mut stack);
                stack.push(Frame {
                    array: c == b'[',
                    start: i,
                    seg,
                    len: 0,
                    pending_key: None,
                    expect_value: c == b'[',
                });
                i += 1;
                // Just after `[`, serde is reading the first element: the stop logic above
                // names `[0]`; just after `{`, the object.
                if i >= offset {
                    continue;
                }
            }
            b'}' | b']' => {
                i += 1;
                if i >= offset {
                    let span = stack.last().map(|f| (f.start, i));
                    return place(text, &stack, None, span);
                }
                stack.pop();
            }
            b':' | b',' => {
                if let Some(f) = stack.last_mut() {
                    if c == b':' || f.array {
                        f.expect_value = true;
                    } else {
                        f.expect_value = false;
                        f.pending_key = None;
                    }
                }
                i += 1;
                if i >= offset {
                    continue; // the "stopped before the next token" case above
                }
            }
            b'"' => {
                let start = i;
                let end = (closing_quote(b, i + 1) + 1).min(b.len());
                let is_key = matches!(stack.last(), Some(f) if !f.array && !f.expect_value);
                if is_key {
                    let f = stack.last_mut().expect("checked above");
                    f.pending_key = Some((start + 1, end.saturating_sub(1).max(start + 1)));
                    i = end;
                    if i >= offset {
                        let key = f.pending_key.map(|(s, e)| Seg::Key(s, e));
                        let mut at_key = place(text, &stack, None, None);
                        at_key.key_parent_len = Some(at_key.path.len());
                        if let Some(key) = key {
                            push_seg(&mut at_key.path, text, key);
                        }
                        return at_key;
                    }
                } else {
                    let seg = value_seg(&mut stack);
                    i = end;
                    if i >= offset {
                        return place(text, &stack, Some(seg), Some((start, end)));
                    }
                }
            }
            _ => {
                // a number, `true`, `false`, `null` or garbage: up to the next delimiter
                let start = i;
                i = token_end(b, i);
                let seg = value_seg(&mut stack);
                if i >= offset {
                    return place(text, &stack, Some(seg), Some((start, i)));
                }
            }
        }
    }
}

/// Registers a value starting in the innermost container and returns how it is reached.
fn value_seg(stack: &mut [Frame]) -> Seg {
    let Some(f) = stack.last_mut() else {
        return Seg::Root;
    };
    f.expect_value = false;
    if f.array {
        f.len += 1;
        Seg::Index(f.len - 1)
    } else {
        match f.pending_key.take() {
            Some((s, e)) => Seg::Key(s, e),
            None => Seg::Root,
        }
    }
}

fn push_seg(out: &mut String, text: &str, seg: Seg) {
    match seg {
        Seg::Root => {}
        Seg::Key(s, e) => {
            if !out.is_empty() {
                out.push('.');
            }
            let key =
                key_text(text, (s, e)).unwrap_or_else(|| text.get(s..e).unwrap_or("?").into());
            out.push_str(&key);
        }
        Seg::Index(i) => {
            out.push('[');
            out.push_str(&i.to_string());
            out.push(']');
        }
    }
}

fn place(
    text: &str,
    stack: &[Frame],
    last: Option<Seg>,
    span: Option<(usize, usize)>,
) -> ErrorPlace {
    let mut path = String::new();
    for f in stack {
        push_seg(&mut path, text, f.seg);
    }
    if let Some(seg) = last {
        push_seg(&mut path, text, seg);
    }
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
