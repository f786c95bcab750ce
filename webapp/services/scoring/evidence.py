"""The records behind a deduction, read within the user's scope."""

from flask_babel import gettext as _
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Record, RecordRevision
from webapp.services.scope import school_codes_for, unit_codes_for

KIND_LABELS = {"child": "受种者", "precheck": "预检登记", "consent": "知情告知", "vaccination": "接种记录",
               "aefi_report": "疑似预防接种异常反应个案报告", "aefi_review": "县级审核", "aefi_zero_report": "零报告",
               "school_check": "查验批次", "student_check": "学生查验", "survey": "现场调查",
               "survey_child": "调查儿童"}


def readable_record(user, record_id: str):
    """The record when the user's scope covers it, else None (the caller answers 404)."""
    record = db.session.get(Record, record_id)
    if record is None or record.deleted:
        return None
    if record.unit_code and record.unit_code in unit_codes_for(user):
        return record
    if record.school_code and record.school_code in school_codes_for(user):
        return record
    return None


def flatten(data, prefix="") -> list[tuple[str, str]]:
    """(field path, value) lines of a record's data, for display; signatures shown as present/absent."""
    lines = []
    for key, value in (data or {}).items():
        path = f"{prefix}{key}"
        if key == "signature":
            lines.append((path, _("已签名") if value else _("未签名")))
        elif isinstance(value, dict):
            lines += flatten(value, path + ".")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for i, element in enumerate(value):
                lines += flatten(element, f"{path}.{i}.")
        else:
            lines.append((path, "" if value is None else str(value)))
    return lines


def revision_count(record_id: str) -> int:
    """How many revisions of the record are stored."""
    return db.session.execute(select(func.count()).select_from(RecordRevision)
                              .where(RecordRevision.record_id == record_id)).scalar_one()


def evidence_rows(evidence) -> list:
    """(kind, id, event date, unit) of the records behind a deduction, in the deduction's order."""
    ids = [e.id for e in evidence]
    found = {r.id: r for r in db.session.execute(
        select(Record.id, Record.kind, Record.event_date, Record.unit_code).where(Record.id.in_(ids))).all()}
    return [found[i] for i in ids if i in found]
