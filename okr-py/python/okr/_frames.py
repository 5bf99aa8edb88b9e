"""pandas helpers used by ``to_pandas()`` / ``check_ins_frame()`` (pandas is optional)."""

from __future__ import annotations

from typing import Any


def _pandas() -> Any:
    try:
        import pandas  # type: ignore[import-untyped,unused-ignore]
    except ImportError:  # pragma: no cover - exercised with pandas hidden
        raise ImportError("to_pandas() needs pandas: pip install pandas") from None
    return pandas


def frame(columns: dict[str, Any], kind: str) -> Any:
    """A DataFrame from columns built by the Rust side.

    Check-in frames arrive as lists; rollup frames as raw arrays (see
    ``RollupResult.frame_columns`` in the Rust source), read by numpy without a Python object
    per value. Timestamps become ``datetime64[ns, UTC]``; status, kind and source become
    categoricals in rollup frames (status and kind with the categories present, source with
    both, ``computed`` and ``manual``).
    """
    pd = _pandas()
    if kind == "rollup":
        return _rollup_frame(pd, columns)
    if kind == "series":
        return _series_frame(pd, columns)
    df = pd.DataFrame(columns)
    if "at" in df.columns:
        df["at"] = pd.to_datetime(df["at"], utc=True)
    return df


def _series_frame(pd: Any, c: dict[str, Any]) -> Any:
    # long columns (``Series.to_columns``): one row per date and node; the calendar day as
    # datetime64[ns] (each figure is as of the end of that day, UTC), None as NaN
    df = pd.DataFrame(c)
    df["date"] = pd.to_datetime(pd.Series(c["date"], dtype=object)).astype("datetime64[ns]")
    for name in ("value", "progress", "attainment", "expected", "planned_value"):
        df[name] = df[name].astype("float64")
    df["kind"] = df["kind"].astype("category")
    df["status"] = df["status"].astype("category")
    return df


def _rollup_frame(pd: Any, c: dict[str, Any]) -> Any:
    import numpy

    def numbers(name: str, dtype: str) -> Any:
        # a copy: arrays over bytes are read-only, and the frame is the caller's to change
        return numpy.frombuffer(c[name], dtype=dtype).copy()

    def category(name: str) -> Any:
        # codes into okr-core's fixed legend (Status::ALL, NodeKind::ALL); then the same
        # categories as astype("category") on the names: those present, sorted
        cat = pd.Categorical.from_codes(numbers(name, "uint8"), categories=c[name + "_names"])
        cat = cat.remove_unused_categories()
        return cat.reorder_categories(sorted(cat.categories))

    def every_category(name: str) -> Any:
        # codes into okr-core's fixed legend (FigureSource::ALL: computed, manual), every
        # category kept: `source` has both even when no figure is set by hand
        return pd.Categorical.from_codes(numbers(name, "uint8"), categories=c[name + "_names"])

    # last_check_in: epoch nanoseconds, the minimum int64 (NaT) for none
    last = pd.DatetimeIndex(numbers("last_check_in", "int64").view("datetime64[ns]"))
    return pd.DataFrame({
        "id": c["id"],
        "kind": category("kind"),
        "progress": numbers("progress", "float64"),
        "attainment": numbers("attainment", "float64"),
        "expected": numbers("expected", "float64"),
        "status": category("status"),
        "confidence": numbers("confidence", "float64"),
        "stale": numbers("stale", "uint8").astype(bool),
        "undefined_reason": c["undefined_reason"],
        "value": numbers("value", "float64"),
        "last_check_in": last.tz_localize("UTC"),
        "source": every_category("source"),
        "computed_progress": numbers("computed_progress", "float64"),
        "computed_attainment": numbers("computed_attainment", "float64"),
        "planned_value": numbers("planned_value", "float64"),
        "blocked": numbers("blocked", "uint8").astype(bool),
    })
