//! Hostile and careless input at the command line (issue 17): what reaches the terminal, bad
//! thresholds and options, numbers of any magnitude in messages.

mod common;
use common::*;

const ANSI: &str = "okr-core/tests/fixtures/hostile/ansi_titles.json";
const ANSI_LINT: &str = "okr-core/tests/fixtures/hostile/ansi_lint.json";
const MAX_DEPTH: &str = "okr-core/tests/fixtures/hostile/cfg_maxdepth.json";

#[test]
fn a_threshold_out_of_range_is_invalid_config_not_a_wrapped_limit() {
    // max_chain_depth = 2^64 - 1 used to wrap: "chain of 0 links, more than 18446744073709551615"
    let o = okr(&["lint", ANSI, "--today", "2026-11-15", "--config", MAX_DEPTH]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(o.stdout.is_empty(), "{o:?}");
    let err = stderr(&o);
    assert!(
        err.contains("invalid configuration thresholds.max_chain_depth: 18446744073709551615 is out of range: it must be a whole number 0..=1000000"),
        "{err}"
    );
    // a key of the configuration file quoted back escaped
    let path = std::env::temp_dir().join(format!("okr-hostile-cfg-{}.json", std::process::id()));
    std::fs::write(&path, r#"{"thresholds": {"x\u001b[2J\u202e": 1}}"#).unwrap();
    let o = okr(&["lint", ANSI, "--config", path.to_str().unwrap()]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let err = stderr(&o);
    assert!(err.contains("x\\u{1b}[2J\\u{202e}"), "{err}");
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{202e}'),
        "{err}"
    );
}

/// The characters a terminal acts on, or that reorder text, other than the line feeds that end
/// lines: ESC, BEL, CR, DEL, C1, bidirectional controls and marks.
fn raw_controls(s: &str) -> Vec<char> {
    s.chars()
        .filter(|&c| c != '\n' && okr_core::format::needs_escape(c))
        .collect()
}

#[test]
fn text_output_escapes_control_and_bidi_characters_of_titles_and_ids() {
    let day = ["--as-of", "2026-11-15"];
    let runs: &[&[&str]] = &[
        &["report", ANSI],
        &["lint", ANSI],
        &["explain-progress", ANSI, "child"],
        &["explain-progress", ANSI, "kr\u{1b}[8m"],
        &["contributions", ANSI, "top"],
        &["forecast", ANSI],
        &["score", ANSI],
        &["scorecard", ANSI],
        &["what-if", ANSI, "--set", "kr\u{1b}[8m=400"],
        &["graph", ANSI, "--format", "dot"],
        &["graph", ANSI, "--format", "mermaid"],
        &["graph", ANSI, "--format", "svg"],
        &["coverage", ANSI],
    ];
    for args in runs {
        let mut all = args.to_vec();
        if !matches!(args[0], "coverage") {
            all.extend(day);
        }
        let o = okr(&all);
        assert!(o.status.code().is_some_and(|c| c < 2), "{args:?}: {o:?}");
        let out = stdout(&o);
        assert!(raw_controls(&out).is_empty(), "{args:?}: {out}");
        // lint's findings and scorecards name no hostile text of this document
        if !matches!(args[0], "lint" | "scorecard") {
            assert!(out.contains("\\u{1b}"), "{args:?}: {out}");
        }
    }
    // findings about hostile ids, and messages quoting them: ansi_lint.json is ansi_titles.json
    // with an objective of the same title before `top`, with no key results (Q002; L008
    // names it)
    let o = okr(&["lint", ANSI_LINT, "--as-of", "2026-11-15"]);
    let out = stdout(&o);
    assert!(raw_controls(&out).is_empty(), "{out}");
    assert!(
        out.contains(": first\\u{1b}[5m\\u{202e}: Q002 [error]"),
        "{out}"
    );
    assert!(
        out.contains(
            ": top: L008 [warning] Same title as `first\\u{1b}[5m\\u{202e}` in the same cycle"
        ),
        "{out}"
    );
    // errors quoting an id
    let o = okr(&[
        "explain-progress",
        ANSI,
        "no\u{1b}]0;x\u{7}such",
        "--as-of",
        "2026-11-15",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(raw_controls(&err).is_empty(), "{err}");
    assert!(err.contains("no\\u{1b}]0;x\\u{7}such"), "{err}");
    // `okr check` quoting an unknown id and an unknown field of the document
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(ANSI)).unwrap()).unwrap();
    doc["objectives"][1]["parents"][0]["id"] = "gone\u{1b}[2J\u{202e}".into();
    let path = std::env::temp_dir().join(format!("okr-hostile-check-{}.json", std::process::id()));
    std::fs::write(&path, doc.to_string()).unwrap();
    let o = okr(&["check", path.to_str().unwrap()]);
    doc["x\u{1b}]0;t\u{7}"] = 1.into();
    std::fs::write(&path, doc.to_string()).unwrap();
    let o2 = okr(&["check", path.to_str().unwrap()]);
    let _ = std::fs::remove_file(&path);
    for o in [o, o2] {
        // (a bad document's exit code is 1 or 2, decided elsewhere; either way it is named)
        assert!(matches!(o.status.code(), Some(1 | 2)), "{o:?}");
        let out = stdout(&o) + &stderr(&o);
        assert!(raw_controls(&out).is_empty(), "{out}");
        assert!(out.contains("\\u{1b}"), "{out}");
    }
    // JSON is left as serde writes it: C0 escaped by JSON's rules, the data unchanged
    let o = okr(&["report", ANSI, "--as-of", "2026-11-15", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["id"] == "kr\u{1b}[8m")
    );
}

#[test]
fn report_and_lint_text_of_hostile_titles_snapshot() {
    let o = okr(&["report", ANSI, "--as-of", "2026-11-15"]);
    insta::assert_snapshot!("hostile_report_text", stdout(&o));
    let o = okr(&["lint", ANSI_LINT, "--as-of", "2026-11-15"]);
    insta::assert_snapshot!("hostile_lint_text", stdout(&o));
}
