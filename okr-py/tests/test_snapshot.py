"""Binary snapshots (Graph.to_snapshot, okr.from_snapshot, okr.load / okr.loads recognising
one, pickling): the same document back, a damaged snapshot raising SnapshotError (a subclass
of OkrError with .code), and the CLI reading what Python writes and the other way round."""

import io
import json
import pickle
import subprocess

import pytest

import okr
from conftest import AS_OF, EXAMPLE, REPO, okr_cli


def figures(g):
    return {n.id: (n.progress, n.status) for n in g.rollup(AS_OF)}


def test_a_snapshot_holds_the_whole_document(acme):
    snap = acme.to_snapshot()
    assert isinstance(snap, bytes)
    assert snap[:8] == b"\x89OKR\r\n\x1a\n"
    assert len(snap) * 2 < len(acme.dumps())
    back = okr.from_snapshot(snap)
    assert back.dumps() == acme.dumps()
    assert figures(back) == figures(acme)
    # history too: the past is the same
    assert back.rollup("2026-10-15")["sales-growth"].progress == acme.rollup("2026-10-15")[
        "sales-growth"].progress
    # and again, the same bytes
    assert back.to_snapshot() == snap
    assert okr.from_snapshot(bytearray(snap)).dumps() == acme.dumps()


def test_load_and_loads_recognise_a_snapshot(acme, tmp_path):
    snap = acme.to_snapshot()
    path = tmp_path / "acme.okrs"
    path.write_bytes(snap)
    assert okr.load(path).dumps() == acme.dumps()
    assert okr.load(str(path)).dumps() == acme.dumps()
    with open(path, "rb") as f:
        assert okr.load(f).dumps() == acme.dumps()
    assert okr.load(io.BytesIO(snap)).dumps() == acme.dumps()
    assert okr.loads(snap).dumps() == acme.dumps()
    assert okr.check(snap) == []
    # JSON still reads as before
    assert okr.load(EXAMPLE).dumps() == acme.dumps()


def test_pickling_uses_the_snapshot(acme):
    reduced = acme.__reduce__()
    assert reduced[0] is okr.from_snapshot
    assert reduced[1][0] == acme.to_snapshot()
    again = pickle.loads(pickle.dumps(acme))
    assert again.dumps() == acme.dumps()
    assert figures(again) == figures(acme)


def test_a_damaged_snapshot_raises_snapshot_error(acme):
    snap = acme.to_snapshot()
    cases = {
        "cut short": snap[: len(snap) // 2],
        "checksum does not match": snap[:100] + bytes([snap[100] ^ 1]) + snap[101:],
        "not a snapshot": b"hello",
        "header alone": snap[:20],
    }
    for why, data in cases.items():
        with pytest.raises(okr.SnapshotError) as e:
            okr.from_snapshot(data)
        assert e.value.code == "invalid_snapshot"
        assert why in str(e.value)
        assert isinstance(e.value, okr.OkrError)
        assert e.value.ids == []
    # read as a document, a cut snapshot is the same error
    with pytest.raises(okr.SnapshotError):
        okr.loads(snap[:-1])
    problems = okr.check(snap[:-1])
    assert [p["code"] for p in problems] == ["invalid_snapshot"]
    # the exception pickles as every okr exception does
    with pytest.raises(okr.SnapshotError) as e:
        okr.from_snapshot(snap[:-1])
    again = pickle.loads(pickle.dumps(e.value))
    assert type(again) is okr.SnapshotError and again.code == "invalid_snapshot"


def test_only_bytes_are_a_snapshot():
    for wrong in ("text", 3, None, [1, 2]):
        with pytest.raises(TypeError, match="bytes or bytearray"):
            okr.from_snapshot(wrong)


def test_limits_hold_for_snapshots(acme):
    # a snapshot is held to the document's limits: the whole size of a big one is refused
    # before anything is read (as for JSON text); here, a snapshot of JSON text is refused
    with pytest.raises(okr.SnapshotError, match="not a snapshot"):
        okr.from_snapshot(acme.dumps().encode())


def test_the_cli_reads_python_snapshots_and_python_reads_the_clis(acme, tmp_path):
    mine = tmp_path / "from-python.okrs"
    mine.write_bytes(acme.to_snapshot())
    out = subprocess.run([*okr_cli(), "report", str(mine), "--as-of", AS_OF, "--format", "json"],
                         cwd=REPO, check=True, capture_output=True, text=True, timeout=900)
    report = json.loads(out.stdout)
    ours = acme.rollup(AS_OF)
    for node in report["nodes"]:
        assert node["status"] == ours[node["id"]].status, node["id"]
    theirs = tmp_path / "from-cli.okrs"
    subprocess.run([*okr_cli(), "snapshot", str(EXAMPLE), "-o", str(theirs)], cwd=REPO,
                   check=True, capture_output=True, timeout=900)
    assert theirs.read_bytes() == acme.to_snapshot()
    assert okr.load(theirs).dumps() == acme.dumps()


def test_a_view_snapshots_its_own_document(acme):
    v = acme.view_for("hanna")
    back = okr.from_snapshot(v.to_snapshot())
    assert back.dumps() == v.dumps()
    assert not back.is_view
