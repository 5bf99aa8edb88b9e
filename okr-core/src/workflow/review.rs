//! Proposals and their review: [`OkrGraph::propose`], [`OkrGraph::approve`],
//! [`OkrGraph::reject`], and the rule of who may decide ([`OkrGraph::may_decide`]).

use chrono::{DateTime, Utc};

use super::{Decision, Proposal, ProposedChange, ReviewPolicy};
use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;
use crate::model::{check_id, check_weight};
use crate::store::{Revise, unknown};

impl OkrGraph {
    /// The review policy (by default: the management line decides, nobody on their own
    /// proposal).
    pub fn review_policy(&self) -> &ReviewPolicy {
        &self.workflow.policy
    }

    /// Sets the review policy.
    ///
    /// # Errors
    /// `UnknownId` for a reviewer who is not an owner; nothing changes.
    pub fn set_review_policy(&mut self, policy: ReviewPolicy) -> Result<()> {
        self.writable()?;
        for r in &policy.reviewers {
            self.known_owner(r)?;
        }
        self.workflow.policy = policy;
        Ok(())
    }

    /// The proposals, in time order (equal times in the order they were made).
    ///
    /// # Complexity
    /// O(P log P) for P proposals.
    pub fn proposals(&self) -> Vec<&Proposal> {
        let mut all: Vec<&Proposal> = self.workflow.proposals.values().collect();
        crate::sort::sort_by_key(&mut all, |p| p.at);
        all
    }

    /// One proposal.
    pub fn proposal(&self, id: &str) -> Option<&Proposal> {
        self.workflow.proposals.get(id)
    }

    /// Records a proposal waiting for review. It changes nothing in the model: a proposed
    /// objective does not count in any rollup until approved.
    ///
    /// # Errors
    /// `InvalidValue` (an empty id, a decision given, a change that changes nothing, a key
    /// result of a proposed objective naming another objective), `DuplicateId` (a proposal
    /// with this id, or a new objective or key result whose id is taken), `UnknownId` (the
    /// proposer, a reviewer, the objective or key result changed, the owner or cycle of a new
    /// objective, a parent), `InvalidWeight`. Nothing changes on an error.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): `max_proposals`
    /// proposals already; what it proposes over the limits a document holds it to.
    ///
    /// # Complexity
    /// O(K + L + R) for the key results, links and reviewers given.
    pub fn propose(&mut self, proposal: Proposal) -> Result<()> {
        self.writable()?;
        check_id("proposal.id", &proposal.id)?;
        if self.workflow.proposals.contains_key(&proposal.id) {
            return Err(OkrError::DuplicateId {
                kind: EntityKind::Proposal,
                id: proposal.id,
                existing: EntityKind::Proposal,
            });
        }
        if proposal.decision.is_some() {
            return Err(OkrError::InvalidValue {
                field: format!("decision of proposal {:?}", proposal.id),
                reason: "a new proposal waits for review: decide with approve or reject".into(),
            });
        }
        self.known_owner(&proposal.by)?;
        for r in &proposal.reviewers {
            self.known_owner(r)?;
        }
        self.check_change(&proposal.id, &proposal.change)?;
        self.check_proposal_limits(&proposal)?;
        self.workflow
            .proposals
            .insert(proposal.id.clone(), proposal);
        Ok(())
    }

    /// Adds a proposal read from a document: a pending one as [`propose`](Self::propose)
    /// does; a decided one as the record it is (its change was made, or not, in the history):
    /// its proposer, named reviewers and decider must be owners, and it was decided after it
    /// was proposed.
    pub(crate) fn add_proposal_record(&mut self, p: Proposal) -> Result<()> {
        let Some(d) = &p.decision else {
            return self.propose(p);
        };
        check_id("proposal.id", &p.id)?;
        if self.workflow.proposals.contains_key(&p.id) {
            return Err(OkrError::DuplicateId {
                kind: EntityKind::Proposal,
                id: p.id,
                existing: EntityKind::Proposal,
            });
        }
        self.known_owner(&p.by)?;
        self.known_owner(&d.by)?;
        for r in &p.reviewers {
            self.known_owner(r)?;
        }
        if d.at < p.at {
            return Err(OkrError::InvalidRevision {
                id: p.id,
                reason: "decided before it was proposed".into(),
            });
        }
        self.check_proposal_limits(&p)?;
        self.workflow.proposals.insert(p.id.clone(), p);
        Ok(())
    }

    /// Approves proposal `id`: `by` decides at `at`, and the change is made as a revision at
    /// that time, by `by`, with `comment` as its reason (without one: `proposal <id>
    /// approved`).
    ///
    /// # Errors
    /// `UnknownId` (the proposal, or `by`), `AlreadyDecided`, `Forbidden` (see
    /// [`may_decide`](Self::may_decide)), `InvalidRevision` (`at` before the proposal, or
    /// before a revision already recorded), and whatever the change itself meets (a key result
    /// whose measure no longer fits its check-ins, an id taken since, a link closing a cycle).
    /// Nothing changes on an error, and the proposal stays pending.
    ///
    /// # Complexity
    /// As the change: O(1) expected for a patch, O(K + L (V + E)) for a new objective with K
    /// key results and L links (each link's cycle check).
    pub fn approve(
        &mut self,
        id: &str,
        by: &str,
        at: DateTime<Utc>,
        comment: Option<String>,
    ) -> Result<()> {
        self.writable()?;
        self.check_decision(id, by, at)?;
        let p = &self.workflow.proposals[id];
        let reason = comment
            .clone()
            .unwrap_or_else(|| format!("proposal {id} approved"));
        let meta = Revise::at(at).by(by).reason(reason);
        match p.change.clone() {
            ProposedChange::NewObjective {
                objective,
                key_results,
                parents,
            } => self.edit(|s| s.add_objective_with(objective, key_results, &parents, meta))?,
            ProposedChange::NewKeyResult(k) => self.add_key_result_at(k, meta)?,
            ProposedChange::Objective { id, patch } => self.revise_objective(&id, patch, meta)?,
            ProposedChange::KeyResult { id, patch } => self.revise_key_result(&id, patch, meta)?,
        }
        self.decide(id, true, by, at, comment);
        Ok(())
    }

    /// Rejects proposal `id`: `by` decides at `at`, with `comment`. The model does not change.
    ///
    /// # Errors
    /// `UnknownId`, `AlreadyDecided`, `Forbidden`, `InvalidRevision` (`at` before the
    /// proposal). Nothing changes on an error.
    ///
    /// # Complexity
    /// O(D) for the depth D of the owner tree.
    pub fn reject(
        &mut self,
        id: &str,
        by: &str,
        at: DateTime<Utc>,
        comment: Option<String>,
    ) -> Result<()> {
        self.writable()?;
        self.check_decision(id, by, at)?;
        self.decide(id, false, by, at, comment);
        Ok(())
    }

    /// Whether `actor` may decide on proposal `id` under the review policy: `Ok` when they
    /// may. The proposer may not (unless the policy allows self-approval, and then always
    /// may); a reviewer the proposal or the policy names may; so may every owner above the
    /// owner of the objective or key result concerned in the owner tree (a key result without
    /// an owner of its own is its objective's owner's).
    ///
    /// # Errors
    /// `UnknownId` (the proposal or the actor), `Forbidden` naming the actor and the proposal.
    ///
    /// # Complexity
    /// O(D + R) for the depth D of the owner tree and R named reviewers.
    pub fn may_decide(&self, id: &str, actor: &str) -> Result<()> {
        let p = self
            .workflow
            .proposals
            .get(id)
            .ok_or_else(|| unknown(EntityKind::Proposal, id))?;
        let owner = self.owner_of_change(&p.change)?;
        self.authorise(actor, id, &p.by, &owner, &p.reviewers, "proposed it")
    }

    /// [`may_decide`](Self::may_decide) as a yes or no: `false` where it is `Forbidden`.
    ///
    /// # Errors
    /// `UnknownId` (the proposal or the actor).
    pub fn can_decide(&self, id: &str, actor: &str) -> Result<bool> {
        match self.may_decide(id, actor) {
            Ok(()) => Ok(true),
            Err(OkrError::Forbidden { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The one rule for proposals and check-ins: `actor` may act on `id` (by `author`, about
    /// something `owner` owns) when they are the author and the policy allows it, a named
    /// reviewer (`named` or the policy's), or above `owner` in the owner tree.
    pub(crate) fn authorise(
        &self,
        actor: &str,
        id: &str,
        author: &str,
        owner: &str,
        named: &[String],
        authored: &str,
    ) -> Result<()> {
        self.known_owner(actor)?;
        let policy = &self.workflow.policy;
        let forbid = |reason: String| OkrError::Forbidden {
            actor: actor.to_string(),
            id: id.to_string(),
            reason,
        };
        if actor == author {
            if policy.allow_self_approval {
                return Ok(());
            }
            return Err(forbid(format!(
                "{actor:?} {authored}, and the review policy does not allow self-approval"
            )));
        }
        if named.iter().chain(&policy.reviewers).any(|r| r == actor) || self.above(actor, owner) {
            return Ok(());
        }
        Err(forbid(format!(
            "{actor:?} is neither above {owner:?} in the owner tree nor a named reviewer"
        )))
    }

    /// Whether owner `a` is above owner `b` in the owner tree (strictly). O(depth).
    fn above(&self, a: &str, b: &str) -> bool {
        let owners = &self.store.owners;
        let mut at = owners.get(b).and_then(|o| o.parent.as_deref());
        // an owner's parent exists before it, so the chain ends; the bound is a guard
        for _ in 0..owners.len() {
            match at {
                Some(p) if p == a => return true,
                Some(p) => at = owners.get(p).and_then(|o| o.parent.as_deref()),
                None => return false,
            }
        }
        false
    }

    pub(crate) fn known_owner(&self, id: &str) -> Result<()> {
        if self.store.owners.contains_key(id) {
            Ok(())
        } else {
            Err(unknown(EntityKind::Owner, id))
        }
    }

    /// The owner of what `change` is about: a new objective's owner; a key result's own owner,
    /// else its objective's.
    fn owner_of_change(&self, change: &ProposedChange) -> Result<String> {
        match change {
            ProposedChange::NewObjective { objective, .. } => Ok(objective.owner.clone()),
            ProposedChange::NewKeyResult(k) => match &k.owner {
                Some(o) => Ok(o.clone()),
                None => self.objective_owner(&k.objective),
            },
            ProposedChange::Objective { id, .. } => self.objective_owner(id),
            ProposedChange::KeyResult { id, .. } => self.key_result_owner(id),
        }
    }

    fn objective_owner(&self, id: &str) -> Result<String> {
        self.objective(id)
            .map(|o| o.owner.clone())
            .ok_or_else(|| unknown(EntityKind::Objective, id))
    }

    /// A key result's own owner, else its objective's.
    pub(crate) fn key_result_owner(&self, id: &str) -> Result<String> {
        let k = self
            .key_result(id)
            .ok_or_else(|| unknown(EntityKind::KeyResult, id))?;
        match &k.owner {
            Some(o) => Ok(o.clone()),
            None => self.objective_owner(&k.objective),
        }
    }

    /// What `propose` checks of a change (what can be checked before it is made).
    fn check_change(&self, id: &str, change: &ProposedChange) -> Result<()> {
        let s = &self.store;
        match change {
            ProposedChange::NewObjective {
                objective,
                key_results,
                parents,
            } => {
                check_id("objective.id", &objective.id)?;
                s.check_new_id(EntityKind::Objective, &objective.id)?;
                self.known_owner(&objective.owner)?;
                if self.cycle(&objective.cycle).is_none() {
                    return Err(unknown(EntityKind::Cycle, &objective.cycle));
                }
                let mut seen = std::collections::HashSet::new();
                for k in key_results {
                    check_id("key_result.id", &k.id)?;
                    if k.objective != objective.id {
                        return Err(OkrError::InvalidValue {
                            field: format!("objective of key result {:?}", k.id),
                            reason: format!(
                                "a key result proposed with objective {:?} must name it",
                                objective.id
                            ),
                        });
                    }
                    if !seen.insert(k.id.as_str()) || k.id == objective.id {
                        return Err(OkrError::DuplicateId {
                            kind: EntityKind::KeyResult,
                            id: k.id.clone(),
                            existing: EntityKind::KeyResult,
                        });
                    }
                    s.check_new_id(EntityKind::KeyResult, &k.id)?;
                    check_weight(|| k.id.clone(), k.weight)?;
                    k.measure.validate(&k.id)?;
                }
                let mut seen = std::collections::HashSet::new();
                for (parent, w, _) in parents {
                    if self.objective(parent).is_none() {
                        return Err(unknown(EntityKind::Objective, parent));
                    }
                    if !seen.insert(parent.as_str()) {
                        return Err(OkrError::AlreadyLinked {
                            child: objective.id.clone(),
                            parent: parent.clone(),
                        });
                    }
                    check_weight(|| crate::store::link_name(&objective.id, parent), *w)?;
                }
                Ok(())
            }
            ProposedChange::NewKeyResult(k) => {
                check_id("key_result.id", &k.id)?;
                if self.objective(&k.objective).is_none() {
                    return Err(unknown(EntityKind::Objective, &k.objective));
                }
                s.check_new_id(EntityKind::KeyResult, &k.id)?;
                check_weight(|| k.id.clone(), k.weight)?;
                k.measure.validate(&k.id)
            }
            ProposedChange::Objective { id: oid, patch } => {
                if self.objective(oid).is_none() {
                    return Err(unknown(EntityKind::Objective, oid));
                }
                if *patch == Default::default() {
                    return Err(nothing(id));
                }
                Ok(())
            }
            ProposedChange::KeyResult { id: kid, patch } => {
                if self.key_result(kid).is_none() {
                    return Err(unknown(EntityKind::KeyResult, kid));
                }
                if *patch == Default::default() {
                    return Err(nothing(id));
                }
                Ok(())
            }
        }
    }

    /// What `approve` and `reject` check before deciding.
    fn check_decision(&self, id: &str, by: &str, at: DateTime<Utc>) -> Result<()> {
        let p = self
            .workflow
            .proposals
            .get(id)
            .ok_or_else(|| unknown(EntityKind::Proposal, id))?;
        if let Some(d) = &p.decision {
            return Err(OkrError::AlreadyDecided {
                id: id.to_string(),
                reason: format!(
                    "{} by {:?} at {}",
                    if d.approved { "approved" } else { "rejected" },
                    d.by,
                    crate::time::format_instant(d.at)
                ),
            });
        }
        crate::time::check_instant(at).map_err(|reason| OkrError::InvalidValue {
            field: format!("time of the decision on proposal {id:?}"),
            reason,
        })?;
        if at < p.at {
            return Err(OkrError::InvalidRevision {
                id: id.to_string(),
                reason: format!(
                    "decided at {}, before it was proposed ({})",
                    crate::time::format_instant(at),
                    crate::time::format_instant(p.at)
                ),
            });
        }
        self.may_decide(id, by)
    }

    fn decide(&mut self, id: &str, approved: bool, by: &str, at: DateTime<Utc>, c: Option<String>) {
        let p = self.workflow.proposals.get_mut(id).expect("checked");
        p.decision = Some(Decision {
            approved,
            by: by.to_string(),
            at,
            comment: c,
        });
    }
}

fn nothing(id: &str) -> OkrError {
    OkrError::InvalidValue {
        field: format!("change of proposal {id:?}"),
        reason: "it changes nothing".into(),
    }
}
