//! Patching a layout in place after a change of values ([`Touched`]: a weight, a measure, a
//! due date, a state, a cycle, an override), instead of building a new one, and the list of
//! what a kept rollup must then recompute ([`Redo`]).
//!
//! A patched layout is the layout [`Layout::build`] would give for the changed store, field
//! by field: the same positions and slots (the structure did not change), and each value
//! derived from the store by the same rule. The one thing a patch cannot follow is an
//! objective whose weights come to span too wide a range for one scale (or stop doing so):
//! the patch then says so and the caller builds a new layout.

use std::sync::Arc;

use super::layout::{Layout, ObjInfo, narrow};
use super::measure::{KrMeasure, weight_scale};
use crate::store::{Store, Touched};
use crate::time::day_number;

/// What a kept rollup recomputes after a patch, before propagating up to the ancestors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Redo {
    /// The key result at this slot (its measure, weight, period or override changed), then
    /// its objective's sums.
    Slot(u32),
    /// The objective at this position (its state, period or override changed): its key
    /// results and all its sums.
    Objective(u32),
    /// The sums over input `.1` of the objective at position `.0` (a link weight changed).
    Input(u32, u32),
    /// Every sum of the objective at this position (its weights were scaled anew).
    Inputs(u32),
}

impl Layout {
    /// Brings the layout up to date with one change of values in `g`, and adds to `redo`
    /// what a rollup computed before it must recompute.
    ///
    /// Returns `false` when the change makes an objective's weights wide, or changes those
    /// of a wide one (see [`WIDE`](super::layout)): the layout is then partly patched and
    /// must be built anew.
    ///
    /// # Complexity
    /// O(F) for the F inputs of the objective concerned when its weight scale must be
    /// checked (a weight that is no longer the largest); O(1) for the other value changes
    /// of a key result, O(its key results) for an objective's; plus O(M) to insert or
    /// remove one of M manual overrides.
    pub(crate) fn patch(&mut self, g: &Store, touched: Touched, redo: &mut Vec<Redo>) -> bool {
        match touched {
            Touched::KeyResult { k, .. } => self.patch_key_result(g, k, redo),
            Touched::Objective { d, cycle } => self.patch_objective(g, d, cycle, redo),
            Touched::Link { child, parent } => self.patch_link(g, child, parent, redo),
        }
    }

    fn patch_key_result(&mut self, g: &Store, k: usize, redo: &mut Vec<Redo>) -> bool {
        let slot = self.kr_slot[k] as usize;
        let pos = self.kr_obj[slot] as usize;
        let kr = &g.key_results[k].data;
        self.set_kr_period(slot, self.kr_period_of(pos, kr.due));
        let attainment = kr.r#override.map(|x| x.attainment);
        self.set_kr_measure(slot, KrMeasure::of(&kr.measure), attainment);
        redo.push(Redo::Slot(slot as u32));
        let input = slot - self.obj[pos].kr_start as usize;
        self.set_weight(pos, input, kr.weight, false, redo)
    }

    /// Gives the key result at `slot` its own measure `own` and the manual override
    /// `attainment` (as `build` lays them out). O(M) for M overrides when one comes or goes.
    pub(super) fn set_kr_measure(&mut self, slot: usize, own: KrMeasure, attainment: Option<f64>) {
        let listed = self.kr_manual.binary_search_by_key(&(slot as u32), |m| m.0);
        let measure = match (attainment, listed) {
            (Some(attainment), Ok(i)) => {
                Arc::make_mut(&mut self.kr_manual)[i].1 = own;
                KrMeasure::Manual { attainment }
            }
            (Some(attainment), Err(i)) => {
                Arc::make_mut(&mut self.kr_manual).insert(i, (slot as u32, own));
                KrMeasure::Manual { attainment }
            }
            (None, Ok(i)) => {
                Arc::make_mut(&mut self.kr_manual).remove(i);
                own
            }
            (None, Err(_)) => own,
        };
        if self.kr_measure[slot] != measure {
            Arc::make_mut(&mut self.kr_measure)[slot] = measure;
        }
    }

    /// Gives the key result at `slot` the period `period` (copying the periods shared with
    /// another layout only when it changes).
    pub(super) fn set_kr_period(&mut self, slot: usize, period: (i32, i32)) {
        if self.kr_period[slot] != period {
            Arc::make_mut(&mut self.kr_period)[slot] = period;
        }
    }

    /// Gives the objective at `pos` the manual override `attainment` (its mark included).
    pub(super) fn set_obj_override(&mut self, pos: usize, attainment: Option<f64>) {
        self.obj[pos].set(ObjInfo::MANUAL, attainment.is_some());
        let listed = self.obj_manual.binary_search_by_key(&(pos as u32), |m| m.0);
        match (attainment, listed) {
            (Some(a), Ok(i)) => self.obj_manual[i].1 = a,
            (Some(a), Err(i)) => self.obj_manual.insert(i, (pos as u32, a)),
            (None, Ok(i)) => {
                self.obj_manual.remove(i);
            }
            (None, Err(_)) => {}
        }
    }

    /// Gives the objective at `pos` the period `period` and its key results theirs (their
    /// due dates from `due`, by slot).
    pub(super) fn set_obj_period(
        &mut self,
        pos: usize,
        period: (i32, i32),
        due: impl Fn(usize) -> Option<chrono::NaiveDate>,
    ) {
        if period != self.obj[pos].period {
            self.obj[pos].period = period;
            for slot in self.kr_slots(pos) {
                self.set_kr_period(slot, self.kr_period_of(pos, due(slot)));
            }
        }
    }

    fn patch_objective(&mut self, g: &Store, d: usize, cycle: bool, redo: &mut Vec<Redo>) -> bool {
        let pos = self.pos_of_dense[d] as usize;
        let entry = &g.objectives[d];
        let o = &entry.data;
        let marks = ObjInfo::marks_of(o);
        let mode = ObjInfo::COUNTS_KRS | ObjInfo::COUNTS_CHILDREN;
        if (self.obj[pos].marks ^ marks) & mode != 0 {
            // which inputs there are: structure (the store says so too)
            return false;
        }
        // the marks that follow from the weights and the structure stay
        let kept = ObjInfo::WIDE | ObjInfo::NORMAL | ObjInfo::STATUS;
        self.obj[pos].marks = (self.obj[pos].marks & kept) | marks;
        if cycle {
            let c = &g.cycles[&o.cycle];
            let period = (day_number(c.start), day_number(c.end));
            let graph_index = self.kr_graph_index.clone();
            self.set_obj_period(pos, period, |slot| {
                g.key_results[graph_index[slot] as usize].data.due
            });
        }
        self.set_obj_override(pos, o.r#override.map(|x| x.attainment));
        redo.push(Redo::Objective(pos as u32));
        true
    }

    fn patch_link(&mut self, g: &Store, child: usize, parent: usize, redo: &mut Vec<Redo>) -> bool {
        let (cpos, ppos) = (self.pos_of_dense[child], self.pos_of_dense[parent]);
        // an input of the parent only when its rollup mode counts children
        let Some(&(_, input)) = self.parents(cpos as usize).iter().find(|p| p.0 == ppos) else {
            return true;
        };
        let (c, p) = (g.objectives[child].node, g.objectives[parent].node);
        let edge = g.dag.find_edge(c, p).expect("a linked pair");
        let w = g.dag[edge].weight;
        self.set_weight(ppos as usize, input as usize, w, true, redo)
    }

    /// The period of a key result of the objective at `pos` due at `due` (as `build`).
    pub(super) fn kr_period_of(&self, pos: usize, due: Option<chrono::NaiveDate>) -> (i32, i32) {
        let (cycle_start, cycle_end) = self.obj[pos].period;
        let end = due.map_or(cycle_end, day_number);
        (cycle_start.min(end), end)
    }

    /// The scaled weight of input `input` of the objective at `pos` (key results first).
    fn input_weight(&mut self, pos: usize, input: usize) -> &mut f64 {
        let nk = self.kr_slots(pos).len();
        if input < nk {
            &mut self.kr_weight[self.obj[pos].kr_start as usize + input]
        } else {
            &mut self.child_items[self.obj[pos].child_start as usize + input - nk].1
        }
    }

    /// Gives input `input` of the objective at `pos` the weight `w` (as given), scaling the
    /// objective's weights anew when their largest moves to another power of two; `link`:
    /// the input is a child (a key result recomputes through its own [`Redo::Slot`]).
    /// `false` when the objective is or becomes wide.
    fn set_weight(
        &mut self,
        pos: usize,
        input: usize,
        w: f64,
        link: bool,
        redo: &mut Vec<Redo>,
    ) -> bool {
        if self.obj[pos].wide() {
            return false;
        }
        let scale = self.obj_scale[pos];
        let old = *self.input_weight(pos, input);
        let new = w * scale;
        // The largest scaled weight is 1 or more (the objective is marked `NORMAL`: in [1, 2)
        // but for weights near the largest `f64`), or below 1 when every weight is 0 or the
        // largest is subnormal. A weight scaled into [1, 2) keeps the scale (as the largest,
        // its power of two is the old largest's; else the largest stays); one below 1 that
        // replaces one below 1 keeps a largest of 1 or more. Otherwise look at every input.
        let normal = self.obj[pos].has(ObjInfo::NORMAL);
        let holds = (1.0..2.0).contains(&new) || (new < 1.0 && old < 1.0 && normal);
        let (new_scale, normal) = if holds {
            (scale, true)
        } else {
            // as given, exactly: narrow weights were scaled by a power of two without loss
            let others = self.largest_scaled_but(pos, input);
            let new_scale = weight_scale((others / scale).max(w));
            let largest = (others / scale * new_scale).max(w * new_scale);
            (new_scale, largest >= 1.0)
        };
        if new_scale == scale {
            if !narrow(w, scale) {
                return false;
            }
            *self.input_weight(pos, input) = new;
            self.obj[pos].set(ObjInfo::NORMAL, normal);
            if link {
                redo.push(Redo::Input(pos as u32, input as u32));
            }
            return true;
        }
        let inputs = self.kr_slots(pos).len() + self.children(pos).len();
        for i in 0..inputs {
            let x = self.input_weight(pos, i);
            let raw = if i == input { w } else { *x / scale };
            if !narrow(raw, new_scale) {
                return false;
            }
            *x = raw * new_scale;
        }
        self.obj_scale[pos] = new_scale;
        self.obj[pos].set(ObjInfo::NORMAL, normal);
        redo.push(Redo::Inputs(pos as u32));
        true
    }

    /// Scales the weights of the objective at `pos` anew from their values as given:
    /// `raw(input)` for those given, the others as they are. `false` when the objective is or
    /// becomes wide. O(inputs).
    pub(super) fn rescale(&mut self, pos: usize, raw: impl Fn(usize) -> Option<f64>) -> bool {
        if self.obj[pos].wide() {
            return false;
        }
        let scale = self.obj_scale[pos];
        let inputs = self.kr_slots(pos).len() + self.children(pos).len();
        // as given, exactly: narrow weights were scaled by a power of two without loss
        let given =
            |l: &mut Layout, i: usize| raw(i).unwrap_or_else(|| *l.input_weight(pos, i) / scale);
        let mut max = 0.0f64;
        for i in 0..inputs {
            max = max.max(given(self, i));
        }
        let new_scale = weight_scale(max);
        for i in 0..inputs {
            let w = given(self, i);
            if !narrow(w, new_scale) {
                return false;
            }
            *self.input_weight(pos, i) = w * new_scale;
        }
        self.obj_scale[pos] = new_scale;
        self.obj[pos].set(ObjInfo::NORMAL, max * new_scale >= 1.0);
        true
    }

    /// The largest scaled input weight of the objective at `pos` but input `skip`.
    /// O(inputs).
    fn largest_scaled_but(&self, pos: usize, skip: usize) -> f64 {
        let krs = self.kr_slots(pos).map(|s| self.kr_weight[s]);
        let children = self.children(pos).iter().map(|c| c.1);
        krs.chain(children)
            .enumerate()
            .filter(|&(i, _)| i != skip)
            .fold(0.0, |m: f64, (_, w)| w.max(m))
    }
}

#[cfg(test)]
mod tests;
