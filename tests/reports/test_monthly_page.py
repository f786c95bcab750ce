"""The monthly report page (by village, migrant line, totals, checks), its Excel file in the national layout, and
submitting it: what was submitted is kept and a later change of the data shows as a difference."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.factories import push_item, vaccination_data
from tests.reports.test_monthly_api import build_unit
from tests.sync_client import SyncClient
from webapp.models.reports import MonthlyReportSubmission

URL = "/scores/monthly/U01/2026-10"


@pytest.fixture
def unit(client, token_for, db):
    ids = build_unit(SyncClient(client, token_for))
    db.session.commit()
    return ids


def test_the_page_shows_villages_by_name_the_migrant_line_totals_and_chinese_vaccine_names(client, auth, unit):
    auth.login("demo-county")
    html = client.get(URL).get_data(as_text=True)
    for text in ("常规免疫接种情况月报", "乙肝疫苗第1剂", "卡介苗", "其中：流动儿童", "合计", "50.0%", "未发现不一致",
                 "reports.css"):
        assert text in html, text
    assert "HepB-1" not in html and ">V01<" not in html


def test_a_village_with_due_doses_and_no_vaccination_day_is_flagged(client, auth, unit):
    auth.login("demo-county")
    html = client.get("/scores/monthly/U01/2026-09").get_data(as_text=True)
    assert "有应种但本月无接种记录：V04" in html


def test_the_excel_file_has_the_national_layout(client, auth, unit):
    auth.login("demo-county")
    resp = client.get(URL + ".xlsx")
    assert resp.status_code == 200
    sheet = load_workbook(BytesIO(resp.data)).active
    assert sheet.title == "常规免疫接种情况月报"
    groups, heads = [c.value for c in sheet[2]], [c.value for c in sheet[3]]
    col = groups.index("乙肝疫苗第1剂")
    assert heads[col:col + 3] == ["应种", "实种", "接种率(%)"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["合计"][col:col + 3] == (2, 2, 100.0)
    bcg = groups.index("卡介苗")
    assert rows["其中：流动儿童"][bcg:bcg + 3] == (1, 0, 0.0)
    assert len(groups) == 1 + 22 * 3  # every dose group of the national form, figures or not


def test_a_submitted_report_is_kept_and_a_later_change_shows_as_a_difference(client, auth, db, token_for, unit):
    auth.login("demo-nurse")
    assert "本月月报尚未上报" in client.get(URL).get_data(as_text=True)
    resp = client.post(URL + "/submit", data={"csrf_token": auth.csrf(URL)})
    assert resp.status_code == 302
    kept = db.session.query(MonthlyReportSubmission).one()
    assert (kept.unit_code, kept.month, kept.submitted_by) == ("U01", "2026-10", "demo-nurse")
    assert "上报后数据无变化" in client.get(URL).get_data(as_text=True)
    late = vaccination_data(unit["D"], vaccine="BCG", dose=1, given_on="2026-10-25", route="ID")
    assert SyncClient(client, token_for).statuses([push_item("vaccination", late)]) == ["created"]
    html = client.get(URL).get_data(as_text=True)
    assert "上报后数据有变化（2 处）" in html
    table = html[html.index('id="differences"'):html.index("</table>", html.index('id="differences"'))]
    assert "卡介苗" in table and "流动儿童实种" in table
    db.session.expire_all()
    assert db.session.query(MonthlyReportSubmission).one().figures == kept.figures


def test_a_nurse_cannot_read_or_submit_another_units_report(client, auth, unit):
    auth.login("demo-nurse")
    assert client.get("/scores/monthly/U03/2026-10").status_code == 404
    token = auth.csrf(URL)
    assert client.post("/scores/monthly/U03/2026-10/submit", data={"csrf_token": token}).status_code == 404
