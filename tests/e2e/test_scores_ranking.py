"""The county's score pages in a browser: the vendored Chart.js draws under the CSP, the table sorts by a header
click, and the scorecard and the assessor form fit a tablet held upright (the scorecard a phone too)."""

import re

import pytest

from tests.factories import add_record, child_data
from tests.services.scoring import data as scores_data


def _sign_in_county(page, base):
    page.goto(f"{base}/login")
    page.fill("input[name=username]", "demo-county")
    page.fill("input[name=password]", "Demo-2026!")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/(home)?$"), timeout=10000)


@pytest.mark.e2e
def test_ranking_chart_draws_and_table_sorts(live_server, page, db):
    scores_data.build()
    add_record("child", child_data(unit="U02", birth_date="2026-02-01", certificate_no=None))  # 建证率 0
    add_record("child", child_data(unit="U03", birth_date="2026-02-01"))
    db.session.commit()  # U04 has no record in 2026: 无数据, ranked last
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    _sign_in_county(page, live_server)
    page.goto(f"{live_server}/scores/?template=evaluation-standard&period=2026")
    assert page.evaluate("() => !!window.Chart && !!window.Chart.getChart(document.getElementById('ranking-chart'))")
    names = lambda: page.eval_on_selector_all("#ranking-table tbody tr td:nth-child(2)",  # noqa: E731
                                              "cells => cells.map(c => c.textContent.trim())")
    before = names()
    page.click("#ranking-table th:nth-child(2)")
    after = names()
    assert sorted(before) == sorted(after) and page.get_attribute("#ranking-table th:nth-child(2)", "aria-sort")
    totals = lambda: page.eval_on_selector_all("#ranking-table tbody tr td:nth-child(3) strong",  # noqa: E731
                                               "cells => cells.map(c => parseFloat(c.textContent) || 0)")
    page.click("#ranking-table th:nth-child(3)")
    assert totals() == sorted(totals(), reverse=True)
    page.click("#ranking-table th:nth-child(3)")
    assert totals() == sorted(totals()) and totals() != sorted(totals(), reverse=True)
    assert not [m for m in console if "Content Security Policy" in m]


@pytest.mark.e2e
def test_the_scorecard_and_the_assessor_form_fit_a_tablet_held_upright_and_the_scorecard_a_phone(live_server, page,
                                                                                             db):
    scores_data.build()
    db.session.commit()
    page.set_viewport_size({"width": 820, "height": 1180})
    _sign_in_county(page, live_server)
    points = "() => document.querySelector('table.scorecard thead th:nth-child(2)').getBoundingClientRect().width"
    width = "() => document.documentElement.scrollWidth"
    for plan in ("evaluation-standard", "county-plan-2014"):  # a long section title no longer widens the points
        page.goto(f"{live_server}/scores/card/{plan}/2026/U01")
        assert page.evaluate(width) <= 820 and page.evaluate(points) < 120
        page.set_viewport_size({"width": 360, "height": 740})  # a phone: each item a block, nothing off screen
        assert page.evaluate(width) <= 360 and page.locator("table.scorecard thead").first.is_hidden()
        page.set_viewport_size({"width": 820, "height": 1180})
    for path in ("/scores/?template=county-plan-2014&period=2026", "/scores/assess/county-plan-2014/2026-H2/U01"):
        page.goto(f"{live_server}{path}")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 820, path
    assert page.evaluate("() => document.documentElement.scrollHeight") > 5000  # a long form ...
    box = page.locator(".save-bar button").bounding_box()
    assert box["y"] > 0 and box["y"] + box["height"] <= 1180  # ... whose save button is on screen from the top
    page.click("nav.jump a >> nth=3")
    assert page.evaluate("() => document.querySelector(location.hash).getBoundingClientRect().top") < 100
