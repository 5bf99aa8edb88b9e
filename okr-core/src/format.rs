//! The formats of every text renderer and message (the report, explanations, analytics, lint
//! and error messages, graph pictures): one way to print a percentage, points, a number and an
//! undefined figure, and one way to escape the text of a document (ids, titles, names) for a
//! terminal.
//!
//! # Numbers
//! [`number`] is the shortest text that reads back as the same `f64` (`0.1`, `1234.5`), in
//! exponent form below 1e-6 and from 1e16 on (`1e-300`, `1.5e300`), so no message prints a
//! number with hundreds of digits. The fixed-decimal formats ([`percent`], [`points`],
//! [`decimal`], [`fixed`]) switch to that form from 1e15 on.
//!
//! # Escaping
//! [`escape`] writes the characters that a terminal would act on, or that reorder the text
//! around them, as Rust writes them in a string literal: `\t`, `\n`, `\r`, and `\u{1b}` (lower
//! case hexadecimal, no leading zeros) for every other one. Those characters are the C0 controls
//! (U+0000 to U+001F), DEL (U+007F), the C1 controls (U+0080 to U+009F), the line and paragraph
//! separators (U+2028, U+2029) and the bidirectional controls and marks (U+061C, U+200E,
//! U+200F, U+202A to U+202E, U+2066 to U+2069). Every other character, the backslash included,
//! is written as it is: the escaped text is for reading, not for parsing back.

use std::borrow::Cow;
use std::fmt;

/// How an undefined figure is printed (progress with nothing counting, a missing value):
/// the README's word.
pub const UNDEFINED: &str = "undefined";

/// Magnitudes from which the fixed-decimal formats switch to [`number`]'s exponent form.
const FIXED_MAX: f64 = 1e15;

/// A number as the shortest text that reads back as the same `f64`, in exponent form when its
/// magnitude is below 1e-6 or at least 1e16 (see the [module docs](self)).
///
/// ```
/// use okr_core::format::number;
/// assert_eq!(number(0.25), "0.25");
/// assert_eq!(number(3.0), "3");
/// assert_eq!(number(1e-300), "1e-300");
/// assert_eq!(number(-1.5e300), "-1.5e300");
/// assert_eq!(number(123456789.5), "123456789.5");
/// ```
pub fn number(x: f64) -> String {
    let a = x.abs();
    if a == 0.0 || !a.is_finite() || (1e-6..1e16).contains(&a) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// `x` with `decimals` decimals (`{:.N}`), or [`number`]'s form from 1e15 on.
///
/// ```
/// use okr_core::format::fixed;
/// assert_eq!(fixed(0.256, 2), "0.26");
/// assert_eq!(fixed(1e300, 2), "1e300");
/// ```
pub fn fixed(x: f64, decimals: usize) -> String {
    if x.abs() < FIXED_MAX {
        format!("{x:.decimals$}")
    } else {
        number(x)
    }
}

/// `x * 100` with `decimals` decimals and `sign` when asked, as [`fixed`] does; the exponent
/// form is scaled in text, so a ratio near the largest `f64` gives its true percentage.
fn hundredfold(x: f64, decimals: usize, signed: bool) -> String {
    let v = x * 100.0;
    let plus = if signed && x >= 0.0 { "+" } else { "" };
    if v.abs() < FIXED_MAX || !x.is_finite() {
        if signed {
            format!("{v:+.decimals$}")
        } else {
            format!("{v:.decimals$}")
        }
    } else {
        let s = format!("{x:e}");
        match s.split_once('e').map(|(m, e)| (m, e.parse::<i32>())) {
            Some((m, Ok(e))) => format!("{plus}{m}e{}", e + 2),
            _ => format!("{plus}{s}"),
        }
    }
}

/// A ratio as a percentage with one decimal (`0.392` -> `"39.2%"`), or [`UNDEFINED`] for
/// `None`. Takes an `f64` or an `Option<f64>`.
///
/// ```
/// use okr_core::format::percent;
/// assert_eq!(percent(0.392), "39.2%");
/// assert_eq!(percent(Some(1.0)), "100.0%");
/// assert_eq!(percent(None), "undefined");
/// assert_eq!(percent(1.5e300), "1.5e302%");
/// ```
pub fn percent(p: impl Into<Option<f64>>) -> String {
    match p.into() {
        Some(p) => format!("{}%", hundredfold(p, 1, false)),
        None => UNDEFINED.to_string(),
    }
}

/// A ratio as percentage points with one decimal: `0.153` -> `"15.3 pts"`; with `signed`,
/// always with its sign (`"+15.3 pts"`).
pub fn points(x: f64, signed: bool) -> String {
    format!("{} pts", hundredfold(x, 1, signed))
}

/// A plain figure with two decimals (`"0.25"`), or `-` when there is nothing to measure
/// (scorecard signals).
pub fn decimal(v: Option<f64>) -> String {
    v.map_or("-".into(), |v| fixed(v, 2))
}

/// Is `c` escaped by [`escape`]?
pub fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Text from a document (an id, a title, a name) made safe for a terminal: control,
/// separator and bidirectional characters escaped as the [module docs](self) say. Borrows
/// when there is nothing to escape.
///
/// ```
/// use okr_core::format::escape;
/// assert_eq!(escape("Win \u{1b}[2J customers"), "Win \\u{1b}[2J customers");
/// assert_eq!(escape("a\u{202e}b\r\n"), "a\\u{202e}b\\r\\n");
/// assert_eq!(escape("Zürich → 2027"), "Zürich → 2027");
/// ```
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                use fmt::Write as _;
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`escape`] as a `Display`: `format!("{:<20}", Escaped(id))` pads the escaped text, so
/// column widths are those of what is printed.
#[derive(Debug, Clone, Copy)]
pub struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&escape(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_at_every_magnitude() {
        for (x, s) in [
            (0.0, "0"),
            (1.0, "1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e-6, "0.000001"),
            (9.5e-7, "9.5e-7"),
            (1e15, "1000000000000000"),
            (1e16, "1e16"),
            (1e-300, "1e-300"),
            (1e300, "1e300"),
            (-1e300, "-1e300"),
            (f64::MAX, "1.7976931348623157e308"),
            (5e-324, "5e-324"),
        ] {
            assert_eq!(number(x), s, "{x:e}");
            assert_eq!(number(x).parse::<f64>().unwrap(), x);
        }
        for x in [1e300, -1e300, 1e-300, f64::MAX] {
            for s in [percent(x), points(x, true), decimal(Some(x)), fixed(x, 3)] {
                assert!(s.len() < 30, "{s}");
            }
        }
        assert_eq!(percent(f64::MAX), "1.7976931348623157e310%");
        assert_eq!(points(-1e300, true), "-1e302 pts");
        assert_eq!(points(1e300, true), "+1e302 pts");
        assert_eq!(points(0.153, true), "+15.3 pts");
        assert_eq!(points(0.153, false), "15.3 pts");
        assert_eq!(percent(1e-300), "0.0%");
        assert_eq!(decimal(Some(0.256)), "0.26");
    }

    #[test]
    fn escapes_controls_separators_and_bidi_only() {
        let all: String = (0u32..=0x2070).filter_map(char::from_u32).collect();
        let escaped = escape(&all);
        assert!(!escaped.chars().any(needs_escape));
        for c in [
            '\u{1b}', '\u{7}', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}',
        ] {
            assert!(needs_escape(c), "{c:?}");
            assert_eq!(escape(&c.to_string()), format!("\\u{{{:x}}}", c as u32));
        }
        for c in [' ', '~', '\u{a0}', 'é', '█', '—', '\u{200b}', '\\', '"'] {
            assert!(!needs_escape(c), "{c:?}");
        }
        assert!(matches!(escape("plain"), Cow::Borrowed("plain")));
        assert_eq!(format!("[{:<9}]", Escaped("a\u{1b}")), "[a\\u{1b}  ]");
        assert_eq!(format!("[{:>8}]", Escaped("a\tb")), "[    a\\tb]");
    }
}
