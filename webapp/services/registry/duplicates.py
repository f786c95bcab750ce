"""The potential-duplicate list of a unit (or of every unit of a county): pairs of live registry children that
the rules of webapp/domain/duplicates.py find alike (the names' sound read with pypinyin), and merging one pair
through a `child_merge` record, as a phone would push it."""

import uuid

from pypinyin import lazy_pinyin
from sqlalchemy import select

from webapp.dbtypes import utcnow
from webapp.domain.duplicates import Person, likely_pairs
from webapp.extensions import db
from webapp.models import Record
from webapp.services.registry.merge import apply_merge
from webapp.services.sync.pipeline import apply_item

SHOWN = ("name", "sex", "birth_date", "guardian_name", "guardian_phone", "certificate_no", "village_code")


def person(record_id: str, data: dict) -> Person:
    """The comparison view of one child's data."""
    name = (data.get("name") or "").strip()
    return Person(id=record_id, name=name, syllables=tuple(lazy_pinyin(name)), birth_date=data.get("birth_date"),
                  guardian_phone=data.get("guardian_phone"), certificate_no=data.get("certificate_no"))


def potential_duplicates(units: list[str]) -> list[dict]:
    """[{"a": child, "b": child, "reasons": [...]}] for the units' live children, most alike first."""
    rows = db.session.execute(select(Record.id, Record.unit_code, Record.data).where(
        Record.kind == "child", Record.deleted.is_(False), Record.unit_code.in_(units))).all()
    children = {r.id: {"id": r.id, "unit_code": r.unit_code, **{k: r.data.get(k) for k in SHOWN}} for r in rows}
    pairs = likely_pairs([person(r.id, r.data) for r in rows])
    return [{"a": children[a.id], "b": children[b.id], "reasons": found} for a, b, found in pairs]


def merge_children(user, keep_id: str, merge_id: str, reason: str = "") -> dict:
    """Store a `child_merge` through the pipeline (same rules as a push) and apply it; returns the push result."""
    keep = db.session.get(Record, keep_id)
    data = {"unit_code": keep.unit_code if keep else "", "keep_id": keep_id, "merge_id": merge_id}
    if reason:
        data["reason"] = reason[:200]
    item = {"kind": "child_merge", "id": str(uuid.uuid4()), "base_rev": None, "captured_at": utcnow().isoformat(),
            "captured_by": user.username, "data": data}
    result = apply_item(user, item)
    if result["status"] == "created":
        apply_merge(user, db.session.get(Record, item["id"]))
    return result
