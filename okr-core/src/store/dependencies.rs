//! Dependencies: "X blocks Y" edges between objectives and key results, of any owners and any
//! cycles (time periods). They are never counted in any figure: the rollup only flags a node
//! as blocked (see `rollup::blocked`). Dependencies form their own graph, which must stay
//! acyclic (a node may not depend on itself, directly or not); the alignment graph is not
//! involved.
//!
//! Dependencies are plain current data, like comments: they have no revisions, so the graph
//! at an earlier time ([`OkrGraph::at`](crate::OkrGraph::at)) holds today's dependencies
//! (those whose two ends exist then). Removing an objective or a key result removes the
//! dependencies that name it (an objective's removal also removes those of its key results).

use std::collections::HashMap;

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

use super::Store;
use crate::error::{EntityKind, OkrError, Result};

/// One dependency: `blocker` blocks `blocked` (`blocked` depends on `blocker`).
///
/// ```
/// use okr_core::Dependency;
/// let d = Dependency::new("platform", "launch");
/// assert_eq!((d.blocker.as_str(), d.blocked.as_str()), ("platform", "launch"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    /// The objective or key result that blocks.
    pub blocker: String,
    /// The objective or key result that depends on it.
    pub blocked: String,
    /// The day by which the blocker must have started (`YYYY-MM-DD`): after that day, a
    /// blocker not started yet blocks.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::de_opt_date"
    )]
    pub start_by: Option<NaiveDate>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Dependency {
    /// `blocker` blocks `blocked`, with no start date and no note.
    pub fn new(blocker: impl Into<String>, blocked: impl Into<String>) -> Self {
        Dependency {
            blocker: blocker.into(),
            blocked: blocked.into(),
            start_by: None,
            note: None,
        }
    }

    /// Sets the day by which the blocker must have started.
    pub fn start_by(mut self, date: NaiveDate) -> Self {
        self.start_by = Some(date);
        self
    }

    /// Sets the note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

/// The dependencies of a store, in the order they were added, with both directions indexed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Dependencies {
    /// By (blocker, blocked).
    pub(crate) all: IndexMap<(String, String), Dependency>,
    /// Blocker id -> the ids it blocks, in the order added.
    blocks: HashMap<String, Vec<String>>,
    /// Blocked id -> the ids that block it, in the order added.
    blocked_by: HashMap<String, Vec<String>>,
}

impl Dependencies {
    /// The ids that `id` blocks.
    pub(crate) fn blocks(&self, id: &str) -> &[String] {
        self.blocks.get(id).map_or(&[], Vec::as_slice)
    }

    /// The ids that block `id`.
    pub(crate) fn blocked_by(&self, id: &str) -> &[String] {
        self.blocked_by.get(id).map_or(&[], Vec::as_slice)
    }

    /// The dependency `blocker -> blocked`.
    pub(crate) fn get(&self, blocker: &str, blocked: &str) -> Option<&Dependency> {
        self.all.get(&(blocker.to_string(), blocked.to_string()))
    }

    /// Whether there is none.
    pub(crate) fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// A path of "blocks" steps from `from` to `to` (both included), if any: a depth-first
    /// search over the dependencies.
    ///
    /// # Complexity
    /// O(D) for D dependencies.
    fn path(&self, from: &str, to: &str) -> Option<Vec<String>> {
        let mut parent: HashMap<&str, &str> = HashMap::new();
        let mut stack = vec![from];
        parent.insert(from, from);
        while let Some(n) = stack.pop() {
            if n == to {
                let mut path = vec![to.to_string()];
                let mut at = to;
                while at != from {
                    at = parent[at];
                    path.push(at.to_string());
                }
                path.reverse();
                return Some(path);
            }
            for next in self.blocks(n) {
                if !parent.contains_key(next.as_str()) {
                    parent.insert(next, n);
                    stack.push(next);
                }
            }
        }
        None
    }

    fn unindex(map: &mut HashMap<String, Vec<String>>, key: &str, value: &str) {
        if let Some(list) = map.get_mut(key) {
            list.retain(|x| x != value);
            if list.is_empty() {
                map.remove(key);
            }
        }
    }

    /// Removes `blocker -> blocked` when it exists.
    ///
    /// # Complexity
    /// O(D) (the dependencies after it move up one place) plus the two ends' degrees.
    fn remove(&mut self, blocker: &str, blocked: &str) -> Option<Dependency> {
        let d = self
            .all
            .shift_remove(&(blocker.to_string(), blocked.to_string()))?;
        Self::unindex(&mut self.blocks, blocker, blocked);
        Self::unindex(&mut self.blocked_by, blocked, blocker);
        Some(d)
    }

    /// Keeps the dependencies whose two ends `exists` (a past state's).
    ///
    /// # Complexity
    /// O(D).
    pub(crate) fn retain(&mut self, exists: impl Fn(&str) -> bool) {
        if self
            .all
            .values()
            .all(|d| exists(&d.blocker) && exists(&d.blocked))
        {
            return;
        }
        let kept: Vec<Dependency> = (self.all.values())
            .filter(|d| exists(&d.blocker) && exists(&d.blocked))
            .cloned()
            .collect();
        *self = Dependencies::default();
        for d in kept {
            (self.blocks.entry(d.blocker.clone()).or_default()).push(d.blocked.clone());
            (self.blocked_by.entry(d.blocked.clone()).or_default()).push(d.blocker.clone());
            self.all.insert((d.blocker.clone(), d.blocked.clone()), d);
        }
    }

    /// Removes every dependency naming `id`; returns how many.
    fn remove_node(&mut self, id: &str) -> usize {
        let pairs: Vec<(String, String)> = (self.blocks(id).iter())
            .map(|b| (id.to_string(), b.clone()))
            .chain(
                self.blocked_by(id)
                    .iter()
                    .map(|b| (b.clone(), id.to_string())),
            )
            .collect();
        for (a, b) in &pairs {
            self.remove(a, b);
        }
        pairs.len()
    }
}

impl Store {
    /// `UnknownId` unless `id` is an objective or a key result now.
    fn check_node(&self, id: &str) -> Result<()> {
        if self.objectives.contains_key(id) || self.key_results.contains_key(id) {
            return Ok(());
        }
        let kind = match self.history.retired.get(id) {
            Some(&(kind, _)) => kind,
            None => EntityKind::Objective,
        };
        Err(super::unknown(kind, id))
    }

    /// Adds a dependency: both ends must exist (objectives or key results), the pair must be
    /// new, and the dependencies must stay acyclic.
    ///
    /// # Errors
    /// `UnknownId`; `InvalidValue` (field `start_by`) for a date okr cannot write;
    /// `AlreadyDependent`; `DependencyCycle` with the path when `blocked` already blocks
    /// `blocker` (directly or not) or the two are the same.
    ///
    /// # Complexity
    /// O(D) for D dependencies (the cycle search), O(1) when `blocked` blocks nothing.
    pub(crate) fn add_dependency(&mut self, d: Dependency) -> Result<()> {
        self.check_node(&d.blocker)?;
        self.check_node(&d.blocked)?;
        if let Some(day) = d.start_by {
            crate::time::check_date(day).map_err(|reason| OkrError::InvalidValue {
                field: "start_by".into(),
                reason,
            })?;
        }
        if self.dependencies.get(&d.blocker, &d.blocked).is_some() {
            return Err(OkrError::AlreadyDependent {
                blocker: d.blocker,
                blocked: d.blocked,
            });
        }
        let path = if d.blocker == d.blocked {
            Some(vec![d.blocker.clone(), d.blocked.clone()])
        } else {
            self.dependencies.path(&d.blocked, &d.blocker).map(|p| {
                let mut full = vec![d.blocker.clone()];
                full.extend(p);
                full
            })
        };
        if let Some(path) = path {
            return Err(OkrError::DependencyCycle {
                blocker: d.blocker,
                blocked: d.blocked,
                path,
            });
        }
        self.check_dependency_limits(&d)?;
        let deps = &mut self.dependencies;
        (deps.blocks.entry(d.blocker.clone()).or_default()).push(d.blocked.clone());
        (deps.blocked_by.entry(d.blocked.clone()).or_default()).push(d.blocker.clone());
        deps.all.insert((d.blocker.clone(), d.blocked.clone()), d);
        self.structure_changed();
        Ok(())
    }

    /// Removes the dependency `blocker -> blocked`.
    ///
    /// # Errors
    /// `UnknownId` when either end is no objective or key result; `NotDependent` when there
    /// is no such dependency.
    ///
    /// # Complexity
    /// O(D).
    pub(crate) fn remove_dependency(&mut self, blocker: &str, blocked: &str) -> Result<Dependency> {
        self.check_node(blocker)?;
        self.check_node(blocked)?;
        let d =
            self.dependencies
                .remove(blocker, blocked)
                .ok_or_else(|| OkrError::NotDependent {
                    blocker: blocker.to_string(),
                    blocked: blocked.to_string(),
                })?;
        self.structure_changed();
        Ok(d)
    }

    /// Removes the dependencies naming `id` (an objective or key result being removed).
    pub(crate) fn remove_dependencies_of(&mut self, id: &str) {
        if !self.dependencies.is_empty() && self.dependencies.remove_node(id) > 0 {
            self.structure_changed();
        }
    }
}
