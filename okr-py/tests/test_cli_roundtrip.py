"""A document written by Python loads in the Rust CLI, which computes the same figures."""

import json
import subprocess

import pytest

import okr
from conftest import AS_OF, REPO, okr_cli


def cli_report(path):
    out = subprocess.run([*okr_cli(), "report", str(path), "--as-of", AS_OF, "--format", "json"],
                         cwd=REPO, check=True, capture_output=True, text=True, timeout=900)
    return json.loads(out.stdout)


def test_python_saved_document_matches_cli(acme, tmp_path):
    # change the example from Python, save it, and let the CLI read it
    acme.check_in("annual-revenue", 3_400_000, at="2026-11-15T08:00:00Z", confidence=0.7)
    acme.add_objective("py-extra", "Added from Python", "astrid", "q4-2026")
    acme.link("py-extra", "sales-growth", 0.5)
    acme.add_key_result("py-kr", "Ten demos", "py-extra", {"kind": "numeric", "start": 0, "target": 10})
    acme.check_in("py-kr", 4, at="2026-11-10")
    path = tmp_path / "from-python.okr.json"
    acme.save(path)

    report = cli_report(path)
    ours = acme.rollup(AS_OF)
    assert len(report["nodes"]) == len(ours)
    for node in report["nodes"]:
        mine = ours[node["id"]]
        assert node["kind"] == mine.kind
        assert node["status"] == mine.status, node["id"]
        for field in ("progress", "attainment", "expected", "confidence", "value"):
            if node[field] is None:
                assert getattr(mine, field) is None, (node["id"], field)
            else:
                assert getattr(mine, field) == pytest.approx(node[field], rel=1e-12, abs=1e-12), (
                    node["id"], field)
    # and the JSON report of the binding is the CLI's, for the same file (the objectives a
    # revision created come after the others once loaded, so the order of the nodes in memory
    # and in the file's graph may differ; the figures above are compared by id)
    assert json.loads(okr.load(path).report_json(AS_OF)) == report
