"""Applying a stored `child_merge` (records.md): every record that references `merge_id` is re-pointed to `keep_id`
as a new revision (so phones receive it at their next pull), `merge_id` is tombstoned, and the merge is audited.

"Every record" includes those that arrive later: a phone that has not pulled the merge yet still sends records of
the merged child. Such a record is stored as sent (its first revision) and then re-pointed to the child kept, as a
new revision, audited (`repoint_late_records`), so it is never lost nor left on a tombstone.

Runs after the pipeline stored the merge record (push.py's follow-ups, or the registry pages through
`apply_item`), in the same transaction; its writes take change numbers from the same locked clock. The merged
child's record stays in the store, marked deleted, with every revision it had: readable in the revisions.
"""

from sqlalchemy import select

from webapp.dbtypes import utcnow
from webapp.extensions import db
from webapp.models import Record, RecordRevision
from webapp.services.audit import record_audit
from webapp.services.sync.changes import lock_change_log
from webapp.services.sync.records import content_hash

REFERENCING_FIELDS = ("child_id",)


MAX_CHAIN = 20  # merges followed from a merged child to the child finally kept (A into B, then B into C, ...)


def _repoint(record: Record, keep_id: str, merge_id: str, actor: str, now, clock, pushed_by: str | None = None) -> None:
    data = {k: (keep_id if k in REFERENCING_FIELDS and v == merge_id else v) for k, v in record.data.items()}
    record.data, record.child_id, record.content_hash = data, keep_id, content_hash(data)
    record.rev, record.updated_at, record.change_seq = record.rev + 1, now, clock.next()
    db.session.add(RecordRevision(record_id=record.id, rev=record.rev, data=data, content_hash=record.content_hash,
                                  captured_at=now, captured_by=actor, pushed_by=pushed_by or actor, device_id="merge"))


def apply_merge(actor, merge: Record) -> list[str]:
    """Re-point the merged child's records to the kept child and tombstone the merged child; returns the ids
    of the records re-pointed. Flushes, never commits."""
    keep_id, merge_id = merge.data["keep_id"], merge.data["merge_id"]
    db.session.flush()
    clock, now, name = lock_change_log(), utcnow(), actor.username
    moved = list(db.session.execute(select(Record).where(
        Record.child_id == merge_id, Record.kind != "child", Record.deleted.is_(False))).scalars())
    for record in moved:
        _repoint(record, keep_id, merge_id, name, now, clock)
    child = db.session.get(Record, merge_id)
    child.deleted, child.updated_at, child.change_seq = True, now, clock.next()
    clock.save()
    record_audit(actor, "child.merge", "child", merge_id, before={"rev": child.rev, "unit_code": child.unit_code},
                 after={"keep_id": keep_id, "merge_record": merge.id, "repointed": [r.id for r in moved]},
                 scope_code=merge.unit_code)
    db.session.flush()
    return [r.id for r in moved]


def merge_of(child_id: str) -> Record | None:
    """The stored merge that merged a child away, if any."""
    return db.session.execute(select(Record).where(
        Record.kind == "child_merge", Record.deleted.is_(False), Record.data["merge_id"].as_string() == child_id)
        .order_by(Record.change_seq).limit(1)).scalar_one_or_none()


def surviving_child(child_id: str) -> tuple[str, Record] | None:
    """(the live child a merged child now is, the last merge on the way), following merges of kept children too;
    None when the child was not merged (live, unknown, or withdrawn by an administrator)."""
    current, last = child_id, None
    for _ in range(MAX_CHAIN):
        child = db.session.get(Record, current)
        if child is None or child.kind != "child":
            return None
        if not child.deleted:
            return (current, last) if last is not None else None
        merge = merge_of(current)
        if merge is None:
            return None
        current, last = merge.data["keep_id"], merge
    return None


def repoint_late_records(actor, record_ids: list[str]) -> dict[str, int]:
    """Records just stored that name a child merged away before they arrived: each re-pointed to the child kept, as a
    new revision, audited; returns {record id: its new rev}. Flushes, never commits."""
    rows = [r for r in db.session.execute(select(Record).where(
        Record.id.in_(record_ids), Record.kind.not_in(("child", "child_merge")), Record.child_id.is_not(None),
        Record.deleted.is_(False))).scalars()] if record_ids else []
    gone = set(db.session.execute(select(Record.id).where(
        Record.id.in_({r.child_id for r in rows}), Record.kind == "child", Record.deleted.is_(True))).scalars()) \
        if rows else set()
    late = [r for r in rows if r.child_id in gone]
    if not late:
        return {}
    clock, now, out = lock_change_log(), utcnow(), {}
    for record in late:
        found = surviving_child(record.child_id)
        if found is None:
            continue  # withdrawn, not merged: nothing to follow
        keep_id, merge = found
        merged_id, rev = record.child_id, record.rev
        _repoint(record, keep_id, merged_id, merge.captured_by, now, clock, pushed_by=actor.username)
        record_audit(actor, "child.merge.follow", record.kind, record.id,
                     before={"rev": rev, "child_id": merged_id},
                     after={"rev": record.rev, "child_id": keep_id, "merge_record": merge.id},
                     scope_code=record.unit_code)
        out[record.id] = record.rev
    clock.save()
    db.session.flush()
    return out
