"""`data` schemas of the assessor's village coverage survey: the survey and each surveyed child (records.md)."""

from flask_babel import lazy_gettext as _l
from marshmallow import fields, validate

from webapp.schemas.records.common import BASE, RecordSchema, choice, code, day, nested_list, record_id, text
from webapp.schemas.records.school import CertificateDoseSchema

PERIOD_RE = r"^\d{4}(-H[12])?$"


class SurveySchema(RecordSchema):
    """`survey` 现场调查."""

    unit_code = code("required")
    village_code = code("required")
    template = code("required", 64)
    period = fields.String(required=True, error_messages=BASE, metadata={"level": "required"},
                           validate=validate.Regexp(PERIOD_RE, error=_l("考核周期格式应为 2026-H1、2026-H2 或 2026")))
    cohort_from = day("required")
    cohort_to = day("required")
    village_drawn = choice(("random", "chosen"), "required")
    surveyed_on = day("required")
    assessor = text("required", 64)
    note = text(None, 500)


class SurveyChildSchema(RecordSchema):
    """`survey_child` 调查儿童."""

    survey_id = record_id("required")
    unit_code = code("required")
    child_id = record_id()
    name = text("required", 50)
    sex = choice(("M", "F"), "required")
    birth_date = day("required")
    resident_since = day("qc")
    certificate = choice(("present", "absent"), "required")
    doses = nested_list(CertificateDoseSchema, None, 0, 60)
    bcg_scar = choice(("yes", "no", "not_applicable"))
    note = text(None, 500)
