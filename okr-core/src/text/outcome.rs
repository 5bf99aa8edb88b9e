//! Compound goals ("... and ...") and whether a statement describes an
//! activity or an outcome.

use super::clause::MainVerb;
use super::lexicon::{self, VerbClass, phrasal_verb, verb_class};
use super::stopwords::{StopWords, is_stop_word};
use super::token::{TokKind, Token};
use super::{Comparator, Phrase, Quantity, QuantityKind, phrase, w};

/// Words that are verbs but, after "and", more often start a noun phrase
/// ("sales and support"); they start a second goal only before a determiner
/// or a number.
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

/// Finds the conjunction that joins a second goal ("<goal> and <verb> ..."),
/// with the class of the second goal's verb.
pub(super) fn find_compound(
    text: &str,
    toks: &[Token],
    verb_end: usize,
) -> (Option<Phrase>, Option<VerbClass>) {
    let n = toks.len();
    let mut compound = None;
    let mut second_verb: Option<VerbClass> = None;
    let first_left_content = (verb_end..n).find(|&i| {
        toks[i].kind == TokKind::Number
            || toks[i].kind == TokKind::Word && !is_stop_word(&toks[i].lower, StopWords::Content)
    });
    for k in verb_end..n {
        let l = w(toks, k);
        let conj = matches!(l, "and" | "&" | ";" | "plus")
            || (l == "as" && w(toks, k + 1) == "well" && w(toks, k + 2) == "as");
        if !conj {
            continue;
        }
        let mut m = if l == "as" { k + 3 } else { k + 1 };
        if matches!(w(toks, m), "also" | "then") {
            m += 1;
        }
        let nw = w(toks, m);
        let is_verb = toks.get(m).is_some_and(|t| t.kind == TokKind::Word)
            && (verb_class(nw).is_some() || phrasal_verb(nw, w(toks, m + 1)).is_some())
            && (!COMPOUND_NOUNISH.contains(&nw)
                || matches!(w(toks, m + 1), "the" | "a" | "an" | "our" | "$")
                || toks.get(m + 1).is_some_and(|t| t.kind == TokKind::Number))
            && !nw.ends_with("ing")
            && m + 1 < n;
        let left_has = first_left_content.is_some_and(|c| c < k);
        if is_verb && left_has && l != "&" || (l == ";" && m < n && left_has) {
            compound = Some(phrase(text, toks, k, if l == "as" { k + 2 } else { k }));
            second_verb = phrasal_verb(nw, w(toks, m + 1)).or_else(|| verb_class(nw));
            break;
        }
    }
    (compound, second_verb)
}

/// Whether the main verb names an activity or an output rather than an
/// outcome: an activity verb ("launch", "write") or a leading effort verb
/// ("work on") without a target, or a light verb with an activity noun ("make
/// 200 calls"). A rate or a limit as the target ("ship 95% on time"), or a
/// quantity as the subject, makes it a result.
pub(super) fn is_activity(
    toks: &[Token],
    used: &[bool],
    main: &MainVerb,
    target: Option<&Quantity>,
) -> bool {
    let n = toks.len();
    let (verb, v0) = (main.verb, main.first);
    let measurable = target.is_some();
    // Activity verbs with a rate or a performance limit measure a result:
    // "Ship 95% of stories on time", "Run a marathon in under 4 hours".
    let rate_target = target.is_some_and(|t| {
        matches!(t.kind, QuantityKind::Percent)
            || matches!(t.comparator, Some(Comparator::Below | Comparator::AtMost))
    });
    // A light verb with an activity noun names a task: "Make 200 calls",
    // "Do more social media posting", "Have 20 customer meetings".
    let light_activity = verb.is_some_and(|v| {
        v.0 == v0
            && matches!(
                w(toks, v.0),
                "make" | "makes" | "do" | "does" | "have" | "has"
            )
            && (v.1 + 1..n)
                .take_while(|&k| {
                    !used[k]
                        && (toks[k].kind != TokKind::Word
                            || !matches!(w(toks, k), "by" | "to" | "with" | "for" | "in" | "on"))
                })
                .take(6)
                .any(|k| {
                    let l = w(toks, k);
                    toks[k].kind == TokKind::Word
                        && (lexicon::is_activity_noun(l)
                            || l.len() > 5
                                && l.ends_with("ing")
                                && verb_class(l) == Some(VerbClass::Activity))
                })
    });
    !main.subject_quantity
        && !rate_target
        && (light_activity
            || verb.is_some_and(|v| {
                v.2 == VerbClass::Activity || (v.2 == VerbClass::Effort && !measurable && v.0 == v0)
            }) && verb.is_some_and(|v| {
                !(v.2 == VerbClass::Effort && matches!(w(toks, v.0), "be" | "do"))
            }))
}

/// A compound whose second goal is an outcome states an outcome: "Launch the
/// plan and convert 40 trials to paid" (`second_verb` is that goal's verb).
pub(super) fn second_goal_is_outcome(second_verb: Option<VerbClass>) -> bool {
    second_verb.is_some_and(|c| {
        matches!(
            c,
            VerbClass::Increase | VerbClass::Decrease | VerbClass::Maintain | VerbClass::Reach
        )
    })
}
