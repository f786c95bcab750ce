"""Measles-containing vaccines (MMR, MR, MV): needs by birth cohort, counted per component.

Doses before 8 months never count. The cohort's needs say how many measles, mumps and rubella doses a
child must have from each age; the gap is filled with MMR, 28 days apart.
"""

from datetime import date

from webapp.domain.schedule.context import Ctx, Need, SeriesResult
from webapp.domain.schedule.matching import check_slot

COMPONENTS = ("measles", "mumps", "rubella")


def _cohort(ctx: Ctx, series: dict) -> dict:
    for cohort in series["cohorts"]:
        born_from = ctx.version.value(cohort["born_from"])
        if born_from is None or ctx.birth >= date.fromisoformat(born_from):
            return cohort
    return series["cohorts"][-1]


def _gap(need: dict, have: dict) -> int:
    return max([0] + [need[c] - have[c] for c in COMPONENTS if c in need])


# id(series definition) → (it, its slot, it with the MCV too-young message): built once, not for every dose
_VIEWS: dict[int, tuple] = {}


def _slot_view(series: dict) -> tuple[dict, dict]:
    """The single slot an MCV dose is judged by, and the series as check_slot sees it."""
    view = _VIEWS.get(id(series))
    if view is None or view[0] is not series:  # the entry keeps its series alive, so an id is not reused
        if len(_VIEWS) >= 64:
            _VIEWS.clear()
        slot = {"min_age": series["min_age"], "interval": series["interval"], "offer": series["offer"]}
        view = _VIEWS[id(series)] = (series, slot, {**series, "too_young": "mcv_too_young"})
    return view[1], view[2]


def _count(ctx: Ctx, result: SeriesResult, doses: list) -> None:
    for dose in doses:
        slot, checked = _slot_view(ctx.series_at(dose.date, result.code))
        reason = check_slot(ctx, checked, slot, dose, result.counted)
        if reason:
            result.rejected.append((dose, reason))
        else:
            result.counted.append(dose)


def mcv(ctx: Ctx, series: dict, doses: list) -> SeriesResult:
    """Count valid measles-containing doses and list the MMR doses still needed, with their due dates."""
    result = SeriesResult(series["code"])
    _count(ctx, result, doses)
    have = {c: 0 for c in COMPONENTS}
    for dose in result.counted:
        for component in ctx.version.vaccines[dose.vaccine]["components"]:
            have[component] += 1
    steps = [(ctx.age_date(step["age"]), _gap(step, have)) for step in _cohort(ctx, series)["needs"]]
    prev = result.counted[-1].date if result.counted else None
    for i in range(1, max(gap for _, gap in steps) + 1):
        due = min(day for day, gap in steps if gap >= i)
        if prev is not None:
            due = max(due, ctx.add(prev, series["interval"]))
        number = len(result.counted) + i
        deadline = series["deadlines"][number - 1] if number <= len(series["deadlines"]) else None
        result.needs.append(Need(result.code, number, series["offer"], due, deadline))
        prev = due
    return result
