//! Tables into a document: every value read, every problem kept (with its table, row and
//! column), then the document checked as a loaded one is, its problems placed back on the
//! rows they come from.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::cell::{self, Cell};
use super::{ColumnSpec, OkrError, Table, TableProblem, Tables, columns_of};
use crate::document::{
    DocCheckIn, DocKeyResult, DocLink, DocObjective, DocProblem, Document, Limits,
};
use crate::graph::OkrGraph;
use crate::kpi::{Kpi, KpiHealth, KpiTarget, KpiValue};
use crate::model::{
    AggregateFunction, Bound, Cycle, Direction, Group, KeyResultParent, LinkKind, ManualOverride,
    Measure, Milestone, Owner,
};

/// At most this many problems are listed; one more says how many were left out.
const MAX_PROBLEMS: usize = 1000;

/// Where a row of the document came from: (table, row counting from 1).
type Origin = (&'static str, usize);

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

fn empty_document() -> Document {
    Document {
        version: 2,
        owners: Vec::new(),
        cycles: Vec::new(),
        groups: Vec::new(),
        kpis: Vec::new(),
        objectives: Vec::new(),
        history: Vec::new(),
        review: None,
        proposals: Vec::new(),
        comments: Vec::new(),
        acknowledgements: Vec::new(),
        closed_cycles: Vec::new(),
        dependencies: Vec::new(),
        initiatives: Vec::new(),
        extra: Default::default(),
    }
}

/// A document read from tables, and where each of its parts came from.
struct Reader {
    doc: Document,
    problems: Vec<TableProblem>,
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
    fn read(t: &Tables, limits: &Limits) -> crate::Result<Reader> {
        let mut r = Reader {
            doc: empty_document(),
            problems: Vec::new(),
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
        };
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

    fn read_owners(&mut self, rows: &Rows<'_>, given: bool) {
        if given {
            for i in 0..rows.len() {
                let Some(id) = self.required(rows, i, "id", cell::text) else {
                    continue;
                };
                let mut o = Owner::new(
                    id,
                    self.cell(rows, i, "name", cell::text).unwrap_or_default(),
                    self.cell(rows, i, "kind", cell::text).unwrap_or_default(),
                );
                o.parent = self.cell(rows, i, "parent", cell::text);
                self.doc.owners.push(o);
                self.owners.push(Some((rows.name, i + 1)));
            }
            return;
        }
        // made from the ids named, in the order first named
        let mut seen = std::collections::HashSet::new();
        let groups: std::collections::HashSet<&String> =
            self.doc.groups.iter().map(|g| &g.id).collect();
        let named = (self.doc.objectives.iter().flat_map(|o| {
            std::iter::once(&o.owner)
                .chain(o.key_results.iter().filter_map(|k| k.owner.as_ref()))
                .chain(o.viewers.iter().filter(|v| !groups.contains(v)))
        }))
        .chain(self.doc.groups.iter().flat_map(|g| g.members.iter()))
        .chain(self.doc.kpis.iter().filter_map(|k| k.owner.as_ref()))
        .chain(self.doc.initiatives.iter().filter_map(|x| x.owner.as_ref()));
        let mut made = Vec::new();
        for id in named {
            if seen.insert(id.clone()) {
                made.push(Owner::new(id.clone(), id.clone(), "owner"));
            }
        }
        self.owners = vec![None; made.len()];
        self.doc.owners = made;
    }

    fn read_groups(&mut self, rows: &Rows<'_>) {
        for i in 0..rows.len() {
            let id = self.required(rows, i, "id", cell::text);
            let name = self.cell(rows, i, "name", cell::text);
            let members = self.cell(rows, i, "members", cell::list);
            let Some(id) = id else { continue };
            let mut g = Group::new(id, members.unwrap_or_default());
            g.name = name.unwrap_or_default();
            self.doc.groups.push(g);
            self.groups.push((rows.name, i + 1));
        }
    }

    fn read_kpis(
        &mut self,
        rows: &Rows<'_>,
        values: &Rows<'_>,
        targets: &Rows<'_>,
        limits: &Limits,
    ) {
        for i in 0..rows.len() {
            let id = self.required(rows, i, "id", cell::text);
            let name = self.required(rows, i, "name", cell::text);
            let owner = self.cell(rows, i, "owner", cell::text);
            let unit = self.cell(rows, i, "unit", cell::text);
            let health = self.required(rows, i, "health", cell::text);
            let value = self.cell(rows, i, "value", cell::number);
            let min = self.cell(rows, i, "min", cell::number);
            let max = self.cell(rows, i, "max", cell::number);
            let (Some(id), Some(name), Some(health)) = (id, name, health) else {
                continue;
            };
            let needs = |c: &str, v: Option<f64>, this: &mut Reader| {
                if v.is_none() {
                    this.problem(TableProblem {
                        column: Some(c.to_string()),
                        ..problem(
                            rows.name,
                            Some(i + 1),
                            format!("a {health} KPI needs a {c}"),
                        )
                    });
                }
                v
            };
            let health = match health.trim() {
                "increase" => KpiHealth::Increase {},
                "decrease" => KpiHealth::Decrease {},
                "at_or_above" => match needs("value", value, self) {
                    Some(value) => KpiHealth::AtOrAbove { value },
                    None => continue,
                },
                "at_or_below" => match needs("value", value, self) {
                    Some(value) => KpiHealth::AtOrBelow { value },
                    None => continue,
                },
                "between" => match (needs("min", min, self), needs("max", max, self)) {
                    (Some(min), Some(max)) => KpiHealth::Between { min, max },
                    _ => continue,
                },
                other => {
                    self.problem(TableProblem {
                        column: Some("health".into()),
                        value: Some(other.to_string()),
                        ..problem(
                            rows.name,
                            Some(i + 1),
                            "not a KPI health (increase, decrease, at_or_above, at_or_below, between)"
                                .into(),
                        )
                    });
                    continue;
                }
            };
            let mut k = Kpi::new(id, name, health);
            k.owner = owner;
            k.unit = unit.unwrap_or_default();
            self.doc.kpis.push(k);
            self.kpis.push(((rows.name, i + 1), Vec::new(), Vec::new()));
        }
        let mut index: HashMap<String, usize> = HashMap::new();
        for (n, k) in self.doc.kpis.iter().enumerate() {
            index.entry(k.id.clone()).or_insert(n);
        }
        let mut read = Vec::new();
        for i in 0..values.len() {
            let kpi = self.required(values, i, "kpi", cell::text);
            let at = self.required(values, i, "at", cell::time);
            let value = self.required(values, i, "value", cell::number);
            let note = self.cell(values, i, "note", cell::text);
            let (Some(kpi), Some(at), Some(value)) = (kpi, at, value) else {
                continue;
            };
            let Some(n) = self.kpi_named(&index, values, i, &kpi) else {
                continue;
            };
            let mut v = KpiValue::new(at, value);
            v.note = note;
            read.push((n, i + 1, v));
        }
        crate::sort::sort_by_key(&mut read, |(n, row, v)| (*n, v.at, *row));
        for (n, row, v) in read {
            let k = &mut self.doc.kpis[n];
            if k.values.last().is_some_and(|l| l.at == v.at) {
                let id = k.id.clone();
                self.problem(TableProblem {
                    column: Some("at".into()),
                    value: Some(crate::time::format_instant(v.at)),
                    ids: vec![id.clone()],
                    ..problem(
                        values.name,
                        Some(row),
                        format!("KPI {id:?} has a value at this time already"),
                    )
                });
                continue;
            }
            if k.values.len() == limits.max_check_ins_per_key_result {
                let id = k.id.clone();
                self.problem(TableProblem {
                    code: "limit_exceeded",
                    ids: vec![id.clone()],
                    ..problem(
                        values.name,
                        Some(row),
                        format!(
                            "KPI {id:?} has more than {} values",
                            limits.max_check_ins_per_key_result
                        ),
                    )
                });
                continue;
            }
            k.values.push(v);
            self.kpis[n].1.push((values.name, row));
        }
        for i in 0..targets.len() {
            let kpi = self.required(targets, i, "kpi", cell::text);
            let month = self.required(targets, i, "month", cell::text);
            let value = self.required(targets, i, "value", cell::number);
            let (Some(kpi), Some(month), Some(value)) = (kpi, month, value) else {
                continue;
            };
            let Some(n) = self.kpi_named(&index, targets, i, &kpi) else {
                continue;
            };
            self.doc.kpis[n]
                .targets
                .push(KpiTarget::new(month.trim(), value));
            self.kpis[n].2.push((targets.name, i + 1));
        }
    }

    fn kpi_named(
        &mut self,
        index: &HashMap<String, usize>,
        rows: &Rows<'_>,
        i: usize,
        id: &str,
    ) -> Option<usize> {
        let found = index.get(id).copied();
        if found.is_none() {
            self.problem(TableProblem {
                column: Some("kpi".into()),
                value: Some(id.to_string()),
                code: "unknown_id",
                ids: vec![id.to_string()],
                ..problem(rows.name, Some(i + 1), format!("unknown KPI {id:?}"))
            });
        }
        found
    }

    fn read_cycles(&mut self, rows: &Rows<'_>) {
        for i in 0..rows.len() {
            let id = self.required(rows, i, "id", cell::text);
            let name = self.cell(rows, i, "name", cell::text);
            let start = self.required(rows, i, "start", cell::date);
            let end = self.required(rows, i, "end", cell::date);
            let parent = self.cell(rows, i, "parent", cell::text);
            let (Some(id), Some(start), Some(end)) = (id, start, end) else {
                continue;
            };
            let mut c = Cycle::new(id, start, end);
            c.name = name.unwrap_or_default();
            c.parent = parent;
            self.doc.cycles.push(c);
            self.cycles.push((rows.name, i + 1));
        }
    }

    fn read_objectives(&mut self, rows: &Rows<'_>) {
        for i in 0..rows.len() {
            let id = self.required(rows, i, "id", cell::text);
            let title = self.required(rows, i, "title", cell::text);
            let owner = self.required(rows, i, "owner", cell::text);
            let cycle = self.required(rows, i, "cycle", cell::text);
            let description = self.cell(rows, i, "description", cell::text);
            let state = self.cell(rows, i, "state", cell::word);
            let kind = self.cell(rows, i, "type", cell::word);
            let rollup = self.cell(rows, i, "rollup", cell::word);
            let status_rule = self.cell(rows, i, "status_rule", cell::word);
            let visibility = self.cell(rows, i, "visibility", cell::word);
            let viewers = self.cell(rows, i, "viewers", cell::list);
            let over = self.cell(rows, i, "override", cell::number);
            let (Some(id), Some(title), Some(owner), Some(cycle)) = (id, title, owner, cycle)
            else {
                continue;
            };
            self.doc.objectives.push(DocObjective {
                id,
                title,
                description: description.unwrap_or_default(),
                owner,
                cycle,
                state: state.unwrap_or_default(),
                kind: kind.unwrap_or_default(),
                rollup: rollup.unwrap_or_default(),
                status_rule: status_rule.unwrap_or_default(),
                parents: Vec::new(),
                key_results: Vec::new(),
                r#override: over.map(ManualOverride::new),
                cadence: None,
                visibility: visibility.unwrap_or_default(),
                viewers: viewers.unwrap_or_default(),
                extra: Default::default(),
            });
            self.objectives.push((rows.name, i + 1));
            self.links.push(Vec::new());
            self.key_results.push(Vec::new());
            self.check_ins.push(Vec::new());
            self.plans.push(Vec::new());
        }
    }

    /// The position of objective `id` in the document, or a problem on `column` of row `i`.
    fn objective_named(
        &mut self,
        index: &HashMap<String, usize>,
        rows: &Rows<'_>,
        i: usize,
        column: &str,
        id: &str,
    ) -> Option<usize> {
        let found = index.get(id).copied();
        if found.is_none() {
            self.problem(TableProblem {
                column: Some(column.to_string()),
                value: Some(id.to_string()),
                code: "unknown_id",
                ids: vec![id.to_string()],
                ..problem(rows.name, Some(i + 1), format!("unknown objective {id:?}"))
            });
        }
        found
    }

    fn objective_index(&self) -> HashMap<String, usize> {
        let mut index = HashMap::with_capacity(self.doc.objectives.len());
        for (n, o) in self.doc.objectives.iter().enumerate() {
            // the first of an id named twice (the document's check reports the second)
            index.entry(o.id.clone()).or_insert(n);
        }
        index
    }

    fn read_links(&mut self, rows: &Rows<'_>, limits: &Limits) {
        let index = self.objective_index();
        for i in 0..rows.len() {
            let child = self.required(rows, i, "child", cell::text);
            let parent = self.required(rows, i, "parent", cell::text);
            let weight = self.cell(rows, i, "weight", cell::number);
            let kind: Option<LinkKind> = self.cell(rows, i, "kind", cell::word);
            let (Some(child), Some(parent)) = (child, parent) else {
                continue;
            };
            let c = self.objective_named(&index, rows, i, "child", &child);
            let p = self.objective_named(&index, rows, i, "parent", &parent);
            let (Some(c), Some(_)) = (c, p) else { continue };
            if self.doc.objectives[c].parents.len() == limits.max_parents_per_objective {
                self.problem(TableProblem {
                    code: "limit_exceeded",
                    ids: vec![child.clone()],
                    ..problem(
                        rows.name,
                        Some(i + 1),
                        format!(
                            "objective {child:?} has more than {} parents",
                            limits.max_parents_per_objective
                        ),
                    )
                });
                continue;
            }
            self.doc.objectives[c].parents.push(DocLink {
                id: parent,
                weight: weight.unwrap_or(1.0),
                kind: kind.unwrap_or_default(),
            });
            self.links[c].push((rows.name, i + 1));
        }
    }

    fn read_key_results(&mut self, rows: &Rows<'_>) {
        let index = self.objective_index();
        for i in 0..rows.len() {
            let id = self.required(rows, i, "id", cell::text);
            let objective = self.required(rows, i, "objective", cell::text);
            let title = self.required(rows, i, "title", cell::text);
            let measure = self.measure(rows, i);
            let weight = self.cell(rows, i, "weight", cell::number);
            let due = self.cell(rows, i, "due", cell::date);
            let owner = self.cell(rows, i, "owner", cell::text);
            let parent = self.cell(rows, i, "parent", cell::text);
            let factor = self.cell(rows, i, "factor", cell::number);
            let kpi = self.cell(rows, i, "kpi", cell::text);
            let initiatives_weight = self.cell(rows, i, "initiatives_weight", cell::number);
            let over = self.cell(rows, i, "override", cell::number);
            if parent.is_none() && factor.is_some() {
                self.problem(TableProblem {
                    column: Some("factor".into()),
                    ..problem(
                        rows.name,
                        Some(i + 1),
                        "a factor needs a parent key result".into(),
                    )
                });
            }
            let (Some(id), Some(objective), Some(title), Some(measure)) =
                (id, objective, title, measure)
            else {
                continue;
            };
            let Some(o) = self.objective_named(&index, rows, i, "objective", &objective) else {
                continue;
            };
            self.doc.objectives[o].key_results.push(DocKeyResult {
                id,
                title,
                owner,
                weight: weight.unwrap_or(1.0),
                due,
                measure,
                parent: parent.map(|id| KeyResultParent { id, factor }),
                kpi,
                initiatives_weight,
                plan: Vec::new(),
                r#override: over.map(ManualOverride::new),
                check_ins: Vec::new(),
                extra: Default::default(),
            });
            self.key_results[o].push((rows.name, i + 1));
            self.check_ins[o].push(Vec::new());
            self.plans[o].push(Vec::new());
        }
    }

    /// The measure of key result row `i` (see the module for the kinds and their columns).
    fn measure(&mut self, rows: &Rows<'_>, i: usize) -> Option<Measure> {
        const ALL: [&str; 8] = [
            "start",
            "target",
            "unit",
            "direction",
            "bound",
            "value",
            "function",
            "milestones",
        ];
        let given = |c: &str| rows.get(i, c).is_some();
        let kind = match self.cell(rows, i, "kind", cell::text) {
            Some(k) => k.trim().to_string(),
            None if rows.get(i, "kind").is_some() => return None,
            None if given("function") => "aggregate".into(),
            None if given("bound") => "threshold".into(),
            None if given("milestones") => "milestones".into(),
            None if given("start") || given("target") => "numeric".into(),
            None => "boolean".into(),
        };
        let uses: &[&str] = match kind.as_str() {
            "numeric" => &["start", "target", "unit", "direction"],
            "threshold" => &["bound", "value", "unit", "start"],
            "boolean" => &[],
            "milestones" => &["milestones"],
            "aggregate" => &["function", "start", "target", "unit", "direction"],
            other => {
                self.problem(TableProblem {
                    column: Some("kind".into()),
                    value: Some(other.to_string()),
                    ..problem(
                        rows.name,
                        Some(i + 1),
                        "not a kind of key result (numeric, threshold, boolean, milestones, aggregate)"
                            .into(),
                    )
                });
                return None;
            }
        };
        let mut ok = true;
        for c in ALL.iter().filter(|c| given(c) && !uses.contains(c)) {
            ok = false;
            self.problem(TableProblem {
                column: Some(c.to_string()),
                value: rows.get(i, c).map(Cell::display),
                ..problem(
                    rows.name,
                    Some(i + 1),
                    format!("a {kind} key result has no {c}"),
                )
            });
        }
        let unit = self.cell(rows, i, "unit", cell::text).unwrap_or_default();
        let direction: Option<Direction> = self.cell(rows, i, "direction", cell::word);
        let measure = match kind.as_str() {
            "numeric" => {
                let start = self.required(rows, i, "start", cell::number);
                let target = self.required(rows, i, "target", cell::number);
                Measure::Numeric {
                    start: start?,
                    target: target?,
                    unit,
                    direction,
                }
            }
            "threshold" => {
                let bound: Option<Bound> = self.required(rows, i, "bound", cell::word);
                let value = self.required(rows, i, "value", cell::number);
                let start = self.cell(rows, i, "start", cell::number);
                Measure::Threshold {
                    bound: bound?,
                    value: value?,
                    unit,
                    start,
                }
            }
            "boolean" => Measure::Boolean,
            "milestones" => Measure::Milestones {
                milestones: self.required(rows, i, "milestones", milestones)?,
            },
            _ => {
                let function: Option<AggregateFunction> =
                    self.required(rows, i, "function", cell::word);
                let start = self.required(rows, i, "start", cell::number);
                let target = self.required(rows, i, "target", cell::number);
                Measure::Aggregate {
                    function: function?,
                    start: start?,
                    target: target?,
                    unit,
                    direction,
                }
            }
        };
        ok.then_some(measure)
    }

    /// Key result id -> (objective, position) in the document.
    fn key_result_index(&self) -> HashMap<String, (usize, usize)> {
        let mut index: HashMap<String, (usize, usize)> = HashMap::new();
        for (o, obj) in self.doc.objectives.iter().enumerate() {
            for (k, kr) in obj.key_results.iter().enumerate() {
                index.entry(kr.id.clone()).or_insert((o, k));
            }
        }
        index
    }

    /// A problem: `id` in `column` of row `i` names no `what`.
    fn unknown(&mut self, rows: &Rows<'_>, i: usize, column: &str, what: &str, id: &str) {
        self.problem(TableProblem {
            column: Some(column.to_string()),
            value: Some(id.to_string()),
            code: "unknown_id",
            ids: vec![id.to_string()],
            ..problem(rows.name, Some(i + 1), format!("unknown {what} {id:?}"))
        });
    }

    fn read_plans(&mut self, rows: &Rows<'_>, limits: &Limits) {
        let index = self.key_result_index();
        let mut read = Vec::new();
        for i in 0..rows.len() {
            let kr = self.required(rows, i, "key_result", cell::text);
            let date = self.required(rows, i, "date", cell::date);
            let value = self.required(rows, i, "value", cell::number);
            let (Some(kr), Some(date), Some(value)) = (kr, date, value) else {
                continue;
            };
            match index.get(&kr) {
                Some(&(o, k)) => read.push((o, k, date, i + 1, value)),
                None => self.unknown(rows, i, "key_result", "key result", &kr),
            }
        }
        crate::sort::sort_by_key(&mut read, |(o, k, date, row, _)| (*o, *k, *date, *row));
        for (o, k, date, row, value) in read {
            let kr = &mut self.doc.objectives[o].key_results[k];
            if kr.plan.len() == limits.max_plan_points {
                let id = kr.id.clone();
                self.problem(TableProblem {
                    code: "limit_exceeded",
                    ids: vec![id.clone()],
                    ..problem(
                        rows.name,
                        Some(row),
                        format!(
                            "key result {id:?} has more than {} plan points",
                            limits.max_plan_points
                        ),
                    )
                });
                continue;
            }
            kr.plan.push(crate::model::PlanPoint::new(date, value));
            self.plans[o][k].push((rows.name, row));
        }
    }

    fn read_dependencies(&mut self, rows: &Rows<'_>) {
        for i in 0..rows.len() {
            let blocker = self.required(rows, i, "blocker", cell::text);
            let blocked = self.required(rows, i, "blocked", cell::text);
            let start_by = self.cell(rows, i, "start_by", cell::date);
            let note = self.cell(rows, i, "note", cell::text);
            let (Some(blocker), Some(blocked)) = (blocker, blocked) else {
                continue;
            };
            let mut d = crate::Dependency::new(blocker, blocked);
            d.start_by = start_by;
            d.note = note;
            self.doc.dependencies.push(d);
            self.dependencies.push((rows.name, i + 1));
        }
    }

    fn read_initiatives(&mut self, rows: &Rows<'_>, updates: &Rows<'_>, limits: &Limits) {
        for i in 0..rows.len() {
            let id = self.required(rows, i, "id", cell::text);
            let kr = self.required(rows, i, "key_result", cell::text);
            let title = self.required(rows, i, "title", cell::text);
            let owner = self.cell(rows, i, "owner", cell::text);
            let due = self.cell(rows, i, "due", cell::date);
            let (Some(id), Some(kr), Some(title)) = (id, kr, title) else {
                continue;
            };
            let mut x = crate::Initiative::new(id, kr, title);
            x.owner = owner;
            x.due = due;
            self.doc.initiatives.push(x);
            self.initiatives.push(((rows.name, i + 1), Vec::new()));
        }
        let mut index: HashMap<String, usize> = HashMap::new();
        for (n, x) in self.doc.initiatives.iter().enumerate() {
            index.entry(x.id.clone()).or_insert(n);
        }
        let mut read = Vec::new();
        for i in 0..updates.len() {
            let id = self.required(updates, i, "initiative", cell::text);
            let at = self.required(updates, i, "at", cell::time);
            let done = self.cell(updates, i, "done", cell::flag);
            let percent = self.cell(updates, i, "percent", cell::number);
            let note = self.cell(updates, i, "note", cell::text);
            let (Some(id), Some(at)) = (id, at) else {
                continue;
            };
            let Some(&n) = index.get(&id) else {
                self.unknown(updates, i, "initiative", "initiative", &id);
                continue;
            };
            read.push((
                n,
                i + 1,
                crate::InitiativeUpdate {
                    at,
                    done,
                    percent,
                    note,
                },
            ));
        }
        crate::sort::sort_by_key(&mut read, |(n, row, u)| (*n, u.at, *row));
        for (n, row, u) in read {
            let x = &mut self.doc.initiatives[n];
            if x.updates.len() == limits.max_check_ins_per_key_result {
                let id = x.id.clone();
                self.problem(TableProblem {
                    code: "limit_exceeded",
                    ids: vec![id.clone()],
                    ..problem(
                        updates.name,
                        Some(row),
                        format!(
                            "initiative {id:?} has more than {} updates",
                            limits.max_check_ins_per_key_result
                        ),
                    )
                });
                continue;
            }
            x.updates.push(u);
            self.initiatives[n].1.push((updates.name, row));
        }
    }

    fn read_check_ins(&mut self, rows: &Rows<'_>, limits: &Limits) {
        let index = self.key_result_index();
        let mut read: Vec<(usize, usize, usize, DocCheckIn)> = Vec::new();
        for i in 0..rows.len() {
            let kr = self.required(rows, i, "key_result", cell::text);
            let at = self.required(rows, i, "at", cell::time);
            let value = self.cell(rows, i, "value", cell::number);
            let done = self.cell(rows, i, "done", cell::flag);
            let milestones_done = self.cell(rows, i, "milestones_done", cell::list);
            let confidence = self.cell(rows, i, "confidence", cell::number);
            let note = self.cell(rows, i, "note", cell::text);
            let author = self.cell(rows, i, "author", cell::text);
            let (Some(kr), Some(at)) = (kr, at) else {
                continue;
            };
            let found = index.get(&kr).copied();
            let Some((o, k)) = found else {
                self.unknown(rows, i, "key_result", "key result", &kr);
                continue;
            };
            // a milestones check-in with none done: nothing in the three columns
            let none_done = value.is_none()
                && done.is_none()
                && milestones_done.is_none()
                && matches!(
                    self.doc.objectives[o].key_results[k].measure,
                    Measure::Milestones { .. }
                );
            read.push((
                o,
                k,
                i + 1,
                DocCheckIn {
                    at,
                    value,
                    done,
                    milestones_done: if none_done {
                        Some(Vec::new())
                    } else {
                        milestones_done
                    },
                    confidence,
                    note,
                    author,
                    extra: Default::default(),
                },
            ));
        }
        // by key result, then time; rows in their order where times tie
        crate::sort::sort_by_key(&mut read, |(o, k, row, c)| (*o, *k, c.at, *row));
        let mut last: Option<(usize, usize, DateTime<Utc>, usize)> = None;
        let mut over: Option<(usize, usize)> = None;
        for (o, k, row, c) in read {
            if let Some((lo, lk, lat, lrow)) = last
                && (lo, lk, lat) == (o, k, c.at)
            {
                let id = self.doc.objectives[o].key_results[k].id.clone();
                self.problem(TableProblem {
                    column: Some("at".into()),
                    value: Some(crate::time::format_instant(c.at)),
                    code: "invalid_check_in",
                    ids: vec![id.clone()],
                    ..problem(
                        rows.name,
                        Some(row),
                        format!(
                            "key result {id:?} has a check-in at this time already (row {lrow})"
                        ),
                    )
                });
                continue;
            }
            last = Some((o, k, c.at, row));
            let kr = &mut self.doc.objectives[o].key_results[k];
            if kr.check_ins.len() == limits.max_check_ins_per_key_result {
                // one problem per key result, on its first row over the limit
                if over == Some((o, k)) {
                    continue;
                }
                over = Some((o, k));
                let id = kr.id.clone();
                self.problem(TableProblem {
                    code: "limit_exceeded",
                    ids: vec![id.clone()],
                    ..problem(
                        rows.name,
                        Some(row),
                        format!(
                            "key result {id:?} has more than {} check-ins",
                            limits.max_check_ins_per_key_result
                        ),
                    )
                });
                continue;
            }
            kr.check_ins.push(c);
            self.check_ins[o][k].push((rows.name, row));
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
            ..problem("objectives", None, p.message.clone())
        };
        let at = |(table, row): Origin, out: &mut TableProblem| {
            out.table = table.to_string();
            out.row = Some(row);
        };
        match segs.as_slice() {
            [("owners", Some(n)), rest @ ..] => {
                match self.owners.get(*n).copied().flatten() {
                    Some(o) => at(o, &mut out),
                    // an owner made from the ids named: the problem is the id's
                    None => out.table = "owners".into(),
                }
                out.column = column_of(rest, &[]);
            }
            [("groups", Some(n)), rest @ ..] => {
                if let Some(&o) = self.groups.get(*n) {
                    at(o, &mut out);
                }
                out.column = column_of(rest, &[]);
            }
            [("kpis", Some(n)), ("values", Some(j)), rest @ ..] => {
                if let Some(&o) = self.kpis.get(*n).and_then(|k| k.1.get(*j)) {
                    at(o, &mut out);
                }
                out.column = column_of(rest, &[]);
            }
            [("kpis", Some(n)), ("targets", Some(j)), rest @ ..] => {
                if let Some(&o) = self.kpis.get(*n).and_then(|k| k.2.get(*j)) {
                    at(o, &mut out);
                }
                out.column = column_of(rest, &[]);
            }
            [("kpis", Some(n)), rest @ ..] => {
                if let Some(o) = self.kpis.get(*n) {
                    at(o.0, &mut out);
                }
                out.column = column_of(rest, &[]);
            }
            [("cycles", Some(n)), rest @ ..] => {
                if let Some(&o) = self.cycles.get(*n) {
                    at(o, &mut out);
                }
                out.column = column_of(rest, &[]);
            }
            [("objectives", Some(n)), ("parents", Some(j)), rest @ ..] => {
                if let Some(&o) = self.links.get(*n).and_then(|l| l.get(*j)) {
                    at(o, &mut out);
                }
                out.column = column_of(rest, &[("id", "parent")]).or(Some("parent".into()));
            }
            [
                ("objectives", Some(n)),
                ("key_results", Some(k)),
                ("check_ins", Some(c)),
                rest @ ..,
            ] => {
                if let Some(&o) = (self.check_ins.get(*n))
                    .and_then(|x| x.get(*k))
                    .and_then(|x| x.get(*c))
                {
                    at(o, &mut out);
                }
                out.column = column_of(rest, &[]);
            }
            [
                ("objectives", Some(n)),
                ("key_results", Some(k)),
                ("plan", Some(c)),
                rest @ ..,
            ] => {
                if let Some(&o) = (self.plans.get(*n))
                    .and_then(|x| x.get(*k))
                    .and_then(|x| x.get(*c))
                {
                    at(o, &mut out);
                }
                out.column = column_of(rest, &[]);
            }
            [("dependencies", Some(n)), rest @ ..] => {
                if let Some(&o) = self.dependencies.get(*n) {
                    at(o, &mut out);
                }
                out.column = column_of(rest, &[]);
            }
            [("initiatives", Some(n)), ("updates", Some(j)), rest @ ..] => {
                if let Some(&o) = self.initiatives.get(*n).and_then(|x| x.1.get(*j)) {
                    at(o, &mut out);
                }
                out.column = column_of(rest, &[]);
            }
            [("initiatives", Some(n)), rest @ ..] => {
                if let Some(x) = self.initiatives.get(*n) {
                    at(x.0, &mut out);
                }
                out.column = column_of(rest, &[]);
            }
            [("objectives", Some(n)), ("key_results", Some(k)), rest @ ..] => {
                if let Some(&o) = self.key_results.get(*n).and_then(|x| x.get(*k)) {
                    at(o, &mut out);
                }
                // a measure that makes no sense as a whole names no one column
                out.column = match rest {
                    [("measure", _)] => None,
                    _ => column_of(rest, &[("parent", "parent"), ("id", "id")]),
                };
            }
            [("objectives", Some(n)), rest @ ..] => {
                if let Some(&o) = self.objectives.get(*n) {
                    at(o, &mut out);
                }
                out.column = column_of(rest, &[("kind", "type")]);
            }
            _ => out.table = String::new(),
        }
        out
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
