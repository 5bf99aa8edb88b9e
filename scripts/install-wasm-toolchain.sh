#!/usr/bin/env bash
# Install what is needed to build okr-wasm for wasm32-unknown-unknown and post-process it.
# Idempotent: every step is skipped when already satisfied. Runs as root, no stdin (CI=true).
#
# Usage: scripts/install-wasm-toolchain.sh [WASM_BINDGEN_VERSION | path/to/Cargo.lock]
#   default argument: Cargo.lock of the current directory.
#
# Installs:
#   1. a wasm32 compiler: the rustup target if installed, else Debian's rustc-web/cargo-web
#      1.96 + rust-web-src + lld-22 (its wasm-ld links; std is built from source by
#      scripts/build-wasm.sh);
#   2. wasm-bindgen-cli at EXACTLY the crate version (cargo install, ~2.5 min on 2 cores);
#   3. wasm-opt (npm `binaryen`, v132; Debian's binaryen 108 is too old for rustc 1.96 output).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
log() { echo "[install-wasm-toolchain] $*"; }

arg="${1:-Cargo.lock}"
if [[ "$arg" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  WB_VERSION="$arg"
elif [[ -f "$arg" ]]; then
  WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$arg")"
  [[ -n "$WB_VERSION" ]] || { echo "no wasm-bindgen entry in $arg" >&2; exit 1; }
else
  echo "usage: $0 [X.Y.Z | path/to/Cargo.lock]  ($arg: not a version nor a file)" >&2; exit 2
fi
log "wasm-bindgen version wanted: $WB_VERSION"

apt_updated=0
apt_install() {
  if [[ $apt_updated == 0 ]]; then apt-get update -qq; apt_updated=1; fi
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# 1. Compiler for wasm32-unknown-unknown.
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "rustup target wasm32-unknown-unknown installed: nothing to do"
elif [[ -x /usr/bin/rustc && -x /usr/bin/cargo && -d /usr/lib/rustlib/src/rust/library \
        && -x /usr/lib/llvm-22/bin/wasm-ld ]] \
     && /usr/bin/rustc --version | grep -q '^rustc 1\.'; then
  log "Debian rustc-web already installed: $(/usr/bin/rustc --version)"
else
  log "installing Debian rustc-web cargo-web rust-web-src lld-22"
  apt_install rustc-web cargo-web rust-web-src lld-22
  log "installed $(/usr/bin/rustc --version)"
fi

# 2. wasm-bindgen CLI, exact version.
export PATH="$HOME/.cargo/bin:$PATH"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [[ "$have" == "$WB_VERSION" ]]; then
  log "wasm-bindgen $have already installed"
else
  log "cargo install wasm-bindgen-cli --version $WB_VERSION (have: ${have:-none})"
  # No --locked: one locked dependency is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "=$WB_VERSION" --force --quiet
  wasm-bindgen --version
fi

# 3. wasm-opt from npm binaryen (a JS/wasm build: needs node, no native download).
BINARYEN_VERSION="${BINARYEN_VERSION:-132.0.0}"
if wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  log "wasm-opt already installed: $(wasm-opt --version)"
else
  command -v npm >/dev/null || apt_install nodejs npm
  log "npm install -g binaryen@$BINARYEN_VERSION"
  npm install -g --no-fund --no-audit --loglevel=error "binaryen@$BINARYEN_VERSION"
  hash -r
  wasm-opt --version
fi
log "done"
