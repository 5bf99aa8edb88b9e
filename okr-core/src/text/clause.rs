//! The clause of a goal statement: its list label, its main verb and what the
//! verb acts on.

use super::lexicon::{self, VerbClass, is_generic_noun, phrasal_verb, verb_class};
use super::stopwords::{StopWords, is_stop_word};
use super::target::COMPARATOR_WORDS;
use super::token::{TokKind, Token};
use super::{Phrase, phrase, w};

/// Words before the main verb that are not part of the goal ("we will", "let's").
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

/// Number of leading tokens that form a list label: bullets, `1.`, `2)`,
/// `KR1:`, `KR 2 -`, `Objective:`, `Key result 3:`.
pub(super) fn label_prefix(toks: &[Token]) -> usize {
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

/// The main verb of a statement and where it was looked for.
pub(super) struct MainVerb {
    /// The first token after the label and the fillers: where an imperative
    /// verb stands.
    pub first: usize,
    /// The verb's first and last token (two for a phrasal verb) and its class.
    pub verb: Option<(usize, usize, VerbClass)>,
    /// The statement opens with a quantity ("50 customers onboarded").
    pub subject_quantity: bool,
}

impl MainVerb {
    /// The token after the verb, or where it was looked for when there is none.
    pub fn end(&self) -> usize {
        self.verb.map(|v| v.1 + 1).unwrap_or(self.first)
    }
}

/// Finds the main verb: an imperative verb after the label and the fillers
/// (unless the statement is [`noun_led`]), else the first inflected verb
/// within a few words ("revenue grows").
pub(super) fn find_main_verb(toks: &[Token], used: &[bool], label_end: usize) -> MainVerb {
    let n = toks.len();
    let mut v0 = label_end;
    while v0 < n && FILLERS.contains(&w(toks, v0)) {
        v0 += 1;
    }
    let subject_quantity = toks.get(v0).is_some_and(|t| {
        t.kind == TokKind::Number
            || lexicon::currency(&t.lower).is_some() && t.kind == TokKind::Punct
            || lexicon::number_word(&t.lower).is_some()
    });
    let mut verb: Option<(usize, usize, VerbClass)> = None;
    if v0 < n && toks[v0].kind == TokKind::Word && !noun_led(toks, v0) {
        if let Some(c) = phrasal_verb(w(toks, v0), w(toks, v0 + 1)) {
            verb = Some((v0, v0 + 1, c));
        } else if let Some(c) = verb_class(w(toks, v0)) {
            verb = Some((v0, v0, c));
        }
    }
    if verb.is_none() {
        // Statement not in imperative form: first verb within a few words.
        for k in v0..n.min(v0 + 8) {
            if toks[k].kind != TokKind::Word || used[k] {
                continue;
            }
            if let Some(c) = phrasal_verb(w(toks, k), w(toks, k + 1)) {
                verb = Some((k, k + 1, c));
                break;
            }
            let l = w(toks, k);
            // Only inflected forms count mid-sentence ("revenue grows").
            if let Some(c) = verb_class(l)
                && (k > v0 && (l.ends_with('s') || l.ends_with("ed")) || subject_quantity)
            {
                verb = Some((k, k, c));
                break;
            }
        }
    }
    MainVerb {
        first: v0,
        verb,
        subject_quantity,
    }
}

/// What the verb acts on ("monthly recurring revenue"): the words after it up
/// to a preposition, a conjunction or a number, when one of them is content.
pub(super) fn find_object(
    text: &str,
    toks: &[Token],
    used: &[bool],
    verb_end: usize,
) -> Option<Phrase> {
    let n = toks.len();
    let mut k = verb_end;
    while k < n
        && matches!(
            w(toks, k),
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
                w(toks, k),
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
            && lexicon::number_word(w(toks, k)).is_none()
            && lexicon::multiplier_word(w(toks, k)).is_none()
            || (w(toks, k) == "-" && k > start))
    {
        if toks[k].kind == TokKind::Word {
            last = Some(k);
        }
        k += 1;
    }
    let l = last?;
    let has_content = (start..=l).any(|i| {
        toks[i].kind == TokKind::Word
            && !is_stop_word(w(toks, i), StopWords::Content)
            && !is_generic_noun(w(toks, i))
    });
    has_content.then(|| phrase(text, toks, start, l))
}
