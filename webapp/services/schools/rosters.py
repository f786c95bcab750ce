"""Class roster import (.xlsx / .csv): every row checked, every rejected row reported, nothing half-imported."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from webapp.domain.constants import ROSTER_HEADERS, ROSTER_REQUIRED
from webapp.extensions import db
from webapp.models import Record
from webapp.models.schools import RosterEntry
from webapp.services.audit import record_audit
from webapp.services.tabular import TableTooBig, csv_rows, decode_text, open_workbook, sheet_rows

HEADERS = ROSTER_HEADERS  # accepted column titles → field, shared with the phone's roster reader
REQUIRED = ROSTER_REQUIRED
FIELD_LABELS = {"class_name": _l("班级"), "name": _l("姓名"), "sex": _l("性别"), "birth_date": _l("出生日期"),
                "guardian_phone": _l("监护人电话"), "file": _l("文件")}
SEX = {"男": "M", "女": "F", "M": "M", "F": "F", "m": "M", "f": "F"}
PHONE_RE = re.compile(r"^[0-9+\- ]{5,20}$")
MAX_ROWS = 2000


class RosterError(Exception):
    """The file as a whole cannot be read (wrong type, no header, missing columns)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class RosterResult:
    """What an import did: the rows accepted (only stored when none was rejected) and every rejected row."""

    accepted: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)  # {"row": n, "values": {...}, "errors": {field: msg}}
    stored: bool = False


def read_rows(filename: str, content: bytes) -> list[tuple[int, dict]]:
    """(spreadsheet row number, {field: raw value}) for every non-empty data row of an .xlsx or .csv file."""
    table = _table(filename, content)
    if not table:
        raise RosterError(_("文件是空的"))
    columns = _columns(table[0])
    rows = []
    for number, line in enumerate(table[1:], 2):
        values = {f: line[i] if i < len(line) else None for f, i in columns.items()}
        if any(str(v or "").strip() for v in values.values()):
            rows.append((number, values))
    if len(rows) > MAX_ROWS:
        raise RosterError(_("一次最多导入 %(n)s 行", n=MAX_ROWS))
    return rows


def _table(filename: str, content: bytes) -> list[list]:
    name = (filename or "").lower()
    try:
        if name.endswith(".xlsx"):
            return _xlsx_table(content)
        if name.endswith(".csv"):
            return csv_rows(_decode(content), MAX_ROWS)
    except TableTooBig as err:
        raise RosterError(err.message) from None
    raise RosterError(_("只支持 .xlsx 或 .csv 文件"))


def _xlsx_table(content: bytes) -> list[list]:
    wb = open_workbook(content)
    if wb is None:
        raise RosterError(_("无法读取 Excel 文件，请另存为 .xlsx 后重试"))
    return sheet_rows(wb.worksheets[0], MAX_ROWS)


def _decode(content: bytes) -> str:
    text = decode_text(content)
    if text is None:
        raise RosterError(_("无法识别文件编码，请保存为 UTF-8 的 CSV"))
    return text


def _columns(header: list) -> dict[str, int]:
    columns = {}
    for i, title in enumerate(header):
        key = HEADERS.get(str(title or "").strip())
        if key and key not in columns:
            columns[key] = i
    missing = [str(FIELD_LABELS[f]) for f in REQUIRED if f not in columns]
    if missing:
        raise RosterError(_("缺少列：%(cols)s（第一行应为：班级、姓名、性别、出生日期、监护人电话）",
                            cols="、".join(missing)))
    return columns


def check_row(values: dict, today: date) -> tuple[dict, dict]:
    """(clean values, {field: message}) for one row."""
    clean, errors = {}, {}
    for key in ("class_name", "name"):
        text = str(values.get(key) or "").strip()
        if not text:
            errors[key] = _("必填")
        elif len(text) > 50:
            errors[key] = _("不能超过 50 个字符")
        clean[key] = text
    clean["sex"] = SEX.get(str(values.get("sex") or "").strip())
    if clean["sex"] is None:
        errors["sex"] = _("应为 男 或 女")
    clean["birth_date"], birth_error = _birth_date(values.get("birth_date"), today)
    if birth_error:
        errors["birth_date"] = birth_error
    phone = str(values.get("guardian_phone") or "").strip()
    if phone and not PHONE_RE.match(phone):
        errors["guardian_phone"] = _("电话号码格式无效")
    clean["guardian_phone"] = phone or None
    return clean, errors


def _birth_date(raw, today: date) -> tuple[date | None, str | None]:
    if isinstance(raw, datetime):
        day = raw.date()
    elif isinstance(raw, date):
        day = raw
    else:
        text = str(raw or "").strip().replace("/", "-").replace(".", "-")
        if not text:
            return None, _("必填")
        try:
            day = date(*(int(p) for p in text.split("-")))
        except (TypeError, ValueError):
            return None, _("日期无效，应为 2020-09-01")
    if day > today:
        return None, _("不能晚于今天")
    if today.year - day.year > 18:
        return None, _("年龄超过 18 岁")
    return day, None


def import_roster(actor: str, batch: Record, filename: str, content: bytes, today: date) -> RosterResult:
    """Check every row; store them all on the batch's roster only when no row is rejected."""
    result = RosterResult()
    known = {(n, b) for n, b in db.session.execute(select(RosterEntry.name, RosterEntry.birth_date)
                                                     .where(RosterEntry.school_check_id == batch.id)).all()}
    for number, values in read_rows(filename, content):
        clean, errors = check_row(values, today)
        key = (clean["name"], clean["birth_date"])
        if not errors and key in known:
            errors["name"] = _("同名同生日的学生已在名单中（第 %(row)s 行重复）", row=number)
        known.add(key)
        if errors:
            shown = {k: ("" if v is None else str(v)) for k, v in values.items()}
            result.rejected.append({"row": number, "values": shown, "errors": errors})
        else:
            result.accepted.append(clean)
    if result.accepted and not result.rejected:
        _store(actor, batch, result.accepted)
        result.stored = True
    return result


def _store(actor: str, batch: Record, rows: list[dict]) -> None:
    for row in rows:
        db.session.add(RosterEntry(school_check_id=batch.id, school_code=batch.school_code, imported_by=actor, **row))
    db.session.flush()
    record_audit(actor, "import_roster", "school_check", batch.id, None, {"rows": len(rows)}, batch.school_code)


def roster_of(batch_id: str) -> list[RosterEntry]:
    """The roster of a batch, by class then name."""
    return list(db.session.execute(select(RosterEntry).where(RosterEntry.school_check_id == batch_id)
                                   .order_by(RosterEntry.class_name, RosterEntry.name)).scalars())
