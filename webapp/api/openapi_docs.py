"""OpenAPI documentation for API views that carry no YAML in their docstring: parameters, bodies and responses as
records.md states them, so a client developer can generate a client from /api/v1/openapi.json. Keyed by endpoint
and method; `webapp/api/openapi.py` merges these in, then gives every operation an operationId and a tag."""

PROBLEM = {"$ref": "#/components/responses/Problem"}
PERIOD = {"type": "string", "pattern": r"^\d{4}(-(H[12]|Q[1-4]|\d{2}|W\d{2}|\d{2}-D[123]))?$",
          "examples": ["2026", "2026-H1", "2026-Q3", "2026-11", "2026-W47", "2026-11-D2"]}
ERRORS = {"400": PROBLEM, "401": PROBLEM, "403": PROBLEM, "422": PROBLEM}


def _json(schema: dict, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _obj(required=(), **properties) -> dict:
    return {"type": "object", "required": list(required), "properties": properties}


def _query(name: str, schema: dict, description: str, required=False) -> dict:
    return {"in": "query", "name": name, "required": required, "schema": schema, "description": description}


STRING, INTEGER, NUMBER, BOOLEAN = ({"type": t} for t in ("string", "integer", "number", "boolean"))
DATE = {"type": "string", "format": "date"}
DEDUCTION = _obj(("points", "reason", "evidence"), points=NUMBER, reason=STRING, evidence={
    "type": "array", "items": _obj(("kind", "id"), kind=STRING, id=STRING)})
SCORE_ITEM = _obj(("code", "title", "max", "score", "source", "deductions"), code=STRING, title=STRING, max=NUMBER,
                  score=NUMBER, source={"enum": ["computed", "manual"]}, pending=BOOLEAN,
                  basis={"enum": ["plan", "system"]}, deductions={"type": "array", "items": DEDUCTION})
SCORECARD = _obj(("template", "template_version", "period", "unit", "total", "items"), template=STRING,
                 template_version=STRING, period=STRING, unit=STRING, total=NUMBER, pending_points=NUMBER,
                 items={"type": "array", "items": SCORE_ITEM},
                 survey={"oneOf": [{"type": "null"}, _obj(("id", "village_code", "children"), id=STRING,
                                                          village_code=STRING, children=INTEGER)]})
CALENDAR_CELL = _obj(("period", "state", "cases"), period=STRING, cases=INTEGER, zero_report=STRING,
                     late_attestation=BOOLEAN,
                     state={"type": "string", "description": "cases / zero / silent / contradicted / open"})
CALENDAR = _obj(("cadence", "units"), cadence={"enum": ["weekly", "dekad", "monthly", "quarterly"]}, units={
    "type": "array", "items": _obj(("unit", "name", "periods"), unit=STRING, name=STRING,
                                   periods={"type": "array", "items": CALENDAR_CELL})})
ROSTER = _obj(("school_check_id", "students"), school_check_id=STRING, students={"type": "array", "items": _obj(
    ("class_name", "name", "sex", "birth_date"), class_name=STRING, name=STRING, sex=STRING, birth_date=DATE,
    guardian_phone={"type": ["string", "null"]})})
CONTRAINDICATION = _obj(("reason", "date"), reason={"type": "string", "minLength": 1, "maxLength": 200},
                        date=DATE)
CONTRAINDICATION_RESULT = _obj(("id", "rev", "catch_up_status"), id=STRING, rev=INTEGER, catch_up_status=STRING)
ANY_OBJECT = {"type": "object", "additionalProperties": True}
MONTHLY_REPORT = _obj(("unit", "month", "rows", "totals"), unit=STRING, month=STRING, rows={
    "type": "array", "items": _obj(("village_code", "group", "due", "given", "migrant_due", "migrant_given"),
                                   village_code={"type": ["string", "null"]}, group=STRING, due=INTEGER, given=INTEGER,
                                   migrant_due=INTEGER, migrant_given=INTEGER)}, totals={"type": "array", "items": _obj(
    ("group", "due", "given", "rate"), group=STRING, due=INTEGER, given=INTEGER, rate={"type": ["number", "null"]})})
DUE_LIST = _obj(("on", "children"), on=DATE, children={"type": "array", "items": _obj(
    ("child_id", "name", "doses"), child_id=STRING, name=STRING, unit_code=STRING,
    village_code={"type": ["string", "null"]}, birth_date=DATE, guardian_name={"type": ["string", "null"]},
    guardian_phone={"type": ["string", "null"]}, doses={"type": "array", "items": _obj(
        ("group", "due_since", "overdue"), group=STRING, due_since=DATE, overdue=BOOLEAN)})})
NULL_INT, NULL_DATE = {"type": ["integer", "null"]}, {"type": ["string", "null"], "format": "date"}
STOCK_LOT = _obj(("vaccine", "lot_no", "expiry_date", "received", "issued", "returned", "wasted", "given", "balance",
                  "counted"), vaccine=STRING, lot_no=STRING, manufacturer={"type": ["string", "null"]},
                 expiry_date=NULL_DATE, received=INTEGER, issued=INTEGER, returned=INTEGER, wasted=INTEGER,
                 given=INTEGER, balance=INTEGER, counted=NULL_INT, counted_on=NULL_DATE, count_difference=NULL_INT,
                 given_expired=INTEGER)
STOCK = _obj(("unit", "on", "lots", "expired_doses"), unit=STRING, on=DATE,
             lots={"type": "array", "items": STOCK_LOT}, expired_doses={"type": "array", "items": _obj(
                 ("vaccination_id", "vaccine", "lot_no", "expiry_date"), vaccination_id=STRING, vaccine=STRING,
                 lot_no=STRING, expiry_date=DATE)})

OPERATIONS = {
    ("api.stock", "get"): {
        "summary": "A unit's vaccine stock by lot on a day; doses given from an expired lot are listed, never refused",
        "parameters": [_query("unit", STRING, "vaccination unit code", required=True),
                       _query("on", DATE, "the day (default: today in the county)")],
        "responses": {"200": _json(STOCK, "balance = received + returned − issued − wasted − given"), **ERRORS}},
    ("api.get_scores", "get"): {
        "summary": "A unit's scorecard for a template and period (a nurse: her own unit)",
        "parameters": [
            _query("template", STRING, "rubric template id, e.g. county-plan-2014", required=True),
            _query("period", PERIOD, "year, half, quarter or month", required=True),
            _query("unit", STRING, "vaccination unit code; a nurse's own unit when left out")],
        "responses": {"200": _json(SCORECARD, "the scorecard"), **ERRORS}},
    ("api.zero_report_calendar_api", "get"): {
        "summary": "AEFI zero-report calendar of the caller's units (at most 5 years)",
        "parameters": [_query("from", PERIOD, "first period (default: January of this year)"),
                       _query("to", PERIOD, "last period (default: this month)")],
        "responses": {"200": _json(CALENDAR, "units × periods"), **ERRORS}},
    ("api.contraindication", "post"): {
        "summary": "Close a school referral with a contraindication",
        "requestBody": {"required": True, "content": {"application/json": {"schema": CONTRAINDICATION}}},
        "responses": {"200": _json(CONTRAINDICATION_RESULT, "the student check's new revision"), **ERRORS,
                      "404": PROBLEM}},
    ("api.roster", "get"): {
        "summary": "The students on a school-check batch's class rosters",
        "responses": {"200": _json(ROSTER), "401": PROBLEM, "403": PROBLEM, "404": PROBLEM}},
    ("api.get_due", "get"): {
        "summary": "应种通知: children with doses due on a day (overdue: due more than 30 days before)",
        "parameters": [_query("unit", STRING, "vaccination unit code; all of the caller's units when left out"),
                       _query("on", DATE, "the day (default: today in the county)")],
        "responses": {"200": _json(DUE_LIST, "the due list"), **ERRORS}},
    ("api.monthly_report", "get"): {
        "summary": "常规免疫接种情况月报: 应种/实种 per village and dose group, migrant children apart, totals",
        "parameters": [_query("unit", STRING, "vaccination unit code", required=True),
                       _query("month", {"type": "string", "pattern": r"^\d{4}-\d{2}$"}, "the month, 2026-11",
                              required=True)],
        "responses": {"200": _json(MONTHLY_REPORT, "the monthly report"), **ERRORS}},
    ("api.who_am_i", "get"): {
        "summary": "The signed-in user of this token (a phone checks its token is still good)",
        "responses": {"200": _json(_obj(("user",), user={"$ref": "#/components/schemas/TokenUser"})),
                      "401": PROBLEM}},
    ("api.create_token", "post"): {
        "summary": "Exchange username and password for a device token",
        "requestBody": {"required": True, "content": {"application/json": {"schema": "TokenRequestSchema"}}},
        "responses": {"201": {"description": "the token", "content": {"application/json": {
            "schema": "TokenResponseSchema"}}}, "400": PROBLEM, "401": PROBLEM, "422": PROBLEM,
            "429": PROBLEM}},
}
# Response bodies of views that document themselves in YAML but name no schema there.
RESPONSE_SCHEMAS = {
    ("api.reference_fields", "get"): {"type": "object", "description": "{kind: {field: rule}}",
                                       "additionalProperties": {"type": "object", "additionalProperties": _obj(
                                           ("type",), type=STRING, level={"enum": ["required", "qc"]},
                                           enum={"type": "array"}, fields=ANY_OBJECT)}},
    ("api.reference_vaccines", "get"): _obj(("vaccines",), version=STRING, vaccines={"type": "array", "items": _obj(
        ("code", "zh", "en", "category"), code=STRING, zh=STRING, en=STRING, category={"enum": ["nip", "non_nip"]},
        series={"type": ["string", "null"]}, route=STRING, legacy=BOOLEAN)}),
    ("api.reference_consent_templates", "get"): _obj(("templates",), templates={"type": "array", "items": _obj(
        ("id", "versions"), id=STRING, vaccines={"type": "array", "items": STRING}, versions={
            "type": "array", "items": _obj(("version", "text", "sha256"), version=STRING, text=STRING,
                                           sha256=STRING)})}),
    ("api.openapi_json", "get"): {"type": "object", "description": "this OpenAPI 3.1 document"},
}
