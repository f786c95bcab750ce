"""Series rules by kind: standard slots (HepB, MenA), BCG, polio, product tracks (JE, HepA) and MenAC.

DTP and measles-containing vaccines have their own modules (`dtp.py`, `mcv.py`).
"""

from datetime import date

from webapp.domain.schedule.context import Ctx, Dose, Need, SeriesResult
from webapp.domain.schedule.matching import chain, check_slot, drop_from, match


def _doses_at(ctx: Ctx, code: str):
    def slots_for(dose):
        series = ctx.series_at(dose.date, code)
        return series, series["doses"]
    return slots_for


def _apply_until(ctx: Ctx, series: dict, result: SeriesResult) -> None:
    """A series that stops at an age (BCG at 4 years, MPSV-A at 24 months) is never missing after it."""
    if not series.get("until"):
        return
    limit = ctx.age_date(series["until"])
    if not ctx.reached(limit):
        result.needs = drop_from(result.needs, limit)
        return
    result.needs = []
    if len(result.counted) < len(series["doses"]):
        result.notes.append(ctx.text(series["until_note"]))


def standard(ctx: Ctx, series: dict, doses: list) -> SeriesResult:
    """Slots in order, each with a minimum age and interval; optionally stopping at an age."""
    result = SeriesResult(series["code"])
    match(ctx, result, doses, _doses_at(ctx, series["code"]))
    result.needs = chain(ctx, series["code"], series["doses"], result.counted)
    _apply_until(ctx, series, result)
    return result


def bcg(ctx: Ctx, series: dict, doses: list) -> SeriesResult:
    """BCG: directly under 3 months, after a negative PPD test from 3 months, never from 4 years."""
    result = standard(ctx, series, doses)
    if result.needs and ctx.reached(ctx.age_date(series["ppd_from"])):
        for need in result.needs:
            need.ppd = True
        result.notes.append(ctx.text("bcg_ppd"))
    return result


def polio(ctx: Ctx, series: dict, doses: list) -> SeriesResult:
    """Polio: 3 doses under 4 years, 4 from 4 years (any polio product counts), IPV first."""
    result = standard(ctx, series, doses)
    products = {d.vaccine for d in result.counted}
    born_from = date.fromisoformat(ctx.version.value(series["ipv_required_born_from"]))
    if result.counted and not products & {"IPV", "tOPV"} and ctx.birth >= born_from:
        slots, k = series["doses"], len(result.counted)
        due = max(ctx.age_date(slots[0]["min_age"]), ctx.add(result.counted[-1].date, slots[1]["interval"]))
        if k < len(slots) and slots[k].get("min_age"):
            due = max(due, ctx.age_date(slots[k]["min_age"]))
        if result.needs:
            result.needs[0].vaccine, result.needs[0].due = series["first"], min(result.needs[0].due, due)
        else:
            result.needs.append(Need(series["code"], len(result.counted) + 1, series["first"], due))
        if not ctx.adult:
            result.notes.append(ctx.text("polio_ipv"))
    elif not result.counted and result.needs:
        result.needs[0].vaccine = series["first"]
    return result


def _track(ctx: Ctx, series: dict, doses: list) -> str:
    """The product line of the first dose given at a valid age, else the routine product."""
    for dose in doses:
        slots = ctx.series_at(dose.date, series["code"])["tracks"].get(dose.vaccine)
        if slots and dose.date >= ctx.age_date(slots[0]["min_age"], ctx.version_at(dose.date)):
            return dose.vaccine
    return series["default_track"]


def tracks(ctx: Ctx, series: dict, doses: list) -> SeriesResult:
    """Alternatives with their own dose counts (JE-L 2 or JE-I 4; HepA-L 1 or HepA-I 2)."""
    track = _track(ctx, series, doses)
    result = SeriesResult(series["code"], track=track)

    def slots_for(dose):
        at = ctx.series_at(dose.date, series["code"])
        return at, at["tracks"][track]

    match(ctx, result, doses, slots_for)
    result.needs = chain(ctx, series["code"], series["tracks"][track], result.counted, track=track)
    return result


def _menac_rule(series: dict, mena_doses: list) -> tuple:
    """(minimum age, reference MPSV-A dose, interval) for MPSV-AC dose 1 given this MPSV-A history."""
    if len(mena_doses) >= 2:
        return series["doses"][0]["min_age"], mena_doses[1], series["after_mena2"]
    if len(mena_doses) == 1:
        return series["early_from"], mena_doses[0], series["after_mena1"]
    return series["early_from"], None, None


def _menac_check(ctx: Ctx, series: dict, slot: dict, dose, counted: list) -> str | None:
    if counted:
        return check_slot(ctx, series, slot, dose, counted)
    version = ctx.version_at(dose.date)
    mena = [d for d in ctx.results["MenA"].counted if d.date < dose.date]
    min_age, ref, interval = _menac_rule(series, mena)
    reason = check_slot(ctx, series, {**slot, "min_age": min_age}, dose, counted)
    if reason or ref is None or dose.date >= ctx.add(ref.date, interval, version):
        return reason
    return ctx.text("too_soon_mena", vaccine_name=ctx.vaccine_name(dose.vaccine), dose=1,
                    prev_date=ref.date.isoformat(), interval=ctx.duration_text(version.value(interval), "interval"))


def menac(ctx: Ctx, series: dict, doses: list) -> SeriesResult:
    """MPSV-AC at 3 and 6 years; from 24 months it replaces missing MPSV-A doses."""
    result = SeriesResult(series["code"])
    match(ctx, result, doses, _doses_at(ctx, series["code"]), check=_menac_check)
    result.needs = chain(ctx, series["code"], series["doses"], result.counted)
    if not result.counted and result.needs:
        min_age, ref, interval = _menac_rule(series, ctx.results["MenA"].counted)
        due = ctx.age_date(min_age)
        if ref is not None:
            due = max(due, ctx.add(ref.date, interval))
        first = result.needs[0]
        result.needs = [Need(first.series, 1, first.vaccine, due, first.deadline)]
        planned = Dose(first.vaccine, due, -1)  # anchors dose 2's interval
        result.needs += chain(ctx, series["code"], series["doses"], [planned])
    return result
