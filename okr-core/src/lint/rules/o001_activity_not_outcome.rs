//! `O001` activity-not-outcome: a TEXT rule.

use super::{Finding, RuleInput};
use crate::lint::StatementKind;

declare_rule! {
    /// ## What it does
    /// Flags key results and goals whose main verb names an activity or an
    /// output (`launch`, `build`, `write`, `host`, `migrate`, `roll out`, ...)
    /// instead of an outcome.
    ///
    /// ## Complexity
    /// Linear in the statement: it reads what the statement's analysis found (the analysis
    /// is made once per statement for every text rule).
    ///
    /// ## Why is this bad?
    /// Finishing a task says nothing about whether it made a difference; a key
    /// result should measure the change the work is meant to cause.
    ///
    /// ## Example
    /// ```text
    /// Launch the new onboarding flow by November 15
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Raise week-1 activation from 35% to 50% by December 31
    /// ```
    pub struct ActivityNotOutcome;
}

/// An outcome phrasing for an activity verb and its object.
pub(crate) fn suggestion(verb: &str, object: &str) -> String {
    let v = verb.to_lowercase();
    let first = v.split_whitespace().next().unwrap_or("");
    let stem = first
        .trim_end_matches("ing")
        .trim_end_matches("ed")
        .trim_end_matches('s');
    let o = object;
    match stem {
        "launch" | "releas" | "release" | "ship" | "deploy" | "roll" | "introduc" | "introduce"
        | "announc" => {
            format!("Reach <N> weekly active users of {o} by <date>")
        }
        "build" | "creat" | "create" | "implement" | "develop" | "design" | "set" | "prototyp"
        | "pilot" => {
            format!("Get <N>% of target users using {o} every week by <date>")
        }
        "writ" | "write" | "publish" | "post" | "produc" | "produce" | "record" | "film" => {
            format!("Generate <N> qualified leads (or readers) from {o} by <date>")
        }
        "host" | "hold" | "organiz" | "organize" | "organis" | "run" | "conduct" | "attend"
        | "schedul" => {
            format!(
                "Turn {o} into a result: e.g. raise attendee satisfaction to <N>/5 or convert <N> attendees into pipeline by <date>"
            )
        }
        "migrat" | "migrate" | "mov" | "move" | "upgrad" | "replac" | "integrat" | "automat"
        | "refactor" => {
            format!("Cut the cost, latency or error rate of {o} from <now> to <target> by <date>")
        }
        "tak" | "take" | "learn" | "study" | "train" | "read" | "enroll" => {
            format!(
                "Name the skill result of {o}: raise <score or metric> from <now> to <target> by <date>"
            )
        }
        _ => format!(
            "State the result {v} {o} should cause, e.g. \"Increase <metric> from <now> to <target> by <date>\""
        ),
    }
}

pub(crate) fn check(input: &RuleInput<'_>) -> Vec<Finding> {
    if input.ctx.kind == StatementKind::Objective {
        return Vec::new();
    }
    let a = input.analysis;
    let Some(v) = &a.activity_verb else {
        return Vec::new();
    };
    let object = a
        .object
        .as_ref()
        .map(|o| format!("\"{}\"", o.text))
        .unwrap_or_else(|| "the work".into());
    vec![Finding {
        message: format!("\"{}\" describes an activity, not an outcome", v.text),
        span: Some(v.span),
        help: Some(suggestion(&v.text, &object)),
    }]
}
