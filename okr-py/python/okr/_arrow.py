"""Conversions of okr's result tables (Arrow record batches built in Rust, handed over through
the Arrow PyCapsule interface) to pyarrow, polars and pandas.

The schema of each table is fixed (see ``okr._okr.Table``): text ``large_string``, categories
``dictionary<int8, large_string>`` over okr-core's whole legend, times ``timestamp[us, UTC]``,
figures ``float64`` with null where undefined, flags ``bool``. What each library makes of it:

- pyarrow: the table as it is;
- polars: categories as ``pl.Enum`` of the whole legend, times ``Datetime("us", "UTC")``,
  text ``String``, figures ``Float64`` with null;
- pandas (needs pyarrow): categories as ``Categorical`` with every category, times
  ``datetime64[us, UTC]``, text pandas' default string dtype (``str`` in pandas 3), figures
  ``float64`` with NaN, flags ``bool`` (nullable flags, such as ``done`` of check-ins,
  ``boolean``), dates ``datetime64[ms]``. Requiring pyarrow keeps these the same whatever the
  data; 400,000 rows take milliseconds (benches/python/arrow_tables.py).
"""

from __future__ import annotations

from typing import Any


def _need(module: str, what: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(f"{what} needs {module}: pip install {module}") from None


def to_arrow(table: Any) -> Any:
    pa = _need("pyarrow", "to_arrow()")
    return pa.table(table)


def to_polars(table: Any) -> Any:
    pl = _need("polars", "to_polars()")
    df = pl.DataFrame(table)
    legends = table.legends()
    if legends:
        df = df.with_columns(
            [pl.col(name).cast(pl.Enum(values)) for name, values in legends.items()]
        )
    return df


def to_pandas(table: Any) -> Any:
    _need("pandas", "to_pandas()")
    pa = _need("pyarrow", "to_pandas()")
    t = pa.table(table)
    df = t.to_pandas(date_as_object=False)
    for field in t.schema:
        if pa.types.is_boolean(field.type) and field.nullable:
            df[field.name] = df[field.name].astype("boolean")
    return df
