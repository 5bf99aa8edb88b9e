//! Progress rollup, pace and status, full and incremental.
//!
//! # Semantics
//! - Numeric key result: `attainment = (current - start) / (target - start)` (unclamped, 1.25
//!   means 125%), `progress = clamp(attainment, 0, 1)`. Decreasing key results (target below
//!   start) use the same formula. Threshold: 1 when the inclusive bound holds, else 0. Boolean:
//!   0 or 1. Milestones: done weight / total weight.
//! - Extreme numbers: every figure is finite or undefined with a reason. The attainment ratio is
//!   computed without overflowing its differences (`measure::attainment`); when the ratio itself
//!   is beyond the range of `f64` (about ±1.8e308), progress is 1 (positive) or 0 (negative)
//!   and attainment is undefined, [`UndefinedReason::OutOfRange`].
//! - Weights (finite, `>= 0`): only their ratios matter. Each objective's input weights, and a
//!   milestone key result's, are multiplied by one power of two (`measure::weight_scale`: exact)
//!   that brings the largest to about 1 when the layout is built, so no sum overflows or loses
//!   precision and ordinary weights give the bits of the plain formula. An objective whose
//!   weights span more than about 2^900 is *wide*: its means are taken over the inputs that
//!   count, scaled by their own largest weight (`Rollup::careful`, also used when a weighted sum
//!   of attainments overflows).
//! - The current value at an as-of time is the latest check-in at or before it; with none, the
//!   start value (numeric, threshold with a `start`), not done (boolean), no milestone
//!   (milestones). A threshold key result with neither has undefined progress.
//! - Objective progress is the weighted mean over its counting children: its key results (key
//!   result weight) when its rollup mode counts key results, and the objectives aligned under it
//!   (link weight) when the mode counts children. Draft and abandoned child objectives do not
//!   count; a child with undefined progress does not count. With no counting child, or all
//!   their weights zero, progress is undefined (`None`) and [`UndefinedReason`] says why.
//!   Attainment rolls up the same way, unclamped; undefined (`OutOfRange`, progress defined)
//!   when a counting input with a weight above 0 has undefined attainment or the mean is
//!   beyond the range of `f64`.
//! - A child aligned under several parents counts fully in each.
//! - Expected pace at date `d` over a period `[start, end]` (inclusive; "as of a date" means at
//!   the end of that day): `e = clamp((d - start + 1 day) / (end - start + 1 day), 0, 1)`.
//!   Objectives use their cycle; key results use their cycle, ending at the due date if one is
//!   set. Status: `not_started` before the period, `closed` after it, `no_data` when progress
//!   is undefined, else `on_track` if `p >= e - on_track_margin`, `at_risk` if
//!   `p >= e - at_risk_margin`, else `off_track` (comparisons allow 1e-12 for rounding).
//! - Planned targets: a numeric key result may carry a plan, values at dates
//!   ([`PlanPoint`](crate::PlanPoint): `value` reached by the end of `date`). Its expected
//!   value at the end of day `d` is piecewise linear in time through (the start of the
//!   period's first day, the start value), (the end of each point's day, its value) and, when
//!   the last point is before the period's last day, (the end of that day, the target): a plan
//!   that stops early runs on to the target. Before the period it is the start value, after
//!   the last anchor the last value. The expected pace is then
//!   `e = clamp((expected value - start) / (target - start), 0, 1)` (the plan's attainment)
//!   in place of the linear one, and status compares progress with it as above. A plan of the
//!   one point (last day, target) is the linear pace. [`NodeValues::planned_value`] holds the
//!   expected value; explanations name the points it falls between. A plan is checked when
//!   the key result is added or revised and when its objective moves to another cycle
//!   (numeric measures only; dates strictly increasing inside the period, cycle start to due
//!   date or cycle end; values finite within `[min(start, target), max(start, target)]`):
//!   `InvalidValue` naming the key result and the point (`plan[1] of key result "rev"`).
//!   Cycles have no revisions (their dates never change), so a valid plan stays valid.
//! - Manual overrides: a key result or an objective may carry an attainment set by hand
//!   ([`ManualOverride`](crate::ManualOverride), finite, in `[0, 1.5]`, else `InvalidValue`
//!   naming the node). The node then reports attainment = the override, progress = its clamp
//!   to `[0, 1]`, `source` = `manual`, with the figures computed from its measure or inputs in
//!   `computed_progress` / `computed_attainment` (for a computed node, the same as
//!   `progress` / `attainment`); it is always defined (no undefined reason), its status
//!   comes from the overridden progress, and its parents roll up the override as they would
//!   a computed figure (its stale mark and confidence stay computed). Setting or clearing one
//!   is a revision (`override` in the patch, `null` clears it), with its author and reason in
//!   the log; at an earlier time the rollup is computed.
//! - Stale: a key result of an active objective, inside its period, with no check-in for more
//!   than `stale_days` days (counting from the period start when it never had one). An
//!   objective is stale when it is active, inside its cycle, has key results and all of them are
//!   stale.
//! - Confidence: a key result's is the latest confidence reported at or before the as-of time;
//!   an objective's is the weight-averaged confidence of its own key results that have one.
//! - Link kinds: only contributing links are inputs. A supporting link
//!   ([`LinkKind::Supports`](crate::LinkKind)) is in no figure: the rollup of a graph equals
//!   the rollup of the same graph without its supporting links.
//! - Blocked: a node is [`blocked`](NodeValues::blocked) when something that blocks it
//!   directly ([`Dependency`](crate::Dependency)) is `off_track`, or has not started (status
//!   `not_started`, or progress undefined or 0) when the as-of day is after the dependency's
//!   `start_by` day ([`Rollup::blockers`] says which and why). A flag only: no figure counts
//!   a dependency.
//! - Initiatives ([`crate::initiative`]): excluded from every figure unless a key result sets
//!   `initiatives_weight` `w > 0`; then its progress and attainment are `(x + w q) / (1 + w)`
//!   (as `x r + q s`, `r = 1 / (1 + w)`, `s = w r`), `q` the mean share done of its
//!   initiatives at the as-of time. Not applied to a manual override (reported as set), nor to
//!   an undefined progress, nor to what an aggregate takes of the key result (its value, its
//!   measure's progress for `count_done`).

mod aggregate;
mod blocked;
mod cache;
mod engine;
mod initiatives;
mod layout;
mod measure;
mod past;
mod patch;
mod pin;
mod query;
mod refresh;
mod status;
mod table;
mod types;

pub(crate) use aggregate::takes as aggregate_takes;
pub use blocked::{BlockReason, Blocker};
pub(crate) use cache::RollupCache;
pub use engine::Rollup;
pub(crate) use layout::Layout;
pub(crate) use measure::{aggregate_progress, measure_progress, weight_scale};
pub use pin::HiddenEntry;
pub(crate) use pin::PinCache;
pub use table::{RollupTable, TextColumn};
pub use types::{
    FigureColumns, FigureSource, NodeKind, NodeResult, NodeValues, RollupColumns, RollupConfig,
    Status, UndefinedReason,
};
