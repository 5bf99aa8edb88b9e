//! Result tables as Arrow record batches, built here and handed to Python through the Arrow
//! PyCapsule interface (`__arrow_c_stream__`, `__arrow_c_array__`, `__arrow_c_schema__`):
//! pyarrow, polars, DuckDB and others read them without a copy per value.
//!
//! # Types (the same whatever the data)
//! - text: `large_string`, null where there is none, even when every value is null;
//! - categories (kind, status, state, source, undefined_reason, ...): `dictionary<int8,
//!   large_string>` whose dictionary is okr-core's whole fixed legend (`Status::ALL`, ...),
//!   not only the values present, so pandas gets a `Categorical` with every category and
//!   `pd.concat` keeps it;
//! - times: `timestamp[us, tz=UTC]` (sub-microsecond digits dropped);
//! - figures: `float64`, null where undefined (never NaN; pandas shows null as NaN);
//! - flags: `bool`; calendar days: `date32`.
//!
//! [`Table`] is the Python object: `to_arrow()` (pyarrow), `to_polars()` (polars only),
//! `to_pandas()` (pandas and pyarrow), `len()`, and pickling.

use std::sync::Arc;

use arrow_array::builder::{LargeListBuilder, LargeStringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::types::{Date32Type, Float64Type, Int8Type, TimestampMicrosecondType};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, DictionaryArray, Float64Array, Int8Array,
    LargeStringArray, RecordBatch, RecordBatchIterator, StructArray, TimestampMicrosecondArray,
};
use arrow_buffer::{Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use chrono::{DateTime, NaiveDate, Utc};
use okr_core::TextColumn;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList, PyTuple};

/// An Arrow error as a Python `ValueError` (a table okr builds is valid: this is a bug).
fn arrow_err(e: arrow_schema::ArrowError) -> PyErr {
    PyValueError::new_err(format!("okr: building an Arrow table failed: {e}"))
}

/// The type of category columns.
pub(crate) fn category_type() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::LargeUtf8))
}

/// The type of time columns.
pub(crate) fn time_type() -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
}

/// The column types of the tables, by what they hold.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    Text,
    /// Categories with okr-core's fixed legend.
    Category(fn() -> Vec<&'static str>),
    Time,
    Float,
    Bool,
    Date,
    TextList,
}

impl Kind {
    fn data_type(self) -> DataType {
        match self {
            Kind::Text => DataType::LargeUtf8,
            Kind::Category(_) => category_type(),
            Kind::Time => time_type(),
            Kind::Float => DataType::Float64,
            Kind::Bool => DataType::Boolean,
            Kind::Date => DataType::Date32,
            Kind::TextList => {
                DataType::LargeList(Arc::new(Field::new("item", DataType::LargeUtf8, true)))
            }
        }
    }
}

/// A table's columns: (name, kind, nullable). Nullability is part of the fixed schema.
pub(crate) type Columns = &'static [(&'static str, Kind, bool)];

/// The schema of `columns`.
pub(crate) fn schema(columns: Columns) -> SchemaRef {
    Arc::new(Schema::new(
        columns
            .iter()
            .map(|&(name, kind, nullable)| Field::new(name, kind.data_type(), nullable))
            .collect::<Vec<_>>(),
    ))
}

/// A text column from okr-core's Arrow-layout column, without a copy.
pub(crate) fn text(c: TextColumn) -> PyResult<ArrayRef> {
    let nulls = c.null_count();
    let (offsets, bytes, validity) = c.into_parts();
    let nulls = (nulls > 0).then(|| NullBuffer::from(validity));
    let array = LargeStringArray::try_new(
        OffsetBuffer::new(ScalarBuffer::from(offsets)),
        Buffer::from_vec(bytes.into_bytes()),
        nulls,
    )
    .map_err(arrow_err)?;
    Ok(Arc::new(array))
}

/// A text column from values.
pub(crate) fn texts<'a>(values: impl IntoIterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(values.into_iter().collect::<LargeStringArray>())
}

/// A float column from okr-core's NaN-for-undefined numbers: null where NaN.
pub(crate) fn floats_nan(xs: Vec<f64>) -> ArrayRef {
    let valid = NullBuffer::from_iter(xs.iter().map(|x| !x.is_nan()));
    let nulls = (valid.null_count() > 0).then_some(valid);
    Arc::new(Float64Array::new(ScalarBuffer::from(xs), nulls))
}

/// A float column from optional numbers (None and NaN both null).
pub(crate) fn floats(xs: impl IntoIterator<Item = Option<f64>>) -> ArrayRef {
    floats_nan(xs.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
}

/// A category column: codes into `legend` (the whole legend is the dictionary), None null.
pub(crate) fn category(
    codes: impl IntoIterator<Item = Option<u8>>,
    legend: &[&str],
) -> PyResult<ArrayRef> {
    let keys: Int8Array = codes.into_iter().map(|c| c.map(|c| c as i8)).collect();
    let values: ArrayRef = Arc::new(LargeStringArray::from_iter_values(legend));
    let dict = DictionaryArray::<Int8Type>::try_new(keys, values).map_err(arrow_err)?;
    Ok(Arc::new(dict))
}

/// A time column (microseconds, UTC).
pub(crate) fn times(ts: impl IntoIterator<Item = Option<DateTime<Utc>>>) -> ArrayRef {
    let array: TimestampMicrosecondArray = ts
        .into_iter()
        .map(|t| t.map(|t| t.timestamp_micros()))
        .collect();
    Arc::new(array.with_timezone("UTC"))
}

/// A bool column.
pub(crate) fn bools(xs: impl IntoIterator<Item = Option<bool>>) -> ArrayRef {
    Arc::new(xs.into_iter().collect::<BooleanArray>())
}

/// A date column (days since 1970-01-01).
pub(crate) fn dates(xs: impl IntoIterator<Item = Option<NaiveDate>>) -> ArrayRef {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    Arc::new(
        xs.into_iter()
            .map(|d| d.map(|d| (d - epoch).num_days() as i32))
            .collect::<Date32Array>(),
    )
}

/// A column of lists of text (None: null).
pub(crate) fn text_lists<'a>(xs: impl IntoIterator<Item = Option<Vec<&'a str>>>) -> ArrayRef {
    let mut b = LargeListBuilder::new(LargeStringBuilder::new()).with_field(Arc::new(Field::new(
        "item",
        DataType::LargeUtf8,
        true,
    )));
    for x in xs {
        match x {
            Some(items) => {
                for s in items {
                    b.values().append_value(s);
                }
                b.append(true);
            }
            None => b.append(false),
        }
    }
    Arc::new(b.finish())
}

/// A record batch of `columns` (in the order of `spec`).
pub(crate) fn batch(spec: Columns, columns: Vec<ArrayRef>) -> PyResult<RecordBatch> {
    RecordBatch::try_new(schema(spec), columns).map_err(arrow_err)
}

/// A result table: one Arrow record batch with a fixed schema (see the module).
#[pyclass(module = "okr._okr", name = "Table", frozen)]
pub(crate) struct Table {
    pub(crate) name: &'static str,
    pub(crate) batch: RecordBatch,
}

impl Table {
    pub(crate) fn new(name: &'static str, batch: RecordBatch) -> Self {
        Table { name, batch }
    }
}

/// Calls `okr._arrow.<function>(table)`.
fn helper<'py>(
    py: Python<'py>,
    function: &str,
    table: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    py.import("okr._arrow")?.getattr(function)?.call1((table,))
}

/// The capsules of a record batch as one struct array (`__arrow_c_array__`).
pub(crate) fn array_capsules<'py>(
    py: Python<'py>,
    batch: &RecordBatch,
) -> PyResult<Bound<'py, PyTuple>> {
    let array = StructArray::from(batch.clone());
    let schema = FFI_ArrowSchema::try_from(array.data_type()).map_err(arrow_err)?;
    let data = FFI_ArrowArray::new(&array.to_data());
    PyTuple::new(
        py,
        [
            PyCapsule::new_with_value(py, schema, c"arrow_schema")?,
            PyCapsule::new_with_value(py, data, c"arrow_array")?,
        ],
    )
}

/// A stream of one record batch (`__arrow_c_stream__`).
pub(crate) fn stream_capsule<'py>(
    py: Python<'py>,
    batch: &RecordBatch,
) -> PyResult<Bound<'py, PyCapsule>> {
    let reader = RecordBatchIterator::new([Ok(batch.clone())], batch.schema());
    let stream = FFI_ArrowArrayStream::new(Box::new(reader));
    PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
}

/// The schema of a record batch (`__arrow_c_schema__`).
pub(crate) fn schema_capsule<'py>(
    py: Python<'py>,
    batch: &RecordBatch,
) -> PyResult<Bound<'py, PyCapsule>> {
    let schema = FFI_ArrowSchema::try_from(batch.schema().as_ref()).map_err(arrow_err)?;
    PyCapsule::new_with_value(py, schema, c"arrow_schema")
}

/// The fixed legends of a batch's category columns: `{column: [every category]}`.
pub(crate) fn legends<'py>(py: Python<'py>, batch: &RecordBatch) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (field, column) in batch.schema().fields().iter().zip(batch.columns()) {
        if let Some(dict) = column.as_dictionary_opt::<Int8Type>() {
            let names: Vec<Option<&str>> = dict.values().as_string::<i64>().iter().collect();
            d.set_item(field.name(), names)?;
        }
    }
    Ok(d)
}

/// The columns of a batch as Python lists (pickling, `to_columns`): text as str, categories
/// as their names, floats with None, lists of text as lists; with `datetimes` times as aware
/// UTC datetimes and dates as `datetime.date`, else (pickling) as epoch microseconds and days.
pub(crate) fn to_lists<'py>(
    py: Python<'py>,
    batch: &RecordBatch,
    datetimes: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let datetime = py.import("datetime")?;
    let utc = datetime.getattr("timezone")?.getattr("utc")?;
    let from_ts = datetime.getattr("datetime")?.getattr("fromtimestamp")?;
    let timedelta = datetime.getattr("timedelta")?;
    let epoch_day = datetime.getattr("date")?.call1((1970, 1, 1))?;
    for (field, col) in batch.schema().fields().iter().zip(batch.columns()) {
        let name = field.name();
        let list: Bound<'py, PyList> = match field.data_type() {
            DataType::LargeUtf8 => PyList::new(py, col.as_string::<i64>().iter())?,
            DataType::Dictionary(..) => {
                let dict = col.as_dictionary::<Int8Type>();
                let values = dict.values().as_string::<i64>();
                let names = dict.keys().iter().map(|k| {
                    k.and_then(|k| usize::try_from(k).ok())
                        .filter(|&k| k < values.len())
                        .map(|k| values.value(k))
                });
                PyList::new(py, names)?
            }
            DataType::Float64 => PyList::new(py, col.as_primitive::<Float64Type>().iter())?,
            DataType::Boolean => PyList::new(py, col.as_boolean().iter())?,
            DataType::Timestamp(..) => {
                let ts = col.as_primitive::<TimestampMicrosecondType>();
                if datetimes {
                    let items = ts
                        .iter()
                        .map(|t| match t {
                            Some(us) => {
                                let secs = us.div_euclid(1_000_000);
                                let micros = us.rem_euclid(1_000_000);
                                let base = from_ts.call1((secs, &utc))?;
                                let delta = timedelta.call1((0, 0, micros))?;
                                Ok(Some(base.call_method1("__add__", (delta,))?))
                            }
                            None => Ok(None),
                        })
                        .collect::<PyResult<Vec<_>>>()?;
                    PyList::new(py, items)?
                } else {
                    PyList::new(py, ts.iter())?
                }
            }
            DataType::Date32 if !datetimes => {
                PyList::new(py, col.as_primitive::<Date32Type>().iter())?
            }
            DataType::Date32 => {
                let ds = col.as_primitive::<Date32Type>();
                let items = ds
                    .iter()
                    .map(|x| match x {
                        Some(days) => Ok(Some(
                            epoch_day.call_method1("__add__", (timedelta.call1((days,))?,))?,
                        )),
                        None => Ok(None),
                    })
                    .collect::<PyResult<Vec<_>>>()?;
                PyList::new(py, items)?
            }
            DataType::LargeList(_) => {
                let lists = col.as_list::<i64>();
                let items = (0..lists.len())
                    .map(|i| {
                        if lists.is_null(i) {
                            return Ok(None);
                        }
                        let v = lists.value(i);
                        let names: Vec<Option<&str>> = v.as_string::<i64>().iter().collect();
                        Ok(Some(PyList::new(py, names)?))
                    })
                    .collect::<PyResult<Vec<_>>>()?;
                PyList::new(py, items)?
            }
            other => {
                return Err(PyValueError::new_err(format!(
                    "okr: no list form of Arrow type {other}"
                )));
            }
        };
        d.set_item(name, list)?;
    }
    Ok(d)
}

/// A batch of `spec` from the lists of [`to_lists`] (times as epoch microseconds).
pub(crate) fn from_lists(spec: Columns, d: &Bound<'_, PyDict>) -> PyResult<RecordBatch> {
    let mut columns = Vec::with_capacity(spec.len());
    for &(name, kind, _) in spec {
        let item = d
            .get_item(name)?
            .ok_or_else(|| PyValueError::new_err(format!("okr: no column {name:?}")))?;
        let col: ArrayRef = match kind {
            Kind::Text => {
                let v: Vec<Option<String>> = item.extract()?;
                texts(v.iter().map(|s| s.as_deref()))
            }
            Kind::Category(legend) => {
                let legend = legend();
                let v: Vec<Option<String>> = item.extract()?;
                let codes = v
                    .iter()
                    .map(|s| match s {
                        None => Ok(None),
                        Some(s) => legend
                            .iter()
                            .position(|l| l == s)
                            .map(|i| Some(i as u8))
                            .ok_or_else(|| {
                                PyValueError::new_err(format!("okr: {s:?} is not a {name}"))
                            }),
                    })
                    .collect::<PyResult<Vec<_>>>()?;
                category(codes, &legend)?
            }
            Kind::Time => {
                let v: Vec<Option<i64>> = item.extract()?;
                Arc::new(
                    v.into_iter()
                        .collect::<TimestampMicrosecondArray>()
                        .with_timezone("UTC"),
                )
            }
            Kind::Float => floats(item.extract::<Vec<Option<f64>>>()?),
            Kind::Bool => bools(item.extract::<Vec<Option<bool>>>()?),
            Kind::Date => Arc::new(
                item.extract::<Vec<Option<i32>>>()?
                    .into_iter()
                    .collect::<Date32Array>(),
            ),
            Kind::TextList => {
                let v: Vec<Option<Vec<String>>> = item.extract()?;
                text_lists(
                    v.iter()
                        .map(|x| x.as_ref().map(|l| l.iter().map(String::as_str).collect())),
                )
            }
        };
        columns.push(col);
    }
    batch(spec, columns)
}

/// The specs of the tables a pickled `Table` may hold, by name.
pub(crate) fn spec_of(name: &str) -> Option<(&'static str, Columns)> {
    crate::table_specs::ALL
        .iter()
        .find(|(n, _)| *n == name)
        .copied()
}

#[pymethods]
impl Table {
    /// The Arrow C stream of the table (one record batch), for any reader of the Arrow
    /// PyCapsule interface (`pyarrow.table(t)`, `polars.DataFrame(t)`, DuckDB). A requested
    /// schema is not applied: the table's own is the answer.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        stream_capsule(py, &self.batch)
    }

    /// The table as one Arrow C struct array (schema and array capsules).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let _ = requested_schema;
        array_capsules(py, &self.batch)
    }

    /// The Arrow C schema of the table.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        schema_capsule(py, &self.batch)
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    /// The column names, in order.
    #[getter]
    fn columns(&self) -> Vec<String> {
        (self.batch.schema().fields().iter())
            .map(|f| f.name().clone())
            .collect()
    }

    /// The fixed legends of the category columns: `{column: [every category]}`.
    fn legends<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        legends(py, &self.batch)
    }

    /// The table as a `pyarrow.Table` (needs pyarrow).
    fn to_arrow<'py>(slf: Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        helper(slf.py(), "to_arrow", slf.into_any())
    }

    /// The table as a polars DataFrame (needs polars only): categories as `pl.Enum` of the
    /// whole legend.
    fn to_polars<'py>(slf: Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        helper(slf.py(), "to_polars", slf.into_any())
    }

    /// The table as a pandas DataFrame (needs pandas and pyarrow).
    fn to_pandas<'py>(slf: Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        helper(slf.py(), "to_pandas", slf.into_any())
    }

    /// The columns as a dict of lists (times as aware datetimes).
    fn to_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        to_lists(py, &self.batch, true)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        match other.cast::<Table>() {
            Ok(o) => Ok(self.name == o.get().name && self.batch == o.get().batch),
            Err(_) => Ok(false),
        }
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let f = py.import("okr._okr")?.getattr("_table")?;
        let state = (self.name, to_lists(py, &self.batch, false)?);
        PyTuple::new(py, [f, state.into_pyobject(py)?.into_any()])
    }

    fn __repr__(&self) -> String {
        format!(
            "<okr.Table {}: {} rows, columns {}>",
            self.name,
            self.batch.num_rows(),
            self.columns().join(", ")
        )
    }
}

/// Rebuilds a pickled [`Table`].
#[pyfunction]
pub(crate) fn _table(name: &str, columns: &Bound<'_, PyDict>) -> PyResult<Table> {
    let (name, spec) =
        spec_of(name).ok_or_else(|| PyValueError::new_err(format!("okr: no table {name:?}")))?;
    Ok(Table::new(name, from_lists(spec, columns)?))
}
