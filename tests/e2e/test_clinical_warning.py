"""A pre-check with fever and the decision to vaccinate warns before it is saved; a second tap confirms."""

import pytest

from tests.e2e import steps

pytestmark = pytest.mark.e2e


def test_fever_with_decision_to_vaccinate_warns_first_and_saves_on_confirmation(page, live_server):
    steps.sign_in(page, live_server)
    steps.register_child(page, live_server, "发热宝", "2026-10-01")
    page.click("#all-no")
    page.click("#precheck-form .opt:has(input[name=q_ill_today][value=yes])")
    page.fill("#precheck-form [name=temperature_c]", "38.6")
    page.locator("#precheck-form input[name=planned]").first.check()
    page.click("#precheck-form .opt:has(input[name=decision][value=vaccinate])")
    page.click("#save-precheck")
    page.wait_for_selector("#precheck-form .summary-warn")
    summary = page.text_content("#precheck-form .summary")
    assert "暂缓接种" in summary and "37.5" in summary
    assert page.locator("#consent-form").count() == 0  # not saved yet
    page.click("#save-precheck")
    page.wait_for_selector("#consent-form")
