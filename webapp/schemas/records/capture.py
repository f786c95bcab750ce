"""`data` schemas of the clinic's records: child, precheck, consent, vaccination (records.md)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, validates, validates_schema

from webapp.domain.constants import INFORMED_ITEMS, SCREENING_QUESTIONS
from webapp.schemas.records.common import (
    BASE,
    RecordSchema,
    choice,
    code,
    day,
    integer,
    moment,
    nested_list,
    number,
    record_id,
    signature,
    text,
    vaccine,
)

# a question asked only from an age (years at the visit): its answer is not QC-required for a younger child
QUESTIONS_FROM_AGE = {"pregnant": 12}
CHILD_STATUSES = ("active", "temporary", "moved_out", "deceased")  # 在册, 临时接种, 迁出, 死亡


class ChildSchema(RecordSchema):
    """`child` 受种者."""

    unit_code = code("required")
    name = text("required", 50)
    sex = choice(("M", "F"), "required")
    birth_date = day("required")
    residence = choice(("local", "migrant"), "required")
    guardian_name = text("qc", 50)
    guardian_phone = text("qc", 20)
    certificate_no = text("qc", 40)
    village_code = code("qc")
    mother_hbsag = choice(("positive", "negative", "unknown"))
    status = choice(CHILD_STATUSES)
    status_on = day(None, metadata={"required_when": {"status": list(CHILD_STATUSES[1:])}})
    resident_since = day("qc")

    @validates_schema
    def _status_on(self, data, **_kw):
        if data.get("status") not in (None, "active") and not data.get("status_on"):
            raise ValidationError({"status_on": [_("儿童状态不是在册时，必须填写状态变动日期")]})


class PlannedDoseSchema(RecordSchema):
    """One planned dose of a precheck."""

    vaccine = vaccine()
    dose = integer("required", 1, 10)


class PrecheckSchema(RecordSchema):
    """`precheck` 预检登记."""

    unit_code = code("required")
    child_id = record_id("required")
    visit_date = day("required")
    planned = nested_list(PlannedDoseSchema, "required", 1, 20)
    temperature_c = number("qc", 34.0, 43.0)
    answers = fields.Dict(allow_none=True,  # keys and values are checked by _answers below (faster than per-key fields)
                          error_messages={**BASE, "invalid": _l("应为对象")},
                          metadata={"level": "qc", "keys": list(SCREENING_QUESTIONS), "enum": ["yes", "no"],
                                    "keys_from_age": dict(QUESTIONS_FROM_AGE)})
    decision = choice(("vaccinate", "defer", "contraindicated"), "required")
    decision_note = text(None, 500, metadata={"qc_when": {"decision": ["defer", "contraindicated"]}})
    nurse = text("required", 64)

    @validates("answers")
    def _answers(self, value, **_kw):
        if value is None:
            return
        errors = {}
        for key, answer in value.items():
            if not isinstance(key, str) or key not in SCREENING_QUESTIONS:
                errors[key] = [_("未知问题代码")]
            elif answer not in ("yes", "no"):
                errors[key] = [_("应为 yes 或 no")]
        if errors:
            raise ValidationError(errors)


class ConsentVaccineSchema(RecordSchema):
    """One vaccine a consent covers."""

    vaccine = vaccine()
    dose = integer("required", 1, 10)
    category = choice(("nip", "non_nip"), "required")


class ConsentSchema(RecordSchema):
    """`consent` 知情告知 (immutable once stored; a correction supersedes it)."""

    unit_code = code("required")
    child_id = record_id("required")
    precheck_id = record_id("required")
    vaccines = nested_list(ConsentVaccineSchema, "required", 1, 10)
    notice_template = text("required", 64)
    notice_version = text("required", 32)
    notice_sha256 = fields.String(required=True, error_messages=BASE, metadata={"level": "required"})
    informed = fields.List(choice(INFORMED_ITEMS), allow_none=True, metadata={"level": "qc"},
                           error_messages={**BASE, "invalid": _l("应为列表")})
    method = choice(("written", "oral"), "required")
    guardian_name = text("required", 50)
    relation = text(None, 20)
    decision = choice(("agree", "refuse"), "required")
    signature = signature(None, metadata={"qc_when": {"method": ["written"]}})
    signed_at = moment("required")
    supersedes = record_id()

    @validates("notice_sha256")
    def _sha(self, value, **_kw):
        if len(value) != 64 or any(c not in "0123456789abcdef" for c in value):
            raise ValidationError(_("应为 64 位小写十六进制 sha256"))


class VaccinationSchema(RecordSchema):
    """`vaccination` 接种记录."""

    unit_code = code("required")
    child_id = record_id("required")
    vaccine = vaccine()
    dose = integer("required", 1, 10)
    given_on = day("required")
    lot_no = text("required", 40)
    manufacturer = text("required", 100)
    expiry_date = day("qc")
    route = choice(("IM", "SC", "ID", "PO"), "qc")
    site = text("qc", 40)
    strategy = choice(("routine", "catch_up", "campaign", "emergency"), "required")
    nurse = text("required", 64)
    precheck_id = record_id("qc")
    consent_id = record_id("qc")
