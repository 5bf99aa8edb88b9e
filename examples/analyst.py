#!/usr/bin/env python3
"""An analyst's look at the example company, notebook style.

    python examples/analyst.py [OUT.csv] [--as-of 2026-11-15]

Loads examples/acme.okr.json, rolls it up as of a date, lists the objectives that are off track
(with the numbers behind them) and the people who own no objective aligned to the company
strategy, and writes one CSV row per objective and key result to OUT.csv (default: a file in a
new temporary directory). Needs `pip install ./okr-py pandas`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import pathlib
import tempfile

import pandas as pd

import okr

HERE = pathlib.Path(__file__).resolve().parent

# %% Arguments
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("out", nargs="?", help="CSV file to write (default: a temp dir)")
parser.add_argument("--as-of", default="2026-11-15", type=dt.date.fromisoformat)
parser.add_argument("--document", default=str(HERE / "acme.okr.json"))
args = parser.parse_args()
out = pathlib.Path(args.out) if args.out else pathlib.Path(tempfile.mkdtemp()) / "okr-rollup.csv"

# %% Load the company and roll it up
graph = okr.load(args.document)
result = graph.rollup(args.as_of)
print(result)

# %% One row per objective and key result: the rollup table carries titles, owners (a key
# result without its own owner is its objective's), cycles, states and whether each counts
frame = result.to_pandas()
objectives = pd.DataFrame(graph.objectives()).reindex(columns=["id", "title", "owner", "cycle", "state"])
people = pd.DataFrame(graph.owners())
names = people.set_index("id")["name"]
frame["owner_name"] = frame["owner"].map(names)

# %% Objectives off track
# draft and abandoned objectives do not count (the report marks them "not counted")
obj = frame[(frame.kind == "objective") & frame.counted]
off = obj[obj.status == "off_track"].assign(gap=lambda d: d.expected - d.progress)
off = off.sort_values("gap", ascending=False)
print(f"\n{len(off)} of {len(obj)} objectives are off track as of {args.as_of}:")
for row in off.itertuples():
    print(f"  {row.progress:6.1%} vs {row.expected:6.1%} expected  {row.id:<24} ({row.owner_name})")
    why = graph.explain_progress(row.id, args.as_of)
    print(f"      {why['summary']}")

# %% People without aligned objectives
# an objective is aligned when it contributes to at least one parent objective
aligned = {o["id"] for o in graph.objectives() if graph.parents_of(o["id"])}
owners_aligned = set(objectives[objectives.id.isin(aligned)].owner)
persons = people[people.kind == "person"]
unaligned = persons[~persons.id.isin(owners_aligned)]
print(f"\n{len(unaligned)} of {len(persons)} people own no aligned objective:")
for p in unaligned.itertuples():
    own = objectives[objectives.owner == p.id].id.tolist()
    print(f"  {p.name} ({p.id})" + (f": owns only unaligned {', '.join(own)}" if own else ": owns none"))

# %% Stale check-ins and the CSV
stale = frame[(frame.kind == "key_result") & frame.stale]
print(f"\n{len(stale)} key results have no check-in for more than "
      f"{result.config['stale_days']} days.")
out.parent.mkdir(parents=True, exist_ok=True)
frame.to_csv(out, index=False)
print(f"\nwrote {len(frame)} rows to {out}")
