//! `okr close-cycle`: closes a cycle of a document (okr-core's `OkrGraph::close_cycle`), prints
//! what changes, and writes the document to `-o FILE` or over itself with `--in-place` (as a
//! snapshot when it was read from one). Every
//! decision and rule is okr-core's; this file reads the arguments and writes the files.

use std::path::PathBuf;

use okr_core::workflow::CloseDecisions;

use crate::{Format, Outcome, fail, json, load, print, read};

/// The arguments of `okr close-cycle`.
pub(crate) struct CloseArgs {
    pub(crate) file: PathBuf,
    pub(crate) cycle: String,
    pub(crate) to: String,
    pub(crate) at: String,
    pub(crate) by: Option<String>,
    pub(crate) decisions: Option<PathBuf>,
    pub(crate) dry_run: bool,
    pub(crate) format: Format,
    pub(crate) output: Option<PathBuf>,
    pub(crate) in_place: bool,
}

pub(crate) fn close_cycle(a: CloseArgs) -> Outcome {
    let target = match (&a.output, a.in_place, a.dry_run) {
        (_, _, true) => None,
        (Some(o), false, false) => Some(o.clone()),
        (None, true, false) => Some(a.file.clone()),
        (None, false, false) => {
            return fail(
                "close-cycle writes the closed document: give -o FILE, or --in-place to write \
                 over the input (or --dry-run to only see what would change)",
            );
        }
        (Some(_), true, false) => return fail("give either -o FILE or --in-place, not both"),
    };
    let mut graph = match load(&a.file) {
        Ok(g) => g,
        Err(e) => return fail(e),
    };
    let at = match okr_core::Revise::parse_time(&a.at, "at") {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let decisions = match &a.decisions {
        None => CloseDecisions::default(),
        Some(path) => match read(path).map(|t| CloseDecisions::from_json(&t)) {
            Ok(Ok(d)) => d,
            Ok(Err(e)) => return fail(format!("{}: {e}", path.display())),
            Err(e) => return fail(e),
        },
    };
    let mut meta = okr_core::Revise::at(at);
    meta.by = a.by.clone();
    let report = if a.dry_run {
        graph.close_cycle_dry_run(&a.cycle, Some(&a.to), meta, &decisions)
    } else {
        graph.close_cycle(&a.cycle, Some(&a.to), meta, &decisions)
    };
    let report = match report {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    if let Some(path) = target
        && let Err(e) = crate::snapshot::write_document(&path, &a.file, &graph)
    {
        return fail(format!("{}: {e}", path.display()));
    }
    match a.format {
        Format::Json => print(&json(&report)),
        Format::Text => print(&report.render_text()),
    }
}
