//! Writing a graph as a document.

use super::load::load_str;
use super::types::{DocCheckIn, DocKeyResult, DocLink, DocObjective, Document};
use crate::error::Result;
use crate::graph::OkrGraph;

impl OkrGraph {
    /// Reads a document's JSON text into a graph (same as [`load_str`]).
    ///
    /// # Errors
    /// `Document` naming the path and the reason.
    pub fn from_json(text: &str) -> Result<OkrGraph> {
        load_str(text)
    }

    /// The graph as a document (version 2). Loading it back gives an equal graph with the
    /// same history. With revisions, the objectives and key results are written as they were
    /// at the beginning (or when created), followed by the history.
    ///
    /// # Complexity
    /// O(V + E + K + C) plus the workflow (P log P for P proposals, comments and
    /// acknowledgements); with revisions, plus a copy of the graph undone to the beginning.
    pub fn to_document(&self) -> Document {
        let mut doc = self.model_document();
        let w = super::workflow::DocWorkflow::of(self);
        doc.review = w.review;
        doc.proposals = w.proposals;
        doc.comments = w.comments;
        doc.acknowledgements = w.acknowledgements;
        doc.closed_cycles = w.closed_cycles;
        self.with_current_parts(doc)
    }

    /// The graph as it is now, without its history or workflow: objectives and key results
    /// with their latest fields, owners, cycles, groups, KPIs, dependencies and initiatives
    /// (what [`tables`](crate::tables) carry).
    ///
    /// # Complexity
    /// O(V + E + K + C).
    pub(crate) fn current_document(&self) -> Document {
        self.with_current_parts(self.doc_of(self.current_objectives(), Vec::new()))
    }

    /// `doc` with the parts that have no history: dependencies, initiatives and groups.
    fn with_current_parts(&self, mut doc: Document) -> Document {
        doc.dependencies = super::dependencies::export(self);
        doc.initiatives = self.initiatives().cloned().collect();
        doc.groups = self.groups().cloned().collect();
        doc
    }

    /// The model part of [`to_document`](Self::to_document).
    fn model_document(&self) -> Document {
        if self.store.history.log.is_empty() {
            return self.doc_of(self.current_objectives(), Vec::new());
        }
        let (objectives, history) = super::history::export(&self.store);
        self.doc_of(objectives, history)
    }

    /// The objectives as they are now, with their key results and check-ins.
    fn current_objectives(&self) -> Vec<DocObjective> {
        doc_objectives(self, |id| {
            self.check_ins(id)
                .iter()
                .map(DocCheckIn::from_check_in)
                .collect()
        })
    }

    /// A document of this graph's owners, cycles, KPIs and `extra` with `objectives` and
    /// `history` (and nothing else).
    fn doc_of(&self, objectives: Vec<DocObjective>, history: Vec<super::DocRevision>) -> Document {
        Document {
            owners: self.owners().cloned().collect(),
            cycles: self.cycles().cloned().collect(),
            kpis: self.kpis().cloned().collect(),
            objectives,
            history,
            extra: self.extra().clone(),
            ..Document::empty()
        }
    }

    /// The graph as pretty-printed document JSON.
    pub fn to_json(&self) -> String {
        self.to_document().to_json_pretty()
    }
}

/// Every objective of `g` in document form, with its links and key results, each key
/// result with the check-ins `check_ins_of` gives for its id.
///
/// # Complexity
/// O(V + E log E + K) plus the check-ins.
pub(super) fn doc_objectives(
    g: &OkrGraph,
    check_ins_of: impl Fn(&str) -> Vec<DocCheckIn>,
) -> Vec<DocObjective> {
    g.objectives()
        .map(|o| {
            let parents = g
                .parent_links(&o.id)
                .into_iter()
                .map(|l| DocLink {
                    id: l.id.to_string(),
                    weight: l.weight,
                    kind: l.kind,
                })
                .collect();
            let key_results = g
                .key_results_of(&o.id)
                .into_iter()
                .map(|k| DocKeyResult::of(k, check_ins_of(&k.id)))
                .collect();
            DocObjective::of(o, parents, key_results)
        })
        .collect()
}
