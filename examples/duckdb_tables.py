#!/usr/bin/env python3
"""An organisation's OKR tables kept in DuckDB: loaded into okr through Arrow, rolled up, the
rollup written back as a table and asked questions in SQL.

    python examples/duckdb_tables.py [DATABASE.duckdb] [--as-of 2026-11-15]

Without a database file, an in-memory one is filled with the example company's tables first
(what a planning or HR system would hold: okr's table and column names, see the README's
"Tables and spreadsheets"). Needs `pip install ./okr-py duckdb pyarrow pandas`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import pathlib

import duckdb

import okr

HERE = pathlib.Path(__file__).resolve().parent

# okr's tables (okr_core::tables); a database may hold any of them
TABLES = ("owners", "groups", "cycles", "objectives", "links", "key_results", "check_ins",
          "plans", "dependencies", "initiatives", "initiative_updates", "kpis", "kpi_values",
          "kpi_targets")


def store_tables(con: duckdb.DuckDBPyConnection, graph: okr.Graph) -> None:
    """Writes `graph`'s tables into the database, one SQL table each (types from Arrow:
    dates DATE, times TIMESTAMPTZ, numbers DOUBLE). Only to have a database to start from."""
    import pyarrow as pa

    for name, columns in graph.to_tables().items():
        con.register("incoming", pa.table(columns))
        con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM incoming')
        con.unregister("incoming")


def load_graph(con: duckdb.DuckDBPyConnection) -> okr.Graph:
    """The organisation in the database as an okr graph: each table read as an Arrow table
    (no row-by-row Python), handed to okr.from_tables."""
    present = {name for (name,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    tables = {name: con.table(name).to_arrow_table() for name in TABLES if name in present}
    return okr.from_tables(**tables)


def write_rollup(con: duckdb.DuckDBPyConnection, graph: okr.Graph, as_of) -> okr.RollupResult:
    """Rolls `graph` up at `as_of` and stores the result as table `rollup`, one row per
    objective and key result with its moment in `as_of` (replaced on each run)."""
    result = graph.rollup(as_of)
    # an Arrow table when okr has one (no copy per value), else a pandas frame
    frame = result.to_arrow() if hasattr(result, "to_arrow") else result.to_pandas()
    con.register("result", frame)
    # columns of a few words (kind, status, ...) arrive as DuckDB ENUMs of the values present:
    # stored as text, so that a later night with other statuses fits the same table
    columns = [
        f'CAST("{name}" AS VARCHAR) AS "{name}"' if kind.startswith("ENUM") else f'"{name}"'
        for name, kind, *_ in con.execute("DESCRIBE result").fetchall()
    ]
    if not any(c == '"as_of"' for c in columns):
        columns.insert(0, "CAST($as_of AS TIMESTAMPTZ) AS as_of")
    con.execute(f"CREATE OR REPLACE TABLE rollup AS SELECT {', '.join(columns)} FROM result",
                {"as_of": result.as_of} if "$as_of" in columns[0] else None)
    con.unregister("result")
    return result


# Questions in SQL over the rollup and the organisation's own tables
BY_OWNER = """
    SELECT o.owner,
           count(*)                                     AS objectives,
           avg(r.progress)                              AS mean_progress,
           count(*) FILTER (WHERE r.status = 'off_track') AS off_track
    FROM rollup r JOIN objectives o ON o.id = r.id
    GROUP BY o.owner
    ORDER BY mean_progress NULLS LAST, o.owner
"""

BEHIND = """
    SELECT k.id, k.title, r.status, r.value, k.target, r.progress
    FROM rollup r JOIN key_results k ON k.id = r.id
    WHERE r.status IN ('at_risk', 'off_track')
    ORDER BY r.progress NULLS FIRST, k.id
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", nargs="?", default=":memory:")
    parser.add_argument("--as-of", default="2026-11-15", type=dt.date.fromisoformat)
    args = parser.parse_args()

    con = duckdb.connect(args.database)
    if args.database == ":memory:" or not con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'objectives'"
    ).fetchone()[0]:
        store_tables(con, okr.load(HERE / "acme.okr.json"))

    graph = load_graph(con)
    result = write_rollup(con, graph, args.as_of)
    print(result)
    print("\nObjectives by owner, least progress first:")
    print(con.sql(BY_OWNER))
    print("Key results behind:")
    print(con.sql(BEHIND))


if __name__ == "__main__":
    main()
