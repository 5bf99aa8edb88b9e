//! The document a viewer may see: the graph's document with every hidden entity left out,
//! and for each visible objective with hidden inputs one combined entry in their place.
//!
//! Working on the document (rather than on the store) makes a view an ordinary graph: every
//! query of [`OkrGraph`] runs on it unchanged, and nothing hidden can reach an output because
//! nothing hidden is in the view at all. The combined entries' figures are filled in by the
//! rollup from the full graph's (see `rollup/pin.rs`).

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::{ViewPolicy, Viewer};
use crate::document::{DocLink, DocObjective, DocRevision, Document};
use crate::graph::OkrGraph;
use crate::model::{Extra, LinkKind, Visibility};

/// The title of a combined entry in the view's document (reports show the count of the
/// hidden objectives it stands for where a breakdown is shown).
pub(crate) const HIDDEN_TITLE: &str = "Hidden objectives";
/// The same under [`ViewPolicy::ExcludeHidden`].
pub(crate) const EXCLUDED_TITLE: &str = "Hidden objectives (not counted)";

/// What [`view_document`] made besides the document.
pub(crate) struct Filtered {
    /// The view's document.
    pub(crate) doc: Document,
    /// Each combined entry's id and the visible objective it stands under.
    pub(crate) placeholders: HashMap<String, String>,
    /// The visible key results that were once under a hidden objective (shown under their
    /// latest objective all along): their figures are pinned too.
    pub(crate) rehomed: Vec<String>,
}

/// An objective's fields that decide who sees it, as they last were.
struct Seen {
    owner: String,
    visibility: Visibility,
    viewers: Vec<String>,
}

/// The value of a string member of a revision's `set`.
fn set_str(set: &Extra, key: &str) -> Option<String> {
    match set.get(key)? {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// The `viewers` a revision's `set` gives, if any.
fn set_viewers(set: &Extra) -> Option<Vec<String>> {
    serde_json::from_value(set.get("viewers")?).ok()
}

/// An id no objective, key result or owner of `doc` has: `base`, else `base` with `~` added
/// until it is free.
fn free_id(base: String, taken: &HashSet<String>) -> String {
    let mut id = base;
    while taken.contains(&id) {
        id.push('~');
    }
    id
}

/// The document `v` may see of `g` (see the module).
///
/// # Complexity
/// O(size of the document): one export of the graph, then passes over its parts with hash
/// lookups.
pub(crate) fn view_document(g: &OkrGraph, v: &Viewer<'_>, policy: ViewPolicy) -> Filtered {
    let mut doc = g.to_document();

    // --- who sees each objective that ever was: its latest fields ---
    let mut seen: HashMap<String, Seen> = doc
        .objectives
        .iter()
        .map(|o| {
            let s = Seen {
                owner: o.owner.clone(),
                visibility: o.visibility,
                viewers: o.viewers.clone(),
            };
            (o.id.clone(), s)
        })
        .collect();
    for r in &doc.history {
        let (Some(o), Some(set)) = (&r.objective, &r.set) else {
            continue;
        };
        let Some(s) = seen.get_mut(o) else { continue };
        if let Some(owner) = set_str(set, "owner") {
            s.owner = owner;
        }
        // read as the document reads them (it loaded: they are well-formed)
        if let Some(vis) = set
            .get("visibility")
            .and_then(|v| serde_json::from_value(v).ok())
        {
            s.visibility = vis;
        }
        if let Some(viewers) = set_viewers(set) {
            s.viewers = viewers;
        }
    }
    // the objectives there are now: as they are
    for o in g.objectives() {
        seen.insert(
            o.id.clone(),
            Seen {
                owner: o.owner.clone(),
                visibility: o.visibility,
                viewers: o.viewers.clone(),
            },
        );
    }
    let visible: HashSet<String> = seen
        .iter()
        .filter(|(_, s)| v.sees_parts(&s.owner, s.visibility, &s.viewers))
        .map(|(id, _)| id.clone())
        .collect();

    // --- each key result's objectives over time, and its latest ---
    let mut kr_path: HashMap<String, Vec<String>> = HashMap::new();
    for o in &doc.objectives {
        for k in &o.key_results {
            kr_path.insert(k.id.clone(), vec![o.id.clone()]);
        }
    }
    for r in &doc.history {
        if let (Some(k), Some(set)) = (&r.key_result, &r.set)
            && let Some(o) = set_str(set, "objective")
            && let Some(path) = kr_path.get_mut(k)
        {
            path.push(o);
        }
    }
    for k in g.key_results() {
        if let Some(path) = kr_path.get_mut(&k.id)
            && path.last() != Some(&k.objective)
        {
            path.push(k.objective.clone());
        }
    }
    let kr_visible: HashSet<String> = kr_path
        .iter()
        .filter(|(_, p)| p.last().is_some_and(|o| visible.contains(o)))
        .map(|(k, _)| k.clone())
        .collect();
    // visible key results that were under a hidden objective once: shown under their latest
    // objective all along (their moves would name the hidden one)
    let rehomed: HashMap<String, String> = kr_path
        .iter()
        .filter(|(k, p)| kr_visible.contains(*k) && p.iter().any(|o| !visible.contains(o)))
        .map(|(k, p)| (k.clone(), p.last().cloned().unwrap_or_default()))
        .collect();

    // --- the visible objectives with inputs hidden at some time ---
    let mut with_hidden: HashSet<String> = HashSet::new();
    for o in doc.objectives.iter().filter(|o| !visible.contains(&o.id)) {
        for p in &o.parents {
            if visible.contains(&p.id) {
                with_hidden.insert(p.id.clone());
            }
        }
    }
    for r in &doc.history {
        if let Some(l) = &r.link
            && !visible.contains(&l.child)
            && visible.contains(&l.parent)
        {
            with_hidden.insert(l.parent.clone());
        }
    }
    for (k, path) in &kr_path {
        if !kr_visible.contains(k) {
            with_hidden.extend(path.iter().filter(|o| visible.contains(*o)).cloned());
        }
    }

    // --- objectives and key results ---
    let mut moved = Vec::new();
    for o in &mut doc.objectives {
        let keep_here = |k: &crate::document::DocKeyResult| {
            kr_visible.contains(&k.id) && !rehomed.contains_key(&k.id)
        };
        let (stay, go): (Vec<_>, Vec<_>) = std::mem::take(&mut o.key_results)
            .into_iter()
            .partition(keep_here);
        o.key_results = stay;
        moved.extend(go.into_iter().filter(|k| rehomed.contains_key(&k.id)));
    }
    doc.objectives.retain(|o| visible.contains(&o.id));
    let pos: HashMap<String, usize> = (doc.objectives.iter().enumerate())
        .map(|(i, o)| (o.id.clone(), i))
        .collect();
    for k in moved {
        if let Some(&i) = rehomed.get(&k.id).and_then(|o| pos.get(o)) {
            doc.objectives[i].key_results.push(k);
        }
    }
    for o in &mut doc.objectives {
        o.parents.retain(|p| visible.contains(&p.id));
        for k in &mut o.key_results {
            if k.parent
                .as_ref()
                .is_some_and(|p| !kr_visible.contains(&p.id))
            {
                k.parent = None;
            }
        }
    }

    // --- history ---
    let kr_ok = |k: &str| kr_visible.contains(k);
    doc.history.retain_mut(|r| {
        if let Some(o) = &r.objective {
            return visible.contains(o);
        }
        if let Some(l) = &r.link {
            return visible.contains(&l.child) && visible.contains(&l.parent);
        }
        let Some(k) = &r.key_result else { return false };
        if !kr_ok(k) {
            return false;
        }
        if let Some(set) = &mut r.set {
            if rehomed.contains_key(k) {
                set.remove("objective");
            }
            if let Some(p) = set_str(set, "parent").or_else(|| {
                set.get("parent")
                    .and_then(|p| p.get("id").and_then(|x| x.as_str().map(str::to_string)))
            }) && !kr_ok(&p)
            {
                set.insert("parent", Value::Null);
            }
            if set.is_empty() {
                return false;
            }
        }
        true
    });

    // a key result shown under its latest objective is made no earlier than that objective:
    // its `created` revision waits for the objective's when that comes later
    let made_later: HashSet<String> = (doc.history.iter())
        .filter(|r| r.created)
        .filter_map(|r| r.objective.clone())
        .collect();
    if rehomed.values().any(|o| made_later.contains(o)) {
        let mut waiting: HashMap<String, Vec<DocRevision>> = HashMap::new();
        let mut history = Vec::with_capacity(doc.history.len());
        let mut made: HashSet<String> = HashSet::new();
        for r in std::mem::take(&mut doc.history) {
            if r.created
                && let Some(k) = &r.key_result
                && let Some(home) = rehomed.get(k)
                && made_later.contains(home)
                && !made.contains(home)
            {
                waiting.entry(home.clone()).or_default().push(r);
                continue;
            }
            let at = r.at;
            let objective = r.objective.clone().filter(|_| r.created);
            history.push(r);
            if let Some(o) = objective {
                made.insert(o.clone());
                for mut w in waiting.remove(&o).unwrap_or_default() {
                    w.at = w.at.max(at);
                    history.push(w);
                }
            }
        }
        doc.history = history;
    }

    // --- the combined entries ---
    let mut taken: HashSet<String> = doc.objectives.iter().map(|o| o.id.clone()).collect();
    taken.extend(kr_visible.iter().cloned());
    let mut owner_ids: HashSet<String> = doc.owners.iter().map(|o| o.id.clone()).collect();
    owner_ids.extend(doc.groups.iter().map(|gr| gr.id.clone()));
    let mut placeholders = HashMap::new();
    if !with_hidden.is_empty() {
        let owner = free_id("hidden".into(), &owner_ids);
        doc.owners
            .push(crate::model::Owner::new(owner.clone(), "Hidden", "hidden"));
        let (title, kind) = match policy {
            ViewPolicy::CountHidden => (HIDDEN_TITLE, LinkKind::Contributes),
            ViewPolicy::ExcludeHidden => (EXCLUDED_TITLE, LinkKind::Supports),
        };
        let mut added = Vec::new();
        for o in doc
            .objectives
            .iter()
            .filter(|o| with_hidden.contains(&o.id))
        {
            let id = free_id(format!("{}~hidden", o.id), &taken);
            taken.insert(id.clone());
            placeholders.insert(id.clone(), o.id.clone());
            added.push(DocObjective {
                id,
                title: title.into(),
                description: String::new(),
                owner: owner.clone(),
                cycle: o.cycle.clone(),
                state: Default::default(),
                kind: Default::default(),
                rollup: Default::default(),
                status_rule: Default::default(),
                parents: vec![DocLink {
                    id: o.id.clone(),
                    weight: 1.0,
                    kind,
                }],
                key_results: Vec::new(),
                r#override: None,
                cadence: None,
                visibility: Visibility::Public,
                viewers: Vec::new(),
                extra: Extra::new(),
            });
        }
        // made with their objective, removed just before it
        let entry_of: HashMap<&str, &str> = placeholders
            .iter()
            .map(|(p, o)| (o.as_str(), p.as_str()))
            .collect();
        let mut history = Vec::with_capacity(doc.history.len());
        for r in std::mem::take(&mut doc.history) {
            let entry = r
                .objective
                .as_deref()
                .and_then(|o| entry_of.get(o))
                .map(|p| p.to_string());
            match entry {
                Some(p) if r.created => {
                    let at = r.at;
                    history.push(r);
                    history.push(revision_of(p, at, true));
                }
                Some(p) if r.removed => {
                    history.push(revision_of(p, r.at, false));
                    history.push(r);
                }
                _ => history.push(r),
            }
        }
        doc.history = history;
        doc.objectives.extend(added);
    }

    // --- the rest: what names a hidden objective or key result goes ---
    doc.dependencies.retain(|d| {
        let ok = |id: &str| visible.contains(id) || kr_visible.contains(id);
        ok(&d.blocker) && ok(&d.blocked)
    });
    doc.initiatives
        .retain(|i| kr_visible.contains(&i.key_result));
    let about = |o: &Option<String>, k: &Option<String>| match (o, k) {
        (Some(o), _) => visible.contains(o),
        (None, Some(k)) => kr_visible.contains(k),
        (None, None) => true,
    };
    doc.comments.retain(|c| about(&c.objective, &c.key_result));
    doc.acknowledgements
        .retain(|a| kr_visible.contains(&a.key_result));
    doc.proposals.retain_mut(|p| {
        if !about(&p.objective, &p.key_result) {
            return false;
        }
        if let Some(u) = &p.under
            && !visible.contains(u)
        {
            return false;
        }
        if let Some(set) = &p.set
            && set_str(set, "objective").is_some_and(|o| !visible.contains(&o))
        {
            return false;
        }
        if let Some(o) = &mut p.new_objective {
            if !v.sees_parts(&o.owner, o.visibility, &o.viewers) {
                return false;
            }
            o.parents.retain(|l| visible.contains(&l.id));
        }
        true
    });
    for c in &mut doc.closed_cycles {
        let ok = |id: &str| visible.contains(id) || kr_visible.contains(id);
        c.scores.retain(|s| ok(&s.id));
        c.reflections.retain(|r| visible.contains(&r.objective));
        c.decisions.retain(|d| kr_visible.contains(&d.key_result));
        c.carried.retain(|x| ok(&x.from) && ok(&x.to));
    }
    // groups: those a visible objective names, now or once
    let mut named: HashSet<String> = doc
        .objectives
        .iter()
        .flat_map(|o| o.viewers.iter().cloned())
        .collect();
    for r in &doc.history {
        if let (Some(_), Some(set)) = (&r.objective, &r.set)
            && let Some(viewers) = set_viewers(set)
        {
            named.extend(viewers);
        }
    }
    doc.groups.retain(|gr| named.contains(&gr.id));

    let mut rehomed: Vec<String> = rehomed.into_keys().collect();
    crate::sort::sort_unstable(&mut rehomed);
    Filtered {
        doc,
        placeholders,
        rehomed,
    }
}

/// A revision creating (or removing) the combined entry `id` at `at`.
fn revision_of(id: String, at: chrono::DateTime<chrono::Utc>, created: bool) -> DocRevision {
    DocRevision {
        at,
        by: None,
        reason: None,
        objective: Some(id),
        key_result: None,
        link: None,
        set: None,
        created,
        removed: !created,
    }
}
