"""The write pipeline: apply validated items to the record store, one verdict per item (records.md, "Push").

The push entry point (`push.py`) and other areas write synced records through it (`apply_item`: the county's
AEFI review page, catch-up entry), so offline and online writes obey the same rules. Both flush and never
commit: the caller commits once.

Fast path: validate every item, lock the change log, fetch what the batch needs in a few queries, decide
all verdicts in order, and write the accepted ones in a few bulk statements inside one SAVEPOINT. If the
database refuses that bulk write, the SAVEPOINT is rolled back and the items are applied again one by one,
each in its own SAVEPOINT, so one bad item never blocks the others.
"""

from flask import current_app
from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy.exc import DBAPIError

from webapp.dbtypes import utcnow
from webapp.domain.record_rules import case_period
from webapp.errors import is_db_unavailable
from webapp.extensions import db
from webapp.models import Record
from webapp.schemas.base import flatten_errors
from webapp.schemas.records import schema_for
from webapp.schemas.sync import PushItemSchema, plainly_valid_item
from webapp.services import county
from webapp.services.audit import record_audit
from webapp.services.sync.changes import lock_change_log
from webapp.services.sync.plan import Context, Item, Planner, result
from webapp.services.sync.view import load_view, references

_ENVELOPE = PushItemSchema()


def plain_errors(messages) -> dict[str, list[str]]:
    """marshmallow messages (possibly lazy strings) as {"field.path": [text]}."""
    def plain(value):
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return str(value)
    return flatten_errors(plain(messages))


def validate_item(raw) -> Item:
    """Check one raw push item's envelope and data shape; errors name the field (data fields by their path)."""
    if not isinstance(raw, dict):
        return Item(id=None, errors={"_schema": [_("应为对象")]})
    item_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    try:
        env = plainly_valid_item(raw, _ENVELOPE) or _ENVELOPE.load(raw)
    except ValidationError as err:
        return Item(id=item_id, errors=plain_errors(err.messages))
    try:
        loaded = schema_for(env["kind"]).load(env["data"])
    except ValidationError as err:
        return Item(id=item_id, kind=env["kind"], errors=plain_errors(err.messages))
    return Item(id=env["id"], kind=env["kind"], base_rev=env.get("base_rev"), captured_at=env["captured_at"],
                captured_by=env["captured_by"], data=env["data"], loaded=loaded)






def push_context(user, device_id: str, offset_s: float) -> Context:
    """The verdicts' context: who writes, from which device, its clock offset, now, the county's zone and cadence."""
    return Context(user=user, device_id=device_id, offset_s=offset_s, now=utcnow(), tz=county.zone(),
                   cadence=county.cadence(), tolerance_s=current_app.config.get("SYNC_CLOCK_TOLERANCE_S", 900))






def apply_item(user, item: dict, device_id: str = "web") -> dict:
    """Apply one record for a signed-in user on the server side, exactly as a push item would be.

    `item` is a push item: {"kind", "id", "base_rev", "captured_at", "captured_by", "data"} (records.md).
    Returns the same per-item result as a push: {"id", "status", "rev"?, "errors"?, "current"?}.
    Flushes, never commits; the caller's transaction holds the change-log lock until it commits, so commit soon.
    """
    return apply_items(push_context(user, device_id, 0.0), [validate_item(item)])[0]


def apply_items(ctx: Context, items: list[Item]) -> list[dict]:
    """Verdicts for validated items, in order; accepted items are written (flushed, not committed)."""
    db.session.flush()
    clock = lock_change_log()
    try:
        with db.session.begin_nested():
            results, written = _apply_batch(ctx, items, clock)
    except DBAPIError as err:
        if is_db_unavailable(err):
            raise  # a database that is away or full is a 503 for the whole push, never per-item rejections
        results, written = _apply_one_by_one(ctx, items, clock)
    except Exception:  # noqa: BLE001  (a fault with one item must not block the others: isolate it below)
        current_app.logger.exception("push batch failed; applying its items one by one")
        results, written = _apply_one_by_one(ctx, items, clock)
    _expire(written)
    return results




def _apply_batch(ctx: Context, items: list[Item], clock):
    valid = [i for i in items if not i.errors]
    ids = {i.id for i in valid} | {target for i in valid for _path, _name, target in references(i.data)}
    users = {i.captured_by for i in valid}
    view = load_view(ids, users, _unit_periods(ctx, valid))
    planner = Planner(ctx, view)
    results = [planner.plan(item) for item in items]
    return results, planner.writes.flush(clock)


def _apply_one_by_one(ctx: Context, items: list[Item], clock):
    results, written = [], []
    for item in items:
        try:
            with db.session.begin_nested():
                (res,), done = _apply_batch(ctx, [item], clock)
            written += done
        except DBAPIError as err:
            if is_db_unavailable(err):
                raise
            current_app.logger.warning("push item %s refused by the database", item.id)
            res = result(item.id, "rejected", errors={"_schema": [_("服务器无法保存此记录，请联系县级管理员")]})
        except Exception:  # noqa: BLE001  (logged with its stack; the item is set aside, the others go on)
            current_app.logger.exception("push item %s (%s) could not be processed", item.id, item.kind)
            res = result(item.id, "rejected", errors={"_schema": [_("服务器无法处理此记录，请联系县级管理员")]})
        results.append(res)
    return results, written


def _unit_periods(ctx: Context, items: list[Item]) -> set[tuple[str, str]]:
    out = set()
    for item in items:
        if item.kind == "aefi_zero_report":
            out.add((item.data["unit_code"], item.data["period"]))
        elif item.kind == "aefi_report":
            out.add((item.data["unit_code"], case_period(item.loaded["onset_at"], ctx.tz, ctx.cadence)))
    return out


def _expire(ids: list[str]) -> None:
    """Objects of written records that the caller holds in its session are refreshed on next access."""
    wanted = set(ids)
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, Record) and obj.id in wanted:
            db.session.expire(obj)


def delete_record(actor, record_id: str) -> Record:
    """Withdraw a record (an admin correcting an error): kept, marked deleted; devices get a tombstone."""
    record = db.get_or_404(Record, record_id)
    db.session.flush()
    clock = lock_change_log()
    record.deleted, record.updated_at, record.change_seq = True, utcnow(), clock.next()
    clock.save()
    record_audit(actor, "record.delete", record.kind, record.id, before={"rev": record.rev}, after={"deleted": True},
                 scope_code=record.unit_code or record.school_code)
    db.session.flush()
    return record
