//! OKRs as tables: the tabular model spreadsheets, CSV folders, data frames and warehouse
//! tables share, read into a [`Document`] with every problem found at once, and written
//! from a graph.
//!
//! # The tables
//! Fourteen tables, each named as below (a CSV folder holds `objectives.csv`, ...). Column names are
//! the contract; the column order is free; a column not listed is refused (it is most often a
//! misspelt one), and so is a table not listed. Only `id`-like columns and the ones marked
//! *required* must be present; an empty cell is an absent value.
//!
//! | table | columns |
//! | --- | --- |
//! | `owners` | **id**, name, kind, parent |
//! | `groups` | **id**, name, members |
//! | `cycles` | **id**, name, **start**, **end**, parent |
//! | `objectives` | **id**, **title**, **owner**, **cycle**, description, state, type, rollup, status_rule, visibility, viewers, override |
//! | `links` | **child**, **parent**, weight, kind |
//! | `key_results` | **id**, **objective**, **title**, kind, start, target, unit, direction, bound, value, function, milestones, weight, due, owner, parent, factor, kpi, initiatives_weight, override |
//! | `check_ins` | **key_result**, **at**, value, done, milestones_done, confidence, note, author |
//! | `plans` | **key_result**, **date**, **value** |
//! | `dependencies` | **blocker**, **blocked**, start_by, note |
//! | `initiatives` | **id**, **key_result**, **title**, owner, due |
//! | `initiative_updates` | **initiative**, **at**, done, percent, note |
//! | `kpis` | **id**, **name**, owner, unit, **health**, value, min, max |
//! | `kpi_values` | **kpi**, **at**, **value**, note |
//! | `kpi_targets` | **kpi**, **month**, **value** |
//!
//! ([`COLUMNS`] lists them with their types.)
//!
//! # Values
//! - **Ids and text**: text; an integer (`1001`, or a float with no fraction such as
//!   `1001.0`, which is how a spreadsheet or a frame with gaps stores one) is its decimal
//!   string. Ids are never trimmed or changed otherwise.
//! - **Numbers**: integers, floats, or text a number reads from (`"0.25"`); finite only.
//! - **Flags** (`done`): `true`/`false`, `1`/`0`, or the text `true`, `false`, `yes`, `no`,
//!   `1`, `0` (any case).
//! - **Dates** (`start`, `end`, `due`): `YYYY-MM-DD`, or a date value.
//! - **Times** (`at`): as in a document, an RFC 3339 time with a zone, or a date meaning 00:00
//!   UTC that day; a time value is taken as it is (UTC). A date and time without a zone
//!   ([`Cell::LocalTime`]) is refused in a time column (the one rule for times) and read as its
//!   day in a date column when it is midnight (how frames and sheets hold dates).
//! - **Lists** (`members`, `viewers`, `milestones`, `milestones_done`): names separated by
//!   `;`. A milestone weighing other than 1 is written `name=weight`; a milestones check-in
//!   with none done has nothing in `value`, `done` and `milestones_done`.
//! - A KPI's `health` is `increase`, `decrease`, `at_or_above` or `at_or_below` (with
//!   `value`), or `between` (with `min` and `max`); a target's `month` is `YYYY-MM`.
//! - **Words** (`state`, `type`, `kind`, ...): the document's words (`active`, `aspirational`,
//!   `at_or_above`, ...).
//! - `kind` of a key result: `numeric` (the default when `start` and `target` are given),
//!   `threshold` (`bound` and `value`, optional `start`), `boolean`, `milestones`
//!   (`milestones`), `aggregate` (`function`, `start`, `target`). Check-ins carry `value`,
//!   `done` or `milestones_done` as their key result's kind needs.
//! - `owners` may be left out: every owner an objective, key result, group, initiative or KPI
//!   names is then made, with its id for a name and the kind `owner`. A `links` row aligns `child` under `parent`
//!   (weight 1 and `contributes` unless given). Check-ins are sorted by time; the same key
//!   result twice at one time is refused (so are two values of a KPI at one time); plan
//!   points, KPI values and initiative updates are sorted too.
//!
//! # Errors
//! Every problem is reported at once ([`TableProblem`]: the table, the row, the column and the
//! value) in one [`OkrError::InvalidTables`]: values that do not read, unknown columns, ids
//! named twice, references to ids that do not exist, alignment cycles (with their path),
//! measures and check-ins that do not fit, limits. Rows count from 1 for the first row of
//! data (in a spreadsheet with a header row, row `n` is on line `n + 1`).
//!
//! # What tables do not carry
//! History (revisions), proposals, comments, acknowledgements, closed cycles, the review
//! policy, cadences and `extra` data: a document written from tables has none of them.
//! Exporting a graph and importing the tables gives the same owners, groups, cycles,
//! objectives, key results, links, check-ins, plans, dependencies, initiatives and KPIs, and so
//! the same rollup.

mod cell;
mod csv;
mod merge;
mod read;
mod write;
#[cfg(feature = "xlsx")]
mod xlsx;

use chrono::{DateTime, NaiveDate, Utc};

use crate::document::{Document, Limits};
use crate::error::{OkrError, Result};
use crate::graph::OkrGraph;
use crate::model::CheckIn;

pub use crate::error::TableProblem;
pub use cell::Cell;
pub use merge::{ImportChange, ImportOptions, ImportReport, KEYS};

/// The names of the tables, in the order they are written.
pub const TABLE_NAMES: [&str; 14] = [
    "owners",
    "groups",
    "cycles",
    "objectives",
    "links",
    "key_results",
    "check_ins",
    "plans",
    "dependencies",
    "initiatives",
    "initiative_updates",
    "kpis",
    "kpi_values",
    "kpi_targets",
];

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ColumnType {
    /// An id (text, or an integer as its decimal string).
    Id,
    /// Text.
    Text,
    /// A finite number.
    Number,
    /// True or false.
    Flag,
    /// A day (`YYYY-MM-DD`).
    Date,
    /// An instant (UTC).
    Time,
    /// One of the document's words.
    Word,
    /// Names separated by `;`.
    List,
}

impl ColumnType {
    /// Its name as the documentation writes it.
    pub fn name(self) -> &'static str {
        match self {
            ColumnType::Id => "id",
            ColumnType::Text => "text",
            ColumnType::Number => "number",
            ColumnType::Flag => "flag",
            ColumnType::Date => "date",
            ColumnType::Time => "time",
            ColumnType::Word => "word",
            ColumnType::List => "list",
        }
    }
}

/// One column of the tabular model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// Its name.
    pub name: &'static str,
    /// What it holds.
    pub kind: ColumnType,
    /// Whether every table of its kind must have it.
    pub required: bool,
}

const fn col(name: &'static str, kind: ColumnType, required: bool) -> ColumnSpec {
    ColumnSpec {
        name,
        kind,
        required,
    }
}

use ColumnType as T;

/// Every table's columns, in the order they are written (see the [module](self)).
pub const COLUMNS: [(&str, &[ColumnSpec]); 14] = [
    (
        "owners",
        &[
            col("id", T::Id, true),
            col("name", T::Text, false),
            col("kind", T::Text, false),
            col("parent", T::Id, false),
        ],
    ),
    (
        "groups",
        &[
            col("id", T::Id, true),
            col("name", T::Text, false),
            col("members", T::List, false),
        ],
    ),
    (
        "cycles",
        &[
            col("id", T::Id, true),
            col("name", T::Text, false),
            col("start", T::Date, true),
            col("end", T::Date, true),
            col("parent", T::Id, false),
        ],
    ),
    (
        "objectives",
        &[
            col("id", T::Id, true),
            col("title", T::Text, true),
            col("owner", T::Id, true),
            col("cycle", T::Id, true),
            col("description", T::Text, false),
            col("state", T::Word, false),
            col("type", T::Word, false),
            col("rollup", T::Word, false),
            col("status_rule", T::Word, false),
            col("visibility", T::Word, false),
            col("viewers", T::List, false),
            col("override", T::Number, false),
        ],
    ),
    (
        "links",
        &[
            col("child", T::Id, true),
            col("parent", T::Id, true),
            col("weight", T::Number, false),
            col("kind", T::Word, false),
        ],
    ),
    (
        "key_results",
        &[
            col("id", T::Id, true),
            col("objective", T::Id, true),
            col("title", T::Text, true),
            col("kind", T::Word, false),
            col("start", T::Number, false),
            col("target", T::Number, false),
            col("unit", T::Text, false),
            col("direction", T::Word, false),
            col("bound", T::Word, false),
            col("value", T::Number, false),
            col("function", T::Word, false),
            col("milestones", T::List, false),
            col("weight", T::Number, false),
            col("due", T::Date, false),
            col("owner", T::Id, false),
            col("parent", T::Id, false),
            col("factor", T::Number, false),
            col("kpi", T::Id, false),
            col("initiatives_weight", T::Number, false),
            col("override", T::Number, false),
        ],
    ),
    (
        "check_ins",
        &[
            col("key_result", T::Id, true),
            col("at", T::Time, true),
            col("value", T::Number, false),
            col("done", T::Flag, false),
            col("milestones_done", T::List, false),
            col("confidence", T::Number, false),
            col("note", T::Text, false),
            col("author", T::Text, false),
        ],
    ),
    (
        "plans",
        &[
            col("key_result", T::Id, true),
            col("date", T::Date, true),
            col("value", T::Number, true),
        ],
    ),
    (
        "dependencies",
        &[
            col("blocker", T::Id, true),
            col("blocked", T::Id, true),
            col("start_by", T::Date, false),
            col("note", T::Text, false),
        ],
    ),
    (
        "initiatives",
        &[
            col("id", T::Id, true),
            col("key_result", T::Id, true),
            col("title", T::Text, true),
            col("owner", T::Id, false),
            col("due", T::Date, false),
        ],
    ),
    (
        "initiative_updates",
        &[
            col("initiative", T::Id, true),
            col("at", T::Time, true),
            col("done", T::Flag, false),
            col("percent", T::Number, false),
            col("note", T::Text, false),
        ],
    ),
    (
        "kpis",
        &[
            col("id", T::Id, true),
            col("name", T::Text, true),
            col("owner", T::Id, false),
            col("unit", T::Text, false),
            col("health", T::Word, true),
            col("value", T::Number, false),
            col("min", T::Number, false),
            col("max", T::Number, false),
        ],
    ),
    (
        "kpi_values",
        &[
            col("kpi", T::Id, true),
            col("at", T::Time, true),
            col("value", T::Number, true),
            col("note", T::Text, false),
        ],
    ),
    (
        "kpi_targets",
        &[
            col("kpi", T::Id, true),
            col("month", T::Text, true),
            col("value", T::Number, true),
        ],
    ),
];

/// The columns of table `name`, `None` for a name that is not a table.
pub fn columns_of(name: &str) -> Option<&'static [ColumnSpec]> {
    COLUMNS.iter().find(|(t, _)| *t == name).map(|(_, c)| *c)
}

/// One table: named columns of equal length.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    columns: Vec<(String, Vec<Cell>)>,
}

impl Table {
    /// A table without columns.
    pub fn new() -> Table {
        Table::default()
    }

    /// Adds a column.
    ///
    /// # Errors
    /// `InvalidValue` when the table has a column of that name already, or when the column's
    /// length differs from the others'. Nothing changes on an error.
    pub fn push_column(&mut self, name: impl Into<String>, cells: Vec<Cell>) -> Result<()> {
        let name = name.into();
        if self.columns.iter().any(|(n, _)| *n == name) {
            return Err(OkrError::InvalidValue {
                field: "table".into(),
                reason: format!("the column {name:?} is given twice"),
            });
        }
        if let Some((first, c)) = self.columns.first()
            && c.len() != cells.len()
        {
            return Err(OkrError::InvalidValue {
                field: "table".into(),
                reason: format!(
                    "the column {name:?} has {} rows and {first:?} has {}",
                    cells.len(),
                    c.len()
                ),
            });
        }
        self.columns.push((name, cells));
        Ok(())
    }

    /// A table from its columns (see [`push_column`](Self::push_column)).
    ///
    /// # Errors
    /// As [`push_column`](Self::push_column).
    pub fn from_columns<N: Into<String>>(
        columns: impl IntoIterator<Item = (N, Vec<Cell>)>,
    ) -> Result<Table> {
        let mut t = Table::new();
        for (name, cells) in columns {
            t.push_column(name, cells)?;
        }
        Ok(t)
    }

    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, |(_, c)| c.len())
    }

    /// The cells of column `name`.
    pub fn column(&self, name: &str) -> Option<&[Cell]> {
        self.columns
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c.as_slice())
    }

    /// The columns, in order.
    pub fn columns(&self) -> impl Iterator<Item = (&str, &[Cell])> {
        self.columns.iter().map(|(n, c)| (n.as_str(), c.as_slice()))
    }

    /// A table from CSV text (RFC 4180: a header row of column names, then one row per
    /// record; fields quoted with `"` where they hold commas, quotes or line breaks). Every
    /// cell is text; an empty cell is [`Cell::Null`]. A byte order mark is skipped.
    ///
    /// # Errors
    /// `InvalidValue` naming the line: a row with more or fewer fields than the header, a
    /// header naming a column twice. (A quote left open runs to the end of the text, as
    /// RFC 4180 readers take it.)
    ///
    /// # Complexity
    /// O(length of the text).
    pub fn from_csv(text: &str) -> Result<Table> {
        csv::read(text)
    }

    /// The table as CSV text (see [`from_csv`](Self::from_csv)): numbers in their shortest
    /// form that reads back to the same value, times as okr writes them, absent values as
    /// empty cells. Lines end with `\n`.
    ///
    /// # Complexity
    /// O(size of the table).
    pub fn to_csv(&self) -> String {
        csv::write(self)
    }
}

/// The tables of an organisation (see the [module](self)); absent tables are empty ones,
/// except `owners` (see the module).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tables {
    /// Owners (optional: made from the ids named when absent).
    pub owners: Option<Table>,
    /// Groups of viewers.
    pub groups: Option<Table>,
    /// Cycles.
    pub cycles: Option<Table>,
    /// Objectives.
    pub objectives: Option<Table>,
    /// Alignment links.
    pub links: Option<Table>,
    /// Key results.
    pub key_results: Option<Table>,
    /// Check-ins.
    pub check_ins: Option<Table>,
    /// Planned values of key results.
    pub plans: Option<Table>,
    /// Dependencies between objectives or key results.
    pub dependencies: Option<Table>,
    /// Initiatives under key results.
    pub initiatives: Option<Table>,
    /// Initiative updates.
    pub initiative_updates: Option<Table>,
    /// KPIs.
    pub kpis: Option<Table>,
    /// KPI values.
    pub kpi_values: Option<Table>,
    /// KPI targets by month.
    pub kpi_targets: Option<Table>,
}

impl Tables {
    /// The table named `name`.
    pub fn get(&self, name: &str) -> Option<&Table> {
        match name {
            "owners" => self.owners.as_ref(),
            "groups" => self.groups.as_ref(),
            "cycles" => self.cycles.as_ref(),
            "objectives" => self.objectives.as_ref(),
            "links" => self.links.as_ref(),
            "key_results" => self.key_results.as_ref(),
            "check_ins" => self.check_ins.as_ref(),
            "plans" => self.plans.as_ref(),
            "dependencies" => self.dependencies.as_ref(),
            "initiatives" => self.initiatives.as_ref(),
            "initiative_updates" => self.initiative_updates.as_ref(),
            "kpis" => self.kpis.as_ref(),
            "kpi_values" => self.kpi_values.as_ref(),
            "kpi_targets" => self.kpi_targets.as_ref(),
            _ => None,
        }
    }

    /// Sets the table named `name`.
    ///
    /// # Errors
    /// `InvalidValue` when `name` is not one of [`TABLE_NAMES`].
    pub fn set(&mut self, name: &str, table: Table) -> Result<()> {
        let slot = match name {
            "owners" => &mut self.owners,
            "groups" => &mut self.groups,
            "cycles" => &mut self.cycles,
            "objectives" => &mut self.objectives,
            "links" => &mut self.links,
            "key_results" => &mut self.key_results,
            "check_ins" => &mut self.check_ins,
            "plans" => &mut self.plans,
            "dependencies" => &mut self.dependencies,
            "initiatives" => &mut self.initiatives,
            "initiative_updates" => &mut self.initiative_updates,
            "kpis" => &mut self.kpis,
            "kpi_values" => &mut self.kpi_values,
            "kpi_targets" => &mut self.kpi_targets,
            _ => {
                return Err(OkrError::InvalidValue {
                    field: "table".into(),
                    reason: format!(
                        "{name:?} is not a table of okr's: {}",
                        TABLE_NAMES.join(", ")
                    ),
                });
            }
        };
        *slot = Some(table);
        Ok(())
    }

    /// The tables present, in [`TABLE_NAMES`] order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Table)> {
        TABLE_NAMES
            .iter()
            .filter_map(|&n| self.get(n).map(|t| (n, t)))
    }

    /// Tables from CSV texts by table name (see [`Table::from_csv`]).
    ///
    /// # Errors
    /// `InvalidTables` naming every text that does not read and every name that is not a
    /// table's.
    ///
    /// # Complexity
    /// O(length of the texts).
    pub fn from_csv_texts<'a>(
        texts: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Tables> {
        let (tables, problems) = Tables::read_csv_texts(texts)?;
        if problems.is_empty() {
            Ok(tables)
        } else {
            Err(OkrError::InvalidTables { problems })
        }
    }

    /// The graph CSV texts by table name describe: [`from_csv_texts`](Self::from_csv_texts)
    /// then [`to_graph`](Self::to_graph), with the problems of both reported together (a
    /// text that does not read leaves its table out of the checks, not the others).
    ///
    /// # Errors
    /// `LimitExceeded` when the texts together are longer than a document may be
    /// (`limits.max_document_bytes`); `InvalidTables` listing every problem.
    ///
    /// # Complexity
    /// O(length of the texts + C log C) for C check-ins (and plan points, values, updates),
    /// plus the document's checks (as loading it).
    pub fn graph_from_csv_texts<'a>(
        texts: impl IntoIterator<Item = (&'a str, &'a str)>,
        limits: &Limits,
    ) -> Result<OkrGraph> {
        let texts: Vec<(&str, &str)> = texts.into_iter().collect();
        let total: usize = texts.iter().map(|(_, t)| t.len()).sum();
        limits.check_document_size("tables size (bytes)", total as u64)?;
        let (tables, problems) = Tables::read_csv_texts(texts)?;
        tables.to_graph_after(problems, limits)
    }

    /// The graph of these tables, the problems found reading them (`problems`) reported with
    /// those of the tables.
    fn to_graph_after(&self, mut problems: Vec<TableProblem>, limits: &Limits) -> Result<OkrGraph> {
        match self.to_graph(limits) {
            Ok(g) if problems.is_empty() => Ok(g),
            Ok(_) => Err(OkrError::InvalidTables { problems }),
            Err(OkrError::InvalidTables { problems: more }) => {
                problems.extend(more);
                Err(OkrError::InvalidTables { problems })
            }
            Err(e) => Err(e),
        }
    }

    /// Tables from a spreadsheet (`.xlsx`): one sheet per table, named as the table, with a
    /// header row of column names (see `okr_core::tables` for how cells read: a date cell is
    /// a date; a date-and-time cell, having no time zone, is read as its text, which a time
    /// column refuses).
    ///
    /// # Errors
    /// `InvalidValue` for bytes that are not a workbook; `InvalidTables` naming every sheet
    /// that is not a table.
    ///
    /// # Complexity
    /// O(size of the workbook) (calamine's reading of its XML).
    #[cfg(feature = "xlsx")]
    pub fn from_xlsx(bytes: &[u8]) -> Result<Tables> {
        let (tables, problems) = xlsx::read(bytes)?;
        if problems.is_empty() {
            Ok(tables)
        } else {
            Err(OkrError::InvalidTables { problems })
        }
    }

    /// The graph a spreadsheet describes ([`from_xlsx`](Self::from_xlsx) then
    /// [`to_graph`](Self::to_graph), their problems together).
    ///
    /// # Errors
    /// `LimitExceeded` for a workbook larger than a document may be; as
    /// [`from_xlsx`](Self::from_xlsx) and [`to_graph`](Self::to_graph).
    ///
    /// # Complexity
    /// As [`from_xlsx`](Self::from_xlsx) then [`to_graph`](Self::to_graph).
    #[cfg(feature = "xlsx")]
    pub fn graph_from_xlsx(bytes: &[u8], limits: &Limits) -> Result<OkrGraph> {
        limits.check_document_size("workbook size (bytes)", bytes.len() as u64)?;
        let (tables, problems) = xlsx::read(bytes)?;
        tables.to_graph_after(problems, limits)
    }

    /// The tables as a spreadsheet (`.xlsx`): one sheet per table, a header row, numbers as
    /// numbers, flags as booleans, dates and times as text (they read back exactly).
    ///
    /// # Errors
    /// `InvalidValue` when a value does not fit a sheet (text over 32,767 characters, more
    /// than 1,048,575 rows).
    ///
    /// # Complexity
    /// O(cells), plus compressing the workbook.
    #[cfg(feature = "xlsx")]
    pub fn to_xlsx(&self) -> Result<Vec<u8>> {
        xlsx::write(self)
    }

    /// The tables that read, and the problems of the texts that do not.
    fn read_csv_texts<'a>(
        texts: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<(Tables, Vec<TableProblem>)> {
        let mut tables = Tables::default();
        let mut problems = Vec::new();
        for (name, text) in texts {
            if columns_of(name).is_none() {
                problems.push(problem_of_table(
                    name,
                    format!("not a table of okr's ({})", TABLE_NAMES.join(", ")),
                ));
                continue;
            }
            match csv::read_rows(text) {
                Ok(t) => tables.set(name, t)?,
                Err(u) => problems.push(TableProblem {
                    row: u.row,
                    ..problem_of_table(name, u.reason)
                }),
            }
        }
        Ok((tables, problems))
    }

    /// The document these tables describe, checked as a document is: every problem found is
    /// reported at once.
    ///
    /// # Errors
    /// `InvalidTables` listing every problem (see the [module](self)).
    ///
    /// # Complexity
    /// O(cells + C log C) for C check-ins, plus the document's checks.
    pub fn to_document(&self, limits: &Limits) -> Result<Document> {
        read::document(self, limits)
    }

    /// The graph these tables describe (see [`to_document`](Self::to_document)).
    ///
    /// # Errors
    /// As [`to_document`](Self::to_document).
    pub fn to_graph(&self, limits: &Limits) -> Result<OkrGraph> {
        read::graph(self, limits)
    }

    /// The check-ins a `check_ins` table (see [`COLUMNS`]) adds to `graph`, in its rows'
    /// order, for [`OkrGraph::check_in_many`]: how a frame of check-ins becomes check-ins
    /// (Python's `check_in_from_pandas`).
    ///
    /// # Errors
    /// `ReadOnlyView` for a view (it takes no check-ins); `InvalidTables` with every problem,
    /// each on its row: a column that is not a check-in's,
    /// a value that does not read, an unknown key result, a value that does not make a
    /// check-in, a key result and time given twice or recorded already. Whether the value
    /// fits its key result's measure, and the limits, are `check_in_many`'s to check.
    ///
    /// # Complexity
    /// O(cells) expected, plus for each row a look through its key result's check-ins
    /// (O(C) for C recorded).
    pub fn check_ins_for(graph: &OkrGraph, table: &Table) -> Result<Vec<(String, CheckIn)>> {
        graph.writable()?;
        read::check_ins_for(graph, table, graph.limits())
    }

    /// The tables of a graph as it is now (see the module for what tables do not carry).
    ///
    /// # Complexity
    /// O(size of the graph).
    pub fn of_graph(g: &OkrGraph) -> Tables {
        write::of_document(&g.current_document())
    }

    /// A starter set: every table with all its columns and a few rows of a small company
    /// that import as they are.
    pub fn template() -> Tables {
        write::template()
    }

    /// Each table as CSV text, in [`TABLE_NAMES`] order.
    ///
    /// # Complexity
    /// O(cells).
    pub fn to_csv_texts(&self) -> Vec<(&'static str, String)> {
        self.iter().map(|(n, t)| (n, t.to_csv())).collect()
    }
}

/// The reason of an error, without its code's framing (for a problem's message).
fn error_reason(e: &OkrError) -> String {
    match e {
        OkrError::InvalidValue { reason, .. } => reason.clone(),
        other => other.to_string(),
    }
}

/// A date as a [`Cell`] (for callers building tables from typed values).
impl From<NaiveDate> for Cell {
    fn from(d: NaiveDate) -> Cell {
        Cell::Date(d)
    }
}

/// An instant as a [`Cell`].
impl From<DateTime<Utc>> for Cell {
    fn from(t: DateTime<Utc>) -> Cell {
        Cell::Time(t)
    }
}

/// A problem of a whole table (no row, column or value).
fn problem_of_table(table: &str, message: String) -> TableProblem {
    TableProblem {
        table: table.to_string(),
        row: None,
        column: None,
        value: None,
        code: "invalid_value",
        message,
        ids: Vec::new(),
    }
}
