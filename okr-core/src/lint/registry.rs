//! The registry: every rule, TEXT and STRUCTURE, with its metadata and
//! documentation, as the front ends list and explain them. The rows come from
//! the codes table in `rules/mod.rs`, the one place a rule is declared.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::Severity;
use super::rules::RULES;

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

    /// The category a code's letter prefix names (`S001` is [`Category::Specific`]).
    pub(crate) const fn of_code(code: &str) -> Option<Category> {
        match code.as_bytes() {
            [b'S', ..] => Some(Category::Specific),
            [b'M', ..] => Some(Category::Measurable),
            [b'A', ..] => Some(Category::Achievable),
            [b'R', ..] => Some(Category::Relevant),
            [b'T', ..] => Some(Category::TimeBound),
            [b'O', ..] => Some(Category::Outcome),
            [b'Q', ..] => Some(Category::Quality),
            [b'L', ..] => Some(Category::Alignment),
            _ => None,
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

/// One row of the codes table.
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
    use crate::lint::rules::{CHECKS, MODULES};

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
        // The codes table also yields the checks and module names, in the same order.
        assert_eq!(CHECKS.len(), rules().len());
        assert_eq!(MODULES.len(), rules().len());
        for ((r, (code, _)), (m_code, module)) in rules().iter().zip(CHECKS).zip(MODULES) {
            assert_eq!((r.code, r.code), (*code, *m_code));
            assert_eq!(
                *module,
                format!(
                    "{}_{}",
                    r.code.to_ascii_lowercase(),
                    r.name.replace('-', "_")
                ),
                "{}: the module is named after the code and the name",
                r.code
            );
        }
        assert_eq!(explain("vague-statement").unwrap().code, "S001");
        assert!(explain("Z999").is_none());
    }
}
