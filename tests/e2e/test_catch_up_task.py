"""A catch-up task says what the nurse needs to act on it, at 360 px: the student's school (from the pulled batch and
the schools reference data) and class, the parent's phone to call, and the deadline with the rule it comes from (the
referral's notice day + 30 days, as the 30-day closure rate counts it; the school's recheck by 31 December)."""

from datetime import date, datetime, timedelta

import pytest

from tests.e2e import steps
from tests.factories import add_record, child_data, school_check_data, student_check_data
from webapp.extensions import db

pytestmark = pytest.mark.e2e


def _referred(batch, notified_on: date):
    missing = [{"series": "DTP", "dose": 4, "vaccine": "DTaP", "due_since": "2023-11-01"}]
    add_record("student_check", student_check_data(
        batch.id, evaluation={"missing": missing},
        referral={"unit_code": "U01", "notified_on": notified_on.isoformat()}), captured_by="demo-school")
    db.session.commit()


def test_a_catch_up_task_names_the_school_class_parent_phone_and_an_explained_deadline(page, live_server):
    batch = add_record("school_check", school_check_data(), captured_by="demo-school")
    add_record("child", child_data())  # a record of the unit after the batch: the phone's cursor passes the batch
    db.session.commit()
    notified = datetime.now(steps.TZ).date() - timedelta(days=40)  # the phone counts days on the county's clock
    steps.sign_in(page, live_server)
    _referred(batch, notified)  # referred after the phone's first sync
    steps.sync_now(page, live_server)
    steps.wait_synced(page)
    steps.go(page, live_server, "tasks")
    card = page.wait_for_selector("#task-list li.task-catch-up")
    assert card.query_selector(".task-school").text_content() == "林西镇中心幼儿园 · 小一班"
    assert card.query_selector("a.tel").get_attribute("href") == "tel:13900000000"
    deadline = (notified + timedelta(days=30)).isoformat()
    assert card.query_selector(".task-deadline").text_content() == f"补种期限：{deadline}（已超期 10 天）"
    rule = card.query_selector(".task-rule").text_content()
    assert rule == f"按“30天内补种闭环”：通知日 {notified.isoformat()} 起 30 天"
    assert card.query_selector(".task-recheck").text_content() == "学校年底复查截止 2026-12-31"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    steps.go(page, live_server, "catch-up-tasks")  # the unit's catch-up list says the same
    listed = page.wait_for_selector("#catch-up-tasks li.task")
    assert listed.query_selector(".task-school").text_content() == "林西镇中心幼儿园 · 小一班"
    assert "已超期 10 天" in listed.query_selector(".task-deadline").text_content()
