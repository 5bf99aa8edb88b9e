//! Snapshot tests of rendered diagnostics: one fixture per rule. TEXT rules:
//! `tests/fixtures/rules/<CODE>.txt` (lint-text lines; an optional
//! `# cycle: START END` line gives the entity's cycle). STRUCTURE rules:
//! `tests/fixtures/rules/<CODE>.okr.json` (an OKR document linted with
//! [`lint_graph`] as of 2026-11-15, only that rule selected).

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

use chrono::NaiveDate;
use okr_core::lint::{
    Diagnostic, LintConfig, RuleKind, StatementKind, TextContext, explain, lint_graph,
    lint_statement, lint_text_report, parse_lint_text_line, rules, rules_markdown_table,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 5).unwrap()
}

fn fixture_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

/// Render diagnostics ruff-style: `CODE severity: message`, the text with a caret line, help.
fn render(text: &str, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&format!("{} [{}] {}\n", d.code, d.severity, d.message));
        if let Some((s, e)) = d.span {
            let pad = text[..s].chars().count();
            let width = text[s..e].chars().count().max(1);
            out.push_str(&format!(
                "  | {text}\n  | {}{}\n",
                " ".repeat(pad),
                "^".repeat(width)
            ));
        }
        if let Some(h) = &d.help {
            out.push_str(&format!("  = help: {h}\n"));
        }
    }
    out
}

fn run_fixture(code: &str) -> (String, Vec<Diagnostic>) {
    let path = fixture_dir().join(format!("{code}.txt"));
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut cycle = None;
    let mut rendered = String::new();
    let mut all = Vec::new();
    let config = LintConfig::with_as_of(today());
    for line in src.lines() {
        if let Some(rest) = line.strip_prefix("# cycle:") {
            let parts: Vec<NaiveDate> = rest
                .split_whitespace()
                .map(|p| p.parse().expect("cycle date"))
                .collect();
            cycle = Some((parts[0], parts[1]));
            continue;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let parsed = parse_lint_text_line(line).expect("fixture line");
        let ctx = TextContext {
            kind: parsed.kind,
            entity: Some(format!("{}-fixture", code.to_lowercase())),
            cycle,
        };
        let diags = lint_statement(&parsed.text, &ctx, &config, today());
        rendered.push_str(&format!("{}: {}\n", parsed.kind.as_str(), parsed.text));
        rendered.push_str(&render(&parsed.text, &diags));
        all.extend(diags);
    }
    (rendered, all)
}

#[test]
fn every_rule_has_fixture_and_docs() {
    for r in rules() {
        let d = explain(r.code).expect("docs");
        assert!(!d.what_it_does.is_empty(), "{}: What it does", r.code);
        assert!(
            !d.why_is_this_bad.is_empty(),
            "{}: Why is this bad?",
            r.code
        );
        assert!(!d.example.is_empty(), "{}: Example", r.code);
        assert!(!d.use_instead.is_empty(), "{}: Use instead", r.code);
        let file = match r.kind {
            RuleKind::Text => format!("{}.txt", r.code),
            RuleKind::Structure => format!("{}.okr.json", r.code),
        };
        assert!(
            fixture_dir().join(&file).exists(),
            "{} has no fixture tests/fixtures/rules/{file}",
            r.code
        );
    }
}

/// Lint a structure fixture with only `code` selected; render `entity: CODE [severity] message`.
fn run_structure_fixture(code: &str) -> (String, Vec<Diagnostic>) {
    let path = fixture_dir().join(format!("{code}.okr.json"));
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let graph = okr_core::document::load_str(&src).unwrap_or_else(|e| panic!("{code}: {e}"));
    let config = LintConfig {
        select: vec![code.to_string()],
        ..LintConfig::default()
    };
    let diags = lint_graph(
        &graph,
        &config,
        NaiveDate::from_ymd_opt(2026, 11, 15).unwrap(),
    );
    let mut rendered = String::new();
    for d in &diags {
        assert!(
            d.span.is_none(),
            "{code}: structure diagnostics carry no span"
        );
        rendered.push_str(&format!(
            "{}: {} [{}] {}\n",
            d.entity.as_deref().unwrap_or("-"),
            d.code,
            d.severity,
            d.message
        ));
        if let Some(h) = &d.help {
            rendered.push_str(&format!("  = help: {h}\n"));
        }
    }
    (rendered, diags)
}

#[test]
fn structure_rule_fixtures() {
    for r in rules().iter().filter(|r| r.kind == RuleKind::Structure) {
        let (rendered, diags) = run_structure_fixture(r.code);
        assert!(
            !diags.is_empty() && diags.iter().all(|d| d.code == r.code),
            "fixture for {} does not trigger it:\n{rendered}",
            r.code
        );
        insta::assert_snapshot!(format!("structure_rule_{}", r.code), rendered);
    }
}

/// The README's rules table, between `<!-- rules:start -->` and `<!-- rules:end -->`.
#[test]
fn readme_rules_table_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = readme.find(start).expect("README has <!-- rules:start -->") + start.len();
    let b = readme[a..]
        .find(end)
        .expect("README has <!-- rules:end -->")
        + a;
    let want = rules_markdown_table();
    assert!(
        readme[a..b] == want,
        "the rules table in README.md is stale. Replace the lines between \
         `<!-- rules:start -->` and `<!-- rules:end -->` with the output of \
         `okr rules --format markdown` (okr_core::lint::rules_markdown_table()):\n\n{want}"
    );
}

#[test]
fn rule_fixtures() {
    for r in rules().iter().filter(|r| r.kind == RuleKind::Text) {
        let (rendered, diags) = run_fixture(r.code);
        assert!(
            diags.iter().any(|d| d.code == r.code),
            "fixture for {} does not trigger it:\n{rendered}",
            r.code
        );
        insta::assert_snapshot!(format!("rule_{}", r.code), rendered);
    }
}

#[test]
fn text_report_json() {
    let config = LintConfig::with_as_of(today());
    let cases = [
        (
            StatementKind::KeyResult,
            "Grow monthly recurring revenue from $80k to $120k by December 31",
        ),
        (StatementKind::Objective, "Be the best"),
        (
            StatementKind::Goal,
            "Increase sales by 80% before the start of next year",
        ),
        (
            StatementKind::KeyResult,
            "Maintain checkout uptime at 99.9% or higher",
        ),
    ];
    let reports: Vec<_> = cases
        .iter()
        .map(|(k, t)| lint_text_report(t, *k, &config, today()))
        .collect();
    insta::assert_json_snapshot!("text_reports", reports);
    // Exactly the documented fields.
    let v = serde_json::to_value(&reports[0]).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut want = vec![
        "text",
        "kind",
        "specific",
        "measurable",
        "time_bound",
        "outcome",
        "target",
        "baseline",
        "deadline",
        "diagnostics",
    ];
    let mut got = keys.clone();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want);
    assert_eq!(v["target"], serde_json::json!(120000));
    assert_eq!(v["deadline"], serde_json::json!("2026-12-31"));
    assert!(serde_json::to_value(&reports[1]).unwrap()["outcome"].is_null());
    let d = serde_json::to_value(&reports[1]).unwrap()["diagnostics"][0].clone();
    let mut dk: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    dk.sort_unstable();
    assert_eq!(dk, ["code", "help", "message", "severity", "span"]);
}

#[test]
fn rules_table_markdown() {
    insta::assert_snapshot!("rules_table", rules_markdown_table());
}

#[test]
fn config_select_and_severity_apply() {
    let text = "Increase revenue";
    let ctx = TextContext::new(StatementKind::KeyResult);
    let mut config = LintConfig::with_as_of(today());
    let all: Vec<String> = lint_statement(text, &ctx, &config, today())
        .into_iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(all, ["M001", "T001", "S001"].map(String::from));
    config.ignore = vec!["T".into(), "S001".into()];
    config
        .severity
        .insert("M".into(), okr_core::lint::Severity::Error);
    let d = lint_statement(text, &ctx, &config, today());
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "M001");
    assert_eq!(d[0].severity, okr_core::lint::Severity::Error);
}
