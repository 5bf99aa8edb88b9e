//! A graph's [`Limits`]: the same limits on every way in (issue 23). Loading a document
//! holds it to them; every change made through the API is held to them too, so that
//! whatever a graph accepts, its document ([`OkrGraph::to_document`], [`OkrGraph::to_json`])
//! and its snapshot ([`OkrGraph::to_snapshot`]) load again within the same limits.

use crate::document::Limits;
use crate::error::Result;
use crate::graph::OkrGraph;
use crate::limits::{check_count, short};

impl OkrGraph {
    /// An empty graph held to `limits` ([`new`](Self::new) holds it to [`Limits::default`]).
    ///
    /// ```
    /// use okr_core::{OkrGraph, Owner, document::Limits};
    /// let mut g = OkrGraph::with_limits(Limits { max_owners: 1, ..Limits::default() });
    /// g.add_owner(Owner::new("a", "A", "team"))?;
    /// let err = g.add_owner(Owner::new("b", "B", "team")).unwrap_err();
    /// assert_eq!(err.to_string(), "limit exceeded: owners is 2, the limit is 1");
    /// assert_eq!(g.owners().count(), 1);
    /// # Ok::<(), okr_core::OkrError>(())
    /// ```
    pub fn with_limits(limits: Limits) -> OkrGraph {
        let mut g = OkrGraph::new();
        g.store.limits = limits;
        g
    }

    /// The limits this graph is held to: those it was loaded with ([`load_str_with`],
    /// [`load_snapshot_with`], the tables' readers, ...), [`Limits::default`] for a graph
    /// loaded without any or made with [`new`](Self::new), or those set since. A copy
    /// (`clone`), a view ([`view_for`](Self::view_for)) and the graph at a time
    /// ([`at`](Self::at)) keep them. A snapshot or a document does not hold them: they are
    /// the caller's policy, given again when it is read.
    ///
    /// Every change is held to them as loading a document is, and refused with
    /// [`OkrError::LimitExceeded`](crate::OkrError::LimitExceeded) (the loader's message
    /// shape, naming what was counted: `limit exceeded: check-ins of key result "kr" is
    /// 10001, the limit is 10000`), changing nothing: the counts of owners (and groups,
    /// their members, an objective's viewers), cycles, objectives, key results, check-ins of
    /// one key result (one at a time or in a batch), parents of one objective, the
    /// alignment depth (checked by each link when the graph has more objectives than
    /// `max_link_depth`), milestones, plan points, revisions, proposals, comments and
    /// acknowledgements, dependencies, KPIs with their values and targets, initiatives with
    /// their updates; and the length of every string given (ids, titles, names, notes,
    /// units, ...) and of `extra` data, as a document writes them.
    ///
    /// Not held on changes: `max_document_bytes` (the size of a whole document, which no
    /// single change knows; a graph grown past it through the API saves to a document that
    /// needs a larger limit to load), and the document-level [`extra_mut`](Self::extra_mut),
    /// which is checked when the document is read. A `max_string_bytes` or `max_json_depth`
    /// below what the format itself needs (its keys, times and nesting, about 32 bytes and 8
    /// levels) refuses every document, whatever the API accepted.
    ///
    /// [`load_str_with`]: crate::document::load_str_with
    /// [`load_snapshot_with`]: crate::document::load_snapshot_with
    ///
    /// # Complexity
    /// O(1).
    pub fn limits(&self) -> &Limits {
        self.store.limits()
    }

    /// Holds the graph to `limits` from now on, when what it holds is within them.
    ///
    /// # Errors
    /// `LimitExceeded` when the graph holds more than `limits` allow (as loading its
    /// document with them would report, but for `max_document_bytes`, which holds
    /// documents read only); the graph then keeps its limits.
    ///
    /// # Complexity
    /// O(1) when no limit is lower than before; otherwise O(n) in the size of the graph's
    /// document: it is written and scanned as the loader scans one, and the alignment depth
    /// is found in one topological pass.
    pub fn set_limits(&mut self, limits: Limits) -> Result<()> {
        if !lower(&limits, self.limits()) {
            self.store.limits = limits;
            return Ok(());
        }
        let scan = Limits {
            max_document_bytes: usize::MAX,
            ..limits
        };
        let text = serde_json::to_string(&self.to_document()).unwrap_or_default();
        crate::limits::scan(&text, &scan).map_err(|e| e.error)?;
        if let Some((depth, id)) = self.store.deepest_chain(limits.max_link_depth) {
            check_count(
                || {
                    format!(
                        "alignment depth (objectives in a chain up to {})",
                        short(id)
                    )
                },
                limits.max_link_depth,
                depth,
            )?;
        }
        self.store.limits = limits;
        Ok(())
    }
}

/// Whether any limit of `new` is lower than the same one of `old`.
fn lower(new: &Limits, old: &Limits) -> bool {
    (new.entries().iter())
        .zip(old.entries())
        .any(|((_, n), (_, o))| *n < o)
}

/// The workflow (proposals, comments, acknowledgements), which the graph holds beside the
/// store: each is checked in its document form, as the loader scans it.
impl OkrGraph {
    /// One more proposal: the count, and what it proposes (strings, milestones, plan
    /// points, nesting) as a document holds it.
    ///
    /// # Complexity
    /// O(n) in the proposal's size.
    pub(crate) fn check_proposal_limits(&self, p: &crate::workflow::Proposal) -> Result<()> {
        let l = self.limits();
        crate::store::check_one_more("proposals", self.workflow.proposals.len(), l.max_proposals)?;
        let doc = crate::document::DocProposal::of(p);
        l.check_value(
            || format!("proposal {}", short(&p.id)),
            &doc,
            crate::limits::Role::Proposal,
            2,
        )
    }

    /// One more comment: the count and its strings.
    ///
    /// # Complexity
    /// O(n) in the comment's size.
    pub(crate) fn check_comment_limits(&self, c: &crate::workflow::Comment) -> Result<()> {
        let l = self.limits();
        crate::store::check_one_more("comments", self.workflow.comments.len(), l.max_comments)?;
        let doc = crate::document::DocComment::of(c);
        l.check_value(
            || format!("comment {}", short(&c.id)),
            &doc,
            crate::limits::Role::Other,
            2,
        )
    }

    /// One more acknowledgement: the count and its strings.
    ///
    /// # Complexity
    /// O(1) but for its strings.
    pub(crate) fn check_acknowledgement_limits(
        &self,
        a: &crate::workflow::Acknowledgement,
    ) -> Result<()> {
        let l = self.limits();
        crate::store::check_one_more(
            "acknowledgements",
            self.workflow.acknowledgements.len(),
            l.max_comments,
        )?;
        l.check_str(|| "an acknowledgement's key result".into(), &a.key_result)?;
        l.check_str(|| "an acknowledgement's reviewer".into(), &a.by)
    }
}
