//! Pictures of the alignment graph: Graphviz DOT, Mermaid and a self-contained SVG, each node
//! coloured by its status at the as-of date and labelled with its progress (and `blocked`
//! when a dependency blocks it), each contributing link labelled with its weight, each
//! supporting link dashed and labelled `supports`. Objectives only; parents above their
//! children.

use std::fmt::Write as _;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::align::AlignIndex;
use crate::error::{OkrError, Result};
use crate::format::{escape, needs_escape, percent};
use crate::graph::OkrGraph;
use crate::rollup::{NodeValues, RollupConfig, Status};
use crate::time::AsOf;

/// Output format of [`OkrGraph::render_graph`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GraphFormat {
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// A Mermaid flowchart (renders in GitHub, GitLab and many wikis).
    Mermaid,
    /// A standalone SVG document with its own layered layout.
    Svg,
}

impl FromStr for GraphFormat {
    type Err = OkrError;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dot" => Ok(GraphFormat::Dot),
            "mermaid" => Ok(GraphFormat::Mermaid),
            "svg" => Ok(GraphFormat::Svg),
            other => Err(OkrError::InvalidValue {
                field: "format".into(),
                reason: format!("unknown graph format {other:?} (dot, mermaid, svg)"),
            }),
        }
    }
}

/// Fill colour of a status (the demo page's palette).
pub(crate) fn colour(status: Status) -> &'static str {
    match status {
        Status::OnTrack => "#2e9d4a",
        Status::AtRisk => "#e0a100",
        Status::OffTrack => "#d0342c",
        Status::NoData => "#888888",
        Status::NotStarted => "#6b8cc7",
        Status::Closed => "#555555",
    }
}

fn weight(w: f64) -> String {
    crate::format::number(w)
}

/// ` · blocked` after the status of a blocked node, else nothing.
fn blocked_word(v: &NodeValues) -> &'static str {
    if v.blocked { " · blocked" } else { "" }
}

/// At most `n` characters, with an ellipsis when cut.
pub(crate) fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Text for SVG: controls and bidirectional characters escaped ([`escape`]: XML refuses most
/// C0 controls), then the XML entities.
pub(crate) fn xml(s: &str) -> String {
    escape(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn dot_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            // escaped as in text output, the backslash doubled for DOT: ids that differ only
            // in a control character stay apart
            c if needs_escape(c) => {
                out.push('\\');
                out.push_str(&escape(c.encode_utf8(&mut [0; 4])));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn mermaid_str(s: &str) -> String {
    escape(s)
        .chars()
        .map(|c| match c {
            '"' => "#quot;".to_string(),
            '<' => "#lt;".to_string(),
            '>' => "#gt;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

impl OkrGraph {
    /// The alignment graph as DOT, Mermaid or SVG text, coloured by status at `as_of`: the
    /// objectives, titles, links and weights as they stood then ([`at`](Self::at)).
    ///
    /// # Errors
    /// `InvalidConfig` for a bad `config`.
    ///
    /// # Complexity
    /// A full rollup, then O(V + E) (SVG: O(V log V + E) for the layer ordering); at a past
    /// time, plus building that state the first time: see [`OkrGraph::at`].
    pub fn render_graph(
        &self,
        format: GraphFormat,
        as_of: impl Into<AsOf>,
        config: &RollupConfig,
    ) -> Result<String> {
        let as_of = as_of.into();
        let g = self.at(as_of);
        let rollup = g.rollup_with(as_of, config)?;
        let index = AlignIndex::new(&g);
        let values: Vec<NodeValues> = index
            .objectives
            .iter()
            .map(|o| {
                rollup
                    .objective(&o.id)
                    .expect("every objective is rolled up")
            })
            .collect();
        let mut s = String::new();
        match format {
            GraphFormat::Dot => {
                s.push_str("digraph okr {\n  rankdir=BT;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontcolor=\"white\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
                for (i, o) in index.objectives.iter().enumerate() {
                    let v = &values[i];
                    let _ = writeln!(
                        s,
                        "  {} [label={}, fillcolor=\"{}\"];",
                        dot_str(&o.id),
                        dot_str(&format!(
                            "{}\n{} · {}{}",
                            short(&o.title, 40),
                            percent(v.progress),
                            v.status.as_str().replace('_', " "),
                            blocked_word(v)
                        )),
                        colour(v.status)
                    );
                }
                for (i, o) in index.objectives.iter().enumerate() {
                    for &(p, w) in &index.parents[i] {
                        let (label, style) = if index.supporting.contains(&(i, p)) {
                            ("supports".to_string(), ", style=dashed")
                        } else {
                            (weight(w), "")
                        };
                        let _ = writeln!(
                            s,
                            "  {} -> {} [label={}{style}];",
                            dot_str(&o.id),
                            dot_str(&index.objectives[p].id),
                            dot_str(&label)
                        );
                    }
                }
                s.push_str("}\n");
            }
            GraphFormat::Mermaid => {
                s.push_str("flowchart BT\n");
                for (i, o) in index.objectives.iter().enumerate() {
                    let v = &values[i];
                    let _ = writeln!(
                        s,
                        "  n{i}[\"{}<br/>{} · {}{}\"]",
                        mermaid_str(&short(&o.title, 40)),
                        percent(v.progress),
                        v.status.as_str().replace('_', " "),
                        blocked_word(v)
                    );
                }
                for i in 0..index.len() {
                    for &(p, w) in &index.parents[i] {
                        if index.supporting.contains(&(i, p)) {
                            let _ = writeln!(s, "  n{i} -.->|supports| n{p}");
                        } else {
                            let _ = writeln!(s, "  n{i} -->|{}| n{p}", weight(w));
                        }
                    }
                }
                for status in [
                    Status::OnTrack,
                    Status::AtRisk,
                    Status::OffTrack,
                    Status::NoData,
                    Status::NotStarted,
                    Status::Closed,
                ] {
                    let members: Vec<String> = (0..index.len())
                        .filter(|&i| values[i].status == status)
                        .map(|i| format!("n{i}"))
                        .collect();
                    if members.is_empty() {
                        continue;
                    }
                    let _ = writeln!(
                        s,
                        "  classDef {} fill:{},color:#fff,stroke:#333",
                        status.as_str(),
                        colour(status)
                    );
                    let _ = writeln!(s, "  class {} {}", members.join(","), status.as_str());
                }
            }
            GraphFormat::Svg => svg(&mut s, &index, &values),
        }
        Ok(s)
    }
}

/// A layered layout: layer = longest chain up to a parentless objective; within a layer,
/// nodes sorted by the mean column of their parents (then document order), each layer centred.
fn svg(s: &mut String, index: &AlignIndex<'_>, values: &[NodeValues]) {
    const W: f64 = 210.0;
    const H: f64 = 50.0;
    const GAP_X: f64 = 20.0;
    const GAP_Y: f64 = 56.0;
    const MARGIN: f64 = 16.0;
    let depths = index.depths();
    let layers = depths.iter().max().map_or(0, |d| d + 1);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layers];
    for (i, &d) in depths.iter().enumerate() {
        rows[d].push(i);
    }
    let mut column = vec![0.0f64; index.len()];
    let mut key = vec![0.0f64; index.len()];
    for row in &mut rows {
        // each objective's key once, not once per comparison
        for &i in row.iter() {
            let ps = &index.parents[i];
            key[i] = if ps.is_empty() {
                i as f64
            } else {
                ps.iter().map(|&(p, _)| column[p]).sum::<f64>() / ps.len() as f64
            };
        }
        crate::sort::sort_by(row, |&a, &b| key[a].total_cmp(&key[b]).then(a.cmp(&b)));
        for (c, &i) in row.iter().enumerate() {
            column[i] = c as f64;
        }
    }
    let widest = rows.iter().map(Vec::len).max().unwrap_or(0) as f64;
    let width = MARGIN * 2.0 + widest * W + (widest - 1.0).max(0.0) * GAP_X;
    let height = MARGIN * 2.0 + layers as f64 * H + (layers as f64 - 1.0).max(0.0) * GAP_Y;
    let mut pos = vec![(0.0f64, 0.0f64); index.len()];
    for (d, row) in rows.iter().enumerate() {
        let row_w = row.len() as f64 * W + (row.len() as f64 - 1.0).max(0.0) * GAP_X;
        let x0 = (width - row_w) / 2.0;
        for (c, &i) in row.iter().enumerate() {
            pos[i] = (x0 + c as f64 * (W + GAP_X), MARGIN + d as f64 * (H + GAP_Y));
        }
    }
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">"
    );
    s.push_str("<g stroke=\"#777\" stroke-width=\"1.2\" fill=\"none\">\n");
    let mut labels = String::new();
    for i in 0..index.len() {
        for &(p, w) in &index.parents[i] {
            let (x1, y1) = (pos[i].0 + W / 2.0, pos[i].1);
            let (x2, y2) = (pos[p].0 + W / 2.0, pos[p].1 + H);
            let supports = index.supporting.contains(&(i, p));
            let _ = writeln!(
                s,
                "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\"{}/>",
                if supports {
                    " stroke-dasharray=\"5 4\" data-kind=\"supports\""
                } else {
                    ""
                }
            );
            let label = if supports {
                "supports".to_string()
            } else {
                weight(w)
            };
            let _ = writeln!(
                labels,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#333\" font-size=\"10\">{}</text>",
                (x1 + x2) / 2.0 + 6.0,
                (y1 + y2) / 2.0,
                xml(&label)
            );
        }
    }
    s.push_str("</g>\n");
    s.push_str(&labels);
    for (i, o) in index.objectives.iter().enumerate() {
        let v = &values[i];
        let (x, y) = pos[i];
        let _ = writeln!(
            s,
            "<g data-id=\"{}\" data-status=\"{}\"{}><title>{}</title><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{W}\" height=\"{H}\" rx=\"6\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#fff\" font-weight=\"bold\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#fff\">{} · {}{}</text></g>",
            xml(&o.id),
            v.status.as_str(),
            if v.blocked {
                " data-blocked=\"true\""
            } else {
                ""
            },
            xml(&o.title),
            colour(v.status),
            x + 8.0,
            y + 20.0,
            xml(&short(&o.title, 30)),
            x + 8.0,
            y + 38.0,
            percent(v.progress),
            v.status.as_str().replace('_', " "),
            blocked_word(v)
        );
    }
    s.push_str("</svg>\n");
}
