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
use std::sync::{Arc, Mutex, Weak};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;
use crate::layout::{BLOCK, CheckInCache, Columns, KrMeasure, Layout, day_number, effective_value};
use crate::model::{Bound, CheckIn, CheckInValue, Measure};

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

/// Every node's figures as columns, one entry per node in [`Rollup::nodes`] order (see
/// [`Rollup::figure_columns`]). Undefined numbers are NaN.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct FigureColumns {
    /// Objective or key result.
    pub kind: Vec<NodeKind>,
    /// [`NodeValues::progress`], NaN when undefined.
    pub progress: Vec<f64>,
    /// [`NodeValues::attainment`], NaN when undefined.
    pub attainment: Vec<f64>,
    /// [`NodeValues::expected`].
    pub expected: Vec<f64>,
    /// [`NodeValues::confidence`], NaN when none.
    pub confidence: Vec<f64>,
    /// [`NodeValues::status`].
    pub status: Vec<Status>,
    /// [`NodeValues::stale`].
    pub stale: Vec<bool>,
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
    /// Check-ins before this moment (a midnight, as Unix seconds) are older than `stale_days`
    /// at the as-of date.
    stale_cutoff_secs: i64,
    /// `day - stale_days`.
    stale_cutoff_day: i64,
    config: RollupConfig,
    /// By topological position.
    obj: Vec<ObjOut>,
    /// By key result slot.
    kr: Vec<KrOut>,
    /// The check-in columns the key results' [`KrOut::ci`] point into.
    cols: Arc<Columns>,
    /// The check-ins in force that are not in `cols` (read from the graph because they
    /// changed after the columns were built), pointed to by [`KrOut::ci`] with [`SIDE`] set.
    side: Vec<Current>,
    /// `refresh_key_result`'s buffers: (position, input) pairs to recompute, and the changed
    /// inputs of one objective.
    scratch: (BinaryHeap<Reverse<(u32, u32)>>, Vec<u32>),
    /// Block sums of objectives with more than [`BLOCK`] inputs (see `Layout::blocks`).
    blocks: Vec<Agg>,
    /// Where the result arrays go when this result is dropped: the graph's spare.
    spare: Weak<SpareResults>,
}

/// The result arrays of one dropped [`Rollup`], kept by its graph for the next rollup: a
/// rollup then writes into memory already mapped instead of new pages the system must
/// provide and zero (at a million objectives, a third of a fresh rollup's time on the
/// machine measured). At most one set is kept: 32 bytes per objective, 8 per key result.
#[derive(Debug, Default)]
pub(crate) struct SpareResults(Mutex<Option<ResultArrays>>);

type ResultArrays = (Vec<ObjOut>, Vec<KrOut>, Vec<Agg>);

impl SpareResults {
    fn take(&self) -> ResultArrays {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_default()
    }

    /// Keeps `arrays` unless a set is kept already.
    fn give(&self, arrays: ResultArrays) {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if kept.is_none() {
            *kept = Some(arrays);
        }
    }
}

impl Drop for Rollup {
    fn drop(&mut self) {
        if let Some(spare) = self.spare.upgrade() {
            spare.give((
                std::mem::take(&mut self.obj),
                std::mem::take(&mut self.kr),
                std::mem::take(&mut self.blocks),
            ));
        }
    }
}

const DEFINED: u8 = 1;
const STALE: u8 = 2;
/// Objectives: the undefined reason, 0 for none.
const REASON_SHIFT: u8 = 2;

/// The computed figures of a key result, compactly (8 bytes): which check-in is in force,
/// and flags. Its value, confidence and time are read from that check-in where needed
/// ([`Rollup::current`]), and progress and attainment follow from the value and the measure
/// ([`kr_figures`]): a full rollup writes a quarter of the memory it would write for them.
#[derive(Debug, Clone, Copy, PartialEq)]
struct KrOut {
    /// The check-in in force: [`NO_CHECK_IN`] for none, an index into the rollup's side
    /// table when [`SIDE`] is set, otherwise an index into its check-in columns.
    ci: u32,
    flags: u8,
}

/// `KrOut::ci` of a key result without a check-in in force.
const NO_CHECK_IN: u32 = u32::MAX;
/// Set in `KrOut::ci` when the rest is an index into `Rollup::side`.
const SIDE: u32 = 1 << 31;

/// Where a `KrOut::ci` points.
#[derive(Debug, Clone, Copy)]
enum InForceAt {
    None,
    Side(usize),
    Column(usize),
}

impl InForceAt {
    /// Decodes `ci` (`NO_CHECK_IN` has the `SIDE` bit set too: it is tested first).
    #[inline]
    fn of(ci: u32) -> InForceAt {
        if ci == NO_CHECK_IN {
            InForceAt::None
        } else if ci & SIDE != 0 {
            InForceAt::Side((ci & !SIDE) as usize)
        } else {
            InForceAt::Column(ci as usize)
        }
    }
}

/// The value in force of a key result measured by `m` with `current` in force: the
/// check-in's effective value, else the start value (NaN for a threshold without one, 0 for
/// boolean and milestone key results).
#[inline]
fn value_in_force(m: &KrMeasure, current: Option<f64>) -> f64 {
    current.unwrap_or(match *m {
        KrMeasure::Numeric { start, .. } | KrMeasure::Threshold { start, .. } => start,
        KrMeasure::Direct => 0.0,
    })
}

/// (progress, attainment) of a key result whose value in force is `v`.
#[inline]
fn kr_figures(m: &KrMeasure, v: f64) -> (f64, f64) {
    match *m {
        KrMeasure::Numeric { start, target } => {
            let att = (v - start) / (target - start);
            (att.clamp(0.0, 1.0), att)
        }
        KrMeasure::Threshold {
            above, value: x, ..
        } => {
            let met = if above { v >= x } else { v <= x };
            let p = if v.is_nan() {
                f64::NAN
            } else {
                f64::from(u8::from(met))
            };
            (p, p)
        }
        KrMeasure::Direct => (v, v),
    }
}

/// The computed figures of an objective (NaN for an absent confidence).
#[derive(Debug, Clone, Copy)]
struct ObjOut {
    progress: f64,
    attainment: f64,
    confidence: f64,
    flags: u8,
}

fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits()
}

impl PartialEq for ObjOut {
    fn eq(&self, o: &Self) -> bool {
        same(self.progress, o.progress)
            && same(self.attainment, o.attainment)
            && same(self.confidence, o.confidence)
            && self.flags == o.flags
    }
}

fn some(x: f64) -> Option<f64> {
    (!x.is_nan()).then_some(x)
}

/// Partial sums over some of an objective's inputs.
#[derive(Debug, Clone, Copy, Default)]
struct Agg {
    num: f64,
    anum: f64,
    den: f64,
    cnum: f64,
    cden: f64,
    defined: u32,
    stale: u32,
}

impl Agg {
    /// Adds a key result with flags `flags`, the (progress, attainment) of its value in
    /// force and the confidence carried (NaN for none), weighing `w`; `counts`: whether its
    /// objective counts key results.
    #[inline]
    fn add_kr(
        &mut self,
        flags: u8,
        (progress, attainment): (f64, f64),
        confidence: f64,
        w: f64,
        counts: bool,
    ) {
        if !confidence.is_nan() {
            self.cnum += w * confidence;
            self.cden += w;
        }
        self.stale += u32::from(flags & STALE != 0);
        if counts && flags & DEFINED != 0 {
            self.defined += 1;
            self.num += w * progress;
            self.anum += w * attainment;
            self.den += w;
        }
    }

    #[inline]
    fn add_child(&mut self, v: &ObjOut, w: f64) {
        if v.flags & DEFINED != 0 {
            self.defined += 1;
            self.num += w * v.progress;
            self.anum += w * v.attainment;
            self.den += w;
        }
    }

    #[inline]
    fn merge(&mut self, b: &Agg) {
        self.num += b.num;
        self.anum += b.anum;
        self.den += b.den;
        self.cnum += b.cnum;
        self.cden += b.cden;
        self.defined += b.defined;
        self.stale += b.stale;
    }
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

/// The check-in in force: its time, effective value and carried confidence.
#[derive(Debug, Clone, Copy)]
struct Current {
    /// When it was made, as Unix seconds and nanoseconds.
    secs: i64,
    nanos: u32,
    value: f64,
    confidence: f64,
}

impl Current {
    /// The check-in at index `i` of the columns.
    #[inline]
    fn from_columns(cols: &Columns, i: usize) -> Current {
        let f = InForce::from_columns(cols, i);
        Current {
            secs: f.secs,
            nanos: cols.nanos[i],
            value: f.value,
            confidence: f.confidence,
        }
    }
}

/// What the rollup reads of the check-in in force while computing a key result: its time
/// (whole seconds), effective value and carried confidence.
#[derive(Debug, Clone, Copy)]
struct InForce {
    secs: i64,
    value: f64,
    confidence: f64,
}

impl InForce {
    /// The check-in at index `i` of the columns (its nanoseconds are not read).
    #[inline]
    fn from_columns(cols: &Columns, i: usize) -> InForce {
        InForce {
            secs: cols.secs[i],
            value: cols.figures[i].0,
            confidence: cols.figures[i].1,
        }
    }
}

impl From<Current> for InForce {
    fn from(c: Current) -> InForce {
        InForce {
            secs: c.secs,
            value: c.value,
            confidence: c.confidence,
        }
    }
}

impl OkrGraph {
    /// Rolls the whole graph up at `as_of` with the default [`RollupConfig`].
    ///
    /// # Complexity
    /// O(V + E + K log C): one pass over key results, then one over objectives in topological
    /// order, over flat arrays; each of the K key results finds its current check-in by binary
    /// search among its C check-ins. The first rollup after a structural change also builds
    /// the flat layout and the check-in columns, O(V + E log E + K + total check-ins).
    ///
    /// # Memory
    /// 32 bytes per objective and 8 per key result: a key result's figures are read from
    /// the check-in in force, in the graph's check-in columns, which the rollup shares
    /// (when later check-ins make the graph rebuild its columns, a rollup kept from before
    /// holds the old ones until it is dropped or recomputed).
    /// When a rollup is dropped, the graph keeps its result arrays (one set at most) and the
    /// next rollup writes into them instead of new memory; [`Rollup::recompute`] reuses a
    /// result you keep.
    pub fn rollup(&self, as_of: impl Into<AsOf>) -> Rollup {
        self.rollup_with(as_of, &RollupConfig::default())
            .expect("the default configuration is valid")
    }

    /// Rolls the whole graph up at `as_of` with `config`.
    ///
    /// # Errors
    /// `InvalidConfig` when the configuration is out of range.
    ///
    /// # Complexity
    /// As [`rollup`](Self::rollup).
    pub fn rollup_with(&self, as_of: impl Into<AsOf>, config: &RollupConfig) -> Result<Rollup> {
        config.validate()?;
        let as_of: AsOf = as_of.into();
        let (obj, kr, blocks) = self.spare.take();
        let layout = self.layout();
        let cols = self.columns(&layout);
        let mut r = Rollup {
            as_of,
            day: 0,
            stale_cutoff_secs: 0,
            stale_cutoff_day: 0,
            config: *config,
            obj,
            kr,
            cols,
            side: Vec::new(),
            scratch: Default::default(),
            blocks,
            layout,
            spare: Arc::downgrade(&self.spare),
        };
        r.set_as_of(as_of);
        r.recompute_all(self);
        Ok(r)
    }

    /// The check-in columns, current for `layout`, locked for reading.
    fn check_in_cache(&self, layout: &Arc<Layout>) -> std::sync::MutexGuard<'_, CheckInCache> {
        let mut cache = self
            .check_in_cache
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        cache.refresh(self, layout);
        cache
    }

    /// The check-in columns, current for `layout`.
    fn columns(&self, layout: &Arc<Layout>) -> Arc<Columns> {
        self.check_in_cache(layout)
            .columns
            .clone()
            .expect("refreshed")
    }
}

impl Rollup {
    /// Rolls `g` up again at `as_of` into this result, with this result's configuration,
    /// reusing its memory: the same figures as a fresh [`OkrGraph::rollup_with`], without
    /// allocating (and the system zeroing) new result arrays unless the graph has grown
    /// since. For dashboards that roll the same organisation up again and again (another
    /// date, after a batch of check-ins).
    ///
    /// # Complexity
    /// As [`OkrGraph::rollup`].
    pub fn recompute(&mut self, g: &OkrGraph, as_of: impl Into<AsOf>) {
        self.layout = g.layout();
        self.set_as_of(as_of.into());
        self.recompute_all(g);
    }

    fn set_as_of(&mut self, as_of: AsOf) {
        let day = day_number(as_of.date());
        let stale_cutoff_day = i64::from(day) - i64::from(self.config.stale_days);
        let stale_cutoff = i32::try_from(stale_cutoff_day)
            .ok()
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .map(|d| d.and_time(NaiveTime::MIN).and_utc())
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        self.as_of = as_of;
        self.day = day;
        self.stale_cutoff_secs = stale_cutoff.timestamp();
        self.stale_cutoff_day = stale_cutoff_day;
    }

    /// One pass over objective positions (children first); each computes its key result
    /// slots (contiguous, in order) and sums them as it goes, then its children. Reuses the
    /// result arrays' memory.
    fn recompute_all(&mut self, g: &OkrGraph) {
        let layout = self.layout.clone();
        let cache = g.check_in_cache(&layout);
        let cols = cache.columns.clone().expect("refreshed");
        let any_dirty = cache.dirty_count > 0;
        self.side.clear();
        let (secs, nanos) = (
            self.as_of.0.timestamp(),
            self.as_of.0.timestamp_subsec_nanos(),
        );
        self.kr.clear();
        self.kr.reserve_exact(layout.key_results());
        self.blocks.clear();
        self.blocks.resize(layout.block_count(), Agg::default());
        let no = layout.objectives();
        self.obj.clear();
        self.obj.reserve_exact(no);
        for pos in 0..no {
            let counts = layout.obj[pos].counts_krs;
            let active = layout.obj[pos].active;
            let mut total = Agg::default();
            for slot in layout.kr_slots(pos) {
                let (ci, current) = if any_dirty && cache.dirty[slot] {
                    let c = self.current_from_graph(g, &layout, slot);
                    self.keep_side(c, NO_CHECK_IN)
                } else {
                    self.in_force_column(&cols, cols.in_force(slot, secs, nanos), NO_CHECK_IN)
                };
                let (flags, figures) = self.compute_kr(&layout, slot, active, current);
                total.add_kr(
                    flags,
                    figures,
                    current.map_or(f64::NAN, |c| c.confidence),
                    layout.kr_weight[slot],
                    counts,
                );
                self.kr.push(KrOut { ci, flags });
            }
            let v = if layout.blocks(pos).is_empty() {
                // the same order as `sum_inputs`: key results, then children
                for &(c, w) in layout.children(pos) {
                    total.add_child(&self.obj[c as usize], w);
                }
                self.finish_objective(&layout, pos, total)
            } else {
                self.compute_objective(&layout, pos, None)
            };
            self.obj.push(v);
        }
        drop(cache);
        self.cols = cols;
    }

    /// The `KrOut::ci` of the check-in at index `i` of `cols` (`None`: no check-in in
    /// force), and what the rollup reads of it; `old`: the key result's previous `ci`.
    #[inline]
    fn in_force_column(
        &mut self,
        cols: &Columns,
        i: Option<usize>,
        old: u32,
    ) -> (u32, Option<InForce>) {
        match i {
            None => (NO_CHECK_IN, None),
            Some(i) => match u32::try_from(i) {
                Ok(ci) if ci < SIDE => (ci, Some(InForce::from_columns(cols, i))),
                // beyond what `ci` can address: kept aside
                _ => self.keep_side(Some(Current::from_columns(cols, i)), old),
            },
        }
    }

    /// Keeps `current` (read from the graph) in the side table: its `KrOut::ci` and what the
    /// rollup reads of it. `old`: the key result's previous `ci`, whose side entry (if any)
    /// is overwritten.
    fn keep_side(&mut self, current: Option<Current>, old: u32) -> (u32, Option<InForce>) {
        let Some(c) = current else {
            return (NO_CHECK_IN, None);
        };
        let ci = if let InForceAt::Side(i) = InForceAt::of(old) {
            self.side[i] = c;
            old
        } else {
            // At most one entry per key result slot (cleared by a full rollup, an entry
            // overwritten by `refresh_key_result`), so the index stays below `SIDE`.
            self.side.push(c);
            SIDE | (self.side.len() - 1) as u32
        };
        (ci, Some(c.into()))
    }

    /// The check-in in force for the key result at `slot`.
    #[inline]
    fn current(&self, slot: usize) -> Option<Current> {
        match InForceAt::of(self.kr[slot].ci) {
            InForceAt::None => None,
            InForceAt::Side(i) => Some(self.side[i]),
            InForceAt::Column(i) => Some(Current::from_columns(&self.cols, i)),
        }
    }

    /// The effective value and carried confidence of the check-in in force for the key
    /// result at `slot` (fewer reads than [`current`](Self::current)).
    #[inline]
    fn figures_in_force(&self, slot: usize) -> Option<(f64, f64)> {
        match InForceAt::of(self.kr[slot].ci) {
            InForceAt::None => None,
            InForceAt::Side(i) => Some((self.side[i].value, self.side[i].confidence)),
            InForceAt::Column(i) => Some(self.cols.figures[i]),
        }
    }

    /// The check-in in force for `slot`, read from the graph (for slots whose check-ins
    /// changed since the columns were built).
    fn current_from_graph(&self, g: &OkrGraph, layout: &Layout, slot: usize) -> Option<Current> {
        let entry = &g.key_results[layout.kr_graph_index[slot] as usize];
        let at = self.as_of.0;
        let n = entry.check_ins.partition_point(|c| c.at <= at);
        let c = entry.check_ins[..n].last()?;
        Some(Current {
            secs: c.at.timestamp(),
            nanos: c.at.timestamp_subsec_nanos(),
            value: effective_value(&entry.data.measure, c),
            confidence: entry.check_ins[..n]
                .iter()
                .rev()
                .find_map(|c| c.confidence)
                .unwrap_or(f64::NAN),
        })
    }

    /// The flags of the key result at `slot` with `current` in force, and its (progress,
    /// attainment); `active`: whether its objective is active.
    #[inline]
    fn compute_kr(
        &self,
        layout: &Layout,
        slot: usize,
        active: bool,
        current: Option<InForce>,
    ) -> (u8, (f64, f64)) {
        let m = &layout.kr_measure[slot];
        let value = value_in_force(m, current.map(|c| c.value));
        let d = self.day;
        let period = layout.kr_period[slot];
        let in_period = d >= period.0 && d <= period.1;
        // "no check-in for more than stale_days days": the last one is dated before the
        // cutoff day (as-of date minus stale_days); without one, the period started before it.
        let quiet = match current {
            Some(c) => c.secs < self.stale_cutoff_secs,
            None => i64::from(period.0) < self.stale_cutoff_day,
        };
        // Only a threshold without a start value and without a check-in has no progress.
        let defined = match *m {
            KrMeasure::Threshold { .. } => !value.is_nan(),
            _ => true,
        };
        let mut flags = if defined { DEFINED } else { 0 };
        if active && in_period && quiet {
            flags |= STALE;
        }
        (flags, kr_figures(m, value))
    }

    /// Sums the inputs `range` (indices into the objective's inputs: key results first, then
    /// counting children) of the objective at `pos`.
    #[inline]
    fn sum_inputs(&self, layout: &Layout, pos: usize, range: std::ops::Range<usize>) -> Agg {
        let mut a = Agg::default();
        let krs = layout.kr_slots(pos);
        let nk = krs.len();
        let counts = layout.obj[pos].counts_krs;
        for i in range.start..range.end.min(nk) {
            let slot = krs.start + i;
            let current = self.figures_in_force(slot);
            let m = &layout.kr_measure[slot];
            a.add_kr(
                self.kr[slot].flags,
                kr_figures(m, value_in_force(m, current.map(|c| c.0))),
                current.map_or(f64::NAN, |c| c.1),
                layout.kr_weight[slot],
                counts,
            );
        }
        let children = layout.children(pos);
        for i in range.start.max(nk)..range.end {
            let (c, w) = children[i - nk];
            a.add_child(&self.obj[c as usize], w);
        }
        a
    }

    /// The figures of the objective at `pos` from its inputs. Objectives with more than
    /// [`BLOCK`] inputs sum them in blocks and the blocks in order; `changed` (sorted input
    /// indices) limits the blocks recomputed to those holding a changed input.
    fn compute_objective(
        &mut self,
        layout: &Layout,
        pos: usize,
        changed: Option<&[u32]>,
    ) -> ObjOut {
        let nk = layout.kr_slots(pos).len();
        let inputs = nk + layout.children(pos).len();
        let blocks = layout.blocks(pos);
        let total = if blocks.is_empty() {
            self.sum_inputs(layout, pos, 0..inputs)
        } else {
            match changed {
                None => {
                    for (b, i) in blocks.clone().enumerate() {
                        let range = b * BLOCK..((b + 1) * BLOCK).min(inputs);
                        self.blocks[i] = self.sum_inputs(layout, pos, range);
                    }
                }
                Some(changed) => {
                    let mut last = usize::MAX;
                    for &input in changed {
                        let b = input as usize / BLOCK;
                        if b != last {
                            last = b;
                            let range = b * BLOCK..((b + 1) * BLOCK).min(inputs);
                            self.blocks[blocks.start + b] = self.sum_inputs(layout, pos, range);
                        }
                    }
                }
            }
            let mut t = Agg::default();
            for b in &self.blocks[blocks] {
                t.merge(b);
            }
            t
        };
        self.finish_objective(layout, pos, total)
    }

    /// The figures of the objective at `pos` from the sums over all its inputs.
    #[inline]
    fn finish_objective(&self, layout: &Layout, pos: usize, total: Agg) -> ObjOut {
        let nk = layout.kr_slots(pos).len();
        let counting = if layout.obj[pos].counts_krs { nk } else { 0 } + layout.children(pos).len();
        let (progress, attainment, reason) = if total.den > 0.0 {
            (
                (total.num / total.den).clamp(0.0, 1.0),
                total.anum / total.den,
                None,
            )
        } else if counting == 0 {
            (
                f64::NAN,
                f64::NAN,
                Some(UndefinedReason::NoCountingChildren),
            )
        } else if total.defined == 0 {
            (f64::NAN, f64::NAN, Some(UndefinedReason::NoChildProgress))
        } else {
            (f64::NAN, f64::NAN, Some(UndefinedReason::AllWeightsZero))
        };
        let d = self.day;
        let period = layout.obj[pos].period;
        let in_period = d >= period.0 && d <= period.1;
        let all_stale = nk > 0 && total.stale as usize == nk;
        let mut flags = match reason {
            None => DEFINED,
            Some(UndefinedReason::NoCountingChildren) => 1 << REASON_SHIFT,
            Some(UndefinedReason::NoChildProgress) => 2 << REASON_SHIFT,
            Some(_) => 3 << REASON_SHIFT,
        };
        if layout.obj[pos].active && in_period && all_stale {
            flags |= STALE;
        }
        ObjOut {
            progress,
            attainment,
            confidence: if total.cden > 0.0 {
                total.cnum / total.cden
            } else {
                f64::NAN
            },
            flags,
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
    /// O(A (F + log A)) for A affected ancestors with at most F inputs each, where an
    /// objective with more than 64 inputs counts as F = 64 + its inputs / 64 (its sums are
    /// kept per block of 64): independent of the size of the rest of the graph, and of how
    /// many siblings share a parent up to a few thousand.
    /// Check-ins made since the last full rollup are read from the graph: only a full
    /// rollup rebuilds the flat check-in columns.
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
        let slot = layout.kr_slot[k] as usize;
        // The check-in now in force: from this rollup's columns while they hold the slot's
        // check-ins as they are, else from the graph. The columns are not rebuilt here (a
        // full rollup does that): one check-in must not cost a pass over all of them.
        let old = self.kr[slot];
        let old_figures = self.figures_in_force(slot);
        let columns_hold_it = {
            let cache = g.check_in_cache.lock().unwrap_or_else(|e| e.into_inner());
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

    fn kr_values(&self, slot: usize) -> NodeValues {
        let v = self.kr_column_values(slot);
        let current = self.current(slot);
        let m = &self.layout.kr_measure[slot];
        NodeValues {
            undefined_reason: v.progress.is_none().then_some(UndefinedReason::NoValue),
            // boolean and milestone key results have no value beside their progress
            value: match m {
                KrMeasure::Direct => None,
                _ => some(value_in_force(m, current.map(|c| c.value))),
            },
            last_check_in: current.and_then(|c| DateTime::from_timestamp(c.secs, c.nanos)),
            ..v
        }
    }

    fn obj_values(&self, pos: usize) -> NodeValues {
        let v = &self.obj[pos];
        let progress = (v.flags & DEFINED != 0).then_some(v.progress);
        let period = self.layout.obj[pos].period;
        let expected = expected_pace(self.day, period);
        NodeValues {
            progress,
            attainment: (v.flags & DEFINED != 0).then_some(v.attainment),
            expected,
            status: status_of(self.day, period, progress, expected, &self.config),
            confidence: some(v.confidence),
            stale: v.flags & STALE != 0,
            undefined_reason: match v.flags >> REASON_SHIFT & 3 {
                1 => Some(UndefinedReason::NoCountingChildren),
                2 => Some(UndefinedReason::NoChildProgress),
                3 => Some(UndefinedReason::AllWeightsZero),
                _ => None,
            },
            value: None,
            last_check_in: None,
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
        };
        let mut put = |i: usize, v: &NodeValues| {
            c.progress[i] = v.progress.unwrap_or(f64::NAN);
            c.attainment[i] = v.attainment.unwrap_or(f64::NAN);
            c.expected[i] = v.expected;
            c.confidence[i] = v.confidence.unwrap_or(f64::NAN);
            c.status[i] = v.status;
            c.stale[i] = v.stale;
        };
        for pos in 0..no {
            put(pos, &self.obj_values(pos));
        }
        for slot in 0..self.kr.len() {
            put(
                no + layout.kr_graph_index[slot] as usize,
                &self.kr_column_values(slot),
            );
        }
        c.kind[..no].fill(NodeKind::Objective);
        c
    }

    /// The figures of the key result at `slot` that [`FigureColumns`] holds: `value`,
    /// `last_check_in` and `undefined_reason` left out (see `kr_values`).
    #[inline]
    fn kr_column_values(&self, slot: usize) -> NodeValues {
        let v = &self.kr[slot];
        let figures = self.figures_in_force(slot);
        let m = &self.layout.kr_measure[slot];
        let (p, a) = kr_figures(m, value_in_force(m, figures.map(|f| f.0)));
        let defined = v.flags & DEFINED != 0;
        let progress = defined.then_some(p);
        let period = self.layout.kr_period[slot];
        let expected = expected_pace(self.day, period);
        NodeValues {
            progress,
            attainment: defined.then_some(a),
            expected,
            status: status_of(self.day, period, progress, expected, &self.config),
            confidence: figures.and_then(|f| some(f.1)),
            stale: v.flags & STALE != 0,
            undefined_reason: None,
            value: None,
            last_check_in: None,
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
