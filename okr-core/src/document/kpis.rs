//! A document's `kpis` (version 2), added through the store's API before the objectives, so
//! that key results taking their values from a KPI find it.

use std::collections::HashMap;

use super::DocProblem;
use super::types::DocObjective;
use crate::error::{EntityKind, OkrError};
use crate::kpi::Kpi;
use crate::store::Store;

/// Adds the KPIs in document order, each problem at its path (`kpis[1].targets[0].month`);
/// then refuses the check-ins written under a key result that takes its values from a KPI
/// (its check-ins are the KPI's values), dropping them. Returns the place (`kpis[i]`) of
/// each KPI added, by id.
///
/// # Complexity
/// O(N (T + V log V)) for N KPIs with T targets and V values, plus one look at each key
/// result.
pub(super) fn build(
    g: &mut Store,
    kpis: Vec<Kpi>,
    objectives: &mut [DocObjective],
    stop_early: bool,
    problems: &mut Vec<DocProblem>,
) -> HashMap<String, usize> {
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, kpi) in kpis.into_iter().enumerate() {
        let (path, e) = match kpi.problem() {
            Some((path, reason)) => (
                format!("kpis[{i}].{path}"),
                crate::kpi::invalid(&kpi.id, &path, reason),
            ),
            None => {
                let id = kpi.id.clone();
                match g.add_kpi(kpi) {
                    Ok(()) => {
                        first.insert(id, i);
                        continue;
                    }
                    Err(e) => {
                        let field = match &e {
                            OkrError::UnknownId {
                                kind: EntityKind::Owner,
                                ..
                            } => "owner",
                            _ => "id",
                        };
                        let e = match (&e, first.get(&id)) {
                            (OkrError::DuplicateId { .. }, Some(f)) => OkrError::Document {
                                path: String::new(),
                                message: format!(
                                    "duplicate KPI id {id:?}: already the id of the KPI at kpis[{f}]"
                                ),
                            },
                            _ => e,
                        };
                        (format!("kpis[{i}].{field}"), e)
                    }
                }
            }
        };
        let (code, message) = match e {
            OkrError::Document { message, .. } => ("duplicate_id", message),
            e => (e.code(), e.to_string()),
        };
        problems.push(DocProblem {
            path,
            code,
            message,
        });
        if stop_early {
            return first;
        }
    }
    for (i, o) in objectives.iter_mut().enumerate() {
        for (j, k) in o.key_results.iter_mut().enumerate() {
            if let Some(kpi) = &k.kpi
                && !k.check_ins.is_empty()
            {
                let e = OkrError::InvalidCheckIn {
                    id: k.id.clone(),
                    reason: format!(
                        "it takes its values from KPI {kpi:?}: its check-ins are the KPI's values"
                    ),
                };
                problems.push(DocProblem {
                    path: format!("objectives[{i}].key_results[{j}].check_ins[0]"),
                    code: e.code(),
                    message: e.to_string(),
                });
                k.check_ins.clear();
                if stop_early {
                    return first;
                }
            }
        }
    }
    first
}
