//! Deadline extraction: finds time expressions and resolves them to the last
//! day of the named period, relative to a reference date and a fiscal-year
//! start month.
//!
//! Fiscal years are named after the calendar year in which they end (with a
//! January start the fiscal year equals the calendar year). Quarters and
//! halves without a year resolve to the next such period ending on or after
//! the reference date; a month/day without a year resolves to the next
//! occurrence on or after the reference date.

mod calendar;
mod matchers;
mod words;

use chrono::NaiveDate;

pub(crate) use calendar::Cal;
pub(crate) use words::plain_year;

use super::lexicon::month_number;
use super::token::{TokKind, Token};
use matchers::{match_at, match_relative};
use words::fy_word;

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

/// Words before a period that make it a deadline ("by", "before", "until",
/// "end of"): a time phrase with one outranks a bare one.
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

/// Words that can be part of a time phrase without binding it ("at", "the",
/// "start", "no later than").
const WEAK_PREPS: &[&str] = &[
    "at",
    "the",
    "close",
    "start",
    "beginning",
    "no",
    "later",
    "than",
    "prior",
    "rest",
    "remainder",
];

/// A word of a time phrase before the period it names: strong or weak.
fn is_prep(w: &str) -> bool {
    STRONG_PREPS.contains(&w) || WEAK_PREPS.contains(&w)
}

fn w(toks: &[Token], i: usize) -> &str {
    toks.get(i).map(|t| t.lower.as_str()).unwrap_or("")
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
            let before_start = before_start && p.start > cal.as_of;
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
    let prep_before = i >= 2 && is_prep(w(toks, i - 2));
    let noun_after = toks.get(end).is_some_and(|t| {
        t.kind == TokKind::Word
            && !is_prep(&t.lower)
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
        if !is_prep(p) && p != "mid" && p != "-" {
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
mod tests;
