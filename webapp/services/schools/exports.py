"""Write a school report table to an .xlsx workbook (openpyxl), Chinese headers, printable on A4 landscape."""

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from webapp.services.schools.tables import Table
from webapp.services.tabular import finish_sheet, put, workbook_bytes

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def table_to_xlsx(table: Table, sheet_title: str) -> bytes:
    """The workbook bytes: title, meta lines, two merged header rows, the lines, bold totals."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title[:31]
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    put(ws, 1, 1, table.title).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=table.width)
    ws.cell(row=1, column=1).alignment = CENTER
    put(ws, 2, 1, "    ".join(table.meta))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=table.width)
    _write_headers(ws, table, first_row=3)
    for r, line in enumerate(table.rows, 5):
        for c, value in enumerate(line, 1):
            cell = put(ws, r, c, value)
            cell.border = BOX
            if r - 5 in table.total_rows:
                cell.font = Font(bold=True)
    finish_sheet(ws, 3, 4, widest=30)
    return workbook_bytes(wb)


def _write_headers(ws, table: Table, first_row: int) -> None:
    top, bottom = table.header_cells()
    col, sub = 1, iter(bottom)
    for cell in top:
        _header(ws, first_row, col, cell["text"])
        if cell["rowspan"] == 2:
            ws.merge_cells(start_row=first_row, start_column=col, end_row=first_row + 1, end_column=col)
            _header(ws, first_row + 1, col, None)
        else:
            if cell["colspan"] > 1:
                ws.merge_cells(start_row=first_row, start_column=col, end_row=first_row,
                               end_column=col + cell["colspan"] - 1)
            for k in range(cell["colspan"]):
                _header(ws, first_row + 1, col + k, next(sub)["text"])
        col += cell["colspan"]


def _header(ws, row, col, text):
    cell = ws.cell(row=row, column=col)
    if text is not None:
        put(ws, row, col, text)
    cell.font = Font(bold=True)
    cell.alignment = CENTER
    cell.border = BOX
