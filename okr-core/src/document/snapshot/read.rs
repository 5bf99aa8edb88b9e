//! Reading a snapshot's body: a serde deserializer of the format described in the module
//! above, holding the body to the same limits as a document's text (nesting depth, string
//! lengths, entity counts) before it allocates for them, and naming the path of every problem.

use serde::de::value::{BorrowedStrDeserializer, MapDeserializer};
use serde::de::{self, DeserializeSeed, Visitor};
use serde::forward_to_deserialize_any;

use super::tag;
use crate::document::limits::{self, Counts, Exceeded, Limits, Role};
use crate::error::OkrError;

/// serde_json's name for the wrapper of a raw JSON value (`extra` is one): its text is kept
/// as an object of that one key, and the key is left out of paths.
const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// serde_json refuses documents nested deeper than this whatever the limits; so do snapshots
/// (the reader recurses once per level).
const MAX_DEPTH: usize = 128;

/// serde_json's message without its ` at line L column C` (a place in a text the reader made).
pub(super) fn without_place(mut m: String) -> String {
    if let Some(i) = m.rfind(" at line ")
        && m[i..].contains(" column ")
    {
        m.truncate(i);
    }
    m
}

/// Why a body does not read.
#[derive(Debug)]
pub(crate) enum DecodeError {
    /// Not the format: a bad tag, a count past the end, a key number out of range, text that
    /// is not UTF-8, a number that is not finite. `at`: the byte offset in the body.
    Format {
        reason: String,
        at: usize,
        path: Option<String>,
    },
    /// The format, but not a document (a missing field, a value of the wrong type): what the
    /// same document's JSON would be refused for.
    Data {
        message: String,
        path: Option<String>,
    },
    /// Over a limit.
    Limit(Exceeded),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Format { reason, .. } => f.write_str(reason),
            DecodeError::Data { message, .. } => f.write_str(message),
            DecodeError::Limit(e) => write!(f, "{}", e.error),
        }
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        DecodeError::Data {
            message: msg.to_string(),
            path: None,
        }
    }
}

impl DecodeError {
    /// Sets the path where the error was found, unless a deeper one is set already.
    fn at(mut self, path: impl FnOnce() -> String) -> Self {
        match &mut self {
            DecodeError::Format { path: p, .. } | DecodeError::Data { path: p, .. } => {
                if p.is_none() {
                    *p = Some(path());
                }
            }
            DecodeError::Limit(_) => {}
        }
        self
    }
}

type Res<T> = Result<T, DecodeError>;

/// An open container: its role (for the limits), whether it is an array, and the element
/// index or key number being read.
#[derive(Debug, Clone, Copy)]
struct Frame {
    role: Role,
    array: bool,
    at: u32,
}

/// A container just opened: where it starts, the key table's length then, its count and role.
#[derive(Debug, Clone, Copy)]
struct Opened {
    start: usize,
    keys: usize,
    count: usize,
    role: Option<Role>,
}

/// The decoder.
pub(crate) struct Reader<'a, 'l> {
    buf: &'a [u8],
    pos: usize,
    keys: Vec<&'a str>,
    limits: &'l Limits,
    counts: Counts,
    frames: Vec<Frame>,
    /// The text of the raw value read last.
    last_raw: Option<std::borrow::Cow<'a, str>>,
}

impl<'a, 'l> Reader<'a, 'l> {
    pub(crate) fn new(buf: &'a [u8], limits: &'l Limits) -> Self {
        Reader {
            buf,
            pos: 0,
            keys: Vec::new(),
            limits,
            counts: Counts::default(),
            frames: Vec::new(),
            last_raw: None,
        }
    }

    /// The whole body as compact JSON text (raw values' texts as they are), held to the
    /// limits as it is read.
    pub(crate) fn json_text(&mut self) -> Res<String> {
        let mut out = String::with_capacity(self.buf.len() * 2);
        self.json(&mut out)?;
        self.end()?;
        Ok(out)
    }

    /// Checks that the whole body was read.
    pub(crate) fn end(&self) -> Res<()> {
        if self.pos != self.buf.len() {
            return Err(self.format(format!(
                "{} bytes after the document",
                self.buf.len() - self.pos
            )));
        }
        Ok(())
    }

    fn format(&self, reason: String) -> DecodeError {
        DecodeError::Format {
            reason,
            at: self.pos,
            path: None,
        }
    }

    fn ends_early(&self) -> DecodeError {
        self.format("the body ends early".into())
    }

    /// The document path of the value being read (`objectives[3].key_results`).
    fn path(&self) -> String {
        let mut p = String::new();
        for f in &self.frames {
            if f.array {
                p.push('[');
                p.push_str(&f.at.to_string());
                p.push(']');
                continue;
            }
            let Some(k) = self.keys.get(f.at as usize) else {
                continue;
            };
            if *k == RAW_VALUE {
                continue;
            }
            if !p.is_empty() {
                p.push('.');
            }
            p.push_str(k);
        }
        p
    }

    fn byte(&mut self) -> Res<u8> {
        let b = *self.buf.get(self.pos).ok_or_else(|| self.ends_early())?;
        self.pos += 1;
        Ok(b)
    }

    fn peek(&self) -> Res<u8> {
        self.buf
            .get(self.pos)
            .copied()
            .ok_or_else(|| self.ends_early())
    }

    fn take(&mut self, n: usize) -> Res<&'a [u8]> {
        if n > self.buf.len() - self.pos {
            return Err(self.ends_early());
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    /// An unsigned LEB128 number (at most 10 bytes, no bits past 64).
    fn uint(&mut self) -> Res<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let low = u64::from(b & 0x7f);
            if shift == 63 && low > 1 {
                break;
            }
            v |= low << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.format("a number longer than 64 bits".into()))
    }

    fn count(&mut self) -> Res<usize> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    /// A string's text: its length within the limit, then UTF-8. The length held to the
    /// limit is the string's as the document's JSON writes it ([`limits::json_len`]: escapes
    /// counted), as the JSON reader and the API hold it.
    fn text(&mut self) -> Res<&'a str> {
        let len = self.uint()?;
        let max = self.limits.max_string_bytes;
        let over = |r: &Self, actual: usize| {
            let at = r.path();
            DecodeError::Limit(limits::exceeded(
                at.clone(),
                format!("string length (bytes) at {at}"),
                max,
                actual,
            ))
        };
        if len > max as u64 {
            return Err(over(self, usize::try_from(len).unwrap_or(usize::MAX)));
        }
        let start = self.pos;
        let bytes = self.take(len as usize)?;
        let text = std::str::from_utf8(bytes).map_err(|e| DecodeError::Format {
            reason: "text that is not UTF-8".into(),
            at: start + e.valid_up_to(),
            path: None,
        })?;
        // no escape is longer than six bytes
        if text.len() > max / 6 {
            let json = limits::json_len(text);
            if json > max {
                return Err(over(self, json));
            }
        }
        Ok(text)
    }

    /// The JSON text of a raw value: the text okr writes, or any other value written as JSON
    /// text.
    #[inline(never)]
    fn raw_value_text(&mut self) -> Res<std::borrow::Cow<'a, str>> {
        if self.raw_wrapper() {
            return Ok(self.raw_wrapped_text()?.into());
        }
        let mut text = String::new();
        self.json(&mut text)?;
        Ok(text.into())
    }

    /// A raw value's text (okr's form of a value kept as JSON text: see
    /// [`raw_wrapper`](Self::raw_wrapper)) where a value of another type is read: the value
    /// its text holds, read by the JSON reader, as WebAssembly's reader (which writes the text
    /// in place) reads it.
    fn raw_as_value<V: Visitor<'a>>(
        &mut self,
        v: V,
        read: impl FnOnce(
            &mut serde_json::Deserializer<serde_json::de::StrRead<'a>>,
            V,
        ) -> Result<V::Value, serde_json::Error>,
    ) -> Res<V::Value> {
        let text = self.raw_wrapped_text()?;
        let mut d = serde_json::Deserializer::from_str(text);
        read(&mut d, v)
            .and_then(|out| d.end().map(|()| out))
            .map_err(|e| DecodeError::Data {
                message: without_place(e.to_string()),
                path: None,
            })
    }

    /// The text of a raw value in okr's form (the next value; [`raw_wrapper`] said so).
    fn raw_wrapped_text(&mut self) -> Res<&'a str> {
        // tag, count, key, tag: checked by raw_wrapper
        self.pos += 5;
        self.key()?;
        self.pos += 1;
        self.raw_text()
    }

    /// A raw value's JSON text: held to the limits inside it as JSON text is (its nesting,
    /// counting the containers around it, and its strings; not its whole length, which a
    /// document's text does not limit either), and checked to be JSON.
    fn raw_text(&mut self) -> Res<&'a str> {
        let len = usize::try_from(self.uint()?).unwrap_or(usize::MAX);
        let start = self.pos;
        let bytes = self.take(len)?;
        let text = std::str::from_utf8(bytes).map_err(|e| DecodeError::Format {
            reason: "text that is not UTF-8".into(),
            at: start + e.valid_up_to(),
            path: None,
        })?;
        if let Err(mut e) = limits::scan_value(text, self.frames.len(), self.limits) {
            let at = self.path();
            let inner = std::mem::take(&mut e.path);
            e.path = match (at.is_empty(), inner.is_empty()) {
                (_, true) => at,
                (true, false) => inner,
                (false, false) if inner.starts_with('[') => format!("{at}{inner}"),
                (false, false) => format!("{at}.{inner}"),
            };
            if let OkrError::LimitExceeded { what, .. } = &mut e.error
                && let Some(i) = what.find(" at ")
            {
                what.replace_range(i + 4.., &e.path.clone());
            }
            return Err(DecodeError::Limit(e));
        }
        if let Err(e) = serde_json::from_str::<de::IgnoredAny>(text) {
            return Err(DecodeError::Data {
                message: format!("{e} (in the JSON text of this value)"),
                path: None,
            });
        }
        Ok(text)
    }

    /// A key: a new one (its text) or the number of one read before.
    fn key(&mut self) -> Res<u32> {
        let k = self.uint()?;
        if k == 0 {
            let text = self.text()?;
            self.keys.push(text);
            return Ok((self.keys.len() - 1) as u32);
        }
        let n = k - 1;
        if n >= self.keys.len() as u64 {
            return Err(self.format(format!("key number {n} of a table of {}", self.keys.len())));
        }
        Ok(n as u32)
    }

    /// Opens a container of `count` elements (`array`) or entries: the nesting depth, its role
    /// and the limit on its elements, and a count the rest of the body can hold.
    fn open(&mut self, array: bool, count: usize) -> Res<()> {
        let role = match self.frames.last() {
            Some(f) => {
                let key = (!f.array).then(|| self.keys[f.at as usize]);
                limits::child_role(f.role, f.array, key)
            }
            None if array => Role::Other,
            None => Role::Root,
        };
        let depth = self.frames.len() + 1;
        if depth > self.limits.max_json_depth {
            let path = self.path();
            let at = if path.is_empty() {
                "the top level".to_string()
            } else {
                path.clone()
            };
            return Err(DecodeError::Limit(limits::exceeded(
                path,
                format!("JSON nesting depth at {at}"),
                self.limits.max_json_depth,
                depth,
            )));
        }
        if depth > MAX_DEPTH {
            return Err(DecodeError::Data {
                message: "recursion limit exceeded".into(),
                path: None,
            });
        }
        if array {
            let (limit, what) = limits::array_limit(role, count, &mut self.counts, self.limits);
            if count > limit {
                let path = self.path();
                return Err(DecodeError::Limit(limits::exceeded(
                    path.clone(),
                    format!("{what} at {path}"),
                    limit,
                    count,
                )));
            }
            limits::check_totals(&self.counts, self.limits).map_err(DecodeError::Limit)?;
        }
        // every element takes a byte at least, every entry two
        let least = if array {
            count
        } else {
            count.saturating_mul(2)
        };
        if least > self.buf.len() - self.pos {
            return Err(self.format(format!(
                "{count} {} in the {} bytes left",
                if array { "elements" } else { "entries" },
                self.buf.len() - self.pos
            )));
        }
        self.frames.push(Frame {
            role,
            array,
            at: if array { 0 } else { u32::MAX },
        });
        Ok(())
    }

    /// Whether the next value is a raw value's text as okr writes it: an object of one entry,
    /// [`RAW_VALUE`] to a string.
    fn raw_wrapper(&mut self) -> bool {
        let start = self.pos;
        let found = (|| {
            if self.byte().ok()? != tag::OBJECT || self.count().ok()? != 1 {
                return None;
            }
            let k = self.uint().ok()?;
            let key = if k == 0 {
                let len = usize::try_from(self.uint().ok()?).ok()?;
                self.take(len).ok()?
            } else {
                self.keys.get(usize::try_from(k - 1).ok()?)?.as_bytes()
            };
            (key == RAW_VALUE.as_bytes() && self.byte().ok()? == tag::STRING).then_some(())
        })()
        .is_some();
        self.pos = start;
        found
    }

    /// Writes the next value as compact JSON text (where okr keeps a value's text, such as
    /// `extra`, a snapshot may hold the value itself), held to the limits as it is read.
    fn json(&mut self, out: &mut String) -> Res<()> {
        use std::fmt::Write;
        let text = |s: &str| serde_json::to_string(s).unwrap_or_default();
        if self.raw_wrapper() {
            // a raw value's text, as it is
            out.push_str(&self.raw_value_text()?);
            return Ok(());
        }
        match self.byte()? {
            tag::NULL => out.push_str("null"),
            tag::FALSE => out.push_str("false"),
            tag::TRUE => out.push_str("true"),
            tag::FLOAT => {
                self.pos -= 1;
                let x = de::Deserialize::deserialize(&mut *self)?;
                let n: serde_json::Number = serde_json::Number::from_f64(x)
                    .ok_or_else(|| self.format("a number that is not finite".into()))?;
                let _ = write!(out, "{n}");
            }
            tag::UNSIGNED => {
                let _ = write!(out, "{}", self.uint()?);
            }
            tag::NEGATIVE => {
                self.pos -= 1;
                let n: i64 = de::Deserialize::deserialize(&mut *self)?;
                let _ = write!(out, "{n}");
            }
            tag::STRING => out.push_str(&text(self.text()?)),
            t @ (tag::ARRAY | tag::OBJECT) => {
                let array = t == tag::ARRAY;
                let count = self.count()?;
                self.open(array, count)?;
                out.push(if array { '[' } else { '{' });
                for i in 0..count {
                    if i > 0 {
                        out.push(',');
                    }
                    if array {
                        self.set_at(i as u32);
                    } else {
                        let k = self.key()?;
                        self.set_at(k);
                        out.push_str(&text(self.keys[k as usize]));
                        out.push(':');
                    }
                    self.json(out).map_err(|e| e.at(|| self.path()))?;
                }
                out.push(if array { ']' } else { '}' });
                self.close();
            }
            t => {
                self.pos -= 1;
                return Err(self.format(format!("unknown value tag {t}")));
            }
        }
        Ok(())
    }

    /// An error about the raw value just read (`extra`: a duplicate key), raised by its
    /// reader once read: named at its place inside the value, as for JSON text (`extra.a.b`).
    fn raw_error(&mut self, e: DecodeError) -> DecodeError {
        let DecodeError::Data {
            message,
            path: None,
        } = &e
        else {
            return e;
        };
        let (Some(rest), Some(text)) = (
            message.strip_prefix(crate::extra::ERROR_PREFIX),
            self.last_raw.take(),
        ) else {
            return e;
        };
        let mut rest = rest;
        let mut path = self.path();
        if let Some(inner) = crate::extra::problem_path(&text)
            && !inner.is_empty()
        {
            path.push('.');
            path.push_str(&inner);
            rest = rest
                .strip_prefix(inner.as_str())
                .and_then(|r| r.strip_prefix(": "))
                .unwrap_or(rest);
        }
        DecodeError::Data {
            message: rest.to_string(),
            path: Some(path),
        }
    }

    fn close(&mut self) {
        self.frames.pop();
    }

    fn set_at(&mut self, at: u32) {
        if let Some(f) = self.frames.last_mut() {
            f.at = at;
        }
    }

    /// Visits a container (its tag just read): opens it, lets the visitor read it, checks
    /// that it read it all. (Generic over every visitor of the document: the work that is not
    /// is in [`open_container`](Self::open_container) and
    /// [`container_error`](Self::container_error), so that it is compiled once.)
    fn container<V: Visitor<'a>>(&mut self, array: bool, v: V) -> Res<V::Value> {
        let opened = self.open_container(array)?;
        let mut left = opened.count;
        let out = if array {
            v.visit_seq(Seq {
                r: &mut *self,
                left: &mut left,
                index: 0,
            })
        } else {
            v.visit_map(Map {
                r: &mut *self,
                left: &mut left,
            })
        };
        match out {
            Ok(value) if left == 0 => {
                self.close();
                Ok(value)
            }
            Ok(_) => Err(self.container_error(None, opened)),
            Err(e) => Err(self.container_error(Some(e), opened)),
        }
    }

    /// Reads a container's count and opens it (see [`open`](Self::open)).
    #[inline(never)]
    fn open_container(&mut self, array: bool) -> Res<Opened> {
        let (start, keys) = (self.pos - 1, self.keys.len());
        let count = self.count()?;
        self.open(array, count)?;
        let role = self.frames.last().map(|f| f.role);
        Ok(Opened {
            start,
            keys,
            count,
            role,
        })
    }

    /// Closes a container whose visitor failed (`e`) or left elements unread (`None`), and
    /// places the error: an error the visitor found in the container as a whole (a missing
    /// field), or in a measure it buffered (which then names no field), is placed at the
    /// container, or for a measure at the field, found by reading the measure again
    /// unbuffered.
    #[inline(never)]
    fn container_error(&mut self, e: Option<DecodeError>, o: Opened) -> DecodeError {
        let e = e.unwrap_or_else(|| {
            de::Error::invalid_length(o.count, &"fewer elements (the rest were not read)")
        });
        self.close();
        match e {
            DecodeError::Data {
                message,
                path: None,
            } => {
                let mut path = self.path();
                if o.role == Some(Role::Measure)
                    && let Some(inner) = self.measure_place(o.start, o.keys)
                {
                    path.push('.');
                    path.push_str(&inner);
                }
                DecodeError::Data {
                    message,
                    path: Some(path),
                }
            }
            e => e.at(|| self.path()),
        }
    }

    /// The place inside the measure at `start` (the key table then `keys` long) of the error
    /// reading it: `taget`, `milestones[1].weight`.
    fn measure_place(&self, start: usize, keys: usize) -> Option<String> {
        #[derive(serde::Deserialize)]
        struct Kind {
            kind: String,
        }
        let again = || Reader {
            buf: self.buf,
            pos: start,
            keys: self.keys[..keys].to_vec(),
            limits: self.limits,
            counts: Counts::default(),
            frames: Vec::new(),
            last_raw: None,
        };
        let Kind { kind } = de::Deserialize::deserialize(&mut again()).ok()?;
        let mut r = again();
        match crate::document::load::reread_measure(&kind, &mut r)? {
            Err(DecodeError::Data { path: Some(p), .. }) if !p.is_empty() => Some(p),
            _ => None,
        }
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de, '_> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Res<V::Value> {
        let t = self.byte()?;
        match t {
            tag::NULL => v.visit_unit(),
            tag::FALSE => v.visit_bool(false),
            tag::TRUE => v.visit_bool(true),
            tag::FLOAT => {
                let b = self.take(8)?;
                let x = f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
                if !x.is_finite() {
                    // no JSON number is one
                    self.pos -= 9;
                    return Err(self.format(format!("a number that is not finite ({x})")));
                }
                v.visit_f64(x)
            }
            tag::UNSIGNED => v.visit_u64(self.uint()?),
            tag::NEGATIVE => {
                let n = self.uint()?;
                if n > i64::MAX as u64 {
                    return Err(self.format("a negative number below -2^63".into()));
                }
                v.visit_i64(!(n as i64))
            }
            tag::STRING => v.visit_borrowed_str(self.text()?),
            tag::ARRAY => self.container(true, v),
            tag::OBJECT => {
                self.pos -= 1;
                if self.raw_wrapper() {
                    return self.raw_as_value(v, |d, v| d.deserialize_any(v));
                }
                self.pos += 1;
                self.container(false, v)
            }
            t => {
                self.pos -= 1;
                Err(self.format(format!("unknown value tag {t}")))
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Res<V::Value> {
        if self.peek()? == tag::NULL {
            self.pos += 1;
            return v.visit_none();
        }
        v.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Res<V::Value> {
        if name != RAW_VALUE {
            return v.visit_newtype_struct(self);
        }
        let text = self.raw_value_text()?;
        let mut map = MapDeserializer::new(std::iter::once((RAW_VALUE, &*text)));
        let out = v
            .visit_map(&mut map)
            .and_then(|out| map.end().map(|()| out));
        // kept for the place of an error its reader finds in it (see `raw_error`)
        self.last_raw = Some(text);
        out
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Res<V::Value> {
        if self.raw_wrapper() {
            return self.raw_as_value(v, |d, v| d.deserialize_enum("", &[], v));
        }
        match self.peek()? {
            tag::STRING => {
                self.pos += 1;
                let name = self.text()?;
                v.visit_enum(BorrowedStrDeserializer::<DecodeError>::new(name))
            }
            tag::OBJECT => {
                self.pos += 1;
                let count = self.count()?;
                if count != 1 {
                    return Err(de::Error::invalid_length(count, &"an object of one entry"));
                }
                self.open(false, 1)?;
                let out = v
                    .visit_enum(Enum { r: &mut *self })
                    .map_err(|e| e.at(|| self.path()));
                self.close();
                out
            }
            _ => {
                // the visitor names what it expected
                self.deserialize_any(v)
            }
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

/// The elements of an array.
struct Seq<'r, 'a, 'l> {
    r: &'r mut Reader<'a, 'l>,
    left: &'r mut usize,
    index: u32,
}

impl<'de> de::SeqAccess<'de> for Seq<'_, 'de, '_> {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Res<Option<T::Value>> {
        if *self.left == 0 {
            return Ok(None);
        }
        *self.left -= 1;
        self.r.set_at(self.index);
        self.index += 1;
        match seed.deserialize(&mut *self.r) {
            Ok(v) => Ok(Some(v)),
            Err(e) => Err(e.at(|| self.r.path())),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(*self.left)
    }
}

/// The entries of an object.
struct Map<'r, 'a, 'l> {
    r: &'r mut Reader<'a, 'l>,
    left: &'r mut usize,
}

impl<'de> de::MapAccess<'de> for Map<'_, 'de, '_> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Res<Option<K::Value>> {
        if *self.left == 0 {
            return Ok(None);
        }
        *self.left -= 1;
        let k = self.r.key()?;
        self.r.set_at(k);
        let key = self.r.keys[k as usize];
        seed.deserialize(BorrowedStrDeserializer::<DecodeError>::new(key))
            .map(Some)
            .map_err(|e| e.at(|| self.r.path()))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Res<V::Value> {
        seed.deserialize(&mut *self.r).map_err(|e: DecodeError| {
            let e = self.r.raw_error(e);
            e.at(|| self.r.path())
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(*self.left)
    }
}

/// An enum variant with data, as an object of one entry.
struct Enum<'r, 'a, 'l> {
    r: &'r mut Reader<'a, 'l>,
}

impl<'de> de::EnumAccess<'de> for Enum<'_, 'de, '_> {
    type Error = DecodeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Res<(V::Value, Self)> {
        let k = self.r.key()?;
        self.r.set_at(k);
        let key = self.r.keys[k as usize];
        let v = seed.deserialize(BorrowedStrDeserializer::<DecodeError>::new(key))?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for Enum<'_, 'de, '_> {
    type Error = DecodeError;

    fn unit_variant(self) -> Res<()> {
        de::Deserialize::deserialize(&mut *self.r)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Res<T::Value> {
        seed.deserialize(&mut *self.r)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, v: V) -> Res<V::Value> {
        de::Deserializer::deserialize_any(&mut *self.r, v)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], v: V) -> Res<V::Value> {
        de::Deserializer::deserialize_any(&mut *self.r, v)
    }
}
