//! The KPI template catalog, compiled into the binary and parsed once.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

const CATALOG_JSON: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/kpi_catalog.json"
));

/// Which way a metric should move for the key result to count as progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better; the target lies above the baseline.
    Increase,
    /// Lower is better; the target lies below the baseline.
    Decrease,
    /// Stay at or above a level (a threshold key result).
    KeepAbove,
    /// Stay at or below a level (a threshold key result).
    KeepBelow,
}

impl Direction {
    /// The snake_case name used in the catalog and in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
            Direction::KeepAbove => "keep_above",
            Direction::KeepBelow => "keep_below",
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
    pub direction: Direction,
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
pub fn parse_catalog() -> Result<Vec<KpiTemplate>, serde_json::Error> {
    serde_json::from_str(CATALOG_JSON)
}

/// All templates, sorted by id. The data file is validated by the test suite;
/// should it ever fail to parse, this returns an empty slice rather than
/// panicking.
pub fn catalog() -> &'static [KpiTemplate] {
    CATALOG.get_or_init(|| {
        let mut v = parse_catalog().unwrap_or_default();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    })
}

/// Looks a template up by id.
pub fn template(id: &str) -> Option<&'static KpiTemplate> {
    let cat = catalog();
    cat.binary_search_by(|t| t.id.as_str().cmp(id))
        .ok()
        .map(|i| &cat[i])
}
