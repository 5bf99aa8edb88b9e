//! The scanner's consumers against a model: random JSON trees (any nesting, escaped and
//! undecodable keys, every kind of whitespace) are written out while the writer records where
//! each value and key is and what its path is. The error paths ([`place_at`]) and the limit
//! check ([`scan`]) must name exactly those places, at any depth (limit paths are capped at 24
//! containers), and on any truncation of the text.

use proptest::prelude::*;

use super::error_path::place_at;
use super::limits::{Limits, scan};

/// A JSON value as written: scalars and string contents verbatim, keys by index in [`KEYS`].
#[derive(Debug, Clone)]
enum J {
    Scalar(&'static str),
    Str(&'static str),
    Arr(Vec<J>),
    Obj(Vec<(usize, J)>),
}

/// Keys as written, and as paths name them (`None`: escaped and too long to decode).
const KEYS: [(&str, Option<&str>); 8] = [
    ("id", Some("id")),
    ("objectives", Some("objectives")),
    ("objectiv\\u0065s", Some("objectives")),
    ("a\\\"b", Some("a\"b")),
    ("", Some("")),
    ("é ü", Some("é ü")),
    ("key_results", Some("key_results")),
    (LONG_ESCAPED, None),
];
/// Longer than [`LONG_ESCAPED`]: the longest token even under that key.
const LONG: &str = "a string longer than any key: ............................................................................................................................";
const LONG_ESCAPED: &str = "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\\n";

#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Key(usize),
    Index(usize),
}

/// How a path names an undecodable key: error paths as written, limit paths as `?` (or not at
/// all, for the member about to be read).
#[derive(Clone, Copy)]
enum Naming {
    Raw,
    Mark,
    Skip,
}

fn push(out: &mut String, step: Step, naming: Naming) {
    match step {
        Step::Index(i) => out.push_str(&format!("[{i}]")),
        Step::Key(k) => {
            let name = match (KEYS[k].1, naming) {
                (Some(name), _) => name,
                (None, Naming::Raw) => KEYS[k].0,
                (None, Naming::Mark) => "?",
                (None, Naming::Skip) => return,
            };
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(name);
        }
    }
}

fn error_path(steps: &[Step]) -> String {
    let mut out = String::new();
    for &s in steps {
        push(&mut out, s, Naming::Raw);
    }
    out
}

/// The path of a container as the limit check names it: at most 24 containers, the top level
/// (no step) included.
fn limit_path(steps: &[Step]) -> String {
    let mut out = String::new();
    for (i, &s) in steps.iter().enumerate() {
        if i + 1 == 24 {
            if let Step::Index(_) = s {
                push(&mut out, s, Naming::Mark);
            }
            out.push_str("...");
            break;
        }
        push(&mut out, s, Naming::Mark);
    }
    out
}

/// Where the writer put a value, or a key (`key`: the end of the key, after its quote).
#[derive(Debug)]
struct Placed {
    steps: Vec<Step>,
    span: (usize, usize),
    key_end: Option<usize>,
    container: bool,
    /// Token length as the limit check counts it (a string without its quotes).
    len: usize,
}

struct Writer {
    out: String,
    places: Vec<Placed>,
    /// Whitespace between tokens: none, or a line break (`\n` or `\r\n`) and this indentation.
    indent: Option<(&'static str, bool)>,
}

impl Writer {
    fn gap(&mut self, depth: usize) {
        if let Some((unit, crlf)) = self.indent {
            self.out.push_str(if crlf { "\r\n" } else { "\n" });
            self.out.push_str(&unit.repeat(depth));
        }
    }

    fn value(&mut self, v: &J, steps: &mut Vec<Step>) {
        let start = self.out.len();
        let depth = steps.len() + 1;
        let len = match v {
            J::Scalar(s) => {
                self.out.push_str(s);
                s.len()
            }
            J::Str(s) => {
                self.out.push_str(&format!("\"{s}\""));
                s.len()
            }
            J::Arr(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.gap(depth);
                    steps.push(Step::Index(i));
                    self.value(item, steps);
                    steps.pop();
                }
                self.gap(depth - 1);
                self.out.push(']');
                0
            }
            J::Obj(members) => {
                self.out.push('{');
                for (i, (k, item)) in members.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.gap(depth);
                    let key_start = self.out.len();
                    self.out.push_str(&format!("\"{}\"", KEYS[*k].0));
                    steps.push(Step::Key(*k));
                    self.places.push(Placed {
                        steps: steps.clone(),
                        span: (key_start, self.out.len()),
                        key_end: Some(self.out.len()),
                        container: false,
                        len: KEYS[*k].0.len(),
                    });
                    self.out
                        .push_str(if self.indent.is_some() { ": " } else { ":" });
                    self.value(item, steps);
                    steps.pop();
                }
                self.gap(depth - 1);
                self.out.push('}');
                0
            }
        };
        let container = matches!(v, J::Arr(_) | J::Obj(_));
        self.places.push(Placed {
            steps: steps.clone(),
            span: (start, self.out.len()),
            key_end: None,
            container,
            len,
        });
    }
}

fn leaf() -> impl Strategy<Value = J> {
    prop_oneof![
        prop::sample::select(vec!["1", "-2.5e3", "true", "null", "12345678901"])
            .prop_map(J::Scalar),
        prop::sample::select(vec![
            "",
            "x",
            "a\\\"b",
            "\\\\",
            "é",
            "a longer string value",
            LONG,
        ])
        .prop_map(J::Str),
    ]
}

fn tree() -> impl Strategy<Value = J> {
    let nested = leaf().prop_recursive(6, 48, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(J::Arr),
            prop::collection::vec((0..KEYS.len(), inner), 0..4).prop_map(J::Obj),
        ]
    });
    // sometimes a deep chain (beyond the 24 containers a limit path names), with a sibling
    let deep = (
        prop::collection::vec((any::<bool>(), 0..KEYS.len()), 18..36),
        nested.clone(),
    )
        .prop_map(|(chain, mut v)| {
            for (array, k) in chain {
                v = if array {
                    J::Arr(vec![J::Scalar("0"), v])
                } else {
                    J::Obj(vec![(k, v)])
                };
            }
            v
        });
    prop_oneof![3 => nested, 1 => deep]
}

fn layout() -> impl Strategy<Value = Option<(&'static str, bool)>> {
    prop::option::of((
        prop::sample::select(vec![" ", "  ", "\t", "         "]),
        any::<bool>(),
    ))
}

fn written(v: &J, indent: Option<(&'static str, bool)>) -> Writer {
    let mut w = Writer {
        out: String::new(),
        places: Vec::new(),
        indent,
    };
    w.value(v, &mut Vec::new());
    w
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// After a value, the error path names it, with its span; after a key, the member; at the
    /// start of a value, the value about to be read; just after `[`, its first element.
    #[test]
    fn error_paths_name_the_written_places(v in tree(), indent in layout()) {
        let w = written(&v, indent);
        let text = &w.out;
        for p in &w.places {
            let path = error_path(&p.steps);
            let (start, end) = p.span;
            let at = place_at(text, end);
            if p.key_end.is_some() {
                prop_assert_eq!(&at.path, &path);
                let parent = error_path(&p.steps[..p.steps.len() - 1]);
                prop_assert_eq!(at.key_parent_len, Some(parent.len()));
            } else {
                prop_assert_eq!((&at.path, at.span), (&path, Some(p.span)));
                prop_assert_eq!(&place_at(text, start).path, &path);
                if text.as_bytes()[start] == b'[' {
                    prop_assert_eq!(place_at(text, start + 1).path, format!("{path}[0]"));
                }
            }
        }
    }

    /// The text is read up to the offset only: a truncated text names the same place (but
    /// where the cut falls inside a key, which then reads shorter).
    #[test]
    fn truncated_text_names_the_same_place(v in tree(), indent in layout(), cut in any::<prop::sample::Index>()) {
        let w = written(&v, indent);
        let text = &w.out;
        let k = cut.index(text.len() + 1);
        prop_assume!(text.is_char_boundary(k));
        let in_key = w.places.iter().any(|p| p.key_end.is_some() && p.span.0 < k && k < p.span.1);
        let (whole, cut_short) = (place_at(text, k), place_at(&text[..k], k));
        if !in_key {
            prop_assert_eq!(whole.path, cut_short.path);
        }
        // and the limit check takes any prefix
        let _ = scan(&text[..k], &Limits::default());
    }

    /// One container too deep: the limit check names the first one, as a capped path.
    #[test]
    fn nesting_limit_names_the_first_container_too_deep(v in tree(), indent in layout()) {
        let w = written(&v, indent);
        let depth = |p: &Placed| p.steps.len() + 1;
        let Some(max) = w.places.iter().filter(|p| p.container).map(depth).max() else {
            return Ok(());
        };
        let first = w.places.iter()
            .filter(|p| p.container && depth(p) == max)
            .min_by_key(|p| p.span.0)
            .expect("one container");
        let limits = Limits { max_json_depth: max - 1, ..Limits::none() };
        let e = scan(&w.out, &limits).expect_err("too deep");
        let path = limit_path(&first.steps);
        let at = if path.is_empty() { "the top level" } else { &path };
        prop_assert_eq!(e.error.to_string(), format!(
            "limit exceeded: JSON nesting depth at {at} is {max}, the limit is {}", max - 1
        ));
        prop_assert_eq!(e.path, path);
    }

    /// One token too long: the limit check names the value (or, for a key, its object).
    #[test]
    fn length_limit_names_the_first_token_too_long(v in tree(), indent in layout()) {
        let w = written(&v, indent);
        let tokens = || w.places.iter().filter(|p| !p.container);
        let Some(longest) = tokens().map(|p| p.len).max().filter(|&n| n > 0) else {
            return Ok(());
        };
        let first = tokens()
            .filter(|p| p.len == longest)
            .min_by_key(|p| p.span.0)
            .expect("one token");
        let limits = Limits { max_string_bytes: longest - 1, ..Limits::none() };
        let e = scan(&w.out, &limits).expect_err("too long");
        let (container, member) = first.steps.split_at(first.steps.len().saturating_sub(1));
        let mut path = limit_path(container);
        if first.key_end.is_none()
            && let Some(&step) = member.first() {
                push(&mut path, step, Naming::Skip);
            }
        let what = if w.out.as_bytes()[first.span.0] == b'"' { "string" } else { "token" };
        prop_assert_eq!(e.error.to_string(), format!(
            "limit exceeded: {what} length (bytes) at {path} is {longest}, the limit is {}",
            longest - 1
        ));
        prop_assert_eq!(e.path, path);
    }
}

/// Malformed text: the two readings of [`crate::json_scan::Keys`] stay as they were (the limit check:
/// a string is a key only where one is expected, a key stays pending past a comma; the error
/// paths: any string not after a colon is a key, a comma drops a pending key).
#[test]
fn malformed_text_reads_as_it_always_has() {
    let cases = [
        (
            r#"{"a" "b": [[1]]}"#,
            "[0]",
            "||a|a|a|a|b|b|b|b|b|b[0]|b[0][0]|b[0][0]|b[0]|b|",
        ),
        (
            r#"{"a", [[1]]}"#,
            "a[0]",
            "||a|a|a|||[0]|[0][0]|[0][0]|[0]||",
        ),
        (
            r#"{"a": 1 "b": [[1]]}"#,
            "[0]",
            "||a|a|a|a|a|a||b|b|b|b|b|b[0]|b[0][0]|b[0][0]|b[0]|b|",
        ),
        (
            r#"{"a", "b": [[1]]}"#,
            "b[0]",
            "||a|a|a|||b|b|b|b|b|b[0]|b[0][0]|b[0][0]|b[0]|b|",
        ),
        (
            r#"[1 : [[2]]]"#,
            "[1][0]",
            "|[0]|[0]||[1]|[1]|[1][0]|[1][0][0]|[1][0][0]|[1][0]|[1]|",
        ),
        (
            r#"{{"x": [[1]]}}"#,
            "x",
            "|||x|x|x|x|x|x[0]|x[0][0]|x[0][0]|x[0]|x||",
        ),
    ];
    for (text, limit_path, places) in cases {
        let limits = Limits {
            max_json_depth: 2,
            ..Limits::none()
        };
        assert_eq!(scan(text, &limits).unwrap_err().path, limit_path, "{text}");
        let found: Vec<String> = (0..=text.len()).map(|k| place_at(text, k).path).collect();
        assert_eq!(found.join("|"), places, "{text}");
    }
}
