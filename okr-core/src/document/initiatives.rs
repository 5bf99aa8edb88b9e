//! A document's `initiatives` (version 2): added through the store's API after the model and
//! its history (they serve the key results of the latest state), written in the order added.

use super::DocProblem;
use crate::error::{EntityKind, OkrError};
use crate::graph::OkrGraph;
use crate::initiative::Initiative;

/// Where in `initiatives[i]` the problem `e` points: the key result or owner that is unknown,
/// the part an `InvalidValue` names (`updates[0].percent`), else the id.
fn field(id: &str, e: &OkrError) -> String {
    match e {
        OkrError::UnknownId {
            kind: EntityKind::KeyResult,
            ..
        } => ".key_result".into(),
        OkrError::UnknownId {
            kind: EntityKind::Owner,
            ..
        } => ".owner".into(),
        OkrError::InvalidValue { field, .. } => {
            let suffix = format!(" of initiative {id:?}");
            field
                .strip_suffix(&suffix)
                .map_or_else(String::new, |part| format!(".{part}"))
        }
        _ => ".id".into(),
    }
}

/// Adds `initiatives` to `g` in document order, one problem per initiative refused (at its
/// path: `initiatives[3].updates[0].percent`). Returns false when it stopped early.
///
/// # Complexity
/// O(N U log U) for N initiatives of at most U updates.
pub(super) fn build(
    g: &mut OkrGraph,
    initiatives: Vec<Initiative>,
    version: u32,
    stop_early: bool,
    problems: &mut Vec<DocProblem>,
) -> bool {
    if initiatives.is_empty() {
        return true;
    }
    if version < 2 {
        problems.push(DocProblem {
            path: "initiatives".into(),
            code: "document",
            message: "`initiatives` need version 2".into(),
        });
        return !stop_early;
    }
    for (i, x) in initiatives.into_iter().enumerate() {
        let id = x.id.clone();
        if let Err(e) = g.add_initiative(x) {
            problems.push(DocProblem {
                path: format!("initiatives[{i}]{}", field(&id, &e)),
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
