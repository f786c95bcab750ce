"""Builders for AEFI records in tests (reports, reviews, zero reports, doses) on top of tests/factories.py."""

import uuid
from datetime import datetime, timedelta

from tests.factories import add_record


def report_data(unit="U01", onset="2026-03-10T08:00:00+08:00", discovered_h=2, reported_h=4, **extra) -> dict:
    """A complete aefi_report data object; discovery and report are hours after onset."""
    onset_dt = datetime.fromisoformat(onset)
    data = {
        "unit_code": unit, "name": "测试儿童", "sex": "F", "birth_date": "2025-09-01",
        "vaccines": [{"vaccine": "DTaP", "manufacturer": "武汉生物", "lot_no": "L2026A", "vaccinated_on":
                      onset_dt.date().isoformat(), "dose": 1, "strategy": "routine", "route": "IM", "site": "左上臂"}],
        "onset_at": onset, "discovered_at": (onset_dt + timedelta(hours=discovered_h)).isoformat(),
        "reported_at": (onset_dt + timedelta(hours=reported_h)).isoformat(), "course": "接种后发热 38.7℃",
        "fever_grade": 3, "swelling_grade": 4, "induration_grade": 4, "diagnosis": "发热",
        "hospitalized": False, "outcome": "recovered", "serious": False, "preliminary_class": "pending",
        "detection": "passive", "reporter": "王护士", "reporter_phone": "13800000000",
    }
    data.update(extra)
    return data


def add_report(unit="U01", onset="2026-03-10T08:00:00+08:00", *, received_at=None, **extra):
    """Insert an aefi_report record."""
    data = report_data(unit, onset, **extra)
    captured = datetime.fromisoformat(data["reported_at"])
    columns = {"received_at": received_at} if received_at else {}
    return add_record("aefi_report", data, captured_at=captured, **columns)


def add_review(report, captured_by="demo-county", **data):
    """Insert an aefi_review record for a report (in the report's unit)."""
    body = {"aefi_id": report.id, "status": "received", **data}
    return add_record("aefi_review", body, captured_by=captured_by, unit_code=report.unit_code)


def add_zero_report(unit, period, attested_at="2026-04-02T10:00:00+08:00"):
    """Insert an aefi_zero_report record."""
    data = {"unit_code": unit, "period": period, "attested_by": "demo-nurse", "attested_at": attested_at}
    return add_record("aefi_zero_report", data, id=str(uuid.uuid4()), captured_at=datetime.fromisoformat(attested_at))


def add_doses(unit, given_on, count, vaccine="DTaP", lot_no="L2026A"):
    """Insert `count` vaccination records."""
    for _ in range(count):
        add_record("vaccination", {"unit_code": unit, "child_id": str(uuid.uuid4()), "vaccine": vaccine, "dose": 1,
                                   "given_on": given_on, "lot_no": lot_no, "manufacturer": "武汉生物",
                                   "strategy": "routine", "nurse": "王护士"})
