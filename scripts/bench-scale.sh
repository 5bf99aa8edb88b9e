#!/usr/bin/env bash
# The scaling benchmark: every adversarial document shape (benches/src/shapes.rs, the
# generators of shared/hostile/gen_scale.py and more) at a size N and at 4N, each command's
# core function on both (check, lint with the relevant rules, scores, scorecards, coverage,
# rollup, explain, ...), and a Markdown table of the times and their growth ratio (about 4
# for linear work). A benchmark, not a test: nothing here asserts a time.
#
# Usage: scripts/bench-scale.sh [--quick] [--only TEXT]
#        --quick      sizes divided by 10 (a smoke run, seconds)
#        --only TEXT  only the shapes whose name contains TEXT
# Env:   CARGO_TARGET_DIR (honoured)
# Takes about 3-10 minutes on a 2-core machine and up to 5.4 GB of memory (a million owners at
# 4N is four million).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target="${CARGO_TARGET_DIR:-target}"
echo "[bench] cargo build --release -p okr-benches --bin okr-scale" >&2
cargo build --release -q -p okr-benches --bin okr-scale
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores," \
  "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $(date -u '+%Y-%m-%d %H:%M UTC');" \
  "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$target/release/okr-scale" "$@"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
