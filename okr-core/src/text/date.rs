//! Deadline extraction: finds time expressions and resolves them to the last
//! day of the named period, relative to a reference date and a fiscal-year
//! start month.
//!
//! Fiscal years are named after the calendar year in which they end (with a
//! January start the fiscal year equals the calendar year). Quarters and
//! halves without a year resolve to the next such period ending on or after
//! the reference date; a month/day without a year resolves to the next
//! occurrence on or after the reference date.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::lexicon::{month_is_ambiguous, month_number, number_word};
use super::token::{NumTok, TokKind, Token, parse_number};

/// What kind of period a deadline names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// A calendar day.
    Day,
    /// A month.
    Month,
    /// A week.
    Week,
    /// A (fiscal) quarter.
    Quarter,
    /// A (fiscal) half year.
    Half,
    /// A (fiscal or calendar) year.
    Year,
    /// A duration from the reference date (`within 6 weeks`).
    Relative,
    /// A season.
    Season,
}

/// A matched time expression.
#[derive(Debug, Clone)]
pub(crate) struct DateMatch {
    pub date: NaiveDate,
    pub first: usize,
    pub end: usize,
    pub kind: DeadlineKind,
    pub rank: u8,
}

/// A time window that could not be resolved to a date (`this sprint`).
#[derive(Debug, Clone)]
pub(crate) struct WindowMatch {
    pub first: usize,
    pub end: usize,
}

#[derive(Clone, Copy)]
struct Period {
    start: NaiveDate,
    end: NaiveDate,
}

pub(crate) struct Cal {
    pub today: NaiveDate,
    pub fs: u32,
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn shift_month(y: i32, m: u32, k: i32) -> Option<(i32, u32)> {
    let idx = (y as i64) * 12 + (m as i64 - 1) + k as i64;
    let ny = idx.div_euclid(12);
    let nm = idx.rem_euclid(12) as u32 + 1;
    if !(-200_000..=200_000).contains(&ny) {
        return None;
    }
    Some((ny as i32, nm))
}

fn month_period(y: i32, m: u32) -> Option<Period> {
    let start = ymd(y, m, 1)?;
    let (ny, nm) = shift_month(y, m, 1)?;
    let end = ymd(ny, nm, 1)?.pred_opt()?;
    Some(Period { start, end })
}

fn span_months(y: i32, m: u32, len: i32) -> Option<Period> {
    let first = month_period(y, m)?;
    let (ly, lm) = shift_month(y, m, len - 1)?;
    let last = month_period(ly, lm)?;
    Some(Period {
        start: first.start,
        end: last.end,
    })
}

impl Cal {
    fn fs(&self) -> u32 {
        if (1..=12).contains(&self.fs) {
            self.fs
        } else {
            1
        }
    }

    /// Fiscal year (named by the calendar year it ends in) containing `d`.
    fn fy_of(&self, d: NaiveDate) -> i32 {
        let fs = self.fs();
        if fs == 1 || d.month() < fs {
            d.year()
        } else {
            d.year() + 1
        }
    }

    fn fy_start(&self, fy: i32) -> (i32, u32) {
        let fs = self.fs();
        if fs == 1 { (fy, 1) } else { (fy - 1, fs) }
    }

    fn fy_part(&self, fy: i32, first_month_offset: i32, len: i32) -> Option<Period> {
        let (y, m) = self.fy_start(fy);
        let (sy, sm) = shift_month(y, m, first_month_offset)?;
        span_months(sy, sm, len)
    }

    fn year(&self, fy: i32, calendar: bool) -> Option<Period> {
        if calendar {
            span_months(fy, 1, 12)
        } else {
            self.fy_part(fy, 0, 12)
        }
    }

    /// Fiscal quarter `q` (1..=4); with no year, the next one ending on/after today.
    fn quarter(&self, q: u32, fy: Option<i32>) -> Option<Period> {
        let off = (q as i32 - 1) * 3;
        match fy {
            Some(fy) => self.fy_part(fy, off, 3),
            None => {
                let cur = self.fy_of(self.today);
                for fy in [cur, cur + 1] {
                    let p = self.fy_part(fy, off, 3)?;
                    if p.end >= self.today {
                        return Some(p);
                    }
                }
                None
            }
        }
    }

    fn half(&self, h: u32, fy: Option<i32>) -> Option<Period> {
        let off = (h as i32 - 1) * 6;
        match fy {
            Some(fy) => self.fy_part(fy, off, 6),
            None => {
                let cur = self.fy_of(self.today);
                for fy in [cur, cur + 1] {
                    let p = self.fy_part(fy, off, 6)?;
                    if p.end >= self.today {
                        return Some(p);
                    }
                }
                None
            }
        }
    }

    fn current(&self, unit: &str, offset: i32, calendar: bool) -> Option<Period> {
        let t = self.today;
        match unit {
            "year" | "fy" => {
                let fy = if calendar { t.year() } else { self.fy_of(t) };
                self.year(fy + offset, calendar)
            }
            "quarter" | "half" => {
                let len = if unit == "quarter" { 3 } else { 6 };
                let fy = self.fy_of(t);
                let (y, m) = self.fy_start(fy);
                let months = ((t.year() - y) * 12 + t.month() as i32 - m as i32).max(0);
                let idx = months / len + offset;
                self.fy_part(fy, idx * len, len)
            }
            "month" => {
                let (y, m) = shift_month(t.year(), t.month(), offset)?;
                month_period(y, m)
            }
            "week" => {
                let start = t - Duration::days(t.weekday().num_days_from_monday() as i64)
                    + Duration::weeks(offset as i64);
                Some(Period {
                    start,
                    end: start + Duration::days(6),
                })
            }
            _ => None,
        }
    }

    /// Next occurrence of month/day on or after today.
    fn month_day(&self, m: u32, d: u32, y: Option<i32>) -> Option<Period> {
        let date = match y {
            Some(y) => ymd(y, m, d)?,
            None => {
                let this = ymd(self.today.year(), m, d);
                match this {
                    Some(x) if x >= self.today => x,
                    _ => ymd(self.today.year() + 1, m, d)?,
                }
            }
        };
        Some(Period {
            start: date,
            end: date,
        })
    }

    fn month(&self, m: u32, y: Option<i32>) -> Option<Period> {
        match y {
            Some(y) => month_period(y, m),
            None => {
                let p = month_period(self.today.year(), m)?;
                if p.end >= self.today {
                    Some(p)
                } else {
                    month_period(self.today.year() + 1, m)
                }
            }
        }
    }
}

fn num(t: &Token) -> Option<NumTok> {
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

fn day_number(t: &Token) -> Option<u32> {
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

fn adjacent(a: &Token, b: &Token) -> bool {
    a.end == b.start
}

const PREPS: &[&str] = &[
    "by",
    "before",
    "until",
    "till",
    "til",
    "through",
    "thru",
    "in",
    "on",
    "during",
    "at",
    "end",
    "of",
    "the",
    "close",
    "start",
    "beginning",
    "no",
    "later",
    "than",
    "prior",
    "ending",
    "due",
    "rest",
    "remainder",
    "throughout",
];

const STRONG_PREPS: &[&str] = &[
    "by",
    "before",
    "until",
    "till",
    "til",
    "through",
    "thru",
    "in",
    "on",
    "during",
    "end",
    "of",
    "due",
    "ending",
    "throughout",
];

fn w(toks: &[Token], i: usize) -> &str {
    toks.get(i).map(|t| t.lower.as_str()).unwrap_or("")
}

/// Optional year after a period expression: `2027`, `'27`, `-2027`, `FY27`,
/// `of 2027`, `of next year`, `this year`. Relative years count fiscal years
/// when `fiscal` is set (quarters, halves), calendar years otherwise.
fn trailing_year(toks: &[Token], j: usize, cal: &Cal, fiscal: bool) -> (Option<i32>, usize) {
    let mut k = j;
    if matches!(w(toks, k), "of" | "," | "-" | "/")
        && toks.get(k + 1).and_then(plain_year).is_some()
    {
        k += 1;
    }
    if let Some(y) = toks.get(k).and_then(plain_year) {
        return (Some(y), k + 1);
    }
    if w(toks, k) == "'" || w(toks, k) == "\u{2019}" {
        if let Some(n) = toks.get(k + 1).and_then(num) {
            if n.int_digits == 2 && n.suffix.is_empty() && !n.has_sep {
                return (Some(2000 + n.value as i32), k + 2);
            }
        }
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
                cal.fy_of(cal.today)
            } else {
                cal.today.year()
            };
            return (Some(base + off), e + 1);
        }
    }
    (None, j)
}

/// `FY2027`, `FY27`, `FY 2027`, `FY 27` at k: returns (year, end).
fn fy_word(toks: &[Token], k: usize) -> Option<(i32, usize)> {
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
                4 if (1900.0..2200.0).contains(&n.value) => Some((n.value as i32, k + 2)),
                _ => None,
            };
        }
        if rest.bytes().all(|b| b.is_ascii_digit()) {
            let v: i32 = rest.parse().ok()?;
            return match rest.len() {
                2 => Some((2000 + v, k + 1)),
                4 if (1900..2200).contains(&v) => Some((v, k + 1)),
                _ => None,
            };
        }
    }
    None
}

fn unit_months(u: &str) -> Option<(i64, i32)> {
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

fn count_at(toks: &[Token], k: usize) -> Option<f64> {
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

fn season_end_month(w: &str) -> Option<u32> {
    Some(match w {
        "spring" => 5,
        "summer" => 8,
        "autumn" | "fall" => 11,
        "winter" => 2,
        _ => return None,
    })
}

/// Try every matcher at token `i`. Returns (period, end, kind, is_relative).
fn match_at(toks: &[Token], i: usize, cal: &Cal) -> Option<(Period, usize, DeadlineKind)> {
    let t = &toks[i];
    let l = t.lower.as_str();
    let prev = if i > 0 { w(toks, i - 1) } else { "" };

    // ISO or numeric dates.
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
                    if let Some(d) = date {
                        return Some((Period { start: d, end: d }, i + 5, DeadlineKind::Day));
                    }
                }
            }
        }
    }

    // Dotted single-token dates: 31.12.2027, 2027.12.31.
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
            if let Some(d) = date {
                return Some((Period { start: d, end: d }, i + 1, DeadlineKind::Day));
            }
        }
    }
    // Month/day without a year after a deadline preposition: by 12/31.
    if t.kind == TokKind::Number
        && matches!(
            prev,
            "by" | "before" | "until" | "on" | "through" | "thru" | "till"
        )
        && w(toks, i + 1) == "/"
        && toks.get(i + 2).is_some_and(|x| x.kind == TokKind::Number)
        && w(toks, i + 3) != "/"
    {
        if let (Some(a), Some(b)) = (num(t), num(&toks[i + 2])) {
            if a.suffix.is_empty() && b.suffix.is_empty() && !a.has_sep && !b.has_sep {
                let (a, b) = (a.value as u32, b.value as u32);
                let (m, d) = if a > 12 { (b, a) } else { (a, b) };
                if let Some(p) = cal.month_day(m, d, None) {
                    return Some((p, i + 3, DeadlineKind::Day));
                }
            }
        }
    }
    // Month name [day] [, year] / [year].
    if let Some(m) = month_number(l) {
        if t.kind == TokKind::Word {
            // `Mar. 31`: an abbreviation's full stop.
            let dot = usize::from(
                w(toks, i + 1) == "."
                    && l.len() <= 4
                    && toks.get(i + 2).and_then(day_number).is_some(),
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
    }

    // Day-first: 15 May [2027], 15th of May.
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

    // Quarters and halves: Q1 [2027], H2 '27, fourth quarter [of 2027].
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
        let p = if c == 'q' {
            cal.quarter(n, year)
        } else {
            cal.half(n, year)
        };
        if let Some(p) = p {
            let kind = if c == 'q' {
                DeadlineKind::Quarter
            } else {
                DeadlineKind::Half
            };
            return Some((p, j, kind));
        }
    }

    // `early 2027` (end of its first quarter), `late 2027` (its end),
    // `early next year`, `later this year`.
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

    // `1H27`, `2H 2027`, `1Q27`: half or quarter written number-first.
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
            let p = match year {
                None => None,
                Some(_) if b[1] == b'q' => cal.quarter(n, year),
                Some(_) => cal.half(n, year),
            };
            if let Some(p) = p {
                let kind = if b[1] == b'q' {
                    DeadlineKind::Quarter
                } else {
                    DeadlineKind::Half
                };
                return Some((p, j, kind));
            }
        }
    }

    // Mid-year / mid-2027 / midyear.
    if l == "midyear" || l == "mid" {
        let mut j = i + 1;
        if l == "mid" && w(toks, j) == "-" {
            j += 1;
        }
        let target = if l == "midyear" { "year" } else { w(toks, j) };
        let j = if l == "midyear" { i + 1 } else { j + 1 };
        if target == "year" {
            if let Some(p) = cal.half(1, None) {
                return Some((p, j, DeadlineKind::Half));
            }
        }
        if let Some(y) = toks.get(j - 1).and_then(plain_year) {
            if let Some(p) = span_months(y, 6, 1) {
                return Some((p, j, DeadlineKind::Month));
            }
        }
    }

    // this/next/current [fiscal|calendar] quarter|year|month|week|half.
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

    // end of [the] year / year end / year-end / quarter end / EOY.
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
                if let Some(y) = named {
                    if let Some(p) = cal.year(y, calendar) {
                        return Some((p, nj, DeadlineKind::Year));
                    }
                }
            }
            if let Some(p) = cal.current(l, 0, calendar) {
                return Some((p, j, DeadlineKind::Year));
            }
        }
    }
    // `year's end`, `quarter's end`, `month's end`.
    if let Some(unit) = l
        .strip_suffix("'s")
        .or_else(|| l.strip_suffix("\u{2019}s"))
        .or_else(|| l.strip_suffix("s'"))
    {
        if matches!(unit, "year" | "quarter" | "month") && w(toks, i + 1) == "end" {
            if let Some(p) = cal.current(unit, 0, false) {
                let kind = match unit {
                    "quarter" => DeadlineKind::Quarter,
                    "month" => DeadlineKind::Month,
                    _ => DeadlineKind::Year,
                };
                return Some((p, i + 2, kind));
            }
        }
    }
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
            let d = cal.today;
            return Some((Period { start: d, end: d }, i + 1, DeadlineKind::Day));
        }
        "tomorrow" => {
            let d = cal.today.succ_opt()?;
            return Some((Period { start: d, end: d }, i + 1, DeadlineKind::Day));
        }
        _ => {}
    }

    // `by end of FY`, `this FY` handled above; a bare `FY` after a deadline
    // preposition is the current fiscal year.
    if l == "fy" && fy_word(toks, i).is_none() && (STRONG_PREPS.contains(&prev) || prev == "the") {
        if let Some(p) = cal.current("fy", 0, false) {
            return Some((p, i + 1, DeadlineKind::Year));
        }
    }
    // Year: in 2027, by 2030, FY2027.
    if let Some((y, j)) = fy_word(toks, i) {
        if let Some(p) = cal.year(y, false) {
            return Some((p, j, DeadlineKind::Year));
        }
    }
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

    // Weekdays.
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
    if let Some(wd) = wd {
        if matches!(prev, "by" | "before" | "until" | "on" | "this" | "next") {
            let mut d = cal.today;
            for _ in 0..7 {
                if d.weekday() == wd {
                    break;
                }
                d = d.succ_opt()?;
            }
            return Some((Period { start: d, end: d }, i + 1, DeadlineKind::Day));
        }
    }

    // Seasons.
    if let Some(em) = season_end_month(l) {
        if matches!(
            prev,
            "by" | "before" | "until" | "this" | "of" | "in" | "next"
        ) {
            let (year, j) = trailing_year(toks, i + 1, cal, false);
            let p = match year {
                Some(y) => month_period(if em == 2 { y + 1 } else { y }, em),
                None => cal.month(em, None),
            };
            if let Some(p) = p {
                return Some((p, j, DeadlineKind::Season));
            }
        }
    }
    None
}

/// Relative duration at i: `within 6 weeks`, `in the next 30 days`, `over the next two quarters`.
fn match_relative(toks: &[Token], i: usize, cal: &Cal) -> Option<(NaiveDate, usize)> {
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
        cal.today.checked_add_months(chrono::Months::new(total))?
    } else {
        let total = (count * days as f64).round() as i64;
        cal.today.checked_add_signed(Duration::days(total))?
    };
    Some((date, end))
}

/// Find every deadline and unresolved window.
pub(crate) fn find(toks: &[Token], cal: &Cal) -> (Vec<DateMatch>, Vec<WindowMatch>) {
    let mut out: Vec<DateMatch> = Vec::new();
    let mut windows = Vec::new();
    let mut i = 0;
    let mut floor = 0; // tokens before this are taken
    while i < toks.len() {
        // Per/each/every + unit is a rate, not a deadline.
        let prev = if i > 0 { w(toks, i - 1) } else { "" };
        if matches!(
            prev,
            "per" | "each" | "every" | "a" | "last" | "previous" | "prior"
        ) && matches!(w(toks, i), "year" | "quarter" | "month" | "week" | "day")
        {
            i += 1;
            continue;
        }
        let window_word = |k: usize| matches!(w(toks, k), "sprint" | "cycle" | "period" | "okr");
        if (matches!(w(toks, i), "this" | "next" | "current" | "the") && window_word(i + 1))
            || (w(toks, i) == "end" && w(toks, i + 1) == "of" && window_word(i + 2))
        {
            let len = if w(toks, i) == "end" { 3 } else { 2 };
            let back = extend_back(toks, i, floor);
            windows.push(WindowMatch {
                first: back.0,
                end: i + len,
            });
            floor = i + len;
            i += len;
            continue;
        }
        if let Some((date, end)) = match_relative(toks, i, cal) {
            out.push(DateMatch {
                date,
                first: i,
                end,
                kind: DeadlineKind::Relative,
                rank: 0,
            });
            floor = end;
            i = end;
            continue;
        }
        if let Some((p, end, kind)) = match_at(toks, i, cal) {
            if period_as_modifier(toks, i, end) {
                i = end.max(i + 1);
                continue;
            }
            let (first, mods) = extend_back(toks, i, floor);
            // `before Q2`, `before 2027`, `before next year`: the day before
            // the period starts. `before year end`, `before Q1 ends`,
            // `before the end of March` and `before May 15` keep the end.
            let names_end =
                (first..end.min(toks.len())).any(|k| {
                    matches!(
                        w(toks, k),
                        "end"
                            | "ending"
                            | "close"
                            | "mid"
                            | "midyear"
                            | "yearend"
                            | "eoy"
                            | "eoq"
                            | "eom"
                    ) || toks[k].lower.ends_with("'s")
                }) || matches!(w(toks, end), "ends" | "closes" | "end" | "is" | "finishes");
            let before_start = mods.before
                && !names_end
                && matches!(
                    kind,
                    DeadlineKind::Quarter
                        | DeadlineKind::Half
                        | DeadlineKind::Year
                        | DeadlineKind::Month
                        | DeadlineKind::Season
                );
            // `before Q4` while already in Q4 names no earlier day.
            let before_start = before_start && p.start > cal.today;
            let date = if mods.start_of || before_start {
                if mods.before {
                    p.start.pred_opt().unwrap_or(p.start)
                } else {
                    p.start
                }
            } else {
                p.end
            };
            // `before Q1 ends`: the verb belongs to the phrase.
            let end = if mods.before && matches!(w(toks, end), "ends" | "closes" | "finishes") {
                end + 1
            } else {
                end
            };
            out.push(DateMatch {
                date,
                first,
                end,
                kind,
                rank: if mods.strong { 2 } else { 1 },
            });
            floor = end;
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    (out, windows)
}

/// `the Q3 board report`, `our January newsletter`: a period name used as a
/// modifier after a determiner (and no deadline preposition) is no deadline.
fn period_as_modifier(toks: &[Token], i: usize, end: usize) -> bool {
    let l = w(toks, i);
    let period_name = matches!(l, "q1" | "q2" | "q3" | "q4" | "h1" | "h2")
        || month_number(l).is_some()
        || fy_word(toks, i).is_some();
    if !period_name || i == 0 {
        return false;
    }
    let det = matches!(
        w(toks, i - 1),
        "the" | "our" | "my" | "their" | "its" | "your" | "his" | "her" | "a" | "an"
    );
    let prep_before = i >= 2 && PREPS.contains(&w(toks, i - 2));
    let noun_after = toks.get(end).is_some_and(|t| {
        t.kind == TokKind::Word
            && !PREPS.contains(&t.lower.as_str())
            && !matches!(
                t.lower.as_str(),
                "end" | "ends" | "and" | "or" | "deadline" | "cutoff" | "close" | "closes"
            )
    });
    // `our Q4 revenue target`, `the Q1 quota`: the period is the goal's own.
    let goal_noun = (end..toks.len().min(end + 3)).any(|k| {
        matches!(
            w(toks, k),
            "target"
                | "targets"
                | "goal"
                | "goals"
                | "quota"
                | "quotas"
                | "number"
                | "numbers"
                | "plan"
                | "commitment"
                | "commitments"
                | "okr"
                | "okrs"
        )
    });
    det && !prep_before && noun_after && !goal_noun
}

struct Mods {
    strong: bool,
    start_of: bool,
    before: bool,
}

fn extend_back(toks: &[Token], i: usize, floor: usize) -> (usize, Mods) {
    let mut mods = Mods {
        strong: false,
        start_of: false,
        before: false,
    };
    let mut k = i;
    let mut steps = 0;
    while k > floor && steps < 6 {
        let p = w(toks, k - 1);
        if !PREPS.contains(&p) && p != "mid" && p != "-" {
            break;
        }
        if p == "-" && !(k >= 2 && matches!(w(toks, k - 2), "mid" | "end" | "early" | "late")) {
            break;
        }
        if STRONG_PREPS.contains(&p) {
            mods.strong = true;
        }
        if matches!(p, "start" | "beginning") {
            mods.start_of = true;
        }
        if matches!(p, "before" | "prior") {
            mods.before = true;
        }
        k -= 1;
        steps += 1;
    }
    // Do not swallow a leading "the" or "of" that is not part of a time phrase.
    while k < i
        && matches!(w(toks, k), "of" | "the" | "at" | "no" | "than" | "later")
        && !mods.strong
    {
        k += 1;
    }
    (k, mods)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::{TokenizeOptions, tokenize};

    fn dl(s: &str) -> Option<String> {
        let cal = Cal {
            today: NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(),
            fs: 1,
        };
        let t = tokenize(s, TokenizeOptions::ANALYSIS);
        let (m, _) = find(&t, &cal);
        m.iter()
            .max_by_key(|m| (m.rank, m.date))
            .map(|m| m.date.to_string())
    }

    #[test]
    fn resolves_common_deadlines() {
        let cases = [
            ("by December 31, 2027", "2027-12-31"),
            ("by May 15th", "2027-05-15"),
            ("by end of Q1", "2027-03-31"),
            ("by the end of H1", "2027-06-30"),
            ("this quarter", "2026-12-31"),
            ("this fiscal year", "2026-12-31"),
            ("before the start of next year", "2026-12-31"),
            ("before year end", "2026-12-31"),
            ("by mid-year", "2027-06-30"),
            ("within 6 weeks", "2026-11-16"),
            ("in 2027", "2027-12-31"),
            ("by 2030", "2030-12-31"),
            ("Q1 2028", "2028-03-31"),
            ("2027-03-31", "2027-03-31"),
            ("through November", "2026-11-30"),
            ("by year end", "2026-12-31"),
            ("by Q4 end", "2026-12-31"),
            ("by the end of Q2 2027", "2027-06-30"),
            ("before November 20th", "2026-11-20"),
            ("by 15 March 2027", "2027-03-15"),
            ("by FY2027", "2027-12-31"),
            ("next quarter", "2027-03-31"),
            ("by end of the month", "2026-10-31"),
            ("by Friday", "2026-10-09"),
        ];
        for (s, want) in cases {
            assert_eq!(dl(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn fiscal_year_start() {
        let cal = Cal {
            today: NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(),
            fs: 4,
        };
        let t = tokenize("this fiscal year", TokenizeOptions::ANALYSIS);
        let (m, _) = find(&t, &cal);
        assert_eq!(m[0].date.to_string(), "2027-03-31");
        let t = tokenize("by end of Q1", TokenizeOptions::ANALYSIS);
        let (m, _) = find(&t, &cal);
        assert_eq!(m[0].date.to_string(), "2027-06-30");
        let t = tokenize("this quarter", TokenizeOptions::ANALYSIS);
        let (m, _) = find(&t, &cal);
        assert_eq!(m[0].date.to_string(), "2026-12-31");
    }

    #[test]
    fn no_false_deadlines() {
        for s in [
            "Keep releases above 10 per month",
            "Decrease returns by 20% compared with 2025",
            "We may reach 10 users",
            "Organize a monthly all-hands",
        ] {
            assert_eq!(dl(s), None, "{s}");
        }
    }
}
