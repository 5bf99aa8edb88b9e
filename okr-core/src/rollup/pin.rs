//! A view's rollup: its figures taken from the full graph's rollup at the same time.
//!
//! A view (see [`crate::view`]) is a graph of what a viewer may see, with one combined entry
//! per visible objective in place of its hidden inputs. Rolled up on its own it could not know
//! the hidden figures; so its rollup is computed as any other (for the layout, the key
//! results' readings and the lazy columns), then *pinned*: every visible objective takes the
//! full graph's figures (progress, attainment, confidence, flags, status, blocked, computed
//! figures under an override), every aggregate key result its value, and every combined entry
//! the figures of the hidden inputs it stands for. Under the default policy a viewer thus sees
//! exactly the numbers everyone sees. Under [`ExcludeHidden`](crate::ViewPolicy::ExcludeHidden)
//! nothing is pinned: the view's own figures, without the hidden inputs, are the answer; only
//! the combined entries' counts are recorded, for the breakdowns that name them.

use std::collections::HashMap;

use super::engine::{DEFINED, EXCLUDED, ObjOut, REASON_SHIFT, Rollup, STALE, reason_code};
use super::layout::Layout;
use super::measure::weighted_mean;
use super::types::UndefinedReason;

/// The hidden inputs a combined entry of a view stands for, at a rollup's time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HiddenEntry {
    /// How many hidden objectives and key results it stands for (counting or not).
    pub count: usize,
    /// How many of them are key results (a key result of the parent that is now under a
    /// hidden objective).
    pub key_results: usize,
    /// Their combined weight in the parent, as given (the weights of those whose progress is
    /// defined and counts; 0 when none does).
    pub weight: f64,
}

impl HiddenEntry {
    /// The entry in words: "1 hidden objective", "3 hidden objectives", "2 hidden inputs"
    /// (when key results are among them), "nothing hidden" (none at this time).
    pub fn label(&self) -> String {
        match (self.count, self.key_results) {
            (0, _) => "nothing hidden".into(),
            (1, 0) => "1 hidden objective".into(),
            (1, _) => "1 hidden key result".into(),
            (n, 0) => format!("{n} hidden objectives"),
            (n, k) if k == n => format!("{n} hidden key results"),
            (n, _) => format!("{n} hidden inputs"),
        }
    }
}

/// What a view's rollup takes from the full graph's (see the module).
#[derive(Debug, Clone, Default)]
pub(crate) struct Pins {
    /// Whether figures are pinned (the default policy), or only the entries counted.
    figures: bool,
    /// By node: objectives by position, then key results by `objectives + slot`; empty when
    /// the full graph has no dependencies.
    blocked: Vec<bool>,
    /// The computed figures of objectives with an override, by position (sorted).
    computed: Vec<(u32, ObjOut)>,
    /// The combined entries, by position (sorted).
    hidden: Vec<(u32, HiddenEntry)>,
    /// The figures of key results once under a hidden objective, by slot (sorted).
    krs: Vec<(u32, super::types::NodeValues)>,
    /// The nodes the full graph blocks (as `blocked`), each with its number of blockers there,
    /// by node (sorted).
    blockers: Vec<(u32, u32)>,
}

/// Where each node of a view's layout is in the full graph's layout: built once per pair of
/// layouts (by their ids) and kept by the view, so that pinning a rollup is a gather.
#[derive(Debug)]
pub(crate) struct PinMap {
    /// The view's layout id and the full graph's.
    layouts: (u64, u64),
    /// By view position: the full graph's position, [`NONE`] for a combined entry (or, which
    /// cannot happen, an objective the full graph lacks).
    obj: Vec<u32>,
    /// The combined entries: (view position, the full graph's position of the objective it
    /// stands under, or [`NONE`] when that is not in the full graph's layout).
    entries: Vec<(u32, u32)>,
    /// By view slot: the full graph's slot, [`NONE`] for none.
    kr: Vec<u32>,
    /// The key results once under a hidden objective: (view slot, full slot).
    rehomed: Vec<(u32, u32)>,
    /// By the full graph's position and slot: whether the view shows it (the inverse of
    /// `obj` and `kr`), for the combined entries' hidden inputs.
    shown: (Vec<bool>, Vec<bool>),
}

const NONE: u32 = u32::MAX;

/// The map kept by a view ([`PinMap`]).
#[derive(Debug, Default)]
pub(crate) struct PinCache(std::sync::Mutex<Option<std::sync::Arc<PinMap>>>);

impl PinCache {
    /// The map between `lv` (a view's layout) and `ls` (the full graph's), kept when it is
    /// for the same two layouts, else built.
    ///
    /// # Complexity
    /// O(1) when kept; O(V + K) hash lookups to build.
    fn get(
        &self,
        lv: &Layout,
        ls: &Layout,
        entries: &HashMap<String, String>,
        rehomed: &[String],
    ) -> std::sync::Arc<PinMap> {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(m) = kept.as_ref()
            && m.layouts == (lv.id, ls.id)
        {
            return m.clone();
        }
        let pos_in = |l: &Layout, id: &str| l.obj_ids.get_index_of(id).map_or(NONE, |p| p as u32);
        let slot_in = |l: &Layout, id: &str| l.kr_ids.get_index_of(id).map_or(NONE, |s| s as u32);
        let mut map = PinMap {
            layouts: (lv.id, ls.id),
            obj: Vec::with_capacity(lv.obj_ids.len()),
            entries: Vec::new(),
            kr: (0..lv.kr_ids.len())
                .map(|s| slot_in(ls, lv.kr_ids.get(s)))
                .collect(),
            rehomed: Vec::new(),
            shown: (Vec::new(), Vec::new()),
        };
        for pos in 0..lv.obj_ids.len() {
            let id = lv.obj_ids.get(pos);
            match entries.get(id) {
                Some(parent) => {
                    map.obj.push(NONE);
                    map.entries.push((pos as u32, pos_in(ls, parent)));
                }
                None => map.obj.push(pos_in(ls, id)),
            }
        }
        let mut shown = (vec![false; ls.obj_ids.len()], vec![false; ls.kr_ids.len()]);
        for &p in map.obj.iter().filter(|&&p| p != NONE) {
            shown.0[p as usize] = true;
        }
        for &s in map.kr.iter().filter(|&&s| s != NONE) {
            shown.1[s as usize] = true;
        }
        map.shown = shown;
        for id in rehomed {
            let (sv, ss) = (slot_in(lv, id), slot_in(ls, id));
            if sv != NONE && ss != NONE {
                map.rehomed.push((sv, ss));
            }
        }
        crate::sort::sort_by_key(&mut map.rehomed, |e| e.0);
        let map = std::sync::Arc::new(map);
        *kept = Some(map.clone());
        map
    }
}

impl Rollup {
    /// Pins this rollup (of a view) to `full`, the full graph's rollup at the same time and
    /// with the same configuration; `entries` maps each combined entry's id to the visible
    /// objective it stands under; `rehomed` lists the key results once under a hidden
    /// objective; `cache` keeps the map between the two layouts; `figures`: whether to take
    /// the full graph's figures (the default policy) or only count the hidden inputs.
    ///
    /// # Complexity
    /// O(V + K), plus the inputs of the objectives with combined entries; building the map
    /// between the layouts the first time, O(V + K) hash lookups.
    pub(crate) fn pin_to(
        &mut self,
        full: &Rollup,
        entries: &HashMap<String, String>,
        rehomed: &[String],
        cache: &PinCache,
        figures: bool,
    ) {
        let (lv, ls) = (self.layout.clone(), full.layout.clone());
        let map = cache.get(&lv, &ls, entries, rehomed);
        let (nv, ns) = (self.obj.len(), full.obj.len());
        let mut pins = Pins {
            figures,
            blocked: Vec::new(),
            computed: Vec::new(),
            hidden: Vec::with_capacity(map.entries.len()),
            krs: Vec::new(),
            blockers: Vec::new(),
        };
        for &(pos, parent) in &map.entries {
            let (entry, out) = self.combined(full, &ls, &map.shown, parent);
            if figures {
                self.obj[pos as usize] = out;
            }
            pins.hidden.push((pos, entry));
        }
        if !figures {
            self.pins = Some(Box::new(pins));
            return;
        }
        for (pos, &sp) in map.obj.iter().enumerate() {
            if sp == NONE {
                continue;
            }
            let sp = sp as usize;
            let mut o = full.obj[sp];
            o.status = full.objective_status(sp).code() + 1;
            self.obj[pos] = o;
            if ls.obj[sp].manual() {
                pins.computed
                    .push((pos as u32, full.computed_objective(&ls, sp)));
            }
        }
        // blocked flags: none without dependencies
        if !ls.deps.items.is_empty() {
            pins.blocked = vec![false; nv + lv.key_results()];
            // by view node (objectives, then key results): whether the full graph blocks
            // it, and then by how many blockers
            let mut pin_node = |node: usize, full_node: u32, id: &str| {
                if full.node_blocked(full_node) {
                    pins.blocked[node] = true;
                    pins.blockers
                        .push((node as u32, full.blockers(id).len() as u32));
                }
            };
            for (pos, &sp) in map.obj.iter().enumerate() {
                if sp != NONE {
                    pin_node(pos, sp, ls.obj_ids.get(sp as usize));
                }
            }
            for (slot, &ss) in map.kr.iter().enumerate() {
                if ss != NONE {
                    pin_node(nv + slot, ns as u32 + ss, ls.kr_ids.get(ss as usize));
                }
            }
        }
        // an aggregate: its value is the full graph's (its hidden inputs count), read where
        // the view's rollup reads a key result's value in force
        let (av, as_) = (&lv.aggregates, &ls.aggregates);
        if !as_.index_of_slot.is_empty() {
            for (slot, &ss) in map.kr.iter().enumerate() {
                if ss == NONE {
                    continue;
                }
                let ss = ss as usize;
                let is = as_.index_of_slot[ss];
                if is == super::aggregate::NONE {
                    continue;
                }
                if let Some(&iv) = av.index_of_slot.get(slot)
                    && let (Some(&v), Some(dst)) =
                        (full.agg.get(is as usize), self.agg.get_mut(iv as usize))
                {
                    *dst = v;
                }
                let old = self.kr[slot].ci;
                let (ci, _) = self.keep_side(full.current(ss), old);
                self.kr[slot] = super::engine::KrOut {
                    ci,
                    flags: full.kr[ss].flags,
                };
            }
        }
        // a key result shown under its latest objective all along: its figures of then (its
        // objective's cycle and state of then) are the full graph's
        for &(sv, ss) in &map.rehomed {
            pins.krs.push((sv, full.kr_column_values(ss as usize)));
        }
        self.pins = Some(Box::new(pins));
    }

    /// The pinned figures of the key result at `slot` (one once under a hidden objective),
    /// when this is a view's rollup under the default policy.
    #[inline]
    pub(super) fn pinned_kr(&self, slot: usize) -> Option<super::types::NodeValues> {
        let p = self.pins.as_deref()?;
        let i = p.krs.binary_search_by_key(&(slot as u32), |e| e.0).ok()?;
        Some(p.krs[i].1)
    }

    /// A combined entry of this view's rollup, standing under the objective at position
    /// `parent` of the full graph's layout: the
    /// hidden inputs of `parent` in the full graph at this time (those that are not in the
    /// view), and their figures as one input (see [`HiddenEntry`]).
    fn combined(
        &self,
        full: &Rollup,
        ls: &Layout,
        (shown_obj, shown_kr): &(Vec<bool>, Vec<bool>),
        parent: u32,
    ) -> (HiddenEntry, ObjOut) {
        let mut entry = HiddenEntry {
            count: 0,
            key_results: 0,
            weight: 0.0,
        };
        // (weight as given, progress, attainment), and (weight, confidence)
        let mut figures: Vec<(f64, f64, f64)> = Vec::new();
        let mut confidences: Vec<(f64, f64)> = Vec::new();
        let mut stale = false;
        if parent != NONE {
            let sp = parent as usize;
            let raw = ls.wide_weights(sp);
            let scale = ls.obj_scale[sp];
            let given = |i: usize, scaled: f64| raw.map_or(scaled / scale, |r| r[i]);
            let krs = ls.kr_slots(sp);
            let nk = krs.len();
            let counts = ls.obj[sp].counts_krs();
            for (i, slot) in krs.enumerate() {
                if shown_kr[slot] {
                    continue;
                }
                entry.count += 1;
                entry.key_results += 1;
                let v = full.kr_column_values(slot);
                let w = given(i, ls.kr_weight[slot]);
                if let Some(c) = v.confidence {
                    confidences.push((w, c));
                }
                stale |= v.stale;
                if counts && let (Some(p), Some(a)) = (v.computed_progress, v.computed_attainment) {
                    figures.push((w, p, a));
                }
            }
            for (j, &(c, scaled)) in ls.children(sp).iter().enumerate() {
                if shown_obj[c as usize] {
                    continue;
                }
                entry.count += 1;
                let o = &full.obj[c as usize];
                let w = given(nk + j, scaled);
                if !o.confidence.is_nan() {
                    confidences.push((w, o.confidence));
                }
                stale |= o.flags & STALE != 0;
                if o.flags & (DEFINED | EXCLUDED) == DEFINED {
                    figures.push((w, o.progress, o.attainment));
                }
            }
        }
        // folded from +0 (an empty sum of floats is -0)
        entry.weight = figures.iter().fold(0.0, |a, f| a + f.0);
        let mean = |f: fn(&(f64, f64, f64)) -> f64| {
            let pairs: Vec<(f64, f64)> = figures.iter().map(|x| (x.0, f(x))).collect();
            weighted_mean(&pairs).unwrap_or(f64::NAN)
        };
        let progress = mean(|x| x.1).clamp(0.0, 1.0);
        let attainment = if progress.is_nan() {
            f64::NAN
        } else {
            mean(|x| x.2)
        };
        let reason = if !progress.is_nan() {
            attainment.is_nan().then_some(UndefinedReason::OutOfRange)
        } else if entry.count == 0 {
            Some(UndefinedReason::NoCountingChildren)
        } else if figures.is_empty() {
            Some(UndefinedReason::NoChildProgress)
        } else {
            Some(UndefinedReason::AllWeightsZero)
        };
        let mut flags = reason_code(reason) << REASON_SHIFT;
        if !progress.is_nan() {
            flags |= DEFINED;
        }
        if stale {
            flags |= STALE;
        }
        let nan = |x: f64| if x.is_nan() { f64::NAN } else { x };
        let out = ObjOut {
            progress: nan(progress),
            attainment: nan(attainment),
            confidence: nan(weighted_mean(&confidences).unwrap_or(f64::NAN)),
            flags,
            status: 0,
        };
        (entry, out)
    }

    /// The pinned `blocked` flag of `node`, when this is a view's rollup under the default
    /// policy.
    #[inline]
    /// Whether this is a view's rollup pinned to the full graph's figures (the default
    /// policy).
    pub(crate) fn is_pinned(&self) -> bool {
        self.pins.as_deref().is_some_and(|p| p.figures)
    }

    /// The combined weight of the combined entry at `pos` when this is a view's rollup
    /// pinned to the full graph's.
    pub(crate) fn pinned_hidden_weight(&self, pos: usize) -> Option<f64> {
        let figures = self.pins.as_deref()?.figures;
        figures
            .then(|| self.entry_at(pos))
            .flatten()
            .map(|e| e.weight)
    }

    /// The combined entry at view position `pos`, if it is one.
    fn entry_at(&self, pos: usize) -> Option<HiddenEntry> {
        let p = self.pins.as_deref()?;
        let i = p.hidden.binary_search_by_key(&(pos as u32), |e| e.0).ok()?;
        Some(p.hidden[i].1)
    }

    pub(super) fn pinned_blocked(&self, node: u32) -> Option<bool> {
        let p = self.pins.as_deref()?;
        // no dependencies in the full graph: nothing is blocked
        p.figures
            .then(|| p.blocked.get(node as usize).copied().unwrap_or(false))
    }

    /// How many blockers the full graph names for `id` at this rollup's time, when this is a
    /// view's rollup under the default policy (`None` otherwise): with those the view shows,
    /// the number hidden from it.
    ///
    /// # Complexity
    /// O(log V + log D).
    pub(crate) fn pinned_blocker_count(&self, id: &str) -> Option<usize> {
        let p = self.pins.as_deref()?;
        if !p.figures {
            return None;
        }
        let layout = &*self.layout;
        let node = match layout.obj_ids.get_index_of(id) {
            Some(pos) => pos,
            None => self.obj.len() + layout.kr_ids.get_index_of(id)?,
        };
        let i = p.blockers.binary_search_by_key(&(node as u32), |e| e.0);
        Some(i.map_or(0, |i| p.blockers[i].1 as usize))
    }

    /// The pinned computed figures of the objective at `pos` (an override), when this is a
    /// view's rollup under the default policy.
    pub(super) fn pinned_computed(&self, pos: usize) -> Option<ObjOut> {
        let p = self.pins.as_deref()?;
        if !p.figures {
            return None;
        }
        let i = p
            .computed
            .binary_search_by_key(&(pos as u32), |e| e.0)
            .ok()?;
        Some(p.computed[i].1)
    }

    /// What the combined entry `id` of a view stands for at this rollup's time: how many
    /// hidden objectives and key results, and their combined weight. `None` for any other id,
    /// and on a rollup that is not a view's.
    ///
    /// # Complexity
    /// O(log V).
    pub fn hidden_entry(&self, id: &str) -> Option<HiddenEntry> {
        self.entry_at(self.layout.obj_ids.get_index_of(id)?)
    }
}
