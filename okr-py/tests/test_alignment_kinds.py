"""Link kinds (contributes / supports) and dependencies (blocks) from Python: supporting links
are shown and never counted, dependencies flag nodes as blocked, and both survive documents,
revisions, columns and pandas."""

import json

import pytest

import okr

from conftest import AS_OF


def _graph() -> okr.Graph:
    g = okr.Graph()
    g.add_owner("acme", "Acme", "organisation")
    g.add_cycle("q4", "2026-10-01", "2026-12-31")
    for oid in ("grow", "sales", "brand", "launch", "platform"):
        g.add_objective(oid, oid.title(), "acme", "q4")
    g.link("sales", "grow", 1.0)
    g.link("brand", "grow", 3.0, kind="supports")
    for kid, oid in (("sales-kr", "sales"), ("brand-kr", "brand"), ("platform-kr", "platform")):
        g.add_key_result(kid, kid, oid, {"kind": "numeric", "start": 0, "target": 100})
    g.check_in("sales-kr", 50, at="2026-10-10")
    g.check_in("brand-kr", 100, at="2026-10-10")
    return g


def test_a_supporting_link_is_listed_but_never_counted():
    g = _graph()
    assert g.link_kind("brand", "grow") == "supports"
    assert g.link_kind("sales", "grow") == "contributes"
    assert g.link_kind("grow", "brand") is None
    assert g.child_links("grow") == [
        {"id": "sales", "weight": 1.0, "kind": "contributes"},
        {"id": "brand", "weight": 3.0, "kind": "supports"},
    ]
    assert g.parent_links("brand") == [{"id": "grow", "weight": 3.0, "kind": "supports"}]
    # both links are there, one counts: 50%, not (50 + 3 x 100) / 4
    assert [c for c, _ in g.children_of("grow")] == ["sales", "brand"]
    assert g.rollup("2026-10-15")["grow"].progress == 0.5
    brand = next(c for c in g.explain_progress("grow", "2026-10-15")["contributions"]
                 if c["id"] == "brand")
    assert brand["counted"] is False
    assert brand["note"] == "supports, not counted"


def test_a_bad_kind_is_refused_and_changes_nothing():
    g = _graph()
    before = g.dumps()
    with pytest.raises(okr.InvalidValueError):
        g.link("launch", "grow", kind="helps")
    with pytest.raises(okr.CycleError) as info:
        g.link("grow", "brand", kind="supports")
    assert info.value.ids == ["grow", "brand", "grow"]
    assert g.dumps() == before


def test_set_link_kind_is_a_revision():
    g = _graph()
    with pytest.raises(okr.MissingTimeError):
        g.set_link_kind("brand", "grow", "contributes")
    g.set_link_kind("brand", "grow", "contributes", at="2026-11-01", by="anna",
                    reason="counts from November")
    assert g.rollup(AS_OF)["grow"].progress == pytest.approx(0.875)
    assert g.rollup("2026-10-15")["grow"].progress == 0.5
    entry = g.log()[0]
    assert (entry["entity"], entry["field"], entry["from"], entry["to"]) == (
        "brand -> grow", "kind", "supports", "contributes")
    with pytest.raises(okr.LinkError):
        g.set_link_kind("grow", "brand", "supports", at="2026-11-02")
    again = okr.loads(g.dumps())
    assert again.link_kind("brand", "grow") == "contributes"
    assert again.dumps() == g.dumps()


def test_dependencies_and_the_blocked_flag():
    g = _graph()
    g.add_dependency("platform", "launch", start_by="2026-10-20", note="needs the API")
    g.add_dependency("sales", "platform-kr")
    assert g.dependencies() == [
        {"blocker": "platform", "blocked": "launch", "start_by": "2026-10-20",
         "note": "needs the API"},
        {"blocker": "sales", "blocked": "platform-kr", "start_by": None, "note": None},
    ]
    of = g.dependencies_of("platform")
    assert [d["blocked"] for d in of["blocks"]] == ["launch"]
    assert of["blocked_by"] == []
    # not started on its start_by day: not yet; the day after: blocked
    assert not g.rollup("2026-10-20")["launch"].blocked
    r = g.rollup("2026-10-21")
    assert r["launch"].blocked
    assert r.blockers("launch") == [
        {"id": "platform", "kind": "objective", "reason": "not_started",
         "start_by": "2026-10-20"}]
    assert r.blockers("grow") == [] and r.blockers("nope") == []
    assert r["launch"].to_dict()["blocked"] is True
    assert "blocked" in repr(r["launch"])
    # sales at 50% since October: off track in December, which blocks platform-kr
    r = g.rollup("2026-12-10")
    assert r["sales"].status == "off_track"
    assert r["platform-kr"].blocked
    assert r.blockers("platform-kr")[0]["reason"] == "off_track"
    status = {(s["blocker"], s["blocked"]): s for s in g.dependency_status("2026-12-10")}
    assert status[("sales", "platform-kr")]["blocks_now"] is True
    assert status[("sales", "platform-kr")]["reason"] == "off_track"
    # columns carry the flag, in node order
    cols = r.to_columns()
    flags = dict(zip(cols["id"], cols["blocked"]))
    assert flags["platform-kr"] is True and flags["grow"] is False
    # never counted: the figures are those without dependencies
    plain = _graph().rollup("2026-12-10")
    for n in plain:
        assert r[n.id].progress == n.progress and r[n.id].status == n.status
    # removing
    g.remove_dependency("sales", "platform-kr")
    assert not g.rollup("2026-12-10")["platform-kr"].blocked
    with pytest.raises(okr.DependencyError) as info:
        g.remove_dependency("sales", "platform-kr")
    assert info.value.code == "not_dependent"


def test_explain_progress_names_what_blocks_a_node_and_why():
    g = _graph()
    g.add_dependency("platform", "launch", start_by="2026-10-20", note="needs the API")
    assert "blockers" not in g.explain_progress("launch", "2026-10-20")
    ex = g.explain_progress("launch", "2026-10-21")
    assert ex["blocked"] is True
    [b] = ex["blockers"]
    assert (b["id"], b["kind"], b["reason"], b["start_by"], b["note"]) == (
        "platform", "objective", "not_started", "2026-10-20", "needs the API")
    assert b["progress"] == g.rollup("2026-10-21")["platform"].progress
    assert ex["summary"].endswith(
        'It is blocked by objective "platform" (not started (progress 0.0%) after its '
        "start_by day 2026-10-20).")


def test_dependency_errors_are_typed():
    g = _graph()
    g.add_dependency("platform", "launch")
    before = g.dumps()
    with pytest.raises(okr.DependencyCycleError) as info:
        g.add_dependency("launch", "platform")
    assert info.value.code == "dependency_cycle"
    assert info.value.ids == ["launch", "platform", "launch"]
    assert issubclass(okr.DependencyCycleError, okr.OkrError)
    with pytest.raises(okr.UnknownIdError):
        g.add_dependency("nope", "launch")
    with pytest.raises(okr.InvalidValueError):
        g.add_dependency("launch", "grow", start_by="soon")
    assert g.dumps() == before


def test_removing_a_node_removes_its_dependencies():
    g = _graph()
    g.add_dependency("platform-kr", "launch")
    g.add_dependency("launch", "sales")
    g.remove_key_result("platform-kr", at="2026-10-12")
    assert [(d["blocker"], d["blocked"]) for d in g.dependencies()] == [("launch", "sales")]


def test_documents_carry_kinds_and_dependencies():
    g = _graph()
    g.add_dependency("platform", "launch", start_by="2026-10-20")
    doc = json.loads(g.dumps())
    brand = next(o for o in doc["objectives"] if o["id"] == "brand")
    assert brand["parents"] == [{"id": "grow", "weight": 3.0, "kind": "supports"}]
    sales = next(o for o in doc["objectives"] if o["id"] == "sales")
    assert "kind" not in sales["parents"][0]
    assert doc["dependencies"] == [
        {"blocker": "platform", "blocked": "launch", "start_by": "2026-10-20"}]
    again = okr.loads(g.dumps())
    assert again.dumps() == g.dumps()
    doc["dependencies"].append({"blocker": "launch", "blocked": "nope"})
    with pytest.raises(okr.DocumentError) as info:
        okr.loads(json.dumps(doc))
    assert info.value.path == "dependencies[1].blocked"


def test_the_example_company(acme):
    assert acme.link_kind("dental-fair", "northern-clinics") == "supports"
    r = acme.rollup(AS_OF)
    assert r["north-clinics"].blocked
    assert r.blockers("north-clinics")[0]["id"] == "sales-headcount"
    report = acme.report(AS_OF)
    assert "blocked by sales-headcount (off track)" in report


def test_pandas_has_the_blocked_column(acme):
    pd = pytest.importorskip("pandas")
    df = acme.rollup(AS_OF).to_pandas()
    assert df["blocked"].dtype == bool
    assert df.set_index("id").loc["north-clinics", "blocked"]
    assert not df.set_index("id").loc["sales-growth", "blocked"]
    assert isinstance(df, pd.DataFrame)
