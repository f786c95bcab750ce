"""The month's own facts of a unit, for the 月总结: its monthly report, the registry, AEFI work, schools, entries.

Each fact comes from the measure that computes it elsewhere (domain/metrics: 建证率, first-dose HepB timeliness,
12-month coverage, late entries, schedule errors, consents; services/aefi: cases and their timers; the zero-report
calendar) over the month alone, never from an annual plan's points.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from sqlalchemy import func, select

from webapp.domain.metrics.capture import consent_matching, late_entry
from webapp.domain.metrics.context import Context, own_shots_between
from webapp.domain.metrics.coverage import coverage_12m, schedule_errors
from webapp.domain.metrics.registry import certificate_rate, timely_hepb1
from webapp.domain.periods import parse_period
from webapp.domain.reports.monthly import counted_on
from webapp.domain.schedule.dates import add_months
from webapp.extensions import db
from webapp.models import Record
from webapp.services import county
from webapp.services.aefi.calendar import zero_report_calendar
from webapp.services.aefi.cases import load_cases
from webapp.services.reports.monthly import compute_monthly, registry_children
from webapp.services.scoring.rows import load_rows

OVERDUE_DAYS = 30  # records.md: a dose due more than 30 days before the day is overdue


@dataclass
class MonthFacts:
    """Everything the summary says about one unit's month."""

    unit: str
    month: str
    report: dict
    measures: dict = field(default_factory=dict)      # name → Measure of the month
    children: int = 0                                  # 建卡: live registry children under 7 on the last day
    new_cards: int = 0                                 # registered during the month
    aefi: list = field(default_factory=list)           # the month's cases (onset in the month)
    doses: int = 0                                     # the unit's vaccinations in the month
    open_late: list = field(default_factory=list)      # cases with an overdue open step
    returned: list = field(default_factory=list)       # cases returned to the reporter
    zero_state: str = ""                               # the month's cell of the zero-report calendar
    school: dict = field(default_factory=dict)
    migrant: tuple = (0, 0)                            # (children, doses) given to migrant children
    due_next: tuple = (0, 0)                           # (children due by next month's end, of them overdue today)


def month_facts(user, unit: str, month: str) -> MonthFacts:
    """The facts of `unit`'s `month` as `user` may read them (the month already checked)."""
    period, today = parse_period(month), county.today()
    first, last = period.start, period.last_day
    seen = min(last, today)
    rows = load_rows([unit], first, period.end, {(first, period.end)}, [first - timedelta(days=1), last, seen],
                     today)[unit]
    ctx = Context(first, period.end, today, first, period.end)
    facts = MonthFacts(unit, month, compute_monthly(unit, month))
    facts.measures = {name: fn(rows, ctx) for name, fn in (
        ("certificates", certificate_rate), ("hepb1", timely_hepb1), ("coverage_12m", coverage_12m),
        ("late_entry", late_entry), ("schedule_errors", schedule_errors), ("consents", consent_matching))}
    oldest = add_months(last, -84)
    facts.children = sum(1 for c, birth, _seq in registry_children(unit) if oldest < birth <= last and
                         counted_on(c, last))
    facts.new_cards = sum(1 for c in rows.children if c.registered_on is not None and first <= c.registered_on <= last)
    shots = own_shots_between(rows, first, period.end)
    facts.doses = len(shots)
    migrants = {c.id for c in rows.children if c.residence == "migrant"}
    migrant_shots = [v for v in shots if v.child_id in migrants]
    facts.migrant = (len({v.child_id for v in migrant_shots}), len(migrant_shots))
    facts.due_next = _due_list(rows.cache[("schedule_status", last)], add_months(last, 1), seen)
    _aefi(facts, user, unit, first, period.end)
    facts.school = _school(rows, unit, first, period.end)
    return facts


def _due_list(views, until: date, on: date) -> tuple:
    """(children with an open dose due by `until` within its 12-month window, of them with one overdue on `on`)."""
    if not len(views):
        return 0, 0
    open_due = np.where(views.given == 0, views.due, 0)
    window = (open_due > 0) & (open_due <= until.toordinal()) & (open_due > add_months(on, -12).toordinal())
    overdue = window & (open_due < (on - timedelta(days=OVERDUE_DAYS)).toordinal())
    return int(window.any(axis=1).sum()), int(overdue.any(axis=1).sum())


def _aefi(facts: MonthFacts, user, unit: str, start: date, end: date) -> None:
    cases = load_cases(user, unit=unit)
    facts.aefi = [c for c in cases if start <= c.onset < end]
    facts.open_late = [c for c in cases if c.status != "closed" and
                       any(t.late and not t.done for t in c.timers.values())]
    facts.returned = [c for c in cases if c.status == "returned"]
    calendar = zero_report_calendar(user, facts.month, facts.month)
    cells = [cell for row in calendar["units"] if row["unit"] == unit for cell in row["cells"]]
    states = {cell.state for cell in cells}
    facts.zero_state = next((s for s in ("contradicted", "silent", "open", "cases", "zero") if s in states), "")


def _school(rows, unit: str, start: date, end: date) -> dict:
    """Check batches and students of the month, students referred to the unit still awaiting catch-up, and the
    unit's catch-up doses of the month."""
    referred = db.session.execute(select(Record.data).where(
        Record.kind == "student_check", Record.deleted.is_(False), Record.referral_unit == unit)).scalars().all()
    catch_up = db.session.execute(select(func.count()).select_from(Record).where(
        Record.kind == "vaccination", Record.deleted.is_(False), Record.unit_code == unit,
        Record.event_date >= start, Record.event_date < end,
        Record.data["strategy"].as_string() == "catch_up")).scalar_one()
    return {"batches": len(rows.school_checks), "students": len(rows.student_checks),
            "awaiting": sum(1 for d in referred if (d or {}).get("catch_up_status") in ("pending", "partial")),
            "catch_up_doses": catch_up}
