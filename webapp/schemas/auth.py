"""Schemas for device sign-in."""

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate

REQUIRED = {"required": _l("必填字段"), "null": _l("不能为空"), "invalid": _l("类型无效")}


class TokenRequestSchema(Schema):
    """POST /api/v1/auth/token body."""

    username = fields.String(required=True, validate=validate.Length(min=1, max=64), error_messages=REQUIRED)
    password = fields.String(required=True, validate=validate.Length(min=1, max=200), error_messages=REQUIRED)
    device_id = fields.String(required=True, validate=validate.Length(min=1, max=64), error_messages=REQUIRED)
    device_name = fields.String(load_default="", validate=validate.Length(max=100))


class TokenUserSchema(Schema):
    """The user part of a token response."""

    username = fields.String()
    display_name = fields.String()  # the person's name, for the phone's header (the username when none is set)
    role = fields.String()
    scope = fields.String(attribute="scope_code")


class TokenResponseSchema(Schema):
    """POST /api/v1/auth/token response."""

    token = fields.String()
    expires_at = fields.DateTime()
    user = fields.Nested(TokenUserSchema)
