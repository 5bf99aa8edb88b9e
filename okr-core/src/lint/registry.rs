//! The central code table: every rule, TEXT and STRUCTURE, with its metadata
//! and documentation.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::Severity;
use super::rules as defs;

/// Rule category: one per SMART letter plus outcome and OKR quality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// `S`: names a concrete result.
    Specific,
    /// `M`: states a quantity.
    Measurable,
    /// `A`: realistic target.
    Achievable,
    /// `R`: aligned with something bigger.
    Relevant,
    /// `T`: has a deadline.
    TimeBound,
    /// `O`: outcome rather than output.
    Outcome,
    /// `Q`: OKR quality and structure.
    Quality,
    /// `L`: alignment of the objective graph (cascade, states, cycles, check-in discipline).
    Alignment,
}

impl Category {
    /// The code prefix letter.
    pub fn prefix(self) -> char {
        match self {
            Category::Specific => 'S',
            Category::Measurable => 'M',
            Category::Achievable => 'A',
            Category::Relevant => 'R',
            Category::TimeBound => 'T',
            Category::Outcome => 'O',
            Category::Quality => 'Q',
            Category::Alignment => 'L',
        }
    }
}

/// Whether a rule looks at one statement or at the OKR graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// Runs on a single statement's text ([`crate::lint::lint_statement`]).
    Text,
    /// Runs over objectives, key results, owners and check-ins ([`crate::lint::lint_graph`]).
    Structure,
}

/// One row of the code table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RuleMeta {
    /// Stable code, e.g. `S001`.
    pub code: &'static str,
    /// Kebab-case name.
    pub name: &'static str,
    /// Category.
    pub category: Category,
    /// Default severity.
    pub severity: Severity,
    /// Text or structure rule.
    pub kind: RuleKind,
    /// Full documentation (Markdown, from the rule's doc comment).
    #[serde(skip)]
    pub doc: &'static str,
}

/// Parsed documentation of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleDoc {
    /// Code.
    pub code: &'static str,
    /// Name.
    pub name: &'static str,
    /// `## What it does` section.
    pub what_it_does: String,
    /// `## Why is this bad?` section.
    pub why_is_this_bad: String,
    /// `## Example` section.
    pub example: String,
    /// `## Use instead` section.
    pub use_instead: String,
    /// The whole documentation as Markdown.
    pub markdown: String,
}

impl RuleDoc {
    /// First sentence of "What it does".
    pub fn summary(&self) -> String {
        let flat = self
            .what_it_does
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match flat.find(". ") {
            Some(i) => flat[..=i].to_string(),
            None => flat,
        }
    }
}

macro_rules! row {
    ($code:literal, $name:literal, $cat:ident, $sev:ident, $kind:ident, $ty:path) => {
        RuleMeta {
            code: $code,
            name: $name,
            category: Category::$cat,
            severity: Severity::$sev,
            kind: RuleKind::$kind,
            doc: <$ty>::DOC,
        }
    };
}

static RULES: &[RuleMeta] = &[
    row!(
        "S001",
        "vague-statement",
        Specific,
        Warning,
        Text,
        defs::s001_vague_statement::VagueStatement
    ),
    row!(
        "S002",
        "compound-goal",
        Specific,
        Warning,
        Text,
        defs::s002_compound_goal::CompoundGoal
    ),
    row!(
        "M001",
        "missing-quantity",
        Measurable,
        Warning,
        Text,
        defs::m001_missing_quantity::MissingQuantity
    ),
    row!(
        "M002",
        "quantity-without-metric",
        Measurable,
        Warning,
        Text,
        defs::m002_quantity_without_metric::QuantityWithoutMetric
    ),
    row!(
        "M003",
        "relative-change-without-baseline",
        Measurable,
        Info,
        Text,
        defs::m003_relative_change_without_baseline::RelativeChangeWithoutBaseline
    ),
    row!(
        "M004",
        "mostly-binary-key-results",
        Measurable,
        Warning,
        Structure,
        defs::m004_mostly_binary_key_results::MostlyBinaryKeyResults
    ),
    row!(
        "A001",
        "target-already-reached",
        Achievable,
        Warning,
        Structure,
        defs::a001_target_already_reached::TargetAlreadyReached
    ),
    row!(
        "A002",
        "unrealistic-growth",
        Achievable,
        Warning,
        Structure,
        defs::a002_unrealistic_growth::UnrealisticGrowth
    ),
    row!(
        "R001",
        "unaligned-objective",
        Relevant,
        Info,
        Structure,
        defs::r001_unaligned_objective::UnalignedObjective
    ),
    row!(
        "T001",
        "missing-deadline",
        TimeBound,
        Warning,
        Text,
        defs::t001_missing_deadline::MissingDeadline
    ),
    row!(
        "T002",
        "vague-time-word",
        TimeBound,
        Warning,
        Text,
        defs::t002_vague_time_word::VagueTimeWord
    ),
    row!(
        "T003",
        "deadline-outside-cycle",
        TimeBound,
        Warning,
        Text,
        defs::t003_deadline_outside_cycle::DeadlineOutsideCycle
    ),
    row!(
        "T004",
        "deadline-in-past",
        TimeBound,
        Warning,
        Text,
        defs::t004_deadline_in_past::DeadlineInPast
    ),
    row!(
        "O001",
        "activity-not-outcome",
        Outcome,
        Warning,
        Text,
        defs::o001_activity_not_outcome::ActivityNotOutcome
    ),
    row!(
        "Q001",
        "objective-title-too-long",
        Quality,
        Info,
        Text,
        defs::q001_objective_title_too_long::ObjectiveTitleTooLong
    ),
    row!(
        "Q002",
        "objective-without-key-results",
        Quality,
        Error,
        Structure,
        defs::q002_objective_without_key_results::ObjectiveWithoutKeyResults
    ),
    row!(
        "Q003",
        "key-result-count",
        Quality,
        Warning,
        Structure,
        defs::q003_key_result_count::KeyResultCount
    ),
    row!(
        "Q004",
        "too-many-objectives",
        Quality,
        Warning,
        Structure,
        defs::q004_too_many_objectives::TooManyObjectives
    ),
    row!(
        "L001",
        "orphan-objective",
        Alignment,
        Warning,
        Structure,
        defs::l001_orphan_objective::OrphanObjective
    ),
    row!(
        "L002",
        "cycle-outside-parent",
        Alignment,
        Warning,
        Structure,
        defs::l002_cycle_outside_parent::CycleOutsideParent
    ),
    row!(
        "L003",
        "cross-functional-alignment",
        Alignment,
        Info,
        Structure,
        defs::l003_cross_functional_alignment::CrossFunctionalAlignment
    ),
    row!(
        "L004",
        "skip-level-alignment",
        Alignment,
        Info,
        Structure,
        defs::l004_skip_level_alignment::SkipLevelAlignment
    ),
    row!(
        "L005",
        "nothing-counts",
        Alignment,
        Warning,
        Structure,
        defs::l005_nothing_counts::NothingCounts
    ),
    row!(
        "L006",
        "inactive-child",
        Alignment,
        Info,
        Structure,
        defs::l006_inactive_child::InactiveChild
    ),
    row!(
        "L007",
        "active-child-of-closed",
        Alignment,
        Warning,
        Structure,
        defs::l007_active_child_of_closed::ActiveChildOfClosed
    ),
    row!(
        "L008",
        "near-duplicate-objectives",
        Alignment,
        Warning,
        Structure,
        defs::l008_near_duplicate_objectives::NearDuplicateObjectives
    ),
    row!(
        "L009",
        "conflicting-key-results",
        Alignment,
        Warning,
        Structure,
        defs::l009_conflicting_key_results::ConflictingKeyResults
    ),
    row!(
        "L010",
        "stale-key-result",
        Alignment,
        Warning,
        Structure,
        defs::l010_stale_key_result::StaleKeyResult
    ),
    row!(
        "L011",
        "no-check-in-by-mid-cycle",
        Alignment,
        Warning,
        Structure,
        defs::l011_no_check_in_by_mid_cycle::NoCheckInByMidCycle
    ),
    row!(
        "L012",
        "chain-too-deep",
        Alignment,
        Warning,
        Structure,
        defs::l012_chain_too_deep::ChainTooDeep
    ),
    row!(
        "L013",
        "too-many-children",
        Alignment,
        Warning,
        Structure,
        defs::l013_too_many_children::TooManyChildren
    ),
];

/// Every rule, in code-table order.
pub fn rules() -> &'static [RuleMeta] {
    RULES
}

/// Metadata of one rule by code (case-insensitive).
pub fn rule(code: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code.trim()))
}

fn clean(doc: &str) -> String {
    doc.lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

fn section(md: &str, title: &str) -> String {
    let mut out = Vec::new();
    let mut inside = false;
    let mut fence = false;
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            fence = !fence;
        }
        if !fence && line.starts_with("## ") {
            inside = line[3..].trim() == title;
            continue;
        }
        if inside {
            out.push(line);
        }
    }
    out.join("\n").trim().to_string()
}

fn docs() -> &'static [RuleDoc] {
    static DOCS: OnceLock<Vec<RuleDoc>> = OnceLock::new();
    DOCS.get_or_init(|| {
        RULES
            .iter()
            .map(|r| {
                let md = clean(r.doc);
                RuleDoc {
                    code: r.code,
                    name: r.name,
                    what_it_does: section(&md, "What it does"),
                    why_is_this_bad: section(&md, "Why is this bad?"),
                    example: section(&md, "Example"),
                    use_instead: section(&md, "Use instead"),
                    markdown: md,
                }
            })
            .collect()
    })
}

/// Documentation of a rule by code or name.
pub fn explain(code: &str) -> Option<&'static RuleDoc> {
    let c = code.trim();
    docs()
        .iter()
        .find(|d| d.code.eq_ignore_ascii_case(c) || d.name.eq_ignore_ascii_case(c))
}

/// A Markdown table of every rule (code, name, severity, summary) for the README.
pub fn rules_markdown_table() -> String {
    let mut s = String::from(
        "| Code | Name | Severity | Kind | Summary |\n| --- | --- | --- | --- | --- |\n",
    );
    for (r, d) in RULES.iter().zip(docs()) {
        let kind = match r.kind {
            RuleKind::Text => "text",
            RuleKind::Structure => "structure",
        };
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            r.code,
            r.name,
            r.severity,
            kind,
            d.summary().replace('|', "\\|")
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        let mut seen = std::collections::HashSet::new();
        for r in rules() {
            assert!(seen.insert(r.code), "duplicate {}", r.code);
            assert_eq!(
                r.code.chars().next(),
                Some(r.category.prefix()),
                "{}",
                r.code
            );
            assert_eq!(r.code.len(), 4);
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.name
            );
            let d = explain(r.code).unwrap();
            for (sec, body) in [
                ("What it does", &d.what_it_does),
                ("Why is this bad?", &d.why_is_this_bad),
                ("Example", &d.example),
                ("Use instead", &d.use_instead),
            ] {
                assert!(!body.is_empty(), "{} lacks {sec}", r.code);
            }
        }
        for r in rules().iter().filter(|r| r.kind == RuleKind::Text) {
            assert!(
                defs::TEXT_CHECKS.iter().any(|(c, _)| c == &r.code),
                "{} has no check",
                r.code
            );
        }
        assert_eq!(
            defs::TEXT_CHECKS.len(),
            rules().iter().filter(|r| r.kind == RuleKind::Text).count()
        );
        assert_eq!(explain("vague-statement").unwrap().code, "S001");
        assert!(explain("Z999").is_none());
    }
}
