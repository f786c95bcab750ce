"""Device times: parse ISO datetimes with offsets, correct a device clock's skew, place a time in the county."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo


def parse_dt(value: str | None) -> datetime | None:
    """An ISO 8601 datetime with offset, as an aware datetime; a naive value is refused."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"datetime without offset: {value!r}")
    return parsed


def corrected(device_time: datetime | None, skew: timedelta) -> datetime | None:
    """A device-stamped time minus the device clock's skew (captured_at − corrected_at), in UTC."""
    if device_time is None:
        return None
    return (device_time - skew).astimezone(UTC)


def county_date(moment: datetime, tz_name: str) -> date:
    """The calendar day of a moment in the county's time zone."""
    return moment.astimezone(ZoneInfo(tz_name)).date()


def county_today(now: datetime, tz_name: str) -> date:
    """Today in the county."""
    return county_date(now, tz_name)


def county_minute(moment: datetime, tz_name: str) -> str:
    """A moment as the county's clock reads it, to the minute (`2026-11-21 09:30`)."""
    return moment.astimezone(ZoneInfo(tz_name)).strftime("%Y-%m-%d %H:%M")
