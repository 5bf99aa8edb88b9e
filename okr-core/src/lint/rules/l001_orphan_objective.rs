//! `L001` orphan-objective: a STRUCTURE rule.

use super::{GraphInput, StructureFinding};
use crate::align::{AlignIndex, is_root_owner, is_top_level};

declare_rule! {
    /// ## What it does
    /// Flags objectives with no path of alignment links up to any top-level
    /// objective, unless they are owned by the root of the owner tree.
    ///
    /// ## Definition
    /// A top-level objective is aligned under nothing and owned by a root owner
    /// (an owner without a parent, normally the organisation). An objective is
    /// an orphan when neither it nor any objective above it (following every
    /// link, whatever its weight) is top-level. Objectives owned by a root owner
    /// are never orphans. The message names the unaligned objective the orphan
    /// hangs under, so a whole stranded branch points to the one link to add.
    ///
    /// ## Complexity
    /// O(V + E log E): one parents-first pass finds what reaches a top-level objective, and
    /// each orphan's top inherits its first parent's. (V objectives, E links.)
    ///
    /// ## Why is this bad?
    /// Cascading exists so that every objective visibly moves the company's
    /// goals. An orphan's progress reaches no company objective: the work is
    /// invisible in the roll-up, and nobody can say what it contributes to.
    ///
    /// ## Example
    /// ```text
    /// Team objective "Speed up the build" aligned under the department
    /// objective "Better tooling", which is aligned under nothing
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Align "Better tooling" under the company objective it serves, for
    /// example "Ship twice as often in 2027"
    /// ```
    pub struct OrphanObjective;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let index = AlignIndex::new(g);
    let anchored = index.reaches(|o| is_top_level(g, o));
    // For each orphan, the parentless objective its branch starts from (the first one found
    // going up, following first parents): parents come first, so a first parent's is known
    // before its children's.
    let mut tops: Vec<usize> = Vec::with_capacity(index.len());
    for i in 0..index.len() {
        let top = index.parents[i].first().map_or(i, |&(p, _)| tops[p]);
        tops.push(top);
    }
    let mut out = Vec::new();
    for (i, o) in index.objectives.iter().enumerate() {
        if anchored[i] || is_root_owner(g, &o.owner) {
            continue;
        }
        out.push(finding(&index, i, tops[i]));
    }
    out
}

/// The finding of objective `i`, whose alignment stops at objective `top` (itself when it is
/// aligned under nothing).
fn finding(index: &AlignIndex<'_>, i: usize, top: usize) -> StructureFinding {
    let o = index.objectives[i];
    let (message, help) = if top == i {
        (
            format!(
                "Objective is aligned under nothing and its owner `{}` is not the organisation: it reaches no top-level objective",
                o.owner
            ),
            "Align it under the objective of a higher owner that it contributes to".to_string(),
        )
    } else {
        let root = index.objectives[top];
        (
            format!(
                "Objective reaches no top-level objective: its alignment stops at `{}`, which is aligned under nothing",
                root.id
            ),
            format!(
                "Align `{}` under a top-level objective, or align this one elsewhere",
                root.id
            ),
        )
    };
    StructureFinding {
        entity: o.id.clone(),
        message,
        help: Some(help),
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
        let g = input.graph;
        let index = AlignIndex::new(g);
        let anchored = index.reaches(|o| is_top_level(g, o));
        // For each orphan, the parentless objective its branch starts from (the first one found
        // going up, following first parents).
        let mut out = Vec::new();
        for (i, o) in index.objectives.iter().enumerate() {
            if anchored[i] || is_root_owner(g, &o.owner) {
                continue;
            }
            let mut top = i;
            while let Some(&(p, _)) = index.parents[top].first() {
                top = p;
            }
            out.push(finding(&index, i, top));
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn same_findings_as_before(objs in objectives()) {
            let (new, old) = both(&graph(&objs), &LintConfig::default(), check, check_reference);
            prop_assert_eq!(new, old);
        }
    }

    #[test]
    fn a_long_stranded_chain_names_its_top_for_each() {
        let n = 2_000;
        let objs: Vec<(bool, Vec<usize>)> = (0..n)
            .map(|i| (false, if i == 0 { vec![] } else { vec![i - 1] }))
            .collect();
        let (new, old) = both(&graph(&objs), &LintConfig::default(), check, check_reference);
        assert_eq!(new.len(), n);
        assert_eq!(new, old);
    }
}
