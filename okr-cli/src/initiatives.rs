//! `okr initiatives`: every initiative's state at a time (okr-core's `OkrGraph::initiative_status`):
//! done, share done, overdue. The rules and the text layout are okr-core's.

use std::path::Path;

use crate::{Format, Outcome, fail, json, load, moment, print};

/// Prints the state of every initiative of `file` at `as_of` (default: the end of today, UTC).
pub(crate) fn initiatives(file: &Path, as_of: &Option<String>, format: Format) -> Outcome {
    let graph = match load(file) {
        Ok(g) => g,
        Err(e) => return fail(e),
    };
    let at = match moment(as_of) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let states = graph.initiative_status(at);
    match format {
        Format::Json => print(&json(&states)),
        Format::Text => print(&okr_core::render::initiatives_text(&states)),
    }
}
