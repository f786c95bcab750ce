"""One marshmallow schema per record kind: the shape of each `data` object of records.md."""

from webapp.schemas.records.aefi import AefiReportSchema, AefiReviewSchema, AefiZeroReportSchema
from webapp.schemas.records.capture import ChildSchema, ConsentSchema, PrecheckSchema, VaccinationSchema
from webapp.schemas.records.registry import ChildMergeSchema
from webapp.schemas.records.school import SchoolCheckSchema, StudentCheckSchema
from webapp.schemas.records.stock import ObservationSchema, StockMovementSchema, TemperatureReadingSchema
from webapp.schemas.records.survey import SurveyChildSchema, SurveySchema

SCHEMAS = {
    "child": ChildSchema,
    "precheck": PrecheckSchema,
    "consent": ConsentSchema,
    "vaccination": VaccinationSchema,
    "aefi_report": AefiReportSchema,
    "aefi_review": AefiReviewSchema,
    "aefi_zero_report": AefiZeroReportSchema,
    "school_check": SchoolCheckSchema,
    "student_check": StudentCheckSchema,
    "child_merge": ChildMergeSchema,
    "survey": SurveySchema,
    "survey_child": SurveyChildSchema,
    "stock_movement": StockMovementSchema,
    "temperature_reading": TemperatureReadingSchema,
    "observation": ObservationSchema,
}
_INSTANCES: dict = {}


def schema_for(kind: str):
    """A shared instance of the schema of a kind (marshmallow schemas are reusable)."""
    if kind not in _INSTANCES:
        _INSTANCES[kind] = SCHEMAS[kind]()
    return _INSTANCES[kind]
