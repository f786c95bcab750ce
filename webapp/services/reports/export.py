"""The monthly report as an Excel file in the national report's layout: villages down, vaccine × dose across,
each with 应种 / 实种 / 接种率; the migrant children's line and the total below. Written through the shared export
writer (services/tabular.py): text that could run as a formula escaped, rates as numbers, widths from the content,
the two header rows frozen and repeated on every printed page. A second sheet holds the month's vaccine stock, cold
chain and 留观 (services/stock/month.py)."""

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from webapp.domain.metrics.dose_views import LABELS
from webapp.domain.reports.monthly import rate
from webapp.services.tabular import append_row, finish_sheet


def monthly_workbook(view: dict, unit_name: str, month: str, figures=None) -> Workbook:
    """Every dose group (the national form's columns, figures or not) for every village, migrants and total; the
    month's stock, cold chain and 留观 on a second sheet when `figures` are given."""
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
    if figures is not None:
        stock_sheet(book.create_sheet(_("疫苗冷链与留观")), unit_name, month, figures)
    return book


def _bold(sheet, row: int) -> None:
    for cell in sheet[row]:
        cell.font = Font(bold=True)


def stock_sheet(sheet, unit_name: str, month: str, figures) -> None:
    """The month's doses per vaccine, lots expiring or counted off the book, each appliance's readings, 留观."""
    _bold(sheet, append_row(sheet, [_("%(unit)s %(month)s 疫苗、冷链与留观", unit=unit_name, month=month)]))
    _bold(sheet, append_row(sheet, [_("疫苗"), _("入库"), _("接种"), _("报废"), _("报废原因"), _("损耗率(%)")]))
    for v in [*figures.vaccines, figures.totals()]:
        reasons = "；".join(f"{why} {n}" for why, n in sorted(v.reasons.items()))
        append_row(sheet, [v.name or _("合计"), v.received, v.given, v.wasted, reasons, v.wastage])
    append_row(sheet, [""])
    _bold(sheet, append_row(sheet, [_("近效期或已过期批号"), _("批号"), _("有效期至"), _("结存")]))
    for lot in figures.expiring:
        append_row(sheet, [lot["vaccine_name"], lot["lot_no"], lot["expiry_date"], lot["balance"]])
    append_row(sheet, [""])
    _bold(sheet, append_row(sheet, [_("盘点与帐面不符"), _("批号"), _("盘点日期"), _("盘点"), _("帐面"), _("差异")]))
    for name, c in figures.differences:
        append_row(sheet, [name, c.lot_no, c.on_date.isoformat(), c.counted, c.book, c.difference])
    append_row(sheet, [""])
    _bold(sheet, append_row(sheet, [_("冷链设备"), _("应测"), _("实测"), _("漏测"), _("超温"), _("未填处理措施")]))
    for a in figures.appliances:
        append_row(sheet, [f"{a['name']}（{a['code']}）", a["owed"], a["taken"], len(a["gaps"]),
                           len(a["excursions"]), a["without_action"]])
    append_row(sheet, [""])
    o = figures.observation or {}
    _bold(sheet, append_row(sheet, [_("留观"), _("接种人次"), _("留观人次"), _("留观率(%)"), _("反应"), _("提前离开")]))
    append_row(sheet, ["", o.get("vaccinated", 0), o.get("observed", 0), o.get("rate"), o.get("reaction", 0),
                       o.get("left_early", 0)])
    finish_sheet(sheet, 2, 2, widest=30)
