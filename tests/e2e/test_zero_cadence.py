"""Scenario: a county that files zero reports weekly — the phone offers this ISO week and the server accepts it."""

from datetime import datetime

import pytest

from tests.e2e import steps
from tests.e2e.steps import TZ

pytestmark = pytest.mark.e2e


@pytest.fixture
def weekly(app):
    """The county's zero-report cadence set to weekly for one test (the app is shared by the session)."""
    app.config["ZERO_REPORT_CADENCE"] = "weekly"
    yield
    app.config["ZERO_REPORT_CADENCE"] = "monthly"


def test_a_weekly_county_gets_this_weeks_zero_report_and_a_calendar_of_weeks(weekly, page, live_server):
    year, week, _ = datetime.now(TZ).isocalendar()
    this_week = f"{year}-W{week:02d}"
    steps.sign_in(page, live_server)  # the first sync pulls the county's cadence
    steps.go(page, live_server, "zero")
    page.wait_for_selector("#zero-submit")
    assert this_week in page.text_content("#zero-submit") and "近 12 周" in page.text_content("main")
    weeks = page.eval_on_selector_all("#zero-calendar li", "els => els.map(e => e.dataset.period)")
    assert len(weeks) == 12 and weeks[0] == this_week and all("-W" in w for w in weeks)
    page.click("#zero-submit")
    page.click("#zero-confirm")
    page.wait_for_selector("#zero-submit[disabled]")
    steps.sync_now(page, live_server)
    steps.wait_synced(page)
    (zero,) = steps.server_records("aefi_zero_report")
    assert zero.data["period"] == this_week
