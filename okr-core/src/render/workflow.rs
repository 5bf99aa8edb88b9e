//! Proposals and comments as text ([`proposals_text`], [`comments_text`]): what `okr
//! proposals` and `okr comments` print.

use crate::format::escape;
use crate::time::format_instant;
use crate::workflow::{Comment, Proposal};

/// One line per proposal (id, state, kind, what it is about, who proposed it and when, the
/// note), and a second, indented, for a decision (who, when, the comment).
///
/// ```
/// use okr_core::workflow::{Proposal, ProposedChange};
/// use okr_core::{ObjectivePatch, Revise};
/// let change = ProposedChange::Objective {
///     id: "grow".into(),
///     patch: ObjectivePatch { title: Some("Grow faster".into()), ..Default::default() },
/// };
/// let p = Proposal::new("p1", "anna", Revise::parse_at("2026-11-03")?, change);
/// assert_eq!(okr_core::render::proposals_text(&[&p]),
///     "p1  pending  objective_change  grow  by anna at 2026-11-03T00:00:00Z\n");
/// # Ok::<(), okr_core::OkrError>(())
/// ```
pub fn proposals_text(proposals: &[&Proposal]) -> String {
    if proposals.is_empty() {
        return "no proposals\n".into();
    }
    let mut s = String::new();
    for p in proposals {
        s.push_str(&format!(
            "{}  {}  {}  {}  by {} at {}",
            escape(&p.id),
            p.state(),
            p.change.kind(),
            escape(p.change.entity()),
            escape(&p.by),
            format_instant(p.at)
        ));
        if let Some(note) = &p.note {
            s.push_str(&format!(": {}", escape(note)));
        }
        s.push('\n');
        if let Some(d) = &p.decision {
            s.push_str(&format!(
                "    {} by {} at {}",
                if d.approved { "approved" } else { "rejected" },
                escape(&d.by),
                format_instant(d.at)
            ));
            if let Some(c) = &d.comment {
                s.push_str(&format!(": {}", escape(c)));
            }
            s.push('\n');
        }
    }
    s
}

/// One line per comment: when, who, on what, its id (and the one it replies to), the text.
pub fn comments_text(comments: &[&Comment]) -> String {
    if comments.is_empty() {
        return "no comments\n".into();
    }
    let mut s = String::new();
    for c in comments {
        let reply = c
            .reply_to
            .as_ref()
            .map(|r| format!(", replying to {}", escape(r)))
            .unwrap_or_default();
        s.push_str(&format!(
            "{}  {}  on {}  [{}{}]: {}\n",
            format_instant(c.at),
            escape(&c.by),
            escape(&c.on.name()),
            escape(&c.id),
            reply,
            escape(&c.text)
        ));
    }
    s
}
