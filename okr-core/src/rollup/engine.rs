//! The full rollup: one pass over key result slots and objective positions (children
//! first) over the flat layout.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::{Arc, Weak};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::cache::{Columns, RollupCache, SpareResults};
use super::layout::{BLOCK, Layout, ObjInfo};
use super::measure::{
    KrMeasure, effective_value, kr_figures, kr_figures_summed, value_in_force, weighted_mean,
};
use super::types::{RollupConfig, UndefinedReason};
use crate::store::Store;
use crate::time::{AsOf, day_number};

/// The result of rolling up an [`OkrGraph`](crate::OkrGraph) at one moment. Holds no borrow of the graph.
///
/// Keep it and call [`refresh_key_result`](Rollup::refresh_key_result) after each check-in to
/// update only the affected ancestors.
#[derive(Debug, Clone)]
pub struct Rollup {
    pub(super) layout: Arc<Layout>,
    pub(super) as_of: AsOf,
    /// The as-of date as a day number.
    pub(super) day: i32,
    /// Check-ins before this moment (a midnight, as Unix seconds) are older than `stale_days`
    /// at the as-of date.
    pub(super) stale_cutoff_secs: i64,
    /// `day - stale_days`.
    pub(super) stale_cutoff_day: i64,
    pub(super) config: RollupConfig,
    /// By topological position.
    pub(super) obj: Vec<ObjOut>,
    /// By key result slot.
    pub(super) kr: Vec<KrOut>,
    /// The check-in columns the key results' [`KrOut::ci`] point into.
    pub(super) cols: Arc<Columns>,
    /// The check-ins in force that are not in `cols` (read from the graph because they
    /// changed after the columns were built), pointed to by [`KrOut::ci`] with [`SIDE`] set.
    pub(super) side: Vec<Current>,
    /// `refresh_key_result`'s buffers: (position, input) pairs to recompute, and the changed
    /// inputs of one objective.
    pub(super) scratch: (BinaryHeap<Reverse<(u32, u32)>>, Vec<u32>),
    /// Block sums of objectives with more than [`BLOCK`] inputs (see `Layout::blocks`).
    pub(super) blocks: Vec<Agg>,
    /// The value and time of each aggregate key result, by its index in
    /// `Layout::aggregates` (see `rollup/aggregate.rs`).
    pub(super) agg: Vec<Current>,
    /// The full rollup's buffer of the aggregates' inputs read (see `compute_aggregates`).
    pub(super) agg_inputs: Vec<super::aggregate::Input>,
    /// The mean share of each blend's initiatives at the as-of time, by its index in
    /// `Layout::blends` (see `rollup/initiatives.rs`).
    pub(super) blend: Vec<f64>,
    /// Where the result arrays go when this result is dropped: the graph's spare.
    pub(super) spare: Weak<SpareResults>,
    /// A view's rollup: what it takes from the full graph's (see `rollup/pin.rs`).
    pub(super) pins: Option<Box<super::pin::Pins>>,
}

impl Drop for Rollup {
    fn drop(&mut self) {
        if let Some(spare) = self.spare.upgrade() {
            spare.give(super::cache::ResultArrays {
                obj: std::mem::take(&mut self.obj),
                kr: std::mem::take(&mut self.kr),
                blocks: std::mem::take(&mut self.blocks),
                side: std::mem::take(&mut self.side),
                agg: std::mem::take(&mut self.agg),
                agg_inputs: std::mem::take(&mut self.agg_inputs),
            });
        }
    }
}

pub(super) const DEFINED: u8 = 1;
pub(super) const STALE: u8 = 2;
/// Objectives: the undefined reason (three bits), 0 for none.
pub(super) const REASON_SHIFT: u8 = 2;
/// Objectives: set when its state does not count in its parents (draft, abandoned): the
/// parents' sums skip it.
pub(super) const EXCLUDED: u8 = 1 << 5;

/// The reason code of `reason` in an objective's flags (see `REASON_SHIFT`).
pub(super) fn reason_code(reason: Option<UndefinedReason>) -> u8 {
    match reason {
        None => 0,
        Some(UndefinedReason::NoCountingChildren) => 1,
        Some(UndefinedReason::NoChildProgress) => 2,
        Some(UndefinedReason::AllWeightsZero) => 3,
        Some(UndefinedReason::OutOfRange) => 4,
        // key results only
        Some(UndefinedReason::NoValue) => 5,
    }
}

/// The reason with code `code` (see [`reason_code`]).
pub(super) fn reason_of_code(code: u8) -> Option<UndefinedReason> {
    match code {
        1 => Some(UndefinedReason::NoCountingChildren),
        2 => Some(UndefinedReason::NoChildProgress),
        3 => Some(UndefinedReason::AllWeightsZero),
        4 => Some(UndefinedReason::OutOfRange),
        5 => Some(UndefinedReason::NoValue),
        _ => None,
    }
}

/// The computed figures of a key result, compactly (8 bytes): which check-in is in force,
/// and flags. Its value, confidence and time are read from that check-in where needed
/// ([`Rollup::current`]), and progress and attainment follow from the value and the measure
/// ([`kr_figures`]): a full rollup writes a quarter of the memory it would write for them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct KrOut {
    /// The check-in in force: [`NO_CHECK_IN`] for none, an index into the rollup's side
    /// table when [`SIDE`] is set, otherwise an index into its check-in columns.
    pub(super) ci: u32,
    pub(super) flags: u8,
}

/// `KrOut::ci` of a key result without a check-in in force.
pub(super) const NO_CHECK_IN: u32 = u32::MAX;
/// Set in `KrOut::ci` when the rest is an index into `Rollup::side`.
pub(super) const SIDE: u32 = 1 << 31;

/// Where a `KrOut::ci` points.
#[derive(Debug, Clone, Copy)]
pub(super) enum InForceAt {
    None,
    Side(usize),
    Column(usize),
}

impl InForceAt {
    /// Decodes `ci` (`NO_CHECK_IN` has the `SIDE` bit set too: it is tested first).
    #[inline]
    pub(super) fn of(ci: u32) -> InForceAt {
        if ci == NO_CHECK_IN {
            InForceAt::None
        } else if ci & SIDE != 0 {
            InForceAt::Side((ci & !SIDE) as usize)
        } else {
            InForceAt::Column(ci as usize)
        }
    }
}

/// The computed figures of an objective (NaN for an absent confidence).
#[derive(Debug, Clone, Copy)]
pub(super) struct ObjOut {
    pub(super) progress: f64,
    pub(super) attainment: f64,
    pub(super) confidence: f64,
    pub(super) flags: u8,
    /// Objectives marked `ObjInfo::STATUS`: their status's code + 1; 0 for the others (their
    /// status follows from their progress where it is read).
    pub(super) status: u8,
}

pub(super) fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits()
}

impl PartialEq for ObjOut {
    fn eq(&self, o: &Self) -> bool {
        same(self.progress, o.progress)
            && same(self.attainment, o.attainment)
            && same(self.confidence, o.confidence)
            && self.flags == o.flags
            && self.status == o.status
    }
}

pub(super) fn some(x: f64) -> Option<f64> {
    (!x.is_nan()).then_some(x)
}

/// Partial sums over some of an objective's inputs.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Agg {
    pub(super) num: f64,
    pub(super) anum: f64,
    pub(super) den: f64,
    pub(super) cnum: f64,
    pub(super) cden: f64,
    pub(super) defined: u32,
    pub(super) stale: u32,
    /// Children whose state counts (defined or not).
    pub(super) children: u32,
}

impl Agg {
    /// Adds a key result with flags `flags`, the (progress, attainment) of its value in
    /// force and the confidence carried (NaN for none), weighing `w`; `counts`: whether its
    /// objective counts key results.
    #[inline]
    pub(super) fn add_kr(
        &mut self,
        flags: u8,
        (progress, attainment): (f64, f64),
        confidence: f64,
        w: f64,
        counts: bool,
    ) {
        if !confidence.is_nan() {
            self.cnum += w * confidence;
            self.cden += w;
        }
        self.stale += u32::from(flags & STALE != 0);
        if counts && flags & DEFINED != 0 {
            self.defined += 1;
            self.num += w * progress;
            self.anum += w * attainment;
            self.den += w;
        }
    }

    #[inline]
    pub(super) fn add_child(&mut self, v: &ObjOut, w: f64) {
        self.children += u32::from(v.flags & EXCLUDED == 0);
        if v.flags & (DEFINED | EXCLUDED) == DEFINED {
            self.defined += 1;
            self.num += w * v.progress;
            self.anum += w * v.attainment;
            self.den += w;
        }
    }

    #[inline]
    pub(super) fn merge(&mut self, b: &Agg) {
        self.num += b.num;
        self.anum += b.anum;
        self.den += b.den;
        self.cnum += b.cnum;
        self.cden += b.cden;
        self.defined += b.defined;
        self.stale += b.stale;
        self.children += b.children;
    }
}

/// The check-in in force: its time, effective value and carried confidence.
#[derive(Debug, Clone, Copy)]
pub(super) struct Current {
    /// When it was made, as Unix seconds and nanoseconds.
    pub(super) secs: i64,
    pub(super) nanos: u32,
    pub(super) value: f64,
    pub(super) confidence: f64,
}

impl Current {
    /// The check-in at index `i` of the columns.
    #[inline]
    pub(super) fn from_columns(cols: &Columns, i: usize) -> Current {
        let f = InForce::from_columns(cols, i);
        Current {
            secs: f.secs,
            nanos: cols.nanos[i],
            value: f.value,
            confidence: f.confidence,
        }
    }
}

/// What the rollup reads of the check-in in force while computing a key result: its time
/// (whole seconds), effective value and carried confidence.
#[derive(Debug, Clone, Copy)]
pub(super) struct InForce {
    pub(super) secs: i64,
    pub(super) value: f64,
    pub(super) confidence: f64,
}

impl InForce {
    /// The check-in at index `i` of the columns (its nanoseconds are not read).
    #[inline]
    pub(super) fn from_columns(cols: &Columns, i: usize) -> InForce {
        InForce {
            secs: cols.secs[i],
            value: cols.figures[i].0,
            confidence: cols.figures[i].1,
        }
    }
}

impl From<Current> for InForce {
    fn from(c: Current) -> InForce {
        InForce {
            secs: c.secs,
            value: c.value,
            confidence: c.confidence,
        }
    }
}

impl Rollup {
    /// Rolls `store` up at `as_of` with `config`, over the layout and check-in columns `cache`
    /// keeps for it (building them when missing), into the result arrays of the last rollup
    /// dropped.
    pub(crate) fn compute(
        store: &Store,
        cache: &RollupCache,
        as_of: AsOf,
        config: &RollupConfig,
    ) -> crate::Result<Rollup> {
        Self::compute_on(store, cache, cache.layout(store), as_of, config)
    }

    /// Rolls `store` up at `as_of` over `layout` (the cache's, or one of the same structure
    /// at an earlier time: `Layout::before`), with the cache's check-in columns.
    pub(crate) fn compute_on(
        store: &Store,
        cache: &RollupCache,
        layout: Arc<Layout>,
        as_of: AsOf,
        config: &RollupConfig,
    ) -> crate::Result<Rollup> {
        config.validate()?;
        let super::cache::ResultArrays {
            obj,
            kr,
            blocks,
            side,
            agg,
            agg_inputs,
        } = cache.spare.take();
        let cols = cache.columns(store, &layout);
        let mut r = Rollup {
            as_of,
            day: 0,
            stale_cutoff_secs: 0,
            stale_cutoff_day: 0,
            config: *config,
            obj,
            kr,
            cols,
            side,
            scratch: Default::default(),
            blocks,
            agg,
            agg_inputs,
            blend: Vec::new(),
            layout,
            spare: Arc::downgrade(&cache.spare),
            pins: None,
        };
        r.set_as_of(as_of);
        r.recompute_all(store, cache);
        Ok(r)
    }

    /// Rolls `store` up again at `as_of` into this result (see
    /// [`Rollup::recompute`](crate::Rollup::recompute)).
    pub(crate) fn recompute_from(&mut self, store: &Store, cache: &RollupCache, as_of: AsOf) {
        self.recompute_on(store, cache, cache.layout(store), as_of);
    }

    /// Rolls `store` up again at `as_of` over `layout` (see [`compute_on`](Self::compute_on)).
    pub(crate) fn recompute_on(
        &mut self,
        store: &Store,
        cache: &RollupCache,
        layout: Arc<Layout>,
        as_of: AsOf,
    ) {
        self.layout = layout;
        self.pins = None;
        self.set_as_of(as_of);
        self.recompute_all(store, cache);
    }

    pub(super) fn set_as_of(&mut self, as_of: AsOf) {
        let day = day_number(as_of.date());
        let stale_cutoff_day = i64::from(day) - i64::from(self.config.stale_days);
        let stale_cutoff = i32::try_from(stale_cutoff_day)
            .ok()
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .map(|d| d.and_time(NaiveTime::MIN).and_utc())
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        self.as_of = as_of;
        self.day = day;
        self.stale_cutoff_secs = stale_cutoff.timestamp();
        self.stale_cutoff_day = stale_cutoff_day;
    }

    /// One pass over objective positions (children first); each computes its key result
    /// slots (contiguous, in order) and sums them as it goes, then its children. Reuses the
    /// result arrays' memory.
    pub(super) fn recompute_all(&mut self, g: &Store, rc: &RollupCache) {
        let layout = self.layout.clone();
        let cache = rc.check_ins(g, &layout);
        let cols = cache.columns.clone().expect("refreshed");
        // before the pass: `careful` reads the check-ins in force through `self.cols`
        self.cols = cols.clone();
        let any_dirty = cache.dirty_count > 0;
        self.side.clear();
        let (secs, nanos) = (
            self.as_of.0.timestamp(),
            self.as_of.0.timestamp_subsec_nanos(),
        );
        // written by slot and position below (no push, whose growing is a call in the pass);
        // arrays kept from a rollup of the same size are overwritten as they are
        self.kr.resize(
            layout.key_results(),
            KrOut {
                ci: NO_CHECK_IN,
                flags: 0,
            },
        );
        self.blocks.clear();
        self.blocks.resize(layout.block_count(), Agg::default());
        // the aggregates' values first: they depend on check-ins only
        self.compute_aggregates(g, &layout, &cols, any_dirty.then_some(&cache.dirty[..]));
        // the initiatives' shares, and the key results that blend them, met in slot order
        self.compute_blends(g, &layout);
        let blends = &layout.blends.by_slot;
        let mut next_blend = 0;
        let mut blend_slot = blends.first().map_or(usize::MAX, |b| b.0 as usize);
        // the aggregates, and the inputs of those computed in the pass, by slot: met in slot
        // order, one comparison per slot
        let aggs = layout.aggregates.clone();
        let (by_slot, late) = (&aggs.by_slot, &aggs.leaves.1);
        let mut next_agg = 0;
        let mut agg_slot = by_slot.first().map_or(usize::MAX, |a| a.0 as usize);
        let mut next_input = 0;
        let input_slot = |n: usize| late.get(n).map_or(usize::MAX, |a| a.0 as usize);
        let mut in_slot = input_slot(0);
        let no = layout.objectives();
        self.obj.resize(
            no,
            ObjOut {
                progress: f64::NAN,
                attainment: f64::NAN,
                confidence: f64::NAN,
                flags: 0,
                status: 0,
            },
        );
        for pos in 0..no {
            let counts = layout.obj[pos].counts_krs();
            let active = layout.obj[pos].active();
            let mut total = Agg::default();
            for slot in layout.kr_slots(pos) {
                let (ci, current) = if slot == agg_slot {
                    let i = by_slot[next_agg].1 as usize;
                    next_agg += 1;
                    agg_slot = by_slot.get(next_agg).map_or(usize::MAX, |a| a.0 as usize);
                    let value = self.aggregate_in_pass(&layout, i);
                    self.keep_side(Some(value), NO_CHECK_IN)
                } else if any_dirty && cache.dirty[slot] {
                    let c = self.current_from_graph(g, &layout, slot);
                    self.keep_side(c, NO_CHECK_IN)
                } else {
                    self.in_force_column(&cols, cols.in_force(slot, secs, nanos), NO_CHECK_IN)
                };
                let (flags, mut figures) = self.compute_kr(&layout, slot, active, current);
                if slot == blend_slot {
                    let b = blends[next_blend].1 as usize;
                    next_blend += 1;
                    blend_slot = blends.get(next_blend).map_or(usize::MAX, |b| b.0 as usize);
                    figures = self.apply_blend(&layout, b, &layout.kr_measure[slot], figures);
                }
                total.add_kr(
                    flags,
                    figures,
                    current.map_or(f64::NAN, |c| c.confidence),
                    layout.kr_weight[slot],
                    counts,
                );
                self.kr[slot] = KrOut { ci, flags };
                if slot == in_slot {
                    let input = late[next_input].1 as usize;
                    next_input += 1;
                    in_slot = input_slot(next_input);
                    let c = self.current(slot);
                    self.keep_input(&layout, input, slot, c);
                }
            }
            let v = if layout.blocks(pos).is_empty() {
                // the same order as `sum_inputs`: key results, then children
                for &(c, w) in layout.children(pos) {
                    total.add_child(&self.obj[c as usize], w);
                }
                self.finish_objective(&layout, pos, total)
            } else {
                self.compute_objective(&layout, pos, None)
            };
            self.obj[pos] = v;
        }
        drop(cache);
    }

    /// The `KrOut::ci` of the check-in at index `i` of `cols` (`None`: no check-in in
    /// force), and what the rollup reads of it; `old`: the key result's previous `ci`.
    #[inline]
    pub(super) fn in_force_column(
        &mut self,
        cols: &Columns,
        i: Option<usize>,
        old: u32,
    ) -> (u32, Option<InForce>) {
        match i {
            None => (NO_CHECK_IN, None),
            Some(i) => match u32::try_from(i) {
                Ok(ci) if ci < SIDE => (ci, Some(InForce::from_columns(cols, i))),
                // beyond what `ci` can address: kept aside
                _ => self.keep_side(Some(Current::from_columns(cols, i)), old),
            },
        }
    }

    /// Keeps `current` (read from the graph) in the side table: its `KrOut::ci` and what the
    /// rollup reads of it. `old`: the key result's previous `ci`, whose side entry (if any)
    /// is overwritten.
    #[inline]
    pub(super) fn keep_side(
        &mut self,
        current: Option<Current>,
        old: u32,
    ) -> (u32, Option<InForce>) {
        let Some(c) = current else {
            return (NO_CHECK_IN, None);
        };
        let ci = if let InForceAt::Side(i) = InForceAt::of(old) {
            self.side[i] = c;
            old
        } else {
            // At most one entry per key result slot (cleared by a full rollup, an entry
            // overwritten by `refresh_key_result`), so the index stays below `SIDE`.
            self.side.push(c);
            SIDE | (self.side.len() - 1) as u32
        };
        (ci, Some(c.into()))
    }

    /// The check-in in force for the key result at `slot`.
    #[inline]
    pub(super) fn current(&self, slot: usize) -> Option<Current> {
        match InForceAt::of(self.kr[slot].ci) {
            InForceAt::None => None,
            InForceAt::Side(i) => Some(self.side[i]),
            InForceAt::Column(i) => Some(Current::from_columns(&self.cols, i)),
        }
    }

    /// The effective value and carried confidence of the check-in in force for the key
    /// result at `slot` (fewer reads than [`current`](Self::current)).
    #[inline]
    pub(super) fn figures_in_force(&self, slot: usize) -> Option<(f64, f64)> {
        match InForceAt::of(self.kr[slot].ci) {
            InForceAt::None => None,
            InForceAt::Side(i) => Some((self.side[i].value, self.side[i].confidence)),
            InForceAt::Column(i) => Some(self.cols.figures[i]),
        }
    }

    /// The check-in in force for `slot`, read from the graph (for slots whose check-ins
    /// changed since the columns were built).
    #[inline]
    pub(super) fn current_from_graph(
        &self,
        g: &Store,
        layout: &Layout,
        slot: usize,
    ) -> Option<Current> {
        let entry = &g.key_results[layout.kr_graph_index[slot] as usize];
        let at = self.as_of.0;
        let n = entry.check_ins.partition_point(|c| c.at <= at);
        let c = entry.check_ins[..n].last()?;
        Some(Current {
            secs: c.at.timestamp(),
            nanos: c.at.timestamp_subsec_nanos(),
            value: effective_value(&entry.data.measure, c),
            confidence: entry.check_ins[..n]
                .iter()
                .rev()
                .find_map(|c| c.confidence)
                .unwrap_or(f64::NAN),
        })
    }

    /// The flags of the key result at `slot` with `current` in force, and its (progress,
    /// attainment) as the sums take them ([`kr_figures_summed`]); `active`: whether its
    /// objective is active.
    #[inline]
    pub(super) fn compute_kr(
        &self,
        layout: &Layout,
        slot: usize,
        active: bool,
        current: Option<InForce>,
    ) -> (u8, (f64, f64)) {
        let m = &layout.kr_measure[slot];
        let value = value_in_force(m, current.map(|c| c.value));
        let d = self.day;
        let period = layout.kr_period[slot];
        let in_period = d >= period.0 && d <= period.1;
        // "no check-in for more than stale_days days": the last one is dated before the
        // cutoff day (as-of date minus stale_days); without one, the period started before it.
        let quiet = match current {
            Some(c) if c.secs != super::aggregate::NO_TIME => c.secs < self.stale_cutoff_secs,
            // no check-in (an aggregate: none under it)
            _ => i64::from(period.0) < self.stale_cutoff_day,
        };
        // Only a threshold without a start value and without a check-in, and an aggregate
        // none of whose inputs has a value, have no progress.
        let defined = match *m {
            KrMeasure::Threshold { .. }
            | KrMeasure::Numeric { .. }
            | KrMeasure::NumericWide { .. } => !value.is_nan(),
            _ => true,
        };
        let mut flags = if defined { DEFINED } else { 0 };
        if active && in_period && quiet {
            flags |= STALE;
        }
        (flags, kr_figures_summed(m, value))
    }

    /// Sums the inputs `range` (indices into the objective's inputs: key results first, then
    /// counting children) of the objective at `pos`.
    #[inline]
    pub(super) fn sum_inputs(
        &self,
        layout: &Layout,
        pos: usize,
        range: std::ops::Range<usize>,
    ) -> Agg {
        let mut a = Agg::default();
        let krs = layout.kr_slots(pos);
        let nk = krs.len();
        let counts = layout.obj[pos].counts_krs();
        for i in range.start..range.end.min(nk) {
            let slot = krs.start + i;
            let current = self.figures_in_force(slot);
            let m = &layout.kr_measure[slot];
            let figures = kr_figures_summed(m, value_in_force(m, current.map(|c| c.0)));
            a.add_kr(
                self.kr[slot].flags,
                self.blended(layout, slot, m, figures),
                current.map_or(f64::NAN, |c| c.1),
                layout.kr_weight[slot],
                counts,
            );
        }
        let children = layout.children(pos);
        for i in range.start.max(nk)..range.end {
            let (c, w) = children[i - nk];
            a.add_child(&self.obj[c as usize], w);
        }
        a
    }

    /// The figures of the objective at `pos` from its inputs. Objectives with more than
    /// [`BLOCK`] inputs sum them in blocks and the blocks in order; `changed` (sorted input
    /// indices) limits the blocks recomputed to those holding a changed input.
    #[inline]
    pub(super) fn compute_objective(
        &mut self,
        layout: &Layout,
        pos: usize,
        changed: Option<&[u32]>,
    ) -> ObjOut {
        let nk = layout.kr_slots(pos).len();
        let inputs = nk + layout.children(pos).len();
        let blocks = layout.blocks(pos);
        let total = if blocks.is_empty() {
            self.sum_inputs(layout, pos, 0..inputs)
        } else {
            match changed {
                None => {
                    for (b, i) in blocks.clone().enumerate() {
                        let range = b * BLOCK..((b + 1) * BLOCK).min(inputs);
                        self.blocks[i] = self.sum_inputs(layout, pos, range);
                    }
                }
                Some(changed) => {
                    let mut last = usize::MAX;
                    for &input in changed {
                        let b = input as usize / BLOCK;
                        if b != last {
                            last = b;
                            let range = b * BLOCK..((b + 1) * BLOCK).min(inputs);
                            self.blocks[blocks.start + b] = self.sum_inputs(layout, pos, range);
                        }
                    }
                }
            }
            let mut t = Agg::default();
            for b in &self.blocks[blocks] {
                t.merge(b);
            }
            t
        };
        self.finish_objective(layout, pos, total)
    }

    /// The figures of the objective at `pos` from the sums over all its inputs
    /// ([`finish_computed`](Self::finish_computed)), with its manual override, if any, in
    /// place of the computed progress and attainment (its flags keep the stale mark).
    #[inline(always)]
    pub(super) fn finish_objective(&self, layout: &Layout, pos: usize, total: Agg) -> ObjOut {
        let mut v = self.finish_computed(layout, pos, total);
        // (the cold calls take values, never a reference to `v`)
        if layout.obj[pos].manual() {
            let a = Self::override_of(layout, pos);
            v.progress = a.clamp(0.0, 1.0);
            v.attainment = a;
            v.flags = (v.flags & (STALE | EXCLUDED)) | DEFINED;
        }
        if layout.obj[pos].has(ObjInfo::STATUS) {
            v.status = self.kept_status(layout, pos, (v.flags, v.progress)).code() + 1;
        }
        v
    }

    /// The manual override of the objective at `pos` (marked manual).
    #[cold]
    #[inline(never)]
    fn override_of(layout: &Layout, pos: usize) -> f64 {
        layout.obj_override(pos).expect("manual")
    }

    /// The computed figures of the objective at `pos` (its manual override aside), from the
    /// figures of its inputs in this result: the same sums, in the same order and blocks, as
    /// the rollup's. O(inputs).
    pub(super) fn computed_objective(&self, layout: &Layout, pos: usize) -> ObjOut {
        if let Some(pinned) = self.pinned_computed(pos) {
            return pinned;
        }
        let nk = layout.kr_slots(pos).len();
        let inputs = nk + layout.children(pos).len();
        let blocks = layout.blocks(pos);
        let total = if blocks.is_empty() {
            self.sum_inputs(layout, pos, 0..inputs)
        } else {
            let mut t = Agg::default();
            for b in 0..blocks.len() {
                let range = b * BLOCK..((b + 1) * BLOCK).min(inputs);
                t.merge(&self.sum_inputs(layout, pos, range));
            }
            t
        };
        self.finish_computed(layout, pos, total)
    }

    /// The computed figures of the objective at `pos` from the sums over all its inputs:
    /// their means over the scaled weights, unless the objective is wide or the attainment's
    /// sum is not finite, then [`careful`](Self::careful).
    #[inline(always)]
    pub(super) fn finish_computed(&self, layout: &Layout, pos: usize, total: Agg) -> ObjOut {
        let nk = layout.kr_slots(pos).len();
        let info = &layout.obj[pos];
        let counting = if info.counts_krs() { nk } else { 0 } + total.children as usize;
        let attainment = total.anum / total.den;
        // divided whether or not it is kept: a choice, not a branch to mispredict
        let mean_confidence = total.cnum / total.cden;
        let confidence = if total.cden > 0.0 {
            mean_confidence
        } else {
            f64::NAN
        };
        let (progress, attainment, confidence) =
            if !info.wide() && total.den > 0.0 && attainment.is_finite() {
                let progress = (total.num / total.den).clamp(0.0, 1.0);
                (progress, attainment, confidence)
            } else if info.wide() || total.den > 0.0 {
                self.careful(layout, pos)
            } else {
                // every counting weight 0, or nothing counts (a narrow objective's scaled
                // weights are 0 only when they were)
                (f64::NAN, f64::NAN, confidence)
            };
        let reason = if !progress.is_nan() {
            attainment.is_nan().then_some(UndefinedReason::OutOfRange)
        } else if counting == 0 {
            Some(UndefinedReason::NoCountingChildren)
        } else if total.defined == 0 {
            Some(UndefinedReason::NoChildProgress)
        } else {
            Some(UndefinedReason::AllWeightsZero)
        };
        let d = self.day;
        let period = info.period;
        let in_period = d >= period.0 && d <= period.1;
        let all_stale = nk > 0 && total.stale as usize == nk;
        let mut flags = reason_code(reason) << REASON_SHIFT;
        if !progress.is_nan() {
            flags |= DEFINED;
        }
        if info.active() && in_period && all_stale {
            flags |= STALE;
        }
        if !info.counts() {
            flags |= EXCLUDED;
        }
        ObjOut {
            progress,
            attainment,
            confidence,
            flags,
            status: 0,
        }
    }

    /// (progress, attainment, confidence) of the objective at `pos`, NaN when undefined,
    /// computed from its inputs with [`weighted_mean`]: over the weights as given for a wide
    /// objective (over the scaled ones, the same ratios, for another), each mean scaled by its
    /// own largest weight. For wide objectives, and when the attainment's sum over the scaled
    /// weights is not finite (an input's attainment is out of range, or the sum overflowed).
    /// O(inputs).
    #[cold]
    #[inline(never)]
    pub(super) fn careful(&self, layout: &Layout, pos: usize) -> (f64, f64, f64) {
        let krs = layout.kr_slots(pos);
        let nk = krs.len();
        let raw = layout.wide_weights(pos);
        let weight = |i: usize, scaled: f64| raw.map_or(scaled, |r| r[i]);
        let counts = layout.obj[pos].counts_krs();
        // (weight, progress, attainment) of the inputs that count, and (weight, confidence)
        let mut figures = Vec::new();
        let mut confidences = Vec::new();
        for (i, slot) in krs.enumerate() {
            let w = weight(i, layout.kr_weight[slot]);
            let current = self.figures_in_force(slot);
            let confidence = current.map_or(f64::NAN, |c| c.1);
            if !confidence.is_nan() {
                confidences.push((w, confidence));
            }
            if counts && self.kr[slot].flags & DEFINED != 0 {
                let m = &layout.kr_measure[slot];
                let (p, a) = kr_figures(m, value_in_force(m, current.map(|c| c.0)));
                let (p, a) = self.blended(layout, slot, m, (p, a));
                figures.push((w, p, a));
            }
        }
        for (j, &(c, scaled)) in layout.children(pos).iter().enumerate() {
            let v = &self.obj[c as usize];
            if v.flags & (DEFINED | EXCLUDED) == DEFINED {
                figures.push((weight(nk + j, scaled), v.progress, v.attainment));
            }
        }
        let pairs = |f: fn(&(f64, f64, f64)) -> f64| -> Vec<(f64, f64)> {
            figures.iter().map(|x| (x.0, f(x))).collect()
        };
        let undefined = |m: Option<f64>| m.unwrap_or(f64::NAN);
        let progress = undefined(weighted_mean(&pairs(|x| x.1))).clamp(0.0, 1.0);
        let attainment = if progress.is_nan() {
            f64::NAN
        } else {
            undefined(weighted_mean(&pairs(|x| x.2)))
        };
        // one NaN for every undefined figure: results compare bit by bit
        let nan = |x: f64| if x.is_nan() { f64::NAN } else { x };
        (
            nan(progress),
            nan(attainment),
            nan(undefined(weighted_mean(&confidences))),
        )
    }
}
