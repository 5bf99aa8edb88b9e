#!/usr/bin/env bash
# Build okr-wasm (npm package okr-wasm) and run its JavaScript tests: the TypeScript check of a
# typed usage file, node's test runner on the API, and the demo page driven in Debian's headless
# Chromium with playwright-core (screenshot in okr-wasm/test-output/demo.png).
# Installs what it needs (wasm32 compiler, wasm-bindgen-cli, wasm-opt, chromium, npm packages);
# idempotent, safe as root with no stdin.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
log() { echo "[test-wasm] $*"; }
export CI="${CI:-true}" npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

bash scripts/install-wasm-toolchain.sh Cargo.lock
bash scripts/build-wasm.sh okr-wasm okr-wasm/pkg
bash scripts/install-browser.sh

log "npm ci (okr-wasm dev dependencies: typescript, playwright-core)"
(cd okr-wasm && npm ci --loglevel=error)

# The tests compare the package's answers with the okr command's (the browser test with its
# report, the analytics tests with every analytics subcommand).
cargo build -q --release -p okr-cli
target="${CARGO_TARGET_DIR:-target}"
[[ "$target" = /* ]] || target="$ROOT/$target"
export OKR_BIN="$target/release/okr"
mkdir -p okr-wasm/test-output
"$OKR_BIN" report examples/acme.okr.json --as-of 2026-11-15 --format json \
  > okr-wasm/test-output/cli-report.json

log "tsc --noEmit (typed usage of the package)"
(cd okr-wasm && npx tsc -p tests/tsconfig.json --noEmit)

log "node --test (API in node, demo page in headless chromium)"
(cd okr-wasm && node --test --test-reporter=spec tests/*.test.mjs)
log "screenshot: $ROOT/okr-wasm/test-output/demo.png"
