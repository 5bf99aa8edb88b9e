//! The appraisal view: for one person and one cycle, everything a performance conversation
//! about their goals needs, in one place ([`OkrGraph::appraisal`]).
//!
//! # What it holds
//! On the model as it stood at the as-of date ([`OkrGraph::at`]):
//! - **objectives**: those the person owns in the cycle, in state active or closed (the
//!   objectives a scorecard counts);
//! - **key results**: those the person owns (a key result's own owner, else its objective's
//!   owner, as for scorecards and `okr due`) under objectives of the cycle in state active or
//!   closed, *including key results they own under someone else's objective*
//!   (`own_objective` false): the work they answer for, wherever it sits;
//! - each with its **score** and which one it is (`basis`): `frozen` when the cycle was closed
//!   at or before the as-of date (the score kept in the closed cycle's record, not computed
//!   again), else `final` when its period has ended by the as-of date (computed at the
//!   period's end, [`OkrGraph::scores`]), else `provisional` (its progress at the as-of
//!   date);
//! - **check-in discipline** per key result and for the person in this cycle: the same
//!   intervals and rule as the scorecards ([`scorecard`](super::scorecard): each key result's
//!   effective cadence, else every 7 days);
//! - **feedback received**: the comments about their objectives and key results and about the
//!   check-ins of their key results, and the reviewers' acknowledgements of those check-ins,
//!   made at or before the end of the as-of day, in time order (`from_self` marks their own
//!   comments, kept for the thread);
//! - **target revisions** during the cycle: the audit trail's ([`OkrGraph::log`]) changes of
//!   their key results' measures (target, start, threshold value and bound, unit, milestones,
//!   or the kind of measure) taking effect from the cycle's start to its end and at or before
//!   the end of the as-of day, with who, when and why, in time order;
//! - **calibration and the sandbagging signals** of the person's scorecard at the as-of date
//!   ([`OkrGraph::scorecards`]: `calibration`, `target_already_reached`,
//!   `consistent_overachievement`, `target_lowered`, `target_raised`), which look at every
//!   cycle up to the as-of date, not only this one (overachievement is a pattern across
//!   cycles);
//! - the **statement** ([`STATEMENT`]) that OKR attainment is one input to a performance
//!   conversation and not a rating, which every rendering prints.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::scorecard::{ScorecardOptions, Signal, cadence_for, discipline_of};
use super::scoring::GradeBands;
use crate::cadence::Cadence;
use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;
use crate::model::{Measure, ObjectiveState, ObjectiveType};
use crate::revise::{LogEntry, LogFilter};
use crate::store::workflow::Subject;
use crate::time::{AsOf, midnight, ser_opt_ts, ser_ts};

/// What every rendering of an appraisal says, and the `statement` field.
pub const STATEMENT: &str = "OKR attainment is one input to a performance conversation, not a rating: scores measure how far ambitious goals got, and judging people by them alone invites sandbagging.";

/// The signals of the person's scorecard an appraisal shows.
const SIGNALS: [&str; 5] = [
    "calibration",
    "target_already_reached",
    "consistent_overachievement",
    "target_lowered",
    "target_raised",
];

/// The audit trail's fields that are parts of a key result's measure.
const MEASURE_FIELDS: [&str; 7] = [
    "measure",
    "start",
    "target",
    "value",
    "bound",
    "unit",
    "milestones",
];

/// Which score an appraisal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreBasis {
    /// Kept in the record of the closed cycle.
    Frozen,
    /// Computed at the end of a period that has ended.
    Final,
    /// The progress at the as-of date: the period has not ended.
    Provisional,
}

impl ScoreBasis {
    /// `frozen`, `final` or `provisional`.
    ///
    /// # Complexity
    /// O(1).
    pub fn as_str(self) -> &'static str {
        match self {
            ScoreBasis::Frozen => "frozen",
            ScoreBasis::Final => "final",
            ScoreBasis::Provisional => "provisional",
        }
    }
}

/// A score and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppraisedScore {
    /// Progress (0 to 1), `None` when undefined.
    pub score: Option<f64>,
    /// Unclamped attainment at the same moment.
    pub attainment: Option<f64>,
    /// `success`, `partial`, `miss` or `unscored`.
    pub grade: String,
    /// Frozen, final or provisional.
    pub basis: ScoreBasis,
    /// For a numeric key result the target it was measured against, for a threshold its value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
}

/// One objective of the person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppraisedObjective {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Aspirational or committed.
    #[serde(rename = "type")]
    pub kind: ObjectiveType,
    /// Active or closed.
    pub state: ObjectiveState,
    /// Its score.
    #[serde(flatten)]
    pub score: AppraisedScore,
}

/// Check-in discipline: intervals kept of intervals expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Discipline {
    /// Intervals kept (a check-in inside, or late within the grace).
    pub kept: u64,
    /// Intervals expected by the end of the as-of day.
    pub expected: u64,
}

/// One key result the person owns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppraisedKeyResult {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its objective.
    pub objective: String,
    /// Its objective's title.
    pub objective_title: String,
    /// Whether the person owns its objective too (false: their key result under someone
    /// else's objective).
    pub own_objective: bool,
    /// `numeric`, `threshold`, `boolean` or `milestones`.
    pub measure: &'static str,
    /// The unit of a numeric or threshold measure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Its score.
    #[serde(flatten)]
    pub score: AppraisedScore,
    /// Check-ins from the cycle's start to the end of the as-of day.
    pub check_ins: usize,
    /// The latest of them.
    #[serde(serialize_with = "ser_opt_ts")]
    pub last_check_in: Option<DateTime<Utc>>,
    /// Its cadence (`weekly, 2 days grace`); `None` when none is set (discipline is then
    /// counted every 7 days).
    pub cadence: Option<String>,
    /// Its check-in discipline; `None` before its period starts.
    pub discipline: Option<Discipline>,
}

/// A comment about the person's objectives, key results or their check-ins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Feedback {
    /// The comment's id.
    pub id: String,
    /// Its author.
    pub by: String,
    /// When.
    #[serde(serialize_with = "ser_ts")]
    pub at: DateTime<Utc>,
    /// `objective`, `key_result` or `check_in`.
    pub on: &'static str,
    /// The objective or key result (a check-in's key result).
    pub about: String,
    /// A check-in's time.
    #[serde(serialize_with = "ser_opt_ts", skip_serializing_if = "Option::is_none")]
    pub check_in: Option<DateTime<Utc>>,
    /// The text.
    pub text: String,
    /// The comment it answers.
    pub reply_to: Option<String>,
    /// Whether the person wrote it.
    pub from_self: bool,
}

/// A reviewer's acknowledgement of one of the person's check-ins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppraisedAcknowledgement {
    /// The key result.
    pub key_result: String,
    /// The check-in's time.
    #[serde(serialize_with = "ser_ts")]
    pub check_in: DateTime<Utc>,
    /// The reviewer.
    pub by: String,
    /// When.
    #[serde(serialize_with = "ser_ts")]
    pub at: DateTime<Utc>,
    /// Their comment.
    pub comment: Option<String>,
}

/// The appraisal view of one person for one cycle (see the
/// [module docs](crate::analytics::appraisal)).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Appraisal {
    /// The owner id.
    pub owner: String,
    /// The owner's name.
    pub owner_name: String,
    /// The cycle id.
    pub cycle: String,
    /// The cycle's name.
    pub cycle_name: String,
    /// The cycle's first day.
    pub start: NaiveDate,
    /// The cycle's last day.
    pub end: NaiveDate,
    /// The as-of date.
    pub as_of: NaiveDate,
    /// Whether the cycle was closed at or before the end of the as-of day.
    pub cycle_closed: bool,
    /// OKR attainment is one input to a performance conversation, not a rating.
    pub statement: &'static str,
    /// The person's objectives in the cycle.
    pub objectives: Vec<AppraisedObjective>,
    /// The key results the person owns in the cycle.
    pub key_results: Vec<AppraisedKeyResult>,
    /// The mean of the key results' discipline (each kept / expected, at most 1).
    pub check_in_discipline: Option<f64>,
    /// What it is made of, in words.
    pub check_in_explanation: String,
    /// Comments received, in time order.
    pub feedback: Vec<Feedback>,
    /// Acknowledgements of the person's check-ins, in time order.
    pub acknowledgements: Vec<AppraisedAcknowledgement>,
    /// Changes of their key results' measures during the cycle, in time order.
    pub target_revisions: Vec<LogEntry>,
    /// Calibration and the sandbagging signals of the person's scorecard.
    pub signals: Vec<Signal>,
}

impl OkrGraph {
    /// The appraisal view of owner `owner` for cycle `cycle` at `as_of` (see the
    /// [module docs](crate::analytics::appraisal) for what it holds and every rule).
    ///
    /// # Errors
    /// `UnknownId` for an owner or a cycle that is not in the graph.
    ///
    /// # Complexity
    /// [`scores`](Self::scores) and [`scorecards`](Self::scorecards) at `as_of` (for the one
    /// owner), plus O(V + K) to select the person's objectives and key results and O(V + K)
    /// per one of them to find its score (a person has few), O(C) over
    /// their check-ins, O(M log M) over the M comments, O(A log A) over the acknowledgements
    /// and O(R) over the revisions per key result of the person.
    pub fn appraisal(&self, owner: &str, cycle: &str, as_of: NaiveDate) -> Result<Appraisal> {
        let person = self.owner(owner).ok_or_else(|| OkrError::UnknownId {
            kind: EntityKind::Owner,
            id: owner.to_string(),
        })?;
        let c = self.cycle(cycle).ok_or_else(|| OkrError::UnknownId {
            kind: EntityKind::Cycle,
            id: cycle.to_string(),
        })?;
        let t = AsOf::from(as_of).0;
        let g = self.at(as_of);
        let bands = GradeBands::default();
        let scores = g.scores(as_of, &bands)?;
        let frozen = self
            .closed_cycle(cycle)
            .filter(|closed| closed.at <= t)
            .map(|closed| {
                closed
                    .scores
                    .iter()
                    .map(|f| ((f.kind.as_str(), f.id.as_str()), f))
                    .collect::<HashMap<_, _>>()
            });
        let score_of = |kind: &'static str, id: &str| -> AppraisedScore {
            if let Some(f) = frozen.as_ref().and_then(|m| m.get(&(kind, id))) {
                return AppraisedScore {
                    score: f.score,
                    attainment: f.attainment,
                    grade: f.grade.clone(),
                    basis: ScoreBasis::Frozen,
                    target: f.target,
                };
            }
            let list = if kind == "objective" {
                &scores.objectives
            } else {
                &scores.key_results
            };
            match list.iter().find(|s| s.id == id) {
                Some(s) => AppraisedScore {
                    score: s.score,
                    attainment: s.attainment,
                    grade: s.grade.as_str().to_string(),
                    basis: if s.is_final {
                        ScoreBasis::Final
                    } else {
                        ScoreBasis::Provisional
                    },
                    target: s.target,
                },
                None => AppraisedScore {
                    score: None,
                    attainment: None,
                    grade: "unscored".into(),
                    basis: ScoreBasis::Provisional,
                    target: None,
                },
            }
        };
        let in_cycle: HashSet<&str> = g
            .objectives()
            .filter(|o| o.cycle == cycle && o.state.counts())
            .map(|o| o.id.as_str())
            .collect();
        let objectives: Vec<AppraisedObjective> = g
            .objectives()
            .filter(|o| in_cycle.contains(o.id.as_str()) && o.owner == owner)
            .map(|o| AppraisedObjective {
                id: o.id.clone(),
                title: o.title.clone(),
                kind: o.kind,
                state: o.state,
                score: score_of("objective", &o.id),
            })
            .collect();
        let cadences = g.cadences();
        let default_cadence = Cadence::days(crate::defaults::CADENCE_DAYS)?;
        let from = midnight(c.start);
        let mut key_results = Vec::new();
        let (mut made, mut expected, mut per_kr) = (0u64, 0u64, Vec::new());
        for kr in g.key_results() {
            if !in_cycle.contains(kr.objective.as_str()) || g.effective_owner(kr) != Some(owner) {
                continue;
            }
            let Some(o) = g.objective(&kr.objective) else {
                continue;
            };
            let (cadence, fallback) = cadence_for(None, &cadences, default_cadence, kr);
            let discipline = discipline_of(&g, kr, cadence, as_of)
                .map(|(kept, expected)| Discipline { kept, expected });
            if let Some(d) = discipline {
                made += d.kept;
                expected += d.expected;
                per_kr.push((d.kept as f64 / d.expected as f64).min(1.0));
            }
            let check_ins: Vec<_> = g
                .check_ins(&kr.id)
                .iter()
                .filter(|ci| ci.at >= from && ci.at <= t)
                .collect();
            key_results.push(AppraisedKeyResult {
                id: kr.id.clone(),
                title: kr.title.clone(),
                objective: o.id.clone(),
                objective_title: o.title.clone(),
                own_objective: o.owner == owner,
                measure: kr.measure.kind_name(),
                unit: match &kr.measure {
                    Measure::Numeric { unit, .. } | Measure::Threshold { unit, .. } => {
                        Some(unit.clone())
                    }
                    _ => None,
                },
                score: score_of("key_result", &kr.id),
                check_ins: check_ins.len(),
                last_check_in: check_ins.last().map(|ci| ci.at),
                cadence: (!fallback).then(|| cadence.to_string()),
                discipline,
            });
        }
        let check_in_discipline = super::scorecard::mean(&per_kr);
        let check_in_explanation = format!(
            "{made} of {expected} expected check-in interval(s) kept over {} key result(s) in this cycle",
            per_kr.len()
        );

        // feedback: comments about the person's objectives and key results (and their
        // check-ins), acknowledgements of those check-ins
        let mut feedback = Vec::new();
        let mut seen = HashSet::new();
        for id in objectives
            .iter()
            .map(|o| &o.id)
            .chain(key_results.iter().map(|k| &k.id))
        {
            for cm in self.comments_about(id)? {
                if cm.at > t || !seen.insert(cm.id.as_str()) {
                    continue;
                }
                let (on, about, check_in) = match &cm.on {
                    Subject::Objective(o) => ("objective", o.clone(), None),
                    Subject::KeyResult(k) => ("key_result", k.clone(), None),
                    Subject::CheckIn { key_result, at } => {
                        ("check_in", key_result.clone(), Some(*at))
                    }
                };
                feedback.push(Feedback {
                    id: cm.id.clone(),
                    by: cm.by.clone(),
                    at: cm.at,
                    on,
                    about,
                    check_in,
                    text: cm.text.clone(),
                    reply_to: cm.reply_to.clone(),
                    from_self: cm.by == owner,
                });
            }
        }
        crate::sort::sort_by_key(&mut feedback, |f| f.at);
        let mine: HashSet<&str> = key_results.iter().map(|k| k.id.as_str()).collect();
        let acknowledgements = self
            .acknowledgements(None)
            .into_iter()
            .filter(|a| a.at <= t && mine.contains(a.key_result.as_str()))
            .map(|a| AppraisedAcknowledgement {
                key_result: a.key_result.clone(),
                check_in: a.check_in,
                by: a.by.clone(),
                at: a.at,
                comment: a.comment.clone(),
            })
            .collect();

        // target revisions during the cycle, at or before the as-of day's end
        let until = c.end.succ_opt().map_or(t, midnight).min(t);
        let mut target_revisions = Vec::new();
        for k in &key_results {
            let filter = LogFilter {
                id: Some(k.id.clone()),
                since: Some(from),
            };
            target_revisions.extend(self.log(&filter)?.into_iter().filter(|e| {
                e.kind == "key_result"
                    && e.entity == k.id
                    && e.at <= until
                    && MEASURE_FIELDS.contains(&e.field.as_str())
            }));
        }
        crate::sort::sort_by_key(&mut target_revisions, |e| e.at);

        let options = ScorecardOptions {
            owners: vec![owner.to_string()],
            ..ScorecardOptions::default()
        };
        let signals = self
            .scorecards(as_of, &options)?
            .into_iter()
            .next()
            .map(|card| {
                card.signals
                    .into_iter()
                    .filter(|s| SIGNALS.contains(&s.name))
                    .collect()
            })
            .unwrap_or_default();

        Ok(Appraisal {
            owner: owner.to_string(),
            owner_name: person.name.clone(),
            cycle: cycle.to_string(),
            cycle_name: c.name.clone(),
            start: c.start,
            end: c.end,
            as_of,
            cycle_closed: frozen.is_some(),
            statement: STATEMENT,
            objectives,
            key_results,
            check_in_discipline,
            check_in_explanation,
            feedback,
            acknowledgements,
            target_revisions,
            signals,
        })
    }
}
