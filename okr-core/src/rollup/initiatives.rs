//! Initiatives weighted into their key results' figures (see [`crate::initiative`]): the
//! layout holds which key results blend and which initiatives each reads; a rollup holds each
//! blend's mean share at its as-of time and applies `(x + w q) / (1 + w)` to the key result's
//! progress and attainment, computed as `x r + q s` with `r = 1 / (1 + w)` and `s = w r` so
//! that nothing overflows whatever the weight.

use super::engine::Rollup;
use super::layout::Layout;
use super::measure::KrMeasure;
use crate::store::Store;

/// The key results whose initiatives count, by slot.
#[derive(Debug, Default)]
pub(crate) struct Blends {
    /// (slot, blend index), ascending by slot.
    pub(crate) by_slot: Vec<(u32, u32)>,
    /// Per blend: (`1 / (1 + w)`, `w / (1 + w)`).
    pub(crate) factors: Vec<(f64, f64)>,
    /// Per blend: the weight `w`.
    pub(crate) weight: Vec<f64>,
    /// Per blend, and one more entry: where its initiatives start in `items`.
    pub(crate) start: Vec<u32>,
    /// Store positions of the initiatives of each blend.
    pub(crate) items: Vec<u32>,
}

impl Blends {
    /// The blends of `g`: key results with an initiatives weight above 0 and at least one
    /// initiative.
    ///
    /// # Complexity
    /// O(I + B log B) for I initiatives and B blends.
    pub(crate) fn build(g: &Store, kr_slot: &[u32]) -> Blends {
        if g.initiatives.is_empty() {
            return Blends::default();
        }
        // (slot, initiative position, the key result's weight) of the initiatives that count
        let mut pairs: Vec<(u32, u32, f64)> = g
            .initiatives
            .values()
            .enumerate()
            .filter_map(|(i, x)| {
                let (k, _, e) = g.key_results.get_full(&x.key_result)?;
                let w = e.data.initiatives_counted_weight()?;
                Some((kr_slot[k], i as u32, w))
            })
            .collect();
        crate::sort::sort_unstable_by_key(&mut pairs, |p| (p.0, p.1));
        let mut b = Blends::default();
        for (slot, i, w) in pairs {
            if b.by_slot.last().is_none_or(|l| l.0 != slot) {
                let r = 1.0 / (1.0 + w);
                b.by_slot.push((slot, b.factors.len() as u32));
                b.factors.push((r, w * r));
                b.weight.push(w);
                b.start.push(b.items.len() as u32);
            }
            b.items.push(i);
        }
        b.start.push(b.items.len() as u32);
        b
    }

    /// The blend of the key result at `slot`, if it has one.
    ///
    /// # Complexity
    /// O(log B).
    #[inline]
    pub(crate) fn of(&self, slot: usize) -> Option<usize> {
        if self.by_slot.is_empty() {
            return None;
        }
        self.by_slot
            .binary_search_by_key(&(slot as u32), |b| b.0)
            .ok()
            .map(|i| self.by_slot[i].1 as usize)
    }

    /// The store positions of blend `b`'s initiatives.
    pub(crate) fn items(&self, b: usize) -> &[u32] {
        &self.items[self.start[b] as usize..self.start[b + 1] as usize]
    }
}

impl Rollup {
    /// The mean share of blend `b`'s initiatives at this rollup's time.
    ///
    /// # Complexity
    /// O(N log U) for N initiatives of at most U updates.
    fn blend_share(&self, g: &Store, layout: &Layout, b: usize) -> f64 {
        let items = layout.blends.items(b);
        let at = self.as_of;
        // a plain sum of shares in [0, 1]: no overflow; the mean in [0, 1]
        let sum: f64 = items
            .iter()
            .map(|&i| {
                g.initiatives
                    .get_index(i as usize)
                    .map_or(0.0, |(_, x)| x.share_at(at))
            })
            .sum();
        sum / items.len() as f64
    }

    /// Every blend's share at this rollup's time (before a full pass).
    ///
    /// # Complexity
    /// O(I log U) for I initiatives counted.
    pub(super) fn compute_blends(&mut self, g: &Store, layout: &Layout) {
        self.blend.clear();
        for b in 0..layout.blends.factors.len() {
            let q = self.blend_share(g, layout, b);
            self.blend.push(q);
        }
    }

    /// Reads the share of the blend of the key result at `slot` again (after an update of one
    /// of its initiatives); returns whether it changed.
    pub(super) fn refresh_blend(&mut self, g: &Store, layout: &Layout, slot: usize) -> bool {
        let Some(b) = layout.blends.of(slot) else {
            return false;
        };
        let q = self.blend_share(g, layout, b);
        let old = std::mem::replace(&mut self.blend[b], q);
        old.to_bits() != q.to_bits()
    }

    /// `figures` (progress, attainment from measure `m`) with blend `b` applied; as given for
    /// a manual override.
    #[inline]
    pub(super) fn apply_blend(
        &self,
        layout: &Layout,
        b: usize,
        m: &KrMeasure,
        figures: (f64, f64),
    ) -> (f64, f64) {
        if matches!(m, KrMeasure::Manual { .. }) {
            return figures;
        }
        let (r, s) = layout.blends.factors[b];
        let q = self.blend[b];
        (figures.0 * r + q * s, figures.1 * r + q * s)
    }

    /// `figures` of the key result at `slot` (from measure `m`) with its blend applied, if it
    /// has one.
    #[inline]
    pub(super) fn blended(
        &self,
        layout: &Layout,
        slot: usize,
        m: &KrMeasure,
        figures: (f64, f64),
    ) -> (f64, f64) {
        match layout.blends.of(slot) {
            None => figures,
            Some(b) => self.apply_blend(layout, b, m, figures),
        }
    }

    /// How the initiatives of key result `id` count in its figures, if they do (for
    /// explanations).
    pub(crate) fn initiatives_blend(&self, id: &str) -> Option<BlendDetail> {
        let slot = self.layout.kr_ids.get_index_of(id)?;
        let b = self.layout.blends.of(slot)?;
        let (p, a) = self.measure_figures(slot);
        Some(BlendDetail {
            weight: self.layout.blends.weight[b],
            share: self.blend[b],
            count: self.layout.blends.items(b).len(),
            progress: p,
            attainment: a,
        })
    }
}

/// How a key result's initiatives count in its figures at a rollup's time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BlendDetail {
    /// The key result's initiatives weight.
    pub(crate) weight: f64,
    /// The mean share done of its initiatives.
    pub(crate) share: f64,
    /// How many initiatives.
    pub(crate) count: usize,
    /// Progress and attainment from its measure alone (NaN when undefined; the attainment
    /// infinite beyond the range of `f64`).
    pub(crate) progress: f64,
    pub(crate) attainment: f64,
}
