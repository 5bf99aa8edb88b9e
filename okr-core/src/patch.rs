//! Partial updates: [`ObjectivePatch`] and [`KeyResultPatch`], the fields of an objective or a
//! key result to change. A field not given stays as it is. Every front end's update
//! (`Graph.update_objective(id, **fields)` in Python, `Graph.updateObjective(id, fields)` in
//! JavaScript) reads its fields with [`ObjectivePatch::from_json`] /
//! [`KeyResultPatch::from_json`] and applies them with [`OkrGraph::patch_objective`] /
//! [`OkrGraph::patch_key_result`], so "what is not given stays" is one rule.
//!
//! In JSON, a field absent or `null` is not given, except for the fields that may be empty (a
//! key result's `owner` and `due`, `override`, and an objective's `cadence`), where `null` empties the field (an
//! override cleared: computed again). A key result's `plan` is replaced as a whole; `[]`
//! removes it. An unknown field is an error.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

use crate::cadence::Cadence;
use crate::error::{OkrError, Result};
use crate::model::{
    Extra, KeyResult, KeyResultParent, ManualOverride, Measure, Objective, ObjectiveState,
    ObjectiveType, PlanPoint, RollupMode, StatusRule,
};

/// The fields of an objective to change ([`OkrGraph::patch_objective`](crate::OkrGraph::patch_objective)); `None` keeps a
/// field. The id, the links and the key results are not fields of a patch.
///
/// ```
/// use okr_core::{ObjectivePatch, ObjectiveState};
/// let p = ObjectivePatch::from_json(r#"{"title": "Grow", "state": "closed"}"#)?;
/// assert_eq!(p, ObjectivePatch {
///     title: Some("Grow".into()),
///     state: Some(ObjectiveState::Closed),
///     ..ObjectivePatch::default()
/// });
/// assert_eq!(ObjectivePatch::from_json(r#"{"bogus": 1}"#).unwrap_err().code(), "invalid_value");
/// # Ok::<(), okr_core::OkrError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectivePatch {
    /// The goal statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The longer description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The owner's id (the owner must exist).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The cycle's id (the cycle must exist).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cycle: Option<String>,
    /// The lifecycle state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<ObjectiveState>,
    /// Committed or aspirational (`type` in JSON).
    #[serde(skip_serializing_if = "Option::is_none", rename = "type")]
    pub kind: Option<ObjectiveType>,
    /// Which children count in its progress.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rollup: Option<RollupMode>,
    /// How its status is decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_rule: Option<StatusRule>,
    /// An attainment set by hand; `Some(None)` (JSON `null`): computed again.
    #[serde(
        default,
        rename = "override",
        deserialize_with = "nullable_override",
        skip_serializing_if = "Option::is_none"
    )]
    pub r#override: Option<Option<ManualOverride>>,
    /// Its check-in cadence; `Some(None)` (JSON `null`): none, inherited again.
    #[serde(
        default,
        deserialize_with = "nullable_cadence",
        skip_serializing_if = "Option::is_none"
    )]
    pub cadence: Option<Option<Cadence>>,
    /// Who may see it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<crate::model::Visibility>,
    /// Who may see it besides those its visibility lets, replaced as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub viewers: Option<Vec<String>>,
    /// The embedding product's data, replaced as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<Extra>,
}

impl ObjectivePatch {
    /// Reads a patch given as a JSON object (the document's field names).
    ///
    /// # Errors
    /// `InvalidValue` (field `objective`) for an unknown field or a value of the wrong type.
    pub fn from_json(text: &str) -> Result<Self> {
        read("objective", text)
    }

    /// Every field of `o` (a whole replacement).
    pub fn whole(o: Objective) -> Self {
        ObjectivePatch {
            title: Some(o.title),
            description: Some(o.description),
            owner: Some(o.owner),
            cycle: Some(o.cycle),
            state: Some(o.state),
            kind: Some(o.kind),
            rollup: Some(o.rollup),
            status_rule: Some(o.status_rule),
            r#override: Some(o.r#override),
            cadence: Some(o.cadence),
            visibility: Some(o.visibility),
            viewers: Some(o.viewers),
            extra: Some(o.extra),
        }
    }

    /// Writes the fields given into `o`.
    pub fn apply(self, o: &mut Objective) {
        set(&mut o.title, self.title);
        set(&mut o.description, self.description);
        set(&mut o.owner, self.owner);
        set(&mut o.cycle, self.cycle);
        set(&mut o.state, self.state);
        set(&mut o.kind, self.kind);
        set(&mut o.rollup, self.rollup);
        set(&mut o.status_rule, self.status_rule);
        set(&mut o.r#override, self.r#override);
        set(&mut o.cadence, self.cadence);
        set(&mut o.visibility, self.visibility);
        set(&mut o.viewers, self.viewers);
        set(&mut o.extra, self.extra);
    }
}

/// The fields of a key result to change ([`OkrGraph::patch_key_result`](crate::OkrGraph::patch_key_result)); `None` keeps a
/// field. `owner` and `due` may be emptied: `Some(None)` (JSON `null`) empties them. The id
/// and the check-ins are not fields of a patch.
///
/// ```
/// use okr_core::KeyResultPatch;
/// let p = KeyResultPatch::from_json(r#"{"weight": 2, "owner": null}"#)?;
/// assert_eq!(p, KeyResultPatch {
///     weight: Some(2.0),
///     owner: Some(None),
///     ..KeyResultPatch::default()
/// });
/// assert_eq!(KeyResultPatch::from_json(r#"{"due": null}"#)?.due, Some(None));
/// assert_eq!(KeyResultPatch::from_json("{}")?, KeyResultPatch::default());
/// # Ok::<(), okr_core::OkrError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyResultPatch {
    /// The statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The objective it measures (it may move to another).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
    /// How it is measured (its check-ins must fit the new measure).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
    /// Its weight in the objective's progress (finite, `>= 0`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// The aggregate key result its value counts in; `Some(None)` (JSON `null`): none.
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "nullable_parent"
    )]
    pub parent: Option<Option<KeyResultParent>>,
    /// Its own owner; `Some(None)`: none (the objective's owner).
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "nullable"
    )]
    pub owner: Option<Option<String>>,
    /// Its due date; `Some(None)`: none.
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "nullable_date"
    )]
    pub due: Option<Option<NaiveDate>>,
    /// How much its initiatives count in its progress; `Some(None)` (JSON `null`): not at all.
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "nullable_f64"
    )]
    pub initiatives_weight: Option<Option<f64>>,
    /// Its planned values, replaced as a whole; `Some(vec![])` (JSON `[]`): none, the linear
    /// pace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<Vec<PlanPoint>>,
    /// An attainment set by hand; `Some(None)` (JSON `null`): computed again.
    #[serde(
        default,
        rename = "override",
        deserialize_with = "nullable_override",
        skip_serializing_if = "Option::is_none"
    )]
    pub r#override: Option<Option<ManualOverride>>,
    /// The embedding product's data, replaced as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<Extra>,
}

impl KeyResultPatch {
    /// Reads a patch given as a JSON object (the document's field names; `due` as
    /// `YYYY-MM-DD`).
    ///
    /// # Errors
    /// `InvalidValue` (field `key_result`) for an unknown field or a value of the wrong type.
    pub fn from_json(text: &str) -> Result<Self> {
        read("key_result", text)
    }

    /// Every field of `k` (a whole replacement; the id aside).
    pub fn whole(k: KeyResult) -> Self {
        KeyResultPatch {
            title: Some(k.title),
            objective: Some(k.objective),
            measure: Some(k.measure),
            weight: Some(k.weight),
            parent: Some(k.parent),
            owner: Some(k.owner),
            due: Some(k.due),
            initiatives_weight: Some(k.initiatives_weight),
            plan: Some(k.plan),
            r#override: Some(k.r#override),
            extra: Some(k.extra),
        }
    }

    /// Writes the fields given into `k`.
    pub fn apply(self, k: &mut KeyResult) {
        set(&mut k.title, self.title);
        set(&mut k.objective, self.objective);
        set(&mut k.measure, self.measure);
        set(&mut k.weight, self.weight);
        set(&mut k.parent, self.parent);
        set(&mut k.owner, self.owner);
        set(&mut k.due, self.due);
        set(&mut k.initiatives_weight, self.initiatives_weight);
        set(&mut k.plan, self.plan);
        set(&mut k.r#override, self.r#override);
        set(&mut k.extra, self.extra);
    }
}

fn set<T>(field: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *field = v;
    }
}

fn read<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| OkrError::InvalidValue {
        field: what.to_string(),
        reason: e.to_string(),
    })
}

/// A field that may be emptied: present (even `null`) is `Some`.
fn nullable<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// [`nullable`] for a number.
fn nullable_f64<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Option<f64>>, D::Error> {
    Option::<f64>::deserialize(d).map(Some)
}

/// [`nullable`] for an override.
fn nullable_override<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Option<ManualOverride>>, D::Error> {
    Option::<ManualOverride>::deserialize(d).map(Some)
}

/// [`nullable`] for a key result's parent.
fn nullable_parent<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Option<KeyResultParent>>, D::Error> {
    Option::<KeyResultParent>::deserialize(d).map(Some)
}

/// [`nullable`] for a cadence.
fn nullable_cadence<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Option<Cadence>>, D::Error> {
    Option::<Cadence>::deserialize(d).map(Some)
}

/// [`nullable`] for a `YYYY-MM-DD` date.
fn nullable_date<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Option<NaiveDate>>, D::Error> {
    crate::time::de_opt_date(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::OkrGraph;
    use crate::model::{CheckIn, Cycle, Owner};
    use chrono::{TimeZone, Utc};

    fn graph() -> OkrGraph {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let mut g = OkrGraph::new();
        g.add_owner(Owner::new("acme", "Acme", "organisation"))
            .unwrap();
        g.add_owner(Owner::new("ann", "Ann", "person")).unwrap();
        g.add_cycle(Cycle::new("q4", d(10, 1), d(12, 31))).unwrap();
        let mut o = Objective::new("grow", "Grow", "acme", "q4");
        o.description = "More of it".into();
        g.add_objective(o).unwrap();
        g.add_objective(Objective::new("other", "Other", "acme", "q4"))
            .unwrap();
        let mut kr = KeyResult::new("rev", "Revenue", "grow", Measure::numeric(0.0, 10.0));
        kr.owner = Some("ann".into());
        kr.due = Some(d(12, 1));
        g.add_key_result(kr).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        g.check_in("rev", CheckIn::value(at, 4.0)).unwrap();
        // changes after creation take their time from the clock
        g.set_clock(Some(crate::Revise::on(d(10, 15))));
        g
    }

    #[test]
    fn a_field_not_given_stays() {
        let mut g = graph();
        let before = g.objective("grow").unwrap().clone();
        let p = ObjectivePatch::from_json(
            r#"{"title": "Grow more", "type": "aspirational", "rollup": null}"#,
        )
        .unwrap();
        g.patch_objective("grow", p).unwrap();
        let after = g.objective("grow").unwrap();
        assert_eq!(after.title, "Grow more");
        assert_eq!(after.kind, ObjectiveType::Aspirational);
        assert_eq!(
            Objective {
                title: before.title.clone(),
                kind: before.kind,
                ..after.clone()
            },
            before,
            "everything else stays"
        );
    }

    #[test]
    fn unknown_fields_and_wrong_types_are_invalid_values() {
        for text in [
            r#"{"id": "x"}"#,
            r#"{"bogus": 1}"#,
            r#"{"state": "done"}"#,
            "[]",
        ] {
            let e = ObjectivePatch::from_json(text).unwrap_err();
            assert_eq!(e.code(), "invalid_value", "{text}");
            assert!(e.to_string().contains("objective"), "{e}");
        }
        for text in [
            r#"{"check_ins": []}"#,
            r#"{"due": "2026-12-01T10:00:00Z"}"#,
            r#"{"weight": "1"}"#,
        ] {
            let e = KeyResultPatch::from_json(text).unwrap_err();
            assert_eq!(e.code(), "invalid_value", "{text}");
        }
    }

    #[test]
    fn a_bad_patch_changes_nothing() {
        let mut g = graph();
        let stamp = g.structure_stamp();
        let json = g.to_json();
        let p = ObjectivePatch {
            title: Some("x".into()),
            owner: Some("ghost".into()),
            ..Default::default()
        };
        assert_eq!(
            g.patch_objective("grow", p).unwrap_err().code(),
            "unknown_id"
        );
        let p = ObjectivePatch::default();
        assert_eq!(
            g.patch_objective("nope", p).unwrap_err().code(),
            "unknown_id"
        );
        let p = KeyResultPatch {
            title: Some("x".into()),
            weight: Some(f64::NAN),
            ..Default::default()
        };
        assert_eq!(
            g.patch_key_result("rev", p).unwrap_err().code(),
            "invalid_weight"
        );
        let p = KeyResultPatch {
            measure: Some(Measure::Boolean),
            ..Default::default()
        };
        assert_eq!(
            g.patch_key_result("rev", p).unwrap_err().code(),
            "invalid_check_in"
        );
        assert_eq!(g.to_json(), json);
        assert_eq!(g.structure_stamp(), stamp);
        g.patch_objective("grow", ObjectivePatch::default())
            .unwrap();
        let p = ObjectivePatch::from_json(r#"{"title": "Grow"}"#).unwrap();
        g.patch_objective("grow", p).unwrap();
        assert_eq!(g.structure_stamp(), stamp, "no change, no new stamp");
    }

    #[test]
    fn key_result_fields_given_change_and_null_empties_owner_and_due() {
        let mut g = graph();
        let p = KeyResultPatch::from_json(r#"{"owner": null, "weight": 2, "objective": "other"}"#)
            .unwrap();
        g.patch_key_result("rev", p).unwrap();
        let k = g.key_result("rev").unwrap();
        assert_eq!((k.owner.as_deref(), k.weight), (None, 2.0));
        assert_eq!(k.objective, "other");
        assert_eq!(k.due, NaiveDate::from_ymd_opt(2026, 12, 1), "due stays");
        assert_eq!(g.key_results_of("other").len(), 1);
        assert_eq!(g.check_ins("rev").len(), 1, "check-ins stay");
        let p = KeyResultPatch::from_json(r#"{"due": null, "owner": "ann"}"#).unwrap();
        g.patch_key_result("rev", p).unwrap();
        let k = g.key_result("rev").unwrap();
        assert_eq!((k.owner.as_deref(), k.due), (Some("ann"), None));
        let p = KeyResultPatch::from_json(r#"{"due": "2026-12-20"}"#).unwrap();
        g.patch_key_result("rev", p).unwrap();
        assert_eq!(
            g.key_result("rev").unwrap().due,
            NaiveDate::from_ymd_opt(2026, 12, 20)
        );
    }
}
