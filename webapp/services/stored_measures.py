"""Stored measures: each metric's Measure per unit and window, reused while nothing it read has changed.

A measure is stored under a key digesting the metric and its context (period, today, sampled month and children,
the county's UTC offset) with an `inputs` digest of the metric code (domain/metrics and domain/rubric/model.py,
the row fetching, the schedule engine) and of each row source the metric reads (`SOURCES`): for a record kind,
the count, sum and maximum change position of the unit's records of that kind, tombstones included. Every write
takes a new change position from the change clock, so an edit, a late record, a deletion, or a record moving in
or out of the unit changes one of the three. The registry source (the children's schedule views) reads every dose
of the unit's children in any unit, so it also digests every vaccination record stored; the schools source
digests the unit's school rows. A measure whose inputs match is read back as it was computed; the others are
computed from the rows of just the sources they need and stored, best effort as the schedule views are.
"""

import hashlib
import logging
from functools import lru_cache
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError

from webapp.domain.metrics import SOURCES
from webapp.domain.metrics.measure_codec import dumps, loads
from webapp.extensions import db
from webapp.models import Record, School
from webapp.models.scoring import StoredMeasure
from webapp.services.bulk import upsert_statement
from webapp.services.schedule_statuses import STORE_CHUNK, engine_fingerprint

log = logging.getLogger(__name__)
_WEBAPP = Path(__file__).resolve().parents[1]
CODE_FILES = ("domain/metrics/*.py", "domain/rubric/model.py", "services/metrics.py",
              "services/schedule_statuses.py", "services/stored_measures.py")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of the code that turns rows into measures (with the schedule engine's own fingerprint)."""
    digest = hashlib.sha256(engine_fingerprint().encode())
    for pattern in CODE_FILES:
        for path in sorted(_WEBAPP.glob(pattern)):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def source_marks(units) -> dict:
    """unit code → source → a mark that changes whenever a row of that source changes (see the module doc)."""
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
    schools = db.session.execute(select(School.unit_code, School.code, School.name).where(
        School.unit_code.in_(list(units))).order_by(School.unit_code, School.code)).all()
    for school in schools:
        kinds = marks[school.unit_code]
        kinds["schools"] = kinds.get("schools", "") + f"{school.code}:{school.name};"
    return marks


def measure_key(name: str, ctx) -> str:
    """The stored measure's key: the metric and every field of its context."""
    fields = (name, ctx.start, ctx.end, ctx.today, ctx.sample_start, ctx.sample_end, tuple(ctx.sample_children),
              ctx.utc_offset)
    return hashlib.sha256(repr(fields).encode()).hexdigest()[:40]


def inputs_of(name: str, unit_marks: dict) -> str:
    """The digest of what the metric reads for one unit."""
    parts = [code_fingerprint(), name] + [f"{s}={unit_marks.get(s, '0')}" for s in sorted(SOURCES[name])]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]


def stored(units, today) -> dict:
    """(unit code, key) → (inputs, payload) of today's stored measures."""
    rows = db.session.execute(select(StoredMeasure.unit_code, StoredMeasure.key, StoredMeasure.inputs,
                                     StoredMeasure.payload).where(
        StoredMeasure.day == today, StoredMeasure.unit_code.in_(list(units))))
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def reuse(hit, inputs: str):
    """The stored measure when its inputs match, else None."""
    return loads(hit[1]) if hit is not None and hit[0] == inputs else None


def store(fresh: list, today) -> None:
    """Upsert (unit code, key, inputs, measure) rows for today; drop the rows of passed days."""
    values = [{"unit_code": u, "key": k, "day": today, "inputs": i, "payload": dumps(m)} for u, k, i, m in fresh]
    try:
        with db.session.begin_nested():
            stmt = upsert_statement(StoredMeasure.__table__, ["unit_code", "key"], ["day", "inputs", "payload"])
            for start in range(0, len(values), STORE_CHUNK):
                db.session.execute(stmt, values[start:start + STORE_CHUNK])
            db.session.execute(delete(StoredMeasure).where(StoredMeasure.day < today))
    except SQLAlchemyError as err:  # a busy or read-only database: the scores stand, computed again next time
        log.warning("measures not stored: %s", type(err).__name__)
