//! Topological order (Kahn's algorithm) over flat adjacency, and what follows from it: the
//! acyclicity check and the longest chain.

use super::csr::Csr;

/// Kahn's algorithm over the nodes `0..n` with edges `from -> to` given as `out` (by `from`):
/// every node comes after all nodes with an edge to it. Nodes on or behind a cycle are left
/// out, so the order is complete (`len() == n`) exactly when the graph is acyclic. Ready nodes
/// are taken first in, first out, starting in index order.
///
/// # Complexity
/// O(n + edges).
pub(crate) fn order(out: &Csr<u32>) -> Vec<u32> {
    let n = out.len();
    let mut pending = vec![0u32; n];
    for &t in &out.items {
        pending[t as usize] += 1;
    }
    let mut order: Vec<u32> = (0..n as u32)
        .filter(|&i| pending[i as usize] == 0)
        .collect();
    order.reserve(n.saturating_sub(order.len()));
    let mut head = 0;
    while head < order.len() {
        let i = order[head] as usize;
        head += 1;
        for &t in out.get(i) {
            pending[t as usize] -= 1;
            if pending[t as usize] == 0 {
                order.push(t);
            }
        }
    }
    order
}

/// Whether the directed graph on nodes `0..n` with `edges` (from, to) has no cycle.
///
/// # Complexity
/// O(n + edges).
pub(crate) fn is_acyclic(n: usize, edges: &[(u32, u32)]) -> bool {
    order(&Csr::group(n, edges, |&(f, t)| (f, t))).len() == n
}

/// The number of nodes on the longest path ending at each node, for an acyclic graph given
/// as `out` and its topological `order` ([`order`]): 1 for a node nothing points to.
///
/// # Complexity
/// O(n + edges).
pub(crate) fn chain_lengths(out: &Csr<u32>, order: &[u32]) -> Vec<usize> {
    let mut depth = vec![1usize; out.len()];
    for &v in order {
        let d = depth[v as usize];
        for &t in out.get(v as usize) {
            depth[t as usize] = depth[t as usize].max(d + 1);
        }
    }
    depth
}
