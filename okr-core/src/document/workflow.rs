//! The workflow in documents (version 2, optional fields): the review policy, proposals,
//! comments and acknowledgements, in the shapes written and read, and their build into a
//! graph after its model.

use chrono::{DateTime, Utc};
#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::DocProblem;
use super::types::{DocKeyResult, DocLink, DocObjective};
use crate::error::{OkrError, Result};
use crate::extra::Extra;
use crate::graph::OkrGraph;
use crate::patch::{KeyResultPatch, ObjectivePatch};
use crate::store::workflow::{
    Acknowledgement, ClosedCycle, Comment, Decision, Proposal, ProposedChange, ReviewPolicy,
    Subject,
};
use crate::time::{de_ts, ser_opt_ts, ser_ts};

/// A proposal in a document: exactly one of `new_objective` (with its key results and
/// `parents`), `new_key_result` (with `under`, the objective it goes under), or a change
/// (`objective` or `key_result`, with the fields to `set`, as in a revision).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocProposal {
    /// Unique among proposals.
    pub id: String,
    /// Who proposed it (an owner id).
    pub by: String,
    /// When: RFC 3339 with a zone, or a date (00:00 UTC that day).
    #[serde(serialize_with = "ser_ts", deserialize_with = "de_ts")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<Utc>,
    /// The proposer's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Owners named to review it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviewers: Vec<String>,
    /// A new objective, as in `objectives` (no check-ins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_objective: Option<DocObjective>,
    /// A new key result, as in an objective's `key_results` (no check-ins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_key_result: Option<DocKeyResult>,
    /// The objective a new key result goes under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under: Option<String>,
    /// The objective a change is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
    /// The key result a change is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_result: Option<String>,
    /// The fields a change sets, with their new values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<Extra>,
    /// The decision, once made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
}

/// A comment in a document: on exactly one of `objective`, `key_result`, or the check-in of
/// `key_result` at `check_in`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocComment {
    /// Unique among comments.
    pub id: String,
    /// The author (an owner id).
    pub by: String,
    /// When: RFC 3339 with a zone, or a date (00:00 UTC that day).
    #[serde(serialize_with = "ser_ts", deserialize_with = "de_ts")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<Utc>,
    /// The objective commented on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
    /// The key result commented on (or whose check-in is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_result: Option<String>,
    /// The time of the check-in commented on.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_opt_ts",
        deserialize_with = "de_opt_ts"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub check_in: Option<DateTime<Utc>>,
    /// The text.
    pub text: String,
    /// The comment this one answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
}

fn de_opt_ts<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<DateTime<Utc>>, D::Error> {
    #[derive(Deserialize)]
    struct Ts(#[serde(deserialize_with = "de_ts")] DateTime<Utc>);
    Ok(Option::<Ts>::deserialize(d)?.map(|t| t.0))
}

fn shape(field: String, reason: &str) -> OkrError {
    OkrError::InvalidValue {
        field,
        reason: reason.to_string(),
    }
}

impl DocProposal {
    /// The proposal this entry describes.
    ///
    /// # Errors
    /// `InvalidValue` unless it gives exactly one kind of change, with what that kind needs
    /// and nothing else; `InvalidCheckIn`-free: a proposed key result carries no check-ins.
    pub fn to_proposal(&self) -> Result<Proposal> {
        let field = |f: &str| format!("{f} of proposal {:?}", self.id);
        let kinds = [
            self.new_objective.is_some(),
            self.new_key_result.is_some(),
            self.objective.is_some() || self.key_result.is_some(),
        ];
        if kinds.iter().filter(|k| **k).count() != 1
            || (self.objective.is_some() && self.key_result.is_some())
        {
            return Err(shape(
                field("change"),
                "give exactly one of new_objective, new_key_result, objective, key_result",
            ));
        }
        let no_check_ins = |k: &DocKeyResult| {
            if k.check_ins.is_empty() {
                Ok(())
            } else {
                Err(shape(
                    field("check_ins"),
                    "a proposed key result has no check-ins",
                ))
            }
        };
        let change = if let Some(o) = &self.new_objective {
            if self.under.is_some() || self.set.is_some() {
                return Err(shape(
                    field("change"),
                    "a new objective takes no under or set",
                ));
            }
            let mut o = o.clone();
            let objective = o.objective();
            let mut key_results = Vec::new();
            for k in std::mem::take(&mut o.key_results) {
                no_check_ins(&k)?;
                key_results.push(k.into_parts(objective.id.clone()).0);
            }
            let parents = (o.parents.iter())
                .map(|l| (l.id.clone(), l.weight, l.kind))
                .collect();
            ProposedChange::NewObjective {
                objective,
                key_results,
                parents,
            }
        } else if let Some(k) = &self.new_key_result {
            no_check_ins(k)?;
            let (Some(under), None) = (&self.under, &self.set) else {
                return Err(shape(
                    field("under"),
                    "a new key result names the objective it goes `under` (and takes no set)",
                ));
            };
            ProposedChange::NewKeyResult(k.clone().into_parts(under.clone()).0)
        } else {
            if self.under.is_some() {
                return Err(shape(field("under"), "only a new key result goes under"));
            }
            let Some(set) = &self.set else {
                return Err(shape(field("set"), "a change sets some fields"));
            };
            let text = serde_json::to_string(set).expect("JSON values serialise");
            match (&self.objective, &self.key_result) {
                (Some(id), _) => ProposedChange::Objective {
                    id: id.clone(),
                    patch: ObjectivePatch::from_json(&text)?,
                },
                (_, Some(id)) => ProposedChange::KeyResult {
                    id: id.clone(),
                    patch: KeyResultPatch::from_json(&text)?,
                },
                _ => unreachable!("one kind given"),
            }
        };
        Ok(Proposal {
            id: self.id.clone(),
            by: self.by.clone(),
            at: self.at,
            change,
            reviewers: self.reviewers.clone(),
            note: self.note.clone(),
            decision: self.decision.clone(),
        })
    }

    /// The document form of `p`.
    pub(crate) fn of(p: &Proposal) -> DocProposal {
        let mut d = DocProposal {
            id: p.id.clone(),
            by: p.by.clone(),
            at: p.at,
            note: p.note.clone(),
            reviewers: p.reviewers.clone(),
            new_objective: None,
            new_key_result: None,
            under: None,
            objective: None,
            key_result: None,
            set: None,
            decision: p.decision.clone(),
        };
        let set = |v: serde_json::Value| {
            serde_json::from_value::<Extra>(v).expect("a patch is a JSON object")
        };
        match &p.change {
            ProposedChange::NewObjective {
                objective,
                key_results,
                parents,
            } => {
                let parents = parents
                    .iter()
                    .map(|(id, weight, kind)| DocLink {
                        id: id.clone(),
                        weight: *weight,
                        kind: *kind,
                    })
                    .collect();
                let krs = key_results
                    .iter()
                    .map(|k| DocKeyResult::of(k, Vec::new()))
                    .collect();
                d.new_objective = Some(DocObjective::of(objective, parents, krs));
            }
            ProposedChange::NewKeyResult(k) => {
                d.new_key_result = Some(DocKeyResult::of(k, Vec::new()));
                d.under = Some(k.objective.clone());
            }
            ProposedChange::Objective { id, patch } => {
                d.objective = Some(id.clone());
                d.set = Some(set(serde_json::to_value(patch).expect("patches serialise")));
            }
            ProposedChange::KeyResult { id, patch } => {
                d.key_result = Some(id.clone());
                d.set = Some(set(serde_json::to_value(patch).expect("patches serialise")));
            }
        }
        d
    }
}

impl Proposal {
    /// Reads a proposal written as in a document's `proposals` ([`DocProposal`]), the form
    /// the bindings take too.
    ///
    /// # Errors
    /// `InvalidValue` (field `proposal`) for text that is not such an object, and as
    /// [`DocProposal::to_proposal`].
    pub fn from_json(text: &str) -> Result<Proposal> {
        let d: DocProposal = serde_json::from_str(text).map_err(|e| OkrError::InvalidValue {
            field: "proposal".into(),
            reason: e.to_string(),
        })?;
        d.to_proposal()
    }

    /// The proposal as a document writes it, with its `state` (`pending`, `approved`,
    /// `rejected`), `kind` ([`ProposedChange::kind`]) and `entity` (the objective or key
    /// result it is about) added.
    pub fn to_json_value(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(DocProposal::of(self)).expect("proposals serialise");
        let o = v.as_object_mut().expect("an object");
        o.insert("state".into(), self.state().into());
        o.insert("kind".into(), self.change.kind().into());
        o.insert("entity".into(), self.change.entity().into());
        v
    }
}

impl Comment {
    /// Reads a comment written as in a document's `comments` ([`DocComment`]).
    ///
    /// # Errors
    /// `InvalidValue` (field `comment`) for text that is not such an object, or one not on
    /// exactly one subject.
    pub fn from_json(text: &str) -> Result<Comment> {
        let d: DocComment = serde_json::from_str(text).map_err(|e| OkrError::InvalidValue {
            field: "comment".into(),
            reason: e.to_string(),
        })?;
        d.to_comment()
    }

    /// The comment as a document writes it.
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(DocComment::of(self)).expect("comments serialise")
    }
}

impl Subject {
    /// The subject named by its parts, as documents and the bindings give it: an
    /// `objective`, a `key_result`, or a `key_result` and the time of its `check_in`.
    ///
    /// # Errors
    /// `InvalidValue` for any other combination.
    pub fn from_parts(
        objective: Option<String>,
        key_result: Option<String>,
        check_in: Option<DateTime<Utc>>,
    ) -> Result<Subject> {
        match (objective, key_result, check_in) {
            (Some(o), None, None) => Ok(Subject::Objective(o)),
            (None, Some(k), None) => Ok(Subject::KeyResult(k)),
            (None, Some(key_result), Some(at)) => Ok(Subject::CheckIn { key_result, at }),
            _ => Err(shape(
                "subject".into(),
                "give an objective, a key result, or a key result and a check_in time",
            )),
        }
    }
}

impl DocComment {
    /// The comment this entry describes.
    ///
    /// # Errors
    /// `InvalidValue` unless it is on exactly one subject.
    pub fn to_comment(&self) -> Result<Comment> {
        let on = Subject::from_parts(
            self.objective.clone(),
            self.key_result.clone(),
            self.check_in,
        )
        .map_err(|e| match e {
            OkrError::InvalidValue { reason, .. } => OkrError::InvalidValue {
                field: format!("subject of comment {:?}", self.id),
                reason,
            },
            e => e,
        })?;
        Ok(Comment {
            id: self.id.clone(),
            by: self.by.clone(),
            at: self.at,
            on,
            text: self.text.clone(),
            reply_to: self.reply_to.clone(),
        })
    }

    /// The document form of `c`.
    pub(crate) fn of(c: &Comment) -> DocComment {
        let (objective, key_result, check_in) = match &c.on {
            Subject::Objective(o) => (Some(o.clone()), None, None),
            Subject::KeyResult(k) => (None, Some(k.clone()), None),
            Subject::CheckIn { key_result, at } => (None, Some(key_result.clone()), Some(*at)),
        };
        DocComment {
            id: c.id.clone(),
            by: c.by.clone(),
            at: c.at,
            objective,
            key_result,
            check_in,
            text: c.text.clone(),
            reply_to: c.reply_to.clone(),
        }
    }
}

/// The workflow parts of a document, taken out of it before the model is built.
#[derive(Debug, Default)]
pub(crate) struct DocWorkflow {
    pub(crate) review: Option<ReviewPolicy>,
    pub(crate) proposals: Vec<DocProposal>,
    pub(crate) comments: Vec<DocComment>,
    pub(crate) acknowledgements: Vec<Acknowledgement>,
    pub(crate) closed_cycles: Vec<ClosedCycle>,
}

impl DocWorkflow {
    pub(crate) fn is_empty(&self) -> bool {
        self.review.is_none()
            && self.proposals.is_empty()
            && self.comments.is_empty()
            && self.acknowledgements.is_empty()
            && self.closed_cycles.is_empty()
    }

    /// Adds the workflow to `g`, whose model is built: the policy, then the proposals (a
    /// pending one is checked as [`OkrGraph::propose`] checks it, against the latest state; a
    /// decided one is a record, checked for its proposer, decider and times), the comments
    /// and the acknowledgements (as [`OkrGraph::acknowledge`], except that the review policy
    /// is not asked again: it may have changed since). Problems go to `problems` with their
    /// paths; returns `false` when it stopped early.
    pub(crate) fn build(
        self,
        g: &mut OkrGraph,
        stop_early: bool,
        problems: &mut Vec<DocProblem>,
    ) -> bool {
        let mut fail = |path: String, e: OkrError| {
            problems.push(DocProblem {
                path,
                code: e.code(),
                message: e.to_string(),
            });
            !stop_early
        };
        if let Some(policy) = self.review
            && let Err(e) = g.set_review_policy(policy)
            && !fail("review".into(), e)
        {
            return false;
        }
        for (i, p) in self.proposals.iter().enumerate() {
            let added = p.to_proposal().and_then(|p| g.add_proposal_record(p));
            if let Err(e) = added
                && !fail(format!("proposals[{i}]"), e)
            {
                return false;
            }
        }
        for (i, c) in self.comments.iter().enumerate() {
            if let Err(e) = c.to_comment().and_then(|c| g.add_comment(c))
                && !fail(format!("comments[{i}]"), e)
            {
                return false;
            }
        }
        for (i, a) in self.acknowledgements.into_iter().enumerate() {
            if let Err(e) = g.add_acknowledgement_record(a)
                && !fail(format!("acknowledgements[{i}]"), e)
            {
                return false;
            }
        }
        for (i, c) in self.closed_cycles.into_iter().enumerate() {
            if let Err(e) = g.add_closed_cycle_record(c)
                && !fail(format!("closed_cycles[{i}]"), e)
            {
                return false;
            }
        }
        true
    }

    /// The workflow of `g` in document form, each list in time order.
    pub(crate) fn of(g: &OkrGraph) -> DocWorkflow {
        let policy = g.review_policy();
        DocWorkflow {
            review: (!policy.is_default()).then(|| policy.clone()),
            proposals: g.proposals().into_iter().map(DocProposal::of).collect(),
            comments: g.comments(None).into_iter().map(DocComment::of).collect(),
            acknowledgements: g.acknowledgements(None).into_iter().cloned().collect(),
            closed_cycles: g.closed_cycles().cloned().collect(),
        }
    }
}
