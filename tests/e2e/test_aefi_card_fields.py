"""Scenario: a nurse files an AEFI report from the phone with the national card's optional fields (编码, 职业,
群体性, 重大社会影响; the suspect vaccine's 规格, 接种剂量, 疫苗属性, route and site) and the card's coded scales
picked by their meaning ("4 无"); the county reviewer sees every one of them, named, on the case page."""

from datetime import datetime, timedelta

import pytest

from tests.conftest import DEMO_PASSWORD
from tests.e2e import steps
from tests.e2e.conftest import CONTEXT
from tests.review.test_case_fields import _cells, _vaccine_rows

pytestmark = pytest.mark.e2e


def _file_report(page, base):
    given = datetime.now(steps.TZ).replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=3)
    steps.go(page, base, "aefi")
    page.wait_for_selector("#aefi-form")
    form = "#aefi-form"
    assert page.text_content(f"{form} [name=swelling_grade] option[value='4']") == "4 无"
    assert page.text_content(f"{form} [name=fever_grade] option[value='1']") == "1 37.1–37.5 ℃"
    assert "接种途径" in page.text_content("#aefi-scored")  # the county's score checks it, and the form asks it
    page.fill(f"{form} [name=case_code]", "15042420269001")
    page.fill(f"{form} [name=name]", "陈小禾")
    page.click(f"{form} .opt:has(input[name=sex][value=F])")
    page.fill(f"{form} [name=birth_date]", (given - timedelta(days=300)).date().isoformat())
    page.fill(f"{form} [name=occupation]", "散居儿童")
    for name, value in (("m.vaccine", "DTaP"), ("m.manufacturer", "武汉生物"), ("m.lot_no", "DT2611"),
                        ("m.vaccinated_on", given.date().isoformat()), ("m.dose", "2"), ("m.spec", "0.5ml/支"),
                        ("m.dose_amount", "0.5ml")):
        page.fill(f"{form} [name='{name}']", value)
    page.select_option(f"{form} [name='m.route']", "IM")
    page.select_option(f"{form} [name='m.site']", "left_thigh")
    page.select_option(f"{form} [name='m.category']", "nip")
    page.fill(f"{form} [name=onset_at]", (given + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"))
    page.fill(f"{form} [name=discovered_at]", (given + timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M"))
    page.fill(f"{form} [name=course]", "接种后当晚低热，局部无红肿")
    page.select_option(f"{form} [name=fever_grade]", label="1 37.1–37.5 ℃")
    page.select_option(f"{form} [name=swelling_grade]", label="4 无")
    page.select_option(f"{form} [name=induration_grade]", label="4 无")
    page.fill(f"{form} [name=diagnosis]", "发热")
    page.click(f"{form} .opt:has(input[name=hospitalized][value=no])")
    page.select_option(f"{form} [name=outcome]", "recovered")
    page.click(f"{form} .opt:has(input[name=serious][value=no])")
    page.click(f"{form} .opt:has(input[name=cluster][value=yes])")
    page.click(f"{form} .opt:has(input[name=high_impact][value=no])")
    page.select_option(f"{form} [name=preliminary_class]", "general_reaction")
    page.fill(f"{form} [name=reporter_phone]", "13800000001")
    page.click("#save-aefi")
    page.wait_for_selector("#home-pending")


def test_the_cards_optional_fields_filed_on_the_phone_show_on_the_countys_case_page(page, browser, live_server):
    steps.sign_in(page, live_server)
    _file_report(page, live_server)
    steps.sync_now(page, live_server)
    steps.wait_synced(page)
    (report,) = steps.server_records("aefi_report")
    assert report.data["vaccines"][0]["category"] == "nip" and report.data["cluster"] is True

    desk = browser.new_context(**{**CONTEXT, "viewport": {"width": 1280, "height": 900}})
    try:
        review = desk.new_page()
        review.goto(f"{live_server}/login")
        review.fill("input[name=username]", "demo-county")
        review.fill("input[name=password]", DEMO_PASSWORD)
        review.click("button.primary")
        review.goto(f"{live_server}/review/")
        review.click("a:has-text('陈小禾')")
        review.wait_for_selector("h1:has-text('陈小禾')")
        html = review.content()
    finally:
        desk.close()
    cells = _cells(html)
    assert cells["编码"] == "15042420269001" and cells["职业"] == "散居儿童"
    assert cells["群体性 / 重大社会影响"] == "是 / 否"
    assert cells["发热（腋温）分级"] == "1 37.1–37.5 ℃" and cells["局部红肿 / 硬结分级"] == "4 无 / 4 无"
    assert _vaccine_rows(html)[0] == ["百白破疫苗", "免疫规划", "0.5ml/支", "武汉生物", "DT2611",
                                      report.data["vaccines"][0]["vaccinated_on"], "2", "0.5ml", "常规接种",
                                      "肌内注射", "左大腿"]
