//! The audit trail as text ([`log_text`]): what `okr log` prints.

use crate::format::number;
use crate::render::table::{Col, line};
use crate::revise::LogEntry;

/// A field's value as the log shows it: numbers through [`number`], strings as they are,
/// `-` for none, anything else as compact JSON.
fn value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "-".into(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), number),
        other => other.to_string(),
    }
}

/// A manual override (`{"attainment": 0.4}`) as `attainment 40.0%`, none as `computed`.
fn manual(v: &serde_json::Value) -> String {
    match v.get("attainment").and_then(serde_json::Value::as_f64) {
        Some(a) => format!("attainment {}", crate::format::percent(a)),
        None => "computed".into(),
    }
}

/// A plan (`[{"date", "value"}]`) as `2026-10-31 = 150, 2026-11-30 = 320`, none as `none`.
fn plan(v: &serde_json::Value) -> String {
    let points: Vec<String> = v
        .as_array()
        .map(|a| {
            a.iter()
                .map(|p| format!("{} = {}", value(&p["date"]), value(&p["value"])))
                .collect()
        })
        .unwrap_or_default();
    if points.is_empty() {
        "none".into()
    } else {
        points.join(", ")
    }
}

/// What a log entry did, in words: `target 500 -> 800`, `created`, `removed`, `linked
/// (weight 1)`, `unlinked`, `set by hand: computed -> attainment 40.0%`.
fn change(e: &LogEntry) -> String {
    match (e.field.as_str(), e.kind, &e.from, &e.to) {
        ("override", _, from, to) => format!("set by hand: {} -> {}", manual(from), manual(to)),
        ("plan", _, from, to) => format!("plan {} -> {}", plan(from), plan(to)),
        ("exists", _, _, serde_json::Value::Bool(true)) => "created".into(),
        ("exists", _, _, _) => "removed".into(),
        ("weight", "link", serde_json::Value::Null, to) => format!("linked (weight {})", value(to)),
        ("weight", "link", _, serde_json::Value::Null) => "unlinked".into(),
        (field, _, from, to) => format!("{field} {} -> {}", value(from), value(to)),
    }
}

/// One entry as a sentence: `fair-leads: target 200 -> 300 by frida on 2026-11-03:
/// re-planned after the fair` (escaped).
pub fn log_sentence(e: &LogEntry) -> String {
    let mut s = format!("{}: {}", e.entity, change(e));
    if let Some(by) = &e.by {
        s.push_str(&format!(" by {by}"));
    }
    s.push_str(&format!(" on {}", when(e)));
    if let Some(why) = &e.reason {
        s.push_str(&format!(": {why}"));
    }
    crate::format::escape(&s).into_owned()
}

/// The date of an entry, or its whole time when it is not midnight UTC.
fn when(e: &LogEntry) -> String {
    if e.at.time() == chrono::NaiveTime::MIN {
        e.at.date_naive().to_string()
    } else {
        crate::time::format_instant(e.at)
    }
}

/// The entries, one per line, newest first as given: when (the date, or the whole time when
/// it is not midnight UTC), who, what, then the change and its reason. Every text from the
/// document is escaped.
///
/// ```
/// use chrono::NaiveDate;
/// use okr_core::{Cycle, KeyResult, KeyResultPatch, LogFilter, Measure, Objective, OkrGraph, Owner, Revise};
/// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
/// let mut g = OkrGraph::new();
/// g.add_owner(Owner::new("acme", "Acme", "organisation"))?;
/// g.add_cycle(Cycle::new("q4", d(10, 1), d(12, 31)))?;
/// g.add_objective(Objective::new("grow", "Grow", "acme", "q4"))?;
/// g.add_key_result(KeyResult::new("leads", "Leads", "grow", Measure::numeric(0.0, 500.0)))?;
/// let patch = KeyResultPatch { measure: Some(Measure::numeric(0.0, 800.0)), ..Default::default() };
/// g.revise_key_result("leads", patch, Revise::on(d(11, 3)).by("anna").reason("after the fair"))?;
/// let text = okr_core::render::log_text(&g.log(&LogFilter::default())?);
/// assert_eq!(text.lines().nth(1).unwrap().split_whitespace().collect::<Vec<_>>(),
///     ["2026-11-03", "anna", "key_result", "leads", "target", "500", "->", "800", "(after", "the", "fair)"]);
/// # Ok::<(), okr_core::OkrError>(())
/// ```
pub fn log_text(entries: &[LogEntry]) -> String {
    if entries.is_empty() {
        return "no revisions\n".into();
    }
    let rows: Vec<[String; 4]> = entries
        .iter()
        .map(|e| {
            [
                when(e),
                e.by.clone().unwrap_or_else(|| "-".into()),
                e.kind.to_string(),
                e.entity.clone(),
            ]
        })
        .collect();
    let width = |i: usize, head: &str| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([head.len()])
            .max()
            .unwrap_or(0)
    };
    let heads = ["at", "by", "kind", "entity"];
    let cols: Vec<Col> = heads
        .iter()
        .enumerate()
        .map(|(i, h)| Col::Left(width(i, h)))
        .collect();
    let mut s = String::new();
    line(&mut s, &cols, &heads, "change (reason)");
    for (r, e) in rows.iter().zip(entries) {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        let last = match &e.reason {
            Some(why) => format!("{} ({why})", change(e)),
            None => change(e),
        };
        line(&mut s, &cols, &cells, &last);
    }
    s
}
