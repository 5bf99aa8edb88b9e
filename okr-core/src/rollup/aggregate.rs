//! Aggregate key results: a key result whose value is computed from the key results under it
//! (sum, mean, min, max, or the count of those done), then measured from its start to its
//! target like a numeric key result.
//!
//! The layout lists the aggregates children first ([`Aggregates`]). A full rollup computes
//! every aggregate's value before its pass over the objectives (the values depend on the key
//! results' check-ins only, never on objectives), and the pass reads an aggregate's value as
//! if it were the check-in in force: kept in the rollup's side table, with the time of the
//! latest check-in in force among the key results under it (none: no time). A check-in on a
//! key result under an aggregate recomputes that aggregate and the aggregates above it, then
//! propagates through the objectives like any key result's change.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::cache::Columns;
use super::engine::{Current, Rollup};
use super::layout::Layout;
use super::measure::{KrMeasure, kr_figures, value_in_force};
use crate::model::{AggregateFunction, Measure};
use crate::store::Store;

/// No aggregate (in [`Aggregates::index_of_slot`] and [`Aggregates::parent_of_slot`]).
pub(crate) const NONE: u32 = u32::MAX;

/// `Current::secs` of an aggregate none of whose inputs has a check-in in force.
pub(crate) const NO_TIME: i64 = i64::MIN;

/// The aggregate key results of a layout, children before parents.
#[derive(Debug, Default)]
pub(crate) struct Aggregates {
    /// Per aggregate: (its slot, its function, where its inputs start in `inputs`); the
    /// inputs of aggregate `i` end where those of `i + 1` start. Every aggregate comes after
    /// the aggregates under it.
    pub(crate) items: Vec<(u32, AggregateFunction, u32)>,
    /// The key results under each aggregate, in the store's order.
    pub(crate) inputs: Vec<AggInput>,
    /// Per slot: its index in `items`, or [`NONE`]; empty when there are no aggregates.
    pub(crate) index_of_slot: Vec<u32>,
    /// Per slot: the index in `items` of the aggregate it is under, or [`NONE`]; empty when
    /// there are no aggregates.
    pub(crate) parent_of_slot: Vec<u32>,
    /// (slot, index in `items`) of every aggregate, by slot: a full rollup meets them in this
    /// order.
    pub(crate) by_slot: Vec<(u32, u32)>,
    /// Per aggregate: whether a full rollup computes it before its pass over the objectives
    /// (an input of it comes after it in slot order, or it is under such an aggregate), else
    /// in the pass, when it meets the aggregate's slot (every input read by then).
    pub(crate) early: Vec<bool>,
    /// (slot, index in `inputs`) of the inputs that are not aggregates themselves, by slot:
    /// those of early aggregates (read before the pass, through memory in order), and those of
    /// the others (kept as the pass meets them).
    pub(crate) leaves: (Vec<Leaf>, Vec<Leaf>),
}

/// (slot, index in `Aggregates::inputs`) of an input that is not an aggregate itself.
pub(crate) type Leaf = (u32, u32);

/// A key result under an aggregate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AggInput {
    /// Its slot.
    pub(crate) slot: u32,
    /// Its index in `Aggregates::items` when it is an aggregate itself, else [`NONE`] (the
    /// same as `Aggregates::index_of_slot[slot]`, at hand where the inputs are read).
    pub(crate) agg: u32,
    /// The conversion factor its values are taken with.
    pub(crate) factor: f64,
}

impl Aggregates {
    /// The aggregates of `g`, whose key results sit at `kr_slot` (by store position).
    ///
    /// # Complexity
    /// O(K log K) for K key results (O(K) to find there are none).
    pub(crate) fn build(g: &Store, kr_slot: &[u32]) -> Aggregates {
        // store positions of the aggregates
        let aggregates: Vec<usize> = g
            .key_results
            .values()
            .enumerate()
            .filter(|(_, e)| matches!(e.data.measure, Measure::Aggregate { .. }))
            .map(|(k, _)| k)
            .collect();
        if aggregates.is_empty() {
            return Aggregates::default();
        }
        let nk = kr_slot.len();
        let parent_k = |k: usize| -> Option<usize> {
            let p = g.key_results[k].data.parent.as_ref()?;
            g.key_results.get_index_of(&p.id)
        };
        // depth of each aggregate below its top one (the parent chains are acyclic); an
        // aggregate comes after every aggregate deeper than it
        let mut depth = vec![u32::MAX; nk];
        let mut chain = Vec::new();
        for &a in &aggregates {
            let mut k = a;
            while depth[k] == u32::MAX {
                chain.push(k);
                match parent_k(k) {
                    Some(p) => k = p,
                    None => break,
                }
            }
            let mut d = if depth[k] == u32::MAX {
                0
            } else {
                depth[k] + 1
            };
            while let Some(k) = chain.pop() {
                if depth[k] == u32::MAX {
                    depth[k] = d;
                }
                d = depth[k] + 1;
            }
        }
        // deeper first, then by slot: at one depth (every aggregate when none is under
        // another) a full rollup meets them in this order, and reads their inputs through
        // memory in order
        let mut order = aggregates;
        crate::sort::sort_by_key(&mut order, |&k| (Reverse(depth[k]), kr_slot[k]));
        let mut index_of_slot = vec![NONE; nk];
        for (i, &k) in order.iter().enumerate() {
            index_of_slot[kr_slot[k] as usize] = i as u32;
        }
        // the inputs of each aggregate, in the store's order
        let mut counts = vec![0u32; order.len() + 1];
        let mut parent_of_slot = vec![NONE; nk];
        let mut under: Vec<(u32, u32, f64)> = Vec::new();
        for (k, e) in g.key_results.values().enumerate() {
            let Some(link) = &e.data.parent else { continue };
            let Some(p) = g.key_results.get_index_of(&link.id) else {
                continue;
            };
            let i = index_of_slot[kr_slot[p] as usize];
            debug_assert_ne!(i, NONE, "a parent is an aggregate");
            parent_of_slot[kr_slot[k] as usize] = i;
            counts[i as usize + 1] += 1;
            under.push((i, kr_slot[k], link.factor.unwrap_or(1.0)));
        }
        for i in 0..order.len() {
            counts[i + 1] += counts[i];
        }
        let mut next = counts.clone();
        let mut inputs = vec![
            AggInput {
                slot: 0,
                agg: NONE,
                factor: 0.0
            };
            under.len()
        ];
        for (i, slot, factor) in under {
            inputs[next[i as usize] as usize] = AggInput {
                slot,
                agg: index_of_slot[slot as usize],
                factor,
            };
            next[i as usize] += 1;
        }
        // early: an input after it in slot order (its value must be known before the pass
        // reaches it), or under an early one (parents come after their inputs in `order`)
        let mut early: Vec<bool> = (0..order.len())
            .map(|i| {
                let end = counts[i + 1] as usize;
                let slot = kr_slot[order[i]];
                inputs[counts[i] as usize..end]
                    .iter()
                    .any(|x| x.slot > slot)
            })
            .collect();
        for i in (0..order.len()).rev() {
            if early[i] {
                for x in &inputs[counts[i] as usize..counts[i + 1] as usize] {
                    if x.agg != NONE {
                        early[x.agg as usize] = true;
                    }
                }
            }
        }
        let mut owner = vec![0u32; inputs.len()];
        for i in 0..order.len() {
            owner[counts[i] as usize..counts[i + 1] as usize].fill(i as u32);
        }
        let (mut first, mut later): (Vec<Leaf>, Vec<Leaf>) = (0..inputs.len() as u32)
            .filter(|&i| inputs[i as usize].agg == NONE)
            .map(|i| (inputs[i as usize].slot, i))
            .partition(|&(_, i)| early[owner[i as usize] as usize]);
        crate::sort::sort_unstable_by_key(&mut first, |&(slot, _)| slot);
        crate::sort::sort_unstable_by_key(&mut later, |&(slot, _)| slot);
        let leaves = (first, later);
        let mut by_slot: Vec<(u32, u32)> = order
            .iter()
            .enumerate()
            .map(|(i, &k)| (kr_slot[k], i as u32))
            .collect();
        crate::sort::sort_unstable_by_key(&mut by_slot, |a| a.0);
        let items = order
            .iter()
            .enumerate()
            .map(|(i, &k)| {
                let Measure::Aggregate { function, .. } = g.key_results[k].data.measure else {
                    unreachable!("only aggregates are listed")
                };
                (kr_slot[k], function, counts[i])
            })
            .collect();
        Aggregates {
            items,
            inputs,
            index_of_slot,
            parent_of_slot,
            by_slot,
            early,
            leaves,
        }
    }

    /// Whether there is none.
    #[inline]
    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The aggregate index of the key result at `slot`, if it is one.
    #[inline]
    pub(crate) fn index(&self, slot: usize) -> Option<usize> {
        match self.index_of_slot.get(slot) {
            Some(&i) if i != NONE => Some(i as usize),
            _ => None,
        }
    }

    /// The inputs of aggregate `i`.
    #[inline]
    pub(crate) fn inputs(&self, i: usize) -> &[AggInput] {
        let start = self.items[i].2 as usize;
        let end = self
            .items
            .get(i + 1)
            .map_or(self.inputs.len(), |x| x.2 as usize);
        &self.inputs[start..end]
    }
}

/// What an aggregate takes of one input: its value in its own measure (NaN for none), its
/// progress, and the time of its check-in in force (`secs` [`NO_TIME`] for none).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Input {
    value: f64,
    progress: f64,
    secs: i64,
    nanos: u32,
}

impl Input {
    const NONE: Input = Input {
        value: f64::NAN,
        progress: f64::NAN,
        secs: NO_TIME,
        nanos: 0,
    };
}

/// What an aggregate of `function` takes of an input whose value in force is `value` (NaN:
/// none) with its conversion `factor` and whose progress is `progress` (NaN: undefined): the
/// value times the factor (NaN: it takes no part), or under `count_done` 1 when the input is
/// done (progress 1) and 0 when not.
pub(crate) fn takes(function: AggregateFunction, value: f64, factor: f64, progress: f64) -> f64 {
    match function {
        AggregateFunction::CountDone => f64::from(u8::from(progress >= 1.0)),
        _ => value * factor,
    }
}

/// An aggregate's value as it is being computed.
struct Acc {
    function: AggregateFunction,
    sum: f64,
    min: f64,
    max: f64,
    /// Inputs with a value (`count_done`: inputs).
    n: u32,
    done: u32,
    /// The latest check-in time in force among the inputs.
    time: (i64, u32),
    /// The sum of the values scaled by [`SCALE`] (exact: a power of two), for a mean whose
    /// plain sum overflows.
    scaled: f64,
}

/// 2^-64: values scaled by it sum without overflowing (each at most about 1e289).
const SCALE: f64 = 1.0 / 18_446_744_073_709_551_616.0;

impl Acc {
    fn new(function: AggregateFunction) -> Acc {
        Acc {
            function,
            sum: 0.0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            n: 0,
            done: 0,
            time: (NO_TIME, 0),
            scaled: 0.0,
        }
    }

    /// Adds an input whose value in force is `value` (NaN: none) and progress `progress`,
    /// with its check-in time (`secs` [`NO_TIME`] for none).
    fn add(&mut self, value: f64, factor: f64, progress: f64, secs: i64, nanos: u32) {
        if (secs, nanos) > self.time {
            self.time = (secs, nanos);
        }
        let v = takes(self.function, value, factor, progress);
        if self.function == AggregateFunction::CountDone {
            self.n += 1;
            self.done += v as u32;
            return;
        }
        if v.is_nan() {
            return;
        }
        self.n += 1;
        self.sum += v;
        self.min = self.min.min(v);
        self.max = self.max.max(v);
        self.scaled += v * SCALE;
    }

    /// The aggregate's value (NaN with no input that has a value, or beyond the range of
    /// `f64`) and time.
    fn finish(self) -> Current {
        let value = if self.n == 0 {
            f64::NAN
        } else {
            match self.function {
                AggregateFunction::Sum => self.sum,
                AggregateFunction::Mean => {
                    let n = f64::from(self.n);
                    let mean = self.sum / n;
                    if mean.is_finite() {
                        mean
                    } else {
                        // the sum overflowed: the mean of the scaled values, scaled back
                        self.scaled / n / SCALE
                    }
                }
                AggregateFunction::Min => self.min,
                AggregateFunction::Max => self.max,
                AggregateFunction::CountDone => f64::from(self.done),
            }
        };
        Current {
            secs: self.time.0,
            nanos: self.time.1,
            value: if value.is_finite() { value } else { f64::NAN },
            confidence: f64::NAN,
        }
    }
}

/// The value (in its own measure) and progress of a key result measured by `own` (its manual
/// override aside) and `reported` (with it), whose check-in in force has effective value
/// `current` (`None`: no check-in).
#[inline]
fn input_figures(own: &KrMeasure, reported: &KrMeasure, current: Option<f64>) -> (f64, f64) {
    let value = value_in_force(own, current);
    let progress = match reported {
        KrMeasure::Manual { .. } => kr_figures(reported, value).0,
        _ => kr_figures(own, value).0,
    };
    let value = match own {
        KrMeasure::Direct | KrMeasure::Manual { .. } => f64::NAN,
        _ => value,
    };
    (value, progress)
}

/// What the key result at `slot`, with `current` in force, gives an aggregate (inlined: a
/// value returned in memory is slow to read back).
#[inline(always)]
fn input_of(layout: &Layout, slot: usize, current: Option<Current>) -> Input {
    let (value, progress) = input_figures(
        layout.real_measure(slot),
        &layout.kr_measure[slot],
        current.map(|c| c.value),
    );
    let (secs, nanos) = current.map_or((NO_TIME, 0), |c| (c.secs, c.nanos));
    Input {
        value,
        progress,
        secs,
        nanos,
    }
}

impl Rollup {
    /// Computes the early aggregates' values at the as-of time into `self.agg` (the others are
    /// computed by [`aggregate_in_pass`](Self::aggregate_in_pass)), reading their inputs'
    /// check-ins from `cols` (or from the graph for `dirty` slots), and readies the buffer of
    /// the others' inputs.
    ///
    /// # Complexity
    /// O(A + I log C) for A early aggregates and I inputs with C check-ins each.
    pub(super) fn compute_aggregates(
        &mut self,
        g: &Store,
        layout: &Layout,
        cols: &Columns,
        dirty: Option<&[bool]>,
    ) {
        self.agg.clear();
        let aggs = &layout.aggregates;
        if aggs.is_empty() {
            return;
        }
        let nothing = Current {
            secs: NO_TIME,
            nanos: 0,
            value: f64::NAN,
            confidence: f64::NAN,
        };
        self.agg.resize(aggs.items.len(), nothing);
        let (secs, nanos) = (
            self.as_of.0.timestamp(),
            self.as_of.0.timestamp_subsec_nanos(),
        );
        let mut read = std::mem::take(&mut self.agg_inputs);
        // Every entry that is read is written first (by the loop below, or by the pass for
        // the aggregates it computes): a buffer of the right length (kept from the last
        // rollup) is not cleared.
        if read.len() != aggs.inputs.len() {
            read.clear();
            read.resize(aggs.inputs.len(), Input::NONE);
        }
        if aggs.early.iter().any(|&e| e) {
            // the inputs' check-ins in force, read in slot order (the columns are by slot),
            // then taken aggregate by aggregate
            for &(child, ii) in &aggs.leaves.0 {
                let child = child as usize;
                let current = match dirty {
                    Some(d) if d[child] => self.current_from_graph(g, layout, child),
                    _ => cols
                        .in_force(child, secs, nanos)
                        .map(|c| Current::from_columns(cols, c)),
                };
                read[ii as usize] = input_of(layout, child, current);
            }
            for i in 0..aggs.items.len() {
                if aggs.early[i] {
                    self.agg[i] = self.aggregate_from(layout, i, &read);
                }
            }
        }
        self.agg_inputs = read;
    }

    /// The value of aggregate `i` from what its inputs that are not aggregates give (`leaf`,
    /// called with the input's index in `Aggregates::inputs` and its slot) and the values of
    /// the aggregates under it.
    fn aggregate_with(
        &self,
        layout: &Layout,
        i: usize,
        leaf: impl Fn(usize, usize) -> Input,
    ) -> Current {
        let aggs = &layout.aggregates;
        let mut acc = Acc::new(aggs.items[i].1);
        let start = aggs.items[i].2 as usize;
        for (n, input) in aggs.inputs(i).iter().enumerate() {
            let child = input.slot as usize;
            let x = if input.agg != NONE {
                input_of(layout, child, Some(self.agg[input.agg as usize]))
            } else {
                leaf(start + n, child)
            };
            acc.add(x.value, input.factor, x.progress, x.secs, x.nanos);
        }
        acc.finish()
    }

    /// The value of aggregate `i` from what its inputs give in `read` (by input index).
    fn aggregate_from(&self, layout: &Layout, i: usize, read: &[Input]) -> Current {
        self.aggregate_with(layout, i, |input, _| read[input])
    }

    /// In the full rollup's pass: keeps what the key result at `slot` gives the aggregate
    /// whose input `input` (an index in `Aggregates::inputs`) it is, with the check-in in
    /// force `current`.
    #[inline]
    pub(super) fn keep_input(
        &mut self,
        layout: &Layout,
        input: usize,
        slot: usize,
        current: Option<Current>,
    ) {
        self.agg_inputs[input] = input_of(layout, slot, current);
    }

    /// In the full rollup's pass, at the slot of aggregate `i`: its value (computed now from
    /// the inputs the pass kept, unless it is early).
    #[inline]
    pub(super) fn aggregate_in_pass(&mut self, layout: &Layout, i: usize) -> Current {
        if !layout.aggregates.early[i] {
            let read = std::mem::take(&mut self.agg_inputs);
            self.agg[i] = self.aggregate_from(layout, i, &read);
            self.agg_inputs = read;
        }
        self.agg[i]
    }

    /// Recomputes the aggregates in `seeds` (indices) and those above them whose inputs change,
    /// children first, from the figures this rollup holds; each aggregate whose value or time
    /// changes is recomputed as a key result (see `recompute_aggregate_slot`), and its
    /// objective pushed on `heap` as (position, input).
    ///
    /// # Complexity
    /// O(I + log A) per aggregate recomputed, I its inputs.
    pub(super) fn refresh_aggregates(
        &mut self,
        layout: &Layout,
        mut seeds: BinaryHeap<Reverse<u32>>,
        heap: &mut BinaryHeap<Reverse<(u32, u32)>>,
    ) {
        let aggs = &layout.aggregates;
        let mut last = None;
        while let Some(Reverse(i)) = seeds.pop() {
            if last == Some(i) {
                continue;
            }
            last = Some(i);
            let i = i as usize;
            let now = self.aggregate_with(layout, i, |_, slot| {
                input_of(layout, slot, self.current(slot))
            });
            let old = self.agg[i];
            if super::engine::same(now.value, old.value)
                && (now.secs, now.nanos) == (old.secs, old.nanos)
            {
                continue;
            }
            self.agg[i] = now;
            let slot = aggs.items[i].0 as usize;
            self.recompute_aggregate_slot(layout, slot, now);
            let pos = layout.kr_obj[slot];
            heap.push(Reverse((
                pos,
                slot as u32 - layout.obj[pos as usize].kr_start,
            )));
            let parent = aggs.parent_of_slot[slot];
            if parent != NONE {
                seeds.push(Reverse(parent));
            }
        }
    }

    /// The aggregates above the key result at `slot` that a change of it reaches first: its
    /// own parent, as seeds for [`refresh_aggregates`](Self::refresh_aggregates).
    #[inline]
    pub(super) fn aggregate_seeds(&self, layout: &Layout, slot: usize) -> Option<u32> {
        match layout.aggregates.parent_of_slot.get(slot) {
            Some(&p) if p != NONE => Some(p),
            _ => None,
        }
    }
}
