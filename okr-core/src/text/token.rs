//! The hand-written tokenizer of the analyser and the suggestions: words,
//! numbers and single punctuation characters, each with a byte span into the
//! original text (always on char boundaries). [`TokenizeOptions`] say which
//! characters other than letters and digits join a token.

/// Kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// A run of letters (may contain digits, e.g. `Q1`, `P1`, `v2.5`).
    Word,
    /// A run starting with an ASCII digit (e.g. `1,000`, `2.5`, `25k`, `15th`).
    Number,
    /// One non-alphanumeric, non-space character.
    Punct,
}

/// One token.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// Lower-cased text.
    pub lower: String,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Kind.
    pub kind: TokKind,
}

/// How [`tokenize`] joins characters into one word or number token. Letters
/// and digits always join; these options say which other characters do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TokenizeOptions {
    /// `,` or `.` between two digits joins them (`1,000`, `2.5`, `v2.5`).
    /// Off, each digit group is a token (`1,200ms` is `1`, `,`, `200ms`).
    pub join_digit_groups: bool,
    /// Which apostrophes stay inside a word.
    pub apostrophes: Apostrophes,
    /// `&` between two letters or digits joins them (`S&OP`, `P&L`); off, it
    /// is a punctuation token. Spaced ("R & D"), it always is.
    pub join_ampersand: bool,
}

/// Which apostrophes [`tokenize`] keeps inside a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Apostrophes {
    /// `'` or `’` between two letters of a word (`team's`, `don’t`), never in
    /// a number.
    BetweenLetters,
    /// Every ASCII `'` after a token's first character, trailing ones included
    /// (`teams'`, `90's`, `a''b`); the caller trims the trailing ones.
    Ascii,
}

impl TokenizeOptions {
    /// The analyser's tokens: whole numbers (`1,200ms`), apostrophes between
    /// letters, `&` as punctuation.
    pub(crate) const ANALYSIS: Self = Self {
        join_digit_groups: true,
        apostrophes: Apostrophes::BetweenLetters,
        join_ampersand: false,
    };
}

/// Does the non-alphanumeric character at `j`, inside a token that started
/// before it (a number when `numeric`), join the characters on either side
/// of it into that token?
fn joins_across(chars: &[(usize, char)], j: usize, numeric: bool, opts: TokenizeOptions) -> bool {
    let (Some(&(_, prev)), Some(&(_, next))) = (chars.get(j.wrapping_sub(1)), chars.get(j + 1))
    else {
        return false;
    };
    match chars[j].1 {
        '.' | ',' => opts.join_digit_groups && prev.is_ascii_digit() && next.is_ascii_digit(),
        '\'' | '\u{2019}' => {
            opts.apostrophes == Apostrophes::BetweenLetters
                && !numeric
                && prev.is_alphabetic()
                && next.is_alphabetic()
        }
        '&' => opts.join_ampersand && prev.is_alphanumeric() && next.is_alphanumeric(),
        // the sign of an exponent: `1e-7`, `2.5E+3`
        '-' | '+' => {
            numeric
                && matches!(prev, 'e' | 'E')
                && next.is_ascii_digit()
                && chars
                    .get(j.wrapping_sub(2))
                    .is_some_and(|&(_, c)| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Tokenize `text`. Never panics; every span lies on char boundaries.
pub(crate) fn tokenize(text: &str, opts: TokenizeOptions) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let numeric = c.is_ascii_digit();
            let mut j = i + 1;
            while j < n {
                let d = chars[j].1;
                if d.is_alphanumeric() {
                    j += 1;
                } else if joins_across(&chars, j, numeric, opts) {
                    j += 2;
                } else if d == '\'' && opts.apostrophes == Apostrophes::Ascii {
                    j += 1;
                } else {
                    break;
                }
            }
            let s = byte_at(start);
            let e = byte_at(j);
            let raw = &text[s..e];
            out.push(Token {
                lower: raw.to_lowercase(),
                start: s,
                end: e,
                kind: if numeric {
                    TokKind::Number
                } else {
                    TokKind::Word
                },
            });
            i = j;
            continue;
        }
        let s = byte_at(i);
        let e = byte_at(i + 1);
        out.push(Token {
            lower: text[s..e].to_string(),
            start: s,
            end: e,
            kind: TokKind::Punct,
        });
        i += 1;
    }
    out
}

/// A parsed number token.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NumTok {
    /// Numeric value of the digit part (separators removed, suffix not applied).
    pub value: f64,
    /// Lower-case suffix after the digits and any exponent (`k`, `m`, `ms`, `th`, `x`, ...),
    /// may be empty.
    pub suffix: String,
    /// Number of digits before any decimal point.
    pub int_digits: usize,
    /// The digit part contained a separator (`,` or `.`) or an exponent (`1e6`): not a plain
    /// integer such as a year or a day.
    pub has_sep: bool,
}

/// The exponent at the start of a number's suffix (`e308`, `e-7`, `e+3`) and the rest of the
/// suffix after it.
fn exponent(suffix: &str) -> Option<(i32, &str)> {
    let rest = suffix.strip_prefix('e')?;
    let sign_len = usize::from(rest.starts_with(['-', '+']));
    let digits = rest[sign_len..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if digits == 0 {
        return None;
    }
    let end = sign_len + digits;
    // beyond any finite f64 either way: saturate, the value says the rest
    let e = rest[..end]
        .parse::<i32>()
        .unwrap_or(if rest.starts_with('-') {
            i32::MIN
        } else {
            i32::MAX
        });
    Some((e, &rest[end..]))
}

/// Parse a number token's lower-case text: digits with thousands separators or a decimal
/// point, an optional exponent (`1e308`, `2.5e-3`) and a suffix. `None` for a value beyond
/// the range of `f64` (`1e309`): no number at all, rather than a wrong one.
pub(crate) fn parse_number(lower: &str) -> Option<NumTok> {
    let bytes = lower.as_bytes();
    let mut k = 0;
    while k < bytes.len() && (bytes[k].is_ascii_digit() || bytes[k] == b',' || bytes[k] == b'.') {
        k += 1;
    }
    let digits = &lower[..k];
    let (exp, suffix) = match exponent(&lower[k..]) {
        Some((e, rest)) => (Some(e), rest.to_string()),
        None => (None, lower[k..].to_string()),
    };
    if digits.is_empty() || !digits.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let has_sep = digits.contains(',') || digits.contains('.') || exp.is_some();
    let groups: Vec<&str> = digits.split(',').collect();
    let normalized: String = if groups.len() > 1 {
        let thousands = groups[1..].iter().enumerate().all(|(gi, g)| {
            let last = gi + 2 == groups.len();
            let int_part = if last {
                g.split('.').next().unwrap_or("")
            } else {
                g
            };
            int_part.len() == 3 && (last || !g.contains('.'))
        });
        if thousands {
            groups.concat()
        } else if groups.len() == 2 && !digits.contains('.') {
            format!("{}.{}", groups[0], groups[1])
        } else {
            groups[0].to_string()
        }
    } else {
        digits.to_string()
    };
    // Keep at most one decimal point.
    let mut parts = normalized.splitn(3, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    let int_digits = int.len();
    let mut text = match frac {
        Some(f) if !f.is_empty() => format!("{int}.{f}"),
        _ => int.to_string(),
    };
    if let Some(e) = exp {
        text = format!("{text}e{e}");
    }
    let value: f64 = text.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    Some(NumTok {
        value,
        suffix,
        int_digits,
        has_sep,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_numbers_and_words() {
        let t = tokenize(
            "Grow MRR from $80k to 1,200ms by Q4-2027.",
            TokenizeOptions::ANALYSIS,
        );
        let l: Vec<&str> = t.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            l,
            [
                "grow", "mrr", "from", "$", "80k", "to", "1,200ms", "by", "q4", "-", "2027", "."
            ]
        );
        assert_eq!(t[4].kind, TokKind::Number);
    }

    #[test]
    fn options_join_digit_groups_apostrophes_and_ampersands() {
        let text = "S&OP 1,200ms teams' don\u{2019}t 90's";
        let lower =
            |opts| -> Vec<String> { tokenize(text, opts).into_iter().map(|t| t.lower).collect() };
        assert_eq!(
            lower(TokenizeOptions::ANALYSIS),
            [
                "s",
                "&",
                "op",
                "1,200ms",
                "teams",
                "'",
                "don\u{2019}t",
                "90",
                "'",
                "s"
            ]
        );
        let other = TokenizeOptions {
            join_digit_groups: false,
            apostrophes: Apostrophes::Ascii,
            join_ampersand: true,
        };
        assert_eq!(
            lower(other),
            [
                "s&op", "1", ",", "200ms", "teams'", "don", "\u{2019}", "t", "90's"
            ]
        );
    }

    #[test]
    fn parses_numbers() {
        assert_eq!(parse_number("1,000").unwrap().value, 1000.0);
        assert_eq!(parse_number("2.5").unwrap().value, 2.5);
        let n = parse_number("25k").unwrap();
        assert_eq!((n.value, n.suffix.as_str()), (25.0, "k"));
        assert_eq!(parse_number("1,200ms").unwrap().value, 1200.0);
        assert_eq!(parse_number("2,5").unwrap().value, 2.5);
        assert_eq!(parse_number("15th").unwrap().suffix, "th");
    }

    #[test]
    fn parses_exponents_and_refuses_numbers_beyond_f64() {
        // `1e308` used to be 1 with the suffix `e308`
        let n = parse_number("1e308").unwrap();
        assert_eq!((n.value, n.suffix.as_str(), n.has_sep), (1e308, "", true));
        let n = parse_number("2.5e3ms").unwrap();
        assert_eq!((n.value, n.suffix.as_str()), (2500.0, "ms"));
        assert_eq!(parse_number("1e-7").unwrap().value, 1e-7);
        assert_eq!(parse_number("4e+2").unwrap().value, 400.0);
        assert_eq!(parse_number("1e-99999999999").unwrap().value, 0.0);
        assert_eq!(parse_number("1e309"), None);
        assert_eq!(parse_number("1e99999999999"), None);
        // `e` without digits is a suffix as before
        let n = parse_number("10eur").unwrap();
        assert_eq!((n.value, n.suffix.as_str()), (10.0, "eur"));
        assert_eq!(parse_number("3e").unwrap().suffix, "e");
        // the sign of an exponent joins the token; a hyphen elsewhere does not
        let lower = |text| -> Vec<String> {
            tokenize(text, TokenizeOptions::ANALYSIS)
                .into_iter()
                .map(|t| t.lower)
                .collect()
        };
        assert_eq!(lower("to 1E-7 by"), ["to", "1e-7", "by"]);
        assert_eq!(
            lower("2026-12 e-7 1e-x"),
            ["2026", "-", "12", "e", "-", "7", "1e", "-", "x"]
        );
    }

    #[test]
    fn multibyte_is_safe() {
        let t = tokenize("€300 für Kunden—ça va 你好 12", TokenizeOptions::ANALYSIS);
        for tok in &t {
            assert!(tok.end <= "€300 für Kunden—ça va 你好 12".len());
        }
    }
}
