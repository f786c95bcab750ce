"""Tasks say whom they are about: a returned AEFI report names the child; a catch-up names the student's class
and gives the parent's phone to call, the doses by name."""

import pytest

from tests.e2e import steps
from tests.factories import (
    add_record,
    aefi_report_data,
    aefi_review_data,
    child_data,
    school_check_data,
    student_check_data,
)
from webapp.extensions import db

pytestmark = pytest.mark.e2e


def test_tasks_name_the_child_and_the_student_with_class_and_parent_phone(page, live_server):
    child = add_record("child", child_data(name="周小雨"))
    report = add_record("aefi_report", aefi_report_data(child.id), captured_by="demo-nurse")
    add_record("aefi_review", aefi_review_data(report.id, status="returned", return_reason="请补充诊断"),
               captured_by="demo-county")
    batch = add_record("school_check", school_check_data(), captured_by="demo-school")
    missing = [{"series": "DTP", "dose": 4, "vaccine": "DTaP", "due_since": "2023-11-01"}]
    add_record("student_check", student_check_data(batch.id, evaluation={"missing": missing}),
               captured_by="demo-school", referral_unit="U01")
    db.session.commit()
    steps.sign_in(page, live_server)
    steps.go(page, live_server, "tasks")
    page.wait_for_selector("#task-list li.card:has-text('请补充诊断')")
    text = page.text_content("#task-list")
    assert "周小雨" in text
    assert "张小花" in text and "小一班" in text and "百白破疫苗 第4剂" in text and "DTaP" not in text
    assert page.get_attribute("#task-list a.tel", "href") == "tel:13900000000"
