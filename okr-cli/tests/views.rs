//! `--as-viewer ID` / `--view-policy`: every command that reads a document, run for a viewer,
//! shows nothing the viewer may not see (on standard output or standard error, in any
//! format), exits as it does without the option, and under the default policy shows the
//! figures everyone sees. Checked on the example company (`gustav-tromso` is private to Gustav
//! and the `sales-leads` group: Hanna does not see it) and on a canary document: the example
//! with a private objective whose every id, title, note, comment and value is a distinctive
//! string or number found nowhere else.

mod common;
use common::views::*;
use common::*;

use serde_json::{Value, json};

/// Every command, every format, both policies, for Hanna (who does not see the private
/// `gustav-tromso`) and Björn (who sees it but not `production-quality`, which is Hanna's
/// owner line's): the exit code is the one without `--as-viewer`, and nothing of the hidden
/// objective (read from the example) is shown.
#[test]
fn no_command_shows_the_example_s_hidden_objectives() {
    let hanna = example_secrets("gustav-tromso");
    // the objective, its key result, the proposal about it and that proposal's note and
    // decision comment, the figures of its key result
    for s in [
        "gustav-tromso",
        "tromso-clinics",
        "tromso-target",
        "two clinics postponed to January",
        "keep the target: we will help with introductions in December",
        "5 / 8 ",
    ] {
        assert!(hanna.iter().any(|x| x == s), "{s} in {hanna:?}");
    }
    let bjorn = example_secrets("production-quality");
    assert!(bjorn.iter().any(|x| x == "Optimize production stuff"));
    // the secrets show without the option, and the viewers do not see them
    let full = stdout(&okr(&["report", ACME, "--as-of", "2026-11-15"]));
    assert!(full.contains("[gustav-tromso]") && full.contains("5 / 8 "));
    assert!(full.contains("[production-quality]"));
    let sees = |viewer: &str, id: &str| {
        let view = okr(&["visible", ACME, viewer]);
        stdout(&view).lines().any(|l| l == id)
    };
    assert!(!sees("hanna", "gustav-tromso") && sees("bjorn", "gustav-tromso"));
    assert!(!sees("bjorn", "production-quality"));
    for line in command_lines(ACME) {
        let plain = run(&line, &[]);
        for (viewer, secrets) in [("hanna", &hanna), ("bjorn", &bjorn)] {
            for policy in POLICIES {
                let what = format!(
                    "okr {} --as-viewer {viewer} --view-policy {policy}",
                    line.join(" ")
                );
                let o = run(&line, &["--as-viewer", viewer, "--view-policy", policy]);
                // lint's findings about a hidden objective are not the viewer's: its exit
                // code says whether the viewer's view has an error (Björn does not see
                // production-quality, the example's one error)
                let expected = if line[0] == "lint" && viewer == "bjorn" {
                    Some(0)
                } else {
                    plain.status.code()
                };
                assert_eq!(o.status.code(), expected, "{what}: {}", stderr(&o));
                assert_not_shown(&o, secrets, &what);
            }
        }
    }
}

/// Under the default policy every figure Hanna sees is everyone's: each node of her report
/// has the progress, attainment, expected pace and status of the full report (the company
/// number first), and the combined entry stands where `gustav-tromso` stood. Under the
/// other policy the northern region counts only what she sees.
#[test]
fn the_company_number_is_everyone_s() {
    let report = |extra: &[&str]| report_json(ACME, extra);
    let nodes = |r: &Value| -> Vec<Value> { r["nodes"].as_array().unwrap().clone() };
    let full = report(&[]);
    let find = |r: &Value, id: &str| nodes(r).into_iter().find(|n| n["id"] == id);
    for extra in [
        &["--as-viewer", "hanna"][..],
        &["--as-viewer", "hanna", "--view-policy", "count_hidden"],
        &["--view-policy", "count_hidden", "--as-viewer", "bjorn"],
    ] {
        let view = report(extra);
        let company = find(&view, "leading-provider").unwrap();
        assert_eq!(
            company["progress"],
            find(&full, "leading-provider").unwrap()["progress"]
        );
        let mut compared = 0;
        for n in nodes(&view) {
            let id = n["id"].as_str().unwrap();
            if id.ends_with("~hidden") {
                continue;
            }
            let f = find(&full, id).unwrap_or_else(|| panic!("{id} is in the full report"));
            for field in ["progress", "attainment", "expected", "status"] {
                assert_eq!(n[field], f[field], "{extra:?}: {id}.{field}");
            }
            compared += 1;
        }
        assert!(compared > 20, "{compared}");
    }
    let hanna = report(&["--as-viewer", "hanna"]);
    assert!(find(&hanna, "gustav-tromso").is_none());
    assert!(find(&hanna, "northern-clinics~hidden").is_some());
    assert!(find(&report(&["--as-viewer", "bjorn"]), "gustav-tromso").is_some());
    // excluded: the northern region is what Hanna sees of it (its one key result)
    let excluded = report(&["--as-viewer", "hanna", "--view-policy", "exclude_hidden"]);
    assert_eq!(
        find(&excluded, "northern-clinics").unwrap()["progress"],
        find(&full, "north-clinics").unwrap()["progress"]
    );
    assert_ne!(
        find(&excluded, "northern-clinics").unwrap()["progress"],
        find(&full, "northern-clinics").unwrap()["progress"]
    );
}

/// Naming a hidden objective or key result gets the message an id that does not exist gets
/// (the id aside), and the same exit code, for every command that takes an id.
#[test]
fn a_hidden_id_is_an_id_that_does_not_exist() {
    let lines = |id: &str| -> Vec<Vec<String>> {
        let set = format!("{id}=3");
        let lines: Vec<Vec<&str>> = vec![
            vec!["explain-progress", ACME, id, "--as-of", "2026-11-15"],
            vec!["contributions", ACME, id, "--as-of", "2026-11-15"],
            vec!["what-if", ACME, "--set", &set, "--as-of", "2026-11-15"],
            vec!["chart", ACME, id],
            vec!["log", ACME, id],
            vec!["comments", ACME, id],
        ];
        let mut all = Vec::new();
        for l in lines {
            for f in formats(&l) {
                let mut l: Vec<String> = l.iter().map(|s| s.to_string()).collect();
                if let Some(f) = f {
                    l.extend(["--format".into(), f.into()]);
                }
                all.push(l);
            }
        }
        all
    };
    for (hidden, made_up) in [
        ("gustav-tromso", "gustav-tromsx"),
        ("tromso-clinics", "tromso-clinicx"),
    ] {
        // the full graph knows it
        let known = run(&lines(hidden)[0], &[]);
        assert_eq!(known.status.code(), Some(0), "{}", stderr(&known));
        for policy in POLICIES {
            let viewer = ["--as-viewer", "hanna", "--view-policy", policy];
            for (h, m) in lines(hidden).iter().zip(lines(made_up)) {
                let (oh, om) = (run(h, &viewer), run(&m, &viewer));
                let what = format!("okr {} {}", h.join(" "), viewer.join(" "));
                assert_eq!(oh.status.code(), om.status.code(), "{what}");
                assert_eq!(stderr(&oh), stderr(&om).replace(made_up, hidden), "{what}");
                assert_eq!(stdout(&oh), stdout(&om).replace(made_up, hidden), "{what}");
            }
        }
    }
}

/// A document that does not load, for a viewer: one generic message on standard error for
/// every command, `check` included, exit 2, never the load error (which names the hidden
/// objective here).
#[test]
fn a_document_that_does_not_load_gets_one_generic_message() {
    let (mut doc, secrets) = canary();
    // a weight that is not a number, on the hidden objective's link
    let objective = (doc["objectives"].as_array_mut().unwrap().iter_mut())
        .find(|o| o["id"] == "cnry-objective")
        .unwrap();
    objective["parents"][0]["weight"] = json!(-7341.5917);
    let dir = temp_dir("broken");
    let file = dir.join("broken.okr.json");
    std::fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let file = file.to_str().unwrap().to_string();
    // without the option, the error names the hidden objective
    let o = okr(&["check", &file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("cnry-objective"), "{}", stdout(&o));
    let o = okr(&["report", &file]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cnry-objective"), "{}", stderr(&o));
    let generic = format!(
        "error: {file}: the document does not load; run `okr check` on it without --as-viewer\n"
    );
    for line in command_lines(&file) {
        let what = format!("okr {} --as-viewer hanna", line.join(" "));
        let o = run(&line, &["--as-viewer", "hanna"]);
        assert_eq!(o.status.code(), Some(2), "{what}");
        assert_eq!(stderr(&o), generic, "{what}");
        assert_eq!(stdout(&o), "", "{what}");
        assert_not_shown(&o, &secrets, &what);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `okr check --as-viewer` on a document that loads checks the view's document: no problems.
#[test]
fn check_for_a_viewer_checks_the_view() {
    for format in ["text", "json"] {
        let o = okr(&["check", ACME, "--as-viewer", "hanna", "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            stdout(&o),
            stdout(&okr(&["check", ACME, "--format", format]))
        );
    }
}

/// `close-cycle` on a view is refused with the core's read-only error, writing nothing, even
/// as a dry run.
#[test]
fn close_cycle_on_a_view_writes_nothing() {
    let dir = temp_dir("close");
    // the example with a next cycle to carry into
    let mut doc = acme();
    doc["cycles"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "q1-2027", "start": "2027-01-01", "end": "2027-03-31"}));
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let file = dir.join("acme.okr.json");
    std::fs::write(&file, &text).unwrap();
    let file = file.to_str().unwrap();
    let out = dir.join("closed.okr.json");
    let args = [
        "close-cycle",
        file,
        "q4-2026",
        "--to",
        "q1-2027",
        "--at",
        "2027-01-02",
    ];
    // the full document closes
    let o = okr(&[&args[..], &["--dry-run"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for how in [
        &["--dry-run"][..],
        &["--in-place"],
        &["-o", out.to_str().unwrap()],
    ] {
        let o = okr(&[&args[..], how, &["--as-viewer", "hanna"]].concat());
        assert_eq!(o.status.code(), Some(2), "{how:?}");
        assert_eq!(
            stderr(&o),
            "error: a view for \"hanna\" is read-only: change the full graph and take a new view\n"
        );
        assert_eq!(stdout(&o), "");
        assert_eq!(std::fs::read_to_string(file).unwrap(), text);
        assert!(!out.exists());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The options' usage: before or after the subcommand; a bad policy, a policy without a
/// viewer, an unknown viewer and `--as-viewer` on a command that reads no document are usage
/// errors (2) with a message.
#[test]
fn the_options_usage() {
    let after = okr(&[
        "report",
        ACME,
        "--as-of",
        "2026-11-15",
        "--as-viewer",
        "hanna",
    ]);
    let before = okr(&[
        "--as-viewer",
        "hanna",
        "report",
        ACME,
        "--as-of",
        "2026-11-15",
    ]);
    assert_eq!(after.status.code(), Some(0));
    assert_eq!(stdout(&after), stdout(&before));
    assert_ne!(
        stdout(&after),
        stdout(&okr(&["report", ACME, "--as-of", "2026-11-15"]))
    );
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "report",
                ACME,
                "--as-viewer",
                "hanna",
                "--view-policy",
                "all",
            ],
            "\"all\" is not a view policy (count_hidden, exclude_hidden)",
        ),
        (
            &["report", ACME, "--view-policy", "exclude_hidden"],
            "--as-viewer",
        ),
        (&["report", ACME, "--as-viewer", "nobody"], "\"nobody\""),
        (
            &["schema", "--as-viewer", "hanna"],
            "`okr schema` reads no document",
        ),
        (
            &["rules", "--as-viewer", "hanna"],
            "`okr rules` reads no document",
        ),
        (
            &["rule", "S001", "--as-viewer", "hanna"],
            "`okr rule` reads no document",
        ),
        (
            &["suggest", "Grow revenue", "--as-viewer", "hanna"],
            "`okr suggest` reads no document",
        ),
        (
            &["lint-text", "--as-viewer", "hanna"],
            "`okr lint-text` reads no document",
        ),
    ];
    for (args, says) in cases {
        let o = okr(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), "", "{args:?}");
    }
}
