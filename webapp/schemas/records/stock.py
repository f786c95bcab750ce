"""`data` schemas of what a unit records besides the encounter: stock movements, cold-chain readings, 留观
(records.md)."""

from flask_babel import lazy_gettext as _l
from marshmallow import fields, validate

from webapp.schemas.records.common import (
    BASE,
    RecordSchema,
    choice,
    code,
    day,
    integer,
    moment,
    number,
    record_id,
    text,
    vaccine,
)

MOVEMENT_KINDS = ("receive", "issue", "return", "waste", "count")
OUTCOMES = ("no_reaction", "reaction", "left_early")


class StockMovementSchema(RecordSchema):
    """`stock_movement` 疫苗出入库: a receipt, issue, return, waste or monthly count of one lot."""

    unit_code = code("required")
    vaccine = vaccine()
    lot_no = text("required", 40)
    manufacturer = text("required", 100)
    expiry_date = day("required")
    kind = choice(MOVEMENT_KINDS, "required")
    doses = integer("required", 1, 1_000_000)
    on_date = day("required")
    trace_code = text(None, 200)
    by = text("required", 64)
    note = text(None, 500, metadata={"qc_when": {"kind": ["waste"]}})


class TemperatureReadingSchema(RecordSchema):
    """`temperature_reading` 冷链温度记录 of one appliance of the `equipment` register."""

    unit_code = code("required")
    equipment_code = code("required")
    read_at = moment("required")
    celsius = number("required", -40.0, 30.0)
    action = text(None, 500, metadata={"qc_when_outside_range": True})


class ObservationSchema(RecordSchema):
    """`observation` 留观: the 30 minutes after the doses of an encounter, and how they ended."""

    unit_code = code("required")
    child_id = record_id("required")
    vaccination_ids = fields.List(record_id("required"), required=True, metadata={"level": "required"},
                                  validate=validate.Length(1, 10, error=_l("应有 {min} 到 {max} 项")),
                                  error_messages={**BASE, "invalid": _l("应为列表")})
    started_at = moment("required")
    ended_at = moment("qc")
    outcome = choice(OUTCOMES, "required")
    aefi_id = record_id()
