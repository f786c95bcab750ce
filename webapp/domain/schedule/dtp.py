"""DTP (DTaP, DT): slots per the version in force; from 6 years the DT catch-up rules decide what is left.

From the catch-up age: fewer than 3 doses → complete 3 (dose 2 ≥1 month after dose 1, dose 3 ≥6 months after
dose 2); 3 or more with a booster already (a DT dose, or any dose from the catch-up age) → nothing more;
otherwise one more dose (≥6 months after a 3rd dose, ≥12 months after a 4th).
"""

from webapp.domain.schedule.context import Ctx, SeriesResult
from webapp.domain.schedule.matching import chain, check_slot, match


def _catch_up_interval(series: dict, k: int, normal):
    """The catch-up interval for slot index `k` (doses 2 and 3), or the normal one."""
    return series.get("catch_up_intervals", {}).get(str(k + 1)) or normal


def _check(ctx: Ctx, series: dict, slot: dict, dose, counted: list) -> str | None:
    version = ctx.version_at(dose.date)
    interval = routine = slot.get("interval")
    if dose.date >= ctx.age_date(series["catch_up_from"], version):
        interval = _catch_up_interval(series, len(counted), interval)
    return check_slot(ctx, series, slot, dose, counted, interval=interval, verified=routine)


def _target(ctx: Ctx, series: dict, counted: list) -> int | None:
    """How many doses the child needs now (None: every slot, by its age)."""
    from_age = ctx.age_date(series["catch_up_from"])
    if not ctx.reached(from_age):
        return None
    n = len(counted)
    boosted = any(d.vaccine in series["booster_products"] or d.date >= from_age for d in counted)
    if n < 3:
        return 3
    return n if boosted or n >= len(series["doses"]) else n + 1


def _offer(ctx: Ctx, series: dict, day) -> str:
    """The product for a dose given on `day` (DTaP for young children, DT from the version's age)."""
    offer = series["offer_by_age"][0]["vaccine"]
    for rule in series["offer_by_age"]:
        age = ctx.age_date(rule["from"])
        ctx.reached(age)  # `day` is the evaluation day once it passes the due day: the offer changes at the age
        if day >= age:
            offer = rule["vaccine"]
    return offer


def _earliest_from_catch_up_age(ctx: Ctx, series: dict, result: SeriesResult, from_age) -> None:
    """A dose that fell due before the catch-up age but is given from it must keep the catch-up interval
    (e.g. DT dose 3 ≥ 6 months after dose 2), so the next dose cannot be given earlier than that today."""
    if not (result.needs and result.counted) or not ctx.reached(from_age):
        return
    k = len(result.counted)
    normal = series["doses"][k]["interval"] if k < len(series["doses"]) else None
    if normal:
        first = result.needs[0]
        first.earliest = max(first.due, ctx.add(result.counted[-1].date, _catch_up_interval(series, k, normal)))


def dtp(ctx: Ctx, series: dict, doses: list) -> SeriesResult:
    """DTP under the version in force, with the 6-year catch-up rules."""
    result = SeriesResult(series["code"])

    def slots_for(dose):
        at = ctx.series_at(dose.date, series["code"])
        return at, at["doses"]

    match(ctx, result, doses, slots_for, check=_check)
    from_age = ctx.age_date(series["catch_up_from"])

    def interval_for(k, due, prev):
        normal = series["doses"][k]["interval"]
        if max(due, ctx.add(prev, normal)) >= from_age:
            return _catch_up_interval(series, k, normal)
        return normal

    result.needs = chain(ctx, series["code"], series["doses"], result.counted,
                         stop=_target(ctx, series, result.counted), interval_for=interval_for)
    for need in result.needs:
        need.vaccine = _offer(ctx, series, max(ctx.on, need.due))
    _earliest_from_catch_up_age(ctx, series, result, from_age)
    if result.needs and not ctx.adult and ctx.reached(ctx.age_date(series["adult_td_from"])):
        result.notes.append(ctx.text("dtp_td"))
    return result
