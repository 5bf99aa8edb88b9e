//! # okr-core
//!
//! The engine under okr: objectives, key results, check-ins, owners and cycles in a weighted
//! alignment DAG (an objective may contribute to several parents); progress rollup (full and
//! incremental), pace and status, planned targets and manual overrides; "why is this 39%?"
//! explanations; goals over time (every change a revision with a time, an author and a reason;
//! [`OkrGraph::at`] the graph as it stood; [`OkrGraph::log`] the audit trail); KPIs, health
//! metrics apart from OKR progress ([`kpi`], [`OkrGraph::kpi_health`]); a versioned JSON
//! document format.
//!
//! Start with [`OkrGraph`] or [`document::load_str`]. Errors are one enum, [`OkrError`], with a
//! stable [`code`](OkrError::code) per variant.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod algo;
mod align;
pub mod analytics;
mod cadence;
pub mod defaults;
mod dependency;
pub mod document;
mod error;
mod explain;
mod extra;
pub mod format;
mod graph;
mod graph_limits;
pub mod initiative;
mod initiatives;
mod json_scan;
pub mod kpi;
mod kpis;
mod limits;
mod links;
pub mod lint;
mod live;
mod model;
pub mod options;
mod patch;
pub mod render;
pub mod report;
mod revise;
mod rollup;
mod rollup_table;
mod sort;
mod store;
pub mod suggest;
pub mod tables;
pub mod text;
pub mod time;
pub mod view;
pub mod workflow;

pub use cadence::{Cadence, Every, MAX_EVERY_DAYS};
pub use dependency::{DependenciesOf, DependencyStatus};
pub use error::{ERROR_NAMES, EntityKind, Ids, OkrError, Result};
pub use explain::{Contribution, ExplainedBlocker, Explanation, KeyResultDetail};
pub use graph::OkrGraph;
pub use initiative::{Initiative, InitiativeStatus, InitiativeSummary, InitiativeUpdate};
pub use kpi::{Health, Kpi, KpiHealth, KpiStatus, KpiTarget, KpiValue, Trend};
pub use links::LinkInfo;
pub use lint::{Diagnostic, LintConfig, Severity, lint_graph};
pub use live::LiveRollup;
pub use model::{
    AggregateFunction, Bound, CheckIn, CheckInValue, Cycle, Direction, Extra, Group, KeyResult,
    KeyResultParent, LinkKind, ManualOverride, Measure, Milestone, Objective, ObjectiveState,
    ObjectiveType, Owner, PlanPoint, RollupMode, StatusRule, Visibility,
};
pub use patch::{KeyResultPatch, ObjectivePatch};
pub use revise::{GraphAt, LogEntry, LogFilter};
pub use rollup::{
    BlockReason, Blocker, FigureColumns, FigureSource, HiddenEntry, NodeKind, NodeResult,
    NodeValues, Rollup, RollupColumns, RollupConfig, RollupTable, Status, TextColumn,
    UndefinedReason,
};
pub use store::Revise;
pub use store::dependencies::Dependency;
pub use time::AsOf;
pub use view::ViewPolicy;

/// The JSON Schema of the document format, generated from the Rust types.
#[cfg(feature = "schema")]
pub fn document_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(document::Document)).expect("schema serialises")
}

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
