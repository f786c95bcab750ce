"""What every metric gets: one unit's rows and the assessment context (period, sampled month, sampled children)."""

from dataclasses import dataclass, field
from datetime import date, timedelta


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
    cache: dict = field(default_factory=dict)


@dataclass
class Context:
    """The period [start, end) being assessed, today's date, the sampled month and the sampled children."""

    start: date
    end: date
    today: date
    sample_start: date | None = None
    sample_end: date | None = None
    sample_children: tuple = ()

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


def blank(value) -> bool:
    """A QC field counts as missing when absent, null or only whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())
