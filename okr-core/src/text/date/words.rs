//! The words and numbers of time expressions: years, days, fiscal years,
//! units of a duration and seasons.

use chrono::Datelike;

use super::calendar::Cal;
use super::w;
use crate::text::lexicon::number_word;
use crate::text::token::{NumTok, TokKind, Token, parse_number};

pub(super) fn num(t: &Token) -> Option<NumTok> {
    if t.kind == TokKind::Number {
        parse_number(&t.lower)
    } else {
        None
    }
}

/// A plain 4-digit year between 1900 and 2199.
pub(crate) fn plain_year(t: &Token) -> Option<i32> {
    let n = num(t)?;
    if n.suffix.is_empty() && !n.has_sep && n.int_digits == 4 && (1900.0..2200.0).contains(&n.value)
    {
        Some(n.value as i32)
    } else {
        None
    }
}

pub(super) fn day_number(t: &Token) -> Option<u32> {
    let n = num(t)?;
    if n.has_sep || n.int_digits > 2 {
        return None;
    }
    if !matches!(n.suffix.as_str(), "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let v = n.value as u32;
    (1..=31).contains(&v).then_some(v)
}

pub(super) fn adjacent(a: &Token, b: &Token) -> bool {
    a.end == b.start
}

/// Optional year after a period expression: `2027`, `'27`, `-2027`, `FY27`,
/// `of 2027`, `of next year`, `this year`. Relative years count fiscal years
/// when `fiscal` is set (quarters, halves), calendar years otherwise.
pub(super) fn trailing_year(
    toks: &[Token],
    j: usize,
    cal: &Cal,
    fiscal: bool,
) -> (Option<i32>, usize) {
    let mut k = j;
    if matches!(w(toks, k), "of" | "," | "-" | "/")
        && toks.get(k + 1).and_then(plain_year).is_some()
    {
        k += 1;
    }
    if let Some(y) = toks.get(k).and_then(plain_year) {
        return (Some(y), k + 1);
    }
    if (w(toks, k) == "'" || w(toks, k) == "\u{2019}")
        && let Some(n) = toks.get(k + 1).and_then(num)
        && n.int_digits == 2
        && n.suffix.is_empty()
        && !n.has_sep
    {
        return (Some(2000 + n.value as i32), k + 2);
    }
    if let Some(y) = fy_word(toks, k) {
        return (Some(y.0), y.1);
    }
    // `of next year`, `next year`, `of the following year`, `this fiscal year`.
    let mut r = j;
    if w(toks, r) == "of" {
        r += 1;
    }
    if w(toks, r) == "the" && matches!(w(toks, r + 1), "following" | "next" | "current") {
        r += 1;
    }
    let off = match w(toks, r) {
        "this" | "current" => Some(0),
        "next" | "following" | "coming" => Some(1),
        _ => None,
    };
    if let Some(off) = off {
        let mut e = r + 1;
        let mut fiscal = fiscal;
        match w(toks, e) {
            "fiscal" | "financial" => {
                fiscal = true;
                e += 1;
            }
            "calendar" => {
                fiscal = false;
                e += 1;
            }
            _ => {}
        }
        if matches!(w(toks, e), "year" | "fy") {
            let base = if fiscal {
                cal.fy_of(cal.as_of)
            } else {
                cal.as_of.year()
            };
            return (Some(base + off), e + 1);
        }
    }
    (None, j)
}

/// `FY2027`, `FY27`, `FY 2027`, `FY 27` at k: returns (year, end). Two digits are a year of
/// this century; four digits are that year, any of them (`FY9999`): after `FY` a number is a
/// year, unlike a bare number, which is one only from 1900 to 2199 ([`plain_year`]).
pub(super) fn fy_word(toks: &[Token], k: usize) -> Option<(i32, usize)> {
    let t = toks.get(k)?;
    if t.kind != TokKind::Word {
        return None;
    }
    let l = t.lower.as_str();
    if let Some(rest) = l.strip_prefix("fy") {
        if rest.is_empty() {
            let n = toks.get(k + 1).and_then(num)?;
            if n.has_sep || !n.suffix.is_empty() {
                return None;
            }
            return match n.int_digits {
                2 => Some((2000 + n.value as i32, k + 2)),
                4 => Some((n.value as i32, k + 2)),
                _ => None,
            };
        }
        if rest.bytes().all(|b| b.is_ascii_digit()) {
            let v: i32 = rest.parse().ok()?;
            return match rest.len() {
                2 => Some((2000 + v, k + 1)),
                4 => Some((v, k + 1)),
                _ => None,
            };
        }
    }
    None
}

pub(super) fn season_end_month(w: &str) -> Option<u32> {
    Some(match w {
        "spring" => 5,
        "summer" => 8,
        "autumn" | "fall" => 11,
        "winter" => 2,
        _ => return None,
    })
}

pub(super) fn unit_months(u: &str) -> Option<(i64, i32)> {
    // (days, months)
    Some(match u {
        "day" | "days" => (1, 0),
        "week" | "weeks" | "wk" | "wks" => (7, 0),
        "month" | "months" | "mo" | "mos" => (0, 1),
        "quarter" | "quarters" => (0, 3),
        "year" | "years" | "yr" | "yrs" => (0, 12),
        _ => return None,
    })
}

pub(super) fn count_at(toks: &[Token], k: usize) -> Option<f64> {
    let t = toks.get(k)?;
    if let Some(n) = num(t) {
        if n.suffix.is_empty() {
            return Some(n.value);
        }
        return None;
    }
    match t.lower.as_str() {
        "a" | "an" => Some(1.0),
        other => number_word(other),
    }
}
