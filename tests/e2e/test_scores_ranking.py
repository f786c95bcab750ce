"""The county ranking in a browser: the vendored Chart.js draws under the CSP, the table sorts by a header click."""

import re

import pytest

from tests.services import scores_data


@pytest.mark.e2e
def test_ranking_chart_draws_and_table_sorts(live_server, page, db):
    scores_data.build()
    db.session.commit()
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server}/login")
    page.fill("input[name=username]", "demo-county")
    page.fill("input[name=password]", "Demo-2026!")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/(home)?$"), timeout=10000)
    page.goto(f"{live_server}/scores/?template=evaluation-standard&period=2026")
    assert page.evaluate("() => !!window.Chart && !!window.Chart.getChart(document.getElementById('ranking-chart'))")
    names = lambda: page.eval_on_selector_all("#ranking-table tbody tr td:nth-child(2)",  # noqa: E731
                                              "cells => cells.map(c => c.textContent.trim())")
    before = names()
    page.click("#ranking-table th:nth-child(2)")
    after = names()
    assert sorted(before) == sorted(after) and page.get_attribute("#ranking-table th:nth-child(2)", "aria-sort")
    totals = lambda: page.eval_on_selector_all("#ranking-table tbody tr td:nth-child(3) strong",  # noqa: E731
                                               "cells => cells.map(c => parseFloat(c.textContent))")
    page.click("#ranking-table th:nth-child(3)")
    assert totals() == sorted(totals(), reverse=True)
    page.click("#ranking-table th:nth-child(3)")
    assert totals() == sorted(totals()) and totals() != sorted(totals(), reverse=True)
    assert not [m for m in console if "Content Security Policy" in m]
