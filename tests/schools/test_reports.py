"""Report pages: indicators per school, township and county in each user's scope; registers and the annual report."""

import re
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests import pushed_data
from tests.schools import dataset
from tests.sync_client import SyncClient


@pytest.fixture
def data(db, demo_org):
    return dataset.build(db)


def rate_cell(html, table_id, row_label, code):
    """The rate text of one indicator in one row of one table of the report page."""
    table = re.search(rf'<table id="{table_id}">(.*?)</table>', html, re.S).group(1)
    row = next(r for r in re.findall(r"<tr.*?</tr>", table, re.S) if row_label in r)
    cell = re.search(rf'data-code="{code}">(.*?)</td>', row, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", cell).split())


def test_county_report_shows_rates_per_school_township_and_total(client, auth, data):
    auth.login("demo-county")
    html = client.get("/schools/report?year=2026").get_data(as_text=True)
    assert rate_cell(html, "schools", "林西镇中心幼儿园", "missed_rate") == "20.0% 1/5"
    assert rate_cell(html, "schools", "林西镇第一小学", "reissue_rate") == "100.0% 1/1"
    assert rate_cell(html, "schools", "林西镇第一小学", "closed_30d_rate") == "100.0% 1/1"
    assert rate_cell(html, "townships", "林西镇", "missed_rate") == "28.6% 2/7"
    assert rate_cell(html, "townships", "林西镇", "caught_up_rate") == "50.0% 1/2"
    assert rate_cell(html, "total", "合计", "complete_rate") == "75.0% 6/8"
    assert rate_cell(html, "schools", "新城子镇托育园", "checked_rate") == "— 0/0"


def test_an_earlier_year_counts_only_its_own_batches(client, auth, data):
    auth.login("demo-county")
    html = client.get("/schools/report?year=2025").get_data(as_text=True)
    assert rate_cell(html, "total", "合计", "missed_rate") == "100.0% 1/1"


def test_a_bad_year_is_named_and_the_current_year_shown(client, auth, data):
    auth.login("demo-county")
    html = client.get("/schools/report?year=abc").get_data(as_text=True)
    assert "年度无效：abc" in html


def test_school_user_sees_only_its_own_school(client, auth, data):
    auth.login("demo-school")
    html = client.get("/schools/report?year=2026").get_data(as_text=True)
    assert "林西镇中心幼儿园" in html and "林西镇第一小学" not in html and "大井镇中心小学" not in html
    assert rate_cell(html, "total", "合计", "checked_rate") == "100.0% 5/5"
    assert client.get("/schools/S02/register?year=2026").status_code == 404
    assert client.get("/schools/S01/register?year=2026").status_code == 200


def test_nurse_sees_the_schools_of_its_unit_only(client, auth, data):
    auth.login("demo-nurse")
    html = client.get("/schools/report?year=2026").get_data(as_text=True)
    assert "林西镇第一小学" in html and "大井镇中心小学" not in html
    assert client.get("/schools/S04/catch-up-register?year=2026").status_code == 404


def test_county_user_cannot_read_a_school_of_another_county(client, auth, data, db):
    from webapp.models import County, School, Township, Unit

    db.session.add_all([County(code="999999", name="外县"), Township(code="999999001", name="外镇",
                                                                      county_code="999999")])
    db.session.flush()
    db.session.add(Unit(code="X01", name="外站", kind="township_station", township_code="999999001"))
    db.session.flush()
    db.session.add(School(code="X-S1", name="外县小学", kind="primary", township_code="999999001", unit_code="X01"))
    dataset.batch("X-S1", unit_code="X01")
    db.session.commit()
    auth.login("demo-county")
    assert "外县小学" not in client.get("/schools/report?year=2026").get_data(as_text=True)
    assert client.get("/schools/X-S1/register?year=2026").status_code == 404


def _sheet(resp):
    assert resp.status_code == 200
    assert resp.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(BytesIO(resp.data)).active


def _rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_annual_report_excel_has_the_report_layout_and_counts(client, auth, data):
    auth.login("demo-county")
    ws = _sheet(client.get("/schools/annual?year=2026&format=xlsx"))
    rows = _rows(ws)
    assert rows[0][0] == "儿童入托、入学预防接种证查验情况报表"
    assert "林西县" in rows[1][0] and "2026" in rows[1][0]
    header = rows[2]
    assert header[:6] == ["序号", "乡镇", "机构名称", "机构数", "应查验人数", "实查验人数"]
    col = {name: i for i, name in enumerate(header) if name}
    kindergarten = next(r for r in rows if r[2] == "林西镇中心幼儿园")
    assert kindergarten[col["实查验人数"]] == 5 and kindergarten[col["漏种人数"]] == 1
    assert kindergarten[col["漏种率(%)"]] == pytest.approx(0.2)  # a number shown as 20.0%
    subtotal = next(r for r in rows if r[2] == "小计" and r[1] == "林西镇")
    assert subtotal[col["机构数"]] == 2 and subtotal[col["实查验人数"]] == 7
    total = next(r for r in rows if r[2] == "合计")
    assert total[col["实查验人数"]] == 8 and total[col["全程接种率(%)"]] == pytest.approx(0.75)
    menac = col["A群C群流脑"]
    assert rows[3][menac] == "需补种剂次" and rows[3][menac + 1] == "实补种剂次"
    assert total[menac] == 1 and total[menac + 1] == 0
    assert ws.merged_cells.ranges  # two-row header cells are merged


def test_annual_report_prints_as_html(client, auth, data):
    auth.login("demo-county")
    html = client.get("/schools/annual?year=2026").get_data(as_text=True)
    assert "儿童入托、入学预防接种证查验情况报表" in html and "大井镇中心小学" in html


def test_check_register_marks_documented_doses_and_catch_up(client, auth, data):
    auth.login("demo-county")
    ws = _sheet(client.get("/schools/S02/register?year=2026&format=xlsx"))
    rows = _rows(ws)
    assert rows[0][0] == "入托入学儿童预防接种证查验登记表"
    top, sub = rows[2], rows[3]
    assert top[:6] == ["序号", "姓名", "出生日期", "年级/班级", "有证(1/0)", "补证(1/0)"]
    mcv = top.index("含麻疹成分")
    assert sub[mcv:mcv + 2] == ["1", "2"]
    caught = next(r for r in rows if r[1] == "乙二")
    assert caught[mcv] == "1" and caught[mcv + 1] == "△"
    assert caught[top.index("查验时全程接种(1/0)")] == 0 and caught[top.index("漏种全部补种(1/0)")] == 1
    reissued = next(r for r in rows if r[1] == "乙一")
    assert reissued[4:6] == [0, 1]


def test_catch_up_register_lists_only_children_needing_a_certificate_or_doses(client, auth, data):
    auth.login("demo-school")
    rows = _rows(_sheet(client.get("/schools/S01/catch-up-register?year=2026&format=xlsx")))
    names = [r[1] for r in rows[4:]]
    assert sorted(names) == ["甲一", "甲五"]
    missing = next(r for r in rows if r[1] == "甲一")
    assert "A群C群流脑2" in missing and "林西镇防保站" in missing and "待补种" in missing


def test_referral_notice_lists_missing_doses_and_the_unit(client, auth, data):
    auth.login("demo-school")
    html = client.get(f"/schools/students/{data['s01_missing'].id}/notice").get_data(as_text=True)
    assert "补种通知单" in html and "A群C群流脑多糖疫苗 第2剂" in html and "林西镇防保站" in html
    other = client.get(f"/schools/students/{data['s02_done'].id}/notice")
    assert other.status_code == 404


MATRIX = [  # (user, school, status of its registers)
    ("demo-school", "S01", 200), ("demo-school", "S02", 404), ("demo-school", "S04", 404),
    ("demo-nurse", "S01", 200), ("demo-nurse", "S02", 200), ("demo-nurse", "S04", 404),
    ("demo-nurse-b", "S03", 200), ("demo-nurse-b", "S01", 404),
    ("demo-county", "S01", 200), ("demo-county", "S04", 200),
    ("demo-admin", "S03", 200),
]


@pytest.mark.parametrize(("username", "school", "status"), MATRIX)
@pytest.mark.parametrize("page", ["register", "catch-up-register"])
def test_register_permission_matrix(client, auth, data, username, school, status, page):
    auth.login(username)
    assert client.get(f"/schools/{school}/{page}?year=2026").status_code == status
    assert client.get(f"/schools/{school}/{page}?year=2026&format=xlsx").status_code == status


@pytest.mark.parametrize(("username", "visible", "hidden"), [
    ("demo-school", ["林西镇中心幼儿园"], ["林西镇第一小学", "新城子镇托育园", "大井镇中心小学"]),
    ("demo-nurse-b", ["新城子镇托育园"], ["林西镇中心幼儿园", "大井镇中心小学"]),
    ("demo-county", ["林西镇中心幼儿园", "林西镇第一小学", "新城子镇托育园", "大井镇中心小学"], []),
])
def test_annual_report_covers_exactly_the_users_schools(client, auth, data, username, visible, hidden):
    auth.login(username)
    rows = _rows(_sheet(client.get("/schools/annual?year=2026&format=xlsx")))
    names = {r[2] for r in rows[4:]}
    assert set(visible) <= names and not set(hidden) & names


def test_a_batch_pushed_by_the_school_counts_in_the_county_report(client, auth, token_for, db):
    pushed_data.school_batch(SyncClient(client, token_for))
    auth.login("demo-county")
    html = client.get("/schools/report?year=2026").get_data(as_text=True)
    assert rate_cell(html, "schools", "林西镇中心幼儿园", "missed_rate") == "20.0% 1/5"
