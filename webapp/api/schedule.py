"""POST /api/v1/schedule/evaluate: the schedule engine over HTTP, for clients without the JS engine."""

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from webapp.access import api
from webapp.api.blueprint import bp
from webapp.domain.schedule import ScheduleInputError, evaluate
from webapp.errors import ApiError
from webapp.schemas.base import load_json_body
from webapp.schemas.schedule import EvaluateRequestSchema

INPUT_ERRORS = {
    "before_birth": _l("日期不能早于出生日期"),
    "unknown_vaccine": _l("未知疫苗代码"),
    "unknown_schedule": _l("未知的免疫程序版本"),
    "invalid_date": _l("日期格式应为 YYYY-MM-DD"),
}


@bp.post("/schedule/evaluate")
@api("nurse", "school", "county", "admin")
def evaluate_schedule():
    """Which doses count, which are missing on `on_date`, with reasons and notes in the user's language.
    ---
    post:
      summary: Evaluate a child's doses against the national schedule
      security: [{bearer: []}]
      description: "roles: nurse, school, county, admin"
      requestBody: {required: true, content: {application/json: {schema: EvaluateRequestSchema}}}
      responses:
        200: {description: the evaluation, content: {application/json: {schema: EvaluateResponseSchema}}}
        400: {$ref: "#/components/responses/Problem"}
        401: {$ref: "#/components/responses/Problem"}
        403: {$ref: "#/components/responses/Problem"}
        422: {$ref: "#/components/responses/Problem"}
    """
    body = load_json_body(EvaluateRequestSchema())
    lang = "en" if str(get_locale() or "zh_CN").startswith("en") else "zh-CN"
    try:
        return evaluate(body["birth_date"], body["on_date"], body["doses"], body["schedule"], lang=lang)
    except ScheduleInputError as err:
        message = INPUT_ERRORS.get(err.code, _l("数据无效"))
        raise ApiError(422, _l("数据无效，请检查标出的字段"), errors={err.field: [str(message)]}) from None
