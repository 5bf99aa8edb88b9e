//! HTML fragments for notebooks (Jupyter's `_repr_html_`): the alignment tree of a rollup
//! ([`Report::render_html`]). Self-contained: inline styles only, no script, no external
//! resource; every text from the document (ids, titles, owner names) escaped
//! ([`html_escape`]).

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::error::Result;
use crate::format::percent;
use crate::graph::OkrGraph;
use crate::model::LinkKind;
use crate::report::Report;
use crate::rollup::{NodeKind, Rollup, Status};

/// At most this many rows of the tree are drawn; a note says how many more there are.
pub const HTML_MAX_ROWS: usize = 1000;

/// Text for HTML (element content and quoted attributes): control and bidirectional
/// characters escaped as in text output ([`crate::format::escape`]), then `&`, `<`, `>`, `"`
/// and `'`.
///
/// ```
/// assert_eq!(okr_core::render::html_escape("<b>\"R&D\"</b>"), "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;");
/// ```
pub fn html_escape(s: &str) -> String {
    crate::analytics::render::xml(s)
}

/// The colour of a status (the same palette as the alignment graph's SVG).
pub fn status_colour(s: Status) -> &'static str {
    match s {
        Status::OnTrack => "#2e8540",
        Status::AtRisk => "#d9a400",
        Status::OffTrack => "#d0342c",
        Status::Closed => "#5b6b7b",
        Status::NotStarted | Status::NoData => "#999999",
    }
}

/// A progress bar (a filled share of a grey track, clamped to 0..100%) and the percentage.
pub fn progress_bar_html(progress: Option<f64>, status: Status) -> String {
    let fill = progress.map_or(0.0, |p| (p * 100.0).clamp(0.0, 100.0));
    format!(
        "<span style=\"display:inline-block;width:80px;height:8px;background:#e6e6e6;border-radius:2px;vertical-align:middle\">\
         <span style=\"display:block;width:{fill:.1}%;height:8px;background:{};border-radius:2px\"></span></span> {}",
        status_colour(status),
        percent(progress)
    )
}

impl Report {
    /// The alignment tree of `rollup` as an HTML fragment (a `<table>`): one row per line of
    /// [`Report::tree`], parents before children, each indented by its depth, with the title
    /// and id, the owner's name (else id), a progress bar with the percentage, the expected
    /// pace, the status (coloured), the confidence and stale, blocked, not-counted and
    /// `shown above` marks. Titles, ids and names come from the rollup's table
    /// ([`Rollup::table`]): the model as it stood at the rollup's time. At most
    /// [`HTML_MAX_ROWS`] rows, then a note of how many more.
    ///
    /// `UnknownId` when the rollup is not of this graph.
    ///
    /// # Complexity
    /// O(V + E log E + K) plus the length of the text (see [`Report::tree`] and
    /// [`Rollup::table`]).
    pub fn render_html(graph: &OkrGraph, rollup: &Rollup) -> Result<String> {
        let table = rollup.table(graph)?;
        let at = graph.at(rollup.as_of());
        let g: &OkrGraph = &at;
        let row_of: HashMap<&str, usize> = (0..table.len())
            .filter_map(|i| table.id.get(i).map(|id| (id, i)))
            .collect();
        let tree = Report::tree(graph, rollup.as_of());
        let cfg = rollup.config();
        let mut s = String::new();
        let _ = write!(
            s,
            "<table class=\"okr-rollup\" style=\"border-collapse:collapse;font-family:Helvetica,Arial,sans-serif;font-size:13px\">\
             <caption style=\"text-align:left;font-weight:bold;padding:4px 0\">OKR rollup as of {} \
             (on track within {} points of the expected pace, at risk within {}; stale after {} days)</caption>\
             <thead><tr style=\"border-bottom:1px solid #ccc\"><th style=\"text-align:left;padding:3px 8px\">objective / key result</th>\
             <th style=\"text-align:left;padding:3px 8px\">owner</th><th style=\"text-align:left;padding:3px 8px\">progress</th>\
             <th style=\"text-align:right;padding:3px 8px\">expected</th><th style=\"text-align:left;padding:3px 8px\">status</th>\
             <th style=\"text-align:right;padding:3px 8px\">confidence</th><th style=\"text-align:left;padding:3px 8px\">notes</th></tr></thead><tbody>",
            rollup.as_of().date(),
            crate::format::fixed(cfg.on_track_margin * 100.0, 0),
            crate::format::fixed(cfg.at_risk_margin * 100.0, 0),
            cfg.stale_days
        );
        for row in tree.iter().take(HTML_MAX_ROWS) {
            let Some(&i) = row_of.get(row.id.as_str()) else {
                continue;
            };
            let Some(n) = rollup.get(&row.id) else {
                continue;
            };
            let v = n.values;
            let title = table.title.get(i).unwrap_or_default();
            let owner_id = table.owner.get(i).unwrap_or_default();
            let owner = g
                .owner(owner_id)
                .map(|w| {
                    if w.name.is_empty() {
                        w.id.as_str()
                    } else {
                        w.name.as_str()
                    }
                })
                .unwrap_or(owner_id);
            let marker = match (row.kind, row.via) {
                (NodeKind::KeyResult, _) => "•",
                (_, Some(LinkKind::Supports)) => "◇",
                _ => "◆",
            };
            let mut notes: Vec<String> = Vec::new();
            if row.via == Some(LinkKind::Supports) {
                notes.push("supports (not counted)".into());
            }
            if row.kind == NodeKind::Objective && !table.counted[i] {
                notes.push(format!("{} (not counted)", table.state[i].as_str()));
            }
            if row.repeated {
                notes.push("shown above".into());
            }
            if v.stale {
                notes.push("stale".into());
            }
            if v.source == crate::rollup::FigureSource::Manual {
                notes.push(format!(
                    "set by hand (computed {})",
                    percent(v.computed_progress)
                ));
            }
            if let (None, Some(r)) = (v.progress, v.undefined_reason) {
                notes.push(format!("no progress: {}", r.describe()));
            }
            let blockers = rollup.blockers(&row.id);
            if !blockers.is_empty() {
                let by: Vec<String> = (blockers.iter())
                    .map(|b| format!("{} ({})", b.id, b.reason.describe()))
                    .collect();
                notes.push(format!("blocked by {}", by.join(", ")));
            }
            let weight = if row.kind == NodeKind::Objective {
                "bold"
            } else {
                "normal"
            };
            let _ = write!(
                s,
                "<tr style=\"border-bottom:1px solid #eee\" data-id=\"{}\" data-depth=\"{}\">\
                 <td style=\"padding:3px 8px 3px {:.1}em;font-weight:{weight}\">{marker} {} \
                 <span style=\"color:#888;font-weight:normal\">[{}]</span></td>\
                 <td style=\"padding:3px 8px\">{}</td><td style=\"padding:3px 8px;white-space:nowrap\">{}</td>\
                 <td style=\"padding:3px 8px;text-align:right\">{}</td>\
                 <td style=\"padding:3px 8px;color:{};font-weight:bold\">{}</td>\
                 <td style=\"padding:3px 8px;text-align:right\">{}</td><td style=\"padding:3px 8px;color:#555\">{}</td></tr>",
                html_escape(&row.id),
                row.depth,
                0.5 + 1.5 * row.depth as f64,
                html_escape(title),
                html_escape(&row.id),
                html_escape(owner),
                progress_bar_html(v.progress, v.status),
                percent(v.expected),
                status_colour(v.status),
                v.status.as_str().replace('_', " "),
                v.confidence.map(|c| format!("{c:.2}")).unwrap_or_default(),
                html_escape(&notes.join("; "))
            );
        }
        s.push_str("</tbody></table>");
        if tree.len() > HTML_MAX_ROWS {
            let _ = write!(
                s,
                "<p style=\"color:#555\">… {} more rows</p>",
                tree.len() - HTML_MAX_ROWS
            );
        }
        Ok(s)
    }
}
