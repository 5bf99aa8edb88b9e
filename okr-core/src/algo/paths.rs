//! Path search in the alignment DAG.

use petgraph::Direction;
use petgraph::algo::{DfsSpace, has_path_connecting};
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::Visitable;

/// A path `from -> ... -> to` along the DAG's edges, if one exists (the trivial path when
/// `from == to`). `space` is the visited set, reused from one call to the next.
///
/// Whether a path exists is petgraph's [`has_path_connecting`] (a depth-first search); only
/// when one does (a link refused for closing a cycle) is it searched again to name it.
///
/// # Complexity
/// O(1) when `to` has no incoming edges or `from` no outgoing ones (most links in an org
/// chart); otherwise O(V + E) at worst.
pub(crate) fn path_between<N, E>(
    dag: &StableDiGraph<N, E>,
    from: NodeIndex,
    to: NodeIndex,
    space: &mut DfsSpace<NodeIndex, <StableDiGraph<N, E> as Visitable>::Map>,
) -> Option<Vec<NodeIndex>> {
    if from == to {
        return Some(vec![from]);
    }
    let none = |n, dir| dag.edges_directed(n, dir).next().is_none();
    if none(to, Direction::Incoming) || none(from, Direction::Outgoing) {
        return None;
    }
    if !has_path_connecting(dag, from, to, Some(space)) {
        return None;
    }
    // name the path: a search that records each node's predecessor
    let mut pred = std::collections::HashMap::new();
    let mut stack = vec![from];
    pred.insert(from, from);
    while let Some(n) = stack.pop() {
        for next in dag.neighbors_directed(n, Direction::Outgoing) {
            if pred.contains_key(&next) {
                continue;
            }
            pred.insert(next, n);
            if next == to {
                let mut path = vec![to];
                let mut cur = to;
                while cur != from {
                    cur = pred[&cur];
                    path.push(cur);
                }
                path.reverse();
                return Some(path);
            }
            stack.push(next);
        }
    }
    None
}
