//! The alignment report: every node's figures with its place in the tree, as data (for JSON)
//! and as text (for the `okr report` command).

use std::collections::HashSet;
use std::fmt::Write as _;

use serde::Serialize;

use crate::format::{UNDEFINED, escape, percent};
use crate::graph::OkrGraph;
use crate::model::{LinkKind, Measure, ObjectiveState, ObjectiveType};
use crate::rollup::{NodeKind, NodeValues, Rollup, Status};

/// A parent link in the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportLink {
    /// The parent objective.
    pub id: String,
    /// The link weight.
    pub weight: f64,
    /// `contributes` (omitted) or `supports` (never counted).
    #[serde(skip_serializing_if = "LinkKind::is_default")]
    pub kind: LinkKind,
}

/// Something that blocks a node at the report's time (see
/// [`Rollup::blockers`](crate::Rollup::blockers)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportBlocker {
    /// The blocking objective or key result.
    pub id: String,
    /// Why it blocks: `off_track` or `not_started`.
    pub reason: crate::rollup::BlockReason,
    /// The dependency's `start_by` day, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_by: Option<chrono::NaiveDate>,
}

impl ReportBlocker {
    fn all(rollup: &Rollup, id: &str) -> Vec<ReportBlocker> {
        (rollup.blockers(id).into_iter())
            .map(|b| ReportBlocker {
                id: b.id.to_string(),
                reason: b.reason,
                start_by: b.start_by,
            })
            .collect()
    }
}

/// One node of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportNode {
    /// Id.
    pub id: String,
    /// Objective or key result.
    pub kind: NodeKind,
    /// Title.
    pub title: String,
    /// The owner (a key result's own, else its objective's).
    pub owner: String,
    /// Objectives: the cycle. Key results: the objective's cycle.
    pub cycle: String,
    /// Objectives: their state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<ObjectiveState>,
    /// Objectives: committed or aspirational.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub objective_type: Option<ObjectiveType>,
    /// Objectives: the objectives it is aligned under.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<ReportLink>,
    /// Key results: the objective.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
    /// Key results: their weight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// Key results: the unit of a numeric or threshold measure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Key results: the target (numeric) or threshold value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// What blocks it at the report's time (`blocked` is true when any does).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blockers: Vec<ReportBlocker>,
    /// Key results: their initiatives at the report's time, counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initiatives: Option<crate::initiative::InitiativeSummary>,
    /// The figures.
    #[serde(flatten)]
    pub values: NodeValues,
}

/// A rollup joined with the graph's structure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The as-of time (RFC 3339).
    pub as_of: String,
    /// Objectives (in insertion order), then key results (in insertion order).
    pub nodes: Vec<ReportNode>,
}

impl Report {
    /// Builds the report of `graph` from a rollup of it, on the model as it stood at the
    /// rollup's as-of time ([`OkrGraph::at`]): the objectives, key results, titles, owners,
    /// links, weights and targets of then.
    ///
    /// # Complexity
    /// O(V + E log E + K) for V objectives, E links and K key results, reading the rollup:
    /// each objective's parents are sorted once. At a past time, plus building that state
    /// the first time: see [`OkrGraph::at`].
    pub fn new(graph: &OkrGraph, rollup: &Rollup) -> Report {
        let at = graph.at(rollup.as_of());
        let graph: &OkrGraph = &at;
        let mut nodes = Vec::new();
        for o in graph.objectives() {
            let values = rollup.objective(&o.id).expect("rollup of this graph");
            nodes.push(ReportNode {
                id: o.id.clone(),
                kind: NodeKind::Objective,
                title: o.title.clone(),
                owner: o.owner.clone(),
                cycle: o.cycle.clone(),
                state: Some(o.state),
                objective_type: Some(o.kind),
                parents: graph
                    .parent_links(&o.id)
                    .into_iter()
                    .map(|l| ReportLink {
                        id: l.id.to_string(),
                        weight: l.weight,
                        kind: l.kind,
                    })
                    .collect(),
                objective: None,
                weight: None,
                unit: None,
                target: None,
                blockers: ReportBlocker::all(rollup, &o.id),
                initiatives: None,
                values,
            });
        }
        let initiatives = initiative_summaries(graph, rollup.as_of());
        for k in graph.key_results() {
            let values = rollup.key_result(&k.id).expect("rollup of this graph");
            let (unit, target) = match &k.measure {
                Measure::Numeric { unit, target, .. } | Measure::Aggregate { unit, target, .. } => {
                    (Some(unit.clone()), Some(*target))
                }
                Measure::Threshold { unit, value, .. } => (Some(unit.clone()), Some(*value)),
                _ => (None, None),
            };
            let cycle = graph
                .objective(&k.objective)
                .map(|o| o.cycle.clone())
                .unwrap_or_default();
            nodes.push(ReportNode {
                id: k.id.clone(),
                kind: NodeKind::KeyResult,
                title: k.title.clone(),
                owner: graph.effective_owner(k).unwrap_or_default().to_string(),
                cycle,
                state: None,
                objective_type: None,
                parents: Vec::new(),
                objective: Some(k.objective.clone()),
                weight: Some(k.weight),
                unit,
                target,
                blockers: ReportBlocker::all(rollup, &k.id),
                initiatives: initiatives.get(k.id.as_str()).copied(),
                values,
            });
        }
        Report {
            as_of: rollup
                .as_of()
                .0
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            nodes,
        }
    }
}

/// Every key result's initiatives at `as_of`, counted, by key result id.
///
/// # Complexity
/// O(I log U) for I initiatives of at most U updates.
fn initiative_summaries(
    graph: &OkrGraph,
    as_of: crate::time::AsOf,
) -> std::collections::HashMap<&str, crate::initiative::InitiativeSummary> {
    let mut by_kr: std::collections::HashMap<&str, Vec<crate::initiative::InitiativeStatus>> =
        std::collections::HashMap::new();
    for x in graph.initiatives() {
        by_kr
            .entry(x.key_result.as_str())
            .or_default()
            .push(x.status(as_of));
    }
    by_kr
        .into_iter()
        .filter_map(|(k, states)| {
            let weight = graph.key_result(k).and_then(|kr| kr.initiatives_weight);
            crate::initiative::InitiativeSummary::of(&states, weight).map(|s| (k, s))
        })
        .collect()
}

const BAR: usize = 20;
/// The width of a percentage column.
const PCT: usize = 6;

/// The progress bar and percentage (`BAR + 1 + PCT` characters). An undefined progress
/// shortens the dotted bar to make room for the word.
fn progress(p: Option<f64>) -> String {
    match p {
        Some(p) => {
            let filled = ((p.clamp(0.0, 1.0) * BAR as f64).round()) as usize;
            format!(
                "{}{} {}",
                "█".repeat(filled),
                "░".repeat(BAR - filled),
                pct(p)
            )
        }
        None => format!(
            "{} {UNDEFINED}",
            "·".repeat((BAR + PCT).saturating_sub(UNDEFINED.len()))
        ),
    }
}

/// A percentage right-aligned in the report's percentage columns.
fn pct(p: f64) -> String {
    format!("{:>PCT$}", percent(p))
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::NotStarted => "not started",
        Status::OnTrack => "on track",
        Status::AtRisk => "at risk",
        Status::OffTrack => "off track",
        Status::Closed => "closed",
        Status::NoData => "no data",
    }
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let s = format!("{}", v.abs() as u64);
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if v < 0.0 { format!("-{out}") } else { out }
    } else {
        crate::format::number(v)
    }
}

struct Renderer<'a> {
    graph: &'a OkrGraph,
    rollup: &'a Rollup,
    out: String,
    shown: HashSet<String>,
    /// How many key results each aggregate has under it (counted once: O(K)).
    under: std::collections::HashMap<&'a str, usize>,
    /// Each key result's initiatives at the rollup's time (counted once: O(I log U)).
    initiatives: std::collections::HashMap<&'a str, crate::initiative::InitiativeSummary>,
}

impl Renderer<'_> {
    fn line(&mut self, values: &NodeValues, prefix: &str, label: &str) {
        let conf = values
            .confidence
            .map(|c| format!("{c:.2}"))
            .unwrap_or_else(|| "   -".into());
        let stale = if values.stale { "stale" } else { "" };
        let _ = writeln!(
            self.out,
            "{}  {}  {:<11} {:>4} {:<5}  {}{}",
            progress(values.progress),
            pct(values.expected),
            status_word(values.status),
            conf,
            stale,
            prefix,
            // titles, ids, names and units from the document
            escape(label)
        );
    }

    /// The blockers of `id` as words: `  — blocked by x (off track), y (not started)`.
    fn blocked_mark(&self, label: &mut String, id: &str) {
        let blockers = self.rollup.blockers(id);
        if blockers.is_empty() {
            return;
        }
        let names: Vec<String> = (blockers.iter())
            .map(|b| format!("{} ({})", b.id, b.reason.describe()))
            .collect();
        let _ = write!(label, "  — blocked by {}", names.join(", "));
    }

    /// `via`: the kind of the link it is shown under (`None` for a root).
    fn objective(&mut self, id: &str, prefix: &str, child_prefix: &str, via: Option<LinkKind>) {
        let o = self.graph.objective(id).expect("exists");
        let values = self.rollup.objective(id).expect("exists");
        let parents = self.graph.parent_links(id);
        let owner = self
            .graph
            .owner(&o.owner)
            .map(|w| {
                if w.name.is_empty() {
                    w.id.as_str()
                } else {
                    w.name.as_str()
                }
            })
            .unwrap_or(o.owner.as_str());
        let mut label = match via {
            Some(LinkKind::Supports) => format!("◇ supports: {} — {} [{}]", o.title, owner, o.id),
            _ => format!("◆ {} — {} [{}]", o.title, owner, o.id),
        };
        if o.state != ObjectiveState::Active {
            let _ = write!(label, " ({:?})", o.state);
            label = label.replace("(Draft)", "(draft, not counted)");
            label = label.replace("(Abandoned)", "(abandoned, not counted)");
            label = label.replace("(Closed)", "(closed)");
        }
        if parents.len() > 1 {
            let names: Vec<String> = parents
                .iter()
                .map(|l| match l.kind {
                    LinkKind::Contributes => {
                        format!("{} (weight {})", l.id, crate::format::number(l.weight))
                    }
                    LinkKind::Supports => format!("{} (supports)", l.id),
                })
                .collect();
            let _ = write!(label, "  ⇉ {} parents: {}", parents.len(), names.join(", "));
        }
        if o.status_rule == crate::model::StatusRule::Worst {
            label.push_str("  (status: the worst of its inputs)");
        }
        if let (None, Some(r)) = (values.progress, values.undefined_reason) {
            let _ = write!(label, "  — no progress: {}", r.describe());
        }
        manual_mark(&mut label, &values);
        if via == Some(LinkKind::Supports) {
            label.push_str("  (not counted)");
        }
        self.blocked_mark(&mut label, id);
        let repeated = !self.shown.insert(id.to_string());
        if repeated {
            label.push_str("  (shown above)");
        }
        self.line(&values, prefix, &label);
        if repeated {
            return;
        }
        let krs = self.graph.key_results_of(id);
        let children = self.graph.child_links(id);
        let total = krs.len() + children.len();
        let mut i = 0;
        for kr in krs {
            i += 1;
            let last = i == total;
            let v = self.rollup.key_result(&kr.id).expect("exists");
            let detail = match (&kr.measure, v.value) {
                (Measure::Numeric { target, unit, .. }, Some(cur)) => {
                    format!("  {} / {} {}", number(cur), number(*target), unit)
                }
                (Measure::Threshold { value, unit, .. }, Some(cur)) => {
                    format!("  {} (limit {} {})", number(cur), number(*value), unit)
                }
                (
                    Measure::Aggregate {
                        function,
                        target,
                        unit,
                        ..
                    },
                    cur,
                ) => {
                    let n = self.under.get(kr.id.as_str()).copied().unwrap_or(0);
                    let cur = cur.map_or_else(|| "no value".to_string(), number);
                    format!(
                        "  {cur} / {} {} ({} of {n} key result{})",
                        number(*target),
                        unit,
                        function.as_str(),
                        if n == 1 { "" } else { "s" }
                    )
                }
                _ => String::new(),
            };
            let weight = if kr.weight != 1.0 {
                format!(", weight {}", crate::format::number(kr.weight))
            } else {
                String::new()
            };
            let mut label = format!("• {} [{}]{}{}", kr.title, kr.id, detail.trim_end(), weight);
            if let Some(p) = &kr.parent {
                let _ = write!(label, "  ↗ counts in [{}]", p.id);
            }
            if let Some(s) = self.initiatives.get(kr.id.as_str()) {
                let _ = write!(label, "  ▸ {}", s.describe());
            }
            if let (None, Some(r)) = (v.progress, v.undefined_reason) {
                let _ = write!(label, "  — no progress: {}", r.describe());
            }
            manual_mark(&mut label, &v);
            self.blocked_mark(&mut label, &kr.id);
            let branch = if last { "└─ " } else { "├─ " };
            self.line(&v, &format!("{child_prefix}{branch}"), &label);
        }
        for link in children {
            i += 1;
            let last = i == total;
            let (branch, cont) = if last {
                ("└─ ", "   ")
            } else {
                ("├─ ", "│  ")
            };
            self.objective(
                link.id,
                &format!("{child_prefix}{branch}"),
                &format!("{child_prefix}{cont}"),
                Some(link.kind),
            );
        }
    }
}

/// Marks a figure set by hand, with the computed one beside it.
fn manual_mark(label: &mut String, v: &crate::rollup::NodeValues) {
    if v.source == crate::rollup::FigureSource::Manual {
        let _ = write!(
            label,
            "  — set by hand (computed {})",
            crate::format::percent(v.computed_progress)
        );
    }
}

impl Report {
    /// The report as text: the alignment tree with progress bars, expected pace, status,
    /// confidence and stale marks, on the model as it stood at the rollup's as-of time
    /// ([`OkrGraph::at`]). Objectives with several parents appear under each (their
    /// subtree once), marked with `⇉`. An objective or key result with undefined progress
    /// says why on its line (`— no progress: ...`), and the last line lists them all. Titles,
    /// ids, owner names and units are [escaped](crate::format::escape): control and
    /// bidirectional characters from the document never reach the terminal.
    ///
    /// # Complexity
    /// O(V + E log E + K) plus the length of the text, which is not linear in the graph's size
    /// on two shapes: an objective with several parents appears under each, its line naming
    /// all its parents, so the text grows as the links times the parents of each (a graph
    /// where many objectives have 100 parents prints gigabytes); and each line is indented by
    /// its depth, so a chain of n objectives prints about 3n²/2 characters of indentation.
    /// The walk recurses once per level of the alignment (at most 100 in a document). At a
    /// past time, plus building that state the first time: see [`OkrGraph::at`].
    pub fn render_text(graph: &OkrGraph, rollup: &Rollup) -> String {
        let at = graph.at(rollup.as_of());
        let graph: &OkrGraph = &at;
        let mut r = Renderer {
            graph,
            rollup,
            out: String::new(),
            shown: HashSet::new(),
            under: {
                let mut under = std::collections::HashMap::new();
                for k in graph.key_results() {
                    if let Some(p) = &k.parent {
                        *under.entry(p.id.as_str()).or_insert(0) += 1;
                    }
                }
                under
            },
            initiatives: initiative_summaries(graph, rollup.as_of()),
        };
        let cfg = rollup.config();
        let _ = writeln!(
            r.out,
            "OKR report as of {} (on track within {} points of the expected pace, at risk within {}; stale after {} days without a check-in)\n",
            rollup.as_of().date(),
            crate::format::fixed(cfg.on_track_margin * 100.0, 0),
            crate::format::fixed(cfg.at_risk_margin * 100.0, 0),
            cfg.stale_days
        );
        let _ = writeln!(
            r.out,
            "{:<BAR$} {:>PCT$}  {:>PCT$}  {:<11} {:>4} {:<5}  objective / key result",
            "progress", "", "expect", "status", "conf", ""
        );
        for root in graph.roots() {
            r.objective(&root.id, "", "", None);
        }
        // summary
        let mut counts = std::collections::BTreeMap::new();
        let mut undefined = Vec::new();
        for o in graph.objectives() {
            let v = rollup.objective(&o.id).expect("exists");
            if o.state.counts() {
                *counts.entry(status_word(v.status)).or_insert(0) += 1;
            }
            if let (None, Some(reason)) = (v.progress, v.undefined_reason) {
                undefined.push(format!("{} ({})", escape(&o.id), reason.describe()));
            }
        }
        for k in graph.key_results() {
            let v = rollup.key_result(&k.id).expect("exists");
            if let (None, Some(reason)) = (v.progress, v.undefined_reason) {
                undefined.push(format!("{} ({})", escape(&k.id), reason.describe()));
            }
        }
        let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
        let not_counted = graph.objectives().filter(|o| !o.state.counts()).count();
        let _ = writeln!(
            r.out,
            "\n{} objectives, {} key results. Active and closed objectives: {}.{}",
            graph.objective_count(),
            graph.key_results().count(),
            parts.join(", "),
            if not_counted > 0 {
                format!(" {not_counted} draft or abandoned (not counted).")
            } else {
                String::new()
            }
        );
        if !undefined.is_empty() {
            let _ = writeln!(r.out, "Progress undefined: {}.", undefined.join("; "));
        }
        let blocked: Vec<String> = (graph.objectives().map(|o| o.id.as_str()))
            .chain(graph.key_results().map(|k| k.id.as_str()))
            .filter(|id| rollup.get(id).is_some_and(|v| v.values.blocked))
            .map(|id| escape(id).into_owned())
            .collect();
        if !blocked.is_empty() {
            let _ = writeln!(r.out, "Blocked: {}.", blocked.join(", "));
        }
        r.out
    }
}

/// One line of the alignment tree ([`Report::tree`]), in the order `okr report` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TreeRow {
    /// The objective's or key result's id.
    pub id: String,
    /// Objective or key result.
    pub kind: NodeKind,
    /// How deep it is drawn: 0 for a root objective, its parent's depth + 1 otherwise.
    pub depth: usize,
    /// An objective under a parent: the kind of that link (`None` for a root and for a key
    /// result).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<LinkKind>,
    /// An objective with several parents, drawn again under a later parent: its subtree is
    /// not repeated (the text report marks it `(shown above)`).
    pub repeated: bool,
}

impl Report {
    /// The alignment tree as data, parents before children, in exactly the order
    /// [`render_text`](Self::render_text) prints its lines: each root objective, then its key
    /// results, then the objectives aligned under it (recursively, in link order). An
    /// objective with several parents appears under each, its subtree only the first time
    /// ([`TreeRow::repeated`]). On the model as it stood at `as_of` ([`OkrGraph::at`]).
    ///
    /// # Complexity
    /// O(V + E log E + K) rows and time for V objectives, E links and K key results; at a
    /// past time, plus building that state the first time.
    pub fn tree(graph: &OkrGraph, as_of: crate::time::AsOf) -> Vec<TreeRow> {
        let at = graph.at(as_of);
        let graph: &OkrGraph = &at;
        let mut rows = Vec::new();
        let mut shown: HashSet<&str> = HashSet::new();
        // an explicit stack (the alignment may be deep): (id, depth, via)
        let mut stack: Vec<(&str, usize, Option<LinkKind>)> = (graph.roots().into_iter().rev())
            .map(|o| (o.id.as_str(), 0, None))
            .collect();
        while let Some((id, depth, via)) = stack.pop() {
            let repeated = !shown.insert(id);
            rows.push(TreeRow {
                id: id.to_string(),
                kind: NodeKind::Objective,
                depth,
                via,
                repeated,
            });
            if repeated {
                continue;
            }
            for kr in graph.key_results_of(id) {
                rows.push(TreeRow {
                    id: kr.id.clone(),
                    kind: NodeKind::KeyResult,
                    depth: depth + 1,
                    via: None,
                    repeated: false,
                });
            }
            for link in graph.child_links(id).into_iter().rev() {
                stack.push((link.id, depth + 1, Some(link.kind)));
            }
        }
        rows
    }
}
