"""Visibility: who may see an objective and everything under it (public, owner line,
private with named viewers and groups), typed errors that change nothing, documents that keep
it all."""

import pytest

import okr


def graph():
    g = okr.Graph()
    g.add_owner("acme", "Acme", "organisation")
    g.add_owner("sales", "Sales", "department", parent="acme")
    g.add_owner("anna", "Anna", "person", parent="sales")
    g.add_owner("bo", "Bo", "person", parent="sales")
    g.add_owner("ceo", "CEO", "person", parent="acme")
    g.add_cycle("q", "2026-10-01", "2026-12-31")
    g.add_group("board", ["ceo"], name="Board")
    g.add_objective("open", "Open", "sales", "q")
    g.add_objective("line", "Line", "sales", "q", visibility="owner_line")
    g.add_objective("secret", "Secret", "sales", "q", visibility="private", viewers=["anna"])
    g.add_objective("board-only", "Board", "sales", "q", visibility="private", viewers=["board"])
    g.add_key_result("secret-kr", "K", "secret", {"kind": "numeric", "start": 0, "target": 1})
    return g


def test_who_sees_what():
    g = graph()
    assert all(g.can_see(v, "open") for v in ["acme", "sales", "anna", "bo", "ceo"])
    assert g.can_see("acme", "line") and not g.can_see("anna", "line")
    assert g.can_see("anna", "secret") and not g.can_see("bo", "secret")
    assert g.can_see("anna", "secret-kr") and not g.can_see("acme", "secret-kr")
    assert g.can_see("ceo", "board-only") and not g.can_see("anna", "board-only")
    assert g.visible_objectives("bo") == ["open"]
    assert g.visible_objectives("acme") == ["open", "line"]
    assert g.objective("secret")["visibility"] == "private"
    assert g.objective("secret")["viewers"] == ["anna"]
    assert g.group("board") == {"id": "board", "name": "Board", "members": ["ceo"]}
    assert [x["id"] for x in g.groups()] == ["board"]


def test_errors_are_typed_and_change_nothing():
    g = graph()
    before = g.dumps()
    with pytest.raises(okr.UnknownIdError) as e:
        g.can_see("nobody", "open")
    assert e.value.code == "unknown_id" and e.value.ids == ["nobody"]
    with pytest.raises(okr.InvalidValueError):
        g.add_objective("x", "X", "sales", "q", viewers=["anna"])
    with pytest.raises(okr.UnknownIdError):
        g.add_objective("x", "X", "sales", "q", visibility="private", viewers=["zed"])
    with pytest.raises(okr.InvalidValueError):
        g.add_objective("x", "X", "sales", "q", visibility="hidden")
    with pytest.raises(okr.DuplicateIdError):
        g.add_group("sales", ["anna"])
    with pytest.raises(okr.InUseError):
        g.remove_group("board")
    with pytest.raises(okr.InUseError):
        g.remove_owner("ceo")
    assert g.dumps() == before


def test_changes_are_revisions_and_documents_keep_them():
    g = graph()
    g.update_objective(
        "open", at="2026-11-01", by="sales", visibility="owner_line", viewers=["board"]
    )
    assert not g.can_see("bo", "open") and g.can_see("ceo", "open")
    fields = [e["field"] for e in g.log()]
    assert "visibility" in fields and "viewers" in fields
    again = okr.loads(g.dumps())
    assert again.dumps() == g.dumps()
    assert again.visible_objectives("bo") == []
    g.update_group("board", ["ceo", "bo"])
    assert g.can_see("bo", "open")
    # named by no objective now, but by the history: it stays (the document must load again)
    for obj in ["open", "board-only"]:
        g.update_objective(obj, at="2026-11-02", viewers=["anna"])
    with pytest.raises(okr.InUseError):
        g.remove_group("board")
    assert okr.loads(g.dumps()).dumps() == g.dumps()
    # a group nothing ever named may go
    g.add_group("unused", ["bo"])
    assert g.remove_group("unused") == {"id": "unused", "members": ["bo"]}
    assert g.group("unused") is None
