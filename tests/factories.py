"""Test factories: insert records straight into the record store (the sync pipeline has its own tests)."""

import hashlib
import json
import uuid
from datetime import UTC, date, datetime

from webapp.extensions import db
from webapp.models import Record, RecordRevision

EVENT_FIELD = {"child": "birth_date", "precheck": "visit_date", "vaccination": "given_on",
               "school_check": "started_on"}
PARENT_FIELD = {"consent": "precheck_id", "student_check": "school_check_id", "aefi_review": "aefi_id"}


def content_hash(data: dict) -> str:
    """sha256 of the canonical JSON of a record's data."""
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
                          ).hexdigest()


def _event_date(kind, data):
    if kind in EVENT_FIELD and data.get(EVENT_FIELD[kind]):
        return date.fromisoformat(data[EVENT_FIELD[kind]])
    if kind == "aefi_report" and data.get("onset_at"):
        return datetime.fromisoformat(data["onset_at"]).date()
    if kind == "consent" and data.get("signed_at"):
        return datetime.fromisoformat(data["signed_at"]).date()
    return None


def add_record(kind: str, data: dict, *, id=None, captured_by="demo-nurse", captured_at=None, rev=1, **columns):
    """Insert one record (and its revision) with sensible projections; keyword columns override them."""
    now = captured_at or datetime.now(UTC)
    values = dict(
        id=id or str(uuid.uuid4()), kind=kind, rev=rev, data=data, content_hash=content_hash(data),
        unit_code=data.get("unit_code"), school_code=data.get("school_code"),
        child_id=data.get("child_id"), parent_id=data.get(PARENT_FIELD.get(kind, "")),
        event_date=_event_date(kind, data), period=data.get("period"),
        captured_at=now, corrected_at=now, captured_by=captured_by, device_id="test-device",
    )
    if kind == "child":
        values["child_id"] = values["id"]
    values.update(columns)
    record = Record(**values)
    db.session.add(record)
    db.session.add(RecordRevision(record_id=record.id, rev=rev, data=data, content_hash=record.content_hash,
                                  captured_at=now, captured_by=captured_by, pushed_by=captured_by,
                                  device_id="test-device"))
    db.session.flush()
    return record
