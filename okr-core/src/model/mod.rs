//! The entities of an OKR graph: owners, cycles, objectives, key results and check-ins.
//!
//! These are plain data with serde support; [`OkrGraph`](crate::OkrGraph) validates them when
//! they are added. Ids are strings and are the only way entities refer to each other.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{OkrError, Result};
use crate::format::number;

pub use crate::extra::Extra;

mod check_in;
mod measure;
mod visibility;

pub use check_in::{CheckIn, CheckInValue};
pub(crate) use measure::check_plan;
pub use measure::{AggregateFunction, Bound, Direction, Measure, Milestone, PlanPoint};
pub use visibility::{Group, ViewPolicy, Visibility};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// A person or an organisational unit. Owners form a tree (organisation > department > team >
/// person); `kind` is free text, so depth is data, not code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Owner {
    /// Unique id.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// What kind of owner: `organisation`, `department`, `team`, `person`, or any other word.
    #[serde(default)]
    pub kind: String,
    /// The owner above this one; `None` for the root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The check-in cadence of the objectives it owns, inherited by the owners below it
    /// unless they set their own (see [`analytics::cadence`](crate::analytics::cadence)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence: Option<crate::cadence::Cadence>,
    /// Data kept exactly for the embedding product: any JSON object, no key twice in one object.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Owner {
    /// An owner with the given id, name and kind, no parent.
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: impl Into<String>) -> Self {
        Owner {
            id: id.into(),
            name: name.into(),
            kind: kind.into(),
            parent: None,
            cadence: None,
            extra: Extra::new(),
        }
    }

    /// Sets the parent owner.
    pub fn with_parent(mut self, parent: impl Into<String>) -> Self {
        self.parent = Some(parent.into());
        self
    }
}

/// A time period with inclusive start and end dates. Cycles nest (a year holding quarters): a
/// child cycle must lie inside its parent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Cycle {
    /// Unique id.
    pub id: String,
    /// Display name (`"Q4 2026"`).
    #[serde(default)]
    pub name: String,
    /// First day of the cycle.
    #[serde(deserialize_with = "crate::time::de_date")]
    pub start: NaiveDate,
    /// Last day of the cycle (inclusive).
    #[serde(deserialize_with = "crate::time::de_date")]
    pub end: NaiveDate,
    /// The enclosing cycle, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Data kept exactly for the embedding product: any JSON object, no key twice in one object.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Cycle {
    /// A cycle from `start` to `end` inclusive.
    pub fn new(id: impl Into<String>, start: NaiveDate, end: NaiveDate) -> Self {
        let id = id.into();
        Cycle {
            name: id.clone(),
            id,
            start,
            end,
            parent: None,
            extra: Extra::new(),
        }
    }

    /// Number of days in the cycle, counting both ends.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

/// Lifecycle state of an objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveState {
    /// Being written; does not count in its parents' progress.
    Draft,
    /// In progress.
    #[default]
    Active,
    /// Finished; still counts in its parents' progress.
    Closed,
    /// Given up; does not count in its parents' progress.
    Abandoned,
}

impl ObjectiveState {
    /// Every state, in the order of their [`code`](Self::code)s: the fixed legend of state
    /// columns (the rollup table's `state`, see [`crate::RollupTable`]).
    pub const ALL: [ObjectiveState; 4] = [
        ObjectiveState::Draft,
        ObjectiveState::Active,
        ObjectiveState::Closed,
        ObjectiveState::Abandoned,
    ];

    /// The state as a small integer, its index in [`ALL`](Self::ALL) (see
    /// [`Status::code`](crate::Status::code)).
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// The state of a [`code`](Self::code), `None` for a code out of range.
    pub fn from_code(code: u8) -> Option<ObjectiveState> {
        Self::ALL.get(usize::from(code)).copied()
    }

    /// The snake_case name used in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectiveState::Draft => "draft",
            ObjectiveState::Active => "active",
            ObjectiveState::Closed => "closed",
            ObjectiveState::Abandoned => "abandoned",
        }
    }

    /// Whether an objective in this state counts in its parents' progress.
    pub fn counts(self) -> bool {
        matches!(self, ObjectiveState::Active | ObjectiveState::Closed)
    }
}

/// Committed objectives are expected to be met in full; aspirational ones are stretch goals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveType {
    /// Must be met in full.
    #[default]
    Committed,
    /// A stretch goal; 0.7 is a success.
    Aspirational,
}

impl ObjectiveType {
    /// The snake_case name used in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectiveType::Committed => "committed",
            ObjectiveType::Aspirational => "aspirational",
        }
    }
}

/// Which children an objective's progress is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RollupMode {
    /// Only its own key results.
    KeyResults,
    /// Only the objectives aligned under it.
    Children,
    /// Both (the default).
    #[default]
    Both,
}

impl RollupMode {
    /// The snake_case name used in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            RollupMode::KeyResults => "key_results",
            RollupMode::Children => "children",
            RollupMode::Both => "both",
        }
    }
    /// Whether key results count.
    pub fn counts_key_results(self) -> bool {
        matches!(self, RollupMode::KeyResults | RollupMode::Both)
    }
    /// Whether child objectives count.
    pub fn counts_children(self) -> bool {
        matches!(self, RollupMode::Children | RollupMode::Both)
    }
}

/// How an objective's status is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatusRule {
    /// From its progress (the weighted mean of its inputs) against the expected pace (the
    /// default).
    #[default]
    WeightedMean,
    /// The worst status among the inputs that count in its progress (its key results and the
    /// objectives aligned under it, as its rollup mode says): risks surface instead of
    /// averaging away. Inputs not started or closed take no part; with none left, the
    /// status follows its progress. Progress itself is the weighted mean either way.
    Worst,
}

impl StatusRule {
    /// The snake_case name used in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusRule::WeightedMean => "weighted_mean",
            StatusRule::Worst => "worst",
        }
    }

    fn is_default(&self) -> bool {
        *self == StatusRule::WeightedMean
    }
}

/// The kind of an alignment link (child objective -> parent objective).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// The child counts in the parent's progress with the link's weight (the default).
    #[default]
    Contributes,
    /// The child supports the parent: shown in reports and pictures and traced by coverage,
    /// never counted in any figure (progress, confidence, staleness, ...).
    Supports,
}

impl LinkKind {
    /// The snake_case name used in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Contributes => "contributes",
            LinkKind::Supports => "supports",
        }
    }

    /// Whether the child counts in the parent's figures.
    pub fn counts(self) -> bool {
        self == LinkKind::Contributes
    }

    /// Whether this is the default kind (documents omit it).
    pub fn is_default(&self) -> bool {
        *self == LinkKind::Contributes
    }

    /// Reads a kind from its name.
    ///
    /// # Errors
    /// `InvalidValue` (field `kind`) for any other text.
    pub fn parse(text: &str) -> crate::Result<LinkKind> {
        match text {
            "contributes" => Ok(LinkKind::Contributes),
            "supports" => Ok(LinkKind::Supports),
            other => Err(crate::OkrError::InvalidValue {
                field: "kind".into(),
                reason: format!("{other:?} is not a link kind (contributes or supports)"),
            }),
        }
    }
}

/// An objective: a qualitative goal owned by someone in a cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Objective {
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
    /// Lifecycle state.
    #[serde(default)]
    pub state: ObjectiveState,
    /// Committed or aspirational.
    #[serde(default, rename = "type")]
    pub kind: ObjectiveType,
    /// Which children count in its progress.
    #[serde(default)]
    pub rollup: RollupMode,
    /// How its status is decided: `weighted_mean` (default) or `worst`.
    #[serde(default, skip_serializing_if = "StatusRule::is_default")]
    pub status_rule: StatusRule,
    /// An attainment set by hand, reported instead of the computed one (which stays
    /// available) and rolled up into its parents; `None`: computed.
    #[serde(default, rename = "override", skip_serializing_if = "Option::is_none")]
    pub r#override: Option<ManualOverride>,
    /// The check-in cadence of its key results, inherited by the objectives aligned below it
    /// unless they set their own (see [`analytics::cadence`](crate::analytics::cadence));
    /// `None`: inherited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence: Option<crate::cadence::Cadence>,
    /// Who may see it and everything under it: `public` (the default), `owner_line` or
    /// `private` (see [`Visibility`]).
    #[serde(default, skip_serializing_if = "Visibility::is_public")]
    pub visibility: Visibility,
    /// Who may see it besides those its visibility lets (owner or group ids); only with a
    /// visibility other than `public`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub viewers: Vec<String>,
    /// Data kept exactly for the embedding product: any JSON object, no key twice in one object.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Objective {
    /// An active, committed objective with rollup mode `both`.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        owner: impl Into<String>,
        cycle: impl Into<String>,
    ) -> Self {
        Objective {
            id: id.into(),
            title: title.into(),
            description: String::new(),
            owner: owner.into(),
            cycle: cycle.into(),
            state: ObjectiveState::Active,
            kind: ObjectiveType::Committed,
            rollup: RollupMode::Both,
            status_rule: StatusRule::WeightedMean,
            r#override: None,
            cadence: None,
            visibility: Visibility::Public,
            viewers: Vec::new(),
            extra: Extra::new(),
        }
    }
}

/// A key result: a measurable result that shows progress on an objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct KeyResult {
    /// Unique id.
    pub id: String,
    /// The statement.
    pub title: String,
    /// The objective it measures.
    pub objective: String,
    /// The owner; `None` means the objective's owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Weight in the objective's progress (default 1, finite, >= 0).
    #[serde(default = "measure::one")]
    pub weight: f64,
    /// Optional due date; bounds the expected pace.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::de_opt_date"
    )]
    pub due: Option<NaiveDate>,
    /// How it is measured.
    pub measure: Measure,
    /// The aggregate key result its value counts in (see [`Measure::Aggregate`]), as
    /// objectives name the objectives they align under; `None`: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<KeyResultParent>,
    /// The KPI it takes its values from: its check-ins are the KPI's values (it takes none of
    /// its own); its measure is numeric or threshold, in the KPI's unit. Set when it is
    /// created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kpi: Option<String>,
    /// How much its initiatives count in its progress (finite, `>= 0`): its figures become
    /// `(p + w q) / (1 + w)` with `q` the mean share done of its initiatives (see
    /// [`crate::initiative`]). `None` or 0: initiatives are excluded from progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiatives_weight: Option<f64>,
    /// Planned values at dates (numeric key results only): the expected value and pace follow
    /// them instead of the straight line from start to target. Empty: the linear pace.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan: Vec<PlanPoint>,
    /// An attainment set by hand, reported instead of the computed one (which stays
    /// available) and rolled up into its objective; `None`: computed.
    #[serde(default, rename = "override", skip_serializing_if = "Option::is_none")]
    pub r#override: Option<ManualOverride>,
    /// Data kept exactly for the embedding product: any JSON object, no key twice in one object.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl KeyResult {
    /// A key result with weight 1, no own owner and no due date.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        objective: impl Into<String>,
        measure: Measure,
    ) -> Self {
        KeyResult {
            id: id.into(),
            title: title.into(),
            objective: objective.into(),
            owner: None,
            weight: 1.0,
            due: None,
            measure,
            parent: None,
            kpi: None,
            initiatives_weight: None,
            plan: Vec::new(),
            r#override: None,
            extra: Extra::new(),
        }
    }

    /// Aligns it under the aggregate key result `parent`, with no conversion factor.
    pub fn with_parent(mut self, parent: impl Into<String>) -> Self {
        self.parent = Some(KeyResultParent::new(parent));
        self
    }

    /// Takes its values from KPI `kpi` (see [`kpi`](Self::kpi)).
    pub fn with_kpi(mut self, kpi: impl Into<String>) -> Self {
        self.kpi = Some(kpi.into());
        self
    }

    /// Whether check-ins are made on it: not for an aggregate (its value comes from the key
    /// results under it) nor for a key result that takes its values from a KPI (its check-ins
    /// are the KPI's values).
    pub fn takes_check_ins(&self) -> bool {
        !matches!(self.measure, Measure::Aggregate { .. }) && self.kpi.is_none()
    }

    /// The weight its initiatives count with in its figures: its `initiatives_weight` when
    /// above 0, else `None` (they are excluded from progress).
    pub fn initiatives_counted_weight(&self) -> Option<f64> {
        self.initiatives_weight.filter(|w| *w > 0.0)
    }

    /// Sets the weight.
    pub fn with_weight(mut self, weight: f64) -> Self {
        self.weight = weight;
        self
    }
}

/// The aggregate key result a key result's value counts in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KeyResultParent {
    /// The aggregate key result's id.
    pub id: String,
    /// A declared conversion: the value counts as `value * factor` in the parent's unit
    /// (finite, > 0). Needed when the units differ; not allowed under `count_done`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
}

impl KeyResultParent {
    /// Under `id`, with no conversion factor.
    pub fn new(id: impl Into<String>) -> Self {
        KeyResultParent {
            id: id.into(),
            factor: None,
        }
    }
}

/// An attainment set by hand on a key result or an objective (JSON `{"attainment": 0.8}`):
/// finite, in `[0, 1.5]`; progress is its clamp to `[0, 1]`. Who set it and why are the
/// revision's (`Revise::by`, `Revise::reason`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ManualOverride {
    /// The attainment (1.25 = 125%), in `[0, 1.5]`.
    pub attainment: f64,
}

impl ManualOverride {
    /// The largest attainment an override may set.
    pub const MAX: f64 = 1.5;

    /// An override to `attainment`.
    pub fn new(attainment: f64) -> Self {
        ManualOverride { attainment }
    }

    /// Checks the attainment: finite, in `[0, 1.5]`. `entity` names the node in the error
    /// (`key result "rev"`).
    ///
    /// # Errors
    /// `InvalidValue` with field `override of <entity>`.
    pub(crate) fn validate(&self, entity: impl FnOnce() -> String) -> Result<()> {
        let a = self.attainment;
        if a.is_finite() && (0.0..=Self::MAX).contains(&a) {
            return Ok(());
        }
        Err(OkrError::InvalidValue {
            field: format!("override of {}", entity()),
            reason: format!(
                "attainment {} must be a finite number in [0, 1.5]",
                number(a)
            ),
        })
    }
}

/// The period a key result's pace is measured over: its cycle's start to its due date (or
/// the cycle's end), the first day at most the last.
pub(crate) fn key_result_period(cycle: &Cycle, due: Option<NaiveDate>) -> (NaiveDate, NaiveDate) {
    let end = due.unwrap_or(cycle.end);
    (cycle.start.min(end), end)
}

/// Checks a weight: finite and `>= 0`.
pub(crate) fn check_weight(id: impl FnOnce() -> String, value: f64) -> Result<()> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(OkrError::InvalidWeight { id: id(), value })
    }
}

/// Checks an id: not empty, not only whitespace.
pub(crate) fn check_id(field: &str, id: &str) -> Result<()> {
    if id.trim().is_empty() {
        Err(OkrError::InvalidValue {
            field: field.to_string(),
            reason: "ids must not be empty".into(),
        })
    } else {
        Ok(())
    }
}
