//! Differential tests of revisions (the semantics in the module docs of `src/revise.rs`)
//! against a plain reference implementation that shares none of the undo machinery.
//!
//! The reference keeps every change the real graph accepted as a list of (time or none,
//! operation). For an as-of time T it builds a fresh graph: the setup (owner, cycles), then, in
//! recording order, the operations without a time (they exist from the beginning) and those at
//! or before T, all on a graph whose clock is one fixed early instant (so it never undoes
//! anything: every revision it holds is in force at T), then the check-ins at or before T of
//! the key results it has. A check-in dated before a change of its key result's measure
//! need not fit the measure in force at T: the reference re-expresses it as the value it
//! carries under that measure (none after a change of kind: the measure's start; see
//! `carried`). Its rollup at T must be the real graph's `rollup_with(T)`, node by node and bit
//! for bit, and `g.at(T)` must hold the same objectives, key results and links.
//!
//! Also: a change the real graph refuses leaves it unchanged (document, revision count, log,
//! latest revision), and one it accepts is never before the latest revision; a check-in is
//! accepted exactly when it fits the measure in force at its own time (as the reference
//! tracks it); the log agrees with the recorded changes (order, `exists` entries, the `since`
//! and `id` filters); an owner or cycle is in use exactly when something refers to it now or
//! at an earlier time; and the incremental paths (`LiveRollup::edit` through revisions,
//! `Rollup::refresh_key_result` on a graph with history, at a past as-of too) equal fresh
//! rollups and the reference.
//!
//! As the docs say, a check-in dated before a change of kind that fits the measure in force
//! at T (numeric -> threshold, or a change back to the earlier kind) carries its value; one
//! that does not reads as no value. Owners and cycles have no history: the reference adds
//! them first, as the real graph shows them at every time.

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

mod revision_reference;
mod spec;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use okr_core::{
    AsOf, CheckIn, CheckInValue, KeyResult, KeyResultPatch, LiveRollup, LogEntry, LogFilter,
    Measure, Objective, ObjectivePatch, OkrGraph, Revise, RollupConfig,
};
use proptest::prelude::*;
use proptest::sample::Index;

use revision_reference::*;
use spec::{MODES, STATES, WEIGHTS, is_acyclic, snapshot};

/// What the real graph shows of itself, to compare before and after a refused change.
fn state(g: &OkrGraph) -> (String, usize, usize, Option<DateTime<Utc>>) {
    (
        g.to_json(),
        g.revision_count(),
        g.log(&LogFilter::default()).unwrap().len(),
        g.latest_revision(),
    )
}

/// The real graph's links as (child, parent, weight bits, kind), in objective and link order.
fn links(g: &OkrGraph) -> Vec<(String, String, u64, okr_core::LinkKind)> {
    g.objectives()
        .flat_map(|o| {
            g.parent_links(&o.id)
                .into_iter()
                .map(|l| (o.id.clone(), l.id.to_string(), l.weight.to_bits(), l.kind))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A rollup as comparable text: every node's id and figures (`{:?}` of an `f64` names its
/// value exactly, NaN included), with -0.0 as 0.0: a milestones check-in with none done
/// gives progress -0.0 (an empty `f64` sum is -0.0), one that carries no value 0.0, and the
/// reference says "no value" with the former.
fn figures(r: &okr_core::Rollup) -> String {
    let z = |x: f64| x + 0.0;
    let o = |x: Option<f64>| x.map(z);
    let rows: Vec<_> = snapshot(r)
        .into_iter()
        .map(|(id, v)| {
            let v = okr_core::NodeValues {
                progress: o(v.progress),
                attainment: o(v.attainment),
                computed_progress: o(v.computed_progress),
                computed_attainment: o(v.computed_attainment),
                planned_value: o(v.planned_value),
                expected: z(v.expected),
                confidence: o(v.confidence),
                value: o(v.value),
                ..v
            };
            (id, v)
        })
        .collect();
    format!("{rows:?}")
}

/// Whether two rollups have the same nodes and statuses and figures equal to a relative
/// 1e-12.
fn close_figures(a: &okr_core::Rollup, b: &okr_core::Rollup) -> bool {
    let near = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => x == y || (x - y).abs() <= 1e-12 * x.abs().max(y.abs()),
        (x, y) => x == y,
    };
    let (a, b) = (snapshot(a), snapshot(b));
    a.len() == b.len()
        && a.iter().zip(&b).all(|((i, x), (j, y))| {
            i == j
                && x.status == y.status
                && x.stale == y.stale
                && near(x.progress, y.progress)
                && near(x.attainment, y.attainment)
                && near(x.confidence, y.confidence)
                && near(x.value, y.value)
                && near(Some(x.expected), Some(y.expected))
        })
}

/// An id for `i`: mostly one of `live` (present), sometimes any ever used.
fn pick(i: &Index, live: &[String], all: &[String]) -> Option<String> {
    if !all.is_empty() && (live.is_empty() || i.index(8) == 0) {
        Some(i.get(all).clone())
    } else if live.is_empty() {
        None
    } else {
        Some(i.get(live).clone())
    }
}

/// Runs the generated operations on a fresh graph, checking every refusal; returns the graph
/// and what it accepted.
fn run(ops: &[GOp]) -> Result<(OkrGraph, Recorded), TestCaseError> {
    let mut g = setup();
    let mut names = Names::default();
    let mut rec = Recorded::default();
    let mut now = t0();
    for op in ops {
        let live_objs: Vec<String> = g.objectives().map(|o| o.id.clone()).collect();
        let live_krs: Vec<String> = g.key_results().map(|k| k.id.clone()).collect();
        let (all_objs, all_krs) = (names.objs.clone(), names.krs.clone());
        let pick_obj = |i: &Index| pick(i, &live_objs, &all_objs);
        let pick_kr = |i: &Index| pick(i, &live_krs, &all_krs);
        let pick_link = |i: &Index| -> Option<(String, String)> {
            let l = links(&g);
            if l.is_empty() {
                let a = pick_obj(i)?;
                let b = live_objs.first()?.clone();
                Some((a, b))
            } else {
                let (c, p, _, _) = i.get(&l).clone();
                Some((c, p))
            }
        };
        let fresh = |names: &mut Names, prefix: &str, reuse: &Option<Index>| -> String {
            let all: Vec<String> = names.objs.iter().chain(&names.krs).cloned().collect();
            match reuse {
                Some(i) if !all.is_empty() => i.get(&all).clone(),
                _ => {
                    names.next += 1;
                    format!("{prefix}{}", names.next)
                }
            }
        };
        // the resolved operation and when it takes effect (None: from the beginning)
        let (rop, step): (ROp, Option<&Step>) = match op {
            GOp::AddObj {
                step,
                st,
                mode,
                cycle,
                reuse,
            } => {
                let id = fresh(&mut names, "o", reuse);
                let mut o =
                    Objective::new(&id, format!("Objective {id}"), "own", format!("c{cycle}"));
                o.state = STATES[*st];
                o.rollup = MODES[*mode];
                o.cadence = cadence(*st * MODES.len() + *mode);
                (ROp::AddObj(o), step.as_ref())
            }
            GOp::AddKr {
                step,
                obj,
                m,
                w,
                due,
                reuse,
            } => {
                let Some(o) = pick_obj(obj) else { continue };
                let id = fresh(&mut names, "k", reuse);
                let mut k =
                    KeyResult::new(&id, format!("KR {id}"), o, measure(m)).with_weight(WEIGHTS[*w]);
                k.due = due.map(|d| {
                    NaiveDate::from_ymd_opt(2026, 10, 1).unwrap() + Duration::days(d.into())
                });
                (ROp::AddKr(k), step.as_ref())
            }
            GOp::Link { step, a, b, w } => {
                let (Some(c), Some(p)) = (pick_obj(a), pick_obj(b)) else {
                    continue;
                };
                (ROp::Link(c, p, WEIGHTS[*w]), step.as_ref())
            }
            GOp::Unlink { step, link } => {
                let Some((c, p)) = pick_link(link) else {
                    continue;
                };
                (ROp::Unlink(c, p), Some(step))
            }
            GOp::Weight { step, link, w } => {
                let Some((c, p)) = pick_link(link) else {
                    continue;
                };
                (ROp::Weight(c, p, WEIGHTS[*w]), Some(step))
            }
            GOp::Kind { step, link } => {
                let Some((c, p)) = pick_link(link) else {
                    continue;
                };
                let kind = match g.link_kind(&c, &p) {
                    Some(okr_core::LinkKind::Contributes) => okr_core::LinkKind::Supports,
                    _ => okr_core::LinkKind::Contributes,
                };
                (ROp::Kind(c, p, kind), Some(step))
            }
            GOp::ReviseObj {
                step,
                obj,
                st,
                mode,
                cycle,
                owner,
                title,
            } => {
                let Some(id) = pick_obj(obj) else { continue };
                // the cadence set or cleared, from the fields drawn (the same random stream
                // as before cadences existed)
                let c = match (mode, title) {
                    (Some(m), true) => Some(cadence(1 + m + st.unwrap_or(0) * MODES.len())),
                    (None, false) if st.is_some() => Some(None),
                    _ => None,
                };
                let patch = ObjectivePatch {
                    cadence: c,
                    state: st.map(|s| STATES[s]),
                    rollup: mode.map(|m| MODES[m]),
                    cycle: cycle.map(|c| format!("c{c}")),
                    owner: owner.then(|| "two".to_string()),
                    title: title.then(|| format!("{id} at {now}")),
                    ..ObjectivePatch::default()
                };
                (ROp::ReviseObj(id, patch), Some(step))
            }
            GOp::ReviseKr {
                step,
                kr,
                m,
                w,
                due,
                to,
                owner,
            } => {
                let Some(id) = pick_kr(kr) else { continue };
                let patch = KeyResultPatch {
                    measure: m.as_ref().map(measure),
                    weight: w.map(|w| WEIGHTS[w]),
                    due: due.map(|d| {
                        d.map(|d| {
                            NaiveDate::from_ymd_opt(2026, 10, 1).unwrap() + Duration::days(d.into())
                        })
                    }),
                    objective: to.as_ref().and_then(pick_obj),
                    owner: owner.map(|o| o.then(|| "two".to_string())),
                    ..KeyResultPatch::default()
                };
                (ROp::ReviseKr(id, patch), Some(step))
            }
            GOp::RemoveObj { step, obj } => {
                let Some(id) = pick_obj(obj) else { continue };
                (ROp::RemoveObj(id), Some(step))
            }
            GOp::RemoveKr { step, kr } => {
                let Some(id) = pick_kr(kr) else { continue };
                (ROp::RemoveKr(id), Some(step))
            }
            GOp::CheckIn {
                kr,
                secs,
                v,
                b,
                mask,
                conf,
                current,
                exact,
            } => {
                let Some(id) = pick_kr(kr) else { continue };
                let revised: Vec<DateTime<Utc>> = rec.ops.iter().filter_map(|(w, _)| *w).collect();
                let at = match exact {
                    Some(i) if !revised.is_empty() => *i.get(&revised),
                    _ => t0() - Duration::days(10) + Duration::seconds(*secs),
                };
                let in_force = rec.measure_at(&id, at);
                let shape = if *current {
                    g.key_result(&id)
                        .map(|k| k.measure.clone())
                        .or(in_force.clone())
                } else {
                    in_force.clone()
                };
                let value = match shape {
                    Some(Measure::Boolean) => CheckInValue::Done(*b),
                    Some(Measure::Milestones { milestones }) => CheckInValue::Milestones(
                        (0..milestones.len() + 1)
                            .filter(|i| mask & (1 << i) != 0)
                            .map(|i| format!("m{i}"))
                            .collect(),
                    ),
                    _ => CheckInValue::Value(f64::from(*v) / 2.0),
                };
                let c = CheckIn {
                    value,
                    confidence: conf.map(|c| f64::from(c) / 4.0),
                    ..CheckIn::value(at, 0.0)
                };
                let before = state(&g);
                let r = g.check_in(&id, c.clone());
                // accepted exactly when the key result is there and the check-in fits the
                // measure in force at its own time
                let expect =
                    live_krs.contains(&id) && in_force.as_ref().is_some_and(|m| fits(m, &c.value));
                prop_assert_eq!(r.is_ok(), expect, "check-in {:?} on {}: {:?}", c, id, r);
                match r {
                    Ok(()) => rec.ops.push((None, ROp::CheckIn(id, c))),
                    Err(e) => {
                        prop_assert_eq!(&state(&g), &before);
                        rec.refused.push(e.code());
                    }
                }
                continue;
            }
        };
        // the time
        let meta = step.map(|s| {
            let at = if s.back {
                g.latest_revision().unwrap_or(now) - Duration::days(1)
            } else {
                now + Duration::seconds(s.dt)
            };
            Revise::at(at).by("tester")
        });
        let clock = step.is_some_and(|s| s.clock);
        let before = state(&g);
        let r = apply(&mut g, &rop, meta.clone(), clock);
        match &r {
            Ok(()) => {
                if let Some(m) = &meta {
                    // recorded in time order: never before the latest revision
                    prop_assert!(
                        before.3.is_none_or(|l| m.at >= l),
                        "{:?} accepted at {}",
                        rop,
                        m.at
                    );
                    now = now.max(m.at);
                }
                if let ROp::AddObj(o) = &rop {
                    names.objs.push(o.id.clone());
                }
                if let ROp::AddKr(k) = &rop {
                    names.krs.push(k.id.clone());
                }
                let n = g.revision_count();
                if meta.is_some() {
                    // a change that changes nothing records nothing
                    prop_assert!(n == before.1 || n == before.1 + 1);
                    if n == before.1 {
                        prop_assert_eq!(
                            &state(&g).0,
                            &before.0,
                            "{:?} changed without a revision",
                            rop
                        );
                        continue;
                    }
                    prop_assert_eq!(g.latest_revision(), meta.as_ref().map(|m| m.at));
                } else {
                    prop_assert_eq!(n, before.1);
                }
                rec.ops.push((meta.map(|m| m.at), rop));
            }
            Err(e) => {
                rec.refused.push(e.code());
                prop_assert_eq!(
                    &state(&g),
                    &before,
                    "{:?} refused ({}) but changed the graph",
                    rop,
                    e
                );
                if let ROp::AddObj(o) = &rop
                    && names.objs.iter().chain(&names.krs).any(|x| x == &o.id)
                {
                    prop_assert!(
                        matches!(e.code(), "duplicate_id" | "invalid_revision"),
                        "{}",
                        e
                    );
                }
            }
        }
    }
    Ok((g, rec))
}

/// The as-of times to compare at: before the first revision, every revision time exactly,
/// a second before and after each, half way between, after the last; and a few dates.
fn times(rec: &Recorded, extra: &[i64]) -> Vec<AsOf> {
    let mut ts: Vec<DateTime<Utc>> = rec.ops.iter().filter_map(|(w, _)| *w).collect();
    ts.dedup();
    let mut out: Vec<AsOf> = vec![AsOf::from(t0() - Duration::days(12))];
    for (i, t) in ts.iter().enumerate() {
        out.push(AsOf::from(*t));
        out.push(AsOf::from(*t - Duration::seconds(1)));
        if let Some(n) = ts.get(i + 1) {
            out.push(AsOf::from(*t + (*n - *t) / 2));
        } else {
            out.push(AsOf::from(*t + Duration::seconds(1)));
            out.push(AsOf::from(*t + Duration::days(40)));
        }
    }
    for &d in extra {
        out.push(AsOf::from((t0() + Duration::days(d)).date_naive()));
    }
    // at most a dozen, spread over all of them
    if out.len() > 12 {
        let step = out.len() as f64 / 12.0;
        out = (0..12).map(|i| out[(i as f64 * step) as usize]).collect();
        out.push(AsOf::from(*ts.last().unwrap()));
    }
    out
}

fn config(c: usize) -> RollupConfig {
    [
        RollupConfig::default(),
        RollupConfig {
            on_track_margin: 0.1,
            at_risk_margin: 0.3,
            stale_days: 3,
        },
    ][c]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 768, ..ProptestConfig::default() })]

    /// The rollup at T and the graph at T equal the reference's, rebuilt from the changes in
    /// force at T; refusals change nothing; check-ins are validated at their own time.
    #[test]
    fn graph_at_t_equals_the_rebuilt_reference(
        ops in proptest::collection::vec(gop(), 1..45),
        extra in proptest::collection::vec(-12i64..80, 0..3),
        c in 0usize..2,
    ) {
        let (g, rec) = run(&ops)?;
        let cfg = config(c);
        // saved and loaded (version 2): the same document and log; the same figures at every
        // time (to a relative 1e-12: a document lists an objective's key results from the
        // beginning before those a revision created, so a loaded graph may sum them in
        // another order); saved and loaded again: exactly the same figures
        let text = g.to_json();
        let loaded = okr_core::OkrGraph::from_json(&text).unwrap();
        prop_assert_eq!(loaded.to_json(), g.to_json(), "load, save, load");
        prop_assert_eq!(
            loaded.log(&LogFilter::default()).unwrap(),
            g.log(&LogFilter::default()).unwrap()
        );
        let again = okr_core::OkrGraph::from_json(&loaded.to_json()).unwrap();
        for t in times(&rec, &extra) {
            let (a, b) = (
                loaded.rollup_with(t, &cfg).unwrap(),
                g.rollup_with(t, &cfg).unwrap(),
            );
            prop_assert_eq!(figures(&a), figures(&again.rollup_with(t, &cfg).unwrap()));
            prop_assert!(close_figures(&a, &b), "loaded rollup at {}: {} != {}", t.0, figures(&a), figures(&b));
        }
        for t in times(&rec, &extra) {
            let Some(r) = rec.graph_at(t.0) else { continue };
            let past = g.at(t);
            prop_assert!(is_acyclic(&past), "cycle at {}", t.0);
            let objs = |g: &OkrGraph| g.objectives().cloned().collect::<Vec<_>>();
            let krs = |g: &OkrGraph| g.key_results().cloned().collect::<Vec<_>>();
            prop_assert_eq!(objs(&past), objs(&r), "objectives at {}", t.0);
            prop_assert_eq!(krs(&past), krs(&r), "key results at {}", t.0);
            // each objective's key results, in its order (the order the rollup sums them in)
            let by_obj = |g: &OkrGraph| {
                g.objectives()
                    .map(|o| (o.id.clone(), g.key_results_of(&o.id).iter().map(|k| k.id.clone()).collect::<Vec<_>>()))
                    .collect::<Vec<_>>()
            };
            prop_assert_eq!(by_obj(&past), by_obj(&r), "key results by objective at {}", t.0);
            prop_assert_eq!(links(&past), links(&r), "links at {}", t.0);
            let real = g.rollup_with(t, &cfg).unwrap();
            let want = r.rollup_with(t, &cfg).unwrap();
            prop_assert_eq!(figures(&real), figures(&want), "rollup at {}", t.0);
        }

        // an owner or cycle is in use when anything refers to it, now or at an earlier time
        let two = rec.ops.iter().any(|(_, op)| match op {
            ROp::ReviseObj(_, p) => p.owner.as_deref() == Some("two"),
            ROp::ReviseKr(_, p) => p.owner == Some(Some("two".to_string())),
            _ => false,
        });
        let c1 = rec.ops.iter().any(|(_, op)| match op {
            ROp::AddObj(o) => o.cycle == "c1",
            ROp::ReviseObj(_, p) => p.cycle.as_deref() == Some("c1"),
            _ => false,
        });
        let mut h = g.clone();
        let r = h.remove_owner("two");
        prop_assert_eq!(r.map_err(|e| e.code()).err(), two.then_some("in_use"));
        let r = h.remove_cycle("c1");
        prop_assert_eq!(r.map_err(|e| e.code()).err(), c1.then_some("in_use"));

        // the audit trail: newest first, one `exists` entry per timed addition or removal,
        // `since` keeps the entries at or after it, `id` those about the entity (an
        // objective's links too)
        let all = g.log(&LogFilter::default()).unwrap();
        prop_assert!(all.windows(2).all(|w| w[0].at >= w[1].at));
        let exists = rec
            .ops
            .iter()
            .filter(|(w, op)| {
                w.is_some()
                    && matches!(op, ROp::AddObj(_) | ROp::AddKr(_) | ROp::RemoveObj(_) | ROp::RemoveKr(_))
            })
            .count();
        prop_assert_eq!(all.iter().filter(|e| e.field == "exists").count(), exists);
        for t in times(&rec, &extra) {
            let since = g.log(&LogFilter { since: Some(t.0), ..LogFilter::default() }).unwrap();
            let want: Vec<_> = all.iter().filter(|e| e.at >= t.0).cloned().collect();
            prop_assert_eq!(since, want);
        }
        let ids: Vec<String> = rec
            .ops
            .iter()
            .filter_map(|(_, op)| match op {
                ROp::AddObj(o) => Some(o.id.clone()),
                ROp::AddKr(k) => Some(k.id.clone()),
                _ => None,
            })
            .collect();
        // the key results each objective had when it was removed, from the changes made
        let mut members: HashMap<String, Vec<String>> = Default::default();
        let mut removed_with: HashMap<String, Vec<String>> = Default::default();
        for (_, op) in &rec.ops {
            match op {
                ROp::AddKr(k) => members.entry(k.objective.clone()).or_default().push(k.id.clone()),
                ROp::ReviseKr(id, p) => {
                    if let Some(to) = &p.objective {
                        members.values_mut().for_each(|m| m.retain(|k| k != id));
                        members.entry(to.clone()).or_default().push(id.clone());
                    }
                }
                ROp::RemoveKr(id) => members.values_mut().for_each(|m| m.retain(|k| k != id)),
                ROp::RemoveObj(o) => {
                    removed_with.insert(o.clone(), members.remove(o).unwrap_or_default());
                }
                _ => {}
            }
        }
        for id in &ids {
            let about = g.log(&LogFilter { id: Some(id.clone()), ..LogFilter::default() }).unwrap();
            let want: Vec<_> = all
                .iter()
                .filter_map(|e| {
                    let about_it = e.entity == *id
                        || (e.kind == "link"
                            && (e.entity.starts_with(&format!("{id} -> "))
                                || e.entity.ends_with(&format!(" -> {id}"))));
                    // a key result removed with its objective has an entry of its own
                    let with_objective = e.kind == "objective"
                        && e.field == "exists"
                        && e.to == serde_json::Value::Bool(false)
                        && removed_with.get(&e.entity).is_some_and(|m| m.contains(id));
                    if about_it {
                        Some(e.clone())
                    } else if with_objective {
                        Some(LogEntry { entity: id.clone(), kind: "key_result", ..e.clone() })
                    } else {
                        None
                    }
                })
                .collect();
            prop_assert_eq!(about, want, "log of {}", id);
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Incremental == full through revisions: a `LiveRollup` kept while the same changes are
    /// made through `edit` and its check-ins, at an as-of that later revisions leave in the
    /// past; then a kept `Rollup` refreshed after check-ins on the graph with history, at a
    /// past as-of and at the latest.
    #[test]
    fn incremental_rollups_through_revisions_equal_full_ones(
        ops in proptest::collection::vec(gop(), 1..40),
        as_of_days in 0i64..60,
        cis in proptest::collection::vec((any::<Index>(), 0i64..110 * 86_400, -40i32..160, any::<bool>(), any::<u8>()), 1..8),
    ) {
        let (g, rec) = run(&ops)?;
        let as_of = AsOf::from(t0() + Duration::days(as_of_days) + Duration::seconds(4321));
        let cfg = RollupConfig::default();

        // (a) the accepted changes again, through a LiveRollup
        let mut live = LiveRollup::new(setup(), as_of).unwrap();
        for (i, (when, op)) in rec.ops.iter().enumerate() {
            let meta = when.map(|w| Revise::at(w).by("tester"));
            let r = match op {
                ROp::CheckIn(k, c) if live.graph().at(as_of).key_result(k).is_some() => {
                    live.check_in(k, c.clone())
                }
                // a key result that does not exist at the as-of: see
                // revisions.rs::live_check_in_on_a_key_result_created_after_the_as_of
                _ => live.edit(|g| apply(g, op, meta, i % 2 == 0)),
            };
            prop_assert!(r.is_ok(), "{:?}: {:?}", op, r);
            let fresh = live.graph().rollup_with(as_of, &cfg).unwrap();
            prop_assert_eq!(figures(live.rollup()), figures(&fresh), "after {:?}", op);
            let so_far = Recorded { ops: rec.ops[..=i].to_vec(), ..Recorded::default() };
            if let Some(r) = so_far.graph_at(as_of.0) {
                let want = r.rollup_with(as_of, &cfg).unwrap();
                prop_assert_eq!(figures(live.rollup()), figures(&want), "reference after {:?}", op);
            }
        }
        prop_assert_eq!(live.graph().to_json(), g.to_json());
        prop_assert_eq!(live.graph().revision_count(), g.revision_count());

        // (b) a kept Rollup and refresh_key_result after check-ins, past and latest as-of
        let latest = AsOf::from(g.latest_revision().unwrap_or(t0()) + Duration::days(3));
        for at in [as_of, latest] {
            let mut g = g.clone();
            let mut rec = Recorded { ops: rec.ops.clone(), ..Recorded::default() };
            let mut kept = g.rollup_with(at, &cfg).unwrap();
            let there: Vec<String> = g
                .at(at)
                .key_results()
                .filter(|k| g.key_result(&k.id).is_some())
                .map(|k| k.id.clone())
                .collect();
            if there.is_empty() {
                continue;
            }
            for (n, (k, secs, v, b, mask)) in cis.iter().enumerate() {
                let id = k.get(&there);
                let t = t0() - Duration::days(10) + Duration::seconds(*secs);
                let value = match rec.measure_at(id, t) {
                    Some(Measure::Boolean) => CheckInValue::Done(*b),
                    Some(Measure::Milestones { milestones }) => CheckInValue::Milestones(
                        (0..milestones.len()).filter(|i| mask & (1 << i) != 0).map(|i| format!("m{i}")).collect(),
                    ),
                    _ => CheckInValue::Value(f64::from(*v) / 2.0),
                };
                let c = CheckIn { value, ..CheckIn::value(t, 0.0) };
                g.check_in(id, c.clone()).unwrap();
                rec.ops.push((None, ROp::CheckIn(id.clone(), c)));
                kept.refresh_key_result(&g, id).unwrap();
                let fresh = g.rollup_with(at, &cfg).unwrap();
                prop_assert_eq!(figures(&kept), figures(&fresh), "after check-in {} on {}", n, id);
                if let Some(r) = rec.graph_at(at.0) {
                    let want = r.rollup_with(at, &cfg).unwrap();
                    prop_assert_eq!(figures(&kept), figures(&want), "reference after check-in {} on {}", n, id);
                }
            }
        }
    }
}

/// Every kind of change happens in the generated sequences (a guard against a generator
/// that silently stops exercising something).
#[test]
fn the_generator_reaches_every_change() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut seen: HashSet<&'static str> = HashSet::new();
    let mut refused: HashMap<&'static str, usize> = HashMap::new();
    let mut carried = 0;
    let strategy = proptest::collection::vec(gop(), 20..45);
    for _ in 0..80 {
        let ops = strategy.new_tree(&mut runner).unwrap().current();
        let (_, rec) = run(&ops).unwrap();
        for c in &rec.refused {
            *refused.entry(c).or_default() += 1;
        }
        for t in times(&rec, &[]) {
            rec.graph_at(t.0);
        }
        carried += rec.carried.get();
        let mut revised = false;
        for (when, op) in &rec.ops {
            // from the beginning after a revision: the past states must get it too
            if revised && when.is_none() && !matches!(op, ROp::CheckIn(..)) {
                seen.insert("from the beginning after a revision");
            }
            revised |= when.is_some();
            seen.insert(match (op, when) {
                (ROp::AddObj(_), None) => "objective from the beginning",
                (ROp::AddObj(_), Some(_)) => "objective at a time",
                (ROp::AddKr(_), None) => "key result from the beginning",
                (ROp::AddKr(_), Some(_)) => "key result at a time",
                (ROp::Link(..), None) => "link from the beginning",
                (ROp::Link(..), Some(_)) => "link at a time",
                (ROp::Unlink(..), _) => "unlink",
                (ROp::Weight(..), _) => "link weight",
                (ROp::Kind(..), _) => "link kind",
                (ROp::ReviseObj(_, p), _) if p.cadence.is_some() => "cadence revision",
                (ROp::ReviseObj(..), _) => "objective revision",
                (ROp::ReviseKr(_, p), _) if p.objective.is_some() => "key result moved",
                (ROp::ReviseKr(_, p), _) if p.measure.is_some() => "measure revision",
                (ROp::ReviseKr(..), _) => "key result revision",
                (ROp::RemoveObj(_), _) => "objective removed",
                (ROp::RemoveKr(_), _) => "key result removed",
                (ROp::CheckIn(..), _) => "check-in",
            });
        }
    }
    assert_eq!(seen.len(), 18, "{seen:?}");
    // and the refusals: every rule that applies to the changes made
    for code in [
        "invalid_revision",
        "duplicate_id",
        "unknown_id",
        "cycle",
        "already_linked",
        "not_linked",
        "invalid_check_in",
    ] {
        assert!(refused.contains_key(code), "{code}: {refused:?}");
    }
    // check-ins from before a change of measure, in force after it
    assert!(carried > 0);
    eprintln!("refusals {refused:?}, check-ins re-expressed {carried}");
}
