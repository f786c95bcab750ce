"""Tables in and out: reading uploads (.csv in UTF-8 or GBK, .xlsx) for the organisation and roster imports, and
writing every .xlsx/.csv export (text safe from formula injection, dates as dates, rates as numbers)."""

import csv
import datetime
import io
import re
import zipfile

from flask_babel import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Font

ENCODINGS = ("utf-8-sig", "gb18030")
MAX_UNZIPPED = 20 * 1024 * 1024  # an .xlsx of a few thousand rows unpacks to a few MB
SLACK_ROWS = 1000  # empty rows tolerated beyond a reader's limit before the file is refused


class TableTooBig(ValueError):
    """An upload larger than the import may read (too many rows, or a workbook that unpacks too large)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _too_many(max_rows: int) -> TableTooBig:
    return TableTooBig(_("文件行数超过上限（最多 %(n)s 行），请分批导入", n=max_rows))


def decode_text(content: bytes) -> str | None:
    """The text of an uploaded CSV in UTF-8 (with or without BOM) or GBK/GB18030, or None if neither fits."""
    for encoding in ENCODINGS:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def csv_rows(text: str, max_rows: int) -> list[list]:
    """The rows of a CSV text (a header and at most `max_rows` data rows, read as a stream; more: TableTooBig)."""
    return limited_rows(csv.reader(io.StringIO(text)), max_rows)


def limited_rows(rows, max_rows: int) -> list[list]:
    """A header and up to `max_rows` non-empty rows from a row stream, stopping as soon as there are more (or more
    than SLACK_ROWS empty ones): a huge upload is refused without being read whole."""
    out, empty = [], 0
    for row in rows:
        values = list(row)
        if out and all(v in (None, "") for v in values):
            empty += 1
            if empty > SLACK_ROWS:
                raise _too_many(max_rows)
            continue
        out.append(values)
        if len(out) > max_rows + 1:
            raise _too_many(max_rows)
    return out


def sheet_rows(sheet, max_rows: int) -> list[list]:
    """The rows of a read-only worksheet, streamed under the same limits (its declared size is checked first)."""
    declared = sheet.max_row or 0
    if declared > max_rows + SLACK_ROWS + 1:
        raise _too_many(max_rows)
    return limited_rows(sheet.iter_rows(values_only=True), max_rows)


def _check_unpacked_size(content: bytes) -> None:
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, ValueError):
        return  # not a zip: openpyxl will say it cannot read it
    if sum(m.file_size for m in members) > MAX_UNZIPPED:
        raise TableTooBig(_("Excel 文件解压后超过 %(mb)s MB，不予读取；请检查文件或分批导入",
                            mb=MAX_UNZIPPED // (1024 * 1024)))


def open_workbook(content: bytes):
    """An openpyxl workbook (read-only, values) or None when the bytes are no readable .xlsx; TableTooBig when its
    members unpack beyond MAX_UNZIPPED (the sizes the zip declares bound what is ever decompressed)."""
    _check_unpacked_size(content)
    try:
        return load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001  (openpyxl raises many types for a broken upload: it is the user's file)
        return None


# Writing: every .xlsx and .csv the app hands out goes through the helpers below.

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DAY_FORMAT, RATE_FORMAT = "yyyy-mm-dd", "0.0%"


class Rate(float):
    """A percentage (0–100) that shows as `95.2` on a page and is written to Excel as the number 0.952, `0.0%`."""

    def __str__(self) -> str:
        return f"{self:.1f}"

    def __format__(self, spec: str) -> str:
        return format(float(self), spec) if spec else str(self)


def safe_text(value: str) -> str:
    """Text that a spreadsheet will never run as a formula: a leading = + - @ tab or CR gets a `'` in front."""
    return "'" + value if value.startswith(FORMULA_START) else value


def cell_value(value):
    """(value, number format) for a spreadsheet cell: dates as dates, rates as numbers, text made safe."""
    if isinstance(value, Rate):
        return float(value) / 100, RATE_FORMAT
    if isinstance(value, datetime.date):
        return value, DAY_FORMAT
    if isinstance(value, str) and ISO_DAY.match(value):
        try:
            return datetime.date.fromisoformat(value), DAY_FORMAT
        except ValueError:
            return value, None
    if isinstance(value, str):
        return safe_text(value), None
    return value, None


def put(ws, row: int, col: int, value):
    """Write one cell through `cell_value`; text is always stored as text, never as a formula."""
    value, number_format = cell_value(value)
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format
    return cell


def append_row(ws, values) -> int:
    """Append one row through `put`; returns its row number."""
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for col, value in enumerate(values, 1):
        put(ws, row, col, value)
    return row


def finish_sheet(ws, header_from: int, header_to: int, widest: int = 60) -> None:
    """Column widths from the content, the header rows frozen and repeated on every printed page."""
    widths = {}
    for row in ws.iter_rows(min_row=header_from):
        for cell in row:
            if cell.value is not None and not isinstance(cell, MergedCell):
                text = cell.value.isoformat() if isinstance(cell.value, datetime.date) else str(cell.value)
                widths[cell.column_letter] = max(widths.get(cell.column_letter, 0), _display_width(text))
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = min(widest, max(8, width + 2))
    ws.freeze_panes = f"A{header_to + 1}"
    ws.print_title_rows = f"{header_from}:{header_to}"


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text[:80])


def simple_xlsx(title: str, header: list, lines) -> bytes:
    """A one-sheet workbook: a bold header row, then the lines, through the helpers above."""
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    append_row(ws, header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for line in lines:
        append_row(ws, line)
    finish_sheet(ws, 1, 1)
    return workbook_bytes(wb)


def workbook_bytes(wb) -> bytes:
    """The .xlsx bytes of a workbook."""
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def to_csv(header, lines) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel opens the Chinese), text made safe against formulas."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    for line in [header, *lines]:
        writer.writerow([safe_text(v) if isinstance(v, str) else v for v in line])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
