"""Read the audit log for an admin: events inside the admin's county, filtered by who, what, object and dates."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import or_, select

from webapp.extensions import db
from webapp.models import AuditEvent
from webapp.services import county
from webapp.services.admin.queries import county_users
from webapp.services.scope import schools_of_county, units_of_county

PAGE_SIZE = 100


@dataclass
class AuditFilter:
    """What the admin asked for; empty fields do not filter."""

    actor: str = ""
    action: str = ""
    object_kind: str = ""
    object_id: str = ""
    date_from: date | None = None
    date_to: date | None = None


def county_scope_codes(county: str) -> list[str]:
    """The county code and every unit and school code inside it."""
    return [county, *units_of_county(county), *schools_of_county(county)]


def search_audit(county: str, wanted: AuditFilter, page: int = 1) -> tuple[list[AuditEvent], bool]:
    """One page of the county's audit events, newest first, and whether there is another page."""
    users = [u.username for u in county_users(county)]
    query = select(AuditEvent).where(or_(AuditEvent.scope_code.in_(county_scope_codes(county)),
                                         AuditEvent.actor.in_(users)))
    query = _apply_filter(query, wanted)
    query = query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    rows = list(db.session.execute(query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)).scalars())
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def _apply_filter(query, wanted: AuditFilter):
    if wanted.actor:
        query = query.where(AuditEvent.actor == wanted.actor.strip())
    if wanted.action:
        query = query.where(AuditEvent.action.startswith(wanted.action.strip(), autoescape=True))
    if wanted.object_kind:
        query = query.where(AuditEvent.object_kind == wanted.object_kind.strip())
    if wanted.object_id:
        query = query.where(AuditEvent.object_id == wanted.object_id.strip())
    if wanted.date_from:
        query = query.where(AuditEvent.at >= _local_midnight(wanted.date_from))
    if wanted.date_to:
        query = query.where(AuditEvent.at < _local_midnight(wanted.date_to + timedelta(days=1)))
    return query


def _local_midnight(day: date) -> datetime:
    """The start of a calendar day in the county's time zone (dates on the page are local dates)."""
    return datetime.combine(day, time.min, tzinfo=county.zone())
