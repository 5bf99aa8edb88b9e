//! Version 2 documents: the history of revisions saved and loaded without loss; version 1
//! documents load unchanged and save as version 2; bad histories are typed errors with the
//! path of the revision, and change nothing.

use chrono::{NaiveDate, TimeZone, Utc};
use okr_core::document::{self, FORMAT_VERSION};
use okr_core::{
    CheckIn, CheckInValue, Cycle, KeyResult, KeyResultPatch, LogFilter, Measure, Objective,
    ObjectivePatch, ObjectiveState, OkrGraph, Owner, Revise,
};
use serde_json::{Value, json};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn on(m: u32, day: u32) -> Revise {
    Revise::on(d(m, day))
}

/// A company with every kind of revision: a target raised with an author and a reason, a
/// weight and a link re-weighted, a link removed and its reverse added, an objective created
/// mid-quarter with a key result, a key result moved, a key result removed with its
/// check-ins, a measure changed to another kind, an objective abandoned and another removed.
fn revised() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    g.add_owner(Owner::new("anna", "Anna", "person").with_parent("acme"))
        .unwrap();
    g.add_cycle(Cycle::new("q4", d(10, 1), d(12, 31))).unwrap();
    for (id, title) in [
        ("grow", "Grow"),
        ("sales", "Sell"),
        ("brand", "Be known"),
        ("old", "Old"),
    ] {
        g.add_objective(Objective::new(id, title, "acme", "q4"))
            .unwrap();
    }
    g.link("sales", "grow", 2.0).unwrap();
    g.link("brand", "grow", 1.0).unwrap();
    g.link("old", "sales", 1.0).unwrap();
    let kr = |id: &str, o: &str, m| KeyResult::new(id, format!("KR {id}"), o, m);
    g.add_key_result(kr("leads", "sales", Measure::numeric(0.0, 500.0)))
        .unwrap();
    g.add_key_result(kr("press", "brand", Measure::numeric(0.0, 10.0)))
        .unwrap();
    g.add_key_result(kr("site", "brand", Measure::numeric(0.0, 4.0)))
        .unwrap();
    g.add_key_result(kr("gone", "old", Measure::numeric(0.0, 1.0)))
        .unwrap();
    let at = |m, day| Utc.with_ymd_and_hms(2026, m, day, 9, 0, 0).unwrap();
    for (k, m, day, v) in [
        ("leads", 10, 15, 100.0),
        ("leads", 11, 20, 400.0),
        ("press", 10, 20, 3.0),
        ("site", 10, 10, 1.0),
        ("gone", 10, 5, 0.5),
    ] {
        g.check_in(k, CheckIn::value(at(m, day), v)).unwrap();
    }
    let target = |t: f64| KeyResultPatch {
        measure: Some(Measure::numeric(0.0, t)),
        ..Default::default()
    };
    g.revise_key_result(
        "leads",
        target(800.0),
        on(11, 3).by("anna").reason("re-planned after the fair"),
    )
    .unwrap();
    g.set_link_weight_at("sales", "grow", 3.0, on(11, 4))
        .unwrap();
    g.remove_key_result_at("gone", on(11, 5).by("anna"))
        .unwrap();
    g.unlink_at("old", "sales", on(11, 6)).unwrap();
    g.link_at("sales", "old", 1.0, on(11, 7)).unwrap();
    g.add_objective_at(
        Objective::new("events", "Run events", "anna", "q4"),
        on(11, 8).reason("new plan"),
    )
    .unwrap();
    g.add_key_result_at(kr("fairs", "events", Measure::numeric(0.0, 3.0)), on(11, 8))
        .unwrap();
    g.link_at("events", "grow", 1.0, on(11, 8)).unwrap();
    g.revise_key_result(
        "site",
        KeyResultPatch {
            objective: Some("events".into()),
            weight: Some(2.0),
            ..Default::default()
        },
        on(11, 9),
    )
    .unwrap();
    g.revise_key_result(
        "press",
        KeyResultPatch {
            measure: Some(Measure::Boolean),
            ..Default::default()
        },
        on(11, 10).reason("counting is pointless"),
    )
    .unwrap();
    let done = CheckIn {
        value: CheckInValue::Done(true),
        ..CheckIn::value(at(11, 25), 0.0)
    };
    g.check_in("press", done).unwrap();
    g.revise_objective(
        "brand",
        ObjectivePatch {
            state: Some(ObjectiveState::Abandoned),
            ..Default::default()
        },
        on(11, 12),
    )
    .unwrap();
    g.remove_objective_at("old", on(11, 13)).unwrap();
    g
}

fn rows(g: &OkrGraph, day: NaiveDate) -> Vec<String> {
    g.rollup(day)
        .nodes()
        .map(|n| format!("{} {:?}", n.id, n.values))
        .collect()
}

#[test]
fn a_history_saves_and_loads_without_loss() {
    let g = revised();
    let text = g.to_json();
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["version"], json!(FORMAT_VERSION));
    assert_eq!(doc["history"].as_array().unwrap().len(), g.revision_count());
    let back = document::load_str(&text).unwrap();
    assert_eq!(back.to_json(), text, "load, save, load: the same text");
    assert_eq!(
        back.log(&LogFilter::default()).unwrap(),
        g.log(&LogFilter::default()).unwrap()
    );
    for day in [d(10, 1), d(11, 3), d(11, 5), d(11, 8), d(11, 11), d(12, 31)] {
        assert_eq!(rows(&back, day), rows(&g, day), "rollup at {day}");
    }
    // the removed key result is there, with its check-in, before its removal
    let before = back.at(d(11, 4));
    assert_eq!(before.check_ins("gone").len(), 1);
    assert!(back.key_result("gone").is_none());
    // its id stays taken
    let mut again = back.clone();
    let e = again
        .add_key_result(KeyResult::new("gone", "x", "grow", Measure::Boolean))
        .unwrap_err();
    assert_eq!(e.code(), "duplicate_id");
}

#[test]
fn the_history_is_written_as_changes_in_time_order() {
    let text = revised().to_json();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let h = doc["history"].as_array().unwrap();
    assert_eq!(
        h[0],
        json!({"at": "2026-11-03T00:00:00Z", "by": "anna", "reason": "re-planned after the fair",
               "key_result": "leads", "set": {"measure": {"kind": "numeric", "start": 0.0, "target": 800.0}}})
    );
    assert_eq!(
        h[1],
        json!({"at": "2026-11-04T00:00:00Z", "link": {"child": "sales", "parent": "grow"}, "set": {"weight": 3.0}})
    );
    assert!(
        h.iter()
            .any(|r| r["objective"] == "events" && r["created"] == true)
    );
    assert!(
        h.iter()
            .any(|r| r["objective"] == "old" && r["removed"] == true)
    );
    // objectives as they were at the beginning: the old target, the old link weight
    let sales = &doc["objectives"][1];
    assert_eq!(sales["id"], "sales");
    assert_eq!(sales["parents"][0], json!({"id": "grow", "weight": 2.0}));
    assert_eq!(sales["key_results"][0]["measure"]["target"], json!(500.0));
    // created later: listed after the others, with the fields it was created with
    let events = doc["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "events")
        .unwrap();
    assert_eq!(events["key_results"][0]["id"], "fairs");
}

#[test]
fn version_1_loads_unchanged_and_saves_as_version_2() {
    // the example company without its history, as version 1
    let mut v1: Value = serde_json::from_str(include_str!("../../examples/acme.okr.json")).unwrap();
    for field in [
        "history",
        "proposals",
        "comments",
        "acknowledgements",
        "closed_cycles",
        "dependencies",
        "kpis",
        "initiatives",
        "groups",
    ] {
        v1.as_object_mut().unwrap().remove(field);
    }
    for o in v1["objectives"].as_array_mut().unwrap() {
        o.as_object_mut().unwrap().remove("visibility");
        o.as_object_mut().unwrap().remove("viewers");
    }
    // a key result taking its values from a KPI (version 2) measures on its own
    for o in v1["objectives"].as_array_mut().unwrap() {
        let krs = o.get_mut("key_results").and_then(Value::as_array_mut);
        for k in krs.into_iter().flatten() {
            k.as_object_mut().unwrap().remove("kpi");
            k.as_object_mut().unwrap().remove("initiatives_weight");
        }
    }
    v1["version"] = json!(1);
    let g = document::load_str(&v1.to_string()).unwrap();
    assert_eq!(g.revision_count(), 0);
    let saved: Value = serde_json::from_str(&g.to_json()).unwrap();
    assert_eq!(saved["version"], json!(2));
    assert!(saved.get("history").is_none(), "no history, none written");
    let mut parsed = document::parse_str(&v1.to_string()).unwrap();
    parsed.version = 2;
    assert_eq!(g.to_document(), parsed, "everything else as it was");
    let again = document::load_str(&saved.to_string()).unwrap();
    assert_eq!(again.to_json(), g.to_json());
}

/// Loads `doc`, expecting a `Document` error at exactly `path` (and `code`), the graph not
/// built.
fn fails_at(doc: &Value, path: &str) -> String {
    let e = document::load_str(&doc.to_string()).unwrap_err();
    match &e {
        okr_core::OkrError::Document { path: p, message } => {
            assert_eq!(p, path, "{message}");
            message.clone()
        }
        other => panic!("expected a document error at {path}, got {other:?}"),
    }
}

fn with_history(history: Value) -> Value {
    let mut doc: Value = serde_json::from_str(&revised().to_json()).unwrap();
    doc["history"] = history;
    doc
}

#[test]
fn bad_histories_are_errors_with_the_path_of_the_revision() {
    let r = |v: Value| with_history(json!([v]));
    // out of time order
    let doc = with_history(json!([
        {"at": "2026-11-05", "objective": "grow", "set": {"title": "A"}},
        {"at": "2026-11-04", "objective": "grow", "set": {"title": "B"}}
    ]));
    let m = fails_at(&doc, "history[1]");
    assert!(m.contains("before the latest change"), "{m}");
    // about an entity that does not exist (yet)
    let m = fails_at(
        &r(json!({"at": "2026-11-05", "objective": "ghost", "set": {"title": "A"}})),
        "history[0]",
    );
    assert!(m.contains("ghost"), "{m}");
    // two targets, two actions, nothing to do
    fails_at(
        &r(
            json!({"at": "2026-11-05", "objective": "grow", "key_result": "leads", "removed": true}),
        ),
        "history[0]",
    );
    fails_at(
        &r(
            json!({"at": "2026-11-05", "objective": "grow", "set": {"title": "A"}, "removed": true}),
        ),
        "history[0]",
    );
    fails_at(
        &r(json!({"at": "2026-11-05", "objective": "grow"})),
        "history[0]",
    );
    // a bad field in `set`
    fails_at(
        &r(json!({"at": "2026-11-05", "objective": "grow", "set": {"colour": "red"}})),
        "history[0].set",
    );
    fails_at(
        &r(json!({"at": "2026-11-05", "key_result": "leads", "set": {"weight": -1}})),
        "history[0]",
    );
    // a time okr cannot write; not a time at all
    fails_at(
        &r(json!({"at": "10000-01-01T00:00:00Z", "objective": "grow", "set": {"title": "A"}})),
        "history[0].at",
    );
    // an unknown field in a revision
    fails_at(
        &r(json!({"at": "2026-11-05", "objective": "grow", "set": {"title": "A"}, "when": 1})),
        "history[0].when",
    );
    // version 1 has no history
    let mut doc = r(json!({"at": "2026-11-05", "objective": "grow", "set": {"title": "A"}}));
    doc["version"] = json!(1);
    fails_at(&doc, "history");
}

#[test]
fn a_revision_before_its_entity_exists_is_refused() {
    let mut doc: Value = serde_json::from_str(&revised().to_json()).unwrap();
    // a change to `events` before the revision that creates it
    let h = doc["history"].as_array_mut().unwrap();
    h.insert(
        0,
        json!({"at": "2026-10-20", "objective": "events", "set": {"title": "Early"}}),
    );
    let m = fails_at(&doc, "history[0]");
    assert!(m.contains("events"), "{m}");
}

#[test]
fn check_ins_must_fit_the_measure_in_force_at_their_time() {
    let mut doc: Value = serde_json::from_str(&revised().to_json()).unwrap();
    // `press` became boolean on 2026-11-10: a value after that does not fit
    let brand = doc["objectives"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|o| o["id"] == "brand")
        .unwrap();
    let press = &mut brand["key_results"][0];
    assert_eq!(press["id"], "press");
    press["check_ins"]
        .as_array_mut()
        .unwrap()
        .push(json!({"at": "2026-11-20", "value": 4}));
    let path = "objectives[2].key_results[0].check_ins[2]";
    let m = fails_at(&doc, path);
    assert!(m.contains("press"), "{m}");
    // a removed key result's check-ins load whatever their date (one dated after its
    // removal was made while it existed; it counts at no time)
    let mut doc: Value = serde_json::from_str(&revised().to_json()).unwrap();
    let old = doc["objectives"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|o| o["id"] == "old")
        .unwrap();
    old["key_results"][0]["check_ins"]
        .as_array_mut()
        .unwrap()
        .push(json!({"at": "2026-11-20", "value": 1}));
    let g = document::load_str(&doc.to_string()).unwrap();
    assert_eq!(g.at(d(11, 4)).check_ins("gone").len(), 2);
}

#[test]
fn check_collects_every_problem_of_a_history() {
    let doc = with_history(json!([
        {"at": "2026-11-05", "objective": "ghost", "set": {"title": "A"}},
        {"at": "2026-11-06", "objective": "grow", "set": {"colour": "red"}},
        {"at": "2026-11-07", "objective": "grow", "set": {"title": "fine"}}
    ]));
    let problems = document::check_str(&doc.to_string());
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"history[0]"), "{paths:?}");
    assert!(paths.contains(&"history[1].set"), "{paths:?}");
}
