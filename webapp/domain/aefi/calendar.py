"""The zero-report calendar: for each unit and period, cases (n) / zero / silent / contradicted / open.

A case belongs to the period of its onset in the county's time zone. A zero report for a period in which a
case was reported (a case that synced after the attestation) is `contradicted`. A period that has not
ended yet, with nothing in it, is `open`. A zero report attested after the period's deadline (its end plus
a grace of some days) is marked late.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from webapp.domain.periods import Period

CASES, ZERO, SILENT, CONTRADICTED, OPEN = "cases", "zero", "silent", "contradicted", "open"


@dataclass(frozen=True)
class ZeroReport:
    """One zero report: its record id and the county day it was attested."""

    id: str
    attested_on: date


@dataclass(frozen=True)
class Cell:
    """One unit × period cell of the calendar."""

    period: str
    state: str
    cases: int = 0
    case_ids: tuple[str, ...] = ()
    zero_report_id: str | None = None
    late_attestation: bool = False


def cell_state(period: Period, case_ids, zero: ZeroReport | None, today: date, grace_days: int = 5) -> Cell:
    """The state of one cell."""
    case_ids = tuple(case_ids)
    late = zero is not None and zero.attested_on > period.last_day + timedelta(days=grace_days)
    zero_id = zero.id if zero else None
    if case_ids and zero:
        return Cell(period.name, CONTRADICTED, len(case_ids), case_ids, zero_id, late)
    if case_ids:
        return Cell(period.name, CASES, len(case_ids), case_ids)
    if zero:
        return Cell(period.name, ZERO, 0, (), zero_id, late)
    return Cell(period.name, OPEN if today < period.end else SILENT)


def unit_row(periods: list[Period], cases_by_period: dict, zeros_by_period: dict, today: date,
             grace_days: int = 5) -> list[Cell]:
    """One unit's cells over the periods; cases_by_period maps a period name to case ids."""
    return [cell_state(p, cases_by_period.get(p.name, ()), zeros_by_period.get(p.name), today, grace_days)
            for p in periods]
