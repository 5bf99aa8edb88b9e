#!/usr/bin/env bash
# Create (or reuse) a Python virtual environment with maturin and pytest for okr-py.
#
# Usage: scripts/setup-python.sh VENV_DIR [extra pip requirement ...]
#   e.g.  scripts/setup-python.sh .venv
#         scripts/setup-python.sh .venv pandas pyarrow polars mypy     (optional extras)
# Then:   VENV_DIR/bin/maturin develop --release -m okr-py/Cargo.toml   (or pip install ./okr-py)
# Env: PYTHON (default python3, >= 3.11: the abi3 floor of okr-py), MATURIN_SPEC, PYTEST_SPEC.
set -euo pipefail
log() { echo "[setup-python] $*"; }
[[ $# -ge 1 ]] || { echo "usage: $0 VENV_DIR [extra requirement ...]" >&2; exit 2; }
VENV="$1"; shift
PY="${PYTHON:-python3}"
MATURIN_SPEC="${MATURIN_SPEC:-maturin>=1.16,<2}"
PYTEST_SPEC="${PYTEST_SPEC:-pytest>=8}"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_PROGRESS_BAR=off

"$PY" -c 'import sys; assert sys.version_info >= (3, 11), sys.version' \
  || { echo "$PY is older than 3.11" >&2; exit 1; }
if [[ -x "$VENV/bin/python" ]] && "$VENV/bin/python" -c 'import pip' 2>/dev/null; then
  log "reusing $VENV ($("$VENV/bin/python" --version))"
else
  log "creating $VENV with $("$PY" --version)"
  "$PY" -m venv "$VENV"
fi
pyb="$VENV/bin/python"

need=()
"$pyb" -c 'import maturin' 2>/dev/null || need+=("$MATURIN_SPEC")
"$pyb" -c 'import pytest' 2>/dev/null || need+=("$PYTEST_SPEC")
for req in "$@"; do
  mod="${req%%[<>=!~ \[]*}"; mod="${mod//-/_}"
  "$pyb" -c "import $mod" 2>/dev/null || need+=("$req")
done
if [[ ${#need[@]} -gt 0 ]]; then
  log "pip install ${need[*]}"
  "$pyb" -m pip install -q "${need[@]}"
else
  log "all requirements already present"
fi
log "maturin $("$VENV/bin/maturin" --version | awk '{print $2}'), pytest $("$pyb" -m pytest --version 2>&1 | awk '{print $2}')"
