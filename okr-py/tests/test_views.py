"""Views (Graph.view_for): a read-only graph of what one viewer may see. On the example
company, for every owner as viewer: the view holds exactly the objectives the viewer may see
plus the combined entries; every visible figure is the full graph's under the default policy;
no hidden id, title, note or comment appears in any output reachable from Python; a query
naming a hidden id raises what a nonexistent id raises; every change raises
ReadOnlyViewError and changes nothing."""

import copy
import json
import pickle
import re

import pytest

import okr

from conftest import AS_OF, EXAMPLE

GHOST = "zz-no-such-id"
POLICIES = ["count_hidden", "exclude_hidden"]


@pytest.fixture(scope="module")
def full():
    return okr.load(EXAMPLE)


def viewers(g):
    return [o["id"] for o in g.owners()]


def hidden_objectives(g, viewer):
    seen = set(g.visible_objectives(viewer))
    return [o["id"] for o in g.objectives() if o["id"] not in seen]


def hidden_texts(g, viewer):
    """The ids and texts of everything hidden from `viewer` (objectives, their key results,
    check-in notes, initiatives, proposals and comments about them), as the full graph has
    them: none may appear in any output of the view."""
    hidden = set(hidden_objectives(g, viewer))
    krs = {k["id"] for k in g.key_results() if k["objective"] in hidden}
    out = set()
    for o in g.objectives():
        if o["id"] in hidden:
            out |= {o["id"], o["title"], o.get("description") or ""}
    for k in g.key_results():
        if k["id"] in krs:
            out |= {k["id"], k["title"]}
            out |= {c.get("note") or "" for c in g.check_ins(k["id"])}
    for i in g.initiatives():
        if i["key_result"] in krs:
            out |= {i["id"], i["title"]}
            out |= {u.get("note") or "" for u in i.get("updates", [])}
    for p in g.proposals():
        if p.get("objective") in hidden or p.get("key_result") in krs:
            out |= {p["id"], p.get("note") or "", (p.get("decision") or {}).get("comment") or ""}
    for c in g.comments():
        if c.get("key_result") in krs or c.get("objective") in hidden:
            out |= {c["id"], c["text"]}
    # short or empty strings are not distinctive; the example's hidden texts are all longer
    return {s for s in out if len(s) >= 8}


def text(x):
    """Everything an output holds, as text (results, frames, pages, charts)."""
    if isinstance(x, str):
        return x
    if isinstance(x, okr.RollupResult):
        return "\n".join([repr(x), x._repr_html_(), text(x.to_columns()),
                          text([n.to_dict() for n in x])])
    if isinstance(x, okr.Series):
        return text(x.to_columns()) + text(x.ids)
    if isinstance(x, okr.Chart):
        return x.svg + str(x)
    if isinstance(x, okr.AppraisalPage):
        return x.html + x.text
    if hasattr(x, "to_csv"):  # a pandas DataFrame
        return x.to_csv()
    return json.dumps(x, ensure_ascii=False, default=str)


def attempt(call):
    """The call's result, or the text of the okr error it raises."""
    try:
        return call()
    except okr.OkrError as e:
        return f"{type(e).__name__} {e.code} {e.ids} {e}"


def outputs(v, viewer):
    """Every read-only output of view `v` reachable from Python, by method name: the
    queries of the Graph API (checked against dir(okr.Graph) in test_every_method_is_classified)
    run on every visible objective, key result, owner and cycle."""
    objectives = [o["id"] for o in v.objectives()]
    krs = [k["id"] for k in v.key_results()]
    owners = [o["id"] for o in v.owners()]
    cycles = [c["id"] for c in v.cycles()]
    proposals = [p["id"] for p in v.proposals()]
    initiatives = [i["id"] for i in v.initiatives()]
    kpis = [k["id"] for k in v.kpis()]
    pairs = [(c, p) for c in objectives for p, _ in v.parents_of(c)]
    out = {
        "dumps": v.dumps(),
        # the snapshot's bytes as they are (its texts are UTF-8 inside), and read back
        "to_snapshot": v.to_snapshot().decode("latin-1"),
        "to_snapshot read": okr.from_snapshot(v.to_snapshot()).dumps(),
        "to_dict": v.to_dict(),
        "to_tables": v.to_tables(),
        "to_csv": v.to_csv(),
        "repr": repr(v),
        "owners": v.owners(),
        "owner": [v.owner(o) for o in owners],
        "cycles": v.cycles(),
        "objectives": v.objectives(),
        "objective": [v.objective(o) for o in objectives],
        "key_results": v.key_results(),
        "key_result": [v.key_result(k) for k in krs],
        "key_results_of": [v.key_results_of(o) for o in objectives],
        "key_results_under": [v.key_results_under(o) for o in objectives],
        "parents_of": [v.parents_of(o) for o in objectives],
        "children_of": [v.children_of(o) for o in objectives],
        "roots": v.roots(),
        "link_kind": [v.link_kind(c, p) for c, p in pairs],
        "parent_links": [v.parent_links(o) for o in objectives],
        "child_links": [v.child_links(o) for o in objectives],
        "dependencies": v.dependencies(),
        "dependencies_of": [v.dependencies_of(i) for i in objectives + krs],
        "dependency_status": v.dependency_status(AS_OF),
        "clock": v.clock(),
        "revision_count": v.revision_count(),
        "latest_revision": v.latest_revision(),
        "log": v.log(),
        "log_id": [v.log(id=i) for i in objectives + krs],
        "review_policy": v.review_policy(),
        "can_decide": [v.can_decide(p, o) for p in proposals for o in owners[:3]],
        "proposals": v.proposals(),
        "proposal": [v.proposal(p) for p in proposals],
        "comments": v.comments(),
        "comments_id": [v.comments(i) for i in krs],
        "acknowledgements": v.acknowledgements(),
        "closed_cycle": [v.closed_cycle(c) for c in cycles],
        # with no next cycle in the example, an error: its message is an output too
        "close_cycle_dry_run": attempt(lambda: v.close_cycle("q4-2026", at="2026-11-20",
                                                             dry_run=True)),
        "check_ins": [v.check_ins(k) for k in krs],
        "check_ins_columns": v.check_ins_columns(),
        "check_ins_frame": v.check_ins_frame(),
        "check_ins_table": v.check_ins_table().to_columns(),
        "rollup": v.rollup(AS_OF),
        "report": v.report(AS_OF),
        "report_json": v.report_json(AS_OF),
        "lint": v.lint(),
        "draft_key_result": [v.draft_key_result(o, "net-revenue-retention")
                             for o in objectives[:3]],
        "explain_progress": [v.explain_progress(i, AS_OF) for i in objectives + krs],
        "coverage": v.coverage(),
        "contributions": [v.contributions(o, AS_OF) for o in objectives],
        "what_if": v.what_if({"annual-revenue": 5_000_000}, AS_OF),
        "what_if_diff": v.what_if_diff({"annual-revenue": 5_000_000}, AS_OF),
        "forecast": v.forecast(AS_OF),
        "scores": v.scores("2026-12-31"),
        "scorecards": v.scorecards(AS_OF),
        "kpi": [v.kpi(k) for k in kpis],
        "kpis": v.kpis(),
        "kpi_health": v.kpi_health(AS_OF),
        "kpi_health_frame": v.kpi_health_frame(AS_OF),
        "group": [v.group(gr["id"]) for gr in v.groups()],
        "groups": v.groups(),
        "can_see": [v.can_see(viewer, i) for i in objectives + krs],
        "visible_objectives": v.visible_objectives(viewer),
        "initiative": [v.initiative(i) for i in initiatives],
        "initiatives": v.initiatives(),
        "initiatives_of": [v.initiatives_of(k) for k in krs],
        "initiative_status": v.initiative_status(AS_OF),
        "initiative_summary": [v.initiative_summary(k, AS_OF) for k in krs],
        "due": v.due(AS_OF),
        "cadences": v.cadences(),
        "diff": v.diff("2026-10-15", AS_OF),
        "render_graph": [v.render_graph(f, AS_OF) for f in ("dot", "mermaid", "svg")],
        "series": v.series("2026-10-01", AS_OF),
        "history": v.history("2026-10-01", AS_OF, freq="W"),
        "chart": [v.chart(i) for i in objectives + krs],
        "appraisal": [v.appraisal(o, "q4-2026", AS_OF) for o in owners],
        "appraisal_html": [v.appraisal_html(viewer, "q4-2026", AS_OF)],
        "hidden_entry_parent": [v.hidden_entry_parent(o) for o in objectives],
        "view": [v.is_view, v.view_viewer, v.view_policy],
        "limits": repr(v.limits),
    }
    rollup = out["rollup"]
    out["rollup_frame"] = rollup.to_pandas()
    out["rollup_blockers"] = [rollup.blockers(i) for i in objectives + krs]
    out["rollup_hidden_entry"] = [rollup.hidden_entry(o) for o in objectives]
    out["series_frame"] = out["series"].to_pandas()
    return out


# Methods that only read (run by `outputs`), and the changes (run by `MUTATIONS`). `set_clock`
# is neither: it sets the time of later changes (which a view refuses), not the graph.
READS = {
    "appraisal", "appraisal_html", "can_decide", "can_see", "cadences", "check_ins",
    "check_ins_columns", "check_ins_frame", "check_ins_table", "child_links", "children_of", "clock",
    "closed_cycle", "comments", "contributions", "copy", "coverage", "cycles", "dependencies",
    "dependencies_of", "dependency_status", "diff", "draft_key_result", "due", "dumps", "to_snapshot",
    "explain_progress", "forecast", "group", "groups", "hidden_entry_parent", "initiative",
    "initiative_status", "initiative_summary", "initiatives", "initiatives_of", "is_view",
    "key_result", "key_results", "key_results_of", "key_results_under", "kpi", "kpi_health",
    "kpi_health_frame", "kpis", "latest_revision", "link_kind", "lint", "log", "objective",
    "objectives", "owner", "owners", "parent_links", "parents_of", "proposal", "proposals",
    "render_graph", "report", "report_json", "review_policy", "revision_count", "rollup",
    "roots", "save", "scorecards", "scores", "series", "chart", "to_dict", "to_tables",
    "to_csv", "view_for",
    "view_policy", "view_viewer", "visible_objectives", "what_if", "what_if_diff",
    "acknowledgements", "limits", "history",
}
AT = "2026-11-20"
MUTATIONS = {
    "add_owner": lambda v: v.add_owner("new-owner", "New", "person", parent="acme"),
    "remove_owner": lambda v: v.remove_owner("ivar"),
    "add_cycle": lambda v: v.add_cycle("q1-2027", "2027-01-01", "2027-03-31"),
    "remove_cycle": lambda v: v.remove_cycle("q3-2026"),
    "add_objective": lambda v: v.add_objective("new-obj", "New", "acme", "q4-2026"),
    "update_objective": lambda v: v.update_objective("sales-growth", title="x", at=AT),
    "remove_objective": lambda v: v.remove_objective("trade-show-booth", at=AT),
    "link": lambda v: v.link("employer-brand", "leading-provider", 1.0, at=AT),
    "set_link_kind": lambda v: v.set_link_kind("dental-fair", "northern-clinics",
                                               "contributes", at=AT),
    "unlink": lambda v: v.unlink("employer-brand", "sales-coverage", at=AT),
    "set_link_weight": lambda v: v.set_link_weight("sales-growth", "leading-provider", 2.0,
                                                   at=AT),
    "add_key_result": lambda v: v.add_key_result("new-kr", "T", "sales-growth",
                                                 {"kind": "boolean"}),
    "update_key_result": lambda v: v.update_key_result("annual-revenue", title="x", at=AT),
    "remove_key_result": lambda v: v.remove_key_result("booth-booked", at=AT),
    "check_in": lambda v: v.check_in("annual-revenue", 1.0, at=AT),
    "check_in_many": lambda v: v.check_in_many([("annual-revenue", 1.0, AT)]),
    "check_in_from_pandas": lambda v: v.check_in_from_pandas(
        __import__("pandas").DataFrame({"kr_id": ["annual-revenue"], "value": [1.0],
                                        "at": [AT]})),
    "import_tables": lambda v: v.import_tables(
        at=AT, objectives={"id": ["sales-growth"], "title": ["Grow more"]}),
    "add_dependency": lambda v: v.add_dependency("sales-headcount", "west-clinics"),
    "remove_dependency": lambda v: v.remove_dependency("sales-headcount", "north-clinics"),
    "set_review_policy": lambda v: v.set_review_policy(allow_self_approval=True),
    "propose": lambda v: v.propose({"id": "p-new", "by": "frida", "at": AT,
                                    "objective": "dental-fair", "set": {"title": "x"}}),
    "approve": lambda v: v.approve("fair-demos", by="acme", at=AT),
    "reject": lambda v: v.reject("fair-demos", by="acme", at=AT),
    "add_comment": lambda v: v.add_comment({"id": "c-new", "by": "frida", "at": AT,
                                            "key_result": "fair-leads",
                                            "check_in": "2026-11-08", "text": "x"}),
    "acknowledge": lambda v: v.acknowledge("fair-leads", "2026-11-08", by="frida", at=AT),
    "close_cycle": lambda v: v.close_cycle("q4-2026", at="2027-01-05"),
    "add_kpi": lambda v: v.add_kpi("k-new", "K", {"kind": "at_or_above", "value": 1}),
    "update_kpi": lambda v: v.update_kpi("clinic-satisfaction", "K",
                                         {"kind": "at_or_above", "value": 1}, unit="%"),
    "remove_kpi": lambda v: v.remove_kpi("remake-requests"),
    "record_kpi_value": lambda v: v.record_kpi_value("clinic-satisfaction", AT, 90.0),
    "add_group": lambda v: v.add_group("g-new", ["frida"]),
    "update_group": lambda v: v.update_group("sales-leads", ["bjorn"]),
    "remove_group": lambda v: v.remove_group("sales-leads"),
    "add_initiative": lambda v: v.add_initiative("i-new", "defect-rate", "I"),
    "update_initiative": lambda v: v.update_initiative("oslo-lease", "oslo-office", "x"),
    "remove_initiative": lambda v: v.remove_initiative("oslo-lease"),
    "record_initiative_update": lambda v: v.record_initiative_update("oslo-lease", AT,
                                                                     percent=50),
}


def test_every_method_is_classified():
    public = {m for m in dir(okr.Graph) if not m.startswith("_")}
    assert public == READS | set(MUTATIONS) | {"set_clock"}, (
        "classify new Graph methods here (a query in READS and `outputs`, a change in "
        "MUTATIONS)")


def test_view_accessors_and_policy(full):
    assert not full.is_view and full.view_viewer is None and full.view_policy is None
    assert full.hidden_entry_parent("northern-clinics~hidden") is None
    v = full.view_for("hanna")
    assert v.is_view and v.view_viewer == "hanna" and v.view_policy == "count_hidden"
    assert v.hidden_entry_parent("northern-clinics~hidden") == "northern-clinics"
    assert v.hidden_entry_parent("northern-clinics") is None
    assert "view for \"hanna\" (count_hidden)" in repr(v)
    x = full.view_for("hanna", policy="exclude_hidden")
    assert x.view_policy == "exclude_hidden"
    assert full.view_for("bjorn").hidden_entry_parent("northern-clinics~hidden") is None
    # copies are views too; a view of a view is the same view
    assert v.copy().is_view and copy.deepcopy(v).view_viewer == "hanna"
    assert v.view_for("hanna").dumps() == v.dumps()


def test_unknown_viewer_and_policy_are_typed(full):
    before = full.dumps()
    with pytest.raises(okr.UnknownIdError) as e:
        full.view_for("nobody")
    assert e.value.code == "unknown_id" and e.value.ids == ["nobody"]
    with pytest.raises(okr.InvalidValueError) as e:
        full.view_for("hanna", policy="everything")
    assert e.value.code == "invalid_value"
    assert "count_hidden" in str(e.value)
    assert full.dumps() == before


@pytest.mark.parametrize("policy", POLICIES)
def test_view_holds_what_the_viewer_sees(full, policy):
    for viewer in viewers(full):
        v = full.view_for(viewer, policy=policy)
        ids = [o["id"] for o in v.objectives()]
        visible = full.visible_objectives(viewer)
        entries = [i for i in ids if v.hidden_entry_parent(i) is not None]
        assert sorted(set(ids) - set(entries)) == sorted(visible), viewer
        assert len(ids) == len(set(ids))
        for e in entries:
            parent = v.hidden_entry_parent(e)
            assert parent in visible and e.startswith(parent + "~hidden")
            assert v.objective(e)["title"].startswith("Hidden objectives")
            assert v.objective(e)["owner"] == "hidden"
        # a combined entry exactly where a visible objective has a hidden child objective
        hidden = set(hidden_objectives(full, viewer))
        with_hidden = {p for h in hidden for p, _ in full.parents_of(h) if p not in hidden}
        assert {v.hidden_entry_parent(e) for e in entries} >= with_hidden, viewer
        # the key results are those of the visible objectives
        krs = {k["id"] for k in full.key_results() if k["objective"] in set(visible)}
        assert {k["id"] for k in v.key_results()} == krs


def test_the_example_as_the_brief_tells_it(full):
    hanna = full.view_for("hanna")
    assert "gustav-tromso" not in hanna and "tromso-clinics" not in hanna
    assert "northern-clinics~hidden" in [o["id"] for o in hanna.objectives()]
    bjorn = full.view_for("bjorn")
    assert "gustav-tromso" in bjorn
    r = hanna.rollup(AS_OF)
    entry = r.hidden_entry("northern-clinics~hidden")
    assert entry == {"count": 1, "weight": 1.0}
    assert r.hidden_entry("northern-clinics") is None
    assert full.rollup(AS_OF).hidden_entry("northern-clinics~hidden") is None


def test_default_policy_figures_are_the_full_graphs(full):
    fr = full.rollup(AS_OF)
    full_frame = fr.to_pandas().set_index("id")
    for viewer in viewers(full):
        v = full.view_for(viewer)
        r = v.rollup(AS_OF)
        frame = r.to_pandas().set_index("id")
        for n in r:
            if v.hidden_entry_parent(n.id) is not None:
                continue
            mine, theirs = n.to_dict(), fr[n.id].to_dict()
            assert mine == theirs, (viewer, n.id)
            a, b = frame.loc[n.id], full_frame.loc[n.id]
            for col in ("progress", "attainment", "expected", "confidence", "value"):
                assert (a[col] == b[col]) or (a[col] != a[col] and b[col] != b[col]), (
                    viewer, n.id, col)
            assert a["status"] == b["status"]
        # the columns agree with the nodes
        cols = r.to_columns()
        for i, node_id in enumerate(cols["id"]):
            assert cols["progress"][i] == r[node_id].progress
        # the report's company number is everyone's
        assert v.explain_progress("leading-provider", AS_OF)["progress"] == \
            full.explain_progress("leading-provider", AS_OF)["progress"]


def visible_nodes(v):
    """The objectives (not the combined entries) and key results of view `v`."""
    return ([o["id"] for o in v.objectives() if v.hidden_entry_parent(o["id"]) is None]
            + [k["id"] for k in v.key_results()])


def test_default_policy_series_and_other_figures_are_the_full_graphs(full):
    sf = full.series("2026-10-01", AS_OF)
    scores = full.scores("2026-12-31")
    for viewer in viewers(full):
        v = full.view_for(viewer)
        sv = v.series("2026-10-01", AS_OF)
        for i in visible_nodes(v):
            assert sv[i] == sf[i], (viewer, i)
        mine = v.scores("2026-12-31")
        for kind in ("objectives", "key_results"):
            theirs = {r["id"]: r for r in scores[kind]}
            for r in mine[kind]:
                if v.hidden_entry_parent(r["id"]) is None:
                    assert r == theirs[r["id"]], (viewer, r["id"])
        for o in visible_nodes(v)[:5]:
            if v.objective(o):
                a, b = v.contributions(o, AS_OF), full.contributions(o, AS_OF)
                assert a["progress"] == b["progress"], (viewer, o)


# okr-core defect (found here, to fix in okr-core): on a view, the hypothetical rollups of
# what_if and forecast are pinned to the full graph's *actual* rollup, so the objectives keep
# today's figures: a hypothetical check-in moves the key result but not its objective, and
# the forecast of every objective is its current progress. These tests pass once it is fixed.
def test_what_if_on_a_view_is_the_full_graphs(full):
    values = {"annual-revenue": 5_000_000}
    wf = full.what_if(values, AS_OF)
    v = full.view_for("astrid")
    wv = v.what_if(values, AS_OF)
    assert [(i, wv[i].progress) for i in visible_nodes(v)] == \
        [(i, wf[i].progress) for i in visible_nodes(v)]


def test_forecast_on_a_view_is_the_full_graphs(full):
    ff = {r["objective"]: r for r in full.forecast(AS_OF)["objectives"]}
    v = full.view_for("hanna")
    fv = [r for r in v.forecast(AS_OF)["objectives"] if r["objective"] in ff]
    assert fv and all(r == ff[r["objective"]] for r in fv)


def test_exclude_hidden_differs_where_a_hidden_child_counted(full):
    fr = full.rollup(AS_OF)
    v = full.view_for("hanna", policy="exclude_hidden")
    r = v.rollup(AS_OF)
    # northern-clinics counted gustav-tromso (progress 5/8 at the time); without it, it differs
    assert fr["gustav-tromso"].progress is not None
    assert r["northern-clinics"].progress != fr["northern-clinics"].progress
    # the combined entry is there, not counted, and says what it stands for
    assert v.link_kind("northern-clinics~hidden", "northern-clinics") == "supports"
    assert r.hidden_entry("northern-clinics~hidden")["count"] == 1
    # an objective with no hidden input below it keeps its figure
    assert r["western-clinics"].progress == fr["western-clinics"].progress


def test_exclude_hidden_keeps_what_has_nothing_hidden_below(full):
    fr = full.rollup(AS_OF)
    for viewer in viewers(full):
        hidden = set(hidden_objectives(full, viewer))
        r = full.view_for(viewer, policy="exclude_hidden").rollup(AS_OF)

        def clean(o, seen=()):
            return all(c not in hidden and c not in seen and clean(c, seen + (o,))
                       for c, _ in full.children_of(o))

        kept = [o for o in full.visible_objectives(viewer) if clean(o)]
        assert kept
        for o in kept:
            assert r[o].to_dict() == fr[o].to_dict(), (viewer, o)


@pytest.mark.parametrize("policy", POLICIES)
def test_no_hidden_text_in_any_output(full, policy):
    checked = 0
    for viewer in viewers(full):
        secrets = hidden_texts(full, viewer)
        if not secrets:
            continue
        v = full.view_for(viewer, policy=policy)
        for name, out in outputs(v, viewer).items():
            t = text(out)
            for s in secrets:
                assert s not in t, f"{viewer}: {name} shows the hidden {s!r}"
            checked += 1
            # Tromsø appears only in the hidden objective: in no form
            if "gustav-tromso" in hidden_objectives(full, viewer):
                assert not re.search(r"troms", t, re.I), (viewer, name)
    assert checked > 0


def test_the_leak_check_finds_what_is_there(full):
    """The control: the same outputs of the full graph show every hidden text, so the check
    above would find a leak."""
    secrets = hidden_texts(full, "ivar")
    assert {"gustav-tromso", "tromso-clinics", "production-quality"} <= secrets
    blob = "\n".join(text(o) for o in outputs(full, "ivar").values())
    assert all(s in blob for s in secrets), [s for s in secrets if s not in blob]


def outcome(call, hidden_id):
    """What a call gives, with the id it names written as `<id>`: ("ok", value) or
    ("err", class, code, ids, message)."""
    try:
        got = call()
    except Exception as e:  # noqa: BLE001 - the class is the point
        sub = lambda s: s.replace(hidden_id, "<id>")  # noqa: E731
        return ("err", type(e), getattr(e, "code", None),
                [sub(i) for i in getattr(e, "ids", [])], sub(str(e)))
    return ("ok", text(got).replace(hidden_id, "<id>"))


QUERIES_BY_ID = {
    "contains": lambda v, i: i in v,
    "objective": lambda v, i: v.objective(i),
    "key_result": lambda v, i: v.key_result(i),
    "key_results_of": lambda v, i: v.key_results_of(i),
    "key_results_under": lambda v, i: v.key_results_under(i),
    "parents_of": lambda v, i: v.parents_of(i),
    "children_of": lambda v, i: v.children_of(i),
    "parent_links": lambda v, i: v.parent_links(i),
    "child_links": lambda v, i: v.child_links(i),
    "link_kind": lambda v, i: v.link_kind(i, "northern-clinics"),
    "dependencies_of": lambda v, i: v.dependencies_of(i),
    "check_ins": lambda v, i: v.check_ins(i),
    "log": lambda v, i: v.log(id=i),
    "comments": lambda v, i: v.comments(i),
    "acknowledgements": lambda v, i: v.acknowledgements(i),
    "proposal": lambda v, i: v.proposal(i),
    "can_decide": lambda v, i: v.can_decide(i, "acme"),
    "can_see": lambda v, i: v.can_see("acme", i),
    "initiative": lambda v, i: v.initiative(i),
    "initiatives_of": lambda v, i: v.initiatives_of(i),
    "initiative_summary": lambda v, i: v.initiative_summary(i, AS_OF),
    "explain_progress": lambda v, i: v.explain_progress(i, AS_OF),
    "contributions": lambda v, i: v.contributions(i, AS_OF),
    "series": lambda v, i: v.series("2026-11-01", AS_OF, ids=[i]),
    "chart": lambda v, i: v.chart(i),
    "draft_key_result": lambda v, i: v.draft_key_result(i, "net-revenue-retention"),
    "what_if": lambda v, i: v.what_if({i: 3}, AS_OF),
    "what_if_diff": lambda v, i: v.what_if_diff({i: 3}, AS_OF),
    "hidden_entry_parent": lambda v, i: v.hidden_entry_parent(i),
    "rollup_get": lambda v, i: v.rollup(AS_OF).get(i),
    "rollup_contains": lambda v, i: i in v.rollup(AS_OF),
    "rollup_getitem": lambda v, i: v.rollup(AS_OF)[i],
    "rollup_blockers": lambda v, i: v.rollup(AS_OF).blockers(i),
    "rollup_hidden_entry": lambda v, i: v.rollup(AS_OF).hidden_entry(i),
    "rollup_refresh": lambda v, i: v.rollup(AS_OF).refresh(v, i),
    "closed_cycle": lambda v, i: v.closed_cycle(i),
    "kpi": lambda v, i: v.kpi(i),
    "group": lambda v, i: v.group(i),
}


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("query", sorted(QUERIES_BY_ID))
def test_a_hidden_id_is_answered_as_a_nonexistent_one(full, policy, query):
    call = QUERIES_BY_ID[query]
    v = full.view_for("ivar", policy=policy)
    hidden = ["gustav-tromso", "tromso-clinics", "tromso-target", "production-quality"]
    assert not any(h in v for h in hidden) and all(h in full or full.proposal(h) for h in hidden)
    for h in hidden:
        got = outcome(lambda: call(v, h), h)
        ghost = outcome(lambda: call(v, GHOST), GHOST)
        assert got == ghost, (query, h)


def test_rollup_refresh_on_a_view_equals_a_fresh_rollup(full):
    v = full.view_for("hanna")
    r = v.rollup(AS_OF)
    r.refresh(v, "north-clinics")
    assert r.to_columns() == v.rollup(AS_OF).to_columns()


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_every_change_on_a_view_is_refused_and_changes_nothing(full, policy, name):
    pytest.importorskip("pandas")
    for viewer in ("hanna", "bjorn"):
        v = full.view_for(viewer, policy=policy)
        before, figures = v.dumps(), v.rollup(AS_OF).to_columns()
        full_before = full.dumps()
        with pytest.raises(okr.ReadOnlyViewError) as e:
            MUTATIONS[name](v)
        err = e.value
        assert type(err) is okr.ReadOnlyViewError and isinstance(err, okr.OkrError)
        assert err.code == "read_only_view" and err.ids == [viewer]
        assert viewer in str(err)
        assert v.dumps() == before and v.rollup(AS_OF).to_columns() == figures
        assert full.dumps() == full_before
        assert v.is_view


def test_the_changes_work_on_the_full_graph(full):
    """The calls of MUTATIONS are real changes: on a copy of the full graph each succeeds (or
    fails for a reason of its own that is not read_only_view), so the view refuses them only
    for being a view."""
    pytest.importorskip("pandas")
    for name, call in MUTATIONS.items():
        g = full.copy()
        try:
            call(g)
        except okr.OkrError as e:
            assert e.code != "read_only_view", name


def test_set_clock_is_not_a_change_of_the_view(full):
    v = full.view_for("hanna")
    before = v.dumps()
    v.set_clock(AT, by="hanna")
    assert v.clock()["by"] == "hanna"
    assert v.dumps() == before
    with pytest.raises(okr.ReadOnlyViewError):
        v.update_objective("sales-growth", title="x")


def test_read_only_view_error_is_exported_and_pickles(full):
    assert okr.ReadOnlyViewError.__module__ == "okr._okr"
    assert issubclass(okr.ReadOnlyViewError, okr.OkrError)
    assert "ReadOnlyViewError" in okr.__all__
    assert okr.error_classes()["ReadOnlyViewError"] is okr.ReadOnlyViewError
    v = full.view_for("hanna")
    with pytest.raises(okr.ReadOnlyViewError) as e:
        v.add_owner("x")
    again = pickle.loads(pickle.dumps(e.value))
    assert type(again) is okr.ReadOnlyViewError
    assert (again.code, again.ids, str(again)) == ("read_only_view", ["hanna"], str(e.value))


def test_a_view_does_not_pickle_and_its_document_holds_no_hidden_text(full):
    v = full.view_for("hanna")
    with pytest.raises(TypeError, match="view"):
        pickle.dumps(v)
    # its document loads as an ordinary graph (not a view) without the hidden objectives
    g = okr.loads(v.dumps())
    assert not g.is_view and "gustav-tromso" not in g
    pickle.loads(pickle.dumps(full))  # the full graph still pickles


def test_a_view_keeps_the_graph_as_it_was(full):
    g = full.copy()
    v = g.view_for("hanna")
    before = v.rollup(AS_OF).to_columns()
    g.check_in("north-clinics", 7, at="2026-11-14")
    assert v.rollup(AS_OF).to_columns() == before
    assert g.view_for("hanna").rollup(AS_OF)["north-clinics"].value == 7
