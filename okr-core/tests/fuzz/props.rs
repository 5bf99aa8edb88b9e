//! The properties the fuzz targets check, shared by the targets in `fuzz/` (which include this
//! file with `#[path]`) and by `tests/fuzz_regressions.rs`, which replays every committed crash
//! input under `tests/fuzz/regressions/<target>/` with `cargo test`.
//!
//! Each function takes the raw fuzz input and panics when its property does not hold.
#![allow(dead_code)]

use chrono::{Duration, NaiveDate};
use okr_core::OkrError;
use okr_core::document::{Limits, check_str, load_str, load_str_with};
use okr_core::lint::{LintConfig, StatementKind, lint_text_report};
use okr_core::text::{AnalyzeOptions, analyze};

// ----- document_load_never_panics -------------------------------------------------------

/// Small limits, so that the fuzzer also reaches every limit check.
fn small_limits() -> Limits {
    Limits {
        max_document_bytes: 4096,
        max_json_depth: 12,
        max_string_bytes: 64,
        max_owners: 8,
        max_cycles: 8,
        max_objectives: 8,
        max_key_results: 16,
        max_check_ins_per_key_result: 4,
        max_parents_per_objective: 3,
        max_link_depth: 4,
        max_revisions: 6,
        max_plan_points: 3,
        ..Limits::default()
    }
}

fn check_load_error(text: &str, e: &OkrError) {
    match e {
        OkrError::Document { path, message } => {
            assert!(!message.is_empty(), "empty message");
            // A path into the document, or (for JSON syntax errors) a line and column.
            assert!(
                !path.is_empty() || message.contains("line ") || message.contains("version"),
                "document error without a location: {e}"
            );
        }
        OkrError::LimitExceeded {
            what,
            limit,
            actual,
        } => {
            assert!(actual > limit, "{e}");
            assert!(!what.is_empty(), "{e}");
        }
        other => panic!("load_str returned a non-document error {other:?} for {text:?}"),
    }
}

/// Loading any bytes as a document never panics. A failure is a `Document` error that locates
/// the problem (a path, or a line and column for JSON syntax) or a `LimitExceeded`; `check_str`
/// agrees with `load_str` (no problem exactly when the load succeeds, the same first problem);
/// a success saves to JSON that loads back to the same JSON. The same under small limits.
pub fn document_load(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match load_str(text) {
        Ok(graph) => {
            assert!(
                check_str(text).is_empty(),
                "check_str finds problems in {text:?}"
            );
            let saved = graph.to_json();
            let again = load_str_with(&saved, &Limits::none()).expect("saved documents load");
            assert_eq!(saved, again.to_json());
        }
        Err(e) => {
            check_load_error(text, &e);
            let problems = check_str(text);
            let first = problems
                .first()
                .unwrap_or_else(|| panic!("check_str finds nothing, load_str says {e}"));
            if let OkrError::Document { path, .. } = &e {
                assert_eq!(
                    &first.path, path,
                    "check_str and load_str disagree on {text:?}"
                );
            }
        }
    }
    if let Err(e) = load_str_with(text, &small_limits()) {
        check_load_error(text, &e);
    }
}

// ----- lint_text_spans_on_char_boundaries -----------------------------------------------

fn check_span(text: &str, span: (usize, usize), what: &str) {
    let (s, e) = span;
    assert!(
        s <= e && e <= text.len(),
        "{what} span {span:?} outside {text:?}"
    );
    assert!(
        text.is_char_boundary(s) && text.is_char_boundary(e),
        "{what} span {span:?} not on char boundaries of {text:?}"
    );
}

/// Linting any statement never panics, and every span (of the lint diagnostics and of the
/// analysis: quantities, deadline, phrases) lies on character boundaries inside the text.
/// The first input bytes choose the statement kind, the as-of date and the fiscal year start.
pub fn lint_text(data: &[u8]) {
    if data.len() < 3 {
        return;
    }
    let kind = match data[0] % 3 {
        0 => StatementKind::Objective,
        1 => StatementKind::KeyResult,
        _ => StatementKind::Goal,
    };
    let as_of = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
        + Duration::days(i64::from(u16::from_le_bytes([data[1], data[2] & 0x0f])));
    let month = u32::from(data[2] >> 4).clamp(1, 12);
    let text = String::from_utf8_lossy(&data[3..]);
    let text = text.as_ref();
    let config = LintConfig {
        fiscal_year_start_month: month,
        ..LintConfig::default()
    };
    let report = lint_text_report(text, kind, &config, as_of);
    assert_eq!(report.text, text);
    for d in &report.diagnostics {
        if let Some(span) = d.span {
            check_span(text, span, &d.code);
        }
    }
    let mut opts = AnalyzeOptions::new(as_of);
    opts.fiscal_year_start_month = month;
    let a = analyze(text, &opts);
    for q in a.quantities.iter().chain(&a.target).chain(&a.baseline) {
        check_span(text, q.span, "quantity");
    }
    if let Some(d) = &a.deadline {
        check_span(text, d.span, "deadline");
    }
    let phrases = a
        .vague
        .iter()
        .chain(&a.vague_time)
        .chain(&a.time_window)
        .chain(&a.verb)
        .chain(&a.activity_verb)
        .chain(&a.object)
        .chain(&a.compound);
    for p in phrases {
        check_span(text, p.span, "phrase");
    }
}

// ----- lint_config_checked ---------------------------------------------------------------

/// The documents a lint configuration is tried on: the example company and the rule fixtures
/// with thresholds (near-duplicates, stale key results, long chains).
fn lint_documents() -> [&'static str; 4] {
    [
        include_str!("../../../examples/acme.okr.json"),
        include_str!("../fixtures/rules/L008.okr.json"),
        include_str!("../fixtures/rules/L010.okr.json"),
        include_str!("../fixtures/rules/L012.okr.json"),
    ]
}

/// Any bytes as a lint configuration (the JSON a `--config` file, a Python dict or a JS object
/// holds): it is refused by serde or by `validate` with an `InvalidConfig` naming a field, or
/// it lints both documents without panicking, every finding's code enabled by the
/// configuration with the severity it assigns, the same findings on a second run, and the configuration saves to JSON that reads back equal. The first byte picks the
/// document and the as-of date.
pub fn lint_config(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(config) = serde_json::from_slice::<LintConfig>(rest) else {
        return;
    };
    if let Err(e) = config.validate() {
        match &e {
            OkrError::InvalidConfig { field, reason } => {
                assert!(!field.is_empty() && !reason.is_empty(), "{e}");
            }
            other => panic!("validate returned {other:?}"),
        }
        return;
    }
    let again: LintConfig =
        serde_json::from_str(&serde_json::to_string(&config).expect("serialisable"))
            .expect("a saved configuration reads back");
    assert_eq!(again, config);
    let doc = lint_documents()[usize::from(first & 3)];
    let graph = load_str(doc).expect("the fixture loads");
    let as_of =
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(i64::from(first >> 2) * 6);
    let diags = okr_core::lint_graph(&graph, &config, as_of);
    for d in &diags {
        assert!(
            config.is_enabled(&d.code),
            "{} reported but not enabled",
            d.code
        );
        assert_eq!(d.severity, config.severity(&d.code), "{}", d.code);
        assert!(!d.message.is_empty(), "{} without a message", d.code);
    }
    assert_eq!(
        okr_core::lint_graph(&graph, &config, as_of),
        diags,
        "not deterministic"
    );
}

// ----- analytics_over_documents ----------------------------------------------------------

fn check_unit(x: Option<f64>, what: &str) {
    if let Some(v) = x {
        assert!(v.is_finite() && (0.0..=1.0).contains(&v), "{what} {v}");
    }
}

fn check_finite(x: Option<f64>, what: &str) {
    if let Some(v) = x {
        assert!(v.is_finite(), "{what} {v}");
    }
}

/// Limits for the analytics target: room for the example company, no more.
fn analytics_limits() -> Limits {
    Limits {
        max_document_bytes: 1 << 16,
        max_objectives: 64,
        max_key_results: 256,
        max_check_ins_per_key_result: 64,
        ..Limits::default()
    }
}

/// Every analytics command over any document that loads (limits keep each run short):
/// none panics or fails on a loaded document with default options; every progress and score
/// lies in [0, 1]; attainments, forecasts, shares and signals are finite; every text renderer
/// runs; two dates diff both ways with opposite deltas. The first two bytes pick the as-of
/// date and a second date.
pub fn analytics(data: &[u8]) {
    use okr_core::analytics::{CoverageOptions, GraphFormat, ScorecardOptions};
    use okr_core::{AsOf, RollupConfig};
    if data.len() < 2 {
        return;
    }
    let Ok(text) = std::str::from_utf8(&data[2..]) else {
        return;
    };
    let Ok(graph) = load_str_with(text, &analytics_limits()) else {
        return;
    };
    let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let day = base + Duration::days(i64::from(data[0]) * 2);
    let other = base + Duration::days(i64::from(data[1]) * 2);
    let cfg = RollupConfig::default();
    let rollup = graph.rollup(day);
    for n in rollup.nodes() {
        check_unit(n.values.progress, "progress");
        check_finite(n.values.attainment, "attainment");
        assert!(
            n.values.expected.is_finite(),
            "expected {}",
            n.values.expected
        );
        check_unit(n.values.confidence, "confidence");
    }
    okr_core::report::Report::render_text(&graph, &rollup);

    let scores = graph
        .scores(day, &Default::default())
        .expect("scores of a loaded document");
    for s in scores.objectives.iter().chain(&scores.key_results) {
        check_unit(s.score, "score");
        check_finite(s.attainment, "score attainment");
    }
    scores.render_text();

    let cards = graph
        .scorecards(day, &ScorecardOptions::default())
        .expect("scorecards of a loaded document");
    for c in &cards {
        for s in &c.signals {
            check_finite(s.value, s.name);
        }
    }
    okr_core::render::scorecards_text(&cards);

    let forecast = graph
        .forecast(day, &cfg)
        .expect("forecast of a loaded document");
    for k in &forecast.key_results {
        for v in [k.slope_per_day, k.value, k.low, k.high] {
            assert!(v.is_finite(), "forecast of {}: {v}", k.key_result);
        }
        check_unit(k.progress, "forecast progress");
        check_unit(k.progress_low, "forecast progress_low");
        check_unit(k.progress_high, "forecast progress_high");
        check_finite(k.attainment, "forecast attainment");
    }
    for o in &forecast.objectives {
        check_unit(o.progress, "forecast objective progress");
    }
    forecast.render_text();

    let coverage = graph
        .coverage(&CoverageOptions::default())
        .expect("coverage of a loaded document");
    assert!(coverage.traced_objectives <= coverage.objectives);
    check_unit(Some(coverage.traced_share), "traced share");
    coverage.render_text();

    for o in graph.objectives().take(4) {
        let c = graph
            .contributions(&o.id, day, &cfg)
            .expect("contributions of a loaded objective");
        check_unit(c.progress, "contribution progress");
        let total: f64 = c.key_results.iter().map(|k| k.contribution).sum();
        for k in &c.key_results {
            for v in [k.share, k.progress, k.contribution, k.headroom] {
                assert!(v.is_finite(), "share of {}: {v}", k.key_result);
            }
        }
        if let Some(p) = c.progress {
            assert!(
                (total - p).abs() < 1e-6,
                "contributions {total} != progress {p}"
            );
        }
        c.render_text(3);
        graph
            .explain_progress(&o.id, day)
            .expect("explain a loaded objective")
            .render_text();
    }

    let forward = graph
        .diff(AsOf::from(day), AsOf::from(other), &cfg)
        .expect("diff");
    let backward = graph
        .diff(AsOf::from(other), AsOf::from(day), &cfg)
        .expect("diff");
    assert_eq!(forward.changes.len(), backward.changes.len());
    for (f, b) in forward.changes.iter().zip(&backward.changes) {
        assert_eq!(f.id, b.id);
        assert_eq!(f.delta.map(|d| -d), b.delta, "{}", f.id);
    }
    forward.render_text();

    for format in [GraphFormat::Dot, GraphFormat::Mermaid, GraphFormat::Svg] {
        graph
            .render_graph(format, day, &cfg)
            .expect("render a loaded document");
    }
}
