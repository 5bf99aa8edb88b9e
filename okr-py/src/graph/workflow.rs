//! The goal cycle's workflow: proposals and their review, comments on objectives, key results
//! and check-ins, reviewers' acknowledgements of check-ins (okr-core's `workflow`). Proposals
//! and comments are dicts in the document's form; times come back as aware datetimes (UTC).

use okr_core::workflow::{Acknowledgement, CloseDecisions, Comment, Proposal, ReviewPolicy};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::Graph;
use crate::convert::{py_datetime, py_to_json, to_change_time, to_py};
use crate::errors::{invalid_value, raise};

/// A core value as a Python dict, its time fields `times` (and the decision's `at`) as
/// datetimes.
fn with_times<'py>(
    py: Python<'py>,
    value: &serde_json::Value,
    times: &[&str],
) -> PyResult<Bound<'py, PyAny>> {
    let out = to_py(py, value)?;
    for (key, v) in times.iter().filter_map(|k| value.get(*k).map(|v| (*k, v))) {
        if let Some(text) = v.as_str() {
            out.set_item(key, py_datetime(py, text)?)?;
        }
    }
    if let Some(text) = value.pointer("/decision/at").and_then(|v| v.as_str()) {
        out.get_item("decision")?
            .set_item("at", py_datetime(py, text)?)?;
    }
    Ok(out)
}

/// A dict argument as the JSON text okr-core reads.
fn json_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    py_to_json(obj, what).map_err(|(p, r)| invalid_value(&p, r))
}

#[pymethods]
impl Graph {
    /// Sets who may decide on proposals and acknowledge check-ins besides the owners above
    /// the owner: `reviewers` (owner ids), and whether the proposer may decide on their own
    /// proposal (`allow_self_approval`, default False). An unknown reviewer is
    /// `UnknownIdError`; nothing changes on an error.
    #[pyo3(signature = (*, allow_self_approval=false, reviewers=None))]
    fn set_review_policy(
        &self,
        allow_self_approval: bool,
        reviewers: Option<Vec<String>>,
    ) -> PyResult<()> {
        self.write()
            .set_review_policy(ReviewPolicy {
                allow_self_approval,
                reviewers: reviewers.unwrap_or_default(),
            })
            .map_err(raise)
    }

    /// The review policy: `{"allow_self_approval": bool, "reviewers": [...]}`.
    fn review_policy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let g = self.read();
        let p = g.review_policy();
        let d = PyDict::new(py);
        d.set_item("allow_self_approval", p.allow_self_approval)?;
        d.set_item("reviewers", p.reviewers.clone())?;
        Ok(d.into_any())
    }

    /// Records a proposal, a dict as in a document's `proposals`: `id`, `by`, `at`, optional
    /// `note` and `reviewers`, and one of `new_objective` (an objective dict with its
    /// `key_results` and `parents`), `new_key_result` with `under` (the objective), or
    /// `objective` / `key_result` with the fields to `set`. It changes no figure until
    /// approved. Errors as okr-core's `OkrGraph::propose`; nothing changes on an error.
    fn propose(&self, proposal: &Bound<'_, PyAny>) -> PyResult<()> {
        let text = json_arg(proposal, "proposal")?;
        let p = Proposal::from_json(&text).map_err(raise)?;
        self.write().propose(p).map_err(raise)
    }

    /// Approves a proposal: the change is made as a revision at `at`, by `by`, with `comment`
    /// as its reason. `ForbiddenError` when the review policy does not let `by` decide,
    /// `AlreadyDecidedError` for a proposal decided before; nothing changes on an error.
    #[pyo3(signature = (id, *, by, at, comment=None))]
    fn approve(
        &self,
        id: &str,
        by: &str,
        at: &Bound<'_, PyAny>,
        comment: Option<String>,
    ) -> PyResult<()> {
        let at = to_change_time(at, "at")?;
        self.write().approve(id, by, at, comment).map_err(raise)
    }

    /// Rejects a proposal (the model does not change); errors as `approve`.
    #[pyo3(signature = (id, *, by, at, comment=None))]
    fn reject(
        &self,
        id: &str,
        by: &str,
        at: &Bound<'_, PyAny>,
        comment: Option<String>,
    ) -> PyResult<()> {
        let at = to_change_time(at, "at")?;
        self.write().reject(id, by, at, comment).map_err(raise)
    }

    /// Whether `actor` may decide on proposal `id` under the review policy.
    fn can_decide(&self, id: &str, actor: &str) -> PyResult<bool> {
        self.read().can_decide(id, actor).map_err(raise)
    }

    /// The proposals in time order, as dicts in the document's form with `state` (`pending`,
    /// `approved`, `rejected`), `kind` and `entity` added.
    fn proposals<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.read()
            .proposals()
            .iter()
            .map(|p| with_times(py, &p.to_json_value(), &["at"]))
            .collect()
    }

    /// One proposal as in `proposals()`, or None.
    fn proposal<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.read()
            .proposal(id)
            .map(|p| with_times(py, &p.to_json_value(), &["at"]))
            .transpose()
    }

    /// Adds a comment, a dict as in a document's `comments`: `id`, `by`, `at`, `text`, on one
    /// of `objective`, `key_result`, or `key_result` and `check_in` (the check-in's time),
    /// optionally `reply_to` (an earlier comment on the same subject).
    fn add_comment(&self, comment: &Bound<'_, PyAny>) -> PyResult<()> {
        let text = json_arg(comment, "comment")?;
        let c = Comment::from_json(&text).map_err(raise)?;
        self.write().add_comment(c).map_err(raise)
    }

    /// The comments in time order, as dicts; with `id`, those about that objective or key
    /// result (and its check-ins).
    #[pyo3(signature = (id=None))]
    fn comments<'py>(&self, py: Python<'py>, id: Option<&str>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let g = self.read();
        let all = match id {
            Some(id) => g.comments_about(id).map_err(raise)?,
            None => g.comments(None),
        };
        all.iter()
            .map(|c| with_times(py, &c.to_json_value(), &["at", "check_in"]))
            .collect()
    }

    /// Records that reviewer `by` has seen the check-in of `key_result` at `check_in`, at
    /// `at`, with an optional `comment`. The review policy says who may (never the check-in's
    /// author unless self-approval is allowed): `ForbiddenError`; a second acknowledgement
    /// by the same reviewer is `AlreadyDecidedError`.
    #[pyo3(signature = (key_result, check_in, *, by, at, comment=None))]
    fn acknowledge(
        &self,
        key_result: String,
        check_in: &Bound<'_, PyAny>,
        by: String,
        at: &Bound<'_, PyAny>,
        comment: Option<String>,
    ) -> PyResult<()> {
        let ack = Acknowledgement {
            key_result,
            check_in: to_change_time(check_in, "check_in")?,
            by,
            at: to_change_time(at, "at")?,
            comment,
        };
        self.write().acknowledge(ack).map_err(raise)
    }

    /// The acknowledgements in time order, as dicts (`key_result`, `check_in`, `by`, `at`,
    /// `comment`); only those of `key_result`'s check-ins when given.
    #[pyo3(signature = (key_result=None))]
    fn acknowledgements<'py>(
        &self,
        py: Python<'py>,
        key_result: Option<&str>,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.read()
            .acknowledgements(key_result)
            .iter()
            .map(|a| {
                let v = serde_json::to_value(a).expect("acknowledgements serialise");
                with_times(py, &v, &["at", "check_in"])
            })
            .collect()
    }

    /// Closes cycle `cycle` at `at` (by `by`): scores at its end frozen, each key result closed
    /// or carried into cycle `to` (copies `{id}-{to}` from their last value), reflections
    /// kept; `decisions` as `okr close-cycle --decisions` reads them (`{"key_results": {kr:
    /// "close" | "carry"}, "reflections": {objective: text | {"text", "prompts"}}}`; without,
    /// the unfinished key results of active objectives carry and the others close).
    /// `dry_run=True` changes nothing and returns the same report. Returns the report: the record (`cycle`, `at`, `by`, `to`,
    /// `scores`, `reflections`, `decisions`, `carried`) and `closed_key_results`. Errors as
    /// okr-core's `OkrGraph::close_cycle` (`CycleClosedError` for a closed cycle); nothing
    /// changes on an error.
    #[pyo3(signature = (cycle, *, to=None, at, by=None, decisions=None, dry_run=false))]
    #[allow(clippy::too_many_arguments)]
    fn close_cycle<'py>(
        &self,
        py: Python<'py>,
        cycle: &str,
        to: Option<&str>,
        at: &Bound<'_, PyAny>,
        by: Option<String>,
        decisions: Option<&Bound<'_, PyAny>>,
        dry_run: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut meta = okr_core::Revise::at(to_change_time(at, "at")?);
        meta.by = by;
        let decisions = match decisions.filter(|d| !d.is_none()) {
            Some(d) => CloseDecisions::from_json(&json_arg(d, "decisions")?).map_err(raise)?,
            None => CloseDecisions::default(),
        };
        let report = if dry_run {
            self.write()
                .close_cycle_dry_run(cycle, to, meta, &decisions)
        } else {
            self.write().close_cycle(cycle, to, meta, &decisions)
        }
        .map_err(raise)?;
        let v = serde_json::to_value(&report).expect("reports serialise");
        with_times(py, &v, &["at"])
    }

    /// The record of a closed cycle (as in `close_cycle`'s report, without
    /// `closed_key_results`), or None.
    fn closed_cycle<'py>(
        &self,
        py: Python<'py>,
        cycle: &str,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.read()
            .closed_cycle(cycle)
            .map(|c| {
                let v = serde_json::to_value(c).expect("records serialise");
                with_times(py, &v, &["at"])
            })
            .transpose()
    }
}
