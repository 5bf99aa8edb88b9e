//! Binary snapshots: the whole document, history included, in a compact binary form for
//! organisations that reload often (a product's cache, a nightly job, pickling in Python).
//!
//! A snapshot holds exactly what the document's JSON holds (the same fields, the same
//! `extra` text, the same version), so everything said of documents holds of snapshots:
//! loading one checks every rule a JSON document is checked for, within the same
//! [`Limits`], and what loads, saves and loads again is unchanged. What it saves is the JSON
//! text's syntax: no whitespace, numbers as 8 bytes, keys written once. Readers tell a
//! snapshot from JSON text by its first eight bytes ([`is_snapshot`]).
//!
//! ```
//! use okr_core::OkrGraph;
//! # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/acme.okr.json")).unwrap();
//! let g = OkrGraph::from_json(&text)?;
//! let bytes = g.to_snapshot();
//! assert!(okr_core::document::is_snapshot(&bytes));
//! let back = OkrGraph::from_snapshot(&bytes)?;
//! assert_eq!(back.to_json(), g.to_json());
//! // a bit flipped anywhere is found
//! let mut bad = bytes.clone();
//! bad[bytes.len() / 2] ^= 0x10;
//! assert_eq!(OkrGraph::from_snapshot(&bad).unwrap_err().code(), "invalid_snapshot");
//! # Ok::<(), okr_core::OkrError>(())
//! ```
//!
//! # Format (version 1)
//! All integers little-endian. A 32-byte header:
//!
//! | bytes | what |
//! | --- | --- |
//! | 0..8 | magic: `89 4F 4B 52 0D 0A 1A 0A` (`\x89OKR\r\n\x1a\n`: never the start of JSON text; a transfer that mangles line ends or the high bit breaks it) |
//! | 8..12 | format version (1) |
//! | 12..16 | flags (0; a reader refuses flags it does not know) |
//! | 16..24 | length of the body in bytes |
//! | 24..28 | CRC-32 (IEEE) of bytes 0..24 and of the body |
//! | 28..32 | zero |
//!
//! The body is the document as one value; a value is a tag byte and its data:
//!
//! | tag | value |
//! | --- | --- |
//! | 0 | null |
//! | 1, 2 | false, true |
//! | 3 | a number: 8 bytes, IEEE 754 double, finite |
//! | 4 | an integer >= 0: LEB128 |
//! | 5 | an integer < 0: LEB128 of `-(n + 1)` |
//! | 6 | text: LEB128 length in bytes, then UTF-8 |
//! | 7 | an array: a 4-byte count, then the elements |
//! | 8 | an object: a 4-byte count, then the entries, each a key and a value |
//!
//! A key is a LEB128 number: 0 starts a new key (LEB128 length and UTF-8 text) that takes the
//! next number in the key table (from 0); `n >= 1` is the key numbered `n - 1`. Field names
//! are thus written once per snapshot.
//!
//! A value okr keeps as JSON text (an `extra` object, a revision's `set`) is written as an
//! object of one entry, key `$serde_json::private::RawValue`, whose value is the text (JSON,
//! compact, numbers as written). Anywhere in a body such an object stands for the value its
//! text holds; where okr keeps JSON text, any other value is taken as its JSON text.
//!
//! Why this format rather than a ready-made one (measured on the 100,000-objective benchmark
//! organisation): bincode and postcard cannot hold the document's optional fields and
//! tagged measures (they are not self-describing; both fail to read back what they wrote);
//! MessagePack read back in 589 ms and CBOR in 1,225 ms against 982 ms for the same compact
//! JSON, but neither says which document path a problem is at, and neither can hold a
//! snapshot to the document limits before it allocates. Formats that map memory (rkyv)
//! would tie snapshots to okr's memory layout and skip the document's rules, which a
//! snapshot from elsewhere must still pass.
//!
//! # Errors
//! A snapshot that is cut short, has a bit flipped, is of a newer format or is not a
//! snapshot at all is [`OkrError::InvalidSnapshot`] (code `invalid_snapshot`); one over a
//! limit is [`OkrError::LimitExceeded`]; one whose document breaks a rule is
//! [`OkrError::Document`] with the path, as that document's JSON would be. A problem of the
//! format or a limit anywhere in the body is reported before a problem of the document.

mod read;
mod write;

use super::limits::Limits;
use super::load::{DocCheck, check_size};
use super::read::text_from_bytes;
use super::types::Document;
use crate::error::{OkrError, Result};
use crate::graph::OkrGraph;

/// The value tags of the body (see the module).
mod tag {
    pub(super) const NULL: u8 = 0;
    pub(super) const FALSE: u8 = 1;
    pub(super) const TRUE: u8 = 2;
    pub(super) const FLOAT: u8 = 3;
    pub(super) const UNSIGNED: u8 = 4;
    pub(super) const NEGATIVE: u8 = 5;
    pub(super) const STRING: u8 = 6;
    pub(super) const ARRAY: u8 = 7;
    pub(super) const OBJECT: u8 = 8;
}

/// The first eight bytes of every snapshot.
pub const SNAPSHOT_MAGIC: [u8; 8] = [0x89, b'O', b'K', b'R', b'\r', b'\n', 0x1a, b'\n'];

/// The snapshot format this build writes and reads.
pub const SNAPSHOT_VERSION: u32 = 1;

/// The header's length in bytes.
const HEADER: usize = 32;

/// Whether `bytes` start as a snapshot does (its magic bytes); a JSON document never does.
///
/// # Complexity
/// O(1).
pub fn is_snapshot(bytes: &[u8]) -> bool {
    bytes.starts_with(&SNAPSHOT_MAGIC)
}

fn invalid(reason: impl Into<String>) -> OkrError {
    OkrError::InvalidSnapshot {
        reason: reason.into(),
    }
}

/// The document as a snapshot.
///
/// # Complexity
/// O(n) in the size of the document.
pub fn snapshot_of(doc: &Document) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 << 16);
    out.extend_from_slice(&[0; HEADER]);
    let mut w = write::Writer::new(out);
    serde::Serialize::serialize(doc, &mut w).expect("documents always serialise");
    let mut out = w.finish();
    write_header(&mut out);
    out
}

/// A snapshot of `body` (a document in the body's encoding; see the module): the header,
/// with the body's length and checksum, then the body. For tools that encode documents
/// themselves, and for tests and fuzzing that must reach the reader past the checksum.
///
/// # Complexity
/// O(n) in the body's length.
pub fn seal(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + body.len());
    out.extend_from_slice(&[0; HEADER]);
    out.extend_from_slice(body);
    write_header(&mut out);
    out
}

/// Fills in the header of `out` (`HEADER` bytes, then the body).
fn write_header(out: &mut [u8]) {
    let body = (out.len() - HEADER) as u64;
    out[..8].copy_from_slice(&SNAPSHOT_MAGIC);
    out[8..12].copy_from_slice(&SNAPSHOT_VERSION.to_le_bytes());
    out[12..16].copy_from_slice(&0u32.to_le_bytes());
    out[16..24].copy_from_slice(&body.to_le_bytes());
    out[28..32].copy_from_slice(&0u32.to_le_bytes());
    let crc = checksum(&out[..24], &out[HEADER..]);
    out[24..28].copy_from_slice(&crc.to_le_bytes());
}

fn checksum(header: &[u8], body: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(header);
    h.update(body);
    h.finalize()
}

/// The body of a snapshot whose header is sound: the magic, the size, the checksum, the
/// version and the flags, in that order (a flipped bit in the version or the flags is
/// corruption, not a newer format).
fn body<'a>(bytes: &'a [u8], limits: &Limits) -> Result<&'a [u8]> {
    check_size(bytes.len() as u64, limits)?;
    if !is_snapshot(bytes) {
        return Err(invalid(
            "not a snapshot (it does not start with okr's magic bytes)",
        ));
    }
    if bytes.len() < HEADER {
        return Err(invalid(format!(
            "cut short: {} bytes, the header alone is {HEADER}",
            bytes.len()
        )));
    }
    let u32_at =
        |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    let mut len = [0; 8];
    len.copy_from_slice(&bytes[16..24]);
    let declared = u64::from_le_bytes(len);
    let present = (bytes.len() - HEADER) as u64;
    if present < declared {
        return Err(invalid(format!(
            "cut short: the header says {declared} bytes follow it, {present} do"
        )));
    }
    if present > declared {
        return Err(invalid(format!(
            "{} bytes after its end (the header says {declared} bytes follow it)",
            present - declared
        )));
    }
    let body = &bytes[HEADER..];
    let (stored, computed) = (u32_at(24), checksum(&bytes[..24], body));
    if stored != computed || u32_at(28) != 0 {
        return Err(invalid(format!(
            "corrupted: its checksum does not match (stored {stored:08x}, computed {computed:08x})"
        )));
    }
    match u32_at(8) {
        SNAPSHOT_VERSION => {}
        v if v > SNAPSHOT_VERSION => {
            return Err(invalid(format!(
                "written by a newer okr (snapshot format {v}; this build reads {SNAPSHOT_VERSION})"
            )));
        }
        v => return Err(invalid(format!("unknown snapshot format {v}"))),
    }
    let flags = u32_at(12);
    if flags != 0 {
        return Err(invalid(format!("unknown flags {flags:#x}")));
    }
    Ok(body)
}

/// Reads a snapshot's document, within `limits`, without building the graph.
///
/// # Errors
/// `InvalidSnapshot`, `LimitExceeded` or `Document` (see the module).
///
/// # Complexity
/// O(n) in the snapshot's size; memory for the document, within the limits, spent only after
/// the counts and lengths that govern it are checked.
pub fn parse_snapshot(bytes: &[u8], limits: &Limits) -> Result<Document> {
    // In WebAssembly, where code size is download time, through the JSON reader the module
    // has anyway (the direct reader is ~540 KB of code there: serde's visitors of every
    // document type, compiled once more); natively the direct reader (faster).
    #[cfg(target_arch = "wasm32")]
    return parse_snapshot_via_json(bytes, limits);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let body = body(bytes, limits)?;
        let mut r = read::Reader::new(body, limits);
        let doc =
            <Document as serde::Deserialize>::deserialize(&mut r).and_then(|d| r.end().map(|()| d));
        doc.map_err(|e| match e {
            // a problem of the format, or a limit, anywhere in the body comes first, as it
            // does for WebAssembly's reader (which reads the whole body before the document)
            read::DecodeError::Data { .. } => match read::Reader::new(body, limits).json_text() {
                Err(first) => decode_error(first),
                Ok(_) => decode_error(e),
            },
            e => decode_error(e),
        })
    }
}

/// [`parse_snapshot`] as WebAssembly builds do it: the body transcoded to JSON text (held to
/// the limits as it is read), then read by the JSON reader. The same documents and the same
/// errors as the direct reader (but for serde_json's wording of a few messages); tested
/// against it.
///
/// # Errors
/// As [`parse_snapshot`].
///
/// # Complexity
/// O(n) in the snapshot's size.
#[doc(hidden)]
pub fn parse_snapshot_via_json(bytes: &[u8], limits: &Limits) -> Result<Document> {
    let body = body(bytes, limits)?;
    let text = read::Reader::new(body, limits)
        .json_text()
        .map_err(decode_error)?;
    super::parse_str(&text).map_err(|e| match e {
        // the place in text the reader made up means nothing to the snapshot's reader
        OkrError::Document { path, message } => OkrError::Document {
            path,
            message: read::without_place(message),
        },
        e => e,
    })
}

/// The error of a body that does not read.
fn decode_error(e: read::DecodeError) -> OkrError {
    match e {
        read::DecodeError::Format { reason, at, path } => invalid(match path {
            Some(p) if !p.is_empty() => format!("{reason} at byte {} ({p})", at + HEADER),
            _ => format!("{reason} at byte {}", at + HEADER),
        }),
        read::DecodeError::Data { message, path } => OkrError::Document {
            path: path.unwrap_or_default(),
            message,
        },
        read::DecodeError::Limit(e) => e.error,
    }
}

/// Reads a snapshot into a graph within `limits`.
///
/// # Errors
/// `InvalidSnapshot`, `LimitExceeded` or `Document` (see the module).
///
/// # Complexity
/// O(n) in the snapshot's size to read it, then as [`load_str_with`](super::load_str_with) once the document is
/// read.
pub fn load_snapshot_with(bytes: &[u8], limits: &Limits) -> Result<OkrGraph> {
    parse_snapshot(bytes, limits)?.into_graph_with(limits)
}

/// Reads a document given as bytes: a snapshot (by its magic bytes) or JSON text (UTF-8,
/// a leading byte order mark skipped), within `limits`. What every front end calls with a
/// file's bytes.
///
/// # Errors
/// As [`load_snapshot_with`] for a snapshot; as [`text_from_bytes`] and [`load_str_with`](super::load_str_with)
/// for text.
///
/// # Complexity
/// As [`load_snapshot_with`] or [`load_str_with`](super::load_str_with).
pub fn load_bytes_with(bytes: &[u8], limits: &Limits) -> Result<OkrGraph> {
    parse_bytes(bytes, limits)?.into_graph_with(limits)
}

/// The document of `bytes` (a snapshot or JSON text) within `limits`, before the graph is
/// built: what [`load_bytes_with`] and [`load_vec_with`] read.
fn parse_bytes(bytes: &[u8], limits: &Limits) -> Result<Document> {
    if is_snapshot(bytes) {
        return parse_snapshot(bytes, limits);
    }
    super::load::parse_within(text_from_bytes(bytes, limits)?, limits)
}

/// Reads a document given as owned bytes (a snapshot or JSON text), as [`load_bytes_with`]
/// does, letting the bytes go once the document is read and before the graph is built: the
/// peak of memory then holds the input or the graph, not both. What a front end that reads a
/// file calls (at 100,000 objectives a snapshot's peak falls by a ninth, JSON's by more).
///
/// # Errors
/// As [`load_bytes_with`], the same error for the same bytes.
///
/// # Complexity
/// As [`load_bytes_with`].
pub fn load_vec_with(bytes: Vec<u8>, limits: &Limits) -> Result<OkrGraph> {
    let doc = parse_bytes(&bytes, limits)?;
    drop(bytes);
    doc.into_graph_with(limits)
}

/// Every problem of a document given as bytes (a snapshot or JSON text), as
/// [`check_text_with`](super::check_text_with) lists them for text.
///
/// # Complexity
/// As [`load_bytes_with`].
pub fn check_bytes_with(bytes: &[u8], limits: &Limits) -> DocCheck {
    let one = DocCheck::one;
    if !is_snapshot(bytes) {
        return match text_from_bytes(bytes, limits) {
            Ok(text) => super::check_text_with(text, limits),
            Err(OkrError::Document { path, message }) => {
                one(path.clone(), OkrError::Document { path, message })
            }
            Err(e) => one(String::new(), e),
        };
    }
    match parse_snapshot(bytes, limits) {
        Err(OkrError::Document { path, message }) => DocCheck {
            // a snapshot of something that is not a document
            readable: true,
            ..one(path.clone(), OkrError::Document { path, message })
        },
        Err(e) => one(String::new(), e),
        Ok(doc) => DocCheck::of(doc, limits),
    }
}

impl OkrGraph {
    /// The graph as a snapshot: its document ([`to_document`](Self::to_document)) in the
    /// binary form of [`crate::document::snapshot`], to read back with
    /// [`from_snapshot`](Self::from_snapshot).
    ///
    /// # Complexity
    /// As [`to_document`](Self::to_document), plus O(n) in the document's size.
    pub fn to_snapshot(&self) -> Vec<u8> {
        snapshot_of(&self.to_document())
    }

    /// Reads a snapshot ([`to_snapshot`](Self::to_snapshot)) within the default [`Limits`].
    ///
    /// # Errors
    /// `InvalidSnapshot` for bytes that are cut short, corrupted, of a newer format or no
    /// snapshot; `LimitExceeded`; `Document` for a document okr refuses.
    ///
    /// # Complexity
    /// As [`load_snapshot_with`].
    pub fn from_snapshot(bytes: &[u8]) -> Result<OkrGraph> {
        load_snapshot_with(bytes, &Limits::default())
    }
}
