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
//! The rules are exposed as [`OkrGraph::can_see`] and [`OkrGraph::visible_objectives`], and
//! applied by [`OkrGraph::view_for`]: a read-only graph of what one viewer may see.
//!
//! # Views
//! A view is an ordinary [`OkrGraph`] (every query runs on it) holding only what its viewer
//! may see: hidden objectives, their key results, check-ins, initiatives, comments,
//! proposals, revisions, dependencies, closed-cycle records and the groups only they name are
//! not in it at all, so no output of the view can show them. The latest visibility applies to
//! every time: an objective made private hides its past too.
//!
//! Where a visible objective has hidden inputs (child objectives, or key results that were
//! under it and now are under a hidden objective), the view holds one *combined entry* in
//! their place: an objective with the id `<parent>~hidden` (more `~` if taken), titled
//! "Hidden objectives", owned by an owner `hidden` (kind `hidden`) added to the view, aligned
//! under the parent. At each rollup time it stands for the hidden inputs the parent has then
//! ([`Rollup::hidden_entry`](crate::Rollup::hidden_entry): their count and combined weight);
//! explanations and contribution breakdowns show it as "N hidden objectives".
//!
//! Two [`ViewPolicy`]s:
//! - [`CountHidden`](ViewPolicy::CountHidden) (the default): hidden progress still counts.
//!   Every visible figure is the full graph's, bit for bit, so every viewer sees the same
//!   company number; the combined entry carries the weighted mean of the hidden inputs that
//!   count. With a single hidden input, its figure can be inferred from the combined entry
//!   (and, knowing the weights, from the parent): choose the other policy where that matters.
//! - [`ExcludeHidden`](ViewPolicy::ExcludeHidden): hidden inputs do not count; the view's
//!   figures are those of what it shows (they may differ from the full graph's), and the
//!   combined entry is aligned with a `supports` link (never counted), titled "Hidden
//!   objectives (not counted)".
//!
//! A visible objective aligned under a hidden one loses that link in the view (an objective
//! aligned only under hidden objectives shows as a root). A visible key result that was once
//! under a hidden objective shows under its latest objective all along.

use std::collections::HashSet;

mod filter;

pub(crate) use crate::graph::ViewLink;
pub use crate::model::ViewPolicy;

use std::sync::Arc;

use crate::align::OwnerTree;
use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;
use crate::model::{Group, Objective, Visibility};

/// Who a viewer is, resolved once: their place in the owner tree and the groups they are in.
pub(crate) struct Viewer<'g> {
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
        self.sees_parts(&o.owner, o.visibility, &o.viewers)
    }

    /// Whether the viewer may see an objective with this owner, visibility and viewers.
    ///
    /// # Complexity
    /// O(W) for its W viewers.
    pub(crate) fn sees_parts(
        &self,
        owner: &str,
        visibility: Visibility,
        viewers: &[String],
    ) -> bool {
        if visibility == Visibility::Public || owner == self.id {
            return true;
        }
        if visibility == Visibility::OwnerLine
            && let Some(owner) = self.tree.get(owner)
            && self.tree.on_line(self.pos, owner)
        {
            return true;
        }
        viewers
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
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): groups or members over
    /// `max_owners`; a string or `extra` over the limits.
    ///
    /// # Complexity
    /// O(M) expected for M members.
    pub fn add_group(&mut self, group: Group) -> Result<()> {
        self.writable()?;
        self.store.add_group(group)
    }

    /// Replaces a group (the one with the same id).
    ///
    /// # Errors
    /// `UnknownId` (the group, a member), `InvalidValue` as for
    /// [`add_group`](Self::add_group). Nothing changes on an error.
    /// `LimitExceeded` over the graph's [limits](crate::OkrGraph::limits): members over
    /// `max_owners`; a string or `extra` over the limits.
    pub fn update_group(&mut self, group: Group) -> Result<()> {
        self.writable()?;
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
        self.writable()?;
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

impl OkrGraph {
    /// A read-only view of this graph for `viewer` under the default policy
    /// ([`ViewPolicy::CountHidden`]): see [`view_for_with`](Self::view_for_with).
    ///
    /// # Errors
    /// `UnknownId` when the viewer is not an owner.
    ///
    /// # Complexity
    /// As [`view_for_with`](Self::view_for_with).
    pub fn view_for(&self, viewer: &str) -> Result<OkrGraph> {
        self.view_for_with(viewer, ViewPolicy::default())
    }

    /// A read-only view of this graph for `viewer`: a graph holding only what the viewer may
    /// see, with one combined entry per visible objective in place of its hidden inputs (see
    /// the [module](self)). Every query runs on it; a query naming a hidden id gets the error
    /// an id that does not exist gets; every change is refused with `ReadOnlyView`. The view
    /// keeps a copy of this graph as it is now (for the figures of the hidden inputs): later
    /// changes to this graph do not reach it; take a new view.
    ///
    /// ```
    /// use okr_core::{OkrGraph, Owner, Cycle, Objective, KeyResult, Measure, Visibility};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// let mut g = OkrGraph::new();
    /// g.add_owner(Owner::new("acme", "Acme", "organisation"))?;
    /// let mut ann = Owner::new("ann", "Ann", "person");
    /// ann.parent = Some("acme".into());
    /// g.add_owner(ann)?;
    /// g.add_cycle(Cycle::new("q4", d(10, 1), d(12, 31)))?;
    /// g.add_objective(Objective::new("grow", "Grow", "acme", "q4"))?;
    /// let mut secret = Objective::new("secret", "Acquire Initech", "acme", "q4");
    /// secret.visibility = Visibility::Private;
    /// g.add_objective(secret)?;
    /// g.link("secret", "grow", 1.0)?;
    /// g.add_key_result(KeyResult::new("deal", "Deal signed", "secret", Measure::Boolean))?;
    ///
    /// let view = g.view_for("ann")?;
    /// assert!(view.objective("secret").is_none());
    /// assert_eq!(view.objective("grow~hidden").unwrap().title, "Hidden objectives");
    /// // the company number is everyone's
    /// assert_eq!(view.rollup(d(11, 1)).objective("grow").unwrap().progress,
    ///            g.rollup(d(11, 1)).objective("grow").unwrap().progress);
    /// assert_eq!(view.view_for("ann").is_ok(), true);
    /// assert_eq!(view.clone().add_cycle(Cycle::new("q1", d(1, 1), d(3, 31))).unwrap_err().code(),
    ///            "read_only_view");
    /// # Ok::<(), okr_core::OkrError>(())
    /// ```
    ///
    /// # Errors
    /// `UnknownId` when the viewer is not an owner.
    ///
    /// # Complexity
    /// O(size of the document): the graph is written as a document, filtered, and the view
    /// built from it (as loading a document of the visible part), plus a copy of the graph.
    pub fn view_for_with(&self, viewer: &str, policy: ViewPolicy) -> Result<OkrGraph> {
        let v = Viewer::new(self, viewer)?;
        // the copy of the full graph (for the hidden figures) is made beside the view's
        // document where there are threads: the two take about as long
        #[cfg(not(target_arch = "wasm32"))]
        let (filtered, full) = std::thread::scope(|s| {
            let copy = s.spawn(|| self.clone());
            let filtered = filter::view_document(self, &v, policy);
            (filtered, copy.join())
        });
        #[cfg(not(target_arch = "wasm32"))]
        let full = match full {
            Ok(full) => full,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        #[cfg(target_arch = "wasm32")]
        let (filtered, full) = (filter::view_document(self, &v, policy), self.clone());
        let filter::Filtered {
            doc,
            placeholders,
            rehomed,
        } = filtered;
        let mut view = doc.into_graph_with(&crate::document::Limits::none())?;
        // a view keeps the graph's limits (it is read-only: they hold nothing more)
        view.store.limits = self.store.limits;
        view.view = Some(Arc::new(ViewLink {
            full: Arc::new(full),
            viewer: viewer.to_string(),
            policy,
            entries: placeholders,
            rehomed,
            pins: Default::default(),
        }));
        Ok(view)
    }

    /// Whether this graph is a view ([`view_for`](Self::view_for)).
    pub fn is_view(&self) -> bool {
        self.view.is_some()
    }

    /// The viewer of this view, `None` for a graph that is not a view.
    pub fn view_viewer(&self) -> Option<&str> {
        self.view.as_deref().map(|v| v.viewer.as_str())
    }

    /// The policy of this view, `None` for a graph that is not a view.
    pub fn view_policy(&self) -> Option<ViewPolicy> {
        self.view.as_deref().map(|v| v.policy)
    }

    /// Whether `id` is one of this view's combined entries, and if so the visible objective
    /// it stands under.
    pub fn hidden_entry_parent(&self, id: &str) -> Option<&str> {
        self.view.as_deref()?.entries.get(id).map(String::as_str)
    }

    /// On a view: how many key results under the aggregate key result `id` at `as_of` the
    /// viewer may not see, and whether they count in its value (the default policy); `(0,
    /// _)` on any other graph.
    ///
    /// # Complexity
    /// O(K) for the full graph's K key results.
    pub(crate) fn hidden_aggregate_inputs(&self, id: &str, as_of: crate::AsOf) -> (usize, bool) {
        let Some(v) = self.view.as_deref() else {
            return (0, false);
        };
        let full = v.full.at(as_of);
        let hidden = full
            .key_results()
            .filter(|k| k.parent.as_ref().is_some_and(|p| p.id == id))
            .filter(|k| self.key_result(&k.id).is_none())
            .count();
        (hidden, v.policy == ViewPolicy::CountHidden)
    }

    /// `Ok` unless this graph is a view: the first step of every change.
    ///
    /// # Errors
    /// `ReadOnlyView` on a view.
    pub(crate) fn writable(&self) -> Result<()> {
        match &self.view {
            None => Ok(()),
            Some(v) => Err(OkrError::ReadOnlyView {
                viewer: v.viewer.clone(),
            }),
        }
    }

    /// On a view, pins `rollup` (made on this graph at its time with its configuration) to
    /// the full graph's figures (see `rollup/pin.rs`); on any other graph nothing.
    pub(crate) fn pin_view(&self, rollup: &mut crate::Rollup) {
        let Some(v) = self.view.as_deref() else {
            return;
        };
        let config = *rollup.config();
        let full = v
            .full
            .rollup_with(rollup.as_of(), &config)
            .expect("a rollup's configuration is valid");
        rollup.pin_to(
            &full,
            &v.entries,
            &v.rehomed,
            &v.pins,
            v.policy == ViewPolicy::CountHidden,
        );
    }
}
