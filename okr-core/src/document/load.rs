//! Reading documents: limits first, then the parse, then the build; or every problem at once.

use serde::Deserialize;

use super::DocProblem;
use super::error_path;
use super::limits::{self, Limits};
use super::types::Document;
use crate::error::{OkrError, Result};
use crate::graph::OkrGraph;

/// Parses a document's JSON text (syntax, types and unknown fields only). A leading byte order
/// mark (U+FEFF) is skipped.
///
/// # Errors
/// `Document` with the path of the offending field.
pub fn parse_str(text: &str) -> Result<Document> {
    parse(without_bom(text)).map_err(|(e, _)| e)
}

/// A document's text without its byte order mark, if it starts with one. Editors on Windows
/// and some exporters write one; it is not part of the JSON, and saving never writes it.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// [`parse_str`] of text without a byte order mark, and on an error whether the text is a
/// JSON object at all: `false` for a syntax error, a text that ends early or a JSON value that
/// is not an object; `true` for an object that is not a document (an unknown field, a value
/// of the wrong type, ...).
fn parse(text: &str) -> std::result::Result<Document, (OkrError, bool)> {
    serde_json::from_str::<Document>(text).map_err(|e| {
        // Only a failed parse pays for its path: one pass over the text up to where serde_json
        // stopped (see `error_path`).
        let place = error_path::error_place(text, &e);
        let is_object = match e.classify() {
            // serde_json stops at the first error: an object that is not a document may be
            // no JSON further on either. (Valid JSON starts with JSON's whitespace only.)
            serde_json::error::Category::Data => {
                serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
                    && text.trim_start().starts_with('{')
            }
            _ => false,
        };
        let (place, message) = extra_error_path(text, &e, place);
        let place = cadence_error_path(text, &e, &message, place);
        let (path, message) = measure_error_path(text, place, message);
        (OkrError::Document { path, message }, is_object)
    })
}

/// An `extra` value is read whole and then checked ([`crate::extra`]), so serde_json reports an
/// error in it (a duplicate key) at its end or one byte past it (where the enclosing object
/// is named): name that value, and the place inside it (`objectives[3].extra.foo.bar`), which
/// the message then need not repeat. Returns the place and the message.
fn extra_error_path(
    text: &str,
    e: &serde_json::Error,
    place: error_path::ErrorPlace,
) -> (error_path::ErrorPlace, String) {
    let message = e.to_string();
    let Some(rest) = message.strip_prefix(crate::extra::ERROR_PREFIX) else {
        return (place, message);
    };
    let offset = error_path::offset_of(text, e.line(), e.column());
    for at in [offset, offset.saturating_sub(1)] {
        let mut at = error_path::place_at(text, at);
        let Some((s, end)) = at.span else { continue };
        if at.path != "extra" && !at.path.ends_with(".extra") {
            continue;
        }
        let mut rest = rest;
        if let Some(inner) = crate::extra::problem_path(&text[s..end])
            && !inner.is_empty()
        {
            at.path.push('.');
            at.path.push_str(&inner);
            rest = rest
                .strip_prefix(inner.as_str())
                .and_then(|r| r.strip_prefix(": "))
                .unwrap_or(rest);
        }
        return (at, rest.to_string());
    }
    (place, message)
}

/// A cadence is read whole and then checked ([`crate::Cadence`]), so serde_json reports a bad
/// one at its end or one byte past it: name the cadence (`objectives[3].cadence`, `owners[1].cadence`).
fn cadence_error_path(
    text: &str,
    e: &serde_json::Error,
    message: &str,
    place: error_path::ErrorPlace,
) -> error_path::ErrorPlace {
    if !message.starts_with(crate::cadence::ERROR_PREFIX) {
        return place;
    }
    let offset = error_path::offset_of(text, e.line(), e.column());
    for at in [offset, offset.saturating_sub(1)] {
        let at = error_path::place_at(text, at);
        if at.path == "cadence" || at.path.ends_with(".cadence") {
            return at;
        }
    }
    place
}

/// Measures are internally tagged, so serde buffers them and an error inside one is reported
/// at the end of the measure (`...measure`). Re-read that measure on its own to find the
/// offending field (`...measure.taget`, `...measure.milestones[1].weight`).
fn measure_error_path(
    text: &str,
    place: error_path::ErrorPlace,
    message: String,
) -> (String, String) {
    #[derive(Deserialize)]
    struct Kind {
        kind: String,
    }
    let path = place.path;
    let measure = match place.span {
        Some((s, e)) if path == "measure" || path.ends_with(".measure") => &text[s..e],
        _ => return (path, message),
    };
    let Ok(Kind { kind }) = serde_json::from_str::<Kind>(measure) else {
        return (path, message);
    };
    let mut de = serde_json::Deserializer::from_str(measure);
    match reread_measure(&kind, &mut de) {
        // the inner error's line and column are within the measure: keep the document's
        Some(Err(e)) => match error_path::error_place(measure, &e).path {
            p if !p.is_empty() => (format!("{path}.{p}"), message),
            _ => (path, message),
        },
        _ => (path, message),
    }
}

/// Reads a measure again as the plain struct of its `kind` (not buffered, so an error names
/// the field it is in); `None` for a kind no measure has. Shared by the JSON and snapshot
/// readers to find the place of an error inside a measure.
pub(super) fn reread_measure<'de, D: serde::Deserializer<'de>>(
    kind: &str,
    d: D,
) -> Option<std::result::Result<(), D::Error>> {
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
    Some(match kind {
        "numeric" => Numeric::deserialize(d).map(drop),
        "threshold" => Threshold::deserialize(d).map(drop),
        "boolean" => Boolean::deserialize(d).map(drop),
        "milestones" => Milestones::deserialize(d).map(drop),
        _ => return None,
    })
}

/// Reads a document into a graph, within the default [`Limits`]. A leading byte order mark
/// (U+FEFF) is skipped. To read a file or a stream within the limits, see
/// [`read_file`](super::read_file) and [`read_text`](super::read_text).
///
/// # Errors
/// `Document` naming the path and the reason of the first problem; `LimitExceeded` when the
/// document is over a limit.
///
/// # Complexity
/// O(n) in the document's size for a valid document: one allocation-free limit scan, one
/// parse, and the alignment links checked for cycles in one topological pass. A document with
/// an alignment cycle pays O((V + E) log E) more to find the first link (in document order)
/// that closes it. A version 2 document's `history` is replayed one revision at a time, as
/// the API records them: most revisions cost O(1) (a check-in is checked against the measure
/// in force at its time in O(log R)), but a link added by the history pays the cycle search
/// of [`OkrGraph::link`] (O(V + E) at worst) and an objective removed by it O(V) to keep the
/// objectives' order, so a history of R such revisions costs O(R (V + E)): not linear. Bound
/// the document's size for untrusted input.
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
    parse_within(text, limits)?.into_graph_with(limits)
}

/// The document of `text` within `limits`, as [`load_str_with`] reads it before building the
/// graph: the scan, then the parse.
pub(crate) fn parse_within(text: &str, limits: &Limits) -> Result<Document> {
    let text = without_bom(text);
    limits::scan(text, limits).map_err(|e| e.error)?;
    parse(text).map_err(|(e, _)| e)
}

/// Checks a document's size in bytes, before reading it (from a file or a request).
///
/// # Errors
/// `LimitExceeded` when `bytes` is over `limits.max_document_bytes`.
pub fn check_size(bytes: u64, limits: &Limits) -> Result<()> {
    limits.check_document_size("document size (bytes)", bytes)
}

/// Every problem of a document (all of them, not just the first), within the default
/// [`Limits`].
pub fn check_str(text: &str) -> Vec<DocProblem> {
    check_str_with(text, &Limits::default())
}

/// Every problem of a document within `limits` (a leading byte order mark is skipped). A
/// document over a scanned limit (size, nesting, string length, counts) reports that one
/// problem only.
pub fn check_str_with(text: &str, limits: &Limits) -> Vec<DocProblem> {
    check_text_with(text, limits).problems
}

/// What [`check_text_with`] found: every problem of a document, and whether the text could
/// be read as a document at all.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DocCheck {
    /// Every problem, as [`check_str_with`] lists them.
    pub problems: Vec<DocProblem>,
    /// `false` when the text is not a document this build can read: it is over a limit, is
    /// not a JSON object, or has a `version` this build does not read. `problems` then lists that
    /// one problem, but for the alignment depth, which is checked last and listed after
    /// every other problem. `true` when the text was read as a document: its problems, if
    /// any, are problems of that document (an unknown field, an unknown id, a cycle, ...).
    pub readable: bool,
}

/// Every problem of a document within `limits`, and whether it was readable at all (see
/// [`DocCheck::readable`]): the difference between a document with problems and a text that
/// is not one, such as `okr check` makes in its exit code.
///
/// # Complexity
/// As [`load_str_with`], plus one more pass over the text for a text that parses as JSON
/// but not as a document.
pub fn check_text_with(text: &str, limits: &Limits) -> DocCheck {
    let text = without_bom(text);
    let one = DocCheck::one;
    if let Err(e) = limits::scan(text, limits) {
        return one(e.path, e.error);
    }
    match parse(text) {
        Err((e, is_object)) => {
            let path = match &e {
                OkrError::Document { path, .. } => path.clone(),
                _ => String::new(),
            };
            DocCheck {
                readable: is_object,
                ..one(path, e)
            }
        }
        Ok(doc) => DocCheck::of(doc, limits),
    }
}

impl DocCheck {
    /// One problem (`e` at `path`) of a text that is not a document this build reads.
    pub(crate) fn one(path: String, e: OkrError) -> DocCheck {
        DocCheck {
            problems: vec![DocProblem {
                path,
                code: e.code(),
                message: match e {
                    OkrError::Document { message, .. } => message,
                    e => e.to_string(),
                },
            }],
            readable: false,
        }
    }

    /// Every problem of a document read (of its rules, and the alignment depth).
    pub(crate) fn of(doc: Document, limits: &Limits) -> DocCheck {
        let version = doc.version;
        let (_, problems, limit) = doc.build(false, limits);
        DocCheck {
            problems,
            readable: super::reads_version(version) && limit.is_none(),
        }
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
