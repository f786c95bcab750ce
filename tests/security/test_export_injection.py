"""Every .xlsx/.csv the app writes goes through one helper: text that starts like a formula is escaped and stored as
text, dates are dates, rates are numbers with a format, the header is frozen and repeated on printed pages."""

from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.factories import aefi_report_data, push_item, school_check_data, student_check_data
from tests.sync_client import sync as sync_fixture
from webapp.models import Unit
from webapp.services.tabular import Rate, simple_xlsx, to_csv

sync = sync_fixture
ATTACKS = ["=HYPERLINK(\"http://x.example\",\"点我\")", "+1+2", "-3+4", "@SUM(A1)", "\tx", "\rx"]


def _book(resp):
    assert resp.status_code == 200, resp.status_code
    return load_workbook(BytesIO(resp.data)).active


def _cells(ws):
    return [c for row in ws.iter_rows() for c in row if c.value is not None]


def _no_formulas(ws):
    cells = _cells(ws)
    assert cells and all(c.data_type != "f" for c in cells)
    assert not any(isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)


@pytest.mark.parametrize("text", ATTACKS)
def test_the_shared_writer_escapes_formula_text_in_excel_and_csv(text):
    ws = load_workbook(BytesIO(simple_xlsx("t", ["姓名"], [[text]]))).active
    assert ws["A2"].value.startswith("'") and ws["A2"].value[1:].strip() == text.strip()  # (XML keeps CR as LF)
    assert ws["A2"].data_type == "s"
    assert to_csv(["姓名"], [[text]]).decode("utf-8-sig").splitlines()[1].lstrip('"').startswith("'")


def test_the_shared_writer_writes_dates_rates_widths_and_a_repeated_frozen_header():
    ws = load_workbook(BytesIO(simple_xlsx("t", ["日期", "率"], [[date(2026, 11, 3), Rate(95.25)],
                                                                 ["2026-12-01", ""]]))).active
    assert isinstance(ws["A2"].value, datetime) and ws["A2"].number_format == "yyyy-mm-dd"
    assert isinstance(ws["A3"].value, datetime)
    assert ws["B2"].value == pytest.approx(0.9525) and ws["B2"].number_format == "0.0%"
    assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
    assert ws.column_dimensions["A"].width >= 10


def test_the_aefi_line_list_escapes_what_a_reporter_typed(sync, auth, client):
    case = push_item("aefi_report", aefi_report_data(course=ATTACKS[0], reporter="@SUM(A1)", clinic="-2+3"))
    assert sync.statuses([case]) == ["created"]
    auth.login("demo-county")
    ws = _book(client.get("/review/export.xlsx"))
    _no_formulas(ws)
    values = [c.value for c in _cells(ws)]
    assert "'" + ATTACKS[0] in values and "'@SUM(A1)" in values
    onset = [c for c in ws[2] if isinstance(c.value, datetime)]
    assert onset and all(c.number_format == "yyyy-mm-dd" for c in onset)
    assert ws.print_title_rows == "$1:$1"


def test_the_school_registers_escape_a_pupils_name(sync, auth, client):
    batch = push_item("school_check", school_check_data("S01", started_on=f"{date.today().year}-09-01"),
                      captured_by="demo-school")
    pupil = push_item("student_check", student_check_data(batch["id"], name="=1+1", class_name="+班"),
                      captured_by="demo-school")
    assert sync.statuses([batch, pupil], user="demo-school") == ["created", "created"]
    auth.login("demo-school")
    year = date.today().year
    for page in ("register", "catch-up-register"):
        ws = _book(client.get(f"/schools/S01/{page}?year={year}&format=xlsx"))
        _no_formulas(ws)
        assert "'=1+1" in [c.value for c in _cells(ws)]
        assert ws.print_title_rows == "$3:$4" and ws.freeze_panes == "A5"


def test_the_ranking_exports_escape_a_unit_name(auth, client, db):
    db.session.get(Unit, "U03").name = "=cmd|' /C calc'!A0"
    db.session.commit()
    auth.login("demo-county")
    ws = _book(client.get("/scores/export.xlsx?template=county-plan-2014&period=2026"))
    _no_formulas(ws)
    assert "'=cmd|' /C calc'!A0" in [c.value for c in _cells(ws)]
    text = client.get("/scores/export.csv?template=county-plan-2014&period=2026").data.decode("utf-8-sig")
    assert "'=cmd|" in text and ",=cmd|" not in text and '"=cmd|' not in text
