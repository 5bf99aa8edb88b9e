//! Parser for `lint-text` input lines: plain text, or `KIND<TAB>TEXT`; read from a string or,
//! a line at a time, from a stream ([`LintTextLines`]).

use std::io::BufRead;

use super::StatementKind;
use crate::document::Limits;

/// One parsed input line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintTextLine {
    /// 1-based line number in the input (1 for [`parse_lint_text_line`]).
    pub line: usize,
    /// Statement kind (`goal` when not given).
    pub kind: StatementKind,
    /// Statement text.
    pub text: String,
}

/// Error for a bad input line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LintInputError {
    /// The part before the tab is not a known kind.
    #[error(
        "line {line}: unknown statement kind `{}` (expected objective, key_result or goal)",
        crate::format::escape(kind)
    )]
    UnknownKind {
        /// 1-based line number.
        line: usize,
        /// The kind as written.
        kind: String,
    },
    /// Nothing after the kind.
    #[error("line {line}: empty statement")]
    EmptyText {
        /// 1-based line number.
        line: usize,
    },
    /// A line longer than the limit on a statement ([`Limits::max_string_bytes`]); the rest of
    /// it was skipped without being kept.
    #[error("line {line}: limit exceeded: the line is longer than {limit} bytes")]
    TooLong {
        /// 1-based line number.
        line: usize,
        /// The limit, in bytes.
        limit: usize,
    },
    /// A line that is not UTF-8.
    #[error("line {line}: invalid UTF-8 at column {column} (in bytes)")]
    InvalidUtf8 {
        /// 1-based line number.
        line: usize,
        /// 1-based column, in bytes, of the first byte that is not UTF-8.
        column: usize,
    },
    /// The stream failed; nothing after it is read.
    #[error("line {line}: cannot read: {message}")]
    Read {
        /// 1-based number of the line being read.
        line: usize,
        /// The I/O error.
        message: String,
    },
}

fn parse_at(line_no: usize, line: &str) -> Result<LintTextLine, LintInputError> {
    let line = line.trim_end_matches(['\r', '\n']);
    let (kind, text) = match line.split_once('\t') {
        Some((k, t)) => {
            let kind = k
                .parse::<StatementKind>()
                .map_err(|_| LintInputError::UnknownKind {
                    line: line_no,
                    kind: k.trim().to_string(),
                })?;
            (kind, t)
        }
        None => (StatementKind::Goal, line),
    };
    let text = text.trim();
    if text.is_empty() {
        return Err(LintInputError::EmptyText { line: line_no });
    }
    Ok(LintTextLine {
        line: line_no,
        kind,
        text: text.to_string(),
    })
}

/// Parse one line.
pub fn parse_lint_text_line(line: &str) -> Result<LintTextLine, LintInputError> {
    parse_at(1, line)
}

/// Parse a whole input; blank lines are skipped, line numbers are 1-based. The same rules as
/// [`LintTextLines`] (a leading byte order mark skipped, lines within the default
/// [`Limits::max_string_bytes`]).
pub fn parse_lint_text_input(input: &str) -> Vec<Result<LintTextLine, LintInputError>> {
    LintTextLines::new(input.as_bytes(), &Limits::default()).collect()
}

/// The statements of a `lint-text` stream, one line at a time: each line parsed as
/// [`parse_lint_text_line`] does, blank lines skipped, a byte order mark at the very start
/// skipped. A line is kept in memory only up to `limits.max_string_bytes` (the limit on any one
/// string of a document, so on a title): a longer line is [`LintInputError::TooLong`] and the
/// rest of it is read past without being kept; a line that is not UTF-8 is
/// [`LintInputError::InvalidUtf8`]; reading goes on with the next line either way. A failing
/// stream ends the lines with [`LintInputError::Read`].
///
/// ```
/// use okr_core::document::Limits;
/// use okr_core::lint::{LintInputError, LintTextLines, StatementKind};
/// let limits = Limits { max_string_bytes: 30, ..Limits::default() };
/// let input = "objective\tGrow revenue\n\n\n\u{2014}a line much longer than thirty bytes\nkey_result\tNPS 40\n";
/// let lines: Vec<_> = LintTextLines::new(input.as_bytes(), &limits).collect();
/// assert_eq!(lines.len(), 3);
/// assert_eq!(lines[0].as_ref().unwrap().kind, StatementKind::Objective);
/// assert_eq!(lines[1], Err(LintInputError::TooLong { line: 4, limit: 30 }));
/// assert_eq!(lines[2].as_ref().unwrap().text, "NPS 40");
/// ```
///
/// # Complexity
/// O(n) time in the input's bytes; memory O(`max_string_bytes`) plus the reader's buffer,
/// whatever the number and length of the lines.
#[derive(Debug)]
pub struct LintTextLines<R> {
    reader: R,
    max_line_bytes: usize,
    /// Lines read so far.
    line: usize,
    /// The current line, up to `max_line_bytes`.
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> LintTextLines<R> {
    /// Reads `reader` within `limits` (its `max_string_bytes` bounds a line).
    pub fn new(reader: R, limits: &Limits) -> Self {
        LintTextLines {
            reader,
            max_line_bytes: limits.max_string_bytes,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    /// Reads the next line into `buf` (without its `\n`), keeping at most `max_line_bytes`.
    /// `Ok(None)` at the end of the input; `Ok(Some(len))` with the line's full length.
    fn read_line(&mut self) -> std::io::Result<Option<usize>> {
        self.buf.clear();
        let mut len = 0usize;
        let mut any = false;
        loop {
            let avail = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                self.done = true;
                return Ok(any.then_some(len));
            }
            any = true;
            let (piece, used, end) = match avail.iter().position(|&b| b == b'\n') {
                Some(i) => (&avail[..i], i + 1, true),
                None => (avail, avail.len(), false),
            };
            if len.saturating_add(piece.len()) <= self.max_line_bytes {
                self.buf.extend_from_slice(piece);
            }
            len = len.saturating_add(piece.len());
            self.reader.consume(used);
            if end {
                return Ok(Some(len));
            }
        }
    }
}

impl<R: BufRead> Iterator for LintTextLines<R> {
    type Item = Result<LintTextLine, LintInputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            let len = match self.read_line() {
                Ok(Some(len)) => len,
                Ok(None) => return None,
                Err(e) => {
                    self.done = true;
                    return Some(Err(LintInputError::Read {
                        line: self.line + 1,
                        message: e.to_string(),
                    }));
                }
            };
            self.line += 1;
            let line = self.line;
            if len > self.max_line_bytes {
                return Some(Err(LintInputError::TooLong {
                    line,
                    limit: self.max_line_bytes,
                }));
            }
            let text = match std::str::from_utf8(&self.buf) {
                Ok(t) => t,
                Err(e) => {
                    return Some(Err(LintInputError::InvalidUtf8 {
                        line,
                        column: e.valid_up_to() + 1,
                    }));
                }
            };
            let text = match line {
                1 => text.strip_prefix('\u{feff}').unwrap_or(text),
                _ => text,
            };
            if !text.trim().is_empty() {
                return Some(parse_at(line, text));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines() {
        let l = parse_lint_text_line("Grow MRR to $1M").unwrap();
        assert_eq!(l.kind, StatementKind::Goal);
        let l = parse_lint_text_line("key_result\tGrow MRR to $1M\r\n").unwrap();
        assert_eq!(
            (l.kind, l.text.as_str()),
            (StatementKind::KeyResult, "Grow MRR to $1M")
        );
        let e = parse_lint_text_line("kr\tGrow").unwrap_err();
        assert_eq!(
            e,
            LintInputError::UnknownKind {
                line: 1,
                kind: "kr".into()
            }
        );
        assert!(e.to_string().contains("unknown statement kind `kr`"));
        assert!(matches!(
            parse_lint_text_line("objective\t  "),
            Err(LintInputError::EmptyText { .. })
        ));
        let all = parse_lint_text_input("a\n\nobjective\tB\nbad\tC\n");
        assert_eq!(all.len(), 3);
        assert_eq!(all[1].as_ref().unwrap().line, 3);
        assert!(all[2].is_err());
    }

    fn limited(n: usize) -> Limits {
        Limits {
            max_string_bytes: n,
            ..Limits::default()
        }
    }

    #[test]
    fn a_leading_bom_is_skipped_once() {
        let all = parse_lint_text_input("\u{feff}objective\tGrow\r\n\u{feff}b\n");
        assert_eq!(all[0].as_ref().unwrap().kind, StatementKind::Objective);
        assert_eq!(all[0].as_ref().unwrap().text, "Grow");
        // only at the start of the input
        assert_eq!(all[1].as_ref().unwrap().text, "\u{feff}b");
    }

    #[test]
    fn a_long_line_is_an_error_and_the_next_line_is_read() {
        let input = format!(
            "{}\nkey_result\tNPS 40\n{}",
            "x".repeat(1000),
            "y".repeat(21)
        );
        // a reader with a tiny buffer: the long line arrives in many pieces
        let reader = std::io::BufReader::with_capacity(3, input.as_bytes());
        let mut lines = LintTextLines::new(reader, &limited(20));
        assert_eq!(
            lines.next(),
            Some(Err(LintInputError::TooLong { line: 1, limit: 20 }))
        );
        assert!(lines.buf.capacity() < 100, "the long line was kept");
        let good = lines.next().unwrap().unwrap();
        assert_eq!((good.line, good.text.as_str()), (2, "NPS 40"));
        assert_eq!(
            lines.next(),
            Some(Err(LintInputError::TooLong { line: 3, limit: 20 }))
        );
        assert_eq!(lines.next(), None);
        // exactly the limit is fine
        let ok = parse_at(1, &"z".repeat(10)).unwrap();
        let z = "z".repeat(10);
        let mut lines = LintTextLines::new(z.as_bytes(), &limited(10));
        assert_eq!(lines.next(), Some(Ok(ok)));
    }

    #[test]
    fn a_line_that_is_not_utf8_is_an_error_and_the_next_line_is_read() {
        let input: &[u8] = b"ok\nab\xffc\nfine\n";
        let all: Vec<_> = LintTextLines::new(input, &Limits::default()).collect();
        assert_eq!(all.len(), 3);
        assert_eq!(
            all[1],
            Err(LintInputError::InvalidUtf8 { line: 2, column: 3 })
        );
        assert_eq!(all[2].as_ref().unwrap().text, "fine");
    }

    #[test]
    fn a_failing_stream_ends_the_lines() {
        struct Fails(bool);
        impl std::io::Read for Fails {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if std::mem::replace(&mut self.0, true) {
                    return Err(std::io::Error::other("gone"));
                }
                buf[..3].copy_from_slice(b"a\nb");
                Ok(3)
            }
        }
        let all: Vec<_> =
            LintTextLines::new(std::io::BufReader::new(Fails(false)), &Limits::default()).collect();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].as_ref().unwrap().text, "a");
        assert_eq!(
            all[1],
            Err(LintInputError::Read {
                line: 2,
                message: "gone".into()
            })
        );
    }
}
