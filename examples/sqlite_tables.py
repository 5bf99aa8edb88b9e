#!/usr/bin/env python3
"""An organisation's OKR tables kept in SQLite, through Python's own sqlite3 (no other
package): read into okr as columns, rolled up, the rollup written back as a table and asked
questions in SQL.

    python examples/sqlite_tables.py [DATABASE.sqlite] [--as-of 2026-11-15]

Without a database file, an in-memory one is filled with the example company's tables first
(okr's table and column names, see the README's "Tables and spreadsheets"). SQLite has no date
type: dates are stored as `YYYY-MM-DD` text and times as ISO text with their zone, which okr
reads by its one rule for times. Needs `pip install ./okr-py`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import pathlib
import sqlite3

import okr

HERE = pathlib.Path(__file__).resolve().parent

TABLES = ("owners", "groups", "cycles", "objectives", "links", "key_results", "check_ins",
          "plans", "dependencies", "initiatives", "initiative_updates", "kpis", "kpi_values",
          "kpi_targets")


def sql_value(v):
    """A Python value as SQLite holds it: dates and times as ISO text (a time keeps its zone)."""
    return v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v


def store_tables(con: sqlite3.Connection, graph: okr.Graph) -> None:
    """Writes `graph`'s tables into the database, one SQL table each. Only to have a database
    to start from."""
    for name, columns in graph.to_tables().items():
        names = ", ".join(f'"{c}"' for c in columns)
        con.execute(f'DROP TABLE IF EXISTS "{name}"')
        con.execute(f'CREATE TABLE "{name}" ({names})')
        rows = zip(*([sql_value(v) for v in col] for col in columns.values()))
        con.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(columns))})', rows)
    con.commit()


def read_columns(con: sqlite3.Connection, name: str) -> dict[str, list]:
    """Table `name` as a dict of columns (what okr.from_tables takes)."""
    cur = con.execute(f'SELECT * FROM "{name}"')
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    return {c: [row[i] for row in rows] for i, c in enumerate(names)}


def load_graph(con: sqlite3.Connection) -> okr.Graph:
    present = {n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return okr.from_tables(**{n: read_columns(con, n) for n in TABLES if n in present})


def write_rollup(con: sqlite3.Connection, graph: okr.Graph, as_of) -> okr.RollupResult:
    """Rolls `graph` up at `as_of` and stores the result as table `rollup` (one row per
    objective and key result, the moment in `as_of`, replaced on each run)."""
    result = graph.rollup(as_of)
    columns = result.to_columns()
    columns.setdefault("as_of", [result.as_of] * len(result))
    columns = {name: [sql_value(v) for v in values] for name, values in columns.items()}
    con.execute("DROP TABLE IF EXISTS rollup")
    con.execute(f'CREATE TABLE rollup ({", ".join(columns)})')
    con.executemany(f'INSERT INTO rollup VALUES ({", ".join("?" * len(columns))})',
                    zip(*columns.values()))
    con.commit()
    return result


BY_OWNER = """
    SELECT o.owner,
           count(*)                                          AS objectives,
           avg(r.progress)                                   AS mean_progress,
           sum(CASE WHEN r.status = 'off_track' THEN 1 ELSE 0 END) AS off_track
    FROM rollup r JOIN objectives o ON o.id = r.id
    GROUP BY o.owner
    ORDER BY mean_progress IS NULL, mean_progress, o.owner
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", nargs="?", default=":memory:")
    parser.add_argument("--as-of", default="2026-11-15", type=dt.date.fromisoformat)
    args = parser.parse_args()

    con = sqlite3.connect(args.database)
    if args.database == ":memory:" or not con.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'objectives'").fetchone()[0]:
        store_tables(con, okr.load(HERE / "acme.okr.json"))

    graph = load_graph(con)
    print(write_rollup(con, graph, args.as_of))
    print("\nowner, objectives, mean progress, off track")
    for owner, n, mean, off in con.execute(BY_OWNER):
        print(f"{owner:<12} {n:>3}  {'-' if mean is None else f'{mean:.2f}':>5}  {off}")


if __name__ == "__main__":
    main()
