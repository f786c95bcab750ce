"""The demo school checks: realistic proportions, written through the sync pipeline, idempotent."""

import random

from sqlalchemy import func, select

from webapp.demo.schools import seed_schools_demo
from webapp.models import Record, User
from webapp.services.schools.reports import build_report


def test_demo_has_realistic_proportions_and_a_second_run_adds_nothing(db, demo_org):
    created = seed_schools_demo(random.Random(2026))
    db.session.commit()
    assert sum("created school check" in line for line in created) == 4
    county = db.session.execute(select(User).where(User.username == "demo-county")).scalar_one()
    total = {i.code: i for i in build_report(county, 2026)["total"].indicators}
    assert 150 <= total["checked_rate"].numerator <= 220
    assert 90.0 <= total["checked_rate"].rate < 100.0
    assert 5.0 <= total["missed_rate"].rate <= 20.0
    assert 90.0 <= total["certificate_rate"].rate < 100.0
    assert 50.0 <= total["caught_up_rate"].rate < 100.0 or total["caught_up_rate"].rate == 100.0
    referred = db.session.scalar(select(func.count()).select_from(Record).where(Record.referral_unit.is_not(None)))
    assert referred == total["missed_rate"].numerator
    assert db.session.scalar(select(func.count()).select_from(Record).where(Record.change_seq.is_(None))) == 0
    before = db.session.scalar(select(func.count()).select_from(Record))
    assert seed_schools_demo(random.Random(2026)) == []
    assert db.session.scalar(select(func.count()).select_from(Record)) == before
