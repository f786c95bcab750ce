"""The push envelope's fast path gives exactly what the marshmallow schema gives, or steps aside for it."""

import pytest
from marshmallow import ValidationError

from tests.factories import child_data, push_item
from webapp.schemas.sync import PushItemSchema, plainly_valid_item

SCHEMA = PushItemSchema()
GOOD = push_item("child", child_data(), id="0b6f3f9e-8a1c-4d5e-9f10-1234567890ab")

UNUSUAL = {
    "an extra key": {**GOOD, "note": "x"},
    "no captured_at": {k: v for k, v in GOOD.items() if k != "captured_at"},
    "an unknown kind": {**GOOD, "kind": "horse"},
    "a kind that is a list": {**GOOD, "kind": ["child"]},
    "an id that is no UUID": {**GOOD, "id": "not-a-uuid"},
    "an id that is a number": {**GOOD, "id": 7},
    "base_rev true": {**GOOD, "base_rev": True},
    "base_rev 0": {**GOOD, "base_rev": 0},
    "base_rev too large": {**GOOD, "base_rev": 1_000_001},
    "base_rev a string": {**GOOD, "base_rev": "2"},
    "a naive captured_at": {**GOOD, "captured_at": "2026-12-07T10:00:00"},
    "captured_at null": {**GOOD, "captured_at": None},
    "captured_at a number": {**GOOD, "captured_at": 5},
    "captured_by empty": {**GOOD, "captured_by": ""},
    "captured_by too long": {**GOOD, "captured_by": "n" * 65},
    "data a list": {**GOOD, "data": []},
    "data null": {**GOOD, "data": None},
    "not an object": ["child"],
}


def _schema_load(raw):
    try:
        return SCHEMA.load(raw)
    except ValidationError:
        return "invalid"


@pytest.mark.parametrize("raw", [GOOD, {**GOOD, "base_rev": None}, {**GOOD, "base_rev": 3},
                                 {**GOOD, "base_rev": 1_000_000}, {**GOOD, "captured_by": "n" * 64},
                                 {**GOOD, "captured_at": "2026-12-07T10:00:00Z"}],
                         ids=["plain", "base_rev null", "base_rev 3", "base_rev max", "captured_by 64", "Z offset"])
def test_a_plainly_valid_envelope_loads_as_the_schema_loads_it(app, raw):
    with app.test_request_context():
        fast = plainly_valid_item(raw, SCHEMA)
        assert fast is not None
        assert fast == SCHEMA.load(raw)


@pytest.mark.parametrize("raw", list(UNUSUAL.values()), ids=list(UNUSUAL))
def test_an_unusual_envelope_is_left_to_the_schema_or_loads_the_same(app, raw):
    with app.test_request_context():
        fast = plainly_valid_item(raw, SCHEMA)
        assert fast is None or fast == _schema_load(raw)
        if _schema_load(raw) == "invalid":
            assert fast is None
