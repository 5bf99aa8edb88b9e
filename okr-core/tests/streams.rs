//! Documents read from streams, files and bytes: the size limit holds on every input (a device,
//! a pipe, a stream that never ends), a byte order mark is skipped, bytes that are not UTF-8
//! are named by their position.

use std::io::Read;
use std::path::{Path, PathBuf};

use okr_core::OkrError;
use okr_core::document::{
    self, Limits, READ_CHUNK, ReadError, check_str, load_str, read_file, read_text, text_from_bytes,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

fn limits(max_document_bytes: usize) -> Limits {
    Limits {
        max_document_bytes,
        ..Limits::default()
    }
}

/// Counts the bytes a reader hands out.
struct Counted<R>(R, usize);

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        self.1 += n;
        Ok(n)
    }
}

#[test]
fn a_stream_that_never_ends_is_read_up_to_the_limit_and_no_further() {
    for limit in [10, 100_000, 5 * READ_CHUNK] {
        let mut endless = Counted(std::io::repeat(b' '), 0);
        let err = read_text(&mut endless, &limits(limit)).unwrap_err();
        assert!(
            endless.1 <= limit + READ_CHUNK,
            "read {} for {limit}",
            endless.1
        );
        match err {
            ReadError::Okr(OkrError::LimitExceeded {
                what,
                limit: l,
                actual,
            }) => {
                assert_eq!(what, "document size (bytes read before stopping)");
                assert_eq!(l, limit as u64);
                // honest: what was read, which is over the limit
                assert_eq!(actual, endless.1 as u64);
                assert!(actual > l);
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_device_is_read_within_the_limit() {
    let err = read_file(Path::new("/dev/zero"), &limits(1 << 20)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "limit exceeded: document size (bytes read before stopping) is 1048577, the limit is 1048576"
    );
    // a document of exactly the limit is read whole
    let text = std::fs::read_to_string(fixture("bom.json")).unwrap();
    let len = std::fs::metadata(fixture("bom.json")).unwrap().len() as usize;
    assert_eq!(read_file(&fixture("bom.json"), &limits(len)).unwrap(), text);
    // and one byte more is refused from the file's length, before reading it
    let err = read_file(&fixture("bom.json"), &limits(len - 1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "limit exceeded: document size (bytes) is {len}, the limit is {}",
            len - 1
        )
    );
}

#[test]
fn a_missing_file_is_an_io_error() {
    let err = read_file(Path::new("/no/such/okr.json"), &Limits::default()).unwrap_err();
    match err {
        ReadError::Io(e) => assert_eq!(e.kind(), std::io::ErrorKind::NotFound),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_document_with_a_byte_order_mark_loads_saves_and_loads_again_unchanged() {
    let bytes = std::fs::read(fixture("bom.json")).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"));
    let text = read_file(&fixture("bom.json"), &Limits::default()).unwrap();
    assert_eq!(text_from_bytes(&bytes, &Limits::default()).unwrap(), text);
    assert_eq!(check_str(&text), vec![]);
    let graph = load_str(&text).unwrap();
    assert!(graph.objective("top").is_some());
    // the same document without the mark loads to the same graph
    let plain = load_str(text.strip_prefix('\u{feff}').unwrap()).unwrap();
    let saved = graph.to_json();
    assert_eq!(saved, plain.to_json());
    // saving writes no mark, and what was saved loads again unchanged
    assert!(saved.starts_with('{'));
    assert_eq!(load_str(&saved).unwrap().to_json(), saved);
    assert!(document::parse_str(&text).is_ok());
}

#[test]
fn only_one_byte_order_mark_is_skipped() {
    let text = std::fs::read_to_string(fixture("bom.json")).unwrap();
    let twice = format!("\u{feff}{text}");
    assert_eq!(load_str(&twice).unwrap_err().code(), "document");
    assert_eq!(check_str(&twice).len(), 1);
    // a mark anywhere else is not skipped either
    let inside = text.replacen("\"version\"", "\u{feff}\"version\"", 1);
    assert_eq!(load_str(&inside).unwrap_err().code(), "document");
}

#[test]
fn bytes_that_are_not_utf8_name_the_first_bad_byte() {
    let text = std::fs::read_to_string(fixture("bom.json")).unwrap();
    let at = text.find("Lead the market").unwrap() + 5;
    let mut bytes = text.into_bytes();
    bytes[at] = 0xff;
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    let column = at
        - bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    let expected = format!("invalid UTF-8 at byte {at} (line {line}, column {column})");
    // the same in a stream read a few bytes at a time, and in a slice
    for step in [1, 7, READ_CHUNK] {
        let chunks = Chunks(&bytes, step);
        match read_text(chunks, &Limits::default()).unwrap_err() {
            ReadError::Okr(OkrError::Document { path, message }) => {
                assert_eq!(path, "");
                assert_eq!(message, expected);
            }
            other => panic!("{other:?}"),
        }
    }
    match text_from_bytes(&bytes, &Limits::default()).unwrap_err() {
        OkrError::Document { message, .. } => assert_eq!(message, expected),
        other => panic!("{other:?}"),
    }
}

/// Hands out a slice at most `.1` bytes at a time.
struct Chunks<'a>(&'a [u8], usize);

impl Read for Chunks<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.1.min(buf.len()).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}
