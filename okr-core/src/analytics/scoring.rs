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
use crate::rollup::{Rollup, RollupConfig};

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
    pub fn validate(&self) -> Result<()> {
        for (field, v) in [
            ("aspirational_success", self.aspirational_success),
            ("committed_success", self.committed_success),
            ("partial", self.partial),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(OkrError::InvalidConfig {
                    field: field.into(),
                    reason: format!("{v} must lie in [0, 1]"),
                });
            }
        }
        if self.partial > self.aspirational_success.min(self.committed_success) {
            return Err(OkrError::InvalidConfig {
                field: "partial".into(),
                reason: format!(
                    "{} must not exceed the success bands ({}, {})",
                    self.partial, self.aspirational_success, self.committed_success
                ),
            });
        }
        Ok(())
    }

    /// The success band of an objective type.
    pub fn success(&self, kind: ObjectiveType) -> f64 {
        match kind {
            ObjectiveType::Aspirational => self.aspirational_success,
            ObjectiveType::Committed => self.committed_success,
        }
    }

    /// The grade of a score for an objective type.
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
    /// `today` (see the [module docs](crate::analytics::scoring)).
    ///
    /// # Errors
    /// `InvalidConfig` for bad bands.
    ///
    /// # Complexity
    /// One full rollup per distinct period end (usually a handful: one per cycle and due date).
    pub fn scores(&self, as_of: NaiveDate, bands: &GradeBands) -> Result<Scores> {
        bands.validate()?;
        let config = RollupConfig::default();
        // One rollup per distinct moment needed: each period end, capped at today.
        let period_end = |o: &crate::model::Objective, due: Option<NaiveDate>| {
            self.cycle(&o.cycle).map(|c| due.unwrap_or(c.end))
        };
        let mut dates: Vec<NaiveDate> = self
            .objectives()
            .filter_map(|o| period_end(o, None))
            .chain(self.key_results().filter_map(|kr| {
                self.objective(&kr.objective)
                    .and_then(|o| period_end(o, kr.due))
            }))
            .map(|d| d.min(as_of))
            .collect();
        crate::sort::sort_unstable(&mut dates);
        dates.dedup();
        let mut rollups: BTreeMap<NaiveDate, Rollup> = BTreeMap::new();
        for d in dates {
            rollups.insert(d, self.rollup_with(d, &config)?);
        }
        let at = |d: NaiveDate| &rollups[&d.min(as_of)];
        let mut objectives = Vec::new();
        for o in self.objectives() {
            let Some(c) = self.cycle(&o.cycle) else {
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
            });
        }
        let mut key_results = Vec::new();
        for kr in self.key_results() {
            let Some(o) = self.objective(&kr.objective) else {
                continue;
            };
            let Some(c) = self.cycle(&o.cycle) else {
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
            });
        }
        Ok(Scores {
            objectives,
            key_results,
        })
    }
}
