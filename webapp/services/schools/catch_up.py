"""The catch-up loop: a referred student's catch-up doses and contraindications, written as new revisions.

Every write goes through the sync pipeline's `apply_item` (the same rules as a phone's push), so the record's
revision history, change log and pull stay right. The pure rules (the evaluation at check, the status) are in
`webapp/domain/catch_up.py`.
"""

from datetime import UTC, date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from webapp.domain import school_checks as sc
from webapp.domain.catch_up import derive_status, evaluate_at_check
from webapp.extensions import db
from webapp.models import Record
from webapp.models.schools import Contraindication
from webapp.services.reference_data import vaccines_by_code
from webapp.services.scope import school_codes_for
from webapp.services.sync.pipeline import apply_item

OPEN_STATUSES = ("pending", "partial")


class CatchUpError(Exception):
    """A catch-up write refused: `errors` maps field → message."""

    def __init__(self, errors: dict):
        super().__init__(next(iter(errors.values())))
        self.errors = errors


def may_record(user, record: Record) -> bool:
    """Nurses of the referred unit; county users and admins of the school's county."""
    unit = ((record.data or {}).get("referral") or {}).get("unit_code")
    if user.role == "nurse":
        return unit is not None and unit == user.scope_code
    return user.role in ("county", "admin") and record.school_code in school_codes_for(user)


def referred_student(user, student_id: str) -> Record:
    """The student_check the user may record catch-up for, or CatchUpError."""
    record = db.session.get(Record, student_id)
    if record is None or record.kind != "student_check" or record.deleted or not may_record(user, record):
        raise CatchUpError({"id": _("未找到该转介学生，或无权记录")})
    return record


def open_referrals(user) -> list[Record]:
    """Students referred to the nurse's unit (or, for county users, in the county) still awaiting catch-up."""
    query = select(Record).where(Record.kind == "student_check", Record.deleted.is_(False),
                                 Record.referral_unit.is_not(None))
    if user.role == "nurse":
        query = query.where(Record.referral_unit == user.scope_code)
    else:
        query = query.where(Record.school_code.in_(school_codes_for(user)))
    rows = db.session.execute(query.order_by(Record.event_date, Record.id)).scalars().all()
    return [r for r in rows if (r.data.get("catch_up_status") or "pending") in OPEN_STATUSES]


def _check_doses(record: Record, doses: list[dict], today: date) -> None:
    known = vaccines_by_code()
    birth = date.fromisoformat(record.data["birth_date"])
    for i, dose in enumerate(doses):
        entry = known.get(dose.get("vaccine"))
        if entry is None or entry.get("series") is None:
            raise CatchUpError({f"doses.{i}.vaccine": _("不是免疫规划疫苗")})
        day = dose.get("date")
        if not isinstance(day, date):
            raise CatchUpError({f"doses.{i}.date": _("日期无效")})
        if day > today or day < birth:
            raise CatchUpError({f"doses.{i}.date": _("接种日期应在出生日期与今天之间")})


def record_catch_up(user, student_id: str, doses: list[dict], today: date, device_id: str = "web") -> Record:
    """Append catch-up doses ({vaccine, date}) given by the referred unit; store the new status."""
    record = referred_student(user, student_id)
    _check_doses(record, doses, today)
    unit = record.data["referral"]["unit_code"]
    data = dict(record.data)
    data["catch_up"] = list(data.get("catch_up") or []) + [
        {"vaccine": d["vaccine"], "date": d["date"].isoformat(), "unit_code": unit} for d in doses]
    data["catch_up_status"] = _status_now(record, data)
    return _write(user, record, data, device_id)


def _status_now(record: Record, data: dict) -> str:
    parent = db.session.get(Record, record.parent_id) if record.parent_id else None
    checked_on = (parent.data or {}).get("started_on") if parent else None
    at_check = evaluate_at_check(data, checked_on)
    missing = at_check.get("missing") if at_check else None
    return derive_status(data, _contraindication_of(record.id), missing)


def record_contraindication(user, student_id: str, reason: str, on_date: date, today: date,
                            device_id: str = "web") -> Record:
    """Close a referral that cannot be caught up, with the medical reason."""
    record = referred_student(user, student_id)
    reason = (reason or "").strip()
    if not reason or len(reason) > 200:
        raise CatchUpError({"reason": _("请填写禁忌原因（200 字以内）")})
    if on_date > today:
        raise CatchUpError({"date": _("日期不能晚于今天")})
    row = db.session.get(Contraindication, record.id) or Contraindication(student_check_id=record.id)
    row.reason, row.recorded_on = reason, on_date
    row.unit_code, row.recorded_by = record.data["referral"]["unit_code"], user.username
    db.session.add(row)
    db.session.flush()
    data = dict(record.data)
    data["catch_up_status"] = _status_now(record, data)
    return _write(user, record, data, device_id)


def _contraindication_of(student_id: str) -> dict | None:
    row = db.session.get(Contraindication, student_id)
    return {"reason": row.reason, "date": row.recorded_on.isoformat(), "unit_code": row.unit_code} if row else None


def contraindications_for(student_ids: list[str]) -> dict[str, dict]:
    """student_check id → {reason, date, unit_code} for those that have one."""
    if not student_ids:
        return {}
    rows = db.session.execute(select(Contraindication).where(Contraindication.student_check_id.in_(student_ids)))
    return {r.student_check_id: {"reason": r.reason, "date": r.recorded_on.isoformat(), "unit_code": r.unit_code}
            for r in rows.scalars()}


def _write(user, record: Record, data: dict, device_id: str) -> Record:
    item = {"kind": "student_check", "id": record.id, "base_rev": record.rev,
            "captured_at": datetime.now(UTC).isoformat(timespec="seconds"), "captured_by": user.username,
            "data": data}
    result = apply_item(user, item, device_id=device_id)
    if result.get("status") not in ("updated", "duplicate", "created"):
        raise CatchUpError(result.get("errors") or {"id": _("保存失败：%(status)s", status=result.get("status"))})
    db.session.flush()
    return db.session.get(Record, record.id)


def match_vaccination(vaccination: Record) -> list[Record]:
    """Open referrals at the vaccination's unit for the same child (name + birth date of the registry child)."""
    data = vaccination.data or {}
    if data.get("strategy") != "catch_up" or not vaccination.child_id:
        return []
    child = db.session.get(Record, vaccination.child_id)
    if child is None:
        return []
    key = sc.student_key(child.data.get("name"), child.data.get("birth_date"))
    rows = db.session.execute(select(Record).where(
        Record.kind == "student_check", Record.deleted.is_(False), Record.referral_unit == vaccination.unit_code
    )).scalars().all()
    return [r for r in rows if sc.student_key(r.data.get("name"), r.data.get("birth_date")) == key
            and (r.data.get("catch_up_status") or "pending") in OPEN_STATUSES]


def on_vaccination_stored(user, vaccination: Record) -> list[str]:
    """Hook for the push pipeline: a catch_up vaccination for a referred student updates the student's catch-up."""
    done = []
    for student in match_vaccination(vaccination):
        given = date.fromisoformat(vaccination.data["given_on"])
        already = {(c.get("vaccine"), c.get("date")) for c in student.data.get("catch_up") or []}
        if (vaccination.data["vaccine"], given.isoformat()) in already:
            continue
        record_catch_up(user, student.id, [{"vaccine": vaccination.data["vaccine"], "date": given}], given,
                        device_id="server")
        done.append(student.id)
    return done

