//! OKRs as tables, over okr-core's [`okr_core::tables`]: `okr.from_tables` (dicts of
//! columns, data frames), `okr.from_csv` (CSV texts by table name), `Graph.to_tables()` and
//! `Graph.to_csv()`.
//!
//! Every rule (the tables, their columns, what a value means, every problem reported at once)
//! is okr-core's. This file converts: a table to plain columns through the Python helper
//! `okr._tables.columns` (data frames of pandas, polars, pyarrow), each Python value to a
//! [`Cell`], each [`Cell`] back to a Python value.

use okr_core::OkrError;
use okr_core::document::{parse_date, parse_timestamp};
use okr_core::tables::{Cell, ImportOptions, Table, Tables};

use chrono::{Datelike, Timelike};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTzInfo};

use crate::convert::{to_change_time, to_py};
use crate::errors::{invalid_value, raise};
use crate::graph::Graph;
use crate::limits::PyLimits;

/// `okr._tables.columns` and `okr._tables.datetime64`, looked up once.
static COLUMNS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static DATETIME64: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn helper<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyAny>>,
    name: &str,
) -> PyResult<Bound<'py, PyAny>> {
    cell.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("okr._tables")?.getattr(name)?.unbind())
    })
    .map(|f| f.bind(py).clone())
}

/// Builds a graph from tables (see `okr_core::tables`): each a dict of column name to values,
/// a pandas or polars DataFrame, a pyarrow Table or RecordBatch, or anything with
/// `to_pydict()`; None or not given is an absent table. Every table name of okr-core's is a
/// keyword; any other name is okr-core's error.
#[pyfunction]
#[pyo3(signature = (
    objectives=None, key_results=None, links=None, check_ins=None, owners=None, cycles=None,
    *, limits=None, **more_tables
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn from_tables(
    py: Python<'_>,
    objectives: Option<Bound<'_, PyAny>>,
    key_results: Option<Bound<'_, PyAny>>,
    links: Option<Bound<'_, PyAny>>,
    check_ins: Option<Bound<'_, PyAny>>,
    owners: Option<Bound<'_, PyAny>>,
    cycles: Option<Bound<'_, PyAny>>,
    limits: Option<PyRef<'_, PyLimits>>,
    more_tables: Option<&Bound<'_, PyDict>>,
) -> PyResult<Graph> {
    let limits = PyLimits::or_default(limits.map(|l| *l));
    let mut given: Vec<(String, Option<Bound<'_, PyAny>>)> = [
        ("objectives", objectives),
        ("key_results", key_results),
        ("links", links),
        ("check_ins", check_ins),
        ("owners", owners),
        ("cycles", cycles),
    ]
    .into_iter()
    .map(|(n, t)| (n.to_string(), t))
    .collect();
    if let Some(more) = more_tables {
        for (k, v) in more.iter() {
            given.push((k.extract()?, Some(v)));
        }
    }
    let tables = tables_of(py, &given)?;
    let inner = py.detach(|| tables.to_graph(&limits)).map_err(raise)?;
    Ok(Graph::from_core(inner))
}

/// Builds a graph from CSV texts by table name (`{"objectives": "id,title,...\n..."}`):
/// okr-core's `Tables::graph_from_csv_texts` (the problems of the texts and of the tables
/// together). `limits` (an `okr.Limits`) as for `okr.load`.
#[pyfunction]
#[pyo3(signature = (texts, *, limits=None))]
pub(crate) fn from_csv(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    limits: Option<PyRef<'_, PyLimits>>,
) -> PyResult<Graph> {
    let limits = PyLimits::or_default(limits.map(|l| *l));
    let items = texts.call_method0("items").map_err(|_| {
        PyTypeError::new_err(format!(
            "CSV texts must be a dict of table name to text, not {}",
            type_name(texts)
        ))
    })?;
    let mut given: Vec<(String, String)> = Vec::new();
    for item in items.try_iter()? {
        let (name, text): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
        let name: String = name.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "a table name must be str, not {}",
                type_name(&name)
            ))
        })?;
        let text: String = text.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "the CSV text of the table {name:?} must be str, not {}",
                type_name(&text)
            ))
        })?;
        given.push((name, text));
    }
    let inner = py
        .detach(|| {
            Tables::graph_from_csv_texts(
                given.iter().map(|(n, t)| (n.as_str(), t.as_str())),
                &limits,
            )
        })
        .map_err(raise)?;
    Ok(Graph::from_core(inner))
}

/// The tables given by name, each converted by [`table_from`]; None is an absent table.
fn tables_of(py: Python<'_>, given: &[(String, Option<Bound<'_, PyAny>>)]) -> PyResult<Tables> {
    let mut tables = Tables::default();
    for (name, table) in given {
        // the name first, on a scratch set (an empty table is not an absent one): a name
        // that is not a table's is okr-core's error, before any value is converted
        Tables::default().set(name, Table::new()).map_err(raise)?;
        let Some(table) = table.as_ref().filter(|t| !t.is_none()) else {
            continue;
        };
        let table = table_from(py, name, table)?;
        tables.set(name, table).map_err(raise)?;
    }
    Ok(tables)
}

#[pymethods]
impl Graph {
    /// Tables laid over this graph (okr-core's `Tables::import_into`): each row updates what
    /// its key names (objectives, key results and links as revisions at `at`, by `by`, for
    /// `reason`), new rows are created, what the tables do not name stays unless
    /// `delete_missing`, and what tables do not carry (`extra`, history, workflow) is kept.
    /// The tables are given as to `okr.from_tables`. Returns the report, a dict of
    /// `created`, `updated` and `deleted`, each a list of `{"table", "key", "fields"}`. With
    /// `dry_run` the graph does not change; on an error (`TableError` listing every problem,
    /// or the change that fails) it does not either.
    #[pyo3(signature = (
        *, at, by=None, reason=None, delete_missing=false, dry_run=false, **tables
    ))]
    #[allow(clippy::too_many_arguments)]
    fn import_tables<'py>(
        &self,
        py: Python<'py>,
        at: &Bound<'_, PyAny>,
        by: Option<String>,
        reason: Option<String>,
        delete_missing: bool,
        dry_run: bool,
        tables: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut meta = okr_core::Revise::at(to_change_time(at, "at")?);
        meta.by = by;
        meta.reason = reason;
        let mut given = Vec::new();
        if let Some(tables) = tables {
            for (k, v) in tables.iter() {
                given.push((k.extract::<String>()?, Some(v)));
            }
        }
        let tables = tables_of(py, &given)?;
        let options = ImportOptions { delete_missing };
        let report = if dry_run {
            let g = self.read();
            py.detach(|| tables.import_into(&g, meta, options))
                .map_err(raise)?
                .1
        } else {
            let mut g = self.write();
            let (updated, report) = py
                .detach(|| tables.import_into(&g, meta, options))
                .map_err(raise)?;
            *g = updated;
            report
        };
        to_py(py, &report)
    }

    /// The graph as tables (okr-core's `Tables::of_graph`): table name to column name to a
    /// list of values (None for an absent value; dates as `datetime.date`, times as aware
    /// `datetime.datetime` in UTC).
    fn to_tables<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let tables = py.detach(|| Tables::of_graph(&self.read()));
        let out = PyDict::new(py);
        for (name, table) in tables.iter() {
            let columns = PyDict::new(py);
            for (column, cells) in table.columns() {
                let values = cells
                    .iter()
                    .map(|c| cell_to_py(py, c))
                    .collect::<PyResult<Vec<_>>>()?;
                columns.set_item(column, PyList::new(py, values)?)?;
            }
            out.set_item(name, columns)?;
        }
        Ok(out)
    }

    /// The graph as CSV texts by table name (okr-core's `Tables::to_csv_texts`).
    fn to_csv<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let texts = py.detach(|| Tables::of_graph(&self.read()).to_csv_texts());
        let out = PyDict::new(py);
        for (name, text) in texts {
            out.set_item(name, text)?;
        }
        Ok(out)
    }
}

/// Table `name` of okr-core's from the columns of `frame` that `names` pairs with its
/// columns (`(table's column, frame's column)`); the frame's other columns are left out.
pub(crate) fn frame_table(
    py: Python<'_>,
    name: &str,
    frame: &Bound<'_, PyAny>,
    names: &[(&str, &str)],
) -> PyResult<Table> {
    let columns = helper(py, &COLUMNS, "columns")?.call1((frame, name))?;
    let columns = columns.cast::<PyDict>()?;
    let picked = PyDict::new(py);
    for (ours, theirs) in names {
        if let Some(values) = columns.get_item(theirs)? {
            picked.set_item(ours, values)?;
        }
    }
    table_from(py, name, &picked)
}

/// `e` with the columns of its problems named as the frame names them (`names` as for
/// [`frame_table`]).
pub(crate) fn frame_names(e: OkrError, names: &[(&str, &str)]) -> OkrError {
    match e {
        OkrError::InvalidTables { mut problems } => {
            for p in &mut problems {
                if let Some(c) = &mut p.column
                    && let Some((_, theirs)) = names.iter().find(|(ours, _)| ours == c)
                {
                    *c = (*theirs).to_string();
                }
            }
            OkrError::InvalidTables { problems }
        }
        other => other,
    }
}

/// One table: its columns from `okr._tables.columns`, each value a [`Cell`]. A value that is
/// not a table's is `InvalidValueError` naming the table, the row and the column.
fn table_from(py: Python<'_>, name: &str, table: &Bound<'_, PyAny>) -> PyResult<Table> {
    let columns = helper(py, &COLUMNS, "columns")?.call1((table, name))?;
    let columns = columns.cast::<PyDict>()?;
    let mut out = Vec::with_capacity(columns.len());
    for (key, values) in columns.iter() {
        let column: String = key.extract().map_err(|_| {
            invalid_value(
                name,
                format!("a column name must be str, not {}", type_name(&key)),
            )
        })?;
        let values = values.cast::<PyList>()?;
        let mut cells = Vec::with_capacity(values.len());
        for (i, v) in values.iter().enumerate() {
            let c = cell(py, &v).map_err(|reason| {
                invalid_value(&format!("{name}, row {}, column {column}", i + 1), reason)
            })?;
            cells.push(c);
        }
        out.push((column, cells));
    }
    // okr-core's error names the column; the table is this one
    Table::from_columns(out).map_err(|e| match e {
        OkrError::InvalidValue { reason, .. } => invalid_value(name, reason),
        other => raise(other),
    })
}

/// What a value's type is called, for a message.
fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type()
        .name()
        .map_or_else(|_| "?".into(), |n| n.to_string())
}

/// The reason of an okr error, for a message naming the cell.
fn reason(e: OkrError) -> String {
    match e {
        OkrError::InvalidValue { reason, .. } => reason,
        other => other.to_string(),
    }
}

/// A Python value as a [`Cell`]: None, bool (before int: a bool is an int in Python), int
/// (numpy's through `__index__`; one beyond 64 bits as its decimal text, which okr-core
/// reads as it reads any number or id text), float (NaN is no value), str, an aware
/// `datetime.datetime` (a time without a zone is refused by okr-core's time rule), a
/// `datetime.date`, `numpy.datetime64` (through `okr._tables.datetime64`), and anything not
/// equal to itself (NaT) as no value. `Err`: why the value is not a table's.
fn cell(py: Python<'_>, v: &Bound<'_, PyAny>) -> Result<Cell, String> {
    let err = |e: PyErr| e.to_string();
    if v.is_none() {
        return Ok(Cell::Null);
    }
    if let Ok(b) = v.cast::<PyBool>() {
        return Ok(Cell::Bool(b.is_true()));
    }
    if v.cast::<PyInt>().is_ok() {
        return int(v).map_err(err);
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        return Ok(float(f.value()));
    }
    if v.cast::<PyString>().is_ok() {
        return v.extract::<String>().map(Cell::Text).map_err(err);
    }
    if v.cast::<PyDateTime>().is_ok() {
        if missing(v) {
            return Ok(Cell::Null); // pandas' NaT is a datetime
        }
        if v.call_method0("utcoffset").map_err(err)?.is_none() {
            // no zone: okr-core decides (a date column takes a midnight's day, a time column
            // refuses it by the one rule for times)
            return local_time(v).map(Cell::LocalTime).map_err(err);
        }
        let text: String = v
            .call_method0("isoformat")
            .and_then(|t| t.extract())
            .map_err(err)?;
        return parse_timestamp(&text).map(Cell::Time).map_err(reason);
    }
    if v.cast::<PyDate>().is_ok() {
        let text: String = v
            .call_method0("isoformat")
            .and_then(|t| t.extract())
            .map_err(err)?;
        return parse_date(&text).map(Cell::Date).map_err(reason);
    }
    let ty = v.get_type();
    let module = ty.module().map(|m| m.to_string()).unwrap_or_default();
    let name = ty.name().map(|n| n.to_string()).unwrap_or_default();
    if module == "numpy" {
        match name.as_str() {
            "datetime64" => {
                let plain = helper(py, &DATETIME64, "datetime64")
                    .and_then(|f| f.call1((v,)))
                    .map_err(err)?;
                return cell(py, &plain);
            }
            "bool" | "bool_" => return v.is_truthy().map(Cell::Bool).map_err(err),
            _ => {}
        }
    }
    if name != "timedelta64" {
        if v.hasattr("__index__").unwrap_or(false) {
            let i = v.call_method0("__index__").map_err(err)?;
            return int(&i).map_err(err);
        }
        if v.hasattr("__float__").unwrap_or(false) {
            return v.extract::<f64>().map(float).map_err(err);
        }
    }
    if missing(v) {
        return Ok(Cell::Null);
    }
    Err(format!(
        "a {name} is not a value of a table: give None, a bool, an int, a float, a str, a \
         datetime.date or a datetime.datetime with a timezone"
    ))
}

/// A `datetime.datetime` without a zone as chrono's, from its fields (Python has checked
/// them; microseconds are the finest it holds).
fn local_time(v: &Bound<'_, PyAny>) -> PyResult<chrono::NaiveDateTime> {
    let f = |name: &str| -> PyResult<u32> { v.getattr(name)?.extract() };
    let year: i32 = v.getattr("year")?.extract()?;
    let (month, day) = (f("month")?, f("day")?);
    let (hour, minute, second, micro) = (f("hour")?, f("minute")?, f("second")?, f("microsecond")?);
    chrono::NaiveDate::from_ymd_opt(year, month, day)
        .and_then(|d| d.and_hms_micro_opt(hour, minute, second, micro))
        .ok_or_else(|| PyTypeError::new_err("not a valid date and time"))
}

/// Whether `v` is not equal to itself (NaT, NaN-likes); a comparison that raises is not.
fn missing(v: &Bound<'_, PyAny>) -> bool {
    v.ne(v).unwrap_or(false)
}

fn float(x: f64) -> Cell {
    if x.is_nan() {
        Cell::Null
    } else {
        Cell::Float(x)
    }
}

/// An int as [`Cell::Int`], or beyond 64 bits as its exact decimal text (`int`'s own, not
/// a subclass's `str`).
fn int(v: &Bound<'_, PyAny>) -> PyResult<Cell> {
    if let Ok(i) = v.extract::<i64>() {
        return Ok(Cell::Int(i));
    }
    let text = v
        .py()
        .get_type::<PyInt>()
        .call_method1("__repr__", (v,))?
        .extract::<String>()?;
    Ok(Cell::Text(text))
}

/// A [`Cell`] as a Python value: None, bool, int, float, str, `datetime.date`, an aware
/// `datetime.datetime` in UTC (microseconds: Python's `datetime` holds no finer; `to_csv()`
/// keeps a time exactly).
fn cell_to_py<'py>(py: Python<'py>, c: &Cell) -> PyResult<Bound<'py, PyAny>> {
    Ok(match c {
        Cell::Null => py.None().into_bound(py),
        Cell::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Cell::Int(i) => i.into_pyobject(py)?.into_any(),
        Cell::Float(x) => PyFloat::new(py, *x).into_any(),
        Cell::Text(s) => PyString::new(py, s).into_any(),
        Cell::Date(d) => PyDate::new(py, d.year(), d.month() as u8, d.day() as u8)
            .map_err(|e| outside(c, e))?
            .into_any(),
        Cell::Time(t) => {
            let utc = PyTzInfo::utc(py)?;
            PyDateTime::new(
                py,
                t.year(),
                t.month() as u8,
                t.day() as u8,
                t.hour() as u8,
                t.minute() as u8,
                t.second() as u8,
                (t.nanosecond() / 1000).min(999_999),
                Some(&utc),
            )
            .map_err(|e| outside(c, e))?
            .into_any()
        }
        // a kind of value okr-core may add: its text as okr-core shows it
        other => PyString::new(py, &other.display()).into_any(),
    })
}

/// A date or time Python's `datetime` cannot hold (before the year 1).
fn outside(c: &Cell, e: PyErr) -> PyErr {
    invalid_value(
        "time",
        format!(
            "{} is not a Python date or datetime ({e}); to_csv() gives it as text",
            c.display()
        ),
    )
}
