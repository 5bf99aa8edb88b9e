//! End-to-end tests of the analytics subcommands: the JSON output equals the library's
//! answer, the text output names what matters, bad input exits 2 with a message.

use chrono::NaiveDate;
use okr_core::analytics::{CoverageOptions, GradeBands, GraphFormat};
use okr_core::{OkrGraph, RollupConfig};

mod common;
use common::*;

fn ok_stdout(args: &[&str]) -> String {
    let o = okr(args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("utf-8")
}

fn fails(args: &[&str], message: &str) {
    let o = okr(args);
    assert_eq!(o.status.code(), Some(2), "{args:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(message), "{args:?}: {err}");
}

fn acme() -> OkrGraph {
    okr_core::document::load_str(&std::fs::read_to_string(root().join(ACME)).unwrap()).unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok_stdout(args)).expect("json")
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 15).unwrap()
}

#[test]
fn coverage_matches_the_library() {
    let want = acme().coverage(&CoverageOptions::default()).unwrap();
    let got = json(&["coverage", ACME, "--format", "json"]);
    assert_eq!(got, serde_json::to_value(&want).unwrap());
    let text = ok_stdout(&["coverage", ACME]);
    assert!(text.contains("[leading-provider]"), "{text}");
    assert!(
        text.contains("people without an aligned objective: ivar"),
        "{text}"
    );
    fails(&["coverage", ACME, "--cycle", "q9"], "q9");
}

#[test]
fn contributions_match_the_library() {
    let want = acme()
        .contributions("leading-provider", day(), &RollupConfig::default())
        .unwrap();
    let got = json(&[
        "contributions",
        ACME,
        "leading-provider",
        "--as-of",
        "2026-11-15",
        "--top",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(got["contributions"], serde_json::to_value(&want).unwrap());
    let movers: Vec<&str> = want
        .top_movers(2)
        .iter()
        .map(|k| k.key_result.as_str())
        .collect();
    assert_eq!(got["top_movers"], serde_json::json!(movers));
    fails(&["contributions", ACME, "nope"], "nope");
}

#[test]
fn what_if_changes_nothing_on_disk_and_reports_the_changes() {
    let before = std::fs::read(root().join(ACME)).unwrap();
    let rows = json(&[
        "what-if",
        ACME,
        "--set",
        "annual-revenue=3600000",
        "--as-of",
        "2026-11-15",
        "--format",
        "json",
    ]);
    assert_eq!(std::fs::read(root().join(ACME)).unwrap(), before);
    let row = |id: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id} in {rows}"))
            .clone()
    };
    assert_eq!(row("annual-revenue")["progress_after"], 1.0);
    let g = acme();
    let sales = g.rollup(day()).objective("sales-growth").unwrap().progress;
    assert_eq!(row("sales-growth")["progress_before"].as_f64(), sales);
    fails(&["what-if", ACME, "--set", "nope=3"], "nope");
    fails(&["what-if", ACME, "--set", "annual-revenue"], "KR=VALUE");
    fails(
        &["what-if", ACME, "--set", "annual-revenue=done"],
        "annual-revenue",
    );
}

#[test]
fn forecast_score_scorecard_diff_match_the_library() {
    let g = acme();
    let cfg = RollupConfig::default();
    assert_eq!(
        json(&[
            "forecast",
            ACME,
            "--as-of",
            "2026-11-15",
            "--format",
            "json"
        ]),
        serde_json::to_value(g.forecast(day(), &cfg).unwrap()).unwrap()
    );
    let after = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
    assert_eq!(
        json(&["score", ACME, "--today", "2027-01-05", "--format", "json"]),
        serde_json::to_value(g.scores(after, &GradeBands::default()).unwrap()).unwrap()
    );
    let text = ok_stdout(&["score", ACME, "--today", "2027-01-05"]);
    assert!(
        text.contains("(provisional)") && text.contains("partial"),
        "{text}"
    );
    fails(&["score", ACME, "--partial", "2"], "partial");
    let cards = json(&[
        "scorecard",
        ACME,
        "--today",
        "2026-11-15",
        "--owner",
        "sales",
        "--format",
        "json",
    ]);
    assert_eq!(cards.as_array().unwrap().len(), 1);
    assert_eq!(cards[0]["owner"], "sales");
    assert_eq!(cards[0]["signals"].as_array().unwrap().len(), 9);
    fails(&["scorecard", ACME, "--owner", "zzz"], "zzz");
    fails(&["scorecard", ACME, "--cadence-days", "0"], "cadence_days");
    let from = NaiveDate::from_ymd_opt(2026, 10, 15).unwrap();
    assert_eq!(
        json(&[
            "diff",
            ACME,
            "--from",
            "2026-10-15",
            "--to",
            "2026-11-15",
            "--format",
            "json"
        ]),
        serde_json::to_value(g.diff(from, day(), &cfg).unwrap()).unwrap()
    );
    fails(
        &["diff", ACME, "--from", "yesterday", "--to", "2026-11-15"],
        "yesterday",
    );
}

#[test]
fn graph_pictures_match_the_library() {
    let g = acme();
    for (name, format) in [
        ("dot", GraphFormat::Dot),
        ("mermaid", GraphFormat::Mermaid),
        ("svg", GraphFormat::Svg),
    ] {
        let want = g
            .render_graph(format, day(), &RollupConfig::default())
            .unwrap();
        assert_eq!(
            ok_stdout(&["graph", ACME, "--format", name, "--as-of", "2026-11-15"]),
            want
        );
    }
    fails(&["graph", "missing.json"], "missing.json");
}

#[test]
fn rollup_questions_take_a_moment_and_score_questions_a_date() {
    let g = acme();
    let cfg = RollupConfig::default();
    let noon = okr_core::AsOf::parse("2026-11-15T12:00:00+01:00").unwrap();
    let values =
        vec![okr_core::analytics::parse_what_if("annual-revenue=3600000", "--set").unwrap()];
    let at = ["--as-of", "2026-11-15T12:00:00+01:00", "--format", "json"];
    assert_eq!(
        json(
            &[
                &["what-if", ACME, "--set", "annual-revenue=3600000"],
                &at[..]
            ]
            .concat()
        ),
        serde_json::to_value(g.what_if_diff(noon, &values, &cfg).unwrap()).unwrap()
    );
    assert_eq!(
        json(&[&["forecast", ACME], &at[..]].concat()),
        serde_json::to_value(g.forecast(noon, &cfg).unwrap()).unwrap()
    );
    assert_eq!(
        json(&[&["contributions", ACME, "sales-growth"], &at[..]].concat())["contributions"],
        serde_json::to_value(g.contributions("sales-growth", noon, &cfg).unwrap()).unwrap()
    );
    assert_eq!(
        ok_stdout(&["graph", ACME, "--as-of", "2026-11-15T12:00:00+01:00"]),
        g.render_graph(GraphFormat::Dot, noon, &cfg).unwrap()
    );
    let from = okr_core::AsOf::parse("2026-10-15T08:00:00Z").unwrap();
    assert_eq!(
        json(&[
            "diff",
            ACME,
            "--from",
            "2026-10-15T08:00:00Z",
            "--to",
            "2026-11-15T12:00:00+01:00",
            "--format",
            "json"
        ]),
        serde_json::to_value(g.diff(from, noon, &cfg).unwrap()).unwrap()
    );
    // A time without a zone is refused, as everywhere; scores take a date only.
    fails(
        &[
            "what-if",
            ACME,
            "--set",
            "annual-revenue=1",
            "--as-of",
            "2026-11-15T12:00:00",
        ],
        "zone",
    );
    fails(
        &[
            "diff",
            ACME,
            "--from",
            "2026-10-15T08:00:00",
            "--to",
            "2026-11-15",
        ],
        "zone",
    );
    fails(
        &["score", ACME, "--as-of", "2026-11-15T12:00:00Z"],
        "time of day",
    );
}

#[test]
fn option_defaults_are_the_core_defaults() {
    let help = |cmd: &str| ok_stdout(&[cmd, "--help"]);
    let top = format!("[default: {}]", okr_core::defaults::TOP_MOVERS);
    assert!(
        help("contributions").contains(&top),
        "{}",
        help("contributions")
    );
    let bands = GradeBands::default();
    let score = help("score");
    for v in [
        bands.aspirational_success,
        bands.committed_success,
        bands.partial,
    ] {
        assert!(score.contains(&format!("[default: {v}]")), "{v}: {score}");
    }
    let cadence = okr_core::defaults::CADENCE_DAYS;
    let scorecard = help("scorecard");
    assert!(
        scorecard.contains(&format!("else {cadence} days")),
        "{scorecard}"
    );
}

#[test]
fn what_if_json_is_the_rollup_diff_the_bindings_return() {
    // The input and answer of okr-core's what_if_diff test, and of the Python and JavaScript
    // tests of what_if_diff / whatIfDiff.
    let rows = json(&[
        "what-if",
        ACME,
        "--set",
        "annual-revenue=3600000",
        "--set",
        "referral-live=not-done",
        "--as-of",
        "2026-11-15",
        "--format",
        "json",
    ]);
    let ids: Vec<&str> = (rows.as_array().unwrap().iter())
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "new-customers-q4",
            "customer-base",
            "sales-growth",
            "leading-provider",
            "annual-revenue",
            "referral-live"
        ]
    );
    let values = ["annual-revenue=3600000", "referral-live=not-done"]
        .map(|s| okr_core::analytics::parse_what_if(s, "--set").unwrap());
    let want = acme()
        .what_if_diff(day(), &values, &RollupConfig::default())
        .unwrap();
    assert_eq!(rows, serde_json::to_value(&want).unwrap());
}
