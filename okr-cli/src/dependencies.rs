//! `okr dependencies`: every dependency of a document and whether it blocks at a time.

use std::path::Path;

use super::{Format, Outcome, fail, json, load_at, print};

/// Lists the dependencies of the document at `file` with whether each blocks at `as_of`.
pub(super) fn run(file: &Path, as_of: &Option<String>, format: Format) -> Outcome {
    let (graph, at) = match load_at(file, as_of) {
        Ok(x) => x,
        Err(outcome) => return outcome,
    };
    let list = match graph.dependency_status(at, &okr_core::RollupConfig::default()) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    match format {
        Format::Json => print(&json(&list)),
        Format::Text => print(&okr_core::render::dependencies_text(&list)),
    }
}
