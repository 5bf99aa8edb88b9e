//! Link kinds and dependencies on the command line: `okr dependencies`, and what `okr report`,
//! `okr explain-progress`, `okr graph` and `okr log` say about supporting links and blocked
//! nodes (the example company has one of each: dental-fair supports northern-clinics, and
//! sales-headcount blocks north-clinics).

mod common;
use common::*;
use serde_json::Value;

fn temp(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("okr-cli-deps-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn dependencies_lists_each_with_whether_it_blocks() {
    let o = okr(&["dependencies", ACME, "--as-of", "2026-11-15"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "sales-headcount blocks north-clinics (start by 2026-10-15): BLOCKING (off track) — \
         the northern clinics need the new account managers on the road\n\
         1 dependencies, 1 blocking.\n"
    );
    // before the sales team's year began (not started, before its start_by day) nothing blocks
    let o = okr(&[
        "dependencies",
        ACME,
        "--as-of",
        "2025-12-31",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let list: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["blocker"], "sales-headcount");
    assert_eq!(list[0]["blocked"], "north-clinics");
    assert_eq!(list[0]["start_by"], "2026-10-15");
    assert_eq!(list[0]["blocks_now"], false);
    assert!(list[0].get("reason").is_none());
    let o = okr(&[
        "dependencies",
        ACME,
        "--as-of",
        "2026-11-15",
        "--format",
        "json",
    ]);
    let list: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(list[0]["blocks_now"], true);
    assert_eq!(list[0]["reason"], "off_track");
}

#[test]
fn dependencies_exits_2_on_a_bad_date_or_document() {
    let o = okr(&["dependencies", ACME, "--as-of", "soon"]);
    assert_eq!(o.status.code(), Some(2));
    let text = std::fs::read_to_string(root().join(ACME))
        .unwrap()
        .replacen(
            "\"blocker\": \"sales-headcount\"",
            "\"blocker\": \"nobody\"",
            1,
        );
    let bad = temp("bad-dependency.okr.json", &text);
    let o = okr(&["dependencies", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("dependencies[0].blocker"),
        "{}",
        stderr(&o)
    );
    let o = okr(&["check", bad.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let problems: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(problems[0]["path"], "dependencies[0].blocker");
    assert_eq!(problems[0]["code"], "unknown_id");
}

#[test]
fn a_document_without_dependencies_lists_none() {
    let text = std::fs::read_to_string(root().join(ACME)).unwrap();
    let at = text.find(",\n  \"dependencies\"").unwrap();
    let none = temp(
        "no-dependencies.okr.json",
        &format!("{}\n}}\n", &text[..at]),
    );
    let o = okr(&["dependencies", none.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "No dependencies.\n");
}

#[test]
fn the_report_shows_supporting_links_and_blocked_nodes() {
    let o = okr(&["report", ACME, "--as-of", "2026-11-15"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("◇ supports: Run the autumn dental-fair campaign"),
        "{text}"
    );
    assert!(text.contains("northern-clinics (supports)"), "{text}");
    assert!(
        text.contains("— blocked by sales-headcount (off track)"),
        "{text}"
    );
    assert!(text.contains("Blocked: north-clinics."), "{text}");
    let o = okr(&["report", ACME, "--as-of", "2026-11-15", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let node = |id: &str| {
        report["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .unwrap()
            .clone()
    };
    let fair = node("dental-fair");
    assert_eq!(fair["parents"][1]["id"], "northern-clinics");
    assert_eq!(fair["parents"][1]["kind"], "supports");
    assert!(fair["parents"][0].get("kind").is_none());
    let north = node("north-clinics");
    assert_eq!(north["blocked"], true);
    assert_eq!(north["blockers"][0]["id"], "sales-headcount");
    assert_eq!(north["blockers"][0]["reason"], "off_track");
    assert_eq!(node("sales-growth")["blocked"], false);
}

#[test]
fn explain_progress_lists_a_supporting_child_as_not_counted() {
    let o = okr(&[
        "explain-progress",
        ACME,
        "northern-clinics",
        "--as-of",
        "2026-11-15",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ex: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let fair = ex["contributions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "dental-fair")
        .unwrap();
    assert_eq!(fair["counted"], false);
    assert_eq!(fair["note"], "supports, not counted");
    let o = okr(&[
        "explain-progress",
        ACME,
        "northern-clinics",
        "--as-of",
        "2026-11-15",
    ]);
    assert!(
        stdout(&o).contains("supports, not counted"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_pictures_draw_supporting_links_dashed() {
    for (format, mark) in [
        (
            "dot",
            "\"dental-fair\" -> \"northern-clinics\" [label=\"supports\", style=dashed];",
        ),
        ("mermaid", "-.->|supports|"),
        ("svg", "data-kind=\"supports\""),
    ] {
        let o = okr(&["graph", ACME, "--as-of", "2026-11-15", "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        assert!(stdout(&o).contains(mark), "{format}: {}", stdout(&o));
    }
}

#[test]
fn explain_progress_names_what_blocks_a_key_result_and_why() {
    let args = [
        "explain-progress",
        ACME,
        "north-clinics",
        "--as-of",
        "2026-11-15",
    ];
    let o = okr(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!(stdout(&o));
    let o = okr(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ex: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(ex["blocked"], true);
    assert_eq!(ex["blockers"][0]["id"], "sales-headcount");
    assert_eq!(ex["blockers"][0]["reason"], "off_track");
    assert_eq!(ex["blockers"][0]["start_by"], "2026-10-15");
    assert!(
        (ex["summary"].as_str().unwrap())
            .contains("It is blocked by key result \"sales-headcount\" (off track"),
        "{}",
        ex["summary"]
    );
    // before the sales year nothing blocks it: no blockers in the JSON
    let o = okr(&[
        "explain-progress",
        ACME,
        "north-clinics",
        "--as-of",
        "2025-12-31",
        "--format",
        "json",
    ]);
    let ex: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(ex["blocked"], false);
    assert!(ex.get("blockers").is_none());
}
