//! Reading the tables of the model itself: owners, groups, cycles, objectives, links and
//! key results (with their measures).

use std::collections::HashMap;

use super::super::cell::{self, Cell};
use super::{Reader, Rows, milestones, problem};
use crate::document::{DocKeyResult, DocLink, DocObjective, Limits};
use crate::model::{
    AggregateFunction, Bound, Cycle, Direction, Group, KeyResultParent, LinkKind, ManualOverride,
    Measure, Owner,
};
use crate::tables::TableProblem;

impl Reader {
    pub(super) fn read_owners(&mut self, rows: &Rows<'_>, given: bool) {
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

    pub(super) fn read_groups(&mut self, rows: &Rows<'_>) {
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

    pub(super) fn read_cycles(&mut self, rows: &Rows<'_>) {
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

    pub(super) fn read_objectives(&mut self, rows: &Rows<'_>) {
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
            let (Some(title), Some(owner), Some(cycle)) = (title, owner, cycle) else {
                self.refuse(id);
                continue;
            };
            let Some(id) = id else { continue };
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
    pub(super) fn objective_named(
        &mut self,
        index: &HashMap<String, usize>,
        rows: &Rows<'_>,
        i: usize,
        column: &str,
        id: &str,
    ) -> Option<usize> {
        let found = index.get(id).copied();
        if found.is_none() {
            self.unknown(rows, i, column, "objective", id);
        }
        found
    }

    pub(super) fn objective_index(&self) -> HashMap<String, usize> {
        let mut index = HashMap::with_capacity(self.doc.objectives.len());
        for (n, o) in self.doc.objectives.iter().enumerate() {
            // the first of an id named twice (the document's check reports the second)
            index.entry(o.id.clone()).or_insert(n);
        }
        index
    }

    pub(super) fn read_links(&mut self, rows: &Rows<'_>, limits: &Limits) {
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
            let limit = limits.max_parents_per_objective;
            if self.doc.objectives[c].parents.len() == limit {
                self.over_limit(rows.name, i + 1, "objective", &child, "parents", limit);
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

    pub(super) fn read_key_results(&mut self, rows: &Rows<'_>) {
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
            let (Some(objective), Some(title), Some(measure)) = (objective, title, measure) else {
                self.refuse(id);
                continue;
            };
            let Some(o) = self.objective_named(&index, rows, i, "objective", &objective) else {
                self.refuse(id);
                continue;
            };
            let Some(id) = id else { continue };
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
    pub(super) fn measure(&mut self, rows: &Rows<'_>, i: usize) -> Option<Measure> {
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
}
