//! Drafting key results from catalog templates: the sentence, the choices, the graph (baseline
//! from the objective's or an ancestor's key results, deadline from the cycle) and the SMART
//! linter's verdict on every template.

use chrono::{NaiveDate, TimeZone, Utc};
use okr_core::lint::{
    LintConfig, Severity, StatementKind, TextContext, lint_graph, lint_statement,
};
use okr_core::suggest::{
    DraftOptions, KpiDirection as Direction, KpiTemplate, TEMPLATE_EXTRA_KEY, catalog, draft,
    draft_for_objective, draft_template, template,
};
use okr_core::{CheckIn, Cycle, KeyResult, Measure, Objective, OkrGraph, Owner};
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn dec31() -> NaiveDate {
    day(2026, 12, 31)
}

fn t(id: &str) -> &'static KpiTemplate {
    template(id).unwrap_or_else(|| panic!("no template {id}"))
}

#[test]
fn draft_with_baseline_and_target() {
    let d = draft(t("logo-churn-rate"), Some(4.0), Some(2.5), dec31());
    assert_eq!(
        d.text,
        "Reduce customer churn rate from 4% to 2.5% by December 31, 2026"
    );
    assert!(!d.target_defaulted);
    assert!(d.notes.is_empty());
    assert_eq!(d.deadline, dec31());
    assert_eq!(d.baseline_source, None);
    let d = draft(
        t("quarterly-bookings"),
        Some(1_000_000.0),
        Some(1_250_000.0),
        dec31(),
    );
    assert_eq!(
        d.text,
        "Increase quarterly bookings from 1,000,000 USD to 1,250,000 USD by December 31, 2026"
    );
    assert_eq!(
        draft(t("net-promoter-score"), Some(30.0), Some(45.0), dec31()).text,
        "Increase Net Promoter Score from 30 to 45 by December 31, 2026"
    );
}

#[test]
fn draft_by_template_id() {
    let d = draft_template("logo-churn-rate", Some(4.0), Some(2.5), dec31()).unwrap();
    assert_eq!(
        d,
        draft(t("logo-churn-rate"), Some(4.0), Some(2.5), dec31())
    );
    let err = draft_template("nope", None, None, dec31()).unwrap_err();
    assert_eq!(err.code(), "invalid_value");
    assert_eq!(
        err.to_string(),
        "invalid value for template: unknown KPI template \"nope\""
    );
}

#[test]
fn draft_without_baseline_drops_from() {
    let d = draft(
        t("new-customers-acquired"),
        None,
        Some(120.0),
        day(2027, 3, 31),
    );
    assert_eq!(
        d.text,
        "Increase new customers acquired to 120 customers by March 31, 2027"
    );
}

#[test]
fn default_targets() {
    // Increase / decrease: 20% better than the baseline, 3 significant figures.
    let d = draft(t("logo-churn-rate"), Some(5.0), None, dec31());
    assert_eq!((d.target, d.target_defaulted), (4.0, true));
    let d = draft(t("revenue-per-employee"), Some(123_456.0), None, dec31());
    assert_eq!(d.target, 148_000.0);
    // Percentages go at most half of the way to 100%.
    assert_eq!(
        draft(t("customer-satisfaction-score"), Some(90.0), None, dec31()).target,
        95.0
    );
    // No baseline: the catalog's typical value.
    let c = t("customer-satisfaction-score");
    let d = draft(c, None, None, dec31());
    assert_eq!(d.target, c.default_target);
    assert!(
        d.text
            .starts_with("Increase customer satisfaction score to 90% by"),
        "{}",
        d.text
    );
    // Keep-above below its typical level: reach and hold the typical level.
    let d = draft(t("service-uptime"), Some(99.5), None, dec31());
    assert_eq!(
        d.text,
        "Keep service availability at or above 99.9% through December 31, 2026 (currently 99.5%)"
    );
    assert_eq!(d.direction, Direction::KeepAbove);
    // Keep-above already at its typical level: an improvement from the baseline instead of a
    // target met on day one.
    let d = draft(t("service-uptime"), Some(99.95), None, dec31());
    assert_eq!(
        d.text,
        "Increase service availability from 99.95% to 99.98% by December 31, 2026"
    );
    assert_eq!(d.direction, Direction::Increase);
    let d = draft(t("api-error-rate"), Some(0.5), None, dec31());
    assert_eq!((d.direction, d.target), (Direction::KeepBelow, 0.1));
    let d = draft(t("api-error-rate"), Some(0.05), None, dec31());
    assert_eq!((d.direction, d.target), (Direction::Decrease, 0.04));
    assert_eq!(
        d.text,
        "Reduce API error rate from 0.05% to 0.04% by December 31, 2026"
    );
    // Nothing left to improve: the target keeps the baseline and a note says so.
    let d = draft(t("production-incidents"), Some(0.0), None, dec31());
    assert_eq!(d.target, 0.0);
    assert!(d.notes.iter().any(|n| n.contains("end of the scale")));
}

#[test]
fn notes_flag_odd_targets_and_non_finite_numbers_are_ignored() {
    let d = draft(t("win-rate"), Some(30.0), Some(20.0), dec31());
    assert_eq!(d.notes.len(), 1, "{:?}", d.notes);
    let d = draft(t("service-uptime"), Some(99.95), Some(99.9), dec31());
    assert!(d.notes[0].contains("asks for no change"), "{:?}", d.notes);
    let d = draft(t("win-rate"), Some(f64::NAN), Some(f64::INFINITY), dec31());
    assert_eq!(d.baseline, None);
    assert!(d.target_defaulted);
    assert!(!d.text.contains("NaN") && !d.text.contains("inf"));
}

#[test]
fn draft_serialises() {
    let v = serde_json::to_value(draft(t("service-uptime"), None, None, dec31())).unwrap();
    assert_eq!(v["direction"], "keep_above");
    assert_eq!(v["deadline"], "2026-12-31");
    assert_eq!(v["target_defaulted"], true);
    assert!(v["baseline_source"].is_null());
}

/// Baselines to draft each template with: below, at and above its typical value.
fn baselines(t: &KpiTemplate) -> Vec<Option<f64>> {
    let typical = if t.default_target > 0.0 {
        t.default_target
    } else {
        10.0
    };
    let cap = |v: f64| if t.unit == "%" { v.min(98.0) } else { v };
    let mut v = vec![None];
    v.extend([0.5, 1.0, 1.5].map(|f| Some(cap(typical * f))));
    v
}

fn warnings(diags: Vec<okr_core::Diagnostic>) -> Vec<String> {
    diags
        .into_iter()
        .filter(|d| d.severity != Severity::Info)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect()
}

#[test]
fn every_template_drafts_to_a_lint_clean_key_result() {
    let config = LintConfig::with_as_of(day(2026, 10, 5));
    let mut ctx = TextContext::new(StatementKind::KeyResult);
    ctx.cycle = Some((day(2026, 10, 1), dec31()));
    let mut checked = 0;
    for tpl in catalog() {
        for b in baselines(tpl) {
            for target in [None, Some(tpl.default_target)] {
                let d = draft(tpl, b, target, dec31());
                assert!(
                    !d.text.contains('{') && !d.text.contains("  "),
                    "{}",
                    d.text
                );
                assert!(d.text.contains("December 31, 2026"), "{}", d.text);
                let found = warnings(lint_statement(&d.text, &ctx, &config, day(2026, 10, 5)));
                assert!(found.is_empty(), "{}: {:?}: {found:?}", tpl.id, d.text);
                checked += 1;
            }
        }
    }
    assert!(checked >= 241 * 8);
}

/// A company objective with one key result per template (tagged with the template, value
/// checked in at `baseline`), and a team objective under it in cycle q4.
fn company(templates: &[&KpiTemplate], baseline: impl Fn(&KpiTemplate) -> f64) -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    g.add_owner(Owner::new("team", "Team", "team").with_parent("acme"))
        .unwrap();
    g.add_cycle(Cycle::new("fy", day(2026, 1, 1), dec31()))
        .unwrap();
    g.add_cycle(Cycle::new("q4", day(2026, 10, 1), dec31()))
        .unwrap();
    g.add_objective(Objective::new("company", "Lead the market", "acme", "fy"))
        .unwrap();
    g.add_objective(Objective::new("team-q4", "Grow steadily", "team", "q4"))
        .unwrap();
    g.link("team-q4", "company", 1.0).unwrap();
    for (i, tpl) in templates.iter().enumerate() {
        let b = baseline(tpl);
        let mut kr = KeyResult::new(
            format!("parent-{i}"),
            format!("Track {}", tpl.metric),
            "company",
            Measure::numeric(b + 1.0, b + 2.0),
        );
        kr.extra.insert(TEMPLATE_EXTRA_KEY, tpl.id.clone());
        g.add_key_result(kr).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 9, 20, 9, 0, 0).unwrap();
        g.check_in(&format!("parent-{i}"), CheckIn::value(at, b))
            .unwrap();
    }
    g
}

#[test]
fn every_template_drafted_into_a_graph_passes_the_linter() {
    let all: Vec<&KpiTemplate> = catalog().iter().collect();
    for factor in [0.5, 1.0] {
        let baseline = |tpl: &KpiTemplate| {
            let typical = if tpl.default_target > 0.0 {
                tpl.default_target
            } else {
                10.0
            };
            let v = typical * factor;
            if tpl.unit == "%" { v.min(98.0) } else { v }
        };
        let mut g = company(&all, baseline);
        let mut added = Vec::new();
        for (i, tpl) in all.iter().enumerate() {
            let d = draft_for_objective(&g, "team-q4", &tpl.id, &DraftOptions::default()).unwrap();
            assert_eq!(d.baseline, Some(baseline(tpl)), "{}", tpl.id);
            assert_eq!(
                d.baseline_source.as_ref().map(|s| s.key_result.as_str()),
                Some(format!("parent-{i}").as_str())
            );
            assert_eq!(d.deadline, dec31());
            let id = format!("draft-{i}");
            let kr = d.to_key_result(&id, "team-q4").unwrap();
            g.add_key_result(kr).unwrap();
            added.push((id, d.text));
        }
        let diags = lint_graph(&g, &LintConfig::default(), day(2026, 10, 5));
        for (id, text) in added {
            let found = warnings(
                diags
                    .iter()
                    .filter(|d| d.entity.as_deref() == Some(id.as_str()))
                    .cloned()
                    .collect(),
            );
            assert!(found.is_empty(), "{id} {text:?}: {found:?}");
        }
    }
}

fn small_graph() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    g.add_cycle(Cycle::new("fy", day(2026, 1, 1), dec31()))
        .unwrap();
    g.add_cycle(Cycle::new("q4", day(2026, 10, 1), dec31()))
        .unwrap();
    g.add_objective(Objective::new("company", "Keep customers", "acme", "fy"))
        .unwrap();
    g.add_objective(Objective::new("cs-q4", "Fewer cancellations", "acme", "q4"))
        .unwrap();
    g.link("cs-q4", "company", 1.0).unwrap();
    let mut kr = KeyResult::new(
        "churn",
        "Reduce customer churn rate from 6% to 4%",
        "company",
        Measure::numeric(6.0, 4.0),
    );
    if let Measure::Numeric { unit, .. } = &mut kr.measure {
        *unit = "%".into();
    }
    g.add_key_result(kr).unwrap();
    let at = |m, d| Utc.with_ymd_and_hms(2026, m, d, 12, 0, 0).unwrap();
    g.check_in("churn", CheckIn::value(at(6, 30), 5.5)).unwrap();
    g.check_in("churn", CheckIn::value(at(9, 30), 5.0)).unwrap();
    g
}

#[test]
fn graph_draft_takes_the_baseline_from_the_parent_key_result() {
    let g = small_graph();
    let d = draft_for_objective(&g, "cs-q4", "logo-churn-rate", &DraftOptions::default()).unwrap();
    // Found by name ("customer churn rate") with a matching unit; latest check-in.
    assert_eq!(d.baseline, Some(5.0));
    let src = d.baseline_source.as_ref().unwrap();
    assert_eq!(
        (src.key_result.as_str(), src.objective.as_str()),
        ("churn", "company")
    );
    assert_eq!(src.check_in.map(|c| c.date_naive()), Some(day(2026, 9, 30)));
    // The deadline is the end of the objective's cycle.
    assert_eq!(
        d.text,
        "Reduce customer churn rate from 5% to 4% by December 31, 2026"
    );
    assert!(d.notes[0].contains("\"churn\""), "{:?}", d.notes);
    // As of an earlier day, the check-in of that day; before any check-in, the start value.
    let as_of = |y, m, dd| DraftOptions {
        as_of: Some(day(y, m, dd)),
        ..DraftOptions::default()
    };
    let d = draft_for_objective(&g, "cs-q4", "logo-churn-rate", &as_of(2026, 7, 1)).unwrap();
    assert_eq!(d.baseline, Some(5.5));
    let d = draft_for_objective(&g, "cs-q4", "logo-churn-rate", &as_of(2026, 1, 1)).unwrap();
    assert_eq!(d.baseline, Some(6.0));
    assert_eq!(d.baseline_source.unwrap().check_in, None);
    // A given baseline and target win.
    let given = DraftOptions {
        baseline: Some(7.0),
        target: Some(3.0),
        as_of: None,
    };
    let d = draft_for_objective(&g, "cs-q4", "logo-churn-rate", &given).unwrap();
    assert_eq!(
        (d.baseline, d.target, d.baseline_source),
        (Some(7.0), 3.0, None)
    );
}

#[test]
fn graph_draft_prefers_tagged_key_results_and_checks_units() {
    let mut g = small_graph();
    // Same name, other unit: not the same metric.
    let mut other = KeyResult::new(
        "churn-count",
        "Customer churn rate",
        "cs-q4",
        Measure::numeric(40.0, 20.0),
    );
    if let Measure::Numeric { unit, .. } = &mut other.measure {
        *unit = "customers".into();
    }
    g.add_key_result(other).unwrap();
    let d = draft_for_objective(&g, "cs-q4", "logo-churn-rate", &DraftOptions::default()).unwrap();
    assert_eq!(d.baseline_source.unwrap().key_result, "churn");
    // A key result drafted earlier from the template is found by its tag first.
    let earlier = draft(t("logo-churn-rate"), Some(4.5), Some(4.0), dec31())
        .to_key_result("kr-from-template", "cs-q4")
        .unwrap();
    assert_eq!(
        earlier.extra.get(TEMPLATE_EXTRA_KEY).unwrap(),
        "logo-churn-rate"
    );
    g.add_key_result(earlier).unwrap();
    let d = draft_for_objective(&g, "cs-q4", "logo-churn-rate", &DraftOptions::default()).unwrap();
    assert_eq!(d.baseline_source.unwrap().key_result, "kr-from-template");
    assert_eq!(d.baseline, Some(4.5));
    // Nothing on the metric: no baseline, a typical target, and no source.
    let d = draft_for_objective(&g, "cs-q4", "win-rate", &DraftOptions::default()).unwrap();
    assert_eq!((d.baseline, d.baseline_source), (None, None));
}

#[test]
fn graph_draft_takes_no_baseline_in_another_unit_even_from_a_tagged_key_result() {
    let mut g = small_graph();
    // tagged with the template by hand, but counting customers, not a percentage
    let mut tagged = KeyResult::new(
        "churned-customers",
        "Churned customers",
        "cs-q4",
        Measure::numeric(40.0, 20.0),
    );
    if let Measure::Numeric { unit, .. } = &mut tagged.measure {
        *unit = "customers".into();
    }
    tagged
        .extra
        .insert(TEMPLATE_EXTRA_KEY, serde_json::json!("logo-churn-rate"));
    g.add_key_result(tagged).unwrap();
    let d = draft_for_objective(&g, "cs-q4", "logo-churn-rate", &DraftOptions::default()).unwrap();
    // not 40 customers as a churn rate in %: the named key result in % is the baseline
    assert_eq!(d.baseline, Some(5.0));
    assert_eq!(d.baseline_source.unwrap().key_result, "churn");
}

#[test]
fn graph_draft_errors() {
    let g = small_graph();
    let err =
        draft_for_objective(&g, "nope", "logo-churn-rate", &DraftOptions::default()).unwrap_err();
    assert_eq!(
        (err.code(), err.ids().collect::<Vec<_>>()),
        ("unknown_id", vec!["nope"])
    );
    let err =
        draft_for_objective(&g, "cs-q4", "no-such-kpi", &DraftOptions::default()).unwrap_err();
    assert_eq!(err.code(), "invalid_value");
    assert!(err.to_string().contains("no-such-kpi"), "{err}");
}

#[test]
fn to_key_result_measures() {
    let d = draft(t("logo-churn-rate"), Some(5.0), None, dec31());
    let kr = d.to_key_result("k", "o").unwrap();
    assert_eq!(kr.title, d.text);
    assert_eq!(kr.due, Some(dec31()));
    assert_eq!(
        kr.measure,
        Measure::Numeric {
            start: 5.0,
            target: 4.0,
            unit: "%".into(),
            direction: Some(okr_core::Direction::Decrease)
        }
    );
    let d = draft(t("service-uptime"), Some(99.5), None, dec31());
    let kr = d.to_key_result("k", "o").unwrap();
    assert_eq!(
        kr.measure,
        Measure::Threshold {
            bound: okr_core::Bound::AtOrAbove,
            value: 99.9,
            unit: "%".into(),
            start: Some(99.5)
        }
    );
    // A numeric key result needs a start value.
    let d = draft(t("win-rate"), None, None, dec31());
    let err = d.to_key_result("k", "o").unwrap_err();
    assert_eq!(
        (err.code(), err.ids().collect::<Vec<_>>()),
        ("invalid_measure", vec!["k"])
    );
    let d = draft(t("win-rate"), Some(30.0), Some(30.0), dec31());
    assert_eq!(
        d.to_key_result("k", "o").unwrap_err().code(),
        "invalid_measure"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn draft_never_panics(b in proptest::option::of(any::<f64>()), g in proptest::option::of(any::<f64>()), days in 1i32..3_000_000, i in 0usize..1000) {
        let cat = catalog();
        let tpl = &cat[i % cat.len()];
        let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap_or(NaiveDate::MIN);
        let d = draft(tpl, b, g, date);
        prop_assert!(!d.text.is_empty());
        prop_assert!(d.target.is_finite());
        let _ = d.to_key_result("k", "o");
    }
}
