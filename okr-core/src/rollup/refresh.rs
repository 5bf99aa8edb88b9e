//! The incremental rollup: after check-ins on one key result, only the ancestors whose
//! figures change are recomputed.

use std::cmp::Reverse;
use std::sync::Arc;

use super::cache::RollupCache;
use super::engine::{KrOut, Rollup, same};
use crate::error::Result;
use crate::store::Store;

impl Rollup {
    /// Brings the rollup up to date after check-ins on key result `kr` (see
    /// [`Rollup::refresh_key_result`](crate::Rollup::refresh_key_result)), from `store` and the
    /// caches kept for it.
    pub(crate) fn refresh_from(&mut self, g: &Store, rc: &RollupCache, kr: &str) -> Result<()> {
        let k = g.key_result_index(kr)?;
        let current = rc.layout(g);
        if !Arc::ptr_eq(&current, &self.layout) {
            self.layout = current;
            self.recompute_all(g, rc);
            return Ok(());
        }
        let layout = self.layout.clone();
        let slot = layout.kr_slot[k] as usize;
        // The check-in now in force: from this rollup's columns while they hold the slot's
        // check-ins as they are, else from the graph. The columns are not rebuilt here (a
        // full rollup does that): one check-in must not cost a pass over all of them.
        let old = self.kr[slot];
        let old_figures = self.figures_in_force(slot);
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
            let c = self.current_from_graph(g, &layout, slot);
            self.keep_side(c, old.ci)
        };
        let active = layout.obj[layout.kr_obj[slot] as usize].active;
        let (flags, _) = self.compute_kr(&layout, slot, active, now);
        self.kr[slot] = KrOut { ci, flags };
        // The ancestors read its flags, value and confidence, not its time.
        let same_figures = match (old_figures, now) {
            (None, None) => true,
            (Some((v, c)), Some(n)) => same(v, n.value) && same(c, n.confidence),
            _ => false,
        };
        if flags == old.flags && same_figures {
            return Ok(());
        }
        // (position, input index) pairs, smallest position first: children before parents.
        let pos = layout.kr_obj[slot];
        let input = slot as u32 - layout.obj[pos as usize].kr_start;
        // the propagation's buffers, kept from one call to the next
        let (mut heap, mut changed) = std::mem::take(&mut self.scratch);
        heap.clear();
        heap.push(Reverse((pos, input)));
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
            let v = self.compute_objective(&layout, pos as usize, Some(&changed));
            if v != self.obj[pos as usize] {
                self.obj[pos as usize] = v;
                for &(p, i) in layout.parents(pos as usize) {
                    heap.push(Reverse((p, i)));
                }
            }
        }
        self.scratch = (heap, changed);
        Ok(())
    }
}
