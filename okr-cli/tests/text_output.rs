//! Snapshots of the text (and what-if JSON) output of the explanation, suggestion and
//! analytics subcommands: the renderers live in okr-core, these pin their bytes.

mod common;
use common::*;

fn run(args: &[&str]) -> String {
    let o = okr(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

/// The example with `unit-cost` turned into a threshold with no start and no check-in, so its
/// progress is undefined until a value arrives.
fn undefined_doc(name: &str) -> std::path::PathBuf {
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(ACME)).unwrap()).unwrap();
    for o in doc["objectives"].as_array_mut().unwrap() {
        let krs = o.get_mut("key_results").and_then(|k| k.as_array_mut());
        for k in krs.into_iter().flatten() {
            if k["id"] == "unit-cost" {
                k["measure"].as_object_mut().unwrap().remove("start");
                k["check_ins"] = serde_json::json!([]);
            }
        }
    }
    let dir = std::env::temp_dir().join(format!("okr-cli-text-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.okr.json"));
    std::fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    file
}

#[test]
fn explain_text() {
    let day = ["--as-of", "2026-11-15"];
    let mut out = String::new();
    for id in [
        "production-output",
        "unit-cost",
        "oslo-office",
        "defect-rate",
    ] {
        out.push_str(&run(&[&["explain-progress", ACME, id], &day[..]].concat()));
        out.push_str("----\n");
    }
    let undefined = undefined_doc("explain");
    for id in ["production-output", "unit-cost"] {
        let file = undefined.to_str().unwrap();
        out.push_str(&run(&[&["explain-progress", file, id], &day[..]].concat()));
        out.push_str("----\n");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn suggest_text() {
    let mut out = run(&["suggest", "Improve employee engagement", "--function", "hr"]);
    out.push_str(&run(&["suggest", "zzzz qqqq"]));
    insta::assert_snapshot!(out);
}

#[test]
fn analytics_text() {
    let day = ["--as-of", "2026-11-15"];
    let mut out = String::new();
    let mut add = |args: &[&str]| {
        out.push_str(&format!("$ okr {}\n", args.join(" ")));
        out.push_str(&run(args));
    };
    add(&["coverage", ACME]);
    add(&["coverage", ACME, "--cycle", "q4-2026"]);
    add(&[&["contributions", ACME, "leading-provider"], &day[..]].concat());
    add(&[&["forecast", ACME], &day[..]].concat());
    add(&["score", ACME, "--today", "2027-01-05"]);
    add(&["scorecard", ACME, "--today", "2026-11-15"]);
    add(&[
        "scorecard",
        ACME,
        "--today",
        "2026-11-15",
        "--owner",
        "hanna",
    ]);
    add(&["diff", ACME, "--from", "2026-10-15", "--to", "2026-11-15"]);
    insta::assert_snapshot!(out);
}

#[test]
fn what_if_text_and_json() {
    let day = ["--as-of", "2026-11-15"];
    let undefined = undefined_doc("what-if");
    let undefined = undefined.to_str().unwrap();
    let mut out = String::new();
    for (file, set) in [
        (ACME, "annual-revenue=3600000"),
        (ACME, " unit-cost = 20 "),
        (ACME, "oslo-office=milestones:lease signed"),
        (ACME, "referral-live=done"),
        (undefined, "unit-cost=12"),
    ] {
        let args = [&["what-if", file, "--set", set], &day[..]].concat();
        out.push_str(&format!("$ okr what-if --set {set:?}\n"));
        out.push_str(&run(&args));
        out.push_str(&run(&[&args[..], &["--format", "json"]].concat()));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn graph_mermaid() {
    insta::assert_snapshot!(run(&[
        "graph",
        ACME,
        "--format",
        "mermaid",
        "--as-of",
        "2026-11-15"
    ]));
}
