"""A unit's month of stock, cold chain and 留观, for the monthly report page, its Excel file and the 月总结.

Stock per vaccine: doses received (`receive` movements dated in the month), given (the unit's vaccinations of the
month), wasted (`waste` movements, by their reason: the movement's note) and the wastage rate wasted / (given +
wasted); the lots on the shelf on the month's last day (today while it runs) expiring within STOCK_EXPIRY_WARN_DAYS
or already expired; and each lot's last count of the month that differs from the book (domain/stock.count_checks).
Cold chain per active appliance: readings owed, taken, missing and out of range (services/stock/cold_chain.py).
留观: children vaccinated (a child on a day once), observed, the rate, reactions, left early
(services/stock/observations.py).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import or_, select

from webapp.domain.periods import Period
from webapp.domain.stock import Dose, count_checks
from webapp.extensions import db
from webapp.models import Record
from webapp.services.stock.cold_chain import cold_chain_month
from webapp.services.stock.county import expiry_warn_days, vaccine_label
from webapp.services.stock.lots import stock_of_units
from webapp.services.stock.observations import observation_rates


@dataclass
class VaccineMonth:
    """One vaccine's doses in the month."""

    vaccine: str
    name: str
    received: int = 0
    given: int = 0
    wasted: int = 0
    reasons: dict = field(default_factory=dict)  # the waste note → doses

    @property
    def wastage(self) -> float | None:
        """wasted / (given + wasted) in percent (None when neither)."""
        used = self.given + self.wasted
        return round(100 * self.wasted / used, 1) if used else None


@dataclass
class MonthFigures:
    """The stock, cold-chain and 留观 figures of one unit's month."""

    vaccines: list
    expiring: list      # lot dicts (GET /api/v1/stock's fields) with vaccine_name and expired
    differences: list   # CountCheck of the month that differ, with the vaccine's name
    appliances: list    # services/stock/cold_chain.py's appliance dicts, with `taken`: the slots owed and filled
    observation: dict
    stocked: bool = False  # the unit has recorded any stock movement by the month's end

    def totals(self) -> VaccineMonth:
        """Every vaccine's doses added up."""
        out = VaccineMonth("", "")
        for v in self.vaccines:
            out.received, out.given, out.wasted = out.received + v.received, out.given + v.given, out.wasted + v.wasted
            for note, n in v.reasons.items():
                out.reasons[note] = out.reasons.get(note, 0) + n
        return out


def _records(kind: str, unit: str, end: date, *where):
    return db.session.execute(select(Record.id, Record.event_date, Record.data).where(
        Record.kind == kind, Record.unit_code == unit, Record.deleted.is_(False), Record.event_date < end,
        *where)).all()


def _vaccines(moves, doses, period: Period, lang: str) -> list[VaccineMonth]:
    out: dict[str, VaccineMonth] = {}

    def row(code):
        return out.setdefault(code, VaccineMonth(code, vaccine_label(code, lang)))
    for data in moves:
        if period.start <= data["on_date"] and data["kind"] in ("receive", "waste"):
            v = row(data["vaccine"])
            if data["kind"] == "receive":
                v.received += data["doses"]
            else:
                v.wasted += data["doses"]
                note = (data.get("note") or "").strip() or "—"
                v.reasons[note] = v.reasons.get(note, 0) + data["doses"]
    for dose in doses:
        if dose.given_on >= period.start:
            row(dose.vaccine).given += 1
    return sorted(out.values(), key=lambda v: v.vaccine)


def month_figures(unit: str, period: Period, today: date, zone, lang: str) -> MonthFigures:
    """The unit's month as the module docstring says (a month still running: to today)."""
    on = min(period.last_day, today)
    end = on + timedelta(days=1)
    moves = [{**data, "id": rid, "on_date": day} for rid, day, data in _records("stock_movement", unit, end)]
    stocked = {m["vaccine"] for m in moves}
    doses = [Dose(rid, d["vaccine"], d["lot_no"], day) for rid, day, d in _records(  # the month's, and the stock's
        "vaccination", unit, end, or_(Record.event_date >= period.start, Record.vaccine.in_(sorted(stocked))))]
    differences = [c for c in count_checks(moves, [d for d in doses if d.vaccine in stocked], period.start, end)
                   if c.difference]
    warn = on + timedelta(days=expiry_warn_days())
    expiring = [{**lot.as_dict(), "vaccine_name": vaccine_label(lot.vaccine, lang), "expired": lot.expiry_date < on}
                for lot in stock_of_units([unit], on)[unit]
                if lot.expiry_date and lot.expiry_date <= warn and lot.balance > 0 and (lot.received or lot.counted)]
    cold = cold_chain_month([unit], period, today, zone)
    appliances = [{**a, "taken": a["owed"] - len(a["gaps"])} for a in (cold[0]["appliances"] if cold else [])]
    observed = observation_rates([unit], period)
    return MonthFigures(_vaccines(moves, doses, period, lang), expiring,
                        [(vaccine_label(c.vaccine, lang), c) for c in differences], appliances,
                        observed[0] if observed else {}, bool(moves))
