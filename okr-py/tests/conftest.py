import os
import pathlib

import pytest

import okr

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "acme.okr.json"
AS_OF = "2026-11-15"


@pytest.fixture
def acme() -> okr.Graph:
    return okr.load(EXAMPLE)


@pytest.fixture
def small() -> okr.Graph:
    """The README's small graph."""
    g = okr.Graph()
    g.add_owner("acme", "Acme", "organisation")
    g.add_owner("growth", "Growth team", "team", parent="acme")
    g.add_owner("frida", "Frida", "person", parent="growth")
    g.add_cycle("fy", "2026-01-01", "2026-12-31")
    g.add_cycle("q4", "2026-10-01", "2026-12-31", parent="fy")
    g.add_objective("company", "Lead the regional market", "acme", "fy")
    g.add_objective("marketing", "Grow the customer base", "acme", "q4")
    g.add_objective("q4-customers", "Win 500 new customers", "growth", "q4")
    g.link("marketing", "company", 1.0)
    g.link("q4-customers", "marketing", 2.0)
    g.link("q4-customers", "company", 1.0)
    g.add_key_result("new", "Acquire 500 new customers", "q4-customers",
                     {"kind": "numeric", "start": 0, "target": 500, "unit": "customers"})
    g.add_key_result("wait", "Cut wait from 60 to 45 minutes", "q4-customers",
                     {"kind": "numeric", "start": 60, "target": 45})
    g.add_key_result("launch", "Referral programme live", "marketing", {"kind": "boolean"})
    g.add_key_result("office", "Open the Oslo office", "marketing",
                     {"kind": "milestones", "milestones": [{"name": "lease", "weight": 1},
                                                           {"name": "team", "weight": 2}]})
    g.check_in("new", 250, at="2026-11-01T12:00:00Z", confidence=0.8)
    g.check_in("wait", 50, at="2026-11-02T12:00:00Z")
    return g


def okr_cli() -> list[str]:
    """The okr command: $OKR_BIN if set, else `cargo run -q -p okr-cli --`."""
    exe = os.environ.get("OKR_BIN")
    if exe:
        return [exe]
    return ["cargo", "run", "-q", "-p", "okr-cli", "--"]
