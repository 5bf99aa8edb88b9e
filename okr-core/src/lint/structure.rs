//! The structure runner: TEXT rules on every title of the OKR graph plus the
//! STRUCTURE rules, in document order ([`lint_graph`]).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::rules::{self, GraphInput};
use super::{Diagnostic, LintConfig, StatementKind, TextContext, lint_statement};
use crate::OkrGraph;

/// Lint a whole OKR graph as of `as_of`, unless `config.today` pins another
/// date ([`LintConfig::as_of_or`]), as it stood at the end of that day
/// ([`OkrGraph::at`]): its titles, measures, links, states and owners then,
/// and the objectives and key results that existed then.
///
/// - TEXT rules run on every objective title (kind `objective`) and key result
///   title (kind `key_result`), with the entity id and the objective's cycle
///   `(start, end)` as context.
/// - STRUCTURE rules run over objectives, key results, owners and check-ins
///   (check-ins after the as-of date are ignored).
/// - Draft and abandoned objectives, and their key results, are linted like
///   active ones: a draft is exactly when feedback is most useful, and an
///   abandoned objective is kept in the document for its history. Only `Q004`
///   leaves abandoned objectives out of its count.
/// - Order is deterministic: by document order of the entity (each objective
///   followed by its key results, in insertion order), then by code, then in
///   the order the rule reported them.
///
/// # Complexity
/// The statement analysis of every title (linear in its length), each enabled STRUCTURE
/// rule's own (each rule's documentation says it: linear or n log n in the graph, but
/// `L008`'s comparisons of long titles and what `L009` searches in a graph with many
/// parents), and O(D log D) to order the D diagnostics; at a past time, plus
/// building that state the first time: see [`OkrGraph::at`].
pub fn lint_graph(graph: &OkrGraph, config: &LintConfig, as_of: NaiveDate) -> Vec<Diagnostic> {
    let as_of = config.as_of_or(as_of);
    let at = graph.at(as_of);
    let graph: &OkrGraph = &at;
    let mut position: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut out = Vec::new();
    for (i, o) in graph.objectives().enumerate() {
        position.insert(o.id.as_str(), (i, 0));
        if graph.hidden_entry_parent(&o.id).is_some() {
            // a view's combined entry: no statement of anyone's
            continue;
        }
        let cycle = graph.cycle(&o.cycle).map(|c| (c.start, c.end));
        let ctx = TextContext {
            kind: StatementKind::Objective,
            entity: Some(o.id.clone()),
            cycle,
        };
        out.extend(lint_statement(&o.title, &ctx, config, as_of));
        for (j, kr) in graph.key_results_of(&o.id).into_iter().enumerate() {
            position.insert(kr.id.as_str(), (i, j + 1));
            let ctx = TextContext {
                kind: StatementKind::KeyResult,
                entity: Some(kr.id.clone()),
                cycle,
            };
            out.extend(lint_statement(&kr.title, &ctx, config, as_of));
        }
    }
    let input = GraphInput {
        graph,
        config,
        as_of,
    };
    for (code, check) in rules::enabled(config, rules::Check::structure) {
        // on a view, nothing about its combined entries (no key results, a made-up owner):
        // they stand for what the viewer may not see
        let findings = check(&input)
            .into_iter()
            .filter(|f| graph.hidden_entry_parent(&f.entity).is_none());
        out.extend(findings.map(|f| Diagnostic {
            code: code.to_string(),
            severity: config.severity(code),
            message: f.message,
            entity: Some(f.entity),
            span: None,
            help: f.help,
        }));
    }
    let pos = |d: &Diagnostic| {
        d.entity
            .as_deref()
            .and_then(|e| position.get(e).copied())
            .unwrap_or((usize::MAX, usize::MAX))
    };
    // Stable: keeps each rule's own order (text diagnostics by span) within a code.
    crate::sort::sort_by(&mut out, |a, b| (pos(a), &a.code).cmp(&(pos(b), &b.code)));
    out
}
