"""`data` schemas of school entry checks: the batch and each student (records.md)."""

from flask_babel import lazy_gettext as _l
from marshmallow import fields, validate

from webapp.schemas.records.common import (
    BASE,
    RecordSchema,
    choice,
    code,
    day,
    nested,
    nested_list,
    record_id,
    text,
    vaccine,
)


class SchoolCheckSchema(RecordSchema):
    """`school_check` 查验批次."""

    school_code = code("required")
    term = fields.String(required=True, error_messages=BASE, metadata={"level": "required"},
                         validate=validate.Regexp(r"^\d{4}-(spring|autumn)$", error=_l("学期格式应为 2026-autumn")))
    kind = choice(("childcare", "kindergarten", "primary"), "required")
    started_on = day("required")
    checker = text("required", 64)


class CertificateDoseSchema(RecordSchema):
    """A dose copied from the vaccination certificate."""

    vaccine = vaccine()
    date = day("required")


class ReferralSchema(RecordSchema):
    """The unit a student is referred to for catch-up."""

    unit_code = code("required")
    notified_on = day("required")


class CatchUpDoseSchema(RecordSchema):
    """A catch-up dose recorded by the vaccination unit."""

    vaccine = vaccine()
    date = day("required")
    unit_code = code("required")


class StudentCheckSchema(RecordSchema):
    """`student_check` 学生查验."""

    school_check_id = record_id("required")
    name = text("required", 50)
    sex = choice(("M", "F"), "required")
    birth_date = day("required")
    class_name = text("required", 50)
    guardian_phone = text("qc", 20)
    certificate = choice(("present", "absent", "reissued"), "required")
    doses = nested_list(CertificateDoseSchema, None, 0, 60)
    evaluation = fields.Dict(allow_none=True, error_messages={**BASE, "invalid": _l("应为对象")})
    referral = nested(ReferralSchema)
    catch_up = nested_list(CatchUpDoseSchema, None, 0, 60)
    catch_up_status = choice(("not_needed", "pending", "partial", "complete", "contraindicated"))
    rechecked_on = day()
