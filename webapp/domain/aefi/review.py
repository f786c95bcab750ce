"""The county's review actions as pure transitions of an aefi_review data object (records.md)."""

from webapp.domain.aefi.causality import classification_error, default_who, is_classified
from webapp.domain.aefi.clocks import parse_dt

ACTIONS = ("receive", "investigate", "classify", "return", "close")
STATUSES = ("received", "investigating", "returned", "closed")


def next_review(aefi_id: str, current: dict, action: str, values: dict) -> tuple[dict, dict]:
    """The review data after an action, and {field: error code} (empty when the action is valid)."""
    data = {"aefi_id": aefi_id, "status": "received", **(current or {})}
    step = _STEPS.get(action)
    if step is None:
        return data, {"action": "unknown"}
    errors = step(data, values)
    return _clean(data), errors


def _receive(data, values):
    data["status"] = "received"
    return {}


def _investigate(data, values):
    """Investigation times; a preliminary report time is checked here but kept beside the record."""
    started = values.get("investigation_started_at") or data.get("investigation_started_at")
    if not started:
        return {"investigation_started_at": "required"}
    for key in ("investigation_reported_at", "preliminary_reported_at"):
        if values.get(key) and parse_dt(values[key]) < parse_dt(started):
            return {key: "before_start"}
    data["investigation_started_at"] = started
    if values.get("investigation_reported_at"):
        data["investigation_reported_at"] = values["investigation_reported_at"]
    data["status"] = "investigating"
    return {}


def _classify(data, values):
    final_class, who = values.get("final_class"), values.get("who_causality") or None
    if not final_class:
        return {"final_class": "required"}
    field = classification_error(final_class, who)
    if field:
        return {field: "inconsistent" if field == "who_causality" else "unknown"}
    data["final_class"] = final_class
    data["who_causality"] = who or default_who(final_class)
    if values.get("note"):
        data["note"] = values["note"]
    return {}


def _return(data, values):
    reason = (values.get("return_reason") or "").strip()
    if not reason:
        return {"return_reason": "required"}
    data["status"], data["return_reason"] = "returned", reason
    return {}


def _close(data, values):
    if not is_classified(data.get("final_class")):
        return {"final_class": "required_to_close"}
    data["status"] = "closed"
    if values.get("note"):
        data["note"] = values["note"]
    return {}


def _clean(data: dict) -> dict:
    """Drop empty values, and the return reason once the report is no longer returned."""
    out = {k: v for k, v in data.items() if v not in (None, "")}
    if out.get("status") != "returned":
        out.pop("return_reason", None)
    return out


_STEPS = {"receive": _receive, "investigate": _investigate, "classify": _classify, "return": _return,
          "close": _close}
