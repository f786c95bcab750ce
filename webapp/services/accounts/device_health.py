"""Device and data-flow health: per device and nurse, from the device tokens the sync pipeline updates."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import DeviceToken
from webapp.services.admin.queries import county_users
from webapp.services.scope import county_code_for


@dataclass(frozen=True)
class DeviceRow:
    """One device × user line."""

    token: DeviceToken
    silent: bool
    silent_days: int | None


def device_rows(user, now: datetime, silent_after_days: int) -> list[DeviceRow]:
    """Active device tokens of the user's county, the least recently synced first."""
    users = {u.id: u for u in county_users(county_code_for(user))}
    tokens = db.session.execute(select(DeviceToken).where(DeviceToken.user_id.in_(list(users)),
                                                          DeviceToken.revoked_at.is_(None))).scalars().all()
    rows = [_row(t, now, silent_after_days) for t in tokens]
    return sorted(rows, key=lambda r: (r.token.last_sync_at is not None, r.token.last_sync_at or now))


def _row(token, now, silent_after_days) -> DeviceRow:
    last = token.last_sync_at or token.created_at
    days = (now - last) // timedelta(days=1)
    return DeviceRow(token, days > silent_after_days or token.last_sync_at is None and days >= 1, days)
