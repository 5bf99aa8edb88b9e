"""Aggregate key results and the status rule ``worst`` through the Python binding.

The scenarios are okr-core's (tests/aggregates.rs, tests/status_rule.rs). The cycle ``q`` runs
2026-10-01 ..= 2026-12-31.
"""

import pytest

import okr

AGG = {"kind": "aggregate", "function": "sum", "start": 0, "target": 100, "unit": "customers"}


def region():
    """Objective ``r`` with aggregate ``region`` (sum, 0 -> 100 customers); teams ``a``, ``b``,
    ``c`` aligned under it, each with a key result (0 -> 40 customers) under ``region``."""
    g = okr.Graph()
    g.add_owner("o", "Org", "organisation")
    g.add_cycle("q", "2026-10-01", "2026-12-31")
    g.add_objective("r", "Region", "o", "q", status_rule="worst")
    g.add_key_result("region", "Region", "r", AGG)
    for team in "abc":
        g.add_objective(team, f"Team {team}", "o", "q")
        g.link(team, "r")
        measure = {"kind": "numeric", "start": 0, "target": 40, "unit": "customers"}
        g.add_key_result(f"k{team}", f"Team {team}", team, measure, parent="region")
    return g


def test_a_sum_of_the_teams_values():
    g = region()
    for kr, v in (("ka", 29), ("kb", 30), ("kc", 20)):
        g.check_in(kr, v, at="2026-11-01T09:00:00Z")
    r = g.rollup("2026-11-15")
    node = r["region"]
    assert node.value == 79
    assert node.progress == pytest.approx(0.79)
    assert [k["id"] for k in g.key_results_under("region")] == ["ka", "kb", "kc"]
    assert g.key_result("ka")["parent"] == {"id": "region"}
    e = g.explain_progress("region", "2026-11-15")
    assert [i["id"] for i in e["key_result"]["inputs"]] == ["ka", "kb", "kc"]
    assert "sum(29 + 30 + 20) = 79" in e["key_result"]["formula"]


def test_units_must_agree_unless_a_factor_is_declared():
    g = region()
    measure = {"kind": "numeric", "start": 0, "target": 10, "unit": "k customers"}
    with pytest.raises(okr.UnitMismatchError) as e:
        g.add_key_result("kd", "Team d", "a", measure, parent="region")
    assert e.value.code == "unit_mismatch"
    assert e.value.ids == ["kd", "region"]
    assert isinstance(e.value, okr.OkrError)
    g.add_key_result("kd", "Team d", "a", measure, parent={"id": "region", "factor": 1000})
    g.check_in("kd", 0.05, at="2026-11-01T09:00:00Z")
    assert g.rollup("2026-11-15")["region"].value == 50
    with pytest.raises(okr.InvalidValueError):
        g.add_key_result("ke", "e", "a", measure, parent={"id": "region", "factor": -1})


def test_an_aggregate_takes_no_check_ins_and_stays_while_key_results_are_under_it():
    g = region()
    with pytest.raises(okr.InvalidCheckInError):
        g.check_in("region", 5, at="2026-11-01T09:00:00Z")
    g.set_clock("2026-10-20")
    with pytest.raises(okr.InUseError):
        g.remove_key_result("region")
    with pytest.raises(okr.CycleError):
        g.update_key_result("region", parent={"id": "region"})
    g.update_key_result("ka", parent=None)
    assert [k["id"] for k in g.key_results_under("region")] == ["kb", "kc"]


def test_the_worst_status_surfaces():
    g = region()
    g.check_in("ka", 40, at="2026-11-01T09:00:00Z")
    g.check_in("kb", 40, at="2026-11-01T09:00:00Z")
    g.check_in("kc", 0, at="2026-11-01T09:00:00Z")
    r = g.rollup("2026-11-15")
    assert r["kc"].status == "off_track"
    assert r["r"].status == "off_track"
    # the same graph with the default rule reports the status of the mean
    g.set_clock("2026-10-20")
    g.update_objective("r", status_rule="weighted_mean")
    assert g.rollup("2026-11-15")["r"].status != "off_track"
    assert g.objective("r").get("status_rule") is None
