"""The appraisal view through the Python package: the dict is the ``okr appraisal`` JSON (the
target revisions' ``at`` an aware ``datetime``, as ``log()`` gives them), the page is the
command's HTML and shows inline in Jupyter, typed errors."""

import datetime as dt
import json
import subprocess

import pytest

import okr
from conftest import EXAMPLE, REPO, okr_cli


def run(*args: str) -> str:
    return subprocess.run([*okr_cli(), *args], cwd=REPO, capture_output=True, text=True,
                          check=True).stdout

WHO = ["--owner", "frida", "--cycle", "q4-2026", "--as-of", "2026-11-15"]


def test_appraisal_is_the_command_s_json(acme):
    a = acme.appraisal("frida", "q4-2026", "2026-11-15")
    cli = json.loads(run("appraisal", str(EXAMPLE), *WHO, "--format", "json"))
    at = a["target_revisions"][0]["at"]
    assert at == dt.datetime(2026, 11, 3, tzinfo=dt.timezone.utc)
    a["target_revisions"][0]["at"] = cli["target_revisions"][0]["at"]
    assert a == cli
    assert "not a rating" in a["statement"]
    assert [(k["id"], k["basis"]) for k in a["key_results"]] == [
        ("fair-leads", "provisional"),
        ("webinars", "provisional"),
        ("referral-signups-q4-2026", "provisional"),  # carried from Q3, under growth's copy
    ]
    assert a["target_revisions"][0]["field"] == "target"
    assert acme.appraisal("frida", "q4-2026", dt.date(2026, 11, 15))["as_of"] == "2026-11-15"


def test_appraisal_html_is_the_command_s_page(acme):
    page = acme.appraisal_html("frida", "q4-2026", "2026-11-15")
    assert isinstance(page, okr.AppraisalPage)
    assert page.html == run("appraisal", str(EXAMPLE), *WHO, "--format", "html")
    assert page._repr_html_() == page.html
    assert page.text == run("appraisal", str(EXAMPLE), *WHO)
    assert str(page) == page.text
    assert (page.owner, page.cycle) == ("frida", "q4-2026")
    assert "AppraisalPage" in repr(page)
    assert "<script" not in page.html


def test_appraisal_errors_are_typed(acme):
    with pytest.raises(okr.UnknownIdError, match="zed"):
        acme.appraisal("zed", "q4-2026", "2026-11-15")
    with pytest.raises(okr.UnknownIdError, match="q9"):
        acme.appraisal_html("frida", "q9", "2026-11-15")
    with pytest.raises(okr.InvalidValueError):
        acme.appraisal("frida", "q4-2026", "soon")
