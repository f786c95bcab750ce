"""The push planner: decides each item's verdict in order, against the store view, and queues its writes.

Nothing here touches the database except through the view's on-demand loads; the rules are those of
records.md: replays are duplicates, edits need the current `base_rev`, consents are immutable, one zero
report per unit and period, references must already be stored (or come earlier in the push).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from webapp.domain.record_rules import DateCheck, impossible_dates
from webapp.services.sync.checks import date_messages, kind_errors, server_evaluation
from webapp.services.sync.permissions import author_errors, in_reach, out_of_reach, scope_errors
from webapp.services.sync.records import PARENT_FIELD, PARENT_KIND, content_hash, projection
from webapp.services.sync.view import Known, StoreView, references
from webapp.services.sync.write import Writes

# Kinds a stored record of which is never changed: a replay is a duplicate, any other content is refused.
IMMUTABLE = {
    "consent": _l("知情告知保存后不可修改；如需更正，请新建一份并在 supersedes 中填写原记录编号"),
    "child_merge": _l("合并记录保存后不可修改"),
}


@dataclass
class Item:
    """One push item after shape validation (`errors` set when it failed)."""

    id: str | None
    kind: str | None = None
    base_rev: int | None = None
    captured_at: datetime | None = None
    captured_by: str | None = None
    data: dict = field(default_factory=dict)
    loaded: dict = field(default_factory=dict)
    errors: dict | None = None


@dataclass
class Context:
    """The circumstances of one push: who carries it, from which device, at what clock offset."""

    user: object
    device_id: str
    offset_s: float
    now: datetime
    tz: object
    cadence: str
    tolerance_s: float


def result(item_id, status, **extra) -> dict:
    """One per-item result of a push."""
    return {"id": item_id, "status": status, **extra}


class Planner:
    """Plans the items of one push against a view, collecting writes."""

    def __init__(self, ctx: Context, view: StoreView):
        self.ctx, self.view, self.writes = ctx, view, Writes()
        self.dates = DateCheck(ctx.now, ctx.offset_s, ctx.tz, ctx.tolerance_s, date_messages())

    def plan(self, item: Item) -> dict:
        """The verdict for one item; accepted items are queued in `self.writes` and added to the view."""
        if item.errors:
            return result(item.id, "rejected", errors=item.errors)
        errors = author_errors(self.ctx.user, item.captured_by, self.view)
        existing = self.view.records.get(item.id)
        if errors is None and existing is not None and existing.kind != item.kind:
            errors = {"kind": [_("该编号已用于另一类记录")]}
        if errors:
            return result(item.id, "rejected", errors=errors)
        parent, wrong, missing = self._references(item, existing)
        if wrong:
            return result(item.id, "rejected", errors=wrong)
        if missing:
            return result(item.id, "deferred", errors=missing)
        errors = self._check(item, parent, existing)
        if errors:
            return result(item.id, "rejected", errors=errors)
        data, errors = server_evaluation(item.kind, item.data, item.loaded, parent.event_date if parent else None)
        if errors:
            return result(item.id, "rejected", errors=errors)
        digest = content_hash(data)
        if existing is not None:
            return self._against(item, existing, data, digest, parent)
        return self._store(item, data, digest, parent, None)

    def _references(self, item: Item, existing: Known | None):
        parent, wrong, missing = None, {}, {}
        for path, name, target in references(item.data):
            known = self.view.records.get(target)
            if known is None:
                missing[path] = [_("引用的记录尚未收到：%(id)s", id=target)]
            elif known.kind != PARENT_KIND[name]:
                wrong[path] = [_("引用的记录类型不符")]
            elif not self._reachable(item, existing, name, known):
                wrong.update(out_of_reach(path, known))
            elif name == PARENT_FIELD.get(item.kind):
                parent = known
        return parent, wrong, missing

    def _reachable(self, item: Item, existing: Known | None, name: str, target: Known) -> bool:
        """A reference must lie in the author's scope; one an edit keeps unchanged was checked when it was made."""
        if in_reach(self.view.users[item.captured_by], target, self.view):
            return True
        kept = self.view.data_of(existing.id).get(name) if existing is not None else None
        return kept == target.id or (isinstance(kept, list) and target.id in kept)

    def _check(self, item: Item, parent, existing) -> dict | None:
        author = self.view.users[item.captured_by]
        errors = scope_errors(author, item.kind, item.data, parent, existing, self.view)
        if errors:
            return errors
        return impossible_dates(item.kind, item.loaded, self.dates.fresh()) or None

    def _against(self, item: Item, existing: Known, data: dict, digest: str, parent) -> dict:
        if digest == existing.content_hash or self._same_but_evaluation(item, data, existing):
            return result(item.id, "duplicate", rev=existing.rev)
        old_rev = self.view.revision_rev(item.id, digest)
        if old_rev is not None and (item.base_rev is None or item.base_rev < existing.rev):
            # a replay of an earlier push; an edit on the current revision back to earlier content is an update
            return result(item.id, "duplicate", rev=old_rev)
        if existing.deleted:
            if item.kind == "child" and self.view.was_merged(item.id):
                return result(item.id, "rejected", errors={"id": [_("该儿童已合并到另一份档案，请在保留的档案上修改")]})
            return result(item.id, "rejected", errors={"id": [_("该记录已被县级管理员撤销，不能再修改")]})
        if item.kind in IMMUTABLE:
            return result(item.id, "rejected", errors={"id": [str(IMMUTABLE[item.kind])]})
        if item.base_rev is None or item.base_rev != existing.rev:
            current = {"kind": existing.kind, "id": existing.id, "rev": existing.rev,
                       "data": self.view.data_of(existing.id)}
            return result(item.id, "conflict", rev=existing.rev, current=current)
        return self._store(item, data, digest, parent, existing)

    def _same_but_evaluation(self, item: Item, data: dict, existing: Known) -> bool:
        """A replayed student check is a duplicate even if the server's evaluation changed since (new schedule);
        `data` carries the catch-up status the server derived, so a phone's stale status is no change either."""
        if item.kind != "student_check":
            return False
        stored = {k: v for k, v in self.view.data_of(existing.id).items() if k != "evaluation"}
        return stored == {k: v for k, v in data.items() if k != "evaluation"}

    def _store(self, item: Item, data: dict, digest: str, parent, existing: Known | None) -> dict:
        errors = kind_errors(item, parent, existing, self.view, self.ctx)
        if errors:
            return result(item.id, "rejected", errors=errors)
        row = self._row(item, data, digest, parent, existing)
        self.writes.store(row, existing, self.ctx.user.username)
        known = Known(id=item.id, kind=item.kind, rev=row["rev"], content_hash=digest, unit_code=row["unit_code"],
                      school_code=row["school_code"], parent_id=row["parent_id"], referral_unit=row["referral_unit"],
                      event_date=row["event_date"], period=row["period"], state=row["state"], data=data,
                      in_db=existing.in_db if existing else False)
        self.view.records[item.id] = known
        self._side_effects(item, known, parent, existing)
        return result(item.id, "updated" if existing else "created", rev=row["rev"])

    def _row(self, item: Item, data: dict, digest: str, parent, existing: Known | None) -> dict:
        ctx = self.ctx
        corrected = item.captured_at - timedelta(seconds=ctx.offset_s)
        school = self.view.school_unit.get(data.get("school_code") or "")
        columns = projection(item.kind, item.id, data, parent=parent, school_unit=school[0] if school else None,
                             captured_at=corrected, tz=ctx.tz, cadence_name=ctx.cadence)
        offset = item.captured_at.utcoffset()
        return {"id": item.id, "kind": item.kind, "rev": existing.rev + 1 if existing else 1, "data": data,
                "content_hash": digest, "captured_at": item.captured_at,
                "captured_offset_min": int(offset.total_seconds() // 60) if offset else 0,
                "corrected_at": corrected, "captured_by": item.captured_by, "device_id": ctx.device_id,
                "received_at": ctx.now, "updated_at": ctx.now, "deleted": False,
                "state": self._state(item, existing, columns), **columns}

    @staticmethod
    def _state(item: Item, existing: Known | None, columns: dict) -> str | None:
        if existing is None:
            return None
        if item.kind == "aefi_report" and existing.state == "returned":
            return "resubmitted"
        if item.kind == "aefi_zero_report" and existing.period != columns["period"]:
            return None
        return existing.state

    def _side_effects(self, item: Item, known: Known, parent, existing) -> None:
        view, now = self.view, self.ctx.now
        if item.kind == "consent" and item.data.get("supersedes"):
            self.writes.mark(view.records[item.data["supersedes"]], "superseded", now)
        elif item.kind == "aefi_report" and known.period:
            key = (known.unit_code, known.period)
            view.case_periods.add(key)
            zero_id = view.zero_reports.get(key)
            if zero_id and zero_id in view.records and view.records[zero_id].state != "contradicted":
                self.writes.mark(view.records[zero_id], "contradicted", now)
        elif item.kind == "aefi_zero_report":
            if existing is not None and existing.period != known.period:
                view.zero_reports.pop((existing.unit_code, existing.period), None)
            view.zero_reports[(known.unit_code, known.period)] = known.id
        elif item.kind == "aefi_review" and parent is not None and parent.state != item.data["status"]:
            self.writes.mark(parent, item.data["status"], now)
