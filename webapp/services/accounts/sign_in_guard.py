"""The owner hears of attacks on the account: a throttled account is audited, and told at its next sign-in."""

from datetime import timedelta

from sqlalchemy import func, select

from webapp.dbtypes import utcnow
from webapp.extensions import db
from webapp.models import AuditEvent
from webapp.services.accounts.users import find_user
from webapp.services.audit import record_audit

THROTTLED = "auth.sign_in_throttled"
TOLD = "auth.throttle_notice_shown"


def _latest(action: str, user_id: int):
    return db.session.execute(select(func.max(AuditEvent.at)).where(
        AuditEvent.action == action, AuditEvent.object_kind == "user",
        AuditEvent.object_id == str(user_id))).scalar_one_or_none()


def note_throttled(username: str, address: str) -> None:
    """Audit that sign-ins to an existing account were refused for too many failures (at most once an hour)."""
    user = find_user(username)
    if user is None:
        return
    last = _latest(THROTTLED, user.id)
    if last is not None and last > utcnow() - timedelta(hours=1):
        return
    record_audit("system", THROTTLED, "user", user.id, after={"address": address}, scope_code=user.scope_code)


def throttle_notices(user) -> int:
    """How many throttled hours the owner has not been told of yet; telling them is audited."""
    told = _latest(TOLD, user.id)
    query = select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == THROTTLED, AuditEvent.object_kind == "user", AuditEvent.object_id == str(user.id))
    if told is not None:
        query = query.where(AuditEvent.at > told)
    count = db.session.execute(query).scalar_one()
    if count:
        record_audit(user, TOLD, "user", user.id, after={"throttled": count}, scope_code=user.scope_code)
    return count
