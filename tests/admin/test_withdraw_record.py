"""An admin withdraws a record stored in error: a POST form with a CSRF token, inside the admin's county, audited;
the record is kept, marked deleted, and the phones of its unit get a tombstone at their next pull."""

import re

import pytest

from tests.factories import add_record, child_data, push_item
from tests.sync_client import SyncClient
from webapp.models import AuditEvent, County, Record, Township, Unit


@pytest.fixture
def pushed_child(client, token_for):
    sync = SyncClient(client, token_for)
    child = push_item("child", child_data())
    assert sync.statuses([child]) == ["created"]
    _, cursor = sync.pull_all()
    return sync, child["id"], cursor


def _withdraw_form(client, record_id):
    page = client.get(f"/admin/records/{record_id}").get_data(as_text=True)
    match = re.search(rf'action="/admin/records/{record_id}/withdraw".*?name="csrf_token"[^>]*value="([^"]+)"', page,
                      re.S)
    assert match, "the record page has no withdraw form with a CSRF token"
    return match.group(1)


def test_an_admin_withdraws_a_record_from_its_page_and_the_unit_gets_a_tombstone(auth, client, db, pushed_child):
    sync, record_id, cursor = pushed_child
    auth.login("demo-admin")
    assert client.get(f"/admin/records?id={record_id}").headers["Location"].endswith(f"/admin/records/{record_id}")
    token = _withdraw_form(client, record_id)
    resp = client.post(f"/admin/records/{record_id}/withdraw", data={"csrf_token": token})
    assert resp.status_code == 302
    db.session.expire_all()
    assert db.session.get(Record, record_id).deleted is True
    [event] = db.session.query(AuditEvent).filter_by(action="record.delete").all()
    assert (event.actor, event.object_kind, event.object_id, event.scope_code) == ("demo-admin", "child", record_id,
                                                                                   "U01")
    changes, _ = sync.pull_all(cursor=cursor)
    assert [(c["id"], c.get("deleted")) for c in changes if c["kind"] == "child"] == [(record_id, True)]
    assert "已撤销" in client.get(f"/admin/records/{record_id}").get_data(as_text=True)


def test_a_withdrawal_without_the_csrf_token_changes_nothing(auth, client, db, pushed_child):
    _, record_id, _ = pushed_child
    auth.login("demo-admin")
    assert client.post(f"/admin/records/{record_id}/withdraw", data={}).status_code == 400
    db.session.expire_all()
    assert db.session.get(Record, record_id).deleted is False
    assert db.session.query(AuditEvent).filter_by(action="record.delete").count() == 0


def test_a_record_of_another_county_cannot_be_seen_or_withdrawn(auth, client, db, demo_org):
    db.session.add(County(code="150425", name="巴林右旗"))
    db.session.add(Township(code="150425001", name="大板镇", county_code="150425"))
    db.session.add(Unit(code="X01", name="大板镇防保站", kind="township_station", township_code="150425001"))
    db.session.flush()
    foreign = add_record("child", child_data(unit="X01"), captured_by="someone-else")
    db.session.commit()
    auth.login("demo-admin")
    token = auth.csrf("/admin/users/new")
    assert token
    assert client.get(f"/admin/records/{foreign.id}").status_code == 404
    assert client.post(f"/admin/records/{foreign.id}/withdraw", data={"csrf_token": token}).status_code == 404
    db.session.expire_all()
    assert db.session.get(Record, foreign.id).deleted is False


def test_only_an_admin_may_withdraw(auth, client, db, pushed_child):
    _, record_id, _ = pushed_child
    auth.login("demo-county")
    token = auth.csrf("/")
    assert client.post(f"/admin/records/{record_id}/withdraw", data={"csrf_token": token}).status_code == 403
    db.session.expire_all()
    assert db.session.get(Record, record_id).deleted is False
