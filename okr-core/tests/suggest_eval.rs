//! Precision@3 of [`suggest`] on labelled objective statements (each line: the statement, the
//! owner's function or `-`, and every catalog template a practitioner would accept).
//!
//! * `suggest-heldout-final.tsv` (150): the final held-out set, written and committed before
//!   the vocabulary round (catalog vocabulary for every template, stemmer and tokenizer
//!   generalisations), labelled from the catalog alone, measured once after it and never
//!   tuned against: **0.840, which meets the 0.80 bar.** Its statements use the
//!   jargon and abbreviations managers write (NPS, MTTR, DSO, OTIF) as well as casual and
//!   metaphorical wording; it was written by the same engineer who then wrote the
//!   vocabulary, which may flatter it.
//! * `suggest-heldout.tsv` (60): the previous held-out set, by a different author, mostly
//!   colloquial and metaphorical; not looked at during the vocabulary round. 0.633 before
//!   it, **0.694 after: still below the 0.80 bar.** Together the two say: objectives in a
//!   practitioner's vocabulary (including its abbreviations) get good suggestions;
//!   metaphors and everyday paraphrases the catalog does not know still often do not.
//! * `suggest-eval.tsv` (82): the tuning set, gated at the bar (0.915).
//! * `suggest-dev-*.tsv`: development sets (former held-out sets and colloquial statements)
//!   that were looked at and tuned against; regression floors only. Their headers say how each
//!   was used.
//!
//! Earlier clean held-out measurements, each on a set measured once before being studied:
//! 0.687 and 0.761 (now `suggest-dev-heldout-c/d.tsv`), then 0.633 (`suggest-heldout.tsv`),
//! then 0.840 (`suggest-heldout-final.tsv`).
//!
//! Set `SUGGEST_EVAL_VERBOSE=1` to print the misses of the tuning and development sets (never of
//! the held-out sets, so that they stay unseen).

use okr_core::suggest::{SuggestOptions, suggest, template};
use std::collections::HashSet;

/// The bar.
const BAR: f64 = 0.80;

struct Case {
    line: usize,
    text: String,
    function: Option<String>,
    acceptable: Vec<String>,
}

fn load(name: &str) -> Vec<Case> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    raw.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "{name}:{}: expected 3 columns", i + 1);
            let acceptable: Vec<String> =
                cols[2].split(',').map(|s| s.trim().to_string()).collect();
            for id in &acceptable {
                assert!(
                    template(id).is_some(),
                    "{name}:{}: unknown template id {id}",
                    i + 1
                );
            }
            Case {
                line: i + 1,
                text: cols[0].to_string(),
                function: (cols[1].trim() != "-").then(|| cols[1].trim().to_string()),
                acceptable,
            }
        })
        .collect()
}

/// Mean precision@3 (hits in the top 3 over 3) and a report of the queries with misses.
fn precision_at_3(cases: &[Case]) -> (f64, Vec<String>) {
    let mut total = 0.0;
    let mut misses = Vec::new();
    for c in cases {
        let opts = SuggestOptions {
            function: c.function.clone(),
            top: 3,
        };
        let got = suggest(&c.text, &opts).expect("valid function");
        let hits = got
            .iter()
            .filter(|s| c.acceptable.contains(&s.template_id))
            .count();
        total += hits as f64 / 3.0;
        if hits < 3 {
            let shown: Vec<String> = got
                .iter()
                .map(|s| {
                    let mark = if c.acceptable.contains(&s.template_id) {
                        '+'
                    } else {
                        '-'
                    };
                    format!("{mark}{} {:?}", s.template_id, s.matched)
                })
                .collect();
            misses.push(format!(
                "  line {} {:?}: {hits}/3 [{}]",
                c.line,
                c.text,
                shown.join(", ")
            ));
        }
    }
    (total / cases.len().max(1) as f64, misses)
}

/// Checks a set's precision@3 against `floor`; misses are shown unless the set is held out.
fn check(name: &str, min_cases: usize, floor: f64, held_out: bool) -> f64 {
    let cases = load(name);
    assert!(
        cases.len() >= min_cases,
        "{name} has {} cases, need {min_cases}",
        cases.len()
    );
    let (p, misses) = precision_at_3(&cases);
    eprintln!(
        "{name}: precision@3 = {p:.3} over {} statements",
        cases.len()
    );
    let shown = if held_out {
        "  (held-out set: misses are not shown)".to_string()
    } else {
        misses.join("\n")
    };
    if !held_out && std::env::var_os("SUGGEST_EVAL_VERBOSE").is_some() {
        eprintln!("{shown}");
    }
    assert!(
        p >= floor,
        "{name}: precision@3 {p:.3} < {floor}; misses:\n{shown}"
    );
    p
}

#[test]
fn eval_set_meets_the_bar() {
    check("suggest-eval.tsv", 60, BAR, false);
}

#[test]
fn heldout_set_regression_floor() {
    // Measured 0.633, then 0.694 after the vocabulary round: below the 0.80 bar (see the
    // module documentation).
    let p = check("suggest-heldout.tsv", 60, 0.68, true);
    if p < BAR {
        eprintln!("suggest-heldout.tsv: below the issue's {BAR} bar");
    }
}

#[test]
fn final_heldout_set() {
    // Measured once, 0.840 (meets the 0.80 bar); the floor sits just under it.
    let p = check("suggest-heldout-final.tsv", 80, 0.83, true);
    if p < BAR {
        eprintln!("suggest-heldout-final.tsv: below the issue's {BAR} bar");
    }
}

#[test]
fn development_sets_regression_floors() {
    // Floors a little under the measured figures (0.792, 0.951, 0.854, 0.831, 0.850; before
    // the vocabulary round they were 0.817, 0.931, 0.802, 0.749, 0.822).
    check("suggest-dev-colloquial.tsv", 60, 0.78, false);
    check("suggest-dev-heldout-a.tsv", 30, 0.94, false);
    check("suggest-dev-heldout-b.tsv", 30, 0.84, false);
    check("suggest-dev-heldout-c.tsv", 60, 0.82, false);
    check("suggest-dev-heldout-d.tsv", 60, 0.84, false);
}

fn content_words(s: &str) -> HashSet<String> {
    const STOP: &[&str] = &[
        "a", "an", "the", "our", "of", "to", "for", "and", "in", "on", "with", "from", "more",
        "less", "every", "each", "by", "we", "us", "is", "are",
    ];
    s.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !STOP.contains(&w.as_str()))
        .collect()
}

#[test]
fn heldout_statements_are_new() {
    let others: Vec<(String, String)> = [
        "suggest-eval.tsv",
        "suggest-dev-colloquial.tsv",
        "suggest-dev-heldout-a.tsv",
        "suggest-dev-heldout-b.tsv",
        "suggest-dev-heldout-c.tsv",
        "suggest-dev-heldout-d.tsv",
    ]
    .iter()
    .flat_map(|n| load(n).into_iter().map(move |c| (n.to_string(), c.text)))
    .collect();
    let mut seen = HashSet::new();
    for (name, earlier) in [
        ("suggest-heldout.tsv", Vec::new()),
        ("suggest-heldout-final.tsv", vec!["suggest-heldout.tsv"]),
    ] {
        let earlier: Vec<(String, String)> = earlier
            .iter()
            .flat_map(|n| load(n).into_iter().map(move |c| (n.to_string(), c.text)))
            .collect();
        for c in load(name) {
            assert!(
                seen.insert(c.text.to_lowercase()),
                "repeated held-out statement {:?}",
                c.text
            );
            check_new(&c.text, others.iter().chain(&earlier));
        }
    }
}

/// Panics when `text` is the same statement as one of `others`, or a light paraphrase of one.
fn check_new<'a>(text: &str, others: impl Iterator<Item = &'a (String, String)>) {
    let w = content_words(text);
    for (set, other) in others {
        let o = content_words(other);
        let jaccard = w.intersection(&o).count() as f64 / w.union(&o).count().max(1) as f64;
        assert!(
            jaccard < 0.5,
            "held-out {text:?} is too close to {set}: {other:?} ({jaccard:.2})"
        );
    }
}
