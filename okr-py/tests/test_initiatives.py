"""Initiatives from Python: work items under key results, their state at a time, the blend of
their mean share done into a key result's figures when it weighs them in, typed errors that
change nothing, the document round trip, the report and the okr command's answer."""

import copy
import datetime as dt
import json
import pickle
import subprocess

import pytest

import okr

from conftest import AS_OF, EXAMPLE, REPO, okr_cli

UTC = dt.timezone.utc


def with_initiatives(g: okr.Graph) -> okr.Graph:
    """Two initiatives under key result `new` of the small graph, one under `wait`."""
    g.add_initiative("ads", "new", "Run the autumn ad campaign", owner="frida",
                     due="2026-11-08",
                     updates=[{"at": "2026-11-10", "done": True},
                              {"at": dt.date(2026, 11, 3), "percent": 40, "note": "half the spots"}])
    g.add_initiative("partners", "new", "Sign three referral partners", due=dt.date(2026, 11, 30))
    g.add_initiative("queue", "wait", "New queueing system",
                     updates=[{"at": "2026-10-20T09:00:00+02:00", "percent": 70}],
                     extra={"jira": "OPS-7"})
    return g


def blend(p: float, w: float, q: float) -> float:
    return (p + w * q) / (1 + w)


def test_add_read_and_state_at_a_time(small: okr.Graph) -> None:
    g = with_initiatives(small)
    assert [x["id"] for x in g.initiatives()] == ["ads", "partners", "queue"]
    assert [x["id"] for x in g.initiatives_of("new")] == ["ads", "partners"]
    assert g.initiatives_of("launch") == []
    ads = g.initiative("ads")
    assert ads["key_result"] == "new" and ads["owner"] == "frida" and ads["due"] == "2026-11-08"
    # kept in time order, times as aware datetimes
    assert [u["at"] for u in ads["updates"]] == [
        dt.datetime(2026, 11, 3, tzinfo=UTC), dt.datetime(2026, 11, 10, tzinfo=UTC)]
    assert ads["updates"][0] == {"at": dt.datetime(2026, 11, 3, tzinfo=UTC), "percent": 40,
                                 "note": "half the spots"}
    assert g.initiative("queue")["extra"] == {"jira": "OPS-7"}
    assert g.initiative("queue")["updates"][0]["at"] == dt.datetime(2026, 10, 20, 7, tzinfo=UTC)
    assert g.initiative("nope") is None

    before = {r["id"]: r for r in g.initiative_status("2026-11-02")}
    assert before["ads"]["share"] == 0 and before["ads"]["updated"] is None
    assert not before["ads"]["done"] and not before["ads"]["overdue"]
    mid = {r["id"]: r for r in g.initiative_status("2026-11-09")}
    assert mid["ads"]["share"] == pytest.approx(0.4)
    assert mid["ads"]["overdue"]  # due the 8th, not done on the 9th
    assert mid["ads"]["updated"] == dt.datetime(2026, 11, 3, tzinfo=UTC)
    after = {r["id"]: r for r in g.initiative_status(dt.date(2026, 11, 12))}
    assert after["ads"]["done"] and after["ads"]["share"] == 1 and not after["ads"]["overdue"]
    assert after["partners"]["owner"] is None and after["partners"]["due"] == "2026-11-30"
    assert set(after["ads"]) == {"id", "key_result", "title", "owner", "due", "share", "done",
                                 "overdue", "updated"}

    # the summary counts the states above
    s = g.initiative_summary("new", "2026-11-09")
    shares = [mid["ads"]["share"], mid["partners"]["share"]]
    assert s == {"count": 2, "done": 0, "overdue": 1, "share": pytest.approx(sum(shares) / 2),
                 "weight": None}
    assert g.initiative_summary("launch", AS_OF) is None


def test_excluded_from_progress_unless_weighted(small: okr.Graph) -> None:
    plain = small.rollup(AS_OF)
    g = with_initiatives(small.copy())
    # no weight: excluded, every figure as without them
    r = g.rollup(AS_OF)
    for n in plain:
        assert r[n.id].to_dict() == n.to_dict(), n.id

    w = 0.25
    g.record_initiative_update("partners", "2026-11-01", percent=20)
    assert g.rollup(AS_OF)["new"].to_dict() == plain["new"].to_dict()
    g.update_key_result("new", initiatives_weight=w, at="2026-10-01")
    shares = [x["share"] for x in g.initiative_status(AS_OF) if x["key_result"] == "new"]
    q = sum(shares) / len(shares)
    p, a = plain["new"].progress, plain["new"].attainment
    got = g.rollup(AS_OF)["new"]
    assert got.progress == pytest.approx(blend(p, w, q), rel=1e-12)
    assert got.attainment == pytest.approx(blend(a, w, q), rel=1e-12)
    assert got.value == plain["new"].value  # the value stays the measure's
    assert g.initiative_summary("new", AS_OF)["weight"] == w
    # the objective above moves with it
    assert g.rollup(AS_OF)["q4-customers"].progress != plain["q4-customers"].progress
    # before the revision the weight was not there
    assert g.rollup("2026-09-30")["new"].progress == small.rollup("2026-09-30")["new"].progress
    assert g.log(id="new")[0]["field"] == "initiatives_weight"

    # a key result added with the weight
    g.add_key_result("new2", "Acquire 500 new customers again", "q4-customers",
                     {"kind": "numeric", "start": 0, "target": 500}, initiatives_weight=1.5)
    g.check_in("new2", 100, at="2026-11-01")
    p2 = g.copy()
    p2.update_key_result("new2", initiatives_weight=None, at="2026-10-02")
    measure_only = p2.rollup(AS_OF)["new2"].progress
    assert g.key_result("new2")["initiatives_weight"] == 1.5
    assert p2.key_result("new2").get("initiatives_weight") is None
    # no initiatives: the measure's figures
    assert g.rollup(AS_OF)["new2"].progress == measure_only
    g.add_initiative("n2", "new2", "Half done", updates=[{"at": "2026-11-01", "percent": 50}])
    assert g.rollup(AS_OF)["new2"].progress == pytest.approx(blend(measure_only, 1.5, 0.5))


def test_record_update_and_refresh(small: okr.Graph) -> None:
    g = with_initiatives(small)
    g.update_key_result("new", initiatives_weight=0.5, at="2026-10-01")
    kept = g.rollup(AS_OF)
    g.record_initiative_update("partners", "2026-11-12", percent=60, note="two signed")
    g.record_initiative_update("partners", dt.datetime(2026, 11, 5, tzinfo=UTC), done=False)
    updates = g.initiative("partners")["updates"]
    assert [(u["at"].day, u.get("percent"), u.get("done")) for u in updates] == [
        (5, None, False), (12, 60, None)]
    assert updates[1]["note"] == "two signed"
    fresh = g.rollup(AS_OF)
    assert fresh["new"].progress != kept["new"].progress
    kept.refresh(g, "new")
    for n in fresh:
        assert kept[n.id].to_dict() == n.to_dict(), n.id
    # as of a time before the update, it is not there
    assert {r["id"]: r["share"] for r in g.initiative_status("2026-11-11")}["partners"] == 0


def test_update_and_remove(small: okr.Graph) -> None:
    g = with_initiatives(small)
    g.update_initiative("partners", "wait", "Sign two partners", owner="frida",
                        updates=[{"at": "2026-11-01", "done": True}])
    assert [x["id"] for x in g.initiatives_of("wait")] == ["partners", "queue"]
    assert g.initiative("partners")["title"] == "Sign two partners"
    removed = g.remove_initiative("partners")
    assert removed["id"] == "partners" and removed["updates"][0]["done"] is True
    assert removed["updates"][0]["at"] == dt.datetime(2026, 11, 1, tzinfo=UTC)
    assert [x["id"] for x in g.initiatives()] == ["ads", "queue"]


def test_errors_are_typed_and_change_nothing(small: okr.Graph) -> None:
    g = with_initiatives(small)
    before = g.dumps()
    with pytest.raises(okr.DuplicateIdError) as e:
        g.add_initiative("new", "new", "Same id as a key result")
    assert "new" in e.value.ids and e.value.code
    with pytest.raises(okr.DuplicateIdError):
        g.add_initiative("ads", "new", "Twice")
    with pytest.raises(okr.UnknownIdError) as e:
        g.add_initiative("x", "no-such-kr", "Nowhere")
    assert e.value.ids == ["no-such-kr"]
    with pytest.raises(okr.UnknownIdError) as e:
        g.add_initiative("x", "new", "Nobody's", owner="nobody")
    assert e.value.ids == ["nobody"]
    with pytest.raises(okr.InvalidValueError) as e:
        g.add_initiative("x", "new", "Too much", updates=[{"at": "2026-11-01", "percent": 101}])
    assert "updates[0].percent" in str(e.value) and e.value.code == "invalid_value"
    with pytest.raises(okr.InvalidValueError):
        g.add_initiative("x", "new", "Both",
                         updates=[{"at": "2026-11-01", "percent": 10, "done": True}])
    with pytest.raises(okr.InvalidValueError):
        g.add_initiative("x", "new", "Bad due", due="2026-11-31")
    with pytest.raises(okr.InvalidValueError):
        g.add_initiative("", "new", "No id")
    with pytest.raises(okr.UnknownIdError) as e:
        g.update_initiative("nope", "new", "Not there")
    assert e.value.ids == ["nope"]
    with pytest.raises(okr.UnknownIdError):
        g.remove_initiative("nope")
    with pytest.raises(okr.UnknownIdError):
        g.record_initiative_update("nope", "2026-11-01", done=True)
    with pytest.raises(okr.InvalidValueError):
        g.record_initiative_update("ads", "2026-11-01")  # neither
    with pytest.raises(okr.InvalidValueError):
        g.record_initiative_update("ads", "2026-11-01", done=True, percent=50)
    with pytest.raises(okr.InvalidValueError):
        g.record_initiative_update("ads", "2026-11-01", percent=float("nan"))
    with pytest.raises(okr.InvalidValueError):
        g.record_initiative_update("ads", "2026-11-01T10:00:00", percent=5)  # no zone
    with pytest.raises(okr.InvalidValueError) as e:
        g.add_key_result("neg", "t", "company", {"kind": "boolean"}, initiatives_weight=-1)
    assert "initiatives_weight" in str(e.value)
    with pytest.raises(okr.InvalidValueError):
        g.add_key_result("nan", "t", "company", {"kind": "boolean"},
                         initiatives_weight=float("nan"))
    with pytest.raises(okr.InvalidValueError):
        g.update_key_result("new", initiatives_weight=-0.5, at="2026-10-01")
    with pytest.raises(okr.InvalidValueError):
        g.update_key_result("new", initiatives_weight=float("inf"), at="2026-10-01")
    assert g.dumps() == before


def test_document_round_trip(small: okr.Graph, tmp_path) -> None:
    g = with_initiatives(small)
    g.update_key_result("new", initiatives_weight=0.25, at="2026-10-01")
    text = g.dumps()
    doc = json.loads(text)
    assert [x["id"] for x in doc["initiatives"]] == ["ads", "partners", "queue"]
    again = okr.loads(text)
    assert again.dumps() == text
    assert again.initiatives() == g.initiatives()
    assert again.initiative_status(AS_OF) == g.initiative_status(AS_OF)
    assert again.rollup(AS_OF)["new"].progress == g.rollup(AS_OF)["new"].progress
    assert okr.from_dict(g.to_dict()).dumps() == text
    assert pickle.loads(pickle.dumps(g)).dumps() == text
    assert copy.deepcopy(g).initiatives() == g.initiatives()
    path = tmp_path / "initiatives.okr.json"
    g.save(path)
    assert okr.load(path).dumps() == text
    # a graph without initiatives writes none
    assert "initiatives" not in json.loads(okr.Graph().dumps())


def test_example_company(acme: okr.Graph) -> None:
    # the example's defect-rate weighs its two initiatives in
    assert acme.key_result("defect-rate")["initiatives_weight"] == 0.25
    assert [x["id"] for x in acme.initiatives_of("defect-rate")] == [
        "scanner-rollout", "remake-root-causes"]
    text = EXAMPLE.read_text()
    unweighted = okr.loads(text.replace('"initiatives_weight": 0.25,', ""))
    assert unweighted.key_result("defect-rate").get("initiatives_weight") is None
    for day in ("2026-11-15", "2026-11-20"):
        p = unweighted.rollup(day)["defect-rate"].progress
        s = acme.initiative_summary("defect-rate", day)
        got = acme.rollup(day)["defect-rate"].progress
        assert got == pytest.approx(blend(p, s["weight"], s["share"]), rel=1e-12), day
    # oslo-office's initiative is not counted
    assert acme.initiative_summary("oslo-office", AS_OF)["weight"] is None
    assert (acme.rollup(AS_OF)["oslo-office"].to_dict()
            == unweighted.rollup(AS_OF)["oslo-office"].to_dict())


def test_report_carries_the_summaries(acme: okr.Graph) -> None:
    report = json.loads(acme.report_json(AS_OF))
    by_id = {n["id"]: n for n in report["nodes"]}
    with_some = {i for i, n in by_id.items() if "initiatives" in n}
    assert with_some == {x["key_result"] for x in acme.initiatives()}
    for kr in with_some:
        assert by_id[kr]["initiatives"] == acme.initiative_summary(kr, AS_OF), kr
    assert "initiatives 1/2 done" in acme.report(AS_OF)


def test_status_is_the_commands_answer(acme: okr.Graph) -> None:
    for day in ("2026-10-01", AS_OF, "2026-11-20T12:00:00+01:00"):
        out = subprocess.run([*okr_cli(), "initiatives", str(EXAMPLE), "--as-of", day,
                              "--format", "json"],
                             cwd=REPO, check=True, capture_output=True, text=True, timeout=900)
        rows = json.loads(out.stdout)
        for r in rows:
            if r["updated"] is not None:
                r["updated"] = dt.datetime.fromisoformat(r["updated"].replace("Z", "+00:00"))
        assert acme.initiative_status(day) == rows, day
