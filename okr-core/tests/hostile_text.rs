//! Hostile and careless input in what okr-core prints (issue 17): numbers of any magnitude in
//! messages, control and bidirectional characters in text output, options out of range. The
//! documents in `fixtures/hostile/` are those of the shared hostile set (`ansi_titles.json`,
//! `cfg_maxdepth.json`).

mod common;

use common::*;
use okr_core::lint::LintConfig;
use okr_core::report::Report;
use okr_core::{CheckIn, Measure, RollupConfig};

/// No message or text prints a number with hundreds of digits.
#[track_caller]
fn short_numbers(s: &str) {
    let longest = s
        .split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0);
    assert!(longest <= 20, "a number of {longest} digits in {s}");
}

#[test]
fn error_messages_print_tiny_and_huge_numbers_compactly() {
    let mut g = base();
    obj(&mut g, "a");
    kr(&mut g, "k", "a", Measure::numeric(0.0, 10.0));
    let c = CheckIn {
        confidence: Some(-1e-300),
        ..val(t(10, 2, 0, 0), 1.0)
    };
    let e = g.check_in("k", c).unwrap_err().to_string();
    assert_eq!(
        e,
        "invalid check-in on key result \"k\": confidence -1e-300 is outside [0, 1]"
    );
    obj(&mut g, "b");
    let e = g.link("b", "a", -1e300).unwrap_err().to_string();
    assert_eq!(
        e,
        "invalid weight -1e300 on b -> a: weights must be finite and >= 0"
    );
    // a measure whose start equals its target: 1e-300 both
    let e = g
        .add_key_result(okr_core::KeyResult::new(
            "tiny",
            "",
            "a",
            Measure::numeric(1e-300, 1e-300),
        ))
        .unwrap_err()
        .to_string();
    assert!(
        e.ends_with("start and target are both 1e-300: there is nothing to measure"),
        "{e}"
    );
    let bands = okr_core::analytics::GradeBands {
        partial: 1e-300,
        aspirational_success: 1e-301,
        committed_success: 1.0,
    };
    let e = bands.validate().unwrap_err().to_string();
    assert_eq!(
        e,
        "invalid configuration partial: 1e-300 must not exceed the success bands (1e-301, 1)"
    );
    let e = RollupConfig::from_settings([("stale_days", Some(1e300))])
        .unwrap_err()
        .to_string();
    short_numbers(&e);
    assert!(e.contains("1e300 must be a whole number"), "{e}");
}

#[test]
fn lint_messages_and_the_report_print_tiny_and_huge_numbers_compactly() {
    let mut g = base();
    obj(&mut g, "a");
    kr(&mut g, "big", "a", Measure::numeric(1e100, 1e300));
    g.check_in("big", val(t(10, 2, 0, 0), 2e100)).unwrap();
    g.check_in("big", val(t(10, 3, 0, 0), 3e100)).unwrap();
    kr(&mut g, "tiny", "a", Measure::numeric(1e-300, 3e-300));
    g.check_in("tiny", val(t(10, 2, 0, 0), 1.5e-300)).unwrap();
    let found = okr_core::lint::lint_graph(&g, &LintConfig::default(), d(11, 15));
    let a002: Vec<&str> = found
        .iter()
        .filter(|f| f.code == "A002")
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        a002.contains(&"Target 1e300 is 1e200x the start value 1e100 (more than 3x)"),
        "{a002:?}"
    );
    for f in &found {
        short_numbers(&f.message);
    }
    let rollup = g.rollup(d(11, 15));
    let text = Report::render_text(&g, &rollup);
    short_numbers(&text);
    assert!(text.contains("[big]  3e100 / 1e300"), "{text}");
    assert!(text.contains("[tiny]  1.5e-300 / 3e-300"), "{text}");
    let f = g.forecast(d(11, 15), &RollupConfig::default()).unwrap();
    short_numbers(&f.render_text());
    short_numbers(&g.explain_progress("a", d(11, 15)).unwrap().render_text());
}

// ----- control and bidirectional characters ------------------------------------------------

fn fixture_text(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/hostile/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

/// Characters a terminal acts on, or that reorder text, other than the line feeds that end
/// lines.
#[track_caller]
fn no_raw_controls(what: &str, s: &str) {
    let raw: Vec<char> = s
        .chars()
        .filter(|&c| c != '\n' && okr_core::format::needs_escape(c))
        .collect();
    assert!(raw.is_empty(), "{what}: raw {raw:?} in {s}");
}

#[test]
fn every_text_renderer_escapes_the_documents_text() {
    use okr_core::analytics::{CoverageOptions, GradeBands, GraphFormat, ScorecardOptions};
    use okr_core::{AsOf, CheckInValue};
    // titles with ESC, OSC, BEL, CR, RLO and PDF; a key result id with ESC
    let g = okr_core::document::load_str(&fixture_text("ansi_titles")).unwrap();
    let (day, cfg) = (d(11, 15), RollupConfig::default());
    let kr = "kr\u{1b}[8m";
    let mut texts = vec![
        ("report", Report::render_text(&g, &g.rollup(day))),
        (
            "contributions",
            g.contributions("top", day, &cfg).unwrap().render_text(5),
        ),
        (
            "what-if",
            g.what_if_diff(day, &[(kr.to_string(), CheckInValue::Value(400.0))], &cfg)
                .unwrap()
                .render_text(),
        ),
        ("forecast", g.forecast(day, &cfg).unwrap().render_text()),
        (
            "scores",
            g.scores(day, &GradeBands::default()).unwrap().render_text(),
        ),
        (
            "diff",
            g.diff(AsOf::from(d(10, 1)), AsOf::from(day), &cfg)
                .unwrap()
                .render_text(),
        ),
        (
            "coverage",
            g.coverage(&CoverageOptions::default())
                .unwrap()
                .render_text(),
        ),
        (
            "scorecards",
            okr_core::render::scorecards_text(
                &g.scorecards(day, &ScorecardOptions::default()).unwrap(),
            ),
        ),
    ];
    for id in ["top", "child", kr] {
        texts.push((
            "explain",
            g.explain_progress(id, day).unwrap().render_text(),
        ));
    }
    for f in [GraphFormat::Dot, GraphFormat::Mermaid, GraphFormat::Svg] {
        texts.push(("graph", g.render_graph(f, day, &cfg).unwrap()));
    }
    let lint = okr_core::lint::lint_graph(&g, &LintConfig::default(), day);
    texts.push((
        "lint",
        okr_core::render::diagnostics_text("okrs\u{1b}.json", &lint),
    ));
    let found = okr_core::suggest::suggest(
        "Reduce \u{1b}[2Jcustomer churn\u{202e}",
        &okr_core::suggest::SuggestOptions::default(),
    )
    .unwrap();
    texts.push(("suggest", okr_core::render::suggestions_text(&found)));
    for (what, text) in &texts {
        no_raw_controls(what, text);
    }
    let report = &texts[0].1;
    assert!(report.contains("◆ Lead the market \\u{1b}[2J\\u{1b}[1;31mFAKE ALERT\\u{1b}[0m \\u{1b}]0;pwned\\u{7} — Acme [top]"), "{report}");
    assert!(
        report.contains(
            "Win customers \\u{202e} kcart no \\u{202c}\\r██████████ 100.0% — Team [child]"
        ),
        "{report}"
    );
    assert!(report.contains("[kr\\u{1b}[8m]  250 / 500"), "{report}");
    // columns are as wide as the escaped ids: the forecast's period end stays in its column
    let forecast = &texts[3].1;
    let header = forecast.lines().next().unwrap();
    let row = forecast.lines().nth(1).unwrap();
    assert!(row.starts_with("kr\\u{1b}[8m "), "{forecast}");
    assert_eq!(
        row.find("2026-12-31").unwrap() + "2026-12-31".len(),
        header.find("period end").unwrap() + "period end".len(),
        "{forecast}"
    );
    // the JSON of a report is data: the id as it is
    let json = serde_json::to_string(&Report::new(&g, &g.rollup(day))).unwrap();
    assert!(json.contains(r#""id":"kr\u001b[8m""#), "{json}");
}

#[test]
fn error_messages_escape_what_they_quote() {
    let mut g = base();
    obj(&mut g, "a\u{1b}[2J");
    obj(&mut g, "b\u{202e}");
    g.link("b\u{202e}", "a\u{1b}[2J", 1.0).unwrap();
    let errors = [
        g.link("a\u{1b}[2J", "b\u{202e}", 1.0).unwrap_err(),
        g.link("b\u{202e}", "a\u{1b}[2J", f64::NAN).unwrap_err(),
        g.explain_progress("x\u{7}", d(11, 15)).unwrap_err(),
        okr_core::document::load_str(r#"{"version": 1, "x\u001b": 1}"#).unwrap_err(),
        okr_core::AsOf::parse("2026-13-01\u{1b}[2J").unwrap_err(),
    ];
    for e in &errors {
        no_raw_controls(e.code(), &e.to_string());
    }
    assert!(
        errors[0]
            .to_string()
            .ends_with("a\\u{1b}[2J -> b\\u{202e} -> a\\u{1b}[2J"),
        "{}",
        errors[0]
    );
    // the ids themselves are raw
    assert_eq!(errors[0].ids().next(), Some("a\u{1b}[2J"));
    let problems = okr_core::document::check_str(r#"{"version": 1, "x\u001b\u202e": 1}"#);
    for p in &problems {
        no_raw_controls("check", &p.to_string());
    }
}

// ----- undefined progress says why -----------------------------------------------------------

#[test]
fn a_key_result_with_undefined_progress_says_why_in_the_report() {
    // a threshold without a start value and without check-ins has no value, so no progress
    let mut g = base();
    obj(&mut g, "a");
    kr(
        &mut g,
        "uptime",
        "a",
        threshold(okr_core::Bound::AtOrAbove, 99.9, None),
    );
    kr(&mut g, "k", "a", Measure::numeric(0.0, 10.0));
    let rollup = g.rollup(d(11, 15));
    let text = Report::render_text(&g, &rollup);
    let line = text.lines().find(|l| l.contains("[uptime]")).unwrap();
    assert!(
        line.ends_with(
            "• KR uptime [uptime]  — no progress: no value yet (no start value and no check-in)"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Progress undefined: uptime (no value yet (no start value and no check-in))."
        ),
        "{text}"
    );
    // the JSON report gives the reason's code
    let json = serde_json::to_value(Report::new(&g, &rollup)).unwrap();
    let node = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "uptime")
        .unwrap();
    assert_eq!(node["progress"], serde_json::Value::Null);
    assert_eq!(node["undefined_reason"], "no_value");
}
