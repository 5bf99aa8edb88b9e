//! The text of an [`Explanation`] (the `okr explain-progress` command).

use std::fmt::Write as _;

use super::fmt::{percent, points};
use crate::explain::Explanation;

impl Explanation {
    /// The explanation as text: title and id, the node's figures, the summary, and for an
    /// objective a table of its children (progress, weight, weight share, points contributed,
    /// note).
    pub fn render_text(&self) -> String {
        let mut s = format!(
            "{} [{}]\nprogress {}  attainment {}  expected {}  status {}\n\n{}\n",
            self.title,
            self.id,
            percent(self.values.progress),
            percent(self.values.attainment),
            percent(self.values.expected),
            self.values.status.as_str(),
            self.summary
        );
        if !self.contributions.is_empty() {
            let _ = writeln!(
                s,
                "\n{:<28} {:>10} {:>7} {:>7} {:>12}  note",
                "child", "progress", "weight", "share", "contributes"
            );
            for c in &self.contributions {
                let row = format!(
                    "{:<28} {:>10} {:>7} {:>7} {:>12}  {}",
                    c.id,
                    percent(c.progress),
                    c.weight,
                    c.weight_share.map_or("-".into(), percent),
                    c.contribution.map_or("-".into(), |w| points(w, false)),
                    c.note.as_deref().unwrap_or("")
                );
                s.push_str(row.trim_end());
                s.push('\n');
            }
        }
        s
    }
}
