"""The catch-up rules of a school referral, pure: a student's evaluation at check and the catch-up status.

`derive_status` is what the server stores as `catch_up_status` for any revision of a student_check (the sync
pipeline calls it when it recomputes `evaluation`); `as_counted` is a student as the school indicators count it.
"""

import contextlib
from datetime import date

from webapp.domain.schedule import evaluate


def _evaluate(birth_date: str, on_date: str, doses: list[dict]) -> dict:
    dated = [{"vaccine": d["vaccine"], "date": date.fromisoformat(str(d["date"]))} for d in doses]
    return evaluate(date.fromisoformat(str(birth_date)), date.fromisoformat(str(on_date)), dated)


def evaluate_at_check(data: dict, checked_on: str | None) -> dict | None:
    """The evaluation of the certificate doses alone on the check day (catch-up doses excluded), or None."""
    if not checked_on:
        return None
    try:
        return _evaluate(data["birth_date"], checked_on, data.get("doses") or [])
    except (KeyError, TypeError, ValueError):
        return None


def catch_up_status(missing_at_check: list[dict], still_missing: list[dict], catch_up: list[dict],
                    contraindication: dict | None = None) -> str:
    """not_needed / pending / partial / complete / contraindicated, from the doses still missing of those at check.

    `still_missing` is the schedule evaluation after the catch-up doses; only the doses that were missing at
    check count, so a dose that fell due after the check does not reopen a closed referral.
    """
    if not missing_at_check:
        return "not_needed"
    at_check = {(m.get("series"), m.get("dose")) for m in missing_at_check}
    remaining = [m for m in still_missing if (m.get("series"), m.get("dose")) in at_check]
    if not remaining:
        return "complete"
    if contraindication and contraindication.get("reason"):
        return "contraindicated"
    return "partial" if catch_up else "pending"


def derive_status(data: dict, contraindication: dict | None = None, missing_at_check: list | None = None) -> str:
    """The catch_up_status of a student_check from the doses missing at check and its catch-up doses."""
    if missing_at_check is None:
        missing_at_check = (data.get("evaluation") or {}).get("missing") or []
    catch_up = data.get("catch_up") or []
    if not missing_at_check:
        return "not_needed"
    still = missing_at_check
    if catch_up:
        last = max(str(c["date"]) for c in catch_up)
        doses = [{"vaccine": d["vaccine"], "date": d["date"]} for d in (data.get("doses") or []) + catch_up]
        still = _evaluate(data["birth_date"], last, doses)["missing"]
    if contraindication is None and data.get("catch_up_status") == "contraindicated":
        contraindication = {"reason": "contraindicated"}
    return catch_up_status(missing_at_check, still, catch_up, contraindication)


def as_counted(data: dict, checked_on: str | None, contraindication: dict | None = None) -> dict:
    """A student as the indicators count it: the evaluation at check and the catch-up status derived from the doses.

    The stored `evaluation` is the server's, of the certificate doses on the check day (the sync pipeline computes
    it); it is recomputed here only when missing. The catch-up status is always derived from the catch-up doses,
    so a phone's stale or wrong `catch_up_status` never reaches a report.
    """
    at_check = data.get("evaluation") or evaluate_at_check(data, checked_on)
    out = dict(data)
    if contraindication:
        out["contraindication"] = contraindication
    if not at_check:
        return out
    out["evaluation"] = at_check
    with contextlib.suppress(KeyError, TypeError, ValueError):
        out["catch_up_status"] = derive_status(data, contraindication, at_check.get("missing") or [])
    return out
