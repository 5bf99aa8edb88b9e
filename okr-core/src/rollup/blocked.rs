//! The `blocked` flag: a node is blocked at an as-of time when something that blocks it
//! directly (a [`Dependency`](crate::Dependency)) is off track, or has not started (status
//! `not_started`, or progress undefined or 0) after the dependency's `start_by` day (the
//! as-of day later than `start_by`). Read from the rollup's own figures of the blockers when
//! asked, O(log D + degree) per node: nothing is summed, and no figure counts a dependency.

use chrono::NaiveDate;
use serde::Serialize;

use super::engine::Rollup;
use super::types::{NodeKind, NodeValues, Status};
use crate::store::Store;
use crate::time::day_number;

/// No `start_by`.
const NO_DAY: i32 = i32::MAX;

/// The dependencies of a layout's nodes, as (blocked node, blocker node, `start_by` day or
/// [`NO_DAY`]) sorted by blocked node (then in the order added); a node is an objective's
/// position, or the number of objectives plus a key result's slot.
#[derive(Debug, Clone, Default)]
pub(crate) struct DepLayout {
    pub(super) items: Vec<(u32, u32, i32)>,
}

impl DepLayout {
    /// The dependencies of `g` whose two ends are in it, with the layout's numbering.
    ///
    /// # Complexity
    /// O(D log D) for D dependencies.
    pub(crate) fn build(g: &Store, pos_of_dense: &[u32], kr_slot: &[u32]) -> DepLayout {
        if g.dependencies.is_empty() {
            return DepLayout::default();
        }
        let n = pos_of_dense.len() as u32;
        let node = |id: &str| {
            if let Some(d) = g.objectives.get_index_of(id) {
                return Some(pos_of_dense[d]);
            }
            g.key_results.get_index_of(id).map(|k| n + kr_slot[k])
        };
        let mut items: Vec<(u32, u32, i32)> = (g.dependencies.all.values())
            .filter_map(|d| {
                let day = d.start_by.map_or(NO_DAY, day_number);
                Some((node(&d.blocked)?, node(&d.blocker)?, day))
            })
            .collect();
        crate::sort::sort_by_key(&mut items, |i| i.0);
        DepLayout { items }
    }

    /// The dependencies of `node`: (blocker node, `start_by` day).
    fn of(&self, node: u32) -> impl Iterator<Item = (u32, i32)> + '_ {
        let at = self.items.partition_point(|i| i.0 < node);
        self.items[at..]
            .iter()
            .take_while(move |i| i.0 == node)
            .map(|i| (i.1, i.2))
    }
}

/// Why a blocker blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockReason {
    /// The blocker is off track.
    OffTrack,
    /// The blocker has not started (status `not_started`, or progress undefined or 0) and
    /// the dependency's `start_by` day is past.
    NotStarted,
}

impl BlockReason {
    /// The snake_case name (`"off_track"`).
    pub fn as_str(self) -> &'static str {
        match self {
            BlockReason::OffTrack => "off_track",
            BlockReason::NotStarted => "not_started",
        }
    }

    /// Words for reports (`"off track"`).
    pub fn describe(self) -> &'static str {
        match self {
            BlockReason::OffTrack => "off track",
            BlockReason::NotStarted => "not started",
        }
    }
}

/// Something that blocks a node at a rollup's time ([`Rollup::blockers`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Blocker<'a> {
    /// The blocking objective or key result.
    pub id: &'a str,
    /// Objective or key result.
    pub kind: NodeKind,
    /// Why it blocks.
    pub reason: BlockReason,
    /// The dependency's `start_by` day, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_by: Option<NaiveDate>,
}

impl Rollup {
    /// The figures of `node` without its `blocked` flag.
    fn node_figures(&self, node: u32) -> NodeValues {
        let no = self.obj.len() as u32;
        if node < no {
            self.obj_figures(node as usize)
        } else {
            self.kr_column_values((node - no) as usize)
        }
    }

    /// Why the blocker `node` blocks, under a dependency with `start_by` day `by`.
    fn block_reason(&self, node: u32, by: i32) -> Option<BlockReason> {
        let v = self.node_figures(node);
        if v.status == Status::OffTrack {
            return Some(BlockReason::OffTrack);
        }
        let not_started = v.status == Status::NotStarted || v.progress.is_none_or(|p| p == 0.0);
        (by != NO_DAY && self.day > by && not_started).then_some(BlockReason::NotStarted)
    }

    /// Whether `node` is blocked (see the module docs).
    ///
    /// # Complexity
    /// O(log D + degree).
    pub(super) fn node_blocked(&self, node: u32) -> bool {
        if let Some(b) = self.pinned_blocked(node) {
            return b;
        }
        let deps = &self.layout.deps;
        !deps.items.is_empty()
            && deps
                .of(node)
                .any(|(b, by)| self.block_reason(b, by).is_some())
    }

    /// The `blocked` column, in [`nodes`](Self::nodes) order.
    ///
    /// # Complexity
    /// O(V + K + D).
    pub(super) fn blocked_column(&self) -> Vec<bool> {
        let (no, n) = (self.obj.len() as u32, self.len());
        let mut out = vec![false; n];
        if self.pinned_blocked(0).is_some() {
            for (i, o) in out.iter_mut().enumerate() {
                // objectives by position, key results by graph index
                let node = if i < no as usize {
                    i as u32
                } else {
                    no + self.layout.kr_slot[i - no as usize]
                };
                *o = self.node_blocked(node);
            }
            return out;
        }
        for &(node, blocker, by) in &self.layout.deps.items {
            if self.block_reason(blocker, by).is_some() {
                let i = if node < no {
                    node as usize
                } else {
                    no as usize + self.layout.kr_graph_index[(node - no) as usize] as usize
                };
                out[i] = true;
            }
        }
        out
    }

    /// What blocks the objective or key result `id` at this rollup's time, in the order the
    /// dependencies were added: each blocker that is off track, or has not started after the
    /// dependency's `start_by` day. Empty when nothing blocks it or `id` is unknown.
    ///
    /// # Complexity
    /// O(log D + degree) for D dependencies.
    pub fn blockers(&self, id: &str) -> Vec<Blocker<'_>> {
        let layout = &*self.layout;
        let no = self.obj.len() as u32;
        let node = match layout.obj_ids.get_index_of(id) {
            Some(p) => p as u32,
            None => match layout.kr_ids.get_index_of(id) {
                Some(s) => no + s as u32,
                None => return Vec::new(),
            },
        };
        layout
            .deps
            .of(node)
            .filter_map(|(b, by)| {
                let reason = self.block_reason(b, by)?;
                let (id, kind) = if b < no {
                    (&layout.obj_ids[b as usize], NodeKind::Objective)
                } else {
                    (&layout.kr_ids[(b - no) as usize], NodeKind::KeyResult)
                };
                Some(Blocker {
                    id,
                    kind,
                    reason,
                    start_by: (by != NO_DAY)
                        .then(|| NaiveDate::from_num_days_from_ce_opt(by))
                        .flatten(),
                })
            })
            .collect()
    }
}
