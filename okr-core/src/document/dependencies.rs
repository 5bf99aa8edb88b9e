//! A document's `dependencies` (version 2): added through the store's API after the model and
//! its history (so that they name the objectives and key results of the latest state), and
//! written from the store in the order added.

use super::DocProblem;
use crate::error::OkrError;
use crate::graph::OkrGraph;
use crate::store::dependencies::Dependency;

/// Where in `dependencies[i]` the problem `e` of adding `d` points: the end that is unknown,
/// the `start_by` day, else the dependency itself.
fn field(d: &Dependency, e: &OkrError) -> &'static str {
    match e {
        OkrError::UnknownId { id, .. } if *id == d.blocker => ".blocker",
        OkrError::UnknownId { .. } => ".blocked",
        OkrError::InvalidValue { .. } => ".start_by",
        _ => "",
    }
}

/// Adds `deps` to `g` in document order, one problem per dependency refused (at its path:
/// `dependencies[3].blocked`). Returns false when it stopped early at a problem.
///
/// # Complexity
/// O(D²) at worst for D dependencies (a cycle search per dependency that blocks something),
/// O(D) for dependencies whose blocked nodes block nothing.
pub(super) fn build(
    g: &mut OkrGraph,
    deps: Vec<Dependency>,
    version: u32,
    stop_early: bool,
    problems: &mut Vec<DocProblem>,
) -> bool {
    if deps.is_empty() {
        return true;
    }
    if version < 2 {
        problems.push(DocProblem {
            path: "dependencies".into(),
            code: "document",
            message: "`dependencies` need version 2".into(),
        });
        return !stop_early;
    }
    for (i, d) in deps.into_iter().enumerate() {
        let keep = d.clone();
        if let Err(e) = g.add_dependency(d) {
            problems.push(DocProblem {
                path: format!("dependencies[{i}]{}", field(&keep, &e)),
                code: e.code(),
                message: e.to_string(),
            });
            if stop_early {
                return false;
            }
        }
    }
    true
}

/// The dependencies of `g`, in the order added.
pub(super) fn export(g: &OkrGraph) -> Vec<Dependency> {
    g.dependencies().cloned().collect()
}
