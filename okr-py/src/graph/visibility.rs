//! Visibility: okr-core's `OkrGraph::add_group`, `update_group`, `remove_group`, `group(s)`,
//! `can_see` and `visible_objectives` (who may see an objective and everything under it).
//! Every rule is okr-core's; this file converts arguments and results.

use okr_core::Group;
use pyo3::prelude::*;

use super::Graph;
use crate::convert::{extra_from, to_py};
use crate::errors::raise;

/// A group from the arguments of `add_group` / `update_group`.
fn group_from(
    id: &str,
    members: Vec<String>,
    name: &str,
    extra: Option<&Bound<'_, PyAny>>,
) -> PyResult<Group> {
    let mut g = Group::new(id, members);
    g.name = name.to_string();
    g.extra = extra_from(extra, "extra")?;
    Ok(g)
}

#[pymethods]
impl Graph {
    /// Adds a group of viewers (owner ids): objectives name it among their `viewers` to let
    /// its members see them. Group ids share the space of owner ids.
    #[pyo3(signature = (id, members, name="", extra=None))]
    fn add_group(
        &self,
        id: &str,
        members: Vec<String>,
        name: &str,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let g = group_from(id, members, name, extra)?;
        self.write().add_group(g).map_err(raise)
    }

    /// Replaces group `id` (its name, members and extra).
    #[pyo3(signature = (id, members, name="", extra=None))]
    fn update_group(
        &self,
        id: &str,
        members: Vec<String>,
        name: &str,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let g = group_from(id, members, name, extra)?;
        self.write().update_group(g).map_err(raise)
    }

    /// Removes group `id` (no objective may name it); returns it as a dict.
    fn remove_group<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        let g = self.write().remove_group(id).map_err(raise)?;
        to_py(py, &g)
    }

    /// The group with this id as a dict, or None.
    fn group<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.read().group(id).map(|g| to_py(py, g)).transpose()
    }

    /// Every group as a dict, in insertion order.
    fn groups<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.read().groups().map(|g| to_py(py, g)).collect()
    }

    /// Whether owner `viewer` may see the objective, key result or initiative `id`.
    fn can_see(&self, viewer: &str, id: &str) -> PyResult<bool> {
        self.read().can_see(viewer, id).map_err(raise)
    }

    /// The ids of the objectives owner `viewer` may see, in insertion order.
    fn visible_objectives(&self, viewer: &str) -> PyResult<Vec<String>> {
        self.read()
            .visible_objectives(viewer)
            .map(|ids| ids.into_iter().map(str::to_string).collect())
            .map_err(raise)
    }
}
