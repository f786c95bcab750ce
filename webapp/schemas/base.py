"""Helpers shared by every schema: load a body or raise a 422 problem naming each field."""

from flask import request
from flask_babel import gettext as _
from marshmallow import ValidationError

from webapp.errors import ApiError


def flatten_errors(messages, prefix="") -> dict[str, list[str]]:
    """Turn marshmallow's nested messages into {"a.0.b": [...]} field paths."""
    out: dict[str, list[str]] = {}
    if isinstance(messages, list):
        if all(isinstance(m, str) for m in messages):
            out[prefix or "_schema"] = [str(m) for m in messages]
            return out
        messages = dict(enumerate(messages))
    for key, value in messages.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, (dict, list)) and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            out.update(flatten_errors(value, path))
        else:
            out[path] = [str(v) for v in (value if isinstance(value, list) else [value])]
    return out


def load_json_body(schema):
    """Parse the request body with a schema; bad JSON is 400, invalid fields are 422 naming each field."""
    payload = request.get_json(silent=True)
    if payload is None:
        raise ApiError(400, _("请求体不是有效的 JSON"))
    try:
        return schema.load(payload)
    except ValidationError as err:
        raise ApiError(422, _("数据无效，请检查标出的字段"), errors=flatten_errors(err.messages)) from None
