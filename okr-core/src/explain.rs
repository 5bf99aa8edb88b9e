//! "Why is this 39%?": the breakdown behind a node's progress.

use serde::Serialize;

use crate::error::{EntityKind, OkrError, Result};
use crate::format::{number, percent};
use crate::graph::OkrGraph;
use chrono::NaiveDate;

use crate::model::{
    AggregateFunction, KeyResult, Measure, ObjectiveState, PlanPoint, RollupMode, key_result_period,
};
use crate::rollup::{
    BlockReason, FigureSource, NodeKind, NodeValues, Rollup, RollupConfig, Status, weight_scale,
};
use crate::store::Op;
use crate::time::AsOf;

/// A sum of weights in words: the number, or "more than 1.8e308" when it is beyond the range
/// of `f64` (the shares are computed over scaled weights and stay exact).
fn weight_total(total: f64) -> String {
    if total.is_finite() {
        number(total)
    } else {
        "more than 1.8e308".into()
    }
}

/// One input of an objective's progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// The key result's or child objective's id.
    pub id: String,
    /// Key result or objective.
    pub kind: NodeKind,
    /// Its title.
    pub title: String,
    /// Its own progress (`None` when undefined).
    pub progress: Option<f64>,
    /// `manual` when that progress is a manual override.
    pub source: FigureSource,
    /// Its weight: key result weight, or link weight for a child objective.
    pub weight: f64,
    /// Whether it counts in the weighted mean.
    pub counted: bool,
    /// Why it does not count, why it counts for nothing (weight 0), or that its progress is
    /// set by hand.
    pub note: Option<String>,
    /// `weight / sum of counting weights` (`None` when it does not count).
    pub weight_share: Option<f64>,
    /// `weight * progress / sum of counting weights`: how many points of the result it
    /// provides. Contributions add up to the objective's progress.
    pub contribution: Option<f64>,
    /// On a view ([`OkrGraph::view_for`]): set on the combined entry standing for the
    /// inputs hidden from the viewer, to how many it stands for (its title says so: "2 hidden
    /// objectives"; its weight is their combined weight).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden: Option<usize>,
}

/// Details of a key result's own computation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyResultDetail {
    /// The measure.
    pub measure: Measure,
    /// The formula with the numbers filled in.
    pub formula: String,
    /// Aggregate key results: the key results under it and what each gives.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<AggregateInput>,
}

/// One key result under an aggregate key result, as the aggregate takes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AggregateInput {
    /// The key result's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its value in force (numeric, threshold and aggregate key results), in its own unit.
    pub value: Option<f64>,
    /// The declared conversion factor to the aggregate's unit, if any.
    pub factor: Option<f64>,
    /// What the aggregate takes: the value times the factor, or for `count_done` 1 when it
    /// is done and 0 when not; `None` when it has no value (it then takes no part).
    pub counted: Option<f64>,
}

/// Something that blocks the explained node at its time (see
/// [`Rollup::blockers`](crate::Rollup::blockers)): a dependency whose blocker is off track, or
/// has not started after the dependency's `start_by` day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplainedBlocker {
    /// The blocking objective's or key result's id.
    pub id: String,
    /// Objective or key result.
    pub kind: NodeKind,
    /// Its title.
    pub title: String,
    /// Why it blocks: `off_track` or `not_started`.
    pub reason: BlockReason,
    /// The dependency's `start_by` day, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_by: Option<NaiveDate>,
    /// The blocker's status.
    pub status: Status,
    /// The blocker's progress (`None` when undefined).
    pub progress: Option<f64>,
    /// The blocker's expected progress.
    pub expected: f64,
    /// The dependency's note, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Why it blocks, in words (`off track: progress 20.0% where 87.4% was expected`).
    pub why: String,
}

/// The breakdown of one node's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The node's id.
    pub id: String,
    /// Objective or key result.
    pub kind: NodeKind,
    /// Its title.
    pub title: String,
    /// Its figures, as in the rollup.
    #[serde(flatten)]
    pub values: NodeValues,
    /// Objectives: the rollup mode.
    pub rollup_mode: Option<RollupMode>,
    /// Objectives: every key result and child objective, counted or not.
    pub contributions: Vec<Contribution>,
    /// Key results: how the figure was computed.
    pub key_result: Option<KeyResultDetail>,
    /// Which expectation the expected progress (and so the status) comes from: the linear
    /// pace over the period, or the key result's plan and the points it falls between
    /// (`expected 175 of 500 by the plan (between 2026-10-31 = 100 and 2026-11-30 = 250):
    /// 18.8%`).
    pub expectation: String,
    /// With a manual override: that it is one, who set it, when and why, and the computed
    /// figure beside it.
    pub manual: Option<String>,
    /// What blocks it (`blocked` is true when any does), in the order the dependencies were
    /// added; absent (empty) when nothing blocks it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blockers: Vec<ExplainedBlocker>,
    /// A one-paragraph answer in plain words; for a blocked node it ends by naming what
    /// blocks it and why.
    pub summary: String,
}

/// The expectation of key result `kr` at `day` (its cycle `period` bounds, see
/// [`key_result_period`]) in words, `expected` its expected progress.
fn kr_expectation(
    kr: &KeyResult,
    period: (NaiveDate, NaiveDate),
    day: NaiveDate,
    expected: f64,
    planned: Option<f64>,
) -> String {
    let (Some(value), Measure::Numeric { start, target, .. }) = (planned, &kr.measure) else {
        return linear(period, expected);
    };
    // the anchors of the plan, as the rollup takes them: (label, end-of-day date, value)
    let mut anchors: Vec<(String, Option<NaiveDate>, f64)> = vec![(
        format!("start {} = {}", period.0, number(*start)),
        None,
        *start,
    )];
    for p in &kr.plan {
        anchors.push((point(p), Some(p.date), p.value));
    }
    if kr.plan.last().is_none_or(|p| p.date < period.1) {
        anchors.push((
            format!("target {} = {}", period.1, number(*target)),
            Some(period.1),
            *target,
        ));
    }
    let where_ = if day < period.0 {
        "before the period: the start value".to_string()
    } else if let Some(a) = anchors.iter().find(|a| a.1 == Some(day)) {
        a.0.clone()
    } else if let Some(i) = anchors.iter().position(|a| a.1.is_some_and(|d| d > day)) {
        format!("between {} and {}", anchors[i - 1].0, anchors[i].0)
    } else {
        format!(
            "after the last point, {}",
            anchors.last().expect("one at least").0
        )
    };
    format!(
        "expected {} of {} by the plan ({where_}): {}",
        number(value),
        number(*target),
        percent(expected)
    )
}

fn point(p: &PlanPoint) -> String {
    format!("point {} = {}", p.date, number(p.value))
}

fn linear((first, last): (NaiveDate, NaiveDate), expected: f64) -> String {
    format!(
        "expected {} by the linear pace over {first}..{last}",
        percent(expected)
    )
}

impl OkrGraph {
    /// With a manual override on `id` in `values`: the sentence saying so, naming the
    /// revision that set it (the latest at or before the as-of time of this graph's state).
    fn manual_note(&self, id: &str, values: &NodeValues) -> Option<String> {
        if values.source != FigureSource::Manual {
            return None;
        }
        let set = self.store.history.log.iter().rev().find(|r| match &r.op {
            Op::KeyResult { id: k, to, .. } => k == id && matches!(to.r#override, Some(Some(_))),
            Op::Objective { id: k, to, .. } => k == id && matches!(to.r#override, Some(Some(_))),
            _ => false,
        });
        let by = match set {
            Some(r) => {
                let mut s = format!(" on {}", crate::time::format_instant(r.meta.at));
                if let Some(b) = &r.meta.by {
                    s = format!(" by {b}{s}");
                }
                if let Some(why) = &r.meta.reason {
                    s.push_str(&format!(" ({why})"));
                }
                s
            }
            None => ", with no revision recorded (there from the beginning)".into(),
        };
        Some(format!(
            "set by hand (source: manual) to attainment {}{by}; computed: progress {}, attainment {}",
            percent(values.attainment),
            percent(values.computed_progress),
            percent(values.computed_attainment)
        ))
    }
}

/// The key results under aggregate `id` and what each gives it, in the rollup `rollup`.
fn aggregate_inputs(
    g: &OkrGraph,
    rollup: &crate::rollup::Rollup,
    id: &str,
    function: AggregateFunction,
) -> Vec<AggregateInput> {
    g.key_results_under(id)
        .into_iter()
        .map(|kr| {
            let v = rollup.key_result(&kr.id).expect("in rollup");
            let factor = kr.parent.as_ref().and_then(|p| p.factor);
            let counted = crate::rollup::aggregate_takes(
                function,
                v.value.unwrap_or(f64::NAN),
                factor.unwrap_or(1.0),
                v.progress.unwrap_or(f64::NAN),
            );
            let counted = (!counted.is_nan()).then_some(counted);
            AggregateInput {
                id: kr.id.clone(),
                title: kr.title.clone(),
                value: v.value,
                factor,
                counted,
            }
        })
        .collect()
}

/// The formula of an aggregate key result's figures with its inputs filled in.
fn aggregate_formula(
    function: AggregateFunction,
    inputs: &[AggregateInput],
    start: f64,
    target: f64,
    values: &NodeValues,
) -> String {
    let parts: Vec<String> = inputs
        .iter()
        .filter_map(|i| i.counted.map(number))
        .collect();
    let value = values.value.map_or_else(|| "no value".to_string(), number);
    let what = match function {
        AggregateFunction::Sum => format!("sum({})", parts.join(" + ")),
        AggregateFunction::Mean => format!("mean({})", parts.join(", ")),
        AggregateFunction::Min => format!("min({})", parts.join(", ")),
        AggregateFunction::Max => format!("max({})", parts.join(", ")),
        AggregateFunction::CountDone => format!("done count({})", parts.join(" + ")),
    };
    let under = match inputs.len() {
        0 => "no key results under it".to_string(),
        1 => "1 key result under it".to_string(),
        n => format!("{n} key results under it"),
    };
    let Some(current) = values.value else {
        return format!(
            "value = {} of {under}: none of them has a value, progress undefined",
            function.as_str()
        );
    };
    format!(
        "value = {what} = {value} ({under}); attainment = (value - start) / (target - start) = ({} - {}) / ({} - {}) = {}; progress = clamp(attainment, 0, 1) = {}",
        number(current),
        number(start),
        number(target),
        number(start),
        percent(values.computed_attainment),
        percent(values.computed_progress)
    )
}

/// What blocks `id` in `rollup` (a rollup of `g`), with each blocker's figures and the
/// dependency's note.
///
/// # Complexity
/// O(log D + degree) for D dependencies.
fn explained_blockers(g: &OkrGraph, rollup: &Rollup, id: &str) -> Vec<ExplainedBlocker> {
    (rollup.blockers(id).into_iter())
        .filter_map(|b| {
            let v = rollup.get(b.id)?.values;
            let title = match b.kind {
                NodeKind::Objective => g.objective(b.id).map(|o| o.title.clone()),
                NodeKind::KeyResult => g.key_result(b.id).map(|k| k.title.clone()),
            }
            .unwrap_or_default();
            let why = match b.reason {
                BlockReason::OffTrack => format!(
                    "off track: progress {} where {} was expected",
                    percent(v.progress),
                    percent(v.expected)
                ),
                BlockReason::NotStarted => format!(
                    "not started (progress {}) after its start_by day {}",
                    percent(v.progress),
                    b.start_by
                        .map_or_else(|| "-".to_string(), |d| d.to_string())
                ),
            };
            Some(ExplainedBlocker {
                id: b.id.to_string(),
                kind: b.kind,
                title,
                reason: b.reason,
                start_by: b.start_by,
                status: v.status,
                progress: v.progress,
                expected: v.expected,
                note: g.dependency(b.id, id).and_then(|d| d.note.clone()),
                why,
            })
        })
        .collect()
}

/// The sentence naming what blocks a node: ` It is blocked by key result "x" (off track:
/// ...) and objective "y" (not started ...).`; empty when nothing does.
fn blocked_sentence(blockers: &[ExplainedBlocker]) -> String {
    if blockers.is_empty() {
        return String::new();
    }
    let names: Vec<String> = (blockers.iter())
        .map(|b| {
            let kind = match b.kind {
                NodeKind::Objective => "objective",
                NodeKind::KeyResult => "key result",
            };
            format!("{kind} {:?} ({})", b.id, b.why)
        })
        .collect();
    let list = match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    format!(" It is blocked by {list}.")
}

/// On a view, what blocks `id` that the viewer may not see, counted and never named (" It is
/// blocked by 1 hidden from this view."), from the blockers the full graph names in the
/// view's pinned rollup; empty otherwise.
fn hidden_blockers_sentence(rollup: &Rollup, id: &str, shown: &[ExplainedBlocker]) -> String {
    let all = rollup.pinned_blocker_count(id).unwrap_or(0);
    match all.saturating_sub(shown.len()) {
        0 => String::new(),
        n if shown.is_empty() => format!(" It is blocked by {n} hidden from this view."),
        n => format!(" It is also blocked by {n} hidden from this view."),
    }
}

impl OkrGraph {
    /// Explains a node's progress at `as_of` with the default configuration.
    ///
    /// # Errors
    /// `UnknownId` when `id` is neither an objective nor a key result.
    ///
    /// # Complexity
    /// As [`explain_progress_with`](Self::explain_progress_with).
    pub fn explain_progress(&self, id: &str, as_of: impl Into<AsOf>) -> Result<Explanation> {
        self.explain_progress_with(id, as_of, &RollupConfig::default())
    }

    /// Explains a node's progress at `as_of` with `config`, on the model as it stood then
    /// ([`at`](Self::at)): its titles, measures, weights, links and states, and the objectives
    /// and key results that existed then (one removed later is explained; one added later is
    /// unknown).
    ///
    /// # Errors
    /// `UnknownId`, `InvalidConfig`.
    ///
    /// # Complexity
    /// A full rollup, O(V + E + K log C), then O(children) for the breakdown; at a past time,
    /// plus building that state the first time: see [`OkrGraph::at`].
    pub fn explain_progress_with(
        &self,
        id: &str,
        as_of: impl Into<AsOf>,
        config: &RollupConfig,
    ) -> Result<Explanation> {
        let as_of = as_of.into();
        // the model as it stood at the as-of time, like the rollup's
        let g = self.at(as_of);
        let g: &OkrGraph = &g;
        let rollup = g.rollup_with(as_of, config)?;
        let day = as_of.date();
        if let Some(kr) = g.key_result(id) {
            let values = rollup.key_result(id).expect("in rollup");
            let cycle = &g.store.cycles[&g.store.objectives[&kr.objective].data.cycle];
            let expectation = kr_expectation(
                kr,
                key_result_period(cycle, kr.due),
                day,
                values.expected,
                values.planned_value,
            );
            let manual = g.manual_note(id, &values);
            let mut inputs = Vec::new();
            // with initiatives weighed in, the formula of the measure shows the measure's own
            // figures, the blend follows it
            let blend = rollup.initiatives_blend(id);
            let full = values;
            let values = match blend {
                Some(b) => NodeValues {
                    computed_progress: (!b.progress.is_nan()).then_some(b.progress),
                    computed_attainment: (!b.progress.is_nan() && b.attainment.is_finite())
                        .then_some(b.attainment),
                    ..values
                },
                None => values,
            };
            let mut formula = match &kr.measure {
                Measure::Numeric { start, target, .. } => {
                    let cur = values.value.unwrap_or(*start);
                    let attainment = match (values.computed_attainment, values.computed_progress) {
                        (None, Some(_)) => {
                            "beyond the range of numbers (about ±1.8e308), out_of_range".into()
                        }
                        (a, _) => percent(a),
                    };
                    format!(
                        "attainment = (current - start) / (target - start) = ({cur} - {start}) / ({target} - {start}) = {attainment}; progress = clamp(attainment, 0, 1) = {}",
                        percent(values.computed_progress)
                    )
                }
                Measure::Threshold { bound, value, .. } => {
                    let op = match bound {
                        crate::model::Bound::AtOrAbove => ">=",
                        crate::model::Bound::AtOrBelow => "<=",
                    };
                    match values.value {
                        Some(v) => format!(
                            "{v} {op} {value} is {}: progress {}",
                            values.computed_progress == Some(1.0),
                            percent(values.computed_progress)
                        ),
                        None => "no start value and no check-in yet: progress undefined".into(),
                    }
                }
                Measure::Boolean => format!(
                    "{}: progress {}",
                    if values.computed_progress == Some(1.0) {
                        "done"
                    } else {
                        "not done"
                    },
                    percent(values.computed_progress)
                ),
                Measure::Milestones { milestones } => {
                    let total: f64 = milestones.iter().map(|m| m.weight).sum();
                    format!(
                        "done weight / total weight ({}) = {}",
                        weight_total(total),
                        percent(values.computed_progress)
                    )
                }
                Measure::Aggregate {
                    function,
                    start,
                    target,
                    ..
                } => {
                    inputs = aggregate_inputs(g, &rollup, id, *function);
                    let mut f = aggregate_formula(*function, &inputs, *start, *target, &values);
                    // a view: the key results under it that the viewer may not see
                    let (hidden, counted) = g.hidden_aggregate_inputs(id, as_of);
                    if hidden > 0 {
                        let what = if hidden == 1 {
                            "1 key result".to_string()
                        } else {
                            format!("{hidden} key results")
                        };
                        f.push_str(&if counted {
                            format!("; {what} under it hidden from this view count in its value")
                        } else {
                            format!("; {what} under it hidden from this view do not count")
                        });
                    }
                    f
                }
            };
            let values = full;
            if let Some(b) = blend
                && values.computed_progress.is_some()
            {
                formula.push_str(&format!(
                    "; with its initiatives (weight {}, {} of them, {} done on average): progress = (measure + {} × initiatives) / (1 + {}) = ({} + {} × {}) / {} = {}",
                    number(b.weight),
                    b.count,
                    percent(b.share),
                    number(b.weight),
                    number(b.weight),
                    percent(b.progress),
                    number(b.weight),
                    percent(b.share),
                    number(1.0 + b.weight),
                    percent(values.computed_progress)
                ));
            }
            let reading = match values.last_check_in {
                Some(t) => format!("last check-in {}", t.date_naive()),
                None => "no check-in yet, so its start value".into(),
            };
            let mut summary = match &manual {
                Some(m) => format!(
                    "Key result {id:?} is at {}, {m} ({reading}: {formula}).",
                    percent(values.progress)
                ),
                None => format!(
                    "Key result {id:?} is at {} ({reading}): {formula}.",
                    percent(values.progress)
                ),
            };
            if values.planned_value.is_some() {
                summary.push_str(&format!(" It is {expectation}."));
            }
            let blockers = explained_blockers(g, &rollup, id);
            summary.push_str(&blocked_sentence(&blockers));
            summary.push_str(&hidden_blockers_sentence(&rollup, id, &blockers));
            return Ok(Explanation {
                id: id.to_string(),
                kind: NodeKind::KeyResult,
                title: kr.title.clone(),
                values,
                rollup_mode: None,
                contributions: Vec::new(),
                key_result: Some(KeyResultDetail {
                    measure: kr.measure.clone(),
                    formula,
                    inputs,
                }),
                expectation,
                manual,
                blockers,
                summary,
            });
        }
        let obj = g.objective(id).ok_or_else(|| OkrError::UnknownId {
            kind: EntityKind::Objective,
            id: id.to_string(),
        })?;
        let values = rollup.objective(id).expect("in rollup");
        let cycle = &g.store.cycles[&obj.cycle];
        let expectation = linear((cycle.start, cycle.end), values.expected);
        let manual = g.manual_note(id, &values);
        let mut contributions = Vec::new();
        for kr in g.key_results_of(id) {
            let v = rollup.key_result(&kr.id).expect("in rollup");
            let note = if !obj.rollup.counts_key_results() {
                Some("left out: the rollup mode counts only child objectives".to_string())
            } else if v.progress.is_none() {
                Some(format!(
                    "left out: {}",
                    v.undefined_reason
                        .map(|r| r.describe())
                        .unwrap_or("undefined")
                ))
            } else {
                None
            };
            contributions.push(Contribution {
                id: kr.id.clone(),
                kind: NodeKind::KeyResult,
                title: kr.title.clone(),
                progress: v.progress,
                source: v.source,
                weight: kr.weight,
                counted: note.is_none(),
                note,
                weight_share: None,
                contribution: None,
                hidden: None,
            });
        }
        for link in g.child_links(id) {
            let (child, mut weight) = (link.id, link.weight);
            let c = g.objective(child).expect("consistent");
            let v = rollup.objective(child).expect("in rollup");
            // a view's combined entry: what it stands for at this time
            let hidden = rollup.hidden_entry(child);
            let mut title = c.title.clone();
            if let Some(e) = hidden {
                title = e.label();
                if rollup.is_pinned() {
                    weight = e.weight;
                }
            }
            let note = if hidden.is_some() && !link.kind.counts() {
                Some("hidden from this view, not counted".to_string())
            } else if hidden.is_some_and(|e| e.count == 0) {
                Some("left out: nothing hidden at this time".to_string())
            } else if !link.kind.counts() {
                Some("supports, not counted".to_string())
            } else if !obj.rollup.counts_children() {
                Some("left out: the rollup mode counts only key results".to_string())
            } else if c.state == ObjectiveState::Draft {
                Some("left out: draft".to_string())
            } else if c.state == ObjectiveState::Abandoned {
                Some("left out: abandoned".to_string())
            } else if v.progress.is_none() {
                Some(format!(
                    "left out: its progress is undefined ({})",
                    v.undefined_reason
                        .map(|r| r.describe())
                        .unwrap_or("undefined")
                ))
            } else {
                None
            };
            contributions.push(Contribution {
                id: child.to_string(),
                kind: NodeKind::Objective,
                title,
                progress: v.progress,
                source: v.source,
                weight,
                counted: note.is_none(),
                note,
                weight_share: None,
                contribution: None,
                hidden: hidden.map(|e| e.count),
            });
        }
        let total: f64 = contributions
            .iter()
            .filter(|c| c.counted)
            .map(|c| c.weight)
            .sum();
        // shares over the weights scaled like the rollup's (one power of two, exact): no sum
        // overflows (two weights of 1e308) or loses precision (subnormal weights)
        let scale = weight_scale(
            (contributions.iter())
                .filter(|c| c.counted)
                .fold(0.0, |m: f64, c| c.weight.max(m)),
        );
        let scaled_total: f64 = contributions
            .iter()
            .filter(|c| c.counted)
            .map(|c| c.weight * scale)
            .sum();
        for c in contributions.iter_mut().filter(|c| c.counted) {
            if c.weight == 0.0 {
                c.note = Some("weight 0: aligned, not counted".into());
            } else if c.source == FigureSource::Manual {
                c.note = Some("set by hand (manual override)".into());
            } else if c.hidden.is_some() {
                // a view's combined entry: what it stands for
                c.note = Some(c.title.clone());
            }
            if scaled_total > 0.0 {
                let w = c.weight * scale;
                c.weight_share = Some(w / scaled_total);
                c.contribution = c.progress.map(|p| w * p / scaled_total);
            }
        }
        let terms: Vec<String> = contributions
            .iter()
            .filter(|c| c.counted && c.weight > 0.0)
            .map(|c| {
                let hand = if c.source == FigureSource::Manual {
                    ", set by hand"
                } else {
                    ""
                };
                format!(
                    "{} x {} ({}{hand})",
                    number(c.weight),
                    percent(c.progress),
                    // a view's combined entry by what it stands for ("2 hidden objectives")
                    if c.hidden.is_some() { &c.title } else { &c.id }
                )
            })
            .collect();
        let mut summary = match (&manual, values.computed_progress) {
            (Some(m), Some(p)) => format!(
                "Objective {id:?} is at {}, {m}; computed {} = ({}) / total weight {}.",
                percent(values.progress),
                percent(p),
                terms.join(" + "),
                weight_total(total)
            ),
            (Some(m), None) => format!(
                "Objective {id:?} is at {}, {m}; computed: no progress, {}.",
                percent(values.progress),
                values
                    .undefined_reason
                    .map(|r| r.describe())
                    .unwrap_or("undefined")
            ),
            (None, Some(p)) => format!(
                "Objective {id:?} is at {} = ({}) / total weight {}.",
                percent(p),
                terms.join(" + "),
                weight_total(total)
            ),
            (None, None) => format!(
                "Objective {id:?} has no progress: {}.",
                values
                    .undefined_reason
                    .map(|r| r.describe())
                    .unwrap_or("undefined")
            ),
        };
        let blockers = explained_blockers(g, &rollup, id);
        summary.push_str(&blocked_sentence(&blockers));
        summary.push_str(&hidden_blockers_sentence(&rollup, id, &blockers));
        Ok(Explanation {
            id: id.to_string(),
            kind: NodeKind::Objective,
            title: obj.title.clone(),
            values,
            rollup_mode: Some(obj.rollup),
            contributions,
            key_result: None,
            expectation,
            manual,
            blockers,
            summary,
        })
    }
}
