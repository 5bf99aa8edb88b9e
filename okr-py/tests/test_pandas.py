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


@pytest.mark.parametrize("as_of", ["2026-10-01", AS_OF, "2027-03-01"])
def test_to_pandas_holds_the_values_of_to_columns(acme, as_of):
    r = acme.rollup(as_of)
    df = r.to_pandas()
    c = r.to_columns()
    assert list(df.columns) == list(c)
    for col in ("progress", "attainment", "confidence", "value", "planned_value"):
        assert [None if pd.isna(x) else x for x in df[col]] == c[col], col
    for col in ("id", "kind", "status", "state", "title", "counted", "stale", "blocked"):
        assert list(df[col]) == c[col], col
    assert [None if pd.isna(t) else t.to_pydatetime() for t in df["last_check_in"]] == c["last_check_in"]
    # the caller's to change
    df.loc[0, "progress"] = 0.5
    df.loc[0, "stale"] = True
    assert df.loc[0, "progress"] == 0.5


def test_to_pandas_of_an_empty_graph():
    df = okr.Graph().rollup(AS_OF).to_pandas()
    assert len(df) == 0
    assert list(df.columns) == ["id", "kind", "title", "owner", "objective", "cycle", "state",
                                "counted", "as_of", "progress", "attainment", "expected", "status",
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
    with pytest.raises(okr.TableError, match="has no time zone") as e:
        small.check_in_from_pandas(naive)
    assert [(p["row"], p["column"]) for p in e.value.problems] == [(1, "at")]
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
    with pytest.raises(okr.TableError) as e:
        small.check_in_from_pandas(df)
    [p] = e.value.problems
    assert (p["row"], p["column"], p["code"], p["ids"]) == (3, "kr_id", "unknown_id", ["ghost"])
    assert small.dumps() == before
    df = pd.DataFrame({"kr_id": ["new", "wait"], "value": [1.0, float("nan")], "at": ["2026-11-10"] * 2})
    with pytest.raises(okr.TableError) as e:
        small.check_in_from_pandas(df)
    assert [(p["row"], p["ids"]) for p in e.value.problems] == [(2, ["wait"])]
    assert small.dumps() == before
    with pytest.raises(okr.TableError, match="missing"):
        small.check_in_from_pandas(df, kr="missing")
    assert small.dumps() == before


def test_check_in_from_a_frame_takes_every_column_and_refuses_a_time_twice(small):
    df = pd.DataFrame({
        "kr_id": ["new", "new"],
        "value": [300.0, 320.0],
        "at": ["2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z"],
        "confidence": [0.5, None],
        "note": ["half way", None],
        "author": ["frida", "frida"],
        "ignored": [1, 2],
    })
    assert small.check_in_from_pandas(df) == 2
    got = small.check_ins("new")[-2]
    assert (got["confidence"], got["note"], got["author"]) == (0.5, "half way", "frida")
    before = small.dumps()
    twice = pd.DataFrame({"kr_id": ["wait", "wait", "new"], "value": [47.0, 46.0, 1.0],
                          "at": ["2026-11-13T09:00:00Z", "2026-11-13T09:00:00Z",
                                 "2026-11-12T09:00:00Z"]})
    with pytest.raises(okr.TableError) as e:
        small.check_in_from_pandas(twice)
    assert [(p["row"], p["code"]) for p in e.value.problems] == [
        (2, "invalid_check_in"), (3, "invalid_check_in")]
    assert "row 1" in e.value.problems[0]["message"]
    assert "recorded" in e.value.problems[1]["message"]
    assert small.dumps() == before


def test_check_in_from_polars_and_dicts(small):
    pl = pytest.importorskip("polars")
    df = pl.DataFrame({"kr_id": ["new"], "value": [330.0], "at": ["2026-11-14T09:00:00Z"],
                       "confidence": [0.9]})
    assert small.check_in_from_pandas(df) == 1
    assert small.check_ins("new")[-1]["confidence"] == 0.9
    cols = {"kr_id": ["wait"], "value": [44.0], "at": ["2026-11-14T09:00:00Z"]}
    assert small.check_in_from_pandas(cols) == 1


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
