"""Typed results (issue 23): the ``TypedDict``s of ``okr.types`` are what the stub declares
the queries return, ``mypy --strict`` accepts an analyst script written against them (and
refuses a wrong key), and the dicts returned at runtime have exactly the declared keys."""

from __future__ import annotations

import datetime
import pathlib
import subprocess
import sys
import textwrap
from typing import Any, get_type_hints

import pytest

import okr
import okr.types as t
from conftest import AS_OF, EXAMPLE

SCRIPT = """
    from __future__ import annotations

    import datetime
    from typing import Optional

    import okr
    from okr.types import (
        CheckInDict, CycleDict, DiagnosticDict, KeyResultDict, NodeDict, ObjectiveDict,
        OwnerDict, ScorecardDict,
    )


    def titles(objectives: list[ObjectiveDict]) -> dict[str, str]:
        return {o["id"]: o["title"] for o in objectives}


    def latest(check_ins: list[CheckInDict]) -> Optional[datetime.datetime]:
        return max((c["at"] for c in check_ins), default=None)


    def main(path: str) -> None:
        g = okr.load(path)
        owners: list[OwnerDict] = g.owners()
        cycles: list[CycleDict] = g.cycles()
        names = {o["id"]: o["name"] for o in owners}
        spans = {c["id"]: (c["start"], c["end"]) for c in cycles}
        objective_titles = titles(g.objectives())
        krs: list[KeyResultDict] = g.key_results()
        weights: float = sum(k["weight"] for k in krs)
        owner_of = {k["id"]: k.get("owner", names.get(k["objective"], "")) for k in krs}
        r = g.rollup("2026-11-15")
        figures: NodeDict = r[krs[0]["id"]].to_dict()
        progress: Optional[float] = figures["progress"]
        when = latest(g.check_ins(krs[0]["id"]))
        o = g.objective(krs[0]["objective"])
        description = o.get("description", "") if o is not None else ""
        findings: list[DiagnosticDict] = g.lint()
        errors = [d["code"] for d in findings if d["severity"] == "error"]
        cards: list[ScorecardDict] = g.scorecards("2026-11-15")
        signals = sum(len(c["signals"]) for c in cards)
        print(spans, objective_titles, weights, owner_of, progress, when, description, errors, signals)


    main("EXAMPLE")
"""


def mypy(tmp_path: pathlib.Path, text: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mypy")
    script = tmp_path / "analyst.py"
    script.write_text(textwrap.dedent(text).replace("EXAMPLE", str(EXAMPLE)))
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )


def test_mypy_strict_accepts_a_correct_analyst_script(tmp_path: pathlib.Path) -> None:
    out = mypy(tmp_path, SCRIPT)
    assert out.returncode == 0, out.stdout + out.stderr
    # and the script runs
    run = subprocess.run([sys.executable, str(tmp_path / "analyst.py")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ('x: str = g.objectives()[0]["titel"]', "titel"),
        ('x: str = g.key_results()[0]["weight"]', "float"),
        ('x: str = g.rollup("2026-11-15")["sales-growth"].to_dict()["progress"]', "float"),
        ('x: str = g.check_ins("k")[0]["value"]', "float"),
        ('x: int = g.owners()[0]["name"]', "str"),
    ],
)
def test_mypy_strict_refuses_wrong_keys_and_types(tmp_path: pathlib.Path, wrong: str, message: str) -> None:
    text = f"""
        import okr
        g = okr.load("EXAMPLE")
        {wrong}
    """
    out = mypy(tmp_path, text)
    assert out.returncode != 0, out.stdout
    assert message in out.stdout, out.stdout


def keys_of(td: Any) -> tuple[frozenset[str], frozenset[str]]:
    return td.__required_keys__, td.__optional_keys__


def check(td: Any, d: dict[str, Any]) -> None:
    required, optional = keys_of(td)
    assert required <= d.keys(), (td.__name__, sorted(required - d.keys()))
    assert d.keys() <= required | optional, (td.__name__, sorted(d.keys() - required - optional))
    hints = get_type_hints(td)
    for k, v in d.items():
        assert v is None or isinstance(v, allowed(hints[k])), (td.__name__, k, v)


def allowed(hint: Any) -> tuple[type, ...]:
    """The runtime classes a hint admits (None checked apart)."""
    import typing

    origin = typing.get_origin(hint)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return tuple(c for a in typing.get_args(hint) if a is not type(None) for c in allowed(a))
    if origin is typing.NotRequired:
        return allowed(typing.get_args(hint)[0])
    if origin is not None:
        return (origin,)
    if hint is float:
        return (float, int)
    return (hint,)


def test_returned_dicts_have_exactly_the_declared_keys() -> None:
    g = okr.load(EXAMPLE)
    # every optional key of the example's owners, objectives and key results shows up somewhere
    seen: dict[str, set[str]] = {}
    groups: list[tuple[Any, list[dict[str, Any]]]] = [
        (t.OwnerDict, [dict(x) for x in g.owners()]),
        (t.CycleDict, [dict(x) for x in g.cycles()]),
        (t.ObjectiveDict, [dict(x) for x in g.objectives()]),
        (t.KeyResultDict, [dict(x) for x in g.key_results()]),
        (t.CheckInDict, [dict(c) for k in g.key_results() for c in g.check_ins(k["id"])]),
        (t.NodeDict, [n.to_dict() for n in g.rollup(AS_OF)]),
        (t.DiagnosticDict, [dict(x) for x in g.lint()]),
        (t.ScorecardDict, [dict(x) for x in g.scorecards(AS_OF)]),
    ]
    for td, dicts in groups:
        assert dicts, td.__name__
        for d in dicts:
            check(td, d)
            seen.setdefault(td.__name__, set()).update(d)
    # the single lookups return the same shapes
    o = g.objectives()[0]
    assert g.objective(o["id"]) == o
    k = g.key_results()[0]
    assert g.key_result(k["id"]) == k
    assert g.key_results_of(o["id"]) == [x for x in g.key_results() if x["objective"] == o["id"]]
    assert g.owner(g.owners()[0]["id"]) == g.owners()[0]
    assert g.objective("no-such") is None and g.key_result("no-such") is None
    # the example exercises optional keys too (so an optional key misspelt in the types fails)
    assert {"parent"} <= seen["OwnerDict"]
    assert {"description", "cadence"} <= seen["ObjectiveDict"]
    assert {"due", "owner"} & seen["KeyResultDict"]
    assert {"value", "done"} & seen["CheckInDict"]


def test_optional_keys_appear_as_declared() -> None:
    g = okr.Graph()
    g.add_owner("acme", "Acme", "organisation")
    g.add_cycle("q4", "2026-10-01", "2026-12-31")
    g.add_objective("o", "Grow", "acme", "q4")
    g.add_key_result("k", "Revenue", "o", {"kind": "numeric", "start": 0, "target": 10, "unit": "k"})
    g.add_key_result("b", "Launch", "o", {"kind": "boolean"})
    g.check_in("k", 4.0, at="2026-10-10")
    g.check_in("b", True, at="2026-10-10")
    ci = g.check_ins("k")[0]
    check(t.CheckInDict, dict(ci))
    assert "value" in ci and "done" not in ci
    assert isinstance(ci["at"], datetime.datetime)
    done = g.check_ins("b")[0]
    check(t.CheckInDict, dict(done))
    assert "done" in done and "value" not in done
    o = g.objective("o")
    assert o is not None
    check(t.ObjectiveDict, dict(o))
    assert "description" not in o  # absent when empty, as declared NotRequired


def test_the_stub_returns_the_typed_dicts() -> None:
    stub = (pathlib.Path(okr.__file__).parent / "_okr.pyi").read_text()
    for sig in [
        "def owners(self) -> list[OwnerDict]",
        "def cycles(self) -> list[CycleDict]",
        "def objectives(self) -> list[ObjectiveDict]",
        "def objective(self, id: str) -> Optional[ObjectiveDict]",
        "def key_results(self) -> list[KeyResultDict]",
        "def key_result(self, id: str) -> Optional[KeyResultDict]",
        "def check_ins(self, kr_id: str) -> list[CheckInDict]",
        "def to_dict(self) -> NodeDict",
        "def lint(self, **config: Any) -> list[DiagnosticDict]",
        "def scorecards(self, today: _DateLike, **options: Any) -> list[ScorecardDict]",
    ]:
        assert sig in stub, sig
