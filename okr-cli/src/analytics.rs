//! Subcommands of the analytics managers ask for: coverage, contributions, what-if, forecast,
//! score, scorecard, diff, graph, chart, history and appraisal. Every figure, check and text layout comes from okr-core;
//! this file only maps options to core calls and prints the text or JSON.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use okr_core::analytics::{
    CoverageOptions, Frequency, GradeBands, GraphFormat, ScorecardOptions, parse_what_if,
};
use okr_core::{AsOf, OkrError, RollupConfig};

use crate::{Format, Outcome, as_of, fail, json, load, moment, print};

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Share of objectives and of people tracing to each top-level objective, and the people
    /// with no aligned objective.
    Coverage {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// Count only this cycle's objectives.
        #[arg(long)]
        cycle: Option<String>,
        /// Owner kinds that are people (repeatable; default `person`).
        #[arg(long = "person-kind")]
        person_kinds: Vec<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Each key result's exact share of an objective's progress, and the top movers.
    Contributions {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// An objective id.
        id: String,
        /// As of this date (YYYY-MM-DD: the end of that day, UTC) or this time with a zone
        /// (RFC 3339); default today.
        #[arg(long)]
        as_of: Option<String>,
        /// How many top movers to list.
        #[arg(long, default_value_t = okr_core::defaults::TOP_MOVERS)]
        top: usize,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Roll up with hypothetical check-ins, without changing the file.
    WhatIf {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// KR=VALUE: a number, `done` / `not-done` (boolean key results) or
        /// `milestones:NAME,NAME` (the milestones done). Repeatable.
        #[arg(long = "set", required = true)]
        set: Vec<String>,
        /// As of this date (YYYY-MM-DD: the end of that day, UTC) or this time with a zone
        /// (RFC 3339); default today.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Least-squares projection of every key result to the end of its period, rolled up.
    Forecast {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// As of this date (YYYY-MM-DD: the end of that day, UTC) or this time with a zone
        /// (RFC 3339); default today.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// End-of-cycle scores and grades (provisional before a period ends).
    Score {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// The as-of date (YYYY-MM-DD); default today.
        #[arg(long = "as-of", visible_alias = "today")]
        today: Option<String>,
        /// Success band of aspirational objectives.
        #[arg(long, default_value_t = GradeBands::default().aspirational_success)]
        aspirational_success: f64,
        /// Success band of committed objectives.
        #[arg(long, default_value_t = GradeBands::default().committed_success)]
        committed_success: f64,
        /// Partial-success band.
        #[arg(long, default_value_t = GradeBands::default().partial)]
        partial: f64,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Per-owner scorecards for performance conversations (not for pay), every figure
    /// explained.
    Scorecard {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// The as-of date (YYYY-MM-DD); default today.
        #[arg(long = "as-of", visible_alias = "today")]
        today: Option<String>,
        /// Only this owner.
        #[arg(long)]
        owner: Option<String>,
        /// Check-in cadence in days for every key result, overriding the cadences set on
        /// objectives and owners (default: each key result's cadence, else 7 days).
        #[arg(long)]
        cadence_days: Option<u32>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// The key results that owe a check-in on their cadence, who owes it and since when
    /// (due, late or missed).
    Due {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// As of this date (YYYY-MM-DD: the end of that day, UTC) or this time with a zone
        /// (RFC 3339); default today.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// What moved and what changed status between two moments.
    Diff {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// The first moment: a date (YYYY-MM-DD: the end of that day, UTC) or a time with a
        /// zone (RFC 3339).
        #[arg(long)]
        from: String,
        /// The second moment, as --from.
        #[arg(long)]
        to: String,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// The alignment graph as DOT, Mermaid or SVG, coloured by status.
    Graph {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        #[arg(long, value_enum, default_value = "dot")]
        format: PictureFormat,
        /// As of this date (YYYY-MM-DD: the end of that day, UTC) or this time with a zone
        /// (RFC 3339); default today.
        #[arg(long)]
        as_of: Option<String>,
    },
    /// A burn-up chart (SVG) of one key result (its value against the expected or planned
    /// line, check-ins as dots) or objective (its progress against the expected pace).
    Chart {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// An objective or key result id.
        id: String,
        /// The first day (YYYY-MM-DD); default the start of the node's period.
        #[arg(long)]
        from: Option<String>,
        /// The last day (YYYY-MM-DD, its end, UTC); default the end of the node's period (the
        /// key result's due date or its cycle's end).
        #[arg(long)]
        to: Option<String>,
    },
    /// Every node's (or the `--id`s') value, progress, attainment, expected progress,
    /// planned value and status at the points of a range: `--from`, then every `--every`
    /// after it while before `--to`, then `--to` itself (one rollup per point). CSV (one row
    /// per point and node: date, as_of, id, kind, value, progress, attainment, expected,
    /// planned_value, status) or JSON (the columns).
    History {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// The first point: a date (YYYY-MM-DD: the end of that day, UTC) or a time with a
        /// zone (RFC 3339).
        #[arg(long)]
        from: String,
        /// The last point, as `--from`.
        #[arg(long)]
        to: String,
        /// The step: D, W, M, Q (or day, week, month, quarter), counted from `--from`;
        /// default weekly.
        #[arg(long, visible_alias = "freq")]
        every: Option<String>,
        /// Only these objectives and key results, in this order (repeatable).
        #[arg(long = "id")]
        ids: Vec<String>,
        #[arg(long, value_enum, default_value = "csv")]
        format: TableFormat,
    },
    /// One person's cycle for a performance conversation: their objectives and key results
    /// with final or provisional scores, check-in discipline, feedback, target revisions,
    /// calibration and the sandbagging signals. OKR attainment is one input to the
    /// conversation, not a rating.
    Appraisal {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// The person (an owner id).
        #[arg(long)]
        owner: String,
        /// The cycle id.
        #[arg(long)]
        cycle: String,
        /// The as-of date (YYYY-MM-DD); default today.
        #[arg(long = "as-of")]
        as_of: Option<String>,
        /// `html`: one self-contained printable page (no script, no external resource) with
        /// a burn-up chart per key result.
        #[arg(long, value_enum, default_value = "text")]
        format: PageFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum PageFormat {
    Text,
    Json,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum TableFormat {
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum PictureFormat {
    Dot,
    Mermaid,
    Svg,
}

pub(crate) fn run(command: Command) -> Outcome {
    match render(command) {
        Ok(out) => print(&out),
        Err(e) => fail(e),
    }
}

/// The text or the JSON of a result.
fn text_or_json<T: serde::Serialize>(format: Format, x: &T, text: impl Fn(&T) -> String) -> String {
    match format {
        Format::Text => text(x),
        Format::Json => json(x),
    }
}

fn render(command: Command) -> Result<String, String> {
    let cfg = RollupConfig::default();
    // The date of a question the core asks of a calendar date (scores, scorecards) ...
    let date = |d: &Option<String>| as_of(d).map_err(|e| e.to_string());
    // ... and the moment of one it asks of a moment (rollups: a date is the end of that day).
    let at = |d: &Option<String>| moment(d).map_err(|e| e.to_string());
    let core = |e: OkrError| e.to_string();
    Ok(match command {
        Command::Coverage {
            file,
            cycle,
            person_kinds,
            format,
        } => {
            let g = load(&file)?;
            let mut options = CoverageOptions {
                cycle,
                ..CoverageOptions::default()
            };
            if !person_kinds.is_empty() {
                options.person_kinds = person_kinds;
            }
            let c = g.coverage(&options).map_err(core)?;
            text_or_json(format, &c, |c| c.render_text())
        }
        Command::Contributions {
            file,
            id,
            as_of: d,
            top,
            format,
        } => {
            let g = load(&file)?;
            let c = g.contributions(&id, at(&d)?, &cfg).map_err(core)?;
            if format == Format::Json {
                let movers: Vec<&str> = c
                    .top_movers(top)
                    .iter()
                    .map(|k| k.key_result.as_str())
                    .collect();
                return Ok(json(&serde_json::json!({
                    "contributions": c,
                    "top_movers": movers,
                })));
            }
            c.render_text(top)
        }
        Command::WhatIf {
            file,
            set,
            as_of: d,
            format,
        } => {
            let g = load(&file)?;
            let values = set
                .iter()
                .map(|s| parse_what_if(s, "--set"))
                .collect::<Result<Vec<_>, _>>()
                .map_err(core)?;
            let diff = g.what_if_diff(at(&d)?, &values, &cfg).map_err(core)?;
            match format {
                Format::Text => diff.render_text(),
                // Through a JSON value, as the command always printed the rows: keys sorted.
                Format::Json => json(&serde_json::to_value(&diff).expect("serialisable")),
            }
        }
        Command::Forecast {
            file,
            as_of: d,
            format,
        } => {
            let g = load(&file)?;
            let f = g.forecast(at(&d)?, &cfg).map_err(core)?;
            text_or_json(format, &f, |f| f.render_text())
        }
        Command::Score {
            file,
            today,
            aspirational_success,
            committed_success,
            partial,
            format,
        } => {
            let g = load(&file)?;
            let bands = GradeBands {
                aspirational_success,
                committed_success,
                partial,
            };
            let sc = g.scores(date(&today)?, &bands).map_err(core)?;
            text_or_json(format, &sc, |s| s.render_text())
        }
        Command::Due {
            file,
            as_of: d,
            format,
        } => {
            let g = load(&file)?;
            let due = g.due(at(&d)?).map_err(core)?;
            text_or_json(format, &due, |d| okr_core::render::due_text(d))
        }
        Command::Scorecard {
            file,
            today,
            owner,
            cadence_days,
            format,
        } => {
            let g = load(&file)?;
            let options = ScorecardOptions {
                cadence_days,
                owners: owner.into_iter().collect(),
                ..ScorecardOptions::default()
            };
            let cards = g.scorecards(date(&today)?, &options).map_err(core)?;
            text_or_json(format, &cards, |c| okr_core::render::scorecards_text(c))
        }
        Command::Diff {
            file,
            from,
            to,
            format,
        } => {
            let g = load(&file)?;
            let (from, to) = (AsOf::parse(&from), AsOf::parse(&to));
            let d = g.diff(from.map_err(core)?, to.map_err(core)?, &cfg);
            let d = d.map_err(core)?;
            text_or_json(format, &d, |d| d.render_text())
        }
        Command::Graph {
            file,
            format,
            as_of: d,
        } => {
            let g = load(&file)?;
            let format = match format {
                PictureFormat::Dot => GraphFormat::Dot,
                PictureFormat::Mermaid => GraphFormat::Mermaid,
                PictureFormat::Svg => GraphFormat::Svg,
            };
            g.render_graph(format, at(&d)?, &cfg).map_err(core)?
        }
        Command::Chart { file, id, from, to } => {
            let g = load(&file)?;
            let day = |d: Option<String>| {
                d.map(|d| okr_core::document::parse_date(&d))
                    .transpose()
                    .map_err(core)
            };
            g.chart_svg(&id, day(from)?, day(to)?, &cfg).map_err(core)?
        }
        Command::History {
            file,
            from,
            to,
            every,
            ids,
            format,
        } => {
            let g = load(&file)?;
            let start = AsOf::parse_field(&from, "from").map_err(core)?;
            let end = AsOf::parse_field(&to, "to").map_err(core)?;
            let every = every
                .map(|e| Frequency::parse(&e))
                .transpose()
                .map_err(core)?
                .unwrap_or_default();
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            let ids = (!ids.is_empty()).then_some(&ids[..]);
            let s = g.series_every(start, end, every, ids, &cfg).map_err(core)?;
            match format {
                TableFormat::Csv => s.to_table().to_csv(),
                TableFormat::Json => json(&s),
            }
        }
        Command::Appraisal {
            file,
            owner,
            cycle,
            as_of: d,
            format,
        } => {
            let g = load(&file)?;
            let day = date(&d)?;
            match format {
                PageFormat::Html => g.appraisal_html(&owner, &cycle, day).map_err(core)?,
                PageFormat::Text => g
                    .appraisal(&owner, &cycle, day)
                    .map_err(core)?
                    .render_text(),
                PageFormat::Json => json(&g.appraisal(&owner, &cycle, day).map_err(core)?),
            }
        }
    })
}
