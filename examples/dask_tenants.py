#!/usr/bin/env python3
"""Nightly OKR analytics for many tenants on a Dask cluster: each task reads one group of
tenants' tables, rolls each tenant up with okr and returns rows of one fixed schema; Dask
gathers them into one table.

    python examples/dask_tenants.py [--tenants 200] [--workers 2] [--threads]
        [--as-of 2026-11-15] [--out rollup.parquet]

The tenants here are generated (small organisations from a seed; tenant 0 has no check-ins
at all): `tenant_tables` stands for reading a tenant's tables from wherever they live (a
warehouse, Parquet files per tenant, a database: see duckdb_tables.py). The cluster is a
LocalCluster; pointing `Client` at a real scheduler address runs the same code on many
machines. Needs `pip install ./okr-py "dask[dataframe]" distributed pandas`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random

import pandas as pd

import okr

# The result's schema, the same for every tenant and every partition: a tenant without
# check-ins, with no key result behind, or with no rows at all still gives these columns and
# dtypes (Dask checks partitions against it; a downstream table can rely on it).
STATUSES = ["on_track", "at_risk", "off_track", "not_started", "closed", "no_data"]
SCHEMA = {
    "tenant": "string",
    "id": "string",
    "kind": pd.CategoricalDtype(["objective", "key_result"]),
    "status": pd.CategoricalDtype(STATUSES),
    "progress": "float64",
    "attainment": "float64",
    "expected": "float64",
    "value": "float64",
    "confidence": "float64",
    "stale": "bool",
    "last_check_in": "datetime64[ns, UTC]",
}
EMPTY = pd.DataFrame({c: pd.Series(dtype=t) for c, t in SCHEMA.items()})


def tenant_tables(tenant: int, seed: int = 7) -> dict[str, dict[str, list]]:
    """One tenant's organisation as okr's tables (dicts of columns): a company objective,
    a few team objectives under it, one to three key results each and weekly check-ins.
    Deterministic from (tenant, seed); tenant 0 has no check-ins."""
    rnd = random.Random(seed * 100_003 + tenant)
    teams = [f"team-{i}" for i in range(rnd.randint(1, 5))]
    objectives = {"id": ["company"], "title": ["Grow"], "owner": ["ceo"], "cycle": ["q4"]}
    links = {"child": [], "parent": [], "weight": []}
    krs = {"id": [], "objective": [], "title": [], "start": [], "target": []}
    check_ins = {"key_result": [], "at": [], "value": []}
    for team in teams:
        objectives["id"].append(team)
        objectives["title"].append(f"{team} goal")
        objectives["owner"].append(team)
        objectives["cycle"].append("q4")
        links["child"].append(team)
        links["parent"].append("company")
        links["weight"].append(float(rnd.randint(1, 3)))
        for k in range(rnd.randint(1, 3)):
            kr = f"{team}-kr{k}"
            target = float(rnd.choice([10, 50, 100, 1000]))
            krs["id"].append(kr)
            krs["objective"].append(team)
            krs["title"].append(f"Reach {target:g}")
            krs["start"].append(0.0)
            krs["target"].append(target)
            if tenant == 0:
                continue
            value = 0.0
            for week in range(rnd.randint(0, 12)):
                value += rnd.uniform(0, target / 8)
                check_ins["key_result"].append(kr)
                check_ins["at"].append(dt.date(2026, 10, 1) + dt.timedelta(days=7 * week))
                check_ins["value"].append(round(value, 2))
    return {
        "owners": {"id": ["ceo", *teams], "name": ["CEO", *teams]},
        "cycles": {"id": ["q4"], "start": ["2026-10-01"], "end": ["2026-12-31"]},
        "objectives": objectives,
        "links": links,
        "key_results": krs,
        "check_ins": check_ins,
    }


def rollup_tenant(tenant: int, as_of: str, seed: int = 7) -> pd.DataFrame:
    """One tenant's rollup as rows of SCHEMA."""
    graph = okr.from_tables(**tenant_tables(tenant, seed))
    frame = graph.rollup(as_of).to_pandas()
    frame.insert(0, "tenant", f"tenant-{tenant:04d}")
    return frame[list(SCHEMA)].astype(SCHEMA)


def rollup_tenants(tenants: list[int], as_of: str, seed: int = 7) -> pd.DataFrame:
    """A partition: the rollups of a group of tenants, one table of SCHEMA."""
    frames = [rollup_tenant(t, as_of, seed) for t in tenants]
    return pd.concat([EMPTY, *frames], ignore_index=True).astype(SCHEMA)


def nightly(tenants: int, as_of: str, per_partition: int = 10, seed: int = 7):
    """Every tenant's rollup at `as_of` as one Dask DataFrame (lazy), one partition per
    `per_partition` tenants, run on the current Client's cluster when computed."""
    import dask.dataframe as dd

    groups = [list(range(i, min(i + per_partition, tenants)))
              for i in range(0, tenants, per_partition)]
    return dd.from_map(rollup_tenants, groups, as_of=as_of, seed=seed, meta=EMPTY,
                       enforce_metadata=True)


def main() -> None:
    from dask.distributed import Client, LocalCluster

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", action="store_true",
                        help="workers as threads of this process instead of processes")
    parser.add_argument("--as-of", default="2026-11-15")
    parser.add_argument("--out", help="write the result as Parquet (needs pyarrow)")
    args = parser.parse_args()

    with LocalCluster(n_workers=args.workers, threads_per_worker=1,
                      processes=not args.threads, dashboard_address=None) as cluster, \
            Client(cluster):
        result = nightly(args.tenants, args.as_of).compute()
    print(result.groupby("tenant", observed=True)["status"].value_counts().unstack().head(10))
    print(f"{len(result)} rows, {result['tenant'].nunique()} tenants")
    if args.out:
        result.to_parquet(args.out)


if __name__ == "__main__":
    main()
