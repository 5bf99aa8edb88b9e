//! Analytics managers ask for, each module with its formulas: [`coverage`] (how much work
//! traces to each company objective), [`contribution`] (each key result's exact share of an
//! objective's progress, top movers, what-if), [`what_if`] (what-if specs as text and the
//! before/after comparison, a [`RollupDiff`]), [`forecast`] (least-squares projections),
//! [`scoring`] (end-of-cycle scores and grades), [`scorecard`] (per-owner signals for
//! performance conversations), [`appraisal`] (one person's cycle for a performance
//! conversation), [`history`] (what moved between two dates), [`series`] (every node's figures at each date
//! of a range, drawn as a burn-up chart by [`OkrGraph::chart_svg`](crate::OkrGraph::chart_svg)) and [`render`]
//! (the alignment graph as DOT, Mermaid or SVG). The alignment checks are lint rules
//! (`L001`..`L014`, see [`crate::lint`]).
//!
//! The entry points are methods of [`OkrGraph`](crate::OkrGraph). Each one given an as-of
//! time computes on the model as it stood then ([`OkrGraph::at`](crate::OkrGraph::at)):
//! its objectives and key results, titles, measures, weights, links and states, not the
//! latest ones.

pub mod appraisal;
pub mod cadence;
pub mod contribution;
pub mod coverage;
pub mod diff;
pub mod forecast;
pub mod history;
pub mod render;
pub mod scorecard;
pub mod scoring;
pub mod series;
pub mod what_if;

pub use appraisal::{
    Appraisal, AppraisedAcknowledgement, AppraisedKeyResult, AppraisedObjective, AppraisedScore,
    Discipline, Feedback, STATEMENT, ScoreBasis,
};
pub use cadence::{DueCheckIn, DueState};
pub use contribution::{Contributions, KeyResultShare};
pub use coverage::{Coverage, CoverageOptions, TopCoverage};
pub use diff::{ChangedNode, RollupDiff};
pub use forecast::{Forecast, KeyResultForecast, NoForecast, ObjectiveForecast};
pub use history::{Change, Diff};
pub use render::GraphFormat;
pub use scorecard::{Scorecard, ScorecardOptions, Signal};
pub use scoring::{Grade, GradeBands, Score, Scores};
pub use series::{Frequency, MAX_SERIES_DAYS, MAX_SERIES_ENTRIES, NodeSeries, Series};
pub use what_if::parse_what_if;
