"""Vaccine stock by lot, from a unit's stock movements and the doses it gave (records.md, GET /api/v1/stock).

Plain values in and out: movements are `stock_movement` data (dates as ISO text or `date`), doses are
(id, vaccine, lot_no, given_on, expiry_date) of the unit's vaccinations. balance = received + returned −
issued − wasted − given; `counted` is the last monthly count on or before the day. A dose given after its
lot's expiry date is a fact, never refused: it is listed so the county sees it.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

COLUMN = {"receive": "received", "issue": "issued", "return": "returned", "waste": "wasted"}


@dataclass(frozen=True)
class Dose:
    """One vaccination as the stock sees it."""

    id: str
    vaccine: str
    lot_no: str
    given_on: date
    expiry_date: date | None = None


@dataclass
class Lot:
    """The running figures of one vaccine lot in one unit."""

    vaccine: str
    lot_no: str
    expiry_date: date | None = None
    manufacturer: str | None = None
    received: int = 0
    issued: int = 0
    returned: int = 0
    wasted: int = 0
    given: int = 0
    counted: int | None = None
    counted_on: date | None = None
    book_at_count: int | None = None
    expired_doses: list[str] = field(default_factory=list)

    @property
    def balance(self) -> int:
        """received + returned − issued − wasted − given."""
        return self.received + self.returned - self.issued - self.wasted - self.given

    def as_dict(self) -> dict:
        """The lot as the API shows it."""
        return {"vaccine": self.vaccine, "lot_no": self.lot_no, "manufacturer": self.manufacturer,
                "expiry_date": _iso(self.expiry_date), "received": self.received, "issued": self.issued,
                "returned": self.returned, "wasted": self.wasted, "given": self.given, "balance": self.balance,
                "counted": self.counted, "counted_on": _iso(self.counted_on),
                "count_difference": count_difference(self), "given_expired": len(self.expired_doses)}


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _day(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _add_movement(lot: Lot, move: dict) -> None:
    kind, doses = move["kind"], move["doses"]
    if kind == "count":
        lot.counted, lot.counted_on, lot.book_at_count = doses, _day(move["on_date"]), lot.balance
        return
    setattr(lot, COLUMN[kind], getattr(lot, COLUMN[kind]) + doses)
    if kind == "receive" or lot.expiry_date is None:
        lot.expiry_date, lot.manufacturer = _day(move["expiry_date"]), move.get("manufacturer")


def _add_dose(lot: Lot, dose: Dose) -> None:
    lot.given += 1
    if lot.expiry_date is None:
        lot.expiry_date = dose.expiry_date
    if expired_on(lot.expiry_date or dose.expiry_date, dose.given_on):
        lot.expired_doses.append(dose.id)


def _events(movements: list[dict], doses: list[Dose], on: date) -> list[tuple]:
    """Movements and doses up to `on` in day order; on one day, movements first, then doses, then the count."""
    events = [(_day(m["on_date"]), 2 if m["kind"] == "count" else 0, i, m) for i, m in enumerate(movements)]
    events += [(d.given_on, 1, i, d) for i, d in enumerate(doses)]
    return sorted((e for e in events if e[0] <= on), key=lambda e: e[:3])


def lot_balances(movements: list[dict], doses: list[Dose], on: date) -> list[Lot]:
    """Every lot the unit moved or gave up to `on` (inclusive), ordered by vaccine, expiry and lot."""
    lots: dict[tuple[str, str], Lot] = {}
    for *_key, event in _events(movements, doses, on):
        if isinstance(event, Dose):
            _add_dose(lots.setdefault((event.vaccine, event.lot_no), Lot(event.vaccine, event.lot_no)), event)
        else:
            key = (event["vaccine"], event["lot_no"])
            _add_movement(lots.setdefault(key, Lot(*key)), event)
    return sorted(lots.values(), key=lambda x: (x.vaccine, x.expiry_date or date.max, x.lot_no))


def expired_on(expiry: date | None, day: date) -> bool:
    """A lot is expired on a day after its expiry date (the expiry date itself is still usable)."""
    return expiry is not None and day > expiry


def count_difference(lot: Lot) -> int | None:
    """The doses counted on the shelf minus the book balance that day (None without a count): not zero where the
    doses recorded as given do not match what left the shelf (苗账不符)."""
    if lot.counted is None:
        return None
    return lot.counted - lot.book_at_count


@dataclass(frozen=True)
class CountCheck:
    """A lot's last monthly count in a span, against the book that day (the figures the book adds up)."""

    vaccine: str
    lot_no: str
    count_id: str | None
    on_date: date
    counted: int
    received: int
    returned: int
    issued: int
    wasted: int
    given: int

    @property
    def book(self) -> int:
        """received + returned − issued − wasted − given on the count's day."""
        return self.received + self.returned - self.issued - self.wasted - self.given

    @property
    def difference(self) -> int:
        """Doses counted minus doses on the book (0: 苗账相符)."""
        return self.counted - self.book


def count_checks(movements: list[dict], doses: list[Dose], start: date, end: date) -> list[CountCheck]:
    """The last count of each lot dated in [start, end), against its book that day (movements may carry an `id`)."""
    lots: dict[tuple[str, str], Lot] = {}
    found: dict[tuple[str, str], CountCheck] = {}
    for day, _order, _i, event in _events(movements, doses, end - timedelta(days=1)):
        if isinstance(event, Dose):
            _add_dose(lots.setdefault((event.vaccine, event.lot_no), Lot(event.vaccine, event.lot_no)), event)
            continue
        key = (event["vaccine"], event["lot_no"])
        lot = lots.setdefault(key, Lot(*key))
        _add_movement(lot, event)
        if event["kind"] == "count" and day >= start:
            found[key] = CountCheck(*key, event.get("id"), day, lot.counted, lot.received, lot.returned,
                                    lot.issued, lot.wasted, lot.given)
    return sorted(found.values(), key=lambda c: (c.vaccine, c.lot_no))
