"""Internal-consistency checks of a monthly report, and its differences from the figures as submitted."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    """One inconsistency: `code` (given_over_due, rate_over_100, due_without_sessions), where, and the figures."""

    code: str
    village_code: str | None
    group: str | None
    due: int
    given: int


def consistency(report: dict, sessions: dict) -> list[Check]:
    """实种 > 应种 in a row, a total's rate over 100 %, a village with 应种 but no vaccination day in the month
    (`sessions`: village code → days the unit vaccinated that village's children)."""
    out = [Check("given_over_due", r["village_code"], r["group"], r["due"], r["given"])
           for r in report["rows"] if r["given"] > r["due"]]
    out += [Check("rate_over_100", None, t["group"], t["due"], t["given"])
            for t in report["totals"] if t["rate"] is not None and t["rate"] > 100]
    due_by_village: dict = {}
    for r in report["rows"]:
        due_by_village[r["village_code"]] = due_by_village.get(r["village_code"], 0) + r["due"]
    out += [Check("due_without_sessions", village, None, due, 0) for village, due in due_by_village.items()
            if due and not sessions.get(village)]
    return out


def differences(submitted: dict, current: dict) -> list[dict]:
    """Every (village, group) figure that differs now from the submitted report: {village_code, group, field,
    submitted, now}."""
    def keyed(report):
        return {(r["village_code"], r["group"]): r for r in report["rows"]}

    before, now = keyed(submitted), keyed(current)
    out = []
    for key in sorted(set(before) | set(now), key=lambda k: (k[0] or "", k[1])):
        for name in ("due", "given", "migrant_due", "migrant_given"):
            old, new = before.get(key, {}).get(name, 0), now.get(key, {}).get(name, 0)
            if old != new:
                out.append({"village_code": key[0], "group": key[1], "field": name, "submitted": old, "now": new})
    return out
