//! Closing a cycle: the scores frozen, a reflection per objective, each key result closed or
//! carried into the next cycle ([`OkrGraph::close_cycle`]), and the rule that a closed
//! cycle's objectives and key results take no change dated at or before the close
//! ([`OkrGraph::check_open`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Carried, ClosedCycle, Decided, FrozenScore, KeyResultDecision, Reflection};
use crate::analytics::GradeBands;
use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;
use crate::model::{CheckInValue, KeyResult, Measure, Objective, ObjectiveState};
use crate::patch::ObjectivePatch;
use crate::store::{Revise, unknown};

/// What the person closing a cycle decides (all optional): per key result `close` or
/// `carry`, and per objective a reflection, as the `--decisions` file of `okr close-cycle`
/// gives them: `{"key_results": {"kr": "carry"}, "reflections": {"obj": "text" | {"text",
/// "prompts": [{"question", "answer"}]}}}`. A key result without a decision carries over when
/// it is unfinished (its progress at the cycle's end is below 1, or undefined) and its
/// objective is active; otherwise (finished, or of a draft, abandoned or closed objective) it
/// closes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CloseDecisions {
    /// Key result id -> close or carry.
    pub key_results: BTreeMap<String, Decided>,
    /// Objective id -> its reflection.
    pub reflections: BTreeMap<String, ReflectionInput>,
}

/// A reflection as given: a text, or a text with answers to prompts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ReflectionInput {
    /// Free text.
    Text(String),
    /// Text and prompts.
    Full {
        /// Free text.
        #[serde(default)]
        text: String,
        /// Answers to structured prompts.
        #[serde(default)]
        prompts: Vec<super::Prompt>,
    },
}

impl CloseDecisions {
    /// Reads decisions from JSON text.
    ///
    /// # Errors
    /// `InvalidValue` (field `decisions`) for text that is not such an object.
    pub fn from_json(text: &str) -> Result<CloseDecisions> {
        serde_json::from_str(text).map_err(|e| OkrError::InvalidValue {
            field: "decisions".into(),
            reason: e.to_string(),
        })
    }
}

/// What closing a cycle did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloseReport {
    /// The record kept in the graph (and its documents).
    #[serde(flatten)]
    pub closed: ClosedCycle,
    /// The key results closed with the cycle.
    pub closed_key_results: Vec<String>,
}

impl CloseReport {
    /// The report as text: the frozen scores, then what closes and what is carried where.
    pub fn render_text(&self) -> String {
        use crate::format::{escape, percent};
        let c = &self.closed;
        let mut s = format!(
            "cycle {} closed at {}{}\n",
            escape(&c.cycle),
            crate::time::format_instant(c.at),
            c.by.as_ref()
                .map(|b| format!(" by {}", escape(b)))
                .unwrap_or_default()
        );
        s.push_str("scores (frozen at the cycle's end):\n");
        let ids: Vec<String> = c
            .scores
            .iter()
            .map(|f| escape(&f.id).into_owned())
            .collect();
        let width = ids.iter().map(|i| i.chars().count()).max().unwrap_or(0);
        for (f, id) in c.scores.iter().zip(&ids) {
            let pad = " ".repeat(width - id.chars().count());
            s.push_str(&format!(
                "  {:<11} {id}{pad}  {:>9}  {}\n",
                f.kind,
                f.score.map_or_else(|| "undefined".into(), percent),
                f.grade
            ));
        }
        if !self.closed_key_results.is_empty() {
            s.push_str("closed:\n");
            for k in &self.closed_key_results {
                s.push_str(&format!("  {}\n", escape(k)));
            }
        }
        if !c.carried.is_empty() {
            s.push_str(&format!(
                "carried into {}:\n",
                escape(c.to.as_deref().unwrap_or("-"))
            ));
            for m in &c.carried {
                s.push_str(&format!(
                    "  {:<11} {} -> {}\n",
                    m.kind,
                    escape(&m.from),
                    escape(&m.to)
                ));
            }
        }
        if !c.reflections.is_empty() {
            s.push_str(&format!("reflections: {}\n", c.reflections.len()));
        }
        s
    }
}

impl OkrGraph {
    /// The record of closed cycle `cycle`, if it was closed.
    pub fn closed_cycle(&self, cycle: &str) -> Option<&ClosedCycle> {
        self.workflow.closed.get(cycle)
    }

    /// The closed cycles, in the order they were closed.
    pub fn closed_cycles(&self) -> impl Iterator<Item = &ClosedCycle> {
        self.workflow.closed.values()
    }

    /// Adds the record of a closed cycle read from a document (its changes are in the
    /// history): the cycle, the next one and whoever closed it must exist, and a cycle is
    /// closed once.
    pub(crate) fn add_closed_cycle_record(&mut self, c: ClosedCycle) -> Result<()> {
        for id in std::iter::once(&c.cycle).chain(&c.to) {
            if self.cycle(id).is_none() {
                return Err(unknown(EntityKind::Cycle, id));
            }
        }
        if let Some(by) = &c.by {
            self.known_owner(by)?;
        }
        if self.workflow.closed.contains_key(&c.cycle) {
            return Err(OkrError::CycleClosed {
                cycle: c.cycle.clone(),
                id: c.cycle,
                reason: "closed twice in the document".into(),
            });
        }
        self.workflow.closed.insert(c.cycle.clone(), c);
        Ok(())
    }

    /// Closes cycle `cycle` at `meta.at`: its scores at its end are frozen (kept, not
    /// computed again), each objective gets the reflection `decisions` gives, and each key
    /// result of its objectives closes or is carried into cycle `to`. Its active objectives
    /// become `closed` (a revision). A carried key result is copied, with id
    /// `{old id}-{to}` (`-2`, `-3`, ... added when taken), under a copy of its objective (made
    /// once per objective, with the same id rule), with its last value (the latest check-in at
    /// or before the close) as its baseline: a numeric or threshold measure starts there; a
    /// milestones key result keeps the milestones not yet done. Title, owner, weight, type,
    /// unit, target and extra are kept; due dates and plans (dates of the old cycle) are not.
    /// A copied objective is aligned under the copy of each parent that was carried too, and
    /// under the parent itself otherwise, with the same weights. A copied key result counts in
    /// the copy of its aggregate key result when that was carried too, else in none (an
    /// aggregate's copy keeps its start: its value is that of the copies under it, each from
    /// its last value). Every change is a revision at
    /// `meta.at` by `meta.by`; the copies name their originals (`carried`). Afterwards,
    /// changes and check-ins dated at or before the close to the cycle's objectives and key
    /// results are refused ([`check_open`](Self::check_open)).
    ///
    /// # Errors
    /// `UnknownId` (the cycles, an id in `decisions`), `CycleClosed` (closed already),
    /// `InvalidCycle` (`to` is the cycle itself or ends before it), `InvalidValue` (a decision
    /// about a key result or objective of another cycle; carrying with no `to`; carrying a key
    /// result that is finished, whose baseline would be its target), `InvalidRevision`
    /// (`meta.at` before a revision recorded). Nothing changes on an error.
    ///
    /// # Complexity
    /// O(V + E + K + C) for a copy of the graph (so that a failure changes nothing) and the
    /// scores (a rollup), plus the copies made.
    pub fn close_cycle(
        &mut self,
        cycle: &str,
        to: Option<&str>,
        meta: Revise,
        decisions: &CloseDecisions,
    ) -> Result<CloseReport> {
        self.writable()?;
        let mut g = self.clone();
        let report = g.close_into(cycle, to, meta, decisions)?;
        *self = g;
        Ok(report)
    }

    /// What [`close_cycle`](Self::close_cycle) would do, without doing it.
    ///
    /// # Errors
    /// As `close_cycle`.
    ///
    /// # Complexity
    /// As `close_cycle`.
    pub fn close_cycle_dry_run(
        &self,
        cycle: &str,
        to: Option<&str>,
        meta: Revise,
        decisions: &CloseDecisions,
    ) -> Result<CloseReport> {
        self.clone().close_into(cycle, to, meta, decisions)
    }

    /// `CycleClosed` when `id` (an objective or key result; an objective's links go with it)
    /// belongs to a closed cycle and `at` is at or before its close. O(1) expected.
    ///
    /// # Errors
    /// `CycleClosed`.
    pub fn check_open(&self, id: &str, at: DateTime<Utc>) -> Result<()> {
        if self.workflow.closed.is_empty() {
            return Ok(());
        }
        let cycle = match self.objective(id) {
            Some(o) => Some(&o.cycle),
            None => self
                .key_result(id)
                .and_then(|k| self.objective(&k.objective))
                .map(|o| &o.cycle),
        };
        match cycle {
            Some(cycle) => self.check_open_cycle(&cycle.clone(), id, at),
            None => Ok(()),
        }
    }

    /// `CycleClosed` when cycle `cycle` is closed and `at` is at or before its close: the
    /// check of [`check_open`](Self::check_open) for `id`, an entity in that cycle (or to be
    /// added to it).
    ///
    /// # Errors
    /// `CycleClosed`.
    pub fn check_open_cycle(&self, cycle: &str, id: &str, at: DateTime<Utc>) -> Result<()> {
        match self.workflow.closed.get(cycle) {
            Some(c) if at <= c.at => Err(OkrError::CycleClosed {
                cycle: cycle.to_string(),
                id: id.to_string(),
                reason: format!(
                    "{id:?} belongs to it, and the change at {} is not after its close at {}",
                    crate::time::format_instant(at),
                    crate::time::format_instant(c.at)
                ),
            }),
            _ => Ok(()),
        }
    }

    /// `close_cycle` on this graph (a copy the caller drops on an error).
    fn close_into(
        &mut self,
        cycle: &str,
        to: Option<&str>,
        meta: Revise,
        decisions: &CloseDecisions,
    ) -> Result<CloseReport> {
        let source = self
            .cycle(cycle)
            .ok_or_else(|| unknown(EntityKind::Cycle, cycle))?
            .clone();
        if let Some(c) = self.workflow.closed.get(cycle) {
            return Err(OkrError::CycleClosed {
                cycle: cycle.to_string(),
                id: cycle.to_string(),
                reason: format!("closed already at {}", crate::time::format_instant(c.at)),
            });
        }
        if let Some(to) = to {
            let next = self
                .cycle(to)
                .ok_or_else(|| unknown(EntityKind::Cycle, to))?;
            if to == cycle || next.end < source.end {
                return Err(OkrError::InvalidCycle {
                    id: to.to_string(),
                    reason: format!(
                        "work carried from {cycle:?} (ending {}) goes into a later cycle; this one ends {}",
                        source.end, next.end
                    ),
                });
            }
        }
        if let Some(by) = &meta.by {
            self.known_owner(by)?;
        }
        self.store.check_revision(cycle, &meta)?;
        // what the cycle holds
        let objectives: Vec<Objective> = self
            .objectives()
            .filter(|o| o.cycle == cycle)
            .cloned()
            .collect();
        let mine: HashSet<&str> = objectives.iter().map(|o| o.id.as_str()).collect();
        let mut krs: Vec<KeyResult> = Vec::new();
        for o in &objectives {
            krs.extend(self.key_results_of(&o.id).into_iter().cloned());
        }
        let kr_ids: HashSet<&str> = krs.iter().map(|k| k.id.as_str()).collect();
        for id in decisions.key_results.keys() {
            if !kr_ids.contains(id.as_str()) {
                return Err(self.not_in_cycle(EntityKind::KeyResult, id, cycle));
            }
        }
        for id in decisions.reflections.keys() {
            if !mine.contains(id.as_str()) {
                return Err(self.not_in_cycle(EntityKind::Objective, id, cycle));
            }
        }
        // the scores at the cycle's end
        let scores = self.scores(source.end, &GradeBands::default())?;
        let mut frozen = Vec::new();
        let mut progress: HashMap<&str, Option<f64>> = HashMap::new();
        for s in scores.objectives.iter().chain(&scores.key_results) {
            let is_objective = s.kind == crate::rollup::NodeKind::Objective;
            let wanted = if is_objective {
                mine.contains(s.id.as_str())
            } else {
                kr_ids.contains(s.id.as_str())
            };
            if !wanted {
                continue;
            }
            if !is_objective {
                progress.insert(s.id.as_str(), s.score);
            }
            frozen.push(FrozenScore {
                id: s.id.clone(),
                kind: if is_objective {
                    "objective"
                } else {
                    "key_result"
                }
                .into(),
                score: s.score,
                attainment: s.attainment,
                grade: s.grade.as_str().into(),
                target: s.target,
            });
        }
        // each key result's decision
        let mut decided = Vec::new();
        let mut carry: Vec<&KeyResult> = Vec::new();
        let mut closed_krs = Vec::new();
        let active: HashSet<&str> = objectives
            .iter()
            .filter(|o| o.state == ObjectiveState::Active)
            .map(|o| o.id.as_str())
            .collect();
        for k in &krs {
            let finished = progress.get(k.id.as_str()).copied().flatten() >= Some(1.0);
            // by default the unfinished work of an active objective goes on; a draft's, an
            // abandoned or a closed objective's ends with the cycle
            let goes_on = !finished && active.contains(k.objective.as_str());
            let d = decisions
                .key_results
                .get(&k.id)
                .copied()
                .unwrap_or(if goes_on {
                    Decided::Carry
                } else {
                    Decided::Close
                });
            decided.push(KeyResultDecision {
                key_result: k.id.clone(),
                decision: d,
            });
            match d {
                Decided::Close => closed_krs.push(k.id.clone()),
                Decided::Carry => carry.push(k),
            }
        }
        if !carry.is_empty() && to.is_none() {
            return Err(OkrError::InvalidValue {
                field: "to".into(),
                reason: format!(
                    "key result {:?} is carried over: name the next cycle",
                    carry[0].id
                ),
            });
        }
        // the copies: objectives first (parents before children, as the links need them)
        let mut carried = Vec::new();
        if let Some(next) = to {
            let carried_objectives: Vec<&Objective> = objectives
                .iter()
                .filter(|o| carry.iter().any(|k| k.objective == o.id))
                .collect();
            let mut taken: HashSet<String> = HashSet::new();
            let mut copy_of: HashMap<String, String> = HashMap::new();
            for o in &carried_objectives {
                let id = self.fresh_id(&o.id, next, &mut taken);
                copy_of.insert(o.id.clone(), id);
            }
            for o in self.parents_first(&carried_objectives) {
                let mut copy = o.clone();
                copy.id = copy_of[&o.id].clone();
                copy.cycle = next.to_string();
                copy.state = ObjectiveState::Active;
                copy.r#override = None;
                self.add_objective_at(copy, meta.clone())?;
                // the copy keeps each link's kind: a supporting link stays supporting
                let parents: Vec<(String, f64, crate::model::LinkKind)> = self
                    .parent_links(&o.id)
                    .into_iter()
                    .map(|l| {
                        let p = copy_of.get(l.id).cloned();
                        (p.unwrap_or_else(|| l.id.to_string()), l.weight, l.kind)
                    })
                    .collect();
                for (p, w, kind) in parents {
                    self.link_with_at(&copy_of[&o.id], &p, w, kind, meta.clone())?;
                }
                carried.push(Carried {
                    kind: "objective".into(),
                    from: o.id.clone(),
                    to: copy_of[&o.id].clone(),
                });
            }
            // a key result under an aggregate carried too goes under the aggregate's copy
            // (added first); under one that closes, under none
            let mut kr_copy: HashMap<&str, String> = HashMap::new();
            for k in &carry {
                kr_copy.insert(&k.id, self.fresh_id(&k.id, next, &mut taken));
            }
            let depth = |k: &KeyResult| {
                let mut d = 0;
                let mut at = k;
                while let Some(p) = at
                    .parent
                    .as_ref()
                    .filter(|p| kr_copy.contains_key(p.id.as_str()))
                {
                    d += 1;
                    match self.key_result(&p.id) {
                        Some(parent) => at = parent,
                        None => break,
                    }
                }
                d
            };
            let mut order: Vec<(usize, &KeyResult)> =
                carry.iter().map(|k| (depth(k), *k)).collect();
            crate::sort::sort_by_key(&mut order, |(d, _)| *d);
            for (_, k) in order {
                let id = kr_copy[k.id.as_str()].clone();
                let mut copy = self.carried_key_result(k, &id, &copy_of[&k.objective], meta.at)?;
                copy.parent = k.parent.as_ref().and_then(|p| {
                    kr_copy
                        .get(p.id.as_str())
                        .map(|c| crate::model::KeyResultParent {
                            id: c.clone(),
                            factor: p.factor,
                        })
                });
                self.add_key_result_at(copy, meta.clone())?;
                carried.push(Carried {
                    kind: "key_result".into(),
                    from: k.id.clone(),
                    to: id,
                });
            }
        }
        // the cycle's objectives close with it
        for o in &objectives {
            if o.state == ObjectiveState::Active {
                let patch = ObjectivePatch {
                    state: Some(ObjectiveState::Closed),
                    ..Default::default()
                };
                self.revise_objective(&o.id, patch, meta.clone())?;
            }
        }
        let reflections = decisions
            .reflections
            .iter()
            .map(|(objective, r)| match r {
                super::close::ReflectionInput::Text(text) => Reflection {
                    objective: objective.clone(),
                    text: text.clone(),
                    prompts: Vec::new(),
                },
                super::close::ReflectionInput::Full { text, prompts } => Reflection {
                    objective: objective.clone(),
                    text: text.clone(),
                    prompts: prompts.clone(),
                },
            })
            .collect();
        let record = ClosedCycle {
            cycle: cycle.to_string(),
            at: meta.at,
            by: meta.by.clone(),
            to: to.map(str::to_string),
            scores: frozen,
            reflections,
            decisions: decided,
            carried,
        };
        self.workflow
            .closed
            .insert(cycle.to_string(), record.clone());
        Ok(CloseReport {
            closed: record,
            closed_key_results: closed_krs,
        })
    }

    fn not_in_cycle(&self, kind: EntityKind, id: &str, cycle: &str) -> OkrError {
        let exists = match kind {
            EntityKind::KeyResult => self.key_result(id).is_some(),
            _ => self.objective(id).is_some(),
        };
        if !exists {
            return unknown(kind, id);
        }
        OkrError::InvalidValue {
            field: format!("decision about {id:?}"),
            reason: format!("it is not in cycle {cycle:?}"),
        }
    }

    /// `{id}-{next}`, or with `-2`, `-3`, ... when taken (now, ever, or by another copy).
    fn fresh_id(&self, id: &str, next: &str, taken: &mut HashSet<String>) -> String {
        let base = format!("{id}-{next}");
        let mut candidate = base.clone();
        let mut n = 1;
        while taken.contains(&candidate)
            || self
                .store
                .check_new_id(EntityKind::Objective, &candidate)
                .is_err()
        {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        taken.insert(candidate.clone());
        candidate
    }

    /// `objectives` ordered so that a parent comes before its children (among them): Kahn's
    /// algorithm over the links between them, O(n + e), in their order where free.
    fn parents_first<'a>(&self, objectives: &[&'a Objective]) -> Vec<&'a Objective> {
        let at: HashMap<&str, usize> = objectives
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        let mut waiting = vec![0usize; objectives.len()];
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); objectives.len()];
        for (i, o) in objectives.iter().enumerate() {
            for (p, _) in self.parents_of(&o.id) {
                if let Some(&j) = at.get(p) {
                    waiting[i] += 1;
                    children[j].push(i);
                }
            }
        }
        let mut ready: std::collections::VecDeque<usize> =
            (0..objectives.len()).filter(|&i| waiting[i] == 0).collect();
        let mut out = Vec::with_capacity(objectives.len());
        while let Some(i) = ready.pop_front() {
            out.push(objectives[i]);
            for &c in &children[i] {
                waiting[c] -= 1;
                if waiting[c] == 0 {
                    ready.push_back(c);
                }
            }
        }
        out
    }

    /// The copy of `k` in the next cycle, with id `id` under objective `objective`, its
    /// baseline its last value at `at`.
    fn carried_key_result(
        &self,
        k: &KeyResult,
        id: &str,
        objective: &str,
        at: DateTime<Utc>,
    ) -> Result<KeyResult> {
        let last = self
            .check_ins(&k.id)
            .iter()
            .rev()
            .find(|c| c.at <= at)
            .map(|c| c.value.clone());
        let measure = match (&k.measure, last) {
            (Measure::Numeric { target, .. }, Some(CheckInValue::Value(v))) if v == *target => {
                return Err(finished(&k.id));
            }
            (
                Measure::Numeric {
                    target,
                    unit,
                    direction,
                    ..
                },
                Some(CheckInValue::Value(v)),
            ) => {
                let m = Measure::Numeric {
                    start: v,
                    target: *target,
                    unit: unit.clone(),
                    direction: *direction,
                };
                // past the target: nothing left to carry
                if m.direction() != k.measure.direction() {
                    return Err(finished(&k.id));
                }
                m
            }
            (
                Measure::Threshold {
                    bound, value, unit, ..
                },
                Some(CheckInValue::Value(v)),
            ) => Measure::Threshold {
                bound: *bound,
                value: *value,
                unit: unit.clone(),
                start: Some(v),
            },
            (Measure::Milestones { milestones }, Some(CheckInValue::Milestones(done))) => {
                let left: Vec<_> = milestones
                    .iter()
                    .filter(|m| !done.contains(&m.name))
                    .cloned()
                    .collect();
                if left.is_empty() {
                    return Err(finished(&k.id));
                }
                Measure::Milestones { milestones: left }
            }
            (Measure::Boolean, Some(CheckInValue::Done(true))) => return Err(finished(&k.id)),
            (m, _) => m.clone(),
        };
        Ok(KeyResult {
            id: id.to_string(),
            title: k.title.clone(),
            objective: objective.to_string(),
            owner: k.owner.clone(),
            weight: k.weight,
            due: None::<NaiveDate>,
            measure,
            parent: None,
            // it goes on taking its values from the same KPI
            kpi: k.kpi.clone(),
            // its initiatives stay with the key result closed; a copy weighs those given
            // to it as the original did
            initiatives_weight: k.initiatives_weight,
            plan: Vec::new(),
            r#override: None,
            extra: k.extra.clone(),
        })
    }
}

fn finished(id: &str) -> OkrError {
    OkrError::InvalidValue {
        field: format!("decision about {id:?}"),
        reason: "it is finished: its last value reached its target, nothing is left to carry"
            .into(),
    }
}
