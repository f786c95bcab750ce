"""A zero report is confirmed before it is saved, and a past period left unreported can be attested late."""

from datetime import datetime, timedelta

import pytest

from tests.e2e import steps

pytestmark = pytest.mark.e2e


def test_a_past_unreported_month_is_filed_late_after_confirmation(page, live_server):
    last_month = (datetime.now(steps.TZ).replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    steps.sign_in(page, live_server)
    steps.go(page, live_server, "zero")
    cell = f"#zero-calendar li[data-period='{last_month}']"
    page.wait_for_selector(f"{cell} .zero-late")
    page.click("#zero-submit")
    page.click("#zero-cancel")  # asked first; cancelled, nothing saved
    assert page.locator("#zero-confirm-panel").count() == 0
    page.click(f"{cell} .zero-late")
    assert "迟报" in page.text_content("#zero-confirm-panel")
    page.click("#zero-confirm")
    page.wait_for_selector(f"{cell}:has-text('已报零')")
    steps.sync_now(page, live_server)
    steps.wait_synced(page)
    assert [r.period for r in steps.server_records("aefi_zero_report")] == [last_month]
