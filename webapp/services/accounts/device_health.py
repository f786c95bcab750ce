"""Device and data-flow health: per device and nurse, from the device tokens the sync pipeline updates; each device
named by the person who uses it and what it is ("张护士 · Android · Chrome 120"), never its raw user-agent string."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from webapp.domain.devices import device_label as _label
from webapp.extensions import db
from webapp.models import DeviceToken
from webapp.services.admin.queries import county_users, scope_names
from webapp.services.scope import county_code_for


@dataclass(frozen=True)
class DeviceRow:
    """One device × user line."""

    token: DeviceToken
    silent: bool
    silent_days: int | None
    label: str = ""
    place: str = ""  # the unit, school or county of the device's user, by name


def device_rows(user, now: datetime, silent_after_days: int) -> list[DeviceRow]:
    """Active device tokens of the user's county, the least recently synced first."""
    users = {u.id: u for u in county_users(county_code_for(user))}
    tokens = db.session.execute(select(DeviceToken).where(DeviceToken.user_id.in_(list(users)),
                                                          DeviceToken.revoked_at.is_(None))).scalars().all()
    names = scope_names(county_code_for(user))
    rows = [_row(t, now, silent_after_days, names) for t in tokens]
    return sorted(rows, key=lambda r: (r.token.last_sync_at is not None, r.token.last_sync_at or now))


def _row(token, now, silent_after_days, names) -> DeviceRow:
    last = token.last_sync_at or token.created_at
    days = (now - last) // timedelta(days=1)
    return DeviceRow(token, days > silent_after_days or token.last_sync_at is None and days >= 1, days,
                     device_label(token), names.get(token.user.scope_code, token.user.scope_code))


def device_label(token: DeviceToken) -> str:
    """The device named by its user and what it is: "张护士 · Android · Chrome 120"."""
    person = token.user.display_name or token.user.username
    return _label(person, token.device_name, token.device_id)


def county_devices(county: str) -> list[tuple[DeviceToken, str]]:
    """Every device token of the county's users (revoked ones too), newest first, each with its label."""
    ids = [u.id for u in county_users(county)]
    tokens = db.session.execute(select(DeviceToken).where(DeviceToken.user_id.in_(ids))
                                .order_by(DeviceToken.created_at.desc())).scalars().all()
    return [(t, device_label(t)) for t in tokens]
