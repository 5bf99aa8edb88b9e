"""okr: an OKR engine (Rust core) for Python.

Objectives aligned in a weighted DAG, key results, check-ins, progress rollup with pace and
status, "why is this 39%?" explanations and a versioned JSON document format. Every rule lives
in the Rust core (okr-core); this package converts types and maps errors.

>>> import okr
>>> g = okr.load("examples/acme.okr.json")            # doctest: +SKIP
>>> g.rollup("2026-11-15")["sales-growth"].progress   # doctest: +SKIP
0.624...
"""

from __future__ import annotations

from okr._okr import (
    FORMAT_VERSION,
    AlreadyDecidedError,
    AppraisalPage,
    Chart,
    ConfigError,
    CycleClosedError,
    CycleError,
    UnitMismatchError,
    DependencyCycleError,
    DependencyError,
    DocumentError,
    DuplicateIdError,
    ForbiddenError,
    Graph,
    InUseError,
    InvalidCheckInError,
    InvalidCycleError,
    InvalidMeasureError,
    InvalidRevisionError,
    InvalidValueError,
    InvalidWeightError,
    LimitExceededError,
    Limits,
    LinkError,
    MissingTimeError,
    NodeResult,
    OkrError,
    ReadOnlyViewError,
    RollupResult,
    SnapshotError,
    Series,
    Table,
    TableError,
    UnitMismatchError,
    UnknownIdError,
    __version__,
    check,
    draft_key_result,
    explain_rule,
    from_csv,
    from_dict,
    from_snapshot,
    from_tables,
    lint_text,
    load,
    loads,
    rules,
    suggest_key_results,
)

__all__ = [
    "FORMAT_VERSION",
    "AlreadyDecidedError",
    "AppraisalPage",
    "Chart",
    "ConfigError",
    "CycleClosedError",
    "CycleError",
    "UnitMismatchError",
    "DependencyCycleError",
    "DependencyError",
    "DocumentError",
    "DuplicateIdError",
    "ForbiddenError",
    "Graph",
    "InUseError",
    "InvalidCheckInError",
    "InvalidCycleError",
    "InvalidMeasureError",
    "InvalidRevisionError",
    "InvalidValueError",
    "InvalidWeightError",
    "LimitExceededError",
    "Limits",
    "LinkError",
    "MissingTimeError",
    "NodeResult",
    "OkrError",
    "ReadOnlyViewError",
    "RollupResult",
    "SnapshotError",
    "Series",
    "Table",
    "TableError",
    "UnitMismatchError",
    "UnknownIdError",
    "__version__",
    "check",
    "draft_key_result",
    "error_classes",
    "explain_rule",
    "from_csv",
    "from_dict",
    "from_snapshot",
    "from_tables",
    "lint_text",
    "load",
    "loads",
    "rules",
    "suggest_key_results",
]


def error_classes() -> dict[str, type[OkrError]]:
    """Every exception class by name (``OkrError`` and its subclasses)."""
    return {
        name: obj
        for name, obj in globals().items()
        if isinstance(obj, type) and issubclass(obj, OkrError)
    }
