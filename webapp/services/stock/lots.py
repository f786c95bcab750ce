"""A unit's vaccine stock by lot on a day, from its stored stock movements and vaccinations."""

from datetime import date

from sqlalchemy import select

from webapp.domain.stock import Dose, Lot, lot_balances
from webapp.extensions import db
from webapp.models import Record


def _records(kind: str, units: list[str], on: date):
    return db.session.execute(select(Record.unit_code, Record.id, Record.data).where(
        Record.kind == kind, Record.unit_code.in_(units), Record.deleted.is_(False), Record.event_date <= on)).all()


def _dose(record_id: str, data: dict) -> Dose:
    expiry = data.get("expiry_date")
    return Dose(record_id, data["vaccine"], data["lot_no"], date.fromisoformat(data["given_on"]),
                date.fromisoformat(expiry) if expiry else None)


def stock_of_units(units: list[str], on: date) -> dict[str, list[Lot]]:
    """Each unit's lots on `on` (a unit with no movement and no dose has an empty list)."""
    movements = {u: [] for u in units}
    doses = {u: [] for u in units}
    for unit, _id, data in _records("stock_movement", units, on):
        movements[unit].append(data)
    for unit, record_id, data in _records("vaccination", units, on):
        doses[unit].append(_dose(record_id, data))
    return {u: lot_balances(movements[u], doses[u], on) for u in units}


def unit_stock(unit: str, on: date) -> dict:
    """GET /api/v1/stock: the lots of one unit on a day, and the doses given from an expired lot."""
    lots = stock_of_units([unit], on)[unit]
    expired = [{"vaccination_id": dose_id, "vaccine": lot.vaccine, "lot_no": lot.lot_no,
                "expiry_date": lot.expiry_date.isoformat()} for lot in lots for dose_id in lot.expired_doses]
    return {"unit": unit, "on": on.isoformat(), "lots": [lot.as_dict() for lot in lots], "expired_doses": expired}
