"""Test factories: records straight into the record store (with the real projections), and push payloads.

`add_record` inserts a record as the sync pipeline would store it (projected columns, a revision, a change
number), for tests of areas that read the record store. The `*_data` builders return valid `data` objects
of each kind (records.md) for the demo county; `push_item` / `push_body` wrap them for POST /sync/push.
"""

import uuid
from datetime import UTC, datetime, timedelta

from webapp.extensions import db
from webapp.models import Record, RecordRevision
from webapp.services.reference_data import notice_versions
from webapp.services.sync.changes import lock_change_log
from webapp.services.sync.records import content_hash, project_record

__all__ = ["add_record", "content_hash"]


def add_record(kind: str, data: dict, *, id=None, captured_by="demo-nurse", captured_at=None, rev=1, **columns):
    """Insert one record (and its revision) with the real projections; keyword columns override them."""
    now = captured_at or datetime.now(UTC)
    record_id = id or str(uuid.uuid4())
    values = dict(id=record_id, kind=kind, rev=rev, data=data, content_hash=content_hash(data), captured_at=now,
                  corrected_at=now, captured_by=captured_by, device_id="test-device",
                  **project_record(kind, record_id, data, now))
    clock = lock_change_log()
    values["change_seq"] = clock.next()
    clock.save()
    values.update(columns)
    record = Record(**values)
    db.session.add(record)
    db.session.add(RecordRevision(record_id=record.id, rev=rev, data=data, content_hash=record.content_hash,
                                  captured_at=now, captured_by=captured_by, pushed_by=captured_by,
                                  device_id="test-device"))
    db.session.flush()
    return record


def new_id() -> str:
    """A fresh record id (UUID v4)."""
    return str(uuid.uuid4())


def _today(days=0) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).date().isoformat()


def _moment(hours=0) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).astimezone().isoformat(timespec="seconds")


def child_data(unit="U01", **kw) -> dict:
    """A valid child."""
    return {"unit_code": unit, "name": "王小明", "sex": "M", "birth_date": "2025-03-01", "residence": "local",
            "guardian_name": "王大明", "guardian_phone": "13800000000", "certificate_no": "C-001",
            "village_code": "V01", **kw}


def precheck_data(child_id, unit="U01", **kw) -> dict:
    """A valid precheck deciding to vaccinate."""
    answers = {q: "no" for q in ("ill_today", "allergy_severe", "prior_reaction", "neuro", "immunodeficiency",
                                 "blood_products_3m", "live_vaccine_28d", "preterm_lbw", "chronic_unstable",
                                 "pregnant")}
    answers["certificate_present"] = "yes"
    return {"unit_code": unit, "child_id": child_id, "visit_date": _today(), "planned": [{"vaccine": "HepB",
            "dose": 2}], "temperature_c": 36.6, "answers": answers, "decision": "vaccinate", "nurse": "王护士", **kw}


def consent_data(child_id, precheck_id, unit="U01", **kw) -> dict:
    """A valid written consent for HepB dose 2 with the current notice."""
    notice = notice_versions()[("notice-HepB", "2026.1")]
    return {"unit_code": unit, "child_id": child_id, "precheck_id": precheck_id,
            "vaccines": [{"vaccine": "HepB", "dose": 2, "category": "nip"}], "notice_template": "notice-HepB",
            "notice_version": "2026.1", "notice_sha256": notice["sha256"],
            "informed": ["variety", "effect", "contraindications", "adverse_reactions", "precautions"],
            "method": "written", "guardian_name": "王大明", "relation": "父亲", "decision": "agree",
            "signature": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
                         "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
            "signed_at": _moment(), **kw}


def vaccination_data(child_id, unit="U01", **kw) -> dict:
    """A valid routine HepB dose given today."""
    return {"unit_code": unit, "child_id": child_id, "vaccine": "HepB", "dose": 2, "given_on": _today(),
            "lot_no": "202601A", "manufacturer": "华北制药", "expiry_date": "2027-12-31", "route": "IM",
            "site": "左上臂", "strategy": "routine", "nurse": "王护士", **kw}


def aefi_report_data(child_id=None, unit="U01", onset_hours=-30, **kw) -> dict:
    """A valid AEFI report: vaccinated three days ago, onset `onset_hours` from now, found and reported later."""
    vaccinated = (datetime.now(UTC) - timedelta(days=3)).date().isoformat()
    data = {"unit_code": unit, "vaccines": [{"vaccine": "DTaP", "manufacturer": "武汉生物", "lot_no": "L1",
                                            "vaccinated_on": vaccinated, "dose": 1, "strategy": "routine",
                                            "route": "IM", "site": "左上臂"}],
            "onset_at": _moment(onset_hours), "discovered_at": _moment(onset_hours + 2),
            "reported_at": _moment(onset_hours + 4), "course": "接种后发热 38.6℃，对症处理后好转。",
            "fever_grade": 2, "diagnosis": "发热", "hospitalized": False, "outcome": "recovered",
            "serious": False, "preliminary_class": "general_reaction", "detection": "passive",
            "reporter": "王护士", "reporter_phone": "13800000001"}
    if child_id:
        data["child_id"] = child_id
    else:
        data.update(name="李小红", sex="F", birth_date="2025-01-05")
    return {**data, **kw}


def aefi_review_data(aefi_id, **kw) -> dict:
    """A county review that starts the investigation."""
    return {"aefi_id": aefi_id, "status": "investigating", "investigation_started_at": _moment(-1), **kw}


def zero_report_data(period, unit="U01", **kw) -> dict:
    """A zero report of a unit for a period."""
    return {"unit_code": unit, "period": period, "attested_by": "王护士", "attested_at": _moment(), **kw}


def school_check_data(school="S01", **kw) -> dict:
    """A check batch of a school."""
    return {"school_code": school, "term": "2026-autumn", "kind": "kindergarten", "started_on": "2026-09-01",
            "checker": "赵老师", **kw}


def student_check_data(school_check_id, **kw) -> dict:
    """A student with a certificate, referred to U01 for catch-up."""
    return {"school_check_id": school_check_id, "name": "张小花", "sex": "F", "birth_date": "2022-05-01",
            "class_name": "小一班", "guardian_phone": "13900000000", "certificate": "present",
            "doses": [{"vaccine": "HepB", "date": "2022-05-01"}], "referral": {"unit_code": "U01",
            "notified_on": "2026-09-02"}, "catch_up_status": "pending", **kw}


def stock_data(unit="U01", **kw) -> dict:
    """A receipt of 100 HepB doses of lot 202601A today."""
    return {"unit_code": unit, "vaccine": "HepB", "lot_no": "202601A", "manufacturer": "华北制药",
            "expiry_date": "2027-12-31", "kind": "receive", "doses": 100, "on_date": _today(), "by": "王护士", **kw}


def reading_data(unit="U01", equipment="U01-R1", **kw) -> dict:
    """A refrigerator reading inside its 2–8 ℃ range, an hour ago."""
    return {"unit_code": unit, "equipment_code": equipment, "read_at": _moment(-1), "celsius": 5.0, **kw}


def observation_data(child_id, vaccination_ids, unit="U01", **kw) -> dict:
    """A 30-minute observation that ended without a reaction."""
    return {"unit_code": unit, "child_id": child_id, "vaccination_ids": list(vaccination_ids),
            "started_at": _moment(-1), "ended_at": _moment(-0.5), "outcome": "no_reaction", **kw}


def push_item(kind, data, id=None, captured_by="demo-nurse", base_rev=None, captured_at=None) -> dict:
    """One push item."""
    return {"kind": kind, "id": id or new_id(), "base_rev": base_rev, "captured_at": captured_at or _moment(),
            "captured_by": captured_by, "data": data}


def push_body(items, device_id="dev-1", schema_version=1, device_time=None, **extra) -> dict:
    """A push request body."""
    return {"device_id": device_id, "app_version": "1.0.0", "schema_version": schema_version,
            "device_time": device_time or _moment(), "items": items, **extra}


def survey_data(unit="U01", **kw) -> dict:
    """A county assessor's survey of village V01 (a U01 village) for 2026-H1."""
    return {"unit_code": unit, "village_code": "V01", "template": "county-plan-2014", "period": "2026-H1",
            "cohort_from": "2024-07-01", "cohort_to": "2025-06-30", "village_drawn": "random",
            "surveyed_on": "2026-07-10", "assessor": "刘医生", **kw}


def survey_child_data(survey_id, child_id=None, unit="U01", **kw) -> dict:
    """A surveyed child with a certificate (HepB birth dose copied), resident since birth."""
    return {"survey_id": survey_id, "unit_code": unit, "child_id": child_id, "name": "王小明", "sex": "M",
            "birth_date": "2025-03-01", "resident_since": "2025-03-01", "certificate": "present",
            "doses": [{"vaccine": "HepB", "date": "2025-03-01"}], "bcg_scar": "yes", **kw}
