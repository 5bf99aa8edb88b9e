//! The one scanner over a document's JSON text, shared by the limit check (before the parse)
//! and the error paths (after a failed parse) of [`crate::document`], and by the check of
//! `extra` objects (duplicate keys, the compact text: [`crate::extra`]). It sits below both, so
//! that neither imports the other for it; its tests against a model of written JSON live with
//! its document consumers (`document/json_scan_tests.rs`).
//!
//! It reads tokens and keeps a stack of the open containers: whether each is an array, where it
//! starts, how it is reached (a key or an element index), its elements so far, the key whose
//! value is pending and what it expects next; and it writes document paths
//! (`objectives[1].key_results[0].measure`). Reading allocates nothing but that stack (and
//! the text of an escaped key when a consumer asks for it); paths are written only on demand.
//!
//! A consumer drives it with a [`Visit`]: [`Scanner::run`] reads the text and shows the visitor
//! every token before taking it, so the state still describes the place where the token is read
//! (its path, its container), and every container just after it opens. The scanner tolerates any
//! text: it does not check the syntax, only follows it as far as it goes.

use std::borrow::Cow;
use std::ops::ControlFlow;

/// A byte span of the text: start and end.
pub(crate) type Span = (usize, usize);

/// How a value is reached from its container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seg {
    /// Not at all: the top-level value, or a value in an object with no key before it.
    Root,
    /// An object member: the key's byte span (inside the quotes).
    Key(usize, usize),
    /// An array element.
    Index(usize),
}

/// What an open container expects next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    /// A key (an object just opened, or after a comma).
    Key,
    /// The colon after a key.
    Colon,
    /// A value (after a colon; an array just opened, or after a comma).
    Value,
    /// A comma or the closing bracket, after a value.
    Comma,
}

/// Which strings in an object are keys. Well-formed JSON reads the same either way; the two
/// consumers grew different readings of malformed text, and their paths on it do not change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keys {
    /// Only a string where a key is expected (first in an object, after a comma); a key left
    /// without a value stays pending past a comma. The limit check reads this way.
    WhereExpected,
    /// Any string but one after a colon; a comma drops a key left without a value. The error
    /// paths read this way.
    UnlessValue,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `{` or `[`.
    Open,
    /// `}` or `]`.
    Close,
    /// `:`.
    Colon,
    /// `,`.
    Comma,
    /// A string read as an object key (see [`Keys`]).
    Key,
    /// A string read as a value.
    Str,
    /// A number, `true`, `false`, `null` or garbage: up to the next delimiter.
    Scalar,
}

/// One token of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) kind: Kind,
    /// Where it starts (a string: its opening quote).
    pub(crate) start: usize,
    /// Where it ends: one past its last byte (a string: its closing quote), at most the end of
    /// the text.
    pub(crate) end: usize,
    /// What it says: a string's contents (up to the closing quote, or the end of the text when
    /// it has none); any other token as written.
    pub(crate) inner: Span,
}

/// An open container.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame<T> {
    pub(crate) array: bool,
    /// Byte offset of the opening bracket.
    pub(crate) start: usize,
    /// How it is reached from its own container.
    pub(crate) via: Seg,
    /// Arrays: elements started so far. Objects: unused.
    pub(crate) len: usize,
    pub(crate) expect: Expect,
    /// Objects: the last key read, while its value is pending.
    pub(crate) pending_key: Option<Span>,
    /// What the consumer keeps on the container (the limit check: what it holds).
    pub(crate) data: T,
}

/// How a path names a key whose escapes do not decode (see [`key_text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Undecoded {
    /// As written in the text.
    Raw,
    /// As `?`.
    Mark,
    /// Not at all.
    Skip,
}

/// What a consumer does with the tokens. Both methods may stop the scan with a `Break`.
pub(crate) trait Visit<T> {
    type Break;

    /// A token about to be taken: `s` still describes the place where it is read.
    fn token(&mut self, s: &Scanner<'_, T>, tok: Token) -> ControlFlow<Self::Break>;

    /// A container just opened: the innermost of `s` (its `data` is the default until set).
    fn opened(&mut self, _s: &mut Scanner<'_, T>) -> ControlFlow<Self::Break> {
        ControlFlow::Continue(())
    }
}

/// The scanner: the text, how it reads keys, and the open containers (each with a `T` of the
/// consumer's).
#[derive(Debug)]
pub(crate) struct Scanner<'t, T = ()> {
    text: &'t str,
    stack: Vec<Frame<T>>,
    keys: Keys,
}

impl<'t, T: Copy + Default> Scanner<'t, T> {
    pub(crate) fn new(text: &'t str, keys: Keys) -> Self {
        Scanner {
            text,
            stack: Vec::new(),
            keys,
        }
    }

    /// Reads the text to its end, or until `v` breaks, showing `v` each token before taking it.
    ///
    /// One dispatch per token (on its first byte), with the visitor inlined into each arm: this
    /// runs over every document loaded.
    #[inline(always)]
    pub(crate) fn run<V: Visit<T>>(&mut self, v: &mut V) -> ControlFlow<V::Break> {
        let b = self.text.as_bytes();
        let one = |kind, i| Token {
            kind,
            start: i,
            end: i + 1,
            inner: (i, i + 1),
        };
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            match c {
                b' ' => i += spaces(b, i),
                b'\t' | b'\n' | b'\r' => i += 1,
                b'{' | b'[' => {
                    let array = c == b'[';
                    v.token(self, one(Kind::Open, i))?;
                    let via = self.start_value();
                    self.stack.push(Frame {
                        array,
                        start: i,
                        via,
                        len: 0,
                        expect: if array { Expect::Value } else { Expect::Key },
                        pending_key: None,
                        data: T::default(),
                    });
                    v.opened(self)?;
                    i += 1;
                }
                b'}' | b']' => {
                    v.token(self, one(Kind::Close, i))?;
                    self.stack.pop();
                    i += 1;
                }
                b':' => {
                    v.token(self, one(Kind::Colon, i))?;
                    if let Some(f) = self.stack.last_mut() {
                        f.expect = Expect::Value;
                    }
                    i += 1;
                }
                b',' => {
                    v.token(self, one(Kind::Comma, i))?;
                    if let Some(f) = self.stack.last_mut() {
                        if f.array {
                            f.expect = Expect::Value;
                        } else {
                            f.expect = Expect::Key;
                            if self.keys == Keys::UnlessValue {
                                f.pending_key = None;
                            }
                        }
                    }
                    i += 1;
                }
                b'"' => {
                    let close = closing_quote(b, i + 1);
                    let end = (close + 1).min(b.len());
                    let inner = (i + 1, close);
                    let string = |kind| Token {
                        kind,
                        start: i,
                        end,
                        inner,
                    };
                    // (a constant kind in each branch: the visitor's own match on it folds)
                    if self.key_next() {
                        v.token(self, string(Kind::Key))?;
                        if let Some(f) = self.stack.last_mut() {
                            f.pending_key = Some(inner);
                            f.expect = Expect::Colon;
                        }
                    } else {
                        v.token(self, string(Kind::Str))?;
                        self.start_value();
                    }
                    i = end;
                }
                _ => {
                    let end = token_end(b, i);
                    let scalar = Token {
                        kind: Kind::Scalar,
                        start: i,
                        end,
                        inner: (i, end),
                    };
                    v.token(self, scalar)?;
                    self.start_value();
                    i = end;
                }
            }
        }
        ControlFlow::Continue(())
    }

    /// Whether a string starting now is a key (see [`Keys`]).
    #[inline(always)]
    fn key_next(&self) -> bool {
        match self.stack.last() {
            Some(f) if !f.array => match self.keys {
                Keys::WhereExpected => f.expect == Expect::Key,
                Keys::UnlessValue => f.expect != Expect::Value,
            },
            _ => false,
        }
    }

    /// Registers a value starting in the innermost container and returns how it is reached.
    #[inline(always)]
    fn start_value(&mut self) -> Seg {
        let Some(f) = self.stack.last_mut() else {
            return Seg::Root;
        };
        f.expect = Expect::Comma;
        if f.array {
            f.len += 1;
            Seg::Index(f.len - 1)
        } else {
            f.pending_key
                .take()
                .map_or(Seg::Root, |(s, e)| Seg::Key(s, e))
        }
    }

    /// How a value starting now would be reached: the next index of an array, the pending key
    /// of an object.
    pub(crate) fn place(&self) -> Seg {
        match self.stack.last() {
            None => Seg::Root,
            Some(f) if f.array => Seg::Index(f.len),
            Some(f) => f.pending_key.map_or(Seg::Root, |(s, e)| Seg::Key(s, e)),
        }
    }

    /// The open containers, outermost first.
    pub(crate) fn stack(&self) -> &[Frame<T>] {
        &self.stack
    }

    /// The innermost open container.
    pub(crate) fn top(&self) -> Option<&Frame<T>> {
        self.stack.last()
    }

    pub(crate) fn top_mut(&mut self) -> Option<&mut Frame<T>> {
        self.stack.last_mut()
    }

    /// The text of a key (see [`key_text`]).
    pub(crate) fn key(&self, span: Span) -> Option<Cow<'t, str>> {
        key_text(self.text, span)
    }

    /// The path of the innermost open container (empty at the top level), naming at most
    /// `containers` of them (then `...`).
    pub(crate) fn path(&self, containers: usize, undecoded: Undecoded) -> String {
        let mut out = String::new();
        for (i, f) in self.stack.iter().enumerate() {
            if i == containers {
                // the index of the last container named still belongs to its path
                if let Seg::Index(_) = f.via {
                    self.push_seg(&mut out, f.via, undecoded);
                }
                out.push_str("...");
                break;
            }
            self.push_seg(&mut out, f.via, undecoded);
        }
        out
    }

    /// Appends one step to a path: `.key` (no dot at the start), `[index]`.
    pub(crate) fn push_seg(&self, out: &mut String, seg: Seg, undecoded: Undecoded) {
        match seg {
            Seg::Root => {}
            Seg::Key(s, e) => {
                let key = match (key_text(self.text, (s, e)), undecoded) {
                    (Some(key), _) => key,
                    (None, Undecoded::Raw) => self.text.get(s..e).unwrap_or("?").into(),
                    (None, Undecoded::Mark) => "?".into(),
                    (None, Undecoded::Skip) => return,
                };
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&key);
            }
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
}

/// How many spaces start at `from` (where there is one), counted eight bytes at a time:
/// indentation is most of a pretty-printed document's whitespace, and that is half of it.
#[inline(always)]
fn spaces(b: &[u8], from: usize) -> usize {
    const SPACES: u64 = u64::from_le_bytes(*b"        ");
    match b.get(from..from + 8) {
        Some(eight) => {
            let other = u64::from_le_bytes(eight.try_into().expect("8 bytes")) ^ SPACES;
            (other.trailing_zeros() / 8) as usize
        }
        None => 1,
    }
}

/// Where the string whose contents start at `from` ends: the index of its closing quote, or the
/// end of the text when it has none. Escapes are skipped by jumping between quotes and
/// backslashes.
#[inline]
fn closing_quote(b: &[u8], from: usize) -> usize {
    let mut j = from;
    while j < b.len() {
        match memchr::memchr2(b'"', b'\\', &b[j..]) {
            None => return b.len(),
            Some(k) if b[j + k] == b'\\' => j += k + 2,
            Some(k) => return j + k,
        }
    }
    b.len()
}

/// Where a number, `true`, `false`, `null` (or garbage) starting at `from` ends: the next
/// delimiter or the end of the text.
#[inline]
fn token_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len()
        && !matches!(
            b[i],
            b' ' | b'\t' | b'\n' | b'\r' | b':' | b',' | b'{' | b'}' | b'[' | b']' | b'"'
        )
    {
        i += 1;
    }
    i
}

/// Key text, decoded when it has escapes (`"objectiv\u0065s"` is `objectives` to serde too);
/// `None` when the escapes do not decode or the key is too long (over 128 bytes) to bother.
fn key_text(text: &str, (s, e): Span) -> Option<Cow<'_, str>> {
    let raw = text.get(s..e)?;
    if !raw.contains('\\') {
        return Some(raw.into());
    }
    if raw.len() > 128 {
        return None;
    }
    serde_json::from_str::<String>(text.get(s - 1..e + 1)?)
        .ok()
        .map(Into::into)
}
