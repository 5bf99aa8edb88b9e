//! The `Graph` class.

use std::sync::Mutex;

use okr_core::document::DocCheckIn;
use okr_core::lint;
use okr_core::report::Report;
use okr_core::{
    AsOf, CheckInValue, Cycle, KeyResult, KeyResultPatch, LogFilter, ManualOverride, Measure,
    Objective, ObjectivePatch, ObjectiveState, ObjectiveType, OkrGraph, Owner, PlanPoint, Revise,
    Rollup, RollupConfig, RollupMode,
};
use okr_core::{analytics, defaults};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::check_ins::{check_in_dict, check_in_value, make_check_in, row_check_in};
use crate::convert::{
    config, enum_from_str, extra_from, frame, from_py, patch_fields, py_datetime, rfc3339,
    to_as_of, to_change_time, to_date, to_py,
};
use crate::errors::raise;
use crate::lint::lint_config;
use crate::results::RollupResult;

/// The OKR graph: owners, cycles, objectives aligned in a weighted DAG, key results and
/// check-ins. Every mutation validates first and changes nothing when it raises.
#[pyclass(module = "okr._okr", name = "Graph")]
pub(crate) struct Graph {
    pub(crate) inner: OkrGraph,
}

impl Graph {
    fn rollup_core(&self, py: Python<'_>, as_of: AsOf, cfg: &RollupConfig) -> PyResult<Rollup> {
        let g = &self.inner;
        py.detach(|| g.rollup_with(as_of, cfg)).map_err(raise)
    }

    /// The revision a change records (okr-core's `OkrGraph::revision_for`, the one rule): `at`
    /// read by `Revise::parse_at`. `None` with neither a time nor a clock: the core's plain
    /// method then decides (a change after creation raises `MissingTimeError`; an addition
    /// exists from the beginning).
    fn revision(
        &self,
        entity: &str,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<Option<Revise>> {
        let at = at
            .filter(|a| !a.is_none())
            .map(|a| to_change_time(a, "at"))
            .transpose()?;
        self.inner
            .revision_for(entity, at, by, reason)
            .map_err(raise)
    }
}

/// A revision's stamp as a dict: `at` (an aware `datetime`, UTC), `by`, `reason`.
fn revise_dict<'py>(py: Python<'py>, r: &Revise) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("at", py_datetime(py, &rfc3339(r.at))?)?;
    d.set_item("by", r.by.as_deref())?;
    d.set_item("reason", r.reason.as_deref())?;
    Ok(d)
}

#[pymethods]
impl Graph {
    /// An empty graph.
    #[new]
    fn new() -> Self {
        Graph {
            inner: OkrGraph::new(),
        }
    }

    /// A deep copy.
    fn copy(&self) -> Self {
        Graph {
            inner: self.inner.clone(),
        }
    }

    fn __copy__(&self) -> Self {
        self.copy()
    }

    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.copy()
    }

    /// Pickles as its document JSON.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let loads = py.import("okr._okr")?.getattr("loads")?;
        Ok((loads, (self.inner.to_json(),)))
    }

    fn __len__(&self) -> usize {
        self.inner.objective_count()
    }

    fn __contains__(&self, id: &str) -> bool {
        self.inner.objective(id).is_some() || self.inner.key_result(id).is_some()
    }

    fn __repr__(&self) -> String {
        format!(
            "<okr.Graph: {} owners, {} cycles, {} objectives, {} key results>",
            self.inner.owners().count(),
            self.inner.cycles().count(),
            self.inner.objective_count(),
            self.inner.key_results().count()
        )
    }

    // --- documents ---

    /// The graph as document JSON text.
    fn dumps(&self) -> String {
        self.inner.to_json()
    }

    /// Writes the document JSON to `path`.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        let text = self.inner.to_json();
        py.detach(|| std::fs::write(&path, text))?;
        Ok(())
    }

    /// The graph as a document dict (the JSON document format).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.to_document())
    }

    // --- owners and cycles ---

    /// Adds an owner (person or organisational unit); its parent must exist.
    #[pyo3(signature = (id, name="", kind="", parent=None, extra=None))]
    fn add_owner(
        &mut self,
        id: &str,
        name: &str,
        kind: &str,
        parent: Option<String>,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let mut owner = Owner::new(id, name, kind);
        owner.parent = parent;
        owner.extra = extra_from(extra, "extra")?;
        self.inner.add_owner(owner).map_err(raise)
    }

    /// Removes an owner nothing refers to.
    fn remove_owner(&mut self, id: &str) -> PyResult<()> {
        self.inner.remove_owner(id).map(|_| ()).map_err(raise)
    }

    /// Adds a cycle (time period) from `start` to `end` inclusive.
    #[pyo3(signature = (id, start, end, name=None, parent=None, extra=None))]
    fn add_cycle(
        &mut self,
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
        self.inner.add_cycle(cycle).map_err(raise)
    }

    /// Removes a cycle nothing refers to.
    fn remove_cycle(&mut self, id: &str) -> PyResult<()> {
        self.inner.remove_cycle(id).map(|_| ()).map_err(raise)
    }

    // --- objectives ---

    /// Adds an objective (not yet aligned under anything). `state`, `type` and `rollup`
    /// default to okr-core's (`ObjectiveState::default()`, ...); `override` is an attainment
    /// set by hand (`{"attainment": 0.8}`, okr-core's `ManualOverride`).
    /// With `at` (or a clock) it exists from then on, as a revision by `by` for `reason`;
    /// without, from the beginning.
    #[pyo3(signature = (id, title, owner, cycle, description="", state=None, r#type=None, rollup=None, extra=None, *, r#override=None, at=None, by=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_objective(
        &mut self,
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
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<()> {
        let mut o = Objective::new(id, title, owner, cycle);
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
        match self.revision(&o.id.clone(), at, by, reason)? {
            Some(meta) => self.inner.add_objective_at(o, meta),
            None => self.inner.add_objective(o),
        }
        .map_err(raise)
    }

    /// Changes the given fields of an objective (title, description, owner, cycle, state, type,
    /// rollup, override, extra); the others, its links and its key results stay. okr-core's
    /// `ObjectivePatch` reads the fields (None keeps a field, except `override`, which it
    /// clears; an unknown one is `InvalidValueError`) and applies them, all or nothing, as a
    /// revision at `at` by `by` for `reason` (`OkrGraph::revise_objective`); `at=None` takes
    /// the graph's clock (`OkrGraph::patch_objective`: `MissingTimeError` without one).
    #[pyo3(signature = (obj_id, *, at=None, by=None, reason=None, **fields))]
    fn update_objective(
        &mut self,
        obj_id: &str,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let (text, _) = patch_fields(fields, "objective", None)?;
        let patch = ObjectivePatch::from_json(&text).map_err(raise)?;
        match self.revision(obj_id, at, by, reason)? {
            Some(meta) => self.inner.revise_objective(obj_id, patch, meta),
            None => self.inner.patch_objective(obj_id, patch),
        }
        .map_err(raise)
    }

    /// Removes an objective with its key results and all its links from `at` on (or the
    /// clock's time; `MissingTimeError` with neither). Its history stays; its id stays taken.
    #[pyo3(signature = (id, *, at=None, by=None, reason=None))]
    fn remove_objective(
        &mut self,
        id: &str,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<()> {
        match self.revision(id, at, by, reason)? {
            Some(meta) => self.inner.remove_objective_at(id, meta),
            None => self.inner.remove_objective(id),
        }
        .map(drop)
        .map_err(raise)
    }

    /// Aligns `child` under `parent` with `weight` (finite, >= 0; 0 = aligned, not counted;
    /// default okr-core's `defaults::WEIGHT`), from `at` (or the clock's time) on, else from
    /// the beginning.
    #[pyo3(signature = (child, parent, weight=None, *, at=None, by=None, reason=None))]
    fn link(
        &mut self,
        child: &str,
        parent: &str,
        weight: Option<f64>,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<()> {
        let weight = weight.unwrap_or(defaults::WEIGHT);
        match self.revision(&OkrGraph::link_name(child, parent), at, by, reason)? {
            Some(meta) => self.inner.link_at(child, parent, weight, meta),
            None => self.inner.link(child, parent, weight),
        }
        .map_err(raise)
    }

    /// Removes the link from `child` to `parent` from `at` (or the clock's time) on.
    #[pyo3(signature = (child, parent, *, at=None, by=None, reason=None))]
    fn unlink(
        &mut self,
        child: &str,
        parent: &str,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<()> {
        match self.revision(&OkrGraph::link_name(child, parent), at, by, reason)? {
            Some(meta) => self.inner.unlink_at(child, parent, meta),
            None => self.inner.unlink(child, parent),
        }
        .map_err(raise)
    }

    /// Changes the weight of an existing link from `at` (or the clock's time) on.
    #[pyo3(signature = (child, parent, weight, *, at=None, by=None, reason=None))]
    fn set_link_weight(
        &mut self,
        child: &str,
        parent: &str,
        weight: f64,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<()> {
        match self.revision(&OkrGraph::link_name(child, parent), at, by, reason)? {
            Some(meta) => self.inner.set_link_weight_at(child, parent, weight, meta),
            None => self.inner.set_link_weight(child, parent, weight),
        }
        .map_err(raise)
    }

    // --- key results ---

    /// Adds a key result; `measure` is the document's measure dict, `plan` a list of
    /// `{"date", "value"}` dicts (okr-core's `PlanPoint`s), `override` an attainment set by hand
    /// (`{"attainment": 0.8}`). With `at` (or a clock) it exists from then on; without, from the
    /// beginning.
    #[pyo3(signature = (id, title, objective, measure, weight=None, owner=None, due=None, extra=None, *, plan=None, r#override=None, at=None, by=None, reason=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_key_result(
        &mut self,
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
        kr.extra = extra_from(extra, "extra")?;
        match self.revision(&kr.id.clone(), at, by, reason)? {
            Some(meta) => self.inner.add_key_result_at(kr, meta),
            None => self.inner.add_key_result(kr),
        }
        .map_err(raise)
    }

    /// Changes the given fields of a key result (title, objective, measure, weight, owner, due,
    /// plan, override, extra); the others and its check-ins stay. okr-core's `KeyResultPatch`
    /// reads the fields (None keeps a field, except `owner` and `due`, which it empties, and
    /// `override`, which it clears; an unknown field is `InvalidValueError`) and applies them,
    /// all or nothing, as a revision at `at` by `by` for `reason` (`OkrGraph::revise_key_result`:
    /// the check-ins from `at` on must fit a new measure); `at=None` takes the graph's clock
    /// (`OkrGraph::patch_key_result`: `MissingTimeError` without one).
    #[pyo3(signature = (kr_id, *, at=None, by=None, reason=None, **fields))]
    fn update_key_result(
        &mut self,
        kr_id: &str,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let (text, weight) = patch_fields(fields, "key_result", Some("weight"))?;
        let mut patch = KeyResultPatch::from_json(&text).map_err(raise)?;
        if weight.is_some() {
            patch.weight = weight;
        }
        match self.revision(kr_id, at, by, reason)? {
            Some(meta) => self.inner.revise_key_result(kr_id, patch, meta),
            None => self.inner.patch_key_result(kr_id, patch),
        }
        .map_err(raise)
    }

    /// Removes a key result from `at` (or the clock's time) on; its history and check-ins stay
    /// for earlier times, its id stays taken.
    #[pyo3(signature = (id, *, at=None, by=None, reason=None))]
    fn remove_key_result(
        &mut self,
        id: &str,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<()> {
        match self.revision(id, at, by, reason)? {
            Some(meta) => self.inner.remove_key_result_at(id, meta),
            None => self.inner.remove_key_result(id),
        }
        .map(drop)
        .map_err(raise)
    }

    // --- revisions ---

    /// Sets the graph's clock: the time, author and reason of the changes made without their
    /// own `at` (okr-core's `OkrGraph::set_clock`; the library never reads the wall clock).
    /// `set_clock()` (`at=None`) removes it; `by` or `reason` without `at` is a `TypeError`.
    #[pyo3(signature = (at=None, by=None, reason=None))]
    fn set_clock(
        &mut self,
        at: Option<&Bound<'_, PyAny>>,
        by: Option<String>,
        reason: Option<String>,
    ) -> PyResult<()> {
        let clock = match at.filter(|a| !a.is_none()) {
            Some(at) => Some(Revise {
                at: to_change_time(at, "at")?,
                by,
                reason,
            }),
            None if by.is_some() || reason.is_some() => {
                return Err(PyTypeError::new_err(
                    "set_clock(): `by` and `reason` need `at` (set_clock() removes the clock)",
                ));
            }
            None => None,
        };
        self.inner.set_clock(clock);
        Ok(())
    }

    /// The graph's clock as a dict (`at`: an aware `datetime`, `by`, `reason`), or None.
    fn clock<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.inner.clock().map(|c| revise_dict(py, c)).transpose()
    }

    /// Number of revisions recorded.
    fn revision_count(&self) -> usize {
        self.inner.revision_count()
    }

    /// The time of the latest revision (an aware `datetime`), or None.
    fn latest_revision<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .latest_revision()
            .map(|t| py_datetime(py, &rfc3339(t)))
            .transpose()
    }

    /// The audit trail (okr-core's `OkrGraph::log`), newest first: one dict per changed field,
    /// with `at` (an aware `datetime`), `by`, `entity` (an id, or `child -> parent` for a
    /// link), `kind` (objective, key_result, link), `field`, `from`, `to` (Python values of
    /// the document's JSON) and `reason`. `id`: only the revisions about that objective or key
    /// result (an objective's links too); `since`: only those taking effect at or after it.
    #[pyo3(signature = (id=None, since=None))]
    fn log<'py>(
        &self,
        py: Python<'py>,
        id: Option<String>,
        since: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let since = since
            .filter(|s| !s.is_none())
            .map(|s| to_change_time(s, "since"))
            .transpose()?;
        let entries = self.inner.log(&LogFilter { id, since }).map_err(raise)?;
        let out = to_py(py, &entries)?;
        for (i, e) in entries.iter().enumerate() {
            out.get_item(i)?
                .set_item("at", py_datetime(py, &rfc3339(e.at))?)?;
        }
        Ok(out)
    }

    // --- check-ins ---

    /// Records a check-in: `value` (numeric/threshold; a bool or a list of milestone names
    /// also work), or `done=`, or `milestones_done=`.
    #[pyo3(signature = (kr_id, value=None, *, at, done=None, milestones_done=None, confidence=None, note=None, author=None, extra=None))]
    #[allow(clippy::too_many_arguments)]
    fn check_in(
        &mut self,
        kr_id: &str,
        value: Option<&Bound<'_, PyAny>>,
        at: &Bound<'_, PyAny>,
        done: Option<bool>,
        milestones_done: Option<Vec<String>>,
        confidence: Option<f64>,
        note: Option<String>,
        author: Option<String>,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let c = make_check_in(
            kr_id,
            value,
            at,
            done,
            milestones_done,
            confidence,
            note,
            author,
            extra,
        )?;
        self.inner.check_in(kr_id, c).map_err(raise)
    }

    /// Records many check-ins atomically: all or none. Rows are `(kr_id, value, at)` tuples or
    /// dicts with `kr_id`, `at` and the keyword arguments of `check_in`.
    fn check_in_many(&mut self, rows: &Bound<'_, PyAny>) -> PyResult<usize> {
        let mut batch = Vec::new();
        for row in rows.try_iter()? {
            batch.push(row_check_in(&row?)?);
        }
        let n = batch.len();
        self.inner.check_in_many(batch).map_err(raise)?;
        Ok(n)
    }

    /// Records one check-in per row of a pandas DataFrame (atomic: all or none).
    #[pyo3(signature = (df, kr="kr_id", value="value", at="at"))]
    fn check_in_from_pandas(
        &mut self,
        df: &Bound<'_, PyAny>,
        kr: &str,
        value: &str,
        at: &str,
    ) -> PyResult<usize> {
        let col = |name: &str| -> PyResult<Bound<'_, PyAny>> {
            df.get_item(name)?.call_method0("tolist")
        };
        let krs: Vec<String> = col(kr)?.extract()?;
        let values = col(value)?;
        let ats = col(at)?;
        let mut batch = Vec::with_capacity(krs.len());
        for (i, k) in krs.into_iter().enumerate() {
            let v = values.get_item(i)?;
            let t = ats.get_item(i)?;
            let c = make_check_in(&k, Some(&v), &t, None, None, None, None, None, None)?;
            batch.push((k, c));
        }
        let n = batch.len();
        self.inner.check_in_many(batch).map_err(raise)?;
        Ok(n)
    }

    /// The check-ins of a key result, oldest first, as dicts.
    fn check_ins<'py>(&self, py: Python<'py>, kr_id: &str) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.inner
            .check_ins(kr_id)
            .iter()
            .map(|c| check_in_dict(py, kr_id, c))
            .collect()
    }

    /// Every check-in as columns (dict of lists): kr_id, objective, at (RFC 3339 text), value,
    /// done, milestones_done, confidence, note, author.
    fn check_ins_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let (mut kr, mut obj, mut at, mut value, mut done, mut ms) =
            (vec![], vec![], vec![], vec![], vec![], vec![]);
        let (mut conf, mut note, mut author) = (vec![], vec![], vec![]);
        for k in self.inner.key_results() {
            for c in self.inner.check_ins(&k.id) {
                kr.push(k.id.as_str());
                obj.push(k.objective.as_str());
                at.push(rfc3339(c.at));
                let (v, d, m) = DocCheckIn::value_fields(&c.value);
                value.push(v);
                done.push(d);
                ms.push(m);
                conf.push(c.confidence);
                note.push(c.note.as_deref());
                author.push(c.author.as_deref());
            }
        }
        let d = PyDict::new(py);
        d.set_item("kr_id", kr)?;
        d.set_item("objective", obj)?;
        d.set_item("at", at)?;
        d.set_item("value", value)?;
        d.set_item("done", done)?;
        d.set_item("milestones_done", ms)?;
        d.set_item("confidence", conf)?;
        d.set_item("note", note)?;
        d.set_item("author", author)?;
        Ok(d)
    }

    /// Every check-in as a pandas DataFrame (needs pandas).
    fn check_ins_frame<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frame(py, self.check_ins_columns(py)?, "check_ins")
    }

    // --- queries ---

    /// All owners, as dicts, in insertion order.
    fn owners<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner.owners().map(|o| to_py(py, o)).collect()
    }

    /// The owner with this id, or None.
    fn owner<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.owner(id).map(|o| to_py(py, o)).transpose()
    }

    /// All cycles, as dicts, in insertion order.
    fn cycles<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner.cycles().map(|c| to_py(py, c)).collect()
    }

    /// All objectives, as dicts, in insertion order.
    fn objectives<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner.objectives().map(|o| to_py(py, o)).collect()
    }

    /// The objective with this id, or None.
    fn objective<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.objective(id).map(|o| to_py(py, o)).transpose()
    }

    /// All key results, as dicts, in insertion order.
    fn key_results<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner.key_results().map(|k| to_py(py, k)).collect()
    }

    /// The key result with this id, or None.
    fn key_result<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.key_result(id).map(|k| to_py(py, k)).transpose()
    }

    /// The key results of an objective, as dicts.
    fn key_results_of<'py>(
        &self,
        py: Python<'py>,
        objective: &str,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner
            .key_results_of(objective)
            .into_iter()
            .map(|k| to_py(py, k))
            .collect()
    }

    /// The objectives `objective` is aligned under, as (id, weight) in link order.
    fn parents_of(&self, objective: &str) -> Vec<(String, f64)> {
        self.inner
            .parents_of(objective)
            .into_iter()
            .map(|(id, w)| (id.to_string(), w))
            .collect()
    }

    /// The objectives aligned under `objective`, as (id, weight) in link order.
    fn children_of(&self, objective: &str) -> Vec<(String, f64)> {
        self.inner
            .children_of(objective)
            .into_iter()
            .map(|(id, w)| (id.to_string(), w))
            .collect()
    }

    /// Ids of the objectives aligned under nothing.
    fn roots(&self) -> Vec<String> {
        self.inner
            .roots()
            .into_iter()
            .map(|o| o.id.clone())
            .collect()
    }

    // --- rollup, report, explanations ---

    /// Rolls the whole graph up at `as_of` (a date means the end of that day, UTC).
    #[pyo3(signature = (as_of, on_track_margin=None, at_risk_margin=None, stale_days=None))]
    fn rollup(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        on_track_margin: Option<f64>,
        at_risk_margin: Option<f64>,
        stale_days: Option<f64>,
    ) -> PyResult<RollupResult> {
        let cfg = config(on_track_margin, at_risk_margin, stale_days)?;
        let r = self.rollup_core(py, to_as_of(as_of)?, &cfg)?;
        Ok(RollupResult {
            inner: Mutex::new(r),
        })
    }

    /// The text report (the alignment tree, as `okr report`).
    #[pyo3(signature = (as_of, on_track_margin=None, at_risk_margin=None, stale_days=None))]
    fn report(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        on_track_margin: Option<f64>,
        at_risk_margin: Option<f64>,
        stale_days: Option<f64>,
    ) -> PyResult<String> {
        let cfg = config(on_track_margin, at_risk_margin, stale_days)?;
        let as_of = to_as_of(as_of)?;
        let g = &self.inner;
        py.detach(|| {
            g.rollup_with(as_of, &cfg)
                .map(|r| Report::render_text(g, &r))
        })
        .map_err(raise)
    }

    /// The report as JSON text (as `okr report --format json`).
    #[pyo3(signature = (as_of, on_track_margin=None, at_risk_margin=None, stale_days=None))]
    fn report_json(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        on_track_margin: Option<f64>,
        at_risk_margin: Option<f64>,
        stale_days: Option<f64>,
    ) -> PyResult<String> {
        let cfg = config(on_track_margin, at_risk_margin, stale_days)?;
        let as_of = to_as_of(as_of)?;
        let g = &self.inner;
        let report = py
            .detach(|| g.rollup_with(as_of, &cfg).map(|r| Report::new(g, &r)))
            .map_err(raise)?;
        serde_json::to_string_pretty(&report).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// Lints the whole graph (structure rules and every title) with okr-core's graph linter;
    /// keyword arguments are the lint configuration. Returns the diagnostics as dicts (code,
    /// severity, message, entity, span, help).
    #[pyo3(signature = (**config))]
    fn lint<'py>(
        &self,
        py: Python<'py>,
        config: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let cfg = lint_config(config)?;
        let g = &self.inner;
        let diags = py.detach(|| lint::lint_graph(g, &cfg, crate::lint::today_utc()));
        to_py(py, &diags)
    }

    /// A catalog template drafted into a key result for an objective: baseline from the
    /// objective's or an ancestor's key result on the same metric, deadline from its cycle.
    #[pyo3(signature = (objective, template, *, target=None, baseline=None, as_of=None))]
    fn draft_key_result<'py>(
        &self,
        py: Python<'py>,
        objective: &str,
        template: &str,
        target: Option<f64>,
        baseline: Option<f64>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let opts = okr_core::suggest::DraftOptions {
            target,
            baseline,
            as_of: as_of.map(|d| to_date(d, "as_of")).transpose()?,
        };
        let g = &self.inner;
        let d = py
            .detach(|| okr_core::suggest::draft_for_objective(g, objective, template, &opts))
            .map_err(raise)?;
        to_py(py, &d)
    }

    /// Why is this node at this number: its figures, every contribution and a summary.
    #[pyo3(signature = (id, as_of, on_track_margin=None, at_risk_margin=None, stale_days=None))]
    fn explain_progress<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        as_of: &Bound<'_, PyAny>,
        on_track_margin: Option<f64>,
        at_risk_margin: Option<f64>,
        stale_days: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let cfg = config(on_track_margin, at_risk_margin, stale_days)?;
        let as_of = to_as_of(as_of)?;
        let g = &self.inner;
        let ex = py
            .detach(|| g.explain_progress_with(id, as_of, &cfg))
            .map_err(raise)?;
        to_py(py, &ex)
    }

    // ----- analytics (okr_core::analytics) -----

    /// Share of objectives and of people tracing to each top-level objective, and the people
    /// with no aligned objective.
    #[pyo3(signature = (cycle=None, person_kinds=None))]
    fn coverage<'py>(
        &self,
        py: Python<'py>,
        cycle: Option<String>,
        person_kinds: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut options = analytics::CoverageOptions {
            cycle,
            ..Default::default()
        };
        if let Some(kinds) = person_kinds {
            options.person_kinds = kinds;
        }
        let g = &self.inner;
        let c = py.detach(|| g.coverage(&options)).map_err(raise)?;
        to_py(py, &c)
    }

    /// Each key result's exact share of objective `id`'s progress, and the `top` movers.
    #[pyo3(signature = (id, as_of, top=None))]
    fn contributions<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        as_of: &Bound<'_, PyAny>,
        top: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let top = okr_core::options::count("top", top, defaults::TOP_MOVERS).map_err(raise)?;
        let as_of = to_as_of(as_of)?;
        let g = &self.inner;
        let c = py
            .detach(|| g.contributions(id, as_of, &RollupConfig::default()))
            .map_err(raise)?;
        let d = to_py(py, &c)?;
        let movers: Vec<&str> = c
            .top_movers(top)
            .iter()
            .map(|k| k.key_result.as_str())
            .collect();
        d.set_item("top_movers", movers)?;
        Ok(d)
    }

    /// Rolls up as if each `{kr_id: value}` had been checked in at `as_of`; the graph is not
    /// changed. Values are numbers, bools (boolean key results) or lists of milestone names.
    /// Like `contributions`, `forecast`, `diff` and `render_graph`, it takes no margins: okr-core's
    /// default `RollupConfig` (unlike `rollup`, `report` and `explain_progress`).
    fn what_if(
        &self,
        py: Python<'_>,
        values: &Bound<'_, PyDict>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<RollupResult> {
        let as_of = to_as_of(as_of)?;
        let values = hypothetical(values)?;
        let g = &self.inner;
        let r = py
            .detach(|| g.what_if(as_of, &values, &RollupConfig::default()))
            .map_err(raise)?;
        Ok(RollupResult {
            inner: Mutex::new(r),
        })
    }

    /// What the hypothetical check-ins of `what_if` would change at `as_of`: okr-core's
    /// `RollupDiff` (`OkrGraph::what_if_diff`), the list `okr what-if --format json` prints, one
    /// dict per node whose progress or status changes (id, kind, progress_before,
    /// progress_after, status_before, status_after). The graph is not changed.
    fn what_if_diff<'py>(
        &self,
        py: Python<'py>,
        values: &Bound<'_, PyDict>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = to_as_of(as_of)?;
        let values = hypothetical(values)?;
        let g = &self.inner;
        let d = py
            .detach(|| g.what_if_diff(as_of, &values, &RollupConfig::default()))
            .map_err(raise)?;
        to_py(py, &d)
    }

    /// Least-squares projection of every key result to the end of its period, rolled up.
    fn forecast<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = to_as_of(as_of)?;
        let g = &self.inner;
        let f = py
            .detach(|| g.forecast(as_of, &RollupConfig::default()))
            .map_err(raise)?;
        to_py(py, &f)
    }

    /// End-of-cycle scores and grades (provisional before a period ends).
    /// The bands default to okr-core's (`GradeBands::default()`).
    #[pyo3(signature = (today, aspirational_success=None, committed_success=None, partial=None))]
    fn scores<'py>(
        &self,
        py: Python<'py>,
        today: &Bound<'_, PyAny>,
        aspirational_success: Option<f64>,
        committed_success: Option<f64>,
        partial: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let today = to_date(today, "today")?;
        let d = analytics::GradeBands::default();
        let bands = analytics::GradeBands {
            aspirational_success: aspirational_success.unwrap_or(d.aspirational_success),
            committed_success: committed_success.unwrap_or(d.committed_success),
            partial: partial.unwrap_or(d.partial),
        };
        let g = &self.inner;
        let s = py.detach(|| g.scores(today, &bands)).map_err(raise)?;
        to_py(py, &s)
    }

    /// Per-owner scorecards (for performance conversations, not for pay), every figure
    /// explained. Keyword arguments are okr-core's ScorecardOptions (cadence_days, bands,
    /// low_stretch, high_attainment, owners: only these owners' cards, each must exist).
    #[pyo3(signature = (today, **options))]
    fn scorecards<'py>(
        &self,
        py: Python<'py>,
        today: &Bound<'_, PyAny>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let today = to_date(today, "today")?;
        let options: analytics::ScorecardOptions = match options {
            Some(d) => crate::convert::options(d, "scorecards")?,
            None => Default::default(),
        };
        let g = &self.inner;
        let cards = py.detach(|| g.scorecards(today, &options)).map_err(raise)?;
        to_py(py, &cards)
    }

    /// What moved and what changed status between two moments, and the changes to the goals
    /// that took effect in between (`revisions`, oldest first, as `log()` gives them: `at` an
    /// aware `datetime`).
    fn diff<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (a, b) = (to_as_of(start)?, to_as_of(end)?);
        let g = &self.inner;
        let d = py
            .detach(|| g.diff(a, b, &RollupConfig::default()))
            .map_err(raise)?;
        let out = to_py(py, &d)?;
        let revisions = out.get_item("revisions")?;
        for (i, e) in d.revisions.iter().enumerate() {
            revisions
                .get_item(i)?
                .set_item("at", py_datetime(py, &rfc3339(e.at))?)?;
        }
        Ok(out)
    }

    /// The alignment graph as `"dot"`, `"mermaid"` or `"svg"` text, coloured by status.
    #[pyo3(signature = (format, as_of))]
    fn render_graph(
        &self,
        py: Python<'_>,
        format: &str,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<String> {
        let format: analytics::GraphFormat = format.parse().map_err(raise)?;
        let as_of = to_as_of(as_of)?;
        let g = &self.inner;
        py.detach(|| g.render_graph(format, as_of, &RollupConfig::default()))
            .map_err(raise)
    }
}

/// A manual override argument (`{"attainment": 0.8}`, the document's form) as okr-core's
/// `ManualOverride`, None for none; okr-core checks its range when the entity is added.
fn manual_override(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<ManualOverride>> {
    obj.filter(|o| !o.is_none())
        .map(|o| from_py::<ManualOverride>(o, "override"))
        .transpose()
}

/// The hypothetical check-ins of `what_if` / `what_if_diff`: `{kr_id: value}`.
fn hypothetical(values: &Bound<'_, PyDict>) -> PyResult<Vec<(String, CheckInValue)>> {
    values
        .iter()
        .map(|(k, v)| {
            let kr: String = k.extract()?;
            let value = check_in_value(&kr, &v)?;
            Ok((kr, value))
        })
        .collect()
}
