"""Result tables in Arrow (issue 23): fixed schemas whatever the data, pandas and polars
views, the counted flag, pickling and equality."""

import multiprocessing
import pickle
import re
import subprocess
import sys

import pytest

import okr
from conftest import AS_OF, EXAMPLE

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")


def all_null_text() -> okr.Graph:
    """Objectives only (objective column all null), no check-ins (last_check_in all null)."""
    g = okr.Graph()
    g.add_owner("o", "Org", "organisation")
    g.add_cycle("q", "2026-10-01", "2026-12-31")
    g.add_objective("a", "A", "o", "q")
    g.add_objective("b", "B", "o", "q", state="draft")
    return g


def tables(g: okr.Graph) -> dict[str, pa.Table]:
    return {
        "rollup": g.rollup(AS_OF).to_arrow(),
        "check_ins": g.check_ins_table().to_arrow(),
        "series": g.series("2026-11-01", "2026-11-02").to_arrow(),
    }


def test_schemas_are_the_same_whatever_the_data(acme):
    graphs = [okr.Graph(), all_null_text(), acme]
    schemas = [{k: t.schema for k, t in tables(g).items()} for g in graphs]
    assert schemas[0] == schemas[1] == schemas[2]
    rollup = schemas[0]["rollup"]
    assert rollup.field("title").type == pa.large_string()
    assert rollup.field("objective").type == pa.large_string()
    assert rollup.field("last_check_in").type == pa.timestamp("us", tz="UTC")
    assert rollup.field("as_of").type == pa.timestamp("us", tz="UTC")
    assert rollup.field("counted").type == pa.bool_()
    assert schemas[0]["check_ins"].field("at").type == pa.timestamp("us", tz="UTC")
    # every row of all_null_text has no objective and no check-in: still text and times
    t = tables(graphs[1])["rollup"]
    assert t.column("objective").null_count == len(t) == 2
    assert t.column("last_check_in").null_count == 2


def test_categories_are_every_category(acme):
    for g in (okr.Graph(), acme):
        df = g.rollup(AS_OF).to_pandas()
        assert list(df["kind"].cat.categories) == ["objective", "key_result"]
        assert list(df["status"].cat.categories) == [
            "not_started", "on_track", "at_risk", "off_track", "closed", "no_data"]
        assert list(df["state"].cat.categories) == ["draft", "active", "closed", "abandoned"]
        assert list(df["source"].cat.categories) == ["computed", "manual"]
        assert list(df["undefined_reason"].cat.categories) == [
            "no_counting_children", "no_child_progress", "all_weights_zero", "no_value",
            "out_of_range"]
    assert acme.rollup(AS_OF).to_table().legends()["state"] == [
        "draft", "active", "closed", "abandoned"]


def test_pandas_dtypes_and_concat_of_two_tenants(acme):
    a = acme.rollup(AS_OF).to_pandas()
    b = all_null_text().rollup(AS_OF).to_pandas()
    assert (a.dtypes == b.dtypes).all()
    assert str(a["last_check_in"].dtype) == "datetime64[us, UTC]"
    assert str(a["as_of"].dtype) == "datetime64[us, UTC]"
    assert a["progress"].dtype == "float64" and a["counted"].dtype == bool
    both = pd.concat([a, b], ignore_index=True)
    for col in ("kind", "status", "state", "source", "undefined_reason"):
        assert isinstance(both[col].dtype, pd.CategoricalDtype), col
    assert str(both["last_check_in"].dtype) == "datetime64[us, UTC]"
    ci = acme.check_ins_frame()
    assert str(ci["at"].dtype) == "datetime64[us, UTC]"
    assert ci["done"].dtype == "boolean"
    assert (okr.Graph().check_ins_frame().dtypes == ci.dtypes).all()


def test_the_table_carries_the_model(acme):
    df = acme.rollup(AS_OF).to_pandas().set_index("id")
    row = df.loc["sales-growth"]
    assert row["title"] == acme.objective("sales-growth")["title"]
    assert pd.isna(row["objective"]) and row["kind"] == "objective"
    kr = acme.key_results()[0]
    assert df.loc[kr["id"], "objective"] == kr["objective"]


def not_counted_in_report(text: str) -> set[str]:
    """The objectives the report marks "(draft, not counted)" or "(abandoned, not counted)"."""
    return set(re.findall(r"\[([^\]]+)\] \((?:draft|abandoned), not counted\)", text))


def test_counted_is_what_the_report_says(acme):
    r = acme.rollup(AS_OF)
    df = r.to_pandas()
    objectives = df[df.kind == "objective"]
    assert set(objectives[~objectives.counted].id) == not_counted_in_report(acme.report(AS_OF))
    assert set(objectives[~objectives.counted].state) == {"draft", "abandoned"}
    counted_off = objectives[objectives.counted & (objectives.status == "off_track")]
    assert f"{len(counted_off)} off track" in acme.report(AS_OF)


def test_polars_without_pandas():
    code = (
        "import sys; sys.modules['pandas'] = None; sys.modules['pyarrow'] = None\n"
        "import okr, polars as pl\n"
        f"g = okr.load({str(EXAMPLE)!r})\n"
        "df = g.rollup('2026-11-15').to_polars()\n"
        "assert df.schema['status'] == pl.Enum(['not_started', 'on_track', 'at_risk', 'off_track', 'closed', 'no_data'])\n"
        "assert df.schema['last_check_in'] == pl.Datetime('us', 'UTC')\n"
        "assert g.check_ins_table().to_polars().height > 0\n"
        "try:\n"
        "    g.rollup('2026-11-15').to_pandas()\n"
        "except ImportError as e:\n"
        "    assert 'pip install pandas' in str(e), e\n"
        "print(len(df))\n"
    )
    pytest.importorskip("polars")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) == len(okr.load(EXAMPLE).rollup(AS_OF))


def test_to_columns_gives_datetimes(acme):
    c = acme.rollup(AS_OF).to_columns()
    times = [t for t in c["last_check_in"] if t is not None]
    assert times and all(t.tzinfo is not None for t in times)
    assert c["id"] == [n.id for n in acme.rollup(AS_OF)]


def test_equality(acme):
    r = acme.rollup(AS_OF)
    assert r["sales-growth"] == r["sales-growth"]
    assert r == acme.rollup(AS_OF)
    assert r != acme.rollup("2026-11-16")
    assert r["sales-growth"] != r["annual-revenue"]
    undefined = [n for n in r if n.progress is None]
    assert undefined and undefined[0] == r[undefined[0].id]
    with pytest.raises(TypeError):
        hash(r)
    t = r.to_table()
    assert t == r.to_table() and len(t) == len(r)


def test_pickling(acme):
    r = acme.rollup(AS_OF)
    assert pickle.loads(pickle.dumps(r)) == r
    n = r["sales-growth"]
    assert pickle.loads(pickle.dumps(n)) == n
    t = acme.check_ins_table()
    assert pickle.loads(pickle.dumps(t)) == t
    with pytest.raises(ValueError, match="what_if"):
        pickle.dumps(acme.what_if({}, AS_OF))


def rollup_of(path: str) -> okr.RollupResult:
    return okr.load(path).rollup(AS_OF)


def test_results_travel_through_a_pool(acme):
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.map(rollup_of, [str(EXAMPLE)] * 2)
    assert results[0] == results[1] == acme.rollup(AS_OF)
    assert results[0]["sales-growth"] == acme.rollup(AS_OF)["sales-growth"]


def test_a_views_table_hides_what_it_hides(acme):
    view = acme.view_for("hanna")
    df = view.rollup(AS_OF).to_pandas()
    assert "gustav-tromso" not in set(df.id)
    assert acme.objective("gustav-tromso")["title"] not in set(df.title)
    hidden = df[df.id == "northern-clinics~hidden"]
    assert list(hidden.owner) == ["hidden"]
