"""HTML views for notebooks (issue 23): the rollup's alignment tree (parents before children,
titles, owners, progress bars, status) and one node's figures; every text escaped, no
script, no external resource."""

from __future__ import annotations

import html
import re

import okr
from conftest import AS_OF, EXAMPLE


def rows(page: str) -> list[tuple[str, int]]:
    return [(html.unescape(i), int(d)) for i, d in re.findall(r'data-id="([^"]*)" data-depth="(\d+)"', page)]


def test_rollup_html_is_the_tree_parents_first_with_titles() -> None:
    g = okr.load(EXAMPLE)
    r = g.rollup(AS_OF)
    page = r._repr_html_()
    order = rows(page)
    ids = [i for i, _ in order]
    # every objective and key result, and each objective before its children
    assert {o["id"] for o in g.objectives()} <= set(ids)
    assert {k["id"] for k in g.key_results()} <= set(ids)
    objective_of = {k["id"]: k["objective"] for k in g.key_results()}
    for n, (i, depth) in enumerate(order):
        if depth == 0:
            assert not g.parents_of(i), i
            continue
        above = next(p for p, d in reversed(order[:n]) if d == depth - 1)
        if i in objective_of:
            assert above == objective_of[i], (i, above)
        else:
            assert above in {p for p, _ in g.parents_of(i)}, (i, above)
    # the order of the text report: each of its lines names the id of the row in turn
    report = g.report(AS_OF)
    lines = [line for line in report.splitlines() if re.search(r"\[[^\]]+\]", line)]
    assert len(lines) == len(order)
    for (i, _), line in zip(order, lines):
        assert f"[{i}]" in line
    # titles, owner names, figures and status
    for o in g.objectives():
        assert html.escape(o["title"], quote=False) in page.replace("&quot;", '"').replace("&apos;", "'")
    names = {w["id"]: w["name"] for w in g.owners()}
    top = g.objectives()[0]
    assert html.escape(names[top["owner"]], quote=False) in page.replace("&apos;", "'").replace("&quot;", '"')
    node = r[top["id"]]
    assert f"{node.progress * 100:.1f}%" in page
    assert node.status.replace("_", " ") in page
    assert "<script" not in page.lower() and "http" not in page.replace("http://www.w3.org", "")
    # depth: a root at 0, its key results at 1
    assert order[0][1] == 0 and ids[0] in {o["id"] for o in g.objectives()}


def test_titles_and_names_are_escaped(small: okr.Graph) -> None:
    small.add_objective("evil", "<script>alert('x')</script> & co", "frida", "q4")
    small.link("evil", "company", 1.0)
    page = small.rollup(AS_OF)._repr_html_()
    assert "<script" not in page
    assert "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; co" in page
    ids = [i for i, _ in rows(page)]
    assert ids.index("company") < ids.index("evil")
    node_page = small.rollup(AS_OF)["evil"]._repr_html_()
    assert "evil" in node_page and "<script" not in node_page


def test_node_html_shows_its_figures() -> None:
    g = okr.load(EXAMPLE)
    n = g.rollup(AS_OF)[g.key_results()[0]["id"]]
    page = n._repr_html_()
    assert page.startswith("<table") and page.endswith("</table>")
    assert f"{n.expected * 100:.1f}%" in page
    assert n.status.replace("_", " ") in page
    assert n.id in page
