"""Goals over time: changes after creation are revisions with a time (`at`, or the graph's
clock), an author and a reason; rollups as of a time see the goals as they stood then; `log`
is the audit trail. Every rule is okr-core's; these check that the binding passes the call on,
converts the times and values, and maps the errors."""

import datetime as dt

import pytest

import okr

UTC = dt.timezone.utc
LOG_KEYS = {"at", "by", "entity", "kind", "field", "from", "to", "reason"}
NEW_500 = {"kind": "numeric", "start": 0, "target": 500, "unit": "customers"}
NEW_800 = {"kind": "numeric", "start": 0, "target": 800, "unit": "customers"}


def state(g):
    """What a failed change must leave as it was: the document and the history."""
    return g.dumps(), len(g.log()), g.revision_count(), g.latest_revision()


def test_a_target_revised_mid_quarter_changes_the_rollup_from_then_on(small):
    # "new": 250 of 500 checked in on 2026-11-01
    assert small.rollup("2026-11-15")["new"].progress == 0.5
    small.update_key_result("new", at="2026-11-10", by="anna", reason="raised after the fair",
                            measure=NEW_800)
    assert small.key_result("new")["measure"]["target"] == 800
    after = small.rollup("2026-11-15")
    assert after["new"].progress == pytest.approx(250 / 800)
    # as of before the revision, the old target's progress
    assert small.rollup("2026-11-09")["new"].progress == 0.5
    assert small.rollup(dt.date(2026, 11, 9))["q4-customers"].progress != after["q4-customers"].progress
    # the revision takes effect at 00:00 UTC on 2026-11-10: the end of 11-09 is before it
    assert small.rollup("2026-11-10")["new"].progress == pytest.approx(250 / 800)
    assert small.explain_progress("new", "2026-11-09")["progress"] == 0.5


def test_log_lists_the_changes_newest_first(small):
    assert small.log() == [] and small.revision_count() == 0 and small.latest_revision() is None
    small.update_key_result("new", at="2026-11-10", by="anna", reason="raised", measure=NEW_800)
    small.update_key_result("new", at=dt.datetime(2026, 11, 20, 9, 30, tzinfo=UTC), by="bob",
                            title="Acquire 800 new customers")
    log = small.log()
    assert [set(e) for e in log] == [LOG_KEYS, LOG_KEYS]
    assert log[0] == {"at": dt.datetime(2026, 11, 20, 9, 30, tzinfo=UTC), "by": "bob",
                      "entity": "new", "kind": "key_result", "field": "title",
                      "from": "Acquire 500 new customers", "to": "Acquire 800 new customers",
                      "reason": None}
    assert log[1] == {"at": dt.datetime(2026, 11, 10, tzinfo=UTC), "by": "anna", "entity": "new",
                      "kind": "key_result", "field": "target", "from": 500, "to": 800,
                      "reason": "raised"}
    assert log[1]["at"].utcoffset() == dt.timedelta(0)
    assert small.revision_count() == 2
    assert small.latest_revision() == dt.datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def test_log_records_links_additions_and_removals(small):
    small.unlink("q4-customers", "company", at="2026-11-05", reason="one parent is enough")
    small.set_link_weight("q4-customers", "marketing", 3, at="2026-11-06")
    small.add_objective("retention", "Keep customers", "growth", "q4", at="2026-11-07", by="frida")
    small.remove_key_result("wait", at="2026-11-08")
    entries = [(e["entity"], e["kind"], e["field"], e["from"], e["to"]) for e in small.log()]
    assert entries == [
        ("wait", "key_result", "exists", True, False),
        ("retention", "objective", "exists", False, True),
        ("q4-customers -> marketing", "link", "weight", 2.0, 3.0),
        ("q4-customers -> company", "link", "weight", 1.0, None),
    ]
    assert small.log()[1]["by"] == "frida"
    assert small.log()[-1]["reason"] == "one parent is enough"


def test_log_filters_by_id_and_since(small):
    small.update_key_result("new", at="2026-11-10", measure=NEW_800)
    small.update_objective("marketing", at="2026-11-12", title="Grow it")
    small.unlink("q4-customers", "company", at="2026-11-14")
    small.update_key_result("new", at="2026-11-16", title="Acquire 800")
    assert len(small.log()) == 4
    assert [e["field"] for e in small.log(id="new")] == ["title", "target"]
    assert [e["entity"] for e in small.log(id="company")] == ["q4-customers -> company"]
    assert small.log(id="launch") == []
    since = small.log(since="2026-11-12")
    assert [e["entity"] for e in since] == ["new", "q4-customers -> company", "marketing"]
    assert small.log(since=dt.date(2026, 11, 13)) == since[:2]
    assert small.log(since=dt.datetime(2026, 11, 16, 0, 0, 1, tzinfo=UTC)) == []
    assert [e["field"] for e in small.log(id="new", since="2026-11-11")] == ["title"]
    with pytest.raises(okr.InvalidValueError, match="since"):
        small.log(since="2026-11-16T10:00:00")  # a time without a zone


def test_at_takes_dates_aware_datetimes_and_text(small):
    small.update_objective("company", at=dt.date(2026, 11, 2), title="a")
    small.update_objective("company", at=dt.datetime(2026, 11, 3, 8, tzinfo=UTC), title="b")
    small.update_objective("company", at="2026-11-04T10:00:00+02:00", title="c")
    small.update_objective(obj_id="company", at="2026-11-05", title="d")
    assert [e["at"] for e in small.log()] == [
        dt.datetime(2026, 11, 5, tzinfo=UTC), dt.datetime(2026, 11, 4, 8, tzinfo=UTC),
        dt.datetime(2026, 11, 3, 8, tzinfo=UTC), dt.datetime(2026, 11, 2, tzinfo=UTC)]
    before = state(small)
    for bad in [dt.datetime(2026, 11, 6, 9), "2026-11-06T09:00:00", "next tuesday"]:
        with pytest.raises(okr.InvalidValueError) as info:
            small.update_objective("company", at=bad, title="e")
        assert info.value.code == "invalid_value" and "at" in str(info.value)
    with pytest.raises(TypeError):
        small.update_objective("company", at=20261106, title="e")
    assert state(small) == before


def test_a_change_without_a_time_raises_missing_time(small):
    before = state(small)
    calls = [
        (["new"], lambda: small.update_key_result("new", measure=NEW_800)),
        (["new"], lambda: small.update_key_result("new", at=None, by="anna", reason="r", title="x")),
        (["marketing"], lambda: small.update_objective("marketing", title="x")),
        (["marketing"], lambda: small.remove_objective("marketing")),
        (["wait"], lambda: small.remove_key_result("wait")),
        (["q4-customers -> company"], lambda: small.unlink("q4-customers", "company")),
        (["q4-customers -> company"], lambda: small.set_link_weight("q4-customers", "company", 2)),
    ]
    for ids, call in calls:
        with pytest.raises(okr.MissingTimeError) as info:
            call()
        e = info.value
        assert isinstance(e, okr.OkrError) and type(e) is okr.MissingTimeError
        assert (e.code, e.ids) == ("missing_time", ids)
    assert state(small) == before
    # additions without a time exist from the beginning
    small.add_objective("retention", "Keep customers", "growth", "q4")
    small.link("retention", "company")
    assert small.revision_count() == 0


def test_a_change_before_the_latest_revision_is_invalid(small):
    small.update_key_result("new", at="2026-11-10", measure=NEW_800)
    before = state(small)
    with pytest.raises(okr.InvalidRevisionError) as info:
        small.update_key_result("new", at="2026-11-09", title="x")
    assert (info.value.code, info.value.ids) == ("invalid_revision", ["new"])
    with pytest.raises(okr.InvalidRevisionError):
        small.remove_objective("marketing", at="2026-11-01")
    with pytest.raises(okr.InvalidRevisionError):
        small.add_objective("late", "Late", "acme", "q4", at="2026-10-31")
    assert state(small) == before
    # the same time is fine
    small.update_key_result("new", at="2026-11-10", title="x")
    assert small.revision_count() == 2


def test_a_failed_update_changes_nothing(small):
    small.update_key_result("new", at="2026-11-10", measure=NEW_800)
    small.check_in("new", 300, at="2026-11-12T10:00:00Z")  # must fit a measure revised before it
    before = state(small)
    failing = [
        (okr.InvalidValueError, lambda: small.update_key_result("new", at="2026-11-12", bogus=1)),
        (okr.InvalidWeightError, lambda: small.update_key_result("new", at="2026-11-12", title="y",
                                                                 weight=-1)),
        (okr.InvalidCheckInError, lambda: small.update_key_result(
            "new", at="2026-11-12", measure={"kind": "boolean"})),
        (okr.UnknownIdError, lambda: small.update_objective("marketing", at="2026-11-12",
                                                            title="y", owner="ghost")),
        (okr.UnknownIdError, lambda: small.remove_key_result("ghost", at="2026-11-12")),
        (okr.LinkError, lambda: small.unlink("company", "marketing", at="2026-11-12")),
        (okr.CycleError, lambda: small.link("company", "q4-customers", at="2026-11-12")),
    ]
    for exc, call in failing:
        with pytest.raises(exc):
            call()
        assert state(small) == before, exc


def test_removed_ids_stay_taken_and_keep_their_history(small):
    small.remove_key_result("wait", at="2026-11-10", reason="dropped")
    small.remove_objective("marketing", at="2026-11-10")
    assert small.key_result("wait") is None and "marketing" not in small
    assert "wait" in small.rollup("2026-11-09") and "marketing" in small.rollup("2026-11-09")
    with pytest.raises(KeyError):
        small.rollup("2026-11-15")["wait"]
    before = state(small)
    with pytest.raises(okr.DuplicateIdError) as info:
        small.add_key_result("wait", "Again", "q4-customers", {"kind": "boolean"}, at="2026-11-11")
    assert info.value.ids == ["wait"]
    with pytest.raises(okr.DuplicateIdError):
        small.add_objective("marketing", "Again", "acme", "q4")
    with pytest.raises(okr.DuplicateIdError):
        small.add_key_result("launch", "Again", "company", {"kind": "boolean"})  # removed with marketing
    assert state(small) == before


def test_an_addition_at_a_time_exists_from_then_on(small):
    small.add_objective("retention", "Keep customers", "growth", "q4", at="2026-11-10", by="frida")
    small.add_key_result("churn", "Churn from 4% to 2%", "retention",
                         {"kind": "numeric", "start": 4, "target": 2}, at="2026-11-10")
    small.link("retention", "company", 1.0, at="2026-11-10")
    assert "retention" not in small.rollup("2026-11-09") and "churn" not in small.rollup("2026-11-09")
    assert "churn" in small.rollup("2026-11-15")
    assert small.children_of("company")[-1] == ("retention", 1.0)
    assert [(e["entity"], e["field"]) for e in small.log(id="retention")] == [
        ("retention -> company", "weight"), ("retention", "exists")]


def test_the_clock(small):
    assert small.clock() is None
    small.set_clock("2026-11-12T08:00:00Z", by="clock-user", reason="weekly review")
    assert small.clock() == {"at": dt.datetime(2026, 11, 12, 8, tzinfo=UTC), "by": "clock-user",
                             "reason": "weekly review"}
    small.update_key_result("new", measure=NEW_800)
    e = small.log()[0]
    assert (e["at"], e["by"], e["reason"], e["field"]) == (
        dt.datetime(2026, 11, 12, 8, tzinfo=UTC), "clock-user", "weekly review", "target")
    # by / reason given with the call stand in for the clock's; its time stays
    small.update_objective("marketing", reason="clearer", title="Grow it")
    e = small.log()[0]
    assert (e["at"], e["by"], e["reason"]) == (dt.datetime(2026, 11, 12, 8, tzinfo=UTC),
                                              "clock-user", "clearer")
    # an explicit `at` makes a stamp of its own: the clock is not used
    small.remove_key_result("wait", at="2026-11-13", by="anna")
    assert (small.log()[0]["at"], small.log()[0]["by"]) == (dt.datetime(2026, 11, 13, tzinfo=UTC),
                                                            "anna")
    small.update_key_result(kr_id="new", at="2026-11-13", title="x")
    assert (small.log()[0]["by"], small.log()[0]["reason"]) == (None, None)
    # with a clock, additions exist from its time
    small.set_clock(dt.date(2026, 11, 14))
    small.add_objective("retention", "Keep customers", "growth", "q4")
    assert "retention" not in small.rollup("2026-11-13") and "retention" in small.rollup("2026-11-14")
    assert small.log()[0]["by"] is None
    # removing the clock: changes need `at` again
    small.set_clock()
    assert small.clock() is None
    with pytest.raises(okr.MissingTimeError):
        small.update_objective("marketing", title="x")
    with pytest.raises(TypeError):
        small.set_clock(by="anna")
    with pytest.raises(okr.InvalidValueError):
        small.set_clock("2026-11-14T10:00:00")


def test_new_error_classes():
    for name, code in [("MissingTimeError", "missing_time"), ("InvalidRevisionError", "invalid_revision")]:
        cls = getattr(okr, name)
        assert issubclass(cls, okr.OkrError) and cls.__module__ == "okr._okr" and cls.__doc__
        assert okr.error_classes()[name] is cls


def test_copy_keeps_history_and_clock(small):
    small.update_key_result("new", at="2026-11-10", measure=NEW_800)
    small.set_clock("2026-11-12")
    c = small.copy()
    assert c.log() == small.log() and c.clock() == small.clock()
    assert c.rollup("2026-11-09")["new"].progress == 0.5
