"""Prints the side-by-side table from the JSON files scripts/bench-side-by-side.sh collects.

Usage: python3 table.py DIR   (DIR holds counts.json, rust.json, rust-load.json, memory.txt,
python.json, and node.json and rust-after.json when the wasm package was built; machine.txt)
"""

from __future__ import annotations

import json
import pathlib
import re
import sys


def load(d: pathlib.Path, name: str):
    p = d / name
    if not p.exists() or p.stat().st_size == 0:
        return None
    return json.loads(p.read_text().strip().splitlines()[-1])


def ms(x) -> str:
    if x is None:
        return "-"
    if x >= 10_000:
        return f"{x / 1000:,.1f} s"
    if x >= 100:
        return f"{x:,.0f} ms"
    return f"{x:,.1f} ms" if x >= 1 else f"{x:.3f} ms"


def ratio(a, b) -> str:
    if a is None or b is None or b == 0:
        return "-"
    return f"{a / b:,.1f}x" if a / b < 100 else f"{a / b:,.0f}x"


def main() -> None:
    d = pathlib.Path(sys.argv[1])
    counts = load(d, "counts.json")
    rust = load(d, "rust.json")
    rload = load(d, "rust-load.json")
    py = load(d, "python.json")
    node = load(d, "node.json")
    after = load(d, "rust-after.json")
    machine = (d / "machine.txt").read_text().strip() if (d / "machine.txt").exists() else ""
    mem = (d / "memory.txt").read_text() if (d / "memory.txt").exists() else ""
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", mem)
    mem_nodes = load(d, "memory.json")

    print(machine)
    print(
        f"organisation: {counts['objectives']:,} objectives, {counts['key_results']:,} key results, "
        f"{counts['check_ins']:,} check-ins, {counts['links']:,} links "
        f"({counts['multi_parent']:,} objectives with 2 parents), depth {counts['depth']}, "
        f"widest parent {counts['max_children']:,} children; document {counts['bytes'] / 1e6:,.0f} MB"
    )
    print()
    head = f"{'':34} {'load':>10} {'build':>10} {'rollup':>10} {'again':>10} {'export':>10} {'total':>10}"
    print(head)
    print("-" * len(head))
    rows = []
    if rust and rload:
        load_ms = rload["load_ms"]
        total = load_ms + rust["first_rollup_ms"]
        rows.append(("okr, Rust (library)", load_ms, None, rust["first_rollup_ms"], rust["full_rollup_ms"], None, total))
        if "recompute_ms" in rust:
            rows.append(("okr, Rust (recompute, kept result)", None, None, None, rust["recompute_ms"], None, None))
        rows.append(("flat-array floor, Rust", None, None, None, rust["floor_ms"], None, None))
    okr_py = py and py.get("okr")
    if okr_py:
        t = {k: v * 1e3 for k, v in okr_py.items() if isinstance(v, float)}
        total = t["load"] + t["rollup"] + t["export"]
        rows.append(("okr, Python package", t["load"], None, t["rollup"], t["rollup_again"], t["export"], total))
    if node:
        total = node["load_ms"] + node["first_rollup_ms"]
        rows.append(("okr-wasm, Node (rollupColumns)", node["load_ms"], None, node["first_rollup_ms"], node["rollup_columns_median_ms"], None, total))
        rows.append(("okr-wasm, Node (rollup objects)", None, None, None, node["rollup_objects_median_ms"], None, None))
    base = {}
    for name, key in (("networkx + Python loop", "networkx"), ("rustworkx + Python loop", "rustworkx")):
        b = py and py.get(key)
        if b:
            t = {k: b[k] * 1e3 for k in ("load", "build", "rollup", "export", "rollup_again")}
            total = t["load"] + t["build"] + t["rollup"] + t["export"]
            base[key] = (t, total)
            rows.append((name, t["load"], t["build"], t["rollup"], t["rollup_again"], t["export"], total))
    for r in rows:
        print(f"{r[0]:34} " + " ".join(f"{ms(x):>10}" for x in r[1:]))
    print()
    print("load: parse the document (baselines: json.load and timestamps); build: the baseline's graph;")
    print("rollup: the first full rollup after loading (okr: includes building its flat layout and check-in")
    print("columns; baselines: topological sort and the weighted-mean loop); again: a further full rollup")
    print("(median of repeated runs in Rust and Node); export: into a pandas DataFrame.")
    print()
    print("ratios")
    if rust:
        print(f"  okr full rollup / flat-array floor (Rust, medians):      {ratio(rust['full_rollup_ms'], rust['floor_ms'])}"
              f"   (minimums: {ratio(rust['full_rollup_min_ms'], rust['floor_min_ms'])};"
              f" median of the ratios of runs timed in alternation: {rust['floor_ratio_median']:.1f}x)")
        if "recompute_ms" in rust:
            print(f"  okr recompute into a kept result / floor (both reuse memory): {ratio(rust['recompute_ms'], rust['floor_ms'])}"
                  f"   ({ms(rust['recompute_ms'])}; minimums: {ratio(rust['recompute_min_ms'], rust['floor_min_ms'])})")
    if okr_py:
        t = {k: v * 1e3 for k, v in okr_py.items() if isinstance(v, float)}
        for key, label in (("networkx", "networkx"), ("rustworkx", "rustworkx")):
            if key in base:
                bt, btotal = base[key]
                print(f"  {label:9} / okr, Python package: first rollup {ratio(bt['rollup'], t['rollup'])}"
                      f" (with the baseline's graph build {ratio(bt['rollup'] + bt['build'], t['rollup'])}),"
                      f" rollup again {ratio(bt['rollup_again'], t['rollup_again'])},"
                      f" rollup again + export {ratio(bt['rollup_again'] + bt['export'], t['rollup_again'] + t['export_again'])},"
                      f" end to end {ratio(btotal, t['load'] + t['rollup'] + t['export'])}")
    if node and rust:
        wasm = node["rollup_columns_median_ms"]
        line = (f"  wasm in Node / native Rust, rollup + columns (medians):  {ratio(wasm, rust['rollup_columns_ms'])}"
                f" against the native run before Node ({ms(rust['rollup_columns_ms'])})")
        if after:
            line += f", {ratio(wasm, after['rollup_columns_ms'])} against the one after ({ms(after['rollup_columns_ms'])})"
        print(line)
        print("    (wasm's includes copying into JS typed arrays and a copy of the kept ids array)")
    print()
    print("same numbers (progress of every objective and key result)")
    if rust:
        print(f"  floor vs okr (Rust):        max abs difference {rust['floor_max_abs_diff']:.1e}")
    for key in ("networkx", "rustworkx"):
        b = py and py.get(key)
        if b:
            c = b["check"]
            print(f"  {key:9} vs okr (Python): max abs difference {c['max_abs_diff']:.1e}, "
                  f"{c['defined_mismatch']} defined/undefined mismatches over {c['compared']:,} nodes")
    if node:
        c = node["check"]
        print(f"  okr-wasm vs okr (Rust):     max abs difference {c['max_abs_diff']:.1e}, "
              f"{c['defined_mismatch']} mismatches over {c['compared']:,} nodes")
    print()
    if rust:
        full = rust["full_rollup_ms"]
        print("incremental (Rust)")
        print(f"  one check-in + refresh: median {rust['check_in_median_us']:.1f} us, p99 {rust['check_in_p99_us']:.1f} us"
              f" = 1/{full * 1e3 / rust['check_in_median_us']:,.0f} of a full rollup (median)")
        print(f"  of which refresh_key_result: median {rust['refresh_median_us']:.1f} us, p99 {rust['refresh_p99_us']:.1f} us"
              f" = 1/{full * 1e3 / rust['refresh_median_us']:,.0f} (median), 1/{full * 1e3 / rust['refresh_p99_us']:,.0f} (p99)")
        print(f"  under a parent with 5,000 children: median {rust['wide_5000_check_in_median_us']:.1f} us, "
              f"p99 {rust['wide_5000_check_in_p99_us']:.1f} us")
        print(f"  batch of 10,000 check-ins: check_in_many {ms(rust['batch_10k_apply_ms'])}, "
              f"refresh each {ms(rust['batch_10k_refresh_ms'])}")
    if node and "check_in_median_us" in node:
        full = node["rollup_columns_median_ms"]
        print("incremental (okr-wasm in Node: checkIn, then RollupResult.refresh)")
        print(f"  one check-in + refresh: median {node['check_in_median_us']:.1f} us, p99 {node['check_in_p99_us']:.1f} us"
              f" = 1/{full * 1e3 / node['check_in_median_us']:,.0f} of a full rollupColumns (median)")
        print(f"  of which refresh: median {node['refresh_median_us']:.1f} us, p99 {node['refresh_p99_us']:.1f} us;"
              f" refreshed result vs a fresh rollup: {node['refreshed_mismatches']} progress mismatches")
    if rload:
        print(f"document (Rust): load {rload['load_mb_s']:.0f} MB/s, save {rload['save_mb_s']:.0f} MB/s")
    if rss and mem_nodes:
        kb = int(rss.group(1))
        print(f"peak memory (Rust, generate + roll up): {kb / 1024:,.0f} MiB = "
              f"{kb * 1024 / mem_nodes['nodes']:,.0f} bytes per node "
              f"({mem_nodes['nodes']:,} objectives + key results, {mem_nodes['check_ins']:,} check-ins)")


if __name__ == "__main__":
    main()
