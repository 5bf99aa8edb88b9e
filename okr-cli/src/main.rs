//! The `okr` command: report, check and explain OKR documents.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use okr_core::report::Report;
use okr_core::{OkrError, OkrGraph};

#[derive(Parser)]
#[command(
    name = "okr",
    version,
    about = "Objectives and key results: rollup, alignment and SMART lint"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// The alignment tree with progress, expected pace, status, confidence and stale marks.
    Report {
        /// An OKR document (JSON).
        file: PathBuf,
        /// Roll up as of this date (YYYY-MM-DD, end of day UTC); default today.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Every load and graph problem of a document; exits 1 when there is any error.
    Check {
        /// An OKR document (JSON).
        file: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// The breakdown behind a node's progress: each child, its progress, weight and share.
    ExplainProgress {
        /// An OKR document (JSON).
        file: PathBuf,
        /// An objective or key result id.
        id: String,
        /// As of this date (YYYY-MM-DD); default today.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Prints the JSON Schema of the document format.
    Schema,
}

fn fail(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(2)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn load(path: &Path) -> Result<OkrGraph, String> {
    let text = read(path)?;
    okr_core::document::load_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn as_of(arg: &Option<String>) -> Result<NaiveDate, OkrError> {
    match arg {
        Some(s) => okr_core::document::parse_date(s),
        None => Ok(chrono::Utc::now().date_naive()),
    }
}

fn print(s: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`okr report ... | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

fn json(v: &impl serde::Serialize) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("serialisable");
    s.push('\n');
    s
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Report {
            file,
            as_of: date,
            format,
        } => {
            let graph = match load(&file) {
                Ok(g) => g,
                Err(e) => return fail(e),
            };
            let date = match as_of(&date) {
                Ok(d) => d,
                Err(e) => return fail(e),
            };
            let rollup = graph.rollup(date);
            match format {
                Format::Text => print(&Report::render_text(&graph, &rollup)),
                Format::Json => print(&json(&Report::new(&graph, &rollup))),
            }
        }
        Command::Check { file, format } => {
            let text = match read(&file) {
                Ok(t) => t,
                Err(e) => return fail(e),
            };
            let problems = okr_core::document::check_str(&text);
            let out = match format {
                Format::Json => json(&problems),
                Format::Text => {
                    let mut s = String::new();
                    for p in &problems {
                        s.push_str(&format!("{}: error[{}] {p}\n", file.display(), p.code));
                    }
                    if problems.is_empty() {
                        s.push_str(&format!("{}: no problems found\n", file.display()));
                    } else {
                        s.push_str(&format!("{} error(s)\n", problems.len()));
                    }
                    s
                }
            };
            let code = print(&out);
            if problems.is_empty() {
                code
            } else {
                ExitCode::from(1)
            }
        }
        Command::ExplainProgress {
            file,
            id,
            as_of: date,
            format,
        } => {
            let graph = match load(&file) {
                Ok(g) => g,
                Err(e) => return fail(e),
            };
            let date = match as_of(&date) {
                Ok(d) => d,
                Err(e) => return fail(e),
            };
            let ex = match graph.explain_progress(&id, date) {
                Ok(x) => x,
                Err(e) => return fail(e),
            };
            match format {
                Format::Json => print(&json(&ex)),
                Format::Text => print(&render_explanation(&ex)),
            }
        }
        Command::Schema => print(&json(&okr_core::document_schema())),
    }
}

fn pct(p: Option<f64>) -> String {
    p.map(|p| format!("{:.1}%", p * 100.0))
        .unwrap_or_else(|| "undefined".into())
}

fn render_explanation(ex: &okr_core::Explanation) -> String {
    let mut s = format!(
        "{} [{}]\nprogress {}  attainment {}  expected {}  status {}\n\n{}\n",
        ex.title,
        ex.id,
        pct(ex.values.progress),
        pct(ex.values.attainment),
        pct(Some(ex.values.expected)),
        ex.values.status.as_str(),
        ex.summary
    );
    if !ex.contributions.is_empty() {
        s.push_str(&format!(
            "\n{:<28} {:>10} {:>7} {:>7} {:>12}  note\n",
            "child", "progress", "weight", "share", "contributes"
        ));
        for c in &ex.contributions {
            let row = format!(
                "{:<28} {:>10} {:>7} {:>7} {:>12}  {}",
                c.id,
                pct(c.progress),
                c.weight,
                c.weight_share
                    .map(|w| format!("{:.1}%", w * 100.0))
                    .unwrap_or_else(|| "-".into()),
                c.contribution
                    .map(|w| format!("{:.1} pts", w * 100.0))
                    .unwrap_or_else(|| "-".into()),
                c.note.as_deref().unwrap_or("")
            );
            s.push_str(row.trim_end());
            s.push('\n');
        }
    }
    s
}
