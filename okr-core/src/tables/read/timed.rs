//! Reading the tables of what happens over time and around key results: check-ins, plans,
//! dependencies, initiatives and their updates, KPIs with their values and targets.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::super::cell;
use super::{Reader, Rows, problem};
use crate::document::{DocCheckIn, Limits};
use crate::graph::OkrGraph;
use crate::kpi::{Kpi, KpiHealth, KpiTarget, KpiValue};
use crate::model::Measure;
use crate::tables::TableProblem;

impl Reader {
    pub(super) fn read_kpis(
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
            let (Some(name), Some(health)) = (name, health) else {
                self.refuse(id);
                continue;
            };
            let Some(id) = id else { continue };
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
                let limit = limits.max_check_ins_per_key_result;
                self.over_limit(values.name, row, "KPI", &id, "values", limit);
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

    pub(super) fn kpi_named(
        &mut self,
        index: &HashMap<String, usize>,
        rows: &Rows<'_>,
        i: usize,
        id: &str,
    ) -> Option<usize> {
        let found = index.get(id).copied();
        if found.is_none() {
            self.unknown(rows, i, "kpi", "KPI", id);
        }
        found
    }

    /// Key result id -> (objective, position) in the document.
    pub(super) fn key_result_index(&self) -> HashMap<String, (usize, usize)> {
        let mut index: HashMap<String, (usize, usize)> = HashMap::new();
        for (o, obj) in self.doc.objectives.iter().enumerate() {
            for (k, kr) in obj.key_results.iter().enumerate() {
                index.entry(kr.id.clone()).or_insert((o, k));
            }
        }
        index
    }

    pub(super) fn read_plans(&mut self, rows: &Rows<'_>, limits: &Limits) {
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
                let limit = limits.max_plan_points;
                self.over_limit(rows.name, row, "key result", &id, "plan points", limit);
                continue;
            }
            kr.plan.push(crate::model::PlanPoint::new(date, value));
            self.plans[o][k].push((rows.name, row));
        }
    }

    pub(super) fn read_dependencies(&mut self, rows: &Rows<'_>) {
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

    pub(super) fn read_initiatives(
        &mut self,
        rows: &Rows<'_>,
        updates: &Rows<'_>,
        limits: &Limits,
    ) {
        for i in 0..rows.len() {
            let id = self.required(rows, i, "id", cell::text);
            let kr = self.required(rows, i, "key_result", cell::text);
            let title = self.required(rows, i, "title", cell::text);
            let owner = self.cell(rows, i, "owner", cell::text);
            let due = self.cell(rows, i, "due", cell::date);
            let (Some(kr), Some(title)) = (kr, title) else {
                self.refuse(id);
                continue;
            };
            let Some(id) = id else { continue };
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
                let limit = limits.max_check_ins_per_key_result;
                self.over_limit(updates.name, row, "initiative", &id, "updates", limit);
                continue;
            }
            x.updates.push(u);
            self.initiatives[n].1.push((updates.name, row));
        }
    }

    /// The check-ins of `rows` for the key results of `graph`, each made as the key result's
    /// kind needs it, in the rows' order. Unknown key results, values that do not read or do
    /// not make a check-in, and a key result and time given twice or recorded already are
    /// problems.
    pub(super) fn read_check_ins_for(
        &mut self,
        graph: &OkrGraph,
        rows: &Rows<'_>,
    ) -> Vec<(String, crate::CheckIn)> {
        let mut out = Vec::with_capacity(rows.len());
        let mut seen: HashMap<(String, DateTime<Utc>), usize> = HashMap::new();
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
            let Some(k) = graph.key_result(&kr) else {
                self.unknown(rows, i, "key_result", "key result", &kr);
                continue;
            };
            let twice = |message: String| TableProblem {
                column: Some("at".into()),
                value: Some(crate::time::format_instant(at)),
                code: "invalid_check_in",
                ids: vec![kr.clone()],
                ..problem(rows.name, Some(i + 1), message)
            };
            if let Some(first) = seen.get(&(kr.clone(), at)) {
                let p = twice(format!(
                    "key result {kr:?} has a check-in at this time already (row {first})"
                ));
                self.problem(p);
                continue;
            }
            seen.insert((kr.clone(), at), i + 1);
            if graph.check_ins(&kr).iter().any(|c| c.at == at) {
                let p = twice(format!(
                    "key result {kr:?} has a check-in at this time recorded"
                ));
                self.problem(p);
                continue;
            }
            // a milestones check-in with none done: nothing in the three columns
            let none_done = value.is_none()
                && done.is_none()
                && milestones_done.is_none()
                && matches!(k.measure, Measure::Milestones { .. });
            let c = DocCheckIn {
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
            };
            match c.into_check_in(&kr) {
                Ok(c) => out.push((kr, c)),
                Err(e) => {
                    let p = TableProblem {
                        code: e.code(),
                        ids: vec![kr.clone()],
                        ..problem(rows.name, Some(i + 1), e.to_string())
                    };
                    self.problem(p);
                }
            }
        }
        out
    }

    pub(super) fn read_check_ins(&mut self, rows: &Rows<'_>, limits: &Limits) {
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
                let limit = limits.max_check_ins_per_key_result;
                self.over_limit(rows.name, row, "key result", &id, "check-ins", limit);
                continue;
            }
            kr.check_ins.push(c);
            self.check_ins[o][k].push((rows.name, row));
        }
    }
}
