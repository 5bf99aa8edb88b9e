"""Check-in cadences through the Python package: `cadence` on owners and objectives (built,
read back, revised), `Graph.due` and `Graph.cadences` equal to okr-core's answers (through the
`okr due` command's JSON), typed errors that change nothing."""

import datetime as dt
import json
import subprocess

import pytest

import okr
from conftest import EXAMPLE, REPO, okr_cli

UTC = dt.timezone.utc


def cli_due(as_of):
    out = subprocess.run([*okr_cli(), "due", str(EXAMPLE), "--as-of", as_of, "--format", "json"],
                         cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def rfc3339(t):
    return None if t is None else t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize("as_of", ["2026-10-09", "2026-11-15", "2027-01-02"])
def test_due_matches_the_cli(acme, as_of):
    got = acme.due(as_of)
    want = cli_due(as_of)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert isinstance(g["due_since"], dt.datetime) and g["due_since"].tzinfo is not None
        assert {**g, "due_since": rfc3339(g["due_since"]),
                "last_check_in": rfc3339(g["last_check_in"])} == w
        assert g["state"] in ("due", "late", "missed")


def graph():
    g = okr.Graph()
    g.add_owner("acme", "Acme", "organisation", cadence={"every": "month", "grace_days": 3})
    g.add_owner("ann", "Ann", "person", parent="acme")
    g.add_cycle("q4", "2026-10-01", "2026-12-31")
    g.add_objective("top", "Top", "acme", "q4", cadence={"every": "week", "grace_days": 2})
    g.add_objective("sub", "Sub", "ann", "q4")
    g.link("sub", "top")
    g.add_objective("lone", "Lone", "ann", "q4")
    for kr, obj in [("a", "top"), ("b", "sub"), ("c", "lone")]:
        g.add_key_result(kr, kr.upper(), obj, {"kind": "numeric", "start": 0, "target": 10})
    return g


def test_cadences_are_inherited_down_the_alignment_and_owner_trees():
    g = graph()
    assert g.owner("acme")["cadence"] == {"every": "month", "grace_days": 3}
    assert "cadence" not in g.owner("ann")
    assert g.objective("top")["cadence"] == {"every": "week", "grace_days": 2}
    assert g.cadences() == {
        "a": {"every": "week", "grace_days": 2},
        "b": {"every": "week", "grace_days": 2},   # from the objective above
        "c": {"every": "month", "grace_days": 3},  # from the owner tree
    }


def test_due_late_missed_with_times():
    g = graph()
    g.check_in("a", at="2026-10-02", value=1)
    rows = {r["key_result"]: r for r in g.due("2026-10-09")}
    assert rows["a"]["state"] == "due"
    assert rows["a"]["due_since"] == dt.datetime(2026, 10, 8, tzinfo=UTC)
    assert rows["a"]["last_check_in"] == dt.datetime(2026, 10, 2, tzinfo=UTC)
    assert rows["b"]["state"] == "late" and rows["b"]["last_check_in"] is None
    assert rows["b"]["owner"] == "ann"
    assert rows["c"]["state"] == "due"
    rows = {r["key_result"]: r for r in g.due(dt.datetime(2026, 10, 30, tzinfo=UTC))}
    assert (rows["b"]["state"], rows["b"]["missed_intervals"]) == ("missed", 3)
    assert rows["b"]["due_since"] == dt.datetime(2026, 10, 8, tzinfo=UTC)
    with pytest.raises(okr.InvalidValueError):
        g.due(dt.datetime(2026, 10, 30))  # no zone: refused


def test_update_objective_sets_and_clears_a_cadence_as_a_revision():
    g = graph()
    g.update_objective("sub", cadence={"every_days": 10}, at="2026-10-05", by="ann")
    assert g.objective("sub")["cadence"] == {"every_days": 10}
    assert g.cadences()["b"] == {"every_days": 10}
    log = g.log()
    assert log[0]["field"] == "cadence" and log[0]["to"] == {"every_days": 10}
    # as of before the revision, b was weekly again
    before = {r["key_result"]: r for r in g.due("2026-10-04")}
    assert before["b"]["cadence"] == {"every": "week", "grace_days": 2}
    g.update_objective("sub", cadence=None, at="2026-10-06")
    assert "cadence" not in g.objective("sub")
    # saved and loaded: the same document
    assert okr.loads(g.dumps()).dumps() == g.dumps()


@pytest.mark.parametrize("bad", [
    {"every_days": 0},
    {"every_days": 400},
    {"every": "week", "grace_days": -1},
    {"every": "week", "grace_days": 7},
    {"every": "fortnight"},
    {"every": "week", "every_days": 7},
    {"grace_days": 1},
    {"every": "week", "bogus": 1},
])
def test_bad_cadences_are_invalid_values_and_change_nothing(bad):
    g = graph()
    before = g.dumps()
    with pytest.raises(okr.InvalidValueError) as e:
        g.add_objective("x", "X", "ann", "q4", cadence=bad)
    assert e.value.code == "invalid_value" and "cadence" in str(e.value)
    with pytest.raises(okr.InvalidValueError):
        g.add_owner("bob", "Bob", "person", cadence=bad)
    with pytest.raises(okr.InvalidValueError):
        g.update_objective("sub", cadence=bad, at="2026-10-05")
    assert g.dumps() == before


def test_scorecards_cadence_days_overrides_the_cadences(acme):
    own = acme.scorecards("2026-11-15", owners=["acme"])[0]
    sig = {s["name"]: s for s in own["signals"]}["check_in_discipline"]
    assert "weekly, 2 days grace" in sig["explanation"]
    forced = acme.scorecards("2026-11-15", owners=["acme"], cadence_days=14)[0]
    sig = {s["name"]: s for s in forced["signals"]}["check_in_discipline"]
    assert "every 14 days, for every key result" in sig["explanation"]
