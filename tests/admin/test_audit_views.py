"""The admin's audit page: the county's events, newest first, filtered by who, action, object and dates."""

from datetime import timedelta

from webapp.dbtypes import utcnow
from webapp.models import County, Township
from webapp.services.audit import record_audit


def _page(client, **query):
    resp = client.get("/admin/audit", query_string=query)
    assert resp.status_code == 200
    return resp.get_data(as_text=True)


def test_admin_sees_the_audit_events_of_the_county(auth, client, token_for, db):
    token_for("demo-nurse")
    record_audit("demo-admin", "device.revoke", "device_token", 1, after={"device_id": "dev-1"})
    db.session.commit()
    auth.login("demo-admin")
    html = _page(client)
    assert "审计日志" in html and "device.revoke" in html and "user.create" in html and "demo-nurse-b" in html


def test_the_audit_page_filters_by_actor_action_and_object(auth, client, db):
    record_audit("demo-county", "aefi.return", "aefi_report", "a-1", scope_code="U01")
    record_audit("demo-admin", "user.update", "user", 3, scope_code="U03")
    db.session.commit()
    auth.login("demo-admin")
    by_actor = _page(client, actor="demo-county")
    assert "aefi.return" in by_actor and "user.update" not in by_actor
    by_action = _page(client, action="user.")
    assert "user.update" in by_action and "aefi.return" not in by_action
    by_object = _page(client, object_kind="aefi_report", object_id="a-1")
    assert "aefi.return" in by_object and "user.create" not in by_object


def test_the_audit_page_filters_by_local_date_range(auth, client, db):
    record_audit("demo-county", "aefi.close", "aefi_report", "a-2", scope_code="U01")
    db.session.commit()
    auth.login("demo-admin")
    today = (utcnow() + timedelta(hours=8)).date()
    assert "aefi.close" in _page(client, date_from=today.isoformat(), date_to=today.isoformat())
    assert "aefi.close" not in _page(client, date_to=(today - timedelta(days=1)).isoformat())
    assert "aefi.close" not in _page(client, date_from=(today + timedelta(days=1)).isoformat())


def test_events_of_another_county_are_not_shown(auth, client, db):
    db.session.add(County(code="150425", name="克什克腾旗"))
    db.session.add(Township(code="150425001", name="经棚镇", county_code="150425"))
    record_audit("other-admin", "user.update", "user", 99, scope_code="150425")
    db.session.commit()
    auth.login("demo-admin")
    assert "other-admin" not in _page(client)


def test_a_bad_date_filter_shows_the_error_and_every_event(auth, client, db):
    auth.login("demo-admin")
    html = _page(client, date_from="not-a-date")
    assert "user.create" in html and 'aria-invalid="true"' in html
