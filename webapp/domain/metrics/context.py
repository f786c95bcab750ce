"""What every metric gets: one unit's rows and the assessment context (period, sampled month, sampled children)."""

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

ZERO_LOOKBACK_DAYS = 92  # zero reports read from this many days before 1 January (a quarter's report covers it)


@dataclass
class UnitRows:
    """One unit's rows, each any object with the attributes its metric documents (SQL rows, namespaces)."""

    unit_code: str
    children: list = field(default_factory=list)
    vaccinations: list = field(default_factory=list)
    prechecks: list = field(default_factory=list)
    consents: list = field(default_factory=list)
    aefi_reports: list = field(default_factory=list)
    zero_reports: list = field(default_factory=list)
    school_checks: list = field(default_factory=list)
    student_checks: list = field(default_factory=list)
    schools: list = field(default_factory=list)
    surveys: list = field(default_factory=list)
    stock: list = field(default_factory=list)
    readings: list = field(default_factory=list)
    equipment: list = field(default_factory=list)
    cache: dict = field(default_factory=dict)
    # False when `vaccinations` holds only the unit's own doses of the period: the schedule views of the registry
    # children are then supplied in `cache` by the caller (services/scoring/schedule_statuses.py), never derived here.
    full_history: bool = True


@dataclass
class Context:
    """The period [start, end) being assessed, today's date, the sampled month and the sampled children."""

    start: date
    end: date
    today: date
    sample_start: date | None = None
    sample_end: date | None = None
    sample_children: tuple = ()
    utc_offset: timedelta = timedelta(hours=8)
    cadence: str = "monthly"  # the county's AEFI zero-report cadence: weekly, dekad, monthly or quarterly

    @property
    def last_day(self) -> date:
        """The period's last day (or today, when the period has not ended)."""
        return min(self.end - timedelta(days=1), self.today)

    def in_period(self, day) -> bool:
        """The day falls inside the period."""
        return day is not None and self.start <= day < self.end

    def in_sample_month(self, day) -> bool:
        """The day falls inside the sampled month."""
        return day is not None and self.sample_start is not None and self.sample_start <= day < self.sample_end


def span(name: str, ctx: Context) -> tuple[date | None, date | None]:
    """The event dates [from, to) of a source's records that a metric reads (SPANS names; None: unbounded)."""
    if name == "period":
        return ctx.start, ctx.end
    if name == "sample" and ctx.sample_start is not None:
        return ctx.sample_start, ctx.sample_end
    if name == "to_last_day":
        return None, ctx.last_day + timedelta(days=1)
    if name == "aefi_year":
        return date(ctx.start.year, 1, 1), ctx.end
    if name == "zero_year":
        return date(ctx.start.year, 1, 1) - timedelta(days=ZERO_LOOKBACK_DAYS), ctx.end
    return None, None


def own_shots_between(rows: UnitRows, start: date | None, end: date | None) -> list:
    """The unit's own vaccinations with start ≤ given_on < end (sorted once per unit's rows, then bisected)."""
    if "own_shots" not in rows.cache:
        own = sorted((v for v in rows.vaccinations if v.unit_code == rows.unit_code), key=lambda v: v.given_on)
        rows.cache["own_shots"] = (own, [v.given_on for v in own])
    own, days = rows.cache["own_shots"]
    if start is None or end is None:
        return []
    return own[bisect_left(days, start):bisect_left(days, end)]


def county_day(moment: datetime | None, offset: timedelta) -> date | None:
    """The county day of a UTC moment (naive values are UTC, as SQLite returns them)."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return (moment + offset).date()


GONE = ("moved_out", "deceased")


def counted_on(child, day) -> bool:
    """The child is in the unit's denominators on `day`: not moved out or deceased by then (records.md `status`)."""
    return not (getattr(child, "status", "active") in GONE
                and (getattr(child, "status_on", None) is None or child.status_on <= day))


def temporary(child) -> bool:
    """A child vaccinated here only (临时接种): counts where a dose was given, never where one is missing."""
    return getattr(child, "status", "active") == "temporary"


def resident_from(child):
    """The day the child's residence counts from: `resident_since`, else the birth date for a local child and the
    first capture for a migrant one."""
    since = getattr(child, "resident_since", None)
    if since is not None:
        return since
    return child.registered_on if child.residence == "migrant" else child.birth_date


def blank(value) -> bool:
    """A QC field counts as missing when absent, null or only whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())
