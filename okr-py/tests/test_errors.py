import math
import pickle

import pytest

import okr

NAMES = ["UnknownIdError", "DuplicateIdError", "CycleError", "InvalidWeightError",
         "InvalidMeasureError", "InvalidCheckInError", "InvalidCycleError", "LinkError",
         "InUseError", "DocumentError", "ConfigError", "InvalidValueError", "LimitExceededError",
         "MissingTimeError", "InvalidRevisionError", "ForbiddenError", "AlreadyDecidedError",
         "CycleClosedError", "UnitMismatchError", "DependencyCycleError", "DependencyError",
         "ReadOnlyViewError", "SnapshotError", "TableError"]

# (exception class, code, ids, the failing call or (a set-up, the failing call))
CASES = [
    ("UnknownIdError", "unknown_id", ["nope"], lambda g: g.link("nope", "company")),
    ("UnknownIdError", "unknown_id", ["nobody"],
     lambda g: g.add_objective("x", "X", "nobody", "q4")),
    ("DuplicateIdError", "duplicate_id", ["acme"], lambda g: g.add_owner("acme")),
    ("DuplicateIdError", "duplicate_id", ["new"],
     lambda g: g.add_key_result("new", "t", "company", {"kind": "boolean"})),
    # objectives and key results share one space of ids
    ("DuplicateIdError", "duplicate_id", ["company"],
     lambda g: g.add_key_result("company", "t", "q4-customers", {"kind": "boolean"})),
    ("DuplicateIdError", "duplicate_id", ["new"],
     lambda g: g.add_objective("new", "N", "acme", "q4")),
    ("CycleError", "cycle", ["company", "q4-customers", "company"],
     lambda g: g.link("company", "q4-customers")),
    ("CycleError", "cycle", ["marketing", "q4-customers", "marketing"],
     lambda g: g.link("marketing", "q4-customers", 1.0)),
    ("InvalidWeightError", "invalid_weight", ["company -> marketing"],
     lambda g: g.link("company", "marketing", -1.0)),
    ("InvalidWeightError", "invalid_weight", ["q4-customers -> company"],
     lambda g: g.set_link_weight("q4-customers", "company", math.inf, at="2026-11-10")),
    ("InvalidWeightError", "invalid_weight", ["k"],
     lambda g: g.add_key_result("k", "t", "company", {"kind": "boolean"}, weight=math.nan)),
    ("InvalidMeasureError", "invalid_measure", ["k"],
     lambda g: g.add_key_result("k", "t", "company", {"kind": "numeric", "start": 5, "target": 5})),
    ("InvalidMeasureError", "invalid_measure", ["k"],
     lambda g: g.add_key_result("k", "t", "company", {"kind": "milestones", "milestones": []})),
    ("InvalidCheckInError", "invalid_check_in", ["new"],
     lambda g: g.check_in("new", at="2026-11-10", done=True)),
    ("InvalidCheckInError", "invalid_check_in", ["new"],
     lambda g: g.check_in("new", 5, at="2026-11-10", confidence=1.5)),
    ("InvalidCheckInError", "invalid_check_in", ["office"],
     lambda g: g.check_in("office", ["roof"], at="2026-11-10")),
    ("InvalidCheckInError", "invalid_check_in", ["new"], lambda g: g.check_in("new", at="2026-11-10")),
    ("InvalidCheckInError", "invalid_check_in", ["new"],
     lambda g: g.check_in("new", 1, at="2026-11-10", done=True)),
    ("InvalidCycleError", "invalid_cycle", ["bad"],
     lambda g: g.add_cycle("bad", "2026-12-31", "2026-01-01")),
    ("InvalidCycleError", "invalid_cycle", ["q5"],
     lambda g: g.add_cycle("q5", "2026-12-01", "2027-02-28", parent="fy")),
    ("LinkError", "already_linked", ["q4-customers", "marketing"],
     lambda g: g.link("q4-customers", "marketing")),
    ("LinkError", "not_linked", ["company", "marketing"],
     lambda g: g.unlink("company", "marketing", at="2026-11-10")),
    ("InUseError", "in_use", ["acme"], lambda g: g.remove_owner("acme")),
    ("InUseError", "in_use", ["q4"], lambda g: g.remove_cycle("q4")),
    ("ConfigError", "invalid_config", [], lambda g: g.rollup("2026-11-15", on_track_margin=-0.1)),
    ("ConfigError", "invalid_config", [],
     lambda g: g.rollup("2026-11-15", on_track_margin=0.3, at_risk_margin=0.2)),
    ("ConfigError", "invalid_config", [], lambda g: g.report("2026-11-15", stale_days=-1)),
    ("InvalidValueError", "invalid_value", [], lambda g: g.add_owner("  ")),
    ("InvalidValueError", "invalid_value", [], lambda g: g.add_cycle("c", "2026-13-01", "2026-12-31")),
    ("InvalidValueError", "invalid_value", [], lambda g: g.check_in("new", 1, at="yesterday")),
    ("InvalidValueError", "invalid_value", [], lambda g: g.rollup("15/11/2026")),
    ("InvalidValueError", "invalid_value", [],
     lambda g: g.add_objective("x", "X", "acme", "q4", state="sleeping")),
    ("InvalidValueError", "invalid_value", [],
     lambda g: g.update_objective("company", rollup="all", at="2026-11-10")),
    ("InvalidValueError", "invalid_value", [],
     lambda g: g.update_objective("company", title="x", at="2026-11-10T09:00:00")),
    # a change after creation needs a time: `at`, or the graph's clock
    ("MissingTimeError", "missing_time", ["new"], lambda g: g.update_key_result("new", title="x")),
    ("MissingTimeError", "missing_time", ["q4-customers -> company"],
     lambda g: g.unlink("q4-customers", "company")),
    # revisions are recorded in time order: after two on 11-10 (set up before the graph is
    # compared: the document keeps its history), one on 11-09 is refused
    ("InvalidRevisionError", "invalid_revision", ["company"],
     (lambda g: (g.unlink("q4-customers", "company", at="2026-11-10"),
                 g.link("q4-customers", "company", 1.0, at="2026-11-10")),
      lambda g: g.update_objective("company", title="x", at="2026-11-09"))),
    ("InvalidValueError", "invalid_value", [],
     lambda g: g.add_key_result("k", "t", "company", {"kind": "numeric", "start": 0})),
    ("InvalidValueError", "invalid_value", [],
     lambda g: g.add_key_result("k", "t", "company", {"kind": "boolean"}, extra=[1])),
    # the review policy: the proposer may not decide; a proposal is decided once
    ("ForbiddenError", "forbidden", ["p", "frida"],
     (lambda g: g.propose({"id": "p", "by": "frida", "at": "2026-11-03",
                           "objective": "marketing", "set": {"title": "x"}}),
      lambda g: g.approve("p", by="frida", at="2026-11-04"))),
    ("AlreadyDecidedError", "already_decided", ["p"],
     (lambda g: (g.propose({"id": "p", "by": "frida", "at": "2026-11-03",
                            "key_result": "new", "set": {"weight": 2}}),
                 g.reject("p", by="acme", at="2026-11-04")),
      lambda g: g.approve("p", by="acme", at="2026-11-05"))),
    # a closed cycle takes no change dated at or before its close
    ("CycleClosedError", "cycle_closed", ["q4"],
     (lambda g: (g.add_cycle("q1", "2027-01-01", "2027-03-31"),
                 g.close_cycle("q4", to="q1", at="2027-01-05", by="acme")),
      lambda g: g.close_cycle("q4", to="q1", at="2027-01-06"))),
    # dependencies: acyclic, each once, removed only when there
    ("DependencyCycleError", "dependency_cycle", ["new", "new"],
     lambda g: g.add_dependency("new", "new")),
    ("DependencyCycleError", "dependency_cycle", ["company", "new", "company"],
     (lambda g: g.add_dependency("new", "company"),
      lambda g: g.add_dependency("company", "new"))),
    ("DependencyError", "already_dependent", ["new", "company"],
     (lambda g: g.add_dependency("new", "company", start_by="2026-10-15"),
      lambda g: g.add_dependency("new", "company"))),
    ("DependencyError", "not_dependent", ["new", "company"],
     lambda g: g.remove_dependency("new", "company")),
    ("CycleClosedError", "cycle_closed", ["new", "q4"],
     (lambda g: (g.add_cycle("q1", "2027-01-01", "2027-03-31"),
                 g.close_cycle("q4", to="q1", at="2027-01-05")),
      lambda g: g.check_in("new", 1, at="2026-12-30"))),
    # "new" counts customers, the aggregate counts sign-ups
    ("UnitMismatchError", "unit_mismatch", ["new", "all"],
     (lambda g: (g.add_key_result("all", "All sign-ups", "marketing",
                                  {"kind": "aggregate", "function": "sum", "start": 0,
                                   "target": 900, "unit": "sign-ups"}),
                 g.set_clock("2026-11-05")),
      lambda g: g.update_key_result("new", parent={"id": "all"}))),
    # a key result taking its values from a KPI measures in the KPI's unit
    ("UnitMismatchError", "unit_mismatch", ["eur", "csat"],
     (lambda g: g.add_kpi("csat", "CSAT", {"kind": "at_or_above", "value": 90}, unit="%"),
      lambda g: g.add_key_result("eur", "t", "company",
                                 {"kind": "numeric", "start": 0, "target": 1, "unit": "EUR"},
                                 kpi="csat"))),
    # a view (Graph.view_for) is read-only; the graph it was taken from is not changed either
    ("ReadOnlyViewError", "read_only_view", ["frida"],
     lambda g: g.view_for("frida").add_owner("x")),
    # a snapshot cut short
    ("SnapshotError", "invalid_snapshot", [], lambda g: okr.from_snapshot(g.to_snapshot()[:-1])),
    # tables naming an objective that does not exist (ids: the first problem's)
    ("TableError", "invalid_tables", ["ghost"],
     lambda g: okr.from_tables(**{**g.to_tables(), "key_results": {
         "id": ["k"], "objective": ["ghost"], "title": ["K"], "kind": ["boolean"]}})),
]


def test_hierarchy():
    assert issubclass(okr.OkrError, ValueError)
    for name in NAMES:
        cls = getattr(okr, name)
        assert issubclass(cls, okr.OkrError), name
        assert cls.__module__ == "okr._okr" and cls.__name__ == name
        assert cls.__doc__
    assert set(okr.error_classes()) == set(NAMES) | {"OkrError"}


@pytest.mark.parametrize("name,code,ids,call", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_error_and_atomicity(small, name, code, ids, call):
    if isinstance(call, tuple):  # (set-up, the failing call)
        setup, call = call
        setup(small)
    before = small.dumps()
    with pytest.raises(getattr(okr, name)) as info:
        call(small)
    e = info.value
    assert type(e) is getattr(okr, name)
    assert e.code == code
    assert e.ids == ids
    assert str(e)
    assert small.dumps() == before, "a failing call changed the graph"
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is type(e)
    assert (again.code, again.ids, str(again)) == (e.code, e.ids, str(e))


def test_an_objective_and_a_key_result_may_not_share_an_id(small):
    before = small.dumps()
    with pytest.raises(okr.DuplicateIdError,
                       match=r'^duplicate key result id "company": already the id of an objective$'):
        small.add_key_result("company", "t", "q4-customers", {"kind": "boolean"})
    with pytest.raises(okr.DuplicateIdError,
                       match=r'^duplicate objective id "launch": already the id of a key result$'):
        small.add_objective("launch", "Launch", "acme", "q4")
    assert small.dumps() == before
    assert small.explain_progress("company", "2026-11-15")["kind"] == "objective"


def test_all_codes_covered():
    assert {c[0] for c in CASES} == set(NAMES) - {"DocumentError", "LimitExceededError"}


def test_document_error_path_and_pickle():
    with pytest.raises(okr.DocumentError) as info:
        okr.loads('{"version": 1, "objectives": [{"id": "x", "title": "X", "owner": "o", '
                  '"cycle": "c", "key_results": [{"id": "k", "title": "K", '
                  '"measure": {"kind": "numeric", "start": 0, "taget": 5}}]}]}')
    e = info.value
    assert e.code == "document" and e.ids == []
    assert e.path.startswith("objectives[0].key_results[0].measure")
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is okr.DocumentError and again.path == e.path and str(again) == str(e)
    with pytest.raises(okr.DocumentError) as info:
        okr.loads("not json")
    assert info.value.path == ""
    with pytest.raises(okr.DocumentError) as info:
        okr.from_dict({"version": 1, "owners": [{"id": "o", "extra": {"x": float("nan")}}]})
    assert info.value.path == "owners[0].extra.x"


def test_document_unknown_reference_is_document_error():
    with pytest.raises(okr.DocumentError) as info:
        okr.from_dict({"version": 1, "owners": [{"id": "o", "parent": "ghost"}]})
    assert info.value.path == "owners[0].parent"


def test_every_class_pickles():
    for name in NAMES + ["OkrError"]:
        cls = getattr(okr, name)
        e = cls("message")
        e.code = "some_code"
        e.ids = ["a", "b"]
        again = pickle.loads(pickle.dumps(e))
        assert type(again) is cls and again.ids == ["a", "b"] and again.code == "some_code"


def test_table_error_problems_pickle():
    with pytest.raises(okr.TableError) as info:
        okr.from_tables(links={"child": ["ghost"], "parent": ["x"]})
    e = info.value
    assert [(p["column"], p["ids"]) for p in e.problems] == [("child", ["ghost"]),
                                                             ("parent", ["x"])]
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is okr.TableError and again.problems == e.problems
    assert (again.code, again.ids, str(again)) == (e.code, e.ids, str(e))


def test_check_in_many_is_atomic(small):
    before = small.dumps()
    with pytest.raises(okr.InvalidCheckInError) as info:
        small.check_in_many([("new", 300, "2026-11-10"), ("launch", 1.0, "2026-11-10")])
    assert info.value.ids == ["launch"]
    assert small.dumps() == before
    with pytest.raises(okr.UnknownIdError):
        small.check_in_many([("new", 300, "2026-11-10"), ("ghost", 1.0, "2026-11-10")])
    assert small.dumps() == before
    with pytest.raises(okr.InvalidValueError):
        small.check_in_many([("new", 300, "2026-11-10"), ("new", 1.0, "not a date")])
    assert small.dumps() == before
    with pytest.raises(TypeError):
        small.check_in_many([("new", 300)])
    assert small.dumps() == before


def test_unknown_objective_update(small):
    before = small.dumps()
    with pytest.raises(okr.UnknownIdError) as info:
        small.update_objective("ghost", title="x", at="2026-11-10")
    assert info.value.ids == ["ghost"]
    with pytest.raises(okr.UnknownIdError):
        small.explain_progress("ghost", "2026-11-15")
    assert small.dumps() == before


def test_wrong_python_types_are_type_errors(small):
    with pytest.raises(TypeError):
        small.check_in("new", 1, at=12345)
    with pytest.raises(TypeError):
        small.rollup(None)


def test_a_bad_option_is_config_error_as_in_javascript(acme):
    """The same bad option raises the same class in every binding: okr-core's InvalidConfig."""
    for kwargs in ({"stale_days": -1}, {"stale_days": 1.5}, {"on_track_margin": math.nan},
                   {"on_track_margin": 0.5, "at_risk_margin": 0.1}):
        with pytest.raises(okr.ConfigError) as info:
            acme.rollup("2026-11-15", **kwargs)
        assert info.value.code == "invalid_config"
    for call in (lambda: acme.scorecards("2026-11-15", bogus=1),
                 lambda: acme.scorecards("2026-11-15", low_stretch=math.nan),
                 lambda: acme.lint(selekt=["S"]),
                 lambda: okr.lint_text("x", today="soon")):
        with pytest.raises(okr.ConfigError):
            call()
