//! Aggregate key results and the status rule `worst` through the command, on the example
//! company: `nordic-clinics` is the sum of three sales teams' clinics; `sales-growth`'s status
//! is the worst of its inputs.

mod common;

use common::*;

#[test]
fn explain_lists_what_each_key_result_gives_the_aggregate() {
    let o = okr(&[
        "explain-progress",
        ACME,
        "nordic-clinics",
        "--as-of",
        "2026-11-15",
    ]);
    assert!(o.status.success(), "{o:?}");
    insta::assert_snapshot!(stdout(&o));
    let o = okr(&[
        "explain-progress",
        ACME,
        "nordic-clinics",
        "--as-of",
        "2026-11-15",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{o:?}");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let inputs = v["key_result"]["inputs"].as_array().expect("inputs");
    let ids: Vec<&str> = inputs.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["north-clinics", "west-clinics", "east-clinics"]);
    let sum: f64 = inputs.iter().map(|i| i["counted"].as_f64().unwrap()).sum();
    assert_eq!(v["value"].as_f64(), Some(sum));
}

#[test]
fn the_report_shows_the_aggregate_and_the_worst_status() {
    let o = okr(&["report", ACME, "--as-of", "2026-11-15"]);
    assert!(o.status.success(), "{o:?}");
    let out = stdout(&o);
    assert!(
        out.contains("[nordic-clinics]  18 / 60 clinics (sum of 3 key results)"),
        "{out}"
    );
    assert!(
        out.contains("[west-clinics]  11 / 20 clinics  ↗ counts in [nordic-clinics]"),
        "{out}"
    );
    let line = out
        .lines()
        .find(|l| l.contains("[sales-growth]"))
        .expect("sales-growth");
    assert!(
        line.contains("off track") && line.contains("(status: the worst of its inputs)"),
        "{line}"
    );
    // a check-in on an aggregate is refused by the library: the document says so
    let doc = std::fs::read_to_string(root().join(ACME)).unwrap();
    let bad = doc.replacen(
        r#""measure": {"kind": "aggregate", "function": "sum", "start": 0, "target": 60, "unit": "clinics"}}"#,
        r#""measure": {"kind": "aggregate", "function": "sum", "start": 0, "target": 60, "unit": "clinics"}, "check_ins": [{"at": "2026-11-01", "value": 3}]}"#,
        1,
    );
    assert_ne!(bad, doc);
    let path = std::env::temp_dir().join(format!("okr-aggregate-{}.json", std::process::id()));
    std::fs::write(&path, bad).unwrap();
    let o = okr(&["report", path.to_str().unwrap(), "--as-of", "2026-11-15"]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let err = stderr(&o);
    assert!(
        err.contains("check_ins[0]") && err.contains("aggregate"),
        "{err}"
    );
}
