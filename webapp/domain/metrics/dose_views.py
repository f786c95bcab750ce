"""The schedule engine's view of the registry children on one day, as columns the coverage metrics count at once.

A child's view (`ChildDoses`) says, per dose group, the day the engine counted the dose or the day the open dose
fell due, and which of its vaccinations the engine does not count. `DayViews` holds every child's view on one
day as two integer matrices (children × dose groups, day ordinals, 0 = none), so a window's counts are a few
array comparisons instead of a loop over every child and group.
"""

from dataclasses import dataclass, field
from datetime import date

import numpy as np

LABELS = {
    "HepB-1": "乙肝疫苗第1剂", "HepB-2": "乙肝疫苗第2剂", "HepB-3": "乙肝疫苗第3剂", "BCG-1": "卡介苗",
    "Polio-1": "脊灰疫苗第1剂", "Polio-2": "脊灰疫苗第2剂", "Polio-3": "脊灰疫苗第3剂", "Polio-4": "脊灰疫苗第4剂",
    "DTP-1": "百白破疫苗第1剂", "DTP-2": "百白破疫苗第2剂", "DTP-3": "百白破疫苗第3剂", "DTP-4": "百白破疫苗第4剂",
    "DT-1": "6岁白破/百白破疫苗", "MCV-1": "含麻疹成分疫苗第1剂", "MCV-2": "含麻疹成分疫苗第2剂",
    "JE-1": "乙脑疫苗第1剂", "JE-2": "乙脑疫苗第2剂", "MenA-1": "A群流脑疫苗第1剂", "MenA-2": "A群流脑疫苗第2剂",
    "MenAC-1": "A群C群流脑疫苗第1剂", "MenAC-2": "A群C群流脑疫苗第2剂", "HepA-1": "甲肝疫苗",
}
GROUP_INDEX = {group: i for i, group in enumerate(LABELS)}
CELL = np.dtype("<i4")  # a day ordinal, little-endian whatever the machine, so stored cells read back anywhere


@dataclass
class ChildDoses:
    """One child's doses as the schedule engine sees them on a day."""

    groups: dict = field(default_factory=dict)    # group → (day counted, None) or (None, day the open dose fell due)
    rejected: dict = field(default_factory=dict)  # vaccination id → why the engine does not count it
    # the view holds on every day from its own to the day before `until` (None: no end), while the child's doses
    # are the same records: the first later day the engine's answer may differ (an age it compared the day
    # with, a new version in force, a documented dose dated after the day)
    until: date | None = field(default=None, compare=False)
    rejected_en: dict = field(default_factory=dict, compare=False)  # the same reasons in English
    # vaccination ids in `rejected` that only a [GK] rule rejects: the engine counted them (lenient evaluation)
    unverified: frozenset = frozenset()


def child_cells(doses: ChildDoses) -> np.ndarray:
    """One child's row: dose groups × (counted, due) day ordinals, 0 where the engine has none."""
    cells = np.zeros((len(LABELS), 2), dtype=CELL)
    for group, (given, due) in doses.groups.items():
        cells[GROUP_INDEX[group]] = (given.toordinal() if given else 0, due.toordinal() if due else 0)
    return cells


def reason_pairs(doses: ChildDoses) -> dict:
    """vaccination id → [Chinese reason, English reason] of the doses the engine does not count; a third element
    "GK" marks a dose only a [GK] rule rejects (counted)."""
    return {v: [reason, doses.rejected_en.get(v, reason)] + (["GK"] if v in doses.unverified else [])
            for v, reason in doses.rejected.items()}


class DayViews:
    """Every registry child's `ChildDoses` on one day: `given` and `due` are children × dose groups ordinals."""

    def __init__(self, ids: list, cells: np.ndarray, rejected: dict):
        """`cells` is children × groups × (counted, due); `rejected` child id → {vaccination id: reason, or
        [Chinese reason, English reason]}."""
        self.ids, self.row = ids, {child_id: i for i, child_id in enumerate(ids)}
        cells = cells.reshape(len(ids), len(LABELS), 2)
        self.given, self.due = cells[:, :, 0], cells[:, :, 1]
        self.by_child, self.by_child_en, self.unverified_by_child = {}, {}, {}
        for child_id, reasons in rejected.items():
            if reasons:
                marked = frozenset(v for v, r in reasons.items() if not isinstance(r, str) and len(r) > 2)
                if marked:
                    self.unverified_by_child[child_id] = marked
                self.by_child[child_id] = {v: r if isinstance(r, str) else r[0] for v, r in reasons.items()}
                self.by_child_en[child_id] = {v: r if isinstance(r, str) else r[1] for v, r in reasons.items()}
        self.rejected = {vaccination: reason for reasons in self.by_child.values() for vaccination, reason
                         in reasons.items()}
        self.rejected_en = {vaccination: reason for reasons in self.by_child_en.values() for vaccination, reason
                            in reasons.items()}
        self.unverified = frozenset().union(*self.unverified_by_child.values())

    @classmethod
    def of(cls, views: dict) -> "DayViews":
        """From child id → ChildDoses (views evaluated in this computation)."""
        cells = np.stack([child_cells(v) for v in views.values()]) if views else np.zeros((0, len(LABELS), 2), CELL)
        return cls(list(views), cells, {child_id: reason_pairs(v) for child_id, v in views.items()})

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, child_id) -> bool:
        return child_id in self.row

    def __getitem__(self, child_id) -> ChildDoses:
        """One child's view back as `ChildDoses` (KeyError for a child not in the registry on that day)."""
        r, day = self.row[child_id], date.fromordinal
        groups = {group: (day(int(self.given[r, g])) if self.given[r, g] else None,
                          day(int(self.due[r, g])) if self.due[r, g] else None)
                  for group, g in GROUP_INDEX.items() if self.given[r, g] or self.due[r, g]}
        return ChildDoses(groups, dict(self.by_child.get(child_id, {})),
                          rejected_en=dict(self.by_child_en.get(child_id, {})),
                          unverified=self.unverified_by_child.get(child_id, frozenset()))

    def rows_of(self, child_ids) -> np.ndarray:
        """The matrix rows of these children, in their order."""
        return np.fromiter((self.row[c] for c in child_ids), dtype=np.intp)

    def given_on(self, child_id, group: str) -> date | None:
        """The day the engine counted the child's dose of this group, or None."""
        value = int(self.given[self.row[child_id], GROUP_INDEX[group]])
        return date.fromordinal(value) if value else None
