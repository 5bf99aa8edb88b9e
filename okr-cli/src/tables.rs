//! `okr import`, `okr export` and `okr template`: an organisation as a folder of CSV files, one
//! per table of okr-core's tabular model (`objectives.csv`, `key_results.csv`, ...), or as a
//! spreadsheet with one sheet per table. Reading, checking and writing the tables is
//! okr-core's (`okr_core::tables`); this module finds the files and prints.

use std::path::{Path, PathBuf};

use okr_core::OkrError;
use okr_core::document::Limits;
use okr_core::tables::{ImportOptions, TABLE_NAMES, Tables};

use crate::snapshot::{Form, write_atomically};
use crate::{Outcome, fail, load, print};

/// The formats tables are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum TableFormat {
    /// A folder with one CSV file per table.
    Csv,
    /// A spreadsheet (.xlsx) with one sheet per table.
    Xlsx,
}

/// `okr import BOOK.xlsx|FOLDER -o OUT [--format json|snapshot]`.
pub(crate) fn import(folder: &Path, output: &Path, form: Form) -> Outcome {
    let read = if folder.is_dir() {
        read_folder(folder).map(|texts| {
            let texts = texts.iter().map(|(n, t)| (n.as_str(), t.as_str()));
            Tables::graph_from_csv_texts(texts, &Limits::default())
        })
    } else {
        okr_core::document::read_file_binary(folder, &Limits::default())
            .map_err(|e| crate::read_failure(folder, e))
            .map(|bytes| Tables::graph_from_xlsx(&bytes, &Limits::default()))
    };
    let read = match read {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let graph = match read {
        Ok(g) => g,
        Err(e) => return failed(folder, e),
    };
    crate::snapshot::write(&graph, output, form)
}

/// A failed import: every problem of the tables one a line, each naming its file (or sheet),
/// row and column; any other error as it is.
fn failed(folder: &Path, e: OkrError) -> Outcome {
    let OkrError::InvalidTables { problems } = e else {
        return fail(e);
    };
    eprintln!(
        "error: {} problem{} in {}:",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        folder.display()
    );
    let csv = folder.is_dir();
    for p in &problems {
        let mut p = p.clone();
        if csv && !p.table.is_empty() {
            p.table.push_str(".csv");
        }
        eprintln!("  {p}");
    }
    Outcome::Failed
}

/// The arguments of `okr import FOLDER|BOOK --into DOC`.
pub(crate) struct IntoArgs {
    pub(crate) folder: PathBuf,
    pub(crate) into: PathBuf,
    pub(crate) at: String,
    pub(crate) by: Option<String>,
    pub(crate) reason: Option<String>,
    pub(crate) delete_missing: bool,
    pub(crate) dry_run: bool,
    pub(crate) output: Option<PathBuf>,
    pub(crate) form: Form,
}

/// `okr import FOLDER|BOOK --into DOC --at TIME [--by ID] [--reason TEXT] [--delete-missing]
/// [--dry-run] [-o OUT]`: the tables laid over the document (okr-core's
/// `Tables::import_into`); prints what is (or would be) created, updated and deleted.
pub(crate) fn import_into(a: IntoArgs) -> Outcome {
    let limits = Limits::default();
    let at = match okr_core::Revise::parse_time(&a.at, "at") {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let graph = match load(&a.into) {
        Ok(g) => g,
        Err(e) => return fail(e),
    };
    let tables = if a.folder.is_dir() {
        read_folder(&a.folder).and_then(|texts| {
            let total: usize = texts.iter().map(|(_, t)| t.len()).sum();
            okr_core::document::check_size(total as u64, &limits).map_err(|e| e.to_string())?;
            Ok(Tables::from_csv_texts(
                texts.iter().map(|(n, t)| (n.as_str(), t.as_str())),
            ))
        })
    } else {
        okr_core::document::read_file_binary(&a.folder, &limits)
            .map_err(|e| crate::read_failure(&a.folder, e))
            .map(|bytes| Tables::from_xlsx(&bytes))
    };
    let tables = match tables {
        Ok(Ok(t)) => t,
        Ok(Err(e)) => return failed(&a.folder, e),
        Err(e) => return fail(e),
    };
    let mut meta = okr_core::Revise::at(at);
    meta.by = a.by;
    meta.reason = a.reason;
    let options = ImportOptions {
        delete_missing: a.delete_missing,
    };
    let (updated, report) = match tables.import_into(&graph, meta, options) {
        Ok(r) => r,
        Err(e) => return failed(&a.folder, e),
    };
    if !a.dry_run
        && let Some(output) = &a.output
    {
        let written = crate::snapshot::write(&updated, output, a.form);
        if !matches!(written, Outcome::Done) {
            return written;
        }
    }
    if a.dry_run || a.output.as_deref() != Some(Path::new("-")) {
        print(&report.render_text())
    } else {
        // the document went to standard output: the report goes to standard error
        eprint!("{}", report.render_text());
        Outcome::Done
    }
}

/// `okr export FILE --format csv|xlsx -o FOLDER|BOOK.xlsx`.
pub(crate) fn export(file: &Path, output: &Path, format: TableFormat) -> Outcome {
    let graph = match load(file) {
        Ok(g) => g,
        Err(e) => return fail(e),
    };
    write_tables(&Tables::of_graph(&graph), output, format)
}

/// `okr template --format csv|xlsx -o FOLDER|BOOK.xlsx`.
pub(crate) fn template(output: &Path, format: TableFormat) -> Outcome {
    write_tables(&Tables::template(), output, format)
}

fn write_tables(tables: &Tables, output: &Path, format: TableFormat) -> Outcome {
    match format {
        TableFormat::Csv => write_folder(tables, output),
        TableFormat::Xlsx => {
            let bytes = match tables.to_xlsx() {
                Ok(b) => b,
                Err(e) => return fail(e),
            };
            if let Err(e) = write_atomically(output, &bytes) {
                return fail(format!("{}: {e}", output.display()));
            }
            let sheets: Vec<String> = tables
                .iter()
                .map(|(n, t)| {
                    format!(
                        "{n} ({} row{})",
                        t.rows(),
                        if t.rows() == 1 { "" } else { "s" }
                    )
                })
                .collect();
            print(&format!(
                "{}: {} sheets: {}\n",
                output.display(),
                sheets.len(),
                sheets.join(", ")
            ))
        }
    }
}

/// The CSV texts of `folder`: every `<table>.csv` in it (a `.csv` file of another name is an
/// error the core reports with the others).
fn read_folder(folder: &Path) -> Result<Vec<(String, String)>, String> {
    let entries = std::fs::read_dir(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let mut texts = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("{}: {e}", folder.display()))?
            .path();
        if path.extension().and_then(|e| e.to_str()) != Some("csv") {
            continue;
        }
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = okr_core::document::read_file(&path, &Limits::default())
            .map_err(|e| crate::read_failure(&path, e))?;
        texts.push((name, text));
    }
    if texts.is_empty() {
        return Err(format!(
            "{}: no CSV file of a table ({})",
            folder.display(),
            TABLE_NAMES.map(|n| format!("{n}.csv")).join(", ")
        ));
    }
    texts.sort();
    Ok(texts)
}

/// Writes each table of `tables` as `<table>.csv` in `folder` (made if missing), each file
/// replaced whole or not at all.
fn write_folder(tables: &Tables, folder: &Path) -> Outcome {
    if let Err(e) = std::fs::create_dir_all(folder) {
        return fail(format!("{}: {e}", folder.display()));
    }
    let mut written = String::new();
    for (name, text) in tables.to_csv_texts() {
        let path = folder.join(format!("{name}.csv"));
        if let Err(e) = write_atomically(&path, text.as_bytes()) {
            return fail(format!("{}: {e}", path.display()));
        }
        let rows = tables.get(name).map_or(0, |t| t.rows());
        written.push_str(&format!(
            "{}: {rows} row{}\n",
            path.display(),
            if rows == 1 { "" } else { "s" }
        ));
    }
    print(&written)
}
