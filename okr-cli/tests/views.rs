//! `--as-viewer ID` / `--view-policy`: every command that reads a document, run for a viewer,
//! shows nothing the viewer may not see (on standard output or standard error, in any
//! format), exits as it does without the option, and under the default policy shows the
//! figures everyone sees. Checked on the example company (`gustav-tromso` is private to Gustav
//! and the `sales-leads` group: Hanna does not see it) and on a canary document: the example
//! with a private objective whose every id, title, note, comment and value is a distinctive
//! string or number found nowhere else.

mod common;
use common::*;

use std::collections::HashSet;
use std::path::PathBuf;

use serde_json::{Value, json};

const POLICIES: [&str; 2] = ["count_hidden", "exclude_hidden"];

/// The formats `okr COMMAND` is run in: `--format` values (`None`: the command has no
/// `--format`, or the row already names one).
fn formats(args: &[&str]) -> Vec<Option<&'static str>> {
    if args.contains(&"--format") {
        return vec![None];
    }
    match args[0] {
        "graph" => vec![Some("dot"), Some("mermaid"), Some("svg")],
        "chart" => vec![None],
        "appraisal" => vec![Some("text"), Some("json"), Some("html")],
        _ => vec![Some("text"), Some("json")],
    }
}

/// Commands that read a document beyond the exit-code table's: the lists of proposals and
/// comments, those about one node, one node's log, and breakdowns of the objective with the
/// hidden input.
const MORE: &[&[&str]] = &[
    &["proposals", "FILE"],
    &["comments", "FILE"],
    &["comments", "FILE", "north-clinics"],
    &["log", "FILE", "north-clinics"],
    &["log", "FILE", "--since", "2026-10-01"],
    &["visible", "FILE", "hanna"],
    &["visible", "FILE", "bjorn"],
    &[
        "explain-progress",
        "FILE",
        "northern-clinics",
        "--as-of",
        "2026-11-15",
    ],
    &[
        "explain-progress",
        "FILE",
        "nordic-clinics",
        "--as-of",
        "2026-11-15",
    ],
    &[
        "contributions",
        "FILE",
        "northern-clinics",
        "--as-of",
        "2026-11-15",
    ],
    &["chart", "FILE", "northern-clinics"],
    &["chart", "FILE", "nordic-clinics"],
    &["diff", "FILE", "--from", "2026-10-01", "--to", "2026-11-15"],
    &[
        "appraisal",
        "FILE",
        "--owner",
        "gustav",
        "--cycle",
        "q4-2026",
        "--as-of",
        "2026-11-15",
    ],
    &[
        "scorecard",
        "FILE",
        "--as-of",
        "2026-11-15",
        "--owner",
        "gustav",
    ],
    &[
        "what-if",
        "FILE",
        "--set",
        "north-clinics=20",
        "--as-of",
        "2026-11-15",
    ],
    &["lint", "FILE", "--as-of", "2026-11-15", "--select", "L"],
];

/// Every command line to run on `file`: the exit-code table's and [`MORE`], in each of their
/// formats.
fn command_lines(file: &str) -> Vec<Vec<String>> {
    let mut lines = Vec::new();
    for args in COMMANDS.iter().chain(MORE) {
        for format in formats(args) {
            let mut line: Vec<String> = args
                .iter()
                .map(|a| if *a == "FILE" { file } else { a }.to_string())
                .collect();
            if let Some(f) = format {
                line.extend(["--format".to_string(), f.to_string()]);
            }
            lines.push(line);
        }
    }
    lines
}

fn run(line: &[String], extra: &[&str]) -> std::process::Output {
    let mut args: Vec<&str> = line.iter().map(String::as_str).collect();
    args.extend(extra);
    okr(&args)
}

/// The strings of `v` (every string value, recursively).
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// Whether `v` names one of `ids` (as any string value in it).
fn names(v: &Value, ids: &HashSet<String>) -> bool {
    let mut all = Vec::new();
    strings(v, &mut all);
    all.iter().any(|s| ids.contains(s))
}

/// The keys whose strings are an entity's own words (not a reference to an owner, a date, a
/// unit or a kind).
const OWN: &[&str] = &[
    "id",
    "title",
    "description",
    "note",
    "text",
    "reason",
    "comment",
    "question",
    "answer",
];

/// The own strings (see [`OWN`]) of `v`, recursively.
fn own_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| own_strings(x, out)),
        Value::Object(o) => {
            for (k, x) in o {
                match x {
                    Value::String(s) if OWN.contains(&k.as_str()) => out.push(s.clone()),
                    _ => own_strings(x, out),
                }
            }
        }
        _ => {}
    }
}

/// What the document says about objective `hidden` and only about it: the ids, titles,
/// descriptions and check-in notes of the objective and its key results, and the ids, notes,
/// texts and reasons of the initiatives, proposals, comments, revisions, dependencies and
/// other records that name one of them. A string also found in what does not name them (a
/// common word such as "seen") is left out: it would prove nothing.
fn hidden_strings(doc: &Value, hidden: &str) -> Vec<String> {
    let objective = (doc["objectives"].as_array().unwrap().iter())
        .find(|o| o["id"] == hidden)
        .expect("the hidden objective");
    let mut ids: HashSet<String> = HashSet::from([hidden.to_string()]);
    for kr in objective["key_results"].as_array().into_iter().flatten() {
        ids.insert(kr["id"].as_str().unwrap().to_string());
    }
    for i in doc["initiatives"].as_array().into_iter().flatten() {
        if ids.contains(i["key_result"].as_str().unwrap_or_default()) {
            ids.insert(i["id"].as_str().unwrap().to_string());
        }
    }
    let (mut secret, mut public) = (Vec::new(), Vec::new());
    own_strings(objective, &mut secret);
    for (key, list) in doc.as_object().unwrap() {
        let Some(list) = list.as_array() else {
            continue;
        };
        for x in list {
            if key == "objectives" && x["id"] == hidden {
                continue;
            }
            if key != "objectives" && names(x, &ids) {
                own_strings(x, &mut secret);
            } else {
                strings(x, &mut public);
            }
        }
    }
    let public: HashSet<String> = public.into_iter().collect();
    let mut secret: Vec<String> = (secret.into_iter())
        .filter(|s| !s.is_empty() && !public.contains(s))
        .collect();
    secret.sort();
    secret.dedup();
    secret
}

/// Fails naming the first of `secrets` found in the output of `what`.
fn assert_not_shown(o: &std::process::Output, secrets: &[String], what: &str) {
    let (out, err) = (stdout(o), stderr(o));
    for s in secrets {
        for (stream, text) in [("stdout", &out), ("stderr", &err)] {
            if let Some(at) = text.find(s.as_str()) {
                let from = text[..at].char_indices().rev().nth(200).map_or(0, |c| c.0);
                let to = (at + s.len() + 200).min(text.len());
                let to = (to..=text.len())
                    .find(|i| text.is_char_boundary(*i))
                    .unwrap();
                panic!("{what}: {s:?} on {stream}:\n...{}...", &text[from..to]);
            }
        }
    }
}

fn acme() -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(ACME)).unwrap()).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("okr-cli-views-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// What the example says of its objective `hidden` and only of it (see [`hidden_strings`]),
/// and the figures of its key results as the report prints them (value / target).
fn example_secrets(hidden: &str) -> Vec<String> {
    let secrets = hidden_strings(&acme(), hidden);
    let objective = (acme()["objectives"].as_array().unwrap().iter())
        .find(|o| o["id"] == hidden)
        .cloned()
        .unwrap();
    let mut figures = Vec::new();
    for kr in objective["key_results"].as_array().into_iter().flatten() {
        let target = &kr["measure"]["target"];
        for c in kr["check_ins"].as_array().into_iter().flatten() {
            figures.push(format!("{} / {target} ", c["value"]));
        }
    }
    [secrets, figures].concat()
}

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

/// The canary: the example with a private objective of Gustav's (no other viewer) under the
/// public `northern-clinics`, and everything that can hang from it: key results (one an input
/// of the `nordic-clinics` aggregate), check-ins with notes and confidences, an initiative, a
/// comment and its acknowledgement, a proposal, a revision, a dependency blocking a visible
/// key result, and a public objective aligned under it. Every string of it contains `Zorblax`
/// or `cnry`; its values are numbers found nowhere else.
fn canary() -> (Value, Vec<String>) {
    let mut doc = acme();
    let objectives = doc["objectives"].as_array_mut().unwrap();
    objectives.push(json!({
        "id": "cnry-objective", "title": "Zorblax the secret acquisition",
        "description": "Zorblax description", "owner": "gustav", "cycle": "q4-2026",
        "visibility": "private",
        "parents": [{"id": "northern-clinics", "weight": 3}],
        "key_results": [
            {"id": "cnry-kr", "title": "Zorblax deal value", "due": "2026-12-20",
             "measure": {"kind": "numeric", "start": 1093.2281, "target": 9427.6603,
                         "unit": "zorblax-units"},
             "check_ins": [
                {"at": "2026-10-21", "value": 4406.8831, "confidence": 0.3719,
                 "author": "gustav", "note": "Zorblax first note"},
                {"at": "2026-11-10", "value": 7341.5917, "confidence": 0.4217,
                 "author": "gustav", "note": "Zorblax second note"}
             ]},
            {"id": "cnry-agg-input", "title": "Zorblax clinics signed in secret",
             "parent": {"id": "nordic-clinics"},
             "measure": {"kind": "numeric", "start": 0, "target": 7, "unit": "clinics"},
             "check_ins": [{"at": "2026-11-02", "value": 3, "author": "gustav", "confidence": 0.73917,
                            "note": "Zorblax aggregate note"}]},
            {"id": "cnry-kpi-guard", "title": "Zorblax keep clinic satisfaction up",
             "weight": 0, "kpi": "clinic-satisfaction",
             "measure": {"kind": "threshold", "bound": "at_or_above", "value": 90, "unit": "%"}},
            {"id": "cnry-done", "title": "Zorblax term sheet signed",
             "measure": {"kind": "boolean"},
             "check_ins": [{"at": "2026-11-04", "done": true, "author": "gustav", "confidence": 0.2903,
                            "note": "Zorblax boolean note"}]}
        ]
    }));
    objectives.push(json!({
        "id": "below-a-secret", "title": "Prepare the northern integration",
        "owner": "sales-north", "cycle": "q4-2026",
        "parents": [{"id": "cnry-objective"}],
        "key_results": [
            {"id": "integration-plan", "title": "Publish the integration plan",
             "measure": {"kind": "boolean"}}
        ]
    }));
    doc["initiatives"].as_array_mut().unwrap().push(json!({
        "id": "cnry-initiative", "key_result": "cnry-kr",
        "title": "Zorblax due diligence", "owner": "gustav", "due": "2026-11-30",
        "updates": [{"at": "2026-11-01", "percent": 37, "note": "Zorblax update note"}]
    }));
    doc["comments"].as_array_mut().unwrap().push(json!({
        "id": "cnry-comment", "by": "gustav", "at": "2026-11-10T09:00:00Z",
        "key_result": "cnry-kr", "check_in": "2026-11-10", "text": "Zorblax comment text"
    }));
    doc["acknowledgements"].as_array_mut().unwrap().push(json!({
        "key_result": "cnry-kr", "check_in": "2026-11-10", "by": "sales-north",
        "at": "2026-11-11T09:00:00Z", "comment": "Zorblax acknowledged"
    }));
    doc["comments"].as_array_mut().unwrap().push(json!({
        "id": "cnry-objective-comment", "by": "sales-north", "at": "2026-11-12T09:00:00Z",
        "objective": "cnry-objective", "text": "Zorblax comment on the objective"
    }));
    doc["proposals"].as_array_mut().unwrap().push(json!({
        "id": "cnry-new-kr", "by": "gustav", "at": "2026-11-07",
        "note": "Zorblax proposal of a key result", "under": "cnry-objective",
        "new_key_result": {"id": "cnry-proposed-kr", "title": "Zorblax proposed key result",
                           "owner": "gustav",
                           "measure": {"kind": "numeric", "start": 0, "target": 5,
                                       "unit": "zorblax-deals"}}
    }));
    doc["proposals"].as_array_mut().unwrap().push(json!({
        "id": "cnry-proposal", "by": "gustav", "at": "2026-11-06",
        "note": "Zorblax proposal note", "key_result": "cnry-kr",
        "set": {"measure": {"kind": "numeric", "start": 1093.2281, "target": 8811.1373,
                            "unit": "zorblax-units"}}
    }));
    doc["history"].as_array_mut().unwrap().push(json!({
        "at": "2026-11-14", "by": "gustav", "reason": "Zorblax revision reason",
        "key_result": "cnry-kr",
        "set": {"title": "Zorblax deal value",
                "measure": {"kind": "numeric", "start": 1093.2281, "target": 9427.6603,
                            "unit": "zorblax-units"}}
    }));
    doc["dependencies"].as_array_mut().unwrap().push(json!({
        "blocker": "cnry-kr", "blocked": "west-clinics", "start_by": "2026-10-25",
        "note": "Zorblax dependency note"
    }));
    let words = ["cnry", "Zorblax", "zorblax"].map(String::from);
    // the numbers (the values, targets and confidences of its check-ins and key results)
    let numbers = [
        "1093.2281",
        "9427.6603",
        "4406.8831",
        "7341.5917",
        "8811.1373",
        "0.4217",
        "0.73917",
        "0.2903",
    ]
    .map(String::from);
    (doc, [&words[..], &numbers[..]].concat())
}

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

/// Every command line on `file` (a canary document) and `more`, and the commands naming
/// canary and visible nodes, for Hanna and Björn under both policies: no secret on standard
/// output or error; a hidden id answers as `nope` does. Without the option every secret
/// shows somewhere.
fn assert_no_leak(file: &str, secrets: &[String], more: &[Vec<String>]) {
    let file = file.to_string();
    // the full document loads and shows the canary
    let o = okr(&["check", &file]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = okr(&["report", &file, "--as-of", "2026-11-15"]);
    assert!(stdout(&o).contains("Zorblax") && stdout(&o).contains("cnry-kr"));
    // every command line, and those naming a node: visible ones, and hidden ones (those
    // must answer as for an id that does not exist, `nope` in its place)
    let mut lines: Vec<(Vec<String>, Option<&str>)> = (command_lines(&file).into_iter())
        .chain(more.iter().cloned())
        .map(|l| (l, None))
        .collect();
    for id in [
        "cnry-objective",
        "cnry-kr",
        "cnry-agg-input",
        "cnry-initiative",
        "below-a-secret",
        "west-clinics",
    ] {
        let set = format!("{id}=1");
        for args in [
            vec!["explain-progress", &file, id, "--as-of", "2026-11-15"],
            vec!["contributions", &file, id, "--as-of", "2026-11-15"],
            vec!["what-if", &file, "--set", &set, "--as-of", "2026-11-15"],
            vec!["chart", &file, id],
            vec!["log", &file, id],
            vec!["comments", &file, id],
        ] {
            let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
            lines.push((args, id.starts_with("cnry").then_some(id)));
        }
    }
    // without the option every secret shows somewhere: the lines look where they would show
    let mut shown = String::new();
    for (line, _) in &lines {
        let o = run(line, &[]);
        shown.push_str(&stdout(&o));
        shown.push_str(&stderr(&o));
    }
    let nowhere: Vec<&String> = secrets
        .iter()
        .filter(|s| !shown.contains(s.as_str()))
        .collect();
    assert!(nowhere.is_empty(), "{nowhere:?} show nowhere");
    for (line, hidden) in &lines {
        for viewer in ["hanna", "bjorn"] {
            for policy in POLICIES {
                let what = format!(
                    "okr {} --as-viewer {viewer} --view-policy {policy}",
                    line.join(" ")
                );
                let view = ["--as-viewer", viewer, "--view-policy", policy];
                let o = run(line, &view);
                assert!(
                    matches!(o.status.code(), Some(0..=2)),
                    "{what}: {:?} {}",
                    o.status,
                    stderr(&o)
                );
                match hidden {
                    None => assert_not_shown(&o, secrets, &what),
                    Some(id) => {
                        let nope: Vec<String> =
                            line.iter().map(|a| a.replace(id, "nope")).collect();
                        let n = run(&nope, &view);
                        assert_not_shown(&n, secrets, &what);
                        assert_eq!(o.status.code(), n.status.code(), "{what}");
                        assert_eq!(stdout(&o), stdout(&n).replace("nope", id), "{what}");
                        assert_eq!(stderr(&o), stderr(&n).replace("nope", id), "{what}");
                    }
                }
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

/// The report of `file` as of 2026-11-15, as JSON, with `extra` options.
fn report_json(file: &str, extra: &[&str]) -> Value {
    let mut args = vec!["report", file, "--as-of", "2026-11-15", "--format", "json"];
    args.extend(extra);
    let o = okr(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

/// The canary document in a temporary file (removed by the caller with its directory).
fn canary_file(name: &str) -> (PathBuf, String) {
    let dir = temp_dir(name);
    let file = dir.join("canary.okr.json");
    std::fs::write(&file, serde_json::to_string_pretty(&canary().0).unwrap()).unwrap();
    let file = file.to_str().unwrap().to_string();
    (dir, file)
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
