"""Bindings of okr-core's suggest module: suggest_key_results, draft_key_result and
Graph.draft_key_result."""

import datetime as dt

import pytest

import okr

SUGGESTION = {"template_id", "metric", "definition", "score", "matched", "companion_of",
              "direction", "unit", "cadence", "pattern", "phrasing", "functions"}
DRAFT = {"template_id", "text", "metric", "unit", "direction", "cadence", "baseline",
         "baseline_source", "target", "target_defaulted", "deadline", "notes"}


def test_suggest_ranks_with_reasons():
    s = okr.suggest_key_results("Reduce customer churn")
    assert len(s) == 5
    assert set(s[0]) == SUGGESTION
    assert s[0]["template_id"] == "logo-churn-rate"
    assert s[0]["matched"] == ["customer", "churn"]
    assert s[0]["direction"] == "decrease" and s[0]["unit"] == "%"
    assert s[0]["phrasing"] == "Reduce customer churn rate from {baseline}% to {target}% by {deadline}"
    scores = [x["score"] for x in s]
    assert scores == sorted(scores, reverse=True)
    companions = [x for x in s if x["companion_of"]]
    assert companions and all(x["companion_of"] == "logo-churn-rate" for x in companions)


def test_suggest_options_and_determinism():
    assert len(okr.suggest_key_results("Grow our sales pipeline", top=2)) == 2
    assert okr.suggest_key_results("") == []
    assert okr.suggest_key_results("the and of") == []
    eng = okr.suggest_key_results("Improve response time", function="Engineering", top=1)
    assert "engineering" in eng[0]["functions"]
    assert (okr.suggest_key_results("Improve response time", function=" engineering ")
            == okr.suggest_key_results("Improve response time", "engineering"))
    assert (okr.suggest_key_results("Make our website load faster", top=10)
            == okr.suggest_key_results("Make our website load faster", top=10))


def test_suggest_unknown_function_is_a_typed_error():
    with pytest.raises(okr.InvalidValueError) as info:
        okr.suggest_key_results("Reduce churn", function="legal")
    err = info.value
    assert isinstance(err, okr.OkrError) and isinstance(err, ValueError)
    assert err.code == "invalid_value" and err.ids == []
    assert "unknown function \"legal\"" in str(err)
    assert "customer_success" in str(err)

def test_suggest_bad_option_is_config_error_as_in_javascript():
    # okr-core's options reader decides, as for suggestKeyResults in JavaScript.
    for bad in [dict(top=0), dict(top=-1), dict(top=2.5), dict(top=float("nan")), dict(top="3"),
                dict(top=True), dict(function=1)]:
        with pytest.raises(okr.ConfigError) as info:
            okr.suggest_key_results("Reduce churn", **bad)
        assert info.value.code == "invalid_config", bad
    assert "suggest_key_results" in str(info.value)
    # top 0 asks for nothing: refused by the core, with the field and the bound
    with pytest.raises(okr.ConfigError, match="invalid configuration top: 0 must be at least 1"):
        okr.suggest_key_results("", top=0)
    assert len(okr.suggest_key_results("Reduce churn", function=None, top=None)) == 5


def test_draft_key_result():
    d = okr.draft_key_result("logo-churn-rate", "2026-12-31", baseline=4, target=2.5)
    assert set(d) == DRAFT
    assert d["text"] == "Reduce customer churn rate from 4% to 2.5% by December 31, 2026"
    assert d["deadline"] == "2026-12-31" and d["target_defaulted"] is False
    d = okr.draft_key_result("logo-churn-rate", dt.date(2026, 12, 31), baseline=5.0)
    assert (d["target"], d["target_defaulted"]) == (4.0, True)
    with pytest.raises(okr.InvalidValueError, match="takes no time of day"):
        okr.draft_key_result("service-uptime", dt.datetime(2026, 12, 31, 9, 0))
    d = okr.draft_key_result("service-uptime", dt.date(2026, 12, 31))
    assert d["text"] == "Keep service availability at or above 99.9% through December 31, 2026"
    assert d["notes"] == ["target defaulted to the catalog's typical value for this metric"]
    with pytest.raises(okr.InvalidValueError) as info:
        okr.draft_key_result("no-such-kpi", "2026-12-31")
    assert "no-such-kpi" in str(info.value)
    with pytest.raises(okr.InvalidValueError):
        okr.draft_key_result("logo-churn-rate", "31/12/2026")


def test_drafts_pass_the_smart_linter():
    for s in okr.suggest_key_results("Keep our IT systems up and running", top=10):
        d = okr.draft_key_result(s["template_id"], "2026-12-31", baseline=10)
        r = okr.lint_text(d["text"], kind="key_result", today="2026-10-05")
        assert [x for x in r["diagnostics"] if x["severity"] != "info"] == [], d["text"]


@pytest.fixture
def churn() -> okr.Graph:
    g = okr.Graph()
    g.add_owner("acme", "Acme", "organisation")
    g.add_cycle("fy", "2026-01-01", "2026-12-31")
    g.add_cycle("q4", "2026-10-01", "2026-12-31", parent="fy")
    g.add_objective("company", "Keep customers", "acme", "fy")
    g.add_objective("cs-q4", "Fewer cancellations", "acme", "q4")
    g.link("cs-q4", "company")
    g.add_key_result("churn", "Reduce customer churn rate from 6% to 4%", "company",
                     {"kind": "numeric", "start": 6, "target": 4, "unit": "%"})
    g.check_in("churn", 5.5, at="2026-06-30")
    g.check_in("churn", 5.0, at="2026-09-30")
    return g


def test_graph_draft_uses_parent_key_result_and_cycle(churn):
    d = churn.draft_key_result("cs-q4", "logo-churn-rate")
    assert d["baseline"] == 5.0
    assert d["baseline_source"] == {"key_result": "churn", "objective": "company",
                                    "check_in": "2026-09-30T00:00:00Z"}
    assert d["text"] == "Reduce customer churn rate from 5% to 4% by December 31, 2026"
    assert churn.draft_key_result("cs-q4", "logo-churn-rate",
                                  as_of=dt.date(2026, 7, 1))["baseline"] == 5.5
    given = churn.draft_key_result("cs-q4", "logo-churn-rate", baseline=7, target=3)
    assert (given["baseline"], given["target"], given["baseline_source"]) == (7.0, 3.0, None)
    r = okr.lint_text(d["text"], kind="key_result", today="2026-10-05")
    assert [x for x in r["diagnostics"] if x["severity"] != "info"] == []


def test_graph_draft_errors(churn):
    with pytest.raises(okr.UnknownIdError) as info:
        churn.draft_key_result("nope", "logo-churn-rate")
    assert info.value.ids == ["nope"]
    with pytest.raises(okr.InvalidValueError):
        churn.draft_key_result("cs-q4", "no-such-kpi")
    with pytest.raises(TypeError):
        churn.draft_key_result("cs-q4", "logo-churn-rate", 3.0)  # keyword-only options
