"""The village surveys the scores read (范本1 三): a unit's surveys, their children, each linked child's doses.

`load_surveys` gives the rows of the `survey` metric source (domain/metrics/survey.py); `survey_fields` names the
survey a scorecard used, for the scores body (records.md: `"survey": {"id", "village_code", "children"}` or null).
"""

from datetime import date
from types import SimpleNamespace

from sqlalchemy import and_, select

from webapp.domain.metrics import SURVEY_METRICS
from webapp.domain.metrics.survey import pick_survey
from webapp.extensions import db
from webapp.models import Record


def _live(kind):
    return and_(Record.kind == kind, Record.deleted.is_(False))


def _day(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def _surveyed_child(row, doses: dict) -> SimpleNamespace:
    data = row.data
    return SimpleNamespace(
        id=row.id, child_id=row.child_id, name=data.get("name"), birth_date=_day(data.get("birth_date")),
        resident_since=_day(data.get("resident_since")), certificate=data.get("certificate"),
        bcg_scar=data.get("bcg_scar"), doses=[(d.get("vaccine"), _day(d.get("date"))) for d in data.get("doses") or []],
        registry=doses.get(row.child_id, []) if row.child_id else [])


def _linked_doses(child_ids: set) -> dict:
    """child id → [(vaccine, given_on, vaccination id)] in any unit."""
    out, ids = {}, sorted(child_ids)
    for i in range(0, len(ids), 500):
        for row in db.session.execute(select(Record.child_id, Record.vaccine, Record.event_date, Record.id).where(
                _live("vaccination"), Record.child_id.in_(ids[i:i + 500]))).all():
            out.setdefault(row.child_id, []).append((row.vaccine, row.event_date, row.id))
    return out


def load_surveys(units) -> dict:
    """unit code → its surveys (id, period, village_code, surveyed_on, children), in surveyed order."""
    surveys = db.session.execute(select(Record.id, Record.unit_code, Record.data).where(
        _live("survey"), Record.unit_code.in_(list(units)))).all()
    ids = [s.id for s in surveys]
    rows = []
    for i in range(0, len(ids), 500):
        rows += db.session.execute(select(Record.id, Record.parent_id, Record.child_id, Record.data).where(
            _live("survey_child"), Record.parent_id.in_(ids[i:i + 500])).order_by(Record.id)).all()
    doses = _linked_doses({r.child_id for r in rows if r.child_id})
    children = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(_surveyed_child(row, doses))
    out = {u: [] for u in units}
    for s in sorted(surveys, key=lambda s: (s.data.get("surveyed_on") or "", s.id)):
        out[s.unit_code].append(SimpleNamespace(
            id=s.id, unit_code=s.unit_code, period=s.data.get("period"), village_code=s.data.get("village_code"),
            template=s.data.get("template"), surveyed_on=_day(s.data.get("surveyed_on")),
            children=children.get(s.id, [])))
    return out


def uses_survey(part) -> bool:
    """The part has an item computed from the village survey."""
    return any(i.metric in SURVEY_METRICS for s in part.sections for i in s.items)


def survey_fields(windows, unit: str) -> dict:
    """The scores body's survey fields: {} when no part scores from a survey; else `survey` (the last such part's
    survey, or None) and `surveys` ([{"part", "id", "village_code", "children"}] per part that has one)."""
    windows = [w for w in windows if uses_survey(w.part)]
    if not windows:
        return {}
    surveys = load_surveys([unit])[unit]
    per_part = []
    for w in windows:
        found = pick_survey(surveys, w.period.start, w.period.end)
        if found is not None:
            per_part.append({"part": w.part.code, "id": found.id, "village_code": found.village_code,
                             "children": len(found.children)})
    last = per_part[-1] if per_part else None
    return {"survey": {k: last[k] for k in ("id", "village_code", "children")} if last else None,
            "surveys": per_part}
