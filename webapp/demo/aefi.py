"""Demo AEFI data: reports with reviews, zero reports (one late, one contradicted), a lot seen in two units,
and a silent unit (大井镇防保站 U04 reports nothing). Written through the sync pipeline like a phone's push.

Dates are relative to today so the timers and the calendar look live; ids are fixed (derived from names), so
a second run finds its records and adds nothing.
"""

import hashlib
import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from webapp.dbtypes import utcnow
from webapp.domain.periods import period_of, periods_between
from webapp.extensions import db
from webapp.models import Record
from webapp.services.accounts.users import find_user
from webapp.services.aefi.settings import aefi_settings
from webapp.services.sync.pipeline import apply_item

NURSES = {"U01": ("demo-nurse", "王护士"), "U03": ("demo-nurse-b", "张护士")}
# key, unit, days before today (onset), serious, lot, review steps
REPORTS = [
    ("r1", "U01", 150, False, "202511B", [("classified", 5), ("closed", 9)]),
    ("r2", "U01", 95, True, "202512C", [("investigating", 1)]),
    ("r3", "U01", 20, False, "202603A", [("returned", 1)]),
    ("r4", "U03", 120, False, "202511B", [("coincidental", 4), ("closed", 6)]),
    ("r5", "U03", 60, False, "202602D", []),
    ("r6", "U03", 3, False, "202603A", []),
]
CHILD_NAMES = ["刘子涵", "陈雨桐", "杨浩宇", "赵欣怡", "黄梓轩", "周思琪"]


def demo_id(name: str) -> str:
    """A fixed UUID (v4 layout) for a demo record."""
    return str(uuid.UUID(bytes=hashlib.md5(f"immuqc-demo-aefi:{name}".encode()).digest(), version=4))  # noqa: S324


def seed_aefi_demo(rng) -> list[str]:
    """Add the AEFI demo records unless they exist; returns a line per record created."""
    if db.session.get(Record, demo_id("r1")) is not None:
        return []
    settings = aefi_settings()
    zone = ZoneInfo(settings.timezone)
    today = utcnow().astimezone(zone).date()
    out = _zero_reports(today, zone, settings.cadence)
    for spec in REPORTS:
        position = sum(1 for other in REPORTS[:REPORTS.index(spec)] if other[1] == spec[1])
        out += _report(position, spec, today, zone, rng)
    return out


def _push(username: str, kind: str, record_id: str, data: dict, captured_at: datetime, base_rev=None) -> dict:

    item = {"kind": kind, "id": record_id, "base_rev": base_rev, "captured_at": captured_at.isoformat(),
            "captured_by": username, "data": data}
    result = apply_item(find_user(username), item, device_id="demo")
    if result["status"] not in ("created", "updated", "duplicate"):
        raise RuntimeError(f"demo {kind} {record_id}: {result}")
    return result


def _zero_reports(today, zone, cadence) -> list[str]:
    """Zero reports for ended periods of this year (and at least the last half year) without a case, so the demo
    year's AEFI items are scored on what the units filed; the contradicted period first."""
    case_periods = {(unit, period_of(today - timedelta(days=days), cadence)) for _k, unit, days, *_ in REPORTS}
    contradicted = ("U01", period_of(today - timedelta(days=45), cadence))
    start = min(today - timedelta(days=180), today.replace(month=1, day=1))
    ended = [p for p in periods_between(start, today, cadence) if p.end <= today]
    out = []
    for period in ended:
        for unit, (username, name) in NURSES.items():
            if (unit, period.name) in case_periods:
                continue
            late = unit == "U03" and period == ended[0]
            attested = datetime.combine(period.end + timedelta(days=12 if late else 1), time(9), zone)
            attested = min(attested, utcnow().astimezone(zone))
            data = {"unit_code": unit, "period": period.name, "attested_by": name,
                    "attested_at": attested.isoformat()}
            _push(username, "aefi_zero_report", demo_id(f"zero-{unit}-{period.name}"), data, attested)
            out.append(f"created AEFI zero report {unit} {period.name}{' (late)' if late else ''}")
    if db.session.get(Record, demo_id(f"zero-{contradicted[0]}-{contradicted[1]}")) is None:
        return out
    return out + _contradicting_case(contradicted, today, zone)


def _contradicting_case(key, today, zone) -> list[str]:
    """A case that arrives after its period's zero report (the calendar shows the period contradicted)."""
    unit, period = key
    onset_day = today - timedelta(days=45)
    child = _child(unit, 99, "孙一诺", zone, onset_day)
    data = _report_data(unit, child, onset_day, zone, "202601E", serious=False)
    _push(NURSES[unit][0], "aefi_report", demo_id("r-contradicted"), data, _at(onset_day, 20, zone))
    return [f"created AEFI report {unit} {period} after its zero report (contradicted)"]


def _at(day, hour, zone) -> datetime:
    return datetime.combine(day, time(hour), zone)


def _child(unit, index, name, zone, onset_day) -> dict:
    """An existing registry child of the unit when there is one, else a new one."""
    rows = db.session.execute(select(Record).where(Record.kind == "child", Record.unit_code == unit,
                                                   Record.deleted.is_(False)).order_by(Record.id)).scalars().all()
    if len(rows) > index:
        return {"id": rows[index].id, **rows[index].data}
    data = {"unit_code": unit, "name": name, "sex": "MF"[index % 2], "residence": "local",
            "birth_date": (onset_day - timedelta(days=200 + 30 * (index % 6))).isoformat(),
            "guardian_name": name[0] + "家长", "guardian_phone": f"1390000{index:04d}"}
    child_id = demo_id(f"child-{unit}-{index}")
    _push(NURSES[unit][0], "child", child_id, data, _at(onset_day - timedelta(days=1), 8, zone))
    return {"id": child_id, **data}


def _report_data(unit, child, onset_day, zone, lot, serious) -> dict:
    vaccinated = onset_day - timedelta(days=1)
    vaccine = {"vaccine": "DTaP", "manufacturer": "武汉生物制品研究所", "lot_no": lot,
               "vaccinated_on": vaccinated.isoformat(), "dose": 2, "strategy": "routine", "route": "IM",
               "site": "左上臂三角肌"}
    _push(NURSES[unit][0], "vaccination", demo_id(f"vacc-{child['id']}-{lot}"),
          {"unit_code": unit, "child_id": child["id"], "vaccine": "DTaP", "dose": 2, "given_on": vaccine[
              "vaccinated_on"], "lot_no": lot, "manufacturer": vaccine["manufacturer"], "route": "IM",
           "site": "左上臂三角肌", "strategy": "routine", "nurse": NURSES[unit][1]}, _at(vaccinated, 10, zone))
    return {"unit_code": unit, "child_id": child["id"], "guardian_name": child.get("guardian_name", ""),
            "phone": child.get("guardian_phone", ""), "vaccines": [vaccine],
            "onset_at": _at(onset_day, 8, zone).isoformat(), "discovered_at": _at(onset_day, 10, zone).isoformat(),
            "reported_at": _at(onset_day, 14 if not serious else 11, zone).isoformat(),
            "course": "接种后次日发热，腋温38.7℃，注射部位红肿约3cm" if not serious else "接种后高热惊厥，住院治疗",
            "fever_grade": 3, "swelling_grade": 2, "induration_grade": 4,
            "diagnosis": "发热、局部红肿" if not serious else "热性惊厥", "hospitalized": serious,
            "outcome": "recovered" if not serious else "improved", "serious": serious,
            "preliminary_class": "general_reaction" if not serious else "pending", "detection": "passive",
            "reporter": NURSES[unit][1], "reporter_phone": "13800000001"}


def _report(index, spec, today, zone, rng) -> list[str]:
    key, unit, days, serious, lot, steps = spec
    onset_day = today - timedelta(days=days)
    child = _child(unit, index, CHILD_NAMES[REPORTS.index(spec)], zone, onset_day)
    data = _report_data(unit, child, onset_day, zone, lot, serious)
    reported = datetime.fromisoformat(data["reported_at"])
    _push(NURSES[unit][0], "aefi_report", demo_id(key), data, reported)
    _review(demo_id(key), steps, reported, rng)
    return [f"created AEFI report {unit} {onset_day} ({key})"]


def _review(report_id, steps, reported, rng) -> None:
    review_id, data, rev = demo_id(f"review-{report_id}"), {"aefi_id": report_id, "status": "received"}, None
    for step, days in steps:
        at = reported + timedelta(days=days, hours=rng.randint(1, 6))
        data = dict(data, **_step(step, reported))
        rev = _push("demo-county", "aefi_review", review_id, data, at, base_rev=rev)["rev"]


def _step(step, reported) -> dict:
    started = (reported + timedelta(hours=20)).isoformat()
    return {
        "classified": {"status": "investigating", "investigation_started_at": started,
                       "investigation_reported_at": (reported + timedelta(days=3)).isoformat(),
                       "final_class": "general_reaction", "who_causality": "A1"},
        "coincidental": {"status": "investigating", "investigation_started_at": started,
                         "final_class": "coincidental", "who_causality": "C"},
        "closed": {"status": "closed", "note": "已结案"},
        "investigating": {"status": "investigating", "investigation_started_at": started},
        "returned": {"status": "returned", "return_reason": "请补充接种部位及发热持续时间"},
    }[step]
