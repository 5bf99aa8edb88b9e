"""The ```python blocks of okr-py/README.md and of the repository README run as written (from
the repository root)."""

import pathlib
import re

import pytest

from conftest import REPO

READMES = {
    "okr-py/README.md": pathlib.Path(__file__).resolve().parents[1] / "README.md",
    "README.md": pathlib.Path(REPO) / "README.md",
}
BLOCKS = [
    (name, i, block)
    for name, path in READMES.items()
    for i, block in enumerate(re.findall(r"```python\n(.*?)```", path.read_text(), re.S))
]


def test_readmes_have_examples():
    assert sum(name == "okr-py/README.md" for name, _, _ in BLOCKS) >= 4
    assert sum(name == "README.md" for name, _, _ in BLOCKS) >= 1


@pytest.mark.parametrize("name,index,block", BLOCKS, ids=[f"{n}[{i}]" for n, i, _ in BLOCKS])
def test_readme_block(name, index, block, monkeypatch, capsys):
    if "pandas" in block:
        pytest.importorskip("pandas")
    monkeypatch.chdir(REPO)
    exec(compile(block, f"{name}[python block {index}]", "exec"), {"__name__": "__readme__"})
