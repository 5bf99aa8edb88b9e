//! Building a graph from a document, through the store's own API: owners and cycles parents
//! first, objectives, key results with their check-ins, then every link at once.

use std::collections::HashMap;

use super::history::{Created, LaterObjective, Pending};
use super::limits::{Exceeded, Limits, exceeded};
use super::types::{DocKeyResult, DocLink, Document};
use super::{DocProblem, FORMAT_VERSION, reads_version};
use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;
use crate::store::Store;

/// Adds the alignment links with the outcome of calling [`OkrGraph::link`] on each in
/// document order, without its per-link search: links with an unknown parent or a bad
/// weight are refused first; the rest go through [`add_in_order`](crate::algo::acyclic::add_in_order),
/// which refuses a link given twice (`AlreadyLinked`) and each link that closes a cycle
/// with the links accepted before it, naming the cycle as `link` does; the accepted links are
/// then added at once.
///
/// # Complexity
/// O(V + L) for V objectives and L links, but for links inside a group of objectives the
/// links make strongly connected that disagree with the order kept for the group (see
/// [`add_in_order`](crate::algo::acyclic::add_in_order): at worst a search of the group per
/// link, super-linear on links drawn at random); plus the length of each cycle named.
fn build_links(
    g: &mut Store,
    ids: &[String],
    parents: &[Vec<DocLink>],
    added: &[bool],
    stop_early: bool,
    problems: &mut Vec<DocProblem>,
) {
    use crate::algo::acyclic::{Verdict, add_in_order};
    struct Cand {
        i: usize,
        j: usize,
        weight: f64,
        kind: crate::model::LinkKind,
    }
    let at = |i: usize, j: usize, field: &str, e: OkrError| DocProblem {
        path: format!("objectives[{i}].parents[{j}]{field}"),
        code: e.code(),
        message: e.to_string(),
    };
    // (position in document order, problem)
    let mut found: Vec<((usize, usize), DocProblem)> = Vec::new();
    let mut cands: Vec<Cand> = Vec::new();
    let mut ends: Vec<(u32, u32)> = Vec::new();
    for (i, links) in parents.iter().enumerate() {
        if !added[i] {
            continue;
        }
        let child = g.objectives.get_index_of(&ids[i]).expect("added") as u32;
        for (j, l) in links.iter().enumerate() {
            let Some(parent) = g.objectives.get_index_of(&l.id) else {
                let e = OkrError::UnknownId {
                    kind: EntityKind::Objective,
                    id: l.id.clone(),
                };
                found.push(((i, j), at(i, j, ".id", e)));
                continue;
            };
            if let Err(e) =
                crate::model::check_weight(|| format!("{} -> {}", ids[i], l.id), l.weight)
            {
                found.push(((i, j), at(i, j, ".weight", e)));
                continue;
            }
            cands.push(Cand {
                i,
                j,
                weight: l.weight,
                kind: l.kind,
            });
            ends.push((child, parent as u32));
        }
    }
    debug_assert_eq!(g.dag.edge_count(), 0, "the links come all at once");
    let verdicts = add_in_order(g.objectives.len(), &ends);
    let mut batch = Vec::with_capacity(cands.len());
    for ((c, &(child, parent)), verdict) in cands.iter().zip(&ends).zip(verdicts) {
        let (child_id, parent_id) = (&ids[c.i], &parents[c.i][c.j].id);
        let e = match verdict {
            Verdict::Accepted => {
                batch.push((child as usize, parent as usize, c.weight, c.kind));
                continue;
            }
            Verdict::Duplicate => OkrError::AlreadyLinked {
                child: child_id.clone(),
                parent: parent_id.clone(),
            },
            // the error `link` gives: the child, then the path from the parent back to it
            Verdict::Cycle(path) => OkrError::Cycle {
                child: child_id.clone(),
                parent: parent_id.clone(),
                path: std::iter::once(child_id.clone())
                    .chain(path.into_iter().map(|v| {
                        let (id, _) = g.objectives.get_index(v as usize).expect("in range");
                        id.clone()
                    }))
                    .collect(),
            },
        };
        found.push(((c.i, c.j), at(c.i, c.j, "", e)));
    }
    g.link_many(&batch)
        .expect("checked above: known, weighed, new and acyclic");
    crate::sort::sort_by_key(&mut found, |f| f.0);
    if stop_early {
        if let Some(f) = found.into_iter().next() {
            problems.push(f.1);
        }
    } else {
        problems.extend(found.into_iter().map(|f| f.1));
    }
}

/// The alignment depth (objectives in the longest chain) against `limits`, in one
/// topological pass. Names the first objective, in topological order, at the end of a chain
/// over the limit: its id and its place in the document, in the error's message too (a
/// caller of `load_str` sees the error only).
///
/// # Complexity
/// O(V + E).
fn link_depth(g: &Store, places: &Places, limits: &Limits) -> Option<Exceeded> {
    let n = g.objectives.len();
    if n <= limits.max_link_depth {
        return None;
    }
    let mut edges: Vec<(u32, u32)> = Vec::new();
    for (c, e) in g.objectives.values().enumerate() {
        for p in g
            .dag
            .neighbors_directed(e.node, petgraph::Direction::Outgoing)
        {
            let pid = &g.dag[p];
            edges.push((
                c as u32,
                g.objectives.get_index_of(pid).expect("consistent") as u32,
            ));
        }
    }
    let out = crate::algo::csr::Csr::group(n, &edges, |&(c, p)| (c, p));
    let order = crate::algo::topo::order(&out);
    let depth = crate::algo::topo::chain_lengths(&out, &order);
    let v = *order
        .iter()
        .find(|&&v| depth[v as usize] > limits.max_link_depth)?;
    let id = g.objectives.get_index(v as usize).expect("in range").0;
    let at = places.of(g, EntityKind::Objective, id).expect("added");
    Some(exceeded(
        at.clone(),
        format!("alignment depth at {at} (objectives in a chain up to {id:?})"),
        limits.max_link_depth,
        depth[v as usize],
    ))
}

/// The message of a duplicate id in a document, naming where the id was first used
/// (`duplicate key result id "x": already the id of the objective at objectives[0]`).
fn duplicate(kind: EntityKind, id: &str, existing: EntityKind, first: &str) -> String {
    format!("duplicate {kind} id {id:?}: already the id of the {existing} at {first}")
}

/// Where in the document the objectives and key results added to the store so far came
/// from, by their position in the store: a duplicate id names both places.
#[derive(Default)]
struct Places {
    /// `objectives[i]` of each objective.
    objectives: Vec<usize>,
    /// `objectives[i].key_results[j]` of each key result.
    key_results: Vec<(usize, usize)>,
    /// `kpis[i]` of each KPI, by id.
    kpis: HashMap<String, usize>,
}

impl Places {
    /// The places of the objectives and key results now in `g`, from the document's
    /// objective ids (`ids[i]` at `objectives[i]`) and the key results placed so far.
    fn by_id(g: &Store, ids: &[String], known: &HashMap<String, (usize, usize)>) -> Places {
        let objective_at: HashMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let objectives = g
            .objectives
            .keys()
            .map(|id| objective_at.get(id.as_str()).copied().unwrap_or(0))
            .collect();
        // a key result's place: where it was placed before the replay, else its objective's
        let key_results = g
            .key_results
            .iter()
            .map(|(k, e)| {
                known.get(k).copied().unwrap_or_else(|| {
                    let i = objective_at.get(e.data.objective.as_str()).copied();
                    (i.unwrap_or(0), 0)
                })
            })
            .collect();
        Places {
            objectives,
            key_results,
            kpis: HashMap::new(),
        }
    }

    /// The document path of the objective or key result that has `id` in `g`.
    fn of(&self, g: &Store, kind: EntityKind, id: &str) -> Option<String> {
        match kind {
            EntityKind::Objective => {
                let i = self.objectives[g.objectives.get_index_of(id)?];
                Some(format!("objectives[{i}]"))
            }
            EntityKind::KeyResult => {
                let (i, j) = self.key_results[g.key_results.get_index_of(id)?];
                Some(format!("objectives[{i}].key_results[{j}]"))
            }
            EntityKind::Kpi => Some(format!("kpis[{}]", self.kpis.get(id)?)),
            _ => None,
        }
    }

    /// The problem at `path` for `e`, with a duplicate id's message naming where the id was
    /// first used.
    fn problem(&self, g: &Store, path: String, e: OkrError) -> DocProblem {
        let message = match &e {
            OkrError::DuplicateId { kind, id, existing } => match self.of(g, *existing, id) {
                Some(first) => duplicate(*kind, id, *existing, &first),
                None => e.to_string(),
            },
            _ => e.to_string(),
        };
        DocProblem {
            path,
            code: e.code(),
            message,
        }
    }
}

/// Orders entities so that every parent comes before its children. Returns the order and the
/// problems: duplicate ids, unknown parents, parent loops. Entities with problems are left out.
fn parents_first(
    section: &str,
    kind: EntityKind,
    items: &[(&str, Option<&str>)],
) -> (Vec<usize>, Vec<DocProblem>) {
    let mut problems = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut skip = vec![false; items.len()];
    for (i, (id, _)) in items.iter().enumerate() {
        if let Some(&first) = index.get(id) {
            problems.push(DocProblem {
                path: format!("{section}[{i}].id"),
                code: "duplicate_id",
                message: duplicate(kind, id, kind, &format!("{section}[{first}]")),
            });
            skip[i] = true;
        } else {
            index.insert(id, i);
        }
    }
    // 0 = unvisited, 1 = on the current chain, 2 = placed, 3 = failed
    let mut state = vec![0u8; items.len()];
    let mut order = Vec::with_capacity(items.len());
    for start in 0..items.len() {
        if skip[start] || state[start] != 0 {
            continue;
        }
        let mut chain = vec![start];
        state[start] = 1;
        let outcome = loop {
            let cur = *chain.last().expect("non-empty");
            match items[cur].1 {
                None => break 2u8,
                Some(p) => match index.get(p) {
                    None => {
                        problems.push(DocProblem {
                            path: format!("{section}[{cur}].parent"),
                            code: "unknown_id",
                            message: format!("unknown {kind} {p:?}"),
                        });
                        break 3;
                    }
                    Some(&pi) => match state[pi] {
                        2 => break 2,
                        3 => break 3,
                        1 => {
                            let at = chain.iter().position(|&c| c == pi).expect("on chain");
                            let mut ids: Vec<&str> =
                                chain[at..].iter().map(|&c| items[c].0).collect();
                            ids.push(items[pi].0);
                            problems.push(DocProblem {
                                path: format!("{section}[{cur}].parent"),
                                code: "cycle",
                                message: format!(
                                    "{kind} parents form a loop: {}",
                                    ids.join(" -> ")
                                ),
                            });
                            break 3;
                        }
                        _ => {
                            state[pi] = 1;
                            chain.push(pi);
                        }
                    },
                },
            }
        };
        // The chain runs child -> parent; place parents first.
        for &c in chain.iter().rev() {
            state[c] = outcome;
            if outcome == 2 {
                order.push(c);
            }
        }
    }
    (order, problems)
}

/// Adds a section of tree-shaped entities (owners, cycles) parents first, recording problems
/// at `section[i]`. Returns each id's position in the document, to restore document order.
fn add_parents_first<T: Clone>(
    g: &mut Store,
    section: &str,
    kind: EntityKind,
    items: &[T],
    refs: impl Fn(&T) -> (&str, Option<&str>),
    add: impl Fn(&mut Store, T) -> Result<()>,
    problems: &mut Vec<DocProblem>,
) -> HashMap<String, usize> {
    let item_refs: Vec<_> = items.iter().map(&refs).collect();
    let (order, ps) = parents_first(section, kind, &item_refs);
    problems.extend(ps);
    for i in order {
        if let Err(e) = add(g, items[i].clone()) {
            problems.push(DocProblem {
                path: format!("{section}[{i}]"),
                code: e.code(),
                message: e.to_string(),
            });
        }
    }
    item_refs
        .iter()
        .enumerate()
        .map(|(i, r)| (r.0.to_string(), i))
        .collect()
}

impl Document {
    /// Builds as much of the graph as it can, collecting problems (or stopping at the first
    /// when `stop_early`).
    pub(crate) fn build(
        self,
        stop_early: bool,
        limits: &Limits,
    ) -> (OkrGraph, Vec<DocProblem>, Option<Exceeded>) {
        let mut doc = self;
        let workflow = super::workflow::DocWorkflow {
            review: doc.review.take(),
            proposals: std::mem::take(&mut doc.proposals),
            comments: std::mem::take(&mut doc.comments),
            acknowledgements: std::mem::take(&mut doc.acknowledgements),
            closed_cycles: std::mem::take(&mut doc.closed_cycles),
        };
        let dependencies = std::mem::take(&mut doc.dependencies);
        let initiatives = std::mem::take(&mut doc.initiatives);
        let version = doc.version;
        let (mut store, mut problems, limit) = doc.build_store(stop_early, limits);
        // the graph keeps the limits it was read with: every change is held to them
        store.limits = *limits;
        let mut g = OkrGraph::from_store(store);
        let stopped = stop_early && !problems.is_empty() || limit.is_some();
        if !stopped && !workflow.is_empty() {
            if version < 2 {
                problems.push(DocProblem {
                    path: "proposals".into(),
                    code: "document",
                    message:
                        "`review`, `proposals`, `comments` and `acknowledgements` need version 2"
                            .into(),
                });
            } else {
                workflow.build(&mut g, stop_early, &mut problems);
            }
        }
        let stopped = stop_early && !problems.is_empty() || limit.is_some();
        if !stopped {
            super::dependencies::build(&mut g, dependencies, version, stop_early, &mut problems);
        }
        let stopped = stop_early && !problems.is_empty() || limit.is_some();
        if !stopped {
            super::initiatives::build(&mut g, initiatives, version, stop_early, &mut problems);
        }
        (g, problems, limit)
    }

    fn build_store(
        self,
        stop_early: bool,
        limits: &Limits,
    ) -> (Store, Vec<DocProblem>, Option<Exceeded>) {
        let Document {
            version,
            owners,
            cycles,
            kpis,
            groups,
            mut objectives,
            history,
            extra,
            ..
        } = self;
        let mut g = Store::default();
        // the store holds what it is given to the limits as it is built, but for the
        // alignment depth, checked once at the end (in the latest state, whatever links the
        // history added and removed)
        g.limits = Limits {
            max_link_depth: usize::MAX,
            ..*limits
        };
        g.extra = extra;
        let mut problems = Vec::new();
        macro_rules! bail_early {
            () => {
                if stop_early && !problems.is_empty() {
                    return (g, problems, None);
                }
            };
        }
        if !reads_version(version) {
            problems.push(DocProblem {
                path: "version".into(),
                code: "document",
                message: format!(
                    "unsupported version {version} (this build reads versions 1 to {FORMAT_VERSION})"
                ),
            });
            return (g, problems, None);
        }
        if version < 2 && !history.is_empty() {
            problems.push(DocProblem {
                path: "history".into(),
                code: "document",
                message: "`history` needs version 2".into(),
            });
            return (g, problems, None);
        }
        // With a history, the objectives and key results it creates wait for their revision,
        // and every check-in waits until the history is replayed (it must fit the measure in
        // force at its time).
        let timed = !history.is_empty();
        let created = Created::of(&history);
        let mut pending = Pending::default();
        fn at(path: String, e: OkrError) -> DocProblem {
            DocProblem {
                path,
                code: e.code(),
                message: e.to_string(),
            }
        }

        // Owners and cycles may refer to parents later in the file: insert parents first,
        // then restore document order.
        let rank = add_parents_first(
            &mut g,
            "owners",
            EntityKind::Owner,
            &owners,
            |o| (o.id.as_str(), o.parent.as_deref()),
            Store::add_owner,
            &mut problems,
        );
        g.order_owners(|k| rank.get(k).copied());
        bail_early!();
        // groups of viewers, which objectives name
        if !groups.is_empty() && version < 2 {
            problems.push(DocProblem {
                path: "groups".into(),
                code: "document",
                message: "`groups` need version 2".into(),
            });
            return (g, problems, None);
        }
        for (i, group) in groups.into_iter().enumerate() {
            if let Err(e) = g.add_group(group) {
                let field = match &e {
                    OkrError::UnknownId { .. } => ".members",
                    OkrError::InvalidValue { field, .. } if field.starts_with("members") => {
                        ".members"
                    }
                    _ => ".id",
                };
                problems.push(at(format!("groups[{i}]{field}"), e));
                bail_early!();
            }
        }
        let rank = add_parents_first(
            &mut g,
            "cycles",
            EntityKind::Cycle,
            &cycles,
            |c| (c.id.as_str(), c.parent.as_deref()),
            Store::add_cycle,
            &mut problems,
        );
        g.order_cycles(|k| rank.get(k).copied());
        bail_early!();
        if !kpis.is_empty() && version < 2 {
            problems.push(DocProblem {
                path: "kpis".into(),
                code: "document",
                message: "`kpis` needs version 2".into(),
            });
            return (g, problems, None);
        }
        let kpi_places =
            super::kpis::build(&mut g, kpis, &mut objectives, stop_early, &mut problems);
        bail_early!();

        // The document's entities move into the graph: nothing is copied but the ids that
        // key results and error messages need.
        let n = objectives.len();
        let mut places = Places {
            kpis: kpi_places.clone(),
            ..Places::default()
        };
        let mut added = vec![false; n];
        let mut ids: Vec<String> = Vec::with_capacity(n);
        let mut parents: Vec<Vec<DocLink>> = Vec::with_capacity(n);
        let mut key_results: Vec<Vec<DocKeyResult>> = Vec::with_capacity(n);
        for (i, mut o) in objectives.into_iter().enumerate() {
            ids.push(o.id.clone());
            let obj = o.objective();
            if created.objectives.contains_key(&o.id) {
                // created by the history: it, its links and key results wait
                let id = o.id.clone();
                for (j, l) in o.parents.into_iter().enumerate() {
                    let path = format!("objectives[{i}].parents[{j}]");
                    pending
                        .links
                        .push((path, id.clone(), l.id, l.weight, l.kind));
                }
                let mut later = LaterObjective {
                    index: i,
                    objective: obj,
                    key_results: Vec::new(),
                };
                for (j, k) in o.key_results.into_iter().enumerate() {
                    let path = format!("objectives[{i}].key_results[{j}]");
                    let (kr, check_ins) = k.into_parts(id.clone());
                    pending
                        .check_ins
                        .push((kr.id.clone(), path.clone(), check_ins));
                    if created.key_results.contains_key(&kr.id) {
                        pending.key_results.insert(kr.id.clone(), (path, kr));
                    } else {
                        later.key_results.push((j, kr));
                    }
                }
                pending.objectives.insert(id, later);
                parents.push(Vec::new());
                key_results.push(Vec::new());
                continue;
            }
            if timed
                && o.parents
                    .iter()
                    .any(|l| created.objectives.contains_key(&l.id))
            {
                // links to a parent the history creates wait for it
                let mut now = Vec::with_capacity(o.parents.len());
                for (j, l) in o.parents.into_iter().enumerate() {
                    if created.objectives.contains_key(&l.id) {
                        let path = format!("objectives[{i}].parents[{j}]");
                        pending
                            .links
                            .push((path, o.id.clone(), l.id, l.weight, l.kind));
                    } else {
                        now.push(l);
                    }
                }
                parents.push(now);
            } else {
                parents.push(o.parents);
            }
            key_results.push(o.key_results);
            match g.add_objective(obj) {
                Ok(()) => {
                    added[i] = true;
                    places.objectives.push(i);
                }
                Err(e) => {
                    let field = match &e {
                        OkrError::UnknownId {
                            kind: EntityKind::Owner,
                            ..
                        } => ".owner",
                        OkrError::UnknownId {
                            kind: EntityKind::Cycle,
                            ..
                        } => ".cycle",
                        OkrError::InvalidValue { field, .. } if field.starts_with("override") => {
                            ".override"
                        }
                        OkrError::UnknownId {
                            kind: EntityKind::Viewer,
                            ..
                        } => ".viewers",
                        OkrError::InvalidValue { field, .. } if field.starts_with("viewers") => {
                            ".viewers"
                        }
                        _ => ".id",
                    };
                    problems.push(places.problem(&g, format!("objectives[{i}]{field}"), e));
                }
            }
            bail_early!();
        }

        // A key result's parent may come later in the document: the parents are set once
        // every key result is in, (store position, parent, path of the key result).
        let mut kr_parents: Vec<(usize, crate::model::KeyResultParent, String)> = Vec::new();
        for (i, krs) in key_results.into_iter().enumerate() {
            if !added[i] {
                continue;
            }
            for (j, k) in krs.into_iter().enumerate() {
                let (mut kr, doc_check_ins) = k.into_parts(ids[i].clone());
                // the parent of a key result the history creates comes with it
                let parent = if created.key_results.contains_key(&kr.id) {
                    None
                } else {
                    kr.parent.take()
                };
                let mut defer = |k: usize| {
                    if let Some(p) = parent.clone() {
                        kr_parents.push((k, p, format!("objectives[{i}].key_results[{j}]")));
                    }
                };
                if timed {
                    let path = format!("objectives[{i}].key_results[{j}]");
                    let check_ins = (kr.id.clone(), path.clone(), doc_check_ins);
                    if created.key_results.contains_key(&kr.id) {
                        pending.key_results.insert(kr.id.clone(), (path, kr));
                        pending.check_ins.push(check_ins);
                        continue;
                    }
                    match g.add_key_result(kr) {
                        Ok(k) => {
                            places.key_results.push((i, j));
                            pending.check_ins.push(check_ins);
                            defer(k);
                        }
                        Err(e) => {
                            let path = format!("{path}{}", key_result_field(&e));
                            problems.push(places.problem(&g, path, e));
                            bail_early!();
                        }
                    }
                    continue;
                }
                let k_index = match g.add_key_result(kr) {
                    Ok(k) => {
                        places.key_results.push((i, j));
                        defer(k);
                        k
                    }
                    Err(e) => {
                        let path =
                            format!("objectives[{i}].key_results[{j}]{}", key_result_field(&e));
                        problems.push(places.problem(&g, path, e));
                        bail_early!();
                        continue;
                    }
                };
                // Validate each check-in where it stands in the document, then record them all
                // at once (sorted once: O(C log C), not O(C^2) for check-ins written newest
                // first).
                let kid = g
                    .key_results
                    .get_index(k_index)
                    .expect("just added")
                    .0
                    .clone();
                let mut check_ins = Vec::with_capacity(doc_check_ins.len());
                for (c, ci) in doc_check_ins.into_iter().enumerate() {
                    let result = ci.into_check_in(&kid).and_then(|ci| {
                        g.validate_check_in(k_index, &ci)?;
                        g.check_check_in_limits(&kid, &ci)?;
                        Ok(ci)
                    });
                    match result {
                        Ok(ci) => check_ins.push(ci),
                        Err(e) => {
                            let path = format!("objectives[{i}].key_results[{j}].check_ins[{c}]");
                            problems.push(at(path, e));
                            if stop_early {
                                return (g, problems, None);
                            }
                        }
                    }
                }
                // each check-in was validated above; their number is held to the limit (which
                // the readers' scans check first)
                if let Err((c, e)) = g.add_check_ins(k_index, check_ins) {
                    let path = format!("objectives[{i}].key_results[{j}].check_ins[{c}]");
                    problems.push(at(path, e));
                    if stop_early {
                        return (g, problems, None);
                    }
                }
            }
        }

        if !kr_parents.is_empty() {
            let (links, paths): (Vec<_>, Vec<_>) = kr_parents
                .into_iter()
                .map(|(k, p, path)| ((k, p), path))
                .unzip();
            if let Err((i, e)) = g.set_parents(links) {
                problems.push(at(format!("{}.parent", paths[i]), e));
            }
            bail_early!();
        }
        build_links(&mut g, &ids, &parents, &added, stop_early, &mut problems);
        bail_early!();
        if timed {
            let known: HashMap<String, (usize, usize)> = g
                .key_results
                .keys()
                .cloned()
                .zip(places.key_results.iter().copied())
                .collect();
            let replayed =
                super::history::replay(&mut g, history, pending, stop_early, &mut problems);
            if !replayed {
                return (g, problems, None);
            }
            // the replay added and removed objectives: find each one's place by id
            places = Places::by_id(&g, &ids, &known);
            places.kpis = kpi_places;
        }
        let limit = link_depth(&g, &places, limits);
        if let Some(e) = &limit {
            problems.push(DocProblem {
                path: e.path.clone(),
                code: e.error.code(),
                message: e.error.to_string(),
            });
        }
        (g, problems, limit)
    }
}

/// Where in a key result the problem `e` of adding it points: its owner, weight, measure,
/// plan point or override, else its id.
fn key_result_field(e: &OkrError) -> String {
    match e {
        OkrError::UnknownId {
            kind: EntityKind::Kpi,
            ..
        }
        | OkrError::UnitMismatch { .. } => ".kpi".into(),
        OkrError::UnknownId { .. } => ".owner".into(),
        OkrError::InvalidWeight { .. } => ".weight".into(),
        OkrError::InvalidMeasure { .. } => ".measure".into(),
        OkrError::InvalidValue { field, .. } => plan_field(field),
        _ => ".id".into(),
    }
}

/// Where in a key result an `InvalidValue` about field `field` points: its plan (the point at
/// the index the field names), its override, else its id.
fn plan_field(field: &str) -> String {
    if let Some(rest) = field.strip_prefix("plan[") {
        let i: String = rest.chars().take_while(char::is_ascii_digit).collect();
        return format!(".plan[{i}]");
    }
    for name in ["plan", "override"] {
        if field.starts_with(name) {
            return format!(".{name}");
        }
    }
    ".id".into()
}
