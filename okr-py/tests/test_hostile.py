"""Hostile input: every deliberately bad input raises a typed okr exception (never a crash,
never a Rust panic reaching Python). The limits themselves live in okr-core
(`okr_core::document::Limits`)."""

from __future__ import annotations

import json
import pathlib

import pytest

import okr

BASE = {
    "version": 1,
    "owners": [{"id": "acme"}],
    "cycles": [{"id": "q4", "start": "2026-10-01", "end": "2026-12-31"}],
    "objectives": [{"id": "top", "title": "Top", "owner": "acme", "cycle": "q4"}],
}


def test_deeply_nested_json_raises_limit_exceeded() -> None:
    text = '{"version": 1, "extra": ' + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}"
    with pytest.raises(okr.LimitExceededError) as e:
        okr.loads(text)
    assert e.value.code == "limit_exceeded"
    assert isinstance(e.value, okr.OkrError) and isinstance(e.value, ValueError)
    assert "JSON nesting depth at extra.a.a" in str(e.value)


def test_a_huge_string_raises_limit_exceeded() -> None:
    doc = json.loads(json.dumps(BASE))
    doc["objectives"][0]["title"] = "x" * (2 << 20)
    with pytest.raises(okr.LimitExceededError, match=r"string length \(bytes\) at objectives\[0\]\.title"):
        okr.loads(json.dumps(doc))


def test_a_long_alignment_chain_raises_limit_exceeded() -> None:
    doc = json.loads(json.dumps(BASE))
    doc["objectives"] = [
        {"id": f"c{i}", "title": "", "owner": "acme", "cycle": "q4"}
        | ({"parents": [{"id": f"c{i - 1}"}]} if i else {})
        for i in range(150)
    ]
    with pytest.raises(okr.LimitExceededError, match="alignment depth"):
        okr.loads(json.dumps(doc))


def test_a_long_alignment_chain_names_where() -> None:
    doc = json.loads(json.dumps(BASE))
    doc["objectives"] = [
        {"id": f"c{i}", "title": "", "owner": "acme", "cycle": "q4"}
        | ({"parents": [{"id": f"c{i - 1}"}]} if i else {})
        for i in range(101)
    ]
    with pytest.raises(okr.LimitExceededError) as e:
        okr.loads(json.dumps(doc))
    assert str(e.value) == (
        'limit exceeded: alignment depth at objectives[0] (objectives in a chain up to "c0") '
        "is 101, the limit is 100"
    )


@pytest.mark.parametrize("name", ["shared_id", "shared_id_brier"])
def test_an_objective_and_a_key_result_sharing_an_id_do_not_load(name: str) -> None:
    """The shared hostile documents: objective `x` and, in objective `y`, key result `x`."""
    path = pathlib.Path(__file__).resolve().parents[2] / "okr-core/tests/fixtures/hostile" / f"{name}.json"
    with pytest.raises(okr.DocumentError) as e:
        okr.load(path)
    assert e.value.path == "objectives[1].key_results[0].id"
    assert str(e.value) == (
        'objectives[1].key_results[0].id: duplicate key result id "x": '
        "already the id of the objective at objectives[0]"
    )
    problems = okr.check(path.read_text())
    assert [(p["path"], p["code"]) for p in problems] == [("objectives[1].key_results[0].id", "duplicate_id")]


def test_a_too_big_file_is_refused_before_it_is_read(tmp_path) -> None:
    path = tmp_path / "big.okr.json"
    with open(path, "wb") as f:
        f.truncate(600 << 20)  # sparse: no disk used, nothing read
    with pytest.raises(okr.LimitExceededError, match=r"document size \(bytes\)"):
        okr.load(path)


def test_a_million_deep_dict_raises_instead_of_overflowing_the_stack() -> None:
    deep: dict = {}
    for _ in range(1_000_000):
        deep = {"a": deep}
    with pytest.raises(okr.DocumentError, match="nested more than 128 levels deep"):
        okr.from_dict({**BASE, "extra": deep})
    # a dict that contains itself
    loop: dict = {}
    loop["self"] = loop
    with pytest.raises(okr.DocumentError, match="nested more than"):
        okr.from_dict({**BASE, "extra": loop})
    # within the conversion depth, the document limit (64) still applies, as for loads()
    shallow: dict = {}
    for _ in range(100):
        shallow = {"a": shallow}
    with pytest.raises(okr.LimitExceededError):
        okr.from_dict({**BASE, "extra": shallow})


def test_extra_data_too_deep_for_an_objective_raises() -> None:
    g = okr.from_dict(BASE)
    deep: dict = {}
    for _ in range(10_000):
        deep = {"a": deep}
    with pytest.raises(okr.OkrError):
        g.add_objective("o2", "Two", owner="acme", cycle="q4", extra=deep)
    assert "o2" not in g  # nothing changed


def test_bad_documents_raise_document_errors_with_a_path() -> None:
    doc = json.loads(json.dumps(BASE))
    doc["objectives"][0]["key_results"] = [
        {"id": "k", "title": "K", "measure": {"kind": "boolean", "done": True}}
    ]
    with pytest.raises(okr.DocumentError) as e:
        okr.loads(json.dumps(doc))
    assert str(e.value).startswith("objectives[0].key_results[0].measure.done")
    with pytest.raises(okr.DocumentError):
        okr.loads("{" * 10 + "not json")
    with pytest.raises(okr.DocumentError):
        okr.loads("\x00\xff garbage")


# ----- load, save, load is lossless: extra kept exactly, times okr cannot write refused -------

BIG = 12345678901234567890123


def test_extra_with_a_big_integer_survives_load_and_save(tmp_path) -> None:
    extra = '{"zeta":12345678901234567890123,"alpha":[1.50,-0,1E400],"\\u0061b":{"z":1,"a":2}}'
    text = json.dumps(BASE).replace('{"id": "acme"}', '{"id": "acme", "extra": ' + extra + "}")
    g = okr.loads(text)
    path = tmp_path / "saved.okr.json"
    g.save(path)
    saved = path.read_text()
    assert extra in saved  # exactly as written: digits, exponent, -0, escape, key order
    assert okr.load(path).dumps() == g.dumps() == saved
    # as Python objects: the integer exact, the keys in their order
    owner = g.owner("acme")
    assert owner is not None
    assert owner["extra"]["zeta"] == BIG and isinstance(owner["extra"]["zeta"], int)
    assert list(owner["extra"]) == ["zeta", "alpha", "ab"]
    assert list(owner["extra"]["ab"]) == ["z", "a"]


def test_extra_given_from_python_keeps_big_integers_and_order() -> None:
    g = okr.loads(json.dumps(BASE))
    g.add_owner("p", extra={"z": BIG, "a": [-(BIG**2), 0.5], "m": {"y": 1, "b": 2}})
    assert '"extra": {"z":12345678901234567890123,"a":[-152415787532388367504942236884722755800955129,0.5],"m":{"y":1,"b":2}}' in g.dumps()
    d = g.to_dict()
    again = okr.from_dict(d)
    assert again.dumps() == g.dumps()
    with pytest.raises(okr.InvalidValueError, match="not a finite number"):
        g.add_owner("q", extra={"x": float("nan")})


def test_a_duplicate_key_in_extra_is_a_document_error_with_its_path() -> None:
    text = json.dumps(BASE).replace(
        '"title": "Top"', '"title": "Top", "extra": {"foo": {"bar": 1, "b\\u0061r": 2}}'
    )
    with pytest.raises(okr.DocumentError) as e:
        okr.loads(text)
    assert e.value.code == "document"
    assert e.value.path == "objectives[0].extra.foo.bar"
    assert 'duplicate key "bar"' in str(e.value)
    problems = okr.check(text)
    assert [(p["path"], p["code"]) for p in problems] == [("objectives[0].extra.foo.bar", "document")]


def test_a_time_okr_cannot_write_is_refused() -> None:
    import datetime as dt

    doc = json.loads(json.dumps(BASE))
    doc["objectives"][0]["key_results"] = [
        {"id": "k", "title": "K", "measure": {"kind": "numeric", "start": 0, "target": 1},
         "check_ins": [{"at": "0000-01-01T00:00:00+01:00", "value": 0.5}]}
    ]
    with pytest.raises(okr.DocumentError) as e:
        okr.loads(json.dumps(doc))
    assert e.value.code == "document"
    assert e.value.path == "objectives[0].key_results[0].check_ins[0].at"
    assert "outside the times okr can write" in str(e.value)
    doc["objectives"][0]["key_results"][0]["check_ins"] = []
    g = okr.loads(json.dumps(doc))
    before = g.dumps()
    late = dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.timezone(-dt.timedelta(hours=1)))
    for at in ["9999-12-31T23:59:59-01:00", late]:
        with pytest.raises(okr.InvalidValueError, match="outside the times okr can write"):
            g.check_in("k", 0.5, at=at)
    assert g.dumps() == before
    # the last instant okr writes loads again
    g.check_in("k", 0.5, at="9999-12-31T23:59:59.999999999Z")
    assert okr.loads(g.dumps()).dumps() == g.dumps()


def test_a_year_0_check_in_is_kept_and_python_is_told_it_has_no_datetime_for_it() -> None:
    doc = json.loads(json.dumps(BASE))
    doc["cycles"][0]["start"] = "0000-01-01"
    doc["objectives"][0]["key_results"] = [
        {"id": "k", "title": "K", "measure": {"kind": "numeric", "start": 0, "target": 1},
         "check_ins": [{"at": "0000-01-01T00:00:00-00:59", "value": 0.5}]}
    ]
    g = okr.loads(json.dumps(doc))
    assert '"at": "0000-01-01T00:59:00Z"' in g.dumps()
    assert okr.loads(g.dumps()).dumps() == g.dumps()
    with pytest.raises(okr.InvalidValueError, match="0000-01-01T00:59:00"):
        g.check_ins("k")
    assert g.check_ins_columns()["at"] == ["0000-01-01T00:59:00+00:00"]
