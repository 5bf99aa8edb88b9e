//! `lint_graph` over the bundled example company and over hand-built graphs.

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

use chrono::NaiveDate;
use okr_core::lint::{LintConfig, Severity, lint_graph};
use okr_core::{Cycle, KeyResult, Measure, Objective, OkrGraph, Owner};

fn acme() -> OkrGraph {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/acme.okr.json");
    okr_core::document::load_str(&std::fs::read_to_string(path).expect("example")).expect("loads")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 15).unwrap()
}

#[test]
fn acme_findings_snapshot() {
    let diags = lint_graph(&acme(), &LintConfig::default(), today());
    let mut out = String::new();
    for d in &diags {
        out.push_str(&format!(
            "{}: {} [{}] {}\n",
            d.entity.as_deref().unwrap_or("-"),
            d.code,
            d.severity,
            d.message
        ));
    }
    insta::assert_snapshot!("acme_lint", out);
    // The deliberately weak goals are all caught.
    let has = |entity: &str, code: &str| {
        diags
            .iter()
            .any(|d| d.entity.as_deref() == Some(entity) && d.code == code)
    };
    assert!(has("increase-customer-base", "S001"));
    assert!(has("production-quality", "S001"));
    assert!(has("production-quality", "Q002"));
    assert!(has("improve-relationships", "T002"));
    assert!(has("webinars", "O001"));
    // Good key results stay clean.
    for good in [
        "annual-revenue",
        "clinic-accounts",
        "customers",
        "defect-rate",
    ] {
        assert!(
            !diags.iter().any(|d| d.entity.as_deref() == Some(good)),
            "{good} should have no finding"
        );
    }
}

#[test]
fn acme_json_is_deterministic_and_ordered() {
    let g = acme();
    let config = LintConfig::with_as_of(today());
    let a = lint_graph(&g, &config, today());
    assert_eq!(a, lint_graph(&g, &config, today()));
    // Document order: each objective, then its key results.
    let mut order = Vec::new();
    for o in g.objectives() {
        order.push(o.id.clone());
        order.extend(g.key_results_of(&o.id).iter().map(|k| k.id.clone()));
    }
    let idx: Vec<(usize, String)> = a
        .iter()
        .map(|d| {
            let e = d.entity.clone().expect("entity");
            (
                order.iter().position(|x| *x == e).expect("known"),
                d.code.clone(),
            )
        })
        .collect();
    let mut sorted = idx.clone();
    sorted.sort();
    assert_eq!(idx, sorted);
    let v = serde_json::to_value(&a).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .all(|d| d["entity"].is_string())
    );
}

#[test]
fn select_ignore_and_severity_apply_to_structure_rules() {
    let g = acme();
    let mut config = LintConfig::with_as_of(today());
    config.select = vec!["Q".into()];
    config.ignore = vec!["Q003".into()];
    config.severity.insert("Q002".into(), Severity::Warning);
    let d = lint_graph(&g, &config, today());
    assert!(!d.is_empty());
    assert!(
        d.iter()
            .all(|d| d.code == "Q002" || d.code == "Q001" || d.code == "Q004")
    );
    assert!(
        d.iter()
            .filter(|d| d.code == "Q002")
            .all(|d| d.severity == Severity::Warning)
    );
}

#[test]
fn text_rules_get_entity_and_cycle() {
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    g.add_cycle(Cycle::new("q4", day(10, 1), day(12, 31)))
        .unwrap();
    g.add_objective(Objective::new("o", "Delight clinics", "acme", "q4"))
        .unwrap();
    g.add_key_result(KeyResult::new(
        "k1",
        "Reach 2,500 app installs by the end of Q2 2027",
        "o",
        Measure::numeric(1000.0, 2500.0),
    ))
    .unwrap();
    g.add_key_result(KeyResult::new(
        "k2",
        "Cut median onboarding time from 8 days to 4 days",
        "o",
        Measure::numeric(8.0, 4.0),
    ))
    .unwrap();
    let d = lint_graph(&g, &LintConfig::default(), day(10, 5));
    let t003: Vec<_> = d.iter().filter(|d| d.code == "T003").collect();
    assert_eq!(t003.len(), 1);
    assert_eq!(t003[0].entity.as_deref(), Some("k1"));
    assert!(t003[0].span.is_some());
    // k2 has no deadline in its text but belongs to a cycle: no T001.
    assert!(!d.iter().any(|d| d.code == "T001"));
}
