"""Push: apply a device's items to the record store, one verdict per item (records.md, "Push").

Other areas write synced records through `apply_item` (the county's AEFI review page, catch-up entry), so
offline and online writes obey the same rules. Both flush and never commit: the caller commits once.

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
from webapp.errors import ApiError, is_db_unavailable
from webapp.extensions import db
from webapp.models import Record
from webapp.schemas.base import flatten_errors
from webapp.schemas.records import schema_for
from webapp.schemas.sync import PushItemSchema, PushRequestSchema
from webapp.services.audit import record_audit
from webapp.services.changes import lock_change_log
from webapp.services.records import cadence, county_zone
from webapp.services.sync_plan import Context, Item, Planner, result
from webapp.services.sync_view import REF_FIELDS, load_view

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
        env = _ENVELOPE.load(raw)
    except ValidationError as err:
        return Item(id=item_id, errors=plain_errors(err.messages))
    try:
        loaded = schema_for(env["kind"]).load(env["data"])
    except ValidationError as err:
        return Item(id=item_id, kind=env["kind"], errors=plain_errors(err.messages))
    return Item(id=env["id"], kind=env["kind"], base_rev=env.get("base_rev"), captured_at=env["captured_at"],
                captured_by=env["captured_by"], data=env["data"], loaded=loaded)


def check_push_size(payload) -> None:
    """413 when a push carries more items than SYNC_MAX_ITEMS; 426 when its schema_version is too old."""
    if not isinstance(payload, dict):
        return
    limit = current_app.config["SYNC_MAX_ITEMS"]
    if isinstance(payload.get("items"), list) and len(payload["items"]) > limit:
        raise ApiError(413, _("每次最多提交 %(n)d 条记录，请分批发送", n=limit), max_items=limit)
    version, oldest = payload.get("schema_version"), current_app.config["SYNC_MIN_SCHEMA_VERSION"]
    if isinstance(version, int) and not isinstance(version, bool) and version < oldest:
        raise ApiError(426, _("应用的数据版本 %(v)d 过旧，服务器需要版本 %(need)d 或更新，请更新应用后再同步",
                              v=version, need=oldest),
                       min_schema_version=oldest, schema_version=current_app.config["SYNC_SCHEMA_VERSION"])


def load_push(payload) -> dict:
    """The push body after the envelope check (422 naming each field, 400 when it is not an object)."""
    if payload is None:
        raise ApiError(400, _("请求体不是有效的 JSON"))
    check_push_size(payload)
    try:
        body = PushRequestSchema().load(payload)
    except ValidationError as err:
        raise ApiError(422, _("数据无效，请检查标出的字段"), errors=plain_errors(err.messages)) from None
    if body["schema_version"] > current_app.config["SYNC_SCHEMA_VERSION"]:
        raise ApiError(422, _("数据无效，请检查标出的字段"), errors={"schema_version": [
            _("服务器尚不支持数据版本 %(v)d", v=body["schema_version"])]})
    return body


def _context(user, device_id: str, offset_s: float) -> Context:
    return Context(user=user, device_id=device_id, offset_s=offset_s, now=utcnow(), tz=county_zone(),
                   cadence=cadence(), tolerance_s=current_app.config.get("SYNC_CLOCK_TOLERANCE_S", 900))


def apply_push(user, body: dict, token=None) -> dict:
    """Apply a loaded push body for a user; update the device token's sync status; returns the response body."""
    now = utcnow()
    offset = (body["device_time"] - now).total_seconds() if body.get("device_time") else None
    items = [validate_item(raw) for raw in body["items"]]
    results = apply_items(_context(user, body["device_id"], offset or 0.0), items)
    _audit_rejections(user, body["device_id"], items, results)
    if token is not None:
        token.last_sync_at, token.app_version, token.clock_offset_s = now, body.get("app_version"), offset
        token.outbox_depth, token.oldest_unsynced_at = body.get("outbox_depth"), body.get("oldest_unsynced_at")
    db.session.flush()
    return {"server_time": now, "clock_offset_s": None if offset is None else round(offset, 1), "results": results}


def _audit_rejections(user, device_id: str, items: list[Item], results: list[dict]) -> None:
    """Every rejected item leaves an audit event (field paths and messages only, never the submitted values)."""
    for item, res in zip(items, results, strict=True):
        if res["status"] == "rejected":
            record_audit(user, "sync.reject", item.kind or "record", str(res["id"] or "-")[:64],
                         after={"device_id": device_id, "errors": res.get("errors")}, scope_code=user.scope_code)


def apply_item(user, item: dict, device_id: str = "web") -> dict:
    """Apply one record for a signed-in user on the server side, exactly as a push item would be.

    `item` is a push item: {"kind", "id", "base_rev", "captured_at", "captured_by", "data"} (records.md).
    Returns the same per-item result as a push: {"id", "status", "rev"?, "errors"?, "current"?}.
    Flushes, never commits; the caller's transaction holds the change-log lock until it commits, so commit soon.
    """
    return apply_items(_context(user, device_id, 0.0), [validate_item(item)])[0]


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
    _close_referrals(ctx, items, results)
    return results


def _close_referrals(ctx: Context, items: list[Item], results: list[dict]) -> None:
    """A stored catch-up vaccination updates the school referral it answers (schools area's hook)."""
    from webapp.services.school_catch_up import CatchUpError, on_vaccination_stored

    for item, res in zip(items, results, strict=True):
        if item.kind != "vaccination" or res["status"] not in ("created", "updated"):
            continue
        if item.data.get("strategy") != "catch_up":
            continue
        record = db.session.get(Record, item.id)
        try:
            on_vaccination_stored(ctx.user, record)
        except CatchUpError:
            current_app.logger.warning("catch-up vaccination %s did not update its referral", item.id)


def _apply_batch(ctx: Context, items: list[Item], clock):
    valid = [i for i in items if not i.errors]
    ids = {i.id for i in valid} | {i.data[f] for i in valid for f in REF_FIELDS if isinstance(i.data.get(f), str)}
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
    from webapp.domain.record_rules import case_period
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
    from webapp.services.audit import record_audit

    record = db.get_or_404(Record, record_id)
    db.session.flush()
    clock = lock_change_log()
    record.deleted, record.updated_at, record.change_seq = True, utcnow(), clock.next()
    clock.save()
    record_audit(actor, "record.delete", record.kind, record.id, before={"rev": record.rev}, after={"deleted": True},
                 scope_code=record.unit_code or record.school_code)
    db.session.flush()
    return record
