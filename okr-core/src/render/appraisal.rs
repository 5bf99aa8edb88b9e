//! The appraisal view as text ([`Appraisal::render_text`]) and as one self-contained printable
//! HTML page ([`OkrGraph::appraisal_html`]): no script, no external resource, all CSS in one
//! `<style>`, every text from the document escaped, each key result's burn-up chart inline
//! ([`OkrGraph::chart_svg`]). Both print the [statement](crate::analytics::STATEMENT) that OKR
//! attainment is one input to a performance conversation and not a rating.

use std::fmt::Write as _;

use crate::analytics::render::xml;
use crate::analytics::{Appraisal, AppraisedScore};
use crate::error::{OkrError, Result};
use crate::format::{decimal, escape, percent};
use crate::graph::OkrGraph;
use crate::rollup::RollupConfig;
use crate::time::format_instant;

fn score_cells(s: &AppraisedScore) -> [String; 3] {
    [
        percent(s.score),
        s.grade.clone(),
        s.basis.as_str().to_string(),
    ]
}

fn discipline_text(d: Option<crate::analytics::Discipline>) -> String {
    d.map_or_else(|| "-".into(), |d| format!("{}/{} kept", d.kept, d.expected))
}

fn signal_value(s: &crate::analytics::Signal) -> String {
    match s.name {
        "calibration" => decimal(s.value),
        _ => s.value.map_or("-".into(), crate::format::number),
    }
}

fn scores_heading(a: &Appraisal) -> &'static str {
    if a.cycle_closed {
        "frozen when the cycle closed"
    } else if a.as_of > a.end {
        "final, computed at each period's end (the cycle is not closed)"
    } else {
        "provisional until each period ends"
    }
}

impl Appraisal {
    /// The appraisal as text: the statement, the objectives and key results with their scores
    /// and check-in discipline, the feedback, the target revisions and the signals. Every
    /// text from the document is [escaped](crate::format::escape).
    ///
    /// # Complexity
    /// Linear in the appraisal's size.
    pub fn render_text(&self) -> String {
        use super::table::{Col, line};
        let mut s = String::new();
        let _ = writeln!(
            s,
            "Appraisal of {} ({}), {} ({}: {} to {}), as of {}",
            escape(&self.owner_name),
            escape(&self.owner),
            escape(&self.cycle_name),
            escape(&self.cycle),
            self.start,
            self.end,
            self.as_of
        );
        let _ = writeln!(s, "Note: {}\n", self.statement);
        let _ = writeln!(s, "Objectives (scores {})", scores_heading(self));
        let cols = [Col::Right(9), Col::Left(9), Col::Left(11), Col::Left(12)];
        if self.objectives.is_empty() {
            s.push_str("  none\n");
        } else {
            line(
                &mut s,
                &cols,
                &["score", "grade", "basis", "type"],
                "objective",
            );
            for o in &self.objectives {
                let [sc, gr, ba] = score_cells(&o.score);
                let last = format!("{} [{}]", o.title, o.id);
                line(&mut s, &cols, &[&sc, &gr, &ba, o.kind.as_str()], &last);
            }
        }
        s.push('\n');
        let _ = writeln!(s, "Key results");
        let cols = [
            Col::Right(9),
            Col::Left(9),
            Col::Left(11),
            Col::Left(12),
            Col::Right(9),
        ];
        if self.key_results.is_empty() {
            s.push_str("  none\n");
        } else {
            line(
                &mut s,
                &cols,
                &["score", "grade", "basis", "discipline", "check-ins"],
                "key result (objective)",
            );
            for k in &self.key_results {
                let [sc, gr, ba] = score_cells(&k.score);
                let d = discipline_text(k.discipline);
                let n = k.check_ins.to_string();
                let mut last = format!("{} [{}] ({}", k.title, k.id, k.objective);
                if !k.own_objective {
                    last.push_str(", someone else's objective");
                }
                last.push(')');
                line(&mut s, &cols, &[&sc, &gr, &ba, &d, &n], &last);
            }
        }
        let _ = writeln!(
            s,
            "\nCheck-in discipline: {} ({})",
            percent(self.check_in_discipline),
            self.check_in_explanation
        );
        let _ = writeln!(s, "\nFeedback received ({})", self.feedback.len());
        if self.feedback.is_empty() && self.acknowledgements.is_empty() {
            s.push_str("  none\n");
        }
        for f in &self.feedback {
            let on = match f.check_in {
                Some(t) => format!("check-in of {} at {}", f.about, format_instant(t)),
                None => f.about.clone(),
            };
            let _ = writeln!(
                s,
                "  {} {}{} on {}: {}",
                format_instant(f.at),
                escape(&f.by),
                if f.from_self { " (own)" } else { "" },
                escape(&on),
                escape(&f.text)
            );
        }
        for a in &self.acknowledgements {
            let _ = writeln!(
                s,
                "  {} {} acknowledged the check-in of {} at {}{}",
                format_instant(a.at),
                escape(&a.by),
                escape(&a.key_result),
                format_instant(a.check_in),
                a.comment
                    .as_ref()
                    .map(|c| format!(": {}", escape(c)))
                    .unwrap_or_default()
            );
        }
        let _ = writeln!(
            s,
            "\nTarget revisions during the cycle ({})",
            self.target_revisions.len()
        );
        if self.target_revisions.is_empty() {
            s.push_str("  none\n");
        }
        for e in &self.target_revisions {
            let _ = writeln!(s, "  {}", super::log_sentence(e));
        }
        s.push_str("\nCalibration and sandbagging signals (every cycle up to the as-of date)\n");
        if self.signals.is_empty() {
            s.push_str("  none\n");
        }
        for sig in &self.signals {
            let _ = writeln!(
                s,
                "  {}{:<27} {:>5}  {}",
                if sig.raised { "! " } else { "  " },
                sig.name,
                signal_value(sig),
                escape(&sig.explanation)
            );
        }
        s
    }
}

const CSS: &str = "body{font-family:Helvetica,Arial,sans-serif;color:#222;margin:24px auto;max-width:900px;padding:0 16px;line-height:1.4}\
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}\
h3{font-size:15px;margin:0 0 4px}.meta{color:#555;margin:0 0 12px}\
.statement{background:#f4f6fa;border-left:4px solid #6b8cc7;padding:8px 12px;margin:12px 0}\
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #eee;vertical-align:top}\
th{background:#fafafa}td.num{text-align:right;white-space:nowrap}\
.kr{border:1px solid #e3e3e3;border-radius:4px;padding:10px 12px;margin:12px 0;break-inside:avoid;page-break-inside:avoid}\
.chart svg{width:100%;max-width:640px;height:auto;display:block}.raised{color:#d0342c;font-weight:bold}\
.none{color:#777}ul{padding-left:20px}\
@media print{body{margin:0;max-width:none}.statement{border-left-color:#000}}";

/// One cell of an HTML table, its text escaped.
fn td(s: &mut String, text: &str, num: bool) {
    let _ = write!(
        s,
        "<td{}>{}</td>",
        if num { " class=\"num\"" } else { "" },
        xml(text)
    );
}

impl OkrGraph {
    /// The appraisal view of owner `owner` for cycle `cycle` at `as_of`
    /// ([`appraisal`](Self::appraisal)) as one self-contained printable HTML page: no script,
    /// no external resource (no link, image or font is fetched), all CSS in one `<style>`,
    /// every text from the document escaped, and per key result its burn-up chart as inline
    /// SVG ([`chart_svg`](Self::chart_svg), from the cycle's start to the end of the key
    /// result's period or the as-of date, whichever is first). A key result whose period has
    /// not started at `as_of`, or that is not in the graph as it stands now (removed since),
    /// has no chart, and the page says so.
    ///
    /// # Errors
    /// As [`appraisal`](Self::appraisal); a chart's errors other than `UnknownId`.
    ///
    /// # Complexity
    /// [`appraisal`](Self::appraisal), plus one [`chart_svg`](Self::chart_svg) per key result
    /// of the person (a rollup of the graph per day of its range).
    pub fn appraisal_html(
        &self,
        owner: &str,
        cycle: &str,
        as_of: chrono::NaiveDate,
    ) -> Result<String> {
        let a = self.appraisal(owner, cycle, as_of)?;
        let g = self.at(as_of);
        let config = RollupConfig::default();
        let mut charts = Vec::with_capacity(a.key_results.len());
        for k in &a.key_results {
            let end = g
                .key_result(&k.id)
                .and_then(|kr| kr.due)
                .unwrap_or(a.end)
                .min(as_of);
            let chart = if end < a.start {
                None
            } else {
                match self.chart_svg(&k.id, Some(a.start), Some(end), &config) {
                    Ok(svg) => Some(svg),
                    Err(OkrError::UnknownId { .. }) => None,
                    Err(e) => return Err(e),
                }
            };
            charts.push(chart);
        }
        Ok(a.render_html(&charts))
    }
}

impl Appraisal {
    /// The page, with `charts[i]` the SVG of key result `i` (or none).
    fn render_html(&self, charts: &[Option<String>]) -> String {
        let mut s = String::new();
        let title = format!(
            "Appraisal: {} ({}), {}",
            self.owner_name, self.owner, self.cycle_name
        );
        s.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        let _ = writeln!(s, "<title>{}</title>", xml(&title));
        let _ = writeln!(s, "<style>{CSS}</style>\n</head>\n<body>");
        let _ = writeln!(
            s,
            "<h1>Appraisal of {} <small>({})</small></h1>",
            xml(&self.owner_name),
            xml(&self.owner)
        );
        let _ = writeln!(
            s,
            "<p class=\"meta\">{} ({}: {} to {}), as of {}{}</p>",
            xml(&self.cycle_name),
            xml(&self.cycle),
            self.start,
            self.end,
            self.as_of,
            if self.cycle_closed {
                ", cycle closed"
            } else {
                ""
            }
        );
        let _ = writeln!(
            s,
            "<p class=\"statement\" id=\"statement\">{}</p>",
            xml(self.statement)
        );

        let _ = writeln!(
            s,
            "<h2>Objectives</h2>\n<p class=\"meta\">Scores {}.</p>",
            scores_heading(self)
        );
        if self.objectives.is_empty() {
            s.push_str("<p class=\"none\">None.</p>\n");
        } else {
            s.push_str("<table><tr><th>objective</th><th>type</th><th>score</th><th>grade</th><th>basis</th></tr>\n");
            for o in &self.objectives {
                s.push_str("<tr>");
                td(&mut s, &format!("{} [{}]", o.title, o.id), false);
                td(&mut s, o.kind.as_str(), false);
                let [sc, gr, ba] = score_cells(&o.score);
                td(&mut s, &sc, true);
                td(&mut s, &gr, false);
                td(&mut s, &ba, false);
                s.push_str("</tr>\n");
            }
            s.push_str("</table>\n");
        }

        let _ = writeln!(
            s,
            "<h2>Key results</h2>\n<p class=\"meta\">Check-in discipline: {} ({}).</p>",
            percent(self.check_in_discipline),
            xml(&self.check_in_explanation)
        );
        if self.key_results.is_empty() {
            s.push_str("<p class=\"none\">None.</p>\n");
        }
        for (i, k) in self.key_results.iter().enumerate() {
            let _ = writeln!(s, "<section class=\"kr\" data-id=\"{}\">", xml(&k.id));
            let _ = writeln!(s, "<h3 class=\"kr-title\">{}</h3>", xml(&k.title));
            let _ = writeln!(
                s,
                "<p class=\"meta\">[{}] under {} [{}]{}</p>",
                xml(&k.id),
                xml(&k.objective_title),
                xml(&k.objective),
                if k.own_objective {
                    ""
                } else {
                    " (someone else's objective)"
                }
            );
            let [sc, gr, ba] = score_cells(&k.score);
            let _ = writeln!(
                s,
                "<p>Score {} ({}, {}); {} check-in(s){}; discipline {}{}.</p>",
                xml(&sc),
                xml(&gr),
                xml(&ba),
                k.check_ins,
                k.last_check_in
                    .map(|t| format!(", the last at {}", format_instant(t)))
                    .unwrap_or_default(),
                xml(&discipline_text(k.discipline)),
                k.cadence
                    .as_ref()
                    .map(|c| format!(" on a {} cadence", xml(c)))
                    .unwrap_or_else(|| " (no cadence set: every 7 days)".into())
            );
            match charts.get(i).and_then(Option::as_deref) {
                Some(svg) => {
                    let _ = writeln!(s, "<div class=\"chart\">\n{svg}</div>");
                }
                None => s.push_str("<p class=\"none\">No chart: the period has not started, or the key result is no longer in the graph.</p>\n"),
            }
            s.push_str("</section>\n");
        }

        let _ = writeln!(s, "<h2>Feedback received</h2>");
        if self.feedback.is_empty() && self.acknowledgements.is_empty() {
            s.push_str("<p class=\"none\">None.</p>\n");
        } else {
            s.push_str("<ul>\n");
            for f in &self.feedback {
                let on = match f.check_in {
                    Some(t) => format!("the check-in of {} at {}", f.about, format_instant(t)),
                    None => f.about.clone(),
                };
                let _ = writeln!(
                    s,
                    "<li><b>{}</b>{} on {}, {}: {}</li>",
                    xml(&f.by),
                    if f.from_self { " (own)" } else { "" },
                    xml(&on),
                    format_instant(f.at),
                    xml(&f.text)
                );
            }
            for a in &self.acknowledgements {
                let _ = writeln!(
                    s,
                    "<li><b>{}</b> acknowledged the check-in of {} at {}, {}{}</li>",
                    xml(&a.by),
                    xml(&a.key_result),
                    format_instant(a.check_in),
                    format_instant(a.at),
                    a.comment
                        .as_ref()
                        .map(|c| format!(": {}", xml(c)))
                        .unwrap_or_default()
                );
            }
            s.push_str("</ul>\n");
        }

        let _ = writeln!(s, "<h2>Target revisions during the cycle</h2>");
        if self.target_revisions.is_empty() {
            s.push_str("<p class=\"none\">None.</p>\n");
        } else {
            s.push_str("<ul>\n");
            for e in &self.target_revisions {
                let _ = writeln!(s, "<li>{}</li>", xml(&super::log_sentence(e)));
            }
            s.push_str("</ul>\n");
        }

        let _ = writeln!(
            s,
            "<h2>Calibration and sandbagging signals</h2>\n<p class=\"meta\">From the scorecard: every cycle up to the as-of date.</p>"
        );
        if self.signals.is_empty() {
            s.push_str("<p class=\"none\">None.</p>\n");
        } else {
            s.push_str("<table><tr><th>signal</th><th>value</th><th>explanation</th></tr>\n");
            for sig in &self.signals {
                let _ = write!(
                    s,
                    "<tr><td{}>{}</td>",
                    if sig.raised { " class=\"raised\"" } else { "" },
                    xml(sig.name)
                );
                td(&mut s, &signal_value(sig), true);
                td(&mut s, &sig.explanation, false);
                s.push_str("</tr>\n");
            }
            s.push_str("</table>\n");
        }
        let _ = writeln!(s, "<p class=\"statement\">{}</p>", xml(self.statement));
        s.push_str("</body>\n</html>\n");
        s
    }
}
