"""POST /api/v1/sync/push and GET /api/v1/sync/pull (records.md).

Decisions where records.md is silent:
- `clock_offset_s` = device clock − server clock (positive: the phone is fast), so the corrected time is
  `captured_at − offset` as records.md writes it; it is stored on the device token with the outbox figures.
- Item errors name fields by their path inside `data` (`vaccines.0.lot_no`), envelope fields by name
  (`captured_by`, `id`, `kind`), and `_schema` for an item that is not an object or that the server could not
  process.
- A pull change of a record also carries `state` (the server's mark: `superseded` consent, `contradicted`
  zero report, `returned` / `resubmitted` / `closed` AEFI report …). Reference data (kinds `unit`, `village`,
  `school`, `vaccine`, `consent_template`, `schedule`, `fields`) comes whole, ahead of the records, whenever it
  changed since the cursor; `limit` bounds the records of a page.
- Accepted schema versions: SYNC_MIN_SCHEMA_VERSION … SYNC_SCHEMA_VERSION (keep the previous one accepted).
"""

from flask import current_app, g, request
from flask_babel import gettext as _
from marshmallow import ValidationError

from webapp.access import api
from webapp.api.blueprint import bp
from webapp.errors import ApiError
from webapp.extensions import db, limiter
from webapp.schemas.sync import PullQuerySchema
from webapp.services.sync.pipeline import plain_errors
from webapp.services.sync.pull import pull_changes
from webapp.services.sync.push import apply_push, load_push
from webapp.throttle import rate_key

SYNC_ROLES = ("nurse", "school", "county")


def _api_limit():
    return current_app.config["API_RATE_LIMIT"]


@bp.post("/sync/push")
@limiter.limit(_api_limit, key_func=rate_key)
@api(*SYNC_ROLES)
def push():
    """Apply a device's records; one verdict per item, in order.
    ---
    post:
      summary: Push records (one verdict per item)
      security: [{bearer: []}]
      requestBody: {required: true, content: {application/json: {schema: PushRequestSchema}}}
      responses:
        200: {description: per-item results, content: {application/json: {schema: PushResponseSchema}}}
        400: {$ref: "#/components/responses/Problem"}
        401: {$ref: "#/components/responses/Problem"}
        403: {$ref: "#/components/responses/Problem"}
        413: {$ref: "#/components/responses/Problem"}
        422: {$ref: "#/components/responses/Problem"}
        426: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
    """
    body = load_push(request.get_json(silent=True))
    response = apply_push(g.user, body, getattr(request, "device_token", None))
    db.session.commit()
    response["server_time"] = response["server_time"].isoformat()
    return response


@bp.get("/sync/pull")
@limiter.limit(_api_limit, key_func=rate_key)
@api("nurse", "school", "county", "admin")
def pull():
    """Changes since a cursor: reference data, the records of the user's scope, tombstones.
    ---
    get:
      summary: Pull changes since a cursor
      security: [{bearer: []}]
      parameters: [{in: query, schema: PullQuerySchema}]
      responses:
        200: {description: one page of changes, content: {application/json: {schema: PullResponseSchema}}}
        401: {$ref: "#/components/responses/Problem"}
        422: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
    """
    try:
        query = PullQuerySchema().load(request.args.to_dict())
    except ValidationError as err:
        raise ApiError(422, _("数据无效，请检查标出的字段"), errors=plain_errors(err.messages)) from None
    omit = (query["omit"],) if query["omit"] else ()
    return pull_changes(g.user, query["cursor"], query["limit"], omit)
