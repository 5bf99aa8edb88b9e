#!/usr/bin/env bash
# Runs every test of the project: Rust (fmt, clippy, unit, property, snapshot, doc tests),
# Python (okr-py built into .venv, pytest) and JavaScript (okr-wasm built for wasm32, node tests
# and the demo page in headless Chromium), then a short smoke of each fuzz target. Installs what
# it needs; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "Rust: format and lint"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings

step "Rust: tests (unit, property, snapshot, doc)"
INSTA_UPDATE=no cargo test --workspace

step "Python: okr-py (pytest, stubtest, README examples, CLI round trip)"
bash scripts/test-python.sh

step "JavaScript: okr-wasm (TypeScript check, node tests, headless Chromium)"
bash scripts/test-wasm.sh

# A short smoke of each fuzz target (30 s each; about 10 minutes on a fresh 2-core machine
# with cargo-fuzz's install and the fuzz build). Skipped without a nightly toolchain, or with
# OKR_FUZZ_SMOKE=0. The committed crash inputs are replayed by `cargo test` above either way.
if [[ "${OKR_FUZZ_SMOKE:-1}" != 0 ]]; then
  step "Fuzzing: a short smoke of each target (scripts/fuzz-smoke.sh)"
  bash scripts/fuzz-smoke.sh
fi
