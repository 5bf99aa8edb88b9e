//! Lint configuration with ruff-style select / ignore.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Severity;
use super::registry::{rule, rules};
use crate::error::{OkrError, Result};
use crate::format::number;

/// The largest count threshold ([`Thresholds`]' `max_*` and `min_key_results`): a document
/// holds at most a million objectives and owners ([`Limits`](crate::document::Limits)), so a
/// larger threshold could never be reached.
pub const MAX_COUNT: usize = 1_000_000;

/// Numeric thresholds used by rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Q001: longest objective title, in characters.
    pub max_title_len: usize,
    /// A002: largest target / baseline ratio before growth looks unrealistic.
    pub growth_factor: f64,
    /// Q003: most key results per objective.
    pub max_key_results: usize,
    /// Q003: fewest key results per objective.
    pub min_key_results: usize,
    /// Q004: most objectives per owner per cycle.
    pub max_objectives_per_owner: usize,
    /// M004: share of binary key results above which an objective is flagged.
    pub binary_share: f64,
    /// L008: title similarity (Dice coefficient of trigrams, 0 to 1) from which two
    /// objectives of one cycle are near-duplicates.
    pub duplicate_similarity: f64,
    /// L010: days without a check-in after which a key result is stale.
    pub stale_days: u32,
    /// L012: most links on an alignment chain.
    pub max_chain_depth: usize,
    /// L013: most objectives aligned under one objective.
    pub max_children: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            max_title_len: 70,
            growth_factor: 3.0,
            max_key_results: 5,
            min_key_results: 2,
            max_objectives_per_owner: 5,
            binary_share: 0.5,
            duplicate_similarity: 0.85,
            stale_days: 14,
            max_chain_depth: 5,
            max_children: 12,
        }
    }
}

/// Lint configuration. Every field has a default, so `{}` is a valid config.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LintConfig {
    /// Codes or prefixes to enable (`ALL`, `S`, `T00`, `M002`). Default `["ALL"]`.
    pub select: Vec<String>,
    /// Codes or prefixes to disable. The most specific matching entry of
    /// `select`/`ignore` wins; on a tie `ignore` wins.
    pub ignore: Vec<String>,
    /// Severity overrides by code or prefix (most specific wins).
    pub severity: BTreeMap<String, Severity>,
    /// Thresholds.
    pub thresholds: Thresholds,
    /// A pinned as-of date for relative deadlines, past-deadline and check-in
    /// checks (a config file's `as_of`, also read as `today`; the CLI's `--as-of`). When set
    /// it overrides the as-of date the caller passes to the linter; when absent the caller's
    /// date is used ([`LintConfig::as_of_or`]).
    #[serde(alias = "today", deserialize_with = "crate::time::de_opt_date")]
    pub as_of: Option<NaiveDate>,
    /// First month of the fiscal year (1..=12).
    pub fiscal_year_start_month: u32,
}

impl Default for LintConfig {
    fn default() -> Self {
        Self {
            select: vec!["ALL".to_string()],
            ignore: Vec::new(),
            severity: BTreeMap::new(),
            thresholds: Thresholds::default(),
            as_of: None,
            fiscal_year_start_month: 1,
        }
    }
}

/// Specificity of `selector` for `code`: `None` if it does not match.
fn specificity(selector: &str, code: &str) -> Option<usize> {
    let s = selector.trim();
    if s.eq_ignore_ascii_case("ALL") {
        return Some(0);
    }
    let code_up = code.to_ascii_uppercase();
    let sel_up = s.to_ascii_uppercase();
    if !sel_up.is_empty() && code_up.starts_with(&sel_up) {
        Some(sel_up.len())
    } else {
        None
    }
}

fn best(list: &[String], code: &str) -> Option<usize> {
    list.iter().filter_map(|s| specificity(s, code)).max()
}

impl LintConfig {
    /// A default config pinned to the as-of date `as_of`.
    pub fn with_as_of(as_of: NaiveDate) -> Self {
        Self {
            as_of: Some(as_of),
            ..Self::default()
        }
    }

    /// Is the rule `code` enabled? The most specific matching selector wins.
    pub fn is_enabled(&self, code: &str) -> bool {
        match (best(&self.select, code), best(&self.ignore, code)) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(s), Some(i)) => s > i,
        }
    }

    /// Effective severity of `code`: the most specific override, else the
    /// rule's default, else warning for unknown codes.
    pub fn severity(&self, code: &str) -> Severity {
        self.severity
            .iter()
            .filter_map(|(sel, sev)| specificity(sel, code).map(|s| (s, *sev)))
            .max_by_key(|(s, _)| *s)
            .map(|(_, sev)| sev)
            .or_else(|| rule(code).map(|r| r.severity))
            .unwrap_or(Severity::Warning)
    }

    /// Checks every setting, so a typo fails loudly instead of silently linting with the
    /// wrong rules: each `select`, `ignore` and `severity` selector must be `ALL` or a prefix
    /// of at least one rule code; `fiscal_year_start_month` must lie in 1..=12;
    /// `growth_factor` must be finite and > 1; `binary_share` must lie in [0, 1];
    /// `duplicate_similarity` must lie in (0, 1]; the counts (`max_title_len`,
    /// `min_key_results`, `max_key_results`, `max_objectives_per_owner`, `max_chain_depth`,
    /// `max_children`) must lie in 0..=[`MAX_COUNT`], with
    /// `min_key_results <= max_key_results`; `stale_days` is any `u32`, as the rollup's.
    ///
    /// # Errors
    /// [`OkrError::InvalidConfig`] naming the setting and the bad value.
    pub fn validate(&self) -> Result<()> {
        let bad = |field: String, reason: String| Err(OkrError::InvalidConfig { field, reason });
        let lists = [("select", &self.select), ("ignore", &self.ignore)];
        let selectors = lists
            .iter()
            .flat_map(|(field, list)| list.iter().map(move |s| (*field, s)))
            .chain(self.severity.keys().map(|s| ("severity", s)));
        for (field, sel) in selectors {
            if !rules().iter().any(|r| specificity(sel, r.code).is_some()) {
                return bad(
                    field.to_string(),
                    format!("{sel:?} matches no rule code (`okr rules` lists them)"),
                );
            }
        }
        if !(1..=12).contains(&self.fiscal_year_start_month) {
            return bad(
                "fiscal_year_start_month".into(),
                format!(
                    "{} must be a month number 1..=12",
                    self.fiscal_year_start_month
                ),
            );
        }
        let t = &self.thresholds;
        let counts = [
            ("max_title_len", t.max_title_len),
            ("max_key_results", t.max_key_results),
            ("min_key_results", t.min_key_results),
            ("max_objectives_per_owner", t.max_objectives_per_owner),
            ("max_chain_depth", t.max_chain_depth),
            ("max_children", t.max_children),
        ];
        for (name, v) in counts {
            if v > MAX_COUNT {
                return bad(
                    format!("thresholds.{name}"),
                    format!("{v} is out of range: it must be a whole number 0..={MAX_COUNT}"),
                );
            }
        }
        if !t.growth_factor.is_finite() || t.growth_factor <= 1.0 {
            return bad(
                "thresholds.growth_factor".into(),
                format!("{} must be a finite number > 1", number(t.growth_factor)),
            );
        }
        if !(0.0..=1.0).contains(&t.binary_share) {
            return bad(
                "thresholds.binary_share".into(),
                format!("{} must lie in [0, 1]", number(t.binary_share)),
            );
        }
        if !(t.duplicate_similarity > 0.0 && t.duplicate_similarity <= 1.0) {
            return bad(
                "thresholds.duplicate_similarity".into(),
                format!("{} must lie in (0, 1]", number(t.duplicate_similarity)),
            );
        }
        if t.min_key_results > t.max_key_results {
            return bad(
                "thresholds.min_key_results".into(),
                format!(
                    "{} must not exceed max_key_results ({})",
                    t.min_key_results, t.max_key_results
                ),
            );
        }
        Ok(())
    }

    /// The as-of date the rules use: [`as_of`](Self::as_of) when the
    /// configuration pins one, else `as_of`, the caller's date.
    ///
    /// okr-core never reads the clock: every linter entry point
    /// ([`lint_graph`](super::lint_graph), [`lint_statement`](super::lint_statement),
    /// [`lint_text_report`](super::lint_text_report)) takes the caller's as-of
    /// date and resolves it here. A front end that means "now" passes the current
    /// date (the CLI, the Python and the JavaScript bindings do).
    pub fn as_of_or(&self, as_of: NaiveDate) -> NaiveDate {
        self.as_of.unwrap_or(as_of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(select: &[&str], ignore: &[&str]) -> LintConfig {
        LintConfig {
            select: select.iter().map(|s| s.to_string()).collect(),
            ignore: ignore.iter().map(|s| s.to_string()).collect(),
            ..LintConfig::default()
        }
    }

    #[test]
    fn most_specific_wins() {
        let c = cfg(&["ALL"], &["T"]);
        assert!(c.is_enabled("S001"));
        assert!(!c.is_enabled("T001"));
        let c = cfg(&["ALL", "T002"], &["T"]);
        assert!(c.is_enabled("T002"));
        assert!(!c.is_enabled("T001"));
        let c = cfg(&["S"], &[]);
        assert!(!c.is_enabled("M001"));
        let c = cfg(&["S001"], &["S001"]);
        assert!(!c.is_enabled("S001"));
        let c = cfg(&["s0"], &[]);
        assert!(c.is_enabled("S001"));
    }

    #[test]
    fn severity_overrides() {
        let mut c = LintConfig::default();
        assert_eq!(c.severity("M003"), Severity::Info);
        c.severity.insert("M".into(), Severity::Error);
        c.severity.insert("M003".into(), Severity::Warning);
        assert_eq!(c.severity("M001"), Severity::Error);
        assert_eq!(c.severity("M003"), Severity::Warning);
        assert_eq!(c.severity("X999"), Severity::Warning);
    }

    #[test]
    fn validate_names_the_bad_setting() {
        assert!(LintConfig::default().validate().is_ok());
        assert!(cfg(&["all", "s0", "T002"], &["q"]).validate().is_ok());
        let field = |c: LintConfig| match c.validate() {
            Err(OkrError::InvalidConfig { field, reason }) => format!("{field}: {reason}"),
            other => panic!("expected InvalidConfig, got {other:?}"),
        };
        assert!(field(cfg(&["S9"], &[])).starts_with("select: \"S9\" matches no rule"));
        assert!(field(cfg(&["ALL"], &["X"])).starts_with("ignore: \"X\""));
        assert!(field(cfg(&[""], &[])).starts_with("select: \"\""));
        let mut c = LintConfig::default();
        c.severity.insert("Z1".into(), Severity::Error);
        assert!(field(c).starts_with("severity: \"Z1\""));
        for month in [0, 13] {
            let c = LintConfig {
                fiscal_year_start_month: month,
                ..LintConfig::default()
            };
            assert!(field(c).starts_with("fiscal_year_start_month: "));
        }
        for g in [f64::NAN, f64::INFINITY, 1.0, -2.0] {
            let mut c = LintConfig::default();
            c.thresholds.growth_factor = g;
            assert!(field(c).starts_with("thresholds.growth_factor: "));
        }
        let mut c = LintConfig::default();
        c.thresholds.binary_share = f64::NAN;
        assert!(field(c).starts_with("thresholds.binary_share: "));
        for set in [
            |t: &mut Thresholds| t.max_chain_depth = usize::MAX,
            |t: &mut Thresholds| t.max_title_len = MAX_COUNT + 1,
            |t: &mut Thresholds| t.max_key_results = usize::MAX,
            |t: &mut Thresholds| t.max_objectives_per_owner = usize::MAX,
            |t: &mut Thresholds| t.max_children = usize::MAX,
        ] {
            let mut c = LintConfig::default();
            set(&mut c.thresholds);
            let f = field(c);
            assert!(f.starts_with("thresholds.max_"), "{f}");
            assert!(
                f.ends_with("is out of range: it must be a whole number 0..=1000000"),
                "{f}"
            );
        }
        let mut c = LintConfig::default();
        c.thresholds.max_chain_depth = MAX_COUNT;
        c.thresholds.max_title_len = 0;
        assert!(c.validate().is_ok());
        let mut c = LintConfig::default();
        c.thresholds.growth_factor = 1e-300;
        assert_eq!(
            field(c),
            "thresholds.growth_factor: 1e-300 must be a finite number > 1"
        );
        let mut c = LintConfig::default();
        c.thresholds.min_key_results = 6;
        assert!(field(c).starts_with("thresholds.min_key_results: 6 must not exceed"));
    }

    #[test]
    fn pinned_today_overrides_the_callers_date() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
        assert_eq!(LintConfig::default().as_of_or(day(5)), day(5));
        assert_eq!(LintConfig::with_as_of(day(1)).as_of_or(day(5)), day(1));
    }

    #[test]
    fn empty_json_is_default() {
        let c: LintConfig = serde_json::from_str("{}").unwrap();
        assert_eq!(c, LintConfig::default());
        let c: LintConfig = serde_json::from_str(
            r#"{"ignore":["T"],"thresholds":{"max_title_len":50},"today":"2026-10-05"}"#,
        )
        .unwrap();
        assert_eq!(c.thresholds.max_title_len, 50);
        assert_eq!(c.thresholds.growth_factor, 3.0);
        assert!(serde_json::from_str::<LintConfig>(r#"{"bogus":1}"#).is_err());
    }
}
