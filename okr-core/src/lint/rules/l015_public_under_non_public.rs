//! `L015` public-under-non-public: a STRUCTURE rule.

use super::{GraphInput, StructureFinding};

declare_rule! {
    /// ## What it does
    /// Flags a public objective aligned under an objective that is not public
    /// (`owner_line` or `private`): a non-public objective with public
    /// children.
    ///
    /// ## Definition
    /// For every alignment link (contributing or supporting) from a child to a
    /// parent: flagged, on the child, when the child's visibility is `public`
    /// and the parent's is not. Non-public children under any parent, and
    /// public children under public parents, are fine.
    ///
    /// ## Complexity
    /// O(V + E) for V objectives and E links.
    ///
    /// ## Why is this bad?
    /// Everyone sees the child, its progress and where it points, while the
    /// parent is meant for a few: the public child tells what the private goal
    /// is about, and its figures let anyone estimate the parent's. GitLab
    /// allows a confidential objective only confidential children for this
    /// reason.
    ///
    /// ## Example
    /// ```text
    /// "Hire a new head of sales" (public) aligned under "Replace the sales
    /// leadership" (private)
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Make the child at least as restricted as its parent (owner_line or
    /// private, with the same viewers), or align it elsewhere
    /// ```
    pub struct PublicUnderNonPublic;
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let mut out = Vec::new();
    for child in g.objectives().filter(|o| o.visibility.is_public()) {
        for link in g.parent_links(&child.id) {
            let Some(parent) = g.objective(link.id) else {
                continue;
            };
            if !parent.visibility.is_public() {
                out.push(StructureFinding {
                    entity: child.id.clone(),
                    message: format!(
                        "Public, but aligned under `{}`, which is {}: everyone sees what it is aligned to",
                        parent.id,
                        parent.visibility.as_str()
                    ),
                    help: Some(format!(
                        "Make it {} like `{}` (or more restricted), or align it elsewhere",
                        parent.visibility.as_str(),
                        parent.id
                    )),
                });
            }
        }
    }
    out
}
