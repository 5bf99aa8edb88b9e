//! The burn-up chart of one objective or key result, as a self-contained SVG: no script, no
//! style sheet, no external resource, every text from the document escaped.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::analytics::render::{colour, short, xml};
use crate::error::{EntityKind, OkrError, Result};
use crate::format::{fixed, number, percent};
use crate::graph::OkrGraph;
use crate::model::{CheckInValue, Measure};
use crate::rollup::{RollupConfig, Status};
use crate::time::AsOf;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 320.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 52.0;
const BOTTOM: f64 = 78.0;

/// What the chart draws on its vertical axis.
enum Axis {
    /// Values of a numeric or threshold key result, with their unit.
    Value { unit: String },
    /// Progress, 0% to 100%.
    Progress,
}

/// The vertical scale: `lo` at the bottom, `hi` at the top, and the ticks to label.
struct Scale {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
    decimals: usize,
}

impl Scale {
    /// A scale over the finite numbers of `xs`, with round ticks.
    fn over(xs: impl Iterator<Item = f64>) -> Scale {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for x in xs.filter(|x| x.is_finite()) {
            lo = lo.min(x);
            hi = hi.max(x);
        }
        if lo > hi {
            (lo, hi) = (0.0, 1.0);
        }
        if lo == hi {
            let pad = if lo == 0.0 { 1.0 } else { lo.abs() / 10.0 };
            (lo, hi) = (lo - pad, hi + pad);
        }
        let span = hi - lo;
        if !span.is_finite() || span <= 0.0 {
            return Scale {
                lo,
                hi,
                ticks: vec![lo, hi],
                decimals: 0,
            };
        }
        // a round step giving about five intervals: 1, 2 or 5 times a power of ten
        let raw = span / 5.0;
        let power = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .map(|m| m * power)
            .find(|s| *s >= raw)
            .unwrap_or(10.0 * power);
        let first = (lo / step).floor();
        let last = (hi / step).ceil();
        if !(first.is_finite() && last.is_finite() && step > 0.0) || last - first > 20.0 {
            return Scale {
                lo,
                hi,
                ticks: vec![lo, hi],
                decimals: 0,
            };
        }
        let decimals = (-step.log10().floor()).clamp(0.0, 12.0) as usize;
        let ticks: Vec<f64> = (0..=(last - first) as i64)
            .map(|k| (first + k as f64) * step)
            .collect();
        Scale {
            lo: first * step,
            hi: last * step,
            ticks,
            decimals,
        }
    }

    fn percent() -> Scale {
        Scale {
            lo: 0.0,
            hi: 1.0,
            ticks: vec![0.0, 0.25, 0.5, 0.75, 1.0],
            decimals: 0,
        }
    }

    /// The vertical position of `v`: finite for every finite `v` (halves avoid overflow).
    fn y(&self, v: f64) -> f64 {
        let den = self.hi / 2.0 - self.lo / 2.0;
        let t = if den > 0.0 {
            ((v / 2.0 - self.lo / 2.0) / den).clamp(-0.05, 1.05)
        } else {
            0.5
        };
        TOP + (1.0 - t) * (HEIGHT - TOP - BOTTOM)
    }
}

/// The horizontal position of the `i`-th of `n` dates.
fn x(i: usize, n: usize) -> f64 {
    let w = WIDTH - LEFT - RIGHT;
    if n <= 1 {
        LEFT + w / 2.0
    } else {
        LEFT + w * i as f64 / (n - 1) as f64
    }
}

/// `points` as polylines, broken where a point is missing; each segment coloured by the
/// colour of its end point, consecutive segments of one colour in one polyline.
fn polylines(s: &mut String, points: &[Option<(f64, f64, &'static str)>], attrs: &str) {
    let mut run: Vec<(f64, f64)> = Vec::new();
    let mut run_colour = "";
    let flush = |s: &mut String, run: &mut Vec<(f64, f64)>, c: &str| {
        if run.len() >= 2 {
            let pts: Vec<String> = run.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
            let _ = writeln!(
                s,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{c}\" {attrs}/>",
                pts.join(" ")
            );
        }
        run.clear();
    };
    for p in points {
        match *p {
            None => flush(s, &mut run, run_colour),
            Some((px, py, c)) => {
                if c != run_colour && !run.is_empty() {
                    let last = run[run.len() - 1];
                    flush(s, &mut run, run_colour);
                    run.push(last);
                }
                run_colour = c;
                run.push((px, py));
            }
        }
    }
    flush(s, &mut run, run_colour);
}

impl OkrGraph {
    /// A burn-up chart of the objective or key result `id` from `from` to `to` (dates, each
    /// the end of that day UTC), as a self-contained SVG document (no script, no external
    /// resource; titles, ids and units escaped). A numeric or threshold key result: its
    /// value over time (coloured by status) against the expected value (from its plan when it
    /// has one, else the straight line from start to target over its period) or the
    /// threshold, its check-ins in the range marked as dots; a boolean or milestone key
    /// result, an objective, and a key result whose unit a revision inside the range changed
    /// (values of two units never share an axis): progress over time against the expected
    /// progress. The
    /// figures are [`series`](Self::series)'s, so the rollup's at each date, on the model as
    /// it stood then.
    ///
    /// Without `from` or `to`, the node's period as it stands now: its cycle's start, and the
    /// cycle's end or the key result's due date.
    ///
    /// # Errors
    /// `UnknownId` (kind objective) when `id` is neither an objective nor a key result of the
    /// graph as it stands now; `InvalidConfig` for a bad `config`; `InvalidValue` for a range
    /// that is backwards or longer than
    /// [`MAX_SERIES_DAYS`](crate::analytics::MAX_SERIES_DAYS).
    ///
    /// # Complexity
    /// [`series`](Self::series) for the one node, plus O(D) for the D dates (the measure in
    /// force at each date of a numeric key result, through [`at`](Self::at), and its unit,
    /// O(log R) each for R revisions) and O(C) for its C check-ins.
    pub fn chart_svg(
        &self,
        id: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        config: &RollupConfig,
    ) -> Result<String> {
        let unknown = || OkrError::UnknownId {
            kind: EntityKind::Objective,
            id: id.to_string(),
        };
        let (title, cycle, due, kr) = if let Some(o) = self.objective(id) {
            (o.title.clone(), o.cycle.clone(), None, None)
        } else if let Some(k) = self.key_result(id) {
            let o = self.objective(&k.objective).ok_or_else(unknown)?;
            (k.title.clone(), o.cycle.clone(), k.due, Some(k))
        } else {
            return Err(unknown());
        };
        let c = self.cycle(&cycle).ok_or_else(unknown)?;
        let end = due.unwrap_or(c.end);
        let from = from.unwrap_or(c.start.min(end));
        let to = to.unwrap_or(end);
        let series = self.series(from, to, Some(&[id]), config)?;
        let Some(node) = series.nodes.first() else {
            return Err(unknown());
        };
        let n = series.dates.len();
        // values of one unit on one axis: when a revision inside the range changed the unit
        // (EUR to kEUR), the chart draws progress, which has none
        let one_unit = |unit: &str| {
            unit.is_empty()
                || series.dates.iter().all(|&d| {
                    let then = self.store.measure_at(id, AsOf::from(d).0);
                    then.and_then(Measure::unit)
                        .is_none_or(|u| u.is_empty() || u == unit)
                })
        };
        let axis = match kr.map(|k| &k.measure) {
            Some(Measure::Numeric { unit, .. } | Measure::Threshold { unit, .. })
                if one_unit(unit) =>
            {
                Axis::Value { unit: unit.clone() }
            }
            _ => Axis::Progress,
        };
        // the line to measure against, and its name
        let mut reference: Vec<Option<f64>> = Vec::with_capacity(n);
        let mut reference_name = "expected";
        match axis {
            Axis::Progress => reference.extend(node.expected.iter().copied()),
            Axis::Value { .. } => {
                for (i, &date) in series.dates.iter().enumerate() {
                    if let Some(p) = node.planned_value[i] {
                        reference_name = "planned";
                        reference.push(Some(p));
                        continue;
                    }
                    let then = self.at(AsOf::from(date));
                    let line = match (then.key_result(id).map(|k| &k.measure), node.expected[i]) {
                        (Some(Measure::Numeric { start, target, .. }), Some(e)) => {
                            Some(start + e * (target - start))
                        }
                        (Some(Measure::Threshold { value, .. }), _) => {
                            reference_name = "threshold";
                            Some(*value)
                        }
                        _ => None,
                    };
                    reference.push(line);
                }
            }
        }
        let actual: &[Option<f64>] = match axis {
            Axis::Value { .. } => &node.value,
            Axis::Progress => &node.progress,
        };
        // check-ins in the range: (date index, value to draw)
        let mut dots: Vec<(usize, f64, NaiveDate)> = Vec::new();
        if kr.is_some() {
            for ci in self.check_ins(id) {
                let date = ci.at.date_naive();
                if date < from || date > to {
                    continue;
                }
                let i = (date - from).num_days() as usize;
                let v = match (&axis, &ci.value) {
                    (Axis::Value { .. }, CheckInValue::Value(v)) => Some(*v),
                    (Axis::Value { .. }, _) => None,
                    (Axis::Progress, _) => node.progress.get(i).copied().flatten(),
                };
                if let Some(v) = v.filter(|v| v.is_finite()) {
                    dots.push((i, v, date));
                }
            }
        }
        let scale = match axis {
            Axis::Progress => Scale::percent(),
            Axis::Value { .. } => {
                let start_target = kr.iter().flat_map(|k| match &k.measure {
                    Measure::Numeric { start, target, .. } => vec![*start, *target],
                    Measure::Threshold { value, start, .. } => {
                        std::iter::once(*value).chain(*start).collect()
                    }
                    _ => Vec::new(),
                });
                Scale::over(
                    actual
                        .iter()
                        .chain(&reference)
                        .filter_map(|v| *v)
                        .chain(dots.iter().map(|d| d.1))
                        .chain(start_target),
                )
            }
        };
        let label = |v: f64| match &axis {
            Axis::Progress => format!("{}%", fixed(v * 100.0, 0)),
            Axis::Value { .. } => fixed(v, scale.decimals),
        };
        let exact = |v: f64| match &axis {
            Axis::Progress => percent(v),
            Axis::Value { unit } if unit.is_empty() => number(v),
            Axis::Value { unit } => format!("{} {unit}", number(v)),
        };
        let status_at = |i: usize| node.status.get(i).copied().flatten();

        let mut s = String::new();
        let _ = writeln!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH:.0}\" height=\"{HEIGHT:.0}\" viewBox=\"0 0 {WIDTH:.0} {HEIGHT:.0}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\" role=\"img\" data-id=\"{}\">",
            xml(id)
        );
        let _ = writeln!(
            s,
            "<title>{} [{}]: {} from {from} to {to}</title>",
            xml(&title),
            xml(id),
            match axis {
                Axis::Value { .. } => "value",
                Axis::Progress => "progress",
            }
        );
        let _ = writeln!(
            s,
            "<rect x=\"0\" y=\"0\" width=\"{WIDTH:.0}\" height=\"{HEIGHT:.0}\" fill=\"#ffffff\"/>"
        );
        let _ = writeln!(
            s,
            "<text x=\"{LEFT:.0}\" y=\"20\" font-size=\"13\" font-weight=\"bold\" fill=\"#222\">{}</text>",
            xml(&short(&title, 80))
        );
        let last = n.saturating_sub(1);
        let now = match (actual.get(last).copied().flatten(), status_at(last)) {
            (Some(v), Some(st)) => format!("{} · {}", exact(v), st.as_str().replace('_', " ")),
            (None, Some(st)) => st.as_str().replace('_', " "),
            _ => "not in the model on this date".to_string(),
        };
        let _ = writeln!(
            s,
            "<text x=\"{LEFT:.0}\" y=\"38\" fill=\"#555\">{} · {to}: {}</text>",
            xml(id),
            xml(&now)
        );
        // axes and grid
        let (x0, x1) = (LEFT, WIDTH - RIGHT);
        let (y0, y1) = (HEIGHT - BOTTOM, TOP);
        s.push_str("<g stroke=\"#e3e3e3\" stroke-width=\"1\">\n");
        for &t in &scale.ticks {
            let y = scale.y(t);
            let _ = writeln!(
                s,
                "<line x1=\"{x0:.1}\" y1=\"{y:.1}\" x2=\"{x1:.1}\" y2=\"{y:.1}\"/>"
            );
        }
        s.push_str("</g>\n");
        let _ = writeln!(
            s,
            "<g stroke=\"#555\" stroke-width=\"1\"><line x1=\"{x0:.1}\" y1=\"{y0:.1}\" x2=\"{x1:.1}\" y2=\"{y0:.1}\"/><line x1=\"{x0:.1}\" y1=\"{y0:.1}\" x2=\"{x0:.1}\" y2=\"{y1:.1}\"/></g>"
        );
        s.push_str("<g fill=\"#444\" font-size=\"10\">\n");
        for &t in &scale.ticks {
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                x0 - 6.0,
                scale.y(t) + 3.5,
                xml(&label(t))
            );
        }
        if let Axis::Value { unit } = &axis
            && !unit.is_empty()
        {
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                x0 - 6.0,
                y1 - 10.0,
                xml(&short(unit, 14))
            );
        }
        let mut shown = Vec::new();
        for k in 0..=4usize {
            let i = if n <= 1 { 0 } else { (k * last + 2) / 4 };
            if shown.last() == Some(&i) {
                continue;
            }
            shown.push(i);
            let anchor = match k {
                _ if n <= 1 => "middle",
                0 => "start",
                4 => "end",
                _ => "middle",
            };
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
                x(i, n),
                y0 + 16.0,
                series.dates[i]
            );
        }
        s.push_str("</g>\n");
        // the reference line, then the actual one, then the check-ins
        let grey: &'static str = "#8a8a8a";
        let pts: Vec<_> = reference
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.filter(|v| v.is_finite())
                    .map(|v| (x(i, n), scale.y(v), grey))
            })
            .collect();
        polylines(
            &mut s,
            &pts,
            "stroke-width=\"1.5\" stroke-dasharray=\"5 4\"",
        );
        let pts: Vec<_> = actual
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let c = colour(status_at(i).unwrap_or(Status::NoData));
                v.filter(|v| v.is_finite())
                    .map(|v| (x(i, n), scale.y(v), c))
            })
            .collect();
        polylines(
            &mut s,
            &pts,
            "stroke-width=\"2.5\" stroke-linejoin=\"round\"",
        );
        if n == 1
            && let Some(v) = actual[0].filter(|v| v.is_finite())
        {
            let c = colour(status_at(0).unwrap_or(Status::NoData));
            let _ = writeln!(
                s,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"6\" height=\"6\" fill=\"{c}\"/>",
                x(0, 1) - 3.0,
                scale.y(v) - 3.0
            );
        }
        for &(i, v, date) in &dots {
            let c = colour(status_at(i).unwrap_or(Status::NoData));
            let _ = writeln!(
                s,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{c}\" stroke=\"#ffffff\" stroke-width=\"1\"><title>check-in {date}: {}</title></circle>",
                x(i, n),
                scale.y(v),
                xml(&exact(v))
            );
        }
        // the legend
        let ly = HEIGHT - 26.0;
        let actual_name = match axis {
            Axis::Value { .. } => "value",
            Axis::Progress => "progress",
        };
        let _ = writeln!(
            s,
            "<g font-size=\"10\" fill=\"#333\"><line x1=\"{LEFT:.0}\" y1=\"{ly:.1}\" x2=\"{:.0}\" y2=\"{ly:.1}\" stroke=\"#333\" stroke-width=\"2.5\"/><text x=\"{:.0}\" y=\"{:.1}\">{actual_name}</text><line x1=\"{:.0}\" y1=\"{ly:.1}\" x2=\"{:.0}\" y2=\"{ly:.1}\" stroke=\"{grey}\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/><text x=\"{:.0}\" y=\"{:.1}\">{reference_name}</text>",
            LEFT + 22.0,
            LEFT + 26.0,
            ly + 3.5,
            LEFT + 90.0,
            LEFT + 112.0,
            LEFT + 116.0,
            ly + 3.5,
        );
        let mut lx = LEFT + 190.0;
        if !dots.is_empty() {
            let _ = writeln!(
                s,
                "<circle cx=\"{:.0}\" cy=\"{ly:.1}\" r=\"3.5\" fill=\"#333\"/><text x=\"{:.0}\" y=\"{:.1}\">check-in</text>",
                lx + 4.0,
                lx + 12.0,
                ly + 3.5
            );
            lx += 70.0;
        }
        let mut present = [false; Status::ALL.len()];
        for st in node.status.iter().flatten() {
            present[usize::from(st.code())] = true;
        }
        for st in Status::ALL
            .into_iter()
            .filter(|st| present[usize::from(st.code())])
        {
            let name = st.as_str().replace('_', " ");
            let _ = writeln!(
                s,
                "<rect x=\"{lx:.0}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{:.0}\" y=\"{:.1}\">{name}</text>",
                ly - 5.0,
                colour(st),
                lx + 14.0,
                ly + 3.5
            );
            lx += 24.0 + 6.0 * name.len() as f64;
        }
        s.push_str("</g>\n</svg>\n");
        Ok(s)
    }
}
