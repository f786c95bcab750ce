"""Honesty of a score: pending items and points, the system's own rates, [GK] rules off by default, 无数据."""

from datetime import UTC, date, datetime

import pytest

from tests.factories import add_record, child_data, survey_child_data, survey_data, vaccination_data
from tests.services.scoring import data as scores_data
from webapp.domain.rubric import ManualEntry
from webapp.domain.rubric.engine import score_item
from webapp.domain.rubric.model import Evidence, Finding, Measure
from webapp.services.scoring.rubrics import get_template
from webapp.services.scoring.scorecards import compute_scorecards

TODAY = date(2027, 1, 15)
EARLY = datetime(2024, 6, 1, tzinfo=UTC)


def items(card):
    return {(i.part, i.item.code): i for p in card.parts for s in p.sections for i in s.items}


@pytest.fixture
def data(db, demo_org):
    ids = scores_data.build()
    db.session.commit()
    return ids


def test_manual_items_are_pending_and_their_points_are_not_earned(db, data):
    card = compute_scorecards(get_template("evaluation-standard"), ["U01"], "2026", TODAY)["U01"]
    pending = [i for i in items(card).values() if i.pending]
    # 范本2's manual items: 2+2+3+3+3+4+3+3+15+2+8 = 48 points
    assert sum(i.item.max for i in pending) == 48 and card.pending_points == 48
    assert card.scored == round(card.total - 48, 2) and not card.no_data


def test_a_period_without_any_record_or_entry_has_no_data(db, data):
    cards = compute_scorecards(get_template("evaluation-standard"), ["U01", "U02"], "2026", TODAY)
    assert not cards["U01"].no_data and cards["U02"].no_data
    assert compute_scorecards(get_template("evaluation-standard"), ["U01"], "2030", TODAY)["U01"].no_data


def test_system_rates_are_marked_as_the_systems(db, data):
    template = get_template("county-plan-2014")
    system = sorted({i.code for _, _, i in template.items() if i.basis == "system"})
    assert system == ["catch_up_survey", "change_register_timely", "information_system", "other_tasks",
                      "quality_reports", "quarterly_cohort", "timely_hepb1"]


def hepb_too_soon():
    """A U01 child whose HepB3 came 34 days after HepB2 ([GK]: 60 days), surveyed in the H2 village survey."""
    c = add_record("child", child_data(birth_date="2026-01-01"))
    for dose, day in ((1, "2026-01-01"), (2, "2026-06-01"), (3, "2026-07-05")):  # dose 3: 34 days after dose 2
        add_record("vaccination", vaccination_data(c.id, dose=dose, given_on=day))
    survey = add_record("survey", survey_data(period="2026-H2", surveyed_on="2026-10-10"))
    add_record("survey_child", survey_child_data(survey.id, c.id, birth_date="2026-01-01",
                                                 resident_since="2026-01-01"))
    return c


def test_an_unverified_rule_costs_points_only_when_the_county_turns_it_on(app, db, demo_org):
    hepb_too_soon()
    db.session.commit()
    template = get_template("county-plan-2014")
    off = items(compute_scorecards(template, ["U01"], "2026-H2", TODAY)["U01"])[("h2", "schedule_correct")]
    assert off.score == 0 and off.deductions == []
    app.config["SCORE_GK_RULES"] = True
    on = items(compute_scorecards(template, ["U01"], "2026-H2", TODAY)["U01"])[("h2", "schedule_correct")]
    assert [d.points for d in on.deductions] == [-2] and "不足60天" in on.deductions[0].reason


def migrant(**kw):
    return child_data(birth_date="2024-05-01", residence="migrant", **kw)


def test_migrant_items_as_the_plans_word_them(db, demo_org):
    # m1 lacks its village, guardian's name and phone (three fields, one child); m2 is complete
    add_record("child", migrant(village_code="", guardian_name="", guardian_phone=""), captured_at=EARLY)
    add_record("child", migrant(), captured_at=EARLY)
    add_record("child", child_data(unit="U02", birth_date="2024-05-01"))  # U02: no migrant children at all
    db.session.commit()
    plan2 = compute_scorecards(get_template("evaluation-standard"), ["U01", "U02"], "2026", TODAY)
    u01, u02 = items(plan2["U01"])[("assessment", "special_populations")], \
        items(plan2["U02"])[("assessment", "special_populations")]
    assert (u01.score, u01.deductions, u01.pending) == (2, [], False)  # a register exists → full marks
    assert u02.pending and u02.deductions == []                        # no migrant children: not penalised
    plan1 = compute_scorecards(get_template("county-plan-2014"), ["U01", "U02"], "2026-H1", TODAY)
    register = items(plan1["U01"])[("h1", "migrant_register")]
    assert [d.points for d in register.deductions] == [-0.5]  # 差1人扣0.5分: per child, not per field
    assert items(plan1["U01"])[("h1", "migrant_card_book")].deductions == []
    assert items(plan1["U02"])[("h1", "migrant_card_book")].pending
    assert items(plan1["U02"])[("h1", "migrant_card_book")].deductions == []


def test_an_on_site_adjustment_gives_back_a_clerical_error_but_never_above_the_max(db, demo_org):
    template = get_template("county-plan-2014")
    section = next(s for p in template.parts for s in p.sections if s.code == "coverage_survey")
    item = next(i for i in section.items if i.code == "schedule_correct")
    two = Measure(findings=[Finding("过早", (Evidence("vaccination", "v1"),)),
                            Finding("过早", (Evidence("vaccination", "v2"),))], examined=10)
    back = score_item("h1", section, item, two, ManualEntry(adjustment=1.0, note="v2 系笔误"))
    assert back.score == -3 and [d.points for d in back.deductions] == [-2, -2, 1]
    capped = score_item("h1", section, item, two, ManualEntry(adjustment=9.0, note="全部笔误"))
    assert capped.score == 0  # the line's max: an adjustment gives back deductions, never more
