"""The 完成 screen of an encounter belongs to that visit: the child's next visit starts at the pre-check."""

import pytest

from tests.e2e import steps

pytestmark = pytest.mark.e2e


def test_the_next_visit_of_the_child_starts_at_the_precheck_not_the_old_done_screen(page, live_server):
    steps.sign_in(page, live_server)
    steps.register_child(page, live_server, "复诊宝", "2026-10-01")
    steps.encounter(page)  # ends on the done screen; the nurse leaves without tapping its buttons
    steps.go(page, live_server, "children")
    page.click("#child-list li.card:has-text('复诊宝') button.primary")
    page.wait_for_selector("#precheck-form, #enc-done")
    assert page.locator("#enc-done").count() == 0
    assert page.locator("#precheck-form").count() == 1
