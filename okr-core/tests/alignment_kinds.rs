//! Property tests of link kinds and dependencies: supporting links are in no figure (the
//! rollup of a graph equals, bit for bit, the rollup of the same graph without its supporting
//! links), dependencies are in no figure either (only the `blocked` flag), and the incremental
//! refresh after check-ins equals a full recompute on graphs mixing both kinds of links.

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

mod spec;

use std::collections::HashSet;

use okr_core::{Dependency, KeyResult, LinkKind, OkrGraph, Revise, Rollup};
use proptest::prelude::*;

use spec::*;

/// Every node's whole row as text: `{:?}` of an `f64` tells every value apart that the bits
/// do (`-0.0` from `0.0`), so equal texts are equal figures bit for bit.
fn rows(r: &Rollup) -> Vec<(String, String)> {
    let mut v: Vec<_> = r
        .nodes()
        .map(|n| (n.id.to_string(), format!("{:?}", n.values)))
        .collect();
    v.sort();
    v
}

/// The figures only, without `blocked` (which dependencies decide).
fn figures(r: &Rollup) -> Vec<(String, String)> {
    let mut v: Vec<_> = r
        .nodes()
        .map(|n| {
            let mut values = n.values;
            values.blocked = false;
            (n.id.to_string(), format!("{values:?}"))
        })
        .collect();
    v.sort();
    v
}

/// The columns by node id, as text (NaN for undefined numbers compares as text; the node
/// order is topological, which supporting links may change).
fn columns(r: &Rollup) -> Vec<String> {
    let c = r.figure_columns();
    let mut v: Vec<String> = r
        .ids()
        .enumerate()
        .map(|(i, (id, _))| {
            format!(
                "{id} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                c.kind[i],
                c.progress[i],
                c.attainment[i],
                c.expected[i],
                c.confidence[i],
                c.status[i],
                c.stale[i],
                c.source[i],
                c.computed_progress[i],
                c.computed_attainment[i],
                c.planned_value[i],
                c.blocked[i]
            )
        })
        .collect();
    v.sort();
    v
}

/// What a test graph holds beyond its spec: which of the spec's links support, extra
/// supporting links (oriented like the spec's, so the graph stays a DAG), dependencies.
#[derive(Debug, Clone)]
struct Mix {
    supports: Vec<bool>,
    extra: Vec<(usize, usize)>,
    deps: Vec<(usize, usize, Option<u8>)>,
}

fn mix() -> impl Strategy<Value = Mix> {
    (
        proptest::collection::vec(any::<bool>(), 16),
        proptest::collection::vec((0usize..8, 0usize..8), 0..6),
        proptest::collection::vec(
            (0usize..24, 0usize..24, proptest::option::of(0u8..120)),
            0..6,
        ),
    )
        .prop_map(|(supports, extra, deps)| Mix {
            supports,
            extra,
            deps,
        })
}

/// The spec's graph with the spec's links marked by `mix.supports` and its extra supporting
/// links, or (`with_supports` false) the same graph without any supporting link; then the
/// dependencies of `mix` between its nodes (objectives, then key results, by index), those
/// refused left out (the same in both graphs: dependencies do not depend on links).
fn build(spec: &Spec, mix: &Mix, with_supports: bool) -> OkrGraph {
    let base = spec.build();
    let mut g = OkrGraph::new();
    for w in base.owners() {
        g.add_owner(w.clone()).unwrap();
    }
    for c in base.cycles() {
        g.add_cycle(c.clone()).unwrap();
    }
    for o in base.objectives() {
        g.add_objective(o.clone()).unwrap();
    }
    let mut linked = HashSet::new();
    for (i, (c, p, w)) in spec.links().into_iter().enumerate() {
        linked.insert((c, p));
        let kind = if mix.supports[i % mix.supports.len()] {
            LinkKind::Supports
        } else {
            LinkKind::Contributes
        };
        if kind == LinkKind::Supports && !with_supports {
            continue;
        }
        g.link_with(&spec.oid(c), &spec.oid(p), w, kind).unwrap();
    }
    let n = spec.n();
    for &(a, b) in &mix.extra {
        let (a, b) = (a % n, b % n);
        if a == b {
            continue;
        }
        let (lo, hi) = (a.min(b), a.max(b));
        let (c, p) = if spec.flip { (hi, lo) } else { (lo, hi) };
        if !linked.insert((c, p)) || !with_supports {
            continue;
        }
        g.link_with(&spec.oid(c), &spec.oid(p), 1.0, LinkKind::Supports)
            .unwrap();
    }
    for k in base.key_results() {
        g.add_key_result(k.clone()).unwrap();
    }
    let nodes: Vec<String> = (g.objectives().map(|o| o.id.clone()))
        .chain(g.key_results().map(|k: &KeyResult| k.id.clone()))
        .collect();
    for &(a, b, by) in &mix.deps {
        let (a, b) = (&nodes[a % nodes.len()], &nodes[b % nodes.len()]);
        let mut d = Dependency::new(a.clone(), b.clone());
        d.start_by = by.map(|o| cycle_period(0).0 + chrono::Duration::days(i64::from(o)));
        match g.add_dependency(d) {
            Ok(()) => {}
            Err(e) => assert!(
                ["dependency_cycle", "already_dependent"].contains(&e.code()),
                "{e}"
            ),
        }
    }
    g
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    /// Supporting links are in no figure: with and without them, every figure of every node
    /// is the same bit for bit (the flag `blocked` too: dependencies are the same).
    #[test]
    fn supporting_links_change_no_figure(spec in spec(7, Vals::Decimal), mix in mix()) {
        let (mut with, mut without) = (build(&spec, &mix, true), build(&spec, &mix, false));
        for (k, c) in spec.check_ins() {
            with.check_in(&format!("k{k}"), c.clone()).unwrap();
            without.check_in(&format!("k{k}"), c).unwrap();
        }
        let at = spec.as_of();
        let (a, b) = (
            with.rollup_with(at, &spec.cfg).unwrap(),
            without.rollup_with(at, &spec.cfg).unwrap(),
        );
        prop_assert_eq!(rows(&a), rows(&b));
        prop_assert_eq!(columns(&a), columns(&b));
    }

    /// The same with extreme values (weights spanning the range of f64, huge measures).
    #[test]
    fn supporting_links_change_no_figure_at_the_extremes(
        spec in spec(5, Vals::Extreme),
        mix in mix(),
    ) {
        let (mut with, mut without) = (build(&spec, &mix, true), build(&spec, &mix, false));
        for (k, c) in spec.check_ins() {
            with.check_in(&format!("k{k}"), c.clone()).unwrap();
            without.check_in(&format!("k{k}"), c).unwrap();
        }
        let at = spec.as_of();
        let (a, b) = (
            with.rollup_with(at, &spec.cfg).unwrap(),
            without.rollup_with(at, &spec.cfg).unwrap(),
        );
        prop_assert_eq!(rows(&a), rows(&b));
    }

    /// Dependencies are in no figure: only the flag `blocked` differs from the same graph
    /// without them.
    #[test]
    fn dependencies_change_no_figure(spec in spec(6, Vals::Decimal), mix in mix()) {
        let with = build(&spec, &mix, true);
        let none = Mix { deps: Vec::new(), ..mix.clone() };
        let without = build(&spec, &none, true);
        let at = spec.as_of();
        let (a, b) = (with.rollup(at), without.rollup(at));
        prop_assert_eq!(figures(&a), figures(&b));
        prop_assert!(b.nodes().all(|n| !n.values.blocked));
        // blocked is exactly "some blocker is listed"
        for n in a.nodes() {
            prop_assert_eq!(n.values.blocked, !a.blockers(n.id).is_empty(), "{}", n.id);
        }
    }

    /// On graphs mixing both kinds of links (and dependencies), refreshing a kept rollup after
    /// each check-in gives the figures of a full recompute, also after a link changes kind
    /// half way (a change of structure).
    #[test]
    fn incremental_refresh_equals_a_full_recompute(
        spec in spec(7, Vals::Decimal),
        mix in mix(),
        flip_at in any::<proptest::sample::Index>(),
    ) {
        let mut g = build(&spec, &mix, true);
        let at = spec.as_of();
        let mut r = g.rollup_with(at, &spec.cfg).unwrap();
        let check_ins = spec.check_ins();
        let half = check_ins.len() / 2;
        for (i, (k, c)) in check_ins.into_iter().enumerate() {
            if i == half {
                // turn one link to the other kind, in force long before the as-of time
                let links: Vec<(String, String, LinkKind)> = g
                    .objectives()
                    .flat_map(|o| {
                        g.parent_links(&o.id)
                            .into_iter()
                            .map(|l| (o.id.clone(), l.id.to_string(), l.kind))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                if !links.is_empty() {
                    let (c, p, kind) = &links[flip_at.index(links.len())];
                    let other = match kind {
                        LinkKind::Contributes => LinkKind::Supports,
                        LinkKind::Supports => LinkKind::Contributes,
                    };
                    let day = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
                    g.set_link_kind_at(c, p, other, Revise::on(day)).unwrap();
                    prop_assert_eq!(g.link_kind(c, p), Some(other));
                }
            }
            let kid = format!("k{k}");
            g.check_in(&kid, c).unwrap();
            r.refresh_key_result(&g, &kid).unwrap();
            let full = g.rollup_with(at, &spec.cfg).unwrap();
            prop_assert_eq!(rows(&r), rows(&full));
        }
    }
}
