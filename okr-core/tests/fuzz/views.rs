//! Views never leak (issue 21), shared by the property test (`tests/views_properties.rs`)
//! and the fuzz target `views_never_leak`: for an organisation (aggregates, supporting links,
//! dependencies, initiatives, comments, history: links made later, key results moved,
//! objectives retitled and made private later), every viewer and both policies, hidden
//! entities carry canary ids, titles, descriptions, notes, comments, reasons and values that
//! occur nowhere else; [`check`] asserts that no canary of a hidden entity appears in any
//! output of the view (every query's JSON and text, pictures, appraisal HTML, error
//! messages), that a hidden id is answered as one that never was, that changes are refused,
//! and that under the default policy every visible figure (and forecast) equals the full
//! graph's, under `exclude_hidden` those of a reference document in which the hidden
//! objectives are abandoned, feed no aggregate and block nothing.

#![allow(dead_code, clippy::disallowed_methods)]

use std::collections::HashSet;

use arbitrary::Arbitrary;
use chrono::NaiveDate;
use okr_core::analytics::{CoverageOptions, GraphFormat, ScorecardOptions};
use okr_core::{AsOf, LintConfig, LogFilter, OkrGraph, RollupConfig, ViewPolicy};
use serde_json::{Value, json};

/// Owners: the organisation, two departments, four people.
pub const OWNERS: [(&str, Option<&str>); 7] = [
    ("org", None),
    ("dept-a", Some("org")),
    ("dept-b", Some("org")),
    ("p0", Some("dept-a")),
    ("p1", Some("dept-a")),
    ("p2", Some("dept-b")),
    ("p3", Some("dept-b")),
];
/// Viewer ids an objective may name: the people and the group.
const VIEWERS: [&str; 5] = ["p0", "p1", "p2", "p3", "g0"];

#[derive(Debug, Clone, Arbitrary)]
pub struct Kr {
    /// 0 numeric, 1 boolean, 2 aggregate (sum).
    pub kind: u8,
    /// Under the aggregate of this earlier objective, if it has one.
    pub under: Option<usize>,
    pub weight: u8,
    pub check_ins: Vec<(u8, bool)>,
    pub initiative: bool,
    /// Moved under this objective by a revision (when it is another, and the key result is
    /// neither an aggregate nor under one).
    pub moved: Option<usize>,
}

#[derive(Debug, Clone, Arbitrary)]
pub struct Obj {
    pub owner: usize,
    pub visibility: u8,
    pub viewers: Vec<usize>,
    /// (earlier objective, weight, supports, made later by a revision)
    pub parents: Vec<(usize, u8, bool, bool)>,
    pub krs: Vec<Kr>,
    pub created_later: bool,
    pub retitled: bool,
    pub draft: bool,
    pub worst: bool,
    pub comment: bool,
    /// Public at first, given its visibility by a revision.
    pub hidden_later: bool,
}

#[derive(Debug, Clone, Arbitrary)]
pub struct Org {
    pub objectives: Vec<Obj>,
    /// (blocker, blocked) objective indices, blocker before blocked.
    pub dependencies: Vec<(usize, usize)>,
}

fn oid(i: usize) -> String {
    format!("cnyA{i:02}")
}
fn kid(i: usize, j: usize) -> String {
    format!("cnyB{i:02}{j:02}")
}
/// A check-in value no other number shares: 5000.5917 plus tens (four digits before the
/// point, so that none is part of another).
fn value(i: usize, j: usize, c: usize) -> f64 {
    5000.5917 + 10.0 * (i * 9 + j * 3 + c) as f64
}
fn date(day: u8) -> String {
    (NaiveDate::from_ymd_opt(2026, 10, 10).unwrap() + chrono::Duration::days(i64::from(day)))
        .to_string()
}

/// The objective key result `j` of objective `i` is moved under, if any.
fn moved_to(org: &Org, i: usize, j: usize) -> Option<usize> {
    let k = &org.objectives[i].krs[j];
    let n = org.objectives.len();
    let m = k.moved? % n;
    let aggregate = k.kind == 2 && aggregate_of(org, i) == Some(j);
    (m != i && !aggregate && k.under.is_none()).then_some(m)
}

/// The objective key result `j` of objective `i` is under last.
fn latest(org: &Org, i: usize, j: usize) -> usize {
    moved_to(org, i, j).unwrap_or(i)
}

/// The canaries of objective `i` (with everything under it). `counted(p)`: whether the
/// values of key results under an aggregate of objective `p` count where the viewer sees them
/// (the default policy, `p` visible): the aggregate's value is theirs summed, which with a
/// single input is that input's value (the inference the README warns of), so those values
/// are no canaries.
fn canaries(org: &Org, i: usize) -> Vec<String> {
    vec![
        oid(i),
        format!("cnyT{i:02}"),
        format!("cnyD{i:02}"),
        format!("cnyU{i:02}"),
        format!("cnyR{i:02}"),
        format!("cnyC{i:02}"),
        format!("cnyP{i:02}"),
        format!("cnyQ{i:02}"),
    ]
    .into_iter()
    .chain(std::iter::once(String::new()).filter(|_| org.objectives.is_empty()))
    .collect()
}

/// The canaries of key result `j` of objective `i` (hidden when its latest objective is).
fn kr_canaries(org: &Org, i: usize, j: usize, counted: impl Fn(usize) -> bool) -> Vec<String> {
    let k = &org.objectives[i].krs[j];
    let mut out = vec![
        kid(i, j),
        format!("cnyK{i:02}{j:02}"),
        format!("cnyI{i:02}{j:02}"),
        format!("cnyJ{i:02}{j:02}"),
    ];
    let summed = k.kind != 1
        && k.under
            .is_some_and(|p| p < i && aggregate_of(org, p).is_some() && counted(p));
    for c in 0..k.check_ins.len() {
        out.push(format!("cnyN{i:02}{j:02}{c}"));
        if summed {
            continue;
        }
        let whole = value(i, j, c).trunc() as i64;
        out.push(format!("{whole}.59"));
        out.push(format!("{},{:03}.59", whole / 1000, whole % 1000));
    }
    out
}

/// Whether objective `j`'s key result `k` is an aggregate (the first one of kind 2).
fn aggregate_of(org: &Org, j: usize) -> Option<usize> {
    org.objectives[j].krs.iter().position(|k| k.kind == 2)
}

/// The organisation as a document; objectives in `abandon` are abandoned, feed no aggregate
/// and block nothing (the reference of `exclude_hidden`).
fn document(org: &Org, abandon: &HashSet<usize>) -> String {
    let mut objectives = Vec::new();
    let mut history = Vec::new();
    let mut initiatives = Vec::new();
    let mut comments = Vec::new();
    // each key result under the objective it starts under; in the reference, one whose latest
    // objective is left out is left out, and one that left such an objective is under its
    // latest one all along (what a view shows)
    let mut placed: Vec<Vec<Value>> = vec![Vec::new(); org.objectives.len()];
    // key results made later, after the objectives made at the same time
    let mut made_later = Vec::new();
    for (i, o) in org.objectives.iter().enumerate() {
        for (j, k) in o.krs.iter().enumerate() {
            let last = latest(org, i, j);
            if abandon.contains(&last) {
                continue;
            }
            let (home, moved) = match moved_to(org, i, j) {
                Some(m) if abandon.contains(&i) => (m, None),
                m => (i, m),
            };
            // made with its first objective: when that one is made later, so is it
            if home != i && o.created_later {
                made_later.push(json!({"at": date(5), "key_result": kid(i, j), "created": true}));
            }
            let measure = match k.kind {
                0 => json!({"kind": "numeric", "start": 0, "target": 97013 + j}),
                1 => json!({"kind": "boolean"}),
                _ if aggregate_of(org, i) == Some(j) => {
                    json!({"kind": "aggregate", "function": "sum", "start": 0, "target": 99017})
                }
                _ => json!({"kind": "numeric", "start": 0, "target": 98011}),
            };
            let numeric = measure["kind"] == "numeric";
            let mut kr = json!({"id": kid(i, j), "title": format!("cnyK{i:02}{j:02}"),
                "weight": k.weight, "measure": measure});
            if numeric
                && let Some(p) = k.under.filter(|&p| p < i)
                && let Some(a) = aggregate_of(org, p)
                && !abandon.contains(&p)
            {
                kr["parent"] = json!({"id": kid(p, a)});
            }
            if measure["kind"] != "aggregate" {
                let mut cis = Vec::new();
                for (c, &(day, done)) in k.check_ins.iter().enumerate() {
                    let mut ci = json!({"at": format!("{}T{:02}:00:00Z", date(day), c + 8),
                        "note": format!("cnyN{i:02}{j:02}{c}"), "author": "p0"});
                    if numeric {
                        ci["value"] = json!(value(i, j, c));
                    } else {
                        ci["done"] = json!(done);
                    }
                    cis.push(ci);
                }
                kr["check_ins"] = json!(cis);
            }
            placed[home].push(kr);
            if let Some(m) = moved {
                history.push(json!({"at": date(35), "key_result": kid(i, j),
                    "set": {"objective": oid(m)}, "reason": format!("cnyR{i:02}")}));
            }
            if k.initiative {
                initiatives.push(
                    json!({"id": format!("cnyI{i:02}{j:02}"), "key_result": kid(i, j),
                    "title": format!("cnyJ{i:02}{j:02}"),
                    "updates": [{"at": date(15), "percent": 40}]}),
                );
            }
        }
    }
    for (i, o) in org.objectives.iter().enumerate() {
        let mut parents = Vec::new();
        let mut seen = HashSet::new();
        for &(p, w, supports, later) in &o.parents {
            if i == 0 || !seen.insert(p % i) {
                continue;
            }
            let p = p % i;
            let mut link = json!({"id": oid(p), "weight": w});
            if supports {
                link["kind"] = json!("supports");
            }
            let later = later && !o.created_later && !org.objectives[p].created_later;
            if later {
                let mut set = json!({"weight": w});
                if supports {
                    set["kind"] = json!("supports");
                }
                history.push(
                    json!({"at": date(20), "link": {"child": oid(i), "parent": oid(p)},
                    "created": true, "set": set}),
                );
            } else {
                parents.push(link);
            }
        }
        let key_results = std::mem::take(&mut placed[i]);
        let visibility =
            ["public", "public", "owner_line", "private", "private"][o.visibility as usize];
        let mut obj = json!({"id": oid(i), "title": format!("cnyT{i:02}"),
            "description": format!("cnyD{i:02}"), "owner": OWNERS[o.owner].0, "cycle": "q4",
            "parents": parents, "key_results": key_results});
        if visibility != "public" {
            let viewers: Vec<&str> = o
                .viewers
                .iter()
                .map(|&v| VIEWERS[v])
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            if o.hidden_later {
                history.push(json!({"at": date(25), "objective": oid(i),
                    "set": {"visibility": visibility, "viewers": viewers}}));
            } else {
                obj["visibility"] = json!(visibility);
                obj["viewers"] = json!(viewers);
            }
        }
        if abandon.contains(&i) {
            obj["state"] = json!("abandoned");
        } else if o.draft {
            obj["state"] = json!("draft");
        }
        if o.worst {
            obj["status_rule"] = json!("worst");
        }
        objectives.push(obj);
        if o.created_later {
            history.push(json!({"at": date(5), "objective": oid(i), "created": true}));
        }
        if o.retitled {
            history.push(json!({"at": date(30), "objective": oid(i),
                "set": {"title": format!("cnyU{i:02}")}, "reason": format!("cnyR{i:02}"), "by": "p1"}));
        }
        if o.comment {
            comments.push(
                json!({"id": format!("c{i}"), "by": "p2", "at": format!("{}T12:00:00Z", date(40)),
                "objective": oid(i), "text": format!("cnyC{i:02}")}),
            );
        }
    }
    history.extend(made_later);
    let mut sorted: Vec<(String, Value)> = history
        .into_iter()
        .map(|r| (r["at"].as_str().unwrap().to_string(), r))
        .collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let dependencies: Vec<Value> = org
        .dependencies
        .iter()
        .filter(|(a, b)| !abandon.contains(a) && !abandon.contains(b))
        .map(|&(a, b)| json!({"blocker": oid(a), "blocked": oid(b)}))
        // and between their first key results, where both have one that counts somewhere
        .chain(org.dependencies.iter().filter_map(|&(a, b)| {
            org.objectives[a].krs.first()?;
            org.objectives[b].krs.first()?;
            let shown = |i: usize| !abandon.contains(&latest(org, i, 0));
            (shown(a) && shown(b))
                .then(|| json!({"blocker": kid(a, 0), "blocked": kid(b, 0), "note": format!("cnyE{a:02}{b:02}")}))
        }))
        .collect();
    let proposals: Vec<Value> = (org.objectives.iter().enumerate())
        .filter(|(_, o)| o.comment)
        .map(|(i, _)| {
            json!({"id": format!("pr{i}"), "by": "p2", "at": format!("{}T13:00:00Z", date(40)),
                "note": format!("cnyP{i:02}"), "objective": oid(i),
                "set": {"title": format!("cnyQ{i:02}")}})
        })
        .collect();
    let owners: Vec<Value> = OWNERS
        .iter()
        .map(|(id, parent)| match parent {
            Some(p) => json!({"id": id, "name": id, "kind": "team", "parent": p}),
            None => json!({"id": id, "name": id, "kind": "organisation"}),
        })
        .collect();
    json!({
        "version": 2,
        "owners": owners,
        "groups": [{"id": "g0", "members": ["p1", "p2"]}],
        "cycles": [{"id": "q4", "start": "2026-10-01", "end": "2026-12-31"}],
        "objectives": objectives,
        "history": sorted.into_iter().map(|x| x.1).collect::<Vec<_>>(),
        "initiatives": initiatives,
        "comments": comments,
        "dependencies": dependencies,
        "proposals": proposals,
    })
    .to_string()
}

const DAYS: [(u32, u32, i32); 4] = [(10, 12, 2026), (11, 5, 2026), (12, 20, 2026), (1, 10, 2027)];

fn day(i: usize) -> NaiveDate {
    let (m, d, y) = DAYS[i];
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Every output of `v` we know how to ask for, as text.
fn outputs(v: &OkrGraph, at: NaiveDate) -> Vec<String> {
    let cfg = RollupConfig::default();
    let mut out = vec![v.to_json()];
    let r = v.rollup(at);
    out.push(okr_core::report::Report::render_text(v, &r));
    out.push(serde_json::to_string(&okr_core::report::Report::new(v, &r)).unwrap());
    let ids: Vec<String> = v
        .objectives()
        .map(|o| o.id.clone())
        .chain(v.key_results().map(|k| k.id.clone()))
        .collect();
    for id in &ids {
        if let Ok(e) = v.explain_progress(id, at) {
            out.push(format!("{e:?}"));
            out.push(e.render_text());
        }
        if let Ok(c) = v.contributions(id, at, &cfg) {
            out.push(format!("{c:?}"));
            out.push(c.render_text(5));
        }
        if let Ok(s) = v.chart_svg(id, None, None, &cfg) {
            out.push(s);
        }
    }
    out.push(format!(
        "{:?}",
        okr_core::lint_graph(v, &LintConfig::default(), at)
    ));
    if let Ok(log) = v.log(&LogFilter::default()) {
        out.push(format!("{log:?}"));
        out.push(okr_core::render::log_text(&log));
    }
    let diff = v
        .diff(AsOf::from(day(0)), AsOf::from(at), &cfg)
        .expect("diff on a view");
    out.push(format!("{diff:?}"));
    out.push(diff.render_text());
    let f = v.forecast(at, &cfg).expect("forecast on a view");
    out.push(format!("{f:?}"));
    out.push(f.render_text());
    let s = v.scores(at, &Default::default()).expect("scores on a view");
    out.push(format!("{s:?}"));
    out.push(s.render_text());
    let cards = v
        .scorecards(at, &ScorecardOptions::default())
        .expect("scorecards on a view");
    out.push(format!("{cards:?}"));
    out.push(okr_core::render::scorecards_text(&cards));
    let c = v
        .coverage(&CoverageOptions::default())
        .expect("coverage on a view");
    out.push(format!("{c:?}"));
    out.push(c.render_text());
    for format in [GraphFormat::Dot, GraphFormat::Mermaid, GraphFormat::Svg] {
        out.push(
            v.render_graph(format, at, &cfg)
                .expect("pictures of a view"),
        );
    }
    if let Ok(due) = v.due(at) {
        out.push(format!("{due:?}"));
    }
    for (owner, _) in OWNERS {
        if let Ok(a) = v.appraisal(owner, "q4", at) {
            out.push(format!("{a:?}"));
            out.push(a.render_text());
        }
        if let Ok(h) = v.appraisal_html(owner, "q4", at) {
            out.push(h);
        }
    }
    out.push(format!("{:?}", v.dependencies().collect::<Vec<_>>()));
    out.push(format!("{:?}", v.proposals()));
    if let Ok(s) = v.dependency_status(at, &RollupConfig::default()) {
        out.push(format!("{s:?}"));
    }
    out.push(format!("{:?}", v.comments(None)));
    out.push(format!("{:?}", v.initiatives().collect::<Vec<_>>()));
    out
}

/// Visible figures of `v` equal those of `reference` (every node but combined entries).
fn same_figures(v: &OkrGraph, reference: &OkrGraph, at: NaiveDate, what: &str) {
    let (rv, rr) = (v.rollup(at), reference.rollup(at));
    for n in rv.nodes() {
        if v.hidden_entry_parent(n.id).is_some() {
            continue;
        }
        let theirs = rr.get(n.id).expect("a visible node is in the full graph");
        assert_eq!(&n.values, &theirs.values, "{what}: {} at {}", n.id, at);
    }
}

/// Checks every viewer's views of `org` (see the module).
pub fn check(org: &Org) {
    let text = document(org, &HashSet::new());
    let g = match OkrGraph::from_json(&text) {
        Ok(g) => g,
        // a generated organisation the rules refuse (a unit rule, a cycle of blocks):
        // nothing to view
        Err(_) => return,
    };
    for (viewer, _) in OWNERS {
        let visible: HashSet<String> = g
            .visible_objectives(viewer)
            .unwrap()
            .into_iter()
            .map(String::from)
            .collect();
        let hidden: Vec<usize> = (0..org.objectives.len())
            .filter(|&i| !visible.contains(&oid(i)))
            .collect();
        let hidden_set: HashSet<usize> = hidden.iter().copied().collect();
        for policy in ViewPolicy::ALL {
            let counted = |p: usize| policy == ViewPolicy::CountHidden && visible.contains(&oid(p));
            let mut tokens: Vec<String> = hidden.iter().flat_map(|&i| canaries(org, i)).collect();
            for (i, o) in org.objectives.iter().enumerate() {
                for j in 0..o.krs.len() {
                    if hidden_set.contains(&latest(org, i, j)) {
                        tokens.extend(kr_canaries(org, i, j, counted));
                    }
                }
            }
            // a dependency between first key results is hidden with either key result (each
            // under the objective it was moved to last, which may be visible)
            tokens.extend(org.dependencies.iter().filter_map(|&(a, b)| {
                org.objectives[a].krs.first()?;
                org.objectives[b].krs.first()?;
                let hid = |i: usize| hidden_set.contains(&latest(org, i, 0));
                (hid(a) || hid(b)).then(|| format!("cnyE{a:02}{b:02}"))
            }));
            let v = g.view_for_with(viewer, policy).unwrap();
            for at in [day(1), day(2)] {
                for text in outputs(&v, at) {
                    for t in &tokens {
                        assert!(
                            !text.contains(t.as_str()),
                            "{viewer} {policy:?}: {t} leaked in\n{text}"
                        );
                    }
                }
            }
            // a hidden id is as unknown as one that never was
            for &i in &hidden {
                let a = v.explain_progress(&oid(i), day(1)).unwrap_err();
                let b = v.explain_progress("cnyZZ", day(1)).unwrap_err();
                assert_eq!(a.code(), b.code());
                assert_eq!(
                    a.to_string().replace(&oid(i), "X"),
                    b.to_string().replace("cnyZZ", "X")
                );
                let a = v
                    .chart_svg(&oid(i), None, None, &RollupConfig::default())
                    .unwrap_err();
                assert!(!a.to_string().contains("cnyT"));
            }
            // every change is refused and changes nothing
            let mut w = v.clone();
            let before = w.to_json();
            let e = w.remove_objective("cnyA00").unwrap_err();
            assert_eq!(e.code(), "read_only_view");
            assert_eq!(w.to_json(), before);
            match policy {
                ViewPolicy::CountHidden => {
                    for i in 0..DAYS.len() {
                        same_figures(&v, &g, day(i), &format!("{viewer} {policy:?}"));
                    }
                    // forecasts project the hidden key results too
                    let cfg = RollupConfig::default();
                    let (mine, theirs) = (
                        v.forecast(day(1), &cfg).unwrap(),
                        g.forecast(day(1), &cfg).unwrap(),
                    );
                    for o in &mine.objectives {
                        if v.hidden_entry_parent(&o.objective).is_some() {
                            continue;
                        }
                        let t = theirs
                            .objectives
                            .iter()
                            .find(|x| x.objective == o.objective);
                        assert_eq!(Some(o.progress), t.map(|t| t.progress), "{}", o.objective);
                    }
                }
                ViewPolicy::ExcludeHidden => {
                    let reference = OkrGraph::from_json(&document(org, &hidden_set))
                        .expect("the reference loads");
                    for i in 0..DAYS.len() {
                        same_figures(&v, &reference, day(i), &format!("{viewer} {policy:?}"));
                    }
                }
            }
        }
    }
}

/// The fuzz target's entry: an organisation from the bytes (at most 8 objectives), checked.
pub fn views(data: &[u8]) {
    let mut u = arbitrary::Unstructured::new(data);
    let Ok(mut org) = Org::arbitrary(&mut u) else {
        return;
    };
    org.objectives.truncate(8);
    if org.objectives.is_empty() {
        return;
    }
    normalise(&mut org);
    check(&org);
}

/// The document of `org` after the fuzz target's normalisation (for debugging).
pub fn document_for_debug(org: &Org) -> String {
    let mut org = org.clone();
    normalise(&mut org);
    document(&org, &HashSet::new())
}

/// Brings a decoded organisation into the generator's ranges.
fn normalise(org: &mut Org) {
    let n = org.objectives.len();
    org.dependencies = org
        .dependencies
        .iter()
        .map(|&(a, b)| (a % n, b % n))
        .filter(|(a, b)| a < b)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for o in &mut org.objectives {
        o.owner %= OWNERS.len();
        o.visibility %= 5;
        o.viewers.truncate(3);
        for v in &mut o.viewers {
            *v %= VIEWERS.len();
        }
        o.parents.truncate(3);
        o.krs.truncate(3);
        for k in &mut o.krs {
            k.kind %= 3;
            k.weight %= 3;
            k.check_ins.truncate(3);
            for c in &mut k.check_ins {
                c.0 %= 70;
            }
        }
    }
}
