"""The audit log is append-only: the ORM refuses changes and deletions, and so does the database."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from webapp.models import AuditEvent
from webapp.models.audit import AuditLogIsAppendOnly
from webapp.services.audit import record_audit


@pytest.fixture
def event(db):
    row = record_audit("demo-admin", "user.update", "user", 7, before={"role": "nurse"}, after={"role": "county"},
                       scope_code="150424")
    db.session.commit()
    return row


def test_an_audit_event_keeps_who_what_before_and_after(db, event):
    db.session.expire_all()
    stored = db.session.get(AuditEvent, event.id)
    assert (stored.actor, stored.action, stored.object_kind, stored.object_id) == ("demo-admin", "user.update",
                                                                                   "user", "7")
    assert stored.before == {"role": "nurse"} and stored.after == {"role": "county"} and stored.at is not None


def test_the_orm_refuses_to_update_an_audit_event(db, event):
    event.action = "user.nothing"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    assert db.session.get(AuditEvent, event.id).action == "user.update"


def test_the_orm_refuses_to_delete_an_audit_event(db, event):
    db.session.delete(event)
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    assert db.session.get(AuditEvent, event.id) is not None


def test_the_database_refuses_a_raw_update(db, event):
    with pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(text("UPDATE audit_events SET actor = 'someone-else' WHERE id = :id"), {"id": event.id})
    db.session.rollback()
    assert db.session.execute(text("SELECT actor FROM audit_events")).scalar_one() == "demo-admin"


def test_postgresql_refuses_a_raw_delete(db, event):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite keeps DELETE for the test fixtures; the app has no delete path and the ORM refuses one")
    with pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": event.id})
    db.session.rollback()
    assert db.session.execute(text("SELECT count(*) FROM audit_events")).scalar_one() == 1
