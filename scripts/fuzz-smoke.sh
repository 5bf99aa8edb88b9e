#!/usr/bin/env bash
# A short smoke run of every fuzz target (fuzz/, cargo-fuzz), for CI: seeds the corpora, then
# runs each target for FUZZ_SECONDS (default 30) without a sanitizer (okr-core forbids unsafe
# code; the properties are the point). A failure leaves the crashing input in
# fuzz/artifacts/<target>/: commit it under okr-core/tests/fuzz/regressions/<target>/ so that
# `cargo test` replays it.
#
# Needs a nightly toolchain (`rustup toolchain list`) and cargo-fuzz (installed here when
# missing). Without a nightly it says so and exits 0: the committed regression inputs are
# still replayed by `cargo test`.
#
# Usage: scripts/fuzz-smoke.sh [TARGET ...]     (default: every target)
# Env:   FUZZ_SECONDS, CARGO_TARGET_DIR (the fuzz build goes to $CARGO_TARGET_DIR/fuzz)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log() { echo "[fuzz-smoke] $*"; }
SECONDS_EACH="${FUZZ_SECONDS:-30}"
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  log "no nightly toolchain: skipped (cargo test still replays okr-core/tests/fuzz/regressions)"
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  log "cargo install cargo-fuzz"
  cargo install -q cargo-fuzz
fi
if [[ -n "${CARGO_TARGET_DIR:-}" ]]; then
  export CARGO_TARGET_DIR="$CARGO_TARGET_DIR/fuzz"
fi

bash fuzz/seed.sh
cd fuzz
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
t0=$(date +%s)
for t in "${targets[@]}"; do
  cargo +nightly fuzz build -O -s none "$t" 2>&1 | tail -1
done
log "built in $(( $(date +%s) - t0 )) s"
marker="$(mktemp)"
trap 'rm -f "$marker"' EXIT
for t in "${targets[@]}"; do
  extra=()
  [[ "$t" == document_load_never_panics ]] && extra=(-dict=okr-document.dict -max_len=8192)
  log "$t: ${SECONDS_EACH} s"
  cargo +nightly fuzz run -O -s none "$t" "corpus/$t" -- \
    -max_total_time="$SECONDS_EACH" -timeout=10 -print_final_stats=1 "${extra[@]}" 2>&1 \
    | grep -E '^(Done|stat::number_of_executed_units)|SUMMARY|panicked|Test unit written' || true
  found="$(find "artifacts/$t" -type f -newer "$marker" 2>/dev/null || true)"
  if [[ -n "$found" ]]; then
    log "$t found a failing input: $found"
    exit 1
  fi
done
log "done in $(( $(date +%s) - t0 )) s"
