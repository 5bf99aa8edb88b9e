//! What the rollup keeps between runs, beside the store: the frozen layout of the current
//! structure, flat columns of the check-ins and which key results changed since they were
//! built, and the result arrays of a dropped rollup.

use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use super::aggregate::Input;
use super::engine::{Agg, Current, KrOut, ObjOut};
use super::layout::Layout;
use super::measure::effective_value;
use super::patch::Redo;
use crate::store::{Store, Touched};

/// The rollup's caches of one store: the layout of its current structure (built on first
/// use after a change), the check-in columns and the spare result arrays. The graph keeps one
/// beside its store and tells it of every change ([`structure_changed`](Self::structure_changed),
/// [`mark`](Self::mark)).
#[derive(Debug, Default)]
pub(crate) struct RollupCache {
    layout: OnceLock<Arc<Layout>>,
    /// Flat copies of the check-ins for the rollup, and which key results changed since.
    check_ins: Mutex<CheckInCache>,
    /// Result arrays of a dropped rollup, reused by the next one.
    pub(crate) spare: Arc<SpareResults>,
    /// What the patches of the layout in place ask a kept rollup to recompute.
    pub(crate) journal: Journal,
}

/// The [`Redo`]s of the patches made to one layout in place, numbered from the first one
/// made to it: a rollup kept across changes ([`LiveRollup`](crate::LiveRollup)) notes the
/// number before and recomputes the entries after it.
#[derive(Debug, Default)]
pub(crate) struct Journal {
    /// The [`Layout::id`] the entries were made for.
    pub(crate) layout: u64,
    /// The number of the first entry kept (the earlier ones were let go).
    pub(crate) start: u64,
    pub(crate) entries: Vec<Redo>,
}

impl Journal {
    /// At most twice this many entries are kept; a rollup further behind recomputes in full.
    const KEPT: usize = 4096;

    /// Makes the journal that of layout `id`, with room for more entries: it starts anew
    /// (after the last number given) for another layout; when it holds more than twice what
    /// it keeps, it lets go of the oldest entries and keeps the latest [`KEPT`](Self::KEPT),
    /// so that a rollup brought up to date after every change always finds its entries.
    ///
    /// # Complexity
    /// O(1) amortised.
    fn follow(&mut self, id: u64) {
        if self.layout != id {
            *self = Journal {
                layout: id,
                start: self.end(),
                entries: Vec::new(),
            };
        } else if self.entries.len() >= 2 * Self::KEPT {
            let drop = self.entries.len() - Self::KEPT;
            self.entries.drain(..drop);
            self.start += drop as u64;
        }
    }

    /// The number of the next entry.
    pub(crate) fn end(&self) -> u64 {
        self.start + self.entries.len() as u64
    }

    /// The entries from number `from` on, for the layout with id `layout`; `None` when
    /// they are not all kept (made for another layout, or let go).
    pub(crate) fn since(&self, layout: u64, from: u64) -> Option<&[Redo]> {
        if layout != self.layout || from < self.start || from > self.end() {
            return None;
        }
        Some(&self.entries[(from - self.start) as usize..])
    }
}

impl Clone for RollupCache {
    fn clone(&self) -> Self {
        RollupCache {
            layout: self.layout.clone(),
            check_ins: Mutex::new(self.lock_check_ins().clone()),
            spare: Arc::default(),
            journal: Journal::default(),
        }
    }
}

impl RollupCache {
    /// Forgets everything built for the old structure.
    pub(crate) fn structure_changed(&mut self) {
        self.layout = OnceLock::new();
        *self.check_ins.get_mut().unwrap_or_else(|e| e.into_inner()) = CheckInCache::default();
        self.journal.entries = Vec::new();
    }

    /// Follows changes of values in `store` (see [`Touched`]): patches the layout in place
    /// (a copy when a kept rollup shares it) and notes in the journal what a rollup kept
    /// across the changes must recompute; marks the key results whose measure changed as
    /// having new check-ins (their effective values follow the measure). Forgets the layout
    /// when a patch cannot follow the change.
    ///
    /// # Complexity
    /// O(1) per change, but see [`Layout::patch`]; O(V + K) for the copy when the layout is
    /// shared.
    pub(crate) fn values_changed(&mut self, store: &Store, touched: &[Touched]) {
        for t in touched {
            if let Touched::KeyResult { k, measure: true } = *t {
                self.mark(k);
            }
        }
        let Some(shared) = self.layout.get_mut() else {
            return;
        };
        let layout = Arc::make_mut(shared);
        self.journal.follow(layout.id);
        for &t in touched {
            if !layout.patch(store, t, &mut self.journal.entries) {
                return self.structure_changed();
            }
        }
    }

    /// The layout, when one is built.
    pub(crate) fn built_layout(&self) -> Option<&Arc<Layout>> {
        self.layout.get()
    }

    /// Marks the key result at position `k` of the store as having new check-ins, and notes
    /// it in the journal for a rollup kept across the change (a check-in made inside
    /// [`LiveRollup::edit`](crate::LiveRollup::edit)).
    #[inline]
    pub(crate) fn mark(&mut self, k: usize) {
        self.check_ins
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .mark(k);
        if let Some(layout) = self.layout.get()
            && let Some(&slot) = layout.kr_slot.get(k)
        {
            self.journal.follow(layout.id);
            self.journal.entries.push(Redo::Slot(slot));
        }
    }

    /// The frozen rollup layout for the store's current structure, built on first use after a
    /// change.
    ///
    /// # Complexity
    /// O(V + E log E + K) to build (K key results), O(1) afterwards.
    #[inline]
    pub(crate) fn layout(&self, store: &Store) -> Arc<Layout> {
        self.layout
            .get_or_init(|| Arc::new(Layout::build(store)))
            .clone()
    }

    /// The check-in cache as it is, locked.
    #[inline]
    pub(crate) fn lock_check_ins(&self) -> MutexGuard<'_, CheckInCache> {
        self.check_ins.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The check-in cache, current for `layout`, locked for reading.
    pub(crate) fn check_ins(
        &self,
        store: &Store,
        layout: &Arc<Layout>,
    ) -> MutexGuard<'_, CheckInCache> {
        let mut cache = self.lock_check_ins();
        cache.refresh(store, layout);
        cache
    }

    /// The check-in columns, current for `layout`.
    pub(crate) fn columns(&self, store: &Store, layout: &Arc<Layout>) -> Arc<Columns> {
        self.check_ins(store, layout)
            .columns
            .clone()
            .expect("refreshed")
    }
}

/// Flat copies of every key result's check-ins, by slot of one [`Layout`]: the check-ins of
/// slot `s` are `start[s]..start[s + 1]`, sorted by time.
#[derive(Debug)]
pub(crate) struct Columns {
    /// The slots these columns follow ([`Layout::kr_slot`]: shared by every layout of the
    /// same structure, patched or copied).
    pub(crate) kr_slot: Arc<[u32]>,
    pub(crate) start: Vec<usize>,
    /// When each check-in was made, as Unix seconds (for the binary search) ...
    pub(crate) secs: Vec<i64>,
    /// ... and the nanoseconds beyond them (1e9 and over in a leap second).
    pub(crate) nanos: Vec<u32>,
    /// The effective value ([`effective_value`]) and the latest confidence reported at or
    /// before this check-in (NaN when none), side by side: the rollup reads both.
    pub(crate) figures: Vec<(f64, f64)>,
}

impl Columns {
    /// # Complexity
    /// O(C) for C check-ins in all.
    pub(crate) fn build(g: &Store, layout: &Layout) -> Columns {
        // Offsets by slot, then one pass over the key results in graph order (their
        // check-ins were allocated in about that order), each written at its slot's offset.
        let nk = layout.key_results();
        let mut start = vec![0usize; nk + 1];
        for (k, entry) in g.key_results.values().enumerate() {
            start[layout.kr_slot[k] as usize + 1] = entry.check_ins.len();
        }
        for s in 0..nk {
            start[s + 1] += start[s];
        }
        let total = start[nk];
        // zeroed memory comes from the system already zeroed; every element is written below
        let mut secs = vec![0i64; total];
        let mut nanos = vec![0u32; total];
        let mut figures = vec![(0.0, 0.0); total];
        for (k, entry) in g.key_results.values().enumerate() {
            let s = start[layout.kr_slot[k] as usize];
            let mut carried = f64::NAN;
            for (i, c) in entry.check_ins.iter().enumerate() {
                secs[s + i] = c.at.timestamp();
                nanos[s + i] = c.at.timestamp_subsec_nanos();
                if let Some(x) = c.confidence {
                    carried = x;
                }
                figures[s + i] = (effective_value(&entry.data.measure, c), carried);
            }
        }
        Columns {
            kr_slot: layout.kr_slot.clone(),
            start,
            secs,
            nanos,
            figures,
        }
    }
}

impl Columns {
    /// The index of the check-in of `slot` in force at Unix time `secs` + `nanos` (the last one
    /// at or before it).
    #[inline]
    pub(crate) fn in_force(&self, slot: usize, secs: i64, nanos: u32) -> Option<usize> {
        let (s, e) = (self.start[slot], self.start[slot + 1]);
        let mut n = self.secs[s..e].partition_point(|&x| x <= secs);
        // same second: compare the fractions
        while n > 0 && self.secs[s + n - 1] == secs && self.nanos[s + n - 1] > nanos {
            n -= 1;
        }
        n.checked_sub(1).map(|i| s + i)
    }
}

/// The check-in columns of a graph and the slots whose check-ins changed since they were
/// built.
#[derive(Debug, Default, Clone)]
pub(crate) struct CheckInCache {
    pub(crate) columns: Option<Arc<Columns>>,
    /// By slot of `columns.kr_slot`.
    pub(crate) dirty: Vec<bool>,
    pub(crate) dirty_count: usize,
}

impl CheckInCache {
    /// Makes the columns current for `layout`: (re)built when missing, built for another
    /// layout, or when more than an eighth of the slots are dirty.
    pub(crate) fn refresh(&mut self, g: &Store, layout: &Arc<Layout>) {
        let current = self
            .columns
            .as_ref()
            .is_some_and(|c| Arc::ptr_eq(&c.kr_slot, &layout.kr_slot));
        if !current || self.dirty_count * 8 > layout.key_results() {
            self.columns = Some(Arc::new(Columns::build(g, layout)));
            self.dirty = vec![false; layout.key_results()];
            self.dirty_count = 0;
        }
    }

    /// Marks the key result with graph index `k` as changed.
    pub(crate) fn mark(&mut self, k: usize) {
        if let Some(c) = &self.columns
            && let Some(&slot) = c.kr_slot.get(k)
        {
            let d = &mut self.dirty[slot as usize];
            if !*d {
                *d = true;
                self.dirty_count += 1;
            }
        }
    }
}

/// The result arrays of one dropped [`Rollup`], kept by its graph for the next rollup: a
/// rollup then writes into memory already mapped instead of new pages the system must
/// provide and zero (at a million objectives, a third of a fresh rollup's time on the
/// machine measured). At most one set is kept: 32 bytes per objective, 8 per key result,
/// 32 per aggregate and per key result under one.
#[derive(Debug, Default)]
pub(crate) struct SpareResults(Mutex<Option<ResultArrays>>);

/// The arrays a rollup writes (see the `Rollup` fields of the same names).
#[derive(Debug, Default)]
pub(crate) struct ResultArrays {
    pub(super) obj: Vec<ObjOut>,
    pub(super) kr: Vec<KrOut>,
    pub(super) blocks: Vec<Agg>,
    pub(super) side: Vec<Current>,
    pub(super) agg: Vec<Current>,
    pub(super) agg_inputs: Vec<Input>,
}

impl SpareResults {
    pub(super) fn take(&self) -> ResultArrays {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_default()
    }

    /// Keeps `arrays` unless a set is kept already.
    pub(super) fn give(&self, arrays: ResultArrays) {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if kept.is_none() {
            *kept = Some(arrays);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Journal, Redo};

    /// A rollup brought up to date after every change finds its entries however long the
    /// journal grows (the oldest are let go, never the ones after the last sync); one
    /// further behind than the journal keeps is told to recompute in full.
    #[test]
    fn a_rollup_synced_after_every_change_always_finds_its_entries() {
        let mut j = Journal::default();
        let mut first = None;
        for n in 0..5 * Journal::KEPT as u32 {
            let synced = j.end();
            first.get_or_insert(synced);
            // a change: one or two entries, each following the layout first
            for slot in [n, n + 1].iter().take(1 + n as usize % 2) {
                j.follow(7);
                j.entries.push(Redo::Slot(*slot));
            }
            let redo = j.since(7, synced).expect("the entries since the last sync");
            assert!(!redo.is_empty() && redo.len() <= 2, "{}", redo.len());
            assert_eq!(redo[0], Redo::Slot(n));
            assert!(j.entries.len() <= 2 * Journal::KEPT);
        }
        assert_eq!(j.since(7, first.unwrap()), None, "let go long ago");
        assert_eq!(j.since(8, j.end()), None, "another layout");
        // another layout starts the journal anew, numbered after the last entry
        let end = j.end();
        j.follow(8);
        assert_eq!((j.start, j.entries.len()), (end, 0));
        assert_eq!(j.since(8, end), Some(&[][..]));
    }
}
