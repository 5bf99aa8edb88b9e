"""An organisation's tables in a real database: DuckDB (through Arrow) and SQLite (Python's
sqlite3). The examples examples/duckdb_tables.py and examples/sqlite_tables.py are run as
scripts and their functions imported: the organisation read from the database rolls up as the
example company does, and SQL over the rollup written back gives the rollup's own figures."""

import importlib.util
import math
import sqlite3
import subprocess
import sys

import pytest

import okr
from conftest import AS_OF, EXAMPLE, REPO

FIGURES = ("kind", "progress", "attainment", "expected", "status", "value", "confidence")


def example(name):
    spec = importlib.util.spec_from_file_location(name, REPO / "examples" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def absent(x):
    return x is None or (isinstance(x, float) and math.isnan(x))


def same(a, b):
    return (absent(a) and absent(b)) or a == b


def expected_by_owner(g, result):
    """BY_OWNER of the examples computed in Python: owner -> (objectives, mean progress of
    those defined, off track)."""
    out = {}
    for o in g.objectives():
        n = result[o["id"]]
        count, progress, off = out.get(o["owner"], (0, [], 0))
        if n.progress is not None:
            progress = progress + [n.progress]
        out[o["owner"]] = (count + 1, progress, off + (n.status == "off_track"))
    return {k: (c, sum(p) / len(p) if p else None, off) for k, (c, p, off) in out.items()}


def check_rollup_rows(rows, result):
    """Rows (id, *FIGURES) read back from SQL equal the rollup's figures."""
    assert len(rows) == len(result)
    for id, *values in rows:
        n = result[id]
        for f, v in zip(FIGURES, values):
            assert same(v, getattr(n, f)), (id, f, v, getattr(n, f))


def check_by_owner(rows, g, result):
    want = expected_by_owner(g, result)
    assert {r[0] for r in rows} == set(want)
    for owner, count, mean, off in rows:
        c, m, o = want[owner]
        assert (count, off) == (c, o), owner
        assert (mean is None and m is None) or mean == pytest.approx(m), owner


def test_duckdb_tables_through_arrow_and_the_rollup_in_sql(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    ex = example("duckdb_tables")
    acme = okr.load(EXAMPLE)
    path = tmp_path / "okr.duckdb"
    with duckdb.connect(str(path)) as con:
        ex.store_tables(con, acme)
        # the tables are SQL tables with SQL types
        types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                                 "WHERE table_name = 'check_ins'").fetchall())
        assert types["at"] == "TIMESTAMP WITH TIME ZONE" and types["value"] == "DOUBLE"
        assert dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                                "WHERE table_name = 'cycles'").fetchall())["start"] == "DATE"
    # another session: the organisation read back from the file
    with duckdb.connect(str(path)) as con:
        g = ex.load_graph(con)
        # the organisation as it is now: the same rollup from its last revision on
        assert {n.id: n.to_dict() for n in g.rollup(AS_OF)} == {
            n.id: n.to_dict() for n in acme.rollup(AS_OF)}
        result = ex.write_rollup(con, g, AS_OF)
        rows = con.execute(f"SELECT id, {', '.join(FIGURES)} FROM rollup").fetchall()
        check_rollup_rows(rows, result)
        as_of = con.execute("SELECT DISTINCT as_of FROM rollup").fetchall()
        assert as_of == [(result.as_of,)]
        check_by_owner(con.execute(ex.BY_OWNER).fetchall(), g, result)
        behind = con.execute(ex.BEHIND).fetchall()
        assert [r[0] for r in behind] == sorted(
            (n.id for n in result.key_results() if n.status in ("at_risk", "off_track")),
            key=lambda id: (result[id].progress is not None, result[id].progress or 0, id))
        # a second night, another date: the same table, other figures
        later = ex.write_rollup(con, g, "2026-12-31")
        check_rollup_rows(con.execute(f"SELECT id, {', '.join(FIGURES)} FROM rollup").fetchall(),
                          later)


def test_duckdb_example_runs_as_a_script():
    pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    out = subprocess.run([sys.executable, str(REPO / "examples" / "duckdb_tables.py")],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert "<okr.RollupResult as of 2026-11-15" in out
    assert "annual-revenue" in out and "Key results behind" in out


def test_sqlite_tables_and_the_rollup_in_sql(tmp_path):
    ex = example("sqlite_tables")
    acme = okr.load(EXAMPLE)
    path = tmp_path / "okr.sqlite"
    with sqlite3.connect(path) as con:
        ex.store_tables(con, acme)
    con = sqlite3.connect(path)
    try:
        # SQLite holds dates and times as text, times with their zone
        at, = con.execute("SELECT at FROM check_ins LIMIT 1").fetchone()
        assert at.endswith("+00:00")
        start, = con.execute("SELECT start FROM cycles LIMIT 1").fetchone()
        assert len(start) == 10
        g = ex.load_graph(con)
        assert {n.id: n.to_dict() for n in g.rollup(AS_OF)} == {
            n.id: n.to_dict() for n in acme.rollup(AS_OF)}
        result = ex.write_rollup(con, g, AS_OF)
        check_rollup_rows(con.execute(f"SELECT id, {', '.join(FIGURES)} FROM rollup").fetchall(),
                          result)
        check_by_owner(con.execute(ex.BY_OWNER).fetchall(), g, result)
    finally:
        con.close()


def test_sqlite_example_runs_as_a_script(tmp_path):
    path = tmp_path / "okr.sqlite"
    script = str(REPO / "examples" / "sqlite_tables.py")
    out = subprocess.run([sys.executable, script, str(path)], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    assert "<okr.RollupResult as of 2026-11-15" in out
    # again on the file it made: the tables are read, not made again
    again = subprocess.run([sys.executable, script, str(path), "--as-of", "2026-12-31"],
                           capture_output=True, text=True, timeout=120, check=True).stdout
    assert "<okr.RollupResult as of 2026-12-31" in again
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT DISTINCT as_of FROM rollup").fetchall() == [
            ("2026-12-31T23:59:59.999999+00:00",)]
