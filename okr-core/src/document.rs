//! The versioned JSON document format.
//!
//! A document holds owners, cycles and objectives; key results nest in their objective and
//! check-ins in their key result, so every problem has a readable path
//! (`objectives[3].key_results[1].measure.target`). Unknown fields are errors. Every entity has
//! an `extra` object that okr keeps untouched for the embedding product.
//!
//! ```
//! let text = r#"{
//!   "version": 1,
//!   "owners": [{"id": "acme", "name": "Acme", "kind": "organisation"}],
//!   "cycles": [{"id": "q4", "start": "2026-10-01", "end": "2026-12-31"}],
//!   "objectives": [{
//!     "id": "grow", "title": "Grow", "owner": "acme", "cycle": "q4",
//!     "key_results": [{"id": "kr", "title": "500 new customers", "weight": 1,
//!       "measure": {"kind": "numeric", "start": 0, "target": 500},
//!       "check_ins": [{"at": "2026-11-01", "value": 200}]}]
//!   }]
//! }"#;
//! let graph = okr_core::document::load_str(text)?;
//! let bad = okr_core::document::load_str(&text.replace("\"target\"", "\"taget\"")).unwrap_err();
//! assert!(bad.to_string().starts_with("objectives[0].key_results[0].measure"));
//! # Ok::<(), okr_core::OkrError>(())
//! ```

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;
use crate::model::{
    CheckIn, CheckInValue, Cycle, Extra, KeyResult, Measure, Objective, ObjectiveState,
    ObjectiveType, Owner, RollupMode,
};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

mod error_path;
mod limits;
pub use limits::Limits;
use limits::{Exceeded, exceeded};

/// The document format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

fn one() -> f64 {
    1.0
}

/// A whole OKR document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Format version; must be 1.
    pub version: u32,
    /// People and organisational units.
    #[serde(default)]
    pub owners: Vec<Owner>,
    /// Time periods.
    #[serde(default)]
    pub cycles: Vec<Cycle>,
    /// Objectives with their key results and check-ins.
    #[serde(default)]
    pub objectives: Vec<DocObjective>,
    /// Data kept for the embedding product.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// An alignment link from the enclosing objective to a parent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocLink {
    /// The parent objective's id.
    pub id: String,
    /// The link weight (default 1; finite, >= 0; 0 = aligned, not counted).
    #[serde(default = "one")]
    pub weight: f64,
}

/// An objective in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocObjective {
    /// Unique id.
    pub id: String,
    /// The goal statement.
    pub title: String,
    /// Longer description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The owner's id.
    pub owner: String,
    /// The cycle's id.
    pub cycle: String,
    /// `draft`, `active` (default), `closed` or `abandoned`.
    #[serde(default)]
    pub state: ObjectiveState,
    /// `committed` (default) or `aspirational`.
    #[serde(default, rename = "type")]
    pub kind: ObjectiveType,
    /// `key_results`, `children` or `both` (default).
    #[serde(default)]
    pub rollup: RollupMode,
    /// The objectives this one contributes to, with weights.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<DocLink>,
    /// Its key results.
    #[serde(default)]
    pub key_results: Vec<DocKeyResult>,
    /// Data kept for the embedding product.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// A key result in a document (its objective is the enclosing one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocKeyResult {
    /// Unique id.
    pub id: String,
    /// The statement.
    pub title: String,
    /// Owner id when different from the objective's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Weight in the objective (default 1).
    #[serde(default = "one")]
    pub weight: f64,
    /// Due date (`YYYY-MM-DD`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de_opt_date"
    )]
    pub due: Option<NaiveDate>,
    /// How it is measured.
    #[serde(deserialize_with = "de_measure")]
    pub measure: Measure,
    /// Progress reports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check_ins: Vec<DocCheckIn>,
    /// Data kept for the embedding product.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// A check-in in a document: exactly one of `value` (numeric, threshold), `done` (boolean) or
/// `milestones_done` (milestones), matching the key result's measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocCheckIn {
    /// RFC 3339 timestamp, or a date (`YYYY-MM-DD`, meaning midnight UTC).
    #[serde(serialize_with = "ser_ts", deserialize_with = "de_ts")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<Utc>,
    /// The value, for numeric and threshold key results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Done or not, for boolean key results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
    /// Names of the milestones done at this time, for milestone key results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestones_done: Option<Vec<String>>,
    /// Confidence of reaching the target, in [0, 1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who checked in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Data kept for the embedding product.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// [`Measure`] as read from documents. A unit variant of an internally tagged enum ignores
/// unknown fields, so `boolean` is an empty struct variant here: `{"kind": "boolean",
/// "done": true}` is an error, found in the same single pass as every other error.
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum DocMeasure {
    Numeric {
        start: f64,
        target: f64,
        #[serde(default)]
        unit: String,
        #[serde(default)]
        direction: Option<crate::model::Direction>,
    },
    Threshold {
        bound: crate::model::Bound,
        value: f64,
        #[serde(default)]
        unit: String,
        #[serde(default)]
        start: Option<f64>,
    },
    Boolean {},
    Milestones {
        milestones: Vec<crate::model::Milestone>,
    },
}

fn de_measure<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Measure, D::Error> {
    // Read through the deserializer's own map access, so that an error found in the buffered
    // measure is raised inside the measure: serde_json then places it at the measure's end
    // (and not after the enclosing key result's, when the measure is its last field).
    struct MeasureMap;
    impl<'de> serde::de::Visitor<'de> for MeasureMap {
        type Value = DocMeasure;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a measure (an object with a `kind`)")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            map: A,
        ) -> std::result::Result<DocMeasure, A::Error> {
            DocMeasure::deserialize(serde::de::value::MapAccessDeserializer::new(map))
        }
    }
    Ok(match d.deserialize_map(MeasureMap)? {
        DocMeasure::Numeric {
            start,
            target,
            unit,
            direction,
        } => Measure::Numeric {
            start,
            target,
            unit,
            direction,
        },
        DocMeasure::Threshold {
            bound,
            value,
            unit,
            start,
        } => Measure::Threshold {
            bound,
            value,
            unit,
            start,
        },
        DocMeasure::Boolean {} => Measure::Boolean,
        DocMeasure::Milestones { milestones } => Measure::Milestones { milestones },
    })
}

fn ser_ts<S: Serializer>(t: &DateTime<Utc>, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

fn de_ts<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<DateTime<Utc>, D::Error> {
    let s = String::deserialize(d)?;
    parse_timestamp(&s).map_err(serde::de::Error::custom)
}

/// Parses an RFC 3339 timestamp or a `YYYY-MM-DD` date (midnight UTC).
///
/// # Errors
/// `InvalidValue` naming the text.
pub fn parse_timestamp(s: &str) -> Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(d) = ymd(s) {
        return Ok(d.and_hms_opt(0, 0, 0).expect("midnight").and_utc());
    }
    Err(OkrError::InvalidValue {
        field: "timestamp".into(),
        reason: format!("{s:?} is neither an RFC 3339 timestamp nor a YYYY-MM-DD date"),
    })
}

/// Parses a `YYYY-MM-DD` date.
///
/// # Errors
/// `InvalidValue` naming the text.
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    ymd(s.trim()).map_err(|e| OkrError::InvalidValue {
        field: "date".into(),
        reason: not_a_date(s, e),
    })
}

/// Why `s` is not read as a date (`e` from [`ymd`]).
fn not_a_date(s: &str, e: &str) -> String {
    format!("{s:?} is not a YYYY-MM-DD date ({e})")
}

/// serde's reader of `YYYY-MM-DD` dates (the document's, the model's and the lint
/// configuration's), through [`parse_date`]'s reader instead of chrono's `FromStr` (its
/// generic parser is about 10 KB of the WebAssembly build).
pub(crate) fn de_date<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<NaiveDate, D::Error> {
    // Read in the visitor, so that serde_json places an error at the string itself.
    struct Ymd;
    impl serde::de::Visitor<'_> for Ymd {
        type Value = NaiveDate;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a YYYY-MM-DD date")
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> std::result::Result<NaiveDate, E> {
            ymd(s).map_err(|e| E::custom(not_a_date(s, e)))
        }
    }
    d.deserialize_str(Ymd)
}

/// [`de_date`] for optional dates.
pub(crate) fn de_opt_date<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<NaiveDate>, D::Error> {
    #[derive(Deserialize)]
    struct Date(#[serde(deserialize_with = "de_date")] NaiveDate);
    Ok(Option::<Date>::deserialize(d)?.map(|Date(d)| d))
}

/// `YYYY-MM-DD`: a year of 4 digits, a month and a day of 1 or 2. Read by hand: chrono's
/// format-string parser is about 20 KB of the WebAssembly build, for this one format. It
/// accepts what chrono's `%Y-%m-%d` does, except short years (chrono reads `26-10-01` as the
/// year 26, surely not what was meant).
fn ymd(s: &str) -> std::result::Result<NaiveDate, &'static str> {
    let mut parts = s.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("expected YYYY-MM-DD");
    };
    let num = |t: &str, min: usize, max: usize| {
        (min..=max)
            .contains(&t.len())
            .then_some(t)
            .filter(|t| t.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|t| t.parse::<u32>().ok())
    };
    match (num(y, 4, 4), num(m, 1, 2), num(d, 1, 2)) {
        (Some(y), Some(m), Some(d)) => {
            NaiveDate::from_ymd_opt(y as i32, m, d).ok_or("no such date")
        }
        _ => Err("expected YYYY-MM-DD"),
    }
}

/// One problem found while loading a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocProblem {
    /// Where (`objectives[2].parents[0]`).
    pub path: String,
    /// The error code (`"cycle"`, `"unknown_id"`, `"document"`, ...).
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for DocProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl From<DocProblem> for OkrError {
    fn from(p: DocProblem) -> Self {
        OkrError::Document {
            path: p.path,
            message: p.message,
        }
    }
}

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

/// Adds the alignment links with the outcome of calling [`OkrGraph::link`] on each in
/// document order, without its per-link search: links with an unknown parent or a bad
/// weight are refused first; the rest are checked for cycles all at once. Only when they
/// hold a cycle, a binary search over prefixes finds the first link that closes one, and
/// `link` itself reports it (same cycle path); then the search resumes after it.
fn build_links(
    g: &mut OkrGraph,
    ids: &[String],
    parents: &[Vec<DocLink>],
    added: &[bool],
    stop_early: bool,
    problems: &mut Vec<DocProblem>,
) {
    struct Cand {
        i: usize,
        j: usize,
        child: u32,
        parent: u32,
        weight: f64,
    }
    let at = |i: usize, j: usize, field: &str, e: OkrError| DocProblem {
        path: format!("objectives[{i}].parents[{j}]{field}"),
        code: e.code(),
        message: e.to_string(),
    };
    // (position in document order, problem)
    let mut found: Vec<((usize, usize), DocProblem)> = Vec::new();
    let mut cands: Vec<Cand> = Vec::new();
    for (i, links) in parents.iter().enumerate() {
        if !added[i] {
            continue;
        }
        let child = g.objectives.get_index_of(&ids[i]).expect("added") as u32;
        for (j, l) in links.iter().enumerate() {
            let Some(parent) = g.objectives.get_index_of(&l.id) else {
                let e = OkrError::UnknownId {
                    kind: EntityKind::Objective,
                    id: l.id.clone(),
                };
                found.push(((i, j), at(i, j, ".id", e)));
                continue;
            };
            if let Err(e) =
                crate::model::check_weight(|| format!("{} -> {}", ids[i], l.id), l.weight)
            {
                found.push(((i, j), at(i, j, ".weight", e)));
                continue;
            }
            cands.push(Cand {
                i,
                j,
                child,
                parent: parent as u32,
                weight: l.weight,
            });
        }
    }
    let n = g.objectives.len();
    let mut accepted: Vec<(u32, u32)> = Vec::with_capacity(cands.len());
    let mut linked: std::collections::HashSet<(u32, u32)> = Default::default();
    let mut start = 0;
    while start < cands.len() {
        let with = |end: usize| {
            let mut edges = accepted.clone();
            edges.extend(cands[start..end].iter().map(|c| (c.child, c.parent)));
            edges
        };
        // the first k in start.. whose link closes a cycle, if any
        let closing = if is_acyclic(n, &with(cands.len())) {
            None
        } else {
            let (mut lo, mut hi) = (start, cands.len() - 1);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if is_acyclic(n, &with(mid + 1)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            Some(lo)
        };
        let end = closing.unwrap_or(cands.len());
        for c in &cands[start..end] {
            if linked.insert((c.child, c.parent)) {
                accepted.push((c.child, c.parent));
                g.link_unchecked(c.child as usize, c.parent as usize, c.weight);
            } else {
                let e = OkrError::AlreadyLinked {
                    child: ids[c.i].clone(),
                    parent: parents[c.i][c.j].id.clone(),
                };
                found.push(((c.i, c.j), at(c.i, c.j, "", e)));
            }
        }
        let Some(k) = closing else { break };
        let c = &cands[k];
        let (child, parent) = (&ids[c.i], &parents[c.i][c.j].id);
        let e = g
            .link(child, parent, c.weight)
            .expect_err("this link closes a cycle");
        found.push(((c.i, c.j), at(c.i, c.j, "", e)));
        if stop_early {
            break;
        }
        start = k + 1;
    }
    crate::sort::sort_by_key(&mut found, |f| f.0);
    if stop_early {
        if let Some(f) = found.into_iter().next() {
            problems.push(f.1);
        }
    } else {
        problems.extend(found.into_iter().map(|f| f.1));
    }
}

/// The alignment depth (objectives in the longest chain) against `limits`, in one
/// topological pass.
fn link_depth(g: &OkrGraph, ids: &[String], added: &[bool], limits: &Limits) -> Option<Exceeded> {
    let n = g.objectives.len();
    if n <= limits.max_link_depth {
        return None;
    }
    let mut edges: Vec<(u32, u32)> = Vec::new();
    for (c, e) in g.objectives.values().enumerate() {
        for p in g
            .dag
            .neighbors_directed(e.node, petgraph::Direction::Outgoing)
        {
            let pid = &g.dag[p];
            edges.push((
                c as u32,
                g.objectives.get_index_of(pid).expect("consistent") as u32,
            ));
        }
    }
    // depth[v] = objectives in the longest chain from a leaf up to v
    let mut start = vec![0u32; n + 1];
    let mut pending = vec![0u32; n];
    for &(c, p) in &edges {
        start[c as usize + 1] += 1;
        pending[p as usize] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut out = vec![0u32; edges.len()];
    for &(c, p) in &edges {
        out[fill[c as usize] as usize] = p;
        fill[c as usize] += 1;
    }
    let mut depth = vec![1usize; n];
    let mut ready: Vec<u32> = (0..n as u32)
        .filter(|&i| pending[i as usize] == 0)
        .collect();
    while let Some(v) = ready.pop() {
        let d = depth[v as usize];
        if d > limits.max_link_depth {
            let id = g.objectives.get_index(v as usize).expect("in range").0;
            let i = (0..ids.len())
                .find(|&i| added[i] && &ids[i] == id)
                .unwrap_or(0);
            return Some(exceeded(
                format!("objectives[{i}]"),
                format!("alignment depth (objectives in a chain up to {id:?})"),
                limits.max_link_depth,
                d,
            ));
        }
        for &p in &out[start[v as usize] as usize..start[v as usize + 1] as usize] {
            depth[p as usize] = depth[p as usize].max(d + 1);
            pending[p as usize] -= 1;
            if pending[p as usize] == 0 {
                ready.push(p);
            }
        }
    }
    None
}

/// Whether the directed graph on nodes `0..n` with `edges` (child, parent) has no cycle
/// (Kahn's algorithm, O(n + edges)).
fn is_acyclic(n: usize, edges: &[(u32, u32)]) -> bool {
    let mut start = vec![0u32; n + 1];
    let mut pending = vec![0u32; n];
    for &(c, p) in edges {
        start[c as usize + 1] += 1;
        pending[p as usize] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut out = vec![0u32; edges.len()];
    for &(c, p) in edges {
        out[fill[c as usize] as usize] = p;
        fill[c as usize] += 1;
    }
    let mut ready: Vec<u32> = (0..n as u32)
        .filter(|&i| pending[i as usize] == 0)
        .collect();
    let mut placed = 0;
    while let Some(v) = ready.pop() {
        placed += 1;
        for &p in &out[start[v as usize] as usize..start[v as usize + 1] as usize] {
            pending[p as usize] -= 1;
            if pending[p as usize] == 0 {
                ready.push(p);
            }
        }
    }
    placed == n
}

/// Orders entities so that every parent comes before its children. Returns the order and the
/// problems: duplicate ids, unknown parents, parent loops. Entities with problems are left out.
fn parents_first(
    section: &str,
    kind: EntityKind,
    items: &[(&str, Option<&str>)],
) -> (Vec<usize>, Vec<DocProblem>) {
    let mut problems = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut skip = vec![false; items.len()];
    for (i, (id, _)) in items.iter().enumerate() {
        if index.contains_key(id) {
            problems.push(DocProblem {
                path: format!("{section}[{i}].id"),
                code: "duplicate_id",
                message: format!("duplicate {kind} id {id:?}"),
            });
            skip[i] = true;
        } else {
            index.insert(id, i);
        }
    }
    // 0 = unvisited, 1 = on the current chain, 2 = placed, 3 = failed
    let mut state = vec![0u8; items.len()];
    let mut order = Vec::with_capacity(items.len());
    for start in 0..items.len() {
        if skip[start] || state[start] != 0 {
            continue;
        }
        let mut chain = vec![start];
        state[start] = 1;
        let outcome = loop {
            let cur = *chain.last().expect("non-empty");
            match items[cur].1 {
                None => break 2u8,
                Some(p) => match index.get(p) {
                    None => {
                        problems.push(DocProblem {
                            path: format!("{section}[{cur}].parent"),
                            code: "unknown_id",
                            message: format!("unknown {kind} {p:?}"),
                        });
                        break 3;
                    }
                    Some(&pi) => match state[pi] {
                        2 => break 2,
                        3 => break 3,
                        1 => {
                            let at = chain.iter().position(|&c| c == pi).expect("on chain");
                            let mut ids: Vec<&str> =
                                chain[at..].iter().map(|&c| items[c].0).collect();
                            ids.push(items[pi].0);
                            problems.push(DocProblem {
                                path: format!("{section}[{cur}].parent"),
                                code: "cycle",
                                message: format!(
                                    "{kind} parents form a loop: {}",
                                    ids.join(" -> ")
                                ),
                            });
                            break 3;
                        }
                        _ => {
                            state[pi] = 1;
                            chain.push(pi);
                        }
                    },
                },
            }
        };
        // The chain runs child -> parent; place parents first.
        for &c in chain.iter().rev() {
            state[c] = outcome;
            if outcome == 2 {
                order.push(c);
            }
        }
    }
    (order, problems)
}

/// Adds a section of tree-shaped entities (owners, cycles) parents first, recording problems
/// at `section[i]`. Returns each id's position in the document, to restore document order.
fn add_parents_first<T: Clone>(
    g: &mut OkrGraph,
    section: &str,
    kind: EntityKind,
    items: &[T],
    refs: impl Fn(&T) -> (&str, Option<&str>),
    add: impl Fn(&mut OkrGraph, T) -> Result<()>,
    problems: &mut Vec<DocProblem>,
) -> HashMap<String, usize> {
    let item_refs: Vec<_> = items.iter().map(&refs).collect();
    let (order, ps) = parents_first(section, kind, &item_refs);
    problems.extend(ps);
    for i in order {
        if let Err(e) = add(g, items[i].clone()) {
            problems.push(DocProblem {
                path: format!("{section}[{i}]"),
                code: e.code(),
                message: e.to_string(),
            });
        }
    }
    item_refs
        .iter()
        .enumerate()
        .map(|(i, r)| (r.0.to_string(), i))
        .collect()
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

    /// Builds as much of the graph as it can, collecting problems (or stopping at the first
    /// when `stop_early`).
    fn build(
        self,
        stop_early: bool,
        limits: &Limits,
    ) -> (OkrGraph, Vec<DocProblem>, Option<Exceeded>) {
        let Document {
            version,
            owners,
            cycles,
            objectives,
            extra,
        } = self;
        let mut g = OkrGraph::new();
        g.extra = extra;
        let mut problems = Vec::new();
        macro_rules! bail_early {
            () => {
                if stop_early && !problems.is_empty() {
                    return (g, problems, None);
                }
            };
        }
        if version != FORMAT_VERSION {
            problems.push(DocProblem {
                path: "version".into(),
                code: "document",
                message: format!(
                    "unsupported version {version} (this build reads version {FORMAT_VERSION})"
                ),
            });
            return (g, problems, None);
        }
        fn at(path: String, e: OkrError) -> DocProblem {
            DocProblem {
                path,
                code: e.code(),
                message: e.to_string(),
            }
        }

        // Owners and cycles may refer to parents later in the file: insert parents first,
        // then restore document order.
        let rank = add_parents_first(
            &mut g,
            "owners",
            EntityKind::Owner,
            &owners,
            |o| (o.id.as_str(), o.parent.as_deref()),
            OkrGraph::add_owner,
            &mut problems,
        );
        crate::sort::sort_map_by_key(&mut g.owners, |k, _| rank.get(k).copied());
        bail_early!();
        let rank = add_parents_first(
            &mut g,
            "cycles",
            EntityKind::Cycle,
            &cycles,
            |c| (c.id.as_str(), c.parent.as_deref()),
            OkrGraph::add_cycle,
            &mut problems,
        );
        crate::sort::sort_map_by_key(&mut g.cycles, |k, _| rank.get(k).copied());
        bail_early!();

        // The document's entities move into the graph: nothing is copied but the ids that
        // key results and error messages need.
        let n = objectives.len();
        let mut added = vec![false; n];
        let mut ids: Vec<String> = Vec::with_capacity(n);
        let mut parents: Vec<Vec<DocLink>> = Vec::with_capacity(n);
        let mut key_results: Vec<Vec<DocKeyResult>> = Vec::with_capacity(n);
        for (i, o) in objectives.into_iter().enumerate() {
            ids.push(o.id.clone());
            parents.push(o.parents);
            key_results.push(o.key_results);
            let obj = Objective {
                id: o.id,
                title: o.title,
                description: o.description,
                owner: o.owner,
                cycle: o.cycle,
                state: o.state,
                kind: o.kind,
                rollup: o.rollup,
                extra: o.extra,
            };
            match g.add_objective(obj) {
                Ok(()) => added[i] = true,
                Err(e) => {
                    let field = match &e {
                        OkrError::UnknownId {
                            kind: EntityKind::Owner,
                            ..
                        } => ".owner",
                        OkrError::UnknownId {
                            kind: EntityKind::Cycle,
                            ..
                        } => ".cycle",
                        _ => ".id",
                    };
                    problems.push(at(format!("objectives[{i}]{field}"), e));
                }
            }
            bail_early!();
        }

        for (i, krs) in key_results.into_iter().enumerate() {
            if !added[i] {
                continue;
            }
            for (j, k) in krs.into_iter().enumerate() {
                let kr = KeyResult {
                    id: k.id,
                    title: k.title,
                    objective: ids[i].clone(),
                    owner: k.owner,
                    weight: k.weight,
                    due: k.due,
                    measure: k.measure,
                    extra: k.extra,
                };
                if let Err(e) = g.add_key_result(kr) {
                    let field = match &e {
                        OkrError::UnknownId { .. } => ".owner",
                        OkrError::InvalidWeight { .. } => ".weight",
                        OkrError::InvalidMeasure { .. } => ".measure",
                        _ => ".id",
                    };
                    problems.push(at(format!("objectives[{i}].key_results[{j}]{field}"), e));
                    bail_early!();
                    continue;
                }
                // Validate each check-in, then sort once (stable: equal times keep document
                // order, as `check_in` does one by one): O(C log C), not O(C^2) for check-ins
                // written newest first.
                let (kid, entry) = g.key_results.last_mut().expect("just added");
                let mut check_ins = Vec::with_capacity(k.check_ins.len());
                for (c, ci) in k.check_ins.into_iter().enumerate() {
                    let result = ci.into_check_in(kid).and_then(|ci| {
                        ci.validate(&entry.data)?;
                        Ok(ci)
                    });
                    match result {
                        Ok(ci) => check_ins.push(ci),
                        Err(e) => {
                            let path = format!("objectives[{i}].key_results[{j}].check_ins[{c}]");
                            problems.push(at(path, e));
                            if stop_early {
                                return (g, problems, None);
                            }
                        }
                    }
                }
                crate::sort::sort_by_key(&mut check_ins, |c| c.at);
                entry.check_ins = check_ins;
            }
        }

        build_links(&mut g, &ids, &parents, &added, stop_early, &mut problems);
        bail_early!();
        let limit = link_depth(&g, &ids, &added, limits);
        if let Some(e) = &limit {
            problems.push(DocProblem {
                path: e.path.clone(),
                code: e.error.code(),
                message: e.error.to_string(),
            });
        }
        (g, problems, limit)
    }

    /// Serialises as pretty-printed JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("documents always serialise")
    }
}

impl DocCheckIn {
    /// The check-in this document entry describes; `kr` names the key result in errors.
    ///
    /// # Errors
    /// `InvalidCheckIn` unless exactly one of `value`, `done`, `milestones_done` is given.
    pub fn to_check_in(&self, kr: &str) -> Result<CheckIn> {
        let value =
            CheckInValue::from_parts(kr, self.value, self.done, self.milestones_done.clone())?;
        Ok(CheckIn {
            at: self.at,
            value,
            confidence: self.confidence,
            note: self.note.clone(),
            author: self.author.clone(),
            extra: self.extra.clone(),
        })
    }

    /// The check-in this document entry describes, moving its data.
    fn into_check_in(self, kr: &str) -> Result<CheckIn> {
        let value = CheckInValue::from_parts(kr, self.value, self.done, self.milestones_done)?;
        Ok(CheckIn {
            at: self.at,
            value,
            confidence: self.confidence,
            note: self.note,
            author: self.author,
            extra: self.extra,
        })
    }

    /// The document entry of a check-in.
    pub fn from_check_in(c: &CheckIn) -> Self {
        let (value, done, milestones_done) = match &c.value {
            CheckInValue::Value(v) => (Some(*v), None, None),
            CheckInValue::Done(d) => (None, Some(*d), None),
            CheckInValue::Milestones(m) => (None, None, Some(m.clone())),
        };
        DocCheckIn {
            at: c.at,
            value,
            done,
            milestones_done,
            confidence: c.confidence,
            note: c.note.clone(),
            author: c.author.clone(),
            extra: c.extra.clone(),
        }
    }
}

impl OkrGraph {
    /// Reads a document's JSON text into a graph (same as [`load_str`]).
    ///
    /// # Errors
    /// `Document` naming the path and the reason.
    pub fn from_json(text: &str) -> Result<OkrGraph> {
        load_str(text)
    }

    /// The graph as a document. Loading it back gives an equal graph.
    pub fn to_document(&self) -> Document {
        let objectives = self
            .objectives
            .values()
            .map(|e| {
                let o = &e.data;
                DocObjective {
                    id: o.id.clone(),
                    title: o.title.clone(),
                    description: o.description.clone(),
                    owner: o.owner.clone(),
                    cycle: o.cycle.clone(),
                    state: o.state,
                    kind: o.kind,
                    rollup: o.rollup,
                    parents: self
                        .parents_of(&o.id)
                        .into_iter()
                        .map(|(id, weight)| DocLink {
                            id: id.to_string(),
                            weight,
                        })
                        .collect(),
                    key_results: e
                        .key_results
                        .iter()
                        .map(|kid| {
                            let k = &self.key_results[kid];
                            DocKeyResult {
                                id: k.data.id.clone(),
                                title: k.data.title.clone(),
                                owner: k.data.owner.clone(),
                                weight: k.data.weight,
                                due: k.data.due,
                                measure: k.data.measure.clone(),
                                check_ins: k
                                    .check_ins
                                    .iter()
                                    .map(DocCheckIn::from_check_in)
                                    .collect(),
                                extra: k.data.extra.clone(),
                            }
                        })
                        .collect(),
                    extra: o.extra.clone(),
                }
            })
            .collect();
        Document {
            version: FORMAT_VERSION,
            owners: self.owners.values().cloned().collect(),
            cycles: self.cycles.values().cloned().collect(),
            objectives,
            extra: self.extra.clone(),
        }
    }

    /// The graph as pretty-printed document JSON.
    pub fn to_json(&self) -> String {
        self.to_document().to_json_pretty()
    }
}
