//! What the rules' unit tests share: small alignment graphs, random ones, and a rule run
//! beside the reference it replaced.

use proptest::prelude::*;

use super::{GraphInput, StructureCheckFn, StructureFinding};
use crate::OkrGraph;
use crate::lint::LintConfig;
use crate::model::{Cycle, Objective, Owner};

/// Owners `org` (the root) and `team` under it, cycle `fy`; objectives `x0..` given as
/// (owned by `org`, parents among earlier objectives).
pub(super) fn graph(objs: &[(bool, Vec<usize>)]) -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("org", "", "organisation")).unwrap();
    g.add_owner(Owner::new("team", "", "team").with_parent("org"))
        .unwrap();
    let d = |m| chrono::NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
    g.add_cycle(Cycle::new("fy", d(1), d(12))).unwrap();
    for (i, (org, _)) in objs.iter().enumerate() {
        let owner = if *org { "org" } else { "team" };
        g.add_objective(Objective::new(format!("x{i}"), "", owner, "fy"))
            .unwrap();
    }
    for (i, (_, ps)) in objs.iter().enumerate() {
        for &p in ps {
            let _ = g.link(&format!("x{i}"), &format!("x{p}"), 1.0);
        }
    }
    g
}

/// Up to 30 objectives for [`graph`], each with up to 3 parents among the earlier ones.
pub(super) fn objectives() -> impl Strategy<Value = Vec<(bool, Vec<usize>)>> {
    prop::collection::vec(
        (any::<bool>(), prop::collection::vec(0usize..30, 0..4)),
        1..30,
    )
    .prop_map(|objs| {
        objs.into_iter()
            .enumerate()
            .map(|(i, (org, ps))| (org, ps.into_iter().filter(|&p| p < i).collect()))
            .collect()
    })
}

/// The findings of `check` and of `reference` on `g`.
pub(super) fn both(
    g: &OkrGraph,
    config: &LintConfig,
    check: StructureCheckFn,
    reference: StructureCheckFn,
) -> (Vec<StructureFinding>, Vec<StructureFinding>) {
    let input = GraphInput {
        graph: g,
        config,
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap(),
    };
    (check(&input), reference(&input))
}
