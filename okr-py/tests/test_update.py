"""update_objective / update_key_result patch: the fields given change, the others stay
(okr-core's ObjectivePatch / KeyResultPatch); an unknown field or a bad value changes nothing."""

import datetime as dt
import math

import pytest

import okr

# Every update is a revision with a time. 2026-11-01 00:00 UTC: before the one check-in ("new",
# 2026-11-01 12:00), which a new measure must then fit.
AT = "2026-11-01"


def test_update_objective_changes_only_the_fields_given(small):
    before = small.objective("marketing")
    small.update_objective("marketing", at=AT, title="Grow it")
    after = small.objective("marketing")
    assert after == {**before, "title": "Grow it"}
    assert small.parents_of("marketing") == [("company", 1.0)]
    assert [k["id"] for k in small.key_results_of("marketing")] == ["launch", "office"]
    small.update_objective("marketing", at=AT, state=None, type="aspirational")
    assert small.objective("marketing") == {**after, "type": "aspirational"}, "None keeps a field"
    small.update_objective("marketing", at=AT)
    assert small.objective("marketing")["type"] == "aspirational"


def test_update_objective_unknown_field_or_bad_owner_changes_nothing(small):
    before = small.dumps()
    with pytest.raises(okr.InvalidValueError) as e:
        small.update_objective("marketing", at=AT, title="x", bogus=1)
    assert e.value.code == "invalid_value" and "bogus" in str(e.value)
    with pytest.raises(okr.InvalidValueError):
        small.update_objective("marketing", at=AT, id="other")
    with pytest.raises(okr.UnknownIdError) as e:
        small.update_objective("marketing", at=AT, title="x", owner="ghost")
    assert e.value.ids == ["ghost"]
    with pytest.raises(okr.UnknownIdError):
        small.update_objective("marketing", at=AT, cycle="q9")
    with pytest.raises(okr.InvalidValueError):
        small.update_objective("marketing", at=AT, extra=[1])
    assert small.dumps() == before


def test_update_key_result_patches(small):
    before = small.key_result("new")
    small.update_key_result("new", at=AT, title="Acquire 600 new customers",
                            measure={"kind": "numeric", "start": 0, "target": 600})
    after = small.key_result("new")
    assert after == {**before, "title": "Acquire 600 new customers",
                     "measure": {"kind": "numeric", "start": 0, "target": 600}}
    assert len(small.check_ins("new")) == 1, "check-ins stay"
    assert small.rollup("2026-11-15")["new"].progress == pytest.approx(250 / 600)
    small.update_key_result("new", at=AT, owner="frida", due=dt.date(2026, 12, 1), weight=2)
    k = small.key_result("new")
    assert (k["owner"], k["due"], k["weight"]) == ("frida", "2026-12-01", 2.0)
    small.update_key_result("new", at=AT, owner=None, due=None)
    k = small.key_result("new")
    assert "owner" not in k and "due" not in k, "None empties owner and due"
    assert k["weight"] == 2.0
    small.update_key_result("new", at=AT, objective="marketing")
    assert [k["id"] for k in small.key_results_of("marketing")] == ["launch", "office", "new"]


def test_update_key_result_errors_change_nothing(small):
    before = small.dumps()
    cases = [
        (okr.InvalidValueError, dict(title="x", check_ins=[])),
        (okr.InvalidValueError, dict(due="2026-12-01T10:00:00Z")),
        (okr.InvalidValueError, dict(due=dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc))),
        (okr.InvalidWeightError, dict(title="x", weight=math.nan)),
        (okr.InvalidWeightError, dict(weight=-1)),
        (okr.UnknownIdError, dict(title="x", owner="ghost")),
        (okr.UnknownIdError, dict(objective="nope")),
        (okr.InvalidMeasureError, dict(measure={"kind": "numeric", "start": 1, "target": 1})),
        (okr.InvalidCheckInError, dict(measure={"kind": "boolean"})),
    ]
    for exc, fields in cases:
        with pytest.raises(exc):
            small.update_key_result("new", at=AT, **fields)
    with pytest.raises(okr.UnknownIdError):
        small.update_key_result("ghost", at=AT, title="x")
    assert small.dumps() == before
