"""Proposals and review, comments, acknowledgements (okr-core's workflow): the binding takes
the document's shapes, converts times both ways and maps the errors to their classes."""

import datetime as dt

import pytest

import okr

UTC = dt.timezone.utc


@pytest.fixture
def team(small) -> okr.Graph:
    """The small graph with two people under growth; frida checked in on `new`."""
    small.add_owner("gus", "Gus", "person", parent="growth")
    small.check_in("new", 300, at="2026-11-05T09:00:00Z", author="frida")
    return small


def new_objective():
    return {
        "id": "p1", "by": "frida", "at": "2026-11-03", "note": "a referral push",
        "new_objective": {
            "id": "referrals", "title": "Win customers by referral", "owner": "frida",
            "cycle": "q4", "parents": [{"id": "q4-customers", "weight": 2}],
            "key_results": [{"id": "ref-deals", "title": "40 referred deals",
                             "measure": {"kind": "numeric", "start": 0, "target": 40}}],
        },
    }


def test_a_proposal_counts_nowhere_until_approved_by_the_management_line(team):
    before = team.rollup("2026-11-30")["q4-customers"].progress
    team.propose(new_objective())
    assert team.objective("referrals") is None
    assert team.rollup("2026-11-30")["q4-customers"].progress == before
    p = team.proposal("p1")
    assert (p["state"], p["kind"], p["entity"]) == ("pending", "new_objective", "referrals")
    assert p["at"] == dt.datetime(2026, 11, 3, tzinfo=UTC)
    # gus is frida's peer; frida proposed it
    assert not team.can_decide("p1", "gus") and not team.can_decide("p1", "frida")
    with pytest.raises(okr.ForbiddenError) as e:
        team.approve("p1", by="gus", at="2026-11-04")
    assert e.value.code == "forbidden" and e.value.ids == ["p1", "gus"]
    assert isinstance(e.value, okr.OkrError)
    assert team.can_decide("p1", "growth")
    team.approve("p1", by="growth", at=dt.datetime(2026, 11, 4, 12, tzinfo=UTC),
                 comment="go ahead")
    assert team.objective("referrals")["owner"] == "frida"
    assert team.rollup("2026-11-30")["ref-deals"].progress == 0.0
    assert "ref-deals" not in team.rollup("2026-11-03")  # before the approval
    log = team.log("referrals")
    assert log[0]["by"] == "growth" and log[0]["reason"] == "go ahead"
    decided = team.proposal("p1")
    assert decided["state"] == "approved"
    assert decided["decision"]["at"] == dt.datetime(2026, 11, 4, 12, tzinfo=UTC)
    with pytest.raises(okr.AlreadyDecidedError):
        team.reject("p1", by="acme", at="2026-11-05")


def test_changes_rejections_and_the_policy(team):
    team.propose({"id": "p2", "by": "frida", "at": "2026-11-03", "key_result": "new",
                  "set": {"weight": 3}})
    team.propose({"id": "p3", "by": "frida", "at": "2026-11-03", "objective": "marketing",
                  "set": {"title": "Grow faster"}, "reviewers": ["gus"]})
    assert [p["id"] for p in team.proposals()] == ["p2", "p3"]
    team.reject("p2", by="acme", at="2026-11-04", comment="not now")
    assert team.key_result("new")["weight"] == 1
    assert team.proposal("p2")["decision"]["comment"] == "not now"
    team.approve("p3", by="gus", at="2026-11-04")  # a named reviewer
    assert team.objective("marketing")["title"] == "Grow faster"
    team.set_review_policy(allow_self_approval=True, reviewers=["gus"])
    assert team.review_policy() == {"allow_self_approval": True, "reviewers": ["gus"]}
    with pytest.raises(okr.UnknownIdError):
        team.set_review_policy(reviewers=["nobody"])
    assert team.review_policy()["reviewers"] == ["gus"]


def test_bad_proposals_raise_and_change_nothing(team):
    dumped = team.dumps()
    bad = [
        ({**new_objective(), "by": "nobody"}, okr.UnknownIdError),
        ({"id": "p", "by": "frida", "at": "2026-11-03"}, okr.InvalidValueError),
        ({"id": "p", "by": "frida", "at": "2026-11-03", "objective": "marketing", "set": {}},
         okr.InvalidValueError),
        ({"id": "p", "by": "frida", "at": "2026-11-03", "nonsense": 1}, okr.InvalidValueError),
    ]
    for proposal, error in bad:
        with pytest.raises(error):
            team.propose(proposal)
    with pytest.raises(okr.UnknownIdError):
        team.approve("p9", by="acme", at="2026-11-04")
    assert team.dumps() == dumped and team.proposals() == []


def test_comments_and_acknowledgements(team):
    at = dt.datetime(2026, 11, 5, 9, tzinfo=UTC)
    team.add_comment({"id": "c1", "by": "growth", "at": "2026-11-06", "key_result": "new",
                      "check_in": at, "text": "Good week"})
    team.add_comment({"id": "c2", "by": "frida", "at": "2026-11-07", "key_result": "new",
                      "check_in": "2026-11-05T09:00:00Z", "text": "Thanks", "reply_to": "c1"})
    team.add_comment({"id": "c3", "by": "acme", "at": "2026-11-06", "objective": "marketing",
                      "text": "Keep going"})
    assert [c["id"] for c in team.comments()] == ["c1", "c3", "c2"]
    about = team.comments("new")
    assert [c["id"] for c in about] == ["c1", "c2"]
    assert about[0]["check_in"] == at and about[0]["at"] == dt.datetime(2026, 11, 6, tzinfo=UTC)
    with pytest.raises(okr.UnknownIdError):
        team.add_comment({"id": "c4", "by": "frida", "at": "2026-11-07", "key_result": "new",
                          "text": "?", "reply_to": "c9"})
    with pytest.raises(okr.InvalidValueError):
        team.add_comment({"id": "c4", "by": "frida", "at": "2026-11-07", "objective": "marketing",
                          "key_result": "new", "text": "two subjects"})
    # frida wrote the check-in; growth owns the key result (its objective's owner)
    for who in ["frida", "growth"]:
        with pytest.raises(okr.ForbiddenError):
            team.acknowledge("new", at, by=who, at="2026-11-06")
    team.acknowledge("new", at, by="acme", at="2026-11-06", comment="seen")
    with pytest.raises(okr.AlreadyDecidedError):
        team.acknowledge("new", at, by="acme", at="2026-11-07")
    acks = team.acknowledgements("new")
    assert len(acks) == 1 and acks[0]["by"] == "acme" and acks[0]["check_in"] == at
    # all of it in the document, and back
    again = okr.loads(team.dumps())
    assert again.dumps() == team.dumps()
    assert [c["id"] for c in again.comments()] == ["c1", "c3", "c2"]


def test_close_cycle_carries_unfinished_work_and_freezes_scores(small):
    small.add_cycle("q1", "2027-01-01", "2027-03-31")
    decisions = {"key_results": {"wait": "close"}, "reflections": {"q4-customers": "Slow start"}}
    dumped = small.dumps()
    dry = small.close_cycle("q4", to="q1", at="2027-01-05", by="acme", decisions=decisions,
                            dry_run=True)
    assert small.dumps() == dumped and small.closed_cycle("q4") is None
    real = small.close_cycle("q4", to="q1", at=dt.date(2027, 1, 5), by="acme", decisions=decisions)
    assert real == dry
    assert real["at"] == dt.datetime(2027, 1, 5, tzinfo=UTC)
    assert "wait" in real["closed_key_results"]
    carried = {c["from"]: c["to"] for c in real["carried"]}
    assert carried["new"] == "new-q1" and carried["q4-customers"] == "q4-customers-q1"
    # the copy starts from the last value (250 of 500)
    assert small.key_result("new-q1")["measure"] == {"kind": "numeric", "start": 250.0,
                                                      "target": 500.0, "unit": "customers"}
    assert small.closed_cycle("q4")["reflections"] == [{"objective": "q4-customers",
                                                        "text": "Slow start"}]
    frozen = {s["id"]: s for s in small.closed_cycle("q4")["scores"]}
    scored = {s["id"]: s for s in small.scores("2026-12-31")["key_results"]}
    assert frozen["new"]["score"] == scored["new"]["score"] == 0.5
    with pytest.raises(okr.CycleClosedError) as e:
        small.check_in("new", 300, at="2026-12-31")
    assert e.value.ids == ["new", "q4"]
    small.check_in("new-q1", 300, at="2027-01-10")
    assert okr.loads(small.dumps()).closed_cycle("q4") == small.closed_cycle("q4")
