//! One file per rule, declared once in the codes table below (`codes!`).
//! Every rule file carries the rule's documentation (`declare_rule!`) and a
//! `check` function: TEXT rules check one statement ([`RuleInput`]),
//! STRUCTURE rules check the whole OKR graph ([`GraphInput`]). The modules are
//! private: the public face of a rule is its row in the registry
//! ([`crate::lint::rules`], [`crate::lint::explain`]).

use chrono::{DateTime, NaiveDate, Utc};

use super::registry::{Category, RuleKind, RuleMeta};
use super::{LintConfig, Severity, TextContext};
use crate::OkrGraph;
use crate::model::{CheckInValue, KeyResult};
use crate::text::{Analysis, Span};

/// Declare a rule type whose doc comment is available at runtime, as the
/// type's `DOC` and as the module's `DOC` (which the codes table reads).
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])+ $vis:vis struct $name:ident;) => {
        $(#[doc = $doc])+
        #[derive(Debug, Clone, Copy, Default)]
        $vis struct $name;
        impl $name {
            /// The rule's documentation, as written in its doc comment.
            pub const DOC: &'static str = concat!($($doc, "\n"),+);
        }
        /// The rule's documentation (the codes table's `doc`).
        pub(super) const DOC: &str = <$name>::DOC;
    };
}

/// The codes table: one line declares a rule, with its code, kind (`Text` or
/// `Structure`), default severity, kebab-case name and module (the file
/// `rules/<module>.rs`, whose `DOC` and `check` the table reads). The category
/// comes from the code's letter prefix ([`Category::of_code`]). The expansion
/// declares the modules, [`RULES`] (the metadata the registry serves) and
/// [`CHECKS`] (what the runners call).
macro_rules! codes {
    ($($code:literal: $kind:ident, $severity:ident, $name:literal, $module:ident;)+) => {
        $(mod $module;)+

        /// Every rule's metadata, in code-table order.
        pub(super) static RULES: &[RuleMeta] = &[$(
            RuleMeta {
                code: $code,
                name: $name,
                category: match Category::of_code($code) {
                    Some(c) => c,
                    None => panic!(concat!($code, ": no category has this prefix")),
                },
                severity: Severity::$severity,
                kind: RuleKind::$kind,
                doc: $module::DOC,
            },
        )+];

        /// Every rule's check by code, in code-table order.
        pub(super) static CHECKS: &[(&str, Check)] = &[$(($code, Check::$kind($module::check)),)+];

        /// Every rule's module name by code, in code-table order.
        #[cfg(test)]
        pub(super) static MODULES: &[(&str, &str)] = &[$(($code, stringify!($module)),)+];
    };
}

codes! {
    // code kind       severity name                                module
    "S001": Text,      Warning, "vague-statement",                  s001_vague_statement;
    "S002": Text,      Warning, "compound-goal",                    s002_compound_goal;
    "M001": Text,      Warning, "missing-quantity",                 m001_missing_quantity;
    "M002": Text,      Warning, "quantity-without-metric",          m002_quantity_without_metric;
    "M003": Text,      Info,    "relative-change-without-baseline", m003_relative_change_without_baseline;
    "M004": Structure, Warning, "mostly-binary-key-results",        m004_mostly_binary_key_results;
    "A001": Structure, Warning, "target-already-reached",           a001_target_already_reached;
    "A002": Structure, Warning, "unrealistic-growth",               a002_unrealistic_growth;
    "R001": Structure, Info,    "unaligned-objective",              r001_unaligned_objective;
    "T001": Text,      Warning, "missing-deadline",                 t001_missing_deadline;
    "T002": Text,      Warning, "vague-time-word",                  t002_vague_time_word;
    "T003": Text,      Warning, "deadline-outside-cycle",           t003_deadline_outside_cycle;
    "T004": Text,      Warning, "deadline-in-past",                 t004_deadline_in_past;
    "O001": Text,      Warning, "activity-not-outcome",             o001_activity_not_outcome;
    "Q001": Text,      Info,    "objective-title-too-long",         q001_objective_title_too_long;
    "Q002": Structure, Error,   "objective-without-key-results",    q002_objective_without_key_results;
    "Q003": Structure, Warning, "key-result-count",                 q003_key_result_count;
    "Q004": Structure, Warning, "too-many-objectives",              q004_too_many_objectives;
    "L001": Structure, Warning, "orphan-objective",                 l001_orphan_objective;
    "L002": Structure, Warning, "cycle-outside-parent",             l002_cycle_outside_parent;
    "L003": Structure, Info,    "cross-functional-alignment",       l003_cross_functional_alignment;
    "L004": Structure, Info,    "skip-level-alignment",             l004_skip_level_alignment;
    "L005": Structure, Warning, "nothing-counts",                   l005_nothing_counts;
    "L006": Structure, Info,    "inactive-child",                   l006_inactive_child;
    "L007": Structure, Warning, "active-child-of-closed",           l007_active_child_of_closed;
    "L008": Structure, Warning, "near-duplicate-objectives",        l008_near_duplicate_objectives;
    "L009": Structure, Warning, "conflicting-key-results",          l009_conflicting_key_results;
    "L010": Structure, Warning, "stale-key-result",                 l010_stale_key_result;
    "L011": Structure, Warning, "no-check-in-by-mid-cycle",         l011_no_check_in_by_mid_cycle;
    "L012": Structure, Warning, "chain-too-deep",                   l012_chain_too_deep;
    "L013": Structure, Warning, "too-many-children",                l013_too_many_children;
    "L014": Structure, Warning, "dependency-on-later-cycle",        l014_dependency_on_later_cycle;
    "L015": Structure, Warning, "public-under-non-public",          l015_public_under_non_public;
}

pub(crate) use a001_target_already_reached::targets_already_reached;

#[cfg(test)]
mod testing;

/// A rule's check function, by kind.
#[derive(Clone, Copy)]
pub(super) enum Check {
    /// A TEXT rule: one statement.
    Text(CheckFn),
    /// A STRUCTURE rule: the whole OKR graph.
    Structure(StructureCheckFn),
}

impl Check {
    /// The check of a TEXT rule.
    pub(super) fn text(&self) -> Option<CheckFn> {
        match self {
            Check::Text(f) => Some(*f),
            Check::Structure(_) => None,
        }
    }

    /// The check of a STRUCTURE rule.
    pub(super) fn structure(&self) -> Option<StructureCheckFn> {
        match self {
            Check::Structure(f) => Some(*f),
            Check::Text(_) => None,
        }
    }
}

/// The checks of one kind (`pick`: [`Check::text`] or [`Check::structure`]) of
/// the rules `config` enables, by code, in code-table order.
pub(super) fn enabled<F: 'static>(
    config: &LintConfig,
    pick: fn(&Check) -> Option<F>,
) -> impl Iterator<Item = (&'static str, F)> + '_ {
    CHECKS
        .iter()
        .filter(|(code, _)| config.is_enabled(code))
        .filter_map(move |(code, check)| Some((*code, pick(check)?)))
}

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
    pub as_of: NaiveDate,
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

/// Everything a STRUCTURE rule may look at.
pub struct GraphInput<'a> {
    /// The OKR graph.
    pub graph: &'a OkrGraph,
    /// Configuration (thresholds).
    pub config: &'a LintConfig,
    /// As-of date: check-ins after the end of this day are ignored.
    pub as_of: NaiveDate,
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

/// Number of objectives aligned under `objective` that count in its progress:
/// its rollup mode counts children, the link contributes with a weight above 0
/// and the child is active or closed.
pub(crate) fn counting_children(graph: &OkrGraph, objective: &str) -> usize {
    let Some(o) = graph.objective(objective) else {
        return 0;
    };
    if !o.rollup.counts_children() {
        return 0;
    }
    graph
        .child_links(objective)
        .into_iter()
        .filter(|l| l.kind.counts() && l.weight > 0.0)
        .filter(|l| graph.objective(l.id).is_some_and(|c| c.state.counts()))
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
    as_of: NaiveDate,
) -> Vec<(DateTime<Utc>, f64)> {
    graph
        .check_ins(kr)
        .iter()
        .filter(|c| c.at.date_naive() <= as_of)
        .filter_map(|c| match c.value {
            CheckInValue::Value(v) => Some((c.at, v)),
            _ => None,
        })
        .collect()
}

/// A number for messages: at most two decimals from 0.01 up (integers without any), else
/// [`number`](crate::format::number)'s shortest form (`1e-300`, `1.5e300`).
pub(crate) fn num(v: f64) -> String {
    let a = v.abs();
    if v.fract() == 0.0 && a < 1e15 {
        format!("{}", v as i64)
    } else if (0.01..1e15).contains(&a) {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        crate::format::number(v)
    }
}
