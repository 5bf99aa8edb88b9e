#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs: the example company and the rule fixtures for
# document loading, the labelled SMART corpora for lint-text (each statement behind the three
# option bytes the target reads first), and a few byte strings for graph operations.
# Usage: fuzz/seed.sh   (idempotent; the corpus directory is not committed)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=..
doc=corpus/document_load_never_panics
lint=corpus/lint_text_spans_on_char_boundaries
ops=corpus/graph_ops_keep_invariants
cfg=corpus/lint_config_checked
ana=corpus/analytics_over_documents
mkdir -p "$doc" "$lint" "$ops" "$cfg" "$ana"
cp "$ROOT/examples/acme.okr.json" "$doc/acme.okr.json"
for f in "$ROOT"/okr-core/tests/fixtures/rules/*.okr.json; do cp "$f" "$doc/"; done
# the committed inputs (a version 2 document with every kind of node and link among them)
cp "$ROOT"/okr-core/tests/fuzz/regressions/document_load_never_panics/* "$doc/"
# documents from the README and the document module's docs
python3 - "$ROOT" "$doc" <<'PY'
import json, pathlib, re, sys
root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
readme = (root / "README.md").read_text()
for i, block in enumerate(re.findall(r"```json\n(.*?)```", readme, re.S)):
    (out / f"readme-{i}.json").write_text(block)
PY
# a version 2 document whose history does every kind of change
python3 - "$ROOT" "$doc" <<'PY'
import json, pathlib, sys
root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
d = json.loads((root / "examples/acme.okr.json").read_text())
d["objectives"].append({"id": "booth-2027", "title": "Book the 2027 booth", "owner": "astrid",
    "cycle": "q4-2026", "parents": [{"id": "leading-provider", "weight": 1}],
    "key_results": [{"id": "booth-paid", "title": "Booth paid", "measure": {"kind": "boolean"},
                     "check_ins": [{"at": "2026-11-25", "done": True}]}]})
d["history"] += [
    {"at": "2026-11-10", "key_result": "webinars", "set": {"measure": {"kind": "boolean"}, "due": None}},
    {"at": "2026-11-11", "objective": "production-quality", "set": {"state": "abandoned", "title": "x"}},
    {"at": "2026-11-12", "link": {"child": "dental-fair", "parent": "new-customers-q4"}, "removed": True},
    {"at": "2026-11-12", "link": {"child": "dental-fair", "parent": "customer-base"}, "created": True, "set": {"weight": 2}},
    {"at": "2026-11-20", "key_result": "north-clinics", "removed": True},
    {"at": "2026-11-21", "objective": "booth-2027", "created": True},
    {"at": "2026-11-22", "objective": "trade-show-booth", "removed": True},
]
(out / "history.okr.json").write_text(json.dumps(d, indent=1))
PY
# statements: the text column of every corpus row, with kind / date / month prefix bytes
python3 - "$ROOT" "$lint" <<'PY'
import hashlib, pathlib, sys
root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
n = 0
for tsv in sorted((root / "okr-core/tests/fixtures").glob("*.tsv")):
    for line in tsv.read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        text = line.split("\t")[-1]
        kind = {"objective": 0, "key_result": 1}.get(line.split("\t")[0], 2)
        data = bytes([kind, 0xe0, 0x12]) + text.encode()
        (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
        n += 1
for rules in sorted((root / "okr-core/tests/fixtures/rules").glob("*.txt")):
    for text in rules.read_text().splitlines():
        data = bytes([2, 0xe0, 0x12]) + text.encode()
        (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
        n += 1
print(f"{n} lint seeds")
PY
python3 - "$ops" <<'PY'
import pathlib, random, sys
rng = random.Random(42)
for i in range(1, 17):
    (pathlib.Path(sys.argv[1]) / f"ops-{i}").write_bytes(bytes(rng.randrange(256) for _ in range(64 * i)))
PY
# lint configurations: the committed seeds, and every JSON object in the README that has a
# lint configuration's keys (after one document-chooser byte)
cp "$ROOT"/okr-core/tests/fuzz/regressions/lint_config_checked/* "$cfg/"
python3 - "$ROOT" "$cfg" <<'PY'
import json, pathlib, re, sys
root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
keys = {"select", "ignore", "severity", "thresholds", "as_of", "today", "fiscal_year_start_month"}
for i, block in enumerate(re.findall(r"```json\n(.*?)```", (root / "README.md").read_text(), re.S)):
    try:
        v = json.loads(block)
    except ValueError:
        continue
    if isinstance(v, dict) and v and set(v) <= keys:
        (out / f"readme-{i}").write_bytes(bytes([i % 256]) + block.encode())
PY
# analytics: the example company, the rule and hostile fixtures behind two date bytes
cp "$ROOT"/okr-core/tests/fuzz/regressions/analytics_over_documents/* "$ana/"
for f in "$ROOT"/okr-core/tests/fixtures/rules/*.okr.json "$ROOT"/okr-core/tests/fixtures/hostile/*.json; do
  { printf '\x9f\x40'; cat "$f"; } > "$ana/$(basename "$f")"
done
# views: the committed inputs (byte strings that decode to organisations with hidden objectives)
views=corpus/views_never_leak
mkdir -p "$views"
cp "$ROOT"/okr-core/tests/fuzz/regressions/views_never_leak/* "$views/"
# snapshots: the committed inputs (bodies of real snapshots behind an odd mode byte)
snap=corpus/snapshot_never_panics
mkdir -p "$snap"
cp "$ROOT"/okr-core/tests/fuzz/regressions/snapshot_never_panics/* "$snap/"
# tables: the committed inputs (CSV texts of the starter tables and the example company)
tab=corpus/tables_never_panic
mkdir -p "$tab"
cp "$ROOT"/okr-core/tests/fuzz/regressions/tables_never_panic/* "$tab/"
echo "seeds: $(ls "$tab" | wc -l) sets of tables, $(ls "$snap" | wc -l) snapshots, $(ls "$views" | wc -l) organisations to view, $(ls "$doc" | wc -l) documents, $(ls "$lint" | wc -l) statements, $(ls "$ops" | wc -l) op sequences, $(ls "$cfg" | wc -l) lint configurations, $(ls "$ana" | wc -l) analytics documents"
