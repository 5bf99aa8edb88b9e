"""Many tenants on a Dask cluster (examples/dask_tenants.py): 200 generated tenants, one
result table with a stable schema (the same columns and dtypes in every partition, a tenant
without any check-in included), each tenant's rows its own rollup."""

import importlib.util
import math
import subprocess
import sys

import pytest

import okr
from conftest import REPO

pd = pytest.importorskip("pandas")
pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

AS_OF = "2026-11-15"


@pytest.fixture(scope="module")
def ex():
    spec = importlib.util.spec_from_file_location(
        "dask_tenants", REPO / "examples" / "dask_tenants.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def client():
    # threads of this process: the example's functions need not be importable by workers
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


def test_two_hundred_tenants_in_one_table_of_one_schema(ex, client):
    ddf = ex.nightly(200, AS_OF, per_partition=10)
    assert ddf.npartitions == 20
    # every partition's columns and dtypes, computed on the cluster
    kinds = ddf.map_partitions(
        lambda p: pd.DataFrame({"schema": [repr(list(zip(p.columns, map(str, p.dtypes))))]}),
        meta={"schema": "object"}).compute()
    want = repr(list(zip(ex.EMPTY.columns, map(str, ex.EMPTY.dtypes))))
    assert list(kinds["schema"]) == [want] * 20
    result = ddf.compute()
    assert list(result.columns) == list(ex.SCHEMA)
    assert {c: str(t) for c, t in result.dtypes.items()} == {
        c: str(t) for c, t in ex.EMPTY.dtypes.items()}
    assert result["tenant"].nunique() == 200
    # a status outside the schema's categories would have become NaN
    assert result["status"].notna().all() and result["kind"].notna().all()
    # each tenant's rows are its own rollup
    for tenant in (0, 1, 117, 199):
        g = okr.from_tables(**ex.tenant_tables(tenant))
        r = g.rollup(AS_OF)
        rows = result[result["tenant"] == f"tenant-{tenant:04d}"]
        assert len(rows) == len(r)
        for row in rows.itertuples():
            n = r[row.id]
            assert row.kind == n.kind and row.status == n.status
            for f in ("progress", "attainment", "expected", "value", "confidence"):
                got, want_ = getattr(row, f), getattr(n, f)
                assert (want_ is None and math.isnan(got)) or got == want_, (tenant, row.id, f)


def test_a_tenant_without_check_ins_and_an_empty_partition(ex):
    assert ex.tenant_tables(0)["check_ins"]["key_result"] == []
    rows = ex.rollup_tenant(0, AS_OF)
    assert len(rows) > 0
    assert rows["last_check_in"].isna().all()
    # no check-in: each key result's value is its start
    assert (rows[rows["kind"] == "key_result"]["value"] == 0.0).all()
    assert list(rows.dtypes) == list(ex.EMPTY.dtypes)
    empty = ex.rollup_tenants([], AS_OF)
    assert len(empty) == 0 and list(empty.dtypes) == list(ex.EMPTY.dtypes)


def test_dask_example_runs_as_a_script_with_worker_processes():
    out = subprocess.run(
        [sys.executable, str(REPO / "examples" / "dask_tenants.py"), "--tenants", "30"],
        capture_output=True, text=True, timeout=180, check=True).stdout
    assert "30 tenants" in out
