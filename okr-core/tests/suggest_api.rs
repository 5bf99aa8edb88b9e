//! `suggest`: options, errors, explanations, determinism, robustness.

use okr_core::OkrError;
use okr_core::suggest::{
    FUNCTIONS, KpiDirection as Direction, SuggestOptions, Suggestion, catalog, normalize_function,
    suggest,
};
use proptest::prelude::*;

fn opts() -> SuggestOptions {
    SuggestOptions::default()
}

fn top(n: usize) -> SuggestOptions {
    SuggestOptions {
        function: None,
        top: n,
    }
}

fn ids(s: &[Suggestion]) -> Vec<&str> {
    s.iter().map(|x| x.template_id.as_str()).collect()
}

#[test]
fn default_top_is_five_and_sorted() {
    assert_eq!(opts().top, 5);
    let s = suggest("Reduce customer churn", &opts()).unwrap();
    assert_eq!(s.len(), 5);
    assert_eq!(s[0].template_id, "logo-churn-rate");
    assert_eq!(s[0].matched, ["customer", "churn"]);
    assert_eq!(s[0].direction, Direction::Decrease);
    assert!(s.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(s.iter().all(|x| x.score.is_finite() && x.score > 0.0));
}

#[test]
fn deterministic() {
    for text in [
        "Grow revenue from existing clients",
        "Make our website load faster",
        "Keep our IT systems up and running",
        "x",
    ] {
        for f in [None, Some("sales".to_string())] {
            let o = SuggestOptions {
                function: f,
                top: 20,
            };
            let a = suggest(text, &o).unwrap();
            let b = suggest(text, &o).unwrap();
            assert_eq!(a, b);
            assert_eq!(
                serde_json::to_string(&a).unwrap(),
                serde_json::to_string(&b).unwrap()
            );
        }
    }
}

#[test]
fn ties_broken_by_id() {
    let s = suggest("quality cost time rate", &top(300)).unwrap();
    assert!(s.len() > 10);
    for w in s.windows(2) {
        assert!(
            w[0].score > w[1].score
                || (w[0].score == w[1].score && w[0].template_id < w[1].template_id)
        );
    }
}

#[test]
fn empty_and_stop_word_text_gives_nothing() {
    for text in ["", "   ", "\n\t", "the and of to", "2026 100%", "it"] {
        assert!(suggest(text, &opts()).unwrap().is_empty(), "{text:?}");
    }
}

#[test]
fn top_zero_is_invalid_config_naming_the_bound() {
    // asking for no suggestions used to answer "no word matches"; it is a mistake in the options
    for text in ["reduce churn", ""] {
        let e = suggest(text, &top(0)).unwrap_err();
        assert_eq!(e.code(), "invalid_config");
        assert_eq!(
            e.to_string(),
            "invalid configuration top: 0 must be at least 1 (the number of suggestions to give)"
        );
    }
    assert_eq!(suggest("reduce churn", &top(1)).unwrap().len(), 1);
}

#[test]
fn top_limits_the_count() {
    for n in [1, 3, 7] {
        assert_eq!(
            suggest("Grow our sales pipeline", &top(n)).unwrap().len(),
            n
        );
    }
}

#[test]
fn function_boosts_and_is_normalised() {
    let plain = suggest("Improve response time", &top(3)).unwrap();
    let eng = suggest(
        "Improve response time",
        &SuggestOptions {
            function: Some("Engineering".into()),
            top: 3,
        },
    )
    .unwrap();
    assert_ne!(ids(&plain), ids(&eng));
    assert!(
        eng[0].functions.iter().any(|f| f == "engineering"),
        "{eng:?}"
    );
    assert_eq!(
        normalize_function("Customer Success").unwrap(),
        Some("customer_success")
    );
    assert_eq!(
        normalize_function(" customer-success ").unwrap(),
        Some("customer_success")
    );
    assert_eq!(normalize_function("  ").unwrap(), None);
    let blank = SuggestOptions {
        function: Some("  ".into()),
        top: 3,
    };
    assert_eq!(
        suggest("reduce churn", &blank).unwrap(),
        suggest("reduce churn", &top(3)).unwrap()
    );
}

#[test]
fn unknown_function_is_an_invalid_value_listing_the_valid_ones() {
    let o = SuggestOptions {
        function: Some("legal".into()),
        top: 5,
    };
    let err = suggest("reduce churn", &o).unwrap_err();
    assert_eq!(err.code(), "invalid_value");
    assert_eq!(err.name(), "InvalidValueError");
    let OkrError::InvalidValue { field, reason } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(field, "function");
    assert!(reason.contains("\"legal\""), "{reason}");
    for f in FUNCTIONS {
        assert!(reason.contains(f), "{reason}");
    }
    // Checked even for empty text.
    assert_eq!(suggest("", &o).unwrap_err(), err);
}

#[test]
fn direction_words_steer_ranking() {
    let up = suggest("Increase employee retention", &opts()).unwrap();
    let down = suggest("Reduce employee attrition", &opts()).unwrap();
    assert_eq!(up[0].direction, Direction::Increase);
    assert_eq!(down[0].direction, Direction::Decrease);
}

#[test]
fn synonyms_stems_and_forms_match() {
    let s = suggest("fewer bugs", &opts()).unwrap();
    assert!(ids(&s).contains(&"escaped-defects"), "{s:?}");
    let s = suggest("staff turnover", &opts()).unwrap();
    let hit = s
        .iter()
        .find(|x| x.template_id == "voluntary-attrition")
        .expect("attrition suggested");
    assert!(hit.matched.contains(&"turnover".to_string()));
    // A phrase, a hyphenated compound and "IT" written in capitals.
    let s = suggest("Keep our IT systems up and running", &top(3)).unwrap();
    assert!(
        s.iter()
            .any(|x| x.matched.contains(&"up and running".into())),
        "{s:?}"
    );
    let s = suggest("Make our on-call rotation less painful", &top(1)).unwrap();
    assert_eq!(s[0].template_id, "on-call-pages");
    assert!(s[0].matched.contains(&"on-call".to_string()), "{s:?}");
    // "it" the pronoun is not IT.
    let s = suggest("Shorten the time it takes to release", &top(5)).unwrap();
    assert!(
        s.iter().all(|x| !x.functions.iter().all(|f| f == "it")),
        "{s:?}"
    );
}

#[test]
fn companions_explain_themselves() {
    let s = suggest("Reduce customer churn", &top(10)).unwrap();
    let anchor = &s[0].template_id;
    let companions: Vec<&Suggestion> = s.iter().filter(|x| x.companion_of.is_some()).collect();
    assert!(!companions.is_empty());
    let related = &catalog()
        .iter()
        .find(|t| &t.id == anchor)
        .expect("anchor in catalog")
        .related;
    for c in companions {
        assert_eq!(c.companion_of.as_ref(), Some(anchor));
        assert!(related.contains(&c.template_id));
    }
    // Every suggestion is justified: a matched word, or being a companion.
    for text in ["Make the app a daily habit", "Close the books faster"] {
        for x in suggest(text, &top(20)).unwrap() {
            assert!(!x.matched.is_empty() || x.companion_of.is_some(), "{x:?}");
        }
    }
}

#[test]
fn suggestion_serialises_snake_case() {
    let s = suggest("keep uptime high", &opts()).unwrap();
    let v = serde_json::to_value(&s[0]).unwrap();
    for key in [
        "template_id",
        "metric",
        "definition",
        "score",
        "matched",
        "companion_of",
        "direction",
        "unit",
        "cadence",
        "pattern",
        "phrasing",
        "functions",
    ] {
        assert!(v.get(key).is_some(), "missing {key} in {v}");
    }
    assert_eq!(v["direction"], "keep_above");
    assert_eq!(v["template_id"], "service-uptime");
    assert_eq!(
        v["phrasing"],
        "Keep service availability at or above {target}% through {deadline}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn suggest_never_panics(text in any::<String>(), n in 0usize..300, f in proptest::option::of(any::<String>())) {
        let o = SuggestOptions { function: f, top: n };
        if let Ok(s) = suggest(&text, &o) {
            prop_assert!(s.len() <= n);
            prop_assert!(s.iter().all(|x| x.score.is_finite() && x.score > 0.0));
        }
    }

    #[test]
    fn suggest_is_deterministic_on_wordy_text(words in proptest::collection::vec("[a-zA-Z'éß-]{0,12}", 0..40)) {
        let text = words.join(" ");
        let o = SuggestOptions { function: Some("it".into()), top: 10 };
        prop_assert_eq!(suggest(&text, &o).unwrap(), suggest(&text, &o).unwrap());
    }
}

#[test]
fn huge_input_is_bounded() {
    let text = "reduce customer churn ".repeat(200_000);
    let s = suggest(&text, &opts()).unwrap();
    assert_eq!(s[0].template_id, "logo-churn-rate");
    let noise: String = (0..50_000).map(|i| format!("w{i} ")).collect();
    assert!(suggest(&noise, &opts()).unwrap().len() <= 5);
    let hyphens = "a-".repeat(100_000);
    assert!(suggest(&hyphens, &opts()).unwrap().len() <= 5);
}
