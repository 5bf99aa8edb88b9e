//! The text of an [`Explanation`] (the `okr explain-progress` command).

use std::fmt::Write as _;

use super::table::{Col, line};
use crate::explain::Explanation;
use crate::format::{escape, percent, points};

/// Child, progress, weight, share, contributes (then the note).
const CHILDREN: &[Col] = &[
    Col::Left(28),
    Col::Right(10),
    Col::Right(7),
    Col::Right(7),
    Col::Right(12),
];

impl Explanation {
    /// The explanation as text: title and id, the node's figures, which expectation they
    /// are measured against (the linear pace or the plan), the summary, and for an objective a
    /// table of its children (progress, weight, weight share, points contributed, note); a
    /// blocked node says `blocked` after its status and lists what blocks it, why, and the
    /// dependency's note. Text from the document is [escaped](crate::format::escape).
    pub fn render_text(&self) -> String {
        let mut s = format!(
            "{} [{}]\nprogress {}  attainment {}  expected {}  status {}{}\n",
            escape(&self.title),
            escape(&self.id),
            percent(self.values.progress),
            percent(self.values.attainment),
            percent(self.values.expected),
            self.values.status.as_str(),
            if self.values.blocked { "  blocked" } else { "" },
        );
        if !self.summary.contains(&self.expectation) {
            s.push_str(&escape(&self.expectation));
            s.push('\n');
        }
        s.push('\n');
        s.push_str(&escape(&self.summary));
        s.push('\n');
        if !self.blockers.is_empty() {
            s.push_str("\nblocked by\n");
            for b in &self.blockers {
                let _ = write!(s, "  {} [{}]: {}", escape(&b.title), escape(&b.id), b.why);
                if let Some(note) = &b.note {
                    let _ = write!(s, " — {}", escape(note));
                }
                s.push('\n');
            }
        }
        if !self.contributions.is_empty() {
            s.push('\n');
            let header = ["child", "progress", "weight", "share", "contributes"];
            line(&mut s, CHILDREN, &header, "note");
            for c in &self.contributions {
                line(
                    &mut s,
                    CHILDREN,
                    &[
                        &c.id,
                        &percent(c.progress),
                        &crate::format::number(c.weight),
                        &c.weight_share.map_or("-".into(), percent),
                        &c.contribution.map_or("-".into(), |w| points(w, false)),
                    ],
                    c.note.as_deref().unwrap_or(""),
                );
            }
        }
        s
    }
}
