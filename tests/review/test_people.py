"""AEFI outputs name the person: a report linked to a registry child (`child_id`) shows the child's name, sex,
birth date, guardian, phone and village in the queue, the case page, the printable card and the line list, and
the reporting unit by name; a child outside the reviewer's scope is never read."""

from datetime import datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.aefi_records import report_data
from tests.factories import add_record, child_data
from webapp.models import County, Township, Unit


def _linked_report(child, unit="U01", **extra):
    data = report_data(unit, **extra)
    for key in ("name", "sex", "birth_date"):
        data.pop(key)
    return add_record("aefi_report", {**data, "child_id": child.id})


@pytest.fixture
def linked(db, demo_org):
    child = add_record("child", child_data(name="赵登记", sex="F", birth_date="2025-06-18", guardian_name="赵父亲",
                                           guardian_phone="13912345678", village_code="V01"))
    report = _linked_report(child)
    db.session.commit()
    return report


def test_the_queue_names_the_registry_child_and_the_unit(auth, client, linked):
    auth.login("demo-county")
    html = client.get("/review/").get_data(as_text=True)
    assert "赵登记" in html and "林西镇防保站" in html
    assert linked.data["child_id"] not in html


@pytest.mark.parametrize("page", ["", "/card"])
def test_case_page_and_card_read_the_person_from_the_registry(auth, client, linked, page):
    auth.login("demo-county")
    html = client.get(f"/review/cases/{linked.id}{page}").get_data(as_text=True)
    for text in ("赵登记", "女", "2025-06-18", "赵父亲", "13912345678", "C-001", "林西镇防保站"):
        assert text in html, text
    assert ">U01<" not in html


def test_the_reporters_own_guardian_and_phone_come_first(auth, client, db, demo_org):
    child = add_record("child", child_data(name="钱登记", guardian_phone="13900000001"))
    report = _linked_report(child, phone="13700000002", address="林西镇一街 3 号")
    db.session.commit()
    auth.login("demo-county")
    html = client.get(f"/review/cases/{report.id}/card").get_data(as_text=True)
    assert "13700000002" in html and "林西镇一街 3 号" in html and "13900000001" not in html


def test_the_line_list_names_the_person_and_the_unit(auth, client, linked):
    auth.login("demo-county")
    sheet = load_workbook(BytesIO(client.get("/review/export.xlsx").data)).active
    headers = [c.value for c in sheet[1]]
    row = dict(zip(headers, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    assert (row["姓名"], row["性别"], row["出生日期"], row["监护人"], row["联系电话"], row["报告单位"]) == (
        "赵登记", "女", datetime(2025, 6, 18), "赵父亲", "13912345678", "林西镇防保站")  # a date cell, typed


def test_a_child_of_another_county_is_not_read_into_the_case(auth, client, db, demo_org):
    db.session.add(County(code="150425", name="巴林右旗"))
    db.session.add(Township(code="150425001", name="大板镇", county_code="150425"))
    db.session.add(Unit(code="X01", name="大板镇防保站", kind="township_station", township_code="150425001"))
    db.session.flush()
    foreign = add_record("child", child_data(unit="X01", name="外县登记"))
    report = _linked_report(foreign)
    db.session.commit()
    auth.login("demo-county")
    html = client.get(f"/review/cases/{report.id}").get_data(as_text=True)
    assert "外县登记" not in html and client.get(f"/review/cases/{report.id}").status_code == 200
