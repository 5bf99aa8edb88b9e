//! Series: every node's value, progress, expected progress and status at each date of a range,
//! as columns (the dates once, then one array per figure and node). Each date is an as-of, the
//! end of that day (UTC, [`crate::time`]), and each column entry is exactly what
//! [`OkrGraph::rollup_with`] gives at that date, on the model as it stood then
//! ([`OkrGraph::at`]): a target raised, a link added or a key result removed inside the range
//! shows from its own date on.
//!
//! [`OkrGraph::series_every`] takes fewer points: the start of a range and every day, week,
//! month or quarter after it ([`Frequency`]), and the end; each point is an as-of moment by
//! the one rule for times (a date the end of that day, a zoned time that instant).
//!
//! The burn-up chart ([`OkrGraph::chart_svg`](crate::OkrGraph::chart_svg)) draws one node's
//! series.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use indexmap::IndexMap;
use serde::Serialize;

use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;
use crate::rollup::{NodeKind, NodeValues, Rollup, RollupConfig, Status};
use crate::tables::{Cell, Table};
use crate::time::{AsOf, format_instant};

/// The longest range a series covers, in days (both ends counted): ten years and a little.
/// A longer range is refused ([`OkrError::InvalidValue`] of `to`), so that a hostile range
/// cannot ask for an unbounded amount of memory.
pub const MAX_SERIES_DAYS: u64 = 3660;

/// The most entries a series holds in each of its columns (dates times nodes): 10 million,
/// about 800 MB of columns. A range and a set of nodes that need more are refused
/// ([`OkrError::InvalidValue`] of `to`, saying to narrow the range or pass ids), so that a
/// long range over a large organisation cannot ask for an unbounded amount of memory.
pub const MAX_SERIES_ENTRIES: u64 = 10_000_000;

/// `InvalidValue` of `last` (the argument ending the range) when `nodes` nodes over `days`
/// dates are more than [`MAX_SERIES_ENTRIES`].
fn check_entries(days: usize, nodes: usize, last: &str) -> Result<()> {
    let entries = days as u64 * nodes as u64;
    if entries > MAX_SERIES_ENTRIES {
        return Err(OkrError::InvalidValue {
            field: last.into(),
            reason: format!(
                "{days} dates of {nodes} nodes are {entries} entries per figure, more than the \
                 limit of {MAX_SERIES_ENTRIES}: narrow the range or give the ids wanted"
            ),
        });
    }
    Ok(())
}

/// One point's figures in the rollup's order (positions mapped to nodes by `maps[map]`),
/// undefined figures NaN, as [`Rollup::columns`] gives them.
struct Row {
    map: usize,
    value: Vec<f64>,
    progress: Vec<f64>,
    attainment: Vec<f64>,
    expected: Vec<f64>,
    planned_value: Vec<f64>,
    status: Vec<Status>,
}

/// Figures at each date of a range, as columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// The calendar date (UTC) of each point, first to last: for [`OkrGraph::series`] every
    /// day of the range, each meaning the end of that day; for [`OkrGraph::series_every`] the
    /// date of each of its points (`as_of`).
    pub dates: Vec<NaiveDate>,
    /// The moment of each point, what [`OkrGraph::rollup_with`] is computed at: the end of
    /// the day (`23:59:59.999999999Z`) for a date, the instant itself for a zoned time.
    /// Written as RFC 3339 text in UTC.
    #[serde(serialize_with = "ser_instants")]
    pub as_of: Vec<DateTime<Utc>>,
    /// One entry per objective and key result: those asked for in the order asked, else every
    /// node that exists at some date of the range, in the order of the rollup's nodes
    /// ([`Rollup::nodes`]) at the first date it exists.
    pub nodes: Vec<NodeSeries>,
}

impl Series {
    /// The series as one long table, one row per point and node that exists at that point
    /// (points first, nodes in their order): `date` (the point's UTC date), `as_of` (its
    /// moment), `id`, `kind`, `value`, `progress`, `attainment`, `expected`,
    /// `planned_value`, `status`; an undefined figure is an empty cell. Its
    /// [`to_csv`](crate::tables::Table::to_csv) is what `okr history` prints.
    ///
    /// # Complexity
    /// O(P N) for P points and N nodes.
    pub fn to_table(&self) -> Table {
        let mut cols: [Vec<Cell>; 10] = Default::default();
        let num = |x: Option<f64>| x.map_or(Cell::Null, Cell::Float);
        for (i, (&date, &t)) in self.dates.iter().zip(&self.as_of).enumerate() {
            for n in &self.nodes {
                let Some(status) = n.status.get(i).copied().flatten() else {
                    continue;
                };
                let row = [
                    Cell::Date(date),
                    Cell::Time(t),
                    Cell::Text(n.id.clone()),
                    Cell::Text(n.kind.as_str().to_string()),
                    num(n.value[i]),
                    num(n.progress[i]),
                    num(n.attainment[i]),
                    num(n.expected[i]),
                    num(n.planned_value[i]),
                    Cell::Text(status.as_str().to_string()),
                ];
                for (col, cell) in cols.iter_mut().zip(row) {
                    col.push(cell);
                }
            }
        }
        let mut table = Table::new();
        for (name, cells) in SERIES_COLUMNS.into_iter().zip(cols) {
            // the names are distinct and the columns of equal length: never refused
            let _ = table.push_column(name, cells);
        }
        table
    }
}

/// The columns of [`Series::to_table`].
pub const SERIES_COLUMNS: [&str; 10] = [
    "date",
    "as_of",
    "id",
    "kind",
    "value",
    "progress",
    "attainment",
    "expected",
    "planned_value",
    "status",
];

fn ser_instants<S: serde::Serializer>(
    v: &[DateTime<Utc>],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|&t| format_instant(t)))
}

/// One node's figures at each date of a [`Series`]; every array has one entry per date.
/// An entry is `None` (`null` in JSON) at a date where the node does not exist (created later
/// or removed before), or where the figure is undefined (as in [`NodeValues`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeSeries {
    /// The objective's or key result's id.
    pub id: String,
    /// Objective or key result.
    pub kind: NodeKind,
    /// [`NodeValues::value`]: the value in force (numeric and threshold key results), in the
    /// unit of the measure in force at that date. A key result's value check-ins are all in
    /// its last unit (a revision changes the unit only before the first one), but a range may
    /// start while the measure was in another unit (its start value then): compare a node's
    /// values only over dates of one unit ([`chart_svg`](crate::OkrGraph::chart_svg) draws
    /// progress for such a range).
    pub value: Vec<Option<f64>>,
    /// [`NodeValues::progress`].
    pub progress: Vec<Option<f64>>,
    /// [`NodeValues::attainment`].
    pub attainment: Vec<Option<f64>>,
    /// [`NodeValues::expected`]: the expected progress the rollup uses (the key result's plan
    /// when it has one, else the linear pace over the node's period).
    pub expected: Vec<Option<f64>>,
    /// [`NodeValues::planned_value`]: key results with a plan, the value it expects.
    pub planned_value: Vec<Option<f64>>,
    /// [`NodeValues::status`].
    pub status: Vec<Option<Status>>,
}

impl NodeSeries {
    fn new(id: &str, kind: NodeKind, days: usize, before: usize) -> NodeSeries {
        let mut s = NodeSeries::with_id(id.to_string(), kind, days);
        s.push_none_until(before);
        s
    }

    /// Empty columns with room for `days` entries.
    fn with_id(id: String, kind: NodeKind, days: usize) -> NodeSeries {
        NodeSeries {
            id,
            kind,
            value: Vec::with_capacity(days),
            progress: Vec::with_capacity(days),
            attainment: Vec::with_capacity(days),
            expected: Vec::with_capacity(days),
            planned_value: Vec::with_capacity(days),
            status: Vec::with_capacity(days),
        }
    }

    fn push_none_until(&mut self, n: usize) {
        while self.status.len() < n {
            self.push(None);
        }
    }

    fn push(&mut self, v: Option<&NodeValues>) {
        self.value.push(v.and_then(|v| v.value));
        self.progress.push(v.and_then(|v| v.progress));
        self.attainment.push(v.and_then(|v| v.attainment));
        self.expected.push(v.map(|v| v.expected));
        self.planned_value.push(v.and_then(|v| v.planned_value));
        self.status.push(v.map(|v| v.status));
    }

    /// Whether the node exists at the `i`-th date of its series (`false` past the end).
    ///
    /// # Complexity
    /// O(1).
    pub fn exists_at(&self, i: usize) -> bool {
        self.status.get(i).is_some_and(Option::is_some)
    }
}

/// The dates of `[from, to]`, checked against [`MAX_SERIES_DAYS`].
///
/// # Errors
/// `InvalidValue` of `from` when it is after `to`, of `to` when the range is longer than
/// [`MAX_SERIES_DAYS`].
///
/// # Complexity
/// O(1) to check, O(D) for the D dates.
pub fn date_range(from: NaiveDate, to: NaiveDate) -> Result<Vec<NaiveDate>> {
    check_span(from, to, "from", "to")?;
    let days = (to - from).num_days() as u64 + 1;
    Ok((0..days)
        .filter_map(|i| from.checked_add_days(Days::new(i)))
        .collect())
}

/// `InvalidValue` of `first` when `from` is after `to`, of `last` when `[from, to]` covers
/// more than [`MAX_SERIES_DAYS`] days (both ends counted).
fn check_span(from: NaiveDate, to: NaiveDate, first: &str, last: &str) -> Result<()> {
    if from > to {
        return Err(OkrError::InvalidValue {
            field: first.into(),
            reason: format!("{from} is after {last} ({to})"),
        });
    }
    let days = (to - from).num_days() as u64 + 1;
    if days > MAX_SERIES_DAYS {
        return Err(OkrError::InvalidValue {
            field: last.into(),
            reason: format!(
                "the range {from} to {to} covers {days} days, more than the limit of {MAX_SERIES_DAYS}"
            ),
        });
    }
    Ok(())
}

/// How often a series takes a point ([`OkrGraph::series_every`]): every day, week (7 days),
/// month or quarter (3 months) from the start of its range. Read from text by
/// [`Frequency::parse`]: `D`, `W`, `M`, `Q` (pandas' letters) or `day`, `week`, `month`,
/// `quarter`, in any case. The default is weekly, a burn-up chart's usual step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every day.
    Day,
    /// Every 7 days.
    #[default]
    Week,
    /// Every month: the same day of the month (the month's last day when it is shorter, as
    /// from January 31: February 28, then March 31), at the same time of day.
    Month,
    /// Every 3 months, as [`Frequency::Month`].
    Quarter,
}

impl Frequency {
    /// The words [`Frequency::parse`] reads, for messages.
    pub const ACCEPTED: &'static str = "D, W, M, Q, day, week, month or quarter";

    /// Reads a frequency: `D`, `W`, `M`, `Q`, `day`, `week`, `month` or `quarter` (any case,
    /// surrounding spaces ignored).
    ///
    /// # Errors
    /// `InvalidValue` of `freq` for anything else, listing the accepted words (pandas'
    /// anchored aliases such as `ME`, `MS` or `W-SUN` included: okr's points are anchored at
    /// the start of the range, see [`OkrGraph::series_every`]).
    ///
    /// # Complexity
    /// O(length of `s`).
    pub fn parse(s: &str) -> Result<Frequency> {
        let t = s.trim();
        let is = |w: &str| t.eq_ignore_ascii_case(w);
        Ok(if is("D") || is("day") {
            Frequency::Day
        } else if is("W") || is("week") {
            Frequency::Week
        } else if is("M") || is("month") {
            Frequency::Month
        } else if is("Q") || is("quarter") {
            Frequency::Quarter
        } else {
            return Err(OkrError::InvalidValue {
                field: "freq".into(),
                reason: format!("{s:?} is not a frequency: pass {}", Frequency::ACCEPTED),
            });
        })
    }

    /// The word for this frequency (`day`, `week`, `month`, `quarter`).
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Day => "day",
            Frequency::Week => "week",
            Frequency::Month => "month",
            Frequency::Quarter => "quarter",
        }
    }

    /// The `k`-th step after `start` (`None` past the end of chrono's calendar).
    fn step(self, start: DateTime<Utc>, k: u32) -> Option<DateTime<Utc>> {
        match self {
            Frequency::Day => start.checked_add_days(Days::new(u64::from(k))),
            Frequency::Week => start.checked_add_days(Days::new(7 * u64::from(k))),
            Frequency::Month => start.checked_add_months(Months::new(k)),
            Frequency::Quarter => start.checked_add_months(Months::new(k.checked_mul(3)?)),
        }
    }
}

impl FromStr for Frequency {
    type Err = OkrError;
    fn from_str(s: &str) -> Result<Frequency> {
        Frequency::parse(s)
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The points of [`OkrGraph::series_every`]: `start`, then `start` plus every whole step of
/// `every` before `end`, then `end`. Steps are counted from `start` (the `k`-th point is
/// `start` plus `k` steps, not the point before plus one), in UTC: a week is 7 days, a month
/// the same day and time of day in a later month (its last day when shorter).
///
/// # Errors
/// `InvalidValue` of `start` when it is after `end`, of `end` when the range covers more than
/// [`MAX_SERIES_DAYS`] calendar days (UTC, both ends counted).
///
/// # Complexity
/// O(P) for the P points (at most [`MAX_SERIES_DAYS`] + 1).
pub fn points(start: AsOf, end: AsOf, every: Frequency) -> Result<Vec<AsOf>> {
    if start > end {
        return Err(OkrError::InvalidValue {
            field: "start".into(),
            reason: format!(
                "{} is after end ({})",
                format_instant(start.0),
                format_instant(end.0)
            ),
        });
    }
    check_span(start.date(), end.date(), "start", "end")?;
    let mut out = Vec::new();
    for k in 0u32.. {
        match every.step(start.0, k) {
            Some(t) if t < end.0 => out.push(AsOf(t)),
            _ => break,
        }
    }
    out.push(end);
    Ok(out)
}

impl OkrGraph {
    /// Every node's (or the nodes `ids`') value, progress, attainment, expected progress,
    /// planned value and status at each date of `[from, to]` (both included, each the end of
    /// that day UTC), as columns: at every date the figures of
    /// [`rollup_with`](Self::rollup_with)`(date, config)`, on the model as it stood then.
    ///
    /// # Errors
    /// `InvalidValue` for a range that is backwards (`from`), longer than
    /// [`MAX_SERIES_DAYS`] (`to`), or whose dates times nodes are more than
    /// [`MAX_SERIES_ENTRIES`] (`to`); `InvalidConfig` for a bad `config`; `UnknownId` (kind
    /// objective) for an id in `ids` that is an objective or key result at no date of the
    /// range.
    ///
    /// # Complexity
    /// One rollup per date, each into the same result arrays ([`Rollup::recompute`]), read
    /// as columns ([`Rollup::columns`]): O(D (V + E + K log C)) for D dates, V objectives, E
    /// links, K key results with at most C check-ins each, which is linear in the output
    /// (D x N figures) up to the links and the binary search for the check-in in force; each
    /// id is hashed once per state of the model, not once per date. Expected progress and status move every
    /// day for every node in its period, so every entry is computed anyway; a rollup per date
    /// keeps every rule of the rollup (modes, overrides, plans, staleness) in one place.
    /// Revisions inside the range: each state of the model is built once
    /// ([`OkrGraph::at`]), then rolled up at each of its dates. With `ids`, O(D |ids|) for
    /// the columns instead of O(D N), the rollups unchanged.
    ///
    /// # Memory
    /// O(D N) for the columns (N nodes, or `ids`): about 81 bytes per date and node, at most
    /// [`MAX_SERIES_ENTRIES`] of them; plus one rollup's arrays. Measured on a generated
    /// organisation of 10,000 objectives and 30,035 key results, 92 days: 1.3 s on 2 cores,
    /// of which 0.12 s are the rollups and the rest reading and storing the 3.7 million
    /// entries.
    pub fn series(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        ids: Option<&[&str]>,
        config: &RollupConfig,
    ) -> Result<Series> {
        config.validate()?;
        let dates = date_range(from, to)?;
        let points: Vec<AsOf> = dates.iter().map(|&d| AsOf::from(d)).collect();
        self.series_at(&points, ids, config, "to")
    }

    /// [`series`](Self::series) at fewer points: `start`, then every day, week, month or
    /// quarter after it (`every`, counted from `start`: the `k`-th point is `start` plus `k`
    /// steps) while before `end`, then `end` itself, so that a burn-up chart always shows the
    /// end of its range (weekly from 2026-10-01 to 2026-12-31: October 1, 8, ..., December
    /// 24, then 31). Each point is an as-of by the one rule for times ([`AsOf`]): a date
    /// (`AsOf::from(date)`, [`AsOf::parse`] of `YYYY-MM-DD`) is the end of that day, a zoned
    /// time that instant, and steps keep the time of day in UTC (a week is 7 days, a month
    /// the same day of a later month, its last day when shorter). Each point's figures are
    /// those of [`rollup_with`](Self::rollup_with)`(point, config)` on the model as it stood
    /// then; [`Series::as_of`] holds the points, [`Series::dates`] their UTC dates. Daily
    /// from a date to a date, it is [`series`](Self::series).
    ///
    /// # Errors
    /// `InvalidValue` of `start` when it is after `end`; of `end` when the range covers more
    /// than [`MAX_SERIES_DAYS`] calendar days (UTC, both ends counted) or its points times
    /// nodes are more than [`MAX_SERIES_ENTRIES`]; `InvalidConfig` for a bad `config`;
    /// `UnknownId` for an id in `ids` that is an objective or key result at no point.
    ///
    /// # Complexity
    /// One rollup per point, as [`series`](Self::series) has one per day: O(P (V + E + K log
    /// C)) for P points, so a weekly series costs about a seventh of the daily one over the
    /// same range, a monthly one about a thirtieth (plus, for revisions inside the range,
    /// each state of the model built once). Columns O(P N).
    ///
    /// # Memory
    /// O(P N) for the columns (about 89 bytes per point and node with the point's moment),
    /// plus one rollup's arrays.
    ///
    /// ```
    /// use okr_core::analytics::Frequency;
    /// use okr_core::{AsOf, RollupConfig};
    /// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/acme.okr.json");
    /// let g = okr_core::document::load_str(&std::fs::read_to_string(path).unwrap())?;
    /// let (start, end) = (AsOf::parse("2026-10-01")?, AsOf::parse("2026-12-31")?);
    /// let s = g.series_every(start, end, Frequency::Week, None, &RollupConfig::default())?;
    /// assert_eq!(s.dates.len(), 14); // October 1 and 13 weeks after it; December 31
    /// assert_eq!(s.dates[13].to_string(), "2026-12-31");
    /// # Ok::<(), okr_core::OkrError>(())
    /// ```
    pub fn series_every(
        &self,
        start: impl Into<AsOf>,
        end: impl Into<AsOf>,
        every: Frequency,
        ids: Option<&[&str]>,
        config: &RollupConfig,
    ) -> Result<Series> {
        config.validate()?;
        let points = points(start.into(), end.into(), every)?;
        self.series_at(&points, ids, config, "end")
    }

    /// The series at `points` (in time order, checked by the callers): one rollup per point.
    /// `last` names the argument ending the range, in the error for too many entries.
    fn series_at(
        &self,
        points: &[AsOf],
        ids: Option<&[&str]>,
        config: &RollupConfig,
        last: &str,
    ) -> Result<Series> {
        let days = points.len();
        if let Some(ids) = ids {
            check_entries(days, ids.len(), last)?;
        }
        let mut nodes: IndexMap<String, NodeSeries> = IndexMap::new();
        if let Some(ids) = ids {
            for id in ids {
                // the kind is fixed below, at the first date the node exists
                nodes
                    .entry((*id).to_string())
                    .or_insert_with(|| NodeSeries::new(id, NodeKind::Objective, days, 0));
            }
        }
        let mut seen = vec![false; nodes.len()];
        // without ids: every node of each rollup, its figures kept point by point as the
        // rollup's columns (contiguous copies), then turned into each node's series at the end
        // (reading each point's columns in the order of the nodes, which is mostly their
        // order in the rollup: writing one node's entries at every point as it goes, each
        // into its own arrays, missed the cache once per entry on large organisations)
        let mut order: IndexMap<String, NodeKind> = IndexMap::new();
        let mut position: Vec<usize> = Vec::new();
        let mut maps: Vec<Vec<u32>> = Vec::new();
        let mut rows: Vec<Row> = Vec::with_capacity(if ids.is_some() { 0 } else { days });
        let mut rollup: Option<Rollup> = None;
        for &as_of in points {
            let r = match rollup.as_mut() {
                Some(r) => {
                    r.recompute(self, as_of);
                    &*r
                }
                None => rollup.insert(self.rollup_with(as_of, config)?),
            };
            if ids.is_some() {
                for (k, (id, s)) in nodes.iter_mut().enumerate() {
                    let row = r.get(id);
                    if let Some(row) = &row {
                        s.kind = row.kind;
                        seen[k] = true;
                    }
                    s.push(row.as_ref().map(|row| &row.values));
                }
                continue;
            }
            // each position of the rollup's columns mapped to its node: kept from the point
            // before while the ids there are the same, else looked up
            let c = r.columns();
            let f = &c.figures;
            let mut changed = maps.last().is_none_or(|m| m.len() != c.ids.len());
            position.resize(c.ids.len(), usize::MAX);
            for (p, &id) in c.ids.iter().enumerate() {
                if matches!(order.get_index(position[p]), Some((known, _)) if known == id) {
                    continue;
                }
                if !order.contains_key(id) {
                    check_entries(days, order.len() + 1, last)?;
                }
                let entry = order.entry(id.to_string());
                position[p] = entry.index();
                entry.or_insert(f.kind[p]);
                changed = true;
            }
            if changed {
                // indices below MAX_SERIES_ENTRIES, so within u32
                maps.push(position.iter().map(|&k| k as u32).collect());
            }
            rows.push(Row {
                map: maps.len() - 1,
                value: c.value.to_vec(),
                progress: f.progress.to_vec(),
                attainment: f.attainment.to_vec(),
                expected: f.expected.to_vec(),
                planned_value: f.planned_value.to_vec(),
                status: f.status.to_vec(),
            });
        }
        if ids.is_none() {
            // where each node is in each map (u32::MAX: not there)
            let inverse: Vec<Vec<u32>> = maps
                .iter()
                .map(|m| {
                    let mut inv = vec![u32::MAX; order.len()];
                    for (p, &k) in m.iter().enumerate() {
                        inv[k as usize] = p as u32;
                    }
                    inv
                })
                .collect();
            drop(maps);
            let none = |x: f64| (!x.is_nan()).then_some(x);
            let mut out = Vec::with_capacity(order.len());
            for (k, (id, kind)) in order.into_iter().enumerate() {
                let mut s = NodeSeries::with_id(id, kind, days);
                for row in &rows {
                    match inverse[row.map][k] {
                        u32::MAX => s.push(None),
                        p => {
                            let p = p as usize;
                            s.value.push(none(row.value[p]));
                            s.progress.push(none(row.progress[p]));
                            s.attainment.push(none(row.attainment[p]));
                            s.expected.push(Some(row.expected[p]));
                            s.planned_value.push(none(row.planned_value[p]));
                            s.status.push(Some(row.status[p]));
                        }
                    }
                }
                out.push(s);
            }
            return Ok(Series {
                dates: points.iter().map(|p| p.date()).collect(),
                as_of: points.iter().map(|p| p.0).collect(),
                nodes: out,
            });
        }
        if let Some(k) = seen.iter().position(|&s| !s) {
            return Err(OkrError::UnknownId {
                kind: EntityKind::Objective,
                id: nodes
                    .get_index(k)
                    .map(|(id, _)| id.clone())
                    .unwrap_or_default(),
            });
        }
        Ok(Series {
            dates: points.iter().map(|p| p.date()).collect(),
            as_of: points.iter().map(|p| p.0).collect(),
            nodes: nodes.into_values().collect(),
        })
    }
}
