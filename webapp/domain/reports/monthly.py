"""常规免疫接种情况月报 (records.md "County reads"): 应种/实种 per village and dose group of one unit's month.

A child counted here is a registry child of the unit, `active` or `temporary` on the month's last day (E).
For a dose group it is due (应种) when the dose fell due (schedule engine, version in force) on or before E,
with no counted dose before the month's first day (S), and its due day is at most 12 months before S; it is
given (实种) when the engine counted its dose on a day of the month. The engine's view on E says which dose
is counted and when, and the due day of a still open dose; the view on S − 1 keeps the due day of a dose that
was open then and given during the month (a dose neither open nor counted on S − 1 fell due in the month).
"""

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from webapp.domain.metrics.dose_views import GROUP_INDEX, LABELS, DayViews
from webapp.domain.schedule.dates import add_months

COUNTED_STATUSES = ("active", "temporary")
GROUPS = tuple(LABELS)


@dataclass(frozen=True)
class ReportChild:
    """A registry child as the report reads it."""

    id: str
    village_code: str | None
    migrant: bool
    status: str = "active"
    status_on: date | None = None


def counted_on(child: ReportChild, last_day: date) -> bool:
    """The child is in the unit's registry (`active` or `temporary`) on `last_day`."""
    if child.status in COUNTED_STATUSES or child.status_on is None:
        return True
    return child.status_on > last_day  # moved out or died after the month: still in the registry that day


def due_and_given(ids: list, before: DayViews, at_end: DayViews, first: date, last: date) -> tuple:
    """(due, given): boolean matrices children × dose groups, for the children `ids` (all in `at_end`)."""
    rows = at_end.rows_of(ids)
    given_day, open_due = at_end.given[rows], at_end.due[rows]
    prior_due = np.zeros_like(open_due)
    for i, child_id in enumerate(ids):
        if child_id in before:
            prior_due[i] = before.due[before.row[child_id]]
    start, end, floor = first.toordinal(), last.toordinal(), add_months(first, -12).toordinal()
    in_month = (given_day >= start) & (given_day <= end)
    due_day = np.where(in_month, np.where(prior_due > 0, prior_due, start), open_due)
    due = (in_month | ((given_day == 0) & (open_due > 0))) & (due_day >= floor) & (due_day <= end)
    return due, due & in_month


def rate(due: int, given: int) -> float | None:
    """实种/应种 in percent, one decimal; None when nothing was due."""
    return round(100.0 * given / due, 1) if due else None


def monthly_report(children: list[ReportChild], before: DayViews, at_end: DayViews, first: date) -> dict:
    """The report's `rows` (village × group) and `totals` (group), as records.md shapes them."""
    last = _month_end(first)
    kept = [c for c in children if counted_on(c, last) and c.id in at_end]
    due, given = due_and_given([c.id for c in kept], before, at_end, first, last)
    migrant = np.array([c.migrant for c in kept], dtype=bool)
    villages = sorted({c.village_code for c in kept}, key=lambda v: (v is None, v or ""))
    rows = []
    for village in villages:
        here = np.array([c.village_code == village for c in kept], dtype=bool)
        for group, g in GROUP_INDEX.items():
            rows.append({"village_code": village, "group": group, "due": int(due[here, g].sum()),
                         "given": int(given[here, g].sum()), "migrant_due": int(due[here & migrant, g].sum()),
                         "migrant_given": int(given[here & migrant, g].sum())})
    totals = [{"group": group, "due": int(due[:, g].sum()), "given": int(given[:, g].sum()),
               "rate": rate(int(due[:, g].sum()), int(given[:, g].sum()))} for group, g in GROUP_INDEX.items()]
    return {"rows": rows, "totals": totals}


def _month_end(first: date) -> date:
    return add_months(first, 1) - timedelta(days=1)
