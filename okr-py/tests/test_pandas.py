import datetime as dt
import subprocess
import sys

import pytest

import okr
from conftest import AS_OF

pd = pytest.importorskip("pandas")
numpy = pytest.importorskip("numpy")
PLUS_ONE = dt.timezone(dt.timedelta(hours=1))


def test_rollup_to_pandas(acme):
    r = acme.rollup(AS_OF)
    df = r.to_pandas()
    assert len(df) == len(r)
    assert list(df.columns) == list(r.to_columns())
    row = df.set_index("id").loc["sales-growth"]
    assert row["progress"] == pytest.approx(r["sales-growth"].progress)
    assert row["status"] == "off_track"
    assert str(df["last_check_in"].dtype).startswith("datetime64")
    assert df["last_check_in"].dt.tz is not None
    assert df["progress"].dtype == "float64"
    off = df[(df.kind == "objective") & (df.status == "off_track")]
    assert set(off.id) == {n.id for n in r.objectives() if n.status == "off_track"}


def reference_frame(r):
    """to_pandas() as it was built from to_columns(), one Python object per value."""
    df = pd.DataFrame(r.to_columns())
    df["last_check_in"] = pd.to_datetime(df["last_check_in"], utc=True).astype("datetime64[ns, UTC]")
    for col in ("kind", "status"):
        df[col] = df[col].astype("category")
    # source: both categories, whether or not a figure is set by hand
    df["source"] = pd.Categorical(df["source"], categories=["computed", "manual"])
    for col in ("progress", "attainment", "confidence", "value", "computed_progress",
                "computed_attainment", "planned_value"):
        df[col] = df[col].astype("float64")
    return df


@pytest.mark.parametrize("as_of", ["2026-10-01", AS_OF, "2027-03-01"])
def test_to_pandas_equals_the_frame_of_to_columns(acme, as_of):
    r = acme.rollup(as_of)
    df = r.to_pandas()
    pd.testing.assert_frame_equal(df, reference_frame(r))
    # the caller's to change
    df.loc[0, "progress"] = 0.5
    df.loc[0, "stale"] = True
    assert df.loc[0, "progress"] == 0.5


def test_to_pandas_of_an_empty_graph():
    df = okr.Graph().rollup(AS_OF).to_pandas()
    assert len(df) == 0
    assert list(df.columns) == ["id", "kind", "progress", "attainment", "expected", "status",
                                "confidence", "stale", "undefined_reason", "value", "last_check_in",
                                "source", "computed_progress", "computed_attainment",
                                "planned_value", "blocked"]


def test_check_ins_frame(acme):
    df = acme.check_ins_frame()
    total = sum(len(acme.check_ins(k["id"])) for k in acme.key_results())
    assert len(df) == total
    assert list(df.columns) == ["kr_id", "objective", "at", "value", "done", "milestones_done",
                                "confidence", "note", "author"]
    assert str(df["at"].dtype).startswith("datetime64")


def test_check_in_from_pandas(small):
    df = pd.DataFrame({
        "kr": ["new", "wait", "new"],
        "v": [300.0, 48.0, 320.0],
        "when": [pd.Timestamp("2026-11-10", tz="UTC"), dt.date(2026, 11, 10), "2026-11-12"],
    })
    assert small.check_in_from_pandas(df, kr="kr", value="v", at="when") == 3
    r = small.rollup("2026-11-15")
    assert r["new"].value == 320.0 and r["wait"].value == 48.0
    frame = small.check_ins_frame()
    assert len(frame[frame.kr_id == "new"]) == 3


def test_check_in_from_pandas_default_columns_and_zoned_timestamps(small):
    at = pd.to_datetime(["2026-11-11 10:00"]).tz_localize(PLUS_ONE)
    df = pd.DataFrame({"kr_id": ["new"], "value": [310], "at": at})
    small.check_in_from_pandas(df)
    assert small.check_ins("new")[-1]["at"] == dt.datetime(2026, 11, 11, 9, tzinfo=dt.timezone.utc)


def test_times_naive_pandas_and_numpy_times_are_refused(small, acme):
    before = small.dumps()
    naive = pd.DataFrame({"kr_id": ["new"], "value": [310], "at": pd.to_datetime(["2026-11-11 10:00"])})
    with pytest.raises(okr.InvalidValueError, match="has no time zone"):
        small.check_in_from_pandas(naive)
    for t in (pd.Timestamp("2026-11-11 10:00"), numpy.datetime64("2026-11-11T10:00")):
        with pytest.raises(okr.InvalidValueError, match="pass a date .* or a time with a zone"):
            small.check_in("new", 310, at=t)
        with pytest.raises(okr.InvalidValueError, match="has no time zone"):
            acme.rollup(t)
    assert small.dumps() == before
    # a zoned pandas Timestamp is that instant; a day-precision numpy.datetime64 is a date
    zoned = pd.Timestamp("2026-11-15 18:00", tz=PLUS_ONE)
    assert acme.rollup(zoned).as_of == dt.datetime(2026, 11, 15, 17, tzinfo=dt.timezone.utc)
    assert acme.rollup(numpy.datetime64("2026-11-15")).as_of == acme.rollup("2026-11-15").as_of


def test_check_in_from_pandas_is_atomic(small):
    before = small.dumps()
    df = pd.DataFrame({"kr_id": ["new", "wait", "ghost"], "value": [1.0, 2.0, 3.0],
                       "at": ["2026-11-10"] * 3})
    with pytest.raises(okr.UnknownIdError):
        small.check_in_from_pandas(df)
    assert small.dumps() == before
    df = pd.DataFrame({"kr_id": ["new", "wait"], "value": [1.0, float("nan")], "at": ["2026-11-10"] * 2})
    with pytest.raises(okr.InvalidCheckInError):
        small.check_in_from_pandas(df)
    assert small.dumps() == before
    with pytest.raises(KeyError):
        small.check_in_from_pandas(df, kr="missing")
    assert small.dumps() == before


def test_to_pandas_without_pandas_raises_import_error():
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import okr\n"
        "g = okr.Graph()\n"
        "try:\n"
        "    g.rollup('2026-01-01').to_pandas()\n"
        "except ImportError as e:\n"
        "    assert str(e) == 'to_pandas() needs pandas: pip install pandas', e\n"
        "    print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"
