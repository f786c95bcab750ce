"""Compute scorecards: a template × units × period, from the record store and the assessors' entries.

A year asks each part for its own slice (H1, H2, the year). A shorter period is computed for the parts that
overlap it, over that period. Each unit's measure of a metric over a window is read back from the stored measures
while nothing it read has changed (services/scoring/stored_measures.py); the others are computed from rows fetched once
for all their units, of just the sources they read (services/scoring/rows.py, with each registry child's schedule
view on every part's last day from services/scoring/schedule_statuses.py), and stored. Then the pure engine scores them.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select

from webapp.domain.metrics import SOURCES, metric_functions
from webapp.domain.metrics.context import Context
from webapp.domain.metrics.unverified import GK_GROUP
from webapp.domain.periods import Period, parse_period
from webapp.domain.rubric import ManualEntry, score_template
from webapp.extensions import db
from webapp.models import Assessment, Record
from webapp.models.records import RECORD_KINDS
from webapp.services import county
from webapp.services.scoring import stored_measures
from webapp.services.scoring.bulk import collector_paused
from webapp.services.scoring.rows import county_offset, load_rows


@dataclass
class PartWindow:
    """A part of the template and the period it is computed over."""

    part: object
    period: Period


def part_windows(template, period: Period) -> list[PartWindow]:
    """Which parts a period covers and over which span each is computed."""
    out = []
    for part in template.parts:
        if period.kind == "year":
            name = period.name if part.period == "year" else f"{period.name}-{part.period}"
            out.append(PartWindow(part, parse_period(name)))
            continue
        if part.period != "year":
            half = parse_period(f"{period.start.year}-{part.period}")
            if not (half.start <= period.start and period.end <= half.end):
                continue
        out.append(PartWindow(part, period))
    return out


def default_sample_month(window: Period, today: date) -> Period:
    """The last full month of the window that has ended by today (the first month if none has)."""
    last = window.last_day if window.end <= today else today.replace(day=1) - timedelta(days=1)
    last = max(last, window.start)
    return parse_period(f"{last.year}-{last.month:02d}")


def load_assessments(template_id: str, units, period_names) -> dict:
    """(unit, period) → Assessment for the given template."""
    rows = db.session.execute(select(Assessment).where(
        Assessment.template_id == template_id, Assessment.unit_code.in_(list(units)),
        Assessment.period.in_(list(period_names)))).scalars()
    return {(a.unit_code, a.period): a for a in rows}


def _context(window: PartWindow, assessment, today) -> Context:
    month = parse_period(assessment.sample_month) if assessment and assessment.sample_month else \
        default_sample_month(window.period, today)
    return Context(window.period.start, window.period.end, today, month.start, month.end,
                   tuple(assessment.sample_children or ()) if assessment else (), county_offset(), county.cadence())


def _entries(assessments_by_part) -> dict:
    out = {}
    for part_code, assessment in assessments_by_part.items():
        for e in assessment.entries if assessment else ():
            if e.part_code == part_code:
                out[(part_code, e.item_code)] = ManualEntry(e.score, e.adjustment or 0.0, e.note or "", e.veto,
                                                            e.photo)
    return out


def compute_scorecards(template, units, period_name: str, today: date | None = None) -> dict:
    """unit code → Scorecard for every unit given (callers check scope)."""
    return compute_many([template], units, period_name, today)[template.id]


def compute_many(templates, units, period_name: str, today: date | None = None) -> dict:
    """template id → unit code → Scorecard; the rows are fetched once for every template."""
    with collector_paused():
        return _compute_many(templates, units, period_name, today or county.today())


def _compute_many(templates, units, period_name: str, today: date) -> dict:
    plans = []
    for template in templates:
        windows = part_windows(template, parse_period(period_name))
        assessments = load_assessments(template.id, units, {w.period.name for w in windows})
        contexts = {(u, w.part.code): _context(w, assessments.get((u, w.period.name)), today)
                    for u in units for w in windows}
        plans.append((template, windows, assessments, contexts))
    wanted, keys = {}, {}  # (unit, metric, measure key) → context; (template, unit, part) → metric → measure key
    for template, windows, _, contexts in plans:
        for w in windows:
            for unit in units:
                ctx = contexts[(unit, w.part.code)]
                part_keys = keys[(template.id, unit, w.part.code)] = {
                    m: stored_measures.measure_key(m, ctx) for m in _metrics_of(w.part)}
                wanted.update({(unit, m, key): ctx for m, key in part_keys.items()})
    measures = _measures(units, wanted, today)
    out = {template.id: {unit: _score_unit(template, windows, assessments, keys, unit, measures) for unit in units}
           for template, windows, assessments, _ in plans}
    _mark_no_data(out, plans, units)
    return out


def _mark_no_data(out: dict, plans, units) -> None:
    """Flag the cards of units with no record dated in the period and no assessor entry (无数据)."""
    windows = [w.period for _, ws, _, _ in plans for w in ws]
    if not windows:
        return
    start, end = min(p.start for p in windows), max(p.end for p in windows)
    # one probe per unit, on the covering (kind, unit, date, deleted) index: a seek per kind, where the unit's own
    # index made a unit without records in a short period read every entry it has (6.7 → 0.4 ms per unit, demo)
    active = {unit for unit in units if db.session.execute(select(Record.id).where(
        Record.kind.in_(RECORD_KINDS), Record.unit_code == unit, Record.deleted.is_(False), Record.event_date >= start,
        Record.event_date < end).limit(1)).first() is not None}
    for template, _, assessments, _ in plans:
        active |= {unit for (unit, _), a in assessments.items() if a is not None and a.entries}
        for unit, card in out[template.id].items():
            card.no_data = unit not in active


def _metrics_of(part) -> list[str]:
    return sorted({i.metric for s in part.sections for i in s.items if i.metric})


def _measures(units, wanted: dict, today) -> dict:
    """(unit, metric, key) → Measure: the stored ones whose inputs are unchanged, the others computed and stored."""
    lookup, out, missing = stored_measures.Lookup(units, today, wanted.values()), {}, {}
    for (unit, name, key), ctx in wanted.items():
        measure = lookup.measure(unit, name, key, ctx)
        if measure is None:
            missing[(unit, name, key)] = ctx
        else:
            out[(unit, name, key)] = measure
    if missing:
        out.update(_compute_missing(missing, lookup, today))
    return out


def _compute_missing(missing: dict, lookup, today) -> dict:
    """Compute the measures not stored from the rows of just the units and sources they read; store them."""
    units = sorted({unit for unit, _, _ in missing})
    contexts = list(missing.values())
    sources = set().union(*(SOURCES[name] for _, name, _ in missing))
    lookup.marks()  # read before the rows: a record written in between makes the stored marks older, never newer
    rows = load_rows(units, min(c.start for c in contexts), max(c.end for c in contexts),
                     {(c.sample_start, c.sample_end) for c in contexts}, {c.last_day for c in contexts}, today,
                     sources)
    functions, out, fresh = metric_functions(), {}, []
    for (unit, name, key), ctx in missing.items():
        measure = out[(unit, name, key)] = functions[name](rows[unit], ctx)
        fresh.append(lookup.row(unit, name, key, ctx, measure, today))
    stored_measures.store(fresh, today)
    return out


def with_settings(measure, gk_on: bool):
    """The measure as the county's settings score it: its [GK] findings (group `gk`) added only when turned on."""
    unverified = measure.groups.get(GK_GROUP)
    if not gk_on or unverified is None or not unverified.findings:
        return measure
    return replace(measure, findings=measure.findings + unverified.findings)


def _score_unit(template, windows, assessments, keys, unit, measures):
    gk_on = county.gk_rules()
    by_metric = {w.part.code: {m: with_settings(measures[(unit, m, key)], gk_on)
                               for m, key in keys[(template.id, unit, w.part.code)].items()} for w in windows}
    by_part = {w.part.code: assessments.get((unit, w.period.name)) for w in windows}
    return score_template(template, by_metric, _entries(by_part), [w.part.code for w in windows])
