//! Key results made of key results: the rules of the `parent` of a key result (an aggregate
//! key result, see [`Measure::Aggregate`]). The store keeps no index of the key results under
//! an aggregate: they are found by a scan when an aggregate changes or is removed (rare), so a
//! revision undone on a past state needs nothing but the field.

use super::{Store, unknown};
use crate::error::{EntityKind, OkrError, Result};
use crate::format::number;
use crate::model::{AggregateFunction, KeyResult, KeyResultParent, Measure};

/// Whether key result `child` (measured by `measure`) may count in the aggregate `parent`
/// (measured by `parent_measure`) through `link`.
///
/// # Errors
/// `InvalidValue` (field `parent of key result "child"`) when the parent is not an
/// aggregate, the factor is not finite and above 0 or is given under `count_done`, or the
/// child has no value to take (boolean and milestone key results count only under
/// `count_done`); `UnitMismatch` when the units differ and no factor is declared.
pub(crate) fn check_under(
    child: &str,
    measure: &Measure,
    link: &KeyResultParent,
    parent_measure: &Measure,
) -> Result<()> {
    let bad = |reason: String| OkrError::InvalidValue {
        field: format!("parent of key result {child:?}"),
        reason,
    };
    let Measure::Aggregate {
        function,
        unit: parent_unit,
        ..
    } = parent_measure
    else {
        return Err(bad(format!(
            "{:?} is a {} key result: only aggregate key results take key results under them",
            link.id,
            parent_measure.kind_name()
        )));
    };
    if let Some(f) = link.factor
        && !(f.is_finite() && f > 0.0)
    {
        return Err(bad(format!(
            "factor {} must be a finite number above 0",
            number(f)
        )));
    }
    if *function == AggregateFunction::CountDone {
        if link.factor.is_some() {
            return Err(bad(format!(
                "{:?} counts the key results done: a conversion factor has nothing to convert",
                link.id
            )));
        }
        return Ok(());
    }
    let Some(unit) = measure.unit() else {
        return Err(bad(format!(
            "a {} key result has no value to {}: only count_done counts it",
            measure.kind_name(),
            function.as_str()
        )));
    };
    if unit != parent_unit && link.factor.is_none() {
        return Err(OkrError::UnitMismatch {
            id: child.to_string(),
            unit: unit.to_string(),
            other: link.id.clone(),
            other_unit: parent_unit.clone(),
        });
    }
    Ok(())
}

impl Store {
    /// The key results under the aggregate `id`, in store order.
    ///
    /// # Complexity
    /// O(K) for K key results.
    pub(crate) fn key_results_under(&self, id: &str) -> Vec<&KeyResult> {
        self.key_results
            .values()
            .map(|e| &e.data)
            .filter(|k| k.parent.as_ref().is_some_and(|p| p.id == id))
            .collect()
    }

    /// Checks the `parent` of `kr` (the new state of a key result): the parent exists, is an
    /// aggregate the key result may count in ([`check_under`]), and is not the key result
    /// itself or under it.
    ///
    /// # Errors
    /// `UnknownId`, `InvalidValue`, `UnitMismatch`, `Cycle` (the path from the key result up
    /// to itself).
    ///
    /// # Complexity
    /// O(D) for the D aggregates above the parent.
    pub(crate) fn check_parent(&self, kr: &KeyResult) -> Result<()> {
        let Some(link) = &kr.parent else {
            return Ok(());
        };
        let parent = if link.id == kr.id {
            &kr.measure
        } else {
            &self
                .key_results
                .get(&link.id)
                .ok_or_else(|| unknown(EntityKind::KeyResult, &link.id))?
                .data
                .measure
        };
        check_under(&kr.id, &kr.measure, link, parent)?;
        let mut path = vec![kr.id.clone()];
        let mut at = link.id.as_str();
        loop {
            path.push(at.to_string());
            if at == kr.id {
                return Err(OkrError::Cycle {
                    child: kr.id.clone(),
                    parent: link.id.clone(),
                    path,
                });
            }
            // the chain above the parent is acyclic (every link was checked): it ends
            match self
                .key_results
                .get(at)
                .and_then(|e| e.data.parent.as_ref())
            {
                Some(p) => at = &p.id,
                None => return Ok(()),
            }
        }
    }

    /// Checks the key results under `kr` (the new state of an aggregate, or of a key result
    /// that was one) against its new measure.
    ///
    /// # Errors
    /// `InvalidMeasure` when it is no longer an aggregate while key results are under it;
    /// what [`check_under`] refuses.
    ///
    /// # Complexity
    /// O(K).
    pub(crate) fn check_children(&self, kr: &KeyResult) -> Result<()> {
        for child in self.key_results_under(&kr.id) {
            if !matches!(kr.measure, Measure::Aggregate { .. }) {
                return Err(OkrError::InvalidMeasure {
                    id: kr.id.clone(),
                    reason: format!(
                        "key result {:?} is under it: only an aggregate takes key results under it",
                        child.id
                    ),
                });
            }
            let link = child.parent.as_ref().expect("under it");
            check_under(&child.id, &child.measure, link, &kr.measure)?;
        }
        Ok(())
    }

    /// `InUse` when a key result outside `removed` (ids about to be removed) is under one of
    /// them, or an initiative serves one of them.
    ///
    /// # Complexity
    /// O(K + I) for I initiatives.
    pub(crate) fn check_none_under(&self, removed: &[String]) -> Result<()> {
        let removed: std::collections::HashSet<&str> = removed.iter().map(String::as_str).collect();
        if let Some(i) =
            (self.initiatives.values()).find(|i| removed.contains(i.key_result.as_str()))
        {
            return Err(OkrError::InUse {
                kind: EntityKind::KeyResult,
                id: i.key_result.clone(),
                by_kind: EntityKind::Initiative,
                by: i.id.clone(),
            });
        }
        for e in self.key_results.values() {
            if let Some(p) = &e.data.parent
                && removed.contains(p.id.as_str())
                && !removed.contains(e.data.id.as_str())
            {
                return Err(OkrError::InUse {
                    kind: EntityKind::KeyResult,
                    id: p.id.clone(),
                    by_kind: EntityKind::KeyResult,
                    by: e.data.id.clone(),
                });
            }
        }
        Ok(())
    }

    /// Whether the key result takes part in an aggregate (it is one, or it is under one):
    /// the rollup layout then holds it as structure.
    pub(crate) fn aggregated(kr: &KeyResult) -> bool {
        kr.parent.is_some() || matches!(kr.measure, Measure::Aggregate { .. })
    }
}

impl Store {
    /// Gives the key results at store positions `links[i].0` the parents `links[i].1` (the
    /// document loader's way in: a parent may come later in a document than the key results
    /// under it), all of them or none: the error is the first link (its index in `links`) that
    /// names an unknown key result, breaks a rule of [`check_under`], or closes a cycle.
    ///
    /// # Complexity
    /// O(K + L) for K key results and L links: each link checked once, the chains walked once.
    pub(crate) fn set_parents(
        &mut self,
        links: Vec<(usize, KeyResultParent)>,
    ) -> std::result::Result<(), (usize, OkrError)> {
        for (i, (k, link)) in links.iter().enumerate() {
            let kr = &self.key_results[*k].data;
            let parent = if link.id == kr.id {
                &kr.measure
            } else {
                match self.key_results.get(&link.id) {
                    Some(p) => &p.data.measure,
                    None => return Err((i, unknown(EntityKind::KeyResult, &link.id))),
                }
            };
            check_under(&kr.id, &kr.measure, link, parent).map_err(|e| (i, e))?;
        }
        let old: Vec<Option<KeyResultParent>> = links
            .iter()
            .map(|(k, _)| self.key_results[*k].data.parent.clone())
            .collect();
        let set: Vec<usize> = links.iter().map(|(k, _)| *k).collect();
        for (k, link) in links {
            self.key_results[k].data.parent = Some(link);
        }
        if let Some(i) = self.first_on_a_cycle(&set) {
            let path = self.parent_path(set[i]);
            let kr = &self.key_results[set[i]].data;
            let e = OkrError::Cycle {
                child: kr.id.clone(),
                parent: kr.parent.as_ref().expect("set").id.clone(),
                path,
            };
            for (k, p) in set.into_iter().zip(old) {
                self.key_results[k].data.parent = p;
            }
            return Err((i, e));
        }
        self.structure_changed();
        Ok(())
    }

    /// The index in `set` (store positions) of the first key result whose parent chain comes
    /// back to itself, if any.
    fn first_on_a_cycle(&self, set: &[usize]) -> Option<usize> {
        // 0: not seen, 1: on the chain being walked, 2: its chain ends
        let mut state = vec![0u8; self.key_results.len()];
        let mut on_cycle = vec![false; self.key_results.len()];
        let parent = |k: usize| -> Option<usize> {
            let p = self.key_results[k].data.parent.as_ref()?;
            self.key_results.get_index_of(&p.id)
        };
        let mut chain = Vec::new();
        for &start in set {
            let mut k = start;
            while state[k] == 0 {
                state[k] = 1;
                chain.push(k);
                match parent(k) {
                    Some(p) => k = p,
                    None => break,
                }
            }
            if state[k] == 1
                && chain.contains(&k)
                && parent(*chain.last().expect("walked")) == Some(k)
            {
                // the chain came back to `k`: everything from it on is the cycle
                let from = chain.iter().position(|&x| x == k).expect("on the chain");
                for &x in &chain[from..] {
                    on_cycle[x] = true;
                }
            }
            for x in chain.drain(..) {
                state[x] = 2;
            }
        }
        set.iter().position(|&k| on_cycle[k])
    }

    /// The ids from the key result at store position `k` up its parents until one repeats
    /// (the cycle it is on, closed by the repeat).
    fn parent_path(&self, k: usize) -> Vec<String> {
        let first = self.key_results[k].data.id.clone();
        let mut path = vec![first.clone()];
        let mut at = k;
        for _ in 0..self.key_results.len() {
            let Some(p) = &self.key_results[at].data.parent else {
                break;
            };
            path.push(p.id.clone());
            if p.id == first {
                break;
            }
            match self.key_results.get_index_of(&p.id) {
                Some(i) => at = i,
                None => break,
            }
        }
        path
    }
}
