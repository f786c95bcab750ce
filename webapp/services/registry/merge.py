"""Applying a stored `child_merge` (records.md): every record that references `merge_id` is re-pointed to `keep_id`
as a new revision (so phones receive it at their next pull), `merge_id` is tombstoned, and the merge is audited.

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


def _repoint(record: Record, keep_id: str, merge_id: str, actor: str, now, clock) -> None:
    data = {k: (keep_id if k in REFERENCING_FIELDS and v == merge_id else v) for k, v in record.data.items()}
    record.data, record.child_id, record.content_hash = data, keep_id, content_hash(data)
    record.rev, record.updated_at, record.change_seq = record.rev + 1, now, clock.next()
    db.session.add(RecordRevision(record_id=record.id, rev=record.rev, data=data, content_hash=record.content_hash,
                                  captured_at=now, captured_by=actor, pushed_by=actor, device_id="merge"))


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
