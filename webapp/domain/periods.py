"""Reporting periods: year `2026`, half `2026-H1`, quarter `2026-Q3`, month `2026-11`, ISO week `2026-W47`,
dekad (旬) `2026-11-D2` (D1 = days 1–10, D2 = 11–20, D3 = 21 to month end). End dates are exclusive.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

CADENCES = ("weekly", "dekad", "monthly", "quarterly")
_PATTERNS = [
    ("week", re.compile(r"^(\d{4})-W(\d{2})$")),
    ("dekad", re.compile(r"^(\d{4})-(\d{2})-D([123])$")),
    ("half", re.compile(r"^(\d{4})-H([12])$")),
    ("quarter", re.compile(r"^(\d{4})-Q([1-4])$")),
    ("month", re.compile(r"^(\d{4})-(\d{2})$")),
    ("year", re.compile(r"^(\d{4})$")),
]


@dataclass(frozen=True)
class Period:
    """A named span of days [start, end)."""

    name: str
    kind: str
    start: date
    end: date

    def __contains__(self, day: date) -> bool:
        return self.start <= day < self.end

    @property
    def last_day(self) -> date:
        """The last day inside the period."""
        return self.end - timedelta(days=1)


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


FIRST_YEAR, LAST_YEAR = 1000, 9999


def parse_year(text) -> int:
    """A four-digit year (1000–9999) from text; ValueError for anything else (`20266` is a typo, not a year)."""
    value = str(text or "").strip()
    if not (value.isdigit() and len(value) == 4 and FIRST_YEAR <= int(value) <= LAST_YEAR):
        raise ValueError(f"not a year: {value[:12]!r}")
    return int(value)


def parse_day(text) -> date:
    """A date YYYY-MM-DD in a four-digit year (1000–9999); ValueError (or TypeError) for anything else."""
    day = date.fromisoformat(text)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"year out of range: {day.year}")
    return day


def parse_period(name: str) -> Period:
    """Parse a period name; raises ValueError on anything else."""
    for kind, pattern in _PATTERNS:
        match = pattern.match(name or "")
        if match:
            start, end = _BOUNDS[kind](*(int(g) for g in match.groups()))
            return Period(name, kind, start, end)
    raise ValueError(f"unknown period: {name!r}")


def _week(year, week):
    start = date.fromisocalendar(year, week, 1)
    return start, start + timedelta(days=7)


def _dekad(year, month, part):
    if not 1 <= month <= 12:
        raise ValueError("month out of range")
    start = date(year, month, 1 + 10 * (part - 1))
    end = date(year, month, 11 + 10 * (part - 1)) if part < 3 else _month_start(year, month + 1)
    return start, end


def _month(year, month):
    if not 1 <= month <= 12:
        raise ValueError("month out of range")
    return date(year, month, 1), _month_start(year, month + 1)


_BOUNDS = {
    "week": _week,
    "dekad": _dekad,
    "half": lambda y, h: (date(y, 6 * h - 5, 1), _month_start(y, 6 * h + 1)),
    "quarter": lambda y, q: (date(y, 3 * q - 2, 1), _month_start(y, 3 * q + 1)),
    "month": _month,
    "year": lambda y: (date(y, 1, 1), date(y + 1, 1, 1)),
}


def period_of(day: date, cadence: str) -> str:
    """The name of the period of a cadence that contains a day."""
    if cadence == "weekly":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if cadence == "dekad":
        return f"{day.year}-{day.month:02d}-D{min(3, (day.day - 1) // 10 + 1)}"
    if cadence == "monthly":
        return f"{day.year}-{day.month:02d}"
    if cadence == "quarterly":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    raise ValueError(f"unknown cadence: {cadence!r}")


def periods_between(first: date, last: date, cadence: str) -> list[Period]:
    """Every period of a cadence that overlaps [first, last], in order."""
    out, day = [], first
    while day <= last:
        period = parse_period(period_of(day, cadence))
        out.append(period)
        day = period.end
    return out


def cadence_of(name: str) -> str:
    """The cadence a zero-report period name belongs to."""
    kind = parse_period(name).kind
    return {"week": "weekly", "dekad": "dekad", "month": "monthly", "quarter": "quarterly"}.get(kind, kind)
