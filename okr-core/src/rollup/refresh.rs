//! The incremental rollup: after check-ins on one key result, or changes of values that
//! patched the layout in place, only what changed and the ancestors whose figures change
//! are recomputed.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::{Arc, OnceLock};

use super::cache::RollupCache;
use super::engine::{KrOut, Rollup, same};
use super::layout::Layout;
use super::patch::Redo;
use crate::error::Result;
use crate::store::Store;

/// An input index that stands for all of an objective's inputs (its sums all recomputed).
const ALL: u32 = u32::MAX;

/// Where a rollup kept across changes stood before them: the layout it was computed on and
/// the number of the next journal entry ([`Rollup::detach`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Synced {
    layout: u64,
    journal: u64,
}

/// A layout of nothing, held by a rollup while its graph changes.
fn placeholder() -> Arc<Layout> {
    static EMPTY: OnceLock<Arc<Layout>> = OnceLock::new();
    EMPTY
        .get_or_init(|| Arc::new(Layout::build(&Store::default())))
        .clone()
}

impl Rollup {
    /// Brings the rollup up to date after check-ins on key result `kr` (see
    /// [`Rollup::refresh_key_result`](crate::Rollup::refresh_key_result)), from `store` and the
    /// caches kept for it.
    pub(crate) fn refresh_from(&mut self, g: &Store, rc: &RollupCache, kr: &str) -> Result<()> {
        self.refresh_on(g, rc, rc.layout(g), kr)
    }

    /// As [`refresh_from`](Self::refresh_from), with `current` the layout the rollup is to
    /// follow (the cache's, or one at an earlier time: `Layout::before`).
    pub(crate) fn refresh_on(
        &mut self,
        g: &Store,
        rc: &RollupCache,
        current: Arc<Layout>,
        kr: &str,
    ) -> Result<()> {
        let k = g.key_result_index(kr)?;
        if !Arc::ptr_eq(&current, &self.layout) {
            self.layout = current;
            self.recompute_all(g, rc);
            return Ok(());
        }
        let layout = self.layout.clone();
        let slot = layout.kr_slot[k] as usize;
        let changed = self.recompute_slot(g, rc, &layout, slot);
        // an aggregate above it takes its time too: recomputed whatever changed
        let above = self.aggregate_seeds(&layout, slot);
        if !changed && above.is_none() {
            return Ok(());
        }
        let mut heap = std::mem::take(&mut self.scratch.0);
        heap.clear();
        if changed {
            let pos = layout.kr_obj[slot];
            let input = slot as u32 - layout.obj[pos as usize].kr_start;
            heap.push(Reverse((pos, input)));
        }
        if let Some(a) = above {
            self.refresh_aggregates(&layout, BinaryHeap::from([Reverse(a)]), &mut heap);
        }
        self.propagate(&layout, heap);
        Ok(())
    }

    /// Recomputes the aggregate key result at `slot` as a key result whose check-in in force
    /// is `now` (its value and time).
    pub(super) fn recompute_aggregate_slot(
        &mut self,
        layout: &Layout,
        slot: usize,
        now: super::engine::Current,
    ) {
        let old = self.kr[slot];
        let (ci, now) = self.keep_side(Some(now), old.ci);
        let active = layout.obj[layout.kr_obj[slot] as usize].active();
        let (flags, _) = self.compute_kr(layout, slot, active, now);
        self.kr[slot] = KrOut { ci, flags };
    }

    /// Recomputes the key result at `slot` from the check-in now in force and the layout;
    /// returns whether what its objective reads of it (flags, value, confidence) changed.
    fn recompute_slot(
        &mut self,
        g: &Store,
        rc: &RollupCache,
        layout: &Layout,
        slot: usize,
    ) -> bool {
        // The check-in now in force: from this rollup's columns while they hold the slot's
        // check-ins as they are, else from the graph. The columns are not rebuilt here (a
        // full rollup does that): one check-in must not cost a pass over all of them.
        let old = self.kr[slot];
        let old_figures = self.figures_in_force(slot);
        // an update of one of its initiatives marks it as a check-in does
        let blend_changed = self.refresh_blend(g, layout, slot);
        if let Some(i) = layout.aggregates.index(slot) {
            // its value is the aggregate's, kept up to date by `refresh_aggregates`
            let now = self.agg[i];
            self.recompute_aggregate_slot(layout, slot, now);
            let same_figures =
                old_figures.is_some_and(|(v, c)| same(v, now.value) && same(c, now.confidence));
            return blend_changed || self.kr[slot].flags != old.flags || !same_figures;
        }
        let columns_hold_it = {
            let cache = rc.lock_check_ins();
            cache
                .columns
                .as_ref()
                .is_some_and(|c| Arc::ptr_eq(c, &self.cols))
                && !cache.dirty.get(slot).copied().unwrap_or(true)
        };
        let (ci, now) = if columns_hold_it {
            let at = self.as_of.0;
            let cols = self.cols.clone();
            let i = cols.in_force(slot, at.timestamp(), at.timestamp_subsec_nanos());
            self.in_force_column(&cols, i, old.ci)
        } else {
            let c = self.current_from_graph(g, layout, slot);
            self.keep_side(c, old.ci)
        };
        let active = layout.obj[layout.kr_obj[slot] as usize].active();
        let (flags, _) = self.compute_kr(layout, slot, active, now);
        self.kr[slot] = KrOut { ci, flags };
        // The ancestors read its flags, value and confidence, not its time.
        let same_figures = match (old_figures, now) {
            (None, None) => true,
            (Some((v, c)), Some(n)) => same(v, n.value) && same(c, n.confidence),
            _ => false,
        };
        blend_changed || flags != old.flags || !same_figures
    }

    /// Recomputes the objectives in `heap` ((position, input index) pairs: the objective at
    /// that position, whose input changed; [`ALL`] for all of them), smallest position
    /// first (children before parents), and the parents of each whose figures change.
    fn propagate(&mut self, layout: &Layout, mut heap: BinaryHeap<Reverse<(u32, u32)>>) {
        let mut changed = std::mem::take(&mut self.scratch.1);
        while let Some(Reverse((pos, input))) = heap.pop() {
            changed.clear();
            changed.push(input);
            while let Some(&Reverse((p, i))) = heap.peek() {
                if p != pos {
                    break;
                }
                heap.pop();
                if changed.last() != Some(&i) {
                    changed.push(i);
                }
            }
            // sorted: `ALL`, the largest, comes last
            let inputs = (changed.last() != Some(&ALL)).then_some(changed.as_slice());
            let v = self.compute_objective(layout, pos as usize, inputs);
            if v != self.obj[pos as usize] {
                self.obj[pos as usize] = v;
                for &(p, i) in layout.parents(pos as usize) {
                    heap.push(Reverse((p, i)));
                }
            }
        }
        // the propagation's buffers, kept from one call to the next
        self.scratch = (heap, changed);
    }

    /// Lets go of the layout while the graph changes, so that the graph's cache `rc` can
    /// patch it in place, and says where this rollup stood; `None` (and nothing let go) when
    /// the rollup was not computed on the cache's layout.
    pub(crate) fn detach(&mut self, rc: &RollupCache) -> Option<Synced> {
        let built = rc.built_layout()?;
        if !Arc::ptr_eq(built, &self.layout) {
            return None;
        }
        let synced = Synced {
            layout: self.layout.id,
            journal: rc.journal.end(),
        };
        self.layout = placeholder();
        Some(synced)
    }

    /// Brings a rollup let go by [`detach`](Self::detach) (or not: `synced` `None`) up to
    /// date with `store` and its cache: when the layout was only patched in place since, it
    /// recomputes what the journal lists and propagates; otherwise everything.
    ///
    /// # Complexity
    /// O(J + A (F + log A)) for J journal entries and A objectives recomputed (see
    /// [`Rollup::refresh_key_result`](crate::Rollup::refresh_key_result)); a full rollup
    /// when the structure changed.
    pub(crate) fn catch_up(&mut self, g: &Store, rc: &RollupCache, synced: Option<Synced>) {
        let layout = rc.layout(g);
        self.layout = layout.clone();
        let redo = synced
            .filter(|s| s.layout == layout.id)
            .and_then(|s| rc.journal.since(s.layout, s.journal));
        let Some(redo) = redo else {
            return self.recompute_all(g, rc);
        };
        let mut heap = std::mem::take(&mut self.scratch.0);
        heap.clear();
        // the aggregates above the key results recomputed
        let mut above = BinaryHeap::new();
        for &r in redo {
            match r {
                Redo::Slot(slot) => {
                    self.recompute_slot(g, rc, &layout, slot as usize);
                    above.extend(self.aggregate_seeds(&layout, slot as usize).map(Reverse));
                    let pos = layout.kr_obj[slot as usize];
                    heap.push(Reverse((pos, slot - layout.obj[pos as usize].kr_start)));
                }
                Redo::Objective(pos) => {
                    for slot in layout.kr_slots(pos as usize) {
                        self.recompute_slot(g, rc, &layout, slot);
                        above.extend(self.aggregate_seeds(&layout, slot).map(Reverse));
                    }
                    heap.push(Reverse((pos, ALL)));
                }
                Redo::Input(pos, input) => heap.push(Reverse((pos, input))),
                Redo::Inputs(pos) => heap.push(Reverse((pos, ALL))),
            }
        }
        if !above.is_empty() {
            self.refresh_aggregates(&layout, above, &mut heap);
        }
        self.propagate(&layout, heap);
    }
}
