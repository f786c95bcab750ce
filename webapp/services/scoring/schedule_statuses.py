"""The schedule engine's view of each registry child for scoring, kept in `schedule_statuses` between computations.

Scoring needs every registry child's view (`coverage.dose_status`) on each part's last day. A stored view is used
only while its fingerprint still matches what the evaluation read: the engine's code and schedule data, the
child record's change position, and the count, sum and maximum change position of the child's vaccination records
(an edit, a late record, a tombstone or a record moved to another child changes one of them). A view also holds
on later days up to the day before its `valid_until`: the engine says the first later day its answer may differ
(an age or a schedule version it compared the day with, a dose dated after the day), so a new "today" or a
later part's last day reads an earlier view back instead of evaluating the child again. Any other child is
evaluated again from its doses and its view stored. Storing is best effort: a failure leaves the scores as
computed and is retried by the next computation.
"""

import hashlib
import logging
from calendar import monthrange
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import and_, bindparam, delete, func, or_, select
from sqlalchemy.exc import SQLAlchemyError

from webapp.domain.metrics.coverage import dose_status
from webapp.domain.metrics.doses_codec import CELL_BYTES, day_views, encode
from webapp.extensions import db
from webapp.models import Record
from webapp.models.scoring import ScheduleStatus
from webapp.services.scoring.bulk import upsert_statement

log = logging.getLogger(__name__)
_WEBAPP = Path(__file__).resolve().parents[2]
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


NO_END = date(9999, 12, 31)  # valid_until of a view no later day changes (the engine gave no `until`)


class Held(NamedTuple):
    """A stored view of a child: its day, the day it stops holding (None: its own day only), inputs and cells."""

    on_date: date
    valid_until: date | None
    inputs: str
    doses: bytes
    rejected: str | None


def _stored(units, days) -> dict:
    """child id → the stored views that may hold on one of `days` (their own, or an earlier one still valid)."""
    first, last = days[0], days[-1]
    rows = db.session.execute(select(ScheduleStatus.child_id, ScheduleStatus.on_date, ScheduleStatus.valid_until,
                                     ScheduleStatus.inputs, ScheduleStatus.doses, ScheduleStatus.rejected).where(
        ScheduleStatus.on_date <= last, or_(ScheduleStatus.valid_until > first, ScheduleStatus.on_date.in_(days)),
        ScheduleStatus.child_id.in_(registry_ids(units))))
    out: dict = {}
    for r in rows:
        out.setdefault(r[0], []).append(Held(*r[1:]))
    return out


def _holding(views, day) -> Held | None:
    """The view among `views` that holds on `day` (its own day's first), or None."""
    best = None
    for view in views:
        if view.on_date == day:
            return view
        if view.on_date < day and view.valid_until is not None and day < view.valid_until and \
                (best is None or view.on_date > best.on_date):
            best = view
    return best


def _read_back(child_id, held, days, found) -> list:
    """Put the child's held views into `found` up to the first day none holds; returns the days left from it."""
    for i, day in enumerate(days):
        hit = _holding(held, day)
        if hit is None:
            return days[i:]
        found[(child_id, day)] = (hit.doses, hit.rejected)
    return []


def _is_month_end(day) -> bool:
    return day.day == monthrange(day.year, day.month)[1]


def prime_statuses(rows_by_unit: dict, days, load_histories, today) -> int:
    """Put every registry child's views on each day into its unit's rows; returns how many children were evaluated.

    A child's view on a day is a stored one that still holds (same inputs, the day before its `valid_until`),
    else one evaluated earlier in this call that holds, else a new evaluation, which is stored.
    `load_histories(child ids)` gives child id → [(vaccine, given_on, vaccination id)] for the children to evaluate.
    """
    days, engine = sorted(set(days)), engine_fingerprint()
    marks, stored = vaccination_marks(list(rows_by_unit)), _stored(list(rows_by_unit), days)
    inputs, found, pending, stale = {}, {}, [], []
    for rows in rows_by_unit.values():
        for c in rows.children:
            key = inputs[c.id] = f"{engine}:{c.change_seq}:{marks.get(c.id, '0')}"
            held = []
            for view in stored.get(c.id, ()):
                if view.inputs == key and len(view.doses) == CELL_BYTES:
                    held.append(view)
                else:
                    stale.append((c.id, view))
            left = _read_back(c.id, held, [day for day in days if c.birth_date <= day], found)
            if left:
                pending.append((c, left))
    fresh = _evaluate(pending, inputs, found, load_histories({c.id for c, _ in pending})) if pending else []
    if fresh or stale:
        _store(fresh, today, stale)
    for rows in rows_by_unit.values():
        for day in days:
            rows.cache[("schedule_status", day)] = _day_views(rows.children, day, found)
    return len(pending)


def _day_views(children, day, found):
    """The DayViews of the children born by `day` from `found` ((child id, day) → (cells, rejected JSON))."""
    ids, cells, rejected = [], [], {}
    for c in children:
        view = found.get((c.id, day))
        if view is not None:
            ids.append(c.id)
            cells.append(view[0])
            if view[1]:
                rejected[c.id] = view[1]
    return day_views(ids, cells, rejected)


def _evaluate(pending, inputs, found, histories) -> list[dict]:
    """Evaluate each pending child on its first day left (a later day the new view still holds on reuses it);
    returns the new views as rows to store."""
    fresh = []
    for child, days in pending:
        view = None
        for day in days:
            if view is None or not (view.until is None or day < view.until):
                view = dose_status(child.birth_date, day, histories.get(child.id, ()))
                doses, reasons = encode(view)
                fresh.append({"child_id": child.id, "on_date": day, "inputs": inputs[child.id], "doses": doses,
                              "rejected": reasons, "month_end": _is_month_end(day),
                              "valid_until": view.until or NO_END})
            found[(child.id, day)] = (doses, reasons)
    return fresh


def _store(values: list[dict], today, stale=()) -> None:
    """Upsert the new views and drop the replaced ones (`stale`: (child id, Held) read with other inputs), the
    views of days that end no month once they no longer hold on today, and those of old years."""
    cutoff = date(today.year - KEEP_YEARS, 1, 1)
    try:
        with db.session.begin_nested():
            stmt = upsert_statement(ScheduleStatus.__table__, ["child_id", "on_date"],
                                    ["inputs", "doses", "rejected", "month_end", "valid_until"])
            for start in range(0, len(values), STORE_CHUNK):
                db.session.execute(stmt, values[start:start + STORE_CHUNK])
            if stale:
                table = ScheduleStatus.__table__
                db.session.execute(delete(table).where(
                    table.c.child_id == bindparam("c"), table.c.on_date == bindparam("d"),
                    table.c.inputs == bindparam("i")),
                    [{"c": child_id, "d": view.on_date, "i": view.inputs} for child_id, view in stale])
            ends = func.coalesce(ScheduleStatus.valid_until, ScheduleStatus.on_date)
            db.session.execute(delete(ScheduleStatus).where(or_(
                and_(ScheduleStatus.month_end.is_(False), ScheduleStatus.on_date < today, ends <= today),
                and_(ScheduleStatus.on_date < cutoff, ends <= cutoff))))
    except SQLAlchemyError as err:  # a busy or read-only database: the scores stand, the views are kept next time
        log.warning("schedule views not stored: %s", type(err).__name__)
