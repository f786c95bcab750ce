"""Generic series logic: match documented doses to dose slots, then chain the due dates of the rest.

A slot is `{"min_age", "due_age"?, "interval"?, "after_first"?, "offer", "deadline"?}`. A dose counts for the
next open slot when it meets that slot's minimum age and its interval from the previous counted dose,
judged by the schedule version in force on the day it was given; otherwise it is not counted, with a reason.
Catch-up never restarts a series: only the open slots remain.
"""

from datetime import date

from webapp.domain.schedule.book import remember
from webapp.domain.schedule.context import Ctx, Dose, Need, SeriesResult


def check_slot(ctx: Ctx, series: dict, slot: dict, dose: Dose, counted: list, interval=None,
               verified=None) -> str | None:
    """Why `dose` cannot fill `slot` (a message), or None when it counts.

    In a lenient evaluation an interval that is a [GK] setting is waived (Ctx.waive); `verified` is then the
    interval it stood in for (a catch-up interval replacing the routine one), still checked.
    """
    day, version = dose.date, ctx.version_at(dose.date)
    min_age, until = slot.get("min_age"), series.get("until")
    if min_age is not None and day < ctx.age_date(min_age, version):
        return ctx.text(series.get("too_young", "too_young"), vaccine_name=ctx.vaccine_name(dose.vaccine),
                        dose=len(counted) + 1, min_age=ctx.duration_text(version.value(min_age), "age"))
    if until and day >= ctx.age_date(until, version):
        return ctx.text("too_old", vaccine_name=ctx.vaccine_name(dose.vaccine),
                        max_age=ctx.duration_text(version.value(until), "age"))
    if not counted:
        return None
    interval, after_first = interval or slot.get("interval"), slot.get("after_first")
    if interval and day < ctx.add(counted[-1].date, interval, version):
        reason = _too_soon(ctx, "too_soon", dose, counted, counted[-1], interval, version)
        if not ctx.waive(interval, dose, reason):
            return reason
        if verified and verified != interval and day < ctx.add(counted[-1].date, verified, version) \
                and not ctx.waive(verified, dose, reason):
            return _too_soon(ctx, "too_soon", dose, counted, counted[-1], verified, version)
    if after_first and day < ctx.add(counted[0].date, after_first, version):
        reason = _too_soon(ctx, "too_soon_first", dose, counted, counted[0], after_first, version)
        if not ctx.waive(after_first, dose, reason):
            return reason
    return None


def _too_soon(ctx: Ctx, key: str, dose: Dose, counted: list, prev: Dose, interval, version) -> str:
    return ctx.text(key, vaccine_name=ctx.vaccine_name(dose.vaccine), dose=len(counted) + 1,
                    prev_date=prev.date.isoformat(), interval=ctx.duration_text(version.value(interval), "interval"))


def match(ctx: Ctx, result: SeriesResult, doses: list[Dose], slots_for, check=None) -> None:
    """Fill slots in date order; `slots_for(dose)` gives (series definition, slots) in force for that dose."""
    check, counted = check or check_slot, result.counted
    for dose in doses:
        series, slots = slots_for(dose)
        if len(counted) >= len(slots):
            result.notes.append(ctx.text("extra_dose", series_name=ctx.series_name(result.code),
                                         vaccine_name=ctx.vaccine_name(dose.vaccine), date=dose.date.isoformat()))
            continue
        reason = check(ctx, series, slots[len(counted)], dose, counted)
        if reason:
            result.rejected.append((dose, reason))
        else:
            counted.append(dose)


def _slot_age(slot: dict) -> str:
    return slot.get("due_age") or slot.get("min_age") or "P0D"


def slots_of(series: dict, track: str | None) -> list:
    """A series' dose slots, or those of one of its product tracks (JE-L, HepA-I, ...)."""
    return series["doses"] if track is None else series["tracks"][track]


def due_by_age(ctx: Ctx, code: str, k: int, track: str | None = None) -> date:
    """The first day on which the schedule in force makes slot `k` due by age.

    Across a schedule change the answer is the earliest day d with d ≥ birth + age(slot k in the version in
    force on d): DTaP dose 3 of a child born 2024-06-01 was due at 5 months (2024-11-01) under the 2021 rules.
    """
    if not ctx.plain:
        return _due_by_age(ctx, code, k, track)
    # with the book's own versions the answer depends only on the birth date, shared by many children
    # (the version in force on `on` is in the key for the rare fallback at the end of _due_by_age)
    key = (ctx.version.id, code, k, track)
    by_birth = ctx.book.due.get(key)
    if by_birth is None:
        by_birth = remember(ctx.book.due, key, {})
    day = by_birth.get(ctx.birth)
    return day if day is not None else remember(by_birth, ctx.birth, _due_by_age(ctx, code, k, track))


def _due_by_age(ctx: Ctx, code: str, k: int, track: str | None) -> date:
    if ctx.pinned:
        return _own_due_age(ctx, code, k, track)
    versions, best = ctx.book.versions, None
    for i, raw in enumerate(versions):
        version = ctx.version_at(raw.effective_from) if i else ctx.version_at(date.min)
        slots = slots_of(version.series_by_code[code], track)
        if k >= len(slots):
            continue
        day = ctx.age_date(_slot_age(slots[k]), version)
        day = max(day, raw.effective_from) if i else day
        if i + 1 < len(versions) and day >= versions[i + 1].effective_from:
            continue
        best = day if best is None else min(best, day)
    return best if best is not None else _own_due_age(ctx, code, k, track)


def _own_due_age(ctx: Ctx, code: str, k: int, track: str | None) -> date:
    """Slot `k`'s age in the evaluation's own version."""
    return ctx.age_date(_slot_age(slots_of(ctx.version.series_by_code[code], track)[k]))


def chain(ctx: Ctx, code: str, slots: list, counted: list, stop: int | None = None, interval_for=None,
          track: str | None = None) -> list[Need]:
    """Needs for the open slots up to `stop`, each due at its age and after the previous dose's interval."""
    if len(counted) >= len(slots):  # complete: nothing open (most series of most children)
        return []
    prev = counted[-1].date if counted else None
    first = counted[0].date if counted else None
    needs = []
    for k in range(len(counted), min(len(slots) if stop is None else stop, len(slots))):
        slot = slots[k]
        due = due_by_age(ctx, code, k, track)
        normal, after_first = slot.get("interval"), slot.get("after_first")
        if prev is not None and normal:
            interval = interval_for(k, due, prev) if interval_for else normal
            due = max(due, ctx.add(prev, interval))
        if first is not None and after_first:
            due = max(due, ctx.add(first, after_first))
        needs.append(Need(code, k + 1, slot["offer"], due, slot.get("deadline")))
        prev, first = due, first or due
    return needs


def drop_from(needs: list[Need], limit: date) -> list[Need]:
    """Needs falling due before `limit` (a series that stops at an age)."""
    return [n for n in needs if n.due < limit]
