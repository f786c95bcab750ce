"""Score a template: items from measures or assessor entries, clamped by item and section floors, parts weighted.

Item score = clamp(max + Σ deductions, item floor, max); a bonus item = min(Σ bonus, max).
Section score = clamp(max − Σ (item max − item score) over non-bonus items, section floor, max) + Σ bonus,
so a deduction-only section (以扣分为准) starts from its max and may go below 0 when its floor allows (可扣负分).
Part score = Σ section scores; total = Σ weight × part score; a veto item marked by the assessor zeroes it.
A manual item without an entry counts as its max and is flagged pending (待评): the plans deduct from full marks.
So does a computed item whose rule says `pending_when_empty` when its measure examined nothing (no data to judge).
`pending_points` = Σ weight × max over the pending items (bonus items excepted: they count 0 until entered), a
section none of whose items is judged counting its whole max (范本1 三 without a survey, whose lines deduct from the
section's 40 and carry max 0), so
`scored` (已评) = total − pending_points is what the assessed items earned; `no_data` is set by the caller when the
unit has no record and no entry for the period (the total is then not shown: 无数据).
So does a computed item whose measure is pending (范本1 三 without a village survey), even with an assessor's entry.
"""

from dataclasses import dataclass, field

from webapp.domain.rubric.model import Deduction, ItemScore, Measure
from webapp.domain.rubric.rules import RULES

# the reasons of an assessor's entry without a note; a note is the assessor's own words and is never translated
ON_SITE_CHECK_EN = "On-site check"
ON_SITE_SCORE_EN = "On-site score"


@dataclass
class ManualEntry:
    """An assessor's entry: a score for a manual item, or an adjustment (≤ 0) on a computed one, with a note."""

    score: float | None = None
    adjustment: float = 0.0
    note: str = ""
    veto: bool = False
    photo: str | None = None


@dataclass
class SectionScore:
    """A section's score and its items."""

    code: str
    title: str
    number: str
    max: float
    score: float
    items: list = field(default_factory=list)


@dataclass
class PartScore:
    """A part's (weighted) score."""

    code: str
    title: str
    weight: float
    period: str
    max: float
    score: float
    sections: list = field(default_factory=list)


@dataclass
class Scorecard:
    """A whole scorecard: parts, the weighted total, the max reachable, and whether a veto applied."""

    template_id: str
    template_version: str
    parts: list
    total: float
    max_total: float
    vetoed: bool = False
    pending_points: float = 0.0
    no_data: bool = False

    @property
    def scored(self) -> float:
        """The points earned on the assessed items (已评): the total less the pending items' points."""
        return round(self.total - self.pending_points, 2)


def _clamp(value, low, high):
    if low is not None:
        value = max(low, value)
    return min(high, value) if high is not None else value


def manual_bounds(section, item) -> tuple:
    """The lowest and highest score an assessor may enter for an item."""
    if item.bonus:
        return 0.0, item.max
    if item.floor is not None:
        return item.floor, item.max
    low = -section.max if section.floor is None else section.floor - section.max
    return low, item.max


def score_item(part_code, section, item, measure: Measure | None, entry: ManualEntry | None) -> ItemScore:
    """One item's score with its deductions (computed, or the assessor's)."""
    if item.rule.type == "manual" or (item.bonus and item.metric is None) or _nothing_to_judge(item, measure):
        return _manual(part_code, section, item, entry)
    if measure is not None and measure.pending:
        return ItemScore(part_code, section.code, item, 0.0 if item.bonus else item.max, "computed", [],
                         pending=True, measure=measure)
    deductions = RULES[item.rule.type](item, measure or Measure(), item.rule.params)
    if entry is not None and entry.adjustment:
        deductions.append(_entry_deduction(round(entry.adjustment, 2), entry.note, "现场核查", ON_SITE_CHECK_EN))
    raw = sum(d.points for d in deductions)
    score = min(raw, item.max) if item.bonus else _clamp(item.max + raw, item.floor, item.max)
    return ItemScore(part_code, section.code, item, round(score, 2), "computed", deductions, measure=measure)


def _nothing_to_judge(item, measure) -> bool:
    """A rule with `pending_when_empty` whose measure examined nothing: the data cannot judge it, the assessor will."""
    return bool(item.rule.params.get("pending_when_empty")) and (measure is None or measure.examined == 0)


def _entry_deduction(points, note, reason, reason_en) -> Deduction:
    """An assessor's deduction: the note as its reason in every language, else the default reason."""
    return Deduction(points, note or reason, (), note, None if note else reason_en)


def _manual(part_code, section, item, entry) -> ItemScore:
    if entry is None or entry.score is None:
        default = 0.0 if item.bonus else item.max
        return ItemScore(part_code, section.code, item, default, "manual", [], pending=True)
    low, high = manual_bounds(section, item)
    score = round(_clamp(float(entry.score), low, high), 2)
    base = 0.0 if item.bonus else item.max
    deductions = [] if score == base else [_entry_deduction(round(score - base, 2), entry.note, "现场评分",
                                                            ON_SITE_SCORE_EN)]
    return ItemScore(part_code, section.code, item, score, "manual", deductions)


def score_section(part_code, section, measures, entries) -> SectionScore:
    """A section's items and its clamped score."""
    items = [score_item(part_code, section, item, measures.get(item.metric) if item.metric else None,
                        entries.get((part_code, item.code))) for item in section.items]
    lost = sum(i.item.max - i.score for i in items if not i.item.bonus)
    extra = sum(i.score for i in items if i.item.bonus)
    score = _clamp(section.max - lost, section.floor, section.max) + extra
    return SectionScore(section.code, section.title, section.number, section.max, round(score, 2), items)


def _pending_max(section: SectionScore) -> float:
    """The points of a section not yet judged: its pending items' max, or the whole section's when none of its
    items is judged (a deduction-only section such as 范本1 三 without a survey: its lines carry max 0)."""
    lines = [i for i in section.items if not i.item.bonus]
    if lines and all(i.pending for i in lines):
        return max(section.max, sum(i.item.max for i in lines))
    return sum(i.item.max for i in lines if i.pending)


def score_template(template, measures: dict, entries: dict, part_codes=None) -> Scorecard:
    """Score the chosen parts (all by default): measures[part][metric], entries[(part, item code)]."""
    parts = []
    for part in template.parts:
        if part_codes is not None and part.code not in part_codes:
            continue
        sections = [score_section(part.code, s, measures.get(part.code, {}), entries) for s in part.sections]
        parts.append(PartScore(part.code, part.title, part.weight, part.period, part.total,
                               round(sum(s.score for s in sections), 2), sections))
    vetoed = any(e.veto for e in entries.values())
    total = 0.0 if vetoed else round(sum(p.weight * p.score for p in parts), 2)
    pending = 0.0 if vetoed else round(sum(p.weight * _pending_max(s) for p in parts for s in p.sections), 2)
    return Scorecard(template.id, template.version, parts, total, round(sum(p.weight * p.max for p in parts), 2),
                     vetoed, pending)
