"""Tables as plain columns for ``okr.from_tables`` (called from the Rust side).

Each table becomes ``dict[str, list]``: column name to a list of values. This is type
conversion only: which columns a table has, what a value means and which values are refused
are okr-core's rules (``okr_core::tables``), applied by the Rust side to these lists.

pandas, polars, pyarrow and numpy are optional: an object is recognised as one of theirs
only when its library is already imported (``sys.modules``), so none of them is imported
here.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

__all__ = ["columns", "datetime64"]


def _module(name: str) -> Any:
    """The library ``name`` when it is imported already, else None (never imports it)."""
    return sys.modules.get(name)


def _is(obj: Any, module: str, *names: str) -> bool:
    lib = _module(module)
    if lib is None:
        return False
    for name in names:
        cls = getattr(lib, name, None)
        if isinstance(cls, type) and isinstance(obj, cls):
            return True
    return False


def columns(table: Any, name: str) -> dict[Any, list[Any]]:
    """The columns of ``table`` (a dict of columns, a pandas or polars DataFrame, a pyarrow
    Table or RecordBatch, anything with ``to_pydict()``, or any Arrow stream through the
    PyCapsule interface, ``__arrow_c_stream__``) as lists of values.

    Column names are passed on as given (pandas' as ``str``); missing values of pandas
    (NaN, NaT, ``pd.NA``) become None, others (NaN, NaT) are the Rust side's to read.
    """
    if isinstance(table, Mapping):
        return {key: _column(values, name, key) for key, values in table.items()}
    if _is(table, "pandas", "DataFrame"):
        # items(): every column, a name given twice included (refused by okr-core)
        return {str(key): _pandas_column(values) for key, values in table.items()}
    if _is(table, "polars", "DataFrame"):
        return dict(table.to_dict(as_series=False))
    if hasattr(table, "to_pydict"):  # pyarrow Table and RecordBatch, and their likes
        return dict(table.to_pydict())
    if hasattr(table, "__arrow_c_stream__"):
        # the Arrow PyCapsule interface (DuckDB relations, okr's own tables, ...): read
        # through pyarrow, the one reader of the interface that gives Python values
        try:
            import pyarrow
        except ImportError:
            raise TypeError(
                f"the table {name!r} is an Arrow stream ({type(table).__name__}): reading "
                "it needs pyarrow (pip install pyarrow), or pass a DataFrame or a dict"
            ) from None
        return dict(pyarrow.table(table).to_pydict())
    raise TypeError(
        f"the table {name!r} must be a dict of columns, a pandas or polars DataFrame, a "
        f"pyarrow Table or RecordBatch, an Arrow stream (__arrow_c_stream__), or have "
        f"to_pydict(); not {type(table).__name__}"
    )


def _column(values: Any, table: str, column: Any) -> list[Any]:
    """One column of a dict of columns: a list, tuple or other iterable of values, a pandas
    or polars Series, a numpy array, a pyarrow Array or ChunkedArray."""
    if isinstance(values, list):
        return values
    if isinstance(values, (str, bytes, bytearray)) or isinstance(values, Mapping):
        raise TypeError(
            f"the column {column!r} of the table {table!r} must be a sequence of values, "
            f"not {type(values).__name__}"
        )
    if _is(values, "pandas", "Series", "Index"):
        return _pandas_column(values)
    if _is(values, "polars", "Series"):
        return list(values.to_list())
    if _is(values, "numpy", "ndarray"):
        return _numpy_column(values)
    if hasattr(values, "to_pylist"):  # pyarrow Array and ChunkedArray
        return list(values.to_pylist())
    try:
        return list(values)
    except TypeError:
        raise TypeError(
            f"the column {column!r} of the table {table!r} must be a sequence of values, "
            f"not {type(values).__name__}"
        ) from None


def _pandas_column(series: Any) -> list[Any]:
    """A pandas Series' values as Python objects (``Timestamp`` for times), its missing
    values (NaN, NaT, ``pd.NA``) as None."""
    missing = series.isna().tolist()
    return [None if m else v for v, m in zip(series.tolist(), missing)]


def _numpy_column(array: Any) -> list[Any]:
    """A numpy array's values as Python objects; datetime64 values as :func:`datetime64`
    makes them, timedelta64 values kept as they are (refused as a value of a table)."""
    if array.ndim != 1:
        raise TypeError(f"a column must be one-dimensional, not an array of shape {array.shape}")
    kind = array.dtype.kind
    if kind == "M":
        return [datetime64(x) for x in array]
    if kind == "m":
        return list(array)
    return list(array.tolist())


def datetime64(value: Any) -> Any:
    """A ``numpy.datetime64`` as Python's: None for NaT, a ``datetime.date`` for a unit of a
    day or longer, else a ``datetime.datetime`` (without a zone, as numpy's times are: okr
    refuses it and asks for a zone)."""
    import numpy  # the value is numpy's: numpy is imported

    if numpy.isnat(value):
        return None
    unit = numpy.datetime_data(value.dtype)[0]
    if unit in ("Y", "M", "W", "D"):
        out = value.astype("datetime64[D]").item()
    else:
        out = value.astype("datetime64[us]").item()
    if isinstance(out, int):  # numpy gives an int for what Python's datetime cannot hold
        raise ValueError(f"{value} is outside the dates Python's datetime holds")
    return out
