//! Initiatives: work items under key results, excluded from progress unless the key result
//! weighs them in; their updates are timed (as-of sees the state then); incremental rollups
//! after an update equal a fresh one; typed errors that change nothing; documents keep them.
#![allow(clippy::disallowed_methods)] // tests may sort with std

mod common;

use common::*;
use okr_core::{
    AsOf, EntityKind, Initiative, InitiativeUpdate, KeyResult, KeyResultPatch, LiveRollup,
    ManualOverride, Measure, OkrError, OkrGraph, Revise, Status,
};
use proptest::prelude::*;

/// Objective `a` with numeric key result `k` (0 -> 100, at 40 since 2026-10-02) weighing its
/// initiatives with `w`, and objective `b` with a plain key result `p` at 40.
fn graph(w: Option<f64>) -> OkrGraph {
    let mut g = base();
    obj(&mut g, "a");
    let mut k = KeyResult::new("k", "Ship", "a", Measure::numeric(0.0, 100.0));
    k.initiatives_weight = w;
    g.add_key_result(k).unwrap();
    g.check_in("k", val(t(10, 2, 9, 0), 40.0)).unwrap();
    obj(&mut g, "b");
    kr_at(&mut g, "p", "b", 40.0, 1.0);
    g
}

fn work(g: &mut OkrGraph) {
    g.add_initiative(
        Initiative::new("i1", "k", "Hire two engineers")
            .with_update(InitiativeUpdate::done(t(10, 20, 9, 0), true)),
    )
    .unwrap();
    g.add_initiative(
        Initiative::new("i2", "k", "Migrate the billing")
            .with_due(d(11, 15))
            .with_update(InitiativeUpdate::percent(t(10, 10, 9, 0), 20.0))
            .with_update(InitiativeUpdate::percent(t(11, 5, 9, 0), 50.0)),
    )
    .unwrap();
}

#[test]
fn initiatives_are_excluded_unless_the_key_result_weighs_them_in() {
    let mut g = graph(None);
    let before = g.rollup(d(11, 20));
    work(&mut g);
    let after = g.rollup(d(11, 20));
    assert_eq!(
        before.nodes().collect::<Vec<_>>(),
        after.nodes().collect::<Vec<_>>()
    );
    // a weight of 0 is the same as none
    let mut g = graph(Some(0.0));
    work(&mut g);
    assert_eq!(
        g.rollup(d(11, 20)).key_result("k").unwrap().progress,
        Some(0.4)
    );
}

#[test]
fn a_weight_blends_the_mean_share_into_progress_and_attainment() {
    let mut g = graph(Some(0.5));
    work(&mut g);
    let r = g.rollup(d(11, 20));
    // initiatives: done (1) and 50% -> mean 0.75; (0.4 + 0.5 * 0.75) / 1.5
    let expected = (0.4 + 0.5 * 0.75) / 1.5;
    let k = r.key_result("k").unwrap();
    assert_close(k.progress, expected);
    assert_close(k.attainment, expected);
    assert_close(k.computed_progress, expected);
    // the value stays the measure's
    assert_eq!(k.value, Some(40.0));
    // the objective rolls the blended figure up
    assert_close(r.objective("a").unwrap().progress, expected);
    // `b` is untouched
    assert_eq!(r.key_result("p").unwrap().progress, Some(0.4));
    // as of earlier times the updates then in force count: 2026-10-15: 0 and 20%
    let early = g.rollup(d(10, 15)).key_result("k").unwrap();
    assert_close(early.progress, (0.4 + 0.5 * 0.1) / 1.5);
    // before any update, initiatives are at 0
    let first = g.rollup(d(10, 5)).key_result("k").unwrap();
    assert_close(first.progress, 0.4 / 1.5);
}

#[test]
fn status_follows_the_blended_progress() {
    let mut g = graph(Some(3.0));
    let low = g.rollup(d(12, 1)).key_result("k").unwrap();
    // no initiatives: the measure alone
    assert_eq!(low.progress, Some(0.4));
    work(&mut g);
    g.record_initiative_update("i2", InitiativeUpdate::done(t(11, 25, 9, 0), true))
        .unwrap();
    let high = g.rollup(d(12, 1)).key_result("k").unwrap();
    assert_close(high.progress, (0.4 + 3.0) / 4.0);
    assert_eq!(high.status, Status::OnTrack);
    assert_ne!(low.status, Status::OnTrack);
}

#[test]
fn an_override_is_reported_as_set_and_the_blend_shows_in_the_computed_figures() {
    let mut g = graph(Some(1.0));
    work(&mut g);
    g.set_clock(Some(Revise::on(d(10, 3))));
    g.patch_key_result(
        "k",
        KeyResultPatch {
            r#override: Some(Some(ManualOverride { attainment: 0.9 })),
            ..KeyResultPatch::default()
        },
    )
    .unwrap();
    let k = g.rollup(d(11, 20)).key_result("k").unwrap();
    assert_eq!(k.progress, Some(0.9));
    assert_close(k.computed_progress, (0.4 + 0.75) / 2.0);
}

#[test]
fn updates_refresh_kept_rollups_like_check_ins() {
    let mut g = graph(Some(2.0));
    work(&mut g);
    let at = d(12, 1);
    let mut kept = g.rollup(at);
    g.record_initiative_update("i2", InitiativeUpdate::percent(t(11, 20, 9, 0), 90.0))
        .unwrap();
    kept.refresh_key_result(&g, "k").unwrap();
    assert_eq!(
        kept.nodes().collect::<Vec<_>>(),
        g.rollup(at).nodes().collect::<Vec<_>>()
    );
    assert_close(
        kept.key_result("k").unwrap().progress,
        (0.4 + 2.0 * 0.95) / 3.0,
    );
    let mut live = LiveRollup::new(g, at).unwrap();
    live.record_initiative_update("i1", InitiativeUpdate::done(t(11, 21, 9, 0), false))
        .unwrap();
    let fresh = live.graph().rollup(at);
    assert_eq!(
        live.rollup().nodes().collect::<Vec<_>>(),
        fresh.nodes().collect::<Vec<_>>()
    );
    assert_close(
        fresh.key_result("k").unwrap().progress,
        (0.4 + 2.0 * 0.45) / 3.0,
    );
}

#[test]
fn the_weight_is_a_revision_and_earlier_times_keep_the_old_one() {
    let mut g = graph(None);
    work(&mut g);
    g.revise_key_result(
        "k",
        KeyResultPatch {
            initiatives_weight: Some(Some(1.0)),
            ..KeyResultPatch::default()
        },
        Revise::on(d(11, 1)),
    )
    .unwrap();
    assert_eq!(
        g.rollup(d(10, 25)).key_result("k").unwrap().progress,
        Some(0.4)
    );
    assert_close(
        g.rollup(d(11, 20)).key_result("k").unwrap().progress,
        (0.4 + 0.75) / 2.0,
    );
    assert_eq!(g.log(&Default::default()).unwrap().len(), 1);
    // a document keeps the history
    let again = OkrGraph::from_json(&g.to_json()).unwrap();
    assert_eq!(again.to_json(), g.to_json());
    assert_eq!(
        again.rollup(d(10, 25)).key_result("k").unwrap().progress,
        Some(0.4)
    );
}

#[test]
fn status_and_overdue_at_a_time() {
    let mut g = graph(Some(1.0));
    work(&mut g);
    let s = g.initiative_status(d(11, 20));
    assert_eq!(s.len(), 2);
    assert!(s[0].done && !s[0].overdue);
    assert_eq!((s[1].share, s[1].done, s[1].overdue), (0.5, false, true));
    let s = g.initiative_status(d(11, 15));
    assert!(!s[1].overdue, "due that day, not yet overdue");
    assert_eq!(g.initiatives_of("k").len(), 2);
    assert!(g.initiatives_of("p").is_empty());
}

#[test]
fn errors_are_typed_and_change_nothing() {
    let mut g = graph(Some(1.0));
    work(&mut g);
    let json = g.to_json();
    let e = g
        .add_initiative(Initiative::new("x", "nope", "X"))
        .unwrap_err();
    assert!(matches!(
        e,
        OkrError::UnknownId {
            kind: EntityKind::KeyResult,
            ..
        }
    ));
    let e = g
        .add_initiative(Initiative::new("k", "k", "X"))
        .unwrap_err();
    assert!(matches!(
        e,
        OkrError::DuplicateId {
            existing: EntityKind::KeyResult,
            ..
        }
    ));
    let e = g
        .add_initiative(
            Initiative::new("x", "k", "X")
                .with_update(InitiativeUpdate::percent(t(10, 3, 0, 0), 120.0)),
        )
        .unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    assert!(
        e.to_string()
            .contains("updates[0].percent of initiative \"x\""),
        "{e}"
    );
    let mut both = InitiativeUpdate::done(t(10, 3, 0, 0), true);
    both.percent = Some(10.0);
    assert!(g.record_initiative_update("i1", both).is_err());
    assert!(
        g.record_initiative_update("zz", InitiativeUpdate::done(t(10, 3, 0, 0), true))
            .is_err()
    );
    g.set_clock(Some(Revise::on(d(10, 3))));
    let e = g.remove_key_result("k").unwrap_err();
    assert!(matches!(
        e,
        OkrError::InUse {
            by_kind: EntityKind::Initiative,
            ..
        }
    ));
    assert!(g.remove_objective("a").is_err());
    let mut bad = KeyResult::new("k2", "K2", "a", Measure::numeric(0.0, 1.0));
    bad.initiatives_weight = Some(f64::NAN);
    assert_eq!(g.add_key_result(bad).unwrap_err().code(), "invalid_value");
    assert_eq!(g.to_json(), json);
    // an owner that an initiative names stays
    g.add_owner(okr_core::Owner::new("ann", "Ann", "person").with_parent("o"))
        .unwrap();
    let mut i = g.initiative("i1").unwrap().clone();
    i.owner = Some("ann".into());
    g.update_initiative(i).unwrap();
    assert_eq!(g.remove_owner("ann").unwrap_err().code(), "in_use");
    // removed, the key result may go
    g.remove_initiative("i1").unwrap();
    g.remove_initiative("i2").unwrap();
    g.remove_key_result("k").unwrap();
}

#[test]
fn documents_keep_initiatives_and_name_the_problem() {
    let mut g = graph(Some(0.5));
    work(&mut g);
    let json = g.to_json();
    assert!(json.contains("\"initiatives_weight\": 0.5"));
    let again = OkrGraph::from_json(&json).unwrap();
    assert_eq!(again.to_json(), json);
    assert_eq!(
        again.rollup(d(11, 20)).nodes().collect::<Vec<_>>(),
        g.rollup(d(11, 20)).nodes().collect::<Vec<_>>()
    );
    let bad = json.replacen("\"percent\": 20.0", "\"percent\": -1.0", 1);
    assert_ne!(bad, json);
    let problems = okr_core::document::check_str(&bad);
    assert_eq!(problems[0].path, "initiatives[1].updates[0].percent");
    let bad = json.replacen("\"key_result\": \"k\"", "\"key_result\": \"zz\"", 1);
    assert_eq!(
        okr_core::document::check_str(&bad)[0].path,
        "initiatives[0].key_result"
    );
    let v1 = json.replacen("\"version\": 2", "\"version\": 1", 1);
    assert!(
        okr_core::document::check_str(&v1)
            .iter()
            .any(|p| p.path == "initiatives")
    );
}

#[test]
fn explain_shows_the_measure_and_the_blend() {
    let mut g = graph(Some(0.5));
    work(&mut g);
    let e = g.explain_progress("k", d(11, 20)).unwrap();
    let f = &e.key_result.as_ref().unwrap().formula;
    assert!(
        f.contains("progress = clamp(attainment, 0, 1) = 40.0%"),
        "{f}"
    );
    assert!(
        f.contains("with its initiatives (weight 0.5, 2 of them, 75.0% done on average)"),
        "{f}"
    );
}

#[derive(Debug, Clone)]
struct Spec {
    /// Per key result: objective (0..3), weight of its initiatives (None, 0.5, 2).
    krs: Vec<(usize, Option<f64>)>,
    /// Per initiative: key result.
    initiatives: Vec<usize>,
    /// Events: (initiative or key result, value 0..=100, day of November, is an update).
    events: Vec<(usize, u32, u32, bool)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let krs = proptest::collection::vec(
        (
            0usize..3,
            prop_oneof![Just(None), Just(Some(0.5)), Just(Some(2.0))],
        ),
        1..8,
    );
    let initiatives = proptest::collection::vec(0usize..8, 0..10);
    let events =
        proptest::collection::vec((0usize..10, 0u32..=100, 1u32..28, any::<bool>()), 0..20);
    (krs, initiatives, events).prop_map(|(krs, initiatives, events)| Spec {
        krs,
        initiatives,
        events,
    })
}

fn build(spec: &Spec) -> OkrGraph {
    let mut g = base();
    for o in 0..3 {
        obj(&mut g, &format!("o{o}"));
    }
    g.link("o1", "o0", 1.0).unwrap();
    g.link("o2", "o0", 2.0).unwrap();
    for (k, &(o, w)) in spec.krs.iter().enumerate() {
        let mut kr = KeyResult::new(
            format!("k{k}"),
            "k",
            format!("o{o}"),
            Measure::numeric(0.0, 100.0),
        );
        kr.initiatives_weight = w;
        g.add_key_result(kr).unwrap();
    }
    for (i, &k) in spec.initiatives.iter().enumerate() {
        g.add_initiative(Initiative::new(
            format!("i{i}"),
            format!("k{}", k % spec.krs.len()),
            "i",
        ))
        .unwrap();
    }
    g
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// After every update or check-in the kept rollups (refreshed, and a live one) equal a
    /// full one, and each key result's progress is the measure's blended by the reference
    /// formula over the initiatives' shares then.
    #[test]
    fn incremental_equals_full_and_the_reference(spec in spec()) {
        let mut g = build(&spec);
        let at = d(11, 28);
        let mut kept = g.rollup(at);
        let mut live = LiveRollup::new(build(&spec), at).unwrap();
        for &(n, v, day, update) in &spec.events {
            let when = t(11, day, 9, 0);
            let kr = if update && !spec.initiatives.is_empty() {
                let i = format!("i{}", n % spec.initiatives.len());
                let u = if v % 3 == 0 {
                    InitiativeUpdate::done(when, v % 2 == 0)
                } else {
                    InitiativeUpdate::percent(when, f64::from(v))
                };
                g.record_initiative_update(&i, u.clone()).unwrap();
                live.record_initiative_update(&i, u).unwrap();
                g.initiative(&i).unwrap().key_result.clone()
            } else {
                let k = format!("k{}", n % spec.krs.len());
                g.check_in(&k, val(when, f64::from(v))).unwrap();
                live.edit(|lg| lg.check_in(&k, val(when, f64::from(v)))).unwrap();
                k
            };
            kept.refresh_key_result(&g, &kr).unwrap();
            let fresh = g.rollup(at);
            let all = fresh.nodes().collect::<Vec<_>>();
            prop_assert_eq!(&kept.nodes().collect::<Vec<_>>(), &all);
            prop_assert_eq!(&live.rollup().nodes().collect::<Vec<_>>(), &all);
        }
        // the reference: the measure's progress (the same graph without weights) blended
        let fresh = g.rollup(at);
        let mut plain = g.clone();
        plain.set_clock(Some(Revise::on(d(10, 1))));
        for (k, &(_, w)) in spec.krs.iter().enumerate() {
            if w.is_some() {
                plain.patch_key_result(&format!("k{k}"), KeyResultPatch {
                    initiatives_weight: Some(None),
                    ..KeyResultPatch::default()
                }).unwrap();
            }
        }
        let base = plain.rollup(at);
        let as_of = AsOf::from(at);
        for (k, &(_, w)) in spec.krs.iter().enumerate() {
            let id = format!("k{k}");
            let p = base.key_result(&id).unwrap().progress.unwrap();
            let shares: Vec<f64> = g.initiatives_of(&id).iter().map(|i| i.share_at(as_of)).collect();
            let expected = match w {
                Some(w) if w > 0.0 && !shares.is_empty() => {
                    let q = shares.iter().sum::<f64>() / shares.len() as f64;
                    (p + w * q) / (1.0 + w)
                }
                _ => p,
            };
            let got = fresh.key_result(&id).unwrap().progress.unwrap();
            prop_assert!((got - expected).abs() < 1e-12, "{} {} {}", id, got, expected);
        }
        // a document keeps it all
        let json = g.to_json();
        let again = OkrGraph::from_json(&json).unwrap();
        prop_assert_eq!(again.to_json(), json);
    }
}

#[test]
fn a_key_result_scores_its_measure_and_its_objective_the_blend() {
    let mut g = graph(Some(1.0));
    work(&mut g);
    let s = g
        .scores(d(11, 20), &okr_core::analytics::GradeBands::default())
        .unwrap();
    let k = s.key_results.iter().find(|x| x.id == "k").unwrap();
    assert_eq!(k.score, Some(0.4));
    let a = s.objectives.iter().find(|x| x.id == "a").unwrap();
    assert_close(a.score, (0.4 + 0.75) / 2.0);
}

#[test]
fn document_limits_hold_on_initiatives_and_their_updates() {
    let mut g = graph(Some(0.5));
    work(&mut g);
    let json = g.to_json();
    let limits = okr_core::document::Limits {
        max_initiatives: 1,
        ..Default::default()
    };
    let e = okr_core::document::load_str_with(&json, &limits).unwrap_err();
    assert_eq!(e.code(), "limit_exceeded");
    assert!(
        e.to_string().contains("initiatives is 2, the limit is 1"),
        "{e}"
    );
    let limits = okr_core::document::Limits {
        max_check_ins_per_key_result: 1,
        ..Default::default()
    };
    let e = okr_core::document::load_str_with(&json, &limits).unwrap_err();
    assert!(
        e.to_string()
            .contains("initiative updates at initiatives[1].updates"),
        "{e}"
    );
    // a problem in every initiative, each at its path
    let bad = json
        .replacen("\"done\": true", "\"done\": true, \"percent\": 3", 1)
        .replacen("\"percent\": 50.0", "\"percent\": 500", 1);
    let paths: Vec<String> = okr_core::document::check_str(&bad)
        .into_iter()
        .map(|p| p.path)
        .collect();
    assert_eq!(
        paths,
        [
            "initiatives[0].updates[0].done",
            "initiatives[1].updates[1].percent"
        ]
    );
}
