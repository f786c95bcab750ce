"""`data` schemas of AEFI surveillance: case report, county review, zero report (records.md)."""

from flask_babel import gettext as _
from marshmallow import ValidationError, validates, validates_schema

from webapp.domain.periods import parse_period
from webapp.schemas.records.common import (
    RecordSchema,
    boolean,
    choice,
    code,
    day,
    integer,
    moment,
    nested_list,
    record_id,
    text,
    vaccine,
)

STRATEGIES = ("routine", "catch_up", "campaign", "emergency")
FINAL_CLASSES = ("general_reaction", "rare_reaction", "quality_event", "program_error", "coincidental",
                 "psychogenic", "undetermined", "pending")
CAUSALITY = ("A1", "A2", "A3", "A4", "B1", "B2", "C", "D")


class SuspectedVaccineSchema(RecordSchema):
    """One suspected vaccine of an AEFI report."""

    vaccine = vaccine()
    manufacturer = text("required", 100)
    lot_no = text("required", 40)
    vaccinated_on = day("required")
    dose = integer("required", 1, 10)
    strategy = choice(STRATEGIES, "required")
    route = choice(("IM", "SC", "ID", "PO"), "qc")
    site = text("qc", 40)
    dose_amount = text(None, 20)  # 接种剂量, e.g. "0.5ml"
    spec = text(None, 40)  # 规格
    category = choice(("nip", "non_nip"))  # 疫苗属性


class AefiReportSchema(RecordSchema):
    """`aefi_report` 疑似预防接种异常反应个案报告."""

    unit_code = code("required")
    child_id = record_id()
    case_code = text(None, 20)  # 编码 (the national system's 14-digit code, once entered online)
    name = text(None, 50, metadata={"required_without": "child_id"})
    sex = choice(("M", "F"), None, metadata={"required_without": "child_id"})
    birth_date = day(None, metadata={"required_without": "child_id"})
    occupation = text(None, 50)  # 职业
    guardian_name = text(None, 50)
    phone = text(None, 20)
    address = text(None, 200)
    vaccines = nested_list(SuspectedVaccineSchema, "required", 1, 3)
    onset_at = moment("required")
    discovered_at = moment("required")
    reported_at = moment("required")
    clinic = text(None, 100)
    course = text("required", 2000)
    fever_grade = integer("qc", 1, 4)
    swelling_grade = integer("qc", 1, 4)
    induration_grade = integer("qc", 1, 4)
    diagnosis = text("qc", 500)
    hospitalized = boolean("required")
    outcome = choice(("recovered", "improved", "sequelae", "death", "unknown"), "required")
    serious = boolean("required")
    cluster = boolean()  # 群体性: the reporter suspects a cluster
    high_impact = boolean()  # 重大社会影响
    preliminary_class = choice(("general_reaction", "pending"), "required")
    detection = choice(("passive", "active"))
    reporter = text("required", 64)
    reporter_phone = text("qc", 20)

    @validates_schema
    def _person(self, data, **_kw):
        if data.get("child_id"):
            return
        missing = {f: [_("未关联受种者（child_id）时必填")] for f in ("name", "sex", "birth_date")
                   if data.get(f) is None}
        if missing:
            raise ValidationError(missing)


class AefiReviewSchema(RecordSchema):
    """`aefi_review` 县级审核."""

    aefi_id = record_id("required")
    status = choice(("received", "investigating", "returned", "closed"), "required")
    investigation_started_at = moment()
    investigation_reported_at = moment()
    final_class = choice(FINAL_CLASSES)
    who_causality = choice(CAUSALITY)
    note = text(None, 2000)
    return_reason = text(None, 1000, metadata={"required_when": {"status": ["returned"]}})

    @validates_schema
    def _return_reason(self, data, **_kw):
        if data.get("status") == "returned" and not data.get("return_reason"):
            raise ValidationError({"return_reason": [_("退回时必须说明需要修改的内容")]})


class AefiZeroReportSchema(RecordSchema):
    """`aefi_zero_report` 零报告."""

    unit_code = code("required")
    period = text("required", 16)
    attested_by = text("required", 64)
    attested_at = moment("required")

    @validates("period")
    def _period(self, value, **_kw):
        try:
            kind = parse_period(value).kind
        except ValueError:
            raise ValidationError(_("报告周期格式无效")) from None
        if kind not in ("week", "dekad", "month", "quarter"):
            raise ValidationError(_("报告周期应为周、旬、月或季度"))
