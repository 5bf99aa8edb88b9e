"""Series and burn-up charts through the Python package: at every date the figures of
``rollup(date)``, the chart the ``okr chart`` command prints, typed errors."""

import datetime as dt
import subprocess

import pytest

import okr
from conftest import EXAMPLE, REPO, okr_cli


def test_series_equals_a_rollup_at_every_date(acme):
    s = acme.series("2026-10-28", "2026-11-06")
    assert s.dates[0] == dt.date(2026, 10, 28) and s.dates[-1] == dt.date(2026, 11, 6)
    assert len(s.dates) == 10
    assert len(s) == len(s.ids) and "fair-leads" in s
    for i, day in enumerate(s.dates):
        r = acme.rollup(day)
        for id in s.ids:
            col = s[id]
            n = r.get(id)
            if n is None:
                assert col["status"][i] is None
                continue
            assert col["kind"] == n.kind
            assert col["progress"][i] == n.progress
            assert col["value"][i] == n.value
            assert col["expected"][i] == n.expected
            assert col["planned_value"][i] == n.planned_value
            assert col["attainment"][i] == n.attainment
            assert col["status"][i] == n.status


def test_series_of_some_ids_in_the_order_asked(acme):
    s = acme.series(dt.date(2026, 11, 1), dt.date(2026, 11, 3), ids=["fair-leads", "sales-growth"])
    assert s.ids == ["fair-leads", "sales-growth"]
    full = acme.series(dt.date(2026, 11, 1), dt.date(2026, 11, 3))
    assert s["fair-leads"] == full["fair-leads"]
    # the target raised on 2026-11-03 (300 instead of 200 leads) shows from that day on
    assert s["fair-leads"]["expected"] == full["fair-leads"]["expected"]
    with pytest.raises(KeyError):
        s["customers"]


def test_series_columns_and_pandas(acme):
    s = acme.series("2026-11-01", "2026-11-02", ids=["new-customers", "sales-growth"])
    c = s.to_columns()
    assert c["id"] == ["new-customers", "sales-growth"] * 2
    assert c["date"] == [dt.date(2026, 11, 1)] * 2 + [dt.date(2026, 11, 2)] * 2
    assert c["kind"] == ["key_result", "objective"] * 2
    assert c["value"][1] is None and c["value"][0] == acme.rollup("2026-11-01")["new-customers"].value
    pd = pytest.importorskip("pandas")
    df = s.to_pandas()
    assert list(df.columns) == list(c)
    assert str(df["date"].dtype) == "datetime64[ms]"
    assert df["date"].iloc[0] == pd.Timestamp("2026-11-01")
    assert df["progress"].dtype == "float64"
    assert set(df["status"].cat.categories) <= {"on_track", "at_risk", "off_track", "not_started", "closed", "no_data"}
    wide = df.pivot(index="date", columns="id", values="progress")
    assert wide.shape == (2, 2)
    assert "Series 2026-11-01 to 2026-11-02 (2 days)" in repr(s)


def test_series_bad_ranges_are_typed_errors(acme):
    with pytest.raises(okr.InvalidValueError) as e:
        acme.series("2026-11-02", "2026-11-01")
    assert e.value.code == "invalid_value" and "from" in str(e.value)
    with pytest.raises(okr.InvalidValueError) as e:
        acme.series("2000-01-01", "2026-11-01")
    assert "3660" in str(e.value)
    with pytest.raises(okr.InvalidValueError):
        acme.series(dt.datetime(2026, 11, 1, 12), "2026-11-02")
    with pytest.raises(okr.UnknownIdError) as e:
        acme.series("2026-11-01", "2026-11-02", ids=["nope"])
    assert e.value.ids == ["nope"]


def test_chart_is_the_commands_and_shows_inline(acme):
    c = acme.chart("new-customers")
    assert isinstance(c, okr.Chart)
    assert c.id == "new-customers"
    assert c.svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert c._repr_svg_() == c.svg == str(c)
    assert "<script" not in c.svg
    out = subprocess.run([*okr_cli(), "chart", str(EXAMPLE), "new-customers"], cwd=REPO,
                         capture_output=True, text=True, check=True)
    assert out.stdout == c.svg
    ranged = acme.chart("fair-leads", from_="2026-11-01", to=dt.date(2026, 11, 20))
    assert "from 2026-11-01 to 2026-11-20</title>" in ranged.svg
    assert "from 2026-10-01 to 2026-11-20</title>" in acme.chart("fair-leads", to=None).svg
    assert "new-customers" in repr(c)


def test_chart_errors(acme):
    with pytest.raises(okr.UnknownIdError):
        acme.chart("nope")
    with pytest.raises(okr.InvalidValueError):
        acme.chart("fair-leads", from_="2026-12-01")
    with pytest.raises(okr.InvalidValueError):
        acme.chart("fair-leads", from_="yesterday")
