//! `okr appraisal FILE --owner ID --cycle C [--as-of DATE] [--format text|json|html]`: the
//! core's appraisal view on standard output in each format; unknown ids and bad dates exit 2
//! with a message.

use chrono::NaiveDate;
use okr_core::OkrGraph;

mod common;
use common::*;

fn acme() -> OkrGraph {
    okr_core::document::load_str(&std::fs::read_to_string(root().join(ACME)).unwrap()).unwrap()
}

fn ok_stdout(args: &[&str]) -> String {
    let o = okr(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    assert_eq!(stderr(&o), "", "{args:?}");
    stdout(&o)
}

fn fails(args: &[&str], message: &str) {
    let o = okr(args);
    assert_eq!(o.status.code(), Some(2), "{args:?}");
    assert_eq!(stdout(&o), "", "{args:?}");
    let err = stderr(&o);
    assert!(err.contains(message), "{args:?}: {err}");
}

const FRIDA: [&str; 7] = [
    "--owner",
    "frida",
    "--cycle",
    "q4-2026",
    "--as-of",
    "2026-11-15",
    "--format",
];

fn args(format: &str) -> Vec<&str> {
    let mut a = vec!["appraisal", ACME];
    a.extend(FRIDA);
    a.push(format);
    a
}

#[test]
fn each_format_is_the_library_s() {
    let g = acme();
    let day = NaiveDate::from_ymd_opt(2026, 11, 15).unwrap();
    let a = g.appraisal("frida", "q4-2026", day).unwrap();
    assert_eq!(ok_stdout(&args("text")), a.render_text());
    let json: serde_json::Value = serde_json::from_str(&ok_stdout(&args("json"))).unwrap();
    assert_eq!(json, serde_json::to_value(&a).unwrap());
    assert_eq!(json["statement"], okr_core::analytics::STATEMENT);
    assert_eq!(json["owner"], "frida");
    let html = ok_stdout(&args("html"));
    assert_eq!(html, g.appraisal_html("frida", "q4-2026", day).unwrap());
    assert!(html.starts_with("<!DOCTYPE html>"));
    // text is the default; as-of defaults to today
    let text = ok_stdout(&["appraisal", ACME, "--owner", "frida", "--cycle", "q4-2026"]);
    assert!(text.contains(okr_core::analytics::STATEMENT), "{text}");
}

#[test]
fn bad_input_exits_2_with_a_message() {
    fails(
        &["appraisal", ACME, "--owner", "zed", "--cycle", "q4-2026"],
        "unknown owner \"zed\"",
    );
    fails(
        &["appraisal", ACME, "--owner", "frida", "--cycle", "q9"],
        "q9",
    );
    fails(
        &[
            "appraisal",
            ACME,
            "--owner",
            "frida",
            "--cycle",
            "q4-2026",
            "--as-of",
            "soon",
        ],
        "soon",
    );
    let o = okr(&[
        "appraisal",
        ACME,
        "--owner",
        "frida",
        "--cycle",
        "q4-2026",
        "--format",
        "pdf",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = okr(&["appraisal", ACME, "--cycle", "q4-2026"]);
    assert_eq!(o.status.code(), Some(2), "--owner is required");
}
