"""Evaluate a child's documented doses against the national schedule (pure: plain values in and out)."""

from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from webapp.domain.schedule.book import Book, default_book
from webapp.domain.schedule.context import Ctx, Dose, ScheduleInputError
from webapp.domain.schedule.dates import age_parts, parse_date
from webapp.domain.schedule.dtp import dtp
from webapp.domain.schedule.kinds import bcg, menac, polio, standard, tracks
from webapp.domain.schedule.mcv import mcv

HANDLERS = {"standard": standard, "bcg": bcg, "polio": polio, "dtp": dtp, "mcv": mcv, "tracks": tracks,
            "menac": menac}


@dataclass
class Run:
    """The working state of one evaluation."""

    ctx: Ctx
    notes: list
    rejected: list
    given: list
    adult: bool


def _date(value, field_path: str) -> date:
    try:
        return parse_date(value)
    except (ValueError, TypeError):
        raise ScheduleInputError(field_path, "invalid_date") from None


def _doses(version, birth: date, doses) -> list[Dose]:
    if not isinstance(doses, list | tuple):
        raise ScheduleInputError("doses", "invalid")
    parsed = []
    for i, dose in enumerate(doses):
        if not isinstance(dose, dict):
            raise ScheduleInputError(f"doses.{i}", "invalid")
        if not isinstance(dose.get("vaccine"), str) or dose["vaccine"] not in version.vaccines:
            raise ScheduleInputError(f"doses.{i}.vaccine", "unknown_vaccine")
        day = _date(dose.get("date"), f"doses.{i}.date")
        if day < birth:
            raise ScheduleInputError(f"doses.{i}.date", "before_birth")
        parsed.append(Dose(dose["vaccine"], day, i))
    return sorted(parsed, key=lambda d: (d.date, d.index))


def _context(book: Book, birth, on, schedule_id, lang, settings) -> Ctx:
    if schedule_id is not None and (not isinstance(schedule_id, str) or schedule_id not in book.by_id):
        raise ScheduleInputError("schedule", "unknown_schedule")
    version = book.by_id[schedule_id] if schedule_id is not None else book.in_force(on)
    try:
        version = version.with_settings(settings)
    except KeyError:
        raise ScheduleInputError("settings", "unknown_setting") from None
    ctx = Ctx(book, version, birth, on, lang, settings, pinned=schedule_id is not None)
    if schedule_id is None and (switch := book.next_effective(on)) is not None:
        ctx.reached(switch)  # the version in force changes that day
    return ctx


def _clash(ctx: Ctx, live: list[Dose], dose: Dose, version) -> Dose | None:
    """The latest live dose on an earlier day less than the live interval before `dose`, if any."""
    for earlier in reversed(live):
        if earlier.date < dose.date:
            # `live` is in date order and day + interval never decreases with the day: if the latest earlier
            # dose is far enough, every one before it is too
            return earlier if dose.date < ctx.add(earlier.date, "$live_injectable_interval", version) else None
    return None


def _live_conflicts(ctx: Ctx, doses: list[Dose]) -> tuple[list, list]:
    """Injectable live vaccines on different days less than 28 days apart: the later one does not count."""
    kept, rejected, live = [], [], []
    for dose in doses:
        if dose.vaccine in ctx.version.live:
            version = ctx.version_at(dose.date)
            clash = _clash(ctx, live, dose, version)
            if clash is not None:
                rejected.append((dose, ctx.text(
                    "live_interval", vaccine_name=ctx.vaccine_name(dose.vaccine),
                    other_name=ctx.vaccine_name(clash.vaccine), other_date=clash.date.isoformat(),
                    interval=ctx.duration_text(version.value("$live_injectable_interval"), "interval"))))
                continue
            live.append(dose)
        kept.append(dose)
    return kept, rejected


def run(birth_date, on_date, doses, schedule_id=None, lang="zh-CN", settings=None, book=None,
        lenient=False) -> Run:
    """Validate the input and evaluate every series; the building block of the public helpers.

    `lenient` (scoring only): rules resting on a [GK] setting do not reject doses (Ctx.waive).
    """
    book = book or default_book()
    birth, on = _date(birth_date, "birth_date"), _date(on_date, "on_date")
    if on < birth:
        raise ScheduleInputError("on_date", "before_birth")
    ctx = _context(book, birth, on, schedule_id, lang, settings)
    ctx.lenient = lenient
    parsed = _doses(ctx.version, birth, doses)
    notes = [ctx.text("after_on_date", vaccine_name=ctx.vaccine_name(d.vaccine), date=d.date.isoformat())
             for d in parsed if d.date > on]
    return _evaluate(ctx, [d for d in parsed if d.date <= on], notes)


def run_dated(birth_date, on_date, doses: list[tuple], book=None, lenient=False) -> Run:
    """`run` under the version in force, for doses as (vaccine, date, ...) rows from trusted data (bulk metrics).

    The same answer as `run` with the rows as dose dicts, without re-parsing each dose: rows that are not a
    known product on a `date` from birth to `on_date` take the checked path, with its errors. Only the first two
    fields of a row are read, so the caller's rows need no copy.
    """
    book = book or default_book()
    birth, on = _date(birth_date, "birth_date"), _date(on_date, "on_date")
    if on < birth:
        raise ScheduleInputError("on_date", "before_birth")
    ctx = _context(book, birth, on, None, "zh-CN", None)
    ctx.lenient = lenient
    vaccines, parsed = ctx.version.vaccines, []
    for i, row in enumerate(doses):
        vaccine, day = row[0], row[1]
        if type(day) is not date or not birth <= day <= on or type(vaccine) is not str or vaccine not in vaccines:
            return run(birth, on, [{"vaccine": row[0], "date": row[1]} for row in doses], book=book, lenient=lenient)
        parsed.append(Dose(vaccine, day, i))
    parsed.sort(key=attrgetter("date"))  # stable: doses on one day keep input order, as `run` sorts by (date, index)
    return _evaluate(ctx, parsed, [])


def _evaluate(ctx: Ctx, doses: list[Dose], notes: list) -> Run:
    """Every series for valid doses in date order, none after the evaluation day."""
    given, rejected = _live_conflicts(ctx, doses)
    ctx.adult = ctx.reached(ctx.age_date("$catch_up_until"))
    vaccines, by_series = ctx.version.vaccines, {}
    for dose in given:  # grouped once, not filtered again for every series
        by_series.setdefault(vaccines[dose.vaccine]["series"], []).append(dose)
    for series in ctx.version.series:
        ctx.results[series["code"]] = HANDLERS[series["kind"]](ctx, series, by_series.get(series["code"], []))
    if ctx.adult:
        for result in ctx.results.values():
            result.needs = []
    return Run(ctx, notes, rejected, given, ctx.adult)


def _missing(state: Run) -> list:
    return [n for r in state.ctx.results.values() for n in r.needs if n.due <= state.ctx.on]


def _not_counted(state: Run) -> list[dict]:
    rows = state.rejected + [row for r in state.ctx.results.values() for row in r.rejected]
    rows.sort(key=lambda row: (row[0].date, row[0].index))
    return [{"vaccine": d.vaccine, "date": d.date.isoformat(), "reason": reason} for d, reason in rows]


def _notes(state: Run) -> list[str]:
    notes = state.notes + [n for r in state.ctx.results.values() for n in r.notes]
    return notes + ([state.ctx.text("adult")] if state.adult else [])


def evaluate(birth_date: date, on_date: date, doses: list[dict], schedule_id: str | None = None, *,
             lang: str = "zh-CN", settings: dict | None = None) -> dict:
    """The records.md evaluation: {schedule, complete, missing, not_counted, notes} as of `on_date`."""
    state = run(birth_date, on_date, doses, schedule_id, lang, settings)
    missing = [{"series": n.series, "dose": n.dose, "vaccine": n.vaccine, "due_since": n.due.isoformat()}
               for n in _missing(state)]
    return {"schedule": state.ctx.version.id, "complete": not missing, "missing": missing,
            "not_counted": _not_counted(state), "notes": _notes(state)}


def _earliest(state: Run, need) -> date:
    """The first day a needed dose may be given, also respecting the 28-day rule between live vaccines."""
    ctx, earliest = state.ctx, max(need.due, need.earliest or need.due)
    if ctx.version.vaccines[need.vaccine].get("live_injectable"):
        for dose in state.given:
            until = ctx.add(dose.date, "$live_injectable_interval")
            if ctx.version.vaccines[dose.vaccine].get("live_injectable") and dose.date < ctx.on < until:
                earliest = max(earliest, until)
    return earliest


def due_doses(birth_date: date, on_date: date, doses: list[dict], schedule_id: str | None = None, *,
              lang: str = "zh-CN", settings: dict | None = None) -> list[dict]:
    """For the nurse's pre-check: the next dose of each series that is due or overdue on `on_date`."""
    state = run(birth_date, on_date, doses, schedule_id, lang, settings)
    ctx, out = state.ctx, []
    for result in ctx.results.values():
        need = next((n for n in result.needs if n.due <= ctx.on), None)
        if need is None:
            continue
        earliest = _earliest(state, need)
        out.append({"series": need.series, "dose": need.dose, "vaccine": need.vaccine,
                    "due_since": need.due.isoformat(), "earliest": earliest.isoformat(),
                    "can_give_today": earliest <= ctx.on, "requires_ppd": need.ppd,
                    "overdue": bool(need.deadline) and ctx.on >= ctx.age_date(need.deadline)})
    return out


def _series_status(ctx: Ctx, result) -> dict:
    need_row = lambda n: {"dose": n.dose, "vaccine": n.vaccine, "due_since": n.due.isoformat()}  # noqa: E731
    upcoming = [n for n in result.needs if n.due > ctx.on]
    return {"series": result.code, "name": ctx.series_name(result.code), "track": result.track,
            "counted": [{"dose": i + 1, "vaccine": d.vaccine, "date": d.date.isoformat()}
                        for i, d in enumerate(result.counted)],
            "missing": [need_row(n) for n in result.needs if n.due <= ctx.on],
            "next": need_row(upcoming[0]) if upcoming else None}


def child_status(birth_date: date, on_date: date, doses: list[dict], schedule_id: str | None = None, *,
                 lang: str = "zh-CN", settings: dict | None = None) -> dict:
    """A child's full status: age, and per series the counted doses, the missing ones and the next one."""
    state = run(birth_date, on_date, doses, schedule_id, lang, settings)
    ctx = state.ctx
    years, months, days = age_parts(ctx.birth, ctx.on)
    series = [_series_status(ctx, r) for r in ctx.results.values()]
    return {"schedule": ctx.version.id, "age": {"years": years, "months": months, "days": days},
            "complete": not any(s["missing"] for s in series), "series": series,
            "not_counted": _not_counted(state), "notes": _notes(state)}
