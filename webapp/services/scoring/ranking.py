"""The county ranking: every unit's total and section scores for a template and period, best first."""

from dataclasses import dataclass

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Unit
from webapp.services.scoring.history import record_snapshot
from webapp.services.scoring.scorecards import compute_scorecards


@dataclass
class RankingRow:
    """One unit's line of the ranking."""

    rank: int
    unit_code: str
    unit_name: str
    total: float
    max_total: float
    sections: list
    pending: int
    vetoed: bool
    scored: float = 0.0          # 已评: points earned on the assessed items
    pending_points: float = 0.0  # 待评: the pending items' points
    no_data: bool = False        # no record and no entry in the period: 无数据, ranked last

    @property
    def chart_value(self) -> float | None:
        """The bar of the chart: the points earned on assessed items, none without data."""
        return None if self.no_data else self.scored


def section_columns(template, card, lang=None) -> list[tuple[str, str]]:
    """(key, heading) per section of a scorecard, e.g. ("h1.coverage_survey", "上半年督导 三"); the titles in
    `lang` (English when the template gives them), Chinese by default."""
    multi = len(card.parts) > 1
    columns = []
    for p in card.parts:
        part = template.part(p.code)
        for s in p.sections:
            heading = (f"{part.title_for(lang)} {s.number}" if multi
                       else f"{s.number} {template.section(p.code, s.code).title_for(lang)}")
            columns.append((f"{p.code}.{s.code}", heading.strip()))
    return columns


def _unit_names(units) -> dict:
    return dict(db.session.execute(select(Unit.code, Unit.name).where(Unit.code.in_(list(units)))).all())


def county_ranking(template, units, period: str, snapshot: bool = True, lang=None) -> tuple[list, list]:
    """(columns, rows) for the units given (the caller's scope), sorted by total, then unit code; column headings
    in `lang` (Chinese by default)."""
    cards = compute_scorecards(template, list(units), period)
    names = _unit_names(units)
    rows = []
    for unit, card in cards.items():
        if snapshot and not card.no_data:
            record_snapshot(template, unit, period, card)
        pending = sum(1 for p in card.parts for s in p.sections for i in s.items if i.pending)
        sections = [s.score for p in card.parts for s in p.sections]
        rows.append(RankingRow(0, unit, names.get(unit, unit), card.total, card.max_total, sections, pending,
                               card.vetoed, card.scored, card.pending_points, card.no_data))
    rows.sort(key=lambda r: (r.no_data, -r.total, r.unit_code))
    for i, row in enumerate(rows, start=1):
        row.rank = i
    columns = section_columns(template, next(iter(cards.values())), lang) if cards else []
    return columns, rows
