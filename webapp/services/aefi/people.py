"""The person an AEFI report is about, for the county's outputs (queue, case page, case card, line list).

A report names the person itself (`name`, `sex`, `birth_date` …) or links a registry child (`child_id`). A linked
child is read from the registry only inside the reviewer's scope (the child's unit among the reviewer's units);
the report's own guardian, phone and address come first when the reporter wrote them, else the child's guardian,
the guardian's phone and the child's village.
"""

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Record, Unit, Village

OWN_FIRST = ("guardian_name", "phone", "address")  # the reporter's own value wins over the registry's
FIELDS = ("name", "sex", "birth_date", "guardian_name", "phone", "address", "certificate_no")


def person_of(report: dict, child: dict | None, village_names: dict) -> dict:
    """The person's fields from the report, completed from the linked registry child (None: not linked/readable)."""
    child = child or {}
    from_child = {"name": child.get("name"), "sex": child.get("sex"), "birth_date": child.get("birth_date"),
                  "guardian_name": child.get("guardian_name"), "phone": child.get("guardian_phone"),
                  "address": village_names.get(child.get("village_code")),
                  "certificate_no": child.get("certificate_no")}
    out = {}
    for key in FIELDS:
        first, then = (report.get(key), from_child[key]) if key in OWN_FIRST else (from_child[key], report.get(key))
        out[key] = first or then or ""
    return out


def linked_children(child_ids, units) -> dict:
    """child id → data of the live registry children among `child_ids` whose unit is one of `units`."""
    ids = sorted({c for c in child_ids if c})
    if not ids:
        return {}
    rows = db.session.execute(select(Record.id, Record.data).where(
        Record.kind == "child", Record.deleted.is_(False), Record.id.in_(ids), Record.unit_code.in_(units))).all()
    return dict(rows)


def attach_people(cases, units) -> list:
    """Set each case's `person` (from its linked child within `units`) and `unit_name`; returns the cases."""
    children = linked_children([c.data.get("child_id") for c in cases], units)
    villages = {v.get("village_code") for v in children.values()}
    village_names = dict(db.session.execute(select(Village.code, Village.name).where(
        Village.code.in_([v for v in villages if v]))).all()) if villages else {}
    unit_names = dict(db.session.execute(select(Unit.code, Unit.name).where(
        Unit.code.in_(sorted({c.unit for c in cases})))).all()) if cases else {}
    for case in cases:
        case.person = person_of(case.data, children.get(case.data.get("child_id")), village_names)
        case.unit_name = unit_names.get(case.unit, case.unit)
    return cases
