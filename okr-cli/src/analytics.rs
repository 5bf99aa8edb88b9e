//! Subcommands of the analytics managers ask for: coverage, contributions, what-if, forecast,
//! score, scorecard, diff and graph. Every figure comes from okr-core; this file only parses
//! options and lays results out as text or JSON.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use okr_core::analytics::{
    CoverageOptions, GradeBands, GraphFormat, ScorecardOptions, parse_what_if,
};
use okr_core::{OkrError, RollupConfig};

use crate::{Format, as_of, fail, json, load, pct, print};

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Share of objectives and of people tracing to each top-level objective, and the people
    /// with no aligned objective.
    Coverage {
        /// An OKR document (JSON).
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
        /// An OKR document (JSON).
        file: PathBuf,
        /// An objective id.
        id: String,
        /// As of this date (YYYY-MM-DD); default today.
        #[arg(long)]
        as_of: Option<String>,
        /// How many top movers to list.
        #[arg(long, default_value_t = 5)]
        top: usize,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Roll up with hypothetical check-ins, without changing the file.
    WhatIf {
        /// An OKR document (JSON).
        file: PathBuf,
        /// KR=VALUE: a number, `done` / `not-done` (boolean key results) or
        /// `milestones:NAME,NAME` (the milestones done). Repeatable.
        #[arg(long = "set", required = true)]
        set: Vec<String>,
        /// As of this date (YYYY-MM-DD); default today.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Least-squares projection of every key result to the end of its period, rolled up.
    Forecast {
        /// An OKR document (JSON).
        file: PathBuf,
        /// As of this date (YYYY-MM-DD); default today.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// End-of-cycle scores and grades (provisional before a period ends).
    Score {
        /// An OKR document (JSON).
        file: PathBuf,
        /// The as-of date (YYYY-MM-DD); default today.
        #[arg(long)]
        today: Option<String>,
        /// Success band of aspirational objectives.
        #[arg(long, default_value_t = 0.7)]
        aspirational_success: f64,
        /// Success band of committed objectives.
        #[arg(long, default_value_t = 1.0)]
        committed_success: f64,
        /// Partial-success band.
        #[arg(long, default_value_t = 0.4)]
        partial: f64,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Per-owner scorecards for performance conversations (not for pay), every figure
    /// explained.
    Scorecard {
        /// An OKR document (JSON).
        file: PathBuf,
        /// The as-of date (YYYY-MM-DD); default today.
        #[arg(long)]
        today: Option<String>,
        /// Only this owner.
        #[arg(long)]
        owner: Option<String>,
        /// Expected check-in cadence in days.
        #[arg(long, default_value_t = 7)]
        cadence_days: u32,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// What moved and what changed status between two dates.
    Diff {
        /// An OKR document (JSON).
        file: PathBuf,
        /// The first date (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// The second date (YYYY-MM-DD).
        #[arg(long)]
        to: String,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// The alignment graph as DOT, Mermaid or SVG, coloured by status.
    Graph {
        /// An OKR document (JSON).
        file: PathBuf,
        #[arg(long, value_enum, default_value = "dot")]
        format: PictureFormat,
        /// As of this date (YYYY-MM-DD); default today.
        #[arg(long)]
        as_of: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum PictureFormat {
    Dot,
    Mermaid,
    Svg,
}

fn share(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn num(v: Option<f64>) -> String {
    v.map_or("-".into(), |v| format!("{v:.2}"))
}

pub(crate) fn run(command: Command) -> ExitCode {
    match render(command) {
        Ok(out) => print(&out),
        Err(e) => fail(e),
    }
}

fn render(command: Command) -> Result<String, String> {
    let cfg = RollupConfig::default();
    let date = |d: &Option<String>| as_of(d).map_err(|e| e.to_string());
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
            if format == Format::Json {
                return Ok(json(&c));
            }
            let mut s = format!(
                "{} objective(s){}, {} traced to a top-level objective ({}); {} people\n\n",
                c.objectives,
                c.cycle
                    .as_deref()
                    .map(|c| format!(" in cycle {c}"))
                    .unwrap_or_default(),
                c.traced_objectives,
                share(c.traced_share),
                c.people
            );
            let _ = writeln!(
                s,
                "{:>10} {:>10}  top-level objective",
                "objectives", "people"
            );
            for t in &c.top_level {
                let _ = writeln!(
                    s,
                    "{:>10} {:>10}  {} [{}]",
                    format!("{} {}", t.objectives, share(t.objective_share)),
                    format!("{} {}", t.people, share(t.people_share)),
                    t.title,
                    t.objective
                );
            }
            if !c.people_without_aligned_objectives.is_empty() {
                let _ = writeln!(
                    s,
                    "\npeople without an aligned objective: {}",
                    c.people_without_aligned_objectives.join(", ")
                );
            }
            s
        }
        Command::Contributions {
            file,
            id,
            as_of: d,
            top,
            format,
        } => {
            let g = load(&file)?;
            let c = g.contributions(&id, date(&d)?, &cfg).map_err(core)?;
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
            let mut s = format!("{id}: progress {}\n\n", pct(c.progress));
            let _ = writeln!(
                s,
                "{:<28} {:>8} {:>9} {:>12} {:>9}  objective",
                "key result", "share", "progress", "contributes", "headroom"
            );
            for k in &c.key_results {
                let _ = writeln!(
                    s,
                    "{:<28} {:>8} {:>9} {:>12} {:>9}  {}",
                    k.key_result,
                    share(k.share),
                    share(k.progress),
                    format!("{:.1} pts", k.contribution * 100.0),
                    format!("{:.1} pts", k.headroom * 100.0),
                    k.objective
                );
            }
            let movers: Vec<String> = c
                .top_movers(top)
                .iter()
                .map(|k| format!("{} (+{:.1} pts per 10 pts)", k.key_result, k.share * 10.0))
                .collect();
            if !movers.is_empty() {
                let _ = writeln!(s, "\ntop movers: {}", movers.join(", "));
            }
            s
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
            let diff = g.what_if_diff(date(&d)?, &values, &cfg).map_err(core)?;
            if format == Format::Json {
                // Through a JSON value, as the command always printed the rows: keys sorted.
                return Ok(json(&serde_json::to_value(&diff).expect("serialisable")));
            }
            let mut s = format!("{:<28} {:>9} {:>9}  status\n", "changed", "before", "after");
            for c in &diff.changes {
                let _ = writeln!(
                    s,
                    "{:<28} {:>9} {:>9}  {}",
                    c.id,
                    pct(c.progress_before),
                    pct(c.progress_after),
                    if c.status_changed() {
                        format!(
                            "{} -> {}",
                            c.status_before.as_str(),
                            c.status_after.as_str()
                        )
                    } else {
                        c.status_after.as_str().to_string()
                    }
                );
            }
            if diff.is_empty() {
                s.push_str("nothing changes\n");
            }
            s
        }
        Command::Forecast {
            file,
            as_of: d,
            format,
        } => {
            let g = load(&file)?;
            let f = g.forecast(date(&d)?, &cfg).map_err(core)?;
            if format == Format::Json {
                return Ok(json(&f));
            }
            let mut s = format!(
                "{:<28} {:>10} {:>14} {:>24} {:>9}\n",
                "key result", "period end", "projected", "band", "progress"
            );
            for k in &f.key_results {
                let _ = writeln!(
                    s,
                    "{:<28} {:>10} {:>14} {:>24} {:>9}",
                    k.key_result,
                    k.period_end.to_string(),
                    format!("{:.2}", k.value),
                    format!("{:.2} .. {:.2}", k.low, k.high),
                    pct(k.progress)
                );
            }
            for k in &f.skipped {
                let _ = writeln!(s, "{:<28} no forecast: {}", k.key_result, k.reason);
            }
            let _ = writeln!(s, "\n{:<28} {:>9}", "objective", "projected");
            for o in &f.objectives {
                let _ = writeln!(s, "{:<28} {:>9}", o.objective, pct(o.progress));
            }
            s
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
            if format == Format::Json {
                return Ok(json(&sc));
            }
            let mut s = format!(
                "{:<28} {:<12} {:>8} {:>10}  grade\n",
                "id", "type", "score", "period end"
            );
            for x in sc.objectives.iter().chain(&sc.key_results) {
                let _ = writeln!(
                    s,
                    "{:<28} {:<12} {:>8} {:>10}  {}{}",
                    x.id,
                    x.objective_type.as_str(),
                    pct(x.score),
                    x.period_end.to_string(),
                    x.grade.as_str(),
                    if x.is_final { "" } else { " (provisional)" }
                );
            }
            s
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
            if format == Format::Json {
                return Ok(json(&cards));
            }
            let mut s = String::new();
            for c in &cards {
                let _ = writeln!(
                    s,
                    "{} ({} objective(s), {} key result(s))",
                    c.owner, c.objectives, c.key_results
                );
                for sig in &c.signals {
                    let _ = writeln!(
                        s,
                        "  {:<28} {:>6}  {}{}",
                        sig.name,
                        num(sig.value),
                        if sig.raised { "SIGNAL: " } else { "" },
                        sig.explanation
                    );
                }
                s.push('\n');
            }
            s
        }
        Command::Diff {
            file,
            from,
            to,
            format,
        } => {
            let g = load(&file)?;
            let from = okr_core::document::parse_date(&from).map_err(core)?;
            let to = okr_core::document::parse_date(&to).map_err(core)?;
            let d = g.diff(from, to, &cfg).map_err(core)?;
            if format == Format::Json {
                return Ok(json(&d));
            }
            let mut s = format!(
                "{from} -> {to}\n{:<28} {:>9} {:>9} {:>9}  status\n",
                "id", "from", "to", "change"
            );
            for c in &d.changes {
                let _ = writeln!(
                    s,
                    "{:<28} {:>9} {:>9} {:>9}  {}",
                    c.id,
                    pct(c.from_progress),
                    pct(c.to_progress),
                    c.delta
                        .map_or("-".into(), |x| format!("{:+.1} pts", x * 100.0)),
                    if c.status_changed() {
                        format!("{} -> {}", c.from_status.as_str(), c.to_status.as_str())
                    } else {
                        c.to_status.as_str().to_string()
                    }
                );
            }
            s
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
            g.render_graph(format, date(&d)?, &cfg).map_err(core)?
        }
    })
}
