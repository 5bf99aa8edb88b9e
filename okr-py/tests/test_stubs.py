"""The hand-written stub matches the extension module (mypy.stubtest)."""

import pathlib
import subprocess
import sys

import pytest

HERE = pathlib.Path(__file__).parent


def test_stubtest():
    pytest.importorskip("mypy")
    allow = HERE / "stubtest-allowlist.txt"
    cmd = [sys.executable, "-m", "mypy.stubtest", "okr._okr"]
    if allow.exists():
        cmd += ["--allowlist", str(allow)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
