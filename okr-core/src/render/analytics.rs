//! The text of the analytics results (the `okr coverage`, `contributions`, `what-if`,
//! `forecast`, `score`, `scorecard` and `diff` commands): fixed-width tables. Ids, titles and
//! names from the document are [escaped](crate::format::escape), in the tables and out.

use std::fmt::Write as _;

use super::table::{Col, line};
use crate::analytics::{Contributions, Coverage, Diff, Forecast, RollupDiff, Scorecard, Scores};
use crate::format::{Escaped, decimal, escape, fixed, number, percent, points};
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
                .map(|c| format!(" in cycle {}", escape(c)))
                .unwrap_or_default(),
            self.traced_objectives,
            percent(self.traced_share),
            self.people
        );
        // objectives, people (then the top-level objective)
        let columns = &[Col::Right(10), Col::Right(10)];
        line(
            &mut s,
            columns,
            &["objectives", "people"],
            "top-level objective",
        );
        for t in &self.top_level {
            line(
                &mut s,
                columns,
                &[
                    &format!("{} {}", t.objectives, percent(t.objective_share)),
                    &format!("{} {}", t.people, percent(t.people_share)),
                ],
                &format!("{} [{}]", t.title, t.objective),
            );
        }
        if !self.people_without_aligned_objectives.is_empty() {
            let _ = writeln!(
                s,
                "\npeople without an aligned objective: {}",
                escape(&self.people_without_aligned_objectives.join(", "))
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
            escape(&self.objective),
            percent(self.progress)
        );
        // key result, share, progress, contributes, headroom (then the objective)
        let columns = &[
            Col::Left(28),
            Col::Right(8),
            Col::Right(9),
            Col::Right(12),
            Col::Right(9),
        ];
        let header = ["key result", "share", "progress", "contributes", "headroom"];
        line(&mut s, columns, &header, "objective");
        for k in &self.key_results {
            line(
                &mut s,
                columns,
                &[
                    &k.key_result,
                    &percent(k.share),
                    &percent(k.progress),
                    &points(k.contribution, false),
                    &points(k.headroom, false),
                ],
                &k.objective,
            );
        }
        let movers: Vec<String> = self
            .top_movers(top)
            .iter()
            .map(|k| {
                format!(
                    "{} (+{:.1} pts per 10 pts)",
                    escape(&k.key_result),
                    k.share * 10.0
                )
            })
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
        let mut s = String::new();
        // changed, before, after (then the status)
        let columns = &[Col::Left(28), Col::Right(9), Col::Right(9)];
        line(&mut s, columns, &["changed", "before", "after"], "status");
        for c in &self.changes {
            line(
                &mut s,
                columns,
                &[
                    &c.id,
                    &percent(c.progress_before),
                    &percent(c.progress_after),
                ],
                &status_change(c.status_before, c.status_after),
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
        let mut s = String::new();
        let columns = &[
            Col::Left(28),
            Col::Right(10),
            Col::Right(14),
            Col::Right(24),
            Col::Right(9),
        ];
        let header = ["key result", "period end", "projected", "band", "progress"];
        line(&mut s, columns, &header, "");
        for k in &self.key_results {
            line(
                &mut s,
                columns,
                &[
                    &k.key_result,
                    &k.period_end.to_string(),
                    &fixed(k.value, 2),
                    &format!("{} .. {}", fixed(k.low, 2), fixed(k.high, 2)),
                    &percent(k.progress),
                ],
                "",
            );
        }
        for k in &self.skipped {
            let _ = writeln!(
                s,
                "{:<28} no forecast: {}",
                Escaped(&k.key_result),
                k.reason
            );
        }
        s.push('\n');
        let columns = &[Col::Left(28), Col::Right(9)];
        line(&mut s, columns, &["objective", "projected"], "");
        for o in &self.objectives {
            line(&mut s, columns, &[&o.objective, &percent(o.progress)], "");
        }
        s
    }
}

impl Scores {
    /// The scores as text: objectives then key results, each with its type, score, period
    /// end and grade (marked provisional before the period ends); a key result's with the
    /// target it was scored against, the one in force at the end of its period.
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        if self.key_results.iter().any(|k| k.target.is_some()) {
            s.push_str(
                "key results are scored against the target in force at the end of their period \
                 (or at the as-of date before it)\n",
            );
        }
        // id, type, score, period end (then the grade)
        let columns = &[Col::Left(28), Col::Left(12), Col::Right(8), Col::Right(10)];
        line(
            &mut s,
            columns,
            &["id", "type", "score", "period end"],
            "grade",
        );
        for x in self.objectives.iter().chain(&self.key_results) {
            line(
                &mut s,
                columns,
                &[
                    &x.id,
                    x.objective_type.as_str(),
                    &percent(x.score),
                    &x.period_end.to_string(),
                ],
                &format!(
                    "{}{}{}",
                    x.grade.as_str(),
                    if x.is_final { "" } else { " (provisional)" },
                    x.target
                        .map_or(String::new(), |t| format!(", target {}", number(t)))
                ),
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
            escape(&c.owner),
            c.objectives,
            c.key_results
        );
        for sig in &c.signals {
            let _ = writeln!(
                s,
                "  {:<28} {:>6}  {}{}",
                sig.name,
                decimal(sig.value),
                if sig.raised { "SIGNAL: " } else { "" },
                escape(&sig.explanation)
            );
        }
        s.push('\n');
    }
    s
}

impl Diff {
    /// The diff as text: the two dates, then one row per change (progress at each date, the
    /// change in points, the status or its change), then the changes to the goals in
    /// between, one sentence each.
    pub fn render_text(&self) -> String {
        let mut s = format!("{} -> {}\n", self.from.date_naive(), self.to.date_naive());
        // id, from, to, change (then the status)
        let columns = &[Col::Left(28), Col::Right(9), Col::Right(9), Col::Right(9)];
        line(&mut s, columns, &["id", "from", "to", "change"], "status");
        for c in &self.changes {
            line(
                &mut s,
                columns,
                &[
                    &c.id,
                    &percent(c.from_progress),
                    &percent(c.to_progress),
                    &c.delta.map_or("-".into(), |x| points(x, true)),
                ],
                &status_change(c.from_status, c.to_status),
            );
        }
        if !self.revisions.is_empty() {
            s.push_str("\nchanges to the goals in between:\n");
            for e in &self.revisions {
                s.push_str("  ");
                s.push_str(&crate::render::log_sentence(e));
                s.push('\n');
            }
        }
        s
    }
}

/// The key results that owe a check-in ([`OkrGraph::due`](crate::OkrGraph::due)) as text:
/// per owner (in the order given), a heading with the count, then one row per key result
/// (state, since when, the last check-in, the key result) with its cadence and objective;
/// `nothing is owed` when the list is empty.
pub fn due_text(due: &[crate::analytics::DueCheckIn]) -> String {
    use crate::time::format_instant;
    if due.is_empty() {
        return "nothing is owed\n".into();
    }
    let mut s = String::new();
    let columns = &[Col::Left(10), Col::Left(20), Col::Left(20), Col::Left(24)];
    let mut i = 0;
    while i < due.len() {
        let owner = &due[i].owner;
        let n = due[i..].iter().take_while(|d| &d.owner == owner).count();
        if i > 0 {
            s.push('\n');
        }
        let _ = writeln!(s, "{} owes {n} check-in(s)", escape(owner));
        line(
            &mut s,
            columns,
            &["state", "since", "last check-in", "key result"],
            "cadence (objective)",
        );
        for d in &due[i..i + n] {
            let state = match d.state {
                crate::analytics::DueState::Missed if d.missed_intervals > 1 => {
                    format!("missed x{}", d.missed_intervals)
                }
                st => st.as_str().to_string(),
            };
            line(
                &mut s,
                columns,
                &[
                    &state,
                    &format_instant(d.due_since),
                    &d.last_check_in.map_or("-".into(), format_instant),
                    &d.key_result,
                ],
                &format!("{} ({})", d.cadence, d.objective),
            );
        }
        i += n;
    }
    s
}
