//! Turning a template into a SMART key result.

use super::catalog::{Cadence, KpiDirection, KpiTemplate, template};
use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;
use crate::model::{Bound, CheckInValue, Extra, KeyResult, Measure};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::HashSet;

/// The `extra` key under which [`Draft::to_key_result`] records the template
/// id; [`draft_for_objective`] uses it to find earlier key results on the same
/// metric.
pub const TEMPLATE_EXTRA_KEY: &str = "kpi_template";

/// Where a baseline found by [`draft_for_objective`] came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaselineSource {
    /// The key result measuring the same metric.
    pub key_result: String,
    /// Its objective: the drafted objective itself or one of its ancestors.
    pub objective: String,
    /// The time of the check-in the value was taken from; `None` when it is
    /// the key result's start value (no check-in up to the as-of date).
    pub check_in: Option<DateTime<Utc>>,
}

/// A drafted key result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    /// Id of the catalog template the draft was filled from.
    pub template_id: String,
    /// The filled-in key result, e.g. "Reduce customer churn rate from 4% to
    /// 2.5% by December 31, 2026".
    pub text: String,
    /// Human-readable metric name.
    pub metric: String,
    /// Unit of the metric.
    pub unit: String,
    /// Which way the drafted key result moves. Usually the template's
    /// direction; a keep-above (keep-below) template whose baseline already
    /// meets its typical level is drafted as an increase (decrease) from the
    /// baseline instead, since a target met on day one measures nothing.
    pub direction: KpiDirection,
    /// How often the metric is normally reviewed.
    pub cadence: Cadence,
    /// The baseline used, if any (non-finite values are ignored).
    pub baseline: Option<f64>,
    /// Where [`draft_for_objective`] found the baseline; `None` when it was
    /// given or there is none.
    pub baseline_source: Option<BaselineSource>,
    /// The target written into `text`.
    pub target: f64,
    /// True when `target` was not supplied and was chosen by the draft.
    pub target_defaulted: bool,
    /// The deadline written into `text`.
    pub deadline: NaiveDate,
    /// Remarks about the inputs and the choices made, e.g. a target that moves
    /// against the metric's direction.
    pub notes: Vec<String>,
}

/// Options for [`draft_for_objective`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DraftOptions {
    /// The target; `None` chooses one as [`draft`] documents.
    pub target: Option<f64>,
    /// The baseline; `None` looks for one in the graph.
    pub baseline: Option<f64>,
    /// Only check-ins made on or before this day count; `None` takes the
    /// latest check-in.
    pub as_of: Option<NaiveDate>,
}

/// How the sentence is phrased.
enum Phrasing {
    /// The template's own pattern.
    Template,
    /// "Increase/Reduce {metric} from {baseline} to {target} by {deadline}".
    Improve(KpiDirection),
}

/// Fills a template into a SMART key-result sentence.
///
/// * With a baseline the "from {baseline}" phrasing is used; keep-above and
///   keep-below patterns (which have no "from") get "(currently X)" appended.
///   Without one the "from ..." fragment is left out.
/// * A missing target is chosen:
///   - without a baseline: the template's `default_target` (a typical value);
///   - `increase`: the baseline + 20% (for "%" at most half of the way to
///     100%); `decrease`: the baseline − 20%;
///   - `keep_above` / `keep_below`: the template's typical level when the
///     baseline does not meet it yet; when it does, the draft becomes an
///     increase (decrease) from the baseline as above;
///   - a baseline ≤ 0 for `increase` uses the typical value; a baseline at the
///     end of the scale (0 to reduce, 100% to raise) keeps the baseline as the
///     target and says so in `notes`.
///
///   Chosen targets are rounded to 3 significant figures and flagged in
///   `target_defaulted`.
/// * NaN or infinite numbers are treated as missing.
/// * The deadline is written like "December 31, 2026".
///
/// ```
/// use chrono::NaiveDate;
/// use okr_core::suggest::{draft, template};
/// let t = template("logo-churn-rate").unwrap();
/// let d = draft(t, Some(4.0), Some(2.5), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
/// assert_eq!(d.text, "Reduce customer churn rate from 4% to 2.5% by December 31, 2026");
/// ```
pub fn draft(
    template: &KpiTemplate,
    baseline: Option<f64>,
    target: Option<f64>,
    deadline: NaiveDate,
) -> Draft {
    let baseline = baseline.filter(|b| b.is_finite());
    let target_in = target.filter(|t| t.is_finite());
    let mut notes = Vec::new();
    let (phrasing, target, target_defaulted) = match target_in {
        Some(t) => {
            if let Some(b) = baseline {
                check_given_target(template, b, t, &mut notes);
            }
            (Phrasing::Template, t, false)
        }
        None => {
            let (phrasing, t) = default_target(template, baseline, &mut notes);
            (phrasing, t, true)
        }
    };
    let (pattern, direction) = match phrasing {
        Phrasing::Template => (template.pattern.clone(), template.direction),
        Phrasing::Improve(d) => (improvement_pattern(d, &template.unit), d),
    };
    let has_baseline_slot = pattern.contains("{baseline}");
    let pattern = if baseline.is_none() || !has_baseline_slot {
        strip_from_fragment(&pattern)
    } else {
        pattern
    };
    let metric = metric_in_sentence(&template.metric);
    let deadline_text = long_date(deadline);
    let mut text = fill(
        &pattern,
        &metric,
        baseline,
        target,
        &template.unit,
        &deadline_text,
    );
    if let (Some(b), false) = (baseline, has_baseline_slot) {
        text.push_str(&format!(" (currently {})", with_unit(b, &template.unit)));
    }
    Draft {
        template_id: template.id.clone(),
        text,
        metric: template.metric.clone(),
        unit: template.unit.clone(),
        direction,
        cadence: template.cadence,
        baseline,
        baseline_source: None,
        target,
        target_defaulted,
        deadline,
        notes,
    }
}

/// [`draft`] for a catalog template named by id (for callers that hold ids,
/// like the bindings).
///
/// # Errors
/// [`OkrError::InvalidValue`] for field `template` when the id is not in the
/// catalog.
pub fn draft_template(
    template_id: &str,
    baseline: Option<f64>,
    target: Option<f64>,
    deadline: NaiveDate,
) -> Result<Draft> {
    Ok(draft(
        known_template(template_id)?,
        baseline,
        target,
        deadline,
    ))
}

fn known_template(id: &str) -> Result<&'static KpiTemplate> {
    crate::suggest::require_catalog()?;
    template(id).ok_or_else(|| OkrError::InvalidValue {
        field: "template".to_string(),
        reason: format!("unknown KPI template {id:?}"),
    })
}

/// Drafts a key result for an objective of a graph from a catalog template.
///
/// The deadline is the last day of the objective's cycle. Unless
/// `opts.baseline` is given, the baseline is the current value of a key result
/// on the same metric, looked for in the objective itself and then in its
/// ancestors (nearest first; parents by link weight, then id): the latest
/// value check-in on or before `opts.as_of`, else the key result's start value.
/// A key result is on the same metric when its unit (if any) is the template's
/// and its `extra` names the template under [`TEMPLATE_EXTRA_KEY`] or, failing
/// any such, its title names the metric or a synonym: a value in another unit
/// is never taken as the baseline. Then the
/// sentence is filled as [`draft`] does; [`Draft::baseline_source`] says where
/// the baseline came from.
///
/// # Errors
/// [`OkrError::UnknownId`] when the objective (or its cycle) does not exist;
/// [`OkrError::InvalidValue`] for field `template` when the template id is not
/// in the catalog.
pub fn draft_for_objective(
    graph: &OkrGraph,
    objective: &str,
    template_id: &str,
    opts: &DraftOptions,
) -> Result<Draft> {
    let obj = graph
        .objective(objective)
        .ok_or_else(|| OkrError::UnknownId {
            kind: EntityKind::Objective,
            id: objective.to_string(),
        })?;
    let t = known_template(template_id)?;
    let cycle = graph.cycle(&obj.cycle).ok_or_else(|| OkrError::UnknownId {
        kind: EntityKind::Cycle,
        id: obj.cycle.clone(),
    })?;
    let given = opts.baseline.filter(|b| b.is_finite());
    let found = match given {
        Some(_) => None,
        None => find_baseline(graph, objective, t, opts.as_of),
    };
    let baseline = given.or(found.as_ref().map(|f| f.0));
    let mut d = draft(t, baseline, opts.target, cycle.end);
    if let Some((v, source)) = found {
        let from = match source.check_in {
            Some(at) => format!("the latest check-in ({})", at.date_naive()),
            None => "the start value".to_string(),
        };
        d.notes.insert(
            0,
            format!(
                "baseline {} from {from} of key result {:?} (objective {:?})",
                format_number(v),
                source.key_result,
                source.objective
            ),
        );
        d.baseline_source = Some(source);
    }
    if let Some(day) = opts.as_of
        && day > cycle.end
    {
        d.notes.push(format!(
            "the objective's cycle {:?} ended on {}",
            cycle.id, cycle.end
        ));
    }
    Ok(d)
}

impl Draft {
    /// The draft as a key result of `objective`: title = `text`, due = the
    /// deadline, `extra` naming the template under [`TEMPLATE_EXTRA_KEY`].
    /// Increase and decrease drafts become numeric measures from the baseline
    /// to the target; keep-above and keep-below drafts become threshold
    /// measures with the baseline as start.
    ///
    /// # Errors
    /// [`OkrError::InvalidMeasure`] when an increase or decrease draft has no
    /// baseline (a numeric key result needs a start value) or its baseline
    /// equals its target.
    pub fn to_key_result(&self, id: &str, objective: &str) -> Result<KeyResult> {
        let measure = match self.direction {
            KpiDirection::Increase | KpiDirection::Decrease => {
                let Some(start) = self.baseline else {
                    return Err(OkrError::InvalidMeasure {
                        id: id.to_string(),
                        reason:
                            "a numeric key result needs a start value: draft it with a baseline"
                                .to_string(),
                    });
                };
                let declared = match self.direction {
                    KpiDirection::Increase if self.target > start => {
                        Some(crate::Direction::Increase)
                    }
                    KpiDirection::Decrease if self.target < start => {
                        Some(crate::Direction::Decrease)
                    }
                    _ => None,
                };
                Measure::Numeric {
                    start,
                    target: self.target,
                    unit: self.unit.clone(),
                    direction: declared,
                }
            }
            KpiDirection::KeepAbove | KpiDirection::KeepBelow => Measure::Threshold {
                bound: if self.direction == KpiDirection::KeepAbove {
                    Bound::AtOrAbove
                } else {
                    Bound::AtOrBelow
                },
                value: self.target,
                unit: self.unit.clone(),
                start: self.baseline,
            },
        };
        measure.validate(id)?;
        let mut kr = KeyResult::new(id, self.text.clone(), objective, measure);
        kr.due = Some(self.deadline);
        let mut extra = Extra::new();
        extra.insert(
            TEMPLATE_EXTRA_KEY.to_string(),
            serde_json::Value::String(self.template_id.clone()),
        );
        kr.extra = extra;
        Ok(kr)
    }
}

/// Notes a given target that asks for no change or moves the wrong way.
fn check_given_target(t: &KpiTemplate, b: f64, target: f64, notes: &mut Vec<String>) {
    let (tn, bn) = (format_number(target), format_number(b));
    let note = match t.direction {
        KpiDirection::Increase if target < b => {
            format!("target {tn} is below the baseline {bn} but this metric should increase")
        }
        KpiDirection::Decrease if target > b => {
            format!("target {tn} is above the baseline {bn} but this metric should decrease")
        }
        KpiDirection::Increase | KpiDirection::Decrease if target == b => {
            format!("target {tn} equals the baseline: the key result asks for no change")
        }
        KpiDirection::KeepAbove if b >= target => format!(
            "the baseline {bn} already meets the threshold {tn}: the key result asks for no change"
        ),
        KpiDirection::KeepBelow if b <= target => format!(
            "the baseline {bn} already meets the threshold {tn}: the key result asks for no change"
        ),
        _ => return,
    };
    notes.push(note);
}

/// Chooses a target (see [`draft`]) and how to phrase it.
fn default_target(
    t: &KpiTemplate,
    baseline: Option<f64>,
    notes: &mut Vec<String>,
) -> (Phrasing, f64) {
    let typical = if t.default_target.is_finite() {
        t.default_target
    } else {
        0.0
    };
    let Some(b) = baseline else {
        notes.push("target defaulted to the catalog's typical value for this metric".into());
        return (Phrasing::Template, typical);
    };
    let percent = t.unit == "%";
    let improved = |dir: KpiDirection| -> Option<f64> {
        let v = match dir {
            KpiDirection::Increase if percent && b >= 100.0 => return None,
            KpiDirection::Increase => {
                let up = b * 1.2;
                if percent {
                    up.min(b + (100.0 - b) / 2.0)
                } else {
                    up
                }
            }
            _ if b <= 0.0 => return None,
            _ => b * 0.8,
        };
        let r = round_sig(v, 3);
        // Near the end of a percentage scale three figures can round onto the
        // baseline or the cap; two decimals keep the step visible.
        let r = if r == b || (percent && r >= 100.0 && b < 100.0) {
            (v * 100.0).round() / 100.0
        } else {
            r
        };
        (r != b).then_some(r)
    };
    let from_baseline = "target defaulted from the baseline and the metric's direction";
    let at_end = |notes: &mut Vec<String>| {
        notes.push(format!(
            "the baseline {} is already at the end of the scale: the target keeps it",
            format_number(b)
        ));
        (Phrasing::Template, b)
    };
    match t.direction {
        KpiDirection::Increase if b <= 0.0 && typical > b => {
            notes.push("target defaulted to the catalog's typical value for this metric".into());
            (Phrasing::Template, typical)
        }
        KpiDirection::Increase | KpiDirection::Decrease => match improved(t.direction) {
            Some(v) => {
                notes.push(from_baseline.into());
                (Phrasing::Template, v)
            }
            None => at_end(notes),
        },
        KpiDirection::KeepAbove if b < typical => {
            notes.push("target defaulted to the catalog's typical level for this metric".into());
            (Phrasing::Template, typical)
        }
        KpiDirection::KeepBelow if b > typical => {
            notes.push("target defaulted to the catalog's typical level for this metric".into());
            (Phrasing::Template, typical)
        }
        KpiDirection::KeepAbove | KpiDirection::KeepBelow => {
            let dir = if t.direction == KpiDirection::KeepAbove {
                KpiDirection::Increase
            } else {
                KpiDirection::Decrease
            };
            match improved(dir) {
                Some(v) => {
                    notes.push(format!(
                        "the baseline {} already meets the typical level {}: drafted as an improvement from the baseline",
                        format_number(b),
                        format_number(typical)
                    ));
                    (Phrasing::Improve(dir), v)
                }
                None => at_end(notes),
            }
        }
    }
}

/// The template's pattern with its metric (as written in a sentence) and unit
/// filled in, leaving `{baseline}`, `{target}` and `{deadline}`: "Reduce customer
/// churn rate from {baseline}% to {target}% by {deadline}".
pub(crate) fn phrasing(t: &KpiTemplate) -> String {
    let metric = metric_in_sentence(&t.metric);
    let mut out = String::with_capacity(t.pattern.len() + metric.len());
    let mut rest = t.pattern.as_str();
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after.find('}').map_or(after.len(), |e| e + 1);
        match &after[..end] {
            "{metric}" => out.push_str(&metric),
            "{unit}" => out.push_str(&t.unit),
            other => out.push_str(other),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The phrasing of an increase or decrease template with `unit`, as the
/// catalog generator writes it ("Increase {metric} from {baseline}% to
/// {target}% by {deadline}").
pub(crate) fn improvement_pattern(direction: KpiDirection, unit: &str) -> String {
    let u = match unit {
        "score" | "rate" | "cpk" => "",
        "%" | "x" => "{unit}",
        _ => " {unit}",
    };
    let verb = match direction {
        KpiDirection::Decrease | KpiDirection::KeepBelow => "Reduce",
        KpiDirection::Increase | KpiDirection::KeepAbove => "Increase",
    };
    format!("{verb} {{metric}} from {{baseline}}{u} to {{target}}{u} by {{deadline}}")
}

/// The current value of the first key result on the template's metric in the
/// objective, then its ancestors (breadth first; parents by weight, then id).
fn find_baseline(
    graph: &OkrGraph,
    objective: &str,
    t: &KpiTemplate,
    as_of: Option<NaiveDate>,
) -> Option<(f64, BaselineSource)> {
    let mut order = vec![objective.to_string()];
    let mut seen: HashSet<String> = order.iter().cloned().collect();
    let mut i = 0;
    while i < order.len() {
        let mut parents = graph.parents_of(&order[i]);
        crate::sort::sort_by(&mut parents, |a, b| {
            b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0))
        });
        for (p, _) in parents {
            if seen.insert(p.to_string()) {
                order.push(p.to_string());
            }
        }
        i += 1;
    }
    // tagged with the template, and in its unit: a key result tagged by hand may measure in
    // another unit (kEUR for a template in EUR), whose value is no baseline
    let tagged = |kr: &KeyResult| {
        matches!(kr.extra.get(TEMPLATE_EXTRA_KEY), Some(serde_json::Value::String(s)) if s == t.id)
            && unit_fits(kr, t)
    };
    let named = |kr: &KeyResult| names_metric(kr, t);
    for matches in [&tagged as &dyn Fn(&KeyResult) -> bool, &named] {
        for o in &order {
            for kr in graph.key_results_of(o) {
                if !matches(kr) {
                    continue;
                }
                if let Some((v, at)) = current_value(graph, kr, as_of) {
                    return Some((
                        v,
                        BaselineSource {
                            key_result: kr.id.clone(),
                            objective: o.clone(),
                            check_in: at,
                        },
                    ));
                }
            }
        }
    }
    None
}

/// Whether a key result measures values in a unit compatible with the template's: its
/// unit is the template's (ignoring ASCII case) or none is declared. A value in another unit
/// is never a baseline.
fn unit_fits(kr: &KeyResult, t: &KpiTemplate) -> bool {
    let unit = match &kr.measure {
        Measure::Numeric { unit, .. }
        | Measure::Threshold { unit, .. }
        | Measure::Aggregate { unit, .. } => unit,
        Measure::Boolean | Measure::Milestones { .. } => return false,
    };
    unit.is_empty() || unit.eq_ignore_ascii_case(&t.unit)
}

/// Whether a key result's title names the template's metric or a synonym, with
/// a compatible unit.
fn names_metric(kr: &KeyResult, t: &KpiTemplate) -> bool {
    if !unit_fits(kr, t) {
        return false;
    }
    let title = padded_words(&kr.title);
    std::iter::once(&t.metric)
        .chain(&t.synonyms)
        .any(|name| title.contains(&padded_words(name)))
}

/// Lower-cased words separated and surrounded by single spaces.
fn padded_words(s: &str) -> String {
    let mut out = String::from(" ");
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.push_str(&w.to_lowercase());
        out.push(' ');
    }
    out
}

/// The latest value check-in on or before `as_of`, else the start value.
fn current_value(
    graph: &OkrGraph,
    kr: &KeyResult,
    as_of: Option<NaiveDate>,
) -> Option<(f64, Option<DateTime<Utc>>)> {
    let latest = graph
        .check_ins(&kr.id)
        .iter()
        .rev()
        .filter(|c| as_of.is_none_or(|d| c.at.date_naive() <= d))
        .find_map(|c| match c.value {
            CheckInValue::Value(v) if v.is_finite() => Some((v, Some(c.at))),
            _ => None,
        });
    latest.or(match kr.measure {
        Measure::Numeric { start, .. } => Some((start, None)),
        Measure::Threshold { start, .. } => start.map(|s| (s, None)),
        // computed from the key results under it, not checked in
        Measure::Boolean | Measure::Milestones { .. } | Measure::Aggregate { .. } => None,
    })
}

fn round_sig(v: f64, digits: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let mag = v.abs().log10().floor() as i32;
    let scale = 10f64.powi(digits - 1 - mag);
    let r = (v * scale).round() / scale;
    if r.is_finite() { r } else { v }
}

/// Removes " from {baseline}" and the unit that follows it.
fn strip_from_fragment(p: &str) -> String {
    for frag in [
        " from {baseline} {unit}",
        " from {baseline}{unit}",
        " from {baseline}",
    ] {
        if p.contains(frag) {
            return p.replacen(frag, "", 1);
        }
    }
    p.replace("{baseline}", "")
}

/// Lower-cases a leading capital unless the name contains acronyms or other
/// capitals ("Net Promoter Score", "CI build success rate" stay as they are).
fn metric_in_sentence(m: &str) -> String {
    let mut chars = m.chars();
    match chars.next() {
        Some(first) if first.is_uppercase() && !chars.any(char::is_uppercase) => {
            let mut s: String = first.to_lowercase().collect();
            s.push_str(&m[first.len_utf8()..]);
            s
        }
        _ => m.to_string(),
    }
}

fn fill(
    pattern: &str,
    metric: &str,
    baseline: Option<f64>,
    target: f64,
    unit: &str,
    deadline: &str,
) -> String {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        match &after[..end] {
            "metric" => out.push_str(metric),
            "baseline" => out.push_str(&baseline.map(format_number).unwrap_or_default()),
            "target" => out.push_str(&format_number(target)),
            "unit" => out.push_str(unit),
            "deadline" => out.push_str(deadline),
            other => {
                out.push('{');
                out.push_str(other);
                out.push('}');
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

fn with_unit(v: f64, unit: &str) -> String {
    match unit {
        "%" | "x" => format!("{}{unit}", format_number(v)),
        "score" | "rate" | "cpk" => format_number(v),
        _ => format!("{} {unit}", format_number(v)),
    }
}

/// Formats a number with thousands separators, trimming trailing zeros: at
/// most two decimals from 1 up, four below 1 (1200000 -> "1,200,000", 3.50 ->
/// "3.5", 0.0008 -> "0.0008"); from 1e15 and below 1e-4, the shortest exact form
/// ([`number`](crate::format::number): "1e300", "2.5e-7").
pub(crate) fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_string();
    }
    // hundreds of digits (1e300) or none that show (1e-7 as "0"): the shortest exact form
    if v.abs() >= 1e15 || (v != 0.0 && v.abs() < 1e-4) {
        return crate::format::number(v);
    }
    let decimals = if v.abs() < 1.0 { 4 } else { 2 };
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let neg = v < 0.0 && (grouped != "0" || !frac.is_empty());
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// `March 31, 2027` (chrono's `%B %-d, %Y`, written out: its format-string machinery is about
/// 20 KB of the WebAssembly build).
fn long_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!("{} {}, {}", MONTHS[d.month0() as usize], d.day(), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_match_chrono() {
        use chrono::Datelike;
        let mut d = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        while d.year() < 2026 {
            assert_eq!(long_date(d), d.format("%B %-d, %Y").to_string());
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(format_number(1_200_000.0), "1,200,000");
        assert_eq!(format_number(3.5), "3.5");
        assert_eq!(format_number(1e300), "1e300");
        assert_eq!(format_number(-2.5e-7), "-2.5e-7");
        assert_eq!(format_number(99.9), "99.9");
        assert_eq!(format_number(0.0008), "0.0008");
        assert_eq!(format_number(-0.00001), "-0.00001");
        assert_eq!(format_number(-1234.5), "-1,234.5");
        assert_eq!(format_number(f64::NAN), "0");
    }

    #[test]
    fn metric_case() {
        assert_eq!(
            metric_in_sentence("Customer churn rate"),
            "customer churn rate"
        );
        assert_eq!(
            metric_in_sentence("Net Promoter Score"),
            "Net Promoter Score"
        );
        assert_eq!(
            metric_in_sentence("CI build success rate"),
            "CI build success rate"
        );
        assert_eq!(metric_in_sentence(""), "");
    }

    #[test]
    fn catalog_patterns_match_the_improvement_phrasing() {
        for t in crate::suggest::catalog() {
            match t.direction {
                KpiDirection::Increase | KpiDirection::Decrease => assert_eq!(
                    t.pattern,
                    improvement_pattern(t.direction, &t.unit),
                    "{}",
                    t.id
                ),
                KpiDirection::KeepAbove => assert!(t.pattern.contains(" at or above {target}")),
                KpiDirection::KeepBelow => assert!(t.pattern.contains(" at or below {target}")),
            }
        }
    }

    #[test]
    fn phrasing_fills_metric_and_unit() {
        let t = crate::suggest::template("logo-churn-rate").unwrap();
        assert_eq!(
            phrasing(t),
            "Reduce customer churn rate from {baseline}% to {target}% by {deadline}"
        );
        for t in crate::suggest::catalog() {
            let p = phrasing(t);
            assert!(!p.contains("{metric}") && !p.contains("{unit}"), "{p}");
            assert!(p.contains("{target}") && p.contains("{deadline}"), "{p}");
        }
    }

    #[test]
    fn padded() {
        assert_eq!(padded_words("Raise NPS, from 30!"), " raise nps from 30 ");
        assert!(padded_words("Raise NPS to 40").contains(&padded_words("NPS")));
        assert!(!padded_words("Raise SNPS to 40").contains(&padded_words("NPS")));
    }
}
