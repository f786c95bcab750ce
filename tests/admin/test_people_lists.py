"""The users and devices lists for people: Chinese roles, units and schools by name, times at the county's clock,
and each device named by the person who uses it and what it is, not its user-agent string."""

import re
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import DEMO_PASSWORD
from webapp.models import DeviceToken, User

PHONE = "(Linux; Android 13; V2227A; wv) Chrome/120 Mobile Safari/537"  # as the phone sends it (lib/users.js)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _table(html: str, table_id: str) -> str:
    return html[html.index(f'id="{table_id}"'):html.index("</table>", html.index(f'id="{table_id}"'))]


@pytest.fixture
def phone(client, demo_org, db):
    """demo-nurse (王护士, U01) signed in on an Android phone with Chrome 120."""
    resp = client.post("/api/v1/auth/token", json={"username": "demo-nurse", "password": DEMO_PASSWORD,
                                                   "device_id": "dev-android", "device_name": PHONE})
    assert resp.status_code == 201
    return db.session.query(DeviceToken).filter_by(device_id="dev-android").one()


def test_the_users_list_shows_roles_and_units_by_name_and_times_at_the_county_clock(auth, client, db):
    auth.login("demo-admin")
    table = _table(client.get("/admin/users").get_data(as_text=True), "users")
    for text in ("接种人员", "学校查验人员", "县级疾控审核", "管理员", "林西镇防保站", "林西镇中心幼儿园", "王护士"):
        assert text in table, text
    for raw in (">nurse<", ">school<", ">county<", ">U01<", ">S01<", ">150424<", ">True<"):
        assert raw not in table, raw
    created = db.session.query(User).filter_by(username="demo-nurse").one().created_at
    assert created.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") in table
    assert "+00:00" not in table


def test_the_devices_list_names_the_person_and_the_phone_at_the_county_clock(auth, client, phone):
    auth.login("demo-admin")
    table = _table(client.get("/admin/devices").get_data(as_text=True), "devices")
    assert "王护士 · Android · Chrome 120" in table
    assert PHONE not in table and "V2227A" not in table
    assert phone.created_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") in table
    utc = phone.created_at.strftime("%Y-%m-%d %H:%M")
    assert re.search(rf">{re.escape(utc)}<", table) is None  # not the stored UTC


def test_the_county_device_health_page_names_the_phone_and_the_unit(auth, client, phone):
    auth.login("demo-county")
    html = client.get("/review/devices").get_data(as_text=True)
    assert "王护士 · Android · Chrome 120" in html and "林西镇防保站" in html
    assert "V2227A" not in html and "（U01）" not in html


def test_the_audit_log_names_the_scope_of_each_event(auth, client, db, demo_org):
    from webapp.services.audit import record_audit

    record_audit("demo-admin", "user.update", "user", 3, scope_code="U01", after={"display_name": "王护士"})
    db.session.commit()
    auth.login("demo-admin")
    html = client.get("/admin/audit?action=user.update").get_data(as_text=True)
    assert "<td>林西镇防保站</td>" in html and "<td>U01</td>" not in html
