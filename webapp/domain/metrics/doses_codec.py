"""A child's schedule view (`coverage.ChildDoses`) as compact text, so it can be kept between computations.

Days are stored as proleptic ordinals (0 = none): `[[[group, counted, due], ...], {vaccination id: reason}]`.
"""

import json
from datetime import date

from webapp.domain.metrics.coverage import ChildDoses


def encode(doses: ChildDoses) -> str:
    """The view as JSON text."""
    groups = [[g, given.toordinal() if given else 0, due.toordinal() if due else 0]
              for g, (given, due) in doses.groups.items()]
    return json.dumps([groups, doses.rejected], ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> ChildDoses:
    """The view back from `encode`."""
    groups, rejected = json.loads(text)
    day = date.fromordinal
    return ChildDoses({g: (day(a) if a else None, day(b) if b else None) for g, a, b in groups}, rejected)
