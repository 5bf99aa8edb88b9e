//! `okr kpis`: every KPI's health at a time (okr-core's `OkrGraph::kpi_health`), reported
//! apart from OKR progress. The rules and the text layout are okr-core's.

use std::path::Path;

use crate::{Format, Outcome, json, load_at, print};

/// Prints the health of every KPI of `file` at `as_of` (default: the end of today, UTC).
pub(crate) fn kpis(file: &Path, as_of: &Option<String>, format: Format) -> Outcome {
    let (graph, at) = match load_at(file, as_of) {
        Ok(x) => x,
        Err(outcome) => return outcome,
    };
    let health = graph.kpi_health(at);
    match format {
        Format::Json => print(&json(&health)),
        Format::Text => print(&okr_core::render::kpis_text(&health)),
    }
}
