"""county-plan-2014: every computed item on a small hand-built 2026 dataset, with the deductions worked out here."""

from datetime import UTC, date, datetime

import pytest

from tests.factories import (
    add_record,
    child_data,
    precheck_data,
    school_check_data,
    student_check_data,
    vaccination_data,
)
from webapp.services.scoring.rubrics import get_template
from webapp.services.scoring.scorecards import compute_scorecards

TODAY = date(2027, 1, 15)
SURVEY_ITEMS = ("primary_coverage_12m", "nip_coverage", "bcg_scar", "booster_coverage_90", "booster_coverage_95",
                "survey_unvaccinated", "card_concordance", "card_rate", "certificate_rate")
# the primary doses of a child born in 2025 (DTaP at 2, 4, 6 months since 2025-01-01)
PRIMARY = [("HepB", 1, "00"), ("BCG", 1, "00"), ("HepB", 2, "01"), ("IPV", 1, "02"), ("IPV", 2, "03"),
           ("DTaP", 1, "02"), ("bOPV", 3, "04"), ("DTaP", 2, "04"), ("DTaP", 3, "06"), ("HepB", 3, "06"),
           ("MPSV-A", 1, "06"), ("JE-L", 1, "08"), ("MMR", 1, "08"), ("MPSV-A", 2, "09")]


def shot(child, vaccine, dose, day, entered=None):
    moment = datetime.fromisoformat(f"{entered or day}T02:00:00+00:00").astimezone(UTC)
    return add_record("vaccination", vaccination_data(child.id, vaccine=vaccine, dose=dose, given_on=day),
                      captured_at=moment)


def months_after(birth: str, months: str) -> str:
    y, m, d = (int(x) for x in birth.split("-"))
    total = m - 1 + int(months)
    return date(y + total // 12, total % 12 + 1, d).isoformat()


@pytest.fixture
def data(db, demo_org):
    old = datetime(2020, 1, 1, tzinfo=UTC)
    a = add_record("child", child_data(birth_date="2025-08-01", certificate_no="A"), captured_at=old)
    b = add_record("child", child_data(birth_date="2025-09-01", certificate_no="B"), captured_at=old)
    c = add_record("child", child_data(birth_date="2026-06-20", certificate_no="C", mother_hbsag="unknown"),
                   captured_at=old)
    d = add_record("child", child_data(birth_date="2020-03-01", certificate_no="D"), captured_at=old)
    for vaccine, dose, months in PRIMARY:            # a: everything on time; b: all but MMR1
        shot(a, vaccine, dose, months_after("2025-08-01", months))
        if vaccine != "MMR":
            shot(b, vaccine, dose, months_after("2025-09-01", months))
    for vaccine, dose, day in [("HepB", 1, "2026-06-20"), ("IPV", 1, "2026-08-20"), ("DTaP", 1, "2026-09-20"),
                               ("DTaP", 2, "2026-10-10"), ("bOPV", 3, "2026-10-20"), ("DTaP", 3, "2026-11-20"),
                               ("MPSV-A", 1, "2026-12-20")]:
        last = shot(c, vaccine, dose, day)            # c: no IPV2; DTaP2 too young and too soon
    late = shot(c, "HepB", 2, "2026-07-25", entered="2026-08-10")  # entered 16 days late
    add_record("precheck", precheck_data(c.id, visit_date="2026-07-25", planned=[{"vaccine": "HepB", "dose": 2}]))
    shot(d, "DT", 1, "2026-08-01")                    # d: DT in H2, no MPSV-AC2
    batch = add_record("school_check", school_check_data("S01"))
    no_phone = student_check_data(batch.id, evaluation={"complete": True, "missing": []})
    no_phone.pop("guardian_phone")
    s1 = add_record("student_check", no_phone)
    s2 = add_record("student_check", student_check_data(batch.id, evaluation={"complete": False,
                                                                               "missing": [{"series": "MCV"}]}))
    db.session.commit()
    return {"a": a.id, "b": b.id, "c": c.id, "d": d.id, "late": late.id, "s1": s1.id, "s2": s2.id,
            "mena1": last.id}


def deductions(card, part, code):
    item = next(i for p in card.parts for s in p.sections for i in s.items if p.code == part and i.item.code == code)
    return [(d.points, d.reason, [e.id for e in d.evidence]) for d in item.deductions]


def test_every_computed_item_of_the_county_plan(data):
    card = compute_scorecards(get_template("county-plan-2014"), ["U01"], "2026", TODAY)["U01"]
    h2 = lambda code: deductions(card, "h2", code)  # noqa: E731
    # 三 is the village survey's: without a survey of U01 its survey items are pending, not computed from the
    # register (tests/services/scoring/test_survey_scores.py scores them from a survey)
    for code in SURVEY_ITEMS:
        item = next(i for p in card.parts for s in p.sections for i in s.items
                    if p.code == "h2" and i.item.code == code)
        assert item.pending and item.deductions == [] and item.score == item.item.max, code
    # 三.4 is judged on the surveyed children too (d's DTaP2 before 4 months is the unit's own monitoring: the
    # monthly summary's schedule_errors): pending without a survey
    assert h2("schedule_correct") == [] and next(
        i for p in card.parts for s in p.sections for i in s.items
        if p.code == "h2" and i.item.code == "schedule_correct").pending
    # 四.2 nobody born in H2; in H1 c had HepB1 on the day of birth
    assert h2("timely_hepb1") == [] and deductions(card, "h1", "timely_hepb1") == []
    # 四.4③ c's mother not screened → 0/1 → lose the 1 point (H1); H2 has no births → full marks
    assert deductions(card, "h1", "hbsag_screening") == [(-1.0, "孕产妇HBsAg筛查率 0.00%（0/1）", [data["c"]])]
    assert h2("hbsag_screening") == []
    # 五.3① and ④: a unit with no migrant children loses nothing: the items wait for the assessor (pending)
    assert h2("migrant_card_book") == [] and h2("migrant_register") == []
    assert all(i.pending for p in card.parts for s in p.sections for i in s.items
               if i.item.code in ("migrant_card_book", "migrant_register"))
    # 五.5 sampled month defaults to 2026-12: c's MPSV-A1 has no consent → −0.1
    assert h2("consent_notice") == [(-0.1, "2026-12-20 MPSV-A 接种无知情告知记录", [data["mena1"]])]
    # 五.8 no AEFI report in the year → −0.5 in each half
    assert h2("aefi_surveillance")[0][0] == -0.5 and deductions(card, "h1", "aefi_surveillance")[0][0] == -0.5
    # 五.10 S02 never checked → 0.5 lost; s1 lacks the guardian's phone → 0.5 lost; s2 referred 09-02, not caught up
    assert h2("school_register_units") == [(-0.5, "林西镇第一小学（S02）无查验登记", [])]
    # entry checks are autumn work: H1 (no batch) loses nothing, the three computed lines wait for the assessor
    h1_school = [i for p in card.parts for s in p.sections for i in s.items if p.code == "h1"
                 and i.item.code in ("school_register_units", "school_register_fields", "school_catch_up")]
    assert [(i.pending, i.deductions) for i in h1_school] == [(True, [])] * 3
    assert h2("school_register_fields") == [(-0.5, "学生查验登记缺监护人电话", [data["s1"]])]
    assert h2("school_catch_up") == [(-1.0, "补种未在通知后30天内完成", [data["s2"]])]
    # 八(四) HepB2 of 2026-07-25 entered on 2026-08-10 → −0.1
    assert deductions(card, "routine", "information_system") == [
        (-0.1, "2026-07-25 HepB 接种于2026-08-10才录入（超过5日）", [data["late"]])]

