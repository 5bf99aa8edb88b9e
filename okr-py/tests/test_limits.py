"""One set of limits on every way in (issue 23): okr.Limits, accepted by every loader and by
Graph(); every change through the API held to the graph's limits as loading is."""

import copy
import pickle

import pytest

import okr

DOC = {
    "version": 2,
    "owners": [{"id": "acme", "name": "Acme", "kind": "organisation"}],
    "cycles": [{"id": "q4", "start": "2026-10-01", "end": "2026-12-31"}],
    "objectives": [
        {
            "id": "grow",
            "title": "Grow",
            "owner": "acme",
            "cycle": "q4",
            "key_results": [
                {
                    "id": "rev",
                    "title": "Revenue",
                    "measure": {"kind": "numeric", "start": 0, "target": 100},
                }
            ],
        }
    ],
}


def graph(limits=None):
    return okr.from_dict(DOC, limits=limits)


def times(n):
    """n distinct check-in times, a minute apart."""
    import datetime

    start = datetime.datetime(2026, 10, 1, tzinfo=datetime.timezone.utc)
    return [start + datetime.timedelta(minutes=i) for i in range(n)]


# --- the class ---------------------------------------------------------------------------


def test_defaults_come_from_okr_core():
    d = okr.Limits()
    assert d.max_check_ins_per_key_result == 10_000
    assert d.max_objectives == 1_000_000
    assert d == okr.Graph().limits
    assert okr.Limits(max_objectives=5).max_objectives == 5
    assert okr.Limits(max_objectives=5).max_owners == d.max_owners
    assert okr.Limits(max_objectives=None) == d


def test_repr_equality_hash_pickle():
    a = okr.Limits(max_kpis=3)
    assert "max_kpis=3" in repr(a)
    assert repr(a).startswith("okr.Limits(max_document_bytes=")
    assert a == okr.Limits(max_kpis=3)
    assert a != okr.Limits()
    assert hash(a) == hash(okr.Limits(max_kpis=3))
    assert pickle.loads(pickle.dumps(a)) == a
    n = okr.Limits.none()
    assert n.max_objectives == n.max_string_bytes > 10**18
    assert pickle.loads(pickle.dumps(n)) == n


@pytest.mark.parametrize("bad", [-1, 1.5, "10", True, [3], 2**70])
def test_bad_values_are_invalid_value_errors(bad):
    with pytest.raises(okr.InvalidValueError) as e:
        okr.Limits(max_objectives=bad)
    assert e.value.code == "invalid_value"
    assert "max_objectives" in str(e.value)


def test_unknown_keyword_is_a_type_error():
    with pytest.raises(TypeError):
        okr.Limits(objectives=3)
    with pytest.raises(TypeError):
        okr.Limits(3)


def test_attributes_are_read_only():
    with pytest.raises(AttributeError):
        okr.Limits().max_objectives = 3


# --- the 10,001st check-in ----------------------------------------------------------------


def test_check_in_from_pandas_over_the_limit_raises_and_changes_nothing():
    pd = pytest.importorskip("pandas")
    g = graph()
    limit = g.limits.max_check_ins_per_key_result
    df = pd.DataFrame(
        {"kr_id": ["rev"] * (limit + 1), "value": [1.0] * (limit + 1), "at": times(limit + 1)}
    )
    before = g.dumps()
    with pytest.raises(okr.LimitExceededError) as e:
        g.check_in_from_pandas(df)
    assert e.value.code == "limit_exceeded"
    assert str(e.value) == (
        f'limit exceeded: check-ins of key result "rev" is {limit + 1}, the limit is {limit}'
    )
    assert g.dumps() == before
    assert g.check_ins("rev") == []
    # exactly the limit is accepted, and every way back in reads it
    g.check_in_from_pandas(df.iloc[:limit])
    assert len(g.check_ins("rev")) == limit
    assert len(okr.loads(g.dumps()).check_ins("rev")) == limit
    assert len(okr.from_dict(g.to_dict()).check_ins("rev")) == limit
    assert len(pickle.loads(pickle.dumps(g)).check_ins("rev")) == limit
    assert len(okr.from_snapshot(g.to_snapshot()).check_ins("rev")) == limit
    # and one more, one at a time, is refused too
    with pytest.raises(okr.LimitExceededError):
        g.check_in("rev", 5.0, at="2026-12-01")
    assert len(g.check_ins("rev")) == limit


def test_check_in_one_at_a_time_over_the_limit():
    g = graph(okr.Limits(max_check_ins_per_key_result=2))
    g.check_in("rev", 1.0, at="2026-10-02")
    g.check_in("rev", 2.0, at="2026-10-03")
    before = g.dumps()
    with pytest.raises(okr.LimitExceededError) as e:
        g.check_in("rev", 3.0, at="2026-10-04")
    assert "the limit is 2" in str(e.value)
    assert g.dumps() == before


def test_check_in_many_counts_the_batch():
    g = graph(okr.Limits(max_check_ins_per_key_result=2))
    g.check_in("rev", 1.0, at="2026-10-02")
    before = g.dumps()
    with pytest.raises(okr.LimitExceededError):
        g.check_in_many([("rev", 2.0, "2026-10-03"), ("rev", 3.0, "2026-10-04")])
    assert g.dumps() == before
    g.check_in_many([("rev", 2.0, "2026-10-03")])
    assert len(g.check_ins("rev")) == 2


# --- custom limits on each way in -------------------------------------------------------


def two_objectives_doc():
    doc = copy.deepcopy(DOC)
    doc["objectives"].append(
        {"id": "keep", "title": "Keep", "owner": "acme", "cycle": "q4"}
    )
    return doc


ONE = okr.Limits(max_objectives=1)


def test_every_loader_takes_limits(tmp_path):
    import json

    doc = two_objectives_doc()
    text = json.dumps(doc)
    full = okr.from_dict(doc)
    snapshot = full.to_snapshot()
    path = tmp_path / "doc.okr.json"
    path.write_text(text)
    loaders = {
        "load(path)": lambda **kw: okr.load(str(path), **kw),
        "load(file)": lambda **kw: okr.load(open(path, "rb"), **kw),
        "loads(str)": lambda **kw: okr.loads(text, **kw),
        "loads(bytes)": lambda **kw: okr.loads(text.encode(), **kw),
        "loads(snapshot)": lambda **kw: okr.loads(snapshot, **kw),
        "from_dict": lambda **kw: okr.from_dict(doc, **kw),
        "from_snapshot": lambda **kw: okr.from_snapshot(snapshot, **kw),
        "from_tables": lambda **kw: okr.from_tables(**full.to_tables(), **kw),
        "from_csv": lambda **kw: okr.from_csv(full.to_csv(), **kw),
    }
    for name, load in loaders.items():
        if name.startswith("from_t") or name.startswith("from_c"):
            # tables report every problem at once, the limit among them
            with pytest.raises(okr.TableError) as e:
                load(limits=ONE)
            assert any(p["code"] == "limit_exceeded" for p in e.value.problems), name
        else:
            with pytest.raises(okr.LimitExceededError, match="the limit is 1"):
                load(limits=ONE)
        g = load()
        assert len(g) == 2, name
        assert g.limits == okr.Limits(), name
        roomy = okr.Limits(max_objectives=2)
        g = load(limits=roomy)
        assert g.limits == roomy, name
        with pytest.raises(okr.LimitExceededError):
            g.add_objective("more", "More", "acme", "q4")
        assert len(g) == 2, name


def test_graph_takes_limits_and_keeps_them():
    g = okr.Graph(limits=okr.Limits(max_owners=1))
    assert g.limits.max_owners == 1
    g.add_owner("a", "A", "team")
    with pytest.raises(okr.LimitExceededError) as e:
        g.add_owner("b", "B", "team")
    assert str(e.value) == "limit exceeded: owners is 2, the limit is 1"
    assert [o["id"] for o in g.owners()] == ["a"]
    for other in (g.copy(), copy.copy(g), copy.deepcopy(g), pickle.loads(pickle.dumps(g))):
        assert other.limits == g.limits
        with pytest.raises(okr.LimitExceededError):
            other.add_owner("b", "B", "team")


def test_strings_are_held_as_a_document_writes_them():
    g = graph(okr.Limits(max_string_bytes=40))
    with pytest.raises(okr.LimitExceededError):
        g.add_objective("long", "x" * 41, "acme", "q4")
    # 20 quotes are 40 bytes of JSON: fine; 21 are not
    g.check_in("rev", 1.0, at="2026-10-02", note='"' * 20)
    with pytest.raises(okr.LimitExceededError):
        g.check_in("rev", 1.0, at="2026-10-03", note='"' * 21)
    text = g.dumps()
    assert okr.loads(text, limits=okr.Limits(max_string_bytes=40)).dumps() == text


def test_a_graph_at_the_limits_round_trips():
    limits = okr.Limits(max_objectives=2, max_key_results=2, max_check_ins_per_key_result=3)
    g = graph(limits)
    g.add_objective("keep", "Keep", "acme", "q4")
    g.add_key_result("kr2", "Two", "keep", {"kind": "numeric", "start": 0, "target": 10})
    for i, at in enumerate(["2026-10-02", "2026-10-03", "2026-10-04"]):
        g.check_in("rev", float(i), at=at)
    text = g.dumps()
    for back in (
        okr.loads(text, limits=limits),
        okr.from_dict(g.to_dict(), limits=limits),
        okr.from_snapshot(g.to_snapshot(), limits=limits),
        pickle.loads(pickle.dumps(g)),
    ):
        assert back.dumps() == text
        assert back.limits == limits
