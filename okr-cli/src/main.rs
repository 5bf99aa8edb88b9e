//! The `okr` command: report, check, explain, lint and analyse OKR documents.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
mod analytics;
mod cycle;
mod dependencies;
mod initiatives;
mod kpis;
mod snapshot;
mod tables;
mod view;

use okr_core::document::Limits;
use okr_core::lint;
use okr_core::report::Report;
use okr_core::{AsOf, OkrError, OkrGraph};

#[derive(Parser)]
#[command(
    name = "okr",
    version,
    about = "Objectives and key results: rollup, alignment and SMART lint",
    after_help = "Exit codes: 0 success; 1 findings (check: problems in a readable document; \
                  lint: a finding of severity error); 2 unreadable input, a bad document or a \
                  usage error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    view: view::ViewArgs,
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
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// Roll up as of this date (YYYY-MM-DD: the end of that day, UTC) or this time with a
        /// zone (RFC 3339); default today.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Every load and graph problem of a document; exits 1 when a readable document has any,
    /// 2 when the text is not a document it can read (not a JSON object, over a limit,
    /// another version).
    Check {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// A document written as a binary snapshot: the whole document, history included, that
    /// every command reads as it reads JSON, and faster; or a document (or a
    /// snapshot) written as JSON (`--format json`).
    Snapshot {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// Where to write it (`-` for standard output).
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// What to write: a binary snapshot, or the document's JSON.
        #[arg(long, value_enum, default_value = "snapshot")]
        format: snapshot::Form,
    },
    /// A document made from a folder of CSV files, one per table (`objectives.csv`,
    /// `key_results.csv`, ...), or from a spreadsheet (.xlsx) with one sheet per table (see
    /// `okr template`): every problem of every table is listed, with its table, row and
    /// column.
    ///
    /// With `--into DOC`, the tables update that document instead: each row updates what its
    /// key names (objectives, key results and links as revisions at `--at`, by `--by`), new
    /// rows are created, rows the tables lack stay unless `--delete-missing`, and what tables
    /// do not carry (`extra`, history, workflow) is kept. `--dry-run` lists what would be
    /// created, updated and deleted, and writes nothing.
    Import {
        /// A folder of CSV files named as the tables, or a spreadsheet.
        folder: PathBuf,
        /// Where to write the document (`-` for standard output).
        #[arg(short = 'o', long = "output", required_unless_present = "dry_run")]
        output: Option<PathBuf>,
        /// What to write: the document's JSON, or a binary snapshot.
        #[arg(long, value_enum, default_value = "json")]
        format: snapshot::Form,
        /// An OKR document (JSON or a snapshot) the tables update.
        #[arg(long, requires = "at")]
        into: Option<PathBuf>,
        /// When the changes take effect (YYYY-MM-DD: 00:00 UTC, or RFC 3339 with a zone).
        #[arg(long, requires = "into")]
        at: Option<String>,
        /// Who makes the changes (an owner id or any name).
        #[arg(long, requires = "into")]
        by: Option<String>,
        /// Why (recorded with each revision).
        #[arg(long, requires = "into")]
        reason: Option<String>,
        /// Delete what the tables given do not name (never check-ins).
        #[arg(long, requires = "into")]
        delete_missing: bool,
        /// Print what would be created, updated and deleted; write nothing.
        #[arg(long, requires = "into")]
        dry_run: bool,
    },
    /// A document written as tables: a folder with one CSV file per table (made if missing;
    /// files of the same names are replaced), or a spreadsheet with one sheet per table.
    /// History, workflow and `extra` data are not written: the tables hold the organisation
    /// as it is now.
    Export {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// The folder (csv) or the spreadsheet file (xlsx) to write.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// The format of the tables.
        #[arg(long, value_enum, default_value = "csv")]
        format: tables::TableFormat,
    },
    /// Starter tables (every table with all its columns and a small company) that `okr import`
    /// reads as they are.
    Template {
        /// The folder (csv) or the spreadsheet file (xlsx) to write.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// The format of the tables.
        #[arg(long, value_enum, default_value = "csv")]
        format: tables::TableFormat,
    },
    /// The breakdown behind a node's progress: each child, its progress, weight and share.
    ExplainProgress {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// An objective or key result id.
        id: String,
        /// As of this date (YYYY-MM-DD: the end of that day, UTC) or this time with a zone
        /// (RFC 3339); default today.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// The audit trail: every revision of the document (a target raised, a link removed, an
    /// objective created, ...), newest first, with when, who, what changed and why.
    Log {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// Only the revisions of this objective (and its links) or key result.
        id: Option<String>,
        /// Only the revisions taking effect at or after this date (YYYY-MM-DD: 00:00 UTC) or
        /// time with a zone (RFC 3339).
        #[arg(long)]
        since: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// The proposals of a document (new objectives and key results, changes), pending and
    /// decided, in time order.
    /// Closes a cycle: final scores frozen, each unfinished key result closed or carried into
    /// the next cycle (copies with new ids, their last value as the baseline), reflections
    /// kept. Prints what changes; writes the document to -o FILE or, with --in-place, over
    /// itself; --dry-run writes nothing.
    CloseCycle {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// The cycle to close.
        cycle: String,
        /// The cycle unfinished work is carried into.
        #[arg(long)]
        to: String,
        /// When (YYYY-MM-DD: 00:00 UTC, or RFC 3339 with a zone).
        #[arg(long)]
        at: String,
        /// Who closes it (an owner id).
        #[arg(long)]
        by: Option<String>,
        /// A JSON file: {"key_results": {"KR": "close" | "carry"}, "reflections": {"OBJ":
        /// "text" | {"text", "prompts": [{"question", "answer"}]}}}. Without it the unfinished
        /// key results of active objectives carry and the others close.
        #[arg(long)]
        decisions: Option<PathBuf>,
        /// Print what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Write the closed document here.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Write the closed document over FILE.
        #[arg(long)]
        in_place: bool,
    },
    Proposals {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// The comments of a document, in time order; with an id, those about that objective or
    /// key result (and its check-ins).
    Comments {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// An objective or key result id.
        id: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// The dependencies of a document ("X blocks Y"), each with whether it blocks at the
    /// as-of time: its blocker off track, or not started after its start_by day.
    Dependencies {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// As of this date (YYYY-MM-DD: the end of that day, UTC) or this time with a zone
        /// (RFC 3339); default today.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Every KPI's health (value in force, unit, target, trend), apart from OKR progress.
    Kpis {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// As of this date (YYYY-MM-DD: the end of that day, UTC) or this time with a zone
        /// (RFC 3339); default today.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Every initiative's state (done, share done, overdue, its key result) at a time.
    Initiatives {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// As of this date (YYYY-MM-DD: the end of that day, UTC) or this time with a zone
        /// (RFC 3339); default today.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// The objectives an owner may see (their visibility: public, owner line, private and
    /// named viewers), one id per line. `--as-viewer` runs any command on what they see.
    Visible {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        /// The viewer: an owner id.
        viewer: String,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Prints the JSON Schema of the document format.
    Schema,
    /// SMART lint of a document: text rules on every title plus structure rules.
    /// Exits 1 when any diagnostic has severity error.
    Lint {
        /// An OKR document (JSON or a snapshot).
        file: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// As-of date for deadlines and check-ins (YYYY-MM-DD); default today.
        #[arg(long = "as-of", visible_alias = "today")]
        today: Option<String>,
        /// Rule codes or prefixes to enable, comma-separated (default ALL).
        #[arg(long, value_delimiter = ',')]
        select: Vec<String>,
        /// Rule codes or prefixes to disable, comma-separated.
        #[arg(long, value_delimiter = ',')]
        ignore: Vec<String>,
        /// A lint configuration file (JSON: select, ignore, severity, thresholds,
        /// as_of (or today), fiscal_year_start_month); command-line options win.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// SMART lint of statements read from standard input, one per line: plain text or
    /// KIND<TAB>TEXT (KIND objective|key_result|goal, default goal). Prints one JSON
    /// object per line as each is read; exits 2 after reporting any bad line (an unknown
    /// kind, invalid UTF-8, or a line longer than a document's longest string, 1 MiB).
    LintText {
        /// As-of date for relative deadlines (YYYY-MM-DD); default today.
        #[arg(long = "as-of", visible_alias = "today")]
        today: Option<String>,
        /// First month of the fiscal year (1-12).
        #[arg(
            long,
            default_value_t = lint::LintConfig::default().fiscal_year_start_month,
            value_parser = clap::value_parser!(u32).range(1..=12)
        )]
        fiscal_year_start: u32,
        #[arg(long, value_enum, default_value = "json")]
        format: JsonFormat,
    },
    /// The documentation of one lint rule.
    Rule {
        /// A rule code (S001) or name (vague-statement).
        code: String,
    },
    /// Every lint rule: code, name, severity, summary.
    Rules {
        #[arg(long, value_enum, default_value = "text")]
        format: RulesFormat,
    },
    /// Key results / KPIs for an objective's text from the built-in catalog, best first, each
    /// with its score and the words that matched. Offline and deterministic.
    Suggest {
        /// The objective's text.
        text: String,
        /// The owner's function: sales, marketing, customer_success, support, product,
        /// engineering, it, hr, finance, operations, production or quality. Boosts its KPIs.
        #[arg(long)]
        function: Option<String>,
        /// How many suggestions.
        #[arg(long, default_value_t = okr_core::suggest::SuggestOptions::default().top)]
        top: usize,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    #[command(flatten)]
    Analytics(analytics::Command),
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum JsonFormat {
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum RulesFormat {
    Text,
    Json,
    /// The Markdown table used in the README.
    Markdown,
}

/// How a command ended. Its exit code is decided here and nowhere else (the README's table
/// "Exit codes" lists each command's cases).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// 0: done.
    Done,
    /// 1: done, and the input has findings: `check`'s problems of a readable document,
    /// `lint`'s findings of severity error.
    Findings,
    /// 2: unreadable input, a bad document, a bad argument or option, or output that could
    /// not be written; the message went to standard error (`check` prints an unreadable
    /// document's problem as its output). clap's own usage errors exit 2 as well.
    Failed,
}

impl Outcome {
    /// `Findings` when `found` and the command was otherwise done; a failure stays one.
    fn with_findings(self, found: bool) -> Outcome {
        match self {
            Outcome::Done if found => Outcome::Findings,
            other => other,
        }
    }
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> ExitCode {
        match o {
            Outcome::Done => ExitCode::SUCCESS,
            Outcome::Findings => ExitCode::from(1),
            Outcome::Failed => ExitCode::from(2),
        }
    }
}

fn fail(e: impl std::fmt::Display) -> Outcome {
    eprintln!("error: {e}");
    Outcome::Failed
}

/// A file's text (a regular file, a pipe, a device), read by okr-core within its limits.
fn read(path: &Path) -> Result<String, String> {
    okr_core::document::read_file(path, &Limits::default()).map_err(|e| read_failure(path, e))
}

/// What the CLI says when a file cannot be read.
pub(crate) fn read_failure(path: &Path, e: okr_core::document::ReadError) -> String {
    match e {
        okr_core::document::ReadError::Io(e) => format!("cannot read {}: {e}", path.display()),
        e => format!("{}: {e}", path.display()),
    }
}

/// The document at `path`, or with `--as-viewer` the viewer's view of it (`view.rs`): the one
/// path every command that reads a document loads it by.
fn load(path: &Path) -> Result<OkrGraph, String> {
    let bytes = read_document(path)?;
    let graph = okr_core::document::load_vec_with(bytes, &Limits::default())
        .map_err(|e| view::load_error(path, e))?;
    view::apply(graph)
}

/// A document file's bytes: JSON text or a binary snapshot (okr-core's `read_file_bytes`).
fn read_document(path: &Path) -> Result<Vec<u8>, String> {
    okr_core::document::read_file_bytes(path, &Limits::default()).map_err(|e| read_failure(path, e))
}

/// A date option (`--today`; `--as-of` of the analytics subcommands): `YYYY-MM-DD`, default
/// today (UTC).
fn as_of(arg: &Option<String>) -> Result<NaiveDate, OkrError> {
    match arg {
        Some(s) => okr_core::document::parse_date(s),
        None => Ok(today_utc()),
    }
}

/// An `--as-of` moment, read by okr-core's [`AsOf::parse`] (a date is the end of that day,
/// UTC; a time with a zone that instant); default the end of today (UTC).
fn moment(arg: &Option<String>) -> Result<AsOf, OkrError> {
    match arg {
        Some(s) => AsOf::parse(s),
        None => Ok(AsOf::from(today_utc())),
    }
}

/// The document at `path` and the moment `--as-of` names (default: the end of today, UTC);
/// the error, printed, as the command's outcome.
fn load_at(path: &Path, as_of: &Option<String>) -> Result<(OkrGraph, AsOf), Outcome> {
    let graph = load(path).map_err(fail)?;
    let at = moment(as_of).map_err(fail)?;
    Ok((graph, at))
}

/// `okr visible`: the objectives `viewer` may see (okr-core's `OkrGraph::visible_objectives`).
fn visible(file: &Path, viewer: &str, format: Format) -> Outcome {
    let graph = match load(file) {
        Ok(g) => g,
        Err(e) => return fail(e),
    };
    let ids = match graph.visible_objectives(viewer) {
        Ok(ids) => ids,
        Err(e) => return fail(e),
    };
    match format {
        Format::Json => print(&json(&ids)),
        Format::Text => {
            let lines: Vec<String> = ids
                .iter()
                .map(|id| format!("{}\n", okr_core::format::escape(id)))
                .collect();
            print(&lines.concat())
        }
    }
}

/// Today's date (UTC) from the system clock.
fn today_utc() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

fn print(s: &str) -> Outcome {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Outcome::Done,
        // A closed pipe (`okr report ... | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Outcome::Done,
        Err(e) => fail(e),
    }
}

fn json(v: &impl serde::Serialize) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("serialisable");
    s.push('\n');
    s
}

fn main() -> ExitCode {
    run(Cli::parse()).into()
}

fn run(cli: Cli) -> Outcome {
    // every command says whether it reads a document (no wildcard: a new command must)
    let no_document = match &cli.command {
        Command::Schema => Some("schema"),
        Command::Rules { .. } => Some("rules"),
        Command::Rule { .. } => Some("rule"),
        Command::LintText { .. } => Some("lint-text"),
        Command::Import { .. } => Some("import"),
        Command::Template { .. } => Some("template"),
        Command::Suggest { .. } => Some("suggest"),
        Command::Report { .. }
        | Command::Check { .. }
        | Command::Snapshot { .. }
        | Command::Export { .. }
        | Command::ExplainProgress { .. }
        | Command::Log { .. }
        | Command::CloseCycle { .. }
        | Command::Proposals { .. }
        | Command::Comments { .. }
        | Command::Dependencies { .. }
        | Command::Kpis { .. }
        | Command::Initiatives { .. }
        | Command::Visible { .. }
        | Command::Lint { .. }
        | Command::Analytics(_) => None,
    };
    if let Err(e) = view::set(cli.view, no_document) {
        return fail(e);
    }
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
            let date = match moment(&date) {
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
            let bytes = match read_document(&file) {
                Ok(b) => b,
                Err(e) => return fail(e),
            };
            // for a viewer, the view's document: a document that does not load gets the one
            // generic message (its problems may name what the viewer may not see)
            let checked = if view::active() {
                let loaded = okr_core::document::load_bytes_with(&bytes, &Limits::default());
                match loaded.map_err(|_| view::generic(&file)) {
                    Ok(g) => match view::apply(g) {
                        Ok(v) => {
                            okr_core::document::check_text_with(&v.to_json(), &Limits::default())
                        }
                        Err(e) => return fail(e),
                    },
                    Err(e) => return fail(e),
                }
            } else {
                okr_core::document::check_bytes_with(&bytes, &Limits::default())
            };
            let problems = &checked.problems;
            let out = match format {
                Format::Json => json(problems),
                Format::Text => {
                    let mut s = String::new();
                    for p in problems {
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
            // a readable document's problems are findings; a text that is not a document
            // this build reads (not a JSON object, over a limit, another version) is a failure
            match print(&out) {
                _ if !checked.readable => Outcome::Failed,
                printed => printed.with_findings(!problems.is_empty()),
            }
        }
        Command::Snapshot {
            file,
            output,
            format,
        } => snapshot::run(&file, &output, format),
        Command::Import {
            folder,
            output,
            format,
            into,
            at,
            by,
            reason,
            delete_missing,
            dry_run,
        } => match into {
            None => match output {
                Some(output) => tables::import(&folder, &output, format),
                None => fail("give -o FILE (or - for standard output)"),
            },
            Some(into) => tables::import_into(tables::IntoArgs {
                folder,
                into,
                at: at.unwrap_or_default(),
                by,
                reason,
                delete_missing,
                dry_run,
                output,
                form: format,
            }),
        },
        Command::Export {
            file,
            output,
            format,
        } => tables::export(&file, &output, format),
        Command::Template { output, format } => tables::template(&output, format),
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
            let date = match moment(&date) {
                Ok(d) => d,
                Err(e) => return fail(e),
            };
            let ex = match graph.explain_progress(&id, date) {
                Ok(x) => x,
                Err(e) => return fail(e),
            };
            match format {
                Format::Json => print(&json(&ex)),
                Format::Text => print(&ex.render_text()),
            }
        }
        Command::Log {
            file,
            id,
            since,
            format,
        } => {
            let graph = match load(&file) {
                Ok(g) => g,
                Err(e) => return fail(e),
            };
            let since = match since
                .as_deref()
                .map(|s| okr_core::Revise::parse_time(s, "since"))
                .transpose()
            {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            let entries = match graph.log(&okr_core::LogFilter { id, since }) {
                Ok(x) => x,
                Err(e) => return fail(e),
            };
            match format {
                Format::Json => print(&json(&entries)),
                Format::Text => print(&okr_core::render::log_text(&entries)),
            }
        }
        Command::CloseCycle {
            file,
            cycle,
            to,
            at,
            by,
            decisions,
            dry_run,
            format,
            output,
            in_place,
        } => cycle::close_cycle(cycle::CloseArgs {
            file,
            cycle,
            to,
            at,
            by,
            decisions,
            dry_run,
            format,
            output,
            in_place,
        }),
        Command::Proposals { file, format } => {
            let graph = match load(&file) {
                Ok(g) => g,
                Err(e) => return fail(e),
            };
            let all = graph.proposals();
            match format {
                Format::Json => {
                    let v: Vec<_> = all.iter().map(|p| p.to_json_value()).collect();
                    print(&json(&v))
                }
                Format::Text => print(&okr_core::render::proposals_text(&all)),
            }
        }
        Command::Comments { file, id, format } => {
            let graph = match load(&file) {
                Ok(g) => g,
                Err(e) => return fail(e),
            };
            let all = match &id {
                Some(id) => match graph.comments_about(id) {
                    Ok(all) => all,
                    Err(e) => return fail(e),
                },
                None => graph.comments(None),
            };
            match format {
                Format::Json => {
                    let v: Vec<_> = all.iter().map(|c| c.to_json_value()).collect();
                    print(&json(&v))
                }
                Format::Text => print(&okr_core::render::comments_text(&all)),
            }
        }
        Command::Dependencies {
            file,
            as_of,
            format,
        } => dependencies::run(&file, &as_of, format),
        Command::Kpis {
            file,
            as_of,
            format,
        } => kpis::kpis(&file, &as_of, format),
        Command::Initiatives {
            file,
            as_of,
            format,
        } => initiatives::initiatives(&file, &as_of, format),
        Command::Visible {
            file,
            viewer,
            format,
        } => visible(&file, &viewer, format),
        Command::Schema => print(&json(&okr_core::document_schema())),
        Command::Lint {
            file,
            format,
            today,
            select,
            ignore,
            config,
        } => lint(&file, format, today, select, ignore, config),
        Command::LintText {
            today,
            fiscal_year_start,
            format: JsonFormat::Json,
        } => lint_text(today, fiscal_year_start),
        Command::Rule { code } => match lint::explain(&code) {
            Some(doc) => {
                let meta = lint::rule(doc.code).expect("documented rules are in the table");
                let kind = match meta.kind {
                    lint::RuleKind::Text => "text",
                    lint::RuleKind::Structure => "structure",
                };
                print(&format!(
                    "{} ({}): {} {kind} rule\n\n{}\n",
                    doc.code, doc.name, meta.severity, doc.markdown
                ))
            }
            None => fail(format!(
                "unknown rule `{}`; `okr rules` lists every rule code",
                okr_core::format::escape(&code)
            )),
        },
        Command::Rules { format } => print(&rules_listing(format)),
        Command::Suggest {
            text,
            function,
            top,
            format,
        } => {
            let opts = okr_core::suggest::SuggestOptions { function, top };
            match okr_core::suggest::suggest(&text, &opts) {
                Ok(found) => match format {
                    Format::Json => print(&json(&found)),
                    Format::Text => print(&okr_core::render::suggestions_text(&found)),
                },
                Err(e) => fail(e),
            }
        }
        Command::Analytics(command) => analytics::run(command),
    }
}

fn lint(
    file: &Path,
    format: Format,
    today: Option<String>,
    select: Vec<String>,
    ignore: Vec<String>,
    config: Option<PathBuf>,
) -> Outcome {
    let mut cfg = match &config {
        // read by the core's options reader, as Python's and JavaScript's lint options are
        Some(p) => match read(p).and_then(|t| {
            okr_core::options::from_json::<lint::LintConfig>("lint", &t)
                .map_err(|e| format!("{}: {e}", p.display()))
        }) {
            Ok(c) => c,
            Err(e) => return fail(e),
        },
        None => lint::LintConfig::default(),
    };
    if let Some(t) = &today {
        match okr_core::document::parse_date(t) {
            Ok(d) => cfg.as_of = Some(d),
            Err(e) => return fail(e),
        }
    }
    if !select.is_empty() {
        cfg.select = select;
    }
    cfg.ignore.extend(ignore);
    if let Err(e) = cfg.validate() {
        return fail(e);
    }
    let graph = match load(file) {
        Ok(g) => g,
        Err(e) => return fail(e),
    };
    let diags = lint::lint_graph(&graph, &cfg, today_utc());
    let out = match format {
        Format::Json => json(&diags),
        Format::Text => okr_core::render::diagnostics_text(&file.display().to_string(), &diags),
    };
    print(&out).with_findings(diags.iter().any(|d| d.severity == lint::Severity::Error))
}

fn lint_text(today: Option<String>, fiscal_year_start: u32) -> Outcome {
    let mut cfg = lint::LintConfig {
        fiscal_year_start_month: fiscal_year_start,
        ..lint::LintConfig::default()
    };
    if let Some(t) = &today {
        match okr_core::document::parse_date(t) {
            Ok(d) => cfg.as_of = Some(d),
            Err(e) => return fail(e),
        }
    }
    // One line at a time, each result written as soon as it is made: memory stays the same
    // whatever the length of the input.
    let lines = lint::LintTextLines::new(
        std::io::stdin().lock(),
        &okr_core::document::Limits::default(),
    );
    let mut out = std::io::stdout().lock();
    let mut bad = 0usize;
    for line in lines {
        match line {
            Ok(l) => {
                let report = lint::lint_text_report(&l.text, l.kind, &cfg, today_utc());
                let mut row = serde_json::to_string(&report).expect("serialisable");
                row.push('\n');
                match out.write_all(row.as_bytes()).and_then(|_| out.flush()) {
                    Ok(()) => {}
                    // a closed pipe (`okr lint-text | head`): stop reading
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => break,
                    Err(e) => return fail(e),
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                bad += 1;
            }
        }
    }
    if bad > 0 {
        Outcome::Failed
    } else {
        Outcome::Done
    }
}

fn rules_listing(format: RulesFormat) -> String {
    match format {
        RulesFormat::Markdown => lint::rules_markdown_table(),
        RulesFormat::Json => {
            let rows: Vec<serde_json::Value> = lint::rules()
                .iter()
                .map(|r| {
                    let d = lint::explain(r.code).expect("documented");
                    serde_json::json!({
                        "code": r.code,
                        "name": r.name,
                        "category": r.category,
                        "severity": r.severity,
                        "kind": r.kind,
                        "summary": d.summary(),
                    })
                })
                .collect();
            json(&rows)
        }
        RulesFormat::Text => {
            let mut s = String::new();
            for r in lint::rules() {
                let d = lint::explain(r.code).expect("documented");
                let kind = match r.kind {
                    lint::RuleKind::Text => "text",
                    lint::RuleKind::Structure => "structure",
                };
                s.push_str(&format!(
                    "{}  {:<34} {:<8} {:<9} {}\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    kind,
                    d.summary()
                ));
            }
            s
        }
    }
}
