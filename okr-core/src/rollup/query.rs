//! Reading a rollup's figures: by id, in node order, as columns (figures only, or whole rows).

use chrono::{DateTime, Utc};

use super::engine::{DEFINED, REASON_SHIFT, Rollup, STALE, reason_of_code, some};
use super::layout::Layout;
use super::measure::{KrMeasure, kr_figures, kr_figures_summed, planned, value_in_force};
use super::status::{expected_pace, status_of};
use super::types::{
    FigureColumns, FigureSource, NodeKind, NodeResult, NodeValues, RollupColumns, RollupConfig,
    Status, UndefinedReason,
};
use crate::time::AsOf;

/// Why an objective with these flags has undefined progress.
fn obj_reason(flags: u8) -> Option<UndefinedReason> {
    reason_of_code(flags >> REASON_SHIFT & 7)
}

/// Why a key result with these figures has undefined progress ([`UndefinedReason::NoValue`])
/// or attainment ([`UndefinedReason::OutOfRange`]).
fn kr_reason(v: &NodeValues) -> Option<UndefinedReason> {
    if v.progress.is_none() {
        Some(UndefinedReason::NoValue)
    } else {
        v.attainment
            .is_none()
            .then_some(UndefinedReason::OutOfRange)
    }
}

impl Rollup {
    fn kr_values(&self, slot: usize) -> NodeValues {
        let (value, last_check_in) = self.kr_reading(slot);
        let v = self.kr_column_values(slot);
        NodeValues {
            undefined_reason: kr_reason(&v),
            value,
            last_check_in,
            blocked: self.node_blocked((self.obj.len() + slot) as u32),
            ..v
        }
    }

    /// The value in force of the key result at `slot` and the time of its check-in: the
    /// fields of [`NodeValues`] that [`FigureColumns`] leaves out.
    #[inline]
    fn kr_reading(&self, slot: usize) -> (Option<f64>, Option<DateTime<Utc>>) {
        let current = self.current(slot);
        let m = self.layout.real_measure(slot);
        // boolean and milestone key results have no value beside their progress
        let value = match m {
            KrMeasure::Direct | KrMeasure::Manual { .. } => None,
            _ => some(value_in_force(m, current.map(|c| c.value))),
        };
        let at = current.and_then(|c| DateTime::from_timestamp(c.secs, c.nanos));
        (value, at)
    }

    fn obj_values(&self, pos: usize) -> NodeValues {
        NodeValues {
            blocked: self.node_blocked(pos as u32),
            ..self.obj_figures(pos)
        }
    }

    /// The figures of the objective at `pos`, `blocked` left false.
    pub(super) fn obj_figures(&self, pos: usize) -> NodeValues {
        let v = &self.obj[pos];
        let progress = (v.flags & DEFINED != 0).then_some(v.progress);
        let attainment = some(v.attainment);
        let period = self.layout.obj[pos].period;
        let expected = expected_pace(self.day, period);
        let (source, computed_progress, computed_attainment) = if self.layout.obj[pos].manual() {
            let c = self.computed_objective(&self.layout, pos);
            let defined = c.flags & DEFINED != 0;
            (
                FigureSource::Manual,
                defined.then_some(c.progress),
                some(c.attainment),
            )
        } else {
            (FigureSource::Computed, progress, attainment)
        };
        NodeValues {
            progress,
            attainment,
            source,
            computed_progress,
            computed_attainment,
            expected,
            planned_value: None,
            status: self.objective_status(pos),
            confidence: some(v.confidence),
            stale: v.flags & STALE != 0,
            undefined_reason: obj_reason(v.flags),
            value: None,
            last_check_in: None,
            blocked: false,
        }
    }

    /// The moment this rollup was computed at.
    pub fn as_of(&self) -> AsOf {
        self.as_of
    }

    /// The configuration used.
    pub fn config(&self) -> &RollupConfig {
        &self.config
    }

    /// Figures of an objective.
    pub fn objective(&self, id: &str) -> Option<NodeValues> {
        self.layout
            .obj_ids
            .get_index_of(id)
            .map(|p| self.obj_values(p))
    }

    /// Figures of a key result.
    pub fn key_result(&self, id: &str) -> Option<NodeValues> {
        self.layout
            .kr_ids
            .get_index_of(id)
            .map(|s| self.kr_values(s))
    }

    /// Figures of any node, objective or key result.
    pub fn get(&self, id: &str) -> Option<NodeResult<'_>> {
        if let Some((p, id)) = self.layout.obj_ids.get_full(id) {
            return Some(NodeResult {
                id,
                kind: NodeKind::Objective,
                values: self.obj_values(p),
            });
        }
        self.layout.kr_ids.get_full(id).map(|(s, id)| NodeResult {
            id,
            kind: NodeKind::KeyResult,
            values: self.kr_values(s),
        })
    }

    /// Objectives in topological order (children before parents).
    pub fn objectives(&self) -> impl Iterator<Item = NodeResult<'_>> {
        self.layout
            .obj_ids
            .iter()
            .enumerate()
            .map(|(p, id)| NodeResult {
                id,
                kind: NodeKind::Objective,
                values: self.obj_values(p),
            })
    }

    /// Key results in insertion order.
    pub fn key_results(&self) -> impl Iterator<Item = NodeResult<'_>> {
        self.layout.kr_slot.iter().map(|&s| NodeResult {
            id: &self.layout.kr_ids[s as usize],
            kind: NodeKind::KeyResult,
            values: self.kr_values(s as usize),
        })
    }

    /// Every node: objectives (topological order), then key results.
    pub fn nodes(&self) -> impl Iterator<Item = NodeResult<'_>> {
        self.objectives().chain(self.key_results())
    }

    /// Every node's figures as columns, in [`nodes`](Self::nodes) order: the same numbers
    /// as `nodes()`, without the per-node fields columns of figures leave out (the value in
    /// force, the time of its check-in, the undefined reason). Key results are read in their
    /// storage order and written to their place in insertion order.
    ///
    /// # Complexity
    /// O(V + K) for V objectives and K key results.
    pub fn figure_columns(&self) -> FigureColumns {
        let layout = &*self.layout;
        let (no, n) = (self.obj.len(), self.len());
        let mut c = FigureColumns {
            kind: vec![NodeKind::KeyResult; n],
            progress: vec![0.0; n],
            attainment: vec![0.0; n],
            expected: vec![0.0; n],
            confidence: vec![0.0; n],
            status: vec![Status::NoData; n],
            stale: vec![false; n],
            source: vec![FigureSource::Computed; n],
            computed_progress: Vec::new(),
            computed_attainment: Vec::new(),
            planned_value: vec![f64::NAN; n],
            blocked: Vec::new(),
        };
        let mut put = |i: usize, v: &NodeValues| {
            c.progress[i] = v.progress.unwrap_or(f64::NAN);
            c.attainment[i] = v.attainment.unwrap_or(f64::NAN);
            c.expected[i] = v.expected;
            c.confidence[i] = v.confidence.unwrap_or(f64::NAN);
            c.status[i] = v.status;
            c.stale[i] = v.stale;
            c.source[i] = v.source;
        };
        for pos in 0..no {
            put(pos, &self.obj_figures(pos));
        }
        for slot in 0..self.kr.len() {
            put(
                no + layout.kr_graph_index[slot] as usize,
                &self.kr_column_values(slot),
            );
        }
        c.kind[..no].fill(NodeKind::Objective);
        // the figures that differ from the reported ones: overridden nodes, planned values
        c.computed_progress = c.progress.clone();
        c.computed_attainment = c.attainment.clone();
        let overridden = (layout
            .obj_manual
            .iter()
            .map(|m| (m.0 as usize, self.obj_figures(m.0 as usize))))
        .chain(layout.kr_manual.iter().map(|m| {
            let slot = m.0 as usize;
            (
                no + layout.kr_graph_index[slot] as usize,
                self.kr_column_values(slot),
            )
        }));
        for (i, v) in overridden {
            c.computed_progress[i] = v.computed_progress.unwrap_or(f64::NAN);
            c.computed_attainment[i] = v.computed_attainment.unwrap_or(f64::NAN);
        }
        if !layout.kr_plan.is_empty() {
            for slot in 0..self.kr.len() {
                if !layout.plan(slot).is_empty() {
                    let i = no + layout.kr_graph_index[slot] as usize;
                    c.planned_value[i] = self
                        .kr_column_values(slot)
                        .planned_value
                        .unwrap_or(f64::NAN);
                }
            }
        }
        c.blocked = self.blocked_column();
        c
    }

    /// Every node's whole row as columns, in [`nodes`](Self::nodes) order: the id, the
    /// [`figure_columns`](Self::figure_columns), and the undefined reason, the value in force
    /// and the time of its check-in. The same numbers as `nodes()`, with no allocation per
    /// node (the ids are borrowed).
    ///
    /// # Complexity
    /// O(V + K) for V objectives and K key results.
    pub fn columns(&self) -> RollupColumns<'_> {
        let (no, n) = (self.obj.len(), self.len());
        let figures = self.figure_columns();
        let mut c = RollupColumns {
            ids: self.ids().map(|(id, _)| id).collect(),
            undefined_reason: vec![None; n],
            value: vec![f64::NAN; n],
            last_check_in: vec![None; n],
            figures,
        };
        for (pos, v) in self.obj.iter().enumerate() {
            c.undefined_reason[pos] = obj_reason(v.flags);
        }
        for slot in 0..self.kr.len() {
            let i = no + self.layout.kr_graph_index[slot] as usize;
            let (value, at) = self.kr_reading(slot);
            c.undefined_reason[i] = kr_reason(&self.kr_column_values(slot));
            c.value[i] = value.unwrap_or(f64::NAN);
            c.last_check_in[i] = at;
        }
        c
    }

    /// (progress, attainment) of the key result at `slot` from its own measure (not its
    /// override, no initiatives blended), NaN when undefined.
    #[inline]
    pub(super) fn measure_figures(&self, slot: usize) -> (f64, f64) {
        let m = self.layout.real_measure(slot);
        let value = value_in_force(m, self.figures_in_force(slot).map(|f| f.0));
        // the plain ratio, checked once: only a non-finite one needs the careful `kr_figures`
        let (p, mut a) = kr_figures_summed(m, value);
        if !a.is_finite() {
            a = kr_figures(m, value).1;
        }
        (p, a)
    }

    /// The status of the key result at `slot`.
    #[inline]
    pub(super) fn kr_status(&self, slot: usize) -> Status {
        self.kr_column_values(slot).status
    }

    /// The figures of the key result at `slot` that [`FigureColumns`] holds: `value`,
    /// `last_check_in` and `undefined_reason` left out (see `kr_values`).
    #[inline]
    pub(super) fn kr_column_values(&self, slot: usize) -> NodeValues {
        if self.pins.is_some()
            && let Some(v) = self.pinned_kr(slot)
        {
            return v;
        }
        let layout = &*self.layout;
        let v = &self.kr[slot];
        let figures = self.figures_in_force(slot);
        let m = layout.real_measure(slot);
        let (p, a) = self.blended(layout, slot, m, self.measure_figures(slot));
        let manual = layout.kr_override(slot);
        // an overridden key result is always defined: its own figures are defined unless
        // they are NaN (a threshold with no value)
        let defined = if manual.is_some() {
            !p.is_nan()
        } else {
            v.flags & DEFINED != 0
        };
        let computed_progress = defined.then_some(p);
        // infinite beyond the range of f64 (see `attainment`): undefined
        let computed_attainment = (defined && a.is_finite()).then_some(a);
        let (progress, attainment, source) = match manual {
            Some(x) => (Some(x.clamp(0.0, 1.0)), Some(x), FigureSource::Manual),
            None => (
                computed_progress,
                computed_attainment,
                FigureSource::Computed,
            ),
        };
        let period = layout.kr_period[slot];
        let plan = layout.plan(slot);
        let (expected, planned_value) = match *m {
            KrMeasure::Numeric { start, target } | KrMeasure::NumericWide { start, target }
                if !plan.is_empty() =>
            {
                let (value, pace) = planned(self.day, period, start, target, plan);
                (pace, Some(value))
            }
            _ => (expected_pace(self.day, period), None),
        };
        NodeValues {
            progress,
            attainment,
            source,
            computed_progress,
            computed_attainment,
            expected,
            planned_value,
            status: status_of(self.day, period, progress, expected, &self.config),
            confidence: figures.and_then(|f| some(f.1)),
            stale: v.flags & STALE != 0,
            undefined_reason: None,
            value: None,
            last_check_in: None,
            blocked: false,
        }
    }

    /// Every node's id and kind, in [`nodes`](Self::nodes) order, without computing figures
    /// (for an id column beside columns of figures).
    ///
    /// # Complexity
    /// O(1) per item.
    pub fn ids(&self) -> impl Iterator<Item = (&str, NodeKind)> + '_ {
        let objectives = self
            .layout
            .obj_ids
            .iter()
            .map(|id| (id, NodeKind::Objective));
        let key_results = (self.layout.kr_slot.iter())
            .map(|&s| (&self.layout.kr_ids[s as usize], NodeKind::KeyResult));
        objectives.chain(key_results)
    }

    /// The flat layout this rollup ran over (positions and dense indices below refer to it).
    pub(crate) fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Objective figures by topological position (children before parents).
    pub(crate) fn objective_values(&self) -> Vec<NodeValues> {
        (0..self.obj.len()).map(|p| self.obj_values(p)).collect()
    }

    /// Key result figures by slot (see `Layout::krs`).
    pub(crate) fn key_result_values(&self) -> Vec<NodeValues> {
        (0..self.kr.len()).map(|s| self.kr_values(s)).collect()
    }

    /// Number of nodes (objectives plus key results).
    pub fn len(&self) -> usize {
        self.obj.len() + self.kr.len()
    }

    /// Whether the graph had no nodes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
