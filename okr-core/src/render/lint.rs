//! The text of lint findings (the `okr lint` command).

use std::fmt::Write as _;

use crate::format::escape;
use crate::lint::{Diagnostic, Severity};

/// Findings as text, one `PATH: ENTITY: CODE [SEVERITY] MESSAGE` line each (`-` for no
/// entity) with a `  = help: ...` line when there is help, then a count by severity, or
/// `PATH: no findings`. `path` names the document. The path, entities, messages and help
/// quote the document (ids, titles): all are [escaped](crate::format::escape).
///
/// ```
/// use okr_core::lint::{Diagnostic, Severity};
/// let d = Diagnostic {
///     code: "Q002".into(),
///     severity: Severity::Error,
///     message: "Objective has no key results".into(),
///     entity: Some("top\u{1b}[2J".into()),
///     span: None,
///     help: None,
/// };
/// assert_eq!(
///     okr_core::render::diagnostics_text("okrs.json", &[d]),
///     "okrs.json: top\\u{1b}[2J: Q002 [error] Objective has no key results\n\
///      1 finding(s): 1 error(s), 0 warning(s), 0 info\n"
/// );
/// ```
pub fn diagnostics_text(path: &str, diags: &[Diagnostic]) -> String {
    let path = escape(path);
    let mut s = String::new();
    for d in diags {
        let _ = writeln!(
            s,
            "{path}: {}: {} [{}] {}",
            escape(d.entity.as_deref().unwrap_or("-")),
            d.code,
            d.severity,
            escape(&d.message)
        );
        if let Some(h) = &d.help {
            let _ = writeln!(s, "  = help: {}", escape(h));
        }
    }
    if diags.is_empty() {
        let _ = writeln!(s, "{path}: no findings");
    } else {
        let count = |sev| diags.iter().filter(|d| d.severity == sev).count();
        let _ = writeln!(
            s,
            "{} finding(s): {} error(s), {} warning(s), {} info",
            diags.len(),
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info)
        );
    }
    s
}
