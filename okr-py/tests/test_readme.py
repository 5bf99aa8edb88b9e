"""The ```python blocks of okr-py/README.md run as written (from the repository root)."""

import os
import pathlib
import re

import pytest

from conftest import REPO

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(), re.S)


def test_readme_has_examples():
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_block(index, monkeypatch, capsys):
    if "pandas" in BLOCKS[index]:
        pytest.importorskip("pandas")
    monkeypatch.chdir(REPO)
    exec(compile(BLOCKS[index], f"README.md[python block {index}]", "exec"), {"__name__": "__readme__"})
