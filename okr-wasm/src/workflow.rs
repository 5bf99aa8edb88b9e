//! Workflow bindings (methods of `Graph`): proposals and their review, comments,
//! acknowledgements of check-ins. Proposals, comments and acknowledgements are plain objects in
//! the document's own shape (snake_case keys, times as RFC 3339 text in UTC); the review policy
//! is an options object (`{allowSelfApproval, reviewers}`). Conversion only: every rule is
//! okr-core's.

use js_sys::Array;
use okr_core::workflow::{Acknowledgement, CloseDecisions, Comment, Proposal, ReviewPolicy};
use wasm_bindgen::prelude::*;

use crate::Graph;
use crate::convert::{
    JsResult, OrThrow, change_time, from_js, invalid, object_json, options, to_js, to_js_camel,
};

/// The `{by, at, comment}` of a decision.
fn decision(v: &JsValue) -> JsResult<(String, chrono::DateTime<chrono::Utc>, Option<String>)> {
    if !v.is_object() || Array::is_array(v) {
        return Err(invalid("decision", "expected an object {by, at, comment?}"));
    }
    let get = |k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k));
    let by = get("by")?
        .as_string()
        .ok_or_else(|| invalid("decision.by", "expected an owner id (a string)"))?;
    let at = change_time("decision.at", &get("at")?)?;
    let comment = get("comment")?;
    let comment = if comment.is_undefined() || comment.is_null() {
        None
    } else {
        Some(
            comment
                .as_string()
                .ok_or_else(|| invalid("decision.comment", "expected a string"))?,
        )
    };
    Ok((by, at, comment))
}

#[wasm_bindgen]
impl Graph {
    /// Sets who may decide on proposals and acknowledge check-ins besides the owners above
    /// the owner: `{allowSelfApproval?, reviewers?}` (`undefined`: the default policy).
    /// Throws `UnknownIdError` for an unknown reviewer; nothing changes on an error.
    #[wasm_bindgen(js_name = setReviewPolicy)]
    pub fn set_review_policy(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ReviewPolicy")] policy: Option<JsValue>,
    ) -> JsResult<()> {
        let p: ReviewPolicy = options("policy", policy, &[])?;
        self.inner.set_review_policy(p).or_throw()
    }

    /// The review policy, `{allowSelfApproval, reviewers}`.
    #[wasm_bindgen(js_name = reviewPolicy, unchecked_return_type = "ReviewPolicy")]
    pub fn review_policy(&self) -> JsResult<JsValue> {
        let p = self.inner.review_policy();
        to_js_camel(&serde_json::json!({
            "allow_self_approval": p.allow_self_approval,
            "reviewers": p.reviewers,
        }))
    }

    /// Records a proposal, `{id, by, at, note?, reviewers?}` with one of `new_objective`
    /// (with its `key_results` and `parents`), `new_key_result` with `under`, or `objective` /
    /// `key_result` with the fields to `set`. It counts in no rollup until approved.
    pub fn propose(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ProposalInput")] proposal: JsValue,
    ) -> JsResult<()> {
        let text = object_json("proposal", &proposal)?;
        let p = Proposal::from_json(&text).or_throw()?;
        self.inner.propose(p).or_throw()
    }

    /// Approves a proposal, `{by, at, comment?}`: the change is made as a revision at `at`,
    /// by `by`, with `comment` as its reason. Throws `ForbiddenError` (ids: the proposal, the
    /// actor) when the review policy does not let `by` decide, `AlreadyDecidedError` when it
    /// was decided; nothing changes on an error.
    pub fn approve(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "Decision")] decided: JsValue,
    ) -> JsResult<()> {
        let (by, at, comment) = decision(&decided)?;
        self.inner.approve(id, &by, at, comment).or_throw()
    }

    /// Rejects a proposal, `{by, at, comment?}`; the model does not change. Errors as
    /// `approve`.
    pub fn reject(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "Decision")] decided: JsValue,
    ) -> JsResult<()> {
        let (by, at, comment) = decision(&decided)?;
        self.inner.reject(id, &by, at, comment).or_throw()
    }

    /// Whether `actor` may decide on proposal `id`.
    #[wasm_bindgen(js_name = canDecide)]
    pub fn can_decide(&self, id: &str, actor: &str) -> JsResult<bool> {
        self.inner.can_decide(id, actor).or_throw()
    }

    /// The proposals in time order, in the document's shape with `state` (`pending`,
    /// `approved`, `rejected`), `kind` and `entity` added.
    #[wasm_bindgen(unchecked_return_type = "Proposal[]")]
    pub fn proposals(&self) -> JsResult<JsValue> {
        let all: Vec<_> = self
            .inner
            .proposals()
            .iter()
            .map(|p| p.to_json_value())
            .collect();
        to_js(&all)
    }

    /// One proposal as in `proposals()`, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Proposal | undefined")]
    pub fn proposal(&self, id: &str) -> JsResult<JsValue> {
        match self.inner.proposal(id) {
            Some(p) => to_js(&p.to_json_value()),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Adds a comment, `{id, by, at, text, reply_to?}` on one of `objective`, `key_result`,
    /// or `key_result` and `check_in` (the check-in's time).
    #[wasm_bindgen(js_name = addComment)]
    pub fn add_comment(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CommentInput")] comment: JsValue,
    ) -> JsResult<()> {
        let text = object_json("comment", &comment)?;
        let c = Comment::from_json(&text).or_throw()?;
        self.inner.add_comment(c).or_throw()
    }

    /// The comments in time order; with `id`, those about that objective or key result (and
    /// its check-ins).
    #[wasm_bindgen(unchecked_return_type = "Comment[]")]
    pub fn comments(&self, id: Option<String>) -> JsResult<JsValue> {
        let all = match id.as_deref() {
            Some(id) => self.inner.comments_about(id).or_throw()?,
            None => self.inner.comments(None),
        };
        let all: Vec<_> = all.iter().map(|c| c.to_json_value()).collect();
        to_js(&all)
    }

    /// Records that a reviewer has seen a check-in: `{key_result, check_in, by, at,
    /// comment?}`. Throws `ForbiddenError` for the check-in's author or someone neither above
    /// its owner nor a named reviewer, `AlreadyDecidedError` the second time.
    pub fn acknowledge(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Acknowledgement")] ack: JsValue,
    ) -> JsResult<()> {
        let a: Acknowledgement = from_js("acknowledgement", &ack)?;
        self.inner.acknowledge(a).or_throw()
    }

    /// The acknowledgements in time order; only those of `keyResult`'s check-ins when given.
    #[wasm_bindgen(unchecked_return_type = "Acknowledgement[]")]
    pub fn acknowledgements(
        &self,
        #[wasm_bindgen(js_name = keyResult)] key_result: Option<String>,
    ) -> JsResult<JsValue> {
        to_js(&self.inner.acknowledgements(key_result.as_deref()))
    }

    /// Closes cycle `cycle`: `{to, at, by?, decisions?, dryRun?}`. Scores at its end are
    /// frozen, each key result closes or is carried into `to` (copies `{id}-{to}` from their
    /// last value), reflections are kept; `decisions` as `okr close-cycle --decisions` reads
    /// them (`{keyResults: {kr: "close" | "carry"}, reflections: {objective: text | {text,
    /// prompts}}}`). `dryRun: true` changes nothing and returns the same report. Returns the
    /// report (camelCase): the record and `closedKeyResults`. Throws `CycleClosedError` for a
    /// closed cycle; nothing changes on an error.
    #[wasm_bindgen(js_name = closeCycle, unchecked_return_type = "CloseReport")]
    pub fn close_cycle(
        &mut self,
        cycle: &str,
        #[wasm_bindgen(unchecked_param_type = "CloseOptions")] options_: JsValue,
    ) -> JsResult<JsValue> {
        if !options_.is_object() || Array::is_array(&options_) {
            return Err(invalid(
                "options",
                "expected an object {to, at, by?, decisions?, dryRun?}",
            ));
        }
        let get = |k: &str| js_sys::Reflect::get(&options_, &JsValue::from_str(k));
        let text = |k: &str| -> JsResult<Option<String>> {
            let v = get(k)?;
            if v.is_undefined() || v.is_null() {
                return Ok(None);
            }
            v.as_string()
                .map(Some)
                .ok_or_else(|| invalid(&format!("options.{k}"), "expected a string"))
        };
        let mut meta = okr_core::Revise::at(change_time("options.at", &get("at")?)?);
        meta.by = text("by")?;
        let to = text("to")?;
        let decisions: CloseDecisions = options("options.decisions", Some(get("decisions")?), &[])?;
        let dry_run = get("dryRun")?.as_bool().unwrap_or(false);
        let report = if dry_run {
            self.inner
                .close_cycle_dry_run(cycle, to.as_deref(), meta, &decisions)
        } else {
            self.inner
                .close_cycle(cycle, to.as_deref(), meta, &decisions)
        }
        .or_throw()?;
        to_js_camel(&report)
    }

    /// The record of a closed cycle (camelCase, as in `closeCycle`'s report without
    /// `closedKeyResults`), or `undefined`.
    #[wasm_bindgen(js_name = closedCycle, unchecked_return_type = "ClosedCycle | undefined")]
    pub fn closed_cycle(&self, cycle: &str) -> JsResult<JsValue> {
        match self.inner.closed_cycle(cycle) {
            Some(c) => to_js_camel(c),
            None => Ok(JsValue::UNDEFINED),
        }
    }
}
