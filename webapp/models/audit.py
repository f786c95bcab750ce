"""The append-only audit log: who did what, when, with the before and after state."""

from datetime import datetime

from sqlalchemy import String, event
from sqlalchemy.orm import Mapped, mapped_column

from webapp.dbtypes import PortableJSON, UTCDateTime, utcnow
from webapp.extensions import db


class AuditEvent(db.Model):
    """One audited action; rows are only ever inserted."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(64), index=True)
    object_kind: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(64))
    scope_code: Mapped[str | None] = mapped_column(String(32), default=None, index=True)
    before: Mapped[dict | None] = mapped_column(PortableJSON, default=None)
    after: Mapped[dict | None] = mapped_column(PortableJSON, default=None)


class AuditLogIsAppendOnly(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_change(_mapper, _connection, target):
    """The ORM never updates or deletes an audit event (the database refuses too: migration 0007)."""
    raise AuditLogIsAppendOnly(f"audit event {target.id} is append-only")
