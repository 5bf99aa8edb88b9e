//! The serde shapes of a document (and its JSON Schema).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::Result;
use crate::model::{
    CheckIn, CheckInValue, Cycle, Extra, KeyResultParent, LinkKind, ManualOverride, Measure,
    ObjectiveState, ObjectiveType, Owner, PlanPoint, RollupMode, StatusRule,
};
use crate::time::{de_opt_date, de_ts, ser_ts};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

fn one() -> f64 {
    crate::defaults::WEIGHT
}

fn is_weighted_mean(r: &StatusRule) -> bool {
    *r == StatusRule::WeightedMean
}

/// A whole OKR document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Format version: 1 or 2 (2 adds `history`; okr writes 2).
    pub version: u32,
    /// People and organisational units.
    #[serde(default)]
    pub owners: Vec<Owner>,
    /// Time periods.
    #[serde(default)]
    pub cycles: Vec<Cycle>,
    /// Version 2: named groups of viewers, which objectives name among their `viewers` (see
    /// [`Group`](crate::model::Group)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<crate::model::Group>,
    /// Version 2: KPIs, health metrics apart from the objectives, each with its unit, health
    /// rule, monthly targets and values across cycles (see [`crate::kpi`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<crate::kpi::Kpi>,
    /// Objectives with their key results and check-ins: every objective and key result
    /// there ever was, with the fields it had at the beginning (or when `history` created
    /// it), and all its check-ins.
    #[serde(default)]
    pub objectives: Vec<DocObjective>,
    /// Version 2: every change after creation, in time order (see [`DocRevision`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<DocRevision>,
    /// Version 2: who may decide on proposals and acknowledge check-ins besides the owner's
    /// management line, and whether the proposer may decide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<crate::store::workflow::ReviewPolicy>,
    /// Version 2: proposed objectives, key results and changes, pending or decided, in time
    /// order (see [`DocProposal`](super::DocProposal)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<super::DocProposal>,
    /// Version 2: comments on objectives, key results and check-ins, in time order (see
    /// [`DocComment`](super::DocComment)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<super::DocComment>,
    /// Version 2: reviewers' acknowledgements of check-ins, in time order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledgements: Vec<crate::store::workflow::Acknowledgement>,
    /// Version 2: the cycles closed, in the order they were closed: frozen scores,
    /// reflections, decisions and what was carried where.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closed_cycles: Vec<crate::store::workflow::ClosedCycle>,
    /// Version 2: dependencies between objectives and key results ("`blocker` blocks
    /// `blocked`"), in the order added: current data, without revisions; never counted in
    /// any figure (see [`Dependency`](crate::Dependency)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<crate::Dependency>,
    /// Version 2: initiatives, work items under key results, in the order added: current
    /// data, their updates timed (see [`crate::initiative`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<crate::initiative::Initiative>,
    /// Data kept exactly for the embedding product: any JSON object, no key twice in one object.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// One change in a document's `history` (version 2): when it takes effect, who made it and
/// why, what it is about (exactly one of `objective`, `key_result`, `link`) and what it did
/// (exactly one of `set`, `created`, `removed`).
///
/// - `set`: the fields changed, with their new values, as in an update: an objective's
///   fields (`title`, `state`, `type`, ...), a key result's (`measure`, `weight`, `due`,
///   `owner`, `objective`, ...; `null` empties `owner` and `due`), a link's `weight` and
///   `kind` (`contributes` or `supports`).
/// - `created`: the objective or key result (listed in `objectives` with the fields it was
///   created with) does not exist before this time; a link is added (with `set.weight`,
///   default 1, and `set.kind`, default `contributes`). An objective's `parents` and nested key results come with it unless they
///   have their own `created`.
/// - `removed`: the objective (with its key results and links), key result or link is
///   removed from this time on; its id is never used again.
///
/// Revisions are in time order (equal times keep their order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocRevision {
    /// When the change takes effect: RFC 3339 with a zone, or a date (00:00 UTC that day).
    #[serde(serialize_with = "ser_ts", deserialize_with = "de_ts")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<Utc>,
    /// Who made it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The objective changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
    /// The key result changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_result: Option<String>,
    /// The link changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<DocLinkRef>,
    /// The fields changed and their new values (a JSON object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<Extra>,
    /// Created at this time.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub created: bool,
    /// Removed at this time.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
}

/// A link named in a revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocLinkRef {
    /// The child objective.
    pub child: String,
    /// The parent objective.
    pub parent: String,
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
    /// `contributes` (the default, omitted: counts in the parent's progress) or `supports`
    /// (shown and traced by coverage, never counted).
    #[serde(default, skip_serializing_if = "LinkKind::is_default")]
    pub kind: LinkKind,
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
    /// How its status is decided: `weighted_mean` (default: from its progress) or `worst`
    /// (the worst status among the inputs that count).
    #[serde(default, skip_serializing_if = "is_weighted_mean")]
    pub status_rule: StatusRule,
    /// The objectives this one contributes to, with weights.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<DocLink>,
    /// Its key results.
    #[serde(default)]
    pub key_results: Vec<DocKeyResult>,
    /// An attainment set by hand (`{"attainment": 0.8}`, in [0, 1.5]), reported instead of
    /// the computed one.
    #[serde(default, rename = "override", skip_serializing_if = "Option::is_none")]
    pub r#override: Option<ManualOverride>,
    /// The check-in cadence of its key results (`{"every": "week", "grace_days": 2}`,
    /// `{"every_days": 10}`, `{"every": "month"}`), inherited below it unless overridden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence: Option<crate::cadence::Cadence>,
    /// Version 2: who may see it and everything under it: `public` (the default),
    /// `owner_line` or `private`.
    #[serde(default, skip_serializing_if = "crate::model::Visibility::is_public")]
    pub visibility: crate::model::Visibility,
    /// Version 2: who may see it besides those its visibility lets (owner or group ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub viewers: Vec<String>,
    /// Data kept exactly for the embedding product: any JSON object, no key twice in one object.
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
    /// The aggregate key result its value counts in (`{"id": ..., "factor": ...}`; the
    /// factor converts its unit to the parent's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<KeyResultParent>,
    /// Version 2: the KPI whose values are its check-ins (its measure numeric or threshold,
    /// in the KPI's unit); it then has no `check_ins` of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kpi: Option<String>,
    /// Version 2: how much its initiatives count in its progress (`w >= 0`: its figures
    /// become `(p + w q) / (1 + w)` with `q` their mean share done); absent or 0: not at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiatives_weight: Option<f64>,
    /// Planned values at dates (numeric key results only; dates strictly increasing inside
    /// its period, values between start and target): the expected pace follows them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan: Vec<PlanPoint>,
    /// An attainment set by hand (`{"attainment": 0.8}`, in [0, 1.5]), reported instead of
    /// the computed one.
    #[serde(default, rename = "override", skip_serializing_if = "Option::is_none")]
    pub r#override: Option<ManualOverride>,
    /// Progress reports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check_ins: Vec<DocCheckIn>,
    /// Data kept exactly for the embedding product: any JSON object, no key twice in one object.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// A check-in in a document: exactly one of `value` (numeric, threshold), `done` (boolean) or
/// `milestones_done` (milestones), matching the key result's measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocCheckIn {
    /// RFC 3339 timestamp, or a date (`YYYY-MM-DD`, meaning midnight UTC), from
    /// 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z in UTC.
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
    /// Data kept exactly for the embedding product: any JSON object, no key twice in one object.
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
    Aggregate {
        function: crate::model::AggregateFunction,
        start: f64,
        target: f64,
        #[serde(default)]
        unit: String,
        #[serde(default)]
        direction: Option<crate::model::Direction>,
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
        DocMeasure::Aggregate {
            function,
            start,
            target,
            unit,
            direction,
        } => Measure::Aggregate {
            function,
            start,
            target,
            unit,
            direction,
        },
    })
}

impl DocObjective {
    /// The objective, as the model holds it (its links and key results aside).
    pub(crate) fn objective(&mut self) -> crate::model::Objective {
        crate::model::Objective {
            id: self.id.clone(),
            title: std::mem::take(&mut self.title),
            description: std::mem::take(&mut self.description),
            owner: std::mem::take(&mut self.owner),
            cycle: std::mem::take(&mut self.cycle),
            state: self.state,
            kind: self.kind,
            rollup: self.rollup,
            status_rule: self.status_rule,
            r#override: self.r#override,
            cadence: self.cadence,
            visibility: self.visibility,
            viewers: std::mem::take(&mut self.viewers),
            extra: std::mem::take(&mut self.extra),
        }
    }

    /// The document form of `o` with its `parents` and `key_results`.
    pub(crate) fn of(
        o: &crate::model::Objective,
        parents: Vec<DocLink>,
        key_results: Vec<DocKeyResult>,
    ) -> DocObjective {
        DocObjective {
            id: o.id.clone(),
            title: o.title.clone(),
            description: o.description.clone(),
            owner: o.owner.clone(),
            cycle: o.cycle.clone(),
            state: o.state,
            kind: o.kind,
            rollup: o.rollup,
            status_rule: o.status_rule,
            parents,
            key_results,
            r#override: o.r#override,
            cadence: o.cadence,
            visibility: o.visibility,
            viewers: o.viewers.clone(),
            extra: o.extra.clone(),
        }
    }
}

impl DocKeyResult {
    /// The key result of `objective`, as the model holds it, and its check-ins.
    pub(crate) fn into_parts(
        self,
        objective: String,
    ) -> (crate::model::KeyResult, Vec<DocCheckIn>) {
        let kr = crate::model::KeyResult {
            id: self.id,
            title: self.title,
            objective,
            owner: self.owner,
            weight: self.weight,
            due: self.due,
            measure: self.measure,
            parent: self.parent,
            kpi: self.kpi,
            initiatives_weight: self.initiatives_weight,
            plan: self.plan,
            r#override: self.r#override,
            extra: self.extra,
        };
        (kr, self.check_ins)
    }

    /// The document form of `k` with its `check_ins` (none when it takes its values from a
    /// KPI: loading makes them again from the KPI's values).
    pub(crate) fn of(k: &crate::model::KeyResult, check_ins: Vec<DocCheckIn>) -> DocKeyResult {
        let check_ins = if k.kpi.is_some() {
            Vec::new()
        } else {
            check_ins
        };
        DocKeyResult {
            id: k.id.clone(),
            title: k.title.clone(),
            owner: k.owner.clone(),
            weight: k.weight,
            due: k.due,
            measure: k.measure.clone(),
            parent: k.parent.clone(),
            kpi: k.kpi.clone(),
            initiatives_weight: k.initiatives_weight,
            plan: k.plan.clone(),
            r#override: k.r#override,
            check_ins,
            extra: k.extra.clone(),
        }
    }
}

impl Document {
    /// A document of this format's version with nothing in it.
    pub(crate) fn empty() -> Document {
        Document {
            version: super::FORMAT_VERSION,
            owners: Vec::new(),
            cycles: Vec::new(),
            groups: Vec::new(),
            kpis: Vec::new(),
            objectives: Vec::new(),
            history: Vec::new(),
            review: None,
            proposals: Vec::new(),
            comments: Vec::new(),
            acknowledgements: Vec::new(),
            closed_cycles: Vec::new(),
            dependencies: Vec::new(),
            initiatives: Vec::new(),
            extra: Extra::new(),
        }
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

    /// The check-in this document entry describes, moving its data (see
    /// [`to_check_in`](Self::to_check_in)).
    ///
    /// # Errors
    /// `InvalidCheckIn` unless exactly one of `value`, `done`, `milestones_done` is given.
    pub fn into_check_in(self, kr: &str) -> Result<CheckIn> {
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

    /// The `value`, `done` and `milestones_done` fields of a check-in value, exactly one of
    /// them `Some`: the one encoding of a value as fields, for documents and for the bindings'
    /// dicts, objects and columns ([`CheckInValue::from_parts`] reads it back).
    pub fn value_fields(v: &CheckInValue) -> (Option<f64>, Option<bool>, Option<&[String]>) {
        match v {
            CheckInValue::Value(v) => (Some(*v), None, None),
            CheckInValue::Done(d) => (None, Some(*d), None),
            CheckInValue::Milestones(m) => (None, None, Some(m)),
        }
    }

    /// The document entry of a check-in.
    pub fn from_check_in(c: &CheckIn) -> Self {
        let (value, done, milestones_done) = Self::value_fields(&c.value);
        DocCheckIn {
            at: c.at,
            value,
            done,
            milestones_done: milestones_done.map(<[String]>::to_vec),
            confidence: c.confidence,
            note: c.note.clone(),
            author: c.author.clone(),
            extra: c.extra.clone(),
        }
    }
}
