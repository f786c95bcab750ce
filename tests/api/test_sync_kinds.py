"""Kind rules of a push: immutable consents, one zero report per unit and period, reviews, school checks."""

import json
from datetime import UTC, datetime, timedelta

from tests.factories import (
    aefi_report_data,
    aefi_review_data,
    child_data,
    consent_data,
    precheck_data,
    push_item,
    school_check_data,
    student_check_data,
    vaccination_data,
    zero_report_data,
)
from tests.sync_client import sync as sync_fixture
from webapp.models import Record

sync = sync_fixture  # the fixture, for the tests below


def _month(delta_months=0):
    today = datetime.now(UTC).astimezone().date()
    month = today.month - 1 + delta_months
    return f"{today.year + month // 12}-{month % 12 + 1:02d}"


def _encounter(sync):
    child = push_item("child", child_data())
    pre = push_item("precheck", precheck_data(child["id"]))
    con = push_item("consent", consent_data(child["id"], pre["id"]))
    assert sync.statuses([child, pre, con]) == ["created"] * 3
    return child, pre, con


def test_editing_a_stored_consent_is_rejected(sync, db):
    _child, _pre, con = _encounter(sync)
    edit = dict(con, base_rev=1, data={**con["data"], "guardian_name": "李四"})
    assert sync.results([edit]) == [{"id": con["id"], "status": "rejected", "errors": {"id": [
        "知情告知保存后不可修改；如需更正，请新建一份并在 supersedes 中填写原记录编号"]}}]
    db.session.expire_all()
    assert db.session.get(Record, con["id"]).data["guardian_name"] == "王大明"


def test_a_correcting_consent_supersedes_the_old_one(sync, db):
    child, pre, con = _encounter(sync)
    fix = push_item("consent", consent_data(child["id"], pre["id"], guardian_name="王大名", supersedes=con["id"]))
    assert sync.statuses([fix]) == ["created"]
    db.session.expire_all()
    assert db.session.get(Record, con["id"]).state == "superseded"
    assert db.session.get(Record, fix["id"]).state is None


def test_a_consent_superseding_an_unknown_consent_is_deferred(sync):
    child, pre, _con = _encounter(sync)
    fix = push_item("consent", consent_data(child["id"], pre["id"], supersedes="00000000-0000-4000-8000-000000000000"))
    assert sync.results([fix])[0]["status"] == "deferred"
    assert list(sync.results([fix])[0]["errors"]) == ["supersedes"]


def test_a_consent_must_carry_the_exact_notice_hash(sync):
    child = push_item("child", child_data())
    pre = push_item("precheck", precheck_data(child["id"]))
    con = push_item("consent", consent_data(child["id"], pre["id"], notice_sha256="0" * 64))
    assert sync.results([child, pre, con])[2]["errors"] == {"notice_sha256": ["告知书文本摘要与该版本不符"]}


def test_a_consent_with_a_wrong_vaccine_category_is_rejected(sync):
    child = push_item("child", child_data())
    pre = push_item("precheck", precheck_data(child["id"]))
    con = push_item("consent", consent_data(child["id"], pre["id"], vaccines=[
        {"vaccine": "HepB", "dose": 2, "category": "non_nip"}]))
    assert sync.results([child, pre, con])[2]["errors"] == {"vaccines.0.category": ["疫苗类别应为 nip"]}


def test_a_second_zero_report_for_the_same_unit_and_period_is_rejected(sync, db):
    period = _month(-1)
    first, second = push_item("aefi_zero_report", zero_report_data(period)), push_item(
        "aefi_zero_report", zero_report_data(period))
    assert sync.results([first, second]) == [
        {"id": first["id"], "status": "created", "rev": 1},
        {"id": second["id"], "status": "rejected", "errors": {"period": ["本单位该周期已有零报告"]}}]
    assert sync.results([second])[0]["status"] == "rejected"
    assert sync.results([first])[0]["status"] == "duplicate"


def test_zero_reports_of_other_units_or_periods_are_independent(sync):
    period = _month(-1)
    items = [push_item("aefi_zero_report", zero_report_data(period)),
             push_item("aefi_zero_report", zero_report_data(_month(-2)))]
    other = push_item("aefi_zero_report", zero_report_data(period, unit="U03"), captured_by="demo-nurse-b")
    assert sync.statuses(items) == ["created", "created"]
    assert sync.statuses([other], user="demo-nurse-b") == ["created"]


def test_a_zero_report_for_a_period_with_a_case_is_rejected(sync):
    case = push_item("aefi_report", aefi_report_data())
    onset = datetime.fromisoformat(case["data"]["onset_at"]).astimezone(
        __import__("zoneinfo").ZoneInfo("Asia/Shanghai")).date()
    zero = push_item("aefi_zero_report", zero_report_data(f"{onset.year}-{onset.month:02d}"))
    assert sync.results([case, zero])[1] == {"id": zero["id"], "status": "rejected", "errors": {
        "period": ["本单位该周期已报告 AEFI 个案，不能提交零报告"]}}


def test_a_case_arriving_later_marks_the_zero_report_contradicted(sync, db):
    shanghai = __import__("zoneinfo").ZoneInfo("Asia/Shanghai")
    case = push_item("aefi_report", aefi_report_data())
    onset = datetime.fromisoformat(case["data"]["onset_at"]).astimezone(shanghai).date()
    zero = push_item("aefi_zero_report", zero_report_data(f"{onset.year}-{onset.month:02d}"))
    assert sync.statuses([zero]) == ["created"]
    assert sync.statuses([case]) == ["created"]
    db.session.expire_all()
    assert db.session.get(Record, zero["id"]).state == "contradicted"
    assert db.session.get(Record, case["id"]).period == f"{onset.year}-{onset.month:02d}"


def test_a_case_period_is_its_onset_date_in_the_county_time_zone(sync, db):
    # 2026-10-31 23:30 UTC is already 1 November in Shanghai.
    data = aefi_report_data(onset_at="2026-10-31T23:30:00+00:00", discovered_at="2026-11-01T02:00:00+00:00",
                            reported_at="2026-11-01T03:00:00+00:00")
    data["vaccines"][0]["vaccinated_on"] = "2026-10-30"
    case = push_item("aefi_report", data)
    assert sync.statuses([case]) == ["created"]
    db.session.expire_all()
    assert db.session.get(Record, case["id"]).period == "2026-11"


def test_a_zero_report_in_another_cadence_is_rejected(sync):
    zero = push_item("aefi_zero_report", zero_report_data("2026-W40"))
    assert sync.results([zero])[0]["errors"] == {"period": ["本县零报告周期为每月一次"]}


def test_a_zero_report_for_a_future_period_is_rejected(sync):
    zero = push_item("aefi_zero_report", zero_report_data(_month(2)))
    assert list(sync.results([zero])[0]["errors"]) == ["period"]


def test_a_county_review_marks_the_report_and_reaches_the_reporting_unit(sync, db):
    case = push_item("aefi_report", aefi_report_data())
    sync.push([case])
    review = push_item("aefi_review", aefi_review_data(case["id"], status="returned", return_reason="发病时间缺失"),
                       captured_by="demo-county")
    assert sync.statuses([review], user="demo-county") == ["created"]
    db.session.expire_all()
    assert db.session.get(Record, case["id"]).state == "returned"
    assert db.session.get(Record, review["id"]).unit_code == "U01"
    pulled = sync.records("demo-nurse")
    assert review["id"] in pulled["aefi_review"] and case["id"] in pulled["aefi_report"]


def test_a_returned_report_fixed_by_the_nurse_is_resubmitted(sync, db):
    case = push_item("aefi_report", aefi_report_data())
    sync.push([case])
    review = push_item("aefi_review", aefi_review_data(case["id"], status="returned", return_reason="补充诊断"),
                       captured_by="demo-county")
    sync.push([review], user="demo-county")
    fixed = dict(case, base_rev=1, data={**case["data"], "diagnosis": "发热（一般反应）"})
    assert sync.results([fixed]) == [{"id": case["id"], "status": "updated", "rev": 2}]
    db.session.expire_all()
    assert db.session.get(Record, case["id"]).state == "resubmitted"


def test_a_returned_review_needs_a_reason(sync):
    case = push_item("aefi_report", aefi_report_data())
    sync.push([case])
    review = push_item("aefi_review", aefi_review_data(case["id"], status="returned"), captured_by="demo-county")
    assert sync.results([review], user="demo-county")[0]["errors"] == {
        "return_reason": ["退回时必须说明需要修改的内容"]}


def test_student_check_takes_its_school_and_unit_from_the_batch(sync, db):
    batch = push_item("school_check", school_check_data(), captured_by="demo-school")
    student = push_item("student_check", student_check_data(batch["id"]), captured_by="demo-school")
    assert sync.statuses([batch, student], user="demo-school") == ["created", "created"]
    db.session.expire_all()
    row = db.session.get(Record, student["id"])
    assert (row.school_code, row.unit_code, row.referral_unit, str(row.event_date)) == ("S01", "U01", "U01",
                                                                                       "2026-09-01")


def test_the_server_evaluation_replaces_the_phones(sync, db):
    batch = push_item("school_check", school_check_data(), captured_by="demo-school")
    phone = {"schedule": "phone", "complete": True, "missing": [], "not_counted": [], "notes": []}
    student = push_item("student_check", student_check_data(batch["id"], evaluation=phone), captured_by="demo-school")
    sync.push([batch, student], user="demo-school")
    db.session.expire_all()
    stored = db.session.get(Record, student["id"]).data["evaluation"]
    try:
        from webapp.domain.schedule import evaluate
    except ImportError:
        assert stored == phone
        return
    from datetime import date
    assert stored == __import__("json").loads(__import__("json").dumps(
        evaluate(date(2022, 5, 1), date(2026, 9, 1), [{"vaccine": "HepB", "date": date(2022, 5, 1)}]), default=str))
    assert stored["complete"] is False
    assert sync.statuses([student], user="demo-school") == ["duplicate"]


def test_the_referred_unit_adds_catch_up_doses_and_nothing_else(sync, db):
    batch = push_item("school_check", school_check_data(), captured_by="demo-school")
    student = push_item("student_check", student_check_data(batch["id"]), captured_by="demo-school")
    sync.push([batch, student], user="demo-school")
    stored = db.session.get(Record, student["id"]).data
    day = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    caught = dict(student, base_rev=1, captured_by="demo-nurse", data={
        **stored, "catch_up": [{"vaccine": "MPSV-AC", "date": day, "unit_code": "U01"}], "catch_up_status": "complete"})
    assert sync.results([caught]) == [{"id": student["id"], "status": "updated", "rev": 2}]
    renamed = dict(caught, base_rev=2, data={**caught["data"], "name": "改名"})
    assert sync.results([renamed])[0] == {"id": student["id"], "status": "rejected",
                                          "errors": {"name": ["接种单位只能修改补种信息"]}}


def test_a_replayed_student_check_stays_a_duplicate_when_the_evaluation_changed(sync, db):
    batch = push_item("school_check", school_check_data(), captured_by="demo-school")
    student = push_item("student_check", student_check_data(batch["id"]), captured_by="demo-school")
    sync.push([batch, student], user="demo-school")
    row = db.session.get(Record, student["id"])
    row.data = {**row.data, "evaluation": {"schedule": "older", "complete": True, "missing": [],
                                           "not_counted": [], "notes": []}}
    row.content_hash = "0" * 64
    db.session.commit()
    assert sync.results([student], user="demo-school") == [{"id": student["id"], "status": "duplicate", "rev": 1}]


def test_a_precheck_keeps_its_missing_qc_fields_beside_it_until_an_edit_fills_them(sync, db):
    child = push_item("child", child_data())
    data = precheck_data(child["id"])
    del data["temperature_c"]
    pre = push_item("precheck", data)
    assert sync.statuses([child, pre]) == ["created", "created"]
    db.session.expire_all()
    assert db.session.get(Record, pre["id"]).qc_missing == "temperature_c"
    fixed = dict(pre, base_rev=1, data={**data, "temperature_c": 36.8})
    assert sync.statuses([fixed]) == ["updated"]
    db.session.expire_all()
    assert db.session.get(Record, pre["id"]).qc_missing is None


def test_a_vaccination_keeps_its_product_dose_and_precheck_beside_it_through_an_edit(sync, db):
    child, pre, _ = _encounter(sync)
    stored_pre = db.session.get(Record, pre["id"])
    assert (stored_pre.decision, json.loads(stored_pre.planned)) == ("vaccinate", pre["data"]["planned"])
    dose = push_item("vaccination", vaccination_data(child["id"], precheck_id=pre["id"]))
    assert sync.statuses([dose]) == ["created"]
    db.session.expire_all()
    row = db.session.get(Record, dose["id"])
    assert (row.vaccine, row.dose, row.parent_id) == ("HepB", 2, pre["id"])
    fixed = dict(dose, base_rev=1, data={**dose["data"], "vaccine": "DTaP", "dose": 3, "precheck_id": None})
    assert sync.statuses([fixed]) == ["updated"]
    db.session.expire_all()
    row = db.session.get(Record, dose["id"])
    assert (row.vaccine, row.dose, row.parent_id) == ("DTaP", 3, None)
    assert db.session.get(Record, pre["id"]).vaccine is None
    assert db.session.get(Record, child["id"]).decision is None


def test_a_consent_keeps_its_decision_vaccines_method_and_signature_beside_it(sync, db):
    child, pre, con = _encounter(sync)
    row = db.session.get(Record, con["id"])
    assert (row.decision, row.method, row.signed, row.parent_id) == ("agree", "written", True, pre["id"])
    assert json.loads(row.planned) == con["data"]["vaccines"]
    unsigned = push_item("consent", consent_data(child["id"], pre["id"], signature=None, decision="refuse"))
    assert sync.statuses([unsigned]) == ["created"]
    row = db.session.get(Record, unsigned["id"])
    assert (row.decision, row.signed) == ("refuse", False)


def test_a_child_that_left_needs_the_day_it_left(sync):
    gone = push_item("child", child_data(status="moved_out"))
    assert sync.results([gone])[0]["errors"] == {"status_on": ["儿童状态不是在册时，必须填写状态变动日期"]}
    dated = push_item("child", child_data(status="moved_out", status_on="2026-03-01", resident_since="2025-03-01"))
    assert sync.statuses([dated]) == ["created"]
    odd = push_item("child", child_data(status="away", status_on="2026-03-01"))
    assert list(sync.results([odd])[0]["errors"]) == ["status"]
