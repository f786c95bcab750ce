"""Printed forms fit A4 landscape in the browser with print media: the annual school report (38 columns), a
school's check register, the monthly report and the scorecard (its folded deductions printed open); none is
wider than the printable width, and each prints as a PDF."""

import re

import pytest

from tests.factories import add_record, precheck_data
from tests.schools import dataset
from tests.services.scoring import data as scores_data

A4_LANDSCAPE_PX = 1077  # 297 mm less two 6 mm margins at 96 px per inch


def _sign_in(page, base, username="demo-county"):
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "Demo-2026!")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/(home)?$"), timeout=10000)


def _fits(page, url):
    """Every table of the page ends inside the printable width and clips nothing (no inner scroll)."""
    page.goto(url)
    page.emulate_media(media="print")
    tables = page.evaluate("""() => [...document.querySelectorAll('table')].map(t => [
        Math.round(t.getBoundingClientRect().right), t.scrollWidth - t.clientWidth,
        t.closest('.table-wrap') ? t.closest('.table-wrap').scrollWidth - t.closest('.table-wrap').clientWidth : 0])""")
    assert tables and all(right <= A4_LANDSCAPE_PX and inner <= 0 and wrap <= 0 for right, inner, wrap in tables), \
        (url, tables)
    assert page.pdf(format="A4", landscape=True)[:4] == b"%PDF"
    page.emulate_media(media="screen")


@pytest.mark.e2e
def test_every_printed_form_fits_a4_landscape(live_server, page, db):
    dataset.build(db)
    ids = scores_data.build()
    for day in range(1, 17):  # more than 15 deductions: 10 shown, the rest folded on screen
        late = precheck_data(ids["c1"], visit_date=f"2026-05-{day:02d}", planned=[{"vaccine": "DTaP", "dose": 1}])
        late.pop("temperature_c")
        add_record("precheck", late)
    db.session.commit()
    page.set_viewport_size({"width": A4_LANDSCAPE_PX, "height": 760})
    _sign_in(page, live_server)
    for path in ("/schools/annual?year=2026", "/schools/S01/register?year=2026", "/scores/monthly/U01/2026-05",
                 "/scores/card/evaluation-standard/2026/U01"):
        _fits(page, f"{live_server}{path}")
    page.goto(f"{live_server}/scores/card/evaluation-standard/2026/U01")
    folded = page.locator("details.more-deductions .deduction")
    count = folded.count()
    assert count >= 7 and folded.first.is_hidden()  # folded on screen
    page.emulate_media(media="print")
    assert all(folded.nth(i).is_visible() for i in range(count))  # printed open
