"""``Graph.history``: every node's figures at the points of a range (its start, every day, week,
month or quarter after it, its end) in one call, each point what ``rollup(point)`` gives; dates
and times by the one rule for times (a date is the end of that day, a zoned time that instant, a
time without a zone refused with what to pass)."""

import datetime as dt
import pickle

import pytest

import okr

UTC = dt.timezone.utc
FIGURES = ("value", "progress", "attainment", "expected", "planned_value", "status")


def same_as_rollups(g, s):
    """Every figure of every node at every point equals ``rollup(point)``'s."""
    assert len(s.as_of) == len(s.dates)
    for i, t in enumerate(s.as_of):
        r = g.rollup(t if t.microsecond != 999999 else s.dates[i])
        for id in s.ids:
            n, col = r.get(id), s[id]
            if n is None:
                assert col["status"][i] is None, (id, t)
                continue
            for f in FIGURES:
                assert col[f][i] == getattr(n, f), (id, t, f)


def test_weekly_history_of_a_quarter(acme):
    s = acme.history("2026-10-01", "2026-12-31", freq="W")
    assert s.dates[:3] == [dt.date(2026, 10, 1), dt.date(2026, 10, 8), dt.date(2026, 10, 15)]
    # the end of the range is always a point: Dec 24 is the 12th week, then Dec 31
    assert s.dates[-2:] == [dt.date(2026, 12, 24), dt.date(2026, 12, 31)]
    assert len(s.dates) == 14
    # a date is the end of that day, UTC
    assert s.as_of[0] == dt.datetime(2026, 10, 1, 23, 59, 59, 999999, tzinfo=UTC)
    same_as_rollups(acme, s)
    # the same points as the daily series at those dates
    daily = acme.series("2026-10-01", "2026-12-31")
    for i, d in enumerate(s.dates):
        j = daily.dates.index(d)
        for id in s.ids:
            assert s[id]["progress"][i] == daily[id]["progress"][j]
            assert s[id]["status"][i] == daily[id]["status"][j]


def test_frequencies_and_the_default(acme):
    monthly = acme.history(dt.date(2026, 10, 1), dt.date(2026, 12, 31), freq="M")
    assert monthly.dates == [dt.date(2026, 10, 1), dt.date(2026, 11, 1), dt.date(2026, 12, 1),
                             dt.date(2026, 12, 31)]
    assert acme.history("2026-10-01", "2026-12-31", freq="month").dates == monthly.dates
    assert acme.history("2026-10-01", "2026-12-31", freq="Q").dates == [
        dt.date(2026, 10, 1), dt.date(2026, 12, 31)]
    daily = acme.history("2026-11-01", "2026-11-05", freq="D")
    assert daily.dates == acme.series("2026-11-01", "2026-11-05").dates
    # no freq: weekly (okr-core's default)
    assert acme.history("2026-10-01", "2026-12-31").dates == acme.history(
        "2026-10-01", "2026-12-31", freq="week").dates
    s = acme.history("2026-10-01", "2026-12-31", freq="W", ids=["annual-revenue", "sales-growth"])
    assert s.ids == ["annual-revenue", "sales-growth"]
    same_as_rollups(acme, s)


def test_bad_frequencies_and_ranges_are_typed_errors(acme):
    for bad in ("ME", "MS", "W-SUN", "weekly", "", "2W"):
        with pytest.raises(okr.InvalidValueError, match="D, W, M, Q, day, week, month or quarter"):
            acme.history("2026-10-01", "2026-12-31", freq=bad)
    with pytest.raises(okr.InvalidValueError, match="start"):
        acme.history("2026-12-31", "2026-10-01")
    with pytest.raises(okr.InvalidValueError, match="3660"):
        acme.history("2020-01-01", "2035-01-01", freq="Q")
    with pytest.raises(okr.UnknownIdError):
        acme.history("2026-10-01", "2026-12-31", ids=["nope"])
    with pytest.raises(TypeError):
        acme.history(20261001, "2026-12-31")


@pytest.fixture
def revenue(acme):
    """The example company with one more check-in on annual-revenue at 10:00 UTC on 2026-11-15,
    after 3,180,000 on 2026-11-14."""
    acme.check_in("annual-revenue", 3_400_000, at=dt.datetime(2026, 11, 15, 10, tzinfo=UTC))
    return acme


def test_a_naive_pandas_timestamp_is_refused_with_what_to_pass(revenue):
    pd = pytest.importorskip("pandas")
    for naive in (pd.Timestamp("2026-11-15"), dt.datetime(2026, 11, 15),
                  pd.date_range("2026-10-01", "2026-12-31", freq="W")[0]):
        with pytest.raises(okr.InvalidValueError) as info:
            revenue.history(naive, "2026-12-31")
        message = str(info.value)
        assert "has no time zone" in message and "start" in message
        assert "pass a date" in message and 'tz="UTC"' in message and "datetime.date" in message
    with pytest.raises(okr.InvalidValueError, match="end"):
        revenue.history("2026-10-01", pd.Timestamp("2026-12-31"))
    # the same text as a string: the reason without the Python advice
    with pytest.raises(okr.InvalidValueError, match="has no time zone") as info:
        revenue.history("2026-11-15T00:00:00", "2026-12-31")
    assert "pd.Timestamp" not in str(info.value)


def test_the_same_day_as_a_date_and_as_a_zoned_timestamp(revenue):
    """The issue's inconsistency is gone: a date is the end of that day, a zoned Timestamp that
    instant, each what ``rollup`` says at the same moment; a naive one is refused (above)."""
    pd = pytest.importorskip("pandas")
    day = dt.date(2026, 11, 15)
    midnight = pd.Timestamp("2026-11-15", tz="UTC")
    ids = ["annual-revenue"]
    by_date = revenue.history(day, day, ids=ids)["annual-revenue"]
    by_string = revenue.history("2026-11-15", "2026-11-15", ids=ids)["annual-revenue"]
    at_midnight = revenue.history(midnight, midnight, ids=ids)["annual-revenue"]
    # the end of the day counts the check-in of 10:00; 00:00 UTC does not
    assert by_date == by_string
    assert by_date["value"] == [3_400_000.0]
    assert at_midnight["value"] == [3_180_000.0]
    assert by_date["status"] == [revenue.rollup(day)["annual-revenue"].status]
    assert at_midnight["status"] == [revenue.rollup(midnight)["annual-revenue"].status]
    assert at_midnight["progress"] == [revenue.rollup(midnight)["annual-revenue"].progress]
    assert revenue.history(midnight, midnight).as_of == [dt.datetime(2026, 11, 15, tzinfo=UTC)]
    # a Timestamp in another zone is that instant (11:00+01:00 is 10:00 UTC: the check-in counts)
    oslo = pd.Timestamp("2026-11-15 11:00", tz="Europe/Oslo")
    assert revenue.history(oslo, oslo, ids=ids)["annual-revenue"]["value"] == [3_400_000.0]
    # numpy's day-precision datetime64 is a date
    import numpy
    assert revenue.history(numpy.datetime64("2026-11-15"), "2026-11-15", ids=ids)[
        "annual-revenue"]["value"] == [3_400_000.0]


def test_zoned_steps_keep_the_time_of_day(revenue):
    pd = pytest.importorskip("pandas")
    start = pd.Timestamp("2026-10-01 09:00", tz="UTC")
    s = revenue.history(start, pd.Timestamp("2026-10-20", tz="UTC"), freq="W")
    assert s.as_of == [dt.datetime(2026, 10, 1, 9, tzinfo=UTC), dt.datetime(2026, 10, 8, 9, tzinfo=UTC),
                       dt.datetime(2026, 10, 15, 9, tzinfo=UTC), dt.datetime(2026, 10, 20, tzinfo=UTC)]
    same_as_rollups(revenue, s)


def test_history_as_a_table(acme):
    pd = pytest.importorskip("pandas")
    s = acme.history("2026-10-01", "2026-12-31", freq="M", ids=["annual-revenue", "sales-growth"])
    df = s.to_pandas()
    assert len(df) == 4 * 2
    wide = df.pivot(index="date", columns="id", values="progress")
    assert list(wide.index) == [pd.Timestamp(d) for d in s.dates]
    assert wide.loc[pd.Timestamp("2026-12-31"), "annual-revenue"] == acme.rollup(
        "2026-12-31")["annual-revenue"].progress
    # a pickled graph (to a worker) gives the same history
    g2 = pickle.loads(pickle.dumps(acme))
    assert g2.history("2026-10-01", "2026-12-31")["sales-growth"] == acme.history(
        "2026-10-01", "2026-12-31")["sales-growth"]
