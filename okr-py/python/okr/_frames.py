"""pandas helpers used by ``to_pandas()`` / ``check_ins_frame()`` (pandas is optional)."""

from __future__ import annotations

from typing import Any


def _pandas() -> Any:
    try:
        import pandas  # type: ignore[import-untyped,unused-ignore]
    except ImportError:  # pragma: no cover - exercised with pandas hidden
        raise ImportError("to_pandas() needs pandas: pip install pandas") from None
    return pandas


def frame(columns: dict[str, list[Any]], kind: str) -> Any:
    """A DataFrame from columns (a dict of lists) built by the Rust side.

    Timestamps become ``datetime64[ns, UTC]``; status and kind become categoricals in rollup
    frames.
    """
    pd = _pandas()
    if kind == "rollup":
        # last_check_in arrives as epoch nanoseconds, the minimum int64 (NaT) for none
        import numpy

        ns = numpy.asarray(columns["last_check_in"], dtype="int64").view("datetime64[ns]")
        columns = {**columns, "last_check_in": pd.DatetimeIndex(ns).tz_localize("UTC")}
    df = pd.DataFrame(columns)
    if "at" in df.columns:
        df["at"] = pd.to_datetime(df["at"], utc=True)
    if kind == "rollup":
        for col in ("kind", "status"):
            df[col] = df[col].astype("category")
        for col in ("progress", "attainment", "confidence", "value"):
            df[col] = df[col].astype("float64")
    return df
