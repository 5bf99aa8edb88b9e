"""Analytics through the Python package: the same answers as okr-core (checked against the
`okr` command's JSON, which prints the library's result), typed errors, no mutation."""

import datetime as dt
import json
import subprocess

import pytest

import okr
from conftest import EXAMPLE, REPO, okr_cli

AS_OF = "2026-11-15"


def cli(*args):
    out = subprocess.run([*okr_cli(), *args, "--format", "json"], cwd=REPO,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_contributions_add_up_and_match_the_cli(acme):
    c = acme.contributions("leading-provider", AS_OF, top=3)
    assert abs(sum(k["share"] for k in c["key_results"]) - 1.0) < 1e-9
    assert abs(sum(k["contribution"] for k in c["key_results"]) - c["progress"]) < 1e-9
    assert len(c["top_movers"]) == 3
    want = cli("contributions", str(EXAMPLE), "leading-provider", "--as-of", AS_OF, "--top", "3")
    assert c["top_movers"] == want["top_movers"]
    assert c["key_results"] == want["contributions"]["key_results"]
    with pytest.raises(okr.UnknownIdError) as e:
        acme.contributions("nope", AS_OF)
    assert e.value.code == "unknown_id" and e.value.ids == ["nope"]


@pytest.mark.parametrize("top", [-1, 2.5, float("nan"), float("inf")])
def test_contributions_top_is_a_whole_number_from_0(acme, top):
    # read by okr-core's options::count, as JavaScript's is: the same values refused
    with pytest.raises(okr.ConfigError) as e:
        acme.contributions("leading-provider", AS_OF, top=top)
    assert e.value.code == "invalid_config" and "top" in str(e.value)


def test_contributions_top_0_and_default(acme):
    assert acme.contributions("leading-provider", AS_OF, top=0)["top_movers"] == []
    assert acme.contributions("leading-provider", AS_OF, top=3.0)["top_movers"] == (
        acme.contributions("leading-provider", AS_OF, top=3)["top_movers"]
    )
    assert len(acme.contributions("leading-provider", AS_OF)["top_movers"]) == min(
        5, len(acme.contributions("leading-provider", AS_OF, top=100)["top_movers"])
    )


def test_what_if_does_not_mutate(acme):
    before = acme.dumps()
    r = acme.what_if({"annual-revenue": 3_600_000, "referral-live": False}, AS_OF)
    assert r["annual-revenue"].progress == 1.0
    assert r["referral-live"].progress == 0.0
    assert acme.dumps() == before
    assert acme.rollup(AS_OF)["annual-revenue"].progress < 1.0
    with pytest.raises(okr.InvalidCheckInError):
        acme.what_if({"annual-revenue": True}, AS_OF)
    with pytest.raises(okr.UnknownIdError):
        acme.what_if({"nope": 1}, dt.date(2026, 11, 15))
    assert acme.dumps() == before


WHAT_IF = {"annual-revenue": 3_600_000, "referral-live": False}
# The answer okr-core's what_if_diff test pins for this input (analytics/what_if.rs).
CHANGED = ["new-customers-q4", "customer-base", "sales-growth", "leading-provider",
           "annual-revenue", "referral-live"]


def test_what_if_diff_is_the_cli_list(acme):
    before = acme.dumps()
    d = acme.what_if_diff(WHAT_IF, AS_OF)
    assert d == cli("what-if", str(EXAMPLE), "--set", "annual-revenue=3600000",
                    "--set", "referral-live=not-done", "--as-of", AS_OF)
    assert [c["id"] for c in d] == CHANGED
    assert set(d[0]) == {"id", "kind", "progress_before", "progress_after", "status_before",
                         "status_after"}
    kr = next(c for c in d if c["id"] == "annual-revenue")
    assert (kr["kind"], kr["progress_before"], kr["progress_after"]) == ("key_result", 0.7375, 1.0)
    assert (kr["status_before"], kr["status_after"]) == ("at_risk", "on_track")
    r = acme.what_if(WHAT_IF, AS_OF)
    for c in d:
        assert r[c["id"]].progress == c["progress_after"] and r[c["id"]].status == c["status_after"]
    assert acme.what_if_diff({}, AS_OF) == []
    with pytest.raises(okr.UnknownIdError):
        acme.what_if_diff({"nope": 1}, AS_OF)
    with pytest.raises(okr.InvalidCheckInError):
        acme.what_if_diff({"annual-revenue": True}, AS_OF)
    assert acme.dumps() == before


def test_coverage_forecast_scores_diff_match_the_cli(acme):
    assert acme.coverage() == cli("coverage", str(EXAMPLE))
    assert acme.coverage(cycle="q4-2026") == cli("coverage", str(EXAMPLE), "--cycle", "q4-2026")
    with pytest.raises(okr.UnknownIdError):
        acme.coverage(cycle="q9")
    assert acme.forecast(AS_OF) == cli("forecast", str(EXAMPLE), "--as-of", AS_OF)
    assert acme.scores("2027-01-05") == cli("score", str(EXAMPLE), "--today", "2027-01-05")
    with pytest.raises(okr.ConfigError):
        acme.scores("2027-01-05", partial=2.0)
    diff = acme.diff("2026-10-15", AS_OF)
    want = cli("diff", str(EXAMPLE), "--from", "2026-10-15", "--to", AS_OF)
    # the revisions' times are aware datetimes, as log() gives them
    for e in want["revisions"]:
        e["at"] = dt.datetime.fromisoformat(e["at"].replace("Z", "+00:00"))
    assert diff == want
    # the example's revisions: a link weight on 10-20, a key result re-planned on 11-03 (its
    # fields in field order), an override set by hand on 11-12
    seen = [(e["entity"], e["field"]) for e in diff["revisions"]]
    assert seen == [("new-customers-q4 -> customer-base", "weight"), ("fair-leads", "title"),
                    ("fair-leads", "target"), ("north-clinics", "override")]
    assert diff["revisions"][0]["at"] == dt.datetime(2026, 10, 20, tzinfo=dt.timezone.utc)
    assert all(e in acme.log() for e in diff["revisions"])


def test_scorecards(acme):
    cards = acme.scorecards(AS_OF)
    assert cards == cli("scorecard", str(EXAMPLE), "--today", AS_OF)
    sales = next(c for c in cards if c["owner"] == "sales")
    names = [s["name"] for s in sales["signals"]]
    assert names == ["attainment", "aligned_share", "check_in_discipline", "stretch",
                     "calibration", "target_already_reached", "consistent_overachievement",
                     "target_lowered", "target_raised"]
    assert all(s["explanation"] for s in sales["signals"])
    weekly = acme.scorecards(AS_OF, cadence_days=14)
    assert weekly != cards
    with pytest.raises(okr.ConfigError):
        acme.scorecards(AS_OF, cadence_days=0)
    with pytest.raises(okr.ConfigError):
        acme.scorecards(AS_OF, bogus=1)


def test_scorecards_owners_option(acme):
    cards = acme.scorecards(AS_OF)
    owners = [c["owner"] for c in cards]
    picked = acme.scorecards(AS_OF, owners=[owners[2], owners[0]])
    assert picked == [cards[0], cards[2]], "in owner order, the same cards"
    assert picked == cli("scorecard", str(EXAMPLE), "--today", AS_OF, "--owner", owners[0]) + \
        cli("scorecard", str(EXAMPLE), "--today", AS_OF, "--owner", owners[2])
    assert acme.scorecards(AS_OF, owners=[]) == cards
    with pytest.raises(okr.UnknownIdError) as e:
        acme.scorecards(AS_OF, owners=["sales", "nobody"])
    assert e.value.ids == ["nobody"]
    with pytest.raises(okr.ConfigError):
        acme.scorecards(AS_OF, owners="sales")


def test_render_graph(acme):
    dot = acme.render_graph("dot", AS_OF)
    assert dot.startswith("digraph okr {")
    assert '"new-customers-q4" -> "customer-base" [label="2"];' in dot
    assert acme.render_graph("mermaid", AS_OF).startswith("flowchart BT")
    svg = acme.render_graph("svg", dt.date(2026, 11, 15))
    assert svg.startswith("<svg") and 'data-id="leading-provider"' in svg
    with pytest.raises(okr.InvalidValueError):
        acme.render_graph("png", AS_OF)
