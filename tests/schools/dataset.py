"""A hand-built school-entry check dataset in the record store, with every count known in advance."""

import uuid

from tests.factories import add_record

MISSING_MENAC = [{"series": "MenAC", "dose": 2, "vaccine": "MPSV-AC", "due_since": "2026-07-01"}]
MISSING_MMR = [{"series": "MCV", "dose": 2, "vaccine": "MMR", "due_since": "2022-01-01"}]
FULL_DOSES = [{"vaccine": "HepB", "date": "2020-07-01"}, {"vaccine": "HepB", "date": "2020-08-01"},
              {"vaccine": "HepB", "date": "2021-01-01"}, {"vaccine": "MMR", "date": "2021-03-01"}]


def evaluation(missing=None):
    """An evaluation at check (as the server stores it)."""
    return {"schedule": "nip-2021", "complete": not missing, "missing": missing or [], "not_counted": [], "notes": []}


def batch(school_code="S01", term="2026-autumn", started_on="2026-09-01", kind="kindergarten", unit_code="U01"):
    """A school_check record."""
    data = {"school_code": school_code, "term": term, "kind": kind, "started_on": started_on, "checker": "赵老师"}
    return add_record("school_check", data, captured_by="demo-school", unit_code=unit_code)


def student(batch_record, name, certificate="present", missing=None, referral_unit=None, **extra):
    """A student_check record of `batch_record` with its evaluation at check."""
    data = {"school_check_id": batch_record.id, "name": name, "sex": "F", "birth_date": "2020-07-01",
            "class_name": "小一班", "certificate": certificate, "doses": list(FULL_DOSES),
            "evaluation": evaluation(missing)}
    if referral_unit:
        data["referral"] = {"unit_code": referral_unit, "notified_on": "2026-09-02"}
        data["catch_up_status"] = "pending"
    elif not missing:
        data["catch_up_status"] = "not_needed"
    data.update(extra)
    return add_record("student_check", data, id=str(uuid.uuid4()), captured_by="demo-school",
                      school_code=batch_record.data["school_code"], unit_code=batch_record.unit_code,
                      event_date=batch_record.event_date, referral_unit=referral_unit)


def build(db):
    """S01 (林西镇): 5 checked, 1 missing (referred to U01, pending), 1 absent; S02 (林西镇): 2 checked, 1 missing
    and caught up; S04 (大井镇): 1 checked, complete. A 2025 batch at S01 must not count in 2026."""
    s01 = batch("S01")
    rows = {"s01": s01, "s01_missing": student(s01, "甲一", missing=MISSING_MENAC, referral_unit="U01")}
    student(s01, "甲二")
    student(s01, "甲三")
    student(s01, "甲四")
    rows["s01_absent"] = student(s01, "甲五", certificate="absent")
    s02 = batch("S02", kind="primary")
    student(s02, "乙一", certificate="reissued")
    rows["s02_done"] = student(s02, "乙二", missing=MISSING_MMR, referral_unit="U01", catch_up_status="complete",
                               catch_up=[{"vaccine": "MMR", "date": "2026-09-20", "unit_code": "U01"}],
                               rechecked_on="2026-11-01")
    s04 = batch("S04", kind="primary", unit_code="U04")
    student(s04, "丙一")
    old = batch("S01", term="2025-autumn", started_on="2025-09-01")
    student(old, "旧一", missing=MISSING_MENAC)
    db.session.commit()
    return rows
