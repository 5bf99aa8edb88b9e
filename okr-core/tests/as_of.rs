//! Every computation at an as-of time uses the model as it stood then (`OkrGraph::at`).
//!
//! One small company ([`company`]): two people under an organisation, four objectives, key
//! results with check-ins before and after the day `D` (2026-11-10), and links. From `D` on,
//! revisions change it ([`revised`]): a target raised, a link's weight changed, a link removed
//! and another added, an objective abandoned, a key result removed, a title changed.
//!
//! For each computation, the result at a time before `D` ([`BEFORE`]) equals the same
//! computation on [`company`], built independently without the revisions; after them
//! ([`AFTER`]) it equals the computation on [`after`], the final state built directly, and
//! differs from [`company`]'s where the revisions say it should.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use okr_core::analytics::{CoverageOptions, GradeBands, GraphFormat, ScorecardOptions};
use okr_core::report::Report;
use okr_core::{
    AsOf, CheckIn, CheckInValue, Cycle, KeyResult, KeyResultPatch, LintConfig, Measure, NodeKind,
    NodeValues, Objective, ObjectivePatch, ObjectiveState, OkrGraph, Owner, Revise, Rollup,
    RollupConfig, lint_graph,
};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn t(m: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, day, 9, 0, 0).unwrap()
}

/// The last day before the revisions (they start on `D`, 2026-11-10 at 00:00 UTC).
const BEFORE: (u32, u32) = (11, 9);
/// A day after every revision.
const AFTER: (u32, u32) = (11, 25);
/// The start of the cycle, before any check-in.
const START: (u32, u32) = (10, 1);

fn before_day() -> NaiveDate {
    d(BEFORE.0, BEFORE.1)
}

fn after_day() -> NaiveDate {
    d(AFTER.0, AFTER.1)
}

fn start_day() -> NaiveDate {
    d(START.0, START.1)
}

/// The old title of `sales`: vague (lint `S001`).
const OLD_TITLE: &str = "Improve sales stuff";
/// Its new title.
const NEW_TITLE: &str = "Win 40 new clinic accounts by December";

/// Owners, cycle and the objectives with the fields they have from the start.
fn people_and_cycle() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    g.add_owner(Owner::new("anna", "Anna", "person").with_parent("acme"))
        .unwrap();
    g.add_owner(Owner::new("ben", "Ben", "person").with_parent("acme"))
        .unwrap();
    g.add_cycle(Cycle::new("q4", d(10, 1), d(12, 31))).unwrap();
    g
}

fn objective(id: &str, title: &str, owner: &str, state: ObjectiveState) -> Objective {
    let mut o = Objective::new(id, title, owner, "q4");
    o.state = state;
    o
}

fn numeric(id: &str, title: &str, objective: &str, start: f64, target: f64) -> KeyResult {
    KeyResult::new(id, title, objective, Measure::numeric(start, target))
}

fn check_ins(g: &mut OkrGraph, with_deals: bool) {
    let c = |m, day, v: f64| CheckIn::value(t(m, day), v);
    let mut batch = vec![
        ("rev", c(10, 10, 90_000.0).with_confidence(0.8)),
        ("rev", c(11, 1, 100_000.0)),
        ("rev", c(11, 20, 110_000.0)),
        ("users", c(10, 5, 200.0)),
        ("users", c(11, 1, 400.0)),
        ("users", c(11, 18, 500.0)),
        ("press", c(10, 12, 2.0)),
        ("press", c(11, 2, 5.0)),
        ("press", c(11, 15, 7.0)),
    ];
    if with_deals {
        batch.push(("deals", c(10, 15, 10.0)));
        batch.push(("deals", c(11, 5, 25.0)));
    }
    g.check_in_many(batch).unwrap();
}

/// The company as it stood before `D`, built without any revision.
fn company() -> OkrGraph {
    let mut g = people_and_cycle();
    let active = ObjectiveState::Active;
    g.add_objective(objective("grow", "Grow revenue to $1.2M", "acme", active))
        .unwrap();
    g.add_objective(objective("sales", OLD_TITLE, "anna", active))
        .unwrap();
    g.add_objective(objective("product", "Ship the clinic app", "ben", active))
        .unwrap();
    g.add_objective(objective(
        "brand",
        "Be known by 500 clinics",
        "anna",
        active,
    ))
    .unwrap();
    g.link("sales", "grow", 2.0).unwrap();
    g.link("product", "grow", 1.0).unwrap();
    let krs = [
        numeric(
            "rev",
            "Revenue from $80k to $120k",
            "sales",
            80_000.0,
            120_000.0,
        ),
        numeric("deals", "Close 50 deals", "sales", 0.0, 50.0),
        numeric("users", "Reach 1000 weekly users", "product", 0.0, 1000.0),
        numeric("press", "Get 10 press mentions", "brand", 0.0, 10.0),
    ];
    for k in krs {
        g.add_key_result(k).unwrap();
    }
    check_ins(&mut g, true);
    g
}

/// [`company`] with the revisions from `D` on.
fn revised() -> OkrGraph {
    let mut g = company();
    let on = |day| Revise::on(d(11, day)).by("anna");
    g.revise_key_result(
        "rev",
        KeyResultPatch {
            measure: Some(Measure::numeric(80_000.0, 150_000.0)),
            ..Default::default()
        },
        on(10).reason("a better pipeline"),
    )
    .unwrap();
    g.set_link_weight_at("sales", "grow", 3.0, on(10)).unwrap();
    g.unlink_at("product", "grow", on(11)).unwrap();
    g.link_at("brand", "grow", 1.0, on(11)).unwrap();
    g.revise_objective(
        "product",
        ObjectivePatch {
            state: Some(ObjectiveState::Abandoned),
            ..Default::default()
        },
        on(12),
    )
    .unwrap();
    g.remove_key_result_at("deals", on(12)).unwrap();
    g.revise_objective(
        "sales",
        ObjectivePatch {
            title: Some(NEW_TITLE.into()),
            ..Default::default()
        },
        on(13),
    )
    .unwrap();
    g
}

/// The state after every revision, built directly.
fn after() -> OkrGraph {
    let mut g = people_and_cycle();
    let active = ObjectiveState::Active;
    g.add_objective(objective("grow", "Grow revenue to $1.2M", "acme", active))
        .unwrap();
    g.add_objective(objective("sales", NEW_TITLE, "anna", active))
        .unwrap();
    let abandoned = ObjectiveState::Abandoned;
    g.add_objective(objective(
        "product",
        "Ship the clinic app",
        "ben",
        abandoned,
    ))
    .unwrap();
    g.add_objective(objective(
        "brand",
        "Be known by 500 clinics",
        "anna",
        active,
    ))
    .unwrap();
    g.link("sales", "grow", 3.0).unwrap();
    g.link("brand", "grow", 1.0).unwrap();
    let krs = [
        numeric(
            "rev",
            "Revenue from $80k to $120k",
            "sales",
            80_000.0,
            150_000.0,
        ),
        numeric("users", "Reach 1000 weekly users", "product", 0.0, 1000.0),
        numeric("press", "Get 10 press mentions", "brand", 0.0, 10.0),
    ];
    for k in krs {
        g.add_key_result(k).unwrap();
    }
    check_ins(&mut g, false);
    g
}

fn cfg() -> RollupConfig {
    RollupConfig::default()
}

/// A rollup's figures, node by node.
fn figures(r: &Rollup) -> Vec<(String, NodeKind, NodeValues)> {
    r.nodes()
        .map(|n| (n.id.to_string(), n.kind, n.values))
        .collect()
}

/// Checks `f` at [`BEFORE`] on the revised graph against `company`, and at [`AFTER`]
/// against [`after`]; returns (company at AFTER, revised at AFTER) to compare.
#[track_caller]
fn same_as_fresh<T: PartialEq + std::fmt::Debug>(f: impl Fn(&OkrGraph, NaiveDate) -> T) -> (T, T) {
    let (g, before, later) = (revised(), company(), after());
    assert_eq!(
        f(&g, before_day()),
        f(&before, before_day()),
        "before D: as on the graph without the revisions"
    );
    assert_eq!(
        f(&g, after_day()),
        f(&later, after_day()),
        "after the revisions: as on the final state built directly"
    );
    (f(&before, after_day()), f(&g, after_day()))
}

// ----- the fixture ----------------------------------------------------------------------

#[test]
fn the_fixture_is_what_the_tests_say() {
    let g = revised();
    assert_eq!(g.revision_count(), 7);
    assert_eq!(g.latest_revision(), Some(Revise::on(d(11, 13)).at));
    // before D: the graph itself is not the latest state
    let past = g.at(before_day());
    assert!(matches!(past, okr_core::GraphAt::Past(_)));
    assert_eq!(past.objective("sales").unwrap().title, OLD_TITLE);
    assert!(past.key_result("deals").is_some());
    assert!(matches!(g.at(after_day()), okr_core::GraphAt::Latest(_)));
}

// ----- rollup ---------------------------------------------------------------------------

#[test]
fn rollup() {
    let (old, new) = same_as_fresh(|g, day| figures(&g.rollup_with(day, &cfg()).unwrap()));
    assert_ne!(old, new);
    let at = |v: &[(String, NodeKind, NodeValues)], id: &str| {
        v.iter().find(|n| n.0 == id).map(|n| n.2.progress)
    };
    // the target raised: 110k of 80k..150k
    assert_eq!(at(&old, "rev"), Some(Some(0.75)));
    assert_eq!(at(&new, "rev"), Some(Some(30.0 / 70.0)));
    assert_eq!(at(&new, "deals"), None, "removed");
}

// ----- report ---------------------------------------------------------------------------

#[test]
fn report() {
    let (old, new) = same_as_fresh(|g, day| {
        let r = g.rollup_with(day, &cfg()).unwrap();
        Report::new(g, &r)
    });
    let node = |r: &Report, id: &str| r.nodes.iter().find(|n| n.id == id).cloned();
    let parents = |r: &Report, id: &str| -> Vec<(String, f64)> {
        node(r, id)
            .unwrap()
            .parents
            .iter()
            .map(|p| (p.id.clone(), p.weight))
            .collect()
    };
    assert_eq!(node(&old, "sales").unwrap().title, OLD_TITLE);
    assert_eq!(node(&new, "sales").unwrap().title, NEW_TITLE);
    assert_eq!(parents(&old, "sales"), [("grow".to_string(), 2.0)]);
    assert_eq!(parents(&new, "sales"), [("grow".to_string(), 3.0)]);
    assert_eq!(parents(&old, "product"), [("grow".to_string(), 1.0)]);
    assert!(parents(&new, "product").is_empty());
    assert_eq!(parents(&new, "brand"), [("grow".to_string(), 1.0)]);
    assert_eq!(
        node(&new, "product").unwrap().state,
        Some(ObjectiveState::Abandoned)
    );
    assert_eq!(node(&old, "rev").unwrap().target, Some(120_000.0));
    assert_eq!(node(&new, "rev").unwrap().target, Some(150_000.0));
    assert!(node(&new, "deals").is_none());
    assert!(node(&old, "deals").is_some());
}

#[test]
fn report_before_d_shows_the_old_link_and_title() {
    let g = revised();
    let r = g.rollup(before_day());
    let report = Report::new(&g, &r);
    let product = report.nodes.iter().find(|n| n.id == "product").unwrap();
    assert_eq!(product.parents.len(), 1);
    assert_eq!(product.parents[0].id, "grow");
    assert_eq!(product.state, Some(ObjectiveState::Active));
    let brand = report.nodes.iter().find(|n| n.id == "brand").unwrap();
    assert!(brand.parents.is_empty(), "the new link is not there yet");
}

#[test]
fn report_text() {
    let (old, new) = same_as_fresh(|g, day| {
        let r = g.rollup_with(day, &cfg()).unwrap();
        Report::render_text(g, &r)
    });
    assert!(old.contains(OLD_TITLE) && !old.contains(NEW_TITLE));
    assert!(new.contains(NEW_TITLE) && !new.contains(OLD_TITLE));
    assert!(old.contains("Close 50 deals") && !new.contains("Close 50 deals"));
    // before D the text shows the revised graph's old structure
    let g = revised();
    let text = Report::render_text(&g, &g.rollup(before_day()));
    assert!(text.contains("Close 50 deals"));
    assert!(text.contains(OLD_TITLE));
    assert!(text.contains("4 objectives, 4 key results"), "{text}");
}

// ----- explain --------------------------------------------------------------------------

#[test]
fn explain_progress() {
    for id in ["grow", "sales", "product", "brand", "rev", "press"] {
        let (old, new) = same_as_fresh(|g, day| g.explain_progress(id, day).unwrap());
        if ["grow", "sales", "rev"].contains(&id) {
            assert_ne!(old, new, "{id} changed");
        }
    }
    let g = revised();
    let grow = g.explain_progress("grow", before_day()).unwrap();
    let inputs: Vec<(&str, f64)> = grow
        .contributions
        .iter()
        .map(|c| (c.id.as_str(), c.weight))
        .collect();
    assert_eq!(inputs, [("sales", 2.0), ("product", 1.0)]);
    let grow = g.explain_progress("grow", after_day()).unwrap();
    let inputs: Vec<(&str, f64)> = grow
        .contributions
        .iter()
        .map(|c| (c.id.as_str(), c.weight))
        .collect();
    assert_eq!(inputs, [("sales", 3.0), ("brand", 1.0)]);
    let sales = g.explain_progress("sales", before_day()).unwrap();
    assert_eq!(sales.title, OLD_TITLE);
    let rev = g.explain_progress("rev", before_day()).unwrap();
    assert_eq!(
        rev.key_result.unwrap().measure,
        Measure::numeric(80_000.0, 120_000.0)
    );
}

#[test]
fn a_removed_key_result_is_explained_before_its_removal() {
    let g = revised();
    let deals = g.explain_progress("deals", before_day()).unwrap();
    assert_eq!(
        deals,
        company().explain_progress("deals", before_day()).unwrap()
    );
    assert_eq!(deals.title, "Close 50 deals");
    assert_eq!(deals.values.progress, Some(0.5));
    let sales = g.explain_progress("sales", before_day()).unwrap();
    assert!(sales.contributions.iter().any(|c| c.id == "deals"));
    // after its removal it is unknown, and gone from its objective
    assert_eq!(
        g.explain_progress("deals", after_day()).unwrap_err().code(),
        "unknown_id"
    );
    let sales = g.explain_progress("sales", after_day()).unwrap();
    assert!(sales.contributions.iter().all(|c| c.id != "deals"));
}

#[test]
fn between_revisions_each_time_has_its_own_state() {
    // unlinked on the 11th, abandoned on the 12th, retitled on the 13th
    let g = revised();
    let report = |day| Report::new(&g, &g.rollup(d(11, day)));
    let node = |r: &Report, id: &str| r.nodes.iter().find(|n| n.id == id).cloned().unwrap();
    let on_11 = report(11);
    let product = node(&on_11, "product");
    assert!(product.parents.is_empty());
    assert_eq!(product.state, Some(ObjectiveState::Active));
    assert!(on_11.nodes.iter().any(|n| n.id == "deals"));
    let on_12 = report(12);
    assert_eq!(
        node(&on_12, "product").state,
        Some(ObjectiveState::Abandoned)
    );
    assert!(on_12.nodes.iter().all(|n| n.id != "deals"));
    assert_eq!(node(&on_12, "sales").title, OLD_TITLE);
    assert_eq!(node(&report(13), "sales").title, NEW_TITLE);
}

#[test]
fn an_objective_added_later_is_unknown_before() {
    let mut g = revised();
    let mut later = objective(
        "support",
        "Answer 95% of tickets within a day",
        "ben",
        ObjectiveState::Active,
    );
    later.description = "added after the others".into();
    g.add_objective_at(later, Revise::on(d(11, 20))).unwrap();
    g.link_at("support", "grow", 1.0, Revise::on(d(11, 20)))
        .unwrap();
    fn unknown<T: std::fmt::Debug>(r: okr_core::Result<T>) -> &'static str {
        r.unwrap_err().code()
    }
    let day = before_day();
    assert_eq!(unknown(g.explain_progress("support", day)), "unknown_id");
    assert_eq!(
        unknown(g.contributions("support", day, &cfg())),
        "unknown_id"
    );
    let r = g.rollup(day);
    let report = Report::new(&g, &r);
    assert!(report.nodes.iter().all(|n| n.id != "support"));
    assert_eq!(report, Report::new(&company(), &company().rollup(day)));
    assert!(!Report::render_text(&g, &r).contains("support"));
    let dot = g.render_graph(GraphFormat::Dot, day, &cfg()).unwrap();
    assert!(!dot.contains("support"));
    assert!(
        g.scores(day, &GradeBands::default())
            .unwrap()
            .get("support")
            .is_none()
    );
    // after its creation it is there
    let day = after_day();
    assert!(g.explain_progress("support", day).is_ok());
    assert!(g.contributions("support", day, &cfg()).is_ok());
    assert!(
        g.explain_progress("grow", day)
            .unwrap()
            .contributions
            .iter()
            .any(|c| c.id == "support")
    );
}

#[test]
fn a_removed_objective_and_a_moved_key_result_are_in_place_before() {
    // after the fixture's revisions: press moves to sales on the 20th, sales (with its key
    // results and links) is removed on the 21st
    let mut g = revised();
    g.revise_key_result(
        "press",
        KeyResultPatch {
            objective: Some("sales".into()),
            ..Default::default()
        },
        Revise::on(d(11, 20)),
    )
    .unwrap();
    g.remove_objective_at("sales", Revise::on(d(11, 21)))
        .unwrap();
    let day = d(11, 19);
    let later = after();
    assert_eq!(
        Report::new(&g, &g.rollup(day)),
        Report::new(&later, &later.rollup(day))
    );
    for id in ["grow", "sales", "brand"] {
        assert_eq!(
            g.explain_progress(id, day).unwrap(),
            later.explain_progress(id, day).unwrap()
        );
    }
    let dot = |g: &OkrGraph| g.render_graph(GraphFormat::Dot, day, &cfg()).unwrap();
    assert_eq!(dot(&g), dot(&later));
    assert_eq!(
        lint_graph(&g, &LintConfig::default(), day),
        lint_graph(&later, &LintConfig::default(), day)
    );
    // between the move and the removal: press under sales
    let sales = g.explain_progress("sales", d(11, 20)).unwrap();
    let inputs: Vec<&str> = sales.contributions.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(inputs, ["rev", "press"]);
    // after the removal: gone, with its key results and its link
    let day = after_day();
    assert_eq!(
        g.explain_progress("sales", day).unwrap_err().code(),
        "unknown_id"
    );
    assert!(g.key_result("press").is_none());
    let grow = g.explain_progress("grow", day).unwrap();
    let inputs: Vec<&str> = grow.contributions.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(inputs, ["brand"]);
}

// ----- analytics ------------------------------------------------------------------------

#[test]
fn contributions() {
    let (old, new) = same_as_fresh(|g, day| g.contributions("grow", day, &cfg()).unwrap());
    // the key results with a share, in any order
    let ids = |c: &okr_core::analytics::Contributions| -> BTreeSet<String> {
        c.key_results.iter().map(|k| k.key_result.clone()).collect()
    };
    let set = |ids: &[&str]| -> BTreeSet<String> { ids.iter().map(|s| s.to_string()).collect() };
    assert_eq!(ids(&old), set(&["deals", "rev", "users"]));
    assert_eq!(ids(&new), set(&["press", "rev"]));
    let g = revised();
    let before = g.contributions("grow", before_day(), &cfg()).unwrap();
    assert_eq!(ids(&before), set(&["deals", "rev", "users"]));
}

#[test]
fn what_if() {
    let values = vec![("rev".to_string(), CheckInValue::Value(115_000.0))];
    let (old, new) = same_as_fresh(|g, day| {
        let at = AsOf::from(day);
        figures(&g.what_if(at, &values, &cfg()).unwrap())
    });
    assert_ne!(old, new);
    // a key result removed later takes a hypothetical check-in before its removal only
    let deals = vec![("deals".to_string(), CheckInValue::Value(50.0))];
    let g = revised();
    let r = g.what_if(before_day(), &deals, &cfg()).unwrap();
    assert_eq!(
        figures(&r),
        figures(&company().what_if(before_day(), &deals, &cfg()).unwrap())
    );
    assert_eq!(r.key_result("deals").unwrap().progress, Some(1.0));
    assert_eq!(
        g.what_if(after_day(), &deals, &cfg()).unwrap_err().code(),
        "unknown_id"
    );
}

#[test]
fn what_if_diff() {
    let values = vec![("rev".to_string(), CheckInValue::Value(130_000.0))];
    let (old, new) = same_as_fresh(|g, day| g.what_if_diff(day, &values, &cfg()).unwrap());
    assert_ne!(old, new);
    let rev = |d: &okr_core::analytics::RollupDiff| d.get("rev").unwrap().progress_after;
    // 130k reaches the old target, not the new one
    assert_eq!(rev(&old), Some(1.0));
    assert_eq!(rev(&new), Some(50.0 / 70.0));
    let g = revised();
    let before = g.what_if_diff(before_day(), &values, &cfg()).unwrap();
    assert_eq!(rev(&before), Some(1.0));
    // a key result removed later takes a hypothetical check-in before its removal
    let deals = vec![("deals".to_string(), CheckInValue::Value(50.0))];
    let before = g.what_if_diff(before_day(), &deals, &cfg()).unwrap();
    assert_eq!(
        before,
        company()
            .what_if_diff(before_day(), &deals, &cfg())
            .unwrap()
    );
    assert_eq!(before.get("deals").unwrap().progress_after, Some(1.0));
    assert_eq!(
        g.what_if_diff(after_day(), &deals, &cfg())
            .unwrap_err()
            .code(),
        "unknown_id"
    );
}

#[test]
fn forecast() {
    let (old, new) = same_as_fresh(|g, day| g.forecast(day, &cfg()).unwrap());
    let kr = |f: &okr_core::analytics::Forecast, id: &str| {
        f.key_results.iter().find(|k| k.key_result == id).cloned()
    };
    assert!(kr(&old, "deals").is_some() && kr(&new, "deals").is_none());
    // the same line, measured against another target
    let (a, b) = (kr(&old, "rev").unwrap(), kr(&new, "rev").unwrap());
    assert_eq!(a.value, b.value);
    assert_ne!(a.progress, b.progress);
    let g = revised();
    let before = g.forecast(before_day(), &cfg()).unwrap();
    assert!(kr(&before, "deals").is_some());
}

#[test]
fn scores() {
    let bands = GradeBands::default();
    let (old, new) = same_as_fresh(|g, day| g.scores(day, &bands).unwrap());
    assert!(old.get("deals").is_some() && new.get("deals").is_none());
    assert_ne!(old.get("rev"), new.get("rev"));
    assert_ne!(old.get("grow"), new.get("grow"));
    let g = revised();
    let before = g.scores(before_day(), &bands).unwrap();
    assert_eq!(before.get("deals").unwrap().score, Some(0.5));
}

#[test]
fn a_final_score_stays_what_it_was_at_the_end_of_its_period() {
    // a key result due on the 5th of November: its target raised after that does not
    // change its final score
    let build = |revise: bool| {
        let mut g = company();
        let mut early = numeric("early", "Sign 10 pilots", "brand", 0.0, 10.0);
        early.due = Some(d(11, 5));
        g.add_key_result(early).unwrap();
        g.check_in("early", CheckIn::value(t(11, 4), 5.0)).unwrap();
        if revise {
            g.revise_key_result(
                "early",
                KeyResultPatch {
                    measure: Some(Measure::numeric(0.0, 20.0)),
                    ..Default::default()
                },
                Revise::on(d(11, 20)),
            )
            .unwrap();
        }
        g
    };
    let bands = GradeBands::default();
    let (plain, changed) = (build(false), build(true));
    let score = |g: &OkrGraph, day| g.scores(day, &bands).unwrap().get("early").cloned();
    let s = score(&changed, d(11, 25)).unwrap();
    assert!(s.is_final);
    assert_eq!(s.score, Some(0.5));
    assert_eq!(score(&changed, d(11, 25)), score(&plain, d(11, 25)));
    // the same as the rollup at the end of that day
    let r = changed.rollup(d(11, 5));
    assert_eq!(s.score, r.key_result("early").unwrap().progress);
}

#[test]
fn scorecards() {
    let options = ScorecardOptions::default();
    // the signals from the history (a target raised) aside: a graph built directly has none
    let without_history = |mut cards: Vec<okr_core::analytics::Scorecard>| {
        for c in &mut cards {
            c.signals
                .retain(|s| !matches!(s.name, "target_lowered" | "target_raised"));
        }
        cards
    };
    let raised = revised().scorecards(after_day(), &options).unwrap();
    let anna = raised.iter().find(|c| c.owner == "anna").unwrap();
    let signal = anna.signal("target_raised").unwrap();
    assert_eq!(signal.value, Some(1.0), "{}", signal.explanation);
    assert!(
        signal.explanation.contains("rev 120000 -> 150000"),
        "{}",
        signal.explanation
    );
    assert!(!anna.signal("target_lowered").unwrap().raised);
    // before the raise, no signal
    let before = revised().scorecards(before_day(), &options).unwrap();
    for c in &before {
        assert_eq!(c.signal("target_raised").unwrap().value, Some(0.0));
    }
    let (old, new) = same_as_fresh(|g, day| without_history(g.scorecards(day, &options).unwrap()));
    let owners = |v: &[okr_core::analytics::Scorecard]| -> Vec<String> {
        v.iter().map(|c| c.owner.clone()).collect()
    };
    // ben's only objective is abandoned: nothing of his counts any more
    assert_eq!(owners(&old), ["acme", "anna", "ben"]);
    assert_eq!(owners(&new), ["acme", "anna"]);
    let aligned = |v: &[okr_core::analytics::Scorecard]| {
        v.iter()
            .find(|c| c.owner == "anna")
            .unwrap()
            .signal("aligned_share")
            .unwrap()
            .value
    };
    // brand traces to grow only after its link
    assert_eq!(aligned(&old), Some(0.5));
    assert_eq!(aligned(&new), Some(1.0));
}

#[test]
fn coverage() {
    let options = CoverageOptions::default();
    let (g, before, later) = (revised(), company(), after());
    assert_eq!(
        g.coverage_at(before_day(), &options).unwrap(),
        before.coverage(&options).unwrap()
    );
    assert_eq!(
        g.coverage_at(after_day(), &options).unwrap(),
        later.coverage(&options).unwrap()
    );
    assert_eq!(
        g.coverage(&options).unwrap(),
        later.coverage(&options).unwrap(),
        "coverage is of the latest state"
    );
    let old = g.coverage_at(before_day(), &options).unwrap();
    let new = g.coverage_at(after_day(), &options).unwrap();
    // product (ben) traces to grow before; brand (anna) after
    assert_eq!(old.traced_objectives, 3);
    assert_eq!(new.traced_objectives, 3);
    assert!(old.people_without_aligned_objectives.is_empty());
    assert_eq!(new.people_without_aligned_objectives, ["ben"]);
}

#[test]
fn diff_reads_each_side_at_its_own_time() {
    let start = start_day();
    let (g, before, later) = (revised(), company(), after());
    // both sides before D: as without the revisions
    assert_eq!(
        g.diff(start, before_day(), &cfg()).unwrap(),
        before.diff(start, before_day(), &cfg()).unwrap()
    );
    // both sides after: as the final state
    assert_eq!(
        g.diff(d(11, 20), after_day(), &cfg()).unwrap(),
        later.diff(d(11, 20), after_day(), &cfg()).unwrap()
    );
    // across D: the first side as before, the second as after
    let across = g.diff(before_day(), after_day(), &cfg()).unwrap();
    let rev = across.changes.iter().find(|c| c.id == "rev").unwrap();
    let old_rev = before.rollup(before_day()).key_result("rev").unwrap();
    let new_rev = later.rollup(after_day()).key_result("rev").unwrap();
    assert_eq!(rev.from_progress, old_rev.progress);
    assert_eq!(rev.to_progress, new_rev.progress);
    let grow = across.changes.iter().find(|c| c.id == "grow").unwrap();
    assert_eq!(
        grow.from_progress,
        before
            .rollup(before_day())
            .objective("grow")
            .unwrap()
            .progress
    );
    assert_eq!(
        grow.to_progress,
        later
            .rollup(after_day())
            .objective("grow")
            .unwrap()
            .progress
    );
    assert_ne!(
        across,
        before.diff(before_day(), after_day(), &cfg()).unwrap()
    );
    // a node that exists on one side only is left out
    assert!(across.changes.iter().all(|c| c.id != "deals"));
}

#[test]
fn render_graph() {
    for format in [GraphFormat::Dot, GraphFormat::Mermaid, GraphFormat::Svg] {
        let (old, new) = same_as_fresh(|g, day| g.render_graph(format, day, &cfg()).unwrap());
        assert_ne!(old, new, "{format:?}");
        assert!(old.contains(OLD_TITLE) && new.contains("Win 40 new clinic"));
    }
}

#[test]
fn the_graph_picture_before_d_shows_the_old_links() {
    let g = revised();
    let dot = |day| g.render_graph(GraphFormat::Dot, day, &cfg()).unwrap();
    let old = dot(before_day());
    assert!(
        old.contains("\"product\" -> \"grow\" [label=\"1\"]"),
        "{old}"
    );
    assert!(old.contains("\"sales\" -> \"grow\" [label=\"2\"]"));
    assert!(!old.contains("\"brand\" -> \"grow\""));
    let new = dot(after_day());
    assert!(!new.contains("\"product\" -> \"grow\""));
    assert!(new.contains("\"sales\" -> \"grow\" [label=\"3\"]"));
    assert!(new.contains("\"brand\" -> \"grow\" [label=\"1\"]"));
}

// ----- lint -----------------------------------------------------------------------------

#[test]
fn lint() {
    let config = LintConfig::default();
    let (old, new) = same_as_fresh(|g, day| lint_graph(g, &config, day));
    assert_ne!(old, new);
}

#[test]
fn lint_before_a_title_changed_lints_the_old_title() {
    let config = LintConfig::default();
    let g = revised();
    let vague = |diags: &[okr_core::Diagnostic]| {
        diags
            .iter()
            .any(|x| x.code == "S001" && x.entity.as_deref() == Some("sales"))
    };
    // the title changed on the 13th: on the 12th the old one is linted
    assert!(vague(&lint_graph(&g, &config, d(11, 12))));
    assert!(vague(&lint_graph(&g, &config, before_day())));
    assert!(!vague(&lint_graph(&g, &config, d(11, 13))));
    // a date pinned in the configuration is the time the graph is read at
    let pinned = LintConfig::with_as_of(before_day());
    assert!(vague(&lint_graph(&g, &pinned, after_day())));
}
