//! The workflow's data (proposals, comments, acknowledgements, the review policy): kept by
//! the graph beside the model, changed only through [`crate::workflow`]'s methods.

use chrono::{DateTime, Utc};
use indexmap::IndexMap;
#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{KeyResult, Objective};
use crate::patch::{KeyResultPatch, ObjectivePatch};
use crate::time::{de_ts, ser_ts};

/// Who may decide on a proposal or acknowledge a check-in, besides the management line of the
/// owner concerned (the owners above it in the owner tree), who always may.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReviewPolicy {
    /// Whether the person who proposed a change may approve or reject it, and the author of a
    /// check-in acknowledge it (default: no).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_self_approval: bool,
    /// Owners who may decide on any proposal and acknowledge any check-in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviewers: Vec<String>,
}

impl ReviewPolicy {
    /// Whether the policy is the default one (nothing to write in a document).
    pub fn is_default(&self) -> bool {
        *self == ReviewPolicy::default()
    }
}

/// What a proposal would change.
#[derive(Debug, Clone, PartialEq)]
pub enum ProposedChange {
    /// A new objective, with its key results (each naming the objective) and the objectives
    /// it would be aligned under (with link weights).
    NewObjective {
        /// The objective.
        objective: Objective,
        /// Its key results.
        key_results: Vec<KeyResult>,
        /// `(parent id, weight, kind)` of each link.
        parents: Vec<(String, f64, crate::model::LinkKind)>,
    },
    /// A new key result under an existing objective (its `objective`).
    NewKeyResult(KeyResult),
    /// A change to an existing objective: the fields the patch gives.
    Objective {
        /// The objective.
        id: String,
        /// The fields to change.
        patch: ObjectivePatch,
    },
    /// A change to an existing key result: the fields the patch gives.
    KeyResult {
        /// The key result.
        id: String,
        /// The fields to change.
        patch: KeyResultPatch,
    },
}

impl ProposedChange {
    /// The objective or key result the change is about.
    pub fn entity(&self) -> &str {
        match self {
            ProposedChange::NewObjective { objective, .. } => &objective.id,
            ProposedChange::NewKeyResult(k) => &k.id,
            ProposedChange::Objective { id, .. } | ProposedChange::KeyResult { id, .. } => id,
        }
    }

    /// `new_objective`, `new_key_result`, `objective_change` or `key_result_change`.
    pub fn kind(&self) -> &'static str {
        match self {
            ProposedChange::NewObjective { .. } => "new_objective",
            ProposedChange::NewKeyResult(_) => "new_key_result",
            ProposedChange::Objective { .. } => "objective_change",
            ProposedChange::KeyResult { .. } => "key_result_change",
        }
    }
}

/// A decision on a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Approved (the change was made at `at`) or rejected.
    pub approved: bool,
    /// Who decided (an owner id).
    pub by: String,
    /// When: RFC 3339 with a zone, or a date (00:00 UTC that day).
    #[serde(serialize_with = "ser_ts", deserialize_with = "de_ts")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<Utc>,
    /// Why: the reason of the revision an approval makes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A proposed objective, key result or change, waiting for review or decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// Unique among proposals.
    pub id: String,
    /// Who proposed it (an owner id).
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What it would change.
    pub change: ProposedChange,
    /// Owners named to review this proposal (besides the policy's reviewers and the owner's
    /// management line).
    pub reviewers: Vec<String>,
    /// The proposer's note.
    pub note: Option<String>,
    /// The decision, once made.
    pub decision: Option<Decision>,
}

impl Proposal {
    /// A proposal waiting for review.
    pub fn new(
        id: impl Into<String>,
        by: impl Into<String>,
        at: DateTime<Utc>,
        change: ProposedChange,
    ) -> Self {
        Proposal {
            id: id.into(),
            by: by.into(),
            at,
            change,
            reviewers: Vec::new(),
            note: None,
            decision: None,
        }
    }

    /// `pending`, `approved` or `rejected`.
    pub fn state(&self) -> &'static str {
        match &self.decision {
            None => "pending",
            Some(d) if d.approved => "approved",
            Some(_) => "rejected",
        }
    }
}

/// What a comment is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    /// An objective.
    Objective(String),
    /// A key result.
    KeyResult(String),
    /// The check-in of a key result at a time.
    CheckIn {
        /// The key result.
        key_result: String,
        /// The check-in's time.
        at: DateTime<Utc>,
    },
}

impl Subject {
    /// How messages name it: the id, or `key result @ time` for a check-in.
    pub fn name(&self) -> String {
        match self {
            Subject::Objective(id) | Subject::KeyResult(id) => id.clone(),
            Subject::CheckIn { key_result, at } => check_in_name(key_result, *at),
        }
    }
}

/// `kr @ 2026-11-03T09:00:00Z`: how errors name a check-in.
pub(crate) fn check_in_name(key_result: &str, at: DateTime<Utc>) -> String {
    format!("{key_result} @ {}", crate::time::format_instant(at))
}

/// A comment on an objective, a key result or a check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    /// Unique among comments.
    pub id: String,
    /// The author (an owner id).
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What it is about.
    pub on: Subject,
    /// The text.
    pub text: String,
    /// The comment this one answers (on the same subject, not later than this one).
    pub reply_to: Option<String>,
}

/// A reviewer's acknowledgement of a check-in: seen, with an optional comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    /// The key result.
    pub key_result: String,
    /// The check-in's time.
    #[serde(serialize_with = "ser_ts", deserialize_with = "de_ts")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub check_in: DateTime<Utc>,
    /// The reviewer (an owner id).
    pub by: String,
    /// When.
    #[serde(serialize_with = "ser_ts", deserialize_with = "de_ts")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<Utc>,
    /// What the reviewer said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A question asked at the end of a cycle and its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    /// The question ("What did we learn?").
    pub question: String,
    /// The answer.
    pub answer: String,
}

/// What the owner of an objective says of it when its cycle closes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reflection {
    /// The objective.
    pub objective: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Answers to structured prompts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<Prompt>,
}

/// What becomes of a key result when its cycle closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decided {
    /// It ends with the cycle.
    Close,
    /// A copy continues in the next cycle, from its last value.
    Carry,
}

/// A key result's decision at a cycle's close.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KeyResultDecision {
    /// The key result.
    pub key_result: String,
    /// Closed or carried.
    pub decision: Decided,
}

/// A score frozen when its cycle closed: not computed again later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FrozenScore {
    /// The objective or key result.
    pub id: String,
    /// `objective` or `key_result`.
    pub kind: String,
    /// Progress at the end of the cycle (0 to 1), `None` when undefined.
    pub score: Option<f64>,
    /// Attainment (unclamped) at the same moment.
    pub attainment: Option<f64>,
    /// `success`, `partial`, `miss` or `unscored` (the default grade bands).
    pub grade: String,
    /// For a numeric key result the target in force at the cycle's end; for a threshold its
    /// value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
}

/// An objective or key result carried into the next cycle, and its copy there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Carried {
    /// `objective` or `key_result`.
    pub kind: String,
    /// The id in the closed cycle.
    pub from: String,
    /// The id of the copy in the next cycle.
    pub to: String,
}

/// The record of a closed cycle: when and by whom, its frozen scores, the reflections, each
/// key result's decision, and what was carried where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ClosedCycle {
    /// The cycle.
    pub cycle: String,
    /// When it was closed: RFC 3339 with a zone, or a date (00:00 UTC that day).
    #[serde(serialize_with = "ser_ts", deserialize_with = "de_ts")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<Utc>,
    /// Who closed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The cycle unfinished work was carried into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The scores of its objectives and key results at its end.
    #[serde(default)]
    pub scores: Vec<FrozenScore>,
    /// What the owners said.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reflections: Vec<Reflection>,
    /// Each key result's decision.
    #[serde(default)]
    pub decisions: Vec<KeyResultDecision>,
    /// What was carried, and the copies' ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried: Vec<Carried>,
}

/// Everything of the workflow a graph keeps.
#[derive(Debug, Clone, Default)]
pub(crate) struct Workflow {
    pub(crate) policy: ReviewPolicy,
    pub(crate) proposals: IndexMap<String, Proposal>,
    pub(crate) comments: IndexMap<String, Comment>,
    pub(crate) acknowledgements: Vec<Acknowledgement>,
    /// Closed cycles, by cycle id.
    pub(crate) closed: IndexMap<String, ClosedCycle>,
}

impl Workflow {
    /// What of the workflow refers to `id` of `kind` (`kind` and id of the referrer), which
    /// must then not be removed: for an owner, anything naming it (proposer, reviewer,
    /// decider, author, the owner of a proposed objective or key result); for a cycle, a
    /// pending proposed objective in it; for an objective or key result, a pending proposal
    /// about it, under it or aligned to it. Decided proposals and comments on an objective or
    /// key result do not hold it: its history keeps its id.
    ///
    /// # Complexity
    /// O(P + M + A) over the proposals, comments and acknowledgements.
    pub(crate) fn refers_to(
        &self,
        kind: crate::EntityKind,
        id: &str,
    ) -> Option<(crate::EntityKind, String)> {
        use crate::EntityKind as K;
        let proposal = |p: &Proposal| Some((K::Proposal, p.id.clone()));
        match kind {
            K::Owner => {
                if self.policy.reviewers.iter().any(|r| r == id) {
                    return Some((K::Owner, "the review policy".into()));
                }
                for p in self.proposals.values() {
                    let owner = match &p.change {
                        ProposedChange::NewObjective {
                            objective,
                            key_results,
                            ..
                        } => {
                            objective.owner == id
                                || key_results.iter().any(|k| k.owner.as_deref() == Some(id))
                        }
                        ProposedChange::NewKeyResult(k) => k.owner.as_deref() == Some(id),
                        _ => false,
                    };
                    if p.by == id
                        || owner
                        || p.reviewers.iter().any(|r| r == id)
                        || p.decision.as_ref().is_some_and(|d| d.by == id)
                    {
                        return proposal(p);
                    }
                }
                if let Some(c) = self.closed.values().find(|c| c.by.as_deref() == Some(id)) {
                    return Some((K::Cycle, c.cycle.clone()));
                }
                if let Some(c) = self.comments.values().find(|c| c.by == id) {
                    return Some((K::Comment, c.id.clone()));
                }
                self.acknowledgements
                    .iter()
                    .find(|a| a.by == id)
                    .map(|a| (K::CheckIn, check_in_name(&a.key_result, a.check_in)))
            }
            K::Cycle if self.closed.contains_key(id) => {
                Some((K::Cycle, format!("the record of {id:?} closed")))
            }
            K::Cycle if self.closed.values().any(|c| c.to.as_deref() == Some(id)) => {
                let c = self.closed.values().find(|c| c.to.as_deref() == Some(id))?;
                Some((K::Cycle, c.cycle.clone()))
            }
            K::Cycle => self
                .proposals
                .values()
                .filter(|p| p.decision.is_none())
                .find(|p| {
                    matches!(&p.change, ProposedChange::NewObjective { objective, .. }
                        if objective.cycle == id)
                })
                .and_then(proposal),
            K::Objective | K::KeyResult => self
                .proposals
                .values()
                .filter(|p| p.decision.is_none())
                .find(|p| match &p.change {
                    ProposedChange::NewObjective { parents, .. } => {
                        parents.iter().any(|(parent, _, _)| parent == id)
                    }
                    ProposedChange::NewKeyResult(k) => k.objective == id,
                    ProposedChange::Objective { id: o, .. } => o == id,
                    ProposedChange::KeyResult { id: k, .. } => k == id,
                })
                .and_then(proposal),
            _ => None,
        }
    }

    /// `InUse` when [`refers_to`](Self::refers_to) finds something.
    pub(crate) fn check_unused(&self, kind: crate::EntityKind, id: &str) -> crate::Result<()> {
        match self.refers_to(kind, id) {
            Some((by_kind, by)) => Err(crate::OkrError::InUse {
                kind,
                id: id.to_string(),
                by_kind,
                by,
            }),
            None => Ok(()),
        }
    }
}
