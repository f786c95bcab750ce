"""Rejected push items are audited (who, device, which fields) without the submitted values."""

from tests.factories import child_data, push_item
from tests.sync_client import sync as sync_fixture
from webapp.models import AuditEvent

sync = sync_fixture  # the fixture, for the tests below


def test_a_rejected_item_leaves_an_audit_event_naming_the_fields(sync, db):
    bad = push_item("child", child_data(sex="X", name="李秘密"))
    good = push_item("child", child_data())
    assert sync.statuses([bad, good]) == ["rejected", "created"]
    db.session.expire_all()
    events = db.session.query(AuditEvent).filter_by(action="sync.reject").all()
    assert [(e.actor, e.object_kind, e.object_id, e.scope_code) for e in events] == [
        ("demo-nurse", "child", bad["id"], "U01")]
    assert events[0].after["device_id"] == "dev-1" and "sex" in events[0].after["errors"]
    assert "李秘密" not in str(events[0].after)


def test_accepted_items_leave_no_rejection_event(sync, db):
    sync.statuses([push_item("child", child_data())])
    db.session.expire_all()
    assert db.session.query(AuditEvent).filter_by(action="sync.reject").count() == 0
