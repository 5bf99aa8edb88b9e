//! End-to-end tests of the `okr` command on the bundled example.

mod common;
use common::*;

#[test]
fn report_text_snapshot() {
    let o = okr(&["report", ACME, "--as-of", "2026-11-15"]);
    assert!(o.status.success(), "{o:?}");
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn report_json_lists_every_node() {
    let o = okr(&["report", ACME, "--as-of", "2026-11-15", "--format", "json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let nodes = v["nodes"].as_array().unwrap();
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(ACME)).unwrap()).unwrap();
    let objectives = doc["objectives"].as_array().unwrap();
    let krs: usize = objectives
        .iter()
        .map(|o| o["key_results"].as_array().map_or(0, |k| k.len()))
        .sum();
    assert_eq!(nodes.len(), objectives.len() + krs);
    for n in nodes {
        for field in ["id", "kind", "progress", "attainment", "expected", "status"] {
            assert!(n.get(field).is_some(), "{field} missing in {n}");
        }
    }
    let find = |id: &str| nodes.iter().find(|n| n["id"] == id).unwrap().clone();
    // (3180000 - 2000000) / 1600000
    assert_eq!(find("annual-revenue")["attainment"], 0.7375);
    // decreasing key result: (3.1 - 4) / (2 - 4) = 0.45, its initiatives weighed in with 0.25
    let defect = find("defect-rate");
    let share = defect["initiatives"]["share"].as_f64().unwrap();
    assert_eq!(defect["initiatives"]["weight"], 0.25);
    assert_eq!(defect["initiatives"]["count"], 2);
    let blended = (0.45 + 0.25 * share) / 1.25;
    assert!((defect["progress"].as_f64().unwrap() - blended).abs() < 1e-12);
    assert_eq!(
        find("production-quality")["progress"],
        serde_json::Value::Null
    );
    assert_eq!(
        find("new-customers-q4")["parents"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn explain_progress_snapshot() {
    let o = okr(&[
        "explain-progress",
        ACME,
        "new-customers-q4",
        "--as-of",
        "2026-11-15",
    ]);
    assert!(o.status.success(), "{o:?}");
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn explain_unknown_id_fails_clearly() {
    let o = okr(&["explain-progress", ACME, "nope", "--as-of", "2026-11-15"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unknown objective \"nope\""), "{err}");
}

#[test]
fn check_clean_example() {
    let o = okr(&["check", ACME]);
    assert!(o.status.success(), "{o:?}");
    assert!(stdout(&o).contains("no problems found"));
}

#[test]
fn check_reports_every_problem_and_exits_1() {
    let dir = std::env::temp_dir().join(format!("okr-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(root().join(ACME))
        .unwrap()
        .replace(
            r#""parents": [{"id": "leading-provider", "weight": 2}],
      "key_results": [
        {"id": "customers""#,
            r#""parents": [{"id": "new-customers-q4", "weight": 2}],
      "key_results": [
        {"id": "customers""#,
        )
        .replace(r#""weight": 3}]"#, r#""weight": -3}]"#);
    let file = dir.join("broken.okr.json");
    std::fs::write(&file, text).unwrap();
    let o = okr(&["check", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let problems: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = problems
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"cycle"), "{problems}");
    assert!(codes.contains(&"invalid_weight"), "{problems}");
    let cycle = problems
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "cycle")
        .unwrap();
    assert!(cycle["path"].as_str().unwrap().starts_with("objectives["));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_document_names_the_path() {
    let dir = std::env::temp_dir().join(format!("okr-cli-test-path-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(root().join(ACME))
        .unwrap()
        .replace(r#""target": 640"#, r#""taget": 640"#);
    let file = dir.join("typo.okr.json");
    std::fs::write(&file, text).unwrap();
    let o = okr(&["report", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("objectives[1].key_results[1].measure"),
        "{err}"
    );
    assert!(err.contains("taget"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn committed_schema_is_current() {
    let o = okr(&["schema"]);
    assert!(o.status.success());
    let committed = std::fs::read_to_string(root().join("schema/okr-document.schema.json"))
        .expect("schema/okr-document.schema.json is committed");
    assert!(
        committed == stdout(&o),
        "schema/okr-document.schema.json is stale: regenerate it with `cargo run -p okr-cli -- schema > schema/okr-document.schema.json`"
    );
}

#[test]
fn as_of_takes_a_date_or_a_zoned_time_and_refuses_a_naive_time() {
    let date = okr(&["report", ACME, "--as-of", "2026-11-15", "--format", "json"]);
    let end_of_day = okr(&[
        "report",
        ACME,
        "--as-of",
        "2026-11-16T00:59:59.999999999+01:00",
        "--format",
        "json",
    ]);
    assert!(date.status.success() && end_of_day.status.success());
    assert_eq!(stdout(&date), stdout(&end_of_day));
    let o = okr(&["report", ACME, "--as-of", "2026-11-15T12:00:00"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("has no time zone"), "{err}");
    assert!(
        err.contains("pass a date (YYYY-MM-DD) or a time with a zone"),
        "{err}"
    );
}
