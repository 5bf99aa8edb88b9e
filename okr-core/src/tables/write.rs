//! A document as tables, and the starter tables.

use super::cell::Cell;
use super::{COLUMNS, Table, Tables};
use crate::document::Document;
use crate::kpi::KpiHealth;
use crate::model::{Measure, Milestone};

/// The words serde writes for `v` (an enum of the document's words).
fn word<T: serde::Serialize>(v: &T) -> Cell {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Cell::Text(s),
        _ => Cell::Null,
    }
}

/// A word only where it differs from the default (tables stay quiet about defaults).
fn word_unless_default<T: serde::Serialize + Default + PartialEq>(v: &T) -> Cell {
    if *v == T::default() {
        Cell::Null
    } else {
        word(v)
    }
}

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Null
    } else {
        Cell::Text(s.to_string())
    }
}

fn list(items: &[String]) -> Cell {
    if items.is_empty() {
        Cell::Null
    } else {
        Cell::Text(items.join(";"))
    }
}

fn milestones(m: &[Milestone]) -> Cell {
    Cell::Text(
        m.iter()
            .map(|m| {
                if m.weight == 1.0 {
                    m.name.clone()
                } else {
                    format!("{}={}", m.name, crate::format::number(m.weight))
                }
            })
            .collect::<Vec<_>>()
            .join(";"),
    )
}

/// Rows being written into a table of the model: one `Vec` of cells per column, in the
/// model's order.
struct Builder {
    names: &'static [super::ColumnSpec],
    cols: Vec<Vec<Cell>>,
}

impl Builder {
    fn new(table: &str) -> Builder {
        let names = super::columns_of(table).unwrap_or(&[]);
        Builder {
            names,
            cols: names.iter().map(|_| Vec::new()).collect(),
        }
    }

    /// Adds a row from (column, cell) pairs; columns not named are empty.
    fn row(&mut self, cells: Vec<(&str, Cell)>) {
        for (i, spec) in self.names.iter().enumerate() {
            let c = cells
                .iter()
                .find(|(n, _)| *n == spec.name)
                .map_or(Cell::Null, |(_, c)| c.clone());
            self.cols[i].push(c);
        }
    }

    fn finish(self) -> Table {
        Table {
            columns: (self.names.iter().map(|s| s.name.to_string()))
                .zip(self.cols)
                .collect(),
        }
    }
}

/// The tables of `doc`.
pub(super) fn of_document(doc: &Document) -> Tables {
    let mut owners = Builder::new("owners");
    for o in &doc.owners {
        owners.row(vec![
            ("id", Cell::Text(o.id.clone())),
            ("name", text(&o.name)),
            ("kind", text(&o.kind)),
            ("parent", o.parent.clone().into()),
        ]);
    }
    let mut groups = Builder::new("groups");
    for gr in &doc.groups {
        groups.row(vec![
            ("id", Cell::Text(gr.id.clone())),
            ("name", text(&gr.name)),
            ("members", list(&gr.members)),
        ]);
    }
    let mut cycles = Builder::new("cycles");
    for c in &doc.cycles {
        cycles.row(vec![
            ("id", Cell::Text(c.id.clone())),
            ("name", text(&c.name)),
            ("start", Cell::Date(c.start)),
            ("end", Cell::Date(c.end)),
            ("parent", c.parent.clone().into()),
        ]);
    }
    let mut objectives = Builder::new("objectives");
    let mut links = Builder::new("links");
    let mut key_results = Builder::new("key_results");
    let mut check_ins = Builder::new("check_ins");
    let mut plans = Builder::new("plans");
    for o in &doc.objectives {
        objectives.row(vec![
            ("id", Cell::Text(o.id.clone())),
            ("title", Cell::Text(o.title.clone())),
            ("owner", Cell::Text(o.owner.clone())),
            ("cycle", Cell::Text(o.cycle.clone())),
            ("description", text(&o.description)),
            ("state", word_unless_default(&o.state)),
            ("type", word_unless_default(&o.kind)),
            ("rollup", word_unless_default(&o.rollup)),
            ("status_rule", word_unless_default(&o.status_rule)),
            ("visibility", word_unless_default(&o.visibility)),
            ("viewers", list(&o.viewers)),
            ("override", o.r#override.map(|x| x.attainment).into()),
        ]);
        for l in &o.parents {
            links.row(vec![
                ("child", Cell::Text(o.id.clone())),
                ("parent", Cell::Text(l.id.clone())),
                ("weight", Cell::Float(l.weight)),
                ("kind", word_unless_default(&l.kind)),
            ]);
        }
        for k in &o.key_results {
            let mut row = vec![
                ("id", Cell::Text(k.id.clone())),
                ("objective", Cell::Text(o.id.clone())),
                ("title", Cell::Text(k.title.clone())),
                ("weight", Cell::Float(k.weight)),
                ("due", k.due.map(Cell::Date).unwrap_or(Cell::Null)),
                ("owner", k.owner.clone().into()),
                ("parent", k.parent.as_ref().map(|p| p.id.clone()).into()),
                ("factor", k.parent.as_ref().and_then(|p| p.factor).into()),
                ("kpi", k.kpi.clone().into()),
                ("initiatives_weight", k.initiatives_weight.into()),
                ("override", k.r#override.map(|x| x.attainment).into()),
            ];
            match &k.measure {
                Measure::Numeric {
                    start,
                    target,
                    unit,
                    direction,
                } => row.extend([
                    ("kind", Cell::from("numeric")),
                    ("start", Cell::Float(*start)),
                    ("target", Cell::Float(*target)),
                    ("unit", text(unit)),
                    ("direction", direction.as_ref().map_or(Cell::Null, word)),
                ]),
                Measure::Threshold {
                    bound,
                    value,
                    unit,
                    start,
                } => row.extend([
                    ("kind", Cell::from("threshold")),
                    ("bound", word(bound)),
                    ("value", Cell::Float(*value)),
                    ("unit", text(unit)),
                    ("start", (*start).into()),
                ]),
                Measure::Boolean => row.push(("kind", Cell::from("boolean"))),
                Measure::Milestones { milestones: m } => row.extend([
                    ("kind", Cell::from("milestones")),
                    ("milestones", milestones(m)),
                ]),
                Measure::Aggregate {
                    function,
                    start,
                    target,
                    unit,
                    direction,
                } => row.extend([
                    ("kind", Cell::from("aggregate")),
                    ("function", word(function)),
                    ("start", Cell::Float(*start)),
                    ("target", Cell::Float(*target)),
                    ("unit", text(unit)),
                    ("direction", direction.as_ref().map_or(Cell::Null, word)),
                ]),
            }
            key_results.row(row);
            for p in &k.plan {
                plans.row(vec![
                    ("key_result", Cell::Text(k.id.clone())),
                    ("date", Cell::Date(p.date)),
                    ("value", Cell::Float(p.value)),
                ]);
            }
            for c in &k.check_ins {
                check_ins.row(vec![
                    ("key_result", Cell::Text(k.id.clone())),
                    ("at", Cell::Time(c.at)),
                    ("value", c.value.into()),
                    ("done", c.done.into()),
                    // none done: an empty cell (read back as none done)
                    (
                        "milestones_done",
                        c.milestones_done.as_deref().map_or(Cell::Null, list),
                    ),
                    ("confidence", c.confidence.into()),
                    ("note", c.note.clone().into()),
                    ("author", c.author.clone().into()),
                ]);
            }
        }
    }
    let mut dependencies = Builder::new("dependencies");
    for d in &doc.dependencies {
        dependencies.row(vec![
            ("blocker", Cell::Text(d.blocker.clone())),
            ("blocked", Cell::Text(d.blocked.clone())),
            ("start_by", d.start_by.map_or(Cell::Null, Cell::Date)),
            ("note", d.note.clone().into()),
        ]);
    }
    let mut initiatives = Builder::new("initiatives");
    let mut updates = Builder::new("initiative_updates");
    for i in &doc.initiatives {
        initiatives.row(vec![
            ("id", Cell::Text(i.id.clone())),
            ("key_result", Cell::Text(i.key_result.clone())),
            ("title", Cell::Text(i.title.clone())),
            ("owner", i.owner.clone().into()),
            ("due", i.due.map_or(Cell::Null, Cell::Date)),
        ]);
        for u in &i.updates {
            updates.row(vec![
                ("initiative", Cell::Text(i.id.clone())),
                ("at", Cell::Time(u.at)),
                ("done", u.done.into()),
                ("percent", u.percent.into()),
                ("note", u.note.clone().into()),
            ]);
        }
    }
    let mut kpis = Builder::new("kpis");
    let mut kpi_values = Builder::new("kpi_values");
    let mut kpi_targets = Builder::new("kpi_targets");
    for k in &doc.kpis {
        let (value, min, max) = match k.health {
            KpiHealth::AtOrAbove { value } | KpiHealth::AtOrBelow { value } => {
                (Cell::Float(value), Cell::Null, Cell::Null)
            }
            KpiHealth::Between { min, max } => (Cell::Null, Cell::Float(min), Cell::Float(max)),
            KpiHealth::Increase {} | KpiHealth::Decrease {} => (Cell::Null, Cell::Null, Cell::Null),
        };
        kpis.row(vec![
            ("id", Cell::Text(k.id.clone())),
            ("name", Cell::Text(k.name.clone())),
            ("owner", k.owner.clone().into()),
            ("unit", text(&k.unit)),
            ("health", Cell::from(k.health.kind_name())),
            ("value", value),
            ("min", min),
            ("max", max),
        ]);
        for v in &k.values {
            kpi_values.row(vec![
                ("kpi", Cell::Text(k.id.clone())),
                ("at", Cell::Time(v.at)),
                ("value", Cell::Float(v.value)),
                ("note", v.note.clone().into()),
            ]);
        }
        for t in &k.targets {
            kpi_targets.row(vec![
                ("kpi", Cell::Text(k.id.clone())),
                ("month", Cell::Text(t.month.clone())),
                ("value", Cell::Float(t.value)),
            ]);
        }
    }
    Tables {
        owners: Some(owners.finish()),
        groups: Some(groups.finish()),
        cycles: Some(cycles.finish()),
        objectives: Some(objectives.finish()),
        links: Some(links.finish()),
        key_results: Some(key_results.finish()),
        check_ins: Some(check_ins.finish()),
        plans: Some(plans.finish()),
        dependencies: Some(dependencies.finish()),
        initiatives: Some(initiatives.finish()),
        initiative_updates: Some(updates.finish()),
        kpis: Some(kpis.finish()),
        kpi_values: Some(kpi_values.finish()),
        kpi_targets: Some(kpi_targets.finish()),
    }
}

/// The starter tables: a company, a team, a quarter, two objectives (one aligned under the
/// other) with three key results of different kinds and a few check-ins.
pub(super) fn template() -> Tables {
    let t = |rows: &[&[&str]], table: &str| {
        let specs = super::columns_of(table).unwrap_or(&[]);
        let mut cols: Vec<(String, Vec<Cell>)> = specs
            .iter()
            .map(|s| (s.name.to_string(), Vec::new()))
            .collect();
        for row in rows {
            for (i, v) in row.iter().enumerate() {
                cols[i].1.push(if v.is_empty() {
                    Cell::Null
                } else {
                    Cell::Text((*v).to_string())
                });
            }
            for col in cols.iter_mut().skip(row.len()) {
                col.1.push(Cell::Null);
            }
        }
        Some(Table { columns: cols })
    };
    debug_assert_eq!(COLUMNS.len(), 14);
    Tables {
        plans: t(
            &[
                &["nordic-revenue", "2027-01-31", "400000"],
                &["nordic-revenue", "2027-02-28", "1100000"],
                &["nordic-revenue", "2027-03-31", "2000000"],
            ],
            "plans",
        ),
        dependencies: t(
            &[&[
                "oslo-office",
                "win-nordics",
                "2027-02-01",
                "An office before the hires",
            ]],
            "dependencies",
        ),
        initiatives: t(
            &[&[
                "partner-deals",
                "nordic-revenue",
                "Sign two reseller partners",
                "sales",
                "2027-02-28",
            ]],
            "initiatives",
        ),
        initiative_updates: t(
            &[&[
                "partner-deals",
                "2027-02-10T12:00:00Z",
                "",
                "50",
                "One signed",
            ]],
            "initiative_updates",
        ),
        groups: t(&[&["leads", "Team leads", "sales"]], "groups"),
        kpis: t(
            &[&[
                "nps",
                "Net promoter score",
                "acme",
                "points",
                "at_or_above",
                "40",
            ]],
            "kpis",
        ),
        kpi_values: t(
            &[
                &["nps", "2027-01-31T12:00:00Z", "38", ""],
                &[
                    "nps",
                    "2027-02-28T12:00:00Z",
                    "42",
                    "After the support changes",
                ],
            ],
            "kpi_values",
        ),
        kpi_targets: t(&[&["nps", "2027-03", "45"]], "kpi_targets"),
        owners: t(
            &[
                &["acme", "Acme Inc.", "organisation", ""],
                &["sales", "Sales", "team", "acme"],
            ],
            "owners",
        ),
        cycles: t(
            &[&["2027-q1", "Q1 2027", "2027-01-01", "2027-03-31", ""]],
            "cycles",
        ),
        objectives: t(
            &[
                &["grow", "Grow revenue in new markets", "acme", "2027-q1"],
                &["win-nordics", "Win the Nordic market", "sales", "2027-q1"],
            ],
            "objectives",
        ),
        links: t(&[&["win-nordics", "grow", "1", ""]], "links"),
        key_results: t(
            &[
                &[
                    "nordic-revenue",
                    "win-nordics",
                    "Reach 2 million EUR of Nordic revenue",
                    "numeric",
                    "0",
                    "2000000",
                    "EUR",
                ],
                &[
                    "churn",
                    "win-nordics",
                    "Keep monthly churn at or below 2%",
                    "threshold",
                    "",
                    "",
                    "%",
                    "",
                    "at_or_below",
                    "2",
                ],
                &["oslo-office", "grow", "Open the Oslo office", "boolean"],
            ],
            "key_results",
        ),
        check_ins: t(
            &[
                &[
                    "nordic-revenue",
                    "2027-01-31T17:00:00Z",
                    "350000",
                    "",
                    "",
                    "0.7",
                    "Two deals signed",
                ],
                &[
                    "nordic-revenue",
                    "2027-02-28T17:00:00Z",
                    "810000",
                    "",
                    "",
                    "0.8",
                    "",
                ],
                &[
                    "churn",
                    "2027-02-28T17:00:00Z",
                    "2.4",
                    "",
                    "",
                    "",
                    "Price change in January",
                ],
                &["oslo-office", "2027-02-15T09:00:00Z", "", "false"],
            ],
            "check_ins",
        ),
    }
}
