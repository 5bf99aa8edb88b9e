"""Type stubs of ``okr._okr``, the Rust extension module of okr."""

import datetime
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, Literal, Optional, Protocol, TypedDict, Union, final

from typing_extensions import TypeAlias

from okr.types import (
    CheckInDict,
    CycleDict,
    DiagnosticDict,
    KeyResultDict,
    NodeDict,
    ObjectiveDict,
    OwnerDict,
    ScorecardDict,
)

__all__ = [
    "AppraisalPage",
    "Chart",
    "ConfigError",
    "CycleError",
    "DependencyCycleError",
    "DependencyError",
    "DocumentError",
    "DuplicateIdError",
    "FORMAT_VERSION",
    "Graph",
    "AlreadyDecidedError",
    "CycleClosedError",
    "UnitMismatchError",
    "ForbiddenError",
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
    "SnapshotError",
    "TableError",
    "RollupResult",
    "Series",
    "Table",
    "_node_result",
    "_rollup_result",
    "_table",
    "UnitMismatchError",
    "UnknownIdError",
    "__version__",
    "check",
    "draft_key_result",
    "explain_rule",
    "from_csv",
    "from_dict",
    "from_tables",
    "lint_text",
    "load",
    "loads",
    "from_snapshot",
    "rules",
    "suggest_key_results",
]

__version__: str
FORMAT_VERSION: int

def _node_result(state: tuple[Any, ...]) -> NodeResult:
    """Rebuilds a pickled :class:`NodeResult`."""
def _rollup_result(graph: Graph, as_of: str, config: str) -> RollupResult:
    """Rebuilds a pickled :class:`RollupResult`: ``graph`` rolled up again."""
def _table(name: str, columns: dict[str, list[Any]]) -> Table:
    """Rebuilds a pickled :class:`Table`."""

_DateLike: TypeAlias = Union[datetime.date, str]
"""A calendar date (cycle bounds, due dates, deadlines, ``today``): ``datetime.date`` or
``YYYY-MM-DD`` text. A time (a ``datetime.datetime``, text with a time of day) raises
:class:`InvalidValueError`. The rule for times is the top-level README's "Times"."""

_TimeLike: TypeAlias = Union[datetime.date, datetime.datetime, str]
"""A moment (as-of, check-in time): a ``datetime.date`` or ``YYYY-MM-DD`` text (as an as-of the
end of that day, UTC; as a check-in time 00:00 UTC), an aware ``datetime.datetime`` or pandas
``Timestamp`` or RFC 3339 text with a zone (that instant). A time without a zone (a naive
``datetime``, a pandas ``Timestamp`` without tz, a ``numpy.datetime64``,
``"2026-11-15T12:00:00"``) raises :class:`InvalidValueError`. See the top-level README's
"Times"."""

_Table: TypeAlias = Any
"""A table for :func:`from_tables`: a dict of column name to values (a list, a tuple, a numpy
array, a pandas or polars Series, a pyarrow Array), a pandas or polars DataFrame, a pyarrow
Table or RecordBatch, or anything with ``to_pydict()`` (None: the table is absent). Values are
None, bool, int (numpy's too), float (NaN is an absent value), str, ``datetime.date``, a
``datetime.datetime``, pandas ``Timestamp`` or ``numpy.datetime64``; NaT and pandas' missing
values are absent values. A datetime without a timezone is its day in a date column when it is
midnight, and a :class:`TableError` problem in a time column (a time needs its zone). Any
other type raises :class:`InvalidValueError` naming the table, row and column."""

_ChangeTime: TypeAlias = Union[datetime.date, datetime.datetime, str]
"""When a change takes effect (``at`` of an update, a removal, an addition, the clock; ``since``
of :meth:`Graph.log`), read by okr-core's ``Revise::parse_at``: a ``datetime.date`` or
``YYYY-MM-DD`` text is 00:00 UTC that day; an aware ``datetime.datetime`` or pandas
``Timestamp`` or RFC 3339 text with a zone is that instant. A time without a zone raises
:class:`InvalidValueError`."""

class OkrError(ValueError):
    """Base class of every okr error.

    ``code`` is the core's stable machine-readable code (``"cycle"``, ``"unknown_id"``...),
    ``ids`` the ids the error is about (for a cycle: the whole cycle path).
    """

    code: str
    ids: list[str]

class UnknownIdError(OkrError):
    """An id that does not exist in the graph."""

class DuplicateIdError(OkrError):
    """An id already taken (objectives and key results share one space of ids)."""

class CycleError(OkrError):
    """A link that would close a cycle; ``ids`` is the whole cycle path."""

class InvalidWeightError(OkrError):
    """A weight that is NaN, infinite or negative."""

class InvalidMeasureError(OkrError):
    """A key result measure that makes no sense."""

class InvalidCheckInError(OkrError):
    """A check-in that does not fit its key result."""

class InvalidCycleError(OkrError):
    """A cycle (time period) with bad dates or outside its parent."""

class LinkError(OkrError):
    """A link that already exists (code ``already_linked``) or does not (``not_linked``)."""

class InUseError(OkrError):
    """An entity that cannot be removed because others refer to it."""

class DependencyCycleError(OkrError):
    """A dependency that would close a cycle of dependencies (or make a node depend on
    itself); ``ids`` is the cycle path, blocker first (code ``dependency_cycle``)."""

class DependencyError(OkrError):
    """A dependency that exists already (code ``already_dependent``) or does not
    (``not_dependent``); ``ids`` is blocker, blocked."""

class DocumentError(OkrError):
    """A document that cannot be read; ``path`` locates the problem
    (``objectives[3].key_results[1].measure.target``)."""

    path: str

class ConfigError(OkrError):
    """A configuration value out of range."""

class InvalidValueError(OkrError):
    """A value that is not what it should be (a date, an enum name, an empty id)."""

class LimitExceededError(OkrError):
    """An input over a configured safety limit."""

class MissingTimeError(OkrError):
    """A change with no time: give ``at``, or set a clock on the graph (:meth:`Graph.set_clock`)."""

class InvalidRevisionError(OkrError):
    """A revision out of time order (before the latest one recorded), or about an entity that
    does not exist at its time."""

class ForbiddenError(OkrError):
    """A decision the review policy does not allow; ``ids`` is the entity, then the actor."""

class AlreadyDecidedError(OkrError):
    """A proposal decided already, or a check-in acknowledged already by the same person."""

class CycleClosedError(OkrError):
    """A change to a closed cycle (dated at or before its close), or closing it again;
    ``ids`` is the entity, then the cycle."""

class UnitMismatchError(OkrError):
    """Values of different units compared or combined: a key result under an aggregate
    whose unit differs from the aggregate's without a conversion factor, or one taking its
    values from a KPI in another unit; ``ids`` is the key result, then the aggregate or KPI."""

class ReadOnlyViewError(OkrError):
    """A change asked of a view (:meth:`Graph.view_for`): views are read-only; ``ids`` is the
    viewer. Change the full graph and take a new view."""

class SnapshotError(OkrError):
    """A binary snapshot that cannot be read: cut short, corrupted (its checksum does not
    match), of a newer format, or not a snapshot at all."""

class _TableProblem(TypedDict):
    """One problem of tables (:attr:`TableError.problems`)."""

    table: str
    """The table (``"objectives"``, ...)."""
    row: Optional[int]
    """The row, 1 for the first row of data (in a spreadsheet with a header row, row ``n``
    is on line ``n + 1``); None for a problem of the whole table (a missing column)."""
    column: Optional[str]
    """The column, if the problem is in one."""
    value: Optional[str]
    """The value as it was given (as text), if the problem is in one."""
    code: str
    """The error code of the problem (``unknown_id``, ``cycle``, ``invalid_value``, ...)."""
    message: str
    """What is wrong."""
    ids: list[str]
    """The ids the problem is about."""

class TableError(OkrError):
    """Tables (:func:`from_tables`, :func:`from_csv`) that do not describe an organisation
    okr accepts (code ``invalid_tables``). ``problems`` lists every problem found at once,
    each a dict with table, row, column, value, code, message and ids; ``ids`` is the first
    problem's."""

    problems: list[_TableProblem]

@final
class NodeResult:
    """The figures of one objective or key result in a rollup (immutable)."""

    @property
    def id(self) -> str:
        """The objective's or key result's id."""
    @property
    def kind(self) -> Literal["objective", "key_result"]:
        """Objective or key result."""
    @property
    def progress(self) -> Optional[float]:
        """Progress in [0, 1]; None when undefined (see ``undefined_reason``)."""
    @property
    def attainment(self) -> Optional[float]:
        """Unclamped attainment (1.25 = 125%); None when undefined."""
    @property
    def source(self) -> Literal["computed", "manual"]:
        """``manual`` when progress and attainment are an attainment set by hand (an
        ``override``), else ``computed``."""
    @property
    def computed_progress(self) -> Optional[float]:
        """The progress computed from the measure (key result) or the inputs (objective): the
        same as ``progress`` unless ``source`` is ``manual``."""
    @property
    def computed_attainment(self) -> Optional[float]:
        """The attainment computed: the same as ``attainment`` unless ``source`` is
        ``manual``."""
    @property
    def expected(self) -> float:
        """Expected progress at the as-of moment: from the key result's plan when it has one,
        else from the linear pace over the period."""
    @property
    def planned_value(self) -> Optional[float]:
        """Key results with a plan: the value the plan expects at the as-of moment (``expected``
        is its progress); None for the linear pace."""
    @property
    def status(self) -> Literal["not_started", "on_track", "at_risk", "off_track", "closed", "no_data"]:
        """Status against the expected pace."""
    @property
    def confidence(self) -> Optional[float]:
        """Latest confidence (key result) or weighted mean of own key results' (objective)."""
    @property
    def stale(self) -> bool:
        """No recent check-in."""
    @property
    def undefined_reason(self) -> Optional[str]:
        """Why progress (or attainment) is undefined (``no_counting_children``,
        ``no_child_progress``, ``all_weights_zero``, ``no_value``, ``out_of_range``)."""
    @property
    def value(self) -> Optional[float]:
        """Key results: the current value (numeric and threshold)."""
    @property
    def last_check_in(self) -> Optional[datetime.datetime]:
        """Key results: time (aware, UTC) of the check-in the value comes from."""
    @property
    def blocked(self) -> bool:
        """Something it depends on blocks it: off track, or not started after the
        dependency's ``start_by`` day (see :meth:`RollupResult.blockers`). Never counted."""
    def to_dict(self) -> NodeDict:
        """The figures as a dict.

        Returns
        -------
        NodeDict
            Every key always present: ``id``, ``kind``, ``progress``, ``attainment``,
            ``source``, ``computed_progress``, ``computed_attainment``, ``expected``,
            ``planned_value``, ``status``, ``confidence``, ``stale``, ``undefined_reason``,
            ``value``, ``last_check_in`` (aware UTC datetime) and ``blocked``; None where a
            figure is undefined.
        """
    def _repr_html_(self) -> str:
        """The figures as an HTML table for Jupyter.

        Returns
        -------
        str
            A two-column table (figure, value) with a progress bar; inline styles only, no
            script, the id escaped.
        """
    def __eq__(self, other: object, /) -> bool:
        """Equal when every figure is (numbers bit for bit; None where undefined in the
        same place)."""
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class Table:
    """A result table: one Arrow record batch with a fixed schema, the same whatever the
    data. Read it with :meth:`to_arrow` (pyarrow), :meth:`to_polars` (polars only),
    :meth:`to_pandas` (pandas and pyarrow), or any reader of the Arrow PyCapsule interface
    (``pyarrow.table(t)``, ``polars.DataFrame(t)``, DuckDB). It pickles and compares by value.

    Types
    -----
    text
        ``large_string``, null where there is none (pandas: ``str``; polars: ``String``).
    categories
        ``dictionary<int8, large_string>`` whose dictionary is okr-core's whole fixed legend
        (:meth:`legends`), not only the values present (pandas: ``category`` with every
        category; polars: ``Enum``).
    times
        ``timestamp[us, tz=UTC]`` (pandas: ``datetime64[us, UTC]``).
    figures
        ``float64``, null where undefined (pandas: NaN).
    flags
        ``bool`` (pandas: ``bool``; ``boolean`` where the column may be null).
    dates
        ``date32`` (pandas: ``datetime64[ms]``).
    """

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> Any: ...
    def __arrow_c_array__(self, requested_schema: object | None = None) -> tuple[Any, Any]: ...
    def __arrow_c_schema__(self) -> Any: ...
    def __len__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Any, ...]: ...
    @property
    def columns(self) -> list[str]:
        """The column names, in order."""
    def legends(self) -> dict[str, list[str]]:
        """The fixed legend of each category column: every category, in code order."""
    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` (``ImportError`` without pyarrow)."""
    def to_polars(self) -> Any:
        """A polars DataFrame (``ImportError`` without polars); categories as ``pl.Enum``."""
    def to_pandas(self) -> Any:
        """A pandas DataFrame (``ImportError`` without pandas or pyarrow)."""
    def to_columns(self) -> dict[str, list[Any]]:
        """The columns as lists (times as aware UTC datetimes, dates as ``datetime.date``)."""

@final
class RollupResult:
    """A rollup of a graph at one moment (immutable except through ``refresh``).

    ``result[id]`` gives a :class:`NodeResult` (``KeyError`` for an unknown id); iteration yields
    the objectives in topological order (children first), then the key results.
    """

    def __getitem__(self, id: str, /) -> NodeResult: ...
    def __contains__(self, id: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[NodeResult]: ...
    def get(self, id: str, default: Any = None) -> Any:
        """The node's figures, or ``default`` when the id is not in the rollup."""
    def blockers(self, id: str) -> list[dict[str, Any]]:
        """What blocks ``id`` at this rollup's time: dicts with ``id``, ``kind``, ``reason``
        (``off_track`` or ``not_started``) and ``start_by`` (when the dependency has one);
        empty when nothing blocks it or the id is unknown."""
    def hidden_entry(self, id: str) -> Optional[dict[str, Any]]:
        """What the combined entry ``id`` of a view (:meth:`Graph.view_for`) stands for at this
        rollup's time: ``{"count": int, "weight": float}`` (how many hidden objectives and key
        results, their combined weight in the parent); None for any other id and on a rollup
        that is not a view's."""
    def objectives(self) -> list[NodeResult]:
        """Objectives, in topological order (children before parents)."""
    def key_results(self) -> list[NodeResult]:
        """Key results, in insertion order."""
    @property
    def as_of(self) -> datetime.datetime:
        """The moment of the rollup (aware, UTC; a date means the end of that day)."""
    @property
    def config(self) -> dict[str, Any]:
        """on_track_margin, at_risk_margin and stale_days used."""
    def refresh(self, graph: Graph, kr_id: str) -> None:
        """Updates this result in place after check-ins on key result ``kr_id`` of ``graph``.

        Wraps okr-core's ``Rollup::refresh_key_result``: only the key result and the ancestors
        whose figures change are recomputed, and the result equals a fresh ``graph.rollup()``
        at the same moment. After a structural change of the graph it recomputes everything.
        Raises :class:`UnknownIdError` when ``kr_id`` is not a key result of ``graph``.
        """
    def to_table(self) -> Table:
        """The rollup table, one row per node in iteration order (okr-core's
        ``Rollup::table``); the titles, owners, cycles and states are the graph's as it
        stood at the rollup's time (a view's rollup shows its combined entries).

        Columns
        -------
        id, title, owner, cycle : large_string
            ``owner`` is a key result's own owner, else its objective's.
        objective : large_string, null for objectives
            A key result's objective.
        kind : category (objective, key_result)
        state : category (draft, active, closed, abandoned)
            A key result's is its objective's.
        counted : bool
            Whether the node counts: active and closed objectives and their key results;
            the report marks the others "not counted".
        as_of : timestamp[us, UTC]
        progress, attainment, confidence, value, computed_progress, computed_attainment,
        planned_value : float64, null where undefined
        expected : float64
        status : category (not_started, on_track, at_risk, off_track, closed, no_data)
        stale, blocked : bool
        undefined_reason : category (no_counting_children, no_child_progress,
        all_weights_zero, no_value, out_of_range), null where defined
        last_check_in : timestamp[us, UTC], null where none
        source : category (computed, manual)
        """
    def to_arrow(self) -> Any:
        """:meth:`to_table` as a ``pyarrow.Table`` (``ImportError`` without pyarrow)."""
    def to_polars(self) -> Any:
        """:meth:`to_table` as a polars DataFrame (``ImportError`` without polars)."""
    def to_pandas(self) -> Any:
        """:meth:`to_table` as a pandas DataFrame (``ImportError`` without pandas or
        pyarrow): ``category`` columns with every category, ``datetime64[us, UTC]`` times,
        ``str`` text, ``float64`` figures with NaN, ``bool`` flags."""
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> Any: ...
    def __eq__(self, other: object, /) -> bool:
        """Equal when the moment, the configuration and every figure of every node are."""
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Any, ...]:
        """Pickles as its graph, moment and configuration (rolled up again when loaded);
        ``ValueError`` for a ``what_if`` result or one out of date with its graph."""
    def to_columns(self) -> dict[str, list[Any]]:
        """The columns of :meth:`to_table` as lists (None where null; times as aware UTC
        datetimes)."""
    def to_dict(self) -> dict[str, list[Any]]:
        """Same as :meth:`to_columns`."""
    def _repr_html_(self) -> str:
        """The alignment tree as an HTML table for Jupyter (okr-core's
        ``Report::render_html``).

        Returns
        -------
        str
            One row per line of ``okr report``, parents before children, indented by depth
            (at most 1000 rows, then a note): title and id, owner (name, else id), a
            progress bar with the percentage, expected pace, status, confidence and notes
            (stale, blocked by, not counted, shown above). Inline styles only, no script;
            every text from the document escaped.
        """

@final
class Series:
    """Every node's figures at each date of a range (``Graph.series``), as columns.

    ``series[id]`` gives one node's columns (``KeyError`` for an id not in the series).
    """

    @property
    def dates(self) -> list[datetime.date]:
        """The date (UTC) of each point: for ``Graph.series`` every day of the range, each
        meaning the end of that day; for ``Graph.history`` the date of each point."""
    @property
    def as_of(self) -> list[datetime.datetime]:
        """The moment of each point (aware, UTC): the end of the day (23:59:59.999999) for a
        date, the instant itself for a zoned time."""
    @property
    def ids(self) -> list[str]:
        """The ids asked for, in that order, else every node that exists at some date."""
    def __len__(self) -> int: ...
    def __contains__(self, id: object, /) -> bool: ...
    def __getitem__(self, id: str, /) -> dict[str, Any]:
        """``id``, ``kind`` and one list per figure, one entry per date (None where the node
        does not exist or the figure is undefined): value, progress, attainment, expected,
        planned_value, status."""
    def to_columns(self) -> dict[str, list[Any]]:
        """Long columns, one entry per date and node that exists at that date: date
        (``datetime.date``), id, kind, value, progress, attainment, expected, planned_value,
        status."""
    def to_arrow(self) -> Any:
        """The long table as a ``pyarrow.Table``.

        Columns
        -------
        date : date32
        id : large_string
        kind : category (objective, key_result)
        value, progress, attainment, expected, planned_value : float64, null where undefined
        status : category (not_started, on_track, at_risk, off_track, closed, no_data)
        """
    def to_polars(self) -> Any:
        """:meth:`to_arrow`'s table as a polars DataFrame (``ImportError`` without polars)."""
    def to_pandas(self) -> Any:
        """:meth:`to_arrow`'s table as a pandas DataFrame (``ImportError`` without pandas or
        pyarrow): ``date`` as ``datetime64[ms]``, ``kind`` and ``status`` categorical with
        every category, undefined figures NaN."""

@final
class Chart:
    """A burn-up chart (``Graph.chart``); Jupyter shows it inline."""

    @property
    def id(self) -> str:
        """The objective or key result charted."""
    @property
    def svg(self) -> str:
        """The self-contained SVG document."""
    def _repr_svg_(self) -> str: ...
    def __str__(self) -> str:
        """The SVG document."""

@final
class AppraisalPage:
    """The appraisal view as a page (``Graph.appraisal_html``); Jupyter shows it inline."""

    @property
    def owner(self) -> str:
        """The person (an owner id)."""
    @property
    def cycle(self) -> str:
        """The cycle id."""
    @property
    def html(self) -> str:
        """The self-contained printable HTML page."""
    @property
    def text(self) -> str:
        """The text rendering."""
    def _repr_html_(self) -> str: ...
    def __str__(self) -> str:
        """The text rendering."""

@final
class Limits:
    """Safety limits on what a graph may hold (okr-core's ``Limits``). Every way in is held
    to the same ones: loading a document, a snapshot or tables, and every change through
    the API (adding, updating, checking in, one at a time or in bulk, revising, proposing,
    commenting); over one raises :class:`LimitExceededError` and changes nothing. Keyword
    arguments are the limits' names; one not given (or None) keeps okr-core's default.
    A value that is not a non-negative ``int`` raises :class:`InvalidValueError`. Equal
    limits compare equal and hash alike; they pickle."""

    def __new__(
        cls,
        *,
        max_document_bytes: Optional[int] = None,
        max_json_depth: Optional[int] = None,
        max_string_bytes: Optional[int] = None,
        max_owners: Optional[int] = None,
        max_cycles: Optional[int] = None,
        max_objectives: Optional[int] = None,
        max_key_results: Optional[int] = None,
        max_check_ins_per_key_result: Optional[int] = None,
        max_parents_per_objective: Optional[int] = None,
        max_milestones: Optional[int] = None,
        max_link_depth: Optional[int] = None,
        max_revisions: Optional[int] = None,
        max_plan_points: Optional[int] = None,
        max_proposals: Optional[int] = None,
        max_comments: Optional[int] = None,
        max_dependencies: Optional[int] = None,
        max_kpis: Optional[int] = None,
        max_initiatives: Optional[int] = None,
    ) -> Limits: ...
    @staticmethod
    def none() -> Limits:
        """No limits at all: for trusted documents only."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, tuple[()]]: ...
    @property
    def max_document_bytes(self) -> int: ...
    @property
    def max_json_depth(self) -> int: ...
    @property
    def max_string_bytes(self) -> int: ...
    @property
    def max_owners(self) -> int: ...
    @property
    def max_cycles(self) -> int: ...
    @property
    def max_objectives(self) -> int: ...
    @property
    def max_key_results(self) -> int: ...
    @property
    def max_check_ins_per_key_result(self) -> int: ...
    @property
    def max_parents_per_objective(self) -> int: ...
    @property
    def max_milestones(self) -> int: ...
    @property
    def max_link_depth(self) -> int: ...
    @property
    def max_revisions(self) -> int: ...
    @property
    def max_plan_points(self) -> int: ...
    @property
    def max_proposals(self) -> int: ...
    @property
    def max_comments(self) -> int: ...
    @property
    def max_dependencies(self) -> int: ...
    @property
    def max_kpis(self) -> int: ...
    @property
    def max_initiatives(self) -> int: ...

@final
class Graph:
    """The OKR graph: owners, cycles, objectives aligned in a weighted DAG, key results and
    check-ins. Every mutation validates first and changes nothing when it raises."""

    def __new__(cls, *, limits: Optional[Limits] = None) -> Graph: ...
    @property
    def limits(self) -> Limits:
        """The limits this graph is held to: those it was made or loaded with (okr-core's
        defaults when none were given); a copy and a pickled graph keep them."""
    def __len__(self) -> int:
        """Number of objectives."""
    def __contains__(self, id: object, /) -> bool:
        """Whether ``id`` is an objective or a key result."""
    def __copy__(self) -> Graph: ...
    def __deepcopy__(self, memo: Any) -> Graph: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes, Limits]]: ...
    def copy(self) -> Graph:
        """A deep copy."""
    def dumps(self) -> str:
        """The graph as document JSON text."""
    def save(self, path: Union[str, os.PathLike[str]]) -> None:
        """Writes the document JSON to ``path``."""
    def to_snapshot(self) -> bytes:
        """The graph as a binary snapshot: the whole document, history included, much smaller
        than its JSON and faster to read back with :func:`from_snapshot`, :func:`loads` or
        :func:`load` (and by the ``okr`` command as a file). Pickling uses it."""
    def to_dict(self) -> dict[str, Any]:
        """The graph as a document dict."""
    def to_tables(self) -> dict[str, dict[str, list[Any]]]:
        """The graph as tables: table name (owners, groups, cycles, objectives, links,
        key_results, check_ins, kpis, ..., every table of okr-core's) to column name to a list of
        values: None for an absent value, str, int, float, bool, ``datetime.date`` for dates,
        aware ``datetime.datetime`` in UTC for times (to the microsecond: Python's datetime
        holds no finer; :meth:`to_csv` keeps times exactly). ``okr.from_tables(**g.to_tables())``
        gives the same organisation and rollup from its latest change on: tables carry the
        organisation as it is now, without its history (revisions), ``extra`` data and the
        other parts okr-core's ``tables`` module lists. Each table's dict makes a DataFrame
        (``pandas.DataFrame(t["objectives"])``)."""
    def to_csv(self) -> dict[str, str]:
        """The graph as CSV texts by table name (as :meth:`to_tables`; a header row of column
        names, numbers in their shortest exact form, times as okr writes them, absent values
        as empty cells), for :func:`from_csv` or a folder of ``<table>.csv`` files."""
    def import_tables(
        self,
        *,
        at: _TimeLike,
        by: Optional[str] = None,
        reason: Optional[str] = None,
        delete_missing: bool = False,
        dry_run: bool = False,
        **tables: Optional[_Table],
    ) -> dict[str, list[dict[str, Any]]]:
        """Lays tables (by name, as :func:`from_tables` takes them) over this graph.

        Each row updates what its key names (``id``; ``child`` and ``parent`` for links;
        ``key_result`` and ``at`` for check-ins): objectives, key results and links as
        revisions at ``at`` by ``by`` for ``reason``; owners, cycles, KPIs and the rest as
        they are. A column the tables lack keeps the graph's value; an empty cell empties
        it. New rows are created. What the tables do not name stays, unless
        ``delete_missing`` (then only in the tables given; check-ins are never deleted).
        ``extra``, history and workflow are kept.

        Parameters
        ----------
        at
            When the changes take effect: a date (00:00 UTC of that day, as for every
            change) or an aware datetime.
        by, reason
            Recorded with each revision.
        delete_missing
            Delete what the given tables do not name.
        dry_run
            Report only; the graph does not change.

        Returns
        -------
        dict
            ``created``, ``updated`` and ``deleted``: lists of ``{"table", "key",
            "fields"}`` (``fields``: for an update, the fields that change).

        Raises
        ------
        TableError
            Every problem of the rows and of the result, each with its table and row.
        OkrError
            The change that fails (``InvalidRevisionError`` for ``at`` before the latest
            revision); the graph is then unchanged.
        """
    def add_owner(
        self,
        id: str,
        name: str = "",
        kind: str = "",
        parent: Optional[str] = None,
        extra: Optional[Mapping[str, Any]] = None,
        *,
        cadence: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Adds an owner (``kind``: organisation, department, team, person, ...).
        ``cadence``: the check-in cadence of the objectives it owns, inherited by the owners
        below it (``{"every": "week", "grace_days": 2}``, ``{"every_days": 10}``,
        ``{"every": "month"}``; a bad one raises :class:`InvalidValueError`)."""
    def remove_owner(self, id: str) -> None:
        """Removes an owner nothing refers to (:class:`InUseError` otherwise)."""
    def add_cycle(
        self,
        id: str,
        start: _DateLike,
        end: _DateLike,
        name: Optional[str] = None,
        parent: Optional[str] = None,
        extra: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Adds a cycle from ``start`` to ``end`` inclusive, inside its parent if any."""
    def remove_cycle(self, id: str) -> None:
        """Removes a cycle nothing refers to."""
    def add_objective(
        self,
        id: str,
        title: str,
        owner: str,
        cycle: str,
        description: str = "",
        state: Optional[str] = None,
        type: Optional[str] = None,
        rollup: Optional[str] = None,
        extra: Optional[Mapping[str, Any]] = None,
        *,
        override: Optional[Mapping[str, float]] = None,
        cadence: Optional[Mapping[str, Any]] = None,
        status_rule: Optional[Literal["weighted_mean", "worst"]] = None,
        visibility: Optional[Literal["public", "owner_line", "private"]] = None,
        viewers: Optional[Sequence[str]] = None,
        at: Optional[_ChangeTime] = None,
        by: Optional[str] = None,
        reason: Optional[str] = None,
    ) -> None:
        """Adds an objective. ``visibility``: who may see it and everything under it,
        ``public`` (the default), ``owner_line`` (its owner and the owners above it) or
        ``private`` (its owner); ``viewers`` (owner or group ids) may see it too. ``status_rule``: how its status is decided, ``weighted_mean``
        (the default: from its progress against the pace) or ``worst`` (the worst status among
        the key results and child objectives that count in it). ``cadence``: the check-in cadence of its key results, inherited
        by the objectives aligned below it (``{"every": "week", "grace_days": 2}``,
        ``{"every_days": 10}``, ``{"every": "month"}``; every N days from 1 to 366, a grace
        shorter than the interval, else :class:`InvalidValueError`). ``state``: draft, active (the default), closed, abandoned;
        ``type``: committed (the default), aspirational; ``rollup``: key_results, children,
        both (the default). None takes okr-core's default. ``override``: an attainment set by
        hand, ``{"attainment": 0.8}`` (finite, in [0, 1.5], else :class:`InvalidValueError`),
        reported instead of the computed one (``source`` ``manual``) and rolled up. With ``at`` (or a clock, see
        :meth:`set_clock`) it exists from then on, recorded as a revision by ``by`` for
        ``reason``; without either it exists from the beginning (no revision: ``by`` and
        ``reason`` are not recorded). Its id must never have been used, even by a removed
        entity (:class:`DuplicateIdError`)."""
    def update_objective(
        self,
        obj_id: str,
        *,
        at: Optional[_ChangeTime] = None,
        by: Optional[str] = None,
        reason: Optional[str] = None,
        title: Optional[str] = None,
        owner: Optional[str] = None,
        cycle: Optional[str] = None,
        description: Optional[str] = None,
        state: Optional[str] = None,
        type: Optional[str] = None,
        rollup: Optional[str] = None,
        override: Optional[Mapping[str, float]] = ...,
        cadence: Optional[Mapping[str, Any]] = ...,
        visibility: Optional[Literal["public", "owner_line", "private"]] = None,
        viewers: Optional[Sequence[str]] = None,
        extra: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Changes the fields given and only those (okr-core's ``ObjectivePatch``): a field not
        given, or None, stays, except ``override``, which None clears (the figures are computed
        again), and ``cadence``, which None clears (inherited again); links and key results stay. An unknown field raises
        :class:`InvalidValueError`, an unknown owner or cycle :class:`UnknownIdError`; on an
        error nothing changes.

        The change is a revision taking effect at ``at``, by ``by``, for ``reason``
        (okr-core's ``revise_objective``). ``at=None`` takes the graph's clock
        (:meth:`set_clock`), with ``by`` / ``reason`` given here in place of the clock's;
        with neither ``at`` nor a clock it raises :class:`MissingTimeError`. A time before the
        latest revision recorded raises :class:`InvalidRevisionError`."""
    def remove_objective(
        self,
        id: str,
        *,
        at: Optional[_ChangeTime] = None,
        by: Optional[str] = None,
        reason: Optional[str] = None,
    ) -> None:
        """Removes an objective with its key results and links from ``at`` on (``at=None``:
        the clock's time; neither: :class:`MissingTimeError`). Its history stays (it is there
        in a rollup as of an earlier time) and its id is never used again."""
    def link(
        self,
        child: str,
        parent: str,
        weight: Optional[float] = None,
        kind: Optional[Literal["contributes", "supports"]] = None,
        *,
        at: Optional[_ChangeTime] = None,
        by: Optional[str] = None,
        reason: Optional[str] = None,
    ) -> None:
        """Aligns ``child`` under ``parent`` with ``weight`` (None: okr-core's default, 1) and
        ``kind`` (None: ``contributes``, counted; ``supports``: shown, never counted);
        :class:`CycleError` names the whole cycle (over links of both kinds). From ``at`` (or
        the clock's time) on, else from the beginning."""
    def set_link_kind(
        self,
        child: str,
        parent: str,
        kind: Literal["contributes", "supports"],
        *,
        at: Optional[_ChangeTime] = None,
        by: Optional[str] = None,
        reason: Optional[str] = None,
    ) -> None:
        """Changes the kind of an existing link from ``at`` (or the clock's time) on, as a
        revision; neither: :class:`MissingTimeError`. :class:`LinkError` when there is no
        such link, :class:`InvalidValueError` for another kind."""
    def link_kind(self, child: str, parent: str) -> Optional[Literal["contributes", "supports"]]:
        """The kind of the link ``child -> parent``; None when there is none."""
    def parent_links(self, objective: str) -> list[dict[str, Any]]:
        """The links up from ``objective`` in link order: dicts with ``id`` (the parent),
        ``weight`` and ``kind``."""
    def child_links(self, objective: str) -> list[dict[str, Any]]:
        """The links down from ``objective`` in link order: dicts with ``id`` (the child),
        ``weight`` and ``kind``."""
    def add_dependency(
        self,
        blocker: str,
        blocked: str,
        start_by: Optional[_DateLike] = None,
        note: Optional[str] = None,
    ) -> None:
        """``blocker`` blocks ``blocked`` (objectives or key results, any owners and cycles);
        ``start_by``: the day by which the blocker must have started. Never counted in any
        figure. :class:`UnknownIdError`, :class:`DependencyCycleError` (the path in ``ids``),
        :class:`DependencyError` (the same dependency twice)."""
    def remove_dependency(self, blocker: str, blocked: str) -> None:
        """Removes a dependency (:class:`DependencyError` when there is none)."""
    def dependencies(self) -> list[dict[str, Any]]:
        """Every dependency in the order added: ``blocker``, ``blocked``, ``start_by``
        (``YYYY-MM-DD`` or None), ``note``."""
    def dependencies_of(self, id: str) -> dict[str, list[dict[str, Any]]]:
        """``{"blocked_by": [...], "blocks": [...]}``: the dependencies naming ``id``."""
    def dependency_status(self, as_of: _TimeLike) -> list[dict[str, Any]]:
        """Every dependency with ``blocks_now`` (bool) and ``reason`` (``off_track`` or
        ``not_started``, absent when it does not block) at ``as_of``."""
    def unlink(
        self,
        child: str,
        parent: str,
        *,
        at: Optional[_ChangeTime] = None,
        by: Optional[str] = None,
        reason: Optional[str] = None,
    ) -> None:
        """Removes a link (:class:`LinkError` when there is none) from ``at`` (or the clock's
        time) on; neither: :class:`MissingTimeError`."""
    def set_link_weight(
        self,
        child: str,
        parent: str,
        weight: float,
        *,
        at: Optional[_ChangeTime] = None,
        by: Optional[str] = None,
        reason: Optional[str] = None,
    ) -> None:
        """Changes the weight of an existing link from ``at`` (or the clock's time) on;
        neither: :class:`MissingTimeError`."""
    def add_key_result(
        self,
        id: str,
        title: str,
        objective: str,
        measure: Mapping[str, Any],
        weight: Optional[float] = None,
        owner: Optional[str] = None,
        due: Optional[_DateLike] = None,
        extra: Optional[Mapping[str, Any]] = None,
        *,
        plan: Optional[Sequence[Mapping[str, Any]]] = None,
        override: Optional[Mapping[str, float]] = None,
        parent: Union[str, Mapping[str, Any], None] = None,
        kpi: Optional[str] = None,
        initiatives_weight: Optional[float] = None,
        at: Optional[_ChangeTime] = None,
        by: Optional[str] = None,
        reason: Optional[str] = None,
    ) -> None:
        """Adds a key result; ``measure`` is the document's measure dict, e.g.
        ``{"kind": "numeric", "start": 0, "target": 500, "unit": "customers"}``, or an aggregate
        ``{"kind": "aggregate", "function": "sum", "start": 0, "target": 60, "unit": "clinics"}``
        whose value is computed from the key results under it (``sum``, ``mean``, ``min``,
        ``max``, ``count_done``). ``parent``: the aggregate this key result's value counts in,
        its id or ``{"id": ..., "factor": 1000}`` (a factor converts its unit to the
        aggregate's; different units without one raise :class:`UnitMismatchError`); ``weight``
        None takes okr-core's default, 1. ``initiatives_weight`` w: how much its initiatives
        count in its progress, which becomes ``(p + w q) / (1 + w)`` with ``q`` their mean share
        done (None or 0: they are excluded from progress; finite, >= 0). ``plan`` (numeric key results only): planned values,
        ``[{"date": "2026-10-31", "value": 100}, ...]`` (dates ``YYYY-MM-DD`` or
        ``datetime.date``, strictly increasing, inside the period; values between start and
        target): the expected pace follows them instead of the straight line. ``override``: an
        attainment set by hand, ``{"attainment": 0.8}`` (finite, in [0, 1.5]). A bad one raises
        :class:`InvalidValueError`. ``at``, ``by``, ``reason``: as for
        :meth:`add_objective`."""
    def update_key_result(
        self,
        kr_id: str,
        *,
        at: Optional[_ChangeTime] = None,
        by: Optional[str] = None,
        reason: Optional[str] = None,
        title: Optional[str] = ...,
        objective: Optional[str] = ...,
        measure: Optional[Mapping[str, Any]] = ...,
        weight: Optional[float] = ...,
        owner: Optional[str] = ...,
        due: Optional[_DateLike] = ...,
        parent: Optional[Mapping[str, Any]] = ...,
        initiatives_weight: Optional[float] = ...,
        plan: Optional[Sequence[Mapping[str, Any]]] = ...,
        override: Optional[Mapping[str, float]] = ...,
        extra: Optional[Mapping[str, Any]] = ...,
    ) -> None:
        """Changes the fields given and only those (okr-core's ``KeyResultPatch``); check-ins
        stay and must fit a new ``measure``; ``objective`` moves it. A field not given stays;
        None keeps a field too, except ``owner`` and ``due``, which it empties, and
        ``parent``, ``initiatives_weight`` and ``override``, which it clears. ``plan`` replaces the plan as a whole (``[]``: none, the
        linear pace); ``override`` is ``{"attainment": x}``, x finite in [0, 1.5]. An unknown field
        raises :class:`InvalidValueError`; on an error nothing changes.

        The change is a revision taking effect at ``at``, by ``by``, for ``reason``
        (okr-core's ``revise_key_result``): a rollup as of an earlier time still sees the old
        fields, and the check-ins from ``at`` on must fit a new measure. ``at=None`` takes the
        graph's clock (:meth:`set_clock`), with ``by`` / ``reason`` given here in place of the
        clock's; with neither it raises :class:`MissingTimeError`. A time before the latest
        revision recorded raises :class:`InvalidRevisionError`."""
    def remove_key_result(
        self,
        id: str,
        *,
        at: Optional[_ChangeTime] = None,
        by: Optional[str] = None,
        reason: Optional[str] = None,
    ) -> None:
        """Removes a key result from ``at`` on (``at=None``: the clock's time; neither:
        :class:`MissingTimeError`); its history and check-ins stay for earlier times and its id
        is never used again."""
    def set_clock(
        self,
        at: Optional[_ChangeTime] = None,
        by: Optional[str] = None,
        reason: Optional[str] = None,
    ) -> None:
        """Sets the time, author and reason of the changes made without their own ``at``
        (okr-core's ``set_clock``: the library never reads the wall clock; set it per request,
        "now, by this user"). With a clock, additions exist from its time too. A change given its
        own ``at`` does not use the clock at all (nor its ``by`` and ``reason``).
        ``set_clock()`` removes it; ``by`` or ``reason`` without ``at`` raises ``TypeError``."""
    def clock(self) -> Optional[dict[str, Any]]:
        """The clock: ``{"at": datetime (UTC), "by": str | None, "reason": str | None}``, or
        None."""
    def revision_count(self) -> int:
        """Number of revisions recorded."""
    def latest_revision(self) -> Optional[datetime.datetime]:
        """The time of the latest revision (an aware ``datetime``, UTC), or None."""
    def log(
        self, id: Optional[str] = None, since: Optional[_ChangeTime] = None
    ) -> list[dict[str, Any]]:
        """The audit trail (okr-core's ``log``), newest first: one dict per changed field with
        ``at`` (an aware ``datetime``, UTC, as :meth:`check_ins` gives times), ``by``,
        ``entity`` (an id, or ``"child -> parent"`` for a link), ``kind`` (``"objective"``,
        ``"key_result"``, ``"link"``), ``field`` (a field name; a measure's parts by their own
        names, ``target``...; ``exists`` for an addition or removal; ``weight`` for a link),
        ``from``, ``to`` (Python values of the document's JSON) and ``reason``. ``id``: only
        the revisions about that objective or key result (an objective's links too);
        ``since``: only those taking effect at or after it."""
    def set_review_policy(
        self, *, allow_self_approval: bool = False, reviewers: Optional[Sequence[str]] = None
    ) -> None:
        """Who may decide on proposals and acknowledge check-ins besides the owners above the
        owner: named ``reviewers``, and the proposer when ``allow_self_approval``."""
    def review_policy(self) -> dict[str, Any]:
        """``{"allow_self_approval": bool, "reviewers": [...]}``."""
    def propose(self, proposal: Mapping[str, Any]) -> None:
        """Records a proposal given as in a document's ``proposals`` (``id``, ``by``, ``at``,
        ``note``, ``reviewers``, and one of ``new_objective``, ``new_key_result`` with
        ``under``, ``objective`` / ``key_result`` with ``set``); it counts in no rollup
        until approved."""
    def approve(
        self, id: str, *, by: str, at: _ChangeTime, comment: Optional[str] = None
    ) -> None:
        """Approves a proposal: the change is made as a revision at ``at`` by ``by`` with
        ``comment`` as its reason. :class:`ForbiddenError` when the review policy does not let
        ``by`` decide; :class:`AlreadyDecidedError` when decided before."""
    def reject(
        self, id: str, *, by: str, at: _ChangeTime, comment: Optional[str] = None
    ) -> None:
        """Rejects a proposal; errors as :meth:`approve`."""
    def can_decide(self, id: str, actor: str) -> bool:
        """Whether ``actor`` may decide on proposal ``id``."""
    def proposals(self) -> list[dict[str, Any]]:
        """The proposals in time order, in the document's form with ``state``, ``kind`` and
        ``entity`` added; times as aware datetimes (UTC)."""
    def proposal(self, id: str) -> Optional[dict[str, Any]]:
        """One proposal as in :meth:`proposals`, or None."""
    def add_comment(self, comment: Mapping[str, Any]) -> None:
        """Adds a comment given as in a document's ``comments`` (``id``, ``by``, ``at``,
        ``text``, on ``objective``, ``key_result`` or ``key_result`` and ``check_in``,
        optional ``reply_to``)."""
    def comments(self, id: Optional[str] = None) -> list[dict[str, Any]]:
        """The comments in time order; with ``id``, those about that objective or key result
        and its check-ins."""
    def acknowledge(
        self,
        key_result: str,
        check_in: _ChangeTime,
        *,
        by: str,
        at: _ChangeTime,
        comment: Optional[str] = None,
    ) -> None:
        """Records that reviewer ``by`` has seen the check-in of ``key_result`` at
        ``check_in``. :class:`ForbiddenError` for its author or someone not above its owner;
        :class:`AlreadyDecidedError` the second time."""
    def acknowledgements(self, key_result: Optional[str] = None) -> list[dict[str, Any]]:
        """The acknowledgements in time order (``key_result``, ``check_in``, ``by``, ``at``,
        ``comment``)."""
    def close_cycle(
        self,
        cycle: str,
        *,
        to: Optional[str] = None,
        at: _ChangeTime,
        by: Optional[str] = None,
        decisions: Optional[Mapping[str, Any]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Closes a cycle: scores frozen, key results closed or carried into ``to`` (copies
        ``{id}-{to}`` from their last value), reflections kept; ``dry_run`` changes nothing.
        Returns the report (the record and ``closed_key_results``)."""
    def closed_cycle(self, cycle: str) -> Optional[dict[str, Any]]:
        """The record of a closed cycle, or None."""
    def check_in(
        self,
        kr_id: str,
        value: Union[float, bool, Sequence[str], None] = None,
        *,
        at: _TimeLike,
        done: Optional[bool] = None,
        milestones_done: Optional[Sequence[str]] = None,
        confidence: Optional[float] = None,
        note: Optional[str] = None,
        author: Optional[str] = None,
        extra: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Records a check-in at ``at`` (a date means 00:00 UTC; a time needs a zone). Give ``value`` (a bool
        for a boolean key result or a list of milestone names also work), or ``done``, or
        ``milestones_done``."""
    def check_in_many(self, rows: Iterable[Union[tuple[str, Any, _TimeLike], Mapping[str, Any]]]) -> int:
        """Records many check-ins atomically (all or none); returns how many. Rows are
        ``(kr_id, value, at)`` tuples or dicts with ``kr_id``, ``at`` and the keyword arguments
        of :meth:`check_in`."""
    def check_in_from_pandas(
        self,
        df: _Table,
        kr: str = "kr_id",
        value: str = "value",
        at: str = "at",
        *,
        done: str = "done",
        milestones_done: str = "milestones_done",
        confidence: str = "confidence",
        note: str = "note",
        author: str = "author",
    ) -> int:
        """Records one check-in per row of a frame, all or none; returns how many.

        Parameters
        ----------
        df
            A pandas or polars DataFrame, a pyarrow Table, or a dict of columns.
        kr, value, at
            The columns of key result ids, values and times (dates, zoned timestamps or
            RFC 3339 text; a time without a zone is refused).
        done, milestones_done, confidence, note, author
            Optional columns, used when the frame has them; other columns are ignored.

        Raises
        ------
        TableError
            Every bad row at once, each problem with its ``row`` (from 1), ``column`` (as the
            frame names it) and ``ids`` (the key result): an unknown key result, a value or
            time that does not read, a key result and time given twice or recorded already.
        OkrError
            As :meth:`check_in_many` (a value that does not fit its measure, a limit).
        """
    def check_ins(self, kr_id: str) -> list[CheckInDict]:
        """The check-ins of a key result, oldest first.

        Parameters
        ----------
        kr_id : str
            The key result.

        Returns
        -------
        list of CheckInDict
            ``kr_id``, ``at`` (aware UTC datetime), exactly one of ``value``, ``done`` and
            ``milestones_done`` (by the measure), ``confidence``, ``note``, ``author`` (None
            where not given) and ``extra`` (only when set). Empty for an unknown id.
        """
    def check_ins_columns(self) -> dict[str, list[Any]]:
        """Every check-in as columns: kr_id, objective, at, value, done, milestones_done,
        confidence, note, author."""
    def check_ins_table(self) -> Table:
        """Every check-in as a :class:`Table`, key results in insertion order, each one's
        check-ins oldest first.

        Columns
        -------
        kr_id, objective : large_string
        at : timestamp[us, UTC]
        value : float64, null for boolean and milestone key results
        done : bool, null but for boolean key results (pandas: ``boolean``)
        milestones_done : large_list<large_string>, null but for milestone key results
        confidence : float64, null where not given
        note, author : large_string, null where not given
        """
    def check_ins_frame(self) -> Any:
        """``check_ins_table().to_pandas()`` (``ImportError`` without pandas or pyarrow)."""
    def owners(self) -> list[OwnerDict]:
        """All owners, in insertion order.

        Returns
        -------
        list of OwnerDict
            ``id``, ``name``, ``kind``; ``parent``, ``cadence`` and ``extra`` only when set.
        """
    def owner(self, id: str) -> Optional[OwnerDict]:
        """The owner with this id.

        Parameters
        ----------
        id : str
            The owner's id.

        Returns
        -------
        OwnerDict or None
            As :meth:`owners`; None for an unknown id.
        """
    def cycles(self) -> list[CycleDict]:
        """All cycles, in insertion order.

        Returns
        -------
        list of CycleDict
            ``id``, ``name``, ``start`` and ``end`` (ISO dates); ``parent`` and ``extra`` only
            when set.
        """
    def objectives(self) -> list[ObjectiveDict]:
        """All objectives, in insertion order.

        Returns
        -------
        list of ObjectiveDict
            ``id``, ``title``, ``owner``, ``cycle``, ``state``, ``type``, ``rollup``;
            ``description``, ``status_rule``, ``override``, ``cadence``, ``visibility``,
            ``viewers`` and ``extra`` only when set (as in documents).
        """
    def objective(self, id: str) -> Optional[ObjectiveDict]:
        """The objective with this id.

        Parameters
        ----------
        id : str
            The objective's id.

        Returns
        -------
        ObjectiveDict or None
            As :meth:`objectives`; None for an unknown id.
        """
    def key_results(self) -> list[KeyResultDict]:
        """All key results, in insertion order.

        Returns
        -------
        list of KeyResultDict
            ``id``, ``title``, ``objective``, ``weight``, ``measure`` (``kind`` and its
            fields); ``owner``, ``due``, ``parent``, ``kpi``, ``initiatives_weight``,
            ``plan``, ``override`` and ``extra`` only when set (as in documents).
        """
    def key_result(self, id: str) -> Optional[KeyResultDict]:
        """The key result with this id.

        Parameters
        ----------
        id : str
            The key result's id.

        Returns
        -------
        KeyResultDict or None
            As :meth:`key_results`; None for an unknown id.
        """
    def key_results_of(self, objective: str) -> list[KeyResultDict]:
        """The key results of an objective.

        Parameters
        ----------
        objective : str
            The objective's id.

        Returns
        -------
        list of KeyResultDict
            As :meth:`key_results`; empty for an unknown id.
        """
    def key_results_under(self, id: str) -> list[KeyResultDict]:
        """The key results under the aggregate key result ``id`` (those whose ``parent`` names
        it); empty for any other id."""
    def parents_of(self, objective: str) -> list[tuple[str, float]]:
        """(parent id, link weight) in link order."""
    def children_of(self, objective: str) -> list[tuple[str, float]]:
        """(child id, link weight) in link order."""
    def roots(self) -> list[str]:
        """Ids of the objectives aligned under nothing."""
    def rollup(
        self,
        as_of: _TimeLike,
        on_track_margin: Optional[float] = None,
        at_risk_margin: Optional[float] = None,
        stale_days: Optional[int] = None,
    ) -> RollupResult:
        """Rolls the graph up at ``as_of`` (a date means the end of that day, UTC; a time needs
        a zone). The margins and ``stale_days`` default to okr-core's ``RollupConfig``
        (0.10, 0.25, 14); a bad one raises :class:`ConfigError`. Releases the GIL while
        computing."""
    def report(
        self,
        as_of: _TimeLike,
        on_track_margin: Optional[float] = None,
        at_risk_margin: Optional[float] = None,
        stale_days: Optional[int] = None,
    ) -> str:
        """The text report, as ``okr report``."""
    def report_json(
        self,
        as_of: _TimeLike,
        on_track_margin: Optional[float] = None,
        at_risk_margin: Optional[float] = None,
        stale_days: Optional[int] = None,
    ) -> str:
        """The report as JSON text, as ``okr report --format json``."""
    def lint(self, **config: Any) -> list[DiagnosticDict]:
        """Lints the whole graph (structure rules and every title) with okr-core's graph
        linter. Keyword arguments are the lint configuration (select, ignore, severity,
        thresholds, today, fiscal_year_start_month); :class:`ConfigError` for an unknown one.
        Returns diagnostics as dicts: code, severity, message, entity, span, help."""
    def draft_key_result(
        self,
        objective: str,
        template: str,
        *,
        target: Optional[float] = None,
        baseline: Optional[float] = None,
        as_of: Optional[_DateLike] = None,
    ) -> dict[str, Any]:
        """Drafts catalog ``template`` into a SMART key result for ``objective``: the deadline
        is the end of the objective's cycle; unless ``baseline`` is given, the baseline is the
        current value (latest check-in on or before ``as_of``, else the start value) of a key
        result on the same metric, in the template's unit (or none declared), in the objective
        or an ancestor. Returns okr-core's Draft:
        template_id, text, metric, unit, direction, cadence, baseline, baseline_source, target,
        target_defaulted, deadline, notes. :class:`UnknownIdError` for an unknown objective,
        :class:`InvalidValueError` for an unknown template."""
    def explain_progress(
        self,
        id: str,
        as_of: _TimeLike,
        on_track_margin: Optional[float] = None,
        at_risk_margin: Optional[float] = None,
        stale_days: Optional[int] = None,
    ) -> dict[str, Any]:
        """Why a node is at its number: figures (as :meth:`NodeResult.to_dict`, with
        ``planned_value`` only for a key result with a plan), every contribution (weight,
        share, points, ``source``), ``expectation`` (which expectation the expected progress
        comes from, in words: the linear pace, or the plan and its points), ``manual`` (with an
        override: who set it by hand, when and why, and the computed figure; else None),
        ``blockers`` (only when something blocks it: id, kind, title, reason, start_by, status,
        progress, expected, note, why) and a one-paragraph ``summary`` (ending with what blocks
        it and why)."""
    def coverage(
        self, cycle: Optional[str] = None, person_kinds: Optional[list[str]] = None
    ) -> dict[str, Any]:
        """Share of objectives and of people (owners of a person kind, default ``person``)
        tracing to each top-level objective, and the people with no aligned objective.
        :class:`UnknownIdError` for an unknown cycle."""
    def contributions(self, id: str, as_of: _TimeLike, top: Optional[int] = None) -> dict[str, Any]:
        """Each key result's exact share of objective ``id``'s progress (``key_results``:
        key_result, objective, share, progress, contribution, headroom; shares add up to 1)
        and ``top_movers``: the ``top`` key results (None: okr-core's default, 5) that would
        raise it most per point of progress. Uses okr-core's default rollup configuration."""
    def what_if(self, values: Mapping[str, Any], as_of: _TimeLike) -> RollupResult:
        """The rollup as if each ``{kr_id: value}`` had been checked in at ``as_of``; the
        graph is not changed. Values: numbers, bools or lists of milestone names. Uses okr-core's
        default rollup configuration (no margins argument, unlike :meth:`rollup`)."""
    def what_if_diff(self, values: Mapping[str, Any], as_of: _TimeLike) -> list[dict[str, Any]]:
        """What the hypothetical check-ins of :meth:`what_if` would change at ``as_of``: one dict
        per node whose progress or status changes (id, kind, progress_before, progress_after,
        status_before, status_after), objectives first: okr-core's ``RollupDiff``, the list
        ``okr what-if --format json`` prints and JavaScript's ``whatIfDiff`` returns (camelCase
        there). The graph is not changed."""
    def forecast(self, as_of: _TimeLike) -> dict[str, Any]:
        """Least-squares projection of every key result to the end of its period (value, band,
        projected progress), ``skipped`` key results with the reason, and ``objectives`` with
        the rolled-up projections. Uses okr-core's default rollup configuration."""
    def scores(
        self,
        today: _DateLike,
        aspirational_success: Optional[float] = None,
        committed_success: Optional[float] = None,
        partial: Optional[float] = None,
    ) -> dict[str, Any]:
        """End-of-cycle scores and grades (success, partial, miss, unscored) of every objective
        and key result; ``final`` is false while a period is still running; ``target`` (numeric
        and threshold key results only) is the target in force at the scored moment. The bands default
        to okr-core's ``GradeBands`` (0.7, 1.0, 0.4)."""
    def scorecards(self, today: _DateLike, **options: Any) -> list[ScorecardDict]:
        """Per-owner scorecards for performance conversations (not for pay): attainment,
        aligned share, check-in discipline, stretch, calibration and sandbagging signals
        (``target_already_reached``, ``consistent_overachievement``, ``target_lowered``;
        ``target_raised`` is noted, never raised), nine in all, each with its explanation. Options (okr-core's ``ScorecardOptions``; :class:`ConfigError` for
        a bad one): cadence_days (every key result's interval in days, overriding the cadences
        set on objectives and owners; None: each key result's cadence, else 7 days), bands, low_stretch, high_attainment, and owners: only these
        owners' scorecards, in owner order (each must exist, else :class:`UnknownIdError`;
        empty: every owner)."""
    def add_kpi(
        self,
        id: str,
        name: str,
        health: Mapping[str, Any],
        *,
        unit: str = "",
        owner: Optional[str] = None,
        targets: Optional[Sequence[Mapping[str, Any]]] = None,
        values: Optional[Sequence[Mapping[str, Any]]] = None,
        extra: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Adds a KPI, a health metric kept apart from the objectives: ``health`` is
        ``{"kind": "increase"}``, ``{"kind": "decrease"}``, ``{"kind": "at_or_above",
        "value": 95}``, ``{"kind": "at_or_below", "value": 2}`` or ``{"kind": "between",
        "min": 30, "max": 60}``; ``targets`` monthly targets ``[{"month": "2026-11", "value":
        92}]`` (months unique and increasing; none for a band); ``values`` ``[{"at", "value",
        "note"}]``. Its id shares the space of objective and key result ids. A bad one raises
        :class:`InvalidValueError` naming the part."""
    def update_kpi(
        self,
        id: str,
        name: str,
        health: Mapping[str, Any],
        *,
        unit: str = "",
        owner: Optional[str] = None,
        targets: Optional[Sequence[Mapping[str, Any]]] = None,
        values: Optional[Sequence[Mapping[str, Any]]] = None,
        extra: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Replaces KPI ``id``, its values included; the key results taking their values
        from it get them as their check-ins (:class:`UnitMismatchError` when a unit
        disagrees)."""
    def remove_kpi(self, id: str) -> None:
        """Removes a KPI no key result takes its values from (:class:`InUseError`)."""
    def kpi(self, id: str) -> Optional[dict[str, Any]]:
        """The KPI with this id as a dict (values' ``at`` as aware datetimes), or None."""
    def kpis(self) -> list[dict[str, Any]]:
        """Every KPI as a dict, in insertion order."""
    def record_kpi_value(
        self, kpi_id: str, at: _TimeLike, value: float, note: Optional[str] = None
    ) -> None:
        """Records a value of a KPI (and so a check-in of each key result taking its
        values from it); a value that is not finite raises :class:`InvalidValueError`."""
    def kpi_health(self, as_of: _TimeLike) -> list[dict[str, Any]]:
        """Every KPI's health at ``as_of``, apart from OKR progress: ``id``, ``name``,
        ``owner``, ``unit``, ``kind``, ``value`` (the latest at or before ``as_of``), ``at``
        (an aware datetime), ``previous``, ``trend`` (``"up"``, ``"down"``, ``"flat"``),
        ``target`` (the month's target, else a threshold), ``min`` and ``max`` (a band),
        ``health`` (``"healthy"``, ``"unhealthy"``, ``"no_data"``)."""
    def kpi_health_frame(self, as_of: _TimeLike) -> Any:
        """``kpi_health(as_of)`` as a pandas DataFrame (``ImportError`` without pandas)."""
    def add_group(
        self,
        id: str,
        members: Sequence[str],
        name: str = "",
        extra: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Adds a group of viewers (owner ids): objectives name it among their ``viewers`` to
        let its members see them. Group ids share the space of owner ids
        (:class:`DuplicateIdError`); a member that is not an owner is :class:`UnknownIdError`."""
    def update_group(
        self,
        id: str,
        members: Sequence[str],
        name: str = "",
        extra: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Replaces group ``id`` (its name, members and extra)."""
    def remove_group(self, id: str) -> dict[str, Any]:
        """Removes group ``id`` (:class:`InUseError` while an objective names it); returns it."""
    def group(self, id: str) -> Optional[dict[str, Any]]:
        """The group with this id (``id``, ``name``, ``members``, ``extra``), or None."""
    def groups(self) -> list[dict[str, Any]]:
        """Every group, in insertion order."""
    def can_see(self, viewer: str, id: str) -> bool:
        """Whether owner ``viewer`` may see the objective, key result or initiative ``id``
        (:class:`UnknownIdError` for an unknown viewer or id)."""
    def visible_objectives(self, viewer: str) -> list[str]:
        """The ids of the objectives owner ``viewer`` may see, in insertion order."""
    def view_for(
        self, viewer_id: str, policy: Literal["count_hidden", "exclude_hidden"] = "count_hidden"
    ) -> Graph:
        """A read-only view of this graph for owner ``viewer_id``: a new :class:`Graph` holding
        only what the viewer may see, with one combined entry (id ``<parent>~hidden``, title
        "Hidden objectives", owner ``hidden``) per visible objective in place of its hidden
        inputs. ``policy``: ``"count_hidden"`` (hidden progress still counts: every visible
        figure is the full graph's) or ``"exclude_hidden"`` (it does not; the combined entry is
        a ``supports`` link). Every query works on the view, and one naming a hidden id raises
        what an id that does not exist raises; every change raises :class:`ReadOnlyViewError`.
        Later changes to this graph do not reach the view: take a new one. A view does not
        pickle (``TypeError``). :class:`UnknownIdError` for an unknown viewer,
        :class:`InvalidValueError` for another policy."""
    @property
    def is_view(self) -> bool:
        """Whether this graph is a view (:meth:`view_for`)."""
    @property
    def view_viewer(self) -> Optional[str]:
        """The viewer of this view; None for a graph that is not a view."""
    @property
    def view_policy(self) -> Optional[Literal["count_hidden", "exclude_hidden"]]:
        """The policy of this view; None for a graph that is not a view."""
    def hidden_entry_parent(self, id: str) -> Optional[str]:
        """The visible objective the combined entry ``id`` stands under; None when ``id`` is
        not a combined entry of this view (and on a graph that is not a view)."""
    def add_initiative(
        self,
        id: str,
        key_result: str,
        title: str,
        owner: Optional[str] = None,
        due: Optional[_DateLike] = None,
        updates: Optional[Sequence[Mapping[str, Any]]] = None,
        extra: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Adds an initiative, a work item under key result ``key_result``: ``owner`` (None:
        the key result's), ``due`` a date, ``updates`` ``[{"at": ..., "done": True}]`` or
        ``[{"at": ..., "percent": 40, "note": ...}]`` (exactly one of ``done`` and
        ``percent``, 0 to 100; kept in time order). Its id shares the space of objective, key
        result and KPI ids. It counts in the key result's progress only when the key result
        has an ``initiatives_weight`` above 0. A bad one raises :class:`InvalidValueError`
        naming the part (``updates[1].percent of initiative "x"``)."""
    def update_initiative(
        self,
        id: str,
        key_result: str,
        title: str,
        owner: Optional[str] = None,
        due: Optional[_DateLike] = None,
        updates: Optional[Sequence[Mapping[str, Any]]] = None,
        extra: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Replaces initiative ``id``, its updates included; it may serve another key
        result."""
    def remove_initiative(self, id: str) -> dict[str, Any]:
        """Removes an initiative and returns it as a dict."""
    def initiative(self, id: str) -> Optional[dict[str, Any]]:
        """The initiative with this id as a dict (updates' ``at`` as aware datetimes), or
        None."""
    def initiatives(self) -> list[dict[str, Any]]:
        """Every initiative as a dict, in insertion order."""
    def initiatives_of(self, kr: str) -> list[dict[str, Any]]:
        """The initiatives under key result ``kr`` as dicts, in insertion order."""
    def record_initiative_update(
        self,
        id: str,
        at: _TimeLike,
        *,
        done: Optional[bool] = None,
        percent: Optional[float] = None,
        note: Optional[str] = None,
    ) -> None:
        """Records an update of an initiative from ``at`` on: ``done`` or ``percent`` (0 to
        100), exactly one (else :class:`InvalidValueError`). A kept rollup is brought up to
        date with :meth:`RollupResult.refresh` on the initiative's key result."""
    def initiative_status(self, as_of: _TimeLike) -> list[dict[str, Any]]:
        """Every initiative's state at ``as_of`` (as ``okr initiatives --format json``):
        ``id``, ``key_result``, ``title``, ``owner``, ``due``, ``share`` (done, 0 to 1: its
        latest update at or before ``as_of``, 0 before any), ``done``, ``overdue`` (not done
        after its due day) and ``updated`` (the time of the update in force, an aware
        datetime, or None)."""
    def initiative_summary(self, kr: str, as_of: _TimeLike) -> Optional[dict[str, Any]]:
        """Key result ``kr``'s initiatives at ``as_of``, counted: ``count``, ``done``,
        ``overdue``, ``share`` (their mean share done) and ``weight`` (its initiatives weight
        when above 0, else None: not counted); None when it has none."""
    def due(self, as_of: _TimeLike) -> list[dict[str, Any]]:
        """The key results that owe a check-in at ``as_of`` on their cadence, by owner:
        ``key_result``, ``objective``, ``owner`` (the key result's own, else its objective's),
        ``cadence`` (a dict), ``state`` (``"due"``: the current interval has none yet;
        ``"late"``: the previous one has none and its grace runs; ``"missed"``: a grace
        passed without one), ``due_since`` (an aware ``datetime`` in UTC: the current
        interval's start when due, else the first unmet deadline since the last check-in),
        ``last_check_in`` (aware ``datetime`` or None) and ``missed_intervals``."""
    def cadences(self) -> dict[str, dict[str, Any]]:
        """The effective check-in cadence of every key result that has one, by key result id:
        its objective's, else the nearest aligned ancestor's (the most frequent among equally
        near ones), else its objective owner's or the nearest owner's above it."""
    def diff(self, start: _TimeLike, end: _TimeLike) -> dict[str, Any]:
        """What moved and what changed status between two moments (``changes``), and the
        changes to the goals that took effect after ``start`` and up to ``end``
        (``revisions``, oldest first, dicts as :meth:`log` gives them: ``at`` an aware
        ``datetime``). Uses okr-core's default rollup configuration."""
    def render_graph(self, format: str, as_of: _TimeLike) -> str:
        """The alignment graph as ``"dot"``, ``"mermaid"`` or ``"svg"`` text, coloured by
        status (okr-core's default rollup configuration), link weights on the edges."""
    def series(
        self, from_: _DateLike, to: _DateLike, ids: Optional[Sequence[str]] = None
    ) -> Series:
        """Every node's (or ``ids``') value, progress, attainment, expected progress, planned
        value and status at each date from ``from_`` to ``to`` (both included, each the end of
        that day, UTC): what ``rollup(date)`` gives at each date, on the model as it stood
        then. :class:`InvalidValueError` for a backwards range or one over 3,660 days,
        :class:`UnknownIdError` for an id that exists at no date of the range."""
    def history(
        self,
        start: _TimeLike,
        end: _TimeLike,
        freq: Optional[str] = None,
        ids: Optional[Sequence[str]] = None,
    ) -> Series:
        """Every node's (or ``ids``') progress, attainment, expected progress, planned value,
        status and value at ``start``, then every ``freq`` after it while before ``end``,
        then ``end`` (one rollup per point). ``freq``: ``"D"``, ``"W"``, ``"M"``, ``"Q"`` or
        ``"day"``, ``"week"``, ``"month"``, ``"quarter"`` (None: weekly). A date or
        ``"YYYY-MM-DD"`` is the end of that day (UTC), an aware ``datetime`` or pandas
        ``Timestamp`` that instant; a time without a zone raises
        :class:`InvalidValueError`, as do a backwards range, one over 3,660 days and an
        unknown ``freq``."""
    def chart(
        self,
        id: str,
        from_: Optional[_DateLike] = None,
        to: Optional[_DateLike] = None,
    ) -> Chart:
        """The burn-up chart of objective or key result ``id`` (SVG, shown inline in
        Jupyter): a key result's value against the expected or planned line with its
        check-ins as dots, an objective's progress against the expected pace; ``from_`` and
        ``to`` default to the node's period."""
    def appraisal(self, owner: str, cycle: str, as_of: _DateLike) -> dict[str, Any]:
        """One person's cycle for a performance conversation (OKR attainment is one input to
        it, not a rating: ``statement``): objectives and key results with the score and its
        ``basis`` (``"frozen"``, ``"final"``, ``"provisional"``), check-in discipline,
        feedback, target revisions (``at`` an aware ``datetime``, as ``log()`` gives them),
        calibration and the sandbagging signals. :class:`UnknownIdError` for an unknown owner
        or cycle."""
    def appraisal_html(self, owner: str, cycle: str, as_of: _DateLike) -> AppraisalPage:
        """The appraisal as one self-contained printable HTML page (no script, no external
        resource; a burn-up chart per key result), shown inline in Jupyter, with its text."""

class _Readable(Protocol):
    def read(self, n: int, /) -> Union[bytes, bytearray, str]: ...

def load(
    source: Union[str, os.PathLike[str], _Readable], *, limits: Optional[Limits] = None
) -> Graph:
    """Reads a document from a path (a file, a pipe, a device) or a file object (binary or
    text: anything with ``read(n)``), in bounded chunks: more than the document size limit
    raises :class:`LimitExceededError` as soon as it is read, whatever the source. The
    document is JSON text or a binary snapshot (:meth:`Graph.to_snapshot`, told by its first
    bytes). A leading byte order mark is skipped; bytes that are not UTF-8 raise
    :class:`DocumentError` naming the byte offset, line and column. :class:`DocumentError`
    names the path of a problem; :class:`SnapshotError` says what is wrong with a snapshot.
    ``limits`` (:class:`Limits`, okr-core's defaults when not given) hold the read, and the
    graph afterwards: every change to it is held to the same limits. The same ``limits``
    keyword is taken by :func:`loads`, :func:`from_dict`, :func:`from_snapshot`,
    :func:`from_tables`, :func:`from_csv` and :class:`Graph`."""

def loads(text: Union[str, bytes, bytearray], *, limits: Optional[Limits] = None) -> Graph:
    """Reads document JSON text: ``str``, or ``bytes`` holding UTF-8 (a leading byte order mark
    is skipped; bytes that are not UTF-8 raise :class:`DocumentError` naming the byte offset)
    or a binary snapshot."""

def from_snapshot(data: Union[bytes, bytearray], limits: Optional[Limits] = None) -> Graph:
    """Reads a binary snapshot (:meth:`Graph.to_snapshot`). :class:`SnapshotError` when it is
    cut short, corrupted, of a newer format or not a snapshot; :class:`DocumentError` and
    :class:`LimitExceededError` as for the same document's JSON; ``TypeError`` for anything
    but ``bytes`` and ``bytearray``."""

def from_dict(data: Mapping[str, Any], *, limits: Optional[Limits] = None) -> Graph:
    """Builds a graph from a document dict (as :meth:`Graph.to_dict` returns)."""

def from_tables(
    objectives: Optional[_Table] = None,
    key_results: Optional[_Table] = None,
    links: Optional[_Table] = None,
    check_ins: Optional[_Table] = None,
    owners: Optional[_Table] = None,
    cycles: Optional[_Table] = None,
    *,
    limits: Optional[Limits] = None,
    **more_tables: Optional[_Table],
) -> Graph:
    """Builds a graph from tables, the model spreadsheets, CSV folders and data frames share
    (okr-core's ``tables``): objectives, key_results, links, check_ins, owners, cycles and
    the other tables by keyword (groups, kpis, kpi_values, kpi_targets, ...). Each is a
    dict of column name to values (a list, a numpy array, a Series), a pandas or polars
    DataFrame (pandas' index is not a column), a pyarrow Table or RecordBatch, or anything
    with ``to_pydict()``; None is an absent table. Values: None, bool, int, float (NaN is
    absent), str, ``datetime.date``, a ``datetime.datetime`` or pandas ``Timestamp`` (one
    without a timezone: its day in a date column at midnight, a problem in a time column);
    NaT and pandas' missing values are absent. Column names are the contract,
    their order is free. Ids may be text or integers, flags ``True``/``False`` or 1/0;
    absent owners are made from the ids named.

    Every problem of the tables is reported at once as :class:`TableError` (its
    ``problems``: table, row, column, value, code, message, ids). A value of a type tables do
    not hold (a list, a timedelta, ...) raises :class:`InvalidValueError` naming its table,
    row and column; a keyword that is not a table's name raises
    :class:`InvalidValueError` listing the tables."""

def from_csv(texts: Mapping[str, str], *, limits: Optional[Limits] = None) -> Graph:
    """Builds a graph from CSV texts by table name (``{"objectives": "id,title,owner,..."}``,
    as :meth:`Graph.to_csv` gives them): RFC 4180, a header row of column names; an empty
    cell is an absent value. A text that does not read, a name that is not a table's and
    every problem of the tables are reported at once as :class:`TableError`."""

def check(text: Union[str, bytes, bytearray]) -> list[dict[str, Any]]:
    """Every problem of a document (not just the first), as dicts with path, code, message;
    the text (or snapshot) as :func:`loads` takes it."""

def lint_text(text: str, kind: Optional[str] = None, **config: Any) -> dict[str, Any]:
    """Lints one statement (``kind``: goal (the default), objective, key_result). Keyword
    arguments are the
    lint configuration. Returns okr-core's TextReport: text, kind, specific, measurable,
    time_bound, outcome, target, baseline, deadline, diagnostics."""

def explain_rule(code: str) -> str:
    """The Markdown documentation of a lint rule, by code (``S001``) or name
    (:class:`InvalidValueError` for an unknown rule)."""

def rules() -> list[dict[str, Any]]:
    """Every lint rule: code, name, category, severity, kind."""

def suggest_key_results(
    text: str, function: Optional[str] = None, top: Optional[int] = None
) -> list[dict[str, Any]]:
    """Ranked KPI / key-result suggestions for an objective's text from okr-core's built-in
    catalog, best first, offline and deterministic. Each dict: template_id, metric, definition,
    score, matched (the words of ``text`` that matched), companion_of, direction, unit, cadence,
    pattern, phrasing, functions. ``function`` (sales, marketing, customer_success, support,
    product, engineering, it, hr, finance, operations, production, quality; case, spaces and
    hyphens are normalised) boosts that function's KPIs; :class:`InvalidValueError` for an
    unknown one. ``top`` (None: okr-core's default, 5) caps the count. Both are okr-core's
    ``SuggestOptions``, read by its options reader: a bad one (``top`` 0, negative or not a
    whole number) raises :class:`ConfigError`, as in JavaScript."""

def draft_key_result(
    template: str,
    deadline: _DateLike,
    baseline: Optional[float] = None,
    target: Optional[float] = None,
) -> dict[str, Any]:
    """Fills catalog ``template`` into a SMART key result (okr-core's Draft: text, target,
    target_defaulted, notes, ...). A missing target is chosen from the baseline and the
    metric's direction, or the catalog's typical value. :class:`InvalidValueError` for an
    unknown template."""
