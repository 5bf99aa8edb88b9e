//! Strongly connected components (Tarjan's algorithm, without recursion).

use super::csr::Csr;

/// The strongly connected components of the directed graph on nodes `0..n` with edges
/// `from -> to` given as `out` (by `from`). Returns each node's component (numbered from 0,
/// a component before every component that reaches it) and each node's depth-first finishing
/// time: every edge `u -> v` with `finish[u] < finish[v]` closes a cycle (a back edge of the
/// search), so the order of decreasing finishing time is a topological order of any acyclic
/// part of the graph. The search starts from the nodes in index order and follows each
/// node's edges in the order `out` keeps them.
///
/// # Complexity
/// O(n + edges) time; O(n) memory besides the result.
pub(crate) fn components(out: &Csr<u32>) -> Components {
    let n = out.len();
    let mut t = Tarjan {
        index: vec![UNSET; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        path: Vec::new(),
        counter: 0,
    };
    let mut component = vec![UNSET; n];
    let mut finish = vec![0u32; n];
    let (mut finished, mut count) = (0u32, 0u32);
    for s in 0..n {
        if t.index[s] != UNSET {
            continue;
        }
        t.enter(s, out);
        while let Some(top) = t.path.last_mut() {
            let v = top.0 as usize;
            if top.1 < out.start[v + 1] {
                let w = out.items[top.1 as usize] as usize;
                top.1 += 1;
                if t.index[w] == UNSET {
                    t.enter(w, out);
                } else if t.on_stack[w] {
                    t.low[v] = t.low[v].min(t.index[w]);
                }
                continue;
            }
            t.path.pop();
            finish[v] = finished;
            finished += 1;
            if let Some(&(u, _)) = t.path.last() {
                t.low[u as usize] = t.low[u as usize].min(t.low[v]);
            }
            if t.low[v] == t.index[v] {
                loop {
                    let w = t.stack.pop().expect("v is on the stack") as usize;
                    t.on_stack[w] = false;
                    component[w] = count;
                    if w == v {
                        break;
                    }
                }
                count += 1;
            }
        }
    }
    Components {
        component,
        count: count as usize,
        finish,
    }
}

const UNSET: u32 = u32::MAX;

/// The search's state: each node's discovery index and lowest reachable index, the stack of
/// nodes not yet in a component, and the depth-first path (node, position of its next edge).
struct Tarjan {
    index: Vec<u32>,
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<u32>,
    path: Vec<(u32, u32)>,
    counter: u32,
}

impl Tarjan {
    /// Discovers `v`: numbers it and puts it on the stack and the path.
    fn enter(&mut self, v: usize, out: &Csr<u32>) {
        self.index[v] = self.counter;
        self.low[v] = self.counter;
        self.counter += 1;
        self.stack.push(v as u32);
        self.on_stack[v] = true;
        self.path.push((v as u32, out.start[v]));
    }
}

/// What [`components`] finds.
pub(crate) struct Components {
    /// Each node's component.
    pub(crate) component: Vec<u32>,
    /// The number of components.
    pub(crate) count: usize,
    /// Each node's depth-first finishing time (a permutation of `0..n`).
    pub(crate) finish: Vec<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(n: usize, edges: &[(u32, u32)]) -> Components {
        components(&Csr::group(n, edges, |&(f, t)| (f, t)))
    }

    #[test]
    #[allow(clippy::disallowed_methods)] // a test may sort with std
    fn finds_the_components_of_a_small_graph() {
        // 0 -> 1 -> 2 -> 0, 2 -> 3, 3 -> 4 -> 3, 5 alone
        let c = of(6, &[(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 3)]);
        assert_eq!(c.count, 3);
        assert_eq!(c.component[0], c.component[1]);
        assert_eq!(c.component[1], c.component[2]);
        assert_eq!(c.component[3], c.component[4]);
        assert_ne!(c.component[0], c.component[3]);
        assert_ne!(c.component[5], c.component[0]);
        // a component comes before every component that reaches it
        assert!(c.component[3] < c.component[0]);
        let mut f = c.finish.clone();
        f.sort_unstable();
        assert_eq!(f, (0..6).collect::<Vec<u32>>());
    }

    #[test]
    fn a_long_chain_needs_no_recursion() {
        let n = 1_000_000u32;
        let edges: Vec<(u32, u32)> = (1..n).map(|i| (i - 1, i)).chain([(n - 1, 0)]).collect();
        let c = of(n as usize, &edges);
        assert_eq!(c.count, 1);
        let edges: Vec<(u32, u32)> = (1..n).map(|i| (i - 1, i)).collect();
        let c = of(n as usize, &edges);
        assert_eq!(c.count, n as usize);
        // decreasing finishing time is a topological order of an acyclic graph
        assert!(
            edges
                .iter()
                .all(|&(u, v)| c.finish[u as usize] > c.finish[v as usize])
        );
    }
}
