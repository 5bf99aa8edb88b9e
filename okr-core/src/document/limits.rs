//! Safety limits on documents, and the allocation-free pre-scan that checks them before any
//! memory is spent on parsing.

use crate::error::OkrError;

/// Safety limits on what a document may contain. Loading checks them before spending memory
/// on the document: its size first, then one allocation-free pass over the text (nesting
/// depth, string lengths, entity counts, check-ins per key result, parents per objective,
/// milestones), and the alignment depth once the links are known. Exceeding one is
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
    /// Owners (default 1,000,000).
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
        }
    }
}

/// A limit found exceeded: where (a document path, empty for the whole document) and the error.
#[derive(Debug)]
pub(crate) struct Exceeded {
    pub(crate) path: String,
    pub(crate) error: OkrError,
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

/// What a container holds, as far as the limits care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
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
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Key,
    Colon,
    Value,
    Comma,
}

#[derive(Debug, Clone, Copy)]
struct Frame {
    array: bool,
    role: Role,
    /// The key this container is the value of (byte span into the text), for paths.
    key: Option<(usize, usize)>,
    /// Arrays: elements started so far. Objects: unused.
    len: usize,
    expect: Expect,
    /// Objects: the last key read (byte span), while its value is pending.
    pending_key: Option<(usize, usize)>,
}

fn child_role(parent: Role, parent_is_array: bool, key: Option<&str>) -> Role {
    if parent_is_array {
        return match parent {
            Role::Objectives => Role::Objective,
            Role::KeyResults => Role::KeyResult,
            Role::CheckIns => Role::CheckIn,
            _ => Role::Other,
        };
    }
    match (parent, key) {
        (Role::Root, Some("owners")) => Role::Owners,
        (Role::Root, Some("cycles")) => Role::Cycles,
        (Role::Root, Some("objectives")) => Role::Objectives,
        (Role::Objective, Some("parents")) => Role::Parents,
        (Role::Objective, Some("key_results")) => Role::KeyResults,
        (Role::KeyResult, Some("check_ins")) => Role::CheckIns,
        (Role::KeyResult, Some("measure")) => Role::Measure,
        (Role::Measure, Some("milestones")) => Role::Milestones,
        (Role::CheckIn, Some("milestones_done")) => Role::MilestonesDone,
        _ => Role::Other,
    }
}

/// Where the string whose contents start at `from` ends: the index of its closing quote, or the
/// end of the text when it has none. Escapes are skipped by jumping between quotes and
/// backslashes.
#[inline]
pub(super) fn closing_quote(b: &[u8], from: usize) -> usize {
    let mut j = from;
    while j < b.len() {
        match memchr::memchr2(b'"', b'\\', &b[j..]) {
            None => return b.len(),
            Some(k) if b[j + k] == b'\\' => j += k + 2,
            Some(k) => return j + k,
        }
    }
    b.len()
}

/// Where a number, `true`, `false`, `null` (or garbage) starting at `from` ends: the next
/// delimiter or the end of the text.
#[inline]
pub(super) fn token_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len()
        && !matches!(
            b[i],
            b' ' | b'\t' | b'\n' | b'\r' | b':' | b',' | b'{' | b'}' | b'[' | b']' | b'"'
        )
    {
        i += 1;
    }
    i
}

/// Key text, decoded when it has escapes (`"objectiv\u0065s"` is `objectives` to serde too).
pub(super) fn key_text(text: &str, (s, e): (usize, usize)) -> Option<std::borrow::Cow<'_, str>> {
    let raw = text.get(s..e)?;
    if !raw.contains('\\') {
        return Some(raw.into());
    }
    if raw.len() > 128 {
        return None;
    }
    serde_json::from_str::<String>(text.get(s - 1..e + 1)?)
        .ok()
        .map(Into::into)
}

fn path_of(text: &str, stack: &[Frame]) -> String {
    let mut out = String::new();
    for (i, f) in stack.iter().enumerate() {
        if i >= 24 {
            out.push_str("...");
            break;
        }
        if let Some(k) = f.key {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&key_text(text, k).unwrap_or("?".into()));
        }
        if f.array {
            if let Some(next) = stack.get(i + 1) {
                if next.key.is_none() {
                    out.push_str(&format!("[{}]", f.len.saturating_sub(1)));
                }
            }
        }
    }
    out
}

/// Counts the scan found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) owners: usize,
    pub(crate) cycles: usize,
    pub(crate) objectives: usize,
    pub(crate) key_results: usize,
}

/// One pass over the text without allocating (except a few bytes for error paths): checks
/// the size, nesting depth, string lengths and per-entity counts against `limits`. Tolerates
/// any input: on text that is not JSON it checks what it can and leaves the syntax error to
/// the parser.
pub(crate) fn scan(text: &str, limits: &Limits) -> Result<Counts, Exceeded> {
    if text.len() > limits.max_document_bytes {
        return Err(exceeded(
            String::new(),
            "document size (bytes)".into(),
            limits.max_document_bytes,
            text.len(),
        ));
    }
    let b = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut counts = Counts::default();
    let mut i = 0;
    // Registers the start of a value in the innermost container; returns the key (for
    // objects) under which it starts.
    fn value_start(stack: &mut [Frame]) -> Option<(usize, usize)> {
        let f = stack.last_mut()?;
        if f.array {
            f.len += 1;
            f.expect = Expect::Comma;
            None
        } else {
            f.expect = Expect::Comma;
            f.pending_key.take()
        }
    }
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
                    i += 1;
                }
            }
            b':' | b',' => {
                if let Some(f) = stack.last_mut() {
                    match (c, f.array) {
                        (b':', false) => f.expect = Expect::Value,
                        (b',', false) => f.expect = Expect::Key,
                        (b',', true) => f.expect = Expect::Value,
                        _ => {}
                    }
                }
                i += 1;
            }
            b'{' | b'[' => {
                let array = c == b'[';
                let key = value_start(&mut stack);
                let role = match stack.last() {
                    None => {
                        if array {
                            Role::Other
                        } else {
                            Role::Root
                        }
                    }
                    Some(p) => {
                        let k = key.and_then(|k| key_text(text, k));
                        child_role(p.role, p.array, k.as_deref())
                    }
                };
                stack.push(Frame {
                    array,
                    role,
                    key,
                    len: 0,
                    expect: if array { Expect::Value } else { Expect::Key },
                    pending_key: None,
                });
                if stack.len() > limits.max_json_depth {
                    return Err(exceeded(
                        path_of(text, &stack),
                        format!("JSON nesting depth at {}", display_path(text, &stack)),
                        limits.max_json_depth,
                        stack.len(),
                    ));
                }
                i += 1;
            }
            b'}' | b']' => {
                if let Some(f) = stack.pop() {
                    if f.array {
                        let (limit, what) = match f.role {
                            Role::Owners => {
                                counts.owners += f.len;
                                (usize::MAX, "")
                            }
                            Role::Cycles => {
                                counts.cycles += f.len;
                                (usize::MAX, "")
                            }
                            Role::Objectives => {
                                counts.objectives += f.len;
                                (usize::MAX, "")
                            }
                            Role::KeyResults => {
                                counts.key_results += f.len;
                                (usize::MAX, "")
                            }
                            Role::CheckIns => (limits.max_check_ins_per_key_result, "check-ins"),
                            Role::Parents => (limits.max_parents_per_objective, "parents"),
                            Role::Milestones => (limits.max_milestones, "milestones"),
                            Role::MilestonesDone => (limits.max_milestones, "milestones done"),
                            _ => (usize::MAX, ""),
                        };
                        if f.len > limit {
                            stack.push(f);
                            let path = path_of(text, &stack);
                            return Err(exceeded(
                                path.clone(),
                                format!("{what} at {path}"),
                                limit,
                                f.len,
                            ));
                        }
                    }
                }
                i += 1;
            }
            b'"' => {
                let start = i + 1;
                let end = closing_quote(b, start);
                if end - start > limits.max_string_bytes {
                    let at = value_path(text, &stack);
                    return Err(exceeded(
                        at.clone(),
                        format!("string length (bytes) at {at}"),
                        limits.max_string_bytes,
                        end - start,
                    ));
                }
                match stack.last_mut() {
                    Some(f) if !f.array && f.expect == Expect::Key => {
                        f.pending_key = Some((start, end));
                        f.expect = Expect::Colon;
                    }
                    _ => {
                        value_start(&mut stack);
                    }
                }
                i = end + 1;
            }
            _ => {
                // a number, `true`, `false`, `null` or garbage: up to the next delimiter
                let start = i;
                i = token_end(b, i);
                if i - start > limits.max_string_bytes {
                    let at = value_path(text, &stack);
                    return Err(exceeded(
                        at.clone(),
                        format!("token length (bytes) at {at}"),
                        limits.max_string_bytes,
                        i - start,
                    ));
                }
                value_start(&mut stack);
            }
        }
    }
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
    Ok(counts)
}

/// The path of the value (or key) about to start in the innermost container.
fn value_path(text: &str, stack: &[Frame]) -> String {
    let mut p = path_of(text, stack);
    match stack.last() {
        Some(f) if f.array => p.push_str(&format!("[{}]", f.len)),
        Some(f) => {
            if let Some(k) = f.pending_key.and_then(|k| key_text(text, k)) {
                if !p.is_empty() {
                    p.push('.');
                }
                p.push_str(&k);
            }
        }
        None => {}
    }
    p
}

fn display_path(text: &str, stack: &[Frame]) -> String {
    let p = path_of(text, stack);
    if p.is_empty() {
        "the top level".to_string()
    } else {
        p
    }
}
