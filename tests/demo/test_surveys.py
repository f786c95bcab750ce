"""The demo village surveys: one per township unit and half-year, written through the sync pipeline, idempotent,
and the demo county's 范本1 section 三 computed from them."""

import random
from datetime import UTC, datetime

from sqlalchemy import func, select

from webapp.demo import records as demo_records
from webapp.demo.records import seed_county_year
from webapp.demo.surveys import seed_surveys_demo
from webapp.models import Record, RecordRevision
from webapp.services import county
from webapp.services.scoring.rubrics import get_template
from webapp.services.scoring.scorecards import compute_scorecards

NOW = datetime(2026, 12, 2, 4, tzinfo=UTC)


def test_one_survey_per_unit_and_half_year_scores_section_three(db, demo_org, monkeypatch):
    monkeypatch.setattr(demo_records, "utcnow", lambda: NOW)
    monkeypatch.setattr(county, "today", lambda: NOW.date())
    seed_county_year(random.Random(5), scale=0.3)
    created = seed_surveys_demo(random.Random(1))
    db.session.commit()
    surveys = db.session.execute(select(Record.unit_code, Record.period, Record.data).where(
        Record.kind == "survey").order_by(Record.unit_code, Record.period)).all()
    assert [(s.unit_code, s.period) for s in surveys] == [
        (u, p) for u in ("U01", "U03", "U04") for p in ("2026-H1", "2026-H2")]  # U02 has no village of its own
    assert len(created) == 6 and all(s.data["village_drawn"] == "random" for s in surveys)
    per_survey = dict(db.session.execute(select(Record.parent_id, func.count()).where(
        Record.kind == "survey_child").group_by(Record.parent_id)).all())
    assert all(22 <= n <= 31 for n in per_survey.values()), per_survey
    assert db.session.scalar(select(func.count()).select_from(Record).where(
        Record.kind == "survey_child", Record.child_id.is_(None))) >= 6  # 漏卡 in every survey
    revisions = db.session.scalar(select(func.count()).select_from(RecordRevision))
    assert seed_surveys_demo(random.Random(1)) == []
    assert db.session.scalar(select(func.count()).select_from(RecordRevision)) == revisions
    cards = compute_scorecards(get_template("county-plan-2014"), ["U01", "U02", "U04"], "2026", NOW.date())
    for unit, pending in (("U01", False), ("U04", False), ("U02", True)):
        section = [i for p in cards[unit].parts for s in p.sections if s.code == "coverage_survey" for i in s.items
                   if i.item.code == "card_rate"]
        assert [i.pending for i in section] == [pending, pending], unit
    lost = [i for p in cards["U04"].parts for s in p.sections for i in s.items if i.item.code == "card_rate"]
    assert all(d.evidence[0].kind == "survey_child" for i in lost for d in i.deductions) and lost[0].deductions
