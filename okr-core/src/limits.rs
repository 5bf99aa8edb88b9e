//! Safety limits on documents, and the allocation-free pre-scan that checks them before any
//! memory is spent on parsing; and the checks of the same limits on the changes made through
//! the API (`store/limits.rs` counts, [`Limits::check_str`] and [`Limits::check_extra`] the
//! strings given). Below the store and the document readers, which both hold to them; the
//! public path is [`crate::document::Limits`].

use std::ops::ControlFlow;

use crate::error::OkrError;
use crate::json_scan::{Keys, Kind, Scanner, Seg, Token, Undecoded, Visit};

/// Safety limits on what a document may contain. Loading checks them before spending memory
/// on the document: its size first, then one allocation-free pass over the text (nesting
/// depth, string lengths, entity counts, check-ins per key result, parents per objective,
/// milestones, revisions, plan points, KPIs, their values and targets, initiatives and their
/// updates), and the alignment depth once the links are known. Exceeding one is
/// [`OkrError::LimitExceeded`] (code `limit_exceeded`) naming what was counted and where.
///
/// The defaults fit the largest organisations (a million objectives, five million key results)
/// while keeping a hostile document from exhausting memory, the stack or the CPU.
///
/// ```
/// use okr_core::document::{Limits, load_str_with};
/// let limits = Limits { max_objectives: 1, ..Limits::default() };
/// let text = r#"{"version": 1,
///   "owners": [{"id": "a"}], "cycles": [{"id": "q", "start": "2026-10-01", "end": "2026-12-31"}],
///   "objectives": [{"id": "x", "title": "X", "owner": "a", "cycle": "q"},
///                  {"id": "y", "title": "Y", "owner": "a", "cycle": "q"}]}"#;
/// let err = load_str_with(text, &limits).unwrap_err();
/// assert_eq!(err.code(), "limit_exceeded");
/// assert_eq!(err.to_string(), "limit exceeded: objectives is 2, the limit is 1");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    /// Document size in bytes (default 512 MiB; a 100,000-objective organisation with 300,000
    /// key results and 1.3 million check-ins is about 320 MB of pretty-printed JSON).
    pub max_document_bytes: usize,
    /// JSON nesting depth, `extra` data included (default 64; a document itself needs 7).
    /// serde_json refuses more than 128 on its own.
    pub max_json_depth: usize,
    /// Length in bytes of any one string or number as written in the document: ids, titles,
    /// notes, keys and `extra` values (default 1 MiB).
    pub max_string_bytes: usize,
    /// Owners (default 1,000,000); also the groups of viewers, the members of one group and
    /// the viewers of one objective.
    pub max_owners: usize,
    /// Cycles (default 10,000).
    pub max_cycles: usize,
    /// Objectives (default 1,000,000).
    pub max_objectives: usize,
    /// Key results, in all (default 5,000,000).
    pub max_key_results: usize,
    /// Check-ins of one key result (default 10,000: a daily check-in for 27 years).
    pub max_check_ins_per_key_result: usize,
    /// Parents of one objective (default 100).
    pub max_parents_per_objective: usize,
    /// Milestones of one key result, and names in one check-in's `milestones_done`
    /// (default 100).
    pub max_milestones: usize,
    /// Objectives in the longest alignment chain (default 100; real cascades have under 15).
    pub max_link_depth: usize,
    /// Revisions in the document's `history` (default 5,000,000, about what 512 MiB of
    /// history holds: ten a day for each of 1,000 people for more than a year).
    pub max_revisions: usize,
    /// Points of one key result's plan, in the document's objectives or its history (default
    /// 1,000: a daily plan for almost three years).
    pub max_plan_points: usize,
    /// Proposals in the document's `proposals` (default 1,000,000).
    pub max_proposals: usize,
    /// Comments in `comments`, and acknowledgements in `acknowledgements` (default
    /// 5,000,000 each).
    pub max_comments: usize,
    /// Dependencies in `dependencies` (default 1,000,000).
    pub max_dependencies: usize,
    /// KPIs in `kpis` (default 100,000). The values of one KPI are held to
    /// `max_check_ins_per_key_result` (they are the check-ins of the key results that take
    /// their values from it), its monthly targets to `max_plan_points`.
    pub max_kpis: usize,
    /// Initiatives in `initiatives` (default 5,000,000). The updates of one initiative are
    /// held to `max_check_ins_per_key_result`.
    pub max_initiatives: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_document_bytes: 512 << 20,
            max_json_depth: 64,
            max_string_bytes: 1 << 20,
            max_owners: 1_000_000,
            max_cycles: 10_000,
            max_objectives: 1_000_000,
            max_key_results: 5_000_000,
            max_check_ins_per_key_result: 10_000,
            max_parents_per_objective: 100,
            max_milestones: 100,
            max_link_depth: 100,
            max_revisions: 5_000_000,
            max_plan_points: 1_000,
            max_proposals: 1_000_000,
            max_comments: 5_000_000,
            max_dependencies: 1_000_000,
            max_kpis: 100_000,
            max_initiatives: 5_000_000,
        }
    }
}

impl Limits {
    /// No limits at all (JSON nesting is still capped at 128 by serde_json). For trusted
    /// documents only, such as benchmark organisations larger than the defaults.
    pub fn none() -> Self {
        Limits {
            max_document_bytes: usize::MAX,
            max_json_depth: usize::MAX,
            max_string_bytes: usize::MAX,
            max_owners: usize::MAX,
            max_cycles: usize::MAX,
            max_objectives: usize::MAX,
            max_key_results: usize::MAX,
            max_check_ins_per_key_result: usize::MAX,
            max_parents_per_objective: usize::MAX,
            max_milestones: usize::MAX,
            max_link_depth: usize::MAX,
            max_revisions: usize::MAX,
            max_plan_points: usize::MAX,
            max_proposals: usize::MAX,
            max_comments: usize::MAX,
            max_dependencies: usize::MAX,
            max_kpis: usize::MAX,
            max_initiatives: usize::MAX,
        }
    }
}

/// A limit found exceeded: where (a document path, empty for the whole document) and the error.
#[derive(Debug)]
pub(crate) struct Exceeded {
    pub(crate) path: String,
    pub(crate) error: OkrError,
}

impl Limits {
    /// The one check of a document's size against `max_document_bytes`, however it was
    /// measured (`what`: the bytes of a file or a text, the bytes read before stopping, a
    /// string's UTF-16 length).
    pub(crate) fn check_document_size(&self, what: &str, actual: u64) -> Result<(), OkrError> {
        let limit = self.max_document_bytes as u64;
        if actual > limit {
            return Err(OkrError::LimitExceeded {
                what: what.to_string(),
                limit,
                actual,
            });
        }
        Ok(())
    }
}

pub(crate) fn exceeded(path: String, what: String, limit: usize, actual: usize) -> Exceeded {
    Exceeded {
        path,
        error: OkrError::LimitExceeded {
            what,
            limit: limit as u64,
            actual: actual as u64,
        },
    }
}

/// What a container holds, as far as the limits care (shared with the snapshot reader,
/// which holds snapshots to the same limits).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Role {
    Root,
    Owners,
    Cycles,
    Objectives,
    Objective,
    Parents,
    KeyResults,
    KeyResult,
    Measure,
    Milestones,
    CheckIns,
    CheckIn,
    MilestonesDone,
    History,
    Revision,
    Plan,
    Proposals,
    Proposal,
    Comments,
    Acknowledgements,
    ClosedCycles,
    Dependencies,
    Kpis,
    Kpi,
    KpiValues,
    KpiTargets,
    Initiatives,
    Initiative,
    InitiativeUpdates,
    Groups,
    Group,
    GroupMembers,
    Viewers,
    #[default]
    Other,
}

/// The role of a container inside `parent` (an element when `parent_is_array`, else the
/// value of `key`).
pub(crate) fn child_role(parent: Role, parent_is_array: bool, key: Option<&str>) -> Role {
    if parent_is_array {
        return match parent {
            Role::Objectives => Role::Objective,
            Role::KeyResults => Role::KeyResult,
            Role::CheckIns => Role::CheckIn,
            Role::History => Role::Revision,
            Role::Proposals => Role::Proposal,
            Role::Kpis => Role::Kpi,
            Role::Initiatives => Role::Initiative,
            Role::Groups => Role::Group,
            _ => Role::Other,
        };
    }
    match (parent, key) {
        (Role::Root, Some("owners")) => Role::Owners,
        (Role::Root, Some("cycles")) => Role::Cycles,
        (Role::Root, Some("objectives")) => Role::Objectives,
        (Role::Root, Some("history")) => Role::History,
        (Role::Root, Some("proposals")) => Role::Proposals,
        (Role::Root, Some("comments")) => Role::Comments,
        (Role::Root, Some("acknowledgements")) => Role::Acknowledgements,
        (Role::Root, Some("closed_cycles")) => Role::ClosedCycles,
        (Role::Root, Some("dependencies")) => Role::Dependencies,
        (Role::Root, Some("kpis")) => Role::Kpis,
        (Role::Kpi, Some("values")) => Role::KpiValues,
        (Role::Kpi, Some("targets")) => Role::KpiTargets,
        (Role::Root, Some("initiatives")) => Role::Initiatives,
        (Role::Initiative, Some("updates")) => Role::InitiativeUpdates,
        (Role::Root, Some("groups")) => Role::Groups,
        (Role::Group, Some("members")) => Role::GroupMembers,
        (Role::Objective, Some("viewers")) => Role::Viewers,
        // what a proposal proposes: held to an objective's and a key result's limits
        (Role::Proposal, Some("new_objective")) => Role::Objective,
        (Role::Proposal, Some("new_key_result" | "set")) => Role::KeyResult,
        // the fields a revision sets, or of what it creates: held to a key result's limits
        (Role::Revision, Some("set" | "created")) => Role::KeyResult,
        (Role::KeyResult, Some("plan")) => Role::Plan,
        (Role::Objective, Some("parents")) => Role::Parents,
        (Role::Objective, Some("key_results")) => Role::KeyResults,
        (Role::KeyResult, Some("check_ins")) => Role::CheckIns,
        (Role::KeyResult, Some("measure")) => Role::Measure,
        (Role::Measure, Some("milestones")) => Role::Milestones,
        (Role::CheckIn, Some("milestones_done")) => Role::MilestonesDone,
        _ => Role::Other,
    }
}

/// Counts the scan found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) owners: usize,
    pub(crate) cycles: usize,
    pub(crate) objectives: usize,
    pub(crate) key_results: usize,
}

/// Limit error paths name at most this many containers (then `...`).
const PATH_CONTAINERS: usize = 24;

/// One pass over the text without allocating (except a few bytes for error paths): checks
/// the size, nesting depth, string lengths and per-entity counts against `limits`. Tolerates
/// any input: on text that is not JSON it checks what it can and leaves the syntax error to
/// the parser.
pub(crate) fn scan(text: &str, limits: &Limits) -> Result<Counts, Exceeded> {
    limits
        .check_document_size("document size (bytes)", text.len() as u64)
        .map_err(|error| Exceeded {
            path: String::new(),
            error,
        })?;
    let mut check = Check {
        limits,
        counts: Counts::default(),
        root: Role::Root,
        depth: 0,
    };
    if let ControlFlow::Break(e) = Scanner::new(text, Keys::WhereExpected).run(&mut check) {
        return Err(e);
    }
    let counts = check.counts;
    check_totals(&counts, limits)?;
    Ok(counts)
}

/// Checks the text of one value inside a document (the JSON text of an `extra` object, as a
/// snapshot holds it) as [`scan`] checks a document's: its nesting (counting the `depth`
/// containers around it) and its strings. Its keys name nothing (an `extra` key `owners`
/// counts no owner). `Exceeded::path` is relative to the value.
pub(crate) fn scan_value(text: &str, depth: usize, limits: &Limits) -> Result<(), Exceeded> {
    let mut check = Check {
        limits,
        counts: Counts::default(),
        root: Role::Other,
        depth,
    };
    match Scanner::new(text, Keys::WhereExpected).run(&mut check) {
        ControlFlow::Break(e) => Err(e),
        ControlFlow::Continue(()) => Ok(()),
    }
}

/// The totals of a whole document (owners, cycles, objectives, key results) against `limits`.
pub(crate) fn check_totals(counts: &Counts, limits: &Limits) -> Result<(), Exceeded> {
    let totals = [
        ("owners", counts.owners, limits.max_owners),
        ("cycles", counts.cycles, limits.max_cycles),
        ("objectives", counts.objectives, limits.max_objectives),
        ("key results", counts.key_results, limits.max_key_results),
    ];
    for (what, actual, limit) in totals {
        if actual > limit {
            let path = match what {
                "key results" => "objectives".to_string(),
                w => w.to_string(),
            };
            return Err(exceeded(path, what.to_string(), limit, actual));
        }
    }
    Ok(())
}

impl Check<'_> {
    /// How many containers of the text an error path names (fewer in a value inside a
    /// document: the ones around it count).
    fn path_containers(&self) -> usize {
        PATH_CONTAINERS.saturating_sub(self.depth).max(1)
    }
}

/// The scan's visitor: the limits, and the counts so far.
struct Check<'l> {
    limits: &'l Limits,
    counts: Counts,
    /// The role of the text's top-level object (`Root` for a document).
    root: Role,
    /// The containers around the text (0 for a document).
    depth: usize,
}

impl Visit<Role> for Check<'_> {
    type Break = Exceeded;

    #[inline(always)]
    fn token(&mut self, s: &Scanner<'_, Role>, tok: Token) -> ControlFlow<Exceeded> {
        let limits = self.limits;
        match tok.kind {
            Kind::Key | Kind::Str | Kind::Scalar => {
                let (start, end) = tok.inner;
                if end - start > limits.max_string_bytes {
                    let what = if tok.kind == Kind::Scalar {
                        "token"
                    } else {
                        "string"
                    };
                    let at = value_path(s, self.path_containers());
                    return ControlFlow::Break(exceeded(
                        at.clone(),
                        format!("{what} length (bytes) at {at}"),
                        limits.max_string_bytes,
                        end - start,
                    ));
                }
            }
            Kind::Close => {
                if let Some(f) = s.top().filter(|f| f.array) {
                    let (limit, what) = array_limit(f.data, f.len, &mut self.counts, limits);
                    if f.len > limit {
                        let path = s.path(self.path_containers(), Undecoded::Mark);
                        return ControlFlow::Break(exceeded(
                            path.clone(),
                            format!("{what} at {path}"),
                            limit,
                            f.len,
                        ));
                    }
                }
            }
            Kind::Open | Kind::Colon | Kind::Comma => {}
        }
        ControlFlow::Continue(())
    }

    /// What the container holds, and the nesting depth.
    #[inline(always)]
    fn opened(&mut self, s: &mut Scanner<'_, Role>) -> ControlFlow<Exceeded> {
        let role = match s.stack() {
            [.., parent, f] => {
                let key = match f.via {
                    Seg::Key(ks, ke) => s.key((ks, ke)),
                    _ => None,
                };
                child_role(parent.data, parent.array, key.as_deref())
            }
            [f] if f.array => Role::Other,
            _ => self.root,
        };
        if let Some(f) = s.top_mut() {
            f.data = role;
        }
        let depth = s.stack().len() + self.depth;
        if depth > self.limits.max_json_depth {
            let path = s.path(self.path_containers(), Undecoded::Mark);
            let at = if path.is_empty() {
                "the top level"
            } else {
                &path
            };
            return ControlFlow::Break(exceeded(
                path.clone(),
                format!("JSON nesting depth at {at}"),
                self.limits.max_json_depth,
                depth,
            ));
        }
        ControlFlow::Continue(())
    }
}

/// An array of `len` elements in the role `role`: adds its elements to the counts, and
/// returns the limit on them (and what they are).
#[inline(always)]
pub(crate) fn array_limit(
    role: Role,
    len: usize,
    counts: &mut Counts,
    limits: &Limits,
) -> (usize, &'static str) {
    match role {
        Role::Owners => counts.owners += len,
        Role::Cycles => counts.cycles += len,
        Role::Objectives => counts.objectives += len,
        Role::KeyResults => counts.key_results += len,
        Role::CheckIns => return (limits.max_check_ins_per_key_result, "check-ins"),
        Role::Parents => return (limits.max_parents_per_objective, "parents"),
        Role::Milestones => return (limits.max_milestones, "milestones"),
        Role::MilestonesDone => return (limits.max_milestones, "milestones done"),
        Role::History => return (limits.max_revisions, "revisions"),
        Role::Plan => return (limits.max_plan_points, "plan points"),
        Role::Proposals => return (limits.max_proposals, "proposals"),
        Role::Comments => return (limits.max_comments, "comments"),
        Role::Acknowledgements => return (limits.max_comments, "acknowledgements"),
        Role::ClosedCycles => return (limits.max_cycles, "closed cycles"),
        Role::Dependencies => return (limits.max_dependencies, "dependencies"),
        Role::Kpis => return (limits.max_kpis, "KPIs"),
        Role::KpiValues => return (limits.max_check_ins_per_key_result, "KPI values"),
        Role::KpiTargets => return (limits.max_plan_points, "KPI targets"),
        Role::Initiatives => return (limits.max_initiatives, "initiatives"),
        Role::Groups => return (limits.max_owners, "groups"),
        Role::GroupMembers => return (limits.max_owners, "group members"),
        Role::Viewers => return (limits.max_owners, "viewers"),
        Role::InitiativeUpdates => {
            return (limits.max_check_ins_per_key_result, "initiative updates");
        }
        _ => {}
    }
    (usize::MAX, "")
}

/// The path of the value (or key) about to start in the innermost container.
fn value_path(s: &Scanner<'_, Role>, containers: usize) -> String {
    let mut p = s.path(containers, Undecoded::Mark);
    s.push_seg(&mut p, s.place(), Undecoded::Skip);
    p
}

// ----- the same limits on changes made through the API ------------------------------------

/// The length in bytes of `s` as okr writes it in a document, between its quotes (serde_json
/// escapes `"`, `\` and the control characters, nothing else): what the loader's scan
/// measures of a string okr saved. No valid JSON text of `s` is shorter.
///
/// # Complexity
/// O(n) in the string's length.
pub(crate) fn json_len(s: &str) -> usize {
    s.bytes().fold(s.len(), |n, b| match b {
        b'"' | b'\\' | 0x08 | 0x0c | b'\n' | b'\r' | b'\t' => n + 1,
        0..=0x1f => n + 5,
        _ => n,
    })
}

/// `id` quoted for an error message, cut after 64 bytes (the message need not repeat a
/// string over a limit).
pub(crate) fn short(id: &str) -> String {
    const MAX: usize = 64;
    if id.len() <= MAX {
        return format!("{id:?}");
    }
    let mut end = MAX;
    while !id.is_char_boundary(end) {
        end -= 1;
    }
    format!("{:?}...", &id[..end])
}

/// `LimitExceeded` when `actual` is over `limit`; `what` names what was counted (built only
/// on an error).
///
/// # Complexity
/// O(1).
#[inline]
pub(crate) fn check_count(
    what: impl FnOnce() -> String,
    limit: usize,
    actual: usize,
) -> Result<(), OkrError> {
    if actual > limit {
        return Err(OkrError::LimitExceeded {
            what: what(),
            limit: limit as u64,
            actual: actual as u64,
        });
    }
    Ok(())
}

impl Limits {
    /// `LimitExceeded` when the string `s` is longer than `max_string_bytes` as a document
    /// writes it ([`json_len`]); `what` names the string (`the title of objective "x"`).
    ///
    /// # Complexity
    /// O(1) for a string under a sixth of the limit (no escape is longer than six bytes),
    /// else O(n).
    #[inline]
    pub(crate) fn check_str(&self, what: impl FnOnce() -> String, s: &str) -> Result<(), OkrError> {
        if s.len() <= self.max_string_bytes / 6 {
            return Ok(());
        }
        check_count(
            || format!("string length (bytes) of {}", what()),
            self.max_string_bytes,
            json_len(s),
        )
    }

    /// [`check_str`](Self::check_str) of an optional string.
    #[inline]
    pub(crate) fn check_opt(
        &self,
        what: impl FnOnce() -> String,
        s: Option<&str>,
    ) -> Result<(), OkrError> {
        s.map_or(Ok(()), |s| self.check_str(what, s))
    }

    /// An `extra` object inside `depth` containers of a document (3 for an objective's,
    /// 5 for a key result's, 7 for a check-in's) held to the nesting depth and the string
    /// lengths, as the loader's scan holds it (its text is written back exactly).
    ///
    /// # Complexity
    /// O(1) for an `extra` shorter than the string limit and than twice the nesting left
    /// (it cannot exceed either), else O(n) in its text.
    pub(crate) fn check_extra(
        &self,
        what: impl FnOnce() -> String,
        extra: &crate::model::Extra,
        depth: usize,
    ) -> Result<(), OkrError> {
        let text = extra.as_json();
        // nesting d takes at least 2d bytes
        if text.len() <= self.max_string_bytes
            && depth.saturating_add(text.len().div_ceil(2)) <= self.max_json_depth
        {
            return Ok(());
        }
        scan_value(text, depth, self)
            .map_err(|e| in_value(e.error, || format!("the extra of {}", what())))
    }

    /// A value of the document format (a proposal, a comment, an acknowledgement) inside
    /// `depth` containers, in the role `role`, written as a document writes it and scanned
    /// as the loader scans it: nesting, strings and the counts held per container
    /// (milestones, plan points, ...).
    ///
    /// # Complexity
    /// O(n) in the value's size as JSON.
    pub(crate) fn check_value<T: serde::Serialize>(
        &self,
        what: impl FnOnce() -> String,
        value: &T,
        role: Role,
        depth: usize,
    ) -> Result<(), OkrError> {
        // the document's types always serialise
        let text = serde_json::to_string(value).unwrap_or_default();
        let mut check = Check {
            limits: self,
            counts: Counts::default(),
            root: role,
            depth,
        };
        match Scanner::new(&text, Keys::WhereExpected).run(&mut check) {
            ControlFlow::Break(e) => Err(in_value(e.error, what)),
            ControlFlow::Continue(()) => Ok(()),
        }
    }
}

/// A limit error found inside a value, its `what` naming the value (`... in the extra of
/// objective "x"`).
fn in_value(e: OkrError, what: impl FnOnce() -> String) -> OkrError {
    match e {
        OkrError::LimitExceeded {
            what: w,
            limit,
            actual,
        } => OkrError::LimitExceeded {
            what: format!("{w} in {}", what()),
            limit,
            actual,
        },
        e => e,
    }
}

/// The limits by name: each field of [`Limits`], named as the field.
macro_rules! by_name {
    ($($field:ident),* $(,)?) => {
        impl Limits {
            /// The names of the limits, the fields' names, in order (`max_document_bytes`,
            /// `max_json_depth`, ...): what the bindings name them (JavaScript in camelCase).
            pub const NAMES: &'static [&'static str] = &[$(stringify!($field)),*];

            /// Each limit with its name, in the order of [`NAMES`](Self::NAMES).
            pub fn entries(&self) -> Vec<(&'static str, usize)> {
                vec![$((stringify!($field), self.$field)),*]
            }

            /// Sets the limit named `name` (a field's name, as [`NAMES`](Self::NAMES) lists
            /// them) to `value`.
            ///
            /// # Errors
            /// `InvalidValue` (field `limits`) for a name that is no limit's, listing the
            /// names; the limits are then unchanged.
            ///
            /// ```
            /// use okr_core::document::Limits;
            /// let mut l = Limits::default();
            /// l.set("max_objectives", 10)?;
            /// assert_eq!(l.max_objectives, 10);
            /// assert_eq!(l.set("objectives", 1).unwrap_err().code(), "invalid_value");
            /// # Ok::<(), okr_core::OkrError>(())
            /// ```
            pub fn set(&mut self, name: &str, value: usize) -> Result<(), OkrError> {
                match name {
                    $(stringify!($field) => self.$field = value,)*
                    _ => {
                        return Err(OkrError::InvalidValue {
                            field: "limits".into(),
                            reason: format!(
                                "no limit is named {:?}; the limits are {}",
                                name,
                                Self::NAMES.join(", ")
                            ),
                        })
                    }
                }
                Ok(())
            }
        }
    };
}

by_name!(
    max_document_bytes,
    max_json_depth,
    max_string_bytes,
    max_owners,
    max_cycles,
    max_objectives,
    max_key_results,
    max_check_ins_per_key_result,
    max_parents_per_objective,
    max_milestones,
    max_link_depth,
    max_revisions,
    max_plan_points,
    max_proposals,
    max_comments,
    max_dependencies,
    max_kpis,
    max_initiatives,
);

#[cfg(test)]
mod by_name_tests {
    use super::Limits;

    /// Every field is named once (a field added to `Limits` and not to `by_name!` would be
    /// missing from the bindings).
    #[test]
    fn every_limit_has_its_name() {
        let l = Limits::default();
        assert_eq!(Limits::NAMES.len(), 18);
        let mut none = Limits::default();
        for (i, name) in Limits::NAMES.iter().enumerate() {
            none.set(name, usize::MAX).unwrap();
            assert_eq!(l.entries()[i].0, *name);
        }
        assert_eq!(none, Limits::none(), "every field set through its name");
    }
}
