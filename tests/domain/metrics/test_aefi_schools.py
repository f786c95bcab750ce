"""AEFI completeness and silence, a year without reports, and the school-entry check items."""

from types import SimpleNamespace as Row

from tests.domain.metrics.rows import d, year_2026
from webapp.domain.metrics.aefi import aefi_completeness, aefi_no_report_year
from webapp.domain.metrics.context import Context, UnitRows
from webapp.domain.metrics.schools import school_catch_up, school_register_fields, school_register_units

FULL = {"fever_grade": 1, "swelling_grade": 1, "induration_grade": 1, "diagnosis": "发热", "reporter_phone": "1",
        "vaccines": [{"route": "IM", "site": "左上臂"}]}


def test_aefi_completeness_flags_incomplete_reports_and_silent_months():
    # Q1 2026, today 2026-04-15: Jan has a complete case, Feb a zero report, March nothing → silent;
    # the February case lacks a diagnosis.
    ctx = Context(start=d("2026-01-01"), end=d("2026-04-01"), today=d("2026-04-15"))
    rows = UnitRows("U01", aefi_reports=[Row(id="a1", onset_on=d("2026-01-10"), data=FULL),
                                         Row(id="a2", onset_on=d("2026-01-20"), data={**FULL, "diagnosis": ""})],
                    zero_reports=[Row(id="z1", period="2026-02")])
    m = aefi_completeness(rows, ctx)
    assert m.examined == 2
    assert [f.reason for f in m.findings] == ["AEFI个案报告不完整：临床诊断",
                                              "2026-03 既无AEFI报告也无零报告（未报告）"]


def test_a_quarterly_county_that_filed_every_quarter_is_complete():
    zero = [Row(id=f"z{q}", period=f"2026-Q{q}") for q in (1, 2, 3, 4)]
    quarterly = year_2026(cadence="quarterly")
    assert aefi_completeness(UnitRows("U01", zero_reports=zero), quarterly).findings == []
    missing_q3 = aefi_completeness(UnitRows("U01", zero_reports=zero[:2] + zero[3:]), quarterly)
    assert [f.reason for f in missing_q3.findings] == ["2026-Q3 既无AEFI报告也无零报告（未报告）"]


def test_a_weekly_county_needs_every_week():
    # January 2026 overlaps weeks W01 (29 Dec–4 Jan) to W05 (26 Jan–1 Feb); one weekly report and a case on 14 Jan
    ctx = Context(start=d("2026-01-01"), end=d("2026-02-01"), today=d("2026-02-15"), cadence="weekly")
    rows = UnitRows("U01", aefi_reports=[Row(id="a1", onset_on=d("2026-01-14"), data=FULL)],
                    zero_reports=[Row(id="z1", period="2026-W02")])
    assert [f.params for f in aefi_completeness(rows, ctx).findings] == ["2026-W01", "2026-W04", "2026-W05"]
    dekads = Context(start=d("2026-01-01"), end=d("2026-02-01"), today=d("2026-02-15"), cadence="dekad")
    zero = UnitRows("U01", zero_reports=[Row(id="z1", period="2026-01-D1"), Row(id="z2", period="2026-01-D3")])
    assert [f.params for f in aefi_completeness(zero, dekads).findings] == ["2026-01-D2"]
    monthly = UnitRows("U01", zero_reports=[Row(id="z1", period="2026-01")])  # a month's report is not a week's
    assert len(aefi_completeness(monthly, ctx).findings) == 5
    tiled = [Row(id=f"w{w}", period=f"2026-W{w:02d}") for w in range(1, 6)]  # a monthly county filing weekly
    assert aefi_completeness(UnitRows("U01", zero_reports=tiled), year_2026()).findings[0].params == "2026-02"


def test_a_month_not_yet_ended_is_not_silent():
    ctx = Context(start=d("2026-03-01"), end=d("2026-04-01"), today=d("2026-03-20"))
    assert aefi_completeness(UnitRows("U01"), ctx).findings == []


def test_a_year_without_any_aefi_report_is_one_finding():
    assert len(aefi_no_report_year(UnitRows("U01"), year_2026()).findings) == 1
    rows = UnitRows("U01", aefi_reports=[Row(id="a1", onset_on=d("2026-08-01"), data=FULL)])
    assert aefi_no_report_year(rows, year_2026()).findings == []


def _school_rows(students):
    return UnitRows("U01", schools=[Row(code="S01", name="幼儿园"), Row(code="S02", name="小学")],
                    school_checks=[Row(id="b1", school_code="S01", started_on=d("2026-09-01"), term="2026-autumn")],
                    student_checks=students)


def test_school_register_units_and_fields():
    rows = _school_rows([Row(id="s1", parent_id="b1", data={"guardian_phone": "1"}),
                         Row(id="s2", parent_id="b1", data={})])
    assert [f.reason for f in school_register_units(rows, year_2026()).findings] == ["小学（S02）无查验登记"]
    assert [f.evidence[0].id for f in school_register_fields(rows, year_2026()).findings] == ["s2"]


def test_school_catch_up_needs_referral_closure_in_30_days_and_a_recheck():
    missing = {"evaluation": {"complete": False, "missing": [{"series": "MCV", "dose": 2}]}}
    students = [
        Row(id="ok", parent_id="b1", data={**missing, "referral": {"notified_on": "2026-09-02"},
                                           "catch_up_status": "complete", "catch_up": [{"date": "2026-09-20"}],
                                           "rechecked_on": "2026-12-01"}),
        Row(id="noref", parent_id="b1", data=missing),
        Row(id="late", parent_id="b1", data={**missing, "referral": {"notified_on": "2026-09-02"},
                                             "catch_up_status": "complete", "catch_up": [{"date": "2026-11-20"}],
                                             "rechecked_on": "2026-12-01"}),
        Row(id="norecheck", parent_id="b1", data={**missing, "referral": {"notified_on": "2026-09-02"},
                                                  "catch_up_status": "complete",
                                                  "catch_up": [{"date": "2026-09-10"}]}),
        Row(id="fine", parent_id="b1", data={"evaluation": {"complete": True, "missing": []}})]
    m = school_catch_up(_school_rows(students), year_2026())
    assert m.examined == 5  # every student check of the period's batches; "fine" needs no catch-up
    assert [(f.evidence[0].id, f.reason) for f in m.findings] == [
        ("noref", "漏种未开具补种通知"), ("late", "补种未在通知后30天内完成"), ("norecheck", "未在12月31日前复查")]


def test_entry_checks_are_autumn_work_and_cost_nothing_in_the_first_half():
    h1 = Context(start=d("2026-01-01"), end=d("2026-07-01"), today=d("2027-01-15"))
    h2 = Context(start=d("2026-07-01"), end=d("2027-01-01"), today=d("2027-01-15"))
    rows = _school_rows([Row(id="s1", parent_id="b1", data={"guardian_phone": "1"})])
    unchecked = school_register_units(rows, h1)
    assert unchecked.examined == 0 and unchecked.findings == []
    assert school_register_units(rows, h2).examined == 2 and len(school_register_units(rows, h2).findings) == 1
    spring = UnitRows("U01", schools=rows.schools, school_checks=[
        Row(id="b0", school_code="S01", started_on=d("2026-03-01"), term="2026-spring")])
    assert school_register_units(spring, h1).examined == 2  # a unit that checked in spring is scored on it
    assert school_catch_up(rows, h1).examined == 0
