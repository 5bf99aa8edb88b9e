#!/usr/bin/env bash
# The side-by-side benchmark: one generated organisation rolled up by okr in Rust, by okr
# through the Python package, by okr-wasm in Node (when the wasm package is built), by the
# flat-array floor, and by what an analyst writes today (networkx, and rustworkx with Python
# loops); prints a table of figures, ratios and the differential checks (every side must
# compute the same progress). Benchmarks, not tests: nothing here asserts a time.
#
# Usage: scripts/bench-side-by-side.sh [OBJECTIVES]      (default 100000; sizes are
#        objectives, about three key results each)
# Env:   OKR_BENCH_VENV  Python virtual environment (default .venv; created with
#                        scripts/setup-python.sh, networkx and rustworkx added, okr-py
#                        built into it with maturin develop --release)
#        OKR_WASM_NODE   the okr-wasm node build (default okr-wasm/pkg/node/okr_wasm.js,
#                        built by scripts/test-wasm.sh or scripts/build-wasm.sh)
#        RUNS            repeated rollups for medians (default 20)
#        CARGO_TARGET_DIR (honoured)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
log() { echo "[bench] $*" >&2; }
N="${1:-100000}"
RUNS="${RUNS:-20}"
AS_OF=2026-11-15
target="${CARGO_TARGET_DIR:-target}"
[[ "$target" = /* ]] || target="$ROOT/$target"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

{
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores," \
    "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$tmp/machine.txt"

log "cargo build --release -p okr-benches (okr-gen, okr-bench)"
cargo build --release -q -p okr-benches --bins
"$target/release/okr-gen" "$N" "$tmp/org.json" > "$tmp/counts.json"
log "organisation: $(cat "$tmp/counts.json")"

log "Rust: rollup, floor, check-ins ($RUNS runs)"
"$target/release/okr-bench" rollup "$N" "$RUNS" > "$tmp/rust.json"
"$target/release/okr-bench" load "$tmp/org.json" 3 > "$tmp/rust-load.json"
"$target/release/okr-bench" progress "$tmp/org.json" "$AS_OF" "$tmp/native-progress.json"
if [[ -x /usr/bin/time ]]; then
  /usr/bin/time -v "$target/release/okr-bench" memory "$N" > "$tmp/memory.json" 2> "$tmp/memory.txt"
fi

VENV="${OKR_BENCH_VENV:-$ROOT/.venv}"
log "Python: $VENV (okr-py, pandas, networkx, rustworkx)"
bash scripts/setup-python.sh "$VENV" "pandas>=1.5" "networkx>=3" "rustworkx>=0.15" >&2
VIRTUAL_ENV="$VENV" "$VENV/bin/maturin" develop --release -q -m okr-py/Cargo.toml </dev/null >&2
"$VENV/bin/python" benches/side-by-side/python_side_by_side.py "$tmp/org.json" "$AS_OF" > "$tmp/python.json"

pkg="${OKR_WASM_NODE:-$ROOT/okr-wasm/pkg/node/okr_wasm.js}"
if [[ -f "$pkg" ]] && command -v node >/dev/null; then
  log "Node: $pkg"
  OKR_WASM_NODE="$pkg" node --max-old-space-size=8192 benches/side-by-side/node_side_by_side.mjs \
    "$tmp/org.json" "$AS_OF" "$RUNS" "$tmp/native-progress.json" > "$tmp/node.json"
  # native again right after Node: the wasm ratio against a native run on each side of it
  # (the machine's speed drifts between runs minutes apart)
  log "Rust again, after Node"
  "$target/release/okr-bench" rollup "$N" "$RUNS" > "$tmp/rust-after.json"
else
  log "Node: skipped (no okr-wasm build at $pkg; scripts/build-wasm.sh okr-wasm okr-wasm/pkg)"
fi
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)" >> "$tmp/machine.txt"
python3 benches/side-by-side/table.py "$tmp"
