"""Pure rules about synced records: where a record sits in time, and which dates are impossible.

Plain values in, plain values out: `data` is a record's data as loaded by its schema (dates are `date`,
datetimes are aware `datetime`), `now` is the server's aware time, `offset` the device clock offset
(device − server, seconds; a device time minus the offset is server time), `tz` the county's ZoneInfo.
Errors are {"field.path": [message]} with messages from `msg`, a mapping from rule names to text.
"""

from copy import copy
from datetime import date, datetime, timedelta

from webapp.domain.periods import parse_period, period_of


def local_date(moment: datetime, tz) -> date:
    """The calendar date of an aware datetime in the county's time zone."""
    return moment.astimezone(tz).date()


def case_period(onset_at: datetime, tz, cadence: str) -> str:
    """The zero-report period an AEFI case belongs to: the period of its onset date in the county's zone."""
    return period_of(local_date(onset_at, tz), cadence)


class DateCheck:
    """Collects impossible-date errors for one record."""

    def __init__(self, now: datetime, offset_s: float, tz, tolerance_s: float, msg: dict):
        self.now, self.offset, self.tz, self.msg = now, timedelta(seconds=offset_s), tz, msg
        self.latest = now + timedelta(seconds=tolerance_s)
        self.today = local_date(self.latest, tz)
        self.errors: dict[str, list[str]] = {}

    def fresh(self) -> "DateCheck":
        """A check with the same clock and no errors yet (cheaper than building one per record)."""
        clone = copy(self)
        clone.errors = {}
        return clone

    def add(self, path: str, rule: str) -> None:
        """Record one error."""
        self.errors.setdefault(path, []).append(str(self.msg[rule]))

    def not_future_day(self, path: str, day: date | None) -> None:
        """A date may not lie after today in the county."""
        if day is not None and day > self.today:
            self.add(path, "future")

    def not_future_time(self, path: str, moment: datetime | None) -> None:
        """A device time, corrected by the device's clock offset, may not lie in the future."""
        if moment is not None and moment - self.offset > self.latest:
            self.add(path, "future")

    def ordered(self, path: str, earlier, later, rule: str) -> None:
        """`later` may not come before `earlier` (either may be missing)."""
        if earlier is not None and later is not None and later < earlier:
            self.add(path, rule)


def _child(c: DateCheck, d: dict) -> None:
    c.not_future_day("birth_date", d.get("birth_date"))


def _precheck(c: DateCheck, d: dict) -> None:
    c.not_future_day("visit_date", d.get("visit_date"))


def _consent(c: DateCheck, d: dict) -> None:
    c.not_future_time("signed_at", d.get("signed_at"))


def _vaccination(c: DateCheck, d: dict) -> None:
    c.not_future_day("given_on", d.get("given_on"))


def _aefi_report(c: DateCheck, d: dict) -> None:
    onset, found, reported = d.get("onset_at"), d.get("discovered_at"), d.get("reported_at")
    c.not_future_day("birth_date", d.get("birth_date"))
    for i, vac in enumerate(d.get("vaccines") or []):
        given = vac.get("vaccinated_on")
        c.not_future_day(f"vaccines.{i}.vaccinated_on", given)
        c.ordered(f"vaccines.{i}.vaccinated_on", d.get("birth_date"), given, "before_birth")
        if onset is not None and given is not None and local_date(onset, c.tz) < given:
            c.add("onset_at", "onset_before_vaccination")
    c.ordered("discovered_at", onset, found, "discovered_before_onset")
    c.ordered("reported_at", found, reported, "reported_before_discovered")
    for name in ("onset_at", "discovered_at", "reported_at"):
        c.not_future_time(name, d.get(name))


def _aefi_review(c: DateCheck, d: dict) -> None:
    started, reported = d.get("investigation_started_at"), d.get("investigation_reported_at")
    c.ordered("investigation_reported_at", started, reported, "reported_before_started")
    c.not_future_time("investigation_started_at", started)
    c.not_future_time("investigation_reported_at", reported)


def _zero_report(c: DateCheck, d: dict) -> None:
    c.not_future_time("attested_at", d.get("attested_at"))
    if d.get("period"):
        c.not_future_day("period", parse_period(d["period"]).start)


def _school_check(c: DateCheck, d: dict) -> None:
    c.not_future_day("started_on", d.get("started_on"))


def _student_check(c: DateCheck, d: dict) -> None:
    birth = d.get("birth_date")
    c.not_future_day("birth_date", birth)
    for field in ("doses", "catch_up"):
        for i, dose in enumerate(d.get(field) or []):
            c.not_future_day(f"{field}.{i}.date", dose.get("date"))
            c.ordered(f"{field}.{i}.date", birth, dose.get("date"), "before_birth")
    c.not_future_day("rechecked_on", d.get("rechecked_on"))


def _survey(c: DateCheck, d: dict) -> None:
    c.not_future_day("surveyed_on", d.get("surveyed_on"))
    c.ordered("cohort_to", d.get("cohort_from"), d.get("cohort_to"), "cohort_reversed")


def _survey_child(c: DateCheck, d: dict) -> None:
    birth = d.get("birth_date")
    c.not_future_day("birth_date", birth)
    c.not_future_day("resident_since", d.get("resident_since"))
    c.ordered("resident_since", birth, d.get("resident_since"), "before_birth")
    for i, dose in enumerate(d.get("doses") or []):
        c.not_future_day(f"doses.{i}.date", dose.get("date"))
        c.ordered(f"doses.{i}.date", birth, dose.get("date"), "before_birth")


def _stock_movement(c: DateCheck, d: dict) -> None:
    c.not_future_day("on_date", d.get("on_date"))


def _temperature_reading(c: DateCheck, d: dict) -> None:
    c.not_future_time("read_at", d.get("read_at"))


def _observation(c: DateCheck, d: dict) -> None:
    c.not_future_time("started_at", d.get("started_at"))
    c.not_future_time("ended_at", d.get("ended_at"))
    c.ordered("ended_at", d.get("started_at"), d.get("ended_at"), "ended_before_started")


CHECKS = {"child": _child, "precheck": _precheck, "consent": _consent, "vaccination": _vaccination,
          "aefi_report": _aefi_report, "aefi_review": _aefi_review, "aefi_zero_report": _zero_report,
          "school_check": _school_check, "student_check": _student_check, "survey": _survey,
          "survey_child": _survey_child, "child_merge": lambda c, d: None,  # a merge has no dates of its own
          "stock_movement": _stock_movement, "temperature_reading": _temperature_reading, "observation": _observation}


def impossible_dates(kind: str, data: dict, check: DateCheck) -> dict[str, list[str]]:
    """Errors for dates in the future or out of order in one record of a kind."""
    CHECKS[kind](check, data)
    return check.errors
