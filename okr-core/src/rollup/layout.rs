//! The frozen flat layout the rollup runs over, and the check-in columns it reads.
//!
//! Objectives are renumbered in topological order (every child before all of its parents) and
//! key results into *slots* grouped by objective in that order, so a full rollup is one
//! sequential pass over contiguous memory: first every key result slot, then every objective
//! position, each reading its inputs from flat arrays (CSR style).
//!
//! The layout is rebuilt lazily after any structural change (objectives, key results or links
//! added or removed, a key result moved, a rollup mode or a plan changed). A change of values
//! (a weight, a measure, a due date, a state, a cycle, an override) patches it in place
//! instead (`rollup/patch.rs`). Check-ins do not touch it: they
//! live in the graph, and a flat copy of them ([`Columns`]: times, effective values, carried
//! confidence, by slot) is built next to the layout. A check-in marks its key result's slot
//! dirty; the rollup reads dirty slots from the graph itself until the columns are rebuilt
//! (lazily, by a full rollup, once more than an eighth of the slots are dirty).

use std::hash::BuildHasher;
use std::sync::{Arc, OnceLock};

use petgraph::visit::EdgeRef;
use petgraph::visit::IntoEdgeReferences;

use super::aggregate::Aggregates;
use super::measure::{KrMeasure, weight_scale};
use crate::algo::csr::Csr;
use crate::model::ObjectiveState;
use crate::store::Store;
use crate::time::day_number;

/// Objectives with more counting inputs than this sum them in blocks of this size (blocks
/// summed in order), so that an incremental update re-reads one block and the block sums
/// instead of every sibling.
pub(crate) const BLOCK: usize = 64;

/// An objective is *wide* when one of its input weights, scaled by its [`weight_scale`], is
/// above 0 and below this (2^-900): its weights span more than about 2^900, too much for one
/// scale, and the rollup computes its figures from the given weights (see `Rollup::careful`).
/// Other objectives' scaled weights are 0 or at least 2^-900, so their sums keep full
/// precision (products below 2^-1022 lose at most 2^-1075 each, against a sum of weights of
/// at least 2^-900).
const WIDE: f64 = f64::from_bits((1023 - 900) << 52);

/// Whether the weight `w` scaled by `scale` keeps full precision in the sums (see [`WIDE`]).
#[inline]
pub(crate) fn narrow(w: f64, scale: f64) -> bool {
    w == 0.0 || w * scale >= WIDE
}

/// Ids by dense index, in one string (two allocations however many ids), with a hash index
/// from id to dense index built on the first lookup: a rollup that is only iterated never
/// pays for hashing its ids.
#[derive(Debug, Default, Clone)]
pub(crate) struct IdTable {
    text: String,
    ends: Vec<usize>,
    /// Open addressing, linear probing: slot holds dense index + 1, 0 when empty.
    index: OnceLock<(std::collections::hash_map::RandomState, Vec<u32>)>,
}

impl IdTable {
    /// The table of `n` ids from `(index, id)` pairs naming each index below `n` once, in any
    /// order. `items` is called twice: lengths first, then the text.
    fn scattered<'a, I: Iterator<Item = (usize, &'a str)>>(
        n: usize,
        items: impl Fn() -> I,
    ) -> IdTable {
        let mut ends = vec![0usize; n];
        for (i, id) in items() {
            ends[i] = id.len();
        }
        let mut total = 0;
        for e in &mut ends {
            total += *e;
            *e = total;
        }
        let mut text = vec![0u8; total];
        for (i, id) in items() {
            let start = if i == 0 { 0 } else { ends[i - 1] };
            text[start..ends[i]].copy_from_slice(id.as_bytes());
        }
        IdTable {
            // whole ids at their own offsets: valid UTF-8 (checked once, at memory speed)
            text: String::from_utf8(text).expect("ids are strings"),
            ends,
            index: OnceLock::new(),
        }
    }

    /// Number of ids.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The id at dense index `i`.
    pub(crate) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// Ids in dense order.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator {
        (0..self.len()).map(|i| self.get(i))
    }

    fn index(&self) -> &(std::collections::hash_map::RandomState, Vec<u32>) {
        self.index.get_or_init(|| {
            let state = std::collections::hash_map::RandomState::new();
            let size = (self.len() * 2).next_power_of_two().max(2);
            let mut slots = vec![0u32; size];
            for i in 0..self.len() {
                let mut h = state.hash_one(self.get(i)) as usize & (size - 1);
                while slots[h] != 0 {
                    h = (h + 1) & (size - 1);
                }
                slots[h] = i as u32 + 1;
            }
            (state, slots)
        })
    }

    /// The dense index of `id`.
    pub(crate) fn get_index_of(&self, id: &str) -> Option<usize> {
        let (state, slots) = self.index();
        let mask = slots.len() - 1;
        let mut h = state.hash_one(id) as usize & mask;
        loop {
            match slots[h] {
                0 => return None,
                i if self.get(i as usize - 1) == id => return Some(i as usize - 1),
                _ => h = (h + 1) & mask,
            }
        }
    }

    /// The dense index of `id` and the stored id.
    pub(crate) fn get_full(&self, id: &str) -> Option<(usize, &str)> {
        self.get_index_of(id).map(|i| (i, self.get(i)))
    }
}

impl std::ops::Index<usize> for IdTable {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        self.get(i)
    }
}

/// What the rollup reads of the objective at one position, side by side (28 bytes): an
/// incremental update reads one or two of these per objective instead of one element of
/// each of seven arrays. The ranges of position `p` end where those of `p + 1` start.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ObjInfo {
    /// Its key result slots start here.
    pub(crate) kr_start: u32,
    /// Its children start here in `Layout::child_items`.
    pub(crate) child_start: u32,
    /// Its parents start here in `Layout::parent_items`.
    pub(crate) parent_start: u32,
    /// Its block sums (objectives with more than [`BLOCK`] inputs) start here in a
    /// rollup's block array.
    pub(crate) block_start: u32,
    /// The cycle's first and last day, as day numbers (see [`day_number`]).
    pub(crate) period: (i32, i32),
    /// [`ObjInfo::ACTIVE`] and the other marks below.
    pub(crate) marks: u16,
}

impl ObjInfo {
    /// The objective is active (stale marks apply).
    pub(crate) const ACTIVE: u16 = 1;
    /// Its key results count in its progress.
    pub(crate) const COUNTS_KRS: u16 = 2;
    /// The objectives aligned under it count in its progress (its rollup mode; each of them
    /// only while its state counts).
    pub(crate) const COUNTS_CHILDREN: u16 = 4;
    /// Its state counts in its parents (active or closed).
    pub(crate) const COUNTS: u16 = 8;
    /// Its input weights span too wide a range for one scale (see [`WIDE`]).
    pub(crate) const WIDE: u16 = 16;
    /// It has a manual override (in `Layout::obj_manual`).
    pub(crate) const MANUAL: u16 = 32;
    /// Its largest scaled input weight is 1 or more (not so when every weight is 0 or the
    /// largest is subnormal): a patch of one smaller weight then keeps the scale without
    /// looking at the others.
    pub(crate) const NORMAL: u16 = 64;
    /// Its status rule is `worst`: its status is the worst of its inputs' (kept in its
    /// figures, see `ObjOut::status`).
    pub(crate) const WORST: u16 = 128;
    /// Its status is kept in its figures: it is [`WORST`](Self::WORST), or an input of one
    /// (so that a change of its status reaches the parent that reads it).
    pub(crate) const STATUS: u16 = 256;

    #[inline]
    pub(crate) fn has(&self, mark: u16) -> bool {
        self.marks & mark != 0
    }

    #[inline]
    pub(crate) fn set(&mut self, mark: u16, on: bool) {
        if on {
            self.marks |= mark;
        } else {
            self.marks &= !mark;
        }
    }

    #[inline]
    pub(crate) fn active(&self) -> bool {
        self.has(Self::ACTIVE)
    }

    #[inline]
    pub(crate) fn counts_krs(&self) -> bool {
        self.has(Self::COUNTS_KRS)
    }

    #[inline]
    pub(crate) fn counts(&self) -> bool {
        self.has(Self::COUNTS)
    }

    #[inline]
    pub(crate) fn wide(&self) -> bool {
        self.has(Self::WIDE)
    }

    #[inline]
    pub(crate) fn manual(&self) -> bool {
        self.has(Self::MANUAL)
    }

    /// The marks of objective `o` that follow from its fields.
    pub(crate) fn marks_of(o: &crate::model::Objective) -> u16 {
        let mut m = 0;
        if o.state == ObjectiveState::Active {
            m |= Self::ACTIVE;
        }
        if o.rollup.counts_key_results() {
            m |= Self::COUNTS_KRS;
        }
        if o.rollup.counts_children() {
            m |= Self::COUNTS_CHILDREN;
        }
        if o.state.counts() {
            m |= Self::COUNTS;
        }
        if o.r#override.is_some() {
            m |= Self::MANUAL;
        }
        if o.status_rule == crate::model::StatusRule::Worst {
            m |= Self::WORST | Self::STATUS;
        }
        m
    }
}

/// A process-wide unique number for a new or copied layout: a kept rollup tells by it whether
/// the layout it was computed on is still the graph's.
fn next_layout_id() -> u64 {
    static IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The layout of one structure of the graph. Values that are not structure (weights,
/// measures, periods, states, overrides) are patched in place after a revision
/// (`rollup/patch.rs`); anything else builds a new layout. What only the structure decides
/// (ids, slots, positions, parents, plans) is shared by a layout and its copies, and so are
/// the key results' periods and measures until a copy changes one (copy on write).
#[derive(Debug)]
pub(crate) struct Layout {
    /// Unique in the process for each layout built or copied (a patch in place keeps it).
    pub(crate) id: u64,
    /// Objective ids; the index is the topological position.
    pub(crate) obj_ids: Arc<IdTable>,
    /// Per position, and one more entry that ends the last position's ranges.
    pub(crate) obj: Vec<ObjInfo>,
    /// Position of each objective by its index in the graph.
    pub(crate) pos_of_dense: Arc<[u32]>,
    /// The child objectives of objectives whose rollup mode counts them, whatever their
    /// state (one that does not count is marked so in its figures, and the sums skip it):
    /// `child_items[obj[p].child_start..obj[p + 1].child_start]` are (child position, link
    /// weight scaled like the parent's key result weights).
    pub(crate) child_items: Vec<(u32, f64)>,
    /// The parents whose rollup mode counts children: (parent position, index of this
    /// objective among the parent's inputs, key results first), for incremental propagation.
    pub(crate) parent_items: Arc<[(u32, u32)]>,
    /// Per position: the power of two its input weights are scaled by ([`weight_scale`]).
    pub(crate) obj_scale: Vec<f64>,
    /// Key result ids; the index is the slot.
    pub(crate) kr_ids: Arc<IdTable>,
    /// Slot of each key result by its index in the graph (insertion order): the structure
    /// of the slots, shared with the check-in columns built for it.
    pub(crate) kr_slot: Arc<[u32]>,
    /// Graph index of the key result in each slot.
    pub(crate) kr_graph_index: Arc<[u32]>,
    /// Per slot: the position of its objective.
    pub(crate) kr_obj: Arc<[u32]>,
    /// Per slot: its weight, scaled by its objective's [`weight_scale`] (of the largest of the
    /// objective's key result weights and counting link weights): the same ratios exactly, and
    /// sums that cannot overflow.
    pub(crate) kr_weight: Vec<f64>,
    /// The input weights of wide objectives as given (key results, then counting children),
    /// and where each objective's start: (position, start), by position.
    pub(crate) wide_weights: (Vec<(u32, u32)>, Vec<f64>),
    /// Per slot: the period its pace is measured over (cycle start to due date or cycle
    /// end), as day numbers.
    pub(crate) kr_period: Arc<Vec<(i32, i32)>>,
    /// Per slot: its measure, [`KrMeasure::Manual`] for a key result with a manual override
    /// (its own measure is then in `kr_manual`): the sums read the override with no extra
    /// look-up.
    pub(crate) kr_measure: Arc<Vec<KrMeasure>>,
    /// The own measures of the key results with a manual override, by slot (ascending).
    pub(crate) kr_manual: Arc<Vec<(u32, KrMeasure)>>,
    /// The overridden attainments of objectives, by position (ascending).
    pub(crate) obj_manual: Vec<(u32, f64)>,
    /// Where each slot's plan starts in `plan_points` (the plan of slot `s` ends where that
    /// of `s + 1` starts: an empty range is the linear pace); empty when no key result has
    /// a plan.
    pub(crate) kr_plan: Arc<[u32]>,
    /// Planned points (day number, value) of every planned key result, by slot.
    pub(crate) plan_points: Arc<[(i32, f64)]>,
    /// The aggregate key results, children first, and what is under each.
    pub(crate) aggregates: Arc<Aggregates>,
    /// The dependencies between its nodes (for the `blocked` flag; never summed).
    pub(crate) deps: Arc<super::blocked::DepLayout>,
    /// The key results whose initiatives count in their figures.
    pub(crate) blends: Arc<super::initiatives::Blends>,
}

impl Clone for Layout {
    /// A copy with its own [`id`](Layout::id), for patching while a kept rollup holds the
    /// original.
    fn clone(&self) -> Layout {
        Layout {
            id: next_layout_id(),
            obj_ids: self.obj_ids.clone(),
            obj: self.obj.clone(),
            pos_of_dense: self.pos_of_dense.clone(),
            child_items: self.child_items.clone(),
            parent_items: self.parent_items.clone(),
            obj_scale: self.obj_scale.clone(),
            kr_ids: self.kr_ids.clone(),
            kr_slot: self.kr_slot.clone(),
            kr_graph_index: self.kr_graph_index.clone(),
            kr_obj: self.kr_obj.clone(),
            kr_weight: self.kr_weight.clone(),
            wide_weights: self.wide_weights.clone(),
            kr_period: self.kr_period.clone(),
            kr_measure: self.kr_measure.clone(),
            kr_manual: self.kr_manual.clone(),
            obj_manual: self.obj_manual.clone(),
            kr_plan: self.kr_plan.clone(),
            plan_points: self.plan_points.clone(),
            aggregates: self.aggregates.clone(),
            deps: self.deps.clone(),
            blends: self.blends.clone(),
        }
    }
}

/// The plans of the key results `planned` ((slot, graph index) pairs) as offsets by slot into
/// one flat array of (day number, value) points; both empty when no key result has a plan.
fn plans(g: &Store, nk: usize, planned: Vec<(u32, usize)>) -> (Vec<u32>, Vec<(i32, f64)>) {
    if planned.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let mut start = vec![0u32; nk + 1];
    for &(slot, k) in &planned {
        start[slot as usize + 1] = g.key_results[k].data.plan.len() as u32;
    }
    for s in 0..nk {
        start[s + 1] += start[s];
    }
    let mut points = vec![(0, 0.0); start[nk] as usize];
    for &(slot, k) in &planned {
        let at = start[slot as usize] as usize;
        for (i, p) in g.key_results[k].data.plan.iter().enumerate() {
            points[at + i] = (day_number(p.date), p.value);
        }
    }
    (start, points)
}

impl Layout {
    /// Builds the layout in a few sequential passes over the graph's storage (objectives, key
    /// results and links each read once, in storage order), scattering into the flat arrays:
    /// reading the graph in topological order instead would cost a cache miss per entry.
    ///
    /// # Complexity
    /// O(V + E log E + K log K) for V objectives, E links and K key results (K log K only with
    /// aggregate key results).
    pub(crate) fn build(g: &Store) -> Layout {
        let n = g.objectives.len();
        let nk = g.key_results.len();
        // dense index by petgraph node index
        let mut dense_of_node = vec![u32::MAX; petgraph::visit::NodeIndexable::node_bound(&g.dag)];
        for (i, e) in g.objectives.values().enumerate() {
            dense_of_node[e.node.index()] = i as u32;
        }

        // Links in link order, then by child (each objective's parents) and by parent (its
        // children), each list in link order. Link sequence numbers are unique: no ties, so
        // the order is the same on every target.
        let mut links: Vec<(u64, u32, u32, f64)> = (&g.dag)
            .edge_references()
            .map(|e| {
                (
                    e.weight().seq,
                    dense_of_node[e.source().index()],
                    dense_of_node[e.target().index()],
                    // a supporting link's weight is NaN here: never an input
                    if e.weight().kind.counts() {
                        e.weight().weight
                    } else {
                        f64::NAN
                    },
                )
            })
            .collect();
        crate::sort::sort_unstable_by_key(&mut links, |l| l.0);
        // the topological order follows every link (the alignment graph is one DAG: the
        // analyses read it parents first), the inputs only the contributing ones: a
        // supporting link is in no figure
        let parents_of = Csr::group(n, &links, |l| (l.1, l.2));
        links.retain(|l| !l.3.is_nan());
        let children_of = Csr::group(n, &links, |l| (l.2, (l.1, l.3)));
        drop(links);

        // children first: every objective after all of its children
        let order = crate::algo::topo::order(&parents_of);
        debug_assert_eq!(
            order.len(),
            n,
            "the alignment graph is acyclic by construction"
        );
        let mut pos_of_dense = vec![0u32; n];
        for (pos, &d) in order.iter().enumerate() {
            pos_of_dense[d as usize] = pos as u32;
        }

        // What the rollup needs of each objective, in storage order.
        let mut counts_children_d = Vec::with_capacity(n);
        let mut period_d = Vec::with_capacity(n);
        let mut by_dense = Vec::with_capacity(n);
        // (dense index, attainment) of the objectives with a manual override
        let mut manual_d = Vec::new();
        // most objectives share their cycle with the previous one: skip the hash lookup
        let mut last_cycle: Option<(&str, (i32, i32))> = None;
        for e in g.objectives.values() {
            let o = &e.data;
            let period = match last_cycle {
                Some((id, p)) if id == o.cycle => p,
                _ => {
                    let c = &g.cycles[&o.cycle];
                    let p = (day_number(c.start), day_number(c.end));
                    last_cycle = Some((&c.id, p));
                    p
                }
            };
            if let Some(x) = &o.r#override {
                manual_d.push((by_dense.len() as u32, x.attainment));
            }
            counts_children_d.push(o.rollup.counts_children());
            period_d.push(period);
            by_dense.push((ObjInfo::marks_of(o), e.key_results.len() as u32));
        }
        // By position, plus one entry that ends the last ranges. The children, parent and
        // block starts are filled in below, once those lists are laid out.
        let mut obj = Vec::with_capacity(n + 1);
        let mut slots = 0u32;
        for &d in &order {
            let (marks, krs) = by_dense[d as usize];
            obj.push(ObjInfo {
                kr_start: slots,
                period: period_d[d as usize],
                marks,
                ..ObjInfo::default()
            });
            slots += krs;
        }
        obj.push(ObjInfo {
            kr_start: slots,
            ..ObjInfo::default()
        });
        drop(by_dense);
        let mut obj_manual: Vec<(u32, f64)> = manual_d
            .into_iter()
            .map(|(d, a)| (pos_of_dense[d as usize], a))
            .collect();
        crate::sort::sort_unstable_by_key(&mut obj_manual, |m| m.0);
        let obj_ids = IdTable::scattered(n, || {
            g.objectives
                .keys()
                .zip(&pos_of_dense)
                .map(|(id, &pos)| (pos as usize, id.as_str()))
        });

        // Key result slots: objectives in topological order, each one's key results in its
        // own order. That is their order in the graph unless a key result ever moved between
        // objectives.
        let mut kr_slot = vec![0u32; nk];
        if g.key_results_reordered {
            for (d, e) in g.objectives.values().enumerate() {
                let first = obj[pos_of_dense[d] as usize].kr_start;
                for (j, kid) in e.key_results.iter().enumerate() {
                    let k = g.key_results.get_index_of(kid).expect("consistent");
                    kr_slot[k] = first + j as u32;
                }
            }
        } else {
            let mut next: Vec<u32> = pos_of_dense
                .iter()
                .map(|&p| obj[p as usize].kr_start)
                .collect();
            for (k, kr) in g.key_results.values().enumerate() {
                let d = dense_of_node[kr.objective_node.index()] as usize;
                kr_slot[k] = next[d];
                next[d] += 1;
            }
        }
        let mut kr_graph_index = vec![0u32; nk];
        let mut kr_obj = vec![0u32; nk];
        let mut kr_weight = vec![0.0; nk];
        let mut kr_period = vec![(0, 0); nk];
        let mut kr_measure = vec![KrMeasure::Direct; nk];
        let mut kr_manual = Vec::new();
        // (slot, graph index) of the key results with a plan
        let mut planned = Vec::new();
        for (k, kr) in g.key_results.values().enumerate() {
            let slot = kr_slot[k] as usize;
            let d = dense_of_node[kr.objective_node.index()] as usize;
            let (cycle_start, cycle_end) = period_d[d];
            kr_graph_index[slot] = k as u32;
            kr_obj[slot] = pos_of_dense[d];
            kr_weight[slot] = kr.data.weight;
            let end = kr.data.due.map_or(cycle_end, day_number);
            kr_period[slot] = (cycle_start.min(end), end);
            kr_measure[slot] = KrMeasure::of(&kr.data.measure);
            if let Some(x) = &kr.data.r#override {
                kr_manual.push((slot as u32, kr_measure[slot]));
                kr_measure[slot] = KrMeasure::Manual {
                    attainment: x.attainment,
                };
            }
            if !kr.data.plan.is_empty() {
                planned.push((slot as u32, k));
            }
        }
        crate::sort::sort_unstable_by_key(&mut kr_manual, |m| m.0);
        let (kr_plan, plan_points) = plans(g, nk, planned);
        let aggregates = Aggregates::build(g, &kr_slot);
        let blends = super::initiatives::Blends::build(g, &kr_slot);
        let kr_ids = IdTable::scattered(nk, || {
            g.key_results
                .keys()
                .zip(&kr_slot)
                .map(|(id, &slot)| (slot as usize, id.as_str()))
        });

        // Each objective's inputs: its key results, then its children in link order (all of
        // them when its rollup mode counts children: those whose state does not count are
        // skipped by the sums, so a change of state changes no list).
        let mut child_items = Vec::new();
        // (child position, parent position, input index), turned into a CSR below
        let mut parent_links: Vec<(u32, u32, u32)> = Vec::with_capacity(g.dag.edge_count());
        let mut blocks = 0u32;
        for (pos, &d) in order.iter().enumerate() {
            let d = d as usize;
            let own_krs = (obj[pos + 1].kr_start - obj[pos].kr_start) as usize;
            obj[pos].child_start = child_items.len() as u32;
            let first_child = child_items.len();
            if counts_children_d[d] {
                let mine = children_of.get(d);
                for &(c, w) in mine {
                    let cpos = pos_of_dense[c as usize];
                    let input = own_krs + child_items.len() - first_child;
                    child_items.push((cpos, w));
                    parent_links.push((cpos, pos as u32, input as u32));
                }
            }
            let inputs = own_krs + child_items.len() - first_child;
            obj[pos].block_start = blocks;
            if inputs > BLOCK {
                blocks += inputs.div_ceil(BLOCK) as u32;
            }
        }
        obj[n].child_start = child_items.len() as u32;
        obj[n].block_start = blocks;
        // the inputs of objectives whose status is the worst of their inputs' keep their
        // status too
        for pos in 0..n {
            if obj[pos].has(ObjInfo::WORST) {
                let (a, b) = (obj[pos].child_start, obj[pos + 1].child_start);
                for &(c, _) in &child_items[a as usize..b as usize] {
                    obj[c as usize].set(ObjInfo::STATUS, true);
                }
            }
        }

        // Each objective's input weights scaled by one power of two (exact), the largest to
        // about 1; wide objectives also keep them as given.
        let mut wide_weights = (Vec::new(), Vec::new());
        let mut obj_scale = vec![1.0; n];
        for pos in 0..n {
            let krs = &mut kr_weight[obj[pos].kr_start as usize..obj[pos + 1].kr_start as usize];
            let children =
                &mut child_items[obj[pos].child_start as usize..obj[pos + 1].child_start as usize];
            let max = krs
                .iter()
                .chain(children.iter().map(|c| &c.1))
                .fold(0.0, |m: f64, &w| w.max(m));
            let scale = weight_scale(max);
            obj_scale[pos] = scale;
            obj[pos].set(ObjInfo::NORMAL, max * scale >= 1.0);
            if !(krs.iter().all(|&w| narrow(w, scale))
                && children.iter().all(|c| narrow(c.1, scale)))
            {
                obj[pos].set(ObjInfo::WIDE, true);
                wide_weights
                    .0
                    .push((pos as u32, wide_weights.1.len() as u32));
                wide_weights
                    .1
                    .extend(krs.iter().chain(children.iter().map(|c| &c.1)));
            }
            if scale != 1.0 {
                krs.iter_mut().for_each(|w| *w *= scale);
                children.iter_mut().for_each(|c| c.1 *= scale);
            }
        }

        // by child position; each child's parents stay in link order
        let Csr {
            start: parent_start,
            items: parent_items,
        } = Csr::group(n, &parent_links, |&(c, p, i)| (c, (p, i)));
        for (o, &start) in obj.iter_mut().zip(&parent_start) {
            o.parent_start = start;
        }

        let deps = Arc::new(super::blocked::DepLayout::build(g, &pos_of_dense, &kr_slot));
        Layout {
            id: next_layout_id(),
            obj_ids: Arc::new(obj_ids),
            obj,
            pos_of_dense: pos_of_dense.into(),
            child_items,
            parent_items: parent_items.into(),
            obj_scale,
            kr_ids: Arc::new(kr_ids),
            kr_slot: kr_slot.into(),
            kr_graph_index: kr_graph_index.into(),
            kr_obj: kr_obj.into(),
            kr_weight,
            wide_weights,
            kr_period: Arc::new(kr_period),
            kr_measure: Arc::new(kr_measure),
            kr_manual: Arc::new(kr_manual),
            obj_manual,
            kr_plan: kr_plan.into(),
            plan_points: plan_points.into(),
            aggregates: Arc::new(aggregates),
            deps,
            blends: Arc::new(blends),
        }
    }

    /// The own measure of the key result at `slot` (not its manual override).
    #[inline]
    pub(crate) fn real_measure(&self, slot: usize) -> &KrMeasure {
        match self.kr_measure[slot] {
            KrMeasure::Manual { .. } => {
                let i = self
                    .kr_manual
                    .binary_search_by_key(&(slot as u32), |m| m.0)
                    .expect("every manual slot is listed");
                &self.kr_manual[i].1
            }
            _ => &self.kr_measure[slot],
        }
    }

    /// The manual override of the key result at `slot`, if any.
    #[inline]
    pub(crate) fn kr_override(&self, slot: usize) -> Option<f64> {
        match self.kr_measure[slot] {
            KrMeasure::Manual { attainment } => Some(attainment),
            _ => None,
        }
    }

    /// The manual override of the objective at `pos`, if any.
    #[inline]
    pub(crate) fn obj_override(&self, pos: usize) -> Option<f64> {
        if !self.obj[pos].manual() {
            return None;
        }
        let i = self
            .obj_manual
            .binary_search_by_key(&(pos as u32), |m| m.0)
            .expect("every manual position is listed");
        Some(self.obj_manual[i].1)
    }

    /// The planned points (day number, value) of the key result at `slot`; empty for the
    /// linear pace.
    #[inline]
    pub(crate) fn plan(&self, slot: usize) -> &[(i32, f64)] {
        if self.kr_plan.is_empty() {
            return &[];
        }
        &self.plan_points[self.kr_plan[slot] as usize..self.kr_plan[slot + 1] as usize]
    }

    /// Number of objective positions.
    pub(crate) fn objectives(&self) -> usize {
        self.obj.len() - 1
    }

    /// Number of key result slots.
    pub(crate) fn key_results(&self) -> usize {
        self.kr_obj.len()
    }

    /// The key result slots of the objective at `pos`.
    #[inline]
    pub(crate) fn kr_slots(&self, pos: usize) -> std::ops::Range<usize> {
        self.obj[pos].kr_start as usize..self.obj[pos + 1].kr_start as usize
    }

    /// The input weights of the objective at `pos` as given (key results, then counting
    /// children) when it is wide, else `None` (its weights in `kr_weight` and `child_items`,
    /// scaled by one power of two, are exact).
    pub(crate) fn wide_weights(&self, pos: usize) -> Option<&[f64]> {
        if !self.obj[pos].wide() {
            return None;
        }
        let (starts, weights) = &self.wide_weights;
        let i = starts.partition_point(|&(p, _)| (p as usize) < pos);
        let start = starts[i].1 as usize;
        let end = starts.get(i + 1).map_or(weights.len(), |s| s.1 as usize);
        Some(&weights[start..end])
    }

    /// The key results of the objective at `pos` as (slot, scaled weight).
    #[inline]
    pub(crate) fn krs(&self, pos: usize) -> impl Iterator<Item = (usize, f64)> + Clone + '_ {
        self.kr_slots(pos).map(|s| (s, self.kr_weight[s]))
    }

    /// The children of the objective at `pos` as (position, scaled link weight), when its
    /// rollup mode counts children (those whose state does not count included).
    #[inline]
    pub(crate) fn children(&self, pos: usize) -> &[(u32, f64)] {
        &self.child_items
            [self.obj[pos].child_start as usize..self.obj[pos + 1].child_start as usize]
    }

    #[inline]
    pub(crate) fn parents(&self, pos: usize) -> &[(u32, u32)] {
        &self.parent_items
            [self.obj[pos].parent_start as usize..self.obj[pos + 1].parent_start as usize]
    }

    /// The block range of the objective at `pos` (empty for objectives summed directly).
    #[inline]
    pub(crate) fn blocks(&self, pos: usize) -> std::ops::Range<usize> {
        self.obj[pos].block_start as usize..self.obj[pos + 1].block_start as usize
    }

    /// Total number of blocks.
    pub(crate) fn block_count(&self) -> usize {
        self.obj.last().map_or(0, |o| o.block_start as usize)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_objective_position_stays_28_bytes() {
        assert_eq!(std::mem::size_of::<super::ObjInfo>(), 28);
    }
}
