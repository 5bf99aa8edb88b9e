//! The text of the analytics results (the `okr coverage`, `contributions`, `what-if`,
//! `forecast`, `score`, `scorecard` and `diff` commands): fixed-width tables.

use std::fmt::Write as _;

use super::fmt::{decimal, percent, points};
use crate::analytics::{Contributions, Coverage, Diff, Forecast, RollupDiff, Scorecard, Scores};
use crate::rollup::Status;

/// `a -> b` when the status changed, else `b`.
fn status_change(before: Status, after: Status) -> String {
    if before == after {
        after.as_str().to_string()
    } else {
        format!("{} -> {}", before.as_str(), after.as_str())
    }
}

impl Coverage {
    /// The coverage as text: the totals, one row per top-level objective (objectives and
    /// people tracing to it, with their shares), then the people without an aligned objective.
    pub fn render_text(&self) -> String {
        let mut s = format!(
            "{} objective(s){}, {} traced to a top-level objective ({}); {} people\n\n",
            self.objectives,
            self.cycle
                .as_deref()
                .map(|c| format!(" in cycle {c}"))
                .unwrap_or_default(),
            self.traced_objectives,
            percent(self.traced_share),
            self.people
        );
        let _ = writeln!(
            s,
            "{:>10} {:>10}  top-level objective",
            "objectives", "people"
        );
        for t in &self.top_level {
            let _ = writeln!(
                s,
                "{:>10} {:>10}  {} [{}]",
                format!("{} {}", t.objectives, percent(t.objective_share)),
                format!("{} {}", t.people, percent(t.people_share)),
                t.title,
                t.objective
            );
        }
        if !self.people_without_aligned_objectives.is_empty() {
            let _ = writeln!(
                s,
                "\npeople without an aligned objective: {}",
                self.people_without_aligned_objectives.join(", ")
            );
        }
        s
    }
}

impl Contributions {
    /// The contributions as text: the objective's progress, one row per key result (share,
    /// progress, points contributed, headroom, objective), then the `top` movers.
    pub fn render_text(&self, top: usize) -> String {
        let mut s = format!(
            "{}: progress {}\n\n",
            self.objective,
            percent(self.progress)
        );
        let _ = writeln!(
            s,
            "{:<28} {:>8} {:>9} {:>12} {:>9}  objective",
            "key result", "share", "progress", "contributes", "headroom"
        );
        for k in &self.key_results {
            let _ = writeln!(
                s,
                "{:<28} {:>8} {:>9} {:>12} {:>9}  {}",
                k.key_result,
                percent(k.share),
                percent(k.progress),
                points(k.contribution, false),
                points(k.headroom, false),
                k.objective
            );
        }
        let movers: Vec<String> = self
            .top_movers(top)
            .iter()
            .map(|k| format!("{} (+{:.1} pts per 10 pts)", k.key_result, k.share * 10.0))
            .collect();
        if !movers.is_empty() {
            let _ = writeln!(s, "\ntop movers: {}", movers.join(", "));
        }
        s
    }
}

impl RollupDiff {
    /// The comparison as text: one row per changed node (progress before and after, the
    /// status or its change), or `nothing changes`.
    pub fn render_text(&self) -> String {
        let mut s = format!("{:<28} {:>9} {:>9}  status\n", "changed", "before", "after");
        for c in &self.changes {
            let _ = writeln!(
                s,
                "{:<28} {:>9} {:>9}  {}",
                c.id,
                percent(c.progress_before),
                percent(c.progress_after),
                status_change(c.status_before, c.status_after)
            );
        }
        if self.changes.is_empty() {
            s.push_str("nothing changes\n");
        }
        s
    }
}

impl Forecast {
    /// The forecast as text: one row per key result (period end, projected value, band,
    /// projected progress), the key results without a forecast and why, then the projected
    /// progress of every objective.
    pub fn render_text(&self) -> String {
        let mut s = format!(
            "{:<28} {:>10} {:>14} {:>24} {:>9}\n",
            "key result", "period end", "projected", "band", "progress"
        );
        for k in &self.key_results {
            let _ = writeln!(
                s,
                "{:<28} {:>10} {:>14} {:>24} {:>9}",
                k.key_result,
                k.period_end.to_string(),
                format!("{:.2}", k.value),
                format!("{:.2} .. {:.2}", k.low, k.high),
                percent(k.progress)
            );
        }
        for k in &self.skipped {
            let _ = writeln!(s, "{:<28} no forecast: {}", k.key_result, k.reason);
        }
        let _ = writeln!(s, "\n{:<28} {:>9}", "objective", "projected");
        for o in &self.objectives {
            let _ = writeln!(s, "{:<28} {:>9}", o.objective, percent(o.progress));
        }
        s
    }
}

impl Scores {
    /// The scores as text: objectives then key results, each with its type, score, period
    /// end and grade (marked provisional before the period ends).
    pub fn render_text(&self) -> String {
        let mut s = format!(
            "{:<28} {:<12} {:>8} {:>10}  grade\n",
            "id", "type", "score", "period end"
        );
        for x in self.objectives.iter().chain(&self.key_results) {
            let _ = writeln!(
                s,
                "{:<28} {:<12} {:>8} {:>10}  {}{}",
                x.id,
                x.objective_type.as_str(),
                percent(x.score),
                x.period_end.to_string(),
                x.grade.as_str(),
                if x.is_final { "" } else { " (provisional)" }
            );
        }
        s
    }
}

/// Scorecards as text: per owner, its counts, then one line per signal (value, `SIGNAL:` when
/// a sandbagging signal fired, explanation), and a blank line.
pub fn scorecards_text(cards: &[Scorecard]) -> String {
    let mut s = String::new();
    for c in cards {
        let _ = writeln!(
            s,
            "{} ({} objective(s), {} key result(s))",
            c.owner, c.objectives, c.key_results
        );
        for sig in &c.signals {
            let _ = writeln!(
                s,
                "  {:<28} {:>6}  {}{}",
                sig.name,
                decimal(sig.value),
                if sig.raised { "SIGNAL: " } else { "" },
                sig.explanation
            );
        }
        s.push('\n');
    }
    s
}

impl Diff {
    /// The diff as text: the two dates, then one row per change (progress at each date, the
    /// change in points, the status or its change).
    pub fn render_text(&self) -> String {
        let mut s = format!(
            "{} -> {}\n{:<28} {:>9} {:>9} {:>9}  status\n",
            self.from.date_naive(),
            self.to.date_naive(),
            "id",
            "from",
            "to",
            "change"
        );
        for c in &self.changes {
            let _ = writeln!(
                s,
                "{:<28} {:>9} {:>9} {:>9}  {}",
                c.id,
                percent(c.from_progress),
                percent(c.to_progress),
                c.delta.map_or("-".into(), |x| points(x, true)),
                status_change(c.from_status, c.to_status)
            );
        }
        s
    }
}
