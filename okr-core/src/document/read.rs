//! Reading a document's bytes: from any stream in bounded chunks, from a file, or from a byte
//! slice. The size limit and the UTF-8 rule are decided here, once, for every front end; a
//! leading byte order mark is skipped where text is read ([`super::load_str`] and friends).

use std::io::Read;
use std::path::Path;

use super::limits::Limits;
use super::load::check_size;
use super::snapshot::SNAPSHOT_MAGIC;
use crate::error::OkrError;

/// The most a stream is asked for at a time (64 KiB).
pub const READ_CHUNK: usize = 64 << 10;

/// What reading a document from a stream or a file can fail with: the stream's own I/O error,
/// or the document's ([`OkrError::LimitExceeded`] for its size, [`OkrError::Document`] for
/// bytes that are not UTF-8).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The stream or file could not be read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The bytes read are not a document's text: over the size limit, or not UTF-8.
    #[error(transparent)]
    Okr(#[from] OkrError),
}

/// Reads a document's text from any stream, in chunks of at most [`READ_CHUNK`] bytes,
/// stopping as soon as it is over `limits.max_document_bytes`: a stream that never ends (a
/// device, a pipe) costs at most the limit. The bytes must be UTF-8; they are validated as
/// they arrive, so a binary stream is refused at its first invalid byte. A leading byte order
/// mark is kept in the text (loading skips it).
///
/// ```
/// use okr_core::document::{Limits, read_text};
/// let limits = Limits { max_document_bytes: 1000, ..Limits::default() };
/// let endless = std::io::repeat(b' ');
/// let err = read_text(endless, &limits).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "limit exceeded: document size (bytes read before stopping) is 1001, the limit is 1000"
/// );
/// ```
///
/// # Errors
/// [`ReadError::Io`] when the stream fails; [`ReadError::Okr`] with `LimitExceeded` when the
/// stream holds more than the limit (`actual` is the number of bytes read before stopping:
/// one more than the limit), or `Document` naming the byte offset, line and column of the
/// first byte that is not UTF-8.
///
/// # Complexity
/// O(n) time in the bytes read, at most `limit + 1`. Memory: the text itself, in a buffer
/// grown geometrically (never past `limit + 1` bytes; pages not yet filled are not touched).
pub fn read_text<R: Read>(reader: R, limits: &Limits) -> Result<String, ReadError> {
    read_sized(reader, None, limits)
}

/// Reads a document file's text: refuses a regular file whose length is over the limit before
/// reading it, then reads it (or a pipe, a device, `/dev/stdin`) as [`read_text`] does, into a
/// buffer of the file's length.
///
/// # Errors
/// As [`read_text`]; [`ReadError::Io`] also when the file cannot be opened.
///
/// # Complexity
/// As [`read_text`].
pub fn read_file(path: &Path, limits: &Limits) -> Result<String, ReadError> {
    let (file, hint) = open_sized(path, limits)?;
    read_sized(file, hint, limits)
}

/// Opens a file, refusing a regular file whose length is over the limit before reading it
/// (the bytes actually read are counted all the same: a file can grow); its length, if it is
/// a regular file.
fn open_sized(path: &Path, limits: &Limits) -> Result<(std::fs::File, Option<u64>), ReadError> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Ok((file, None));
    }
    check_size(meta.len(), limits)?;
    Ok((file, Some(meta.len())))
}

/// The text of a document given as bytes (Python `bytes`, a request body), without copying:
/// the size limit, then UTF-8 (the same rules as [`read_text`]).
///
/// ```
/// use okr_core::OkrError;
/// use okr_core::document::{Limits, text_from_bytes};
/// let err = text_from_bytes(b"{\n  \"version\": \xff}", &Limits::default()).unwrap_err();
/// let OkrError::Document { message, .. } = err else { unreachable!() };
/// assert_eq!(message, "invalid UTF-8 at byte 15 (line 2, column 14)");
/// ```
///
/// # Errors
/// `LimitExceeded` when `bytes` is over `limits.max_document_bytes`; `Document` naming the
/// byte offset, line and column of the first byte that is not UTF-8.
///
/// # Complexity
/// O(n) time in the length of `bytes`; no allocation.
pub fn text_from_bytes<'a>(bytes: &'a [u8], limits: &Limits) -> Result<&'a str, OkrError> {
    check_size(bytes.len() as u64, limits)?;
    std::str::from_utf8(bytes)
        .map_err(|e| not_utf8(bytes, e.valid_up_to(), e.error_len().is_some()))
}

/// Checks a document given as UTF-16 text (a JavaScript string) before converting it: every
/// UTF-16 code unit is at least one byte of UTF-8, so a string of more units than
/// `limits.max_document_bytes` is over the limit whatever it holds. A string that passes may
/// still be over it in UTF-8; loading its text checks the exact size.
///
/// # Errors
/// `LimitExceeded` (`actual`: the string's length in UTF-16 units) when `units` is over the
/// limit.
///
/// # Complexity
/// O(1).
pub fn check_utf16_len(units: u64, limits: &Limits) -> Result<(), OkrError> {
    limits.check_document_size(
        "document size (bytes, at least the string's UTF-16 length)",
        units,
    )
}

/// [`read_text`], with a first guess at the size (a regular file's length).
fn read_sized<R: Read>(reader: R, hint: Option<u64>, limits: &Limits) -> Result<String, ReadError> {
    let buf = read_raw(reader, hint, limits, Utf8::Always)?;
    // Validated while reading; the text is the buffer itself, not a copy.
    String::from_utf8(buf).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        ReadError::Okr(not_utf8(e.as_bytes(), at, true))
    })
}

/// Whether [`read_raw`] checks that the bytes are UTF-8.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Utf8 {
    Always,
    /// Unless they start as a snapshot does.
    UnlessSnapshot,
    /// Never (bytes that are not text: a workbook).
    Never,
}

/// Reads a stream within the size limit, checking UTF-8 as the bytes arrive (see [`Utf8`]).
fn read_raw<R: Read>(
    mut reader: R,
    hint: Option<u64>,
    limits: &Limits,
    utf8: Utf8,
) -> Result<Vec<u8>, ReadError> {
    let limit = limits.max_document_bytes;
    // Reading stops at `limit + 1` bytes: one byte over tells the document is too big.
    let most = limit.saturating_add(1);
    let first = match hint {
        // room for the whole file and the read that finds its end
        Some(n) => usize::try_from(n).unwrap_or(usize::MAX).saturating_add(1),
        None => READ_CHUNK,
    };
    let mut buf: Vec<u8> = Vec::new();
    reserve(&mut buf, first.min(most))?;
    // Bytes known to be UTF-8 so far; a sequence cut by the end of a chunk waits for the next.
    let mut valid = 0;
    let mut check = utf8 != Utf8::Never;
    loop {
        let len = buf.len();
        if len >= most {
            limits.check_document_size("document size (bytes read before stopping)", len as u64)?;
        }
        if buf.capacity() == len {
            reserve(
                &mut buf,
                len.saturating_mul(2)
                    .max(len.saturating_add(READ_CHUNK))
                    .min(most),
            )?;
        }
        // at least 1: `len < most` and there is room
        let want = (buf.capacity() - len).min(READ_CHUNK).min(most - len);
        // Into the room already there (`want` fits it, so the buffer does not grow), without
        // filling it with zeros first; up to `want` bytes or the end of the stream.
        let got = (&mut reader).take(want as u64).read_to_end(&mut buf)?;
        if got == 0 {
            break;
        }
        if utf8 == Utf8::UnlessSnapshot && valid == 0 && check {
            let n = buf.len().min(SNAPSHOT_MAGIC.len());
            if buf[..n] == SNAPSHOT_MAGIC[..n] {
                // a snapshot, or the start of one: no text
                check = n < SNAPSHOT_MAGIC.len();
                continue;
            }
        }
        if !check {
            continue;
        }
        match std::str::from_utf8(&buf[valid..]) {
            Ok(_) => valid = buf.len(),
            // an invalid byte, not merely a sequence the next chunk may complete
            Err(e) if e.error_len().is_some() => {
                return Err(not_utf8(&buf, valid + e.valid_up_to(), true).into());
            }
            Err(e) => valid += e.valid_up_to(),
        }
    }
    if check && valid < buf.len() {
        return Err(not_utf8(&buf, valid, false).into());
    }
    Ok(buf)
}

/// Reads a document's bytes from any stream, as [`read_text`] does, for
/// [`load_bytes_with`](super::load_bytes_with): JSON text (checked to be UTF-8 as it is read)
/// or a binary snapshot (recognised by its first bytes, and then not checked as text).
///
/// # Errors
/// As [`read_text`].
///
/// # Complexity
/// As [`read_text`].
pub fn read_bytes<R: Read>(reader: R, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    read_raw(reader, None, limits, Utf8::UnlessSnapshot)
}

/// Reads a document file's bytes, as [`read_file`] does, for
/// [`load_bytes_with`](super::load_bytes_with): JSON text (checked to be UTF-8 as it is read) or a binary
/// snapshot (recognised by its first bytes, and then not checked as text).
///
/// # Errors
/// As [`read_file`].
///
/// # Complexity
/// As [`read_text`].
pub fn read_file_bytes(path: &Path, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    let (file, hint) = open_sized(path, limits)?;
    read_raw(file, hint, limits, Utf8::UnlessSnapshot)
}

/// Reads a file's bytes within the document size limit, as [`read_file_bytes`] does, without
/// reading them as text: for files that are not documents but hold one (a spreadsheet for
/// [`tables`](crate::tables)).
///
/// # Errors
/// As [`read_file`], except that no byte is refused as not UTF-8.
///
/// # Complexity
/// As [`read_text`].
pub fn read_file_binary(path: &Path, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    let (file, hint) = open_sized(path, limits)?;
    read_raw(file, hint, limits, Utf8::Never)
}

/// Grows `buf` to hold `cap` bytes in all, exactly; memory refused is an I/O error
/// (`OutOfMemory`), not a panic.
fn reserve(buf: &mut Vec<u8>, cap: usize) -> Result<(), ReadError> {
    let more = cap.saturating_sub(buf.len());
    buf.try_reserve_exact(more).map_err(|_| {
        ReadError::Io(std::io::Error::new(
            std::io::ErrorKind::OutOfMemory,
            format!("cannot allocate {cap} bytes for the document"),
        ))
    })
}

/// The `Document` error for bytes that stop being UTF-8 at `at` (`invalid`: a byte that
/// cannot be UTF-8; otherwise a sequence that the end of the input cuts short): its byte
/// offset, line and column (1-based, the column in bytes, as JSON syntax errors count it).
fn not_utf8(bytes: &[u8], at: usize, invalid: bool) -> OkrError {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = at
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    let message = if invalid {
        format!("invalid UTF-8 at byte {at} (line {line}, column {column})")
    } else {
        format!(
            "invalid UTF-8 at byte {at} (line {line}, column {column}): a sequence cut short by the end of the input"
        )
    };
    OkrError::Document {
        path: String::new(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader of endless zeros that counts the bytes it hands out.
    struct Zeros(usize);

    impl Read for Zeros {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            buf.fill(b'0');
            self.0 += buf.len();
            Ok(buf.len())
        }
    }

    /// Hands out `data` a few bytes at a time.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn small(n: usize) -> Limits {
        Limits {
            max_document_bytes: n,
            ..Limits::default()
        }
    }

    #[test]
    fn an_endless_stream_stops_one_byte_over_the_limit() {
        for limit in [0, 1, 1000, READ_CHUNK - 1, READ_CHUNK, 3 * READ_CHUNK + 7] {
            let mut zeros = Zeros(0);
            let err = read_sized(&mut zeros, None, &small(limit)).unwrap_err();
            assert!(zeros.0 <= limit + READ_CHUNK, "{limit}: read {}", zeros.0);
            assert_eq!(zeros.0, limit + 1, "{limit}");
            let ReadError::Okr(OkrError::LimitExceeded {
                limit: l, actual, ..
            }) = err
            else {
                panic!("{err:?}");
            };
            assert_eq!((l, actual), (limit as u64, limit as u64 + 1));
        }
    }

    #[test]
    fn a_wrong_size_hint_changes_nothing() {
        let text = "x".repeat(3 * READ_CHUNK + 5);
        for hint in [
            None,
            Some(0),
            Some(10),
            Some(text.len() as u64),
            Some(1 << 40),
        ] {
            let got = read_sized(Trickle(text.as_bytes(), 1000), hint, &small(text.len())).unwrap();
            assert_eq!(got, text);
            // the buffer never grows past the limit and the read that finds the end
            assert!(
                got.capacity() <= text.len() + 1,
                "{hint:?}: {}",
                got.capacity()
            );
            let err = read_sized(text.as_bytes(), hint, &small(text.len() - 1)).unwrap_err();
            assert!(matches!(
                err,
                ReadError::Okr(OkrError::LimitExceeded { .. })
            ));
        }
    }

    #[test]
    fn a_sequence_cut_between_reads_is_put_together() {
        let text = "{\"title\": \"€uro, 日本, 🎉\"}";
        for step in 1..5 {
            let got = read_text(Trickle(text.as_bytes(), step), &Limits::default()).unwrap();
            assert_eq!(got, text);
        }
    }

    /// The message of a `Document` error for the whole document.
    fn message(e: impl Into<AnyError>) -> String {
        match e.into().0 {
            OkrError::Document { path, message } if path.is_empty() => message,
            other => panic!("{other:?}"),
        }
    }

    /// Either error, for [`message`].
    struct AnyError(OkrError);

    impl From<ReadError> for AnyError {
        fn from(e: ReadError) -> Self {
            match e {
                ReadError::Okr(e) => AnyError(e),
                other => panic!("{other:?}"),
            }
        }
    }

    impl From<OkrError> for AnyError {
        fn from(e: OkrError) -> Self {
            AnyError(e)
        }
    }

    #[test]
    fn the_first_invalid_byte_is_named_wherever_the_chunks_end() {
        // a euro sign (e2 82 ac) cut short at byte 10, then more text
        let bytes = b"{\n  \"a\": \"\xe2\x82\"}\n";
        for step in [1, 2, 3, 10, 11, 12, 100] {
            let err = read_text(Trickle(bytes, step), &Limits::default()).unwrap_err();
            assert_eq!(
                message(err),
                "invalid UTF-8 at byte 10 (line 2, column 9)",
                "{step}"
            );
        }
        assert_eq!(
            message(text_from_bytes(bytes, &Limits::default()).unwrap_err()),
            "invalid UTF-8 at byte 10 (line 2, column 9)"
        );
        // a sequence the end of the input cuts short
        let cut = "invalid UTF-8 at byte 3 (line 2, column 1): a sequence cut short by the end of the input";
        for step in [1, 3, 100] {
            let err = read_text(Trickle(b"{}\n\xf0\x9f", step), &Limits::default()).unwrap_err();
            assert_eq!(message(err), cut);
        }
        assert_eq!(
            message(text_from_bytes(b"{}\n\xf0\x9f", &Limits::default()).unwrap_err()),
            cut
        );
    }

    #[test]
    fn text_from_bytes_checks_the_size_first() {
        let err = text_from_bytes(&[0xff; 11], &small(10)).unwrap_err();
        assert_eq!(err.code(), "limit_exceeded");
        assert_eq!(
            text_from_bytes(b"\xef\xbb\xbf{}", &small(10)).unwrap(),
            "\u{feff}{}"
        );
    }

    #[test]
    fn utf16_length_over_the_limit_is_refused() {
        check_utf16_len(10, &small(10)).unwrap();
        let err = check_utf16_len(11, &small(10)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "limit exceeded: document size (bytes, at least the string's UTF-16 length) is 11, the limit is 10"
        );
    }

    #[test]
    fn an_interrupted_read_is_tried_again() {
        struct Interrupts<'a>(&'a [u8], bool);
        impl Read for Interrupts<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                self.1 = !self.1;
                if self.1 {
                    return Err(std::io::ErrorKind::Interrupted.into());
                }
                let n = buf.len().min(self.0.len()).min(3);
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let text = "{\"version\": 1}";
        let got = read_text(Interrupts(text.as_bytes(), false), &Limits::default()).unwrap();
        assert_eq!(got, text);
    }

    #[test]
    fn io_errors_are_passed_on() {
        struct Fails;
        impl Read for Fails {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk on fire"))
            }
        }
        let err = read_text(Fails, &Limits::default()).unwrap_err();
        assert!(matches!(err, ReadError::Io(_)), "{err:?}");
        assert_eq!(err.to_string(), "disk on fire");
    }

    #[test]
    fn snapshots_are_read_as_bytes_and_text_as_text() {
        let limits = Limits::default();
        let mut snap = SNAPSHOT_MAGIC.to_vec();
        snap.extend_from_slice(&[0xff, 0xfe, 0x00, 0x80]);
        for bytes in [&snap[..], b"{\"version\": 1}"] {
            let got = read_raw(Trickle(bytes, 1), None, &limits, Utf8::UnlessSnapshot).unwrap();
            assert_eq!(got, bytes);
        }
        // text is still checked, byte by byte too
        let err = read_raw(Trickle(b"{\xff}", 1), None, &limits, Utf8::UnlessSnapshot).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid UTF-8 at byte 1 (line 1, column 2)"
        );
        // as are the first bytes of the magic followed by anything else
        let mut almost = SNAPSHOT_MAGIC[..5].to_vec();
        almost.push(b'x');
        assert!(read_raw(&almost[..], None, &limits, Utf8::UnlessSnapshot).is_err());
        // and read as text, a snapshot is no text
        assert!(read_text(&snap[..], &limits).is_err());
        // the size limit holds for snapshots
        let small = Limits {
            max_document_bytes: 10,
            ..Limits::default()
        };
        let err = read_raw(&snap[..], None, &small, Utf8::UnlessSnapshot).unwrap_err();
        assert!(err.to_string().contains("limit exceeded"), "{err}");
    }
}
