//! Dependencies as text ([`dependencies_text`]): what `okr dependencies` prints.

use std::fmt::Write as _;

use crate::dependency::DependencyStatus;
use crate::format::escape;

/// One line per dependency: `blocker blocks blocked`, its `start_by` day, whether it blocks
/// now and why, and its note; then how many block. Ids and notes are
/// [escaped](crate::format::escape).
///
/// # Complexity
/// O(D) plus the length of the text.
pub fn dependencies_text(list: &[DependencyStatus]) -> String {
    let mut out = String::new();
    if list.is_empty() {
        out.push_str("No dependencies.\n");
        return out;
    }
    for s in list {
        let d = &s.dependency;
        let _ = write!(out, "{} blocks {}", escape(&d.blocker), escape(&d.blocked));
        if let Some(day) = d.start_by {
            let _ = write!(out, " (start by {day})");
        }
        match s.reason {
            Some(r) => {
                let _ = write!(out, ": BLOCKING ({})", r.describe());
            }
            None => out.push_str(": not blocking"),
        }
        if let Some(note) = &d.note {
            let _ = write!(out, " — {}", escape(note));
        }
        out.push('\n');
    }
    let n = list.iter().filter(|s| s.blocks_now).count();
    let _ = writeln!(out, "{} dependencies, {n} blocking.", list.len());
    out
}
