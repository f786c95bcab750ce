"""A child's schedule view (`ChildDoses`) as stored cells, so it can be kept between computations.

The dose groups are 22 × (counted, due) little-endian int32 day ordinals (0 = none) in `dose_views.LABELS`
order; the rarely present rejected doses are JSON text (`{vaccination id: [Chinese reason, English reason]}`; a
plain reason in rows stored before the English one) or None.
"""

import json

import numpy as np

from webapp.domain.metrics.dose_views import CELL, LABELS, ChildDoses, DayViews, child_cells, reason_pairs

CELL_BYTES = len(LABELS) * 2 * CELL.itemsize


def encode(doses: ChildDoses) -> tuple[bytes, str | None]:
    """The view as (cells, rejected JSON or None)."""
    rejected = json.dumps(reason_pairs(doses), ensure_ascii=False, separators=(",", ":")) if doses.rejected else None
    return child_cells(doses).tobytes(), rejected


def decode(cells: bytes, rejected: str | None) -> ChildDoses:
    """One view back from `encode`."""
    return day_views(["child"], [cells], {"child": rejected})["child"]


def day_views(ids: list, cells: list, rejected: dict) -> DayViews:
    """The children's stored views as one `DayViews` (`rejected`: child id → JSON text, for those that have any)."""
    matrix = np.frombuffer(b"".join(cells), dtype=CELL).reshape(len(ids), len(LABELS), 2)
    return DayViews(ids, matrix, {child_id: json.loads(text) for child_id, text in rejected.items() if text})
