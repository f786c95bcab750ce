"""The assessor's village survey (范本1 五.1(1), 三): the cohort, the village draw, the registry children to propose,
and every write through the sync pipeline (`apply_item`), so a survey made here is the same record as a phone's."""

import random
import uuid
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, select

from webapp.domain.schedule.dates import add_months
from webapp.extensions import db
from webapp.models import Record, Village
from webapp.services import county
from webapp.services.sync.pipeline import apply_item

DEFAULT_COHORT = (12, 36)


def survey_cohort(template) -> tuple:
    """(min, max) months of age of the children a template's village survey takes (its section setting)."""
    found = [s.survey_cohort for p in template.parts for s in p.sections if s.survey_cohort]
    return found[0] if found else DEFAULT_COHORT


def cohort_dates(cohort: tuple, surveyed_on: date) -> tuple[date, date]:
    """(cohort_from, cohort_to): the birth dates of children aged min to under max months on the survey day."""
    low, high = cohort
    return add_months(surveyed_on, -high) + timedelta(days=1), add_months(surveyed_on, -low)


def unit_villages(unit_code: str) -> list:
    """The unit's villages (code, name), by code."""
    return db.session.execute(select(Village.code, Village.name).where(Village.unit_code == unit_code)
                              .order_by(Village.code)).all()


def draw_village(unit_code: str, rng=None) -> str | None:
    """A village of the unit drawn at random (None when the unit has none)."""
    villages = unit_villages(unit_code)
    return (rng or random.SystemRandom()).choice(villages).code if villages else None


def registry_children(unit_code: str, village_code: str | None, born_from: date, born_to: date) -> list:
    """The unit's live registry children born in [born_from, born_to] (of the village, when given), by birth date."""
    village = Record.data["village_code"].as_string()
    rows = db.session.execute(select(Record.id, Record.data, village.label("village")).where(
        and_(Record.kind == "child", Record.deleted.is_(False), Record.unit_code == unit_code,
             Record.event_date >= born_from, Record.event_date <= born_to))
        .order_by(Record.event_date, Record.id)).all()
    return [r for r in rows if village_code is None or r.village == village_code]


def registry_doses(child_ids) -> dict:
    """child id → [{"vaccine", "date"}] of its vaccinations in any unit, by date."""
    out = {}
    ids = list(child_ids)
    for i in range(0, len(ids), 500):
        for row in db.session.execute(select(Record.child_id, Record.vaccine, Record.event_date).where(
                Record.kind == "vaccination", Record.deleted.is_(False), Record.child_id.in_(ids[i:i + 500]))
                .order_by(Record.event_date)).all():
            out.setdefault(row.child_id, []).append({"vaccine": row.vaccine, "date": row.event_date.isoformat()})
    return out


def from_registry(survey: dict, survey_id: str, child_id: str, child: dict) -> dict:
    """A surveyed child proposed from the registry: its name, sex and birth date; the rest is the assessor's."""
    return {"survey_id": survey_id, "unit_code": survey["unit_code"], "child_id": child_id, "name": child["name"],
            "sex": child["sex"], "birth_date": child["birth_date"], "certificate": "present", "doses": []}


def write(user, kind: str, data: dict, record_id: str | None = None, base_rev: int | None = None,
          on: date | None = None) -> dict:
    """Store a survey record as the user (the sync pipeline's result); flushes, never commits."""
    moment = datetime.combine(on, time(10), county.zone()) if on else datetime.now(county.zone())
    return apply_item(user, {"kind": kind, "id": record_id or str(uuid.uuid4()), "base_rev": base_rev,
                             "captured_at": moment.isoformat(), "captured_by": user.username, "data": data})
