"""Planned targets, manual overrides and history in analytics, through the Python binding.

The scenarios are okr-core's (tests/plans_overrides.rs, tests/history_analytics.rs), with the
figures worked out by hand there. The cycle ``q`` runs 2026-10-01 ..= 2026-12-31 (92 days).
"""

import datetime as dt
import math

import pytest

import okr

UTC = dt.timezone.utc
Q4_PLAN = [{"date": "2026-10-31", "value": 100}, {"date": "2026-11-30", "value": 250},
           {"date": "2026-12-31", "value": 500}]


def base():
    g = okr.Graph()
    g.add_owner("o", "Org", "organisation")
    g.add_cycle("q", "2026-10-01", "2026-12-31")
    return g


def planned_graph():
    """Objective ``a`` with ``rev`` (100 -> 500, planned) and ``lin`` (no plan), both at 110."""
    g = base()
    g.add_objective("a", "Objective a", "o", "q")
    measure = {"kind": "numeric", "start": 100, "target": 500}
    g.add_key_result("rev", "Revenue", "a", measure, plan=Q4_PLAN)
    g.add_key_result("lin", "KR lin", "a", measure)
    for kr in ("rev", "lin"):
        g.check_in(kr, 110, at="2026-10-10T09:00:00Z")
    return g


def override_graph():
    """``top`` <- ``a`` (key results ``a1`` at 52, ``a2`` at 20, 0 -> 100)."""
    g = base()
    g.add_objective("top", "Objective top", "o", "q")
    g.add_objective("a", "Objective a", "o", "q")
    g.link("a", "top", 1.0)
    for kr, v in (("a1", 52), ("a2", 20)):
        g.add_key_result(kr, f"KR {kr}", "a", {"kind": "numeric", "start": 0, "target": 100})
        g.check_in(kr, v, at="2026-10-10T09:00:00Z")
    return g


# ----- plans ---------------------------------------------------------------------------------


def test_mid_october_on_track_by_the_plan_off_track_by_the_linear_pace():
    g = planned_graph()
    r = g.rollup("2026-10-15", on_track_margin=0.05, at_risk_margin=0.10)
    rev, lin = r["rev"], r["lin"]
    # progress (110 - 100) / 400 for both
    assert rev.progress == pytest.approx(0.025) and lin.progress == pytest.approx(0.025)
    # the plan expects 100 until the end of October: pace 0, on track
    assert rev.planned_value == 100.0 and rev.expected == 0.0
    assert rev.status == "on_track"
    # the linear pace: 15 / 92, and 0.025 < 0.163 - 0.10: off track
    assert lin.planned_value is None
    assert lin.expected == pytest.approx(15 / 92)
    assert lin.status == "off_track"
    # with the default margins the linear pace says at risk
    r = g.rollup("2026-10-15")
    assert (r["rev"].status, r["lin"].status) == ("on_track", "at_risk")
    assert r["rev"].to_dict()["planned_value"] == 100.0
    assert r["lin"].to_dict()["planned_value"] is None


def test_planned_values_between_the_points_in_every_view():
    g = planned_graph()
    r = g.rollup("2026-11-15")
    # 15 of the 30 days from (end of 10-31, 100) to (end of 11-30, 250): 175
    assert r["rev"].planned_value == pytest.approx(175.0)
    assert r["rev"].expected == 0.1875
    cols = r.to_columns()
    i, j = cols["id"].index("rev"), cols["id"].index("lin")
    assert cols["planned_value"][i] == pytest.approx(175.0)
    assert cols["planned_value"][j] is None
    e = g.explain_progress("rev", "2026-11-15")
    assert e["planned_value"] == pytest.approx(175.0)
    assert "expected 175 of 500 by the plan (between point 2026-10-31 = 100 and point " \
           "2026-11-30 = 250)" in e["expectation"]
    assert e["manual"] is None
    lin = g.explain_progress("lin", "2026-11-15")
    assert "linear pace" in lin["expectation"]
    assert "planned_value" not in lin  # okr-core writes it only for a planned key result


def test_key_results_read_back_carry_the_plan():
    g = planned_graph()
    assert g.key_result("rev")["plan"] == Q4_PLAN
    assert "plan" not in g.key_result("lin")  # none: the linear pace, left out as in documents
    # a date as datetime.date
    g.add_key_result("d", "Dated", "a", {"kind": "numeric", "start": 0, "target": 10},
                     plan=[{"date": dt.date(2026, 11, 30), "value": 5}])
    assert g.key_result("d")["plan"] == [{"date": "2026-11-30", "value": 5}]
    assert okr.loads(g.dumps()).key_result("rev")["plan"] == Q4_PLAN


def test_bad_plans_raise_invalid_value_and_change_nothing():
    g = planned_graph()
    before, count = g.dumps(), g.revision_count()
    bad = [
        [{"date": "2026-11-30", "value": 250}, {"date": "2026-10-31", "value": 100}],
        [{"date": "2026-10-31", "value": 99}],
        [{"date": "2026-09-30", "value": 100}],
        [{"date": "2026-10-31", "value": 100, "extra": 1}],
        [{"date": "2026-10-31T10:00:00Z", "value": 100}],
    ]
    for plan in bad:
        with pytest.raises(okr.InvalidValueError):
            g.update_key_result("rev", at="2026-11-01", plan=plan)
        with pytest.raises(okr.InvalidValueError):
            g.add_key_result("new", "New", "a", {"kind": "numeric", "start": 100, "target": 500},
                             plan=plan)
    with pytest.raises(okr.InvalidValueError, match="only numeric and aggregate key results take a plan"):
        g.add_key_result("b", "Boolean", "a", {"kind": "boolean"},
                         plan=[{"date": "2026-10-31", "value": 0}])
    with pytest.raises(okr.InvalidValueError):
        g.update_key_result("rev", at="2026-11-01", plan=[{"date": "2026-10-31",
                                                              "value": math.nan}])
    assert g.dumps() == before and g.revision_count() == count


def test_a_plan_set_by_update_is_a_revision_in_the_log():
    g = base()
    g.add_objective("a", "Objective a", "o", "q")
    g.add_key_result("rev", "Revenue", "a", {"kind": "numeric", "start": 100, "target": 500})
    g.update_key_result("rev", at="2026-11-01", by="anna", reason="re-planned", plan=Q4_PLAN)
    assert g.rollup("2026-10-31")["rev"].planned_value is None
    assert g.rollup("2026-11-30")["rev"].planned_value == 250.0
    entry = g.log()[0]
    assert (entry["field"], entry["from"], entry["by"]) == ("plan", [], "anna")
    assert entry["to"][1] == {"date": "2026-11-30", "value": 250.0}
    assert entry["at"] == dt.datetime(2026, 11, 1, tzinfo=UTC)
    # cleared with []
    g.update_key_result("rev", at="2026-12-01", plan=[])
    assert g.rollup("2026-12-10")["rev"].planned_value is None
    assert g.rollup("2026-11-30")["rev"].planned_value == 250.0


# ----- overrides -----------------------------------------------------------------------------


def test_an_override_is_manual_beside_the_computed_figure_and_rolled_up():
    g = override_graph()
    g.update_key_result("a1", at="2026-11-01", by="anna", reason="counted by hand",
                        override={"attainment": 0.8})
    # before the revision: computed, a = (0.52 + 0.20) / 2
    r = g.rollup("2026-10-20")
    assert r["a1"].source == "computed"
    assert r["a1"].computed_progress == r["a1"].progress == pytest.approx(0.52)
    assert r["a"].progress == pytest.approx(0.36)
    # after: 0.8 by hand, 0.52 computed beside it; a = (0.8 + 0.2) / 2
    r = g.rollup("2026-11-15")
    a1 = r["a1"]
    assert a1.source == "manual"
    assert (a1.progress, a1.attainment) == (0.8, 0.8)
    assert a1.computed_progress == pytest.approx(0.52)
    assert a1.computed_attainment == pytest.approx(0.52)
    assert a1.value == 52.0 and a1.undefined_reason is None
    assert a1.status == "on_track"
    assert "(manual)" in repr(a1)
    assert r["a"].progress == pytest.approx(0.5) and r["top"].progress == pytest.approx(0.5)
    assert r["a"].source == "computed"
    d = a1.to_dict()
    assert (d["source"], d["progress"]) == ("manual", 0.8)
    assert d["computed_progress"] == pytest.approx(0.52)
    # the columns say the same
    cols = r.to_columns()
    i, j = cols["id"].index("a1"), cols["id"].index("a2")
    assert (cols["source"][i], cols["progress"][i]) == ("manual", 0.8)
    assert cols["computed_progress"][i] == pytest.approx(0.52)
    assert cols["computed_attainment"][i] == pytest.approx(0.52)
    assert cols["source"][j] == "computed"
    assert cols["computed_progress"][j] == cols["progress"][j]
    # read back, explained, logged
    assert g.key_result("a1")["override"] == {"attainment": 0.8}
    e = g.explain_progress("a1", "2026-11-15")
    assert e["source"] == "manual" and e["computed_progress"] == pytest.approx(0.52)
    assert "set by hand" in e["manual"] and "anna" in e["manual"]
    assert "counted by hand" in e["manual"]
    parent = g.explain_progress("a", "2026-11-15")
    assert parent["contributions"][0]["id"] == "a1"
    assert parent["contributions"][0]["source"] == "manual"
    assert parent["contributions"][1]["source"] == "computed"
    assert g.explain_progress("a1", "2026-10-20")["manual"] is None
    entry = g.log()[0]
    assert (entry["field"], entry["from"], entry["to"]) == ("override", None,
                                                            {"attainment": 0.8})
    assert (entry["by"], entry["reason"]) == ("anna", "counted by hand")
    assert entry["at"] == dt.datetime(2026, 11, 1, tzinfo=UTC)


def test_an_override_above_one_clamps_progress_only():
    g = override_graph()
    g.update_key_result("a1", at="2026-11-01", override={"attainment": 1.3})
    r = g.rollup("2026-11-15")
    assert (r["a1"].progress, r["a1"].attainment) == (1.0, 1.3)
    assert r["a"].progress == pytest.approx(0.6) and r["a"].attainment == pytest.approx(0.75)


@pytest.mark.parametrize("x", [1.6, -0.1, math.nan, math.inf, "high"])
def test_bad_overrides_raise_invalid_value_and_change_nothing(x):
    g = override_graph()
    before = g.dumps()
    with pytest.raises(okr.InvalidValueError):
        g.update_key_result("a1", at="2026-11-01", by="anna", override={"attainment": x})
    with pytest.raises(okr.InvalidValueError):
        g.update_objective("a", at="2026-11-01", override={"attainment": x})
    with pytest.raises(okr.InvalidValueError):
        g.add_objective("b", "B", "o", "q", override={"attainment": x})
    with pytest.raises(okr.InvalidValueError):
        g.add_key_result("k", "K", "a", {"kind": "boolean"}, override={"attainment": x})
    assert g.dumps() == before
    assert g.revision_count() == 0 and g.log() == []


def test_an_override_of_unknown_shape_is_refused():
    g = override_graph()
    before = g.dumps()
    for bad in ({"attainment": 0.5, "by": "anna"}, {}, 0.5):
        with pytest.raises(okr.InvalidValueError):
            g.update_key_result("a1", at="2026-11-01", override=bad)
        with pytest.raises(okr.InvalidValueError):
            g.add_objective("b", "B", "o", "q", override=bad)
    assert g.dumps() == before


def test_the_bounds_are_fine_and_none_clears_the_override():
    g = override_graph()
    g.update_key_result("a1", at="2026-11-01", override={"attainment": 0.0})
    g.update_key_result("a1", at="2026-11-02", override={"attainment": 1.5})
    g.update_key_result("a1", at="2026-11-20", by="ben", override=None)
    assert "override" not in g.key_result("a1")
    assert g.rollup("2026-11-15")["a1"].source == "manual"
    after = g.rollup("2026-11-25")["a1"]
    assert after.source == "computed" and after.progress == pytest.approx(0.52)
    assert g.log()[0]["to"] is None and g.log()[0]["field"] == "override"
    # a field not given keeps it
    g.update_key_result("a2", at="2026-11-21", override={"attainment": 0.9})
    g.update_key_result("a2", at="2026-11-22", title="Renamed")
    assert g.key_result("a2")["override"] == {"attainment": 0.9}


def test_an_objective_override_rolls_up_and_keeps_its_computed_figure():
    g = override_graph()
    g.update_objective("a", at="2026-11-01", by="carla", override={"attainment": 0.9})
    r = g.rollup("2026-11-15")
    a = r["a"]
    assert a.source == "manual" and (a.progress, a.attainment) == (0.9, 0.9)
    assert a.computed_progress == pytest.approx(0.36)
    assert a.computed_attainment == pytest.approx(0.36)
    assert r["top"].progress == pytest.approx(0.9)
    assert g.objective("a")["override"] == {"attainment": 0.9}
    assert "set by hand" in g.explain_progress("a", "2026-11-15")["summary"]
    # an objective added with an override and nothing that counts: defined by hand
    g.add_objective("empty", "Empty", "o", "q", override={"attainment": 0.4})
    e = g.rollup("2026-11-15")["empty"]
    assert (e.progress, e.computed_progress, e.source) == (0.4, None, "manual")
    # a key result added with an override
    g.add_key_result("k", "K", "empty", {"kind": "boolean"}, override={"attainment": 1.2})
    k = g.rollup("2026-11-15")["k"]
    assert (k.progress, k.attainment, k.source) == (1.0, 1.2, "manual")
    assert k.computed_progress == 0.0  # a boolean not done
    assert g.key_result("k")["override"] == {"attainment": 1.2}


def test_refresh_under_an_override_equals_a_fresh_rollup():
    g = override_graph()
    g.update_key_result("a1", at="2026-10-01", override={"attainment": 0.8})
    kept = g.rollup("2026-11-15")
    g.check_in("a1", 90, at="2026-11-02T09:00:00Z")
    kept.refresh(g, "a1")
    assert kept.to_columns() == g.rollup("2026-11-15").to_columns()
    assert kept["a1"].computed_progress == pytest.approx(0.9)


def test_the_frame_has_the_new_columns():
    pd = pytest.importorskip("pandas")
    g = override_graph()
    df = g.rollup("2026-11-15").to_pandas()
    # no override yet: the source column still has both categories
    assert list(df["source"].cat.categories) == ["computed", "manual"]
    assert (df["source"] == "computed").all()
    g.update_key_result("a1", at="2026-11-01", override={"attainment": 0.8})
    g.add_key_result("p", "Planned", "a", {"kind": "numeric", "start": 0, "target": 100},
                     plan=[{"date": "2026-11-30", "value": 40}])
    df = g.rollup("2026-11-15").to_pandas().set_index("id")
    assert df.loc["a1", "source"] == "manual" and df.loc["a1", "progress"] == 0.8
    assert df.loc["a1", "computed_progress"] == pytest.approx(0.52)
    assert df.loc["a1", "computed_attainment"] == pytest.approx(0.52)
    assert df["planned_value"].dtype == "float64"
    assert df.loc["p", "planned_value"] > 0 and pd.isna(df.loc["a1", "planned_value"])


# ----- history in analytics ------------------------------------------------------------------


def company():
    g = okr.Graph()
    g.add_owner("acme", "Acme", "organisation")
    g.add_owner("anna", "Anna", "person", parent="acme")
    g.add_cycle("q4", "2026-10-01", "2026-12-31")
    g.add_objective("grow", "Grow", "anna", "q4")
    g.add_key_result("leads", "Leads", "grow", {"kind": "numeric", "start": 0, "target": 500})
    # a decreasing key result: a higher target asks for less
    g.add_key_result("churn", "Churn", "grow", {"kind": "numeric", "start": 10, "target": 4})
    return g


def target(start, t):
    return {"kind": "numeric", "start": start, "target": t}


def test_scorecards_flag_a_target_lowered_and_note_one_raised():
    g = company()
    g.update_key_result("leads", at="2026-09-20", measure=target(0, 450))  # before the cycle
    g.update_key_result("leads", at="2026-11-03", by="anna", reason="the fair was cancelled",
                        measure=target(0, 300))
    g.update_key_result("churn", at="2026-11-04", measure=target(10, 6))
    cards = g.scorecards("2026-11-15")
    anna = next(c for c in cards if c["owner"] == "anna")
    signals = {s["name"]: s for s in anna["signals"]}
    assert len(anna["signals"]) == 9
    lowered = signals["target_lowered"]
    assert lowered["raised"] is True and lowered["value"] == 2
    assert "leads 450 -> 300 on 2026-11-03 by anna (the fair was cancelled)" \
        in lowered["explanation"]
    assert "churn 4 -> 6" in lowered["explanation"]
    assert (signals["target_raised"]["value"], signals["target_raised"]["raised"]) == (0, False)
    # as of before the lowering, nothing yet
    anna = next(c for c in g.scorecards("2026-11-02") if c["owner"] == "anna")
    assert not next(s for s in anna["signals"] if s["name"] == "target_lowered")["raised"]
    # raised: noted, not flagged
    g = company()
    g.update_key_result("leads", at="2026-11-03", measure=target(0, 800))
    s = next(s for s in g.scorecards("2026-11-15", owners=["anna"])[0]["signals"]
             if s["name"] == "target_raised")
    assert (s["value"], s["raised"]) == (1, False)
    assert "leads 500 -> 800" in s["explanation"]


def test_a_diff_lists_the_revisions_between_its_moments():
    g = company()
    g.update_key_result("leads", at="2026-10-20", by="anna", measure=target(0, 800))
    g.update_key_result("churn", at="2026-11-10", measure=target(10, 5))
    g.update_key_result("leads", at="2026-12-01", measure=target(0, 900))
    d = g.diff("2026-10-15", "2026-11-15")
    revs = d["revisions"]
    assert [(e["entity"], e["field"]) for e in revs] == [("leads", "target"), ("churn", "target")]
    first = revs[0]
    assert first["at"] == dt.datetime(2026, 10, 20, tzinfo=UTC)
    assert first["at"].tzinfo is not None
    assert (first["by"], first["from"], first["to"], first["kind"]) == ("anna", 500, 800,
                                                                         "key_result")
    # the same dicts as log() gives
    assert first in g.log(id="leads")
    # a revision at the first moment is in force on both sides: not listed
    assert len(g.diff("2026-10-20", "2026-11-15")["revisions"]) == 1
    assert g.diff("2026-12-02", "2026-12-03")["revisions"] == []


def test_scores_name_the_target_in_force_at_the_end_of_the_period():
    g = company()
    g.update_key_result("leads", at="2026-10-02", due="2026-11-30")
    g.update_key_result("leads", at="2026-12-10", measure=target(0, 800))
    s = g.scores("2026-12-20")
    leads = next(x for x in s["key_results"] if x["id"] == "leads")
    # scored at the period's end (2026-11-30): the target then was 500
    assert leads["target"] == 500
    assert next(x for x in s["key_results"] if x["id"] == "churn")["target"] == 4
    # objectives have none
    assert "target" not in s["objectives"][0]
