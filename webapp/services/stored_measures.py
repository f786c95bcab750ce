"""Stored measures: each metric's Measure per unit and window, reused while nothing it read has changed.

A measure is stored under a key digesting the metric and its context (period, today, sampled month and children,
the county's UTC offset) with an `inputs` digest of the metric code (domain/metrics and domain/rubric/model.py,
the row fetching, the schedule engine) and of each row source the metric reads (`SOURCES`): for a record kind,
the count, sum and maximum change position of the unit's records of that kind, tombstones included. Every write
takes a new change position from the change clock, so an edit, a late record, a deletion, or a record moving in
or out of the unit changes one of the three. The registry source (the children's schedule views) reads every dose
of the unit's children in any unit, so it also digests every vaccination record stored; the schools source
digests the unit's school rows. A measure whose inputs match is read back as it was computed; so is one stored
since the last record write (`seen`: the record store's count and last change position, two index lookups, so
the per-kind marks are read only after a write). The others are computed from the rows of just the sources they
need and stored, best effort as the schedule views are.
"""

import hashlib
import logging
from functools import lru_cache

from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError

from webapp.domain.metrics import SOURCES
from webapp.domain.metrics.measure_codec import dumps, loads
from webapp.extensions import db
from webapp.models import Record, School
from webapp.models.scoring import StoredMeasure
from webapp.services.bulk import upsert_statement
from webapp.services.schedule_statuses import STORE_CHUNK, engine_fingerprint, files_digest

log = logging.getLogger(__name__)
CODE_FILES = ("domain/metrics/*.py", "domain/rubric/model.py", "services/metrics.py",
              "services/schedule_statuses.py", "services/stored_measures.py")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of the code that turns rows into measures (with the schedule engine's own fingerprint)."""
    return files_digest(CODE_FILES, engine_fingerprint())


def records_mark() -> str:
    """The record store's row count and last change position: both stay put only while no record is written."""
    count = db.session.scalar(select(func.count()).select_from(Record))
    return f"{count}:{db.session.scalar(select(func.max(Record.change_seq)))}"


def source_marks(units) -> dict:
    """unit code → record source → a mark that changes whenever a row of that source changes (see the module doc)."""
    seq = func.coalesce(Record.change_seq, 0)
    rows = db.session.execute(select(Record.unit_code, Record.kind, func.count(), func.sum(seq), func.max(seq))
                              .group_by(Record.unit_code, Record.kind)).all()
    marks = {u: {} for u in units}
    every_dose = hashlib.sha256()
    for unit, kind, count, total, top in sorted(rows, key=lambda r: (r[0] or "", r[1])):
        if kind == "vaccination":
            every_dose.update(f"{unit}:{count}:{total}:{top};".encode())
        if unit in marks:
            marks[unit][kind] = f"{count}:{total}:{top}"
    doses = every_dose.hexdigest()[:16]
    for kinds in marks.values():
        kinds["registry"] = f"{kinds.get('child', '0')}/{doses}"
    return marks


def school_marks(units) -> dict:
    """unit code → its schools as one string (the schools source)."""
    out = {}
    for school in db.session.execute(select(School.unit_code, School.code, School.name).where(
            School.unit_code.in_(list(units))).order_by(School.unit_code, School.code)).all():
        out[school.unit_code] = out.get(school.unit_code, "") + f"{school.code}:{school.name};"
    return out


def measure_key(name: str, ctx) -> str:
    """The stored measure's key: the metric and every field of its context."""
    fields = (name, ctx.start, ctx.end, ctx.today, ctx.sample_start, ctx.sample_end, tuple(ctx.sample_children),
              ctx.utc_offset)
    return hashlib.sha256(repr(fields).encode()).hexdigest()[:40]


def _digest(*parts) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]


class Lookup:
    """Today's stored measures of some units, checked against what their metrics read.

    A measure stored since the last record was written is checked by the record store's count and last change
    position alone (`seen`); any other by the marks of each record source it reads (`inputs`), which are read once
    when first needed.
    """

    def __init__(self, units, today):
        self.units, self.mark, self.schools = list(units), records_mark(), school_marks(units)
        rows = db.session.execute(select(StoredMeasure.unit_code, StoredMeasure.key, StoredMeasure.inputs,
                                         StoredMeasure.seen, StoredMeasure.payload).where(
            StoredMeasure.day == today, StoredMeasure.unit_code.in_(self.units)))
        self.found = {(r[0], r[1]): r[2:] for r in rows}
        self._marks = None

    def _schools_of(self, unit, name) -> str:
        return self.schools.get(unit, "") if "schools" in SOURCES[name] else ""

    def seen_of(self, unit: str, name: str) -> str:
        """The record store's mark now, with the digest of the code and the unit's schools."""
        return f"{self.mark}|{_digest(code_fingerprint(), name, self._schools_of(unit, name))}"

    def marks(self) -> dict:
        """The record sources' marks of every unit (`source_marks`), read on the first call."""
        if self._marks is None:
            self._marks = source_marks(self.units)
        return self._marks

    def inputs_of(self, unit: str, name: str) -> str:
        """The digest of the code and of every source the metric reads for the unit."""
        marks = self.marks()[unit]
        sources = [f"{s}={marks.get(s, '0')}" for s in sorted(SOURCES[name] - {"schools"})]
        return _digest(code_fingerprint(), name, self._schools_of(unit, name), *sources)

    def measure(self, unit: str, name: str, key: str):
        """The stored measure when nothing it read has changed, else None."""
        hit = self.found.get((unit, key))
        if hit is None:
            return None
        inputs, seen, payload = hit
        return loads(payload) if seen == self.seen_of(unit, name) or inputs == self.inputs_of(unit, name) else None

    def row(self, unit: str, name: str, key: str, measure, today) -> dict:
        """A measure just computed, as a row to store."""
        return {"unit_code": unit, "key": key, "day": today, "inputs": self.inputs_of(unit, name),
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
