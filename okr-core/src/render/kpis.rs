//! KPI health as text ([`OkrGraph::kpi_health`](crate::OkrGraph::kpi_health)).

use super::table::table;
use crate::format::number;
use crate::kpi::{KpiStatus, Trend};

/// A number with its unit (`91.5 %`), or `-`.
fn with_unit(v: Option<f64>, unit: &str) -> String {
    match v {
        None => "-".into(),
        Some(v) if unit.is_empty() => number(v),
        Some(v) => format!("{} {unit}", number(v)),
    }
}

/// What the KPI must do at that time: `>= 92 %`, `<= 2 %`, `30..60 pts`, `rising`,
/// `falling`.
fn rule(s: &KpiStatus) -> String {
    let unit = if s.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", s.unit)
    };
    match (s.kind, s.target, s.min, s.max) {
        ("between", _, Some(min), Some(max)) => {
            format!("{}..{}{unit}", number(min), number(max))
        }
        ("increase" | "at_or_above", Some(t), ..) => format!(">= {}{unit}", number(t)),
        ("decrease" | "at_or_below", Some(t), ..) => format!("<= {}{unit}", number(t)),
        ("increase", None, ..) => "rising".into(),
        ("decrease", None, ..) => "falling".into(),
        _ => "-".into(),
    }
}

/// Every KPI's health as text: one line per KPI (health, the value in force with its unit,
/// the target in force, the trend, its time, the id) with its name; `no KPIs` when there are
/// none.
///
/// # Complexity
/// O(N) for N KPIs (and the length of their texts).
pub fn kpis_text(kpis: &[KpiStatus]) -> String {
    if kpis.is_empty() {
        return "no KPIs\n".into();
    }
    let rows: Vec<([String; 6], &str)> = kpis
        .iter()
        .map(|k| {
            let cells = [
                k.health.as_str().to_string(),
                with_unit(k.value, &k.unit),
                rule(k),
                k.trend.map_or("-", Trend::as_str).to_string(),
                k.at.map_or("-".into(), |t| t.date_naive().to_string()),
                k.id.clone(),
            ];
            (cells, k.name.as_str())
        })
        .collect();
    table(
        ["health", "value", "target", "trend", "at", "kpi"],
        [false, true, false, false, false, false],
        "name",
        &rows,
    )
}
