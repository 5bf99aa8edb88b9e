//! `okr close-cycle`: what it prints, what it writes, and that a dry run reports exactly what
//! the real run then does while leaving the file as it was.

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
        "cycles": [
            {"id": "q4", "start": "2026-10-01", "end": "2026-12-31"},
            {"id": "q1", "start": "2027-01-01", "end": "2027-03-31"}
        ],
        "objectives": [{
            "id": "grow", "title": "Grow", "owner": "anna", "cycle": "q4", "type": "aspirational",
            "key_results": [
                {"id": "deals", "title": "Deals", "weight": 2,
                 "measure": {"kind": "numeric", "start": 0, "target": 50, "unit": "deals"},
                 "check_ins": [{"at": "2026-12-20", "value": 30}]},
                {"id": "site", "title": "Site live", "measure": {"kind": "boolean"},
                 "check_ins": [{"at": "2026-12-01", "done": true}]}
            ]
        }]
    })
}

fn dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("okr-cli-close-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(name: &str, text: &str) -> String {
    let p = dir().join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

const ARGS: [&str; 6] = ["q4", "--to", "q1", "--at", "2027-01-05", "--by"];

#[test]
fn a_dry_run_reports_what_the_real_run_does_and_leaves_the_file_alone() {
    let text = document().to_string();
    let file = write("dry.json", &text);
    let out = dir().join("closed.json").to_string_lossy().into_owned();
    for format in ["text", "json"] {
        let mut dry = vec!["close-cycle", &file];
        dry.extend(ARGS);
        dry.extend(["acme", "--dry-run", "--format", format]);
        let d = okr(&dry);
        assert_eq!(d.status.code(), Some(0), "{}", stderr(&d));
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            text,
            "byte for byte"
        );
        let mut real = vec!["close-cycle", &file];
        real.extend(ARGS);
        real.extend(["acme", "-o", &out, "--format", format]);
        let r = okr(&real);
        assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
        assert_eq!(stdout(&d), stdout(&r), "{format}");
    }
    let closed: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let record = &closed["closed_cycles"][0];
    assert_eq!(record["cycle"], "q4");
    assert_eq!(
        record["carried"],
        json!([
            {"kind": "objective", "from": "grow", "to": "grow-q1"},
            {"kind": "key_result", "from": "deals", "to": "deals-q1"}
        ])
    );
    let copy = closed["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "grow-q1")
        .unwrap();
    assert_eq!(copy["type"], "aspirational");
    let kr = &copy["key_results"][0];
    assert_eq!(
        kr["measure"],
        json!({"kind": "numeric", "start": 30.0, "target": 50.0, "unit": "deals"})
    );
    assert_eq!(kr["weight"], 2.0);
    // the text names what closes and what is carried
    let mut text_args = vec!["close-cycle", &file];
    text_args.extend(ARGS);
    text_args.extend(["acme", "--dry-run"]);
    let t = stdout(&okr(&text_args));
    assert!(t.contains("closed:\n  site\n"), "{t}");
    assert!(
        t.contains(
            "carried into q1:\n  objective   grow -> grow-q1\n  key_result  deals -> deals-q1\n"
        ),
        "{t}"
    );
}

#[test]
fn in_place_with_decisions_then_closing_again_is_an_error() {
    let file = write("inplace.json", &document().to_string());
    let decisions = write(
        "decisions.json",
        r#"{"key_results": {"deals": "close"}, "reflections": {"grow": "Late start"}}"#,
    );
    let mut args = vec!["close-cycle", &file];
    args.extend(ARGS);
    args.extend([
        "anna",
        "--decisions",
        &decisions,
        "--in-place",
        "--format",
        "json",
    ]);
    let o = okr(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["closed_key_results"], json!(["deals", "site"]));
    assert_eq!(
        report["reflections"],
        json!([{"objective": "grow", "text": "Late start"}])
    );
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(written["closed_cycles"][0]["by"], "anna");
    let again = okr(&args);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("cycle \"q4\" is closed"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn bad_arguments_exit_2_and_write_nothing() {
    let text = document().to_string();
    let file = write("bad.json", &text);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "close-cycle",
                &file,
                "q4",
                "--to",
                "q1",
                "--at",
                "2027-01-05",
            ],
            "give -o FILE",
        ),
        (
            vec![
                "close-cycle",
                &file,
                "q9",
                "--to",
                "q1",
                "--at",
                "2027-01-05",
                "--dry-run",
            ],
            "unknown cycle",
        ),
        (
            vec![
                "close-cycle",
                &file,
                "q1",
                "--to",
                "q4",
                "--at",
                "2027-01-05",
                "--dry-run",
            ],
            "later cycle",
        ),
        (
            vec![
                "close-cycle",
                &file,
                "q4",
                "--to",
                "q1",
                "--at",
                "soon",
                "--dry-run",
            ],
            "invalid value for at",
        ),
        (
            vec![
                "close-cycle",
                &file,
                "q4",
                "--to",
                "q1",
                "--at",
                "2027-01-05",
                "--in-place",
                "-o",
                "x.json",
            ],
            "not both",
        ),
    ];
    for (args, message) in cases {
        let o = okr(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    }
}
