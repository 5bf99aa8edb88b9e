//! One file per rule. Every rule file carries the rule's documentation and a
//! `check` function: TEXT rules check one statement ([`RuleInput`]),
//! STRUCTURE rules check the whole OKR graph ([`GraphInput`]).

use chrono::{DateTime, NaiveDate, Utc};

use super::{LintConfig, TextContext};
use crate::OkrGraph;
use crate::model::{CheckInValue, KeyResult};
use crate::text::{Analysis, Span};

/// Declare a rule type whose doc comment is available at runtime as `DOC`.
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])+ $vis:vis struct $name:ident;) => {
        $(#[doc = $doc])+
        #[derive(Debug, Clone, Copy, Default)]
        $vis struct $name;
        impl $name {
            /// The rule's documentation, as written in its doc comment.
            pub const DOC: &'static str = concat!($($doc, "\n"),+);
        }
    };
}

pub mod a001_target_already_reached;
pub mod a002_unrealistic_growth;
pub mod l001_orphan_objective;
pub mod l002_cycle_outside_parent;
pub mod l003_cross_functional_alignment;
pub mod l004_skip_level_alignment;
pub mod l005_nothing_counts;
pub mod l006_inactive_child;
pub mod l007_active_child_of_closed;
pub mod l008_near_duplicate_objectives;
pub mod l009_conflicting_key_results;
pub mod l010_stale_key_result;
pub mod l011_no_check_in_by_mid_cycle;
pub mod l012_chain_too_deep;
pub mod l013_too_many_children;
pub mod m001_missing_quantity;
pub mod m002_quantity_without_metric;
pub mod m003_relative_change_without_baseline;
pub mod m004_mostly_binary_key_results;
pub mod o001_activity_not_outcome;
pub mod q001_objective_title_too_long;
pub mod q002_objective_without_key_results;
pub mod q003_key_result_count;
pub mod q004_too_many_objectives;
pub mod r001_unaligned_objective;
pub mod s001_vague_statement;
pub mod s002_compound_goal;
pub mod t001_missing_deadline;
pub mod t002_vague_time_word;
pub mod t003_deadline_outside_cycle;
pub mod t004_deadline_in_past;

/// Everything a TEXT rule may look at.
pub struct RuleInput<'a> {
    /// The statement.
    pub text: &'a str,
    /// Its analysis.
    pub analysis: &'a Analysis,
    /// Kind, entity and cycle.
    pub ctx: &'a TextContext,
    /// Configuration (thresholds).
    pub config: &'a LintConfig,
    /// As-of date.
    pub today: NaiveDate,
}

/// What a rule reports; code and severity are added by the runner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Message.
    pub message: String,
    /// Byte span.
    pub span: Option<Span>,
    /// Fix suggestion.
    pub help: Option<String>,
}

/// A TEXT rule's check function.
pub type CheckFn = fn(&RuleInput<'_>) -> Vec<Finding>;

/// Every TEXT rule's check, by code.
pub static TEXT_CHECKS: &[(&str, CheckFn)] = &[
    ("S001", s001_vague_statement::check),
    ("S002", s002_compound_goal::check),
    ("M001", m001_missing_quantity::check),
    ("M002", m002_quantity_without_metric::check),
    ("M003", m003_relative_change_without_baseline::check),
    ("T001", t001_missing_deadline::check),
    ("T002", t002_vague_time_word::check),
    ("T003", t003_deadline_outside_cycle::check),
    ("T004", t004_deadline_in_past::check),
    ("O001", o001_activity_not_outcome::check),
    ("Q001", q001_objective_title_too_long::check),
];

/// Everything a STRUCTURE rule may look at.
pub struct GraphInput<'a> {
    /// The OKR graph.
    pub graph: &'a OkrGraph,
    /// Configuration (thresholds).
    pub config: &'a LintConfig,
    /// As-of date: check-ins after the end of this day are ignored.
    pub today: NaiveDate,
}

/// What a STRUCTURE rule reports; code and severity are added by the runner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructureFinding {
    /// Id of the objective or key result the finding is about.
    pub entity: String,
    /// Message.
    pub message: String,
    /// Fix suggestion.
    pub help: Option<String>,
}

/// A STRUCTURE rule's check function.
pub type StructureCheckFn = fn(&GraphInput<'_>) -> Vec<StructureFinding>;

/// Every STRUCTURE rule's check, by code.
pub static STRUCTURE_CHECKS: &[(&str, StructureCheckFn)] = &[
    ("M004", m004_mostly_binary_key_results::check),
    ("A001", a001_target_already_reached::check),
    ("A002", a002_unrealistic_growth::check),
    ("R001", r001_unaligned_objective::check),
    ("Q002", q002_objective_without_key_results::check),
    ("Q003", q003_key_result_count::check),
    ("Q004", q004_too_many_objectives::check),
    ("L001", l001_orphan_objective::check),
    ("L002", l002_cycle_outside_parent::check),
    ("L003", l003_cross_functional_alignment::check),
    ("L004", l004_skip_level_alignment::check),
    ("L005", l005_nothing_counts::check),
    ("L006", l006_inactive_child::check),
    ("L007", l007_active_child_of_closed::check),
    ("L008", l008_near_duplicate_objectives::check),
    ("L009", l009_conflicting_key_results::check),
    ("L010", l010_stale_key_result::check),
    ("L011", l011_no_check_in_by_mid_cycle::check),
    ("L012", l012_chain_too_deep::check),
    ("L013", l013_too_many_children::check),
];

/// Number of objectives aligned under `objective` that count in its progress:
/// its rollup mode counts children, the link weight is above 0 and the child
/// is active or closed.
pub(crate) fn counting_children(graph: &OkrGraph, objective: &str) -> usize {
    let Some(o) = graph.objective(objective) else {
        return 0;
    };
    if !o.rollup.counts_children() {
        return 0;
    }
    graph
        .children_of(objective)
        .into_iter()
        .filter(|(id, w)| *w > 0.0 && graph.objective(id).is_some_and(|c| c.state.counts()))
        .count()
}

/// The period of a key result: its objective's cycle, ending at the due date
/// when one is set (as in the rollup).
pub(crate) fn kr_period(graph: &OkrGraph, kr: &KeyResult) -> Option<(NaiveDate, NaiveDate)> {
    let o = graph.objective(&kr.objective)?;
    let c = graph.cycle(&o.cycle)?;
    Some((c.start, kr.due.unwrap_or(c.end)))
}

/// The value check-ins of a key result made up to the end of `today`, oldest first.
pub(crate) fn value_check_ins(
    graph: &OkrGraph,
    kr: &str,
    today: NaiveDate,
) -> Vec<(DateTime<Utc>, f64)> {
    graph
        .check_ins(kr)
        .iter()
        .filter(|c| c.at.date_naive() <= today)
        .filter_map(|c| match c.value {
            CheckInValue::Value(v) => Some((c.at, v)),
            _ => None,
        })
        .collect()
}

/// A number for messages: integers without decimals, else at most two decimals.
pub(crate) fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
