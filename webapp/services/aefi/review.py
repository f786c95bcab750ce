"""Review actions on an AEFI case: each writes the case's aefi_review record through the sync pipeline
(so it is an ordinary record the reporting unit's phones pull) and an audit event.
"""

import uuid

from flask_babel import lazy_gettext as _l

from webapp.dbtypes import utcnow
from webapp.domain.aefi.clocks import parse_dt
from webapp.domain.aefi.review import next_review
from webapp.extensions import db
from webapp.models.aefi import AefiPreliminaryReport
from webapp.services.audit import record_audit
from webapp.services.sync.pipeline import apply_item

ERROR_TEXT = {
    "required": _l("此项为必填项"),
    "before_start": _l("不能早于调查开始时间"),
    "inconsistent": _l("WHO 因果关系与最终分类不一致"),
    "unknown": _l("未知的取值"),
    "required_to_close": _l("结案前须先给出最终分类"),
}


class ReviewError(Exception):
    """A review action that cannot be applied; `errors` maps a field to a message."""

    def __init__(self, errors: dict):
        super().__init__(", ".join(errors))
        self.errors = errors


def review_case(user, case, action: str, values: dict):
    """Apply one review action to a case (already scope-checked); returns the review record's result."""
    before = dict(case.review_data)
    data, errors = next_review(case.id, before, action, values)
    if errors:
        raise ReviewError({field: str(ERROR_TEXT.get(code, code)) for field, code in errors.items()})
    item = {"kind": "aefi_review", "id": case.review.id if case.review else str(uuid.uuid4()),
            "base_rev": case.review.rev if case.review else None, "captured_at": utcnow().isoformat(),
            "captured_by": user.username, "data": data}
    result = _apply(user, item)
    if result.get("status") == "conflict":
        raise ReviewError({"status": str(_l("该个案刚被他人修改，请刷新页面后再操作"))})
    if result.get("status") not in ("created", "updated", "duplicate"):
        errors = result.get("errors") or {"status": [result.get("status")]}
        raise ReviewError({k: "; ".join(map(str, v)) for k, v in errors.items()})
    after = dict(data)
    if action == "investigate" and values.get("preliminary_reported_at"):
        after["preliminary_reported_at"] = record_preliminary_report(user, case.id, values["preliminary_reported_at"])
    record_audit(user, f"aefi_review.{action}", "aefi_report", case.id, before=before or None, after=after,
                 scope_code=case.unit)
    return result


def record_preliminary_report(user, aefi_id: str, reported_at: str) -> str:
    """Store when the preliminary investigation report was made (not a field of aefi_review); flushes."""
    row = db.session.get(AefiPreliminaryReport, aefi_id) or AefiPreliminaryReport(aefi_id=aefi_id)
    row.reported_at, row.recorded_by, row.recorded_at = parse_dt(reported_at), user.username, utcnow()
    db.session.add(row)
    db.session.flush()
    return reported_at


def _apply(user, item) -> dict:

    return apply_item(user, item, device_id="web")
