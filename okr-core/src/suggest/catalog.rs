//! The KPI template catalog: compiled into the binary and parsed once (feature
//! `builtin-catalog`, on by default), or loaded at run time with [`load_catalog`] (the
//! WebAssembly package ships it as a separate file, so pages that never ask for suggestions do
//! not download it).

use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::OnceLock;

use crate::error::{OkrError, Result};

/// The catalog shipped with okr (`okr-core/data/kpi_catalog.json`).
#[cfg(feature = "builtin-catalog")]
const CATALOG_JSON: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/kpi_catalog.json"
));

/// Which way a metric should move for the key result to count as progress: a
/// catalog template's direction, including the threshold kinds (a key result's
/// own is [`crate::Direction`] or [`crate::Bound`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KpiDirection {
    /// Higher is better; the target lies above the baseline.
    Increase,
    /// Lower is better; the target lies below the baseline.
    Decrease,
    /// Stay at or above a level (a threshold key result).
    KeepAbove,
    /// Stay at or below a level (a threshold key result).
    KeepBelow,
}

impl KpiDirection {
    /// The snake_case name used in the catalog and in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            KpiDirection::Increase => "increase",
            KpiDirection::Decrease => "decrease",
            KpiDirection::KeepAbove => "keep_above",
            KpiDirection::KeepBelow => "keep_below",
        }
    }
}

/// How often the metric is normally reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    /// Reviewed every week.
    Weekly,
    /// Reviewed every month.
    Monthly,
    /// Reviewed every quarter.
    Quarterly,
}

impl Cadence {
    /// The snake_case name used in the catalog and in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::Monthly => "monthly",
            Cadence::Quarterly => "quarterly",
        }
    }
}

/// Business functions a template (and a suggestion request) can name.
pub const FUNCTIONS: &[&str] = &[
    "sales",
    "marketing",
    "customer_success",
    "support",
    "product",
    "engineering",
    "it",
    "hr",
    "finance",
    "operations",
    "production",
    "quality",
];

/// Placeholders a template `pattern` may use.
pub const PLACEHOLDERS: &[&str] = &["metric", "baseline", "target", "unit", "deadline"];

/// One KPI / key-result template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct KpiTemplate {
    /// Unique kebab-case identifier.
    pub id: String,
    /// Human-readable metric name.
    pub metric: String,
    /// How the metric is measured.
    pub definition: String,
    /// Unit of the metric ("%", "USD", "days", "score", ...).
    pub unit: String,
    /// Which way the metric should move.
    pub direction: KpiDirection,
    /// How often the metric is normally reviewed.
    pub cadence: Cadence,
    /// Owning functions, from [`FUNCTIONS`].
    pub functions: Vec<String>,
    /// Other names of the metric, matched like the name.
    pub synonyms: Vec<String>,
    /// Words an objective about this metric tends to use.
    pub keywords: Vec<String>,
    /// Typical target used by [`crate::suggest::draft`] when neither a target
    /// nor a baseline is supplied.
    pub default_target: f64,
    /// Named groups of KPIs that practitioners track together (e.g.
    /// "customer retention"); their words are also folded into `keywords`.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Ids of KPIs practitioners track alongside this one, closest first. The
    /// ranker prefers them among the other matches once this template is the
    /// best match.
    #[serde(default)]
    pub related: Vec<String>,
    /// SMART phrasing with `{metric}`, `{baseline}`, `{target}`, `{unit}`,
    /// `{deadline}` placeholders.
    pub pattern: String,
}

static CATALOG: OnceLock<Vec<KpiTemplate>> = OnceLock::new();

/// Parses the embedded catalog. Exposed for the validation test so a broken
/// data file reports its serde error instead of an empty catalog.
#[cfg(feature = "builtin-catalog")]
pub fn parse_catalog() -> std::result::Result<Vec<KpiTemplate>, serde_json::Error> {
    serde_json::from_str(CATALOG_JSON)
}

/// Parses catalog JSON text (a list of templates) and checks it: at least one template, ids
/// unique and not empty, every function one of [`FUNCTIONS`]. Sorted by id.
///
/// # Errors
/// `InvalidValue` (field `catalog`) naming the first problem.
pub fn parse_catalog_str(text: &str) -> Result<Vec<KpiTemplate>> {
    let bad = |reason: String| OkrError::InvalidValue {
        field: "catalog".into(),
        reason,
    };
    let mut v: Vec<KpiTemplate> =
        serde_json::from_str(text).map_err(|e| bad(format!("not a KPI catalog: {e}")))?;
    if v.is_empty() {
        return Err(bad("the catalog has no template".into()));
    }
    let mut seen = HashSet::new();
    for t in &v {
        if t.id.trim().is_empty() || !seen.insert(t.id.as_str()) {
            return Err(bad(format!("template id {:?} is empty or repeated", t.id)));
        }
        if let Some(f) = t
            .functions
            .iter()
            .find(|f| !FUNCTIONS.contains(&f.as_str()))
        {
            return Err(bad(format!(
                "template {:?} names the unknown function {f:?}",
                t.id
            )));
        }
    }
    crate::sort::sort_by(&mut v, |a, b| a.id.cmp(&b.id));
    Ok(v)
}

/// Installs the catalog from JSON text, for builds without the built-in one (the WebAssembly
/// package). Loading the same catalog again is a no-op; with the built-in catalog, or once a
/// different catalog is loaded, it is an error: the ranking index is built once.
///
/// # Errors
/// `InvalidValue` (field `catalog`) for a bad catalog or a second, different one.
pub fn load_catalog(text: &str) -> Result<()> {
    let parsed = parse_catalog_str(text)?;
    let current = CATALOG.get_or_init(|| parsed.clone());
    if *current == parsed {
        Ok(())
    } else {
        Err(OkrError::InvalidValue {
            field: "catalog".into(),
            reason: "a different KPI catalog is already in use".into(),
        })
    }
}

/// All templates, sorted by id: the built-in catalog, or the one given to [`load_catalog`]
/// (empty before it, in builds without the built-in catalog). The built-in data file is
/// validated by the test suite; should it ever fail to parse, this returns an empty slice
/// rather than panicking.
pub fn catalog() -> &'static [KpiTemplate] {
    #[cfg(feature = "builtin-catalog")]
    {
        CATALOG.get_or_init(|| parse_catalog_str(CATALOG_JSON).unwrap_or_default())
    }
    #[cfg(not(feature = "builtin-catalog"))]
    {
        CATALOG.get().map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The catalog, or an error saying that none is loaded.
///
/// # Errors
/// `InvalidValue` (field `catalog`) before [`load_catalog`] in builds without the built-in
/// catalog.
pub fn require_catalog() -> Result<&'static [KpiTemplate]> {
    let cat = catalog();
    if cat.is_empty() {
        Err(OkrError::InvalidValue {
            field: "catalog".into(),
            reason: "no KPI catalog is loaded: call load_catalog (loadKpiCatalog in JavaScript) \
                     with the catalog JSON first"
                .into(),
        })
    } else {
        Ok(cat)
    }
}

/// Looks a template up by id.
pub fn template(id: &str) -> Option<&'static KpiTemplate> {
    let cat = catalog();
    cat.binary_search_by(|t| t.id.as_str().cmp(id))
        .ok()
        .map(|i| &cat[i])
}
