//! Vague wording: vague time words ("soon", "ASAP"), vague words and phrases
//! ("improve things", "world-class"), and the count of content words that
//! decides whether a soft word ("better") makes a statement vague.

use super::lexicon::{self, is_generic_noun, is_time_word, verb_class};
use super::stopwords::{StopWords, is_stop_word};
use super::token::{TokKind, Token};
use super::{Phrase, mark_used, phrase, w};

/// Finds the phrases of `list` among the tokens not yet used, the longest at
/// each position, reading over hyphens ("world-class" matches "world class").
/// Returns the first and last token of each.
fn match_phrases(toks: &[Token], list: &[&[&str]], used: &[bool]) -> Vec<(usize, usize)> {
    let n = toks.len();
    let words: Vec<usize> = (0..n)
        .filter(|&i| toks[i].kind != TokKind::Punct || toks[i].lower != "-")
        .collect();
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let mut best: Option<usize> = None;
        for p in list {
            if k + p.len() <= words.len()
                && p.iter()
                    .enumerate()
                    .all(|(o, pw)| w(toks, words[k + o]) == *pw && !used[words[k + o]])
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
}

/// Finds vague time words ("soon", "ASAP", "one day") and marks them used.
pub(super) fn find_vague_time(text: &str, toks: &[Token], used: &mut [bool]) -> Vec<Phrase> {
    let mut vague_time = Vec::new();
    for (a, b) in match_phrases(toks, lexicon::VAGUE_TIME, used) {
        if w(toks, a) == "later" && a > 0 && matches!(w(toks, a - 1), "no" | "not") {
            continue;
        }
        // "within one day" etc. is not vague; only sentence-level "one day".
        if w(toks, a) == "one"
            && w(toks, b) == "day"
            && a > 0
            && !matches!(w(toks, a - 1), "," | "")
        {
            continue;
        }
        vague_time.push(phrase(text, toks, a, b));
        mark_used(used, a, b + 1);
    }
    vague_time
}

/// Counts the content words: not stop words, time words, generic nouns,
/// numbers, vague words or the verb (`verb_span`, its first and last token).
pub(super) fn count_content_words(
    toks: &[Token],
    used: &[bool],
    verb_span: Option<(usize, usize)>,
) -> usize {
    (0..toks.len())
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
        .count()
}

/// Finds the vague wording: every strong vague phrase ("improve things"), and
/// the soft vague words ("better") of a statement with no target and fewer
/// than three content words. Sorted by position.
pub(super) fn find_vague(
    text: &str,
    toks: &[Token],
    used: &[bool],
    measurable: bool,
    content_count: usize,
) -> Vec<Phrase> {
    let mut vague: Vec<Phrase> = Vec::new();
    let mut strong = match_phrases(toks, lexicon::STRONG_VAGUE, used);
    // "best-rated", "best-selling" name a rank, unlike a bare "best".
    strong.retain(|&(a, b)| {
        !(a == b
            && w(toks, a) == "best"
            && w(toks, a + 1) == "-"
            && toks.get(a + 1).is_some_and(|h| h.start == toks[a].end)
            && w(toks, a + 2) != "in")
    });
    for (a, b) in &strong {
        vague.push(phrase(text, toks, *a, *b));
    }
    let soft_hits: Vec<usize> = (0..toks.len())
        .filter(|&i| !used[i] && lexicon::SOFT_VAGUE.contains(&w(toks, i)))
        // A verb-like word after a determiner is a noun ("our support
        // team", "the growth team"), not a vague verb.
        .filter(|&i| {
            !(i > 0
                && verb_class(w(toks, i)).is_some()
                && matches!(
                    w(toks, i - 1),
                    "the" | "our" | "my" | "their" | "your" | "its" | "of" | "for"
                ))
        })
        .collect();
    let soft_vague = !measurable && !soft_hits.is_empty() && content_count < 3;
    if soft_vague {
        for &i in &soft_hits {
            if !strong.iter().any(|(a, b)| i >= *a && i <= *b) {
                vague.push(phrase(text, toks, i, i));
            }
        }
    }
    crate::sort::sort_by_key(&mut vague, |p| p.span);
    vague.dedup();
    vague
}

/// The object without the vague filler in it ("quality a lot" -> "quality"):
/// cut before the first vague phrase that starts inside it; `None` when
/// nothing is left.
pub(super) fn cut_before_vague(text: &str, object: Phrase, vague: &[Phrase]) -> Option<Phrase> {
    let cut = vague
        .iter()
        .filter(|v| v.span.0 > object.span.0 && v.span.0 < object.span.1)
        .map(|v| v.span.0)
        .min();
    match cut {
        Some(c) => {
            let t = text[object.span.0..c].trim_end();
            (!t.is_empty()).then(|| Phrase {
                text: t.to_string(),
                span: (object.span.0, object.span.0 + t.len()),
            })
        }
        None => Some(object),
    }
}
