//! Tables imported onto an existing graph ([`Tables::import_into`]): rows update what they
//! name by its key, as revisions where the model keeps a history.
//!
//! # How a sheet meets the graph
//! 1. **Rows by key.** Each table of the sheet is laid over the same table of the graph (as
//!    [`Tables::of_graph`] writes it), row by row, by its key: the id, or `child` and
//!    `parent` for links, `key_result` and `at` for check-ins (see [`KEYS`]). A row whose key
//!    is new is created. A row whose key exists updates it, column by column: a column the
//!    sheet has replaces the value (an empty cell empties it), a column the sheet does not
//!    have keeps the graph's value. A row of the graph absent from the sheet stays, unless
//!    `delete_missing`, and then only in the tables the sheet has (a sheet without a
//!    `kpis` table deletes no KPI). Check-ins, initiative updates and KPI values are a
//!    record: an import adds to them and never deletes one. A check-in row with the key
//!    of one recorded and other values is a problem.
//! 2. **Checked as one.** The tables so merged are read and checked as an import from
//!    scratch is ([`Tables::to_document`]), every problem at once; a problem in a row of the
//!    sheet names that row (the sheet's rows come first, in their order), one in a row of the
//!    graph that the sheet left as it was names no row and says so.
//!
//! KPI values and initiative updates are never deleted by an import either; a row with the
//! key of one replaces it, as KPIs and initiatives keep no history.
//! 3. **Applied.** The differences between the graph and the checked result are applied to a
//!    copy of the graph: objectives, key results and links (created, changed, removed) as
//!    revisions at the import's time and author, new check-ins as check-ins; owners,
//!    groups, cycles, KPIs, dependencies and initiatives, which keep no history, as they
//!    are. What tables do not carry (`extra`, an objective's cadence, the history, the
//!    workflow, the clock, an owner's or an objective's cadence) stays as it was.
//!
//! A dry run is the same import without keeping its result: the report lists what would be
//! created, updated and deleted, and every error it would meet.

use std::collections::{HashMap as StdMap, HashSet as StdSet};

/// Maps and sets keyed by ids and keys, with the store's hasher (foldhash: SipHash was a
/// tenth of an import's time).
type HashMap<K, V> = StdMap<K, V, crate::store::IdHasher>;
type HashSet<K> = StdSet<K, crate::store::IdHasher>;

use serde::Serialize;
use serde_json::{Map, Value};

use super::cell::{self, Cell};
use super::{ColumnType, TABLE_NAMES, Table, TableProblem, Tables, columns_of};
use crate::document::{DocKeyResult, DocObjective, Document, Limits};
use crate::error::{OkrError, Result};
use crate::graph::OkrGraph;
use crate::patch::{KeyResultPatch, ObjectivePatch};
use crate::store::Revise;

/// The columns that name a row of each table: rows with the same key are the same entity.
pub const KEYS: &[(&str, &[&str])] = &[
    ("owners", &["id"]),
    ("groups", &["id"]),
    ("cycles", &["id"]),
    ("objectives", &["id"]),
    ("links", &["child", "parent"]),
    ("key_results", &["id"]),
    ("check_ins", &["key_result", "at"]),
    ("plans", &["key_result", "date"]),
    ("dependencies", &["blocker", "blocked"]),
    ("initiatives", &["id"]),
    ("initiative_updates", &["initiative", "at"]),
    ("kpis", &["id"]),
    ("kpi_values", &["kpi", "at"]),
    ("kpi_targets", &["kpi", "month"]),
];

/// Tables whose rows are a record: added to, never deleted by an import.
const RECORDS: &[&str] = &["check_ins", "initiative_updates", "kpi_values"];

/// How [`Tables::import_into`] treats what the sheet does not have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Delete the entities of the tables the sheet has that its rows do not name (never
    /// check-ins, initiative updates or KPI values).
    pub delete_missing: bool,
}

/// One entity an import creates, updates or deletes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportChange {
    /// Its table: `objectives`, `links`, `key_results`, `check_ins`, ...
    pub table: &'static str,
    /// Its key: the id; `child -> parent` for a link; `key_result @ time` for a check-in.
    pub key: String,
    /// For an update, the fields that change, as the document names them (a key result's
    /// `measure` stands for its kind, start, target and the other columns of its measure).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

/// What an import did, or would do ([`Tables::import_into`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// The entities created, in the order they are made.
    pub created: Vec<ImportChange>,
    /// The entities changed.
    pub updated: Vec<ImportChange>,
    /// The entities deleted.
    pub deleted: Vec<ImportChange>,
}

impl ImportReport {
    /// Whether the import changes nothing.
    pub fn is_empty(&self) -> bool {
        self.created.is_empty() && self.updated.is_empty() && self.deleted.is_empty()
    }

    /// The report as text: a count of each, then one line per entity (`+` created, `~`
    /// updated with the fields that change, `-` deleted).
    ///
    /// ```
    /// use okr_core::tables::{ImportChange, ImportReport};
    /// let r = ImportReport {
    ///     updated: vec![ImportChange { table: "objectives", key: "grow".into(), fields: vec!["title".into()] }],
    ///     ..ImportReport::default()
    /// };
    /// assert_eq!(r.render_text(), "0 created, 1 updated, 0 deleted\n  ~ objectives grow (title)\n");
    /// ```
    pub fn render_text(&self) -> String {
        use std::fmt::Write;
        let mut out = format!(
            "{} created, {} updated, {} deleted\n",
            self.created.len(),
            self.updated.len(),
            self.deleted.len()
        );
        for (mark, list) in [
            ("+", &self.created),
            ("~", &self.updated),
            ("-", &self.deleted),
        ] {
            for c in list {
                let _ = write!(out, "  {mark} {} {}", c.table, c.key);
                if !c.fields.is_empty() {
                    let _ = write!(out, " ({})", c.fields.join(", "));
                }
                out.push('\n');
            }
        }
        out
    }
}

impl Tables {
    /// These tables laid over `graph` (see the [module](self)): a copy of `graph` with what
    /// the rows create, change and (with `delete_missing`) delete, the objectives, key
    /// results and links as revisions of `meta`, and the report of it. `graph` itself does
    /// not change: keep the copy, or only the report for a dry run. The tables are read
    /// within the graph's [limits](OkrGraph::limits), and the copy has the same.
    ///
    /// # Errors
    /// `InvalidTables` listing every problem of the rows and of the result checked as a
    /// whole; a check-in of the sheet with the key of one recorded and other values is one of
    /// them. Then, as the change that fails: `InvalidRevision` (`meta.at` before the latest
    /// revision of the graph), `InvalidCheckIn` (a measure changed under check-ins at or
    /// after `meta.at`), `InUse` (an owner or a cycle deleted that the history still names),
    /// `ReadOnlyView` for a view; `InvalidValue` (field `kpi`) for a key result whose KPI
    /// changes (no revision of a key result changes it: remove the key result and add
    /// another).
    ///
    /// # Complexity
    /// O(G + T) for a graph of size G and tables of T cells, plus one revision per entity
    /// changed and, when owners, groups, cycles, KPIs, dependencies or initiatives change,
    /// up to two rebuilds of the graph from its document (O(G) each).
    pub fn import_into(
        &self,
        graph: &OkrGraph,
        meta: Revise,
        options: ImportOptions,
    ) -> Result<(OkrGraph, ImportReport)> {
        graph.writable()?;
        let limits = graph.limits();
        let current = graph.current_document();
        let laid = lay_over(&Tables::of_graph_document(&current), self, options)?;
        let merged = match laid.tables.to_document(limits) {
            Ok(doc) => doc,
            Err(OkrError::InvalidTables { problems }) => {
                return Err(OkrError::InvalidTables {
                    problems: laid.place(problems),
                });
            }
            Err(e) => return Err(e),
        };
        let diff = Diff::of(&current, &merged, &laid)?;
        let mut report = ImportReport::default();
        let g = diff.apply(graph, &meta, limits, &mut report)?;
        Ok((g, report))
    }

    /// The tables of a document as it is now.
    fn of_graph_document(doc: &Document) -> Tables {
        super::write::of_document(doc)
    }
}

/// A cell's value as compared between the sheet and the graph: what the reader makes of it
/// for the column's type, or the cell as text when it does not read (the reader then reports
/// it).
fn norm(kind: ColumnType, c: &Cell) -> Option<String> {
    if c.is_null() {
        return None;
    }
    let read = match kind {
        ColumnType::Time => cell::time(c).map(|t| t.to_rfc3339()),
        ColumnType::Date => cell::date(c).map(|d| d.to_string()),
        ColumnType::Number => cell::number(c).map(|x| x.to_string()),
        ColumnType::Flag => cell::flag(c).map(|b| b.to_string()),
        ColumnType::List => cell::list(c).map(|l| l.join(";")),
        ColumnType::Word => cell::text(c).map(|s| s.trim().to_string()),
        ColumnType::Id | ColumnType::Text => cell::text(c),
    };
    match read {
        Ok(s) if s.is_empty() => None,
        Ok(s) => Some(s),
        Err(_) => Some(format!("\u{0}{}", c.display())),
    }
}

/// The key of row `i` of `t` (None when a key column is missing: the reader reports it).
fn key_of(t: &Table, table: &str, keys: &[&str], i: usize) -> Option<String> {
    let specs = columns_of(table)?;
    let mut parts = Vec::with_capacity(keys.len());
    for k in keys {
        let kind = specs.iter().find(|s| s.name == *k)?.kind;
        parts.push(norm(kind, &t.column(k)?[i]).unwrap_or_default());
    }
    Some(parts.join(if table == "links" { " -> " } else { " @ " }))
}

fn keys_of(table: &str) -> &'static [&'static str] {
    KEYS.iter()
        .find(|(t, _)| *t == table)
        .map_or(&[], |(_, k)| *k)
}

/// The tables of the graph with those of the sheet laid over them.
struct Laid {
    tables: Tables,
    /// By table: the rows of the sheet (they come first), and the key of each row of the
    /// merged table.
    rows: HashMap<&'static str, (usize, Vec<Option<String>>)>,
    /// By table and key: the row of the sheet that names it (counting from 1).
    sheet_rows: HashMap<(&'static str, String), usize>,
}

impl Laid {
    /// Problems of the merged tables as problems of the sheet: a row past the sheet's own is
    /// one of the graph's, left as it was.
    fn place(&self, problems: Vec<TableProblem>) -> Vec<TableProblem> {
        problems
            .into_iter()
            .map(|mut p| {
                let Some((sheet, keys)) = self.rows.get(p.table.as_str()) else {
                    return p;
                };
                if let Some(r) = p.row
                    && r > *sheet
                {
                    let key = keys.get(r - 1).cloned().flatten().unwrap_or_default();
                    p.message = format!(
                        "{} (in the graph's row {key:?}, which the sheet does not change)",
                        p.message
                    );
                    p.row = None;
                }
                p
            })
            .collect()
    }

    fn problem(&self, table: &'static str, key: &str, message: String) -> TableProblem {
        TableProblem {
            table: table.to_string(),
            row: self.sheet_rows.get(&(table, key.to_string())).copied(),
            column: None,
            value: None,
            code: "invalid_value",
            message,
            ids: vec![key.to_string()],
        }
    }
}

/// Rows of one table that belong to rows of another: when the sheet deletes the one
/// (`delete_missing`), the graph's rows of the other go with it, as the model removes them
/// (a key result with its objective; its check-ins stay in the history, not in the
/// graph as it is now). A row of the sheet that names what it deletes is a problem.
const BELONGS: &[(&str, &str, &str)] = &[
    ("links", "child", "objectives"),
    ("links", "parent", "objectives"),
    ("key_results", "objective", "objectives"),
    ("check_ins", "key_result", "key_results"),
    ("plans", "key_result", "key_results"),
    ("initiatives", "key_result", "key_results"),
    ("dependencies", "blocker", "objectives"),
    ("dependencies", "blocked", "objectives"),
    ("dependencies", "blocker", "key_results"),
    ("dependencies", "blocked", "key_results"),
    ("initiative_updates", "initiative", "initiatives"),
    ("kpi_values", "kpi", "kpis"),
    ("kpi_targets", "kpi", "kpis"),
];

/// Where a row of a merged table comes from.
#[derive(Clone, Copy)]
enum Source {
    /// Row `i` of the sheet, over row `j` of the graph with the same key if any.
    Sheet(usize, Option<usize>),
    /// Row `j` of the graph, which the sheet does not name.
    Graph(usize),
}

/// Lays `sheet` over `graph`, table by table (step 1 of the [module](self)).
fn lay_over(graph: &Tables, sheet: &Tables, options: ImportOptions) -> Result<Laid> {
    let mut plans: HashMap<&'static str, Vec<Source>> = HashMap::default();
    let mut keys_by: HashMap<&'static str, Vec<Option<String>>> = HashMap::default();
    let mut sheet_rows = HashMap::default();
    // the keys of the graph's rows the sheet deletes, by table
    let mut deleted: HashMap<&'static str, HashSet<String>> = HashMap::default();
    for &name in TABLE_NAMES.iter() {
        let keys = keys_of(name);
        let old = graph.get(name);
        let old_rows = old.map_or(0, Table::rows);
        let old_keys: Vec<Option<String>> = (0..old_rows)
            .map(|j| old.and_then(|t| key_of(t, name, keys, j)))
            .collect();
        let Some(new) = sheet.get(name) else {
            plans.insert(name, (0..old_rows).map(Source::Graph).collect());
            keys_by.insert(name, old_keys);
            continue;
        };
        let mut index: HashMap<&str, usize> =
            HashMap::with_capacity_and_hasher(old_rows, Default::default());
        for (j, k) in old_keys.iter().enumerate() {
            if let Some(k) = k {
                index.entry(k.as_str()).or_insert(j);
            }
        }
        let mut rows = Vec::with_capacity(new.rows() + old_rows);
        let mut merged_keys = Vec::with_capacity(new.rows() + old_rows);
        let mut named = HashSet::default();
        for i in 0..new.rows() {
            let k = key_of(new, name, keys, i);
            let j = k.as_deref().and_then(|k| index.get(k).copied());
            if let Some(k) = &k {
                named.insert(k.clone());
                sheet_rows.entry((name, k.clone())).or_insert(i + 1);
            }
            rows.push(Source::Sheet(i, j));
            merged_keys.push(k);
        }
        let record = RECORDS.contains(&name);
        for (j, k) in old_keys.into_iter().enumerate() {
            if k.as_ref().is_some_and(|k| named.contains(k)) {
                continue;
            }
            if options.delete_missing && !record {
                if let Some(k) = k {
                    deleted.entry(name).or_default().insert(k);
                }
                continue;
            }
            rows.push(Source::Graph(j));
            merged_keys.push(k);
        }
        plans.insert(name, rows);
        keys_by.insert(name, merged_keys);
    }
    // the graph's rows that belong to what is deleted go with it (in BELONGS order, which
    // deletes what belongs to a deleted row before what belongs to that)
    if !deleted.is_empty() {
        for &(table, column, owner) in BELONGS {
            let Some(gone) = deleted.get(owner).filter(|d| !d.is_empty()).cloned() else {
                continue;
            };
            let Some(t) = graph.get(table) else { continue };
            let Some(cells) = t.column(column) else {
                continue;
            };
            let kind = columns_of(table)
                .and_then(|c| c.iter().find(|s| s.name == column))
                .map_or(ColumnType::Id, |s| s.kind);
            let (rows, keys) = (plans.get_mut(table), keys_by.get_mut(table));
            let (Some(rows), Some(keys)) = (rows, keys) else {
                continue;
            };
            let mut n = 0;
            let mut dropped = Vec::new();
            for r in 0..rows.len() {
                let keep = match rows[r] {
                    Source::Graph(j) => !norm(kind, &cells[j]).is_some_and(|v| gone.contains(&v)),
                    Source::Sheet(..) => true,
                };
                if keep {
                    rows[n] = rows[r];
                    keys.swap(n, r);
                    n += 1;
                } else if let Some(k) = keys[r].clone() {
                    dropped.push(k);
                }
            }
            rows.truncate(n);
            keys.truncate(n);
            deleted.entry(table).or_default().extend(dropped);
        }
    }
    let mut out = Tables::default();
    let mut counts = HashMap::default();
    for &name in TABLE_NAMES.iter() {
        let old = graph.get(name);
        let new = sheet.get(name);
        if old.is_none() && new.is_none() {
            continue;
        }
        let rows = &plans[name];
        let mut names: Vec<&str> = new
            .map(|t| t.columns().map(|(n, _)| n).collect())
            .unwrap_or_default();
        if let Some(old) = old {
            for (n, _) in old.columns() {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        let mut columns: Vec<(String, Vec<Cell>)> = Vec::with_capacity(names.len());
        for n in names {
            let from_sheet = new.and_then(|t| t.column(n));
            let from_graph = old.and_then(|t| t.column(n));
            let cells =
                rows.iter()
                    .map(|r| match (*r, from_sheet, from_graph) {
                        (Source::Sheet(i, _), Some(s), _) => s[i].clone(),
                        (Source::Sheet(_, Some(j)), None, Some(g))
                        | (Source::Graph(j), _, Some(g)) => g[j].clone(),
                        _ => Cell::Null,
                    })
                    .collect();
            columns.push((n.to_string(), cells));
        }
        out.set(name, Table::from_columns(columns)?)?;
        counts.insert(name, new.map_or(0, Table::rows));
    }
    let rows = counts
        .into_iter()
        .map(|(name, n)| (name, (n, keys_by.remove(name).unwrap_or_default())))
        .collect();
    Ok(Laid {
        tables: out,
        rows,
        sheet_rows,
    })
}

/// Whether two check-ins are the same but for `extra` (which tables do not carry).
fn same_check_in(a: &crate::document::DocCheckIn, b: &crate::document::DocCheckIn) -> bool {
    a.at == b.at
        && a.value == b.value
        && a.done == b.done
        && a.milestones_done == b.milestones_done
        && a.confidence == b.confidence
        && a.note == b.note
        && a.author == b.author
}

/// An entity's fields as JSON, without those tables do not carry.
fn fields(v: &impl Serialize, skip: &[&str]) -> Map<String, Value> {
    match serde_json::to_value(v) {
        Ok(Value::Object(mut m)) => {
            for k in skip {
                m.remove(*k);
            }
            m
        }
        _ => Map::new(),
    }
}

/// The fields of `new` that differ from `old`'s.
fn changed(old: &Map<String, Value>, new: &Map<String, Value>) -> Vec<String> {
    let mut out: Vec<String> = new
        .iter()
        .filter(|(k, v)| old.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect();
    out.extend(old.keys().filter(|k| !new.contains_key(*k)).cloned());
    crate::sort::sort_unstable(&mut out);
    out
}

/// Created, changed and deleted entities of one kind, by key.
struct Changes<T> {
    created: Vec<T>,
    updated: Vec<(T, Vec<String>)>,
    deleted: Vec<String>,
}

/// Compares two lists of entities by key (step 3 of the [module](self)). `delete` says
/// whether entities `new` lacks are deleted (the merged tables hold every kept one, so one
/// missing was deleted by the sheet).
fn compare<T: Serialize + Clone + PartialEq>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> String,
    skip: &[&str],
) -> Changes<T> {
    let old_by: HashMap<String, &T> = old.iter().map(|x| (key(x), x)).collect();
    let new_keys: HashSet<String> = new.iter().map(&key).collect();
    let mut c = Changes {
        created: Vec::new(),
        updated: Vec::new(),
        deleted: Vec::new(),
    };
    for x in new {
        match old_by.get(&key(x)) {
            None => c.created.push(x.clone()),
            // equal as they are (the fields tables do not carry included): unchanged,
            // without writing either as JSON
            Some(o) if *o == x => {}
            Some(o) => {
                let f = changed(&fields(*o, skip), &fields(x, skip));
                if !f.is_empty() {
                    c.updated.push((x.clone(), f));
                }
            }
        }
    }
    c.deleted = old
        .iter()
        .map(&key)
        .filter(|k| !new_keys.contains(k))
        .collect();
    c
}

/// One link in document form: (child, parent, weight, kind).
type LinkRow = (String, String, f64, crate::model::LinkKind);

/// Everything an import changes (step 3 of the [module](self)).
struct Diff {
    owners: Changes<crate::model::Owner>,
    groups: Changes<crate::model::Group>,
    cycles: Changes<crate::model::Cycle>,
    kpis: Changes<crate::kpi::Kpi>,
    dependencies: Changes<crate::Dependency>,
    initiatives: Changes<crate::initiative::Initiative>,
    objectives: Changes<DocObjective>,
    key_results: Changes<(String, DocKeyResult)>,
    links_removed: Vec<(String, String)>,
    links_added: Vec<LinkRow>,
    links_weighed: Vec<LinkRow>,
    links_kinded: Vec<LinkRow>,
    /// New check-ins: (key result, check-in).
    check_ins: Vec<(String, crate::document::DocCheckIn)>,
}

fn dependency_key(d: &crate::Dependency) -> String {
    format!("{} -> {}", d.blocker, d.blocked)
}

fn links_of(doc: &Document) -> HashMap<(String, String), LinkRow> {
    let mut out = HashMap::default();
    for o in &doc.objectives {
        for l in &o.parents {
            out.insert(
                (o.id.clone(), l.id.clone()),
                (o.id.clone(), l.id.clone(), l.weight, l.kind),
            );
        }
    }
    out
}

/// Every key result of `doc` with its objective's id.
fn key_results_of(doc: &Document) -> impl Iterator<Item = (&str, &DocKeyResult)> {
    doc.objectives
        .iter()
        .flat_map(|o| o.key_results.iter().map(move |k| (o.id.as_str(), k)))
}

/// [`compare`] for key results, whose objective is where they are in the document.
fn compare_key_results(old: &Document, new: &Document) -> Changes<(String, DocKeyResult)> {
    const SKIP: &[&str] = &["check_ins", "extra"];
    let before: HashMap<&str, (&str, &DocKeyResult)> = key_results_of(old)
        .map(|(o, k)| (k.id.as_str(), (o, k)))
        .collect();
    let mut c = Changes {
        created: Vec::new(),
        updated: Vec::new(),
        deleted: Vec::new(),
    };
    let mut seen = HashSet::default();
    for (o, k) in key_results_of(new) {
        seen.insert(k.id.as_str());
        match before.get(k.id.as_str()) {
            None => c.created.push((o.to_string(), k.clone())),
            Some((was, b)) if *was == o && *b == k => {}
            Some((was, b)) => {
                let mut f = changed(&fields(*b, SKIP), &fields(k, SKIP));
                if *was != o {
                    f.push("objective".into());
                }
                if !f.is_empty() {
                    c.updated.push(((o.to_string(), k.clone()), f));
                }
            }
        }
    }
    c.deleted = key_results_of(old)
        .map(|(_, k)| k.id.clone())
        .filter(|k| !seen.contains(k.as_str()))
        .collect();
    c
}

impl Diff {
    fn of(old: &Document, new: &Document, laid: &Laid) -> Result<Diff> {
        let id = |s: &str| s.to_string();
        let objectives = compare(
            &old.objectives,
            &new.objectives,
            |o| id(&o.id),
            &["parents", "key_results", "extra", "cadence"],
        );
        let key_results = compare_key_results(old, new);
        let mut problems = Vec::new();
        for (x, f) in &key_results.updated {
            if f.iter().any(|f| f == "kpi") {
                problems.push(laid.problem(
                    "key_results",
                    &x.1.id,
                    format!(
                        "the KPI of key result {:?} cannot change: remove the key result and add another",
                        x.1.id
                    ),
                ));
            }
        }
        let (old_links, new_links) = (links_of(old), links_of(new));
        let deleted_objectives: HashSet<&str> = old
            .objectives
            .iter()
            .map(|o| o.id.as_str())
            .filter(|i| objectives.deleted.iter().any(|d| d == i))
            .collect();
        let mut links_removed: Vec<(String, String)> = old_links
            .keys()
            .filter(|k| !new_links.contains_key(*k))
            .filter(|(c, p)| {
                !deleted_objectives.contains(c.as_str()) && !deleted_objectives.contains(p.as_str())
            })
            .cloned()
            .collect();
        crate::sort::sort_unstable(&mut links_removed);
        let (mut links_added, mut links_weighed, mut links_kinded) = (vec![], vec![], vec![]);
        for o in &new.objectives {
            for l in &o.parents {
                let row = (o.id.clone(), l.id.clone(), l.weight, l.kind);
                match old_links.get(&(o.id.clone(), l.id.clone())) {
                    None => links_added.push(row),
                    Some(before) => {
                        if before.2 != row.2 {
                            links_weighed.push(row.clone());
                        }
                        if before.3 != row.3 {
                            links_kinded.push(row);
                        }
                    }
                }
            }
        }
        // check-ins: new ones are added; one recorded with other values is a problem
        let mut recorded: HashMap<
            (&str, chrono::DateTime<chrono::Utc>),
            &crate::document::DocCheckIn,
        > = HashMap::default();
        for o in &old.objectives {
            for k in &o.key_results {
                for c in &k.check_ins {
                    recorded.insert((k.id.as_str(), c.at), c);
                }
            }
        }
        let mut check_ins = Vec::new();
        for o in &new.objectives {
            for k in &o.key_results {
                if k.kpi.is_some() {
                    continue; // its check-ins are its KPI's values
                }
                for c in &k.check_ins {
                    match recorded.get(&(k.id.as_str(), c.at)) {
                        None => check_ins.push((k.id.clone(), c.clone())),
                        Some(before) if same_check_in(before, c) => {}
                        Some(_) => {
                            let key = format!("{} @ {}", k.id, c.at.to_rfc3339());
                            problems.push(laid.problem(
                                "check_ins",
                                &key,
                                format!(
                                    "key result {:?} has a check-in at {} with other values: \
                                     check-ins are a record, an import adds to them and changes none",
                                    k.id,
                                    c.at.to_rfc3339()
                                ),
                            ));
                        }
                    }
                }
            }
        }
        if !problems.is_empty() {
            return Err(OkrError::InvalidTables { problems });
        }
        Ok(Diff {
            owners: compare(
                &old.owners,
                &new.owners,
                |o| id(&o.id),
                &["extra", "cadence"],
            ),
            groups: compare(&old.groups, &new.groups, |g| id(&g.id), &["extra"]),
            cycles: compare(&old.cycles, &new.cycles, |c| id(&c.id), &["extra"]),
            kpis: compare(&old.kpis, &new.kpis, |k| id(&k.id), &["extra"]),
            dependencies: compare(&old.dependencies, &new.dependencies, dependency_key, &[]),
            initiatives: compare(
                &old.initiatives,
                &new.initiatives,
                |x| id(&x.id),
                &["extra"],
            ),
            objectives,
            key_results,
            links_removed,
            links_added,
            links_weighed,
            links_kinded,
            check_ins,
        })
    }

    /// Applies the changes to a copy of `graph` (step 3), recording them in `report`.
    fn apply(
        self,
        graph: &OkrGraph,
        meta: &Revise,
        limits: &Limits,
        report: &mut ImportReport,
    ) -> Result<OkrGraph> {
        let Diff {
            owners,
            groups,
            cycles,
            kpis,
            dependencies,
            initiatives,
            objectives,
            key_results,
            links_removed,
            links_added,
            links_weighed,
            links_kinded,
            check_ins,
        } = self;
        // 1. what others refer to, before they do; dependencies and initiatives deleted
        //    before what they refer to goes
        let first = !(owners.created.is_empty()
            && owners.updated.is_empty()
            && groups.created.is_empty()
            && groups.updated.is_empty()
            && cycles.created.is_empty()
            && cycles.updated.is_empty()
            && kpis.created.is_empty()
            && kpis.updated.is_empty()
            && dependencies.deleted.is_empty()
            && initiatives.deleted.is_empty());
        let mut g = if first {
            rebuilt(graph, limits, |doc| {
                upsert(
                    &mut doc.owners,
                    &owners,
                    |o| o.id.clone(),
                    |o, e| {
                        o.extra = e.extra.clone();
                        o.cadence = e.cadence;
                    },
                );
                upsert(
                    &mut doc.groups,
                    &groups,
                    |x| x.id.clone(),
                    |x, e| x.extra = e.extra.clone(),
                );
                upsert(
                    &mut doc.cycles,
                    &cycles,
                    |c| c.id.clone(),
                    |c, e| c.extra = e.extra.clone(),
                );
                upsert(
                    &mut doc.kpis,
                    &kpis,
                    |k| k.id.clone(),
                    |k, e| k.extra = e.extra.clone(),
                );
                doc.dependencies
                    .retain(|d| !dependencies.deleted.contains(&dependency_key(d)));
                doc.initiatives
                    .retain(|x| !initiatives.deleted.contains(&x.id));
            })?
        } else {
            graph.clone()
        };
        note(report, "owners", &owners, |o| o.id.clone());
        note(report, "groups", &groups, |x| x.id.clone());
        note(report, "cycles", &cycles, |c| c.id.clone());
        note(report, "kpis", &kpis, |k| k.id.clone());
        // 2. objectives, links, key results, check-ins: revisions
        let at = || meta.clone();
        for o in &objectives.created {
            let mut o = o.clone();
            g.add_objective_at(o.objective(), at())?;
        }
        for (o, _) in &objectives.updated {
            let mut o = o.clone();
            let patch = ObjectivePatch {
                cadence: None,
                extra: None,
                ..ObjectivePatch::whole(o.objective())
            };
            g.revise_objective(&o.id, patch, at())?;
        }
        for (child, parent) in &links_removed {
            g.unlink_at(child, parent, at())?;
        }
        for (child, parent, weight, kind) in &links_added {
            g.link_with_at(child, parent, *weight, *kind, at())?;
        }
        for (child, parent, weight, _) in &links_weighed {
            g.set_link_weight_at(child, parent, *weight, at())?;
        }
        for (child, parent, _, kind) in &links_kinded {
            g.set_link_kind_at(child, parent, *kind, at())?;
        }
        for (o, k) in &key_results.created {
            let (kr, _) = k.clone().into_parts(o.clone());
            g.add_key_result_at(kr, at())?;
        }
        for ((o, k), _) in &key_results.updated {
            let (kr, _) = k.clone().into_parts(o.clone());
            let id = kr.id.clone();
            let patch = KeyResultPatch {
                extra: None,
                ..KeyResultPatch::whole(kr)
            };
            g.revise_key_result(&id, patch, at())?;
        }
        for (kr, c) in &check_ins {
            g.check_in(kr, c.to_check_in(kr)?)?;
        }
        let gone: HashSet<&str> = objectives.deleted.iter().map(String::as_str).collect();
        let old_krs: HashMap<String, String> = graph
            .key_results()
            .map(|k| (k.id.clone(), k.objective.clone()))
            .collect();
        for k in &key_results.deleted {
            // those of a deleted objective go with it
            if !old_krs.get(k).is_some_and(|o| gone.contains(o.as_str())) {
                g.remove_key_result_at(k, at())?;
            }
        }
        for o in &objectives.deleted {
            g.remove_objective_at(o, at())?;
        }
        // 3. what refers to the rest; what nothing refers to any more
        let last = !(dependencies.created.is_empty()
            && dependencies.updated.is_empty()
            && initiatives.created.is_empty()
            && initiatives.updated.is_empty()
            && owners.deleted.is_empty()
            && groups.deleted.is_empty()
            && cycles.deleted.is_empty()
            && kpis.deleted.is_empty());
        let g = if last {
            rebuilt(&g, limits, |doc| {
                upsert(
                    &mut doc.dependencies,
                    &dependencies,
                    dependency_key,
                    |_, _| {},
                );
                upsert(
                    &mut doc.initiatives,
                    &initiatives,
                    |x| x.id.clone(),
                    |x, e| x.extra = e.extra.clone(),
                );
                doc.owners.retain(|o| !owners.deleted.contains(&o.id));
                doc.groups.retain(|x| !groups.deleted.contains(&x.id));
                doc.cycles.retain(|c| !cycles.deleted.contains(&c.id));
                doc.kpis.retain(|k| !kpis.deleted.contains(&k.id));
            })?
        } else {
            g
        };
        note(report, "objectives", &objectives, |o| o.id.clone());
        for (c, p) in &links_removed {
            report
                .deleted
                .push(change("links", format!("{c} -> {p}"), vec![]));
        }
        for (c, p, ..) in &links_added {
            report
                .created
                .push(change("links", format!("{c} -> {p}"), vec![]));
        }
        let mut relinked: Vec<(String, Vec<String>)> = Vec::new();
        for (c, p, ..) in &links_weighed {
            relinked.push((format!("{c} -> {p}"), vec!["weight".into()]));
        }
        for (c, p, ..) in &links_kinded {
            let key = format!("{c} -> {p}");
            match relinked.iter_mut().find(|(k, _)| *k == key) {
                Some((_, f)) => f.push("kind".into()),
                None => relinked.push((key, vec!["kind".into()])),
            }
        }
        for (key, f) in relinked {
            report.updated.push(change("links", key, f));
        }
        note(report, "key_results", &key_results, |(_, k)| k.id.clone());
        for (kr, c) in &check_ins {
            report.created.push(change(
                "check_ins",
                format!("{kr} @ {}", c.at.to_rfc3339()),
                vec![],
            ));
        }
        note(report, "dependencies", &dependencies, dependency_key);
        note(report, "initiatives", &initiatives, |x| x.id.clone());
        Ok(g)
    }
}

fn change(table: &'static str, key: String, fields: Vec<String>) -> ImportChange {
    ImportChange { table, key, fields }
}

/// Records one kind's changes in `report`.
fn note<T>(
    report: &mut ImportReport,
    table: &'static str,
    c: &Changes<T>,
    key: impl Fn(&T) -> String,
) {
    for x in &c.created {
        report.created.push(change(table, key(x), vec![]));
    }
    for (x, f) in &c.updated {
        report.updated.push(change(table, key(x), f.clone()));
    }
    for k in &c.deleted {
        report.deleted.push(change(table, k.clone(), vec![]));
    }
}

/// Entities of `c` written into `list`: a changed one replaces the one of the same key
/// (keeping what tables do not carry, by `keep`), a new one is appended.
fn upsert<T: Clone>(
    list: &mut Vec<T>,
    c: &Changes<T>,
    key: impl Fn(&T) -> String,
    keep: impl Fn(&mut T, &T),
) {
    if c.updated.is_empty() && c.created.is_empty() {
        return;
    }
    let at: HashMap<String, usize> = list.iter().enumerate().map(|(i, e)| (key(e), i)).collect();
    for (x, _) in &c.updated {
        let mut x = x.clone();
        if let Some(slot) = at.get(&key(&x)).map(|&i| &mut list[i]) {
            keep(&mut x, slot);
            *slot = x;
        } else {
            list.push(x);
        }
    }
    for x in &c.created {
        list.push(x.clone());
    }
}

/// `g` rebuilt from its document as `edit` changes it, with the clock kept.
fn rebuilt(g: &OkrGraph, limits: &Limits, edit: impl FnOnce(&mut Document)) -> Result<OkrGraph> {
    let mut doc = g.to_document();
    edit(&mut doc);
    let mut out = doc.into_graph_with(limits)?;
    out.set_clock(g.clock().cloned());
    Ok(out)
}
