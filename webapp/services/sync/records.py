"""The record store's projections: from a record's `data` to the columns beside it (see webapp/models/records.py).

`projection()` is pure given its lookups; `project_record()` looks the parent and the school up in the
database (for server-side writes and test factories). Content hashes are sha256 of canonical JSON.
"""

import hashlib
import json
from datetime import date, datetime

from sqlalchemy import select

from webapp.domain.metrics.capture import qc_missing
from webapp.domain.periods import parse_period
from webapp.domain.record_rules import case_period, local_date
from webapp.extensions import db
from webapp.models import Record, School
from webapp.services import county

PARENT_FIELD = {"consent": "precheck_id", "student_check": "school_check_id", "aefi_review": "aefi_id",
                "child_merge": "keep_id", "survey_child": "survey_id"}
PARENT_KIND = {"precheck_id": "precheck", "school_check_id": "school_check", "aefi_id": "aefi_report",
               "child_id": "child", "consent_id": "consent", "supersedes": "consent",
               "keep_id": "child", "merge_id": "child", "survey_id": "survey", "vaccination_ids": "vaccination"}
DAY_FIELD = {"child": "birth_date", "precheck": "visit_date", "vaccination": "given_on", "school_check": "started_on",
             "survey": "surveyed_on", "stock_movement": "on_date"}
# dated by the day of a moment in the county's time zone
MOMENT_FIELD = {"consent": "signed_at", "temperature_reading": "read_at", "observation": "started_at"}


def canonical_json(data: dict) -> str:
    """The canonical JSON text of a record's data (sorted keys, no spaces, UTF-8 kept)."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_hash(data: dict) -> str:
    """sha256 of the canonical JSON of a record's data: equal hashes mean a replay."""
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def _moment(value) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _day(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def score_columns(kind: str, data: dict) -> dict:
    """The columns the scores read without the JSON: a pre-check's QC gaps, decision and plan, a dose's product,
    a consent's decision, vaccines, method and signature."""
    out = {"qc_missing": qc_missing(kind, data), "vaccine": None, "dose": None, "decision": None, "planned": None,
           "method": None, "signed": None}
    if kind == "vaccination":
        out.update(vaccine=data.get("vaccine"), dose=dose_number(data), parent_id=data.get("precheck_id"))
    elif kind == "precheck":
        out.update(decision=data.get("decision"), planned=doses_text(data.get("planned")))
    elif kind == "consent":
        out.update(decision=data.get("decision"), planned=doses_text(data.get("vaccines")), method=data.get("method"),
                   signed=isinstance(data.get("signature"), str) and len(data["signature"]) > 0)
    return out


def dose_number(data: dict) -> int | None:
    """A vaccination's dose number as stored in its column (None when it is not a whole number)."""
    dose = data.get("dose")
    return dose if isinstance(dose, int) and not isinstance(dose, bool) else None


def doses_text(doses) -> str | None:
    """A list of doses (a pre-check's plan, a consent's vaccines) as its column's JSON text (None if not a list)."""
    return canonical_json(doses) if isinstance(doses, list) else None


def projection(kind: str, record_id: str, data: dict, *, parent=None, school_unit=None,
               captured_at: datetime | None = None, tz=None, cadence_name="monthly") -> dict:
    """The projected columns of a record; `parent` is its parent's columns (any object with attributes)."""
    out = {"unit_code": data.get("unit_code"), "school_code": None, "child_id": data.get("child_id"),
           "parent_id": data.get(PARENT_FIELD.get(kind, "")), "event_date": None, "period": None,
           "referral_unit": None, **score_columns(kind, data)}
    if kind in DAY_FIELD:
        out["event_date"] = _day(data.get(DAY_FIELD[kind]))
    if kind == "child":
        out["child_id"] = record_id
    elif kind in MOMENT_FIELD and data.get(MOMENT_FIELD[kind]):
        out["event_date"] = local_date(_moment(data[MOMENT_FIELD[kind]]), tz)
    elif kind == "aefi_report" and data.get("onset_at"):
        onset = _moment(data["onset_at"])
        out["event_date"], out["period"] = local_date(onset, tz), case_period(onset, tz, cadence_name)
    elif kind == "aefi_zero_report":
        out["period"] = data.get("period")
        out["event_date"] = parse_period(data["period"]).start if data.get("period") else None
    elif kind == "aefi_review":
        out["unit_code"] = getattr(parent, "unit_code", None)
        out["event_date"] = local_date(captured_at, tz) if captured_at else None
    elif kind == "school_check":
        out["school_code"], out["unit_code"] = data.get("school_code"), school_unit
    elif kind in ("student_check", "survey_child"):
        _under_parent(out, kind, data, parent)
    elif kind == "survey":
        out["period"] = data.get("period")
    return out


def _under_parent(out: dict, kind: str, data: dict, parent) -> None:
    """A student check takes its batch's school, unit and day; a surveyed child its survey's day."""
    out["event_date"] = getattr(parent, "event_date", None)
    if kind == "student_check":
        out["school_code"] = getattr(parent, "school_code", None)
        out["unit_code"] = getattr(parent, "unit_code", None)
        out["referral_unit"] = (data.get("referral") or {}).get("unit_code")


def project_record(kind: str, record_id: str, data: dict, captured_at: datetime | None = None) -> dict:
    """The projected columns of a record, looking its parent and school up in the database."""
    parent = None
    if kind in ("aefi_review", "student_check", "survey_child"):
        parent = db.session.execute(select(Record.unit_code, Record.school_code, Record.event_date)
                                    .where(Record.id == data.get(PARENT_FIELD[kind]))).first()
    school_unit = None
    if kind == "school_check":
        school = db.session.get(School, data.get("school_code"))
        school_unit = school.unit_code if school else None
    return projection(kind, record_id, data, parent=parent, school_unit=school_unit, captured_at=captured_at,
                      tz=county.zone(), cadence_name=county.cadence())
