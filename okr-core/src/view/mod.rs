//! Who may see what: groups of viewers, and whether a viewer may see an objective (and
//! everything under it: its key results, their check-ins and initiatives).
//!
//! # Rules
//! An objective's [`Visibility`] says who sees it and everything under it:
//! - `public`: everyone;
//! - `owner_line`: its owner and every owner above its owner in the owner tree;
//! - `private`: its owner only;
//!
//! and, for `owner_line` and `private`, the owners it names among its `viewers` and the
//! members of the groups it names there. "Its owner" is the owner named on the objective
//! (an owner below it in the tree, such as a member of a team that owns the objective, is not
//! its owner: name the team as a group of viewers, or the people, to let them see it). A key
//! result, its check-ins and its initiatives are seen by whoever sees its objective.
//!
//! Views built on these rules (queries that show nothing a viewer may not see) are the next
//! step; today the rules are exposed as [`OkrGraph::can_see`] and
//! [`OkrGraph::visible_objectives`].

use std::collections::HashSet;

use crate::align::OwnerTree;
use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;
use crate::model::{Group, Objective, Visibility};

/// Who a viewer is, resolved once: their place in the owner tree and the groups they are in.
struct Viewer<'g> {
    id: &'g str,
    tree: OwnerTree<'g>,
    pos: u32,
    groups: HashSet<&'g str>,
}

impl<'g> Viewer<'g> {
    /// # Complexity
    /// O(owners + group members).
    fn new(g: &'g OkrGraph, viewer: &str) -> Result<Viewer<'g>> {
        let tree = OwnerTree::new(g);
        let (id, pos) = match tree.pos.get_key_value(viewer) {
            Some((&id, &pos)) => (id, pos),
            None => {
                return Err(OkrError::UnknownId {
                    kind: EntityKind::Owner,
                    id: viewer.to_string(),
                });
            }
        };
        let groups = (g.store.groups.values())
            .filter(|gr| gr.members.iter().any(|m| m == id))
            .map(|gr| gr.id.as_str())
            .collect();
        Ok(Viewer {
            id,
            tree,
            pos,
            groups,
        })
    }

    /// Whether the viewer may see objective `o`.
    ///
    /// # Complexity
    /// O(W) for its W viewers.
    fn sees(&self, o: &Objective) -> bool {
        if o.visibility == Visibility::Public || o.owner == self.id {
            return true;
        }
        if o.visibility == Visibility::OwnerLine
            && let Some(owner) = self.tree.get(&o.owner)
            && self.tree.on_line(self.pos, owner)
        {
            return true;
        }
        o.viewers
            .iter()
            .any(|v| v == self.id || self.groups.contains(v.as_str()))
    }
}

impl OkrGraph {
    /// Adds a group of viewers: objectives name it among their `viewers` to let its members
    /// see them.
    ///
    /// # Errors
    /// `DuplicateId` (an owner or a group has the id), `UnknownId` (a member that is not an
    /// owner), `InvalidValue` (an empty id, a member named twice). Nothing changes on an
    /// error.
    ///
    /// # Complexity
    /// O(M) expected for M members.
    pub fn add_group(&mut self, group: Group) -> Result<()> {
        self.store.add_group(group)
    }

    /// Replaces a group (the one with the same id).
    ///
    /// # Errors
    /// `UnknownId` (the group, a member), `InvalidValue` as for
    /// [`add_group`](Self::add_group). Nothing changes on an error.
    pub fn update_group(&mut self, group: Group) -> Result<()> {
        self.store.update_group(group)
    }

    /// Removes a group that no objective names among its viewers.
    ///
    /// # Errors
    /// `UnknownId`, `InUse` (naming the objective).
    ///
    /// # Complexity
    /// O(V W) for V objectives of at most W viewers.
    pub fn remove_group(&mut self, id: &str) -> Result<Group> {
        self.store.remove_group(id)
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.store.groups.get(id)
    }

    /// All groups, in insertion order.
    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.store.groups.values()
    }

    /// Whether owner `viewer` may see the objective, key result or initiative `id` (see the
    /// [module](self) for the rules).
    ///
    /// # Errors
    /// `UnknownId`: the viewer is not an owner, or `id` is not an objective, key result or
    /// initiative.
    ///
    /// # Complexity
    /// O(owners + group members) to place the viewer, then O(W) for the objective's W viewers.
    pub fn can_see(&self, viewer: &str, id: &str) -> Result<bool> {
        let v = Viewer::new(self, viewer)?;
        let objective = self.objective_above(id)?;
        Ok(v.sees(objective))
    }

    /// The ids of the objectives `viewer` may see, in insertion order.
    ///
    /// # Errors
    /// `UnknownId` when the viewer is not an owner.
    ///
    /// # Complexity
    /// O(owners + group members + V W) for V objectives of at most W viewers.
    pub fn visible_objectives(&self, viewer: &str) -> Result<Vec<&str>> {
        let v = Viewer::new(self, viewer)?;
        Ok(self
            .objectives()
            .filter(|o| v.sees(o))
            .map(|o| o.id.as_str())
            .collect())
    }

    /// The objective `id` is, or is under (a key result's, an initiative's key result's).
    fn objective_above(&self, id: &str) -> Result<&Objective> {
        let kr = self.initiative(id).map_or(id, |i| i.key_result.as_str());
        let objective = self.key_result(kr).map_or(kr, |k| k.objective.as_str());
        self.objective(objective)
            .ok_or_else(|| OkrError::UnknownId {
                kind: EntityKind::Objective,
                id: id.to_string(),
            })
    }
}
