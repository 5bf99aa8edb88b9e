"""Result tables to pyarrow, polars and pandas at scale (issue 23): the rollup of a generated
org (100,000 objectives, about 400,000 rows) and its check-ins.

    cargo run --release -p okr-benches --bin okr-gen -- 100000 /tmp/org100k.json
    .venv/bin/python benches/python/arrow_tables.py /tmp/org100k.json

Prints the best of a few runs of each step (a benchmark, never a test).
"""

from __future__ import annotations

import sys
import time


def best(label: str, f, runs: int = 7):
    times = []
    out = None
    for _ in range(runs):
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    print(f"{label:<42} {min(times) * 1e3:8.1f} ms (median {sorted(times)[len(times) // 2] * 1e3:.1f})")
    return out


def main(path: str) -> None:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    import okr

    t = time.perf_counter()
    g = okr.load(path)
    print(f"load {time.perf_counter() - t:.2f} s")
    r = g.rollup("2026-11-15")
    print(f"rows: {len(r)}")
    table = best("r.to_table() (Rust: okr-core table + Arrow)", r.to_table)
    arrow = best("pa.table(table) (PyCapsule stream)", lambda: pa.table(table))
    best("arrow.to_pandas() (the step into pandas)", lambda: arrow.to_pandas(date_as_object=False))
    best("table.to_pandas()", table.to_pandas)
    best("r.to_pandas() (all of it)", r.to_pandas)
    best("r.to_polars() (all of it)", r.to_polars)
    best("r.to_arrow() (all of it)", r.to_arrow)
    ci = best("g.check_ins_table()", g.check_ins_table, runs=3)
    print(f"check-ins: {len(ci)}")
    best("check_ins_table().to_pandas()", lambda: g.check_ins_table().to_pandas(), runs=3)
    assert isinstance(r.to_pandas(), pd.DataFrame) and isinstance(r.to_polars(), pl.DataFrame)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/org100k.json")
