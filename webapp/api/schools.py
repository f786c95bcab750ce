"""GET /api/v1/schools/rosters/<batch_id>: a check batch's class roster, for the checker's phone to work through."""

from flask import g

from webapp.access import api
from webapp.api import bp
from webapp.errors import ApiError
from webapp.extensions import db
from webapp.models import Record
from webapp.services import school_rosters
from webapp.services.school_reports import readable_school


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
