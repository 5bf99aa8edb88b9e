//! Deterministic English goal-statement analyser.
//!
//! [`analyze`] tokenizes a goal statement by hand (no regular expressions)
//! and extracts quantities, baseline and target, direction, deadline, vague
//! wording, activity verbs and compound goals. It never panics, and every
//! span it reports is a byte range on char boundaries of the input.

mod clause;
mod date;
mod lexicon;
mod outcome;
mod quantity;
pub(crate) mod stem;
pub(crate) mod stopwords;
mod target;
pub(crate) mod token;
mod vague;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use date::DeadlineKind;
pub use quantity::{Comparator, Quantity, QuantityKind, Span};

use token::{Token, TokenizeOptions, tokenize};

/// Options for [`analyze`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalyzeOptions {
    /// Date relative deadlines are resolved against.
    pub as_of: NaiveDate,
    /// First month of the fiscal year (1..=12; out-of-range values act as 1).
    #[serde(default = "default_fiscal_start")]
    pub fiscal_year_start_month: u32,
}

fn default_fiscal_start() -> u32 {
    1
}

impl AnalyzeOptions {
    /// Options with a calendar fiscal year.
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            fiscal_year_start_month: 1,
        }
    }
}

/// Direction of the change a goal statement asks for, read from its verb, a
/// multiple, or its baseline and target (unlike [`crate::Direction`], a
/// numeric key result's direction, this includes keeping and reaching).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeDirection {
    /// Move a metric up.
    Increase,
    /// Move a metric down.
    Decrease,
    /// Keep a metric at a level.
    Maintain,
    /// Reach a level or result.
    Reach,
}

/// A resolved deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// Last day of the named period.
    pub date: NaiveDate,
    /// The phrase as written.
    pub text: String,
    /// Byte span of the phrase.
    pub span: Span,
    /// What kind of period was named.
    pub kind: DeadlineKind,
}

/// A phrase found in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phrase {
    /// The phrase as written.
    pub text: String,
    /// Byte span.
    pub span: Span,
}

/// Everything [`analyze`] found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// All quantities (deadline numbers excluded).
    pub quantities: Vec<Quantity>,
    /// The quantity to reach.
    pub target: Option<Quantity>,
    /// The starting value, when stated.
    pub baseline: Option<Quantity>,
    /// The target is a change (`by 30%`, `double`) rather than a level.
    pub relative_change: bool,
    /// Intended direction.
    pub direction: Option<ChangeDirection>,
    /// Resolved deadline.
    pub deadline: Option<Deadline>,
    /// A time window that has no calendar date (`this sprint`).
    pub time_window: Option<Phrase>,
    /// Vague words or phrases that make the statement unspecific.
    pub vague: Vec<Phrase>,
    /// Vague time words (`soon`, `ASAP`).
    pub vague_time: Vec<Phrase>,
    /// The main verb, when recognised.
    pub verb: Option<Phrase>,
    /// The main verb names an activity or output rather than an outcome.
    pub activity_verb: Option<Phrase>,
    /// What is acted on or measured (`monthly recurring revenue`), when found.
    pub object: Option<Phrase>,
    /// The conjunction joining two goals, when the statement is compound.
    pub compound: Option<Phrase>,
    /// Names a concrete result.
    pub specific: bool,
    /// States a quantity to reach.
    pub measurable: bool,
    /// States a deadline or a time window.
    pub time_bound: bool,
    /// Describes an outcome rather than an activity.
    pub outcome: bool,
}

impl Analysis {
    /// The target has a unit, currency, percent/points, or the statement names what is measured.
    pub fn has_metric(&self) -> bool {
        match &self.target {
            None => false,
            Some(t) => {
                t.unit.is_some()
                    || t.currency.is_some()
                    || matches!(t.kind, QuantityKind::Percent | QuantityKind::Points)
                    || self.object.is_some()
            }
        }
    }
}

/// The lower-cased text of token `i`, or `""` past the end.
fn w(toks: &[Token], i: usize) -> &str {
    toks.get(i).map(|t| t.lower.as_str()).unwrap_or("")
}

/// The text from token `first` to token `last` (inclusive) as a [`Phrase`].
fn phrase(text: &str, toks: &[Token], first: usize, last: usize) -> Phrase {
    let s = toks[first].start;
    let e = toks[last].end;
    Phrase {
        text: text[s..e].to_string(),
        span: (s, e),
    }
}

/// Marks tokens `first..end` (clamped to the statement) as read.
fn mark_used(used: &mut [bool], first: usize, end: usize) {
    for u in used.iter_mut().take(end).skip(first) {
        *u = true;
    }
}

/// Chooses the deadline among the time expressions found: explicit periods
/// beat bare ones beat relative durations, and a short duration per item is a
/// service level, not a deadline.
fn choose_deadline<'a>(
    toks: &[Token],
    dates: &'a [date::DateMatch],
    as_of: NaiveDate,
) -> Option<&'a date::DateMatch> {
    let explicit = dates
        .iter()
        .filter(|d| d.rank > 0)
        .max_by_key(|d| (d.rank, d.date, d.first));
    // A short duration attached to each item is a service level, not a
    // deadline: "Resolve 95% of tickets within 2 days", "Answer every lead
    // within 3 days".
    let has_percent = toks.iter().any(|t| t.lower == "%" || t.lower == "percent");
    let first_universal = toks
        .iter()
        .position(|t| matches!(t.lower.as_str(), "every" | "each" | "all" | "any"))
        .unwrap_or(toks.len());
    let per_item = |first: usize| has_percent || first_universal < first;
    let service_level =
        |d: &date::DateMatch| d.rank == 0 && (d.date - as_of).num_days() < 7 && per_item(d.first);
    explicit.or_else(|| {
        dates
            .iter()
            .filter(|d| d.rank == 0 && !service_level(d))
            .max_by_key(|d| (d.date, d.first))
    })
}

/// Finds the deadline ([`choose_deadline`]) and the first time window without
/// a date ("this sprint"), and marks every explicit time phrase, the deadline
/// and every window as read.
fn find_deadline(
    text: &str,
    toks: &[Token],
    opts: &AnalyzeOptions,
    used: &mut [bool],
) -> (Option<Deadline>, Option<Phrase>) {
    let n = toks.len();
    let cal = date::Cal {
        as_of: opts.as_of,
        fs: opts.fiscal_year_start_month,
    };
    let (dates, windows) = date::find(toks, &cal);
    let chosen = choose_deadline(toks, &dates, opts.as_of);
    for d in &dates {
        if d.rank > 0 || chosen.is_some_and(|c| c.first == d.first) {
            mark_used(used, d.first, d.end);
        }
    }
    for wdw in &windows {
        mark_used(used, wdw.first, wdw.end);
    }
    let deadline = chosen.map(|d| {
        let last = d.end.saturating_sub(1).max(d.first).min(n - 1);
        let p = phrase(text, toks, d.first, last);
        Deadline {
            date: d.date,
            text: p.text,
            span: p.span,
            kind: d.kind,
        }
    });
    let time_window = windows.first().map(|wd| {
        phrase(
            text,
            toks,
            wd.first,
            wd.end.saturating_sub(1).max(wd.first).min(n - 1),
        )
    });
    (deadline, time_window)
}

/// Analyse one goal statement.
pub fn analyze(text: &str, opts: &AnalyzeOptions) -> Analysis {
    let toks = tokenize(text, TokenizeOptions::ANALYSIS);
    let toks = toks.as_slice();
    // Tokens already read as a label, a time phrase or vague time.
    let mut used = vec![false; toks.len()];
    // List labels such as `KR1:`, `Objective 2 -`, `1.`, `3)` are not content.
    let label_end = clause::label_prefix(toks);
    mark_used(&mut used, 0, label_end);
    let (deadline, time_window) = find_deadline(text, toks, opts, &mut used);
    let vague_time = vague::find_vague_time(text, toks, &mut used);
    let quantities = quantity::extract(text, toks, &used);

    let main = clause::find_main_verb(toks, &used, label_end);
    let verb = main.verb;
    let object = clause::find_object(text, toks, &used, main.end());
    let (baseline_idx, target_idx) = target::choose_baseline_and_target(toks, &quantities);
    let target = target_idx.map(|i| quantities[i].clone());
    let baseline = baseline_idx.map(|i| quantities[i].clone());
    let measurable = target.is_some();
    let relative_change = target::is_relative_change(toks, target.as_ref());
    let direction = target::direction(
        verb.map(|v| v.2),
        baseline.as_ref(),
        target.as_ref(),
        relative_change,
    );

    let content_count = vague::count_content_words(toks, &used, verb.map(|v| (v.0, v.1)));
    let vague = vague::find_vague(text, toks, &used, measurable, content_count);
    let object = object.and_then(|o| vague::cut_before_vague(text, o, &vague));
    let specific = measurable || (vague.is_empty() && content_count >= 1);

    let (compound, second_verb) = outcome::find_compound(text, toks, main.end());
    let is_activity = outcome::is_activity(toks, &used, &main, target.as_ref());
    let verb_phrase = verb.map(|v| phrase(text, toks, v.0, v.1));
    let activity_verb = if is_activity {
        verb_phrase.clone()
    } else {
        None
    };
    // The activity verb is still reported (O001) when a compound's second
    // goal is an outcome; the statement as a whole does state an outcome.
    let outcome =
        !is_activity || (compound.is_some() && outcome::second_goal_is_outcome(second_verb));

    let time_bound = deadline.is_some() || time_window.is_some();
    Analysis {
        quantities,
        target,
        baseline,
        relative_change,
        direction,
        deadline,
        time_window,
        vague,
        vague_time,
        verb: verb_phrase,
        activity_verb,
        object,
        compound,
        specific,
        measurable,
        time_bound,
        outcome,
    }
}

#[cfg(test)]
mod tests;
