//! `okr proposals` and `okr comments`: a document's proposals and comments, as text or JSON.

mod common;
use common::*;
use serde_json::{Value, json};

fn document() -> Value {
    json!({
        "version": 2,
        "owners": [
            {"id": "acme", "name": "Acme", "kind": "organisation"},
            {"id": "anna", "name": "Anna", "kind": "person", "parent": "acme"}
        ],
        "cycles": [{"id": "q4", "start": "2026-10-01", "end": "2026-12-31"}],
        "objectives": [{
            "id": "grow", "title": "Grow", "owner": "acme", "cycle": "q4",
            "key_results": [{"id": "deals", "title": "Deals", "owner": "anna",
                "measure": {"kind": "numeric", "start": 0, "target": 50},
                "check_ins": [{"at": "2026-10-20T09:00:00Z", "value": 10, "author": "anna"}]}]
        }],
        "proposals": [
            {"id": "p1", "by": "anna", "at": "2026-10-25", "note": "more deals",
             "key_result": "deals", "set": {"weight": 2}},
            {"id": "p2", "by": "anna", "at": "2026-10-26", "under": "grow",
             "new_key_result": {"id": "calls", "title": "Calls",
                "measure": {"kind": "numeric", "start": 0, "target": 9}},
             "decision": {"approved": false, "by": "acme", "at": "2026-10-27", "comment": "not now"}}
        ],
        "comments": [
            {"id": "c1", "by": "acme", "at": "2026-10-21", "key_result": "deals",
             "check_in": "2026-10-20T09:00:00Z", "text": "Good start"},
            {"id": "c2", "by": "anna", "at": "2026-10-22", "key_result": "deals",
             "check_in": "2026-10-20T09:00:00Z", "text": "Thanks", "reply_to": "c1"},
            {"id": "c3", "by": "acme", "at": "2026-10-23", "objective": "grow", "text": "Keep going"}
        ],
        "acknowledgements": [
            {"key_result": "deals", "check_in": "2026-10-20T09:00:00Z", "by": "acme", "at": "2026-10-21"}
        ]
    })
}

fn write(doc: &Value, name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("okr-cli-workflow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, doc.to_string()).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn proposals_pending_and_decided() {
    let path = write(&document(), "proposals.json");
    let o = okr(&["proposals", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "p1  pending  key_result_change  deals  by anna at 2026-10-25T00:00:00Z: more deals\n\
         p2  rejected  new_key_result  calls  by anna at 2026-10-26T00:00:00Z\n    \
         rejected by acme at 2026-10-27T00:00:00Z: not now\n"
    );
    let o = okr(&["proposals", &path, "--format", "json"]);
    let v: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["state"], "pending");
    assert_eq!(v[0]["set"], json!({"weight": 2.0}));
    assert_eq!(
        (&v[1]["state"], &v[1]["kind"], &v[1]["entity"]),
        (
            &json!("rejected"),
            &json!("new_key_result"),
            &json!("calls")
        )
    );
    assert_eq!(v[1]["decision"]["comment"], "not now");
}

#[test]
fn comments_all_or_about_one_id() {
    let path = write(&document(), "comments.json");
    let o = okr(&["comments", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(
        out.lines()
            .nth(1)
            .unwrap()
            .contains("on deals @ 2026-10-20T09:00:00Z  [c2, replying to c1]: Thanks"),
        "{out}"
    );
    let o = okr(&["comments", &path, "grow", "--format", "json"]);
    let v: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["text"], "Keep going");
    let o = okr(&["comments", &path, "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown objective \"nope\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_bad_proposal_is_a_document_error_with_its_path() {
    let mut doc = document();
    doc["proposals"][0]["by"] = json!("nobody");
    let path = write(&doc, "bad.json");
    let o = okr(&["proposals", &path]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("proposals[0]: unknown owner \"nobody\""),
        "{}",
        stderr(&o)
    );
}
