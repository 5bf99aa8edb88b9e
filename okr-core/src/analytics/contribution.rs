//! Contribution and impact: how much each key result makes of an objective's progress, which
//! key results would move it most, and what-if rollups.
//!
//! # Formulas
//! An objective's progress is the weighted mean of its counting inputs with defined progress
//! (see the README's rollup semantics): `p(o) = Σ w_i p_i / Σ w_i`. Unrolling the means, the
//! progress of objective `T` is a weighted sum of key result progress,
//! `p(T) = Σ_k s_k p(k)`, where the **share** `s_k` is the sum over every alignment path from
//! `T` down to `k` of the product of the normalised weights `w_i / Σ w_j` along the path.
//! Shares of the key results that count (directly or through counting children) add up to 1
//! whenever `p(T)` is defined, and `s_k` is exactly how many points `T` gains per point of
//! progress on `k` (as long as the set of defined inputs does not change). A key result's
//! **headroom** `s_k (1 - p(k))` is the most it can still add to `T`.

use serde::Serialize;

use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;
use crate::model::{CheckIn, CheckInValue};
use crate::rollup::{Rollup, RollupConfig, weight_scale};
use crate::time::AsOf;

/// One key result's part in an objective's progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyResultShare {
    /// The key result.
    pub key_result: String,
    /// The objective it belongs to.
    pub objective: String,
    /// Its share `s_k` of the objective's progress (0 to 1).
    pub share: f64,
    /// Its own progress.
    pub progress: f64,
    /// `share * progress`: the points of the objective's progress it provides.
    pub contribution: f64,
    /// `share * (1 - progress)`: the most it can still add.
    pub headroom: f64,
    /// On a view ([`OkrGraph::view_for`]): set on the entry standing for the inputs of
    /// `objective` hidden from the viewer (its `key_result` is the view's combined entry), to
    /// how many it stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden: Option<usize>,
}

/// The key result shares of one objective's progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contributions {
    /// The objective analysed.
    pub objective: String,
    /// Its progress (`None` when undefined: then there are no shares).
    pub progress: Option<f64>,
    /// Every key result with a share above 0, largest share first (ties by id).
    pub key_results: Vec<KeyResultShare>,
}

impl Contributions {
    /// The key results that would raise the objective most per point of their own progress:
    /// those with headroom left, by share (largest first, ties by id), at most `n`.
    ///
    /// # Complexity
    /// O(key results): one filter over the shares, already in order.
    pub fn top_movers(&self, n: usize) -> Vec<&KeyResultShare> {
        self.key_results
            .iter()
            .filter(|k| k.headroom > 0.0)
            .take(n)
            .collect()
    }
}

/// Shares of every key result (by dense index) in the objective at layout position `top`,
/// and of every objective (by position).
fn shares(rollup: &Rollup, top: usize) -> (Vec<f64>, Vec<f64>) {
    let layout = rollup.layout();
    let obj = rollup.objective_values();
    let kr = rollup.key_result_values();
    let mut obj_share = vec![0.0f64; obj.len()];
    let mut kr_share = vec![0.0f64; kr.len()];
    obj_share[top] = 1.0;
    // Children come before parents in the layout: walk it backwards, parents first.
    for pos in (0..=top).rev() {
        let s = obj_share[pos];
        if s == 0.0 {
            continue;
        }
        let counts_krs = layout.obj[pos].counts_krs();
        let children = layout.children(pos);
        // the layout's weights are scaled by one power of two per objective (exact); a wide
        // objective's, whose range is too large for that, as given
        let raw = layout.wide_weights(pos);
        let nk = layout.kr_slots(pos).len();
        let defined_kr = (layout.krs(pos).enumerate())
            .filter(|&(_, (k, _))| counts_krs && kr[k].progress.is_some())
            .map(move |(i, (k, w))| (k, raw.map_or(w, |r| r[i])));
        let defined_child = (children.iter().enumerate())
            .filter(|(_, (c, _))| {
                layout.obj[*c as usize].counts() && obj[*c as usize].progress.is_some()
            })
            .map(move |(j, &(c, w))| {
                // a view's combined entry weighs what the inputs it stands for weigh
                let hidden = rollup.pinned_hidden_weight(c as usize);
                (c, hidden.unwrap_or_else(|| raw.map_or(w, |r| r[nk + j])))
            });
        // scaled again over the inputs that count, the largest to about 1: no sum overflows
        let max = (defined_kr.clone().map(|(_, w)| w))
            .chain(defined_child.clone().map(|(_, w)| w))
            .fold(0.0, |m: f64, w| w.max(m));
        let scale = weight_scale(max);
        let den: f64 = defined_kr.clone().map(|(_, w)| w * scale).sum::<f64>()
            + defined_child.clone().map(|(_, w)| w * scale).sum::<f64>();
        if den <= 0.0 {
            continue;
        }
        for (k, w) in defined_kr {
            kr_share[k] += s * (w * scale) / den;
        }
        for (c, w) in defined_child {
            obj_share[c as usize] += s * (w * scale) / den;
        }
    }
    (kr_share, obj_share)
}

impl OkrGraph {
    /// Each key result's exact share of objective `id`'s progress at `as_of` (see the
    /// [module docs](crate::analytics::contribution) for the formula), on the model as it
    /// stood then ([`at`](Self::at)).
    ///
    /// # Errors
    /// `UnknownId` when `id` is not an objective at `as_of`; `InvalidConfig` for a bad
    /// `config`.
    ///
    /// # Complexity
    /// A full rollup, then O(objectives + links + key results) for the shares; at a past
    /// time, plus building that state the first time: see [`OkrGraph::at`].
    pub fn contributions(
        &self,
        id: &str,
        as_of: impl Into<AsOf>,
        config: &RollupConfig,
    ) -> Result<Contributions> {
        let as_of = as_of.into();
        let g = self.at(as_of);
        if g.objective(id).is_none() {
            return Err(OkrError::UnknownId {
                kind: EntityKind::Objective,
                id: id.to_string(),
            });
        }
        let rollup = g.rollup_with(as_of, config)?;
        let layout = rollup.layout();
        let top = layout.obj_ids.get_index_of(id).expect("an objective");
        let progress = rollup.objective_values()[top].progress;
        let kr_values = rollup.key_result_values();
        let (kr_shares, obj_shares) = shares(&rollup, top);
        let mut key_results: Vec<KeyResultShare> = kr_shares
            .into_iter()
            .enumerate()
            .filter(|&(_, s)| s > 0.0)
            .map(|(k, share)| {
                let p = kr_values[k].progress.unwrap_or(0.0);
                KeyResultShare {
                    key_result: layout.kr_ids[k].to_string(),
                    objective: layout.obj_ids[layout.kr_obj[k] as usize].to_string(),
                    share,
                    progress: p,
                    contribution: share * p,
                    headroom: share * (1.0 - p),
                    hidden: None,
                }
            })
            .collect();
        // a view: the share of the inputs hidden from it, one entry per combined entry
        let obj_values = rollup.objective_values();
        for (pos, share) in obj_shares.into_iter().enumerate() {
            let id = layout.obj_ids.get(pos);
            if share <= 0.0 || pos == top {
                continue;
            }
            let (Some(parent), Some(e)) = (g.hidden_entry_parent(id), rollup.hidden_entry(id))
            else {
                continue;
            };
            let p = obj_values[pos].progress.unwrap_or(0.0);
            key_results.push(KeyResultShare {
                key_result: id.to_string(),
                objective: parent.to_string(),
                share,
                progress: p,
                contribution: share * p,
                headroom: share * (1.0 - p),
                hidden: Some(e.count),
            });
        }
        crate::sort::sort_by(&mut key_results, |a, b| {
            b.share
                .total_cmp(&a.share)
                .then_with(|| a.key_result.cmp(&b.key_result))
        });
        Ok(Contributions {
            objective: id.to_string(),
            progress,
            key_results,
        })
    }

    /// Rolls up as if each `(key result, value)` had been checked in at `as_of`, without
    /// touching this graph: the hypothetical check-ins go into a copy of the model as it
    /// stood at `as_of` ([`at`](Self::at)), and must fit the key results as they were then.
    ///
    /// # Errors
    /// Whatever [`OkrGraph::check_in_many`] reports for the hypothetical check-ins (a key
    /// result unknown at `as_of`, a value of the wrong kind for its measure then, ...), and
    /// `InvalidConfig`.
    ///
    /// # Complexity
    /// A copy of the graph, O(size), plus a full rollup; at a past time, plus building that
    /// state the first time: see [`OkrGraph::at`].
    pub fn what_if(
        &self,
        as_of: impl Into<AsOf>,
        values: &[(String, CheckInValue)],
        config: &RollupConfig,
    ) -> Result<Rollup> {
        self.what_if_with(as_of.into(), values, None, config)
    }

    /// [`what_if`](Self::what_if); on a view, `full_values` (default `values`) are the
    /// hypothetical check-ins made in the full graph its figures come from (a forecast
    /// projects the hidden key results too).
    pub(crate) fn what_if_with(
        &self,
        as_of: AsOf,
        values: &[(String, CheckInValue)],
        full_values: Option<&[(String, CheckInValue)]>,
        config: &RollupConfig,
    ) -> Result<Rollup> {
        let mut copy = OkrGraph::clone(&self.at(as_of));
        let as_check_ins = |values: &[(String, CheckInValue)]| -> Vec<(String, CheckIn)> {
            values
                .iter()
                .map(|(kr, value)| {
                    (
                        kr.clone(),
                        CheckIn {
                            value: value.clone(),
                            ..CheckIn::value(as_of.0, 0.0)
                        },
                    )
                })
                .collect()
        };
        let batch = as_check_ins(values);
        // as if: a key result taking its values from a KPI takes a hypothetical value too
        if let Some(v) = self.view.clone() {
            // a view: checked against what it shows (a hidden key result is unknown), then
            // made in a copy of the full graph its figures come from
            copy.check_in_as_if(batch.clone())?;
            let mut full = OkrGraph::clone(&v.full.at(as_of));
            full.check_in_as_if(match full_values {
                Some(f) => as_check_ins(f),
                None => batch,
            })?;
            copy.view = Some(std::sync::Arc::new(v.over(full)));
            return copy.rollup_with(as_of, config);
        }
        copy.check_in_as_if(batch)?;
        copy.rollup_with(as_of, config)
    }
}
