#!/usr/bin/env bash
# Peak memory while loading a document, as a multiple of the document's size, for two shapes:
# (a) the generated organisation (`okr-gen OBJECTIVES`), (b) a document that is mostly `extra`
# (one objective whose `extra` holds an array of zeros, EXTRA_MB MiB). Each is measured twice:
# in process (`okr-mem load`: okr-core's read_file_bytes then load_bytes_with; peak RSS from VmHWM) and as a
# whole command (`okr check` under `/usr/bin/time -v`: Maximum resident set size).
# A measurement, not a test: nothing here asserts a figure.
#
# Usage: scripts/mem-load.sh [OBJECTIVES (20000)] [EXTRA_MB (100)]
# Env:   CARGO_TARGET_DIR (honoured), TMPDIR (where the documents are written)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n="${1:-20000}"
mb="${2:-100}"
target="${CARGO_TARGET_DIR:-target}"
echo "[mem] cargo build --release -p okr-benches (okr-gen, okr-mem) -p okr-cli" >&2
cargo build --release -q -p okr-benches --bin okr-gen --bin okr-mem -p okr-cli
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
"$target/release/okr-gen" "$n" "$dir/org.json" >/dev/null
"$target/release/okr-mem" extra "$((mb << 20))" "$dir/extra.json"

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores," \
  "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $(date -u '+%Y-%m-%d %H:%M UTC');" \
  "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| document | size | peak RSS, read | peak RSS, loaded | loaded / size | \`okr check\` peak RSS | / size |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for name in org extra; do
  f="$dir/$name.json"
  line="$("$target/release/okr-mem" load "$f")"
  get() { sed -E "s/.*\"$1\":([0-9.]+|null).*/\1/" <<<"$line"; }
  bytes="$(get bytes)"
  /usr/bin/time -v -o "$dir/time.txt" "$target/release/okr" check "$f" >/dev/null || true
  cli_kib="$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$dir/time.txt")"
  label="$name"
  [[ "$name" = org ]] && label="organisation, $n objectives"
  [[ "$name" = extra ]] && label="mostly \`extra\` (zeros)"
  awk -v l="$label" -v b="$bytes" -v r="$(get peak_rss_read)" -v p="$(get peak_rss_loaded)" -v c="$cli_kib" 'BEGIN {
    printf "| %s | %.1f MB | %.0f MB | %.0f MB | %.1fx | %.0f MB | %.1fx |\n", l, b / 1e6, r / 1e6, p / 1e6, p / b, c * 1024 / 1e6, c * 1024 / b
  }'
done
