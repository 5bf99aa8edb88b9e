//! Property tests of the alignment links: random link and unlink sequences never create a
//! cycle, and every refusal is right.

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

mod spec;

use std::collections::HashSet;

use okr_core::{Cycle, Objective, OkrGraph, Owner};
use proptest::prelude::*;

use spec::*;

// ----- (c) random links never create a cycle --------------------------------------------

#[derive(Debug, Clone)]
enum Op {
    Link(usize, usize, usize),
    Unlink(usize, usize),
    /// Remove an objective and add a fresh one (petgraph reuses the freed index).
    Replace(usize),
}

fn op(n: usize) -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..n, 0..n, 0usize..8).prop_map(|(a, b, w)| Op::Link(a, b, w)),
        1 => (0..n, 0..n).prop_map(|(a, b)| Op::Unlink(a, b)),
        1 => (0..n).prop_map(Op::Replace),
    ]
}

/// Whether `from` reaches `to` along parents_of ("contributes to") edges, by my own DFS.
fn reaches(g: &OkrGraph, from: &str, to: &str) -> bool {
    let mut stack = vec![from.to_string()];
    let mut seen = HashSet::new();
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if !seen.insert(n.clone()) {
            continue;
        }
        for (p, _) in g.parents_of(&n) {
            stack.push(p.to_string());
        }
    }
    false
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn random_links_never_create_a_cycle(
        (n, ops) in (2usize..9).prop_flat_map(|n| (Just(n), proptest::collection::vec(op(n), 1..40)))
    ) {
        let weights = [0.0, 1.0, 2.5, f64::NAN, -1.0, f64::INFINITY, 1.0, 0.5];
        let mut g = OkrGraph::new();
        g.add_owner(Owner::new("own", "O", "team")).unwrap();
        g.add_cycle(Cycle::new("c", cycle_period(0).0, cycle_period(0).1)).unwrap();
        // slot i currently holds objective ids[i]
        let mut ids: Vec<String> = (0..n).map(|i| format!("x{i}")).collect();
        for id in &ids {
            g.add_objective(Objective::new(id.clone(), "t", "own", "c")).unwrap();
        }
        let mut fresh = n;
        // each step one day later, all before the cycle: the rollups below see the latest state
        let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        for (step, op) in ops.into_iter().enumerate() {
            let day = start + chrono::Duration::days(step as i64);
            g.set_clock(Some(okr_core::Revise::on(day)));
            let before = g.to_json();
            match op {
                Op::Link(a, b, w) => {
                    let (child, parent, weight) = (ids[a].clone(), ids[b].clone(), weights[w]);
                    let would_cycle = child == parent || reaches(&g, &parent, &child);
                    let linked = g.parents_of(&child).iter().any(|(p, _)| *p == parent);
                    let res = g.link(&child, &parent, weight);
                    let weight_ok = weight.is_finite() && weight >= 0.0;
                    match res {
                        Ok(()) => {
                            prop_assert!(weight_ok && !would_cycle && !linked);
                        }
                        Err(e) => {
                            prop_assert_eq!(g.to_json(), before.clone(), "failed link changed the graph");
                            if weight_ok {
                                let want = if would_cycle { "cycle" } else if linked { "already_linked" } else { "none" };
                                prop_assert_eq!(e.code(), want);
                            } else {
                                prop_assert!(matches!(e.code(), "invalid_weight" | "cycle" | "already_linked"));
                            }
                            if let okr_core::OkrError::Cycle { child: c, parent: p, path } = &e {
                                // the chain of "contributes to" steps from child back to child
                                prop_assert_eq!(c, &child);
                                prop_assert_eq!(p, &parent);
                                prop_assert!(path.len() >= 2);
                                prop_assert_eq!(&path[0], &child);
                                prop_assert_eq!(&path[path.len() - 1], &child);
                                prop_assert_eq!(&path[1], &parent);
                                for w in path[1..].windows(2) {
                                    prop_assert!(
                                        g.parents_of(&w[0]).iter().any(|(p, _)| *p == w[1]),
                                        "{} -> {} is not a link", w[0], w[1]
                                    );
                                }
                            }
                        }
                    }
                }
                Op::Unlink(a, b) => {
                    let linked = g.parents_of(&ids[a]).iter().any(|(p, _)| *p == ids[b]);
                    let res = g.unlink(&ids[a], &ids[b]);
                    prop_assert_eq!(res.is_ok(), linked);
                    if res.is_err() {
                        prop_assert_eq!(g.to_json(), before);
                    }
                }
                Op::Replace(a) => {
                    g.remove_objective(&ids[a]).unwrap();
                    prop_assert!(g.objectives().all(|o| o.id != ids[a]));
                    prop_assert!(g.objectives().all(|o| g.parents_of(&o.id).iter().all(|(p, _)| *p != ids[a])));
                    ids[a] = format!("x{fresh}");
                    fresh += 1;
                    g.add_objective(Objective::new(ids[a].clone(), "t", "own", "c")).unwrap();
                    prop_assert!(g.parents_of(&ids[a]).is_empty());
                    prop_assert!(g.children_of(&ids[a]).is_empty());
                }
            }
            prop_assert!(is_acyclic(&g));
            // acyclic at every earlier time too, not only as a union over all times
            if step > 0 {
                let past = g.at(start + chrono::Duration::days(step as i64 - 1));
                prop_assert!(is_acyclic(&past));
            }
            // the rollup's topological layout copes with every state reached
            let r = g.rollup(cycle_period(0).0);
            prop_assert_eq!(r.objectives().count(), g.objective_count());
        }
    }
}
