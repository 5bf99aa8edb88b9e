//! Offline, deterministic key-result / KPI suggestions from an objective's text.
//!
//! The catalog ([`catalog`]) holds 241 hand-written KPI templates across twelve
//! business functions ([`FUNCTIONS`]). [`suggest`] ranks them for an objective;
//! [`draft`] and [`draft_for_objective`] fill a chosen template into a SMART key
//! result.
//!
//! Ranking is a transparent lexical model:
//!
//! 1. **BM25F** over each template's metric name, synonyms, keywords and
//!    definition (weighted in that order; the synonym and keyword lists are
//!    length-normalised lightly, as lists of alternatives rather than prose),
//!    with a small suffix-stripping stemmer, irregular word forms ("paid" ->
//!    "pay"), British and American spellings, plural abbreviations ("KPIs"),
//!    stop words, hyphenated and spaced compounds ("on-call", "help center"),
//!    adjacent-word pairs, a few idiomatic phrases ("run out", "up and
//!    running") and a synonym and abbreviation table ("client" ~ "customer",
//!    "prod" ~ "production") searched at half weight. Numbers with units
//!    ("$8M", "200ms") are targets, not topics, and are skipped.
//! 2. **Boosts**: the owner's function (when given) and agreement between the
//!    objective's direction words ("grow", "reduce", "keep", ...) and the
//!    template's direction.
//! 3. **Feedback**: the best first-pass template's words are added to the query
//!    at a low weight, and its curated companions ([`KpiTemplate::related`],
//!    the KPIs practitioners track alongside it) are preferred among the other
//!    matches; a companion can be suggested without a matching word, and then
//!    says so in [`Suggestion::companion_of`].
//!
//! Ties are broken by template id, so the output is fully deterministic. Every
//! suggestion names the objective's words that matched it.

mod catalog;
mod draft;
mod rank;
mod vocabulary;
mod words;

#[cfg(feature = "builtin-catalog")]
pub use catalog::parse_catalog;
pub use catalog::{
    Cadence, FUNCTIONS, KpiDirection, KpiTemplate, PLACEHOLDERS, catalog, load_catalog,
    parse_catalog_str, require_catalog, template,
};
pub use draft::{
    BaselineSource, Draft, DraftOptions, TEMPLATE_EXTRA_KEY, draft, draft_for_objective,
    draft_template,
};

use crate::error::{OkrError, Result};
use serde::{Deserialize, Serialize};

/// Options for [`suggest`]. Read by the front ends with [`crate::options::from_json`]
/// (`{"function": .., "top": ..}`, each optional), so a bad option (`top` negative, not a whole
/// number or `null`; an unknown option) is `InvalidConfig` in every binding; [`suggest`] refuses
/// `top` 0 the same way.
///
/// ```
/// use okr_core::suggest::SuggestOptions;
/// let o: SuggestOptions = okr_core::options::from_json("options", r#"{"function": "sales"}"#)?;
/// assert_eq!((o.function.as_deref(), o.top), (Some("sales"), SuggestOptions::default().top));
/// for bad in [r#"{"top": -1}"#, r#"{"top": 2.5}"#, r#"{"top": null}"#, r#"{"limit": 3}"#] {
///     let e = okr_core::options::from_json::<SuggestOptions>("options", bad).unwrap_err();
///     assert_eq!(e.code(), "invalid_config");
/// }
/// # Ok::<(), okr_core::OkrError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SuggestOptions {
    /// The objective owner's function (one of [`FUNCTIONS`]; case, spaces and
    /// hyphens are normalised, so "Customer Success" works). Templates owned by
    /// it are boosted, not filtered. Empty or whitespace is treated as `None`.
    pub function: Option<String>,
    /// Maximum number of suggestions (default 5; at least 1: [`suggest`] refuses 0).
    pub top: usize,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            function: None,
            top: 5,
        }
    }
}

/// One ranked suggestion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// Id of the catalog template.
    pub template_id: String,
    /// Human-readable metric name.
    pub metric: String,
    /// How the metric is measured.
    pub definition: String,
    /// Ranking score; higher is better, comparable within one query only.
    pub score: f64,
    /// Words (or phrases) of the objective, lower-cased, that matched this
    /// template directly or through stemming and the synonym table, in the
    /// order they were read. Empty for a companion suggested without a match.
    pub matched: Vec<String>,
    /// The template id of the best match when this template is one of its
    /// curated companions (KPIs tracked alongside it), else `None`.
    pub companion_of: Option<String>,
    /// Which way the metric should move.
    pub direction: KpiDirection,
    /// Unit of the metric.
    pub unit: String,
    /// How often the metric is normally reviewed.
    pub cadence: Cadence,
    /// The template's SMART phrasing pattern with `{placeholders}`.
    pub pattern: String,
    /// The pattern with the metric and unit filled in, leaving `{baseline}`,
    /// `{target}` and `{deadline}` ("Reduce customer churn rate from
    /// {baseline}% to {target}% by {deadline}").
    pub phrasing: String,
    /// Business functions that own the metric.
    pub functions: Vec<String>,
}

/// Normalises a function name ("Customer Success" -> "customer_success") and
/// checks it against [`FUNCTIONS`]; empty or whitespace gives `None`.
///
/// # Errors
/// [`OkrError::InvalidValue`] for field `function` when the name is not one of
/// [`FUNCTIONS`]; the message lists the valid names.
pub fn normalize_function(name: &str) -> Result<Option<&'static str>> {
    let norm: String = name
        .trim()
        .chars()
        .map(|c| {
            if c == ' ' || c == '-' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if norm.is_empty() {
        return Ok(None);
    }
    FUNCTIONS
        .iter()
        .find(|g| **g == norm)
        .map(|g| Some(*g))
        .ok_or_else(|| OkrError::InvalidValue {
            field: "function".to_string(),
            reason: format!(
                "unknown function {name:?}; valid functions are: {}",
                FUNCTIONS.join(", ")
            ),
        })
}

/// Ranks catalog templates for an objective's text.
///
/// Empty or stop-word-only text gives an empty vector; only the first 64 words
/// of the text are read, so the cost of a query is bounded whatever the input.
/// The same input always gives the same output in the same order.
///
/// ```
/// use okr_core::suggest::{SuggestOptions, suggest};
/// let s = suggest("Reduce customer churn", &SuggestOptions::default())?;
/// assert_eq!(s[0].template_id, "logo-churn-rate");
/// assert_eq!(s[0].matched, ["customer", "churn"]);
/// # Ok::<(), okr_core::OkrError>(())
/// ```
///
/// # Errors
/// [`OkrError::InvalidValue`] for field `function` when `opts.function` is not
/// one of [`FUNCTIONS`], and [`OkrError::InvalidConfig`] for field `top` when it is 0 (asking
/// for no suggestions is a mistake, not a question): both checked even when the text is empty.
pub fn suggest(text: &str, opts: &SuggestOptions) -> Result<Vec<Suggestion>> {
    let function = match opts.function.as_deref() {
        Some(f) => normalize_function(f)?,
        None => None,
    };
    if opts.top == 0 {
        return Err(OkrError::InvalidConfig {
            field: "top".into(),
            reason: "0 must be at least 1 (the number of suggestions to give)".into(),
        });
    }
    // Before the index is built: it is built once, from the catalog in use.
    require_catalog()?;
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let idx = rank::index();
    let query = rank::parse_query(idx, text);
    let mut hits = rank::rank(idx, &query, function);
    let cat = catalog();
    hits.truncate(opts.top);
    Ok(hits
        .into_iter()
        .map(|h| {
            let t = &cat[h.doc];
            Suggestion {
                template_id: t.id.clone(),
                metric: t.metric.clone(),
                definition: t.definition.clone(),
                score: h.score,
                matched: h
                    .matched
                    .iter()
                    .map(|&i| query.originals[i].clone())
                    .collect(),
                companion_of: h.companion_of.map(|d| cat[d].id.clone()),
                direction: t.direction,
                unit: t.unit.clone(),
                cadence: t.cadence,
                pattern: t.pattern.clone(),
                phrasing: draft::phrasing(t),
                functions: t.functions.clone(),
            }
        })
        .collect())
}
