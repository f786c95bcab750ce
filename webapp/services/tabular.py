"""Reading uploaded tables (.csv in UTF-8 or GBK, .xlsx): shared by the organisation and roster imports."""

import csv
import io

from openpyxl import load_workbook

ENCODINGS = ("utf-8-sig", "gb18030")


def decode_text(content: bytes) -> str | None:
    """The text of an uploaded CSV in UTF-8 (with or without BOM) or GBK/GB18030, or None if neither fits."""
    for encoding in ENCODINGS:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def csv_rows(text: str) -> list[list]:
    """The rows of a CSV text."""
    return list(csv.reader(io.StringIO(text)))


def open_workbook(content: bytes):
    """An openpyxl workbook (read-only, values) or None when the bytes are no readable .xlsx."""
    try:
        return load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001  (openpyxl raises many types for a broken upload: it is the user's file)
        return None
