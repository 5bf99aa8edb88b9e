//! Tables into a document: every value read, every problem kept (with its table, row and
//! column), then the document checked as a loaded one is, its problems placed back on the
//! rows they come from. The tables of the model are read in `model.rs`, those of what happens
//! over time and around key results in `timed.rs`.

mod model;
mod timed;

use std::collections::HashMap;

use super::cell::{self, Cell};
use super::{ColumnSpec, OkrError, Table, TableProblem, Tables, columns_of};
use crate::document::{DocProblem, Document, Limits};
use crate::graph::OkrGraph;
use crate::model::Milestone;

/// At most this many problems are listed; one more says how many were left out.
const MAX_PROBLEMS: usize = 1000;

/// Where a row of the document came from: (table, row counting from 1).
type Origin = (&'static str, usize);

/// A document path's steps: (`key_results`, Some(2)) for `key_results[2]`.
type Steps<'s, 'p> = &'s [(&'p str, Option<usize>)];

/// The document of `t`, checked.
pub(super) fn document(t: &Tables, limits: &Limits) -> crate::Result<Document> {
    let mut read = Reader::read(t, limits)?;
    let doc = std::mem::replace(&mut read.doc, empty_document());
    let (_, problems, limit) = doc.clone().build(false, limits);
    read.finish(problems, limit.map(|e| e.error))?;
    Ok(doc)
}

/// The graph of `t`.
pub(super) fn graph(t: &Tables, limits: &Limits) -> crate::Result<OkrGraph> {
    let mut read = Reader::read(t, limits)?;
    let doc = std::mem::replace(&mut read.doc, empty_document());
    let (g, problems, limit) = doc.build(false, limits);
    read.finish(problems, limit.map(|e| e.error))?;
    Ok(g)
}

/// The check-ins of a `check_ins` table to add to `graph` (see
/// [`Tables::check_ins_for`](super::Tables::check_ins_for)).
pub(super) fn check_ins_for(
    graph: &OkrGraph,
    table: &Table,
    limits: &Limits,
) -> crate::Result<Vec<(String, crate::CheckIn)>> {
    let mut r = Reader::new();
    let rows = r.rows("check_ins", Some(table), limits);
    let out = r.read_check_ins_for(graph, &rows);
    if r.problems.is_empty() {
        Ok(out)
    } else {
        Err(r.error())
    }
}

fn empty_document() -> Document {
    Document::empty()
}

/// A document read from tables, and where each of its parts came from.
struct Reader {
    doc: Document,
    problems: Vec<TableProblem>,
    /// The ids of rows left out for their problems: a reference to one is not a problem of
    /// its own (the row's problem says enough).
    refused: std::collections::HashSet<String>,
    /// Problems beyond [`MAX_PROBLEMS`].
    more: usize,
    owners: Vec<Option<Origin>>,
    groups: Vec<Origin>,
    cycles: Vec<Origin>,
    /// By KPI: its row, its values' rows, its targets' rows.
    kpis: Vec<(Origin, Vec<Origin>, Vec<Origin>)>,
    objectives: Vec<Origin>,
    /// By objective: its links' rows, its key results' rows, and by key result its
    /// check-ins' rows.
    links: Vec<Vec<Origin>>,
    key_results: Vec<Vec<Origin>>,
    check_ins: Vec<Vec<Vec<Origin>>>,
    plans: Vec<Vec<Vec<Origin>>>,
    dependencies: Vec<Origin>,
    /// By initiative: its row, its updates' rows.
    initiatives: Vec<(Origin, Vec<Origin>)>,
}

/// One table's columns found, by the model's column name.
struct Rows<'t> {
    name: &'static str,
    table: Option<&'t Table>,
    cols: HashMap<&'static str, &'t [Cell]>,
}

impl<'t> Rows<'t> {
    fn len(&self) -> usize {
        self.table.map_or(0, Table::rows)
    }

    /// The cell of `column` in row `i` (from 0), `None` when absent or empty.
    fn get(&self, i: usize, column: &str) -> Option<&'t Cell> {
        self.cols
            .get(column)
            .map(|c| &c[i])
            .filter(|c| !c.is_null())
    }
}

impl Reader {
    /// Reads every table; the rows that do not read are left out (with their problems), and
    /// the rest is still checked as a document, so that one pass reports both.
    fn new() -> Reader {
        Reader {
            doc: empty_document(),
            problems: Vec::new(),
            refused: Default::default(),
            more: 0,
            owners: Vec::new(),
            groups: Vec::new(),
            cycles: Vec::new(),
            kpis: Vec::new(),
            objectives: Vec::new(),
            links: Vec::new(),
            key_results: Vec::new(),
            check_ins: Vec::new(),
            plans: Vec::new(),
            dependencies: Vec::new(),
            initiatives: Vec::new(),
        }
    }

    fn read(t: &Tables, limits: &Limits) -> crate::Result<Reader> {
        let mut r = Reader::new();
        let owners = r.rows("owners", t.owners.as_ref(), limits);
        let cycles = r.rows("cycles", t.cycles.as_ref(), limits);
        let objectives = r.rows("objectives", t.objectives.as_ref(), limits);
        let links = r.rows("links", t.links.as_ref(), limits);
        let key_results = r.rows("key_results", t.key_results.as_ref(), limits);
        let check_ins = r.rows("check_ins", t.check_ins.as_ref(), limits);
        let groups = r.rows("groups", t.groups.as_ref(), limits);
        let plans = r.rows("plans", t.plans.as_ref(), limits);
        let dependencies = r.rows("dependencies", t.dependencies.as_ref(), limits);
        let initiatives = r.rows("initiatives", t.initiatives.as_ref(), limits);
        let updates = r.rows("initiative_updates", t.initiative_updates.as_ref(), limits);
        let kpis = r.rows("kpis", t.kpis.as_ref(), limits);
        let kpi_values = r.rows("kpi_values", t.kpi_values.as_ref(), limits);
        let kpi_targets = r.rows("kpi_targets", t.kpi_targets.as_ref(), limits);
        r.counts(&[
            (&owners, limits.max_owners),
            (&cycles, limits.max_cycles),
            (&objectives, limits.max_objectives),
            (&key_results, limits.max_key_results),
            (&kpis, limits.max_kpis),
            (&dependencies, limits.max_dependencies),
            (&initiatives, limits.max_initiatives),
        ]);
        r.read_cycles(&cycles);
        r.read_objectives(&objectives);
        r.read_links(&links, limits);
        r.read_key_results(&key_results);
        r.read_check_ins(&check_ins, limits);
        r.read_plans(&plans, limits);
        r.read_dependencies(&dependencies);
        r.read_initiatives(&initiatives, &updates, limits);
        r.read_groups(&groups);
        r.read_kpis(&kpis, &kpi_values, &kpi_targets, limits);
        r.read_owners(&owners, t.owners.is_some());
        Ok(r)
    }

    /// The columns of table `name`: unknown and missing required ones, and cells over the
    /// string limit, are problems.
    fn rows<'t>(
        &mut self,
        name: &'static str,
        table: Option<&'t Table>,
        limits: &Limits,
    ) -> Rows<'t> {
        let specs: &[ColumnSpec] = columns_of(name).unwrap_or(&[]);
        let mut cols = HashMap::new();
        if let Some(table) = table {
            for (col, cells) in table.columns() {
                match specs.iter().find(|s| s.name == col) {
                    Some(s) => {
                        cols.insert(s.name, cells);
                    }
                    None => {
                        let known: Vec<&str> = specs.iter().map(|s| s.name).collect();
                        self.problem(TableProblem {
                            column: Some(col.to_string()),
                            ..problem(
                                name,
                                None,
                                format!("not a column of {name} ({})", known.join(", ")),
                            )
                        });
                    }
                }
                for (i, c) in cells.iter().enumerate() {
                    if let Cell::Text(s) = c
                        && s.len() > limits.max_string_bytes
                    {
                        self.problem(TableProblem {
                            column: Some(col.to_string()),
                            code: "limit_exceeded",
                            ..problem(
                                name,
                                Some(i + 1),
                                format!(
                                    "the text is {} bytes long, the limit is {}",
                                    s.len(),
                                    limits.max_string_bytes
                                ),
                            )
                        });
                    }
                }
            }
            if table.rows() > 0 || !table.columns.is_empty() {
                for s in specs.iter().filter(|s| s.required) {
                    if !cols.contains_key(s.name) {
                        self.problem(TableProblem {
                            column: Some(s.name.to_string()),
                            ..problem(name, None, "a required column is missing".into())
                        });
                    }
                }
            }
        }
        Rows { name, table, cols }
    }

    fn counts(&mut self, tables: &[(&Rows<'_>, usize)]) {
        for (rows, limit) in tables {
            if rows.len() > *limit {
                self.problem(TableProblem {
                    code: "limit_exceeded",
                    ..problem(
                        rows.name,
                        None,
                        format!("{} rows, the limit is {limit}", rows.len()),
                    )
                });
            }
        }
    }

    /// A problem: `id` (a `what`) has more than `limit` of the `many` that rows of `table`
    /// give it; `row` is the first row over.
    fn over_limit(
        &mut self,
        table: &str,
        row: usize,
        what: &str,
        id: &str,
        many: &str,
        limit: usize,
    ) {
        self.problem(TableProblem {
            code: "limit_exceeded",
            ids: vec![id.to_string()],
            ..problem(
                table,
                Some(row),
                format!("{what} {id:?} has more than {limit} {many}"),
            )
        });
    }

    fn problem(&mut self, p: TableProblem) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(p);
        } else {
            self.more += 1;
        }
    }

    /// Reads the cell of `column` in row `i` of `rows` with `read`; `None` when it is absent
    /// or does not read (a problem then).
    fn cell<T>(
        &mut self,
        rows: &Rows<'_>,
        i: usize,
        column: &str,
        read: impl FnOnce(&Cell) -> Result<T, String>,
    ) -> Option<T> {
        let c = rows.get(i, column)?;
        match read(c) {
            Ok(v) => Some(v),
            Err(message) => {
                self.problem(TableProblem {
                    column: Some(column.to_string()),
                    value: Some(c.display()),
                    ..problem(rows.name, Some(i + 1), message)
                });
                None
            }
        }
    }

    /// A required cell: absent is a problem too (a missing column was reported once).
    fn required<T>(
        &mut self,
        rows: &Rows<'_>,
        i: usize,
        column: &str,
        read: impl FnOnce(&Cell) -> Result<T, String>,
    ) -> Option<T> {
        if rows.get(i, column).is_none() {
            if rows.cols.contains_key(column) {
                self.problem(TableProblem {
                    column: Some(column.to_string()),
                    ..problem(rows.name, Some(i + 1), "a value is required".into())
                });
            }
            return None;
        }
        self.cell(rows, i, column, read)
    }

    /// A problem: `id` in `column` of row `i` names no `what`.
    fn unknown(&mut self, rows: &Rows<'_>, i: usize, column: &str, what: &str, id: &str) {
        if self.refused.contains(id) {
            return;
        }
        self.problem(TableProblem {
            column: Some(column.to_string()),
            value: Some(id.to_string()),
            code: "unknown_id",
            ids: vec![id.to_string()],
            ..problem(rows.name, Some(i + 1), format!("unknown {what} {id:?}"))
        });
    }

    /// Remembers the id of a row left out for its problems (see `refused`).
    fn refuse(&mut self, id: Option<String>) {
        if let Some(id) = id {
            self.refused.insert(id);
        }
    }

    /// The error for the problems found (and those left out).
    fn error(&mut self) -> OkrError {
        let mut problems = std::mem::take(&mut self.problems);
        if self.more > 0 {
            problems.push(problem(
                problems
                    .last()
                    .map_or("objectives", |p| table_name(&p.table)),
                None,
                format!("{} more problems are not listed", self.more),
            ));
        }
        OkrError::InvalidTables { problems }
    }

    /// The document's own problems placed on their rows; `Ok` when there are none.
    fn finish(mut self, problems: Vec<DocProblem>, limit: Option<OkrError>) -> crate::Result<()> {
        if let Some(e) = limit {
            self.problem(TableProblem {
                code: e.code(),
                ..problem("links", None, e.to_string())
            });
        }
        for p in problems {
            let t = self.place(&p);
            self.problem(t);
        }
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(self.error())
        }
    }

    /// A document problem as a table problem: the row its path names, and the column.
    fn place(&self, p: &DocProblem) -> TableProblem {
        let segs = segments(&p.path);
        let mut out = TableProblem {
            code: p.code,
            ..problem("", None, p.message.clone())
        };
        let Some((table, origin, rest)) = self.origin(&segs) else {
            // not a part tables make (none is known): the document's own name for it
            out.table = segs.first().map_or("document", |s| s.0).to_string();
            return out;
        };
        out.table = table.to_string();
        if let Some((_, row)) = origin {
            out.row = Some(row);
        }
        out.column = match (table, rest) {
            // a measure that makes no sense as a whole names no one column
            ("key_results", [("measure", _)]) => None,
            ("links", rest) => column_of(rest, &[("id", "parent")]).or(Some("parent".into())),
            ("objectives", rest) => column_of(rest, &[("kind", "type")]),
            (_, rest) => column_of(rest, &[]),
        };
        out
    }

    /// The table a document path is in, the row it names (`None`: an owner made from the
    /// ids named) and the rest of the path.
    fn origin<'s, 'p>(
        &self,
        segs: Steps<'s, 'p>,
    ) -> Option<(&'static str, Option<Origin>, Steps<'s, 'p>)> {
        let at = |v: &[Origin], i: &usize| v.get(*i).copied();
        Some(match segs {
            [("owners", Some(n)), rest @ ..] => {
                ("owners", self.owners.get(*n).copied().flatten(), rest)
            }
            [("groups", Some(n)), rest @ ..] => ("groups", at(&self.groups, n), rest),
            [("cycles", Some(n)), rest @ ..] => ("cycles", at(&self.cycles, n), rest),
            [("dependencies", Some(n)), rest @ ..] => {
                ("dependencies", at(&self.dependencies, n), rest)
            }
            [("kpis", Some(n)), ("values", Some(j)), rest @ ..] => (
                "kpi_values",
                self.kpis.get(*n).and_then(|k| at(&k.1, j)),
                rest,
            ),
            [("kpis", Some(n)), ("targets", Some(j)), rest @ ..] => (
                "kpi_targets",
                self.kpis.get(*n).and_then(|k| at(&k.2, j)),
                rest,
            ),
            [("kpis", Some(n)), rest @ ..] => ("kpis", self.kpis.get(*n).map(|k| k.0), rest),
            [("initiatives", Some(n)), ("updates", Some(j)), rest @ ..] => (
                "initiative_updates",
                self.initiatives.get(*n).and_then(|x| at(&x.1, j)),
                rest,
            ),
            [("initiatives", Some(n)), rest @ ..] => {
                ("initiatives", self.initiatives.get(*n).map(|x| x.0), rest)
            }
            [("objectives", Some(n)), ("parents", Some(j)), rest @ ..] => {
                ("links", self.links.get(*n).and_then(|l| at(l, j)), rest)
            }
            [
                ("objectives", Some(n)),
                ("key_results", Some(k)),
                (kind @ ("check_ins" | "plan"), Some(c)),
                rest @ ..,
            ] => {
                let (table, by) = if *kind == "plan" {
                    ("plans", &self.plans)
                } else {
                    ("check_ins", &self.check_ins)
                };
                (
                    table,
                    by.get(*n).and_then(|x| x.get(*k)).and_then(|x| at(x, c)),
                    rest,
                )
            }
            [("objectives", Some(n)), ("key_results", Some(k)), rest @ ..] => (
                "key_results",
                self.key_results.get(*n).and_then(|x| at(x, k)),
                rest,
            ),
            [("objectives", Some(n)), rest @ ..] => ("objectives", at(&self.objectives, n), rest),
            _ => return None,
        })
    }
}

/// A problem of `table` (row counting from 1) with no column, value or ids.
fn problem(table: &str, row: Option<usize>, message: String) -> TableProblem {
    TableProblem {
        table: table.to_string(),
        row,
        column: None,
        value: None,
        code: "invalid_value",
        message,
        ids: Vec::new(),
    }
}

fn table_name(t: &str) -> &'static str {
    super::TABLE_NAMES
        .iter()
        .find(|n| **n == t)
        .copied()
        .unwrap_or("objectives")
}

/// A document path's steps: (`key_results`, Some(2)) for `key_results[2]`.
fn segments(path: &str) -> Vec<(&str, Option<usize>)> {
    path.split('.')
        .filter(|s| !s.is_empty())
        .map(|s| match s.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse().ok()),
            None => (s, None),
        })
        .collect()
}

/// The column a path's remaining steps name: the last step's name (a measure's field is the
/// column of that name), renamed by `renames` on the first step.
fn column_of(rest: &[(&str, Option<usize>)], renames: &[(&str, &str)]) -> Option<String> {
    let (first, _) = rest.first()?;
    if let Some((_, to)) = renames.iter().find(|(from, _)| from == first)
        && (rest.len() == 1 || *first != "measure")
    {
        return Some((*to).to_string());
    }
    let (last, _) = rest.last()?;
    Some(
        match *last {
            "factor" => "factor",
            "attainment" => "override",
            "at" => "at",
            other => other,
        }
        .to_string(),
    )
}

/// A `milestones` cell: names separated by `;`, each `name` (weight 1) or `name=weight`.
fn milestones(c: &Cell) -> Result<Vec<Milestone>, String> {
    cell::list(c)?
        .into_iter()
        .map(|m| match m.rsplit_once('=') {
            Some((name, w)) if w.trim().parse::<f64>().is_ok() => Ok(Milestone {
                name: name.trim().to_string(),
                weight: w.trim().parse().unwrap_or(1.0),
            }),
            _ => Ok(Milestone {
                name: m,
                weight: 1.0,
            }),
        })
        .collect()
}
