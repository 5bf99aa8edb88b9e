//! End-of-cycle scores and grades.
//!
//! # Formulas
//! A key result's **score** is its progress (in `[0, 1]`) at the end of its period: the last
//! day of its objective's cycle, or its due date when it has one. An objective's score is its
//! progress at the end of its cycle, rolled up by the usual rules. Before a period has ended
//! the score is provisional: the progress at the as-of date (`final` is false).
//!
//! The **grade** compares a score with the bands of the objective's type (a key result takes
//! its objective's type): `success` from `aspirational_success` (0.7) for aspirational
//! objectives or `committed_success` (1.0) for committed ones, `partial` from `partial` (0.4),
//! else `miss`; `unscored` when progress is undefined.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{OkrError, Result};
use crate::graph::OkrGraph;
use crate::model::ObjectiveType;
use crate::rollup::{Rollup, RollupConfig, aggregate_progress, measure_progress};
use crate::time::AsOf;

/// Grade bands (scores are in `[0, 1]`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GradeBands {
    /// Lowest score counted a success for aspirational objectives.
    pub aspirational_success: f64,
    /// Lowest score counted a success for committed objectives.
    pub committed_success: f64,
    /// Lowest score counted a partial success (either type).
    pub partial: f64,
}

impl Default for GradeBands {
    fn default() -> Self {
        GradeBands {
            aspirational_success: 0.7,
            committed_success: 1.0,
            partial: 0.4,
        }
    }
}

impl GradeBands {
    /// Checks that every band lies in `[0, 1]` and `partial` lies below both success bands.
    ///
    /// # Errors
    /// `InvalidConfig` naming the band.
    ///
    /// # Complexity
    /// O(1).
    pub fn validate(&self) -> Result<()> {
        for (field, v) in [
            ("aspirational_success", self.aspirational_success),
            ("committed_success", self.committed_success),
            ("partial", self.partial),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(OkrError::InvalidConfig {
                    field: field.into(),
                    reason: format!("{} must lie in [0, 1]", crate::format::number(v)),
                });
            }
        }
        if self.partial > self.aspirational_success.min(self.committed_success) {
            return Err(OkrError::InvalidConfig {
                field: "partial".into(),
                reason: format!(
                    "{} must not exceed the success bands ({}, {})",
                    crate::format::number(self.partial),
                    crate::format::number(self.aspirational_success),
                    crate::format::number(self.committed_success)
                ),
            });
        }
        Ok(())
    }

    /// The success band of an objective type.
    ///
    /// # Complexity
    /// O(1).
    pub fn success(&self, kind: ObjectiveType) -> f64 {
        match kind {
            ObjectiveType::Aspirational => self.aspirational_success,
            ObjectiveType::Committed => self.committed_success,
        }
    }

    /// The grade of a score for an objective type.
    ///
    /// # Complexity
    /// O(1).
    pub fn grade(&self, score: Option<f64>, kind: ObjectiveType) -> Grade {
        match score {
            None => Grade::Unscored,
            Some(s) if s + 1e-12 >= self.success(kind) => Grade::Success,
            Some(s) if s + 1e-12 >= self.partial => Grade::Partial,
            Some(_) => Grade::Miss,
        }
    }
}

/// A grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// At or above the success band of its type.
    Success,
    /// At or above the partial band.
    Partial,
    /// Below the partial band.
    Miss,
    /// Progress undefined.
    Unscored,
}

impl Grade {
    /// The snake_case name.
    ///
    /// # Complexity
    /// O(1).
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Success => "success",
            Grade::Partial => "partial",
            Grade::Miss => "miss",
            Grade::Unscored => "unscored",
        }
    }
}

/// The score of one objective or key result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// The objective or key result.
    pub id: String,
    /// `objective` or `key_result`.
    pub kind: crate::rollup::NodeKind,
    /// The objective's type (a key result's objective's).
    pub objective_type: ObjectiveType,
    /// The last day of its period.
    pub period_end: NaiveDate,
    /// Whether the period has ended at the as-of date (else the score is provisional).
    #[serde(rename = "final")]
    pub is_final: bool,
    /// Progress at the end of the period (or at the as-of date).
    pub score: Option<f64>,
    /// Unclamped attainment at the same moment.
    pub attainment: Option<f64>,
    /// The grade.
    pub grade: Grade,
    /// For a numeric key result its target, for a threshold its value, as in force at the
    /// scored moment (a target revised after the period's end does not change its score).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
}

fn target_of(m: &crate::model::Measure) -> Option<f64> {
    match m {
        crate::model::Measure::Numeric { target, .. } => Some(*target),
        crate::model::Measure::Threshold { value, .. } => Some(*value),
        _ => None,
    }
}

/// Scores of every objective and key result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// Objectives in insertion order.
    pub objectives: Vec<Score>,
    /// Key results in insertion order.
    pub key_results: Vec<Score>,
}

impl Scores {
    /// The score of an objective or key result by id (an objective's first, when a key result
    /// has the same id).
    ///
    /// # Complexity
    /// O(objectives + key results): a scan. For many lookups, map the ids once.
    pub fn get(&self, id: &str) -> Option<&Score> {
        self.objectives
            .iter()
            .chain(&self.key_results)
            .find(|s| s.id == id)
    }
}

impl OkrGraph {
    /// Scores every objective and key result at the end of its period, or provisionally at
    /// `today` (see the [module docs](crate::analytics::scoring)). What is scored (the
    /// objectives and key results, their types, cycles and due dates) is the model as it
    /// stood at `as_of` ([`at`](Self::at)); each score is the progress at the end of its
    /// period on the model as it stood then (a rollup at that moment, as
    /// [`rollup`](Self::rollup) computes it), so a change made after a period ended does not
    /// change its final score.
    ///
    /// # Errors
    /// `InvalidConfig` for bad bands.
    ///
    /// # Complexity
    /// One full rollup per distinct end of an objective's cycle before `as_of` (then one at
    /// `as_of`), and per distinct end of an aggregate key result's period (its due date):
    /// usually a handful, at most one per cycle and aggregate due date. Key results are scored from their
    /// own check-ins with the rollup's own definition of a key result's progress, O(log C)
    /// each for C check-ins (and O(R) for the R revisions after the end of the period, to
    /// find the measure in force then): however many due dates they have, they add no
    /// rollup. At a past time, plus building that state the first time, and each rollup at
    /// an earlier moment with a revision in between builds its own: see [`OkrGraph::at`].
    pub fn scores(&self, as_of: NaiveDate, bands: &GradeBands) -> Result<Scores> {
        bands.validate()?;
        let config = RollupConfig::default();
        let g = self.at(as_of);
        // One rollup per distinct moment objectives need: each cycle end, capped at today.
        let mut dates: Vec<NaiveDate> = g
            .objectives()
            .filter_map(|o| g.cycle(&o.cycle).map(|c| c.end.min(as_of)))
            .collect();
        // an aggregate key result's value comes from the key results under it: read from a
        // rollup at the end of its period too
        let period_end = |kr: &crate::model::KeyResult| {
            let o = g.objective(&kr.objective)?;
            g.cycle(&o.cycle)
                .map(|c| kr.due.unwrap_or(c.end).min(as_of))
        };
        dates.extend(
            g.key_results()
                .filter(|k| matches!(k.measure, crate::model::Measure::Aggregate { .. }))
                .filter_map(period_end),
        );
        crate::sort::sort_unstable(&mut dates);
        dates.dedup();
        let mut rollups: BTreeMap<NaiveDate, Rollup> = BTreeMap::new();
        for d in dates {
            rollups.insert(d, g.rollup_with(d, &config)?);
        }
        let at = |d: NaiveDate| &rollups[&d.min(as_of)];
        let mut objectives = Vec::new();
        for o in g.objectives() {
            let Some(c) = g.cycle(&o.cycle) else {
                continue;
            };
            let v = at(c.end).objective(&o.id);
            let score = v.and_then(|v| v.progress);
            objectives.push(Score {
                id: o.id.clone(),
                kind: crate::rollup::NodeKind::Objective,
                objective_type: o.kind,
                period_end: c.end,
                is_final: as_of > c.end,
                score,
                attainment: v.and_then(|v| v.attainment),
                grade: bands.grade(score, o.kind),
                target: None,
            });
        }
        let mut key_results = Vec::new();
        for kr in g.key_results() {
            let Some(o) = g.objective(&kr.objective) else {
                continue;
            };
            let Some(c) = g.cycle(&o.cycle) else {
                continue;
            };
            let end = kr.due.unwrap_or(c.end);
            // what a rollup at the end of that day reads: the check-in in force then, and the
            // measure in force then
            let moment = AsOf::from(end.min(as_of)).0;
            let check_ins = g.check_ins(&kr.id);
            let in_force = check_ins[..check_ins.partition_point(|c| c.at <= moment)].last();
            let measure = g.store.measure_at(&kr.id, moment).unwrap_or(&kr.measure);
            let (score, attainment) = match measure {
                crate::model::Measure::Aggregate { .. } => {
                    let value = at(end).key_result(&kr.id).and_then(|v| v.value);
                    aggregate_progress(measure, value)
                }
                _ => {
                    let (score, attainment, _) = measure_progress(measure, in_force);
                    (score, attainment)
                }
            };
            key_results.push(Score {
                id: kr.id.clone(),
                kind: crate::rollup::NodeKind::KeyResult,
                objective_type: o.kind,
                period_end: end,
                is_final: as_of > end,
                score,
                attainment,
                grade: bands.grade(score, o.kind),
                target: target_of(measure),
            });
        }
        Ok(Scores {
            objectives,
            key_results,
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use proptest::prelude::*;

    use super::*;
    use crate::model::{
        CheckIn, CheckInValue, Cycle, KeyResult, Measure, Milestone, Objective, Owner,
    };

    // Scores as they were: one rollup per distinct period end, key results' included.
    fn scores_reference(g: &OkrGraph, as_of: NaiveDate, bands: &GradeBands) -> Result<Scores> {
        bands.validate()?;
        let config = RollupConfig::default();
        // One rollup per distinct moment needed: each period end, capped at today.
        let period_end = |o: &crate::model::Objective, due: Option<NaiveDate>| {
            g.cycle(&o.cycle).map(|c| due.unwrap_or(c.end))
        };
        let mut dates: Vec<NaiveDate> = g
            .objectives()
            .filter_map(|o| period_end(o, None))
            .chain(g.key_results().filter_map(|kr| {
                g.objective(&kr.objective)
                    .and_then(|o| period_end(o, kr.due))
            }))
            .map(|d| d.min(as_of))
            .collect();
        crate::sort::sort_unstable(&mut dates);
        dates.dedup();
        let mut rollups: BTreeMap<NaiveDate, Rollup> = BTreeMap::new();
        for d in dates {
            rollups.insert(d, g.rollup_with(d, &config)?);
        }
        let at = |d: NaiveDate| &rollups[&d.min(as_of)];
        let mut objectives = Vec::new();
        for o in g.objectives() {
            let Some(c) = g.cycle(&o.cycle) else {
                continue;
            };
            let v = at(c.end).objective(&o.id);
            let score = v.and_then(|v| v.progress);
            objectives.push(Score {
                id: o.id.clone(),
                kind: crate::rollup::NodeKind::Objective,
                objective_type: o.kind,
                period_end: c.end,
                is_final: as_of > c.end,
                score,
                attainment: v.and_then(|v| v.attainment),
                grade: bands.grade(score, o.kind),
                target: None,
            });
        }
        let mut key_results = Vec::new();
        for kr in g.key_results() {
            let Some(o) = g.objective(&kr.objective) else {
                continue;
            };
            let Some(c) = g.cycle(&o.cycle) else {
                continue;
            };
            let end = kr.due.unwrap_or(c.end);
            let v = at(end).key_result(&kr.id);
            let score = v.and_then(|v| v.progress);
            key_results.push(Score {
                id: kr.id.clone(),
                kind: crate::rollup::NodeKind::KeyResult,
                objective_type: o.kind,
                period_end: end,
                is_final: as_of > end,
                score,
                attainment: v.and_then(|v| v.attainment),
                grade: bands.grade(score, o.kind),
                target: g
                    .store
                    .measure_at(&kr.id, AsOf::from(end.min(as_of)).0)
                    .and_then(target_of),
            });
        }
        Ok(Scores {
            objectives,
            key_results,
        })
    }

    /// Two cycles; objectives `(cycle, parent among earlier ones)`; key results
    /// `(objective, measure kind, due day or none, check-ins (day, hour, value))`.
    #[allow(clippy::type_complexity)]
    fn graph(
        objs: &[(bool, Option<usize>)],
        krs: &[(usize, u8, Option<u32>, Vec<(u32, u32, u32)>)],
    ) -> OkrGraph {
        let mut g = OkrGraph::new();
        g.add_owner(Owner::new("o", "", "team")).unwrap();
        let d =
            |day: u32| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(day.into());
        g.add_cycle(Cycle::new("h1", d(0), d(180))).unwrap();
        g.add_cycle(Cycle::new("q1", d(0), d(89))).unwrap();
        for (i, (q1, _)) in objs.iter().enumerate() {
            g.add_objective(Objective::new(
                format!("x{i}"),
                "",
                "o",
                if *q1 { "q1" } else { "h1" },
            ))
            .unwrap();
        }
        for (i, (_, p)) in objs.iter().enumerate() {
            if let Some(p) = p {
                let _ = g.link(&format!("x{i}"), &format!("x{p}"), 1.0);
            }
        }
        for (k, (o, kind, due, cis)) in krs.iter().enumerate() {
            let measure = match kind % 4 {
                0 => Measure::numeric(0.0, 10.0),
                1 => Measure::Threshold {
                    bound: crate::model::Bound::AtOrBelow,
                    value: 4.0,
                    start: (kind % 8 == 1).then_some(7.0),
                    unit: String::new(),
                },
                2 => Measure::Boolean,
                _ => Measure::Milestones {
                    milestones: ["a", "b"]
                        .iter()
                        .map(|m| Milestone {
                            name: m.to_string(),
                            weight: if *m == "a" { 1.0 } else { 2.0 },
                        })
                        .collect(),
                },
            };
            let mut kr = KeyResult::new(format!("k{k}"), "", format!("x{o}"), measure);
            kr.due = due.map(d);
            g.add_key_result(kr).unwrap();
            for &(day, hour, v) in cis {
                let at = Utc.from_utc_datetime(&d(day).and_hms_opt(hour, 0, 0).unwrap());
                let value = match kind % 4 {
                    0 | 1 => CheckInValue::Value(f64::from(v % 12)),
                    2 => CheckInValue::Done(v % 2 == 0),
                    _ => {
                        CheckInValue::Milestones(if v % 2 == 0 { vec!["a".into()] } else { vec![] })
                    }
                };
                let c = CheckIn {
                    value,
                    ..CheckIn::value(at, 0.0)
                };
                g.check_in(&format!("k{k}"), c).unwrap();
            }
        }
        g
    }

    #[test]
    fn key_results_with_many_due_dates() {
        let objs = vec![(false, None), (true, Some(0))];
        let krs: Vec<_> = (0..300u32)
            .map(|i| {
                (
                    i as usize % 2,
                    (i % 4) as u8,
                    Some(i % 200),
                    vec![(i % 150, i % 24, i), (i % 170, 23, i + 1)],
                )
            })
            .collect();
        let g = graph(&objs, &krs);
        for day in [10, 89, 90, 150, 400] {
            let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(day);
            let bands = GradeBands::default();
            assert_eq!(
                g.scores(as_of, &bands).unwrap(),
                scores_reference(&g, as_of, &bands).unwrap()
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn same_scores_as_one_rollup_per_period_end(
            objs in prop::collection::vec((any::<bool>(), 0usize..10), 1..8),
            krs in prop::collection::vec(
                (0usize..8, 0u8..8, prop::option::of(0u32..200),
                 prop::collection::vec((0u32..200, 0u32..24, 0u32..20), 0..4)),
                0..12,
            ),
            day in 0u64..250,
        ) {
            let objs: Vec<(bool, Option<usize>)> = objs
                .into_iter()
                .enumerate()
                .map(|(i, (q1, p))| (q1, (p < i).then_some(p)))
                .collect();
            let n = objs.len();
            let krs: Vec<_> = krs.into_iter().map(|(o, k, d, c)| (o % n, k, d, c)).collect();
            let g = graph(&objs, &krs);
            let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(day);
            let bands = GradeBands::default();
            prop_assert_eq!(g.scores(as_of, &bands).unwrap(), scores_reference(&g, as_of, &bands).unwrap());
        }
    }
}
