//! End-to-end tests of `okr lint`, `okr lint-text`, `okr rule` and `okr rules`.

mod common;
use common::*;

#[test]
fn lint_text_format_and_exit_code() {
    let o = okr(&["lint", ACME, "--today", "2026-11-15"]);
    // production-quality has no key results: Q002 is an error.
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let out = stdout(&o);
    assert!(out.contains(
        "examples/acme.okr.json: production-quality: Q002 [error] Objective has no key results"
    ));
    assert!(out.contains(
        "examples/acme.okr.json: webinars: O001 [warning] \"Hold\" describes an activity"
    ));
    assert!(out.contains("  = help: "));
    assert!(out.trim_end().ends_with("info"), "{out}");
}

#[test]
fn lint_select_ignore_and_json() {
    let o = okr(&[
        "lint",
        ACME,
        "--today",
        "2026-11-15",
        "--format",
        "json",
        "--select",
        "S,T",
        "--ignore",
        "T002",
    ]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert!(!list.is_empty());
    for d in list {
        let code = d["code"].as_str().unwrap();
        assert!(code.starts_with('S') || code.starts_with('T'), "{code}");
        assert_ne!(code, "T002");
        let mut keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["code", "entity", "help", "message", "severity", "span"]
        );
    }
    // Only Q002 selected: the error shows up and the exit code is 1.
    let o = okr(&["lint", ACME, "--today", "2026-11-15", "--select", "Q002"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().filter(|l| l.contains("Q002")).count(), 1);
    // A selector that matches no rule is refused.
    let o = okr(&["lint", ACME, "--select", "X9"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("X9"));
    let o = okr(&["lint", "does-not-exist.json"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn lint_text_reads_both_line_forms() {
    let input = "Grow monthly recurring revenue from $80k to $120k by December 31\n\
                 objective\tBe the best\n\
                 \n\
                 key_result\tLaunch the new onboarding flow by November 15\n\
                 goal\tImprove things soon\n";
    let o = okr_stdin(&["lint-text", "--today", "2026-10-05"], input);
    assert!(o.status.success(), "{o:?}");
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 4);
    let mut want = [
        "baseline",
        "deadline",
        "diagnostics",
        "kind",
        "measurable",
        "outcome",
        "specific",
        "target",
        "text",
        "time_bound",
    ];
    want.sort_unstable();
    for l in &lines {
        let mut keys: Vec<&str> = l.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, want);
        for d in l["diagnostics"].as_array().unwrap() {
            let mut dk: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
            dk.sort_unstable();
            assert_eq!(dk, ["code", "help", "message", "severity", "span"]);
        }
    }
    assert_eq!(lines[0]["kind"], "goal");
    assert_eq!(lines[0]["target"], 120000);
    assert_eq!(lines[0]["baseline"], 80000);
    assert_eq!(lines[0]["deadline"], "2026-12-31");
    assert_eq!(lines[0]["diagnostics"], serde_json::json!([]));
    assert_eq!(lines[1]["kind"], "objective");
    assert!(lines[1]["outcome"].is_null());
    assert_eq!(lines[2]["kind"], "key_result");
    assert_eq!(lines[2]["outcome"], false);
    assert!(
        lines[2]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "O001" && d["span"] == serde_json::json!([0, 6]))
    );
    let codes: Vec<&str> = lines[3]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"T002") && codes.contains(&"S001"),
        "{codes:?}"
    );
}

#[test]
fn lint_text_fiscal_year() {
    let o = okr_stdin(
        &[
            "lint-text",
            "--today",
            "2026-10-05",
            "--fiscal-year-start",
            "4",
        ],
        "Reach 500 paying customers by the end of Q1\n",
    );
    assert!(o.status.success(), "{o:?}");
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    // Fiscal Q1 starting in April ends on June 30.
    assert_eq!(v["deadline"], "2027-06-30");
    let o = okr_stdin(&["lint-text", "--fiscal-year-start", "13"], "x\n");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn lint_text_bad_line_reports_line_number_and_exits_2() {
    let input = "Grow revenue from $1M to $2M by December 31\nkr\tGrow revenue\n\nobjective\tDelight clinics\n";
    let o = okr_stdin(&["lint-text", "--today", "2026-10-05"], input);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("line 2"), "{err}");
    assert!(err.contains("unknown statement kind `kr`"), "{err}");
    // The good lines are still reported.
    assert_eq!(stdout(&o).lines().count(), 2);
}

#[test]
fn rule_docs_and_listing() {
    let o = okr(&["rule", "A002"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.starts_with("A002 (unrealistic-growth): warning structure rule"));
    for s in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
    ] {
        assert!(out.contains(s), "{s}");
    }
    let o = okr(&["rule", "vague-statement"]);
    assert!(stdout(&o).starts_with("S001"));
    let o = okr(&["rule", "Z999"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown rule `Z999`"));

    let o = okr(&["rules"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert_eq!(out.lines().count(), okr_core::lint::rules().len());
    assert!(out.lines().any(|l| l.starts_with("Q002")
        && l.contains("objective-without-key-results")
        && l.contains("error")
        && l.contains("Flags objectives that have no key results.")));
    let o = okr(&["rules", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), okr_core::lint::rules().len());
    let o = okr(&["rules", "--format", "markdown"]);
    assert_eq!(stdout(&o), okr_core_table());
}

/// The table as printed by the library (the CLI must print exactly it).
fn okr_core_table() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = "<!-- rules:start -->\n";
    let a = readme.find(start).unwrap() + start.len();
    let b = readme.find("<!-- rules:end -->").unwrap();
    readme[a..b].to_string()
}

/// `--as-of` is the flag of every command that takes the date of the question; `--today`
/// stays as its alias and means the same.
#[test]
fn as_of_and_its_today_alias_agree() {
    let commands: [&[&str]; 3] = [
        &["lint", ACME, "--format", "json"],
        &["score", ACME, "--format", "json"],
        &["scorecard", ACME, "--format", "json"],
    ];
    for args in commands {
        let with = |flag: &str| {
            let mut a = args.to_vec();
            a.extend([flag, "2026-11-15"]);
            let o = okr(&a);
            (o.status.code(), stdout(&o))
        };
        let (as_of, today) = (with("--as-of"), with("--today"));
        assert_eq!(as_of, today, "{args:?}");
        assert!(!as_of.1.is_empty(), "{args:?}");
    }
    let input = "Cut churn to 2% by the end of this quarter\n";
    let a = okr_stdin(&["lint-text", "--as-of", "2026-10-05"], input);
    let b = okr_stdin(&["lint-text", "--today", "2026-10-05"], input);
    assert_eq!(stdout(&a), stdout(&b));
    assert!(stdout(&a).contains("2026-12-31"), "{}", stdout(&a));
}
