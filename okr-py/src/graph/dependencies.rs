//! Dependencies ("X blocks Y") and link kinds as read back: adding and removing dependencies,
//! listing them, whether each blocks at a time, and each link with its kind.

use okr_core::{Dependency, RollupConfig};
use pyo3::prelude::*;
use serde::Serialize;

use super::Graph;
use crate::convert::{to_as_of, to_date, to_py};
use crate::errors::raise;

/// A dependency as Python sees it: every key present, `None` where the core has none.
#[derive(Serialize)]
struct DepOut<'a> {
    blocker: &'a str,
    blocked: &'a str,
    start_by: Option<String>,
    note: Option<&'a str>,
}

impl<'a> From<&'a Dependency> for DepOut<'a> {
    fn from(d: &'a Dependency) -> Self {
        DepOut {
            blocker: &d.blocker,
            blocked: &d.blocked,
            start_by: d.start_by.map(|x| x.to_string()),
            note: d.note.as_deref(),
        }
    }
}

#[pymethods]
impl Graph {
    /// Adds a dependency: `blocker` blocks `blocked` (objectives or key results); `start_by`
    /// (a date) is the day by which the blocker must have started. Raises
    /// `DependencyCycleError` (with the path in `.ids`) for a cycle of dependencies or a node
    /// depending on itself, `DependencyError` for the same dependency twice.
    #[pyo3(signature = (blocker, blocked, start_by=None, note=None))]
    fn add_dependency(
        &self,
        blocker: &str,
        blocked: &str,
        start_by: Option<&Bound<'_, PyAny>>,
        note: Option<String>,
    ) -> PyResult<()> {
        let mut d = Dependency::new(blocker, blocked);
        d.start_by = start_by
            .filter(|x| !x.is_none())
            .map(|x| to_date(x, "start_by"))
            .transpose()?;
        d.note = note;
        self.write().add_dependency(d).map_err(raise)
    }

    /// Removes the dependency `blocker -> blocked` (`DependencyError` when there is none).
    fn remove_dependency(&self, blocker: &str, blocked: &str) -> PyResult<()> {
        self.write()
            .remove_dependency(blocker, blocked)
            .map(drop)
            .map_err(raise)
    }

    /// Every dependency, in the order added: dicts with `blocker`, `blocked`, `start_by`
    /// (`"YYYY-MM-DD"` or None) and `note`.
    fn dependencies<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        (self.read().dependencies())
            .map(|d| to_py(py, &DepOut::from(d)))
            .collect()
    }

    /// What blocks `id` and what it blocks: `{"blocked_by": [...], "blocks": [...]}`, each a
    /// list of dependency dicts as `dependencies()` gives.
    fn dependencies_of<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        let g = self.read();
        let of = g.dependencies_of(id);
        let blocked_by: Vec<DepOut<'_>> = of.blocked_by.iter().map(|d| DepOut::from(*d)).collect();
        let blocks: Vec<DepOut<'_>> = of.blocks.iter().map(|d| DepOut::from(*d)).collect();
        let out = serde_json::json!({ "blocked_by": blocked_by, "blocks": blocks });
        to_py(py, &out)
    }

    /// Every dependency with whether it blocks at `as_of`: the dicts of `dependencies()` with
    /// `blocks_now` (bool) and `reason` (`"off_track"`, `"not_started"`, absent when not).
    fn dependency_status<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'py, PyAny>,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let list = self
            .read()
            .dependency_status(to_as_of(as_of)?, &RollupConfig::default())
            .map_err(raise)?;
        list.iter().map(|s| to_py(py, s)).collect()
    }

    /// The kind of the link `child -> parent` (`"contributes"` or `"supports"`), None when
    /// there is no such link.
    fn link_kind(&self, child: &str, parent: &str) -> Option<&'static str> {
        self.read().link_kind(child, parent).map(|k| k.as_str())
    }

    /// The links up from `objective`: dicts with `id` (the parent), `weight` and `kind`.
    fn parent_links<'py>(
        &self,
        py: Python<'py>,
        objective: &str,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        (self.read().parent_links(objective).iter())
            .map(|l| to_py(py, l))
            .collect()
    }

    /// The links down from `objective`: dicts with `id` (the child), `weight` and `kind`.
    fn child_links<'py>(
        &self,
        py: Python<'py>,
        objective: &str,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        (self.read().child_links(objective).iter())
            .map(|l| to_py(py, l))
            .collect()
    }
}
