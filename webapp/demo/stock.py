"""Demo stock, cold-chain readings and 留观 for the demo county, written through the sync pipeline.

Deterministic (ids from names, values from the seeded Random) and idempotent (nothing is written when the
marker movement exists). Stock: every lot the unit gave from last month on is received on the first day of the
month it was first given, enough for every dose of it; the lots received by last month's end are counted on its
last day against their whole book (now and then a count a dose short, so the county sees a mismatch); a lot
expiring within three weeks is on the shelf. Readings: two a day per appliance from last month's first day, with a
few missing and two excursions (one without the action taken). Observations: the doses from last month on, a few
children not observed and a few leaving early, so the month's report and 月总结 read a whole month.
"""

import hashlib
import uuid
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from webapp.dbtypes import utcnow
from webapp.extensions import db
from webapp.models import Equipment, Record, User
from webapp.services import county
from webapp.services.sync.pipeline import apply_items, push_context, validate_item

UNITS = ("U01", "U02", "U03", "U04")
WASTE_NOTES = ("安瓿破损", "开启后超过规定时间", "冷链异常报废")


def demo_id(name: str) -> str:
    """A fixed UUID (v4 layout) for a demo record."""
    return str(uuid.UUID(bytes=hashlib.md5(f"immuqc-demo-stock:{name}".encode()).digest(), version=4))  # noqa: S324


def seed_stock_demo(rng) -> list[str]:
    """Add the stock, cold-chain and observation demo records unless they exist; a line per unit written."""
    if db.session.get(Record, demo_id("marker")) is not None:
        return []
    zone, out = county.zone(), []
    now = utcnow().astimezone(zone)
    for unit in UNITS:
        nurse = _nurse_of(unit)
        if nurse is None:
            continue
        items = _stock(unit, nurse, now.date(), zone, rng) + _readings(unit, nurse, now, rng)
        items += _observations(unit, nurse, now, rng)
        results = apply_items(push_context(nurse, "demo", 0.0), [validate_item(i) for i in items])
        bad = [r for r in results if r["status"] not in ("created", "duplicate")]
        if bad:
            raise RuntimeError(f"demo stock {unit}: {bad[:3]}")
        out.append(f"created demo stock, readings and observations of {unit}: {len(items)} records")
    return out


def _nurse_of(unit: str) -> User | None:
    return db.session.execute(select(User).where(User.role == "nurse", User.scope_code == unit, User.active)
                              .order_by(User.username).limit(1)).scalar_one_or_none()


def _item(kind: str, name: str, data: dict, nurse: User, at: datetime) -> dict:
    return {"kind": kind, "id": demo_id(name), "base_rev": None, "captured_at": at.isoformat(),
            "captured_by": nurse.username, "data": data}


def _doses_since(unit: str, since: date):
    return db.session.execute(select(Record.id, Record.child_id, Record.event_date, Record.data).where(
        Record.kind == "vaccination", Record.unit_code == unit, Record.deleted.is_(False),
        Record.event_date >= since).order_by(Record.event_date, Record.id)).all()


def _lots(unit: str, since: date) -> dict:
    """(vaccine, lot_no) → [manufacturer, expiry, doses given per month, first day given] of the lots given from
    `since` on, with every dose of them (earlier ones too: the book counts them all)."""
    lots, last = {}, {}
    for _id, _child, day, data in _doses_since(unit, date.min):
        key = (data["vaccine"], data["lot_no"])
        lot = lots.setdefault(key, [data["manufacturer"], data.get("expiry_date"), defaultdict(int), day])
        lot[2][day.replace(day=1)] += 1
        lot[3], last[key] = min(lot[3], day), max(last.get(key, day), day)
    return {key: lot for key, lot in lots.items() if last[key] >= since}


def _last_month_start(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def _stock(unit, nurse, today, zone, rng) -> list[dict]:
    first = _last_month_start(today)
    month_end = today.replace(day=1) - timedelta(days=1)
    items, base = [], {"unit_code": unit, "by": nurse.display_name or nurse.username}
    for n, ((vaccine, lot_no), (maker, expiry, per_month, first_day)) in enumerate(sorted(_lots(unit, first).items())):
        lot = {**base, "vaccine": vaccine, "lot_no": lot_no, "manufacturer": maker,
               "expiry_date": expiry or (first_day + timedelta(days=400)).isoformat()}
        given = sum(per_month.values())
        received_on = first_day.replace(day=1)
        received = (given // 10 + 2) * 10
        at = datetime.combine(received_on, time(9), zone)
        receipt = {**lot, "kind": "receive", "doses": received, "on_date": received_on.isoformat()}
        items.append(_item("stock_movement", f"{unit}:{lot_no}:{vaccine}:receive", receipt, nurse, at))
        wasted = 1 if rng.random() < 0.2 else 0
        if wasted:
            items.append(_item("stock_movement", f"{unit}:{lot_no}:{vaccine}:waste",
                               {**lot, "kind": "waste", "doses": 1, "on_date": received_on.isoformat(),
                                "note": rng.choice(WASTE_NOTES)}, nurse, at))
        before_end = sum(c for m, c in per_month.items() if m <= month_end)
        if received_on <= month_end:
            short = 1 if n % 12 == 4 else 0  # now and then a dose used but not recorded as given
            items.append(_item("stock_movement", f"{unit}:{lot_no}:{vaccine}:count",
                               {**lot, "kind": "count", "doses": received - wasted - before_end - short,
                                "on_date": month_end.isoformat()}, nurse, datetime.combine(month_end, time(17), zone)))
    expiring = {**base, "vaccine": "HepB", "lot_no": f"{today:%Y%m}X", "manufacturer": "大连汉信",
                "expiry_date": (today + timedelta(days=20)).isoformat()}
    items.append(_item("stock_movement", "marker" if unit == "U01" else f"{unit}:expiring",
                       {**expiring, "kind": "receive", "doses": 20, "on_date": first.isoformat()}, nurse,
                       datetime.combine(first, time(9), zone)))
    return items


def _readings(unit, nurse, now, rng) -> list[dict]:
    items = []
    appliances = db.session.execute(select(Equipment).where(Equipment.unit_code == unit, Equipment.active)
                                    .order_by(Equipment.code)).scalars().all()
    for appliance in appliances:
        middle = (appliance.range_min + appliance.range_max) / 2
        for back in range((now.date() - _last_month_start(now.date())).days, -1, -1):
            day = now.date() - timedelta(days=back)
            for hour in (8, 16):
                at = datetime.combine(day, time(hour, rng.randint(0, 40)), now.tzinfo)
                if at > now or rng.random() < 0.03:
                    continue  # not yet, or forgotten
                data = {"unit_code": unit, "equipment_code": appliance.code, "read_at": at.isoformat(),
                        "celsius": round(middle + rng.uniform(-2, 2), 1)}
                if back in (12, 5) and hour == 16 and appliance.kind == "refrigerator":
                    data["celsius"] = round(appliance.range_max + rng.uniform(0.5, 3), 1)  # an excursion
                    if back == 12:
                        data["action"] = "检查门封，转移疫苗至备用冰箱，1小时后复测正常"
                items.append(_item("temperature_reading", f"{appliance.code}:{at:%Y%m%d%H}", data, nurse, at))
    return items


def _observations(unit, nurse, now, rng) -> list[dict]:
    groups = defaultdict(list)
    for record_id, child_id, day, _data in _doses_since(unit, _last_month_start(now.date())):
        groups[(child_id, day)].append(record_id)
    items = []
    for (child_id, day), dose_ids in sorted(groups.items(), key=lambda g: (g[0][1], g[0][0])):
        if rng.random() < 0.08:
            continue  # not observed
        start = datetime.combine(day, time(9, 40), now.tzinfo) + timedelta(minutes=rng.randint(0, 200))
        outcome = "left_early" if rng.random() < 0.06 else "no_reaction"
        minutes = rng.randint(8, 20) if outcome == "left_early" else 30
        data = {"unit_code": unit, "child_id": child_id, "vaccination_ids": sorted(dose_ids),
                "started_at": start.isoformat(), "ended_at": (start + timedelta(minutes=minutes)).isoformat(),
                "outcome": outcome}
        if start + timedelta(minutes=minutes) <= now:
            items.append(_item("observation", f"{child_id}:{day}", data, nurse, start + timedelta(minutes=minutes)))
    return items
