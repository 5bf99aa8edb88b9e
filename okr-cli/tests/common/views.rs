//! Helpers of the `--as-viewer` tests (`views.rs`, `views_canary.rs`): the command lines of
//! the exit-code table in every format, the strings a document says of one objective only,
//! the canary document, and the check that an output shows none of a list of secrets.

use std::collections::HashSet;
use std::path::PathBuf;

use serde_json::{Value, json};

use super::*;

pub const POLICIES: [&str; 2] = ["count_hidden", "exclude_hidden"];

/// The formats `okr COMMAND` is run in: `--format` values (`None`: the command has no
/// `--format`, or the row already names one).
pub fn formats(args: &[&str]) -> Vec<Option<&'static str>> {
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
pub const MORE: &[&[&str]] = &[
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
pub fn command_lines(file: &str) -> Vec<Vec<String>> {
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

pub fn run(line: &[String], extra: &[&str]) -> std::process::Output {
    let mut args: Vec<&str> = line.iter().map(String::as_str).collect();
    args.extend(extra);
    okr(&args)
}

/// The strings of `v` (every string value, recursively).
pub fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// Whether `v` names one of `ids` (as any string value in it).
pub fn names(v: &Value, ids: &HashSet<String>) -> bool {
    let mut all = Vec::new();
    strings(v, &mut all);
    all.iter().any(|s| ids.contains(s))
}

/// The keys whose strings are an entity's own words (not a reference to an owner, a date, a
/// unit or a kind).
pub const OWN: &[&str] = &[
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
pub fn own_strings(v: &Value, out: &mut Vec<String>) {
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
pub fn hidden_strings(doc: &Value, hidden: &str) -> Vec<String> {
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
pub fn assert_not_shown(o: &std::process::Output, secrets: &[String], what: &str) {
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

pub fn acme() -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(ACME)).unwrap()).unwrap()
}

pub fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("okr-cli-views-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// What the example says of its objective `hidden` and only of it (see [`hidden_strings`]),
/// and the figures of its key results as the report prints them (value / target).
pub fn example_secrets(hidden: &str) -> Vec<String> {
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

/// The canary: the example with a private objective of Gustav's (no other viewer) under the
/// public `northern-clinics`, and everything that can hang from it: key results (one an input
/// of the `nordic-clinics` aggregate), check-ins with notes and confidences, an initiative, a
/// comment and its acknowledgement, a proposal, a revision, a dependency blocking a visible
/// key result, and a public objective aligned under it. Every string of it contains `Zorblax`
/// or `cnry`; its values are numbers found nowhere else.
pub fn canary() -> (Value, Vec<String>) {
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

/// Every command line on `file` (a canary document) and `more`, and the commands naming
/// canary and visible nodes, for Hanna and Björn under both policies: no secret on standard
/// output or error; a hidden id answers as `nope` does. Without the option every secret
/// shows somewhere.
pub fn assert_no_leak(file: &str, secrets: &[String], more: &[Vec<String>]) {
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

/// The report of `file` as of 2026-11-15, as JSON, with `extra` options.
pub fn report_json(file: &str, extra: &[&str]) -> Value {
    let mut args = vec!["report", file, "--as-of", "2026-11-15", "--format", "json"];
    args.extend(extra);
    let o = okr(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

/// The canary document in a temporary file (removed by the caller with its directory).
pub fn canary_file(name: &str) -> (PathBuf, String) {
    let dir = temp_dir(name);
    let file = dir.join("canary.okr.json");
    std::fs::write(&file, serde_json::to_string_pretty(&canary().0).unwrap()).unwrap();
    let file = file.to_str().unwrap().to_string();
    (dir, file)
}
