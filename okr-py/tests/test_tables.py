"""Tables in and out: okr.from_tables (dicts of columns, pandas, polars and pyarrow frames),
okr.from_csv, Graph.to_tables and Graph.to_csv, TableError and its problems. The rules are
okr-core's (okr_core::tables); these tests check the conversions and that the rules reach
Python."""

import datetime as dt
import math
import pickle
import subprocess
import sys

import pytest

import okr
from conftest import AS_OF, EXAMPLE

UTC = dt.timezone.utc
# tables carry the organisation as it is now, not its history (revisions up to 2026-11-12 in
# the example): the rollups agree from the last revision on
DATES = [AS_OF, "2026-11-20T15:30:00Z", "2026-12-31", "2027-03-01"]


def figures(g, as_of):
    """Every node's rollup figures at `as_of`."""
    return {n.id: n.to_dict() for n in g.rollup(as_of)}


def base():
    """An owner, a cycle and an objective, as dicts of columns."""
    return {
        "owners": {"id": ["acme"], "name": ["Acme"]},
        "cycles": {"id": ["q4"], "start": ["2026-10-01"], "end": ["2026-12-31"]},
        "objectives": {"id": ["o1"], "title": ["O"], "owner": ["acme"], "cycle": ["q4"]},
    }


def test_dicts_with_integer_ids_and_flags():
    g = okr.from_tables(
        owners={"id": [7], "name": ["Acme"], "kind": ["organisation"]},
        cycles={"id": [2026], "start": [dt.date(2026, 1, 1)], "end": ["2026-12-31"]},
        objectives={"id": [1, 2], "title": ["Lead", "Grow"], "owner": [7, 7],
                    "cycle": [2026, 2026]},
        links={"child": [2], "parent": [1], "weight": [2]},
        key_results={"id": [10, 11], "objective": [2, 2], "title": ["Live", "Sales"],
                     "kind": ["boolean", None], "start": [None, 0], "target": [None, 100]},
        check_ins={"key_result": [10, 11, 10],
                   "at": [dt.date(2026, 3, 1), dt.datetime(2026, 4, 1, 12, tzinfo=UTC),
                          "2026-05-01"],
                   "done": [0, None, 1], "value": [None, 50, None]},
    )
    assert "1" in g and "2" in g and "10" in g
    assert g.owner("7")["name"] == "Acme"
    assert g.parents_of("2") == [("1", 2.0)]
    assert [k["id"] for k in g.key_results_of("2")] == ["10", "11"]
    r = g.rollup("2026-06-30")
    assert r["10"].progress == 1.0
    assert r["11"].progress == pytest.approx(0.5)
    done = [c for c in g.to_tables()["check_ins"]["done"]]
    assert done == [False, True, None]


def test_owners_may_be_left_out_and_absent_tables_are_none():
    t = base()
    del t["owners"]
    g = okr.from_tables(**t, key_results=None, links=None)
    assert [o["id"] for o in g.owners()] == ["acme"]
    assert len(g) == 1


def test_nan_none_and_nat_are_absent_values():
    t = base()
    g = okr.from_tables(
        **t,
        key_results={"id": ["k1", "k2"], "objective": ["o1", "o1"], "title": ["A", "B"],
                     "start": [0.0, 0.0], "target": [10.0, 10.0],
                     "weight": [2.0, math.nan], "unit": [None, "EUR"], "due": [None, None]},
        check_ins={"key_result": ["k1"], "at": ["2026-11-01T00:00:00Z"], "value": [5],
                   "confidence": [math.nan], "note": [None]},
    )
    assert g.key_result("k1")["weight"] == 2.0
    assert g.key_result("k2")["weight"] == 1.0  # absent: okr-core's default
    assert g.key_result("k1").get("unit", "") == ""
    t = g.to_tables()
    assert t["check_ins"]["confidence"] == [None]
    assert t["key_results"]["unit"] == [None, "EUR"]


def test_from_pandas():
    pd = pytest.importorskip("pandas")
    t = base()
    objectives = pd.DataFrame(t["objectives"])
    key_results = pd.DataFrame({
        "id": [1001, 1002], "objective": ["o1", "o1"], "title": ["A", "B"],
        "start": [0, 0], "target": [100, 10],
        # NaN in a float column, NaT in a time column, None in an object column
        "weight": [2.0, float("nan")],
        "due": pd.to_datetime(["2026-12-15", None], utc=True),
        "unit": ["EUR", None],
    })
    check_ins = pd.DataFrame({
        "key_result": [1001, 1001, 1002],
        "at": pd.to_datetime(["2026-10-10T08:00:00Z", "2026-11-01T09:30:00+01:00",
                              "2026-11-02T00:00:00Z"], utc=True),
        "value": [20.0, 40.0, 5.0],
        "confidence": [0.5, None, pd.NA],
    })
    check_ins["confidence"] = check_ins["confidence"].astype("Float64")  # pandas' NA
    g = okr.from_tables(objectives=objectives, key_results=key_results, check_ins=check_ins,
                        owners=pd.DataFrame(t["owners"]), cycles=pd.DataFrame(t["cycles"]))
    assert g.key_result("1001")["due"] == "2026-12-15"
    assert "due" not in g.key_result("1002") or g.key_result("1002")["due"] is None
    assert g.key_result("1002")["weight"] == 1.0
    assert g.key_result("1002").get("unit", "") == ""
    assert g.rollup(AS_OF)["1001"].progress == pytest.approx(0.4)
    back = g.to_tables()["check_ins"]
    assert back["at"][1] == dt.datetime(2026, 11, 1, 8, 30, tzinfo=UTC)
    assert back["confidence"] == [0.5, None, None]
    # the tables make frames again, and read back the same
    frames = {name: pd.DataFrame(cols) for name, cols in g.to_tables().items()}
    again = okr.from_tables(**frames)
    assert figures(again, AS_OF) == figures(g, AS_OF)


def test_pandas_column_names_are_text_and_the_index_is_not_a_column():
    pd = pytest.importorskip("pandas")
    t = base()
    owners = pd.DataFrame({"id": ["acme"]}, index=[42])
    g = okr.from_tables(**{**t, "owners": owners})
    assert [o["id"] for o in g.owners()] == ["acme"]
    # a misspelt column is okr-core's problem, with its name
    bad = pd.DataFrame({"id": ["acme"], "nmae": ["Acme"]})
    with pytest.raises(okr.TableError) as info:
        okr.from_tables(**{**t, "owners": bad})
    assert [(p["table"], p["row"], p["column"]) for p in info.value.problems] == [
        ("owners", None, "nmae")]


def test_numpy_values():
    np = pytest.importorskip("numpy")
    t = base()
    g = okr.from_tables(
        **t,
        key_results={"id": np.array([1, 2]), "objective": ["o1", "o1"], "title": ["A", "B"],
                     "kind": ["boolean", "boolean"],
                     "due": np.array(["2026-12-01", "NaT"], dtype="datetime64[D]")},
        check_ins={"key_result": [np.int64(1), np.int32(2)],
                   "at": [np.datetime64("2026-11-01"), np.datetime64("2026-11-02")],
                   "done": [np.bool_(True), np.bool_(False)]},
    )
    assert g.key_result("1")["due"] == "2026-12-01"
    assert g.rollup(AS_OF)["1"].progress == 1.0
    assert g.rollup(AS_OF)["2"].progress == 0.0
    # numpy's times have no zone: a midnight is its day in a date column (how frames hold
    # dates); another time of day is not a date
    g = okr.from_tables(**{**t, "cycles": {"id": ["q4"], "start": np.array(
        ["2026-10-01T00:00"], dtype="datetime64[ns]"), "end": ["2026-12-31"]}})
    assert g.to_tables()["cycles"]["start"] == [dt.date(2026, 10, 1)]
    with pytest.raises(okr.TableError) as info:
        okr.from_tables(**{**t, "cycles": {"id": ["q4"], "start": np.array(
            ["2026-10-01T09:30"], dtype="datetime64[ns]"), "end": ["2026-12-31"]}})
    p = info.value.problems[0]
    assert (p["table"], p["row"], p["column"]) == ("cycles", 1, "start")
    assert "a time of day where a date is expected" in p["message"]


def test_a_time_without_a_zone_is_refused():
    t = base()
    kr = {"id": ["k"], "objective": ["o1"], "title": ["K"], "kind": ["boolean"]}
    naive = {"key_result": ["k", "k"],
             "at": [dt.datetime(2026, 11, 1, tzinfo=UTC), dt.datetime(2026, 11, 2, 12)],
             "done": [False, True]}
    with pytest.raises(okr.TableError) as info:
        okr.from_tables(**t, key_results=kr, check_ins=naive)
    message = str(info.value)
    assert "check_ins, row 2, column at" in message
    assert "no time zone" in message
    assert [(p["table"], p["row"], p["column"]) for p in info.value.problems] == [
        ("check_ins", 2, "at")]
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"key_result": ["k"], "at": pd.to_datetime(["2026-11-02 12:00"]),
                          "done": [True]})
    with pytest.raises(okr.TableError, match="no time zone"):
        okr.from_tables(**t, key_results=kr, check_ins=frame)
    # the same time with its zone is taken
    frame["at"] = frame["at"].dt.tz_localize("Europe/Oslo")
    g = okr.from_tables(**t, key_results=kr, check_ins=frame)
    assert g.to_tables()["check_ins"]["at"] == [dt.datetime(2026, 11, 2, 11, tzinfo=UTC)]


def test_every_problem_at_once():
    t = base()
    with pytest.raises(okr.TableError) as info:
        okr.from_tables(**t, key_results={
            "id": ["k1", "k2", "k3", "k4"],
            "objective": ["ghost", "o1", "o1", "o1"],
            "title": ["A", "B", None, "D"],
            "start": [0, 0, 0, 0],
            "target": [10, "lots", 5, 5],
        })
    e = info.value
    assert isinstance(e, okr.OkrError) and e.code == "invalid_tables"
    got = [(p["table"], p["row"], p["column"], p["code"]) for p in e.problems]
    assert got == [
        ("key_results", 1, "objective", "unknown_id"),
        ("key_results", 2, "target", "invalid_value"),
        ("key_results", 3, "title", "invalid_value"),
    ]
    first = e.problems[0]
    assert first["value"] == "ghost" and first["ids"] == ["ghost"] and "ghost" in first["message"]
    assert e.problems[1]["value"] == "lots"
    assert e.ids == ["ghost"]  # the first problem's
    assert str(e).startswith("3 problems in the tables: key_results, row 1, column objective")
    assert set(e.problems[0]) == {"table", "row", "column", "value", "code", "message", "ids"}
    # it pickles with its problems
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is okr.TableError
    assert (again.code, again.ids, again.problems, str(again)) == (
        e.code, e.ids, e.problems, str(e))


def test_a_failed_import_is_table_error():
    with pytest.raises(okr.TableError) as info:
        okr.from_tables(objectives={"id": ["x"], "title": ["X"], "owner": ["o"],
                                    "cycle": ["nope"]})
    assert info.value.code == "invalid_tables"
    assert info.value.problems[0]["table"] == "objectives"
    assert info.value.problems[0]["row"] == 1
    assert info.value.problems[0]["column"] == "cycle"


def test_conversion_errors_name_the_table_row_and_column():
    t = base()
    with pytest.raises(okr.InvalidValueError, match=r"owners, row 2, column name: a list"):
        okr.from_tables(**{**t, "owners": {"id": ["a", "b"], "name": ["A", ["B"]]}})
    with pytest.raises(okr.InvalidValueError, match=r"owners: the column"):
        okr.from_tables(**{**t, "owners": {"id": ["a", "b"], "name": ["A"]}})
    with pytest.raises(okr.InvalidValueError, match="column name must be str"):
        okr.from_tables(**{**t, "owners": {1: ["a"]}})
    with pytest.raises(TypeError, match="owners"):
        okr.from_tables(**{**t, "owners": 42})
    with pytest.raises(TypeError, match="sequence"):
        okr.from_tables(**{**t, "owners": {"id": "acme"}})


def test_an_unknown_table_is_okr_cores_error():
    with pytest.raises(okr.InvalidValueError, match="not a table of okr's"):
        okr.from_tables(objectivs={"id": ["x"]})
    # even when None, before anything is read
    with pytest.raises(okr.InvalidValueError, match="not a table of okr's"):
        okr.from_tables(objectivs=None)


def test_every_table_name_is_a_keyword(acme):
    names = list(acme.to_tables())
    assert names[:4] == ["owners", "groups", "cycles", "objectives"]
    for name in names:  # each table alone is a known name (problems, if any, are TableError)
        try:
            okr.from_tables(**{name: {}})
        except okr.TableError:
            pass


def test_anything_with_to_pydict():
    class Frame:
        def __init__(self, cols):
            self.cols = cols

        def to_pydict(self):
            return self.cols

    t = {name: Frame(cols) for name, cols in base().items()}
    g = okr.from_tables(**t)
    assert "o1" in g


def test_integers_beyond_64_bits_are_their_decimal_text():
    t = base()
    big = 2**70
    g = okr.from_tables(**{**t, "objectives": {**t["objectives"], "id": [big]}})
    assert str(big) in g


def test_to_tables_types(acme):
    t = acme.to_tables()
    cycles = t["cycles"]
    assert all(isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d in cycles["start"])
    at = t["check_ins"]["at"]
    assert all(isinstance(x, dt.datetime) and x.tzinfo is not None for x in at)
    assert all(x.utcoffset() == dt.timedelta(0) for x in at)
    for cols in t.values():
        lengths = {len(v) for v in cols.values()}
        assert len(lengths) <= 1


def test_the_example_company_round_trips_through_tables(acme):
    again = okr.from_tables(**acme.to_tables())
    assert again.to_tables() == acme.to_tables()
    for as_of in DATES:
        assert figures(again, as_of) == figures(acme, as_of), as_of


def test_the_example_company_round_trips_through_csv(acme):
    texts = acme.to_csv()
    assert all(isinstance(v, str) for v in texts.values())
    assert texts["objectives"].splitlines()[0].startswith("id,title,owner,cycle")
    again = okr.from_csv(texts)
    assert again.to_csv() == texts
    for as_of in DATES:
        assert figures(again, as_of) == figures(acme, as_of), as_of


def test_the_example_company_round_trips_through_pandas(acme):
    pd = pytest.importorskip("pandas")
    frames = {name: pd.DataFrame(cols) for name, cols in acme.to_tables().items()}
    again = okr.from_tables(**frames)
    for as_of in DATES:
        assert figures(again, as_of) == figures(acme, as_of), as_of


def test_from_csv_problems_and_types():
    with pytest.raises(okr.TableError) as info:
        okr.from_csv({"objectivs": "id\nx\n"})
    assert info.value.problems[0]["table"] == "objectivs"
    with pytest.raises(TypeError, match="must be str"):
        okr.from_csv({"objectives": b"id\n"})
    with pytest.raises(TypeError, match="dict"):
        okr.from_csv(["objectives"])
    g = okr.from_csv({
        "cycles": "id,start,end\nq4,2026-10-01,2026-12-31\n",
        "objectives": "id,title,owner,cycle\no1,\"Grow, fast\",acme,q4\n",
    })
    assert g.objective("o1")["title"] == "Grow, fast"


def test_from_polars(acme):
    pl = pytest.importorskip("polars")
    frames = {name: pl.DataFrame(cols, strict=False) for name, cols in acme.to_tables().items()}
    again = okr.from_tables(**frames)
    for as_of in DATES:
        assert figures(again, as_of) == figures(acme, as_of), as_of
    t = base()
    series = {name: {c: pl.Series(c, v) for c, v in cols.items()} for name, cols in t.items()}
    assert "o1" in okr.from_tables(**series)


def test_from_pyarrow(acme):
    pa = pytest.importorskip("pyarrow")
    tables = {name: pa.table(cols) for name, cols in acme.to_tables().items()}
    again = okr.from_tables(**tables)
    for as_of in DATES:
        assert figures(again, as_of) == figures(acme, as_of), as_of
    t = base()
    batches = {name: pa.RecordBatch.from_pydict(cols) for name, cols in t.items()}
    assert "o1" in okr.from_tables(**batches)
    arrays = {name: {c: pa.array(v) for c, v in cols.items()} for name, cols in t.items()}
    assert "o1" in okr.from_tables(**arrays)
    # a timestamp column without a zone is refused
    kr = {"id": ["k"], "objective": ["o1"], "title": ["K"], "kind": ["boolean"]}
    naive = pa.table({"key_result": ["k"], "at": pa.array([dt.datetime(2026, 11, 2)]),
                      "done": [True]})
    with pytest.raises(okr.TableError, match="no time zone"):
        okr.from_tables(**t, key_results=kr, check_ins=naive)


def test_no_frame_library_is_imported_for_dicts():
    code = (
        "import sys, okr\n"
        "okr.from_tables(objectives={'id': ['o'], 'title': ['O'], 'owner': ['a'], "
        "'cycle': ['c']}, cycles={'id': ['c'], 'start': ['2026-01-01'], 'end': ['2026-12-31']})\n"
        "okr.from_csv(okr.load(sys.argv[1]).to_csv())\n"
        "print(sorted(m for m in ('pandas', 'polars', 'pyarrow', 'numpy') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_import_tables_updates_by_key_as_revisions():
    g = okr.load(EXAMPLE)
    before = g.dumps()
    title = g.objective("sales-growth")["title"]
    objectives = {"id": ["sales-growth"], "title": ["Grow retainer sales by 90% in 2026"]}
    check_ins = {
        "key_result": ["annual-revenue"],
        "at": [dt.datetime(2026, 12, 2, 9, tzinfo=UTC)],
        "value": [3_300_000],
    }
    report = g.import_tables(
        at="2026-12-01", by="anna", dry_run=True, objectives=objectives, check_ins=check_ins
    )
    assert report == {
        "created": [
            {"table": "check_ins", "key": "annual-revenue @ 2026-12-02T09:00:00+00:00"}
        ],
        "updated": [{"table": "objectives", "key": "sales-growth", "fields": ["title"]}],
        "deleted": [],
    }
    assert g.dumps() == before  # a dry run changes nothing
    assert g.import_tables(at="2026-12-01", by="anna", objectives=objectives,
                           check_ins=check_ins) == report
    assert g.objective("sales-growth")["title"] == "Grow retainer sales by 90% in 2026"
    log = g.log("sales-growth")
    assert log[-1]["by"] == "anna"
    # before the import's time the title was the old one
    assert g.rollup("2026-11-30")["sales-growth"].id == "sales-growth"
    assert title != g.objective("sales-growth")["title"]
    # the same again changes nothing
    again = g.import_tables(at="2026-12-01", objectives=objectives, check_ins=check_ins)
    assert again == {"created": [], "updated": [], "deleted": []}


def test_import_tables_problems_and_failures_change_nothing():
    g = okr.load(EXAMPLE)
    before = g.dumps()
    with pytest.raises(okr.TableError) as e:
        g.import_tables(at="2026-12-01",
                        objectives={"id": ["sales-growth", 7], "title": ["Grow", "Seven"],
                                    "owner": ["nobody", "sales"]})
    places = {(p["table"], p["row"], p["column"]) for p in e.value.problems}
    assert ("objectives", 1, "owner") in places
    assert ("objectives", 2, "cycle") in places  # a new objective needs its cycle
    with pytest.raises(okr.InvalidRevisionError):
        g.import_tables(at="2000-01-01", objectives={"id": ["sales-growth"], "title": ["Grow"]})
    with pytest.raises(okr.OkrError):
        g.import_tables(at="2026-12-01", bogus={"id": ["x"]})
    assert g.dumps() == before
    # delete_missing: only in the tables given
    ids = g.to_tables()["key_results"]["id"]
    kept = [i for i in ids if i != "annual-revenue"]
    report = g.import_tables(at="2026-12-01", delete_missing=True, key_results={
        c: [v for i, v in zip(ids, vals) if i != "annual-revenue"]
        for c, vals in g.to_tables()["key_results"].items()
    })
    assert report["deleted"] == [{"table": "key_results", "key": "annual-revenue"}]
    assert sorted(k["id"] for k in g.key_results()) == sorted(kept)


def test_any_arrow_stream_is_a_table():
    """Anything with the Arrow PyCapsule interface (`__arrow_c_stream__`) reads as a table:
    here a wrapper that offers nothing else."""
    pa = pytest.importorskip("pyarrow")

    class Stream:
        def __init__(self, table):
            self.table = table

        def __arrow_c_stream__(self, requested_schema=None):
            return self.table.__arrow_c_stream__(requested_schema)

    cols = base()
    g = okr.from_tables(
        owners=Stream(pa.table(cols["owners"])),
        cycles=Stream(pa.table(cols["cycles"])),
        objectives=Stream(pa.table(cols["objectives"])),
    )
    assert [o["id"] for o in g.objectives()] == list(cols["objectives"]["id"])
