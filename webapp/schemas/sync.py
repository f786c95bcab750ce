"""Schemas of the sync API: the push envelope and items, the pull query, and the response shapes (OpenAPI)."""

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validate

from webapp.models.records import RECORD_KINDS
from webapp.schemas.records.common import BASE, UUID_RE, integer, moment

DEVICE = validate.Length(1, 64, error=_l("长度应为 {min} 到 {max} 个字符"))


class PushRequestSchema(Schema):
    """POST /api/v1/sync/push body (items are checked one by one, so one bad item never fails the push)."""

    error_messages = {"unknown": _l("未知字段"), "type": _l("应为对象")}
    device_id = fields.String(required=True, validate=DEVICE, error_messages=BASE)
    app_version = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=32),
                                error_messages=BASE)
    schema_version = integer("required", 1, 1000)
    device_time = moment(None)
    outbox_depth = integer(None, 0, 10_000_000)
    oldest_unsynced_at = moment(None)
    items = fields.List(fields.Raw(), required=True, error_messages={**BASE, "invalid": _l("应为列表")},
                        metadata={"description": "push items (PushItemSchema), at most 500"})


class PushItemSchema(Schema):
    """The envelope of one push item; `data` is checked by the schema of its kind."""

    error_messages = {"unknown": _l("未知字段"), "type": _l("应为对象")}
    kind = fields.String(required=True, validate=validate.OneOf(RECORD_KINDS, error=_l("未知记录类型")),
                         error_messages=BASE)
    id = fields.String(required=True, validate=validate.Regexp(UUID_RE, error=_l("应为 UUID")), error_messages=BASE)
    base_rev = integer(None, 1, 1_000_000)
    captured_at = moment("required")
    captured_by = fields.String(required=True, validate=DEVICE, error_messages=BASE)
    data = fields.Dict(required=True, error_messages={**BASE, "invalid": _l("应为对象")})


_ENVELOPE_KEYS = frozenset(PushItemSchema._declared_fields)
_REQUIRED_KEYS = frozenset({"kind", "id", "captured_at", "captured_by", "data"})


def plainly_valid_item(raw, schema: PushItemSchema) -> dict | None:
    """What `schema.load(raw)` returns for an envelope that is plainly valid, without marshmallow's per-field
    machinery (a third of a push's validation); None when anything is unusual, and then the schema decides."""
    if not isinstance(raw, dict) or not raw.keys() >= _REQUIRED_KEYS or raw.keys() - _ENVELOPE_KEYS:
        return None
    kind, item_id, by, data = raw["kind"], raw["id"], raw["captured_by"], raw["data"]
    if kind not in RECORD_KINDS or not isinstance(item_id, str) or not UUID_RE.match(item_id):
        return None
    if not isinstance(by, str) or not 1 <= len(by) <= 64 or not isinstance(data, dict):
        return None
    rev = raw.get("base_rev")
    if rev is not None and (type(rev) is not int or not 1 <= rev <= 1_000_000):
        return None
    try:
        moment_ = schema.fields["captured_at"].deserialize(raw["captured_at"])
    except ValidationError:
        return None
    out = {"kind": kind, "id": item_id, "captured_at": moment_, "captured_by": by, "data": dict(data)}
    return {**out, "base_rev": rev} if "base_rev" in raw else out


class CurrentSchema(Schema):
    """The server's version of a record, sent with a conflict."""

    kind = fields.String()
    id = fields.String()
    rev = fields.Integer()
    data = fields.Dict()


class PushResultSchema(Schema):
    """One per-item verdict."""

    id = fields.String(allow_none=True)
    status = fields.String(metadata={"enum": ["created", "duplicate", "updated", "conflict", "rejected",
                                              "deferred"]})
    rev = fields.Integer()
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    current = fields.Nested(CurrentSchema)


class PushResponseSchema(Schema):
    """POST /api/v1/sync/push response."""

    server_time = fields.AwareDateTime()
    clock_offset_s = fields.Float(allow_none=True, metadata={"description": "device clock − server clock, s"})
    results = fields.List(fields.Nested(PushResultSchema))


class PullQuerySchema(Schema):
    """GET /api/v1/sync/pull query string."""

    error_messages = {"unknown": _l("未知参数")}
    cursor = fields.String(load_default=None, validate=validate.Length(max=200))
    limit = fields.Integer(load_default=500, validate=validate.Range(1, 1000, error=_l("应在 {min} 到 {max} 之间")),
                           error_messages={**BASE, "invalid": _l("应为整数")})
    omit = fields.String(load_default=None, validate=validate.OneOf(["signature"], error=_l("只能为 signature")),
                         metadata={"description": "signature: consents come without the guardian's signature image "
                                                  "(the phone never shows a stored one again); the change says so "
                                                  "in `omitted`"})


class ChangeSchema(Schema):
    """One change in a pull: a record, a piece of reference data, or a tombstone (`deleted`)."""

    kind = fields.String()
    id = fields.String()
    rev = fields.Integer()
    deleted = fields.Boolean()
    data = fields.Dict(allow_none=True)
    state = fields.String(allow_none=True, metadata={"description": "server-side mark, e.g. superseded"})
    omitted = fields.List(fields.String(), metadata={"description": "fields left out of `data` at the client's "
                                                                    "request (`omit`)"})


class PullResponseSchema(Schema):
    """GET /api/v1/sync/pull response."""

    cursor = fields.String()
    has_more = fields.Boolean()
    changes = fields.List(fields.Nested(ChangeSchema))
    remaining = fields.Integer(metadata={"description": "about how many record changes are still to come after this "
                                                        "page (0 on the last page): the phone's progress"})
