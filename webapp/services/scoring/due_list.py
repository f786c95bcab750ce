"""The 应种通知 list (records.md `GET /api/v1/due`): each registry child's open doses on a day, by the engine.

Every live child of the units is evaluated by the national schedule engine on `on` (the version in force, the
child's vaccinations from any unit, as the scores read them: `coverage.dose_status`); a dose group that the
engine says is open with its due day on or before `on` is listed, `overdue` when it fell due more than 30 days
before. Children whose `status` (read from the record's data) is `moved_out` or `deceased` from a day on or
before `on` are left out.
"""

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select

from webapp.domain.metrics.coverage import dose_status
from webapp.extensions import db
from webapp.models import Record

OVERDUE_AFTER = timedelta(days=30)
GONE = ("moved_out", "deceased")


def _day(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def left_registry(data: dict, on: date) -> bool:
    """True when the child moved out or died on or before `on` (a missing `status_on` counts as already)."""
    if data.get("status") not in GONE:
        return False
    since = _day(data.get("status_on"))
    return since is None or since <= on


def _children(units: list[str], on: date) -> list[Record]:
    rows = db.session.execute(select(Record).where(
        Record.kind == "child", Record.deleted.is_(False), Record.unit_code.in_(units))).scalars()
    return [r for r in rows if _day(r.data.get("birth_date")) and _day(r.data["birth_date"]) <= on
            and not left_registry(r.data, on)]


def _shots(child_ids: list[str]) -> dict[str, list[tuple]]:
    shots = defaultdict(list)
    for i in range(0, len(child_ids), 900):
        rows = db.session.execute(select(Record.child_id, Record.vaccine, Record.event_date, Record.id).where(
            Record.kind == "vaccination", Record.deleted.is_(False), Record.child_id.in_(child_ids[i:i + 900])))
        for child_id, vaccine, given_on, rid in rows:
            shots[child_id].append((vaccine, given_on, rid))
    return shots


def open_doses(birth: date, on: date, shots: list[tuple]) -> list[dict]:
    """The dose groups open on `on` with their due day, in due order."""
    view = dose_status(birth, on, shots)
    rows = [(due, group) for group, (given, due) in view.groups.items() if given is None and due and due <= on]
    return [{"group": group, "due_since": due.isoformat(), "overdue": on - due > OVERDUE_AFTER}
            for due, group in sorted(rows)]


def _row(child: Record, doses: list[dict]) -> dict:
    data = child.data
    return {"child_id": child.id, "name": data.get("name"), "doses": doses, "unit_code": child.unit_code,
            "village_code": data.get("village_code"), "birth_date": data.get("birth_date"),
            "guardian_name": data.get("guardian_name"), "guardian_phone": data.get("guardian_phone")}


def due_list(units: list[str], on: date) -> dict:
    """{"on", "children": [...]}: every child of the units with at least one open dose, by village then name."""
    children = _children(units, on)
    shots = _shots([c.id for c in children])
    out = []
    for child in children:
        doses = open_doses(_day(child.data["birth_date"]), on, shots.get(child.id, []))
        if doses:
            out.append(_row(child, doses))
    out.sort(key=lambda r: (r["unit_code"] or "", r["village_code"] or "", r["name"] or "", r["child_id"]))
    return {"on": on.isoformat(), "children": out}
