"""Importing the organisation from real .xlsx and .csv files: all rows or none, every rejection reported."""

import io

from openpyxl import Workbook

from webapp.models import School, Township, Unit, Village


def _workbook(sheets: dict) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GOOD = {
    "乡镇": [["代码", "名称"], ["150424009", "十二吐乡"]],
    "接种单位": [["代码", "名称", "类型", "所属乡镇代码"], ["U20", "十二吐乡防保站", "乡镇防保站", "150424009"]],
    "行政村": [["代码", "名称", "所属接种单位代码"], ["V90", "十二吐村", "U20"], ["V91", "新发村", "U20"]],
    "学校": [["代码", "名称", "类型", "所属乡镇代码", "接种单位代码"],
           ["S20", "十二吐小学", "小学", "150424009", "U20"]],
}


def _upload(auth, client, filename, content, entity=""):
    auth.login("demo-admin")
    token = auth.csrf("/admin/import")
    return client.post("/admin/import", data={"csrf_token": token, "entity": entity,
                                              "file": (io.BytesIO(content), filename)},
                       content_type="multipart/form-data")


def test_a_workbook_with_named_sheets_imports_every_level(auth, client, db):
    resp = _upload(auth, client, "org.xlsx", _workbook(GOOD))
    assert "导入成功" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Township, "150424009").county_code == "150424"
    assert db.session.get(Unit, "U20").kind == "township_station"
    assert db.session.get(Village, "V91").unit_code == "U20"
    assert db.session.get(School, "S20").kind == "primary"


def test_one_bad_row_rejects_the_whole_file_and_names_row_and_field(auth, client, db):
    sheets = dict(GOOD)
    sheets["行政村"] = [["代码", "名称", "所属接种单位代码"], ["V90", "十二吐村", "U20"], ["V92", "", "U20"],
                      ["V93", "无主村", "U99"]]
    html = _upload(auth, client, "org.xlsx", _workbook(sheets)).get_data(as_text=True)
    assert "有 2 行被拒绝，未导入任何数据" in html
    assert "<td>3</td><td>name</td><td>名称不能为空</td>" in html
    assert "<td>4</td><td>unit_code</td><td>上级代码 U99 不存在</td>" in html
    db.session.expire_all()
    assert db.session.get(Township, "150424009") is None and db.session.get(Village, "V90") is None


def test_a_gbk_csv_of_villages_imports(auth, client, db):
    content = "代码,名称,所属接种单位代码\nV80,东风村,U01\n".encode("gb18030")
    assert "导入成功" in _upload(auth, client, "villages.csv", content, "village").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Village, "V80").name == "东风村"


def test_existing_codes_are_updated_not_duplicated(auth, client, db):
    content = "代码,名称,所属接种单位代码\nV01,东村（改名）,U01\n".encode()
    html = _upload(auth, client, "villages.csv", content, "village").get_data(as_text=True)
    assert "更新 1 条" in html
    db.session.expire_all()
    assert db.session.get(Village, "V01").name == "东村（改名）"


def test_csv_without_a_kind_is_refused_with_a_message(auth, client):
    html = _upload(auth, client, "x.csv", b"code,name\n1,2\n").get_data(as_text=True)
    assert "CSV 文件需要选择导入类型" in html


def test_a_broken_workbook_is_refused_with_a_message(auth, client):
    html = _upload(auth, client, "x.xlsx", b"not a zip").get_data(as_text=True)
    assert "无法读取 Excel 文件" in html


def test_rows_outside_the_admins_county_are_rejected(auth, client, db):
    from webapp.models import County
    db.session.add(County(code="999999", name="别县"))
    db.session.add(Township(code="999001", name="别乡", county_code="999999"))
    db.session.commit()
    content = "代码,名称,类型,所属乡镇代码\nU77,外县单位,county_clinic,999001\n".encode()
    html = _upload(auth, client, "units.csv", content, "unit").get_data(as_text=True)
    assert "不在本县范围内" in html
    db.session.expire_all()
    assert db.session.get(Unit, "U77") is None
