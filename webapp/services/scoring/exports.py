"""A scorecard as JSON (`GET /api/v1/scores`), and the tables of the Excel and CSV exports of the ranking and of one
scorecard (written by webapp/services/tabular.py); Chinese headers, plan titles and reasons unless the user reads
English."""

from flask_babel import gettext as _

from webapp.domain.rubric.model import is_english


def ranking_table(columns, rows) -> tuple[list, list]:
    """(header, lines) of the ranking."""
    header = [_("名次"), _("单位编码"), _("单位"), _("总分"), _("已评得分"), _("待评分值"), _("满分")] + \
        [c[1] for c in columns] + [_("待评项")]
    lines = [[r.rank, r.unit_code, r.unit_name, _("无数据") if r.no_data else r.total,
              "" if r.no_data else r.scored, r.pending_points, r.max_total, *r.sections, r.pending] for r in rows]
    return header, lines


def scorecard_table(template, card, lang=None) -> tuple[list, list]:
    """(header, lines) of a scorecard, one line per item; titles and reasons in `lang` (Chinese by default)."""
    header = [_("考核阶段"), _("项目"), _("序号"), _("考核内容"), _("分值"), _("得分"), _("扣分原因"), _("来源"),
              _("依据")]
    lines, sep = [], "; " if is_english(lang) else "；"
    for p in card.parts:
        part = template.part(p.code).title_for(lang)
        for s in p.sections:
            section = f"{s.number} {template.section(p.code, s.code).title_for(lang)}".strip()
            for i in s.items:
                reasons = sep.join(f"{d.points:+g} {d.reason_for(lang)}" for d in i.deductions)
                source = _("待评") if i.pending else (_("现场评分") if i.source == "manual" else _("数据计算"))
                lines.append([part, section, i.item.number, i.item.title_for(lang), i.item.max, i.score,
                              reasons, source, _basis_text(i.item, lang)])
    return header, lines


def _basis_text(item, lang) -> str:
    """"本系统设定：<setting>" for a system item, "" for the plan's own."""
    return _("本系统设定：%(setting)s", setting=item.setting_for(lang)) if item.basis == "system" else ""


def _deduction(d) -> dict:
    return {"points": d.points, "reason": d.reason, "note": d.note,
            "evidence": [{"kind": e.kind, "id": e.id} for e in d.evidence]}


def item_json(i) -> dict:
    """One item with its deductions and evidence; `pending` when no assessor has entered it, `basis` plan|system
    (with the system's `setting` for the latter)."""
    out = {"part": i.part, "section": i.section, "code": i.item.code, "number": i.item.number,
           "title": i.item.title, "max": i.item.max, "score": i.score, "source": i.source, "pending": i.pending,
           "status": "pending" if i.pending else "scored", "basis": i.item.basis,
           "deductions": [_deduction(d) for d in i.deductions]}
    if i.item.basis == "system":
        out["setting"] = i.item.setting
    return out


def scorecard_json(template, unit_code: str, period: str, card) -> dict:
    """The records.md scorecard body; a unit with no record and no entry in the period has `"total": null`,
    `"scored": null` and `"no_data": true` (无数据)."""
    return {
        "template": template.id, "template_version": template.version, "period": period, "unit": unit_code,
        "total": None if card.no_data else card.total, "max_total": card.max_total, "vetoed": card.vetoed,
        "no_data": card.no_data, "scored": None if card.no_data else card.scored,
        "pending_points": card.pending_points,
        "parts": [{"code": p.code, "title": p.title, "weight": p.weight, "max": p.max, "score": p.score,
                   "sections": [{"code": s.code, "number": s.number, "title": s.title, "max": s.max,
                                 "score": s.score} for s in p.sections]} for p in card.parts],
        "items": [item_json(i) for p in card.parts for s in p.sections for i in s.items],
    }
