"""The county's cold-chain view for a month: per unit and appliance, the readings owed, missing and out of range."""

from collections import Counter
from datetime import date, datetime, timedelta

from sqlalchemy import select

from webapp.domain.cold_chain import missing_slots, outside
from webapp.domain.periods import Period
from webapp.extensions import db
from webapp.models import Equipment, Record, Unit


def _days(period: Period, today: date) -> list[date]:
    last = min(period.last_day, today - timedelta(days=1))  # today is not over yet
    return [period.start + timedelta(days=i) for i in range((last - period.start).days + 1)]


def _readings(codes: list[str], period: Period) -> dict[str, list[tuple]]:
    rows = db.session.execute(select(Record.id, Record.event_date, Record.data).where(
        Record.kind == "temperature_reading", Record.unit_code.in_(codes), Record.deleted.is_(False),
        Record.event_date >= period.start, Record.event_date < period.end)).all()
    out: dict[str, list[tuple]] = {}
    for record_id, day, data in rows:
        out.setdefault(data["equipment_code"], []).append((record_id, day, data))
    return out


def _appliance(equipment: Equipment, readings: list[tuple], days: list[date], zone) -> dict:
    per_day = Counter(day for _id, day, _data in readings)
    gaps = missing_slots(days, equipment.readings_per_day, per_day)
    hot = sorted(({"id": rid, "read_at": datetime.fromisoformat(d["read_at"]).astimezone(zone),
                   "celsius": d["celsius"], "action": d.get("action")} for rid, _day, d in readings
                  if outside(d["celsius"], equipment.range_min, equipment.range_max)), key=lambda x: x["read_at"])
    return {"code": equipment.code, "name": equipment.name, "kind": equipment.kind, "range_min": equipment.range_min,
            "range_max": equipment.range_max, "owed": len(days) * equipment.readings_per_day,
            "readings": len(readings), "gaps": gaps, "excursions": hot,
            "without_action": sum(1 for x in hot if not x["action"])}


def cold_chain_month(units: list[str], period: Period, today: date, zone) -> list[dict]:
    """Per unit (in code order): its active appliances with readings owed, missing slots and excursions."""
    days = _days(period, today)
    readings = _readings(units, period)
    appliances = db.session.execute(select(Equipment).where(Equipment.unit_code.in_(units), Equipment.active)
                                    .order_by(Equipment.unit_code, Equipment.code)).scalars().all()
    names = dict(db.session.execute(select(Unit.code, Unit.name).where(Unit.code.in_(units))).all())
    out = {code: {"unit": code, "unit_name": names.get(code, code), "appliances": []} for code in sorted(names)}
    for equipment in appliances:
        out[equipment.unit_code]["appliances"].append(
            _appliance(equipment, readings.get(equipment.code, []), days, zone))
    return list(out.values())
