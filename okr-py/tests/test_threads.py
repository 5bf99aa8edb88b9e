"""A Graph shared between threads: readers never fail because of each other or of a writer,
and a writer waits for the readers (never "Already borrowed")."""

from __future__ import annotations

import datetime as dt
import threading

import okr

from conftest import EXAMPLE

AS_OF = "2026-11-15"


def _run(workers: list[threading.Thread]) -> None:
    for t in workers:
        t.start()
    for t in workers:
        t.join(timeout=120)
        assert not t.is_alive(), "a thread never finished (a deadlock?)"


def test_readers_and_a_writer_share_a_graph() -> None:
    g = okr.load(EXAMPLE)
    kr = g.key_results()[0]["id"]
    before = len(g.check_ins(kr))
    errors: list[BaseException] = []
    stop = threading.Event()
    reads = [0]

    def reader() -> None:
        try:
            while not stop.is_set():
                r = g.rollup(AS_OF)
                assert len(r) > 0
                g.report(AS_OF)
                reads[0] += 1
        except BaseException as e:  # noqa: BLE001 - the test reports every failure
            errors.append(e)

    writes = 300
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)

    def writer() -> None:
        try:
            for i in range(writes):
                g.check_in(kr, float(i), at=start + dt.timedelta(hours=i))
            stop.set()
        except BaseException as e:  # noqa: BLE001
            errors.append(e)
            stop.set()

    _run([threading.Thread(target=reader) for _ in range(3)] + [threading.Thread(target=writer)])
    assert errors == []
    assert len(g.check_ins(kr)) == before + writes
    assert reads[0] > 0


def test_a_failed_write_under_contention_changes_nothing() -> None:
    g = okr.load(EXAMPLE)
    count = len(g.objectives())
    errors: list[BaseException] = []
    refused: list[okr.OkrError] = []

    def bad_writer() -> None:
        for _ in range(200):
            try:
                g.add_objective("x", "", "nobody", "nowhere")
            except okr.OkrError as e:
                refused.append(e)
            except BaseException as e:  # noqa: BLE001
                errors.append(e)

    def reader() -> None:
        try:
            for _ in range(50):
                g.rollup(AS_OF)
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    _run([threading.Thread(target=bad_writer), threading.Thread(target=reader)])
    assert errors == []
    assert len(refused) == 200
    assert len(g.objectives()) == count


def test_results_of_one_graph_are_read_from_many_threads() -> None:
    g = okr.load(EXAMPLE)
    r = g.rollup(AS_OF)
    ids = [n.id for n in r]
    seen: list[int] = []
    errors: list[BaseException] = []

    def read_all() -> None:
        try:
            for _ in range(20):
                seen.append(sum(1 for i in ids if r[i].id == i))
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    _run([threading.Thread(target=read_all) for _ in range(4)])
    assert errors == []
    assert seen == [len(ids)] * 80
