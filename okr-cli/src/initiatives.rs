//! `okr initiatives`: every initiative's state at a time (okr-core's `OkrGraph::initiative_status`):
//! done, share done, overdue. The rules and the text layout are okr-core's.

use std::path::Path;

use crate::{Format, Outcome, json, load_at, print};

/// Prints the state of every initiative of `file` at `as_of` (default: the end of today, UTC).
pub(crate) fn initiatives(file: &Path, as_of: &Option<String>, format: Format) -> Outcome {
    let (graph, at) = match load_at(file, as_of) {
        Ok(x) => x,
        Err(outcome) => return outcome,
    };
    let states = graph.initiative_status(at);
    match format {
        Format::Json => print(&json(&states)),
        Format::Text => print(&okr_core::render::initiatives_text(&states)),
    }
}
