"""KPIs from Python: adding, recording values, health apart from OKR progress, key results
taking their values from a KPI, typed errors that change nothing, pandas."""

import datetime as dt

import pytest

import okr

from conftest import AS_OF


def test_example_company_kpi_health(acme: okr.Graph) -> None:
    rows = acme.kpi_health(AS_OF)
    by_id = {r["id"]: r for r in rows}
    assert list(by_id) == [k["id"] for k in acme.kpis()]
    otd = by_id["on-time-delivery"]
    assert otd["unit"] == "%"
    assert otd["kind"] == "at_or_above"
    assert otd["target"] == 96  # November's target, above the threshold of 95
    assert otd["value"] == 95.7 and otd["previous"] == 96.1
    assert otd["trend"] == "down"
    assert otd["health"] == "unhealthy"
    assert otd["at"] == dt.datetime(2026, 11, 10, tzinfo=dt.timezone.utc)
    band = by_id["remake-requests"]
    assert (band["min"], band["max"], band["target"]) == (5, 15, None)
    assert band["health"] == "healthy"
    # before any value
    assert {r["health"] for r in acme.kpi_health("2026-07-01")} == {"no_data"}
    # the key result taking its values from the KPI has them as its check-ins
    assert [c["value"] for c in acme.check_ins("on-time")] == [
        v["value"] for v in acme.kpi("on-time-delivery")["values"]
    ]


def test_record_values_and_refresh(small: okr.Graph) -> None:
    g = small
    g.add_kpi("csat", "Customer satisfaction", {"kind": "at_or_above", "value": 90},
              unit="%", owner="acme", targets=[{"month": "2026-11", "value": 92}])
    g.add_key_result("kr-csat", "Raise CSAT from 88% to 95%", "q4-customers",
                     {"kind": "numeric", "start": 88, "target": 95, "unit": "%"}, kpi="csat")
    g.record_kpi_value("csat", "2026-11-01", 91.5, note="survey")
    g.record_kpi_value("csat", dt.date(2026, 10, 1), 89.0)
    values = g.kpi("csat")["values"]
    assert [v["value"] for v in values] == [89.0, 91.5]
    assert values[1]["note"] == "survey"
    health = g.kpi_health("2026-11-15")[0]
    assert (health["health"], health["trend"], health["target"]) == ("unhealthy", "up", 92)
    assert g.rollup("2026-11-15")["kr-csat"].progress == pytest.approx(0.5)
    # no check-ins of its own
    with pytest.raises(okr.InvalidCheckInError):
        g.check_in("kr-csat", 93, at="2026-11-02")
    # the document keeps it
    again = okr.loads(g.dumps())
    assert again.kpi_health("2026-11-15") == g.kpi_health("2026-11-15")
    assert again.check_ins("kr-csat") == g.check_ins("kr-csat")


def test_errors_are_typed_and_change_nothing(small: okr.Graph) -> None:
    g = small
    g.add_kpi("csat", "CSAT", {"kind": "at_or_above", "value": 90}, unit="%")
    before = g.dumps()
    with pytest.raises(okr.InvalidValueError) as e:
        g.add_kpi("x", "X", {"kind": "between", "min": 2, "max": 1})
    assert "health of KPI" in str(e.value)
    with pytest.raises(okr.InvalidValueError):
        g.add_kpi("x", "X", {"kind": "increase"}, targets=[{"month": "2026-13", "value": 1}])
    with pytest.raises(okr.DuplicateIdError):
        g.add_kpi("company", "X", {"kind": "increase"})
    with pytest.raises(okr.UnknownIdError) as e:
        g.record_kpi_value("nope", "2026-11-01", 1.0)
    assert e.value.ids == ["nope"]
    with pytest.raises(okr.InvalidValueError):
        g.record_kpi_value("csat", "2026-11-01", float("nan"))
    with pytest.raises(okr.InvalidValueError):
        g.record_kpi_value("csat", "2026-11-01T10:00:00", 1.0)  # no zone
    with pytest.raises(okr.UnitMismatchError) as e:
        g.add_key_result("eur", "t", "company",
                         {"kind": "numeric", "start": 0, "target": 1, "unit": "EUR"}, kpi="csat")
    assert e.value.ids == ["eur", "csat"]
    assert g.dumps() == before
    g.remove_kpi("csat")
    assert g.kpis() == []


def test_kpi_health_frame(acme: okr.Graph) -> None:
    pd = pytest.importorskip("pandas")
    df = acme.kpi_health_frame(AS_OF)
    assert list(df["id"]) == [r["id"] for r in acme.kpi_health(AS_OF)]
    assert str(df["at"].dtype).startswith("datetime64[") and str(df["at"].dtype).endswith(", UTC]")
    assert df.loc[df["id"] == "on-time-delivery", "health"].item() == "unhealthy"
    assert isinstance(df, pd.DataFrame)
