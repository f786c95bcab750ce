"""留观 rates per unit and month: children vaccinated (child and day), observed, left early, with a reaction."""

from sqlalchemy import select

from webapp.domain.periods import Period
from webapp.extensions import db
from webapp.models import Record, Unit


def _rows(kind: str, units: list[str], period: Period):
    return db.session.execute(select(Record.unit_code, Record.child_id, Record.event_date, Record.data).where(
        Record.kind == kind, Record.unit_code.in_(units), Record.deleted.is_(False),
        Record.event_date >= period.start, Record.event_date < period.end)).all()


def observation_rates(units: list[str], period: Period) -> list[dict]:
    """Per unit: vaccinated children (a child on a day counts once), observed ones, the rate, left early, reactions."""
    names = dict(db.session.execute(select(Unit.code, Unit.name).where(Unit.code.in_(units))).all())
    out = {u: {"unit": u, "unit_name": names[u], "vaccinated": set(), "observed": set(), "left_early": 0,
               "reaction": 0} for u in sorted(names)}
    for unit, child, day, _data in _rows("vaccination", units, period):
        out[unit]["vaccinated"].add((child, day))
    for unit, child, day, data in _rows("observation", units, period):
        out[unit]["observed"].add((child, day))
        if data["outcome"] in ("left_early", "reaction"):
            out[unit][data["outcome"]] += 1
    rows = []
    for row in out.values():
        vaccinated, observed = len(row["vaccinated"]), len(row["observed"] & row["vaccinated"])
        rows.append({**row, "vaccinated": vaccinated, "observed": observed,
                     "rate": round(100 * observed / vaccinated, 1) if vaccinated else None})
    return rows
