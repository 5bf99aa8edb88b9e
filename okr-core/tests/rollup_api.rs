//! The rollup's options, explanations and lookups on hand-built graphs: invalid
//! configurations, contributions that add up to progress, the lookup API.
//!
//! The cycle `q` used throughout runs 2026-10-01 ..= 2026-12-31: 31 + 30 + 31 = 92 days.

mod common;

use common::*;
use okr_core::{Bound, NodeKind, ObjectiveState, OkrGraph, RollupConfig, RollupMode};

// ----- config ---------------------------------------------------------------------------

#[test]
fn invalid_config_rejected() {
    let g = single(10.0);
    let bad = [
        (-0.1, 0.25, "on_track_margin"),
        (f64::NAN, 0.25, "on_track_margin"),
        (f64::INFINITY, f64::INFINITY, "on_track_margin"),
        (0.3, 0.2, "at_risk_margin"),
        (0.1, f64::NAN, "at_risk_margin"),
        (0.1, f64::INFINITY, "at_risk_margin"),
    ];
    for (on, risk, field) in bad {
        let cfg = RollupConfig {
            on_track_margin: on,
            at_risk_margin: risk,
            stale_days: 14,
        };
        let err = g.rollup_with(d(11, 1), &cfg).unwrap_err();
        assert_eq!(err.code(), "invalid_config", "{on} {risk}");
        match &err {
            okr_core::OkrError::InvalidConfig { field: f, .. } => assert_eq!(f, field),
            other => panic!("{other:?}"),
        }
        assert!(cfg.validate().is_err());
        let err = g.explain_progress_with("a", d(11, 1), &cfg).unwrap_err();
        assert_eq!(err.code(), "invalid_config");
    }
    // equal margins and zero margins are fine
    let ok = RollupConfig {
        on_track_margin: 0.0,
        at_risk_margin: 0.0,
        stale_days: 0,
    };
    assert!(g.rollup_with(d(11, 1), &ok).is_ok());
    assert!(RollupConfig::default().validate().is_ok());
}

// ----- explain --------------------------------------------------------------------------

#[test]
fn explain_contributions_sum_to_progress() {
    let mut g = base();
    obj(&mut g, "p");
    obj(&mut g, "a");
    obj(&mut g, "b");
    obj_with(&mut g, "dr", ObjectiveState::Draft, RollupMode::Both);
    obj(&mut g, "undef");
    kr_at(&mut g, "k1", "p", 30.0, 2.0);
    kr(&mut g, "kt", "p", threshold(Bound::AtOrAbove, 5.0, None));
    kr_at(&mut g, "ka", "a", 70.0, 1.0);
    kr_at(&mut g, "kb", "b", 125.0, 1.0);
    kr_at(&mut g, "kd", "dr", 100.0, 1.0);
    g.link("a", "p", 1.5).unwrap();
    g.link("b", "p", 0.5).unwrap();
    g.link("dr", "p", 1.0).unwrap();
    g.link("undef", "p", 1.0).unwrap();
    let e = g.explain_progress("p", d(11, 1)).unwrap();
    assert_eq!(e.kind, NodeKind::Objective);
    assert_eq!(e.rollup_mode, Some(RollupMode::Both));
    // counted: k1 (2 x 0.3), a (1.5 x 0.7), b (0.5 x 1.0): (0.6 + 1.05 + 0.5) / 4 = 0.5375
    assert_close(e.values.progress, 0.5375);
    let sum: f64 = e.contributions.iter().filter_map(|c| c.contribution).sum();
    assert_close(Some(sum), e.values.progress.unwrap());
    let share: f64 = e.contributions.iter().filter_map(|c| c.weight_share).sum();
    assert_close(Some(share), 1.0);
    let by = |id: &str| e.contributions.iter().find(|c| c.id == id).unwrap().clone();
    assert_eq!(e.contributions.len(), 6);
    assert!(by("k1").counted && by("a").counted && by("b").counted);
    assert_close(by("k1").contribution, 0.6 / 4.0);
    assert_close(by("a").weight_share, 1.5 / 4.0);
    assert!(!by("dr").counted);
    assert_eq!(by("dr").note.as_deref(), Some("left out: draft"));
    assert!(!by("kt").counted);
    assert!(by("kt").note.unwrap().starts_with("left out"));
    assert!(!by("undef").counted);
    assert!(by("undef").note.unwrap().contains("undefined"));
    // the explanation's figures are the rollup's
    assert_eq!(e.values, g.rollup(d(11, 1)).objective("p").unwrap());
    // mode notes
    g.set_clock(Some(okr_core::Revise::on(
        chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
    )));
    let mut o = g.objective("p").unwrap().clone();
    o.rollup = RollupMode::KeyResults;
    g.update_objective(o).unwrap();
    let e = g.explain_progress("p", d(11, 1)).unwrap();
    assert!(
        !e.contributions
            .iter()
            .find(|c| c.id == "a")
            .unwrap()
            .counted
    );
    assert_eq!(e.values.progress, Some(0.3));
    let sum: f64 = e.contributions.iter().filter_map(|c| c.contribution).sum();
    assert_close(Some(sum), 0.3);
}

#[test]
fn explain_key_result_and_unknown_id() {
    let g = single(50.0);
    let e = g.explain_progress("k", d(11, 1)).unwrap();
    assert_eq!(e.kind, NodeKind::KeyResult);
    assert_eq!(e.values.progress, Some(0.5));
    assert!(e.key_result.is_some());
    assert!(e.contributions.is_empty());
    let err = g.explain_progress("nope", d(11, 1)).unwrap_err();
    assert_eq!(err.code(), "unknown_id");
    assert_eq!(err.ids().collect::<Vec<_>>(), ["nope"]);
}

#[test]
fn rollup_lookup_api() {
    let g = single(50.0);
    let r = g.rollup(d(11, 1));
    assert_eq!(r.len(), 2);
    assert!(!r.is_empty());
    assert_eq!(r.get("a").unwrap().kind, NodeKind::Objective);
    assert_eq!(r.get("k").unwrap().kind, NodeKind::KeyResult);
    assert!(r.get("zz").is_none());
    assert!(r.objective("k").is_none());
    assert!(r.key_result("a").is_none());
    assert_eq!(r.nodes().count(), 2);
    assert!(OkrGraph::new().rollup(d(11, 1)).is_empty());
}
