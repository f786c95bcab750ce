"""Calendar arithmetic for ages and intervals: ISO-8601 durations `P28D`, `P6M`, `P4Y`.

A month or year is added on the calendar; when the target month has no such day (born 31 January, born
29 February) the age is reached on the last day of that month (民法典 第202条: 没有对应日的，月末日为期间的最后一日).
"""

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

_DURATION = re.compile(r"^P(\d+)([DMY])$")


@lru_cache(maxsize=256)
def parse_duration(text: str) -> tuple[str, int]:
    """`P6M` → ("M", 6); years are kept as months so `P2Y` == `P24M`."""
    match = _DURATION.match(text or "")
    if not match:
        raise ValueError(f"bad duration: {text!r}")
    n, unit = int(match.group(1)), match.group(2)
    return ("M", n * 12) if unit == "Y" else (unit, n)


def add_months(day: date, months: int) -> date:
    """The same day-of-month `months` later, or the month's last day when that day does not exist."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if day.day <= 28:
        return date(year, month + 1, day.day)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def add_duration(day: date, text: str) -> date:
    """`day` plus an ISO duration."""
    unit, n = parse_duration(text)
    return day + timedelta(days=n) if unit == "D" else add_months(day, n)


def parse_date(value) -> date:
    """A `date` or a `YYYY-MM-DD` string as a date (ValueError otherwise)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        raise ValueError("not a YYYY-MM-DD date")
    return date.fromisoformat(value)


def age_parts(birth: date, on: date) -> tuple[int, int, int]:
    """Completed (years, months, days) of age on `on`, by the same calendar rule as `add_months`."""
    months = (on.year - birth.year) * 12 + on.month - birth.month
    while months > 0 and add_months(birth, months) > on:
        months -= 1
    return months // 12, months % 12, (on - add_months(birth, months)).days
