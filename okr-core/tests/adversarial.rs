//! Adversarial shapes that used to cost quadratic time give the same answers as the plain
//! algorithms they replaced: every cycle-closing link of a document reported as calling
//! `link` on each link in document order reports it; the owner-line rules (R001, L003,
//! L004) as walking each owner line gives them; scorecards read each score as `Scores::get`
//! finds it. Small sizes: these are behaviour tests (the
//! scaling benchmark is `benches/src/bin/okr-scale.rs`); no test here measures time.
#![allow(clippy::disallowed_methods)] // tests may sort with std

use okr_core::document::{self, DocProblem, Limits};
use okr_core::{Cycle, Objective, OkrGraph, Owner};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A document of objectives `o0..o{n}` owned by `acme` in cycle `q4`, with the parents given
/// per objective (as indices, or any id for an unknown one).
fn doc(parents: &[Vec<Value>]) -> Value {
    let objectives: Vec<Value> = parents
        .iter()
        .enumerate()
        .map(|(i, ps)| {
            json!({"id": format!("o{i}"), "title": format!("Objective {i}"), "owner": "acme",
                   "cycle": "q4", "parents": ps})
        })
        .collect();
    json!({
        "version": 1,
        "owners": [{"id": "acme", "kind": "organisation"}],
        "cycles": [{"id": "q4", "start": "2026-10-01", "end": "2026-12-31"}],
        "objectives": objectives
    })
}

/// The problems of `doc`'s links as calling [`OkrGraph::link`] on each link in document
/// order gives them (unknown parents and bad weights are refused by the document's own
/// rules first, as `link` refuses them).
fn one_by_one(doc: &Value) -> Vec<DocProblem> {
    let mut g = OkrGraph::with_limits(Limits::none());
    g.add_owner(Owner::new("acme", "", "organisation")).unwrap();
    let q = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let e = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    g.add_cycle(Cycle::new("q4", q, e)).unwrap();
    let objs = doc["objectives"].as_array().unwrap();
    for o in objs {
        g.add_objective(Objective::new(o["id"].as_str().unwrap(), "", "acme", "q4"))
            .unwrap();
    }
    let mut out = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        for (j, p) in o["parents"].as_array().unwrap().iter().enumerate() {
            let w = p.get("weight").and_then(Value::as_f64).unwrap_or(1.0);
            if let Err(e) = g.link(o["id"].as_str().unwrap(), p["id"].as_str().unwrap(), w) {
                let field = match e.code() {
                    "unknown_id" => ".id",
                    "invalid_weight" => ".weight",
                    _ => "",
                };
                out.push(DocProblem {
                    path: format!("objectives[{i}].parents[{j}]{field}"),
                    code: e.code(),
                    message: e.to_string(),
                });
            }
        }
    }
    out
}

fn check(doc: &Value) -> Vec<DocProblem> {
    document::check_str_with(&doc.to_string(), &Limits::none())
}

#[test]
fn every_two_cycle_is_reported_each_as_link_reports_it() {
    let n = 500;
    let parents: Vec<Vec<Value>> = (0..2 * n)
        .map(|i| vec![json!({"id": format!("o{}", i ^ 1)})])
        .collect();
    let d = doc(&parents);
    let got = check(&d);
    assert_eq!(got.len(), n, "one refused link per two-cycle");
    assert_eq!(got, one_by_one(&d));
    assert_eq!(got[0].path, "objectives[1].parents[0]");
    assert_eq!(got[0].code, "cycle");
    assert!(
        got[0].message.contains("o1 -> o0 -> o1"),
        "{}",
        got[0].message
    );
    // the loader stops at the first, with the same message
    let err = document::load_str(&d.to_string()).unwrap_err();
    assert!(err.to_string().contains(&got[0].message), "{err}");
}

#[test]
fn cycles_closed_through_long_paths_name_the_path_link_names() {
    // a chain o0 -> o1 -> o2 ...; every 7th objective also under the objective 5 before it,
    // each closing a cycle of 6, and the last under the first, closing the whole chain;
    // duplicates, self-links, unknown parents and bad weights mixed in
    let n = 300;
    let mut parents: Vec<Vec<Value>> = (0..n)
        .map(|i| {
            if i + 1 < n {
                vec![json!({"id": format!("o{}", i + 1)})]
            } else {
                vec![json!({"id": "o0"})]
            }
        })
        .collect();
    for i in (7..n).step_by(7) {
        parents[i].push(json!({"id": format!("o{}", i - 5)}));
    }
    parents[10].push(json!({"id": "o11"}));
    parents[11].push(json!({"id": "o11"}));
    parents[12].push(json!({"id": "nobody"}));
    parents[13].push(json!({"id": "o2", "weight": -1}));
    let d = doc(&parents);
    let got = check(&d);
    assert_eq!(got, one_by_one(&d));
    assert_eq!(got.iter().filter(|p| p.code == "cycle").count(), n / 7 + 2);
    assert!(got.iter().any(|p| p.code == "already_linked"));
}

#[test]
fn a_long_cycle_is_one_problem() {
    let n = 5_000;
    let parents: Vec<Vec<Value>> = (0..n)
        .map(|i| vec![json!({"id": format!("o{}", (i + n - 1) % n)})])
        .collect();
    let d = doc(&parents);
    let got = check(&d);
    assert_eq!(got.len(), 1);
    assert_eq!(got, one_by_one(&d));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// Random documents of up to 10 objectives, each with up to 5 parents (self-parents and
    /// repeats included): `check_str` reports exactly what `link` reports, link by link.
    #[test]
    fn check_reports_what_link_reports_in_document_order(
        parents in prop::collection::vec(prop::collection::vec(0usize..11, 0..5), 1..10),
    ) {
        let n = parents.len();
        let parents: Vec<Vec<Value>> = parents
            .into_iter()
            .map(|ps| {
                ps.into_iter()
                    .map(|p| if p < n { json!({"id": format!("o{p}")}) } else { json!({"id": "x"}) })
                    .collect()
            })
            .collect();
        let d = doc(&parents);
        prop_assert_eq!(check(&d), one_by_one(&d));
    }
}

// ----- owner lines: R001, L003, L004 ------------------------------------------------------

use okr_core::lint::{LintConfig, lint_graph};
use std::collections::{HashMap, HashSet};

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap()
}

/// The findings of the rules `codes` as (entity, code, message, help), in lint order.
fn lint(g: &OkrGraph, codes: &[&str]) -> Vec<(String, String, String, Option<String>)> {
    let mut config = LintConfig::with_as_of(day());
    config.select = codes.iter().map(|c| c.to_string()).collect();
    lint_graph(g, &config, day())
        .into_iter()
        .map(|d| (d.entity.unwrap(), d.code, d.message, d.help))
        .collect()
}

/// A rule's findings as (entity, message, help).
type Findings = Vec<(String, String, Option<String>)>;

/// Reference findings (entity, message, help) in a rule's own order, ordered as `lint_graph`
/// orders them (by the entity's document position, stable).
fn in_lint_order(
    g: &OkrGraph,
    code: &str,
    findings: Findings,
) -> Vec<(String, String, String, Option<String>)> {
    let pos: HashMap<&str, usize> = g
        .objectives()
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i))
        .collect();
    let mut out: Vec<_> = findings
        .into_iter()
        .map(|(e, m, h)| (e, code.to_string(), m, h))
        .collect();
    out.sort_by_key(|f| pos[f.0.as_str()]);
    out
}

/// R001 as it was: the owner line walked for each unaligned objective.
fn r001_reference(g: &OkrGraph) -> Findings {
    let mut owned: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
    for (i, p) in g.objectives().enumerate() {
        let list = owned.entry(p.owner.as_str()).or_default();
        if list.len() < 3 {
            list.push((i, p.id.as_str()));
        }
    }
    let mut out = Vec::new();
    for o in g.objectives() {
        if !g.parents_of(&o.id).is_empty() {
            continue;
        }
        let line = g.owner_line(&o.owner);
        let ancestors: Vec<&str> = line.iter().skip(1).map(|w| w.id.as_str()).collect();
        if ancestors.is_empty() {
            continue;
        }
        let mut candidates: Vec<(usize, &str)> = ancestors
            .iter()
            .filter_map(|a| owned.get(a))
            .flatten()
            .copied()
            .collect();
        if candidates.is_empty() {
            continue;
        }
        candidates.sort_unstable();
        candidates.truncate(3);
        out.push((
            o.id.clone(),
            format!(
                "Objective is not aligned to any parent objective, although owner `{}` sits under `{}`",
                o.owner, ancestors[0]
            ),
            Some(format!(
                "Link it to the objective it contributes to (e.g. {}), or explain why it stands alone",
                candidates
                    .iter()
                    .map(|(_, c)| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        ));
    }
    out
}

/// L003 and L004 as they were: the owner line walked for each link.
fn l003_l004_reference(g: &OkrGraph) -> (Findings, Findings) {
    let owns: HashSet<(&str, &str)> = g
        .objectives()
        .map(|o| (o.owner.as_str(), o.cycle.as_str()))
        .collect();
    let (mut l003, mut l004) = (Vec::new(), Vec::new());
    for child in g.objectives() {
        let line = g.owner_line(&child.owner);
        for (pid, _) in g.parents_of(&child.id) {
            let parent = g.objective(pid).unwrap();
            let Some(at) = line.iter().position(|w| w.id == parent.owner) else {
                l003.push((
                    child.id.clone(),
                    format!(
                        "Aligned under `{pid}`, owned by `{}`, outside the line of owner `{}`",
                        parent.owner, child.owner
                    ),
                    Some(format!(
                        "Make sure `{}` knows about and agrees with this contribution",
                        parent.owner
                    )),
                ));
                continue;
            };
            let skipped: Vec<&str> = line[1.min(at)..at]
                .iter()
                .map(|w| w.id.as_str())
                .filter(|w| owns.contains(&(*w, parent.cycle.as_str())))
                .collect();
            if skipped.is_empty() {
                continue;
            }
            let names = skipped
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", ");
            l004.push((
                child.id.clone(),
                format!(
                    "Aligned directly under `{pid}` of `{}`, skipping {names} (with objectives in cycle `{}`)",
                    parent.owner, parent.cycle
                ),
                Some(format!(
                    "Align it under an objective of {names} that serves `{pid}`"
                )),
            ));
        }
    }
    (l003, l004)
}

/// A graph with an owner tree (`owner_parent[i] < i` or none) and objectives
/// `(owner, cycle, parents)` (parents among earlier objectives, so acyclic).
fn owners_graph(owner_parent: &[Option<usize>], objs: &[(usize, usize, Vec<usize>)]) -> OkrGraph {
    let mut g = OkrGraph::new();
    for (i, p) in owner_parent.iter().enumerate() {
        let mut o = Owner::new(format!("w{i}"), "", "team");
        if let Some(p) = p {
            o = o.with_parent(format!("w{p}"));
        }
        g.add_owner(o).unwrap();
    }
    let d = |m| chrono::NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
    g.add_cycle(Cycle::new("fy", d(1), d(12))).unwrap();
    g.add_cycle(Cycle::new("q4", d(10), d(12))).unwrap();
    for (i, (w, c, _)) in objs.iter().enumerate() {
        let cycle = if *c == 0 { "fy" } else { "q4" };
        g.add_objective(Objective::new(
            format!("x{i}"),
            format!("Goal {i}"),
            format!("w{w}"),
            cycle,
        ))
        .unwrap();
    }
    for (i, (_, _, ps)) in objs.iter().enumerate() {
        for &p in ps {
            let _ = g.link(&format!("x{i}"), &format!("x{p}"), 1.0);
        }
    }
    g
}

fn check_owner_rules(g: &OkrGraph) {
    let (l003, l004) = l003_l004_reference(g);
    assert_eq!(
        lint(g, &["R001"]),
        in_lint_order(g, "R001", r001_reference(g))
    );
    assert_eq!(lint(g, &["L003"]), in_lint_order(g, "L003", l003));
    assert_eq!(lint(g, &["L004"]), in_lint_order(g, "L004", l004));
}

#[test]
fn owner_rules_on_a_deep_owner_chain() {
    // gen_scale's p_deepowners shape, small: a chain of owners, objectives at the bottom
    // (unaligned, then all under the root's objective), and objectives along the way
    let n = 400;
    let owner_parent: Vec<Option<usize>> = (0..n).map(|i: usize| i.checked_sub(1)).collect();
    let mut objs: Vec<(usize, usize, Vec<usize>)> = vec![(0, 0, vec![])];
    objs.extend((0..200).map(|_| (n - 1, 0, vec![])));
    objs.extend((0..200).map(|_| (n - 1, 0, vec![0])));
    objs.extend((0..n).step_by(37).map(|w| (w, 0, vec![])));
    objs.extend((0..50).map(|j| (n - 1, j % 2, vec![0, 201 + j])));
    let g = owners_graph(&owner_parent, &objs);
    check_owner_rules(&g);
    assert!(lint(&g, &["L004"]).len() >= 50);
    assert!(lint(&g, &["R001"]).len() >= 200);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn owner_rules_same_as_walking_each_line(
        owner_parent in prop::collection::vec((0usize..100, 0usize..4), 1..25),
        objs in prop::collection::vec((0usize..25, 0usize..2, prop::collection::vec(0usize..40, 0..3)), 0..40),
    ) {
        // owner i's parent: some earlier owner, or none (a quarter of them)
        let owner_parent: Vec<Option<usize>> = owner_parent
            .iter()
            .enumerate()
            .map(|(i, &(p, root))| (i > 0 && root != 0).then(|| p % i))
            .collect();
        let k = owner_parent.len();
        let objs: Vec<(usize, usize, Vec<usize>)> = objs
            .into_iter()
            .enumerate()
            .map(|(i, (w, c, ps))| (w % k, c, ps.into_iter().filter(|&p| p < i).collect()))
            .collect();
        let g = owners_graph(&owner_parent, &objs);
        check_owner_rules(&g);
    }
}

// ----- scorecards on wide fan-in -----------------------------------------------------------

#[test]
fn scorecards_on_wide_fan_in_read_the_scores_by_id() {
    use okr_core::analytics::{GradeBands, ScorecardOptions};
    use okr_core::{CheckIn, KeyResult, Measure};
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("org", "", "organisation")).unwrap();
    for w in 0..3 {
        g.add_owner(Owner::new(format!("w{w}"), "", "person").with_parent("org"))
            .unwrap();
    }
    let d = |m, day| chrono::NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    g.add_cycle(Cycle::new("fy", d(1, 1), d(6, 30))).unwrap();
    g.add_objective(Objective::new("root", "Root", "org", "fy"))
        .unwrap();
    let n = 600;
    for i in 0..n {
        let id = format!("c{i}");
        g.add_objective(Objective::new(&id, "Child", format!("w{}", i % 3), "fy"))
            .unwrap();
        g.link(&id, "root", 1.0).unwrap();
        let kr = format!("k{i}");
        g.add_key_result(KeyResult::new(
            &kr,
            "Acquire customers",
            &id,
            Measure::numeric(0.0, 500.0),
        ))
        .unwrap();
        let at =
            chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 1 + (i % 20) as u32, 9, 0, 0)
                .unwrap();
        g.check_in(
            &kr,
            CheckIn::value(at, (i % 7) as f64 * 90.0).with_confidence((i % 5) as f64 / 4.0),
        )
        .unwrap();
    }
    let as_of = d(11, 15);
    let cards = g.scorecards(as_of, &ScorecardOptions::default()).unwrap();
    let scores = g.scores(as_of, &GradeBands::default()).unwrap();
    assert_eq!(cards.len(), 4);
    for card in &cards {
        let mine: Vec<f64> = g
            .objectives()
            .filter(|o| o.owner == card.owner)
            .filter_map(|o| scores.get(&o.id).unwrap().score)
            .collect();
        let mean = mine.iter().sum::<f64>() / mine.len() as f64;
        let got = card.signal("attainment").unwrap().value.unwrap();
        assert!(
            (got - mean).abs() < 1e-12,
            "{}: {got} vs {mean}",
            card.owner
        );
        let krs: Vec<&str> = g
            .key_results()
            .filter(|k| g.effective_owner(k) == Some(card.owner.as_str()))
            .map(|k| k.id.as_str())
            .collect();
        let brier: Vec<f64> = krs
            .iter()
            .map(|k| {
                let s = scores.get(k).unwrap();
                let c = g.check_ins(k)[0].confidence.unwrap();
                let o = if s.score.unwrap() + 1e-12 >= 1.0 {
                    1.0
                } else {
                    0.0
                };
                (c - o) * (c - o)
            })
            .collect();
        if !brier.is_empty() {
            let want = brier.iter().sum::<f64>() / brier.len() as f64;
            let got = card.signal("calibration").unwrap().value.unwrap();
            assert!(
                (got - want).abs() < 1e-12,
                "{}: {got} vs {want}",
                card.owner
            );
        }
    }
}
