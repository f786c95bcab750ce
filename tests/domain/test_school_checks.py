"""School-entry check indicators on a hand-built class whose every count is known."""

from datetime import date

import pytest

from webapp.domain.catch_up import catch_up_status
from webapp.domain.school_checks import (
    Counts,
    closed_within,
    count_students,
    indicators,
    recheck_deadline,
    register_marks,
    roster_size,
    student_key,
)

MISSING_MENAC = [{"series": "MenAC", "dose": 2, "vaccine": "MPSV-AC", "due_since": "2026-07-01"}]
MISSING_TWO = [{"series": "MCV", "dose": 2, "vaccine": "MMR", "due_since": "2022-01-01"},
               {"series": "JE", "dose": 2, "vaccine": "JE-L", "due_since": "2022-07-01"}]


def student(certificate="present", missing=None, **extra):
    """A student_check data object with an evaluation at check."""
    data = {"name": "学生", "sex": "F", "birth_date": "2020-07-01", "class_name": "一(1)班",
            "certificate": certificate,
            "evaluation": {"schedule": "nip-2021", "complete": not missing, "missing": missing or [],
                           "not_counted": [], "notes": []}}
    data.update(extra)
    return data


def referral(notified_on="2026-09-02"):
    return {"unit_code": "U01", "notified_on": notified_on}


@pytest.fixture
def klass():
    """10 students: 6 complete (1 absent, 1 reissued), 4 with missing doses in four catch-up states."""
    return [
        student(), student(), student(), student(),
        student("absent"),
        student("reissued"),
        # caught up on day 20: closed within 30 days, rechecked in November
        student(missing=MISSING_MENAC, referral=referral(), catch_up_status="complete",
                catch_up=[{"vaccine": "MPSV-AC", "date": "2026-09-22", "unit_code": "U01"}],
                rechecked_on="2026-11-10"),
        # caught up on day 45: complete but late; rechecked next January (too late)
        student("reissued", missing=MISSING_TWO, referral=referral(), catch_up_status="complete",
                catch_up=[{"vaccine": "MMR", "date": "2026-10-01", "unit_code": "U01"},
                          {"vaccine": "JE-L", "date": "2026-10-17", "unit_code": "U01"}],
                rechecked_on="2027-01-05"),
        # partial
        student(missing=MISSING_TWO, referral=referral(), catch_up_status="partial",
                catch_up=[{"vaccine": "MMR", "date": "2026-09-10", "unit_code": "U01"}]),
        # contraindicated on day 5, never referred anywhere else
        student("absent", missing=MISSING_MENAC, referral=referral(), catch_up_status="contraindicated",
                contraindication={"reason": "严重过敏史", "date": "2026-09-07", "unit_code": "U01"}),
    ]


def by_code(counts):
    return {i.code: i for i in indicators(counts)}


def test_every_indicator_has_the_documented_numerator_and_denominator(klass):
    got = by_code(count_students(klass, date(2026, 12, 31), to_check=12))
    assert (got["checked_rate"].numerator, got["checked_rate"].denominator) == (10, 12)
    assert (got["certificate_rate"].numerator, got["certificate_rate"].denominator) == (6, 10)
    assert (got["reissue_rate"].numerator, got["reissue_rate"].denominator) == (2, 4)
    assert (got["complete_rate"].numerator, got["complete_rate"].denominator) == (6, 10)
    assert (got["missed_rate"].numerator, got["missed_rate"].denominator) == (4, 10)
    assert (got["caught_up_rate"].numerator, got["caught_up_rate"].denominator) == (2, 4)
    assert (got["closed_30d_rate"].numerator, got["closed_30d_rate"].denominator) == (2, 4)
    assert (got["recheck_rate"].numerator, got["recheck_rate"].denominator) == (1, 4)


def test_rates_are_percentages_with_one_decimal(klass):
    got = by_code(count_students(klass, date(2026, 12, 31), to_check=12))
    assert got["checked_rate"].rate == 83.3
    assert got["missed_rate"].rate == 40.0


def test_an_empty_denominator_gives_no_rate_rather_than_zero():
    got = by_code(count_students([student()], date(2026, 12, 31)))
    assert got["caught_up_rate"].denominator == 0 and got["caught_up_rate"].rate is None
    assert got["reissue_rate"].rate is None


def test_to_check_is_never_below_the_number_checked():
    assert count_students([student(), student()], date(2026, 12, 31), to_check=1).to_check == 2


def test_counts_add_up_across_schools(klass):
    a = count_students(klass, date(2026, 12, 31), to_check=12)
    b = count_students([student(missing=MISSING_MENAC)], date(2026, 12, 31))
    total = a + b
    assert (total.checked, total.to_check, total.missed) == (11, 13, 5)
    assert total.missing_doses["MenAC"] == 3 and total.missing_doses["MCV"] == 2
    assert total.caught_up_doses["MCV"] == 2 and total.caught_up_doses["JE"] == 1
    assert a.checked == 10  # adding does not change the parts


def test_missing_doses_and_catch_up_doses_are_counted_per_series(klass):
    c = count_students(klass, date(2026, 12, 31))
    assert dict(c.missing_doses) == {"MenAC": 2, "MCV": 2, "JE": 2}
    assert dict(c.caught_up_doses) == {"MenAC": 1, "MCV": 2, "JE": 1}


@pytest.mark.parametrize(("closed", "expected"), [("2026-10-02", True), ("2026-10-03", False)])
def test_referral_closed_on_day_30_counts_and_day_31_does_not(closed, expected):
    s = student(missing=MISSING_MENAC, referral=referral("2026-09-02"), catch_up_status="complete",
                catch_up=[{"vaccine": "MPSV-AC", "date": closed, "unit_code": "U01"}])
    assert closed_within(s) is expected


def test_a_partial_catch_up_never_closes_the_referral():
    s = student(missing=MISSING_TWO, referral=referral(), catch_up_status="partial",
                catch_up=[{"vaccine": "MMR", "date": "2026-09-03", "unit_code": "U01"}])
    assert closed_within(s) is False


def test_recheck_deadline_is_31_december_of_the_term_year():
    assert recheck_deadline("2026-autumn") == date(2026, 12, 31)
    assert recheck_deadline("2027-spring") == date(2027, 12, 31)


def test_roster_and_checked_students_are_matched_by_name_and_birth_date():
    roster = {student_key("张 三", "2020-01-01"), student_key("李四", "2020-02-02")}
    checked = {student_key("张三", "2020-01-01"), student_key("王五", "2020-03-03")}
    assert roster_size(roster, checked) == 3


def test_register_marks_documented_doses_1_and_caught_up_doses_triangle_numbered_by_date():
    s = {"doses": [{"vaccine": "bOPV", "date": "2020-11-01"}, {"vaccine": "IPV", "date": "2020-09-01"},
                   {"vaccine": "IPV", "date": "2020-10-01"}, {"vaccine": "MMR", "date": "2021-03-01"}],
         "catch_up": [{"vaccine": "MMR", "date": "2026-09-20", "unit_code": "U01"}]}
    marks = register_marks(s)
    assert marks[("Polio", 1)] == marks[("Polio", 3)] == "1"
    assert ("Polio", 4) not in marks
    assert marks[("MCV", 1)] == "1" and marks[("MCV", 2)] == "△"


def test_catch_up_status_follows_the_doses_missing_at_check():
    assert catch_up_status([], [], []) == "not_needed"
    assert catch_up_status(MISSING_TWO, MISSING_TWO, []) == "pending"
    assert catch_up_status(MISSING_TWO, MISSING_TWO[1:], [{"vaccine": "MMR"}]) == "partial"
    assert catch_up_status(MISSING_TWO, [], [{"vaccine": "MMR"}, {"vaccine": "JE-L"}]) == "complete"


def test_a_dose_due_after_the_check_does_not_reopen_a_complete_catch_up():
    later = [{"series": "DTP", "dose": 5, "vaccine": "DT", "due_since": "2026-12-01"}]
    assert catch_up_status(MISSING_MENAC, later, [{"vaccine": "MPSV-AC"}]) == "complete"


def test_a_contraindication_with_a_reason_closes_a_referral_that_is_not_complete():
    assert catch_up_status(MISSING_TWO, MISSING_TWO, [], {"reason": "免疫缺陷", "date": "2026-09-05"}) == \
        "contraindicated"
    assert catch_up_status(MISSING_TWO, MISSING_TWO, [], {"reason": ""}) == "pending"


def test_counts_start_empty():
    assert Counts().checked == 0 and not Counts().missing_doses
