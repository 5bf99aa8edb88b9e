//! Links added one at a time in a given order, each refused when it would close a cycle with
//! the links accepted before it: what calling the store's `link` on each link of a document in
//! document order does, in one pass instead of a search per link.
//!
//! Two observations make it near-linear:
//! - a link can only close a cycle inside a group of nodes that the links, all of them,
//!   make strongly connected ([`scc::components`](super::scc::components)): every link
//!   between two groups is accepted without a search;
//! - inside a group, a topological order of the links accepted so far is kept up to date
//!   (Pearce and Kelly's dynamic topological order, "A dynamic topological sort algorithm for
//!   directed acyclic graphs", JEA 2006). A link that agrees with the order cannot close a
//!   cycle and costs O(1); only a link that disagrees is searched, and only over the part of
//!   the order between its two ends, where any path it could close must lie. The depth-first
//!   search order starts as the reverse of a depth-first finishing order over all the links,
//!   which every link agrees with except those that close cycles in that search.
//!
//! A refused link is named by the path the store's `link` would name
//! ([`paths::path_between`](super::paths::path_between): petgraph's edge order, the most
//! recently added link of a node first, and a "mark when pushed" depth-first search). That
//! search, restricted to the nodes that lie on some path from the link's parent end to its child
//! end, finds the same path: a node off every such path only leads to other such nodes, so
//! leaving them out changes neither which nodes the search reaches first nor from where.
//! The nodes outside the link's group or outside the part of the order between its ends are
//! such nodes.

use super::csr::Csr;
use super::scc;

/// What adding one link does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Added.
    Accepted,
    /// The same link (same two ends, same direction) was accepted before.
    Duplicate,
    /// Refused, as it closes a cycle: the path `to -> ... -> from` along accepted links, as
    /// the store's `link` names it (a link from a node to itself: the path `[from]`).
    Cycle(Vec<u32>),
}

/// Adds the links `from -> to` (nodes below `n`) in order: a link already accepted is a
/// [`Verdict::Duplicate`]; a link whose `to` already reaches its `from` along accepted links
/// (or with `from == to`) is refused with the path it would close; every other link is
/// accepted. One verdict per link, in order. See the [module docs](self).
///
/// # Complexity
/// O(n + L) time and memory for L links (a hash of the accepted pairs for the duplicates),
/// when no link disagrees with the order kept inside its group: in particular for links with
/// no cycle among them, links between groups, and each group whose links come in an order a
/// depth-first search agrees with. A link that disagrees costs a search of the region of the
/// order between its two ends, plus sorting what it moved: at worst O(V_S + E_S) for a group
/// of V_S nodes and E_S accepted links (as one search per link would), so O(L (n + L)) at
/// worst in all. Named paths add their length. Not linear on links drawn at random among
/// many nodes (one strongly connected group of most of them, where many links disagree with
/// any order found ahead): there the work grew about 20-fold per 4-fold size in
/// `okr-scale`'s `random_links` (still 20 to 25 times faster than a search per cycle). No
/// algorithm is known to decide such a sequence in near-linear time in general: it is
/// incremental cycle detection, whose best known bounds are polynomially super-linear.
pub(crate) fn add_in_order(n: usize, links: &[(u32, u32)]) -> Vec<Verdict> {
    let proper: Vec<(u32, u32)> = links.iter().copied().filter(|&(f, t)| f != t).collect();
    let comps = scc::components(&Csr::group(n, &proper, |&(f, t)| (f, t)));
    drop(proper);
    let mut size = vec![0u32; comps.count];
    for &c in &comps.component {
        size[c as usize] += 1;
    }
    // The nodes of groups of two or more, by a dense local index.
    let mut local = vec![u32::MAX; n];
    let mut order = DynamicOrder::default();
    for v in 0..n {
        if size[comps.component[v] as usize] > 1 {
            local[v] = order.ord.len() as u32;
            order.node.push(v as u32);
            // decreasing finishing time: a topological order of the links of the search tree
            order.ord.push(n as u32 - 1 - comps.finish[v]);
        }
    }
    order.out = vec![Vec::new(); order.ord.len()];
    order.inc = vec![Vec::new(); order.ord.len()];
    order.mark = vec![0; order.ord.len()];
    order.pred = vec![0; order.ord.len()];

    let mut accepted: std::collections::HashSet<(u32, u32)> =
        std::collections::HashSet::with_capacity(links.len());
    links
        .iter()
        .map(|&(f, t)| {
            if f == t {
                return Verdict::Cycle(vec![t]);
            }
            if accepted.contains(&(f, t)) {
                return Verdict::Duplicate;
            }
            let (cf, ct) = (comps.component[f as usize], comps.component[t as usize]);
            if cf == ct {
                let (lf, lt) = (local[f as usize], local[t as usize]);
                if let Err(path) = order.insert(lf, lt) {
                    return Verdict::Cycle(path);
                }
            }
            accepted.insert((f, t));
            Verdict::Accepted
        })
        .collect()
}

/// The accepted links of the groups with a topological order kept up to date (by local
/// index): every accepted link `u -> v` has `ord[u] < ord[v]`.
#[derive(Default)]
struct DynamicOrder {
    /// Position in the order (distinct values, not necessarily contiguous).
    ord: Vec<u32>,
    /// The node each local index stands for.
    node: Vec<u32>,
    /// Accepted links out of each node, in the order they were accepted.
    out: Vec<Vec<u32>>,
    /// Accepted links into each node.
    inc: Vec<Vec<u32>>,
    /// Visit marks: `mark[v] == epoch` when visited by the current search.
    mark: Vec<u32>,
    epoch: u32,
    /// The forward search's predecessors (to name a path).
    pred: Vec<u32>,
}

impl DynamicOrder {
    fn next_epoch(&mut self) -> u32 {
        if self.epoch == u32::MAX {
            self.mark.fill(0);
            self.epoch = 0;
        }
        self.epoch += 1;
        self.epoch
    }

    /// Adds `f -> t` unless `t` reaches `f`; then returns the path `t -> ... -> f` (node
    /// numbers, not local indices).
    fn insert(&mut self, f: u32, t: u32) -> Result<(), Vec<u32>> {
        let (lb, ub) = (self.ord[t as usize], self.ord[f as usize]);
        if ub < lb {
            self.link(f, t);
            return Ok(());
        }
        // Forward from `t`, as `paths::path_between` searches (most recent link first, mark
        // when pushed), over the nodes placed no later than `f`: only they can lie on a
        // path from `t` to `f`.
        let epoch = self.next_epoch();
        let mut forward = vec![t];
        let mut stack = vec![t];
        self.mark[t as usize] = epoch;
        while let Some(v) = stack.pop() {
            for &w in self.out[v as usize].iter().rev() {
                if self.mark[w as usize] == epoch || self.ord[w as usize] > ub {
                    continue;
                }
                self.mark[w as usize] = epoch;
                self.pred[w as usize] = v;
                if w == f {
                    let mut path = vec![self.node[f as usize]];
                    let mut cur = f;
                    while cur != t {
                        cur = self.pred[cur as usize];
                        path.push(self.node[cur as usize]);
                    }
                    path.reverse();
                    return Err(path);
                }
                stack.push(w);
                forward.push(w);
            }
        }
        // Backward from `f` over the nodes placed no earlier than `t` (none of them is in
        // `forward`: that would be a path from `t` to `f`).
        let epoch = self.next_epoch();
        let mut backward = vec![f];
        let mut stack = vec![f];
        self.mark[f as usize] = epoch;
        while let Some(v) = stack.pop() {
            for &w in &self.inc[v as usize] {
                if self.mark[w as usize] == epoch || self.ord[w as usize] < lb {
                    continue;
                }
                self.mark[w as usize] = epoch;
                stack.push(w);
                backward.push(w);
            }
        }
        // What reaches `f` now comes before what `t` reaches, in the positions they held.
        let ord = &self.ord;
        crate::sort::sort_unstable_by_key(&mut backward, |&v| ord[v as usize]);
        crate::sort::sort_unstable_by_key(&mut forward, |&v| ord[v as usize]);
        let mut slots: Vec<u32> = Vec::with_capacity(backward.len() + forward.len());
        let (mut i, mut j) = (0, 0);
        while i < backward.len() || j < forward.len() {
            let take_b = j == forward.len()
                || (i < backward.len() && ord[backward[i] as usize] < ord[forward[j] as usize]);
            if take_b {
                slots.push(ord[backward[i] as usize]);
                i += 1;
            } else {
                slots.push(ord[forward[j] as usize]);
                j += 1;
            }
        }
        for (v, slot) in backward.into_iter().chain(forward).zip(slots) {
            self.ord[v as usize] = slot;
        }
        self.link(f, t);
        Ok(())
    }

    fn link(&mut self, f: u32, t: u32) {
        self.out[f as usize].push(t);
        self.inc[t as usize].push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::algo::DfsSpace;
    use petgraph::stable_graph::{NodeIndex, StableDiGraph};
    use proptest::prelude::*;

    /// The reference: petgraph and the store's own path search, one link at a time.
    fn one_by_one(n: usize, links: &[(u32, u32)]) -> Vec<Verdict> {
        let mut g: StableDiGraph<(), ()> = StableDiGraph::new();
        let nodes: Vec<NodeIndex> = (0..n).map(|_| g.add_node(())).collect();
        let mut space = DfsSpace::new(&g);
        links
            .iter()
            .map(|&(f, t)| {
                let (a, b) = (nodes[f as usize], nodes[t as usize]);
                if g.find_edge(a, b).is_some() {
                    return Verdict::Duplicate;
                }
                if let Some(path) = super::super::paths::path_between(&g, b, a, &mut space) {
                    return Verdict::Cycle(path.into_iter().map(|x| x.index() as u32).collect());
                }
                g.add_edge(a, b, ());
                Verdict::Accepted
            })
            .collect()
    }

    #[test]
    fn many_two_cycles_each_refused_once() {
        let n = 2_000u32;
        let links: Vec<(u32, u32)> = (0..n / 2)
            .flat_map(|i| [(2 * i, 2 * i + 1), (2 * i + 1, 2 * i)])
            .collect();
        let got = add_in_order(n as usize, &links);
        assert_eq!(got, one_by_one(n as usize, &links));
        assert_eq!(got[1], Verdict::Cycle(vec![0, 1]));
    }

    #[test]
    fn a_long_cycle_closed_by_its_last_link() {
        // 0 -> n-1 first, then i -> i-1: the last link, n-1 -> n-2, closes the cycle
        let n = 5_000u32;
        let links: Vec<(u32, u32)> = [(0, n - 1)]
            .into_iter()
            .chain((1..n).map(|i| (i, i - 1)))
            .collect();
        let got = add_in_order(n as usize, &links);
        let want: Vec<u32> = (0..n - 1).rev().chain([n - 1]).collect();
        assert_eq!(got.last(), Some(&Verdict::Cycle(want)));
        assert!(
            got[..links.len() - 1]
                .iter()
                .all(|v| *v == Verdict::Accepted)
        );
        assert_eq!(got, one_by_one(n as usize, &links));
    }

    #[test]
    fn self_links_and_duplicates() {
        let links = [(0, 0), (0, 1), (0, 1), (1, 0), (1, 0), (1, 2), (2, 0)];
        let got = add_in_order(3, &links);
        assert_eq!(got, one_by_one(3, &links));
        assert_eq!(got[0], Verdict::Cycle(vec![0]));
        assert_eq!(got[2], Verdict::Duplicate);
        assert_eq!(got[4], Verdict::Cycle(vec![0, 1]));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        #[test]
        fn same_verdicts_as_one_link_at_a_time(
            n in 1usize..12,
            raw in prop::collection::vec((0u32..12, 0u32..12), 0..60),
        ) {
            let links: Vec<(u32, u32)> =
                raw.into_iter().map(|(f, t)| (f % n as u32, t % n as u32)).collect();
            prop_assert_eq!(add_in_order(n, &links), one_by_one(n, &links));
        }

        #[test]
        fn same_verdicts_on_larger_sparse_graphs(
            n in 20usize..200,
            raw in prop::collection::vec((0u32..200, 0u32..200), 0..600),
        ) {
            let links: Vec<(u32, u32)> =
                raw.into_iter().map(|(f, t)| (f % n as u32, t % n as u32)).collect();
            prop_assert_eq!(add_in_order(n, &links), one_by_one(n, &links));
        }
    }
}
