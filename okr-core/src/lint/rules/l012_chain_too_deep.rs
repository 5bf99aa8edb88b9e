//! `L012` chain-too-deep: a STRUCTURE rule.

use super::{GraphInput, StructureFinding};
use crate::align::AlignIndex;

declare_rule! {
    /// ## What it does
    /// Flags alignment chains longer than `thresholds.max_chain_depth` links
    /// (5 by default).
    ///
    /// ## Definition
    /// An objective's depth is the number of links on the longest chain from it
    /// up to an objective aligned under nothing. Flagged: each objective whose
    /// depth is exactly one more than the limit, the first place a chain goes
    /// too deep (deeper objectives below it are not flagged again).
    ///
    /// ## Complexity
    /// O(V + E log E) plus the chains shown: each objective's deepest parent is found once.
    /// (V objectives, E links.)
    ///
    /// ## Why is this bad?
    /// Every level dilutes a contribution by its weight share: an objective
    /// seven links down moves the company's number by almost nothing, and a
    /// deep cascade usually copies the org chart instead of the strategy.
    ///
    /// ## Example
    /// ```text
    /// Company > division > department > group > team > squad > person,
    /// each with its own objective
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Cascade only where a level adds a real choice: company > department >
    /// team, with people's key results under their team's objectives
    /// ```
    pub struct ChainTooDeep;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let limit = input.config.thresholds.max_chain_depth;
    let index = AlignIndex::new(input.graph);
    let depths = index.depths();
    // Each objective's deepest parent (the first of the deepest in position order), once.
    let deepest: Vec<Option<usize>> = index
        .parents
        .iter()
        .map(|ps| {
            ps.iter()
                .max_by_key(|(p, _)| (depths[*p], std::cmp::Reverse(*p)))
                .map(|&(p, _)| p)
        })
        .collect();
    let mut out = Vec::new();
    // a limit no chain can pass flags nothing (`validate` refuses one above `MAX_COUNT`)
    let Some(flagged) = limit.checked_add(1) else {
        return out;
    };
    for (i, &d) in depths.iter().enumerate() {
        if d != flagged {
            continue;
        }
        // Walk up along the deepest parents to show the chain.
        let mut chain = vec![index.objectives[i].id.as_str()];
        let mut cur = i;
        while let Some(p) = deepest[cur] {
            chain.push(index.objectives[p].id.as_str());
            cur = p;
        }
        out.push(finding(&chain, d, limit));
    }
    out
}

/// The finding of the objective that starts `chain` (its ids, up to the top), `d` links long.
fn finding(chain: &[&str], d: usize, limit: usize) -> StructureFinding {
    StructureFinding {
        entity: chain[0].to_string(),
        message: format!(
            "Alignment chain of {d} links, more than {limit}: {}",
            chain.join(" -> ")
        ),
        help: Some("Align it higher up, or drop a level of the cascade that adds no choice".into()),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::testing::{both, graph, objectives};
    use super::*;
    use crate::lint::LintConfig;

    // The rule as it was.
    fn check_reference(input: &GraphInput<'_>) -> Vec<StructureFinding> {
        let limit = input.config.thresholds.max_chain_depth;
        let index = AlignIndex::new(input.graph);
        let depths = index.depths();
        let mut out = Vec::new();
        for (i, &d) in depths.iter().enumerate() {
            if d != limit + 1 {
                continue;
            }
            // Walk up along the deepest parents to show the chain.
            let mut chain = vec![index.objectives[i].id.as_str()];
            let mut cur = i;
            while let Some(&(p, _)) = index.parents[cur]
                .iter()
                .max_by_key(|(p, _)| (depths[*p], std::cmp::Reverse(*p)))
            {
                chain.push(index.objectives[p].id.as_str());
                cur = p;
            }
            out.push(finding(&chain, d, limit));
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn same_findings_as_before(objs in objectives(), limit in 0usize..5) {
            let mut config = LintConfig::default();
            config.thresholds.max_chain_depth = limit;
            let (new, old) = both(&graph(&objs), &config, check, check_reference);
            prop_assert_eq!(new, old);
        }
    }

    #[test]
    fn the_largest_limit_flags_nothing_and_does_not_wrap() {
        // a library caller may skip `validate`: usize::MAX + 1 must not wrap to 0
        let objs: Vec<(bool, Vec<usize>)> = vec![(true, vec![]), (false, vec![0])];
        let mut config = LintConfig::default();
        config.thresholds.max_chain_depth = usize::MAX;
        let g = graph(&objs);
        let (new, _) = both(&g, &config, check, |_| Vec::new());
        assert!(new.is_empty(), "{new:?}");
    }

    #[test]
    fn chains_through_objectives_with_many_parents() {
        // layers of 30, each objective under every objective of the layer above
        let w = 30;
        let objs: Vec<(bool, Vec<usize>)> = (0..8 * w)
            .map(|i| (i < w, if i < w { vec![] } else { (i / w * w - w..i / w * w).collect() }))
            .collect();
        let (new, old) = both(&graph(&objs), &LintConfig::default(), check, check_reference);
        assert_eq!(new.len(), w);
        assert_eq!(new, old);
    }
}
