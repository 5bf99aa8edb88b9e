//! The fixed schemas of the result tables (see `arrow`) and their builders from okr-core's
//! results: the rollup (`RollupResult.to_arrow`), the check-ins (`Graph.check_ins_table`) and
//! the time series (`Series.to_arrow`).

use okr_core::analytics::Series as CoreSeries;
use okr_core::document::DocCheckIn;
use okr_core::{
    FigureSource, NodeKind, ObjectiveState, OkrGraph, RollupTable, Status, UndefinedReason,
};
use pyo3::prelude::*;

use crate::arrow::{
    Columns, Kind, batch, bools, category, dates, floats, floats_nan, text, text_lists, texts,
    times,
};

fn kinds() -> Vec<&'static str> {
    NodeKind::ALL.iter().map(|k| k.as_str()).collect()
}
fn statuses() -> Vec<&'static str> {
    Status::ALL.iter().map(|s| s.as_str()).collect()
}
fn states() -> Vec<&'static str> {
    ObjectiveState::ALL.iter().map(|s| s.as_str()).collect()
}
fn sources() -> Vec<&'static str> {
    FigureSource::ALL.iter().map(|s| s.as_str()).collect()
}
fn reasons() -> Vec<&'static str> {
    UndefinedReason::ALL.iter().map(|r| r.as_str()).collect()
}

use Kind::{Bool, Category, Date, Float, Text, TextList, Time};

/// `RollupResult.to_arrow()`: one row per node (okr-core's `Rollup::table`).
pub(crate) const ROLLUP: Columns = &[
    ("id", Text, false),
    ("kind", Category(kinds), false),
    ("title", Text, false),
    ("owner", Text, false),
    ("objective", Text, true),
    ("cycle", Text, false),
    ("state", Category(states), false),
    ("counted", Bool, false),
    ("as_of", Time, false),
    ("progress", Float, true),
    ("attainment", Float, true),
    ("expected", Float, false),
    ("status", Category(statuses), false),
    ("confidence", Float, true),
    ("stale", Bool, false),
    ("undefined_reason", Category(reasons), true),
    ("value", Float, true),
    ("last_check_in", Time, true),
    ("source", Category(sources), false),
    ("computed_progress", Float, true),
    ("computed_attainment", Float, true),
    ("planned_value", Float, true),
    ("blocked", Bool, false),
];

/// `Graph.check_ins_table()`: one row per check-in, key results in insertion order, each
/// one's check-ins oldest first.
pub(crate) const CHECK_INS: Columns = &[
    ("kr_id", Text, false),
    ("objective", Text, false),
    ("at", Time, false),
    ("value", Float, true),
    ("done", Bool, true),
    ("milestones_done", TextList, true),
    ("confidence", Float, true),
    ("note", Text, true),
    ("author", Text, true),
];

/// `Series.to_arrow()`: one row per date and node that exists at that date.
pub(crate) const SERIES: Columns = &[
    ("date", Date, false),
    ("id", Text, false),
    ("kind", Category(kinds), false),
    ("value", Float, true),
    ("progress", Float, true),
    ("attainment", Float, true),
    ("expected", Float, true),
    ("planned_value", Float, true),
    ("status", Category(statuses), false),
];

/// Every table by name (pickled tables name theirs).
pub(crate) const ALL: &[(&str, Columns)] = &[
    ("rollup", ROLLUP),
    ("check_ins", CHECK_INS),
    ("series", SERIES),
];

/// The rollup table as a record batch.
///
/// # Complexity
/// O(rows): the text is moved, not copied.
pub(crate) fn rollup(t: RollupTable) -> PyResult<arrow_array::RecordBatch> {
    let n = t.len();
    let f = t.figures;
    let code = |xs: Vec<u8>| xs.into_iter().map(Some);
    let columns = vec![
        text(t.id)?,
        category(code(f.kind.iter().map(|k| k.code()).collect()), &kinds())?,
        text(t.title)?,
        text(t.owner)?,
        text(t.objective)?,
        text(t.cycle)?,
        category(code(t.state.iter().map(|s| s.code()).collect()), &states())?,
        bools(t.counted.into_iter().map(Some)),
        times(std::iter::repeat_n(Some(t.as_of.0), n)),
        floats_nan(f.progress),
        floats_nan(f.attainment),
        floats_nan(f.expected),
        category(
            code(f.status.iter().map(|s| s.code()).collect()),
            &statuses(),
        )?,
        floats_nan(f.confidence),
        bools(f.stale.into_iter().map(Some)),
        category(
            t.undefined_reason.iter().map(|r| r.map(|r| r.code())),
            &reasons(),
        )?,
        floats_nan(t.value),
        times(t.last_check_in),
        category(
            code(f.source.iter().map(|s| s.code()).collect()),
            &sources(),
        )?,
        floats_nan(f.computed_progress),
        floats_nan(f.computed_attainment),
        floats_nan(f.planned_value),
        bools(f.blocked.into_iter().map(Some)),
    ];
    batch(ROLLUP, columns)
}

/// Every check-in of `g` as a record batch.
///
/// # Complexity
/// O(check-ins).
pub(crate) fn check_ins(g: &OkrGraph) -> PyResult<arrow_array::RecordBatch> {
    let (mut kr, mut obj, mut at, mut value, mut done, mut ms) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut conf, mut note, mut author) = (vec![], vec![], vec![]);
    for k in g.key_results() {
        for c in g.check_ins(&k.id) {
            kr.push(Some(k.id.as_str()));
            obj.push(Some(k.objective.as_str()));
            at.push(Some(c.at));
            let (v, d, m) = DocCheckIn::value_fields(&c.value);
            value.push(v);
            done.push(d);
            ms.push(m.map(|m| m.iter().map(String::as_str).collect::<Vec<_>>()));
            conf.push(c.confidence);
            note.push(c.note.as_deref());
            author.push(c.author.as_deref());
        }
    }
    let columns = vec![
        texts(kr),
        texts(obj),
        times(at),
        floats(value),
        bools(done),
        text_lists(ms),
        floats(conf),
        texts(note),
        texts(author),
    ];
    batch(CHECK_INS, columns)
}

/// A series in long form as a record batch.
///
/// # Complexity
/// O(dates × nodes).
pub(crate) fn series(s: &CoreSeries) -> PyResult<arrow_array::RecordBatch> {
    let (mut date, mut id, mut kind) = (vec![], vec![], vec![]);
    let (mut value, mut progress, mut attainment) = (vec![], vec![], vec![]);
    let (mut expected, mut planned, mut status) = (vec![], vec![], vec![]);
    for (i, d) in s.dates.iter().enumerate() {
        for n in &s.nodes {
            let Some(st) = n.status[i] else { continue };
            date.push(Some(*d));
            id.push(Some(n.id.as_str()));
            kind.push(Some(n.kind.code()));
            value.push(n.value[i]);
            progress.push(n.progress[i]);
            attainment.push(n.attainment[i]);
            expected.push(n.expected[i]);
            planned.push(n.planned_value[i]);
            status.push(Some(st.code()));
        }
    }
    let columns = vec![
        dates(date),
        texts(id),
        category(kind, &kinds())?,
        floats(value),
        floats(progress),
        floats(attainment),
        floats(expected),
        floats(planned),
        category(status, &statuses())?,
    ];
    batch(SERIES, columns)
}
