"""Scenario: a nurse reports an AEFI case from the phone, the county reviewer receives and returns it in the
review pages of a desktop browser, and the nurse's phone gets the return as a task at its next sync."""

import pytest

from tests.conftest import DEMO_PASSWORD
from tests.e2e import steps
from tests.e2e.conftest import CONTEXT

pytestmark = pytest.mark.e2e


def test_a_phone_report_is_received_and_returned_in_the_review_pages_and_reaches_the_phone(page, browser,
                                                                                         live_server):
    steps.sign_in(page, live_server)
    steps.aefi_last_month(page, live_server)
    steps.sync_now(page, live_server)
    steps.wait_synced(page)
    (report,) = steps.server_records("aefi_report")

    desk = browser.new_context(**{**CONTEXT, "viewport": {"width": 1280, "height": 900}})
    try:
        review = desk.new_page()
        review.goto(f"{live_server}/login")
        review.fill("input[name=username]", "demo-county")
        review.fill("input[name=password]", DEMO_PASSWORD)
        review.click("button.primary")
        review.goto(f"{live_server}/review/")
        review.click("a:has-text('刘小宝')")  # the queue links each case by the person's name
        review.wait_for_selector("h1:has-text('刘小宝')")
        assert "待接收" in review.text_content("section.card")
        review.click("button:has-text('接收报告')")
        review.wait_for_selector("strong:has-text('已接收')")
        review.fill("textarea[name='ret-return_reason']", "请补充就诊单位")
        review.click("button:has-text('退回报告人')")
        review.wait_for_selector("strong:has-text('已退回')")
        assert "请补充就诊单位" in review.text_content("section.card")
    finally:
        desk.close()

    steps.sync_now(page, live_server)
    steps.wait_synced(page)
    steps.go(page, live_server, "tasks")
    page.wait_for_selector("#task-list li.card:has-text('请补充就诊单位')")
    (review_record,) = steps.server_records("aefi_review")
    assert review_record.data["aefi_id"] == report.id and review_record.data["status"] == "returned"
