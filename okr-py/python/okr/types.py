"""Typed results of :class:`okr.Graph` queries, for annotations (``mypy --strict``).

The query methods return plain dicts; these ``TypedDict`` classes say which keys they have
and their types, as the Rust core writes them. A key marked ``NotRequired`` is present only
when it has a value (as in documents). Use them in annotations::

    from okr.types import ObjectiveDict

    def titles(objectives: list[ObjectiveDict]) -> list[str]:
        return [o["title"] for o in objectives]
"""

import datetime
from typing import Any, NotRequired, Optional, TypedDict

__all__ = [
    "CheckInDict",
    "CycleDict",
    "DiagnosticDict",
    "KeyResultDict",
    "NodeDict",
    "ObjectiveDict",
    "OwnerDict",
    "ScorecardDict",
]


class OwnerDict(TypedDict):
    """An owner (:meth:`okr.Graph.owners`, :meth:`okr.Graph.owner`)."""

    id: str
    name: str
    kind: str
    parent: NotRequired[str]
    cadence: NotRequired[dict[str, Any]]
    extra: NotRequired[dict[str, Any]]


class CycleDict(TypedDict):
    """A cycle (:meth:`okr.Graph.cycles`); ``start`` and ``end`` are ISO dates."""

    id: str
    name: str
    start: str
    end: str
    parent: NotRequired[str]
    extra: NotRequired[dict[str, Any]]


# "type" and "override" are names Python allows as keys only in this form
ObjectiveDict = TypedDict(
    "ObjectiveDict",
    {
        "id": str,
        "title": str,
        "description": NotRequired[str],
        "owner": str,
        "cycle": str,
        "state": str,
        "type": str,
        "rollup": str,
        "status_rule": NotRequired[str],
        "override": NotRequired[dict[str, Any]],
        "cadence": NotRequired[dict[str, Any]],
        "visibility": NotRequired[str],
        "viewers": NotRequired[list[str]],
        "extra": NotRequired[dict[str, Any]],
    },
)
ObjectiveDict.__doc__ = """An objective (:meth:`okr.Graph.objectives`, :meth:`okr.Graph.objective`):
``state`` (draft, active, closed, abandoned), ``type`` (committed, aspirational), ``rollup``
(the rollup mode)."""

KeyResultDict = TypedDict(
    "KeyResultDict",
    {
        "id": str,
        "title": str,
        "objective": str,
        "owner": NotRequired[str],
        "weight": float,
        "due": NotRequired[str],
        "measure": dict[str, Any],
        "parent": NotRequired[dict[str, Any]],
        "kpi": NotRequired[str],
        "initiatives_weight": NotRequired[float],
        "plan": NotRequired[list[dict[str, Any]]],
        "override": NotRequired[dict[str, Any]],
        "extra": NotRequired[dict[str, Any]],
    },
)
KeyResultDict.__doc__ = """A key result (:meth:`okr.Graph.key_results`,
:meth:`okr.Graph.key_result`): ``measure`` is the measure as in documents (``kind`` and its
fields), ``due`` an ISO date."""


class CheckInDict(TypedDict):
    """A check-in (:meth:`okr.Graph.check_ins`): exactly one of ``value`` (numeric, threshold,
    aggregate), ``done`` (binary) and ``milestones_done`` (milestones) is present."""

    kr_id: str
    at: datetime.datetime
    value: NotRequired[float]
    done: NotRequired[bool]
    milestones_done: NotRequired[list[str]]
    confidence: Optional[float]
    note: Optional[str]
    author: Optional[str]
    extra: NotRequired[dict[str, Any]]


class NodeDict(TypedDict):
    """One node's figures (:meth:`okr.NodeResult.to_dict`): None where undefined."""

    id: str
    kind: str
    progress: Optional[float]
    attainment: Optional[float]
    source: str
    computed_progress: Optional[float]
    computed_attainment: Optional[float]
    expected: float
    planned_value: Optional[float]
    status: str
    confidence: Optional[float]
    stale: bool
    undefined_reason: Optional[str]
    value: Optional[float]
    last_check_in: Optional[datetime.datetime]
    blocked: bool


class DiagnosticDict(TypedDict):
    """A lint finding (:meth:`okr.Graph.lint`): ``span`` is the byte range in the text
    linted, None for a graph."""

    code: str
    severity: str
    message: str
    entity: Optional[str]
    span: Optional[list[int]]
    help: Optional[str]


class ScorecardDict(TypedDict):
    """One owner's scorecard (:meth:`okr.Graph.scorecards`): counts and the signals raised."""

    owner: str
    objectives: int
    key_results: int
    signals: list[dict[str, Any]]
