"""A hand-built school-entry check dataset in the record store, with every count known in advance."""

import uuid
from datetime import date

from tests.factories import add_record
from webapp.demo.schools import routine_doses
from webapp.domain.schedule import evaluate

BIRTH = date(2020, 7, 1)
# Which routine dose a student lacks: the MPSV-AC at 6 years, or the MMR at 18 months.
MISSING_MENAC, MISSING_MMR = (("MPSV-AC", 72),), (("MMR", 18),)


def doses_and_evaluation(skip=(), on="2026-09-01"):
    """Certificate doses of a child born 2020-07-01 vaccinated on time except `skip`, and their evaluation."""
    doses = routine_doses(BIRTH, date.fromisoformat(on), skip)
    dated = [{"vaccine": d["vaccine"], "date": date.fromisoformat(d["date"])} for d in doses]
    result = evaluate(BIRTH, date.fromisoformat(on), dated)
    assert bool(result["missing"]) == bool(skip), result  # the dataset means what it says
    return doses, result


def batch(school_code="S01", term="2026-autumn", started_on="2026-09-01", kind="kindergarten", unit_code="U01"):
    """A school_check record."""
    data = {"school_code": school_code, "term": term, "kind": kind, "started_on": started_on, "checker": "赵老师"}
    return add_record("school_check", data, captured_by="demo-school", unit_code=unit_code)


def student(batch_record, name, certificate="present", missing=(), referral_unit=None, **extra):
    """A student_check record of `batch_record` with its evaluation at check (`missing`: routine doses skipped)."""
    doses, result = doses_and_evaluation(missing, batch_record.data["started_on"])
    data = {"school_check_id": batch_record.id, "name": name, "sex": "F", "birth_date": BIRTH.isoformat(),
            "class_name": "小一班", "certificate": certificate, "doses": doses, "evaluation": result}
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
    student(old, "旧一", missing=MISSING_MMR)
    db.session.commit()
    return rows
