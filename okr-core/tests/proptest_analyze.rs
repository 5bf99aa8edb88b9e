//! Property tests: the analyser and the linter never panic, and every span
//! lies on char boundaries inside the text.

use chrono::NaiveDate;
use okr_core::lint::{LintConfig, StatementKind, TextContext, lint_statement};
use okr_core::text::{Analysis, AnalyzeOptions, Span, analyze};
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "from",
    "to",
    "by",
    "$",
    "€",
    "£",
    "%",
    "k",
    "M",
    "1,000",
    "2.5",
    "25k",
    "$2.5M",
    "80%",
    "percent",
    "points",
    "3x",
    "double",
    "halve",
    "zero",
    "under",
    "at least",
    "or higher",
    "by the end of",
    "Q1",
    "Q4 2027",
    "H1",
    "this quarter",
    "this fiscal year",
    "mid-year",
    "within 6 weeks",
    "in 2027",
    "2027-03-31",
    "December 31,",
    "May 15th",
    "through November",
    "before the start of next year",
    "year end",
    "soon",
    "ASAP",
    "improve",
    "work on",
    "and",
    "launch",
    "roll out",
    "customers",
    "ms",
    "minutes",
    "-",
    "/",
    "'",
    "’",
    "é",
    "日本",
    "😀",
    "٣",
    "1️⃣",
    "\t",
    ",",
    ".",
    "by mid",
    "end",
    "fy",
    "FY27",
    "next",
    "week",
    "Friday",
];

fn check_span(text: &str, s: Span) {
    assert!(
        s.0 <= s.1 && s.1 <= text.len(),
        "span {s:?} outside text of len {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(s.0) && text.is_char_boundary(s.1),
        "span {s:?} not on char boundary"
    );
}

fn check_all(text: &str, a: &Analysis) {
    let qs = a
        .quantities
        .iter()
        .chain(a.target.iter())
        .chain(a.baseline.iter());
    for q in qs {
        check_span(text, q.span);
        assert_eq!(&text[q.span.0..q.span.1], q.text);
    }
    if let Some(d) = &a.deadline {
        check_span(text, d.span);
    }
    let phrases = a
        .vague
        .iter()
        .chain(a.vague_time.iter())
        .chain(a.verb.iter())
        .chain(a.activity_verb.iter())
        .chain(a.object.iter())
        .chain(a.compound.iter())
        .chain(a.time_window.iter());
    for p in phrases {
        check_span(text, p.span);
        assert_eq!(&text[p.span.0..p.span.1], p.text);
    }
}

fn mixed() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(FRAGMENTS).prop_map(str::to_string),
            "[0-9]{1,6}",
            "[0-9]{1,3}[.,][0-9]{1,4}[kKmMx%]?",
            "\\PC{0,6}",
            any::<char>().prop_map(|c| c.to_string()),
        ],
        0..24,
    )
    .prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(text in any::<String>(), fs in 0u32..15) {
        let opts = AnalyzeOptions {
            as_of: NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(),
            fiscal_year_start_month: fs,
        };
        let a = analyze(&text, &opts);
        check_all(&text, &a);
    }

    #[test]
    fn phrase_soup(text in mixed(), fs in 1u32..=12, days in 0i64..40_000) {
        let day = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Duration::days(days);
        let opts = AnalyzeOptions { as_of: day, fiscal_year_start_month: fs };
        let a = analyze(&text, &opts);
        check_all(&text, &a);
        let config = LintConfig { as_of: Some(day), fiscal_year_start_month: fs, ..LintConfig::default() };
        for kind in [StatementKind::Objective, StatementKind::KeyResult] {
            let ctx = TextContext { kind, entity: None, cycle: Some((day, day + chrono::Duration::days(90))) };
            for d in lint_statement(&text, &ctx, &config, day) {
                if let Some(s) = d.span {
                    check_span(&text, s);
                }
            }
        }
    }
}

#[test]
fn huge_inputs_stay_linear() {
    let opts = AnalyzeOptions::new(NaiveDate::from_ymd_opt(2026, 10, 5).unwrap());
    for unit in [
        "Grow revenue from $80k to $120k by December 31 and launch soon ",
        "from 5 ",
        "and ",
        "at ",
        "the end of ",
        "1,000,",
        "😀",
        "x",
    ] {
        let text = unit.repeat(200_000 / unit.len());
        let start = std::time::Instant::now();
        let a = analyze(&text, &opts);
        check_all(&text, &a);
        let config = LintConfig::with_as_of(opts.as_of);
        let _ = lint_statement(
            &text,
            &TextContext::new(StatementKind::Goal),
            &config,
            opts.as_of,
        );
        // Generous bound: quadratic behaviour would take minutes here.
        assert!(
            start.elapsed().as_secs() < 20,
            "{unit:?} took {:?}",
            start.elapsed()
        );
    }
}
