//! `okr log`: the audit trail of a document's revisions, newest first, as text or JSON,
//! filtered by id and by time.

mod common;
use common::*;
use serde_json::{Value, json};

#[test]
fn the_example_company_s_revisions_newest_first() {
    let o = okr(&["log", ACME, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let entries: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    for e in &entries {
        let keys: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
        for k in [
            "at", "by", "entity", "kind", "field", "from", "to", "reason",
        ] {
            assert!(keys.contains(&k), "{k} missing from {e}");
        }
    }
    let ats: Vec<&str> = entries.iter().map(|e| e["at"].as_str().unwrap()).collect();
    let mut sorted = ats.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(ats, sorted, "newest first");
    let target = entries
        .iter()
        .find(|e| e["field"] == "target")
        .expect("the revised target");
    assert_eq!(target["entity"], "fair-leads");
    assert_eq!(target["kind"], "key_result");
    assert_eq!(
        (target["from"].as_f64(), target["to"].as_f64()),
        (Some(200.0), Some(300.0))
    );
    assert_eq!(target["by"], "frida");
    assert_eq!(target["at"], "2026-11-03T00:00:00Z");
    let link = entries.iter().find(|e| e["kind"] == "link").unwrap();
    assert_eq!(link["entity"], "new-customers-q4 -> customer-base");
    assert_eq!(
        (&link["field"], &link["from"], &link["to"]),
        (&json!("weight"), &json!(1.0), &json!(2.0))
    );
}

#[test]
fn text_names_when_who_what_and_why() {
    let o = okr(&["log", ACME]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let line = out
        .lines()
        .find(|l| l.contains("target 200 -> 300"))
        .expect("the target change");
    assert!(line.starts_with("2026-11-03 frida"), "{line}");
    assert!(
        line.contains("(re-planned after the booth was confirmed"),
        "{line}"
    );
    assert!(out.contains("weight 1 -> 2"), "{out}");
}

#[test]
fn filtered_by_id_and_since() {
    let json_of = |args: &[&str]| -> Vec<Value> {
        let o = okr(args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        serde_json::from_str(&stdout(&o)).unwrap()
    };
    // an objective's log holds its links
    let e = json_of(&["log", ACME, "customer-base", "--format", "json"]);
    assert_eq!(
        e.len(),
        2,
        "the re-weighted link and the link of the copy carried from Q3"
    );
    assert!(e.iter().all(|x| x["kind"] == "link"));
    let e = json_of(&["log", ACME, "fair-leads", "--format", "json"]);
    assert!(e.iter().all(|x| x["entity"] == "fair-leads") && e.len() == 2);
    let e = json_of(&["log", ACME, "--since", "2026-11-01", "--format", "json"]);
    assert!(e.iter().all(|x| x["at"].as_str().unwrap() >= "2026-11-01"));
    assert_eq!(e.len(), 3);
    let e = json_of(&["log", ACME, "--since", "2026-11-04", "--format", "json"]);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0]["field"], "override");
    assert_eq!(e[0]["to"], json!({"attainment": 0.4}));
    let e = json_of(&["log", ACME, "--since", "2026-12-01", "--format", "json"]);
    assert!(e.is_empty());
    let o = okr(&["log", ACME, "--since", "2026-12-01"]);
    assert_eq!(stdout(&o), "no revisions\n");
}

#[test]
fn an_unknown_id_or_a_bad_date_is_an_error() {
    let o = okr(&["log", ACME, "ghost"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("ghost"), "{}", stderr(&o));
    let o = okr(&["log", ACME, "--since", "yesterday"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("yesterday"), "{}", stderr(&o));
}
