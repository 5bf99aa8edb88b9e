//! Adversarial shapes that used to cost quadratic time give the same answers as the plain
//! algorithms they replaced: every cycle-closing link of a document reported as calling
//! `link` on each link in document order reports it. Small sizes: these are behaviour tests (the scaling benchmark is
//! `benches/src/bin/okr-scale.rs`), no test here measures time.
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
    let mut g = OkrGraph::new();
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
