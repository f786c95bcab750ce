"""GET /api/v1/aefi/zero-report-calendar: states per unit and period, and only inside the caller's scope."""

import pytest

from tests.aefi_records import add_report, add_zero_report


@pytest.fixture
def calendar_data(db, demo_org):
    add_zero_report("U01", "2026-01", attested_at="2026-02-03T09:00:00+08:00")
    add_report("U01", onset="2026-02-14T10:00:00+08:00")
    add_report("U01", onset="2026-02-20T10:00:00+08:00")
    add_zero_report("U01", "2026-03", attested_at="2026-04-01T09:00:00+08:00")
    add_report("U01", onset="2026-03-31T23:30:00+08:00")   # synced after the zero report: contradicted
    add_report("U03", onset="2026-03-31T17:00:00+00:00")   # 01:00 on 1 April in the county: April
    db.session.commit()


def _periods(body, unit):
    (row,) = [u for u in body["units"] if u["unit"] == unit]
    return {p["period"]: p for p in row["periods"]}


def test_calendar_shows_cases_zero_silent_contradicted_and_open(client, token_for, calendar_data):
    resp = client.get("/api/v1/aefi/zero-report-calendar?from=2026-01&to=2026-12", headers=token_for("demo-county"))
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["cadence"] == "monthly"
    u01 = _periods(body, "U01")
    assert (u01["2026-01"]["state"], u01["2026-01"]["cases"]) == ("zero", 0)
    assert (u01["2026-02"]["state"], u01["2026-02"]["cases"]) == ("cases", 2)
    assert (u01["2026-03"]["state"], u01["2026-03"]["cases"]) == ("contradicted", 1)
    assert u01["2026-05"]["state"] == "silent"
    assert u01["2026-12"]["state"] == "open"
    u03 = _periods(body, "U03")
    assert u03["2026-03"]["state"] == "silent" and u03["2026-04"]["state"] == "cases"
    assert {u["unit"] for u in body["units"]} == {"U01", "U02", "U03", "U04"}


def test_weekly_cadence_is_a_setting(app, client, token_for, calendar_data):
    app.config["ZERO_REPORT_CADENCE"] = "weekly"
    body = client.get("/api/v1/aefi/zero-report-calendar?from=2026-02&to=2026-02",
                      headers=token_for("demo-county")).get_json()
    assert body["cadence"] == "weekly"
    u01 = _periods(body, "U01")
    assert u01["2026-W07"]["state"] == "cases" and u01["2026-W08"]["state"] == "cases"
    assert u01["2026-W06"]["state"] == "silent"


def test_nurse_sees_only_her_own_unit(client, token_for, calendar_data):
    body = client.get("/api/v1/aefi/zero-report-calendar?from=2026-01&to=2026-06",
                      headers=token_for("demo-nurse-b")).get_json()
    assert [u["unit"] for u in body["units"]] == ["U03"]
    body = client.get("/api/v1/aefi/zero-report-calendar?from=2026-01&to=2026-06",
                      headers=token_for("demo-nurse")).get_json()
    assert [u["unit"] for u in body["units"]] == ["U01"]


def test_school_checker_may_not_read_the_calendar(client, token_for, calendar_data):
    resp = client.get("/api/v1/aefi/zero-report-calendar", headers=token_for("demo-school"))
    assert resp.status_code == 403 and resp.mimetype == "application/problem+json"


@pytest.mark.parametrize("query,field", [("from=2026-13&to=2026-12", "from"), ("from=2026-01&to=junk", "to"),
                                         ("from=2026-06&to=2026-01", "to"), ("from=2010-01&to=2026-01", "to")])
def test_bad_periods_are_refused_naming_the_parameter(client, token_for, calendar_data, query, field):
    resp = client.get(f"/api/v1/aefi/zero-report-calendar?{query}", headers=token_for("demo-county"))
    assert resp.status_code == 422
    assert field in resp.get_json()["errors"]


def test_county_user_sees_only_the_units_of_its_own_county(client, token_for, calendar_data, db):
    from webapp.models import County, Township, Unit
    from webapp.services.accounts.users import create_user

    db.session.add(County(code="150425", name="巴林右旗"))
    db.session.add(Township(code="150425001", name="大板镇", county_code="150425"))
    db.session.add(Unit(code="X01", name="大板镇防保站", kind="township_station", township_code="150425001"))
    db.session.flush()
    create_user("county-2", "Demo-2026!", "county", "150425", "外县审核", actor="test")
    add_report("X01", onset="2026-03-05T08:00:00+08:00")
    db.session.commit()
    body = client.get("/api/v1/aefi/zero-report-calendar?from=2026-03&to=2026-03",
                      headers=token_for("county-2")).get_json()
    assert body["units"] == [{"unit": "X01", "name": "大板镇防保站",
                              "periods": [{"period": "2026-03", "state": "cases", "cases": 1}]}]
    body = client.get("/api/v1/aefi/zero-report-calendar?from=2026-03&to=2026-03",
                      headers=token_for("demo-county")).get_json()
    assert "X01" not in {u["unit"] for u in body["units"]}
