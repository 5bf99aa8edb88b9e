//! Reading documents: limits first, then the parse, then the build; or every problem at once.

use serde::Deserialize;

use super::DocProblem;
use super::error_path;
use super::limits::{self, Limits};
use super::types::Document;
use crate::error::{OkrError, Result};
use crate::graph::OkrGraph;

/// Parses a document's JSON text (syntax, types and unknown fields only).
///
/// # Errors
/// `Document` with the path of the offending field.
pub fn parse_str(text: &str) -> Result<Document> {
    serde_json::from_str::<Document>(text).map_err(|e| {
        // Only a failed parse pays for its path: one pass over the text up to where serde_json
        // stopped (see `error_path`).
        let place = error_path::error_place(text, &e);
        let (path, message) = measure_error_path(text, place, e.to_string());
        OkrError::Document { path, message }
    })
}

/// Measures are internally tagged, so serde buffers them and an error inside one is reported
/// at the end of the measure (`...measure`). Re-read that measure on its own to find the
/// offending field (`...measure.taget`, `...measure.milestones[1].weight`).
fn measure_error_path(
    text: &str,
    place: error_path::ErrorPlace,
    message: String,
) -> (String, String) {
    use crate::model::{Bound, Direction, Milestone};
    use serde::de::IgnoredAny;
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Numeric {
        #[serde(default)]
        kind: IgnoredAny,
        start: f64,
        target: f64,
        #[serde(default)]
        unit: String,
        #[serde(default)]
        direction: Option<Direction>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Threshold {
        #[serde(default)]
        kind: IgnoredAny,
        bound: Bound,
        value: f64,
        #[serde(default)]
        unit: String,
        #[serde(default)]
        start: Option<f64>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Boolean {
        #[serde(default)]
        kind: IgnoredAny,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Milestones {
        #[serde(default)]
        kind: IgnoredAny,
        milestones: Vec<Milestone>,
    }
    #[derive(Deserialize)]
    struct Kind {
        kind: String,
    }
    /// The place, inside `measure`, of the error reading it as `T`.
    fn inner<T: serde::de::DeserializeOwned>(measure: &str) -> Option<(String, String)> {
        let e = serde_json::from_str::<T>(measure).err()?;
        Some((error_path::error_place(measure, &e).path, e.to_string()))
    }
    let path = place.path;
    let measure = match place.span {
        Some((s, e)) if path == "measure" || path.ends_with(".measure") => &text[s..e],
        _ => return (path, message),
    };
    let Ok(Kind { kind }) = serde_json::from_str::<Kind>(measure) else {
        return (path, message);
    };
    let found = match kind.as_str() {
        "numeric" => inner::<Numeric>(measure),
        "threshold" => inner::<Threshold>(measure),
        "boolean" => inner::<Boolean>(measure),
        "milestones" => inner::<Milestones>(measure),
        _ => None,
    };
    match found {
        // the inner error's line and column are within the measure: keep the document's
        Some((p, _)) if !p.is_empty() => (format!("{path}.{p}"), message),
        _ => (path, message),
    }
}

/// Reads a document into a graph, within the default [`Limits`].
///
/// # Errors
/// `Document` naming the path and the reason of the first problem; `LimitExceeded` when the
/// document is over a limit.
///
/// # Complexity
/// O(n) in the document's size for a valid document: one allocation-free limit scan, one
/// parse, and the alignment links checked for cycles in one topological pass. A document with
/// an alignment cycle pays O((V + E) log E) more to find the first link (in document order)
/// that closes it.
pub fn load_str(text: &str) -> Result<OkrGraph> {
    load_str_with(text, &Limits::default())
}

/// Reads a document into a graph within `limits`, checked before memory is spent: the size,
/// then an allocation-free scan (nesting depth, string lengths, entity counts), then the parse;
/// the alignment depth once the links are known.
///
/// # Errors
/// `LimitExceeded` naming what is over which limit and where; `Document` naming the path and
/// the reason of the first problem.
pub fn load_str_with(text: &str, limits: &Limits) -> Result<OkrGraph> {
    limits::scan(text, limits).map_err(|e| e.error)?;
    parse_str(text)?.into_graph_with(limits)
}

/// Checks a document's size in bytes, before reading it (from a file or a request).
///
/// # Errors
/// `LimitExceeded` when `bytes` is over `limits.max_document_bytes`.
pub fn check_size(bytes: u64, limits: &Limits) -> Result<()> {
    let limit = limits.max_document_bytes as u64;
    if bytes > limit {
        return Err(OkrError::LimitExceeded {
            what: "document size (bytes)".into(),
            limit,
            actual: bytes,
        });
    }
    Ok(())
}

/// Every problem of a document (all of them, not just the first), within the default
/// [`Limits`].
pub fn check_str(text: &str) -> Vec<DocProblem> {
    check_str_with(text, &Limits::default())
}

/// Every problem of a document within `limits`. A document over a scanned limit (size,
/// nesting, string length, counts) reports that one problem only.
pub fn check_str_with(text: &str, limits: &Limits) -> Vec<DocProblem> {
    if let Err(e) = limits::scan(text, limits) {
        return vec![DocProblem {
            path: e.path,
            code: e.error.code(),
            message: e.error.to_string(),
        }];
    }
    match parse_str(text) {
        Err(OkrError::Document { path, message }) => vec![DocProblem {
            path,
            code: "document",
            message,
        }],
        Err(e) => vec![DocProblem {
            path: String::new(),
            code: e.code(),
            message: e.to_string(),
        }],
        Ok(doc) => doc.build(false, limits).1,
    }
}

impl Document {
    /// Builds the graph, stopping at the first problem.
    ///
    /// # Errors
    /// `Document` naming the path and the reason.
    pub fn into_graph(self) -> Result<OkrGraph> {
        self.into_graph_with(&Limits::default())
    }

    /// Builds the graph, stopping at the first problem; the alignment depth is checked against
    /// `limits` (the other limits apply to document text: see [`load_str_with`]).
    ///
    /// # Errors
    /// `Document` naming the path and the reason; `LimitExceeded` for the alignment depth.
    pub fn into_graph_with(self, limits: &Limits) -> Result<OkrGraph> {
        let (graph, problems, limit) = self.build(true, limits);
        if let Some(e) = limit {
            return Err(e.error);
        }
        match problems.into_iter().next() {
            Some(p) => Err(p.into()),
            None => Ok(graph),
        }
    }
}
