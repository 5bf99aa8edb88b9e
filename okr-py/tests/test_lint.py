"""Bindings of okr-core's lint module."""

import datetime as dt
import pickle

import pytest

import okr

FIELDS = {"text", "kind", "specific", "measurable", "time_bound", "outcome", "target", "baseline",
          "deadline", "diagnostics"}


def test_lint_text_report_fields():
    r = okr.lint_text("Increase revenue", kind="key_result", today="2026-11-15")
    assert set(r) == FIELDS
    assert r["kind"] == "key_result" and r["measurable"] is False
    codes = {d["code"] for d in r["diagnostics"]}
    assert "M001" in codes
    for d in r["diagnostics"]:
        assert set(d) == {"code", "severity", "message", "span", "help"}


def test_lint_text_good_key_result_and_config():
    r = okr.lint_text("Raise monthly revenue from 80k to 120k by December 31, 2026",
                      kind="key_result", today=dt.date(2026, 11, 15))
    assert r["measurable"] and r["time_bound"] and r["target"] == 120000 and r["baseline"] == 80000
    assert r["deadline"] == "2026-12-31"
    quiet = okr.lint_text("Increase revenue", kind="key_result", select=["T"], today="2026-11-15")
    assert {d["code"][0] for d in quiet["diagnostics"]} <= {"T"}
    assert okr.lint_text("Increase revenue")["kind"] == "goal"


def test_lint_errors():
    with pytest.raises(okr.ConfigError) as info:
        okr.lint_text("x", bogus=1)
    assert info.value.code == "invalid_config"
    with pytest.raises(okr.InvalidValueError):
        okr.lint_text("x", kind="poem")
    with pytest.raises(okr.InvalidValueError) as info:
        okr.explain_rule("Z999")
    assert pickle.loads(pickle.dumps(info.value)).code == "invalid_value"


def test_rules_and_explain():
    rules = okr.rules()
    assert len(rules) > 5
    assert {"code", "name", "category", "severity", "kind"} <= set(rules[0])
    first = rules[0]
    doc = okr.explain_rule(first["code"])
    assert "## What it does" in doc
    assert okr.explain_rule(first["name"]) == doc


def test_graph_lint(acme):
    diags = acme.lint(today="2026-11-15")
    assert diags and all({"code", "severity", "message", "entity"} <= set(d) for d in diags)
    assert acme.lint(today="2026-11-15", ignore=["ALL"]) == []
    with pytest.raises(okr.ConfigError):
        acme.lint(selekt=["S"])
