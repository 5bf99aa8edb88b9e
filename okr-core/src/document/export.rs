//! Writing a graph as a document.

use super::FORMAT_VERSION;
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
    /// O(V + E + K + C); with revisions, plus a copy of the graph undone to the beginning.
    pub fn to_document(&self) -> Document {
        if !self.store.history.log.is_empty() {
            let (objectives, history) = super::history::export(&self.store);
            return Document {
                version: FORMAT_VERSION,
                owners: self.owners().cloned().collect(),
                cycles: self.cycles().cloned().collect(),
                objectives,
                history,
                extra: self.extra().clone(),
            };
        }
        let objectives = self
            .objectives()
            .map(|o| {
                let parents = self
                    .parents_of(&o.id)
                    .into_iter()
                    .map(|(id, weight)| DocLink {
                        id: id.to_string(),
                        weight,
                    })
                    .collect();
                let key_results = self
                    .key_results_of(&o.id)
                    .into_iter()
                    .map(|k| {
                        let check_ins = self.check_ins(&k.id);
                        DocKeyResult::of(
                            k,
                            check_ins.iter().map(DocCheckIn::from_check_in).collect(),
                        )
                    })
                    .collect();
                DocObjective::of(o, parents, key_results)
            })
            .collect();
        Document {
            version: FORMAT_VERSION,
            owners: self.owners().cloned().collect(),
            cycles: self.cycles().cloned().collect(),
            objectives,
            history: Vec::new(),
            extra: self.extra().clone(),
        }
    }

    /// The graph as pretty-printed document JSON.
    pub fn to_json(&self) -> String {
        self.to_document().to_json_pretty()
    }
}
