//! Deterministic English goal-statement analyser.
//!
//! [`analyze`] tokenizes a goal statement by hand (no regular expressions)
//! and extracts quantities, baseline and target, direction, deadline, vague
//! wording, activity verbs and compound goals. It never panics, and every
//! span it reports is a byte range on char boundaries of the input.

mod date;
pub mod lexicon;
mod quantity;
pub(crate) mod stem;
pub(crate) mod stopwords;
pub mod token;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use date::DeadlineKind;
pub use quantity::{Comparator, Quantity, QuantityKind, Span};

use lexicon::{VerbClass, is_generic_noun, is_time_word, phrasal_verb, verb_class};
use stopwords::{StopWords, is_stop_word};
use token::{TokKind, Token, TokenizeOptions, tokenize};

/// Options for [`analyze`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalyzeOptions {
    /// Date relative deadlines are resolved against.
    pub reference_date: NaiveDate,
    /// First month of the fiscal year (1..=12; out-of-range values act as 1).
    #[serde(default = "default_fiscal_start")]
    pub fiscal_year_start_month: u32,
}

fn default_fiscal_start() -> u32 {
    1
}

impl AnalyzeOptions {
    /// Options with a calendar fiscal year.
    pub fn new(reference_date: NaiveDate) -> Self {
        Self {
            reference_date,
            fiscal_year_start_month: 1,
        }
    }
}

/// Direction of the intended change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
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
    pub direction: Option<Direction>,
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

fn w(toks: &[Token], i: usize) -> &str {
    toks.get(i).map(|t| t.lower.as_str()).unwrap_or("")
}

fn phrase(text: &str, toks: &[Token], first: usize, last: usize) -> Phrase {
    let s = toks[first].start;
    let e = toks[last].end;
    Phrase {
        text: text[s..e].to_string(),
        span: (s, e),
    }
}

const COMPARATOR_WORDS: &[&str] = &[
    "at",
    "least",
    "most",
    "or",
    "above",
    "below",
    "under",
    "over",
    "more",
    "less",
    "fewer",
    "than",
    "no",
    "a",
    "minimum",
    "maximum",
    "greater",
    "higher",
    "lower",
    ">",
    "<",
    "=",
    "≥",
    "≤",
    "~",
    "about",
    "around",
    "approximately",
    "roughly",
    "exceeding",
    "beneath",
    "min",
    "max",
    "an",
    "just",
    "only",
];

/// The word before a quantity, skipping comparator words.
fn word_before(toks: &[Token], first: usize) -> &str {
    let mut k = first;
    let mut steps = 0;
    while k > 0 && steps < 4 && COMPARATOR_WORDS.contains(&w(toks, k - 1)) {
        k -= 1;
        steps += 1;
    }
    if k == 0 { "" } else { w(toks, k - 1) }
}

const FILLERS: &[&str] = &[
    "we",
    "i",
    "will",
    "shall",
    "to",
    "should",
    "must",
    "lets",
    "let's",
    "please",
    "our",
    "team",
    "successfully",
    "-",
    "•",
    "*",
    "can",
    "need",
    "want",
    "aim",
    "goal",
    ":",
];

const COMPOUND_NOUNISH: &[&str] = &[
    "support",
    "design",
    "plan",
    "test",
    "review",
    "run",
    "post",
    "record",
    "map",
    "code",
    "fix",
    "call",
    "study",
    "research",
    "audit",
    "survey",
    "interview",
    "present",
    "open",
    "book",
    "close",
    "drop",
    "limit",
    "cut",
    "set",
    "work",
    "help",
    "focus",
    "address",
    "hold",
    "lower",
    "score",
    "serve",
    "land",
    "sign",
    "scale",
    "gain",
    "trim",
    "document",
    "update",
    "draft",
    "train",
    "record",
    "film",
    "speak",
    "meet",
    "visit",
    "read",
    "learn",
    "join",
    "pilot",
    "prototype",
    "refresh",
    "process",
    "drive",
    "sell",
    "deliver",
    "capture",
    "secure",
    "retain",
    "convert",
    "attract",
    "remove",
    "prevent",
    "avoid",
    "move",
    "start",
    "finish",
    "complete",
    "release",
    "host",
    "launch",
    "build",
    "win",
    "hit",
    "reach",
    "add",
    "book",
    "make",
    "do",
    "be",
    "look",
    "aim",
    "try",
];

/// Number of leading tokens that form a list label: bullets, `1.`, `2)`,
/// `KR1:`, `KR 2 -`, `Objective:`, `Key result 3:`.
fn label_prefix(toks: &[Token]) -> usize {
    let mut i = 0;
    while i < toks.len() && matches!(w(toks, i), "-" | "•" | "*" | "–" | "—" | "·" | ">") {
        i += 1;
    }
    // `1.` / `2)` / `(3)` before a word.
    let paren = w(toks, i) == "(";
    let k = if paren { i + 1 } else { i };
    if toks
        .get(k)
        .is_some_and(|t| t.kind == TokKind::Number && t.lower.len() <= 2)
        && matches!(w(toks, k + 1), "." | ")" | ":")
        && toks.get(k + 2).is_some_and(|t| t.kind == TokKind::Word)
    {
        return k + 2;
    }
    // `KR1:`, `KR 1 -`, `Objective:`, `Key result 2:`.
    let labelish = |t: &Token| {
        let l = t.lower.trim_end_matches(|c: char| c.is_ascii_digit());
        t.kind == TokKind::Number
            || matches!(
                l,
                "kr" | "o" | "obj" | "okr" | "objective" | "goal" | "key" | "result" | "g" | "#"
            )
    };
    let mut j = i;
    while j < toks.len() && j < i + 4 && labelish(&toks[j]) {
        j += 1;
    }
    if j > i && matches!(w(toks, j), ":" | "-" | "–" | "—" | ".") && j + 1 < toks.len() {
        return j + 1;
    }
    i
}

/// Words that may follow a level in a noun-led statement.
const STATE_END: &[&str] = &[
    "percent", "pct", "points", "pts", "pp", "bps", "x", "or", "and", "by", "in", "through",
    "until", "this", "next", "before", "for", "seconds", "minutes", "ms", "stars", "out", "per",
];

/// A statement led by a noun phrase rather than an imperative verb:
/// "Review scores at or above 4.5", "Release frequency doubled by H1",
/// "Support tickets reduced by 30%". The first word only looks like a task
/// verb; the predicate comes later (an inflected verb or a comparator and a
/// number).
fn noun_led(toks: &[Token], v0: usize) -> bool {
    let first = w(toks, v0);
    if !verb_class(first).is_some_and(|c| matches!(c, VerbClass::Activity | VerbClass::Effort))
        || phrasal_verb(first, w(toks, v0 + 1)).is_some()
    {
        return false;
    }
    let next_is_noun = toks.get(v0 + 1).is_some_and(|t| {
        t.kind == TokKind::Word
            && !is_stop_word(&t.lower, StopWords::Content)
            && lexicon::number_word(&t.lower).is_none()
            && lexicon::multiplier_word(&t.lower).is_none()
            && lexicon::currency(&t.lower).is_none()
    });
    if !next_is_noun {
        return false;
    }
    // A level follows: a number that ends the clause or carries a metric
    // unit ("at 95%", "at or above 4.5 by", "under 48 hours"), not a count
    // of things ("Train managers at 3 sites").
    let number_soon = |k: usize| {
        (k + 1..toks.len().min(k + 5))
            .take_while(|&m| {
                toks[m].kind == TokKind::Number
                    || COMPARATOR_WORDS.contains(&w(toks, m))
                    || lexicon::currency(w(toks, m)).is_some()
            })
            .any(|m| {
                toks[m].kind == TokKind::Number && {
                    let after = w(toks, m + 1);
                    toks[m].lower.ends_with(|c: char| c.is_ascii_alphabetic())
                        || toks.get(m + 1).is_none_or(|t| t.kind == TokKind::Punct)
                        || lexicon::is_time_word(after)
                        || STATE_END.contains(&after)
                }
            })
    };
    (v0 + 2..toks.len().min(v0 + 5)).any(|k| {
        let l = w(toks, k);
        if toks[k].kind != TokKind::Word {
            return matches!(l, "≥" | "≤" | "<" | ">" | "=") && number_soon(k);
        }
        let inflected = match verb_class(l) {
            Some(c) if l.ends_with("ed") => c != VerbClass::Effort,
            Some(c) if l.ends_with('s') => {
                matches!(
                    c,
                    VerbClass::Increase | VerbClass::Decrease | VerbClass::Maintain
                ) || matches!(l, "reaches" | "hits" | "exceeds")
            }
            _ => false,
        };
        inflected
            || (matches!(
                l,
                "at" | "above" | "below" | "under" | "up" | "down" | "is" | "are"
            ) && number_soon(k))
    })
}

/// Analyse one goal statement.
pub fn analyze(text: &str, opts: &AnalyzeOptions) -> Analysis {
    let toks = tokenize(text, TokenizeOptions::ANALYSIS);
    let n = toks.len();
    let cal = date::Cal {
        today: opts.reference_date,
        fs: opts.fiscal_year_start_month,
    };
    let (dates, windows) = date::find(&toks, &cal);
    let mut used = vec![false; n];
    // List labels such as `KR1:`, `Objective 2 -`, `1.`, `3)` are not content.
    let label_end = label_prefix(&toks);
    for u in used.iter_mut().take(label_end) {
        *u = true;
    }

    // Deadline choice: explicit periods beat bare ones beat relative durations.
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
        .unwrap_or(n);
    let per_item = |first: usize| has_percent || first_universal < first;
    let service_level = |d: &date::DateMatch| {
        d.rank == 0 && (d.date - opts.reference_date).num_days() < 7 && per_item(d.first)
    };
    let chosen = explicit.or_else(|| {
        dates
            .iter()
            .filter(|d| d.rank == 0 && !service_level(d))
            .max_by_key(|d| (d.date, d.first))
    });
    for d in &dates {
        if d.rank > 0 || chosen.is_some_and(|c| c.first == d.first) {
            for u in used.iter_mut().take(d.end.min(n)).skip(d.first) {
                *u = true;
            }
        }
    }
    for wdw in &windows {
        for u in used.iter_mut().take(wdw.end.min(n)).skip(wdw.first) {
            *u = true;
        }
    }
    let deadline = chosen.map(|d| {
        let last = d.end.saturating_sub(1).max(d.first).min(n - 1);
        let p = phrase(text, &toks, d.first, last);
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
            &toks,
            wd.first,
            wd.end.saturating_sub(1).max(wd.first).min(n - 1),
        )
    });

    // Word-level view for phrase matching (hyphens skipped).
    let words: Vec<usize> = (0..n)
        .filter(|&i| toks[i].kind != TokKind::Punct || toks[i].lower != "-")
        .collect();
    let match_phrases = |list: &[&[&str]], used: &[bool]| -> Vec<(usize, usize)> {
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut k = 0;
        while k < words.len() {
            let mut best: Option<usize> = None;
            for p in list {
                if k + p.len() <= words.len()
                    && p.iter()
                        .enumerate()
                        .all(|(o, pw)| w(&toks, words[k + o]) == *pw && !used[words[k + o]])
                    && best.is_none_or(|b| p.len() > b)
                {
                    best = Some(p.len());
                }
            }
            if let Some(len) = best {
                found.push((words[k], words[k + len - 1]));
                k += len;
            } else {
                k += 1;
            }
        }
        found
    };

    // Vague time words.
    let mut vague_time = Vec::new();
    for (a, b) in match_phrases(lexicon::VAGUE_TIME, &used) {
        if w(&toks, a) == "later" && a > 0 && matches!(w(&toks, a - 1), "no" | "not") {
            continue;
        }
        if w(&toks, a) == "one"
            && w(&toks, b) == "day"
            && a > 0
            && !matches!(w(&toks, a - 1), "," | "")
        {
            // "within one day" etc. is not vague; only sentence-level "one day".
            if a > 0 {
                continue;
            }
        }
        vague_time.push(phrase(text, &toks, a, b));
        for u in used.iter_mut().take(b + 1).skip(a) {
            *u = true;
        }
    }

    let quantities = quantity::extract(text, &toks, &used);

    // Main verb.
    let mut v0 = label_end;
    while v0 < n && FILLERS.contains(&w(&toks, v0)) {
        v0 += 1;
    }
    let subject_quantity = toks.get(v0).is_some_and(|t| {
        t.kind == TokKind::Number
            || lexicon::currency(&t.lower).is_some() && t.kind == TokKind::Punct
            || lexicon::number_word(&t.lower).is_some()
    });
    let mut verb: Option<(usize, usize, VerbClass)> = None;
    if v0 < n && toks[v0].kind == TokKind::Word && !noun_led(&toks, v0) {
        if let Some(c) = phrasal_verb(w(&toks, v0), w(&toks, v0 + 1)) {
            verb = Some((v0, v0 + 1, c));
        } else if let Some(c) = verb_class(w(&toks, v0)) {
            verb = Some((v0, v0, c));
        }
    }
    if verb.is_none() {
        // Statement not in imperative form: first verb within a few words.
        for k in v0..n.min(v0 + 8) {
            if toks[k].kind != TokKind::Word || used[k] {
                continue;
            }
            if let Some(c) = phrasal_verb(w(&toks, k), w(&toks, k + 1)) {
                verb = Some((k, k + 1, c));
                break;
            }
            let l = w(&toks, k);
            // Only inflected forms count mid-sentence ("revenue grows").
            if let Some(c) = verb_class(l) {
                if k > v0 && (l.ends_with('s') || l.ends_with("ed")) || subject_quantity {
                    verb = Some((k, k, c));
                    break;
                }
            }
        }
    }
    let verb_end = verb.map(|v| v.1 + 1).unwrap_or(v0);

    // Object: words after the verb up to a break.
    let mut object = None;
    {
        let mut k = verb_end;
        while k < n
            && matches!(
                w(&toks, k),
                "the" | "a" | "an" | "our" | "all" | "every" | "each" | "more" | "new" | "of"
            )
        {
            k += 1;
        }
        let start = k;
        let mut last = None;
        while k < n
            && !used[k]
            && (toks[k].kind == TokKind::Word
                && !matches!(
                    w(&toks, k),
                    "by" | "from"
                        | "to"
                        | "within"
                        | "before"
                        | "until"
                        | "at"
                        | "under"
                        | "below"
                        | "above"
                        | "over"
                        | "and"
                        | "or"
                        | "in"
                        | "on"
                        | "for"
                        | "with"
                        | "per"
                        | "than"
                        | "into"
                        | "while"
                        | "through"
                        | "across"
                        | "are"
                        | "is"
                )
                && lexicon::number_word(w(&toks, k)).is_none()
                && lexicon::multiplier_word(w(&toks, k)).is_none()
                || (w(&toks, k) == "-" && k > start))
        {
            if toks[k].kind == TokKind::Word {
                last = Some(k);
            }
            k += 1;
        }
        if let Some(l) = last {
            let has_content = (start..=l).any(|i| {
                toks[i].kind == TokKind::Word
                    && !is_stop_word(w(&toks, i), StopWords::Content)
                    && !is_generic_noun(w(&toks, i))
            });
            if has_content {
                object = Some(phrase(text, &toks, start, l));
            }
        }
    }

    // Baseline and target.
    let mut baseline_idx: Option<usize> = None;
    let mut target_idx: Option<usize> = None;
    // `per 1,000 orders`: a rate's denominator is neither target nor baseline.
    let denominator: Vec<bool> = quantities
        .iter()
        .map(|q| q.first > 0 && w(&toks, q.first - 1) == "per")
        .collect();
    for (qi, q) in quantities.iter().enumerate() {
        if denominator[qi] {
            continue;
        }
        let before = word_before(&toks, q.first);
        let before2 = {
            let mut k = q.first;
            let mut steps = 0;
            while k > 0 && steps < 4 && COMPARATOR_WORDS.contains(&w(&toks, k - 1)) {
                k -= 1;
                steps += 1;
            }
            if k >= 2 { w(&toks, k - 2) } else { "" }
        };
        if before == "from" {
            // Look for "to <q>" after.
            if let Some((ri, _)) = quantities
                .iter()
                .enumerate()
                .skip(qi + 1)
                .take_while(|(_, r)| r.first <= q.last + 8)
                .find(|(_, r)| {
                    r.first > q.last
                        && (q.last + 1..r.first).any(|k| matches!(w(&toks, k), "to" | "→" | ">"))
                })
            {
                baseline_idx = Some(qi);
                target_idx = Some(ri);
                break;
            }
            if baseline_idx.is_none() {
                baseline_idx = Some(qi);
            }
        } else if matches!(before, "vs" | "versus" | "currently" | "baseline" | "today")
            || (before == "from" && matches!(before2, "up" | "down"))
            || (matches!(before, "to" | "with") && before2 == "compared")
            || (before == "of" && before2 == "baseline")
        {
            if baseline_idx.is_none() {
                baseline_idx = Some(qi);
            }
        } else if w(&toks, q.last + 1) == "to"
            && target_idx.is_none()
            && baseline_idx.is_none()
            && before != "by"
            && q.kind != QuantityKind::Multiple
        {
            if let Some(r) = quantities.get(qi + 1) {
                if r.first <= q.last + 4 && r.kind != QuantityKind::Multiple {
                    baseline_idx = Some(qi);
                    target_idx = Some(qi + 1);
                    break;
                }
            }
        }
    }
    if target_idx.is_none() {
        let mut cands: Vec<usize> = (0..quantities.len())
            .filter(|&i| Some(i) != baseline_idx && !denominator[i])
            .collect();
        if cands.is_empty() {
            cands = (0..quantities.len())
                .filter(|&i| Some(i) != baseline_idx)
                .collect();
        }
        target_idx = cands
            .iter()
            .copied()
            .find(|&i| matches!(word_before(&toks, quantities[i].first), "to" | "→"))
            .or_else(|| {
                // "Increase customers using two or more products by 30%":
                // the change after "by" is the target, not a qualifier.
                cands
                    .iter()
                    .copied()
                    .find(|&i| word_before(&toks, quantities[i].first) == "by")
            })
            .or_else(|| {
                cands
                    .iter()
                    .copied()
                    .find(|&i| quantities[i].kind != QuantityKind::Multiple)
            })
            .or_else(|| cands.first().copied());
    }
    let target = target_idx.map(|i| quantities[i].clone());
    let baseline = baseline_idx.map(|i| quantities[i].clone());
    let measurable = target.is_some();

    let relative_change = target.as_ref().is_some_and(|t| {
        t.kind == QuantityKind::Multiple
            || word_before(&toks, t.first) == "by"
            || matches!(
                w(&toks, t.last + 1),
                "increase"
                    | "decrease"
                    | "growth"
                    | "reduction"
                    | "more"
                    | "less"
                    | "fewer"
                    | "higher"
                    | "lower"
                    | "uplift"
                    | "improvement"
                    | "drop"
                    | "yoy"
                    | "boost"
            )
            || (t.unit.as_deref().is_some_and(|u| {
                [
                    "increase",
                    "growth",
                    "reduction",
                    "decrease",
                    "more",
                    "uplift",
                ]
                .iter()
                .any(|x| u.starts_with(x))
            }))
    });

    // Direction.
    let mut direction = verb.and_then(|v| match v.2 {
        VerbClass::Increase => Some(Direction::Increase),
        VerbClass::Decrease => Some(Direction::Decrease),
        VerbClass::Maintain => Some(Direction::Maintain),
        VerbClass::Reach => Some(Direction::Reach),
        VerbClass::Activity | VerbClass::Effort => None,
    });
    if let Some(t) = &target {
        if t.kind == QuantityKind::Multiple {
            direction = Some(if t.value < 1.0 {
                Direction::Decrease
            } else {
                Direction::Increase
            });
        }
    }
    if let (Some(b), Some(t)) = (&baseline, &target) {
        if direction != Some(Direction::Maintain)
            && t.kind != QuantityKind::Multiple
            && !relative_change
        {
            if t.value > b.value {
                direction = Some(Direction::Increase);
            } else if t.value < b.value {
                direction = Some(Direction::Decrease);
            }
        }
    }
    if direction.is_none() && measurable {
        direction = Some(Direction::Reach);
    }

    // Content words: not stopwords, time words, the verb, numbers.
    let verb_span = verb.map(|v| (v.0, v.1));
    let content_count = (0..n)
        .filter(|&i| {
            let t = &toks[i];
            t.kind == TokKind::Word
                && !used[i]
                && verb_span.is_none_or(|(a, b)| i < a || i > b)
                && !is_stop_word(&t.lower, StopWords::Content)
                && !is_time_word(&t.lower)
                && !is_generic_noun(&t.lower)
                && lexicon::number_word(&t.lower).is_none()
                && !lexicon::SOFT_VAGUE.contains(&t.lower.as_str())
                && !lexicon::STRONG_VAGUE
                    .iter()
                    .any(|p| p.len() == 1 && p[0] == t.lower)
                && t.lower.chars().count() >= 2
        })
        .count();

    // Vague wording.
    let mut vague: Vec<Phrase> = Vec::new();
    let mut strong = match_phrases(lexicon::STRONG_VAGUE, &used);
    // "best-rated", "best-selling" name a rank, unlike a bare "best".
    strong.retain(|&(a, b)| {
        !(a == b
            && w(&toks, a) == "best"
            && w(&toks, a + 1) == "-"
            && toks.get(a + 1).is_some_and(|h| h.start == toks[a].end)
            && w(&toks, a + 2) != "in")
    });
    for (a, b) in &strong {
        vague.push(phrase(text, &toks, *a, *b));
    }
    let soft_hits: Vec<usize> = (0..n)
        .filter(|&i| !used[i] && lexicon::SOFT_VAGUE.contains(&w(&toks, i)))
        // A verb-like word after a determiner is a noun ("our support
        // team", "the growth team"), not a vague verb.
        .filter(|&i| {
            !(i > 0
                && verb_class(w(&toks, i)).is_some()
                && matches!(
                    w(&toks, i - 1),
                    "the" | "our" | "my" | "their" | "your" | "its" | "of" | "for"
                ))
        })
        .collect();
    let soft_vague = !measurable && !soft_hits.is_empty() && content_count < 3;
    if soft_vague {
        for &i in &soft_hits {
            if !strong.iter().any(|(a, b)| i >= *a && i <= *b) {
                vague.push(phrase(text, &toks, i, i));
            }
        }
    }
    crate::sort::sort_by_key(&mut vague, |p| p.span);
    vague.dedup();
    // The object never includes vague filler ("quality a lot" -> "quality").
    if let Some(o) = object.take() {
        let cut = vague
            .iter()
            .filter(|v| v.span.0 > o.span.0 && v.span.0 < o.span.1)
            .map(|v| v.span.0)
            .min();
        object = match cut {
            Some(c) => {
                let t = text[o.span.0..c].trim_end();
                (!t.is_empty()).then(|| Phrase {
                    text: t.to_string(),
                    span: (o.span.0, o.span.0 + t.len()),
                })
            }
            None => Some(o),
        };
    }
    let specific = measurable || (vague.is_empty() && content_count >= 1);

    // Compound goal: "<goal> and <verb> ...".
    let mut compound = None;
    let mut second_verb: Option<VerbClass> = None;
    let left_start = verb_end;
    let first_left_content = (left_start..n).find(|&i| {
        toks[i].kind == TokKind::Number
            || toks[i].kind == TokKind::Word && !is_stop_word(&toks[i].lower, StopWords::Content)
    });
    for k in left_start..n {
        let l = w(&toks, k);
        let conj = matches!(l, "and" | "&" | ";" | "plus")
            || (l == "as" && w(&toks, k + 1) == "well" && w(&toks, k + 2) == "as");
        if !conj {
            continue;
        }
        let mut m = if l == "as" { k + 3 } else { k + 1 };
        if matches!(w(&toks, m), "also" | "then") {
            m += 1;
        }
        let nw = w(&toks, m);
        let is_verb = toks.get(m).is_some_and(|t| t.kind == TokKind::Word)
            && (verb_class(nw).is_some() || phrasal_verb(nw, w(&toks, m + 1)).is_some())
            && (!COMPOUND_NOUNISH.contains(&nw)
                || matches!(w(&toks, m + 1), "the" | "a" | "an" | "our" | "$")
                || toks.get(m + 1).is_some_and(|t| t.kind == TokKind::Number))
            && !nw.ends_with("ing")
            && m + 1 < n;
        let left_has = first_left_content.is_some_and(|c| c < k);
        if is_verb && left_has && l != "&" || (l == ";" && m < n && left_has) {
            compound = Some(phrase(text, &toks, k, if l == "as" { k + 2 } else { k }));
            second_verb = phrasal_verb(nw, w(&toks, m + 1)).or_else(|| verb_class(nw));
            break;
        }
    }

    // Activity vs outcome.
    let verb_phrase = verb.map(|v| phrase(text, &toks, v.0, v.1));
    // Activity verbs with a rate or a performance limit measure a result:
    // "Ship 95% of stories on time", "Run a marathon in under 4 hours".
    let rate_target = target.as_ref().is_some_and(|t| {
        matches!(t.kind, QuantityKind::Percent)
            || matches!(t.comparator, Some(Comparator::Below | Comparator::AtMost))
    });
    // A light verb with an activity noun names a task: "Make 200 calls",
    // "Do more social media posting", "Have 20 customer meetings".
    let light_activity = verb.is_some_and(|v| {
        v.0 == v0
            && matches!(
                w(&toks, v.0),
                "make" | "makes" | "do" | "does" | "have" | "has"
            )
            && (v.1 + 1..n)
                .take_while(|&k| {
                    !used[k]
                        && (toks[k].kind != TokKind::Word
                            || !matches!(w(&toks, k), "by" | "to" | "with" | "for" | "in" | "on"))
                })
                .take(6)
                .any(|k| {
                    let l = w(&toks, k);
                    toks[k].kind == TokKind::Word
                        && (lexicon::is_activity_noun(l)
                            || l.len() > 5
                                && l.ends_with("ing")
                                && verb_class(l) == Some(VerbClass::Activity))
                })
    });
    // A compound whose second goal is an outcome states an outcome:
    // "Launch the plan and convert 40 trials to paid".
    let outcome_second = compound.is_some()
        && second_verb.is_some_and(|c| {
            matches!(
                c,
                VerbClass::Increase | VerbClass::Decrease | VerbClass::Maintain | VerbClass::Reach
            )
        });
    let is_activity = !subject_quantity
        && !rate_target
        && (light_activity
            || verb.is_some_and(|v| {
                v.2 == VerbClass::Activity || (v.2 == VerbClass::Effort && !measurable && v.0 == v0)
            }) && verb.is_some_and(|v| {
                !(v.2 == VerbClass::Effort && matches!(w(&toks, v.0), "be" | "do"))
            }));
    let activity_verb = if is_activity {
        verb_phrase.clone()
    } else {
        None
    };
    // The activity verb is still reported (O001) when a compound's second
    // goal is an outcome; the statement as a whole does state an outcome.
    let outcome = !is_activity || outcome_second;

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
