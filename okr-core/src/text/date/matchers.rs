//! The matchers of a time expression at one token: each reads one form
//! (`2027-03-31`, `by May 15`, `Q3 2027`, `next quarter`, `EOY`, ...) and
//! resolves it to a calendar period.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::calendar::{Cal, Period, month_period, span_months, ymd};
use super::words::{
    adjacent, count_at, day_number, fy_word, num, plain_year, season_end_month, trailing_year,
    unit_months,
};
use super::{DeadlineKind, STRONG_PREPS, w};
use crate::text::lexicon::{month_is_ambiguous, month_number};
use crate::text::token::{NumTok, TokKind, Token};

/// A matched period, the token after the match, and the kind of period.
pub(super) type Found = (Period, usize, DeadlineKind);

/// The token a matcher starts at, with its neighbourhood.
#[derive(Clone, Copy)]
struct At<'a> {
    toks: &'a [Token],
    i: usize,
    /// The token at `i`.
    t: &'a Token,
    /// Its lower-cased text.
    l: &'a str,
    /// The word before it, or `""`.
    prev: &'a str,
}

/// Every matcher, in the order they are tried: the first match wins.
const MATCHERS: &[fn(&At, &Cal) -> Option<Found>] = &[
    numeric_date,
    dotted_date,
    month_slash_day,
    month_name,
    day_first,
    quarter_or_half,
    early_or_late_year,
    number_first_half_or_quarter,
    mid_year,
    this_or_next_period,
    period_end,
    possessive_period_end,
    abbreviation_or_day_word,
    bare_fiscal_year,
    fiscal_year_word,
    plain_year_in_context,
    weekday,
    season,
];

/// Tries every matcher at token `i`: returns the period, the token after the
/// match and the kind of period.
pub(super) fn match_at(toks: &[Token], i: usize, cal: &Cal) -> Option<Found> {
    let t = &toks[i];
    let at = At {
        toks,
        i,
        t,
        l: t.lower.as_str(),
        prev: if i > 0 { w(toks, i - 1) } else { "" },
    };
    MATCHERS.iter().find_map(|m| m(&at, cal))
}

/// ISO or numeric dates of five adjacent tokens: `2027-03-31`, `31/12/2027`,
/// `12.31.27`.
fn numeric_date(at: &At, _cal: &Cal) -> Option<Found> {
    let At { toks, i, t, .. } = *at;
    if t.kind == TokKind::Number && i + 4 < toks.len() {
        let sep = w(toks, i + 1);
        if (sep == "-" || sep == "/" || sep == ".")
            && w(toks, i + 3) == sep
            && adjacent(t, &toks[i + 1])
            && adjacent(&toks[i + 1], &toks[i + 2])
            && adjacent(&toks[i + 2], &toks[i + 3])
            && adjacent(&toks[i + 3], &toks[i + 4])
        {
            let (a, b, c) = (num(t), num(&toks[i + 2]), num(&toks[i + 4]));
            if let (Some(a), Some(b), Some(c)) = (a, b, c) {
                let plain = |n: &NumTok| n.suffix.is_empty() && !n.has_sep;
                if plain(&a) && plain(&b) && plain(&c) {
                    let (av, bv, cv) = (a.value as u32, b.value as u32, c.value as u32);
                    let date = if a.int_digits == 4 {
                        ymd(av as i32, bv, cv)
                    } else if c.int_digits == 4 || c.int_digits == 2 {
                        let y = if c.int_digits == 2 {
                            2000 + cv as i32
                        } else {
                            cv as i32
                        };
                        if av > 12 {
                            ymd(y, bv, av)
                        } else {
                            ymd(y, av, bv)
                        }
                    } else {
                        None
                    };
                    return date.map(|d| (Period::day(d), i + 5, DeadlineKind::Day));
                }
            }
        }
    }
    None
}

/// Dotted single-token dates: `31.12.2027`, `2027.12.31`.
fn dotted_date(at: &At, _cal: &Cal) -> Option<Found> {
    let At { i, t, .. } = *at;
    if t.kind == TokKind::Number && t.lower.matches('.').count() == 2 {
        let parts: Vec<&str> = t.lower.split('.').collect();
        if parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
        {
            let v: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
            let date = if parts[0].len() == 4 {
                ymd(v[0] as i32, v[1], v[2])
            } else if parts[2].len() == 4 {
                ymd(v[2] as i32, v[1], v[0])
            } else {
                None
            };
            return date.map(|d| (Period::day(d), i + 1, DeadlineKind::Day));
        }
    }
    None
}

/// Month/day without a year after a deadline preposition: `by 12/31`.
fn month_slash_day(at: &At, cal: &Cal) -> Option<Found> {
    let At {
        toks, i, t, prev, ..
    } = *at;
    if t.kind == TokKind::Number
        && matches!(
            prev,
            "by" | "before" | "until" | "on" | "through" | "thru" | "till"
        )
        && w(toks, i + 1) == "/"
        && toks.get(i + 2).is_some_and(|x| x.kind == TokKind::Number)
        && w(toks, i + 3) != "/"
        && let (Some(a), Some(b)) = (num(t), num(&toks[i + 2]))
        && a.suffix.is_empty()
        && b.suffix.is_empty()
        && !a.has_sep
        && !b.has_sep
    {
        let (a, b) = (a.value as u32, b.value as u32);
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        if let Some(p) = cal.month_day(m, d, None) {
            return Some((p, i + 3, DeadlineKind::Day));
        }
    }
    None
}

/// A month name with an optional day and year: `December 31, 2027`,
/// `Mar. 31`, `mid-May`, `March 2027`, `May end`.
fn month_name(at: &At, cal: &Cal) -> Option<Found> {
    let At {
        toks,
        i,
        t,
        l,
        prev,
    } = *at;
    if let Some(m) = month_number(l)
        && t.kind == TokKind::Word
    {
        // `Mar. 31`: an abbreviation's full stop.
        let dot = usize::from(
            w(toks, i + 1) == "." && l.len() <= 4 && toks.get(i + 2).and_then(day_number).is_some(),
        );
        let next_day = toks.get(i + 1 + dot).and_then(day_number);
        let next_year = toks.get(i + 1).and_then(plain_year);
        let ok = !month_is_ambiguous(l)
            || next_day.is_some()
            || next_year.is_some()
            || STRONG_PREPS.contains(&prev)
            || prev == "mid"
            || (prev == "-" && i >= 2 && w(toks, i - 2) == "mid");
        let blocked = l == "may"
            && matches!(
                prev,
                "we" | "i" | "you" | "they" | "it" | "this" | "that" | "which"
            );
        if ok && !blocked {
            let mid = prev == "mid" || (prev == "-" && i >= 2 && w(toks, i - 2) == "mid");
            if let Some(d) = next_day {
                let mut j = i + 2 + dot;
                let mut year = None;
                let k = if w(toks, j) == "," { j + 1 } else { j };
                if let Some(y) = toks.get(k).and_then(plain_year) {
                    year = Some(y);
                    j = k + 1;
                }
                if let Some(p) = cal.month_day(m, d, year) {
                    return Some((p, j, DeadlineKind::Day));
                }
            } else {
                let (year, mut j) = trailing_year(toks, i + 1, cal, false);
                if w(toks, j) == "end" {
                    j += 1;
                }
                if mid {
                    if let Some(p) = cal.month_day(m, 15, year) {
                        return Some((p, j, DeadlineKind::Day));
                    }
                } else if let Some(p) = cal.month(m, year) {
                    return Some((p, j, DeadlineKind::Month));
                }
            }
        }
    }
    None
}

/// Day first: `15 May [2027]`, `15th of May`.
fn day_first(at: &At, cal: &Cal) -> Option<Found> {
    let At { toks, i, t, .. } = *at;
    if let Some(d) = day_number(t) {
        let k = if w(toks, i + 1) == "of" { i + 2 } else { i + 1 };
        if let Some(m) = toks
            .get(k)
            .filter(|x| x.kind == TokKind::Word)
            .and_then(|x| month_number(&x.lower))
        {
            let (year, j) = match toks.get(k + 1).and_then(plain_year) {
                Some(y) => (Some(y), k + 2),
                None => (None, k + 1),
            };
            if let Some(p) = cal.month_day(m, d, year) {
                return Some((p, j, DeadlineKind::Day));
            }
        }
    }
    None
}

/// Quarters and halves: `Q1 [2027]`, `H2 '27`, `fourth quarter [of 2027]`,
/// `Q4 end`.
fn quarter_or_half(at: &At, cal: &Cal) -> Option<Found> {
    let At { toks, i, l, .. } = *at;
    let qh = match l {
        "q1" => Some(('q', 1)),
        "q2" => Some(('q', 2)),
        "q3" => Some(('q', 3)),
        "q4" => Some(('q', 4)),
        "h1" => Some(('h', 1)),
        "h2" => Some(('h', 2)),
        _ => None,
    };
    let (qh, after) = match qh {
        Some(x) => (Some(x), i + 1),
        None => {
            let ord = match l {
                "first" | "1st" => Some(1),
                "second" | "2nd" => Some(2),
                "third" | "3rd" => Some(3),
                "fourth" | "4th" | "last" => Some(4),
                _ => None,
            };
            match (ord, w(toks, i + 1)) {
                (Some(o), "quarter") if l != "last" => (Some(('q', o)), i + 2),
                (Some(o), "half") if o <= 2 => (Some(('h', o)), i + 2),
                _ => (None, i),
            }
        }
    };
    if let Some((c, n)) = qh {
        let mut j = after;
        let mut year = None;
        if w(toks, j) == "of" && w(toks, j + 1) == "the" && w(toks, j + 2) == "year" {
            j += 3;
        } else {
            let (y, nj) = trailing_year(toks, j, cal, true);
            year = y;
            j = nj;
        }
        if w(toks, j) == "end" {
            j += 1;
        } else if w(toks, j) == "-" && w(toks, j + 1) == "end" {
            j += 2;
        }
        if let Some((p, kind)) = quarter_or_half_period(cal, c == 'q', n, year) {
            return Some((p, j, kind));
        }
    }
    None
}

/// Quarter `n` (when `quarter`) or half `n` of fiscal year `year`, or the
/// next one ending on or after today, with its kind.
fn quarter_or_half_period(
    cal: &Cal,
    quarter: bool,
    n: u32,
    year: Option<i32>,
) -> Option<(Period, DeadlineKind)> {
    if quarter {
        cal.quarter(n, year).map(|p| (p, DeadlineKind::Quarter))
    } else {
        cal.half(n, year).map(|p| (p, DeadlineKind::Half))
    }
}

/// `early 2027` (the end of its first quarter), `late 2027` (its end),
/// `early next year`, `later this year`.
fn early_or_late_year(at: &At, cal: &Cal) -> Option<Found> {
    let At { toks, i, l, .. } = *at;
    if matches!(l, "early" | "late" | "later") {
        let mut j = i + 1;
        if w(toks, j) == "-" {
            j += 1;
        }
        let (year, nj) = trailing_year(toks, j, cal, false);
        if let Some(y) = year {
            let p = if l == "early" {
                span_months(y, 1, 3)
            } else {
                span_months(y, 1, 12)
            };
            if let Some(p) = p {
                return Some((p, nj, DeadlineKind::Year));
            }
        }
    }
    None
}

/// `1H27`, `2H 2027`, `1Q27`: a half or a quarter written number first.
fn number_first_half_or_quarter(at: &At, cal: &Cal) -> Option<Found> {
    let At { toks, i, t, .. } = *at;
    if t.kind == TokKind::Number {
        let b = t.lower.as_bytes();
        if b.len() >= 2
            && matches!(b[1], b'h' | b'q')
            && (b[0] == b'1' || b[0] == b'2' || b[1] == b'q' && matches!(b[0], b'3' | b'4'))
            && b[2..].iter().all(u8::is_ascii_digit)
            && matches!(b.len() - 2, 0 | 2 | 4)
        {
            let n = (b[0] - b'0') as u32;
            let (year, j) = if b.len() == 2 {
                trailing_year(toks, i + 1, cal, true)
            } else {
                let v: i32 = t.lower[2..].parse().unwrap_or(0);
                (Some(if b.len() == 4 { 2000 + v } else { v }), i + 1)
            };
            // A bare `2h` is two hours; only a year makes it a half.
            if year.is_some()
                && let Some((p, kind)) = quarter_or_half_period(cal, b[1] == b'q', n, year)
            {
                return Some((p, j, kind));
            }
        }
    }
    None
}

/// `mid-year`, `midyear` (the end of the first half), `mid-2027` (the end
/// of its June).
fn mid_year(at: &At, cal: &Cal) -> Option<Found> {
    let At { toks, i, l, .. } = *at;
    if l == "midyear" || l == "mid" {
        let mut j = i + 1;
        if l == "mid" && w(toks, j) == "-" {
            j += 1;
        }
        let target = if l == "midyear" { "year" } else { w(toks, j) };
        let j = if l == "midyear" { i + 1 } else { j + 1 };
        if target == "year"
            && let Some(p) = cal.half(1, None)
        {
            return Some((p, j, DeadlineKind::Half));
        }
        if let Some(y) = toks.get(j - 1).and_then(plain_year)
            && let Some(p) = span_months(y, 6, 1)
        {
            return Some((p, j, DeadlineKind::Month));
        }
    }
    None
}

/// `this`, `next`, `current`, `the` [`fiscal`|`calendar`] `quarter`,
/// `year`, `month`, `week`, `half` [`end`], and `the year 2027`.
fn this_or_next_period(at: &At, cal: &Cal) -> Option<Found> {
    let At {
        toks, i, l, prev, ..
    } = *at;
    let rel = match l {
        "this" | "current" | "the" => Some(0),
        "next" | "coming" | "following" => Some(1),
        _ => None,
    };
    if let Some(off) = rel {
        let mut j = i + 1;
        let mut calendar = false;
        if w(toks, j) == "calendar" {
            calendar = true;
            j += 1;
        } else if matches!(w(toks, j), "fiscal" | "financial") {
            j += 1;
        }
        let unit = w(toks, j);
        let allowed_the = l != "the"
            || matches!(
                prev,
                "before" | "by" | "until" | "through" | "in" | "during"
            )
            || (prev == "of"
                && i >= 2
                && matches!(
                    w(toks, i - 2),
                    "end" | "start" | "beginning" | "close" | "rest" | "remainder" | "balance"
                ));
        if matches!(unit, "quarter" | "year" | "month" | "week" | "half" | "fy") && allowed_the {
            let mut e = j + 1;
            if w(toks, e) == "end" {
                e += 1;
            } else if w(toks, e) == "-" && w(toks, e + 1) == "end" {
                e += 2;
            }
            // `the end of the year 2027`, `the calendar year 2027`.
            let named = if l == "the" && matches!(unit, "year" | "fy") {
                toks.get(j + 1).and_then(plain_year)
            } else {
                None
            };
            if let Some(y) = named {
                let fiscal = matches!(w(toks, i + 1), "fiscal" | "financial") || unit == "fy";
                if let Some(p) = cal.year(y, !fiscal) {
                    return Some((p, j + 2, DeadlineKind::Year));
                }
            }
            if let Some(p) = cal.current(unit, off, calendar) {
                let kind = match unit {
                    "quarter" => DeadlineKind::Quarter,
                    "month" => DeadlineKind::Month,
                    "week" => DeadlineKind::Week,
                    "half" => DeadlineKind::Half,
                    _ => DeadlineKind::Year,
                };
                return Some((p, e, kind));
            }
        }
    }
    None
}

/// `end of [the] year`, `year end`, `year-end [2027]`, `quarter end`,
/// `end of fiscal year`: the current period unless a year is named.
fn period_end(at: &At, cal: &Cal) -> Option<Found> {
    let At {
        toks, i, l, prev, ..
    } = *at;
    if matches!(l, "year" | "quarter" | "month" | "week") {
        let mut j = i + 1;
        let ends = if w(toks, j) == "end" {
            j += 1;
            true
        } else if w(toks, j) == "-" && w(toks, j + 1) == "end" {
            j += 2;
            true
        } else {
            false
        };
        let calendar = prev == "calendar";
        let after_end_of = prev == "of" && i >= 2 && w(toks, i - 2) == "end";
        let after_fiscal_end = matches!(prev, "fiscal" | "calendar" | "financial")
            && i >= 3
            && w(toks, i - 2) == "of"
            && w(toks, i - 3) == "end";
        if ends || after_end_of || after_fiscal_end {
            // `year-end 2027`, `end of calendar year 2027`, `end of year 2027`.
            if l == "year" {
                let (named, nj) = trailing_year(toks, j, cal, !calendar);
                if let Some(y) = named
                    && let Some(p) = cal.year(y, calendar)
                {
                    return Some((p, nj, DeadlineKind::Year));
                }
            }
            if let Some(p) = cal.current(l, 0, calendar) {
                return Some((p, j, DeadlineKind::Year));
            }
        }
    }
    None
}

/// `year's end`, `quarter's end`, `month's end`.
fn possessive_period_end(at: &At, cal: &Cal) -> Option<Found> {
    let At { toks, i, l, .. } = *at;
    if let Some(unit) = l
        .strip_suffix("'s")
        .or_else(|| l.strip_suffix("\u{2019}s"))
        .or_else(|| l.strip_suffix("s'"))
        && matches!(unit, "year" | "quarter" | "month")
        && w(toks, i + 1) == "end"
        && let Some(p) = cal.current(unit, 0, false)
    {
        let kind = match unit {
            "quarter" => DeadlineKind::Quarter,
            "month" => DeadlineKind::Month,
            _ => DeadlineKind::Year,
        };
        return Some((p, i + 2, kind));
    }
    None
}

/// `EOY [2027]`, `YE27`, `EOQ`, `EOM`, `today`, `EOD`, `tomorrow`.
fn abbreviation_or_day_word(at: &At, cal: &Cal) -> Option<Found> {
    let At { toks, i, l, .. } = *at;
    match l {
        "yearend" | "eoy" | "ye" => {
            // `EOY 2027`, `YE27`.
            let (named, nj) = trailing_year(toks, i + 1, cal, true);
            if let Some(p) = named.and_then(|y| cal.year(y, false)) {
                return Some((p, nj, DeadlineKind::Year));
            }
            return cal
                .current("year", 0, false)
                .map(|p| (p, i + 1, DeadlineKind::Year));
        }
        "eoq" => {
            return cal
                .current("quarter", 0, false)
                .map(|p| (p, i + 1, DeadlineKind::Quarter));
        }
        "eom" => {
            return cal
                .current("month", 0, false)
                .map(|p| (p, i + 1, DeadlineKind::Month));
        }
        "today" | "tonight" | "eod" => {
            let d = cal.as_of;
            return Some((Period::day(d), i + 1, DeadlineKind::Day));
        }
        "tomorrow" => {
            let d = cal.as_of.succ_opt()?;
            return Some((Period::day(d), i + 1, DeadlineKind::Day));
        }
        _ => {}
    }
    None
}

/// A bare `FY` after a deadline preposition is the current fiscal year
/// (`by end of FY`; `this FY` is [`this_or_next_period`]).
fn bare_fiscal_year(at: &At, cal: &Cal) -> Option<Found> {
    let At {
        toks, i, l, prev, ..
    } = *at;
    if l == "fy"
        && fy_word(toks, i).is_none()
        && (STRONG_PREPS.contains(&prev) || prev == "the")
        && let Some(p) = cal.current("fy", 0, false)
    {
        return Some((p, i + 1, DeadlineKind::Year));
    }
    None
}

/// `FY2027`, `FY27`, `FY 2027`: that fiscal year.
fn fiscal_year_word(at: &At, cal: &Cal) -> Option<Found> {
    let At { toks, i, .. } = *at;
    if let Some((y, j)) = fy_word(toks, i)
        && let Some(p) = cal.year(y, false)
    {
        return Some((p, j, DeadlineKind::Year));
    }
    None
}

/// A plain year after a deadline preposition: `in 2027`, `by 2030`,
/// `for fiscal 2027`, `end-2027`.
fn plain_year_in_context(at: &At, cal: &Cal) -> Option<Found> {
    let At {
        toks, i, t, prev, ..
    } = *at;
    if let Some(y) = plain_year(t) {
        let year_ctx = STRONG_PREPS.contains(&prev) && prev != "on" && prev != "at"
            || matches!(prev, "for" | "throughout")
            || (prev == "-" && i >= 2 && w(toks, i - 2) == "end")
            || (matches!(prev, "fiscal" | "financial" | "calendar")
                && i >= 2
                && (STRONG_PREPS.contains(&w(toks, i - 2)) || w(toks, i - 2) == "for"));
        if year_ctx
            && !(prev == "of" && i >= 2 && !matches!(w(toks, i - 2), "end" | "start" | "beginning"))
        {
            let mut j = i + 1;
            if w(toks, j) == "end" {
                j += 1;
            }
            if let Some(p) = cal.year(y, !matches!(prev, "fiscal" | "financial")) {
                return Some((p, j, DeadlineKind::Year));
            }
        }
    }
    None
}

/// A weekday after `by`, `before`, `until`, `on`, `this` or `next`: its
/// next occurrence, today included.
fn weekday(at: &At, cal: &Cal) -> Option<Found> {
    let At { i, l, prev, .. } = *at;
    let wd = match l {
        "monday" => Some(Weekday::Mon),
        "tuesday" => Some(Weekday::Tue),
        "wednesday" => Some(Weekday::Wed),
        "thursday" => Some(Weekday::Thu),
        "friday" => Some(Weekday::Fri),
        "saturday" => Some(Weekday::Sat),
        "sunday" => Some(Weekday::Sun),
        _ => None,
    };
    if let Some(wd) = wd
        && matches!(prev, "by" | "before" | "until" | "on" | "this" | "next")
    {
        let mut d = cal.as_of;
        for _ in 0..7 {
            if d.weekday() == wd {
                break;
            }
            d = d.succ_opt()?;
        }
        return Some((Period::day(d), i + 1, DeadlineKind::Day));
    }
    None
}

/// A season after `by`, `before`, `until`, `this`, `of`, `in` or `next`:
/// the end of its last month.
fn season(at: &At, cal: &Cal) -> Option<Found> {
    let At {
        toks, i, l, prev, ..
    } = *at;
    if let Some(em) = season_end_month(l)
        && matches!(
            prev,
            "by" | "before" | "until" | "this" | "of" | "in" | "next"
        )
    {
        let (year, j) = trailing_year(toks, i + 1, cal, false);
        let p = match year {
            Some(y) => month_period(if em == 2 { y + 1 } else { y }, em),
            None => cal.month(em, None),
        };
        if let Some(p) = p {
            return Some((p, j, DeadlineKind::Season));
        }
    }
    None
}

/// Relative duration at i: `within 6 weeks`, `in the next 30 days`, `over the next two quarters`.
pub(super) fn match_relative(toks: &[Token], i: usize, cal: &Cal) -> Option<(NaiveDate, usize)> {
    let l = w(toks, i);
    let mut j = i;
    if matches!(l, "within" | "in" | "over" | "during") {
        j += 1;
        if w(toks, j) == "the" {
            j += 1;
        }
        if matches!(w(toks, j), "next" | "coming" | "following") {
            j += 1;
        }
    } else if l == "next" {
        j += 1;
    } else {
        return None;
    }
    // `within the next year`, `over the coming quarter`: one unit from today.
    let bare_unit = matches!(l, "within" | "over")
        && j >= 1
        && matches!(w(toks, j - 1), "next" | "coming" | "following")
        && unit_months(w(toks, j)).is_some();
    let (count, j) = if bare_unit {
        (1.0, j.wrapping_sub(1))
    } else {
        (count_at(toks, j)?, j)
    };
    let (days, months) = unit_months(w(toks, j + 1))?;
    if !(0.0..=10_000.0).contains(&count) {
        return None;
    }
    let mut end = j + 2;
    if w(toks, end) == "from" && w(toks, end + 1) == "now" {
        end += 2;
    }
    let date = if months > 0 {
        let total = (count * months as f64).round() as u32;
        cal.as_of.checked_add_months(chrono::Months::new(total))?
    } else {
        let total = (count * days as f64).round() as i64;
        cal.as_of.checked_add_signed(Duration::days(total))?
    };
    Some((date, end))
}
