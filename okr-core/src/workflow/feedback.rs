//! Comments on objectives, key results and check-ins, and reviewers' acknowledgements of
//! check-ins.

use chrono::{DateTime, Utc};

use super::{Acknowledgement, Comment, Subject, check_in_name};
use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;
use crate::model::{CheckIn, check_id};
use crate::store::unknown;

impl OkrGraph {
    /// Adds a comment. Its subject must exist: an objective or key result of the graph (or
    /// one removed, whose history stays), or a check-in of a key result at exactly that time;
    /// a reply answers an earlier (or simultaneous) comment on the same subject.
    ///
    /// # Errors
    /// `InvalidValue` (an empty id or text, a time outside 0000-9999, a reply to a comment on
    /// another subject or a later one), `DuplicateId` (a comment with this id), `UnknownId`
    /// (the author, the subject, the comment replied to). Nothing changes on an error.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): `max_comments` comments
    /// already; a string over the limit.
    ///
    /// # Complexity
    /// O(log C) for the C check-ins of the key result, O(1) expected otherwise.
    pub fn add_comment(&mut self, comment: Comment) -> Result<()> {
        self.writable()?;
        check_id("comment.id", &comment.id)?;
        if self.workflow.comments.contains_key(&comment.id) {
            return Err(OkrError::DuplicateId {
                kind: EntityKind::Comment,
                id: comment.id,
                existing: EntityKind::Comment,
            });
        }
        self.known_owner(&comment.by)?;
        check_time(comment.at, || format!("time of comment {:?}", comment.id))?;
        if comment.text.trim().is_empty() {
            return Err(OkrError::InvalidValue {
                field: format!("text of comment {:?}", comment.id),
                reason: "a comment says something: the text is empty".into(),
            });
        }
        self.check_subject(&comment.on)?;
        if let Some(r) = &comment.reply_to {
            let first = self
                .workflow
                .comments
                .get(r)
                .ok_or_else(|| unknown(EntityKind::Comment, r))?;
            let reason = if first.on != comment.on {
                Some(format!(
                    "it replies to {r:?}, a comment on {:?}, but is on {:?}",
                    first.on.name(),
                    comment.on.name()
                ))
            } else if first.at > comment.at {
                Some(format!("it replies to {r:?}, a later comment"))
            } else {
                None
            };
            if let Some(reason) = reason {
                return Err(OkrError::InvalidValue {
                    field: format!("reply_to of comment {:?}", comment.id),
                    reason,
                });
            }
        }
        self.check_comment_limits(&comment)?;
        self.workflow.comments.insert(comment.id.clone(), comment);
        Ok(())
    }

    /// The comments, in time order (equal times in the order they were added); only those on
    /// `on` when given.
    ///
    /// # Complexity
    /// O(M log M) for the M comments.
    pub fn comments(&self, on: Option<&Subject>) -> Vec<&Comment> {
        let mut all: Vec<&Comment> = self
            .workflow
            .comments
            .values()
            .filter(|c| on.is_none_or(|s| &c.on == s))
            .collect();
        crate::sort::sort_by_key(&mut all, |c| c.at);
        all
    }

    /// The comments about `id`, in time order: on the objective or key result with that id,
    /// and, for a key result, on its check-ins.
    ///
    /// # Errors
    /// `UnknownId` when `id` is not, and never was, an objective or a key result.
    ///
    /// # Complexity
    /// O(M log M) for the M comments.
    pub fn comments_about(&self, id: &str) -> Result<Vec<&Comment>> {
        let s = &self.store;
        if !s.objectives.contains_key(id)
            && !s.key_results.contains_key(id)
            && !s.history.retired.contains_key(id)
        {
            return Err(unknown(EntityKind::Objective, id));
        }
        let mut all: Vec<&Comment> = self
            .workflow
            .comments
            .values()
            .filter(|c| match &c.on {
                Subject::Objective(o) | Subject::KeyResult(o) => o == id,
                Subject::CheckIn { key_result, .. } => key_result == id,
            })
            .collect();
        crate::sort::sort_by_key(&mut all, |c| c.at);
        Ok(all)
    }

    /// Records that reviewer `ack.by` has seen the check-in of `ack.key_result` at
    /// `ack.check_in`. The review policy says who may (as for a proposal, with the check-in's
    /// author in the place of the proposer and the key result's owner as the owner); each
    /// reviewer acknowledges a check-in once.
    ///
    /// # Errors
    /// `UnknownId` (the key result, the check-in, the reviewer), `Forbidden`,
    /// `AlreadyDecided` (acknowledged by this reviewer already), `InvalidValue` (a time
    /// outside 0000-9999, or before the check-in). Nothing changes on an error.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): `max_comments`
    /// acknowledgements already.
    ///
    /// # Complexity
    /// O(log C + A + D) for C check-ins of the key result, A acknowledgements and the depth D of
    /// the owner tree.
    pub fn acknowledge(&mut self, ack: Acknowledgement) -> Result<()> {
        self.writable()?;
        let name = check_in_name(&ack.key_result, ack.check_in);
        let check_in = self.find_check_in(&ack.key_result, ack.check_in)?;
        check_time(ack.at, || {
            format!("time of the acknowledgement of {name:?}")
        })?;
        if ack.at < ack.check_in {
            return Err(OkrError::InvalidValue {
                field: format!("time of the acknowledgement of {name:?}"),
                reason: "before the check-in".into(),
            });
        }
        let author = check_in.author.clone().unwrap_or_default();
        let owner = self.key_result_owner(&ack.key_result)?;
        self.authorise(&ack.by, &name, &author, &owner, &[], "wrote it")?;
        if let Some(a) = self.workflow.acknowledgements.iter().find(|a| {
            a.key_result == ack.key_result && a.check_in == ack.check_in && a.by == ack.by
        }) {
            return Err(OkrError::AlreadyDecided {
                id: name,
                reason: format!(
                    "acknowledged by {:?} at {}",
                    a.by,
                    crate::time::format_instant(a.at)
                ),
            });
        }
        self.check_acknowledgement_limits(&ack)?;
        self.workflow.acknowledgements.push(ack);
        Ok(())
    }

    /// Adds an acknowledgement read from a document: as [`acknowledge`](Self::acknowledge),
    /// except that the review policy is not asked again (it may have changed since).
    pub(crate) fn add_acknowledgement_record(&mut self, ack: Acknowledgement) -> Result<()> {
        let name = check_in_name(&ack.key_result, ack.check_in);
        self.find_check_in(&ack.key_result, ack.check_in)?;
        self.known_owner(&ack.by)?;
        check_time(ack.at, || {
            format!("time of the acknowledgement of {name:?}")
        })?;
        let twice = self.workflow.acknowledgements.iter().any(|a| {
            a.key_result == ack.key_result && a.check_in == ack.check_in && a.by == ack.by
        });
        if ack.at < ack.check_in || twice {
            return Err(OkrError::InvalidValue {
                field: format!("acknowledgement of {name:?} by {:?}", ack.by),
                reason: if twice {
                    "given twice".into()
                } else {
                    "before the check-in".into()
                },
            });
        }
        self.check_acknowledgement_limits(&ack)?;
        self.workflow.acknowledgements.push(ack);
        Ok(())
    }

    /// The acknowledgements, in time order; only those of `key_result`'s check-ins when given.
    ///
    /// # Complexity
    /// O(A log A).
    pub fn acknowledgements(&self, key_result: Option<&str>) -> Vec<&Acknowledgement> {
        let mut all: Vec<&Acknowledgement> = self
            .workflow
            .acknowledgements
            .iter()
            .filter(|a| key_result.is_none_or(|k| a.key_result == k))
            .collect();
        crate::sort::sort_by_key(&mut all, |a| a.at);
        all
    }

    fn check_subject(&self, on: &Subject) -> Result<()> {
        let retired = |id: &str| self.store.history.retired.get(id).map(|r| r.0);
        match on {
            Subject::Objective(id) => {
                if self.objective(id).is_some() || retired(id) == Some(EntityKind::Objective) {
                    return Ok(());
                }
                Err(unknown(EntityKind::Objective, id))
            }
            Subject::KeyResult(id) => {
                if self.key_result(id).is_some() || retired(id) == Some(EntityKind::KeyResult) {
                    return Ok(());
                }
                Err(unknown(EntityKind::KeyResult, id))
            }
            Subject::CheckIn { key_result, at } => self.find_check_in(key_result, *at).map(drop),
        }
    }

    /// The check-in of `key_result` (or of a key result removed, whose check-ins its history
    /// keeps) at exactly `at`; the first, when several share the time.
    fn find_check_in(&self, key_result: &str, at: DateTime<Utc>) -> Result<&CheckIn> {
        let s = &self.store;
        let all = match s.key_results.get(key_result) {
            Some(e) => &e.check_ins,
            None => match s.removed_key_result(key_result) {
                Some((_, e)) => &e.check_ins,
                None => return Err(unknown(EntityKind::KeyResult, key_result)),
            },
        };
        let i = all.partition_point(|c| c.at < at);
        all.get(i)
            .filter(|c| c.at == at)
            .ok_or_else(|| unknown(EntityKind::CheckIn, &check_in_name(key_result, at)))
    }
}

fn check_time(t: DateTime<Utc>, field: impl FnOnce() -> String) -> Result<()> {
    crate::time::check_instant(t).map_err(|reason| OkrError::InvalidValue {
        field: field(),
        reason,
    })
}
