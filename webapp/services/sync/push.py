"""Push: a device's batch, checked, applied through the pipeline, then the areas' follow-ups (records.md, "Push").

The pipeline (`pipeline.py`) decides and writes the verdicts; what one area does after another area's record is
stored (a catch-up vaccination closing a school referral) runs here, after the pipeline, not inside it.
"""

from flask import current_app
from flask_babel import gettext as _
from marshmallow import ValidationError

from webapp.dbtypes import utcnow
from webapp.errors import ApiError
from webapp.extensions import db
from webapp.models import Record
from webapp.schemas.sync import PushRequestSchema
from webapp.services.audit import record_audit
from webapp.services.registry.merge import apply_merge, repoint_late_records
from webapp.services.schools.catch_up import CatchUpError, on_vaccination_stored
from webapp.services.sync.pipeline import apply_items, plain_errors, push_context, validate_item
from webapp.services.sync.plan import Item


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


def apply_push(user, body: dict, token=None) -> dict:
    """Apply a loaded push body for a user; update the device token's sync status; returns the response body."""
    now = utcnow()
    offset = (body["device_time"] - now).total_seconds() if body.get("device_time") else None
    items = [validate_item(raw) for raw in body["items"]]
    ctx = push_context(user, body["device_id"], offset or 0.0)
    results = apply_items(ctx, items)
    _close_referrals(ctx, items, results)
    _apply_merges(ctx, items, results)
    _follow_merges(ctx, items, results)
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


def _close_referrals(ctx, items: list[Item], results: list[dict]) -> None:
    """A stored catch-up vaccination updates the school referral it answers (the schools area's follow-up)."""
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


def _follow_merges(ctx, items: list[Item], results: list[dict]) -> None:
    """A record stored for a child merged before it arrived (its phone had not pulled the merge) is re-pointed to the
    child kept as a new revision; its result carries that revision, which the phone's next pull brings."""
    stored = [res for item, res in zip(items, results, strict=True)
              if res["status"] in ("created", "updated") and item.data.get("child_id")]
    revs = repoint_late_records(ctx.user, [res["id"] for res in stored])
    for res in stored:
        if res["id"] in revs:
            res["rev"] = revs[res["id"]]


def _apply_merges(ctx, items: list[Item], results: list[dict]) -> None:
    """A stored child merge re-points the merged child's records and tombstones it (the registry's follow-up)."""
    for item, res in zip(items, results, strict=True):
        if item.kind == "child_merge" and res["status"] == "created":
            apply_merge(ctx.user, db.session.get(Record, item.id))
