"""Assessor entries: manual scores within bounds, adjustments on computed items, notes, photos, the sample.

A form post arrives as a flat mapping (`score.<part>.<item>`, `adjust.<part>.<item>`, `note.<part>.<item>`,
`veto.<part>.<item>`, `photo.<part>.<item>`, `sample_month.<part>`, `sample_children.<part>`); `save_assessment`
checks every value, returns field errors, and stores nothing when any value is wrong.
"""

import math
import re
import uuid
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from webapp.dbtypes import utcnow
from webapp.domain.periods import parse_period
from webapp.domain.rubric.engine import manual_bounds
from webapp.extensions import db
from webapp.models import Assessment, Record, ScoreEntry
from webapp.services.audit import record_audit
from webapp.services.scoring.scorecards import part_windows

PHOTO_TYPES = {b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png"}
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|png)$")


def photo_dir() -> Path:
    """Where assessment photos are kept (outside static: served only through a scoped view)."""
    path = Path(current_app.config.get("SCORE_PHOTO_DIR") or Path(current_app.instance_path) / "score_photos")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _photo_kind(upload) -> tuple[bytes, str | None]:
    """The bytes of an upload (up to one past the limit) and its type, None unless a JPEG or PNG within the limit."""
    upload.stream.seek(0)
    head = upload.stream.read(PHOTO_MAX_BYTES + 1)
    upload.stream.seek(0)
    ext = next((e for magic, e in PHOTO_TYPES.items() if head.startswith(magic)), None)
    return head, ext if len(head) <= PHOTO_MAX_BYTES else None


def photo_errors(files, part_code: str, item_codes, errors: dict) -> None:
    """Name every uploaded photo of a part that is not a JPEG or PNG of at most 5 MB (checked before anything is
    stored, so an unsupported photo is refused with a message instead of being dropped)."""
    for code in item_codes:
        upload = files.get(f"photo.{part_code}.{code}") if files else None
        if upload and upload.filename and _photo_kind(upload)[1] is None:
            errors[f"photo.{part_code}.{code}"] = [_("照片只支持 JPEG 或 PNG 格式，且不超过 5 MB")]


def store_photo(upload) -> str | None:
    """Keep a JPEG or PNG under a random name; None when the file is not one or is too large."""
    head, ext = _photo_kind(upload)
    if ext is None:
        return None
    name = f"{uuid.uuid4().hex}.{ext}"
    (photo_dir() / name).write_bytes(head)
    return name


def photo_path(name: str) -> Path | None:
    """The file of a stored photo name, or None for anything that is not one."""
    if not PHOTO_NAME.match(name or ""):
        return None
    path = photo_dir() / name
    return path if path.exists() else None


def get_assessment(template_id, unit_code, period, create=False, assessor=""):
    """The assessment row for a template, unit and part period (created on demand)."""
    found = db.session.execute(select(Assessment).where(
        Assessment.template_id == template_id, Assessment.unit_code == unit_code, Assessment.period == period)
    ).scalar_one_or_none()
    if found is None and create:
        found = Assessment(template_id=template_id, unit_code=unit_code, period=period, assessor=assessor,
                           sample_children=[])
        db.session.add(found)
        db.session.flush()
    return found


def _number(raw, field, errors):
    if raw is None or str(raw).strip() == "":
        return None
    try:
        value = float(str(raw).strip())
    except ValueError:
        value = None
    if value is None or not math.isfinite(value):  # nan, inf and -inf parse as floats but are no score
        errors[field] = [_("请输入数字")]
        return None
    return value


def _score(form, key, section, item, note, errors) -> float | None:
    """An entered score within the item's bounds (a reason needed below its max)."""
    score = _number(form.get(f"score.{key}"), f"score.{key}", errors)
    low, high = manual_bounds(section, item)
    if score is not None and not low <= score <= high:
        errors[f"score.{key}"] = [_("分值应在 %(low)s 到 %(high)s 之间", low=f"{low:g}", high=f"{high:g}")]
    if score is not None and score < item.max and not note and not item.bonus:
        errors[f"note.{key}"] = [_("扣分须写明理由")]
    return score


def _check_item(form, part, section, item, errors) -> dict | None:
    key = f"{part.code}.{item.code}"
    note = (form.get(f"note.{key}") or "").strip()[:1000]
    if item.rule.type == "manual" or (item.bonus and item.metric is None):
        score = _score(form, key, section, item, note, errors)
        veto = bool(form.get(f"veto.{key}")) and item.veto
        if veto and not note:
            errors[f"note.{key}"] = [_("一票否决须写明理由")]
        return {"score": score, "adjustment": 0.0, "note": note, "veto": veto}
    # a line the data may be unable to judge (pending_when_empty) takes a score too, used only while it is pending
    score = _score(form, key, section, item, note, errors) if item.rule.params.get("pending_when_empty") else None
    adjust = _number(form.get(f"adjust.{key}"), f"adjust.{key}", errors)
    if adjust is not None and adjust > 0 and not item.on_site:
        errors[f"adjust.{key}"] = [_("现场核查只能扣分（填负数）")]
    if adjust and not note:
        errors[f"note.{key}"] = [_("扣分须写明理由") if adjust < 0 else _("加回扣分须写明现场核实的情况")]
    return {"score": score, "adjustment": adjust or 0.0, "note": note, "veto": False}


def _sample(form, part_code, errors) -> tuple:
    month = (form.get(f"sample_month.{part_code}") or "").strip() or None
    if month:
        try:
            if parse_period(month).kind != "month":
                raise ValueError(month)
        except ValueError:
            errors[f"sample_month.{part_code}"] = [_("抽查月份格式为 2026-10")]
    ids = [x for x in re.split(r"[\s,，]+", form.get(f"sample_children.{part_code}") or "") if x][:40]
    known = set(db.session.execute(select(Record.id).where(Record.kind == "child", Record.id.in_(ids))).scalars())
    if set(ids) - known:
        errors[f"sample_children.{part_code}"] = [_("抽查儿童编号不存在")]
    return month, ids


def save_assessment(user, template, unit_code, period_name, form, files) -> dict:
    """Validate and store a unit's assessor entries for every part of the period; returns field errors."""
    errors, plan = {}, []
    for window in part_windows(template, parse_period(period_name)):
        part = window.part
        month, ids = _sample(form, part.code, errors)
        values = {item.code: _check_item(form, part, section, item, errors)
                  for section in part.sections for item in section.items}
        photo_errors(files, part.code, values, errors)
        plan.append((window, month, ids, values))
    if errors:
        return errors
    for window, month, ids, values in plan:
        _store(user, template, unit_code, window, month, ids, values, files)
    return {}


def _store(user, template, unit_code, window, month, ids, values, files):
    assessment = get_assessment(template.id, unit_code, window.period.name, create=True, assessor=user.username)
    before = {"sample_month": assessment.sample_month, "sample_children": list(assessment.sample_children or [])}
    assessment.sample_month, assessment.sample_children = month, ids
    assessment.assessor, assessment.updated_at = user.username, utcnow()
    existing = {(e.part_code, e.item_code): e for e in assessment.entries}
    for code, value in values.items():
        entry = existing.get((window.part.code, code))
        upload = files.get(f"photo.{window.part.code}.{code}") if files else None
        photo = store_photo(upload) if upload and upload.filename else None
        if entry is None and value["score"] is None and not value["adjustment"] and not value["note"] and not photo:
            continue
        if entry is None:
            entry = ScoreEntry(assessment=assessment, part_code=window.part.code, item_code=code,
                               entered_by=user.username)
            db.session.add(entry)
        entry.score, entry.adjustment, entry.note, entry.veto = (value["score"], value["adjustment"], value["note"],
                                                                 value["veto"])
        entry.photo = photo or entry.photo
        entry.entered_by, entry.entered_at = user.username, utcnow()
    db.session.flush()
    record_audit(user, "scores.assess", "assessment", assessment.id, before,
                 {"sample_month": month, "sample_children": ids, "items": len(values)}, unit_code)
