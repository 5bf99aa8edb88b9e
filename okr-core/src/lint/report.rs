//! JSON report for one statement (`lint-text`).

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::{LintConfig, Severity, StatementKind, TextContext, analyze_options, lint_analysis};
use crate::text::analyze;

/// A number as written: integral values serialize as JSON integers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReportNumber(pub f64);

impl Serialize for ReportNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
            s.serialize_i64(v as i64)
        } else {
            s.serialize_f64(v)
        }
    }
}

/// A diagnostic as shown in the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportDiagnostic {
    /// Rule code.
    pub code: String,
    /// Severity.
    pub severity: Severity,
    /// Message.
    pub message: String,
    /// `[start, end]` byte span or null.
    pub span: Option<(usize, usize)>,
    /// Fix suggestion or null.
    pub help: Option<String>,
}

/// Lint report of one statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextReport {
    /// The statement.
    pub text: String,
    /// Its kind.
    pub kind: StatementKind,
    /// Names a concrete result.
    pub specific: bool,
    /// States a quantity.
    pub measurable: bool,
    /// States a deadline or window.
    pub time_bound: bool,
    /// Outcome rather than activity; null for objectives.
    pub outcome: Option<bool>,
    /// Target value.
    pub target: Option<ReportNumber>,
    /// Baseline value.
    pub baseline: Option<ReportNumber>,
    /// Deadline as `YYYY-MM-DD`.
    pub deadline: Option<String>,
    /// Diagnostics, sorted.
    pub diagnostics: Vec<ReportDiagnostic>,
}

/// Analyse and lint one statement with no entity and no cycle, as of `as_of`
/// unless `config.today` pins another date ([`LintConfig::as_of_or`]).
pub fn lint_text_report(
    text: &str,
    kind: StatementKind,
    config: &LintConfig,
    as_of: NaiveDate,
) -> TextReport {
    let opts = analyze_options(config, as_of);
    let a = analyze(text, &opts);
    let ctx = TextContext::new(kind);
    let diagnostics = lint_analysis(text, &a, opts.as_of, &ctx, config)
        .into_iter()
        .map(|d| ReportDiagnostic {
            code: d.code,
            severity: d.severity,
            message: d.message,
            span: d.span,
            help: d.help,
        })
        .collect();
    TextReport {
        text: text.to_string(),
        kind,
        specific: a.specific,
        measurable: a.measurable,
        time_bound: a.time_bound,
        outcome: (kind != StatementKind::Objective).then_some(a.outcome),
        target: a.target.as_ref().map(|q| ReportNumber(q.value)),
        baseline: a.baseline.as_ref().map(|q| ReportNumber(q.value)),
        deadline: a.deadline.as_ref().map(|d| d.date.to_string()),
        diagnostics,
    }
}
