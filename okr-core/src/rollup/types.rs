//! The public types of a rollup's results and configuration.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{OkrError, Result};

/// Thresholds for status and staleness.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RollupConfig {
    /// On track while `progress >= expected - on_track_margin` (default 0.10).
    pub on_track_margin: f64,
    /// At risk while `progress >= expected - at_risk_margin` (default 0.25); off track below.
    pub at_risk_margin: f64,
    /// A key result with no check-in for more than this many days is stale (default 14).
    pub stale_days: u32,
}

impl Default for RollupConfig {
    fn default() -> Self {
        RollupConfig {
            on_track_margin: 0.10,
            at_risk_margin: 0.25,
            stale_days: 14,
        }
    }
}

impl RollupConfig {
    /// The configuration of named settings over the defaults, checked: the one reader of the
    /// front ends' rollup options. Each setting is a name (`on_track_margin`, `at_risk_margin`,
    /// `stale_days`) and its value, `None` for a value given that is not a number.
    ///
    /// # Errors
    /// `InvalidConfig` naming the setting: an unknown name, a value that is not a number, a
    /// `stale_days` that is not a whole number of days >= 0, and what
    /// [`validate`](Self::validate) refuses.
    ///
    /// ```
    /// use okr_core::RollupConfig;
    /// let cfg = RollupConfig::from_settings([("stale_days", Some(7.0))])?;
    /// assert_eq!(cfg, RollupConfig { stale_days: 7, ..RollupConfig::default() });
    /// let bad = RollupConfig::from_settings([("stale_days", Some(-1.0))]).unwrap_err();
    /// assert_eq!(bad.code(), "invalid_config");
    /// # Ok::<(), okr_core::OkrError>(())
    /// ```
    pub fn from_settings<'a>(
        settings: impl IntoIterator<Item = (&'a str, Option<f64>)>,
    ) -> Result<RollupConfig> {
        let mut cfg = RollupConfig::default();
        for (name, value) in settings {
            let bad = |reason: String| OkrError::InvalidConfig {
                field: name.to_string(),
                reason,
            };
            let Some(value) = value else {
                return Err(bad("expected a number".into()));
            };
            match name {
                "on_track_margin" => cfg.on_track_margin = value,
                "at_risk_margin" => cfg.at_risk_margin = value,
                "stale_days" => {
                    if value.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&value) {
                        return Err(bad(format!(
                            "{} must be a whole number of days >= 0",
                            crate::format::number(value)
                        )));
                    }
                    cfg.stale_days = value as u32;
                }
                _ => {
                    return Err(bad(
                        "unknown setting (known: on_track_margin, at_risk_margin, stale_days)"
                            .into(),
                    ));
                }
            }
        }
        cfg.validate()?;
        Ok(cfg)
    }

    /// Checks the margins: finite, `0 <= on_track_margin <= at_risk_margin`.
    ///
    /// # Errors
    /// `InvalidConfig` naming the setting.
    pub fn validate(&self) -> Result<()> {
        let bad = |field: &str, reason: String| OkrError::InvalidConfig {
            field: field.to_string(),
            reason,
        };
        if !self.on_track_margin.is_finite() || self.on_track_margin < 0.0 {
            return Err(bad(
                "on_track_margin",
                format!(
                    "{} must be a finite number >= 0",
                    crate::format::number(self.on_track_margin)
                ),
            ));
        }
        if !self.at_risk_margin.is_finite() || self.at_risk_margin < self.on_track_margin {
            return Err(bad(
                "at_risk_margin",
                format!(
                    "{} must be finite and >= on_track_margin ({})",
                    crate::format::number(self.at_risk_margin),
                    crate::format::number(self.on_track_margin)
                ),
            ));
        }
        Ok(())
    }
}

/// Where a node stands against its expected pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Before its period.
    NotStarted,
    /// Progress within `on_track_margin` of the expected pace, or ahead.
    OnTrack,
    /// Behind by more than `on_track_margin`, at most `at_risk_margin`.
    AtRisk,
    /// Behind by more than `at_risk_margin`.
    OffTrack,
    /// After its period.
    Closed,
    /// Inside its period but progress is undefined.
    NoData,
}

impl Status {
    /// Every status, in the order of their [`code`](Self::code)s.
    pub const ALL: [Status; 6] = [
        Status::NotStarted,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::Closed,
        Status::NoData,
    ];

    /// The status as a small integer, its index in [`ALL`](Self::ALL): the one encoding of
    /// statuses in number columns (the bindings' typed arrays and pandas categoricals).
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// The status of a [`code`](Self::code), `None` for a code out of range.
    pub fn from_code(code: u8) -> Option<Status> {
        Self::ALL.get(usize::from(code)).copied()
    }

    /// The snake_case name (`"on_track"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
            Status::Closed => "closed",
            Status::NoData => "no_data",
        }
    }
}

/// Why an objective's (or key result's) progress is undefined, or, with progress defined, its
/// attainment ([`OutOfRange`](UndefinedReason::OutOfRange)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UndefinedReason {
    /// Nothing counts: no key results or children, or all of them excluded (draft, abandoned,
    /// or left out by the rollup mode).
    NoCountingChildren,
    /// Every counting child has undefined progress itself.
    NoChildProgress,
    /// The counting children's weights are all zero.
    AllWeightsZero,
    /// A threshold key result with no start value and no check-in yet.
    NoValue,
    /// Progress is defined but attainment is not: it is beyond the range of `f64` (about
    /// ±1.8e308), for a numeric key result whose value is more than about 1.8e308 times its
    /// range `target - start` away from the start, and for every objective in which such a key
    /// result (or objective) counts with a weight above 0.
    OutOfRange,
}

impl UndefinedReason {
    /// Every reason, in the order of their [`code`](Self::code)s.
    pub const ALL: [UndefinedReason; 5] = [
        UndefinedReason::NoCountingChildren,
        UndefinedReason::NoChildProgress,
        UndefinedReason::AllWeightsZero,
        UndefinedReason::NoValue,
        UndefinedReason::OutOfRange,
    ];

    /// The reason as a small integer, its index in [`ALL`](Self::ALL) (see [`Status::code`]).
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// The reason of a [`code`](Self::code), `None` for a code out of range.
    pub fn from_code(code: u8) -> Option<UndefinedReason> {
        Self::ALL.get(usize::from(code)).copied()
    }

    /// The snake_case name (`"all_weights_zero"`).
    pub fn as_str(self) -> &'static str {
        match self {
            UndefinedReason::NoCountingChildren => "no_counting_children",
            UndefinedReason::NoChildProgress => "no_child_progress",
            UndefinedReason::AllWeightsZero => "all_weights_zero",
            UndefinedReason::NoValue => "no_value",
            UndefinedReason::OutOfRange => "out_of_range",
        }
    }

    /// A sentence for reports.
    pub fn describe(self) -> &'static str {
        match self {
            UndefinedReason::NoCountingChildren => "nothing counts towards it",
            UndefinedReason::NoChildProgress => "none of its counting children has progress",
            UndefinedReason::AllWeightsZero => "all counting weights are zero",
            UndefinedReason::NoValue => "no value yet (no start value and no check-in)",
            UndefinedReason::OutOfRange => {
                "attainment beyond the range of numbers (about 1.8e308): progress only"
            }
        }
    }
}

/// Where a node's reported progress and attainment come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureSource {
    /// Computed from its measure and check-ins (key result) or its inputs (objective).
    #[default]
    Computed,
    /// Set by hand ([`ManualOverride`](crate::ManualOverride)); the computed figures are in
    /// [`NodeValues::computed_progress`] and [`NodeValues::computed_attainment`].
    Manual,
}

impl FigureSource {
    /// Both sources, in the order of their [`code`](Self::code)s.
    pub const ALL: [FigureSource; 2] = [FigureSource::Computed, FigureSource::Manual];

    /// The source as a small integer, its index in [`ALL`](Self::ALL) (see [`Status::code`]).
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// The source of a [`code`](Self::code), `None` for a code out of range.
    pub fn from_code(code: u8) -> Option<FigureSource> {
        Self::ALL.get(usize::from(code)).copied()
    }

    /// The snake_case name (`"manual"`).
    pub fn as_str(self) -> &'static str {
        match self {
            FigureSource::Computed => "computed",
            FigureSource::Manual => "manual",
        }
    }
}

/// Whether a result is about an objective or a key result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// An objective.
    Objective,
    /// A key result.
    KeyResult,
}

impl NodeKind {
    /// Both kinds, in the order of their [`code`](Self::code)s.
    pub const ALL: [NodeKind; 2] = [NodeKind::Objective, NodeKind::KeyResult];

    /// The kind as a small integer, its index in [`ALL`](Self::ALL): 0 objective, 1 key result
    /// (see [`Status::code`]).
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// The kind of a [`code`](Self::code), `None` for a code out of range.
    pub fn from_code(code: u8) -> Option<NodeKind> {
        Self::ALL.get(usize::from(code)).copied()
    }

    /// The snake_case name (`"key_result"`).
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Objective => "objective",
            NodeKind::KeyResult => "key_result",
        }
    }
}

/// The computed figures of one node.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NodeValues {
    /// Progress in `[0, 1]`, `None` when undefined (with a manual override: its clamp).
    pub progress: Option<f64>,
    /// Unclamped attainment (1.25 = 125%), `None` when undefined (with a manual override:
    /// the override).
    pub attainment: Option<f64>,
    /// `computed`, or `manual` when progress and attainment are a manual override.
    pub source: FigureSource,
    /// The progress computed from the measure (key result) or the inputs (objective), the
    /// same as `progress` unless `source` is `manual`.
    pub computed_progress: Option<f64>,
    /// The attainment computed, the same as `attainment` unless `source` is `manual`.
    pub computed_attainment: Option<f64>,
    /// Expected progress at the as-of date: from the key result's plan when it has one,
    /// else from the linear pace over the period.
    pub expected: f64,
    /// Key results with a plan: the value the plan expects at the as-of date (`expected` is
    /// its attainment, clamped to `[0, 1]`); `None` for the linear pace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_value: Option<f64>,
    /// Status against the expected pace.
    pub status: Status,
    /// Latest confidence (key result) or weighted mean of own key results' (objective).
    pub confidence: Option<f64>,
    /// No recent check-in (see module docs).
    pub stale: bool,
    /// Why progress is undefined; with progress defined, why attainment is
    /// ([`UndefinedReason::OutOfRange`]).
    pub undefined_reason: Option<UndefinedReason>,
    /// Key results: the current value (numeric and threshold), else `None`.
    pub value: Option<f64>,
    /// Key results: time of the check-in the value comes from.
    pub last_check_in: Option<DateTime<Utc>>,
    /// Something it depends on blocks it (see [`Rollup::blockers`](crate::Rollup::blockers)):
    /// off track, or not started after the dependency's `start_by` day. Never counted.
    pub blocked: bool,
}

/// One row of a rollup: a node's id, kind and figures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NodeResult<'a> {
    /// The objective's or key result's id.
    pub id: &'a str,
    /// Objective or key result.
    pub kind: NodeKind,
    /// The figures.
    #[serde(flatten)]
    pub values: NodeValues,
}

/// Every node's whole row as columns, one entry per node in [`Rollup::nodes`](crate::Rollup::nodes) order (see
/// [`Rollup::columns`](crate::Rollup::columns)): the id, the [`FigureColumns`] and the fields columns of figures leave
/// out. Undefined numbers are NaN.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct RollupColumns<'a> {
    /// The objective's or key result's id.
    pub ids: Vec<&'a str>,
    /// Kind, progress, attainment, expected, confidence, status, stale, source, the computed
    /// figures and the planned value.
    pub figures: FigureColumns,
    /// [`NodeValues::undefined_reason`].
    pub undefined_reason: Vec<Option<UndefinedReason>>,
    /// [`NodeValues::value`], NaN when none.
    pub value: Vec<f64>,
    /// [`NodeValues::last_check_in`].
    pub last_check_in: Vec<Option<DateTime<Utc>>>,
}

/// Every node's figures as columns, one entry per node in [`Rollup::nodes`](crate::Rollup::nodes) order (see
/// [`Rollup::figure_columns`](crate::Rollup::figure_columns)). Undefined numbers are NaN.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct FigureColumns {
    /// Objective or key result.
    pub kind: Vec<NodeKind>,
    /// [`NodeValues::progress`], NaN when undefined.
    pub progress: Vec<f64>,
    /// [`NodeValues::attainment`], NaN when undefined.
    pub attainment: Vec<f64>,
    /// [`NodeValues::expected`].
    pub expected: Vec<f64>,
    /// [`NodeValues::confidence`], NaN when none.
    pub confidence: Vec<f64>,
    /// [`NodeValues::status`].
    pub status: Vec<Status>,
    /// [`NodeValues::stale`].
    pub stale: Vec<bool>,
    /// [`NodeValues::source`].
    pub source: Vec<FigureSource>,
    /// [`NodeValues::computed_progress`], NaN when undefined.
    pub computed_progress: Vec<f64>,
    /// [`NodeValues::computed_attainment`], NaN when undefined.
    pub computed_attainment: Vec<f64>,
    /// [`NodeValues::planned_value`], NaN when none.
    pub planned_value: Vec<f64>,
    /// [`NodeValues::blocked`].
    pub blocked: Vec<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_indices_in_all() {
        for (i, s) in Status::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(s.code()), i);
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
        for (i, r) in UndefinedReason::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(r.code()), i);
            assert_eq!(UndefinedReason::from_code(r.code()), Some(r));
        }
        for (i, k) in NodeKind::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(k.code()), i);
            assert_eq!(NodeKind::from_code(k.code()), Some(k));
        }
        assert_eq!(Status::from_code(6), None);
        assert_eq!(UndefinedReason::from_code(5), None);
        assert_eq!(NodeKind::from_code(2), None);
        for (i, x) in FigureSource::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(x.code()), i);
            assert_eq!(FigureSource::from_code(x.code()), Some(x));
        }
        assert_eq!(FigureSource::from_code(2), None);
        // every variant is in ALL (a new one fails to compile in these matches)
        for s in Status::ALL {
            match s {
                Status::NotStarted
                | Status::OnTrack
                | Status::AtRisk
                | Status::OffTrack
                | Status::Closed
                | Status::NoData => {}
            }
        }
        assert_eq!(NodeKind::KeyResult.code(), 1);
    }

    #[test]
    fn settings_over_the_defaults() {
        let none: [(&str, Option<f64>); 0] = [];
        assert_eq!(
            RollupConfig::from_settings(none).unwrap(),
            RollupConfig::default()
        );
        let cfg = RollupConfig::from_settings([
            ("on_track_margin", Some(0.0)),
            ("at_risk_margin", Some(0.5)),
            ("stale_days", Some(30.0)),
        ])
        .unwrap();
        assert_eq!((cfg.on_track_margin, cfg.at_risk_margin), (0.0, 0.5));
        assert_eq!(cfg.stale_days, 30);
        for (name, value) in [
            ("stale_days", Some(-1.0)),
            ("stale_days", Some(1.5)),
            ("stale_days", Some(f64::NAN)),
            ("stale_days", Some(1e12)),
            ("stale_days", None),
            ("on_track_margin", Some(f64::NAN)),
            ("at_risk_margin", Some(0.01)),
            ("typo", Some(1.0)),
        ] {
            let e = RollupConfig::from_settings([(name, value)]).unwrap_err();
            assert_eq!(e.code(), "invalid_config", "{name} {value:?}");
        }
    }
}
