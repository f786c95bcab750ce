"""Score history: a snapshot whenever a scorecard's total or an item changes, with why (late records, entries)."""

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Assessment, Record, ScoreSnapshot, Unit
from webapp.services import county
from webapp.services.scoring.rubrics import templates
from webapp.services.scoring.scorecards import compute_many


def item_scores(card) -> dict:
    """part.item → score, the fingerprint a snapshot keeps."""
    return {f"{i.part}.{i.item.code}": i.score for p in card.parts for s in p.sections for i in s.items}


def _records_of(unit_code: str) -> int:
    return db.session.execute(select(func.count()).select_from(Record).where(Record.unit_code == unit_code)
                              ).scalar_one()


def latest_snapshot(template_id, unit_code, period):
    """The newest snapshot of a scorecard, or None."""
    return db.session.execute(select(ScoreSnapshot).where(
        ScoreSnapshot.template_id == template_id, ScoreSnapshot.unit_code == unit_code,
        ScoreSnapshot.period == period).order_by(ScoreSnapshot.computed_at.desc(), ScoreSnapshot.id.desc())
        .limit(1)).scalar_one_or_none()


def _cause(last, items, seen, template_id, unit_code) -> tuple[str, str]:
    """Why the scorecard changed, (Chinese, English)."""
    if last is None:
        return "首次计算", "First computation"
    zh, en = [], []
    if seen > last.records_seen:
        zh.append(f"新到记录 {seen - last.records_seen} 条（含离线迟到的记录）")
        en.append(f"{seen - last.records_seen} new record(s), offline late ones included")
    edited = db.session.execute(select(func.count()).select_from(Assessment).where(
        Assessment.template_id == template_id, Assessment.unit_code == unit_code,
        Assessment.updated_at > last.computed_at)).scalar_one()
    if edited:
        zh.append("评估录入已更新")
        en.append("assessor entries updated")
    changed = [f"{k} {last.items.get(k)}→{v}" for k, v in items.items() if last.items.get(k) != v]
    zh.append("变化项目：" + "，".join(changed[:12]) if changed else "总分变化")
    en.append("changed items: " + ", ".join(changed[:12]) if changed else "total changed")
    return "；".join(zh), "; ".join(en)


def record_snapshot(template, unit_code: str, period: str, card) -> ScoreSnapshot | None:
    """Store a snapshot when the scorecard differs from the last one; returns it (None when unchanged)."""
    items = item_scores(card)
    last = latest_snapshot(template.id, unit_code, period)
    if last is not None and last.total == card.total and last.items == items:
        return None
    seen = _records_of(unit_code)
    cause, cause_en = _cause(last, items, seen, template.id, unit_code)
    snap = ScoreSnapshot(template_id=template.id, template_version=template.version, unit_code=unit_code,
                         period=period, total=card.total, items=items, records_seen=seen, cause=cause,
                         cause_en=cause_en)
    db.session.add(snap)
    db.session.flush()
    return snap


def history(template_id: str, unit_code: str, period: str, limit: int = 20) -> list:
    """The latest snapshots of a scorecard, newest first."""
    return list(db.session.execute(select(ScoreSnapshot).where(
        ScoreSnapshot.template_id == template_id, ScoreSnapshot.unit_code == unit_code,
        ScoreSnapshot.period == period).order_by(ScoreSnapshot.computed_at.desc(), ScoreSnapshot.id.desc())
        .limit(limit)).scalars())


def recompute_all(period: str | None = None) -> tuple[int, int]:
    """Recompute every active unit's scorecards of every template (e.g. nightly, after late syncs)."""

    period = period or str(county.today().year)
    units = list(db.session.execute(select(Unit.code).where(Unit.active.is_(True))).scalars())
    changed = 0
    for template_id, cards in compute_many(list(templates().values()), units, period).items():
        template = templates()[template_id]
        changed += sum(1 for unit, card in cards.items()
                       if not card.no_data and record_snapshot(template, unit, period, card))
    return len(units), changed
