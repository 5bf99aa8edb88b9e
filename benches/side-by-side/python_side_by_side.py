"""Python half of the side-by-side benchmark (scripts/bench-side-by-side.sh runs it).

Loads one generated organisation document three ways and rolls it up as of one date:

- okr: the `okr` package (Rust engine): okr.load, graph.rollup, result.to_pandas.
- networkx: what an analyst writes today: json.load, a networkx DiGraph of objectives and
  key results (child -> parent edges with weights), nx.topological_sort, the weighted rollup
  in a plain Python loop, a pandas DataFrame.
- rustworkx: the same with rustworkx for the graph part (PyDiGraph, rx.topological_sort) and
  the same Python loop.

The baselines implement the rollup semantics of the README (as-of end of day, latest check-in,
numeric/threshold/boolean/milestone key results, draft and abandoned children not counting,
rollup modes, zero weights, undefined progress) so that they compute the same progress as
okr: the maximum absolute difference is printed, with the count of nodes where one side has
a progress and the other not. Timings are wall clock (time.perf_counter), one run each,
modules imported beforehand. Benchmarks, not tests: nothing is asserted about time.

Usage: python python_side_by_side.py DOC.json AS_OF [--skip-baselines]
Prints one JSON object.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from datetime import datetime, timezone


def _now() -> float:
    return time.perf_counter()


# ----- the analyst's rollup (shared by the networkx and rustworkx versions) ------------------


def parse_time(s: str) -> datetime:
    t = datetime.fromisoformat(s)
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t


def kr_progress(kr: dict, as_of: datetime) -> tuple[float | None, float | None]:
    """(progress, attainment) of a key result from its latest check-in at or before as_of."""
    current = None
    for c in kr.get("check_ins", ()):
        if c["_t"] <= as_of and (current is None or c["_t"] >= current["_t"]):
            current = c
    m = kr["measure"]
    kind = m["kind"]
    if kind == "numeric":
        v = current["value"] if current is not None else m["start"]
        a = (v - m["start"]) / (m["target"] - m["start"])
        return min(max(a, 0.0), 1.0), a
    if kind == "threshold":
        v = current["value"] if current is not None else m.get("start")
        if v is None:
            return None, None
        met = v >= m["value"] if m["bound"] == "at_or_above" else v <= m["value"]
        p = 1.0 if met else 0.0
        return p, p
    if kind == "boolean":
        p = 1.0 if (current is not None and current.get("done")) else 0.0
        return p, p
    # milestones
    total = sum(ms.get("weight", 1.0) for ms in m["milestones"])
    done_names = set(current.get("milestones_done", ())) if current is not None else set()
    done = sum(ms.get("weight", 1.0) for ms in m["milestones"] if ms["name"] in done_names)
    p = done / total if total > 0 else 0.0
    return p, p


def objective_progress(o: dict, inputs) -> tuple[float | None, float | None]:
    """Weighted mean over (progress, attainment, weight, counts) inputs."""
    num = anum = den = 0.0
    for p, a, w in inputs:
        if p is not None:
            num += w * p
            anum += w * a
            den += w
    if den > 0:
        return min(max(num / den, 0.0), 1.0), anum / den
    return None, None


def rollup_loop(order, node_of, preds, as_of):
    """The analyst's loop: nodes in topological order (children first); returns
    {id: (progress, attainment)}."""
    out = {}
    for n in order:
        kind, data = node_of(n)
        if kind == "kr":
            out[data["id"]] = kr_progress(data, as_of)
            continue
        mode = data.get("rollup", "both")
        inputs = []
        for child_kind, child, w in preds(n):
            if child_kind == "kr":
                if mode != "children":
                    p, a = out[child["id"]]
                    inputs.append((p, a, child.get("weight", 1.0)))
            elif mode != "key_results" and child.get("state", "active") in ("active", "closed"):
                p, a = out[child["id"]]
                inputs.append((p, a, w))
        out[data["id"]] = objective_progress(data, inputs)
    return out


def read_document(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    # timestamps parsed once, as an analyst would before comparing them
    for o in doc["objectives"]:
        for k in o.get("key_results", ()):
            for c in k.get("check_ins", ()):
                c["_t"] = parse_time(c["at"])
    return doc


def frame(pd, out: dict):
    ids = list(out)
    return pd.DataFrame(
        {
            "id": ids,
            "progress": [out[i][0] for i in ids],
            "attainment": [out[i][1] for i in ids],
        }
    )


def with_networkx(path: str, as_of: datetime, pd) -> tuple[dict, dict]:
    import networkx as nx

    t = {}
    s = _now()
    doc = read_document(path)
    t["load"] = _now() - s
    s = _now()
    g = nx.DiGraph()
    for o in doc["objectives"]:
        g.add_node(o["id"], kind="objective", data=o)
    for o in doc["objectives"]:
        for p in o.get("parents", ()):
            g.add_edge(o["id"], p["id"], weight=p.get("weight", 1.0))
        for k in o.get("key_results", ()):
            g.add_node(("kr", k["id"]), kind="kr", data=k)
            g.add_edge(("kr", k["id"]), o["id"], weight=k.get("weight", 1.0))
    t["build"] = _now() - s
    s = _now()
    order = list(nx.topological_sort(g))
    nodes = g.nodes

    def node_of(n):
        d = nodes[n]
        return d["kind"], d["data"]

    def preds(n):
        # children in link order: networkx keeps insertion order of edges
        return [
            (nodes[c]["kind"], nodes[c]["data"], d["weight"]) for c, _, d in g.in_edges(n, data=True)
        ]

    out = rollup_loop(order, node_of, preds, as_of)
    t["rollup"] = _now() - s
    s = _now()
    df = frame(pd, out)
    t["export"] = _now() - s
    s = _now()
    rollup_loop(list(nx.topological_sort(g)), node_of, preds, as_of)
    t["rollup_again"] = _now() - s
    t["nodes"] = g.number_of_nodes()
    t["edges"] = g.number_of_edges()
    del df
    return t, out


def with_rustworkx(path: str, as_of: datetime, pd) -> tuple[dict, dict]:
    import rustworkx as rx

    t = {}
    s = _now()
    doc = read_document(path)
    t["load"] = _now() - s
    s = _now()
    g = rx.PyDiGraph()
    index = {}
    payloads = []
    for o in doc["objectives"]:
        payloads.append(("objective", o))
    for o in doc["objectives"]:
        for k in o.get("key_results", ()):
            payloads.append(("kr", k))
    idx = g.add_nodes_from(payloads)
    for (kind, d), i in zip(payloads, idx):
        index[(kind, d["id"])] = i
    edges = []
    for o in doc["objectives"]:
        oi = index[("objective", o["id"])]
        for p in o.get("parents", ()):
            edges.append((oi, index[("objective", p["id"])], p.get("weight", 1.0)))
        for k in o.get("key_results", ()):
            edges.append((index[("kr", k["id"])], oi, k.get("weight", 1.0)))
    g.add_edges_from(edges)
    t["build"] = _now() - s
    s = _now()
    order = rx.topological_sort(g)

    def node_of(n):
        return g[n]

    def preds(n):
        return [(g[c][0], g[c][1], w) for c, _, w in g.in_edges(n)]

    out = rollup_loop(order, node_of, preds, as_of)
    t["rollup"] = _now() - s
    s = _now()
    df = frame(pd, out)
    t["export"] = _now() - s
    s = _now()
    rollup_loop(rx.topological_sort(g), node_of, preds, as_of)
    t["rollup_again"] = _now() - s
    t["nodes"] = g.num_nodes()
    t["edges"] = g.num_edges()
    del df
    return t, out


def with_okr(path: str, as_of_text: str) -> tuple[dict, dict]:
    import okr

    t = {"version": okr.__version__}
    s = _now()
    g = okr.load(path)
    t["load"] = _now() - s
    s = _now()
    r = g.rollup(as_of_text)
    t["rollup"] = _now() - s  # the first rollup after loading also builds the flat layout
    s = _now()
    df = r.to_pandas()
    t["export"] = _now() - s
    # a second rollup at another moment (layout already built), and its export
    s = _now()
    r2 = g.rollup(as_of_text)
    t["rollup_again"] = _now() - s
    s = _now()
    r2.to_pandas()
    t["export_again"] = _now() - s
    out = {
        i: (None if p != p else p, None if a != a else a)
        for i, p, a in zip(df["id"], df["progress"], df["attainment"])
    }
    return t, out


def compare(a: dict, b: dict) -> dict:
    max_diff = 0.0
    mismatched = 0
    for i, (p, _) in a.items():
        q = b.get(i, (None, None))[0]
        if (p is None) != (q is None):
            mismatched += 1
        elif p is not None:
            max_diff = max(max_diff, abs(p - q))
    return {"max_abs_diff": max_diff, "defined_mismatch": mismatched, "compared": len(a)}


def main() -> None:
    path, as_of_text = sys.argv[1], sys.argv[2]
    skip = "--skip-baselines" in sys.argv
    import okr  # noqa: F401  (imported before any timing)
    import pandas as pd

    if not skip:
        import networkx  # noqa: F401
        import rustworkx  # noqa: F401

    as_of = datetime.fromisoformat(as_of_text).replace(
        hour=23, minute=59, second=59, microsecond=999999, tzinfo=timezone.utc
    )
    result: dict = {"python": sys.version.split()[0]}
    gc.collect()
    t, okr_out = with_okr(path, as_of_text)
    result["okr"] = t
    if not skip:
        import networkx
        import rustworkx

        result["versions"] = {
            "networkx": networkx.__version__,
            "rustworkx": rustworkx.__version__,
            "pandas": pd.__version__,
        }
        gc.collect()
        t, nx_out = with_networkx(path, as_of, pd)
        result["networkx"] = t
        result["networkx"]["check"] = compare(okr_out, nx_out)
        del nx_out
        gc.collect()
        t, rx_out = with_rustworkx(path, as_of, pd)
        result["rustworkx"] = t
        result["rustworkx"]["check"] = compare(okr_out, rx_out)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
