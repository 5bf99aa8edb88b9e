//! Text renderers: what the `okr` command prints, for any front end to reuse. Each result type
//! renders itself with a `render_text` method ([`Report::render_text`](crate::report::Report),
//! [`Explanation::render_text`](crate::Explanation::render_text), and in
//! [`analytics`](crate::analytics): [`Coverage`](crate::analytics::Coverage::render_text),
//! [`Contributions`](crate::analytics::Contributions::render_text),
//! [`RollupDiff`](crate::analytics::RollupDiff::render_text),
//! [`Forecast`](crate::analytics::Forecast::render_text),
//! [`Scores`](crate::analytics::Scores::render_text),
//! [`Diff`](crate::analytics::Diff::render_text)); lists render with [`suggestions_text`] and
//! [`scorecards_text`]; lint findings with [`diagnostics_text`]; the audit trail with [`log_text`]; proposals and comments with [`proposals_text`] and
//! [`comments_text`]; dependencies with [`dependencies_text`]. Every number goes through
//! [`crate::format`] (also re-exported here as `render::fmt`), and so does every text from
//! the document (ids, titles, names: [`escape`](crate::format::escape)), so that control and
//! bidirectional characters never reach a terminal raw. JSON output is not escaped.

mod analytics;
mod appraisal;
mod chart;
mod dependencies;
mod explain;
mod html;
mod initiatives;
mod kpis;
mod lint;
mod log;
mod suggest;
mod table;
mod workflow;

pub use crate::format as fmt;
pub use analytics::{due_text, scorecards_text};
pub use dependencies::dependencies_text;
pub use html::{HTML_MAX_ROWS, html_escape, progress_bar_html, status_colour};
pub use initiatives::initiatives_text;
pub use kpis::kpis_text;
pub use lint::diagnostics_text;
pub use log::{log_sentence, log_text};
pub use suggest::suggestions_text;
pub use workflow::{comments_text, proposals_text};
