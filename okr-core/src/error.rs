//! The one error type of okr-core.
//!
//! Every fallible operation returns [`OkrError`]. Each variant names the ids involved and has a
//! stable machine-readable [`code`](OkrError::code) that the Python and JavaScript bindings expose
//! unchanged (as exception classes and `Error.name`/`Error.code`). Lint and alignment findings are
//! *diagnostics*, not errors: they never appear here.
//!
//! Messages are text for people, safe to print on a terminal: ids are quoted as Rust quotes
//! strings (`"kr\u{1b}"`), and every other text from the input (a reason, a path, a value) is
//! [escaped](crate::format::escape). The raw ids are in [`OkrError::ids`].

use std::fmt;

use crate::format::escape;

/// What kind of entity an id refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EntityKind {
    /// A person or organisational unit.
    Owner,
    /// A time period (year, quarter, ...).
    Cycle,
    /// An objective.
    Objective,
    /// A key result.
    KeyResult,
    /// A milestone of a milestone key result.
    Milestone,
    /// A proposed objective, key result or change, awaiting review or decided.
    Proposal,
    /// A comment on an objective, a key result or a check-in.
    Comment,
    /// A check-in, named `key result @ time`.
    CheckIn,
    /// A KPI (a health metric kept apart from objectives and key results).
    Kpi,
    /// An initiative (a work item under a key result).
    Initiative,
    /// A named group of viewers.
    Group,
    /// A viewer of an objective: an owner or a group.
    Viewer,
}

impl EntityKind {
    /// The lower-case name used in messages (`"key result"`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Owner => "owner",
            EntityKind::Cycle => "cycle",
            EntityKind::Objective => "objective",
            EntityKind::KeyResult => "key result",
            EntityKind::Milestone => "milestone",
            EntityKind::Proposal => "proposal",
            EntityKind::Comment => "comment",
            EntityKind::CheckIn => "check-in",
            EntityKind::Kpi => "KPI",
            EntityKind::Initiative => "initiative",
            EntityKind::Group => "group",
            EntityKind::Viewer => "viewer (owner or group)",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The end of a `DuplicateId` message: nothing when the id is taken by an entity of the same
/// kind, else which kind has it (`: already the id of an objective`).
fn taken_by(kind: EntityKind, existing: EntityKind) -> String {
    if kind == existing {
        return String::new();
    }
    let article = match existing {
        EntityKind::Owner | EntityKind::Objective => "an",
        _ => "a",
    };
    format!(": already the id of {article} {existing}")
}

/// A unit as messages quote it: escaped and quoted, or `no unit`.
fn unit_name(unit: &str) -> String {
    if unit.is_empty() {
        "no unit".into()
    } else {
        format!("\"{}\"", escape(unit))
    }
}

/// Errors returned by okr-core.
///
/// A failed operation leaves the graph exactly as it was before the call.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum OkrError {
    /// An id that does not exist in the graph.
    #[error("unknown {kind} {id:?}")]
    UnknownId {
        /// The kind of entity that was looked up.
        kind: EntityKind,
        /// The id that was not found.
        id: String,
    },
    /// An id that is already taken: by another entity of the same kind, or, as objectives
    /// and key results share one space of ids, by a key result for an objective or an
    /// objective for a key result. (Owners and cycles each have their own space.)
    #[error("duplicate {kind} id {id:?}{}", taken_by(*kind, *existing))]
    DuplicateId {
        /// The kind of entity being added.
        kind: EntityKind,
        /// The id used twice.
        id: String,
        /// The kind of entity that has the id already (`kind`, or the other of objective and
        /// key result).
        existing: EntityKind,
    },
    /// A link that would close a cycle in the alignment graph.
    #[error("aligning {child:?} under {parent:?} would close a cycle: {}", escape(&path.join(" -> ")))]
    Cycle {
        /// The objective that was to become a child.
        child: String,
        /// The objective that was to become its parent.
        parent: String,
        /// The cycle, as the chain of "contributes to" steps from `child` back to `child`.
        path: Vec<String>,
    },
    /// A weight that is NaN, infinite or negative.
    #[error("invalid weight {} on {}: weights must be finite and >= 0", crate::format::number(*value), escape(id))]
    InvalidWeight {
        /// The key result, or `child -> parent` for a link.
        id: String,
        /// The rejected value.
        value: f64,
    },
    /// A key result measure that makes no sense (start == target, direction disagreeing, ...).
    #[error("invalid measure on key result {id:?}: {}", escape(reason))]
    InvalidMeasure {
        /// The key result.
        id: String,
        /// What is wrong.
        reason: String,
    },
    /// A check-in that does not fit its key result (wrong kind of value, bad confidence, ...).
    #[error("invalid check-in on key result {id:?}: {}", escape(reason))]
    InvalidCheckIn {
        /// The key result.
        id: String,
        /// What is wrong.
        reason: String,
    },
    /// A cycle (time period) with bad dates or outside its parent.
    #[error("invalid cycle {id:?}: {}", escape(reason))]
    InvalidCycle {
        /// The cycle.
        id: String,
        /// What is wrong.
        reason: String,
    },
    /// A link that already exists.
    #[error("objective {child:?} is already aligned under {parent:?}")]
    AlreadyLinked {
        /// The child objective.
        child: String,
        /// The parent objective.
        parent: String,
    },
    /// A link that does not exist.
    #[error("objective {child:?} is not aligned under {parent:?}")]
    NotLinked {
        /// The child objective.
        child: String,
        /// The parent objective.
        parent: String,
    },
    /// A dependency that would close a cycle of dependencies (or make a node depend on
    /// itself).
    #[error("{blocker:?} blocking {blocked:?} would close a cycle of dependencies: {}", escape(&path.join(" blocks ")))]
    DependencyCycle {
        /// The objective or key result that was to block.
        blocker: String,
        /// The objective or key result that was to depend on it.
        blocked: String,
        /// The cycle, as the chain of "blocks" steps from `blocker` back to `blocker`.
        path: Vec<String>,
    },
    /// A dependency that exists already.
    #[error("{blocked:?} depends on {blocker:?} already")]
    AlreadyDependent {
        /// The objective or key result that blocks.
        blocker: String,
        /// The objective or key result that depends on it.
        blocked: String,
    },
    /// A dependency that does not exist.
    #[error("{blocked:?} does not depend on {blocker:?}")]
    NotDependent {
        /// The objective or key result named as blocking.
        blocker: String,
        /// The objective or key result named as depending on it.
        blocked: String,
    },
    /// An entity that cannot be removed because others refer to it.
    #[error("cannot remove {kind} {id:?}: still referred to by {by_kind} {by:?}")]
    InUse {
        /// The kind of entity.
        kind: EntityKind,
        /// The entity.
        id: String,
        /// The kind of entity that refers to it.
        by_kind: EntityKind,
        /// The id of the entity that refers to it.
        by: String,
    },
    /// A document that cannot be read: bad JSON, an unknown field, a bad value. `path` locates
    /// the problem (`objectives[3].key_results[1].measure.target`).
    #[error("{}{}{}", escape(path), if path.is_empty() { "" } else { ": " }, escape(message))]
    Document {
        /// Where in the document (empty for the whole document).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A configuration value that is out of range.
    #[error("invalid configuration {}: {}", escape(field), escape(reason))]
    InvalidConfig {
        /// The setting.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// A text value that is not what it should be (a date that does not parse, an unknown
    /// enum name, an empty id).
    #[error("invalid value for {}: {}", escape(field), escape(reason))]
    InvalidValue {
        /// Which value.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// A change after an entity's creation with no time: pass one (`at`) or set a clock on
    /// the graph ([`OkrGraph::set_clock`](crate::OkrGraph::set_clock)). The library never
    /// reads the wall clock.
    #[error("the change to {id:?} needs a time: give `at`, or set a clock on the graph")]
    MissingTime {
        /// The entity (an objective, a key result, or `child -> parent` for a link).
        id: String,
    },
    /// A revision that cannot be recorded: earlier than a change already recorded, about an
    /// entity that does not exist at its time, or a history that is not in time order.
    #[error("invalid revision of {}: {}", escape(id), escape(reason))]
    InvalidRevision {
        /// The entity (an objective, a key result, or `child -> parent` for a link).
        id: String,
        /// What is wrong.
        reason: String,
    },
    /// A decision the review policy does not allow: `actor` may not approve, reject or
    /// acknowledge `id` (not in the management line of its owner nor a named reviewer, or
    /// deciding on their own proposal or check-in).
    #[error("{actor:?} may not decide on {id:?}: {}", escape(reason))]
    Forbidden {
        /// Who tried.
        actor: String,
        /// The proposal or check-in.
        id: String,
        /// Why not.
        reason: String,
    },
    /// A proposal decided already (approved or rejected), or a check-in acknowledged already
    /// by the same person: a decision is made once.
    #[error("{id:?} is decided already: {}", escape(reason))]
    AlreadyDecided {
        /// The proposal or check-in.
        id: String,
        /// The decision made.
        reason: String,
    },
    /// A change to a closed cycle: closing it again, or a change or check-in dated at or
    /// before its close to one of its objectives or key results (their scores are frozen).
    #[error("cycle {cycle:?} is closed: {}", escape(reason))]
    CycleClosed {
        /// The cycle.
        cycle: String,
        /// The entity the change was about (the cycle itself when closing it again).
        id: String,
        /// What was refused.
        reason: String,
    },
    /// Two values of different units that were to be compared or combined: a key result under
    /// an aggregate key result must measure in the aggregate's unit unless it declares a
    /// conversion factor; a key result that takes its values from a KPI must measure in the
    /// KPI's unit.
    #[error(
        "unit mismatch: {id:?} is in {} but {other:?} is in {}",
        unit_name(unit),
        unit_name(other_unit)
    )]
    UnitMismatch {
        /// The entity whose unit does not agree (a key result).
        id: String,
        /// Its unit (empty: none).
        unit: String,
        /// The entity it had to agree with (the aggregate, or the KPI).
        other: String,
        /// That one's unit (empty: none).
        other_unit: String,
    },
    /// A change asked of a view ([`OkrGraph::view_for`](crate::OkrGraph::view_for)): views
    /// are read-only; change the full graph and take a new view.
    #[error("a view for {viewer:?} is read-only: change the full graph and take a new view")]
    ReadOnlyView {
        /// The view's viewer.
        viewer: String,
    },
    /// A binary snapshot ([`OkrGraph::to_snapshot`](crate::OkrGraph::to_snapshot)) that
    /// cannot be read: cut short, corrupted (its checksum does not match), written by a newer
    /// build, or not a snapshot at all. A snapshot that reads but holds a document okr refuses
    /// is a [`Document`](Self::Document) error, as that document's JSON would be.
    #[error("invalid snapshot: {}", escape(reason))]
    InvalidSnapshot {
        /// What is wrong.
        reason: String,
    },
    /// Tables ([`crate::tables`]) that do not describe an organisation okr accepts: every
    /// problem found, each naming its table, row, column and value.
    #[error("{}", tables_message(problems))]
    InvalidTables {
        /// The problems, in the order of the tables and rows.
        problems: Vec<TableProblem>,
    },
    /// An input over a configured safety limit.
    #[error("limit exceeded: {} is {actual}, the limit is {limit}", escape(what))]
    LimitExceeded {
        /// What was counted.
        what: String,
        /// The configured limit.
        limit: u64,
        /// The value found.
        actual: u64,
    },
}

impl OkrError {
    /// A stable machine-readable code (`"cycle"`, `"unknown_id"`, ...), the same in every binding.
    pub fn code(&self) -> &'static str {
        match self {
            OkrError::UnknownId { .. } => "unknown_id",
            OkrError::DuplicateId { .. } => "duplicate_id",
            OkrError::Cycle { .. } => "cycle",
            OkrError::InvalidWeight { .. } => "invalid_weight",
            OkrError::InvalidMeasure { .. } => "invalid_measure",
            OkrError::InvalidCheckIn { .. } => "invalid_check_in",
            OkrError::InvalidCycle { .. } => "invalid_cycle",
            OkrError::AlreadyLinked { .. } => "already_linked",
            OkrError::NotLinked { .. } => "not_linked",
            OkrError::InUse { .. } => "in_use",
            OkrError::DependencyCycle { .. } => "dependency_cycle",
            OkrError::AlreadyDependent { .. } => "already_dependent",
            OkrError::NotDependent { .. } => "not_dependent",
            OkrError::Document { .. } => "document",
            OkrError::InvalidConfig { .. } => "invalid_config",
            OkrError::InvalidValue { .. } => "invalid_value",
            OkrError::LimitExceeded { .. } => "limit_exceeded",
            OkrError::MissingTime { .. } => "missing_time",
            OkrError::InvalidRevision { .. } => "invalid_revision",
            OkrError::Forbidden { .. } => "forbidden",
            OkrError::AlreadyDecided { .. } => "already_decided",
            OkrError::CycleClosed { .. } => "cycle_closed",
            OkrError::UnitMismatch { .. } => "unit_mismatch",
            OkrError::ReadOnlyView { .. } => "read_only_view",
            OkrError::InvalidSnapshot { .. } => "invalid_snapshot",
            OkrError::InvalidTables { .. } => "invalid_tables",
        }
    }

    /// The exception/`Error.name` used by the bindings (`"CycleError"`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            OkrError::UnknownId { .. } => "UnknownIdError",
            OkrError::DuplicateId { .. } => "DuplicateIdError",
            OkrError::Cycle { .. } => "CycleError",
            OkrError::InvalidWeight { .. } => "InvalidWeightError",
            OkrError::InvalidMeasure { .. } => "InvalidMeasureError",
            OkrError::InvalidCheckIn { .. } => "InvalidCheckInError",
            OkrError::InvalidCycle { .. } => "InvalidCycleError",
            OkrError::AlreadyLinked { .. } | OkrError::NotLinked { .. } => "LinkError",
            OkrError::InUse { .. } => "InUseError",
            OkrError::DependencyCycle { .. } => "DependencyCycleError",
            OkrError::AlreadyDependent { .. } | OkrError::NotDependent { .. } => "DependencyError",
            OkrError::Document { .. } => "DocumentError",
            OkrError::InvalidConfig { .. } => "ConfigError",
            OkrError::InvalidValue { .. } => "InvalidValueError",
            OkrError::LimitExceeded { .. } => "LimitExceededError",
            OkrError::MissingTime { .. } => "MissingTimeError",
            OkrError::InvalidRevision { .. } => "InvalidRevisionError",
            OkrError::Forbidden { .. } => "ForbiddenError",
            OkrError::AlreadyDecided { .. } => "AlreadyDecidedError",
            OkrError::CycleClosed { .. } => "CycleClosedError",
            OkrError::UnitMismatch { .. } => "UnitMismatchError",
            OkrError::ReadOnlyView { .. } => "ReadOnlyViewError",
            OkrError::InvalidSnapshot { .. } => "SnapshotError",
            OkrError::InvalidTables { .. } => "TableError",
        }
    }

    /// The ids this error is about, in a useful order (for a cycle: the whole cycle path).
    ///
    /// Borrowed from the error, without allocating: `e.ids().collect::<Vec<_>>()` for a list.
    pub fn ids(&self) -> Ids<'_> {
        fn few<'a>(ids: &[&'a str]) -> Ids<'a> {
            Ids(IdsInner::Few(ids.iter().copied().collect()))
        }
        match self {
            OkrError::UnknownId { id, .. }
            | OkrError::DuplicateId { id, .. }
            | OkrError::InvalidWeight { id, .. }
            | OkrError::InvalidMeasure { id, .. }
            | OkrError::InvalidCheckIn { id, .. }
            | OkrError::InvalidCycle { id, .. }
            | OkrError::InUse { id, .. }
            | OkrError::MissingTime { id }
            | OkrError::InvalidRevision { id, .. }
            | OkrError::AlreadyDecided { id, .. } => few(&[id]),
            OkrError::ReadOnlyView { viewer } => few(&[viewer]),
            OkrError::Forbidden { actor, id, .. } => few(&[id, actor]),
            OkrError::UnitMismatch { id, other, .. } => few(&[id, other]),
            OkrError::CycleClosed { cycle, id, .. } if cycle == id => few(&[cycle]),
            OkrError::CycleClosed { cycle, id, .. } => few(&[id, cycle]),
            OkrError::Cycle { path, .. } | OkrError::DependencyCycle { path, .. } => {
                Ids(IdsInner::Path(path.iter()))
            }
            OkrError::AlreadyDependent { blocker, blocked }
            | OkrError::NotDependent { blocker, blocked } => few(&[blocker, blocked]),
            OkrError::AlreadyLinked { child, parent } | OkrError::NotLinked { child, parent } => {
                few(&[child, parent])
            }
            OkrError::Document { .. }
            | OkrError::InvalidConfig { .. }
            | OkrError::InvalidValue { .. }
            | OkrError::LimitExceeded { .. }
            | OkrError::InvalidSnapshot { .. } => few(&[]),
            // the first problem's (every problem names its own)
            OkrError::InvalidTables { problems } => Ids(IdsInner::Path(
                problems.first().map_or(&[][..], |p| &p.ids[..]).iter(),
            )),
        }
    }
}

/// Every value of [`OkrError::name`] with a one-line description, for bindings that build one
/// exception class per name.
pub const ERROR_NAMES: &[(&str, &str)] = &[
    ("UnknownIdError", "An id that does not exist in the graph."),
    (
        "DuplicateIdError",
        "An id that is already taken (objectives and key results share one space of ids).",
    ),
    (
        "CycleError",
        "A link that would close a cycle; `ids` is the cycle path.",
    ),
    (
        "InvalidWeightError",
        "A weight that is NaN, infinite or negative.",
    ),
    (
        "InvalidMeasureError",
        "A key result measure that makes no sense.",
    ),
    (
        "InvalidCheckInError",
        "A check-in that does not fit its key result.",
    ),
    (
        "InvalidCycleError",
        "A cycle (time period) with bad dates or outside its parent.",
    ),
    (
        "LinkError",
        "A link that already exists, or one that does not.",
    ),
    (
        "InUseError",
        "An entity that cannot be removed because others refer to it.",
    ),
    (
        "DependencyCycleError",
        "A dependency that would close a cycle of dependencies; `ids` is the cycle path.",
    ),
    (
        "DependencyError",
        "A dependency that exists already, or one that does not; `ids` is blocker, blocked.",
    ),
    (
        "DocumentError",
        "A document that cannot be read; `path` locates the problem.",
    ),
    ("ConfigError", "A configuration value out of range."),
    (
        "InvalidValueError",
        "A value that is not what it should be (a date, an enum name, ...).",
    ),
    (
        "LimitExceededError",
        "An input over a configured safety limit.",
    ),
    (
        "MissingTimeError",
        "A change with no time: give `at`, or set a clock on the graph.",
    ),
    (
        "InvalidRevisionError",
        "A revision out of time order, or about an entity that does not exist at its time.",
    ),
    (
        "ForbiddenError",
        "A decision the review policy does not allow; `ids` is the entity, then the actor.",
    ),
    (
        "AlreadyDecidedError",
        "A proposal decided already, or a check-in acknowledged already by the same person.",
    ),
    (
        "CycleClosedError",
        "A change to a closed cycle, or closing it again; `ids` is the entity, then the cycle.",
    ),
    (
        "UnitMismatchError",
        "Values of different units compared or combined; `ids` names both entities.",
    ),
    (
        "ReadOnlyViewError",
        "A change asked of a view: views are read-only; `ids` is the viewer.",
    ),
    (
        "SnapshotError",
        "A binary snapshot that cannot be read: cut short, corrupted, or of a newer format.",
    ),
    (
        "TableError",
        "Tables that do not describe an organisation okr accepts; `problems` lists every one \
         (table, row, column, value, code, message).",
    ),
];

/// The message of an `InvalidTables` error: the count, then the first problems.
fn tables_message(problems: &[TableProblem]) -> String {
    const SHOWN: usize = 5;
    let mut out = match problems.len() {
        1 => "1 problem in the tables: ".to_string(),
        n => format!("{n} problems in the tables: "),
    };
    for (i, p) in problems.iter().take(SHOWN).enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(&p.to_string());
    }
    if problems.len() > SHOWN {
        out.push_str(&format!("; and {} more", problems.len() - SHOWN));
    }
    out
}

/// `Result` with [`OkrError`].
pub type Result<T, E = OkrError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_name_is_listed_once() {
        let s = || String::from("x");
        let all = [
            OkrError::UnknownId {
                kind: EntityKind::Owner,
                id: s(),
            },
            OkrError::DuplicateId {
                kind: EntityKind::Owner,
                id: s(),
                existing: EntityKind::Owner,
            },
            OkrError::Cycle {
                child: s(),
                parent: s(),
                path: vec![],
            },
            OkrError::InvalidWeight {
                id: s(),
                value: -1.0,
            },
            OkrError::InvalidMeasure {
                id: s(),
                reason: s(),
            },
            OkrError::InvalidCheckIn {
                id: s(),
                reason: s(),
            },
            OkrError::InvalidCycle {
                id: s(),
                reason: s(),
            },
            OkrError::AlreadyLinked {
                child: s(),
                parent: s(),
            },
            OkrError::NotLinked {
                child: s(),
                parent: s(),
            },
            OkrError::InUse {
                kind: EntityKind::Owner,
                id: s(),
                by_kind: EntityKind::Objective,
                by: s(),
            },
            OkrError::DependencyCycle {
                blocker: s(),
                blocked: s(),
                path: vec![],
            },
            OkrError::AlreadyDependent {
                blocker: s(),
                blocked: s(),
            },
            OkrError::NotDependent {
                blocker: s(),
                blocked: s(),
            },
            OkrError::Document {
                path: s(),
                message: s(),
            },
            OkrError::InvalidConfig {
                field: s(),
                reason: s(),
            },
            OkrError::InvalidValue {
                field: s(),
                reason: s(),
            },
            OkrError::LimitExceeded {
                what: s(),
                limit: 1,
                actual: 2,
            },
            OkrError::MissingTime { id: s() },
            OkrError::InvalidRevision {
                id: s(),
                reason: s(),
            },
            OkrError::Forbidden {
                actor: s(),
                id: s(),
                reason: s(),
            },
            OkrError::AlreadyDecided {
                id: s(),
                reason: s(),
            },
            OkrError::CycleClosed {
                cycle: s(),
                id: s(),
                reason: s(),
            },
            OkrError::UnitMismatch {
                id: s(),
                unit: s(),
                other: s(),
                other_unit: s(),
            },
            OkrError::ReadOnlyView { viewer: s() },
            OkrError::InvalidSnapshot { reason: s() },
            OkrError::InvalidTables {
                problems: Vec::new(),
            },
        ];
        let names: std::collections::HashSet<&str> = all.iter().map(|e| e.name()).collect();
        let listed: std::collections::HashSet<&str> = ERROR_NAMES.iter().map(|n| n.0).collect();
        assert_eq!(names, listed);
        assert_eq!(listed.len(), ERROR_NAMES.len(), "a name is listed twice");
    }
}

/// The ids an [`OkrError`] is about ([`OkrError::ids`]), borrowed from the error.
#[derive(Debug, Clone)]
pub struct Ids<'a>(IdsInner<'a>);

#[derive(Debug, Clone)]
enum IdsInner<'a> {
    /// One or two ids (an entity; a link's child and parent), or none.
    Few(ArrayIds<'a>),
    /// A cycle's path (or the ids of a problem of tables).
    Path(std::slice::Iter<'a, String>),
}

/// Up to two ids, in order.
#[derive(Debug, Clone, Default)]
struct ArrayIds<'a> {
    ids: [&'a str; 2],
    next: usize,
    len: usize,
}

impl<'a> FromIterator<&'a str> for ArrayIds<'a> {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Self {
        let mut a = ArrayIds::default();
        for id in iter.into_iter().take(2) {
            a.ids[a.len] = id;
            a.len += 1;
        }
        a
    }
}

impl<'a> Iterator for Ids<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match &mut self.0 {
            IdsInner::Few(a) => (a.next < a.len).then(|| {
                a.next += 1;
                a.ids[a.next - 1]
            }),
            IdsInner::Path(p) => p.next().map(String::as_str),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = match &self.0 {
            IdsInner::Few(a) => a.len - a.next,
            IdsInner::Path(p) => p.len(),
        };
        (n, Some(n))
    }
}

impl ExactSizeIterator for Ids<'_> {}

/// One problem found in tables ([`crate::tables`]).
#[derive(Debug, Clone, PartialEq)]
pub struct TableProblem {
    /// The table (`objectives`, ...).
    pub table: String,
    /// The row, counting from 1 for the first row of data; `None` for a problem of the whole
    /// table (a missing column).
    pub row: Option<usize>,
    /// The column, if the problem is in one.
    pub column: Option<String>,
    /// The value as it was given, if the problem is in one.
    pub value: Option<String>,
    /// The error code of the problem (`unknown_id`, `cycle`, `invalid_value`, ...).
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// The ids the problem is about.
    pub ids: Vec<String>,
}

impl fmt::Display for TableProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", escape(&self.table))?;
        if let Some(r) = self.row {
            write!(f, ", row {r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ", column {}", escape(c))?;
        }
        if let Some(v) = &self.value {
            write!(f, " ({:?})", escape(v))?;
        }
        write!(f, ": {}", escape(&self.message))
    }
}
