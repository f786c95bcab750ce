"""School-check API: a batch's class roster for the checker's phone; a contraindication from the nurse's phone."""

from flask import g, request
from flask_babel import gettext as _

from webapp.access import api
from webapp.api.blueprint import bp
from webapp.domain.periods import parse_day
from webapp.errors import ApiError
from webapp.extensions import db
from webapp.models import Record
from webapp.services import county
from webapp.services.schools import catch_up
from webapp.services.schools import rosters as school_rosters
from webapp.services.schools.reports import readable_school


@bp.get("/schools/rosters/<batch_id>")
@api("school", "county", "admin")
def roster(batch_id):
    """The students on a batch's rosters: [{class_name, name, sex, birth_date, guardian_phone}]."""
    batch = db.session.get(Record, batch_id)
    if batch is None or batch.kind != "school_check" or batch.deleted or not readable_school(g.user, batch.school_code):
        raise ApiError(404)
    entries = school_rosters.roster_of(batch_id)
    return {"school_check_id": batch_id, "students": [
        {"class_name": e.class_name, "name": e.name, "sex": e.sex, "birth_date": e.birth_date.isoformat(),
         "guardian_phone": e.guardian_phone} for e in entries]}


@bp.post("/schools/contraindications/<student_id>")
@api("nurse", "county")
def contraindication(student_id):
    """Close a referral with a contraindication: {"reason", "date"} → the student check's new revision."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, _("请求体不是有效的 JSON"))
    errors = {}
    reason = body.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        errors["reason"] = [_("请填写禁忌原因（200 字以内）")]
    try:
        day = parse_day(body.get("date") or "")
    except (TypeError, ValueError):
        errors["date"] = [_("日期无效，应为 2026-09-20")]
    if errors:
        raise ApiError(422, _("数据无效，请检查标出的字段"), errors=errors)
    try:
        record = catch_up.record_contraindication(g.user, student_id, reason, day, county.today(), device_id="api")
    except catch_up.CatchUpError as err:
        db.session.rollback()
        status = 404 if "id" in err.errors else 422
        raise ApiError(status, _("数据无效，请检查标出的字段"), errors={k: [str(v)] if not isinstance(v, list) else v
                                                               for k, v in err.errors.items()}) from None
    db.session.commit()
    return {"id": record.id, "rev": record.rev, "catch_up_status": record.data["catch_up_status"]}


