//! Groups of viewers, and the checks of an objective's visibility and viewers.

use super::{Store, unknown};
use crate::error::{EntityKind, OkrError, Result};
use crate::model::{Group, Objective, check_id};

/// `InvalidValue` about the viewers of objective `id`.
fn bad_viewers(id: &str, reason: String) -> OkrError {
    OkrError::InvalidValue {
        field: format!("viewers of objective {id:?}"),
        reason,
    }
}

impl Store {
    /// Checks an objective's viewers: each an owner or a group, none twice, and none with
    /// the visibility `public` (everyone sees it already).
    ///
    /// # Complexity
    /// O(N) expected for N viewers.
    pub(super) fn check_viewers(&self, o: &Objective) -> Result<()> {
        if o.viewers.is_empty() {
            return Ok(());
        }
        if o.visibility.is_public() {
            return Err(bad_viewers(
                &o.id,
                "viewers need the visibility owner_line or private (everyone sees a public objective)"
                    .into(),
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for v in &o.viewers {
            if !self.owners.contains_key(v) && !self.groups.contains_key(v) {
                return Err(unknown(EntityKind::Viewer, v));
            }
            if !seen.insert(v.as_str()) {
                return Err(bad_viewers(&o.id, format!("{v:?} is named twice")));
            }
        }
        Ok(())
    }

    /// Checks a group on its own and its members: an id no owner or other group has (unless
    /// `replacing`), owners as members, none twice.
    fn check_group(&self, g: &Group, replacing: bool) -> Result<()> {
        check_id("group.id", &g.id)?;
        if self.owners.contains_key(&g.id) {
            return Err(OkrError::DuplicateId {
                kind: EntityKind::Group,
                id: g.id.clone(),
                existing: EntityKind::Owner,
            });
        }
        if !replacing && self.groups.contains_key(&g.id) {
            return Err(OkrError::DuplicateId {
                kind: EntityKind::Group,
                id: g.id.clone(),
                existing: EntityKind::Group,
            });
        }
        let mut seen = std::collections::HashSet::new();
        for m in &g.members {
            if !self.owners.contains_key(m) {
                return Err(unknown(EntityKind::Owner, m));
            }
            if !seen.insert(m.as_str()) {
                return Err(OkrError::InvalidValue {
                    field: format!("members of group {:?}", g.id),
                    reason: format!("{m:?} is named twice"),
                });
            }
        }
        self.check_group_limits(g, !replacing)
    }

    /// Adds a group of viewers.
    ///
    /// # Complexity
    /// O(M) expected for M members.
    pub(crate) fn add_group(&mut self, g: Group) -> Result<()> {
        self.check_group(&g, false)?;
        self.groups.insert(g.id.clone(), g);
        Ok(())
    }

    /// Replaces a group (same id): its name, members and extra.
    ///
    /// # Complexity
    /// O(M) expected for M members.
    pub(crate) fn update_group(&mut self, g: Group) -> Result<()> {
        if !self.groups.contains_key(&g.id) {
            return Err(unknown(EntityKind::Group, &g.id));
        }
        self.check_group(&g, true)?;
        self.groups.insert(g.id.clone(), g);
        Ok(())
    }

    /// Removes a group no objective names among its viewers, now or at an earlier time.
    ///
    /// # Complexity
    /// O(V W + R W) for V objectives and R revisions of at most W viewers.
    pub(crate) fn remove_group(&mut self, id: &str) -> Result<Group> {
        if !self.groups.contains_key(id) {
            return Err(unknown(EntityKind::Group, id));
        }
        let by = (self.objective_naming_viewer(id))
            .map(|o| (EntityKind::Objective, o.to_string()))
            // an earlier state still names it
            .or_else(|| self.history_refers_to_group(id));
        if let Some((by_kind, by)) = by {
            return Err(OkrError::InUse {
                kind: EntityKind::Group,
                id: id.to_string(),
                by_kind,
                by,
            });
        }
        Ok(self.groups.shift_remove(id).expect("checked above"))
    }

    /// An objective that names `viewer` among its viewers.
    ///
    /// # Complexity
    /// O(V W) for V objectives of at most W viewers.
    pub(super) fn objective_naming_viewer(&self, viewer: &str) -> Option<&str> {
        self.objectives
            .values()
            .find(|o| o.data.viewers.iter().any(|v| v == viewer))
            .map(|o| o.data.id.as_str())
    }

    /// A group that has `owner` among its members.
    pub(super) fn group_with_member(&self, owner: &str) -> Option<&str> {
        self.groups
            .values()
            .find(|g| g.members.iter().any(|m| m == owner))
            .map(|g| g.id.as_str())
    }
}
