"""The AEFI demo seeder: reports, reviews, zero reports (late, contradicted), a lot in two units, a silent unit;
idempotent."""

import random
from datetime import timedelta

from webapp.dbtypes import utcnow
from webapp.demo.aefi import seed_aefi_demo
from webapp.domain.aefi.clocks import county_today
from webapp.models import Record, User
from webapp.services.aefi.calendar import zero_report_calendar
from webapp.services.aefi.surveillance import lot_signal_list


def test_demo_seeder_fills_the_calendar_and_runs_once(db, demo_org):
    created = seed_aefi_demo(random.Random(2026))
    db.session.commit()
    assert any("contradicted" in line for line in created) and any("(late)" in line for line in created)
    assert seed_aefi_demo(random.Random(2026)) == []
    reports = db.session.query(Record).filter_by(kind="aefi_report").count()
    assert reports == 7 and db.session.query(Record).filter_by(kind="aefi_review").count() == 4

    county = db.session.query(User).filter_by(username="demo-county").one()
    today = county_today(utcnow(), "Asia/Shanghai")
    first = today - timedelta(days=200)
    cal = zero_report_calendar(county, f"{first.year}-{first.month:02d}", f"{today.year}-{today.month:02d}")
    states = {row["unit"]: {c.state for c in row["cells"]} for row in cal["units"]}
    assert "contradicted" in states["U01"] and "zero" in states["U03"] and "cases" in states["U03"]
    assert states["U04"] <= {"silent", "open"}
    signals = lot_signal_list(county, today - timedelta(days=30), today)
    assert any(s.lot_no == "202603A" and s.units == ("U01", "U03") for s in signals)
