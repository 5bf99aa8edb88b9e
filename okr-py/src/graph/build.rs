//! Building the graph: adding and removing owners, cycles, objectives and key results, and
//! aligning objectives (links). The changes to objectives, key results and links are
//! recorded as revisions when they have a time (`Graph::change`).

use okr_core::{
    Cadence, Cycle, KeyResult, KeyResultParent, LinkKind, ManualOverride, Measure, Objective,
    ObjectiveState, ObjectiveType, OkrGraph, Owner, PlanPoint, RollupMode, StatusRule, defaults,
};
use pyo3::prelude::*;

use super::Graph;
use crate::convert::{enum_from_str, extra_from, from_py, to_date};
use crate::errors::raise;

#[pymethods]
impl Graph {
    /// Adds an owner (person or organisational unit); its parent must exist. `cadence` is
    /// the check-in cadence of the objectives it owns (`{"every": "week", "grace_days": 2}`,
    /// okr-core's `Cadence`), inherited by the owners below it.
    #[pyo3(signature = (id, name="", kind="", parent=None, extra=None, *, cadence=None))]
    fn add_owner(
        &self,
        id: &str,
        name: &str,
        kind: &str,
        parent: Option<String>,
        extra: Option<&Bound<'_, PyAny>>,
        cadence: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let mut owner = Owner::new(id, name, kind);
        owner.parent = parent;
        owner.cadence = cadence_from(cadence)?;
        owner.extra = extra_from(extra, "extra")?;
        self.write().add_owner(owner).map_err(raise)
    }

    /// Removes an owner nothing refers to.
    fn remove_owner(&self, id: &str) -> PyResult<()> {
        self.write().remove_owner(id).map(|_| ()).map_err(raise)
    }

    /// Adds a cycle (time period) from `start` to `end` inclusive.
    #[pyo3(signature = (id, start, end, name=None, parent=None, extra=None))]
    fn add_cycle(
        &self,
        id: &str,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        name: Option<String>,
        parent: Option<String>,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let mut cycle = Cycle::new(id, to_date(start, "start")?, to_date(end, "end")?);
        if let Some(n) = name {
            cycle.name = n;
        }
        cycle.parent = parent;
        cycle.extra = extra_from(extra, "extra")?;
        self.write().add_cycle(cycle).map_err(raise)
    }

    /// Removes a cycle nothing refers to.
    fn remove_cycle(&self, id: &str) -> PyResult<()> {
        self.write().remove_cycle(id).map(|_| ()).map_err(raise)
    }

    /// Adds an objective (not yet aligned under anything). `state`, `type` and `rollup`
    /// default to okr-core's (`ObjectiveState::default()`, ...); `override` is an attainment
    /// set by hand (`{"attainment": 0.8}`, okr-core's `ManualOverride`); `cadence` the
    /// check-in cadence of its key results (`{"every": "week", "grace_days": 2}`,
    /// `{"every_days": 10}`, `{"every": "month"}`: okr-core's `Cadence`), inherited below it.
    /// `status_rule` how its status is decided (`"weighted_mean"`, the default, or `"worst"`:
    /// okr-core's `StatusRule`). With `at` (or a clock) it exists from then on, as a revision
    /// by `by` for `reason`; without, from the beginning.
    #[pyo3(signature = (id, title, owner, cycle, description="", state=None, r#type=None, rollup=None, extra=None, *, r#override=None, cadence=None, status_rule=None, visibility=None, viewers=None, at=None, by=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_objective(
        &self,
        id: &str,
        title: &str,
        owner: &str,
        cycle: &str,
        description: &str,
        state: Option<&str>,
        r#type: Option<&str>,
        rollup: Option<&str>,
        extra: Option<&Bound<'_, PyAny>>,
        r#override: Option<&Bound<'_, PyAny>>,
        cadence: Option<&Bound<'_, PyAny>>,
        status_rule: Option<&str>,
        visibility: Option<&str>,
        viewers: Option<Vec<String>>,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<()> {
        let mut o = Objective::new(id, title, owner, cycle);
        if let Some(v) = visibility {
            o.visibility = enum_from_str::<okr_core::Visibility>(v, "visibility")?;
        }
        o.viewers = viewers.unwrap_or_default();
        if let Some(v) = status_rule {
            o.status_rule = enum_from_str::<StatusRule>(v, "status_rule")?;
        }
        o.cadence = cadence_from(cadence)?;
        o.description = description.to_string();
        if let Some(v) = state {
            o.state = enum_from_str::<ObjectiveState>(v, "state")?;
        }
        if let Some(v) = r#type {
            o.kind = enum_from_str::<ObjectiveType>(v, "type")?;
        }
        if let Some(v) = rollup {
            o.rollup = enum_from_str::<RollupMode>(v, "rollup")?;
        }
        o.r#override = manual_override(r#override)?;
        o.extra = extra_from(extra, "extra")?;
        self.change(
            &o.id.clone(),
            (at, by, reason),
            o,
            OkrGraph::add_objective_at,
            OkrGraph::add_objective,
        )
    }

    /// Removes an objective with its key results and all its links from `at` on (or the
    /// clock's time; `MissingTimeError` with neither). Its history stays; its id stays taken.
    #[pyo3(signature = (id, *, at=None, by=None, reason=None))]
    fn remove_objective(
        &self,
        id: &str,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<()> {
        self.change(
            id,
            (at, by, reason),
            id,
            OkrGraph::remove_objective_at,
            OkrGraph::remove_objective,
        )
        .map(drop)
    }

    /// Aligns `child` under `parent` with `weight` (finite, >= 0; 0 = aligned, not counted;
    /// default okr-core's `defaults::WEIGHT`) and `kind` (`"contributes"`, the default, or
    /// `"supports"`: never counted), from `at` (or the clock's time) on, else from the
    /// beginning.
    #[pyo3(signature = (child, parent, weight=None, kind=None, *, at=None, by=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn link(
        &self,
        child: &str,
        parent: &str,
        weight: Option<f64>,
        kind: Option<&str>,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<()> {
        let weight = weight.unwrap_or(defaults::WEIGHT);
        let kind = kind.map(LinkKind::parse).transpose().map_err(raise)?;
        let kind = kind.unwrap_or_default();
        self.change(
            &OkrGraph::link_name(child, parent),
            (at, by, reason),
            (),
            |g, (), meta| g.link_with_at(child, parent, weight, kind, meta),
            |g, ()| g.link_with(child, parent, weight, kind),
        )
    }

    /// Changes the kind of an existing link (`"contributes"` or `"supports"`) from `at` (or
    /// the clock's time) on.
    #[pyo3(signature = (child, parent, kind, *, at=None, by=None, reason=None))]
    fn set_link_kind(
        &self,
        child: &str,
        parent: &str,
        kind: &str,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<()> {
        let kind = LinkKind::parse(kind).map_err(raise)?;
        self.change(
            &OkrGraph::link_name(child, parent),
            (at, by, reason),
            (),
            |g, (), meta| g.set_link_kind_at(child, parent, kind, meta),
            |g, ()| g.set_link_kind(child, parent, kind),
        )
    }

    /// Removes the link from `child` to `parent` from `at` (or the clock's time) on.
    #[pyo3(signature = (child, parent, *, at=None, by=None, reason=None))]
    fn unlink(
        &self,
        child: &str,
        parent: &str,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<()> {
        self.change(
            &OkrGraph::link_name(child, parent),
            (at, by, reason),
            (),
            |g, (), meta| g.unlink_at(child, parent, meta),
            |g, ()| g.unlink(child, parent),
        )
    }

    /// Changes the weight of an existing link from `at` (or the clock's time) on.
    #[pyo3(signature = (child, parent, weight, *, at=None, by=None, reason=None))]
    fn set_link_weight(
        &self,
        child: &str,
        parent: &str,
        weight: f64,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<()> {
        self.change(
            &OkrGraph::link_name(child, parent),
            (at, by, reason),
            (),
            |g, (), meta| g.set_link_weight_at(child, parent, weight, meta),
            |g, ()| g.set_link_weight(child, parent, weight),
        )
    }

    /// Adds a key result; `measure` is the document's measure dict, `plan` a list of
    /// `{"date", "value"}` dicts (okr-core's `PlanPoint`s), `override` an attainment set by hand
    /// (`{"attainment": 0.8}`), `parent` the aggregate key result its value counts in: its id,
    /// or `{"id": ..., "factor": ...}` with a conversion factor (okr-core's
    /// `KeyResultParent`), `kpi` the KPI whose values are its check-ins,
    /// `initiatives_weight` how much its initiatives count in its progress (None or 0: not at
    /// all). With `at` (or a clock) it exists from then on; without, from the beginning.
    #[pyo3(signature = (id, title, objective, measure, weight=None, owner=None, due=None, extra=None, *, plan=None, r#override=None, parent=None, kpi=None, initiatives_weight=None, at=None, by=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_key_result(
        &self,
        id: &str,
        title: &str,
        objective: &str,
        measure: &Bound<'_, PyAny>,
        weight: Option<f64>,
        owner: Option<String>,
        due: Option<&Bound<'_, PyAny>>,
        extra: Option<&Bound<'_, PyAny>>,
        plan: Option<&Bound<'_, PyAny>>,
        r#override: Option<&Bound<'_, PyAny>>,
        parent: Option<&Bound<'_, PyAny>>,
        kpi: Option<String>,
        initiatives_weight: Option<f64>,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<()> {
        let measure: Measure = from_py(measure, "measure")?;
        let weight = weight.unwrap_or(defaults::WEIGHT);
        let mut kr = KeyResult::new(id, title, objective, measure).with_weight(weight);
        kr.owner = owner;
        kr.due = due
            .filter(|d| !d.is_none())
            .map(|d| to_date(d, "due"))
            .transpose()?;
        if let Some(plan) = plan.filter(|p| !p.is_none()) {
            kr.plan = from_py::<Vec<PlanPoint>>(plan, "plan")?;
        }
        kr.r#override = manual_override(r#override)?;
        kr.parent = match parent.filter(|p| !p.is_none()) {
            None => None,
            Some(p) => Some(match p.extract::<String>() {
                Ok(id) => KeyResultParent::new(id),
                Err(_) => from_py::<KeyResultParent>(p, "parent")?,
            }),
        };
        kr.kpi = kpi;
        kr.initiatives_weight = initiatives_weight;
        kr.extra = extra_from(extra, "extra")?;
        self.change(
            &kr.id.clone(),
            (at, by, reason),
            kr,
            OkrGraph::add_key_result_at,
            OkrGraph::add_key_result,
        )
    }

    /// Removes a key result from `at` (or the clock's time) on; its history and check-ins stay
    /// for earlier times, its id stays taken.
    #[pyo3(signature = (id, *, at=None, by=None, reason=None))]
    fn remove_key_result(
        &self,
        id: &str,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<()> {
        self.change(
            id,
            (at, by, reason),
            id,
            OkrGraph::remove_key_result_at,
            OkrGraph::remove_key_result,
        )
        .map(drop)
    }
}

/// A cadence argument (the document's form) as okr-core's `Cadence`, which checks it
/// (`InvalidValueError`); None for none.
fn cadence_from(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Cadence>> {
    obj.filter(|o| !o.is_none())
        .map(|o| from_py::<Cadence>(o, "cadence"))
        .transpose()
}

/// A manual override argument (`{"attainment": 0.8}`, the document's form) as okr-core's
/// `ManualOverride`, None for none; okr-core checks its range when the entity is added.
fn manual_override(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<ManualOverride>> {
    obj.filter(|o| !o.is_none())
        .map(|o| from_py::<ManualOverride>(o, "override"))
        .transpose()
}
