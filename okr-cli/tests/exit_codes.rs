//! Every command's exit codes, against the one table of the README ("Exit codes"): 0 done,
//! 1 findings (`check`'s problems of a readable document, `lint`'s findings of severity
//! error), 2 unreadable input, a bad document or a usage error.

mod common;
use common::*;

use std::path::{Path, PathBuf};

/// The inputs every command that reads a document is run on, written into `dir`: (name,
/// path, whether it is a readable document with problems).
fn inputs(dir: &Path) -> Vec<(&'static str, PathBuf, bool)> {
    std::fs::create_dir_all(dir).unwrap();
    let acme = std::fs::read_to_string(root().join(ACME)).unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    // a chain of 101 objectives: over the default alignment depth limit (100)
    let mut chain = serde_json::json!({
        "version": 1, "owners": [{"id": "a"}],
        "cycles": [{"id": "q", "start": "2026-10-01", "end": "2026-12-31"}],
        "objectives": []
    });
    for i in 0..101 {
        let mut o =
            serde_json::json!({"id": format!("c{i}"), "title": "", "owner": "a", "cycle": "q"});
        if i > 0 {
            o["parents"] = serde_json::json!([{"id": format!("c{}", i - 1)}]);
        }
        chain["objectives"].as_array_mut().unwrap().push(o);
    }
    vec![
        ("ok", root().join(ACME), false),
        ("missing", dir.join("missing.okr.json"), false),
        (
            "not utf-8",
            write("latin1.okr.json", b"{\"version\": 1, \"x\": \"\xe9\"}"),
            false,
        ),
        ("not json", write("text.okr.json", b"version: 1\n"), false),
        ("not an object", write("list.okr.json", b"[1, 2]"), false),
        (
            "version 3",
            write(
                "v3.okr.json",
                acme.replacen("\"version\": 2", "\"version\": 3", 1)
                    .as_bytes(),
            ),
            false,
        ),
        (
            "over a limit",
            write("deep.okr.json", chain.to_string().as_bytes()),
            false,
        ),
        (
            "unknown field",
            write(
                "field.okr.json",
                acme.replacen("\"target\"", "\"taget\"", 1).as_bytes(),
            ),
            true,
        ),
        (
            "shared id",
            root().join("okr-core/tests/fixtures/hostile/shared_id.json"),
            true,
        ),
        ("cut snapshot", cut_snapshot(dir), false),
    ]
}

/// The example as a snapshot (`okr snapshot`), cut in half.
fn cut_snapshot(dir: &Path) -> PathBuf {
    let whole = dir.join("acme.okrs");
    let o = okr(&["snapshot", ACME, "-o", whole.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let bytes = std::fs::read(&whole).unwrap();
    let cut = dir.join("cut.okrs");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    cut
}

/// The table: each command on each input, its exit code, and again for a viewer
/// (`--as-viewer hanna`). The rule, checked cell by cell: a readable document with problems
/// is 1 for `check` (its findings) and 2 for every other command (it does not load), and 2
/// for `check` too for a viewer (its problems may name what the viewer may not see: one
/// generic message); anything unreadable is 2 for all; the example is 0 but for `lint` with
/// every rule, which finds an error (Q002).
#[test]
fn every_command_that_reads_a_document_follows_the_table() {
    let dir = std::env::temp_dir().join(format!("okr-cli-exit-{}", std::process::id()));
    let inputs = inputs(&dir);
    let mut table = String::from("| command |");
    for (name, _, _) in &inputs {
        table.push_str(&format!(" {name} |"));
    }
    table.push_str(&format!("\n|{}\n", " --- |".repeat(inputs.len() + 1)));
    let viewer: &[&str] = &["--as-viewer", "hanna"];
    for (base, as_viewer) in
        (COMMANDS.iter().map(|a| (*a, false))).chain(COMMANDS.iter().map(|a| (*a, true)))
    {
        // the one command of the example with a finding: `lint` with every rule
        let lint_all = base.join(" ") == "lint FILE --as-of 2026-11-15";
        let args = if as_viewer {
            [base, viewer].concat()
        } else {
            base.to_vec()
        };
        let command = args.join(" ");
        table.push_str(&format!("| `okr {command}` |"));
        for (name, path, readable_with_problems) in &inputs {
            let args: Vec<&str> = args
                .iter()
                .map(|a| {
                    if *a == "FILE" {
                        path.to_str().unwrap()
                    } else {
                        a
                    }
                })
                .collect();
            let o = okr(&args);
            let code = o.status.code().expect("exited");
            let check = args[0] == "check";
            let want = match (*name, *readable_with_problems) {
                ("ok", _) if lint_all => 1,
                ("ok", _) => 0,
                (_, true) if check && !as_viewer => 1,
                _ => 2,
            };
            assert_eq!(code, want, "{command} on {name}: {}", stderr(&o));
            // a failure says why: on standard error, or, for `check` of a text it reads,
            // as its output (for a viewer, on standard error: one generic message)
            if code == 2 {
                let on_stdout = check && !as_viewer && *name != "missing" && *name != "not utf-8";
                let said = if on_stdout { stdout(&o) } else { stderr(&o) };
                assert!(!said.trim().is_empty(), "{command} on {name}: no message");
            }
            table.push_str(&format!(" {code} |"));
        }
        table.push('\n');
    }
    let _ = std::fs::remove_dir_all(&dir);
    insta::assert_snapshot!(table);
}

/// Commands that read no document, and usage errors: 0 done, 2 a bad argument or input.
#[test]
fn commands_without_a_document_and_usage_errors() {
    let cases: &[(&[&str], i32)] = &[
        (&["schema"], 0),
        (&["rules"], 0),
        (&["rule", "S001"], 0),
        (&["rule", "X999"], 2),
        (&["suggest", "Grow recurring revenue"], 0),
        (
            &[
                "suggest",
                "Grow recurring revenue",
                "--function",
                "astrology",
            ],
            2,
        ),
        (&["--help"], 0),
        (&["--version"], 0),
        // usage errors (clap's)
        (&[], 2),
        (&["bogus"], 2),
        (&["report"], 2),
        (&["report", ACME, "--bogus"], 2),
        (&["report", ACME, "--format", "yaml"], 2),
        (&["lint-text", "--fiscal-year-start", "13"], 2),
        // bad argument values (the core's)
        (&["report", ACME, "--as-of", "yesterday"], 2),
        (
            &["explain-progress", ACME, "nope", "--as-of", "2026-11-15"],
            2,
        ),
        (&["contributions", ACME, "nope", "--as-of", "2026-11-15"], 2),
        (
            &["what-if", ACME, "--set", "nope=1", "--as-of", "2026-11-15"],
            2,
        ),
        (&["lint", ACME, "--select", "X9"], 2),
        (&["lint", ACME, "--config", "does-not-exist.json"], 2),
    ];
    for (args, want) in cases {
        let o = okr(args);
        assert_eq!(o.status.code(), Some(*want), "{args:?}: {}", stderr(&o));
        if *want == 2 {
            assert!(!stderr(&o).trim().is_empty(), "{args:?}: no message");
        }
    }
    // lint-text: 0 for statements (its findings are its output), 2 after a bad line
    let o = okr_stdin(
        &["lint-text", "--as-of", "2026-11-15"],
        "Improve things soon\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = okr_stdin(
        &["lint-text", "--as-of", "2026-11-15"],
        "Improve things soon\nbogus\tkind\n",
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().count(),
        1,
        "the good line is still linted"
    );
}

/// An objective and a key result sharing an id (the shared hostile `shared_id.json`): `check`
/// names both places and exits 1; the commands that load the document exit 2 with the same
/// message, `explain-progress` of the shared id too (it used to explain the key result).
#[test]
fn a_shared_id_is_a_problem_naming_both_places() {
    let file = "okr-core/tests/fixtures/hostile/shared_id.json";
    let o = okr(&["check", file]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&o), @r#"
    okr-core/tests/fixtures/hostile/shared_id.json: error[duplicate_id] objectives[1].key_results[0].id: duplicate key result id "x": already the id of the objective at objectives[0]
    1 error(s)
    "#);
    for args in [
        &["explain-progress", file, "x", "--as-of", "2026-11-15"][..],
        &["scorecard", file, "--as-of", "2026-11-15"],
        &["report", file, "--as-of", "2026-11-15"],
    ] {
        let o = okr(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&o),
            format!(
                "error: {file}: objectives[1].key_results[0].id: duplicate key result id \"x\": \
                 already the id of the objective at objectives[0]\n"
            ),
            "{args:?}"
        );
    }
}

/// `okr report` on a document whose alignment chain is over the depth limit names where:
/// the objective's id and its place in the document.
#[test]
fn the_alignment_depth_error_says_where() {
    let dir = std::env::temp_dir().join(format!("okr-cli-depth-{}", std::process::id()));
    let inputs = inputs(&dir);
    let (_, deep, _) = inputs.iter().find(|i| i.0 == "over a limit").unwrap();
    let o = okr(&["report", deep.to_str().unwrap(), "--as-of", "2026-11-15"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: {}: limit exceeded: alignment depth at objectives[0] (objectives in a chain \
             up to \"c0\") is 101, the limit is 100\n",
            deep.display()
        )
    );
    let o = okr(&["check", deep.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains(
            "error[limit_exceeded] objectives[0]: limit exceeded: alignment depth at objectives[0]"
        ),
        "{}",
        stdout(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
