"""Refuse NUL characters (U+0000) at the door: PostgreSQL cannot store them in text or JSONB, so a request
carrying one would otherwise fail deep inside a write (a 500). The answer names every offending field."""

import math

from flask import abort, request
from flask.json.provider import DefaultJSONProvider
from flask_babel import gettext as _

from webapp.errors import ApiError, wants_problem

NUL = "\x00"


def refuse_nul_characters():
    """before_request: 422 problem (API) or 400 page naming the fields that hold a NUL character."""
    paths = [f"query.{k}" for k, v in request.args.items(multi=True) if NUL in k or NUL in v]
    paths += [f"path.{k}" for k, v in (request.view_args or {}).items() if isinstance(v, str) and NUL in v]
    paths += [k for k, v in request.form.items(multi=True) if NUL in k or NUL in v] if request.form else []
    if request.is_json and b"\\u0000" in request.get_data(cache=True):
        paths += nul_paths(request.get_json(silent=True))
    if not paths:
        return None
    if wants_problem():
        raise ApiError(422, _("数据无效，请检查标出的字段"), errors={p: [_("不能包含空字符（U+0000）")] for p in paths})
    abort(400)


def nul_paths(value, prefix="") -> list[str]:
    """Dotted paths of every string (or key) in a JSON value that contains a NUL character."""
    if isinstance(value, str):
        return [prefix or "_body"] if NUL in value else []
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return []
    out = []
    for key, child in items:
        path = f"{prefix}.{key}" if prefix else str(key)
        out += [path] if isinstance(key, str) and NUL in key else nul_paths(child, path)
    return out


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, except that a body nested too deeply to parse is a bad body (ValueError: `get_json` answers
    400, or None when silent) rather than a RecursionError (a 500) — on sign-in and on every endpoint alike; and
    a response never carries NaN or Infinity (not JSON): such a number is written as null."""

    def dumps(self, obj, **kwargs):
        """Serialise; a non-finite number becomes null instead of invalid JSON."""
        try:
            return super().dumps(obj, allow_nan=False, **kwargs)
        except ValueError:
            return super().dumps(_finite(obj), **kwargs)

    def loads(self, s, **kwargs):
        """Parse JSON; too deep a nesting is a ValueError like any other unreadable body."""
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None


def _finite(value):
    """The value with every NaN or infinite float replaced by None (dicts, lists and tuples walked)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value
