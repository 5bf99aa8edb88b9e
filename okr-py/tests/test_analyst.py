"""examples/analyst.py runs and writes its CSV."""

import csv
import subprocess
import sys

import pytest

from conftest import REPO

pytest.importorskip("pandas")


def test_analyst_script(tmp_path):
    out = tmp_path / "sub" / "rollup.csv"
    run = subprocess.run([sys.executable, str(REPO / "examples" / "analyst.py"), str(out)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "objectives are off track" in run.stdout
    assert "own no aligned objective" in run.stdout
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 17 + 25
    assert {"id", "kind", "progress", "status", "title", "owner", "owner_name"} <= set(rows[0])


def test_analyst_script_default_output():
    run = subprocess.run([sys.executable, str(REPO / "examples" / "analyst.py"), "--as-of", "2026-10-15"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "wrote 42 rows to" in run.stdout
