"""Class roster import: every row checked, every rejected row reported with its reason, nothing half-imported."""

from io import BytesIO

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from tests.schools import dataset
from tests.schools.test_reports import rate_cell
from webapp.models.schools import RosterEntry

GOOD_CSV = "班级,姓名,性别,出生日期,监护人电话\n小一班,张三,男,2020-03-01,13800000000\n小一班,李四,女,2020/4/2,\n"
BAD_CSV = ("班级,姓名,性别,出生日期,监护人电话\n小一班,张三,男,2020-03-01,13800000000\n"
           ",王五,男,2020-05-01,\n小一班,赵六,未知,2020-13-01,abc\n小一班,张三,男,2020-03-01,\n")


@pytest.fixture
def batch(db, demo_org):
    record = dataset.batch("S01")
    dataset.student(record, "张三", birth_date="2020-03-01")  # checked and on the roster: counted once
    db.session.commit()
    return record


def upload(client, auth, batch_id, filename, content):
    return client.post(f"/schools/batches/{batch_id}/roster", data={
        "csrf_token": auth.csrf(f"/schools/batches/{batch_id}/roster"),
        "file": (BytesIO(content), filename)}, content_type="multipart/form-data")


def roster_count(db, batch_id):
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(RosterEntry)
                             .where(RosterEntry.school_check_id == batch_id))


def test_a_clean_csv_is_imported_and_raises_the_number_to_check(client, auth, db, batch):
    auth.login("demo-school")
    resp = upload(client, auth, batch.id, "roster.csv", GOOD_CSV.encode())
    assert resp.status_code == 302
    assert roster_count(db, batch.id) == 2
    html = client.get("/schools/report?year=2026").get_data(as_text=True)
    # 查验率: 1 checked of 2 (张三 on both lists, 李四 not yet checked)
    assert rate_cell(html, "total", "合计", "checked_rate") == "50.0% 1/2"


def test_every_rejected_row_is_reported_and_nothing_is_imported(client, auth, db, batch):
    auth.login("demo-school")
    resp = upload(client, auth, batch.id, "roster.csv", BAD_CSV.encode())
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "有 3 行不合格，未导入任何学生" in html
    assert "班级：必填" in html
    assert "性别：应为 男 或 女" in html and "出生日期：日期无效" in html and "监护人电话：电话号码格式无效" in html
    assert roster_count(db, batch.id) == 0


def test_a_duplicate_row_in_the_file_is_rejected_with_its_row_number(client, auth, db, batch):
    auth.login("demo-school")
    html = upload(client, auth, batch.id, "roster.csv", BAD_CSV.encode()).get_data(as_text=True)
    assert "同名同生日的学生已在名单中（第 5 行重复）" in html


def test_an_xlsx_roster_with_date_cells_is_imported(client, auth, db, batch):
    from datetime import datetime

    wb = Workbook()
    ws = wb.active
    ws.append(["班级", "姓名", "性别", "出生日期"])
    ws.append(["大一班", "钱七", "女", datetime(2020, 6, 1)])
    out = BytesIO()
    wb.save(out)
    auth.login("demo-school")
    assert upload(client, auth, batch.id, "roster.xlsx", out.getvalue()).status_code == 302
    assert roster_count(db, batch.id) == 1


def test_a_gbk_csv_from_chinese_excel_is_read(client, auth, db, batch):
    auth.login("demo-school")
    assert upload(client, auth, batch.id, "roster.csv", GOOD_CSV.encode("gb18030")).status_code == 302
    assert roster_count(db, batch.id) == 2


def test_a_file_without_the_required_columns_is_refused_by_name(client, auth, db, batch):
    auth.login("demo-school")
    html = upload(client, auth, batch.id, "roster.csv", "姓名,性别\n张三,男\n".encode()).get_data(as_text=True)
    assert "缺少列：班级、出生日期" in html
    assert roster_count(db, batch.id) == 0


def test_another_file_type_is_refused(client, auth, db, batch):
    auth.login("demo-school")
    html = upload(client, auth, batch.id, "roster.txt", b"x").get_data(as_text=True)
    assert "只支持 .xlsx 或 .csv 文件" in html


@pytest.mark.parametrize(("username", "status"), [("demo-school", 200), ("demo-county", 200), ("demo-nurse", 403)])
def test_roster_page_is_open_to_the_school_and_its_county(client, auth, batch, username, status):
    auth.login(username)
    assert client.get(f"/schools/batches/{batch.id}/roster").status_code == status


def test_a_school_user_cannot_import_into_another_schools_batch(client, auth, db, demo_org):
    other = dataset.batch("S02")
    db.session.commit()
    auth.login("demo-school")
    assert client.get(f"/schools/batches/{other.id}/roster").status_code == 404


def test_the_phone_reads_a_batch_roster_through_the_api(client, auth, db, batch, token_for):
    auth.login("demo-school")
    upload(client, auth, batch.id, "roster.csv", GOOD_CSV.encode())
    body = client.get(f"/api/v1/schools/rosters/{batch.id}", headers=token_for("demo-school", "phone")).get_json()
    assert [(s["name"], s["sex"], s["birth_date"]) for s in body["students"]] == [
        ("张三", "M", "2020-03-01"), ("李四", "F", "2020-04-02")]


def test_another_schools_roster_is_not_found_through_the_api(client, db, demo_org, token_for):
    other = dataset.batch("S02")
    db.session.commit()
    resp = client.get(f"/api/v1/schools/rosters/{other.id}", headers=token_for("demo-school", "phone"))
    assert resp.status_code == 404 and resp.mimetype == "application/problem+json"


def test_batch_page_lists_checked_students_and_roster_students_not_yet_checked(client, auth, db, batch):
    auth.login("demo-school")
    upload(client, auth, batch.id, "roster.csv", GOOD_CSV.encode())
    html = client.get(f"/schools/batches/{batch.id}").get_data(as_text=True)
    checked = html.split('id="students"')[1].split("</table>")[0]
    waiting = html.split('id="waiting"')[1].split("</table>")[0]
    assert "张三" in checked and "李四" not in checked
    assert "李四" in waiting and "张三" not in waiting
