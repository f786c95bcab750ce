"""The monthly report as an Excel file in the national report's layout: villages down, vaccine × dose across,
each with 应种 / 实种 / 接种率; the migrant children's line and the total below. One function, so that it moves to
the shared export helper (typed cells, widths, frozen and repeated headers) when that lands."""

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from webapp.domain.metrics.dose_views import LABELS
from webapp.domain.reports.monthly import rate


def monthly_workbook(view: dict, unit_name: str, month: str) -> Workbook:
    """Every dose group (the national form's columns, figures or not) for every village, migrants and total."""
    groups, book = list(LABELS), Workbook()
    sheet = book.active
    sheet.title = _("常规免疫接种情况月报")
    sheet.append([_("%(unit)s %(month)s 常规免疫接种情况月报", unit=unit_name, month=month)])
    sheet.append([_("村")] + [view["labels"][g] for g in groups for _i in range(3)])
    sheet.append([""] + [h for _g in groups for h in (_("应种"), _("实种"), _("接种率(%)"))])
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
        sheet.append(row)
    for cell in (*sheet[1], *sheet[2], *sheet[3]):
        cell.font, cell.alignment = Font(bold=True), Alignment(horizontal="center", wrap_text=True)
    sheet.column_dimensions["A"].width = 16
    for col in range(2, 2 + 3 * len(groups)):
        sheet.column_dimensions[get_column_letter(col)].width = 8
    sheet.freeze_panes = "B4"
    sheet.print_title_rows = "2:3"
    sheet.page_setup.orientation, sheet.page_setup.paperSize = "landscape", sheet.PAPERSIZE_A4
    return book
