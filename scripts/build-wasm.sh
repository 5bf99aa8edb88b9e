#!/usr/bin/env bash
# Build a wasm-bindgen cdylib crate for wasm32-unknown-unknown (release), generate the JS glue
# for node and web, and shrink the .wasm with wasm-opt (-Oz and a few extra passes).
#
# Usage (from the workspace root): scripts/build-wasm.sh CRATE_PKG OUT_DIR
#   -> OUT_DIR/node  (wasm-bindgen --target nodejs)   OUT_DIR/web  (wasm-bindgen --target web)
# Compiler: the rustup wasm32 target when installed, else Debian's rustc-web 1.96 building std
# from source (-Zbuild-std) into target/wasm. Run scripts/install-wasm-toolchain.sh first.
# Env: WASM_OPT=0 skips wasm-opt; WASM_OPT_FLAGS overrides "$OPT_FLAGS" below; WASM_RUSTFLAGS
# overrides "-Zlocation-detail=none" (Debian route); WASM_BUILD_STD_FEATURES (Debian
# route) passes -Zbuild-std-features, e.g. optimize_for_size (measured here: 8% smaller gzipped,
# 30% slower rollup); CARGO_PROFILE_RELEASE_OPT_LEVEL overrides "3" ("s": 18% smaller gzipped,
# a third slower; see below).
set -euo pipefail
log() { echo "[build-wasm] $*"; }
[[ $# -eq 2 ]] || { echo "usage: $0 CRATE_PKG OUT_DIR" >&2; exit 2; }
PKG="$1"; OUT="$2"
export PATH="$HOME/.cargo/bin:$PATH"
mkdir -p "$OUT"; OUT="$(cd "$OUT" && pwd)"

# lib target name (e.g. okr-wasm -> okr_wasm) and workspace target dir, via cargo metadata.
read -r LIB TARGET_ROOT < <(cargo metadata --no-deps --format-version 1 | node -e '
  const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const p = m.packages.find(p => p.name === process.argv[1]);
  if (!p) { console.error("no package " + process.argv[1]); process.exit(1); }
  const t = p.targets.find(t => t.kind.includes("cdylib"));
  if (!t) { console.error(process.argv[1] + " has no cdylib target"); process.exit(1); }
  console.log(t.name.replace(/-/g, "_") + " " + m.target_directory);' "$PKG")

# Size matters to web products: fat LTO and one codegen unit for the wasm build only (the
# native release profile stays as it is), and wasm-opt's size passes below. The compiler
# optimises for speed: opt-level "s" gave a 399 KB (gzipped) module whose rollupColumns took
# 58-60 ms at 100,000 objectives in Node, 2.0-2.4x native; opt-level 3 gives 485 KB and
# 35-45 ms, 1.2-1.4x native (measured 2026-12-02 on a 2-core Xeon VM).
export CARGO_PROFILE_RELEASE_OPT_LEVEL="${CARGO_PROFILE_RELEASE_OPT_LEVEL:-3}"

t0=$(date +%s)
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "compiler: rustup $(rustc --version)"
  cargo build -p "$PKG" --release --locked --target wasm32-unknown-unknown
  WASM="$TARGET_ROOT/wasm32-unknown-unknown/release/$LIB.wasm"
else
  [[ -x /usr/bin/rustc ]] || { echo "no wasm32 compiler: run scripts/install-wasm-toolchain.sh" >&2; exit 1; }
  log "compiler: Debian $(/usr/bin/rustc --version) with -Zbuild-std"
  # wasm32-unknown-unknown already defaults to panic=abort: no profile change needed.
  # --locked: Debian's cargo 1.96 reads the v4 lockfile written by rustup's cargo unchanged.
  # rustc's default wasm linker is `rust-lld`, which Debian does not ship: lld-22's wasm-ld is
  # the same linker under its own name.
  WASM_LD="${WASM_LD:-/usr/lib/llvm-22/bin/wasm-ld}"
  [[ -x "$WASM_LD" ]] || { echo "no wasm linker at $WASM_LD: run scripts/install-wasm-toolchain.sh" >&2; exit 1; }
  # -Zlocation-detail=none: panic messages keep their text but not the file:line:column of
  # every bounds check and unwrap (~8 KB gzipped of file names and tables); the module has no
  # debug info to map them back anyway.
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$WASM_LD" \
  RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }${WASM_RUSTFLAGS--Zlocation-detail=none}" \
  RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$TARGET_ROOT/wasm" \
    /usr/bin/cargo build -p "$PKG" --release --locked --target wasm32-unknown-unknown \
      -Zbuild-std=std,panic_abort ${WASM_BUILD_STD_FEATURES:+-Zbuild-std-features=$WASM_BUILD_STD_FEATURES}
  WASM="$TARGET_ROOT/wasm/wasm32-unknown-unknown/release/$LIB.wasm"
fi
log "cargo build: $(( $(date +%s) - t0 )) s -> $WASM"

crate_v="$(awk -v n=wasm-bindgen '$0 == "name = \"" n "\"" {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock 2>/dev/null || true)"
cli_v="$(wasm-bindgen --version | awk '{print $2}')"
if [[ -n "$crate_v" && "$crate_v" != "$cli_v" ]]; then
  echo "wasm-bindgen CLI $cli_v != crate $crate_v: run scripts/install-wasm-toolchain.sh Cargo.lock" >&2; exit 1
fi

# -Oz, then --gufa --flatten --rereloop and -Oz twice more: 4.5 KB (1.1%) smaller gzipped than
# -Oz alone, rollup speed unchanged within noise (measured 2026-12-02, binaryen 132); about 35 s
# more per module.
OPT_FLAGS="${WASM_OPT_FLAGS:--Oz --gufa --flatten --rereloop -Oz -Oz}"
size() { printf '%s raw=%d gzip=%d\n' "$1" "$(stat -c %s "$1")" "$(gzip -9c "$1" | wc -c)"; }
for tgt in nodejs web; do
  dir="$OUT/$([[ $tgt == nodejs ]] && echo node || echo web)"
  rm -rf "$dir"; mkdir -p "$dir"
  wasm-bindgen --target "$tgt" --out-dir "$dir" "$WASM"
  for w in "$dir"/*.wasm; do
    log "wasm-bindgen ($tgt): $(size "$w")"
    if [[ "${WASM_OPT:-1}" != 0 ]]; then
      # binaryen >= 118 reads the features from the module's target_features section; older ones
      # (Debian's 108) need: --enable-bulk-memory --enable-nontrapping-float-to-int
      # --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue
      # shellcheck disable=SC2086
      wasm-opt $OPT_FLAGS "$w" -o "$w.opt" && mv "$w.opt" "$w"
      log "wasm-opt $OPT_FLAGS: $(size "$w")"
    fi
  done
done
# okr-wasm is built without okr-core's built-in KPI catalog: the data ships beside the .wasm
# (installed at run time with loadKpiCatalog), so pages that never suggest do not download it.
if [[ "$PKG" == okr-wasm ]]; then
  for dir in "$OUT/node" "$OUT/web"; do cp okr-core/data/kpi_catalog.json "$dir/"; done
  log "kpi_catalog.json: $(size "$OUT/web/kpi_catalog.json")"
fi
log "done in $(( $(date +%s) - t0 )) s: $OUT/node $OUT/web"
