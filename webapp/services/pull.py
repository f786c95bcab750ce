"""Pull: everything a user's devices need that changed since a cursor (records.md, "Pull").

The cursor is opaque to the client: it holds the highest change number delivered (see
webapp/services/changes.py for why that is safe under concurrent writers) and the digest of the reference
data delivered. Reference data is sent whole, ahead of the records, whenever its digest changed; `limit`
bounds the records of one page.
"""

import base64
import binascii

from flask_babel import gettext as _
from sqlalchemy import and_, or_, select

from webapp.errors import ApiError
from webapp.extensions import db
from webapp.models import Record
from webapp.services.reference import reference_changes, reference_tombstones, remember_snapshot
from webapp.services.scope import county_code_for, schools_of_county, units_of_county

CURSOR_VERSION = "1"


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
        if version != CURSOR_VERSION or int(seq) < 0:
            raise ValueError(text)
        return int(seq), digest
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError(422, _("数据无效，请检查标出的字段"),
                       errors={"cursor": [_("同步游标无效，请重新全量同步")]}) from None


def scope_filter(user):
    """The records a user's devices receive."""
    if user.role == "nurse":
        unit = user.scope_code
        return or_(and_(Record.unit_code == unit, Record.kind.not_in(("school_check", "student_check"))),
                   and_(Record.kind == "student_check", Record.referral_unit == unit))
    if user.role == "school":
        return Record.school_code == user.scope_code
    return or_(Record.unit_code.in_(units_of_county(user.scope_code)),
               Record.school_code.in_(schools_of_county(user.scope_code)))


def _record_change(row) -> dict:
    if row.deleted:
        return {"kind": row.kind, "id": row.id, "rev": row.rev, "deleted": True, "data": None}
    return {"kind": row.kind, "id": row.id, "rev": row.rev, "deleted": False, "data": row.data, "state": row.state}


def pull_changes(user, cursor: str | None, limit: int) -> dict:
    """One page of changes for a user after a cursor: {"cursor", "has_more", "changes"}."""
    seq, old_digest = decode_cursor(cursor)
    changes = []
    reference, digest = reference_changes(county_code_for(user))
    if digest != old_digest:
        changes += reference_tombstones(old_digest, reference) + reference
        remember_snapshot(digest, reference)
    rows = db.session.execute(
        select(Record.id, Record.kind, Record.rev, Record.deleted, Record.data, Record.state, Record.change_seq)
        .where(Record.change_seq > seq, scope_filter(user)).order_by(Record.change_seq).limit(limit + 1)).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes += [_record_change(row) for row in rows]
    last = rows[-1].change_seq if rows else seq
    return {"cursor": encode_cursor(last, digest), "has_more": has_more, "changes": changes}
