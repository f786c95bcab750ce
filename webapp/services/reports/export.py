"""The monthly report as an Excel file in the national report's layout: villages down, vaccine × dose across,
each with 应种 / 实种 / 接种率; the migrant children's line and the total below. Written through the shared export
writer (services/tabular.py): text that could run as a formula escaped, rates as numbers, widths from the content,
the two header rows frozen and repeated on every printed page."""

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from webapp.domain.metrics.dose_views import LABELS
from webapp.domain.reports.monthly import rate
from webapp.services.tabular import append_row, finish_sheet


def monthly_workbook(view: dict, unit_name: str, month: str) -> Workbook:
    """Every dose group (the national form's columns, figures or not) for every village, migrants and total."""
    groups, book = list(LABELS), Workbook()
    sheet = book.active
    sheet.title = _("常规免疫接种情况月报")
    append_row(sheet, [_("%(unit)s %(month)s 常规免疫接种情况月报", unit=unit_name, month=month)])
    append_row(sheet, [_("村")] + [view["labels"][g] for g in groups for _i in range(3)])
    append_row(sheet, [""] + [h for _g in groups for h in (_("应种"), _("实种"), _("接种率(%)"))])
    for i in range(len(groups)):
        sheet.merge_cells(start_row=2, start_column=2 + 3 * i, end_row=2, end_column=4 + 3 * i)
    lines = [(name, {g: cells.get(g, {}) for g in groups}) for _code, name, cells in view["villages"]]
    lines.append((_("其中：流动儿童"), view["migrant"]))
    lines.append((_("合计"), view["totals"]))
    for name, cells in lines:
        row = [name]
        for g in groups:
            due, given = (cells.get(g) or {}).get("due", 0), (cells.get(g) or {}).get("given", 0)
            row += [due, given, rate(due, given)]
        append_row(sheet, row)
    for cell in (*sheet[1], *sheet[2], *sheet[3]):
        cell.font, cell.alignment = Font(bold=True), Alignment(horizontal="center", wrap_text=True)
    finish_sheet(sheet, 2, 3, widest=16)
    sheet.freeze_panes = "B4"  # the village column stays in view too
    sheet.page_setup.orientation, sheet.page_setup.paperSize = "landscape", sheet.PAPERSIZE_A4
    return book
