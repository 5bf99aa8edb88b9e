//! Progress rollup, pace and status, full and incremental.
//!
//! # Semantics
//! - Numeric key result: `attainment = (current - start) / (target - start)` (unclamped, 1.25
//!   means 125%), `progress = clamp(attainment, 0, 1)`. Decreasing key results (target below
//!   start) use the same formula. Threshold: 1 when the inclusive bound holds, else 0. Boolean:
//!   0 or 1. Milestones: done weight / total weight.
//! - The current value at an as-of time is the latest check-in at or before it; with none, the
//!   start value (numeric, threshold with a `start`), not done (boolean), no milestone
//!   (milestones). A threshold key result with neither has undefined progress.
//! - Objective progress is the weighted mean over its counting children: its key results (key
//!   result weight) when its rollup mode counts key results, and the objectives aligned under it
//!   (link weight) when the mode counts children. Draft and abandoned child objectives do not
//!   count; a child with undefined progress does not count. With no counting child, or all
//!   their weights zero, progress is undefined (`None`) and [`UndefinedReason`] says why.
//!   Attainment rolls up the same way, unclamped.
//! - A child aligned under several parents counts fully in each.
//! - Expected pace at date `d` over a period `[start, end]` (inclusive; "as of a date" means at
//!   the end of that day): `e = clamp((d - start + 1 day) / (end - start + 1 day), 0, 1)`.
//!   Objectives use their cycle; key results use their cycle, ending at the due date if one is
//!   set. Status: `not_started` before the period, `closed` after it, `no_data` when progress
//!   is undefined, else `on_track` if `p >= e - on_track_margin`, `at_risk` if
//!   `p >= e - at_risk_margin`, else `off_track` (comparisons allow 1e-12 for rounding).
//! - Stale: a key result of an active objective, inside its period, with no check-in for more
//!   than `stale_days` days (counting from the period start when it never had one). An
//!   objective is stale when it is active, inside its cycle, has key results and all of them are
//!   stale.
//! - Confidence: a key result's is the latest confidence reported at or before the as-of time;
//!   an objective's is the weight-averaged confidence of its own key results that have one.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;
use crate::layout::{Layout, day_number};
use crate::model::{Bound, CheckIn, CheckInValue, Measure, ObjectiveState};

/// The moment a rollup is computed at. A date means the end of that day (UTC), so check-ins made
/// that day count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AsOf(pub DateTime<Utc>);

impl AsOf {
    /// The calendar date (UTC) of this moment.
    pub fn date(self) -> NaiveDate {
        self.0.date_naive()
    }
}

impl From<NaiveDate> for AsOf {
    fn from(d: NaiveDate) -> Self {
        let end = NaiveTime::from_hms_nano_opt(23, 59, 59, 999_999_999).expect("valid time");
        AsOf(d.and_time(end).and_utc())
    }
}

impl From<DateTime<Utc>> for AsOf {
    fn from(t: DateTime<Utc>) -> Self {
        AsOf(t)
    }
}

/// Thresholds for status and staleness.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RollupConfig {
    /// On track while `progress >= expected - on_track_margin` (default 0.10).
    pub on_track_margin: f64,
    /// At risk while `progress >= expected - at_risk_margin` (default 0.25); off track below.
    pub at_risk_margin: f64,
    /// A key result with no check-in for more than this many days is stale (default 14).
    pub stale_days: u32,
}

impl Default for RollupConfig {
    fn default() -> Self {
        RollupConfig {
            on_track_margin: 0.10,
            at_risk_margin: 0.25,
            stale_days: 14,
        }
    }
}

impl RollupConfig {
    /// Checks the margins: finite, `0 <= on_track_margin <= at_risk_margin`.
    ///
    /// # Errors
    /// `InvalidConfig` naming the setting.
    pub fn validate(&self) -> Result<()> {
        let bad = |field: &str, reason: String| OkrError::InvalidConfig {
            field: field.to_string(),
            reason,
        };
        if !self.on_track_margin.is_finite() || self.on_track_margin < 0.0 {
            return Err(bad(
                "on_track_margin",
                format!("{} must be a finite number >= 0", self.on_track_margin),
            ));
        }
        if !self.at_risk_margin.is_finite() || self.at_risk_margin < self.on_track_margin {
            return Err(bad(
                "at_risk_margin",
                format!(
                    "{} must be finite and >= on_track_margin ({})",
                    self.at_risk_margin, self.on_track_margin
                ),
            ));
        }
        Ok(())
    }
}

/// Where a node stands against its expected pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Before its period.
    NotStarted,
    /// Progress within `on_track_margin` of the expected pace, or ahead.
    OnTrack,
    /// Behind by more than `on_track_margin`, at most `at_risk_margin`.
    AtRisk,
    /// Behind by more than `at_risk_margin`.
    OffTrack,
    /// After its period.
    Closed,
    /// Inside its period but progress is undefined.
    NoData,
}

impl Status {
    /// The snake_case name (`"on_track"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
            Status::Closed => "closed",
            Status::NoData => "no_data",
        }
    }
}

/// Why an objective's (or key result's) progress is undefined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UndefinedReason {
    /// Nothing counts: no key results or children, or all of them excluded (draft, abandoned,
    /// or left out by the rollup mode).
    NoCountingChildren,
    /// Every counting child has undefined progress itself.
    NoChildProgress,
    /// The counting children's weights are all zero.
    AllWeightsZero,
    /// A threshold key result with no start value and no check-in yet.
    NoValue,
}

impl UndefinedReason {
    /// The snake_case name (`"all_weights_zero"`).
    pub fn as_str(self) -> &'static str {
        match self {
            UndefinedReason::NoCountingChildren => "no_counting_children",
            UndefinedReason::NoChildProgress => "no_child_progress",
            UndefinedReason::AllWeightsZero => "all_weights_zero",
            UndefinedReason::NoValue => "no_value",
        }
    }

    /// A sentence for reports.
    pub fn describe(self) -> &'static str {
        match self {
            UndefinedReason::NoCountingChildren => "nothing counts towards it",
            UndefinedReason::NoChildProgress => "none of its counting children has progress",
            UndefinedReason::AllWeightsZero => "all counting weights are zero",
            UndefinedReason::NoValue => "no value yet (no start value and no check-in)",
        }
    }
}

/// Whether a result is about an objective or a key result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// An objective.
    Objective,
    /// A key result.
    KeyResult,
}

impl NodeKind {
    /// The snake_case name (`"key_result"`).
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Objective => "objective",
            NodeKind::KeyResult => "key_result",
        }
    }
}

/// The computed figures of one node.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NodeValues {
    /// Progress in `[0, 1]`, `None` when undefined.
    pub progress: Option<f64>,
    /// Unclamped attainment (1.25 = 125%), `None` when undefined.
    pub attainment: Option<f64>,
    /// Expected progress at the as-of date from the pace over the period.
    pub expected: f64,
    /// Status against the expected pace.
    pub status: Status,
    /// Latest confidence (key result) or weighted mean of own key results' (objective).
    pub confidence: Option<f64>,
    /// No recent check-in (see module docs).
    pub stale: bool,
    /// Why progress is undefined.
    pub undefined_reason: Option<UndefinedReason>,
    /// Key results: the current value (numeric and threshold), else `None`.
    pub value: Option<f64>,
    /// Key results: time of the check-in the value comes from.
    pub last_check_in: Option<DateTime<Utc>>,
}

/// One row of a rollup: a node's id, kind and figures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NodeResult<'a> {
    /// The objective's or key result's id.
    pub id: &'a str,
    /// Objective or key result.
    pub kind: NodeKind,
    /// The figures.
    #[serde(flatten)]
    pub values: NodeValues,
}

/// The result of rolling up an [`OkrGraph`] at one moment. Holds no borrow of the graph.
///
/// Keep it and call [`refresh_key_result`](Rollup::refresh_key_result) after each check-in to
/// update only the affected ancestors.
#[derive(Debug, Clone)]
pub struct Rollup {
    layout: Arc<Layout>,
    as_of: AsOf,
    /// The as-of date as a day number.
    day: i32,
    /// Check-ins before this moment are older than `stale_days` at the as-of date.
    stale_cutoff: DateTime<Utc>,
    /// `day - stale_days`.
    stale_cutoff_day: i64,
    config: RollupConfig,
    /// By topological position.
    obj: Vec<NodeValues>,
    /// By key result dense index.
    kr: Vec<NodeValues>,
}

fn expected_pace(d: i32, (start, end): (i32, i32)) -> f64 {
    let len = i64::from(end) - i64::from(start) + 1;
    let elapsed = i64::from(d) - i64::from(start) + 1;
    if len <= 0 {
        return 1.0;
    }
    (elapsed as f64 / len as f64).clamp(0.0, 1.0)
}

const EPS: f64 = 1e-12;

fn status_of(
    d: i32,
    period: (i32, i32),
    progress: Option<f64>,
    expected: f64,
    cfg: &RollupConfig,
) -> Status {
    if d < period.0 {
        return Status::NotStarted;
    }
    if d > period.1 {
        return Status::Closed;
    }
    match progress {
        None => Status::NoData,
        Some(p) if p + EPS >= expected - cfg.on_track_margin => Status::OnTrack,
        Some(p) if p + EPS >= expected - cfg.at_risk_margin => Status::AtRisk,
        Some(_) => Status::OffTrack,
    }
}

/// Progress and attainment of a measure given the check-in in force (if any).
pub(crate) fn measure_progress(
    measure: &Measure,
    current: Option<&CheckIn>,
) -> (Option<f64>, Option<f64>, Option<f64>) {
    match measure {
        Measure::Numeric { start, target, .. } => {
            let v = match current.map(|c| &c.value) {
                Some(CheckInValue::Value(v)) => *v,
                _ => *start,
            };
            let att = (v - start) / (target - start);
            (Some(att.clamp(0.0, 1.0)), Some(att), Some(v))
        }
        Measure::Threshold {
            bound,
            value,
            start,
            ..
        } => {
            let v = match current.map(|c| &c.value) {
                Some(CheckInValue::Value(v)) => Some(*v),
                _ => *start,
            };
            let met = v.map(|v| match bound {
                Bound::AtOrAbove => v >= *value,
                Bound::AtOrBelow => v <= *value,
            });
            let p = met.map(|m| if m { 1.0 } else { 0.0 });
            (p, p, v)
        }
        Measure::Boolean => {
            let done = matches!(current.map(|c| &c.value), Some(CheckInValue::Done(true)));
            let p = if done { 1.0 } else { 0.0 };
            (Some(p), Some(p), None)
        }
        Measure::Milestones { milestones } => {
            let total: f64 = milestones.iter().map(|m| m.weight).sum();
            let done: f64 = match current.map(|c| &c.value) {
                Some(CheckInValue::Milestones(names)) => milestones
                    .iter()
                    .filter(|m| names.contains(&m.name))
                    .map(|m| m.weight)
                    .sum(),
                _ => 0.0,
            };
            let p = if total > 0.0 { done / total } else { 0.0 };
            (Some(p), Some(p), None)
        }
    }
}

impl OkrGraph {
    /// Rolls the whole graph up at `as_of` with the default [`RollupConfig`].
    ///
    /// # Complexity
    /// O(V + E + K log C): one pass over objectives in topological order; each of the K key
    /// results finds its current check-in by binary search among its C check-ins.
    pub fn rollup(&self, as_of: impl Into<AsOf>) -> Rollup {
        self.rollup_with(as_of, &RollupConfig::default())
            .expect("the default configuration is valid")
    }

    /// Rolls the whole graph up at `as_of` with `config`.
    ///
    /// # Errors
    /// `InvalidConfig` when the configuration is out of range.
    pub fn rollup_with(&self, as_of: impl Into<AsOf>, config: &RollupConfig) -> Result<Rollup> {
        config.validate()?;
        let layout = self.layout();
        let as_of: AsOf = as_of.into();
        let day = day_number(as_of.date());
        let stale_cutoff_day = i64::from(day) - i64::from(config.stale_days);
        let stale_cutoff = i32::try_from(stale_cutoff_day)
            .ok()
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .map(|d| d.and_time(NaiveTime::MIN).and_utc())
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        let mut r = Rollup {
            as_of,
            day,
            stale_cutoff,
            stale_cutoff_day,
            config: *config,
            obj: Vec::new(),
            kr: Vec::new(),
            layout,
        };
        r.recompute_all(self);
        Ok(r)
    }
}

impl Rollup {
    fn recompute_all(&mut self, g: &OkrGraph) {
        let layout = self.layout.clone();
        self.kr = (0..layout.kr_ids.len())
            .map(|k| self.compute_kr(g, &layout, k))
            .collect();
        self.obj.clear();
        self.obj.reserve(layout.obj_ids.len());
        for pos in 0..layout.obj_ids.len() {
            let v = self.compute_objective(&layout, pos);
            self.obj.push(v);
        }
    }

    fn compute_kr(&self, g: &OkrGraph, layout: &Layout, k: usize) -> NodeValues {
        let entry = &g.key_results[k];
        let at = self.as_of.0;
        let n = entry.check_ins.partition_point(|c| c.at <= at);
        let current = n.checked_sub(1).map(|i| &entry.check_ins[i]);
        let (progress, attainment, value) = measure_progress(&entry.data.measure, current);
        let d = self.day;
        let period = layout.kr_period[k];
        let expected = expected_pace(d, period);
        let status = status_of(d, period, progress, expected, &self.config);
        let confidence = entry.check_ins[..n].iter().rev().find_map(|c| c.confidence);
        let obj_active = layout.obj_state[layout.kr_obj[k] as usize] == ObjectiveState::Active;
        let in_period = d >= period.0 && d <= period.1;
        // "no check-in for more than stale_days days": the last one is dated before the
        // cutoff day (as-of date minus stale_days); without one, the period started before it.
        let quiet = match current {
            Some(c) => c.at < self.stale_cutoff,
            None => i64::from(period.0) < self.stale_cutoff_day,
        };
        let stale = obj_active && in_period && quiet;
        NodeValues {
            progress,
            attainment,
            expected,
            status,
            confidence,
            stale,
            undefined_reason: progress.is_none().then_some(UndefinedReason::NoValue),
            value,
            last_check_in: current.map(|c| c.at),
        }
    }

    fn compute_objective(&self, layout: &Layout, pos: usize) -> NodeValues {
        let (mut num, mut anum, mut den) = (0.0f64, 0.0f64, 0.0f64);
        let (mut counting, mut defined) = (0usize, 0usize);
        let (mut cnum, mut cden) = (0.0f64, 0.0f64);
        let krs = layout.krs(pos);
        let mut all_stale = !krs.is_empty();
        let counts_krs = layout.obj_counts_krs[pos];
        for &(k, w) in krs {
            let v = &self.kr[k as usize];
            if let Some(c) = v.confidence {
                cnum += w * c;
                cden += w;
            }
            all_stale &= v.stale;
            if counts_krs {
                counting += 1;
                if let (Some(p), Some(a)) = (v.progress, v.attainment) {
                    defined += 1;
                    num += w * p;
                    anum += w * a;
                    den += w;
                }
            }
        }
        for &(c, w) in layout.children(pos) {
            counting += 1;
            let v = &self.obj[c as usize];
            if let (Some(p), Some(a)) = (v.progress, v.attainment) {
                defined += 1;
                num += w * p;
                anum += w * a;
                den += w;
            }
        }
        let (progress, attainment, undefined_reason) = if den > 0.0 {
            (Some((num / den).clamp(0.0, 1.0)), Some(anum / den), None)
        } else if counting == 0 {
            (None, None, Some(UndefinedReason::NoCountingChildren))
        } else if defined == 0 {
            (None, None, Some(UndefinedReason::NoChildProgress))
        } else {
            (None, None, Some(UndefinedReason::AllWeightsZero))
        };
        let d = self.day;
        let period = layout.obj_period[pos];
        let expected = expected_pace(d, period);
        let status = status_of(d, period, progress, expected, &self.config);
        let active = layout.obj_state[pos] == ObjectiveState::Active;
        let in_period = d >= period.0 && d <= period.1;
        NodeValues {
            progress,
            attainment,
            expected,
            status,
            confidence: (cden > 0.0).then(|| cnum / cden),
            stale: active && in_period && all_stale,
            undefined_reason,
            value: None,
            last_check_in: None,
        }
    }

    /// Brings the rollup up to date after check-ins on key result `kr`, recomputing only that
    /// key result and those of its ancestors whose figures change. When the graph's structure
    /// changed since this rollup was made (or it is another graph), it recomputes everything.
    ///
    /// The result is identical to a fresh [`OkrGraph::rollup_with`] at the same moment.
    ///
    /// # Errors
    /// `UnknownId` when `kr` is not a key result of the graph.
    ///
    /// # Complexity
    /// O(A + F log A) for A affected ancestors with F counting inputs in all, independent of
    /// the size of the rest of the graph.
    pub fn refresh_key_result(&mut self, g: &OkrGraph, kr: &str) -> Result<()> {
        let k = g
            .key_results
            .get_index_of(kr)
            .ok_or_else(|| OkrError::UnknownId {
                kind: EntityKind::KeyResult,
                id: kr.to_string(),
            })?;
        let current = g.layout();
        if !Arc::ptr_eq(&current, &self.layout) {
            self.layout = current;
            self.recompute_all(g);
            return Ok(());
        }
        let layout = self.layout.clone();
        let new = self.compute_kr(g, &layout, k);
        if new == self.kr[k] {
            return Ok(());
        }
        self.kr[k] = new;
        let mut heap = BinaryHeap::new();
        heap.push(Reverse(layout.kr_obj[k]));
        let mut last = None;
        while let Some(Reverse(pos)) = heap.pop() {
            if last == Some(pos) {
                continue; // pushed by several children; heap order makes duplicates adjacent
            }
            last = Some(pos);
            let v = self.compute_objective(&layout, pos as usize);
            if v != self.obj[pos as usize] {
                self.obj[pos as usize] = v;
                for &p in layout.parents(pos as usize) {
                    heap.push(Reverse(p));
                }
            }
        }
        Ok(())
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
        self.layout.obj_pos.get(id).map(|&p| self.obj[p as usize])
    }

    /// Figures of a key result.
    pub fn key_result(&self, id: &str) -> Option<NodeValues> {
        self.layout.kr_index.get(id).map(|&k| self.kr[k as usize])
    }

    /// Figures of any node, objective or key result.
    pub fn get(&self, id: &str) -> Option<NodeResult<'_>> {
        if let Some(&p) = self.layout.obj_pos.get(id) {
            return Some(NodeResult {
                id: &self.layout.obj_ids[p as usize],
                kind: NodeKind::Objective,
                values: self.obj[p as usize],
            });
        }
        self.layout.kr_index.get(id).map(|&k| NodeResult {
            id: &self.layout.kr_ids[k as usize],
            kind: NodeKind::KeyResult,
            values: self.kr[k as usize],
        })
    }

    /// Objectives in topological order (children before parents).
    pub fn objectives(&self) -> impl Iterator<Item = NodeResult<'_>> {
        self.layout
            .obj_ids
            .iter()
            .zip(&self.obj)
            .map(|(id, v)| NodeResult {
                id,
                kind: NodeKind::Objective,
                values: *v,
            })
    }

    /// Key results in insertion order.
    pub fn key_results(&self) -> impl Iterator<Item = NodeResult<'_>> {
        self.layout
            .kr_ids
            .iter()
            .zip(&self.kr)
            .map(|(id, v)| NodeResult {
                id,
                kind: NodeKind::KeyResult,
                values: *v,
            })
    }

    /// Every node: objectives (topological order), then key results.
    pub fn nodes(&self) -> impl Iterator<Item = NodeResult<'_>> {
        self.objectives().chain(self.key_results())
    }

    /// The flat layout this rollup ran over (positions and dense indices below refer to it).
    pub(crate) fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Objective figures by topological position (children before parents).
    pub(crate) fn objective_values(&self) -> &[NodeValues] {
        &self.obj
    }

    /// Key result figures by dense index.
    pub(crate) fn key_result_values(&self) -> &[NodeValues] {
        &self.kr
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
