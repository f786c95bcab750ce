"""Who may write and read what through sync: the author binding and the scope of every record."""

import pytest

from tests.factories import (
    aefi_report_data,
    aefi_review_data,
    child_data,
    push_item,
    school_check_data,
    student_check_data,
)
from tests.sync_client import sync as sync_fixture
from webapp.models import Record

sync = sync_fixture  # the fixture, for the tests below


def test_a_nurse_cannot_write_another_units_records(sync, db):
    item = push_item("child", child_data(unit="U03"))
    assert sync.results([item]) == [{"id": item["id"], "status": "rejected",
                                     "errors": {"unit_code": ["无权写入 U03 的记录"]}}]
    assert db.session.query(Record).count() == 0


def test_a_nurse_cannot_read_another_units_records(sync):
    mine = push_item("child", child_data())
    theirs = push_item("child", child_data(unit="U03"), captured_by="demo-nurse-b")
    sync.push([mine])
    sync.push([theirs], user="demo-nurse-b")
    assert sync.records("demo-nurse") == {"child": {mine["id"]}}
    assert sync.records("demo-nurse-b") == {"child": {theirs["id"]}}


def test_a_nurse_cannot_move_a_record_out_of_another_unit(sync):
    theirs = push_item("child", child_data(unit="U03"), captured_by="demo-nurse-b")
    sync.push([theirs], user="demo-nurse-b")
    grab = dict(theirs, base_rev=1, captured_by="demo-nurse", data=child_data(unit="U01"))
    assert sync.results([grab])[0]["errors"] == {"unit_code": ["无权写入 U03 的记录"]}


def test_a_colleague_of_the_same_unit_may_carry_records_under_their_own_author(sync, db):
    item = push_item("child", child_data(), captured_by="demo-nurse2")
    assert sync.statuses([item], user="demo-nurse") == ["created"]
    db.session.expire_all()
    row = db.session.get(Record, item["id"])
    assert row.captured_by == "demo-nurse2"


def test_records_of_another_units_nurse_are_not_carried(sync):
    item = push_item("child", child_data(unit="U03"), captured_by="demo-nurse-b")
    assert sync.results([item])[0]["errors"] == {
        "captured_by": ["当前登录用户不能代为提交 demo-nurse-b 的记录（须同一单位）"]}


@pytest.mark.parametrize("author", ["nobody", "demo-nurse2"])
def test_an_unknown_or_deactivated_author_is_rejected(sync, db, author):
    from webapp.services.accounts.users import find_user
    find_user("demo-nurse2").active = False
    db.session.commit()
    item = push_item("child", child_data(), captured_by=author)
    assert sync.results([item])[0]["errors"] == {"captured_by": [f"记录人 {author} 不存在或已停用"]}


def test_a_school_user_writes_only_its_own_schools_checks(sync):
    own = push_item("school_check", school_check_data("S01"), captured_by="demo-school")
    other = push_item("school_check", school_check_data("S02"), captured_by="demo-school")
    child = push_item("child", child_data(), captured_by="demo-school")
    res = sync.results([own, other, child], user="demo-school")
    assert [r["status"] for r in res] == ["created", "rejected", "rejected"]
    assert res[1]["errors"] == {"school_code": ["无权写入 S02 的记录"]}
    assert res[2]["errors"] == {"kind": ["查验人员只能提交本校的查验记录"]}


def test_a_school_user_cannot_add_students_to_another_schools_batch(sync, token_for, client, db):
    from webapp.services.accounts.users import create_user
    create_user("school-s02", "Demo-2026!", "school", "S02")
    db.session.commit()
    batch = push_item("school_check", school_check_data("S02"), captured_by="school-s02")
    assert sync.statuses([batch], user="school-s02") == ["created"]
    student = push_item("student_check", student_check_data(batch["id"]), captured_by="demo-school")
    assert sync.results([student], user="demo-school")[0]["errors"] == {"school_check_id": ["无权写入 S02 的记录"]}


def test_a_school_user_reads_only_its_schools_checks(sync):
    batch = push_item("school_check", school_check_data("S01"), captured_by="demo-school")
    sync.push([batch], user="demo-school")
    sync.push([push_item("child", child_data())])
    assert sync.records("demo-school") == {"school_check": {batch["id"]}}


def test_a_nurse_reads_student_checks_referred_to_her_unit_only_with_their_batch(sync):
    batch = push_item("school_check", school_check_data("S01"), captured_by="demo-school")
    referred = push_item("student_check", student_check_data(batch["id"]), captured_by="demo-school")
    elsewhere = push_item("student_check", student_check_data(batch["id"], referral={
        "unit_code": "U03", "notified_on": "2026-09-02"}), captured_by="demo-school")
    unreferred = push_item("school_check", school_check_data("S01"), captured_by="demo-school")
    sync.push([batch, referred, elsewhere, unreferred], user="demo-school")
    # the batch names the school and the term of the catch-up task; a batch with no student referred stays away
    assert sync.records("demo-nurse") == {"student_check": {referred["id"]}, "school_check": {batch["id"]}}
    assert sync.records("demo-nurse-b") == {"student_check": {elsewhere["id"]}, "school_check": {batch["id"]}}


def test_a_nurse_cannot_create_student_checks_or_reviews(sync):
    case = push_item("aefi_report", aefi_report_data())
    review = push_item("aefi_review", aefi_review_data(case["id"]))
    res = sync.results([case, review])
    assert res[1]["errors"] == {"kind": ["当前角色不能提交此类记录"]}


def test_a_county_user_reviews_only_its_countys_reports(sync, db):
    from webapp.models import County, Township, Unit
    from webapp.services.accounts.users import create_user
    db.session.add_all([County(code="999999", name="外县"), Township(code="999999001", name="外镇",
                                                                     county_code="999999"),
                        Unit(code="X01", name="外县防保站", kind="township_station", township_code="999999001")])
    db.session.flush()
    create_user("nurse-x", "Demo-2026!", "nurse", "X01")
    db.session.commit()
    case = push_item("aefi_report", aefi_report_data(unit="X01"), captured_by="nurse-x")
    assert sync.statuses([case], user="nurse-x") == ["created"]
    review = push_item("aefi_review", aefi_review_data(case["id"]), captured_by="demo-county")
    assert sync.results([review], user="demo-county")[0]["errors"] == {"aefi_id": ["无权写入 X01 的记录"]}
    assert sync.records("demo-county") == {}
    assert sync.records("nurse-x") == {"aefi_report": {case["id"]}}


def test_a_county_user_reads_its_whole_county(sync):
    a = push_item("child", child_data())
    b = push_item("child", child_data(unit="U03"), captured_by="demo-nurse-b")
    batch = push_item("school_check", school_check_data("S01"), captured_by="demo-school")
    sync.push([a])
    sync.push([b], user="demo-nurse-b")
    sync.push([batch], user="demo-school")
    assert sync.records("demo-county") == {"child": {a["id"], b["id"]}, "school_check": {batch["id"]}}


def test_an_admin_token_may_not_push(sync):
    resp = sync.push([push_item("child", child_data(), captured_by="demo-admin")], user="demo-admin")
    assert resp.status_code == 403 and resp.mimetype == "application/problem+json"
    assert resp.get_json()["detail"] == "无权执行此操作"


def test_a_nurse_cannot_touch_a_student_check_not_referred_to_her(sync):
    batch = push_item("school_check", school_check_data("S01"), captured_by="demo-school")
    student = push_item("student_check", student_check_data(batch["id"], referral={
        "unit_code": "U03", "notified_on": "2026-09-02"}), captured_by="demo-school")
    sync.push([batch, student], user="demo-school")
    attempt = dict(student, base_rev=1, captured_by="demo-nurse",
                   data={**student["data"], "catch_up_status": "complete"})
    assert sync.results([attempt])[0]["errors"] == {"kind": ["接种人员只能为转介到本单位的学生补录补种记录"]}
