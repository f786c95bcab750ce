"""The schedule engine's view of each registry child for scoring, kept in `schedule_statuses` between computations.

Scoring needs every registry child's view (`coverage.dose_status`) on each part's last day. A stored view is used
only while its fingerprint still matches what the evaluation read: the engine's code and schedule data, the
child record's change position, and the count, sum and maximum change position of the child's vaccination records
(an edit, a late record, a tombstone or a record moved to another child changes one of them). Any other child is
evaluated again from its doses and its view stored. Storing is best effort: a failure leaves the scores as
computed and is retried by the next computation.
"""

import hashlib
import logging
from calendar import monthrange
from datetime import date
from functools import lru_cache
from pathlib import Path

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.exc import SQLAlchemyError

from webapp.domain.metrics.coverage import dose_status
from webapp.domain.metrics.doses_codec import CELL_BYTES, day_views, encode
from webapp.extensions import db
from webapp.models import Record
from webapp.models.scoring import ScheduleStatus
from webapp.services.bulk import upsert_statement

log = logging.getLogger(__name__)
_WEBAPP = Path(__file__).resolve().parents[1]
ENGINE_FILES = ("domain/schedule/*.py", "data/schedule/*.json", "domain/metrics/coverage.py",
                "domain/metrics/dose_views.py", "domain/metrics/doses_codec.py")
STORE_CHUNK = 1000
KEEP_YEARS = 2  # month ends of this year and the two before stay stored; older periods are evaluated when asked


def files_digest(patterns, seed: str = "") -> str:
    """A digest of `seed` and the names and bytes of the webapp files matching the glob patterns."""
    digest = hashlib.sha256(seed.encode())
    for pattern in patterns:
        for path in sorted(_WEBAPP.glob(pattern)):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """A digest of everything besides the child's records that decides a view (code and data of the engine)."""
    return files_digest(ENGINE_FILES)


def registry_ids(units):
    """The ids of the units' live registry children, as a subquery."""
    return select(Record.id).where(Record.kind == "child", Record.deleted.is_(False), Record.unit_code.in_(units))


def vaccination_marks(units) -> dict:
    """child id → "count:sum:max" of the change positions of its vaccination records (tombstones included)."""
    seq = func.coalesce(Record.change_seq, 0)
    rows = db.session.execute(select(Record.child_id, func.count(), func.sum(seq), func.max(seq)).where(
        Record.kind == "vaccination", Record.child_id.in_(registry_ids(units))).group_by(Record.child_id)).all()
    return {r[0]: f"{r[1]}:{r[2]}:{r[3]}" for r in rows}


def _stored(units, days) -> dict:
    rows = db.session.execute(select(ScheduleStatus.child_id, ScheduleStatus.on_date, ScheduleStatus.inputs,
                                     ScheduleStatus.doses, ScheduleStatus.rejected).where(
        ScheduleStatus.on_date.in_(days), ScheduleStatus.child_id.in_(registry_ids(units))))
    return {(r[0], r[1]): r[2:] for r in rows}


def _is_month_end(day) -> bool:
    return day.day == monthrange(day.year, day.month)[1]


def prime_statuses(rows_by_unit: dict, days, load_histories, today) -> int:
    """Put every registry child's views on each day into its unit's rows; returns how many were evaluated anew.

    `load_histories(child ids)` gives child id → [(vaccine, given_on, vaccination id)] for the children to evaluate.
    """
    days, engine = sorted(set(days)), engine_fingerprint()
    marks, stored = vaccination_marks(list(rows_by_unit)), _stored(list(rows_by_unit), days)
    inputs, pending, misses = {}, [], []
    for rows in rows_by_unit.values():
        for c in rows.children:
            inputs[c.id] = f"{engine}:{c.change_seq}:{marks.get(c.id, '0')}"
        for day in days:
            ids, cells, rejected = [], [], {}
            for c in rows.children:
                if c.birth_date > day:
                    continue
                hit = stored.get((c.id, day))
                if hit is not None and hit[0] == inputs[c.id] and len(hit[1]) == CELL_BYTES:
                    cells.append(hit[1])
                    if hit[2]:
                        rejected[c.id] = hit[2]
                else:
                    misses.append((cells, len(cells), rejected, c, day))
                    cells.append(None)
                ids.append(c.id)
            pending.append((rows, day, ids, cells, rejected))
    if misses:
        _evaluate(misses, inputs, load_histories({c.id for *_, c, _ in misses}), today)
    for rows, day, ids, cells, rejected in pending:
        rows.cache[("schedule_status", day)] = day_views(ids, cells, rejected)
    return len(misses)


def _evaluate(misses, inputs, histories, today) -> None:
    fresh = []
    for cells, position, rejected, child, day in misses:
        doses, reasons = encode(dose_status(child.birth_date, day, histories.get(child.id, ())))
        cells[position] = doses
        if reasons:
            rejected[child.id] = reasons
        fresh.append({"child_id": child.id, "on_date": day, "inputs": inputs[child.id], "doses": doses,
                      "rejected": reasons, "month_end": _is_month_end(day)})
    _store(fresh, today)


def _store(values: list[dict], today) -> None:
    """Upsert the new views; drop passed days that end no month (an open period's former "today") and old years."""
    try:
        with db.session.begin_nested():
            stmt = upsert_statement(ScheduleStatus.__table__, ["child_id", "on_date"],
                                    ["inputs", "doses", "rejected", "month_end"])
            for start in range(0, len(values), STORE_CHUNK):
                db.session.execute(stmt, values[start:start + STORE_CHUNK])
            db.session.execute(delete(ScheduleStatus).where(or_(
                and_(ScheduleStatus.month_end.is_(False), ScheduleStatus.on_date < today),
                ScheduleStatus.on_date < date(today.year - KEEP_YEARS, 1, 1))))
    except SQLAlchemyError as err:  # a busy or read-only database: the scores stand, the views are kept next time
        log.warning("schedule views not stored: %s", type(err).__name__)
