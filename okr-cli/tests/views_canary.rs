//! `--as-viewer` on a canary document (the example with a private objective whose every id,
//! title, note, comment and value is a distinctive string or number found nowhere else, and
//! the same after its cycle closes): nothing of it leaks through any command, and the figures
//! a viewer sees (aggregates, breakdowns) are everyone's and add up. See `views.rs` for the
//! example company and the options.

mod common;
use common::views::*;
use common::*;

use serde_json::{Value, json};

/// The canary document leaks nothing to Hanna or to Björn (who sees `gustav-tromso`, so the
/// canary is the only hidden input of `northern-clinics` for him) through any command, in
/// any format, under either policy, and the commands naming a canary id fail as for an id
/// that does not exist.
#[test]
fn the_canary_leaks_through_no_command() {
    let secrets = canary().1;
    let (dir, file) = canary_file("canary");
    assert_no_leak(&file, &secrets, &[]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The canary's cycle closed (on the full graph, with a reflection on the canary objective
/// and its key results carried into copies): the frozen scores, the reflection and the
/// copies leak through no command either, the appraisal of its owner included.
#[test]
fn the_closed_canary_leaks_through_no_command() {
    let (mut doc, secrets) = canary();
    doc["cycles"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "q1-2027", "start": "2027-01-01", "end": "2027-03-31"}));
    let dir = temp_dir("closed");
    let open = dir.join("open.okr.json");
    std::fs::write(&open, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let decisions = dir.join("decisions.json");
    let reflection = json!({"reflections": {"cnry-objective": {
        "text": "Zorblax reflection",
        "prompts": [{"question": "Zorblax question?", "answer": "Zorblax answer"}]}}});
    std::fs::write(&decisions, reflection.to_string()).unwrap();
    let closed = dir.join("closed.okr.json");
    let (open, decisions, closed) = (
        open.to_str().unwrap(),
        decisions.to_str().unwrap(),
        closed.to_str().unwrap(),
    );
    let o = okr(&[
        "close-cycle",
        open,
        "q4-2026",
        "--to",
        "q1-2027",
        "--at",
        "2027-01-02",
        "--decisions",
        decisions,
        "-o",
        closed,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("cnry-kr -> cnry-kr-q1-2027"),
        "{}",
        stdout(&o)
    );
    let appraisal = [
        "appraisal",
        closed,
        "--owner",
        "gustav",
        "--cycle",
        "q4-2026",
        "--as-of",
        "2027-01-15",
    ];
    let more: Vec<Vec<String>> = ["text", "json", "html"]
        .iter()
        .map(|f| {
            (appraisal.iter().chain(&["--format", f]))
                .map(|s| s.to_string())
                .collect()
        })
        .collect();
    assert_no_leak(closed, &secrets, &more);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Under the default policy every figure of the canary document a viewer sees is the full
/// graph's, the aggregate key result with a hidden input (`nordic-clinics` sums
/// `cnry-agg-input`) included.
#[test]
fn every_figure_is_everyone_s_with_a_hidden_aggregate_input() {
    let (dir, file) = canary_file("aggregate");
    let full = report_json(&file, &[]);
    let find = |r: &Value, id: &str| {
        (r["nodes"].as_array().unwrap().iter())
            .find(|n| n["id"] == id)
            .cloned()
    };
    for viewer in ["hanna", "bjorn"] {
        let view = report_json(&file, &["--as-viewer", viewer]);
        for n in view["nodes"].as_array().unwrap() {
            let id = n["id"].as_str().unwrap();
            if id.ends_with("~hidden") {
                continue;
            }
            let f = find(&full, id).unwrap();
            for field in ["progress", "attainment", "value", "status"] {
                assert_eq!(n[field], f[field], "{viewer}: {id}.{field}");
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// On a view, a breakdown adds up: the contributions `explain-progress` lists (the combined
/// entry with the combined weight of the hidden inputs) sum to the node's progress, and
/// `contributions` gives each visible key result the share it has in the full graph, the
/// hidden ones combined.
#[test]
fn breakdowns_on_a_view_add_up() {
    let (dir, file) = canary_file("breakdown");
    // `okr COMMAND FILE northern-clinics --as-of 2026-11-15 --format json EXTRA...` as JSON
    let json_of = |command: &str, extra: &[&str]| -> Value {
        let mut args = vec![
            command,
            &file,
            "northern-clinics",
            "--as-of",
            "2026-11-15",
            "--format",
            "json",
        ];
        args.extend(extra);
        serde_json::from_str(&stdout(&okr(&args))).unwrap()
    };
    let explain = |extra: &[&str]| json_of("explain-progress", extra);
    for viewer in ["hanna", "bjorn"] {
        let e = explain(&["--as-viewer", viewer]);
        let sum: f64 = (e["contributions"].as_array().unwrap().iter())
            .filter_map(|c| c["contribution"].as_f64())
            .sum();
        let progress = e["progress"].as_f64().unwrap();
        assert!(
            (sum - progress).abs() < 1e-9,
            "{viewer}: {sum} != {progress}"
        );
    }
    let contributions = |extra: &[&str]| json_of("contributions", extra);
    let full = contributions(&[]);
    let share = |c: &Value, id: &str| {
        (c["contributions"]["key_results"].as_array().unwrap().iter())
            .find(|k| k["key_result"] == id)
            .map(|k| k["share"].clone())
    };
    for viewer in ["hanna", "bjorn"] {
        let view = contributions(&["--as-viewer", viewer]);
        assert_eq!(
            share(&view, "north-clinics"),
            share(&full, "north-clinics"),
            "{viewer}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
