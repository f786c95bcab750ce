"""Field builders for record schemas: Chinese messages, strict types, and the `*` / `qc` level of each field.

A field's level lives in its metadata (`level`: `required` for `*`, `qc` for QC-required), so the list of
hard- and QC-required fields is read from the schemas themselves (webapp/schemas/records/fields.py).
"""

import base64
import binascii
import numbers
import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validate

from webapp.services.reference_data import vaccine_codes

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
SIGNATURE_MAX = 64 * 1024
PNG_PREFIX = "data:image/png;base64,"
BASE = {"required": _l("必填字段"), "null": _l("不能为空"), "invalid": _l("类型无效")}


class RecordSchema(Schema):
    """Base of every `data` schema: unknown fields are errors, messages are Chinese."""

    error_messages = {"unknown": _l("未知字段"), "type": _l("应为对象")}


def _opts(level, metadata=None, **kw):
    meta = dict(metadata or {})
    if level:
        meta["level"] = level
    return dict(required=level == "required", allow_none=level != "required", metadata=meta, **kw)


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError(_l("不能只填空格"))


def text(level=None, max_len=200, **kw):
    """A string of 1 to max_len characters that is not only spaces."""
    return fields.String(validate=[validate.Length(1, max_len, error=_l("长度应为 {min} 到 {max} 个字符")), _not_blank],
                         error_messages={**BASE, "invalid_utf8": _l("不是有效的文本")}, **_opts(level, **kw))


def code(level=None, max_len=32, **kw):
    """A stable code (unit, school, village): letters, digits, `-` and `_`."""
    return fields.String(validate=validate.Regexp(rf"^[A-Za-z0-9_.-]{{1,{max_len}}}$", error=_l("代码格式无效")),
                         error_messages=BASE, **_opts(level, **kw))


def record_id(level=None, **kw):
    """A reference to another record: a UUID."""
    return fields.String(validate=validate.Regexp(UUID_RE, error=_l("应为 UUID")), error_messages=BASE,
                         **_opts(level, **kw))


def choice(choices, level=None, metadata=None, **kw):
    """One of a fixed list of codes."""
    return fields.String(validate=validate.OneOf(choices, error=_l("应为以下之一：{choices}")),
                         error_messages=BASE, **_opts(level, metadata={**(metadata or {}), "enum": list(choices)},
                                                      **kw))


def vaccine(level="required", **kw):
    """A vaccine code from the catalogue."""
    return fields.String(validate=_known_vaccine, error_messages=BASE, **_opts(level, **kw))


def _known_vaccine(value):
    if value not in vaccine_codes():
        raise ValidationError(_("未知疫苗代码：%(code)s", code=value))


def _four_digit_year(value) -> None:
    if not 1000 <= value.year <= 9999:
        raise ValidationError(_l("年份应在 1000–9999 之间"))


def day(level=None, **kw):
    """A date YYYY-MM-DD in a four-digit year."""
    return fields.Date(validate=_four_digit_year, error_messages={**BASE, "invalid": _l("日期无效，应为 YYYY-MM-DD")},
                       **_opts(level, **kw))


def moment(level=None, **kw):
    """An ISO 8601 datetime with its offset."""
    msgs = {**BASE, "invalid": _l("时间无效，应为带时区的 ISO 8601 格式"),
            "invalid_awareness": _l("时间必须带时区偏移，如 +08:00")}
    return fields.AwareDateTime(validate=_four_digit_year, error_messages=msgs, **_opts(level, **kw))


class StrictInteger(fields.Integer):
    """An integer that refuses strings and booleans."""

    def _validated(self, value):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise self.make_error("invalid")
        return super()._validated(value)


class StrictFloat(fields.Float):
    """A number that refuses strings and booleans."""

    def _validated(self, value):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise self.make_error("invalid")
        return super()._validated(value)


class StrictBoolean(fields.Boolean):
    """true or false, nothing else."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


def integer(level=None, low=None, high=None, **kw):
    """A whole number in [low, high]."""
    return StrictInteger(validate=validate.Range(low, high, error=_l("应在 {min} 到 {max} 之间")),
                         error_messages={**BASE, "invalid": _l("应为整数"), "too_large": _l("数值过大")},
                         **_opts(level, **kw))


def number(level=None, low=None, high=None, **kw):
    """A number in [low, high]."""
    return StrictFloat(validate=validate.Range(low, high, error=_l("应在 {min} 到 {max} 之间")),
                       error_messages={**BASE, "invalid": _l("应为数字"), "special": _l("应为数字")},
                       **_opts(level, **kw))


def boolean(level=None, **kw):
    """true or false."""
    return StrictBoolean(error_messages={**BASE, "invalid": _l("应为 true 或 false")}, **_opts(level, **kw))


def nested_list(schema, level=None, low=None, high=None, **kw):
    """A list of objects of one schema, with a length range."""
    return fields.List(fields.Nested(schema, error_messages={**BASE, "type": _l("应为对象")}),
                       validate=validate.Length(low, high, error=_l("应有 {min} 到 {max} 项")),
                       error_messages={**BASE, "invalid": _l("应为列表")}, **_opts(level, **kw))


def nested(schema, level=None, **kw):
    """One object of one schema."""
    return fields.Nested(schema, error_messages={**BASE, "type": _l("应为对象")}, **_opts(level, **kw))


def signature(level=None, **kw):
    """A PNG data URL of at most 64 KB."""
    return fields.String(validate=_png_data_url, error_messages=BASE, **_opts(level, **kw))


def _png_data_url(value):
    if len(value) > SIGNATURE_MAX:
        raise ValidationError(_("签名图片过大（最大 64 KB）"))
    if not value.startswith(PNG_PREFIX):
        raise ValidationError(_("签名应为 PNG 图片（data:image/png;base64,…）"))
    try:
        raw = base64.b64decode(value[len(PNG_PREFIX):], validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError(_("签名图片编码无效")) from None
    if not raw.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValidationError(_("签名应为 PNG 图片（data:image/png;base64,…）"))
