//! The layout at an earlier time, from the layout of the latest state, when every revision
//! since changed values only: the structure is the same, so a copy of the layout patched back
//! with the old values (`History::values_after`) is the layout that state would build, and a
//! rollup at that time needs no copy of the graph.

use std::collections::HashMap;

use super::layout::{Layout, ObjInfo};
use super::measure::KrMeasure;
use crate::model::{CheckInValue, ObjectiveState};
use crate::store::{OldValue, Op, Store};
use crate::time::day_number;

/// What a key result was at the earlier time, where a revision since changed it.
#[derive(Default)]
struct KrThen {
    due: Option<Option<chrono::NaiveDate>>,
    /// The revision whose old measure was in force.
    measure: Option<usize>,
    attainment: Option<Option<f64>>,
}

/// What an objective was at the earlier time, where a revision since changed it.
#[derive(Default)]
struct ObjThen {
    state: Option<ObjectiveState>,
    /// The revision whose old cycle was in force.
    cycle: Option<usize>,
    attainment: Option<Option<f64>>,
}

impl Layout {
    /// The layout of `g` as it stood after its first `n` revisions, from this layout of its
    /// latest state: `None` when a revision since changed more than values (see
    /// `Op::values_only`), an objective's weights would be too wide for one scale, or a key
    /// result whose measure changed since has check-ins of another kind (whose values follow
    /// the measure's start); that state must then be built.
    ///
    /// # Complexity
    /// O(V + K) to copy the values (the structure is shared), plus O(1) per old value and
    /// O(F) per objective with F inputs whose weights changed.
    pub(crate) fn before(&self, g: &Store, n: usize) -> Option<Layout> {
        let old = g.history.values_after(n)?;
        let mut l = self.clone();
        // Newest first, so that the oldest old value since the time, the one then in force,
        // is the one kept.
        // by slot, NaN where no revision since changed it (weights are never NaN)
        let mut kr_weight: Vec<f64> = Vec::new();
        let mut link_weight: HashMap<(u32, u32), f64> = HashMap::new();
        let mut krs: HashMap<u32, KrThen> = HashMap::new();
        let mut objs: HashMap<u32, ObjThen> = HashMap::new();
        for &(rev, v) in old.iter().rev() {
            let rev = rev as usize;
            match v {
                OldValue::KrWeight { k, weight } => {
                    if kr_weight.is_empty() {
                        kr_weight = vec![f64::NAN; l.key_results()];
                    }
                    kr_weight[l.kr_slot[k as usize] as usize] = weight;
                }
                OldValue::KrDue { k, due } => {
                    krs.entry(l.kr_slot[k as usize]).or_default().due = Some(due);
                }
                OldValue::KrMeasure { k } => {
                    krs.entry(l.kr_slot[k as usize]).or_default().measure = Some(rev);
                }
                OldValue::KrOverride { k, attainment } => {
                    krs.entry(l.kr_slot[k as usize]).or_default().attainment = Some(attainment);
                }
                OldValue::ObjState { d, state } => {
                    objs.entry(l.pos_of_dense[d as usize]).or_default().state = Some(state);
                }
                OldValue::ObjCycle { d } => {
                    objs.entry(l.pos_of_dense[d as usize]).or_default().cycle = Some(rev);
                }
                OldValue::ObjOverride { d, attainment } => {
                    objs.entry(l.pos_of_dense[d as usize])
                        .or_default()
                        .attainment = Some(attainment);
                }
                OldValue::LinkWeight {
                    child,
                    parent,
                    weight,
                } => {
                    let (c, p) = (
                        l.pos_of_dense[child as usize],
                        l.pos_of_dense[parent as usize],
                    );
                    // an input only when the parent's rollup mode counts children
                    if let Some(&(_, input)) = l.parents(c as usize).iter().find(|x| x.0 == p) {
                        link_weight.insert((p, input), weight);
                    }
                }
            }
        }
        // Objectives first: their periods decide their key results'.
        for (&pos, then) in &objs {
            let pos = pos as usize;
            if let Some(state) = then.state {
                let o = &mut l.obj[pos];
                o.set(ObjInfo::ACTIVE, state == ObjectiveState::Active);
                o.set(ObjInfo::COUNTS, state.counts());
            }
            if let Some(rev) = then.cycle {
                let Op::Objective { from, .. } = &g.history.log[rev].op else {
                    return None;
                };
                let c = &g.cycles[from.cycle.as_ref()?];
                let period = (day_number(c.start), day_number(c.end));
                let graph_index = l.kr_graph_index.clone();
                let period_due = |slot: usize| match krs.get(&(slot as u32)).and_then(|k| k.due) {
                    Some(due) => due,
                    None => g.key_results[graph_index[slot] as usize].data.due,
                };
                l.set_obj_period(pos, period, period_due);
            }
            if let Some(attainment) = then.attainment {
                l.set_obj_override(pos, attainment);
            }
        }
        for (&slot, then) in &krs {
            let slot = slot as usize;
            let pos = l.kr_obj[slot] as usize;
            if let Some(due) = then.due {
                l.set_kr_period(slot, l.kr_period_of(pos, due));
            }
            if then.measure.is_some() {
                // Check-ins of another kind (made before the measure's kind changed) count as
                // the measure's start, which may have changed since: not from the columns.
                let entry = &g.key_results[l.kr_graph_index[slot] as usize];
                if entry
                    .check_ins
                    .iter()
                    .any(|c| !matches!(c.value, CheckInValue::Value(_)))
                {
                    return None;
                }
            }
            if then.measure.is_some() || then.attainment.is_some() {
                let own = match then.measure {
                    Some(rev) => match &g.history.log[rev].op {
                        Op::KeyResult { from, .. } => KrMeasure::of(from.measure.as_ref()?),
                        _ => return None,
                    },
                    None => *l.real_measure(slot),
                };
                let attainment = match then.attainment {
                    Some(a) => a,
                    None => l.kr_override(slot),
                };
                l.set_kr_measure(slot, own, attainment);
            }
        }
        // Weights last, each objective scaled anew once from its inputs' weights then, in
        // position order (the key results' weights are laid out in that order too).
        let mut rescale = vec![
            false;
            if kr_weight.is_empty() && link_weight.is_empty() {
                0
            } else {
                l.objectives()
            }
        ];
        for (slot, w) in kr_weight.iter().enumerate() {
            if !w.is_nan() {
                rescale[l.kr_obj[slot] as usize] = true;
            }
        }
        for &(p, _) in link_weight.keys() {
            rescale[p as usize] = true;
        }
        for (pos, _) in rescale.iter().enumerate().filter(|(_, r)| **r) {
            let first = l.obj[pos].kr_start as usize;
            let nk = l.kr_slots(pos).len();
            let raw = |input: usize| {
                if input < nk {
                    kr_weight
                        .get(first + input)
                        .copied()
                        .filter(|w| !w.is_nan())
                } else {
                    link_weight.get(&(pos as u32, input as u32)).copied()
                }
            };
            if !l.rescale(pos, raw) {
                return None;
            }
        }
        Some(l)
    }
}
