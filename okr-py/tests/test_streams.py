"""Documents from paths, file objects, str and bytes: the size limit holds on every source (a
file object that never ends is read up to the limit and no further), a byte order mark is
skipped, bytes that are not UTF-8 are named by their position. The rules are okr-core's
(`okr_core::document::read_text`, `text_from_bytes`)."""

from __future__ import annotations

import io
import re

import pytest

import okr

from conftest import EXAMPLE, REPO

BOM = REPO / "okr-core" / "tests" / "fixtures" / "hostile" / "bom.json"


class Endless(io.RawIOBase):
    """Spaces for ever, counting what it hands out."""

    def __init__(self) -> None:
        self.handed = 0
        self.calls = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        n = len(b)
        b[:n] = b" " * n
        self.handed += n
        self.calls += 1
        return n


def test_a_file_object_that_never_ends_stops_at_the_limit() -> None:
    f = Endless()
    with pytest.raises(okr.LimitExceededError) as e:
        okr.load(f)
    m = re.fullmatch(
        r"limit exceeded: document size \(bytes read before stopping\) is (\d+), the limit is (\d+)",
        str(e.value),
    )
    assert m, str(e.value)
    read, limit = int(m.group(1)), int(m.group(2))
    assert read == f.handed and read > limit
    # in bounded chunks: one chunk (64 KiB) past the limit at most
    assert f.handed <= limit + (64 << 10)
    assert f.calls >= limit // (64 << 10)


def test_every_source_of_the_same_document_loads_the_same_graph() -> None:
    expected = okr.load(EXAMPLE).dumps()
    text = EXAMPLE.read_text(encoding="utf-8")
    sources = [
        str(EXAMPLE),
        EXAMPLE,
        open(EXAMPLE, "rb"),
        open(EXAMPLE, encoding="utf-8"),
        io.BytesIO(text.encode()),
        io.StringIO(text),
    ]
    for source in sources:
        assert okr.load(source).dumps() == expected, source
        if hasattr(source, "close"):
            source.close()
    assert okr.loads(text).dumps() == expected
    assert okr.loads(text.encode()).dumps() == expected
    assert okr.loads(bytearray(text.encode())).dumps() == expected
    assert okr.check(text.encode()) == []


def test_a_text_file_object_with_wide_characters_is_read_whole() -> None:
    # a text file's read(n) returns n characters: up to 4n bytes of UTF-8
    doc = okr.loads(EXAMPLE.read_bytes()).to_dict()
    doc["objectives"][0]["title"] = "\U0001f389 Ünïcödé €€€ " * 20_000
    g = okr.load(io.StringIO(okr.from_dict(doc).dumps()))
    assert g.objectives()[0]["title"] == doc["objectives"][0]["title"]


def test_a_byte_order_mark_is_skipped() -> None:
    data = BOM.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    plain = okr.loads(data[3:]).dumps()
    for g in [
        okr.load(BOM),
        okr.load(open(BOM, "rb")),
        okr.load(open(BOM, encoding="utf-8")),  # the mark arrives as U+FEFF
        okr.loads(data),
        okr.loads(data.decode("utf-8")),
    ]:
        assert g.dumps() == plain
    assert okr.check(data) == []
    # saved without the mark, loads again unchanged
    assert okr.loads(plain).dumps() == plain and not plain.startswith("\ufeff")


def test_bytes_that_are_not_utf8_name_the_byte_offset() -> None:
    data = EXAMPLE.read_bytes()
    at = data.index(b'"title"') + 9
    bad = data[:at] + b"\xff" + data[at + 1 :]
    line = bad[:at].count(b"\n") + 1
    column = at - (bad.rfind(b"\n", 0, at) + 1) + 1
    message = f"invalid UTF-8 at byte {at} (line {line}, column {column})"
    for load in [okr.loads, lambda b: okr.load(io.BytesIO(b))]:
        with pytest.raises(okr.DocumentError) as e:
            load(bad)
        assert e.value.code == "document"
        assert message in str(e.value)
    assert okr.check(bad) == [{"path": "", "code": "document", "message": message}]


def test_a_file_objects_own_exception_is_raised() -> None:
    class Broken(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, b) -> int:  # type: ignore[override]
            raise ConnectionResetError("the network went away")

    with pytest.raises(ConnectionResetError, match="the network went away"):
        okr.load(Broken())


def test_wrong_types_are_type_errors() -> None:
    class Numbers:
        def read(self, n: int) -> int:
            return 7

    with pytest.raises(TypeError, match="must return bytes or str, not int"):
        okr.load(Numbers())
    with pytest.raises(TypeError, match="must be str, bytes or bytearray, not int"):
        okr.loads(7)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        okr.check(None)  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        okr.load(REPO / "no-such-document.json")
