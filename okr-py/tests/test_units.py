"""Nothing compares values of different units silently (okr-core's rules, through Python): a
key result's values stay in one unit across revisions."""

import pytest

import okr


def _graph() -> okr.Graph:
    g = okr.Graph()
    g.add_owner("acme", "Acme", "organisation")
    g.add_cycle("q4", "2026-10-01", "2026-12-31")
    g.add_objective("grow", "Grow", "acme", "q4")
    g.add_key_result("revenue", "Revenue", "grow",
                     {"kind": "numeric", "start": 0, "target": 50000, "unit": "EUR"})
    return g


def test_a_revision_does_not_change_the_unit_under_a_value_checked_in():
    g = _graph()
    g.check_in("revenue", 20000, at="2026-10-20")
    before = g.dumps()
    kilo = {"kind": "numeric", "start": 0, "target": 50, "unit": "kEUR"}
    with pytest.raises(okr.InvalidMeasureError) as info:
        g.update_key_result("revenue", at="2026-11-01", measure=kilo)
    assert info.value.code == "invalid_measure" and "kEUR" in str(info.value)
    assert g.dumps() == before
    # before any value, the unit may change; a value dated before the change may not follow
    g = _graph()
    g.update_key_result("revenue", at="2026-11-01", measure=kilo)
    with pytest.raises(okr.InvalidCheckInError):
        g.check_in("revenue", 20000, at="2026-10-20")
    g.check_in("revenue", 20, at="2026-11-05")
    assert g.rollup("2026-11-15")["revenue"].progress == pytest.approx(0.4)
