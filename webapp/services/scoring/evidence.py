"""The records behind a deduction, read within the user's scope, and what stands for a record that does not exist:
a cold-chain appliance, a reading slot nobody filled, a vaccine lot."""

from datetime import date
from types import SimpleNamespace

from flask_babel import gettext as _
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Equipment, Record, RecordRevision
from webapp.services.reference_data import vaccine_name
from webapp.services.scope import school_codes_for, unit_codes_for

KIND_LABELS = {"child": "受种者", "precheck": "预检登记", "consent": "知情告知", "vaccination": "接种记录",
               "aefi_report": "疑似预防接种异常反应个案报告", "aefi_review": "县级审核", "aefi_zero_report": "零报告",
               "school_check": "查验批次", "student_check": "学生查验", "survey": "现场调查",
               "survey_child": "调查儿童", "stock_movement": "疫苗出入库", "temperature_reading": "冷链温度记录",
               "observation": "留观", "equipment": "冷链设备", "temperature_slot": "漏测的温度记录",
               "stock_lot": "疫苗批号"}
PLACES = ("equipment", "temperature_slot", "stock_lot")  # evidence that names a thing, not a stored record


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


def evidence_rows(evidence, unit: str, lang: str = "zh-CN") -> list:
    """(kind, id, event date, unit, text) of what is behind a deduction, in the deduction's order: each stored record
    (text None: the page links it), and each appliance, missing reading slot or vaccine lot of `unit` in words."""
    ids = [e.id for e in evidence if e.kind not in PLACES]
    found = {r.id: r for r in db.session.execute(
        select(Record.id, Record.kind, Record.event_date, Record.unit_code).where(Record.id.in_(ids))).all()}
    names = dict(db.session.execute(select(Equipment.code, Equipment.name).where(Equipment.unit_code == unit)).all())
    out = []
    for e in evidence:
        if e.kind in PLACES:
            out.append(_place(e, unit, names, lang))
        elif e.id in found:
            r = found[e.id]
            out.append(SimpleNamespace(kind=r.kind, id=r.id, event_date=r.event_date, unit_code=r.unit_code, text=None))
    return out


def _place(e, unit: str, names: dict, lang: str) -> SimpleNamespace:
    """An appliance, a reading slot (`code|day|N`) or a lot (`vaccine|lot`) in words."""
    day, text = None, e.id
    if e.kind == "equipment":
        text = f"{names.get(e.id, e.id)}（{e.id}）"
    elif e.kind == "temperature_slot":
        code, day_text, slot = (e.id.split("|") + ["", "", ""])[:3]
        day = date.fromisoformat(day_text) if day_text else None
        text = _("%(name)s（%(code)s）第%(slot)s次", name=names.get(code, code), code=code, slot=slot)
    elif e.kind == "stock_lot":
        vaccine, lot = (e.id.split("|", 1) + [""])[:2]
        text = _("%(vaccine)s 批号%(lot)s", vaccine=vaccine_name(vaccine, lang), lot=lot)
    return SimpleNamespace(kind=e.kind, id=e.id, event_date=day, unit_code=unit, text=text)
