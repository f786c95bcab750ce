"""The card's coded scales and codes named, not bare digits or codes, on the county's case page, the printable card
and the Excel line list: 发热 1 = 37.1–37.5 ℃ … 4 = 无, 红肿/硬结 1 = ≤2.5 cm … 4 = 无 (domain.md §2), the route and
site as the phone names them, the review's WHO causality by name and its times at the county's clock."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.aefi_records import add_report, add_review, report_data
from tests.factories import push_item
from tests.review.test_case_fields import _cells, _vaccine_rows
from tests.sync_client import SyncClient


@pytest.fixture
def graded_case(client, token_for):
    """A report with fever 1, no swelling (4) and induration 3, a subcutaneous dose in the left deltoid."""
    data = report_data("U01", fever_grade=1, swelling_grade=4, induration_grade=3)
    data["vaccines"][0].update(route="SC", site="left_deltoid")
    item = push_item("aefi_report", data)
    assert SyncClient(client, token_for).statuses([item]) == ["created"]
    return item


@pytest.mark.parametrize("page", ["", "/card"])
def test_case_page_and_card_name_the_grades_route_and_site(auth, client, graded_case, page):
    auth.login("demo-county")
    html = client.get(f"/review/cases/{graded_case['id']}{page}").get_data(as_text=True)
    cells = _cells(html)
    assert cells["发热（腋温）分级"] == "1 37.1–37.5 ℃"
    assert cells["局部红肿 / 硬结分级"] == "4 无 / 3 >5.0 cm"
    row = _vaccine_rows(html)[0]
    assert row[-2:] == ["皮下注射", "左上臂"]


def test_the_grades_read_in_english_for_an_english_reader(auth, client, graded_case):
    auth.login("demo-county")
    html = client.get(f"/review/cases/{graded_case['id']}?lang=en").get_data(as_text=True)
    assert "1 37.1–37.5 °C" in html and "4 none" in html and "3 &gt;5.0 cm" in html


def test_line_list_names_grades_route_site_causality_and_review_times_at_county_time(auth, client, db, demo_org):
    vaccine = {**report_data()["vaccines"][0], "route": "SC", "site": "left_deltoid"}
    report = add_report("U01", fever_grade=1, swelling_grade=4, induration_grade=3, vaccines=[vaccine])
    add_review(report, status="investigating", who_causality="B1", investigation_started_at="2026-03-10T02:30:00+00:00")
    db.session.commit()
    auth.login("demo-county")
    sheet = load_workbook(BytesIO(client.get("/review/export.xlsx").data)).active
    row = dict(zip([c.value for c in sheet[1]], next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    assert (row["发热（腋温）分级"], row["局部红肿分级"], row["局部硬结分级"]) == ("1 37.1–37.5 ℃", "4 无", "3 >5.0 cm")
    assert (row["可疑疫苗1 接种途径"], row["可疑疫苗1 接种部位"]) == ("皮下注射", "左上臂")
    assert row["WHO 因果关系"] == "B1 时间关联一致但证据不足"
    assert row["调查开始时间"] == "2026-03-10 10:30"  # Asia/Shanghai, not the stored UTC
