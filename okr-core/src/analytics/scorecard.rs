//! Scorecards per owner, for performance *conversations*: each figure explains itself, and none
//! of them is meant to set pay (goals that feed pay invite sandbagging).
//!
//! # Formulas
//! An owner's objectives are those it owns in state active or closed; its key results are the
//! key results it owns (a key result's own owner, else its objective's) under such objectives.
//! - **attainment**: the mean end-of-cycle score of its objectives ([`scoring`](super::scoring);
//!   provisional before a cycle ends), over those with a defined score.
//! - **aligned share**: the share of its objectives that are, or trace up to, a top-level
//!   objective (see [`coverage`](super::coverage)).
//! - **check-in discipline**: per key result whose period has started, the intervals of its
//!   cadence ([`cadence`](super::cadence): the same intervals as `okr due`) that have ended
//!   by the end of the as-of day (every interval, the partial last one too, once the period
//!   has ended; the first interval always, even before it ends); discipline = intervals kept (a check-in inside, or late within
//!   the grace, at or before the as-of day's end) / intervals. The cadence is
//!   `cadence_days` when given (every N days, no grace, for every key result), else the key
//!   result's effective cadence, else every 7 days (the default of okr before cadences). The
//!   owner's is the mean.
//! - **stretch**: per numeric key result with a non-zero start, `|target - start| / |start|`
//!   (computed as `|target / start - 1|`, which cannot overflow on the way; a key result whose
//!   ratio is still not finite has none), the relative change its target asks for; the owner's
//!   is the median.
//! - **calibration**: the Brier score `mean (c - o)²` over finished key results (period ended)
//!   with a reported confidence, where `c` is the latest confidence at or before the end of
//!   the period and `o` is 1 when the key result's score reaches the success band of its
//!   objective's type, else 0. 0 is perfect; always answering 0.5 scores 0.25.
//! - **sandbagging signals**: `target_already_reached` when any of its key results is flagged by
//!   lint rule `A001` (target met at the start); `consistent_overachievement` when in at least
//!   two finished cycles the mean unclamped attainment of its objectives is at least
//!   `high_attainment` (1.2) while the median stretch of its key results in those cycles stays
//!   below `low_stretch` (0.15).
//! - **target changes** (from the history of revisions, up to the as-of time): per key result,
//!   the revisions of its measure that took effect inside its objective's cycle and changed
//!   what it asks for: `target_lowered` (a sandbagging signal: a numeric key result asks for
//!   less change from its start, a threshold is easier to hold) and `target_raised` (asks for
//!   more; not a warning). Each names the key results, the values and the reasons. A change
//!   of unit (`EUR` to `kEUR`) is neither: values of different units are not compared.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::scoring::{GradeBands, Score, Scores};
use crate::align::{AlignIndex, is_top_level};
use crate::cadence::Cadence;
use crate::error::{EntityKind, OkrError, Result};
use crate::format::decimal;
use crate::graph::OkrGraph;
use crate::lint::targets_already_reached;
use crate::model::{KeyResult, Measure, Objective};

/// Options of [`OkrGraph::scorecards`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScorecardOptions {
    /// Every key result's check-in cadence, in days (no grace), overriding the cadences set
    /// on objectives and owners; `None`: each key result's effective cadence, else 7 days.
    pub cadence_days: Option<u32>,
    /// Grade bands for scores and calibration outcomes.
    pub bands: GradeBands,
    /// Stretch below which overachievement looks like sandbagging.
    pub low_stretch: f64,
    /// Mean unclamped attainment from which a cycle counts as overachieved.
    pub high_attainment: f64,
    /// Only the scorecards of these owners (each must exist); empty: every owner. The cards
    /// stay in owner order whatever the order of this list.
    pub owners: Vec<String>,
}

impl Default for ScorecardOptions {
    fn default() -> Self {
        ScorecardOptions {
            cadence_days: None,
            bands: GradeBands::default(),
            low_stretch: 0.15,
            high_attainment: 1.2,
            owners: Vec::new(),
        }
    }
}

impl ScorecardOptions {
    /// Checks the options.
    ///
    /// # Errors
    /// `InvalidConfig` naming the field.
    ///
    /// # Complexity
    /// O(1).
    pub fn validate(&self) -> Result<()> {
        self.bands.validate()?;
        let bad = |field: &str, reason: String| {
            Err(OkrError::InvalidConfig {
                field: field.into(),
                reason,
            })
        };
        if let Some(n) = self.cadence_days
            && crate::cadence::Cadence::days(n).is_err()
        {
            return bad(
                "cadence_days",
                format!(
                    "{n} must be from 1 to {} days",
                    crate::cadence::MAX_EVERY_DAYS
                ),
            );
        }
        if !(self.low_stretch.is_finite() && self.low_stretch >= 0.0) {
            return bad(
                "low_stretch",
                format!("{} must be >= 0", crate::format::number(self.low_stretch)),
            );
        }
        if !(self.high_attainment.is_finite() && self.high_attainment > 0.0) {
            return bad(
                "high_attainment",
                format!(
                    "{} must be > 0",
                    crate::format::number(self.high_attainment)
                ),
            );
        }
        Ok(())
    }
}

/// One figure of a scorecard with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    /// `attainment`, `aligned_share`, `check_in_discipline`, `stretch`, `calibration`,
    /// `target_already_reached`, `consistent_overachievement`, `target_lowered` or
    /// `target_raised`.
    pub name: &'static str,
    /// The figure (`None` when there is nothing to measure; sandbagging signals: the count of
    /// cases).
    pub value: Option<f64>,
    /// Whether it is a sandbagging signal that fired.
    pub raised: bool,
    /// What the figure is made of, in words.
    pub explanation: String,
}

/// The scorecard of one owner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    /// The owner.
    pub owner: String,
    /// Its objectives counted.
    pub objectives: usize,
    /// Its key results counted.
    pub key_results: usize,
    /// Every figure, in the order of the module docs.
    pub signals: Vec<Signal>,
}

impl Scorecard {
    /// A figure by name.
    ///
    /// # Complexity
    /// O(1): a scan of the nine signals.
    pub fn signal(&self, name: &str) -> Option<&Signal> {
        self.signals.iter().find(|s| s.name == name)
    }
}

/// The mean of finite values, finite: when the plain sum overflows (attainments near
/// `f64::MAX`), the values are divided before they are added.
pub(crate) fn mean(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    let n = xs.len() as f64;
    let sum: f64 = xs.iter().sum();
    Some(if sum.is_finite() {
        sum / n
    } else {
        xs.iter().map(|x| x / n).sum()
    })
}

fn median(xs: &mut [f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    crate::sort::sort_by(xs, f64::total_cmp);
    let m = xs.len() / 2;
    Some(if xs.len() % 2 == 1 {
        xs[m]
    } else {
        // halves first: the sum of two values near f64::MAX overflows
        xs[m - 1] / 2.0 + xs[m] / 2.0
    })
}

fn stretch(kr: &KeyResult) -> Option<f64> {
    match kr.measure {
        // None when the ratio is not finite (start -1e308 and target 1e308; start 5e-324):
        // such a key result has no stretch to compare, rather than an infinite one.
        Measure::Numeric { start, target, .. } if start != 0.0 => {
            Some((target / start - 1.0).abs()).filter(|s| s.is_finite())
        }
        _ => None,
    }
}

/// What a measure asks for, on one scale for a comparison of two measures of the same kind:
/// a numeric key result the change from its start, a threshold its value (higher is harder
/// at or above, easier at or below). `None` for other kinds, measures of different kinds, or
/// measures in two different declared units (a target of 50 kEUR after one of 50,000 EUR is
/// not lowered: values of different units are never compared).
fn asks(before: &Measure, after: &Measure) -> Option<(f64, f64)> {
    if let (Some(a), Some(b)) = (before.unit(), after.unit())
        && !a.is_empty()
        && !b.is_empty()
        && a != b
    {
        return None;
    }
    match (before, after) {
        (
            Measure::Numeric {
                start: s0,
                target: t0,
                ..
            },
            Measure::Numeric {
                start: s1,
                target: t1,
                ..
            },
        ) => Some(((t0 - s0).abs(), (t1 - s1).abs())),
        (
            Measure::Threshold {
                bound: b0,
                value: v0,
                ..
            },
            Measure::Threshold {
                bound: b1,
                value: v1,
                ..
            },
        ) if b0 == b1 => Some(match b0 {
            crate::model::Bound::AtOrAbove => (*v0, *v1),
            crate::model::Bound::AtOrBelow => (-v0, -v1),
        }),
        _ => None,
    }
}

/// The key results' target changes inside their cycles, from the graph's revisions: by key
/// result id, the lowered and the raised ones, each in words.
pub(crate) fn target_changes(g: &OkrGraph) -> HashMap<&str, (Vec<String>, Vec<String>)> {
    let mut out: HashMap<&str, (Vec<String>, Vec<String>)> = HashMap::new();
    for r in &g.store.history.log {
        let crate::store::Op::KeyResult { id, from, to, .. } = &r.op else {
            continue;
        };
        let (Some(before), Some(after)) = (&from.measure, &to.measure) else {
            continue;
        };
        let Some((a, b)) = asks(before, after) else {
            continue;
        };
        if a == b {
            continue;
        }
        let Some(kr) = g.key_result(id) else { continue };
        let Some(cycle) = g.objective(&kr.objective).and_then(|o| g.cycle(&o.cycle)) else {
            continue;
        };
        let day = r.meta.at.date_naive();
        if day < cycle.start || day > cycle.end {
            continue;
        }
        let figure = |m: &Measure| match m {
            Measure::Numeric { target, .. } => crate::format::number(*target),
            Measure::Threshold { value, .. } => crate::format::number(*value),
            _ => String::new(),
        };
        let mut words = format!("{id} {} -> {} on {day}", figure(before), figure(after));
        if let Some(by) = &r.meta.by {
            words.push_str(&format!(" by {by}"));
        }
        if let Some(why) = &r.meta.reason {
            words.push_str(&format!(" ({why})"));
        }
        let entry = out.entry(kr.id.as_str()).or_default();
        if b < a {
            entry.0.push(words);
        } else {
            entry.1.push(words);
        }
    }
    out
}

/// The cadences a discipline figure used, in words: `every 7 days (set by --cadence-days)`,
/// `weekly, 2 days grace; every 7 days (no cadence set)`.
fn cadence_words(used: &[(Cadence, bool)], overridden: bool) -> String {
    if used.is_empty() {
        return "no key result under way".into();
    }
    used.iter()
        .map(|(c, fallback)| {
            if overridden {
                format!("{c}, for every key result")
            } else if *fallback {
                format!("{c}, no cadence set")
            } else {
                c.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The cadence a key result's check-in discipline is counted on: the override, else its
/// effective cadence, else the default (`true`: the fallback).
pub(crate) fn cadence_for(
    override_cadence: Option<Cadence>,
    cadences: &HashMap<&str, Cadence>,
    default_cadence: Cadence,
    kr: &KeyResult,
) -> (Cadence, bool) {
    match override_cadence {
        Some(c) => (c, false),
        None => match cadences.get(kr.id.as_str()) {
            Some(&c) => (c, false),
            None => (default_cadence, true),
        },
    }
}

/// One key result's check-in discipline at `as_of` (see the module docs): the intervals kept
/// and the intervals expected (at least one); `None` when its period has not started (or it
/// has none).
pub(crate) fn discipline_of(
    g: &OkrGraph,
    kr: &KeyResult,
    cadence: Cadence,
    as_of: NaiveDate,
) -> Option<(u64, u64)> {
    let t = crate::time::AsOf::from(as_of).0;
    let t_next = as_of
        .succ_opt()
        .map_or(t, |d| d.and_time(chrono::NaiveTime::MIN).and_utc());
    let (start, end) = super::cadence::period(g, kr)?;
    if as_of < start {
        return None;
    }
    let iv = super::cadence::Intervals::new(cadence, start, end);
    let n = if t_next >= end {
        iv.last() + 1
    } else {
        cadence.interval_of(start, t_next)
    }
    .max(1);
    let times: Vec<_> = g.check_ins(&kr.id).iter().map(|c| c.at).collect();
    Some((iv.kept(&times, n, t), n))
}

impl OkrGraph {
    /// Scorecards of every owner with at least one objective or key result (of only the owners
    /// in `options.owners` when it is not empty), in owner order (see the
    /// [module docs](crate::analytics::scorecard) for every formula), on the model as it
    /// stood at `as_of` ([`at`](Self::at)): its objectives, key results, owners, measures,
    /// links and states (the scores as [`scores`](Self::scores) gives them).
    ///
    /// # Errors
    /// `UnknownId` (an owner) for the first of `options.owners` that is not in the graph, then
    /// `InvalidConfig` for bad options.
    ///
    /// # Complexity
    /// The scores ([`OkrGraph::scores`]), the `A001` check, O(R) over the revisions, and
    /// O(V + E log E + K + C log C) for K key results and C check-ins: one pass per figure over each owner's
    /// objectives and key results, every score and id looked up in a hash map. At a past
    /// time, plus building that state the first time: see [`OkrGraph::at`].
    pub fn scorecards(
        &self,
        as_of: NaiveDate,
        options: &ScorecardOptions,
    ) -> Result<Vec<Scorecard>> {
        let g = self.at(as_of);
        if let Some(id) = options.owners.iter().find(|o| g.owner(o).is_none()) {
            return Err(OkrError::UnknownId {
                kind: EntityKind::Owner,
                id: id.clone(),
            });
        }
        options.validate()?;
        let only: HashSet<&str> = options.owners.iter().map(String::as_str).collect();
        let scores: Scores = g.scores(as_of, &options.bands)?;
        // Each id's score as `Scores::get` finds it (objectives first): one map, not a scan
        // of every score per lookup.
        let mut score_of: HashMap<&str, &Score> =
            HashMap::with_capacity(scores.objectives.len() + scores.key_results.len());
        for s in scores.objectives.iter().chain(&scores.key_results) {
            score_of.entry(s.id.as_str()).or_insert(s);
        }
        let score = |id: &str| score_of.get(id).copied();
        let index = AlignIndex::new(&g);
        let traced = index.reaches(|o| is_top_level(&g, o));
        let a001 = targets_already_reached(&g, as_of);
        let mut out = Vec::new();
        // Each owner's counting objectives and key results, in document order: one pass each.
        let mut owned_objectives: HashMap<&str, Vec<&Objective>> = HashMap::new();
        for o in g.objectives().filter(|o| o.state.counts()) {
            owned_objectives
                .entry(o.owner.as_str())
                .or_default()
                .push(o);
        }
        let mut owned_key_results: HashMap<&str, Vec<&KeyResult>> = HashMap::new();
        for k in g.key_results() {
            if g.objective(&k.objective).is_some_and(|o| o.state.counts())
                && let Some(owner) = g.effective_owner(k)
            {
                owned_key_results.entry(owner).or_default().push(k);
            }
        }
        let flagged: HashSet<&str> = a001.iter().map(|f| f.entity.as_str()).collect();
        let moves = target_changes(&g);
        let cadences = g.cadences();
        let override_cadence = options.cadence_days.map(Cadence::days).transpose()?;
        let default_cadence = Cadence::days(crate::defaults::CADENCE_DAYS)?;
        for owner in g.owners() {
            if !only.is_empty() && !only.contains(owner.id.as_str()) {
                continue;
            }
            let objectives = owned_objectives
                .remove(owner.id.as_str())
                .unwrap_or_default();
            let key_results = owned_key_results
                .remove(owner.id.as_str())
                .unwrap_or_default();
            if objectives.is_empty() && key_results.is_empty() {
                continue;
            }
            let mut signals = Vec::new();

            let obj_scores: Vec<f64> = objectives
                .iter()
                .filter_map(|o| score(&o.id).and_then(|s| s.score))
                .collect();
            let attainment = mean(&obj_scores);
            signals.push(Signal {
                name: "attainment",
                value: attainment,
                raised: false,
                explanation: format!(
                    "mean score {} of {} objective(s) with a score ({} provisional)",
                    decimal(attainment),
                    obj_scores.len(),
                    objectives
                        .iter()
                        .filter(|o| score(&o.id).is_some_and(|s| !s.is_final))
                        .count()
                ),
            });

            let aligned = objectives
                .iter()
                .filter(|o| index.pos.get(o.id.as_str()).is_some_and(|&i| traced[i]))
                .count();
            let aligned_share =
                (!objectives.is_empty()).then(|| aligned as f64 / objectives.len() as f64);
            signals.push(Signal {
                name: "aligned_share",
                value: aligned_share,
                raised: false,
                explanation: format!(
                    "{aligned} of {} objective(s) trace to a top-level objective",
                    objectives.len()
                ),
            });

            let (mut made, mut expected, mut per_kr) = (0u64, 0u64, Vec::new());
            let mut used: Vec<(Cadence, bool)> = Vec::new();
            for kr in &key_results {
                let (cadence, fallback) =
                    cadence_for(override_cadence, &cadences, default_cadence, kr);
                let Some((kept, n)) = discipline_of(&g, kr, cadence, as_of) else {
                    continue;
                };
                made += kept;
                expected += n;
                per_kr.push((kept as f64 / n as f64).min(1.0));
                if !used.contains(&(cadence, fallback)) {
                    used.push((cadence, fallback));
                }
            }
            let discipline = mean(&per_kr);
            signals.push(Signal {
                name: "check_in_discipline",
                value: discipline,
                raised: false,
                explanation: format!(
                    "{made} of {expected} expected check-in interval(s) kept over {} key result(s) ({})",
                    per_kr.len(),
                    cadence_words(&used, options.cadence_days.is_some())
                ),
            });

            let mut stretches: Vec<f64> = key_results.iter().filter_map(|k| stretch(k)).collect();
            let n_stretch = stretches.len();
            let st = median(&mut stretches);
            signals.push(Signal {
                name: "stretch",
                value: st,
                raised: false,
                explanation: format!(
                    "median relative change |target - start| / |start| {} over {n_stretch} numeric key result(s)",
                    decimal(st)
                ),
            });

            let mut briers = Vec::new();
            for kr in &key_results {
                let Some(s) = score(&kr.id) else {
                    continue;
                };
                if !s.is_final {
                    continue;
                }
                let end = s.period_end;
                let Some(c) = g
                    .check_ins(&kr.id)
                    .iter()
                    .rev()
                    .filter(|ci| ci.at.date_naive() <= end)
                    .find_map(|ci| ci.confidence)
                else {
                    continue;
                };
                let success = s
                    .score
                    .is_some_and(|v| v + 1e-12 >= options.bands.success(s.objective_type));
                briers.push((c - if success { 1.0 } else { 0.0 }).powi(2));
            }
            let brier = mean(&briers);
            signals.push(Signal {
                name: "calibration",
                value: brier,
                raised: false,
                explanation: format!(
                    "Brier score {} over {} finished key result(s) with a reported confidence (0 is perfect, 0.25 a coin flip)",
                    decimal(brier),
                    briers.len()
                ),
            });

            let reached: Vec<&str> = key_results
                .iter()
                .map(|k| k.id.as_str())
                .filter(|k| flagged.contains(k))
                .collect();
            signals.push(Signal {
                name: "target_already_reached",
                value: Some(reached.len() as f64),
                raised: !reached.is_empty(),
                explanation: if reached.is_empty() {
                    "no key result had its target met at the start".into()
                } else {
                    format!(
                        "target met at the start (lint A001): {}",
                        reached.join(", ")
                    )
                },
            });

            // Per finished cycle: mean unclamped attainment of its objectives, median stretch.
            let mut cycles: BTreeMap<&str, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
            for o in &objectives {
                let Some(s) = score(&o.id) else { continue };
                if !s.is_final {
                    continue;
                }
                if let Some(a) = s.attainment {
                    cycles.entry(o.cycle.as_str()).or_default().0.push(a);
                }
            }
            for kr in &key_results {
                if let (Some(o), Some(x)) = (g.objective(&kr.objective), stretch(kr))
                    && let Some(entry) = cycles.get_mut(o.cycle.as_str())
                {
                    entry.1.push(x);
                }
            }
            let over: Vec<&str> = cycles
                .iter_mut()
                .filter_map(|(c, (att, st))| {
                    let a = mean(att)?;
                    let s = median(st).unwrap_or(0.0);
                    (a >= options.high_attainment && s < options.low_stretch).then_some(*c)
                })
                .collect();
            let raised = over.len() >= 2;
            signals.push(Signal {
                name: "consistent_overachievement",
                value: Some(over.len() as f64),
                raised,
                explanation: format!(
                    "{} finished cycle(s) with mean attainment >= {} and median stretch < {}{}",
                    over.len(),
                    crate::format::number(options.high_attainment),
                    crate::format::number(options.low_stretch),
                    if over.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", over.join(", "))
                    }
                ),
            });
            let (mut lowered, mut raised_targets) = (Vec::new(), Vec::new());
            for kr in &key_results {
                if let Some((l, r)) = moves.get(kr.id.as_str()) {
                    lowered.extend(l.iter().cloned());
                    raised_targets.extend(r.iter().cloned());
                }
            }
            signals.push(Signal {
                name: "target_lowered",
                value: Some(lowered.len() as f64),
                raised: !lowered.is_empty(),
                explanation: if lowered.is_empty() {
                    "no target lowered during its cycle".into()
                } else {
                    format!("target lowered during the cycle: {}", lowered.join("; "))
                },
            });
            signals.push(Signal {
                name: "target_raised",
                value: Some(raised_targets.len() as f64),
                raised: false,
                explanation: if raised_targets.is_empty() {
                    "no target raised during its cycle".into()
                } else {
                    format!("target raised: {}", raised_targets.join("; "))
                },
            });
            out.push(Scorecard {
                owner: owner.id.clone(),
                objectives: objectives.len(),
                key_results: key_results.len(),
                signals,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_option_filters_and_checks_the_owners() {
        let g = crate::document::load_str(include_str!("../../../examples/acme.okr.json")).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 15).unwrap();
        let all = g.scorecards(day, &ScorecardOptions::default()).unwrap();
        let only = |owners: &[&str]| ScorecardOptions {
            owners: owners.iter().map(|o| o.to_string()).collect(),
            ..ScorecardOptions::default()
        };
        let some = g.scorecards(day, &only(&["sales", "hanna"])).unwrap();
        let want: Vec<&Scorecard> = all
            .iter()
            .filter(|c| c.owner == "sales" || c.owner == "hanna")
            .collect();
        assert_eq!(
            some.iter().collect::<Vec<_>>(),
            want,
            "owner order, same cards"
        );
        // ivar owns nothing: known, so no error, and no card
        assert!(g.scorecards(day, &only(&["ivar"])).unwrap().is_empty());
        let e = g.scorecards(day, &only(&["sales", "zzz"])).unwrap_err();
        assert_eq!(e.to_string(), "unknown owner \"zzz\"");
        // the owner is checked before the other options
        let bad = ScorecardOptions {
            cadence_days: Some(0),
            ..only(&["zzz"])
        };
        assert_eq!(g.scorecards(day, &bad).unwrap_err().code(), "unknown_id");
        let opts: ScorecardOptions = serde_json::from_str(r#"{"owners": ["sales"]}"#).unwrap();
        assert_eq!(opts, only(&["sales"]));
    }
}
