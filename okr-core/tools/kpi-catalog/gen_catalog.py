#!/usr/bin/env python3
"""Generates okr-core/data/kpi_catalog.json from the hand-written rows_*.txt tables.

Row format: id|metric|unit|dir|cadence|functions|synonyms|keywords|default_target|definition
(lists are ';'-separated, functions ','-separated). Run from the crate root or tools/.
"""
import glob, json, os, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
DIRS = {"inc": "increase", "dec": "decrease", "keep_above": "keep_above", "keep_below": "keep_below"}
FUNCS = ["sales", "marketing", "customer_success", "support", "product", "engineering", "it", "hr",
         "finance", "operations", "production", "quality"]

def pattern(direction, unit):
    # Dimensionless units ("score", "rate", "cpk") read better without the unit word.
    u = "" if unit in ("score", "rate", "cpk") else "{unit}" if unit in ("%", "x") else " {unit}"
    return {
        "increase": f"Increase {{metric}} from {{baseline}}{u} to {{target}}{u} by {{deadline}}",
        "decrease": f"Reduce {{metric}} from {{baseline}}{u} to {{target}}{u} by {{deadline}}",
        "keep_above": f"Keep {{metric}} at or above {{target}}{u} through {{deadline}}",
        "keep_below": f"Keep {{metric}} at or below {{target}}{u} through {{deadline}}",
    }[direction]

out = []
for path in sorted(glob.glob(os.path.join(HERE, "rows_*.txt"))):
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        f = line.split("|")
        if len(f) != 10:
            sys.exit(f"{path}:{n}: expected 10 fields, got {len(f)}")
        tid, metric, unit, d, cadence, funcs, syn, kw, default_target, definition = f
        direction = DIRS[d]
        fl = [x.strip() for x in funcs.split(",")]
        assert all(x in FUNCS for x in fl), (tid, fl)
        out.append({
            "id": tid, "metric": metric, "definition": definition, "unit": unit,
            "direction": direction, "cadence": cadence, "functions": fl,
            "synonyms": [s.strip() for s in syn.split(";") if s.strip()],
            "keywords": [k.strip() for k in kw.split(";") if k.strip()],
            "default_target": float(default_target),
            "pattern": pattern(direction, unit),
        })
# Vocabulary: each template's other names and abbreviations (appended to synonyms) and the
# related words and jargon practitioners use for it (appended to keywords).
by_id = {t["id"]: t for t in out}
for n, line in enumerate(open(os.path.join(HERE, "vocabulary.txt"), encoding="utf-8"), 1):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    parts = line.split("|")
    if len(parts) != 3 or parts[0] not in by_id:
        sys.exit(f"vocabulary.txt:{n}: expected id|synonyms|keywords with a known id")
    tid, syn, kw = parts
    t = by_id[tid]
    for field, words in (("synonyms", syn), ("keywords", kw)):
        have = {w.lower() for w in t["synonyms"] + t["keywords"] + [t["metric"]]}
        for w in words.split(";"):
            w = w.strip()
            if w and w.lower() not in have:
                t[field].append(w)
                have.add(w.lower())
# Themes: shared topic words for KPIs that are tracked together.
by_id = {t["id"]: t for t in out}
for n, line in enumerate(open(os.path.join(HERE, "themes.txt"), encoding="utf-8"), 1):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    words, members = line.split("|")
    theme = words.split(";")[0].strip()
    for m in members.split(","):
        if m not in by_id:
            sys.exit(f"themes.txt:{n}: unknown template {m}")
        by_id[m].setdefault("themes", []).append(theme)
        kw = by_id[m]["keywords"]
        for w in words.split(";"):
            w = w.strip()
            if w and w not in kw:
                kw.append(w)
# Everyday words: how people describe each metric without naming it.
for n, line in enumerate(open(os.path.join(HERE, "everyday.txt"), encoding="utf-8"), 1):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    tid, words = line.split("|")
    if tid not in by_id:
        sys.exit(f"everyday.txt:{n}: unknown template {tid}")
    kw = by_id[tid]["keywords"]
    for w in words.split(";"):
        w = w.strip()
        if w and w not in kw:
            kw.append(w)
# Related KPIs: companions a practitioner tracks alongside each template.
seen = set()
for n, line in enumerate(open(os.path.join(HERE, "related.txt"), encoding="utf-8"), 1):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    tid, rel = line.split("|")
    if tid not in by_id or tid in seen:
        sys.exit(f"related.txt:{n}: unknown or repeated template {tid}")
    seen.add(tid)
    rel = [r.strip() for r in rel.split(",") if r.strip()]
    bad = [r for r in rel if r not in by_id or r == tid]
    if bad:
        sys.exit(f"related.txt:{n}: bad related ids {bad}")
    by_id[tid]["related"] = rel
for t in out:
    t.setdefault("themes", [])
    t.setdefault("related", [])
    t["pattern"] = t.pop("pattern")  # keep pattern last for readability
out.sort(key=lambda t: t["id"])
ids = Counter(t["id"] for t in out)
dups = [i for i, c in ids.items() if c > 1]
assert not dups, dups
with open(os.path.join(HERE, "..", "..", "data", "kpi_catalog.json"), "w", encoding="utf-8") as fh:
    json.dump(out, fh, indent=1, ensure_ascii=False)
    fh.write("\n")
c = Counter(f for t in out for f in t["functions"])
print(len(out), "templates;", ", ".join(f"{k}={c[k]}" for k in FUNCS))
