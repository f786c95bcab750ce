"""Stored measures: each metric's Measure per unit and window, reused while nothing it read has changed.

A measure is stored under a key digesting the metric and its context (period, today, sampled month and children, the
county's UTC offset) with an `inputs` digest of the metric code (domain/metrics and domain/rubric/model.py, the
field names and the phone app's catalogues they come from, the row fetching, the schedule engine) and of each row
source the metric reads (`SOURCES`) over the event dates it reads them (`SPANS`): for a record kind, the count and
sum of the change positions of the unit's records of that kind dated in the span, tombstones included (`Marks`).
Every write takes a new change position from the change clock, so an edit, a late record, a deletion, or a record
moving in or out of the unit or the span changes one of the two, while a record dated outside every span a measure
reads leaves it standing (a dose given today keeps the first half's measures). The registry source (the children's
schedule views on the last day) reads every dose of the unit's children in any unit, so it also marks every unit's
vaccinations dated up to that day; the survey source marks the unit's surveys, surveyed children and registry
children and every unit's vaccinations dated up to its last survey day; the stock source marks the unit's stock
movements and its own vaccinations over the span; the schools and equipment sources digest the unit's school rows and
its cold-chain register.
A measure whose inputs match is read back as it was computed; so is one stored since the last record write (`seen`:
the record store's count and last change position, two index lookups, so the marks are read only after a write).
The others are computed from the rows of just the sources they need and stored, best effort as the schedule views
are.
"""

import hashlib
import logging
from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy import String, delete, func, select, type_coerce
from sqlalchemy.exc import SQLAlchemyError

from webapp.domain.metrics import SOURCES, SPANS
from webapp.domain.metrics.context import span
from webapp.domain.metrics.measure_codec import dumps, loads
from webapp.extensions import db
from webapp.models import Equipment, Record, School
from webapp.models.scoring import StoredMeasure
from webapp.services.scoring.bulk import upsert_statement
from webapp.services.scoring.schedule_statuses import STORE_CHUNK, engine_fingerprint, files_digest

log = logging.getLogger(__name__)
SURVEY_KINDS = ("survey", "survey_child", "child")
CODE_FILES = ("domain/metrics/*.py", "domain/rubric/model.py", "domain/stock.py", "domain/cold_chain.py",
              "data/vaccines.json", "domain/field_names.py", "../pwa/src/i18n/*.json",
              "services/scoring/rows.py", "services/scoring/survey.py", "services/scoring/schedule_statuses.py",
              "services/scoring/stored_measures.py")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of the code that turns rows into measures (with the schedule engine's own fingerprint)."""
    return files_digest(CODE_FILES, engine_fingerprint())


def records_mark() -> str:
    """The record store's row count and last change position: both stay put only while no record is written."""
    count = db.session.scalar(select(func.count()).select_from(Record))
    return f"{count}:{db.session.scalar(select(func.max(Record.change_seq)))}"


def _day(value) -> date:
    """A date, or the driver's YYYY-MM-DD text as one."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _month(day) -> str:
    """YYYY-MM of a date, or of the driver's YYYY-MM-DD text."""
    return str(day)[:7]


class Marks:
    """Every record source's count and sum of change positions per unit and month of event date (two grouped passes).

    A span's mark is the count and sum over its records, tombstones included: a record written, deleted, purged or
    moved to another month, unit or kind changes the count or, with the count unchanged, raises the sum (each new
    change position is above every earlier one). Records dated before `since` and undated ones are summed as one
    ("rest"), which a span without a start takes whole (so its mark does not depend on `since`).
    """

    def __init__(self, since: date):
        self.since, self.by, self._doses = _month(since), {}, {}
        seq = func.coalesce(Record.change_seq, 0)
        run = db.session.connection().execute  # plain Core rows: no ORM result handling for 20,000 groups
        totals = run(select(Record.unit_code, Record.kind, func.count(), func.sum(seq))
                     .group_by(Record.unit_code, Record.kind)).all()
        day = type_coerce(Record.event_date, String)  # the driver's value, no date parsing: str() gives YYYY-MM-DD
        days = run(select(Record.unit_code, Record.kind, day, func.count(), func.sum(seq))
                   .where(Record.event_date >= since).group_by(Record.unit_code, Record.kind, Record.event_date)).all()
        for unit, kind, on, count, total in days:
            months = self.by.setdefault((unit, kind), {})
            month = months.setdefault(_month(on), [0, 0])
            month[0], month[1] = month[0] + count, month[1] + total
        for unit, kind, count, total in totals:
            months = self.by.setdefault((unit, kind), {})
            recent = [sum(m[i] for m in months.values()) for i in (0, 1)]
            months["rest"] = [count - recent[0], (total or 0) - recent[1]]
        # each unit's last survey day (tombstones too): a survey reads the doses given up to its day
        self.survey_days = dict(run(select(Record.unit_code, func.max(Record.event_date))
                                    .where(Record.kind == "survey").group_by(Record.unit_code)).all())

    def _sum(self, unit, kind, start, end) -> tuple[int, int]:
        low = None if start is None else _month(start)
        high = None if end is None else _month(end - timedelta(days=1))
        count = total = 0
        for month, (c, t) in self.by.get((unit, kind), {}).items():
            if month == "rest":
                taken = low is None or low < self.since
            else:
                taken = (low is None or month >= low) and (high is None or month <= high)
            if taken:
                count, total = count + c, total + t
        return count, total

    def of(self, unit: str, kind: str, start: date | None, end: date | None) -> str:
        """The mark of the unit's records of a kind dated in [start, end) (None: unbounded)."""
        return "{}:{}".format(*self._sum(unit, kind, start, end))

    def doses(self, start: date | None, end: date | None) -> str:
        """The mark of every unit's vaccinations dated in [start, end)."""
        key = (start, end)
        if key not in self._doses:
            sums = [self._sum(u, k, start, end) for u, k in self.by if k == "vaccination"]
            self._doses[key] = f"{sum(c for c, _ in sums)}:{sum(t for _, t in sums)}"
        return self._doses[key]


def earliest_read(contexts) -> date:
    """The first day any span of these contexts reads (the start of its month): the marks' month range."""
    names = {name for spans in SPANS.values() for name in spans.values()}
    starts = [span(name, ctx)[0] for ctx in contexts for name in names]
    first = min((d for d in starts if d is not None), default=None) or min(c.start for c in contexts)
    return first.replace(day=1)


def source_marks(contexts) -> Marks:
    """The record sources' marks (see `Marks`) for the months these contexts read."""
    return Marks(earliest_read(contexts))


def source_inputs(marks: Marks, unit: str, name: str, ctx) -> list[str]:
    """The marks of each record source the metric reads for the unit, over the spans it reads (SPANS)."""
    out = []
    for source in sorted(SOURCES[name] - set(REFERENCE_SOURCES)):
        start, end = span(SPANS[name].get(source, "all"), ctx)
        if source == "registry":  # the unit's children and their doses in any unit, by the views' day
            out.append(f"registry={marks.of(unit, 'child', start, end)}/{marks.doses(start, end)}")
        elif source == "stock":  # the unit's movements and its own doses, dated in the span
            moves, doses = (marks.of(unit, kind, start, end) for kind in ("stock_movement", "vaccination"))
            out.append(f"stock={moves}/{doses}")
        elif source == "survey":  # the unit's surveys, surveyed and registry children; doses to its last survey
            last = marks.survey_days.get(unit)
            doses = marks.doses(None, _day(last) + timedelta(days=1)) if last else "-"
            out.append("survey=" + "/".join([*(marks.of(unit, kind, None, None) for kind in SURVEY_KINDS), doses]))
        else:
            out.append(f"{source}={marks.of(unit, source, start, end)}")
    return out


def school_marks(units) -> dict:
    """unit code → its schools as one string (the schools source)."""
    out = {}
    for school in db.session.execute(select(School.unit_code, School.code, School.name).where(
            School.unit_code.in_(list(units))).order_by(School.unit_code, School.code)).all():
        out[school.unit_code] = out.get(school.unit_code, "") + f"{school.code}:{school.name};"
    return out


def equipment_marks(units) -> dict:
    """unit code → its cold-chain register as one string (the equipment source): every field a metric reads."""
    out = {}
    for e in db.session.execute(select(Equipment.unit_code, Equipment.code, Equipment.name, Equipment.kind,
                                       Equipment.range_min, Equipment.range_max, Equipment.readings_per_day,
                                       Equipment.active).where(Equipment.unit_code.in_(list(units)))
                                .order_by(Equipment.unit_code, Equipment.code)).all():
        out[e[0]] = out.get(e[0], "") + ":".join(str(v) for v in e[1:]) + ";"
    return out


REFERENCE_SOURCES = {"schools": school_marks, "equipment": equipment_marks}


def measure_key(name: str, ctx) -> str:
    """The stored measure's key: the metric and every field of its context."""
    fields = (name, ctx.start, ctx.end, ctx.today, ctx.sample_start, ctx.sample_end, tuple(ctx.sample_children),
              ctx.utc_offset, ctx.cadence)
    return hashlib.sha256(repr(fields).encode()).hexdigest()[:40]


def _digest(*parts) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]


class Lookup:
    """Today's stored measures of some units, checked against what their metrics read.

    A measure stored since the last record was written is checked by the record store's count and last change
    position alone (`seen`); any other by the marks of each record source it reads (`inputs`), which are read once
    when first needed.
    """

    def __init__(self, units, today, contexts):
        self.units, self.mark = list(units), records_mark()
        self.references = {source: marks(units) for source, marks in REFERENCE_SOURCES.items()}
        self.contexts = list({id(c): c for c in contexts}.values())
        rows = db.session.execute(select(StoredMeasure.unit_code, StoredMeasure.key, StoredMeasure.inputs,
                                         StoredMeasure.seen, StoredMeasure.payload).where(
            StoredMeasure.day == today, StoredMeasure.unit_code.in_(self.units)))
        self.found = {(r[0], r[1]): r[2:] for r in rows}
        self._marks, self._inputs = None, {}

    def _schools_of(self, unit, name) -> str:
        """The digest strings of the reference sources (schools, equipment) the metric reads for the unit."""
        return "|".join(self.references[source].get(unit, "") for source in sorted(REFERENCE_SOURCES)
                        if source in SOURCES[name])

    def seen_of(self, unit: str, name: str) -> str:
        """The record store's mark now, with the digest of the code and the unit's schools."""
        return f"{self.mark}|{_digest(code_fingerprint(), name, self._schools_of(unit, name))}"

    def marks(self) -> Marks:
        """The record sources' marks (`source_marks`), read on the first call."""
        if self._marks is None:
            self._marks = source_marks(self.contexts)
        return self._marks

    def inputs_of(self, unit: str, name: str, key: str, ctx) -> str:
        """The digest of the code and of every source the metric reads for the unit over its spans (once per key)."""
        if (unit, key) not in self._inputs:
            self._inputs[(unit, key)] = _digest(code_fingerprint(), name, self._schools_of(unit, name),
                                                *source_inputs(self.marks(), unit, name, ctx))
        return self._inputs[(unit, key)]

    def measure(self, unit: str, name: str, key: str, ctx):
        """The stored measure when nothing it read has changed, else None."""
        hit = self.found.get((unit, key))
        if hit is None:
            return None
        inputs, seen, payload = hit
        fresh = seen == self.seen_of(unit, name) or inputs == self.inputs_of(unit, name, key, ctx)
        return loads(payload) if fresh else None

    def row(self, unit: str, name: str, key: str, ctx, measure, today) -> dict:
        """A measure just computed, as a row to store."""
        return {"unit_code": unit, "key": key, "day": today, "inputs": self.inputs_of(unit, name, key, ctx),
                "seen": self.seen_of(unit, name), "payload": dumps(measure)}


def store(values: list[dict], today) -> None:
    """Upsert the rows (`Lookup.row`) for today; drop the rows of passed days."""
    try:
        with db.session.begin_nested():
            stmt = upsert_statement(StoredMeasure.__table__, ["unit_code", "key"], ["day", "inputs", "seen", "payload"])
            for start in range(0, len(values), STORE_CHUNK):
                db.session.execute(stmt, values[start:start + STORE_CHUNK])
            db.session.execute(delete(StoredMeasure).where(StoredMeasure.day < today))
    except SQLAlchemyError as err:  # a busy or read-only database: the scores stand, computed again next time
        log.warning("measures not stored: %s", type(err).__name__)
