//! Unit tests of the semantics of revisions, as the module docs of `src/revise.rs` state them:
//! times and the clock, the time order, failed revisions, removed ids, links over time,
//! measures over time, owners and cycles kept by the history (the audit trail, `at()` and
//! the computations at a past time: `revisions_read.rs`).

mod common;
mod revision_fixture;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use common::{d, done, t, val};
use okr_core::{
    Bound, GraphAt, KeyResult, KeyResultPatch, LogFilter, Measure, Objective, ObjectivePatch,
    Owner, Revise,
};
use revision_fixture::{code, graph, on, progress, state, title};
use serde_json::json;

// ----- times and the clock ----------------------------------------------------------------

#[test]
fn revise_on_a_date_is_midnight_utc() {
    assert_eq!(
        on(11, 3).at,
        Utc.with_ymd_and_hms(2026, 11, 3, 0, 0, 0).unwrap()
    );
}

#[test]
fn revise_parse_at_reads_dates_and_instants() {
    assert_eq!(Revise::parse_at("2026-11-03").unwrap(), on(11, 3).at);
    assert_eq!(Revise::parse_at(" 2026-11-03 ").unwrap(), on(11, 3).at);
    assert_eq!(
        Revise::parse_at("2026-11-03T10:30:00+02:00").unwrap(),
        t(11, 3, 8, 30)
    );
    for bad in [
        "",
        "yesterday",
        "2026-13-01",
        "2026-11-03T10:30:00",
        "10000-01-01",
        "0000-01-01T00:00:00+01:00",
    ] {
        match Revise::parse_at(bad) {
            Err(okr_core::OkrError::InvalidValue { field, .. }) => {
                assert_eq!(field, "at", "{bad:?}")
            }
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    assert_eq!(
        Revise::parse_at("9999-12-31T23:59:59.999999999Z").unwrap(),
        *okr_core::time::instant_range().end()
    );
}

#[test]
fn changes_after_creation_need_a_time_without_a_clock() {
    let mut g = graph();
    let before = state(&g);
    let mut o = g.objective("grow").unwrap().clone();
    o.title = "Grow more".into();
    assert_eq!(code(g.update_objective(o)), "missing_time");
    assert_eq!(code(g.patch_objective("grow", title("x"))), "missing_time");
    let mut k = g.key_result("rev").unwrap().clone();
    k.weight = 2.0;
    assert_eq!(code(g.update_key_result(k)), "missing_time");
    let w = KeyResultPatch {
        weight: Some(2.0),
        ..KeyResultPatch::default()
    };
    assert_eq!(code(g.patch_key_result("rev", w)), "missing_time");
    assert_eq!(code(g.remove_objective("sales")), "missing_time");
    assert_eq!(code(g.remove_key_result("rev")), "missing_time");
    assert_eq!(code(g.unlink("sales", "grow")), "missing_time");
    assert_eq!(
        code(g.set_link_weight("sales", "grow", 2.0)),
        "missing_time"
    );
    assert_eq!(state(&g), before);
    // the error names the entity
    match g.unlink("sales", "grow").unwrap_err() {
        okr_core::OkrError::MissingTime { id } => assert_eq!(id, "sales -> grow"),
        e => panic!("{e}"),
    }
}

#[test]
fn additions_without_a_clock_exist_from_the_beginning() {
    let mut g = graph();
    g.revise_objective("grow", title("Grow faster"), on(11, 1))
        .unwrap();
    // after a revision, still from the beginning: no revision, there at any earlier time
    g.add_objective(Objective::new("late", "Late", "acme", "q4"))
        .unwrap();
    g.add_key_result(KeyResult::new("lk", "L", "late", Measure::Boolean))
        .unwrap();
    g.link("late", "grow", 2.0).unwrap();
    assert_eq!(g.revision_count(), 1);
    let past = g.at(d(9, 1));
    assert!(matches!(past, GraphAt::Past(_)));
    assert!(past.objective("late").is_some());
    assert!(past.key_result("lk").is_some());
    assert_eq!(past.parents_of("late"), vec![("grow", 2.0)]);
    assert_eq!(past.objective("grow").unwrap().title, "Grow");
}

#[test]
fn with_a_clock_additions_exist_from_its_time() {
    let mut g = graph();
    g.set_clock(Some(on(11, 1).by("anna")));
    g.add_objective(Objective::new("late", "Late", "acme", "q4"))
        .unwrap();
    g.add_key_result(KeyResult::new("lk", "L", "late", Measure::Boolean))
        .unwrap();
    g.link("late", "grow", 2.0).unwrap();
    assert_eq!(g.revision_count(), 3);
    let t1 = on(11, 1).at;
    let before = g.at(t1 - Duration::nanoseconds(1));
    assert!(before.objective("late").is_none());
    assert!(before.key_result("lk").is_none());
    assert_eq!(before.parents_of("sales"), vec![("grow", 1.0)]);
    assert!(before.children_of("grow").iter().all(|(c, _)| *c != "late"));
    // at exactly the revision's time it is in force
    let at = g.at(t1);
    assert!(matches!(at, GraphAt::Latest(_)));
    assert!(at.objective("late").is_some());
    assert!(g.rollup(t1).get("lk").is_some());
    assert!(g.rollup(t1 - Duration::seconds(1)).get("lk").is_none());
    // the log says who
    assert!(
        g.log(&LogFilter::default())
            .unwrap()
            .iter()
            .all(|e| e.by.as_deref() == Some("anna") && e.at == t1)
    );
}

// ----- the time order ---------------------------------------------------------------------

#[test]
fn a_revision_before_the_latest_is_refused() {
    let mut g = graph();
    g.revise_objective("grow", title("A"), on(11, 2)).unwrap();
    let before = state(&g);
    assert_eq!(
        code(g.revise_objective("grow", title("B"), on(11, 1))),
        "invalid_revision"
    );
    assert_eq!(
        code(g.revise_key_result(
            "rev",
            KeyResultPatch {
                weight: Some(3.0),
                ..KeyResultPatch::default()
            },
            on(10, 1)
        )),
        "invalid_revision"
    );
    assert_eq!(
        code(g.add_objective_at(Objective::new("x", "X", "acme", "q4"), on(11, 1))),
        "invalid_revision"
    );
    assert_eq!(
        code(g.unlink_at("sales", "grow", on(11, 1))),
        "invalid_revision"
    );
    assert_eq!(
        code(g.set_link_weight_at("sales", "grow", 3.0, on(11, 1))),
        "invalid_revision"
    );
    assert_eq!(
        code(g.remove_key_result_at("rev", on(11, 1))),
        "invalid_revision"
    );
    assert_eq!(
        code(g.remove_objective_at("sales", on(11, 1))),
        "invalid_revision"
    );
    // through a clock too, additions included
    g.set_clock(Some(on(11, 1)));
    assert_eq!(
        code(g.add_objective(Objective::new("x", "X", "acme", "q4"))),
        "invalid_revision"
    );
    assert_eq!(code(g.link("grow", "sales", 1.0)), "invalid_revision");
    assert_eq!(state(&g), before);
    // a nanosecond before: refused; the same time: fine
    g.set_clock(None);
    let t2 = on(11, 2).at;
    assert_eq!(
        code(g.revise_objective(
            "grow",
            title("B"),
            Revise::at(t2 - Duration::nanoseconds(1))
        )),
        "invalid_revision"
    );
    g.revise_objective("grow", title("B"), Revise::at(t2))
        .unwrap();
}

#[test]
fn times_outside_years_0000_to_9999_are_refused() {
    let ymd = |y, m, d| Revise::on(NaiveDate::from_ymd_opt(y, m, d).unwrap());
    for bad in [ymd(10000, 1, 1), ymd(-1, 12, 31)] {
        let mut g = graph();
        let before = state(&g);
        assert_eq!(
            code(g.revise_objective("grow", title("X"), bad.clone())),
            "invalid_revision",
            "{bad:?}"
        );
        assert_eq!(
            code(g.add_objective_at(Objective::new("x", "X", "acme", "q4"), bad.clone())),
            "invalid_revision"
        );
        g.set_clock(Some(bad.clone()));
        assert_eq!(code(g.unlink("sales", "grow")), "invalid_revision");
        g.set_clock(None);
        assert_eq!(state(&g), before);
    }
    // the ends of the range are fine
    let mut g = graph();
    g.revise_objective("grow", title("Y0"), ymd(0, 1, 1))
        .unwrap();
    let last = Revise::at(
        NaiveDate::from_ymd_opt(9999, 12, 31)
            .unwrap()
            .and_hms_nano_opt(23, 59, 59, 999_999_999)
            .unwrap()
            .and_utc(),
    );
    g.revise_objective("grow", title("Y9999"), last).unwrap();
    assert_eq!(g.revision_count(), 2);
}

#[test]
fn equal_times_keep_their_recording_order() {
    let mut g = graph();
    let t1 = on(11, 1);
    g.revise_objective("grow", title("B"), t1.clone()).unwrap();
    g.revise_objective("grow", title("C"), t1.clone()).unwrap();
    g.unlink_at("sales", "grow", t1.clone()).unwrap();
    g.link_at("sales", "grow", 3.0, t1.clone()).unwrap();
    assert_eq!(g.at(t1.at).objective("grow").unwrap().title, "C");
    assert_eq!(g.at(t1.at).parents_of("sales"), vec![("grow", 3.0)]);
    let before = g.at(t1.at - Duration::nanoseconds(1));
    assert_eq!(before.objective("grow").unwrap().title, "Grow");
    assert_eq!(before.parents_of("sales"), vec![("grow", 1.0)]);
    // the log: the one recorded last first
    let log = g.log(&LogFilter::default()).unwrap();
    let seen: Vec<(&str, serde_json::Value)> = log
        .iter()
        .map(|e| (e.field.as_str(), e.to.clone()))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("weight", json!(3.0)),
            ("weight", serde_json::Value::Null),
            ("title", json!("C")),
            ("title", json!("B")),
        ]
    );
}

#[test]
fn a_failed_revision_records_nothing() {
    let mut g = graph();
    g.revise_objective("grow", title("A"), on(11, 1)).unwrap();
    let before = state(&g);
    let t2 = on(11, 5);
    // unknown owner / cycle
    let p = ObjectivePatch {
        owner: Some("nobody".into()),
        title: Some("changed".into()),
        ..ObjectivePatch::default()
    };
    assert_eq!(
        code(g.revise_objective("grow", p, t2.clone())),
        "unknown_id"
    );
    let p = ObjectivePatch {
        cycle: Some("q9".into()),
        ..ObjectivePatch::default()
    };
    assert_eq!(
        code(g.revise_objective("grow", p, t2.clone())),
        "unknown_id"
    );
    // a bad weight, a bad measure, a check-in after the time that does not fit
    let kp = |f: fn(&mut KeyResultPatch)| {
        let mut p = KeyResultPatch {
            title: Some("changed".into()),
            ..KeyResultPatch::default()
        };
        f(&mut p);
        p
    };
    assert_eq!(
        code(g.revise_key_result("rev", kp(|p| p.weight = Some(-1.0)), t2.clone())),
        "invalid_weight"
    );
    assert_eq!(
        code(g.revise_key_result(
            "rev",
            kp(|p| p.measure = Some(Measure::numeric(5.0, 5.0))),
            t2.clone()
        )),
        "invalid_measure"
    );
    g.check_in("rev", val(t(11, 20, 0, 0), 50.0)).unwrap();
    let before = (state(&g), before.1);
    assert_eq!(
        code(g.revise_key_result(
            "rev",
            kp(|p| p.measure = Some(Measure::Boolean)),
            t2.clone()
        )),
        "invalid_check_in"
    );
    assert_eq!(
        code(g.revise_key_result(
            "rev",
            kp(|p| p.objective = Some("nowhere".into())),
            t2.clone()
        )),
        "unknown_id"
    );
    // unknown entities, links
    assert_eq!(
        code(g.revise_objective("nope", title("x"), t2.clone())),
        "unknown_id"
    );
    assert_eq!(code(g.unlink_at("grow", "sales", t2.clone())), "not_linked");
    assert_eq!(
        code(g.set_link_weight_at("sales", "grow", f64::NAN, t2.clone())),
        "invalid_weight"
    );
    assert_eq!(code(g.link_at("grow", "sales", 1.0, t2.clone())), "cycle");
    assert_eq!(
        code(g.link_at("sales", "grow", 1.0, t2.clone())),
        "already_linked"
    );
    assert_eq!(
        code(g.remove_objective_at("nope", t2.clone())),
        "unknown_id"
    );
    assert_eq!(state(&g), before.0);
    assert_eq!(g.revision_count(), before.1);
    assert_eq!(g.latest_revision(), Some(on(11, 1).at));
    // and an earlier time is still allowed after all of them
    g.revise_objective("grow", title("B"), on(11, 2)).unwrap();
}

#[test]
fn a_patch_that_changes_nothing_records_nothing() {
    let mut g = graph();
    g.revise_objective("grow", title("Grow"), on(11, 1))
        .unwrap();
    g.set_link_weight_at("sales", "grow", 1.0, on(11, 1))
        .unwrap();
    g.revise_key_result(
        "rev",
        KeyResultPatch {
            weight: Some(1.0),
            ..KeyResultPatch::default()
        },
        on(11, 1),
    )
    .unwrap();
    assert_eq!(g.revision_count(), 0);
    assert_eq!(g.latest_revision(), None);
}

// ----- removed ids --------------------------------------------------------------------------

#[test]
fn a_removed_objective_keeps_its_history_and_its_ids() {
    let mut g = graph();
    g.add_objective(Objective::new("sub", "Sub", "acme", "q4"))
        .unwrap();
    g.link("sub", "sales", 2.0).unwrap();
    g.check_in("rev", val(t(11, 10, 0, 0), 60.0)).unwrap();
    let removed = g.remove_objective_at("sales", on(11, 1)).unwrap();
    assert_eq!(removed.id, "sales");
    assert!(g.objective("sales").is_none() && g.key_result("rev").is_none());
    assert!(g.parents_of("sub").is_empty());
    // ids never used again, as an objective or as a key result
    for id in ["sales", "rev"] {
        let e = g
            .add_objective(Objective::new(id, "Again", "acme", "q4"))
            .unwrap_err();
        assert_eq!(e.code(), "duplicate_id", "{id}");
        let e = g
            .add_key_result(KeyResult::new(id, "Again", "grow", Measure::Boolean))
            .unwrap_err();
        assert_eq!(e.code(), "duplicate_id", "{id}");
        g.set_clock(Some(on(12, 1)));
        assert_eq!(
            code(g.add_objective(Objective::new(id, "Again", "acme", "q4"))),
            "duplicate_id"
        );
        g.set_clock(None);
    }
    // there before, with its key results, check-ins and links
    let past = g.at(d(10, 31));
    assert_eq!(past.objective("sales").unwrap().title, "Sell more");
    assert_eq!(past.key_results_of("sales").len(), 1);
    assert_eq!(past.check_ins("rev").len(), 2);
    assert_eq!(past.parents_of("sales"), vec![("grow", 1.0)]);
    assert_eq!(past.children_of("sales"), vec![("sub", 2.0)]);
    assert_eq!(progress(&g, d(10, 31), "sales"), Some(0.4));
    assert_eq!(progress(&g, d(10, 31), "grow"), Some(0.4));
    assert!(g.rollup(d(11, 1)).get("sales").is_none());
    assert_eq!(progress(&g, d(11, 1), "grow"), None);
}

#[test]
fn a_removed_key_result_keeps_its_history_and_its_id() {
    let mut g = graph();
    g.remove_key_result_at("rev", on(11, 1)).unwrap();
    assert_eq!(
        code(g.add_key_result(KeyResult::new("rev", "Again", "grow", Measure::Boolean))),
        "duplicate_id"
    );
    assert_eq!(
        code(g.add_objective(Objective::new("rev", "Again", "acme", "q4"))),
        "duplicate_id"
    );
    assert_eq!(g.at(d(10, 31)).check_ins("rev").len(), 1);
    assert_eq!(progress(&g, d(10, 31), "sales"), Some(0.4));
    assert_eq!(progress(&g, d(11, 1), "sales"), None);
    // a removed key result takes no check-ins
    assert_eq!(
        code(g.check_in("rev", val(t(10, 20, 0, 0), 1.0))),
        "unknown_id"
    );
}

// ----- links over time ----------------------------------------------------------------------

#[test]
fn a_link_removed_in_october_and_its_reverse_added_in_november() {
    let mut g = graph();
    g.unlink_at("sales", "grow", on(10, 15)).unwrap();
    g.link_at("grow", "sales", 2.0, on(11, 1)).unwrap();
    assert_eq!(g.at(d(10, 14)).parents_of("sales"), vec![("grow", 1.0)]);
    assert!(g.at(d(10, 14)).parents_of("grow").is_empty());
    assert!(g.at(d(10, 20)).parents_of("sales").is_empty());
    assert!(g.at(d(10, 20)).parents_of("grow").is_empty());
    assert_eq!(g.at(d(11, 1)).parents_of("grow"), vec![("sales", 2.0)]);
    assert!(g.at(d(11, 1)).parents_of("sales").is_empty());
    // the rollup follows: grow's progress comes from sales until Oct 15
    assert_eq!(progress(&g, d(10, 14), "grow"), Some(0.4));
    assert_eq!(progress(&g, d(10, 20), "grow"), None);
}

#[test]
fn a_link_from_the_beginning_must_keep_every_earlier_state_acyclic() {
    let mut g = graph();
    g.unlink_at("sales", "grow", on(10, 15)).unwrap();
    let before = state(&g);
    // now there is no link, but before Oct 15 sales -> grow: grow -> sales closes a cycle
    let e = g.link("grow", "sales", 1.0).unwrap_err();
    assert_eq!(e.code(), "cycle");
    assert_eq!(state(&g), before);
    // at a time after the unlink it is fine
    g.link_at("grow", "sales", 1.0, on(10, 15)).unwrap();
}

/// Fixed in `store/history.rs` (`check_link_in_past`): a link removed by a revision and added
/// again from the beginning was there twice at the times before the removal (undoing the
/// removal added a second edge), and the rollup counted the child twice.
#[test]
fn a_link_from_the_beginning_that_an_earlier_state_has_already_is_refused() {
    let mut g = graph();
    g.add_objective(Objective::new("ops", "Ops", "acme", "q4"))
        .unwrap();
    g.link("ops", "grow", 1.0).unwrap();
    g.add_key_result(KeyResult::new("ok", "Done", "ops", Measure::Boolean))
        .unwrap();
    g.check_in("ok", done(t(10, 1, 0, 0), true)).unwrap();
    g.unlink_at("sales", "grow", on(10, 15)).unwrap();
    let before = state(&g);
    assert_eq!(code(g.link("sales", "grow", 3.0)), "already_linked");
    assert_eq!(state(&g), before);
    assert_eq!(g.at(d(10, 1)).parents_of("sales"), vec![("grow", 1.0)]);
    // grow: sales (0.4) and ops (1), once each
    assert_eq!(progress(&g, d(10, 14), "grow"), Some(0.7));
    // at a time, it is a new link from then on
    g.link_at("sales", "grow", 3.0, on(11, 1)).unwrap();
    assert_eq!(g.at(d(10, 1)).parents_of("sales"), vec![("grow", 1.0)]);
    assert!(g.at(d(10, 20)).parents_of("sales").is_empty());
    assert_eq!(g.at(d(11, 1)).parents_of("sales"), vec![("grow", 3.0)]);
}

#[test]
fn link_weights_over_time() {
    let mut g = graph();
    g.set_link_weight_at("sales", "grow", 0.0, on(11, 1))
        .unwrap();
    assert_eq!(g.at(d(10, 31)).parents_of("sales"), vec![("grow", 1.0)]);
    assert_eq!(g.at(d(11, 1)).parents_of("sales"), vec![("grow", 0.0)]);
    assert_eq!(progress(&g, d(10, 31), "grow"), Some(0.4));
    assert_eq!(progress(&g, d(11, 1), "grow"), None);
}

// ----- measures over time -------------------------------------------------------------------

#[test]
fn a_change_of_measure_kind_and_the_check_ins_around_it() {
    let mut g = graph();
    let to_boolean = || KeyResultPatch {
        measure: Some(Measure::Boolean),
        ..KeyResultPatch::default()
    };
    // a value check-in at the time of the change does not fit a boolean
    g.check_in("rev", val(t(11, 1, 0, 0), 70.0)).unwrap();
    let before = state(&g);
    assert_eq!(
        code(g.revise_key_result("rev", to_boolean(), on(11, 1))),
        "invalid_check_in"
    );
    assert_eq!(state(&g), before);
    // a nanosecond later it is a check-in before the change: fine
    let t1 = Revise::at(on(11, 1).at + Duration::nanoseconds(1));
    g.revise_key_result("rev", to_boolean(), t1.clone())
        .unwrap();
    // after the change, check-ins must fit the new measure...
    assert_eq!(
        code(g.check_in("rev", val(t(11, 5, 0, 0), 80.0))),
        "invalid_check_in"
    );
    assert_eq!(
        code(g.check_in("rev", val(t1.at, 80.0))),
        "invalid_check_in"
    );
    g.check_in("rev", done(t(11, 5, 0, 0), false)).unwrap();
    // ...and one dated before it, the measure in force at its time
    assert_eq!(
        code(g.check_in("rev", done(t(10, 20, 0, 0), true))),
        "invalid_check_in"
    );
    g.check_in("rev", val(t(10, 20, 0, 0), 90.0)).unwrap();
    // before the change: the numeric measure and the values
    assert_eq!(progress(&g, d(10, 25), "rev"), Some(0.9));
    assert_eq!(progress(&g, t(11, 1, 0, 0), "rev"), Some(0.7));
    // from the change on, the values before it carry nothing: the start of the new measure
    assert_eq!(progress(&g, t1.at, "rev"), Some(0.0));
    assert_eq!(progress(&g, d(11, 4), "rev"), Some(0.0));
    g.check_in("rev", done(t(11, 10, 0, 0), true)).unwrap();
    assert_eq!(progress(&g, d(11, 10), "rev"), Some(1.0));
    // the past state has the old measure
    assert_eq!(
        g.at(d(10, 31)).key_result("rev").unwrap().measure,
        Measure::numeric(0.0, 100.0)
    );
}

#[test]
fn a_same_kind_measure_change_reads_earlier_values_with_the_new_measure() {
    let mut g = graph();
    g.revise_key_result(
        "rev",
        KeyResultPatch {
            measure: Some(Measure::numeric(0.0, 200.0)),
            ..KeyResultPatch::default()
        },
        on(11, 1),
    )
    .unwrap();
    assert_eq!(progress(&g, d(10, 31), "rev"), Some(0.4));
    assert_eq!(progress(&g, d(11, 1), "rev"), Some(0.2));
}

/// The docs: at T the latest check-in is read against the measure in force at T; one of the
/// same kind counts. A numeric key result changed to a threshold: the value checked in before
/// the change is read against the threshold.
#[test]
fn a_value_before_a_numeric_to_threshold_change_is_read_against_the_threshold() {
    let mut g = graph();
    let m = Measure::Threshold {
        bound: Bound::AtOrAbove,
        value: 30.0,
        unit: String::new(),
        start: Some(0.0),
    };
    g.revise_key_result(
        "rev",
        KeyResultPatch {
            measure: Some(m),
            ..KeyResultPatch::default()
        },
        on(11, 1),
    )
    .unwrap();
    // a value of the same kind is read against the measure in force: 40 >= 30, met
    assert_eq!(progress(&g, d(11, 2), "rev"), Some(1.0));
}

/// The same for a change back to an earlier kind: boolean -> milestones -> boolean. The
/// "done" from before the first change counts again after the second.
#[test]
fn a_check_in_of_another_kind_reads_as_no_value_and_counts_again_after_a_change_back() {
    let mut g = graph();
    g.add_key_result(KeyResult::new("ship", "Ship", "grow", Measure::Boolean))
        .unwrap();
    g.check_in("ship", done(t(10, 5, 0, 0), true)).unwrap();
    let patch = |m: Measure| KeyResultPatch {
        measure: Some(m),
        ..KeyResultPatch::default()
    };
    g.revise_key_result("ship", patch(common::milestones(&[("a", 1.0)])), on(10, 10))
        .unwrap();
    g.revise_key_result("ship", patch(Measure::Boolean), on(10, 20))
        .unwrap();
    assert_eq!(progress(&g, d(10, 9), "ship"), Some(1.0));
    // "done" read against milestones: no value, no milestone done
    assert_eq!(progress(&g, d(10, 15), "ship"), Some(0.0));
    // boolean again: the latest check-in, "done", is read against it
    assert_eq!(progress(&g, d(10, 25), "ship"), Some(1.0));
}

// ----- owners and cycles kept by the history ------------------------------------------------

#[test]
fn owners_and_cycles_the_history_refers_to_stay() {
    let mut g = graph();
    g.revise_objective(
        "grow",
        ObjectivePatch {
            owner: Some("two".into()),
            ..ObjectivePatch::default()
        },
        on(10, 5),
    )
    .unwrap();
    g.revise_objective(
        "grow",
        ObjectivePatch {
            owner: Some("acme".into()),
            cycle: Some("q1".into()),
            ..ObjectivePatch::default()
        },
        on(10, 6),
    )
    .unwrap();
    g.revise_objective(
        "grow",
        ObjectivePatch {
            cycle: Some("q4".into()),
            ..ObjectivePatch::default()
        },
        on(10, 7),
    )
    .unwrap();
    // nothing refers to `two` or `q1` now, only the history
    let before = state(&g);
    assert_eq!(code(g.remove_owner("two")), "in_use");
    assert_eq!(code(g.remove_cycle("q1")), "in_use");
    assert_eq!(state(&g), before);
    assert_eq!(g.at(d(10, 5)).objective("grow").unwrap().owner, "two");
    assert_eq!(g.at(d(10, 6)).objective("grow").unwrap().cycle, "q1");

    // a key result's own owner, and a removed objective's
    let mut g = graph();
    g.add_owner(Owner::new("three", "Three", "team")).unwrap();
    g.revise_key_result(
        "rev",
        KeyResultPatch {
            owner: Some(Some("two".into())),
            ..KeyResultPatch::default()
        },
        on(10, 5),
    )
    .unwrap();
    g.revise_key_result(
        "rev",
        KeyResultPatch {
            owner: Some(None),
            ..KeyResultPatch::default()
        },
        on(10, 6),
    )
    .unwrap();
    assert_eq!(code(g.remove_owner("two")), "in_use");
    g.add_objective(Objective::new("gone", "Gone", "three", "q1"))
        .unwrap();
    g.remove_objective_at("gone", on(10, 7)).unwrap();
    assert_eq!(code(g.remove_owner("three")), "in_use");
    assert_eq!(code(g.remove_cycle("q1")), "in_use");
}
