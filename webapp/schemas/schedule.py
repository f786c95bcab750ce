"""Schema for POST /api/v1/schedule/evaluate: shape only (the engine checks dates against the birth date)."""

from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, Schema, fields, validate

from webapp.domain.schedule import vaccine_codes

REQUIRED = {"required": _l("必填字段"), "null": _l("不能为空"), "invalid": _l("日期格式应为 YYYY-MM-DD")}


class DoseSchema(Schema):
    """One documented dose: `{vaccine, date}` (other keys, e.g. a catch-up's unit_code, are ignored)."""

    class Meta:
        unknown = EXCLUDE

    vaccine = fields.String(required=True, validate=validate.OneOf(vaccine_codes(), error=_l("未知疫苗代码")),
                            error_messages={"required": _l("必填字段"), "null": _l("不能为空")})
    date = fields.Date(required=True, format="%Y-%m-%d", error_messages=REQUIRED)


class EvaluateRequestSchema(Schema):
    """The request body as in records.md; `schedule` optionally names a version instead of the one in force."""

    birth_date = fields.Date(required=True, format="%Y-%m-%d", error_messages=REQUIRED)
    on_date = fields.Date(required=True, format="%Y-%m-%d", error_messages=REQUIRED)
    doses = fields.List(fields.Nested(DoseSchema), load_default=list, validate=validate.Length(max=300))
    schedule = fields.String(load_default=None, validate=validate.Length(min=1, max=64))


class MissingDoseSchema(Schema):
    """A dose the child should have had by on_date and lacks."""

    series = fields.String()
    dose = fields.Integer()
    vaccine = fields.String()
    due_since = fields.String(metadata={"format": "date"})


class NotCountedSchema(Schema):
    """A documented dose that does not count, with the reason (in the user's language)."""

    vaccine = fields.String()
    date = fields.String(metadata={"format": "date"})
    reason = fields.String()


class EvaluateResponseSchema(Schema):
    """The evaluation as in records.md."""

    schedule = fields.String()
    complete = fields.Boolean()
    missing = fields.List(fields.Nested(MissingDoseSchema))
    not_counted = fields.List(fields.Nested(NotCountedSchema))
    notes = fields.List(fields.String())
