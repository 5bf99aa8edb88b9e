//! Ruff-style lint rules for OKR statements.
//!
//! Every rule has a stable code (`S001`, `M002`, ...), a kebab-case name, a
//! category (one per SMART letter plus `O` outcome-vs-output and `Q` OKR
//! quality/structure), a default severity and documentation available at
//! runtime ([`explain`]). TEXT rules run on a single statement
//! ([`lint_statement`]); STRUCTURE rules run over the OKR graph
//! ([`lint_graph`], which also runs the TEXT rules on every title).
//!
//! Every entry point takes the as-of date: okr-core never reads the clock. A
//! configuration may pin one instead ([`LintConfig::as_of`], see
//! [`LintConfig::as_of_or`]).

pub mod config;
pub mod input;
pub mod registry;
pub mod report;
mod rules;
mod structure;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use config::{LintConfig, Thresholds};
pub use input::{
    LintInputError, LintTextLine, LintTextLines, parse_lint_text_input, parse_lint_text_line,
};
pub use registry::{
    Category, RuleDoc, RuleKind, RuleMeta, explain, rule, rules, rules_markdown_table,
};
pub use report::{ReportDiagnostic, ReportNumber, TextReport, lint_text_report};
pub(crate) use rules::targets_already_reached;
pub use structure::lint_graph;

use crate::text::{Analysis, AnalyzeOptions, analyze};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed.
    Error,
    /// Should be fixed.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Rule code, e.g. `S001`.
    pub code: String,
    /// Effective severity (after config overrides).
    pub severity: Severity,
    /// Human-readable message.
    pub message: String,
    /// Id of the objective or key result the finding is about.
    pub entity: Option<String>,
    /// Byte span into the statement text.
    pub span: Option<(usize, usize)>,
    /// Suggested fix.
    pub help: Option<String>,
}

/// What kind of statement is linted. The default, when the caller does not say, is a
/// stand-alone [`Goal`](StatementKind::Goal).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// An objective: qualitative, inspiring.
    Objective,
    /// A key result: measurable.
    KeyResult,
    /// A stand-alone goal.
    #[default]
    Goal,
}

impl StatementKind {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Objective => "objective",
            StatementKind::KeyResult => "key_result",
            StatementKind::Goal => "goal",
        }
    }
}

impl std::str::FromStr for StatementKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "objective" => Ok(StatementKind::Objective),
            "key_result" => Ok(StatementKind::KeyResult),
            "goal" => Ok(StatementKind::Goal),
            other => Err(other.to_string()),
        }
    }
}

/// Context a statement is linted in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextContext {
    /// Kind of statement.
    pub kind: StatementKind,
    /// Id of the objective / key result, copied into diagnostics.
    pub entity: Option<String>,
    /// The cycle (first day, last day) the entity belongs to, when it has one.
    pub cycle: Option<(NaiveDate, NaiveDate)>,
}

impl TextContext {
    /// A context with no entity and no cycle.
    pub fn new(kind: StatementKind) -> Self {
        Self {
            kind,
            entity: None,
            cycle: None,
        }
    }
}

/// Sort diagnostics deterministically: by span start (spanless first), code, message.
pub fn sort_diagnostics(diags: &mut [Diagnostic]) {
    crate::sort::sort_by(diags, |a, b| {
        (a.span.map(|s| s.0), &a.code, &a.message, a.span).cmp(&(
            b.span.map(|s| s.0),
            &b.code,
            &b.message,
            b.span,
        ))
    });
}

/// Run every enabled TEXT rule on one statement, as of `as_of` (relative
/// deadlines, deadlines in the past) unless `config.today` pins another date
/// ([`LintConfig::as_of_or`]).
pub fn lint_statement(
    text: &str,
    ctx: &TextContext,
    config: &LintConfig,
    as_of: NaiveDate,
) -> Vec<Diagnostic> {
    let opts = analyze_options(config, as_of);
    let analysis = analyze(text, &opts);
    lint_analysis(text, &analysis, opts.as_of, ctx, config)
}

/// The analyser options a lint configuration implies for the caller's date
/// `as_of` (as-of date, fiscal-year start).
pub(crate) fn analyze_options(config: &LintConfig, as_of: NaiveDate) -> AnalyzeOptions {
    AnalyzeOptions {
        as_of: config.as_of_or(as_of),
        fiscal_year_start_month: config.fiscal_year_start_month,
    }
}

/// Run every enabled TEXT rule on a statement already analysed with
/// [`analyze_options`]`(config, _)`, whose reference date is `today`.
pub(crate) fn lint_analysis(
    text: &str,
    analysis: &Analysis,
    as_of: NaiveDate,
    ctx: &TextContext,
    config: &LintConfig,
) -> Vec<Diagnostic> {
    let input = rules::RuleInput {
        text,
        analysis,
        ctx,
        config,
        as_of,
    };
    let mut out = Vec::new();
    for (code, check) in rules::enabled(config, rules::Check::text) {
        out.extend(check(&input).into_iter().map(|f| Diagnostic {
            code: code.to_string(),
            severity: config.severity(code),
            message: f.message,
            entity: ctx.entity.clone(),
            span: f.span,
            help: f.help,
        }));
    }
    sort_diagnostics(&mut out);
    out
}
