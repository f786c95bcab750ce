"""Uploaded spreadsheets are checked while streaming: a workbook that unpacks too large, or too many rows, is refused
with a Chinese message before it is read whole, and nothing is imported."""

import io
import zipfile

from openpyxl import Workbook

from tests.schools.test_roster_import import batch, roster_count, upload
from webapp.models import Township

batch = batch  # the fixture


def _xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _bomb(header, filler_rows=600_000) -> bytes:
    """A small .xlsx whose sheet XML unpacks to tens of MB (one repeated row)."""
    base = zipfile.ZipFile(io.BytesIO(_xlsx([header])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in base.infolist():
            data = base.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                rows = '<row><c t="inlineStr"><is><t>x</t></is></c></row>' * filler_rows
                data = data.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
            z.writestr(info.filename, data)
    return out.getvalue()


def _org_upload(auth, client, content):
    auth.login("demo-admin")
    return client.post("/admin/import", data={"csrf_token": auth.csrf("/admin/import"), "entity": "township",
                                              "file": (io.BytesIO(content), "org.xlsx")},
                       content_type="multipart/form-data")


def test_a_roster_workbook_that_unpacks_too_large_is_refused(client, auth, db, batch):
    content = _bomb(["班级", "姓名", "性别", "出生日期"])
    assert len(content) < 300_000
    auth.login("demo-school")
    html = upload(client, auth, batch.id, "roster.xlsx", content).get_data(as_text=True)
    assert "解压后超过" in html and roster_count(db, batch.id) == 0


def test_an_organisation_workbook_that_unpacks_too_large_is_refused(auth, client, db):
    html = _org_upload(auth, client, _bomb(["代码", "名称"])).get_data(as_text=True)
    assert "解压后超过" in html


def test_an_organisation_file_with_too_many_rows_is_refused_not_cut_short(auth, client, db):
    before = db.session.query(Township).count()
    rows = [["代码", "名称"]] + [[f"15042490{n:04d}", f"乡{n}"] for n in range(5001)]
    html = _org_upload(auth, client, _xlsx(rows)).get_data(as_text=True)
    assert "文件行数超过上限（最多 5000 行）" in html
    db.session.expire_all()
    assert db.session.query(Township).count() == before


def test_a_roster_csv_with_too_many_rows_is_refused_while_reading(client, auth, db, batch):
    lines = ["班级,姓名,性别,出生日期"] + [f"小一班,学生{n},男,2020-03-01" for n in range(2101)]
    auth.login("demo-school")
    html = upload(client, auth, batch.id, "roster.csv", "\n".join(lines).encode()).get_data(as_text=True)
    assert "文件行数超过上限（最多 2000 行）" in html and roster_count(db, batch.id) == 0
