"""Append to the audit log."""

from webapp.extensions import db
from webapp.models import AuditEvent


def record_audit(actor, action, object_kind, object_id, before=None, after=None, scope_code=None):
    """Insert one audit event and flush."""
    name = getattr(actor, "username", None) or str(actor)
    event = AuditEvent(actor=name, action=action, object_kind=object_kind, object_id=str(object_id),
                       before=before, after=after, scope_code=scope_code)
    db.session.add(event)
    db.session.flush()
    return event
