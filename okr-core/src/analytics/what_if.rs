//! What-if questions: hypothetical check-ins written as text (`KR=VALUE`), and the comparison
//! of the rollup with and without them ([`OkrGraph::what_if_diff`]). The rollup with them is
//! [`OkrGraph::what_if`].

use super::diff::RollupDiff;
use crate::error::{OkrError, Result};
use crate::graph::OkrGraph;
use crate::model::CheckInValue;
use crate::rollup::RollupConfig;
use crate::time::AsOf;

/// Parses one hypothetical check-in written `KR=VALUE`, as `okr what-if --set` takes it.
///
/// VALUE is a number (numeric and threshold key results), `done` or `not-done` (boolean key
/// results), or `milestones:NAME,NAME` (the milestones done; empty names are skipped). Spaces
/// around KR, VALUE and each name are ignored. Whether the value fits the key result's measure
/// (and whether the key result exists) is checked when the check-in is applied, by
/// [`OkrGraph::what_if`] and [`OkrGraph::what_if_diff`].
///
/// `field` names the option or argument in errors (`"--set"`).
///
/// # Errors
/// `InvalidValue` naming `field` when there is no `=`, or VALUE is none of the above.
///
/// # Examples
/// ```
/// use okr_core::CheckInValue;
/// use okr_core::analytics::parse_what_if;
///
/// let (kr, value) = parse_what_if("revenue = 3.5e6", "--set").unwrap();
/// assert_eq!((kr.as_str(), value), ("revenue", CheckInValue::Value(3.5e6)));
/// assert_eq!(
///     parse_what_if("office=milestones:lease, fitted", "--set").unwrap().1,
///     CheckInValue::Milestones(vec!["lease".into(), "fitted".into()])
/// );
/// assert!(parse_what_if("revenue", "--set").is_err());
/// ```
///
/// # Complexity
/// O(length of `spec`).
pub fn parse_what_if(spec: &str, field: &str) -> Result<(String, CheckInValue)> {
    let bad = |reason: String| OkrError::InvalidValue {
        field: field.into(),
        reason,
    };
    let (kr, v) = spec
        .split_once('=')
        .ok_or_else(|| bad(format!("{spec:?} is not KR=VALUE")))?;
    let value = match v.trim() {
        "done" => CheckInValue::Done(true),
        "not-done" => CheckInValue::Done(false),
        v => match v.strip_prefix("milestones:") {
            Some(list) => CheckInValue::Milestones(
                list.split(',')
                    .map(str::trim)
                    .filter(|m| !m.is_empty())
                    .map(String::from)
                    .collect(),
            ),
            None => CheckInValue::Value(v.parse().map_err(|_| {
                bad(format!(
                    "{v:?} for {kr} is not a number, done, not-done or milestones:NAME,..."
                ))
            })?),
        },
    };
    Ok((kr.trim().to_string(), value))
}

impl OkrGraph {
    /// What the hypothetical check-ins `values` would change at `as_of`: the nodes whose
    /// progress or status differs between the rollup and [`what_if`](OkrGraph::what_if)'s,
    /// both on the model as it stood at `as_of` ([`at`](OkrGraph::at)). The graph is not
    /// changed.
    ///
    /// # Errors
    /// `InvalidConfig` for a bad `config`, then whatever [`OkrGraph::what_if`] reports (an
    /// unknown key result, a value of the wrong kind, ...).
    ///
    /// # Complexity
    /// Two full rollups and a copy of the graph, then O(nodes); at a past time, plus building
    /// that state the first time: see [`OkrGraph::at`].
    pub fn what_if_diff(
        &self,
        as_of: impl Into<AsOf>,
        values: &[(String, CheckInValue)],
        config: &RollupConfig,
    ) -> Result<RollupDiff> {
        let as_of = as_of.into();
        let g = self.at(as_of);
        let before = g.rollup_with(as_of, config)?;
        let after = g.what_if(as_of, values, config)?;
        Ok(RollupDiff::new(&before, &after))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind_of_value() {
        let p = |s: &str| parse_what_if(s, "--set");
        assert_eq!(
            p(" a =done").unwrap(),
            ("a".into(), CheckInValue::Done(true))
        );
        assert_eq!(p("a=not-done").unwrap().1, CheckInValue::Done(false));
        assert_eq!(
            p("a=milestones:,,").unwrap().1,
            CheckInValue::Milestones(vec![])
        );
        assert_eq!(p("a=b=1").unwrap_err().code(), "invalid_value");
        let e = p("a=x").unwrap_err().to_string();
        assert_eq!(
            e,
            "invalid value for --set: \"x\" for a is not a number, done, not-done or milestones:NAME,..."
        );
        assert_eq!(
            p("a").unwrap_err().to_string(),
            "invalid value for --set: \"a\" is not KR=VALUE"
        );
    }

    #[test]
    fn what_if_diff_lists_the_changed_nodes() {
        let g = crate::document::load_str(include_str!("../../../examples/acme.okr.json")).unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap();
        let cfg = RollupConfig::default();
        let values = vec![parse_what_if("annual-revenue=3600000", "--set").unwrap()];
        let d = g.what_if_diff(day, &values, &cfg).unwrap();
        let before = g.rollup(day);
        assert_eq!(
            d,
            RollupDiff::new(&before, &g.what_if(day, &values, &cfg).unwrap())
        );
        let kr = d.get("annual-revenue").unwrap();
        assert_eq!(kr.progress_after, Some(1.0));
        assert_eq!(kr.delta(), Some(1.0 - 0.7375));
        assert!(kr.status_changed());
        assert!(
            d.get("clinic-accounts").is_none(),
            "unchanged nodes are left out"
        );
        assert!(RollupDiff::new(&before, &before).is_empty());
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(
            json.as_array().unwrap().len(),
            d.changes.len(),
            "a bare list"
        );
        assert_eq!(json[0]["id"], d.changes[0].id);
        let back: RollupDiff = serde_json::from_value(json).unwrap();
        assert_eq!(back, d);
        let unknown = vec![parse_what_if("nope=1", "--set").unwrap()];
        assert_eq!(
            g.what_if_diff(day, &unknown, &cfg).unwrap_err().code(),
            "unknown_id"
        );
    }

    /// The input and answer the front ends' tests share (`okr what-if`, Python's
    /// `what_if_diff`, JavaScript's `whatIfDiff` on the example company).
    #[test]
    fn what_if_diff_of_the_example_the_front_ends_check() {
        use crate::rollup::{NodeKind, Status};
        let g = crate::document::load_str(include_str!("../../../examples/acme.okr.json")).unwrap();
        let values = ["annual-revenue=3600000", "referral-live=not-done"]
            .map(|s| parse_what_if(s, "--set").unwrap());
        let as_of = AsOf::parse("2026-11-15").unwrap();
        let d = g
            .what_if_diff(as_of, &values, &RollupConfig::default())
            .unwrap();
        let ids: Vec<&str> = d.changes.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "new-customers-q4",
                "customer-base",
                "sales-growth",
                "leading-provider",
                "annual-revenue",
                "referral-live"
            ]
        );
        let kr = d.get("annual-revenue").unwrap();
        assert_eq!(kr.kind, NodeKind::KeyResult);
        assert_eq!(
            (kr.progress_before, kr.progress_after),
            (Some(0.7375), Some(1.0))
        );
        assert_eq!(
            (kr.status_before, kr.status_after),
            (Status::AtRisk, Status::OnTrack)
        );
        let live = d.get("referral-live").unwrap();
        assert_eq!(
            (live.progress_before, live.progress_after),
            (Some(1.0), Some(0.0))
        );
        assert_eq!(
            (live.status_before, live.status_after),
            (Status::OnTrack, Status::OffTrack)
        );
        let json = serde_json::to_value(&d).unwrap();
        let keys: std::collections::BTreeSet<&str> = json[0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let want = [
            "id",
            "kind",
            "progress_before",
            "progress_after",
            "status_before",
            "status_after",
        ];
        assert_eq!(
            keys,
            want.into_iter().collect(),
            "the shape every front end returns"
        );
    }
}
