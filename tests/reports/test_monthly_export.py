"""The monthly report's Excel file goes through the shared export writer: a village name that a spreadsheet would
run as a formula is written as text."""

from webapp.domain.metrics.dose_views import LABELS
from webapp.services.reports.export import monthly_workbook


def test_a_village_name_starting_with_a_formula_sign_is_written_as_text(app):
    view = {"labels": {g: g for g in LABELS}, "villages": [("V01", "=HYPERLINK(\"x\")", {})], "migrant": {},
            "totals": {}}
    with app.test_request_context():
        sheet = monthly_workbook(view, "林西镇防保站", "2026-11").active
    cell = sheet.cell(row=4, column=1)
    assert (cell.value, cell.data_type) == ("'=HYPERLINK(\"x\")", "s")
    assert sheet.print_title_rows == "$2:$3" and sheet.freeze_panes == "B4"
