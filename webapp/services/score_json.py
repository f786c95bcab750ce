"""A scorecard as the plain JSON of records.md (`GET /api/v1/scores`), plus parts and sections."""


def _deduction(d) -> dict:
    return {"points": d.points, "reason": d.reason, "note": d.note,
            "evidence": [{"kind": e.kind, "id": e.id} for e in d.evidence]}


def item_json(i) -> dict:
    """One item with its deductions and evidence."""
    return {"part": i.part, "section": i.section, "code": i.item.code, "number": i.item.number,
            "title": i.item.title, "max": i.item.max, "score": i.score, "source": i.source,
            "status": "pending" if i.pending else "scored", "deductions": [_deduction(d) for d in i.deductions]}


def scorecard_json(template, unit_code: str, period: str, card) -> dict:
    """The records.md scorecard body."""
    return {
        "template": template.id, "template_version": template.version, "period": period, "unit": unit_code,
        "total": card.total, "max_total": card.max_total, "vetoed": card.vetoed,
        "parts": [{"code": p.code, "title": p.title, "weight": p.weight, "max": p.max, "score": p.score,
                   "sections": [{"code": s.code, "number": s.number, "title": s.title, "max": s.max,
                                 "score": s.score} for s in p.sections]} for p in card.parts],
        "items": [item_json(i) for p in card.parts for s in p.sections for i in s.items],
    }
