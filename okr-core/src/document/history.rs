//! A document's `history` (version 2): replayed through the store's revision API when a
//! document loads, and written from the store's revisions when a graph is saved.
//!
//! A document lists every objective and key result there ever was, with the fields it had at
//! the beginning (or when a `created` revision made it), and all its check-ins; `history`
//! lists the changes in time order. Loading builds the state at the beginning, replays the
//! history, then adds the check-ins, each checked against its key result's measure in force
//! at its time. Saving writes the state at the beginning and the history, so that load, save,
//! load gives the same graph and the same history.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::DocProblem;
use super::types::{DocCheckIn, DocKeyResult, DocLinkRef, DocObjective, DocRevision};
use crate::error::{OkrError, Result};
use crate::model::{CheckIn, Extra, KeyResult, LinkKind, Objective};
use crate::patch::{KeyResultPatch, ObjectivePatch};
use crate::store::{Op, Revise, Store};

/// What a revision of the document is about.
enum Target<'a> {
    Objective(&'a str),
    KeyResult(&'a str),
    Link(&'a DocLinkRef),
}

/// What it does.
enum Action<'a> {
    Set(&'a Extra),
    Created(Option<&'a Extra>),
    Removed,
}

/// A link's fields in a revision.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkSet {
    weight: Option<f64>,
    kind: Option<LinkKind>,
}

fn shape(r: &DocRevision) -> std::result::Result<(Target<'_>, Action<'_>), String> {
    let target = match (&r.objective, &r.key_result, &r.link) {
        (Some(o), None, None) => Target::Objective(o),
        (None, Some(k), None) => Target::KeyResult(k),
        (None, None, Some(l)) => Target::Link(l),
        _ => return Err("name exactly one of `objective`, `key_result` or `link`".into()),
    };
    let action = match (&r.set, r.created, r.removed) {
        (Some(s), false, false) => Action::Set(s),
        (set, true, false) if matches!(target, Target::Link(_)) => Action::Created(set.as_ref()),
        (None, true, false) => Action::Created(None),
        (None, false, true) => Action::Removed,
        (Some(_), true, false) => {
            return Err(
                "a created objective or key result takes its fields from `objectives`, not `set`"
                    .into(),
            );
        }
        _ => return Err("give exactly one of `set`, `created` or `removed`".into()),
    };
    Ok((target, action))
}

/// The ids a document's history creates: objectives and key results, with the index of the
/// revision that creates each.
#[derive(Default)]
pub(super) struct Created {
    pub(super) objectives: HashMap<String, usize>,
    pub(super) key_results: HashMap<String, usize>,
}

impl Created {
    pub(super) fn of(history: &[DocRevision]) -> Created {
        let mut c = Created::default();
        for (h, r) in history.iter().enumerate() {
            if !r.created {
                continue;
            }
            if let (Some(o), None) = (&r.objective, &r.key_result) {
                c.objectives.entry(o.clone()).or_insert(h);
            } else if let (Some(k), None) = (&r.key_result, &r.objective) {
                c.key_results.entry(k.clone()).or_insert(h);
            }
        }
        c
    }
}

/// An objective the history creates, waiting for its revision.
pub(super) struct LaterObjective {
    pub(super) index: usize,
    pub(super) objective: Objective,
    /// Its key results that come with it: (document index, key result).
    pub(super) key_results: Vec<(usize, KeyResult)>,
}

/// What the state at the beginning leaves for the history to add.
#[derive(Default)]
pub(super) struct Pending {
    pub(super) objectives: HashMap<String, LaterObjective>,
    /// Key results with their own `created`: (path, key result).
    pub(super) key_results: HashMap<String, (String, KeyResult)>,
    /// Links that wait for an end the history creates: (path, child, parent, weight, kind).
    pub(super) links: Vec<(String, String, String, f64, LinkKind)>,
    /// Every key result's check-ins, added after the history: (key result, path, check-ins).
    pub(super) check_ins: Vec<(String, String, Vec<DocCheckIn>)>,
}

fn problem(path: String, e: &OkrError) -> DocProblem {
    DocProblem {
        path,
        code: e.code(),
        message: match e {
            OkrError::Document { message, .. } => message.clone(),
            e => e.to_string(),
        },
    }
}

fn invalid(h: usize, reason: impl Into<String>) -> DocProblem {
    let e = OkrError::InvalidRevision {
        id: format!("history[{h}]"),
        reason: reason.into(),
    };
    problem(format!("history[{h}]"), &e)
}

/// Replays `history` on the state at the beginning, then adds every check-in. Returns false
/// when it stopped early at a problem.
pub(super) fn replay(
    g: &mut Store,
    history: Vec<DocRevision>,
    mut pending: Pending,
    stop_early: bool,
    problems: &mut Vec<DocProblem>,
) -> bool {
    macro_rules! fail {
        ($p:expr) => {{
            problems.push($p);
            if stop_early {
                return false;
            }
            continue;
        }};
    }
    for (h, r) in history.iter().enumerate() {
        let (target, action) = match shape(r) {
            Ok(x) => x,
            Err(reason) => fail!(invalid(h, reason)),
        };
        let meta = Revise {
            at: r.at,
            by: r.by.clone(),
            reason: r.reason.clone(),
        };
        let at = |e: OkrError| problem(format!("history[{h}]"), &e);
        let set_path = format!("history[{h}].set");
        let result: Result<()> = match (target, action) {
            (Target::Objective(id), Action::Set(set)) => {
                match ObjectivePatch::from_json(set.as_json()) {
                    Ok(p) => g.revise_objective(id, p, meta).map(drop),
                    Err(e) => fail!(problem(set_path, &e)),
                }
            }
            (Target::KeyResult(id), Action::Set(set)) => {
                match KeyResultPatch::from_json(set.as_json()) {
                    Ok(p) => g.revise_key_result(id, p, meta).map(drop),
                    Err(e) => fail!(problem(set_path, &e)),
                }
            }
            (Target::Link(l), Action::Set(set)) => match link_set(set) {
                // a weight and a kind given together: two revisions at the same time
                Ok(LinkSet { weight, kind }) if weight.is_some() || kind.is_some() => weight
                    .map_or(Ok(false), |w| {
                        g.set_link_weight_at(&l.child, &l.parent, w, meta.clone())
                    })
                    .and_then(|_| {
                        kind.map_or(Ok(false), |k| {
                            g.set_link_kind_at(&l.child, &l.parent, k, meta)
                        })
                    })
                    .map(drop),
                Ok(_) => fail!(invalid(h, "a link's `set` takes its `weight` or `kind`")),
                Err(e) => fail!(problem(set_path, &e)),
            },
            (Target::Objective(id), Action::Created(_)) => {
                let Some(later) = pending.objectives.remove(id) else {
                    fail!(invalid(
                        h,
                        format!(
                            "objective {id:?} is created twice, or is not listed in `objectives`"
                        )
                    ));
                };
                match g.add_objective_at(later.objective, meta.clone()) {
                    Err(e) => Err(e),
                    Ok(()) => {
                        for (j, kr) in later.key_results {
                            if let Err(e) = g.add_key_result_at(kr, meta.clone()) {
                                let path = format!("objectives[{}].key_results[{j}]", later.index);
                                problems.push(problem(path, &e));
                                if stop_early {
                                    return false;
                                }
                            }
                        }
                        // links waiting for this objective, in document order
                        let (ready, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut pending.links)
                            .into_iter()
                            .partition(|(_, c, p, _, _)| {
                                g.objectives.contains_key(c) && g.objectives.contains_key(p)
                            });
                        pending.links = waiting;
                        for (path, c, p, w, kind) in ready {
                            if let Err(e) = g.link_at(&c, &p, w, kind, meta.clone()) {
                                problems.push(problem(path, &e));
                                if stop_early {
                                    return false;
                                }
                            }
                        }
                        Ok(())
                    }
                }
            }
            (Target::KeyResult(id), Action::Created(_)) => {
                let Some((path, kr)) = pending.key_results.remove(id) else {
                    fail!(invalid(
                        h,
                        format!(
                            "key result {id:?} is created twice, or is not listed in `objectives`"
                        )
                    ));
                };
                match g.add_key_result_at(kr, meta) {
                    Ok(_) => Ok(()),
                    Err(e) => fail!(problem(path, &e)),
                }
            }
            (Target::Link(l), Action::Created(set)) => {
                let s = match set.map(link_set).transpose() {
                    Ok(s) => s.unwrap_or(LinkSet {
                        weight: None,
                        kind: None,
                    }),
                    Err(e) => fail!(problem(set_path, &e)),
                };
                let w = s.weight.unwrap_or(crate::defaults::WEIGHT);
                g.link_at(&l.child, &l.parent, w, s.kind.unwrap_or_default(), meta)
            }
            (Target::Objective(id), Action::Removed) => g.remove_objective_at(id, meta).map(drop),
            (Target::KeyResult(id), Action::Removed) => g.remove_key_result_at(id, meta).map(drop),
            (Target::Link(l), Action::Removed) => g.unlink_at(&l.child, &l.parent, meta),
        };
        if let Err(e) = result {
            fail!(at(e));
        }
    }
    // links whose other end was never created cannot happen (the ends are listed), but a link
    // to an objective created and removed in the meantime can
    for (path, c, p, _, _) in pending.links.drain(..) {
        let e = OkrError::InvalidRevision {
            id: crate::store::link_name(&c, &p),
            reason: "one of its objectives never exists at the same time as the other".into(),
        };
        problems.push(problem(path, &e));
        if stop_early {
            return false;
        }
    }
    add_check_ins(g, pending.check_ins, stop_early, problems)
}

fn link_set(set: &Extra) -> Result<LinkSet> {
    serde_json::from_str::<LinkSet>(set.as_json()).map_err(|e| OkrError::InvalidValue {
        field: "link".into(),
        reason: e.to_string(),
    })
}

/// Adds each key result's check-ins, each checked against the measure in force at its time;
/// a removed key result's go to the revision that keeps it.
fn add_check_ins(
    g: &mut Store,
    all: Vec<(String, String, Vec<DocCheckIn>)>,
    stop_early: bool,
    problems: &mut Vec<DocProblem>,
) -> bool {
    for (kid, path, docs) in all {
        if g.measure_at(&kid, chrono::DateTime::<chrono::Utc>::MIN_UTC)
            .is_none()
        {
            continue; // never added: its problem is reported already
        }
        let mut check_ins: Vec<CheckIn> = Vec::with_capacity(docs.len());
        for (c, d) in docs.into_iter().enumerate() {
            let path = || format!("{path}.check_ins[{c}]");
            let result = d.into_check_in(&kid).and_then(|ci| {
                let m = g
                    .measure_at(&kid, ci.at)
                    .expect("a key result of the document");
                ci.validate_against(&kid, m)?;
                // a value in the unit of its time, which must be the key result's last unit
                g.check_unit_then(&kid, &ci, m)?;
                g.check_check_in_limits(&kid, &ci)?;
                Ok(ci)
            });
            match result {
                Ok(ci) => check_ins.push(ci),
                Err(e) => {
                    problems.push(problem(path(), &e));
                    if stop_early {
                        return false;
                    }
                }
            }
        }
        if let Some(k) = g.key_results.get_index_of(&kid) {
            // each check-in was validated above; their number is held to the limit (which
            // the readers' scans check first)
            if let Err((c, e)) = g.add_check_ins(k, check_ins) {
                problems.push(problem(format!("{path}.check_ins[{c}]"), &e));
                if stop_early {
                    return false;
                }
            }
            continue;
        }
        // a removed key result's check-ins stay with the revision that keeps it (those dated
        // after its removal were made while it existed, and count at no time)
        let Some((_, entry)) = g.removed_key_result_mut(&kid) else {
            continue; // never added: its problem is reported already
        };
        if entry.data.kpi.is_some() {
            continue; // its check-ins are its KPI's values, given when it was added
        }
        entry.check_ins = check_ins;
        crate::sort::sort_by_key(&mut entry.check_ins, |c| c.at);
    }
    true
}

/// A document's objectives and history from a store: the state at the beginning, the
/// objectives and key results created later with the fields they were created with, every
/// check-in, and one revision per recorded change.
pub(super) fn export(g: &Store) -> (Vec<DocObjective>, Vec<DocRevision>) {
    let base = g.state_after(0);
    // removed key results, as their removal kept them (with their check-ins)
    let mut removed: HashMap<&str, &crate::store::KrEntry> = HashMap::new();
    for r in &g.history.log {
        match &r.op {
            Op::RemoveKeyResult { removed: x } => {
                removed.insert(&x.entry.data.id, &x.entry);
            }
            Op::RemoveObjective { removed: x } => {
                for (_, k) in &x.key_results {
                    removed.insert(&k.data.id, k);
                }
            }
            _ => {}
        }
    }
    let check_ins_of = |id: &str| -> Vec<DocCheckIn> {
        let list = g
            .key_results
            .get(id)
            .map(|e| e.check_ins.as_slice())
            .or_else(|| removed.get(id).map(|e| e.check_ins.as_slice()))
            .unwrap_or(&[]);
        list.iter().map(DocCheckIn::from_check_in).collect()
    };
    let doc_kr = |k: &KeyResult| DocKeyResult::of(k, check_ins_of(&k.id));
    let doc_objective = DocObjective::of;
    let base_graph = crate::graph::OkrGraph::from_store(base);
    let mut objectives = super::export::doc_objectives(&base_graph, check_ins_of);
    let mut position: HashMap<String, usize> = objectives
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect();
    let mut history = Vec::with_capacity(g.history.log.len());
    let mut seen_created: HashSet<&str> = HashSet::new();
    for r in &g.history.log {
        let mut d = DocRevision {
            at: r.meta.at,
            by: r.meta.by.clone(),
            reason: r.meta.reason.clone(),
            objective: None,
            key_result: None,
            link: None,
            set: None,
            created: false,
            removed: false,
        };
        match &r.op {
            Op::Objective { id, to, .. } => {
                d.objective = Some(id.clone());
                d.set = set_of(&**to);
            }
            Op::KeyResult { id, to, .. } => {
                d.key_result = Some(id.clone());
                d.set = set_of(&**to);
            }
            Op::AddObjective { data } => {
                d.objective = Some(data.id.clone());
                d.created = true;
                if seen_created.insert(&data.id) {
                    position.insert(data.id.clone(), objectives.len());
                    objectives.push(doc_objective(data, Vec::new(), Vec::new()));
                }
            }
            Op::AddKeyResult { data } => {
                d.key_result = Some(data.id.clone());
                d.created = true;
                if seen_created.insert(&data.id)
                    && let Some(&i) = position.get(&data.objective)
                {
                    objectives[i].key_results.push(doc_kr(data));
                }
            }
            Op::RemoveObjective { removed } => {
                d.objective = Some(removed.entry.data.id.clone());
                d.removed = true;
            }
            Op::RemoveKeyResult { removed } => {
                d.key_result = Some(removed.entry.data.id.clone());
                d.removed = true;
            }
            Op::Link {
                child,
                parent,
                weight,
                kind,
            } => {
                d.link = Some(link_ref(child, parent));
                d.created = true;
                let mut set = weight_set(*weight);
                if !kind.is_default() {
                    set.insert("kind", kind.as_str());
                }
                d.set = Some(set);
            }
            Op::Unlink { child, parent, .. } => {
                d.link = Some(link_ref(child, parent));
                d.removed = true;
            }
            Op::LinkWeight {
                child, parent, to, ..
            } => {
                d.link = Some(link_ref(child, parent));
                d.set = Some(weight_set(*to));
            }
            Op::LinkKind {
                child, parent, to, ..
            } => {
                d.link = Some(link_ref(child, parent));
                let mut set = Extra::new();
                set.insert("kind", to.as_str());
                d.set = Some(set);
            }
        }
        history.push(d);
    }
    (objectives, history)
}

fn link_ref(child: &str, parent: &str) -> DocLinkRef {
    DocLinkRef {
        child: child.to_string(),
        parent: parent.to_string(),
    }
}

fn weight_set(w: f64) -> Extra {
    let mut e = Extra::new();
    e.insert("weight", w);
    e
}

/// A patch as the `set` of a revision.
fn set_of<T: serde::Serialize>(patch: &T) -> Option<Extra> {
    let text = serde_json::to_string(patch).expect("patches serialise");
    Extra::from_json(&text).ok()
}
