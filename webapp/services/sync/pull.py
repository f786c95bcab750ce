"""Pull: everything a user's devices need that changed since a cursor (records.md, "Pull").

The cursor is opaque to the client: it holds the highest change number delivered (see
webapp/services/sync/changes.py for why that is safe under concurrent writers) and the digest of the reference
data delivered. Reference data is sent whole, ahead of the records, whenever its digest changed; `limit`
bounds the records of one page.
"""

import base64
import binascii

from flask_babel import gettext as _
from sqlalchemy import and_, false, func, not_, or_, select

from webapp.errors import ApiError
from webapp.extensions import db
from webapp.models import Record
from webapp.models.sync import ScopeExit
from webapp.services.scope import county_code_for, schools_of_county, units_of_county
from webapp.services.sync.reference import reference_changes, reference_tombstones, remember_snapshot

CURSOR_VERSION = "1"
# kinds a unit's devices do not receive: school checks come by referral only (a student referred to the unit, with
# the batch it was checked in, which names the school and the term); the county's surveys of the unit stay with the
# county's devices
NOT_FOR_NURSES = ("school_check", "student_check", "survey", "survey_child")


def encode_cursor(seq: int, digest: str) -> str:
    """The opaque cursor for a change number and a reference digest."""
    return base64.urlsafe_b64encode(f"{CURSOR_VERSION}:{seq}:{digest}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[int, str | None]:
    """(change number, reference digest) of a cursor; no cursor means a full pull; a bad one is a 422."""
    if not cursor:
        return 0, None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, seq, digest = text.split(":")
        if version != CURSOR_VERSION or not 0 <= int(seq) < 2**63:  # a change number is a 64-bit integer
            raise ValueError(text)
        return int(seq), digest
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError(422, _("数据无效，请检查标出的字段"),
                       errors={"cursor": [_("同步游标无效，请重新全量同步")]}) from None


def scope_filter(user):
    """model → the filter of what a user's devices receive (`model`: Record, or ScopeExit for the scope a record
    left); a county's unit and school codes are read once, here."""
    if user.role == "nurse":
        unit = user.scope_code
        batches = _referred_batches(unit)  # a few ids, read once: a subquery here would cost every pull its index
        return lambda model: or_(and_(model.unit_code == unit, model.kind.not_in(NOT_FOR_NURSES)),
                                 and_(model.kind == "student_check", model.referral_unit == unit),
                                 and_(model.kind == "school_check", _record_id(model).in_(batches)))
    if user.role == "school":
        return lambda model: model.school_code == user.scope_code
    units, schools = units_of_county(user.scope_code), schools_of_county(user.scope_code)
    return lambda model: or_(model.unit_code.in_(units), model.school_code.in_(schools))


def _referred_batches(unit: str) -> list[str]:
    """The ids of the check batches of the students referred to a unit."""
    return list(db.session.execute(select(Record.parent_id).distinct().where(
        Record.referral_unit == unit, Record.kind == "student_check", Record.parent_id.is_not(None))).scalars())


def _record_id(model):
    return model.record_id if model is ScopeExit else model.id


# Fields a phone may ask to be left out (`omit`) as it has no use for them once stored: a guardian's signature image
# (10–64 KB each, never shown again on a phone; consents are immutable, so a pulled one is never sent back).
OMITTABLE = {"signature": "consent"}


def _record_change(row, omit=()) -> dict:
    if row.deleted:
        return {"kind": row.kind, "id": row.id, "rev": row.rev, "deleted": True, "data": None}
    change = {"kind": row.kind, "id": row.id, "rev": row.rev, "deleted": False, "data": row.data, "state": row.state}
    left_out = [f for f in omit if OMITTABLE.get(f) == row.kind and f in (row.data or {})]
    if left_out:
        change["data"] = {k: v for k, v in row.data.items() if k not in left_out}
        change["omitted"] = left_out
    return change


def pull_changes(user, cursor: str | None, limit: int, omit=()) -> dict:
    """One page of changes for a user after a cursor: {"cursor", "has_more", "changes"}; `omit` fields left out."""
    seq, old_digest = decode_cursor(cursor)
    changes = []
    reference, digest = reference_changes(county_code_for(user))
    if digest != old_digest:
        changes += reference_tombstones(old_digest, reference) + reference
        remember_snapshot(digest, reference)
    in_scope = scope_filter(user)
    rows = db.session.execute(
        select(Record.id, Record.kind, Record.rev, Record.deleted, Record.data, Record.state, Record.change_seq,
               Record.parent_id)
        .where(Record.change_seq > seq, in_scope(Record)).order_by(Record.change_seq).limit(limit + 1)).all()
    merged = sorted([(row.change_seq, _record_change(row, omit)) for row in rows] + _exits(in_scope, seq, limit),
                    key=lambda pair: pair[0])
    has_more = len(merged) > limit
    merged = merged[:limit]
    page = [change for _, change in merged]
    changes += _with_batches(page, rows) if user.role == "nurse" else page
    last = merged[-1][0] if merged else seq
    return {"cursor": encode_cursor(last, digest), "has_more": has_more, "changes": changes,
            "remaining": _remaining(in_scope, last) if has_more else 0}


def _with_batches(page: list[dict], rows) -> list[dict]:
    """A unit's page with the check batch of each referred student in it, ahead of the student, when the page does
    not carry it: the referral may come long after the batch was stored, behind the phone's cursor."""
    parents = {row.id: row.parent_id for row in rows if row.kind == "student_check" and not row.deleted}
    wanted = {parents[c["id"]] for c in page if c["id"] in parents} - {c["id"] for c in page}
    if not wanted:
        return page
    batches = {row.id: _record_change(row) for row in db.session.execute(
        select(Record.id, Record.kind, Record.rev, Record.deleted, Record.data, Record.state)
        .where(Record.id.in_(wanted), Record.kind == "school_check", Record.deleted.is_(False)))}
    out = []
    for change in page:
        batch = batches.pop(parents.get(change["id"]) if change["kind"] == "student_check" else None, None)
        if batch is not None:
            out.append(batch)
        out.append(change)
    return out


def _remaining(in_scope, seq: int) -> int:
    """About how many record changes are still to come after a page (for the phone's progress; tombstones of records
    that left the scope are not counted)."""
    return db.session.scalar(select(func.count()).select_from(Record).where(Record.change_seq > seq, in_scope(Record)))


def _exits(in_scope, seq: int, limit: int) -> list[tuple[int, dict]]:
    """Tombstones, with their change numbers, for records that left the scope (`scope_filter`) after `seq` and are
    not back in it (a student check re-referred to another unit, ...): the old scope's devices drop them."""
    still_in = func.coalesce(in_scope(Record), false())  # a NULL scope column is outside, not unknown
    rows = db.session.execute(
        select(ScopeExit.record_id, ScopeExit.kind, ScopeExit.change_seq, Record.rev)
        .join(Record, Record.id == ScopeExit.record_id)
        .where(ScopeExit.change_seq > seq, in_scope(ScopeExit), not_(still_in))
        .order_by(ScopeExit.change_seq).limit(limit + 1)).all()
    return [(r.change_seq, {"kind": r.kind, "id": r.record_id, "rev": r.rev, "deleted": True, "data": None})
            for r in rows]
