#!/usr/bin/env bash
# Install Debian's chromium for headless browser tests and smoke-test it as root.
# playwright-core itself comes from the wasm package's package.json (npm ci), not from here;
# `npx playwright install` (browser download) does not work on these machines.
#
# Launch from playwright-core with:
#   chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS })
# CHROMIUM_ARGS (user data dir: playwright makes a fresh temp one itself):
#   --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
#   --disable-component-update --disable-sync
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
log() { echo "[install-browser] $*"; }

if /usr/bin/chromium --version >/dev/null 2>&1; then
  log "already installed: $(/usr/bin/chromium --version 2>/dev/null)"
else
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  log "installed: $(/usr/bin/chromium --version 2>/dev/null)"
fi

# Smoke test: headless as root, a data: URL, no network.
ud="$(mktemp -d)"; trap 'rm -rf "$ud"' EXIT
out="$(timeout 60 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$ud" \
  --dump-dom 'data:text/html,<p id=x>chromium-ok</p>' 2>/dev/null)"
grep -q 'chromium-ok' <<<"$out" || { echo "chromium smoke test failed" >&2; exit 1; }
log "headless smoke test ok"
